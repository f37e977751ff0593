"""The auto-updates check's sentences."""

from __future__ import annotations

from checks.engine.i18n import Message, msg, msg_n

# -- Linux: the system's own packages ---------------------------------------------------


def tails_not_applicable() -> Message:
    return msg("Tails checks for its own upgrades each time it starts and offers to install "
               "them; there is nothing to set up.")


def ostree_unknown() -> Message:
    return msg("This is an image-based system (ostree). Checkup cannot yet read how it "
               "updates; look at its software updater's settings.")


def unknown_package_manager(system: str) -> Message:
    return msg("Checkup does not know how {system} installs updates, so it cannot tell whether "
               "they install by themselves.", system=system)


def mint_automation_on() -> Message:
    return msg("Linux Mint's Update Manager installs updates by itself.")


def apt_conf_unreadable() -> Message:
    return msg("Checkup could not read apt's configuration, so it cannot tell whether updates "
               "install by themselves.")


def apt_daily_jobs_off() -> Message:
    return msg("apt's daily jobs are turned off, so updates never install by themselves.")


def unattended_upgrades_off() -> Message:
    return msg("Automatic installation of security updates (unattended-upgrades) is not "
               "turned on.")


def unattended_upgrades_missing() -> Message:
    return msg("Automatic updates are switched on in apt's settings, but the program that "
               "installs them (unattended-upgrades) is not installed.")


def apt_timer_off() -> Message:
    return msg("unattended-upgrades is set up, but the daily timer that runs it is switched "
               "off.")


def apt_runner_unconfirmed() -> Message:
    return msg("unattended-upgrades is set up, but Checkup could not confirm that anything "
               "runs it every day.")


def no_security_origin() -> Message:
    return msg("unattended-upgrades runs, but it is not set to install security updates.")


def lists_not_refreshed() -> Message:
    return msg("Security updates install by themselves, but the list of available updates is "
               "not refreshed automatically, so new fixes may not be seen.")


def unattended_upgrades_on() -> Message:
    return msg("Security updates install by themselves every day (unattended-upgrades).")


def dnf_automatic_installs() -> Message:
    return msg("Updates install by themselves (dnf-automatic).")


def dnf_automatic_conf_unreadable() -> Message:
    return msg("dnf-automatic runs, but Checkup could not read whether it installs updates "
               "or only downloads them.")


def dnf_automatic_does_not_apply() -> Message:
    return msg("dnf-automatic runs, but it only downloads updates or tells you about them; it "
               "does not install them (apply_updates is off).")


def timers_unreadable() -> Message:
    return msg("Checkup could not read which system timers are enabled, so it cannot tell "
               "whether updates install by themselves.")


def dnf_automatic_off() -> Message:
    return msg("No automatic installation of updates is set up (dnf-automatic is not "
               "enabled).")


def yum_cron_installs() -> Message:
    return msg("Updates install by themselves (yum-cron).")


def yum_cron_does_not_apply() -> Message:
    return msg("yum-cron runs, but it only downloads updates or tells you about them; it "
               "does not install them (apply_updates is not \u201cyes\u201d in "
               "/etc/yum/yum-cron.conf).")


def yum_cron_conf_unreadable() -> Message:
    return msg("yum-cron runs, but Checkup could not read whether it installs updates "
               "(/etc/yum/yum-cron.conf).")


def yum_cron_off() -> Message:
    return msg("No automatic installation of updates is set up (yum-cron is installed but "
               "not enabled).")


def transactional_update_on() -> Message:
    return msg("Updates install by themselves (transactional-update) and take effect at the "
               "next restart.")


def nothing_set_up() -> Message:
    return msg("No automatic installation of updates is set up on this system.")


def pacman_by_hand() -> Message:
    return msg("Nothing installs updates by themselves: on this system you must remember to "
               "update (pacman -Syu).")


def arch_update_weekly() -> Message:
    return msg("Arch-based systems expect updates by hand; update at least weekly.")


# -- Linux: the desktop's software centre -----------------------------------------------


def only_flatpak_updates() -> Message:
    return msg("Only apps from Flatpak update by themselves (GNOME Software). System security "
               "updates wait until you install them.")


def gnome_software_apps_only() -> Message:
    return msg("GNOME Software updates Flatpak apps by itself; it does not install system "
               "updates without you.")


def kde_discover_unconfirmed() -> Message:
    return msg("KDE Discover is set to install updates by itself, but Checkup cannot confirm "
               "that this covers system security updates here. Check in System Settings, "
               "Software Update.")


# -- macOS --------------------------------------------------------------------------------


def macos_settings_unreadable() -> Message:
    return msg("Checkup could not read macOS's software update settings. Open System Settings, "
               "General, Software Update, Automatic Updates to see them.")


def app_store_updates(on: bool) -> Message:
    if on:
        return msg("Apps from the App Store update by themselves.")
    return msg("Apps from the App Store do not update by themselves.")


def default_is_on() -> Message:
    return msg("Settings missing from the file use macOS's default, which is on.")


def managed_settings() -> Message:
    return msg("Some of these settings are set by an organisation that manages this Mac.")


def macos_no_check() -> Message:
    return msg("macOS does not check for updates by itself.")


def security_responses_off() -> Message:
    return msg("Urgent security fixes (Security Responses and system files) do not install by "
               "themselves.")


def macos_no_download() -> Message:
    return msg("macOS does not download updates by itself, so they wait until you install "
               "them.")


def macos_install_off() -> Message:
    return msg("macOS updates are downloaded but wait for you to install them.")


def xprotect_off() -> Message:
    return msg("macOS's malware definitions (XProtect) do not update by themselves.")


def macos_install_unrecorded() -> Message:
    return msg("Security Responses install by themselves, but Checkup found no record of the "
               "setting that installs macOS updates. Check that Install macOS updates is on in "
               "System Settings, General, Software Update, Automatic Updates.")


def macos_all_on() -> Message:
    return msg("macOS checks for, downloads and installs updates and Security Responses by "
               "itself.")


# -- Windows ------------------------------------------------------------------------------


def update_server(server: str) -> Message:
    return msg("Updates come from an update server run by an organisation ({server}); it "
               "decides which updates this computer gets.", server=server)


def deferred(n: int) -> Message:
    return msg_n("A policy delays security updates by {n} day after their release.",
                 "A policy delays security updates by {n} days after their release.", n)


def service_off() -> Message:
    return msg("The Windows Update service is turned off, so no updates install.")


def policy_off() -> Message:
    return msg("A policy on this computer turns automatic updates off.")


def policy_notify_only() -> Message:
    return msg("A policy makes Windows only tell you about updates; it neither downloads nor "
               "installs them by itself.")


def policy_download_only() -> Message:
    return msg("A policy makes Windows download updates but wait for you to install them.")


def paused_until(date: str) -> Message:
    return msg("Windows updates are paused until {date}.", date=date)


def service_unreadable() -> Message:
    return msg("Checkup could not read the settings of the Windows Update service, so it "
               "cannot tell whether updates install by themselves.")


def metered_waits() -> Message:
    return msg("Windows installs updates by itself, but this computer is on a metered "
               "connection, so Windows waits to download most of them.")


def policy_installs() -> Message:
    return msg("A policy makes Windows download and install updates by itself.")


def windows_default() -> Message:
    return msg("Nothing stops Windows Update, so Windows downloads and installs updates by "
               "itself (its default).")
