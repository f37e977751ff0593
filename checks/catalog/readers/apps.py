"""Which applications are installed (and running) on this computer, read through the Host.

One inventory per scan, shared by every check that asks "is app X here?" (messengers,
browsers, password managers, remote-access tools)::

    inv = app_inventory(scan)                  # cached: listed once per scan
    sig = AppSignature.from_json(entry["match"]["linux"])   # or signature_for(entry, family)
    found = match_apps(inv, {"signal": sig, ...})           # key -> AppMatch

Where it looks (all readable by the ordinary user, nothing is run):

- Linux: ``.desktop`` entries in the system and user application folders
  (``/usr/share/applications``, ``/usr/local/share/applications``,
  ``$XDG_DATA_HOME/applications``, plus the folders named in ``XDG_DATA_DIRS``), Flatpak
  exports (``/var/lib/flatpak/exports/share/applications`` and the user's
  ``~/.local/share/flatpak/exports/share/applications``) and Snap desktop entries
  (``/var/lib/snapd/desktop/applications``, named ``<snap>_<app>.desktop``).
  Desktop Entry Specification: https://specifications.freedesktop.org/desktop-entry-spec/
- macOS: bundles in ``/Applications`` and ``~/Applications`` (and one folder level below),
  with ``CFBundleIdentifier``/``CFBundleName``/``CFBundleShortVersionString`` from
  ``Contents/Info.plist`` (XML or binary property list, read with plistlib).
- Windows: uninstall entries under HKLM and HKCU
  ``SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall`` and their 32-bit view
  ``SOFTWARE\\WOW6432Node\\...``; per-user installs in ``%LOCALAPPDATA%\\Programs`` (and
  Squirrel-style installs directly in ``%LOCALAPPDATA%``); Microsoft Store packages from the
  per-user package repository
  ``HKCU\\Software\\Classes\\Local Settings\\Software\\Microsoft\\Windows\\CurrentVersion\\
  AppModel\\Repository\\Packages`` (subkeys named by package full name,
  ``Name_Version_Arch_ResourceId_PublisherId``; readable without admin rights, unlike
  ``%ProgramFiles%\\WindowsApps``), falling back to the folder names in
  ``%LOCALAPPDATA%\\Packages`` (one per package family).
- Running processes (``host.processes()``) as a second signal.

Parse functions are pure and tested directly. Nothing here decides whether an app is good
or bad: that belongs to the checks.
"""

from __future__ import annotations

import ntpath
import posixpath
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from checks.engine import plist_data
from checks.engine.host import Host, PlatformInfo, ProcessInfo

if TYPE_CHECKING:
    from checks.engine.registry import Scan

# Install channels (machine values; checks translate them for people).
SYSTEM_PACKAGE = "system_package"  # /usr/share/applications: the distribution's packages, .deb/.rpm
LOCAL_INSTALL = "local_install"  # /usr/local/share/applications
USER_ENTRY = "user_entry"  # ~/.local/share/applications: installed or registered for this user
FLATPAK_SYSTEM = "flatpak_system"
FLATPAK_USER = "flatpak_user"
SNAP = "snap"
MAC_APPLICATIONS = "app_bundle"  # /Applications
MAC_USER_APPLICATIONS = "user_app_bundle"  # ~/Applications
WIN_ALL_USERS = "windows_installer_all_users"  # HKLM uninstall entry
WIN_THIS_USER = "windows_installer_this_user"  # HKCU uninstall entry
WIN_USER_FOLDER = "per_user_folder"  # %LOCALAPPDATA%\Programs\<name> or %LOCALAPPDATA%\<name>
WIN_STORE = "microsoft_store"
RUNNING_ONLY = "running_only"  # seen running, not found through any install channel

