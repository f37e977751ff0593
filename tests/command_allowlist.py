"""The review of every declared command: nothing that goes online, elevates or changes the machine.

Rule 3 (offline, always) and rule 4 (no admin rights) of DESIGN.md, made checkable. The
commands Checkup may run are the templates declared in the checks' specs and by the engine
(``checks.engine.commands.declared()``; LiveHost refuses everything else). This module reviews those
templates by explicit rules over their fixed words and their placeholders' patterns:

- every template says why it is offline and unprivileged;
- its program is never an elevator, a network client, a package updater or PowerShell 7;
- none of its fixed words is a verb that refreshes, installs, elevates or changes something,
  except the few that a program's own safety option makes read-only (``apt-get -s upgrade``,
  ``snap refresh --time``), and then only with that option;
- no placeholder accepts an option or an assignment, so a value can never turn a
  read into a write; a placeholder in the program's place accepts only Windows PowerShell 5.1;
- known commands that go online or need root are refused by the whole policy.

``review(owner, command)`` returns one line per problem of one template;
``violations(argvs)`` returns one line per argv the policy does not allow.
"""

from __future__ import annotations

import ntpath
import posixpath
import re
from collections.abc import Iterable, Sequence

from checks.engine import commands
from checks.engine.commands import Command, Value

# Programs never run, whatever the arguments: they elevate, talk to the network, or fetch
# and install updates.
NEVER_PROGRAMS = frozenset({
    "sudo", "pkexec", "doas", "su", "runas", "gsudo", "osascript",
    "pwsh", "curl", "wget", "nc", "ncat", "ssh", "scp", "ping", "nslookup", "dig", "host",
    "apt", "aptitude", "softwareupdate", "checkupdates", "pro", "ubuntu-advantage",
    "fwupdmgr", "pkcon", "winget", "choco", "msiexec", "wuauclt", "usoclient",
    "bitsadmin", "certutil", "dpkg", "rpm-ostree", "yum", "flatpak",
})

# Fixed words that refresh package lists, install, elevate, download or change state (options
# compared exactly, since ``-S`` is not ``-s``; other words whatever their case).
FORBIDDEN_WORDS = frozenset(w if w.startswith("-") else w.lower() for w in (
    "update", "upgrade", "dist-upgrade", "full-upgrade", "install", "reinstall", "remove",
    "purge", "autoremove", "refresh", "--refresh", "makecache", "download", "-Sy", "-Syu",
    "-S", "-U", "-i", "--install", "-y", "--yes", "-Verb", "RunAs", "write", "delete",
    "import", "set", "add", "start", "stop", "restart", "reload", "enable", "disable",
    "mask", "unmask", "kill", "-K", "verify-cert", "--list", "remote-ls", "Invoke-WebRequest",
    "Invoke-RestMethod", "Start-Process", "-EncodedCommand", "-File", "mount", "unmount",
))

# Words a program's own safety option makes read-only: program -> (that option, the words).
SAFE_WITH = {
    "apt-get": ("-s", frozenset({"upgrade", "dist-upgrade"})),
    "snap": ("--time", frozenset({"refresh"})),
}

# What no placeholder may accept: an option or an assignment, which could turn a read into a
# write or point a tool at a server (a value is only ever a name, a path or a script).
PLACEHOLDER_PROBES = ("-", "-y", "--refresh", "--install", "-Sy", "-Verb", "-o",
                      "boot-args=-v", "Acquire::http::Proxy=http://127.0.0.1/")
# What a placeholder in the program's place may never accept.
PROGRAM_PROBES = ("sudo", "/usr/bin/sudo", "pwsh", r"C:\Program Files\PowerShell\7\pwsh.exe",
                  r"C:\Windows\System32\runas.exe", r"C:\Windows\System32\curl.exe",
                  r".\powershell.exe", r"C:\Tools\powershell.exe",
                  r"C:\Windows\System32\WindowsPowerShell\v1.0\powershell_ise.exe")
POWERSHELL_51 = r"\System32\WindowsPowerShell\v1.0\powershell.exe"

