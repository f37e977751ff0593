"""Issue 17 item 1: a snapshot (and every report made from it) holds no name of the person's
own files. Files named like an asylum application or an interview with a source are planted
in a fake home's root, Downloads, Desktop and Documents; a full scan is recorded; the names
appear nowhere in the saved file nor in the text, JSON and HTML reports of its replay, and a
Tor Browser folder in the same home is still found (through ``Host.matching``). An old
(version-1) snapshot holding a whole home listing still replays, and a copy written from it
holds the answers instead of the listing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from checks.cli import main as cli_main
from checks.engine.host import LiveHost, PlatformInfo
from checks.engine.registry import Scan, all_checks, get_check
from checks.engine.runner import run_check, run_scan
from checks.engine.snapshot import SNAPSHOT_VERSION, RecordingHost, ReplayHost, Snapshot
from checks.privacy.personal import is_personal_folder

ROOT = Path(__file__).resolve().parent.parent
TOR_FIXTURES = ROOT / "tests" / "fixtures" / "tor_browser"

# (folder under the home, file name): what a person at risk may keep there
PLANTED = (
    ("", "asylum-application-Ahmadi-2026.pdf"),
    ("Downloads", "interview-with-source-K-transcript.docx"),
    ("Desktop", "Kandahar-witness-statements.odt"),
    ("Documents", "passport-scan-Farida-Noori.jpg"),
    ("Documents/source-meetings-Feb", "safehouse-addresses.txt"),
)
# Words of those names that no check or report would write by itself
SECRET_WORDS = ("asylum", "Ahmadi", "interview-with-source", "Kandahar", "witness",
                "passport-scan", "Farida", "Noori", "source-meetings", "safehouse")

# Tor Browser's own layout (Browser/application.ini and Browser/tbb_version.json, as in
# tests/fixtures/tor_browser/build_fixtures.py); the values are synthetic
TOR_INI = ("[App]\nVendor=Tor Project\nName=Firefox\nRemotingName=tor-browser\n"
           "Version=153.4.0\nBuildID=20251101000000\n")
TOR_TBB = ('{"version": "16.0.3", "architecture": "linux-x86_64", "channel": "release", '
           '"locale": "en-US"}')


class FakeHomeHost(LiveHost):
    """This machine, with the person's home folder moved to a test folder."""

    def __init__(self, home: Path) -> None:
        super().__init__()
        env = {k: v for k, v in self.platform.env.items() if not k.startswith("XDG_")}
        env["HOME"] = str(home)
        self.platform = PlatformInfo(self.platform.system, self.platform.release,
                                     self.platform.version, self.platform.machine,
                                     str(home), env)


def _fake_home(tmp_path: Path) -> Path:
    home = tmp_path / "home" / "person"
    for folder, name in PLANTED:
        (home / folder).mkdir(parents=True, exist_ok=True)
        (home / folder / name).write_text("private\n", encoding="utf-8")
    # the folders checks look into (application folders, recorded whole), so that any
    # check listing a personal folder would show here
    for rel in (".config/autostart", ".local/share/applications", ".local/share/Trash/files",
                ".local/share/torbrowser/tbb", ".var/app", "Library/LaunchAgents",
                "Applications", "Music", "Pictures", "Videos"):
        (home / rel).mkdir(parents=True, exist_ok=True)
    (home / ".local/share/Trash/files" / "deleted-asylum-draft.pdf").write_text("x\n")
    browser = home / "Downloads" / "tor-browser" / "Browser"
    browser.mkdir(parents=True)
    (browser / "application.ini").write_text(TOR_INI, encoding="utf-8")
    (browser / "tbb_version.json").write_text(TOR_TBB, encoding="utf-8")
    (browser / "start-tor-browser").write_text("#!/bin/sh\n", encoding="utf-8")
    (home / "Downloads" / "tor-browser-linux-x86_64-16.0.3.tar.xz").write_bytes(b"\xfd7zXZ")
    return home


