"""Reading which root certificates each operating system trusts, and which its maker ships
(the topic's ``__init__`` says where it looks). The per-OS readers return a ``Collected``
before any verdict; no user-visible text lives here. Parsing is in ``store.py``.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from datetime import date, datetime, timezone

from checks.catalog.readers import apps
from checks.catalog.trusted_certificates import store as certstore
from checks.catalog.trusted_certificates.facts import AddedRoot, Collected
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


def _linux_bundle(host: Host, evidence: list[Evidence],
                  problems: list[str]) -> tuple[str, ParseResult]:
    """The system bundle every TLS library reads: the first of LINUX_BUNDLES present."""
    bundle_path = ""
    bundle = ParseResult()
    for path in LINUX_BUNDLES:
        data = host.read_bytes(path)
        if data is None:
            continue
        bundle_path, bundle = path, certstore.parse_pem_bundle(data, path)
        break
    if bundle_path:
        evidence.append(Evidence(bundle_path, _count_text(bundle)))
        if not bundle.certs:
            problems.append(f"{bundle_path}: no certificate could be read")
    else:
        problems.append("no system certificate bundle found (" + ", ".join(LINUX_BUNDLES)
                        + ")")
    return bundle_path, bundle


def _linux_vendor(host: Host, evidence: list[Evidence], problems: list[str]) -> ParseResult:
    """The distribution's own list: Debian's mozilla/ folder, the p11-kit bundles."""
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
    if vendor_where:
        evidence.append(Evidence(", ".join(vendor_where),
                                 f"{len({c.sha256 for c in vendor.certs})} certificates from "
                                 "the distribution's CA package"))
    else:
        problems.append("the distribution's CA package list was not found ("
                        + ", ".join((DEBIAN_VENDOR_DIR, *P11KIT_VENDOR_FILES)) + ")")
    return vendor


Origin = dict[str, tuple[str, str, date | None]]  # sha256 -> (where, how, added on)


def _debian_selected(host: Host, evidence: list[Evidence]) -> Origin:
    """Debian: other folders of /usr/share/ca-certificates selected in ca-certificates.conf
    (certificates other packages or the administrator added to the list)."""
    origin: Origin = {}
    conf = host.read_text(DEBIAN_CONF)
    if conf is None:
        return origin
    selected, _ = certstore.parse_ca_certificates_conf(conf)
    others = [s for s in selected if not s.startswith("mozilla/")][:MAX_ANCHOR_FILES]
    for rel in others:
        path = posixpath.join(DEBIAN_SHARE, rel)
        for c in certstore.parse_cert_file(host.read_bytes(path), path).certs:
            origin.setdefault(c.sha256, (path, "conf", _mtime_date(host, path)))
    if others:
        evidence.append(Evidence(DEBIAN_CONF, f"{len(others)} selected certificates "
                                 "outside mozilla/: " + ", ".join(others[:10])))
    return origin


def _linux_anchors(host: Host, evidence: list[Evidence]
                   ) -> tuple[ParseResult, list[Unparsable], Origin]:
    """The local anchor folders an administrator fills, with each file's date."""
    anchors = ParseResult()
    listed: list[str] = []
    unread_anchors: list[Unparsable] = []
    origin: Origin = {}
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
        evidence.append(Evidence("local certificate folders", "; ".join(listed)))
    return anchors, unread_anchors, origin


