"""auto-updates on Linux: what installs the system's updates without the person (apt's
unattended-upgrades, Linux Mint's Update Manager, dnf-automatic, transactional-update), and
what GNOME Software and KDE Discover do on top. See auto_updates.py for the verdicts."""


from __future__ import annotations

from typing import Any

from checks.catalog.os_updates import linux as ul
from checks.catalog.os_updates.gather import linux_package_manager
from checks.catalog.readers.config_files import parse_bool
from checks.catalog.readers.settings_db import moved_settings_database
from checks.engine.commands import Command, Value
from checks.engine.i18n import Message, msg
from checks.engine.model import Evidence, Finding, Severity, Status
from checks.engine.osinfo import scan_os
from checks.engine.registry import Scan

APT_CONF_DIR = "/etc/apt/apt.conf.d"
# Without systemd, Debian's apt runs its daily jobs (unattended-upgrades included) from cron.
APT_CRON = "/etc/cron.daily/apt-compat"
SYSTEMD_BOOTED = "/run/systemd/system"  # present only when systemd is PID 1 (sd_booted(3))
CRON_DAEMONS = frozenset({"cron", "crond", "anacron", "cronie", "fcron", "dcron", "cronie-crond"})
TIMER_WANTS = "/etc/systemd/system/timers.target.wants"
DNF_AUTOMATIC_CONF = "/etc/dnf/automatic.conf"
APT_CONF = "/etc/apt/apt.conf"
UNATTENDED_UPGRADE = "/usr/bin/unattended-upgrade"
KDE_DISCOVER_CONFIG = "PlasmaDiscoverUpdates"  # in ~/.config, or $XDG_CONFIG_HOME
# the timers whose state is read; no other unit is asked about
TIMERS = ("mintupdate-automation-upgrade.timer", "apt-daily-upgrade.timer",
          "dnf-automatic-install.timer", "dnf-automatic.timer", "dnf5-automatic.timer",
          "transactional-update.timer")
LINUX_COMMANDS = (
    Command("systemctl", "is-enabled",
            Value("timer", "|".join(t.replace(".", r"\.") for t in TIMERS)),
            why="is-enabled reads a timer's unit-file state from the local systemd; nothing "
                "is started or changed"),
    Command("gsettings", "get", "org.gnome.software", "download-updates",
            why="reads one of the user's own dconf settings"),
    Command("apt-config", "dump", why="prints apt's local configuration"),
)
LINUX_FILES = (TIMER_WANTS, APT_CONF, APT_CONF_DIR, f"{APT_CONF_DIR}/*", UNATTENDED_UPGRADE,
               SYSTEMD_BOOTED, APT_CRON, DNF_AUTOMATIC_CONF, f"~/.config/{KDE_DISCOVER_CONFIG}",
               f"*/{KDE_DISCOVER_CONFIG}")


def _unit_state(scan: Scan, unit: str) -> tuple[str, Evidence | None]:
    """systemd's state word for a unit ("enabled", "disabled", "masked", ...), or
    "not-found" / "unknown"."""
    res = scan.run(["systemctl", "is-enabled", unit], timeout=10)
    words = ul.parse_is_enabled(res.stdout) if res.ran else []
    if res.ran and len(words) == 1 and words[0] in ul.UNIT_FILE_STATES:
        return words[0], Evidence(f"systemctl is-enabled {unit}", words[0])
    if res.ran and not words:
        return "not-found", Evidence(f"systemctl is-enabled {unit}", "no such unit")
    wants = scan.host.list_dir(TIMER_WANTS)
    if wants is None:
        return "unknown", None
    state = "enabled" if unit in wants else "disabled"
    return state, Evidence(TIMER_WANTS, f"{unit} {'listed' if unit in wants else 'absent'}")


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
    value = ul.parse_ini(text).get("global", {}).get("useunattendedupdates")
    on = parse_bool(value)
    return on, Evidence(path, f"UseUnattendedUpdates={value if value is not None else '(unset)'}")


