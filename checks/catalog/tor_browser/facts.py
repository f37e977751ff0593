"""What the Tor Browser check knows: each Tor Browser found (its versions, whose browser its
application.ini says it is) and where Checkup looked, plus the release facts it reads from
Checkup's browsers data file. Pure: nothing here reads the machine."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from checks.engine.datafile import DataFile, load_data
from checks.engine.model import Evidence

if TYPE_CHECKING:
    from checks.catalog.browsers.versions import Version

DATA_NAME = "browsers"
TOR_ID = "tor-browser"

# What Tor Browser's application.ini says about itself ([App] Vendor and Name).
TOR_VENDOR = "tor project"
TOR_NAMES = ("firefox", "tor browser", "torbrowser")
TOR_VERIFIED = "tor_project"  # Vendor and Name are Tor Browser's
TOR_OTHER = "another_vendor"  # application.ini names another vendor or product
TOR_UNVERIFIED = "not_read"  # application.ini could not be read


@dataclass(frozen=True)
class TorInstall:
    where: str  # the folder or app bundle
    version: Version | None  # Tor Browser's own version (tbb_version.json / Info.plist)
    base: Version | None  # the Firefox version it is built on (application.ini)
    channel: str = ""  # "release" or "alpha", when tbb_version.json says
    evidence: tuple[Evidence, ...] = ()
    identity: str = TOR_UNVERIFIED  # TOR_VERIFIED, TOR_OTHER or TOR_UNVERIFIED
    product: str = ""  # application.ini's "Vendor Name", as written (machine text)

    def label(self) -> str:
        return self.version.raw if self.version else ""

    def to_json(self) -> dict[str, Any]:
        return {"where": self.where, "version": self.version.raw if self.version else None,
                "firefox_base": self.base.raw if self.base else None,
                "channel": self.channel or None, "identity": self.identity}


@dataclass(frozen=True)
class TorSearch:
    installs: list[TorInstall] = field(default_factory=list)
    searched: list[str] = field(default_factory=list)


# -- Checkup's own data -----------------------------------------------------------------------

def load_browser_data() -> DataFile:
    return load_data(DATA_NAME, required=("id", "name", "versions"))


def entries_by_id(data: DataFile) -> dict[str, Mapping[str, Any]]:
    return {str(e["id"]): e for e in data.entries}

