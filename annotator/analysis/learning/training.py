"""Training the learned model from a project's own marks and rejections.

Training reads a ``TrainingSnapshot`` (plain data, taken on the thread that owns the project)
and is pure CPU (``train_snapshot``), so the window runs it on a worker thread and stores the
result back on its own thread; ``learn_project`` does all three for the command line.

What counts as training material: every document with a live mark of the schema, or marked
done by someone, is taken as fully marked, so its unmarked tokens are negatives; in a document
without marks, the paragraphs of the suggestions an analyst rejected there are negatives.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from annotator.analysis.learning import crf
from annotator.analysis.learning.features import (
    FEATURES_VERSION,
    TokenSequence,
    document_sequences,
    folded_names,
)
from annotator.analysis.suggest import suggest, suggestion_key
from annotator.domain.errors import AnnotatorError
from annotator.domain.model import Speaker
from annotator.domain.schema import LabelSchema
from annotator.storage.learned import LearnedModel
from annotator.storage.project import Project

MODEL_NAME = "spans"
MIN_MARKS = 2  # a label with fewer marks is not learned
RULE_LEARNED = "learned"


class NothingToLearn(AnnotatorError):
    """The project has too few marks to learn from."""


def schema_fingerprint(schema: LabelSchema) -> str:
    """What a model must have been trained for to be used: the label schema and features."""
    payload = json.dumps([FEATURES_VERSION, schema.to_json()], ensure_ascii=False,
                         sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def learned_key(doc_id: str, label: str, start: int, end: int) -> str:
    """The key of a learned suggestion: its bounds, not its speaker, so that a rejection holds
    whoever the speaker logic names next time."""
    return suggestion_key(doc_id, label, start, end, RULE_LEARNED, {})


@dataclass(frozen=True)
class DocumentMarks:
    """One document as training reads it: its text, live marks and rejected suggestions."""

    doc_id: str
    text: str
    marks: tuple[tuple[str, int, int], ...]  # (label, start, end), code points
    done: bool = False
    rejected: frozenset[str] = frozenset()


@dataclass(frozen=True)
class TrainingSnapshot:
    documents: tuple[DocumentMarks, ...]
    speakers: tuple[Speaker, ...]
    schema: LabelSchema
    previous: LearnedModel | None = None  # the stored model, if fresh


@dataclass(frozen=True)
class LearnReport:
    """What ``annotator learn`` says: what it learned from, how long it took and how well
    the model fits its own training tokens (held-in accuracy)."""

    documents: int
    marks: int
    labels: dict[str, int] = field(hash=False)
    seconds: float
    accuracy: float

    def to_json(self) -> dict[str, object]:
        return {"documents": self.documents, "marks": self.marks, "labels": self.labels,
                "seconds": round(self.seconds, 2), "accuracy": round(self.accuracy, 4)}


@dataclass(frozen=True)
class Training:
    model: LearnedModel
    report: LearnReport


def take_snapshot(project: Project) -> TrainingSnapshot:
    """Everything training needs from ``project``, read now (on the project's thread)."""
    from annotator.analysis.learning.suggesting import fresh_model

    labels = set(project.schema.label_names)
    documents = []
    for summary in project.document_summaries():
        rejected = project.rejected_suggestion_keys(summary.id)
        if not summary.span_count and not rejected and "done" not in summary.statuses.values():
            continue
        marks = tuple((s.label, s.start, s.end) for s in project.spans(summary.id)
                      if s.label in labels)
        documents.append(DocumentMarks(summary.id, project.document(summary.id).canonical_text,
                                       marks, "done" in summary.statuses.values(),
                                       frozenset(rejected)))
    return TrainingSnapshot(tuple(documents), tuple(project.speakers()), project.schema,
                            fresh_model(project))


def train_snapshot(snapshot: TrainingSnapshot) -> Training:
    """Learn a model from ``snapshot``; pure CPU, safe on any thread. Raises
    ``NothingToLearn`` when no label has ``MIN_MARKS`` marks."""
    began = time.perf_counter()
    counts = Counter(label for doc in snapshot.documents for label, _, _ in doc.marks)
    labels = sorted(label for label, n in counts.items() if n >= MIN_MARKS)
    if not labels:
        raise NothingToLearn(
            f"has too few marks to learn from: mark at least {MIN_MARKS} spans of a label "
            "(or accept suggestions) first")
    names = folded_names(n for s in snapshot.speakers if not s.deleted
                         for n in (s.name, *s.aliases))
    sequences: list[tuple[TokenSequence, list[str]]] = []
    used = 0
    for doc in snapshot.documents:
        found = _document_examples(doc, labels, names, snapshot)
        used += bool(found) and (bool(doc.marks) or doc.done)
        sequences += found
    if not any(tag != crf.OUTSIDE for _, tags in sequences for tag in tags):
        raise NothingToLearn("has no marks of a learnable label in its documents")
    model = crf.train((s.features, tags) for s, tags in sequences)
    accuracy = _held_in_accuracy(model, sequences)
    marks = sum(counts[label] for label in labels)
    stored = LearnedModel(MODEL_NAME, model, tuple(labels), schema_fingerprint(snapshot.schema),
                          documents=used, marks=marks)
    report = LearnReport(used, marks, {label: counts[label] for label in labels},
                         time.perf_counter() - began, accuracy)
    return Training(stored, report)


def learn_project(project: Project) -> LearnReport:
    """Train on ``project``'s marks and store the model in it (one transaction)."""
    try:
        training = train_snapshot(take_snapshot(project))
    except NothingToLearn as error:
        raise NothingToLearn(error.message, path=str(project.path)) from None
    project.store_learned_models([training.model])
    return training.report


def _document_examples(doc: DocumentMarks, labels: Sequence[str], names: set[tuple[str, ...]],
                       snapshot: TrainingSnapshot) -> list[tuple[TokenSequence, list[str]]]:
    """The tagged sequences ``doc`` gives: all of a marked document's, else the paragraphs of
    its rejected suggestions, tagged outside."""
    marks = [m for m in doc.marks if m[0] in labels]
    sequences = document_sequences(doc.text, names)
    if marks or doc.done:
        return [(s, tags_for(s, marks)) for s in sequences]
    negatives = _rejected_spans(doc, snapshot)
    return [(s, [crf.OUTSIDE] * len(s.tokens)) for s in sequences
            if any(start < s.end and s.start < end for start, end in negatives)]


def tags_for(sequence: TokenSequence, marks: Iterable[tuple[str, int, int]]) -> list[str]:
    """BIO tags of ``sequence``'s tokens; where marks overlap, the shorter one wins."""
    tags = [crf.OUTSIDE] * len(sequence.tokens)
    for label, start, end in sorted(marks, key=lambda m: m[1] - m[2]):
        first = True
        for i, (token_start, token_end) in enumerate(sequence.tokens):
            if token_start < end and start < token_end:
                tags[i] = crf.begin(label) if first else crf.inside(label)
                first = False
    return tags


def _rejected_spans(doc: DocumentMarks, snapshot: TrainingSnapshot) -> list[tuple[int, int]]:
    """Where the rejected suggestions of ``doc`` were: the rules' suggestions and the stored
    model's are made again, and those with a rejected key kept."""
    if not doc.rejected:
        return []
    out = [(s.start, s.end) for s in suggest(doc.doc_id, doc.text, speakers=snapshot.speakers,
                                             schema=snapshot.schema) if s.key in doc.rejected]
    if snapshot.previous is not None:
        from annotator.analysis.learning.suggesting import predicted_spans

        tagger = crf.Tagger(snapshot.previous.model)
        names = folded_names(n for s in snapshot.speakers if not s.deleted
                             for n in (s.name, *s.aliases))
        out += [(start, end) for label, start, end, _ in predicted_spans(doc.text, tagger, names)
                if learned_key(doc.doc_id, label, start, end) in doc.rejected]
    return out


def _held_in_accuracy(model: bytes, sequences: Sequence[tuple[TokenSequence, list[str]]]
                      ) -> float:
    tagger = crf.Tagger(model)
    right = total = 0
    for sequence, tags in sequences:
        predicted = tagger.best_tags(sequence.features)
        right += sum(p == t for p, t in zip(predicted, tags, strict=True))
        total += len(tags)
    return right / total if total else 0.0
