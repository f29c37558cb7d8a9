"""brat standoff: a folder with ``ID.txt`` and ``ID.ann`` per document, in and out.

``.ann`` lines: ``T1<TAB>Label START END<TAB>text`` (a span crossing line ends is written as
fragments ``S1 E1;S2 E2``, split at the line ends, with the fragment texts joined by a space and
any line break left at its edges written as a space),
``R1<TAB>type Arg1:T1 Arg2:T2``, ``A1<TAB>name T1 value`` for each choice attribute (a binary
attribute ``A1<TAB>name T1`` is ``true``) and ``#1<TAB>AnnotatorNotes T1<TAB>name: value`` for
each free-text one (speaker names, targets: brat allows only declared values on ``A`` lines).
``annotation.conf`` declares the labels, relations, choice attributes and ``<OVERLAP>`` (spans
nest: a Claim inside a Turn), and ``annotator_ids.tsv`` maps each file name to its document id.
Offsets are code points of the ``.txt`` file's text, read as it is on disk (a CRLF counts 2).
On import, fragments separated only by whitespace become one span; other discontinuous spans,
events and normalizations are refused or reported, never dropped silently.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path

from annotator.domain.errors import InputError
from annotator.domain.model import text_sha256
from annotator.domain.safe_json import MAX_INT_DIGITS
from annotator.formats.export_view import DocumentView, ExportContext
from annotator.formats.foreign import (
    Fail,
    Placer,
    SpanList,
    is_uuid,
    read_text,
    stable_id,
)
from annotator.formats.output import write_synced
from annotator.formats.plain import document_from_text
from annotator.formats.records import ImportedDocument, ImportedRelation, ImportedSpan
from annotator.text import NormalizationLevel

_FRAGMENT = re.compile(r"^(\d+) (\d+)$")
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]{0,100}$")
_ARGUMENT = re.compile(r"^\w+:(\S+)$")
# Windows keeps these names (with any extension) for devices: CON.txt is not a file there.
_DEVICE_NAME = re.compile(r"^(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|"
                          r"lpt[0-9\u00b9\u00b2\u00b3])(\..*)?$", re.IGNORECASE)
# What a brat type name (label, attribute, relation) cannot hold: written as %XX, read back.
_NAME_BREAKERS = " \t\r\n%:;|,=\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_NAME_ESCAPE = re.compile("[" + re.escape(_NAME_BREAKERS) + "]")
_NAME_UNESCAPE = re.compile("|".join(
    "%" + "".join(f"{b:02X}" for b in c.encode()) for c in _NAME_BREAKERS))
_LINE_BREAK_CHARS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # what str.splitlines breaks at
_LINE_BREAKS = re.compile(f"[{_LINE_BREAK_CHARS}]")
_LINE_BODY = re.compile(f"[^{_LINE_BREAK_CHARS}]+")
_NOTE = re.compile(r"^([\w%-]+): (.*)$", re.DOTALL)  # names as brat_name writes them
ID_MAP = "annotator_ids.tsv"  # file stem, a tab, document id: one line per document


class BratWriter:
    def __init__(self, folder: Path, context: ExportContext) -> None:
        self.folder = folder
        self.context = context
        self.counts: Counter[str] = Counter()
        self.stems: set[str] = set()
        self.ids: dict[str, str] = {}  # file stem to document id

    def _is_choice(self, label: str, name: str) -> bool:
        layer = self.context.schema.layer(label)
        attribute = layer.attribute(name) if layer else None
        return attribute is not None and attribute.kind == "choice"

    def write(self, view: DocumentView) -> int:
        text = view.text
        lines: list[str] = []
        numbers: dict[str, str] = {}
        attribute = note = 0
        for index, (span, start, end) in enumerate(view.spans, start=1):
            key = numbers[span.id] = f"T{index}"
            fragments = _fragments(text, start, end)
            where = ";".join(f"{a} {b}" for a, b in fragments)
            lines.append(f"{key}\t{brat_name(span.label)} {where}\t{_quote(text, fragments)}")
            for name, value in self.context.attrs(span).items():
                if not value:
                    continue  # brat reads an attribute without a value as true
                if any(c in value for c in "\t\n\r"):
                    raise InputError(f"the {span.label} span {span.id} has a {name} value with "
                                     "a tab or line break, which brat cannot hold")
                if value != "true" and not self._is_choice(span.label, name):
                    note += 1
                    lines.append(f"#{note}\tAnnotatorNotes {key}\t{brat_name(name)}: {value}")
                    continue
                attribute += 1
                # brat's binary attributes read back as "true", so "true" is written as one.
                lines.append(f"A{attribute}\t{brat_name(name)} {key}" + (
                    "" if value == "true" else f" {value}"))
        for index, relation in enumerate(view.relations, start=1):
            lines.append(f"R{index}\t{brat_name(relation.type)} Arg1:{numbers[relation.from_id]} "
                         f"Arg2:{numbers[relation.to_id]}")
        stem = base = file_stem(view.document.id, view.document.text_sha256)
        # Two documents with one text and unsafe ids, or ids differing only in case (one file
        # on Windows and macOS): the later one gets a number.
        while stem.lower() in self.stems:
            stem = f"{base}-{len(self.stems)}"
        self.stems.add(stem.lower())
        self.ids[stem] = view.document.id
        write_synced(self.folder / f"{stem}.txt", text)
        write_synced(self.folder / f"{stem}.ann", "".join(line + "\n" for line in lines))
        return 1

    def finish(self) -> None:
        write_synced(self.folder / "annotation.conf", _annotation_conf(self.context))
        write_synced(self.folder / ID_MAP, "".join(
            f"{stem}\t{doc_id}\n" for stem, doc_id in sorted(self.ids.items())))


def file_stem(doc_id: str, sha: str) -> str:
    """The document's id when it is a safe file name on every system, else ``doc-`` and its
    text hash (an id with a space, a device name such as ``CON``, a trailing dot)."""
    if _SAFE_NAME.match(doc_id) and not _DEVICE_NAME.match(doc_id) \
            and not doc_id.endswith("."):
        return doc_id
    return f"doc-{sha[:20]}"


def brat_name(name: str) -> str:
    """A label, attribute or relation name as brat can hold it: the characters that end a
    brat field (space, tab, line breaks, ``% : ; | , =``) as ``%XX``; ``read_name`` undoes it."""
    return _NAME_ESCAPE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), name)


def read_name(name: str) -> str:
    """The name ``brat_name`` wrote; any other ``%`` sequence is left as it is."""
    return _NAME_UNESCAPE.sub(lambda m: bytes.fromhex(m.group().replace("%", "")).decode(),
                              name)


def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut at line breaks; the first and last pieces keep the span's edges."""
    pieces = [match.span() for match in _LINE_BODY.finditer(text, start, end)]
    if not pieces:
        return [(start, end)]
    pieces[0] = (start, pieces[0][1])
    pieces[-1] = (pieces[-1][0], end)
    return pieces