def _assert_clean(text: str, where: str) -> None:
    for word in SECRET_WORDS:
        assert word.lower() not in text.lower(), f"{word!r} in {where}"
    for _, name in PLANTED:
        assert name not in text, f"{name!r} in {where}"


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Snapshot, Path]:
    """A full scan of this machine with the fake home, recorded and saved (unredacted, so
    that nothing but the recording rule keeps the names out)."""
    tmp = tmp_path_factory.mktemp("personal")
    home = _fake_home(tmp)
    rec = RecordingHost(FakeHomeHost(home))
    checks = all_checks()
    run_scan(rec, checks)
    snap = rec.snapshot([c.id for c in checks], {"name": "planted"})
    path = tmp / "snapshot.json"
    snap.dump(path)
    return path, snap, home


@pytest.mark.skipif(not hasattr(LiveHost(), "matching"), reason="no Host.matching")
def test_the_saved_snapshot_holds_no_planted_name(recorded: tuple[Path, Snapshot, Path]
                                                  ) -> None:
    path, snap, home = recorded
    if snap.platform.family != "linux":
        pytest.skip("the fake home is laid out for Linux")
    _assert_clean(path.read_text(encoding="utf-8"), path.name)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == SNAPSHOT_VERSION
    # no listing of a personal folder at all, and none was even asked for: every check
    # asks such folders narrow questions (the audit of every list_dir call in checks/)
    plat = PlatformInfo.from_json(data["platform"])
    assert [p for p in data["dirs"] if is_personal_folder(p, plat)] == []
    assert "listings_withheld" not in data["meta"], "a check listed a personal folder"
    # what was asked about the home, Downloads and Desktop: only the Tor Browser patterns
    for folder in (home, home / "Downloads", home / "Desktop"):
        assert str(folder) in data["matches"], folder
    found = data["matches"][str(home / "Downloads")]["tor-browser*"]
    assert sorted(found) == ["tor-browser", "tor-browser-linux-x86_64-16.0.3.tar.xz"]


