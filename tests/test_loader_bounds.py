"""Loaders refuse, never crash (issue 17, item 5): snapshots, settings, summary files and data
files, each given the extreme values an adversary or a damaged disk produces — nesting
10 000 deep, a 5 000-digit integer, dates in year 9999 and year 1, a text larger than any
real one, NaN and Infinity, a field named twice, a byte-order mark or UTF-16 — and each
answers with one clear line (or, for settings, defaults and the notice), never a traceback.

Every input here is synthetic, built in the test from tests/engine_support.snapshot or from a
copy of a shipped data file.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checks.cli import main
from checks.engine import datafile
from checks.engine.bounded_json import MAX_DEPTH, JsonLimit, loads
from checks.engine.datafile import DataError, load_data
from checks.engine.snapshot import MAX_SNAPSHOT_TEXT, Snapshot, SnapshotError
from tests.desktop_support import desktop_env_fixture  # noqa: F401 - fixture
from tests.engine_support import snapshot

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "resources" / "data"
DEEP = "[" * 10_000 + "]" * 10_000
HUGE_INT = "9" * 5000


# -- snapshots ------------------------------------------------------------------------------

def _base() -> tuple[dict[str, Any], str]:
    snap = snapshot(["disk-encryption"],
                    stats={"/etc/crypttab": {"mode": 0o100644, "size": 10, "mtime": 1.7e9,
                                             "uid": 0}},
                    commands=[{"argv": ["lsblk", "--json"], "stdout": "STDOUT"}])
    data = snap.to_json()
    return data, json.dumps(data, indent=1)


def _recorded_at(text: str, when: str) -> str:
    data, _ = _base()
    return text.replace(json.dumps(data["recorded_at"]), json.dumps(when))


def _mtime(text: str, value: str) -> str:
    return text.replace('"mtime": 1700000000.0', f'"mtime": {value}')


# name -> (the base snapshot's text -> the hostile file's bytes, words the one line says)
HOSTILE: dict[str, tuple[Callable[[str], bytes | str], str]] = {
    "nested-10000": (lambda t: t.replace('"STDOUT"', DEEP), "nested more than"),
    "nested-in-meta": (lambda t: t.replace('"origin": "synthetic"', f'"origin": {DEEP}'),
                       "nested more than"),
    "integer-5000-digits": (lambda t: t.replace('"size": 10', f'"size": {HUGE_INT}'),
                            "5000 digits"),
    "negative-integer-5000-digits": (lambda t: t.replace('"returncode": 0',
                                                         f'"returncode": -{HUGE_INT}'),
                                     "digits"),
    "float-5000-digits": (lambda t: t.replace('"size": 10', f'"size": 0.{HUGE_INT}'),
                          "characters"),
    "recorded-year-9999": (lambda t: _recorded_at(t, "9999-12-31T23:59:59+00:00"),
                           "recorded_at"),
    "recorded-year-9999-west": (lambda t: _recorded_at(t, "9999-12-31T23:59:59-05:00"),
                                "recorded_at"),
    "recorded-year-1": (lambda t: _recorded_at(t, "0001-01-01T00:00:00+00:00"),
                        "recorded_at"),
    "recorded-year-1-east": (lambda t: _recorded_at(t, "0001-01-01T00:00:00+05:00"),
                             "recorded_at"),
    "recorded-naive-year-9999": (lambda t: _recorded_at(t, "9999-12-31T23:59:59"),
                                 "recorded_at"),
    "mtime-year-9999": (lambda t: _mtime(t, "253402300799"), "stats"),
    "mtime-year-1": (lambda t: _mtime(t, "-62135596800"), "stats"),
    "mtime-overflowing-float": (lambda t: _mtime(t, "1e400"), "stats"),
    "mtime-5000-digits": (lambda t: _mtime(t, HUGE_INT), "5000 digits"),
    "huge-text": (lambda t: t.replace('"STDOUT"', '"' + "a" * (MAX_SNAPSHOT_TEXT + 1) + '"'),
                  "characters, more than"),
    "nan": (lambda t: t.replace('"size": 10', '"size": NaN'), "NaN"),
    "infinity": (lambda t: _mtime(t, "Infinity"), "Infinity"),
    "minus-infinity": (lambda t: t.replace('"returncode": 0', '"returncode": -Infinity'),
                       "-Infinity"),
    "format-named-twice": (lambda t: t.replace('"format":', '"format": "other",\n "format":', 1),
                           "twice"),
    "platform-named-twice": (lambda t: t.replace('"platform":', '"platform": {"system": "Linux"},'
                                                 '\n "platform":', 1), "twice"),
    "bom-then-garbage": (lambda t: b"\xef\xbb\xbf{garbage", "not valid JSON"),
    "utf16-garbage": (lambda t: "{garbage".encode("utf-16"), "not valid JSON"),
    "utf16-nested": (lambda t: t.replace('"STDOUT"', DEEP).encode("utf-16"),
                     "nested more than"),
    "bom-utf16-cut": (lambda t: t.encode("utf-16")[:-3], "not valid JSON"),
    "latin1": (lambda t: t.replace('"STDOUT"', '"caf\u00e9"').encode("latin-1"),
               "not valid JSON"),
}


def _write(tmp_path: Path, name: str, content: bytes | str) -> Path:
    path = tmp_path / f"{name}.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_snapshot_is_refused_with_one_clear_line(name: str, tmp_path: Path) -> None:
    make, words = HOSTILE[name]
    path = _write(tmp_path, name, make(_base()[1]))
    with pytest.raises(SnapshotError) as caught:
        Snapshot.load(path)
    line = str(caught.value)
    assert words in line, line
    assert "\n" not in line and len(line) < 400, line


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_checkup_scan_replay_prints_one_line_and_exits_2(
        name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make, words = HOSTILE[name]
    path = _write(tmp_path, name, make(_base()[1]))
    assert main(["scan", "--replay", str(path)]) == 2  # EXIT_USAGE: unusable input
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("checkup: this file cannot be used as a recorded machine")
    assert words in lines[0]
    assert "Traceback" not in captured.err and captured.out == ""
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in lines[0])


def test_a_field_name_named_twice_is_shown_escaped_and_cut(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    """The name repeated is the adversary's text: it reaches the line cut short, with its
    controls and direction marks escaped."""
    key = "\x1b[2J\u202e" + "k" * 500
    text = _base()[1].replace('"meta": {', f'"meta": {{{json.dumps(key)}: 1, '
                                           f'{json.dumps(key)}: 2, ', 1)
    path = _write(tmp_path, "twice", text)
    assert main(["scan", "--replay", str(path)]) == 2
    err = capsys.readouterr().err
    assert "twice" in err and "\x1b" not in err and "\u202e" not in err
    assert len(err) < 400


@pytest.mark.parametrize("encode", [
    lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    lambda t: t.encode("utf-16"),
    lambda t: t.encode("utf-16-le"),
    lambda t: t.encode("utf-32"),
], ids=["utf8-bom", "utf16-bom", "utf16-le", "utf32"])
def test_a_snapshot_resaved_by_a_windows_editor_still_loads(encode: Callable[[str], bytes],
                                                            tmp_path: Path) -> None:
    """The documented exception (checks/engine/snapshot.py): a byte-order mark or UTF-16/32 is how
    editors on Windows save JSON, so such a snapshot is read as the same snapshot, not
    refused; only what is not JSON once decoded is refused (HOSTILE above)."""
    data, text = _base()
    path = tmp_path / "resaved.json"
    path.write_bytes(encode(text))
    assert Snapshot.load(path).to_json() == data


def test_lone_surrogates_in_a_snapshot_reach_no_output_as_a_crash(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[
                                                                      str]) -> None:
    r"""JSON may spell half a UTF-16 pair (``\ud800``): Python reads it into a text that
    cannot be encoded. It is loaded, and every output shows it escaped."""
    text = _base()[1].replace('"STDOUT"', '"\\ud800 \\udcff"').replace(
        '"name": "test"', '"name": "x\\ud800"')
    path = _write(tmp_path, "surrogates", text)
    Snapshot.load(path)
    page = tmp_path / "report.html"
    assert main(["scan", "--replay", str(path), "--json", "--html", str(page)]) in (0, 1)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    captured.out.encode("utf-8")  # nothing unencodable reached the output
    page.read_text(encoding="utf-8")


def test_bounded_loads_never_lets_a_python_error_escape() -> None:
    for text in (DEEP, '{"a":' * 5000, f"[{HUGE_INT}]", "[NaN]", '{"a": 1, "a": 1}',
                 "[" + '"x",' * 10 + '"' + "y" * 300 + '"]'):
        with pytest.raises(JsonLimit):
            loads(text, max_bytes=10**6, max_string=200)
    assert loads("[" * MAX_DEPTH + "]" * MAX_DEPTH, max_bytes=1000, max_string=10) is not None


# -- settings -------------------------------------------------------------------------------

SETTINGS_CASES: dict[str, bytes] = {
    "nested": b'{"language": ' + DEEP.encode() + b"}",
    "nested-shallow": b'{"language": {"a": {"b": {"c": {"d": 1}}}}}',
    "huge": b'{"language": "' + b"x" * (1 << 20) + b'"}',
    "huge-integer": b'{"version": ' + HUGE_INT.encode() + b"}",
    "nan": b'{"version": NaN}',
    "named-twice": b'{"language": "es", "language": "ar"}',
    "utf16": '{"language": "es"}'.encode("utf-16"),
}


@pytest.mark.parametrize("name", sorted(SETTINGS_CASES))
def test_a_hostile_settings_file_means_defaults_and_a_reason(name: str, tmp_path: Path) -> None:
    from desktop.settings import Settings, load_settings

    path = tmp_path / "settings.json"
    path.write_bytes(SETTINGS_CASES[name])
    settings, problem = load_settings(path)
    assert settings == Settings()
    assert problem and "\n" not in problem and len(problem) < 400 + len(str(path))


@pytest.mark.parametrize("name", ["nested", "huge"])
def test_the_window_starts_with_defaults_and_the_notice(name: str, qtbot: Any,
                                                        desktop_env: Any) -> None:
    from desktop.main_window import MainWindow
    from desktop.qt_i18n import default_language, set_language
    from desktop.settings import Settings, load_settings, settings_path
    from tests.desktop_support import demo_checks

    path = settings_path()
    assert path is not None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(SETTINGS_CASES[name])
    settings, problem = load_settings()
    assert settings == Settings() and problem
    set_language(default_language(settings.language))
    w = MainWindow(settings, problem, checks_provider=demo_checks)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(w.notice.isVisible)
    assert "could not be read" in w.notice.label.text()
    assert not w.larger_action.isChecked()
    w.controller.shutdown()


# -- a trainer's batch of summary files -----------------------------------------------------

def _summary(code: str) -> bytes:
    from checks.engine.model import Status
    from checks.workshop.summary import Summary

    return Summary("linux", "0.1.0", code, (("disk-encryption", Status.PASS),)).file_bytes()


BAD_SUMMARIES = {
    "nested.json": lambda good: good.replace(b'"pass"', DEEP.encode()),
    "deep-object.json": lambda good: b'{"a":' * 4000 + b"1" + b"}" * 4000,
    "huge-number.json": lambda good: good.replace(b'"version": 1', b'"version": ' +
                                                  HUGE_INT.encode()),
    "named-twice.json": lambda good: good.replace(b'"os":', b'"os": "macos", "os":'),
    "nan.json": lambda good: good.replace(b'"version": 1', b'"version": NaN'),
    "binary.json": lambda good: b"\x00\xff\xfe" + good,
    "too-large.json": lambda good: good + b" " * (17 * 1024),
    "strange-field.json": lambda good: good.replace(
        b'"os":', json.dumps("\x1b[2J\u202e" + "f" * 5000).encode() + b': 1, "os":'),
}


def test_one_bad_summary_file_is_named_and_the_others_load(qtbot: Any, desktop_env: Any,
                                                           tmp_path: Path) -> None:
    from desktop.workshop.dashboard import TrainerDashboard

    folder = tmp_path / "usb"
    folder.mkdir()
    good = [folder / f"participant-{i}.json" for i in range(3)]
    for i, path in enumerate(good):
        path.write_bytes(_summary(f"{i + 1:08x}"))
    template = _summary("0000000f")
    assert b'"version": 1' in template and b'"pass"' in template and b'"os":' in template
    bad = []
    for name, make in BAD_SUMMARIES.items():
        path = folder / name
        path.write_bytes(make(template))
        bad.append(path)
    (folder / "a-folder.json").mkdir()
    bad.append(folder / "a-folder.json")
    d = TrainerDashboard()
    qtbot.addWidget(d)
    d.show()
    paths = [good[0], *bad[:4], good[1], *bad[4:], good[2]]
    assert d.load_files(paths) == 3
    assert len(d.collection) == 3
    problems = d.problem_texts()
    assert len(problems) == len(bad), problems
    for path, text in zip(bad, problems, strict=True):
        assert path.name in text, (path.name, text)
    assert all("\x1b" not in p and "\u202e" not in p and len(p) < 600 for p in problems)
    assert d.problems.count() == len(bad) and d.problems.isVisible()


# -- data files -----------------------------------------------------------------------------

def _data_variant(name: str, change: Callable[[str], str], tmp_path: Path,
                  monkeypatch: pytest.MonkeyPatch) -> str:
    folder = tmp_path / "data"
    folder.mkdir()
    for path in DATA.glob("*.json"):
        shutil.copy(path, folder / path.name)
    target = folder / f"{name}.json"
    target.write_text(change(target.read_text(encoding="utf-8")), encoding="utf-8")

    def resource_path(*parts: str) -> Path:
        assert parts[0] == "data"
        return folder.joinpath(*parts[1:])

    monkeypatch.setattr(datafile, "resource_path", resource_path)
    monkeypatch.setattr(datafile, "_cache", {})
    return name


def _entry_date(text: str, day: str) -> str:
    """The first date of an entry (not the file's 'gathered') set to ``day``."""
    data = json.loads(text)
    for entry in data["entries"]:
        for key, value in entry.items():
            if isinstance(value, str) and len(value) == 10 and value[4] == "-":
                entry[key] = day
                return json.dumps(data)
    raise AssertionError("no dated entry")


DATA_CASES: dict[str, Callable[[str], str]] = {
    "nested": lambda t: t.replace('"entries": [', '"deep": ' + DEEP + ', "entries": [', 1),
    "huge-version": lambda t: t.replace('"version": 1', '"version": ' + HUGE_INT, 1),
    "gathered-9999": lambda t: json.dumps({**json.loads(t), "gathered": "9999-12-31"}),
    "gathered-0001": lambda t: json.dumps({**json.loads(t), "gathered": "0001-01-01"}),
    "entry-date-9999": lambda t: _entry_date(t, "9999-12-31"),
    "entry-date-0001": lambda t: _entry_date(t, "0001-01-01"),
    "huge-text": lambda t: t.replace('"entries": [', '"notes": "' + "x" * (65 * 1024)
                                     + '", "entries": [', 1),
    "nan": lambda t: t.replace('"version": 1', '"version": NaN', 1),
    "named-twice": lambda t: t.replace('"version": 1', '"version": 1, "version": 1', 1),
    "not-utf8": lambda t: t,  # the bytes are changed in the test: an \xff in a text
}


@pytest.mark.parametrize("case", sorted(DATA_CASES))
def test_a_data_file_out_of_bounds_is_a_data_error(case: str, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    change = DATA_CASES[case]
    if case == "not-utf8":
        folder = tmp_path / "data"
        _data_variant("os-support", lambda t: t, tmp_path, monkeypatch)
        raw = (folder / "os-support.json").read_bytes()
        (folder / "os-support.json").write_bytes(raw.replace(b'"entries": [',
                                                             b'"x": "\xff", "entries": [', 1))
    else:
        _data_variant("os-support", change, tmp_path, monkeypatch)
    from checks.catalog.os_supported.data import load_support

    with pytest.raises(DataError) as caught:
        load_support()
    line = str(caught.value)
    assert "os-support" in line and "\n" not in line and len(line) < 400, line


@pytest.mark.parametrize("case", ["nested", "entry-date-9999", "gathered-0001"])
def test_the_check_over_a_bad_data_file_says_unknown(case: str, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The check that reads the file answers "unknown" with the reason: never a crash, never
    a verdict from half a file."""
    from checks.engine.model import Status
    from checks.engine.registry import Scan, get_check
    from checks.engine.runner import run_check
    from checks.engine.snapshot import ReplayHost

    _data_variant("os-support", DATA_CASES[case], tmp_path, monkeypatch)
    snap = Snapshot.load(ROOT / "tests" / "fixtures" / "os_supported" / _an_os_fixture())
    check = get_check("os-supported")
    assert check is not None
    finding = run_check(check, Scan(ReplayHost(snap)))
    assert finding.status is Status.UNKNOWN, finding
    assert any("os-support" in e.text for e in finding.evidence)


def _an_os_fixture() -> str:
    folder = ROOT / "tests" / "fixtures" / "os_supported"
    for path in sorted(folder.glob("*.json")):
        try:
            snap = Snapshot.load(path)
        except SnapshotError:
            continue
        if "os-supported" in snap.checks:
            return path.name
    raise AssertionError("no os-supported fixture")


def test_every_shipped_data_file_loads_within_the_bounds() -> None:
    for path in sorted(DATA.glob("*.json")):
        data = datafile.read_json(path)
        assert data["schema"] == path.stem
        load_data(path.stem, max_version=99)
