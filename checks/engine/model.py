"""What a check produces: statuses, severities, findings and their evidence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from checks.engine.i18n import Message
from checks.engine.plain_text import plain


class Status(str, Enum):
    PASS = "pass"
    ATTENTION = "attention"  # something the person should look at (shown "Look at this")
    FAIL = "fail"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"
    ERROR = "error"


class Severity(str, Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


# Order used everywhere findings are listed: what needs action first.
_STATUS_RANK = {
    Status.FAIL: 0,
    Status.ATTENTION: 1,
    Status.ERROR: 2,
    Status.UNKNOWN: 3,
    Status.PASS: 4,
    Status.NOT_APPLICABLE: 5,
}
_SEVERITY_RANK = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2, None: 3}


@dataclass(frozen=True)
class Evidence:
    """One fact a verdict rests on, untranslated: where it came from and what it said."""

    source: str  # a command line, a file path, a registry key
    text: str  # what that source said, verbatim or nearly so

    def __post_init__(self) -> None:
        # Machine text (rule 8): controls, direction and invisible characters become visible
        # escapes here, once, so that every sink (terminal, JSON, HTML, PDF, the window) shows
        # the same safe line and our own isolates around it cannot be closed from inside.
        object.__setattr__(self, "source", plain(str(self.source)))
        object.__setattr__(self, "text", plain(str(self.text)))

    def line(self) -> str:
        return f"{self.source}: {self.text}" if self.source else self.text


JSONValue = str | int | float | bool | None | list[Any] | dict[str, Any]


class Origin(str, Enum):
    """Where a verdict comes from (the report's ``kind``)."""

    CHECK = "check"  # a check looked at the machine
    QUESTION = "question"  # the person answered a question (checks/content/questions.py)


class Answer(str, Enum):
    """The person's answer to a question."""

    YES = "yes"
    NO = "no"
    NOT_SURE = "not_sure"


class NotChecked(str, Enum):
    """Why the runner, not the check, gave the verdict (always unknown): the check itself
    never decided."""

    NOT_RECORDED = "not_recorded"  # the snapshot was recorded without this check
    CANCELLED = "cancelled"  # the scan was cancelled before the check ended
    TIMEOUT = "timeout"  # the check took longer than its bound and was abandoned


@dataclass(frozen=True)
class Finding:
    """The verdict of one check on one machine."""

    status: Status
    summary: Message
    severity: Severity | None = None
    evidence: Sequence[Evidence] = ()
    details: Sequence[Message] = ()  # further translated lines: caveats, what was seen
    data: Mapping[str, JSONValue] = field(default_factory=dict)  # the check's own facts
    check_id: str = ""
    guidance_id: str = ""
    # What presentation needs to tell findings apart, typed (never read from ``data``):
    origin: Origin = Origin.CHECK
    question_id: str = ""  # the question answered (origin QUESTION)
    answer: Answer | None = None  # the person's answer (origin QUESTION)
    not_checked: NotChecked | None = None  # set by the runner when the check never decided

    def __post_init__(self) -> None:
        if self.status is Status.FAIL and self.severity is None:
            object.__setattr__(self, "severity", Severity.MEDIUM)
        if self.status is not Status.FAIL and self.severity is not None:
            object.__setattr__(self, "severity", None)

    def json_data(self) -> dict[str, JSONValue]:
        """The report's ``data`` object: the typed facts under their historical keys
        (``kind``, ``question``, ``answer``, ``reason``), then the check's own ``data``."""
        out: dict[str, JSONValue] = {}
        if self.origin is Origin.QUESTION:
            out["kind"] = self.origin.value
            out["question"] = self.question_id
            if self.answer is not None:
                out["answer"] = self.answer.value
        if self.not_checked is not None:
            out["reason"] = self.not_checked.value
        out.update(self.data)
        return out

    def sort_key(self) -> tuple[int, int, str]:
        return (_STATUS_RANK[self.status], _SEVERITY_RANK[self.severity], self.check_id)


def prioritised(findings: Sequence[Finding]) -> list[Finding]:
    """Failures by severity first, then attention, then what could not be checked, then fine."""
    return sorted(findings, key=Finding.sort_key)


def counts(findings: Sequence[Finding]) -> dict[Status, int]:
    out = {s: 0 for s in Status}
    for f in findings:
        out[f.status] += 1
    return out
