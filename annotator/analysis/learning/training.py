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
import math
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
from annotator.analysis.speakers import name_key
from annotator.analysis.suggest import Suggestion, suggest, suggestion_key
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
    # Beside each mark, its speaker-valued attributes ((name, speaker id), ...): what the
    # check of a new model compares a learned suggestion's speaker with.
    speakers: tuple[tuple[tuple[str, str], ...], ...] = ()


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
    check: Check | None = None  # the model checked on held-out documents (None: too few)

    @property
    def adds_from(self) -> float | None:
        return None if self.check is None else self.check.adds_from

    def to_json(self) -> dict[str, object]:
        return {"documents": self.documents, "marks": self.marks, "labels": self.labels,
                "seconds": round(self.seconds, 2), "accuracy": round(self.accuracy, 4),
                "check": None if self.check is None else self.check.to_json()}

    def check_sentence(self) -> str:
        """What the check says about the model's suggestions, as the command line says it."""
        check = self.check
        if check is None:
            return (f"too few marked documents to check its suggestions ({CHECK_MIN_DOCUMENTS} "
                    "needed): it adds none yet")
        tried = (f"on held-out documents {check.right} of its {check.added} addition(s) to the "
                 "rules matched a mark")
        if check.adds_from is None:
            return f"{tried}: too few to trust, it adds none yet"
        return f"{tried}: it adds suggestions from confidence {check.adds_from:.2f}"


@dataclass(frozen=True)
class Check:
    """How the model's additions to the rules fared on the analyst's own documents, each
    tagged by a model trained without it: ``added`` suggestions the rules did not make,
    ``right`` of them matching a mark of their label (half its length or more, the same
    speaker), and ``adds_from`` the lowest confidence from which the additions were right
    more often than wrong beyond doubt (see ``adds_from``); None: from no confidence."""

    documents: int
    added: int
    right: int
    adds_from: float | None

    def to_json(self) -> dict[str, object]:
        return {"documents": self.documents, "added": self.added, "right": self.right,
                "adds_from": self.adds_from}


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
        spans = [s for s in project.spans(summary.id) if s.label in labels]
        marks = tuple((s.label, s.start, s.end) for s in spans)
        speakers = tuple(tuple(sorted((name, str(s.attrs[name]))
                                      for name in project.schema.speaker_attributes(s.label)
                                      if s.attrs.get(name)))
                         for s in spans)
        documents.append(DocumentMarks(summary.id, project.document(summary.id).canonical_text,
                                       marks, "done" in summary.statuses.values(),
                                       frozenset(rejected), speakers))
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
    check = check_additions(snapshot, labels, names)
    marks = sum(counts[label] for label in labels)
    stored = LearnedModel(MODEL_NAME, model, tuple(labels), schema_fingerprint(snapshot.schema),
                          documents=used, marks=marks,
                          adds_from=None if check is None else check.adds_from)
    report = LearnReport(used, marks, {label: counts[label] for label in labels},
                         time.perf_counter() - began, accuracy, check)
    return Training(stored, report)


CHECK_FOLDS = 2  # the marked documents are split in two; each half is tagged by the other's model
CHECK_MIN_DOCUMENTS = 4  # with fewer marked documents the model is not checked, and adds nothing
CHECK_MAX_DOCUMENTS = 60  # documents checked at most (the most recently listed): bounds the cost
CHECK_OVERLAP = 0.5  # of the longer of a suggestion and a mark, for the suggestion to be right
CHECK_Z = 1.96  # the confidence bound: right more often than wrong at 95% (Wilson's interval)
CHECK_LOWEST = 0.5  # no confidence below the model's own even odds is ever taken


