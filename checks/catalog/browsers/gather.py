"""Which browsers are installed and which version each is (the topic's ``__init__`` says
where versions come from). Reads through the Host, never runs a browser; no verdicts and no
user-visible text here. Version files are parsed in ``versions.py``.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from checks.catalog.browsers import versions as bv
from checks.catalog.browsers.facts import Browser, Install, Seen, unknown_browser
from checks.catalog.os_updates.apt import parse_apt_simulation
from checks.catalog.os_updates.gather import apt_simulation
from checks.catalog.readers import apps
from checks.catalog.tor_browser.facts import TOR_ID, TOR_OTHER, TorSearch
from checks.catalog.tor_browser.gather import tor_search
from checks.engine.host import Host
from checks.engine.registry import Scan

DPKG_STATUS = "/var/lib/dpkg/status"
FLATPAK_SYSTEM_APPS = "/var/lib/flatpak/app"

# Inventory channels and the Linux version sources that describe the same install.
_SOURCE_KIND_OF_CHANNEL = {
    apps.SYSTEM_PACKAGE: ("dpkg", "ini"), apps.LOCAL_INSTALL: ("dpkg", "ini"),
    apps.USER_ENTRY: ("dpkg", "ini"), apps.FLATPAK_SYSTEM: ("flatpak",),
    apps.FLATPAK_USER: ("flatpak",), apps.SNAP: ("snap",),
}


def _flatpak_metainfo(host: Host, app_id: str) -> tuple[str, str | None]:
    home = apps.home_of(host.platform)
    roots = [FLATPAK_SYSTEM_APPS]
    if home:
        roots.append(posixpath.join(home, ".local", "share", "flatpak", "app"))
    for root in roots:
        base = posixpath.join(root, app_id, "current", "active", "files", "share")
        for sub, suffix in (("metainfo", ".metainfo.xml"), ("appdata", ".appdata.xml"),
                            ("metainfo", ".appdata.xml")):
            path = posixpath.join(base, sub, app_id + suffix)
            text = host.read_text(path)
            if text is not None:
                return path, bv.parse_metainfo_release(text)
    return "", None


def _linux_source_install(host: Host, b: Browser, src: Mapping[str, Any],
                          dpkg: Mapping[str, str]) -> Install | None:
    """The install one of a browser's Linux version sources describes, if it is here."""
    kind = str(src.get("kind", ""))
    channel = str(src.get("channel", ""))
    if kind == "dpkg":
        pkg = str(src.get("package"))
        if pkg in dpkg:
            upstream = bv.debian_upstream_version(dpkg[pkg])
            return Install(b, f"{DPKG_STATUS} ({pkg})", bv.parse_version(upstream), channel,
                           "dpkg", package=pkg)
    elif kind == "ini":
        path = str(src.get("path"))
        text = host.read_text(path)
        if text is not None:
            ini = bv.parse_application_ini(text)
            repo = ini.get("SourceRepository", "").lower()
            return Install(b, path, bv.parse_version(ini.get("Version")),
                           channel or ("esr" if "esr" in repo else ""), "ini")
    elif kind == "snap":
        path = f"/snap/{src.get('name')}/current/meta/snap.yaml"
        text = host.read_text(path)
        if text is not None:
            return Install(b, path, bv.parse_version(bv.parse_snap_yaml(text)), channel, "snap")
    elif kind == "flatpak":
        path, version = _flatpak_metainfo(host, str(src.get("id")))
        if path:
            return Install(b, path, bv.parse_version(version), channel, "flatpak")
    return None


def linux_version_installs(host: Host, browsers: Sequence[Browser]) -> list[Install]:
    """Installs found through Linux version sources (package database, files)."""
    wanted = {str(src.get("package")) for b in browsers for src in b.linux_versions
              if src.get("kind") == "dpkg"}
    dpkg = bv.parse_dpkg_status(host.read_text(DPKG_STATUS), wanted) if wanted else {}
    out = [inst for b in browsers for src in b.linux_versions
           if (inst := _linux_source_install(host, b, src, dpkg)) is not None]
    # The same package can be named by a package entry and a file (dpkg + application.ini):
    # keep one per browser and version.
    seen: set[tuple[str, tuple[int, ...] | None]] = set()
    kept: list[Install] = []
    for inst in out:
        key = (inst.browser.id, inst.version.parts if inst.version else None)
        if inst.how in ("dpkg", "ini") and key in seen:
            continue
        seen.add(key)
        kept.append(inst)
    return kept


def _install_from_app(b: Browser, app: apps.InstalledApp) -> Install:
    name = app.name.lower()
    channel = "esr" if " esr" in f" {name} " or name.endswith("esr") or "-esr" in \
        app.ident.lower() else ""
    return Install(b, app.location, bv.parse_version(app.version), channel, app.channel)


