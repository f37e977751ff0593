"""What the bundle holds, checked without building it: packaging/checkup.spec evaluated with
stand-ins for PyInstaller's classes on each system, the kept languages, the libraries left to
the system, reproducible archives, and a smoke test that runs both programs."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tarfile
import types
import zipfile
from pathlib import Path
from typing import Any

import pytest

import checks.engine.i18n
import checks.privacy.appdirs
import tools.bundle_layout as layout
from checks.engine.i18n import LANGUAGES, translator
from checks.engine.resources import resource_path
from checks.engine.runner import run_scan
from checks.engine.snapshot import ReplayHost, Snapshot
from checks.reports.report import report_text

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "checkup.spec"


# -- the spec, evaluated ----------------------------------------------------------------------
class _Analysis:
    def __init__(self, scripts: list[str], datas: list[tuple[str, str]], **_: Any) -> None:
        self.scripts = [("script", s, "PYSOURCE") for s in scripts]
        self.pure: list[Any] = []
        self.binaries: list[tuple[str, str, str]] = []
        self.datas = []
        for src, dest in datas:  # a folder expands to its files, as PyInstaller's Tree does
            for f in sorted(Path(src).rglob("*")):
                if f.is_file():
                    rel = f"{dest}/{f.relative_to(src).as_posix()}"
                    self.datas.append((rel, str(f), "DATA"))


def evaluate_spec(platform: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Run checkup.spec as PyInstaller would on ``platform``, recording what it asks for:
    the programs (in order), every path the folder would hold, the app bundle."""
    made: dict[str, Any] = {"programs": [], "paths": [], "bundle": None}
    exe_suffix = ".exe" if platform == "win32" else ""

    class Exe:
        def __init__(self, *_: Any, name: str, **kw: Any) -> None:
            self.name = name + exe_suffix
            self.kw = kw
            made["programs"].append(self)

    class Collect:
        def __init__(self, *parts: Any, name: str, **_: Any) -> None:
            self.name = name
            for part in parts:
                if isinstance(part, Exe):
                    made["paths"].append(part.name)
                else:
                    made["paths"].extend(f"_internal/{entry[0]}" for entry in part)

    def bundle(coll: Collect, name: str, **kw: Any) -> None:
        made["bundle"] = {"name": name, "collect": coll, **kw}

    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda name: []  # type: ignore[attr-defined]
    for mod in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, mod, types.ModuleType(mod))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setattr(sys, "platform", platform)
    namespace = {"SPECPATH": str(SPEC.parent), "Analysis": _Analysis, "EXE": Exe,
                 "PYZ": lambda *a, **k: None, "COLLECT": Collect, "BUNDLE": bundle,
                 "__file__": str(SPEC)}
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)  # noqa: S102
    return made


@pytest.mark.parametrize("platform", ["win32", "darwin", "linux"])
def test_no_two_files_of_the_bundle_differ_only_by_case(
        platform: str, monkeypatch: pytest.MonkeyPatch) -> None:
    made = evaluate_spec(platform, monkeypatch)
    assert len(made["paths"]) > 100  # the programs and every resource file
    assert layout.case_collisions(made["paths"]) == []


@pytest.mark.parametrize("platform", ["win32", "darwin", "linux"])
def test_two_programs_with_one_name_each_on_every_system(
        platform: str, monkeypatch: pytest.MonkeyPatch) -> None:
    made = evaluate_spec(platform, monkeypatch)
    names = [p.name for p in made["programs"]]
    suffix = ".exe" if platform == "win32" else ""
    assert names == [f"checkup-window{suffix}", f"checkup{suffix}"]
    consoles = {p.name: p.kw["console"] for p in made["programs"]}
    assert consoles == {f"checkup-window{suffix}": False, f"checkup{suffix}": True}
    files = layout.program_files(platform)
    assert {Path(f).name for f in files.values()} == set(names)


