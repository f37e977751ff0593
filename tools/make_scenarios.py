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

Merging rules (``merge``): the first source gives the platform and the recording time;
a later source never overrides an earlier one (a conflict is reported); directory listings,
registry subkeys and processes are unions; the Windows PowerShell facts of all sources are
merged into one facts command. Each source's home folder (and user-profile paths) is
rewritten to the first source's, so fixtures recorded for different user names fit one
machine. The scenario's name and description are English msgids whose translations live in
desktop/workshop/scenarios.py (SCENARIO_TEXTS).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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

PS_MARKER = "# checkup-facts"
WINDOWS_PROFILE_ENV = ("USERPROFILE", "LOCALAPPDATA", "APPDATA", "HOME")


class MergeError(Exception):
    pass


def _load(rel: str) -> dict[str, Any]:
    path = FIXTURES / rel
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise MergeError(f"{rel}: cannot read ({exc.strerror or exc})") from None
    if not isinstance(data, dict) or data.get("format") != "checkup-snapshot":
        raise MergeError(f"{rel}: not a Checkup snapshot")
    return data


def _replace_all(value: Any, pairs: Sequence[tuple[str, str]], fold: bool) -> Any:
    """Rewrite path prefixes in every string (keys too) of a JSON value."""
    if isinstance(value, str):
        out = value
        for old, new in pairs:
            if fold:
                idx = out.lower().find(old.lower())
                while idx >= 0:
                    out = out[:idx] + new + out[idx + len(old):]
                    idx = out.lower().find(old.lower(), idx + len(new))
            else:
                out = out.replace(old, new)
        return out
    if isinstance(value, list):
        return [_replace_all(v, pairs, fold) for v in value]
    if isinstance(value, dict):
        return {_replace_all(k, pairs, fold): _replace_all(v, pairs, fold)
                for k, v in value.items()}
    return value


def _rehome_pairs(src: dict[str, Any], base: dict[str, Any]) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    sp, bp = src["platform"], base["platform"]
    candidates = [(sp.get("home", ""), bp.get("home", ""))]
    for var in WINDOWS_PROFILE_ENV:
        candidates.append((sp.get("env", {}).get(var, ""), bp.get("env", {}).get(var, "")))
    for old, new in candidates:
        if old and new and old != new and (old, new) not in pairs:
            pairs.append((old, new))
            # the same path as it appears inside JSON text (escaped backslashes)
            esc_old, esc_new = json.dumps(old)[1:-1], json.dumps(new)[1:-1]
            if esc_old != old:
                pairs.append((esc_old, esc_new))
    # longest first, so C:\Users\ana\AppData\Local is rewritten before C:\Users\ana
    return sorted(pairs, key=lambda p: -len(p[0]))


def _is_ps(argv: Sequence[str]) -> bool:
    return bool(argv) and "powershell" in argv[0].lower() and any(
        str(a).lstrip().startswith(PS_MARKER) for a in argv[1:])


def _key(path: str, fold: bool) -> str:
    return path.replace("/", "\\").lower() if fold else path


