"""Suggestions against a project: computing them, accepting, rejecting, and undoing both.

A suggestion becomes a span only when accepted, so unaccepted suggestions never reach an
export. Accepting stores the spans and registers the new speakers they name in one
transaction and returns what it made, which ``undo_accept`` tombstones and ``redo_accept``
brings back; ``reject`` is undone by ``unreject``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from annotator.analysis.learning import with_learned
from annotator.analysis.speakers import Person, SpeakerMatcher, name_key
from annotator.analysis.suggest import NewSpeaker, Suggestion, people_of, propagate, suggest
from annotator.domain.errors import InvariantError
from annotator.domain.model import Span, Speaker
from annotator.storage.project import Project


@dataclass(frozen=True)
class Accepted:
    """What accepting made: the new spans and the speakers registered for them."""

    spans: tuple[Span, ...]
    speakers: tuple[Speaker, ...]


def suggest_document(project: Project, doc_id: str) -> list[Suggestion]:
    """Suggestions for one document, without what is already marked or was rejected: the
    rules', and the learned model's confident ones where the rules have none."""
    document = project.document(doc_id)
    rules = suggest(doc_id, document.canonical_text, speakers=project.speakers(),
                    existing=project.spans(doc_id),
                    rejected=project.rejected_suggestion_keys(doc_id), schema=project.schema)
    return with_learned(project, doc_id, document.canonical_text, rules)


def suggest_project(project: Project, doc_id: str | None = None) -> list[Suggestion]:
    """Suggestions for ``doc_id``, or for every document in import order."""
    if doc_id is not None:
        return suggest_document(project, doc_id)
    return [s for summary in project.document_summaries()
            for s in suggest_document(project, summary.id)]


def accept(project: Project, suggestions: Iterable[Suggestion]) -> Accepted:
    """Store ``suggestions`` as spans, registering each new speaker once, in one transaction.

    A suggestion whose text no longer matches its document raises ``InvariantError`` and
    nothing is stored; one whose exact span (label and bounds) is already live is skipped.
    """
    spans: list[Span] = []
    speakers: list[Speaker] = []
    with project.transaction():
        matcher = SpeakerMatcher(people_of(project.speakers()))
        texts: dict[str, str] = {}
        live: dict[str, set[tuple[str, int, int]]] = {}
        for suggestion in suggestions:
            doc_id = suggestion.doc_id
            if doc_id not in texts:
                texts[doc_id] = project.document(doc_id).canonical_text
                live[doc_id] = {(s.label, s.start, s.end) for s in project.spans(doc_id)}
            if texts[doc_id][suggestion.start:suggestion.end] != suggestion.text:
                raise InvariantError(
                    f"the suggestion at [{suggestion.start}, {suggestion.end}) no longer matches "
                    f"the text of document {doc_id}")
            where = (suggestion.label, suggestion.start, suggestion.end)
            if where in live[doc_id]:
                continue
            attrs: dict[str, str] = {}
            for name, value in suggestion.attrs.items():
                if isinstance(value, NewSpeaker):
                    attrs[name] = _register(project, matcher, value, speakers)
                else:
                    attrs[name] = value
            spans.append(project.add_span(doc_id, suggestion.start, suggestion.end,
                                          suggestion.label, attrs))
            live[doc_id].add(where)
    return Accepted(tuple(spans), tuple(speakers))


def _register(project: Project, matcher: SpeakerMatcher, new: NewSpeaker,
              made: list[Speaker]) -> str:
    known = matcher.resolve_name(new.name)
    if known is not None and known.id and name_key(known.name) == name_key(new.name):
        return known.id
    # The registry has no kind of speaker: a group, outlet or description says so in its role.
    role = new.role or ("" if new.kind == "person" else new.kind)
    speaker = project.add_speaker(new.name, aliases=new.aliases, role=role,
                                  affiliation=new.affiliation)
    matcher.add(Person(speaker.id, speaker.name, speaker.aliases, speaker.role,
                       speaker.affiliation))
    made.append(speaker)
    return speaker.id


def undo_accept(project: Project, accepted: Accepted) -> None:
    """Tombstone what ``accept`` made, in one transaction."""
    with project.transaction():
        for span in accepted.spans:
            project.delete_span(span.id)
        for speaker in accepted.speakers:
            project.set_speaker_deleted(speaker.id, True)


def redo_accept(project: Project, accepted: Accepted) -> None:
    """Bring back what ``undo_accept`` tombstoned, in one transaction."""
    with project.transaction():
        for speaker in accepted.speakers:
            project.set_speaker_deleted(speaker.id, False)
        for span in accepted.spans:
            project.restore_span(span.id)


def reject(project: Project, suggestions: Iterable[Suggestion]) -> None:
    """Remember the rejection of each suggestion, in one transaction."""
    with project.transaction():
        for suggestion in suggestions:
            project.reject_suggestion(suggestion.doc_id, suggestion.key)


def unreject(project: Project, suggestions: Iterable[Suggestion]) -> None:
    """Undo ``reject``: the suggestions may be proposed again."""
    with project.transaction():
        for suggestion in suggestions:
            project.unreject_suggestion(suggestion.doc_id, suggestion.key)


def propagate_span(project: Project, span_id: str, *, whole_project: bool = False
                   ) -> list[Suggestion]:
    """The span's label and attributes on every other occurrence of its folded text, in its
    document or, with ``whole_project``, in every document."""
    source = project.span(span_id)
    source_text = project.document(source.doc_id).canonical_text[source.start:source.end]
    speakers = project.speakers(include_deleted=True)
    doc_ids = ([s.id for s in project.document_summaries()] if whole_project
               else [source.doc_id])
    out: list[Suggestion] = []
    for doc_id in doc_ids:
        out += propagate(doc_id, project.document(doc_id).canonical_text, source,
                         speakers=speakers, existing=project.spans(doc_id),
                         rejected=project.rejected_suggestion_keys(doc_id),
                         schema=project.schema, source_text=source_text)
    return out


def as_json(suggestions: Sequence[Suggestion], project: Project) -> list[dict[str, Any]]:
    """Suggestions as the CLI prints them: a speaker-valued attribute is the display name,
    with the id beside it as ``<attr>_id`` (empty for a speaker not yet registered)."""
    names = project.speaker_names()
    out = []
    for s in suggestions:
        attrs: dict[str, str] = {}
        for name, value in s.attrs.items():
            if isinstance(value, NewSpeaker):
                attrs[name], attrs[f"{name}_id"] = value.name, ""
            elif name in project.schema.speaker_attributes(s.label):
                attrs[name], attrs[f"{name}_id"] = names.get(value, ""), value
            else:
                attrs[name] = value
        out.append({"doc_id": s.doc_id, "label": s.label, "start": s.start, "end": s.end,
                    "text": s.text, "attrs": attrs, "rule": s.rule, "key": s.key,
                    **({"confidence": c} if (c := getattr(s, "confidence", None)) else {})})
    return out
