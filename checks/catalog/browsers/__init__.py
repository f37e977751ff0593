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

Where versions come from (nothing is run; the readers are in ``gather.py``, the version
parsers and judgements in ``versions.py``):
- Linux: the app inventory (``.desktop`` entries, Flatpak, Snap) says which browsers are here;
  versions come from Debian's package database (``/var/lib/dpkg/status``), Firefox's
  ``application.ini``, a snap's ``/snap/<name>/current/meta/snap.yaml`` and a Flatpak's
  AppStream metainfo (``/var/lib/flatpak/app/<id>/current/active/files/share/metainfo/``, also
  the user's ``~/.local/share/flatpak``).
- macOS: ``CFBundleShortVersionString`` from each app's ``Info.plist`` (read by the inventory).
- Windows: the uninstall entries' ``DisplayVersion`` and Microsoft Store package versions.
- Tor Browser: found and judged as in ``checks/catalog/tor_browser/``.

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

from checks.catalog.browsers import messages as say
from checks.catalog.browsers.decide import decide, judge_all
from checks.catalog.browsers.facts import load_browsers
from checks.catalog.browsers.gather import gather
from checks.catalog.tor_browser.facts import max_behind_of
from checks.catalog.tor_browser.gather import SEARCH_FILES as TOR_SEARCH_FILES
from checks.engine.datafile import DataError
from checks.engine.i18n import N_
from checks.engine.model import Evidence, Finding, Status
from checks.engine.registry import On, Scan, spec

CHECK_ID = "browsers"


def browsers_check(scan: Scan) -> Finding:
    try:
        data, browsers = load_browsers()
    except DataError as exc:
        return Finding(Status.ERROR, say.data_unloadable(),
                       evidence=[Evidence("resources/data/browsers.json", str(exc))])
    seen = judge_all(gather(scan, browsers), browsers, max_behind_of(data))
    return decide(seen, browsers, data, scan.now())


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
    # folders (tor_browser/gather.py): Debian's package database, Flatpak and snap metadata, and the
    # desktop's MIME cache.
    files=(
        *TOR_SEARCH_FILES,  # the Tor Browser search, with the app inventory it uses
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
