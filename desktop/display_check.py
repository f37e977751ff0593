"""Can the window start here? Asked before Qt is touched, because Qt's own answer to "no
display" or "a library of the X11 plugin is missing" is an abort that Python cannot catch
(and that names the plugin, not what is missing).

    window_blocker(env) -> Message | None     None: go ahead and create the QApplication

Nothing here imports Qt. On Linux:

- ``QT_QPA_PLATFORM`` naming a platform that needs no display (``offscreen``, ``minimal``,
  ...) or one this module does not know: go ahead, Qt decides.
- A Wayland session (``WAYLAND_DISPLAY``): go ahead; missing X11 libraries do not matter there.
- ``DISPLAY`` (X11): the system libraries that Qt's ``xcb`` platform plugin and Qt's own
  libraries link against are looked up (their names read from the ELF files' ``DT_NEEDED``
  entries) and loaded with ``ctypes``; a library that does not load is named in the message.
  Loading a plain library cannot abort the program: a failure is an ``OSError``.
- Neither: there is no display.

macOS and Windows always have a display for a program the person started.
"""


from __future__ import annotations

import ctypes
import importlib.util
import os
import struct
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from checks.engine.i18n import Message, msg

# The exit status of ``checkup`` (window) when the window cannot start here (README, "Exit
# status"); 2 is bad usage, 3 open-report's wrong passphrase.
EXIT_NO_WINDOW = 4

_NO_DISPLAY_NEEDED = frozenset({"offscreen", "minimal", "minimalegl", "eglfs", "linuxfb",
                                "vkkhrdisplay", "vnc"})
_WAYLAND = frozenset({"wayland", "wayland-egl", "wayland-brcm"})
# Debian/Ubuntu package of each library Qt's X11 plugin (or Qt itself) may miss.
DEBIAN_PACKAGES = {
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0", "libxkbcommon.so.0": "libxkbcommon0",
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1", "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0", "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0", "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-util.so.1": "libxcb-util1", "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1", "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-render.so.0": "libxcb-render0", "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb.so.1": "libxcb1", "libX11-xcb.so.1": "libx11-xcb1", "libX11.so.6": "libx11-6",
    "libEGL.so.1": "libegl1", "libGL.so.1": "libgl1", "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1", "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3", "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
}

Loader = Callable[[str], object]


# -- ELF: which libraries a shared object links against ---------------------------------------
def elf_needed(path: Path | str) -> list[str] | None:
    """The ``DT_NEEDED`` names of an ELF file (in file order), or None when it is not a
    readable ELF file. Reads only the headers and the dynamic section."""
    try:
        with open(path, "rb") as fh:
            ident = fh.read(16)
            if len(ident) < 16 or ident[:4] != b"\x7fELF" or ident[4] not in (1, 2):
                return None
            wide, end = ident[4] == 2, "<" if ident[5] == 1 else ">"
            head = fh.read(48 if wide else 36)
            if wide:
                shoff, = struct.unpack(end + "Q", head[24:32])
                shentsize, shnum = struct.unpack(end + "HH", head[42:46])
            else:
                shoff, = struct.unpack(end + "I", head[16:20])
                shentsize, shnum = struct.unpack(end + "HH", head[30:34])
            if not shoff or not shnum or shnum > 4096:
                return None
            fh.seek(shoff)
            table = fh.read(shentsize * shnum)
            sections = []
            for i in range(shnum):
                raw = table[i * shentsize:(i + 1) * shentsize]
                if wide:
                    _n, kind, _f, _a, off, size, link = struct.unpack(end + "IIQQQQI", raw[:44])
                else:
                    _n, kind, _f, _a, off, size, link = struct.unpack(end + "IIIIIII", raw[:28])
                sections.append((kind, off, size, link))
            dynamic = next((s for s in sections if s[0] == 6), None)  # SHT_DYNAMIC
            if dynamic is None:
                return []
            if not 0 <= dynamic[3] < len(sections):
                return None
            _k, str_off, str_size, _l = sections[dynamic[3]]
            fh.seek(str_off)
            strings = fh.read(min(str_size, 1 << 22))
            fh.seek(dynamic[1])
            entries = fh.read(min(dynamic[2], 1 << 20))
    except (OSError, struct.error, ValueError):
        return None
    step, fmt = (16, end + "qQ") if wide else (8, end + "iI")
    out = []
    for i in range(0, len(entries) - step + 1, step):
        tag, value = struct.unpack(fmt, entries[i:i + step])
        if tag == 0:  # DT_NULL
            break
        if tag == 1 and value < len(strings):  # DT_NEEDED
            out.append(strings[value:strings.find(b"\0", value)].decode("utf-8", "replace"))
    return out


