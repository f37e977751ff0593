"""systemd units: what `systemctl show` says of a few units (loaded, active, enabled), the
command template the checks that use it declare, and its parser.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from checks.engine.commands import Command, Value
from checks.engine.registry import Scan

UNIT_PROPERTIES = ("Id", "LoadState", "ActiveState", "SubState", "UnitFileState")
UNIT_NAME = r"[A-Za-z0-9][A-Za-z0-9@:._\\-]*\.(?:service|socket|timer|target|mount)"
# What systemd_units runs: for the specs of the checks that use it.
SYSTEMCTL_SHOW = Command(
    "systemctl", "show", "--property=" + ",".join(UNIT_PROPERTIES),
    Value("units", UNIT_NAME, many=True),
    why="show reads unit state from the local systemd (D-Bus or unit files); nothing is "
        "started or changed")


@dataclass(frozen=True)
class UnitState:
    name: str  # as asked for
    load: str = ""  # "loaded", "not-found", "masked", ...
    active: str = ""  # "active", "inactive", "failed", "activating", ...
    sub: str = ""
    file_state: str = ""  # "enabled", "disabled", "static", "masked", ...
    id: str = ""  # the unit's real name (an alias such as display-manager.service resolves)

    @property
    def exists(self) -> bool:
        return self.load not in ("", "not-found")

    @property
    def running(self) -> bool:
        # Exact comparison: "inactive" contains "active".
        return self.active in ("active", "reloading")

    @property
    def enabled(self) -> bool:
        return self.file_state in ("enabled", "enabled-runtime")

    def describe(self) -> str:
        if not self.exists:
            return "not installed"
        parts = [f"ActiveState={self.active or '?'}"]
        if self.sub:
            parts.append(f"SubState={self.sub}")
        parts.append(f"UnitFileState={self.file_state or '?'}")
        return " ".join(parts)


def parse_systemctl_show(text: str, units: Sequence[str]) -> dict[str, UnitState] | None:
    """``systemctl show --property=... u1 u2 ...``: one block per unit, in the order asked,
    separated by blank lines. None when the output does not have that shape."""
    blocks: list[dict[str, str]] = []
    current: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            if current:
                blocks.append(current)
                current = {}
            continue
        key, sep, value = line.partition("=")
        if not sep or key not in UNIT_PROPERTIES:
            return None
        current[key] = value
    if current:
        blocks.append(current)
    if len(blocks) != len(units):
        return None
    out: dict[str, UnitState] = {}
    for name, block in zip(units, blocks, strict=True):
        if "LoadState" not in block or "ActiveState" not in block:
            return None
        out[name] = UnitState(name, block.get("LoadState", ""), block.get("ActiveState", ""),
                              block.get("SubState", ""), block.get("UnitFileState", ""),
                              block.get("Id", ""))
    return out


def systemd_units(scan: Scan, units: Sequence[str], user: bool = False
                  ) -> tuple[dict[str, UnitState] | None, str]:
    """The state of system (or the user's) units; (None, reason) when systemd cannot tell."""
    argv = ["systemctl"]
    if user:
        argv.append("--user")
    argv += ["show", "--property=" + ",".join(UNIT_PROPERTIES), *units]
    res = scan.run(argv)
    if not res.ok:
        reason = f"exit status {res.returncode}" if res.ran else res.describe()
        err = res.stderr.strip().splitlines()
        if err:
            reason += f" ({err[0][:160]})"
        return None, reason
    parsed = parse_systemctl_show(res.stdout, units)
    if parsed is None:
        return None, f"{' '.join(argv[:3])}: unexpected output"
    return parsed, ""
