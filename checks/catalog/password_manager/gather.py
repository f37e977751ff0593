"""Reading the machine for the password-manager check: the shared installed-apps inventory,
matched against each manager's signature for this system. No verdicts here."""

from __future__ import annotations

from collections.abc import Sequence

from checks.catalog.password_manager.facts import Found, Manager
from checks.catalog.readers import apps
from checks.engine.registry import Scan


def gather(scan: Scan, managers: Sequence[Manager]) -> Found:
    family = scan.family
    inventory = apps.app_inventory(scan)
    sigs = {m.id: apps.signature_for(m.match, family) for m in managers if m.applies_to(family)}
    return Found(family, inventory, apps.match_apps(inventory, sigs,
                                                    read_text=scan.host.read_text))
