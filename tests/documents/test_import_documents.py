"""Web pages, Word files and PDFs import to exactly the text written into them."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest
from document_files import (
    AUTHOR,
    CHROME,
    DATE,
    EMOJI_FONT,
    PARAGRAPHS,
    TITLE,
    URL,
    write_docx,
    write_page,
    write_pdf_encrypted,
    write_pdf_lines,
    write_pdf_scanned,
    write_pdf_shaped,
    write_pdf_visual,
)

from annotator.analysis.suggest import suggest
from annotator.cli import main
from annotator.domain.errors import InputError
from annotator.formats import limits
from annotator.formats.documents import pasted_document
from annotator.formats.importing import import_files
from annotator.storage.project import Project

needs_emoji_font = pytest.mark.skipif(not EMOJI_FONT.exists(),
                                      reason="the PDFs draw their emoji with DejaVu Sans")


def imported(project: Project, path: Path) -> tuple[str, str, dict[str, str]]:
    report = import_files(project, [path])
    assert report.documents_added == 1
    [summary] = project.document_summaries()
    document = project.document(summary.id)
    assert "\u200c" in document.canonical_text and "😀" in document.canonical_text
    return document.canonical_text, document.raw_text, document.metadata


@pytest.mark.parametrize("layout", ["semantic", "divs", "portal"])
def test_a_saved_page_gives_its_article_and_no_chrome(project: Project, tmp_path: Path,
                                                      layout: str) -> None:
    path = tmp_path / "news.html"
    written = write_page(path, layout)
    text, raw, metadata = imported(project, path)
    assert text == raw == written
    assert metadata == {"title": TITLE, "author": AUTHOR, "date": f"{DATE}T09:30:00+03:30",
                        "url": URL}
    assert not [piece for piece in CHROME if piece in text]


def test_an_article_in_a_container_named_like_chrome_is_kept(project: Project,
                                                             tmp_path: Path) -> None:
    path = tmp_path / "news.html"
    written = write_page(path)
    page = path.read_text(encoding="utf-8")
    path.write_text(page.replace("<main>", "<div class='content main-nav-offset'>")
                    .replace("</main>", "</div>"), encoding="utf-8")
    text, _raw, _metadata = imported(project, path)
    assert text == written


def test_a_word_file_gives_its_paragraphs_headings_and_table(project: Project,
                                                             tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    written = write_docx(path)
    text, raw, metadata = imported(project, path)
    assert text == raw == written
    assert metadata["title"] == TITLE and metadata["author"] == AUTHOR


@needs_emoji_font
@pytest.mark.parametrize("writer", [write_pdf_shaped, write_pdf_visual])
def test_a_pdf_gives_its_text_in_reading_order(project: Project, tmp_path: Path,
                                               writer: object) -> None:
    path = tmp_path / "transcript.pdf"
    written = writer(path)  # type: ignore[operator]
    text, raw, metadata = imported(project, path)
    assert text == raw == written
    assert metadata["title"] == TITLE and metadata["author"] == AUTHOR


@needs_emoji_font
def test_a_pdf_laid_out_left_to_right_keeps_its_order(project: Project, tmp_path: Path) -> None:
    """Unshaped Persian drawn left to right (the text layer is in reading order already) and
    a Latin line: neither is turned around; a PDF locked only against editing opens."""
    path = tmp_path / "unshaped.pdf"
    written = write_pdf_lines(path, (*PARAGRAPHS[:2], "Minutes of the 3rd meeting (draft)."),
                              owner_password="owner-only")  # noqa: S106 - a test file
    text, raw, _metadata = imported(project, path)
    assert text == raw and text.split() == written.split()  # one pitch: lines may be joined


def test_a_pdf_whose_text_is_in_no_order_is_refused(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "scrambled.pdf"
    scrambled = " ".join("".join(sorted(word)) + "ژ" for word in " ".join(PARAGRAPHS).split())
    write_pdf_lines(path, tuple(scrambled[i:i + 80] for i in range(0, len(scrambled), 80)))
    with pytest.raises(InputError, match="cannot be read in order"):
        import_files(project, [path])
    assert project.document_summaries() == []


@pytest.mark.parametrize(("make", "sentence"), [
    (write_pdf_encrypted, "is an encrypted PDF"),
    (write_pdf_scanned, "has no text layer"),
    (lambda p: p.write_bytes(b"%PDF-1.4 not really"), "is not a PDF"),
])
def test_a_pdf_that_cannot_be_read_changes_nothing(project: Project, tmp_path: Path, make: object,
                                                   sentence: str) -> None:
    good = tmp_path / "good.html"
    write_page(good)
    path = tmp_path / "bad.pdf"
    make(path)  # type: ignore[operator]
    with pytest.raises(InputError, match=sentence) as caught:
        import_files(project, [good, path])
    assert caught.value.path == str(path)
    assert project.document_summaries() == []


def test_a_docx_that_is_no_zip_and_a_page_with_no_article_are_refused(
        project_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docx = tmp_path / "old.docx"
    docx.write_bytes(b"\xd0\xcf\x11\xe0 an old binary Word file")
    page = tmp_path / "menu.html"
    page.write_text("<html><body><nav><a href='/'>صفحه اصلی</a></nav>"
                    "<footer>کلیه حقوق محفوظ است</footer></body></html>", encoding="utf-8")
    for path, sentence in ((docx, "is not a Word .docx file"), (page, "has no article")):
        assert main(["import", str(project_path), str(path)]) == 1
        error = capsys.readouterr().err.strip()
        assert error.startswith(f"annotator: {path}: {sentence}") and "\n" not in error
    with Project.open(project_path, analyst="tester") as project:
        assert project.document_summaries() == []


def test_size_limits_hold_for_documents(project: Project, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.docx"
    write_docx(path)
    monkeypatch.setattr(limits, "MAX_INPUT_BYTES", 1000)
    with pytest.raises(InputError, match="over the 0 MiB"):
        import_files(project, [path])
    monkeypatch.undo()
    monkeypatch.setattr(limits, "MAX_DOCUMENT_CHARS", 100)
    with pytest.raises(InputError, match="over the 100 one"):
        import_files(project, [path])


def test_metadata_reaches_the_exports_and_original_offsets_the_extracted_text(
        tmp_path: Path) -> None:
    path = tmp_path / "project.annot"
    assert main(["new", str(path), "--normalize", "hazm"]) == 0
    page = tmp_path / "news.html"
    write_page(page)
    page.write_text(page.read_text(encoding="utf-8").replace("پمپ‌ها", "پمپ ها"),
                    encoding="utf-8")  # hazm joins it, so canonical and extracted differ
    assert main(["import", str(path), str(page)]) == 0
    with Project.open(path, analyst="tester") as project:
        [summary] = project.document_summaries()
        document = project.document(summary.id)
        start = document.canonical_text.index("پمپ‌ها")
        project.add_span(document.id, start, start + len("پمپ‌ها"), "Speaker")
    for offsets, expected in (("canonical", "پمپ‌ها"), ("original", "پمپ ها")):
        out = tmp_path / f"{offsets}.jsonl"
        assert main(["export", str(path), "--format", "jsonl", "-o", str(out),
                     "--offsets", offsets]) == 0
        record = json.loads(out.read_text(encoding="utf-8"))
        assert record["metadata"]["author"] == AUTHOR and record["metadata"]["url"] == URL
        [span] = record["spans"]
        assert record["text"][span["start"]:span["end"]] == span["text"] == expected
    for fmt in ("doccano", "label-studio"):
        out = tmp_path / f"out.{fmt}.json"
        assert main(["export", str(path), "--format", fmt, "-o", str(out)]) == 0
        assert AUTHOR in out.read_text(encoding="utf-8")


def test_suggestions_on_an_imported_page_never_touch_its_chrome(project: Project,
                                                                tmp_path: Path) -> None:
    path = tmp_path / "news.html"
    write_page(path)
    whole_page = lxml.html.parse(str(path)).getroot().text_content()
    assert all(piece in whole_page for piece in CHROME)  # the chrome is on the page
    text, _raw, _metadata = imported(project, path)
    suggestions = suggest("doc", text)
    assert suggestions
    assert not [s for s in suggestions for piece in CHROME if piece in s.text]
    assert all(s.text == text[s.start:s.end] for s in suggestions)


def test_a_paste_is_a_document_from_its_html_or_its_plain_text(tmp_path: Path) -> None:
    page = tmp_path / "news.html"
    written = write_page(page)
    from_html = pasted_document(text="ignored", html=page.read_text(encoding="utf-8"),
                                title="بریده", level="letters")
    assert from_html.canonical_text == written and from_html.title == "بریده"
    assert from_html.metadata["author"] == AUTHOR and "title" not in from_html.metadata
    plain = "سلام دنیا 😀\r\nخط دوم‌ها"
    from_text = pasted_document(text=plain, html="<b>سلام</b>", title=" ", level="letters")
    assert from_text.canonical_text == "سلام دنیا 😀\nخط دوم‌ها"
    assert from_text.title == "pasted" and from_text.source == "the clipboard"


def test_a_paste_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_INPUT_BYTES", 2**20)
    with pytest.raises(InputError, match="the clipboard: holds more than the 1 MiB"):
        pasted_document(text="ب" * (2**20 + 1), html="", title="t", level="letters")
