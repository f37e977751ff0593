"""Parsers of Wayland idle daemons' settings (pure: text in, values out): swayidle's events
and hypridle's listeners, and whether a command locks the screen.

swayidle (swayidle(1), 1.8): events ``timeout <seconds> <command> [resume <command>]``,
``before-sleep``, ``after-resume``, ``lock``, ``unlock``, ``idlehint``, given as arguments
(often on an ``exec swayidle ...`` line of sway's config) or one per line in
``$XDG_CONFIG_HOME/swayidle/config``. hypridle: ``general { lock_cmd = ... }`` and
``listener { timeout = <seconds>; on-timeout = <command> }`` blocks in
``~/.config/hypr/hypridle.conf``. A command locks when it runs a screen locker, or asks logind
to lock the session (``loginctl lock-session``) while the daemon's own lock handler runs one.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

MAX_TEXT = 256 * 1024
LOCKERS = ("swaylock", "hyprlock", "gtklock", "waylock")
_LOGIND_LOCK = re.compile(r"\bloginctl\s+lock-session\b")


@dataclass(frozen=True)
class IdleRules:
    """What an idle daemon was told: (seconds, command) per timeout, and the command it runs
    when logind asks the session to lock ("" when none)."""
    timeouts: tuple[tuple[int, str], ...]
    lock_handler: str = ""


def runs_locker(command: str) -> bool:
    """Whether one of the shell command's programs is a screen locker: the first word of
    each part between ``;``, ``&&``, ``||``, ``|`` and ``&`` (so "pidof hyprlock ||
    hyprlock" runs one; a message that only names one does not)."""
    for part in re.split(r"&&|\|\||[;|&]", command):
        words = part.split()
        while words and ("=" in words[0] or words[0] in ("exec", "nohup", "setsid", "env")):
            words = words[1:]
        if words and words[0].rsplit("/", 1)[-1] in LOCKERS:
            return True
    return False


def lock_after(rules: IdleRules) -> int | None:
    """The shortest timeout whose command locks the screen; None when none does."""
    logind = runs_locker(rules.lock_handler)
    found = [seconds for seconds, command in rules.timeouts
             if runs_locker(command) or (logind and _LOGIND_LOCK.search(command))]
    return min(found) if found else None


def _logical_lines(text: str) -> list[str]:
    """Lines with backslash continuations joined, comments dropped."""
    out: list[str] = []
    pending = ""
    for line in text.splitlines():
        if pending == "" and line.lstrip().startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        out.append(pending + line)
        pending = ""
    if pending:
        out.append(pending)
    return out


def _events(words: list[str]) -> IdleRules:
    timeouts: list[tuple[int, str]] = []
    handler = ""
    i = 0
    while i < len(words):
        word = words[i]
        if word == "timeout" and i + 2 < len(words):
            seconds = words[i + 1]
            if seconds.isascii() and seconds.isdigit() and len(seconds) <= 7:
                timeouts.append((int(seconds), words[i + 2]))
            i += 3
        elif word in ("lock", "before-sleep", "after-resume", "unlock", "resume") \
                and i + 1 < len(words):
            if word == "lock":
                handler = words[i + 1]
            i += 2
        else:
            i += 1
    return IdleRules(tuple(timeouts), handler)


def parse_swayidle_config(text: str) -> IdleRules | None:
    """swayidle's own config file: events one per line (None when too large or not shell
    words)."""
    if len(text) > MAX_TEXT:
        return None
    words: list[str] = []
    try:
        for line in _logical_lines(text):
            words += shlex.split(line, comments=True)
    except ValueError:
        return None
    return _events(words)


def swayidle_in_sway_config(text: str) -> IdleRules | None:
    """The events of the ``exec``/``exec_always swayidle ...`` lines of sway's config; None
    when no such line (or the text is too large)."""
    if len(text) > MAX_TEXT:
        return None
    found: IdleRules | None = None
    for line in _logical_lines(text):
        try:
            words = shlex.split(line, comments=True)
        except ValueError:
            continue
        if len(words) >= 2 and words[0] in ("exec", "exec_always"):
            rest = words[1:]
            if rest and rest[0].startswith("--"):  # exec --no-startup-id swayidle ...
                rest = rest[1:]
            if rest and rest[0].rsplit("/", 1)[-1] == "swayidle":
                rules = _events(rest[1:])
                found = IdleRules((*(found.timeouts if found else ()), *rules.timeouts),
                                  rules.lock_handler or (found.lock_handler if found else ""))
    return found


def parse_hypridle(text: str) -> IdleRules | None:
    """hypridle.conf: its listeners and general lock_cmd (None when too large)."""
    if len(text) > MAX_TEXT:
        return None
    timeouts: list[tuple[int, str]] = []
    handler = ""
    block = ""
    current: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"([A-Za-z_][\w-]*)\s*\{", line)
        if m:
            block, current = m.group(1), {}
            continue
        if line == "}":
            if block == "listener":
                seconds = current.get("timeout", "")
                if seconds.isascii() and seconds.isdigit() and len(seconds) <= 7:
                    timeouts.append((int(seconds), current.get("on-timeout", "")))
            block, current = "", {}
            continue
        key, sep, value = line.partition("=")
        if sep:
            current[key.strip()] = value.strip()
            if block == "general" and key.strip() == "lock_cmd":
                handler = value.strip()
    return IdleRules(tuple(timeouts), handler)
