"""Reports of a scan: JSON (machine-readable, versioned schema), HTML (to read and print) and
plain text (for a terminal).

    report_json(result, lang="en", answers=()) -> dict      schema: docs/report-schema.md
    report_html(result, lang="en", answers=()) -> str       one self-contained page
    report_text(result, lang="en", answers=()) -> str       for a terminal

``answers`` are the findings made from the person's own answers to the questionnaire
(checks/content/questions.py). They are not scan results: every report shows them in a section of
their own ("Your answers"), never mixed with the automatic findings or counted in the
scan's summary (a finding of origin ``Origin.QUESTION`` found in ``result.findings`` is moved
there too).

Every report is redacted by default (``redact=True``): the person's user name, host name,
home folder, serial numbers and MAC addresses are replaced with placeholders (``<user>``,
``<host>``, ``~``...) wherever they appear in findings, evidence and data. Reports are
built in memory; writing one to disk is the caller's explicit act.
"""

from __future__ import annotations

import functools
import ntpath
import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from checks import APP_NAME, __version__
from checks.engine.i18n import (
    N_,
    Message,
    Translator,
    is_rtl,
    msg,
    msg_n,
    rtl_isolate,
    translator,
)
from checks.engine.model import Finding, NotChecked, Origin, Status, counts, prioritised
from checks.engine.plain_text import Own, plain, plain_value
from checks.engine.runner import ScanResult
from checks.privacy.redact import Identity, Scrubber, identity_from_platform
from checks.reports.data_age import data_json, data_messages

REPORT_FORMAT = "checkup-report"
REPORT_SCHEMA_VERSION = 1

# How each status is shown: an icon and a word, never colour alone. The word for 'attention'
# asks the person to look: findings of that kind include "whoever added this root certificate
# can read your encrypted connections", so it never says "Protected".
STATUS_LABELS: dict[Status, str] = {
    Status.FAIL: N_("Needs action"),
    Status.ATTENTION: N_("Look at this"),
    Status.ERROR: N_("Check failed"),
    Status.UNKNOWN: N_("Could not check"),
    Status.PASS: N_("Protected"),
    Status.NOT_APPLICABLE: N_("Does not apply"),
}
STATUS_ICONS: dict[Status, str] = {
    Status.FAIL: "✘",
    Status.ATTENTION: "!",
    Status.ERROR: "⚠",
    Status.UNKNOWN: "?",
    Status.PASS: "✔",
    Status.NOT_APPLICABLE: "–",
}
ASCII_ICONS: dict[Status, str] = {
    Status.FAIL: "[X]",
    Status.ATTENTION: "[!]",
    Status.ERROR: "[E]",
    Status.UNKNOWN: "[?]",
    Status.PASS: "[OK]",
    Status.NOT_APPLICABLE: "[-]",
}
SEVERITY_LABELS = {
    "high": N_("high priority"),
    "medium": N_("medium priority"),
    "low": N_("low priority"),
}
STATUS_ORDER = (Status.FAIL, Status.ATTENTION, Status.ERROR, Status.UNKNOWN, Status.PASS,
                Status.NOT_APPLICABLE)


# -- shared pieces ----------------------------------------------------------------------------


QUESTION_KIND = Origin.QUESTION.value  # the JSON "kind" of a finding made from an answer
QUESTION_PREFIX = "question-"


def is_answer(f: Finding) -> bool:
    """A finding made from the person's answer, not from the scan."""
    return f.origin is Origin.QUESTION or f.check_id.startswith(QUESTION_PREFIX)


def split_answers(result: ScanResult, answers: Sequence[Finding] = ()
                  ) -> tuple[list[Finding], list[Finding]]:
    """(automatic findings, answer findings): answers are kept apart wherever they came from.
    An answer given in ``answers`` replaces one with the same id in ``result.findings``."""
    auto = [f for f in result.findings if not is_answer(f)]
    given = {f.check_id for f in answers}
    mixed_in = [f for f in result.findings if is_answer(f) and f.check_id not in given]
    return auto, [*mixed_in, *answers]


