"""Trusted root certificates: is there a government interception certificate, or a root that
was added outside the operating system maker's own list?

A root certificate that a computer trusts can vouch for any website. Whoever holds its private
key can then read and change "secure" (HTTPS) traffic without the browser warning. Some
governments have asked citizens to install such a certificate (Kazakhstan in 2019 and 2020);
companies, antivirus and parental-control programs add roots for the same ability, usually
for less harmful reasons.

Where Checkup looks (read-only, as the ordinary user):

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
set or the vendor's list cannot be read; ``pass`` otherwise. Certificates that cannot be
decoded are counted and reported, never fatal; one whose bytes decode is still matched by
fingerprint.

Browsers with their own certificate store (Firefox keeps one in its profile) are not looked
at: Checkup never opens browser profiles. The guidance says how to look there.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from checks.catalog import certstore
from checks.catalog._sysread import join_list
from checks.catalog.certstore import CertInfo, ParseResult, TrustEntry, Unparsable
from checks.datafile import DataError, DataFile, load_data
from checks.host import Host
from checks.i18n import N_, Message, msg, msg_n
from checks.model import Evidence, Finding, Severity, Status
from checks.registry import Scan, check
from checks.winfacts import ps_fact

CHECK_ID = "trusted-certificates"
BLOCKLIST_DATA = "interception-roots"
WINDOWS_DATA = "windows-root-store"

# -- where things are -----------------------------------------------------------------------

LINUX_BUNDLES = (
    "/etc/ssl/certs/ca-certificates.crt",  # Debian, Ubuntu, Mint, Tails, Alpine
    "/etc/pki/tls/certs/ca-bundle.crt",  # Fedora, RHEL (p11-kit extract)
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",  # Fedora, RHEL
    "/etc/ca-certificates/extracted/tls-ca-bundle.pem",  # Arch
    "/etc/ssl/ca-bundle.pem",  # openSUSE
    "/etc/ssl/cert.pem",
)
LINUX_ANCHOR_DIRS = (
    "/usr/local/share/ca-certificates",  # Debian family (update-ca-certificates)
    "/etc/pki/ca-trust/source/anchors",  # Fedora, RHEL (update-ca-trust)
    "/etc/ca-certificates/trust-source/anchors",  # Arch (trust anchor / update-ca-trust)
    "/etc/pki/trust/anchors",  # openSUSE (update-ca-certificates)
)
DEBIAN_SHARE = "/usr/share/ca-certificates"
DEBIAN_VENDOR_DIR = "/usr/share/ca-certificates/mozilla"
DEBIAN_CONF = "/etc/ca-certificates.conf"
P11KIT_VENDOR_FILES = (
    "/usr/share/pki/ca-trust-source/ca-bundle.trust.p11-kit",  # Fedora, RHEL
    "/usr/share/ca-certificates/trust-source/mozilla.trust.p11-kit",  # Arch
)
CERT_SUFFIXES = (".crt", ".pem", ".cer", ".der", ".p11-kit")
MAX_ANCHOR_FILES = 200

MAC_SYSTEM_ROOTS = "/System/Library/Keychains/SystemRootCertificates.keychain"
MAC_SYSTEM_KEYCHAIN = "/Library/Keychains/System.keychain"
MAC_ADMIN_TRUST = "/Library/Security/Trust Settings/Admin.plist"

WIN_MACHINE = "LocalMachine\\Root"
WIN_USER = "CurrentUser\\Root"
WIN_AUTHROOT = "LocalMachine\\AuthRoot"

FACT_MACHINE = ps_fact(
    "cert_root_machine",
    r"@(Get-ChildItem -Path 'Cert:\LocalMachine\Root' | "
    r"ForEach-Object { [Convert]::ToBase64String($_.RawData) })")
FACT_USER = ps_fact(
    "cert_root_user",
    r"@(Get-ChildItem -Path 'Cert:\CurrentUser\Root' | "
    r"ForEach-Object { [Convert]::ToBase64String($_.RawData) })")
FACT_AUTHROOT = ps_fact(
    "cert_authroot_thumbprints",
    r"@(Get-ChildItem -Path 'Cert:\LocalMachine\AuthRoot' | ForEach-Object { $_.Thumbprint })")

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
# What was read
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AddedRoot:
    cert: CertInfo
    where: str  # a path, a keychain or a Windows store
    added_on: date | None = None  # file modified / trust set, where known
    how: str = ""  # "file" | "trust_settings" | "conf" | "" (only in the bundle)

    def to_json(self) -> dict[str, Any]:
        return {**self.cert.to_json(), "where": self.where,
                "added_on": self.added_on.isoformat() if self.added_on else None,
                "how": self.how}


@dataclass
class Collected:
    """Everything one OS's reader found, before any verdict."""

    family: str
    trusted_read: bool = False  # the set of trusted roots could be read
    vendor_known: bool = False  # the vendor's own list could be read
    trusted_count: int = 0
    vendor_count: int = 0
    seen: list[CertInfo] = field(default_factory=list)  # every certificate looked at
    added: list[AddedRoot] = field(default_factory=list)
    unparsable: list[Unparsable] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # untranslated reasons, for evidence
    notes: list[Message] = field(default_factory=list)  # translated caveats


