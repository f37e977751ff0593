"""automatic-login: does the computer sign someone in without asking for a password?

A login that needs no password cancels both disk encryption and the screen lock for anyone
who switches the computer on. Only whether it is on is read — never a stored password:
on Windows only the ``AutoAdminLogon`` value of the Winlogon key is requested (the Host
never returns ``DefaultPassword``), on macOS only ``autoLoginUser`` of the login window's
preferences is used (the password itself lives in /etc/kcpassword, which is never read).

Linux: the display manager in use (``display-manager.service``) and its settings: GDM
(``AutomaticLoginEnable``/``TimedLoginEnable`` in custom.conf or daemon.conf), LightDM
(``autologin-user``), SDDM (``[Autologin] User=``), greetd (``[initial_session]``), and a
console automatic login (``agetty --autologin``) on any console: full getty units and
drop-ins for getty@ttyN, autovt@, serial-getty@, container-getty@ and console-getty in
/etc/systemd/system, /run/systemd/system and the distribution's unit folders, and a SysV
/etc/inittab.
"""

from __future__ import annotations

import re
import stat
from typing import Any

from checks.catalog.readers.config_files import (
    ConfigFiles,
    parse_bool,
    parse_ini,
    read_config_files,
)
from checks.catalog.readers.lightdm import LIGHTDM_DIRS, LIGHTDM_MAIN, read_lightdm
from checks.catalog.readers.plist import read_plist
from checks.catalog.readers.sentences import unreadable
from checks.catalog.readers.systemd import SYSTEMCTL_SHOW, systemd_units
from checks.engine.context import CONTAINER, WSL
from checks.engine.i18n import N_, Message, msg
from checks.engine.model import Evidence, Finding, Severity, Status
from checks.engine.registry import On, Scan, spec

WINLOGON = r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon"
LOGINWINDOW_PLIST = "/Library/Preferences/com.apple.loginwindow.plist"
GDM_FILES = ("/etc/gdm3/custom.conf", "/etc/gdm3/daemon.conf", "/etc/gdm/custom.conf")
# Where systemd finds units and drop-ins: the administrator's, the runtime ones, the
# distribution's (old Debian and Ubuntu keep theirs under /lib).
SYSTEMD_ADMIN = "/etc/systemd/system"
SYSTEMD_OTHER = ("/run/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system")
# The console login programs systemd starts: the virtual consoles (getty@ttyN, and autovt@,
# its alias for consoles started on demand), serial consoles and a container's console.
GETTY_PREFIXES = ("getty@", "autovt@", "serial-getty@", "container-getty@", "console-getty.")
INITTAB = "/etc/inittab"
SDDM_DIRS = ("/usr/lib/sddm/sddm.conf.d", "/etc/sddm.conf.d")
SDDM_MAIN = "/etc/sddm.conf"
GREETD_CONFIG = "/etc/greetd/config.toml"
# Debian and Ubuntu name the display manager that starts at boot here (also without systemd).
DEFAULT_DM_FILE = "/etc/X11/default-display-manager"
KNOWN_DMS = {"gdm": "gdm", "gdm3": "gdm", "lightdm": "lightdm", "sddm": "sddm",
             "greetd": "greetd"}


# --------------------------------------------------------------------------------------
# Pure deciders: config text -> (state, user) with state "on", "off" or "unclear"
# --------------------------------------------------------------------------------------


def gdm_autologin(text: str) -> tuple[str, str]:
    daemon = parse_ini(text).get("daemon", {})
    state = "off"
    user = ""
    for flag, who in (("AutomaticLoginEnable", "AutomaticLogin"),
                      ("TimedLoginEnable", "TimedLogin")):
        if flag not in daemon:
            continue
        value = parse_bool(daemon[flag])
        if value is None:
            state = "unclear" if state == "off" else state
        elif value:
            state, user = "on", daemon.get(who, "") or user
    return state, user


