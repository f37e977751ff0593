"""The auto-updates verdicts from what was read (pure: nothing here reads the machine)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from checks.catalog.auto_updates import apt_config, ini, systemctl
from checks.catalog.auto_updates import messages as say
from checks.catalog.auto_updates.facts import (
    AptAuto,
    AptCron,
    DnfAuto,
    LinuxAutoFacts,
    MacAutoFacts,
    WindowsAutoFacts,
    ZypperAuto,
)
from checks.catalog.auto_updates.gather import (
    APT_CRON,
    DNF_AUTOMATIC_CONF,
    SYSTEMD_BOOTED,
    UNATTENDED_UPGRADE,
    YUM_CRON_CONF,
)
from checks.catalog.os_updates import macos as um
from checks.catalog.os_updates import windows as uw
from checks.catalog.os_updates.dates import iso_date
from checks.catalog.readers.config_files import parse_bool
from checks.engine.i18n import Message
from checks.engine.model import Evidence, Finding, Severity, Status

# -- Linux: the system's own packages ---------------------------------------------------


@dataclass(frozen=True)
class _System:
    """The verdict on the system's own packages, before GNOME Software is considered."""

    status: Status
    summary: Message
    severity: Severity | None = None
    evidence: list[Evidence] = field(default_factory=list)
    details: list[Message] = field(default_factory=list)
    mechanism: str = ""


def _cron_runs_apt(cron: AptCron, ev: list[Evidence]) -> bool:
    if cron.systemd_booted:
        ev.append(Evidence(SYSTEMD_BOOTED, "present: systemd's timer is what runs apt's daily "
                                           "jobs"))
        return False
    if not cron.apt_cron:
        ev.append(Evidence(APT_CRON, "absent"))
        return False
    ev.append(Evidence(APT_CRON, "present; cron daemon running: " + (", ".join(cron.daemons)
                                                                       or "none seen")))
    return bool(cron.daemons)


def _apt_periodic(conf: Mapping[str, list[str]], ev: list[Evidence]) -> tuple[
        str | None, str | None, str | None, list[str]]:
    """(Enable, Unattended-Upgrade, Update-Package-Lists, origins) from apt's settings."""

    def first(key: str) -> str | None:
        vals = conf.get(key.lower())
        return vals[0] if vals else None

    enable = first("APT::Periodic::Enable")
    unattended = first("APT::Periodic::Unattended-Upgrade")
    lists = first("APT::Periodic::Update-Package-Lists")
    origins = (list(conf.get("unattended-upgrade::allowed-origins", []))
               + list(conf.get("unattended-upgrade::origins-pattern", [])))
    ev.append(Evidence("APT::Periodic", f"Enable={enable if enable is not None else '(unset)'}"
                                        f", Update-Package-Lists={lists or '(unset)'}"
                                        f", Unattended-Upgrade={unattended or '(unset)'}"))
    return enable, unattended, lists, [o for o in origins if o]


def _apt_system(apt: AptAuto) -> _System:
    if apt.mint is not None and apt.mint.state in systemctl.ENABLED_STATES:
        return _System(Status.PASS, say.mint_automation_on(),
                       evidence=[apt.mint.evidence] if apt.mint.evidence else [],
                       mechanism="mintupdate")
    ev = [apt.conf_evidence]
    if apt.conf is None:
        return _System(Status.UNKNOWN, say.apt_conf_unreadable(), evidence=ev)
    enable, unattended, lists, origins = _apt_periodic(apt.conf, ev)
    ev.append(Evidence(UNATTENDED_UPGRADE, "present" if apt.installed else "absent"))
    if apt_config.periodic_interval_on(enable) is False:
        return _System(Status.FAIL, say.apt_daily_jobs_off(), Severity.MEDIUM, ev)
    if apt_config.periodic_interval_on(unattended) is not True:
        return _System(Status.FAIL, say.unattended_upgrades_off(), Severity.MEDIUM, ev)
    if not apt.installed:
        return _System(Status.FAIL, say.unattended_upgrades_missing(), Severity.MEDIUM, ev)
    if apt.timer.evidence:
        ev.append(apt.timer.evidence)
    if apt.timer.state in ("disabled", "masked", "masked-runtime"):
        return _System(Status.FAIL, say.apt_timer_off(), Severity.MEDIUM, ev)
    if apt.timer.state not in systemctl.ENABLED_STATES and not _cron_runs_apt(apt.cron, ev):
        # Nothing seen that runs it: the setting alone installs nothing.
        return _System(Status.UNKNOWN, say.apt_runner_unconfirmed(), evidence=ev)
    ev.append(Evidence("Unattended-Upgrade origins", "; ".join(origins)[:300] or "none"))
    if not any("security" in o.lower() for o in origins):
        return _System(Status.FAIL, say.no_security_origin(), Severity.MEDIUM, ev)
    if apt_config.periodic_interval_on(lists) is not True:
        return _System(Status.ATTENTION, say.lists_not_refreshed(), evidence=ev,
                       mechanism="unattended-upgrades")
    return _System(Status.PASS, say.unattended_upgrades_on(), evidence=ev,
                   mechanism="unattended-upgrades")


