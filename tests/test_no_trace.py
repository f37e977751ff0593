"""Write nothing of its own: a CLI scan with a fresh HOME, XDG folders and TMPDIR leaves them
all empty (only a file the person asked for is written, where they asked)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "engine" / "context" / "linux-physical.json"


@pytest.fixture
def clean_env(tmp_path: Path) -> tuple[dict[str, str], list[Path]]:
    dirs = {name: tmp_path / name.lower() for name in (
        "HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME",
        "XDG_RUNTIME_DIR", "TMPDIR")}
    for d in dirs.values():
        d.mkdir(mode=0o700)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("XDG_") and k not in ("HOME", "TMPDIR", "TMP", "TEMP")}
    env.update({k: str(v) for k, v in dirs.items()})
    env["PYTHONPATH"] = str(ROOT)
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # Python's own caches are not Checkup's doing
    return env, list(dirs.values())


def _files(dirs: list[Path]) -> list[str]:
    return sorted(str(p) for d in dirs for p in d.rglob("*"))


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "checks.cli", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=180, check=False)


ONE = ("--only", "disk-encryption")


# The whole catalogue's live scan in a fresh environment is tests/test_writes_nothing.py's
# "scan" case (the same folders, checked the same way); here one check is enough.
@pytest.mark.parametrize("args", [
    ("scan", "--json", *ONE),
    ("scan", "--replay", str(FIXTURE)),
    ("scan", "--lang", "es", *ONE),
    ("list",),
], ids=["scan-json", "replay", "spanish", "list"])
def test_a_scan_writes_no_file(clean_env: tuple[dict[str, str], list[Path]],
                               args: tuple[str, ...]) -> None:
    env, dirs = clean_env
    proc = _cli(env, *args)
    assert proc.returncode in (0, 1), proc.stderr
    assert _files(dirs) == []


def test_only_the_asked_for_report_is_written(clean_env: tuple[dict[str, str], list[Path]],
                                              tmp_path: Path) -> None:
    env, dirs = clean_env
    target = tmp_path / "asked" / "report.html"
    target.parent.mkdir()
    proc = _cli(env, "scan", "--html", str(target), *ONE)
    assert proc.returncode in (0, 1), proc.stderr
    assert target.is_file()
    assert _files(dirs) == []
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.html"]
