"""Which of our languages the person reads, found the way their own system would.

The answer is the first language in the person's list of preferences that Checkup ships; an
explicit preference for English therefore means English, even when Spanish comes later in the
list. The list is gathered in this order, and a source is only read when the earlier ones named
no language we ship:

1. The environment, by GNU gettext's rules. The locale for messages is the first non-empty one
   of ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` (the others are overridden, not preferences).
   ``LANGUAGE``, a colon-separated priority list, comes before it, but — as the gettext manual
   says in "The LANGUAGE variable" — it is ignored when the locale is "C": a person must first
   enable localisation by setting ``LANG`` (or ``LC_ALL``) to something else. Here "C" means
   ``C`` or ``POSIX`` with or without a codeset (glibc treats ``POSIX`` as ``C``, and since
   2.39 ``C.UTF-8`` too), and, on Linux and other Unix systems, no locale variable at all (the
   C library then starts in "C"). On Windows and macOS an unset locale is not "C": gettext's
   own library takes the system's locale there, so ``LANGUAGE`` still counts. The C locale
   itself names no language: it sends the search on, it does not mean English.
2. The platform's own list of user-interface languages, in the person's order. Windows:
   ``GetUserPreferredUILanguages`` (``MUI_LANGUAGE_NAME``), else ``GetUserDefaultUILanguage``
   named by ``LCIDToLocaleName``. macOS: ``AppleLanguages`` from the global preferences
   (``~/Library/Preferences/.GlobalPreferences.plist``, then the computer-wide one in
   ``/Library/Preferences``), then ``AppleLocale``. A Mac app started from the Finder has no
   ``LANG``, so this is where its language comes from. The window passes Qt's
   ``QLocale.system().uiLanguages()`` instead (``desktop/qt_i18n.py``).
3. ``locale.getlocale()`` (on Windows a legacy name such as ``Spanish_Spain.1252``).

Nothing here can raise: a missing API, the wrong system, a corrupt or oversized plist or a
garbage value is skipped. Nothing is written, and nothing leaves the machine.
"""

from __future__ import annotations

import itertools
import locale
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checks.engine import plist_data
from checks.engine.i18n import LANGUAGES

Source = Callable[[], "Iterable[str] | str | None"]

_MAX_ITEMS = 32  # candidates taken from any one source
_MAX_TAG = 100  # characters in one candidate
_MAX_PLIST = 2 * 1024 * 1024  # bytes of a preferences file we are willing to parse
_MAX_WINDOWS_BUFFER = 4096  # characters of the Windows language list

# -- matching ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Tag:
    lang: str
    script: str | None
    region: str | None


# Withdrawn ISO 639 codes that systems still report.
_OLD_CODES = {"iw": "he", "in": "id", "ji": "yi"}
# Languages written in more than one script: the script a bare or regional code implies.
_ZH_TRADITIONAL_REGIONS = frozenset({"TW", "HK", "MO"})
_DEFAULT_SCRIPT = {"sr": "Cyrl"}
# POSIX modifiers that name a script (sr_RS@latin).
_MODIFIER_SCRIPTS = {"latin": "Latn", "cyrillic": "Cyrl"}
# Windows' legacy locale names ("Spanish_Spain.1252", "Chinese (Simplified)_China.936") for the
# languages we ship or plan to; a language added to LANGUAGES needs its name here (a test says).
_WINDOWS_LANGUAGES: dict[str, tuple[str, str | None]] = {
    "english": ("en", None), "spanish": ("es", None), "arabic": ("ar", None),
    "french": ("fr", None), "russian": ("ru", None), "persian": ("fa", None),
    "farsi": ("fa", None), "portuguese": ("pt", None), "chinese": ("zh", None),
    "chinese (simplified)": ("zh", "Hans"), "chinese (traditional)": ("zh", "Hant"),
}
_WINDOWS_REGIONS = {
    "brazil": "BR", "portugal": "PT", "china": "CN", "people's republic of china": "CN",
    "singapore": "SG", "taiwan": "TW", "hong kong sar": "HK", "macao sar": "MO",
}
_WINDOWS_NAME = re.compile(r"[A-Za-z][A-Za-z ()]{3,}")