CHANNELS = (
    SYSTEM_PACKAGE, LOCAL_INSTALL, USER_ENTRY, FLATPAK_SYSTEM, FLATPAK_USER, SNAP,
    MAC_APPLICATIONS, MAC_USER_APPLICATIONS, WIN_ALL_USERS, WIN_THIS_USER, WIN_USER_FOLDER,
    WIN_STORE, RUNNING_ONLY,
)
DESKTOP_CHANNELS = frozenset({SYSTEM_PACKAGE, LOCAL_INSTALL, USER_ENTRY, FLATPAK_SYSTEM,
                              FLATPAK_USER, SNAP})

UNINSTALL_SUBKEY = r"SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall"
UNINSTALL_SUBKEY_32 = r"SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall"
UNINSTALL_ROOTS = (
    ("HKLM\\" + UNINSTALL_SUBKEY, WIN_ALL_USERS),
    ("HKLM\\" + UNINSTALL_SUBKEY_32, WIN_ALL_USERS),
    ("HKCU\\" + UNINSTALL_SUBKEY, WIN_THIS_USER),
    ("HKCU\\" + UNINSTALL_SUBKEY_32, WIN_THIS_USER),
)
STORE_REPOSITORY = (r"HKCU\Software\Classes\Local Settings\Software\Microsoft\Windows"
                    r"\CurrentVersion\AppModel\Repository\Packages")

MAX_MAC_SUBFOLDERS = 40  # non-bundle folders in /Applications looked into, one level deep

# Every path the inventory (and match_apps, which reads the matched .desktop entries) reads,
# lists or looks into, as globs for a spec's ``files``: a check that uses app_inventory()
# declares ``files=(*apps.FILES, ...)`` (tests/test_check_contract.py holds it to that).
FILES = (
    # Linux: the folders of desktop entries and the entries in them; XDG_DATA_DIRS and
    # XDG_DATA_HOME may name other folders, each ending in "applications"
    "/usr/share/applications", "/usr/share/applications/*.desktop",
    "/usr/local/share/applications", "/usr/local/share/applications/*.desktop",
    "~/.local/share/applications", "~/.local/share/applications/*.desktop",
    "/var/lib/flatpak/exports/share/applications",
    "/var/lib/flatpak/exports/share/applications/*.desktop",
    "~/.local/share/flatpak/exports/share/applications",
    "~/.local/share/flatpak/exports/share/applications/*.desktop",
    "/var/lib/snapd/desktop/applications", "/var/lib/snapd/desktop/applications/*.desktop",
    "/**/applications", "/**/applications/*.desktop",
    # macOS: the two Applications folders, their subfolders one level deep, each bundle's
    # Info.plist
    "/Applications", "/Applications/*", "/Applications/*.app/Contents/Info.plist",
    "/Applications/*/*.app/Contents/Info.plist",
    "~/Applications", "~/Applications/*", "~/Applications/*.app/Contents/Info.plist",
    "~/Applications/*/*.app/Contents/Info.plist",
    # Windows: per-user program folders and, when the registry cannot say, the Store's
    "~/AppData/Local", "~/AppData/Local/Programs", "~/AppData/Local/Packages",
)


@dataclass(frozen=True)
class InstalledApp:
    """One application found through one install channel."""

    channel: str
    ident: str  # desktop-file id, bundle id, uninstall subkey, folder, package family name
    name: str  # what the system calls it (DisplayName, CFBundleName, folder name...)
    location: str  # where it was found: a path or a registry key (for evidence)
    version: str = ""
    details: Mapping[str, str] = field(default_factory=dict)  # e.g. install_location

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"channel": self.channel, "id": self.ident, "name": self.name,
                               "location": self.location}
        if self.version:
            out["version"] = self.version
        return out


@dataclass(frozen=True)
class AppInventory:
    """Everything found, plus where Checkup looked and which of those places it could read."""

    family: str
    apps: tuple[InstalledApp, ...]
    processes: tuple[ProcessInfo, ...]
    searched: tuple[str, ...]
    listed: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """At least one place that holds applications could be read."""
        return bool(self.listed)


