"""Signed data packs: newer dated facts (the files of resources/data/) in one small file.

A pack is one JSON file (the *envelope*)::

    {"format": "checkup-data-pack",
     "payload": "<base64 of the signed bytes>",
     "signature": "<the text of the .minisig file minisign wrote for those bytes>"}

The payload, once decoded, is JSON::

    {"schema": "checkup-data-pack", "version": 1, "released": "2027-01-15", "sequence": 2,
     "files": {"os-support": {...the same shape as resources/data/os-support.json...}, ...}}

The signature covers the payload's bytes, so the schema version, the release date, the
sequence number and every data file are signed; only the envelope's three fields are not.
Anyone can check a pack with the real minisign tool by taking the payload out (README, docs/
trainers/data-packs.md). A pack is used only when it is signed by a trusted key
(checks/engine/pack_keys.py), carries every data file this Checkup has, each valid by the same
rules as the bundled ones (checks/engine/datafile.parse_data), and is newer than the data
this Checkup already has (resources/data-release.json, or a kept pack). Everything else is
refused with one line (``PackRefused``) and changes nothing.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from checks.engine import datafile
from checks.engine.bounded_json import date_in_range
from checks.engine.bounded_json import loads as bounded_loads
from checks.engine.datafile import DataError, DataOrigin, parse_data
from checks.engine.i18n import Message, msg, translator
from checks.engine.minisign import Signature, SignatureError, verify
from checks.engine.pack_keys import trusted_keys
from checks.engine.resources import resource_path

FORMAT = "checkup-data-pack"
VERSION = 1
MAX_PACK_BYTES = 2 * 2**20  # today's data makes a pack of about 220 KB
MAX_LABEL = 120
_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


class PackRefused(Exception):
    """A data pack that is not used: one line for the person; ``str()`` is English."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(translator("en").render(message))


@dataclass(frozen=True)
class Release:
    """Which data release some data is: the bundled files, or a pack."""

    released: date
    sequence: int


@dataclass(frozen=True)
class DataPack:
    label: str  # the pack's file name (text from outside: show it escaped)
    released: date
    sequence: int
    files: Mapping[str, Any]  # data-file name -> its JSON, each valid by parse_data
    signer: str  # "release", "rotation" or "developer" (checks/engine/pack_keys.py)
    key_id: str
    trusted_comment: str

    @property
    def release(self) -> Release:
        return Release(self.released, self.sequence)

    def origin(self) -> DataOrigin:
        return DataOrigin("pack", self.released, self.sequence, self.label)


def bundled_release() -> Release:
    """resources/data-release.json: the release the bundled data files belong to."""
    try:
        raw = datafile.read_json(resource_path("data-release.json"))
        released = date.fromisoformat(str(raw["released"]))
        sequence = raw["sequence"]
    except (OSError, ValueError, KeyError, TypeError):
        raise DataError("resources/data-release.json cannot be read") from None
    if not isinstance(sequence, int) or isinstance(sequence, bool) or sequence < 0 \
            or not date_in_range(released):
        raise DataError("resources/data-release.json cannot be read")
    return Release(released, sequence)


def bundled_names() -> list[str]:
    return sorted(p.stem for p in resource_path("data").glob("*.json"))


def read_pack(path: str | Path) -> DataPack:
    """The verified, validated pack in ``path``; PackRefused otherwise. Reads at most
    MAX_PACK_BYTES + 1 bytes and writes nothing."""
    label = Path(path).name[:MAX_LABEL]
    return pack_from_bytes(read_bounded(Path(path), label), label)


def pack_from_bytes(raw: bytes, label: str) -> DataPack:
    """The verified, validated pack in ``raw`` (a file's bytes, read with read_bounded)."""
    payload, sig = _envelope(raw, label)
    try:
        key = verify(payload, sig, [k.key for k in trusted_keys()])
    except SignatureError as exc:
        if exc.kind == "key":
            raise PackRefused(msg("{file} is signed with a key this Checkup does not trust "
                                  "(key id {key}); it is not used.",
                                  file=label, key=sig.key_hex)) from None
        raise PackRefused(msg("{file} does not match its signature: it was changed after it "
                              "was signed, or damaged; it is not used.", file=label)) from None
    role = next(k.role for k in trusted_keys() if k.key == key)
    released, sequence, files = _payload(payload, label)
    return DataPack(label, released, sequence, files, role, key.id_hex, sig.trusted_comment)


