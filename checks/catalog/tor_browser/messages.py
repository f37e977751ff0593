"""The Tor Browser check's sentences."""

from __future__ import annotations

from checks.catalog.browsers import versions as bv
from checks.catalog.browsers.versions import Judgement
from checks.catalog.tor_browser.facts import TorInstall
from checks.engine.i18n import N_, Message, msg

ATTENTION_NOTE = N_(
    "Tor Browser hides which sites you visit from your network, and where you are from the "
    "sites. In some countries, using Tor can draw attention or is restricted: the guidance "
    "explains both sides.")


def attention_note() -> Message:
    return msg(ATTENTION_NOTE)


def _ended_detail(version: str, where: str, j: Judgement) -> Message:
    if j.esr_end:
        return msg("Tor Browser {version} in {where} is built on Firefox {esr}, which received its "
                   "last security fixes on {date}.", version=version,
                   where=where, esr=str(j.esr_major), date=j.esr_end)
    return msg("Tor Browser {version} in {where} is built on Firefox {esr}, which no longer "
               "receives security fixes.", version=version, where=where,
               esr=str(j.esr_major))


def install_detail(install: TorInstall, j: Judgement) -> Message:
    version = install.label() or "?"
    if j.state == bv.ESR_SUPPORTED:
        return msg("Tor Browser {version} in {where} is built on Firefox {esr} (an Extended "
                   "Support Release that still receives security fixes).", version=version,
                   where=install.where, esr=str(j.esr_major))
    if j.state == bv.CURRENT:
        return msg("Tor Browser {version} in {where} is built on a current Firefox release.",
                   version=version, where=install.where)
    if j.state == bv.ESR_ENDED:
        return _ended_detail(version, install.where, j)
    if j.state == bv.DATA_TOO_OLD:
        return msg("Tor Browser {version} in {where}: Checkup's information is too old to tell "
                   "whether the Firefox release it is built on still receives security fixes.",
                   version=version, where=install.where)
    if j.state == bv.UNTRACKED:
        return msg("Tor Browser {version} in {where} is a release Checkup's information does "
                   "not cover yet.", version=version, where=install.where)
    return msg("Tor Browser in {where}: Checkup could not read its version.",
               where=install.where)


def not_found() -> Message:
    return msg(
        "Tor Browser was not found on this computer. Whether you need it depends on your "
        "situation; the guidance explains what it protects and when it can draw attention.")


def identity_unread(where: str) -> Message:
    return msg("Checkup could not read the application.ini of the browser in "
               "{where}, which says whose browser it is, so it cannot confirm "
               "that it is Tor Browser.", where=where)


def not_tor_browser_detail(where: str, product: str) -> Message:
    return msg("The browser in {where} is laid out like Tor Browser, but its "
               "application.ini names {product}, not the Tor Project, so Checkup "
               "does not count it as Tor Browser.", where=where, product=product)


def tails_updates_it() -> Message:
    return msg("On Tails, Tor Browser is updated together with Tails itself.")


def data_gathered(date: str) -> Message:
    return msg("Checkup's information about Firefox releases was gathered on "
               "{date}.", date=date)


def data_past_limit(date: str, days: int, limit: int) -> Message:
    return msg("Checkup's information about Firefox releases was gathered on {date}, {days} "
               "days ago: older than the {limit} days it can be relied on.", date=date,
               days=str(days), limit=str(limit))


def outdated(version: str) -> Message:
    return msg(
        "Tor Browser {version} is installed but no longer receives security fixes. Update "
        "it: open it and choose the menu, Help, About Tor Browser.", version=version)


def not_tor_browser(product: str) -> Message:
    return msg(
        "A browser laid out like Tor Browser was found, but it is not Tor Browser: its "
        "application.ini names {product}. If you meant to use Tor Browser, download it "
        "from torproject.org.", product=product)


def data_too_old() -> Message:
    return msg(
        "Tor Browser is installed, but Checkup's information about its releases is more "
        "than six months old, too old to tell whether this version still receives security "
        "fixes. Open it and choose the menu, Help, About Tor Browser: it updates itself from "
        "there.")


def current(version: str) -> Message:
    return msg("Tor Browser {version} is installed and still receives security fixes.",
               version=version)


def current_base() -> Message:
    return msg(
        "Tor Browser is installed and is built on a Firefox release that still receives "
        "security fixes.")


def undetermined() -> Message:
    return msg(
        "Tor Browser is installed, but Checkup could not tell whether its version still "
        "receives security fixes. Open it and choose the menu, Help, About Tor Browser: it "
        "updates itself from there.")


def data_unloadable() -> Message:
    return msg(
        "Checkup's list of browsers could not be loaded, so this check could not run. "
        "Please report it.")
