"""Which functions take machine text, and the one error each may raise on bad input.

``TARGETS``: every public function of the parser modules that is handed tool output, file
contents, registry or PowerShell values, listings, process names or platform facts, with
the exceptions its docstring documents (empty: it never raises; bad input is an answer such
as ``None`` or an empty result). tests/test_fuzz_parsers.py feeds each one mutated real
inputs and random ones.

``NOT_PARSERS``: the other public functions of those modules, each with why it is not fed
random text. tests/test_fuzz_parsers.py fails when a public function appears in a parser
module without being in one of the two tables, and a ``parse_*`` function may only be in
``TARGETS``.
"""

from __future__ import annotations

from checks.catalog.disk_encryption.lsblk import ParseError
from checks.catalog.readers.plist import PlistError
from checks.engine.datafile import DataError


def _catalog_modules() -> tuple[str, ...]:
    """Every module of the catalogue (topic packages, their modules, the shared readers):
    found, so a topic split into modules or a new topic is covered without a list to edit.
    A topic's ``messages`` module is left out: it only builds sentences of ours."""
    import pkgutil

    import checks.catalog

    return tuple(sorted(m.name for m in pkgutil.walk_packages(checks.catalog.__path__,
                                                              "checks.catalog.")
                        if not m.name.endswith(".messages")))


# The engine's two modules that read platform facts, and the whole catalogue.
PARSER_MODULES = ("checks.engine.context", "checks.engine.osinfo", *_catalog_modules())

_CF = "checks.catalog.readers.config_files."
_LI = "checks.catalog.readers.listeners."
_AL = "checks.catalog.automatic_login."
_BV = "checks.catalog.browsers.versions."
_CS = "checks.catalog.trusted_certificates.store."
_DE = "checks.catalog.disk_encryption."
_FW = "checks.catalog.firewall."
_SL = "checks.catalog.screen_lock."
_OU = "checks.catalog.os_updates."
_AU = "checks.catalog.auto_updates."
_UM = "checks.catalog.os_updates.macos."
_UW = "checks.catalog.os_updates.windows."
_APPS = "checks.catalog.readers.apps."
_OS = "checks.engine.osinfo."

