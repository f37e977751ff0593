"""What the sharing check knows about the machine: what its settings share and which
sockets listen. Pure: nothing here reads the machine (``gather`` does)."""

from __future__ import annotations

from dataclasses import dataclass

from checks.catalog.readers.listeners import ListenerScan
from checks.engine.model import Evidence

# What shares, as keys: "smb", "afp", "airdrop", "samba", "nfs", "netbios" (the labels are in
# messages.SHARED_LABELS), or "folders" for Windows' shared folders.


@dataclass(frozen=True)
class Shares:
    """What the system's sharing settings (or its running servers) share."""
    shared: tuple[str, ...]
    folders: tuple[str, ...]  # Windows share names
    read: bool  # False when a setting could not be read
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class SharingFacts:
    family: str  # "linux", "macos", "windows"
    shares: Shares
    sockets: ListenerScan
