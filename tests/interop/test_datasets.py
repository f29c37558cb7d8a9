"""Token tags are valid for seqeval in strict mode; every card's front matter and loading
lines work as written with pandas and Hugging Face datasets (offline); parquet reads in pandas
and duckdb; every span is at its text."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from datasets import load_dataset
from seqeval.metrics.sequence_labeling import get_entities
from seqeval.scheme import IOB2, IOBES, Entities

from annotator.cli import main
from annotator.storage.project import Project


def sentences(path: Path) -> list[list[tuple[str, str]]]:
    """conll2003 sentences as (token, tag) pairs, without -DOCSTART- lines."""
    out: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line:
            if current:
                out.append(current)
            current = []
        elif not line.startswith("-DOCSTART-"):
            token, tag = line.rsplit(" ", 1)
            current.append((token, tag))
    return out + ([current] if current else [])


@pytest.mark.parametrize("tagging", ["bio", "bioes"])
def test_tags_are_strictly_valid_and_chunks_restart_at_sentences(
        peers_project: Path, tmp_path: Path, tagging: str) -> None:
    out = tmp_path / "tags.conll"
    assert main(["export", str(peers_project), "--format", "conll2003", "-o", str(out),
                 "--label", "Claim", "--tagging", tagging]) == 0
    assert not any(line.startswith("#") for line in out.read_text(encoding="utf-8")
                   .splitlines())
    tags = [[tag for _, tag in sentence] for sentence in sentences(out)]
    strict = Entities(tags, IOBES if tagging == "bioes" else IOB2).entities
    lenient = get_entities(tags)
    assert sum(len(s) for s in strict) == len(lenient) == 4  # the four Claims
    turns = tmp_path / "turns.conll"
    main(["export", str(peers_project), "--format", "conll2003", "-o", str(turns),
          "--label", "Turn"])
    turn_tags = [[tag for _, tag in sentence] for sentence in sentences(turns)]
    # The one Turn crosses a sentence break: two chunks, each starting with B-.
    assert sum(len(s) for s in Entities(turn_tags, IOB2).entities) == 2


def test_tokens_jsonl_loads_as_token_classification(peers_project: Path, tmp_path: Path
                                                    ) -> None:
    out = tmp_path / "tokens"
    assert main(["export", str(peers_project), "--format", "tokens-jsonl", "-o", str(out),
                 "--split", "50/50", "--seed", "1", "--license", "cc-by-4.0"]) == 0
    card = (out / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\nlanguage:\n- fa\nlicense: \"cc-by-4.0\"\n")
    dataset = load_dataset(str(out))
    assert set(dataset) == {"train", "test"}
    for split in dataset.values():
        for row in split:
            assert len(row["tokens"]) == len(row["ner_tags"])
            assert Entities([row["ner_tags"]], IOB2).entities is not None
            assert row["text"].startswith(row["tokens"][0])


def run_card(card: Path, where: Path) -> dict[str, object]:
    """Run the card's Python block in ``where`` (the folder holding the export)."""
    code = re.search(r"```python\n(.*?)```", card.read_text(encoding="utf-8"), re.DOTALL)
    assert code is not None
    namespace: dict[str, object] = {}
    before = Path.cwd()
    os.chdir(where)
    try:
        exec(code.group(1), namespace)  # noqa: S102 - the card's own lines, as a user runs them
    finally:
        os.chdir(before)
    return namespace


@pytest.mark.parametrize(("fmt", "split"), [
    ("spans-csv", False), ("spans-csv", True), ("spans-jsonl", True), ("claims-csv", True),
    ("stance-csv", False), ("conll", False), ("conll2003", True), ("tokens-jsonl", False),
    ("jsonl", False), ("doccano", False), ("label-studio", False), ("parquet", True)])
def test_every_cards_loading_lines_work_as_written(peers_project: Path, tmp_path: Path,
                                                   fmt: str, split: bool) -> None:
    suffix = {"conll": "conll", "conll2003": "conll", "label-studio": "json",
              "parquet": "parquet"}.get(fmt, fmt.rsplit("-", 1)[-1])
    out = tmp_path / "export" / f"out.{suffix}"
    out.parent.mkdir()
    args = ["--split", "50/50"] if split else []
    extra = ["--doccano-shape", "entities"] if fmt == "doccano" else []
    assert main(["export", str(peers_project), "--format", fmt, "-o", str(out), *args,
                 *extra, "--status", "any"]) == 0
    card = out.with_suffix("") / "README.md" if split else Path(f"{out}.README.md")
    namespace = run_card(card, out.parent)
    frames = namespace.get("frames") or {"all": namespace["frame"]}
    assert all(len(frame) > 0 for frame in frames.values())
    if "dataset" in namespace:
        dataset = namespace["dataset"]
        names = set(dataset) if hasattr(dataset, "keys") else {"all"}
        assert names == ({"train", "test"} if split else {"train"})
        if fmt == "spans-csv":  # empty cells stay empty strings, not None
            assert all(value is not None for row in dataset["train"] for value in row.values())


def test_span_tables_hold_their_text_in_parquet_pandas_and_duckdb(peers_project: Path,
                                                                  tmp_path: Path) -> None:
    spans = tmp_path / "spans.parquet"
    assert main(["export", str(peers_project), "--format", "parquet", "-o", str(spans)]) == 0
    texts = tmp_path / "docs.jsonl"
    main(["export", str(peers_project), "--format", "jsonl", "-o", str(texts)])
    documents = {json.loads(line)["id"]: json.loads(line)["text"]
                 for line in texts.read_text(encoding="utf-8").splitlines()}
    frame = pd.read_parquet(spans)
    assert len(frame) == 9
    for row in frame.itertuples():
        assert documents[row.doc_id][row.start:row.end] == row.text
    rows = duckdb.sql(f"SELECT doc_id, start, \"end\", text FROM '{spans}'").fetchall()
    assert all(documents[d][s:e] == t for d, s, e, t in rows)
    table = tmp_path / "sentences.parquet"
    assert main(["export", str(peers_project), "--format", "parquet", "-o", str(table),
                 "--table", "sentences"]) == 0
    for row in pd.read_parquet(table).itertuples():
        assert documents[row.doc_id][row.start:row.end] == row.text
        assert len(row.tokens) == len(row.ner_tags)


def test_span_csv_with_csv_safe_says_the_texts_changed(peers_project: Path, tmp_path: Path
                                                       ) -> None:
    out = tmp_path / "safe.csv"
    main(["export", str(peers_project), "--format", "spans-csv", "-o", str(out), "--csv-safe"])
    card = Path(f"{out}.README.md").read_text(encoding="utf-8")
    assert "no longer equals `text[start:end]`" in card
    with Project.open(peers_project, analyst="tester", read_only=True) as project:
        assert project.path == peers_project
