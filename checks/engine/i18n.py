"""Translation for everything a person reads.

Engine code never builds user-visible sentences itself: it returns ``Message`` objects
(a gettext message id plus parameters) that are rendered in the reader's language when
shown. Catalogues are split into *parts* (``engine``, ``desktop`` and one per catalogue
module) so that a part's template and translations live next to each other:

    resources/translations/<part>.pot
    resources/translations/<lang>/<part>.po

At load time every part of a language is parsed and compiled in memory; nothing is written
to disk. ``tools/i18n.py`` extracts templates and checks coverage.

Plural forms come from the catalogues, never from the installed Babel. Each part is parsed
with Babel's ``read_po`` (parsing only, no ``locale=``), its ``Plural-Forms`` header is read
literally from the file's own header entry, the messages of all parts are merged, and this
module writes a GNU ``.mo`` image of them into memory for the standard library's
``gettext.GNUTranslations``, which evaluates the header's ``plural=`` expression itself.

Why not Babel's ``write_mo`` on a ``Catalog(locale=...)`` (as before): a catalogue bound to a
locale takes its plural rule from Babel's CLDR data whenever no header sets it, and that data
changes between Babel releases (2.19 gives Spanish three forms and swaps Arabic forms 4 and 5),
so the same ``.po`` files rendered differently on two machines. Even with the header copied
across, ``write_mo`` writes a rule Babel re-assembled from its own parse of the header, and it
quietly fills an empty plural form with the English text. The ``.mo`` format is a few tables of
offsets (``_mo_image``), so writing it here keeps the runtime's choice of form a function of the
shipped files alone.

One rule per language: the ``Plural-Forms`` of the first part (in file-name order) that declares
one. A part whose own header says something else (or nothing) keeps its singular messages, but
its plural entries are left out, so those sentences stay English rather than picking a form
written for another rule; an entry with a missing or empty form is left out the same way, and
so are all plural entries when no part declares a rule (or gettext cannot evaluate it). None of
this happens silently: ``python -m tools.i18n check`` fails on each.
"""

from __future__ import annotations

import gettext
import io
import re
import struct
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from checks.engine.plain_text import Own, plain
from checks.engine.resources import resource_path

# Languages we ship complete, with their names in their own script.
LANGUAGES: dict[str, str] = {"en": "English", "es": "Español", "ar": "العربية"}
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})
PSEUDO = "qps"  # pseudo-locale used by tests to catch strings that escaped translation

FSI, PDI = "\u2068", "\u2069"  # first-strong isolate / pop directional isolate
LRM = "\u200e"  # left-to-right mark
RLM = "\u200f"  # right-to-left mark

ParamValue = Union[str, int, float, "Message"]


def N_(text: str) -> str:
    """Mark a string for extraction without translating it now."""
    return text


@dataclass(frozen=True)
class Message:
    """A translatable sentence: gettext id (and plural id) plus named parameters."""

    msgid: str
    params: Mapping[str, Any] = field(default_factory=dict)
    plural: str | None = None
    n: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.msgid}
        if self.plural is not None:
            out["plural"] = self.plural
            out["n"] = self.n
        if self.params:
            out["params"] = {
                k: (v.to_json() if isinstance(v, Message) else v) for k, v in self.params.items()
            }
        return out


def msg(msgid: str, **params: ParamValue) -> Message:
    return Message(msgid, dict(params))


def msg_n(singular: str, plural: str, n: int, **params: ParamValue) -> Message:
    params.setdefault("n", n)
    return Message(singular, dict(params), plural, n)


def base_language(lang: str | None) -> str:
    """The language without its region: ``ar_EG``, ``ar-EG`` and ``AR`` are ``ar``."""
    return (lang or "").replace("-", "_").split("_")[0].lower()


def text_direction(lang: str | None) -> str:
    """``"rtl"`` for a right-to-left language, else ``"ltr"``.

    The one place that decides a direction: the HTML (``dir=``), the reports, the guidance
    renderers and the window's Qt layout direction (``desktop.qt_i18n.layout_direction``) all
    ask it, with the language of the text they show (for guidance, the language the article
    is written in; a right-to-left language Checkup does not ship reads English, left to
    right)."""
    return "rtl" if base_language(lang) in RTL_LANGUAGES else "ltr"


def is_rtl(lang: str | None) -> bool:
    return text_direction(lang) == "rtl"


def isolate(text: str) -> str:
    """Keep a left-to-right fragment (path, version, command) intact inside RTL text.

    The fragment is wrapped in FSI…PDI with a left-to-right mark just inside each end (the
    guidance renderers use this function too). The marks matter: Qt's text engine does not
    resolve a fragment without a strong letter of its own (``/etc/fstab``, ``10.0.19045``,
    ``8 GB``) as left-to-right from the isolates alone, and shows it reversed. Idempotent: an
    already isolated fragment is returned as it is.
    """
    if not text or text.startswith(FSI):
        return text
    return f"{FSI}{LRM}{text}{LRM}{PDI}"


