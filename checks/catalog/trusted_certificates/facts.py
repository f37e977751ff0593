"""What the trusted-certificates check knows: the interception roots and Microsoft's roots
Checkup ships (from its data files), and what one system's reader found (``Collected``).
Pure: nothing here reads the machine."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from checks.catalog.trusted_certificates import store as certstore
from checks.catalog.trusted_certificates.store import CertInfo, Unparsable
from checks.engine.datafile import DataError, DataFile, load_data
from checks.engine.model import Evidence

BLOCKLIST_DATA = "interception-roots"
WINDOWS_DATA = "windows-root-store"


# -- Checkup's own data -----------------------------------------------------------------------

@dataclass(frozen=True)
class InterceptionRoot:
    sha256: str
    name: str
    country: str
    source: str


def blocklist_from(data: DataFile) -> dict[str, InterceptionRoot]:
    out: dict[str, InterceptionRoot] = {}
    for e in data.entries:
        fp = certstore.normalise_fingerprint(str(e["sha256"]))
        if len(fp) != 64:
            raise DataError(f"data file '{data.name}': entry {e.get('id')} has no valid sha256")
        src = e["source"]
        out[fp] = InterceptionRoot(fp, str(e["name"]), str(e.get("country", "")),
                                   src[0] if isinstance(src, list) else str(src))
    return out


def load_blocklist() -> tuple[DataFile, dict[str, InterceptionRoot]]:
    data = load_data(BLOCKLIST_DATA, required=("id", "name", "sha256", "country"))
    return data, blocklist_from(data)


def load_windows_vendor() -> set[str]:
    data = load_data(WINDOWS_DATA, required=("sha1", "name"))
    out = set()
    for e in data.entries:
        fp = certstore.normalise_fingerprint(str(e["sha1"]))
        if len(fp) != 40:
            raise DataError(f"data file '{data.name}': entry {e.get('name')} has no valid sha1")
        out.add(fp)
    return out


# -- what was read ---------------------------------------------------------------------------

@dataclass(frozen=True)
class AddedRoot:
    cert: CertInfo
    where: str  # a path, a keychain or a Windows store
    added_on: date | None = None  # file modified / trust set, where known
    how: str = ""  # "file" | "trust_settings" | "conf" | "" (only in the bundle)

    def to_json(self) -> dict[str, Any]:
        return {**self.cert.to_json(), "where": self.where,
                "added_on": self.added_on.isoformat() if self.added_on else None,
                "how": self.how}


@dataclass(frozen=True)
class Collected:
    """Everything one OS's reader found, before any verdict."""

    family: str
    trusted_read: bool = False  # the set of trusted roots could be read
    vendor_known: bool = False  # the vendor's own list could be read
    trusted_count: int = 0
    vendor_count: int = 0
    seen: list[CertInfo] = field(default_factory=list)  # every certificate looked at
    added: list[AddedRoot] = field(default_factory=list)
    unparsable: list[Unparsable] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # untranslated reasons, for evidence
    # Entries of the trusted set that could not be decoded to a certificate's bytes at all
    # (a damaged bundle block, a store entry that is not base64, a certificate file that
    # cannot be read): without a fingerprint nobody can tell whether they are the vendor's,
    # so they rule out "all come from the vendor". Also in ``unparsable`` where parsed.
    undecodable: list[Unparsable] = field(default_factory=list)
