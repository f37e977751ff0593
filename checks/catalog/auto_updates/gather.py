"""Reading the machine for the auto-updates check: systemd timers, apt's configuration,
dnf-automatic's settings, GNOME Software and KDE Discover on Linux; the software-update
plists on macOS; the Windows Update policy keys (the service and pause are read by
os_updates.gather, shared). Facts only; no verdicts, no sentences."""

from __future__ import annotations

from checks.catalog.auto_updates import apt_config, ini, systemctl
from checks.catalog.auto_updates.facts import (
    AptAuto,
    AptCron,
    DnfAuto,
    LinuxAutoFacts,
    MacAutoFacts,
    UnitState,
    WindowsAutoFacts,
    ZypperAuto,
)
from checks.catalog.os_updates import macos as um
from checks.catalog.os_updates import windows as uw
from checks.catalog.os_updates.gather import (
    OS_FILES,
    OSTREE_BOOTED,
    PACKAGE_MANAGERS,
    linux_package_manager,
    windows_blockers,
    windows_metered,
)
from checks.catalog.readers.config_files import parse_bool
from checks.catalog.readers.settings_db import moved_settings_database
from checks.engine.commands import Command, Value
from checks.engine.model import Evidence
from checks.engine.osinfo import scan_os
from checks.engine.registry import Scan

APT_CONF_DIR = "/etc/apt/apt.conf.d"
# Without systemd, Debian's apt runs its daily jobs (unattended-upgrades included) from cron.
APT_CRON = "/etc/cron.daily/apt-compat"
SYSTEMD_BOOTED = "/run/systemd/system"  # present only when systemd is PID 1 (sd_booted(3))
CRON_DAEMONS = frozenset({"cron", "crond", "anacron", "cronie", "fcron", "dcron", "cronie-crond"})
TIMER_WANTS = "/etc/systemd/system/timers.target.wants"
DNF_AUTOMATIC_CONF = "/etc/dnf/automatic.conf"
# yum-cron (EL7 and its clones): a service whose daily cron job runs while it is enabled, with
# its settings in /etc/yum/yum-cron.conf ([commands] apply_updates, default "no")
YUM_CRON = "yum-cron.service"
YUM_CRON_CONF = "/etc/yum/yum-cron.conf"
SERVICE_WANTS = "/etc/systemd/system/multi-user.target.wants"
APT_CONF = "/etc/apt/apt.conf"
UNATTENDED_UPGRADE = "/usr/bin/unattended-upgrade"
KDE_DISCOVER_CONFIG = "PlasmaDiscoverUpdates"  # in ~/.config, or $XDG_CONFIG_HOME
MINT_TIMER = "mintupdate-automation-upgrade.timer"
APT_TIMER = "apt-daily-upgrade.timer"
DNF_TIMERS = ("dnf-automatic-install.timer", "dnf-automatic.timer", "dnf5-automatic.timer")
ZYPPER_TIMER = "transactional-update.timer"
# the timers whose state is read; no other unit is asked about
TIMERS = (MINT_TIMER, APT_TIMER, *DNF_TIMERS, ZYPPER_TIMER, "yum-cron.service")

# -- Linux ------------------------------------------------------------------------------


def _unit_state(scan: Scan, unit: str, wants_dir: str = TIMER_WANTS) -> UnitState:
    res = scan.run(["systemctl", "is-enabled", unit], timeout=10)
    words = systemctl.parse_is_enabled(res.stdout) if res.ran else []
    if res.ran and len(words) == 1 and words[0] in systemctl.UNIT_FILE_STATES:
        return UnitState(words[0], Evidence(f"systemctl is-enabled {unit}", words[0]))
    if res.ran and not words:
        return UnitState("not-found", Evidence(f"systemctl is-enabled {unit}", "no such unit"))
    wants = scan.host.list_dir(wants_dir)
    if wants is None:
        return UnitState("unknown", None)
    state = "enabled" if unit in wants else "disabled"
    return UnitState(state, Evidence(wants_dir,
                                     f"{unit} {'listed' if unit in wants else 'absent'}"))


