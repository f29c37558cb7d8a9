"""The check before the window opens: no display, or missing xcb libraries, named in one go."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator import display


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
                        lambda _plugin: ["libxcb-cursor.so.0", "libxcb-keysyms.so.1"])
    problem = display.display_problem({"DISPLAY": ":0"})
    assert problem is not None
    assert "libxcb-cursor.so.0, libxcb-keysyms.so.1" in problem
    assert problem.endswith("sudo apt-get install libxcb-cursor0 libxcb-keysyms1")


def test_the_installed_plugin_is_found_and_its_libraries_resolve() -> None:
    plugin = display.xcb_plugin()
    assert plugin is not None and plugin.name == "libqxcb.so"
    assert isinstance(display.missing_libraries(plugin), list)