def test_macos_app_starts_the_window_and_signs_through_pyinstaller(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKUP_CODESIGN_IDENTITY", "Developer ID Application: Test (TEAM)")
    made = evaluate_spec("darwin", monkeypatch)
    assert made["bundle"]["name"] == "Checkup.app"
    assert made["bundle"]["bundle_identifier"] == checks.privacy.appdirs.APP_ID
    # the first program of the folder is the app's main program (CFBundleExecutable)
    assert made["programs"][0].name == "checkup-window"
    for prog in made["programs"]:
        assert prog.kw["codesign_identity"] == "Developer ID Application: Test (TEAM)"
        assert Path(prog.kw["entitlements_file"]).is_file()
    assert "--deep" not in SPEC.read_text(encoding="utf-8")


def test_the_old_layout_would_have_been_caught() -> None:
    assert layout.case_collisions(["Checkup.exe", "checkup.exe", "_internal/x"]) == [
        ("Checkup.exe", "checkup.exe")]
    assert layout.case_collisions(["a/B.txt", "A/b.txt"]) == [("a/B.txt", "A/b.txt")]


def test_the_spec_names_no_language_of_its_own() -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert "from checks.engine.i18n import LANGUAGES" in text
    assert '"es"' not in text and '"ar"' not in text


# -- languages --------------------------------------------------------------------------------
@pytest.mark.parametrize(("code", "parent"), [
    ("es_419", "es"), ("es_MX", "es_419"), ("pt_BR", "pt"), ("zh_Hans", "zh"),
    ("zh_Hant", "root"), ("en_GB", "en_001"), ("es", "root"), ("ar", "root")])
def test_babel_parents(code: str, parent: str) -> None:
    assert layout.babel_parent(code) == parent


@pytest.mark.parametrize("code", ["es_MX", "pt_BR", "zh_Hant_MO", "sr_Latn", "zh_Hans_CN",
                                  "en_GB", *LANGUAGES])
def test_kept_locales_are_exactly_what_babel_reads(code: str) -> None:
    import babel.localedata as localedata

    localedata._cache.clear()  # noqa: SLF001 - which files Babel opened for this locale
    localedata.load(code)
    assert set(localedata._cache) == layout.babel_locales([code])  # noqa: SLF001


def test_kept_data_follows_the_shipped_languages() -> None:
    keep = layout.data_filter(list(LANGUAGES))
    kept = [p for p in ("PySide6/Qt/translations/qtbase_es.qm",
                        "PySide6/Qt/translations/qt_ar.qm", "babel/locale-data/es.dat",
                        "babel/locale-data/root.dat", "babel/locale-data/ar.dat")
            if layout.keep_data(p, keep)]
    assert len(kept) == 5
    for dropped in ("PySide6/Qt/translations/qtbase_fr.qm", "babel/locale-data/fr.dat",
                    "babel/locale-data/es_MX.dat", "resources/translations/engine.pot"):
        assert not layout.keep_data(dropped, keep)
    assert layout.keep_data("resources/translations/es/engine.po", keep)
    future = layout.data_filter(["en", "pt_BR"])
    assert layout.keep_data("babel/locale-data/pt.dat", future)
    assert layout.keep_data("PySide6/Qt/translations/qtbase_pt_BR.qm", future)


# -- libraries --------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "system"), [
    ("libc.so.6", True), ("libstdc++.so.6", True), ("libGL.so.1", True),
    ("libxcb.so.1", True), ("libwayland-client.so.0", True), ("libcups.so.2", True),
    ("ld-linux-x86-64.so.2", True), ("libxcb-icccm.so.4", False),
    ("libgnutls.so.30", False), ("libxkbcommon.so.0", False), ("libQt6Gui.so.6", False)])
def test_libraries_left_to_the_system(name: str, system: bool) -> None:
    assert layout.is_system_library(name) is system


def test_what_only_libcups_needs_is_not_kept() -> None:
    # The CUPS plugin links the system's libcups; GnuTLS is only libcups's need.
    needed = {"plugin.so": ["libQt6PrintSupport.so.6", "libcups.so.2"],
              "qtps": ["libQt6Gui.so.6"], "qtgui": ["libpng16.so.16"], "png": [],
              "gnutls": []}
    libs = {"libQt6PrintSupport.so.6": "qtps", "libQt6Gui.so.6": "qtgui",
            "libpng16.so.16": "png", "libgnutls.so.30": "gnutls"}
    assert layout.closure(["plugin.so"], libs, needed) == {
        "libQt6PrintSupport.so.6", "libQt6Gui.so.6", "libpng16.so.16"}
    assert layout.closure(["plugin.so"], libs, {**needed, "qtgui": None}) is None


def test_ldd_output_is_read() -> None:
    from tools.package import parse_ldd

    out = ("\tlinux-vdso.so.1 (0x00007ffd)\n"
           "\tlibxcb-icccm.so.4 => not found\n"
           "\tlibX11.so.6 => /lib/x86_64-linux-gnu/libX11.so.6 (0x00007f12)\n"
           "\t/lib64/ld-linux-x86-64.so.2 (0x00007f34)\n")
    assert parse_ldd(out) == [("libxcb-icccm.so.4", None),
                              ("libX11.so.6", "/lib/x86_64-linux-gnu/libX11.so.6")]


