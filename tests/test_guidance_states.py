"""Every verdict a check can give has words in its article.

The article's `## before` section explains the states other than pass and fail: `### attention`,
`### unknown` and `### not-applicable`. Which of them a check can give is taken from what it
actually does: every snapshot under tests/fixtures/ that records the check is replayed through
it, and each attention / unknown / not-applicable verdict seen there must have its text in the
article, in every shipped language.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

from checks.content.guidance import GUIDANCE_LANGUAGES, load_article
from checks.engine.model import Status
from checks.engine.registry import Scan, all_checks, get_check
from checks.engine.runner import run_check
from checks.engine.snapshot import ReplayHost, Snapshot, SnapshotError

FIXTURES = Path(__file__).resolve().parent / "fixtures"
STATE_KEYS = {
    Status.ATTENTION: "attention",
    Status.UNKNOWN: "unknown",
    Status.NOT_APPLICABLE: "not-applicable",
}


@cache
def observed_states() -> dict[str, dict[str, list[str]]]:
    """check id -> state key -> fixtures (relative paths) that gave it."""
    seen: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted(FIXTURES.rglob("*.json")):
        try:
            snap = Snapshot.load(path)
        except (SnapshotError, ValueError, OSError):
            continue  # a malformed-input fixture (tested elsewhere)
        ids = [i for i in snap.checks if get_check(i) is not None]
        if not ids:
            continue
        try:
            host = ReplayHost(snap)
            scan = Scan(host)
        except Exception:  # noqa: BLE001 - an odd snapshot for the engine's own tests
            continue
        for check_id in ids:
            check = get_check(check_id)
            if check is None or not check.applies_to(host.platform.family):
                continue
            finding = run_check(check, scan)
            key = STATE_KEYS.get(finding.status)
            if key is not None:
                seen[check.guidance_id][key].append(str(path.relative_to(FIXTURES)))
    return {cid: dict(states) for cid, states in seen.items()}


def test_fixtures_show_the_states_we_know_checks_give() -> None:
    """The derivation works: states the catalogue is known to give are found."""
    seen = observed_states()
    assert "attention" in seen["tor-browser"] or "not-applicable" in seen["tor-browser"]
    assert "attention" in seen["browsers"]
    assert "attention" in seen["password-manager"]
    assert sum(len(states) for states in seen.values()) >= 20


@pytest.mark.parametrize("lang", GUIDANCE_LANGUAGES)
@pytest.mark.parametrize("guidance_id", sorted({c.guidance_id for c in all_checks()}))
def test_article_explains_every_state_its_check_gives(guidance_id: str, lang: str) -> None:
    article = load_article(guidance_id, lang)
    assert article.lang == lang, f"{guidance_id}: no article in {lang}"
    missing = {
        state: fixtures[:3]
        for state, fixtures in observed_states().get(guidance_id, {}).items()
        if state not in article.states
    }
    assert not missing, (
        f"resources/guidance/{lang}/{guidance_id}.md has no '### <state>' text under "
        f"'## before' for states its check gives (state: example fixtures): {missing}")
