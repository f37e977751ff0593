"""auto-updates: will security updates install without the person remembering?

Local settings only; nothing needs administrator rights or contacts a server.

- Linux (apt): unattended-upgrades enabled in apt's periodic configuration, read with
  ``apt-config dump`` (local, machine-readable; the files of /etc/apt/apt.conf.d when it
  cannot run), the program installed, its daily timer not disabled, and security origins
  among those it installs. (dnf): dnf-automatic's timer enabled and ``apply_updates = yes``
  in /etc/dnf/automatic.conf, or the install-only timer. (zypper): transactional-update's
  timer (openSUSE MicroOS, Aeon). A program merely installed is not enough.
  GNOME Software's ``download-updates`` updates Flatpak apps by itself but leaves system
  packages waiting for the person: it counts for apps only, and the finding says so.
- macOS: AutomaticCheckEnabled, AutomaticDownload, AutomaticallyInstallMacOSUpdates,
  CriticalUpdateInstall (Security Responses and system files) and ConfigDataInstall
  (XProtect and other security data) in com.apple.SoftwareUpdate (managed preferences
  first). A missing key means macOS's default: checking, downloading, Security Responses
  and system data files are on by default; for "Install macOS updates" Checkup does not
  rely on a default (it has differed between installs and upgrades) and says so.
  App Store apps (com.apple.commerce AutoUpdate) are reported, not judged.
- Windows: the Windows Update service disabled, the policy NoAutoUpdate=1, AUOptions 2/3/7
  (notify or download only), or paused updates are failures; with no policy Windows
  downloads and installs updates by itself (its default).

Severities: no automatic checking at all, or urgent security responses / the update
service turned off = HIGH (nothing arrives without the person); updates that download but
wait, are paused, or Linux without automatic installation = MEDIUM.
"""

from __future__ import annotations

from typing import Any

from checks.catalog.auto_updates.linux import LINUX_COMMANDS, LINUX_FILES, linux_auto_updates
from checks.catalog.os_updates import macos as um
from checks.catalog.os_updates import windows as uw
from checks.catalog.os_updates.dates import iso_date
from checks.catalog.os_updates.gather import (
    COST_FACT,
    OS_FILES,
    PACKAGE_MANAGERS,
    windows_blockers,
    windows_metered,
)
from checks.engine.i18n import N_, Message, msg, msg_n
from checks.engine.model import Evidence, Finding, Severity, Status
from checks.engine.osinfo import scan_os
from checks.engine.registry import On, Scan, spec

# -- macOS ------------------------------------------------------------------------------

_DEFAULT_ON = ("AutomaticCheckEnabled", "AutomaticDownload", "CriticalUpdateInstall",
               "ConfigDataInstall")


