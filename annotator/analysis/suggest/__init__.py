"""Explainable suggestions of speakers, turns and claims in Persian interviews and news.

Every suggestion names the rule that made it (``RULES`` says what each rule looks for) and
carries a stable ``key`` by which a rejection is remembered. Nothing here touches the project
file: ``annotator.analysis.review`` reads and stores. Every offset is a Unicode code point
index into the document's canonical text, end exclusive; ``text[start:end] == suggestion.text``.
Matching is done on ``search_fold(text)``, which keeps the length, so Arabic letter variants
(ي ك), ZWNJ and case never move an offset.
"""

from __future__ import annotations

import bisect
import hashlib
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from annotator.analysis.speakers import Person, SpeakerMatcher, name_key
from annotator.analysis.suggest.base import Found
from annotator.analysis.suggest.patterns import (
    PRESENT_SPEECH_VERBS,
    RULE_ACCORDING_TO,
    RULE_COLON_QUOTE,
    RULE_LEAD,
    RULE_NAME_PREFIX,
    RULE_PROPAGATE,
    RULE_QUESTION_ANSWER,
    RULE_REPORTED,
    RULE_REPORTED_VIEW,
    RULES,
    SPEECH_VERBS,
    VIEW_VERBS,
    looks_like_affiliation,
)
from annotator.analysis.suggest.reported import ReportedReader
from annotator.domain.model import Span, Speaker
from annotator.domain.schema import LabelSchema, interview_schema
from annotator.text import find_all

__all__ = [
    "PRESENT_SPEECH_VERBS", "RULES", "RULE_ACCORDING_TO", "RULE_COLON_QUOTE", "RULE_LEAD",
    "RULE_NAME_PREFIX", "RULE_PROPAGATE", "RULE_QUESTION_ANSWER", "RULE_REPORTED",
    "RULE_REPORTED_VIEW", "SPEECH_VERBS", "VIEW_VERBS", "AttrValue", "NewSpeaker",
    "Suggestion", "looks_like_affiliation", "people_of", "propagate", "suggest",
    "suggestion_key",
]


@dataclass(frozen=True)
class NewSpeaker:
    """A source the text names who is not in the registry; accepting registers them.

    ``kind`` is ``person``, ``role`` (a description such as ``سخنگوی وزارت خارجه`` standing for
    a person the text does not name), ``descriptive`` (an anonymous or collective source such
    as ``یک منبع آگاه``), ``organization`` or ``outlet``; ``aliases`` are the other names the
    text uses for them (a role description beside the name)."""

    name: str
    role: str = ""
    affiliation: str = ""
    aliases: tuple[str, ...] = ()
    kind: str = "person"

    @property
    def key(self) -> str:
        """The folded name by which the suggestion keys this speaker."""
        return name_key(self.name)


AttrValue = str | NewSpeaker


@dataclass(frozen=True)
class Suggestion:
    """A proposed span ``[start, end)`` (code points of the canonical text).

    ``attrs`` maps attribute names to values; a speaker-valued attribute holds a registry id
    or a ``NewSpeaker``. ``rule`` is a key of ``RULES``; ``key`` identifies the suggestion
    across runs (document, label, bounds, rule, attributes with speakers by folded name).
    """

    doc_id: str
    label: str
    start: int
    end: int
    text: str
    attrs: Mapping[str, AttrValue] = field(default_factory=dict, hash=False)
    rule: str = ""
    key: str = ""


def suggestion_key(doc_id: str, label: str, start: int, end: int, rule: str,
                   attrs: Mapping[str, str]) -> str:
    """A stable identity; ``attrs`` hold speakers as ``person:<folded name>``, not ids, so a
    suggestion keeps its key when its proposed speaker is registered."""
    payload = json.dumps([doc_id, label, start, end, rule, sorted(attrs.items())],
                         ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]



# -- the public entry points ------------------------------------------------------------

def people_of(speakers: Iterable[Speaker]) -> list[Person]:
    """Registry entries as the matcher sees them."""
    return [Person(s.id, s.name, s.aliases, s.role, s.affiliation)
            for s in speakers if not s.deleted]


def suggest(doc_id: str, text: str, *, speakers: Iterable[Speaker] = (),
            existing: Iterable[Span] = (), rejected: Collection[str] = (),
            schema: LabelSchema | None = None) -> list[Suggestion]:
    """Suggestions for one document's canonical ``text``, ordered by position.

    ``speakers`` is the registry; ``existing`` the document's spans (a suggestion of the same
    label overlapping a live span is dropped), ``rejected`` the keys of rejected suggestions.
    Only labels and attributes of ``schema`` (default: the interview schema) are proposed.
    """
    schema = schema or interview_schema()
    reader = ReportedReader(text, SpeakerMatcher(people_of(speakers)))
    reader.read_people()
    reader.read_lead()
    turns = reader.read_dialogue()
    for turn in turns:
        attrs: dict[str, str | Person] = {}
        if turn.person is not None:
            attrs["speaker"] = turn.person
        if turn.role:
            attrs["role"] = turn.role
        reader.found.append(Found("Turn", turn.start, turn.end, turn.rule, attrs))
    reader.read_bullet_posts()
    reader.read_reported_speech([(t.start, t.end) for t in turns])
    reader.merge_roles()
    return _finish(doc_id, text, reader.found, reader.roles, existing, rejected, schema,
                   reader.aliases)


