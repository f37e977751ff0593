"""The command line: commands, exit status, one-line errors, and no Qt needed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checks.cli import main
from checks.engine.i18n import msg
from checks.engine.model import Evidence, Finding, Severity, Status
from checks.engine.registry import get_check
from tests.engine_support import extra_checks, make_check, snapshot

ROOT = Path(__file__).resolve().parent.parent
MALFORMED = sorted((ROOT / "tests" / "fixtures" / "engine" / "malformed").iterdir())

# An import hook that makes Qt unimportable, as on a machine too old for Qt's wheels.
NO_QT = """
import sys
class _NoQt:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6'):
            raise ImportError(f"No module named {name!r} (blocked by the test)", name=name)
        return None
sys.meta_path.insert(0, _NoQt())
"""


def run_cli(*args: str, no_qt: bool = False, env: dict[str, str] | None = None,
            cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    code = (NO_QT if no_qt else "import sys\n") + (
        "from checks.cli import main\n"
        "rc = main(sys.argv[1:])\n"
        "if any(m.split('.')[0] in ('PySide6', 'shiboken6') for m in sys.modules):\n"
        "    print('QT-LOADED', file=sys.stderr)\n"
        "sys.exit(rc)\n"
    )
    full_env = dict(os.environ)
    full_env["PYTHONPATH"] = str(ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=full_env, cwd=cwd or ROOT, timeout=timeout, check=False)


def _stderr_lines(proc: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in proc.stderr.splitlines() if line.strip()]


def test_import_checks_cli_without_qt() -> None:
    code = NO_QT + "import checks.cli, checks.reports.report, checks.engine.runner, checks.engine.registry\n" \
        "checks.engine.registry.all_checks()\nprint('ok')\n"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          check=False, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


def test_a_full_scan_prints_json_with_context_and_findings_and_loads_no_qt() -> None:
    """Qt is installed here, so any import of it anywhere in a full scan shows up."""
    proc = run_cli("scan", "--json")
    assert proc.returncode in (0, 1), proc.stderr
    assert "QT-LOADED" not in proc.stderr and "Traceback" not in proc.stderr
    data = json.loads(proc.stdout)
    assert data["format"] == "checkup-report"
    assert data["context"]["kind"] in ("physical", "virtual_machine", "container", "wsl",
                                       "unknown")
    assert data["platform"]["family"] == "linux"
    ids = {f["check_id"] for f in data["findings"]}
    if get_check("disk-encryption") is not None:
        assert "disk-encryption" in ids
        de = next(f for f in data["findings"] if f["check_id"] == "disk-encryption")
        assert de["evidence"], "the disk-encryption finding shows its evidence"
    failed = any(f["status"] == "fail" for f in data["findings"])
    assert proc.returncode == (1 if failed else 0)


# One check is enough where the test is about the command, not the catalogue (a full live
# scan takes seconds: some package managers are slow even offline).
ONE = ("--only", "disk-encryption") if get_check("disk-encryption") else ()


def test_a_scan_runs_where_qt_cannot_be_imported() -> None:
    proc = run_cli("scan", *ONE, no_qt=True)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Checkup report" in proc.stdout and "Scanned system:" in proc.stdout
    proc = run_cli("scan", "--json", *ONE, no_qt=True)
    assert proc.returncode in (0, 1), proc.stderr
    assert [f["check_id"] for f in json.loads(proc.stdout)["findings"]] == list(ONE[1:])


def test_no_arguments_without_qt_says_the_window_needs_pyside6() -> None:
    proc = run_cli(no_qt=True)
    assert proc.returncode == 2
    lines = _stderr_lines(proc)
    assert len(lines) == 1 and "PySide6" in lines[0] and "checkup scan" in lines[0]
    assert "Traceback" not in proc.stderr


def _main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, list[str]]:
    """The command in this process (a process per case costs half a second of start-up)."""
    rc = main(list(args))
    out, err = capsys.readouterr()
    return rc, out, [line for line in err.splitlines() if line.strip()]


@pytest.mark.parametrize("path", MALFORMED, ids=[p.name for p in MALFORMED])
def test_an_unusable_snapshot_gives_exit_2_and_one_line(
        path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = _main(capsys, "scan", "--replay", str(path))
    assert rc == 2
    assert len(err) == 1, err
    assert err[0].startswith("checkup: ")
    assert out == ""


def test_an_unusable_snapshot_is_one_line_from_the_real_command_too() -> None:
    proc = run_cli("scan", "--replay", str(MALFORMED[0]))
    assert proc.returncode == 2
    assert len(_stderr_lines(proc)) == 1 and "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_a_missing_snapshot_file_gives_exit_2_and_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, _out, err = _main(capsys, "scan", "--replay", str(tmp_path / "nope.json"))
    assert rc == 2 and len(err) == 1


@pytest.mark.parametrize("args", [
    ("scan", "--only", "no-such-check"),
    ("scan", "--only", ","),
    ("scan", "--bogus"),
    ("scan", "--lang", "xx"),
    ("record",),
    ("frobnicate",),
])
def test_bad_usage_gives_exit_2_and_one_line(args: tuple[str, ...],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(list(args)) == 2
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(err) == 1, err


def test_usage_errors_speak_the_readers_language(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "report.html").write_text("earlier report", encoding="utf-8")
    target = str(tmp_path / "report.html")
    expected = {
        "en": "already exists; choose another name",
        "es": "ya existe; elige otro nombre",
        "ar": "موجود من قبل",
    }
    for lang, words in expected.items():
        assert main(["scan", "--lang", lang, "--only", "disk-encryption",
                     "--html", target]) == 2
        err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
        assert len(err) == 1 and words in err[0] and target in err[0], (lang, err)
    assert (tmp_path / "report.html").read_text(encoding="utf-8") == "earlier report"
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert main(["scan", "--lang", "es", "--replay", str(bad)]) == 2
    bad_err = capsys.readouterr().err
    assert "no se puede usar como equipo grabado" in bad_err and "Traceback" not in bad_err


def _verdict(status: Status) -> Finding:
    return Finding(status, msg("Verdict {s}", s=status.value), severity=(
        Severity.HIGH if status is Status.FAIL else None),
        evidence=[Evidence("probe", status.value)])


def _write_snapshot(path: Path, ids: list[str]) -> Path:
    snapshot(ids, meta={"name": "cli test"}).dump(path)
    return path


def test_exit_status_follows_the_findings(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    good = make_check("t-good", lambda s: _verdict(Status.PASS))
    unsure = make_check("t-unsure", lambda s: _verdict(Status.UNKNOWN))
    bad = make_check("t-bad", lambda s: _verdict(Status.FAIL))
    snap = _write_snapshot(tmp_path / "s.json", ["t-good", "t-unsure", "t-bad"])
    with extra_checks(good, unsure, bad):
        assert main(["scan", "--replay", str(snap), "--only", "t-good,t-unsure"]) == 0
        out = capsys.readouterr().out
        assert "Verdict pass" in out and "Verdict unknown" in out
        assert main(["scan", "--replay", str(snap)]) == 1
        out = capsys.readouterr().out
        assert out.index("Verdict fail") < out.index("Verdict unknown") < out.index(
            "Verdict pass")  # most urgent first
        assert "A demonstration snapshot, “cli test”" in out


def test_scan_json_and_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = make_check("t-bad", lambda s: _verdict(Status.FAIL))
    snap = _write_snapshot(tmp_path / "s.json", ["t-bad"])
    page = tmp_path / "report.html"
    with extra_checks(bad):
        assert main(["scan", "--replay", str(snap), "--json", "--html", str(page)]) == 1
        captured = capsys.readouterr()
        data = json.loads(captured.out)
        assert data["findings"][0]["check_id"] == "t-bad"
        assert data["scan"]["source"]["kind"] == "snapshot"
        assert "Report saved to" in captured.err  # stdout stays pure JSON
        html = page.read_text(encoding="utf-8")
        assert html.startswith("<!DOCTYPE html>") and "Verdict fail" in html
        # an existing file is never replaced without --force
        assert main(["scan", "--replay", str(snap), "--html", str(page)]) == 2
        assert "already exists" in capsys.readouterr().err
        assert main(["scan", "--replay", str(snap), "--html", str(page), "--force"]) == 1


def test_scan_in_another_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = make_check("t-good", lambda s: _verdict(Status.PASS))
    snap = _write_snapshot(tmp_path / "s.json", ["t-good"])
    with extra_checks(good):
        assert main(["scan", "--replay", str(snap), "--lang", "qps"]) == 0
        out = capsys.readouterr().out
        assert "⟦" in out
        assert main(["scan", "--replay", str(snap), "--lang", "es"]) == 0
        assert "Informe de Checkup" in capsys.readouterr().out


def test_list_shows_ids_titles_and_platforms(capsys: pytest.CaptureFixture[str]) -> None:
    with extra_checks(make_check("t-listed", lambda s: _verdict(Status.PASS),
                                 title="Listed check", platforms={"linux", "macos"})):
        assert main(["list"]) == 0
        out = capsys.readouterr().out
        line = next(x for x in out.splitlines() if x.startswith("t-listed"))
        assert "Listed check" in line and line.rstrip().endswith("linux, macos")
        assert main(["list", "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert {"id": "t-listed", "title": "Listed check",
                "platforms": ["linux", "macos"]} in data
    if get_check("disk-encryption") is not None:
        assert main(["list"]) == 0
        assert "disk-encryption" in capsys.readouterr().out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("Checkup ")


def test_record_writes_only_the_file_asked_for_and_says_what_it_replaced(
        tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "machine.json"
    proc = run_cli("record", str(target), *ONE, cwd=out_dir)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out_dir.iterdir()) == ["machine.json"]
    assert "Snapshot of" in proc.stdout and str(target) in proc.stdout
    # as root (this suite may run so) the person's names are not known: then only the
    # caution, never "nothing identifying" (issue 17)
    assert ("Replaced with placeholders before saving:" in proc.stdout
            or "Nothing identifying was found to replace." in proc.stdout
            or "could not tell which user name" in proc.stdout)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "checkup-snapshot" and data["meta"]["origin"] == "recorded"
    assert "redacted" in data["meta"]
    # never overwrite without --force
    again = run_cli("record", str(target), *ONE)
    assert again.returncode == 2 and len(_stderr_lines(again)) == 1
    # replaying it gives the same verdicts as scanning live
    live = json.loads(run_cli("scan", "--json", *ONE).stdout)
    replayed = json.loads(run_cli("scan", "--json", "--replay", str(target), *ONE).stdout)
    assert [(f["check_id"], f["status"]) for f in replayed["findings"]] == [
        (f["check_id"], f["status"]) for f in live["findings"]]
    assert replayed["context"]["kind"] == live["context"]["kind"]


def test_record_only_some_checks_and_without_redaction(tmp_path: Path) -> None:
    if get_check("disk-encryption") is None:
        pytest.skip("the disk-encryption check is not in the catalogue yet")
    target = tmp_path / "de.json"
    proc = run_cli("record", str(target), "--only", "disk-encryption", "--no-redact")
    assert proc.returncode == 0, proc.stderr
    assert "Not redacted" in proc.stdout
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["checks"] == ["disk-encryption"]
    assert "redacted" not in data["meta"]


def test_record_into_a_folder_or_unwritable_place_is_one_line(tmp_path: Path) -> None:
    proc = run_cli("record", str(tmp_path))
    assert proc.returncode == 2 and "folder" in proc.stderr and len(_stderr_lines(proc)) == 1
    proc = run_cli("record", str(tmp_path / "no" / "such" / "dir" / "x.json"))
    assert proc.returncode == 2 and len(_stderr_lines(proc)) == 1
    assert "does not exist" in proc.stderr


def test_stdout_that_cannot_show_symbols_gets_plain_ones(tmp_path: Path) -> None:
    good = tmp_path / "s.json"
    snapshot(["x"]).dump(good)
    proc = run_cli("scan", "--replay", str(good), env={"PYTHONIOENCODING": "ascii"})
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr


def test_text_output_points_to_the_fix_steps_when_something_needs_action(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = make_check("t-bad", lambda s: _verdict(Status.FAIL))
    good = make_check("t-good", lambda s: _verdict(Status.PASS))
    snap = _write_snapshot(tmp_path / "s.json", ["t-bad", "t-good"])
    with extra_checks(bad, good):
        assert main(["scan", "--replay", str(snap)]) == 1
        assert "checkup scan --html report.html" in capsys.readouterr().out
        assert main(["scan", "--replay", str(snap), "--only", "t-good"]) == 0
        assert "--html" not in capsys.readouterr().out


def test_an_unwritable_report_target_is_refused_before_scanning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ran: list[str] = []

    def tracked(scan: object) -> Finding:
        ran.append("ran")
        return _verdict(Status.PASS)

    snap = _write_snapshot(tmp_path / "s.json", ["t-tracked"])
    with extra_checks(make_check("t-tracked", tracked)):
        code = main(["scan", "--replay", str(snap), "--html", str(tmp_path / "no" / "r.html")])
    assert code == 2 and ran == []
    assert "does not exist" in capsys.readouterr().err