def lightdm_autologin(settings: dict[str, str]) -> tuple[str, str]:
    user = settings.get("autologin-user", "").strip()
    return ("on", user) if user else ("off", "")


def sddm_autologin(texts: list[str]) -> tuple[str, str]:
    user = ""
    for text in texts:  # later files win
        section = parse_ini(text).get("Autologin", {})
        if "User" in section:
            user = section["User"].strip()
    return ("on", user) if user else ("off", "")


def greetd_autologin(text: str) -> tuple[str, str]:
    section = parse_ini(text).get("initial_session")
    if section is None:
        return "off", ""
    return "on", section.get("user", "").strip().strip("\"'")


_AUTOLOGIN = re.compile(r"(?:--autologin[=\s]\s*|\s-a\s*)([^\s'\"]+)")


def getty_autologin(text: str) -> str | None:
    """The user a getty unit or drop-in signs in automatically (``agetty --autologin NAME``,
    ``-a NAME``, ``--autologin=NAME``; mingetty's ``--autologin NAME``)."""
    for line in text.splitlines():
        if line.strip().startswith("ExecStart=") and "getty" in line:
            m = _AUTOLOGIN.search(line)
            if m:
                return m.group(1)
    return None


def is_getty_entry(name: str) -> bool:
    """A getty unit file or drop-in folder, for any console: getty@tty3.service,
    getty@.service.d, serial-getty@ttyS0.service.d, autovt@tty2.service, ..."""
    return name.startswith(GETTY_PREFIXES) and name.endswith((".service", ".service.d"))


def inittab_autologin(text: str) -> str | None:
    """The user a getty line of a SysV /etc/inittab signs in automatically."""
    for line in text.splitlines():
        entry = line.strip()
        if entry.startswith("#") or "getty" not in entry:
            continue
        m = _AUTOLOGIN.search(entry)
        if m:
            return m.group(1)
    return None


# --------------------------------------------------------------------------------------
# The check
# --------------------------------------------------------------------------------------


def _on(user: str, where: str, evidence: list[Evidence], data: dict[str, Any]) -> Finding:
    summary = msg("This computer signs in to the account \u201c{user}\u201d by itself, without "
                  "asking for a password.", user=user) if user else \
        msg("This computer signs in to an account by itself, without asking for a password.")
    return Finding(Status.FAIL, summary, severity=Severity.HIGH, evidence=evidence,
                   details=[msg("Anyone who switches it on gets into that account, even if the "
                                "disk is encrypted. Automatic login is set in: {where}.",
                                where=where)],
                   data={**data, "automatic_login": True, "user_set": bool(user)})


def _off(summary: Message, evidence: list[Evidence], data: dict[str, Any]) -> Finding:
    # Only the automatic-login setting is read: whether the account has a password at all
    # needs administrator rights to see, so the summary does not claim one is asked for.
    return Finding(Status.PASS, summary, evidence=evidence,
                   details=[msg("Checkup cannot see whether your account has a password: an "
                                "account without one still opens without asking.")],
                   data={**data, "automatic_login": False})


def _windows(scan: Scan) -> Finding:
    # Only this one value is requested: the stored password is never read.
    values = scan.host.registry_values(WINLOGON, names=["AutoAdminLogon"])
    how = msg("Press Windows+R, type \u201cnetplwiz\u201d and check that \u201cUsers must "
              "enter a user name and password to use this computer\u201d is ticked (on recent "
              "Windows versions, see Settings, Accounts, Sign-in options).")
    if values is None:
        return unreadable(msg("Checkup could not read whether Windows signs in automatically."),
                          how, [Evidence(WINLOGON, "not readable")], {})
    raw = values.get("AutoAdminLogon")
    text = "" if raw is None else str(raw).strip()
    evidence = [Evidence(WINLOGON, "no AutoAdminLogon value" if raw is None
                         else f"AutoAdminLogon = {raw!r}")]
    if raw is None or text == "0":
        return _off(msg("Automatic sign-in is off: Windows does not sign in to an account "
                        "by itself."), evidence, {})
    if text == "1":
        return _on("", "Winlogon AutoAdminLogon", evidence, {})
    return unreadable(msg("Checkup could not understand Windows' automatic sign-in setting."),
                      how, evidence, {"value": text[:40]})


