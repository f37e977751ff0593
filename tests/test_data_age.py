"""How old the dated facts were is shown wherever a scan's result is: every report's header
(text, HTML, JSON), the window's header, its About view and the presenter view (issue 20)."""

from __future__ import annotations

import html
import json
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from checks.cli import load_host
from checks.engine import datafile
from checks.engine.datafile import DataOrigin
from checks.engine.runner import ScanResult, run_scan
from checks.reports.report import report_html, report_json, report_text
from tests.desktop_support import desktop_env_fixture  # noqa: F401 - fixture

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "resources" / "scenarios" / "windows10-unencrypted-telegram.json"
RELEASED = date(2026, 11, 23)
HOSTILE = "pack\u202e<b>x</b>\x1b[31m.json"  # a file name someone else chose


@pytest.fixture(scope="module")
def scanned() -> ScanResult:
    host, source = load_host(str(DEMO))
    return run_scan(host, source=source)


def _at(result: ScanResult, days_after: int, origin: DataOrigin | None = None) -> ScanResult:
    origin = origin or DataOrigin("bundled", RELEASED)
    moment = datetime(2026, 11, 23, 12, tzinfo=timezone.utc) + timedelta(days=days_after)
    return replace(result, data=origin, started=moment)


def test_the_runner_records_where_the_facts_came_from(scanned: ScanResult) -> None:
    assert scanned.data == datafile.data_origin()
    assert scanned.data is not None and scanned.data.kind == "bundled"
    shipped = {df.gathered for df in datafile.bundled_data_files()}
    assert scanned.data.released == min(shipped)


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "are from November 23, 2026: 40 days before this scan"),
    ("es", "son del 23 de noviembre de 2026: 40 días antes de este análisis"),
    ("ar", "قبل هذا الفحص بـ40 يومًا"),
])
def test_every_report_header_says_how_old_the_facts_were(scanned: ScanResult, lang: str,
                                                          words: str) -> None:
    result = _at(scanned, 40)
    text = report_text(result, lang)
    header = text.split("\n\n")[0]
    assert words in " ".join(header.split()), header
    page = report_html(result, lang)
    head = page[page.index("<header>"):page.index("</header>")]
    assert words in " ".join(html.unescape(head).split())
    data = report_json(result, lang)["dated_facts"]
    assert data == {"kind": "bundled", "released": "2026-11-23", "sequence": None,
                    "pack": None, "age_days": 40, "stale_after_days": 180}


def test_facts_older_than_their_limit_are_called_so(scanned: ScanResult) -> None:
    fresh, old = report_text(_at(scanned, 180)), report_text(_at(scanned, 181))
    assert "more than 180 days" not in fresh
    assert "That is more than 180 days" in " ".join(old.split())


def test_a_snapshot_older_than_the_facts_gives_their_date_only(scanned: ScanResult) -> None:
    text = " ".join(report_text(_at(scanned, -10)).split())
    assert "are from November 23, 2026." in text and "before this scan" not in text
    assert report_json(_at(scanned, -10))["dated_facts"]["age_days"] == -10


def test_a_data_packs_name_is_shown_as_plain_escaped_text(scanned: ScanResult) -> None:
    result = _at(scanned, 3, DataOrigin("pack", date(2027, 1, 10), 7, HOSTILE))
    text = report_text(result)
    assert "data pack" in text and "(number 7)" in text
    assert "\u202e" not in text and "\x1b" not in text and "<U+202E>" in text
    page = report_html(result)
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page and "\u202e" not in page
    data = report_json(result)["dated_facts"]
    assert data["kind"] == "pack" and data["sequence"] == 7
    assert "\u202e" not in json.dumps(data, ensure_ascii=False)


def test_the_window_header_and_about_show_the_facts_date(qtbot, desktop_env) -> None:
    from desktop.about import about_html
    from desktop.main_window import MainWindow

    w = MainWindow(persist_settings=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    try:
        with qtbot.waitSignal(w.scanFinished, timeout=20000):
            assert w.open_snapshot_file(DEMO)
        qtbot.waitUntil(lambda: "dated facts" in w.header.source.text(), timeout=3000)
        assert "November 23, 2026" in w.header.source.text()
        about = html.unescape(about_html())
        assert "In use: the facts this version was shipped with, from November 23, 2026" \
            in about
    finally:
        w.controller.shutdown()


def test_the_presenter_overview_shows_the_facts_date(qtbot, desktop_env) -> None:
    from desktop.main_window import MainWindow

    w = MainWindow(persist_settings=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    try:
        with qtbot.waitSignal(w.scanFinished, timeout=20000):
            assert w.open_scenario(DEMO.stem)
        view = w.workshop.start_presenter()
        from desktop.workshop.presenter import PresenterView

        assert isinstance(view, PresenterView)
        qtbot.waitExposed(view)
        assert view.index == 0
        assert "are from November 23, 2026" in " ".join(view.plain_text().split())
        view.close()
    finally:
        w.controller.shutdown()