def check_additions(snapshot: TrainingSnapshot, labels: Sequence[str],
                    names: set[tuple[str, ...]]) -> Check | None:
    """Train on part of the marked documents, suggest on the rest as the window would (the
    rules', then the model's merged in), and see how often what the model added was right.

    Adding suggestions that are right at least half the time can never lower an F1 score (an
    addition raises F1 when its precision exceeds F1/2), so the model's suggestions join the
    rules' from the lowest confidence at which the lower end of the 95% Wilson interval of
    their held-out precision is at least one half. None when fewer than
    ``CHECK_MIN_DOCUMENTS`` documents are marked."""
    from annotator.analysis.learning.suggesting import (
        LearnedSuggestion,
        LoadedModel,
        learned_suggestions,
        merge_learned,
    )

    marked = [d for d in snapshot.documents if d.marks][-CHECK_MAX_DOCUMENTS:]
    if len(marked) < CHECK_MIN_DOCUMENTS:
        return None
    registry = {s.id: s for s in snapshot.speakers}
    outcomes: list[tuple[float, bool]] = []
    for fold in range(CHECK_FOLDS):
        held = [d for i, d in enumerate(marked) if i % CHECK_FOLDS == fold]
        held_ids = {d.doc_id for d in held}
        training = [(s.features, tags) for doc in snapshot.documents
                    if doc.doc_id not in held_ids
                    for s, tags in _document_examples(doc, labels, names, snapshot)]
        if not any(tag != crf.OUTSIDE for _, tags in training for tag in tags):
            continue
        model = LoadedModel(
            LearnedModel(MODEL_NAME, b"", tuple(labels), schema_fingerprint(snapshot.schema)),
            crf.Tagger(crf.train(training)), frozenset(names))
        for doc in held:
            rules = suggest(doc.doc_id, doc.text, speakers=snapshot.speakers,
                            schema=snapshot.schema)
            learned = learned_suggestions(doc.doc_id, doc.text, model,
                                          speakers=snapshot.speakers, rules=rules,
                                          schema=snapshot.schema, threshold=CHECK_LOWEST)
            outcomes += [(added.confidence, _is_marked(added, doc, registry))
                         for added in merge_learned(rules, learned, schema=snapshot.schema)
                         if isinstance(added, LearnedSuggestion)]
    return Check(len(marked), len(outcomes), sum(right for _, right in outcomes),
                 adds_from(outcomes))


def adds_from(outcomes: Sequence[tuple[float, bool]]) -> float | None:
    """The lowest confidence from which the ``(confidence, right)`` outcomes at or above it
    are right at least half the time at the lower end of their 95% Wilson interval."""
    best: float | None = None
    right = total = 0
    ordered = sorted(outcomes, key=lambda o: -o[0])
    for i, (confidence, correct) in enumerate(ordered):
        right += correct
        total += 1
        if i + 1 < len(ordered) and ordered[i + 1][0] == confidence:
            continue  # a threshold takes every outcome of its confidence
        if _wilson_low(right, total) >= 0.5:
            best = confidence
    return best


def _wilson_low(right: int, total: int) -> float:
    z2 = CHECK_Z * CHECK_Z
    p = right / total
    centre = p + z2 / (2 * total)
    spread = CHECK_Z * math.sqrt((p * (1 - p) + z2 / (4 * total)) / total)
    return (centre - spread) / (1 + z2 / total)


def _is_marked(suggestion: Suggestion, doc: DocumentMarks, registry: dict[str, Speaker]
               ) -> bool:
    """Whether a mark of ``doc`` of the suggestion's label covers at least ``CHECK_OVERLAP``
    of the longer of the two, with the same speaker in each speaker attribute it has."""
    for index, (label, start, end) in enumerate(doc.marks):
        if label != suggestion.label:
            continue
        shared = min(end, suggestion.end) - max(start, suggestion.start)
        if shared <= 0 or shared < CHECK_OVERLAP * max(end - start,
                                                        suggestion.end - suggestion.start):
            continue
        speakers = dict(doc.speakers[index]) if index < len(doc.speakers) else {}
        if all(_same_speaker(suggestion.attrs.get(name), wanted, registry)
               for name, wanted in speakers.items()):
            return True
    return False


def _same_speaker(value: object, wanted: str, registry: dict[str, Speaker]) -> bool:
    """Whether a suggestion's speaker value (an id, or a source not yet registered) is the
    registered speaker ``wanted``."""
    if isinstance(value, str):
        return value == wanted
    name = getattr(value, "name", None)
    speaker = registry.get(wanted)
    if not isinstance(name, str) or speaker is None:
        return False
    return name_key(name) in {name_key(n) for n in (speaker.name, *speaker.aliases)}


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
