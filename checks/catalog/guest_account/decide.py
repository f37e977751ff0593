"""The guest-account verdicts from what was read (pure: nothing here reads the machine)."""

from __future__ import annotations

import re

from checks.catalog.guest_account import messages as say
from checks.catalog.guest_account.facts import LinuxGuestFacts, MacGuestFacts, WindowsGuestFacts
from checks.catalog.guest_account.gather import LOGINWINDOW_PLIST
from checks.catalog.readers.config_files import parse_bool
from checks.catalog.readers.sentences import unreadable
from checks.engine.model import Evidence, Finding, Severity, Status

WINDOWS_SOURCE = "PowerShell Win32_UserAccount (local account whose SID ends in -501)"

# -- Windows ------------------------------------------------------------------------------


def decide_windows(f: WindowsGuestFacts) -> Finding:
    """``fail`` when the built-in Guest account is enabled, ``pass`` when disabled;
    ``unknown`` when it could not be read or was not listed."""
    if not f.ok:
        return unreadable(say.windows_unreadable(), say.windows_how(),
                          [Evidence(WINDOWS_SOURCE, f"not available: {f.error[:160]}")], {})
    accounts = f.accounts
    if accounts is None:
        return Finding(Status.UNKNOWN, say.windows_not_understood(),
                       evidence=[Evidence(WINDOWS_SOURCE,
                                          f"unexpected value: {str(f.value)[:120]}")],
                       details=[say.windows_how()], data={"reason": "unexpected"})
    if not accounts:
        # Every Windows has the built-in Guest account (it can be renamed or disabled, not
        # deleted): an empty answer means the query did not see it, not that it is absent.
        return Finding(Status.UNKNOWN, say.windows_not_understood(),
                       evidence=[Evidence(WINDOWS_SOURCE, "no account listed, although every "
                                                          "Windows has one")],
                       details=[say.windows_how()], data={"reason": "not_listed"})
    evidence = [Evidence(WINDOWS_SOURCE, f"{a['name']}: " + ("disabled" if a["disabled"]
                                                             else "enabled"))
                for a in accounts]
    enabled = [a for a in accounts if not a["disabled"]]
    if enabled:
        return Finding(Status.FAIL, say.windows_enabled(enabled[0]["name"]),
                       severity=Severity.MEDIUM, evidence=evidence,
                       data={"guest_enabled": True})
    return Finding(Status.PASS, say.windows_disabled(accounts[0]["name"]), evidence=evidence,
                   data={"guest_enabled": False})


# -- macOS --------------------------------------------------------------------------------

def _mac_enabled(f: MacGuestFacts, evidence: list[Evidence]) -> bool | None:
    """GuestEnabled from the plist (absent: macOS's default, off), else sysadminctl's
    answer."""
    if f.plist is not None:
        raw = f.plist.get("GuestEnabled")
        if raw is None:
            evidence.append(Evidence(LOGINWINDOW_PLIST, "no GuestEnabled (macOS's default: off)"))
            return False
        if isinstance(raw, bool) or raw in (0, 1):
            evidence.append(Evidence(LOGINWINDOW_PLIST, f"GuestEnabled = {raw}"))
            return bool(raw)
        evidence.append(Evidence(LOGINWINDOW_PLIST,
                                 f"GuestEnabled has an unexpected value ({type(raw).__name__})"))
        return None
    evidence.append(Evidence(LOGINWINDOW_PLIST, f.why))
    tool = f.sysadminctl
    assert tool is not None  # asked whenever the plist was not read
    shown = tool.text.strip().splitlines()[-1] if tool.text.strip() else tool.described
    evidence.append(Evidence("sysadminctl -guestAccount status",
                             re.sub(r"^\S+ \S+ sysadminctl\[[^\]]*\]\s*", "", shown)[:160]))
    return tool.enabled


def decide_macos(f: MacGuestFacts) -> Finding:
    """``fail`` when the Guest User is on, ``pass`` when off, else ``unknown``."""
    evidence: list[Evidence] = []
    enabled = _mac_enabled(f, evidence)
    if enabled is True:
        return Finding(Status.FAIL, say.macos_on(), severity=Severity.MEDIUM,
                       evidence=evidence, details=[say.macos_guest_limits()],
                       data={"guest_enabled": True})
    if enabled is False:
        return Finding(Status.PASS, say.macos_off(), evidence=evidence,
                       data={"guest_enabled": False})
    return unreadable(say.macos_unreadable(), say.macos_how(), evidence, {})


# -- Linux --------------------------------------------------------------------------------

def _no_guest(evidence: list[Evidence]) -> Finding:
    return Finding(Status.NOT_APPLICABLE, say.no_guest_session(), evidence=evidence,
                   data={"guest_enabled": False})


def decide_linux(f: LinuxGuestFacts) -> Finding:
    """``fail`` when LightDM offers a guest session it can start; ``not_applicable`` when
    there is none; ``unknown`` when LightDM's setting cannot be understood."""
    if not f.paths and not f.problems:
        return _no_guest([Evidence("/etc/lightdm", "no LightDM settings: no guest session "
                                                   "is offered")])
    evidence = [Evidence(", ".join(f.paths), f"allow-guest={f.settings['allow-guest']}"
                         if "allow-guest" in f.settings else
                         "no allow-guest (LightDM's default: true)")] if f.paths else []
    evidence += [Evidence(path, why) for path, why in f.problems]
    if f.display_manager and f.display_manager != "lightdm.service":
        evidence.append(Evidence("systemctl show display-manager.service",
                                 f"Id={f.display_manager}"))
        return _no_guest(evidence)
    # A LightDM file that could not be used may hold the setting that counts.
    allowed = parse_bool(f.settings.get("allow-guest", "true")) if not f.problems else None
    if allowed is None:
        return Finding(Status.UNKNOWN, say.lightdm_not_understood(), evidence=evidence,
                       details=[say.lightdm_how()], data={"reason": "unexpected"})
    if not allowed:
        return Finding(Status.NOT_APPLICABLE, say.guest_session_off(), evidence=evidence,
                       data={"guest_enabled": False})
    evidence.append(Evidence(f.script_found or f.script_candidates[0],
                             "present" if f.script_found
                             else "absent: guest sessions cannot start"))
    if not f.script_found:
        return _no_guest(evidence)
    return Finding(Status.FAIL, say.guest_session_offered(), severity=Severity.MEDIUM,
                   evidence=evidence, details=[say.linux_guest_limits()],
                   data={"guest_enabled": True})
