"""The os-updates verdicts from what was read (pure: nothing here reads the machine)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from checks.catalog.os_updates import macos as um
from checks.catalog.os_updates import messages as say
from checks.catalog.os_updates import windows as uw
from checks.catalog.os_updates.dates import age_days, in_future, iso_date, stamp
from checks.catalog.os_updates.facts import LinuxFacts, LinuxUpdates, MacFacts, WindowsFacts
from checks.engine.i18n import Message
from checks.engine.model import Evidence, Finding, Severity, Status

RECENT_DAYS = 7  # "recently refreshed": the system looked for updates within a week
STALE_DAYS = 30  # nothing refreshed or installed for longer than this is a failure
REBOOT_WAIT_DAYS = 7  # a restart pending longer than this becomes a (low) failure

# -- Linux ------------------------------------------------------------------------------


def _linux_details(f: LinuxFacts) -> list[Message]:
    """What else the person should know: a cache only an administrator can refresh, snap's
    own schedule, flatpak not listed, a Qubes template."""
    out: list[Message] = []
    if f.updates is not None and f.updates.cache_needs_admin:
        out.append(say.dnf_cache_needs_admin())
    snap = f.snap
    if snap is not None:
        if snap.last is not None:
            out.append(say.snap_last_looked(iso_date(snap.last)))
        if snap.hold_forever:
            out.append(say.snap_held_forever())
        elif snap.hold_until is not None and snap.hold_until > f.now:
            out.append(say.snap_held_until(iso_date(snap.hold_until)))
    if f.flatpak:
        out.append(say.flatpak_not_checked())
    if f.qubes:
        out.append(say.qubes_template())
    return out


class _Linux:
    """Builds the Linux findings of one reading: its evidence, details and data."""

    def __init__(self, f: LinuxFacts, u: LinuxUpdates) -> None:
        self.f, self.u = f, u
        snap = [Evidence("snap refresh --time", ", ".join(
            f"{k}: {v}" for k, v in f.snap.raw.items()))] if f.snap is not None else []
        self.evidence = [*f.evidence, *u.evidence, *snap]
        self.details = _linux_details(f)
        self.extra = [say.restart_to_take_effect()] if u.reboot else []

    def finding(self, status: Status, summary: Message, severity: Severity | None = None,
                extra: bool = True) -> Finding:
        u = self.u
        data: dict[str, Any] = {} if u.kept_back is None else {"kept_back": u.kept_back}
        data.update({
            "package_manager": u.manager,
            "pending": len(u.pending),
            "security": None if u.security is None else len(u.security),
            "refreshed_at": u.refreshed_at.isoformat() if u.refreshed_at else None,
            "refresh_exact": u.refresh_exact,
            "reboot_required": u.reboot,
        })
        return Finding(status, summary, severity=severity, evidence=list(self.evidence),
                       details=[*(self.extra if extra else []), *self.details], data=data)


def _linux_failure(b: _Linux, age: int | None) -> Finding | None:
    """Security fixes known and waiting, or none that can arrive."""
    u = b.u
    if u.security:
        return b.finding(Status.FAIL, say.security_waiting(len(u.security)), Severity.HIGH)
    if u.no_security_source:
        return b.finding(Status.FAIL, say.no_security_source(), Severity.MEDIUM)
    stale = age is not None and u.refresh_exact and age > STALE_DAYS
    if stale and u.refreshed_at is not None and age is not None:
        return b.finding(Status.FAIL, say.last_looked_stale(age, iso_date(u.refreshed_at)),
                         Severity.MEDIUM)
    if u.pending and u.security is None:
        return b.finding(Status.FAIL, say.unlabelled_waiting(len(u.pending)), Severity.MEDIUM)
    return None


def _linux_unknown(b: _Linux, age: int | None) -> Finding | None:
    """Why an empty list would prove nothing."""
    u = b.u
    if not u.listing_ok:
        return b.finding(Status.UNKNOWN, say.listing_unusable(u.tool))
    if u.never_refreshed:
        return b.finding(Status.UNKNOWN, say.never_refreshed())
    if u.refreshed_at is None or age is None:
        return b.finding(Status.UNKNOWN, say.refresh_unknown())
    if age > RECENT_DAYS:
        if not u.refresh_exact:
            return b.finding(Status.UNKNOWN,
                             say.newest_information_old(age, iso_date(u.refreshed_at)))
        return b.finding(Status.UNKNOWN,
                         say.last_looked_not_recent(age, iso_date(u.refreshed_at)))
    if u.partial and not u.pending:
        return b.finding(Status.UNKNOWN, say.sources_need_admin())
    return None


def _linux_updates(f: LinuxFacts, u: LinuxUpdates) -> Finding:
    b = _Linux(f, u)
    age = age_days(f.now, u.refreshed_at) if u.refreshed_at else None
    found = _linux_failure(b, age) or _linux_unknown(b, age)
    if found is not None:
        return found
    if u.pending:
        return b.finding(Status.ATTENTION, say.non_security_waiting(len(u.pending)))
    if u.reboot:
        if u.reboot_since is not None and age_days(f.now, u.reboot_since) > REBOOT_WAIT_DAYS:
            return b.finding(Status.FAIL, say.restart_overdue(
                age_days(f.now, u.reboot_since), iso_date(u.reboot_since)), Severity.LOW,
                extra=False)
        return b.finding(Status.ATTENTION, say.restart_to_finish(), extra=False)
    assert u.refreshed_at is not None  # _linux_unknown returned otherwise
    return b.finding(Status.PASS, say.linux_up_to_date(iso_date(u.refreshed_at)), extra=False)


def decide_linux(f: LinuxFacts) -> Finding:
    """``not_applicable`` on Tails; ``unknown`` on ostree or an unknown package manager;
    else the package manager's listing, its dates and a pending restart decide."""
    if f.tails:
        return Finding(Status.NOT_APPLICABLE, say.tails_not_applicable(),
                       evidence=list(f.evidence))
    if f.ostree:
        return Finding(Status.UNKNOWN, say.ostree_unknown(), evidence=list(f.evidence))
    if f.updates is None:
        return Finding(Status.UNKNOWN, say.unknown_package_manager(
            f.label or "this Linux system"), evidence=list(f.evidence),
            data={"reason": "unknown_package_manager", "os_id": f.os_id})
    return _linux_updates(f, f.updates)


