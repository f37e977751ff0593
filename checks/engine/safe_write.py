"""The one way Checkup writes a file: every save (reports, snapshots, PDFs, summaries, settings)
goes through :func:`write_file`.

What it promises:

* The bytes go to a new temporary file in the target's own folder (``.checkup-<random>.part``),
  created exclusively (``O_CREAT | O_EXCL``), never through a link (``O_NOFOLLOW``), not
  inherited by child processes (``O_CLOEXEC``), with mode 0600 where the file system has
  modes; it is written in full, flushed and synced before it gets the target's name. A reader
  never sees half a file under that name, and a full disk or a failed write leaves the
  target exactly as it was.
* Without ``replace`` an existing target is refused atomically, not by a check that races:
  ``renameat2(RENAME_NOREPLACE)`` on Linux, ``renamex_np(RENAME_EXCL)`` on macOS, a plain
  rename on Windows (which never replaces), else a hard link. On a file system without hard
  links or those calls (FAT sticks, some network shares) the name is first reserved by an
  exclusive create and then replaced by the finished file: the reserved name is empty for
  an instant, never half written, and it is removed again when the move fails.
* With ``replace`` the finished file is renamed over the target (``os.replace``): an
  existing file is replaced as a whole, never opened and rewritten.
* A target that is a symbolic link (pointing anywhere, or nowhere) is refused: Checkup never
  writes through a link, so a link planted where a report is saved cannot send it elsewhere
  or overwrite the file it points to. When the person chose the name in a save dialog and
  agreed to replace what is there (``replace_link=True``; also Checkup's own settings file),
  the link itself is replaced by the new file; what it pointed to is left untouched. We chose
  that over following the link because the dialog showed a name in this folder, and the new
  file ends up under exactly that name.
* On FAT and exFAT, where files have no Unix modes, the write works all the same (the mode is
  whatever the disk's mount gives every file).
* On Windows, a rename refused because another program (usually an antivirus scanner) holds
  the new file open is retried a few times within about a second and a half.
* On any failure: the target is untouched, the temporary file is removed, and
  :class:`WriteProblem` (an ``OSError``) carries one clear, translatable line saying why:
  it exists, it is a folder, it is a link, the folder does not exist, the disk is full,
  permission, a read-only disk, a name the disk does not allow (also when the temporary
  file could be made but the disk refuses the target's own name, as FAT does a name that
  is not UTF-8).
* Names are kept as given: on Linux and macOS a name that is not valid UTF-8 arrives as a
  ``str`` with surrogate escapes (or as ``bytes``) and is passed to the system unchanged;
  :func:`shown_path` gives a printable form for messages (undecodable bytes as ``\\xNN``,
  controls and direction marks as ``<U+XXXX>``).

Every file Checkup saves, and how (tests/test_safe_write.py tries each with a link, a link
to nothing, an existing file, a folder, a missing folder, a full disk, a name that is not
UTF-8 and FAT):

* command line, refusing an existing file unless ``--force``, and a link always:
  ``checkup record FILE`` (checks/cli.py, ``_write_new``), ``checkup scan --html FILE``
  (the same; with ``--encrypt`` through checks/privacy/report_crypto.py ``write_encrypted``),
  ``checkup open-report FILE --output COPY`` (checks/privacy/privacy_cli.py); ``scan --json``
  prints and writes no file. Each target is checked (:func:`check_target`) before the
  passphrase and the scan, and again when written.
* ``Snapshot.dump`` (checks/engine/snapshot.py; tools and tests): replaces a file, refuses a link.
* window saves, through desktop/safe_save.py ``save_chosen`` (replace, and a link under the
  chosen name is itself replaced; the save dialog asked): reports as HTML, JSON and PDF
  (desktop/privacy/report_export.py, desktop/main_window.py), the PDF of a guidance page or a
  handout (desktop/pdf.py, ``MainWindow.write_pdf_to``), the handouts dialog's PDF
  (desktop/workshop/handouts_dialog.py), the anonymous summary (desktop/workshop/share_summary.py), the
  dashboard's chart (PNG) and report (PDF) (desktop/workshop/dashboard.py), a protected report
  (desktop/privacy/privacy_actions.py through ``write_encrypted``) and its unprotected copy. PDFs
  and images are made in memory first (QPdfWriter on a QBuffer); Qt never opens the file.
* the window's settings file (desktop/settings.py ``save_settings``): replaced whole; a
  link there is replaced; its folder is made with mode 0700.

* ``checkup forget`` and the window's "forget everything" (checks/privacy/forget.py), taking
  Checkup's records out of the desktop's recently-used list (``recently-used.xbel``): the
  list is replaced whole, keeping its mode (``keep_mode``); a link there is replaced by the
  new list, as before this went through here.

* a data pack the person keeps (checks/privacy/kept_pack.py), in the settings folder.

Not through here: tools/ writes files of the repository it generates (translation
templates, lock files, demo machines, icons, release archives, their checksums, public key
and signatures), which are no one's private data and are checked by the suite or the
release.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import os
import secrets
import stat
import sys
import time
from collections.abc import Callable
from typing import Union

from checks.engine.i18n import Message, msg

PathArg = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]

MODE = 0o600
IS_WINDOWS = sys.platform == "win32"
# Windows: ERROR_ACCESS_DENIED (5) and ERROR_SHARING_VIOLATION (32) while a scanner holds it.
WINDOWS_BUSY = (5, 32)
WINDOWS_RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.7)  # about 1.5 s in all, then give up
TEMP_PREFIX = ".checkup-"
TEMP_SUFFIX = ".part"

# errno values that mean "this file system cannot do that" (no hard links, no renameat2 flag)
_UNSUPPORTED = {errno.EPERM, errno.EINVAL, errno.ENOSYS, errno.EXDEV, errno.EMLINK,
                getattr(errno, "ENOTSUP", errno.EINVAL), getattr(errno, "EOPNOTSUPP", errno.EINVAL)}


class WriteProblem(OSError):
    """A file could not be written. ``message`` is one clear line for a person (a gettext
    Message); ``kind`` says which: exists, folder, link, no-folder, full, too-large,
    permission, read-only, name, other. ``str()`` is the technical reason."""

    def __init__(self, kind: str, message: Message, path: str, detail: str = "",
                 err: int | None = None) -> None:
        super().__init__(err or 0, detail or kind)
        self.kind = kind
        self.message = message
        self.path = path
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.path}: {self.detail or self.kind}"


def shown_path(path: PathArg) -> str:
    """``path`` as printable text: bytes that are not UTF-8 appear as ``\\xNN``, and
    controls, direction and invisible characters as ``<U+XXXX>`` (checks/engine/plain_text.py), so
    a name cannot steer a terminal or reorder the sentence it is shown in."""
    from checks.engine.plain_text import plain

    text = os.fsdecode(os.fspath(path))
    try:
        shown = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that is no escaped byte
        shown = text.encode("utf-8", "backslashreplace").decode("ascii")
    return plain(shown)


def utf8(text: str) -> bytes:
    """``text`` as UTF-8; a lone surrogate (say, from a file name that was not UTF-8) becomes
    U+FFFD instead of an error."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text).encode()


