"""guest-account: can someone use this computer through a guest account, without a password?

macOS: the login window's guest setting (``GuestEnabled`` in
/Library/Preferences/com.apple.loginwindow.plist; ``sysadminctl -guestAccount status``,
which prints on stderr, when the file cannot be read). Windows: the built-in Guest account,
found by its well-known relative identifier 500+1 (a SID ending in -501) because its name
is translated on localised systems ("Invitado", "Invité", "ضيف"...), through
Win32_UserAccount in the scan's PowerShell process. Linux desktops have no guest session
unless LightDM offers one (``allow-guest`` with its guest-account script present);
otherwise the check does not apply. Accounts with an empty password would need
administrator rights to detect and are not looked for.
"""

from __future__ import annotations

import re
from typing import Any

from checks.catalog.readers.config_files import parse_bool
from checks.catalog.readers.lightdm import LIGHTDM_DIRS, LIGHTDM_MAIN, read_lightdm
from checks.catalog.readers.plist import read_plist
from checks.catalog.readers.sentences import unreadable
from checks.catalog.readers.systemd import SYSTEMCTL_SHOW, systemd_units
from checks.engine.commands import Command
from checks.engine.i18n import N_, msg
from checks.engine.model import Evidence, Finding, Severity, Status
from checks.engine.registry import On, Scan, spec
from checks.engine.winfacts import ps_fact

LOGINWINDOW_PLIST = "/Library/Preferences/com.apple.loginwindow.plist"
GUEST_SCRIPT_DIRS = ("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/sbin",
                     "/bin")

GUEST_FACT = ps_fact(
    "guest_account",
    r"""
$u = Get-CimInstance -ClassName Win32_UserAccount -Filter "LocalAccount=True AND SID LIKE '%-501'" -ErrorAction Stop
,@($u | ForEach-Object { [ordered]@{ name = [string]$_.Name; disabled = [bool]$_.Disabled; builtin_guest = ([string]$_.SID).EndsWith('-501') } })
""",
)


