"""The remote-access check's sentences."""

from __future__ import annotations

from collections.abc import Sequence

from checks.catalog.readers.sentences import join_list
from checks.catalog.remote_access.facts import Hit
from checks.engine.i18n import N_, Message, msg, msg_n

# The systems' own remote-access features, as the reader's system names them.
SYSTEM_LABELS = {
    "SSH server": N_("SSH server"),
    "Dropbear SSH server": N_("Dropbear SSH server"),
    "xrdp (Remote Desktop server)": N_("xrdp (Remote Desktop server)"),
    "KDE desktop sharing (krfb)": N_("KDE desktop sharing (krfb)"),
    "GNOME desktop sharing (Vino)": N_("GNOME desktop sharing (Vino)"),
    "Remote Login (SSH)": N_("Remote Login (SSH)"),
    "Screen Sharing": N_("Screen Sharing"),
    "Remote Management (Apple Remote Desktop)": N_("Remote Management (Apple Remote Desktop)"),
    "Remote Desktop": N_("Remote Desktop"),
    "OpenSSH server": N_("OpenSSH server"),
}


def display(hit: Hit) -> str | Message:
    """A system feature in the reader's language; a product by its own name."""
    label = SYSTEM_LABELS.get(hit.name)
    return Message(label) if label else hit.name


def _names(hits: Sequence[Hit]) -> str | Message:
    return join_list([display(h) for h in hits])


def data_unloadable() -> Message:
    return msg("Checkup's list of remote-access tools could not be "
               "loaded.")


def data_stale(date: str) -> Message:
    return msg("Checkup's list of remote-access tools was gathered on {date}; "
               "newer tools may be missing from it.", date=date)


def active(hits: Sequence[Hit]) -> Message:
    return msg_n(
        "Remote access is possible on this computer: {names} is running or starts by "
        "itself.",
        "Remote access is possible on this computer: {names} are running or start by "
        "themselves.", len(hits), names=_names(hits))


def legitimate_but() -> Message:
    return msg("Remote-access tools are legitimate and useful, for example when "
               "someone you trust helps you with your computer. They are also a "
               "favourite of scammers and of people who want to watch someone. If "
               "you did not set this up yourself, read the guidance before removing "
               "anything.")


def how_to_look() -> Message:
    return msg("Look through your installed programs for remote-desktop tools, and check "
               "your system's sharing settings for remote login, remote desktop or screen "
               "sharing.")


def unreadable() -> Message:
    return msg("Checkup could not fully check for remote access: it could not see "
               "the running programs or the system's remote-access settings.")


def installed_autostart_unseen(hits: Sequence[Hit]) -> Message:
    return msg_n(
        "{names} is installed and is not running right now. Checkup could not see "
        "whether it is set to start by itself.",
        "{names} are installed and are not running right now. Checkup could not see "
        "whether they are set to start by themselves.", len(hits), names=_names(hits))


def autostart_unseen() -> Message:
    return msg("No remote-access tool is running right now, but Checkup could not "
               "see which programs are set to start by themselves, so it cannot "
               "say that none will.")


def installed_idle(hits: Sequence[Hit]) -> Message:
    return msg_n(
        "{names} is installed, but it is not running and does not start by itself.",
        "{names} are installed, but they are not running and do not start by themselves.",
        len(hits), names=_names(hits))


def removing_closes_a_door() -> Message:
    return msg("If you do not use it, removing it closes a door. If you did not "
               "install it yourself, read the guidance first.")


def none_found() -> Message:
    return msg("No remote-access tool is running or set to start, and the system's own "
               "remote access is off.")