def collect_linux(host: Host) -> Collected:
    evidence: list[Evidence] = []
    problems: list[str] = []
    bundle_path, bundle = _linux_bundle(host, evidence, problems)
    vendor = _linux_vendor(host, evidence, problems)
    origin = _debian_selected(host, evidence)
    anchors, unread_anchors, anchor_origin = _linux_anchors(host, evidence)
    origin.update(anchor_origin)
    vendor_fps = {c.sha256 for c in vendor.certs}
    trusted = _dedupe([*bundle.certs, *anchors.certs])
    added = []
    if vendor_fps:
        for c in trusted:
            if c.sha256 in vendor_fps:
                continue
            where, how, when = origin.get(c.sha256, (bundle_path, "", None))
            added.append(AddedRoot(c, where, when, how))
    return Collected(
        "linux", trusted_read=bool(bundle.certs), vendor_known=bool(vendor_fps),
        trusted_count=len(trusted), vendor_count=len(vendor_fps),
        seen=_dedupe([*trusted, *vendor.certs]), added=added,
        unparsable=[*bundle.unparsable, *anchors.unparsable], evidence=evidence,
        problems=problems,
        undecodable=[*bundle.unparsable, *anchors.unparsable, *unread_anchors])


# -- macOS -----------------------------------------------------------------------------------

def _mac_find(scan: Scan, keychain: str) -> tuple[ParseResult, str | None]:
    res = scan.run(["security", "find-certificate", "-a", "-p", keychain])
    if not res.ok:
        return ParseResult(), res.describe()
    return certstore.parse_pem_bundle(res.stdout, keychain), None


def _mac_vendor(scan: Scan, evidence: list[Evidence], problems: list[str]) -> ParseResult:
    """Apple's own roots."""
    system, err = _mac_find(scan, MAC_SYSTEM_ROOTS)
    if err:
        problems.append(err)
    else:
        evidence.append(Evidence(f"security find-certificate -a -p {MAC_SYSTEM_ROOTS}",
                                 _count_text(system)))
    return system


def _mac_keychains(scan: Scan, evidence: list[Evidence],
                   unparsable: list[Unparsable]) -> list[tuple[CertInfo, str]]:
    """The certificates of the System keychain and the user's login keychain."""
    home = apps.home_of(scan.host.platform)
    keychains = [MAC_SYSTEM_KEYCHAIN]
    if home:
        keychains.append(posixpath.join(home, "Library", "Keychains", "login.keychain-db"))
    local: list[tuple[CertInfo, str]] = []
    for kc in keychains:
        part, kerr = _mac_find(scan, kc)
        if kerr:
            evidence.append(Evidence(kc, kerr))
            continue
        evidence.append(Evidence(f"security find-certificate -a -p {kc}", _count_text(part)))
        unparsable.extend(part.unparsable)
        local.extend((c, kc) for c in part.certs)
    return local


def _mac_trust_settings(scan: Scan, evidence: list[Evidence],
                        problems: list[str]) -> tuple[list[TrustEntry], bool]:
    """The admin and user trust settings, and whether both domains could be read."""
    entries: list[TrustEntry] = []
    domains_ok = True
    for argv, label in ((["security", "dump-trust-settings", "-d"], "admin"),
                        (["security", "dump-trust-settings"], "user")):
        res = scan.run(argv)
        parsed = certstore.parse_trust_settings_dump(res.stdout, res.stderr) if res.ran else None
        if parsed is None:
            domains_ok = False
            problems.append(f"{' '.join(argv)}: " + (res.describe() if not res.ran else
                                                      "output not understood"))
            continue
        evidence.append(Evidence(" ".join(argv), f"{len(parsed)} certificates with {label} "
                                 "trust settings" + (": " + ", ".join(
                                     e.label for e in parsed[:10]) if parsed else "")))
        entries.extend(parsed)
    return entries, domains_ok


def _mac_added(system: ParseResult, local: list[tuple[CertInfo, str]],
               entries: list[TrustEntry], admin_dates: dict[str, date | None],
               vendor_fps: set[str]) -> list[AddedRoot]:
    """Keychain certificates that are trusted roots (they carry trust settings) and are not
    Apple's, then trust settings for a certificate found in none of the keychains."""
    trusted_labels = {e.label for e in entries if e.trusted}
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
    return list(added.values())


