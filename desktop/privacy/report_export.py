"""Saving a report: only ever as the person's explicit act, to the file they chose."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from checks.engine.model import Finding
from checks.engine.runner import ScanResult
from checks.engine.safe_write import utf8
from checks.reports.report import report_html, report_json
from desktop.pdf import html_to_pdf
from desktop.qt_i18n import N_, _
from desktop.safe_save import save_chosen


@dataclass(frozen=True)
class ReportFormat:
    key: str
    label: str  # an N_() message id: a Qt name filter, keep "(*.ext)" in translations
    suffix: str


FORMATS: tuple[ReportFormat, ...] = (
    # TRANSLATORS: a file type in the save dialog; keep "(*.html)" as it is.
    ReportFormat("html", N_("Web page (*.html)"), ".html"),
    # TRANSLATORS: a file type in the save dialog; keep "(*.pdf)" as it is.
    ReportFormat("pdf", N_("PDF document (*.pdf)"), ".pdf"),
    # TRANSLATORS: a file type in the save dialog; keep "(*.json)" as it is.
    ReportFormat("json", N_("Data for other programs (*.json)"), ".json"),
)


def format_by_key(key: str) -> ReportFormat:
    for f in FORMATS:
        if f.key == key:
            return f
    raise KeyError(key)


def format_for(path: str, name_filter: str) -> ReportFormat:
    """The format a person chose: by the file's extension, else by the dialog's filter."""
    suffix = Path(path).suffix.lower()
    for f in FORMATS:
        if suffix == f.suffix or (f.key == "html" and suffix == ".htm"):
            return f
    for f in FORMATS:
        if name_filter in (f.label, _(f.label)):
            return f
    return FORMATS[0]


def with_suffix(path: str, fmt: ReportFormat) -> str:
    p = Path(path)
    if p.suffix.lower() in (fmt.suffix, ".htm" if fmt.key == "html" else fmt.suffix):
        return path
    return str(p.with_name(p.name + fmt.suffix))


def suggested_name(result: ScanResult, fmt: ReportFormat) -> str:
    """A file name that says what it is and when, and nothing about who."""
    when = result.started if isinstance(result.started, datetime) else datetime.now()
    return f"checkup-report-{when.strftime('%Y-%m-%d')}{fmt.suffix}"


def write_report(result: ScanResult, fmt: ReportFormat, path: str, lang: str, *,
                 answers: Sequence[Finding] = (), confirmed: bool = True) -> None:
    """Write the report (redacted, as every report is by default), with the person's answers
    to the questionnaire in a section of their own, through checks.engine.safe_write (see
    desktop/safe_save.py; ``confirmed`` is False for a name the save dialog did not show).
    Raises OSError (WriteProblem when the file could not be written)."""
    if fmt.key == "pdf":
        html_to_pdf(report_html(result, lang, answers=answers), path, title="Checkup",
                    confirmed=confirmed)
        return
    if fmt.key == "json":
        text = json.dumps(report_json(result, lang, answers=answers), indent=2,
                          ensure_ascii=False) + "\n"
    else:
        text = report_html(result, lang, answers=answers)
    save_chosen(path, utf8(text), confirmed=confirmed)
