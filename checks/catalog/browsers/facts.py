"""What the browsers check knows: the browsers Checkup looks for (from its data file), each
install found with its version (and, once decided, its judgement), and what was searched.
Pure: nothing here reads the machine."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from checks.catalog.browsers.versions import Judgement, Version
from checks.catalog.readers import apps
from checks.catalog.tor_browser.facts import TorSearch
from checks.engine.datafile import DataFile, load_data

DATA_NAME = "browsers"


# -- Checkup's own data -----------------------------------------------------------------------

@dataclass(frozen=True)
class Browser:
    id: str
    name: str
    scheme: str
    versions: Mapping[str, Any]
    match: Mapping[str, Any]
    linux_versions: tuple[Mapping[str, Any], ...]

    def applies_to(self, family: str) -> bool:
        return isinstance(self.match.get(family), Mapping)


def browsers_from(data: DataFile) -> list[Browser]:
    out: list[Browser] = []
    for e in data.entries:
        raw = e.get("versions")
        versions: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
        out.append(Browser(
            id=str(e["id"]), name=str(e["name"]), scheme=str(versions.get("scheme", "untracked")),
            versions=versions, match=e.get("match") or {},
            linux_versions=tuple(v for v in e.get("linux_versions") or []
                                 if isinstance(v, Mapping))))
    return out


@dataclass(frozen=True)
class Install:
    browser: Browser
    where: str
    version: Version | None
    channel: str = ""  # "esr" when the install itself says so
    how: str = ""  # dpkg, ini, snap, flatpak, app_bundle, windows_installer, ...
    judgement: Judgement | None = None
    package: str = ""  # the distribution's package (dpkg installs)
    # What the distribution offers, from apt's simulation: None when it could not be told,
    # "" when no newer version is offered, else the version apt would install.
    offered: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.browser.id, "name": self.browser.name, "where": self.where,
                "version": self.version.raw if self.version else None,
                "channel": self.channel or None, "how": self.how,
                **({"package": self.package, "offered": self.offered}
                   if self.package and self.offered is not None else {}),
                **(self.judgement.to_json() if self.judgement else {})}


def load_browsers() -> tuple[DataFile, list[Browser]]:
    data = load_data(DATA_NAME, required=("id", "name", "versions", "match"))
    return data, browsers_from(data)


UNKNOWN_ID = "unknown"


def unknown_browser(name: str) -> Browser:
    """A browser Checkup has no release facts for, named as the machine names it."""
    return Browser(id=UNKNOWN_ID, name=name, scheme="untracked", versions={}, match={},
                   linux_versions=())


# -- what was found ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Seen:
    """One system family's installed-apps inventory, the Tor Browser search, and every
    browser install found in them (judged once decided)."""
    family: str
    inventory: apps.AppInventory
    tor: TorSearch
    installs: Sequence[Install]