def _yum_cron_system(dnf: DnfAuto) -> _System | None:
    """EL7's yum-cron, when its service exists (None otherwise: dnf-automatic decides)."""
    unit = dnf.yum_cron
    if unit.state == "not-found":
        return None
    ev = [unit.evidence] if unit.evidence else []
    if unit.state not in systemctl.ENABLED_STATES:
        if unit.state == "unknown":
            return _System(Status.UNKNOWN, say.timers_unreadable(), evidence=ev)
        return _System(Status.FAIL, say.yum_cron_off(), Severity.MEDIUM, ev)
    text = dnf.yum_cron_conf
    commands = ini.parse_ini(text or "").get("commands", {})
    apply = parse_bool(commands.get("apply_updates", "no"))
    ev.append(Evidence(YUM_CRON_CONF, "unreadable" if text is None else
                       f"apply_updates = {commands.get('apply_updates', '(unset: no)')}, "
                       f"update_cmd = {commands.get('update_cmd', '(unset: default)')}, "
                       f"download_updates = {commands.get('download_updates', '(unset: yes)')}"))
    if text is None:
        return _System(Status.UNKNOWN, say.yum_cron_conf_unreadable(), evidence=ev)
    if apply is True:
        return _System(Status.PASS, say.yum_cron_installs(), evidence=ev, mechanism="yum-cron")
    if apply is None:
        return _System(Status.UNKNOWN, say.yum_cron_conf_unreadable(), evidence=ev)
    return _System(Status.FAIL, say.yum_cron_does_not_apply(), Severity.MEDIUM, ev)


def _dnf_system(dnf: DnfAuto) -> _System:
    ev = [s.evidence for _, s in dnf.timers if s.evidence]
    on = {unit for unit, s in dnf.timers if s.state in systemctl.ENABLED_STATES}
    if "dnf-automatic-install.timer" in on:
        return _System(Status.PASS, say.dnf_automatic_installs(), evidence=ev,
                       mechanism="dnf-automatic")
    if on:
        text = dnf.conf_text
        commands = ini.parse_ini(text or "").get("commands", {})
        apply = parse_bool(commands.get("apply_updates"))
        ev.append(Evidence(DNF_AUTOMATIC_CONF, "unreadable" if text is None else
                           f"apply_updates = {commands.get('apply_updates', '(unset: no)')}, "
                           f"upgrade_type = {commands.get('upgrade_type', '(unset: default)')}"))
        if apply is True:
            return _System(Status.PASS, say.dnf_automatic_installs(), evidence=ev,
                           mechanism="dnf-automatic")
        if text is None:
            return _System(Status.UNKNOWN, say.dnf_automatic_conf_unreadable(), evidence=ev)
        return _System(Status.FAIL, say.dnf_automatic_does_not_apply(), Severity.MEDIUM, ev)
    yum_cron = _yum_cron_system(dnf)
    if yum_cron is not None:  # EL7 and its clones: yum-cron is their automatic updater
        return replace(yum_cron, evidence=[*ev, *yum_cron.evidence])
    if all(s.state == "unknown" for _, s in dnf.timers):
        return _System(Status.UNKNOWN, say.timers_unreadable(), evidence=ev)
    return _System(Status.FAIL, say.dnf_automatic_off(), Severity.MEDIUM, ev)


def _zypper_system(zypper: ZypperAuto) -> _System:
    ev = [zypper.timer.evidence] if zypper.timer.evidence else []
    if zypper.timer.state in systemctl.ENABLED_STATES:
        return _System(Status.PASS, say.transactional_update_on(), evidence=ev,
                       mechanism="transactional-update")
    if zypper.timer.state == "unknown":
        return _System(Status.UNKNOWN, say.timers_unreadable(), evidence=ev)
    return _System(Status.FAIL, say.nothing_set_up(), Severity.MEDIUM, ev)