def answer_titles() -> dict[str, str]:
    """Question finding id -> title message id (empty if the questionnaire cannot load)."""
    try:
        from checks.content.questions import QUESTION_TITLES
    except Exception:  # a broken questionnaire must not stop a report
        return {}
    return dict(QUESTION_TITLES)


def answers_headline(answers: Sequence[Finding]) -> list[Message]:
    """The answers' own summary, kept apart from the scan's: answers are not scan results.
    Like ``headline``, each number is the size of one status group."""
    c = counts(answers)
    good = c[Status.PASS]
    unsure = c[Status.UNKNOWN] + c[Status.ERROR]
    out = [msg_n("{n} answer needs action", "{n} answers need action", c[Status.FAIL])]
    if c[Status.ATTENTION]:
        out.append(msg_n("{n} answer to look at", "{n} answers to look at",
                         c[Status.ATTENTION]))
    if good:
        out.append(msg_n("{n} answer says a protection is in place",
                         "{n} answers say a protection is in place", good))
    if unsure:
        out.append(msg_n("{n} answer was “not sure”", "{n} answers were “not sure”", unsure))
    return out


def answers_note() -> Message:
    return msg("These come from your own answers to the questions only you can answer, not "
               "from the scan. Checkup cannot verify them.")


def check_title(check_id: str, titles: Mapping[str, str] | None = None) -> str:
    """The check's title message id (untranslated): from the scan, else the registry, else
    the id itself."""
    from checks.engine.registry import get_check

    if titles and check_id in titles:
        return titles[check_id]

    try:
        found = get_check(check_id)
    except Exception:  # a broken catalogue module must not stop a report
        found = None
    return found.title if found is not None else plain(check_id)


def headline(findings: Sequence[Finding]) -> list[Message]:
    """The short summary a person reads first, as separate messages. Each number is the size
    of one group of the list below it, in the list's order (STATUS_ORDER): what needs action,
    what to look at, checks that failed, what could not be checked, what is in place."""
    c = counts(findings)
    out = [msg_n("{n} thing needs action", "{n} things need action", c[Status.FAIL])]
    if c[Status.ATTENTION]:
        out.append(msg_n("{n} thing to look at", "{n} things to look at", c[Status.ATTENTION]))
    if c[Status.ERROR]:
        out.append(msg_n("{n} check failed to run", "{n} checks failed to run", c[Status.ERROR]))
    if c[Status.UNKNOWN]:
        out.append(msg_n("{n} we could not check", "{n} we could not check", c[Status.UNKNOWN]))
    out.append(msg_n("{n} protection in place", "{n} protections in place", c[Status.PASS]))
    return out


def windows_name(release: str, version: str) -> str:
    """"Windows 11 (10.0.26100)": Windows 11 still reports release "10" (and ProductName
    "Windows 10"), so it is told apart by its build number, as checks/engine/osinfo.py does."""
    from checks.engine.osinfo import WINDOWS_11_FIRST_BUILD

    parts = version.strip().split(".")
    build = int(parts[2]) if len(parts) >= 3 and parts[2].isdigit() else None
    server = "server" in release.lower()  # Python says e.g. "2022Server" for those
    if build is not None and build >= WINDOWS_11_FIRST_BUILD and not server:
        name = "Windows 11"
    else:
        name = f"Windows {release}".strip()
    return f"{name} ({version})" if version.strip() else name


def os_name(result: ScanResult) -> str:
    """An untranslated name of the scanned system, e.g. "Debian GNU/Linux 12 (bookworm)"."""
    osr = result.context.os_release
    plat = result.platform
    if osr.get("PRETTY_NAME"):
        return osr["PRETTY_NAME"]
    if osr.get("NAME"):
        return f"{osr['NAME']} {osr.get('VERSION', osr.get('VERSION_ID', ''))}".strip()
    if plat.family == "macos":
        return f"macOS (Darwin {plat.release})".strip()
    if plat.family == "windows":
        return windows_name(plat.release, plat.version)
    return f"{plat.system} {plat.release}".strip()


