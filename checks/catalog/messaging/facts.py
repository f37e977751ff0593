"""What the secure-messaging check knows: the messengers Checkup looks for (from its data
file), which of them were found and how, and what Signal Desktop's config.json says about its
database key (field names only, never values). Pure: nothing here reads the machine."""

from __future__ import annotations

import stat as _stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from checks.catalog.readers import apps
from checks.engine.datafile import DataFile, load_data

DATA_NAME = "messengers"
DATA_REQUIRED = ("id", "name", "e2ee", "match")

SIGNAL_KEYSTORE, SIGNAL_PLAIN, SIGNAL_BASIC_TEXT, SIGNAL_NO_KEY, SIGNAL_UNREADABLE = (
    "keystore", "plain_key", "basic_text", "no_key", "not_valid_json")


# -- Checkup's own data -----------------------------------------------------------------------

@dataclass(frozen=True)
class Messenger:
    id: str
    name: str
    e2ee_one_to_one: bool
    e2ee_groups: bool
    caveats: tuple[tuple[str, str], ...]  # (id, English text from the data file)
    discontinued: str | None  # ISO date
    match: Mapping[str, Any]

    @property
    def e2ee_by_default(self) -> bool:
        return self.e2ee_one_to_one

    def signature(self, family: str) -> apps.AppSignature:
        return apps.signature_for(self.match, family)

    def applies_to(self, family: str) -> bool:
        return isinstance(self.match.get(family), Mapping)


def messengers_from(data: DataFile) -> list[Messenger]:
    out: list[Messenger] = []
    for e in data.entries:
        e2ee = e.get("e2ee") or {}
        disc = e.get("discontinued")
        caveats = tuple((str(c["id"]), str(c.get("text", ""))) for c in e.get("caveats") or []
                        if isinstance(c, Mapping) and c.get("id"))
        out.append(Messenger(
            id=str(e["id"]), name=str(e["name"]),
            e2ee_one_to_one=e2ee.get("one_to_one") is True,
            e2ee_groups=e2ee.get("groups") is True,
            caveats=caveats,
            discontinued=str(disc["date"]) if isinstance(disc, Mapping) and disc.get("date")
            else None,
            match=e.get("match") or {},
        ))
    return out


def load_messengers() -> tuple[DataFile, list[Messenger]]:
    data = load_data(DATA_NAME, required=DATA_REQUIRED)
    return data, messengers_from(data)


# -- what was found ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Found:
    messenger: Messenger
    match: apps.AppMatch


@dataclass(frozen=True)
class SignalKey:
    """What Signal's config.json says about the database key: field names only, never values."""

    path: str
    state: str  # SIGNAL_KEYSTORE, SIGNAL_PLAIN, SIGNAL_BASIC_TEXT, SIGNAL_NO_KEY, SIGNAL_UNREADABLE
    has_encrypted_key: bool = False
    has_plain_key: bool = False
    backend: str | None = None
    readable_by_others: bool | None = None
    mode: int | None = None

    @property
    def exposed(self) -> bool:
        return self.state in (SIGNAL_PLAIN, SIGNAL_BASIC_TEXT)

    def evidence_text(self) -> str:
        if self.state == SIGNAL_UNREADABLE:
            text = "not valid JSON"
        else:
            parts = ["encryptedKey present" if self.has_encrypted_key else "no encryptedKey",
                     "plain key present" if self.has_plain_key else "no plain key"]
            if self.backend is not None:
                parts.append(f"safeStorageBackend={self.backend}")
            text = ", ".join(parts)
        if self.mode is not None:
            text += f"; mode {_stat.S_IMODE(self.mode):04o}"
        return text + " (values not shown)"

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "state": self.state,
                "has_encrypted_key": self.has_encrypted_key, "has_plain_key": self.has_plain_key,
                "safe_storage_backend": self.backend, "readable_by_others": self.readable_by_others}


@dataclass(frozen=True)
class Seen:
    """The installed-apps inventory of one system family, the messengers it holds, and the
    Signal Desktop settings files read."""
    family: str
    inventory: apps.AppInventory
    found: Sequence[Found]
    signal_keys: Sequence[SignalKey]
