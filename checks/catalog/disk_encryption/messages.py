"""The disk-encryption check's sentences."""

from __future__ import annotations

from checks.catalog.disk_encryption.facts import Component
from checks.engine.i18n import N_, Message, msg

# =============================================================================== Linux
LINUX_HOW_TO = N_("To check by hand, open a terminal and run: lsblk -o NAME,TYPE,MOUNTPOINT — "
                  "the line for / (and for your swap) should sit under a line of type "
                  "\"crypt\".")


def linux_how_to() -> Message:
    return Message(LINUX_HOW_TO)


def target(c: Component) -> Message:
    if c.role == "root":
        return msg("your system (/)")
    if c.role == "home":
        return msg("your home folder ({path})", path=c.target)
    if c.role == "persistence":
        return msg("your persistent storage ({path})", path=c.target)
    return msg("your swap space ({path})", path=c.target)


def unknown_reason(c: Component) -> Message:
    target_ = target(c)
    reasons: dict[str, Message] = {
        "no_block_info": msg("Checkup could not find out which disk holds {target}: the lsblk "
                             "tool is missing and /sys/block could not be read.", target=target_),
        "lsblk_failed": msg("Checkup could not list the disks: lsblk failed and /sys/block "
                            "could not be read.", target=target_),
        "lsblk_unreadable": msg("Checkup could not read what lsblk printed about the disks, so "
                                "it cannot tell whether {target} is encrypted.", target=target_),
        "no_mount_info": msg("Checkup could not find out which disk holds {target}.",
                             target=target_),
        "device_not_found": msg("Checkup could not match {target} to a disk it knows, so it "
                                "cannot tell whether it is encrypted.", target=target_),
        "untraceable": msg("Checkup could not follow the disk layout under {target} all the way "
                           "down, so it cannot tell whether it is encrypted.", target=target_),
        "loop": msg("Checkup found {target} inside a file (a loop device) that it could not "
                    "locate, so it cannot tell whether it is encrypted.", target=target_),
        "overlay": msg("This system runs from a live image, and Checkup could not find where it "
                       "keeps your changes.", target=target_),
        "overlay_ro": msg("Your system (/) is a read-only image, and Checkup could not find "
                          "the disk it comes from.", target=target_),
        "network_fs": msg("Checkup found {target} on network storage: whether it is "
                          "encrypted is decided on the server, which Checkup cannot see.",
                          target=target_),
        "fs_unsupported": msg("Checkup cannot tell whether {target} is encrypted: it uses a "
                              "file system with its own encryption, which Checkup cannot "
                              "check.", target=target_),
        "zfs_unknown": msg("Checkup found {target} on ZFS, but could not ask ZFS whether it "
                           "is encrypted (the zfs command did not answer).", target=target_),
        "zfs_pool": msg("Checkup found {target} on ZFS without ZFS encryption, and could not "
                        "tell whether the disks under it are encrypted.", target=target_),
        "swaps_unreadable": msg("Checkup could not read the list of swap areas (/proc/swaps).",
                                target=target_),
    }
    return reasons.get(c.reason, msg("Checkup could not tell whether {target} is encrypted.",
                                     target=target_))


def qubes_vm() -> Message:
    return msg(
        "This is a Qubes OS virtual machine: its disk is stored and encrypted by Qubes "
        "itself (in dom0), not inside this machine. Check disk encryption from dom0: Qubes "
        "encrypts it when you choose encryption at installation.")


def container() -> Message:
    return msg(
        "Checkup is running inside a container, which cannot see the disks of the computer "
        "it runs on. Run Checkup directly on that computer to check its disk encryption.")


def wsl() -> Message:
    return msg(
        "This Linux runs inside Windows (WSL): its files are stored on the Windows disk, so "
        "BitLocker or Device Encryption on the Windows side decides whether they are "
        "protected. Run Checkup on Windows itself to check that.")


def virtual_machine() -> Message:
    return msg("This is a virtual machine: its virtual disk is a file on the host "
               "computer, whose own encryption Checkup cannot see from here.")


