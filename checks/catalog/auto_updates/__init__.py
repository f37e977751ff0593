"""auto-updates: will security updates install without the person remembering?

Local settings only; nothing needs administrator rights or contacts a server.

- Linux (apt): unattended-upgrades enabled in apt's periodic configuration, read with
  ``apt-config dump`` (local, machine-readable; the files of /etc/apt/apt.conf.d when it
  cannot run), the program installed, its daily timer not disabled, and security origins
  among those it installs. (dnf): dnf-automatic's timer enabled and ``apply_updates = yes``
  in /etc/dnf/automatic.conf, or the install-only timer; on EL7 and its clones yum-cron's
  service enabled and ``apply_updates = yes`` in /etc/yum/yum-cron.conf (its shipped "no"
  only downloads). (zypper): transactional-update's
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

from checks.catalog.auto_updates.decide import decide_linux, decide_macos, decide_windows
from checks.catalog.auto_updates.gather import (
    COMMANDS,
    FILES,
    gather_linux,
    gather_macos,
    gather_windows,
)
from checks.catalog.os_updates.gather import COST_FACT
from checks.engine.i18n import N_
from checks.engine.model import Finding, Status
from checks.engine.registry import On, Scan, spec


def _linux(scan: Scan) -> Finding:
    return decide_linux(gather_linux(scan))


def _macos(scan: Scan) -> Finding:
    return decide_macos(gather_macos(scan))


def _windows(scan: Scan) -> Finding:
    return decide_windows(gather_windows(scan))


spec(
    "auto-updates", N_("Automatic updates"),
    description=N_("Do security updates install without you having to remember?"),
    order=22,
    slot=3,
    systems={
        "linux": On(_linux, Status.PASS, Status.ATTENTION, Status.FAIL, Status.UNKNOWN,
                    Status.NOT_APPLICABLE),
        "macos": On(_macos, Status.PASS, Status.ATTENTION, Status.FAIL, Status.UNKNOWN),
        "windows": On(_windows, Status.PASS, Status.ATTENTION, Status.FAIL, Status.UNKNOWN),
    },
    commands=COMMANDS,
    files=FILES,
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
