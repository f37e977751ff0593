"""example-time-sync (THROW-AWAY EXAMPLE for issue 18): the fixtures replay to their verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.protections_support import assert_covered, cases, check_expected

FOLDER = "example_time_sync"


@pytest.mark.parametrize("path", cases(FOLDER), ids=lambda p: p.stem)
def test_fixture_replays_to_expected_verdict(path: Path) -> None:
    check_expected(path)


def test_linux_covered() -> None:
    assert_covered(FOLDER, ("linux",), ("pass", "attention", "unknown"))