def machine_line(result: ScanResult) -> Message:
    return msg("Scanned system: {system}, {kind}", system=os_name(result),
               kind=result.context.describe())


def source_message(result: ScanResult, when: str) -> Message:
    src = result.source or {}
    if src.get("kind") == "snapshot":
        name = src.get("name") or src.get("file") or ""
        if src.get("origin") == "synthetic":
            return msg("A demonstration snapshot, “{name}”: not a real computer.",
                       name=Message(name) if name in _demo_names() else name)
        return msg("A recorded snapshot, “{name}”, recorded {when}.", name=name,
                   when=src.get("recorded_at_text") or when)
    return msg("This computer, scanned {when}.", when=when)


@functools.lru_cache(maxsize=1)
def _demo_names() -> frozenset[str]:
    """Names of the demo machines Checkup ships: their translations are in the catalogue (a
    snapshot from elsewhere keeps its name exactly as written, isolated)."""
    import json

    from checks.engine.resources import resource_path

    names = set()
    for path in resource_path("scenarios").glob("*.json"):
        try:
            names.add(str(json.loads(path.read_text(encoding="utf-8"))["meta"]["name"]))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return frozenset(names)


def format_when(moment: datetime, lang: str) -> str:
    """The moment as Babel writes it for ``lang``: the program's own text (``Own``), so a
    message keeps Babel's direction marks."""
    try:
        from babel.dates import format_datetime

        text = str(format_datetime(moment.astimezone(), "medium", locale=lang.split("_")[0]))
        return rtl_isolate(text) if is_rtl(lang) else Own(text)
    except Exception:  # unknown locale (e.g. the pseudo-locale): ISO format
        return Own(moment.astimezone().strftime("%Y-%m-%d %H:%M"))


def scrubber_for(result: ScanResult, redact: bool) -> Scrubber | None:
    if not redact:
        return None
    ident: Identity | None = getattr(result, "identity", None)
    base = identity_from_platform(result.platform)
    return Scrubber(base.merged(ident) if ident is not None else base, home_placeholder="~",
                    min_free_text=3)


@dataclass
class _Renderer:
    t: Translator
    scrub: Scrubber | None

    def text(self, message: Message | str) -> str:
        out = self.t.render(message)
        return self.scrub.text(out) if self.scrub else out

    def raw(self, value: str) -> str:
        return self.scrub.text(value) if self.scrub else value

    def value(self, value: Any) -> Any:
        return self.scrub.value(value) if self.scrub else value


def _source_json(result: ScanResult, r: _Renderer) -> dict[str, Any]:
    src = dict(result.source or {"kind": "live"})
    src.setdefault("kind", "live")
    if "file" in src:  # a path on the reader's machine may name them: keep the file name only
        src["file"] = ntpath.basename(posixpath.basename(src["file"]))
    return {k: r.raw(plain(v if isinstance(v, str) else str(v))) for k, v in src.items()
            if k != "recorded_at_text"}


# -- JSON -------------------------------------------------------------------------------------


def _message_json(m: Message, r: _Renderer) -> dict[str, Any]:
    out: dict[str, Any] = {"text": r.text(m)}
    out.update(r.value(plain_value(m.to_json())))
    return out


def finding_json(f: Finding, r: _Renderer, titles: Mapping[str, str] | None = None
                 ) -> dict[str, Any]:
    title_id = check_title(f.check_id, titles)
    return {
        "kind": QUESTION_KIND if is_answer(f) else "check",
        "check_id": f.check_id,
        "title": r.text(title_id),
        "title_id": title_id,
        "status": f.status.value,
        "status_label": r.text(STATUS_LABELS[f.status]),
        "severity": f.severity.value if f.severity is not None else None,
        "summary": _message_json(f.summary, r),
        "details": [_message_json(d, r) for d in f.details],
        "evidence": [{"source": r.raw(e.source), "text": r.raw(e.text)} for e in f.evidence],
        "guidance_id": f.guidance_id or f.check_id,
        "data": r.value(plain_value(f.json_data())),
    }


