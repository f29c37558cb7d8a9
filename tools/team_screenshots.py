"""Write docs/screenshots/adjudication.png and dashboard.png from the sample interview.

Two analysts, ali and sara, mark the interview with realistic agreements and disagreements; the
lead accepts the agreed marks and decides one disagreement; the windows are drawn offscreen.
Run: ``make team-screenshots`` (or ``QT_QPA_PLATFORM=offscreen .venv/bin/python
tools/team_screenshots.py [OUT_FOLDER]``). The user's settings are never touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QStandardPaths  # after the platform is chosen

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "interview-fa.txt"

# (analyst, label, exact words of the canonical text, attributes); "@name" is a speaker.
MARKS: list[tuple[str, str, str, dict[str, str]]] = []


def both(label: str, words: str, **attrs: str) -> None:
    for analyst in ("ali", "sara"):
        MARKS.append((analyst, label, words, attrs))


def one(analyst: str, label: str, words: str, **attrs: str) -> None:
    MARKS.append((analyst, label, words, attrs))


both("Speaker", "سفیر ایران در روسیه", speaker="@jalali")
one("ali", "Claim", "بسیاری از دشمنان ما به روابط نظامی-دفاعی بین دو کشور میپردازند تا بتوانند "
    "اسرار را متوجه شوند", speaker="@jalali", type="opinion", checkworthy="yes")
one("sara", "Claim", "بسیاری از دشمنان ما به روابط نظامی-دفاعی بین دو کشور میپردازند",
    speaker="@jalali", type="opinion", checkworthy="yes")
one("ali", "Claim", "طبق برنامه پیش میرود", speaker="@jalali", type="factual")
one("sara", "Claim", "طبق برنامه پیش میرود", speaker="@jalali", type="prediction")
both("Speaker", "جان میلر", speaker="@miller")
both("Speaker", "کاظم جلالی", speaker="@jalali")
both("Claim", "معاهده ۲۰۰۱ ایران و روسیه پس از تمدید، در سال ۲۰۲۵ با اصلاحات جدید بهروزرسانی شد",
     speaker="@jalali", type="factual", checkworthy="yes", quote="indirect")
both("Stance", "روسیه نیز با صدور سه بیانیه و حمایت در شورای امنیت نقش سیاسی و دیپلماتیک مؤثری "
     "ایفا کرد", holder="@jalali", target="روسیه", polarity="favor")
one("ali", "Claim", "ایران پیش از تجاوز اسرائیل درخواستی برای اس-۴۰۰ نداشت", speaker="@jalali",
    type="factual", checkworthy="yes")
one("sara", "Stance", "ایران پیش از تجاوز اسرائیل درخواستی برای اس-۴۰۰ نداشت",
    holder="@jalali", target="اس-۴۰۰", polarity="neutral")
both("Stance", "بدرفتاریهای غرب پس از انقلاب اسلامی", holder="@jalali", target="غرب",
     polarity="against")
one("ali", "Stance", "مخالف یکجانبهگرایی", holder="@jalali", target="یکجانبه‌گرایی",
    polarity="against")
one("sara", "Claim", "ایران همواره پای میز مذاکره بوده", speaker="@jalali", type="opinion")
both("Stance", "مذاکرهای که منجر به تحمیل یا تسلیم شود را نمیپذیرد", holder="@jalali",
     target="مذاکره", polarity="against")
one("ali", "Stance", "ملت سوریه را دوست و برادر میداند", holder="@jalali", target="سوریه",
    polarity="favor")
one("sara", "Stance", "ملت سوریه را دوست و برادر میداند", holder="@jalali", target="سوریه",
    polarity="favor")


def main(out: Path) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="team-screenshots-"))
    QStandardPaths.setTestModeEnabled(True)
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(workdir / "settings"))

    from annotator.formats.importing import import_files
    from annotator.storage.project import Project
    from annotator.ui.app import application
    from annotator.ui.language import install_language
    from annotator.ui.mainwindow import MainWindow
    from annotator.ui.session import Session

    app = application()
    install_language(app, "en")
    project = Project.create(workdir / "team.annot", analyst="lead")
    import_files(project, [SAMPLE])
    doc = project.document_summaries()[0]
    text = project.document(doc.id).canonical_text
    speakers = {"@jalali": project.add_speaker("کاظم جلالی", role="interviewee").id,
                "@miller": project.add_speaker("جان میلر", role="interviewer").id}
    for analyst, label, words, attrs in MARKS:
        start = text.index(words)
        values = {k: speakers.get(v, v) for k, v in attrs.items()}
        project.add_span(doc.id, start, start + len(words), label, values, author=analyst)
    project.set_status(doc.id, "done", analyst="ali")
    project.set_status(doc.id, "in progress", analyst="sara")

    window = MainWindow(Session(project))
    window.resize(1280, 800)
    window.show()
    tools = window.team
    dialog = tools.open_adjudication()
    assert dialog is not None
    dialog.resize(1400, 900)
    app.processEvents()
    dialog.accept_agreed()
    dialog.take_version(1)       # the first disagreement: ali's longer Claim
    dialog.recompute()
    app.processEvents()
    out.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(out / "adjudication.png"), "PNG")

    dashboard = tools.open_dashboard()
    dashboard.resize(1400, 1000)
    app.processEvents()
    dashboard.grab().save(str(out / "dashboard.png"), "PNG")
    for name in ("adjudication.png", "dashboard.png"):
        print(out / name)
    dashboard.close()
    dialog.close()
    window.close()
    project.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
