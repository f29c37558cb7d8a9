"""Projects with what breaks other tools in their texts: CRLF, emoji, ZWNJ, Arabic ي and ك."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from annotator.domain.model import Document
from annotator.formats.exporting import ExportOptions, ExportReport, export_project
from annotator.storage.project import Project
from annotator.text import canonicalize

# Raw text as an analyst pastes it: CRLF line ends, Arabic letter variants, emoji, ZWNJ,
# a hashtag, an e-mail address and a Latin model number.
RAW = ("«كاظم جلالي» گفت: ما 😀 همکاری‌های دوجانبه را ادامه می‌دهیم.\r\n"
       "سؤال: آیا S-400 خریداری شد؟\r\n"
       "پاسخ: بله، bultannews@gmail.com 👍🏽 را ببینید. #تهران آرام است.")


def add_document(project: Project, raw: str, title: str = "گفت‌وگو",
                 metadata: dict[str, Any] | None = None) -> Document:
    canonical = canonicalize(raw, project.normalization)
    return project.add_document(Document("", title, f"{title}.txt", canonical.text, raw,
                                         canonical.alignment.segments, metadata or {}))


def annotate(project: Project, raw: str = RAW, *, title: str = "گفت‌وگو", done: bool = True
             ) -> Document:
    """One interview with a Turn, a Speaker mention, two Claims, a Stance and relations."""
    doc = add_document(project, raw, title, {"outlet": "جماران"})
    text = doc.canonical_text
    speakers = {s.name: s.id for s in project.speakers()}
    jalali = speakers.get("کاظم جلالی") or project.add_speaker("کاظم جلالی").id
    first_line = text.index("\n")
    project.add_span(doc.id, 0, text.index("سؤال") + 4, "Turn",
                     {"speaker": jalali, "role": "interviewee"})
    mention = project.add_span(doc.id, text.index("کاظم"), text.index("»"), "Speaker",
                               {"speaker": jalali})
    claim_start = text.index("ما")
    claim = project.add_span(doc.id, claim_start, first_line, "Claim",
                             {"speaker": jalali, "type": "commitment", "checkworthy": "yes",
                              "quote": "direct"})
    project.add_relation(claim.id, mention.id, "attributed_to")
    model = text.index("S-400")
    stance = project.add_span(doc.id, model - 4, model + 5, "Stance",
                              {"holder": jalali, "polarity": "favor"})
    target = project.add_span(doc.id, model, model + 5, "Speaker")
    project.add_relation(stance.id, target.id, "about")
    thumbs = text.index("👍🏽")
    project.add_span(doc.id, thumbs, thumbs + 2, "Claim", {"type": "other"}, author="maryam")
    if done:
        project.set_status(doc.id, "done")
    return doc


def export(project: Project, path: Path, fmt: str, **options: Any) -> ExportReport:
    return export_project(project, path, ExportOptions(format=fmt, **options))


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def kit() -> SimpleNamespace:
    """The helpers above, for test modules (which cannot import a conftest)."""
    return SimpleNamespace(RAW=RAW, add_document=add_document, annotate=annotate, export=export,
                           read_csv=read_csv, read_jsonl=read_jsonl, utf16_slice=utf16_slice)


def utf16_slice(text: str, start: int, end: int) -> str:
    """``text[start:end]`` where the offsets count UTF-16 code units (doccano, Label Studio)."""
    units = text.encode("utf-16-le")
    return units[2 * start:2 * end].decode("utf-16-le")
