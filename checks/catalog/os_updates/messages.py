"""The os-updates check's sentences."""

from __future__ import annotations

from checks.engine.i18n import Message, msg, msg_n

# -- said on every system ----------------------------------------------------------------


def restart_to_take_effect() -> Message:
    return msg("Some installed updates only take effect after the computer restarts.")


def restart_to_finish() -> Message:
    return msg("Updates are installed, but the computer must restart to finish installing "
               "them.")


# -- Linux: what the package manager says -----------------------------------------------


def security_waiting(n: int) -> Message:
    return msg_n("{n} security update is waiting to be installed.",
                 "{n} security updates are waiting to be installed.", n)


def no_security_source() -> Message:
    return msg("No source of security updates seems to be set up on this system, so security "
               "fixes may never reach it.")


def last_looked_stale(n: int, date: str) -> Message:
    return msg_n(
        "This computer last looked for updates {n} day ago (on {date}), so it does not "
        "know about newer security fixes.",
        "This computer last looked for updates {n} days ago (on {date}), so it does not "
        "know about newer security fixes.", n, date=date)


def unlabelled_waiting(n: int) -> Message:
    return msg_n(
        "{n} update is waiting to be installed, and this system does not say whether it "
        "fixes a security problem.",
        "{n} updates are waiting to be installed, and this system does not say which of "
        "them fix security problems.", n)


def listing_unusable(tool: str) -> Message:
    return msg("Checkup could not read which updates are waiting: {tool} gave no usable "
               "answer.", tool=tool)


def never_refreshed() -> Message:
    return msg("This computer has never downloaded the list of available updates, so an empty "
               "list proves nothing.")


def refresh_unknown() -> Message:
    return msg("Checkup could not tell when this computer last looked for updates, so it "
               "cannot say that nothing is waiting.")


def newest_information_old(n: int, date: str) -> Message:
    return msg_n(
        "The newest update information on this computer is {n} day old (from "
        "{date}). Checkup cannot tell whether it has looked for updates since.",
        "The newest update information on this computer is {n} days old (from "
        "{date}). Checkup cannot tell whether it has looked for updates since.",
        n, date=date)


def last_looked_not_recent(n: int, date: str) -> Message:
    return msg_n(
        "This computer last looked for updates {n} day ago (on {date}). Fixes "
        "published since then are not known to it yet.",
        "This computer last looked for updates {n} days ago (on {date}). Fixes "
        "published since then are not known to it yet.", n, date=date)


def sources_need_admin() -> Message:
    return msg("Some update sources could not be read without administrator rights, so "
               "Checkup cannot say that nothing is waiting.")


def non_security_waiting(n: int) -> Message:
    return msg_n(
        "{n} update is waiting to be installed; it is not marked as a security fix.",
        "{n} updates are waiting to be installed; none is marked as a security fix.", n)


def linux_up_to_date(date: str) -> Message:
    return msg("No updates are waiting, and this computer looked for updates on {date}.",
               date=date)


def restart_overdue(n: int, date: str) -> Message:
    return msg_n(
        "Installed updates have been waiting {n} day for a restart (since {date}); until "
        "then the old, vulnerable versions keep running.",
        "Installed updates have been waiting {n} days for a restart (since {date}); "
        "until then the old, vulnerable versions keep running.", n, date=date)


# -- Linux: the system and what else installs software ----------------------------------


def tails_not_applicable() -> Message:
    return msg("Tails is updated as a whole by its own upgrader when it starts; its version is "
               "judged by the check on whether this system is still supported.")


def ostree_unknown() -> Message:
    return msg("This is an image-based system (ostree). Checkup cannot yet read its update "
               "state; open its software updater to see whether updates are waiting.")


def unknown_package_manager(system: str) -> Message:
    return msg("Checkup does not know how {system} installs updates, so it could not check "
               "them. Use the system's own updater to see whether updates are waiting.",
               system=system)


def dnf_cache_needs_admin() -> Message:
    return msg("On this system the package manager may need an administrator to refresh its "
               "cache before an ordinary user can read it.")


def snap_last_looked(date: str) -> Message:
    return msg("Snap apps last looked for updates on {date}.", date=date)


