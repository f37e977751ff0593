"""Names and one-line descriptions of the demo machines added for workshops.

Merged into ``desktop.workshop.scenarios.SCENARIO_TEXTS`` (the files are built by
tools/make_scenarios.py). Together with the first three, each system has a weak, a mixed and
a well-kept machine, so a trainer can show the common states of the laptops in the room.
"""

from __future__ import annotations

from checks.engine.i18n import N_

WORKSHOP_SCENARIO_TEXTS: dict[str, tuple[str, str]] = {
    "windows11-bitlocker-keepass": (
        N_("Well-kept Windows 11 laptop: BitLocker, Signal, a password manager"),
        N_("An organisation's Windows 11 laptop with BitLocker, Secure Boot, Signal and "
           "KeePass; updates wait for a network that is not metered."),
    ),
    "windows11-home-remote-support": (
        N_("Windows 11 Home: updates paused, a remote-support tool left behind"),
        N_("A shared Windows 11 Home laptop: updates paused, automatic sign-in, shared "
           "folders, an extra root certificate and a remote-support tool still installed."),
    ),
    "macos12-no-filevault": (
        N_("Old Mac on macOS 12: no FileVault, screen never locks"),
        N_("An old MacBook no longer updated by Apple: no FileVault, firewall off, automatic "
           "login, TeamViewer and file sharing on."),
    ),
    "macos15-encrypting-screen-sharing": (
        N_("Mac on macOS 15: FileVault encrypting, Screen Sharing on"),
        N_("A MacBook one version behind: FileVault still encrypting, updates waiting, "
           "Screen Sharing and AirDrop for everyone switched on."),
    ),
    "linux-ubuntu2004-unencrypted": (
        N_("Old Ubuntu laptop: no disk encryption, no firewall, AnyDesk"),
        N_("Ubuntu 20.04 without Ubuntu Pro: the disk is not encrypted, no firewall, "
           "automatic login, Samba shares and AnyDesk installed."),
    ),
    "linux-kubuntu-well-kept": (
        N_("Well-kept Kubuntu laptop: encrypted, up to date, KeePassXC"),
        N_("A Kubuntu 24.04 laptop with LUKS encryption, a firewall, Secure Boot, Signal, "
           "KeePassXC and Tor Browser."),
    ),
}
