"""Secure messaging: which messengers are on this computer, and do they protect
conversations end to end by default.

The facts about each messenger (end-to-end encryption by default for one-to-one and group
conversations, caveats, discontinuation dates, and how the app shows itself on each OS) live
in ``resources/data/messengers.json`` (schema "messengers", loaded with
``checks.engine.datafile.load_data``), each claim with its source. Apps are found through the shared
inventory in ``checks/catalog/readers/apps.py``.

Caveats are translatable: the data file stores each caveat as ``{"id", "text", "source"}``
and ``messages.py`` holds the same English text as an ``N_()`` message keyed by id
(``CAVEATS``), so it goes through gettext. A test keeps both texts identical. A caveat id the
module does not know (a newer data file) is shown with the data file's English text.

Signal Desktop's local key: Signal keeps the key to its message database in
``config.json`` — ``encryptedKey`` when the key is protected by the OS keystore (Keychain,
DPAPI, a Linux keyring), a plain ``key`` otherwise; on Linux ``safeStorageBackend`` names the
keyring, and ``basic_text`` means a fixed built-in password, so effectively in clear
(Signal-Desktop app/main.ts ``getSQLKey``; read in ``signal_config.py``). This check reports only WHICH fields exist and
never the key's value; the snapshot recorder (checks/engine/snapshot.py ``SECRET_JSON_FILES``)
keeps field names only.

Verdicts: ``unknown`` when no place that holds applications could be read; ``fail`` (medium)
when a discontinued messenger is installed or no messenger found encrypts end to end by
default; ``attention`` when Signal Desktop's key is readable without the keystore; ``pass``
when at least one messenger that encrypts end to end by default is present;
``not_applicable`` when no messenger is found.
"""

from __future__ import annotations

from checks.catalog.messaging import messages as say
from checks.catalog.messaging.decide import decide
from checks.catalog.messaging.facts import load_messengers
from checks.catalog.messaging.gather import gather
from checks.catalog.readers import apps
from checks.engine.datafile import DataError
from checks.engine.i18n import N_
from checks.engine.model import Evidence, Finding, Status
from checks.engine.registry import On, Scan, spec

CHECK_ID = "secure-messaging"


def secure_messaging(scan: Scan) -> Finding:
    try:
        data, messengers = load_messengers()
    except DataError as exc:
        return Finding(Status.ERROR, say.data_unloadable(),
                       evidence=[Evidence("resources/data/messengers.json", str(exc))])
    return decide(gather(scan, messengers), messengers, data, scan.now())


# Every verdict can come out on every system: the same apps and Signal's config.json exist
# on each (the ERROR above is for a broken data file shipped with Checkup, not a machine).
_VERDICTS = (Status.PASS, Status.ATTENTION, Status.FAIL, Status.UNKNOWN, Status.NOT_APPLICABLE)

spec(
    CHECK_ID, N_("Secure messaging"),
    description=N_("Which messaging apps are on this computer, and whether they protect "
                   "conversations end to end."),
    order=30,
    slot=4,
    systems={family: On(secure_messaging, *_VERDICTS) for family in ("linux", "macos", "windows")},
    files=(
        *apps.FILES,  # the app inventory
        # Signal Desktop's config.json (field names only, never the key)
        "~/.config/Signal/config.json",
        "~/.config/Signal Beta/config.json",
        "~/.var/app/org.signal.Signal/config/Signal/config.json",
        "~/snap/signal-desktop/current/.config/Signal/config.json",
        "~/Library/Application Support/Signal/config.json",
        "~/Library/Application Support/Signal Beta/config.json",
        "~/AppData/Roaming/Signal/config.json",
        "~/AppData/Roaming/Signal Beta/config.json",
    ),
    demos={
        "windows11-bitlocker-keepass": "messaging/windows_signal_teams.json",
        "windows11-home-remote-support": "messaging/windows_skype_only.json",
        "macos12-no-filevault": "messaging/macos_whatsapp_signal_telegram.json",
        "macos15-encrypting-screen-sharing": "messaging/macos_whatsapp_signal_telegram.json",
        "linux-ubuntu2004-unencrypted": "messaging/linux_telegram_snap_only.json",
        "linux-kubuntu-well-kept": "messaging/linux_signal_deb_telegram_flatpak.json",
        "windows10-unencrypted-telegram": "messaging/windows_nothing.json",
        "macos-filevault-signal": "desktop/scenario_sources/macos-signal.json",
        "linux-luks-pending-updates": "messaging/linux_signal_basic_text.json",
    },
)