def _damaged(label: str) -> PackRefused:
    return PackRefused(msg("{file} is not a Checkup data pack, or it is damaged or cut short; "
                           "it is not used.", file=label))


def read_bounded(path: Path, label: str) -> bytes:
    """At most MAX_PACK_BYTES of ``path``; PackRefused when it cannot be read or is larger."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_PACK_BYTES + 1)
    except OSError as exc:
        raise PackRefused(msg("{file} cannot be read: {reason}", file=label,
                              reason=str(exc.strerror or exc))) from None
    if len(raw) > MAX_PACK_BYTES:
        raise PackRefused(msg("{file} is larger than any data pack ({limit} MB at most); it is "
                              "not used.", file=label, limit=MAX_PACK_BYTES // 2**20))
    return raw


def _envelope(raw: bytes, label: str) -> tuple[bytes, Signature]:
    try:
        data = bounded_loads(raw.decode("utf-8"), max_bytes=MAX_PACK_BYTES,
                             max_string=MAX_PACK_BYTES, max_depth=2)
    except ValueError:  # JsonLimit, JSONDecodeError, UnicodeDecodeError
        raise _damaged(label) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT \
            or not isinstance(data.get("payload"), str) \
            or not isinstance(data.get("signature"), str):
        raise _damaged(label)
    try:
        payload = base64.b64decode(data["payload"], validate=True)
        sig = Signature.parse(data["signature"])
    except (binascii.Error, ValueError):  # SignatureError is a ValueError
        raise _damaged(label) from None
    return payload, sig


def _payload(payload: bytes, label: str) -> tuple[date, int, dict[str, Any]]:
    """The signed payload's release date, sequence and files (checked after the signature)."""
    try:
        data = bounded_loads(payload.decode("utf-8"), max_bytes=MAX_PACK_BYTES,
                             max_string=datafile.MAX_DATA_TEXT,
                             max_depth=datafile.MAX_DATA_DEPTH + 2)
    except ValueError:
        raise _damaged(label) from None
    if not isinstance(data, dict) or data.get("schema") != FORMAT:
        raise _damaged(label)
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version != VERSION:
        raise PackRefused(msg("{file} is a kind of data pack this Checkup cannot read (version "
                              "{version}); a newer Checkup may read it. It is not used.",
                              file=label, version=str(version)[:20]))
    try:
        released = date.fromisoformat(str(data.get("released")))
    except ValueError:
        raise _damaged(label) from None
    sequence = data.get("sequence")
    files = data.get("files")
    if not date_in_range(released) or not isinstance(sequence, int) \
            or isinstance(sequence, bool) or not 0 < sequence < 2**31 \
            or not isinstance(files, dict):
        raise _damaged(label)
    return released, sequence, _files(files, label)


def _files(files: dict[str, Any], label: str) -> dict[str, Any]:
    for name in bundled_names():
        if name not in files:
            raise PackRefused(msg("{file} lacks the data file {name}; it is not used.",
                                  file=label, name=name))
    for name, value in files.items():
        if not _NAME.fullmatch(name):
            raise _damaged(label)
        try:
            parse_data(name, value)
        except DataError as exc:
            raise PackRefused(msg("{file} holds a data file this Checkup cannot use ({reason}); "
                                  "it is not used.", file=label, reason=str(exc))) from None
    return files


def refuse_unless_newer(pack: DataPack, have: Release) -> None:
    """PackRefused unless ``pack`` is newer than ``have``: a higher sequence number and a
    release date no earlier."""
    if pack.sequence > have.sequence and pack.released >= have.released:
        return
    raise PackRefused(msg("{file} (number {sequence}, {released}) is not newer than the data "
                          "this Checkup already has (number {have}, {have_date}); it is not "
                          "used.", file=pack.label, sequence=pack.sequence,
                          released=pack.released.isoformat(), have=have.sequence,
                          have_date=have.released.isoformat()))


def use(pack: DataPack | None) -> None:
    """Serve ``pack``'s files for the rest of this process (None: the bundled files again)."""
    if pack is None:
        datafile.use_pack(None)
    else:
        datafile.use_pack(pack.files, pack.origin())