def _gnome_software(scan: Scan) -> tuple[bool | None, Evidence | None]:
    moved = moved_settings_database(scan.host.platform)
    if moved is not None:  # gsettings would read another database than the desktop's
        return None, moved
    res = scan.run(["gsettings", "get", "org.gnome.software", "download-updates"], timeout=5)
    value = res.stdout.strip() if res.ok else ""
    if value not in ("true", "false"):
        return None, None
    return value == "true", Evidence("gsettings get org.gnome.software download-updates",
                                     value)


def _kde_discover(scan: Scan) -> tuple[bool | None, Evidence | None]:
    """KDE Plasma's "apply updates automatically" (Discover), a per-user setting."""
    home = scan.host.platform.home or scan.host.platform.env.get("HOME", "")
    config = scan.host.platform.env.get("XDG_CONFIG_HOME") or (f"{home}/.config" if home
                                                                else "")
    if not config:
        return None, None
    path = f"{config}/{KDE_DISCOVER_CONFIG}"
    text = scan.host.read_text(path)
    if text is None:
        return None, None
    value = ini.parse_ini(text).get("global", {}).get("useunattendedupdates")
    on = parse_bool(value)
    return on, Evidence(path, f"UseUnattendedUpdates={value if value is not None else '(unset)'}")


def _apt_conf(scan: Scan) -> tuple[dict[str, list[str]] | None, Evidence]:
    res = scan.run(["apt-config", "dump"], timeout=15)
    parsed = apt_config.parse_apt_config_dump(res.stdout) if res.ok else {}
    # A real dump always names apt's architecture; anything else is not apt's answer.
    if "apt::architecture" in parsed:
        return parsed, Evidence("apt-config dump", "read")
    res_text = "output not understood" if res.ok else res.describe()
    names = scan.host.list_dir(APT_CONF_DIR)
    if names is None:
        return None, Evidence("apt-config dump", res_text)
    texts = [scan.host.read_text(APT_CONF) or ""]
    texts += [scan.host.read_text(f"{APT_CONF_DIR}/{n}") or "" for n in sorted(names)]
    return apt_config.parse_apt_conf_files(texts), Evidence(APT_CONF_DIR, f"{len(names)} files read "
                                                                  f"(apt-config could not "
                                                                  f"run)")


def _apt_cron(scan: Scan) -> AptCron:
    """On a system not started by systemd, apt's cron job runs the daily jobs, provided a
    cron daemon is running. (With systemd, that job steps aside for the timer.)"""
    if scan.host.stat(SYSTEMD_BOOTED) is not None:
        return AptCron(systemd_booted=True, apt_cron=False, daemons=())
    if scan.host.stat(APT_CRON) is None:
        return AptCron(systemd_booted=False, apt_cron=False, daemons=())
    procs = {p.name.lower() for p in scan.host.processes()}
    return AptCron(systemd_booted=False, apt_cron=True, daemons=tuple(sorted(procs
                                                                             & CRON_DAEMONS)))


def _apt(scan: Scan, os_id: str) -> AptAuto:
    mint = _unit_state(scan, MINT_TIMER) if os_id == "linuxmint" else None
    conf, conf_ev = _apt_conf(scan)
    return AptAuto(mint, conf, conf_ev, scan.host.stat(UNATTENDED_UPGRADE) is not None,
                   _unit_state(scan, APT_TIMER), _apt_cron(scan))


def _dnf(scan: Scan) -> DnfAuto:
    timers = tuple((unit, _unit_state(scan, unit)) for unit in DNF_TIMERS)
    # yum-cron only where its settings file is there (EL7 and its clones): elsewhere, and in
    # snapshots recorded before it was read, dnf-automatic alone decides as before
    yum_conf = scan.host.read_text(YUM_CRON_CONF)
    present = yum_conf is not None or scan.host.stat(YUM_CRON_CONF) is not None
    yum_cron = _unit_state(scan, YUM_CRON, SERVICE_WANTS) if present \
        else UnitState("not-found", None)
    return DnfAuto(timers, scan.host.read_text(DNF_AUTOMATIC_CONF), yum_cron, yum_conf)