def _macos(scan: Scan) -> Finding:
    how = msg("Open System Settings, then Users & Groups, and check that \u201cAutomatically "
              "log in as\u201d is set to Off.")
    plist, why = read_plist(scan, LOGINWINDOW_PLIST)
    if plist is None:
        return unreadable(msg("Checkup could not read the login window's settings."), how,
                          [Evidence(LOGINWINDOW_PLIST, why)], {})
    user = plist.get("autoLoginUser")
    if user is None:
        return _off(msg("Automatic login is off: this Mac does not log in to an account by "
                        "itself."), [Evidence(LOGINWINDOW_PLIST, "no autoLoginUser")], {})
    if isinstance(user, str) and user.strip():
        return _on(user.strip(), LOGINWINDOW_PLIST,
                   [Evidence(LOGINWINDOW_PLIST, f"autoLoginUser = {user.strip()}")], {})
    return unreadable(msg("Checkup could not understand the login window's automatic login "
                          "setting."), how,
                      [Evidence(LOGINWINDOW_PLIST, f"autoLoginUser has an unexpected value "
                                f"({type(user).__name__})")], {})


def _console_logins(scan: Scan, systemd: bool, evidence: list[Evidence]
                    ) -> tuple[ConfigFiles, list[str]]:
    """Every getty unit and drop-in systemd would use, for any console (the administrator's
    full units such as getty@tty2.service, drop-ins such as getty@tty3.service.d/*.conf or
    serial-getty@ttyS0.service.d/*.conf, the template's getty@.service.d, the distribution's
    units), and a SysV /etc/inittab. A unit or drop-in that exists but cannot be read is a
    problem, never "no automatic login"; so is an administrator's folder that cannot be
    listed on a system run by systemd. Also returns the unit folders that were listed."""
    out = ConfigFiles([], [])
    listed: list[str] = []
    seen: set[tuple[str, str]] = set()
    for folder in (SYSTEMD_ADMIN, *SYSTEMD_OTHER):
        names = scan.host.list_dir(folder)
        if names is None:
            if folder == SYSTEMD_ADMIN and systemd:
                out.problems.append((folder, "could not be listed (where console automatic "
                                             "login is set up)"))
            continue
        listed.append(folder)
        for name in sorted(n for n in names if is_getty_entry(n)):
            path = f"{folder}/{name}"
            if name.endswith(".service.d"):
                if scan.host.list_dir(path) is None:
                    out.problems.append((path, "could not be listed"))
                    continue
                part = read_config_files(scan, [path], comments="#;")  # systemd's comments
            else:
                st = scan.host.stat(path)
                if st is not None and stat.S_ISCHR(st.mode):
                    evidence.append(Evidence(path, "masked (linked to /dev/null)"))
                    continue
                part = read_config_files(scan, files=[path], comments="#;")
            out.problems.extend(part.problems)
            for item in part.files:
                if (item[0].rsplit("/", 1)[-1], item[1]) not in seen:  # /lib = /usr/lib
                    seen.add((item[0].rsplit("/", 1)[-1], item[1]))
                    out.files.append(item)
    text = scan.host.read_text(INITTAB)
    if text is not None:
        out.files.append((INITTAB, text))
    elif scan.host.stat(INITTAB) is not None:
        out.problems.append((INITTAB, "present but not readable"))
    return out, listed