def rtl_isolate(text: str) -> str:
    """A fragment in a right-to-left language itself (a date Babel wrote for Arabic, a
    translated name), kept right to left when it becomes a message parameter: ``isolate``
    would otherwise treat it as a left-to-right fragment and Babel's own right-to-left marks
    would move the day to the end ("/2026/11، 1:20:36 م23"). Idempotent. The result is
    marked ``Own`` (the program's text: ``render`` keeps its marks), so never pass machine
    text."""
    if not text or text.startswith(FSI):
        return Own(text)
    return Own(f"{FSI}{RLM}{text}{RLM}{PDI}")


class _Defaults(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Translator:
    """Renders Messages in one language."""

    def __init__(self, lang: str, translations: gettext.NullTranslations) -> None:
        self.lang = lang
        self._t = translations

    @property
    def rtl(self) -> bool:
        return is_rtl(self.lang)

    @property
    def direction(self) -> str:
        return text_direction(self.lang)

    def gettext(self, text: str) -> str:
        return self._t.gettext(text)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        try:
            return self._t.ngettext(singular, plural, n)
        except ArithmeticError:  # a plural= expression that divides by zero for this n
            return singular if n == 1 else plural

    def render(self, message: Message | str) -> str:
        if isinstance(message, str):
            return self.gettext(message)
        params: dict[str, Any] = {}
        for key, value in message.params.items():
            if isinstance(value, Message):
                params[key] = self.render(value)
            elif isinstance(value, str):  # machine text unless marked Own (checks/engine/plain_text.py)
                value = plain(value)
                params[key] = isolate(value) if self.rtl else value
            else:
                params[key] = value
        if message.plural is not None:
            template = self.ngettext(message.msgid, message.plural, int(message.n or 0))
            fallback = message.msgid if message.n == 1 else message.plural
        else:
            template = self.gettext(message.msgid)
            fallback = message.msgid
        try:
            return template.format_map(_Defaults(params))
        except (ValueError, IndexError, KeyError, AttributeError):
            # A broken translation must never break the scan: fall back to English.
            return fallback.format_map(_Defaults(params))


_cache: dict[str, Translator] = {}
_lock = threading.Lock()


def translator(lang: str | None) -> Translator:
    """The Translator for a language code; English (the message ids) when unknown."""
    code = (lang or "en").replace("-", "_")
    with _lock:
        if code not in _cache:
            _cache[code] = Translator(code, _load(code))
        return _cache[code]


def _load(code: str) -> gettext.NullTranslations:
    if code == PSEUDO:
        return pseudo_translations()
    base = code.split("_")[0]
    if base == "en" or base not in LANGUAGES:
        return gettext.NullTranslations()
    folder = resource_path("translations", base)
    if not folder.is_dir():
        return gettext.NullTranslations()
    return load_catalogues(sorted(folder.glob("*.po")))


# --- the catalogues' own header ----------------------------------------------------------

_PLURAL_FORMS = re.compile(
    r"\s*nplurals\s*=\s*([0-9]+)\s*;\s*plural\s*=\s*([^;]*?)\s*;?\s*", re.ASCII
)
_PO_ESCAPE = re.compile(r"\\(.)")
_PO_ESCAPES = {"n": "\n", "t": "\t", "r": "\r"}


def _po_unquote(literal: str) -> str:
    body = literal.strip()
    if len(body) < 2 or body[0] != '"' or body[-1] != '"':
        return ""
    return _PO_ESCAPE.sub(lambda m: _PO_ESCAPES.get(m.group(1), m.group(1)), body[1:-1])


def po_header(text: str) -> dict[str, str]:
    """The fields of a ``.po`` file's header entry (the ``msgid ""`` that opens it), exactly as
    written, keyed by lower-case name; empty when the file has no header entry."""
    lines = io.StringIO(text)
    for line in lines:
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            break
    else:
        return {}
    if stripped != 'msgid ""':
        return {}
    first = next(lines, "").strip()
    if not first.startswith("msgstr ") and not first.startswith('msgstr"'):
        return {}
    chunks = [first[len("msgstr"):]]
    for line in lines:
        if not line.strip().startswith('"'):
            break
        chunks.append(line)
    fields: dict[str, str] = {}
    for entry in "".join(_po_unquote(c) for c in chunks).split("\n"):
        name, sep, value = entry.partition(":")
        if sep and name.strip():
            fields.setdefault(name.strip().lower(), value.strip())
    return fields


def parse_plural_forms(value: str | None) -> tuple[int, str] | None:
    """``(nplurals, plural expression)`` from a ``Plural-Forms`` value, the expression as
    written; None when the value is missing or not of the form ``nplurals=N; plural=EXPR;``."""
    if not value:
        return None
    m = _PLURAL_FORMS.fullmatch(value)
    if not m or not m.group(2) or int(m.group(1)) < 1:
        return None
    return int(m.group(1)), m.group(2)


def same_plural_rule(a: tuple[int, str] | None, b: tuple[int, str] | None) -> bool:
    """Whether two parsed ``Plural-Forms`` say the same, spacing aside."""
    if a is None or b is None:
        return a is b
    return a[0] == b[0] and "".join(a[1].split()) == "".join(b[1].split())


# --- compiling the parts of one language ------------------------------------------------

def load_catalogues(paths: Iterable[Path]) -> gettext.NullTranslations:
    """One language's translations from its ``.po`` parts, with the plural rule of their own
    header (see the module notes). Later parts win when two translate the same message."""
    from babel.messages.pofile import read_po

    rule: tuple[int, str] | None = None
    parsed = []
    for path in paths:
        data = path.read_bytes()
        own = parse_plural_forms(po_header(data.decode("utf-8", "replace")).get("plural-forms"))
        if rule is None:
            rule = own
        parsed.append((own, read_po(io.BytesIO(data))))
    singular: dict[str, str] = {}
    plural: dict[str, str] = {}
    for own, catalog in parsed:
        plurals_fit = rule is not None and same_plural_rule(own, rule)
        for m in catalog:
            if not m.id or m.fuzzy:
                continue
            prefix = f"{m.context}\x04" if m.context else ""
            if isinstance(m.id, (list, tuple)):
                forms = m.string if isinstance(m.string, (list, tuple)) else ()
                if (plurals_fit and rule is not None and len(forms) == rule[0]
                        and all(forms)):
                    plural[f"{prefix}{m.id[0]}\x00{m.id[1]}"] = "\x00".join(forms)
            elif isinstance(m.string, str) and m.string:
                singular[prefix + m.id] = m.string
    header = "Content-Type: text/plain; charset=UTF-8\n"
    if rule is not None:
        try:
            gettext.c2py(rule[1])
        except (ValueError, SyntaxError, RecursionError):
            rule, plural = None, {}  # an expression gettext cannot evaluate: plurals stay English
        else:
            header += f"Plural-Forms: nplurals={rule[0]}; plural={rule[1]};\n"
    entries = {**singular, **plural, "": header}
    return gettext.GNUTranslations(io.BytesIO(_mo_image(entries)))


_MO_MAGIC = 0x950412DE


def _mo_image(entries: Mapping[str, str]) -> bytes:
    """A GNU ``.mo`` file (format revision 0, little-endian, no hash table) holding ``entries``
    (original -> translation, both already in gettext's key form), in memory.

    Layout: a 7-word header (magic, revision, count, offset of the originals' table, offset of
    the translations' table, hash table size and offset); then the two tables of (length,
    offset) pairs, sorted by original as the format requires; then the NUL-terminated strings.
    """
    items = sorted((k.encode("utf-8"), v.encode("utf-8")) for k, v in entries.items())
    count = len(items)
    originals_at = 7 * 4
    translations_at = originals_at + 8 * count
    strings_at = translations_at + 8 * count
    tables: list[int] = []
    strings = bytearray()
    for column in (0, 1):
        for item in items:
            text = item[column]
            tables += (len(text), strings_at + len(strings))
            strings += text + b"\x00"
    head = struct.pack("<7I", _MO_MAGIC, 0, count, originals_at, translations_at, 0, strings_at)
    return head + struct.pack(f"<{len(tables)}I", *tables) + bytes(strings)


_PSEUDO_MAP = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķĺɱñöþʠŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
_PLACEHOLDER = re.compile(r"(\{[^{}]*\}|%\([^)]*\)[sd]|%[sd]|<[^>]*>|&[a-z]+;)")
PSEUDO_OPEN, PSEUDO_CLOSE = "⟦", "⟧"


def pseudo(text: str) -> str:
    """Accent letters, keep placeholders and markup, pad by ~30% to expose truncation."""
    parts = _PLACEHOLDER.split(text)
    out = "".join(p if _PLACEHOLDER.fullmatch(p) else p.translate(_PSEUDO_MAP) for p in parts)
    pad = "·" * max(1, len(text) // 3)
    return f"{PSEUDO_OPEN}{out}{pad}{PSEUDO_CLOSE}"


class _PseudoTranslations(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo(message) if message else message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)


def pseudo_translations() -> gettext.NullTranslations:
    return _PseudoTranslations()