# ---------------------------------------------------------------------------------------
# Pure parsers
# ---------------------------------------------------------------------------------------

def parse_desktop_entry(text: str | None) -> dict[str, str]:
    """The keys of the ``[Desktop Entry]`` group (untranslated ones only)."""
    out: dict[str, str] = {}
    in_group = False
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            in_group = line == "[Desktop Entry]"
            continue
        if not in_group or "=" not in line:
            continue
        key, _, value = line.partition("=")
        key = key.strip()
        if "[" in key:  # Name[es]=... localised variants
            continue
        out.setdefault(key, value.strip())
    return out


def desktop_entry_hidden(entry: Mapping[str, str]) -> bool:
    """``Hidden=true`` means the entry was deleted (spec); such an entry names no app."""
    return entry.get("Hidden", "").strip().lower() == "true"


def snap_name(desktop_id: str) -> str:
    """Snap desktop entries are named ``<snap>_<app>``."""
    return desktop_id.split("_", 1)[0]


def parse_info_plist(data: bytes | None) -> dict[str, str] | None:
    """Bundle facts from an ``Info.plist`` (XML or binary); None when unreadable."""
    plist = plist_data.loads_dict(data)
    if plist is None:
        return None
    out: dict[str, str] = {}
    for key in ("CFBundleIdentifier", "CFBundleName", "CFBundleDisplayName",
                "CFBundleShortVersionString", "CFBundleVersion", "CFBundleExecutable"):
        value = plist.get(key)
        if isinstance(value, str) and value.strip():
            out[key] = value.strip()
    schemes = url_schemes(plist.get("CFBundleURLTypes"))
    if schemes:
        out["CFBundleURLSchemes"] = ",".join(schemes)
    return out


def url_schemes(url_types: Any) -> list[str]:
    """The URL schemes an Info.plist's ``CFBundleURLTypes`` says the app opens (lower case,
    at most 32): a bundle that opens http and https links is a web browser."""
    out: list[str] = []
    if not isinstance(url_types, list):
        return out
    for entry in url_types[:32]:
        schemes = entry.get("CFBundleURLSchemes") if isinstance(entry, dict) else None
        for scheme in schemes[:32] if isinstance(schemes, list) else []:
            if isinstance(scheme, str) and scheme.strip() and len(out) < 32:
                low = scheme.strip().lower()[:40]
                if low not in out:
                    out.append(low)
    return out


def parse_package_full_name(full_name: str) -> tuple[str, str, str] | None:
    """``Name_Version_Arch_ResourceId_PublisherId`` -> (family name, package name, version).

    The family name is ``Name_PublisherId``, e.g. ``MSTeams_8wekyb3d8bbwe``.
    """
    parts = full_name.split("_")
    if len(parts) != 5 or not parts[0] or not parts[4]:
        return None
    name, version, _arch, _resource, publisher = parts
    return f"{name}_{publisher}", name, version


def normalise_process_name(name: str) -> str:
    low = name.strip().lower()
    return low[:-4] if low.endswith(".exe") else low


def process_name_matches(actual: str, wanted: str) -> bool:
    """Case-insensitive, ``.exe`` ignored; Linux truncates names to 15 characters."""
    a, w = normalise_process_name(actual), normalise_process_name(wanted)
    if not a:
        return False
    return a == w or (len(a) == 15 and w.startswith(a))


def display_name_matches(display_name: str, prefix: str) -> bool:
    """An uninstall DisplayName starts with ``prefix`` as a whole word ("Signal 7.40.1")."""
    d, p = display_name.strip().lower(), prefix.strip().lower()
    if not p or not d.startswith(p):
        return False
    return len(d) == len(p) or not d[len(p)].isalnum()


# ---------------------------------------------------------------------------------------
# Where to look
# ---------------------------------------------------------------------------------------

