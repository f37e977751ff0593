"""os-updates on Debian/Ubuntu: the apt simulation leaves no planner log behind.

Run by root, ``apt-get -s dist-upgrade`` writes apt's installation-planner log
(``/var/log/apt/eipp.log.xz``, replacing the one from the last real upgrade) even though it
only simulates: a file saying that a package simulation ran, and when (DESIGN.md rule 5,
"be honest about what the OS itself records" — here we can prevent it). The check passes an
empty ``Dir::Log::Planner``, which apt takes as "do not write it". Snapshots recorded before
that option was added still replay.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from checks.catalog.os_updates.gather import APT_SIMULATE
from checks.engine import tool_env
from checks.engine.host import LiveHost
from checks.engine.i18n import translator
from checks.engine.runner import run_scan, select_checks
from checks.engine.snapshot import ReplayHost, Snapshot

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "os_updates"


def test_the_simulation_tells_apt_not_to_write_its_planner_log() -> None:
    i = APT_SIMULATE.index("Dir::Log::Planner=")
    assert APT_SIMULATE[i - 1] == "-o" and APT_SIMULATE[-1] == "dist-upgrade"
    assert "-s" in APT_SIMULATE


def test_a_snapshot_recorded_before_the_option_still_reads_apts_answer() -> None:
    # A real recording made with the earlier command line (no Dir::Log::Planner).
    snap = Snapshot.load(FIXTURES / "debian-12-container-recorded.json")
    assert not any("Dir::Log::Planner=" in c["argv"] for c in snap.commands)
    result = run_scan(ReplayHost(snap), select_checks(["os-updates"]))
    (finding,) = result.findings
    lines = [f"{e.source}: {e.text}" for e in finding.evidence]
    assert any("106 to install or upgrade, 0 from a security source" in x for x in lines), lines
    assert "No source of security updates" in translator("en").render(finding.summary)


def test_a_new_snapshot_shows_the_command_that_ran() -> None:
    snap = Snapshot.load(FIXTURES / "debian-12-security-pending.json")
    result = run_scan(ReplayHost(snap), select_checks(["os-updates"]))
    (finding,) = result.findings
    sources = [e.source for e in finding.evidence]
    assert " ".join(APT_SIMULATE) in sources
    assert "3 security updates are waiting" in translator("en").render(finding.summary)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0
                    or shutil.which("apt-get") is None,
                    reason="apt writes its planner log only when run by root on a Debian system")
def test_a_scan_by_root_leaves_no_planner_log(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # apt reads APT_CONFIG, which LiveHost never passes on (tool_env.py); this test alone lets
    # it through to apt-get, so apt's logs go to tmp_path and the real /var/log/apt is
    # neither read nor changed.
    monkeypatch.setattr(tool_env, "PER_TOOL", {
        **tool_env.PER_TOOL, "Linux": {**tool_env.PER_TOOL["Linux"], "apt-get": ("APT_CONFIG",)}})
    log_dir = tmp_path / "log"  # exists, like /var/log/apt on a real system
    log_dir.mkdir()
    conf = tmp_path / "apt.conf"
    conf.write_text(f'Dir::Log "{log_dir}";\n', encoding="utf-8")
    monkeypatch.setenv("APT_CONFIG", str(conf))
    result = run_scan(LiveHost(), select_checks(["os-updates"]))
    (finding,) = result.findings
    assert any(e.source == " ".join(APT_SIMULATE) for e in finding.evidence), finding.evidence
    assert sorted(p.name for p in log_dir.iterdir()) == []
