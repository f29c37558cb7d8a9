"""Measure extraction on the Persian pages and PDFs the tests write (README, Import).

Pages: for each layout and extraction library, word recall and precision of the article body,
whether it came out exactly, ZWNJ kept, and how many pieces of page chrome leaked in.
PDFs: for each PDF library, the share of words in the right place (difflib over words) and
whether the text came out exactly. Run: .venv/bin/python tools/measure_extraction.py after
`pip install trafilatura boilerpy3 justext pypdf pdfplumber` (only the libraries chosen are
the project's dependencies; a missing one is reported as such).
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "documents"))
from document_files import (
    BODY,
    CHROME,
    PAGES,
    TITLE,
    write_pdf_shaped,
    write_pdf_visual,
)


def with_trafilatura(page: str) -> str:
    import trafilatura

    return trafilatura.extract(page, include_comments=False, include_tables=False,
                               deduplicate=False) or ""


def with_trafilatura_precision(page: str) -> str:
    import trafilatura

    return trafilatura.extract(page, include_comments=False, include_tables=False,
                               favor_precision=True) or ""


def with_readability(page: str) -> str:
    import lxml.html
    from readability import Document

    summary = lxml.html.fromstring(Document(page).summary())
    blocks = [b.text_content().strip() for b in summary.iter("p", "div", "li", "h1", "h2", "h3")
              if not b.findall(".//p") and not b.findall(".//div")]
    return "\n".join(b for b in blocks if b)


def with_boilerpy3(page: str) -> str:
    from boilerpy3 import extractors

    return str(extractors.ArticleExtractor().get_content(page))


def with_justext(page: str) -> str:
    import justext

    paragraphs = justext.justext(page.encode(), justext.get_stoplist("Persian"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def with_annotator(page: str) -> str:
    from annotator.formats.webpage import extract_article

    return extract_article(page, "page").text


EXTRACTORS: dict[str, Callable[[str], str]] = {
    "annotator (chrome pass + readability-lxml)": with_annotator,
    "trafilatura": with_trafilatura, "trafilatura (favor_precision)": with_trafilatura_precision,
    "readability-lxml": with_readability, "boilerpy3": with_boilerpy3, "justext": with_justext}


def scores(extracted: str) -> tuple[float, float, bool, int, int]:
    body_lines = [line for line in extracted.splitlines() if line.strip() != TITLE]
    got = Counter(" ".join(body_lines).split())
    want = Counter(BODY.split())
    common = sum((got & want).values())
    recall = common / sum(want.values())
    precision = common / max(1, sum(got.values()))
    leaked = sum(1 for piece in CHROME if piece in extracted)
    zwnj = "\n".join(body_lines).count("\u200c")
    return recall, precision, "\n".join(body_lines).strip() == BODY, leaked, zwnj


def main() -> None:
    print("| library | page | word recall | word precision | body exact | ZWNJ kept "
          f"(of {BODY.count(chr(0x200C))}) | chrome pieces leaked | ms |")
    print("|---|---|---|---|---|---|---|---|")
    for name, extract in EXTRACTORS.items():
        for layout, make in PAGES.items():
            page = make()
            started = time.perf_counter()
            try:  # the libraries compared are not the project's dependencies
                extracted = extract(page)
            except ModuleNotFoundError as missing:
                print(f"| {name} | {layout} | not installed ({missing.name}) |")
                continue
            elapsed = (time.perf_counter() - started) * 1000
            recall, precision, exact, leaked, zwnj = scores(extracted)
            print(f"| {name} | {layout} | {recall:.2f} | {precision:.2f} | "
                  f"{'yes' if exact else 'no'} | {zwnj} | {leaked}/{len(CHROME)} | "
                  f"{elapsed:.0f} |")


def pdf_libraries() -> dict[str, Callable[[Path], str]]:
    def pdfminer(path: Path) -> str:
        from pdfminer.high_level import extract_text

        return "\n".join(line for line in extract_text(str(path)).splitlines() if line.strip())

    def pypdf(path: Path) -> str:
        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(path).pages)

    def pdfplumber(path: Path) -> str:
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            return "\n".join(page.extract_text() for page in pdf.pages)

    def annotator(path: Path) -> str:
        from annotator.formats.pdf import extract_pdf

        return extract_pdf(path).text

    return {"annotator (pdfminer.six glyphs + reading-order repair)": annotator,
            "pdfminer.six extract_text": pdfminer, "pypdf extract_text": pypdf,
            "pdfplumber extract_text": pdfplumber}


def pdf_main() -> None:
    import difflib
    import tempfile
    import unicodedata

    print("\n| library | PDF | words in place | exact |\n|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for kind, write in (("shaped (HarfBuzz)", write_pdf_shaped),
                            ("visual order, presentation forms", write_pdf_visual)):
            path = Path(folder) / "doc.pdf"
            written = write(path)
            for name, extract in pdf_libraries().items():
                try:
                    got = unicodedata.normalize("NFKC", extract(path))
                except ModuleNotFoundError as missing:
                    print(f"| {name} | {kind} | not installed ({missing.name}) |")
                    continue
                matcher = difflib.SequenceMatcher(None, written.split(), got.split(),
                                                  autojunk=False)
                in_place = sum(b.size for b in matcher.get_matching_blocks())
                print(f"| {name} | {kind} | {in_place / len(written.split()):.2f} | "
                      f"{'yes' if got == written else 'no'} |")


if __name__ == "__main__":
    main()
    pdf_main()