def parse_guest_fact(value: Any) -> list[dict[str, Any]] | None:
    """The ``guest_account`` fact -> [{"name", "disabled"}] for accounts whose SID ends
    in -501; None when the value does not have that shape."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out: list[dict[str, Any]] = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("disabled"), bool):
            return None
        if item.get("builtin_guest") is False:
            continue
        out.append({"name": str(item.get("name") or ""), "disabled": item["disabled"]})
    return out


def parse_sysadminctl_guest(text: str) -> bool | None:
    """``sysadminctl -guestAccount status`` -> True (enabled), False (disabled)."""
    if re.search(r"Guest account (is )?enabled", text):
        return True
    if re.search(r"Guest account (is )?disabled", text):
        return False
    return None


def _windows(scan: Scan) -> Finding:
    fact = scan.fact(GUEST_FACT)
    source = "PowerShell Win32_UserAccount (local account whose SID ends in -501)"
    how = msg("Open Computer Management, then Local Users and Groups, then Users, and check "
              "that the Guest account (it may have a translated name) is disabled. On Home "
              "editions, run \u201cnet user\u201d in a terminal.")
    if not fact.ok:
        return unreadable(msg("Checkup could not read whether the Windows Guest account is "
                              "enabled."), how,
                          [Evidence(source, f"not available: {fact.error[:160]}")], {})
    accounts = parse_guest_fact(fact.value)
    if accounts is None:
        return Finding(Status.UNKNOWN, msg("Checkup could not understand the answer about the "
                                           "Windows Guest account."),
                       evidence=[Evidence(source, f"unexpected value: {str(fact.value)[:120]}")],
                       details=[how], data={"reason": "unexpected"})
    if not accounts:
        # Every Windows has the built-in Guest account (it can be renamed or disabled, not
        # deleted): an empty answer means the query did not see it, not that it is absent.
        return Finding(Status.UNKNOWN, msg("Checkup could not understand the answer about the "
                                           "Windows Guest account."),
                       evidence=[Evidence(source, "no account listed, although every Windows "
                                                  "has one")],
                       details=[how], data={"reason": "not_listed"})
    evidence = [Evidence(source, f"{a['name']}: " + ("disabled" if a["disabled"] else "enabled"))
                for a in accounts]
    enabled = [a for a in accounts if not a["disabled"]]
    if enabled:
        return Finding(Status.FAIL, msg("The Windows Guest account (\u201c{name}\u201d) is "
                                        "enabled: anyone can sign in to this computer without "
                                        "a password.", name=enabled[0]["name"]),
                       severity=Severity.MEDIUM, evidence=evidence,
                       data={"guest_enabled": True})
    return Finding(Status.PASS, msg("The Windows Guest account (\u201c{name}\u201d) is "
                                    "disabled.", name=accounts[0]["name"]),
                   evidence=evidence, data={"guest_enabled": False})


def _macos(scan: Scan) -> Finding:
    how = msg("Open System Settings, then Users & Groups, and check that the Guest User is "
              "turned off.")
    plist, why = read_plist(scan, LOGINWINDOW_PLIST)
    evidence: list[Evidence] = []
    enabled: bool | None = None
    if plist is not None:
        raw = plist.get("GuestEnabled")
        if raw is None:
            enabled = False
            evidence.append(Evidence(LOGINWINDOW_PLIST, "no GuestEnabled (macOS's default: off)"))
        elif isinstance(raw, bool) or raw in (0, 1):
            enabled = bool(raw)
            evidence.append(Evidence(LOGINWINDOW_PLIST, f"GuestEnabled = {raw}"))
        else:
            evidence.append(Evidence(LOGINWINDOW_PLIST,
                                     f"GuestEnabled has an unexpected value ({type(raw).__name__})"))
    else:
        evidence.append(Evidence(LOGINWINDOW_PLIST, why))
        res = scan.run(["sysadminctl", "-guestAccount", "status"])
        text = (res.stderr + "\n" + res.stdout) if res.ran else ""
        enabled = parse_sysadminctl_guest(text)
        shown = text.strip().splitlines()[-1] if text.strip() else res.describe()
        evidence.append(Evidence("sysadminctl -guestAccount status",
                                 re.sub(r"^\S+ \S+ sysadminctl\[[^\]]*\]\s*", "", shown)[:160]))
    if enabled is True:
        return Finding(Status.FAIL, msg("The Guest User is turned on: anyone can use this Mac "
                                        "without a password."),
                       severity=Severity.MEDIUM, evidence=evidence,
                       details=[msg("A guest cannot see your files, but can use the Mac and "
                                    "its network connection.")],
                       data={"guest_enabled": True})
    if enabled is False:
        return Finding(Status.PASS, msg("The Guest User is turned off."), evidence=evidence,
                       data={"guest_enabled": False})
    return unreadable(msg("Checkup could not read whether the Guest User is turned on."), how,
                      evidence, {})


def _linux(scan: Scan) -> Finding:
    settings, conf = read_lightdm(scan)
    paths = conf.paths
    if not paths and not conf.problems:
        return Finding(Status.NOT_APPLICABLE,
                       msg("This Linux desktop offers no guest session."),
                       evidence=[Evidence("/etc/lightdm", "no LightDM settings: no guest session "
                                          "is offered")],
                       data={"guest_enabled": False})
    evidence = [Evidence(", ".join(paths), f"allow-guest={settings['allow-guest']}"
                         if "allow-guest" in settings else
                         "no allow-guest (LightDM's default: true)")] if paths else []
    evidence += [Evidence(path, why) for path, why in conf.problems]
    units, _why = systemd_units(scan, ["display-manager.service"])
    dm = units["display-manager.service"].id if units else ""
    if dm and dm != "lightdm.service":
        evidence.append(Evidence("systemctl show display-manager.service", f"Id={dm}"))
        return Finding(Status.NOT_APPLICABLE,
                       msg("This Linux desktop offers no guest session."),
                       evidence=evidence, data={"guest_enabled": False})
    # A LightDM file that could not be used may hold the setting that counts.
    allowed = parse_bool(settings.get("allow-guest", "true")) if not conf.problems else None
    if allowed is None:
        return Finding(Status.UNKNOWN, msg("Checkup could not understand LightDM's guest "
                                           "setting."), evidence=evidence,
                       details=[msg("Look for \u201callow-guest\u201d in the files under "
                                    "/etc/lightdm; it should be false.")],
                       data={"reason": "unexpected"})
    if not allowed:
        return Finding(Status.NOT_APPLICABLE, msg("The guest session is turned off."),
                       evidence=evidence, data={"guest_enabled": False})
    script = settings.get("guest-account-script", "guest-account").strip()
    candidates = [script] if script.startswith("/") else \
        [f"{d}/{script}" for d in GUEST_SCRIPT_DIRS]
    found = next((c for c in candidates if scan.host.stat(c) is not None), "")
    evidence.append(Evidence(found or candidates[0],
                             "present" if found else "absent: guest sessions cannot start"))
    if not found:
        return Finding(Status.NOT_APPLICABLE,
                       msg("This Linux desktop offers no guest session."),
                       evidence=evidence, data={"guest_enabled": False})
    return Finding(Status.FAIL, msg("The login screen offers a guest session: anyone can use "
                                    "this computer without a password."),
                   severity=Severity.MEDIUM, evidence=evidence,
                   details=[msg("A guest cannot see your files, but can use the computer and "
                                "its network connection.")],
                   data={"guest_enabled": True})


spec(
    "guest-account", N_("Guest account"),
    description=N_("Whether someone can use this computer as a guest, without a password."),
    order=46,
    slot=11,
    systems={
        "linux": On(_linux, Status.FAIL, Status.NOT_APPLICABLE, Status.UNKNOWN),
        "macos": On(_macos, Status.PASS, Status.FAIL, Status.UNKNOWN),
        "windows": On(_windows, Status.PASS, Status.FAIL, Status.UNKNOWN),
    },
    commands=(
        Command("sysadminctl", "-guestAccount", "status",
                why="the status form reads the local login window setting without a password"),
        SYSTEMCTL_SHOW,
    ),
    files=(
        LOGINWINDOW_PLIST,
        *LIGHTDM_DIRS,  # listed for their drop-ins
        *(f"{d}/*.conf" for d in LIGHTDM_DIRS),
        LIGHTDM_MAIN,
        *(f"{d}/*" for d in GUEST_SCRIPT_DIRS),
    ),
    ps_facts=(GUEST_FACT,),
    demos={
        "windows11-bitlocker-keepass": "guest_account/windows_guest_disabled.json",
        "windows11-home-remote-support": "guest_account/windows_guest_disabled.json",
        "macos12-no-filevault": "guest_account/macos_guest_on.json",
        "macos15-encrypting-screen-sharing": "guest_account/macos_guest_off.json",
        "linux-ubuntu2004-unencrypted": "guest_account/linux_no_lightdm.json",
        "linux-kubuntu-well-kept": "guest_account/linux_no_lightdm.json",
        "windows10-unencrypted-telegram": "guest_account/windows_guest_disabled.json",
        "macos-filevault-signal": "guest_account/macos_guest_off.json",
        "linux-luks-pending-updates": "guest_account/linux_no_lightdm.json",
    },
)
