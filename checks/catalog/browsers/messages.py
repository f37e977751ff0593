"""The browsers check's sentences."""

from __future__ import annotations

from collections.abc import Sequence

from checks.catalog.browsers import versions as bv
from checks.catalog.browsers.facts import Install
from checks.catalog.browsers.versions import Judgement
from checks.catalog.readers.sentences import join_list
from checks.engine.i18n import Message, msg, msg_n


def _esr_detail(inst: Install, name: str, version: str, where: str, j: Judgement) -> Message:
    if j.state == bv.ESR_SUPPORTED:
        if inst.browser.scheme == "tor":
            return msg("{name} {version} ({where}): built on Firefox {esr}, an Extended Support "
                       "Release that still receives security fixes.", name=name,
                       version=version, where=where, esr=str(j.esr_major))
        return msg("{name} {version} ({where}): Extended Support Release {esr}, which still "
                   "receives security fixes.", name=name, version=version, where=where,
                   esr=str(j.esr_major))
    if j.esr_end:
        return msg("{name} {version} ({where}): its release line ({esr}) received its last "
                   "security fixes on {date}.", name=name, version=version, where=where,
                   esr=str(j.esr_major), date=j.esr_end)
    return msg("{name} {version} ({where}): its release line ({esr}) no longer receives "
               "security fixes.", name=name, version=version, where=where,
               esr=str(j.esr_major))


def _unjudged_detail(name: str, version: str, where: str, j: Judgement) -> Message:
    if j.state == bv.SYSTEM:
        return msg("{name} ({where}) is updated together with the operating system; see the "
                   "operating-system update check.", name=name, where=where)
    if j.state == bv.UNTRACKED:
        if version:
            return msg("{name} {version} ({where}): Checkup does not track this browser's "
                       "versions. Open its menu, then About, to let it update.", name=name,
                       version=version, where=where)
        return msg("{name} ({where}): Checkup does not track this browser's versions. Open its "
                   "menu, then About, to let it update.", name=name, where=where)
    return msg("{name} ({where}): Checkup could not read its version. Open its menu, then "
               "About, to see it and let it update.", name=name, where=where)


def _current_detail(name: str, version: str, where: str, j: Judgement) -> Message:
    if j.grace:
        return msg("{name} {version} ({where}): {current} came out a few days ago and reaches "
                   "people in stages, so this version still counts as current for now. Let it "
                   "update soon.", name=name, version=version, where=where,
                   current=str(j.current or ""))
    if j.projected is not None and j.current is not None and j.projected > j.current:
        return msg("{name} {version} ({where}): as new as the version this browser can be "
                   "expected to have by now ({projected}).", name=name, version=version,
                   where=where, projected=str(j.projected))
    return msg("{name} {version} ({where}): a current release; the newest Checkup knows of "
               "is {current}.", name=name, version=version, where=where,
               current=str(j.current or ""))


def _projected_detail(inst: Install, name: str, version: str, where: str,
                      j: Judgement) -> Message:
    days = int(inst.browser.versions.get("cadence_days") or 0)
    if j.state == bv.MAY_BE_OUTDATED:
        return msg_n(
            "{name} {version} ({where}): may be out of date. A new version comes out about "
            "every {n} day, so by now it can be expected to be {projected}; Checkup's "
            "information only knows of {current}. Open its menu, then About, to let it "
            "update.",
            "{name} {version} ({where}): may be out of date. A new version comes out about "
            "every {n} days, so by now it can be expected to be {projected}; Checkup's "
            "information only knows of {current}. Open its menu, then About, to let it "
            "update.", days, name=name, version=version, where=where,
            projected=str(j.projected or ""), current=str(j.current or ""))
    return msg_n(
        "{name} {version} ({where}): probably out of date. A new version comes out about "
        "every {n} day, so by now it can be expected to be {projected}, {behind} versions "
        "newer. Update it from its menu: Help, About.",
        "{name} {version} ({where}): probably out of date. A new version comes out about "
        "every {n} days, so by now it can be expected to be {projected}, {behind} versions "
        "newer. Update it from its menu: Help, About.", days, name=name, version=version,
        where=where, projected=str(j.projected or ""), behind=str(j.behind))


