"""Automatic updates on EL7 and its clones (issue 21): yum-cron is read, so one that installs
updates passes and one that only downloads fails for that reason (before: "dnf-automatic is
not enabled" either way).

yum-cron's daily job runs while its service is enabled; whether it installs is
``apply_updates`` in the ``[commands]`` section of /etc/yum/yum-cron.conf (shipped "no": the
real shipped section is tests/fixtures/auto_updates/raw/yum-cron.conf-el7-shipped.txt, see
SOURCES.md). The machines are written here with the fixture builder; the os-release is
CentOS 7's (its published fields).
"""

from __future__ import annotations

from pathlib import Path

from checks.engine.host import CommandResult, FileStat, PlatformInfo
from checks.engine.i18n import translator
from checks.engine.model import Finding, Status
from tests.engine_support import run_on
from tools.snapshot_builder import Fixture, Meta, command

RAW = Path(__file__).resolve().parent / "fixtures" / "auto_updates" / "raw"
SHIPPED = (RAW / "yum-cron.conf-el7-shipped.txt").read_text(encoding="utf-8")
CENTOS_7 = ('NAME="CentOS Linux"\nVERSION="7 (Core)"\nID="centos"\nID_LIKE="rhel fedora"\n'
            'VERSION_ID="7"\nPRETTY_NAME="CentOS Linux 7 (Core)"\n')
DNF_TIMERS = ("dnf-automatic-install.timer", "dnf-automatic.timer", "dnf5-automatic.timer")


def _is_enabled(unit: str, state: str | None) -> CommandResult:
    if state is None:  # systemctl prints nothing on stdout for a unit it does not know
        return command(["systemctl", "is-enabled", unit], "", returncode=1)
    return command(["systemctl", "is-enabled", unit], f"{state}\n",
                   returncode=0 if state == "enabled" else 1)


def _el7(service: str | None, conf: str | None, *, conf_there: bool = True) -> Finding:
    """``conf`` None: the file is there but cannot be read (when ``conf_there``)."""
    files = {"/etc/os-release": CENTOS_7}
    stats = {}
    if conf is not None:
        files["/etc/yum/yum-cron.conf"] = conf
    elif conf_there:
        stats["/etc/yum/yum-cron.conf"] = FileStat(0o600, 2946, 1_600_000_000.0, 0)
    fx = Fixture(
        platform=PlatformInfo("Linux", "3.10.0-1160.119.1.el7.x86_64", "#1 SMP", "x86_64",
                              "/home/amira", {"HOME": "/home/amira"}),
        checks=["auto-updates"], recorded_at="2026-12-01T09:00:00+00:00",
        meta=Meta(name="el7", source="see the module docstring"),
        commands=[*(_is_enabled(t, None) for t in DNF_TIMERS),
                  _is_enabled("yum-cron.service", service)],
        files=files, stats=stats)
    return run_on(fx.snapshot(), "auto-updates")


def _say(f: Finding) -> str:
    return translator("en").render(f.summary)


def test_yum_cron_that_installs_passes() -> None:
    f = _el7("enabled", SHIPPED.replace("apply_updates = no", "apply_updates = yes"))
    assert f.status is Status.PASS and "yum-cron" in _say(f), _say(f)
    assert any("apply_updates = yes" in e.text for e in f.evidence)


def test_the_shipped_settings_only_download_and_say_so() -> None:
    f = _el7("enabled", SHIPPED)
    assert f.status is Status.FAIL and "does not install them" in _say(f)
    assert "dnf-automatic" not in _say(f)


def test_yum_cron_installed_but_not_enabled() -> None:
    f = _el7("disabled", SHIPPED)
    assert f.status is Status.FAIL and "yum-cron is installed but not enabled" in _say(f)


def test_an_unreadable_conf_is_unknown_never_a_guess() -> None:
    assert _el7("enabled", None).status is Status.UNKNOWN
    assert _el7("enabled", "[commands]\napply_updates = perhaps\n").status is Status.UNKNOWN


def test_without_yum_cron_dnf_automatic_still_decides() -> None:
    f = _el7(None, None, conf_there=False)
    assert f.status is Status.FAIL and "dnf-automatic" in _say(f)
    # a snapshot recorded before yum-cron was read (no answer for its unit): as before
    g = _el7("enabled", None, conf_there=False)
    assert g.status is Status.FAIL and "dnf-automatic" in _say(g)
