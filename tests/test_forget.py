""""Forget everything": deletes what Checkup (and Qt for it) stored, says what, leaves
nothing behind, and touches nobody else's data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from checks.privacy import appdirs
from checks.privacy.forget import Target, forget_everything, strip_recent, targets
from tests.desktop_support import desktop_env_fixture, window_fixture  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parent.parent

XBEL = """<?xml version="1.0" encoding="UTF-8"?>
<xbel version="1.0"
      xmlns:bookmark="http://www.freedesktop.org/standards/desktop-bookmarks"
      xmlns:mime="http://www.freedesktop.org/standards/shared-mime-info"
>
  <bookmark href="file:///home/u/report.html" added="2026-01-01T00:00:00Z" modified="2026-01-01T00:00:00Z" visited="2026-01-01T00:00:00Z">
    <info>
      <metadata owner="http://freedesktop.org">
        <mime:mime-type type="text/html"/>
        <bookmark:applications>
          <bookmark:application name="Checkup" exec="&apos;checkup %u&apos;" modified="2026-01-01T00:00:00Z" count="1"/>
        </bookmark:applications>
      </metadata>
    </info>
  </bookmark>
  <bookmark href="file:///home/u/shared.pdf" added="2026-01-01T00:00:00Z" modified="2026-01-01T00:00:00Z" visited="2026-01-01T00:00:00Z">
    <info>
      <metadata owner="http://freedesktop.org">
        <mime:mime-type type="application/pdf"/>
        <bookmark:applications>
          <bookmark:application name="checkup" exec="&apos;checkup %u&apos;" modified="2026-01-01T00:00:00Z" count="1"/>
          <bookmark:application name="Document Viewer" exec="&apos;evince %u&apos;" modified="2026-01-01T00:00:00Z" count="2"/>
        </bookmark:applications>
      </metadata>
    </info>
  </bookmark>
  <bookmark href="file:///home/u/holiday.jpg" added="2026-01-01T00:00:00Z" modified="2026-01-01T00:00:00Z" visited="2026-01-01T00:00:00Z">
    <info>
      <metadata owner="http://freedesktop.org">
        <mime:mime-type type="image/jpeg"/>
        <bookmark:applications>
          <bookmark:application name="Image Viewer" exec="&apos;eog %u&apos;" modified="2026-01-01T00:00:00Z" count="1"/>
        </bookmark:applications>
      </metadata>
    </info>
  </bookmark>
