"""Issue 16, items 3, 4, 7, 10, 29 and the merge's backup warning: what a merge or a restore
takes from a file it is given, and what a refused operation leaves behind."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from attack_support import run
from reliability_support import table_digest

from annotator.domain.model import Document
from annotator.storage import backups
from annotator.storage.checks import check_project
from annotator.storage.merging import merge_files
from annotator.storage.project import Project
from annotator.storage.rules import MAX_DOCUMENT_CHARS, MAX_REVISION
from annotator.storage.sharing import share_project

# Our own sentence, with ZWNJ, an emoji, CRLF and the Arabic forms of ی and ک.
TEXT = "گفت‌وگو با كارشناس 😀 دربارهٔ آينده.\r\nپاسخ او روشن بود."


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _project(path: Path, analyst: str, text: str = TEXT, title: str = "ours") -> str:
    with Project.create(path, analyst=analyst) as project:
        doc = project.add_document(Document("", title, f"{title}.txt", text, text,
                                            ((len(text), len(text)),), metadata={"from": title}))
        project.add_span(doc.id, 0, 7, "Claim")
    return doc.id


def _tamper(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()


def test_a_copy_claiming_an_earlier_creation_never_replaces_our_document(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours.annot", tmp_path / "theirs.annot"
    our_id = _project(ours, "lead")
    their_id = _project(theirs, "intruder", title="forged")
    assert our_id != their_id
    _tamper(theirs, "UPDATE documents SET created = '1970-01-01T00:00:00Z', "
                    "metadata = '{\"from\": \"forged\"}'")
    result = merge_files(ours, [theirs], analyst="lead")
    assert result.documents.updated == 0 and result.documents.unchanged == 1
    assert any(their_id in note and our_id in note for note in result.notes)
    with Project.open(ours, analyst="lead", read_only=True) as project:
        [doc] = project.documents()
        assert (doc.id, doc.title, doc.metadata) == (our_id, "ours", {"from": "ours"})
        assert doc.canonical_text == TEXT
        assert {s.author for s in project.spans(our_id)} == {"lead", "intruder"}
        assert check_project(project) == []


def test_restore_refuses_a_backup_that_merge_would_refuse(
        filled_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    forged = tmp_path / "forged.annot"
    shutil.copyfile(filled_project, forged)
    _tamper(forged, "CREATE TRIGGER wipe AFTER INSERT ON spans BEGIN DELETE FROM spans; END")
    before, tables = _digest(filled_project), table_digest(filled_project)
    status, _, err = run(capsys, "restore", str(filled_project), str(forged))
    assert status == 1
    assert err == (f"annotator: {forged}: contains a trigger named 'wipe'; Annotator projects "
                   "have none, so the file is refused and nothing was restored\n")
    assert _digest(filled_project) == before and table_digest(filled_project) == tables


@pytest.mark.parametrize("revision", [2 ** 63 - 1, MAX_REVISION + 1])
def test_a_revision_near_overflow_is_refused_by_merge_and_named_by_check(
        tmp_path: Path, revision: int, capsys: pytest.CaptureFixture[str]) -> None:
    ours, theirs = tmp_path / "ours.annot", tmp_path / "theirs.annot"
    _project(ours, "lead")
    with Project.open(ours, analyst="lead") as project:
        share_project(project, theirs)
    _tamper(theirs, f"UPDATE spans SET revision = {revision}")
    result = merge_files(ours, [theirs], analyst="lead")
    assert result.spans.refused == 1
    assert [r.reason for r in result.refusals] == [
        f"its revision {revision} is outside 1..{MAX_REVISION}"]
    # A file that already holds one (made by an older program) is named by check.
    _tamper(ours, f"UPDATE spans SET revision = {revision}")
    status, out, err = run(capsys, "check", str(ours))
    assert status == 1
    assert f"revision {revision} is outside 1..{MAX_REVISION}" in out + err


def test_a_refused_import_by_a_new_analyst_leaves_the_file_as_it_was(
        filled_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shared = tmp_path / "shared.annot"
    with Project.open(filled_project, analyst="tester") as project:
        share_project(project, shared)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": 1}\n', encoding="utf-8")
    for path in (filled_project, shared):  # a WAL project and a shared (rollback) copy
        before = _digest(path)
        status, _, err = run(capsys, "--analyst", "newcomer", "import", str(path), str(bad))
        assert status == 1, err
        assert _digest(path) == before, path
    conn = sqlite3.connect(f"{shared.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert "newcomer" not in {r[0] for r in conn.execute("SELECT name FROM analysts")}
    finally:
        conn.close()
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    assert run(capsys, "--analyst", "newcomer", "import", str(shared), str(good))[0] == 0
    with Project.open(shared, analyst="tester", read_only=True) as project:
        assert "newcomer" in project.analysts()


def test_a_refused_merge_by_a_new_analyst_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours.annot", tmp_path / "theirs.annot"
    _project(ours, "lead")
    with Project.create(theirs, analyst="other", normalization="none"):
        pass
    before = _digest(ours)
    with pytest.raises(Exception, match="normalization"):
        merge_files(ours, [theirs], analyst="newcomer")
    assert _digest(ours) == before


def test_merge_applies_the_document_length_limit_of_import(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours.annot", tmp_path / "theirs.annot"
    _project(ours, "lead")
    long_text = "کلمه " * (MAX_DOCUMENT_CHARS // 5 + 1)
    _project(theirs, "other", text=long_text, title="huge")
    result = merge_files(ours, [theirs], analyst="lead")
    assert result.documents.refused == 1 and result.documents.added == 0
    assert "2,000,000 characters" in result.refusals[0].reason
    with Project.open(ours, analyst="lead", read_only=True) as project:
        assert [d.title for d in project.documents()] == ["ours"]


def test_merge_warns_on_one_line_when_the_automatic_backup_fails(
        filled_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "source.annot"
    with Project.open(filled_project, analyst="tester") as project:
        share_project(project, source)
        project.add_speaker("تغییر")  # changed since its last backup: one is due on opening

    def fail(*args: object, **kwargs: object) -> Path:
        raise backups.BackupFailed("the copy does not verify: simulated")

    monkeypatch.setattr(backups, "make_backup", fail)
    status, _, err = run(capsys, "merge", str(filled_project), str(source))
    assert status == 0
    assert err == (f"annotator: warning: {filled_project}: the backup in "
                   f"{filled_project}.backups failed: the copy does not verify: simulated\n")