TARGETS: dict[str, tuple[type[BaseException], ...]] = {
    # shared readers
    _CF + "parse_ini": (), _CF + "ini_junk": (), _CF + "parse_shell_vars": (),
    _CF + "parse_bool": (), "checks.catalog.readers.plist.parse_plist": (PlistError,),
    "checks.catalog.readers.systemd.parse_systemctl_show": (),
    "checks.catalog.readers.launchd.parse_launchctl_disabled": (), _LI + "is_loopback": (),
    _LI + "parse_proc_net": (), _LI + "parse_ss": (), _LI + "parse_macos_netstat": (),
    _LI + "parse_windows_listeners": (),
    "checks.catalog.readers.settings_db.moved_settings_database": (),
    # automatic login
    _AL + "display_managers.gdm_autologin": (), _AL + "display_managers.lightdm_autologin": (),
    _AL + "display_managers.sddm_autologin": (), _AL + "display_managers.greetd_autologin": (),
    _AL + "getty.getty_autologin": (), _AL + "getty.is_getty_entry": (),
    _AL + "getty.inittab_autologin": (),
    # browsers
    _BV + "parse_version": (), _BV + "debian_upstream_version": (),
    _BV + "parse_application_ini": (), _BV + "parse_mimeinfo_cache": (),
    _BV + "parse_dpkg_status": (), _BV + "parse_snap_yaml": (),
    _BV + "parse_metainfo_release": (), _BV + "parse_tbb_version": (),
    "checks.catalog.tor_browser.identity.identity_of": (),
    "checks.catalog.tor_browser.identity.ini_line": (),
    "checks.catalog.tor_browser.identity.product_of": (),
    # certificates
    _CS + "normalise_fingerprint": (), _CS + "cert_from_der": (), _CS + "parse_pem_bundle": (),
    _CS + "parse_cert_file": (), _CS + "parse_base64_list": (), _CS + "fact_list": (),
    _CS + "parse_ca_certificates_conf": (), _CS + "parse_trust_settings_dump": (),
    _CS + "parse_admin_trust_plist": (),
    # disk encryption
    _DE + "facts.clean_text": (), _DE + "lsblk.parse_lsblk_json": (ParseError,),
    _DE + "sysblock.dm_type": (), _DE + "sysblock.crypt_kind_from_uuid": (),
    _DE + "sysblock.tree_from_sysfs": (), _DE + "proc.unescape": (),
    _DE + "proc.parse_mountinfo": (), _DE + "proc.parse_proc_mounts": (),
    _DE + "proc.parse_swaps": (), _DE + "proc.swaps_heading": (),
    _DE + "native.zfs_encryption_on": (), _DE + "native.lsattr_encrypted": (),
    _DE + "native.fscrypt_encrypted": (), _DE + "native.parse_zfs_get": (),
    _DE + "fdesetup.parse_fdesetup_status": (),
    _DE + "bitlocker.interpret_fact": (), _DE + "bitlocker.interpret_value": (),
    _DE + "bitlocker.is_home_edition": (),
    # firewall
    _FW + "socketfilterfw.parse_alf_state": (), _FW + "socketfilterfw.parse_stealth": (),
    _FW + "socketfilterfw.alf_plist_is_the_setting": (),
    _FW + "windows_values.decode_product_state": (), _FW + "windows_values.registry_flag": (),
    "checks.catalog.firewall.rules.parse_nft_config": (),
    "checks.catalog.firewall.rules.parse_iptables_save": (),
    # guest account, messaging, remote access, sharing
    "checks.catalog.guest_account.win32_useraccount.parse_guest_fact": (),
    "checks.catalog.guest_account.sysadminctl.parse_sysadminctl_guest": (),
    "checks.catalog.remote_access.matching.match_processes": (),
    "checks.catalog.remote_access.matching.match_prefixes": (),
    "checks.catalog.remote_access.matching.names": (),
    "checks.catalog.remote_access.matching.runs": (),
    "checks.catalog.remote_access.matching.starts_at_login": (),
    "checks.catalog.sharing.sharingd.parse_discoverable_mode": (),
    "checks.catalog.sharing.sharingd.air_not_set": (),
    "checks.catalog.sharing.lanman.windows_shares": (),
    "checks.catalog.sharing.baseline.is_windows_baseline": (),
    "checks.catalog.messaging.signal_config.parse_signal_config": (),
    "checks.catalog.messaging.signal_config.signal_config_paths": (),
    # operating system support
    "checks.catalog.os_supported.coverage.parse_pro_status": (),
    "checks.catalog.os_supported.coverage.elts_configured": (),
    "checks.catalog.os_supported.coverage.licensed_esu_years": (),
    "checks.catalog.os_supported.local_ends.iso_date": (),
    "checks.catalog.os_supported.local_ends.parse_distro_info": (),
    "checks.catalog.os_supported.local_ends.support_end_of": (),
    # bundled data, not machine text, but named parse_*: refused with DataError
    "checks.catalog.os_supported.data.parse_programme": (DataError,),
    "checks.catalog.os_supported.data.parse_support": (DataError,),
    # screen lock
    _SL + "gsettings.parse_gsettings_uint": (), _SL + "gsettings.parse_gsettings_bool": (),
    _SL + "gsettings.gsettings_memory_backend": (),
    _SL + "macos_tools.parse_sysadminctl_screenlock": (),
    _SL + "macos_tools.parse_pmset_displaysleep": (), _SL + "macos_tools.parse_pmset_custom": (),
    _SL + "macos_tools.parse_defaults_int": (), _SL + "powercfg.parse_powercfg_values": (),
    _SL + "powercfg.setting_block": (),
    _SL + "xfconf.parse_channel": (), _SL + "xfconf.xfconf_bool": (),
    _SL + "xfconf.xfconf_int": (),
    _SL + "xscreensaver.parse_xscreensaver": (), _SL + "xscreensaver.xs_seconds": (),
    _SL + "xscreensaver.xs_bool": (),
    _SL + "wayland_idle.runs_locker": (), _SL + "wayland_idle.lock_after": (),
    _SL + "wayland_idle.parse_swayidle_config": (),
    _SL + "wayland_idle.swayidle_in_sway_config": (), _SL + "wayland_idle.parse_hypridle": (),
    _SL + "kscreenlocker.kde_daemon_keys": (), _SL + "kscreenlocker.kde_settings": (),
    _SL + "kscreenlocker.xdg_config_dirs": (),
    # secure boot
    "checks.catalog.secure_boot.efivars.parse_efivar_bool": (),
    "checks.catalog.secure_boot.mokutil.parse_mokutil": (),
    "checks.catalog.secure_boot.nvram.parse_apple_policy": (),
    # updates
    _OU + "apt.is_security_origin": (), _OU + "apt.parse_apt_simulation": (),
    _OU + "apt.list_security_sources": (), _OU + "apt.is_release_file": (),
    _OU + "pacman.parse_pacman_qu": (), _OU + "dnf.parse_dnf_check_update": (),
    _OU + "zypper.parse_zypper_xml": (), _OU + "snap.parse_rfc3339": (),
    _OU + "snap.parse_snap_refresh_time": (),
    _AU + "apt_config.parse_apt_config_dump": (), _AU + "apt_config.parse_apt_conf_files": (),
    _AU + "apt_config.periodic_interval_on": (), _AU + "ini.parse_ini": (),
    _AU + "systemctl.parse_is_enabled": (),
    _UM + "load_plist": (), _UM + "load_plist_list": (), _UM + "parse_software_update": (),
    _UM + "version_tuple": (), _UM + "still_pending": (), _UM + "parse_install_history": (),
    _UM + "last_system_install": (), _UM + "last_os_update": (), _UM + "effective_switches": (),
    _UW + "to_int": (), _UW + "filetime_to_datetime": (), _UW + "rollup_packages": (),
    _UW + "parse_iso_utc": (), _UW + "pause_state": (), _UW + "parse_history": (),
    _UW + "last_windows_install": (), _UW + "au_policy": (),
    _UW + "expected_patch_tuesday": (),
    # operating system, context, installed applications
    _OS + "from_os_release": (), _OS + "parse_amnesia_version": (), _OS + "parse_sw_vers": (),
    _OS + "parse_system_version_plist": (), _OS + "from_macos_version": (),
    _OS + "edition_family": (), _OS + "from_windows_registry": (),
    _OS + "is_windows_server": (),
    "checks.engine.context.parse_os_release": (),
    _APPS + "parse_desktop_entry": (), _APPS + "desktop_entry_hidden": (),
    _APPS + "snap_name": (), _APPS + "parse_info_plist": (), _APPS + "url_schemes": (),
    _APPS + "parse_package_full_name": (), _APPS + "normalise_process_name": (),
    _APPS + "process_name_matches": (), _APPS + "display_name_matches": (),
    _APPS + "home_of": (), _APPS + "local_appdata": (), _APPS + "linux_application_dirs": (),
    _APPS + "describe_install": (), _APPS + "describe_processes": (),
}

