"""Suggestions of the learned model, merged with the rules', and the sentence it is least sure of.

A learned suggestion carries the rule ``learned`` and a ``confidence``: the mean marginal
probability, over its tokens, of the tags the model chose. Merged with the rules' suggestions,
only those at or above the model's own ``adds_from`` are kept (none when it has none: its
additions were not shown right often enough on the analyst's held-out documents), and never
one that overlaps a rule's suggestion of its label: the model adds what the rules miss and
replaces nothing. Every offset
is a Unicode code point index into the canonical text, end exclusive.
"""

from __future__ import annotations

import bisect
import weakref
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from annotator.analysis.learning import crf
from annotator.analysis.learning.features import document_sequences, folded_names
from annotator.analysis.learning.training import (
    MODEL_NAME,
    RULE_LEARNED,
    learned_key,
    schema_fingerprint,
)
from annotator.analysis.speakers import name_key
from annotator.analysis.suggest import AttrValue, Suggestion
from annotator.domain.errors import AnnotatorError
from annotator.domain.model import Span, Speaker
from annotator.domain.schema import LabelSchema
from annotator.storage.learned import LearnedModel
from annotator.storage.project import Project
from annotator.text import search_fold, sentence_spans

# The lowest confidence a learned suggestion may have to join the rules'; each model's own
# is higher, found when it was trained (LearnedModel.adds_from, training.check_additions).
LEARNED_THRESHOLD = 0.5
_SPEAKER_REACH = 600  # code points: how far back a speaker may be named for a learned span
_MIN_SENTENCE_TOKENS = 3  # a shorter sentence is not worth asking about


@dataclass(frozen=True)
class LearnedSuggestion(Suggestion):
    """A suggestion of the learned model; ``confidence`` is in [0, 1]."""

    confidence: float = 0.0


@dataclass(frozen=True)
class UncertainSentence:
    """An unmarked sentence ``[start, end)`` and the model's certainty there (the smallest,
    over its tokens, of the largest tag marginal)."""

    doc_id: str
    start: int
    end: int
    text: str
    certainty: float


class NoModel(AnnotatorError):
    """The project has no usable learned model."""


@dataclass(frozen=True)
class LoadedModel:
    stored: LearnedModel
    tagger: crf.Tagger
    names: frozenset[tuple[str, ...]]


_loaded: weakref.WeakKeyDictionary[Project, tuple[str, LoadedModel | None]] = \
    weakref.WeakKeyDictionary()


class _Intervals:
    """Spans ``[start, end)`` sorted by start, asked whether any overlaps a query (bisect and
    a running maximum of the ends, so a long document costs n log n, not n times m)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        self.reach: list[int] = []  # the largest end among spans[:i + 1]
        for _, end in self.spans:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end) - 1
        while i >= 0 and self.reach[i] > start:
            if self.spans[i][1] > start:
                return True
            i -= 1
        return False


def _by_label(spans: Iterable[tuple[str, int, int]]) -> dict[str, _Intervals]:
    grouped: dict[str, list[tuple[int, int]]] = {}
    for label, start, end in spans:
        grouped.setdefault(label, []).append((start, end))
    return {label: _Intervals(found) for label, found in grouped.items()}


def fresh_model(project: Project) -> LearnedModel | None:
    """The stored model when it was trained for the project's current schema, else None."""
    wanted = schema_fingerprint(project.schema)
    labels = set(project.schema.label_names)
    for model in project.learned_models():
        if model.name == MODEL_NAME and model.fingerprint == wanted and set(model.labels) <= labels:
            return model
    return None


def model_state(project: Project) -> str:
    """``none``, ``stale`` (trained for another schema: ignored until learned again) or
    ``fresh``."""
    if not project.learned_models_stamp():
        return "none"
    return "fresh" if fresh_model(project) is not None else "stale"


def loaded_model(project: Project) -> LoadedModel | None:
    """The fresh model, read once per change of the stored models or the registry."""
    speakers = project.speakers()
    stamp = "|".join((project.learned_models_stamp(), schema_fingerprint(project.schema),
                      *(f"{s.name}:{','.join(s.aliases)}" for s in speakers)))
    cached = _loaded.get(project)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    stored = fresh_model(project)
    loaded = None if stored is None else LoadedModel(
        stored, crf.Tagger(stored.model), frozenset(_names(speakers)))
    _loaded[project] = (stamp, loaded)
    return loaded


def _names(speakers: Iterable[Speaker]) -> set[tuple[str, ...]]:
    return folded_names(n for s in speakers if not s.deleted for n in (s.name, *s.aliases))