def home_of(platform: PlatformInfo) -> str:
    env = platform.env
    if platform.family == "windows":
        return platform.home or env.get("USERPROFILE", "")
    return platform.home or env.get("HOME", "")


def local_appdata(platform: PlatformInfo) -> str:
    value = platform.env.get("LOCALAPPDATA", "")
    if value:
        return value
    home = home_of(platform)
    return ntpath.join(home, "AppData", "Local") if home else ""


def _channel_for_dir(path: str, home: str) -> str:
    if "/snapd/" in path:
        return SNAP
    if "/flatpak/" in path:
        return FLATPAK_USER if home and path.startswith(home + "/") else FLATPAK_SYSTEM
    if home and path.startswith(home + "/"):
        return USER_ENTRY
    if path.startswith("/usr/local/"):
        return LOCAL_INSTALL
    return SYSTEM_PACKAGE


def linux_application_dirs(platform: PlatformInfo) -> list[tuple[str, str]]:
    """(folder, channel) for every folder of .desktop entries, most specific first."""
    home = home_of(platform)
    data_home = platform.env.get("XDG_DATA_HOME") or (
        posixpath.join(home, ".local", "share") if home else "")
    dirs: list[tuple[str, str]] = [
        ("/usr/share/applications", SYSTEM_PACKAGE),
        ("/usr/local/share/applications", LOCAL_INSTALL),
    ]
    if data_home:
        dirs.append((posixpath.join(data_home, "applications"), USER_ENTRY))
    dirs.append(("/var/lib/flatpak/exports/share/applications", FLATPAK_SYSTEM))
    if data_home:
        dirs.append((posixpath.join(data_home, "flatpak", "exports", "share", "applications"),
                     FLATPAK_USER))
    dirs.append(("/var/lib/snapd/desktop/applications", SNAP))
    known = {d for d, _ in dirs}
    for base in (platform.env.get("XDG_DATA_DIRS") or "").split(":"):
        base = base.strip().rstrip("/")
        if not base.startswith("/"):
            continue
        folder = posixpath.join(base, "applications")
        if folder not in known:
            known.add(folder)
            dirs.append((folder, _channel_for_dir(folder, home)))
    return dirs


# ---------------------------------------------------------------------------------------
# Collecting
# ---------------------------------------------------------------------------------------

def _collect_linux(host: Host, searched: list[str], listed: list[str]) -> list[InstalledApp]:
    apps: list[InstalledApp] = []
    seen: set[tuple[str, str]] = set()
    for folder, channel in linux_application_dirs(host.platform):
        searched.append(folder)
        names = host.list_dir(folder)
        if names is None:
            continue
        listed.append(folder)
        for name in names:
            if not name.endswith(".desktop"):
                continue
            ident = name[: -len(".desktop")]
            if (channel, ident) in seen:
                continue
            seen.add((channel, ident))
            apps.append(InstalledApp(channel, ident, ident, posixpath.join(folder, name)))
    return apps


def _mac_bundle(host: Host, path: str, channel: str) -> InstalledApp:
    folder_name = posixpath.basename(path)[: -len(".app")]
    info = parse_info_plist(host.read_bytes(posixpath.join(path, "Contents", "Info.plist")))
    if info is None:
        return InstalledApp(channel, "", folder_name, path, details={"bundle_name": folder_name,
                                                                      "info_plist": "unreadable"})
    name = info.get("CFBundleDisplayName") or info.get("CFBundleName") or folder_name
    version = info.get("CFBundleShortVersionString") or info.get("CFBundleVersion", "")
    details = {"bundle_name": folder_name}
    if info.get("CFBundleURLSchemes"):
        details["url_schemes"] = info["CFBundleURLSchemes"]
    return InstalledApp(channel, info.get("CFBundleIdentifier", ""), name, path, version,
                        details=details)


