"""Windows facts gathered by one PowerShell process per scan.

Checks declare the facts they need by name (``ps_facts`` in their spec); each fact is a small
PowerShell script block registered here with ``ps_fact``. On the first request, one
Windows PowerShell 5.1 process (``%SystemRoot%\\System32\\WindowsPowerShell\\v1.0\\
powershell.exe -NoProfile -NonInteractive``; never PowerShell 7, which contacts the network
when it starts) runs the facts the scan's selected checks declared (every registered fact
when the scan was not told) and prints one JSON object:

    {"<fact>": {"ok": true, "value": ...} | {"ok": false, "error": "..."}}

The command is recorded in snapshots like any other.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from checks.engine.commands import Command, Value, declare
from checks.engine.host import CommandResult, Host
from checks.engine.snapshot import PS_MARKER

PS_TIMEOUT = 45.0
_FACTS: dict[str, str] = {}


def ps_fact(name: str, script: str) -> str:
    """Register a fact: ``script`` is PowerShell whose output value becomes the fact."""
    _FACTS[name] = script.strip()
    return name


def registered_facts() -> dict[str, str]:
    return dict(_FACTS)


def powershell_path(host: Host) -> str:
    root = host.platform.env.get("SystemRoot") or r"C:\Windows"
    return root.rstrip("\\") + r"\System32\WindowsPowerShell\v1.0\powershell.exe"


def build_script(facts: dict[str, str]) -> str:
    lines = [
        f"{PS_MARKER} v1",
        "$ErrorActionPreference = 'Stop'",
        "$ProgressPreference = 'SilentlyContinue'",
        "[Console]::OutputEncoding = [System.Text.Encoding]::UTF8",
        "$r = [ordered]@{}",
    ]
    for name in sorted(facts):
        body = facts[name]
        lines.append(
            f"try {{ $v = & {{ {body} }}; $r['{name}'] = @{{ ok = $true; value = $v }} }} "
            f"catch {{ $r['{name}'] = @{{ ok = $false; error = $_.Exception.Message }} }}"
        )
    lines.append("$r | ConvertTo-Json -Depth 8 -Compress")
    return "\n".join(lines)


def is_facts_script(text: str) -> bool:
    """Whether ``text`` is exactly the script ``build_script`` makes of registered facts
    (the only PowerShell the policy lets run)."""
    if not text.startswith(PS_MARKER):
        return False
    names = re.findall(r"^try \{ \$v = & \{ .*? \}; \$r\['([a-z0-9_]+)'\] = ", text,
                       re.MULTILINE | re.DOTALL)
    facts = registered_facts()
    if any(n not in facts for n in names):
        return False
    return build_script({n: facts[n] for n in names}) == text


# %SystemRoot%\System32\WindowsPowerShell\v1.0\powershell.exe (never pwsh): the system
# folder is one folder under a drive's root (C:\Windows, D:\WINNT), never deeper, so a
# look-alike tree in a user's folder (C:\Users\x\Downloads\System32\...) is refused.
POWERSHELL_EXE = r"[A-Za-z]:\\[^\\/:*?\"<>|\r\n]+\\System32\\WindowsPowerShell\\v1\.0\\powershell\.exe"


def _is_system_powershell(arg: str) -> bool:
    """On Windows itself, the PowerShell of this session's own system folder (%SystemRoot%)
    and no other; elsewhere (replaying a recording) the pattern alone decides."""
    if os.name != "nt":
        return True
    root = os.environ.get("SystemRoot") or r"C:\Windows"
    expected = root.rstrip("\\") + r"\System32\WindowsPowerShell\v1.0\powershell.exe"
    return arg.casefold() == expected.casefold()


COMMANDS = declare(
    "checks.engine.winfacts",
    Command(Value("powershell", POWERSHELL_EXE, check=_is_system_powershell), "-NoProfile", "-NonInteractive",
            "-ExecutionPolicy", "Bypass", "-Command",
            Value("script", f"{re.escape(PS_MARKER)} v1\n.*", check=is_facts_script),
            why="Windows PowerShell 5.1 (never pwsh 7, which contacts the network at start), "
                "-NoProfile -NonInteractive, running only the registered local fact scripts "
                "(read by tests/test_command_allowlist.py for anything that goes online, "
                "elevates or changes the machine)"),
)


@dataclass(frozen=True)
class Fact:
    ok: bool
    value: Any = None
    error: str = ""


class WindowsFacts:
    """The facts of one scan, gathered lazily and at most once."""

    def __init__(self, host: Host, names: Iterable[str] | None = None) -> None:
        self._host = host
        self._names = None if names is None else frozenset(names)
        self._lock = threading.Lock()
        self._done = False
        self.result: CommandResult | None = None
        self.error = ""
        self._data: dict[str, Any] = {}

    def _gather(self) -> None:
        with self._lock:
            if self._done:
                return
            self._done = True
            facts = registered_facts()
            if self._names is not None:
                facts = {n: body for n, body in facts.items() if n in self._names}
            script = build_script(facts)
            argv = [powershell_path(self._host), "-NoProfile", "-NonInteractive",
                    "-ExecutionPolicy", "Bypass", "-Command", script]
            res = self._host.run(argv, timeout=PS_TIMEOUT)
            self.result = res
            if not res.ran:
                self.error = res.describe().replace(script, "<facts script>")
                return
            text = res.stdout.strip().lstrip("\ufeff")
            try:
                data = json.loads(text) if text else None
            except json.JSONDecodeError:
                data = None
            if not isinstance(data, dict):
                self.error = "PowerShell printed no readable facts"
                return
            self._data = data

    @property
    def available(self) -> bool:
        self._gather()
        return not self.error

    def get(self, name: str) -> Fact:
        self._gather()
        if self.error:
            return Fact(False, None, self.error)
        entry = self._data.get(name)
        if not isinstance(entry, dict):
            return Fact(False, None, f"fact '{name}' was not gathered")
        if entry.get("ok") is True:
            return Fact(True, entry.get("value"))
        return Fact(False, None, str(entry.get("error") or "failed"))
