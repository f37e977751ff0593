"""What the automatic-login check knows about the machine: only whether automatic login is
set, and where (never a stored password). Pure: nothing here reads the machine (``gather``
does)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from checks.engine.i18n import Message
from checks.engine.model import Evidence


@dataclass(frozen=True)
class WindowsFacts:
    readable: bool  # the Winlogon key could be read
    auto_admin_logon: Any  # the AutoAdminLogon value as read (None: absent)


@dataclass(frozen=True)
class MacFacts:
    plist_read: bool
    why: str  # why the login window's preferences could not be read
    user: Any  # autoLoginUser as read (None: absent)


@dataclass(frozen=True)
class Setting:
    """What one place says about automatic login: state "on", "off" or "unclear"."""
    state: str
    user: str
    where: str


@dataclass(frozen=True)
class LinuxFacts:
    """The context; the display manager in use and its family ("gdm", "lightdm", "sddm",
    "greetd", "other", or "" when none was named); what each place read says."""
    kind: str
    qubes_vm: bool
    tails: bool
    live_session: bool
    context: Message | None  # the context described, when it rules the check out
    context_evidence: tuple[Evidence, ...]
    display_manager: str = ""
    family: str = ""
    settings: tuple[Setting, ...] = ()
    read_something: bool = False  # a display manager's settings file was read
    console_problems: tuple[str, ...] = ()  # console places that could not be read
    evidence: tuple[Evidence, ...] = ()