# Parameters Checkup sets itself (a grace period, a limit): kept as recorded or at their
# default, never drawn at random.
OURS: dict[str, frozenset[str]] = {
    _UW + "expected_patch_tuesday": frozenset({"grace_days"}),
    _DE + "facts.clean_text": frozenset({"limit"}),
    _CF + "ini_junk": frozenset({"comments"}),
}

_DECIDES = "decides from facts the parsers made (covered by tests/test_fuzz_checks.py)"
_BUNDLED = "reads Checkup's own bundled data files, not the machine"
_OURS = "builds text of our own (messages, paths), takes no machine text"

NOT_PARSERS: dict[str, str] = {
    "checks.catalog.readers.sentences.join_list": _OURS,
    "checks.catalog.readers.sentences.unreadable": _OURS,
    _LI + "dedupe": "merges listeners the parsers made",
    "checks.catalog.browsers.facts.browsers_from": _BUNDLED,
    "checks.catalog.browsers.gather.unknown_browser_installs": _DECIDES,
    "checks.catalog.browsers.facts.unknown_browser": _OURS,
    _BV + "judge_rapid": _DECIDES,
    _BV + "judge_firefox": _DECIDES,
    _BV + "judge_tor": _DECIDES,
    _BV + "judge": _DECIDES,
    "checks.catalog.guest_account.decide.decide_linux": _DECIDES,
    "checks.catalog.guest_account.decide.decide_macos": _DECIDES,
    "checks.catalog.guest_account.decide.decide_windows": _DECIDES,
    _DE + "proc.mount_for": "looks a path up in mounts parse_mountinfo made",
    _DE + "trace.trace_device": "walks the tree parse_lsblk_json / tree_from_sysfs made",
    _DE + "decide.decide_linux": _DECIDES,
    _DE + "decide.decide_macos": _DECIDES,
    _DE + "decide.decide_windows": _DECIDES,
    _FW + "decide.decide_linux": _DECIDES,
    _FW + "decide.decide_macos": _DECIDES,
    _FW + "decide.decide_windows": _DECIDES,
    "checks.catalog.sharing.decide.decide": _DECIDES,
    _AL + "decide.decide_linux": _DECIDES,
    _AL + "decide.decide_macos": _DECIDES,
    _AL + "decide.decide_windows": _DECIDES,
    "checks.catalog.os_supported.data.load_support": _BUNDLED,
    "checks.catalog.os_supported.data.limit_of": _BUNDLED,
    "checks.catalog.os_updates.dates.iso_date": _OURS,
    "checks.catalog.os_updates.dates.stamp": _OURS,
    "checks.catalog.os_updates.dates.age_days": "subtracts two dates",
    "checks.catalog.os_updates.dates.in_future": "compares two dates",
    "checks.catalog.auto_updates.decide.decide_linux": _DECIDES,
    "checks.catalog.auto_updates.decide.decide_macos": _DECIDES,
    "checks.catalog.auto_updates.decide.decide_windows": _DECIDES,
    "checks.catalog.os_updates.decide.decide_linux": _DECIDES,
    "checks.catalog.os_updates.decide.decide_macos": _DECIDES,
    "checks.catalog.os_updates.decide.decide_windows": _DECIDES,
    "checks.catalog.password_manager.facts.managers_from": _BUNDLED,
    "checks.catalog.password_manager.decide.decide": _DECIDES,
    "checks.catalog.password_manager.facts.load_managers": _BUNDLED,
    _SL + "decide.decide_gnome": _DECIDES,
    _SL + "decide.decide_kde": _DECIDES,
    _SL + "decide.decide_macos": _DECIDES,
    _SL + "decide.decide_other_desktop": _DECIDES,
    _SL + "decide.decide_windows": _DECIDES,
    _SL + "decide.decide_xfce": _DECIDES,
    _SL + "decide.decide_wayland_idle": _DECIDES,
    _SL + "decide.locks_after": _DECIDES,
    _SL + "decide.never": _DECIDES,
    _SL + "decide.minutes": "rounds a number of seconds",
    _SL + "gather.glob_literal": "turns one of our own file names into a matching pattern",
    _SL + "decide.within_limit": "compares a number of seconds",
    "checks.catalog.secure_boot.decide.decide_linux": _DECIDES,
    "checks.catalog.secure_boot.decide.decide_macos": _DECIDES,
    "checks.catalog.secure_boot.decide.decide_windows": _DECIDES,
    "checks.catalog.remote_access.matching.signature": _BUNDLED,
    "checks.catalog.remote_access.decide.decide": _DECIDES,
    "checks.catalog.remote_access.gather.load_tools": _BUNDLED,
    "checks.catalog.browsers.decide.judge_all": _DECIDES,
    "checks.catalog.browsers.decide.decide": _DECIDES,
    "checks.catalog.browsers.facts.load_browsers": _BUNDLED,
    "checks.catalog.browsers.release_lines.limit_of": _BUNDLED,
    "checks.catalog.browsers.release_lines.clock_of": _BUNDLED,
    "checks.catalog.browsers.release_lines.line_of": _BUNDLED,
    "checks.catalog.messaging.facts.messengers_from": _BUNDLED,
    "checks.catalog.messaging.facts.load_messengers": _BUNDLED,
    "checks.catalog.messaging.decide.decide": _DECIDES,
    "checks.catalog.os_supported.decide.judge_macos": _DECIDES,
    "checks.catalog.os_supported.decide.judge_tails": _DECIDES,
    "checks.catalog.os_supported.data.entries_for": "looks the identified system up in the "
                                                    "entries parse_support made",
    "checks.catalog.os_supported.data.tails_entry": "picks an entry parse_support made",
    "checks.catalog.os_supported.decide.judge_dated": _DECIDES,
    "checks.catalog.os_supported.earliest.earliest": _DECIDES,
    "checks.catalog.os_supported.earliest.local_evidence": _DECIDES,
    "checks.catalog.os_supported.earliest.with_local_ends": _DECIDES,
    "checks.catalog.os_supported.decide.decide_dated": _DECIDES,
    "checks.catalog.os_supported.decide.decide_macos": _DECIDES,
    "checks.catalog.os_supported.decide.data_unreadable": _OURS,
    "checks.catalog.tor_browser.decide.judge_install": _DECIDES,
    "checks.catalog.tor_browser.facts.entries_by_id": _BUNDLED,
    "checks.catalog.tor_browser.facts.load_browser_data": _BUNDLED,
    "checks.catalog.tor_browser.decide.decide": _DECIDES,
    "checks.catalog.trusted_certificates.facts.blocklist_from": _BUNDLED,
    "checks.catalog.trusted_certificates.facts.load_blocklist": _BUNDLED,
    "checks.catalog.trusted_certificates.facts.load_windows_vendor": _BUNDLED,
    "checks.catalog.trusted_certificates.decide.decide": _DECIDES,
    _UW + "patch_tuesday": "a calendar computation on a year and month",
    _APPS + "signature_for": _BUNDLED,
    _APPS + "match_apps": _DECIDES,
}
