"""What the password-manager check knows: the managers Checkup looks for (from its data file)
and what it found on the machine. Pure: nothing here reads the machine."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from checks.catalog.readers import apps
from checks.engine.datafile import DataFile, load_data

DATA_NAME = "password-managers"


@dataclass(frozen=True)
class Manager:
    id: str
    name: str
    kind: str  # standalone | discontinued | browser_only
    match: Mapping[str, Any]
    discontinued: str = ""

    def applies_to(self, family: str) -> bool:
        return isinstance(self.match.get(family), Mapping)


def managers_from(data: DataFile) -> list[Manager]:
    return [Manager(str(e["id"]), str(e["name"]), str(e["kind"]), e.get("match") or {},
                    str(e.get("discontinued") or "")) for e in data.entries]


def load_managers() -> tuple[DataFile, list[Manager]]:
    data = load_data(DATA_NAME, required=("id", "name", "kind", "match"))
    return data, managers_from(data)


@dataclass(frozen=True)
class Found:
    """The installed-apps inventory of one system family, and which managers it holds."""
    family: str
    inventory: apps.AppInventory
    found: Mapping[str, apps.AppMatch]
