"""The lock files under requirements/ are those of pyproject.toml, agree with each other, and
pin with hashes what every system and Python needs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tools import lock

ROOT = Path(__file__).resolve().parent.parent


def test_the_committed_lock_files_are_those_of_pyproject() -> None:
    assert lock.check() == []


def test_every_pin_has_a_hash_and_qt_is_held_below_6_12_on_older_pythons() -> None:
    for name in ("all.txt", *lock.TARGETS):
        text = (lock.LOCKS / name).read_text(encoding="utf-8")
        entries = [e for e in text.split("\n") if "==" in e and not e.lstrip().startswith("#")]
        assert entries, name
        for raw in text.replace("\\\n", " ").splitlines():
            if "==" in raw and not raw.lstrip().startswith("#"):
                assert "--hash=sha256:" in raw, (name, raw)
    pins = lock.pins(lock.LOCKS / "test.txt")
    qt = {marker: version for (pkg, marker), version in pins.items()
          if pkg == "pyside6-essentials"}
    old = [v for m, v in qt.items() if "< '3.12'" in m]
    assert old and all(int(v.split(".")[1]) < 12 for v in old), qt


def test_run_installs_no_test_tools() -> None:
    names = {pkg for pkg, _ in lock.pins(lock.LOCKS / "run.txt")}
    assert "pyside6-essentials" in names and "babel" in names
    assert not names & {"pytest", "pytest-qt", "ruff", "mypy", "pyinstaller"}


def test_a_change_to_the_dependencies_without_a_new_lock_is_caught(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(lock.LOCKS, tmp_path / "requirements")
    changed = (ROOT / "pyproject.toml").read_text(encoding="utf-8").replace(
        '"psutil>=5.9"', '"psutil>=6"')
    (tmp_path / "pyproject.toml").write_text(changed, encoding="utf-8")
    monkeypatch.setattr(lock, "LOCKS", tmp_path / "requirements")
    monkeypatch.setattr(lock, "ROOT", tmp_path)
    real = lock.dependency_digest
    monkeypatch.setattr(lock, "dependency_digest", lambda: real(tmp_path / "pyproject.toml"))
    problems = lock.check()
    assert any("make lock" in p for p in problems), problems


def test_a_pin_that_the_full_resolution_does_not_hold_is_caught(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(lock.LOCKS, tmp_path / "requirements")
    run = tmp_path / "requirements" / "run.txt"
    text = run.read_text(encoding="utf-8")
    version = lock.pins(run)[("psutil", "")]
    run.write_text(text.replace(f"psutil=={version}", "psutil==0.0.1"), encoding="utf-8")
    monkeypatch.setattr(lock, "LOCKS", tmp_path / "requirements")
    monkeypatch.setattr(lock, "ROOT", tmp_path)
    assert any("psutil==0.0.1" in p for p in lock.check())