def _linux(scan: Scan) -> Finding:
    ctx = scan.context
    if ctx.kind in (CONTAINER, WSL) or ctx.qubes_vm:
        return Finding(Status.NOT_APPLICABLE,
                       msg("This system runs inside {kind}: signing in is handled by the "
                           "computer around it.", kind=ctx.describe()),
                       evidence=list(ctx.evidence))
    if ctx.tails or ctx.live_session:
        return Finding(Status.NOT_APPLICABLE,
                       msg("This is a live system: it starts fresh each time and keeps nothing "
                           "unless you unlock its encrypted storage."),
                       evidence=list(ctx.evidence))

    evidence: list[Evidence] = []
    units, why = systemd_units(scan, ["display-manager.service"])
    dm = ""
    if units is not None and units["display-manager.service"].exists:
        dm = units["display-manager.service"].id.removesuffix(".service")
        evidence.append(Evidence("systemctl show display-manager.service", f"Id={dm}.service"))
    elif units is not None:
        evidence.append(Evidence("systemctl show display-manager.service", "not set up"))
    else:
        evidence.append(Evidence("systemctl show display-manager.service", why))
        # Without systemd's answer, Debian-family systems still name their display manager.
        named = (scan.host.read_text(DEFAULT_DM_FILE) or "").strip()
        if named.startswith("/") and "\n" not in named:
            dm = named.rsplit("/", 1)[-1]
            evidence.append(Evidence(DEFAULT_DM_FILE, named))
    family = KNOWN_DMS.get(dm, "" if not dm else "other")

    found: list[tuple[str, str, str]] = []  # (state, user, where)
    read_something = False

    def note_problems(conf: ConfigFiles) -> None:
        for path, why in conf.problems:
            evidence.append(Evidence(path, why))
            found.append(("unclear", "", path))

    if family in ("", "gdm"):
        gdm = read_config_files(scan, files=GDM_FILES)
        note_problems(gdm)
        for path, text in gdm.files:
            read_something = True
            state, user = gdm_autologin(text)
            daemon = parse_ini(text).get("daemon", {})
            shown = ", ".join(f"{k}={daemon[k]}" for k in
                              ("AutomaticLoginEnable", "TimedLoginEnable") if k in daemon)
            evidence.append(Evidence(path, shown or "no automatic login settings"))
            found.append((state, user, path))
    if family in ("", "lightdm"):
        settings, lightdm = read_lightdm(scan)
        note_problems(lightdm)
        if lightdm.files:
            read_something = True
            state, user = lightdm_autologin(settings)
            evidence.append(Evidence(", ".join(lightdm.paths),
                                     "autologin-user set" if state == "on"
                                     else "no autologin-user"))
            found.append((state, user, lightdm.paths[-1]))
    if family in ("", "sddm"):
        sddm = read_config_files(scan, SDDM_DIRS, [SDDM_MAIN])
        note_problems(sddm)
        if sddm.files:
            read_something = True
            state, user = sddm_autologin([t for _, t in sddm.files])
            evidence.append(Evidence(", ".join(sddm.paths),
                                     "[Autologin] User set" if state == "on"
                                     else "no [Autologin] User"))
            found.append((state, user, sddm.paths[-1]))
    if family in ("", "greetd"):
        greetd = read_config_files(scan, files=[GREETD_CONFIG])
        note_problems(greetd)
        for path, text in greetd.files:
            read_something = True
            state, user = greetd_autologin(text)
            evidence.append(Evidence(path, "[initial_session] set" if state == "on"
                                     else "no [initial_session]"))
            found.append((state, user, path))
    consoles, listed = _console_logins(scan, systemd=units is not None, evidence=evidence)
    console_problems = [path for path, _ in consoles.problems]
    note_problems(consoles)
    console_on = False
    for path, text in consoles.files:
        getty_user = inittab_autologin(text) if path == INITTAB else getty_autologin(text)
        if getty_user:
            console_on = True
            evidence.append(Evidence(path, f"getty --autologin {getty_user}"))
            found.append(("on", getty_user, path))
    if not console_on and (consoles.files or listed):
        read = [p for p, _ in consoles.files]
        evidence.append(Evidence("console logins", (
            "no automatic console login in " + (", ".join(read) if len(read) <= 4 else
                                                f"{len(read)} getty units and drop-ins"))
            if read else "no getty unit or drop-in set up in " + ", ".join(listed)))

    data: dict[str, Any] = {"display_manager": dm}
    for state, user, where in found:
        if state == "on":
            return _on(user, where, evidence, data)
    how = msg("Look in your system's settings under Users (or Login Screen) for "
              "\u201cAutomatic login\u201d, and make sure it is off.")
    unclear = [where for state, _, where in found if state == "unclear"]
    if unclear and all(where in console_problems for where in unclear):
        return unreadable(msg("Checkup could not read every place where automatic login on "
                              "the text consoles (Ctrl+Alt+F1 to F6) is set up."), msg(
            "In a terminal, \u201cgrep -rs autologin /etc/systemd/system "
            "/usr/lib/systemd/system /lib/systemd/system /etc/inittab\u201d shows a console "
            "automatic login; it should print nothing."), evidence, data)
    if unclear:
        return unreadable(msg("Checkup could not understand the login screen's automatic login "
                              "setting."), how, evidence, data)
    if family == "other":
        return unreadable(msg("Checkup does not yet know how to read the settings of the login "
                              "screen in use ({name}).", name=dm), how, evidence, data)
    if read_something or family in ("gdm", "lightdm", "sddm", "greetd"):
        return _off(msg("Automatic login is off: the login screen does not sign in to an "
                        "account by itself."), evidence, data)
    return unreadable(msg("Checkup could not find the login screen's settings."), how,
                      evidence, data)


