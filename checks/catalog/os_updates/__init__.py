"""os-updates: are the updates the system knows about installed?

Local state only — nothing here makes the machine contact a server, and nothing needs
administrator rights:

- Linux: the package manager's cache as it is (``apt-get -s`` simulation, ``dnf -C``,
  ``pacman -Qu`` against the local sync database, ``zypper --no-refresh``), how old that
  cache is, and whether a restart is pending. Flatpak updates are not listed: flatpak can
  only list them by asking its servers.
- macOS: what ``softwareupdated`` recorded in /Library/Preferences/com.apple.SoftwareUpdate
  .plist at its last check (a dated hint) and /Library/Receipts/InstallHistory.plist.
- Windows: the monthly cumulative update installed (Component Based Servicing registry),
  Windows Update's local history (``QueryHistory``, not a search), pending restart, pause,
  and a disabled update service.

Verdicts, and why:
- ``fail`` HIGH: security updates known and not installed (on Windows: the monthly
  security release, due a week after Patch Tuesday, is not installed); the update service
  disabled (nothing arrives until someone notices, with no time limit).
- ``fail`` MEDIUM: updates paused (Windows limits a pause to five weeks and then resumes by
  itself, so the gap is bounded — serious, not open-ended); nothing refreshed or installed
  for more than 30 days; updates waiting whose security relevance the system does not say
  (Arch, macOS: any of them may be a security fix); no security source configured.
- ``attention``: updates waiting that the system marks as not security fixes; updates
  installed but waiting for a restart (the fix is on disk, one restart away).
- ``fail`` LOW: a restart has been pending for more than a week (old, vulnerable code
  keeps running all that time).
- ``pass``: the system's own records show it looked for updates within the last week and
  nothing is waiting. Anything else is ``unknown`` with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from checks.catalog.os_updates import linux as ul
from checks.catalog.os_updates import macos as um
from checks.catalog.os_updates import windows as uw
from checks.engine.commands import Command
from checks.engine.i18n import N_, Message, msg, msg_n
from checks.engine.model import Evidence, Finding, Severity, Status
from checks.engine.osinfo import (
    OS_RELEASE_PATHS,
    SYSTEM_VERSION_PLIST,
    TAILS_VERSION_FILE,
    OSInfo,
    scan_os,
)
from checks.engine.registry import On, Scan, spec
from checks.engine.winfacts import ps_fact

RECENT_DAYS = 7  # "recently refreshed": the system looked for updates within a week
STALE_DAYS = 30  # nothing refreshed or installed for longer than this is a failure
REBOOT_WAIT_DAYS = 7  # a restart pending longer than this becomes a (low) failure
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


def iso_date(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%d")


def _stamp(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _age(now: datetime, dt: datetime) -> int:
    return max(0, (now - dt).days)


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""


FUTURE_SLACK = timedelta(days=1)  # clocks and time zones differ; beyond this, a date is wrong


def in_future(dt: datetime | None, now: datetime) -> bool:
    """A date later than now (by more than a day) is no evidence of anything: a wrong clock,
    a restored backup or garbage. Treating it as 'today' would make a pass out of it."""
    return dt is not None and dt > now + FUTURE_SLACK


def _mtime(scan: Scan, path: str) -> datetime | None:
    st = scan.host.stat(path)
    if st is None:
        return None
    try:
        when = datetime.fromtimestamp(st.mtime, tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None
    return None if in_future(when, scan.now()) else when


@dataclass
class UpdateState:
    """What one system's own records say; decided on by ``_decide``."""

    tool: str  # the listing command or source, for messages
    listing_ok: bool = False
    pending: list[str] = field(default_factory=list)
    security: list[str] | None = None  # None: the source does not label security fixes
    partial: bool = False  # the listing warned that some sources were skipped
    refreshed_at: datetime | None = None
    refresh_exact: bool = False  # refreshed_at is the real time (else a lower bound)
    never_refreshed: bool = False
    no_security_source: bool = False
    reboot: bool | None = None
    reboot_since: datetime | None = None
    evidence: list[Evidence] = field(default_factory=list)
    details: list[Message] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    def saw_refresh(self, when: datetime | None, exact: bool) -> None:
        if when is None:
            return
        if self.refreshed_at is None or when > self.refreshed_at:
            self.refreshed_at = when
        self.refresh_exact = self.refresh_exact or exact


