"""The trusted-certificates check's sentences."""

from __future__ import annotations

from collections.abc import Sequence

from checks.catalog.readers.sentences import join_list
from checks.engine.i18n import N_, Message, msg, msg_n

VENDOR_NAMES = {"linux": N_("your Linux distribution"), "macos": N_("Apple"),
                "windows": N_("Microsoft")}


def vendor(family: str) -> Message:
    return msg(VENDOR_NAMES.get(family, VENDOR_NAMES["linux"]))


def manual(family: str) -> Message:
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


def trust_set_unreadable_cert(name: str) -> Message:
    return msg("{name}: marked as trusted in the keychain's trust settings, but Checkup "
               "could not read the certificate itself.", name=name)


def added_on(name: str, where: str, date: str) -> Message:
    return msg("{name} (in {where}), added on {date}.", name=name, where=where, date=date)


def valid_from(name: str, where: str, date: str) -> Message:
    return msg("{name} (in {where}), valid from {date}; when it was added is not known.",
               name=name, where=where, date=date)


def added_when_unknown(name: str, where: str) -> Message:
    return msg("{name} (in {where}); when it was added is not known.", name=name,
               where=where)


def skipped_unreadable(n: int) -> Message:
    return msg_n(
        "{n} certificate could not be read and was skipped; its fingerprint was still "
        "compared where its bytes could be decoded.",
        "{n} certificates could not be read and were skipped; their fingerprints were still "
        "compared where their bytes could be decoded.", n)


def interception_risk() -> Message:
    return msg(
        "Whoever holds this certificate's key can read and change the pages you open over "
        "HTTPS, including passwords and messages, without your browser warning you. Remove "
        "it (see the guidance), then change the passwords you typed on this computer since "
        "it was installed, from another device.")


def interception_trusted(n: int, countries: Sequence[str], names: Sequence[str]) -> Message:
    return msg_n(
        "This computer trusts a root certificate that a government made to intercept "
        "encrypted web traffic ({country}): {names}.",
        "This computer trusts {n} root certificates that a government made to intercept "
        "encrypted web traffic ({country}): {names}.",
        n, country=join_list(countries), names=join_list(names))


def trusted_unreadable() -> Message:
    return msg(
        "Checkup could not read the list of certificates this computer trusts, so it "
        "cannot tell whether one was added to read your encrypted traffic.")


def trusted_empty() -> Message:
    return msg(
        "Checkup found no certificate it could read in the list this computer trusts, so "
        "it cannot tell whether one was added to read your encrypted traffic.")


def unreadable_entry(fingerprint: str, where: str) -> Message:
    return msg("An entry that could not be read as a certificate (SHA-256 "
               "{fingerprint}) is in {where}.", fingerprint=fingerprint, where=where)


def why_roots_are_added() -> Message:
    return msg(
        "Companies, antivirus and parental-control programs add certificates like these to "
        "inspect secure connections, and developers add their own for testing. If you do "
        "not know where one came from, ask whoever manages this computer, or remove it.")


def added_outside_vendor(n: int, vendor: Message, names: Sequence[str]) -> Message:
    return msg_n(
        "One root certificate on this computer was added outside {vendor}'s own list: "
        "{names}. Check that you know where it came from.",
        "{n} root certificates on this computer were added outside {vendor}'s own list: "
        "{names}. Check that you know where each came from.",
        n, vendor=vendor, names=join_list(names))


def unreadable_not_vendor(n: int, vendor: Message) -> Message:
    return msg_n(
        "One entry in the list of certificates this computer trusts could not be read, and "
        "it is not one of {vendor}'s own: it may be damaged, or added by a program.",
        "{n} entries in the list of certificates this computer trusts could not be read, "
        "and they are not {vendor}'s own: they may be damaged, or added by a program.",
        n, vendor=vendor)


def undecodable(n: int, vendor: Message) -> Message:
    return msg_n(
        "One entry in the list of certificates this computer trusts could not be read at "
        "all, so Checkup cannot tell whether it is one of {vendor}'s own or was added to "
        "read your encrypted traffic.",
        "{n} entries in the list of certificates this computer trusts could not be read at "
        "all, so Checkup cannot tell whether they are {vendor}'s own or were added to read "
        "your encrypted traffic.", n, vendor=vendor)


def vendor_list_unreadable(n: int, vendor: Message) -> Message:
    return msg_n(
        "The only trusted root certificate is not a known interception certificate, but "
        "Checkup could not read {vendor}'s own list to tell whether it was added.",
        "None of the {n} trusted root certificates is a known interception certificate, but "
        "Checkup could not read {vendor}'s own list to tell whether any was added.",
        n, vendor=vendor)


def firefox_store_unseen() -> Message:
    return msg(
        "Firefox can keep certificates of its own, inside its profile, which Checkup does not "
        "open; the guidance shows where to look.")


def all_from_vendor(n: int, vendor: Message) -> Message:
    return msg_n(
        "The {n} root certificate this computer trusts comes from {vendor}, and none is a known "
        "interception certificate.",
        "All {n} root certificates this computer trusts come from {vendor}, and none is a known "
        "interception certificate.", n, vendor=vendor)


def data_unloadable() -> Message:
    return msg(
        "Checkup's list of interception certificates could not be loaded, so this check "
        "could not run. Please report it.")


def interception_list_old(date: str, days: int, limit: int) -> Message:
    return msg("Checkup's list of known interception certificates was gathered on {date}, "
               "{days} days ago: older than the {limit} days it can be relied on, so one "
               "found since would not be recognised.", date=date, days=str(days),
               limit=str(limit))