# -- archives ---------------------------------------------------------------------------------
def _tree(base: Path, stamp: float, umask_mode: int) -> Path:
    bundle = base / "Checkup"
    (bundle / "_internal" / "sub").mkdir(parents=True)
    (bundle / "checkup").write_bytes(b"#!program\n")
    (bundle / "checkup").chmod(0o775 & umask_mode | 0o100)
    (bundle / "_internal" / "sub" / "data.txt").write_text("data")
    (bundle / "_internal" / "sub" / "data.txt").chmod(0o664 & umask_mode)
    os.symlink("sub/data.txt", bundle / "_internal" / "link.txt")
    for p in bundle.rglob("*"):
        os.utime(p, (stamp, stamp), follow_symlinks=False)
    return bundle


@pytest.mark.parametrize("kind", ["tar.gz", "zip"])
def test_archives_do_not_depend_on_times_modes_or_owners(tmp_path: Path, kind: str) -> None:
    from tools.package import write_tar_gz, write_zip

    write = write_tar_gz if kind == "tar.gz" else write_zip
    a = _tree(tmp_path / "a", 1_000_000_000, 0o777)
    b = _tree(tmp_path / "b", 1_700_000_000, 0o755)
    write(a, tmp_path / f"a.{kind}", 1_750_000_000)
    write(b, tmp_path / f"b.{kind}", 1_750_000_000)
    assert (tmp_path / f"a.{kind}").read_bytes() == (tmp_path / f"b.{kind}").read_bytes()
    if kind == "tar.gz":
        raw = (tmp_path / "a.tar.gz").read_bytes()
        assert raw[4:8] == b"\0\0\0\0"  # gzip header: no time
        with tarfile.open(tmp_path / "a.tar.gz") as tar:
            members = tar.getmembers()
        assert [m.name for m in members] == sorted(m.name for m in members)
        modes = {m.name: (m.mode, m.uid, m.gid, m.uname, m.mtime) for m in members}
        assert modes["Checkup/checkup"] == (0o755, 0, 0, "", 1_750_000_000)
        assert modes["Checkup/_internal/sub/data.txt"][0] == 0o644
        assert next(m for m in members if m.name.endswith("link.txt")).issym()
        with gzip.open(tmp_path / "a.tar.gz") as gz:
            assert gz.read(1)
    else:
        with zipfile.ZipFile(tmp_path / "a.zip") as zf:
            infos = zf.infolist()
        assert [i.filename for i in infos] == sorted(i.filename for i in infos)
        assert {i.date_time for i in infos} == {(2025, 6, 15, 15, 6, 40)}


def test_a_different_archive_names_the_member_that_differs(tmp_path: Path) -> None:
    from tools.package import differences, write_tar_gz

    a = _tree(tmp_path / "a", 1, 0o777)
    b = _tree(tmp_path / "b", 1, 0o777)
    (b / "_internal" / "sub" / "data.txt").write_text("other")
    write_tar_gz(a, tmp_path / "a.tar.gz", 5)
    write_tar_gz(b, tmp_path / "b.tar.gz", 5)
    assert differences(tmp_path / "a.tar.gz", tmp_path / "b.tar.gz") == [
        "Checkup/_internal/sub/data.txt"]


# -- no English in a translated report --------------------------------------------------------
POTS = sorted((ROOT / "resources" / "translations").glob("*.pot"))
DEMO = Path(resource_path("scenarios", "windows10-unencrypted-telegram.json"))


def test_english_in_a_spanish_report_is_found() -> None:
    english = layout.english_fragments("es", POTS)
    result = run_scan(ReplayHost(Snapshot.load(DEMO)))
    leaks = layout.english_left(report_text(result, "en"), english)
    assert len(leaks) > 10  # the English report is nothing but such sentences
    # ... but not in the evidence lines, which stay as the tools said them
    assert layout.english_left("      > The screen locks only after about 10 minutes",
                               {"The screen locks only after about": "x"}) == []


