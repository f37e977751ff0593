"""Translation for everything a person reads.

Engine code never builds user-visible sentences itself: it returns ``Message`` objects
(a gettext message id plus parameters) that are rendered in the reader's language when
shown. Catalogues are split into *parts* (``engine``, ``desktop`` and one per catalogue
module) so that a part's template and translations live next to each other:

    resources/translations/<part>.pot
    resources/translations/<lang>/<part>.po

At load time every part of a language is parsed with Babel and compiled in memory;
nothing is written to disk. ``tools/i18n.py`` extracts templates and checks coverage.
"""

from __future__ import annotations

import gettext
import io
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Union

from checks.resources import resource_path

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
    would move the day to the end ("/2026/11، 1:20:36 م23"). Idempotent."""
    if not text or text.startswith(FSI):
        return text
    return f"{FSI}{RLM}{text}{RLM}{PDI}"


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
        return self.lang.split("_")[0] in RTL_LANGUAGES

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"

    def gettext(self, text: str) -> str:
        return self._t.gettext(text)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._t.ngettext(singular, plural, n)

    def render(self, message: Message | str) -> str:
        if isinstance(message, str):
            return self.gettext(message)
        params: dict[str, Any] = {}
        for key, value in message.params.items():
            if isinstance(value, Message):
                params[key] = self.render(value)
            elif isinstance(value, str) and self.rtl:
                params[key] = isolate(value)
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
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    merged = Catalog(locale=base)
    for po in sorted(folder.glob("*.po")):
        with po.open("rb") as fh:
            part = read_po(fh, locale=base)
        for m in part:
            if m.id and m.string and not m.fuzzy:
                merged[m.id] = m
        merged.plural_forms  # noqa: B018 - make sure the locale's plural rule is known
    buf = io.BytesIO()
    write_mo(buf, merged)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


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


def system_language() -> str | None:
    """The system's language if it is one we ship."""
    import locale
    import os

    candidates = [os.environ.get(v, "") for v in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")]
    try:
        loc = locale.getlocale()[0]
        if loc:
            candidates.append(loc)
    except ValueError:
        pass
    for cand in candidates:
        for item in cand.split(":"):
            base = item.split(".")[0].split("_")[0].split("-")[0].lower()
            if base in LANGUAGES:
                return base
    return None
