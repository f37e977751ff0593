"""The words for each status and the header's summary (never colour alone).

The labels are the reports' own (checks/reports/report.py), so the window and a saved report use
the same words.
"""

from __future__ import annotations

from collections.abc import Sequence

from checks.engine.model import Answer, Finding, Severity, Status
from checks.reports.report import SEVERITY_LABELS, STATUS_LABELS, headline
from desktop.qt_i18n import _, current


def status_words(status: Status, severity: Severity | None = None) -> str:
    """Short words for a finding's state, e.g. "Needs action · high priority"."""
    words = _(STATUS_LABELS[status])
    if status is Status.FAIL and severity is not None:
        return f"{words} · {_(SEVERITY_LABELS[severity.value])}"
    return words


def finding_words(finding: Finding) -> str:
    if finding.status is Status.UNKNOWN and finding.answer is Answer.NOT_SURE:
        from checks.content.questions import ANSWER_LABELS, NOT_SURE

        return _(ANSWER_LABELS[NOT_SURE])  # the person's answer, not a check that failed
    return status_words(finding.status, finding.severity)


def summary_line(findings: Sequence[Finding]) -> str:
    """"2 things need action · 1 thing to look at · 1 we could not check · 5 protections in
    place": each number is one group of the findings list."""
    tr = current()
    return " · ".join(tr.render(m) for m in headline(findings))