def _quote(text: str, fragments: list[tuple[int, int]]) -> str:
    """The text field of a T line: the fragments joined by a space, line breaks as spaces."""
    return _LINE_BREAKS.sub(" ", " ".join(text[a:b] for a, b in fragments))


def _annotation_conf(context: ExportContext) -> str:
    """A brat configuration naming the labels, relation types and choice attributes."""
    schema = context.schema
    lines = ["[entities]", *map(brat_name, schema.label_names), "", "[relations]"]
    for relation in schema.relations:
        sources = "|".join(map(brat_name, relation.from_labels)) or "<ENTITY>"
        targets = "|".join(map(brat_name, relation.to_labels)) or "<ENTITY>"
        lines.append(f"{brat_name(relation.name)}\tArg1:{sources}, Arg2:{targets}")
    if schema.layers:  # every label may nest in or cross another (a Claim inside a Turn)
        lines.append("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>")
    lines += ["", "[events]", "", "[attributes]"]
    seen: set[str] = set()
    for layer in schema.layers:
        for attribute in layer.attributes:
            if attribute.kind == "choice" and attribute.name not in seen:
                seen.add(attribute.name)
                owners = "|".join(brat_name(x.name) for x in schema.layers
                                  if x.attribute(attribute.name))
                lines.append(f"{brat_name(attribute.name)}\tArg:{owners}, Value:"
                             + "|".join(map(brat_name, attribute.values)))
    return "\n".join(lines) + "\n"


