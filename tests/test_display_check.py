"""Before Qt: a clear line instead of Qt's uncatchable abort when there is no display or the X11
plugin's system libraries are missing (desktop/display_check.py)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checks.engine.i18n import translator
from desktop.display_check import EXIT_NO_WINDOW, elf_needed, qt_dirs, window_blocker

ROOT = Path(__file__).resolve().parent.parent
QT = qt_dirs()
needs_qt = pytest.mark.skipif(QT is None or not (QT[0] / "platforms" / "libqxcb.so").is_file(),
                              reason="PySide6's Linux plugins are not installed here")


def _loads(*absent: str):
    def load(name: str) -> object:
        if any(a in name for a in absent):
            raise OSError(f"{name}: cannot open shared object file")
        return object()
    return load


def _en(env: dict[str, str], **kw: object) -> str | None:
    m = window_blocker(env, system="linux", **kw)  # type: ignore[arg-type]
    return None if m is None else translator("en").render(m)


def test_no_display_at_all_is_said_in_one_line() -> None:
    text = _en({})
    assert text is not None and "\n" not in text
    assert "DISPLAY" in text and "checkup scan" in text


@pytest.mark.parametrize("platform", ["offscreen", "minimal", "eglfs", "vnc:size=800x600"])
def test_platforms_that_need_no_display_are_left_to_qt(platform: str) -> None:
    assert _en({"QT_QPA_PLATFORM": platform}, load=_loads("")) is None


@needs_qt
def test_a_wayland_session_is_not_refused_for_missing_x11_libraries() -> None:
    everything_missing = _loads("lib")
    assert _en({"WAYLAND_DISPLAY": "wayland-0"}, load=everything_missing) is None
    assert _en({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, load=everything_missing) is None
    assert _en({"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "wayland;xcb"},
               load=everything_missing) is None


@needs_qt
def test_missing_xcb_libraries_are_named_with_their_debian_packages() -> None:
    text = _en({"DISPLAY": ":0"}, load=_loads("xcb-icccm", "xcb-keysyms"))
    assert text is not None and "\n" not in text
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in text
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in text
    assert "checkup scan" in text


@needs_qt
def test_a_library_without_a_known_package_is_still_named() -> None:
    text = _en({"DISPLAY": ":0"}, load=_loads("libxcb-icccm", "libstdc++"))
    assert text is not None and "libstdc++.so.6" in text and "apt-get" not in text


@needs_qt
def test_x11_with_every_library_present_goes_ahead() -> None:
    assert _en({"DISPLAY": ":0"}, load=_loads()) is None
    assert _en({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, load=_loads()) is None


def test_asking_for_xcb_without_an_x_display_is_no_display() -> None:
    text = _en({"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"})
    assert text is not None and "graphical desktop" in text


@pytest.mark.parametrize("system", ["darwin", "win32"])
def test_macos_and_windows_always_go_ahead(system: str) -> None:
    assert window_blocker({}, system=system) is None


def test_the_line_is_translated() -> None:
    m = window_blocker({}, system="linux")
    assert m is not None
    en = translator("en").render(m)
    for lang in ("es", "ar"):
        assert translator(lang).render(m) != en


@needs_qt
@pytest.mark.skipif(shutil.which("readelf") is None, reason="binutils' readelf not installed")
def test_elf_reader_agrees_with_readelf() -> None:
    assert QT is not None
    plugin = QT[0] / "platforms" / "libqxcb.so"
    out = subprocess.run(["readelf", "-d", str(plugin)], capture_output=True, text=True,
                         check=True).stdout
    expected = [line.split("[", 1)[1].split("]", 1)[0] for line in out.splitlines()
                if "(NEEDED)" in line]
    assert elf_needed(plugin) == expected and "libxcb-icccm.so.4" in expected


def test_elf_reader_refuses_what_is_not_elf(tmp_path: Path) -> None:
    (tmp_path / "x.so").write_bytes(b"\x7fELF" + b"\0" * 10)
    (tmp_path / "y.so").write_text("not a library")
    assert elf_needed(tmp_path / "x.so") is None
    assert elf_needed(tmp_path / "y.so") is None
    assert elf_needed(tmp_path / "absent.so") is None


def test_checkup_without_a_display_prints_one_line_and_exits_with_its_own_status(
        tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    proc = subprocess.run([sys.executable, "-m", "checks.cli", "--lang", "es"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == EXIT_NO_WINDOW != 2  # 2 is bad usage
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "escritorio gráfico" in lines[0] and "checkup scan" in lines[0]
    assert list(tmp_path.iterdir()) == []  # nothing written before refusing