def gather_linux(scan: Scan) -> LinuxAutoFacts:
    info = scan_os(scan)
    evidence, label = tuple(info.evidence), info.label
    if scan.context.tails:
        return LinuxAutoFacts(evidence, label, tails=True, ostree=False, manager=None,
                              system=None)
    if scan.host.stat(OSTREE_BOOTED) is not None:
        return LinuxAutoFacts((*evidence, Evidence(OSTREE_BOOTED, "present")), label,
                              tails=False, ostree=True, manager=None, system=None)
    manager = linux_package_manager(scan, info)
    if manager not in ("apt", "dnf", "zypper", "pacman"):
        return LinuxAutoFacts(evidence, label, tails=False, ostree=False, manager=None,
                              system=None)
    system: AptAuto | DnfAuto | ZypperAuto | None = None
    if manager == "apt":
        system = _apt(scan, info.os_id)
    elif manager == "dnf":
        system = _dnf(scan)
    elif manager == "zypper":
        system = ZypperAuto(_unit_state(scan, ZYPPER_TIMER))
    gnome, gnome_ev = _gnome_software(scan)
    discover, discover_ev = _kde_discover(scan)
    return LinuxAutoFacts(evidence, label, tails=False, ostree=False, manager=manager,
                          system=system, gnome=gnome, gnome_evidence=gnome_ev,
                          discover=discover, discover_evidence=discover_ev)


# -- macOS ------------------------------------------------------------------------------

def gather_macos(scan: Scan) -> MacAutoFacts:
    info = scan_os(scan)
    local = um.load_plist(scan.host.read_bytes(um.SOFTWARE_UPDATE_PLIST))
    managed = um.load_plist(scan.host.read_bytes(um.MANAGED_SOFTWARE_UPDATE_PLIST))
    commerce = um.load_plist(scan.host.read_bytes(um.COMMERCE_PLIST)) \
        if local is not None or managed is not None else None
    return MacAutoFacts(tuple(info.evidence), local, managed, commerce)


# -- Windows ----------------------------------------------------------------------------

def gather_windows(scan: Scan) -> WindowsAutoFacts:
    info = scan_os(scan)
    blockers = windows_blockers(scan)
    policy = scan.host.registry_values(uw.AU_POLICY_KEY)
    wu_policy = scan.host.registry_values(uw.WU_POLICY_KEY) or {}
    metered, cost_ev = windows_metered(scan)
    return WindowsAutoFacts(tuple(info.evidence), blockers, policy, wu_policy, metered,
                            cost_ev)


# -- what is run and read ---------------------------------------------------------------

COMMANDS = (
    Command("systemctl", "is-enabled",
            Value("unit", "|".join(t.replace(".", r"\.") for t in TIMERS)),
            why="is-enabled reads a timer's unit-file state from the local systemd; nothing "
                "is started or changed"),
    Command("gsettings", "get", "org.gnome.software", "download-updates",
            why="reads one of the user's own dconf settings"),
    Command("apt-config", "dump", why="prints apt's local configuration"),
)
FILES = (*OS_FILES, *PACKAGE_MANAGERS, OSTREE_BOOTED,
         TIMER_WANTS, APT_CONF, APT_CONF_DIR, f"{APT_CONF_DIR}/*", UNATTENDED_UPGRADE,
         SYSTEMD_BOOTED, APT_CRON, DNF_AUTOMATIC_CONF, YUM_CRON_CONF, SERVICE_WANTS, f"~/.config/{KDE_DISCOVER_CONFIG}",
         f"*/{KDE_DISCOVER_CONFIG}",
         um.SOFTWARE_UPDATE_PLIST, um.MANAGED_SOFTWARE_UPDATE_PLIST, um.COMMERCE_PLIST)