def _finding(st: UpdateState, status: Status, summary: Message,
             severity: Severity | None = None, extra: list[Message] | None = None) -> Finding:
    data = dict(st.data)
    data.update({
        "pending": len(st.pending),
        "security": None if st.security is None else len(st.security),
        "refreshed_at": st.refreshed_at.isoformat() if st.refreshed_at else None,
        "refresh_exact": st.refresh_exact,
        "reboot_required": st.reboot,
    })
    return Finding(status, summary, severity=severity, evidence=list(st.evidence),
                   details=[*(extra or []), *st.details], data=data)


def _decide(st: UpdateState, now: datetime) -> Finding:
    age = _age(now, st.refreshed_at) if st.refreshed_at else None
    stale = age is not None and st.refresh_exact and age > STALE_DAYS
    extra: list[Message] = []
    if st.reboot:
        extra.append(msg("Some installed updates only take effect after the computer "
                         "restarts."))

    if st.security:
        n = len(st.security)
        return _finding(st, Status.FAIL, msg_n(
            "{n} security update is waiting to be installed.",
            "{n} security updates are waiting to be installed.", n), Severity.HIGH, extra)
    if st.no_security_source:
        return _finding(st, Status.FAIL, msg(
            "No source of security updates seems to be set up on this system, so security "
            "fixes may never reach it."), Severity.MEDIUM, extra)
    if stale and st.refreshed_at is not None and age is not None:
        return _finding(st, Status.FAIL, msg_n(
            "This computer last looked for updates {n} day ago (on {date}), so it does not "
            "know about newer security fixes.",
            "This computer last looked for updates {n} days ago (on {date}), so it does not "
            "know about newer security fixes.", age, date=iso_date(st.refreshed_at)),
            Severity.MEDIUM, extra)
    if st.pending and st.security is None:
        n = len(st.pending)
        return _finding(st, Status.FAIL, msg_n(
            "{n} update is waiting to be installed, and this system does not say whether it "
            "fixes a security problem.",
            "{n} updates are waiting to be installed, and this system does not say which of "
            "them fix security problems.", n), Severity.MEDIUM, extra)
    if not st.listing_ok:
        return _finding(st, Status.UNKNOWN, msg(
            "Checkup could not read which updates are waiting: {tool} gave no usable "
            "answer.", tool=st.tool), extra=extra)
    if st.never_refreshed:
        return _finding(st, Status.UNKNOWN, msg(
            "This computer has never downloaded the list of available updates, so an empty "
            "list proves nothing."), extra=extra)
    if st.refreshed_at is None or age is None:
        return _finding(st, Status.UNKNOWN, msg(
            "Checkup could not tell when this computer last looked for updates, so it "
            "cannot say that nothing is waiting."), extra=extra)
    if age > RECENT_DAYS:
        if not st.refresh_exact:
            return _finding(st, Status.UNKNOWN, msg_n(
                "The newest update information on this computer is {n} day old (from "
                "{date}). Checkup cannot tell whether it has looked for updates since.",
                "The newest update information on this computer is {n} days old (from "
                "{date}). Checkup cannot tell whether it has looked for updates since.",
                age, date=iso_date(st.refreshed_at)), extra=extra)
        return _finding(st, Status.UNKNOWN, msg_n(
            "This computer last looked for updates {n} day ago (on {date}). Fixes "
            "published since then are not known to it yet.",
            "This computer last looked for updates {n} days ago (on {date}). Fixes "
            "published since then are not known to it yet.", age,
            date=iso_date(st.refreshed_at)), extra=extra)
    if st.partial and not st.pending:
        return _finding(st, Status.UNKNOWN, msg(
            "Some update sources could not be read without administrator rights, so "
            "Checkup cannot say that nothing is waiting."), extra=extra)
    if st.pending:
        n = len(st.pending)
        return _finding(st, Status.ATTENTION, msg_n(
            "{n} update is waiting to be installed; it is not marked as a security fix.",
            "{n} updates are waiting to be installed; none is marked as a security fix.",
            n), extra=extra)
    if st.reboot:
        return _reboot_finding(st, now)
    return _finding(st, Status.PASS, msg(
        "No updates are waiting, and this computer looked for updates on {date}.",
        date=iso_date(st.refreshed_at)))


