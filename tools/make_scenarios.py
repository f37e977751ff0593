"""Build the demo machines in resources/scenarios/ from the checks' own test fixtures.

    python -m tools.make_scenarios           write every scenario
    python -m tools.make_scenarios --check   exit 1 when a committed scenario is out of date

A scenario is one snapshot merged from several per-check fixture snapshots of the same OS
(tests/fixtures/<topic>/*.json): its ``checks`` is the union of theirs, so each check
replays exactly what its own tests replay. Checks no source was recorded for show as
"not recorded", which is honest. Which fixture a check gives a machine is declared in the
check's spec (``demos={machine id: fixture path}``, checks/catalog/); a recipe here holds only
what is about the machine itself (its id, recording time, platform overrides, sources that belong
to no single check, and where its merge order differs from DEMO_ORDER). Rerun this whenever a
recipe or a spec's ``demos`` changes.

Merging rules: tools/scenario_merge.py. Every source is read as a fixture of
tools/snapshot_builder.py and the merged machine is loaded and written by the engine's
``Snapshot``, so a demo machine is built through the same API as every test fixture. The
scenario's name and description are English msgids whose translations live in
desktop/workshop/scenarios.py (SCENARIO_TEXTS).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tools.scenario_merge import MergeError, load_source, merge_sources
from tools.snapshot_builder import Fixture, Meta

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
OUT = ROOT / "resources" / "scenarios"


# The order the demo machines list their sources in, by check id: the machine-independent part
# of every scenario's merge order. It is written into each scenario (``meta.source`` names the
# sources in merge order) and decides which source wins a conflict, so it is kept as it was;
# a check not named here comes after these, in its spec's ``order``.
DEMO_ORDER: tuple[str, ...] = (
    "os-supported", "disk-encryption", "os-updates", "auto-updates", "secure-messaging",
    "firewall", "screen-lock", "automatic-login", "secure-boot", "remote-access", "sharing",
    "guest-account", "trusted-certificates", "browsers", "tor-browser", "password-manager",
)


@dataclass(frozen=True)
class Recipe:
    """What is about one demo machine itself. Which fixture each check contributes comes from
    the check's spec (``demos={machine id: fixture}``, checks/catalog/); ``sources`` is the
    resulting merge order."""

    id: str  # also the file name; its texts are desktop.workshop.scenarios.SCENARIO_TEXTS[id]
    # merged before everything else, in this order (the first is the base machine): check ids
    # (their demo fixture for this machine) or fixture paths under tests/fixtures/ that belong
    # to no single check
    first: tuple[str, ...] = ()
    # (anchor, item): item (a check id or a fixture path) is merged right after anchor
    after: tuple[tuple[str, str], ...] = ()
    recorded_at: str = "2026-11-20T10:00:00+00:00"
    # platform facts that replace the base source's, so the kernel named in the header
    # ("Scanned system: macOS (Darwin 21.6.0)") fits the OS version the scenario shows
    platform: tuple[tuple[str, str], ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        return derive_sources(self)


def demo_fixtures(machine: str) -> dict[str, str]:
    """check id -> the fixture its spec names for this demo machine, in the checks' order."""
    from checks.engine.registry import all_checks

    return {c.id: c.demos[machine] for c in all_checks() if machine in c.demos}


def derive_sources(recipe: Recipe) -> tuple[str, ...]:
    """The recipe's fixture paths in merge order: ``first``, then every check with a demo for
    this machine (DEMO_ORDER, then the others in spec order), each followed by what ``after``
    anchors to it; a fixture two checks share is merged once, where it first comes."""
    from checks.engine.registry import all_checks

    demos = demo_fixtures(recipe.id)
    out: list[str] = []
    reached: set[str] = set()

    def add(item: str, named: bool) -> None:
        if "/" in item:
            path = item
        elif item in demos:
            path = demos[item]
        elif named:
            raise MergeError(f"{recipe.id}: check {item} has no demo fixture for this machine")
        else:
            return
        if path in out:
            return
        out.append(path)
        reached.add(item)
        for anchor, follower in recipe.after:
            if anchor == item:
                add(follower, True)

    for item in recipe.first:
        add(item, True)
    rest = list(DEMO_ORDER) + [c.id for c in all_checks() if c.id not in DEMO_ORDER]
    for cid in rest:
        add(cid, False)
    for anchor, follower in recipe.after:
        if anchor not in reached:
            raise MergeError(f"{recipe.id}: {follower} is to follow {anchor}, which is not merged")
    return tuple(out)


