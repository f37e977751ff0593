"""The trainer's dashboard over a room of summaries: right counts, duplicates once, bad files
named while the others load, no per-system figures below five participants, PNG and PDF."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from checks.engine.model import Status
from checks.workshop.summary import CATEGORIES, Summary
from tests.desktop_support import desktop_env_fixture  # noqa: F401 - fixture

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "workshop"
BAD = ("summary-extra-field.json", "summary-future-version.json", "summary-truncated.json")
CHECKS = ("disk-encryption", "os-supported", "firewall", "screen-lock", "secure-boot")
STATUSES = (Status.PASS, Status.ATTENTION, Status.FAIL, Status.UNKNOWN,
            Status.NOT_APPLICABLE, Status.ERROR)
EXPECTED_CATEGORY = {Status.PASS: "pass", Status.ATTENTION: "attention", Status.FAIL: "fail",
                     Status.UNKNOWN: "unknown", Status.NOT_APPLICABLE: "other",
                     Status.ERROR: "other"}


def _room(n: int, seed: int = 7) -> list[Summary]:
    """n participants: 18 Windows, 8 macOS, 4 Linux for 30; each check missing now and then."""
    rnd = random.Random(seed)
    oses = (["windows"] * 18 + ["macos"] * 8 + ["linux"] * 4)[:n]
    out = []
    for i, os in enumerate(oses):
        checks = tuple((cid, rnd.choice(STATUSES)) for cid in CHECKS if rnd.random() > 0.1)
        out.append(Summary(os, "0.1.0", f"{i + 1:08x}", checks))
    return out


def _expected(room: list[Summary], os: str | None = None) -> dict[str, dict[str, int]]:
    out = {cid: dict.fromkeys(CATEGORIES, 0) for cid in CHECKS}
    for s in room:
        if os is not None and s.os != os:
            continue
        got = dict(s.checks)
        for cid in CHECKS:
            out[cid][EXPECTED_CATEGORY[got[cid]] if cid in got else "other"] += 1
    return out


@pytest.fixture
def dashboard(qtbot, desktop_env):
    from desktop.workshop.dashboard import TrainerDashboard

    d = TrainerDashboard()
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def test_thirty_summaries_with_duplicates_and_three_bad_files(dashboard, tmp_path):
    room = _room(30)
    folder = tmp_path / "usb-stick"
    folder.mkdir()
    paths = []
    for i, s in enumerate(room[:27]):  # 27 as files...
        p = folder / f"participant-{i + 1:02d}.json"
        p.write_bytes(s.file_bytes())
        paths.append(p)
    # ...two copied twice onto the stick (same random code: count once)...
    for i in (3, 11):
        copy = folder / f"participant-{i + 1:02d} (copy).json"
        shutil.copy(paths[i], copy)
        paths.append(copy)
    # ...and three bad files among them.
    for name in BAD:
        shutil.copy(FIXTURES / name, folder / name)
        paths.append(folder / name)
    added = dashboard.load_files(sorted(paths))
    assert added == 27
    # The last three participants read out their codes; one reads hers out twice, and one
    # participant who already saved a file also reads out the code of that same share.
    for s in room[27:]:
        assert dashboard.add_code(s.typed_code())
    assert not dashboard.add_code(room[29].typed_code().lower())
    assert not dashboard.add_code(room[0].typed_code())

    c = dashboard.collection
    assert len(c) == 30
    assert len(c.duplicates) == 4
    assert dashboard.counts() == _expected(room)
    for cid in CHECKS:  # every bar is as long as the room
        assert sum(dashboard.counts()[cid].values()) == 30
    # The bad files are named, with the reason, and did not stop the others.
    problems = dashboard.problem_texts()
    assert len(problems) == 3
    for name, reason in zip(BAD, ("hostname", "newer version", "damaged"), strict=True):
        assert any(name in p and reason in p for p in problems), (name, problems)
    assert dashboard.problems.isVisible() and dashboard.problems.count() == 3
    assert "30 participants" in dashboard.count_label.text()
    assert "4 duplicates counted once" in dashboard.count_label.text()
    assert "3 not used" in dashboard.count_label.text()
    # The chart shows one bar per check with those counts.
    data = dashboard.chart.data()
    assert data is not None and data.total == 30
    assert [r.label for r in data.rows] == ["Disk encryption", "Operating system still supported",
                                            "Firewall", "Screen lock", "Secure Boot"]
    assert [dict(r.counts) for r in data.rows] == [_expected(room)[cid] for cid in CHECKS]
    # Per system: Windows (18) on its own; Linux (4) never singled out, and neither is macOS
    # (8), or everyone minus Windows minus macOS would be the four Linux users' results.
    assert dashboard.os_choice.isVisible()
    offered = [dashboard.os_choice.itemData(i) for i in range(dashboard.os_choice.count())]
    assert offered == ["", "windows"]
    text = dashboard.os_label.text()
    assert "Linux" in text and "fewer than five" in text
    assert "worked out by subtraction: macOS." in text
    dashboard.os_choice.setCurrentIndex(1)
    data = dashboard.chart.data()
    assert data is not None and data.total == 18
    assert [dict(r.counts) for r in data.rows] == [_expected(room, "windows")[cid]
                                                   for cid in CHECKS]


def test_fewer_than_five_participants_show_no_per_system_breakdown(dashboard):
    room = _room(4)
    for s in room:
        dashboard.add_code(s.typed_code())
    assert len(dashboard.collection) == 4
    assert not dashboard.os_choice.isVisible()
    assert dashboard.os_choice.count() == 1  # "Everyone" only
    assert "five participants" in dashboard.os_label.text()
    assert "Windows: 4" not in dashboard.os_label.text()
    dashboard.add_code(Summary("linux", "0.1.0", "0000ffff", ()).typed_code())  # a fifth
    assert dashboard.collection.per_os_allowed
    assert dashboard.os_choice.isVisible()
    # five in all, but four Windows users and one Linux user are too few to be shown alone
    assert [dashboard.os_choice.itemData(i) for i in range(dashboard.os_choice.count())] == [""]
    assert "Windows, Linux" in dashboard.os_label.text()


def test_a_typo_in_a_typed_code_is_refused_and_says_so(qtbot, dashboard):
    from PySide6.QtCore import Qt

    s = _room(1)[0]
    code = s.typed_code()
    typo = code[:6] + ("A" if code[6] != "A" else "B") + code[7:]
    qtbot.keyClicks(dashboard.code_edit, typo)
    qtbot.keyClick(dashboard.code_edit, Qt.Key.Key_Return)
    assert "mistyped" in dashboard.message.text()
    assert dashboard.code_edit.text() == typo  # left in the field, to be corrected
    assert len(dashboard.collection) == 0
    dashboard.code_edit.clear()
    qtbot.keyClicks(dashboard.code_edit, code.replace("-", " ").lower())
    qtbot.keyClick(dashboard.code_edit, Qt.Key.Key_Return)
    assert dashboard.message.text() == "Code added."
    assert dashboard.code_edit.text() == ""
    assert len(dashboard.collection) == 1


def test_chart_exports_as_png_and_pdf(dashboard, tmp_path):
    for s in _room(12):
        dashboard.add_code(s.typed_code())
    png = dashboard.export_png(str(tmp_path / "chart.png"))
    assert png is not None
    img = QImage(png)
    assert not img.isNull() and img.width() >= 800 and img.height() > 200
    pdf = dashboard.export_pdf(str(tmp_path / "report.pdf"))
    assert pdf is not None
    data = Path(pdf).read_bytes()
    assert data.startswith(b"%PDF-")
    # everyone, then Windows (9 of 12); macOS (3) is too small to be shown on its own
    assert len(re.findall(rb"/Type\s*/Page(?!s)", data)) == 2


def test_nothing_is_written_until_the_trainer_exports(dashboard, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for s in _room(6):
        dashboard.add_code(s.typed_code())
    dashboard.close()
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == []


@pytest.mark.parametrize(("room", "shown"), [
    ({"windows": 5, "macos": 1}, []),  # Everyone - Windows = the one Mac user
    ({"windows": 18, "macos": 8, "linux": 1}, ["windows"]),
    ({"windows": 10, "macos": 5, "linux": 5}, ["windows", "macos", "linux"]),
    ({"windows": 6, "macos": 5, "linux": 2}, ["windows"]),  # 5 + 2 held back together
    ({"linux": 7}, ["linux"]),  # the group is everyone: nothing to subtract
])
def test_no_group_under_five_can_be_worked_out_by_subtraction(dashboard, room, shown):
    i = 0
    for os, n in room.items():
        for _ in range(n):
            i += 1
            assert dashboard.add_code(Summary(os, "0.1.0", f"{i:08x}", ()).typed_code())
    c = dashboard.collection
    assert c.os_groups_shown() == shown
    offered = [dashboard.os_choice.itemData(i) for i in range(dashboard.os_choice.count())]
    assert offered == ["", *shown]
    hidden = len(c) - sum(room[os] for os in shown)
    assert hidden == 0 or hidden >= 5