def _system(f: LinuxAutoFacts) -> _System:
    if isinstance(f.system, AptAuto):
        return _apt_system(f.system)
    if isinstance(f.system, DnfAuto):
        return _dnf_system(f.system)
    if isinstance(f.system, ZypperAuto):
        return _zypper_system(f.system)
    return _System(Status.FAIL, say.pacman_by_hand(), Severity.MEDIUM,
                   [Evidence("pacman", "no automatic update mechanism is part of this system")],
                   [say.arch_update_weekly()])


def decide_linux(f: LinuxAutoFacts) -> Finding:
    """The system's own mechanism decides; GNOME Software only covers Flatpak apps, and KDE
    Discover set to install by itself turns a failure into ``unknown``."""
    if f.tails:
        return Finding(Status.NOT_APPLICABLE, say.tails_not_applicable(),
                       evidence=list(f.evidence))
    if f.ostree:
        return Finding(Status.UNKNOWN, say.ostree_unknown(), evidence=list(f.evidence))
    if f.manager is None:
        return Finding(Status.UNKNOWN, say.unknown_package_manager(
            f.label or "this Linux system"), evidence=list(f.evidence),
            data={"reason": "unknown_package_manager"})
    system = _system(f)
    evidence = [*f.evidence, *system.evidence, *([f.gnome_evidence] if f.gnome_evidence else []),
                *([f.discover_evidence] if f.discover_evidence else [])]
    details = list(system.details)
    data: dict[str, Any] = {"package_manager": f.manager, "mechanism": system.mechanism,
                            "gnome_software_downloads": f.gnome,
                            "kde_discover_unattended": f.discover}
    summary, status, severity = system.summary, system.status, system.severity
    if f.gnome:
        if status is Status.FAIL:
            summary = say.only_flatpak_updates()
        details.append(say.gnome_software_apps_only())
    if f.discover and status is Status.FAIL:
        summary = say.kde_discover_unconfirmed()
        status, severity = Status.UNKNOWN, None
    return Finding(status, summary, severity=severity, evidence=evidence, details=details,
                   data=data)


# -- macOS ------------------------------------------------------------------------------

_DEFAULT_ON = ("AutomaticCheckEnabled", "AutomaticDownload", "CriticalUpdateInstall",
               "ConfigDataInstall")


def _switches_evidence(sw: Mapping[str, tuple[bool | None, str]]) -> Evidence:
    shown = []
    for key in um.AUTO_KEYS:
        setting, origin = sw[key]
        if setting is None:
            shown.append(f"{key} not set")
        else:
            shown.append(f"{key}={'true' if setting else 'false'}"
                         + (" (managed)" if origin == "managed" else ""))
    return Evidence(um.SOFTWARE_UPDATE_PLIST, ", ".join(shown))


def _macos_details(f: MacAutoFacts, sw: Mapping[str, tuple[bool | None, str]],
                   evidence: list[Evidence]) -> list[Message]:
    details: list[Message] = []
    commerce = f.commerce
    if commerce is not None and "AutoUpdate" in commerce:
        on = bool(commerce.get("AutoUpdate"))
        evidence.append(Evidence(um.COMMERCE_PLIST, f"AutoUpdate={'true' if on else 'false'}"))
        details.append(say.app_store_updates(on))
    if any(sw[k][0] is None for k in _DEFAULT_ON):
        details.append(say.default_is_on())
    if any(origin == "managed" for _, origin in sw.values()):
        details.append(say.managed_settings())
    return details


def _macos_failure(sw: Mapping[str, tuple[bool | None, str]]) -> tuple[Message,
                                                                      Severity] | None:
    def is_on(key: str) -> bool:
        v = sw[key][0]
        return True if v is None and key in _DEFAULT_ON else bool(v)

    if not is_on("AutomaticCheckEnabled"):
        return say.macos_no_check(), Severity.HIGH
    if not is_on("CriticalUpdateInstall"):
        return say.security_responses_off(), Severity.HIGH
    if not is_on("AutomaticDownload"):
        return say.macos_no_download(), Severity.MEDIUM
    if sw["AutomaticallyInstallMacOSUpdates"][0] is False:
        return say.macos_install_off(), Severity.MEDIUM
    if not is_on("ConfigDataInstall"):
        return say.xprotect_off(), Severity.MEDIUM
    return None


