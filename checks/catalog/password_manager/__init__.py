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

from checks.catalog.password_manager import messages as say
from checks.catalog.password_manager.decide import decide
from checks.catalog.password_manager.facts import load_managers
from checks.catalog.password_manager.gather import gather
from checks.catalog.readers import apps
from checks.engine.datafile import DataError
from checks.engine.i18n import N_
from checks.engine.model import Evidence, Finding, Status
from checks.engine.registry import On, Scan, spec

CHECK_ID = "password-manager"


def password_manager(scan: Scan) -> Finding:
    try:
        data, managers = load_managers()
    except DataError as exc:
        return Finding(Status.ERROR, say.data_unloadable(),
                       evidence=[Evidence("resources/data/password-managers.json", str(exc))])
    return decide(gather(scan, managers), managers, data)


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
    # Nothing is run and nothing is read besides the installed-apps inventory
    # (checks/catalog/readers/apps.py).
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
