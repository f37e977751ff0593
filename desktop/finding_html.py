"""The HTML shown beside the list for one finding: what was found, the facts it rests on,
and the guidance for the person's own system. Pure functions (no widgets)."""

from __future__ import annotations

from checks.engine.html_text import LTR_ATTR, dir_attr, dir_value, esc, isolated
from checks.engine.model import Finding
from desktop import guidance_source
from desktop.qt_i18n import _, current
from desktop.status_text import finding_words

STATUS_IMAGE = "status-icon:{status}"


def aside(escaped: str, rtl: bool) -> str:
    """A side remark: italic in left-to-right languages only. Arabic script has no italic,
    and common fonts (DejaVu Sans Oblique) lack its letters, so Qt drew empty boxes."""
    return escaped if rtl else f"<i>{escaped}</i>"


def evidence_html(finding: Finding) -> str:
    """Evidence lines: untranslated facts, each isolated left-to-right so RTL text cannot
    scramble a path or a command."""
    if not finding.evidence:
        return ""
    lines = []
    for e in finding.evidence:
        src = f"<b>{isolated(e.source)}</b>: " if e.source else ""
        lines.append(f'<p{LTR_ATTR} style="margin: 2px 0;"><code>{src}'
                     f"{isolated(e.text)}</code></p>")
    return "".join(lines)


def placeholder_html(rtl: bool) -> str:
    return (f"<p{dir_attr(rtl)}>"
            + aside(esc(_("Step-by-step guidance for this check is being written and will "
                             "appear here in a coming version. Until then, the summary and "
                             "the facts above say what Checkup found.")), rtl)
            + "</p>")


def finding_html(finding: Finding, title: str, os_family: str | None, *,
                 all_os: bool = False) -> str:
    tr = current()
    rtl = tr.rtl
    a = dir_attr(rtl)
    direction = dir_value(rtl)
    parts: list[str] = [f'<html dir="{direction}"><body dir="{direction}">']
    parts.append(f'<h1{a}><img src="{STATUS_IMAGE.format(status=finding.status.value)}" '
                 f'width="28" height="28"> {esc(title)}</h1>')
    parts.append(f"<p{a}><b>{esc(finding_words(finding))}</b></p>")
    parts.append(f'<p{a} style="font-size: large;">{esc(tr.render(finding.summary))}</p>')
    if finding.details:
        items = "".join(f"<li{a}>{esc(tr.render(d))}</li>" for d in finding.details)
        parts.append(f"<ul{a}>{items}</ul>")
    ev = evidence_html(finding)
    saw = _("What Checkup saw")
    parts.append(f"<h3{a}>{esc(saw)}</h3>")
    if ev:
        parts.append(ev)
    else:
        none = _("No facts were recorded for this finding.")
        parts.append(f"<p{a}>{aside(esc(none), rtl)}</p>")
    article = guidance_source.article_html(finding.guidance_id or finding.check_id, tr.lang,
                                           os_family, all_os=all_os,
                                           status=finding.status.value, fragment=True)
    parts.append("<hr/>")
    if article is not None:
        parts.append(f"\n{article}\n")  # on lines of its own, as in the article's document
    else:
        fix = _("How to fix it")
        parts.append(f"<h2{a}>{esc(fix)}</h2>")
        parts.append(placeholder_html(rtl))
    parts.append("<hr/>")
    cannot = _("What Checkup cannot see, and where to get help")
    parts.append(f'<p{a}><a href="page:{guidance_source.CANNOT_SEE}">'
                 f"{esc(cannot)}</a></p>")
    parts.append("</body></html>")
    return "".join(parts)


def empty_html() -> str:
    tr = current()
    a = dir_attr(tr.rtl)
    return (f"<html><body><p{a}>"
            + esc(_("Choose a finding in the list to see what it means and how to fix it."))
            + "</p></body></html>")


def welcome_html() -> str:
    """What the pane says before any scan: what Checkup does and does not do."""
    tr = current()
    a = dir_attr(tr.rtl)
    direction = dir_value(tr.rtl)
    title = _("What Checkup does")
    points = [
        _("It reads this computer's settings and shows what protects you and what does not, "
          "most urgent first."),
        _("Each finding shows the facts it rests on, why it matters, and how to fix it on "
          "your system."),
        _("It never connects to the internet, needs no password, and saves nothing unless "
          "you save a report."),
    ]
    demo = _("To show how it works without using your own computer, choose a demo machine "
             "in the File menu.")
    items = "".join(f"<li{a}>{esc(p)}</li>" for p in points)
    return (f'<html dir="{direction}"><body dir="{direction}"><h2{a}>{esc(title)}</h2>'
            f"<ul{a}>{items}</ul><p{a}>{aside(esc(demo), tr.rtl)}</p></body></html>")
