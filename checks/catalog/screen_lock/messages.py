"""The screen-lock check's sentences."""

from __future__ import annotations

from checks.engine.i18n import Message, msg, msg_n

# -- any system ---------------------------------------------------------------------------


def locks_right_away() -> Message:
    return msg("The screen locks by itself right away when the computer is left idle, "
               "and asks for the password.")


def locks_after(minutes: int) -> Message:
    return msg_n(
        "The screen locks by itself after about {n} minute of inactivity and asks for "
        "the password.",
        "The screen locks by itself after about {n} minutes of inactivity and asks for "
        "the password.", minutes)


def account_password_unseen() -> Message:
    # The lock asks for the account's password: whether the account has one at all needs
    # administrator rights to see, so the person is told so.
    return msg("Checkup cannot see whether your account has a password: an account "
               "without one still opens without asking.")


def locks_too_late(minutes: int) -> Message:
    return msg_n(
        "The screen locks only after about {n} minute of inactivity. Ten minutes or less "
        "is safer.",
        "The screen locks only after about {n} minutes of inactivity. Ten minutes or less "
        "is safer.", minutes)


# -- Linux --------------------------------------------------------------------------------


def gnome_how() -> Message:
    return msg("Open Settings, then Privacy (or Privacy & Security), then Screen Lock, and "
               "check the automatic lock and the blank-screen delay.")


def mate_how() -> Message:
    return msg("Open the Control Center, then Screensaver: check \u201cLock screen when "
               "screensaver is active\u201d and \u201cActivate screensaver when computer is "
               "idle\u201d, and set the idle time to ten minutes or less.")


def screensaver_never_starts() -> Message:
    return msg("The screensaver never starts by itself, so the screen never locks when the "
               "computer is left alone.")


def xfce_how() -> Message:
    return msg("Open the Settings Manager, then Screensaver. On the Screensaver tab turn on "
               "\u201cActivate screensaver when computer is idle\u201d; on the Lock Screen tab "
               "turn on \u201cEnable Lock Screen\u201d and \u201cLock Screen with "
               "Screensaver\u201d. Ten minutes or less in all is safer.")


def xscreensaver_how() -> Message:
    return msg("Open XScreenSaver's settings (xscreensaver-settings): set \u201cBlank "
               "After\u201d to ten minutes or less and turn on \u201cLock Screen After\u201d.")


def wayland_how() -> Message:
    return msg("With sway, Hyprland and similar desktops an idle program (swayidle or "
               "hypridle) locks the screen: give it a timeout of ten minutes or less that "
               "runs your screen locker, such as swaylock or hyprlock.")


def no_idle_daemon() -> Message:
    return msg("No idle program (swayidle or hypridle) was seen running, so Checkup cannot "
               "tell whether the screen locks by itself.")


def idle_daemon_unseen(daemon: str) -> Message:
    return msg("{daemon} runs, but Checkup could not see what it was told to do: neither its "
               "settings file nor the desktop's start-up settings say.", daemon=daemon)


def light_locker_how() -> Message:
    return msg("Open the Settings Manager, then Power Manager, and look at when the display "
               "is blanked; then at Light Locker's settings: it should lock soon after the "
               "screen blanks.")


def no_locker_seen() -> Message:
    return msg("No screen locker was seen running (Xfce uses xfce4-screensaver, light-locker "
               "or xscreensaver), so Checkup cannot tell whether the screen locks by itself.")


def light_locker_blank_time_unknown() -> Message:
    return msg("Light Locker locks the screen after it blanks, but when the screen blanks "
               "is set by the power manager, which Checkup does not read yet.")


def kde_how() -> Message:
    return msg("Open System Settings, then Screen Locking, and check \u201cLock screen "
               "automatically\u201d.")


def desktop_unreadable() -> Message:
    return msg("Checkup could not read the screen lock settings of this desktop.")


def desktop_not_understood() -> Message:
    return msg("Checkup could not understand the screen lock settings of this desktop.")


def auto_lock_off() -> Message:
    return msg("The screen never locks by itself: automatic screen lock is off.")


def never_blanks() -> Message:
    return msg("The screen never goes blank by itself (the idle delay is set to never), so "
               "it never locks.")


def lockdown_unread() -> Message:
    return msg("The screen is set to lock by itself, but Checkup could not read whether "
               "locking the screen is switched off altogether (the desktop's lockdown "
               "setting).")


def lockdown_how() -> Message:
    return msg("To check, press Super+L (the Windows key and L): if the screen does not lock, "
               "locking is switched off. The setting is "
               "org.gnome.desktop.lockdown disable-lock-screen; it should be false.")


def desktop_unknown() -> Message:
    return msg("Checkup could not tell which desktop is in use, so it could not read its "
               "screen lock settings.")


def desktop_unsupported(desktop: str) -> Message:
    return msg("Checkup does not yet know how to read the screen lock settings of the "
               "{desktop} desktop.", desktop=desktop)


def other_desktop_how() -> Message:
    return msg("Look in your desktop's settings for \u201cScreen lock\u201d or "
               "\u201cScreensaver\u201d: it should lock after ten minutes or less and ask for "
               "your password.")


# -- macOS --------------------------------------------------------------------------------


def macos_how() -> Message:
    return msg("Open System Settings, then Lock Screen: \u201cRequire password after screen "
               "saver begins or display is turned off\u201d should be immediate or short, and "
               "the display should turn off after ten minutes or less.")


def macos_no_password() -> Message:
    return msg("This Mac does not ask for the password when the screen saver starts or the "
               "display turns off.")


def macos_password_unread() -> Message:
    return msg("Checkup could not read whether this Mac asks for the password after the "
               "display turns off.")


def macos_never_idle() -> Message:
    return msg("The display never turns off and the screen saver never starts, so the screen "
               "never locks by itself.")


def macos_idle_unread() -> Message:
    return msg("Checkup could not read how soon the display turns off or the screen saver "
               "starts.")


# -- Windows ------------------------------------------------------------------------------


def windows_how() -> Message:
    return msg("Open Settings, then Accounts, then Sign-in options, and set \u201cIf you've "
               "been away, when should Windows require you to sign in again?\u201d; then, under "
               "System, Power, set the screen and sleep times to ten minutes or less.")


def display_off_only(minutes: int) -> Message:
    return msg_n(
        "The screen turns off after about {n} minute and Windows asks for the password "
        "when it wakes. On many newer laptops turning the screen off also locks them; "
        "on others only sleep does, later or never. Checkup cannot tell which kind "
        "this computer is.",
        "The screen turns off after about {n} minutes and Windows asks for the password "
        "when it wakes. On many newer laptops turning the screen off also locks them; "
        "on others only sleep does, later or never. Checkup cannot tell which kind "
        "this computer is.", minutes)


def display_off_how() -> Message:
    return msg("To find out, leave the computer alone until the screen turns off, then "
               "press a key: if it asks for your password, it locks. If it does not, set "
               "it to sleep after ten minutes or less (Settings, System, Power).")


def windows_lock_settings_unread() -> Message:
    return msg("Checkup could not read all of this computer's lock settings.")


def windows_never_locks() -> Message:
    return msg("Windows does not always lock by itself when left alone: on battery or when "
               "plugged in, no sleep with sign-in on wake, no locking screen saver and no "
               "inactivity limit is set.")


def windows_power_unread() -> Message:
    return msg("Checkup could not read this computer's sleep and lock settings.")