def distribution_detail(inst: Install) -> Message | None:
    """What the distribution offers for a package install, when apt's simulation told."""
    if not inst.package or inst.offered is None:
        return None
    j = inst.judgement
    if inst.offered:
        return msg("Your system's package sources offer {name} {offered} ({package}), not "
                   "installed yet: install your system's updates.", name=inst.browser.name,
                   offered=inst.offered, package=inst.package)
    if j is not None and j.state in bv.BAD:
        return msg("{name} {version} is the newest version your system's package sources offer "
                   "({package}), but its maker no longer patches it: update your system's "
                   "package lists and install updates, or install the browser from its maker.",
                   name=inst.browser.name, version=inst.version.raw if inst.version else "",
                   package=inst.package)
    return msg("{name} {version} is also the newest version your system's package sources "
               "offer ({package}).", name=inst.browser.name,
               version=inst.version.raw if inst.version else "", package=inst.package)


def install_detail(inst: Install) -> Message:
    """One line per browser found: its version and what the judgement says of it."""
    j = inst.judgement or Judgement(bv.NO_VERSION)
    name, where = inst.browser.name, inst.where
    version = inst.version.raw if inst.version else ""
    since = str(inst.browser.versions.get("current_since", ""))
    if j.state == bv.CURRENT:
        return _current_detail(name, version, where, j)
    if j.state == bv.EXTENDED:
        # TRANSLATORS: Extended Stable is the name Google and Microsoft give this channel.
        return msg("{name} {version} ({where}): the version of the Extended Stable channel, "
                   "which an organisation can choose for its computers; on the ordinary "
                   "channel this version is out of date (the newest is {current}).",
                   name=name, version=version, where=where, current=str(j.current or ""))
    if j.state in (bv.MAY_BE_OUTDATED, bv.LIKELY_OUTDATED):
        return _projected_detail(inst, name, version, where, j)
    if j.state == bv.UPGRADE_WAITING:
        return msg("{name} {version} ({where}): a newer version is waiting to be installed.",
                   name=name, version=version, where=where)
    if j.state == bv.DATA_TOO_OLD:
        return msg("{name} {version} ({where}): Checkup's information is too old to tell "
                   "whether this version still receives security fixes.", name=name,
                   version=version, where=where)
    if j.state in (bv.ESR_SUPPORTED, bv.ESR_ENDED):
        return _esr_detail(inst, name, version, where, j)
    if j.state == bv.OUTDATED:
        return msg_n("{name} {version} ({where}): {n} version behind {current}, the current "
                     "one on {date}. Update it from its menu: Help, About.",
                     "{name} {version} ({where}): {n} versions behind {current}, the current "
                     "one on {date}. Update it from its menu: Help, About.",
                     j.behind, name=name, version=version, where=where,
                     current=str(j.current or ""), date=since)
    return _unjudged_detail(name, version, where, j)


def manual(family: str) -> Message:
    if family == "windows":
        return msg("To see for yourself, open Settings > Apps > Installed apps and look for "
                   "browsers; each shows its version in its own Help or About page.")
    if family == "macos":
        return msg("To see for yourself, open the Applications folder; each browser shows its "
                   "version under its name menu, About.")
    return msg("To see for yourself, open your application menu or software centre; each "
               "browser shows its version in its Help or About page.")


def data_gathered_today(date: str) -> Message:
    return msg("Checkup's information about browser releases was gathered on "
               "{date}.", date=date)


def data_age(date: str, days: int) -> Message:
    return msg_n(
        "Checkup's information about browser releases was gathered on {date}, {n} day ago; "
        "newer versions may have come out since.",
        "Checkup's information about browser releases was gathered on {date}, {n} days ago; "
        "newer versions may have come out since.", days, date=date)


def data_past_limit(date: str, days: int, limit: int) -> Message:
    return msg_n(
        "Checkup's information about browser releases was gathered on {date}, {n} day ago: "
        "older than the {limit} days it can be relied on.",
        "Checkup's information about browser releases was gathered on {date}, {n} days ago: "
        "older than the {limit} days it can be relied on.", days, date=date, limit=str(limit))