def _unreadable(result: ParseResult) -> list[CertInfo]:
    return [c for c in result.certs if not c.readable]


def _count_text(result: ParseResult) -> str:
    bad = len(result.unparsable) + len(_unreadable(result))
    n = len(result.certs) - len(_unreadable(result))
    text = f"{n} certificate" + ("" if n == 1 else "s")
    return text + (f" ({bad} could not be read)" if bad else "")


def _dedupe(certs: Iterable[CertInfo]) -> list[CertInfo]:
    seen: dict[str, CertInfo] = {}
    for c in certs:
        seen.setdefault(c.sha256, c)
    return list(seen.values())


def _mtime_date(host: Host, path: str) -> date | None:
    st = host.stat(path)
    if st is None or st.mtime <= 0:
        return None
    try:
        return datetime.fromtimestamp(st.mtime, timezone.utc).date()
    except (OverflowError, OSError, ValueError):
        return None


# -- Linux -----------------------------------------------------------------------------------

def _cert_files(host: Host, folder: str, depth: int = 1) -> list[str]:
    names = host.list_dir(folder)
    if names is None:
        return []
    out: list[str] = []
    for name in names:
        if name.startswith("."):
            continue
        path = posixpath.join(folder, name)
        if name.lower().endswith(CERT_SUFFIXES):
            out.append(path)
        elif depth > 0 and "." not in name:
            out.extend(_cert_files(host, path, depth - 1))
        if len(out) >= MAX_ANCHOR_FILES:
            break
    return out


def collect_linux(host: Host) -> Collected:
    col = Collected("linux")
    bundle_path = ""
    bundle = ParseResult()
    for path in LINUX_BUNDLES:
        data = host.read_bytes(path)
        if data is None:
            continue
        bundle_path, bundle = path, certstore.parse_pem_bundle(data, path)
        break
    if bundle_path:
        col.evidence.append(Evidence(bundle_path, _count_text(bundle)))
        col.trusted_read = bool(bundle.certs)
        if not bundle.certs:
            col.problems.append(f"{bundle_path}: no certificate could be read")
    else:
        col.problems.append("no system certificate bundle found (" + ", ".join(LINUX_BUNDLES)
                            + ")")
    col.unparsable.extend(bundle.unparsable)

    # The distribution's own list.
    vendor = ParseResult()
    vendor_where: list[str] = []
    for name in host.list_dir(DEBIAN_VENDOR_DIR) or []:
        if name.endswith(".crt"):
            vendor.extend(certstore.parse_cert_file(
                host.read_bytes(posixpath.join(DEBIAN_VENDOR_DIR, name)),
                posixpath.join(DEBIAN_VENDOR_DIR, name)))
    if vendor.certs:
        vendor_where.append(DEBIAN_VENDOR_DIR)
    for path in P11KIT_VENDOR_FILES:
        part = certstore.parse_cert_file(host.read_bytes(path), path)
        if part.certs:
            vendor.extend(part)
            vendor_where.append(path)
    vendor_fps = {c.sha256 for c in vendor.certs}
    col.vendor_known = bool(vendor_fps)
    col.vendor_count = len(vendor_fps)
    if vendor_where:
        col.evidence.append(Evidence(", ".join(vendor_where),
                                     f"{len(vendor_fps)} certificates from the distribution's "
                                     "CA package"))
    else:
        col.problems.append("the distribution's CA package list was not found ("
                            + ", ".join((DEBIAN_VENDOR_DIR, *P11KIT_VENDOR_FILES)) + ")")

    # Debian: other folders of /usr/share/ca-certificates selected in ca-certificates.conf
    # (certificates other packages or the administrator added to the list).
    origin: dict[str, tuple[str, str, date | None]] = {}
    conf = host.read_text(DEBIAN_CONF)
    if conf is not None:
        selected, _ = certstore.parse_ca_certificates_conf(conf)
        others = [s for s in selected if not s.startswith("mozilla/")][:MAX_ANCHOR_FILES]
        for rel in others:
            path = posixpath.join(DEBIAN_SHARE, rel)
            for c in certstore.parse_cert_file(host.read_bytes(path), path).certs:
                origin.setdefault(c.sha256, (path, "conf", _mtime_date(host, path)))
        if others:
            col.evidence.append(Evidence(DEBIAN_CONF, f"{len(others)} selected certificates "
                                         "outside mozilla/: " + ", ".join(others[:10])))

    # Local anchor folders.
    anchors = ParseResult()
    listed: list[str] = []
    for folder in LINUX_ANCHOR_DIRS:
        files = _cert_files(host, folder)
        if host.list_dir(folder) is not None:
            listed.append(f"{folder} ({len(files)} files)")
        for path in files:
            part = certstore.parse_cert_file(host.read_bytes(path), path)
            anchors.extend(part)
            for c in part.certs:
                origin[c.sha256] = (path, "file", _mtime_date(host, path))
    if listed:
        col.evidence.append(Evidence("local certificate folders", "; ".join(listed)))
    col.unparsable.extend(anchors.unparsable)

    trusted = _dedupe([*bundle.certs, *anchors.certs])
    col.trusted_count = len(trusted)
    col.seen = _dedupe([*trusted, *vendor.certs])
    if col.vendor_known:
        for c in trusted:
            if c.sha256 in vendor_fps:
                continue
            where, how, when = origin.get(c.sha256, (bundle_path, "", None))
            col.added.append(AddedRoot(c, where, when, how))
    return col


