"""Reading the machine for the automatic-login check: the Winlogon value, the login
window's preferences, and on Linux the display manager in use, its settings and every
console login. Only whether automatic login is set is read, never a stored password. No
verdicts here."""

from __future__ import annotations

import stat
from dataclasses import dataclass, field

from checks.catalog.automatic_login.display_managers import (
    gdm_autologin,
    greetd_autologin,
    lightdm_autologin,
    sddm_autologin,
)
from checks.catalog.automatic_login.facts import LinuxFacts, MacFacts, Setting, WindowsFacts
from checks.catalog.automatic_login.getty import (
    getty_autologin,
    inittab_autologin,
    is_getty_entry,
)
from checks.catalog.readers.config_files import ConfigFiles, parse_ini, read_config_files
from checks.catalog.readers.lightdm import read_lightdm
from checks.catalog.readers.plist import read_plist
from checks.catalog.readers.systemd import systemd_units
from checks.engine.context import CONTAINER, WSL
from checks.engine.model import Evidence
from checks.engine.registry import Scan

WINLOGON = r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon"
LOGINWINDOW_PLIST = "/Library/Preferences/com.apple.loginwindow.plist"
GDM_FILES = ("/etc/gdm3/custom.conf", "/etc/gdm3/daemon.conf", "/etc/gdm/custom.conf")
# Where systemd finds units and drop-ins: the administrator's, the runtime ones, the
# distribution's (old Debian and Ubuntu keep theirs under /lib).
SYSTEMD_ADMIN = "/etc/systemd/system"
SYSTEMD_OTHER = ("/run/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system")
INITTAB = "/etc/inittab"
SDDM_DIRS = ("/usr/lib/sddm/sddm.conf.d", "/etc/sddm.conf.d")
SDDM_MAIN = "/etc/sddm.conf"
GREETD_CONFIG = "/etc/greetd/config.toml"
# Debian and Ubuntu name the display manager that starts at boot here (also without systemd).
DEFAULT_DM_FILE = "/etc/X11/default-display-manager"
KNOWN_DMS = {"gdm": "gdm", "gdm3": "gdm", "lightdm": "lightdm", "sddm": "sddm",
             "greetd": "greetd"}


# ============================================================================= Windows
def gather_windows(scan: Scan) -> WindowsFacts:
    # Only this one value is requested: the stored password is never read.
    values = scan.host.registry_values(WINLOGON, names=["AutoAdminLogon"])
    if values is None:
        return WindowsFacts(False, None)
    return WindowsFacts(True, values.get("AutoAdminLogon"))


# =============================================================================== macOS
def gather_macos(scan: Scan) -> MacFacts:
    plist, why = read_plist(scan, LOGINWINDOW_PLIST)
    if plist is None:
        return MacFacts(False, why, None)
    return MacFacts(True, why, plist.get("autoLoginUser"))


# =============================================================================== Linux
@dataclass
class _Found:
    """What the Linux readers found so far (in reading order)."""
    evidence: list[Evidence] = field(default_factory=list)
    settings: list[Setting] = field(default_factory=list)
    read_something: bool = False

    def problems(self, conf: ConfigFiles) -> None:
        for path, why in conf.problems:
            self.evidence.append(Evidence(path, why))
            self.settings.append(Setting("unclear", "", path))


def _display_manager(scan: Scan, found: _Found) -> tuple[str, bool]:
    """The display manager in use ("" when none is named), and whether systemd answered."""
    units, why = systemd_units(scan, ["display-manager.service"])
    dm = ""
    if units is not None and units["display-manager.service"].exists:
        dm = units["display-manager.service"].id.removesuffix(".service")
        found.evidence.append(Evidence("systemctl show display-manager.service",
                                       f"Id={dm}.service"))
    elif units is not None:
        found.evidence.append(Evidence("systemctl show display-manager.service", "not set up"))
    else:
        found.evidence.append(Evidence("systemctl show display-manager.service", why))
        # Without systemd's answer, Debian-family systems still name their display manager.
        named = (scan.host.read_text(DEFAULT_DM_FILE) or "").strip()
        if named.startswith("/") and "\n" not in named:
            dm = named.rsplit("/", 1)[-1]
            found.evidence.append(Evidence(DEFAULT_DM_FILE, named))
    return dm, units is not None


