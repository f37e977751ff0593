"""Whose browser a Tor Browser-like folder holds, from its ``application.ini`` ``[App]``
section as ``browsers.versions.parse_application_ini`` returns it (pure).

Tor Browser's says ``Vendor=Tor Project`` and ``Name=Firefox`` (its Linux profile lives in
``~/.tor project/firefox``, named from those two fields); other Firefox-based bundles, and a
plain Firefox, name someone else."""

from __future__ import annotations

from collections.abc import Mapping

from checks.catalog.tor_browser.facts import (
    TOR_NAMES,
    TOR_OTHER,
    TOR_UNVERIFIED,
    TOR_VENDOR,
    TOR_VERIFIED,
)


def identity_of(ini: Mapping[str, str] | None) -> str:
    """Whether an application.ini's [App] section is Tor Browser's."""
    if ini is None:
        return TOR_UNVERIFIED
    vendor = ini.get("Vendor", "").strip().lower()
    name = ini.get("Name", "").strip().lower()
    return TOR_VERIFIED if vendor == TOR_VENDOR and name in TOR_NAMES else TOR_OTHER


def ini_line(ini: Mapping[str, str]) -> str:
    """The evidence line: what the [App] section says (machine text, untranslated)."""
    return (f"Vendor={ini.get('Vendor', '?')}, Name={ini.get('Name', '?')}, "
            f"Version={ini.get('Version', '?')}")


def product_of(ini: Mapping[str, str] | None) -> str:
    """"Vendor Name" as written, at most 80 characters; "" without an application.ini."""
    if ini is None:
        return ""
    return " ".join(v for v in (ini.get("Vendor", "").strip(), ini.get("Name", "").strip())
                    if v)[:80]
