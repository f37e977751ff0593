"""Tor Browser: is it here, and is its version one that still receives security fixes?

Informational. Tor Browser protects what you read and who you talk to from the network and
the websites; in some places, using Tor can itself draw attention. So its absence is never a
failure: ``not_applicable`` with a neutral sentence. Present and on a supported release:
``pass``. Present but built on a Firefox release that no longer gets security fixes: ``fail``
(medium). Present, version unreadable: ``unknown``.

Where Checkup looks (read-only; the browser is never run):
- Linux: folders named ``tor-browser*`` in the home folder, ``Downloads`` and ``Desktop``
  (asked as ``Host.matching(folder, TOR_FOLDER_PATTERNS)``: those folders are the person's
  own, so nothing else in them is read or recorded, see checks/privacy/personal.py);
  torbrowser-launcher's ``~/.local/share/torbrowser/tbb/<arch>/tor-browser`` (and the same
  under its Flatpak's ``~/.var/app/<id>/data``); the folder a registered
  ``start-tor-browser.desktop`` entry points to; Tails' ``/usr/local/lib/tor-browser``.
- macOS: ``Tor Browser.app`` in the Applications folders (bundle id
  ``org.torproject.torbrowser``).
- Windows: ``Tor Browser`` on the Desktop (also under OneDrive), in ``%LOCALAPPDATA%`` and
  Program Files, and an uninstall entry named "Tor Browser".
In each: ``Browser/application.ini`` (``Contents/Resources/application.ini`` on macOS) gives
the Firefox version it is built on, ``Browser/tbb_version.json`` the Tor Browser version
(Tor Browser's own build files; tb-manual.torproject.org).

A folder laid out like Tor Browser is not proof that it is one: other Firefox-based bundles
(and a plain Firefox unpacked into a folder named ``tor-browser``) look the same. Tor Browser's
``application.ini`` says ``Vendor=Tor Project`` and ``Name=Firefox`` (its Linux profile lives in
``~/.tor project/firefox``, named from those two fields). An install is credited as Tor Browser
only when both fields say so; when they name someone else it is not Tor Browser and the verdict
is ``unknown`` naming what it is; when ``application.ini`` cannot be read a current-looking
version is ``unknown`` too (an outdated one still fails).

Versions are judged with the Firefox ESR facts in ``resources/data/browsers.json``.
"""

from __future__ import annotations

import ntpath
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from checks.catalog.browsers import versions as bv
from checks.catalog.browsers.versions import Judgement, Version
from checks.catalog.readers import apps
from checks.engine.datafile import DataError, DataFile, load_data
from checks.engine.host import Host
from checks.engine.i18n import N_, Message, msg
from checks.engine.model import Evidence, Finding, Severity, Status
from checks.engine.registry import On, Scan, spec

CHECK_ID = "tor-browser"
DATA_NAME = "browsers"
TOR_ID = "tor-browser"

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

# What Tor Browser's application.ini says about itself ([App] Vendor and Name).
TOR_VENDOR = "tor project"
TOR_NAMES = ("firefox", "tor browser", "torbrowser")
TOR_VERIFIED = "tor_project"  # Vendor and Name are Tor Browser's
TOR_OTHER = "another_vendor"  # application.ini names another vendor or product
TOR_UNVERIFIED = "not_read"  # application.ini could not be read


def identity_of(ini: Mapping[str, str] | None) -> str:
    """Whether an application.ini's [App] section is Tor Browser's."""
    if ini is None:
        return TOR_UNVERIFIED
    vendor = ini.get("Vendor", "").strip().lower()
    name = ini.get("Name", "").strip().lower()
    return TOR_VERIFIED if vendor == TOR_VENDOR and name in TOR_NAMES else TOR_OTHER


