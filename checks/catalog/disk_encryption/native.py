"""Pure parsers for the tools that say whether a file system encrypts itself (eCryptfs and
fscrypt folders, ZFS datasets), read without root.

- ``lsattr -d DIR``: flags then the path; ``E`` is the ext4/f2fs "Encrypted" flag
  (e2fsprogs lib/e2p/pf.c: EXT4_ENCRYPT_FL, "E").
- ``fscrypt status DIR``: ``"DIR" is encrypted with fscrypt.`` when it is.
- ``zfs get -H -o property,value encryption,keystatus DATASET``: tab-separated lines.
"""

from __future__ import annotations

import re

# aes-256-gcm ("on" is the default cipher).
_ZFS_CIPHERS = re.compile(r"on|aes-(128|192|256)-(ccm|gcm)")


def zfs_encryption_on(value: str) -> bool:
    """Only a value zfs documents as a cipher means encrypted; anything else is not known."""
    return _ZFS_CIPHERS.fullmatch(value.strip().lower()) is not None

def lsattr_encrypted(text: str) -> bool | None:
    """``lsattr -d DIR``: True when the flags field holds E, False when it does not,
    None when the output is not an lsattr line."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    flags = line.split(" ", 1)[0] if line else ""
    if not flags or not re.fullmatch(r"[A-Za-z-]+", flags):
        return None
    return "E" in flags


def fscrypt_encrypted(text: str) -> bool:
    return bool(re.search(r"\" is encrypted with fscrypt\.", text))


def parse_zfs_get(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].strip():
            out[parts[0].strip()] = parts[1].strip()
    return out
