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

Modules: ``gather.py`` searches (``identity.py`` reads whose browser an application.ini
names), ``decide.py`` judges, ``messages.py`` words it. The browsers check shares the search
(``gather.tor_search``, ``gather.SEARCH_FILES``).
"""

from __future__ import annotations

from checks.catalog.tor_browser import messages as say
from checks.catalog.tor_browser.decide import decide
from checks.catalog.tor_browser.facts import load_browser_data
from checks.catalog.tor_browser.gather import SEARCH_FILES, tor_search
from checks.engine.datafile import DataError
from checks.engine.i18n import N_
from checks.engine.model import Evidence, Finding, Status
from checks.engine.registry import On, Scan, spec

CHECK_ID = "tor-browser"


def tor_browser(scan: Scan) -> Finding:
    try:
        data = load_browser_data()
    except DataError as exc:
        return Finding(Status.ERROR, say.data_unloadable(),
                       evidence=[Evidence("resources/data/browsers.json", str(exc))])
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
