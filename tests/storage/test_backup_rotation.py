"""Rotation of the automatic backups at real sizes, with sparse files: 1 GiB each costs no disk,
so the budget (``KEEP_SIZE_FACTOR`` times the project, at least ``KEEP_SIZE_FLOOR``) is tested
as shipped, not scaled down."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from annotator.storage import backups
from annotator.storage.safety import BACKUP_STAMP, backup_folder

GIB = 1024 ** 3


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def _backups(project: Path, reasons: list[str], size: int) -> list[Path]:
    """Backups named oldest first, an hour apart, ending an hour ago."""
    folder = backup_folder(project)
    folder.mkdir()
    start = datetime.now(UTC) - timedelta(hours=len(reasons))
    return [_sparse(folder / f"{(start + timedelta(hours=n)).strftime(BACKUP_STAMP)}.{r}.annot",
                    size) for n, r in enumerate(reasons)]


def test_automatic_backups_of_a_1_gib_project_keep_three_times_its_size(tmp_path: Path) -> None:
    project = _sparse(tmp_path / "big.annot", GIB)
    made = _backups(project, ["open", "timed", "before-restore", "open", "timed", "timed"], GIB)
    backups._rotate(project)
    kept = sorted(p for p in backup_folder(project).iterdir())
    # The newest three automatic ones fill 3 GiB; the older two go; before-restore stays.
    assert kept == [made[2], made[3], made[4], made[5]]
    assert backups.KEEP_SIZE_FACTOR * GIB > backups.KEEP_SIZE_FLOOR


def test_a_small_projects_backups_get_the_floor(tmp_path: Path) -> None:
    project = _sparse(tmp_path / "small.annot", 1024 * 1024)
    made = _backups(project, ["timed"] * 6, backups.KEEP_SIZE_FLOOR // 4)
    backups._rotate(project)
    assert sorted(backup_folder(project).iterdir()) == made[-4:]  # four quarters of the floor


def test_the_newest_1_gib_backup_is_kept_even_over_the_floor(tmp_path: Path) -> None:
    project = _sparse(tmp_path / "small.annot", 1024 * 1024)
    made = _backups(project, ["open", "open"], GIB)
    backups._rotate(project)
    assert list(backup_folder(project).iterdir()) == [made[-1]]


def test_small_backups_are_kept_up_to_the_count(tmp_path: Path) -> None:
    project = _sparse(tmp_path / "big.annot", GIB)
    made = _backups(project, ["timed"] * (backups.KEEP_AUTOMATIC + 3), 4096)
    backups._rotate(project)
    assert sorted(backup_folder(project).iterdir()) == made[3:]
