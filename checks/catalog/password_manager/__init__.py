"""Password manager: is a standalone password manager installed?

A password manager lets each account have its own long, random password, so one leaked
password does not open the others, and it will not fill a password into a look-alike phishing
site. Checkup looks for the apps listed in ``resources/data/password-managers.json`` through
the shared app inventory (``checks/catalog/readers/apps.py``).

Verdicts: ``pass`` when a maintained standalone password manager is installed; ``attention``
when the only one found is no longer maintained (KeePassX); ``unknown`` when none is found (a
browser's built-in manager or a browser-only service may be in use, and Checkup never opens
browser profiles; the self-assessment asks) or the applications could not be listed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from checks.catalog.readers import apps
from checks.catalog.readers.sentences import join_list
from checks.engine.datafile import DataError, DataFile, load_data
from checks.engine.i18n import N_, Message, msg, msg_n
from checks.engine.model import Evidence, Finding, Status
from checks.engine.registry import On, Scan, spec

CHECK_ID = "password-manager"
DATA_NAME = "password-managers"
QUESTION_ID = "password-manager"  # the self-assessment question that asks the person


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


def _manual(family: str) -> Message:
    if family == "windows":
        return msg("To see for yourself, open Settings > Apps > Installed apps and look for a "
                   "password manager.")
    if family == "macos":
        return msg("To see for yourself, open the Applications folder and look for a password "
                   "manager.")
    return msg("To see for yourself, open your application menu or software centre and look "
               "for a password manager.")


def decide(family: str, inventory: apps.AppInventory, managers: Sequence[Manager],
           found: Mapping[str, apps.AppMatch], data: DataFile | None = None) -> Finding:
    """The verdict from what was found (pure)."""
    relevant = [m for m in managers if m.applies_to(family)]
    evidence: list[Evidence] = [Evidence("installed apps", (
        f"{len(inventory.apps)} entries listed from {len(inventory.listed)} of "
        f"{len(inventory.searched)} places: " + "; ".join(inventory.listed))
        if inventory.listed else "no place that holds applications could be read")]
    present = [m for m in relevant if m.id in found]
    for m in present:
        for inst in found[m.id].installs:
            evidence.append(Evidence(inst.location, apps.describe_install(inst)))
        if found[m.id].processes:
            evidence.append(Evidence("running processes", f"{m.name}: "
                                     + apps.describe_processes(found[m.id].processes)))
    data_out: dict[str, Any] = {
        "found": [{"id": m.id, "name": m.name, "kind": m.kind,
                   "installs": [a.to_json() for a in found[m.id].installs],
                   "running": found[m.id].running} for m in present],
        "looked_for": [m.name for m in relevant],
        "question": QUESTION_ID,
    }
    if data is not None:
        data_out["data_gathered"] = data.gathered.isoformat()
    browser_only = [m.name for m in managers if m.kind == "browser_only"]

    maintained = [m for m in present if m.kind == "standalone"]
    old = [m for m in present if m.kind == "discontinued"]
    details: list[Message] = []
    for m in old:
        details.append(msg("{app} is no longer maintained by its makers, so it gets no security "
                           "fixes. KeePassXC opens the same password files: move to it.",
                           app=m.name))
    if maintained:
        names = [m.name for m in maintained]
        details.append(msg("Keep the password manager's main password long and unique, and "
                           "turn on two-factor authentication for its account if it has one."))
        return Finding(Status.PASS, msg_n(
            "A password manager is installed: {apps}. Checkup sees which apps are installed, "
            "not how you use them.",
            "Password managers are installed: {apps}. Checkup sees which apps are installed, "
            "not how you use them.", len(names), apps=join_list(names)),
            evidence=evidence, details=details, data=data_out)
    if old:
        return Finding(Status.ATTENTION, msg(
            "The password manager found, {apps}, is no longer maintained.",
            apps=join_list([m.name for m in old])), evidence=evidence, details=details,
            data=data_out)
    if not inventory.ok:
        for place in inventory.searched:
            evidence.append(Evidence(place, "could not be read"))
        return Finding(Status.UNKNOWN, msg(
            "Checkup could not list the applications on this computer, so it cannot tell "
            "whether a password manager is installed."), evidence=evidence,
            details=[_manual(family)], data=data_out)
    details = [
        msg("You may use the password manager built into your browser or phone, or one that "
            "lives only in the browser (such as {apps}). Checkup never opens browser profiles, "
            "so it cannot see those; the self-assessment asks you instead.",
            apps=join_list(browser_only)),
        _manual(family),
    ]
    return Finding(Status.UNKNOWN, msg(
        "No standalone password manager was found on this computer. Checkup looked for "
        "{apps}.", apps=join_list([m.name for m in relevant])),
        evidence=evidence, details=details, data=data_out)


def load_managers() -> tuple[DataFile, list[Manager]]:
    data = load_data(DATA_NAME, required=("id", "name", "kind", "match"))
    return data, managers_from(data)


def password_manager(scan: Scan) -> Finding:
    try:
        data, managers = load_managers()
    except DataError as exc:
        return Finding(Status.ERROR, msg(
            "Checkup's list of password managers could not be loaded, so this check could not "
            "run. Please report it."),
            evidence=[Evidence("resources/data/password-managers.json", str(exc))])
    family = scan.family
    inventory = apps.app_inventory(scan)
    sigs = {m.id: apps.signature_for(m.match, family) for m in managers if m.applies_to(family)}
    found = apps.match_apps(inventory, sigs, read_text=scan.host.read_text)
    return decide(family, inventory, managers, found, data)


# A shipped data file that cannot be loaded gives an error; like a crash, no snapshot of a
# machine can show it, so it is not among the statuses below.
_STATUSES = (Status.PASS, Status.ATTENTION, Status.UNKNOWN)

spec(
    CHECK_ID, N_("Password manager"),
    description=N_("Whether a password manager is installed."),
    order=38,
    slot=14,
    systems={
        "linux": On(password_manager, *_STATUSES),
        "macos": On(password_manager, *_STATUSES),
        "windows": On(password_manager, *_STATUSES),
    },
    # Nothing is run and nothing is read besides the installed-apps inventory (checks/catalog/readers/apps.py).
    files=apps.FILES,
    demos={
        "windows10-unencrypted-telegram": "password_manager/windows_none.json",
        "macos-filevault-signal": "password_manager/macos_bitwarden_1password.json",
        "linux-luks-pending-updates": "password_manager/linux_none.json",
        "windows11-bitlocker-keepass": "password_manager/windows_keepass.json",
        "windows11-home-remote-support": "password_manager/windows_1password_user_folder.json",
        "macos12-no-filevault": "password_manager/macos_none.json",
        "macos15-encrypting-screen-sharing": "password_manager/macos_bitwarden_1password.json",
        "linux-ubuntu2004-unencrypted": "password_manager/linux_none.json",
        "linux-kubuntu-well-kept": "password_manager/linux_keepassxc_flatpak.json",
    },
)