def other_crypt(names: str) -> Message:
    return msg("Checkup found an encrypted volume elsewhere on this computer "
               "({names}). It protects only the files stored on it, not your "
               "system.", names=names)


def home_only(method: str) -> Message:
    return msg(
        "Only your home folder is encrypted ({method}); the rest of the system disk is "
        "not. Temporary files, logs and other copies of your data kept outside your "
        "home folder can be read by anyone who takes this computer.", method=method)


def computer_plain() -> Message:
    return msg("Your disk is not encrypted: anyone who takes this computer can read "
               "your files.")


def home_plain(path: str) -> Message:
    return msg("Your home folder ({path}), where your files are, is on a part of the "
               "disk that is not encrypted: anyone who takes this computer can read "
               "your files.", path=path)


def persistence_plain(path: str) -> Message:
    return msg("Your persistent storage ({path}) is not encrypted: anyone who "
               "takes the disk can read it.", path=path)


def hibernates_to_plain_swap() -> Message:
    return msg(
        "This computer hibernates to that swap space: everything in memory, including "
        "the key that unlocks your encrypted disk, is then written there in clear.")


def plain_swap_under_encrypted(method: str, swap: str) -> Message:
    return msg("Your system disk is encrypted ({method}), but your swap space "
               "({swap}) is not: parts of memory, which can hold passwords and open "
               "documents, are written to the disk in clear.",
               method=method, swap=swap)


def plain_swap(swap: str) -> Message:
    return msg("Your swap space ({swap}) is not encrypted: parts of memory, which "
               "can hold passwords and open documents, are written to the disk in "
               "clear.", swap=swap)


def live_memory_only() -> Message:
    return msg(
        "This live system keeps your work in memory only: nothing is written to the disk, "
        "and everything is forgotten at shutdown.")


def linux_encrypted(method: str) -> Message:
    return msg("Your system disk is encrypted ({method}).", method=method)


def tails_outside_persistence() -> Message:
    return msg("Files you save outside the Persistent Storage, for example on "
               "another USB stick, are not protected by Tails.")


def tails_persistence_encrypted(method: str) -> Message:
    return msg(
        "Tails forgets everything at shutdown, and your Persistent Storage is encrypted "
        "({method}).", method=method)


def tails_amnesic() -> Message:
    return msg(
        "Tails forgets everything at shutdown: nothing you do is written to this computer's "
        "disk, except in a Persistent Storage, which Tails always encrypts.")


# =============================================================================== macOS
MACOS_HOW_TO = N_("To check by hand: open System Settings, then Privacy & Security, and look "
                  "at FileVault.")


def macos_how_to() -> Message:
    return Message(MACOS_HOW_TO)


def fdesetup_missing() -> Message:
    return msg(
        "Checkup could not ask macOS whether FileVault is on (the fdesetup tool did not "
        "run).")


def filevault_on_deferred() -> Message:
    return msg(
        "Your disk is encrypted (FileVault is on). macOS also still lists a request to turn "
        "FileVault on at a user's next login; it does not weaken your protection.")


def filevault_on() -> Message:
    return msg("Your disk is encrypted (FileVault is on).")


def filevault_encrypting(percent: str) -> Message:
    return msg("FileVault is encrypting your disk ({percent}% done). Your files are "
               "not fully protected until it finishes: keep the Mac plugged in.",
               percent=percent)


def filevault_encrypting_note(note: str) -> Message:
    return msg("FileVault is switched on, but encryption has not finished yet "
               "(macOS says: {note}). Your files are not fully protected until it "
               "does: keep the Mac plugged in.", note=note)


def filevault_decrypting(percent: str) -> Message:
    return msg("FileVault is being turned off: your disk is being decrypted "
               "({percent}% done), and soon anyone who takes this Mac can read your "
               "files.", percent=percent)


