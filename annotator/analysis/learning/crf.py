"""A linear-chain CRF (python-crfsuite) over token sequences with BIO tags per label.

``train`` turns tagged sequences into model bytes; ``Tagger`` reads them back and gives, per
sequence, the best tags and each token's marginal probabilities.
"""

from __future__ import annotations

import contextlib
import struct
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from annotator.domain.errors import AnnotatorError

OUTSIDE = "O"
# L-BFGS with light L1 and L2: few features survive, so models stay small and fast to tag.
_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 120, "feature.possible_transitions": True}


class ModelError(AnnotatorError):
    """A stored model that cannot be read."""


def begin(label: str) -> str:
    return "B-" + label


def inside(label: str) -> str:
    return "I-" + label


def label_of(tag: str) -> str:
    return tag[2:] if tag != OUTSIDE else ""


def train(sequences: Iterable[tuple[Sequence[Sequence[str]], Sequence[str]]]) -> bytes:
    """Model bytes learned from ``(features per token, tag per token)`` sequences."""
    import pycrfsuite  # type: ignore[import-untyped]  # no stubs; loaded when first needed

    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.select("lbfgs")
    trainer.set_params(_PARAMS)
    for features, tags in sequences:
        trainer.append(features, list(tags))
    with tempfile.TemporaryDirectory(prefix="annotator-learn-") as folder:
        path = Path(folder) / "model.crfsuite"
        trainer.train(str(path))
        return path.read_bytes()


@dataclass(frozen=True)
class Tagged:
    """One sequence's best tags and, per token, the marginal probability of every tag."""

    tags: tuple[str, ...]
    marginals: tuple[dict[str, float], ...]

    def confidence(self, index: int) -> float:
        """The marginal of the tag chosen at ``index``."""
        return self.marginals[index][self.tags[index]]

    def certainty(self, index: int) -> float:
        """The largest marginal at ``index``: low where the model is unsure."""
        return max(self.marginals[index].values())


_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_CHUNKS = (b"FEAT", b"CQDB", b"CQDB", b"LFRF", b"AFRF")  # at the header's five offsets
_FEATURE = struct.Struct("<IIId")  # type (0 attribute→label, 1 label→label), source, target


def check_model(model: bytes) -> None:
    """Raise ``ModelError`` unless ``model`` is framed as a crfsuite model file: its size,
    five chunks of the expected kinds inside it, every feature and reference within range.

    crfsuite reads a truncated or damaged model past its end (and crashes the process), and a
    model comes from a project file that may have been received from someone else, so it is
    checked before crfsuite sees it. The two string tables are checked for their bounds only."""
    try:
        _check_frame(model)
    except (struct.error, ValueError) as error:
        raise ModelError(f"the learned model is damaged ({error}); run 'annotator learn' "
                         "again") from None


def _check_frame(model: bytes) -> None:
    magic, size, kind, version, _, labels, attributes, *offsets = _HEADER.unpack_from(model)
    if (magic, kind, version, size) != (b"lCRF", b"FOMC", 100, len(model)):
        raise ValueError("not a crfsuite model of this version, or cut short")
    ends = []
    for offset, chunk in zip(offsets, _CHUNKS, strict=True):
        chunk_size = struct.unpack_from("<I", model, offset + 4)[0]
        if offset < _HEADER.size or model[offset:offset + 4] != chunk \
                or not 12 <= chunk_size <= size - offset:
            raise ValueError(f"no {chunk.decode()} chunk at {offset}")
        ends.append(offset + chunk_size)
    for offset, end in zip(offsets[1:3], ends[1:3], strict=True):
        _check_strings(model, offset, end)
    features = struct.unpack_from("<I", model, offsets[0] + 8)[0]
    if 12 + _FEATURE.size * features != ends[0] - offsets[0]:
        raise ValueError("the feature table does not fit its chunk")
    for index in range(features):
        kind_of, source, target, weight = _FEATURE.unpack_from(
            model, offsets[0] + 12 + _FEATURE.size * index)
        if kind_of not in (0, 1) or target >= labels or weight != weight \
                or source >= (attributes if kind_of == 0 else labels):
            raise ValueError(f"feature {index} is out of range")
    for offset, end, count in ((offsets[3], ends[3], labels + 2), (offsets[4], ends[4],
                                                                     attributes)):
        if struct.unpack_from("<I", model, offset + 8)[0] != count:
            raise ValueError("a reference table has the wrong length")
        for ref in struct.unpack_from(f"<{count}I", model, offset + 12):
            if ref == 0:
                continue
            n = struct.unpack_from("<I", model, ref)[0] if offset <= ref <= end - 4 else -1
            if n < 0 or ref + 4 + 4 * n > end or any(
                    f >= features for f in struct.unpack_from(f"<{n}I", model, ref + 4)):
                raise ValueError("a reference points outside its table")


