"""Audit: a full scan in the window and on the command line, each in a fresh process with a
temporary HOME, XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME, XDG_STATE_HOME,
XDG_RUNTIME_DIR and TMPDIR, writes nothing but the settings file (and in portable mode,
nothing outside the portable folder) — Qt's own files included.

The window run is a pytest-qt test (tests/writes_nothing_window_probe.py) started in that
environment, so Qt starts there from scratch. What Qt and the libraries below it could write
and why they do not here is in docs/what-the-os-records.md ("What Checkup itself prevents");
the one write we cannot prevent, fontconfig's font cache when the system's cache is out of
date, would appear under $XDG_CACHE_HOME/fontconfig and is the only path tolerated below.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.engine_support import fresh_env

ROOT = Path(__file__).resolve().parent.parent
PROBE = ROOT / "tests" / "writes_nothing_window_probe.py"
TOLERATED = ("fontconfig",)  # under XDG_CACHE_HOME only; see the module docstring


def _env(tmp: Path) -> tuple[dict[str, str], dict[str, Path]]:
    env, dirs = fresh_env(tmp)
    env["PYTHONPATH"] = str(ROOT)
    return env, dirs


def _written(dirs: dict[str, Path]) -> list[str]:
    out = []
    for name, d in dirs.items():
        for p in sorted(d.rglob("*")):
            rel = p.relative_to(d)
            if name == "XDG_CACHE_HOME" and rel.parts[0] in TOLERATED:
                continue
            out.append(f"${name}/{rel.as_posix()}")
    return out


LAUNCHER = """import sys
import pytest
sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", "--rootdir", {cwd!r}, "-c", {devnull!r},
                      {probe!r}]))
"""


def _window(env: dict[str, str], cwd: Path, program_dir: Path) -> None:
    """Run the probe through a small program in ``program_dir`` (where portable mode looks)."""
    launcher = program_dir / "checkup-probe.py"
    launcher.write_text(LAUNCHER.format(cwd=str(cwd), devnull=os.devnull, probe=str(PROBE)))
    proc = subprocess.run(
        [sys.executable, str(launcher)], env={**env, "CHECKUP_WRITES_NOTHING_PROBE": "1"},
        cwd=cwd, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "1 passed" in proc.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
def test_window_full_scan_writes_only_the_settings_file(tmp_path: Path) -> None:
    env, dirs = _env(tmp_path)
    work, program = tmp_path / "work", tmp_path / "program"
    work.mkdir()
    program.mkdir()
    _window(env, work, program)
    assert _written(dirs) == ["$XDG_CONFIG_HOME/Checkup",
                              "$XDG_CONFIG_HOME/Checkup/settings.json"]
    assert list(work.iterdir()) == []
    assert [p.name for p in program.iterdir()] == ["checkup-probe.py"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
def test_window_in_portable_mode_writes_nothing_outside_its_folder(tmp_path: Path) -> None:
    env, dirs = _env(tmp_path)
    work, stick = tmp_path / "work", tmp_path / "stick"
    work.mkdir()
    stick.mkdir()
    (stick / "portable").write_text("")
    _window(env, work, stick)
    assert _written(dirs) == []
    assert list(work.iterdir()) == []
    assert sorted(p.relative_to(stick).as_posix() for p in stick.rglob("*")) == [
        "Checkup-settings", "Checkup-settings/settings.json", "checkup-probe.py", "portable"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
# The whole catalogue runs once, in "scan"; the JSON report in Arabic needs one check only
# (a live scan of the whole catalogue takes seconds: apt is slow even offline), as in
# tests/test_no_trace.py.
@pytest.mark.parametrize("args", [
    ("scan",),
    ("scan", "--json", "--lang", "ar", "--only", "disk-encryption"),
    ("list",),
    ("forget", "--dry-run"),
], ids=["scan", "scan-json-ar", "list", "forget-dry-run"])
def test_command_line_writes_nothing(tmp_path: Path, args: tuple[str, ...]) -> None:
    env, dirs = _env(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "checks.cli", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode in (0, 1), proc.stderr
    assert _written(dirs) == []
