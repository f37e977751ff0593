"""A Host whose every answer is garbage, for the robustness tests.

Every command returns random bytes, a huge output, nothing, a failure or a timeout; every
file read returns garbage or nothing; directory listings, registry keys and processes are
absent or hold meaningless names and values. A seeded ``random.Random`` drives it, so a
failing case can be replayed from its seed alone.

"Garbage" here means *meaningless*: no value that a real system could write with a
meaning (a registry flag 0/1, "FileVault is On.", a UEFI variable of five bytes). A check
fed only this must never say ``pass``.
"""

from __future__ import annotations

import json
import random
import string
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

from checks.engine.host import CommandResult, FileStat, PlatformInfo, ProcessInfo, name_matches
from checks.engine.model import Finding
from checks.engine.snapshot import PS_MARKER
from checks.engine.winfacts import registered_facts

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
_PRINTABLE = string.ascii_letters + string.digits + " \t=:;,.{}[]()\"'/\\-_#%<>|"
_DESKTOPS = ("", "GNOME", "ubuntu:GNOME", "KDE", "X-Cinnamon", "XFCE", "Unity", "\x00\x01")


class GarbageHost:
    """Answers every question with garbage. ``calls`` records every argv run."""

    def __init__(self, family: str, seed: int, huge: bool = True,
                 rng: random.Random | None = None) -> None:
        # ``rng`` lets a property test drive the garbage (Hypothesis' randoms() shrink)
        self.rng = rng if rng is not None else random.Random(seed)
        self.seed = seed
        self.huge = huge
        self.calls: list[tuple[str, ...]] = []
        rng = self.rng
        env: dict[str, str]
        if family == "windows":
            home = r"C:\Users\amira"
            env = {"SystemRoot": r"C:\Windows", "USERPROFILE": home,
                   "LOCALAPPDATA": home + r"\AppData\Local", "APPDATA": home + r"\AppData\Roaming"}
            system = "Windows"
        elif family == "macos":
            home = "/Users/amira"
            env = {"HOME": home}
            system = "Darwin"
        else:
            home = "/home/amira"
            env = {"HOME": home, "XDG_CURRENT_DESKTOP": rng.choice(_DESKTOPS)}
            if rng.random() < 0.3:
                env["XDG_CONFIG_HOME"] = home + "/.config"
            system = "Linux"
        machine = rng.choice(["x86_64", "arm64", "aarch64", "AMD64", "", "\ufffd"])
        release = rng.choice(["6.8.0-45-generic", "24.1.0", "10.0.26100", "", self.word()])
        self.platform = PlatformInfo(system, release, self.word(), machine, home, env)

    # -- garbage makers ---------------------------------------------------------------
    def word(self) -> str:
        """A meaningless token: a letter, 3-10 characters, a digit. It can never be a word
        a setting uses ("on", "true", "Everyone") nor a bare number ("0", "300")."""
        rng = self.rng
        middle = "".join(rng.choice(string.ascii_letters + string.digits + "._-")
                         for _ in range(rng.randint(3, 10)))
        return rng.choice(string.ascii_letters) + middle + rng.choice(string.digits)

    def text(self) -> str:
        rng = self.rng
        kind = rng.random()
        if kind < 0.12:
            return ""
        if kind < 0.35:
            return rng.randbytes(rng.randint(1, 2000)).decode("utf-8", errors="replace")
        if kind < 0.55:
            lines = []
            for _ in range(rng.randint(1, 40)):
                lines.append("".join(rng.choice(_PRINTABLE) for _ in range(rng.randint(0, 90))))
            return "\n".join(lines)
        if kind < 0.70:
            return json.dumps(self.json_value(3))
        if kind < 0.78:
            # something that starts like a property list, XML or INI, then falls apart
            head = rng.choice(["bplist00", "<?xml version=\"1.0\"?>\n<plist>", "[Daemon]\n",
                               "{\"blockdevices\": [", "<?xml version='1.0'?><stream>",
                               "Filename\tType\n", "Inst ", "disabled services = {\n"])
            return head + rng.randbytes(rng.randint(0, 400)).decode("utf-8", errors="replace")
        if kind < 0.86 and self.huge:
            # huge output: many lines, or one very long line
            if rng.random() < 0.5:
                line = "".join(rng.choice(_PRINTABLE) for _ in range(80))
                return "\n".join(line for _ in range(rng.randint(2000, 6000)))
            unit = "".join(rng.choice(_PRINTABLE + "0123456789" * 3) for _ in range(64))
            return unit * rng.randint(1000, 4000)
        return " ".join(self.word() for _ in range(rng.randint(1, 20)))

    def json_value(self, depth: int) -> Any:
        rng = self.rng
        kinds = ["str", "float", "bigint", "none", "list", "dict"] if depth > 0 else \
            ["str", "float", "bigint", "none"]
        kind = rng.choice(kinds)
        if kind == "str":
            return self.word() if rng.random() < 0.7 else self.text()[:200]
        if kind == "float":
            return rng.uniform(-1e6, 1e6) + 0.37
        if kind == "bigint":
            return rng.choice([-rng.randint(1, 10**9), rng.randint(10**4, 10**12)])
        if kind == "none":
            return None
        if kind == "list":
            return [self.json_value(depth - 1) for _ in range(rng.randint(0, 5))]
        return {self.word(): self.json_value(depth - 1) for _ in range(rng.randint(0, 5))}

    def reg_value(self) -> Any:
        rng = self.rng
        kind = rng.random()
        if kind < 0.4:
            return self.word() if rng.random() < 0.5 else self.text()[:300]
        if kind < 0.6:
            return rng.choice([-rng.randint(1, 10**9), rng.randint(10**4, 10**9)])
        if kind < 0.8:
            return rng.randbytes(rng.randint(0, 40))
        return [self.word() for _ in range(rng.randint(0, 4))]

    def names(self) -> list[str]:
        rng = self.rng
        suffixes = ["", ".desktop", ".conf", ".app", ".json", ".db", ".list", ".plist",
                    "_InRelease", ".service"]
        return [self.word() + rng.choice(suffixes) for _ in range(rng.randint(0, 15))]

    # -- the Host protocol ------------------------------------------------------------
    def run(self, argv: Sequence[str], timeout: float = 10.0) -> CommandResult:
        args = tuple(argv)
        self.calls.append(args)
        rng = self.rng
        roll = rng.random()
        if roll < 0.08:
            return CommandResult(args, "not_found", 127)
        if roll < 0.14:
            return CommandResult(args, "timeout")
        if roll < 0.18:
            return CommandResult(args, "error", None, "", self.text()[:200])
        stdout = self.text()
        if any(a.lstrip().startswith(PS_MARKER) for a in args[1:]) and rng.random() < 0.6:
            # the PowerShell facts: the right shape, with meaningless values
            facts: dict[str, Any] = {}
            for name in registered_facts():
                if rng.random() < 0.8:
                    ok = rng.random() < 0.6
                    facts[name] = ({"ok": True, "value": self.json_value(3)} if ok
                                   else {"ok": False, "error": self.text()[:100]})
            stdout = json.dumps(facts)
        code = rng.choice([0, 0, 0, 1, 2, 3, 4, 100, 127, 255, -9])
        return CommandResult(args, "ok", code, stdout, self.text()[:500])

    def read_bytes(self, path: str) -> bytes | None:
        rng = self.rng
        roll = rng.random()
        if roll < 0.35:
            return None
        if roll < 0.55:
            return rng.randbytes(rng.randint(0, 3000))
        return self.text().encode("utf-8", errors="replace")

    def read_text(self, path: str) -> str | None:
        data = self.read_bytes(path)
        return None if data is None else data.decode("utf-8", errors="replace")

    def list_dir(self, path: str) -> list[str] | None:
        return None if self.rng.random() < 0.4 else self.names()

    def matching(self, path: str, patterns: Sequence[str]) -> list[str] | None:
        names = self.list_dir(path)
        if names is None:
            return None
        # now and then an entry made to match, with garbage where the pattern has wildcards
        names += [p.replace("*", self.word()).replace("?", "x") for p in patterns
                  if self.rng.random() < 0.3]
        return [n for n in names if name_matches(n, patterns)]

    def stat(self, path: str) -> FileStat | None:
        rng = self.rng
        if rng.random() < 0.5:
            return None
        return FileStat(rng.randint(0, 0o177777), rng.randint(0, 10**9),
                        rng.uniform(0, 2.1e9), rng.randint(-1, 70000))

    def registry_values(self, key: str, names: Sequence[str] | None = None
                        ) -> dict[str, Any] | None:
        rng = self.rng
        if rng.random() < 0.35:
            return None
        # A key that opens holds every value asked for, each meaningless: a value that is
        # simply missing has a meaning of its own (the system's default).
        wanted = list(names) if names is not None else \
            [self.word() for _ in range(rng.randint(1, 6))]
        return {n: self.reg_value() for n in wanted}

    def registry_subkeys(self, key: str) -> list[str] | None:
        return None if self.rng.random() < 0.4 else self.names()

    def processes(self) -> list[ProcessInfo]:
        rng = self.rng
        if rng.random() < 0.3:
            return []
        return [ProcessInfo(rng.randint(1, 99999), self.word(), None)
                for _ in range(rng.randint(1, 30))]

    def now(self) -> datetime:
        return NOW


def evidence_of_absence(finding: Finding) -> bool:
    """The one pass garbage may legitimately produce: KDE's documented defaults (lock after
    5 minutes) when the desktop says it is KDE and its settings files are shown to hold no
    screen-lock setting: listed as absent from their folders, or empty (or comments only).
    That is evidence, not garbage; an unreadable file, or one with anything but settings
    and comments in it, never gets here (see the KDE fixtures)."""
    return finding.data.get("desktop") == "KDE" and finding.data.get("kde_defaults") is True