# Known commands that contact a server, refresh package lists, install, elevate or change the
# machine: the whole policy must refuse every one.
KNOWN_BAD: tuple[tuple[str, ...], ...] = (
    ("apt-get", "update"), ("apt-get", "-s", "install", "x"), ("apt-get", "upgrade"),
    ("apt-get", "-y", "dist-upgrade"), ("apt", "list", "--upgradable"),
    ("dnf", "makecache"), ("dnf", "check-update"), ("dnf", "-C", "install", "x"),
    ("dnf5", "check-upgrade", "--refresh"), ("zypper", "refresh"), ("zypper", "list-updates"),
    ("pacman", "-Sy"), ("pacman", "-Syu"), ("checkupdates",), ("pro", "status"),
    ("snap", "refresh"), ("snap", "refresh", "--list"), ("flatpak", "remote-ls", "--updates"),
    ("softwareupdate", "-l"), ("softwareupdate", "-i", "-a"), ("sudo", "ufw", "status"),
    ("pkexec", "true"), ("systemctl", "start", "ssh.service"),
    ("systemctl", "enable", "ssh.service"), ("systemctl", "show", "--property=Id", "-H", "h"),
    ("nvram", "boot-args=-v"), ("defaults", "write", "com.apple.x", "k", "1"),
    ("security", "verify-cert", "-c", "x.pem"), ("pwsh", "-Command", "x"),
    ("pwsh", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-Command",
     "# checkup-facts v1\n"),
    ("powershell.exe", "-Command", "Invoke-WebRequest https://example.org"),
    (r"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", "-Command",
     "Invoke-WebRequest https://example.org"),
    (r"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", "-NoProfile",
     "-NonInteractive", "-ExecutionPolicy", "Bypass", "-Command",
     "# checkup-facts v1\nInvoke-WebRequest https://example.org"),
    (r"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", "-NoProfile",
     "-NonInteractive", "-ExecutionPolicy", "Bypass", "-Command",
     "Start-Process powershell -Verb RunAs"),
    (r"C:\Tools\powershell.exe", "-NoProfile", "-NonInteractive", "# checkup-facts"),
    ("runas", "/user:Administrator", "cmd"), ("curl", "https://example.org"),
    ("wget", "https://example.org"),
)


def program_name(word: str) -> str:
    """``/usr/bin/sudo`` -> ``sudo``; ``C:\\...\\PWSH.EXE`` -> ``pwsh``."""
    base = ntpath.basename(posixpath.basename(word)).lower()
    return base[:-4] if base.endswith(".exe") else base


def review(owner: str, command: Command) -> list[str]:
    """Every problem of one declared template, as lines naming it."""
    where = f"{owner}: {command.shown()}"
    out: list[str] = []
    if len(command.why.strip()) < 20:
        out.append(f"{where}: says too little about why it is offline and unprivileged")
    program = command.program
    if isinstance(program, Value):
        # judged by the probes, as any other pattern
        for probe in PROGRAM_PROBES:
            if program.accepts(probe):
                out.append(f"{where}: its program placeholder accepts {probe!r}")
        name = "powershell"
    else:
        name = program_name(program)
        if name in NEVER_PROGRAMS:
            out.append(f"{where}: {name} is never run")
    fixed = [w for w in command.words[1:] if isinstance(w, str)]
    safe_option, safe_words = SAFE_WITH.get(name, ("", frozenset()))
    for word in fixed:
        low = word if word.startswith("-") else word.lower()
        if low in FORBIDDEN_WORDS and not (low in safe_words and safe_option in fixed):
            out.append(f"{where}: the word {word!r} refreshes, installs, elevates or changes")
    for placeholder in command.words[1:]:
        if not isinstance(placeholder, Value):
            continue
        for probe in PLACEHOLDER_PROBES:
            if placeholder.accepts(probe):
                out.append(f"{where}: <{placeholder.name}> accepts {probe!r}")
    return out


def review_all(declared: dict[str, tuple[Command, ...]] | None = None) -> list[str]:
    found = commands.declared() if declared is None else declared
    return [line for owner, cs in sorted(found.items()) for c in cs
            for line in review(owner, c)]


def shown(argv: Sequence[str]) -> str:
    return " ".join(a if len(a) < 60 else a[:57] + "..." for a in argv)


def violations(argvs: Iterable[Sequence[str]]) -> list[str]:
    """One line per argv that no declared template allows."""
    policy = commands.policy()
    return [f"command not declared: {shown(a)}" for a in argvs if not policy.allows(list(a))]


# PowerShell that would go online, elevate or change the machine; none may appear in a fact.
FORBIDDEN_POWERSHELL = re.compile(
    r"Invoke-WebRequest|Invoke-RestMethod|\biwr\b|\birm\b|Net\.WebClient|HttpClient|"
    r"DownloadString|DownloadFile|Start-BitsTransfer|Test-NetConnection|Test-Connection|"
    r"Resolve-DnsName|Update-Help|Install-Module|Find-Module|Install-Package|"
    r"\.Search\(|CreateUpdateDownloader|CreateUpdateInstaller|Start-Process|RunAs|"
    r"\bSet-|\bNew-Item|\bRemove-|\bStop-|\bRestart-|\bEnable-|\bDisable-|"
    r"New-Object\s+System\.Net",
    re.IGNORECASE,
)
