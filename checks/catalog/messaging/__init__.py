"""Secure messaging: which messengers are on this computer, and do they protect
conversations end to end by default.

The facts about each messenger (end-to-end encryption by default for one-to-one and group
conversations, caveats, discontinuation dates, and how the app shows itself on each OS) live
in ``resources/data/messengers.json`` (schema "messengers", loaded with
``checks.engine.datafile.load_data``), each claim with its source. Apps are found through the shared
inventory in ``checks/catalog/readers/apps.py``.

Caveats are translatable: the data file stores each caveat as ``{"id", "text", "source"}``
and this module holds the same English text as an ``N_()`` message keyed by id
(``CAVEATS``), so it goes through gettext. A test keeps both texts identical. A caveat id the
module does not know (a newer data file) is shown with the data file's English text.

Signal Desktop's local key: Signal keeps the key to its message database in
``config.json`` — ``encryptedKey`` when the key is protected by the OS keystore (Keychain,
DPAPI, a Linux keyring), a plain ``key`` otherwise; on Linux ``safeStorageBackend`` names the
keyring, and ``basic_text`` means a fixed built-in password, so effectively in clear
(Signal-Desktop app/main.ts ``getSQLKey``). This check reports only WHICH fields exist and
never the key's value; the snapshot recorder (checks/engine/snapshot.py ``SECRET_JSON_FILES``)
keeps field names only.

Verdicts: ``unknown`` when no place that holds applications could be read; ``fail`` (medium)
when a discontinued messenger is installed or no messenger found encrypts end to end by
default; ``attention`` when Signal Desktop's key is readable without the keystore; ``pass``
when at least one messenger that encrypts end to end by default is present;
``not_applicable`` when no messenger is found.
"""

from __future__ import annotations

import json
import ntpath
import posixpath
import re
import stat as _stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from checks.catalog.readers import apps
from checks.catalog.readers.sentences import join_list
from checks.engine.datafile import DataError, DataFile, load_data
from checks.engine.host import Host, PlatformInfo
from checks.engine.i18n import N_, Message, msg, msg_n
from checks.engine.model import Evidence, Finding, Severity, Status
from checks.engine.registry import On, Scan, spec

CHECK_ID = "secure-messaging"
DATA_NAME = "messengers"
DATA_REQUIRED = ("id", "name", "e2ee", "match")

# Caveat texts by id, identical to the English "text" of the data file (a test checks it).
CAVEATS: dict[str, str] = {
    "whatsapp_backups": N_(
        "Chat backups to Google Drive or iCloud are not end-to-end encrypted unless you turn "
        "on end-to-end encrypted backup in the app."),
    "unofficial_client": N_(
        "This app is not made by the messenger's own developers: a third party wraps the web "
        "version. Make sure you trust whoever publishes it."),
    "telegram_cloud_chats": N_(
        "Ordinary Telegram chats and all groups are stored on Telegram's servers in a form "
        "Telegram can read. Only secret chats are end-to-end encrypted, and you have to start "
        "them yourself."),
    "telegram_desktop_no_secret_chats": N_(
        "This app (Telegram Desktop) cannot open secret chats at all: everything written in it "
        "goes through Telegram's cloud."),
    "telegram_secret_chats_here": N_(
        "This app can open secret chats (end-to-end encrypted, between two people only). Use "
        "them for anything sensitive: they stay on this device."),
    "element_server_default": N_(
        "The server's administrator can switch off encryption by default for new rooms and "
        "direct messages, and public rooms are usually not encrypted. Look for the shield "
        "icon in each conversation."),
    "session_forward_secrecy": N_(
        "Until its protocol update of December 2025, Session did not use forward secrecy. Keep "
        "the app up to date."),
    "briar_desktop_beta": N_("The desktop version of Briar is still a beta."),
    "deltachat_email_chats": N_(
        "Messages with people who use an ordinary email program are not end-to-end encrypted; "
        "Delta Chat keeps them apart as email chats. Keep the app at version 2 or later."),
    "viber_communities": N_(
        "Viber Communities and Channels work differently from ordinary encrypted groups: they "
        "can be made public, and new members can read the whole history."),
    "skype_private_conversations": N_(
        "Only 'Private Conversations', which you had to start yourself, were end-to-end "
        "encrypted."),
    "wechat_surveillance": N_(
        "Messages are not end-to-end encrypted. Research by the Citizen Lab found that WeChat "
        "scans messages, images and files, including between accounts registered outside "
        "China."),
    "discord_calls_only": N_(
        "Voice and video calls are end-to-end encrypted (the DAVE protocol), but text messages "
        "are not."),
    "slack_workspace_access": N_(
        "Messages are encrypted only on the way to Slack's servers: Slack, and depending on "
        "the plan the workspace's owners, can read them."),
    "teams_calls_opt_in": N_(
        "Chats are not end-to-end encrypted. End-to-end encryption exists only for one-to-one "
        "calls and some meetings, when an administrator allows it and it is turned on."),
    "zoom_e2ee_opt_in": N_(
        "Meetings are end-to-end encrypted only when the host turns it on; by default they are "
        "not."),
    "messenger_groups_opt_in": N_(
        "Since December 2023 one-to-one chats are end-to-end encrypted by default; group chats "
        "are not unless you choose it."),
}

