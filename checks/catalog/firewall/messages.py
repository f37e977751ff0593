"""The firewall check's sentences."""

from __future__ import annotations

from collections.abc import Sequence

from checks.catalog.readers.sentences import join_list
from checks.engine.i18n import N_, Message, msg

# Windows Security's own names for the three profiles.
PROFILE_LABELS = {"Domain": N_("Domain network"), "Private": N_("Private network"),
                  "Public": N_("Public network")}


def how_to_windows() -> Message:
    return msg("Open Windows Security, then Firewall & network protection: each network "
               "should say the firewall is on.")


def how_to_macos() -> Message:
    return msg("Open System Settings, then Network, then Firewall, and see whether it is on.")


def how_to_linux() -> Message:
    return msg("Open your firewall settings, or run \u201csudo ufw status\u201d or "
               "\u201csudo firewall-cmd --state\u201d in a terminal.")


def unreadable() -> Message:
    return msg("Checkup could not read whether the firewall is on.")


# ============================================================================= Windows
def third_party_on(product: str) -> Message:
    return msg("{product} protects this computer as its firewall.", product=product)


def service_off() -> Message:
    return msg("The Windows firewall service is switched off, so no "
               "network is protected.")


def profiles_off(profiles: Sequence[str]) -> Message:
    return msg("The Windows firewall is off for these networks: {profiles}.",
               profiles=join_list([Message(PROFILE_LABELS[x]) for x in profiles]))


def public_matters_most() -> Message:
    return msg("Public networks (cafés, hotels, airports) matter most.")


def windows_all_on() -> Message:
    return msg("The Windows firewall is on for every kind of network.")


# =============================================================================== macOS
def macos_off() -> Message:
    return msg("The macOS firewall is off.")


def stealth_off() -> Message:
    return msg("Stealth mode is off: this Mac still answers probes such as ping. "
               "Turning it on makes the Mac harder to find on a shared network.")


def macos_block_all() -> Message:
    return msg("The macOS firewall is on and blocks all incoming connections except "
               "essential ones.")


def macos_on() -> Message:
    return msg("The macOS firewall is on.")


# =============================================================================== Linux
def inside(kind: Message) -> Message:
    return msg("This system runs inside {kind}: the firewall that protects it belongs "
               "to the computer around it.", kind=kind)


def qubes() -> Message:
    return msg("In Qubes OS, network traffic is filtered by the firewall qube, not "
               "inside this qube.")


def tails() -> Message:
    return msg("Tails has its own firewall built in, which lets connections out only "
               "through Tor.")


def rules_caveat() -> Message:
    return msg("Checkup read the firewall's settings and service state; the rules active "
               "right now can only be listed by an administrator.")


def linux_on(name: str) -> Message:
    return msg("A firewall is on ({name}).", name=name)


def zone_unknown(name: str) -> Message:
    return msg("A firewall is on ({name}), but Checkup could not read which zone "
               "it uses, so it cannot tell how much it lets in.", name=name)


def how_to_read_zone() -> Message:
    return msg("Run \u201cfirewall-cmd --get-default-zone\u201d in a "
               "terminal: \u201cpublic\u201d or \u201cdrop\u201d are "
               "strict, \u201ctrusted\u201d lets everything in.")


def open_high(name: str) -> Message:
    return msg("A firewall is on ({name}), but its zone lets other computers reach "
               "any program listening on a port above 1024.", name=name)


def stricter_zone() -> Message:
    return msg("On a laptop that travels, a stricter zone such as "
               "\u201cpublic\u201d is safer.")


def partial(name: str) -> Message:
    return msg("A firewall ({name}) is running, but its rules turn away only some "
               "incoming connections; all others get in.", name=name)


def accept_all(name: str) -> Message:
    return msg("A firewall ({name}) is running, but its rules let every incoming "
               "connection in.", name=name)


def rules_unreadable(name: str) -> Message:
    return msg("A firewall ({name}) seems to be set up, but Checkup cannot tell "
               "whether it is filtering: its rules need administrator rights to "
               "read.", name=name)


def how_to_see_rules() -> Message:
    return msg("Run \u201csudo ufw status\u201d, \u201csudo firewall-cmd "
               "--state\u201d or \u201csudo nft list ruleset\u201d in a "
               "terminal to see it.")


def none_on() -> Message:
    return msg("No firewall is turned on.")


def looked_for() -> Message:
    return msg("Checkup looked for ufw, firewalld, nftables and iptables "
               "services. Rules loaded in some other way can only be seen by "
               "an administrator.")