def _finish(doc_id: str, text: str, found: Iterable[Found], roles: Mapping[str, str],
            existing: Iterable[Span], rejected: Collection[str],
            schema: LabelSchema, aliases: Mapping[str, Sequence[str]] | None = None
            ) -> list[Suggestion]:
    marked: dict[str, list[tuple[int, int]]] = {}
    for span in existing:
        if not span.deleted:
            marked.setdefault(span.label, []).append((span.start, span.end))
    live = {label: _Occupied(spans) for label, spans in marked.items()}
    proposed_until: dict[str, int] = {}  # label -> the end of the last suggestion kept
    new_speakers: dict[int, NewSpeaker] = {}
    out: list[Suggestion] = []
    for item in sorted(found, key=lambda f: (f.start, f.end, f.label)):
        layer = schema.layer(item.label)
        if layer is None or item.start >= item.end:
            continue
        # Sorted by start, a suggestion overlaps a kept one only if it starts before the
        # furthest end so far.
        if item.start < proposed_until.get(item.label, -1) or (
                item.label in live and live[item.label].overlaps(item.start, item.end)):
            continue
        attrs: dict[str, AttrValue] = {}
        keyed: dict[str, str] = {}
        for name, value in item.attrs.items():
            attribute = layer.attribute(name)
            if attribute is None:
                continue
            if isinstance(value, Person):
                if attribute.kind != "speaker":
                    continue
                if not value.id and id(value) not in new_speakers:
                    new_speakers[id(value)] = _new_speaker(value, roles, aliases or {})
                attrs[name] = value.id or new_speakers[id(value)]
                keyed[name] = "person:" + (
                    new_speakers[id(value)].key if not value.id else name_key(value.name))
            elif attribute.kind != "choice" or value in attribute.values:
                attrs[name] = keyed[name] = value
        key = suggestion_key(doc_id, item.label, item.start, item.end, item.rule, keyed)
        if key in rejected:
            continue
        proposed_until[item.label] = max(proposed_until.get(item.label, -1), item.end)
        out.append(Suggestion(doc_id, item.label, item.start, item.end,
                              text[item.start:item.end], attrs, item.rule, key))
    return out


class _Occupied:
    """Live spans of one label, to ask in O(log n) whether ``[start, end)`` overlaps one."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _e in ordered]
        self._furthest: list[int] = []  # the furthest end among the first i + 1 spans
        for _s, e in ordered:
            self._furthest.append(max(e, self._furthest[-1] if self._furthest else e))

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect.bisect_left(self._starts, end)  # spans starting before ``end``
        return before > 0 and self._furthest[before - 1] > start


def _new_speaker(person: Person, roles: Mapping[str, str],
                 aliases: Mapping[str, Sequence[str]]) -> NewSpeaker:
    key = name_key(person.name)
    others = tuple(dict.fromkeys(
        a for a in (*person.aliases, *aliases.get(key, ())) if name_key(a) != key))
    return NewSpeaker(person.name, roles.get(key, person.role), person.affiliation, others,
                      person.kind)


def propagate(doc_id: str, text: str, source: Span, *, speakers: Iterable[Speaker] = (),
              existing: Iterable[Span] = (), rejected: Collection[str] = (),
              schema: LabelSchema | None = None, source_text: str | None = None
              ) -> list[Suggestion]:
    """The label and attributes of ``source`` on every other whole-word occurrence, in
    ``text``, of the folded text it covers (``source_text``, when it is from another document).
    """
    schema = schema or interview_schema()
    wanted = source_text if source_text is not None else text[source.start:source.end]
    names = {s.id: s.name for s in speakers}
    speaker_attributes = schema.speaker_attributes(source.label)
    found: list[Found] = []
    for start, end in find_all(text, wanted):
        if (doc_id == source.doc_id and (start, end) == (source.start, source.end)) \
                or not _whole_words(text, start, end):
            continue
        attrs: dict[str, str | Person] = {}
        for name, value in source.attrs.items():
            if name in speaker_attributes and value in names:
                attrs[name] = Person(value, names[value])
            else:
                attrs[name] = value
        found.append(Found(source.label, start, end, RULE_PROPAGATE, attrs))
    existing = [*existing, source] if doc_id == source.doc_id else list(existing)
    return _finish(doc_id, text, found, {}, existing, rejected, schema)


def _whole_words(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "\u200c\u200d") and \
        not (after.isalnum() or after in "\u200c\u200d")