def may_be_outdated(names: Sequence[str]) -> Message:
    return msg_n(
        "{names} may be out of date: Checkup's information is old enough that a newer "
        "version has probably come out since. Open its About page to let it update.",
        "{names} may be out of date: Checkup's information is old enough that newer "
        "versions have probably come out since. Open each one's About page to let it "
        "update.", len(names), names=join_list(names))


def upgrade_waiting(names: Sequence[str]) -> Message:
    return msg_n(
        "Your system's package sources offer a newer version of {names}: install your "
        "system's updates to get its security fixes.",
        "Your system's package sources offer newer versions of {names}: install your "
        "system's updates to get their security fixes.", len(names), names=join_list(names))


def extended_only(names: Sequence[str]) -> Message:
    return msg_n(
        "{names} still receives security fixes only if it was set to the Extended Stable "
        "channel, as organisations do for their computers; otherwise it is out of date. "
        "Ask whoever manages this computer, or open its About page to let it update.",
        "{names} still receive security fixes only if they were set to the Extended Stable "
        "channel, as organisations do for their computers; otherwise they are out of date. "
        "Ask whoever manages this computer, or open each one's About page to let it update.",
        len(names), names=join_list(names))


def likely_outdated(names: Sequence[str]) -> Message:
    return msg_n(
        "{names} is probably out of date: several newer versions can be expected to have "
        "come out since Checkup's information was gathered.",
        "{names} are probably out of date: several newer versions can be expected to have "
        "come out since Checkup's information was gathered.", len(names),
        names=join_list(names))


def outdated(names: Sequence[str]) -> Message:
    return msg_n(
        "{names} is out of date and no longer receives security fixes.",
        "{names} are out of date and no longer receive security fixes.",
        len(names), names=join_list(names))


def apps_unlisted() -> Message:
    return msg(
        "Checkup could not list the applications on this computer, so it cannot tell which "
        "browsers are installed.")


def only_system_browser() -> Message:
    return msg("The only browser found is updated together with the operating system.")


def none_found(looked_for: Sequence[str]) -> Message:
    return msg(
        "Checkup did not find any of the browsers it knows ({names}), so it cannot tell "
        "whether yours still receives security fixes.", names=join_list(looked_for))


def data_too_old(names: Sequence[str]) -> Message:
    # The limit is the data file's stale_after_days, 180: the sentence of the details says it.
    return msg_n(
        "Checkup's information about browser releases is more than six months old, too old "
        "to tell whether {names} still receives security fixes. Open its About page to "
        "check.",
        "Checkup's information about browser releases is more than six months old, too old "
        "to tell whether {names} still receive security fixes. Open each one's About page "
        "to check.", len(names), names=join_list(names))


def all_current(names: Sequence[str]) -> Message:
    return msg_n(
        "The browser found, {names}, is a version that still receives security fixes.",
        "The browsers found ({names}) are versions that still receive security fixes.",
        len(names), names=join_list(names))


def only_unknown_browsers(names: Sequence[str]) -> Message:
    return msg_n(
        "Checkup found {names}, a browser it has no release information for, so it cannot "
        "tell whether it still receives security fixes. Open its menu, then About, to let "
        "it update.",
        "Checkup found {names}, browsers it has no release information for, so it cannot "
        "tell whether they still receive security fixes. Open each one's menu, then About, "
        "to let it update.", len(names), names=join_list(names))


def some_unjudged(names: Sequence[str]) -> Message:
    return msg_n(
        "The browsers Checkup could check are up to date, but it could not tell for "
        "{names}: check that one yourself.",
        "The browsers Checkup could check are up to date, but it could not tell for "
        "{names}: check those yourself.", len(names), names=join_list(names))


def none_judged(names: Sequence[str]) -> Message:
    return msg_n(
        "Checkup found {names} but could not tell whether its version still receives "
        "security fixes.",
        "Checkup found {names} but could not tell whether their versions still receive "
        "security fixes.", len(names), names=join_list(names))


def data_unloadable() -> Message:
    return msg(
        "Checkup's list of browsers could not be loaded, so this check could not run. "
        "Please report it.")
