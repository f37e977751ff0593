"""What goes into the bundle, decided once for packaging/checkup.spec, tools/package.py and the
tests (which run without PyInstaller).

- The two programs and their names on each system (one name per program, never two names
  that differ only by case: Windows and macOS would make them one file).
- Which Qt translations and which Babel locale data are kept: those of every language in
  ``checks.engine.i18n.LANGUAGES``, with Babel's parent locales and ``root``.
- Which shared libraries the Linux bundle leaves to the system, and the closure of what it
  must carry (read from the ELF files' own ``DT_NEEDED`` entries, not from ``ldd``, whose
  answer also lists what the *system's* libraries need).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# -- the programs -----------------------------------------------------------------------------
CLI = "checkup"  # the command line (and the window when started without a command)
WINDOW = "checkup-window"  # the window, without a console (Windows) / the app's main program
APP_NAME = "Checkup"  # the folder, the macOS app bundle and what menus show


def program_files(system: str = sys.platform) -> dict[str, str]:
    """Role -> the program's path inside the bundle's folder (macOS: inside Checkup.app)."""
    if system.startswith("win"):
        return {"cli": f"{CLI}.exe", "window": f"{WINDOW}.exe"}
    if system == "darwin":
        return {"cli": f"Contents/MacOS/{CLI}", "window": f"Contents/MacOS/{WINDOW}"}
    return {"cli": CLI, "window": WINDOW}


def case_collisions(paths: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs of paths that differ only by letter case (one file on NTFS and default APFS)."""
    seen: dict[str, str] = {}
    out = []
    for p in paths:
        norm = p.replace("\\", "/").strip("/")
        key = norm.casefold()
        if key in seen and seen[key] != norm:
            out.append((seen[key], norm))
        seen.setdefault(key, norm)
    return out


# -- languages --------------------------------------------------------------------------------
def babel_parent(code: str) -> str:
    """The locale Babel falls back to for ``code`` ("es_419" -> "es", "es_MX" -> "es_419",
    "zh_Hant" -> "root", "es" -> "root"), as babel.localedata.load resolves it: the CLDR
    parent exceptions first, then a script the language is not usually written in starts
    over at root, else the last subtag is dropped."""
    from babel.core import get_global

    exceptions: Mapping[str, str] = get_global("parent_exceptions")
    if code in exceptions:
        return exceptions[code]
    parts = code.split("_")
    if len(parts) == 1:
        return "root"
    if len(parts) == 2 and len(parts[1]) == 4 and parts[1].isalpha():  # language_Script
        likely: Mapping[str, str] = get_global("likely_subtags")
        usual = likely.get(parts[0], "").split("_")
        if len(usual) < 2 or usual[1] != parts[1]:
            return "root"
    return "_".join(parts[:-1])


def babel_locales(languages: Iterable[str]) -> set[str]:
    """Every Babel locale file the given languages read: each one, its parents, and root."""
    keep = {"root"}
    for code in languages:
        code = code.replace("-", "_")
        while code and code != "root" and code not in keep:
            keep.add(code)
            code = babel_parent(code)
    return keep


def qt_translation_names(languages: Iterable[str]) -> set[str]:
    """Locale suffixes of Qt's .qm files to keep ("pt_BR" keeps qt_pt_BR.qm and qt_pt.qm)."""
    out = set()
    for code in languages:
        code = code.replace("-", "_")
        out.add(code)
        out.add(code.split("_")[0])
    return out


def shipped_languages() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from checks.engine.i18n import LANGUAGES

    return list(LANGUAGES)


def data_filter(languages: Sequence[str]) -> re.Pattern[str]:
    """Bundle paths (``/``-separated) of Qt translations and Babel data to keep."""
    qt = "|".join(sorted(re.escape(c) for c in qt_translation_names(languages)))
    babel = "|".join(sorted(re.escape(c) for c in babel_locales(languages)))
    return re.compile(rf"(?:^|/)(?:(?:qt|qtbase)_(?:{qt})\.qm|(?:{babel})\.dat)$")