def merge(recipe: Recipe, conflicts: list[str] | None = None) -> dict[str, Any]:
    """The scenario snapshot (a JSON-able dict) for a recipe."""
    conflicts = conflicts if conflicts is not None else []
    sources = [(rel, _load(rel)) for rel in recipe.sources]
    base_rel, base = sources[0]
    fold = base["platform"].get("system") == "Windows"
    family = base["platform"].get("system")
    checks: set[str] = set()
    commands: dict[tuple[str, ...], dict[str, Any]] = {}
    ps_facts: dict[str, Any] = {}
    ps_template: dict[str, Any] | None = None
    files: dict[str, tuple[str, Any]] = {}
    stats: dict[str, tuple[str, Any]] = {}
    dirs: dict[str, tuple[str, list[str]]] = {}
    matches: dict[str, tuple[str, dict[str, list[str]]]] = {}
    registry: dict[str, tuple[str, dict[str, Any]]] = {}
    processes: list[dict[str, Any]] = []
    seen_proc: set[tuple[str, str]] = set()
    any_processes = False
    origins = []

    for rel, raw in sources:
        if raw["platform"].get("system") != family:
            raise MergeError(f"{rel}: {raw['platform'].get('system')} does not fit a "
                             f"{family} scenario")
        snap = _replace_all(raw, _rehome_pairs(raw, base), fold) if raw is not base else raw
        checks.update(snap.get("checks") or [])
        src_note = (snap.get("meta") or {}).get("source") or "recorded"
        origins.append(f"{rel} ({src_note})")
        for cmd in snap.get("commands") or []:
            argv = [str(a) for a in cmd["argv"]]
            if _is_ps(argv):
                try:
                    facts = json.loads(cmd.get("stdout") or "{}")
                except json.JSONDecodeError:
                    raise MergeError(f"{rel}: PowerShell facts are not JSON") from None
                if ps_template is None:
                    ps_template = dict(cmd)
                for name, value in facts.items():
                    if name in ps_facts and ps_facts[name] != value:
                        conflicts.append(f"{rel}: fact {name} differs; kept the earlier one")
                    ps_facts.setdefault(name, value)
                continue
            key = tuple(argv)
            if key in commands and commands[key] != cmd:
                conflicts.append(f"{rel}: command {' '.join(argv)} differs; kept the earlier")
            commands.setdefault(key, cmd)
        for table, store in ((snap.get("files") or {}, files), (snap.get("stats") or {}, stats)):
            for path, entry in table.items():
                k = _key(path, fold)
                if k in store and store[k][1] != entry:
                    conflicts.append(f"{rel}: {path} differs; kept the earlier one")
                store.setdefault(k, (path, entry))
        for path, names in (snap.get("dirs") or {}).items():
            k = _key(path, fold)
            if k in dirs:
                known = dirs[k][1]
                known.extend(n for n in names if n not in known)
            else:
                dirs[k] = (path, list(names))
        for path, by_pattern in (snap.get("matches") or {}).items():
            answers = matches.setdefault(_key(path, fold), (path, {}))[1]
            for pattern, names in by_pattern.items():
                answers.setdefault(pattern, list(names))
        for key_name, entry in (snap.get("registry") or {}).items():
            k = key_name.lower()
            if k not in registry:
                registry[k] = (key_name, {})
            merged = registry[k][1]
            if "values" in entry:
                values = merged.setdefault("values", {})
                for vname, v in entry["values"].items():
                    if vname in values and values[vname] != v:
                        conflicts.append(f"{rel}: {key_name}\\{vname} differs; kept earlier")
                    values.setdefault(vname, v)
            if "subkeys" in entry:
                subs = merged.setdefault("subkeys", [])
                subs.extend(s for s in entry["subkeys"] if s not in subs)
        if snap.get("processes") is not None:
            any_processes = True
            for p in snap["processes"]:
                ident = (str(p.get("name")), str(p.get("exe")))
                if ident not in seen_proc:
                    seen_proc.add(ident)
                    processes.append(p)

    from desktop.workshop.scenarios import SCENARIO_TEXTS

    name, description = SCENARIO_TEXTS.get(recipe.id, (recipe.id, ""))
    out_commands = list(commands.values())
    if ps_template is not None:
        ps = dict(ps_template)
        ps["stdout"] = json.dumps(ps_facts, sort_keys=True)
        out_commands.insert(0, ps)
    out: dict[str, Any] = {
        "format": "checkup-snapshot",
        "version": 1,
        "app_version": base.get("app_version", ""),
        "recorded_at": recipe.recorded_at,
        "checks": sorted(checks),
        "meta": {
            "origin": "synthetic",
            "scenario": recipe.id,
            "name": name,
            "description": description,
            "source": "Demo machine merged by tools/make_scenarios.py from the checks' test "
                      "fixtures: " + "; ".join(origins),
        },
        "platform": {**base["platform"], **dict(recipe.platform)},
        "commands": out_commands,
        "files": {p: e for p, e in sorted(files.values())},
        "stats": {p: e for p, e in sorted(stats.values())},
        "dirs": {p: names for p, names in sorted(dirs.values())},
        "matches": {p: answers for p, answers in sorted(matches.values())},
        "registry": {k: v for k, v in sorted(registry.values())},
    }
    if any_processes:
        out["processes"] = processes
    del base_rel
    return out


def render(recipe: Recipe, conflicts: list[str] | None = None) -> str:
    from checks.engine.snapshot import Snapshot

    # loaded like any snapshot, and written as one is: in the current format, a source's
    # listing of a personal folder (the home, Downloads, Desktop) replaced by the answers
    # the checks ask about it (checks/engine/snapshot.py)
    data = Snapshot.from_json(merge(recipe, conflicts)).to_json()
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
