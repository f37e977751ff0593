"""A data pack the person chose to keep, in the settings folder (checks/privacy/appdirs.py).

``checkup data keep FILE`` and the window's File › Use newer data… › Keep it store one
verified pack in ``<settings folder>/data-pack/`` under its own file name (a name with
other characters is stored as ``data-pack.json``); keeping another replaces it. Later
scans, from the command line and the window, use it (:func:`activate_kept`) unless this
Checkup's own data is as new or newer — after an update — when it is ignored with one line.
``checkup forget`` removes it with the rest of the settings folder. Nothing is kept when
settings are kept in memory only (a read-only portable copy): that is refused with one line.
"""

from __future__ import annotations

import re
from pathlib import Path

from checks.engine import datapack
from checks.engine.datafile import DataError
from checks.engine.datapack import DataPack, PackRefused
from checks.engine.i18n import Message, msg
from checks.privacy.appdirs import settings_location

KEPT_FOLDER = "data-pack"
FALLBACK_NAME = "data-pack.json"
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")


def kept_folder() -> Path | None:
    folder = settings_location().folder
    return folder / KEPT_FOLDER if folder is not None else None


def kept_file() -> Path | None:
    """The kept pack's file, or None when there is none."""
    folder = kept_folder()
    if folder is None or not folder.is_dir():
        return None
    # (a name keep() gives: never safe_write's ".checkup-....part" of a save in progress)
    files = sorted(p for p in folder.iterdir()
                   if _SAFE_NAME.fullmatch(p.name) and p.is_file() and not p.is_symlink())
    return files[0] if files else None


def newest_known() -> datapack.Release:
    """The newest data this Checkup has: its own, or a usable kept pack."""
    have = datapack.bundled_release()
    path = kept_file()
    if path is None:
        return have
    try:
        kept = datapack.read_pack(path)
    except PackRefused:
        return have
    return kept.release if kept.sequence > have.sequence else have


def verified_newer(path: str | Path) -> DataPack:
    """The pack at ``path`` when it is usable and newer than the data this Checkup has (its
    own, or a kept pack); PackRefused (one line) otherwise."""
    try:
        pack = datapack.read_pack(path)
        datapack.refuse_unless_newer(pack, newest_known())
    except DataError as exc:  # the bundled release stamp itself is unreadable
        raise PackRefused(_own_data_unreadable(exc)) from None
    return pack


def _own_data_unreadable(exc: DataError) -> Message:
    return msg("this Checkup's own data cannot be read: {reason}", reason=str(exc))


def keep(path: str | Path) -> tuple[DataPack, str]:
    """Verify ``path`` and store it as the kept pack; (the pack, where it was stored).
    PackRefused (one line) when it is not usable, not newer, or cannot be stored; then
    nothing was changed."""
    label = Path(path).name[: datapack.MAX_LABEL]
    raw = datapack.read_bounded(Path(path), label)  # read once: what is stored is what was checked
    pack = datapack.pack_from_bytes(raw, label)
    try:
        datapack.refuse_unless_newer(pack, newest_known())
    except DataError as exc:  # the bundled release stamp itself is unreadable
        raise PackRefused(_own_data_unreadable(exc)) from None
    where = settings_location()
    if where.folder is None:
        raise PackRefused(msg("This copy of Checkup keeps nothing on this computer ({reason}), "
                              "so it cannot keep the pack. Use it for one scan instead: "
                              "checkup scan --data FILE", reason=where.reason))
    return pack, _store(raw, Path(path).name, where.folder / KEPT_FOLDER)


def _store(data: bytes, source_name: str, folder: Path) -> str:
    from checks.engine.safe_write import write_file

    name = source_name if _SAFE_NAME.fullmatch(source_name) else FALLBACK_NAME
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        saved = write_file(folder / name, data, replace=True)
        for other in folder.iterdir():
            if other.name != name and other.is_file():
                other.unlink()
    except OSError as exc:
        raise PackRefused(msg("the pack could not be kept: {reason}",
                              reason=str(exc.strerror or exc))) from None
    return saved


def activate_kept() -> tuple[DataPack | None, Message | None]:
    """Put the kept pack in use when there is one and it is newer than the bundled data.
    Returns (the pack in use or None, a line to show or None). Writes nothing."""
    path = kept_file()
    if path is None:
        return None, None
    try:
        pack = datapack.read_pack(path)
        datapack.refuse_unless_newer(pack, datapack.bundled_release())
    except PackRefused as exc:
        return None, msg("The kept data pack is not used: {reason}", reason=exc.message)
    except DataError:
        return None, None
    datapack.use(pack)
    return pack, None
