"""The baseline for the bundle benchmarks: a bare PySide6 window and nothing else.

Prints ``first-paint <Unix time> <CPU seconds>`` at its first paint event and closes, exactly
as ``annotator`` does with ANNOTATOR_REPORT_FIRST_PAINT=1 (annotator/ui/app.py).
"""

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class FirstPaint(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.window.removeEventFilter(self)
            print(f"first-paint {time.time():.6f} {time.process_time():.6f}", flush=True)
            QTimer.singleShot(0, self.window.close)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.setWindowTitle("bare")
    window.resize(1280, 800)
    window.installEventFilter(FirstPaint(window))
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
