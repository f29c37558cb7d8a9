"""The command line as scripts call it: exit codes, one-line errors, untouched projects."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator import cli
from annotator.cli import build_parser, main

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "samples" / "interview-fa.txt"

pytestmark = pytest.mark.filterwarnings("error")


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The installed entry point, as a shell script would call it."""
    env = {**os.environ, "ANNOTATOR_ANALYST": "cli-tester"}
    return subprocess.run([sys.executable, "-m", "annotator", *map(str, args)],
                          capture_output=True, text=True, timeout=120, env=env, check=False)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_import_export_on_the_sample(tmp_path: Path) -> None:
    project = tmp_path / "p.annot"
    out = tmp_path / "out.jsonl"
    assert run("new", project).returncode == 0
    imported = run("import", project, SAMPLE)
    assert imported.returncode == 0, imported.stderr
    assert "Imported 1 document" in imported.stdout
    exported = run("export", project, "--format", "jsonl", "-o", out)
    assert exported.returncode == 0, exported.stderr
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["text"] == SAMPLE.read_text(encoding="utf-8")
    stats = json.loads(run("stats", project, "--json").stdout)
    assert stats["documents"] == 1 and stats["analysts"] == ["cli-tester"]
    assert run("check", project).returncode == 0


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "usage: annotator" in result.stdout and "import" in result.stdout


@pytest.mark.parametrize(("argv", "expected"), [
    ([], ["gui"]),
    (["p.annot"], ["gui", "p.annot"]),
    (["--analyst", "x"], ["--analyst", "x", "gui"]),
    (["--analyst=x", "p.annot"], ["--analyst=x", "gui", "p.annot"]),
    (["stats", "p.annot"], ["stats", "p.annot"]),
    (["--version"], ["--version"]),
])
def test_no_command_means_the_window(argv: list[str], expected: list[str]) -> None:
    assert cli._with_default_command(argv, ["gui", "stats"]) == expected


def test_every_command_and_option_has_help() -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for choice in subparsers._choices_actions:
        assert choice.help, f"command {choice.dest} has no help"
    for name, sub in subparsers.choices.items():
        for action in sub._actions:
            assert action.help, f"{name} {action.option_strings or action.dest} has no help"


def test_analyst_option_is_recorded_as_author(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p.annot"
    assert main(["--analyst", "مریم", "new", str(project)]) == 0
    assert main(["--analyst", "مریم", "import", str(project), str(SAMPLE)]) == 0
    capsys.readouterr()
    assert main(["stats", str(project), "--json"]) == 0
    assert "مریم" in json.loads(capsys.readouterr().out)["analysts"]


def _jsonl(tmp_path: Path, name: str, *records: object, broken_line: str | None = None) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    if broken_line is not None:
        lines.append(broken_line)
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = {"text": "سلام دنیا", "spans": [{"start": 0, "end": 4, "label": "Claim"}]}


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("binary.txt", bytes(range(256)) * 8, "binary"),
        ("empty.txt", b"", "empty"),
        ("nul.txt", "سلام\n\x00دنیا".encode(), "NUL"),
        ("latin1.txt", "Très café à Noël, déjà vu".encode("latin-1"), "encoding"),
        ("broken.jsonl", None, ":2: is not valid JSON"),
        ("outside.jsonl", {"text": "سلام", "spans": [{"start": 2, "end": 9, "label": "Claim"}]},
         ":1: has a span [2, 9) outside its text"),
        ("mismatch.jsonl", {"text": "سلام دنیا", "spans": [
            {"start": 0, "end": 4, "label": "Claim", "text": "دنیا"}]},
         "is not the text there"),
        ("surrogate.jsonl", '{"text": "a\\ud800b"}', ":1: holds a lone surrogate"),
        ("badattr.jsonl", {"text": "سلام دنیا", "spans": [
            {"start": 0, "end": 4, "label": "Claim", "attrs": {"type": 7}}]}, "attrs"),
        ("nocol.csv", "title,body\nx,سلام\n".encode(), ":1: has no 'text' column"),
        ("short.csv", "title,text\nx,سلام\ny\n".encode(), ":3: has 1 cells"),
        ("missing.txt", None, "no such file"),
        ("unknown.odt", b"PK\x03\x04", "cannot tell its format"),
    ],
)
def test_bad_input_is_one_line_and_leaves_the_project_unchanged(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str,
        content: bytes | str | dict[str, object] | None, expected: str) -> None:
    project = tmp_path / "p.annot"
    assert main(["new", str(project)]) == 0
    assert main(["import", str(project), str(SAMPLE)]) == 0
    before = digest(project)
    path = tmp_path / name
    if name == "broken.jsonl":
        path = _jsonl(tmp_path, name, GOOD, broken_line='{"text": "ناقص", "spans": [')
    elif isinstance(content, dict):
        path = _jsonl(tmp_path, name, content)
    elif isinstance(content, str):
        path.write_text(content + "\n", encoding="utf-8")
    elif content is not None:
        path.write_bytes(content)
    good = _jsonl(tmp_path, "good.jsonl", GOOD)
    capsys.readouterr()
    # The good file comes first: all-or-nothing means it is not kept either.
    assert main(["import", str(project), str(good), str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert str(path) in err and expected in err, err
    assert "Traceback" not in err
    assert digest(project) == before
    assert not Path(f"{project}-wal").exists()


def test_random_bytes_project_is_refused_in_one_line(tmp_path: Path) -> None:
    project = tmp_path / "junk.annot"
    project.write_bytes(os.urandom(4096))
    before = digest(project)
    for args in (["import", project, SAMPLE], ["check", project],
                 ["export", project, "--format", "jsonl", "-o", tmp_path / "o.jsonl"]):
        result = run(*args)
        assert result.returncode == 1
        assert result.stderr.count("\n") == 1 and str(project) in result.stderr
        assert "Traceback" not in result.stderr
    assert digest(project) == before
    assert not (tmp_path / "o.jsonl").exists()


def test_missing_project_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(tmp_path / "nope.annot")]) == 1
    assert "nope.annot: no such project file" in capsys.readouterr().err


