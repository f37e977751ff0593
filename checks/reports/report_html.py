"""The HTML report: one self-contained page to read on screen and print on paper.

No scripts, no external fonts, images or style sheets (a Content-Security-Policy forbids
loading anything); status is shown by an icon and a word, never colour alone; Arabic pages
are ``dir="rtl"`` with evidence isolated in left-to-right ``<bdi>`` spans; print CSS keeps
each finding on one page where it fits.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from checks import APP_NAME, __version__
from checks.content import guidance
from checks.content.principles import PrinciplesError
from checks.engine.html_text import bdi_ltr, esc
from checks.engine.i18n import Message, msg, text_direction, translator
from checks.engine.model import Finding, Status, prioritised
from checks.engine.runner import ScanResult
from checks.reports.data_age import data_messages
from checks.reports.report import (
    SEVERITY_LABELS,
    STATUS_ICONS,
    STATUS_LABELS,
    STATUS_ORDER,
    _Renderer,
    answer_titles,
    answers_headline,
    answers_note,
    check_title,
    format_when,
    headline,
    machine_line,
    not_recorded_lines,
    scrubber_for,
    source_message,
    split_answers,
    split_not_recorded,
)

CSS = """
:root { --ink: #1a1a1a; --muted: #555; --line: #c8c8c8; --bg: #fff; }
* { box-sizing: border-box; }
html { font-size: 100%; }
body { font-family: system-ui, "Segoe UI", "Noto Sans", "Noto Sans Arabic", Tahoma, Arial,
       sans-serif; color: var(--ink); background: var(--bg); line-height: 1.5;
       max-width: 52rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--ink);
     padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin: 0 0 .4rem; }
.meta { color: var(--muted); margin: .1rem 0; }
.headline { list-style: none; padding: 0; margin: 1rem 0; display: flex; flex-wrap: wrap;
            gap: .5rem 1.5rem; font-weight: 600; font-size: 1.05rem; }
.finding { border: 1px solid var(--line); border-inline-start-width: 6px; border-radius: 4px;
           padding: .8rem 1rem; margin: .8rem 0; page-break-inside: avoid;
           break-inside: avoid; }
.badge { display: inline-block; font-weight: 700; font-size: .9rem; padding: .05rem .5rem;
         border: 1.5px solid currentColor; border-radius: 1rem; margin-inline-end: .5rem;
         white-space: nowrap; }