def _reboot_finding(st: UpdateState, now: datetime) -> Finding:
    if st.reboot_since is not None and _age(now, st.reboot_since) > REBOOT_WAIT_DAYS:
        days = _age(now, st.reboot_since)
        return _finding(st, Status.FAIL, msg_n(
            "Installed updates have been waiting {n} day for a restart (since {date}); until "
            "then the old, vulnerable versions keep running.",
            "Installed updates have been waiting {n} days for a restart (since {date}); "
            "until then the old, vulnerable versions keep running.", days,
            date=iso_date(st.reboot_since)), Severity.LOW)
    return _finding(st, Status.ATTENTION, msg(
        "Updates are installed, but the computer must restart to finish installing them."))


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


def _show_names(names: list[str], limit: int = 12) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f", … (+{len(names) - limit})" if len(names) > limit else "")


def _apt(scan: Scan, info: OSInfo) -> UpdateState:
    st = UpdateState(tool="apt-get -s dist-upgrade")
    res = scan.run(APT_SIMULATE, timeout=LIST_TIMEOUT)
    if res.status == "not_found":  # an older snapshot: it recorded the command without it
        older = scan.run(APT_SIMULATE_RECORDED_BEFORE, timeout=LIST_TIMEOUT)
        res = older if older.status != "not_found" else res
    cmd = " ".join(res.argv)
    if not res.ok:
        st.evidence.append(Evidence(cmd, res.describe() + (
            f" — {_first_line(res.stderr)}" if res.stderr.strip() else "")))
    else:
        sim = ul.parse_apt_simulation(res.stdout)
        if not sim.complete:
            st.evidence.append(Evidence(cmd, "output not understood: no summary line"))
        else:
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
            st.data["kept_back"] = sim.kept_back

    for path in APT_STAMPS:
        when = _mtime(scan, path)
        if when is not None:
            st.saw_refresh(when, exact=True)
            st.evidence.append(Evidence(path, f"last changed {_stamp(when)}"))
    names = scan.host.list_dir(APT_LISTS)
    if names is not None:
        releases = [n for n in names if ul.is_release_file(n)]
        security = ul.list_security_sources(releases)
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
                                                   f"{_stamp(newest[0])}"))
        family = {info.os_id, info.base_id} & {"debian", "ubuntu"}
        if releases and not security and family and info.version and not info.rolling:
            st.no_security_source = True
            st.evidence.append(Evidence(APT_LISTS, "no list from a security source "
                                                   "(…-security)"))
    _reboot_marker(scan, st)
    return st


def _reboot_marker(scan: Scan, st: UpdateState) -> None:
    for path in REBOOT_MARKERS:
        when = _mtime(scan, path)
        if when is None and scan.host.read_bytes(path) is None:
            continue
        st.reboot = True
        st.reboot_since = when
        pkgs = (scan.host.read_text(path + ".pkgs") or "").split()
        text = "present" + (f", since {_stamp(when)}" if when else "")
        if pkgs:
            text += f"; packages: {_show_names(sorted(set(pkgs)), 8)}"
        st.evidence.append(Evidence(path, text))
        return
    if st.reboot is None:
        st.reboot = False


