"""doccano, Label Studio and brat files move in and out without moving a span."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.cli import main
from annotator.domain.errors import InputError
from annotator.formats.importing import ImportOptions, import_files
from annotator.storage.project import Project
from annotator.text import to_qt_position

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "interview-fa.txt"


def spans_of(project: Project) -> list[tuple[str, int, int, str, dict[str, str], str]]:
    """Every live span as (document text, start, end, label, attrs, author), sorted."""
    out = []
    for doc in project.documents():
        for span in project.spans(doc.id):
            out.append((doc.canonical_text, span.start, span.end, span.label, span.attrs,
                        span.author))
    return sorted(out, key=lambda s: (s[0], s[1], s[2], s[3], s[5]))


def relations_of(project: Project) -> list[tuple[str, str, str]]:
    out = []
    for doc in project.documents():
        texts = {s.id: (s.label, doc.canonical_text[s.start:s.end]) for s in project.spans(doc.id)}
        out += [(repr(texts[r.from_id]), repr(texts[r.to_id]), r.type)
                for r in project.relations(doc.id)]
    return sorted(out)


def speaker_names(project: Project, spans: list[Any]) -> list[Any]:
    """Spans with speaker ids replaced by names, to compare projects with different registries."""
    names = project.speaker_names()
    return [(*s[:4], {k: names.get(v, v) for k, v in s[4].items()}, s[5]) for s in spans]


def fresh(tmp_path: Path, name: str, analyst: str = "importer",
          normalize: str = "letters") -> Project:
    Project.create(tmp_path / name, analyst=analyst, normalization=normalize).close()
    return Project.open(tmp_path / name, analyst=analyst)


# -- doccano ------------------------------------------------------------------------------

def write_jsonl(path: Path, *records: object) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


pieces = st.sampled_from([*"ابپتجچدسشکگیيكۀةءأؤئ ", "\u200c", "😀", "👍🏽", "\r\n", "\n",
                          "S-400", "،", "؟", "."])


def clean_edge(raw: str, position: int) -> bool:
    """Whether a span may start or end here: not between the two halves of a CRLF."""
    return not (0 < position < len(raw) and raw[position - 1] == "\r" and raw[position] == "\n")


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(pieces, min_size=2, max_size=50), data=st.data())
def test_doccano_round_trip_with_original_offsets_is_exact(
        tmp_path_factory: pytest.TempPathFactory, parts: list[str], data: st.DataObject) -> None:
    raw = "".join(parts)
    if not raw.replace("\r", "").replace("\n", "").strip():
        return
    folder = tmp_path_factory.mktemp("doccano")
    labels = set()
    for _ in range(data.draw(st.integers(0, 6))):
        start = data.draw(st.integers(0, len(raw) - 1))
        end = data.draw(st.integers(start + 1, len(raw)))
        if clean_edge(raw, start) and clean_edge(raw, end) and raw[start:end] != "\r":
            labels.add((start, end, data.draw(st.sampled_from(["Claim", "PER", "Turn"]))))
    source = write_jsonl(folder / "in.jsonl", {"id": 7, "text": raw,
                                               "label": [list(x) for x in sorted(labels)]})
    with fresh(folder, "p.annot") as project:
        import_files(project, [source], fmt="doccano",
                     options=ImportOptions(offsets_unit="codepoints"))
        out = folder / "out.jsonl"
        from annotator.formats.exporting import ExportOptions, export_project
        export_project(project, out, ExportOptions("doccano", offsets="original",
                                                   offsets_unit="codepoints"))
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["text"] == raw
    assert sorted(tuple(x) for x in record["label"]) == sorted(labels)
    assert record["metadata"] == {"doccano_id": 7}


def test_doccano_entities_and_relations_shape(project: Project, tmp_path: Path) -> None:
    text = "علي گفت: ما مي‌آییم."
    source = write_jsonl(tmp_path / "re.jsonl", {
        "id": 3, "text": text,
        "entities": [{"id": 10, "label": "Speaker", "start_offset": 0, "end_offset": 3},
                     {"id": 11, "label": "Claim", "start_offset": 9, "end_offset": 19}],
        "relations": [{"id": 1, "from_id": 11, "to_id": 10, "type": "attributed_to"}],
        "Comments": ["یادداشت"]})
    report = import_files(project, [source], fmt="doccano")
    assert report.spans_added == 2 and report.relations_added == 1
    [doc] = project.documents()
    assert doc.metadata == {"doccano_id": 3, "Comments": ["یادداشت"]}
    spans = {s.label: doc.canonical_text[s.start:s.end] for s in project.spans(doc.id)}
    assert spans == {"Speaker": "علی", "Claim": "ما می‌آییم"}
    again = import_files(project, [source], fmt="doccano")
    assert (again.documents_added, again.spans_added, again.spans_already_present) == (0, 0, 2)


def test_spans_survive_hazm_repairs_or_are_refused(tmp_path: Path) -> None:
    raw = "آنها میپردازند.\r\nکتاب ها"
    source = write_jsonl(tmp_path / "h.jsonl", {"text": raw, "label": [
        [5, 14, "Claim"], [7, 14, "Claim"], [17, 24, "Turn"]]})
    with fresh(tmp_path, "h.annot", normalize="hazm") as project:
        import_files(project, [source], fmt="doccano")
        [doc] = project.documents()
        assert doc.canonical_text == "آنها می‌پردازند.\nکتاب‌ها"
        found = {doc.canonical_text[s.start:s.end] for s in project.spans(doc.id)}
        assert found == {"می‌پردازند", "پردازند", "کتاب‌ها"}
        out = tmp_path / "out.jsonl"
        from annotator.formats.exporting import ExportOptions, export_project
        export_project(project, out, ExportOptions("doccano", offsets="original"))
        [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert record["text"] == raw
        assert sorted(record["label"]) == [[5, 14, "Claim"], [7, 14, "Claim"], [17, 24, "Turn"]]
        cut = write_jsonl(tmp_path / "cut.jsonl", {"text": raw, "label": [[16, 18, "Claim"]]})
        with pytest.raises(InputError, match=r"cut.jsonl:1: has a span \[16, 18\)"):
            import_files(project, [cut], fmt="doccano")


def test_ours_to_doccano_to_ours_keeps_spans(project: Project, tmp_path: Path,
                                             kit: SimpleNamespace) -> None:
    kit.annotate(project)
    kit.export(project, tmp_path / "d.jsonl", "doccano")
    with fresh(tmp_path, "b.annot") as other:
        import_files(other, [tmp_path / "d.jsonl"], fmt="doccano")
        assert [s[:4] for s in spans_of(other)] == [s[:4] for s in spans_of(project)]
        assert [d.metadata for d in other.documents()] == [{"outlet": "جماران"}]


# -- Label Studio -------------------------------------------------------------------------

def test_ours_to_label_studio_to_ours_keeps_spans_attributes_and_relations(
        project: Project, tmp_path: Path, kit: SimpleNamespace) -> None:
    kit.annotate(project)
    kit.export(project, tmp_path / "ls.json", "label-studio")
    with fresh(tmp_path, "b.annot") as other:
        import_files(other, [tmp_path / "ls.json"])
        assert speaker_names(other, spans_of(other)) == speaker_names(project, spans_of(project))
        assert relations_of(other) == relations_of(project)
        ours = {s.id for d in project.documents() for s in project.spans(d.id)}
        assert {s.id for d in other.documents() for s in other.spans(d.id)} == ours
        assert [d.metadata for d in other.documents()] == [{"outlet": "جماران"}]


def test_label_studio_round_trip_with_original_offsets_is_exact(
        project: Project, tmp_path: Path, kit: SimpleNamespace) -> None:
    kit.annotate(project)
    kit.export(project, tmp_path / "first.json", "label-studio", offsets="original")
    with fresh(tmp_path, "b.annot") as other:
        import_files(other, [tmp_path / "first.json"])
        kit.export(other, tmp_path / "second.json", "label-studio", offsets="original")
    first = json.loads((tmp_path / "first.json").read_text(encoding="utf-8"))
    second = json.loads((tmp_path / "second.json").read_text(encoding="utf-8"))
    assert first[0]["data"]["text"] == kit.RAW
    assert second == first


def test_label_studio_to_ours_to_label_studio_keeps_regions(project: Project,
                                                             tmp_path: Path) -> None:
    text = "علي گفت:\r\nما 😀 مي‌آییم."
    claim = text.index("ما")
    results = [
        {"id": "Xy1", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 0, "end": 3, "text": "علي", "labels": ["Speaker"]}},
        {"id": "Zq9", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": claim, "end": len(text) - 1, "text": text[claim:-1],
                   "labels": ["Claim"]}},
        {"id": "Zq9", "from_name": "type", "to_name": "text", "type": "choices",
         "value": {"start": claim, "end": len(text) - 1, "choices": ["prediction"]}},
        {"from_id": "Xy1", "to_id": "Zq9", "type": "relation", "direction": "left",
         "labels": ["attributed_to"]},
        {"id": "doc", "from_name": "topic", "to_name": "text", "type": "choices",
         "value": {"choices": ["سیاست"]}},
    ]
    source = tmp_path / "ls.json"
    source.write_text(json.dumps([{"id": 5, "data": {"text": text}, "annotations": [
        {"completed_by": {"email": "a@example.org"}, "result": results}]}],
        ensure_ascii=False), encoding="utf-8")
    import_files(project, [source])
    [doc] = project.documents()
    assert doc.metadata == {"label_studio_id": 5, "topic": "سیاست"}
    out = tmp_path / "out.json"
    from annotator.formats.exporting import ExportOptions, export_project
    export_project(project, out, ExportOptions("label-studio", offsets="original"))
    [task] = json.loads(out.read_text(encoding="utf-8"))
    assert task["data"]["text"] == text
    [annotation] = task["annotations"]
    assert annotation["annotator"] == "a@example.org"
    exported = annotation["result"]
    regions = sorted((r["value"]["start"], r["value"]["end"], r["value"]["text"],
                      r["value"]["labels"][0]) for r in exported if r["type"] == "labels")
    # Label Studio counts UTF-16 code units: the emoji counts 2.
    assert regions == [(0, 3, "علي", "Speaker"),
                       (claim, len(text), text[claim:-1], "Claim")]
    [choice] = [r for r in exported if r["type"] == "choices"]
    assert (choice["from_name"], choice["value"]["choices"]) == ("type", ["prediction"])
    [relation] = [r for r in exported if r["type"] == "relation"]
    ids = {r["value"]["labels"][0]: r["id"] for r in exported if r["type"] == "labels"}
    assert (relation["from_id"], relation["to_id"]) == (ids["Claim"], ids["Speaker"])


def test_label_studio_annotations_of_two_people_stay_two_spans(project: Project,
                                                                tmp_path: Path) -> None:
    task = label_studio_task("سلام دنیا", (0, 4, "سلام"))
    task["annotations"].append({**task["annotations"][0], "completed_by": 9})
    path = tmp_path / "two.json"
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    assert import_files(project, [path]).spans_added == 2
    assert sorted(s[5] for s in spans_of(project)) == ["label-studio user 4",
                                                       "label-studio user 9"]
    assert import_files(project, [path]).spans_added == 0


def label_studio_task(text: str, *regions: tuple[int, int, str]) -> dict[str, Any]:
    return {"id": 1, "data": {"text": text}, "annotations": [{"completed_by": 4, "result": [
        {"id": f"r{n}", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": start, "end": end, "text": quoted, "labels": ["Claim"]}}
        for n, (start, end, quoted) in enumerate(regions)]}],
        "predictions": [{"result": []}]}


def test_label_studio_utf16_offsets_are_realigned_and_reported(project: Project,
                                                               tmp_path: Path) -> None:
    text = "😀 سلام 👍🏽 دنیا، آب و آب"
    start = text.index("دنیا")
    utf16 = (to_qt_position(text, start), to_qt_position(text, start + 4))
    water = text.rindex("آب")
    path = tmp_path / "old.json"
    path.write_text(json.dumps([label_studio_task(
        text, (*utf16, "دنیا"), (water + 1, water + 3, "آب"))], ensure_ascii=False),
        encoding="utf-8")
    report = import_files(project, [path])
    [doc] = project.documents()
    found = sorted((s.start, s.end, s.author) for s in project.spans(doc.id))
    assert found == [(start, start + 4, "label-studio user 4"),
                     (water, water + 2, "label-studio user 4")]
    notes = "\n".join(report.notes)
    assert "code point offsets" not in notes  # UTF-16 is what Label Studio writes
    assert f"nearest occurrence [{water}, {water + 2})" in notes
    assert "1 prediction(s) were left out" in notes


# -- brat ---------------------------------------------------------------------------------

def read_folder(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != "README.md"}


def test_ours_to_brat_to_ours_to_brat_is_identical(project: Project, tmp_path: Path,
                                                   kit: SimpleNamespace) -> None:
    kit.annotate(project)
    kit.export(project, tmp_path / "first", "brat", offsets="original")
    first = read_folder(tmp_path / "first")
    ann = next(v for k, v in first.items() if k.endswith(".ann")).decode()
    assert "\tTurn 0 59;61 65\t" in ann  # the Turn crosses a CRLF: two fragments
    assert next(v for k, v in first.items() if k.endswith(".txt")).decode() == kit.RAW
    with fresh(tmp_path, "b.annot") as other:
        import_files(other, [tmp_path / "first"])
        assert speaker_names(other, [(*s[:5], "") for s in spans_of(other)]) == \
            speaker_names(project, [(*s[:5], "") for s in spans_of(project)])
        assert relations_of(other) == relations_of(project)
        kit.export(other, tmp_path / "second", "brat", offsets="original")
    assert read_folder(tmp_path / "second") == first
    assert (tmp_path / "second" / "README.md").is_file()


def test_brat_to_ours_to_brat_keeps_annotations(project: Project, tmp_path: Path,
                                                kit: SimpleNamespace) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    text = "كاظم گفت 😀:\r\nما مي‌آییم.\r\n"
    (folder / "a.txt").write_bytes(text.encode())
    claim = text.index("ما")
    (folder / "a.ann").write_text(
        "T1\tSpeaker 0 4\tكاظم\n"
        f"T2\tClaim {claim} {claim + 10}\tما مي‌آییم\n"
        f"T3\tTurn 0 11;{claim} {claim + 11}\tكاظم گفت 😀: ما مي‌آییم.\n"
        "A1\ttype T2 factual\nA2\tNegated T2\nR1\tattributed_to Arg1:T2 Arg2:T1\n"
        "#1\tAnnotatorNotes T1\tیادداشت\n", encoding="utf-8")
    report = import_files(project, [folder])
    assert report.spans_added == 3 and report.relations_added == 1
    assert not any("left out" in note for note in report.notes)
    assert [s.attrs for s in project.spans(next(iter(project.documents())).id)
            if s.label == "Speaker"] == [{"note": "یادداشت"}]
    kit.export(project, tmp_path / "out", "brat", offsets="original")
    [ann] = [p for p in (tmp_path / "out").iterdir() if p.suffix == ".ann"]
    assert ann.with_suffix(".txt").read_bytes() == text.encode()
    lines = ann.read_text(encoding="utf-8").splitlines()
    assert lines == [
        "T1\tSpeaker 0 4\tكاظم",
        "#1\tAnnotatorNotes T1\tnote: یادداشت",
        f"T2\tTurn 0 11;{claim} {claim + 11}\tكاظم گفت 😀: ما مي‌آییم.",
        f"T3\tClaim {claim} {claim + 10}\tما مي‌آییم",
        "A1\tNegated T3",
        "A2\ttype T3 factual",
        "R1\tattributed_to Arg1:T3 Arg2:T1",
    ]


@pytest.mark.parametrize(("fmt", "name"), [("doccano", "d.jsonl"), ("brat", "brat"),
                                           ("label-studio", "t.json")])
def test_an_export_imported_back_into_its_project_adds_nothing(
        project: Project, tmp_path: Path, kit: SimpleNamespace, fmt: str, name: str) -> None:
    kit.annotate(project)
    before = (spans_of(project), relations_of(project))
    kit.export(project, tmp_path / name, fmt, offsets="original")
    report = import_files(project, [tmp_path / name], fmt=fmt)
    assert (report.documents_added, report.spans_added, report.relations_added) == (0, 0, 0)
    assert report.spans_already_present == len(before[0])
    assert (spans_of(project), relations_of(project)) == before


# -- every exchange format, random texts ---------------------------------------------------

def export_files(path: Path) -> dict[str, bytes]:
    """An export's data (a file, or a brat folder's files), without its dated card."""
    return read_folder(path) if path.is_dir() else {path.name: path.read_bytes()}


@pytest.mark.parametrize("fmt", ["doccano", "label-studio", "brat"])
@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(pieces | st.sampled_from(["\t", "\x0b", "\u2028", "\r"]), min_size=2,
                      max_size=40), data=st.data())
def test_ours_to_format_to_ours_to_format_is_identical(
        tmp_path_factory: pytest.TempPathFactory, fmt: str, parts: list[str],
        data: st.DataObject) -> None:
    from annotator.domain.model import Document
    from annotator.formats.exporting import ExportOptions, export_project
    from annotator.text import canonicalize

    raw = "".join(parts)
    canonical = canonicalize(raw, "letters")
    if not canonical.text.strip():
        return
    folder = tmp_path_factory.mktemp(fmt)
    names = {"doccano": "x.jsonl", "label-studio": "x.json", "brat": "x"}
    with fresh(folder, "a.annot", analyst="a") as first:
        doc = first.add_document(Document("", "t", "s", canonical.text, raw,
                                          canonical.alignment.segments))
        n = len(canonical.text)
        wanted = set()
        for _ in range(data.draw(st.integers(0, 5))):
            start = data.draw(st.integers(0, n - 1))
            end = data.draw(st.integers(start + 1, n))
            wanted.add((start, end, data.draw(st.sampled_from(["Claim", "Turn"]))))
        for start, end, label in sorted(wanted):
            first.add_span(doc.id, start, end, label)
        (folder / "1").mkdir()
        export_project(first, folder / "1" / names[fmt], ExportOptions(fmt, offsets="original"))
        before = [s[1:4] for s in spans_of(first)]
    with fresh(folder, "b.annot", analyst="a") as second:
        import_files(second, [folder / "1" / names[fmt]], fmt=fmt)
        assert [s[1:4] for s in spans_of(second)] == before
        (folder / "2").mkdir()
        export_project(second, folder / "2" / names[fmt], ExportOptions(fmt, offsets="original"))
    assert export_files(folder / "2" / names[fmt]) == export_files(folder / "1" / names[fmt])


# -- bad input ----------------------------------------------------------------------------

def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


GOOD_TEXT = "سلام\r\nدنیا 😀"
BAD_INPUTS: list[tuple[str, str, dict[str, str], str]] = [
    ("broken doccano line", "doccano",
     {"d.jsonl": '{"text": "سلام", "label": []}\n{"text": "نا'},
     "d.jsonl:2: is not valid JSON"),
    ("doccano offsets outside", "doccano",
     {"d.jsonl": '{"text": "سلام", "label": [[2, 9, "Claim"]]}'},
     "d.jsonl:1: has a span [2, 9) outside its text"),
    ("doccano span cutting a CRLF", "doccano",
     {"d.jsonl": json.dumps({"text": GOOD_TEXT, "label": [[0, 5, "Claim"]]})},
     "d.jsonl:1: has a span [0, 5)"),
    ("broken Label Studio JSON", "label-studio",
     {"t.json": '[\n{"data": {"text": "سلام"}},\n{"data": {"text": "نا"}'},
     "t.json:3: is not valid JSON"),
    ("Label Studio text not found", "label-studio",
     {"t.json": "[\n" + json.dumps(label_studio_task("سلام دنیا", (0, 4, "خدا")),
                                   ensure_ascii=False) + "\n]"},
     "t.json:2: has a region [0, 4) whose text 'خدا' is not in the task's text"),
    ("Label Studio offsets outside", "label-studio",
     {"t.json": '[{"data": {"text": "سلام"}, "annotations": [{"result": [{"id": "a", '
                '"type": "labels", "value": {"start": 1, "end": 8, "labels": ["Claim"]}}]}]}]'},
     "t.json:1: has a span [1, 8) outside its text"),
    ("brat text mismatch", "brat",
     {"a.txt": GOOD_TEXT, "a.ann": "T1\tClaim 0 4\tسلام\nT2\tClaim 6 10\tخدا\n"},
     "a.ann:2: says the text at [6, 10) is 'خدا'"),
    ("brat offsets outside", "brat",
     {"a.txt": GOOD_TEXT, "a.ann": "T1\tClaim 0 40\tسلام\n"},
     "a.ann:1: has a span [0, 40) outside its text"),
    ("brat discontinuous span", "brat",
     {"a.txt": "یک دو سه", "a.ann": "T1\tClaim 0 2;6 8\tیک سه\n"},
     "a.ann:1: is a discontinuous span"),
    ("brat relation to a missing span", "brat",
     {"a.txt": "یک دو سه", "a.ann": "T1\tClaim 0 2\tیک\nR1\tabout Arg1:T1 Arg2:T9\n"},
     "a.ann:2: relates T1 and T9"),
    ("brat .ann without .txt", "brat",
     {"b.ann": "T1\tClaim 0 2\tیک\n"},
     "b.ann:1: has no .txt file beside it"),
]


@pytest.mark.parametrize(("case", "fmt", "files", "expected"), BAD_INPUTS,
                         ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_is_one_line_and_leaves_the_project_unchanged(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, fmt: str,
        files: dict[str, str], expected: str) -> None:
    project = tmp_path / "p.annot"
    assert main(["new", str(project)]) == 0
    assert main(["import", str(project), str(SAMPLE)]) == 0
    before = digest(project)
    folder = tmp_path / "in"
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_bytes(content.encode())
    target = folder / sorted(files)[0]
    good = {"doccano": tmp_path / "good.jsonl", "label-studio": tmp_path / "good.json",
            "brat": tmp_path / "good.txt"}[fmt]
    good.write_text('[{"data": {"text": "متن خوب"}}]' if fmt == "label-studio" else
                    '{"text": "متن خوب", "label": [[0, 3, "Claim"]]}', encoding="utf-8")
    capsys.readouterr()
    # The good file comes first: all-or-nothing means it is not kept either.
    assert main(["import", str(project), str(good), str(target), "--format", fmt]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert str(folder) in err and expected in err, err
    assert digest(project) == before


def test_brat_file_names_are_safe_and_distinct(project: Project, tmp_path: Path,
                                               kit: SimpleNamespace) -> None:
    from annotator.domain.model import Document

    for doc_id in ("../escape", "a/b"):
        project.add_document(Document(doc_id, "t", "s", "یک متن", "یک متن", ((6, 6),)))
    kit.export(project, tmp_path / "out", "brat")
    texts = sorted(p.name for p in (tmp_path / "out").glob("*.txt"))
    assert len(texts) == 2 and all(name.startswith("doc-") for name in texts)
    assert not list(tmp_path.glob("*.txt"))  # nothing escaped the folder