.badge .icon { font-weight: 900; }
.status-fail { border-inline-start-color: #b00020; } .status-fail .badge { color: #b00020; }
.status-attention { border-inline-start-color: #8a5a00; }
.status-attention .badge { color: #8a5a00; }
.status-error, .status-unknown { border-inline-start-color: #555; }
.status-error .badge, .status-unknown .badge { color: #444; }
.status-pass { border-inline-start-color: #1b6e20; } .status-pass .badge { color: #1b6e20; }
.status-not_applicable { border-inline-start-color: #999; }
.status-not_applicable .badge { color: #666; }
.severity { color: var(--muted); font-size: .9rem; }
.details { margin: .3rem 0; padding-inline-start: 1.2rem; }
.evidence { margin: .5rem 0 0; padding: .4rem .6rem; background: #f4f4f4;
            border-radius: 3px; list-style: none; font-family: ui-monospace, "DejaVu Sans Mono",
            Consolas, monospace; font-size: .85rem; overflow-wrap: anywhere; }
.evidence li { margin: .1rem 0; }
.evidence-title { font-size: .85rem; color: var(--muted); margin: .6rem 0 0; }
.fix { margin-top: .6rem; border-top: 1px dashed var(--line); padding-top: .4rem; }
.fix h4 { margin: .2rem 0; font-size: 1rem; } .fix h5 { margin: .4rem 0 .1rem; font-size: .95rem; }
.answers { margin-top: 3rem; }
.context-evidence { font-size: .85rem; color: var(--muted); }
footer { margin-top: 2.5rem; font-size: .85rem; color: var(--muted);
         border-top: 1px solid var(--line); padding-top: .5rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { page-break-after: avoid; break-after: avoid; }
  .finding { border-color: #888; }
  .evidence { background: none; border: 1px solid #bbb; }
  .group-pass, .group-not_applicable { page-break-before: auto; }
  a { color: inherit; text-decoration: none; }
}
@page { margin: 1.6cm; }
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _guidance_html(guidance_id: str, lang: str, family: str) -> str | None:
    """The fix steps for the scanned OS from the check's guidance article.

    A check without an article, or a malformed one (GuidanceError, or PrinciplesError from
    the principles it cites), leaves the report without fix steps rather than stopping it;
    tests/test_guidance.py keeps every shipped article well-formed. The renderer gives the
    body only, its headings under the finding's own ``<h3>``, and the window-only links
    (principle:, guidance:, page:) as plain text.
    """
    try:
        article = guidance.load_article(guidance_id, lang)
        body = str(guidance.render_article_html(article, family, False, text_direction(lang),
                                                sections=("fix",), with_title=False,
                                                fragment=True, top_heading=3, links=False))
    except (guidance.GuidanceError, PrinciplesError):
        return None
    return body or None


def _badge(status: Status, r: _Renderer) -> str:
    return (f'<span class="badge"><span class="icon" aria-hidden="true">'
            f'{STATUS_ICONS[status]}</span> {esc(r.text(STATUS_LABELS[status]))}</span>')


def _evidence_list(items: list[str], css: str = "evidence") -> str:
    lines = "".join(f"<li>{bdi_ltr(x)}</li>" for x in items)
    return f'<ul class="{css}" dir="ltr">{lines}</ul>'


def _finding(f: Finding, r: _Renderer, lang: str, family: str, with_fix: bool,
             titles: Mapping[str, str]) -> str:
    parts = [f'<article class="finding status-{f.status.value}" id="check-{esc(f.check_id)}">']
    title = esc(r.text(check_title(f.check_id, titles)))
    sev = ""
    if f.severity is not None:
        sev = f' <span class="severity">({esc(r.text(SEVERITY_LABELS[f.severity.value]))})' \
              "</span>"
    parts.append(f"<h3>{_badge(f.status, r)} {title}{sev}</h3>")
    parts.append(f"<p>{esc(r.text(f.summary))}</p>")
    if f.details:
        parts.append('<ul class="details">' + "".join(
            f"<li>{esc(r.text(d))}</li>" for d in f.details) + "</ul>")
    if f.evidence:
        saw = r.text(msg("What Checkup saw:"))
        parts.append(f'<p class="evidence-title">{esc(saw)}</p>')
        parts.append(_evidence_list([r.raw(e.line()) for e in f.evidence]))
    if with_fix and f.status in (Status.FAIL, Status.ATTENTION):
        fix = _guidance_html(f.guidance_id or f.check_id, lang, family)
        if fix:
            parts.append(f'<section class="fix">{fix}</section>')
    parts.append("</article>")
    return "\n".join(parts)


def render_html(result: ScanResult, lang: str = "en", *, redact: bool = True,
                with_fix: bool = True, answers: Sequence[Finding] = ()) -> str:
    t = translator(lang)
    auto, given = split_answers(result, answers)
    r = _Renderer(t, scrubber_for(result, redact))
    code = t.lang.replace("_", "-")
    when = format_when(result.started, t.lang)
    title = r.text(msg("{app} report", app=APP_NAME))
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(code)}" dir="{t.direction}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{esc(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{esc(title)}</h1>",
        f'<p class="meta">{esc(r.text(source_message(result, when)))}</p>',
        f'<p class="meta">{esc(r.text(machine_line(result)))}</p>',
    ]
    about_data = data_messages(result, t.lang)
    if about_data:
        out.append('<p class="meta data-age">'
                   + esc(" ".join(r.text(m) for m in about_data)) + "</p>")
    if result.context.evidence:
        out.append(_evidence_list([r.raw(e.line()) for e in result.context.evidence],
                                  "evidence context-evidence"))
    out.append('<ul class="headline">' + "".join(
        f"<li>{esc(r.text(m))}</li>" for m in headline(auto)) + "</ul>")
    if result.cancelled:
        note = r.text(msg("The scan was cancelled before every check finished."))
        out.append(f"<p><strong>{esc(note)}</strong></p>")
    out.append("</header>")
    out.append("<main>")
    ordered = prioritised(auto)
    family = result.platform.family
    for status in STATUS_ORDER:
        group = [f for f in ordered if f.status is status]
        if not group:
            continue
        out.append(f'<section class="group group-{status.value}">')
        out.append(f'<h2>{_badge(status, r)} <span class="count">({len(group)})</span></h2>')
        group, absent = split_not_recorded(group)
        out.extend(_finding(f, r, t.lang, family, with_fix, result.titles) for f in group)
        if absent:
            head, names, why = not_recorded_lines(absent, r, result.titles)
            out.append(f'<article class="finding status-{status.value} not-recorded">'
                       f"<h3>{_badge(status, r)} {esc(head)}</h3>"
                       f"<p>{esc(names)}</p><p>{esc(why)}</p></article>")
        out.append("</section>")
    if given:
        qtitles = answer_titles()
        heading = r.text(msg("Your answers ({n})", n=len(given)))
        out.append('<section class="answers" id="your-answers">')
        out.append(f"<h2>{esc(heading)}</h2>")
        out.append(f'<p class="meta">{esc(r.text(answers_note()))}</p>')
        out.append('<ul class="headline">' + "".join(
            f"<li>{esc(r.text(m))}</li>" for m in answers_headline(given)) + "</ul>")
        out.extend(_finding(f, r, t.lang, family, with_fix, qtitles)
                   for f in prioritised(given))
        out.append("</section>")
    out.append("</main>")
    footer: Message = msg(
        "Made by {app} {version}, offline, on this computer. This report contains no user "
        "name or computer name unless you chose to include them.", app=APP_NAME,
        version=__version__)
    if not r.scrub:
        footer = msg("Made by {app} {version}, offline, on this computer. This report may "
                     "contain your user name and computer name.", app=APP_NAME,
                     version=__version__)
    out.append(f"<footer><p>{esc(r.text(footer))}</p></footer>")
    out.append("</body>\n</html>\n")
    return "\n".join(out)
