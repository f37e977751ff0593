"""Web browsers: which are installed, and is each a release that still receives security
fixes?

A browser opens whatever the web sends it; spyware vendors sell chains of browser flaws, and
every release fixes some. Checkup reads each browser's version without running it and judges
it by what its vendor actually patches, from ``resources/data/browsers.json``
(``versions.py`` and ``release_lines.py``):
- Chrome, Chromium, Edge, Brave, Firefox: only the newest stable major; the one before it for
  seven days after a new major came out (``grace_days``: vendors hand a release out in stages
  and it applies when the browser restarts); Firefox's Extended Support Releases. A Chrome or
  Edge on the Extended Stable major is ``attention``: patched only if an administrator chose
  that channel, which nothing Checkup reads shows. A distribution's package (Debian's
  chromium, firefox-esr) is judged as upstream, never more generously than the vendor, and
  apt's simulation of an upgrade (shared with os-updates) tells whether it is the newest
  version the distribution offers: a newer one waiting is ``attention`` at best.
- Ageing data: from the data's date, today and the vendor's shortest release cadence
  (``cadence_days``: 14 for the Chromium browsers since Chrome 153, 28 for Firefox) Checkup
  projects the newest major that can be out by now. At the projection: current; one behind
  it: "may be out of date" (``attention``, never ``pass``); more: likely out of date
  (``fail``). Past the data's limit (``stale_after_days``, 180) nothing is called current:
  ``unknown``, and a sentence of the finding says the data is older than its limit; a
  browser behind the data's own current major is still a ``fail``.
- Tor Browser is never projected: it follows Firefox ESR (``tor_browser/``).

Where versions come from (nothing is run; the readers are in ``gather.py``, the version
parsers and judgements in ``versions.py``):
- Linux (the only command: apt-get -s, see above): the app inventory (``.desktop`` entries, Flatpak, Snap) says which browsers are here;
  versions come from Debian's package database (``/var/lib/dpkg/status``), Firefox's
  ``application.ini``, a snap's ``/snap/<name>/current/meta/snap.yaml`` and a Flatpak's
  AppStream metainfo (``/var/lib/flatpak/app/<id>/current/active/files/share/metainfo/``, also
  the user's ``~/.local/share/flatpak``).
- macOS: ``CFBundleShortVersionString`` from each app's ``Info.plist`` (read by the inventory).
- Windows: the uninstall entries' ``DisplayVersion`` and Microsoft Store package versions.
- Tor Browser: found and judged as in ``checks/catalog/tor_browser/``.

Verdicts: ``fail`` (medium) when any browser found is out of date; ``pass`` when every browser
found was judged and is current; ``attention`` when one may be out of date or is on an
Extended Stable major, or the ones judged are current but another's version could not be
judged; ``unknown`` when no browser could be judged, none of the known
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
from checks.catalog.browsers.release_lines import clock_of
from checks.catalog.os_updates.gather import APT_SIMULATE, APT_SIMULATE_RECORDED_BEFORE
from checks.catalog.tor_browser.gather import SEARCH_FILES as TOR_SEARCH_FILES
from checks.engine.commands import Command
from checks.engine.datafile import DataError
from checks.engine.i18n import N_
from checks.engine.model import Evidence, Finding, Status
from checks.engine.registry import On, Scan, spec

CHECK_ID = "browsers"
_SIMULATE = "-s simulates against the local package cache; never downloads, needs no lock or root"


def browsers_check(scan: Scan) -> Finding:
    try:
        data, browsers = load_browsers()
    except DataError as exc:
        return Finding(Status.ERROR, say.data_unloadable(),
                       evidence=[Evidence("resources/data/browsers.json", str(exc))])
    seen = judge_all(gather(scan, browsers), browsers, clock_of(data, scan.now()))
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
    # apt's simulation of an upgrade (shared with os-updates, run once per scan): only on
    # Linux with a browser from a Debian or Ubuntu package, to tell what the distribution offers.
    commands=(Command(*APT_SIMULATE, why=_SIMULATE), Command(*APT_SIMULATE_RECORDED_BEFORE,
                                                             why=_SIMULATE)),
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
