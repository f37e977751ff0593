"""The window's door to the guidance content (articles, pages, principles).

Everything here degrades gently: while an article, a page or the whole guidance module is
missing or broken, callers get ``None`` / an empty list and show a short placeholder, never
an exception. Nothing here imports Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from checks.i18n import LANGUAGES, RTL_LANGUAGES

_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S | re.I)

CANNOT_SEE = "cannot-see"
BORDER_CHECKLIST = "border-checklist"


def content_lang(lang: str) -> str:
    """Guidance is written in the shipped languages; the pseudo-locale reads English."""
    base = lang.split("_")[0]
    return base if base in LANGUAGES else "en"


def direction(lang: str) -> str:
    return "rtl" if content_lang(lang) in RTL_LANGUAGES else "ltr"


def body_of(document: str) -> str:
    """The inside of <body> of a whole HTML document (or the text itself)."""
    m = _BODY.search(document)
    return m.group(1) if m else document


def _guidance() -> Any:
    try:
        from checks import guidance
    except Exception:  # not there yet, or broken: the window shows placeholders
        return None
    return guidance


def article_html(check_id: str, lang: str, os_family: str | None, *, all_os: bool = False,
                 status: str | None = None, with_title: bool = False) -> str | None:
    """The guidance article as a whole HTML document, or None when there is none."""
    g = _guidance()
    if g is None or not check_id:
        return None
    try:
        art = g.load_article(check_id, content_lang(lang))
        return str(g.render_article_html(art, os_family, all_os, direction(lang),
                                         status=status, with_title=with_title))
    except Exception:
        return None


def article_title(check_id: str, lang: str) -> str | None:
    g = _guidance()
    if g is None:
        return None
    try:
        return str(g.load_article(check_id, content_lang(lang)).title)
    except Exception:
        return None


def article_covers_other_os(check_id: str, lang: str, os_family: str | None) -> bool:
    """Whether the article has steps for systems other than ``os_family``."""
    g = _guidance()
    if g is None:
        return False
    try:
        art = g.load_article(check_id, content_lang(lang))
        return any(g.os_family_of(k) != os_family for k in art.fix)
    except Exception:
        return False


def page_html(name: str, lang: str) -> str | None:
    g = _guidance()
    if g is None:
        return None
    try:
        page = g.load_page(name, content_lang(lang))
        return str(g.render_page_html(page, direction(lang)))
    except Exception:
        return None


def page_title(name: str, lang: str) -> str | None:
    g = _guidance()
    if g is None:
        return None
    try:
        return str(g.load_page(name, content_lang(lang)).title)
    except Exception:
        return None


@dataclass(frozen=True)
class PrincipleEntry:
    id: str
    title: str
    source_title: str
    number: str
    paraphrase: str
    for_you: str
    numbering_note: str = ""


def principles(lang: str) -> list[PrincipleEntry]:
    try:
        from checks.principles import load_principles

        loaded = load_principles(content_lang(lang))
    except Exception:
        return []
    return [PrincipleEntry(p.id, p.title, p.source_title, p.number, p.paraphrase, p.for_you,
                           p.numbering_note if p.numbered_by_us else "")
            for p in loaded]


def citing(principle_id: str, lang: str) -> list[str]:
    """Ids of the checks whose guidance rests on a principle."""
    g = _guidance()
    if g is None:
        return []
    try:
        return [str(c) for c in g.articles_citing(principle_id, content_lang(lang))]
    except Exception:
        return []
