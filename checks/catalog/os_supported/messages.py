"""The os-supported check's sentences."""

from __future__ import annotations

from checks.catalog.os_supported.data import Programme, SupportEntry
from checks.catalog.os_supported.facts import NOTE_SIGN_IN_AGAIN
from checks.engine.i18n import Message, msg, msg_n

# -- programmes and advice ---------------------------------------------------------------


def access_phrase(prog: Programme) -> Message:
    if prog.access == "automatic":
        return msg("Free; it reaches computers by itself.")
    if prog.access == "paid" or prog.cost == "paid":
        return msg("Paid; a licence has to be bought and installed on this computer.")
    if prog.cost == "free-or-paid":
        return msg("Free in some cases and paid in others; it has to be turned on for this "
                   "computer.")
    return msg("Free, but it has to be turned on for this computer.")


def coverage_phrase(prog: Programme) -> Message:
    if prog.coverage == "full":
        return msg("It covers all security fixes.")
    if prog.coverage == "partial":
        return msg("It covers only some of the software on this system.")
    return msg("It covers only the most serious security fixes.")


def programme_line(prog: Programme) -> Message:
    return msg("{programme}: until {date}. {access} {coverage}", programme=prog.name,
               date=prog.end.isoformat(), access=access_phrase(prog),
               coverage=coverage_phrase(prog))


def advice(entry: SupportEntry | None) -> Message:
    if entry is None:
        return msg("To keep getting security fixes, upgrade to a newer version of the system, or "
                   "move to a supported system.")
    if entry.os == "windows" and entry.advice == "feature-update":
        return msg("Install the newest Windows feature update: open Settings, then Windows Update.")
    if entry.os == "windows":
        return msg("Upgrade to Windows 11 if this computer can run it, or move to a supported "
                   "system such as a current Linux distribution.")
    if entry.os == "macos":
        return msg("Install the newest macOS this Mac can run: open System Settings, General, "
                   "Software Update. If this Mac cannot run a newer macOS, plan to replace it or "
                   "move to a supported system.")
    if entry.os == "tails":
        return msg("Start Tails while connected to the internet: it offers its upgrades by itself. "
                   "Or install the newest Tails from tails.net.")
    return msg("To keep getting security fixes, upgrade to a newer version of the system, or "
               "move to a supported system.")


def data_past_limit(gathered: str, days: int, limit: int) -> Message:
    return msg("Checkup's support dates were gathered on {gathered}, {days} days ago: older "
               "than the {limit} days they can be relied on. A date that was still ahead "
               "then is what the maker had announced; check its website.",
               gathered=gathered, days=str(days), limit=str(limit))


def stale_detail(gathered: str) -> Message:
    return msg("Our information is from {gathered}. Support dates can change: if in doubt, check "
               "the maker's website.", gathered=gathered)


def coverage_note(note: str) -> Message:
    """What a programme's detection adds: NOTE_SIGN_IN_AGAIN or NOTE_OTHER_ACCOUNT."""
    if note == NOTE_SIGN_IN_AGAIN:
        return msg("Windows says this computer's Extended Security Updates "
                   "enrolment needs you to sign in with your Microsoft account "
                   "again soon, or it stops.")
    return msg("If this computer was enrolled in Extended Security Updates from "
               "another user account, Checkup may not see it from here: check "
               "Settings, Update & Security, Windows Update.")


# -- dated support ends -------------------------------------------------------------------

def date_is_estimate() -> Message:
    return msg("This date is our estimate from the maker's stated policy; the maker "
               "has not published the exact day.")


def no_end_announced(name: str) -> Message:
    return msg("{name} still receives security updates; no end date has "
               "been announced.", name=name)


def supported_until_stale(name: str, date: str, gathered: str) -> Message:
    return msg("{name} still receives security updates until {date}, according to our "
               "information from {gathered}. Newer information may change this.",
               name=name, date=date, gathered=gathered)


def supported_until(name: str, date: str) -> Message:
    return msg("{name} still receives security updates, until {date}.", name=name, date=date)


def ends_soon(name: str, date: str, days: int) -> Message:
    return msg_n("{name} stops receiving security updates on {date}, "
                 "in {n} day.",
                 "{name} stops receiving security updates on {date}, "
                 "in {n} days.", days, name=name, date=date)


def debian_security_support() -> Message:
    return msg("The package debian-security-support can list the installed "
               "packages it leaves out.")


