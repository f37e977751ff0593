"""The secure-messaging check's sentences: the caveats and self-checks the data file and
the guidance name by id, the install-channel labels, and every verdict and detail."""

from __future__ import annotations

from collections.abc import Sequence

from checks.catalog.messaging.facts import (
    SIGNAL_BASIC_TEXT,
    SIGNAL_KEYSTORE,
    SIGNAL_NO_KEY,
    SIGNAL_PLAIN,
    Found,
    Messenger,
    SignalKey,
)
from checks.catalog.readers import apps
from checks.catalog.readers.sentences import join_list
from checks.engine.i18n import N_, Message, msg, msg_n

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


def caveat_message(caveat_id: str, english: str) -> Message:
    return msg(CAVEATS.get(caveat_id, english))


def how_installed(found: Found) -> str | Message:
    labels: list[str | Message] = [msg(CHANNEL_LABELS.get(c, c)) for c in found.match.channels]
    if found.match.running and found.match.installs:
        labels.append(msg(RUNNING_LABEL))
    return join_list(labels)


def e2ee_message(m: Messenger) -> Message:
    if m.e2ee_one_to_one and m.e2ee_groups:
        return msg("one-to-one and group conversations are end-to-end encrypted by default.")
    if m.e2ee_one_to_one:
        return msg("one-to-one conversations are end-to-end encrypted by default; group "
                   "conversations are not.")
    return msg("conversations are not end-to-end encrypted by default.")


def messenger_line(found: Found) -> Message:
    m = found.messenger
    return msg("{app} ({how}): {e2ee}", app=m.name, how=how_installed(found),
               e2ee=e2ee_message(m))


def messenger_caveat(app: str, caveat_id: str, english: str) -> Message:
    return msg("{app}: {caveat}", app=app, caveat=caveat_message(caveat_id, english))


def discontinued_detail(app: str, date: str) -> Message:
    return msg(
        "{app} was discontinued by its maker on {date} and no longer receives security "
        "fixes. Uninstall it and move your conversations to a messenger that is still "
        "supported.", app=app, date=date)


def _key_protection(key: SignalKey) -> Message:
    where = key.path
    if key.state == SIGNAL_KEYSTORE:
        if key.backend:
            return msg("Signal Desktop's message database key is protected by the "
                       "system keyring ({backend}).", backend=key.backend)
        return msg("Signal Desktop's message database key is protected by the "
                   "operating system's keystore.")
    if key.state == SIGNAL_PLAIN:
        return msg(
            "Signal Desktop keeps the key to its message database in clear in {path}: anyone "
            "who can read that file can open your messages. Update Signal Desktop, make sure "
            "a keyring (keystore) is available, and restart Signal so that it protects the key.",
            path=where)
    if key.state == SIGNAL_BASIC_TEXT:
        return msg(
            "Signal Desktop protects its message database key only with a built-in password "
            "(the 'basic_text' store), which is as good as keeping it in clear. Make sure a "
            "keyring such as GNOME Keyring or KWallet is available to Signal, then restart it.")
    if key.state == SIGNAL_NO_KEY:
        return msg("Signal Desktop's settings file holds no database key yet: Signal may "
                   "not have been set up on this account.")
    return msg(
        "Signal Desktop's settings file {path} could not be read (it is not valid JSON), "
        "so Checkup cannot tell how the message database key is protected.", path=where)


def signal_key_details(key: SignalKey) -> list[Message]:
    lines = [_key_protection(key)]
    where = key.path
    if key.readable_by_others:
        if key.exposed:
            lines.append(msg("Other user accounts on this computer can read {path}, which "
                             "holds that key.", path=where))
        else:
            lines.append(msg("Other user accounts on this computer can read {path}. The key "
                             "in it is protected, but the file should be private.", path=where))
    return lines


def local_copies() -> Message:
    return msg(
        "This computer holds a copy of the conversations in these apps. Disappearing "
        "messages limit what someone who seizes or searches the laptop can read.")


def data_stale(date: str) -> Message:
    return msg(
        "Checkup's information about messengers was gathered on {date}; their makers may "
        "have changed things since.", date=date)


def manual_check(family: str) -> Message:
    if family == "windows":
        return msg("To see for yourself, open Settings > Apps > Installed apps and look for "
                   "messaging apps.")
    if family == "macos":
        return msg("To see for yourself, open the Applications folder in Finder and look for "
                   "messaging apps.")
    return msg("To see for yourself, open your desktop's application menu or software centre "
               "and look for messaging apps.")


def apps_unlisted() -> Message:
    return msg(
        "Checkup could not list the applications on this computer, so it cannot tell which "
        "messengers are installed. Checkup sees which apps are installed, not how you use "
        "them.")


def discontinued_installed(names: Sequence[str]) -> Message:
    return msg_n(
        "{apps} is installed but no longer supported by its maker, so it receives no "
        "security fixes. Checkup sees which apps are installed, not how you use them.",
        "{apps} are installed but no longer supported by their makers, so they receive no "
        "security fixes. Checkup sees which apps are installed, not how you use them.",
        len(names), apps=join_list(names))


def none_encrypts(names: Sequence[str]) -> Message:
    return msg_n(
        "The only messaging app found, {apps}, does not protect conversations end to end "
        "by default. Checkup sees which apps are installed, not how you use them.",
        "The messaging apps found ({apps}) do not protect conversations end to end by "
        "default. Checkup sees which apps are installed, not how you use them.",
        len(names), apps=join_list(names))


def signal_key_in_clear() -> Message:
    return msg(
        "Signal Desktop keeps the key to its message database where anyone who can "
        "read its settings file can use it. Checkup sees which apps are installed, not "
        "how you use them.")


def signal_key_basic_text() -> Message:
    return msg(
        "Signal Desktop protects the key to its message database only with a built-in "
        "password, which is as good as none. Checkup sees which apps are installed, not "
        "how you use them.")


def secure_found(names: Sequence[str]) -> Message:
    return msg_n(
        "Found a messenger that protects conversations end to end by default: {apps}. "
        "Checkup sees which apps are installed, not how you use them.",
        "Found {n} messengers that protect conversations end to end by default: {apps}. "
        "Checkup sees which apps are installed, not how you use them.",
        len(names), apps=join_list(names))


def none_found(looked_for: Sequence[str]) -> Message:
    return msg(
        "No messaging app was found on this computer. That is fine if you message from your "
        "phone. Checkup looked for {apps}. It sees which apps are installed, not how you use "
        "them.", apps=join_list(looked_for))


def data_unloadable() -> Message:
    return msg(
        "Checkup's list of messaging apps could not be loaded, so this check could not "
        "run. Please report it.")