@pytest.mark.parametrize("lang", ["es", "ar"])
def test_a_translated_report_of_a_demo_machine_has_no_english_outside_the_evidence(
        lang: str) -> None:
    english = layout.english_fragments(lang, POTS)
    proc = subprocess.run([sys.executable, "-m", "checks.cli", "scan", "--lang", lang,
                           "--replay", str(DEMO)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.returncode in (0, 1), proc.stderr
    assert layout.english_left(proc.stdout, english) == []
    # the demo machine's own name is shown translated in the header
    name = json.loads(DEMO.read_text(encoding="utf-8"))["meta"]["name"]
    assert translator(lang).gettext(name) in " ".join(proc.stdout.split())


# -- the smoke test runs both programs --------------------------------------------------------
def test_the_smoke_test_runs_the_window_program_and_the_command_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tools.package as package

    bundle = tmp_path / "Checkup"
    (bundle / "_internal" / "resources" / "scenarios").mkdir(parents=True)
    for rel in layout.program_files().values():
        (bundle / rel).parent.mkdir(parents=True, exist_ok=True)
        (bundle / rel).write_text("#!/bin/sh\n")
    es = translator("es")
    spanish = "\n".join([es.gettext("Could not check")] * 25)
    calls: list[list[str]] = []

    def fake_run(argv: list[str], env: dict[str, str], cwd: Path, stdin: str | None = None,
                 timeout: float = 300) -> tuple[subprocess.CompletedProcess[str], float]:
        calls.append(argv)
        args = argv[argv.index(next(a for a in argv if a.endswith(("checkup",
                                                                   "checkup-window")))) + 1:]
        out, err, code = "", "", 0
        if args == ["--version"]:
            out = f"Checkup {checks.__version__}"
        elif args[:2] == ["scan", "--json"]:
            out = json.dumps({"format": "checkup-report", "findings": [{}] * 8})
        elif args[:2] == ["scan", "--lang"]:
            out = spanish
        elif args == ["scan", "--only", "os-supported", "--json"]:
            assert env["CHECKUP_RESOURCES"]  # the bundle must ignore it
            out = json.dumps({"format": "checkup-report", "findings": [{}]})
        elif "--html" in args:
            Path(args[args.index("--html") + 1]).write_text("x")
        elif args[0] == "open-report":
            if stdin == package.SMOKE_PASSPHRASE + "\n":
                out = "<!doctype html>"
            else:
                err, code = "wrong passphrase", 3
        elif args == ["--smoke-test"]:
            out = "window shown\ndemo scan: 16 findings"
        elif args == ["forget"]:
            out = "Nothing to delete"
        return subprocess.CompletedProcess(argv, code, out, err), 0.01

    monkeypatch.setattr(package, "_run", fake_run)
    monkeypatch.setattr(package.shutil, "which", lambda name: None)  # no xvfb-run
    smoke = package.smoke_test(bundle)
    smoke_runs = [Path(c[0]).name for c in calls if c[-1] == "--smoke-test"]
    assert sorted(smoke_runs) == ["checkup", "checkup-window"]
    assert any("checkup-window --smoke-test" in line for line in smoke.lines)
    assert any("CHECKUP_RESOURCES is ignored" in line for line in smoke.lines)


def test_a_single_file_under_two_names_is_refused(tmp_path: Path) -> None:
    import tools.package as package

    bundle = tmp_path / "Checkup"
    bundle.mkdir()
    files = layout.program_files()
    (bundle / files["cli"]).write_text("x")
    os.symlink(files["cli"], bundle / files["window"])  # one file behind both names
    with pytest.raises(package.PackageError, match="one file"):
        package.smoke_test(bundle)



@pytest.mark.skipif(sys.platform != "linux" or not Path("/usr/bin/ldd").exists(),
                    reason="ldd on Linux")
def test_a_bundle_missing_a_library_fails_the_build_check(tmp_path: Path) -> None:
    """Qt's real X11 plugin alone in a folder: Qt's own library is 'not found', and the xcb
    libraries it links would come from this machine instead of the bundle."""
    from desktop.display_check import qt_dirs
    from tools.package import library_problems

    found = qt_dirs()
    plugin = found[0] / "platforms" / "libqxcb.so" if found else None
    if plugin is None or not plugin.is_file():
        pytest.skip("PySide6's X11 plugin is not installed here")
    internal = tmp_path / "Checkup" / "_internal"
    internal.mkdir(parents=True)
    (internal / "libqxcb.so").write_bytes(plugin.read_bytes())
    problems = library_problems(tmp_path / "Checkup")
    assert any(p.startswith("libQt6XcbQpa.so.6 not found") for p in problems), problems
    if Path("/usr/lib/x86_64-linux-gnu/libxcb-icccm.so.4").exists():
        assert any(p.startswith("libxcb-icccm.so.4 comes from the build machine")
                   for p in problems), problems
    assert all("libc.so.6" not in p and "libxcb.so.1 " not in p for p in problems)