@contextlib.contextmanager
def _reading() -> Iterator[None]:
    """What crfsuite raises on a damaged model, as one ``ModelError``."""
    try:
        yield
    except (ValueError, OSError, RuntimeError, UnicodeDecodeError) as error:
        raise ModelError(f"the learned model cannot be read ({error}); run 'annotator learn' "
                         "again") from None


def _check_strings(model: bytes, start: int, end: int) -> None:
    """A string table (crfsuite's CQDB): 256 hash tables of (hash, record) buckets and a
    backward array of records; every record (id, key size, key) must lie inside the chunk."""
    order, backward_size, backward = struct.unpack_from("<III", model, start + 12)
    if order != 0x62445371 or start + backward + 4 * backward_size > end:
        raise ValueError("a string table is damaged")
    records = list(struct.unpack_from(f"<{backward_size}I", model, start + backward))
    for table in range(256):
        offset, buckets = struct.unpack_from("<II", model, start + 24 + 8 * table)
        if buckets and start + offset + 8 * buckets > end:
            raise ValueError("a string table's bucket is outside it")
        if buckets:
            records += struct.unpack_from(f"<{2 * buckets}I", model, start + offset)[1::2]
    for record in records:
        if record and (start + record + 8 > end or start + record + 8 + struct.unpack_from(
                "<I", model, start + record + 4)[0] > end):
            raise ValueError("a string is outside its table")


class Tagger:
    """A model read from its bytes (checked by ``check_model``), ready to tag."""

    def __init__(self, model: bytes) -> None:
        import pycrfsuite

        check_model(model)
        # crfsuite reads the model from these very bytes for as long as it tags: kept here,
        # or a tagger made from a temporary would read freed memory.
        self._model = model
        self._tagger = pycrfsuite.Tagger()
        with _reading():
            self._tagger.open_inmemory(model)
            self.tags = tuple(self._tagger.labels())
        if not self.tags or not all(t == OUTSIDE or t[:2] in ("B-", "I-") for t in self.tags):
            raise ModelError("the learned model has tags of another kind; run 'annotator "
                             "learn' again")

    def best_tags(self, features: Sequence[Sequence[str]]) -> tuple[str, ...]:
        """The most likely tags (Viterbi), without marginals."""
        with _reading():
            return tuple(self._tagger.tag(features))

    def tag_spans(self, features: Sequence[Sequence[str]]
                  ) -> list[tuple[str, int, int, float]]:
        """``(label, first, last + 1, confidence)`` of every tagged run: the mean marginal of
        its tags (marginals are computed for those tokens only)."""
        tagger = self._tagger
        with _reading():
            tagger.set(features)
            tags = tagger.tag()
            return [(label, first, last, sum(tagger.marginal(tags[i], i)
                                             for i in range(first, last)) / (last - first))
                    for label, first, last in spans_of(tags)]

    def tag(self, features: Sequence[Sequence[str]]) -> Tagged:
        """The most likely tags and every token's marginals."""
        tagger = self._tagger
        with _reading():
            tagger.set(features)
            tags = tuple(tagger.tag())
            marginals = tuple({t: tagger.marginal(t, i) for t in self.tags}
                              for i in range(len(tags)))
        return Tagged(tags, marginals)


def spans_of(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """``(label, first token, last token + 1)`` of each run of B/I tags; an I without its B,
    or of another label, starts a run."""
    out: list[tuple[str, int, int]] = []
    current = ""
    for i, tag in enumerate(tags):
        label = label_of(tag)
        if not label:
            current = ""
            continue
        if tag.startswith("B-") or label != current:
            out.append((label, i, i + 1))
            current = label
        else:
            kind, first, _ = out[-1]
            out[-1] = (kind, first, i + 1)
    return out