def _parse(value: object) -> _Tag | None:
    """A BCP-47 (``zh-Hans-CN``), POSIX (``es_ES.UTF-8@euro``) or Windows legacy
    (``Spanish_Spain``) name as language, script and region; None for C, POSIX and garbage."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > _MAX_TAG or not text.isascii():
        return None
    text, _, modifier = text.partition("@")
    text = text.split(".", 1)[0]
    if text.upper() in ("C", "POSIX"):
        return None
    head, _, rest = text.partition("_")
    if _WINDOWS_NAME.fullmatch(head):
        return _parse_windows(head, rest)
    subtags = re.split(r"[-_]", text)
    lang = subtags[0].lower()
    if not (2 <= len(lang) <= 3 and lang.isalpha()):
        return None
    script = _MODIFIER_SCRIPTS.get(modifier.lower())
    region = None
    for sub in subtags[1:]:
        if len(sub) == 1:  # an extension (-u-…, -x-…): the rest is not about the language
            break
        if len(sub) == 4 and sub.isalpha() and script is None and region is None:
            script = sub.title()
        elif (len(sub) == 2 and sub.isalpha()) or (len(sub) == 3 and sub.isdigit()):
            region = region or sub.upper()
        elif not sub.isalnum():
            return None
    return _with_default_script(_OLD_CODES.get(lang, lang), script, region)


def _parse_windows(name: str, region_name: str) -> _Tag | None:
    known = _WINDOWS_LANGUAGES.get(name.strip().lower())
    if known is None:
        return None
    lang, script = known
    return _with_default_script(lang, script, _WINDOWS_REGIONS.get(region_name.strip().lower()))


def _with_default_script(lang: str, script: str | None, region: str | None) -> _Tag:
    if script is None and lang == "zh":
        script = "Hant" if region in _ZH_TRADITIONAL_REGIONS else "Hans"
    return _Tag(lang, script or _DEFAULT_SCRIPT.get(lang), region)


def _match(candidate: _Tag, shipped: Sequence[tuple[str, _Tag]]) -> str | None:
    """The shipped code that serves this candidate best: the same region (pt_BR for pt-BR),
    else the language itself (es for es-419), else the language in another region (pt_BR for
    pt-PT). A different script never matches (zh-Hant is not served by Simplified Chinese)."""
    best: tuple[int, str] | None = None
    for code, tag in shipped:
        if tag.lang != candidate.lang:
            continue
        if tag.script and candidate.script and tag.script != candidate.script:
            continue
        if tag.region and tag.region == candidate.region:
            rank = 0
        elif tag.region is None:
            rank = 1
        else:
            rank = 2
        if best is None or rank < best[0]:
            best = (rank, code)
    return best[1] if best else None


def pick_language(candidates: Iterable[object], languages: Iterable[str] | None = None
                  ) -> str | None:
    """The code (a key of ``LANGUAGES``, or of ``languages`` when given) of the first candidate
    we ship, or None. Candidates are tried strictly in order."""
    shipped = [(code, tag) for code in (LANGUAGES if languages is None else languages)
               if (tag := _parse(code)) is not None]
    try:
        for value in candidates:
            tag = _parse(value)
            if tag is not None and (code := _match(tag, shipped)) is not None:
                return code
    except Exception:  # a broken source of candidates is no reason to fail the start
        return None
    return None


# -- the environment ---------------------------------------------------------------------------


def _is_c_locale(name: str) -> bool:
    return name.split("@", 1)[0].split(".", 1)[0].upper() in ("C", "POSIX")


def environment_languages(env: Mapping[str, str], system: str = sys.platform) -> list[str]:
    """The languages the environment asks for, by gettext's rules (see the module notes)."""
    messages = next((value for var in ("LC_ALL", "LC_MESSAGES", "LANG")
                     if isinstance(value := env.get(var), str) and value), None)
    if messages is None:
        honour_list = system in ("win32", "darwin")
    else:
        honour_list = not _is_c_locale(messages)
    out: list[str] = []
    priority = env.get("LANGUAGE")
    if honour_list and isinstance(priority, str):
        out.extend(item for item in priority.split(":")[:_MAX_ITEMS] if item)
    if messages is not None:
        out.append(messages)
    return out


# -- Windows -----------------------------------------------------------------------------------

_MUI_LANGUAGE_NAME = 0x8
_LOCALE_NAME_MAX_LENGTH = 85


def parse_multi_sz(buffer: str) -> list[str]:
    """The names in a Windows double-NUL-terminated list (``"es-ES\\0en-US\\0\\0"``)."""
    names: list[str] = []
    for name in buffer.split("\0"):
        if not name:
            break
        names.append(name)
    return names


def _kernel32() -> Any:
    import ctypes

    loader = getattr(ctypes, "WinDLL", None)  # only on Windows
    if loader is None:
        raise OSError("not Windows")
    return loader("kernel32")


def read_preferred_ui_languages(kernel32: Any = None) -> str | None:
    """``GetUserPreferredUILanguages``'s raw list of language names (asked twice: for the
    size, then for the list)."""
    import ctypes

    dll = _kernel32() if kernel32 is None else kernel32
    get = dll.GetUserPreferredUILanguages
    get.argtypes = (ctypes.c_uint32, ctypes.POINTER(ctypes.c_uint32), ctypes.c_wchar_p,
                    ctypes.POINTER(ctypes.c_uint32))
    get.restype = ctypes.c_int32
    count, size = ctypes.c_uint32(0), ctypes.c_uint32(0)
    if not get(_MUI_LANGUAGE_NAME, ctypes.byref(count), None, ctypes.byref(size)):
        return None
    if not 0 < size.value <= _MAX_WINDOWS_BUFFER:
        return None
    buffer = ctypes.create_unicode_buffer(size.value)
    if not get(_MUI_LANGUAGE_NAME, ctypes.byref(count), buffer, ctypes.byref(size)):
        return None
    return ctypes.wstring_at(ctypes.addressof(buffer), min(size.value, len(buffer)))


