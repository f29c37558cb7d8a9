"""The project file under hostile conditions: read-only files and folders, a second program,
newer schemas, damaged bytes; and the backups and restore that answer damage."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from reliability_support import run_without_root_writes, table_digest

from annotator.cli import main
from annotator.domain.errors import (
    DamagedProjectError,
    NewerProjectError,
    ProjectError,
    ReadOnlyProjectError,
)
from annotator.storage import backups
from annotator.storage.checks import check_project
from annotator.storage.migrations import SCHEMA_VERSION
from annotator.storage.project import Project

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "interview-fa.txt"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- read-only files and folders --------------------------------------------------------------

READ_ONLY_CHILD = """
import sys
from annotator.domain.errors import ReadOnlyProjectError
from annotator.domain.model import Document
from annotator.storage.project import Project
with Project.open(sys.argv[1] if len(sys.argv) > 1 else {path!r}, analyst="tester") as p:
    print("read_only", p.read_only, p.read_only_reason)
    print("documents", len(p.document_summaries()))
    try:
        p.add_speaker("x")
    except ReadOnlyProjectError as e:
        print("refused", e)
with Project.open({path!r}, analyst="tester", read_only=True) as p:
    print("asked read-only", p.read_only_reason, len(p.document_summaries()))
"""


@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_file_or_folder_opens_read_only_and_refuses_edits(
        filled_project: Path, what: str) -> None:
    before = digest(filled_project)
    target = filled_project if what == "file" else filled_project.parent
    mode = target.stat().st_mode
    target.chmod(0o444 if what == "file" else 0o555)
    try:
        result = run_without_root_writes(READ_ONLY_CHILD.format(path=str(filled_project)))
    finally:
        target.chmod(mode)
    assert result.returncode == 0, result.stderr
    reason = "the file is read-only" if what == "file" else "its folder is read-only"
    assert f"read_only True {reason}" in result.stdout
    assert "documents 2" in result.stdout
    assert f"refused {filled_project}: is open read-only ({reason})" in result.stdout
    assert f"asked read-only {reason} 2" in result.stdout
    assert digest(filled_project) == before
    assert sorted(p.name for p in filled_project.parent.iterdir()) == ["filled.annot"]


def test_read_only_open_never_writes_and_refuses_every_edit(filled_project: Path) -> None:
    before = digest(filled_project)
    with Project.open(filled_project, analyst="newcomer", read_only=True) as project:
        doc = project.document_summaries()[0].id
        span = project.spans(doc)[0]
        edits = [lambda: project.add_span(doc, 0, 2, "Speaker"),
                 lambda: project.update_span(span.id, start=1),
                 lambda: project.delete_span(span.id), lambda: project.restore_span(span.id),
                 lambda: project.add_speaker("x"), lambda: project.set_status(doc, "done"),
                 lambda: project.set_schema(project.schema)]
        for edit in edits:
            with pytest.raises(ReadOnlyProjectError, match=str(filled_project)):
                edit()
        assert project.maybe_backup() is None
    assert digest(filled_project) == before
    assert "newcomer" not in table_digest(filled_project)


def test_a_read_only_file_with_unmerged_changes_is_refused_not_read_stale(
        filled_project: Path) -> None:
    wal = Path(f"{filled_project}-wal")
    wal.write_bytes(b"\0" * 32)
    filled_project.chmod(0o444)
    try:
        result = run_without_root_writes(READ_ONLY_CHILD.format(path=str(filled_project)))
    finally:
        filled_project.chmod(0o644)
    assert result.returncode == 1
    assert "its latest changes are still in its -wal file" in result.stderr


# -- a second program on the same file --------------------------------------------------------

HOLDER = """
import sys
from annotator.storage.project import Project
p = Project.open({path!r}, analyst="holder")
print("open", flush=True)
sys.stdin.read()
p.close()
"""


def test_a_second_program_gets_a_clear_message_in_bounded_time(
        filled_project: Path, tmp_path: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER.format(path=str(filled_project))],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        env = {**os.environ, "ANNOTATOR_ANALYST": "second"}
        for args in (["import", filled_project, SAMPLE], ["stats", filled_project],
                     ["export", filled_project, "--format", "jsonl", "-o", tmp_path / "o.jsonl"],
                     ["restore", filled_project, "1"]):
            if args[0] == "restore":
                # A backup to restore, taken from a copy so the held file is not touched.
                copy = tmp_path / "copy.annot"
                copy.write_bytes(filled_project.read_bytes())
                args[2] = str(copy)
            started = time.monotonic()
            result = subprocess.run([sys.executable, "-m", "annotator", *map(str, args)],
                                    capture_output=True, text=True, timeout=60, env=env,
                                    check=False)
            assert time.monotonic() - started < 10
            assert result.returncode == 1, (args, result.stdout)
            assert result.stderr == (f"annotator: {filled_project}: is open in another "
                                     "Annotator window or command; close it there first\n")
    finally:
        holder.communicate("", timeout=30)
    assert not (tmp_path / "o.jsonl").exists()
    with Project.open(filled_project, analyst="after") as project:
        assert check_project(project) == []


def test_two_processes_racing_to_open_never_both_write(filled_project: Path) -> None:
    code = ("import sys\nfrom annotator.domain.errors import ProjectLockedError\n"
            "from annotator.storage.project import Project\n"
            "try:\n"
            f"    p = Project.open({str(filled_project)!r}, analyst='racer')\n"
            "    p.add_speaker('racer'); print('wrote'); p.close()\n"
            "except ProjectLockedError:\n    print('locked')\n")
    racers = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
              for _ in range(4)]
    outcomes = [r.communicate(timeout=60)[0].strip() for r in racers]
    assert set(outcomes) <= {"wrote", "locked"} and "wrote" in outcomes
    with Project.open(filled_project, analyst="after", read_only=True) as project:
        assert check_project(project) == []
        racers_written = [s for s in project.speakers() if s.name == "racer"]
        assert len(racers_written) == outcomes.count("wrote")


# -- newer files ------------------------------------------------------------------------------

def _set_versions(path: Path, user_version: int, min_reader: int, *, journal: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute(f"PRAGMA user_version = {user_version}")
    conn.execute("UPDATE meta SET value = ? WHERE key = 'min_reader_version'", (str(min_reader),))
    conn.commit()
    conn.close()


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_newer_file_we_may_read_opens_read_only_and_stays_byte_for_byte(
        filled_project: Path, journal: str) -> None:
    _set_versions(filled_project, SCHEMA_VERSION + 1, SCHEMA_VERSION, journal=journal)
    before = digest(filled_project)
    with Project.open(filled_project, analyst="someone new") as project:
        assert project.read_only
        assert project.read_only_reason == "it was written by a newer Annotator"
        assert len(project.document_summaries()) == 2
        with pytest.raises(ReadOnlyProjectError, match="newer Annotator"):
            project.add_speaker("x")
    assert digest(filled_project) == before
    assert sorted(p.name for p in filled_project.parent.iterdir()) == ["filled.annot"]


def test_a_newer_file_we_may_not_read_is_refused_byte_for_byte(
        filled_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _set_versions(filled_project, SCHEMA_VERSION + 2, SCHEMA_VERSION + 1, journal="delete")
    before = digest(filled_project)
    with pytest.raises(NewerProjectError, match="update the program"):
        Project.open(filled_project, analyst="a")
    for command in ("stats", "check", "import"):
        args = [command, filled_project] + ([SAMPLE] if command == "import" else [])
        code, _, err = cli(capsys, *args)
        assert code == 1 and err.count("\n") == 1 and "newer Annotator" in err
    assert digest(filled_project) == before
    assert sorted(p.name for p in filled_project.parent.iterdir()) == ["filled.annot"]


def test_an_older_file_is_migrated_only_after_a_backup(filled_project: Path) -> None:
    _set_versions(filled_project, SCHEMA_VERSION - 1, 1, journal="wal")
    if SCHEMA_VERSION - 1 == 0:
        pytest.skip("one schema version so far: there is nothing older to migrate from")
    with Project.open(filled_project, analyst="a"):
        pass
    assert any(b.reason == f"before-v{SCHEMA_VERSION}"
               for b in backups.list_backups(filled_project))


# -- damaged files ----------------------------------------------------------------------------

def _zero_header(path: Path) -> None:
    with path.open("r+b") as stream:
        stream.write(b"\0" * 100)


def _truncate_half(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def _truncate_odd(path: Path) -> None:
    os.truncate(path, 1000)


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _text(path: Path) -> None:
    path.write_text("این یک فایل متنی است، نه پروژه.\n", encoding="utf-8")


def _flip(seed: int):  # type: ignore[no-untyped-def]
    def damage(path: Path) -> None:
        data = bytearray(path.read_bytes())
        rng = random.Random(seed)
        for _ in range(40):
            data[rng.randrange(100, len(data))] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(data))
    return damage


def _wreck_table(path: Path) -> None:
    """Destroy the documents table's root page: found by integrity_check, not by the header."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'documents'").fetchone()
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with path.open("r+b") as stream:
        stream.seek((root[0] - 1) * page_size)
        stream.write(b"\xff" * 64)


