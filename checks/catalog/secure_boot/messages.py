"""The secure-boot check's sentences."""

from __future__ import annotations

from checks.engine.i18n import Message, msg


def vm_setting(hypervisor: str) -> Message:
    return msg("This is a virtual machine ({hypervisor}): Secure Boot is a setting of the "
               "virtual machine, changed in the program that runs it.", hypervisor=hypervisor)


def what_it_does() -> Message:
    return msg("Secure Boot stops a tampered start-up program from loading before the "
               "system. It is switched on in the computer's firmware settings (UEFI/BIOS).")


def legacy_conversion() -> Message:
    return msg("Changing from legacy BIOS to UEFI start-up usually needs the system to be "
               "reinstalled or converted: get help before trying it.")


def on() -> Message:
    return msg("Secure Boot is on.")


def off() -> Message:
    return msg("Secure Boot is off.")


def legacy_bios() -> Message:
    return msg("This computer starts in legacy BIOS mode, which has no Secure Boot.")


def not_offered() -> Message:
    return msg("This computer's firmware does not offer Secure Boot.")


def unreadable() -> Message:
    return msg("Checkup could not read whether Secure Boot is on.")


# -- Linux --------------------------------------------------------------------------------


def inside(kind: Message) -> Message:
    return msg("This system runs inside {kind}: how the computer starts is decided outside "
               "it.", kind=kind)


def linux_how() -> Message:
    return msg("Run \u201cmokutil --sb-state\u201d in a terminal, or look in the computer's "
               "firmware settings (UEFI/BIOS) for Secure Boot.")


def start_unreadable() -> Message:
    return msg("Checkup could not read how this computer started.")


def shim_not_checking() -> Message:
    return msg("Secure Boot is on in the firmware, but the shim boot loader has been told not "
               "to check what it starts, so unsigned software can start.")


# -- Windows ------------------------------------------------------------------------------


def windows_how() -> Message:
    return msg("Press Windows+R, type \u201cmsinfo32\u201d and look at \u201cSecure Boot "
               "State\u201d and \u201cBIOS Mode\u201d.")


# -- macOS --------------------------------------------------------------------------------


def macos_how() -> Message:
    return msg("Start the Mac from Recovery and open Startup Security Utility to see its "
               "security level.")


def full_security() -> Message:
    return msg("Secure Boot is set to Full Security.")


def medium_security() -> Message:
    return msg("Secure Boot is on at Medium Security: older, still-signed versions of macOS "
               "may start too.")


def no_security() -> Message:
    return msg("Secure Boot is off (No Security).")


def apple_silicon() -> Message:
    return msg("Macs with Apple silicon always check the system they start, but the security "
               "level can only be read with administrator rights.")


def mac_unreadable() -> Message:
    return msg("Checkup could not read this Mac's start-up security setting.")