def decide_macos(f: MacAutoFacts) -> Finding:
    """``fail`` for a switch off (HIGH for checking and Security Responses); ``attention``
    when the macOS-install switch is not recorded; ``pass`` when all are on."""
    evidence = list(f.evidence)
    if f.local is None and f.managed is None:
        evidence.append(Evidence(um.SOFTWARE_UPDATE_PLIST, "missing or unreadable"))
        return Finding(Status.UNKNOWN, say.macos_settings_unreadable(), evidence=evidence)
    sw = um.effective_switches(dict(f.local) if f.local is not None else None,
                               dict(f.managed) if f.managed is not None else None)
    evidence.append(_switches_evidence(sw))
    details = _macos_details(f, sw, evidence)
    data = {k: v for k, (v, _) in sw.items()}
    failure = _macos_failure(sw)
    if failure is not None:
        return Finding(Status.FAIL, failure[0], severity=failure[1], evidence=evidence,
                       details=details, data=data)
    if sw["AutomaticallyInstallMacOSUpdates"][0] is None:
        return Finding(Status.ATTENTION, say.macos_install_unrecorded(), evidence=evidence,
                       details=details, data=data)
    return Finding(Status.PASS, say.macos_all_on(), evidence=evidence, details=details,
                   data=data)


# -- Windows ----------------------------------------------------------------------------

def _windows_policy(f: WindowsAutoFacts, evidence: list[Evidence]) -> list[Message]:
    """The policy's evidence, and what it says about the update server and deferral."""
    policy, wu_policy = f.au_policy, f.wu_policy
    details: list[Message] = []
    if policy:
        shown = [f"{k}={policy[k]}" for k in ("NoAutoUpdate", "AUOptions", "UseWUServer")
                 if k in policy]
        evidence.append(Evidence(uw.AU_POLICY_KEY, ", ".join(shown) or "no update values"))
    else:
        evidence.append(Evidence(uw.AU_POLICY_KEY, "no policy"))
    if uw.to_int((policy or {}).get("UseWUServer")) == 1:
        server = str(wu_policy.get("WUServer") or "?")
        evidence.append(Evidence(uw.WU_POLICY_KEY, f"WUServer={server}"))
        details.append(say.update_server(server))
    defer = uw.to_int(wu_policy.get("DeferQualityUpdatesPeriodInDays"))
    if defer and uw.to_int(wu_policy.get("DeferQualityUpdates")) != 0:
        evidence.append(Evidence(uw.WU_POLICY_KEY, f"DeferQualityUpdatesPeriodInDays={defer}"))
        details.append(say.deferred(defer))
    if f.cost_evidence:
        evidence.append(f.cost_evidence)
    return details


def _windows_verdict(f: WindowsAutoFacts, no_auto: int | None, options: int | None,
                     data: dict[str, Any]) -> tuple[Status, Message, Severity | None]:
    blockers = f.blockers
    if blockers.disabled:
        return Status.FAIL, say.service_off(), Severity.HIGH
    if no_auto == 1:
        return Status.FAIL, say.policy_off(), Severity.HIGH
    if options == 2:
        return Status.FAIL, say.policy_notify_only(), Severity.MEDIUM
    if options in (3, 7):
        return Status.FAIL, say.policy_download_only(), Severity.MEDIUM
    if blockers.pause.paused_until is not None:
        data["paused_until"] = blockers.pause.paused_until.isoformat()
        return Status.FAIL, say.paused_until(iso_date(blockers.pause.paused_until)), \
            Severity.MEDIUM
    if not blockers.services_readable:
        return Status.UNKNOWN, say.service_unreadable(), None
    if f.metered:
        return Status.ATTENTION, say.metered_waits(), None
    if options == 4:
        return Status.PASS, say.policy_installs(), None
    return Status.PASS, say.windows_default(), None


def decide_windows(f: WindowsAutoFacts) -> Finding:
    """``fail`` when the service is off, a policy turns updates off or leaves them waiting,
    or updates are paused; ``attention`` on a metered connection; else ``pass``."""
    evidence = [*f.evidence, *f.blockers.evidence]
    details = _windows_policy(f, evidence)
    no_auto, options = uw.au_policy(f.au_policy)
    data: dict[str, Any] = {"no_auto_update": no_auto, "au_options": options,
                            "disabled_services": list(f.blockers.disabled)}
    status, summary, severity = _windows_verdict(f, no_auto, options, data)
    return Finding(status, summary, severity=severity, evidence=evidence, details=details,
                   data=data)