class _System:
    """The verdict on the system's own packages, before GNOME Software is considered."""

    def __init__(self, status: Status, summary: Message, severity: Severity | None = None,
                 evidence: list[Evidence] | None = None,
                 details: list[Message] | None = None, mechanism: str = "") -> None:
        self.status = status
        self.summary = summary
        self.severity = severity
        self.evidence = evidence or []
        self.details = details or []
        self.mechanism = mechanism


def _apt_conf(scan: Scan) -> tuple[dict[str, list[str]] | None, Evidence]:
    res = scan.run(["apt-config", "dump"], timeout=15)
    parsed = ul.parse_apt_config_dump(res.stdout) if res.ok else {}
    # A real dump always names apt's architecture; anything else is not apt's answer.
    if "apt::architecture" in parsed:
        return parsed, Evidence("apt-config dump", "read")
    if res.ok:
        res_text = "output not understood"
    else:
        res_text = res.describe()
    names = scan.host.list_dir(APT_CONF_DIR)
    if names is None:
        return None, Evidence("apt-config dump", res_text)
    texts = [scan.host.read_text(APT_CONF) or ""]
    texts += [scan.host.read_text(f"{APT_CONF_DIR}/{n}") or "" for n in sorted(names)]
    return ul.parse_apt_conf_files(texts), Evidence(APT_CONF_DIR, f"{len(names)} files read "
                                                                  f"(apt-config could not "
                                                                  f"run)")


def _mint_auto(scan: Scan) -> _System | None:
    """Linux Mint's Update Manager automation: a systemd timer it enables when the person
    turns on automatic updates in its preferences (options in
    /etc/mintupdate-automatic-upgrades.conf)."""
    state, e = _unit_state(scan, "mintupdate-automation-upgrade.timer")
    if state in ul.ENABLED_STATES:
        return _System(Status.PASS, msg(
            "Linux Mint's Update Manager installs updates by itself."),
            evidence=[e] if e else [], mechanism="mintupdate")
    return None


def _apt_auto(scan: Scan, os_id: str) -> _System:
    if os_id == "linuxmint":
        mint = _mint_auto(scan)
        if mint is not None:
            return mint
    conf, src = _apt_conf(scan)
    ev = [src]
    if conf is None:
        return _System(Status.UNKNOWN, msg(
            "Checkup could not read apt's configuration, so it cannot tell whether updates "
            "install by themselves."), evidence=ev)

    def first(key: str) -> str | None:
        vals = conf.get(key.lower()) if conf else None
        return vals[0] if vals else None

    enable = first("APT::Periodic::Enable")
    unattended = first("APT::Periodic::Unattended-Upgrade")
    lists = first("APT::Periodic::Update-Package-Lists")
    origins = (conf.get("unattended-upgrade::allowed-origins", [])
               + conf.get("unattended-upgrade::origins-pattern", []))
    origins = [o for o in origins if o]
    ev.append(Evidence("APT::Periodic", f"Enable={enable if enable is not None else '(unset)'}"
                                        f", Update-Package-Lists={lists or '(unset)'}"
                                        f", Unattended-Upgrade={unattended or '(unset)'}"))
    installed = scan.host.stat(UNATTENDED_UPGRADE) is not None
    ev.append(Evidence("/usr/bin/unattended-upgrade", "present" if installed else "absent"))
    if ul.periodic_interval_on(enable) is False:
        return _System(Status.FAIL, msg(
            "apt's daily jobs are turned off, so updates never install by themselves."),
            Severity.MEDIUM, ev)
    if ul.periodic_interval_on(unattended) is not True:
        return _System(Status.FAIL, msg(
            "Automatic installation of security updates (unattended-upgrades) is not "
            "turned on."), Severity.MEDIUM, ev)
    if not installed:
        return _System(Status.FAIL, msg(
            "Automatic updates are switched on in apt's settings, but the program that "
            "installs them (unattended-upgrades) is not installed."), Severity.MEDIUM, ev)
    timer, tev = _unit_state(scan, "apt-daily-upgrade.timer")
    if tev:
        ev.append(tev)
    if timer in ("disabled", "masked", "masked-runtime"):
        return _System(Status.FAIL, msg(
            "unattended-upgrades is set up, but the daily timer that runs it is switched "
            "off."), Severity.MEDIUM, ev)
    if timer not in ul.ENABLED_STATES and not _apt_runs_from_cron(scan, ev):
        # Nothing seen that runs it: the setting alone installs nothing.
        return _System(Status.UNKNOWN, msg(
            "unattended-upgrades is set up, but Checkup could not confirm that anything "
            "runs it every day."), evidence=ev)
    ev.append(Evidence("Unattended-Upgrade origins", "; ".join(origins)[:300] or "none"))
    if not any("security" in o.lower() for o in origins):
        return _System(Status.FAIL, msg(
            "unattended-upgrades runs, but it is not set to install security updates."),
            Severity.MEDIUM, ev)
    if ul.periodic_interval_on(lists) is not True:
        return _System(Status.ATTENTION, msg(
            "Security updates install by themselves, but the list of available updates is "
            "not refreshed automatically, so new fixes may not be seen."), evidence=ev,
            mechanism="unattended-upgrades")
    return _System(Status.PASS, msg(
        "Security updates install by themselves every day (unattended-upgrades)."),
        evidence=ev, mechanism="unattended-upgrades")


