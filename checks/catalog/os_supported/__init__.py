"""Does this operating system version still receive security updates?

Facts come from ``resources/data/os-support.json`` (schema "os-support", loaded through
checks.engine.datafile): per OS and version the day standard security support ends, and any
extended programme after it (how a machine gets it, until when, how much it covers). The
OS itself is identified by checks.engine.osinfo. Nothing here contacts a server: Ubuntu Pro is
read from its local status file (never ``pro status``), Windows ESU from the registry and
the local licence store.

Verdicts:
- more than 60 days of standard support left: pass (saying how old our information is
  when the data file is older than its limit);
- 60 days or fewer: fail, medium ("ends on ...");
- past the end: fail, high, with what to do and the extended programmes from the data
  file - unless this machine shows from local files that it is covered by one: then
  attention (the programme, until when, how much it covers), or fail medium when the
  programme covers only part of the system (Debian LTS) or itself ends within 60 days;
- Windows below build 10240 (7, 8, 8.1): fail, high - every programme of fixes for them
  has ended. Windows Server is told from a client by the registry's ``InstallationType``
  and ``EditionID`` (checks.engine.osinfo.is_windows_server), never by the build number:
  Server and client releases share builds (Server 2025 and Windows 11 24H2 are both 26100).
  Server 2012 to 2025 have dated entries (extended-support ends).
- the machine's own dates: Debian and Ubuntu ship ``/usr/share/distro-info/debian.csv`` and
  ``ubuntu.csv`` (distro-info-data), Fedora states ``SUPPORT_END`` in os-release; they are
  read through the Host (``local_ends.py``) and when they disagree with the data the
  earlier end date decides, the evidence shows each and a sentence says so
  (``earliest.py``); the same for the extended programmes distro-info-data dates (Ubuntu
  Pro: eol-esm, Debian LTS: eol-lts, ELTS: eol-elts). A later date on the machine never
  extends support;
- ageing data: an end date earlier than the data's own date had already happened, and is
  certain; a later one is only as good as the vendor's announcement then. Past the data's
  limit (``stale_after_days`` in the file, 180) the evidence says an end date was "as
  announced by" the data's date, and a sentence of the finding says the data is older than
  its limit;
- macOS: Apple publishes no dates, so the newest major version in the data passes, the two
  before it are attention, older ones fail (marked as our inference);
- Tails: supports only its newest release. Older than the newest one the data knows
  (``newest``): fail, high, except within 14 days of that release (``grace_days``: Tails
  offers the upgrade the next time it starts connected to Tor). Otherwise by the build date
  in /etc/amnesia/version (Tails releases about every six weeks): built within 42 days,
  pass; older, fail - but a Tails newer than the data never fails: "look at this";
- rolling releases (Arch, Tumbleweed, ...): not applicable - judged by os-updates alone;
- an OS or version not in the data: unknown, naming what was found.

Modules: ``gather.py`` reads the machine (``coverage.py`` parses the programmes' local
evidence, ``local_ends.py`` the end dates the machine states), ``data.py`` the support data,
``decide.py`` judges (``earliest.py``: the earlier of the data's and the machine's dates),
``messages.py`` words it.
"""

from __future__ import annotations

from checks.catalog.os_supported.data import load_support
from checks.catalog.os_supported.decide import data_unreadable, decide_dated, decide_macos
from checks.catalog.os_supported.gather import (
    COVERAGE_FILES,
    ESU_LICENCE_FACT,
    LOCAL_END_FILES,
    gather_dated,
    gather_macos,
    gather_os,
)
from checks.engine.datafile import DataError
from checks.engine.i18n import N_
from checks.engine.model import Finding, Status
from checks.engine.osinfo import OS_RELEASE_PATHS, SYSTEM_VERSION_PLIST, TAILS_VERSION_FILE
from checks.engine.registry import On, Scan, spec

CHECK_ID = "os-supported"


def check_dated(scan: Scan) -> Finding:
    """Linux and Windows: versions with dated support ends."""
    try:
        df, entries = load_support()
    except DataError as exc:
        return data_unreadable(gather_os(scan), exc)
    return decide_dated(gather_dated(scan, entries), df, entries)


def check_macos(scan: Scan) -> Finding:
    try:
        df, entries = load_support()
    except DataError as exc:
        return data_unreadable(gather_os(scan), exc)
    return decide_macos(gather_macos(scan), df, entries)


spec(
    CHECK_ID, N_("Operating system still supported"),
    description=N_("Whether this version of the operating system still receives security "
                   "updates from its maker."),
    order=20,
    slot=1,
    systems={
        "linux": On(check_dated, Status.PASS, Status.ATTENTION, Status.FAIL, Status.UNKNOWN,
                    Status.NOT_APPLICABLE),
        "macos": On(check_macos, Status.PASS, Status.ATTENTION, Status.FAIL, Status.UNKNOWN),
        "windows": On(check_dated, Status.PASS, Status.ATTENTION, Status.FAIL, Status.UNKNOWN),
    },
    files=(*OS_RELEASE_PATHS, TAILS_VERSION_FILE, SYSTEM_VERSION_PLIST, *COVERAGE_FILES,
           *LOCAL_END_FILES),
    ps_facts=(ESU_LICENCE_FACT,),
    demos={
        "windows10-unencrypted-telegram": "os_supported/windows-10-22h2-home.json",
        "macos-filevault-signal": "os_supported/macos-27.json",
        "linux-luks-pending-updates": "os_supported/ubuntu-2404.json",
        "windows11-bitlocker-keepass": "os_supported/windows-11-24h2-enterprise.json",
        "windows11-home-remote-support": "os_supported/windows-11-24h2-home.json",
        "macos12-no-filevault": "os_supported/macos-12.json",
        "macos15-encrypting-screen-sharing": "os_supported/macos-15.json",
        "linux-ubuntu2004-unencrypted": "os_supported/ubuntu-2004-no-pro.json",
        "linux-kubuntu-well-kept": "os_supported/ubuntu-2404.json",
    },
)