# -- the messages ------------------------------------------------------------------------------
def _problem(kind: str, path: str, detail: str = "", err: int | None = None) -> WriteProblem:
    file = shown_path(path)
    folder = shown_path(os.path.dirname(os.path.abspath(path)))
    messages: dict[str, Callable[[], Message]] = {
        "exists": lambda: msg("{file} already exists, so nothing was written; choose another "
                              "name.", file=file),
        "folder": lambda: msg("{file} is a folder, so nothing was written; give a file name.",
                              file=file),
        "link": lambda: msg("{file} is a link to another place, and Checkup does not write "
                            "through links, so nothing was written; choose another name.",
                            file=file),
        "no-folder": lambda: msg("{file} could not be saved: the folder {folder} does not "
                                 "exist.", file=file, folder=folder),
        "full": lambda: msg("{file} could not be saved: the disk is full. Nothing was "
                            "written; free some space or choose another place.", file=file),
        "too-large": lambda: msg("{file} could not be saved: it is too large for this disk. "
                                 "Nothing was written.", file=file),
        "permission": lambda: msg("{file} could not be saved: permission denied. Nothing was "
                                  "written; choose a folder you can write to.", file=file),
        "read-only": lambda: msg("{file} could not be saved: the disk is read-only. Nothing "
                                 "was written.", file=file),
        "name": lambda: msg("{file} could not be saved: this disk does not allow that name "
                            "(too long, or a character it cannot hold). Nothing was written.",
                            file=file),
    }
    make = messages.get(kind) or (lambda: msg(
        "{file} could not be saved: {reason}. Nothing was written.", file=file,
        reason=detail or kind))
    return WriteProblem(kind, make(), file, detail, err)


_ERRNO_KINDS = {
    errno.EEXIST: "exists",
    errno.EISDIR: "folder",
    errno.ENOSPC: "full",
    getattr(errno, "EDQUOT", errno.ENOSPC): "full",
    errno.EFBIG: "too-large",
    errno.EACCES: "permission",
    errno.EPERM: "permission",
    errno.EROFS: "read-only",
    errno.ENOENT: "no-folder",
    errno.ENOTDIR: "no-folder",
    errno.ENAMETOOLONG: "name",
    errno.EILSEQ: "name",
    errno.ELOOP: "link",
}


