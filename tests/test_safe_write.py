"""Every save goes through checks/engine/safe_write.py (issue 17, item 4), and every save keeps its
promises: for the command line (``record``, ``scan --html``, ``open-report --output``; ``scan
--json`` writes no file at all) and for the window (reports in three formats, PDFs of pages
and handouts, the handouts dialog, the anonymous summary, protected reports and their
unprotected copies, the dashboard's chart and report, the settings file), each of these
targets is tried: a link to a file, a link to nothing, an existing file (without and with
``--force``; a window save replaces, since its dialog asked), a folder, a folder that does
not exist, a full disk, a name that is not UTF-8, and a FAT disk.

Whatever happens, the state of the folders involved is compared entry by entry before and
after: a refused save changes nothing (the file a link points to included, and no
``.checkup-*.part`` is left behind) and says why in one line; a save that works changes
exactly the target, which is then a regular file of mode 0600 holding the new content.

Full disk: a 64 KiB tmpfs when this runs as root and ``mount`` works, else skipped with the
reason; always also with ``os.write`` patched to fail with ENOSPC after a first short write.
FAT: an image made with mkfs.fat (dosfstools) and mounted with ``-o loop`` where possible,
else through FUSE with fusefat (containers rarely have loop devices or the vfat module),
else skipped with the reason; always also with the calls that fail on FAT patched (hard
links and renameat2 refused with EPERM, chmod doing nothing), so the fallback that reserves
the name runs. On a real FAT disk the mode is whatever the disk gives every file, and a name
that is not UTF-8 may be refused: then as "this disk does not allow that name".
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import io
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from checks.cli import main
from checks.engine import safe_write as sw
from checks.engine.i18n import msg
from checks.engine.model import Evidence, Finding, Status
from tests.desktop_support import desktop_env_fixture  # noqa: F401 - fixture
from tests.engine_support import extra_checks, make_check, snapshot

ROOT = Path(__file__).resolve().parent.parent
PRECIOUS = b"the file a link points to: never written through\n"
OLD = b"what was saved before\n"
PART = (sw.TEMP_PREFIX.encode(), sw.TEMP_SUFFIX.encode())

# A save: given the target (a str, possibly with surrogate escapes), whether it reported
# success and the lines it showed (the command line's stderr, a window's message).
Saver = Callable[[str], tuple[bool, list[str]]]

REASONS = {
    "link": "link to another place",
    "exists": "already exists",
    "folder": "is a folder",
    "no-folder": "does not exist",
    "full": "the disk is full",
    "name": "does not allow that name",
}


# -- the state of the folders a save may touch ----------------------------------------------
def state(*roots: Path) -> dict[bytes, tuple[object, ...]]:
    """Every entry under ``roots``: kind, content (or a link's text) and mode."""
    out: dict[bytes, tuple[object, ...]] = {}
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(os.fsencode(root)):
            for name in dirnames + filenames:
                p = os.path.join(dirpath, name)
                st = os.lstat(p)
                if stat.S_ISLNK(st.st_mode):
                    out[p] = ("link", os.readlink(p))
                elif stat.S_ISDIR(st.st_mode):
                    out[p] = ("dir", stat.S_IMODE(st.st_mode))
                else:
                    with open(p, "rb") as fh:
                        out[p] = ("file", fh.read(), stat.S_IMODE(st.st_mode))
    return out


def leftovers(*roots: Path) -> list[bytes]:
    return [p for p in state(*roots) if os.path.basename(p).startswith(PART[0])
            and p.endswith(PART[1])]


@dataclass
class Case:
    kind: str
    folder: Path
    elsewhere: Path  # where a link points
    target: str
    before: dict[bytes, tuple[object, ...]]

    def now(self) -> dict[bytes, tuple[object, ...]]:
        return state(self.folder, self.elsewhere)


def make_case(kind: str, root: Path, ext: str) -> Case:
    folder, elsewhere = root / kind, root / f"{kind}-elsewhere"
    folder.mkdir(parents=True)
    elsewhere.mkdir()
    target: Path | str = folder / f"saved{ext}"
    assert isinstance(target, Path)
    if kind == "symlink":
        (elsewhere / "dest").write_bytes(PRECIOUS)
        target.symlink_to(elsewhere / "dest")
    elif kind == "dangling":
        target.symlink_to(elsewhere / "missing")
    elif kind == "existing":
        target.write_bytes(OLD)
        with contextlib.suppress(OSError):  # FAT through FUSE has no chmod at all
            target.chmod(0o644)
    elif kind == "folder":
        target.mkdir()
    elif kind == "no-folder":
        target = folder / "no" / "such" / f"saved{ext}"
    elif kind == "non-utf8":
        target = os.fsdecode(os.fsencode(folder) + b"/caf\xe9" + ext.encode())
    case = Case(kind, folder, elsewhere, str(target), {})
    case.before = case.now()
    return case


def assert_refused(case: Case, ok: bool, lines: list[str], reason: str) -> None:
    assert not ok, f"{case.kind}: the save should have been refused"
    assert case.now() == case.before, f"{case.kind}: something changed"
    assert leftovers(case.folder, case.elsewhere) == []
    assert len(lines) == 1, (case.kind, lines)
    assert "Traceback" not in lines[0] and "\n" not in lines[0]
    assert REASONS[reason] in lines[0], (case.kind, lines[0])


def assert_saved(case: Case, ok: bool, lines: list[str], magic: bytes,
                 mode: int | None = 0o600) -> None:
    assert ok, (case.kind, lines)
    assert not any("Traceback" in line for line in lines)
    after, target = case.now(), os.fsencode(case.target)
    assert {k: v for k, v in after.items() if k != target} == \
        {k: v for k, v in case.before.items() if k != target}, \
        f"{case.kind}: more than the target changed (a link's destination, a leftover)"
    assert target in after, f"{case.kind}: the file is not under the name asked for"
    kind, data, got_mode = after[target]
    assert kind == "file" and isinstance(data, bytes) and data.startswith(magic), \
        (case.kind, kind)
    if mode is not None:
        assert got_mode == mode, (case.kind, oct(got_mode))  # type: ignore[arg-type]


def expect(kind: str, replace: bool, replace_link: bool) -> str | None:
    """The reason a save is refused, or None when it is saved."""
    if kind in ("symlink", "dangling"):
        return None if replace_link else "link"
    if kind == "existing":
        return None if replace else "exists"
    return {"folder": "folder", "no-folder": "no-folder"}.get(kind)


KINDS = ("new", "symlink", "dangling", "existing", "folder", "no-folder", "non-utf8")


def run_kinds(save: Saver, root: Path, ext: str, magic: bytes, *, replace: bool,
              replace_link: bool, kinds: tuple[str, ...] = KINDS) -> None:
    for kind in kinds:
        case = make_case(kind, root, ext)
        ok, lines = save(case.target)
        reason = expect(kind, replace, replace_link)
        if reason is None:
            assert_saved(case, ok, lines, magic)
        else:
            assert_refused(case, ok, lines, reason)


# -- full disk -------------------------------------------------------------------------------
def _is_part(fd: int) -> bool:
    try:
        name = os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return fd > 2
    return os.path.basename(name).startswith(sw.TEMP_PREFIX)


@contextmanager
def disk_full_on_write(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """os.write on a temporary file writes a few bytes once, then fails with ENOSPC (a
    truncated file is exactly what must never get the target's name)."""
    real = os.write
    seen: set[int] = set()

    def write(fd: int, data: bytes) -> int:
        if not _is_part(fd):
            return real(fd, data)
        if fd not in seen:
            seen.add(fd)
            return real(fd, bytes(data[:7]))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as m:
        m.setattr(os, "write", write)
        yield


def _skip_unless_root_and(command: str) -> None:
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting needs root on Linux; the patched variant covers this")
    if shutil.which(command) is None:
        pytest.skip(f"{command} is not installed")


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs, filled up."""
    _skip_unless_root_and("mount")
    mnt = tmp_path / "tmpfs"
    mnt.mkdir()
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k,mode=0755", "tmpfs",
                           str(mnt)], capture_output=True, text=True, check=False, timeout=30)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True, check=False,
                       timeout=30)


def fill(folder: Path) -> None:
    """Write into ``folder`` until its disk is full."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 4096, 1):
            while True:
                try:
                    os.write(fd, b"\0" * size)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
                    break
    finally:
        os.close(fd)


def run_full(save: Saver, root: Path, ext: str, *, replace: bool, filled: bool) -> None:
    """A new name, and an existing file the save may replace: both refused, untouched."""
    kinds = ("new", "existing") if replace else ("new",)
    cases = [make_case(kind, root, ext) for kind in kinds]
    if filled:
        fill(root)
        for case in cases:
            case.before = case.now()
    for case in cases:
        ok, lines = save(case.target)
        assert_refused(case, ok, lines, "full")


# -- FAT ---------------------------------------------------------------------------------------
class _NoRenameat2:
    """A C library whose renameat2/renamex_np fail as FAT or an old kernel makes them."""

    def _fail(self, *args: object) -> int:
        ctypes.set_errno(errno.EPERM)
        return -1

    renameat2 = renamex_np = _fail


@contextmanager
def fat_like(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """Hard links and renameat2 refused with EPERM, chmod doing nothing; yields the calls of
    the fallback that reserves the name."""
    calls: list[object] = []
    real = sw._reserve_then_replace

    def reserve(tmp: str | bytes, target: str | bytes, mode: int) -> None:
        calls.append(target)
        real(tmp, target, mode)

    def no_link(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EPERM, os.strerror(errno.EPERM))

    with monkeypatch.context() as m:
        m.setattr(sw, "_libc", lambda: _NoRenameat2())
        m.setattr(os, "link", no_link)
        m.setattr(os, "chmod", lambda *a, **k: None)
        m.setattr(os, "fchmod", lambda *a, **k: None)
        m.setattr(sw, "_reserve_then_replace", reserve)
        yield calls


@pytest.fixture
def fat(tmp_path: Path) -> Iterator[Path]:
    """A FAT file system from mkfs.fat: loop-mounted (the kernel's vfat), else through FUSE
    with fusefat where that is installed and /dev/fuse usable (containers)."""
    _skip_unless_root_and("mount")
    if shutil.which("mkfs.fat") is None:
        pytest.skip("mkfs.fat is not installed (make sysdeps installs dosfstools)")
    image, mnt = tmp_path / "fat.img", tmp_path / "fat"
    mnt.mkdir()
    with open(image, "wb") as fh:
        fh.truncate(4 * 1024 * 1024)
    made = subprocess.run(["mkfs.fat", str(image)], capture_output=True, text=True,
                          check=False, timeout=60)
    assert made.returncode == 0, made.stderr
    proc = subprocess.run(["mount", "-o", "loop,umask=022", str(image), str(mnt)],
                          capture_output=True, text=True, check=False, timeout=60)
    why = "cannot loop-mount a FAT image here (no loop device or vfat module): " + \
        " ".join(proc.stderr.split())
    if proc.returncode != 0:
        fuse = shutil.which("fusefat")
        if fuse is None or not os.path.exists("/dev/fuse"):
            pytest.skip(why + "; fusefat is not installed (make sysdeps installs it)")
        proc = subprocess.run([fuse, "-o", "rw+", str(image), str(mnt)], capture_output=True,
                              text=True, check=False, timeout=60)
        if proc.returncode != 0 or not os.path.ismount(mnt):
            pytest.skip(why + "; nor with fusefat: " + " ".join(proc.stderr.split()))
    try:
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True, check=False, timeout=30)


def run_fat(save: Saver, root: Path, ext: str, magic: bytes, *, replace: bool,
            real_fat: bool) -> None:
    """On FAT: a new name is saved; an existing file is refused, or replaced with
    ``replace``; the mode is whatever the disk gives (real FAT) or 0600."""
    for kind in ("new", "existing", "non-utf8"):
        case = make_case(kind, root, ext)
        ok, lines = save(case.target)
        reason = expect(kind, replace, replace)
        if real_fat and kind == "non-utf8" and not ok:  # a FAT disk may refuse such a name
            assert_refused(case, ok, lines, "name")
            continue
        if reason is None:
            reference = root / kind / "reference"
            reference.write_bytes(b"")
            mode = stat.S_IMODE(reference.stat().st_mode) if real_fat else 0o600
            reference.unlink()
            assert_saved(case, ok, lines, magic, mode)
        else:
            assert_refused(case, ok, lines, reason)


# == the command line ==========================================================================
def _finding(scan: object) -> Finding:
    return Finding(Status.PASS, msg("Saved for the test"), evidence=[Evidence("probe", "x")])


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Callable[[bool], Saver]]]:
    """The command-line saves by name: each takes --force or not and gives a Saver."""
    home = tmp_path / "inputs"
    home.mkdir()
    snap = home / "snap.json"
    snapshot(["t-save"], meta={"name": "save test"}).dump(snap)
    protected = home / "r.html.age"
    protected.write_bytes(b"age-encryption.org/v1\n(not opened: read_encrypted is patched)\n")
    import checks.privacy.report_crypto as rc

    monkeypatch.setattr(rc, "read_encrypted", lambda path, passphrase:
                        b"<!DOCTYPE html><html><body>report</body></html>")
    # scrypt is slow on purpose; the save, not the encryption, is under test here
    monkeypatch.setattr(rc, "encrypt", lambda plain, passphrase:
                        b"age-encryption.org/v1\n(synthetic, not encrypted)\n" + plain)

    def run(argv: list[str]) -> tuple[int, list[str]]:
        capsys.readouterr()
        monkeypatch.setattr(sys, "stdin", io.StringIO("four unrelated words here\n"))
        code = main(argv)
        err = capsys.readouterr().err
        return code, [line for line in err.splitlines() if line.strip()]

    def record(force: bool) -> Saver:
        def save(target: str) -> tuple[bool, list[str]]:
            code, lines = run(["record", target, "--only", "t-save", *(["--force"] * force)])
            return code == 0, lines
        return save

    def scan_html(force: bool) -> Saver:
        def save(target: str) -> tuple[bool, list[str]]:
            code, lines = run(["scan", "--replay", str(snap), "--only", "t-save", "--html",
                               target, *(["--force"] * force)])
            return code in (0, 1), lines
        return save

    def scan_encrypted(force: bool) -> Saver:
        def save(target: str) -> tuple[bool, list[str]]:
            code, lines = run(["scan", "--replay", str(snap), "--only", "t-save", "--html",
                               target, "--encrypt", *(["--force"] * force)])
            return code in (0, 1), lines
        return save

    def open_report(force: bool) -> Saver:
        def save(target: str) -> tuple[bool, list[str]]:
            code, lines = run(["open-report", str(protected), "--output", target,
                               *(["--force"] * force)])
            # success says "An unprotected copy was saved" on stderr: not a problem line
            return code == 0, lines if code else []
        return save

    with extra_checks(make_check("t-save", _finding)):
        yield {"record": record, "scan-html": scan_html, "scan-encrypt": scan_encrypted,
               "open-report": open_report}