def _collect_macos(host: Host, searched: list[str], listed: list[str]) -> list[InstalledApp]:
    apps: list[InstalledApp] = []
    home = home_of(host.platform)
    roots = [("/Applications", MAC_APPLICATIONS)]
    if home:
        roots.append((posixpath.join(home, "Applications"), MAC_USER_APPLICATIONS))
    for root, channel in roots:
        searched.append(root)
        names = host.list_dir(root)
        if names is None:
            continue
        listed.append(root)
        subfolders = 0
        for name in names:
            if name.startswith("."):
                continue
            path = posixpath.join(root, name)
            if name.endswith(".app"):
                apps.append(_mac_bundle(host, path, channel))
            elif "." not in name and subfolders < MAX_MAC_SUBFOLDERS:
                inner = host.list_dir(path)  # None for a file: fine
                if inner is None:
                    continue
                subfolders += 1
                for sub in inner:
                    if sub.endswith(".app") and not sub.startswith("."):
                        apps.append(_mac_bundle(host, posixpath.join(path, sub), channel))
    return apps


def _reg_str(values: Mapping[str, Any], key: str) -> str:
    value = values.get(key)
    return value.strip() if isinstance(value, str) else ""


def _collect_windows(host: Host, searched: list[str], listed: list[str]) -> list[InstalledApp]:
    apps: list[InstalledApp] = []
    for root, channel in UNINSTALL_ROOTS:
        searched.append(root)
        subkeys = host.registry_subkeys(root)
        if subkeys is None:
            continue
        listed.append(root)
        for sub in subkeys:
            key = f"{root}\\{sub}"
            values = host.registry_values(key) or {}
            name = _reg_str(values, "DisplayName")
            if not name or values.get("SystemComponent") == 1:
                continue
            details = {k: v for k in ("InstallLocation", "Publisher")
                       if (v := _reg_str(values, k))}
            apps.append(InstalledApp(channel, sub, name, key, _reg_str(values, "DisplayVersion"),
                                     details))

    lad = local_appdata(host.platform)
    if lad:
        programs = ntpath.join(lad, "Programs")
        for folder, prefix in ((programs, "Programs\\"), (lad, "")):
            searched.append(folder)
            names = host.list_dir(folder)
            if names is None:
                continue
            listed.append(folder)
            for name in names:
                apps.append(InstalledApp(WIN_USER_FOLDER, prefix + name, name,
                                         ntpath.join(folder, name)))

    searched.append(STORE_REPOSITORY)
    packages = host.registry_subkeys(STORE_REPOSITORY)
    if packages is not None:
        listed.append(STORE_REPOSITORY)
        for full in packages:
            parsed = parse_package_full_name(full)
            if parsed is None:
                continue
            family, pkg, version = parsed
            apps.append(InstalledApp(WIN_STORE, family, pkg, f"{STORE_REPOSITORY}\\{full}",
                                     version, {"package_full_name": full}))
    elif lad:
        folder = ntpath.join(lad, "Packages")
        searched.append(folder)
        names = host.list_dir(folder)
        if names is not None:
            listed.append(folder)
            for fam in names:
                if "_" in fam:
                    apps.append(InstalledApp(WIN_STORE, fam, fam.rsplit("_", 1)[0],
                                             ntpath.join(folder, fam)))
    return apps


def collect_inventory(host: Host) -> AppInventory:
    """List the installed applications and running processes of ``host`` (not cached)."""
    family = host.platform.family
    searched: list[str] = []
    listed: list[str] = []
    if family == "linux":
        apps = _collect_linux(host, searched, listed)
    elif family == "macos":
        apps = _collect_macos(host, searched, listed)
    elif family == "windows":
        apps = _collect_windows(host, searched, listed)
    else:
        apps = []
    try:
        procs = tuple(host.processes())
    except Exception:  # a broken process listing is only a missing second signal
        procs = ()
    return AppInventory(family, tuple(apps), procs, tuple(searched), tuple(listed))