def _dnf(scan: Scan, info: OSInfo) -> UpdateState:
    dnf5 = scan.host.stat("/usr/bin/dnf5") is not None
    if dnf5:
        base, sub, cache = ["dnf5", "-C", "-q", "--no-plugins"], "check-upgrade", \
            "/var/cache/libdnf5"
    else:
        base, sub, cache = ["dnf", "-C", "-q", "--noplugins"], "check-update", \
            "/var/cache/dnf"
    st = UpdateState(tool=f"{base[0]} -C {sub}")
    res = scan.run([*base, sub], timeout=LIST_TIMEOUT)
    cmd = " ".join([*base, sub])
    pkgs = ul.parse_dnf_check_update(res.stdout) if res.ran else []
    # exit 0 means "nothing to upgrade" only when -q left nothing else printed
    if res.ran and (res.returncode == 0 and not res.stdout.strip()
                    or res.returncode == 100 and pkgs):
        st.listing_ok = True
        st.pending = [p[0] for p in pkgs]
        st.evidence.append(Evidence(cmd, f"exit status {res.returncode}: "
                                         f"{len(pkgs)} upgradable"))
        if pkgs:
            st.evidence.append(Evidence("updates", _show_names(st.pending)))
    else:
        text = res.describe()
        if res.stderr.strip():
            text += f" — {_first_line(res.stderr)}"
        st.evidence.append(Evidence(cmd, text))
        if dnf5:
            st.details.append(msg("On this system the package manager may need an "
                                  "administrator to refresh its cache before an ordinary "
                                  "user can read it."))

    repos = scan.host.list_dir(cache) or []
    has_updateinfo = False
    for repo in repos:
        when = _mtime(scan, f"{cache}/{repo}/repodata/repomd.xml")
        st.saw_refresh(when, exact=True)
        files = scan.host.list_dir(f"{cache}/{repo}/repodata") or []
        has_updateinfo = has_updateinfo or any("updateinfo" in f for f in files)
    if st.refreshed_at:
        st.evidence.append(Evidence(cache, f"newest repository metadata "
                                           f"{_stamp(st.refreshed_at)}"))

    if st.listing_ok:
        sec_cmd = [*base, sub, "--security"]
        sec = scan.run(sec_cmd, timeout=LIST_TIMEOUT)
        sec_pkgs = ul.parse_dnf_check_update(sec.stdout) if sec.ran else []
        if has_updateinfo and sec.ran and (sec.returncode == 0 and not sec.stdout.strip()
                                           or sec.returncode == 100 and sec_pkgs):
            st.security = [p[0] for p in sec_pkgs]
            st.evidence.append(Evidence(" ".join(sec_cmd),
                                        f"{len(st.security)} security updates"))
            if st.security:
                st.evidence.append(Evidence("security updates", _show_names(st.security)))
        elif not has_updateinfo:
            st.evidence.append(Evidence(cache, "no security advisories (updateinfo) cached"))
        else:
            st.evidence.append(Evidence(" ".join(sec_cmd), sec.describe()))

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
    return st


def _pacman(scan: Scan, info: OSInfo) -> UpdateState:
    st = UpdateState(tool="pacman -Qu")
    res = scan.run(["pacman", "-Qu"], timeout=LIST_TIMEOUT)
    listed = ul.parse_pacman_qu(res.stdout) if res.ran else None
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
        text = res.describe()
        if res.stderr.strip():
            text += f" — {_first_line(res.stderr)}"
        st.evidence.append(Evidence("pacman -Qu", text))
    for name in scan.host.list_dir(PACMAN_SYNC) or []:
        if name.endswith(".db"):
            st.saw_refresh(_mtime(scan, f"{PACMAN_SYNC}/{name}"), exact=True)
    if st.refreshed_at:
        st.evidence.append(Evidence(PACMAN_SYNC, f"newest package database "
                                                 f"{_stamp(st.refreshed_at)}"))
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


def _zypper(scan: Scan, info: OSInfo) -> UpdateState:
    base = ["zypper", "--non-interactive", "--no-refresh", "--xmlout"]
    st = UpdateState(tool="zypper --no-refresh list-updates")
    res = scan.run([*base, "list-updates"], timeout=LIST_TIMEOUT)
    cmd = " ".join([*base, "list-updates"])
    parsed = ul.parse_zypper_xml(res.stdout) if res.ran else None
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
            pres = scan.run([*base, "list-patches", "--category", "security"],
                            timeout=LIST_TIMEOUT)
            patches = ul.parse_zypper_xml(pres.stdout) if pres.ok else None
            if patches is not None and patches.complete:
                st.security = sorted({u.get("name", "?") for u in patches.updates
                                      if u.get("kind") == "patch"
                                      and u.get("status", "needed") == "needed"})
                st.evidence.append(Evidence("zypper list-patches --category security",
                                            f"{len(st.security)} needed"))
    else:
        st.evidence.append(Evidence(cmd, res.describe() if not res.ok else
                                    "output not understood"))
    for repo in scan.host.list_dir(ZYPP_RAW) or []:
        st.saw_refresh(_mtime(scan, f"{ZYPP_RAW}/{repo}/repodata/repomd.xml"), exact=True)
    if st.refreshed_at:
        st.evidence.append(Evidence(ZYPP_RAW, f"newest repository metadata "
                                              f"{_stamp(st.refreshed_at)}"))
    _reboot_marker(scan, st)
    return st


