"""A Word ``.docx`` file's text: its paragraphs and headings one a line, tables cell by cell,
in the order they stand in the document; its core properties (title, author, date) as metadata."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.domain.errors import InputError
from annotator.formats.documents import Extracted

_NOT_DOCX = ("is not a Word .docx file (it is not a zip archive; an old .doc or a "
             "password-protected file must be saved as .docx first)")


def extract_docx(path: Path) -> Extracted:
    """The text of the ``.docx`` at ``path``; raises ``InputError`` naming it when it is no
    ``.docx`` that can be read."""
    if not zipfile.is_zipfile(path):
        raise InputError(_NOT_DOCX, path=str(path))
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except PackageNotFoundError:
        raise InputError(_NOT_DOCX, path=str(path)) from None
    except Exception as error:  # a damaged archive fails with whatever zipfile or lxml raise
        raise InputError(f"is a damaged .docx file that cannot be read ({type(error).__name__})",
                         path=str(path)) from None
    lines = [line for line in _block_texts(document) if line.strip()]
    properties = document.core_properties
    created = properties.created
    metadata = {"title": (properties.title or "").strip(),
                "author": (properties.author or "").strip(),
                "date": created.isoformat() if created else ""}
    return Extracted("\n".join(lines), {k: v for k, v in metadata.items() if v})


def _block_texts(document: Any) -> Iterator[str]:
    """Paragraph texts in body order; a table gives its cells' paragraphs row by row (a cell
    merged across columns is one cell in the file, so its text comes once)."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, document).text
        elif child.tag == qn("w:tbl"):
            for row in child.iterchildren(qn("w:tr")):
                for cell in row.iterchildren(qn("w:tc")):
                    yield from (Paragraph(p, document).text for p in cell.iter(qn("w:p")))