def snap_held_forever() -> Message:
    return msg("Snap app updates are on hold with no end date.")


def snap_held_until(date: str) -> Message:
    return msg("Snap app updates are on hold until {date}.", date=date)


def flatpak_not_checked() -> Message:
    return msg("Flatpak apps were not checked: flatpak can only list their updates by "
               "contacting its servers, which Checkup never does.")


def qubes_template() -> Message:
    return msg("In Qubes OS, this qube's software comes from its template: install updates "
               "with the Qubes Update tool.")


# -- macOS --------------------------------------------------------------------------------


def macos_no_record() -> Message:
    return msg("Checkup could not read macOS's software update record. Open System Settings, "
               "General, Software Update to see whether updates are waiting.")


def macos_record_caveat() -> Message:
    return msg("macOS does not always keep this record up to date. To be sure, open System "
               "Settings, General, Software Update.")


def macos_waiting(n: int, date: str, names: str) -> Message:
    return msg_n(
        "macOS recorded {n} update waiting to be installed when it last checked, on "
        "{date}: {names}.",
        "macOS recorded {n} updates waiting to be installed when it last checked, on "
        "{date}: {names}.", n, date=date, names=names)


def apple_does_not_label_security() -> Message:
    return msg("Apple does not say which updates fix security problems; nearly every macOS "
               "update does.")


def macos_check_date_unknown() -> Message:
    return msg("macOS's record does not say when it last checked for updates, so Checkup "
               "cannot say that nothing is waiting.")


def macos_stale(n: int, date: str) -> Message:
    return msg_n(
        "macOS last checked for updates {n} day ago (on {date}) and has installed "
        "nothing since, so newer security fixes are missing.",
        "macOS last checked for updates {n} days ago (on {date}) and has installed "
        "nothing since, so newer security fixes are missing.", n, date=date)


def macos_found_unlisted() -> Message:
    return msg("macOS's record does not list which updates were found at its last check.")


def macos_nothing_then(n: int, date: str) -> Message:
    return msg_n(
        "Nothing was waiting when macOS last checked for updates, {n} day ago (on "
        "{date}). Fixes published since then are not known yet.",
        "Nothing was waiting when macOS last checked for updates, {n} days ago (on "
        "{date}). Fixes published since then are not known yet.", n, date=date)


def macos_up_to_date(date: str) -> Message:
    return msg("No updates were waiting when macOS last checked for them, on {date}.",
               date=date)


# -- Windows ------------------------------------------------------------------------------


def metered_waits() -> Message:
    return msg("This computer is on a metered connection: Windows waits to download most "
               "updates until it is on an unmetered one.")


def service_off() -> Message:
    return msg("The Windows Update service is turned off, so Windows cannot install security "
               "updates.")


def paused_until(date: str) -> Message:
    return msg("Windows updates are paused until {date}; no security fixes are installed "
               "until then.", date=date)


def feature_updates_paused() -> Message:
    return msg("Feature updates (new Windows versions) are paused; security updates are not.")


def last_install_unknown() -> Message:
    return msg("Checkup could not find when Windows last installed an update. Open Settings, "
               "Windows Update, Update history to see it.")


def windows_stale(n: int, date: str) -> Message:
    return msg_n(
        "Windows has not installed an update for {n} day (the last on {date}), so "
        "recent security fixes are missing.",
        "Windows has not installed an update for {n} days (the last on {date}), so "
        "recent security fixes are missing.", n, date=date)


def monthly_missing(release: str, date: str) -> Message:
    return msg("The monthly Windows security update released on {release} is not installed "
               "yet; the last update was installed on {date}.", release=release, date=date)


def history_only(date: str) -> Message:
    return msg("Windows Update's history shows an update installed on {date}, but Checkup could "
               "not confirm that it was the monthly security update. Open Settings, Windows "
               "Update, Update history to see it.", date=date)


def monthly_installed(date: str) -> Message:
    return msg("Windows installed the latest monthly update on {date}.", date=date)


def monthly_installed_no_restart(date: str) -> Message:
    return msg("Windows installed the latest monthly update on {date}; nothing is waiting for a "
               "restart.", date=date)
