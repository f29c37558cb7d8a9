"""The one object through which the window changes a project.

Every user action becomes a command on ``undo_stack``; commands call the ``_``-prefixed domain
methods here, each of which is one durable transaction in the project file, and the session
announces what changed through its signals so that every view repaints itself.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.domain.errors import AnnotatorError
from annotator.domain.model import Relation, Span, Speaker
from annotator.domain.schema import LabelSchema
from annotator.lazy import lazy
from annotator.storage.project import Project

if TYPE_CHECKING:  # typed as the modules, each loaded at its first use (annotator/lazy.py)
    from annotator.analysis import review
    from annotator.analysis.review import Accepted
    from annotator.analysis.suggest import Suggestion
    from annotator.formats import documents, importing
    from annotator.formats.importing import ImportReport
    from annotator.storage import merging
    from annotator.storage.learned import LearnedModel
    from annotator.storage.merging import Conflict, MergeReport
else:
    documents = lazy("annotator.formats.documents")
    importing = lazy("annotator.formats.importing")
    merging = lazy("annotator.storage.merging")
    review = lazy("annotator.analysis.review")

BACKUP_WATCH_MS = 500  # how often the window looks whether a background backup has ended
# Documents an import or merge added enter the search index in idle time, a step at a time
# (search finds them meanwhile): a step is about 15 ms of indexing (Project.index_pending), and
# the event loop runs this long between steps.
INDEX_STEP_MS = 20


class Session(QObject):
    span_added = Signal(object)          # Span
    span_removed = Signal(str, str)      # doc_id, span_id
    span_changed = Signal(object)        # Span (new state)
    relations_changed = Signal(str)      # doc_id
    speakers_changed = Signal()
    schema_changed = Signal()
    status_changed = Signal(str)         # doc_id
    documents_changed = Signal()
    suggestions_changed = Signal(str)    # doc_id: accepted or rejected suggestions there
    model_changed = Signal()             # a learned model was stored
    project_merged = Signal()            # other files merged in: views read their items again
    edit_failed = Signal(str)            # one sentence for the status bar / a dialog

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.undo_stack = QUndoStack(self)
        self._told_backup_problem = ""
        self._closed = False
        # Every edit, undo and redo moves the stack: a cheap check backs up every N minutes.
        self.undo_stack.indexChanged.connect(lambda _index: self.maybe_backup())
        # A backup made in the background (the project's) is collected when it ends.
        self._backup_watch = QTimer(self)
        self._backup_watch.setInterval(BACKUP_WATCH_MS)
        self._backup_watch.timeout.connect(self._collect_backup)
        if project.backup_running:  # the one on opening
            self._backup_watch.start()
        self._indexer = QTimer(self)
        self._indexer.setInterval(INDEX_STEP_MS)
        self._indexer.timeout.connect(self._index_step)

    @property
    def read_only(self) -> bool:
        return self.project.read_only

    @property
    def closed(self) -> bool:
        """Set when the window lets go of the project (and cleared when another window takes
        it up): nothing is written in the background meanwhile."""
        return self._closed

    @closed.setter
    def closed(self, closed: bool) -> None:
        self._closed = closed
        if closed:
            self._indexer.stop()

    def index_pending_documents(self) -> None:
        """Put the documents not yet in the search index (an import's, a merge's) into it in
        idle time, a small step per turn of the event loop; search finds them meanwhile."""
        if not (self.closed or self.read_only):
            self._indexer.start()  # its first step stops it when nothing is pending

    # -- what the window asks for: each is one undoable command ------------------------------

    def mark(self, doc_id: str, start: int, end: int, label: str,
             attrs: Mapping[str, str] | None = None, *, author: str | None = None
             ) -> Span | None:
        """Add a span over code points ``[start, end)`` of the document's canonical text, by
        ``author`` (adjudication writes as ``gold``) or else the project's analyst."""
        span = self._made(
            lambda: self._add_span(doc_id, start, end, label, attrs or {}, author))
        if span is not None:
            self._push(_Command(self.tr("Mark %s") % label,
                                redo=lambda: self._restore_span(span.id),
                                undo=lambda: self._delete_span(span.id)))
        return span

    def unmark(self, span_ids: Iterable[str]) -> None:
        """Delete spans (and the relations that use them); undo brings both back."""
        ids = list(span_ids)
        if not ids:
            return
        removed: list[tuple[str, list[str]]] = []

        def delete_all() -> None:
            removed.clear()
            with self.project.transaction():
                for span_id in ids:
                    removed.append((span_id, self._delete_span(span_id)))

        def restore_all() -> None:
            with self.project.transaction():
                for span_id, relation_ids in reversed(removed):
                    self._restore_span(span_id)
                    for relation_id in relation_ids:
                        self._restore_relation(relation_id)

        if self._attempt(delete_all):
            self._push(_Command(self.tr("Delete %n span(s)", "", len(ids)),
                                redo=delete_all, undo=restore_all))

    def set_attrs(self, span_id: str, attrs: Mapping[str, str]) -> None:
        """Replace a span's attributes."""
        old = dict(self.project.span(span_id).attrs)
        new = dict(attrs)
        if old == new:
            return
        if self._attempt(lambda: self._update_span(span_id, attrs=new)):
            self._push(_Command(self.tr("Edit attributes"),
                                redo=lambda: self._update_span(span_id, attrs=new),
                                undo=lambda: self._update_span(span_id, attrs=old)))

    def relabel(self, span_id: str, label: str) -> None:
        old = self.project.span(span_id)
        if old.label == label:
            return
        if self._attempt(lambda: self._update_span(span_id, label=label, attrs={})):
            self._push(_Command(self.tr("Change label to %s") % label,
                                redo=lambda: self._update_span(span_id, label=label, attrs={}),
                                undo=lambda: self._update_span(span_id, label=old.label,
                                                               attrs=old.attrs)))

    def link(self, from_id: str, to_id: str, type: str) -> Relation | None:
        relation = self._made(lambda: self._add_relation(from_id, to_id, type))
        if relation is not None:
            self._push(_Command(self.tr("Link %s") % type,
                                redo=lambda: self._restore_relation(relation.id),
                                undo=lambda: self._delete_relation(relation.id)))
        return relation

    def add_speaker(self, name: str, *, role: str = "", affiliation: str = "",
                    aliases: tuple[str, ...] = ()) -> Speaker | None:
        speaker = self._made(lambda: self._changed_speakers(self.project.add_speaker(
            name.strip(), role=role, affiliation=affiliation, aliases=aliases)))
        if speaker is not None:
            self._push(_Command(self.tr("Add speaker %s") % speaker.name,
                                redo=lambda: self._speaker_deleted(speaker.id, False),
                                undo=lambda: self._speaker_deleted(speaker.id, True)))
        return speaker

    def update_speaker(self, speaker_id: str, **changes: Any) -> None:
        old = self.project.speaker(speaker_id)
        before = {"name": old.name, "aliases": old.aliases, "role": old.role,
                  "affiliation": old.affiliation}
        if all(before[key] == value for key, value in changes.items()):
            return

        def apply(values: Mapping[str, Any]) -> Speaker:
            return self._changed_speakers(self.project.update_speaker(speaker_id, **values))

        if self._attempt(lambda: apply(changes)):
            self._push(_Command(self.tr("Edit speaker %s") % old.name,
                                redo=lambda: apply(changes), undo=lambda: apply(before)))

    def remove_speaker(self, speaker_id: str) -> None:
        if self._attempt(lambda: self._speaker_deleted(speaker_id, True)):
            self._push(_Command(self.tr("Remove speaker"),
                                redo=lambda: self._speaker_deleted(speaker_id, True),
                                undo=lambda: self._speaker_deleted(speaker_id, False)))

    def set_status(self, doc_id: str, status: str) -> None:
        old = self.project.statuses(doc_id).get(self.project.analyst, "todo")
        if old == status:
            return
        if self._attempt(lambda: self._set_status(doc_id, status)):
            self._push(_Command(self.tr("Mark document %s") % status,
                                redo=lambda: self._set_status(doc_id, status),
                                undo=lambda: self._set_status(doc_id, old)))

    def set_schema(self, schema: LabelSchema) -> None:
        old = self.project.schema
        if self._attempt(lambda: self._set_schema(schema)):
            self._push(_Command(self.tr("Edit labels"),
                                redo=lambda: self._set_schema(schema),
                                undo=lambda: self._set_schema(old)))

    def accept_suggestions(self, suggestions: Sequence[Suggestion]) -> Accepted | None:
        """Store suggestions as spans (registering the speakers they name): one command."""
        if not suggestions:
            return None
        accepted = self._made(lambda: self._accept(suggestions))
        if accepted is not None:
            self._push(_Command(self.tr("Accept %n suggestion(s)", "", len(suggestions)),
                                redo=lambda: self._redo_accept(accepted),
                                undo=lambda: self._undo_accept(accepted)))
            return accepted
        return None

    def reject_suggestions(self, suggestions: Sequence[Suggestion]) -> None:
        """Remember that these suggestions are wrong, so they are not proposed again."""
        if not suggestions:
            return
        items = list(suggestions)
        if self._attempt(lambda: self._reject(items, True)):
            self._push(_Command(self.tr("Reject %n suggestion(s)", "", len(items)),
                                redo=lambda: self._reject(items, True),
                                undo=lambda: self._reject(items, False)))

    def propagate(self, span_id: str, *, whole_project: bool = False) -> int:
        """Give the span's label and attributes to every other occurrence of its text."""
        found = self._made(
            lambda: review.propagate_span(self.project, span_id, whole_project=whole_project))
        if not found:
            return 0
        accepted = self.accept_suggestions(found)
        return len(accepted.spans) if accepted else 0

    def import_files(self, paths: Iterable[str | Path], fmt: str = "auto") -> ImportReport:
        """Import files all-or-nothing (not undoable: an import is one transaction of its own).

        Raises the importer's AnnotatorError, naming the file and line, when anything is wrong;
        the project is then unchanged.
        """
        schema_before = self.project.schema
        report = importing.import_files(self.project, paths, fmt=fmt)
        if self.project.schema != schema_before:
            self.schema_changed.emit()
        if report.speakers_added:
            self.speakers_changed.emit()
        self.documents_changed.emit()
        self.index_pending_documents()
        return report

    def import_pasted(self, *, text: str, html: str, title: str) -> ImportReport:
        """A new document from pasted ``text`` (or its ``html``, through the web page
        extraction), titled ``title``; raises AnnotatorError and changes nothing on a fault."""
        document = documents.pasted_document(text=text, html=html, title=title,
                                             level=self.project.normalization)
        report = importing.store_documents(self.project, [document])
        self.documents_changed.emit()
        self.index_pending_documents()
        return report

    # -- what is saved at once and not undoable ---------------------------------------------

    def document_opened(self, doc_id: str) -> None:
        """The analyst opened ``doc_id``: a document they gave no status yet is "in progress".
        Not an undoable edit: opening a document changes no mark. Nothing, once the session or
        its project is closed (the window calls this after its first frame)."""
        if self.read_only or self.closed or self.project.closed:
            return
        if self.project.statuses(doc_id).get(self.project.analyst) is not None:
            return
        if self._attempt(lambda: self.project.set_status(doc_id, "in progress")):
            self.status_changed.emit(doc_id)

    def merge(self, paths: Sequence[Path]) -> MergeReport:
        """Merge other analysts' project files into this one in one transaction.

        Raises AnnotatorError naming the file when one cannot be merged; the project is then
        unchanged. Not undoable, and the undo history is cleared: undoing an edit made before
        the merge could overwrite what the merge brought in.
        """
        sources = []
        try:
            for path in paths:
                sources.append(merging.open_source(path, project=self.project.path))
            report = merging.merge_projects(self.project, sources)
        finally:
            for source in sources:
                source.close()
        self.undo_stack.clear()
        self.schema_changed.emit()
        self.speakers_changed.emit()
        self.documents_changed.emit()
        self.project_merged.emit()
        self.index_pending_documents()
        return report

    def resolve_conflict(self, conflict: Conflict, *, other: bool) -> bool:
        """Settle a merge conflict with its other version (or the kept one): saved at once as a
        new revision of the item, not undoable. False (and ``edit_failed``) when refused."""
        choice = conflict.other if other else conflict.kept
        if not self._attempt(lambda: merging.resolve_conflict(
                self.project, conflict.entity, conflict.entity_id, choice)):
            return False
        if conflict.entity == "span":
            span = self.project.span(conflict.entity_id)
            self.span_removed.emit(span.doc_id, span.id)
            if not span.deleted:
                self.span_added.emit(span)
        elif conflict.entity == "relation" and conflict.doc_id:
            self.relations_changed.emit(conflict.doc_id)
        else:
            self.speakers_changed.emit()
        return True

    def detach_views(self) -> None:
        """Disconnect everything from the signals (a window about to be replaced), so that only
        the new window follows the session."""
        for name in _SIGNALS:
            # A signal nothing listens to warns (or raises) that it has nothing to disconnect.
            with warnings.catch_warnings(), contextlib.suppress(RuntimeError, TypeError):
                warnings.simplefilter("ignore", RuntimeWarning)
                getattr(self, name).disconnect()

    # -- the domain changes commands make (each one transaction) ---------------------------

    def _add_span(self, doc_id: str, start: int, end: int, label: str,
                  attrs: Mapping[str, str], author: str | None = None) -> Span:
        span = self.project.add_span(doc_id, start, end, label, attrs, author=author)
        self.span_added.emit(span)
        return span

    def _delete_span(self, span_id: str) -> list[str]:
        span = self.project.span(span_id)
        live = [r.id for r in self.project.relations(span.doc_id)
                if span_id in (r.from_id, r.to_id)]
        self.project.delete_span(span_id)
        self.span_removed.emit(span.doc_id, span_id)
        if live:
            self.relations_changed.emit(span.doc_id)
        return live

    def _restore_span(self, span_id: str) -> Span:
        span = self.project.restore_span(span_id)
        self.span_added.emit(span)
        return span

    def _update_span(self, span_id: str, **changes: Any) -> Span:
        span = self.project.update_span(span_id, **changes)
        self.span_changed.emit(span)
        return span

    def _add_relation(self, from_id: str, to_id: str, type: str) -> Relation:
        relation = self.project.add_relation(from_id, to_id, type)
        self.relations_changed.emit(relation.doc_id)
        return relation

    def _delete_relation(self, relation_id: str) -> None:
        doc_id = self.project.relation(relation_id).doc_id
        self.project.delete_relation(relation_id)
        self.relations_changed.emit(doc_id)

    def _restore_relation(self, relation_id: str) -> None:
        relation = self.project.restore_relation(relation_id)
        self.relations_changed.emit(relation.doc_id)

    def _speaker_deleted(self, speaker_id: str, deleted: bool) -> Speaker:
        return self._changed_speakers(self.project.set_speaker_deleted(speaker_id, deleted))

    def _changed_speakers(self, speaker: Speaker) -> Speaker:
        self.speakers_changed.emit()
        return speaker

    def _set_status(self, doc_id: str, status: str) -> None:
        self.project.set_status(doc_id, status)
        self.status_changed.emit(doc_id)

    def _set_schema(self, schema: LabelSchema) -> None:
        self.project.set_schema(schema)
        self.schema_changed.emit()

    def _accept(self, suggestions: Sequence[Suggestion]) -> Accepted:
        accepted = review.accept(self.project, suggestions)
        self._announce(accepted, added=True)
        return accepted

    def _undo_accept(self, accepted: Accepted) -> None:
        review.undo_accept(self.project, accepted)
        self._announce(accepted, added=False)

    def _redo_accept(self, accepted: Accepted) -> None:
        review.redo_accept(self.project, accepted)
        self._announce(accepted, added=True)

    def _announce(self, accepted: Accepted, *, added: bool) -> None:
        if accepted.speakers:
            self.speakers_changed.emit()
        for span in accepted.spans:
            if added:
                self.span_added.emit(self.project.span(span.id))
            else:
                self.span_removed.emit(span.doc_id, span.id)
        for doc_id in {span.doc_id for span in accepted.spans}:
            self.suggestions_changed.emit(doc_id)

    def _reject(self, suggestions: Sequence[Suggestion], rejected: bool) -> None:
        (review.reject if rejected else review.unreject)(self.project, suggestions)
        for doc_id in {s.doc_id for s in suggestions}:
            self.suggestions_changed.emit(doc_id)

    def maybe_backup(self) -> None:
        """Back the project up when it changed and the interval passed; a failure is reported,
        never raised (the edit itself is already safe in the file)."""
        if self.read_only or self.closed:
            return
        try:
            self.project.maybe_backup()
        except AnnotatorError as error:
            self.edit_failed.emit(str(error))
            return
        if self.project.backup_running:
            self._backup_watch.start()
        self._tell_backup_problem()

    def _index_step(self) -> None:
        """One step of indexing pending documents; the timer stops when none is left, the
        project is let go, or a step is refused (said once through ``edit_failed``)."""
        if self.closed or self.read_only or self.project.closed or not self._made(
                self.project.index_pending):
            self._indexer.stop()

    def _collect_backup(self) -> None:
        if self.closed:
            self._backup_watch.stop()
            return
        self.project.finish_backup()
        if not self.project.backup_running:
            self._backup_watch.stop()
            self._tell_backup_problem()

    def _tell_backup_problem(self) -> None:
        problem = self.project.backup_problem
        if problem and problem != self._told_backup_problem:
            self.edit_failed.emit(problem)
        self._told_backup_problem = problem

    # -- plumbing ---------------------------------------------------------------------------

    def store_learned_model(self, model: LearnedModel) -> bool:
        """Store a model learned in the background, in one transaction. Not an undoable edit:
        it changes no mark, and the next training replaces it anyway."""
        ok = self._attempt(lambda: self.project.store_learned_models([model]))
        if ok:
            self.model_changed.emit()
        return ok

    def _made[T](self, action: Callable[[], T]) -> T | None:
        """Run a domain change that makes something and return it; a refusal becomes
        ``edit_failed`` (and None) instead of an exception."""
        try:
            return action()
        except AnnotatorError as error:
            self.edit_failed.emit(str(error))
            return None

    def _attempt(self, action: Callable[[], object]) -> bool:
        """Run a domain change; False, and ``edit_failed``, when it is refused."""
        def run() -> bool:
            action()
            return True

        return self._made(run) is not None

    def _push(self, command: _Command) -> None:
        command.session = self
        self.undo_stack.push(command)


_SIGNALS = tuple(name for name, value in vars(Session).items() if isinstance(value, Signal))


class _Command(QUndoCommand):
    """An edit already carried out once; redo repeats it after an undo."""

    def __init__(self, text: str, *, redo: Callable[[], object],
                 undo: Callable[[], object]) -> None:
        super().__init__(text)
        self._redo, self._undo = redo, undo
        self._first = True
        self.session: Session | None = None

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._run(self._redo)

    def undo(self) -> None:
        self._run(self._undo)

    def _run(self, action: Callable[[], object]) -> None:
        try:
            action()
        except AnnotatorError as error:
            # The file is unchanged (each change is one transaction); say why and stop here.
            self.setObsolete(True)
            if self.session is not None:
                self.session.edit_failed.emit(str(error))
