"""The automatic-login verdicts from what was gathered (pure: nothing here reads the
machine). Automatic login on anywhere is a high ``fail``; ``pass`` says only that it is off
(whether the account has a password needs administrator rights to see)."""

from __future__ import annotations

from typing import Any

from checks.catalog.automatic_login import messages as say
from checks.catalog.automatic_login.facts import LinuxFacts, MacFacts, WindowsFacts
from checks.catalog.automatic_login.gather import LOGINWINDOW_PLIST, WINLOGON
from checks.catalog.readers.sentences import unreadable
from checks.engine.context import CONTAINER, WSL
from checks.engine.i18n import Message
from checks.engine.model import Evidence, Finding, Severity, Status


def _on(user: str, where: str, evidence: list[Evidence], data: dict[str, Any]) -> Finding:
    return Finding(Status.FAIL, say.signs_in(user), severity=Severity.HIGH, evidence=evidence,
                   details=[say.anyone_gets_in(where)],
                   data={**data, "automatic_login": True, "user_set": bool(user)})


def _off(summary: Message, evidence: list[Evidence], data: dict[str, Any]) -> Finding:
    # Only the automatic-login setting is read: whether the account has a password at all
    # needs administrator rights to see, so the summary does not claim one is asked for.
    return Finding(Status.PASS, summary, evidence=evidence, details=[say.password_unseen()],
                   data={**data, "automatic_login": False})


def decide_windows(seen: WindowsFacts) -> Finding:
    if not seen.readable:
        return unreadable(say.windows_unreadable(), say.how_to_windows(),
                          [Evidence(WINLOGON, "not readable")], {})
    raw = seen.auto_admin_logon
    text = "" if raw is None else str(raw).strip()
    evidence = [Evidence(WINLOGON, "no AutoAdminLogon value" if raw is None
                         else f"AutoAdminLogon = {raw!r}")]
    if raw is None or text == "0":
        return _off(say.windows_off(), evidence, {})
    if text == "1":
        return _on("", "Winlogon AutoAdminLogon", evidence, {})
    return unreadable(say.windows_not_understood(), say.how_to_windows(), evidence,
                      {"value": text[:40]})


def decide_macos(seen: MacFacts) -> Finding:
    if not seen.plist_read:
        return unreadable(say.macos_unreadable(), say.how_to_macos(),
                          [Evidence(LOGINWINDOW_PLIST, seen.why)], {})
    user = seen.user
    if user is None:
        return _off(say.macos_off(), [Evidence(LOGINWINDOW_PLIST, "no autoLoginUser")], {})
    if isinstance(user, str) and user.strip():
        return _on(user.strip(), LOGINWINDOW_PLIST,
                   [Evidence(LOGINWINDOW_PLIST, f"autoLoginUser = {user.strip()}")], {})
    return unreadable(say.macos_not_understood(), say.how_to_macos(),
                      [Evidence(LOGINWINDOW_PLIST, f"autoLoginUser has an unexpected value "
                                f"({type(user).__name__})")], {})


def _context(seen: LinuxFacts) -> Finding | None:
    ev = list(seen.context_evidence)
    if (seen.kind in (CONTAINER, WSL) or seen.qubes_vm) and seen.context is not None:
        return Finding(Status.NOT_APPLICABLE, say.inside(seen.context), evidence=ev)
    if seen.tails or seen.live_session:
        return Finding(Status.NOT_APPLICABLE, say.live_system(), evidence=ev)
    return None


def decide_linux(seen: LinuxFacts) -> Finding:
    """``not_applicable`` where signing in is the business of the computer around or of a
    live system; ``fail`` for automatic login on anywhere; ``unknown`` for a place that
    could not be read or understood, or a login screen Checkup does not know; else
    ``pass``."""
    if (found := _context(seen)) is not None:
        return found
    evidence = list(seen.evidence)
    data: dict[str, Any] = {"display_manager": seen.display_manager}
    for s in seen.settings:
        if s.state == "on":
            return _on(s.user, s.where, evidence, data)
    unclear = [s.where for s in seen.settings if s.state == "unclear"]
    if unclear and all(where in seen.console_problems for where in unclear):
        return unreadable(say.consoles_unreadable(), say.how_to_consoles(), evidence, data)
    if unclear:
        return unreadable(say.linux_not_understood(), say.how_to_linux(), evidence, data)
    if seen.family == "other":
        return unreadable(say.unknown_login_screen(seen.display_manager), say.how_to_linux(),
                          evidence, data)
    if seen.read_something or seen.family in ("gdm", "lightdm", "sddm", "greetd"):
        return _off(say.linux_off(), evidence, data)
    return unreadable(say.settings_not_found(), say.how_to_linux(), evidence, data)