@dataclass(frozen=True)
class TorInstall:
    where: str  # the folder or app bundle
    version: Version | None  # Tor Browser's own version (tbb_version.json / Info.plist)
    base: Version | None  # the Firefox version it is built on (application.ini)
    channel: str = ""  # "release" or "alpha", when tbb_version.json says
    evidence: tuple[Evidence, ...] = ()
    identity: str = TOR_UNVERIFIED  # TOR_VERIFIED, TOR_OTHER or TOR_UNVERIFIED
    product: str = ""  # application.ini's "Vendor Name", as written (machine text)

    def label(self) -> str:
        return self.version.raw if self.version else ""

    def to_json(self) -> dict[str, Any]:
        return {"where": self.where, "version": self.version.raw if self.version else None,
                "firefox_base": self.base.raw if self.base else None,
                "channel": self.channel or None, "identity": self.identity}


@dataclass
class TorSearch:
    installs: list[TorInstall] = field(default_factory=list)
    searched: list[str] = field(default_factory=list)


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
        evidence.append(Evidence(ini_path, _ini_line(ini)))
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
                      _product(ini))


def _ini_line(ini: Mapping[str, str]) -> str:
    return (f"Vendor={ini.get('Vendor', '?')}, Name={ini.get('Name', '?')}, "
            f"Version={ini.get('Version', '?')}")


def _product(ini: Mapping[str, str] | None) -> str:
    if ini is None:
        return ""
    return " ".join(v for v in (ini.get("Vendor", "").strip(), ini.get("Name", "").strip())
                    if v)[:80]


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


def find_tor_installs(host: Host, inventory: apps.AppInventory | None) -> TorSearch:
    """Every Tor Browser found on ``host`` (pure reads through the Host)."""
    family = host.platform.family
    search = TorSearch()
    if family == "macos":
        if inventory is None:
            return search
        sig = apps.AppSignature(bundle_ids=("org.torproject.torbrowser",),
                                bundle_names=("Tor Browser",))
        search.searched.extend(inventory.listed)
        for app in inventory.apps:
            if not sig.matches_install(app):
                continue
            ini_path = posixpath.join(app.location, "Contents", "Resources", "application.ini")
            ini_text = host.read_text(ini_path)
            ini = bv.parse_application_ini(ini_text) if ini_text is not None else None
            base = bv.parse_version(ini.get("Version")) if ini is not None else None
            ev = [Evidence(app.location, apps.describe_install(app))]
            if ini is not None:
                ev.append(Evidence(ini_path, _ini_line(ini)))
            version = bv.parse_version(app.version)
            search.installs.append(TorInstall(
                app.location, version, base,
                "alpha" if version is not None and version.alpha else "", tuple(ev),
                identity_of(ini), _product(ini)))
        return search
    if family == "windows":
        folders, join = _windows_candidates(host, inventory), ntpath.join
    else:
        folders, join = _linux_candidates(host, inventory), posixpath.join
    for folder in folders:
        search.searched.append(folder)
        found = _read_tor_dir(host, folder, join)
        if found:
            search.installs.append(found)
    return search


def tor_search(scan: Scan) -> TorSearch:
    """Found once per scan, shared with the browsers check."""
    return scan.memo(_search_tor)


def _search_tor(scan: Scan) -> TorSearch:
    return find_tor_installs(scan.host, apps.app_inventory(scan))


def judge_install(install: TorInstall, tor_entry: Mapping[str, Any],
                  firefox_entry: Mapping[str, Any], max_behind: int) -> Judgement:
    versions = tor_entry.get("versions") or {}
    ff_versions = firefox_entry.get("versions") or {}
    return bv.judge_tor(install.version, install.base, versions, ff_versions, max_behind)


def entries_by_id(data: DataFile) -> dict[str, Mapping[str, Any]]:
    return {str(e["id"]): e for e in data.entries}


def max_behind_of(data: DataFile) -> int:
    value = data.extra.get("max_behind", 2)
    return value if isinstance(value, int) else 2


# ---------------------------------------------------------------------------------------
# Deciding
# ---------------------------------------------------------------------------------------

ATTENTION_NOTE = N_(
    "Tor Browser hides which sites you visit from your network, and where you are from the "
    "sites. In some countries, using Tor can draw attention or is restricted: the guidance "
    "explains both sides.")


