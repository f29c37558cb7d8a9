"""Measure article extraction on the Persian news pages the tests write (README, Import).

For each page layout and extraction library: word recall and precision of the article body,
whether the body came out exactly, and how many pieces of page chrome leaked in.
Run: .venv/bin/python tools/measure_extraction.py
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "documents"))
from document_files import BODY, CHROME, PAGES, TITLE


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
            extracted = extract(page)
            elapsed = (time.perf_counter() - started) * 1000
            recall, precision, exact, leaked, zwnj = scores(extracted)
            print(f"| {name} | {layout} | {recall:.2f} | {precision:.2f} | "
                  f"{'yes' if exact else 'no'} | {zwnj} | {leaked}/{len(CHROME)} | "
                  f"{elapsed:.0f} |")


if __name__ == "__main__":
    main()