DAMAGE = {
    "header zeroed": _zero_header,
    "truncated to half": _truncate_half,
    "truncated to 1000 bytes": _truncate_odd,
    "empty": _empty,
    "a text file": _text,
    "table page destroyed": _wreck_table,
    **{f"40 bits flipped (seed {seed})": _flip(seed) for seed in range(6)},
}
SURELY_FOUND = {"header zeroed", "truncated to half", "truncated to 1000 bytes", "empty",
                "a text file", "table page destroyed"}


def _with_a_backup(path: Path) -> None:
    Project.open(path, analyst="tester").close()  # opening a changed project backs it up
    assert len(backups.list_backups(path)) == 1


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_project_gives_one_clear_sentence_never_a_traceback(
        filled_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        damage: str) -> None:
    _with_a_backup(filled_project)
    DAMAGE[damage](filled_project)
    messages = []
    for args in (["import", filled_project, SAMPLE], ["stats", filled_project],
                 ["check", filled_project],
                 ["export", filled_project, "--format", "spans-csv", "-o", tmp_path / "o.csv"]):
        code, _, err = cli(capsys, *args)
        assert code in (0, 1)
        assert "Traceback" not in err
        if code == 1 and args[0] != "check":
            assert err.count("\n") == 1, err
            assert err.startswith(f"annotator: {filled_project}: "), err
            messages.append(err)
    if damage in SURELY_FOUND:
        assert any("is damaged" in m for m in messages) or damage == "a text file", messages
        assert all("1 backup(s) of it are in" in m and "annotator restore" in m
                   for m in messages if "is damaged" in m)
        with pytest.raises(DamagedProjectError) as caught:
            Project.open(filled_project, analyst="tester")
        assert caught.value.backups == 1
    if not (tmp_path / "o.csv").exists():
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    # Whatever the damage, the backup brings the project back.
    code, out, _ = cli(capsys, "restore", filled_project, "1")
    assert code == 0 and "Restored" in out
    with Project.open(filled_project, analyst="tester") as project:
        assert check_project(project) == []
        assert len(project.document_summaries()) == 2