def _install_detail(install: TorInstall, j: Judgement) -> Message:
    version = install.label() or "?"
    if j.state == bv.ESR_SUPPORTED:
        return msg("Tor Browser {version} in {where} is built on Firefox {esr} (an Extended "
                   "Support Release that still receives security fixes).", version=version,
                   where=install.where, esr=str(j.esr_major))
    if j.state == bv.CURRENT:
        return msg("Tor Browser {version} in {where} is built on a current Firefox release.",
                   version=version, where=install.where)
    if j.state == bv.ESR_ENDED:
        if j.esr_end:
            return msg("Tor Browser {version} in {where} is built on Firefox {esr}, which received its "
                       "last security fixes on {date}.", version=version,
                       where=install.where, esr=str(j.esr_major), date=j.esr_end)
        return msg("Tor Browser {version} in {where} is built on Firefox {esr}, which no longer "
                   "receives security fixes.", version=version, where=install.where,
                   esr=str(j.esr_major))
    if j.state == bv.UNTRACKED:
        return msg("Tor Browser {version} in {where} is a release Checkup's information does "
                   "not cover yet.", version=version, where=install.where)
    return msg("Tor Browser in {where}: Checkup could not read its version.",
               where=install.where)


def decide(search: TorSearch, data: DataFile | None, tails: bool = False,
           now: datetime | None = None) -> Finding:
    """The verdict (pure). ``now`` is the scan's clock: with release facts older than
    ``datafile.STALE_AFTER_DAYS`` no version is called current (an old version still fails)."""
    evidence: list[Evidence] = []
    details: list[Message] = []
    entries = entries_by_id(data) if data is not None else {}
    tor_entry = entries.get(TOR_ID, {})
    ff_entry = entries.get("firefox", {})
    max_behind = max_behind_of(data) if data is not None else 2
    # Bundles whose application.ini names another vendor are not Tor Browser: never judged as
    # one, never a pass.
    others = [i for i in search.installs if i.identity == TOR_OTHER]
    judged = [(i, judge_install(i, tor_entry, ff_entry, max_behind)) for i in search.installs
              if i.identity != TOR_OTHER]
    for install in search.installs:
        evidence.extend(install.evidence)
    data_out: dict[str, Any] = {
        "installs": [{**i.to_json(), **j.to_json()} for i, j in judged],
        "searched": list(search.searched),
    }
    if others:
        data_out["not_tor_browser"] = [i.to_json() for i in others]
    if data is not None:
        data_out["data_gathered"] = data.gathered.isoformat()

    if not judged and not others:
        evidence.append(Evidence("places looked at", "; ".join(search.searched[:12]) or "none"))
        return Finding(Status.NOT_APPLICABLE, msg(
            "Tor Browser was not found on this computer. Whether you need it depends on your "
            "situation; the guidance explains what it protects and when it can draw attention."),
            evidence=evidence, details=[msg(ATTENTION_NOTE)], data=data_out)

    for install, j in judged:
        details.append(_install_detail(install, j))
        if install.identity == TOR_UNVERIFIED:
            details.append(msg("Checkup could not read the application.ini of the browser in "
                               "{where}, which says whose browser it is, so it cannot confirm "
                               "that it is Tor Browser.", where=install.where))
    for install in others:
        details.append(msg("The browser in {where} is laid out like Tor Browser, but its "
                           "application.ini names {product}, not the Tor Project, so Checkup "
                           "does not count it as Tor Browser.", where=install.where,
                           product=install.product or "?"))
    if tails:
        details.append(msg("On Tails, Tor Browser is updated together with Tails itself."))
    if data is not None:
        details.append(msg("Checkup's information about Firefox releases was gathered on "
                           "{date}.", date=data.gathered.isoformat()))
    details.append(msg(ATTENTION_NOTE))

    bad = [(i, j) for i, j in judged if j.state in bv.BAD]
    good = [(i, j) for i, j in judged if j.state in bv.GOOD and i.identity == TOR_VERIFIED]
    if bad:
        version = bad[0][0].label() or "?"
        return Finding(Status.FAIL, msg(
            "Tor Browser {version} is installed but no longer receives security fixes. Update "
            "it: open it and choose the menu, Help, About Tor Browser.", version=version),
            severity=Severity.MEDIUM, evidence=evidence, details=details, data=data_out)
    if others:
        return Finding(Status.UNKNOWN, msg(
            "A browser laid out like Tor Browser was found, but it is not Tor Browser: its "
            "application.ini names {product}. If you meant to use Tor Browser, download it "
            "from torproject.org.", product=others[0].product or "?"),
            evidence=evidence, details=details, data=data_out)
    if good and data is not None and now is not None and data.is_stale(now):
        # Tor Browser follows Firefox ESR lines, which end about a year after they start:
        # "current" by release facts more than six months old is not positive evidence.
        data_out["data_stale"] = True
        return Finding(Status.UNKNOWN, msg(
            "Tor Browser is installed, but Checkup's information about its releases is more "
            "than six months old, too old to tell whether this version still receives security "
            "fixes. Open it and choose the menu, Help, About Tor Browser: it updates itself from "
            "there."), evidence=evidence, details=details, data=data_out)
    if good and len(good) == len(judged):
        version = good[0][0].label()
        if version:
            return Finding(Status.PASS, msg(
                "Tor Browser {version} is installed and still receives security fixes.",
                version=version), evidence=evidence, details=details, data=data_out)
        return Finding(Status.PASS, msg(
            "Tor Browser is installed and is built on a Firefox release that still receives "
            "security fixes."), evidence=evidence, details=details, data=data_out)
    return Finding(Status.UNKNOWN, msg(
        "Tor Browser is installed, but Checkup could not tell whether its version still "
        "receives security fixes. Open it and choose the menu, Help, About Tor Browser: it "
        "updates itself from there."), evidence=evidence, details=details, data=data_out)


