"""Which folders are the person's own: a recording never keeps their whole listing.

A listing of a folder such as ``~/Downloads`` is a list of the person's file names
(``asylum-application-2026.pdf``); a snapshot or report must not carry it (DESIGN.md rule 9).
Checks that need to know about something in such a folder ask the Host a narrow question
instead (``stat`` of a candidate path, or ``matching(folder, patterns)``: only the entries
that match fixed patterns the check declares), and RecordingHost keeps only those answers.

The rule, in one place (``is_personal_folder``):

- personal: the home folder itself and everything under it; every folder under the places
  that hold people's homes (``/home``, ``/Users``, ``/root``, ``C:\\Users``), their listings
  included (a list of account names); folders whose entries anybody may create or that hold
  removable media (``/tmp``, ``/var/tmp``, ``/media``, ``/run/media``, ``/mnt``,
  ``/Volumes``);
- except application folders inside a home, whose entries are names of programs and of
  their settings files, not of the person's documents: any folder whose name starts with a
  dot (``~/.config``, ``~/.local``, ``~/.var``), macOS ``~/Library`` and ``~/Applications``,
  Windows ``AppData``, and ``~/snap``;
- and within those, the trash, recent-files and cloud-storage folders are personal again
  (``~/.local/share/Trash``, ``~/.Trash``, ``~/Library/Mobile Documents``,
  ``~/Library/CloudStorage``, ``AppData\\Roaming\\Microsoft\\Windows\\Recent``).

System folders (``/etc``, ``/usr``, ``/proc``, ``/sys``, ``/var/lib``, ``/opt``,
``/Applications``, Program Files) are listed and recorded whole.
"""

from __future__ import annotations

from checks.engine.host import PlatformInfo

# Folders that hold homes, files anybody may create, or removable media (POSIX).
_POSIX_PERSONAL_ROOTS = ("/home", "/users", "/root", "/tmp", "/var/tmp", "/media",
                         "/run/media", "/mnt", "/volumes")
# First components inside a home whose entries are programs and their settings.
_APP_FOLDERS = frozenset({"library", "applications", "appdata", "snap"})
# Inside those, folders that hold the person's own file names again.
_PERSONAL_AGAIN = (
    (".local", "share", "trash"),
    (".trash",),
    ("library", "mobile documents"),
    ("library", "cloudstorage"),
    ("appdata", "roaming", "microsoft", "windows", "recent"),
)


def _parts(path: str, windows: bool) -> list[str]:
    """The path's components, folded (Windows and macOS ignore case) and without empties."""
    text = path.replace("\\", "/") if windows else path
    return [p for p in text.casefold().split("/") if p not in ("", ".")]


def _under(parts: list[str], root: list[str]) -> list[str] | None:
    """The components of ``parts`` below ``root``, or None when it is not at or under it."""
    if len(parts) < len(root) or parts[: len(root)] != root:
        return None
    return parts[len(root):]


def _app_folder(rest: list[str]) -> bool:
    """Whether ``rest`` (components below a home) is inside an application folder."""
    if not rest:
        return False
    if any(tuple(rest[: len(again)]) == again for again in _PERSONAL_AGAIN):
        return False
    return rest[0].startswith(".") or rest[0] in _APP_FOLDERS


def is_personal_folder(path: str, platform: PlatformInfo) -> bool:
    """Whether a listing of ``path`` would hold names of the person's own files (or the
    accounts on the machine); see the module's docstring for the rule."""
    windows = platform.system == "Windows" or (len(path) > 1 and path[1] == ":") \
        or path.startswith("\\\\")
    parts = _parts(path, windows)
    homes: list[list[str]] = []
    for home in (platform.home, platform.env.get("HOME", ""),
                 platform.env.get("USERPROFILE", "")):
        home_parts = _parts(home, windows or "\\" in home) if home else []
        if len(home_parts) >= 1 and not (windows and len(home_parts) == 1):
            homes.append(home_parts)
    for home_parts in homes:
        rest = _under(parts, home_parts)
        if rest is not None:
            return not _app_folder(rest)
    if windows:
        # <drive>:\Users and every profile under it
        if len(parts) >= 2 and parts[0].endswith(":") and parts[1] == "users":
            return not _app_folder(parts[3:]) if len(parts) > 3 else True
        return False
    for root in _POSIX_PERSONAL_ROOTS:
        rest = _under(parts, root.strip("/").split("/"))
        if rest is None:
            continue
        if root in ("/home", "/users") and len(rest) >= 2:
            return not _app_folder(rest[1:])  # another account's home
        if root == "/root" and rest:
            return not _app_folder(rest)
        return True
    return False
