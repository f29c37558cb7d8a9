"""The check before the window opens: no display, or missing xcb libraries, named in one go."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator import display


@pytest.fixture(autouse=True)
def cache_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Each test keeps ldd's answers in its own cache, never the user's."""
    home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


@pytest.fixture
def ldd_calls(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Stands in for ldd (which answers libxcb-cursor.so.0 missing), recording each question."""
    calls: list[Path] = []

    def ask(plugin: Path) -> list[str]:
        calls.append(plugin)
        return ["libxcb-cursor.so.0"]
    monkeypatch.setattr(display, "_ask_ldd", ask)
    return calls


@pytest.mark.parametrize(("soname", "package"), [
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
])
def test_debian_package_names_follow_the_soname(soname: str, package: str) -> None:
    assert display.debian_package(soname) == package


def test_no_display_is_one_sentence_and_offscreen_needs_none() -> None:
    problem = display.display_problem({})
    assert problem is not None and "DISPLAY is not set" in problem
    assert display.display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None
    assert display.display_problem({"WAYLAND_DISPLAY": "wayland-0"}) is None


def test_every_missing_library_is_named_with_its_install_line(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(display, "xcb_plugin", lambda: tmp_path / "libqxcb.so")
    monkeypatch.setattr(display, "missing_libraries",
                        lambda _plugin, _environ: ["libxcb-cursor.so.0", "libxcb-keysyms.so.1"])
    problem = display.display_problem({"DISPLAY": ":0"})
    assert problem is not None
    assert "libxcb-cursor.so.0, libxcb-keysyms.so.1" in problem
    assert problem.endswith("sudo apt-get install libxcb-cursor0 libxcb-keysyms1")


def test_the_installed_plugin_is_found_and_its_libraries_resolve() -> None:
    plugin = display.xcb_plugin()
    assert plugin is not None and plugin.name == "libqxcb.so"
    assert isinstance(display.missing_libraries(plugin), list)


def test_a_second_start_answers_from_the_cache_without_ldd(
        tmp_path: Path, cache_home: Path, ldd_calls: list[Path]) -> None:
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"plugin")
    environ = {"XDG_CACHE_HOME": str(cache_home)}
    assert display.missing_libraries(plugin, environ) == ["libxcb-cursor.so.0"]
    assert display.missing_libraries(plugin, environ) == ["libxcb-cursor.so.0"]
    assert ldd_calls == [plugin]
    assert display.cache_file(environ).is_file()


def test_a_changed_plugin_or_library_path_asks_ldd_again(
        tmp_path: Path, cache_home: Path, ldd_calls: list[Path]) -> None:
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"plugin")
    environ = {"XDG_CACHE_HOME": str(cache_home)}
    display.missing_libraries(plugin, environ)
    plugin.write_bytes(b"a rebuilt plugin")
    display.missing_libraries(plugin, environ)
    display.missing_libraries(plugin, {**environ, "LD_LIBRARY_PATH": str(tmp_path)})
    display.missing_libraries(plugin, {**environ, "LD_LIBRARY_PATH": str(tmp_path)})
    assert len(ldd_calls) == 3


@pytest.mark.parametrize("stored", ["not json", '{"key": 1}', '{"key": [], "missing": [1]}', "[]"])
def test_an_unusable_cache_asks_ldd_and_is_rewritten(
        tmp_path: Path, cache_home: Path, ldd_calls: list[Path], stored: str) -> None:
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"plugin")
    environ = {"XDG_CACHE_HOME": str(cache_home)}
    cache = display.cache_file(environ)
    cache.parent.mkdir(parents=True)
    cache.write_text(stored, encoding="utf-8")
    assert display.missing_libraries(plugin, environ) == ["libxcb-cursor.so.0"]
    assert display.missing_libraries(plugin, environ) == ["libxcb-cursor.so.0"]
    assert len(ldd_calls) == 1
