"""Reading which root certificates each operating system trusts, and which its maker ships,
for the topic's ``__init__`` (which says where it looks and decides). The per-OS readers
return a ``Collected`` before any verdict; no user-visible text lives here. Parsing is in
``store.py``.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from checks.catalog.readers import apps
from checks.catalog.trusted_certificates import store as certstore
from checks.catalog.trusted_certificates.store import CertInfo, ParseResult, TrustEntry, Unparsable
from checks.engine.host import Host
from checks.engine.model import Evidence
from checks.engine.registry import Scan
from checks.engine.winfacts import ps_fact

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
    # Entries of the trusted set that could not be decoded to a certificate's bytes at all
    # (a damaged bundle block, a store entry that is not base64, a certificate file that
    # cannot be read): without a fingerprint nobody can tell whether they are the vendor's,
    # so they rule out "all come from the vendor". Also in ``unparsable`` where parsed.
    undecodable: list[Unparsable] = field(default_factory=list)


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
    unread_anchors: list[Unparsable] = []
    for folder in LINUX_ANCHOR_DIRS:
        files = _cert_files(host, folder)
        if host.list_dir(folder) is not None:
            listed.append(f"{folder} ({len(files)} files)")
        for path in files:
            raw = host.read_bytes(path)
            if raw is None:
                # listed but not readable: p11-kit-based systems trust anchor files as they
                # are, so one Checkup cannot read may be a trusted root it cannot see
                unread_anchors.append(Unparsable(path, "the file cannot be opened"))
                continue
            part = certstore.parse_cert_file(raw, path)
            anchors.extend(part)
            for c in part.certs:
                origin[c.sha256] = (path, "file", _mtime_date(host, path))
    if listed:
        col.evidence.append(Evidence("local certificate folders", "; ".join(listed)))
    col.unparsable.extend(anchors.unparsable)
    col.undecodable.extend([*bundle.unparsable, *anchors.unparsable, *unread_anchors])

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

    home = apps.home_of(host.platform)
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
        col.undecodable.extend(results[store].unparsable)
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