# -- macOS ------------------------------------------------------------------------------

def _named(name: str, version: str) -> str:
    """"macOS Sequoia 15.3" rather than "macOS Sequoia 15.3 15.3"."""
    return name if not version or version in name else f"{name} {version}".strip()


def _record_evidence(rec: um.SoftwareUpdateRecord) -> Evidence:
    shown = []
    if rec.last_successful:
        shown.append(f"LastSuccessfulDate {stamp(rec.last_successful)}")
    if rec.last_full_successful:
        shown.append(f"LastFullSuccessfulDate {stamp(rec.last_full_successful)}")
    if rec.recommended_count is not None:
        shown.append(f"LastRecommendedUpdatesAvailable {rec.recommended_count}")
    if rec.recommended is not None:
        shown.append("RecommendedUpdates: " + (", ".join(
            f"{u.name} {u.version}".strip() for u in rec.recommended) or "none"))
    return Evidence(um.SOFTWARE_UPDATE_PLIST, "; ".join(shown) or "no update keys")


def _history_evidence(last_os: um.InstallEntry | None,
                      last_sys: um.InstallEntry | None) -> list[Evidence]:
    out = []
    if last_os:
        out.append(Evidence(um.INSTALL_HISTORY_PLIST,
                            f"last macOS update {_named(last_os.name, last_os.version)}, "
                            f"{stamp(last_os.date)}"))
    if last_sys and last_sys is not last_os:
        out.append(Evidence(um.INSTALL_HISTORY_PLIST,
                            f"last install by softwareupdated: "
                            f"{_named(last_sys.name, last_sys.version)}, "
                            f"{stamp(last_sys.date)}"))
    return out


