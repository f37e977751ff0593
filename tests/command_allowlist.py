"""Every program a check may run, and with which arguments: the offline, unprivileged list.

Rule 3 (offline, always) and rule 4 (no admin rights) of DESIGN.md, made checkable. Each
entry names a tool, a test of its arguments, and why it neither contacts a server nor
needs an administrator. A command that is not here, or is here with other arguments, is a
violation: adding one means adding it here, with the reason, in review.

``violations(argvs)`` returns one line per offending command.
"""

from __future__ import annotations

import ntpath
import re
from collections.abc import Callable, Iterable, Sequence

from checks.snapshot import PS_MARKER

Args = Sequence[str]


def _first_in(*words: str) -> Callable[[Args], bool]:
    return lambda a: len(a) > 1 and a[1] in words


def _systemctl(a: Args) -> bool:
    rest = [x for x in a[1:] if x != "--user"]
    return bool(rest) and rest[0] in ("show", "is-enabled") and \
        all(not x.startswith("--") or x.startswith("--property=") for x in rest[1:])


def _apt_get(a: Args) -> bool:
    # simulation only; "-o Debug::NoLocking=true" lets a user simulate without the lock
    return "-s" in a and a[-1] in ("dist-upgrade", "upgrade") and "update" not in a


def _dnf(a: Args) -> bool:
    return "-C" in a and any(x in a for x in ("check-update", "check-upgrade",
                                              "needs-restarting"))


def _zypper(a: Args) -> bool:
    return "--no-refresh" in a and any(x in a for x in ("list-updates", "list-patches"))


def _powershell(a: Args) -> bool:
    exe = ntpath.normcase(a[0])
    return exe.endswith(ntpath.normcase(r"\System32\WindowsPowerShell\v1.0\powershell.exe")) \
        and "-NoProfile" in a and "-NonInteractive" in a \
        and any(x.lstrip().startswith(PS_MARKER) for x in a[1:])


# tool -> (does this argv pass, why it is offline and unprivileged)
ALLOWED: dict[str, tuple[Callable[[Args], bool], str]] = {
    "systemctl": (_systemctl, "show / is-enabled read unit state from the local systemd "
                              "(D-Bus or unit files); nothing is started or changed"),
    "systemd-detect-virt": (lambda a: a[1:] in (["--container"], ["--vm"]),
                            "inspects the local kernel and /proc"),
    "gsettings": (_first_in("get"), "reads the user's own dconf settings"),
    "apt-config": (lambda a: a[1:] == ["dump"], "prints apt's local configuration"),
    "apt-get": (_apt_get, "-s simulates against the local package cache; never "
                          "downloads, and needs no lock or root"),
    "dnf": (_dnf, "-C uses the local metadata cache only (no refresh, no root)"),
    "dnf5": (_dnf, "-C uses the local metadata cache only (no refresh, no root)"),
    "pacman": (lambda a: a[1:] == ["-Qu"], "-Qu compares with the local sync database; "
                                          "never checkupdates or -Sy"),
    "zypper": (_zypper, "--no-refresh lists from the local repository cache"),
    "snap": (lambda a: a[1:3] == ["refresh", "--time"] and "--list" not in a,
             "--time asks the local snapd for its refresh schedule; --list would ask the "
             "store"),
    "firewall-cmd": (lambda a: a[1:] in (["--state"], ["--get-default-zone"]),
                     "asks the local firewalld over D-Bus (read-only queries, allowed for "
                     "users by polkit)"),
    "/usr/libexec/ApplicationFirewall/socketfilterfw": (
        lambda a: len(a) == 2 and a[1] in ("--getglobalstate", "--getstealthmode"),
        "--get* options read the application firewall's state; setting needs root"),
    "launchctl": (lambda a: a[1:] == ["print-disabled", "system"],
                  "prints launchd's local list of disabled services"),
    "defaults": (lambda a: "read" in a and not {"write", "delete", "import"} & set(a),
                 "reads a local preferences domain"),
    "sysadminctl": (lambda a: len(a) == 3 and a[1] in ("-screenLock", "-guestAccount")
                    and a[2] == "status", "the status form reads a local setting "
                                          "without a password"),
    "pmset": (lambda a: a[1:] in (["-g"], ["-g", "custom"]),
              "-g prints the local power settings"),
    "nvram": (lambda a: len(a) == 2 and not a[1].startswith("-") and "=" not in a[1],
              "reads one firmware variable; writing would need root"),
    "netstat": (lambda a: a[1:] == ["-an"], "lists local sockets, numeric (no name "
                                            "lookups)"),
    "ss": (lambda a: "-l" in a and "-n" in a and "-K" not in a,
           "lists local listening sockets over netlink, numeric (no name lookups)"),
    "lsblk": (lambda a: "--json" in a, "lists local block devices from sysfs"),
    "zfs": (_first_in("get"), "reads dataset properties from the local kernel module"),
    "fscrypt": (_first_in("status"), "reads the encryption policy of a local folder"),
    "lsattr": (lambda a: a[1:2] == ["-d"], "reads a folder's attribute flags"),
    "mokutil": (lambda a: a[1:] == ["--sb-state"], "reads UEFI variables (world-readable)"),
    "fdesetup": (lambda a: a[1:] == ["status"], "fdesetup(8): status runs without root"),
    "powercfg": (lambda a: len(a) > 1 and a[1].lower() in ("/qh", "/q"),
                 "queries the local power scheme; changing it would need rights"),
    "sysctl": (lambda a: a[1:2] == ["-n"] and len(a) == 3, "reads one kernel value"),
    "sw_vers": (lambda a: len(a) == 1, "prints the local macOS version"),
    "security": (lambda a: len(a) > 1 and a[1] in ("find-certificate", "dump-trust-settings"),
                 "reads local keychains and trust settings (never verify-cert, which may "
                 "fetch revocation data)"),
    "powershell.exe": (_powershell, "Windows PowerShell 5.1 (never pwsh 7, which contacts "
                                    "the network at start), -NoProfile -NonInteractive, "
                                    "running only the registered local fact scripts"),
}


def tool_of(argv: Args) -> str:
    first = argv[0] if argv else ""
    if ntpath.basename(first).lower() == "powershell.exe":
        return "powershell.exe"
    return first


def violations(argvs: Iterable[Args]) -> list[str]:
    out: list[str] = []
    for argv in argvs:
        args = list(argv)
        tool = tool_of(args)
        rule = ALLOWED.get(tool)
        shown = " ".join(a if len(a) < 60 else a[:57] + "..." for a in args)
        if rule is None:
            out.append(f"command not in the allow-list: {shown}")
        elif not rule[0](args):
            out.append(f"arguments not allowed for {tool}: {shown}")
    return out


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
