"""The window on a real X server (Xvfb, Qt's xcb platform), started as ``make run`` starts it.

Everything else runs offscreen, where no window manager, input focus or key map is involved;
this group starts the program in its own process with a fresh home folder, answers the first-run
dialog, and drives the editing paths with real key events (xdotool) in twenty rounds: every
attribute kind, Enter and Ctrl+T in a text attribute, undo and redo, and a language switch. The
process must stay alive throughout and every value must be in the project file afterwards. A
second test switches the display to the Persian layout alone while the program runs and presses
physical keys: label keys, ``]``, a digit and the Ctrl shortcuts must still work.

Needs ``Xvfb`` and ``xdotool`` (``packaging/install_display_deps.sh``); skipped without them,
except in CI (``CI`` set), where their absence fails the test.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ANNOTATOR = ROOT / ".venv" / "bin" / "annotator"
ROUNDS = 20
pytestmark = pytest.mark.xdisplay


def _tools_or_skip() -> None:
    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    if missing and os.environ.get("CI"):
        pytest.fail(f"{' and '.join(missing)} missing: run packaging/install_display_deps.sh")
    if missing:
        pytest.skip(f"{' and '.join(missing)} not installed (packaging/install_display_deps.sh)")


@pytest.fixture
def display() -> Iterator[str]:
    _tools_or_skip()
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24",
                               "-nolisten", "tcp"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        assert number, "Xvfb did not report its display"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


class Desktop:
    """The program's process on one display, and the keys a person would press."""

    def __init__(self, display: str, home: Path) -> None:
        self.display = display
        self.env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home),
                    "DISPLAY": display, "LANG": "en_US.UTF-8", "PYTHONFAULTHANDLER": "1",
                    "XDG_RUNTIME_DIR": str(home / "run"), "XDG_CONFIG_HOME": str(home / "config"),
                    "XDG_DATA_HOME": str(home / "data")}
        (home / "run").mkdir(mode=0o700)
        self.log = home / "run.log"
        self.process: subprocess.Popen[bytes] | None = None
        # A project of thirty sentences of our own, one per round and more, opened as
        # ``make run ARGS=PROJECT``; the first-run dialog still asks the name.
        self.project = home / "rounds.annot"
        text = home / "rounds.txt"
        text.write_text("\n".join(f"جمله‌ی شماره {n} را سخنگو گفت 😀 و رفت." for n in range(30)),
                        encoding="utf-8")
        for command in (["new", str(self.project)], ["import", str(self.project), str(text)]):
            subprocess.run([str(ANNOTATOR), "--analyst", "setup", *command], env=self.env,
                           check=True, capture_output=True)

    def start(self) -> None:
        """``make run``, as a user types it: the Makefile must not force a platform."""
        fresh = subprocess.run(["make", "-s", "-q", "-C", str(ROOT), "venv"], check=False)
        assert fresh.returncode == 0, "the venv is older than pyproject.toml: run make venv"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(["make", "-s", "-C", str(ROOT), "run",
                                             f"ARGS={self.project}"], env=self.env,
                                            stdout=log, stderr=subprocess.STDOUT)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def xdotool(self, *args: str) -> str:
        done = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True,
                              timeout=30, check=False)
        return done.stdout.strip()

    def window(self, title: str, timeout: float = 30.0) -> str:
        """The id of the visible window whose title contains ``title``, focused."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.alive(), f"the program ended: {self.log.read_text(errors='replace')}"
            found = self.xdotool("search", "--onlyvisible", "--name", title).split()
            if found:
                self.xdotool("windowfocus", "--sync", found[-1])
                time.sleep(0.3)
                return found[-1]
            time.sleep(0.2)
        raise AssertionError(f"no window titled {title!r}: {self.log.read_text(errors='replace')}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.xdotool("key", "--clearmodifiers", key)
            time.sleep(0.12)  # a quick typist; the program handles each key before the next
        assert self.alive(), (f"the program ended (status {self.process and self.process.poll()}) "
                              f"after {keys}: {self.log.read_text(errors='replace')}")

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "40", text)
        time.sleep(0.2)


def _round(desktop: Desktop, number: int) -> None:
    """One Stance on the next unmarked sentence, with each of its three attribute kinds."""
    desktop.keys("u", "a", "bracketright", "Return")           # Stance, target field
    desktop.type(f"target{number}")
    desktop.keys("Return" if number % 2 == 0 else "ctrl+t")    # commit, back to the text
    desktop.keys("bracketright", str(1 + number % 3))          # polarity, a choice
    desktop.keys("bracketright")                               # holder, a speaker
    if number == 0:
        desktop.keys("plus")
        desktop.window("New speaker")
        desktop.xdotool("key", "ctrl+a")
        desktop.type("Sara Tehrani")
        desktop.keys("Return")
        desktop.window(".annot —")
    else:
        desktop.keys("1")
    desktop.keys("ctrl+z", "ctrl+shift+z")                     # undo and redo the holder


def test_editing_by_key_on_a_real_display(display: str, tmp_path: Path) -> None:
    desktop = Desktop(display, tmp_path)
    desktop.start()
    try:
        desktop.window("Welcome to Annotator")                 # first run asks the name
        desktop.xdotool("key", "ctrl+a")
        desktop.type("analyst")
        desktop.keys("Return")
        desktop.window(".annot —")
        for number in range(ROUNDS):
            _round(desktop, number)
            if number % 5 == 4:                                # Persian, English, …
                desktop.keys("ctrl+shift+l")
                time.sleep(1.0)
                desktop.window(".annot —")
        desktop.xdotool("key", "--clearmodifiers", "ctrl+q")  # the program ends: no alive check
        assert desktop.process is not None
        assert desktop.process.wait(30) == 0, desktop.log.read_text(errors="replace")
    finally:
        if desktop.alive() and desktop.process is not None:
            desktop.process.kill()
    projects = [desktop.project]
    out = tmp_path / "out.jsonl"
    subprocess.run([str(ANNOTATOR), "export", str(projects[0]), "--format", "jsonl", "-o",
                    str(out)], env=desktop.env, check=True, capture_output=True)
    documents = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    (document,) = [d for d in documents if any(s["label"] == "Stance" for s in d["spans"])]
    stances = sorted((s for s in document["spans"] if s["label"] == "Stance"),
                     key=lambda s: s["start"])
    assert [s["attrs"].get("target") for s in stances] == [f"target{n}" for n in range(ROUNDS)]
    polarity = ("favor", "against", "neutral")
    assert [s["attrs"].get("polarity") for s in stances] == [
        polarity[n % 3] for n in range(ROUNDS)]
    assert {s["attrs"].get("holder") for s in stances} == {"Sara Tehrani"}
    for span in stances:
        assert document["text"][span["start"]:span["end"]] == span["text"]


KEYCODES = {"u": 30, "a": 38, "c": 54, "z": 52, "q": 24, "bracketright": 35, "2": 11}


class KeyPresser:
    """Presses physical keys by X keycode through XTEST (evdev codes, Xvfb's): unlike
    ``xdotool key`` with a key name, it never remaps a spare keycode, so what arrives is
    what that key types in the current layout."""

    SHIFT, CTRL = 50, 37

    def __init__(self, display: str) -> None:
        self.x11 = ctypes.CDLL("libX11.so.6")
        self.xtest = ctypes.CDLL("libXtst.so.6")
        self.x11.XOpenDisplay.restype = ctypes.c_void_p
        self.connection = ctypes.c_void_p(self.x11.XOpenDisplay(display.encode()))
        assert self.connection.value, f"cannot open display {display}"

    def __call__(self, *keys: str) -> None:
        for key in keys:  # "ctrl+shift+z": modifiers down, the key, all up
            *modifiers, name = key.split("+")
            codes = [self.CTRL if m == "ctrl" else self.SHIFT for m in modifiers]
            codes.append(KEYCODES[name])
            for down, order in ((True, codes), (False, codes[::-1])):
                for code in order:
                    self.xtest.XTestFakeKeyEvent(self.connection, code, down, 0)
                    self.x11.XFlush(self.connection)
                    time.sleep(0.03)
            time.sleep(0.3)

    def close(self) -> None:
        self.x11.XCloseDisplay(self.connection)


def test_keys_work_with_only_a_persian_keyboard_layout(display: str, tmp_path: Path) -> None:
    """With the xkb ``ir`` layout alone, the label keys, ``]``, the digit row (typing ۲) and the
    Ctrl shortcuts still do their work when pressed as physical keys."""
    if shutil.which("setxkbmap") is None:
        if os.environ.get("CI"):
            pytest.fail("setxkbmap missing: run packaging/install_display_deps.sh")
        pytest.skip("setxkbmap not installed (packaging/install_display_deps.sh)")
    desktop = Desktop(display, tmp_path)
    desktop.start()
    press = KeyPresser(display)
    try:
        desktop.window("Welcome to Annotator")
        desktop.xdotool("key", "ctrl+a")
        desktop.type("analyst")
        desktop.keys("Return")
        desktop.window(".annot —")
        subprocess.run(["setxkbmap", "-layout", "ir"], env=desktop.env, check=True)
        time.sleep(1.0)
        press("u", "a", "bracketright", "bracketright", "2")  # a Stance, polarity against
        press("ctrl+z", "ctrl+shift+z")                       # undone and done again
        press("u", "c")                                       # a Claim on the next sentence
        assert desktop.alive(), desktop.log.read_text(errors="replace")
        press("ctrl+q")
        assert desktop.process is not None
        assert desktop.process.wait(30) == 0, desktop.log.read_text(errors="replace")
    finally:
        press.close()
        if desktop.alive() and desktop.process is not None:
            desktop.process.kill()
    out = tmp_path / "out.jsonl"
    subprocess.run([str(ANNOTATOR), "export", str(desktop.project), "--format", "jsonl", "-o",
                    str(out)], env=desktop.env, check=True, capture_output=True)
    spans = [span for line in out.read_text(encoding="utf-8").splitlines()
             for span in json.loads(line)["spans"]]
    assert [(s["label"], s["attrs"].get("polarity")) for s in spans] == [
        ("Stance", "against"), ("Claim", None)]
