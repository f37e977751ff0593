"""One-page checklists for workshops: per operating system, every check, what to look for
and where the fix is — in each shipped language.

The content comes from what already exists, so it never drifts from the app:

- the checks and their titles and one-line descriptions: the registry (translated through
  the catalogues, like the window);
- "what to look for": the first step(s) of the guidance article's "How to check it yourself"
  for that system (the place to look, and what it should say);
- "where the fix is": the article's title and the place in Checkup where its step-by-step
  fix is ("How to fix it"), with how hard the fix is.

``build_handout(os_family, lang)`` returns the content; ``handout_html(handout)`` renders it
for Qt's rich-text subset (the desktop prints it to PDF or a printer). Nothing here imports
Qt, and nothing is written anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from checks.content.guidance import GuidanceError, content_lang, labels, load_article
from checks.content.guidance import inline_html as guidance_inline_html
from checks.engine.html_text import align_attr, dir_attr, esc, qt_document
from checks.engine.i18n import LANGUAGES, msg, text_direction, translator
from checks.engine.registry import Check, all_checks

OS_ORDER: tuple[str, ...] = ("windows", "macos", "linux")
SHORT_STEP = 90  # a first verify step shorter than this is followed by the second one


@dataclass(frozen=True)
class HandoutRow:
    check_id: str
    title: str  # the check's title, translated
    about: str  # its one-line description, translated ("" when it has none)
    look_for: tuple[str, ...]  # verify steps, in the guidance's inline markup
    fix_title: str  # the guidance article's title ("" without an article)
    where: str  # where the fix is in Checkup, translated
    difficulty: str  # translated, "" when unknown


@dataclass(frozen=True)
class Handout:
    os_family: str
    lang: str  # the language asked for
    direction: str  # "ltr" | "rtl"
    title: str
    intro: str
    columns: tuple[str, str, str]
    rows: tuple[HandoutRow, ...]
    footer: str


def os_name(os_family: str, lang: str) -> str:
    try:
        return labels(content_lang(lang)).get(f"os.{os_family}", os_family)
    except GuidanceError:
        return os_family


def _checks_for(os_family: str) -> list[Check]:
    return [c for c in all_checks() if c.applies_to(os_family)]


def _row(check: Check, os_family: str, lang: str) -> HandoutRow:
    tr = translator(lang)
    title = tr.gettext(check.title)
    about = tr.gettext(check.description) if check.description else ""
    look: tuple[str, ...] = ()
    fix_title = ""
    difficulty = ""
    try:
        art = load_article(check.guidance_id or check.id, content_lang(lang))
    except GuidanceError:
        art = None
    if art is not None:
        fix_title = art.title
        verify = art.verify_for(os_family)
        steps = next(iter(verify.values()), [])
        if steps:
            look = (steps[0],) if len(steps[0]) >= SHORT_STEP or len(steps) == 1 \
                else (steps[0], steps[1])
        fixes = art.fix_for(os_family)
        first = next(iter(fixes.values()), None)
        if first is not None:
            lab = labels(art.lang)
            difficulty = lab.get(f"difficulty.{first.difficulty}", first.difficulty)
    fix_heading = labels(content_lang(lang)).get("fix", "How to fix it")
    # TRANSLATORS: a path in the app, like a menu path: Checkup › Disk encryption › How to fix it
    where = tr.render(msg("Checkup › {check} › {section}", check=title, section=fix_heading))
    return HandoutRow(check.id, title, about, look, fix_title, where, difficulty)


def build_handout(os_family: str, lang: str) -> Handout:
    """The checklist for one OS family ("windows", "macos", "linux") in one language."""
    tr = translator(lang)
    name = os_name(os_family, lang)
    rows = tuple(_row(c, os_family, lang) for c in _checks_for(os_family))
    return Handout(
        os_family=os_family,
        lang=lang,
        direction=text_direction(content_lang(lang)),
        title=tr.render(msg("Checkup — security checklist for {system}", system=name)),
        intro=tr.render(msg(
            "Go through each line on your own computer and tick the box once you have looked. "
            "Checkup can check most of this for you: select a check in its list, and it "
            "explains the fix step by step under “{section}”.",
            section=labels(content_lang(lang)).get("fix", "How to fix it"))),
        columns=(
            tr.render(msg("Check")),
            tr.render(msg("What to look for")),
            tr.render(msg("Where the fix is")),
        ),
        rows=rows,
        footer=tr.render(msg(
            "Checkup never connects to the internet and sends nothing anywhere. Keep this "
            "sheet: it holds no information about you or your computer.")),
    )


def all_handouts(langs: tuple[str, ...] = tuple(LANGUAGES)) -> list[Handout]:
    return [build_handout(os, lang) for lang in langs for os in OS_ORDER]


# -- rendering --------------------------------------------------------------------------------


def inline_html(text: str, rtl: bool) -> str:
    """Guidance inline markup -> HTML; links become plain text (paper cannot follow them)."""
    return guidance_inline_html(text, rtl, links=False)


def handout_html(h: Handout) -> str:
    """The checklist as one HTML document for Qt's rich-text subset (a table)."""
    rtl = h.direction == "rtl"
    align = dir_attr(rtl)
    cell_align = align_attr(rtl)
    parts = [
        f"<h2{align}>{esc(h.title)}</h2>",
        f"<p{align}>{esc(h.intro)}</p>",
        f'<table{align} width="100%" border="1" cellspacing="0" cellpadding="4">',
        # in <thead>: a checklist that goes on over a second page repeats the column names
        "<thead><tr>" + "".join(f'<th{cell_align} width="{w}%">{esc(c)}</th>'
                                for c, w in zip(h.columns, (30, 42, 28), strict=True))
        + "</tr></thead>",
    ]
    for row in h.rows:
        about = f"<br/><small>{esc(row.about)}</small>" if row.about else ""
        look = "<br/>".join(inline_html(s, rtl) for s in row.look_for) or "—"
        fix = (f"<b>{inline_html(row.fix_title, rtl)}</b><br/>" if row.fix_title else "")
        fix += esc(row.where)
        if row.difficulty:
            fix += f"<br/><small>({esc(row.difficulty)})</small>"
        parts.append(
            f"<tr><td{cell_align}>\u2610 <b>{esc(row.title)}</b>{about}</td>"
            f"<td{cell_align}>{look}</td><td{cell_align}>{fix}</td></tr>")
    parts.append("</table>")
    parts.append(f"<p{align}><small>{esc(h.footer)}</small></p>")
    return qt_document(h.lang, h.direction, h.title, "\n".join(parts))