def read_default_ui_language(kernel32: Any = None) -> str | None:
    """The one user-interface language of older Windows: ``GetUserDefaultUILanguage``, named
    by ``LCIDToLocaleName`` (a language id is a locale id with the default sort)."""
    import ctypes

    dll = _kernel32() if kernel32 is None else kernel32
    get = dll.GetUserDefaultUILanguage
    get.argtypes = ()
    get.restype = ctypes.c_uint16
    to_name = dll.LCIDToLocaleName
    to_name.argtypes = (ctypes.c_uint32, ctypes.c_wchar_p, ctypes.c_int32, ctypes.c_uint32)
    to_name.restype = ctypes.c_int32
    buffer = ctypes.create_unicode_buffer(_LOCALE_NAME_MAX_LENGTH)
    if to_name(get(), buffer, _LOCALE_NAME_MAX_LENGTH, 0) <= 0:
        return None
    return buffer.value or None


def windows_ui_languages(
        read_preferred: Callable[[], str | None] = read_preferred_ui_languages,
        read_default: Callable[[], str | None] = read_default_ui_language) -> list[str]:
    """The person's Windows display languages, in order; [] off Windows or when the API is
    missing or fails."""
    try:
        names = parse_multi_sz(read_preferred() or "")
    except Exception:
        names = []
    if names:
        return names[:_MAX_ITEMS]
    try:
        name = read_default()
    except Exception:
        return []
    return [name] if name else []


# -- macOS -------------------------------------------------------------------------------------

SYSTEM_GLOBAL_PREFERENCES = Path("/Library/Preferences/.GlobalPreferences.plist")


def _user_global_preferences() -> Path | None:
    try:
        return Path.home() / "Library" / "Preferences" / ".GlobalPreferences.plist"
    except (RuntimeError, KeyError, OSError):
        return None


def _read_bounded(path: Path) -> bytes | None:
    try:
        with path.open("rb") as fh:
            data = fh.read(_MAX_PLIST + 1)
    except (OSError, ValueError):
        return None
    return data if len(data) <= _MAX_PLIST else None


def read_global_preferences(data: bytes) -> Mapping[str, object]:
    """A preferences plist (binary or XML) as a dict; {} when it is not one."""
    return plist_data.loads_dict(data) or {}


def mac_ui_languages(sources: Iterable[Path | bytes] | None = None) -> list[str]:
    """``AppleLanguages`` then ``AppleLocale``, each from the first preferences file that has
    it (the person's own, then the computer's, as macOS looks them up)."""
    if sources is None:
        user = _user_global_preferences()
        sources = [p for p in (user, SYSTEM_GLOBAL_PREFERENCES) if p is not None]
    prefs: list[Mapping[str, object]] = []
    for source in sources:
        data = source if isinstance(source, bytes) else _read_bounded(source)
        if data:
            prefs.append(read_global_preferences(data))
    languages: list[str] = []
    for found in prefs:
        value = found.get("AppleLanguages")
        if isinstance(value, list):
            languages = [v for v in value[:_MAX_ITEMS] if isinstance(v, str)]
            if languages:
                break
    for found in prefs:
        value = found.get("AppleLocale")
        if isinstance(value, str) and value:
            languages.append(value)
            break
    return languages


# -- all together ------------------------------------------------------------------------------


def platform_ui_languages(system: str = sys.platform) -> list[str]:
    """The system's own list of the person's user-interface languages, without Qt."""
    if system == "win32":
        return windows_ui_languages()
    if system == "darwin":
        return mac_ui_languages()
    return []  # Linux and other Unix systems keep it in the environment, read above


def _getlocale() -> str | None:
    return locale.getlocale()[0]


def _guarded(source: Source) -> Iterator[str]:
    """What a source names, at most _MAX_ITEMS of it; nothing if it fails in any way."""
    try:
        found = source()
        if found is None:
            return
        items = [found] if isinstance(found, str) else list(itertools.islice(found, _MAX_ITEMS))
    except Exception:
        return
    yield from items


def system_language(env: Mapping[str, str] | None = None, *, system: str | None = None,
                    platform_languages: Source | None = None,
                    getlocale: Source | None = None,
                    languages: Iterable[str] | None = None) -> str | None:
    """The person's language if we ship it, else None (see the module notes for the order).

    Every source can be injected: ``env`` (default ``os.environ``), ``system`` (a
    ``sys.platform`` value), ``platform_languages`` (default: the system's own list, see
    ``platform_ui_languages``) and ``getlocale`` (default: ``locale.getlocale()``'s language).
    """
    environ = os.environ if env is None else env
    name = sys.platform if system is None else system
    platform_source = platform_languages or (lambda: platform_ui_languages(name))
    candidates = itertools.chain(
        _guarded(lambda: environment_languages(environ, name)),
        _guarded(platform_source),
        _guarded(getlocale or _getlocale),
    )
    return pick_language(candidates, languages)