def _snap_and_flatpak(scan: Scan, st: UpdateState, now: datetime) -> None:
    res = scan.run(["snap", "refresh", "--time", "--abs-time"], timeout=10)
    snap = ul.parse_snap_refresh_time(res.stdout) if res.ok else None
    if snap is not None:
        st.evidence.append(Evidence("snap refresh --time", ", ".join(
            f"{k}: {v}" for k, v in snap.raw.items())))
        if snap.last is not None:
            st.details.append(msg("Snap apps last looked for updates on {date}.",
                                  date=iso_date(snap.last)))
        if snap.hold_forever:
            st.details.append(msg("Snap app updates are on hold with no end date."))
        elif snap.hold_until is not None and snap.hold_until > now:
            st.details.append(msg("Snap app updates are on hold until {date}.",
                                  date=iso_date(snap.hold_until)))
    if scan.host.stat("/usr/bin/flatpak") is not None:
        st.details.append(msg("Flatpak apps were not checked: flatpak can only list their "
                              "updates by contacting its servers, which Checkup never "
                              "does."))


def _linux(scan: Scan) -> Finding:
    info = scan_os(scan)
    if scan.context.tails:
        return Finding(Status.NOT_APPLICABLE, msg(
            "Tails is updated as a whole by its own upgrader when it starts; its version is "
            "judged by the check on whether this system is still supported."),
            evidence=list(info.evidence))
    if scan.host.stat("/run/ostree-booted") is not None:
        return Finding(Status.UNKNOWN, msg(
            "This is an image-based system (ostree). Checkup cannot yet read its update "
            "state; open its software updater to see whether updates are waiting."),
            evidence=[*info.evidence, Evidence("/run/ostree-booted", "present")])
    manager = linux_package_manager(scan, info)
    gatherers = {"apt": _apt, "dnf": _dnf, "pacman": _pacman, "zypper": _zypper}
    if manager is None:
        return Finding(Status.UNKNOWN, msg(
            "Checkup does not know how {system} installs updates, so it could not check "
            "them. Use the system's own updater to see whether updates are waiting.",
            system=info.label or "this Linux system"),
            evidence=[*info.evidence, *(Evidence(path, "not found") for path in PACKAGE_MANAGERS)],
            data={"reason": "unknown_package_manager", "os_id": info.os_id})
    st = gatherers[manager](scan, info)
    st.evidence[:0] = list(info.evidence)
    st.data["package_manager"] = manager
    now = scan.now()
    _snap_and_flatpak(scan, st, now)
    if scan.context.qubes_vm:
        st.details.append(msg("In Qubes OS, this qube's software comes from its template: "
                              "install updates with the Qubes Update tool."))
    return _decide(st, now)


# -- macOS ------------------------------------------------------------------------------

def _named(name: str, version: str) -> str:
    """"macOS Sequoia 15.3" rather than "macOS Sequoia 15.3 15.3"."""
    return name if not version or version in name else f"{name} {version}".strip()