def collect(host: Host, inventory: apps.AppInventory, browsers: Sequence[Browser],
            tor: TorSearch) -> list[Install]:
    family = host.platform.family
    relevant = [b for b in browsers if b.applies_to(family) and b.id != TOR_ID]
    sigs = {b.id: apps.signature_for(b.match, family) for b in relevant}
    matches = apps.match_apps(inventory, sigs, read_text=host.read_text)
    installs: list[Install] = []
    if family == "linux":
        found = linux_version_installs(host, relevant)
        installs.extend(found)
        for b in relevant:
            m = matches.get(b.id)
            if m is None:
                continue
            kinds_found = {i.how for i in found if i.browser.id == b.id}
            for app in m.installs:
                kinds = _SOURCE_KIND_OF_CHANNEL.get(app.channel, ())
                if not kinds_found.intersection(kinds):
                    installs.append(replace(_install_from_app(b, app), version=None))
                    kinds_found.update(kinds)  # one version-less entry per kind of install
    else:
        for b in relevant:
            m = matches.get(b.id)
            for app in (m.installs if m else ()):
                installs.append(_install_from_app(b, app))
    tor_entry = next((b for b in browsers if b.id == TOR_ID), None)
    for t in tor.installs:
        if t.identity == TOR_OTHER:
            # laid out like Tor Browser, but another vendor's: a browser Checkup cannot judge
            installs.append(Install(unknown_browser(t.product or "?"), t.where, None, "",
                                    "tor_folder"))
        elif tor_entry is not None:
            installs.append(Install(tor_entry, t.where, t.version, t.channel, "tor_folder"))
    installs.extend(unknown_browser_installs(family, inventory, browsers, tor, host))
    return installs


def unknown_browser_installs(family: str, inventory: apps.AppInventory,
                             browsers: Sequence[Browser], tor: TorSearch,
                             host: Host | None = None) -> list[Install]:
    """Browsers Checkup has no data for, which no known browser's signature claims: on macOS,
    every app bundle whose Info.plist says it opens http and https links (CFBundleURLTypes); on
    Linux, every desktop entry that a folder's ``mimeinfo.cache`` (update-desktop-database)
    lists as opening https or http links. They are named and judged "untracked", so the check
    cannot pass on the others alone."""
    sigs = [apps.signature_for(b.match, family) for b in browsers if b.applies_to(family)]
    tor_places = {t.where for t in tor.installs}
    out: list[Install] = []
    if family == "linux" and host is not None:
        return _linux_unknown_browsers(host, inventory, sigs, tor_places)
    if family != "macos":
        return []
    for app in inventory.apps:
        schemes = set(app.details.get("url_schemes", "").split(","))
        if not {"http", "https"} <= schemes or app.location in tor_places:
            continue
        if any(sig.matches_install(app) for sig in sigs):
            continue
        out.append(Install(unknown_browser(app.name), app.location,
                           bv.parse_version(app.version), "", app.channel))
    return out


def _linux_unknown_browsers(host: Host, inventory: apps.AppInventory,
                            sigs: Sequence[apps.AppSignature], tor_places: set[str]
                            ) -> list[Install]:
    handlers: dict[str, set[str]] = {}  # folder -> desktop ids that open web links
    for folder, _channel in apps.linux_application_dirs(host.platform):
        ids = bv.parse_mimeinfo_cache(host.read_text(posixpath.join(folder, "mimeinfo.cache")))
        if ids:
            handlers[folder] = set(ids)
    out: list[Install] = []
    for app in inventory.apps:
        if app.channel not in apps.DESKTOP_CHANNELS:
            continue
        folder = posixpath.dirname(app.location)
        if app.ident not in handlers.get(folder, set()):
            continue
        if any(sig.matches_install(app) for sig in sigs):
            continue
        entry = apps.parse_desktop_entry(host.read_text(app.location))
        if apps.desktop_entry_hidden(entry) or \
                entry.get("NoDisplay", "").strip().lower() == "true":
            continue  # deleted, or a helper that is not shown as an application
        exec_dir = entry.get("Exec", "")
        if any(place and place in exec_dir for place in tor_places):
            continue
        name = (entry.get("Name") or app.ident)[:80]
        out.append(Install(unknown_browser(name), app.location, None, "", app.channel))
    return out


def with_offers(scan: Scan, installs: list[Install]) -> list[Install]:
    """Debian and Ubuntu packages: whether the distribution offers a newer version, from
    apt's simulation of an upgrade against the local package lists (os_updates runs it
    once per scan; nothing is downloaded). Unknown (None) when it could not be run."""
    if not any(i.how == "dpkg" for i in installs):
        return installs
    res = apt_simulation(scan)
    sim = parse_apt_simulation(res.stdout) if res.ok else None
    if sim is None or not sim.complete:
        return installs
    newer = {p.name: p.new for p in sim.packages}
    return [replace(i, offered=newer.get(i.package, "")) if i.how == "dpkg" else i
            for i in installs]


def gather(scan: Scan, browsers: Sequence[Browser]) -> Seen:
    inventory = apps.app_inventory(scan)
    tor = tor_search(scan)
    installs = collect(scan.host, inventory, browsers, tor)
    if scan.family == "linux":
        installs = with_offers(scan, installs)
    return Seen(scan.family, inventory, tor, installs)