def test_check_exits_non_zero_on_a_fault(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    project = tmp_path / "p.annot"
    assert main(["new", str(project)]) == 0
    good = _jsonl(tmp_path, "good.jsonl", GOOD)
    assert main(["import", str(project), str(good)]) == 0
    conn = sqlite3.connect(project)
    conn.execute('UPDATE spans SET "end" = 500')
    conn.commit()
    conn.close()
    capsys.readouterr()
    assert main(["check", str(project)]) == 1
    assert "outside its document" in capsys.readouterr().err


def test_encodings_and_newlines_import_to_one_canonical_text(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    variants = {
        "lf.txt": text.encode("utf-8"),
        "crlf.txt": text.replace("\n", "\r\n").encode("utf-8"),
        "bom.txt": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "utf16.txt": text.replace("\n", "\r\n").encode("utf-16"),
    }
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in variants.items():
        (folder / name).write_bytes(data)
    project = tmp_path / "p.annot"
    assert main(["new", str(project)]) == 0
    assert main(["import", str(project), str(folder)]) == 0
    out = capsys.readouterr().out
    assert "Imported 1 document(s)" in out and "3 already in the project" in out


def test_cp1256_persian_imports_as_persian(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    text = "سفیر ایران در روسیه گفت: همکاری‌های دوجانبه ادامه دارد.\n"
    path = tmp_path / "old.txt"
    # Windows-1256 has no Persian yeh: such files carry the Arabic ي, which folding turns to ی.
    path.write_bytes(text.replace("ی", "ي").encode("cp1256"))
    project = tmp_path / "p.annot"
    assert main(["new", str(project)]) == 0
    assert main(["import", str(project), str(path)]) == 0
    out = tmp_path / "o.jsonl"
    assert main(["export", str(project), "--format", "jsonl", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["text"] == text


def test_csv_rows_become_documents_with_metadata(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "news.csv"
    path.write_text('id,title,text,outlet\nd1,اول,"سطر یک\r\nسطر دو",ایسنا\n'
                    "d2,دوم,متن دوم,ایرنا\n", encoding="utf-8")
    project = tmp_path / "p.annot"
    assert main(["new", str(project)]) == 0
    assert main(["import", str(project), str(path)]) == 0
    out = tmp_path / "o.jsonl"
    assert main(["export", str(project), "--format", "jsonl", "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["title"], r["metadata"]) for r in records] == [
        ("d1", "اول", {"outlet": "ایسنا"}), ("d2", "دوم", {"outlet": "ایرنا"})]
    assert records[0]["text"] == "سطر یک\nسطر دو"


def test_the_command_line_starts_without_hazm_or_qt() -> None:
    code = ("import sys, annotator.cli, annotator.formats.importing, annotator.formats.exporting\n"
            "heavy = [m for m in ('hazm', 'nltk', 'PySide6') if m in sys.modules]\n"
            "sys.exit(f'loaded at start-up: {heavy}' if heavy else 0)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