def _macos(scan: Scan) -> Finding:
    info = scan_os(scan)
    now = scan.now()
    evidence = list(info.evidence)
    raw = um.load_plist(scan.host.read_bytes(um.SOFTWARE_UPDATE_PLIST))
    if raw is None:
        evidence.append(Evidence(um.SOFTWARE_UPDATE_PLIST, "missing or unreadable"))
        return Finding(Status.UNKNOWN, msg(
            "Checkup could not read macOS's software update record. Open System Settings, "
            "General, Software Update to see whether updates are waiting."),
            evidence=evidence, data={"reason": "no_record"})
    rec = um.parse_software_update(raw)
    history = um.parse_install_history(
        um.load_plist_list(scan.host.read_bytes(um.INSTALL_HISTORY_PLIST)) or [])
    last_sys = um.last_system_install(history)
    last_os = um.last_os_update(history)
    last_check = rec.last_check
    if last_check is not None and in_future(last_check, now):
        evidence.append(Evidence(um.SOFTWARE_UPDATE_PLIST, f"last check dated in the future "
                                                          f"({_stamp(last_check)}): not used"))
        last_check = None
    if last_sys is not None and in_future(last_sys.date, now):
        last_sys = None

    shown = []
    if rec.last_successful:
        shown.append(f"LastSuccessfulDate {_stamp(rec.last_successful)}")
    if rec.last_full_successful:
        shown.append(f"LastFullSuccessfulDate {_stamp(rec.last_full_successful)}")
    if rec.recommended_count is not None:
        shown.append(f"LastRecommendedUpdatesAvailable {rec.recommended_count}")
    if rec.recommended is not None:
        shown.append("RecommendedUpdates: " + (", ".join(
            f"{u.name} {u.version}".strip() for u in rec.recommended) or "none"))
    evidence.append(Evidence(um.SOFTWARE_UPDATE_PLIST, "; ".join(shown) or "no update keys"))
    if last_os:
        evidence.append(Evidence(um.INSTALL_HISTORY_PLIST,
                                 f"last macOS update {_named(last_os.name, last_os.version)}, "
                                 f"{_stamp(last_os.date)}"))
    if last_sys and last_sys is not last_os:
        evidence.append(Evidence(um.INSTALL_HISTORY_PLIST,
                                 f"last install by softwareupdated: "
                                 f"{_named(last_sys.name, last_sys.version)}, "
                                 f"{_stamp(last_sys.date)}"))

    data: dict[str, Any] = {
        "last_check": last_check.isoformat() if last_check else None,
        "last_install": last_sys.date.isoformat() if last_sys else None,
    }
    caveat = msg("macOS does not always keep this record up to date. To be sure, open System "
                 "Settings, General, Software Update.")
    pending: list[um.RecommendedUpdate] | None = None
    if rec.recommended is not None:
        pending = um.still_pending(rec.recommended, info.full_version)
        if not rec.recommended and rec.recommended_count:
            # the count says updates were found, the list names none: the record
            # contradicts itself, so it cannot show that nothing is waiting
            pending = None
    elif rec.recommended_count == 0:
        pending = []

    when = iso_date(last_check) if last_check else "?"
    if pending:
        names = ", ".join(_named(u.name, u.version) for u in pending)
        data["pending"] = len(pending)
        return Finding(Status.FAIL, msg_n(
            "macOS recorded {n} update waiting to be installed when it last checked, on "
            "{date}: {names}.",
            "macOS recorded {n} updates waiting to be installed when it last checked, on "
            "{date}: {names}.", len(pending), date=when, names=names),
            severity=Severity.MEDIUM, evidence=evidence,
            details=[msg("Apple does not say which updates fix security problems; nearly "
                         "every macOS update does."), caveat], data=data)
    if last_check is None:
        return Finding(Status.UNKNOWN, msg(
            "macOS's record does not say when it last checked for updates, so Checkup "
            "cannot say that nothing is waiting."), evidence=evidence, details=[caveat],
            data=data)
    check_age = _age(now, last_check)
    sys_age = _age(now, last_sys.date) if last_sys else None
    if check_age > STALE_DAYS and (sys_age is None or sys_age > STALE_DAYS):
        return Finding(Status.FAIL, msg_n(
            "macOS last checked for updates {n} day ago (on {date}) and has installed "
            "nothing since, so newer security fixes are missing.",
            "macOS last checked for updates {n} days ago (on {date}) and has installed "
            "nothing since, so newer security fixes are missing.", check_age,
            date=iso_date(last_check)), severity=Severity.MEDIUM, evidence=evidence,
            details=[caveat], data=data)
    if pending is None:
        return Finding(Status.UNKNOWN, msg(
            "macOS's record does not list which updates were found at its last check."),
            evidence=evidence, details=[caveat], data=data)
    if check_age > RECENT_DAYS:
        return Finding(Status.UNKNOWN, msg_n(
            "Nothing was waiting when macOS last checked for updates, {n} day ago (on "
            "{date}). Fixes published since then are not known yet.",
            "Nothing was waiting when macOS last checked for updates, {n} days ago (on "
            "{date}). Fixes published since then are not known yet.", check_age,
            date=iso_date(last_check)), evidence=evidence, details=[caveat], data=data)
    return Finding(Status.PASS, msg(
        "No updates were waiting when macOS last checked for them, on {date}.",
        date=iso_date(last_check)), evidence=evidence, details=[caveat], data=data)


