"""Trusted root certificates: is there a government interception certificate, or a root that
was added outside the operating system maker's own list?

A root certificate that a computer trusts can vouch for any website. Whoever holds its private
key can then read and change "secure" (HTTPS) traffic without the browser warning. Some
governments have asked citizens to install such a certificate (Kazakhstan in 2019 and 2020);
companies, antivirus and parental-control programs add roots for the same ability, usually
for less harmful reasons.

Where Checkup looks (read-only, as the ordinary user; the readers are in ``gather.py``, the parsers in ``store.py``):

- Linux: the system bundle every TLS library reads (``/etc/ssl/certs/ca-certificates.crt`` on
  Debian/Ubuntu, ``/etc/pki/tls/certs/ca-bundle.crt`` on Fedora, ...), the local anchor
  folders an administrator fills (``/usr/local/share/ca-certificates``,
  ``/etc/pki/ca-trust/source/anchors``, ``/etc/ca-certificates/trust-source/anchors``,
  ``/etc/pki/trust/anchors``), and the distribution's own CA package to tell the two apart
  (``/usr/share/ca-certificates/mozilla/`` with ``/etc/ca-certificates.conf`` on Debian,
  the p11-kit bundle on Fedora and Arch).
- macOS: Apple's roots (``security find-certificate -a -p
  /System/Library/Keychains/SystemRootCertificates.keychain``), the certificates in the System
  and login keychains, and which of them carry trust settings (``security
  dump-trust-settings -d`` for the admin domain and without ``-d`` for the user; both run
  without privileges) with the date trust was set from ``/Library/Security/Trust
  Settings/Admin.plist`` when readable.
- Windows: the machine and user root stores and the thumbprints of the Third-Party Root
  Certification Authorities store (``LocalMachine\\AuthRoot``, where Windows puts the roots
  it fetches from Microsoft's Trusted Root Program on demand), through the scan's single
  PowerShell process. Roots in AuthRoot or in Checkup's list of roots Microsoft ships
  (``resources/data/windows-root-store.json``) are the vendor's and never flagged.

Verdicts: ``fail`` (high) when any certificate seen is in ``resources/data/
interception-roots.json`` (matched by SHA-256); ``attention`` when a root was added outside
the vendor's list (named, with when it was added where known); ``unknown`` when the trusted
set or the vendor's list cannot be read, or when an entry of the trusted set cannot be
decoded at all (no bytes, so no fingerprint to tell whether it is the vendor's); ``pass``
otherwise. Certificates that cannot be decoded are counted and reported, never fatal; one
whose bytes decode is still matched by fingerprint.

Browsers with their own certificate store (Firefox keeps one in its profile) are not looked
at: Checkup never opens browser profiles. The guidance says how to look there.
"""

from __future__ import annotations

import re

from checks.catalog.trusted_certificates import messages as say
from checks.catalog.trusted_certificates.decide import decide
from checks.catalog.trusted_certificates.facts import load_blocklist, load_windows_vendor
from checks.catalog.trusted_certificates.gather import (
    DEBIAN_CONF,
    DEBIAN_SHARE,
    FACT_AUTHROOT,
    FACT_MACHINE,
    FACT_USER,
    LINUX_ANCHOR_DIRS,
    LINUX_BUNDLES,
    MAC_ADMIN_TRUST,
    MAC_SYSTEM_KEYCHAIN,
    MAC_SYSTEM_ROOTS,
    P11KIT_VENDOR_FILES,
    collect_linux,
    collect_macos,
    collect_windows,
)
from checks.engine.commands import Command, Value
from checks.engine.datafile import DataError
from checks.engine.i18n import N_
from checks.engine.model import Evidence, Finding, Status
from checks.engine.registry import On, Scan, spec

CHECK_ID = "trusted-certificates"


def _data_failed(exc: DataError) -> Finding:
    return Finding(Status.ERROR, say.data_unloadable(),
                   evidence=[Evidence("resources/data", str(exc))])


def trusted_certificates_linux(scan: Scan) -> Finding:
    try:
        data, blocklist = load_blocklist()
    except DataError as exc:
        return _data_failed(exc)
    return decide(collect_linux(scan.host), blocklist, data, scan.now())


def trusted_certificates_macos(scan: Scan) -> Finding:
    try:
        data, blocklist = load_blocklist()
    except DataError as exc:
        return _data_failed(exc)
    return decide(collect_macos(scan), blocklist, data, scan.now())


def trusted_certificates_windows(scan: Scan) -> Finding:
    try:
        data, blocklist = load_blocklist()
        windows_vendor = load_windows_vendor()
    except DataError as exc:
        return _data_failed(exc)
    return decide(collect_windows(scan, windows_vendor), blocklist, data, scan.now())


# The keychains collect_macos reads: Apple's roots, the System keychain, the user's login
# keychain (under the home folder, whatever its name).
_KEYCHAIN = (re.escape(MAC_SYSTEM_ROOTS) + "|" + re.escape(MAC_SYSTEM_KEYCHAIN)
             + r"|/(?:[^/\0]+/)+Library/Keychains/login\.keychain-db")
# A shipped data file that cannot be loaded gives an error; like a crash, no snapshot of a
# machine can show it, so it is not among the statuses below.
_STATUSES = (Status.PASS, Status.ATTENTION, Status.FAIL, Status.UNKNOWN)

spec(
    CHECK_ID, N_("Trusted certificates"),
    description=N_("Whether a certificate was added that would let someone read your "
                   "encrypted web traffic."),
    order=34,
    slot=12,
    systems={
        "linux": On(trusted_certificates_linux, *_STATUSES),
        "macos": On(trusted_certificates_macos, *_STATUSES),
        "windows": On(trusted_certificates_windows, *_STATUSES),
    },
    commands=(
        Command("security", "find-certificate", "-a", "-p", Value("keychain", _KEYCHAIN),
                why="prints the certificates of a local keychain (never verify-cert, which "
                    "may fetch revocation data)"),
        Command("security", "dump-trust-settings", "-d",
                why="prints the admin domain's local trust settings; runs without root"),
        Command("security", "dump-trust-settings",
                why="prints the user's own local trust settings"),
    ),
    files=(
        *LINUX_BUNDLES, *(f"{d}/**" for d in LINUX_ANCHOR_DIRS), f"{DEBIAN_SHARE}/**",
        DEBIAN_CONF, *P11KIT_VENDOR_FILES, MAC_ADMIN_TRUST,
    ),
    ps_facts=(FACT_MACHINE, FACT_USER, FACT_AUTHROOT),
    demos={
        "windows10-unencrypted-telegram": "trusted_certificates/windows_all_in_authroot.json",
        "macos-filevault-signal": "trusted_certificates/macos_clean.json",
        "linux-luks-pending-updates": "trusted_certificates/linux_clean.json",
        "windows11-bitlocker-keepass": "trusted_certificates/windows_all_in_authroot.json",
        "windows11-home-remote-support": "trusted_certificates/windows_user_added.json",
        "macos12-no-filevault": "trusted_certificates/macos_user_added.json",
        "macos15-encrypting-screen-sharing": "trusted_certificates/macos_clean.json",
        "linux-ubuntu2004-unencrypted": "trusted_certificates/linux_user_added.json",
        "linux-kubuntu-well-kept": "trusted_certificates/linux_clean.json",
    },
)