def _from_os_error(path: str, exc: OSError) -> WriteProblem:
    if isinstance(exc, WriteProblem):
        return exc
    kind = _ERRNO_KINDS.get(exc.errno or -1, "other")
    if IS_WINDOWS and getattr(exc, "winerror", None) == 123:  # ERROR_INVALID_NAME
        kind = "name"
    return _problem(kind, path, exc.strerror or str(exc), exc.errno)


# -- checks before writing -----------------------------------------------------------------------
def check_target(path: PathArg, *, replace: bool = False, replace_link: bool = False) -> None:
    """Raise WriteProblem when ``path`` would be refused (a folder, a link, an existing file
    without ``replace``, a folder that does not exist). Used to refuse early, before work
    is done; :func:`write_file` checks again and the final move is atomic."""
    p = os.fspath(path)
    text = os.fsdecode(p)
    if not os.path.basename(text.rstrip("/\\")) or text.endswith(("/", os.sep)):
        raise _problem("folder", text)
    try:
        st = os.lstat(p)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _from_os_error(text, exc) from None
    if st is not None:
        if stat.S_ISLNK(st.st_mode):
            if not (replace and replace_link):
                raise _problem("link", text)
        elif stat.S_ISDIR(st.st_mode):
            raise _problem("folder", text)
        elif not replace:
            raise _problem("exists", text)
    if not os.path.isdir(os.path.dirname(p) or os.curdir):
        raise _problem("no-folder", text)


# -- the write -----------------------------------------------------------------------------------
def write_file(path: PathArg, data: bytes, *, replace: bool = False,
               replace_link: bool = False, mode: int = MODE, keep_mode: bool = False) -> str:
    """Write ``data`` as the whole new content of ``path`` (see the module's docstring).

    ``replace``: an existing file may be replaced (``--force``; a save dialog that asked).
    ``replace_link``: with ``replace``, a link at ``path`` is itself replaced by the new
    file (the person chose this name in a save dialog); without it a link is refused.
    ``keep_mode``: the new file takes the permission bits of the file it replaces (for a
    link, of the file the link points to: only its mode is read), exactly, not narrowed by
    the umask; ``mode`` when there is none. A disk without modes (FAT) gives what it gives.
    Returns the path as printable text; raises WriteProblem.
    """
    p = os.fspath(path)
    text = os.fsdecode(p)
    check_target(p, replace=replace, replace_link=replace_link)
    name = f"{TEMP_PREFIX}{secrets.token_hex(8)}{TEMP_SUFFIX}"
    folder: str | bytes
    tmp: str | bytes
    if isinstance(p, bytes):
        folder = os.path.dirname(p) or b"."
        tmp = os.path.join(folder, os.fsencode(name))
    else:
        folder = os.path.dirname(p) or "."
        tmp = os.path.join(folder, name)
    flags = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    try:
        fd = os.open(tmp, flags, mode)
    except OSError as exc:
        raise _from_os_error(text, exc) from None
    moved = False
    try:
        try:
            if keep_mode:
                _keep_mode(fd, tmp, p)
            _write_all(fd, data)
            _fsync(fd)
        finally:
            os.close(fd)
        if replace:
            _retry_busy(lambda: os.replace(tmp, p))
        else:
            _move_no_replace(tmp, p, mode)
        moved = True
    except OSError as exc:
        if _name_refused(exc, p):
            raise _problem("name", text, exc.strerror or str(exc), exc.errno) from None
        raise _from_os_error(text, exc) from None
    finally:
        if not moved:  # a scanner may still hold it on Windows: retried like the move
            with contextlib.suppress(OSError):
                _retry_busy(lambda: os.unlink(tmp))
    _sync_folder(folder)
    return shown_path(p)


# What chmod answers on a file system that has no Unix modes (FAT without "quiet", some
# network and FUSE file systems), for a file this process has just created.
_NO_MODES = {errno.EPERM, errno.EINVAL, getattr(errno, "ENOTSUP", errno.EINVAL),
             getattr(errno, "EOPNOTSUPP", errno.EINVAL)}


def _keep_mode(fd: int, tmp: str | bytes, target: str | bytes) -> None:
    """Give the new file (open as ``fd``) the permission bits of the file at ``target``."""
    try:
        bits = stat.S_IMODE(os.stat(target).st_mode) & 0o777
    except FileNotFoundError:
        return
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, bits)
        else:  # Windows before Python 3.13: only the read-only flag is a mode there
            os.chmod(tmp, bits)
    except OSError as exc:
        if exc.errno not in _NO_MODES:
            raise


