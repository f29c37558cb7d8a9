"""A linear-chain CRF (python-crfsuite) over token sequences with BIO tags per label.

``train`` turns tagged sequences into model bytes; ``Tagger`` reads them back and gives, per
sequence, the best tags and each token's marginal probabilities.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
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


class Tagger:
    """A model read from its bytes, ready to tag."""

    def __init__(self, model: bytes) -> None:
        import pycrfsuite

        self._tagger = pycrfsuite.Tagger()
        try:
            self._tagger.open_inmemory(model)
        except (ValueError, OSError) as error:
            raise ModelError(f"the learned model cannot be read ({error}); run 'annotator "
                             "learn' again") from error
        self.tags = tuple(self._tagger.labels())

    def best_tags(self, features: Sequence[Sequence[str]]) -> tuple[str, ...]:
        """The most likely tags (Viterbi), without marginals."""
        return tuple(self._tagger.tag(features))

    def tag_spans(self, features: Sequence[Sequence[str]]
                  ) -> list[tuple[str, int, int, float]]:
        """``(label, first, last + 1, confidence)`` of every tagged run: the mean marginal of
        its tags (marginals are computed for those tokens only)."""
        tagger = self._tagger
        tagger.set(features)
        tags = tagger.tag()
        return [(label, first, last, sum(tagger.marginal(tags[i], i)
                                         for i in range(first, last)) / (last - first))
                for label, first, last in spans_of(tags)]

    def tag(self, features: Sequence[Sequence[str]]) -> Tagged:
        """The most likely tags and every token's marginals."""
        tagger = self._tagger
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
