"""automatic-login: replay fixtures, parsers, and the guarantee that no stored password is
ever read, recorded or shown."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from checks.catalog.automatic_login.display_managers import (
    gdm_autologin,
    greetd_autologin,
    lightdm_autologin,
    sddm_autologin,
)
from checks.catalog.automatic_login.gather import WINLOGON
from checks.catalog.automatic_login.getty import (
    getty_autologin,
    inittab_autologin,
    is_getty_entry,
)
from checks.engine.context import PlatformContext
from checks.engine.host import PlatformInfo
from checks.engine.model import Finding
from checks.engine.registry import Scan, get_check
from checks.engine.runner import run_check
from checks.engine.snapshot import RecordingHost, ReplayHost, Snapshot
from tests.protections_support import assert_covered, case, cases, check_expected, english, replay

FOLDER = "automatic_login"


@pytest.mark.parametrize("path", cases(FOLDER), ids=lambda p: p.stem)
def test_fixture_replays_to_expected_verdict(path: Path) -> None:
    check_expected(path)


def test_every_os_has_pass_fail_unknown_and_garbage() -> None:
    assert_covered(FOLDER)


def test_gdm() -> None:
    assert gdm_autologin("[daemon]\nAutomaticLoginEnable=True\nAutomaticLogin=ana\n") == \
        ("on", "ana")
    assert gdm_autologin("[daemon]\nTimedLoginEnable=true\nTimedLogin=bo\n") == ("on", "bo")
    assert gdm_autologin("[daemon]\n#AutomaticLoginEnable=true\n") == ("off", "")
    assert gdm_autologin("[daemon]\nAutomaticLoginEnable=false\n") == ("off", "")
    assert gdm_autologin("[daemon]\nAutomaticLoginEnable=perhaps\n")[0] == "unclear"
    # Only the [daemon] section counts.
    assert gdm_autologin("[security]\nAutomaticLoginEnable=true\n") == ("off", "")


def test_other_display_managers() -> None:
    assert lightdm_autologin({"autologin-user": "x"}) == ("on", "x")
    assert lightdm_autologin({"autologin-user": ""}) == ("off", "")
    assert sddm_autologin(["[Autologin]\nUser=a\n", "[Autologin]\nUser=\n"]) == ("off", "")
    assert sddm_autologin(["[Autologin]\nUser=\n", "[Autologin]\nUser=b\n"]) == ("on", "b")
    assert greetd_autologin('[default_session]\ncommand = "tuigreet"\n') == ("off", "")
    assert greetd_autologin('[initial_session]\ncommand = "sway"\nuser = "c"\n') == ("on", "c")
    assert getty_autologin("[Service]\nExecStart=\nExecStart=-/sbin/agetty --autologin d "
                           "--noclear %I $TERM\n") == "d"
    assert getty_autologin("[Service]\nExecStart=-/sbin/agetty --noclear %I\n") is None


def test_stored_password_never_reaches_a_finding() -> None:
    path = case(FOLDER, "windows_autologon")
    raw = path.read_text(encoding="utf-8")
    assert "hunter2-NEVER-READ" in raw  # the fixture holds one, on purpose
    snap, finding = replay(path)
    dumped = json.dumps([e.line() for e in finding.evidence]) + json.dumps(dict(finding.data))
    assert "hunter2" not in dumped
    host = ReplayHost(snap)
    assert "DefaultPassword" not in (host.registry_values(WINLOGON) or {})
    assert host.registry_values(WINLOGON, names=["DefaultPassword"]) == {}


class _Inner:
    """A Windows-like host whose Winlogon key holds a password."""

    platform = PlatformInfo("Windows", "10", "10.0.22631", "AMD64", r"C:\Users\x", {})
    asked: list[Sequence[str] | None] = []

    def registry_values(self, key: str, names: Sequence[str] | None = None
                        ) -> dict[str, Any] | None:
        self.asked.append(names)
        values = {"AutoAdminLogon": "1", "DefaultPassword": "s3cret"}
        return values if names is None else {n: values[n] for n in names if n in values}

    def now(self) -> Any:
        from datetime import datetime, timezone
        return datetime(2026, 11, 20, tzinfo=timezone.utc)


def test_recording_never_stores_a_password() -> None:
    rec = RecordingHost(_Inner())  # type: ignore[arg-type]
    assert rec.registry_values(WINLOGON, names=["AutoAdminLogon"]) == {"AutoAdminLogon": "1"}
    assert "DefaultPassword" not in (rec.registry_values(WINLOGON) or {})
    snap = rec.snapshot(["automatic-login"])
    assert "s3cret" not in json.dumps(snap.to_json())
    # The check itself asks only for AutoAdminLogon.
    inner = _Inner()
    inner.asked = []
    check = get_check("automatic-login")
    assert check is not None
    finding = run_check(check, Scan(RecordingHost(inner),  # type: ignore[arg-type]
                                    context=PlatformContext(family="windows")))
    assert finding.status.value == "fail"
    assert inner.asked == [["AutoAdminLogon"]]


def test_snapshot_with_password_replays_without_it(tmp_path: Path) -> None:
    snap = Snapshot.load(case(FOLDER, "windows_autologon"))
    out = tmp_path / "s.json"
    snap.dump(out)
    again = ReplayHost(Snapshot.load(out))
    assert set(again.registry_values(WINLOGON) or {}) >= {"AutoAdminLogon"}
    assert "DefaultPassword" not in (again.registry_values(WINLOGON) or {})


def test_a_pass_claims_only_the_setting_it_read() -> None:
    """Only the automatic-login setting is read, not whether the account has a password
    (that needs administrator rights): a pass must not say a password is asked for, and
    says what it could not see."""
    passes = [p for p in cases(FOLDER) if Snapshot.load(p).meta["expect"]["status"] == "pass"]
    assert len(passes) >= 4
    for path in passes:
        _snap, finding = replay(path)
        summary, details, _ev = english(finding)
        assert "asks for a password" not in summary, path.name
        assert any("cannot see whether your account has a password" in d for d in details), \
            path.name


def test_getty_autologin_forms() -> None:
    assert getty_autologin("ExecStart=-/sbin/agetty --noclear -a root %I $TERM\n") == "root"
    assert getty_autologin("ExecStart=-/sbin/agetty --autologin=ana --noclear %I\n") == "ana"
    assert getty_autologin("ExecStart=-/sbin/mingetty --autologin pi --noclear tty1\n") == "pi"
    assert getty_autologin("ExecStart=-/sbin/agetty -o '-p -- \\\\u' --noclear - $TERM\n") is None
    assert inittab_autologin("1:2345:respawn:/sbin/agetty --autologin ana 38400 tty1\n") == "ana"
    assert inittab_autologin("#1:2345:respawn:/sbin/agetty --autologin ana 38400 tty1\n"
                             "2:23:respawn:/sbin/getty 38400 tty2\n") is None
    for name in ("getty@tty3.service", "getty@.service.d", "autovt@tty2.service.d",
                 "serial-getty@ttyS0.service.d", "console-getty.service"):
        assert is_getty_entry(name), name
    for name in ("getty.target.wants", "getty-static.service", "display-manager.service"):
        assert not is_getty_entry(name), name


def _with_tty1_unit(mode: int, text: str | None) -> Finding:
    """linux_gdm_default with /etc/systemd/system/getty@tty1.service of the given kind."""
    data = json.loads(case(FOLDER, "linux_gdm_default").read_text(encoding="utf-8"))
    unit = "/etc/systemd/system/getty@tty1.service"
    data["dirs"]["/etc/systemd/system"].append("getty@tty1.service")
    data["stats"][unit] = {"mode": mode, "size": 0, "mtime": 1763600000.0, "uid": 0}
    if text is not None:
        data["files"][unit] = {"text": text}
    snap = Snapshot.from_json(data)
    check = get_check("automatic-login")
    assert check is not None
    return run_check(check, Scan(ReplayHost(snap)))


def test_a_masked_getty_is_not_a_problem_but_an_unreadable_one_is() -> None:
    masked = _with_tty1_unit(0o020666, None)  # a link to /dev/null: a character device
    assert masked.status.value == "pass"
    assert any("masked" in e.line() for e in masked.evidence)
    unreadable = _with_tty1_unit(0o100600, None)
    assert unreadable.status.value == "unknown"
    assert any("getty@tty1.service: present but not readable" in e.line()
               for e in unreadable.evidence)