def programme_ends_soon(name: str, programme: str, date: str, days: int) -> Message:
    return msg_n(
        "{name} gets security updates only through {programme} now, and that ends on "
        "{date}, in {n} day.",
        "{name} gets security updates only through {programme} now, and that ends on "
        "{date}, in {n} days.", days, name=name, programme=programme, date=date)


def programme_partial(name: str, end: str, programme: str, date: str) -> Message:
    return msg(
        "{name} stopped receiving full security support on {end}. {programme} still "
        "brings fixes until {date}, but only for some of its software.", name=name,
        end=end, programme=programme, date=date)


def covered_by(name: str, programme: str, date: str) -> Message:
    return msg(
        "{name} no longer gets standard security updates, but this computer is covered by "
        "{programme} until {date}.", name=name, programme=programme, date=date)


def esu_unchecked(name: str, date: str) -> Message:
    return msg(
        "{name} stopped receiving standard security updates on {date}, and Checkup could not "
        "check whether this computer has an Extended Security Updates licence.", name=name,
        date=date)


def esu_by_hand() -> Message:
    return msg("To check by hand: run 'slmgr /dlv' in a command prompt and look for an ESU "
               "licence with the status 'Licensed'.")


def ways_to_keep_fixes() -> Message:
    return msg("Ways to keep getting security fixes for a while:")


def programme_ended(programme: str, date: str) -> Message:
    return msg("{programme} ended on {date}.", programme=programme, date=date)


def support_ended(name: str, date: str) -> Message:
    return msg("{name} stopped receiving security updates on {date}.", name=name, date=date)


# -- macOS --------------------------------------------------------------------------------

def apple_publishes_no_dates() -> Message:
    return msg("Apple does not publish end dates. This verdict follows what "
               "Apple has done so far: all security fixes for the newest macOS, "
               "some for the two before it, none for older ones.")


def macos_beta() -> Message:
    return msg("This is a pre-release (beta) version of macOS.")


def macos_unknown(name: str) -> Message:
    return msg("Checkup has no support information for {name}.", name=name)


def macos_newer_than_known(name: str, gathered: str) -> Message:
    return msg(
        "{name} is newer than any macOS in our information (from {gathered}), so it is "
        "very probably the newest version, which gets all security fixes.", name=name,
        gathered=gathered)


def macos_newer_than_old_data(name: str, gathered: str) -> Message:
    return msg(
        "{name} is newer than any macOS in our information, but that information is from "
        "{gathered}: it probably still gets security fixes, perhaps not all of them.",
        name=name, gathered=gathered)


def macos_newest_stale(name: str, gathered: str) -> Message:
    return msg("{name} is the newest macOS in our information, which is from "
               "{gathered}; if no newer one has come out since, it gets all security "
               "fixes.", name=name, gathered=gathered)


def macos_newest(name: str) -> Message:
    return msg("{name} is the newest macOS and gets all security fixes.", name=name)


def macos_release_unconfirmed(newest: str) -> Message:
    return msg("Our information counts {newest} as released, as Apple announced it; we "
               "could not confirm the day it came out.", newest=newest)


def macos_partly(name: str, newest: str) -> Message:
    return msg(
        "{name} gets only some of Apple's security fixes: Apple fully supports only the "
        "newest macOS, {newest}.", name=name, newest=newest)


def macos_unsupported(name: str) -> Message:
    return msg("{name} no longer receives security updates from Apple.", name=name)


# -- Tails --------------------------------------------------------------------------------

def tails_build_unknown() -> Message:
    return msg("Checkup could not read when this Tails was built.")


def tails_check_by_hand() -> Message:
    return msg("Tails supports only its newest version. Check the version in "
               "'About Tails' against tails.net.")


def tails_current(date: str) -> Message:
    return msg(
        "This Tails was built on {date}. Tails supports only its newest version and publishes "
        "one about every six weeks, so this is very probably current.", date=date)


def tails_probably_old(date: str, age: int) -> Message:
    return msg_n(
        "This Tails was built on {date}, {n} day ago. Tails supports only its newest version "
        "and publishes one about every six weeks, so a newer one has very probably come out.",
        "This Tails was built on {date}, {n} days ago. Tails supports only its newest version "
        "and publishes one about every six weeks, so a newer one has very probably come out.",
        age, date=date)


def tails_old(date: str, age: int) -> Message:
    return msg_n(
        "This Tails was built on {date}, {n} day ago: newer versions have come out since, and "
        "only the newest gets security fixes.",
        "This Tails was built on {date}, {n} days ago: newer versions have come out since, and "
        "only the newest gets security fixes.", age, date=date)


