"""What the remote-access check knows about the machine: each tool or system feature found
(``Hit``) and what could be read. Pure: nothing here reads the machine (``gather`` does)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from checks.catalog.readers.listeners import ListenerScan
from checks.engine.model import Evidence


@dataclass
class Hit:
    """One remote-access tool or system feature and what shows it; the readers fill it in
    as they find evidence (so it is not frozen)."""
    name: str  # a product name, or a key of messages.SYSTEM_LABELS
    kind: str  # "tool", "system", or "note" (evidence only: a setting that was unreadable)
    running: bool = False
    autostart: bool = False
    installed: bool = False
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return self.running or self.autostart

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "running": self.running,
                "starts_automatically": self.autostart, "installed": self.installed}


@dataclass(frozen=True)
class RemoteFacts:
    procs_seen: bool  # the process list could be read
    sockets: ListenerScan
    tools: tuple[Hit, ...]
    system: tuple[Hit, ...]  # the system's own features, notes included
    system_read: bool  # the system's own remote-access settings were read
    autostart_read: bool  # what starts by itself could be seen (services, launchd, systemd)
    evidence: tuple[Evidence, ...]  # what the system's reader could not read
    data_gathered: str  # the data file's date (ISO)
    data_stale: bool  # the data file is older than Checkup trusts it to be complete