CLI = {"record": (".json", b"{"), "scan-html": (".html", b"<!DOCTYPE html"),
       "scan-encrypt": (".age", b"age-encryption.org/v1"),
       "open-report": (".html", b"<!DOCTYPE html")}


@pytest.mark.parametrize("force", [False, True], ids=["no-force", "force"])
@pytest.mark.parametrize("name", list(CLI))
def test_command_line_saves(cli, tmp_path: Path, name: str, force: bool) -> None:
    ext, magic = CLI[name]
    # --force replaces an existing file, never a link: what a link points to stays untouched
    run_kinds(cli[name](force), tmp_path / "out", ext, magic, replace=force, replace_link=False)


@pytest.mark.parametrize("name", list(CLI))
def test_command_line_saves_on_a_full_disk_patched(cli, tmp_path: Path, name: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    ext, _magic = CLI[name]
    with disk_full_on_write(monkeypatch):
        run_full(cli[name](True), tmp_path / "out", ext, replace=True, filled=False)
        run_full(cli[name](False), tmp_path / "out2", ext, replace=False, filled=False)


@pytest.mark.parametrize("name", list(CLI))
def test_command_line_saves_on_a_full_tmpfs(cli, tmpfs: Path, name: str) -> None:
    ext, _magic = CLI[name]
    run_full(cli[name](True), tmpfs, ext, replace=True, filled=True)


@pytest.mark.parametrize("name", list(CLI))
def test_command_line_saves_on_fat_patched(cli, tmp_path: Path, name: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    ext, magic = CLI[name]
    with fat_like(monkeypatch) as calls:
        run_fat(cli[name](False), tmp_path / "a", ext, magic, replace=False, real_fat=False)
        assert calls, "the fallback for file systems without hard links did not run"
        run_fat(cli[name](True), tmp_path / "b", ext, magic, replace=True, real_fat=False)


@pytest.mark.parametrize("name", list(CLI))
def test_command_line_saves_on_a_real_fat_disk(cli, fat: Path, name: str) -> None:
    ext, magic = CLI[name]
    run_fat(cli[name](False), fat / "a", ext, magic, replace=False, real_fat=True)
    run_fat(cli[name](True), fat / "b", ext, magic, replace=True, real_fat=True)


def test_scan_json_writes_no_file(cli, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    here = tmp_path / "cwd"
    here.mkdir()
    monkeypatch.chdir(here)
    before = state(tmp_path)
    assert main(["scan", "--replay", str(tmp_path / "inputs" / "snap.json"), "--only",
                 "t-save", "--json"]) == 0
    assert capsys.readouterr().out.lstrip().startswith("{")
    assert state(tmp_path) == before


def test_a_trailing_slash_is_a_folder_not_a_file_of_that_name(cli, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    for name in CLI:
        ok, lines = cli[name](True)(str(folder / "newdir") + "/")
        assert not ok and len(lines) == 1 and "folder" in lines[0], lines
    assert list(folder.iterdir()) == []


def test_a_non_utf8_name_is_kept_and_shown_escaped(tmp_path: Path) -> None:
    """The crash the issue found: a real process, its argument given as bytes."""
    snap = tmp_path / "snap.json"
    snapshot(["x"]).dump(snap)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-c", "import sys\nfrom checks.cli import main\n"
         "sys.exit(main(sys.argv[1:]))", "scan", "--replay", str(snap), "--html",
         b"caf\xe9.html"], capture_output=True, text=True, cwd=tmp_path, env=env,
        check=False, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    assert "caf\\xe9.html" in proc.stdout
    saved = tmp_path / os.fsdecode(b"caf\xe9.html")
    assert saved.read_bytes().startswith(b"<!DOCTYPE html")
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert b"caf\xe9.html" in os.listdir(os.fsencode(tmp_path))


# == the window ================================================================================
PASSPHRASE = "four unrelated words here"


@pytest.fixture
def desk(qtbot, desktop_env):
    """The window with a demo machine on screen, and its saves by name."""
    from desktop.main_window import MainWindow

    w = MainWindow(persist_settings=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    with qtbot.waitSignal(w.scanFinished, timeout=30000):
        assert w.open_scenario("macos-filevault-signal")
    yield w
    w.controller.shutdown()


def _window_error(w, call: Callable[[], object]) -> tuple[bool, list[str]]:
    w.last_error = ""
    ok = call() is not None
    return ok, [w.last_error] if w.last_error else []


def _label(widget, call: Callable[[], object]) -> tuple[bool, list[str]]:
    ok = call() is not None
    return ok, [] if ok else [widget.text()]


def desktop_savers(w, qtbot) -> dict[str, tuple[Saver, str, bytes]]:
    from desktop.privacy.privacy_actions import ReportViewer
    from desktop.workshop.dashboard import TrainerDashboard
    from desktop.workshop.handouts_dialog import HandoutsDialog

    handouts = HandoutsDialog(w)
    qtbot.addWidget(handouts)
    share = w.workshop.share_summary()
    assert share is not None
    dashboard = TrainerDashboard()
    qtbot.addWidget(dashboard)
    viewer = ReportViewer(b"<!DOCTYPE html><html><body>report</body></html>",
                          "report.html.age", w)
    qtbot.addWidget(viewer)

    def unprotected(target: str) -> tuple[bool, list[str]]:
        import desktop.privacy.privacy_actions as pa

        pa.ask_save_path = lambda *a, **k: (target, "")
        try:
            return _label(viewer.note, viewer.save_unprotected_copy)
        finally:
            del pa.ask_save_path
            from desktop.privacy.file_dialogs import ask_save_path

            pa.ask_save_path = ask_save_path

    return {
        "report-html": (lambda t: _window_error(w, lambda: w.write_report_to(t, "html")),
                        ".html", b"<!DOCTYPE html"),
        "report-json": (lambda t: _window_error(w, lambda: w.write_report_to(t, "json")),
                        ".json", b"{"),
        "report-pdf": (lambda t: _window_error(w, lambda: w.write_report_to(t, "pdf")),
                       ".pdf", b"%PDF-"),
        "handout-pdf": (lambda t: _window_error(w, lambda: w.write_pdf_to(
            t, "<h1>Handout</h1><p>Steps.</p>", "Handout")), ".pdf", b"%PDF-"),
        "handouts-dialog": (lambda t: _label(handouts.status, lambda: handouts.write_pdf(t)),
                            ".pdf", b"%PDF-"),
        "summary": (lambda t: _label(share.status, lambda: share.write_to(t)), ".json", b"{"),
        "protected": (lambda t: _window_error(w, lambda: w.privacy.write_protected_to(
            t, "html", PASSPHRASE)), ".age", b"age-encryption.org/v1"),
        "unprotected-copy": (unprotected, ".html", b"<!DOCTYPE html"),
        "dashboard-png": (lambda t: _label(dashboard.message, lambda: dashboard.export_png(t)),
                          ".png", b"\x89PNG"),
        "dashboard-pdf": (lambda t: _label(dashboard.message, lambda: dashboard.export_pdf(t)),
                          ".pdf", b"%PDF-"),
    }


def _settings_saver(target: str) -> tuple[bool, list[str]]:
    from desktop.settings import Settings, save_settings

    return save_settings(Settings(language="es"), Path(target)), []


DESKTOP = ("report-html", "report-json", "report-pdf", "handout-pdf", "handouts-dialog",
           "summary", "protected", "unprotected-copy", "dashboard-png", "dashboard-pdf")


def test_window_saves(desk, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every window save, every target; the save dialog asked before replacing, so a file or
    a link under the chosen name is replaced (the link itself, never what it points to)."""
    savers = desktop_savers(desk, qtbot)
    assert set(savers) == set(DESKTOP)
    for name in DESKTOP:
        save, ext, magic = savers[name]
        root = tmp_path / name
        run_kinds(save, root, ext, magic, replace=True, replace_link=True)
        with disk_full_on_write(monkeypatch):
            run_full(save, root / "full", ext, replace=True, filled=False)
        with fat_like(monkeypatch):
            run_fat(save, root / "fat", ext, magic, replace=True, real_fat=False)


def test_window_saves_on_a_full_tmpfs(desk, qtbot, tmpfs: Path) -> None:
    savers = desktop_savers(desk, qtbot)
    for name in DESKTOP:
        save, ext, _magic = savers[name]
        folder = tmpfs / name
        folder.mkdir()
        make_case("existing", folder, ext)  # an old report the new one would replace
    fill(tmpfs)
    for name in DESKTOP:
        save, ext, _magic = savers[name]
        for kind in ("new", "existing"):
            target = tmpfs / name / kind / f"saved{ext}"
            case = Case(kind, tmpfs / name / kind, tmpfs / name / f"{kind}-elsewhere",
                        str(target), {})
            if kind == "new":
                case.folder.mkdir(exist_ok=True)
                case.elsewhere.mkdir(exist_ok=True)
            case.before = case.now()
            ok, lines = save(case.target)
            assert_refused(case, ok, lines, "full")


def test_window_saves_on_a_real_fat_disk(desk, qtbot, fat: Path) -> None:
    savers = desktop_savers(desk, qtbot)
    for name in DESKTOP:
        save, ext, magic = savers[name]
        run_fat(save, fat / name, ext, magic, replace=True, real_fat=True)


# -- settings: Checkup's own file, replaced whole; no message (the window carries on) ---------
def test_settings_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for kind in ("new", "symlink", "dangling", "existing", "folder", "non-utf8"):
        case = make_case(kind, tmp_path / "out", ".json")
        ok, _lines = _settings_saver(case.target)
        if kind == "folder":
            assert not ok and case.now() == case.before
        else:
            assert_saved(case, ok, [], b"{")
    # a missing folder is made (mode 0700: Checkup's own), and the file in it
    case = make_case("no-folder", tmp_path / "out", ".json")
    assert _settings_saver(case.target)[0]
    made = Path(case.target).parent
    assert stat.S_IMODE(made.stat().st_mode) == 0o700
    assert stat.S_IMODE(Path(case.target).stat().st_mode) == 0o600
    with disk_full_on_write(monkeypatch):
        for kind in ("new", "existing"):
            case = make_case(kind, tmp_path / "full", ".json")
            assert not _settings_saver(case.target)[0] and case.now() == case.before
    with fat_like(monkeypatch):
        for kind in ("new", "existing"):
            case = make_case(kind, tmp_path / "fat", ".json")
            assert_saved(case, _settings_saver(case.target)[0], [], b"{")


def test_settings_save_on_a_full_tmpfs(tmpfs: Path) -> None:
    cases = [make_case(kind, tmpfs, ".json") for kind in ("new", "existing")]
    fill(tmpfs)
    for case in cases:
        case.before = case.now()
        assert not _settings_saver(case.target)[0] and case.now() == case.before


# == checks/engine/safe_write.py itself ==============================================================
def test_the_temporary_file_is_exclusive_never_followed_and_synced(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[tuple[str, int, int]] = []
    synced: list[int] = []
    real_open, real_fsync = os.open, os.fsync

    def spy_open(path, flags, mode=0o777, *a, **k):
        opened.append((os.fsdecode(path), flags, mode))
        return real_open(path, flags, mode, *a, **k)

    def spy_fsync(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "open", spy_open)
    monkeypatch.setattr(os, "fsync", spy_fsync)
    sw.write_file(tmp_path / "a.json", b"{}")
    part = [o for o in opened if os.path.basename(o[0]).startswith(sw.TEMP_PREFIX)]
    assert len(part) == 1 and os.path.dirname(part[0][0]) == str(tmp_path)
    _name, flags, mode = part[0]
    for flag in ("O_CREAT", "O_EXCL", "O_NOFOLLOW", "O_CLOEXEC", "O_WRONLY"):
        assert flags & getattr(os, flag) == getattr(os, flag), flag
    assert mode == 0o600
    assert len(synced) == 2  # the file, then its folder
    assert any(o[0] == str(tmp_path) for o in opened)


def test_a_target_that_appears_after_the_check_is_not_replaced(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No race between the check and the move: the move itself refuses."""
    target = tmp_path / "r.html"
    real = sw.check_target

    def racing(path, **kwargs):
        real(path, **kwargs)
        target.write_bytes(OLD)  # someone else takes the name now

    monkeypatch.setattr(sw, "check_target", racing)
    for fat_fs in (False, True):
        with fat_like(monkeypatch) if fat_fs else _nothing():
            with pytest.raises(sw.WriteProblem) as info:
                sw.write_file(target, b"new")
        assert info.value.kind == "exists"
        assert target.read_bytes() == OLD and leftovers(tmp_path) == []
        target.unlink()


def test_a_link_planted_after_the_check_is_replaced_not_followed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target, dest = tmp_path / "r.html", tmp_path / "elsewhere"
    real = sw.check_target

    def racing(path, **kwargs):
        real(path, **kwargs)
        target.symlink_to(dest)

    monkeypatch.setattr(sw, "check_target", racing)
    sw.write_file(target, b"new", replace=True)
    assert not target.is_symlink() and target.read_bytes() == b"new"
    assert not os.path.lexists(dest)
    target.unlink()
    with pytest.raises(sw.WriteProblem) as info:  # without replace the move refuses
        sw.write_file(target, b"new")
    assert info.value.kind == "exists" and target.is_symlink() and not os.path.lexists(dest)


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def test_renameat2_missing_falls_back_to_a_hard_link(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class NoSys:
        def renameat2(self, *args: object) -> int:
            ctypes.set_errno(errno.ENOSYS)
            return -1

    monkeypatch.setattr(sw, "_libc", lambda: NoSys())
    linked: list[object] = []
    real = os.link

    def spy_link(a: object, b: object, **k: object) -> None:
        linked.append(b)
        real(a, b, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "link", spy_link)
    sw.write_file(tmp_path / "a", b"one")
    assert linked and (tmp_path / "a").read_bytes() == b"one" and leftovers(tmp_path) == []
    with pytest.raises(sw.WriteProblem) as info:
        sw.write_file(tmp_path / "a", b"two")
    assert info.value.kind == "exists" and (tmp_path / "a").read_bytes() == b"one"
    assert leftovers(tmp_path) == []


def test_on_fat_a_failed_move_removes_the_reserved_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_replace(a: object, b: object) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    with fat_like(monkeypatch) as calls:
        monkeypatch.setattr(os, "replace", no_replace)
        with pytest.raises(sw.WriteProblem):
            sw.write_file(tmp_path / "a.json", b"{}")
    assert calls and list(tmp_path.iterdir()) == []


def test_a_failed_sync_is_a_failed_save_unless_the_disk_cannot_sync(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(code: int) -> Callable[[int], None]:
        def fsync(fd: int) -> None:
            raise OSError(code, os.strerror(code))
        return fsync

    monkeypatch.setattr(os, "fsync", failing(errno.EIO))
    with pytest.raises(sw.WriteProblem):
        sw.write_file(tmp_path / "a", b"x")
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(os, "fsync", failing(errno.ENOSPC))
    with pytest.raises(sw.WriteProblem) as info:
        sw.write_file(tmp_path / "a", b"x")
    assert info.value.kind == "full" and list(tmp_path.iterdir()) == []
    monkeypatch.setattr(os, "fsync", failing(errno.EINVAL))  # a disk that cannot sync at all
    sw.write_file(tmp_path / "a", b"x")
    assert (tmp_path / "a").read_bytes() == b"x"


def test_windows_retries_while_a_scanner_holds_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sw, "IS_WINDOWS", True)
    slept: list[float] = []
    monkeypatch.setattr(sw.time, "sleep", slept.append)

    def busy(winerror: int) -> PermissionError:
        exc = PermissionError(errno.EACCES, "in use")
        exc.winerror = winerror  # type: ignore[attr-defined]
        return exc

    tries: list[int] = []

    def twice_busy() -> None:
        tries.append(1)
        if len(tries) <= 2:
            raise busy(32)

    sw._retry_busy(twice_busy)
    assert len(tries) == 3 and len(slept) == 2

    def always_busy() -> None:
        raise busy(5)

    slept.clear()
    with pytest.raises(PermissionError):
        sw._retry_busy(always_busy)
    assert len(slept) == len(sw.WINDOWS_RETRY_DELAYS) and sum(slept) < 2

    def other() -> None:
        raise busy(1314)  # a privilege, not a busy file: no retry

    slept.clear()
    with pytest.raises(PermissionError):
        sw._retry_busy(other)
    assert slept == []


def test_snapshot_dump_replaces_a_file_and_refuses_a_link(tmp_path: Path) -> None:
    snap = snapshot(["x"])
    for kind in KINDS:
        case = make_case(kind, tmp_path, ".json")
        try:
            snap.dump(case.target)
            ok, lines = True, []
        except sw.WriteProblem as exc:
            ok, lines = False, [_english(exc.message)]
        reason = expect(kind, replace=True, replace_link=False)
        if reason is None:
            assert_saved(case, ok, lines, b"{")
        else:
            assert_refused(case, ok, lines, reason)


def _english(message: object) -> str:
    from checks.engine.i18n import translator

    return translator("en").render(message)  # type: ignore[arg-type]


def test_names_are_shown_printable() -> None:
    assert sw.shown_path(os.fsdecode(b"caf\xe9.json")) == "caf\\xe9.json"
    assert sw.shown_path(b"caf\xc3\xa9.json") == "café.json"
    shown = sw.shown_path("r\x1b[2J\u202eep.html")
    assert "\x1b" not in shown and "\u202e" not in shown
    assert sw.utf8("caf\udce9") == "caf\ufffd".encode()


def test_a_report_name_the_dialog_did_not_show_is_never_replaced(
        desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The window adds the format's extension to "report.txt" after the dialog closed, so
    "report.txt.html" was never confirmed: an existing file of that name stays."""
    import desktop.main_window as mw
    from desktop.privacy.report_export import FORMATS
    from desktop.qt_i18n import _

    html_filter = _(FORMATS[0].label)
    typed, added = tmp_path / "report.txt", tmp_path / "report.txt.html"
    added.write_bytes(OLD)
    monkeypatch.setattr(mw, "ask_save_path", lambda *a, **k: (str(typed), html_filter))
    desk.last_error = ""
    assert desk.save_report() is None
    assert added.read_bytes() == OLD and not typed.exists() and leftovers(tmp_path) == []
    assert "already exists" in desk.last_error
    # the name the dialog showed (and asked about) is replaced
    shown = tmp_path / "report.html"
    shown.write_bytes(OLD)
    monkeypatch.setattr(mw, "ask_save_path", lambda *a, **k: (str(shown), html_filter))
    assert desk.save_report() == str(shown)
    assert shown.read_bytes().startswith(b"<!DOCTYPE html")


def test_settings_that_cannot_be_saved_say_so_in_one_line(qtbot, desktop_env) -> None:
    from desktop.main_window import MainWindow
    from desktop.settings import settings_path

    target = settings_path()
    assert target is not None
    target.mkdir(parents=True)  # a folder where the settings file should be
    w = MainWindow()
    qtbot.addWidget(w)
    w.apply_language("en")
    line = w.statusBar().currentMessage()
    assert "settings could not be saved" in line and "\n" not in line
    assert target.is_dir() and list(target.iterdir()) == []
    assert leftovers(target.parent) == []
    w.controller.shutdown()


@pytest.mark.skipif(sw.IS_WINDOWS, reason="Unix modes")
def test_keep_mode_gives_the_new_file_the_replaced_files_mode(tmp_path: Path) -> None:
    """keep_mode (checkup forget's recently-used list): the mode of the file replaced, exactly
    (a umask does not narrow it); of the file a replaced link points to (the link's target
    itself untouched); ``mode`` when there is no file yet."""
    target = tmp_path / "list.xbel"
    target.write_bytes(b"old")
    target.chmod(0o640)
    old_umask = os.umask(0o077)
    try:
        sw.write_file(target, b"new", replace=True, keep_mode=True)
        assert stat.S_IMODE(target.stat().st_mode) == 0o640 and target.read_bytes() == b"new"
        fresh = tmp_path / "fresh.xbel"
        sw.write_file(fresh, b"x", replace=True, keep_mode=True)
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
        elsewhere = tmp_path / "elsewhere.xbel"
        elsewhere.write_bytes(b"theirs")
        elsewhere.chmod(0o604)
        link = tmp_path / "link.xbel"
        link.symlink_to(elsewhere)
        with pytest.raises(sw.WriteProblem):
            sw.write_file(link, b"x", replace=True, keep_mode=True)  # a link: refused
        sw.write_file(link, b"mine", replace=True, replace_link=True, keep_mode=True)
        assert not link.is_symlink() and stat.S_IMODE(link.stat().st_mode) == 0o604
        assert elsewhere.read_bytes() == b"theirs"
    finally:
        os.umask(old_umask)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(sw.TEMP_PREFIX)]


@pytest.mark.skipif(sw.IS_WINDOWS, reason="Unix modes")
def test_keep_mode_on_a_disk_without_modes_still_writes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "list.xbel"
    target.write_bytes(b"old")

    def refuse(fd: int, bits: int) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(sw.os, "fchmod", refuse)
    sw.write_file(target, b"new", replace=True, keep_mode=True)
    assert target.read_bytes() == b"new"

    def broken(fd: int, bits: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(sw.os, "fchmod", broken)
    with pytest.raises(sw.WriteProblem):
        sw.write_file(target, b"newer", replace=True, keep_mode=True)
    assert target.read_bytes() == b"new"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(sw.TEMP_PREFIX)]