def app_inventory(scan: Scan) -> AppInventory:
    """The inventory of the scan's host, listed once per scan (``scan.memo``)."""
    return scan.memo(_collect_scan_inventory)


def _collect_scan_inventory(scan: Scan) -> AppInventory:
    return collect_inventory(scan.host)


# ---------------------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------------------

def _strs(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Iterable):
        return tuple(str(v) for v in value if isinstance(v, str) and v)
    return ()


@dataclass(frozen=True)
class AppSignature:
    """How one application shows itself on one OS (all lists may be empty)."""

    desktop_ids: tuple[str, ...] = ()  # Linux .desktop ids, exact ("signal-desktop")
    desktop_prefixes: tuple[str, ...] = ()  # ids starting with ("org.telegram.desktop._")
    flatpak_ids: tuple[str, ...] = ()  # "org.signal.Signal"
    snap_names: tuple[str, ...] = ()  # "signal-desktop"
    bundle_ids: tuple[str, ...] = ()  # macOS CFBundleIdentifier
    bundle_names: tuple[str, ...] = ()  # macOS .app folder name, used when Info.plist is unreadable
    display_names: tuple[str, ...] = ()  # Windows uninstall DisplayName prefixes
    display_excludes: tuple[str, ...] = ()  # DisplayName prefixes that are not the app
    program_dirs: tuple[str, ...] = ()  # relative to %LOCALAPPDATA% ("Programs\\signal-desktop")
    store_families: tuple[str, ...] = ()  # Microsoft Store package family names
    processes: tuple[str, ...] = ()  # process names ("Signal.exe", "signal-desktop")
    process_paths: tuple[str, ...] = ()  # executable-path fragments telling apart apps that
    #                                      share a process name ("UnigramPreview")
    process_paths_only: tuple[str, ...] = ()  # a process by this name is this app only when
    #   its executable path holds one of these (a Store app runs only from its package folder)

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> AppSignature:
        d = data or {}
        return cls(**{f: _strs(d.get(f)) for f in cls.__dataclass_fields__})

    def matches_install(self, app: InstalledApp) -> bool:
        ch = app.channel
        ident = app.ident.lower()
        if ch in (FLATPAK_SYSTEM, FLATPAK_USER):
            return any(ident == f.lower() or ident.startswith(f.lower() + ".")
                       for f in self.flatpak_ids)
        if ch == SNAP:
            return snap_name(app.ident).lower() in {s.lower() for s in self.snap_names}
        if ch in (SYSTEM_PACKAGE, LOCAL_INSTALL, USER_ENTRY):
            return (ident in {d.lower() for d in self.desktop_ids}
                    or any(ident.startswith(p.lower()) for p in self.desktop_prefixes))
        if ch in (MAC_APPLICATIONS, MAC_USER_APPLICATIONS):
            if app.ident:
                return ident in {b.lower() for b in self.bundle_ids}
            folder = app.details.get("bundle_name", app.name).lower()
            return folder in {b.lower() for b in self.bundle_names}
        if ch in (WIN_ALL_USERS, WIN_THIS_USER):
            if any(display_name_matches(app.name, x) for x in self.display_excludes):
                return False
            return any(display_name_matches(app.name, p) for p in self.display_names)
        if ch == WIN_USER_FOLDER:
            return ident in {p.lower() for p in self.program_dirs}
        if ch == WIN_STORE:
            return ident in {s.lower() for s in self.store_families}
        return False

    def matches_process(self, proc: ProcessInfo) -> bool:
        return any(process_name_matches(proc.name, p) for p in self.processes)


def signature_for(match: Mapping[str, Any] | None, family: str) -> AppSignature:
    """The signature for ``family`` from a data-file block ``{"linux": {...}, ...}``."""
    block = (match or {}).get(family)
    return AppSignature.from_json(block if isinstance(block, Mapping) else None)


