"""Snapshots: record, save, load, replay; refuse damaged files with one clear line."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from checks.engine.commands import Command
from checks.engine.host import LiveHost
from checks.engine.i18n import msg
from checks.engine.model import Evidence, Finding, Status
from checks.engine.registry import Scan, all_checks, get_check
from checks.engine.runner import run_scan, select_checks
from checks.engine.snapshot import (
    SNAPSHOT_FORMAT,
    SNAPSHOT_VERSION,
    RecordingHost,
    ReplayHost,
    Snapshot,
    SnapshotError,
)
from checks.engine.winfacts import powershell_path
from tests.command_support import declared_commands
from tests.engine_support import extra_checks, make_check, replay, snapshot

MALFORMED = Path(__file__).parent / "fixtures" / "engine" / "malformed"


@pytest.fixture(autouse=True)
def _declared_probes() -> Iterator[None]:
    # what the probe checks below run through LiveHost (the catalogue's checks declare theirs)
    with declared_commands(
            "test_snapshot",
            Command("uname", "-r", why="test: prints the local kernel release"),
            Command("checkup-no-such-tool", why="test: a tool that is not installed"),
            Command("checkup-no-such-tool", "--version", why="test: a tool that is not installed")):
        yield


def test_replay_answers_like_the_recorded_machine() -> None:
    snap = snapshot(
        ["x"],
        commands=[{"argv": ["lsblk", "--json"], "stdout": '{"blockdevices": []}'},
                  {"argv": ["slow"], "status": "timeout", "returncode": None, "stdout": ""}],
        files={"/etc/os-release": "ID=debian\n"},
        binary={"/bin/blob": base64.b64encode(b"\x00\xffdata").decode()},
        stats={"/etc/shadow": {"mode": 0o100640, "size": 10, "mtime": 1.0, "uid": 0}},
        dirs={"/home/tester/.config": ["Signal", "keepassxc"]},
        processes=[{"pid": 1, "name": "systemd", "exe": "/usr/lib/systemd/systemd"}],
    )
    host = replay(snap)
    res = host.run(["lsblk", "--json"])
    assert res.ok and res.stdout == '{"blockdevices": []}'
    assert host.run(["slow"]).status == "timeout"
    assert host.read_text("/etc/os-release") == "ID=debian\n"
    assert host.read_bytes("/bin/blob") == b"\x00\xffdata"
    st = host.stat("/etc/shadow")
    assert st is not None and not st.world_readable and st.group_readable
    assert host.stat("/etc/os-release") is not None  # a recorded file exists
    assert host.list_dir("/home/tester/.config") == ["Signal", "keepassxc"]
    assert [p.name for p in host.processes()] == ["systemd"]
    assert host.now() == snap.recorded_at


def test_what_a_snapshot_lacks_answers_as_missing() -> None:
    host = replay(snapshot(["x"]))
    res = host.run(["lsblk", "--json"])
    assert res.status == "not_found" and not res.ran and res.returncode == 127
    assert host.read_text("/etc/crypttab") is None
    assert host.read_bytes("/etc/crypttab") is None
    assert host.list_dir("/nope") is None
    assert host.stat("/nope") is None
    assert host.registry_values(r"HKLM\SOFTWARE\X") is None
    assert host.registry_subkeys(r"HKLM\SOFTWARE\X") is None
    assert host.processes() == []


def test_windows_paths_and_registry_keys_match_whatever_the_case() -> None:
    snap = snapshot(
        ["x"], system="Windows", home="C:\\Users\\tester",
        files={"C:\\Windows\\System32\\drivers\\etc\\hosts": "127.0.0.1 localhost"},
        registry_={r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion": {
            "values": {"CurrentBuild": "19045", "Blob": {"$bytes": "AAE="}},
            "subkeys": ["Winlogon"]}},
    )
    host = replay(snap)
    assert host.read_text("c:/windows/system32/DRIVERS/etc/HOSTS") == "127.0.0.1 localhost"
    values = host.registry_values(r"hklm\software\microsoft\windows nt\currentversion")
    assert values == {"CurrentBuild": "19045", "Blob": b"\x00\x01"}
    assert host.registry_subkeys(r"HKLM\SOFTWARE\MICROSOFT\Windows NT\CurrentVersion") == [
        "Winlogon"]


def test_the_powershell_facts_command_is_matched_by_its_marker() -> None:
    ps = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"
    snap = snapshot(["x"], system="Windows", env={"SystemRoot": "C:\\Windows"}, commands=[{
        "argv": [ps, "-NoProfile", "-Command", "# checkup-facts v1\nold script"],
        "stdout": '{"answer": {"ok": true, "value": 42}}'}])
    scan = Scan(replay(snap))
    assert powershell_path(scan.host) == ps
    assert scan.fact("answer").ok and scan.fact("answer").value == 42
    missing = scan.fact("not_gathered")
    assert not missing.ok and "not gathered" in missing.error


def test_powershell_missing_makes_every_fact_unavailable() -> None:
    scan = Scan(replay(snapshot(["x"], system="Windows", env={"SystemRoot": "C:\\Windows"})))
    fact = scan.fact("anything")
    assert not fact.ok
    assert "not found" in fact.error


def test_save_and_load_keep_everything(tmp_path: Path) -> None:
    snap = snapshot(["a", "b"], files={"/f": "ü"}, meta={"description": "ünïcode"},
                    registry_={"HKLM\\K": {"values": {"b": {"$bytes": "AA=="}}}})
    path = tmp_path / "s.json"
    snap.dump(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == SNAPSHOT_FORMAT and data["version"] == SNAPSHOT_VERSION
    again = Snapshot.load(path)
    assert again.to_json() == snap.to_json()


def test_a_snapshot_saved_as_utf16_by_a_windows_editor_still_loads() -> None:
    path = Path(__file__).parent / "fixtures" / "engine" / "snapshots" / "utf16-from-powershell.json"
    assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert Snapshot.load(path).checks == ["disk-encryption"]


MALFORMED_FILES = sorted(MALFORMED.iterdir())


@pytest.mark.parametrize("path", MALFORMED_FILES, ids=[p.name for p in MALFORMED_FILES])
def test_malformed_snapshots_are_refused_with_one_clear_line(path: Path) -> None:
    with pytest.raises(SnapshotError) as info:
        Snapshot.load(path)
    text = str(info.value)
    assert text and "\n" not in text and len(text) < 300
    assert "Traceback" not in text


def test_unknown_version_names_both_versions() -> None:
    with pytest.raises(SnapshotError, match="version 99 is not supported.*reads version 2"):
        Snapshot.load(MALFORMED / "unknown-version.json")


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SnapshotError, match="cannot read snapshot"):
        Snapshot.load(tmp_path / "nope.json")


# -- recording on this machine ---------------------------------------------------------------


def _os_probe(scan: Scan) -> Finding:
    text = scan.host.read_text("/etc/os-release") or scan.host.read_text("/usr/lib/os-release")
    res = scan.run(["uname", "-r"])
    if text is None or not res.ok:
        return Finding(Status.UNKNOWN, msg("Could not read"), evidence=[Evidence("uname -r",
                                                                                 res.describe())])
    return Finding(Status.PASS, msg("Read {n} lines", n=len(text.splitlines())),
                   evidence=[Evidence("uname -r", res.stdout.strip()),
                             Evidence("/etc/os-release", text.splitlines()[0])])


def _binary_probe(scan: Scan) -> Finding:
    data = scan.host.read_bytes("/usr/bin/true") or scan.host.read_bytes("/bin/true")
    st = scan.host.stat("/etc/passwd")
    names = scan.host.list_dir("/etc") or []
    return Finding(Status.FAIL if data else Status.UNKNOWN, msg("Binary probe"),
                   evidence=[Evidence("sha256", hashlib.sha256(data or b"").hexdigest()),
                             Evidence("/etc/passwd mode", oct(st.mode) if st else "none"),
                             Evidence("/etc", ",".join(names[:20]))])


def _missing_probe(scan: Scan) -> Finding:
    res = scan.run(["checkup-no-such-tool", "--version"])
    gone = scan.host.read_text("/nonexistent/checkup-file")
    return Finding(Status.UNKNOWN, msg("Missing probe"),
                   evidence=[Evidence("tool", res.describe()), Evidence("file", repr(gone))])


def _process_probe(scan: Scan) -> Finding:
    procs = scan.host.processes()
    return Finding(Status.ATTENTION, msg("Processes"),
                   evidence=[Evidence("processes", str(len(procs))),
                             Evidence("day", scan.now().date().isoformat())],
                   data={"first": sorted(p.name for p in procs)[:3]})


PROBES = [make_check("t-rr-os", _os_probe, platforms={"linux"}),
          make_check("t-rr-bin", _binary_probe, platforms={"linux"}),
          make_check("t-rr-missing", _missing_probe),
          make_check("t-rr-procs", _process_probe)]


def _comparable(findings: list[Finding]) -> list[tuple[object, ...]]:
    return [(f.check_id, f.status, f.severity, f.summary, tuple(f.details), tuple(f.evidence),
             json.dumps(dict(f.data), sort_keys=True)) for f in findings]


def test_record_then_replay_gives_the_same_findings_as_the_live_scan(tmp_path: Path) -> None:
    with extra_checks(*PROBES):
        checks = all_checks()
        rec = RecordingHost(LiveHost())
        live = run_scan(rec, checks)
        path = tmp_path / "this-machine.json"
        rec.snapshot([c.id for c in checks]).dump(path)
        again = run_scan(ReplayHost(Snapshot.load(path)), checks)
    assert {f.check_id for f in live.findings} >= {"t-rr-os", "t-rr-bin", "t-rr-missing"}
    assert _comparable(again.findings) == _comparable(live.findings)
    assert again.context.to_json() == live.context.to_json()
    assert again.context.evidence == live.context.evidence


def test_a_missing_tool_is_not_recorded_and_replays_as_missing() -> None:
    rec = RecordingHost(LiveHost())
    assert rec.run(["checkup-no-such-tool"]).status == "not_found"
    snap = rec.snapshot(["x"])
    assert snap.commands == []
    assert ReplayHost(snap).run(["checkup-no-such-tool"]).status == "not_found"


def test_snapshot_recorded_for_one_check_leaves_the_others_unknown_not_recorded() -> None:
    # the real disk-encryption check when the catalogue has it, else a stand-in with its id
    stand_in = [] if get_check("disk-encryption") else [
        make_check("disk-encryption", _os_probe, platforms={"linux", "macos", "windows"})]
    with extra_checks(*stand_in, *PROBES):
        rec = RecordingHost(LiveHost())
        run_scan(rec, select_checks(["disk-encryption"]))
        snap = rec.snapshot(["disk-encryption"])
        assert snap.checks == ["disk-encryption"]
        result = run_scan(ReplayHost(snap))  # every registered check
        by_id = {f.check_id: f for f in result.findings}
        applicable = {c.id for c in all_checks() if c.applies_to("linux")}
    assert set(by_id) == applicable
    assert by_id["disk-encryption"].json_data().get("reason") != "not_recorded"
    others = [f for cid, f in by_id.items() if cid != "disk-encryption"]
    assert len(others) >= len(PROBES)  # the probes at least
    for f in others:
        assert f.status is Status.UNKNOWN, f.check_id
        assert f.json_data().get("reason") == "not_recorded", f.check_id


def test_same_with_the_real_catalogue_alone() -> None:
    """Whatever the catalogue holds today: a snapshot for one check covers only that one."""
    checks = [c for c in all_checks() if c.applies_to("linux")]
    if not checks:
        pytest.skip("the catalogue has no Linux check yet")
    first = checks[0]
    rec = RecordingHost(LiveHost())
    run_scan(rec, [first])
    result = run_scan(ReplayHost(rec.snapshot([first.id])))
    for f in result.findings:
        if f.check_id != first.id:
            assert f.status is Status.UNKNOWN and f.json_data().get("reason") == "not_recorded"


def test_a_huge_file_is_refused_without_reading_it(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import checks.engine.snapshot as snapshot_module

    path = tmp_path / "big.json"
    snapshot(["x"]).dump(path)
    monkeypatch.setattr(snapshot_module, "MAX_SNAPSHOT_BYTES", 100)
    with pytest.raises(SnapshotError, match="too large"):
        Snapshot.load(path)