def collect_macos(scan: Scan) -> Collected:
    evidence: list[Evidence] = []
    problems: list[str] = []
    system = _mac_vendor(scan, evidence, problems)
    vendor_fps = {c.sha256 for c in system.certs}
    unparsable = list(system.unparsable)
    local = _mac_keychains(scan, evidence, unparsable)
    entries, domains_ok = _mac_trust_settings(scan, evidence, problems)
    admin_dates = certstore.parse_admin_trust_plist(scan.host.read_bytes(MAC_ADMIN_TRUST)) or {}
    added = _mac_added(system, local, entries, admin_dates, vendor_fps)
    return Collected(
        "macos", trusted_read=bool(vendor_fps) and domains_ok, vendor_known=bool(vendor_fps),
        trusted_count=len(vendor_fps) + len(added), vendor_count=len(vendor_fps),
        seen=_dedupe([*system.certs, *(c for c, _ in local)]), added=added,
        unparsable=unparsable, evidence=evidence, problems=problems)


# -- Windows ---------------------------------------------------------------------------------

def _win_stores(scan: Scan, evidence: list[Evidence],
                problems: list[str]) -> dict[str, ParseResult]:
    """The machine's root store, and the user's own roots besides the machine's."""
    results: dict[str, ParseResult] = {}
    machine_values: set[str] = set()
    for fact_name, store in ((FACT_MACHINE, WIN_MACHINE), (FACT_USER, WIN_USER)):
        fact = scan.fact(fact_name)
        values = certstore.fact_list(fact.value) if fact.ok else None
        if values is None:
            problems.append(f"Cert:\\{store}: " + (fact.error or "unexpected value"))
            continue
        if store == WIN_MACHINE:
            machine_values = {v for v in values if isinstance(v, str)}
            results[store] = certstore.parse_base64_list(values, store)
            evidence.append(Evidence(f"Cert:\\{store}", _count_text(results[store])))
        else:
            # The user's view includes the machine's roots; keep the user's own.
            own = [v for v in values if not (isinstance(v, str) and v in machine_values)]
            results[store] = certstore.parse_base64_list(own, store)
            evidence.append(Evidence(f"Cert:\\{store}", _count_text(results[store])
                                     + " besides the machine's"))
    return results


def _win_authroot(scan: Scan, evidence: list[Evidence], problems: list[str]) -> set[str] | None:
    """The thumbprints Windows fetched from Microsoft's Trusted Root Program, or None."""
    auth = scan.fact(FACT_AUTHROOT)
    auth_values = certstore.fact_list(auth.value) if auth.ok else None
    if auth_values is None:
        problems.append(f"Cert:\\{WIN_AUTHROOT}: " + (auth.error or "unexpected value"))
        return None
    authroot = {certstore.normalise_fingerprint(str(v)) for v in auth_values
                if isinstance(v, str)}
    evidence.append(Evidence(f"Cert:\\{WIN_AUTHROOT}", f"{len(authroot)} thumbprints"))
    return authroot


def collect_windows(scan: Scan, vendor_thumbprints: set[str]) -> Collected:
    evidence: list[Evidence] = []
    problems: list[str] = []
    results = _win_stores(scan, evidence, problems)
    authroot = _win_authroot(scan, evidence, problems)
    machine = results.get(WIN_MACHINE)
    user = results.get(WIN_USER)
    vendor = (authroot or set()) | vendor_thumbprints
    machine_fps = {c.sha256 for c in machine.certs} if machine else set()
    trusted = _dedupe([*(machine.certs if machine else []), *(user.certs if user else [])])
    added = []
    if authroot is not None:
        for c in trusted:
            if c.sha1 in vendor:
                continue
            where = WIN_MACHINE if c.sha256 in machine_fps else WIN_USER
            added.append(AddedRoot(c, where))
    unparsable = [u for r in results.values() for u in r.unparsable]
    return Collected(
        "windows", trusted_read=machine is not None and user is not None,
        vendor_known=authroot is not None, trusted_count=len(trusted),
        vendor_count=len(vendor), seen=trusted, added=added, unparsable=unparsable,
        evidence=evidence, problems=problems, undecodable=list(unparsable))