@dataclass(frozen=True)
class AppMatch:
    key: str
    installs: tuple[InstalledApp, ...]
    processes: tuple[ProcessInfo, ...]

    @property
    def running(self) -> bool:
        return bool(self.processes)

    @property
    def channels(self) -> list[str]:
        out: list[str] = []
        for app in self.installs:
            if app.channel not in out:
                out.append(app.channel)
        return out or [RUNNING_ONLY]


def _anchors(app: InstalledApp) -> list[str]:
    out = [app.location]
    for key in ("InstallLocation", "package_full_name"):
        if app.details.get(key):
            out.append(app.details[key])
    if app.channel in (FLATPAK_SYSTEM, FLATPAK_USER, SNAP):
        out.append(app.ident.split("_")[0])
    return [a.lower().rstrip("\\/") for a in out if len(a) > 3]


def match_apps(inventory: AppInventory, signatures: Mapping[str, AppSignature],
               read_text: Callable[[str], str | None] | None = None) -> dict[str, AppMatch]:
    """Which of ``signatures`` are present: installs by channel, plus running processes.

    ``read_text`` (``host.read_text``), when given, is used to read matched ``.desktop``
    entries so that deleted ones (``Hidden=true``) are dropped and the entry's ``Name`` is
    used. A process that several signatures claim is attributed by its executable path
    (inside which install it runs) or, failing that, to the only claimant that is installed;
    otherwise to nobody. A signature with ``process_paths_only`` never claims a process whose
    executable path is known and lies outside those places.
    """
    installs: dict[str, list[InstalledApp]] = {k: [] for k in signatures}
    for app in inventory.apps:
        for key, sig in signatures.items():
            if not sig.matches_install(app):
                continue
            if read_text is not None and app.channel in DESKTOP_CHANNELS:
                entry = parse_desktop_entry(read_text(app.location))
                if desktop_entry_hidden(entry):
                    continue
                if entry.get("Name"):
                    app = InstalledApp(app.channel, app.ident, entry["Name"], app.location,
                                       app.version, app.details)
            installs[key].append(app)

    procs: dict[str, list[ProcessInfo]] = {k: [] for k in signatures}
    for proc in inventory.processes:
        cands = [k for k, sig in signatures.items() if sig.matches_process(proc)]
        if proc.exe:
            # An app that only ever runs from one place is ruled out by a path elsewhere, so a
            # process two entries claim by name is not lost between them (a portable
            # Telegram.exe on D:\ is not Unigram, whose Telegram.exe runs from WindowsApps).
            low = proc.exe.lower()
            cands = [k for k in cands if not signatures[k].process_paths_only
                     or any(p.lower() in low for p in signatures[k].process_paths_only)]
        if len(cands) > 1 and proc.exe:
            exe = proc.exe.lower()
            by_path = [k for k in cands if any(a in exe for i in installs[k] for a in _anchors(i))
                       or any(p.lower() in exe for p in (*signatures[k].process_paths,
                                                         *signatures[k].process_paths_only))]
            if by_path:
                cands = by_path
        if len(cands) > 1:
            installed = [k for k in cands if installs[k]]
            cands = installed if len(installed) == 1 else []
        if len(cands) == 1:
            procs[cands[0]].append(proc)

    out: dict[str, AppMatch] = {}
    for key in signatures:
        if installs[key] or procs[key]:
            out[key] = AppMatch(key, tuple(installs[key]), tuple(procs[key]))
    return out


def describe_install(app: InstalledApp) -> str:
    """An untranslated evidence text for one install (the evidence source is its location)."""
    version = f" {app.version}" if app.version and app.version not in app.name else ""
    ident = f" [{app.ident}]" if app.ident and app.ident != app.name else ""
    return f"{app.name}{version}{ident} ({app.channel})"


def describe_processes(procs: Sequence[ProcessInfo]) -> str:
    return ", ".join(sorted({p.name for p in procs}))