# -- macOS -----------------------------------------------------------------------------------

def _mac_find(scan: Scan, keychain: str) -> tuple[ParseResult, str | None]:
    res = scan.run(["security", "find-certificate", "-a", "-p", keychain])
    if not res.ok:
        return ParseResult(), res.describe()
    return certstore.parse_pem_bundle(res.stdout, keychain), None


def collect_macos(scan: Scan) -> Collected:
    host = scan.host
    col = Collected("macos")
    system, err = _mac_find(scan, MAC_SYSTEM_ROOTS)
    if err:
        col.problems.append(err)
    else:
        col.evidence.append(Evidence(f"security find-certificate -a -p {MAC_SYSTEM_ROOTS}",
                                     _count_text(system)))
    vendor_fps = {c.sha256 for c in system.certs}
    col.vendor_known = bool(vendor_fps)
    col.vendor_count = len(vendor_fps)
    col.unparsable.extend(system.unparsable)

    home = host.platform.home or host.platform.env.get("HOME", "")
    keychains = [MAC_SYSTEM_KEYCHAIN]
    if home:
        keychains.append(posixpath.join(home, "Library", "Keychains", "login.keychain-db"))
    local: list[tuple[CertInfo, str]] = []
    for kc in keychains:
        part, kerr = _mac_find(scan, kc)
        if kerr:
            col.evidence.append(Evidence(kc, kerr))
            continue
        col.evidence.append(Evidence(f"security find-certificate -a -p {kc}", _count_text(part)))
        col.unparsable.extend(part.unparsable)
        local.extend((c, kc) for c in part.certs)

    entries: list[TrustEntry] = []
    domains_ok = True
    for argv, label in ((["security", "dump-trust-settings", "-d"], "admin"),
                        (["security", "dump-trust-settings"], "user")):
        res = scan.run(argv)
        parsed = certstore.parse_trust_settings_dump(res.stdout, res.stderr) if res.ran else None
        if parsed is None:
            domains_ok = False
            col.problems.append(f"{' '.join(argv)}: " + (res.describe() if not res.ran else
                                                          "output not understood"))
            continue
        col.evidence.append(Evidence(" ".join(argv), f"{len(parsed)} certificates with {label} "
                                     "trust settings" + (": " + ", ".join(
                                         e.label for e in parsed[:10]) if parsed else "")))
        entries.extend(parsed)
    admin_dates = certstore.parse_admin_trust_plist(host.read_bytes(MAC_ADMIN_TRUST)) or {}
    trusted_labels = {e.label for e in entries if e.trusted}

    col.trusted_read = bool(vendor_fps) and domains_ok
    # Labels already accounted for: Apple's own roots, and keychain certificates matched below.
    matched_labels: set[str] = {c.name for c in system.certs if c.readable}
    added: dict[str, AddedRoot] = {}
    for c, kc in local:
        if c.sha256 in vendor_fps:
            continue
        # A certificate in a keychain is a trusted root only with trust settings for it.
        if not (c.sha1 in admin_dates or (c.readable and c.name in trusted_labels)):
            continue
        matched_labels.add(c.name)
        added.setdefault(c.sha256, AddedRoot(c, kc, admin_dates.get(c.sha1),
                                             "trust_settings" if c.sha1 in admin_dates else ""))
    for e in entries:
        if e.trusted and e.label not in matched_labels:
            # Trust settings for a certificate Checkup could not find in these keychains.
            ghost = CertInfo("", "", "", e.label, "", False, None, None, None, "trust settings")
            added.setdefault("label:" + e.label, AddedRoot(ghost, "trust settings", None,
                                                           "trust_settings"))
    col.added = list(added.values())
    col.seen = _dedupe([*system.certs, *(c for c, _ in local)])
    col.trusted_count = len(vendor_fps) + len(col.added)
    return col