def report_json(result: ScanResult, lang: str = "en", *, redact: bool = True,
                answers: Sequence[Finding] = ()) -> dict[str, Any]:
    """The report as a JSON-able dict (schema: docs/report-schema.md). Answers to the
    questionnaire go to ``answers`` (each marked ``"kind": "question"``), never to
    ``findings``, and are counted in ``summary.answers`` only."""
    t = translator(lang)
    r = _Renderer(t, scrubber_for(result, redact))
    ctx = result.context
    auto, given = split_answers(result, answers)
    c = counts(auto)
    ca = counts(given)
    qtitles = answer_titles()
    return {
        "format": REPORT_FORMAT,
        "schema_version": REPORT_SCHEMA_VERSION,
        "app": {"name": APP_NAME, "version": __version__},
        "language": t.lang,
        "redacted": redact,
        "scan": {
            "started": result.started.isoformat(),
            "duration_seconds": round(result.duration, 3),
            "cancelled": result.cancelled,
            "source": _source_json(result, r),
        },
        "platform": {
            "family": result.platform.family,
            "system": plain(result.platform.system),
            "release": r.raw(plain(result.platform.release)),
            "version": r.raw(plain(result.platform.version)),
            "machine": plain(result.platform.machine),
            "os_name": r.raw(plain(os_name(result))),
        },
        "dated_facts": data_json(result),
        "context": {
            **r.value(plain_value(ctx.to_json())),
            "description": r.text(ctx.describe()),
            "evidence": [{"source": r.raw(e.source), "text": r.raw(e.text)}
                         for e in ctx.evidence],
        },
        "summary": {
            "counts": {s.value: c[s] for s in STATUS_ORDER},
            "headline": [r.text(m) for m in headline(auto)],
            "answers": {
                "counts": {s.value: ca[s] for s in STATUS_ORDER},
                "headline": [r.text(m) for m in answers_headline(given)] if given else [],
            },
        },
        "findings": [finding_json(f, r, result.titles) for f in prioritised(auto)],
        "answers": [finding_json(f, r, qtitles) for f in prioritised(given)],
    }


def split_not_recorded(findings: Sequence[Finding]) -> tuple[list[Finding], list[Finding]]:
    """Findings to show one by one, and those a snapshot was not recorded for (shown as one
    entry: a snapshot made for one check would otherwise repeat the same sentence per check)."""
    shown = [f for f in findings if f.not_checked is not NotChecked.NOT_RECORDED]
    absent = [f for f in findings if f.not_checked is NotChecked.NOT_RECORDED]
    return shown, absent


def list_separator(lang: str) -> str:
    return "، " if lang.split("_")[0] in ("ar", "fa", "ur") else ", "


def not_recorded_lines(absent: Sequence[Finding], r: _Renderer,
                       titles: Mapping[str, str] | None) -> tuple[str, str, str]:
    """Heading, list of check titles and explanation for the checks a snapshot lacks."""
    head = r.text(msg_n("Not recorded in this snapshot ({n} check)",
                        "Not recorded in this snapshot ({n} checks)", len(absent)))
    names = list_separator(r.t.lang).join(r.text(check_title(f.check_id, titles))
                                          for f in absent)
    why = r.text(msg("The machine was recorded before these checks existed, or without them."))
    return head, names, why


# -- text -------------------------------------------------------------------------------------


def _wrap(text: str, indent: str, width: int) -> list[str]:
    import textwrap

    lines: list[str] = []
    for para in text.splitlines() or [""]:
        lines.extend(textwrap.wrap(para, width=width, initial_indent=indent,
                                   subsequent_indent=indent, break_on_hyphens=False,
                                   break_long_words=False) or [indent])
    return lines