spec(
    "automatic-login", N_("Automatic login"),
    description=N_("Whether the computer signs in without asking for a password."),
    order=41,
    slot=6,
    systems={
        "linux": On(_linux, Status.PASS, Status.FAIL, Status.UNKNOWN, Status.NOT_APPLICABLE),
        "macos": On(_macos, Status.PASS, Status.FAIL, Status.UNKNOWN),
        "windows": On(_windows, Status.PASS, Status.FAIL, Status.UNKNOWN),
    },
    commands=(SYSTEMCTL_SHOW,),
    files=(
        LOGINWINDOW_PLIST,
        *GDM_FILES,
        DEFAULT_DM_FILE,
        *LIGHTDM_DIRS, *SDDM_DIRS,  # listed for their drop-ins
        *(f"{d}/*.conf" for d in (*LIGHTDM_DIRS, *SDDM_DIRS)),
        LIGHTDM_MAIN,
        SDDM_MAIN,
        GREETD_CONFIG,
        SYSTEMD_ADMIN, *SYSTEMD_OTHER,  # listed for getty units and drop-ins
        *(f"{d}/{p}*" for d in (SYSTEMD_ADMIN, *SYSTEMD_OTHER) for p in GETTY_PREFIXES),
        *(f"{d}/{p}*/*.conf" for d in (SYSTEMD_ADMIN, *SYSTEMD_OTHER) for p in GETTY_PREFIXES),
        INITTAB,
    ),
    demos={
        "windows11-bitlocker-keepass": "automatic_login/windows_off.json",
        "windows11-home-remote-support": "automatic_login/windows_autologon.json",
        "macos12-no-filevault": "automatic_login/macos_autologin.json",
        "macos15-encrypting-screen-sharing": "automatic_login/macos_off.json",
        "linux-ubuntu2004-unencrypted": "automatic_login/linux_gdm_autologin.json",
        "linux-kubuntu-well-kept": "automatic_login/linux_sddm_off.json",
        "windows10-unencrypted-telegram": "automatic_login/windows_off.json",
        "macos-filevault-signal": "automatic_login/macos_off.json",
        "linux-luks-pending-updates": "automatic_login/linux_gdm_default.json",
    },
)
