"""Web browsers: which are installed, and is each a release that still receives security
fixes?

A browser opens whatever the web sends it; spyware vendors sell chains of browser flaws, and
every release fixes some. Checkup reads each browser's version without running it and compares
it with ``resources/data/browsers.json``, which knows the release lines on the day it was
gathered: Firefox's Extended Support Release and Tor Browser stay supported while many
versions behind the rapid release; a rapid-release browser (Chrome, Chromium, Edge, Brave,
Firefox) is out of date when it is more than ``max_behind`` (two) major versions behind the
version current when the data was gathered. The finding always says how old that data is;
when it is more than six months old (``datafile.STALE_AFTER_DAYS``), no browser is called up to
date on its strength: ``unknown``, with how to check (an out-of-date one is still a ``fail``).

Where versions come from (nothing is run; the readers are in ``installs.py``):
- Linux: the app inventory (``.desktop`` entries, Flatpak, Snap) says which browsers are here;
  versions come from Debian's package database (``/var/lib/dpkg/status``), Firefox's
  ``application.ini``, a snap's ``/snap/<name>/current/meta/snap.yaml`` and a Flatpak's
  AppStream metainfo (``/var/lib/flatpak/app/<id>/current/active/files/share/metainfo/``, also
  the user's ``~/.local/share/flatpak``).
- macOS: ``CFBundleShortVersionString`` from each app's ``Info.plist`` (read by the inventory).
- Windows: the uninstall entries' ``DisplayVersion`` and Microsoft Store package versions.
- Tor Browser: found and judged as in ``tor_browser.py``.

Verdicts: ``fail`` (medium) when any browser found is out of date; ``pass`` when every browser
found was judged and is current; ``attention`` when the ones judged are current but another's
version could not be judged; ``unknown`` when no browser could be judged, none of the known
browsers was found, or the applications could not be listed. Safari is updated with macOS and
is left to the operating-system update check, so it never makes the pass on its own strength
while another browser is here: on macOS every app whose Info.plist says it opens http and https
links is a browser, on Linux every desktop entry a ``mimeinfo.cache`` lists for https or http
links; one Checkup has no release facts for (Waterfox, LibreWolf) is named and judged
"untracked", which rules out the pass. (Windows: only the browsers in the data are looked for.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from checks.catalog import tor_browser
from checks.catalog.browsers import versions as bv
from checks.catalog.browsers.installs import UNKNOWN_ID, Browser, Install, browsers_from, collect
from checks.catalog.browsers.versions import Judgement
from checks.catalog.readers import apps
from checks.catalog.readers.sentences import join_list
from checks.engine.datafile import DataError, DataFile, load_data
from checks.engine.i18n import N_, Message, msg, msg_n
from checks.engine.model import Evidence, Finding, Severity, Status
from checks.engine.registry import On, Scan, spec

CHECK_ID = "browsers"
DATA_NAME = "browsers"


# ---------------------------------------------------------------------------------------
# Deciding
# ---------------------------------------------------------------------------------------

def judge_all(installs: Sequence[Install], browsers: Sequence[Browser], max_behind: int,
              tor: tor_browser.TorSearch) -> list[Install]:
    firefox = next((b for b in browsers if b.id == "firefox"), None)
    ff_versions = firefox.versions if firefox else {}
    tor_by_where = {t.where: t for t in tor.installs}
    out: list[Install] = []
    for inst in installs:
        b = inst.browser
        if b.scheme == "tor":
            t = tor_by_where.get(inst.where)
            j = bv.judge_tor(inst.version, t.base if t else None, b.versions, ff_versions,
                             max_behind)
        else:
            j = bv.judge(b.scheme, inst.version, inst.channel, b.versions, max_behind)
        out.append(replace(inst, judgement=j))
    return out


def _label(inst: Install) -> str:
    return f"{inst.browser.name} {inst.version.raw}" if inst.version else inst.browser.name


def _detail(inst: Install) -> Message:
    j = inst.judgement or Judgement(bv.NO_VERSION)
    name, where = inst.browser.name, inst.where
    version = inst.version.raw if inst.version else ""
    since = str(inst.browser.versions.get("current_since", ""))
    if j.state == bv.CURRENT:
        return msg("{name} {version} ({where}): a current release; the newest Checkup knows of "
                   "is {current}.", name=name, version=version, where=where,
                   current=str(j.current or ""))
    if j.state == bv.ESR_SUPPORTED:
        if inst.browser.scheme == "tor":
            return msg("{name} {version} ({where}): built on Firefox {esr}, an Extended Support "
                       "Release that still receives security fixes.", name=name,
                       version=version, where=where, esr=str(j.esr_major))
        return msg("{name} {version} ({where}): Extended Support Release {esr}, which still "
                   "receives security fixes.", name=name, version=version, where=where,
                   esr=str(j.esr_major))
    if j.state == bv.OUTDATED:
        return msg_n("{name} {version} ({where}): {n} version behind {current}, the current "
                     "one on {date}. Update it from its menu: Help, About.",
                     "{name} {version} ({where}): {n} versions behind {current}, the current "
                     "one on {date}. Update it from its menu: Help, About.",
                     j.behind, name=name, version=version, where=where,
                     current=str(j.current or ""), date=since)
    if j.state == bv.ESR_ENDED:
        if j.esr_end:
            return msg("{name} {version} ({where}): its release line ({esr}) received its last "
                       "security fixes on {date}.", name=name, version=version, where=where,
                       esr=str(j.esr_major), date=j.esr_end)
        return msg("{name} {version} ({where}): its release line ({esr}) no longer receives "
                   "security fixes.", name=name, version=version, where=where,
                   esr=str(j.esr_major))
    if j.state == bv.SYSTEM:
        return msg("{name} ({where}) is updated together with the operating system; see the "
                   "operating-system update check.", name=name, where=where)
    if j.state == bv.UNTRACKED:
        if version:
            return msg("{name} {version} ({where}): Checkup does not track this browser's "
                       "versions. Open its menu, then About, to let it update.", name=name,
                       version=version, where=where)
        return msg("{name} ({where}): Checkup does not track this browser's versions. Open its "
                   "menu, then About, to let it update.", name=name, where=where)
    return msg("{name} ({where}): Checkup could not read its version. Open its menu, then "
               "About, to see it and let it update.", name=name, where=where)


def _manual(family: str) -> Message:
    if family == "windows":
        return msg("To see for yourself, open Settings > Apps > Installed apps and look for "
                   "browsers; each shows its version in its own Help or About page.")
    if family == "macos":
        return msg("To see for yourself, open the Applications folder; each browser shows its "
                   "version under its name menu, About.")
    return msg("To see for yourself, open your application menu or software centre; each "
               "browser shows its version in its Help or About page.")


def decide(family: str, inventory: apps.AppInventory, installs: Sequence[Install],
           browsers: Sequence[Browser], data: DataFile | None = None,
           now: datetime | None = None) -> Finding:
    """The verdict from judged installs (pure)."""
    evidence: list[Evidence] = [Evidence("installed apps", (
        f"{len(inventory.apps)} entries listed from {len(inventory.listed)} of "
        f"{len(inventory.searched)} places") if inventory.listed
        else "no place that holds applications could be read")]
    for inst in installs:
        j = inst.judgement
        evidence.append(Evidence(inst.where, f"{inst.browser.name} "
                                 f"{inst.version.raw if inst.version else '(version unknown)'}"
                                 f" [{inst.how}]" + (f" -> {j.state}" if j else "")))
    details: list[Message] = [_detail(i) for i in installs]
    if data is not None and now is not None and data.age_days(now) <= 0:
        details.append(msg("Checkup's information about browser releases was gathered on "
                           "{date}.", date=data.gathered.isoformat()))
    elif data is not None and now is not None:
        days = data.age_days(now)
        details.append(msg_n(
            "Checkup's information about browser releases was gathered on {date}, {n} day ago; "
            "newer versions may have come out since.",
            "Checkup's information about browser releases was gathered on {date}, {n} days ago; "
            "newer versions may have come out since.", max(days, 0),
            date=data.gathered.isoformat()))
    data_out: dict[str, Any] = {
        "browsers": [i.to_json() for i in installs],
        "looked_for": [b.name for b in browsers if b.applies_to(family)],
    }
    if data is not None:
        data_out["data_gathered"] = data.gathered.isoformat()
        if now is not None:
            data_out["data_age_days"] = data.age_days(now)

    judged = [i for i in installs if i.judgement and i.judgement.state != bv.SYSTEM]
    bad = [i for i in judged if i.judgement and i.judgement.state in bv.BAD]
    good = [i for i in judged if i.judgement and i.judgement.state in bv.GOOD]
    unjudged = [i for i in judged if i not in bad and i not in good]

    if bad:
        names = [_label(i) for i in bad]
        return Finding(Status.FAIL, msg_n(
            "{names} is out of date and no longer receives security fixes.",
            "{names} are out of date and no longer receive security fixes.",
            len(names), names=join_list(names)), severity=Severity.MEDIUM,
            evidence=evidence, details=details, data=data_out)
    if not inventory.ok and not installs:
        return Finding(Status.UNKNOWN, msg(
            "Checkup could not list the applications on this computer, so it cannot tell which "
            "browsers are installed."), evidence=evidence,
            details=[_manual(family), *details], data=data_out)
    if not installs or not judged:
        if installs:  # only browsers updated with the system (Safari)
            return Finding(Status.PASS, msg(
                "The only browser found is updated together with the operating system."),
                evidence=evidence, details=details, data=data_out)
        looked = [b.name for b in browsers if b.applies_to(family)]
        return Finding(Status.UNKNOWN, msg(
            "Checkup did not find any of the browsers it knows ({names}), so it cannot tell "
            "whether yours still receives security fixes.", names=join_list(looked)),
            evidence=evidence, details=[_manual(family), *details], data=data_out)
    if good and data is not None and now is not None and data.is_stale(now):
        # Rapid releases move every few weeks and ESR lines end: "current" by release facts more
        # than six months old is no positive evidence that a browser still gets fixes.
        data_out["data_stale"] = True
        names = sorted({i.browser.name for i in (*good, *unjudged)})
        return Finding(Status.UNKNOWN, msg_n(
            "Checkup's information about browser releases is more than six months old, too old "
            "to tell whether {names} still receives security fixes. Open its About page to "
            "check.",
            "Checkup's information about browser releases is more than six months old, too old "
            "to tell whether {names} still receive security fixes. Open each one's About page "
            "to check.", len(names), names=join_list(names)),
            evidence=evidence, details=[*details, _manual(family)], data=data_out)
    if good and not unjudged:
        names = sorted({i.browser.name for i in good})
        return Finding(Status.PASS, msg_n(
            "The browser found, {names}, is a version that still receives security fixes.",
            "The browsers found ({names}) are versions that still receive security fixes.",
            len(names), names=join_list(names)), evidence=evidence, details=details, data=data_out)
    names = sorted({i.browser.name for i in unjudged})
    if not good and all(i.browser.id == UNKNOWN_ID for i in unjudged):
        return Finding(Status.UNKNOWN, msg_n(
            "Checkup found {names}, a browser it has no release information for, so it cannot "
            "tell whether it still receives security fixes. Open its menu, then About, to let "
            "it update.",
            "Checkup found {names}, browsers it has no release information for, so it cannot "
            "tell whether they still receive security fixes. Open each one's menu, then About, "
            "to let it update.", len(names), names=join_list(names)),
            evidence=evidence, details=[*details, _manual(family)], data=data_out)
    if good:
        return Finding(Status.ATTENTION, msg_n(
            "The browsers Checkup could check are up to date, but it could not tell for "
            "{names}: check that one yourself.",
            "The browsers Checkup could check are up to date, but it could not tell for "
            "{names}: check those yourself.", len(names), names=join_list(names)),
            evidence=evidence, details=details, data=data_out)
    return Finding(Status.UNKNOWN, msg_n(
        "Checkup found {names} but could not tell whether its version still receives "
        "security fixes.",
        "Checkup found {names} but could not tell whether their versions still receive "
        "security fixes.", len(names), names=join_list(names)),
        evidence=evidence, details=[*details, _manual(family)], data=data_out)


def load_browsers() -> tuple[DataFile, list[Browser]]:
    data = load_data(DATA_NAME, required=("id", "name", "versions", "match"))
    return data, browsers_from(data)


def browsers_check(scan: Scan) -> Finding:
    try:
        data, browsers = load_browsers()
    except DataError as exc:
        return Finding(Status.ERROR, msg(
            "Checkup's list of browsers could not be loaded, so this check could not run. "
            "Please report it."), evidence=[Evidence("resources/data/browsers.json", str(exc))])
    inventory = apps.app_inventory(scan)
    tor = tor_browser.tor_search(scan)
    installs = collect(scan.host, inventory, browsers, tor)
    judged = judge_all(installs, browsers, tor_browser.max_behind_of(data), tor)
    return decide(scan.family, inventory, judged, browsers, data, scan.now())


# A shipped data file that cannot be loaded gives an error; like a crash, no snapshot of a
# machine can show it, so it is not among the statuses below.
_STATUSES = (Status.PASS, Status.ATTENTION, Status.FAIL, Status.UNKNOWN)

spec(
    CHECK_ID, N_("Browsers"),
    description=N_("Which browsers are installed, and whether each still receives "
                   "security fixes."),
    order=36,
    slot=13,
    systems={
        "linux": On(browsers_check, *_STATUSES),
        "macos": On(browsers_check, *_STATUSES),
        "windows": On(browsers_check, *_STATUSES),
    },
    # Nothing is run. Besides the installed-apps inventory (checks/catalog/readers/apps.py) and Tor Browser's
    # folders (tor_browser.py): Debian's package database, Flatpak and snap metadata, and the
    # desktop's MIME cache.
    files=(
        *tor_browser.SEARCH_FILES,  # the Tor Browser search, with the app inventory it uses
        "/var/lib/dpkg/status", "/var/lib/flatpak/app/**", "~/.local/share/flatpak/app/**",
        "/snap/*/current/meta/snap.yaml", "/usr/lib*/firefox*/application.ini",
        "/opt/firefox/application.ini", "/Applications/**", "~/Applications/**",
        "/**/applications/mimeinfo.cache",  # in each folder of desktop entries
    ),
    demos={
        "windows10-unencrypted-telegram": "browsers/windows_outdated.json",
        "macos-filevault-signal": "browsers/macos_current.json",
        "linux-luks-pending-updates": "browsers/linux_current.json",
        "windows11-bitlocker-keepass": "browsers/windows_current.json",
        "windows11-home-remote-support": "browsers/windows_esr_ended.json",
        "macos12-no-filevault": "browsers/macos_outdated.json",
        "macos15-encrypting-screen-sharing": "browsers/macos_esr.json",
        "linux-ubuntu2004-unencrypted": "browsers/linux_outdated.json",
        "linux-kubuntu-well-kept": "browsers/linux_current.json",
    },
)