# Protections no scan can see: the guidance asks the person to check them in each app.
SELF_CHECKS: list[tuple[str, str]] = [
    ("disappearing_messages", N_(
        "Turn on disappearing messages in conversations with sources and colleagues, so that a "
        "phone or laptop that is seized or searched holds as little as possible.")),
    ("verify_safety_numbers", N_(
        "Verify the safety number (or security code) with each important contact, in person or "
        "through another channel, so that nobody can slip in between you unnoticed.")),
    ("linked_devices", N_(
        "Open the list of linked devices in each messenger and remove every computer, tablet or "
        "browser you do not recognise or no longer use.")),
    ("registration_lock", N_(
        "Turn on the registration lock or two-step verification (a PIN), so that nobody can "
        "take over your account with your phone number.")),
    ("cloud_backups", N_(
        "Check where your chat backups go: a backup to a cloud account may not be end-to-end "
        "encrypted, and the cloud company can be made to hand it over.")),
    ("lock_screen_previews", N_(
        "Hide message previews on the lock screen, so that messages cannot be read without "
        "unlocking the device.")),
]

CHANNEL_LABELS: dict[str, str] = {
    apps.SYSTEM_PACKAGE: N_("system package"),
    apps.LOCAL_INSTALL: N_("installed in /usr/local"),
    apps.USER_ENTRY: N_("installed for this user"),
    apps.FLATPAK_SYSTEM: N_("Flatpak"),
    apps.FLATPAK_USER: N_("Flatpak for this user"),
    apps.SNAP: N_("Snap"),
    apps.MAC_APPLICATIONS: N_("in the Applications folder"),
    apps.MAC_USER_APPLICATIONS: N_("in your own Applications folder"),
    apps.WIN_ALL_USERS: N_("installed for all users"),
    apps.WIN_THIS_USER: N_("installed for this user"),
    apps.WIN_USER_FOLDER: N_("in your user folder"),
    apps.WIN_STORE: N_("from the Microsoft Store"),
    apps.RUNNING_ONLY: N_("running, installation not found"),
}
RUNNING_LABEL = N_("running now")

SIGNAL_KEYSTORE, SIGNAL_PLAIN, SIGNAL_BASIC_TEXT, SIGNAL_NO_KEY, SIGNAL_UNREADABLE = (
    "keystore", "plain_key", "basic_text", "no_key", "not_valid_json")
_BACKEND_RE = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")


# ---------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------

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


def caveat_message(caveat_id: str, english: str) -> Message:
    return msg(CAVEATS.get(caveat_id, english))


# ---------------------------------------------------------------------------------------
# Signal Desktop's config.json
# ---------------------------------------------------------------------------------------

