"""The automatic-login check's sentences."""

from __future__ import annotations

from checks.engine.i18n import Message, msg


def signs_in(user: str) -> Message:
    if user:
        return msg("This computer signs in to the account \u201c{user}\u201d by itself, "
                   "without asking for a password.", user=user)
    return msg("This computer signs in to an account by itself, without asking for a password.")


def anyone_gets_in(where: str) -> Message:
    return msg("Anyone who switches it on gets into that account, even if the "
               "disk is encrypted. Automatic login is set in: {where}.", where=where)


def password_unseen() -> Message:
    return msg("Checkup cannot see whether your account has a password: an "
               "account without one still opens without asking.")


# ============================================================================= Windows
def how_to_windows() -> Message:
    return msg("Press Windows+R, type \u201cnetplwiz\u201d and check that \u201cUsers must "
               "enter a user name and password to use this computer\u201d is ticked (on recent "
               "Windows versions, see Settings, Accounts, Sign-in options).")


def windows_unreadable() -> Message:
    return msg("Checkup could not read whether Windows signs in automatically.")


def windows_off() -> Message:
    return msg("Automatic sign-in is off: Windows does not sign in to an account "
               "by itself.")


def windows_not_understood() -> Message:
    return msg("Checkup could not understand Windows' automatic sign-in setting.")


# =============================================================================== macOS
def how_to_macos() -> Message:
    return msg("Open System Settings, then Users & Groups, and check that \u201cAutomatically "
               "log in as\u201d is set to Off.")


def macos_unreadable() -> Message:
    return msg("Checkup could not read the login window's settings.")


def macos_off() -> Message:
    return msg("Automatic login is off: this Mac does not log in to an account by "
               "itself.")


def macos_not_understood() -> Message:
    return msg("Checkup could not understand the login window's automatic login "
               "setting.")


# =============================================================================== Linux
def inside(kind: Message) -> Message:
    return msg("This system runs inside {kind}: signing in is handled by the "
               "computer around it.", kind=kind)


def live_system() -> Message:
    return msg("This is a live system: it starts fresh each time and keeps nothing "
               "unless you unlock its encrypted storage.")


def how_to_linux() -> Message:
    return msg("Look in your system's settings under Users (or Login Screen) for "
               "\u201cAutomatic login\u201d, and make sure it is off.")


def consoles_unreadable() -> Message:
    return msg("Checkup could not read every place where automatic login on "
               "the text consoles (Ctrl+Alt+F1 to F6) is set up.")


def how_to_consoles() -> Message:
    return msg(
        "In a terminal, \u201cgrep -rs autologin /etc/systemd/system "
        "/usr/lib/systemd/system /lib/systemd/system /etc/inittab\u201d shows a console "
        "automatic login; it should print nothing.")


def linux_not_understood() -> Message:
    return msg("Checkup could not understand the login screen's automatic login "
               "setting.")


def unknown_login_screen(name: str) -> Message:
    return msg("Checkup does not yet know how to read the settings of the login "
               "screen in use ({name}).", name=name)


def linux_off() -> Message:
    return msg("Automatic login is off: the login screen does not sign in to an "
               "account by itself.")


def settings_not_found() -> Message:
    return msg("Checkup could not find the login screen's settings.")