def predicted_spans(text: str, tagger: crf.Tagger, names: Collection[tuple[str, ...]] = ()
                    ) -> list[tuple[str, int, int, float]]:
    """``(label, start, end, confidence)`` of every span the model tags in ``text``."""
    out = []
    for sequence in document_sequences(text, names):
        for label, first, last, confidence in tagger.tag_spans(sequence.features):
            out.append((label, sequence.tokens[first][0], sequence.tokens[last - 1][1],
                        confidence))
    return out


def learned_suggestions(doc_id: str, text: str, model: LoadedModel, *,
                        speakers: Sequence[Speaker] = (), rules: Sequence[Suggestion] = (),
                        existing: Iterable[Span] = (), rejected: Collection[str] = (),
                        schema: LabelSchema, threshold: float = 0.0
                        ) -> list[LearnedSuggestion]:
    """The model's suggestions for one document's canonical ``text`` with at least
    ``threshold`` confidence, without those over a live span of their label or rejected.
    Speakers come from the nearest attribution the rules (or the marks, or the registry) see."""
    live = [s for s in existing if not s.deleted]
    marked = _by_label((s.label, s.start, s.end) for s in live)
    candidates = _Speakers(_speaker_candidates(text, speakers, rules, live, schema))
    out = []
    for label, start, end, confidence in predicted_spans(text, model.tagger, model.names):
        layer = schema.layer(label)
        key = learned_key(doc_id, label, start, end)
        if layer is None or confidence < threshold or key in rejected or (
                label in marked and marked[label].overlaps(start, end)):
            continue
        attrs: dict[str, AttrValue] = {}
        for name in schema.speaker_attributes(label):
            speaker = (_registry_speaker(text[start:end], speakers) if label == "Speaker"
                       else candidates.nearest(text, start, end))
            if speaker:
                attrs[name] = speaker
        quote = layer.attribute("quote")
        if quote is not None and {"direct", "indirect"} <= set(quote.values):
            attrs["quote"] = "direct" if _quoted(text, start, end) else "indirect"
        out.append(LearnedSuggestion(doc_id, label, start, end, text[start:end], attrs,
                                     RULE_LEARNED, key, round(confidence, 4)))
    return out


def merge_learned(rules: Sequence[Suggestion], learned: Iterable[Suggestion], *,
                  schema: LabelSchema, existing: Iterable[Span] = ()) -> list[Suggestion]:
    """The rules' suggestions and, by position, each learned one that overlaps none of its
    label, names a speaker where its label has one, and is not a Claim inside a Turn (a
    Turn's words are the speaker's own, not reported speech)."""
    turns = _Intervals([*((s.start, s.end) for s in rules if s.label == "Turn"),
                        *((s.start, s.end) for s in existing
                          if s.label == "Turn" and not s.deleted)])
    proposed = _by_label((r.label, r.start, r.end) for r in rules)
    kept = [s for s in learned
            if all(s.attrs.get(name) for name in schema.speaker_attributes(s.label))
            and not (s.label == "Claim" and turns.overlaps(s.start, s.end))
            and not (s.label in proposed and proposed[s.label].overlaps(s.start, s.end))]
    return sorted([*rules, *kept], key=lambda s: (s.start, s.end, s.label))


def with_learned(project: Project, doc_id: str, text: str, rules: Sequence[Suggestion]
                 ) -> list[Suggestion]:
    """``rules`` with the fresh model's confident suggestions added (the rules' alone when
    the project has no fresh model, or a damaged one)."""
    existing = project.spans(doc_id)
    try:
        model = loaded_model(project)
        if model is None or model.stored.adds_from is None:
            return list(rules)  # no model, or one whose additions were not right often enough
        learned = learned_suggestions(
            doc_id, text, model, speakers=project.speakers(), rules=rules, existing=existing,
            rejected=project.rejected_suggestion_keys(doc_id), schema=project.schema,
            threshold=max(model.stored.adds_from, LEARNED_THRESHOLD))
    except crf.ModelError:
        return list(rules)  # a damaged model costs its suggestions only; learn makes a new one
    return merge_learned(rules, learned, schema=project.schema, existing=existing)


def next_sentence(project: Project) -> UncertainSentence | None:
    """The unmarked sentence, over every document, that the model is least sure about; None
    when every sentence has a mark. Raises ``NoModel`` without a fresh model."""
    model = loaded_model(project)
    if model is None:
        state = model_state(project)
        raise NoModel("has no learned model" + (" for its current labels" if state == "stale"
                                                 else "") + "; run 'annotator learn' first",
                      path=str(project.path))
    best: UncertainSentence | None = None
    for summary in project.document_summaries():
        text = project.document(summary.id).canonical_text
        marked = [(s.start, s.end) for s in project.spans(summary.id)]
        sentences = [(a, b) for a, b in sentence_spans(text)
                     if not any(s < b and a < e for s, e in marked)]
        for start, end, certainty in _sentence_certainties(text, sentences, model):
            if best is None or certainty < best.certainty:
                best = UncertainSentence(summary.id, start, end, text[start:end],
                                         round(certainty, 4))
    return best