def _still_pending(rec: um.SoftwareUpdateRecord,
                   full_version: str) -> list[um.RecommendedUpdate] | None:
    """The recommended updates not yet installed; None when the record cannot tell."""
    if rec.recommended is not None:
        if not rec.recommended and rec.recommended_count:
            # the count says updates were found, the list names none: the record
            # contradicts itself, so it cannot show that nothing is waiting
            return None
        return um.still_pending(rec.recommended, full_version)
    if rec.recommended_count == 0:
        return []
    return None


def decide_macos(f: MacFacts) -> Finding:
    """``fail`` for updates recorded waiting or nothing checked or installed for a month;
    ``pass`` for a recent check that found nothing; else ``unknown``."""
    evidence = list(f.evidence)
    rec = f.record
    if rec is None:
        evidence.append(Evidence(um.SOFTWARE_UPDATE_PLIST, "missing or unreadable"))
        return Finding(Status.UNKNOWN, say.macos_no_record(), evidence=evidence,
                       data={"reason": "no_record"})
    history = list(f.history)
    last_sys, last_os = um.last_system_install(history), um.last_os_update(history)
    last_check = rec.last_check
    if last_check is not None and in_future(last_check, f.now):
        evidence.append(Evidence(um.SOFTWARE_UPDATE_PLIST, f"last check dated in the future "
                                                          f"({stamp(last_check)}): not used"))
        last_check = None
    if last_sys is not None and in_future(last_sys.date, f.now):
        last_sys = None
    evidence += [_record_evidence(rec), *_history_evidence(last_os, last_sys)]
    data: dict[str, Any] = {
        "last_check": last_check.isoformat() if last_check else None,
        "last_install": last_sys.date.isoformat() if last_sys else None,
    }
    return _macos_verdict(f, _still_pending(rec, f.full_version), last_check, last_sys,
                          evidence, data)


def _macos_verdict(f: MacFacts, pending: list[um.RecommendedUpdate] | None,
                   last_check: datetime | None, last_sys: um.InstallEntry | None,
                   evidence: list[Evidence], data: dict[str, Any]) -> Finding:
    caveat = say.macos_record_caveat()

    def result(status: Status, summary: Message, severity: Severity | None = None,
               details: tuple[Message, ...] = ()) -> Finding:
        return Finding(status, summary, severity=severity, evidence=evidence,
                       details=[*details, caveat], data=data)

    if pending:
        names = ", ".join(_named(u.name, u.version) for u in pending)
        data["pending"] = len(pending)
        when = iso_date(last_check) if last_check else "?"
        return result(Status.FAIL, say.macos_waiting(len(pending), when, names),
                      Severity.MEDIUM, (say.apple_does_not_label_security(),))
    if last_check is None:
        return result(Status.UNKNOWN, say.macos_check_date_unknown())
    check_age = age_days(f.now, last_check)
    sys_age = age_days(f.now, last_sys.date) if last_sys else None
    if check_age > STALE_DAYS and (sys_age is None or sys_age > STALE_DAYS):
        return result(Status.FAIL, say.macos_stale(check_age, iso_date(last_check)),
                      Severity.MEDIUM)
    if pending is None:
        return result(Status.UNKNOWN, say.macos_found_unlisted())
    if check_age > RECENT_DAYS:
        return result(Status.UNKNOWN, say.macos_nothing_then(check_age, iso_date(last_check)))
    return result(Status.PASS, say.macos_up_to_date(iso_date(last_check)))


# -- Windows ----------------------------------------------------------------------------

