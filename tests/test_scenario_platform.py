"""A demo machine's header must not contradict itself: the Darwin kernel named in "Scanned
system: macOS (Darwin …)" fits the macOS version the scenario's sw_vers reports, and an
Ubuntu scenario's kernel is one that Ubuntu release shipped."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from checks.engine.i18n import translator
from checks.engine.runner import run_scan
from checks.engine.snapshot import ReplayHost, Snapshot
from checks.reports.report import machine_line

SCENARIOS = Path(__file__).resolve().parent.parent / "resources" / "scenarios"


def _darwin_major(macos_major: int) -> int:
    # macOS 11 Big Sur .. 15 Sequoia ran Darwin 20 .. 24; macOS 26 Tahoe runs Darwin 25
    return macos_major + 9 if macos_major <= 15 else macos_major - 1


def _mac_scenarios() -> list[Path]:
    return [p for p in sorted(SCENARIOS.glob("*.json"))
            if json.loads(p.read_text(encoding="utf-8"))["platform"]["system"] == "Darwin"]


@pytest.mark.parametrize("path", _mac_scenarios(), ids=lambda p: p.stem)
def test_the_darwin_version_shown_fits_the_macos_version(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    sw = next(c for c in data["commands"] if c["argv"] == ["sw_vers"])
    product = re.search(r"ProductVersion:\s*(\d+)", sw["stdout"])
    assert product, sw["stdout"]
    darwin = _darwin_major(int(product.group(1)))
    assert data["platform"]["release"].split(".")[0] == str(darwin), path.name
    result = run_scan(ReplayHost(Snapshot.load(path)), checks=[])
    line = translator("en").render(machine_line(result))
    assert f"Scanned system: macOS (Darwin {darwin}." in line


def test_the_old_mac_demo_names_its_own_kernel_in_the_header():
    result = run_scan(ReplayHost(Snapshot.load(SCENARIOS / "macos12-no-filevault.json")),
                      checks=[])
    line = translator("en").render(machine_line(result))
    assert line == "Scanned system: macOS (Darwin 21.6.0), a physical computer"


def test_the_ubuntu_2004_demo_runs_a_kernel_ubuntu_2004_shipped():
    data = json.loads((SCENARIOS / "linux-ubuntu2004-unencrypted.json").read_text("utf-8"))
    # 20.04 shipped 5.4 and, through its hardware-enablement stack, 5.15 at the last
    assert data["platform"]["release"].startswith(("5.4.", "5.15."))
