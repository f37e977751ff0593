"""The guest-account check's sentences."""

from __future__ import annotations

from checks.engine.i18n import Message, msg

# -- Windows ------------------------------------------------------------------------------


def windows_how() -> Message:
    return msg("Open Computer Management, then Local Users and Groups, then Users, and check "
               "that the Guest account (it may have a translated name) is disabled. On Home "
               "editions, run \u201cnet user\u201d in a terminal.")


def windows_unreadable() -> Message:
    return msg("Checkup could not read whether the Windows Guest account is enabled.")


def windows_not_understood() -> Message:
    return msg("Checkup could not understand the answer about the Windows Guest account.")


def windows_enabled(name: str) -> Message:
    return msg("The Windows Guest account (\u201c{name}\u201d) is enabled: anyone can sign in "
               "to this computer without a password.", name=name)


def windows_disabled(name: str) -> Message:
    return msg("The Windows Guest account (\u201c{name}\u201d) is "
               "disabled.", name=name)


# -- macOS --------------------------------------------------------------------------------


def macos_how() -> Message:
    return msg("Open System Settings, then Users & Groups, and check that the Guest User is "
               "turned off.")


def macos_on() -> Message:
    return msg("The Guest User is turned on: anyone can use this Mac without a password.")


def macos_guest_limits() -> Message:
    return msg("A guest cannot see your files, but can use the Mac and its network "
               "connection.")


def macos_off() -> Message:
    return msg("The Guest User is turned off.")


def macos_unreadable() -> Message:
    return msg("Checkup could not read whether the Guest User is turned on.")


# -- Linux --------------------------------------------------------------------------------


def no_guest_session() -> Message:
    return msg("This Linux desktop offers no guest session.")


def lightdm_not_understood() -> Message:
    return msg("Checkup could not understand LightDM's guest setting.")


def lightdm_how() -> Message:
    return msg("Look for \u201callow-guest\u201d in the files under /etc/lightdm; it should be "
               "false.")


def guest_session_off() -> Message:
    return msg("The guest session is turned off.")


def guest_session_offered() -> Message:
    return msg("The login screen offers a guest session: anyone can use this computer without "
               "a password.")


def linux_guest_limits() -> Message:
    return msg("A guest cannot see your files, but can use the computer and its network "
               "connection.")
