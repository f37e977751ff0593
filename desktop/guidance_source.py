"""The window's door to the guidance content (articles, pages, principles).

A check, a page or a principle that has no file yet is designed to show a short placeholder:
callers get ``None`` / an empty list. A file that is there but broken is a bug, and is never
hidden behind that placeholder: the problem is logged (``logging``, to the standard error;
no file) and the window shows, in place of the advice, that the file is damaged and what is
wrong with it. Nothing here imports Qt.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from checks.content import guidance as g
from checks.content.guidance import GuidanceError, content_lang
from checks.content.principles import PrinciplesError, load_principles
from checks.engine.html_text import LTR_ATTR, dir_attr, esc
from checks.engine.i18n import N_, text_direction, translator
from checks.engine.plain_text import plain

log = logging.getLogger(__name__)
# What a broken file raises: an article or page (GuidanceError), or the principles library
# an article's principle titles come from (PrinciplesError). Both name the file and problem.
Broken = (GuidanceError, PrinciplesError)

CANNOT_SEE = "cannot-see"
BORDER_CHECKLIST = "border-checklist"


def direction(lang: str) -> str:
    """The direction of the guidance shown for ``lang``: that of the language it is written
    in (``content_lang``)."""
    return text_direction(content_lang(lang))


def _has_article(check_id: str, lang: str) -> bool:
    """Whether a check has an article (in ``lang`` or English): one that has none shows the
    placeholder; one that has a broken file does not."""
    return bool(check_id) and check_id in g.list_articles(content_lang(lang))


def _has_page(name: str, lang: str) -> bool:
    return bool(name) and name in g.list_pages(content_lang(lang))


def broken_html(problem: ValueError, lang: str, *, fragment: bool = False) -> str:
    """What the window shows in place of a damaged article or page: that it is damaged, and
    the parser's own words for what is wrong (the file, the line, the problem); a whole
    document, or with ``fragment`` what goes inside its ``<body>``."""
    t = translator(lang)
    a = dir_attr(direction(lang) == "rtl")
    heading = t.gettext(N_("This advice could not be shown"))
    text = t.gettext(N_("The file that holds it in this copy of Checkup is damaged. Rather "
                        "than show advice that may be wrong, Checkup shows none. Please tell "
                        "whoever gave you Checkup what it says here:"))
    body = (f"<h2{a}>{esc(heading)}</h2><p{a}>{esc(text)}</p>"
            f"<p{LTR_ATTR}><code>{esc(plain(str(problem)))}</code></p>")
    return body if fragment else f"<html><body{a}>{body}</body></html>"


def _broken(what: str, problem: ValueError) -> None:
    log.error("guidance %s is broken: %s", what, plain(str(problem)))


def article_html(check_id: str, lang: str, os_family: str | None, *, all_os: bool = False,
                 status: str | None = None, with_title: bool = False,
                 fragment: bool = False) -> str | None:
    """The guidance article as a whole HTML document (with ``fragment``, the inside of its
    ``<body>``, to place in the finding pane); None when the check has none; for a broken
    article, the same saying so (``broken_html``)."""
    if not _has_article(check_id, lang):
        return None
    try:
        art = g.load_article(check_id, content_lang(lang))
        return str(g.render_article_html(art, os_family, all_os, direction(lang),
                                         status=status, with_title=with_title,
                                         fragment=fragment))
    except Broken as exc:
        _broken(f"article {check_id!r}", exc)
        return broken_html(exc, lang, fragment=fragment)


def article_title(check_id: str, lang: str) -> str | None:
    """The article's title; None when there is none, or when it is broken (its body says
    so, ``article_html``; the caller's own title stands)."""
    if not _has_article(check_id, lang):
        return None
    try:
        return str(g.load_article(check_id, content_lang(lang)).title)
    except Broken as exc:
        _broken(f"article {check_id!r}", exc)
        return None


def article_covers_other_os(check_id: str, lang: str, os_family: str | None) -> bool:
    """Whether the article has steps for systems other than ``os_family``."""
    if not _has_article(check_id, lang):
        return False
    try:
        art = g.load_article(check_id, content_lang(lang))
    except Broken as exc:
        _broken(f"article {check_id!r}", exc)
        return False
    return any(g.os_family_of(k) != os_family for k in art.fix)


def page_html(name: str, lang: str) -> str | None:
    """A page as a whole HTML document; None when it has no file yet; for a broken page,
    the document saying so."""
    if not _has_page(name, lang):
        return None
    try:
        page = g.load_page(name, content_lang(lang))
        return str(g.render_page_html(page, direction(lang)))
    except Broken as exc:
        _broken(f"page {name!r}", exc)
        return broken_html(exc, lang)


def page_title(name: str, lang: str) -> str | None:
    if not _has_page(name, lang):
        return None
    try:
        return str(g.load_page(name, content_lang(lang)).title)
    except Broken as exc:
        _broken(f"page {name!r}", exc)
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
    """The principles; an empty list (logged) when their file is broken."""
    try:
        loaded = load_principles(content_lang(lang))
    except PrinciplesError as exc:
        log.error("the principles are broken: %s", exc)
        return []
    return [PrincipleEntry(p.id, p.title, p.source_title, p.number, p.paraphrase, p.for_you,
                           p.numbering_note if p.numbered_by_us else "")
            for p in loaded]


def citing(principle_id: str, lang: str) -> list[str]:
    """Ids of the checks whose guidance rests on a principle (a broken article is logged
    and left out: it cites nothing it can show)."""
    out = []
    for cid in g.list_articles(content_lang(lang)):
        try:
            article = g.load_article(cid, content_lang(lang))
        except Broken as exc:
            _broken(f"article {cid!r}", exc)
            continue
        if principle_id in article.principle_ids():
            out.append(cid)
    return out
