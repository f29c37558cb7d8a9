"""The document view: canonical text right to left, spans highlighted in their label's colour.

Offsets outside this module are code points of the canonical text; Qt's UTF-16 positions are
converted here and nowhere else. Only the spans on screen are turned into highlights (on every
scroll, resize and edit), so a document with tens of thousands of spans opens as fast as its text.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from annotator.domain.model import Document, Span
from annotator.domain.schema import LabelSchema
from annotator.text import Utf16Index, snap_to_tokens, token_spans
from annotator.text.selection import trim_edges
from annotator.ui import deferred
from annotator.ui.plain import tooltip
from annotator.ui.resources import spaced_text_family
from annotator.ui.schemanames import attribute_name, label_name, value_name
from annotator.ui.spanindex import SpanIndex

FILL_ALPHA = 70          # of 255: overlapping fills blend, so both spans stay visible
CURRENT_ALPHA = 150
HIT_COLOUR = QColor(255, 214, 0, 140)


@dataclass(frozen=True)
class Ghost:
    """A range drawn as a dashed outline only (a suggestion), never as a filled mark."""

    start: int
    end: int
    label: str


class AnnotationView(QPlainTextEdit):
    """Read-only text with span highlights; selections snap to word tokens unless Alt is held."""

    current_span_changed = Signal(object)   # Span | None
    selection_made = Signal(int, int)       # code points, after snapping

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setMouseTracking(True)
        self.document().setUndoRedoEnabled(False)
        self._text = ""
        self._doc_id = ""
        self._utf16 = Utf16Index("")
        self._tokens: list[tuple[int, int]] | None = None
        self._index = SpanIndex()
        self._colours: dict[str, QColor] = {}
        self._speakers: Mapping[str, str] = {}
        self._schema: LabelSchema | None = None
        self._current: str | None = None
        self._ghosts: list[Ghost] = []
        self._hits: list[tuple[int, int]] = []
        self._line_spacing = 100
        self.first_painted: float | None = None
        self._points = 15
        self.document().setDefaultTextOption(self._text_option())
        self.verticalScrollBar().valueChanged.connect(self.refresh_highlights)
        self.cursorPositionChanged.connect(self._follow_keyboard_cursor)

    # -- content ------------------------------------------------------------------------------

    @property
    def doc_id(self) -> str:
        return self._doc_id

    @property
    def text(self) -> str:
        return self._text

    @property
    def spans(self) -> SpanIndex:
        return self._index

    def show_document(self, document: Document | None, spans: Iterable[Span] = ()) -> None:
        """Show a document's canonical text (right to left) and its live spans."""
        self.first_painted = None
        self._doc_id = document.id if document else ""
        self._text = document.canonical_text if document else ""
        self._utf16 = Utf16Index(self._text)
        self._tokens = None
        self._index = SpanIndex(spans)
        self._current = None
        self._ghosts, self._hits = [], []
        self.setPlainText(self._text)
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.refresh_highlights()
        self.current_span_changed.emit(None)

    def set_spans(self, spans: Iterable[Span]) -> None:
        """Replace the document's spans (after a first screen was painted with a few of them)."""
        self._index = SpanIndex(spans)
        self.refresh_highlights()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.first_painted is None:  # read by the benchmarks: the first frame of a document
            self.first_painted = time.perf_counter()
            deferred.painted(self)  # the viewport's frame is this view's (ui/deferred.py)

    def set_schema(self, schema: LabelSchema, speakers: Mapping[str, str]) -> None:
        self._schema = schema
        self._colours = {layer.name: QColor(layer.color) for layer in schema.layers}
        self._speakers = speakers
        self.refresh_highlights()

    def set_speakers(self, speakers: Mapping[str, str]) -> None:
        self._speakers = speakers

    def span_added(self, span: Span) -> None:
        if span.doc_id == self._doc_id:
            self._index.add(span)
            self.refresh_highlights()

    def span_removed(self, doc_id: str, span_id: str) -> None:
        if doc_id == self._doc_id:
            self._index.remove(span_id)
            if self._current == span_id:
                self.set_current_span(None)
            self.refresh_highlights()

    def set_ghosts(self, ghosts: Iterable[Ghost]) -> None:
        self._ghosts = sorted(ghosts, key=lambda g: (g.start, g.end))
        self.refresh_highlights()

    def set_hits(self, hits: Iterable[tuple[int, int]]) -> None:
        self._hits = sorted(hits)
        self.refresh_highlights()

    # -- looks --------------------------------------------------------------------------------

    def set_text_size(self, points: int) -> None:
        self._points = max(6, min(72, points))
        self._apply_font()

    def set_line_spacing(self, percent: int) -> None:
        self._line_spacing = max(100, min(300, percent))
        self._apply_font()

    def _apply_font(self) -> None:
        font = QFont(spaced_text_family(self._line_spacing))
        font.setPointSize(self._points)
        self.setFont(font)
        self.refresh_highlights()

    def _text_option(self) -> QTextOption:
        # QPlainTextEdit lays every block out with the document's default option (block formats
        # are ignored): the whole document reads right to left, lines flush right.
        option = QTextOption(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        # Lines break between words only, never inside one (a ZWNJ joins, it does not break); the
        # view's minimum width (ui/docklayout.py) keeps a word from being wider than a line.
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        return option

    # -- offsets: the only place Qt positions meet code points -------------------------------

    def to_qt(self, offset: int) -> int:
        return self._utf16.to_qt_position(offset)

    def from_qt(self, position: int) -> int:
        return self._utf16.from_qt_position(min(position, self._utf16.qt_length))

    def selected_range(self) -> tuple[int, int]:
        """The selection in code points (start == end when nothing is selected)."""
        cursor = self.textCursor()
        return self.from_qt(cursor.selectionStart()), self.from_qt(cursor.selectionEnd())

    def select_range(self, start: int, end: int, *, scroll: bool = True) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.to_qt(start))
        cursor.setPosition(self.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        if scroll:
            self.centerCursor()
        self.refresh_highlights()

    def snapped(self, start: int, end: int) -> tuple[int, int]:
        """Snap a selection to whole word tokens (a ZWNJ-joined word is one token), without the
        quotes and punctuation at its edges."""
        if self._tokens is None:
            self._tokens = token_spans(self._text)
        start, end = snap_to_tokens(self._text, start, end, self._tokens)
        return trim_edges(self._text, start, end)

    # -- the current span ---------------------------------------------------------------------

    def current_span(self) -> Span | None:
        return self._index.get(self._current) if self._current else None

    def set_current_span(self, span: Span | None, *, scroll: bool = False) -> None:
        self._current = span.id if span else None
        if span is not None and scroll:
            self.select_range(span.start, span.start)
        self.refresh_highlights()
        self.current_span_changed.emit(span)

    def span_changed(self, span: Span) -> None:
        if span.doc_id == self._doc_id:
            self._index.add(span)
            self.refresh_highlights()
            if span.id == self._current:
                self.current_span_changed.emit(span)

    # -- painting -----------------------------------------------------------------------------

    def visible_range(self) -> tuple[int, int]:
        """Code points from the first to the last visual line on screen (whole lines, since
        right-to-left and embedded left-to-right runs reorder characters within a line)."""
        if not self._text:
            return 0, 0
        # The viewport's size without asking for it (ui/deferred.py: not before the first
        # frame); a hidden horizontal scroll bar's height is counted in, at worst a line more.
        area = QRect(QPoint(0, 0), self.maximumViewportSize())
        top = min(self.cursorForPosition(area.topLeft()).position(),
                  self.cursorForPosition(area.topRight()).position())
        bottom = max(self.cursorForPosition(area.bottomLeft()).position(),
                     self.cursorForPosition(area.bottomRight()).position())
        return self.from_qt(self._line_edge(top, start=True)), \
            self.from_qt(self._line_edge(bottom, start=False))

    def _line_edge(self, position: int, *, start: bool) -> int:
        """The first (or last) position of the visual line holding ``position``."""
        block = self.document().findBlock(position)
        layout = block.layout()
        if layout is None:
            return position
        line = layout.lineForTextPosition(position - block.position())
        if not line.isValid():
            return block.position() if start else block.position() + max(block.length() - 1, 0)
        first = block.position() + line.textStart()
        return first if start else first + line.textLength()

    def refresh_highlights(self) -> None:
        if not self.isVisible():
            # Nothing is on screen, and the viewport does not have its size yet: laying the text
            # out for it would be thrown away. showEvent refreshes.
            return
        start, end = self.visible_range()
        selections: list[QTextEdit.ExtraSelection] = []
        for hit_start, hit_end in self._hits:
            if hit_start < end + 1 and hit_end > start:
                fmt = QTextCharFormat()
                fmt.setBackground(HIT_COLOUR)
                selections.append(self._selection(hit_start, hit_end, fmt))
        for span in self._index.overlapping(start, end + 1):
            colour = QColor(self._colours.get(span.label, QColor("#888888")))
            fmt = QTextCharFormat()
            current = span.id == self._current
            colour.setAlpha(CURRENT_ALPHA if current else FILL_ALPHA)
            fmt.setBackground(colour)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor(self._colours.get(span.label, QColor("#888888"))))
            if current:
                fmt.setProperty(QTextFormat.Property.FontWeight, QFont.Weight.Bold.value)
            selections.append(self._selection(span.start, span.end, fmt))
        for ghost in self._ghosts:
            if ghost.start < end + 1 and ghost.end > start:
                fmt = QTextCharFormat()
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
                fmt.setUnderlineColor(self._colours.get(ghost.label, QColor("#888888")))
                fmt.setFontOverline(True)
                selections.append(self._selection(ghost.start, ghost.end, fmt))
        self.setExtraSelections(selections)

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.to_qt(start))
        cursor.setPosition(self.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refresh_highlights()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh_highlights()

    # -- mouse and keyboard -------------------------------------------------------------------

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        start, end = self.selected_range()
        if start == end:
            offset = self.offset_at(event.position().toPoint())
            spans = self._index.at(offset) if offset is not None else []
            self.set_current_span(spans[0] if spans else None)
            return
        if not event.modifiers() & Qt.KeyboardModifier.AltModifier:
            start, end = self.snapped(start, end)
            self.select_range(start, end, scroll=False)
        self.selection_made.emit(start, end)

    def offset_at(self, point: QPoint) -> int | None:
        """The code point under a viewport point, or None past the end of the text."""
        cursor = self.cursorForPosition(point)
        offset = self.from_qt(cursor.position())
        # cursorForPosition gives the nearest gap; take the character whose box holds the point.
        gap_x = self.cursorRect(cursor).left()
        rtl = cursor.block().textDirection() == Qt.LayoutDirection.RightToLeft
        after_gap = point.x() < gap_x if rtl else point.x() > gap_x
        if not after_gap:
            offset -= 1
        if offset < 0 or offset >= len(self._text):
            return None
        return offset

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            cursor = self.textCursor()
            cursor.clearSelection()
            self.setTextCursor(cursor)
            self.set_current_span(None)
            return
        super().keyPressEvent(event)

    def _follow_keyboard_cursor(self) -> None:
        self.refresh_highlights()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            viewport_point = self.viewport().mapFromGlobal(event.globalPos())
            offset = self.offset_at(viewport_point)
            spans = self._index.at(offset) if offset is not None else []
            if spans:
                # Labels, speakers and values come from imported files: shown literally.
                QToolTip.showText(event.globalPos(),
                                  tooltip("\n".join(self.describe(s) for s in spans)), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def describe(self, span: Span) -> str:
        """One line of plain text: the label and every attribute, speakers by name."""
        parts = []
        for key, value in span.attrs.items():
            kind = None
            if self._schema is not None:
                layer = self._schema.layer(span.label)
                attribute = layer.attribute(key) if layer else None
                kind = attribute.kind if attribute else None
            shown = (self._speakers.get(value, value) if kind == "speaker"
                     else value_name(key, value))
            parts.append(f"{attribute_name(span.label, key)}: {shown}")
        label = label_name(span.label)
        return f"{label} — {'; '.join(parts)}" if parts else label

