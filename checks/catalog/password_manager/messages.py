"""The password-manager check's sentences."""

from __future__ import annotations

from collections.abc import Sequence

from checks.catalog.readers.sentences import join_list
from checks.engine.i18n import Message, msg, msg_n


def manual(family: str) -> Message:
    if family == "windows":
        return msg("To see for yourself, open Settings > Apps > Installed apps and look for a "
                   "password manager.")
    if family == "macos":
        return msg("To see for yourself, open the Applications folder and look for a password "
                   "manager.")
    return msg("To see for yourself, open your application menu or software centre and look "
               "for a password manager.")


def no_longer_maintained(app: str) -> Message:
    return msg("{app} is no longer maintained by its makers, so it gets no security "
               "fixes. KeePassXC opens the same password files: move to it.", app=app)


def keep_main_password_strong() -> Message:
    return msg("Keep the password manager's main password long and unique, and "
               "turn on two-factor authentication for its account if it has one.")


def installed(names: Sequence[str]) -> Message:
    return msg_n(
        "A password manager is installed: {apps}. Checkup sees which apps are installed, "
        "not how you use them.",
        "Password managers are installed: {apps}. Checkup sees which apps are installed, "
        "not how you use them.", len(names), apps=join_list(names))


def only_unmaintained(names: Sequence[str]) -> Message:
    return msg("The password manager found, {apps}, is no longer maintained.",
               apps=join_list(names))


def apps_unlisted() -> Message:
    return msg("Checkup could not list the applications on this computer, so it cannot tell "
               "whether a password manager is installed.")


def browser_managers_unseen(browser_only: Sequence[str]) -> Message:
    return msg("You may use the password manager built into your browser or phone, or one "
               "that lives only in the browser (such as {apps}). Checkup never opens browser "
               "profiles, so it cannot see those; the self-assessment asks you instead.",
               apps=join_list(browser_only))


def none_found(looked_for: Sequence[str]) -> Message:
    return msg("No standalone password manager was found on this computer. Checkup looked for "
               "{apps}.", apps=join_list(looked_for))


def data_unloadable() -> Message:
    return msg("Checkup's list of password managers could not be loaded, so this check could "
               "not run. Please report it.")