def test_replayed_reports_hold_no_planted_name_and_find_tor_browser(
        recorded: tuple[Path, Snapshot, Path], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path, snap, home = recorded
    if snap.platform.family != "linux":
        pytest.skip("the fake home is laid out for Linux")
    outputs: dict[str, str] = {}
    for form, extra in (("text", []), ("json", ["--json"])):
        cli_main(["scan", "--replay", str(path), "--no-redact", *extra])
        outputs[form] = capsys.readouterr().out
    html = tmp_path / "report.html"
    cli_main(["scan", "--replay", str(path), "--no-redact", "--html", str(html)])
    capsys.readouterr()
    outputs["html"] = html.read_text(encoding="utf-8")
    for form, text in outputs.items():
        _assert_clean(text, f"the {form} report")
    report = json.loads(outputs["json"])
    tor = next(f for f in report["findings"] if f["check_id"] == "tor-browser")
    assert tor["status"] != "not_applicable", tor
    assert str(home / "Downloads" / "tor-browser") in json.dumps(tor)
    # the same verdict as the recording machine saw
    live = run_check(get_check("tor-browser"), Scan(ReplayHost(snap)))  # type: ignore[arg-type]
    assert live.status.value == tor["status"]


def test_a_recording_keeps_only_the_matching_names_of_a_personal_folder(tmp_path: Path
                                                                          ) -> None:
    home = _fake_home(tmp_path)
    rec = RecordingHost(FakeHomeHost(home))
    downloads = str(home / "Downloads")
    assert rec.list_dir(downloads) is not None  # answered live...
    assert rec.matching(downloads, ("tor-browser*",)) == [
        "tor-browser", "tor-browser-linux-x86_64-16.0.3.tar.xz"]
    snap = rec.snapshot(["tor-browser"])
    assert downloads not in snap.dirs  # ...but never recorded
    assert snap.meta["listings_withheld"] == 1
    replay = ReplayHost(Snapshot.from_json(snap.to_json()))
    assert replay.list_dir(downloads) is None  # unlistable, as a folder that cannot be read
    assert replay.matching(downloads, ("TOR-BROWSER*",)) is None  # a question never asked
    assert replay.matching(downloads, ("tor-browser*",)) == [
        "tor-browser", "tor-browser-linux-x86_64-16.0.3.tar.xz"]
    _assert_clean(json.dumps(snap.to_json()), "the recording")


def test_no_check_lists_a_personal_folder() -> None:
    """The static side of the audit: every ``list_dir(`` in checks/ names a system folder,
    an application folder inside the home, or a folder found inside one of those."""
    allowed = {  # file -> what its list_dir calls are given (all not personal)
        "checks/catalog/tor_browser/gather.py": "~/.local/share/torbrowser/tbb and Flatpak data folders",
        "checks/catalog/auto_updates/linux.py": "systemd timer wants, /etc/apt/apt.conf.d",
        "checks/catalog/trusted_certificates/gather.py": "system certificate folders",
        "checks/catalog/disk_encryption/linux_probe.py": "/sys/block",
        "checks/catalog/os_updates/__init__.py": "package manager caches and /usr/lib/modules",
        "checks/catalog/automatic_login/__init__.py": "systemd unit folders",
        "checks/catalog/os_supported/gather.py": "/etc/apt/sources.list.d",
        "checks/catalog/secure_boot/__init__.py": "/sys/firmware",
        "checks/catalog/readers/config_files.py": "drop-in folders: ~/.config/autostart, "
                                                  "/etc/xdg/autostart, lightdm/sddm .conf.d",
        "checks/catalog/readers/listeners.py": "/proc/net",
        "checks/catalog/remote_access/__init__.py": "/opt, ~/.config/<tool>, /Applications, ~/Library",
        "checks/catalog/readers/apps.py": "application folders (.local/share/applications, ~/Applications, AppData)",
        "checks/engine/host.py": "LiveHost.matching itself",
        "checks/engine/snapshot.py": "RecordingHost.list_dir itself",
    }
    found = set()
    for path in sorted((ROOT / "checks").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if re.search(r"(?<!def )\blist_dir\(", text):
            found.add(path.relative_to(ROOT).as_posix())
    assert found <= set(allowed), f"new list_dir callers to audit: {found - set(allowed)}"


def test_a_version_1_snapshot_with_a_home_listing_replays_and_is_saved_without_it(
        tmp_path: Path) -> None:
    old_path = TOR_FIXTURES / "linux_tarball_current.json"
    old = json.loads(old_path.read_text(encoding="utf-8"))
    assert old["version"] == 1 and ".bashrc" in old["dirs"]["/home/amina"]
    check = get_check("tor-browser")
    assert check is not None
    snap = Snapshot.load(old_path)
    before = run_check(check, Scan(ReplayHost(snap)))
    assert before.status.value == "pass"
    # the listing is kept in memory only: list_dir of the home answers "cannot be listed"
    assert ReplayHost(snap).list_dir("/home/amina") is None
    saved = tmp_path / "again.json"
    snap.dump(saved)
    text = saved.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["version"] == SNAPSHOT_VERSION
    assert "/home/amina" not in data["dirs"] and "/home/amina/Downloads" not in data["dirs"]
    for name in (".bashrc", "Documents", "omni.ja", "TorBrowser"):
        assert f'"{name}"' not in text, name
    assert data["matches"]["/home/amina"] == {"tor-browser*": ["tor-browser"]}
    after = run_check(check, Scan(ReplayHost(Snapshot.load(saved))))
    assert (after.status, after.severity, after.summary) == (
        before.status, before.severity, before.summary)


@pytest.mark.parametrize("path", sorted(TOR_FIXTURES.glob("linux_*.json")), ids=lambda p: p.stem)
def test_every_old_tor_browser_fixture_keeps_its_verdict_when_migrated(path: Path) -> None:
    check = get_check("tor-browser")
    assert check is not None
    snap = Snapshot.load(path)
    before = run_check(check, Scan(ReplayHost(snap)))
    again = Snapshot.from_json(json.loads(json.dumps(snap.to_json())))
    assert again.withheld_dirs == {}
    after = run_check(check, Scan(ReplayHost(again)))
    assert (after.status, after.summary) == (before.status, before.summary)


def test_the_demo_machines_hold_no_listing_of_a_personal_folder() -> None:
    for path in sorted((ROOT / "resources" / "scenarios").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        plat = PlatformInfo.from_json(data["platform"])
        assert data["version"] == SNAPSHOT_VERSION, path.name
        assert [p for p in data.get("dirs", {}) if is_personal_folder(p, plat)] == [], path.name
