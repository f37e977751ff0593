"""Demo machines: recorded snapshots shipped under ``resources/scenarios/``.

Each scenario file is an ordinary snapshot (``meta.origin`` "synthetic") whose ``meta``
carries ``scenario`` (its id), ``name`` and ``description`` in English. Their translations
come from the ``desktop`` catalogue: every shipped scenario's texts are listed below with
``N_`` (a test checks that none is missing). ``tools/make_scenarios.py`` builds the files.
Nothing here imports Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checks.engine.i18n import N_
from checks.engine.resources import resource_path
from checks.engine.snapshot import Snapshot, SnapshotError
from desktop.workshop.workshop_scenarios import WORKSHOP_SCENARIO_TEXTS

# id -> (name, one-line description), as written into the scenario files.
SCENARIO_TEXTS: dict[str, tuple[str, str]] = {
    "windows10-unencrypted-telegram": (
        N_("Windows 10 laptop: no disk encryption, Telegram"),
        N_("A family laptop on Windows 10 without BitLocker, using Telegram for chats."),
    ),
    "macos-filevault-signal": (
        N_("Up-to-date Mac: FileVault on, Signal"),
        N_("A MacBook on a current macOS with FileVault turned on and Signal installed."),
    ),
    "linux-luks-pending-updates": (
        N_("Linux laptop: encrypted disk, security updates waiting"),
        N_("An Ubuntu laptop with LUKS disk encryption and security updates not yet "
           "installed."),
    ),
}

SCENARIO_TEXTS.update(WORKSHOP_SCENARIO_TEXTS)  # the workshop's demo machines

FAMILY_ORDER = ("windows", "macos", "linux")


@dataclass(frozen=True)
class Scenario:
    id: str
    path: Path
    family: str
    name: str  # English, as in the file (a msgid: translate with gettext)
    description: str


def scenarios_dir() -> Path:
    return resource_path("scenarios")


def list_scenarios(folder: Path | None = None) -> list[Scenario]:
    """The shipped scenarios, by OS family then name; unreadable files are skipped."""
    out: list[Scenario] = []
    for path in sorted((folder or scenarios_dir()).glob("*.json")):
        try:
            snap = Snapshot.load(path)
        except SnapshotError:
            continue
        sid = str(snap.meta.get("scenario") or path.stem)
        name, desc = SCENARIO_TEXTS.get(sid, (snap.name or sid,
                                              str(snap.meta.get("description") or "")))
        out.append(Scenario(sid, path, snap.platform.family, name, desc))
    rank = {f: i for i, f in enumerate(FAMILY_ORDER)}
    return sorted(out, key=lambda s: (rank.get(s.family, 9), s.name))