# -- Windows ----------------------------------------------------------------------------

@dataclass(frozen=True)
class WindowsBlockers:
    """What stops Windows Update, shared with the auto-updates check."""

    disabled: tuple[str, ...]  # services whose Start is 4
    services_readable: bool
    pause: uw.PauseState
    evidence: tuple[Evidence, ...]


def windows_blockers(scan: Scan) -> WindowsBlockers:
    return scan.memo(_read_windows_blockers)


def _read_windows_blockers(scan: Scan) -> WindowsBlockers:
    host = scan.host
    now = scan.now()
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
    ux = host.registry_values(uw.UX_SETTINGS_KEY)
    pol_settings = host.registry_values(uw.UPDATE_POLICY_SETTINGS_KEY)
    wu_policy = host.registry_values(uw.WU_POLICY_KEY)
    pause = uw.pause_state(ux, pol_settings, wu_policy, now)
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
    text = f"{best.package}: " + (f"installed {_stamp(best.installed_at)}"
                                  if best.installed_at else "no install time")
    return best, Evidence(uw.CBS_PACKAGES_KEY, text)


def _windows(scan: Scan) -> Finding:
    info = scan_os(scan)
    now = scan.now()
    host = scan.host
    evidence = list(info.evidence)
    details: list[Message] = []
    data: dict[str, Any] = {"build": info.build, "ubr": info.ubr}

    blockers = windows_blockers(scan)
    evidence.extend(blockers.evidence)

    cu, cu_ev = _latest_cumulative(scan, info)
    if cu_ev:
        evidence.append(cu_ev)
    hist_fact = scan.fact(HISTORY_FACT)
    history = uw.parse_history(hist_fact.value) if hist_fact.ok else None
    if history:
        history = [e for e in history if not in_future(e.date, now)]
    last_hist = uw.last_windows_install(history) if history else None
    if last_hist:
        evidence.append(Evidence("Windows Update history", f"{_stamp(last_hist.date)}: "
                                                          f"{last_hist.title[:150]}"))
    elif not hist_fact.ok:
        evidence.append(Evidence("Windows Update history", f"not read: {hist_fact.error}"))
    res_fact = scan.fact(RESULTS_FACT)
    if res_fact.ok and isinstance(res_fact.value, dict):
        search = uw.parse_iso_utc(res_fact.value.get("last_search"))
        if search:
            evidence.append(Evidence("Windows Update", f"last successful search "
                                                       f"{_stamp(search)}"))
            data["last_search"] = search.isoformat()

    au_keys = host.registry_subkeys(uw.AU_STATE_KEY)
    cbs_keys = host.registry_subkeys(uw.CBS_KEY)
    au, cbs = au_keys or [], cbs_keys or []
    reboot = any(k.lower() == "rebootrequired" for k in au) or \
        any(k.lower() == "rebootpending" for k in cbs)
    # "nothing waits for a restart" needs both places where Windows marks it to be read
    restart_known = reboot or (au_keys is not None and cbs_keys is not None)
    if reboot:
        evidence.append(Evidence("restart", "RebootRequired/RebootPending key present"))
    elif not restart_known:
        evidence.append(Evidence("restart", "the keys that mark a pending restart could not "
                                            "be read"))
    data["reboot_required"] = reboot
    metered, cost_ev = windows_metered(scan)
    if cost_ev:
        evidence.append(cost_ev)
    if metered:
        details.append(msg("This computer is on a metered connection: Windows waits to "
                           "download most updates until it is on an unmetered one."))
    if reboot:
        details.append(msg("Some installed updates only take effect after the computer "
                           "restarts."))

    def result(status: Status, summary: Message, severity: Severity | None = None) -> Finding:
        return Finding(status, summary, severity=severity, evidence=evidence,
                       details=details, data=data)

    if blockers.disabled:
        data["disabled_services"] = list(blockers.disabled)
        return result(Status.FAIL, msg(
            "The Windows Update service is turned off, so Windows cannot install security "
            "updates."), Severity.HIGH)
    if blockers.pause.paused_until is not None:
        data["paused_until"] = blockers.pause.paused_until.isoformat()
        return result(Status.FAIL, msg(
            "Windows updates are paused until {date}; no security fixes are installed "
            "until then.", date=iso_date(blockers.pause.paused_until)), Severity.MEDIUM)
    if blockers.pause.feature_paused_until is not None:
        details.append(msg("Feature updates (new Windows versions) are paused; security "
                           "updates are not."))

    installed = cu.installed_at if cu and cu.installed_at else (
        last_hist.date if last_hist else None)
    if installed is None:
        return result(Status.UNKNOWN, msg(
            "Checkup could not find when Windows last installed an update. Open Settings, "
            "Windows Update, Update history to see it."))
    data["last_install"] = installed.isoformat()
    due = uw.expected_patch_tuesday(now)
    data["expected_release"] = due.isoformat()
    age = _age(now, installed)
    if installed.date() < due:
        if age > STALE_DAYS:
            return result(Status.FAIL, msg_n(
                "Windows has not installed an update for {n} day (the last on {date}), so "
                "recent security fixes are missing.",
                "Windows has not installed an update for {n} days (the last on {date}), so "
                "recent security fixes are missing.", age, date=iso_date(installed)),
                Severity.HIGH)
        # A monthly release is a security update known and not installed: high, as on
        # Linux when the package manager lists one.
        return result(Status.FAIL, msg(
            "The monthly Windows security update released on {release} is not installed "
            "yet; the last update was installed on {date}.", release=due.isoformat(),
            date=iso_date(installed)), Severity.HIGH)
    if reboot:
        return result(Status.ATTENTION, msg(
            "Updates are installed, but the computer must restart to finish installing "
            "them."))
    if cu is None or cu.installed_at is None:
        # Only Windows Update's history dates this install, and its newest entry may be
        # another product's update (.NET, Office, a driver with a KB number): it does not
        # show that the monthly cumulative update is the one installed.
        return result(Status.UNKNOWN, msg(
            "Windows Update's history shows an update installed on {date}, but Checkup could "
            "not confirm that it was the monthly security update. Open Settings, Windows "
            "Update, Update history to see it.", date=iso_date(installed)))
    if not restart_known:
        return result(Status.PASS, msg(
            "Windows installed the latest monthly update on {date}.",
            date=iso_date(installed)))
    return result(Status.PASS, msg(
        "Windows installed the latest monthly update on {date}; nothing is waiting for a "
        "restart.",
        date=iso_date(installed)))


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
    "/usr/lib/modules", "/usr/bin/flatpak", "/run/ostree-booted",
    um.SOFTWARE_UPDATE_PLIST, um.INSTALL_HISTORY_PLIST,
)