def _join_wrapped(items: Sequence[str], width: int, sep: str = " · ") -> list[str]:
    """Items joined by ``sep`` on lines of at most ``width`` where they fit, breaking only
    between items (a line ends with the separator's dot when another follows)."""
    lines: list[str] = []
    line = ""
    for item in items:
        if not line:
            line = item
        elif len(line) + len(sep) + len(item) <= width:
            line += sep + item
        else:
            lines.append(line + sep.rstrip())
            line = item
    if line:
        lines.append(line)
    return lines


def report_text(result: ScanResult, lang: str = "en", *, redact: bool = True,
                ascii_only: bool = False, width: int = 78, evidence: bool = True,
                answers: Sequence[Finding] = ()) -> str:
    """A report for a terminal, most urgent first, grouped by status; the person's answers
    to the questionnaire follow in a section of their own."""
    t = translator(lang)
    auto, given = split_answers(result, answers)
    r = _Renderer(t, scrubber_for(result, redact))
    icons = ASCII_ICONS if ascii_only else STATUS_ICONS
    when = format_when(result.started, t.lang)
    out: list[str] = []
    title = r.text(msg("{app} report", app=APP_NAME))
    out += [title, "=" * min(width, max(len(title), 20))]
    out += _wrap(r.text(source_message(result, when)), "", width)
    out += _wrap(r.text(machine_line(result)), "", width)
    out += _wrap(" ".join(r.text(m) for m in data_messages(result, t.lang)), "", width)
    out += _join_wrapped([r.text(m) for m in headline(auto)], width)
    if result.cancelled:
        out += _wrap(r.text(msg("The scan was cancelled before every check finished.")), "",
                     width)
    ordered = prioritised(auto)

    def one(f: Finding, titles: Mapping[str, str] | None) -> None:
        head = f"{icons[f.status]} {r.text(check_title(f.check_id, titles))}"
        if f.severity is not None:
            head += f" ({r.text(SEVERITY_LABELS[f.severity.value])})"
        out.append(head)
        out.extend(_wrap(r.text(f.summary), "    ", width))
        for d in f.details:
            out.extend(_wrap(r.text(d), "    ", width))
        if evidence:
            for e in f.evidence:
                out.append(f"      > {r.raw(e.line())}")

    for status in STATUS_ORDER:
        group = [f for f in ordered if f.status is status]
        if not group:
            continue
        out += ["", f"{icons[status]} {r.text(STATUS_LABELS[status])} ({len(group)})",
                "-" * min(width, 40)]
        group, absent = split_not_recorded(group)
        for f in group:
            one(f, result.titles)
        if absent:
            head, names, why = not_recorded_lines(absent, r, result.titles)
            out.append(f"{icons[status]} {head}")
            out += _wrap(names, "    ", width)
            out += _wrap(why, "    ", width)
    if given:
        head = r.text(msg("Your answers ({n})", n=len(given)))
        out += ["", "", head, "=" * min(width, max(len(head), 20))]
        out += _wrap(r.text(answers_note()), "", width)
        out += _join_wrapped([r.text(m) for m in answers_headline(given)], width)
        qtitles = answer_titles()
        for f in prioritised(given):
            out.append("")
            one(f, qtitles)
    out.append("")
    return "\n".join(out)


# -- HTML -------------------------------------------------------------------------------------


def report_html(result: ScanResult, lang: str = "en", *, redact: bool = True,
                answers: Sequence[Finding] = ()) -> str:
    """A self-contained page: inline CSS, no scripts, no external fonts or images. The
    person's answers, if any, come last in a section of their own."""
    from checks.reports.report_html import render_html

    return render_html(result, lang, redact=redact, answers=answers)


__all__ = [
    "ASCII_ICONS",
    "REPORT_FORMAT",
    "REPORT_SCHEMA_VERSION",
    "SEVERITY_LABELS",
    "STATUS_ICONS",
    "STATUS_LABELS",
    "STATUS_ORDER",
    "check_title",
    "split_answers",
    "answers_headline",
    "headline",
    "is_answer",
    "report_html",
    "report_json",
    "report_text",
]
