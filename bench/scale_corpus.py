"""A seeded, generated project of N Persian documents with 20 marks each, for scale benches.

API (everything else is private):

- ``document(number, seed=0) -> GeneratedDocument``: one document's raw text and its 20 spans
  (raw code point offsets, attrs with speaker display names), the same on every run.
- ``write_jsonl(path, n_docs, seed=0) -> int``: our own JSONL import file (``annotator import
  --format jsonl``) with ``n_docs`` documents, their spans, speakers and a status; returns the
  number of spans written.
- ``make_project(path, n_docs, analyst="lead", seed=0, normalization="letters") -> int``: a
  new ``.annot`` project holding the same documents and spans as that JSONL would give, built
  through the project's bulk paths in batches (100,000 documents in a few minutes); returns the
  number of spans.

Each document is about 2,000 characters of words from the lists below (composed for this file,
not taken from any text), with ZWNJ-joined words, Arabic ي/ك spellings, Persian and Latin
digits, emoji outside the BMP; one in ten documents has CRLF line ends. ``COMMON_WORD`` is in
nearly every document, ``RARE_WORD`` in about one in ``RARE_EVERY``; ``ABSENT_WORD`` in none.
Spans: 4 Turns (speaker, role), 10 Claims (speaker, type, checkworthy, quote), 6 Stances
(holder, target, polarity), each at word edges; speakers come from a registry of 60 names.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.domain.model import Document, text_sha256, utc_now
from annotator.formats.plain import document_from_text
from annotator.storage.merge.versions import version_hash
from annotator.storage.project import Project
from annotator.storage.tables import SPANS, record_edits, stored_json
from annotator.text import Alignment, NormalizationLevel

DOCUMENT_CHARS = 2000
SPANS_PER_DOCUMENT = 20
COMMON_WORD = "گفت"
RARE_WORD = "زعفران"
RARE_EVERY = 1000
ABSENT_WORD = "پنگوئن"
BATCH = 2000  # documents per transaction in make_project

_WORDS = (
    "و", "در", "به", "از", "که", "این", "را", "با", "است", "برای", "آن", "یک", "تا", "هم",
    "گفت", "گفت", "گفت", "کرد", "شد", "بود", "باید", "دولت", "مردم", "کشور", "امروز", "دیروز",
    "سال", "گذشته", "آینده", "اقتصاد", "قیمت", "بازار", "نفت", "گاز", "برق", "آب", "شهر",
    "روستا", "مدرسه", "دانشگاه", "دانشجو", "استاد", "کارگر", "کارخانه", "تولید", "صادرات",
    "واردات", "مذاکره", "توافق", "وزیر", "مجلس", "نماینده", "رئیس", "جمهور", "انتخابات",
    "رای", "خبر", "گزارش", "مصاحبه", "پرسش", "پاسخ", "نظر", "موضع", "حمایت", "مخالفت",
    "بسیار", "خیلی", "کمی", "همه", "هیچ", "چند", "اما", "ولی", "اگر", "چون", "زیرا", "پس",
    "خوب", "بد", "بزرگ", "کوچک", "تازه", "قدیمی", "مهم", "سخت", "آسان", "روشن", "تاریک",
    "بهار", "تابستان", "پاییز", "زمستان", "صبح", "شب", "هفته", "ماه", "تهران", "اصفهان",
    "شیراز", "تبریز", "مشهد", "خلیج", "دریا", "کوه", "جنگل", "کشاورزی", "گندم", "برنج",
    "نان", "چای", "بیمارستان", "پزشک", "پرستار", "دارو", "سلامت", "ورزش", "فوتبال", "تیم",
    "بازیکن", "مربی", "هنر", "فیلم", "کتاب", "نویسنده", "شاعر", "موسیقی", "فرهنگ", "تاریخ",
    "می‌گوید", "می‌خواهد", "نمی‌داند", "کتاب‌ها", "خانه‌ها", "بزرگ‌تر", "هم‌اکنون", "سخن‌گو",
    "كه", "يك", "كتاب", "ميزان", "كشور", "ايران", "۱۴۰۲", "۲۵", "2025", "S-400", "😀", "🇮🇷",
    "👍🏽", "خانهٔ", "https://example.com/a.b",
)
_NAMES = (
    "مریم", "علی", "رضا", "زهرا", "حسین", "فاطمه", "محمد", "سارا", "امیر", "نرگس", "بهرام",
    "لیلا", "کاوه", "شیرین", "پرویز", "نسرین", "داریوش", "مینا", "فرهاد", "الهام",
)
_FAMILIES = ("احمدی", "رضایی", "کریمی")
_TURN_ROLES = ("interviewer", "interviewee", "narrator")
_CLAIM_TYPES = ("factual", "opinion", "prediction", "commitment", "other")
_QUOTES = ("direct", "indirect", "none")
_POLARITIES = ("favor", "against", "neutral")
_TARGETS = ("دولت", "مجلس", "بازار", "توافق", "انتخابات", "تیم ملی")
_STATUSES = ("todo", "in progress", "done")


@dataclass(frozen=True)
class GeneratedSpan:
    id: str
    start: int  # raw code points
    end: int
    label: str
    attrs: dict[str, str]  # a speaker attribute holds the name; its id is in speaker_ids
    speaker_ids: dict[str, str]


@dataclass(frozen=True)
class GeneratedDocument:
    id: str
    title: str
    text: str  # raw text (CRLF kept)
    spans: tuple[GeneratedSpan, ...]
    status: str


def speakers() -> list[tuple[str, str]]:
    """The registry: ``(id, name)`` of the 60 speakers the documents use."""
    return [(f"spk-{n:02d}", f"{first} {family}") for n, (first, family) in
            enumerate((f, g) for g in _FAMILIES for f in _NAMES)]


_SPEAKERS = speakers()


def _text(rng: random.Random, number: int) -> str:
    pieces: list[str] = [f"گزارش {number}:"]
    used = len(pieces[0])
    if number % RARE_EVERY == RARE_EVERY // 2:
        pieces.append(RARE_WORD)
    while used < DOCUMENT_CHARS:
        word = rng.choice(_WORDS)
        roll = rng.random()
        sep = ". " if roll < 0.05 else "، " if roll < 0.08 else ".\n" if roll < 0.1 else " "
        pieces.append(word)
        pieces.append(sep)
        used += len(word) + len(sep)
    text = "".join(pieces).rstrip() + "."
    return text.replace("\n", "\r\n") if number % 10 == 3 else text


def _edges(text: str, rng: random.Random, count: int) -> list[tuple[int, int]]:
    """``count`` word-aligned ``[start, end)`` stretches of ``text``, each 2-12 words."""
    out: list[tuple[int, int]] = []
    length = len(text)
    for _ in range(count):
        start = text.find(" ", rng.randrange(length - 200)) + 1
        end = start
        for _ in range(rng.randint(2, 12)):
            found = text.find(" ", end + 1)
            if found < 0:
                break
            end = found
        while text[end - 1] in ".،\r\n":  # end on a letter, not inside a CRLF pair
            end -= 1
        out.append((start, end))
    return out


def document(number: int, seed: int = 0) -> GeneratedDocument:
    """Document ``number`` (0-based) of the corpus ``seed``."""
    rng = random.Random(seed * 1_000_003 + number)
    text = _text(rng, number)
    spans: list[GeneratedSpan] = []
    for k, (start, end) in enumerate(_edges(text, rng, SPANS_PER_DOCUMENT)):
        speaker_id, name = rng.choice(_SPEAKERS)
        span_id = f"s{seed}-{number:06d}-{k:02d}"
        if k < 4:
            spans.append(GeneratedSpan(span_id, start, end, "Turn", {
                "speaker": name, "role": rng.choice(_TURN_ROLES)}, {"speaker": speaker_id}))
        elif k < 14:
            spans.append(GeneratedSpan(span_id, start, end, "Claim", {
                "speaker": name, "type": rng.choice(_CLAIM_TYPES),
                "checkworthy": rng.choice(("yes", "no")), "quote": rng.choice(_QUOTES)},
                {"speaker": speaker_id}))
        else:
            spans.append(GeneratedSpan(span_id, start, end, "Stance", {
                "holder": name, "target": rng.choice(_TARGETS),
                "polarity": rng.choice(_POLARITIES)}, {"holder": speaker_id}))
    return GeneratedDocument(f"doc-{seed}-{number:06d}", f"سند {number}", text, tuple(spans),
                             _STATUSES[number % 3])


def write_jsonl(path: str | Path, n_docs: int, seed: int = 0, *, analyst: str = "",
                start: int = 0) -> int:
    """Write the JSONL import file of ``n_docs`` documents (numbers ``start`` onwards: an
    import reads at most 100 MiB a file, about 10,000 documents); the number of spans written.

    Spans carry no ``annotator`` unless ``analyst`` is given (the importer then gives them to
    the importing analyst); statuses are given for ``analyst`` (or ``"lead"``).
    """
    spans = 0
    with Path(path).open("w", encoding="utf-8", newline="\n") as out:
        for number in range(start, start + n_docs):
            doc = document(number, seed)
            used = {s.speaker_ids[k] for s in doc.spans for k in s.speaker_ids}
            record = {
                "id": doc.id, "title": doc.title, "source": "scale", "text": doc.text,
                "speakers": [{"id": i, "name": n} for i, n in _SPEAKERS if i in used],
                "spans": [{"id": s.id, "start": s.start, "end": s.end, "label": s.label,
                           "text": doc.text[s.start:s.end],
                           "attrs": s.attrs | {f"{k}_id": v for k, v in s.speaker_ids.items()},
                           **({"annotator": analyst} if analyst else {})}
                          for s in doc.spans],
                "status": {analyst or "lead": doc.status}}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            spans += len(doc.spans)
    return spans


def _stored(doc: GeneratedDocument, level: NormalizationLevel) -> Document:
    imported = document_from_text(doc.text, level=level, title=doc.title, source="scale",
                                  encoding="utf-8", path="scale")
    return Document(doc.id, doc.title, "scale", imported.canonical_text, imported.raw_text,
                    imported.alignment, {}, text_sha256(imported.canonical_text))


def _span_rows(doc: GeneratedDocument, alignment: Alignment, analyst: str, now: str
               ) -> Iterator[dict[str, object]]:
    for span in doc.spans:
        start, end = alignment.to_canonical(span.start, span.end)
        version: dict[str, object] = {
            "id": span.id, "author": analyst, "created": now, "modified": now, "revision": 1,
            "deleted": False, "start": start, "end": end, "label": span.label,
            "attrs": span.attrs | span.speaker_ids}
        yield SPANS.row({**version, "history": [version_hash(version)]}, doc.id)


def make_project(path: str | Path, n_docs: int, analyst: str = "lead", seed: int = 0,
                 normalization: NormalizationLevel = "letters") -> int:
    """Create ``path`` holding the corpus; the number of spans stored."""
    spans = 0
    with Project.create(path, analyst=analyst, normalization=normalization) as project:
        with project.transaction():
            for speaker_id, name in _SPEAKERS:
                project.add_speaker(name, speaker_id=speaker_id)
        for first in range(0, n_docs, BATCH):
            docs = [document(n, seed) for n in range(first, min(n_docs, first + BATCH))]
            stored = [_stored(doc, normalization) for doc in docs]
            now = utc_now()
            with project.transaction():
                project.add_documents(stored)
                rows = [SPANS.values(row) for doc, kept in zip(docs, stored, strict=True)
                        for row in _span_rows(doc, Alignment(kept.alignment), analyst, now)]
                project.conn.executemany(SPANS.insert(), rows)
                record_edits(project.conn, (
                    (now, analyst, "add span", "span", str(row[0]), str(row[1]),
                     stored_json({"start": row[2], "end": row[3], "label": row[4]}))
                    for row in rows))
                project.conn.executemany(
                    "INSERT INTO document_status(doc_id, analyst, status, modified)"
                    " VALUES (?, ?, ?, ?)", [(d.id, analyst, d.status, now) for d in docs])
            spans += len(rows)
        while project.index_pending():  # as the window does after an import, in steps
            pass
    return spans


if __name__ == "__main__":
    import sys
    import time

    started = time.perf_counter()
    count = make_project(sys.argv[1], int(sys.argv[2]))
    print(f"{count:,} spans in {time.perf_counter() - started:.1f} s")
