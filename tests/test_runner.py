"""The runner: parallel, bounded per check, cancellable, and one fault stays one finding."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from checks.engine.i18n import msg, translator
from checks.engine.model import Evidence, Finding, NotChecked, Status
from checks.engine.registry import Scan
from checks.engine.runner import run_check, run_scan, select_checks
from tests.engine_support import extra_checks, make_check, replay, snapshot


def _pass(scan: Scan) -> Finding:
    return Finding(Status.PASS, msg("Fine"), evidence=[Evidence("test", "ok")])


def test_checks_run_in_parallel() -> None:
    barrier = threading.Barrier(3, timeout=5)

    def meet(scan: Scan) -> Finding:
        barrier.wait()  # raises BrokenBarrierError unless all three run at the same time
        return _pass(scan)

    checks = [make_check(f"t-par-{i}", meet) for i in range(3)]
    result = run_scan(replay(snapshot([c.id for c in checks])), checks)
    assert [f.status for f in result.findings] == [Status.PASS] * 3


def test_an_exception_becomes_an_error_finding_for_that_check_alone() -> None:
    def boom(scan: Scan) -> Finding:
        raise ZeroDivisionError("division by zero in the parser")

    def not_a_finding(scan: Scan) -> Finding:
        return "pass"  # type: ignore[return-value]

    checks = [make_check("t-ok", _pass), make_check("t-boom", boom),
              make_check("t-wrong", not_a_finding)]
    result = run_scan(replay(snapshot([c.id for c in checks])), checks)
    by_id = {f.check_id: f for f in result.findings}
    assert by_id["t-ok"].status is Status.PASS
    assert by_id["t-boom"].status is Status.ERROR
    assert "ZeroDivisionError: division by zero in the parser" in by_id["t-boom"].evidence[0].text
    assert "test_runner.py" in by_id["t-boom"].evidence[0].text  # where it happened
    assert by_id["t-wrong"].status is Status.ERROR
    text = translator("en").render(by_id["t-boom"].summary)
    assert "other checks were not affected" in text


def test_a_stuck_check_is_abandoned_after_its_bound_and_the_rest_go_on() -> None:
    release = threading.Event()

    def stuck(scan: Scan) -> Finding:
        release.wait(30)
        return _pass(scan)

    checks = [make_check("t-stuck", stuck), make_check("t-quick", _pass)]
    try:
        result = run_scan(replay(snapshot([c.id for c in checks])), checks, check_bound=0.3)
    finally:
        release.set()
    by_id = {f.check_id: f for f in result.findings}
    assert by_id["t-quick"].status is Status.PASS
    assert by_id["t-stuck"].status is Status.UNKNOWN
    assert by_id["t-stuck"].not_checked is NotChecked.TIMEOUT
    assert result.duration < 10


def test_cancel_stops_waiting_and_marks_the_rest_cancelled() -> None:
    cancel = threading.Event()
    release = threading.Event()
    started = threading.Event()

    def slow(scan: Scan) -> Finding:
        started.set()
        release.wait(30)
        return _pass(scan)

    def quick(scan: Scan) -> Finding:
        started.wait(5)
        return _pass(scan)

    def progress(done: int, total: int, check_id: str, finding: Finding | None) -> None:
        if check_id == "t-quick":
            cancel.set()

    checks = [make_check("t-slow", slow, order=1), make_check("t-quick", quick, order=2)]
    try:
        result = run_scan(replay(snapshot([c.id for c in checks])), checks, progress=progress,
                          cancel=cancel)
    finally:
        release.set()
    by_id = {f.check_id: f for f in result.findings}
    assert result.cancelled
    assert by_id["t-quick"].status is Status.PASS
    assert by_id["t-slow"].status is Status.UNKNOWN
    assert by_id["t-slow"].not_checked is NotChecked.CANCELLED


def test_a_cancelled_scan_runs_no_more_commands() -> None:
    seen: list[str] = []

    def runs(scan: Scan) -> Finding:
        res = scan.run(["uname", "-r"])
        seen.append(res.status)
        return _pass(scan)

    cancel = threading.Event()
    cancel.set()
    checks = [make_check("t-runs", runs)]
    result = run_scan(replay(snapshot(["t-runs"])), checks, cancel=cancel)
    assert result.findings[0].not_checked is NotChecked.CANCELLED
    assert seen in ([], ["error"])


def test_progress_reports_every_check_once_in_order_of_completion() -> None:
    calls: list[tuple[int, int, str]] = []
    checks = [make_check(f"t-p{i}", _pass) for i in range(4)]
    run_scan(replay(snapshot([c.id for c in checks])), checks,
             progress=lambda d, t, cid, f: None if f is None else calls.append((d, t, cid)))
    assert sorted(c[2] for c in calls) == [c.id for c in checks]
    assert [c[0] for c in calls] == [1, 2, 3, 4]
    assert all(c[1] == 4 for c in calls)


def test_a_broken_progress_callback_does_not_stop_the_scan() -> None:
    def bad(*args: object) -> None:
        raise RuntimeError("display gone")

    checks = [make_check("t-a", _pass), make_check("t-b", _pass)]
    result = run_scan(replay(snapshot([c.id for c in checks])), checks, progress=bad)
    assert [f.status for f in result.findings] == [Status.PASS, Status.PASS]


def test_checks_for_other_platforms_are_not_run() -> None:
    checks = [make_check("t-linux", _pass, platforms={"linux"}),
              make_check("t-mac", _pass, platforms={"macos"})]
    result = run_scan(replay(snapshot(["t-linux", "t-mac"])), checks)
    assert [f.check_id for f in result.findings] == ["t-linux"]


def test_a_check_the_snapshot_was_not_recorded_for_is_unknown_not_recorded() -> None:
    ran: list[str] = []

    def tracked(scan: Scan) -> Finding:
        ran.append("yes")
        return _pass(scan)

    check = make_check("t-new", tracked)
    finding = run_check(check, Scan(replay(snapshot(["something-else"]))))
    assert finding.status is Status.UNKNOWN
    assert finding.not_checked is NotChecked.NOT_RECORDED
    assert "Not recorded in this snapshot" in translator("en").render(finding.summary)
    assert ran == []  # never run against missing data


def test_runner_fills_check_id_and_guidance_id() -> None:
    check = make_check("t-ids", _pass)
    finding = run_check(check, Scan(replay(snapshot(["t-ids"]))))
    assert finding.check_id == "t-ids"
    assert finding.guidance_id == "t-ids"


def test_select_checks_rejects_unknown_ids() -> None:
    with extra_checks(make_check("t-known", _pass)):
        assert [c.id for c in select_checks(["t-known"])] == ["t-known"]
        try:
            select_checks(["t-known", "no-such-check"])
        except KeyError as exc:
            assert "no-such-check" in str(exc)
        else:
            raise AssertionError("unknown id accepted")


def test_scan_run_applies_the_per_command_timeout() -> None:
    seen: list[float] = []

    class Timing(type(replay(snapshot()))):  # type: ignore[misc]
        def run(self, argv, timeout=10.0):
            seen.append(timeout)
            return super().run(argv, timeout)

    scan = Scan(Timing(snapshot()), command_timeout=3.5)
    scan.run(["true"])
    scan.run(["true"], timeout=1.0)
    assert seen[-2:] == [3.5, 1.0]


def test_the_bound_counts_from_when_a_check_starts_not_when_it_was_queued(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import checks.engine.runner as runner

    monkeypatch.setattr(runner, "MAX_WORKERS", 1)  # the second check waits for the first
    pause = threading.Event()

    def takes_a_while(scan: Scan) -> Finding:
        pause.wait(0.25)  # less than the bound, but two of them in a row are more
        return _pass(scan)

    checks = [make_check("t-first", takes_a_while, order=1),
              make_check("t-second", takes_a_while, order=2)]
    result = run_scan(replay(snapshot([c.id for c in checks])), checks, check_bound=0.4)
    assert [f.status for f in result.findings] == [Status.PASS, Status.PASS]


def test_an_abandoned_check_does_not_keep_the_program_from_exiting() -> None:
    code = (
        "import threading\n"
        "from checks.engine.i18n import msg\n"
        "from checks.engine.model import Finding, Status\n"
        "from checks.engine.runner import run_scan\n"
        "from tests.engine_support import make_check, replay, snapshot\n"
        "def forever(scan):\n"
        "    threading.Event().wait()\n"
        "c = make_check('t-forever', forever)\n"
        "r = run_scan(replay(snapshot(['t-forever'])), [c], check_bound=0.2)\n"
        "print(r.findings[0].not_checked.value)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "timeout"