def brat_pairs(path: Path) -> list[tuple[Path, Path | None]]:
    """``(.txt, .ann or None)`` pairs for a folder (and its sub-folders), an ``.ann`` or a
    ``.txt`` file.

    An ``.ann`` without its ``.txt`` is an error; a ``.txt`` without ``.ann`` has no spans.
    """
    if path.is_dir():  # with its sub-folders, such as a split export's train/ dev/ test/
        anns = sorted(p for p in path.rglob("*.ann") if p.is_file())
        texts = sorted(p for p in path.rglob("*.txt") if p.is_file())
        if not anns and not texts:
            raise InputError("is a folder with no .txt or .ann files in it", path=str(path))
    elif path.suffix == ".ann":
        anns, texts = [path], []
    else:
        anns, texts = [], [path]
    for ann in anns:
        if not ann.with_suffix(".txt").is_file():
            raise InputError("has no .txt file beside it with the text it annotates",
                             path=str(ann), line=1)
    pairs: dict[Path, Path | None] = {ann.with_suffix(".txt"): ann for ann in anns}
    for text in texts:
        ann = text.with_suffix(".ann")
        pairs.setdefault(text, ann if ann.is_file() else None)
    return sorted(pairs.items())


def read_brat(path: Path, level: NormalizationLevel) -> list[ImportedDocument]:
    """Parse brat standoff files (a folder, or one ``.ann``/``.txt``); all-or-nothing."""
    maps: dict[Path, dict[str, str]] = {}
    documents = []
    for text, ann in brat_pairs(path):
        if text.parent not in maps:
            maps[text.parent] = _id_map(text.parent / ID_MAP)
        document = _document(text, ann, level)
        document.id = maps[text.parent].get(text.stem, document.id)
        documents.append(document)
    return documents


def _id_map(path: Path) -> dict[str, str]:
    """``annotator_ids.tsv`` of an export of ours: file stem to document id."""
    if not path.is_file():
        return {}
    found: dict[str, str] = {}
    for number, line in enumerate(read_text(path)[0].split("\n"), start=1):
        if not line.strip():
            continue
        stem, tab, doc_id = line.rstrip("\r").partition("\t")
        if not tab or not stem or not doc_id.strip():
            raise InputError("is not a line 'file name, a tab, document id'", path=str(path),
                             line=number)
        found[stem] = doc_id
    return found


def _document(text_path: Path, ann_path: Path | None, level: NormalizationLevel
              ) -> ImportedDocument:
    raw, encoding = read_text(text_path)
    document = document_from_text(raw, level=level, title=text_path.stem,
                                  source=text_path.name, encoding=encoding, path=str(text_path))
    if is_uuid(text_path.stem):
        document.id = text_path.stem  # written by our export: keep the document's identity
    if ann_path is None:
        document.notes.append(f"{text_path}: no .ann file beside it; imported without spans")
        return document
    placer = Placer(document)
    sha = text_sha256(document.canonical_text)
    # An empty .ann is how brat stores a document nobody has annotated yet.
    ann_text = read_text(ann_path)[0] if ann_path.stat().st_size else ""
    ann = _Ann(ann_path)
    for number, line in enumerate(ann_text.split("\n"), start=1):
        ann.read_line(number, line.rstrip("\r"), raw, placer, sha)
    spans, relations, skipped = ann.spans, ann.relations, ann.skipped
    for number, target, name, value in ann.attributes:
        if target not in spans:
            raise InputError(f"gives {name} to {target}, which is not a text-bound annotation "
                             "in the file", path=str(ann_path), line=number)
        spans[target].attrs[name] = value
    kept = SpanList(document)
    for span in spans.values():
        kept.add(span)
    for number, kind, source, target in relations:
        if source not in spans or target not in spans:
            raise InputError(f"relates {source} and {target}, which are not both text-bound "
                             "annotations in the file", path=str(ann_path), line=number)
        from_id, to_id = spans[source].id, spans[target].id
        document.relations.append(ImportedRelation(
            from_id, to_id, kind, stable_id(sha, from_id, to_id, kind)))
    if skipped:
        kinds = ", ".join(f"{count} {_KINDS.get(kind, repr(kind))}"
                          for kind, count in sorted(skipped.items()))
        document.notes.append(f"{ann_path}: left out {kinds} line(s), which Annotator does "
                              "not hold")
    return document