</xbel>
"""


def test_recent_list_loses_only_checkups_records() -> None:
    text, removed = strip_recent(XBEL)
    assert removed == ["file:///home/u/report.html", "file:///home/u/shared.pdf"]
    assert "report.html" not in text
    assert "shared.pdf" in text and 'name="Document Viewer"' in text  # another program's
    assert 'name="checkup"' not in text and 'name="Checkup"' not in text
    assert "holiday.jpg" in text
    assert text.startswith("<?xml") and text.rstrip().endswith("</xbel>")
    assert strip_recent(text) == (text, [])


def _linux_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("XDG_", "CHECKUP_")) and k != "HOME"}
    env.update(HOME=str(tmp / "home"), XDG_CONFIG_HOME=str(tmp / "config"),
               XDG_DATA_HOME=str(tmp / "data"), XDG_CACHE_HOME=str(tmp / "cache"),
               XDG_STATE_HOME=str(tmp / "state"), PYTHONDONTWRITEBYTECODE="1")
    for k in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        Path(env[k]).mkdir(parents=True, exist_ok=True)
    return env


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux folders")
def test_checkup_forget_deletes_everything_and_says_what(tmp_path: Path) -> None:
    env = _linux_env(tmp_path)
    cfg, data, cache = Path(env["XDG_CONFIG_HOME"]), Path(env["XDG_DATA_HOME"]), \
        Path(env["XDG_CACHE_HOME"])
    mine = [cfg / "Checkup" / "settings.json", cfg / "Checkup" / ".settings-x.tmp",
            cfg / "Unknown Organization" / "Checkup.conf", cache / "Checkup" / "qtcache",
            data / "Checkup" / "x"]
    for p in mine:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x")
    others = [cfg / "QtProject.conf", cfg / "OtherApp" / "settings.ini", data / "keep.txt"]
    for p in others:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("[FileDialog]\nhistory=/elsewhere\n")
    (data / "recently-used.xbel").write_text(XBEL)
    before = {p: p.stat().st_mode for p in others}

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "checks.cli", "forget"], env=env,
                              cwd=ROOT, capture_output=True, text=True, timeout=120,
                              check=False)

    proc = run()
    assert proc.returncode == 0, proc.stderr
    for p in mine:
        assert not p.exists()
        assert str(p) in proc.stdout
    for folder in (cfg / "Checkup", cfg / "Unknown Organization", cache / "Checkup",
                   data / "Checkup"):
        assert not folder.exists()
        assert f"  - {folder}\n" in proc.stdout
    assert "recently-used.xbel: file:///home/u/report.html" in proc.stdout
    assert all(p.exists() and p.stat().st_mode == m for p, m in before.items())
    assert "holiday.jpg" in (data / "recently-used.xbel").read_text()
    assert "Deleted 11 items:" in proc.stdout  # 5 files, 4 folders, 2 recent-list records
    again = run()
    assert "nothing needed to be deleted" in again.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux folders")
def test_dry_run_lists_what_forget_would_delete_and_deletes_nothing(tmp_path: Path) -> None:
    """The desktop's recently-used list is not Checkup's: a dry run names only Checkup's own
    records in it, and once they are gone it says nothing is stored."""
    env = _linux_env(tmp_path)
    cfg, data = Path(env["XDG_CONFIG_HOME"]), Path(env["XDG_DATA_HOME"])
    settings = cfg / "Checkup" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text("{}")
    recent = data / "recently-used.xbel"
    recent.write_text(XBEL)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "checks.cli", "forget", *args], env=env,
                              cwd=ROOT, capture_output=True, text=True, timeout=120,
                              check=False)

    proc = run("--dry-run")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "3 items would be deleted:",
        f"  - {cfg / 'Checkup'}",
        f"  - {recent}: file:///home/u/report.html",
        f"  - {recent}: file:///home/u/shared.pdf",
    ]
    assert settings.exists() and recent.read_text() == XBEL  # nothing deleted
    assert run().returncode == 0
    recent.write_text(XBEL.replace('name="Checkup"', 'name="gedit"')
                      .replace('name="checkup"', 'name="gedit"'))  # other programs' records
    again = run("--dry-run")
    assert again.stdout.splitlines() == ["Checkup has nothing stored on this computer."]


def test_places_looked_at_on_windows_and_macos() -> None:
    win = targets("windows", {"LOCALAPPDATA": r"C:\Users\a\AppData\Local",
                              "APPDATA": r"C:\Users\a\AppData\Roaming"}, exe_dir=None)
    assert Target("path", r"C:\Users\a\AppData\Local\Checkup") in win
    assert Target("path", r"C:\Users\a\AppData\Roaming\Checkup") in win
    assert Target("registry", r"HKCU\Software\Checkup") in win
    assert Target("registry", r"HKCU\Software\Unknown Organization\Checkup") in win
    mac = [t.where for t in targets("macos", {"HOME": "/Users/a"}, exe_dir=None)]
    assert "/Users/a/Library/Application Support/Checkup" in mac
    assert f"/Users/a/Library/Preferences/{appdirs.APP_ID}.plist" in mac
    assert f"/Users/a/Library/Saved Application State/{appdirs.APP_ID}.savedState" in mac


def test_registry_keys_are_deleted_through_the_registry(tmp_path: Path) -> None:
    deleted: list[str] = []

    def fake(key: str) -> bool:
        if key.endswith(r"Software\Checkup"):
            deleted.append(key)
            return True
        return False

    result = forget_everything([Target("registry", r"HKCU\Software\Checkup"),
                                Target("registry", r"HKCU\Software\Unknown Organization\Checkup"),
                                Target("path", str(tmp_path / "absent"))], registry=fake)
    assert result.deleted == [r"HKCU\Software\Checkup"] == deleted
    assert result.ok


def test_window_forget_everything_says_what_and_then_writes_nothing(window, qtbot,  # noqa: F811
                                                                    monkeypatch) -> None:
    from desktop.settings import settings_path

    path = settings_path()
    assert path is not None
    window.apply_language("es")  # writes the settings file
    assert path.is_file()
    monkeypatch.setattr(appdirs, "_memory_reason", None)
    try:
        act = window.findChild(type(window.save_action), "forgetAction")
        assert act is not None and act in window.file_menu.actions()
        act.trigger()
        dlg = window.privacy.last_forget
        qtbot.waitExposed(dlg)
        dlg.forget_button.click()
        # the tests' settings folder is a CHECKUP_CONFIG_DIR override: only the file goes
        assert not path.exists()
        assert str(path) in dlg.details.toPlainText()
        assert dlg.result_ is not None and dlg.result_.ok
        window.apply_language("en")  # would save: after forgetting it does not
        assert not path.exists()
    finally:
        appdirs.hold_in_memory(None)


def test_a_config_folder_override_loses_only_checkups_settings_file(tmp_path: Path) -> None:
    # CHECKUP_CONFIG_DIR names a folder someone else chose (tests, screenshots): forget
    # must never delete that folder or anything else in it.
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    (chosen / "settings.json").write_text("{}")
    (chosen / "notes.txt").write_text("not Checkup's")
    env = {"HOME": str(tmp_path / "home"), appdirs.OVERRIDE_ENV: str(chosen)}
    result = forget_everything(targets("linux", env=env))
    assert not (chosen / "settings.json").exists()
    assert (chosen / "notes.txt").read_text() == "not Checkup's"
    assert result.ok and str(chosen / "settings.json") in result.deleted


@pytest.mark.skipif(sys.platform.startswith("win"), reason="Unix modes")
def test_the_recent_list_is_replaced_whole_keeping_its_mode(tmp_path: Path) -> None:
    """Through checks.engine.safe_write (keep_mode): the list keeps its mode exactly, even
    under a umask that would narrow it, and no temporary file is left beside it."""
    recent = tmp_path / "recently-used.xbel"
    recent.write_text(XBEL)
    recent.chmod(0o644)
    old_umask = os.umask(0o077)
    try:
        result = forget_everything([Target("recent", str(recent))])
    finally:
        os.umask(old_umask)
    assert not result.failed
    assert (recent.stat().st_mode & 0o777) == 0o644
    assert recent.read_text() == strip_recent(XBEL)[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["recently-used.xbel"]


def test_a_recent_list_that_cannot_be_written_is_reported_not_raised(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from checks.engine import safe_write

    recent = tmp_path / "recently-used.xbel"
    recent.write_text(XBEL)

    def full(fd: int, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(safe_write, "_write_all", full)
    result = forget_everything([Target("recent", str(recent))])
    assert result.failed == [(str(recent), "No space left on device")]
    assert recent.read_text() == XBEL  # untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["recently-used.xbel"]