def tails_behind_newest(version: str, newest: str, date: str) -> Message:
    return msg("This is Tails {version}. Tails {newest} came out on {date}, and Tails supports "
               "only its newest version: this one no longer gets security fixes.",
               version=version, newest=newest, date=date)


def tails_upgrade_waiting(version: str, newest: str, date: str) -> Message:
    return msg("This is Tails {version}. Tails {newest} came out on {date}, a few days ago: "
               "upgrade when Tails offers it, the next time it starts connected to Tor.",
               version=version, newest=newest, date=date)


def tails_newer_old_build(version: str, date: str, age: int) -> Message:
    return msg_n(
        "This is Tails {version}, newer than Checkup's information, but it was built on "
        "{date}, {n} day ago: a newer version may have come out since.",
        "This is Tails {version}, newer than Checkup's information, but it was built on "
        "{date}, {n} days ago: a newer version may have come out since.", age,
        version=version, date=date)


# -- systems Checkup has no entry for ------------------------------------------------------

def base_ends(base: str, date: str) -> Message:
    return msg("It is built on {base}, whose standard security support ends "
               "on {date}.", base=base, date=date)


def base_ended(base: str, date: str) -> Message:
    return msg("It is built on {base}, whose standard security support ended "
               "on {date}.", base=base, date=date)


def check_by_hand() -> Message:
    return msg("Check your system's name and version in its settings (About), then look "
               "up on its maker's website until when that version gets security updates.")


def no_dates_for_edition(name: str, edition: str) -> Message:
    return msg("Checkup has no support dates for {name} with the edition {edition}.",
               name=name, edition=edition)


def windows_before_10(name: str, last: str) -> Message:
    return msg("{name} no longer receives security updates: Microsoft has ended support for "
               "every Windows older than Windows 10; the last fixes, for Windows 8.1 and "
               "Windows 7, came out on {date}.", name=name, date=last)


def no_dates(name: str) -> Message:
    return msg("Checkup has no support dates for {name}.", name=name)


def system_states_end(system_date: str) -> Message:
    return msg("Your system itself states that its support ends on {system_date}.",
               system_date=system_date)


def system_states_other_end(system_date: str, data_date: str) -> Message:
    return msg("Your system itself states that its support ends on {system_date}; our "
               "information says {data_date}.", system_date=system_date,
               data_date=data_date)


def distro_info_other_end(list_date: str, data_date: str) -> Message:
    return msg("The list of releases on this computer (distro-info-data) says regular security "
               "support ends on {list_date}; Checkup's information says {data_date}.",
               list_date=list_date, data_date=data_date)


def distro_info_programme_end(programme: str, list_date: str, data_date: str) -> Message:
    return msg("The list of releases on this computer (distro-info-data) says {programme} "
               "ends on {list_date}; Checkup's information says {data_date}.",
               programme=programme, list_date=list_date, data_date=data_date)


def earlier_date_decides() -> Message:
    return msg("Checkup goes by the earlier date.")


def unidentified() -> Message:
    return msg("Checkup could not tell which operating system "
               "version this is.")


def rolling(name: str) -> Message:
    return msg(
        "{name} is a rolling release: it has no versions that go out of support. Whether it "
        "is up to date is judged by the check of installed updates.", name=name)


def stated_end_passed(name: str, date: str) -> Message:
    return msg(
        "{name} stopped receiving security updates on {date}, as the system "
        "itself states.", name=name, date=date)


def stated_end_soon(name: str, date: str, days: int) -> Message:
    return msg_n(
        "{name} stops receiving security updates on {date}, in {n} day, as the "
        "system itself states.",
        "{name} stops receiving security updates on {date}, in {n} days, as the "
        "system itself states.", days, name=name, date=date)


def edition_unknown(name: str) -> Message:
    return msg(
        "{name}: Checkup could not tell the Windows edition, and support ends on different "
        "dates for different editions.", name=name)


def check_edition() -> Message:
    return msg("Check the edition in Settings, System, About.")


# -- the whole check ----------------------------------------------------------------------

def data_unreadable() -> Message:
    return msg(
        "Checkup's list of supported systems could not be read, so it cannot tell whether "
        "this system still gets security updates.")


def qubes_template() -> Message:
    return msg("In Qubes OS, this qube's software comes from its template, so this "
               "is about the template's system. The Qubes release itself cannot be "
               "seen from inside a qube.")


def in_container() -> Message:
    return msg("This scan ran inside a container: the verdict is about the "
               "container's system, not the computer's.")