def _apt_runs_from_cron(scan: Scan, ev: list[Evidence]) -> bool:
    """On a system not started by systemd, apt's cron job runs the daily jobs, provided a
    cron daemon is running. (With systemd, that job steps aside for the timer.)"""
    if scan.host.stat(SYSTEMD_BOOTED) is not None:
        ev.append(Evidence(SYSTEMD_BOOTED, "present: systemd's timer is what runs apt's daily "
                                           "jobs"))
        return False
    if scan.host.stat(APT_CRON) is None:
        ev.append(Evidence(APT_CRON, "absent"))
        return False
    procs = {p.name.lower() for p in scan.host.processes()}
    daemon = sorted(procs & CRON_DAEMONS)
    ev.append(Evidence(APT_CRON, "present; cron daemon running: " + (", ".join(daemon)
                                                                       or "none seen")))
    return bool(daemon)


def _dnf_auto(scan: Scan) -> _System:
    ev: list[Evidence] = []
    states: dict[str, str] = {}
    for unit in ("dnf-automatic-install.timer", "dnf-automatic.timer",
                 "dnf5-automatic.timer"):
        state, e = _unit_state(scan, unit)
        states[unit] = state
        if e:
            ev.append(e)
    on = {u for u, s in states.items() if s in ul.ENABLED_STATES}
    if "dnf-automatic-install.timer" in on:
        return _System(Status.PASS, msg(
            "Updates install by themselves (dnf-automatic)."), evidence=ev,
            mechanism="dnf-automatic")
    if on:
        text = scan.host.read_text(DNF_AUTOMATIC_CONF)
        conf = ul.parse_ini(text or "")
        apply = parse_bool(conf.get("commands", {}).get("apply_updates"))
        commands = conf.get("commands", {})
        ev.append(Evidence(DNF_AUTOMATIC_CONF, "unreadable" if text is None else
                           f"apply_updates = {commands.get('apply_updates', '(unset: no)')}, "
                           f"upgrade_type = {commands.get('upgrade_type', '(unset: default)')}"))
        if apply is True:
            return _System(Status.PASS, msg(
                "Updates install by themselves (dnf-automatic)."), evidence=ev,
                mechanism="dnf-automatic")
        if text is None:
            return _System(Status.UNKNOWN, msg(
                "dnf-automatic runs, but Checkup could not read whether it installs updates "
                "or only downloads them."), evidence=ev)
        return _System(Status.FAIL, msg(
            "dnf-automatic runs, but it only downloads updates or tells you about them; it "
            "does not install them (apply_updates is off)."), Severity.MEDIUM, ev)
    if all(s == "unknown" for s in states.values()):
        return _System(Status.UNKNOWN, msg(
            "Checkup could not read which system timers are enabled, so it cannot tell "
            "whether updates install by themselves."), evidence=ev)
    return _System(Status.FAIL, msg(
        "No automatic installation of updates is set up (dnf-automatic is not enabled)."),
        Severity.MEDIUM, ev)


