"""Issue 16, items 1, 13, 19 and 27: export and share never write over a project, a backup or
a special file, say which file a full disk stopped, and leave nothing behind."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from attack_support import run

from annotator.formats.exporting import ExportOptions, export_project
from annotator.storage.project import Project


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(capsys: pytest.CaptureFixture[str], target: Path, *args: str) -> str:
    status, out, err = run(capsys, *args)
    assert status == 1, (out, err)
    assert err.startswith(f"annotator: {target}: "), err
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


@pytest.fixture
def backed_up(filled_project: Path) -> Path:
    """The filled project with one backup (made by opening it for writing after an edit)."""
    with Project.open(filled_project, analyst="tester") as project:
        project.set_status(next(project.documents()).id, "in progress")
    with Project.open(filled_project, analyst="other"):
        pass
    assert list(filled_project.with_name(f"{filled_project.name}.backups").glob("*.annot"))
    return filled_project


def test_export_refuses_the_project_itself_another_project_and_a_backup(
        backed_up: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other.annot"
    with Project.create(other, analyst="tester"):
        pass
    renamed = tmp_path / "looks-like-data.jsonl"  # a project under another name
    shutil.copyfile(other, renamed)
    backup = next(backed_up.with_name(f"{backed_up.name}.backups").glob("*.annot"))
    in_backups = backup.with_name("new-export.jsonl")
    for target in (backed_up, other, backup, renamed, in_backups,
                   Path(f"{backed_up}-wal")):
        before = {p: _digest(p) for p in (backed_up, other, backup, renamed)}
        _refused(capsys, target, "export", str(backed_up), "--format", "jsonl", "-o",
                 str(target))
        assert before == {p: _digest(p) for p in before}
        assert not in_backups.exists()
    status, _, err = run(capsys, "restore", str(backed_up))
    assert status == 0 and "there are no backups" not in err


def test_share_refuses_a_backup_and_the_backup_folder(
        backed_up: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = backed_up.with_name(f"{backed_up.name}.backups")
    backup = next(folder.glob("*.annot"))
    before = _digest(backup)
    _refused(capsys, backup, "share", str(backed_up), str(backup))
    _refused(capsys, folder / "copy.annot", "share", str(backed_up), str(folder / "copy.annot"))
    assert _digest(backup) == before and not (folder / "copy.annot").exists()


def _specials(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    found = {"fifo": fifo}
    device = tmp_path / "null-device"
    with contextlib.suppress(PermissionError):  # not root: the FIFO and the link stand in
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # like /dev/null
        found["device"] = device
    link = tmp_path / "link-to-pipe.csv"
    link.symlink_to(fifo)
    found["link"] = link
    return found


def _kind(path: Path) -> int:
    return stat.S_IFMT(path.stat().st_mode)


@pytest.mark.parametrize("command", ["export", "share"])
def test_export_and_share_never_replace_a_device_or_a_pipe(
        filled_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        command: str) -> None:
    for name, special in _specials(tmp_path).items():
        kind = _kind(special)
        args = (["export", str(filled_project), "--format", "spans-csv", "-o", str(special)]
                if command == "export" else ["share", str(filled_project), str(special)])
        err = _refused(capsys, special, *args)
        assert "not a regular file" in err, (name, err)
        assert _kind(special) == kind and (special.is_symlink() or name != "link")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_special_file_made_while_the_export_runs_is_not_replaced(
        filled_project: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"

    def progress(done: int, total: int) -> None:
        if done == 1 and not target.exists():
            os.mkfifo(target)

    with Project.open(filled_project, analyst="tester", read_only=True) as project, \
            pytest.raises(Exception, match="not a regular file"):
        export_project(project, target, ExportOptions("jsonl"), progress=progress)
    assert stat.S_ISFIFO(target.stat().st_mode)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_dash_writes_the_export_to_standard_output(
        filled_project: Path, capfd: pytest.CaptureFixture[str]) -> None:
    from annotator.cli import main

    capfd.readouterr()
    assert main(["--analyst", "t", "export", str(filled_project), "--format", "spans-csv",
                 "-o", "-"]) == 0
    out, err = capfd.readouterr()
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[0][:3] == ["doc_id", "span_id", "label"] and len(rows) == 3
    assert "standard output" in err


def test_disk_full_during_share_names_the_copy_and_leaves_no_journal(
        filled_project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "copy.annot"
    limit = filled_project.stat().st_size // 2
    code = ("import resource, sys\n"
            f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, resource.RLIM_INFINITY))\n"
            "from annotator.cli import main\n"
            f"sys.exit(main(['share', {str(filled_project)!r}, {str(out)!r}]))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, check=False, env={"ANNOTATOR_ANALYST": "tester",
                                                           "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith(f"annotator: {out}: cannot be written: the disk is full")
    assert result.stderr.count("\n") == 1
    assert list(folder.iterdir()) == []


def test_a_killed_share_leaves_a_named_temporary_that_the_next_share_removes(
        filled_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    pid = int(dead.stdout)
    stale = tmp_path / f".copy.annot.{pid}.sharing"
    stale.write_bytes(b"half a copy")
    Path(f"{stale}-journal").write_bytes(b"")
    status, _, err = run(capsys, "share", str(filled_project), str(tmp_path / "copy.annot"))
    assert status == 0, err
    assert not stale.exists() and not Path(f"{stale}-journal").exists()
