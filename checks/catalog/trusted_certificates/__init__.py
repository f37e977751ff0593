"""Trusted root certificates: is there a government interception certificate, or a root that
was added outside the operating system maker's own list?

A root certificate that a computer trusts can vouch for any website. Whoever holds its private
key can then read and change "secure" (HTTPS) traffic without the browser warning. Some
governments have asked citizens to install such a certificate (Kazakhstan in 2019 and 2020);
companies, antivirus and parental-control programs add roots for the same ability, usually
for less harmful reasons.

Where Checkup looks (read-only, as the ordinary user; the readers are in ``sources.py``):

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
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from checks.catalog.readers.sentences import join_list
from checks.catalog.trusted_certificates import store as certstore
from checks.catalog.trusted_certificates.sources import (
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
    AddedRoot,
    Collected,
    collect_linux,
    collect_macos,
    collect_windows,
)
from checks.catalog.trusted_certificates.store import CertInfo
from checks.engine.commands import Command, Value
from checks.engine.datafile import DataError, DataFile, load_data
from checks.engine.i18n import N_, Message, msg, msg_n
from checks.engine.model import Evidence, Finding, Severity, Status
from checks.engine.registry import On, Scan, spec

CHECK_ID = "trusted-certificates"
BLOCKLIST_DATA = "interception-roots"
WINDOWS_DATA = "windows-root-store"

VENDOR_NAMES = {"linux": N_("your Linux distribution"), "macos": N_("Apple"),
                "windows": N_("Microsoft")}


# ---------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class InterceptionRoot:
    sha256: str
    name: str
    country: str
    source: str


def blocklist_from(data: DataFile) -> dict[str, InterceptionRoot]:
    out: dict[str, InterceptionRoot] = {}
    for e in data.entries:
        fp = certstore.normalise_fingerprint(str(e["sha256"]))
        if len(fp) != 64:
            raise DataError(f"data file '{data.name}': entry {e.get('id')} has no valid sha256")
        src = e["source"]
        out[fp] = InterceptionRoot(fp, str(e["name"]), str(e.get("country", "")),
                                   src[0] if isinstance(src, list) else str(src))
    return out


def load_blocklist() -> tuple[DataFile, dict[str, InterceptionRoot]]:
    data = load_data(BLOCKLIST_DATA, required=("id", "name", "sha256", "country"))
    return data, blocklist_from(data)


def load_windows_vendor() -> set[str]:
    data = load_data(WINDOWS_DATA, required=("sha1", "name"))
    out = set()
    for e in data.entries:
        fp = certstore.normalise_fingerprint(str(e["sha1"]))
        if len(fp) != 40:
            raise DataError(f"data file '{data.name}': entry {e.get('name')} has no valid sha1")
        out.add(fp)
    return out


# ---------------------------------------------------------------------------------------
# Deciding
# ---------------------------------------------------------------------------------------

def _manual(family: str) -> Message:
    if family == "windows":
        return msg("To look yourself, press Windows+R, type certmgr.msc and open Trusted Root "
                   "Certification Authorities > Certificates; for the whole computer, "
                   "certlm.msc.")
    if family == "macos":
        return msg("To look yourself, open Keychain Access and look at the certificates in the "
                   "System and login keychains: a blue plus sign on a certificate's icon means "
                   "someone changed its trust.")
    return msg("To look yourself, list the files in /usr/local/share/ca-certificates (or "
               "/etc/pki/ca-trust/source/anchors on Fedora): your distribution does not put "
               "certificates there.")


def _added_detail(a: AddedRoot) -> Message:
    name = a.cert.label()
    if a.how == "trust_settings" and not a.cert.sha256:
        return msg("{name}: marked as trusted in the keychain's trust settings, but Checkup "
                   "could not read the certificate itself.", name=name)
    if a.added_on is not None:
        return msg("{name} (in {where}), added on {date}.", name=name, where=a.where,
                   date=a.added_on.isoformat())
    if a.cert.not_before is not None:
        return msg("{name} (in {where}), valid from {date}; when it was added is not known.",
                   name=name, where=a.where, date=a.cert.not_before.isoformat())
    return msg("{name} (in {where}); when it was added is not known.", name=name,
               where=a.where)


def _evidence_for(c: CertInfo, where: str, extra: str = "") -> Evidence:
    parts = [c.subject or c.name or "<unreadable>"]
    if c.sha256:
        parts.append(f"SHA-256 {c.sha256}")
    if c.not_before:
        parts.append(f"valid from {c.not_before.isoformat()}")
    if c.error:
        parts.append(c.error)
    if extra:
        parts.append(extra)
    return Evidence(where or c.source, "; ".join(parts))


def decide(col: Collected, blocklist: Mapping[str, InterceptionRoot],
           data: DataFile | None = None) -> Finding:
    """The verdict from what was collected (pure)."""
    family = col.family
    vendor = msg(VENDOR_NAMES.get(family, VENDOR_NAMES["linux"]))
    evidence = list(col.evidence)
    details: list[Message] = []
    unreadable = [c for c in col.seen if not c.readable and c.sha256]
    bad_count = len(col.unparsable) + len(unreadable)
    shown = list(col.unparsable)
    shown += [u for u in col.undecodable if u not in shown]
    for u in shown[:20]:
        evidence.append(Evidence(u.source, f"could not be read: {u.reason}"))
    for c in unreadable[:20]:
        evidence.append(_evidence_for(c, c.source))
    for p in col.problems:
        evidence.append(Evidence("", p))

    blocked = [(c, blocklist[c.sha256]) for c in col.seen if c.sha256 in blocklist]
    data_out: dict[str, Any] = {
        "trusted_count": col.trusted_count,
        "vendor_count": col.vendor_count,
        "trusted_read": col.trusted_read,
        "vendor_known": col.vendor_known,
        "added": [a.to_json() for a in col.added],
        "interception_roots": [{**c.to_json(), "listed_as": r.name, "country": r.country,
                                "listed_source": r.source} for c, r in blocked],
        "unreadable": bad_count,
        "undecodable": len(col.undecodable),
    }
    if data is not None:
        data_out["interception_list_gathered"] = data.gathered.isoformat()
    if bad_count:
        details.append(msg_n(
            "{n} certificate could not be read and was skipped; its fingerprint was still "
            "compared where its bytes could be decoded.",
            "{n} certificates could not be read and were skipped; their fingerprints were still "
            "compared where their bytes could be decoded.", bad_count))

    if blocked:
        for c, r in blocked:
            evidence.insert(0, _evidence_for(c, c.source, f"listed: {r.name} ({r.source})"))
        names = sorted({r.name for _, r in blocked})
        countries = sorted({r.country for _, r in blocked if r.country})
        details.insert(0, msg(
            "Whoever holds this certificate's key can read and change the pages you open over "
            "HTTPS, including passwords and messages, without your browser warning you. Remove "
            "it (see the guidance), then change the passwords you typed on this computer since "
            "it was installed, from another device."))
        return Finding(Status.FAIL, msg_n(
            "This computer trusts a root certificate that a government made to intercept "
            "encrypted web traffic ({country}): {names}.",
            "This computer trusts {n} root certificates that a government made to intercept "
            "encrypted web traffic ({country}): {names}.",
            len(blocked), country=join_list(countries), names=join_list(names)),
            severity=Severity.HIGH, evidence=evidence, details=details, data=data_out)

    if not col.trusted_read:
        return Finding(Status.UNKNOWN, msg(
            "Checkup could not read the list of certificates this computer trusts, so it "
            "cannot tell whether one was added to read your encrypted traffic."),
            evidence=evidence, details=[_manual(family), *details], data=data_out)
    if col.trusted_count == 0 and not col.added:
        # Every working system trusts some roots: an empty list means the store was read
        # but nothing in it could be, which says nothing about what was added.
        return Finding(Status.UNKNOWN, msg(
            "Checkup found no certificate it could read in the list this computer trusts, so "
            "it cannot tell whether one was added to read your encrypted traffic."),
            evidence=evidence, details=[_manual(family), *details], data=data_out)

    readable_added = [a for a in col.added if a.cert.readable]
    unreadable_added = [a for a in col.added if not a.cert.readable]
    for a in unreadable_added[:20]:
        details.append(msg("An entry that could not be read as a certificate (SHA-256 "
                           "{fingerprint}) is in {where}.", fingerprint=a.cert.sha256[:16],
                           where=a.where))
    if readable_added:
        for a in readable_added:
            if a.cert.sha256:
                evidence.append(_evidence_for(a.cert, a.where))
        for a in readable_added[:20]:
            details.append(_added_detail(a))
        details.append(msg(
            "Companies, antivirus and parental-control programs add certificates like these to "
            "inspect secure connections, and developers add their own for testing. If you do "
            "not know where one came from, ask whoever manages this computer, or remove it."))
        names = [a.cert.label() for a in readable_added]
        return Finding(Status.ATTENTION, msg_n(
            "One root certificate on this computer was added outside {vendor}'s own list: "
            "{names}. Check that you know where it came from.",
            "{n} root certificates on this computer were added outside {vendor}'s own list: "
            "{names}. Check that you know where each came from.",
            len(names), vendor=vendor, names=join_list(names[:5])),
            evidence=evidence, details=details, data=data_out)
    if unreadable_added:
        return Finding(Status.ATTENTION, msg_n(
            "One entry in the list of certificates this computer trusts could not be read, and "
            "it is not one of {vendor}'s own: it may be damaged, or added by a program.",
            "{n} entries in the list of certificates this computer trusts could not be read, "
            "and they are not {vendor}'s own: they may be damaged, or added by a program.",
            len(unreadable_added), vendor=vendor),
            evidence=evidence, details=[*details, _manual(family)], data=data_out)

    if col.undecodable:
        # Entries with no fingerprint: whether they are the vendor's cannot be told, so the
        # rest, however clean, does not show that nothing was added.
        return Finding(Status.UNKNOWN, msg_n(
            "One entry in the list of certificates this computer trusts could not be read at "
            "all, so Checkup cannot tell whether it is one of {vendor}'s own or was added to "
            "read your encrypted traffic.",
            "{n} entries in the list of certificates this computer trusts could not be read at "
            "all, so Checkup cannot tell whether they are {vendor}'s own or were added to read "
            "your encrypted traffic.", len(col.undecodable), vendor=vendor),
            evidence=evidence, details=[_manual(family), *details],
            data={**data_out, "reason": "undecodable"})
    if not col.vendor_known:
        return Finding(Status.UNKNOWN, msg_n(
            "The only trusted root certificate is not a known interception certificate, but "
            "Checkup could not read {vendor}'s own list to tell whether it was added.",
            "None of the {n} trusted root certificates is a known interception certificate, but "
            "Checkup could not read {vendor}'s own list to tell whether any was added.",
            col.trusted_count, vendor=vendor),
            evidence=evidence, details=[_manual(family), *details], data=data_out)

    details.append(msg(
        "Firefox can keep certificates of its own, inside its profile, which Checkup does not "
        "open; the guidance shows where to look."))
    return Finding(Status.PASS, msg_n(
        "The {n} root certificate this computer trusts comes from {vendor}, and none is a known "
        "interception certificate.",
        "All {n} root certificates this computer trusts come from {vendor}, and none is a known "
        "interception certificate.", col.trusted_count, vendor=vendor),
        evidence=evidence, details=details, data=data_out)


def _data_failed(exc: DataError) -> Finding:
    return Finding(Status.ERROR, msg(
        "Checkup's list of interception certificates could not be loaded, so this check "
        "could not run. Please report it."), evidence=[Evidence("resources/data", str(exc))])


def trusted_certificates_linux(scan: Scan) -> Finding:
    try:
        data, blocklist = load_blocklist()
    except DataError as exc:
        return _data_failed(exc)
    return decide(collect_linux(scan.host), blocklist, data)


def trusted_certificates_macos(scan: Scan) -> Finding:
    try:
        data, blocklist = load_blocklist()
    except DataError as exc:
        return _data_failed(exc)
    return decide(collect_macos(scan), blocklist, data)


def trusted_certificates_windows(scan: Scan) -> Finding:
    try:
        data, blocklist = load_blocklist()
        windows_vendor = load_windows_vendor()
    except DataError as exc:
        return _data_failed(exc)
    return decide(collect_windows(scan, windows_vendor), blocklist, data)


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