def filevault_pending_restart() -> Message:
    return msg("FileVault will be turned on at the next restart, but your disk is not "
               "encrypted yet. Restart the Mac to start encryption.")


def filevault_off_deferred(user: str) -> Message:
    return msg("FileVault is off. It is set to be turned on when {user} next logs in "
               "or out, but until then your disk is not encrypted: anyone who takes "
               "this Mac can read your files.", user=user)


def filevault_off() -> Message:
    return msg("Your disk is not encrypted: anyone who takes this Mac can read your "
               "files.")


def fdesetup_error() -> Message:
    return msg(
        "Checkup could not ask macOS whether FileVault is on: fdesetup reported an error.")


def fdesetup_unrecognised() -> Message:
    return msg(
        "Checkup could not understand what fdesetup said about FileVault, so it cannot tell "
        "whether your disk is encrypted.")


# ============================================================================= Windows
WINDOWS_HOW_TO = N_("To check by hand: open Settings, search for \"Device encryption\" or "
                    "\"BitLocker\", and see whether it is on for drive {drive}.")


def windows_how_to(drive: str) -> Message:
    return Message(WINDOWS_HOW_TO, {"drive": drive})


def bitlocker_state_failed() -> Message:
    return msg("Windows did not tell Checkup whether your system drive is encrypted "
               "(reading its BitLocker state failed).")


def powershell_unreadable() -> Message:
    return msg("Checkup asked Windows through PowerShell whether your disk is "
               "encrypted, but could not read PowerShell's answer.")


def powershell_silent() -> Message:
    return msg("Checkup could not ask Windows whether your disk is encrypted, "
               "because PowerShell did not answer.")


def veracrypt_maybe() -> Message:
    return msg(
        "BitLocker is off, but VeraCrypt is installed. VeraCrypt may be encrypting your "
        "system disk, but Checkup cannot confirm that without administrator rights. Open "
        "VeraCrypt and look at the System menu: if system encryption is active, your disk "
        "is protected.")


def device_encryption_home() -> Message:
    return msg(
        "Your disk is encrypted (Device Encryption), but its recovery key is kept in your "
        "Microsoft account. Anyone who gets into that account, and anyone Microsoft hands "
        "the key to, for example on a legal order, can unlock this disk.")


def bitlocker_on() -> Message:
    return msg("Your system disk is encrypted (BitLocker).")


def keep_recovery_key() -> Message:
    return msg(
        "Keep your BitLocker recovery key somewhere safe and private: "
        "whoever has it can unlock this disk. If you sign in to Windows "
        "with a Microsoft account, Windows may also have saved a copy of "
        "the key there.")


def windows_encrypting() -> Message:
    return msg(
        "Windows is encrypting your system disk. Your files are not fully protected until "
        "it finishes: keep the computer plugged in.")


def windows_decrypting() -> Message:
    return msg("Encryption is being turned off: your system disk is being decrypted, "
               "and soon anyone who takes this computer can read your files.")


def bitlocker_suspended() -> Message:
    return msg("Your disk is encrypted, but BitLocker protection is suspended: the "
               "key is stored unprotected on the disk, so anyone who takes this "
               "computer can read your files until protection is resumed.")


def home_activation_needs_account() -> Message:
    return msg("On Windows Home, Device Encryption is activated only once you sign in "
               "with a Microsoft account, which then keeps the recovery key.")


def waiting_activation() -> Message:
    return msg("Your disk is encrypted, but the encryption was never activated: the "
               "key is stored unprotected on the disk, so anyone who takes this "
               "computer can read your files.")


def no_bitlocker_value(drive: str) -> Message:
    return msg(
        "Windows did not report any BitLocker state for drive {drive}, so Checkup cannot "
        "tell whether it is encrypted.", drive=drive)


def unmapped_value(value: str, drive: str) -> Message:
    return msg(
        "Windows reported BitLocker state {value} for drive {drive}. Checkup does not know "
        "what that number means for certain, so it does not say whether your disk is "
        "protected.", value=value, drive=drive)
