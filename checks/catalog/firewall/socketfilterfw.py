"""Pure parsers for the macOS application firewall's state: ``socketfilterfw``'s answers
and whether the old property list still holds the setting (text in, facts out)."""

from __future__ import annotations

import re


def parse_alf_state(text: str) -> int | None:
    """``socketfilterfw --getglobalstate`` -> 0 (off), 1 or 2 (on); None if unrecognised.
    Examples: "Firewall is enabled. (State = 1)", "Firewall is disabled. (State = 0)"."""
    # at most 9 digits: a longer number is no state, and int() refuses over 4 300 digits
    m = re.search(r"\(State\s*=\s*(\d{1,9})\)", text)
    if m:
        value = int(m.group(1))
        return value if value in (0, 1, 2) else None
    line = text.strip()
    if line == "Firewall is disabled.":
        return 0
    if line == "Firewall is enabled.":
        return 1
    return None


def parse_stealth(text: str) -> bool | None:
    """``socketfilterfw --getstealthmode``: "Stealth mode enabled" / "Firewall stealth mode
    is on" (newer) -> True; "... disabled" / "... is off" -> False."""
    low = text.strip().lower()
    if re.search(r"stealth mode (is )?(enabled|on)\b", low):
        return True
    if re.search(r"stealth mode (is )?(disabled|off)\b", low):
        return False
    return None


def alf_plist_is_the_setting(darwin_release: str) -> bool:
    """/Library/Preferences/com.apple.alf.plist holds the firewall's state only before
    macOS 15 (Darwin 24): Apple's macOS 15 release notes say the settings are no longer
    in a property list, so a copy left there may be stale."""
    m = re.match(r"(\d{1,9})\.", darwin_release.strip())  # int() refuses over 4 300 digits
    return m is not None and int(m.group(1)) < 24
