"""The sharing check's sentences."""

from __future__ import annotations

from collections.abc import Sequence

from checks.catalog.readers.listeners import USUAL_PORT_USE, Listener
from checks.catalog.readers.sentences import join_list
from checks.engine.i18n import N_, Message, msg, msg_n

# What shares, as shown to the reader (the machine-readable key goes in the data).
SHARED_LABELS = {
    "smb": N_("file sharing (SMB)"),
    "afp": N_("file sharing (AFP)"),
    "airdrop": N_("AirDrop open to everyone"),
    "samba": N_("a Samba file server"),
    "nfs": N_("an NFS file server"),
    "netbios": N_("Windows file sharing (NetBIOS)"),
}
NAMES_NOTES = {
    "own": N_("Linux shows which program listens on a port only for your own programs."),
    "none": N_("The kernel's socket tables do not say which program listens on a port."),
    "admin": N_("macOS shows which program listens on a port only to an administrator."),
}


def names_note(names: str) -> Message:
    return Message(NAMES_NOTES[names])


def describe_listener(item: Listener) -> Message:
    if item.program:
        return msg("port {port} ({program})", port=item.port, program=item.program)
    usual = USUAL_PORT_USE.get(item.port)
    if usual:
        return msg("port {port} (program not shown; usually {service})", port=item.port,
                   service=usual)
    return msg("port {port} (program not shown)", port=item.port)


def sockets_incomplete() -> Message:
    return msg("Checkup could not read every list of network connections, so "
               "other programs may accept connections too.")


def windows_services(ports: str) -> Message:
    return msg("Windows' own services listen on ports {ports}; the Windows firewall "
               "normally keeps other computers away from them.", ports=ports)


def airplay_receiver() -> Message:
    return msg("AirPlay Receiver listens on ports 5000 and 7000 so that nearby "
               "devices can show things on this Mac; you can turn it off in "
               "System Settings, General, AirDrop & Handoff.")


def shares(shared: Sequence[str], folders: Sequence[str]) -> Message:
    shared_text = join_list([msg("shared folders ({names})", names=", ".join(folders))
                             if key == "folders" else Message(SHARED_LABELS[key])
                             for key in shared])
    return msg("This computer shares with other computers on the "
               "network: {what}.", what=shared_text)


def anyone_on_the_network() -> Message:
    return msg("Anyone on the same network (a café, a hotel, an office) "
               "may be able to see or copy what is shared.")


def programs_accept(open_tcp: Sequence[Listener]) -> Message:
    shown: list[str | Message] = [describe_listener(s) for s in open_tcp[:8]]
    if len(open_tcp) > 8:
        # every one is in the evidence lines; the sentence says how many it leaves out
        # TRANSLATORS: the end of a list of network ports, e.g. "port 22, port 80, 3 more".
        shown.append(msg_n("{n} more", "{n} more", len(open_tcp) - 8))
    return msg_n(
        "{n} program accepts connections from other computers: {list}.",
        "{n} programs accept connections from other computers: {list}.",
        len({s.port for s in open_tcp}), list=join_list(shown))


def firewall_or_switch_off() -> Message:
    return msg("A firewall can keep other computers away from these ports; if you "
               "do not need a service, switching it off is safer.")


def unreadable() -> Message:
    return msg("Checkup could not read which programs accept connections from "
               "other computers, or whether files are shared.")


def check_sharing_settings() -> Message:
    return msg("Check your system's Sharing settings (file sharing, "
               "screen sharing, printer sharing) and turn off what you do "
               "not use.")


def nothing_shared() -> Message:
    return msg("Nothing is shared and no program accepts connections from "
               "other computers.")