# -- Windows ---------------------------------------------------------------------------------

def collect_windows(scan: Scan, vendor_thumbprints: set[str]) -> Collected:
    col = Collected("windows")
    results: dict[str, ParseResult] = {}
    machine_values: set[str] = set()
    for fact_name, store in ((FACT_MACHINE, WIN_MACHINE), (FACT_USER, WIN_USER)):
        fact = scan.fact(fact_name)
        values = certstore.fact_list(fact.value) if fact.ok else None
        if values is None:
            col.problems.append(f"Cert:\\{store}: " + (fact.error or "unexpected value"))
            continue
        if store == WIN_MACHINE:
            machine_values = {v for v in values if isinstance(v, str)}
            results[store] = certstore.parse_base64_list(values, store)
            col.evidence.append(Evidence(f"Cert:\\{store}", _count_text(results[store])))
        else:
            # The user's view includes the machine's roots; keep the user's own.
            own = [v for v in values if not (isinstance(v, str) and v in machine_values)]
            results[store] = certstore.parse_base64_list(own, store)
            col.evidence.append(Evidence(f"Cert:\\{store}", _count_text(results[store])
                                         + " besides the machine's"))
        col.unparsable.extend(results[store].unparsable)
    auth = scan.fact(FACT_AUTHROOT)
    auth_values = certstore.fact_list(auth.value) if auth.ok else None
    authroot: set[str] = set()
    if auth_values is None:
        col.problems.append(f"Cert:\\{WIN_AUTHROOT}: " + (auth.error or "unexpected value"))
    else:
        authroot = {certstore.normalise_fingerprint(str(v)) for v in auth_values
                    if isinstance(v, str)}
        col.evidence.append(Evidence(f"Cert:\\{WIN_AUTHROOT}", f"{len(authroot)} thumbprints"))

    machine = results.get(WIN_MACHINE)
    user = results.get(WIN_USER)
    col.trusted_read = machine is not None and user is not None
    col.vendor_known = auth_values is not None
    vendor = authroot | vendor_thumbprints
    col.vendor_count = len(vendor)
    machine_fps = {c.sha256 for c in machine.certs} if machine else set()
    trusted = _dedupe([*(machine.certs if machine else []), *(user.certs if user else [])])
    col.trusted_count = len(trusted)
    col.seen = trusted
    if col.vendor_known:
        for c in trusted:
            if c.sha1 in vendor:
                continue
            where = WIN_MACHINE if c.sha256 in machine_fps else WIN_USER
            col.added.append(AddedRoot(c, where))
    return col


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
    for u in col.unparsable[:20]:
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


@check(CHECK_ID, N_("Trusted certificates"), platforms={"linux", "macos", "windows"}, order=34,
       ps_facts=(FACT_MACHINE, FACT_USER, FACT_AUTHROOT),
       description=N_("Whether a certificate was added that would let someone read your "
                      "encrypted web traffic."))
def trusted_certificates(scan: Scan) -> Finding:
    try:
        data, blocklist = load_blocklist()
        windows_vendor = load_windows_vendor() if scan.family == "windows" else set()
    except DataError as exc:
        return Finding(Status.ERROR, msg(
            "Checkup's list of interception certificates could not be loaded, so this check "
            "could not run. Please report it."), evidence=[Evidence("resources/data", str(exc))])
    if scan.family == "windows":
        col = collect_windows(scan, windows_vendor)
    elif scan.family == "macos":
        col = collect_macos(scan)
    else:
        col = collect_linux(scan.host)
    return decide(col, blocklist, data)

