"""The one hazm normalizer of the process, built on first use (it costs over a second).

hazm's ``__init__`` imports its POS tagger, chunker, parsers and corpus readers, which pull in
nltk and python-crfsuite; the packaged bundle leaves those out. So hazm's modules are loaded
here without running ``hazm/__init__.py``: only the normalizer and what it imports (word
tokenizer, lemmatizer, stemmer, lexicon data). Their two nltk base classes are abstract
interfaces with nothing to run; while they load, small equivalents stand in for them unless
nltk is already imported.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Protocol

from annotator.lazy import lazy

if TYPE_CHECKING:  # asked when a project is created (annotator/lazy.py)
    from importlib import metadata
else:
    metadata = lazy("importlib.metadata")

# The hazm modules the program loads; the bundle needs nothing else of hazm.
HAZM_MODULES = ("hazm.normalizer", "hazm.word_tokenizer", "hazm.sentence_tokenizer",
                "hazm.lemmatizer")


class SpacingNormalizer(Protocol):
    """The two hazm repairs the ``hazm`` level uses."""

    def correct_spacing(self, text: str) -> str: ...

    def seperate_mi(self, text: str) -> str: ...


class TokenizerI(ABC):
    """nltk's tokenizer interface as hazm's tokenizers use it: they override ``tokenize``."""

    @abstractmethod
    def tokenize(self, s: str) -> list[str]: ...

    def tokenize_sents(self, strings: list[str]) -> list[list[str]]:
        return [self.tokenize(s) for s in strings]


class StemmerI(ABC):
    """nltk's stemmer interface: hazm's ``Stemmer`` overrides ``stem``."""

    @abstractmethod
    def stem(self, token: str) -> str: ...


_lock = threading.RLock()
_normalizer: SpacingNormalizer | None = None
_modules: dict[str, types.ModuleType] = {}


def _stand_ins() -> dict[str, types.ModuleType]:
    """Modules named like nltk's that hold only the two interfaces hazm's modules subclass."""
    made = {name: types.ModuleType(name) for name in
            ("nltk", "nltk.tokenize", "nltk.tokenize.api", "nltk.stem", "nltk.stem.api")}
    for package in ("nltk", "nltk.tokenize", "nltk.stem"):
        made[package].__path__ = []
    made["nltk.tokenize.api"].TokenizerI = TokenizerI  # type: ignore[attr-defined]
    made["nltk.stem.api"].StemmerI = StemmerI  # type: ignore[attr-defined]
    return made


def load_hazm_modules() -> dict[str, types.ModuleType]:
    """hazm's modules in ``HAZM_MODULES``, loaded without ``hazm/__init__.py`` or nltk; once.

    A later ``import hazm`` (tests compare against hazm's own classes) still runs hazm's
    ``__init__`` in full and reuses these modules.
    """
    with _lock:
        if not _modules:
            _modules.update(_load())  # all or nothing: a failed load is tried again next time
        return _modules


def _load() -> dict[str, types.ModuleType]:
    loaded: dict[str, types.ModuleType] = {}
    added: list[str] = []
    try:
        if "hazm" not in sys.modules:
            spec = importlib.util.find_spec("hazm")
            if spec is None or spec.submodule_search_locations is None:
                raise ModuleNotFoundError("hazm is not installed", name="hazm")
            # The package module with its __path__, its __init__ not executed.
            sys.modules["hazm"] = importlib.util.module_from_spec(spec)
            added.append("hazm")
        if "nltk.tokenize.api" not in sys.modules:
            for name, module in _stand_ins().items():
                if name not in sys.modules:
                    sys.modules[name] = module
                    added.append(name)
        for name in HAZM_MODULES:
            loaded[name] = importlib.import_module(name)
    finally:
        # The stand-ins and the bare package leave no trace: a later `import nltk` or
        # `import hazm` loads the real thing.
        for name in added:
            del sys.modules[name]
    return loaded


def spacing_normalizer() -> SpacingNormalizer:
    """hazm's ``Normalizer`` with only spacing and ZWNJ repairs switched on; built once."""
    global _normalizer
    with _lock:
        if _normalizer is None:
            # Loaded here, not at the top: hazm's modules alone cost a few tenths of a second.
            normalizer_class = load_hazm_modules()["hazm.normalizer"].Normalizer
            _normalizer = normalizer_class(
                correct_spacing=True,
                seperate_mi=True,
                remove_diacritics=False,
                remove_specials_chars=False,
                decrease_repeated_chars=False,
                persian_style=False,
                persian_numbers=False,
                unicodes_replacement=False,
            )
        return _normalizer


def hazm_version() -> str:
    """The installed hazm's version, read from its metadata without importing it."""
    try:
        return metadata.version("hazm")
    except metadata.PackageNotFoundError:
        return "not installed"
