"""Documents people actually have — saved web pages, Word files, PDFs, the clipboard — as
imported documents: the extracted text becomes the raw text, its metadata the document's.

The extracted text holds one paragraph (or heading) a line. Its canonical text is made from it as
from any text (``plain.document_from_text``), so offsets are code points of the canonical text and
``--offsets original`` maps them to the extracted text. Each reader refuses a file it cannot read
with one sentence naming it; nothing is stored until the whole import has been read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.domain.errors import InputError
from annotator.formats import limits
from annotator.formats.plain import document_from_text, read_bytes
from annotator.formats.records import ImportedDocument
from annotator.lazy import lazy
from annotator.text import NormalizationLevel, decode_bytes

if TYPE_CHECKING:  # each reader loads with its library at first use (annotator/lazy.py)
    from annotator.formats import pdf, webpage, word
else:
    pdf = lazy("annotator.formats.pdf")
    webpage = lazy("annotator.formats.webpage")
    word = lazy("annotator.formats.word")

METADATA_KEYS = ("title", "author", "date", "url")


@dataclass
class Extracted:
    """Text taken out of a document file, one paragraph a line, with what it says of itself."""

    text: str
    metadata: dict[str, str] = field(default_factory=dict)  # keys from METADATA_KEYS
    notes: list[str] = field(default_factory=list)


def _imported(extracted: Extracted, *, path: str, title: str, source: str, encoding: str,
              level: NormalizationLevel) -> ImportedDocument:
    document = document_from_text(extracted.text, level=level,
                                  title=extracted.metadata.get("title") or title,
                                  source=source, encoding=encoding, path=path)
    document.metadata = {k: v for k, v in extracted.metadata.items() if v}
    document.notes.extend(f"{path}: {note}" for note in extracted.notes)
    return document


def read_html(path: Path, level: NormalizationLevel) -> list[ImportedDocument]:
    """A saved web page: its article's title and body, its byline, date and address as
    metadata; menus, ads, related links, comments and footers are left out."""
    decoded = decode_bytes(read_bytes(path), str(path))
    article = webpage.extract_article(decoded.text, str(path))
    return [_imported(article, path=str(path), title=path.stem, source=path.name,
                      encoding=decoded.encoding, level=level)]


def read_docx(path: Path, level: NormalizationLevel) -> list[ImportedDocument]:
    """A Word file: its paragraphs and headings one a line, its core properties as metadata."""
    extracted = word.extract_docx(path)
    return [_imported(extracted, path=str(path), title=path.stem, source=path.name,
                      encoding="docx", level=level)]


def read_pdf(path: Path, level: NormalizationLevel) -> list[ImportedDocument]:
    """A PDF's text layer in logical reading order (visual-order lines and presentation forms
    are repaired); refused with a sentence when it is encrypted or has no text layer."""
    extracted = pdf.extract_pdf(path)
    return [_imported(extracted, path=str(path), title=path.stem, source=path.name,
                      encoding="pdf", level=level)]


def pasted_document(*, text: str, html: str, title: str, level: NormalizationLevel
                    ) -> ImportedDocument:
    """A document from the clipboard: its HTML through the web page extraction when there is
    an article in it, else its plain text."""
    where = "the clipboard"
    if max(len(text), len(html)) > limits.MAX_INPUT_BYTES:  # characters: at least as many bytes
        raise InputError(f"holds more than the {limits.MAX_INPUT_BYTES // 2**20} MiB an import "
                         "may read at once; paste less at a time", path=where)
    extracted: Extracted | None = None
    if html.strip():
        try:
            extracted = webpage.extract_article(html, where)
        except InputError:
            extracted = None  # a copied fragment is no article: its plain text is the text
    if extracted is None or not extracted.text.strip():
        extracted = Extracted(text)
    extracted.metadata.pop("title", None)  # the analyst names a pasted document
    return _imported(extracted, path=where, title=title.strip() or "pasted", source=where,
                     encoding="clipboard", level=level)
