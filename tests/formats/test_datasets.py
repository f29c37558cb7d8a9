"""Task datasets (claims, stance, conll), splits and dataset cards load and keep their offsets."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path
from types import SimpleNamespace

import pytest

from annotator.domain.errors import InputError
from annotator.formats.splits import assign_splits, parse_split, split_path
from annotator.storage.project import Project
from annotator.text import Alignment, token_spans

ALL_FORMATS = ("jsonl", "spans-jsonl", "spans-csv", "claims-csv", "stance-csv", "conll",
               "doccano", "label-studio")


def test_claims_rows_are_sentences_and_offsets_hold(project: Project, tmp_path: Path,
                                                    kit: SimpleNamespace) -> None:
    doc = kit.annotate(project)
    text = doc.canonical_text
    kit.export(project, tmp_path / "c.csv", "claims-csv")
    rows = kit.read_csv(tmp_path / "c.csv")
    assert [r["sentence_id"] for r in rows] == ["1", "2", "3", "4"]
    for row in rows:
        assert text[int(row["start"]):int(row["end"])] == row["text"]
    first, question, answer, hashtag = rows
    assert (first["label"], first["claim_type"], first["checkworthy"]) == ("1", "commitment",
                                                                           "yes")
    assert first["speaker"] == "کاظم جلالی" and first["speaker_id"]
    # No claim in the question; its speaker comes from the Turn that covers it.
    assert (question["label"], question["speaker"]) == ("0", "کاظم جلالی")
    assert (answer["label"], answer["claim_type"], answer["speaker"]) == ("1", "other", "")
    assert hashtag["text"] == "#تهران آرام است." and hashtag["label"] == "0"


def test_claims_negatives_only_from_done_documents_unless_status_any(
        project: Project, tmp_path: Path, kit: SimpleNamespace) -> None:
    done = kit.annotate(project, title="done")
    kit.annotate(project, kit.RAW + "\r\nپایان.", title="open", done=False)

    def labels(**options: str) -> list[tuple[str, str]]:
        path = tmp_path / "c.csv"
        kit.export(project, path, "claims-csv", **options)
        return [("done" if r["doc_id"] == done.id else "open", r["label"])
                for r in kit.read_csv(path)]

    default = labels()
    assert ("open", "0") not in default and ("open", "1") in default
    assert ("done", "0") in default
    everything = labels(status="any")
    assert ("open", "0") in everything and len(everything) == len(default) + 3
    only_done = labels(status="done")
    assert {who for who, _ in only_done} == {"done"}


def test_claims_csv_safe_and_lossless(project: Project, tmp_path: Path,
                                      kit: SimpleNamespace) -> None:
    doc = kit.add_document(project, "=SUM(A1) گفت.\n@user نوشت.")
    project.add_span(doc.id, 0, 8, "Claim")
    project.set_status(doc.id, "done")
    kit.export(project, tmp_path / "plain.csv", "claims-csv")
    kit.export(project, tmp_path / "safe.csv", "claims-csv", csv_safe=True)
    assert [r["text"] for r in kit.read_csv(tmp_path / "plain.csv")] == ["=SUM(A1) گفت.",
                                                                        "@user نوشت."]
    assert [r["text"] for r in kit.read_csv(tmp_path / "safe.csv")] == ["'=SUM(A1) گفت.",
                                                                       "'@user نوشت."]


def test_stance_rows(project: Project, tmp_path: Path, kit: SimpleNamespace) -> None:
    doc = kit.annotate(project)
    kit.export(project, tmp_path / "s.csv", "stance-csv", offsets="original")
    [row] = kit.read_csv(tmp_path / "s.csv")
    assert doc.raw_text[int(row["start"]):int(row["end"])] == row["text"] == "آیا S-400"
    assert (row["holder"], row["stance"], row["annotator"]) == ("کاظم جلالی", "FAVOR", "tester")
    assert row["target"] == "S-400"  # no target attribute: the text its 'about' points to
    assert row["text"] in row["sentence"] and "\r" not in row["sentence"]


def parse_conll(path: Path) -> tuple[list[str], dict[str, list[list[list[str]]]]]:
    """Columns and, per document, its sentences as lists of rows."""
    lines = path.read_text(encoding="utf-8").split("\n")
    columns = lines[0].removeprefix("# columns = ").split(" ")
    documents: dict[str, list[list[list[str]]]] = {}
    sentence: list[list[str]] = []
    current = ""
    for line in lines[1:]:
        if line.startswith("# doc_id = "):
            current = line.removeprefix("# doc_id = ")
            documents[current] = []
        elif line:
            sentence.append(line.split("\t"))
            assert len(sentence[-1]) == len(columns), line
        elif sentence:
            documents[current].append(sentence)
            sentence = []
    assert not sentence
    return columns, documents


def test_conll_parses_back_into_the_same_tokens(project: Project, tmp_path: Path,
                                                kit: SimpleNamespace) -> None:
    doc = kit.annotate(project)
    text = doc.canonical_text
    report = kit.export(project, tmp_path / "t.conll", "conll")
    columns, documents = parse_conll(tmp_path / "t.conll")
    assert columns == ["token", "Speaker", "Turn", "Claim", "Stance"]
    rows = [row for sentence in documents[doc.id] for row in sentence]
    assert [row[0] for row in rows] == [text[a:b] for a, b in token_spans(text)]
    assert len(documents[doc.id]) == 4 and report.counts == {}
    tags = {column: [row[i] for row in rows] for i, column in enumerate(columns)}
    tokens = tags["token"]
    claim = tokens.index("ما")
    assert tags["Claim"][claim] == "B-Claim" and tags["Turn"][claim] == "I-Turn"
    assert tags["Claim"][claim + 1] == "I-Claim"  # the emoji is a token of its own
    assert "#تهران" in tokens and "همکاری‌های" in tokens  # hashtag, ZWNJ-joined word
    # The Speaker inside the Stance: both kept, each in its own column.
    model = tokens.index("S-")  # hazm parts digits from letters: S- 400
    assert (tags["Stance"][model - 1], tags["Stance"][model]) == ("B-Stance", "I-Stance")
    assert tags["Speaker"][model] == "B-Speaker"
    for column in columns[1:]:
        for before, tag in zip(["O", *tags[column]], tags[column], strict=False):
            if tag.startswith("I-"):
                assert before[2:] == tag[2:], (column, before, tag)


def test_conll_counts_same_label_overlaps_it_leaves_out(project: Project, tmp_path: Path,
                                                        kit: SimpleNamespace) -> None:
    doc = kit.add_document(project, "یک دو سه چهار پنج")
    project.add_span(doc.id, 0, 8, "Claim")          # یک دو سه
    project.add_span(doc.id, 0, 8, "Claim", author="b")  # the same tokens: no conflict
    project.add_span(doc.id, 3, 13, "Claim")         # دو سه چهار: overlaps, left out
    project.add_span(doc.id, 14, 17, "Claim")        # پنج
    report = kit.export(project, tmp_path / "t.conll", "conll")
    _, documents = parse_conll(tmp_path / "t.conll")
    claims = [row[3] for row in documents[doc.id][0]]
    assert claims == ["B-Claim", "I-Claim", "I-Claim", "O", "B-Claim"]
    assert report.counts == {"Claim left out (overlaps another Claim)": 1}
    card = (tmp_path / "t.conll.README.md").read_text(encoding="utf-8")
    assert "Claim left out (overlaps another Claim) | 1 |" in card


def test_conll_refuses_original_offsets(project: Project, tmp_path: Path,
                                        kit: SimpleNamespace) -> None:
    kit.annotate(project)
    with pytest.raises(InputError, match="canonical"):
        kit.export(project, tmp_path / "t.conll", "conll", offsets="original")
    assert list(tmp_path.iterdir()) == [project.path] or not any(
        p.name.startswith((".t.conll", "t.conll")) for p in tmp_path.iterdir())


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_every_file_export_loads_and_offsets_hold(project: Project, tmp_path: Path,
                                                  kit: SimpleNamespace, fmt: str) -> None:
    doc = kit.annotate(project)
    offsets = "canonical" if fmt == "conll" else "original"
    path = tmp_path / f"out.{fmt}"
    kit.export(project, path, fmt, offsets=offsets)
    text = doc.raw_text if offsets == "original" else doc.canonical_text
    checked = 0
    if fmt.endswith("csv"):
        for row in kit.read_csv(path):
            assert text[int(row["start"]):int(row["end"])] == row["text"]
            checked += 1
    elif fmt in ("jsonl", "spans-jsonl", "doccano"):
        for record in kit.read_jsonl(path):
            for span in record.get("spans", []):
                assert record["text"] == text
                assert text[span["start"]:span["end"]] == span["text"]
                checked += 1
            if fmt == "doccano":
                assert record["text"] == text
                alignment = Alignment(doc.alignment)
                assert sorted(kit.utf16_slice(text, start, end)
                              for start, end, _ in record["label"]) == sorted(
                    text[slice(*alignment.to_raw(s.start, s.end))] for s in project.spans(doc.id))
                checked += len(record["label"])
            if "start" in record:
                assert text[record["start"]:record["end"]] == record["text"]
                checked += 1
    elif fmt == "label-studio":
        [task] = json.loads(path.read_text(encoding="utf-8"))
        assert task["data"]["text"] == text
        for annotation in task["annotations"]:
            for result in annotation["result"]:
                if result["type"] == "labels":
                    value = result["value"]
                    assert kit.utf16_slice(text, value["start"], value["end"]) == value["text"]
                    checked += 1
    else:
        _, documents = parse_conll(path)
        checked = sum(len(s) for s in documents[doc.id])
    assert checked >= (1 if fmt == "stance-csv" else 4)
    assert (tmp_path / f"out.{fmt}.README.md").is_file()


def test_split_is_by_document_deterministic_and_named(project: Project, tmp_path: Path,
                                                      kit: SimpleNamespace) -> None:
    ids = [kit.add_document(project, f"متن شماره {n} 😀").id for n in range(20)]
    report = kit.export(project, tmp_path / "out.jsonl", "jsonl", split="80/10/10", seed=7)
    names = [tmp_path / "out" / f"{part}.jsonl" for part in ("train", "validation", "test")]
    assert report.files == names
    parts = [[r["id"] for r in kit.read_jsonl(path)] for path in names]
    assert [len(p) for p in parts] == [16, 2, 2]
    # Every document once, none in two splits.
    assert sorted(i for part in parts for i in part) == sorted(ids)
    again = kit.export(project, tmp_path / "again.jsonl", "jsonl", split="80/10/10", seed=7)
    assert [[r["id"] for r in kit.read_jsonl(p)] for p in again.files] == parts
    other = kit.export(project, tmp_path / "other.jsonl", "jsonl", split="80/10/10", seed=8)
    assert [[r["id"] for r in kit.read_jsonl(p)] for p in other.files] != parts
    card = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert "| train | `train.jsonl` | 16 |" in card and "seed | 7" in card
    assert "  - split: validation\n    path: \"validation.jsonl\"" in card
    assert not (tmp_path / "out.jsonl").exists()


def test_split_depends_on_the_ids_not_their_order() -> None:
    split = parse_split("70/30")
    ids = [f"d{n}" for n in range(10)]
    assert assign_splits(ids, split, 1) == assign_splits(reversed(ids), split, 1)
    assert sorted(assign_splits(ids, split, 1).values()).count("train") == 7
    assert split_path(Path("a/out.csv"), "test", folder=False) == Path("a/out/test.csv")
    assert split_path(Path("a/out"), "test", folder=True) == Path("a/out/test")


@pytest.mark.parametrize("value", ["80/10", "80/10/5/5", "a/b", "50/50/50", ""])
def test_bad_split_is_refused(project: Project, tmp_path: Path, kit: SimpleNamespace,
                              value: str) -> None:
    if value == "80/10":
        with pytest.raises(InputError, match="add up to 100"):
            parse_split(value)
        return
    with pytest.raises(InputError, match="--split"):
        kit.export(project, tmp_path / "o.jsonl", "jsonl", split=value or "/")


def test_card_counts_and_sits_beside_its_file(project: Project, tmp_path: Path,
                                              kit: SimpleNamespace) -> None:
    kit.annotate(project)
    kit.export(project, tmp_path / "a.csv", "claims-csv")
    kit.export(project, tmp_path / "b.csv", "spans-csv", by="maryam")
    first = (tmp_path / "a.csv.README.md").read_text(encoding="utf-8")
    second = (tmp_path / "b.csv.README.md").read_text(encoding="utf-8")
    assert "| Claim | 2 | 2 |" in first and "| Turn | 1 | 1 |" in first
    assert "| کاظم جلالی | 4 |" in first  # Turn, mention, claim, stance holder
    assert "2 analyst(s)" in first and "| maryam | 1 | 1 |" in first
    assert "Normalization level: `letters`" in first and "hazm version: 0." in first
    assert 'pd.read_csv(\'a.csv\', keep_default_na=False)' in first
    assert 'load_dataset("csv", data_files=\'a.csv\', keep_default_na=False)' in first
    assert "1 analyst(s)" in second and "`--by maryam`" in second


def test_failed_split_export_leaves_nothing(project: Project, tmp_path: Path,
                                            kit: SimpleNamespace) -> None:
    kit.annotate(project)
    (tmp_path / "out.train.jsonl").write_text("previous", encoding="utf-8")
    project.conn.execute("UPDATE spans SET attrs = 'not json'")
    with pytest.raises(json.JSONDecodeError):
        kit.export(project, tmp_path / "out.jsonl", "jsonl", split="50/50")
    assert [p.name for p in tmp_path.iterdir() if "out" in p.name] == ["out.train.jsonl"]
    assert (tmp_path / "out.train.jsonl").read_text(encoding="utf-8") == "previous"


def test_export_memory_does_not_grow_with_the_number_of_documents(
        project: Project, tmp_path: Path, kit: SimpleNamespace) -> None:
    text = "جمله‌ای با چند کلمه در آن. " * 40

    def add(documents: int) -> None:
        with project.transaction():
            for _ in range(documents):
                doc = kit.add_document(project, text + str(_))
                for start in range(0, len(text) - 10, 20):
                    project.add_span(doc.id, start, start + 8, "Claim")

    def peak(fmt: str) -> int:
        tracemalloc.start()
        kit.export(project, tmp_path / f"m.{fmt}", fmt)
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    add(5)
    small = {fmt: peak(fmt) for fmt in ("spans-csv", "label-studio", "conll")}
    add(45)
    large = {fmt: peak(fmt) for fmt in small}
    for fmt in small:  # ten times the spans, well under twice the memory
        assert large[fmt] < 2 * small[fmt], (fmt, small[fmt], large[fmt])