def _sentence_certainties(text: str, sentences: Sequence[tuple[int, int]],
                          model: LoadedModel) -> list[tuple[int, int, float]]:
    if not sentences:
        return []
    tokens: list[tuple[int, float]] = []  # token start, certainty
    for sequence in document_sequences(text, model.names):
        if not any(a < sequence.end and sequence.start < b for a, b in sentences):
            continue
        tagged = model.tagger.tag(sequence.features)
        tokens += [(span[0], tagged.certainty(i)) for i, span in enumerate(sequence.tokens)]
    out = []
    for start, end in sentences:
        inside = [c for token_start, c in tokens if start <= token_start < end]
        if len(inside) >= _MIN_SENTENCE_TOKENS:
            out.append((start, end, min(inside)))
    return out


def _speaker_candidates(text: str, speakers: Sequence[Speaker], rules: Sequence[Suggestion],
                        live: Sequence[Span], schema: LabelSchema
                        ) -> list[tuple[int, int, AttrValue]]:
    """Where a speaker is named or speaks: the rules' suggestions and the marks with a
    speaker, and every occurrence of a registry name."""
    out: list[tuple[int, int, AttrValue]] = []
    found: list[tuple[str, int, int, Mapping[str, AttrValue]]] = [
        *((s.label, s.start, s.end, s.attrs) for s in rules),
        *((s.label, s.start, s.end, s.attrs) for s in live)]
    for label, start, end, attrs in found:
        for name in schema.speaker_attributes(label):
            value = attrs.get(name)
            if value:
                out.append((start, end, value))
    folded = search_fold(text)
    for speaker in speakers:
        if speaker.deleted:
            continue
        # A one-word alias is often a common word too (صنعت is a surname and "industry").
        for written in (speaker.name, *(a for a in speaker.aliases if len(a.split()) > 1)):
            needle = search_fold(written.strip())
            at = folded.find(needle) if needle else -1
            while at >= 0:
                if _whole_words(text, at, at + len(needle)):
                    out.append((at, at + len(needle), speaker.id))
                at = folded.find(needle, at + len(needle))
    return out


def _whole_words(text: str, start: int, end: int) -> bool:
    before, after = text[start - 1:start], text[end:end + 1]
    return not (before.isalnum() or before == "\u200c") and \
        not (after.isalnum() or after == "\u200c")


class _Speakers:
    """Where speakers are named, sorted, to find the one nearest a span quickly."""

    def __init__(self, found: Iterable[tuple[int, int, AttrValue]]) -> None:
        self.found = sorted(found, key=lambda c: (c[0], c[1]))
        self.starts = [c[0] for c in self.found]
        self.longest = max((c[1] - c[0] for c in self.found), default=0)

    def nearest(self, text: str, start: int, end: int) -> AttrValue | None:
        """The speaker named over ``[start, end)``, else nearest before it in its paragraph,
        else nearest after it in its paragraph, else nearest before within
        ``_SPEAKER_REACH``."""
        paragraph_start = text.rfind("\n", 0, start) + 1
        paragraph_end = text.find("\n", end)
        paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
        low = min(paragraph_start, start - _SPEAKER_REACH) - self.longest
        near = self.found[bisect.bisect_left(self.starts, low):
                          bisect.bisect_left(self.starts, paragraph_end)]
        overlapping = [c for c in near if c[0] < end and start < c[1]]
        before = [c for c in near if paragraph_start <= c[0] and c[1] <= start]
        after = [c for c in near if end <= c[0] and c[1] <= paragraph_end]
        earlier = [c for c in near if start - _SPEAKER_REACH <= c[0] and c[1] <= start]
        for candidates, nearest in ((overlapping, min), (before, max), (after, min),
                                    (earlier, max)):
            if candidates:
                return nearest(candidates, key=lambda c: c[1] if nearest is max else c[0])[2]
        return None


def _registry_speaker(mention: str, speakers: Sequence[Speaker]) -> str | None:
    key = name_key(mention)
    for speaker in speakers:
        if not speaker.deleted and key in {name_key(n) for n in (speaker.name, *speaker.aliases)}:
            return speaker.id
    return None


def _quoted(text: str, start: int, end: int) -> bool:
    before = text[:start].rstrip(" \t\u200c")
    return before.endswith(("«", ":", "：", "\"", "“")) or text[end:end + 1] in ("»", "\"", "”")