def signal_config_paths(platform: PlatformInfo) -> list[str]:
    """Where Signal Desktop (and Signal Beta) keep config.json for this user."""
    env = platform.env
    home = apps.home_of(platform)
    family = platform.family
    out: list[str] = []
    if family == "windows":
        appdata = env.get("APPDATA") or (ntpath.join(home, "AppData", "Roaming") if home else "")
        if appdata:
            out += [ntpath.join(appdata, "Signal", "config.json"),
                    ntpath.join(appdata, "Signal Beta", "config.json")]
        return out
    if not home:
        return out
    if family == "macos":
        support = posixpath.join(home, "Library", "Application Support")
        return [posixpath.join(support, "Signal", "config.json"),
                posixpath.join(support, "Signal Beta", "config.json")]
    config_home = env.get("XDG_CONFIG_HOME") or posixpath.join(home, ".config")
    return [
        posixpath.join(config_home, "Signal", "config.json"),
        posixpath.join(config_home, "Signal Beta", "config.json"),
        posixpath.join(home, ".var", "app", "org.signal.Signal", "config", "Signal", "config.json"),
        posixpath.join(home, "snap", "signal-desktop", "current", ".config", "Signal",
                       "config.json"),
    ]


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


def parse_signal_config(text: str | None) -> tuple[str, bool, bool, str | None]:
    """(state, has encryptedKey, has plain key, safeStorageBackend) from config.json text.

    Only the presence of the key fields is kept; their values never leave this function.
    """
    try:
        data = json.loads(text or "")
    except ValueError:
        return SIGNAL_UNREADABLE, False, False, None
    if not isinstance(data, dict):
        return SIGNAL_UNREADABLE, False, False, None
    enc = isinstance(data.get("encryptedKey"), str) and bool(data["encryptedKey"])
    plain = isinstance(data.get("key"), str) and bool(data["key"])
    raw_backend = data.get("safeStorageBackend")
    backend = raw_backend if isinstance(raw_backend, str) and _BACKEND_RE.match(raw_backend) \
        else None
    if plain:
        state = SIGNAL_PLAIN
    elif enc and backend == "basic_text":
        state = SIGNAL_BASIC_TEXT
    elif enc:
        state = SIGNAL_KEYSTORE
    else:
        state = SIGNAL_NO_KEY
    return state, enc, plain, backend


def read_signal_keys(host: Host) -> list[SignalKey]:
    out: list[SignalKey] = []
    family = host.platform.family
    for path in signal_config_paths(host.platform):
        text = host.read_text(path)
        if text is None:
            continue
        state, enc, plain, backend = parse_signal_config(text)
        del text  # the key's value is never kept
        readable: bool | None = None
        mode: int | None = None
        if family in ("linux", "macos"):
            st = host.stat(path)
            if st is not None:
                mode = st.mode
                readable = st.world_readable or st.group_readable
        out.append(SignalKey(path, state, enc, plain, backend, readable, mode))
    return out


def signal_key_details(key: SignalKey) -> list[Message]:
    where = key.path
    lines: list[Message] = []
    if key.state == SIGNAL_KEYSTORE:
        if key.backend:
            lines.append(msg("Signal Desktop's message database key is protected by the "
                             "system keyring ({backend}).", backend=key.backend))
        else:
            lines.append(msg("Signal Desktop's message database key is protected by the "
                             "operating system's keystore."))
    elif key.state == SIGNAL_PLAIN:
        lines.append(msg(
            "Signal Desktop keeps the key to its message database in clear in {path}: anyone "
            "who can read that file can open your messages. Update Signal Desktop, make sure "
            "a keyring (keystore) is available, and restart Signal so that it protects the key.",
            path=where))
    elif key.state == SIGNAL_BASIC_TEXT:
        lines.append(msg(
            "Signal Desktop protects its message database key only with a built-in password "
            "(the 'basic_text' store), which is as good as keeping it in clear. Make sure a "
            "keyring such as GNOME Keyring or KWallet is available to Signal, then restart it."))
    elif key.state == SIGNAL_NO_KEY:
        lines.append(msg("Signal Desktop's settings file holds no database key yet: Signal may "
                         "not have been set up on this account."))
    else:
        lines.append(msg(
            "Signal Desktop's settings file {path} could not be read (it is not valid JSON), "
            "so Checkup cannot tell how the message database key is protected.", path=where))
    if key.readable_by_others:
        if key.exposed:
            lines.append(msg("Other user accounts on this computer can read {path}, which "
                             "holds that key.", path=where))
        else:
            lines.append(msg("Other user accounts on this computer can read {path}. The key "
                             "in it is protected, but the file should be private.", path=where))
    return lines