spec(
    "os-updates", N_("Updates installed"),
    description=N_("Are the updates your system knows about installed?"),
    order=21,
    slot=2,
    systems={
        "linux": On(_linux, Status.PASS, Status.ATTENTION, Status.FAIL, Status.UNKNOWN,
                    Status.NOT_APPLICABLE),
        "macos": On(_macos, Status.PASS, Status.FAIL, Status.UNKNOWN),
        "windows": On(_windows, Status.PASS, Status.ATTENTION, Status.FAIL, Status.UNKNOWN),
    },
    commands=COMMANDS,
    files=FILES,
    ps_facts=(HISTORY_FACT, RESULTS_FACT, COST_FACT),
    demos={
        "windows10-unencrypted-telegram": "os_updates/windows-10-22h2-recent.json",
        "macos-filevault-signal": "desktop/scenario_sources/macos-up-to-date.json",
        "linux-luks-pending-updates":
            "desktop/scenario_sources/ubuntu-pending-security-updates.json",
        "windows11-bitlocker-keepass": "os_updates/windows-11-metered.json",
        "windows11-home-remote-support": "os_updates/windows-11-paused.json",
        "macos12-no-filevault": "os_updates/macos-14-install-off.json",
        "macos15-encrypting-screen-sharing": "os_updates/macos-15-recommended-updates.json",
        "linux-ubuntu2004-unencrypted": "os_updates/ubuntu-24.04-cache-45-days.json",
        "linux-kubuntu-well-kept": "os_updates/kubuntu-24.04-discover.json",
    },
)
