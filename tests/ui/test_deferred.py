"""after_first_paint: work waits for a widget's first frame, then runs unasked."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from annotator.ui import deferred
from annotator.ui.deferred import after_first_paint


class Painted(QLabel):
    def __init__(self) -> None:
        super().__init__("x")
        self.painted = 0

    def paintEvent(self, event: object) -> None:
        self.painted += 1
        super().paintEvent(event)  # type: ignore[arg-type]


def test_callbacks_run_after_the_first_paint_in_order(qtbot: QtBot) -> None:
    label = Painted()
    qtbot.addWidget(label)
    calls: list[tuple[str, int]] = []
    after_first_paint(label, lambda: calls.append(("first", label.painted)))
    after_first_paint(label, lambda: calls.append(("second", label.painted)))
    qtbot.wait(20)
    assert calls == []  # not shown, not painted: nothing yet
    label.show()
    qtbot.waitUntil(lambda: len(calls) == 2)
    assert calls[0][0] == "first" and calls[1][0] == "second"
    assert all(painted >= 1 for _name, painted in calls)  # each ran after a frame
    after_first_paint(label, lambda: calls.append(("later", label.painted)))
    qtbot.waitUntil(lambda: len(calls) == 3)  # already painted: on the next turn


def test_a_widget_never_painted_releases_its_callbacks_after_a_while(
        qtbot: QtBot) -> None:
    label = Painted()
    qtbot.addWidget(label)
    calls: list[int] = []
    after_first_paint(label, lambda: calls.append(label.painted))
    qtbot.waitUntil(lambda: calls == [0], timeout=deferred.FALLBACK_MS + 2000)