def tor_browser(scan: Scan) -> Finding:
    try:
        data: DataFile | None = load_data(DATA_NAME, required=("id", "name", "versions"))
    except DataError as exc:
        return Finding(Status.ERROR, msg(
            "Checkup's list of browsers could not be loaded, so this check could not run. "
            "Please report it."), evidence=[Evidence("resources/data/browsers.json", str(exc))])
    return decide(tor_search(scan), data, tails=scan.context.tails, now=scan.now())


# A shipped data file that cannot be loaded gives an error; like a crash, no snapshot of a
# machine can show it, so it is not among the statuses below.
_STATUSES = (Status.PASS, Status.FAIL, Status.UNKNOWN, Status.NOT_APPLICABLE)

spec(
    CHECK_ID, N_("Tor Browser"),
    description=N_("Whether Tor Browser is here, and whether its version still receives "
                   "security fixes."),
    order=37,
    slot=15,
    systems={
        "linux": On(tor_browser, *_STATUSES),
        "macos": On(tor_browser, *_STATUSES),
        "windows": On(tor_browser, *_STATUSES),
    },
    # Nothing is run. Only the Tor Browser search reads (with the app inventory it uses).
    files=SEARCH_FILES,
    demos={
        "windows10-unencrypted-telegram": "tor_browser/windows_absent.json",
        "macos-filevault-signal": "tor_browser/macos_current.json",
        "linux-luks-pending-updates": "tor_browser/linux_absent.json",
        "windows11-bitlocker-keepass": "tor_browser/windows_desktop_current.json",
        "windows11-home-remote-support": "tor_browser/windows_absent.json",
        "macos12-no-filevault": "tor_browser/macos_old_series.json",
        "macos15-encrypting-screen-sharing": "tor_browser/macos_current.json",
        "linux-ubuntu2004-unencrypted": "tor_browser/linux_absent.json",
        "linux-kubuntu-well-kept": "tor_browser/linux_tarball_current.json",
    },
)