class _Windows:
    """The evidence, details and data of one Windows reading, and its findings."""

    def __init__(self, f: WindowsFacts) -> None:
        self.f = f
        self.evidence = [*f.evidence, *f.blockers.evidence]
        self.details: list[Message] = []
        self.data: dict[str, Any] = {"build": f.build, "ubr": f.ubr}
        if f.cumulative_evidence:
            self.evidence.append(f.cumulative_evidence)
        history = f.history
        if history:
            history = tuple(e for e in history if not in_future(e.date, f.now))
        self.last_hist = uw.last_windows_install(list(history)) if history else None
        if self.last_hist:
            self.evidence.append(Evidence("Windows Update history",
                                          f"{stamp(self.last_hist.date)}: "
                                          f"{self.last_hist.title[:150]}"))
        elif not f.history_read:
            self.evidence.append(Evidence("Windows Update history",
                                          f"not read: {f.history_error}"))
        if f.last_search:
            self.evidence.append(Evidence("Windows Update", f"last successful search "
                                                            f"{stamp(f.last_search)}"))
            self.data["last_search"] = f.last_search.isoformat()
        self._restart()
        if f.cost_evidence:
            self.evidence.append(f.cost_evidence)
        if f.metered:
            self.details.append(say.metered_waits())
        if self.reboot:
            self.details.append(say.restart_to_take_effect())

    def _restart(self) -> None:
        f = self.f
        au, cbs = f.au_state_keys or (), f.cbs_keys or ()
        self.reboot = any(k.lower() == "rebootrequired" for k in au) or \
            any(k.lower() == "rebootpending" for k in cbs)
        # "nothing waits for a restart" needs both places where Windows marks it to be read
        self.restart_known = self.reboot or (f.au_state_keys is not None
                                             and f.cbs_keys is not None)
        if self.reboot:
            self.evidence.append(Evidence("restart", "RebootRequired/RebootPending key "
                                                     "present"))
        elif not self.restart_known:
            self.evidence.append(Evidence("restart", "the keys that mark a pending restart "
                                                     "could not be read"))
        self.data["reboot_required"] = self.reboot

    def result(self, status: Status, summary: Message,
               severity: Severity | None = None) -> Finding:
        return Finding(status, summary, severity=severity, evidence=self.evidence,
                       details=self.details, data=self.data)


def _windows_blocked(w: _Windows) -> Finding | None:
    """The update service turned off or updates paused."""
    blockers = w.f.blockers
    if blockers.disabled:
        w.data["disabled_services"] = list(blockers.disabled)
        return w.result(Status.FAIL, say.service_off(), Severity.HIGH)
    if blockers.pause.paused_until is not None:
        w.data["paused_until"] = blockers.pause.paused_until.isoformat()
        return w.result(Status.FAIL, say.paused_until(iso_date(blockers.pause.paused_until)),
                        Severity.MEDIUM)
    if blockers.pause.feature_paused_until is not None:
        w.details.append(say.feature_updates_paused())
    return None


def decide_windows(f: WindowsFacts) -> Finding:
    """``fail`` when the service is off, updates are paused or the month's security release
    is not installed; ``attention`` for a pending restart; ``pass`` for the latest monthly
    update installed; ``unknown`` when no install could be dated or confirmed."""
    w = _Windows(f)
    blocked = _windows_blocked(w)
    if blocked is not None:
        return blocked
    cu, last_hist = f.cumulative, w.last_hist
    installed = cu.installed_at if cu and cu.installed_at else (
        last_hist.date if last_hist else None)
    if installed is None:
        return w.result(Status.UNKNOWN, say.last_install_unknown())
    w.data["last_install"] = installed.isoformat()
    due = uw.expected_patch_tuesday(f.now)
    w.data["expected_release"] = due.isoformat()
    age = age_days(f.now, installed)
    if installed.date() < due:
        if age > STALE_DAYS:
            return w.result(Status.FAIL, say.windows_stale(age, iso_date(installed)),
                            Severity.HIGH)
        # A monthly release is a security update known and not installed: high, as on
        # Linux when the package manager lists one.
        return w.result(Status.FAIL, say.monthly_missing(due.isoformat(), iso_date(installed)),
                        Severity.HIGH)
    if w.reboot:
        return w.result(Status.ATTENTION, say.restart_to_finish())
    if cu is None or cu.installed_at is None:
        # Only Windows Update's history dates this install, and its newest entry may be
        # another product's update (.NET, Office, a driver with a KB number): it does not
        # show that the monthly cumulative update is the one installed.
        return w.result(Status.UNKNOWN, say.history_only(iso_date(installed)))
    if not w.restart_known:
        return w.result(Status.PASS, say.monthly_installed(iso_date(installed)))
    return w.result(Status.PASS, say.monthly_installed_no_restart(iso_date(installed)))