# ---------------------------------------------------------------------------------------
# Messages
# ---------------------------------------------------------------------------------------

def e2ee_message(m: Messenger) -> Message:
    if m.e2ee_one_to_one and m.e2ee_groups:
        return msg("one-to-one and group conversations are end-to-end encrypted by default.")
    if m.e2ee_one_to_one:
        return msg("one-to-one conversations are end-to-end encrypted by default; group "
                   "conversations are not.")
    return msg("conversations are not end-to-end encrypted by default.")


@dataclass(frozen=True)
class Found:
    messenger: Messenger
    match: apps.AppMatch


def _how(found: Found) -> str | Message:
    labels: list[str | Message] = [msg(CHANNEL_LABELS.get(c, c)) for c in found.match.channels]
    if found.match.running and found.match.installs:
        labels.append(msg(RUNNING_LABEL))
    return join_list(labels)


def _found_json(f: Found) -> dict[str, Any]:
    m = f.messenger
    return {
        "id": m.id, "name": m.name,
        "e2ee_one_to_one": m.e2ee_one_to_one, "e2ee_groups": m.e2ee_groups,
        "running": f.match.running, "channels": f.match.channels,
        "installs": [a.to_json() for a in f.match.installs],
        "processes": sorted({p.name for p in f.match.processes}),
        "discontinued": m.discontinued,
        "caveats": [cid for cid, _ in m.caveats],
    }


def _manual_check(family: str) -> Message:
    if family == "windows":
        return msg("To see for yourself, open Settings > Apps > Installed apps and look for "
                   "messaging apps.")
    if family == "macos":
        return msg("To see for yourself, open the Applications folder in Finder and look for "
                   "messaging apps.")
    return msg("To see for yourself, open your desktop's application menu or software centre "
               "and look for messaging apps.")


# ---------------------------------------------------------------------------------------
# Deciding
# ---------------------------------------------------------------------------------------