class _Ann:
    """The lines of one ``.ann`` file, read one at a time; attributes and notes are
    ``(line, target, name, value)``, relations ``(line, type, source, target)``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.spans: dict[str, ImportedSpan] = {}
        self.attributes: list[tuple[int, str, str, str]] = []
        self.relations: list[tuple[int, str, str, str]] = []
        self.skipped: Counter[str] = Counter()

    def read_line(self, number: int, line: str, raw: str, placer: Placer, sha: str) -> None:
        def fail(message: str) -> InputError:
            return InputError(message, path=str(self.path), line=number)

        if not line.strip():
            return
        key, _, rest = line.partition("\t")
        if not rest:
            raise fail("is not a brat annotation line (ID, a tab, then the annotation)")
        if key.startswith("T"):
            if key in self.spans:
                raise fail(f"repeats the id {key}")
            self.spans[key] = _text_bound(rest, raw, placer, sha, fail)
        elif key.startswith("#"):
            note = _note(rest, fail)
            if note[0].startswith("T"):
                self.attributes.append((number, *note))
            else:
                self.skipped["#"] += 1  # a note on a relation or event
        elif key.startswith(("A", "M")):
            parts = rest.split(" ", 2)
            if len(parts) < 2:
                raise fail("is an attribute line without a name and a target")
            self.attributes.append((number, parts[1], read_name(parts[0]),
                                    parts[2] if len(parts) > 2 else "true"))
        elif key.startswith("R"):
            parts = rest.split()
            arguments = [_ARGUMENT.match(p) for p in parts[1:]]
            if len(parts) != 3 or arguments[0] is None or arguments[1] is None:
                raise fail("is a relation line that is not 'type Arg1:T1 Arg2:T2'")
            self.relations.append((number, read_name(parts[0]), arguments[0].group(1),
                                   arguments[1].group(1)))
        else:
            self.skipped[key[:1]] += 1


_KINDS = {"E": "event", "N": "normalization", "#": "relation note", "*": "equivalence"}


def _note(rest: str, fail: Fail) -> tuple[str, str, str]:
    """``(target, name, value)`` of an AnnotatorNotes line: ``name: value`` as we write them,
    else the whole note as the attribute ``note``."""
    head, _, body = rest.partition("\t")
    kind, _, target = head.partition(" ")
    if not target.strip():
        raise fail("is a note line without a target ('AnnotatorNotes T1', a tab, the note)")
    match = _NOTE.match(body)
    if kind == "AnnotatorNotes" and match is not None:
        return target.strip(), read_name(match.group(1)), match.group(2)
    return target.strip(), "note" if kind == "AnnotatorNotes" else kind, body


def _text_bound(rest: str, raw: str, placer: Placer, sha: str, fail: Fail) -> ImportedSpan:
    head, tab, quoted = rest.partition("\t")
    label, _, where = head.partition(" ")
    if not label or not where:
        raise fail("is a text-bound line without a label and offsets")
    fragments = []
    for piece in where.split(";"):
        match = _FRAGMENT.match(piece.strip())
        if match is None:
            raise fail(f"has offsets {where!r} that are not 'START END' pairs")
        if max(len(match.group(1)), len(match.group(2))) > MAX_INT_DIGITS:
            raise fail(f"has an offset of more than {MAX_INT_DIGITS} digits")
        fragments.append((int(match.group(1)), int(match.group(2))))
    for start, end in fragments:
        if not 0 <= start < end <= len(raw):
            raise fail(f"has a span [{start}, {end}) outside its text of {len(raw)} "
                       "characters")
    fragments.sort()
    for (_, end), (start, _) in itertools.pairwise(fragments):
        if start < end or raw[end:start].strip():
            raise fail("is a discontinuous span, which Annotator cannot hold as one span")
    start, end = fragments[0][0], fragments[-1][1]
    expected = _quote(raw, fragments)
    if tab and quoted not in (expected, raw[start:end]):
        raise fail(f"says the text at [{start}, {end}) is {quoted!r}, but the .txt has "
                   f"{expected!r} there")
    canonical_start, canonical_end = placer.place(start, end, fail)
    label = read_name(label)
    return ImportedSpan(canonical_start, canonical_end, label, {},
                        stable_id(sha, canonical_start, canonical_end, label), positional=True)
