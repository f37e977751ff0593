"""Finding Tor Browser on the machine (the topic's ``__init__`` says where Checkup looks):
folders and app bundles, and in each the version files. Read-only through the Host, never
runs the browser; no verdicts and no user-visible text here. The search is shared with the
browsers check (``tor_search``, once per scan)."""

from __future__ import annotations

import ntpath
import posixpath
import re
from typing import Any

from checks.catalog.browsers import versions as bv
from checks.catalog.browsers.versions import Version
from checks.catalog.readers import apps
from checks.catalog.tor_browser.facts import TorInstall, TorSearch
from checks.catalog.tor_browser.identity import identity_of, ini_line, product_of
from checks.engine.host import Host
from checks.engine.model import Evidence
from checks.engine.registry import Scan

LINUX_LAUNCHER_DIRS = (
    ".local/share/torbrowser/tbb",
    ".var/app/org.torproject.torbrowser-launcher/data/torbrowser/tbb",
    ".var/app/com.github.micahflee.torbrowser-launcher/data/torbrowser/tbb",
)
LINUX_SYSTEM_DIRS = ("/usr/local/lib/tor-browser", "/opt/tor-browser")  # Tails, packagers
TOR_FOLDER_PATTERNS = ("tor-browser*",)  # matched ignoring case (Host.matching)
ARCHIVE_SUFFIXES = (".xz", ".gz", ".asc", ".zip", ".exe", ".dmg", ".sig")
_DESKTOP_EXEC_DIR = re.compile(r"""["']?(/[^"'\s]*?)/Browser/start-tor-browser""")

# Every path the Tor Browser search (tor_search, shared with the browsers check) reads, lists
# or looks into, the app inventory's own included: a spec that uses it declares
# ``files=(*SEARCH_FILES, ...)``. A Tor Browser registered by a .desktop entry
# (start-tor-browser.desktop) may be unpacked anywhere, so no glob here names its folder: the
# entry that names it is declared (apps.FILES), and tests/test_check_contract.py accepts a
# read under the folder of a program a declared .desktop entry it read names in Exec=.
SEARCH_FILES = tuple(dict.fromkeys((
    *apps.FILES,
    # Linux: the folders looked into for an unpacked tor-browser*, the launchers' folders
    "~", "~/Downloads", "~/Desktop",
    "~/tor-browser*/**", "~/Downloads/tor-browser*/**", "~/Desktop/tor-browser*/**",
    *(f"~/{rel}" for rel in LINUX_LAUNCHER_DIRS),
    *(f"~/{rel}/*/tor-browser/**" for rel in LINUX_LAUNCHER_DIRS),
    *(f"{folder}/**" for folder in LINUX_SYSTEM_DIRS),
    # macOS: application.ini inside each bundle the inventory found
    "/Applications/*.app/Contents/Resources/application.ini",
    "/Applications/*/*.app/Contents/Resources/application.ini",
    "~/Applications/*.app/Contents/Resources/application.ini",
    "~/Applications/*/*.app/Contents/Resources/application.ini",
    # Windows: the usual folders (an uninstall entry's InstallLocation may name another)
    "~/Desktop/Tor Browser/**", "~/OneDrive/Desktop/Tor Browser/**",
    "~/AppData/Local/Tor Browser/**",
    "C:/Program Files/Tor Browser/**", "C:/Program Files (x86)/Tor Browser/**",
)))


def _read_tor_dir(host: Host, folder: str, join: Any) -> TorInstall | None:
    """A Tor Browser folder: read its version files; None when it holds no Browser folder."""
    browser_dir = join(folder, "Browser")
    ini_path = join(browser_dir, "application.ini")
    tbb_path = join(browser_dir, "tbb_version.json")
    ini_text = host.read_text(ini_path)
    tbb_text = host.read_text(tbb_path)
    if ini_text is None and tbb_text is None and host.stat(browser_dir) is None:
        return None
    evidence: list[Evidence] = []
    base = None
    ini: dict[str, str] | None = None
    if ini_text is not None:
        ini = bv.parse_application_ini(ini_text)
        base = bv.parse_version(ini.get("Version"))
        evidence.append(Evidence(ini_path, ini_line(ini)))
    version: Version | None = None
    channel = ""
    if tbb_text is not None:
        parsed = bv.parse_tbb_version(tbb_text)
        if parsed:
            version, channel = bv.parse_version(parsed[0]), parsed[1]
            evidence.append(Evidence(tbb_path, f"version {parsed[0]}, channel {parsed[1] or '?'}"))
        else:
            evidence.append(Evidence(tbb_path, "not understood"))
    if not evidence:
        evidence.append(Evidence(folder, "Tor Browser folder; no version file could be read"))
    return TorInstall(folder, version, base, channel, tuple(evidence), identity_of(ini),
                      product_of(ini))