# -- where Qt is ------------------------------------------------------------------------------
def qt_dirs() -> tuple[Path, list[Path]] | None:
    """(Qt's plugin folder, the folders holding Qt's and the bundle's own libraries), or None
    when PySide6 cannot be found (the caller's import of it then says so)."""
    bundle = getattr(sys, "_MEIPASS", None)
    roots: list[Path] = []
    if bundle:
        roots.append(Path(bundle) / "PySide6")
    else:
        try:
            spec = importlib.util.find_spec("PySide6")
        except (ImportError, ValueError):
            spec = None
        if spec is None or not spec.submodule_search_locations:
            return None
        roots.extend(Path(p) for p in spec.submodule_search_locations)
    for root in roots:
        plugins = root / "Qt" / "plugins"
        if plugins.is_dir():
            own = [root / "Qt" / "lib", root]
            if bundle:
                own.insert(0, Path(bundle))
            return plugins, own
    return None


def missing_libraries(plugin: Path, own_dirs: Iterable[Path], load: Loader) -> list[str]:
    """System libraries that ``plugin`` (and the Qt libraries it pulls in from ``own_dirs``)
    needs and that do not load, in the order first met."""
    dirs = list(own_dirs)
    missing: list[str] = []
    seen: set[str] = set()
    todo = [plugin]
    while todo:
        needed = elf_needed(todo.pop())
        for name in needed or ():
            if name in seen:
                continue
            seen.add(name)
            ours = next((d / name for d in dirs if (d / name).is_file()), None)
            if ours is not None:
                todo.append(ours)
                continue
            try:
                load(name)
            except OSError:
                missing.append(name)
    return missing


def _load(name: str) -> object:
    return ctypes.CDLL(name)


# -- the verdict ------------------------------------------------------------------------------
def _no_display() -> Message:
    return msg("The window needs a graphical desktop and none was found here (neither DISPLAY "
               "nor WAYLAND_DISPLAY is set). In a terminal, the command line works: checkup "
               "scan")


def _missing(names: list[str]) -> Message:
    if all(n in DEBIAN_PACKAGES for n in names):
        packages = sorted({DEBIAN_PACKAGES[n] for n in names})
        return msg("The window cannot start: the X11 display needs system libraries that are "
                   "missing here ({libraries}); on Debian or Ubuntu: sudo apt-get install "
                   "{packages}. In a terminal, the command line works: checkup scan",
                   libraries=", ".join(names), packages=" ".join(packages))
    return msg("The window cannot start: the X11 display needs system libraries that are "
               "missing here ({libraries}). In a terminal, the command line works: checkup "
               "scan", libraries=", ".join(names))


def window_blocker(env: Mapping[str, str] | None = None, system: str | None = None,
                   load: Loader = _load,
                   qt: tuple[Path, list[Path]] | None | bool = True) -> Message | None:
    """Why the window cannot start here, or None. ``qt`` is (plugin folder, own library
    folders) for tests; True means find it."""
    env = os.environ if env is None else env
    if not (system or sys.platform).startswith("linux"):
        return None
    asked = [p.strip().split(":")[0] for p in env.get("QT_QPA_PLATFORM", "").split(";")
             if p.strip()]
    if any(p not in _WAYLAND and p != "xcb" for p in asked):
        return None  # needs no display, or a platform Qt will judge itself
    wayland_ok = bool(env.get("WAYLAND_DISPLAY")) and (not asked or bool(_WAYLAND & set(asked)))
    if wayland_ok:
        return None
    if not env.get("DISPLAY") or (asked and "xcb" not in asked):
        return _no_display()
    found = qt_dirs() if qt is True else qt
    if not found:
        return None  # no PySide6 here: the caller's import says so in its own words
    plugins, own = found
    plugin = plugins / "platforms" / "libqxcb.so"
    if not plugin.is_file():
        return _missing(["libqxcb.so"])
    names = missing_libraries(plugin, own, load)
    return _missing(names) if names else None