def _macos(scan: Scan) -> Finding:
    info = scan_os(scan)
    local = um.load_plist(scan.host.read_bytes(um.SOFTWARE_UPDATE_PLIST))
    managed = um.load_plist(scan.host.read_bytes(um.MANAGED_SOFTWARE_UPDATE_PLIST))
    evidence = list(info.evidence)
    if local is None and managed is None:
        evidence.append(Evidence(um.SOFTWARE_UPDATE_PLIST, "missing or unreadable"))
        return Finding(Status.UNKNOWN, msg(
            "Checkup could not read macOS's software update settings. Open System Settings, "
            "General, Software Update, Automatic Updates to see them."), evidence=evidence)
    sw = um.effective_switches(local, managed)
    shown = []
    for key in um.AUTO_KEYS:
        setting, origin = sw[key]
        if setting is None:
            shown.append(f"{key} not set")
        else:
            shown.append(f"{key}={'true' if setting else 'false'}"
                         + (" (managed)" if origin == "managed" else ""))
    evidence.append(Evidence(um.SOFTWARE_UPDATE_PLIST, ", ".join(shown)))
    details: list[Message] = []
    commerce = um.load_plist(scan.host.read_bytes(um.COMMERCE_PLIST))
    if commerce is not None and "AutoUpdate" in commerce:
        on = bool(commerce.get("AutoUpdate"))
        evidence.append(Evidence(um.COMMERCE_PLIST, f"AutoUpdate={'true' if on else 'false'}"))
        details.append(msg("Apps from the App Store update by themselves.") if on else
                       msg("Apps from the App Store do not update by themselves."))
    if any(sw[k][0] is None for k in _DEFAULT_ON):
        details.append(msg("Settings missing from the file use macOS's default, which is on."))
    if any(origin == "managed" for _, origin in sw.values()):
        details.append(msg("Some of these settings are set by an organisation that manages "
                           "this Mac."))
    data = {k: v for k, (v, _) in sw.items()}

    def is_on(key: str) -> bool:
        v = sw[key][0]
        return True if v is None and key in _DEFAULT_ON else bool(v)

    def result(status: Status, summary: Message, severity: Severity | None = None) -> Finding:
        return Finding(status, summary, severity=severity, evidence=evidence,
                       details=details, data=data)

    if not is_on("AutomaticCheckEnabled"):
        return result(Status.FAIL, msg("macOS does not check for updates by itself."),
                      Severity.HIGH)
    if not is_on("CriticalUpdateInstall"):
        return result(Status.FAIL, msg(
            "Urgent security fixes (Security Responses and system files) do not install by "
            "themselves."), Severity.HIGH)
    if not is_on("AutomaticDownload"):
        return result(Status.FAIL, msg(
            "macOS does not download updates by itself, so they wait until you install "
            "them."), Severity.MEDIUM)
    if sw["AutomaticallyInstallMacOSUpdates"][0] is False:
        return result(Status.FAIL, msg(
            "macOS updates are downloaded but wait for you to install them."),
            Severity.MEDIUM)
    if not is_on("ConfigDataInstall"):
        return result(Status.FAIL, msg(
            "macOS's malware definitions (XProtect) do not update by themselves."),
            Severity.MEDIUM)
    if sw["AutomaticallyInstallMacOSUpdates"][0] is None:
        return result(Status.ATTENTION, msg(
            "Security Responses install by themselves, but Checkup found no record of the "
            "setting that installs macOS updates. Check that Install macOS updates is on in "
            "System Settings, General, Software Update, Automatic Updates."))
    return result(Status.PASS, msg(
        "macOS checks for, downloads and installs updates and Security Responses by "
        "itself."))


# -- Windows ----------------------------------------------------------------------------