def _linux_candidates(host: Host, inventory: apps.AppInventory | None) -> list[str]:
    home = apps.home_of(host.platform)
    out: list[str] = []
    if home:
        for base in (home, posixpath.join(home, "Downloads"), posixpath.join(home, "Desktop")):
            for name in host.matching(base, TOR_FOLDER_PATTERNS) or []:
                if not name.lower().endswith(ARCHIVE_SUFFIXES):
                    out.append(posixpath.join(base, name))
        for rel in LINUX_LAUNCHER_DIRS:
            tbb = posixpath.join(home, rel)
            for arch in host.list_dir(tbb) or []:
                out.append(posixpath.join(tbb, arch, "tor-browser"))
    out.extend(LINUX_SYSTEM_DIRS)
    if inventory is not None:
        for app in inventory.apps:
            if app.channel in apps.DESKTOP_CHANNELS and "tor-browser" in app.ident.lower():
                text = host.read_text(app.location) or ""
                m = _DESKTOP_EXEC_DIR.search(text)
                if m:
                    out.append(m.group(1))
    return list(dict.fromkeys(out))


def _windows_candidates(host: Host, inventory: apps.AppInventory | None) -> list[str]:
    env = host.platform.env
    home = apps.home_of(host.platform)
    out: list[str] = []
    if home:
        out += [ntpath.join(home, "Desktop", "Tor Browser"),
                ntpath.join(home, "OneDrive", "Desktop", "Tor Browser")]
    lad = apps.local_appdata(host.platform)
    if lad:
        out.append(ntpath.join(lad, "Tor Browser"))
    for var in ("ProgramFiles", "ProgramFiles(x86)"):
        if env.get(var):
            out.append(ntpath.join(env[var], "Tor Browser"))
    if inventory is not None:
        sig = apps.AppSignature(display_names=("Tor Browser",))
        for app in inventory.apps:
            if app.channel in (apps.WIN_ALL_USERS, apps.WIN_THIS_USER) and sig.matches_install(app):
                loc = app.details.get("InstallLocation", "").strip().strip('"').rstrip("\\")
                if loc and loc.lower() not in {o.lower() for o in out}:
                    out.append(loc)
    return out


def _macos_installs(host: Host, inventory: apps.AppInventory) -> list[TorInstall]:
    """Each app bundle the inventory found that is Tor Browser's, with its application.ini."""
    sig = apps.AppSignature(bundle_ids=("org.torproject.torbrowser",),
                            bundle_names=("Tor Browser",))
    out: list[TorInstall] = []
    for app in inventory.apps:
        if not sig.matches_install(app):
            continue
        ini_path = posixpath.join(app.location, "Contents", "Resources", "application.ini")
        ini_text = host.read_text(ini_path)
        ini = bv.parse_application_ini(ini_text) if ini_text is not None else None
        base = bv.parse_version(ini.get("Version")) if ini is not None else None
        ev = [Evidence(app.location, apps.describe_install(app))]
        if ini is not None:
            ev.append(Evidence(ini_path, ini_line(ini)))
        version = bv.parse_version(app.version)
        out.append(TorInstall(
            app.location, version, base,
            "alpha" if version is not None and version.alpha else "", tuple(ev),
            identity_of(ini), product_of(ini)))
    return out


def find_tor_installs(host: Host, inventory: apps.AppInventory | None) -> TorSearch:
    """Every Tor Browser found on ``host`` (pure reads through the Host)."""
    family = host.platform.family
    if family == "macos":
        if inventory is None:
            return TorSearch()
        return TorSearch(_macos_installs(host, inventory), list(inventory.listed))
    if family == "windows":
        folders, join = _windows_candidates(host, inventory), ntpath.join
    else:
        folders, join = _linux_candidates(host, inventory), posixpath.join
    installs: list[TorInstall] = []
    searched: list[str] = []
    for folder in folders:
        searched.append(folder)
        found = _read_tor_dir(host, folder, join)
        if found:
            installs.append(found)
    return TorSearch(installs, searched)


def tor_search(scan: Scan) -> TorSearch:
    """Found once per scan, shared with the browsers check."""
    return scan.memo(_search_tor)


def _search_tor(scan: Scan) -> TorSearch:
    return find_tor_installs(scan.host, apps.app_inventory(scan))
