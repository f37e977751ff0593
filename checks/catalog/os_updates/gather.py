"""Reading the machine for the os-updates check (and the Windows and Linux facts the
auto-updates check shares): the package manager's local listing and dates on Linux,
softwareupdated's record on macOS, the servicing registry and Windows Update's local
history on Windows. Facts only; no verdicts, no sentences."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from checks.catalog.os_updates import apt, dnf, pacman, snap, zypper
from checks.catalog.os_updates import macos as um
from checks.catalog.os_updates import windows as uw
from checks.catalog.os_updates.dates import in_future, stamp
from checks.catalog.os_updates.facts import (
    LinuxFacts,
    LinuxUpdates,
    MacFacts,
    WindowsBlockers,
    WindowsFacts,
)
from checks.engine.commands import Command
from checks.engine.host import CommandResult
from checks.engine.model import Evidence
from checks.engine.osinfo import (
    OS_RELEASE_PATHS,
    SYSTEM_VERSION_PLIST,
    TAILS_VERSION_FILE,
    OSInfo,
    scan_os,
)
from checks.engine.registry import Scan
from checks.engine.winfacts import ps_fact

LIST_TIMEOUT = 25.0  # three listings must fit in the runner's 60 s bound per check

# Simulation only. Run by root, apt also writes its installation planner's log
# (/var/log/apt/eipp.log.xz, replacing the last real upgrade's) even for a simulation;
# an empty Dir::Log::Planner tells apt not to write it (apt-pkg's CreateDumpFile skips an
# empty path; checked with apt 2.6: same output, no file written).
APT_SIMULATE = ["apt-get", "-s", "-o", "Debug::NoLocking=true", "-o", "Dir::Log::Planner=",
                "dist-upgrade"]
# What snapshots recorded before the planner option was added hold; replayed as-is.
APT_SIMULATE_RECORDED_BEFORE = ["apt-get", "-s", "-o", "Debug::NoLocking=true", "dist-upgrade"]
APT_STAMPS = (
    "/var/lib/apt/periodic/update-success-stamp",  # any successful `apt update` (Ubuntu)
    "/var/lib/apt/periodic/update-stamp",  # apt's daily job refreshed the lists
)
APT_LISTS = "/var/lib/apt/lists"
PACKAGE_MANAGERS = ("/usr/bin/apt-get", "/usr/bin/dnf", "/usr/bin/pacman", "/usr/bin/zypper")
REBOOT_MARKERS = ("/var/run/reboot-required", "/run/reboot-required", "/run/reboot-needed")
PACMAN_SYNC = "/var/lib/pacman/sync"
ZYPP_RAW = "/var/cache/zypp/raw"
OSTREE_BOOTED = "/run/ostree-booted"

APT_IDS = frozenset({"debian", "ubuntu", "linuxmint", "pop", "elementary", "kali", "raspbian",
                     "zorin", "neon", "pureos", "devuan", "mx", "parrot", "tails"})
DNF_IDS = frozenset({"fedora", "rhel", "centos", "rocky", "almalinux", "ol", "amzn", "nobara"})
PACMAN_IDS = frozenset({"arch", "archarm", "manjaro", "manjaro-arm", "endeavouros", "garuda",
                        "artix", "cachyos"})

# Windows facts: read locally through the scan's single PowerShell process.
# QueryHistory reads Windows Update's own history database; it is not a search and does
# not go online. Dates are printed as Windows Update stores them (UTC), in the sortable
# format 's', which ignores the user's culture and calendar.
HISTORY_FACT = ps_fact("windows_update_history", r"""
$q = (New-Object -ComObject Microsoft.Update.Session).CreateUpdateSearcher()
$n = $q.GetTotalHistoryCount()
if ($n -gt 0) {
  ,@($q.QueryHistory(0, [Math]::Min($n, 60)) | ForEach-Object {
    [ordered]@{ date = $_.Date.ToString('s'); operation = [int]$_.Operation;
                result = [int]$_.ResultCode; title = [string]$_.Title } })
} else { ,@() }
""")
RESULTS_FACT = ps_fact("windows_update_results", r"""
$au = (New-Object -ComObject Microsoft.Update.AutoUpdate).Results
$s = $au.LastSearchSuccessDate; $i = $au.LastInstallationSuccessDate
[ordered]@{ last_search = $(if ($s) { $s.ToString('s') } else { $null });
            last_install = $(if ($i) { $i.ToString('s') } else { $null }) }