def _windows(scan: Scan) -> Finding:
    info = scan_os(scan)
    host = scan.host
    blockers = windows_blockers(scan)
    evidence = [*info.evidence, *blockers.evidence]
    details: list[Message] = []
    policy = host.registry_values(uw.AU_POLICY_KEY)
    wu_policy = host.registry_values(uw.WU_POLICY_KEY) or {}
    no_auto, options = uw.au_policy(policy)
    if policy:
        shown = [f"{k}={policy[k]}" for k in ("NoAutoUpdate", "AUOptions", "UseWUServer")
                 if k in policy]
        evidence.append(Evidence(uw.AU_POLICY_KEY, ", ".join(shown) or "no update values"))
    else:
        evidence.append(Evidence(uw.AU_POLICY_KEY, "no policy"))
    if uw.to_int((policy or {}).get("UseWUServer")) == 1:
        server = str(wu_policy.get("WUServer") or "?")
        evidence.append(Evidence(uw.WU_POLICY_KEY, f"WUServer={server}"))
        details.append(msg("Updates come from an update server run by an organisation "
                           "({server}); it decides which updates this computer gets.",
                           server=server))
    defer = uw.to_int(wu_policy.get("DeferQualityUpdatesPeriodInDays"))
    if defer and uw.to_int(wu_policy.get("DeferQualityUpdates")) != 0:
        evidence.append(Evidence(uw.WU_POLICY_KEY, f"DeferQualityUpdatesPeriodInDays={defer}"))
        details.append(msg_n("A policy delays security updates by {n} day after their "
                             "release.", "A policy delays security updates by {n} days after "
                             "their release.", defer))
    metered, cost_ev = windows_metered(scan)
    if cost_ev:
        evidence.append(cost_ev)
    data: dict[str, Any] = {"no_auto_update": no_auto, "au_options": options,
                            "disabled_services": list(blockers.disabled)}

    def result(status: Status, summary: Message, severity: Severity | None = None) -> Finding:
        return Finding(status, summary, severity=severity, evidence=evidence,
                       details=details, data=data)

    if blockers.disabled:
        return result(Status.FAIL, msg(
            "The Windows Update service is turned off, so no updates install."),
            Severity.HIGH)
    if no_auto == 1:
        return result(Status.FAIL, msg(
            "A policy on this computer turns automatic updates off."), Severity.HIGH)
    if options == 2:
        return result(Status.FAIL, msg(
            "A policy makes Windows only tell you about updates; it neither downloads nor "
            "installs them by itself."), Severity.MEDIUM)
    if options in (3, 7):
        return result(Status.FAIL, msg(
            "A policy makes Windows download updates but wait for you to install them."),
            Severity.MEDIUM)
    if blockers.pause.paused_until is not None:
        data["paused_until"] = blockers.pause.paused_until.isoformat()
        return result(Status.FAIL, msg(
            "Windows updates are paused until {date}.",
            date=iso_date(blockers.pause.paused_until)), Severity.MEDIUM)
    if not blockers.services_readable:
        return result(Status.UNKNOWN, msg(
            "Checkup could not read the settings of the Windows Update service, so it "
            "cannot tell whether updates install by themselves."))
    if metered:
        return result(Status.ATTENTION, msg(
            "Windows installs updates by itself, but this computer is on a metered "
            "connection, so Windows waits to download most of them."))
    if options == 4:
        return result(Status.PASS, msg(
            "A policy makes Windows download and install updates by itself."))
    return result(Status.PASS, msg(
        "Nothing stops Windows Update, so Windows downloads and installs updates by itself "
        "(its default)."))


spec(
    "auto-updates", N_("Automatic updates"),
    description=N_("Do security updates install without you having to remember?"),
    order=22,
    slot=3,
    systems={
        "linux": On(linux_auto_updates, Status.PASS, Status.ATTENTION, Status.FAIL,
                    Status.UNKNOWN, Status.NOT_APPLICABLE),
        "macos": On(_macos, Status.PASS, Status.ATTENTION, Status.FAIL, Status.UNKNOWN),
        "windows": On(_windows, Status.PASS, Status.ATTENTION, Status.FAIL, Status.UNKNOWN),
    },
    commands=LINUX_COMMANDS,
    files=(*OS_FILES, *PACKAGE_MANAGERS, "/run/ostree-booted", *LINUX_FILES,
           um.SOFTWARE_UPDATE_PLIST, um.MANAGED_SOFTWARE_UPDATE_PLIST, um.COMMERCE_PLIST),
    ps_facts=(COST_FACT,),
    demos={
        "windows10-unencrypted-telegram": "os_updates/windows-10-22h2-recent.json",
        "macos-filevault-signal": "desktop/scenario_sources/macos-up-to-date.json",
        "linux-luks-pending-updates": "os_updates/ubuntu-24.04-up-to-date.json",
        "windows11-bitlocker-keepass": "os_updates/windows-11-metered.json",
        "windows11-home-remote-support": "os_updates/windows-11-paused.json",
        "macos12-no-filevault": "os_updates/macos-14-install-off.json",
        "macos15-encrypting-screen-sharing": "os_updates/macos-15-recommended-updates.json",
        "linux-ubuntu2004-unencrypted": "os_updates/ubuntu-24.04-cache-45-days.json",
        "linux-kubuntu-well-kept": "os_updates/kubuntu-24.04-discover.json",
    },
)