def _gdm(scan: Scan, found: _Found) -> None:
    gdm = read_config_files(scan, files=GDM_FILES)
    found.problems(gdm)
    for path, text in gdm.files:
        found.read_something = True
        state, user = gdm_autologin(text)
        daemon = parse_ini(text).get("daemon", {})
        shown = ", ".join(f"{k}={daemon[k]}" for k in
                          ("AutomaticLoginEnable", "TimedLoginEnable") if k in daemon)
        found.evidence.append(Evidence(path, shown or "no automatic login settings"))
        found.settings.append(Setting(state, user, path))


def _lightdm(scan: Scan, found: _Found) -> None:
    settings, lightdm = read_lightdm(scan)
    found.problems(lightdm)
    if lightdm.files:
        found.read_something = True
        state, user = lightdm_autologin(settings)
        found.evidence.append(Evidence(", ".join(lightdm.paths),
                                       "autologin-user set" if state == "on"
                                       else "no autologin-user"))
        found.settings.append(Setting(state, user, lightdm.paths[-1]))


def _sddm(scan: Scan, found: _Found) -> None:
    sddm = read_config_files(scan, SDDM_DIRS, [SDDM_MAIN])
    found.problems(sddm)
    if sddm.files:
        found.read_something = True
        state, user = sddm_autologin([t for _, t in sddm.files])
        found.evidence.append(Evidence(", ".join(sddm.paths),
                                       "[Autologin] User set" if state == "on"
                                       else "no [Autologin] User"))
        found.settings.append(Setting(state, user, sddm.paths[-1]))


def _greetd(scan: Scan, found: _Found) -> None:
    greetd = read_config_files(scan, files=[GREETD_CONFIG])
    found.problems(greetd)
    for path, text in greetd.files:
        found.read_something = True
        state, user = greetd_autologin(text)
        found.evidence.append(Evidence(path, "[initial_session] set" if state == "on"
                                       else "no [initial_session]"))
        found.settings.append(Setting(state, user, path))


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


def _consoles(scan: Scan, systemd: bool, found: _Found) -> list[str]:
    """Console automatic login, on any console; returns the console places that could not
    be read."""
    consoles, listed = _console_logins(scan, systemd=systemd, evidence=found.evidence)
    console_problems = [path for path, _ in consoles.problems]
    found.problems(consoles)
    console_on = False
    for path, text in consoles.files:
        getty_user = inittab_autologin(text) if path == INITTAB else getty_autologin(text)
        if getty_user:
            console_on = True
            found.evidence.append(Evidence(path, f"getty --autologin {getty_user}"))
            found.settings.append(Setting("on", getty_user, path))
    if not console_on and (consoles.files or listed):
        read = [p for p, _ in consoles.files]
        found.evidence.append(Evidence("console logins", (
            "no automatic console login in " + (", ".join(read) if len(read) <= 4 else
                                                f"{len(read)} getty units and drop-ins"))
            if read else "no getty unit or drop-in set up in " + ", ".join(listed)))
    return console_problems


_DM_READERS = (("gdm", _gdm), ("lightdm", _lightdm), ("sddm", _sddm), ("greetd", _greetd))


def gather_linux(scan: Scan) -> LinuxFacts:
    """The context first: in a container, WSL, a Qubes qube, Tails or a live session nothing
    is read."""
    ctx = scan.context
    context = (ctx.kind, ctx.qubes_vm, ctx.tails, ctx.live_session)
    if ctx.kind in (CONTAINER, WSL) or ctx.qubes_vm:
        return LinuxFacts(*context, ctx.describe(), tuple(ctx.evidence))
    if ctx.tails or ctx.live_session:
        return LinuxFacts(*context, None, tuple(ctx.evidence))
    found = _Found()
    dm, systemd = _display_manager(scan, found)
    family = KNOWN_DMS.get(dm, "" if not dm else "other")
    for name, read in _DM_READERS:
        if family in ("", name):
            read(scan, found)
    console_problems = _consoles(scan, systemd, found)
    return LinuxFacts(*context, None, tuple(ctx.evidence), dm, family, tuple(found.settings),
                      found.read_something, tuple(console_problems), tuple(found.evidence))