# -- more demo machines for workshops: each system's common weak, mixed and well-kept states.
# Their names and descriptions: desktop/workshop/workshop_scenarios.py.
WORKSHOP_SCENARIOS: tuple[Recipe, ...] = (
    Recipe(
        id="windows11-bitlocker-keepass",
        # Edge's current version before the messaging fixture's Edge
        first=("os-supported", "workshop/scenario_sources/windows-edge-current.json", "browsers"),
    ),
    Recipe(id="windows11-home-remote-support"),
    Recipe(
        id="macos12-no-filevault",
        after=(("secure-boot", "sharing"),),
        # macOS 12.7.6 (build 21H1320) runs Darwin 21.6.0; an Intel Mac with a T2 chip
        # (secure_boot/macos_t2_none.json)
        platform=(("release", "21.6.0"), ("version", "Darwin Kernel Version 21.6.0"),
                  ("machine", "x86_64")),
    ),
    Recipe(id="macos15-encrypting-screen-sharing"),
    Recipe(
        id="linux-ubuntu2004-unencrypted",
        # first: the desktop (GNOME) the screen-lock check reads, and Ubuntu 20.04
        first=("workshop/scenario_sources/ubuntu-2004-gnome.json", "os-supported", "screen-lock"),
        # Ubuntu 20.04's last kernel series (HWE), not the 24.04 one of the base fixture
        platform=(("release", "5.15.0-139-generic"), ("version", "#149~20.04.1-Ubuntu SMP")),
    ),
    Recipe(
        id="linux-kubuntu-well-kept",
        # first: its platform facts name the desktop (KDE Plasma)
        first=("screen-lock",),
        # the day after its last update check (os_updates/kubuntu-24.04-discover.json)
        recorded_at="2026-10-07T09:00:00+00:00",
    ),
)


# -- the scenarios (declarative; earlier sources win) -----------------------------------------
SCENARIOS: tuple[Recipe, ...] = (
    Recipe(
        id="windows10-unencrypted-telegram",
        # Telegram Desktop beside the messaging fixture that has no messenger
        after=(("secure-messaging", "desktop/scenario_sources/windows-telegram-desktop.json"),),
    ),
    Recipe(
        id="macos-filevault-signal",
        # macOS 27.1 (build 26B82) runs Darwin 26.1.0
        platform=(("release", "26.1.0"), ("version", "Darwin Kernel Version 26.1.0")),
    ),
    Recipe(
        id="linux-luks-pending-updates",
        # first: the pending updates, whose platform facts name the desktop (GNOME) the
        # screen-lock check reads; auto-updates' fixture then gives its automatic-update settings
        first=("os-updates",),
    ),
) + WORKSHOP_SCENARIOS

def merge(recipe: Recipe, conflicts: list[str] | None = None) -> Fixture:
    """The scenario for a recipe, merged from its sources (tools/scenario_merge.py)."""
    from desktop.workshop.scenarios import SCENARIO_TEXTS

    name, description = SCENARIO_TEXTS.get(recipe.id, (recipe.id, ""))
    sources = [(rel, load_source(FIXTURES / rel, rel)) for rel in recipe.sources]
    return merge_sources(sources, meta=Meta(name=name, description=description,
                                            scenario=recipe.id),
                         recorded_at=recipe.recorded_at, platform=dict(recipe.platform),
                         conflicts=conflicts)


def render(recipe: Recipe, conflicts: list[str] | None = None) -> str:
    # loaded like any snapshot (checks.engine.snapshot.Snapshot), and written as one is: in
    # the current format, a source's listing of a personal folder (the home, Downloads,
    # Desktop) replaced by the answers the checks ask about it (checks/engine/snapshot.py)
    data = merge(recipe, conflicts).snapshot().to_json()
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def main(argv: Sequence[str]) -> int:
    sys.path.insert(0, str(ROOT))
    check_only = "--check" in argv
    status = 0
    OUT.mkdir(parents=True, exist_ok=True)
    for recipe in SCENARIOS:
        conflicts: list[str] = []
        try:
            text = render(recipe, conflicts)
        except MergeError as exc:
            print(f"{recipe.id}: {exc}", file=sys.stderr)
            status = 1
            continue
        for c in conflicts:
            print(f"{recipe.id}: note: {c}", file=sys.stderr)
        target = OUT / f"{recipe.id}.json"
        if check_only:
            current = target.read_text(encoding="utf-8") if target.exists() else ""
            if current != text:
                print(f"{target.relative_to(ROOT)} is out of date: run "
                      f"`python -m tools.make_scenarios`", file=sys.stderr)
                status = 1
        else:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(ROOT)}: {len(recipe.sources)} sources")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
