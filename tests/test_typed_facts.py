"""Typed facts on findings (issue 18, item 5): what presentation reads is a typed field, and
the JSON report's ``data`` object is made from those fields exactly as it was written before;
Scan.memo shares one computation per function; the runner reports each check's start."""

from __future__ import annotations

import json
import threading

from checks.content.questions import (
    QUESTIONS,
    answer_finding,
    answers_to_findings,
    is_question_finding,
)
from checks.engine.i18n import msg
from checks.engine.model import Answer, Evidence, Finding, NotChecked, Origin, Status
from checks.engine.registry import Scan
from checks.engine.runner import run_check, run_scan
from checks.reports.report import is_answer, report_json, split_not_recorded
from tests.engine_support import make_check, replay, snapshot


def _pass(scan: Scan) -> Finding:
    return Finding(Status.PASS, msg("Fine"), evidence=[Evidence("test", "ok")])


# -- a finding from an answer -----------------------------------------------------------


def test_an_answer_is_a_typed_question_finding_and_its_json_data_is_unchanged() -> None:
    q = QUESTIONS[0]
    for answer, status in (("yes", Status.PASS), ("no", Status.FAIL),
                           ("not_sure", Status.UNKNOWN)):
        f = answer_finding(q, answer)
        assert f.status is status
        assert f.origin is Origin.QUESTION and f.question_id == q.id
        assert f.answer is Answer(answer)
        assert dict(f.data) == {}  # nothing of the answer hides in the free-form data
        assert is_answer(f) and is_question_finding(f)
        # the report's data object, key order included, as before the typed fields
        assert json.dumps(f.json_data()) == json.dumps(
            {"kind": "question", "question": q.id, "answer": answer})


def test_an_answer_reached_the_report_with_its_historical_data() -> None:
    findings = answers_to_findings({QUESTIONS[0].id: "not sure"})
    report = report_json(run_scan(replay(snapshot()), []), answers=findings)
    assert report["answers"][0]["kind"] == "question"
    assert report["answers"][0]["data"] == {"kind": "question", "question": QUESTIONS[0].id,
                                            "answer": "not_sure"}


def test_a_check_is_not_an_answer_whatever_its_own_data_says() -> None:
    f = Finding(Status.UNKNOWN, msg("Fine"), data={"kind": "question", "answer": "not_sure"},
                check_id="t-check")
    assert f.origin is Origin.CHECK and f.answer is None
    assert not is_answer(f) and not is_question_finding(f)


def test_not_sure_is_said_as_the_persons_answer_in_the_window(qapp) -> None:
    from desktop.status_text import finding_words

    not_sure = answer_finding(QUESTIONS[0], "not_sure")
    unknown = Finding(Status.UNKNOWN, msg("Fine"), data={"answer": "not_sure"})
    assert finding_words(not_sure) != finding_words(unknown)
    assert finding_words(not_sure) == "Not sure"


# -- a not-recorded finding -------------------------------------------------------------


def test_a_not_recorded_finding_is_typed_and_its_json_data_is_unchanged() -> None:
    check = make_check("t-typed-absent", _pass)
    f = run_check(check, Scan(replay(snapshot(["another-check"]))))
    assert f.status is Status.UNKNOWN and f.not_checked is NotChecked.NOT_RECORDED
    assert dict(f.data) == {}
    assert f.json_data() == {"reason": "not_recorded"}
    shown, absent = split_not_recorded([f, _pass(Scan(replay(snapshot())))])
    assert absent == [f] and len(shown) == 1


def test_a_checks_own_reason_is_not_taken_for_not_recorded() -> None:
    f = Finding(Status.UNKNOWN, msg("Fine"), data={"reason": "not_recorded"})
    assert f.not_checked is None
    assert split_not_recorded([f]) == ([f], [])


def test_json_data_puts_the_typed_facts_first_then_the_checks_own() -> None:
    f = Finding(Status.UNKNOWN, msg("Fine"), data={"a": 1, "b": [2]},
                not_checked=NotChecked.TIMEOUT, check_id="t-x")
    assert json.dumps(f.json_data()) == '{"reason": "timeout", "a": 1, "b": [2]}'
    result = run_scan(replay(snapshot(["t-x"])), [make_check("t-x", _pass)])
    result.findings = [f]
    out = report_json(result, redact=False)["findings"][0]
    assert json.dumps(out["data"]) == '{"reason": "timeout", "a": 1, "b": [2]}'


# -- Scan.memo --------------------------------------------------------------------------

_CALLS: list[int] = []


def _expensive(scan: Scan) -> int:
    _CALLS.append(1)
    return 42


def _other(scan: Scan) -> str:
    return "other"


def test_memo_computes_once_across_threads_and_keys_by_function() -> None:
    _CALLS.clear()
    scan = Scan(replay(snapshot()))
    gate = threading.Barrier(8, timeout=5)
    got: list[int] = []

    def worker() -> None:
        gate.wait()
        got.append(scan.memo(_expensive))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == [42] * 8 and _CALLS == [1]
    assert scan.memo(_other) == "other"  # another function is another value
    assert Scan(replay(snapshot())).memo(_expensive) == 42 and _CALLS == [1, 1]  # per scan


def test_memo_is_shared_by_checks_running_in_parallel() -> None:
    _CALLS.clear()
    barrier = threading.Barrier(3, timeout=5)

    def uses(scan: Scan) -> Finding:
        barrier.wait()  # all three at once
        assert scan.memo(_expensive) == 42
        return _pass(scan)

    checks = [make_check(f"t-memo-{i}", uses) for i in range(3)]
    result = run_scan(replay(snapshot([c.id for c in checks])), checks)
    assert [f.status for f in result.findings] == [Status.PASS] * 3
    assert _CALLS == [1]


def test_no_string_keyed_cache_is_left() -> None:
    assert not hasattr(Scan, "cached")


# -- the runner's started events ----------------------------------------------------------


def test_the_runner_reports_each_check_started_before_it_ends() -> None:
    events: list[tuple[str, bool]] = []
    checks = [make_check("t-s-a", _pass), make_check("t-s-b", _pass)]
    run_scan(replay(snapshot([c.id for c in checks])), checks,
             progress=lambda d, t, cid, f: events.append((cid, f is not None)))
    assert sorted(events) == [("t-s-a", False), ("t-s-a", True),
                              ("t-s-b", False), ("t-s-b", True)]
    for cid in ("t-s-a", "t-s-b"):
        assert events.index((cid, False)) < events.index((cid, True))


def test_a_check_cancelled_while_queued_is_never_said_to_start() -> None:
    cancel = threading.Event()
    cancel.set()
    events: list[tuple[str, bool]] = []
    checks = [make_check("t-q-a", _pass)]
    run_scan(replay(snapshot(["t-q-a"])), checks, cancel=cancel,
             progress=lambda d, t, cid, f: events.append((cid, f is not None)))
    assert events == [("t-q-a", True)]


def test_the_window_hears_every_check_start_from_the_runner(qtbot) -> None:
    from desktop.scan_worker import ScanController

    checks = [make_check("t-w-a", _pass), make_check("t-w-b", _pass)]
    controller = ScanController(checks_provider=lambda: checks)
    started: list[str] = []
    controller.checkStarted.connect(started.append)
    host = replay(snapshot([c.id for c in checks]))
    with qtbot.waitSignal(controller.finished, timeout=10000):
        assert controller.start(lambda: host, "linux", {"kind": "snapshot"})
    assert sorted(started) == ["t-w-a", "t-w-b"]
    # the checks the worker ran are the ones it was given, not wrappers around them
    assert all(c.func is _pass for c in checks)