def test_damage_without_backups_says_so(filled_project: Path) -> None:
    _zero_header(filled_project)
    with pytest.raises(ProjectError, match="there is no backup of it"):
        Project.open(filled_project, analyst="tester")
    _empty(filled_project)
    with pytest.raises(DamagedProjectError, match=r"is damaged \(the file is empty\); there is no"):
        Project.open(filled_project, analyst="tester")


# -- backups and restore ----------------------------------------------------------------------

def test_backups_are_made_on_open_only_when_changed_and_then_on_a_timer(
        filled_project: Path) -> None:
    with Project.open(filled_project, analyst="tester") as project:
        assert [b.reason for b in backups.list_backups(filled_project)] == ["open"]
        project.backup_interval = 0
        assert project.maybe_backup() is None  # nothing changed since the backup
        project.add_speaker("تازه")
        made = project.maybe_backup()
        assert made is not None and made.name.endswith(".timed.annot")
        assert backups.verify(made) == ""
        project.backup_interval = 3600
        project.add_speaker("دیگر")
        assert project.maybe_backup() is None  # not due yet
    Project.open(filled_project, analyst="tester").close()  # changed since the timed one: a backup
    Project.open(filled_project, analyst="tester").close()  # unchanged: none
    listed = backups.list_backups(filled_project)
    assert [b.reason for b in listed] == ["open", "timed", "open"]
    assert [b.spans for b in listed] == [2, 2, 2] and listed[0].documents == 2
    assert not [p for p in backups.backup_folder(filled_project).iterdir()
                if p.name.startswith(".")]


