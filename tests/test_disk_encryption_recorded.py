"""disk-encryption on a real machine: record, then replay, gives the same finding.

``tests/fixtures/disk_encryption/linux_recorded_container.json`` was recorded on the
development machine (a Docker container) with RecordingHost; rewrite it with

    /tmp/probe-venv/bin/python -m tests.test_disk_encryption_recorded
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from checks.engine.host import LiveHost
from checks.engine.i18n import translator
from checks.engine.model import Finding
from checks.engine.registry import Scan, get_check
from checks.engine.runner import run_check
from checks.engine.snapshot import RecordingHost, ReplayHost, Snapshot

FIXTURE = Path(__file__).parent / "fixtures" / "disk_encryption" / "linux_recorded_container.json"


def _run(host: object) -> Finding:
    check = get_check("disk-encryption")
    assert check is not None
    return run_check(check, Scan(host))  # type: ignore[arg-type]


def _same(a: Finding, b: Finding) -> None:
    en = translator("en")
    assert a.status is b.status and a.severity is b.severity
    assert en.render(a.summary) == en.render(b.summary)
    assert [e.line() for e in a.evidence] == [e.line() for e in b.evidence]
    assert [en.render(d) for d in a.details] == [en.render(d) for d in b.details]


def test_record_then_replay_matches_the_live_check(tmp_path: Path) -> None:
    rec = RecordingHost(LiveHost())
    live = _run(rec)
    path = tmp_path / "here.json"
    rec.snapshot(["disk-encryption"]).dump(path)
    replayed = _run(ReplayHost(Snapshot.load(path)))
    _same(live, replayed)


def test_the_committed_recording_replays_consistently() -> None:
    snap = Snapshot.load(FIXTURE)
    assert snap.meta["origin"] == "recorded"
    first = _run(ReplayHost(snap))
    again = _run(ReplayHost(Snapshot.from_json(json.loads(FIXTURE.read_text("utf-8")))))
    _same(first, again)


def record() -> None:
    rec = RecordingHost(LiveHost())
    finding = _run(rec)
    rec.snapshot(["disk-encryption"], meta={
        "name": "linux_recorded_container",
        "description": "recorded on the Checkup development machine (a Docker container) "
                       "for disk-encryption only",
    }).dump(FIXTURE)
    print(f"{FIXTURE}: {finding.status.value}")


if __name__ == "__main__":
    record()
    sys.exit(0)