def _zypper_auto(scan: Scan) -> _System:
    state, e = _unit_state(scan, "transactional-update.timer")
    ev = [e] if e else []
    if state in ul.ENABLED_STATES:
        return _System(Status.PASS, msg(
            "Updates install by themselves (transactional-update) and take effect at the "
            "next restart."), evidence=ev, mechanism="transactional-update")
    if state == "unknown":
        return _System(Status.UNKNOWN, msg(
            "Checkup could not read which system timers are enabled, so it cannot tell "
            "whether updates install by themselves."), evidence=ev)
    return _System(Status.FAIL, msg(
        "No automatic installation of updates is set up on this system."),
        Severity.MEDIUM, ev)


def linux_auto_updates(scan: Scan) -> Finding:
    """The auto-updates verdict on Linux."""
    info = scan_os(scan)
    if scan.context.tails:
        return Finding(Status.NOT_APPLICABLE, msg(
            "Tails checks for its own upgrades each time it starts and offers to install "
            "them; there is nothing to set up."), evidence=list(info.evidence))
    if scan.host.stat("/run/ostree-booted") is not None:
        return Finding(Status.UNKNOWN, msg(
            "This is an image-based system (ostree). Checkup cannot yet read how it "
            "updates; look at its software updater's settings."),
            evidence=[*info.evidence, Evidence("/run/ostree-booted", "present")])
    manager = linux_package_manager(scan, info)
    if manager == "apt":
        system = _apt_auto(scan, info.os_id)
    elif manager == "dnf":
        system = _dnf_auto(scan)
    elif manager == "zypper":
        system = _zypper_auto(scan)
    elif manager == "pacman":
        system = _System(Status.FAIL, msg(
            "Nothing installs updates by themselves: on this system you must remember to "
            "update (pacman -Syu)."), Severity.MEDIUM,
            [Evidence("pacman", "no automatic update mechanism is part of this system")],
            [msg("Arch-based systems expect updates by hand; update at least weekly.")])
    else:
        return Finding(Status.UNKNOWN, msg(
            "Checkup does not know how {system} installs updates, so it cannot tell whether "
            "they install by themselves.", system=info.label or "this Linux system"),
            evidence=list(info.evidence), data={"reason": "unknown_package_manager"})

    gnome, gev = _gnome_software(scan)
    discover, dev = _kde_discover(scan)
    evidence = [*info.evidence, *system.evidence, *([gev] if gev else []),
                *([dev] if dev else [])]
    details = list(system.details)
    data: dict[str, Any] = {"package_manager": manager, "mechanism": system.mechanism,
                            "gnome_software_downloads": gnome, "kde_discover_unattended": discover}
    summary, status, severity = system.summary, system.status, system.severity
    if gnome:
        if status is Status.FAIL:
            summary = msg("Only apps from Flatpak update by themselves (GNOME Software). "
                          "System security updates wait until you install them.")
        details.append(msg("GNOME Software updates Flatpak apps by itself; it does not "
                           "install system updates without you."))
    if discover and status is Status.FAIL:
        summary = msg("KDE Discover is set to install updates by itself, but Checkup cannot "
                      "confirm that this covers system security updates here. Check in "
                      "System Settings, Software Update.")
        status, severity = Status.UNKNOWN, None
    return Finding(status, summary, severity=severity, evidence=evidence, details=details,
                   data=data)
