"""The bad-input corpus (tests/data/bad/, plus huge files made here): each bad file gives one
sentence naming the file (and line), exit status 1 and an unchanged project; the files that
are in fact good (UTF-16 without a mark, Windows-1256) import as the right text."""

from __future__ import annotations

import hashlib
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_support import table_digest

from annotator.cli import main
from annotator.formats.limits import MAX_DOCUMENT_CHARS, MAX_INPUT_BYTES
from annotator.storage.project import Project
from annotator.text import canonicalize

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
PERSIAN = ("سلام دنیا، این یک متن آزمایشی است که با رمزگذاری ویندوز ذخیره شده است.\n"
           "خط دوم گفتگو: «پاسخ روشن بود» و ژاله گفت چرا نه؟\n")
UNKNOWN_ENCODING = "cannot tell the text encoding: it is not UTF-8, and not recognisably"

# file name -> (the message after "PATH:LINE: " or "PATH: ", the line or None)
REFUSED = {
    "binary.txt": (UNKNOWN_ENCODING, None),
    "image.csv": (UNKNOWN_ENCODING, None),
    "empty.txt": ("the file is empty", None),
    "whitespace.txt": ("the file is empty", None),
    "nul.txt": ("contains NUL bytes; it looks like a binary file", 3),
    "lone-surrogate.jsonl": ("holds a lone surrogate", 2),
    "broken-line.jsonl": ("is not valid JSON", 3),
    "not-an-object.jsonl": ("is not a JSON object", 1),
    "offsets-outside.jsonl": ("has a span [3, 9) outside its text of 6 characters", 1),
    "text-mismatch.jsonl": ("has a span [5, 11) whose text 'دنیا 😀!' is not the text there", 1),
    "unclosed-quote.csv": ("has a quote opened on this line that is never closed", 2),
}
# Good files that look suspicious: they must import, as exactly this text.
ACCEPTED = {
    "utf16-no-bom.txt": ("utf-16-le", PERSIAN),
    # Windows-1256 has no Persian ی or ک: such files use Arabic ي and ك, folded on import.
    "cp1256.txt": ("cp1256", PERSIAN.replace("ی", "ي").replace("ک", "ك")),
}


def test_the_corpus_is_complete() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted([*REFUSED, *ACCEPTED])


@pytest.fixture
def project(filled_project: Path) -> Path:
    return filled_project


def _refused(project: Path, bad: Path, capsys: pytest.CaptureFixture[str], message: str,
             line: int | None) -> None:
    before_bytes = hashlib.sha256(project.read_bytes()).hexdigest()
    before_tables = table_digest(project)
    capsys.readouterr()
    assert main(["--analyst", "tester", "import", str(project), str(bad)]) == 1
    err = capsys.readouterr().err
    where = f"{bad}:{line}" if line else f"{bad}"
    assert err.startswith(f"annotator: {where}: {message}"), err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert table_digest(project) == before_tables
    assert hashlib.sha256(project.read_bytes()).hexdigest() == before_bytes


@pytest.mark.parametrize("name", list(REFUSED))
def test_a_bad_file_is_refused_in_one_sentence_and_changes_nothing(
        project: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    _refused(project, BAD / name, capsys, *REFUSED[name])


@pytest.mark.parametrize("name", list(ACCEPTED))
def test_a_good_file_in_a_rare_encoding_imports_as_the_right_text(
        project: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    encoding, raw = ACCEPTED[name]
    assert main(["--analyst", "tester", "import", str(project), str(BAD / name)]) == 0
    with Project.open(project, analyst="tester", read_only=True) as opened:
        [document] = [d for d in opened.documents() if d.source == name]
    assert document.encoding == encoding
    assert document.raw_text == raw
    assert document.canonical_text == canonicalize(raw, "letters").text
    assert "ي" not in document.canonical_text and "ی" in document.canonical_text


def test_a_csv_cell_of_ten_megabytes_is_refused_naming_its_line(
        project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "huge-field.csv"
    with path.open("w", encoding="utf-8") as stream:
        stream.write("title,text\nکوتاه,سلام دنیا\nبلند,\"")
        chunk = "سخن " * 1024  # 7 KiB of UTF-8
        repeats = 10 * 2**20 // len(chunk.encode()) + 1
        for _ in range(repeats):
            stream.write(chunk)
        stream.write("\"\n")
    assert path.stat().st_size >= 10 * 2**20
    _refused(project, path, capsys,
             f"holds a text of {repeats * len(chunk):,} characters, over the "
             f"{MAX_DOCUMENT_CHARS:,} one document may have", 3)


@pytest.mark.parametrize("suffix", [".txt", ".csv", ".jsonl"])
def test_a_200_megabyte_file_is_refused_before_it_is_read(
        project: Path, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"huge{suffix}"
    with path.open("wb") as stream:
        stream.write("title,text\nیک,سلام\n".encode())
        stream.truncate(200 * 2**20)  # sparse: costs no disk and no time
    before = table_digest(project)
    code = ("import resource, sys\nfrom annotator.cli import main\n"
            f"status = main(['--analyst', 'tester', 'import', {str(project)!r}, {str(path)!r}])\n"
            # VmHWM is this process's own peak; ru_maxrss would include pytest's at the fork.
            "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
            "print(hwm.split()[1])\nsys.exit(status)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 1
    assert result.stderr == (f"annotator: {path}: is 200 MiB, over the "
                             f"{MAX_INPUT_BYTES // 2**20} MiB an import may read at once; split "
                             "it into smaller files\n")
    peak_kib = int(result.stdout.split()[-1])
    # The command alone peaks near 170 MiB; reading the file would add over 200 MiB.
    assert peak_kib < 300 * 1024, "the file was read into memory"
    assert table_digest(project) == before
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 2**30