# A disk refuses a name it cannot hold with one of these (FAT and a name that is not valid
# UTF-8: EPERM through FUSE, EINVAL or EILSEQ in the kernel).
_NAME_ERRNOS = {errno.EPERM, errno.EACCES, errno.EINVAL, errno.EILSEQ}


def _name_refused(exc: OSError, target: str | bytes) -> bool:
    """Whether a failed move means the disk does not allow the target's name: the temporary
    file was just created in the same folder (so it is no matter of permission there), and
    nothing is under the target name (so no file of someone else's is in the way)."""
    if exc.errno not in _NAME_ERRNOS:
        return False
    try:
        os.lstat(target)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return False


def write_text(path: PathArg, text: str, **kwargs: object) -> str:
    """:func:`write_file` for text, as UTF-8 (see :func:`utf8`)."""
    return write_file(path, utf8(text), **kwargs)  # type: ignore[arg-type]


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        if n <= 0:
            raise OSError(errno.EIO, "the system wrote nothing")
        view = view[n:]


def _fsync(fd: int) -> None:
    """Flush the new file to the disk. A file system that cannot sync a file at all (some
    network and FUSE file systems answer EINVAL or ENOTSUP) is no reason to fail; a disk
    that is full or fails while flushing (ENOSPC, EIO, EDQUOT) is."""
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _NO_SYNC:
            raise


_NO_SYNC = {errno.EINVAL, getattr(errno, "ENOTSUP", errno.EINVAL),
            getattr(errno, "EOPNOTSUPP", errno.EINVAL)}


def _sync_folder(folder: str | bytes) -> None:
    """Make the new name itself durable (POSIX; best effort)."""
    if IS_WINDOWS:
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _retry_busy(action: Callable[[], None]) -> None:
    """Run ``action``; on Windows retry it briefly while another program holds the file."""
    for delay in (*WINDOWS_RETRY_DELAYS, None):
        try:
            action()
            return
        except PermissionError as exc:
            if not IS_WINDOWS or delay is None or getattr(exc, "winerror", None) not in \
                    WINDOWS_BUSY:
                raise
            time.sleep(delay)


# -- moving into place without replacing ---------------------------------------------------------
def _move_no_replace(tmp: str | bytes, target: str | bytes, mode: int) -> None:
    if IS_WINDOWS:  # MoveFileEx without MOVEFILE_REPLACE_EXISTING: refuses an existing target
        _retry_busy(lambda: os.rename(tmp, target))
        return
    for strategy in (_rename_noreplace, _link_then_unlink):
        if strategy(tmp, target):
            return
    _reserve_then_replace(tmp, target, mode)


@functools.lru_cache(maxsize=1)
def _libc() -> ctypes.CDLL | None:
    """The C library already loaded into this process (no search that runs a program)."""
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


AT_FDCWD = -100
RENAME_NOREPLACE = 1  # Linux renameat2
RENAME_EXCL = 0x4  # macOS renamex_np


def _rename_noreplace(tmp: str | bytes, target: str | bytes) -> bool:
    """True when moved; False when this system or file system cannot do it; OSError
    (EEXIST: the target exists) otherwise."""
    libc = _libc()
    if libc is None:
        return False
    old, new = os.fsencode(tmp), os.fsencode(target)
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        rc = libc.renameat2(AT_FDCWD, old, AT_FDCWD, new, RENAME_NOREPLACE)
    elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        rc = libc.renamex_np(old, new, RENAME_EXCL)
    else:
        return False
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in _UNSUPPORTED:
        return False
    raise OSError(err, os.strerror(err))


def _link_then_unlink(tmp: str | bytes, target: str | bytes) -> bool:
    """A hard link fails when the target exists, atomically. False without hard links."""
    try:
        os.link(tmp, target, follow_symlinks=False)
    except OSError as exc:
        if exc.errno in _UNSUPPORTED and exc.errno != errno.EEXIST:
            return False
        raise
    with contextlib.suppress(OSError):
        os.unlink(tmp)
    return True


def _reserve_then_replace(tmp: str | bytes, target: str | bytes, mode: int) -> None:
    """For file systems without hard links: take the name with an exclusive create (which
    fails if it exists), then rename the finished file over that empty placeholder."""
    flags = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_CLOEXEC", 0))
    fd = os.open(target, flags, mode)
    try:
        mine = os.fstat(fd)
    finally:
        os.close(fd)
    try:
        os.replace(tmp, target)
    except OSError:
        with contextlib.suppress(OSError):
            now = os.lstat(target)
            if (now.st_dev, now.st_ino) == (mine.st_dev, mine.st_ino) and now.st_size == 0:
                os.unlink(target)  # our own empty placeholder, nothing else
        raise