def test_automatic_backups_are_rotated_and_others_kept(filled_project: Path) -> None:
    with Project.open(filled_project, analyst="tester") as project:
        project.backup_interval = 0
        for number in range(backups.KEEP_AUTOMATIC + 3):
            project.add_speaker(f"گوینده {number}")
            assert project.maybe_backup() is not None
    listed = backups.list_backups(filled_project)
    assert len(listed) == backups.KEEP_AUTOMATIC
    assert listed[0].fingerprint != listed[-1].fingerprint
    speakers = [s.name for s in Project.open(listed[0].path, analyst="tester",
                                             read_only=True).speakers()]
    assert f"گوینده {backups.KEEP_AUTOMATIC + 2}" in speakers


def test_restore_lists_newest_first_and_restores_atomically(
        filled_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _with_a_backup(filled_project)
    with Project.open(filled_project, analyst="tester") as project:
        project.add_speaker("بعد از پشتیبان")
    code, out, _ = cli(capsys, "restore", filled_project)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(f"Backups of {filled_project}, newest first")
    assert "2 document(s), 2 span(s)" in lines[1] and " open " in lines[1]
    code, out, _ = cli(capsys, "restore", filled_project, "1")
    assert code == 0 and "the replaced file was kept as" in out
    with Project.open(filled_project, analyst="tester", read_only=True) as project:
        assert "بعد از پشتیبان" not in [s.name for s in project.speakers()]
    kept = [b for b in backups.list_backups(filled_project) if b.reason == "before-restore"]
    assert len(kept) == 1
    with Project.open(kept[0].path, analyst="tester", read_only=True) as old:
        assert "بعد از پشتیبان" in [s.name for s in old.speakers()]
    assert sorted(p.name for p in filled_project.parent.iterdir()) == [
        "filled.annot", "filled.annot.backups"]


def test_restore_works_on_a_missing_project_and_refuses_a_bad_backup(
        filled_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _with_a_backup(filled_project)
    [backup] = backups.list_backups(filled_project)
    filled_project.unlink()
    code, out, _ = cli(capsys, "restore", filled_project, backup.path.name)
    assert code == 0 and "kept" not in out
    assert Project.open(filled_project, analyst="tester", read_only=True).document_summaries()
    _zero_header(backup.path)
    before = digest(filled_project)
    code, _, err = cli(capsys, "restore", filled_project, str(backup.path))
    assert code == 1 and "cannot be restored: it is not an SQLite database" in err
    code, _, err = cli(capsys, "restore", filled_project, "7")
    assert code == 1 and "is not a backup of" in err
    assert digest(filled_project) == before


def test_a_damaged_copy_is_never_counted_as_a_backup(filled_project: Path) -> None:
    _wreck_table(filled_project)
    with pytest.raises(DamagedProjectError, match="there is no backup of it"):
        Project.open(filled_project, analyst="tester")
    folder = backups.backup_folder(filled_project)
    assert not folder.exists() or list(folder.iterdir()) == []