def keep_data(dest: str, keep: re.Pattern[str]) -> bool:
    d = dest.replace("\\", "/")
    if "/Qt/translations/" in d or d.startswith("PySide6/translations/"):
        return bool(keep.search(d))
    if d.startswith("babel/locale-data/"):
        return bool(keep.search(d))
    if d.startswith("resources/translations/") and d.endswith(".pot"):
        return False  # templates are for translators, not for the program
    return True


# -- Linux libraries --------------------------------------------------------------------------
# Left to the system on purpose: glibc and the C++ runtime (must be the system's), zlib,
# expat, fontconfig and FreeType (older copies break newer font configurations), the GL/EGL
# dispatch libraries and libxcb/libwayland (tied to the graphics drivers; PyInstaller leaves
# these out itself), and libcups: printing goes through the system's CUPS library *with its
# own dependencies* (GnuTLS, Kerberos, Avahi), which the system keeps patched; bundling
# them without libcups would make the system's libcups load our older copies.
SYSTEM_LIBRARY = re.compile(
    r"(?:ld-linux[-\w.]*|lib(?:c|m|dl|rt|pthread|resolv|util|anl|mvec)"
    r"|libstdc\+\+|libgcc_s|libz|libexpat|libfontconfig|libfreetype"
    r"|lib(?:GL|EGL|GLX|GLdispatch|OpenGL|GLESv2|gbm|drm)"
    r"|libxcb|libxcb-dri\d*|libwayland-(?:client|cursor|egl|server)"
    r"|libcups)\.so(?:\.[\d.]+)?$")


def is_system_library(name: str) -> bool:
    return bool(SYSTEM_LIBRARY.match(Path(name).name))


def closure(roots: Iterable[str], libs: Mapping[str, str],
            needed: Mapping[str, Sequence[str] | None] | None = None) -> set[str] | None:
    """Names of the libraries in ``libs`` (name -> file) that the ``roots`` (files) need,
    directly or through each other. None when a file cannot be read (then keep everything)."""
    from desktop.display_check import elf_needed

    def deps(path: str) -> Sequence[str] | None:
        if needed is not None and path in needed:
            return needed[path]
        return elf_needed(path)

    out: set[str] = set()
    todo = list(roots)
    while todo:
        got = deps(todo.pop())
        if got is None:
            return None
        for name in got:
            if name in libs and name not in out:
                out.add(name)
                todo.append(libs[name])
    return out


# -- English left in a translated report ------------------------------------------------------
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def english_fragments(lang: str, pot_files: Iterable[Path]) -> dict[str, str]:
    """Literal pieces (three words or more) of the English catalogue's messages that the
    ``lang`` translation changes: fragment -> its message id. A piece a translation keeps as
    it is (a product name, a command) is not listed."""
    from babel.messages.pofile import read_po

    from checks.engine.i18n import translator

    t = translator(lang)
    out: dict[str, str] = {}
    for pot in pot_files:
        with pot.open("rb") as fh:
            cat = read_po(fh)
        for m in cat:
            if not m.id:
                continue
            ids = list(m.id) if isinstance(m.id, (list, tuple)) else [m.id]
            for n, msgid in enumerate(ids):
                shown = t.ngettext(ids[0], ids[-1], 1 if n == 0 else 5) if len(ids) > 1 \
                    else t.gettext(msgid)
                for piece in _PLACEHOLDER.split(msgid):
                    piece = " ".join(piece.split()).strip(" ,.:;()“”\"'")
                    if len(piece.split()) >= 3 and len(piece) >= 15 and piece not in shown:
                        out.setdefault(piece, ids[0])
    return out


def english_left(text: str, fragments: Mapping[str, str], evidence_mark: str = "> ") -> list[str]:
    """Fragments found in ``text`` outside its evidence lines (lines starting, after their
    indentation, with ``evidence_mark``: what the tools said, not translated on purpose)."""
    body = " ".join(" ".join(line.split()) for line in text.splitlines()
                    if not line.lstrip().startswith(evidence_mark))
    return sorted(f for f in fragments if f in body)