def decide(family: str, inventory: apps.AppInventory, messengers: Sequence[Messenger],
           found: Sequence[Found], signal_keys: Sequence[SignalKey],
           data: DataFile | None = None, now: datetime | None = None) -> Finding:
    """The verdict from what was found (pure: no Host access)."""
    relevant = [m for m in messengers if m.applies_to(family)]
    looked_for = [m.name for m in relevant]
    evidence: list[Evidence] = []
    details: list[Message] = []

    evidence.append(Evidence("installed apps", (
        f"{len(inventory.apps)} entries listed from {len(inventory.listed)} of "
        f"{len(inventory.searched)} places: " + "; ".join(inventory.listed)
    ) if inventory.listed else "no place that holds applications could be read"))
    for f in found:
        for inst in f.match.installs:
            evidence.append(Evidence(inst.location, apps.describe_install(inst)))
        if f.match.processes:
            evidence.append(Evidence("running processes", f"{f.messenger.name}: "
                                     + apps.describe_processes(f.match.processes)))
    for key in signal_keys:
        evidence.append(Evidence(key.path, key.evidence_text()))

    data_out: dict[str, Any] = {
        "messengers": [_found_json(f) for f in found],
        "looked_for": looked_for,
        "signal_desktop_keys": [k.to_json() for k in signal_keys],
        "places_listed": list(inventory.listed),
        "places_not_readable": [p for p in inventory.searched if p not in inventory.listed],
    }
    if data is not None:
        data_out["data_gathered"] = data.gathered.isoformat()

    secure = [f for f in found if f.messenger.e2ee_by_default]
    discontinued = [f for f in found if f.messenger.discontinued]

    for f in found:
        m = f.messenger
        details.append(msg("{app} ({how}): {e2ee}", app=m.name, how=_how(f),
                           e2ee=e2ee_message(m)))
        for cid, english in m.caveats:
            details.append(msg("{app}: {caveat}", app=m.name, caveat=caveat_message(cid, english)))
        if m.discontinued:
            details.append(msg(
                "{app} was discontinued by its maker on {date} and no longer receives security "
                "fixes. Uninstall it and move your conversations to a messenger that is still "
                "supported.", app=m.name, date=m.discontinued))
    for key in signal_keys:
        details.extend(signal_key_details(key))
    if found:
        details.append(msg(
            "This computer holds a copy of the conversations in these apps. Disappearing "
            "messages limit what someone who seizes or searches the laptop can read."))
    if data is not None and now is not None and data.is_stale(now):
        details.append(msg(
            "Checkup's information about messengers was gathered on {date}; their makers may "
            "have changed things since.", date=data.gathered.isoformat()))

    names = [f.messenger.name for f in found]
    exposed = [k for k in signal_keys if k.exposed]

    if not inventory.ok:
        details = [_manual_check(family), *details]
        for place in inventory.searched:
            evidence.append(Evidence(place, "could not be read"))
        return Finding(Status.UNKNOWN, msg(
            "Checkup could not list the applications on this computer, so it cannot tell which "
            "messengers are installed. Checkup sees which apps are installed, not how you use "
            "them."), evidence=evidence, details=details, data=data_out)

    if discontinued:
        dn = [f.messenger.name for f in discontinued]
        return Finding(Status.FAIL, msg_n(
            "{apps} is installed but no longer supported by its maker, so it receives no "
            "security fixes. Checkup sees which apps are installed, not how you use them.",
            "{apps} are installed but no longer supported by their makers, so they receive no "
            "security fixes. Checkup sees which apps are installed, not how you use them.",
            len(dn), apps=join_list(dn)),
            severity=Severity.MEDIUM, evidence=evidence, details=details, data=data_out)

    if found and not secure:
        return Finding(Status.FAIL, msg_n(
            "The only messaging app found, {apps}, does not protect conversations end to end "
            "by default. Checkup sees which apps are installed, not how you use them.",
            "The messaging apps found ({apps}) do not protect conversations end to end by "
            "default. Checkup sees which apps are installed, not how you use them.",
            len(names), apps=join_list(names)),
            severity=Severity.MEDIUM, evidence=evidence, details=details, data=data_out)

    if exposed:
        if any(k.state == SIGNAL_PLAIN for k in exposed):
            summary = msg(
                "Signal Desktop keeps the key to its message database where anyone who can "
                "read its settings file can use it. Checkup sees which apps are installed, not "
                "how you use them.")
        else:
            summary = msg(
                "Signal Desktop protects the key to its message database only with a built-in "
                "password, which is as good as none. Checkup sees which apps are installed, not "
                "how you use them.")
        return Finding(Status.ATTENTION, summary, evidence=evidence, details=details,
                       data=data_out)

    if secure:
        sn = [f.messenger.name for f in secure]
        return Finding(Status.PASS, msg_n(
            "Found a messenger that protects conversations end to end by default: {apps}. "
            "Checkup sees which apps are installed, not how you use them.",
            "Found {n} messengers that protect conversations end to end by default: {apps}. "
            "Checkup sees which apps are installed, not how you use them.",
            len(sn), apps=join_list(sn)), evidence=evidence, details=details, data=data_out)

    return Finding(Status.NOT_APPLICABLE, msg(
        "No messaging app was found on this computer. That is fine if you message from your "
        "phone. Checkup looked for {apps}. It sees which apps are installed, not how you use "
        "them.", apps=join_list(looked_for)), evidence=evidence, details=details,
        data=data_out)


def secure_messaging(scan: Scan) -> Finding:
    family = scan.family
    try:
        data, messengers = load_messengers()
    except DataError as exc:
        return Finding(Status.ERROR, msg(
            "Checkup's list of messaging apps could not be loaded, so this check could not "
            "run. Please report it."), evidence=[Evidence("resources/data/messengers.json",
                                                          str(exc))])
    inventory = apps.app_inventory(scan)
    relevant = [m for m in messengers if m.applies_to(family)]
    sigs = {m.id: m.signature(family) for m in relevant}
    matches = apps.match_apps(inventory, sigs, read_text=scan.host.read_text)
    found = [Found(m, matches[m.id]) for m in relevant if m.id in matches]
    keys = read_signal_keys(scan.host)
    return decide(family, inventory, messengers, found, keys, data, scan.now())


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