""")
# The cost of the current internet connection as Windows sees it (a local query of the
# network list; nothing is sent): Unrestricted, Fixed, Variable or Unknown.
COST_FACT = ps_fact("windows_connection_cost", r"""
[void][Windows.Networking.Connectivity.NetworkInformation,Windows.Networking.Connectivity,ContentType=WindowsRuntime]
$p = [Windows.Networking.Connectivity.NetworkInformation]::GetInternetConnectionProfile()
if ($p -eq $null) { 'None' } else { $p.GetConnectionCost().NetworkCostType.ToString() }
""")
METERED = frozenset({"fixed", "variable"})


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""


def _show_names(names: list[str], limit: int = 12) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f", … (+{len(names) - limit})" if len(names) > limit else "")


def _mtime(scan: Scan, path: str) -> datetime | None:
    st = scan.host.stat(path)
    if st is None:
        return None
    try:
        when = datetime.fromtimestamp(st.mtime, tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None
    return None if in_future(when, scan.now()) else when


# -- Linux ------------------------------------------------------------------------------

def linux_package_manager(scan: Scan, info: OSInfo) -> str | None:
    ids = {info.os_id, info.base_id, *info.id_like} - {""}
    if ids & APT_IDS:
        return "apt"
    if ids & DNF_IDS:
        return "dnf"
    if ids & PACMAN_IDS:
        return "pacman"
    if any(i.startswith("opensuse") or i in ("suse", "sles", "sled") for i in ids):
        return "zypper"
    for name, path in zip(("apt", "dnf", "pacman", "zypper"), PACKAGE_MANAGERS, strict=True):
        if scan.host.stat(path) is not None:
            return name
    return None


@dataclass
class _Reading:
    """One package manager's records as they are read, in the order of their evidence;
    frozen into ``LinuxUpdates`` once read."""

    tool: str
    listing_ok: bool = False
    pending: list[str] = field(default_factory=list)
    security: list[str] | None = None
    partial: bool = False
    refreshed_at: datetime | None = None
    refresh_exact: bool = False
    never_refreshed: bool = False
    no_security_source: bool = False
    reboot: bool | None = None
    reboot_since: datetime | None = None
    kept_back: int | None = None
    cache_needs_admin: bool = False
    evidence: list[Evidence] = field(default_factory=list)

    def saw_refresh(self, when: datetime | None, exact: bool) -> None:
        if when is None:
            return
        if self.refreshed_at is None or when > self.refreshed_at:
            self.refreshed_at = when
        self.refresh_exact = self.refresh_exact or exact

    def failed(self, cmd: str, text: str, stderr: str) -> None:
        self.evidence.append(Evidence(cmd, text + (f" — {_first_line(stderr)}"
                                                   if stderr.strip() else "")))

    def freeze(self, manager: str) -> LinuxUpdates:
        return LinuxUpdates(
            manager, self.tool, self.listing_ok, tuple(self.pending),
            None if self.security is None else tuple(self.security), self.partial,
            self.refreshed_at, self.refresh_exact, self.never_refreshed,
            self.no_security_source, self.reboot, self.reboot_since, self.kept_back,
            self.cache_needs_admin, tuple(self.evidence))


def _run_apt_simulation(scan: Scan) -> CommandResult:
    res = scan.run(APT_SIMULATE, timeout=LIST_TIMEOUT)
    if res.status == "not_found":  # an older snapshot: it recorded the command without it
        older = scan.run(APT_SIMULATE_RECORDED_BEFORE, timeout=LIST_TIMEOUT)
        res = older if older.status != "not_found" else res
    return res


def apt_simulation(scan: Scan) -> CommandResult:
    """``apt-get -s dist-upgrade``, run once per scan and shared (the browsers check reads
    which browser packages it would upgrade)."""
    return scan.memo(_run_apt_simulation)


def _apt_listing(scan: Scan, st: _Reading) -> None:
    res = apt_simulation(scan)
    cmd = " ".join(res.argv)
    if not res.ok:
        st.failed(cmd, res.describe(), res.stderr)
        return
    sim = apt.parse_apt_simulation(res.stdout)
    if not sim.complete:
        st.evidence.append(Evidence(cmd, "output not understood: no summary line"))
        return
    st.listing_ok = True
    st.pending = [p.name for p in sim.packages]
    st.security = [p.name for p in sim.security]
    text = f"{len(st.pending)} to install or upgrade, {len(st.security)} from a " \
           f"security source"
    if sim.kept_back:
        text += f", {sim.kept_back} kept back"
    st.evidence.append(Evidence(cmd, text))
    if st.security:
        st.evidence.append(Evidence("security updates", _show_names(st.security)))
    elif st.pending:
        st.evidence.append(Evidence("updates", _show_names(st.pending)))
    st.kept_back = sim.kept_back


def _apt_lists(scan: Scan, info: OSInfo, st: _Reading) -> None:
    names = scan.host.list_dir(APT_LISTS)
    if names is None:
        return
    releases = [n for n in names if apt.is_release_file(n)]
    security = apt.list_security_sources(releases)
    if not releases:
        st.never_refreshed = st.refreshed_at is None
        st.evidence.append(Evidence(APT_LISTS, "no release files: the package lists "
                                               "have not been downloaded"))
    newest: tuple[datetime, str] | None = None
    for name in releases:
        when = _mtime(scan, f"{APT_LISTS}/{name}")
        if when is not None and (newest is None or when > newest[0]):
            newest = (when, name)
    if newest is not None:
        # A release file's time is when the archive published it, a lower bound of
        # the download; security archives republish at least weekly, so with one of
        # them present the newest time is close to the last refresh.
        st.saw_refresh(newest[0], exact=bool(security))
        st.evidence.append(Evidence(APT_LISTS, f"newest release file {newest[1]}, "
                                               f"{stamp(newest[0])}"))
    family = {info.os_id, info.base_id} & {"debian", "ubuntu"}
    if releases and not security and family and info.version and not info.rolling:
        st.no_security_source = True
        st.evidence.append(Evidence(APT_LISTS, "no list from a security source "
                                               "(…-security)"))


def _apt(scan: Scan, info: OSInfo) -> _Reading:
    st = _Reading(tool="apt-get -s dist-upgrade")
    _apt_listing(scan, st)
    for path in APT_STAMPS:
        when = _mtime(scan, path)
        if when is not None:
            st.saw_refresh(when, exact=True)
            st.evidence.append(Evidence(path, f"last changed {stamp(when)}"))
    _apt_lists(scan, info, st)
    _reboot_marker(scan, st)
    return st


def _reboot_marker(scan: Scan, st: _Reading) -> None:
    for path in REBOOT_MARKERS:
        when = _mtime(scan, path)
        if when is None and scan.host.read_bytes(path) is None:
            continue
        st.reboot = True
        st.reboot_since = when
        pkgs = (scan.host.read_text(path + ".pkgs") or "").split()
        text = "present" + (f", since {stamp(when)}" if when else "")
        if pkgs:
            text += f"; packages: {_show_names(sorted(set(pkgs)), 8)}"
        st.evidence.append(Evidence(path, text))
        return
    if st.reboot is None:
        st.reboot = False


def _dnf_listed(res_ran: bool, returncode: int | None, stdout: str,
                pkgs: list[tuple[str, str, str]]) -> bool:
    """exit 0 means "nothing to upgrade" only when -q left nothing else printed"""
    return res_ran and (returncode == 0 and not stdout.strip()
                        or returncode == 100 and bool(pkgs))


def _dnf_listing(scan: Scan, st: _Reading, base: list[str], sub: str, dnf5: bool) -> None:
    res = scan.run([*base, sub], timeout=LIST_TIMEOUT)
    cmd = " ".join([*base, sub])
    pkgs = dnf.parse_dnf_check_update(res.stdout) if res.ran else []
    if _dnf_listed(res.ran, res.returncode, res.stdout, pkgs):
        st.listing_ok = True
        st.pending = [p[0] for p in pkgs]
        st.evidence.append(Evidence(cmd, f"exit status {res.returncode}: "
                                         f"{len(pkgs)} upgradable"))
        if pkgs:
            st.evidence.append(Evidence("updates", _show_names(st.pending)))
        return
    st.failed(cmd, res.describe(), res.stderr)
    st.cache_needs_admin = dnf5


def _dnf_cache(scan: Scan, st: _Reading, cache: str) -> bool:
    """Reads the dates of the cached repository metadata; whether advisories are cached."""
    has_updateinfo = False
    for repo in scan.host.list_dir(cache) or []:
        when = _mtime(scan, f"{cache}/{repo}/repodata/repomd.xml")
        st.saw_refresh(when, exact=True)
        files = scan.host.list_dir(f"{cache}/{repo}/repodata") or []
        has_updateinfo = has_updateinfo or any("updateinfo" in f for f in files)
    if st.refreshed_at:
        st.evidence.append(Evidence(cache, f"newest repository metadata "
                                           f"{stamp(st.refreshed_at)}"))
    return has_updateinfo


def _dnf_security(scan: Scan, st: _Reading, base: list[str], sub: str, cache: str,
                  has_updateinfo: bool) -> None:
    sec_cmd = [*base, sub, "--security"]
    sec = scan.run(sec_cmd, timeout=LIST_TIMEOUT)
    sec_pkgs = dnf.parse_dnf_check_update(sec.stdout) if sec.ran else []
    if has_updateinfo and _dnf_listed(sec.ran, sec.returncode, sec.stdout, sec_pkgs):
        st.security = [p[0] for p in sec_pkgs]
        st.evidence.append(Evidence(" ".join(sec_cmd), f"{len(st.security)} security updates"))
        if st.security:
            st.evidence.append(Evidence("security updates", _show_names(st.security)))
    elif not has_updateinfo:
        st.evidence.append(Evidence(cache, "no security advisories (updateinfo) cached"))
    else:
        st.evidence.append(Evidence(" ".join(sec_cmd), sec.describe()))


def _dnf_restart(scan: Scan, st: _Reading, dnf5: bool) -> None:
    nr = ["dnf5", "-C", "needs-restarting"] if dnf5 else ["dnf", "-C", "needs-restarting",
                                                           "-r"]
    rr = scan.run(nr, timeout=LIST_TIMEOUT)
    if rr.ran and rr.returncode == 0:
        st.reboot = False
        st.evidence.append(Evidence(" ".join(nr), "exit status 0: no restart needed"))
    elif rr.ran and rr.returncode == 1 and rr.stdout.strip() and not rr.stderr.strip():
        st.reboot = True
        st.evidence.append(Evidence(" ".join(nr), "exit status 1: restart recommended"))
    if st.reboot is None:
        _reboot_marker(scan, st)


def _dnf(scan: Scan, info: OSInfo) -> _Reading:
    dnf5 = scan.host.stat("/usr/bin/dnf5") is not None
    if dnf5:
        base, sub, cache = ["dnf5", "-C", "-q", "--no-plugins"], "check-upgrade", \
            "/var/cache/libdnf5"
    else:
        base, sub, cache = ["dnf", "-C", "-q", "--noplugins"], "check-update", \
            "/var/cache/dnf"
    st = _Reading(tool=f"{base[0]} -C {sub}")
    _dnf_listing(scan, st, base, sub, dnf5)
    has_updateinfo = _dnf_cache(scan, st, cache)
    if st.listing_ok:
        _dnf_security(scan, st, base, sub, cache, has_updateinfo)
    _dnf_restart(scan, st, dnf5)
    return st


def _pacman_listing(scan: Scan, st: _Reading) -> None:
    res = scan.run(["pacman", "-Qu"], timeout=LIST_TIMEOUT)
    listed = pacman.parse_pacman_qu(res.stdout) if res.ran else None
    if res.ran and res.returncode == 0 and listed:
        st.listing_ok = True
        st.pending = [p[0] for p in listed]
        st.evidence.append(Evidence("pacman -Qu", f"{len(listed)} upgradable"))
        st.evidence.append(Evidence("updates", _show_names(st.pending)))
    elif res.ran and res.returncode == 1 and not res.stdout.strip() \
            and not res.stderr.strip():
        st.listing_ok = True
        st.evidence.append(Evidence("pacman -Qu", "exit status 1, nothing listed: no "
                                                  "upgradable packages in the local "
                                                  "database"))
    else:
        st.failed("pacman -Qu", res.describe(), res.stderr)


def _pacman(scan: Scan, info: OSInfo) -> _Reading:
    st = _Reading(tool="pacman -Qu")
    _pacman_listing(scan, st)
    for name in scan.host.list_dir(PACMAN_SYNC) or []:
        if name.endswith(".db"):
            st.saw_refresh(_mtime(scan, f"{PACMAN_SYNC}/{name}"), exact=True)
    if st.refreshed_at:
        st.evidence.append(Evidence(PACMAN_SYNC, f"newest package database "
                                                 f"{stamp(st.refreshed_at)}"))
    else:
        st.never_refreshed = scan.host.list_dir(PACMAN_SYNC) is not None
    # Arch removes the running kernel's modules when the kernel package is upgraded:
    # their absence means the new kernel waits for a restart.
    running = scan.host.platform.release
    modules = scan.host.list_dir("/usr/lib/modules")
    if modules and running:
        st.reboot = running not in modules
        if st.reboot:
            st.evidence.append(Evidence("/usr/lib/modules", f"no modules for the running "
                                                            f"kernel {running}: a newer "
                                                            f"kernel is installed"))
    return st


_ZYPPER = ["zypper", "--non-interactive", "--no-refresh", "--xmlout"]


def _zypper_security(scan: Scan, st: _Reading) -> None:
    pres = scan.run([*_ZYPPER, "list-patches", "--category", "security"],
                    timeout=LIST_TIMEOUT)
    patches = zypper.parse_zypper_xml(pres.stdout) if pres.ok else None
    if patches is not None and patches.complete:
        st.security = sorted({u.get("name", "?") for u in patches.updates
                              if u.get("kind") == "patch"
                              and u.get("status", "needed") == "needed"})
        st.evidence.append(Evidence("zypper list-patches --category security",
                                    f"{len(st.security)} needed"))


def _zypper(scan: Scan, info: OSInfo) -> _Reading:
    st = _Reading(tool="zypper --no-refresh list-updates")
    res = scan.run([*_ZYPPER, "list-updates"], timeout=LIST_TIMEOUT)
    cmd = " ".join([*_ZYPPER, "list-updates"])
    parsed = zypper.parse_zypper_xml(res.stdout) if res.ran else None
    if res.ok and parsed is not None and parsed.complete:
        st.listing_ok = True
        st.pending = sorted({u.get("name", "?") for u in parsed.updates
                             if u.get("kind", "package") == "package"})
        st.partial = bool(parsed.warnings)
        text = f"{len(st.pending)} upgradable"
        if parsed.warnings:
            text += f"; warnings: {parsed.warnings[0][:120]}"
        st.evidence.append(Evidence(cmd, text))
        if st.pending:
            st.evidence.append(Evidence("updates", _show_names(st.pending)))
        if not info.rolling:
            _zypper_security(scan, st)
    else:
        st.evidence.append(Evidence(cmd, res.describe() if not res.ok else
                                    "output not understood"))
    for repo in scan.host.list_dir(ZYPP_RAW) or []:
        st.saw_refresh(_mtime(scan, f"{ZYPP_RAW}/{repo}/repodata/repomd.xml"), exact=True)
    if st.refreshed_at:
        st.evidence.append(Evidence(ZYPP_RAW, f"newest repository metadata "
                                              f"{stamp(st.refreshed_at)}"))
    _reboot_marker(scan, st)
    return st


_GATHERERS = {"apt": _apt, "dnf": _dnf, "pacman": _pacman, "zypper": _zypper}


def gather_linux(scan: Scan) -> LinuxFacts:
    info = scan_os(scan)
    evidence = tuple(info.evidence)
    label, os_id, now = info.label, info.os_id, scan.now()
    if scan.context.tails:
        return LinuxFacts(now, evidence, label, os_id, tails=True, ostree=False, updates=None)
    if scan.host.stat(OSTREE_BOOTED) is not None:
        return LinuxFacts(now, (*evidence, Evidence(OSTREE_BOOTED, "present")), label, os_id,
                          tails=False, ostree=True, updates=None)
    manager = linux_package_manager(scan, info)
    if manager is None:
        return LinuxFacts(now, (*evidence, *(Evidence(path, "not found")
                                             for path in PACKAGE_MANAGERS)),
                          label, os_id, tails=False, ostree=False, updates=None)
    updates = _GATHERERS[manager](scan, info).freeze(manager)
    res = scan.run(["snap", "refresh", "--time", "--abs-time"], timeout=10)
    return LinuxFacts(
        now, evidence, label, os_id, tails=False, ostree=False, updates=updates,
        snap=snap.parse_snap_refresh_time(res.stdout) if res.ok else None,
        flatpak=scan.host.stat("/usr/bin/flatpak") is not None,
        qubes=scan.context.qubes_vm)


# -- macOS ------------------------------------------------------------------------------

def gather_macos(scan: Scan) -> MacFacts:
    info = scan_os(scan)
    raw = um.load_plist(scan.host.read_bytes(um.SOFTWARE_UPDATE_PLIST))
    if raw is None:
        return MacFacts(scan.now(), tuple(info.evidence), info.full_version, None, ())
    history = um.parse_install_history(
        um.load_plist_list(scan.host.read_bytes(um.INSTALL_HISTORY_PLIST)) or [])
    return MacFacts(scan.now(), tuple(info.evidence), info.full_version,
                    um.parse_software_update(raw), tuple(history))


# -- Windows ----------------------------------------------------------------------------

def windows_blockers(scan: Scan) -> WindowsBlockers:
    return scan.memo(_read_windows_blockers)


def _read_windows_blockers(scan: Scan) -> WindowsBlockers:
    host = scan.host
    ev: list[Evidence] = []
    disabled: list[str] = []
    readable = False
    for name, key in (("wuauserv", uw.WUAUSERV_KEY), ("UsoSvc", uw.USOSVC_KEY)):
        values = host.registry_values(key, names=("Start",))
        if values is None:
            continue
        start = uw.to_int(values.get("Start"))
        if name == "wuauserv" and start in uw.SERVICE_START_TYPES:
            readable = True  # a start type Windows knows; anything else is not read
        ev.append(Evidence(key, f"Start={start}" if start is not None
                           else f"Start={values.get('Start')!r} (not understood)"))
        if start == uw.SERVICE_DISABLED:
            disabled.append(name)
    pause = uw.pause_state(host.registry_values(uw.UX_SETTINGS_KEY),
                           host.registry_values(uw.UPDATE_POLICY_SETTINGS_KEY),
                           host.registry_values(uw.WU_POLICY_KEY), scan.now())
    if pause.source:
        ev.append(Evidence("pause", pause.source))
    return WindowsBlockers(tuple(disabled), readable, pause, tuple(ev))


def windows_metered(scan: Scan) -> tuple[bool | None, Evidence | None]:
    """(the current connection is metered and Windows will not download over it, evidence)."""
    fact = scan.fact(COST_FACT)
    if not fact.ok or not isinstance(fact.value, str):
        return None, None
    cost = fact.value.strip()
    allow = uw.to_int((scan.host.registry_values(uw.UX_SETTINGS_KEY) or {}).get(
        "AllowAutoWindowsUpdateDownloadOverMeteredNetwork"))
    metered = cost.lower() in METERED and allow != 1
    return metered, Evidence("connection cost", f"{cost}" + (
        ", downloads over metered connections allowed" if allow == 1 else ""))


def _latest_cumulative(scan: Scan, info: OSInfo) -> tuple[uw.CumulativeUpdate | None,
                                                          Evidence | None]:
    subkeys = scan.host.registry_subkeys(uw.CBS_PACKAGES_KEY)
    if subkeys is None:
        return None, None
    rollups = uw.rollup_packages(subkeys)
    if not rollups:
        return None, Evidence(uw.CBS_PACKAGES_KEY, "no cumulative update package listed")
    chosen = [r for r in rollups if info.ubr is not None and r[2] == info.ubr]
    candidates = chosen or rollups
    best: uw.CumulativeUpdate | None = None
    for name, build, rev in reversed(candidates):
        values = scan.host.registry_values(
            f"{uw.CBS_PACKAGES_KEY}\\{name}",
            names=("CurrentState", "InstallTimeHigh", "InstallTimeLow")) or {}
        state = uw.to_int(values.get("CurrentState"))
        when = uw.filetime_to_datetime(values.get("InstallTimeHigh"),
                                       values.get("InstallTimeLow"))
        if in_future(when, scan.now()):
            when = None
        if chosen or state == uw.CBS_INSTALLED:
            best = uw.CumulativeUpdate(name, build, rev, when, state)
            break
    if best is None:
        return None, Evidence(uw.CBS_PACKAGES_KEY, "no installed cumulative update found")
    text = f"{best.package}: " + (f"installed {stamp(best.installed_at)}"
                                  if best.installed_at else "no install time")
    return best, Evidence(uw.CBS_PACKAGES_KEY, text)


def _last_search(scan: Scan) -> datetime | None:
    res_fact = scan.fact(RESULTS_FACT)
    if res_fact.ok and isinstance(res_fact.value, dict):
        return uw.parse_iso_utc(res_fact.value.get("last_search"))
    return None


def gather_windows(scan: Scan) -> WindowsFacts:
    info = scan_os(scan)
    blockers = windows_blockers(scan)
    cumulative, cumulative_ev = _latest_cumulative(scan, info)
    hist_fact = scan.fact(HISTORY_FACT)
    history = uw.parse_history(hist_fact.value) if hist_fact.ok else None
    last_search = _last_search(scan)
    au_keys = scan.host.registry_subkeys(uw.AU_STATE_KEY)
    cbs_keys = scan.host.registry_subkeys(uw.CBS_KEY)
    metered, cost_ev = windows_metered(scan)
    return WindowsFacts(
        now=scan.now(), evidence=tuple(info.evidence), build=info.build, ubr=info.ubr,
        blockers=blockers, cumulative=cumulative, cumulative_evidence=cumulative_ev,
        history=None if history is None else tuple(history),
        history_read=hist_fact.ok, history_error="" if hist_fact.ok else hist_fact.error,
        last_search=last_search,
        au_state_keys=None if au_keys is None else tuple(au_keys),
        cbs_keys=None if cbs_keys is None else tuple(cbs_keys),
        metered=metered, cost_evidence=cost_ev)


# -- what is run and read ---------------------------------------------------------------

_SIMULATE = "-s simulates against the local package cache; never downloads, needs no lock or root"
_DNF_CACHE = "-C uses the local metadata cache only (no refresh, no root)"
_ZYPPER_CACHE = "--no-refresh lists from the local repository cache, without root"
COMMANDS = (
    Command(*APT_SIMULATE, why=_SIMULATE),
    Command(*APT_SIMULATE_RECORDED_BEFORE, why=_SIMULATE),
    Command("dnf5", "-C", "-q", "--no-plugins", "check-upgrade", why=_DNF_CACHE),
    Command("dnf5", "-C", "-q", "--no-plugins", "check-upgrade", "--security", why=_DNF_CACHE),
    Command("dnf5", "-C", "needs-restarting", why=_DNF_CACHE),
    Command("dnf", "-C", "-q", "--noplugins", "check-update", why=_DNF_CACHE),
    Command("dnf", "-C", "-q", "--noplugins", "check-update", "--security", why=_DNF_CACHE),
    Command("dnf", "-C", "needs-restarting", "-r", why=_DNF_CACHE),
    Command("pacman", "-Qu", why="-Qu compares with the local sync database; never "
                                 "checkupdates or -Sy"),
    Command("zypper", "--non-interactive", "--no-refresh", "--xmlout", "list-updates",
            why=_ZYPPER_CACHE),
    Command("zypper", "--non-interactive", "--no-refresh", "--xmlout", "list-patches",
            "--category", "security", why=_ZYPPER_CACHE),
    Command("snap", "refresh", "--time", "--abs-time",
            why="--time asks the local snapd for its refresh schedule; --list would ask the "
                "store"),
)
# what identifying the system reads (checks/engine/osinfo.py), shared with the other update checks
OS_FILES = (*OS_RELEASE_PATHS, TAILS_VERSION_FILE, SYSTEM_VERSION_PLIST)
FILES = (
    *OS_FILES, *PACKAGE_MANAGERS, *APT_STAMPS, APT_LISTS, f"{APT_LISTS}/*", *REBOOT_MARKERS,
    *(f"{m}.pkgs" for m in REBOOT_MARKERS),
    "/usr/bin/dnf5", "/var/cache/dnf", "/var/cache/dnf/*/repodata", "/var/cache/dnf/*/repodata/*",
    "/var/cache/libdnf5", "/var/cache/libdnf5/*/repodata", "/var/cache/libdnf5/*/repodata/*",
    PACMAN_SYNC, f"{PACMAN_SYNC}/*", ZYPP_RAW, f"{ZYPP_RAW}/*/repodata/repomd.xml",
    "/usr/lib/modules", "/usr/bin/flatpak", OSTREE_BOOTED,
    um.SOFTWARE_UPDATE_PLIST, um.INSTALL_HISTORY_PLIST,
)
