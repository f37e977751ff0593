"""Build, smoke-test, checksum and sign Checkup's bundle for the system it runs on.

    python -m tools.package                 (make package) build + smoke test + sign
    python -m tools.package --no-build      smoke-test, archive and sign an existing dist/
    python -m tools.package icons           render the launcher icons from the SVG (Qt)

Steps (packaging/README.md explains each):
1. PyInstaller one-folder build from packaging/checkup.spec -> dist/Checkup/
   (macOS: dist/Checkup.app), plus the Linux desktop files under dist/Checkup/share/.
2. Smoke test on a COPY of the bundle in a fresh temporary folder, outside any checkout and
   without a virtual environment (``env -i PATH=/usr/bin:/bin HOME=<empty>``): the bundled
   program prints its version, runs ``scan --json`` on this machine, scans in Spanish and
   Arabic, protects and reopens a report, and opens the window offscreen
   (``--smoke-test``); afterwards the temporary HOME and TMPDIR must still be empty.
3. An archive (Linux: a reproducible .tar.gz), ``SHA256SUMS`` over it, and
   ``SHA256SUMS.minisig``, signed by the real ``minisign`` tool (tools/sign.py runs it). With
   ``CHECKUP_SIGNING_KEY`` pointing at a minisign secret key that key signs (checked against
   packaging/keys/release.pub, or ``CHECKUP_SIGNING_PUBLIC_KEY``); otherwise minisign makes a
   throw-away key in a temporary folder, its public half is saved as
   ``checkup-DEV-EPHEMERAL-KEY.pub`` and its secret half deleted after signing: a
   development build, not a release.
4. The signature is verified (and with the ``minisign`` tool when it is installed), and a
   tampered copy must fail.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import os
import platform
import re
import shutil
import struct
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "checkup.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
ICONS = PACKAGING / "icons"
LINUX = PACKAGING / "linux"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
EPHEMERAL_PUB = "checkup-DEV-EPHEMERAL-KEY.pub"
SMOKE_SCENARIO = "windows10-unencrypted-telegram"  # a demo machine with many findings
SMOKE_PASSPHRASE = "smoke test passphrase"

sys.path.insert(0, str(ROOT))
from checks import __version__  # noqa: E402
from checks.engine.i18n import LANGUAGES  # noqa: E402
from checks.privacy.appdirs import APP_ID  # noqa: E402
from tools.bundle_layout import (  # noqa: E402
    babel_locales,
    case_collisions,
    english_fragments,
    english_left,
    is_system_library,
    program_files,
    qt_translation_names,
)


class PackageError(Exception):
    pass


def _say(text: str) -> None:
    print(f"[package] {text}", flush=True)


# -- icons ------------------------------------------------------------------------------------
def render_icons() -> list[Path]:
    """PNG renders of packaging/icons/checkup.svg at the usual sizes, plus .ico and .icns."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(ICONS / "checkup.svg"))
    if not renderer.isValid():
        raise PackageError("packaging/icons/checkup.svg cannot be read")
    pngs: dict[int, bytes] = {}
    written = []
    for size in (*ICON_SIZES, 1024):
        img = QImage(size, size, QImage.Format.Format_ARGB32)
        img.fill(Qt.GlobalColor.transparent)
        p = QPainter(img)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(p)
        p.end()
        data = QByteArray()
        buf = QBuffer(data)
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        # the stubs say bytes, but PySide6 takes only a str for the format here
        img.save(buf, "PNG")  # type: ignore[call-overload]
        buf.close()
        pngs[size] = bytes(data.data())
        if size in ICON_SIZES:
            target = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(pngs[size])
            written.append(target)
    (ICONS / "checkup.ico").write_bytes(ico_bytes({s: pngs[s] for s in (16, 24, 32, 48, 64,
                                                                          128, 256)}))
    (ICONS / "checkup.icns").write_bytes(icns_bytes(pngs))
    del app
    return [*written, ICONS / "checkup.ico", ICONS / "checkup.icns"]


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding PNG images (the format Windows Vista and later read)."""
    sizes = sorted(pngs)
    head = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for s in sizes:
        data = pngs[s]
        dim = 0 if s >= 256 else s
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return head + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns holding PNG images (types ic07-ic10, ic11-ic14 for @2x)."""
    types = [("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256),
             ("ic09", 512), ("ic10", 1024), ("ic11", 32), ("ic12", 64), ("ic13", 256),
             ("ic14", 512)]
    body = b""
    for kind, size in types:
        if size in pngs:
            data = pngs[size]
            body += kind.encode("ascii") + struct.pack(">I", 8 + len(data)) + data
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


# -- build ------------------------------------------------------------------------------------
def system_tag() -> str:
    system = {"linux": "linux", "darwin": "macos", "win32": "windows"}.get(sys.platform,
                                                                           sys.platform)
    return f"{system}-{platform.machine().lower() or 'unknown'}"


def bundle_dir() -> Path:
    return DIST / ("Checkup.app" if sys.platform == "darwin" else "Checkup")


def cli_program(bundle: Path) -> Path:
    return bundle / program_files()["cli"]


def window_program(bundle: Path) -> Path:
    return bundle / program_files()["window"]


def build_env() -> dict[str, str]:
    """PyInstaller's environment: fixed times (the last commit's) and a fixed hash seed, so
    two builds of one commit give the same files."""
    env = dict(os.environ)
    env["SOURCE_DATE_EPOCH"] = str(_epoch())
    env["PYTHONHASHSEED"] = "0"
    return env


def build() -> Path:
    missing = [p for p in (ICONS / "checkup.ico", ICONS / "checkup.icns",
                           ICONS / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png")
               if not p.is_file()]
    if missing:
        raise PackageError(f"icons missing ({missing[0]}): run python -m tools.package icons")
    for old in (DIST / "Checkup", DIST / "Checkup.app", WORK):
        shutil.rmtree(old, ignore_errors=True)
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
           "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)]
    _say("building with PyInstaller: " + " ".join(cmd[1:]))
    t0 = time.monotonic()
    proc = subprocess.run(cmd, cwd=ROOT, env=build_env(), check=False)  # noqa: S603
    if proc.returncode != 0:
        raise PackageError(f"PyInstaller failed (exit {proc.returncode})")
    bundle = bundle_dir()
    if not bundle.exists():
        raise PackageError(f"PyInstaller did not produce {bundle}")
    if sys.platform.startswith("linux"):
        add_linux_files(bundle)
    _say(f"built {bundle.relative_to(ROOT)} in {time.monotonic() - t0:.0f} s")
    return bundle


def add_linux_files(bundle: Path) -> None:
    """share/applications, share/metainfo and share/icons, as a system or ~/.local expects."""
    share = bundle / "share"
    (share / "applications").mkdir(parents=True, exist_ok=True)
    (share / "metainfo").mkdir(parents=True, exist_ok=True)
    shutil.copy2(LINUX / f"{APP_ID}.desktop", share / "applications" / f"{APP_ID}.desktop")
    shutil.copy2(LINUX / f"{APP_ID}.metainfo.xml", share / "metainfo" / f"{APP_ID}.metainfo.xml")
    for size in ICON_SIZES:
        src = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        dst = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dst)
    svg = share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    svg.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ICONS / "checkup.svg", svg)


# -- what the bundle must be ------------------------------------------------------------------
def _is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(4) == b"\x7fELF"
    except OSError:
        return False


def parse_ldd(text: str) -> list[tuple[str, str | None]]:
    """(library, resolved path or None when "not found") from ldd's output."""
    out: list[tuple[str, str | None]] = []
    for line in text.splitlines():
        line = line.strip()
        if "=>" not in line:
            continue
        name, _, where = (x.strip() for x in line.partition("=>"))
        if where.startswith("not found"):
            out.append((name, None))
        elif where.startswith("/"):
            out.append((name, where.split(" (", 1)[0]))
    return out


def library_problems(bundle: Path) -> list[str]:
    """Every ELF file of the Linux bundle, as its own loader sees it (LD_LIBRARY_PATH is the
    bundle's library folder, as the bootloader sets it): a library that is not found, or one
    that comes from the build machine although the bundle should carry it."""
    from desktop.display_check import DEBIAN_PACKAGES, elf_needed

    ldd = shutil.which("ldd")
    if ldd is None:
        raise PackageError("ldd is not installed: cannot check the bundle's libraries")
    internal = (bundle / "_internal").resolve()
    env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C", "LD_LIBRARY_PATH": str(internal)}
    problems: dict[str, list[str]] = {}
    for f in sorted(p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()):
        if not _is_elf(f):
            continue
        proc = subprocess.run([ldd, str(f)], env=env, capture_output=True, text=True,  # noqa: S603
                              timeout=60, check=False)
        if proc.returncode != 0:  # e.g. "error while loading shared libraries: ... too short"
            said = (proc.stderr.strip() or proc.stdout.strip()).splitlines()
            why = f"ldd failed: {said[-1] if said else f'exit {proc.returncode}'}"
            problems.setdefault(why, []).append(str(f.relative_to(bundle)))
            continue
        direct = set(elf_needed(f) or ())  # what the system's libraries need is theirs
        for name, where in parse_ldd(proc.stdout):
            if where is None:
                hint = DEBIAN_PACKAGES.get(name)
                why = f"{name} not found" + (f" (Debian/Ubuntu: {hint})" if hint else "")
            elif name in direct and not is_system_library(name) and \
                    not Path(where).resolve().is_relative_to(internal):
                why = f"{name} comes from the build machine ({where}), not from the bundle"
            else:
                continue
            problems.setdefault(why, []).append(str(f.relative_to(bundle)))
    return [f"{why}: needed by {', '.join(users[:3])}" + (f" and {len(users) - 3} more"
                                                           if len(users) > 3 else "")
            for why, users in sorted(problems.items())]


def broken_links(bundle: Path) -> list[str]:
    return sorted(str(p.relative_to(bundle)) for p in bundle.rglob("*")
                  if p.is_symlink() and not p.exists())


def language_data_missing(bundle: Path) -> list[str]:
    """Babel locale files and Qt translations of the shipped languages that the build left
    out (Qt's only where the installed Qt has them)."""
    internal = bundle / ("Contents/Resources" if sys.platform == "darwin" else "_internal")
    missing = [f"babel/locale-data/{code}.dat" for code in sorted(babel_locales(LANGUAGES))
               if not (internal / "babel" / "locale-data" / f"{code}.dat").is_file()]
    import PySide6  # the bundle is built with the window: PySide6 is there

    qt_src = Path(PySide6.__file__).parent / "Qt" / "translations"
    bundled = {p.name for p in internal.rglob("*.qm")}
    for code in sorted(qt_translation_names(LANGUAGES)):
        for kind in ("qt", "qtbase"):
            name = f"{kind}_{code}.qm"
            if (qt_src / name).is_file() and name not in bundled:
                missing.append(name)
    return missing


def verify_bundle(bundle: Path) -> list[str]:
    """Checks on the built folder that need no running program; raises PackageError."""
    lines = []
    for role, rel in program_files().items():
        if not (bundle / rel).is_file():
            raise PackageError(f"the {role} program {rel} is not in the bundle")
    rels = [str(p.relative_to(bundle)) for p in bundle.rglob("*")]
    clash = case_collisions(rels)
    if clash:
        raise PackageError("names that differ only by case (one file on Windows and macOS): "
                           + "; ".join(f"{a} / {b}" for a, b in clash[:5]))
    lines.append(f"ok  {len(rels)} paths, no two differ only by case; programs: "
                 + ", ".join(program_files().values()))
    broken = broken_links(bundle)
    if broken:
        raise PackageError("broken symbolic links in the bundle: " + ", ".join(broken))
    lines.append("ok  no broken symbolic links")
    missing = language_data_missing(bundle)
    if missing:
        raise PackageError("language data left out: " + ", ".join(missing))
    lines.append(f"ok  Qt and Babel data for {', '.join(LANGUAGES)} (Babel: "
                 f"{', '.join(sorted(babel_locales(LANGUAGES)))})")
    if sys.platform.startswith("linux"):
        problems = library_problems(bundle)
        if problems:
            raise PackageError(
                "the bundle does not carry what it needs (install the build machine's "
                "libraries with `make sysdeps` as root, then build again):\n  "
                + "\n  ".join(problems))
        lines.append("ok  ldd: every library of every program and Qt plugin is in the bundle "
                     "or one the system provides (glibc, libstdc++, GL/EGL, libxcb, "
                     "libwayland, fontconfig, FreeType, zlib, expat, libcups)")
    return lines


# -- smoke test -------------------------------------------------------------------------------
@dataclass
class Smoke:
    lines: list[str]
    seconds: dict[str, float]


def _clean_env(tmp: Path) -> dict[str, str]:
    home, tmpdir, run = tmp / "home", tmp / "tmp", tmp / "run"
    for d in (home, tmpdir, run):
        d.mkdir(mode=0o700, exist_ok=True)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "TMPDIR": str(tmpdir),
           "XDG_RUNTIME_DIR": str(run), "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    if sys.platform.startswith("win"):  # Windows needs these to run anything at all
        for k in ("SystemRoot", "SYSTEMROOT", "WINDIR", "LOCALAPPDATA", "APPDATA",
                  "USERPROFILE", "TEMP", "TMP"):
            if k in os.environ:
                env[k] = os.environ[k]
    return env


def _run(argv: list[str], env: dict[str, str], cwd: Path, stdin: str | None = None,
         timeout: float = 300) -> tuple[subprocess.CompletedProcess[str], float]:
    t0 = time.monotonic()
    proc = subprocess.run(argv, env=env, cwd=cwd, input=stdin, capture_output=True,  # noqa: S603
                          text=True, timeout=timeout, check=False)
    return proc, time.monotonic() - t0


def _no_english(lang: str, english: dict[str, str]
                ) -> Callable[[subprocess.CompletedProcess[str]], bool]:
    """A smoke-test judge: a full report, and no English sentence outside its evidence."""
    def judge(p: subprocess.CompletedProcess[str]) -> bool:
        left = english_left(p.stdout, english)
        if left:
            raise PackageError(f"English outside the evidence lines of a {lang} scan: "
                               f"{left[:5]}")
        return p.stdout.count("\n") > 20
    return judge


def _resources_rel() -> str:
    return "Contents/Resources/resources" if sys.platform == "darwin" else "_internal/resources"


def _files_under(*dirs: Path) -> list[str]:
    return sorted(str(p) for d in dirs for p in d.rglob("*"))


def smoke_test(bundle: Path) -> Smoke:
    """Run the bundled program from a copy in a fresh folder, with an empty environment."""
    lines: list[str] = []
    secs: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="checkup-smoke-") as t:
        tmp = Path(t)
        copy = tmp / "app" / bundle.name
        shutil.copytree(bundle, copy, symlinks=True)
        env = _clean_env(tmp)
        work = tmp / "work"
        work.mkdir()
        exe = str(cli_program(copy))
        window = str(window_program(copy))
        if os.path.samefile(exe, window):
            raise PackageError(f"{exe} and {window} are one file")

        def check(name: str, argv: list[str], ok: object, stdin: str | None = None,
                  codes: tuple[int, ...] = (0,), program: str = exe,
                  run_env: dict[str, str] | None = None,
                  wrap: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
            proc, secs[name] = _run([*wrap, program, *argv], run_env or env, work, stdin)
            if proc.returncode not in codes or (callable(ok) and not ok(proc)):
                raise PackageError(f"smoke test '{name}' failed (exit {proc.returncode}):\n"
                                   f"{proc.stdout[-1500:]}\n{proc.stderr[-1500:]}")
            lines.append(f"ok  {name} ({secs[name]:.2f} s)")
            return proc

        check("--version", ["--version"], lambda p: __version__ in p.stdout)

        def json_ok(p: subprocess.CompletedProcess[str]) -> bool:
            data = json.loads(p.stdout)
            return data.get("format") == "checkup-report" and len(data.get("findings", [])) > 5

        check("scan --json (this machine)", ["scan", "--json"], json_ok, codes=(0, 1))
        demo = copy / _resources_rel() / "scenarios" / f"{SMOKE_SCENARIO}.json"
        pots = sorted((ROOT / "resources" / "translations").glob("*.pot"))
        for lang in ("es", "ar"):
            check(f"scan --lang {lang} (demo machine, no English outside the evidence)",
                  ["scan", "--lang", lang, "--replay", str(demo)],
                  _no_english(lang, english_fragments(lang, pots)), codes=(0, 1))
        report = work / "report.html.age"
        check("scan --html --encrypt", ["scan", "--only", "os-supported", "--html", str(report),
                                        "--encrypt"], lambda p: report.is_file(),
              stdin=SMOKE_PASSPHRASE + "\n", codes=(0, 1))
        check("open-report", ["open-report", str(report)],
              lambda p: p.stdout.lstrip().lower().startswith("<!doctype html"),
              stdin=SMOKE_PASSPHRASE + "\n")
        check("open-report, wrong passphrase", ["open-report", str(report)],
              lambda p: not p.stdout and "passphrase" in p.stderr, stdin="not the passphrase\n",
              codes=(3,))
        def shown(p: subprocess.CompletedProcess[str]) -> bool:
            return "window shown" in p.stdout and "demo scan:" in p.stdout

        check(f"{Path(window).name} --smoke-test (offscreen)", ["--smoke-test"], shown,
              program=window)
        check(f"{Path(exe).name} --smoke-test (the window from the command line)",
              ["--smoke-test"], shown)
        xvfb = shutil.which("xvfb-run") if sys.platform.startswith("linux") else None
        if xvfb:
            check(f"{Path(window).name} --smoke-test under Xvfb (xcb)", ["--smoke-test"], shown,
                  program=window, run_env={**env, "QT_QPA_PLATFORM": "xcb"},
                  wrap=(xvfb, "-a", "-s", "-screen 0 1280x800x24"))
        elif sys.platform.startswith("linux"):
            lines.append("--  xvfb-run not installed: the window was shown offscreen only")
        # CHECKUP_RESOURCES is a developer switch (checks/engine/developer.py, left out of
        # the bundle): pointed at an empty folder, the bundle must still read its own data
        check("CHECKUP_RESOURCES is ignored (a developer switch only)",
              ["scan", "--only", "os-supported", "--json"],
              lambda p: "is missing" not in p.stdout and json.loads(p.stdout)["findings"],
              codes=(0, 1), run_env={**env, "CHECKUP_RESOURCES": str(work / "nowhere")})
        check("forget", ["forget"], lambda p: "nothing" in p.stdout.lower())
        left = _files_under(Path(env["HOME"]), Path(env["TMPDIR"]))
        if left:
            raise PackageError("the bundle wrote files of its own: " + ", ".join(left[:10]))
        lines.append("ok  nothing written under HOME or TMPDIR")
    return Smoke(lines, secs)


# -- archive, checksums, signature ------------------------------------------------------------
def _epoch() -> int:
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT,  # noqa: S607
                             capture_output=True, text=True, check=True, timeout=30)
        return int(out.stdout.strip())
    except (OSError, ValueError, subprocess.SubprocessError):
        return 0


def _mode(path: Path) -> int:
    """The mode an archive records: 0755 for folders and programs, 0644 for other files,
    whatever the build machine's umask made of them."""
    if path.is_symlink():
        return 0o777
    if path.is_dir() or path.stat().st_mode & 0o111:
        return 0o755
    return 0o644


def _members(bundle: Path) -> list[tuple[Path, str]]:
    """Every path of the bundle and its name in the archive, sorted by that name."""
    top = bundle.name
    return sorted([(bundle, top)] + [(p, f"{top}/{p.relative_to(bundle).as_posix()}")
                                     for p in bundle.rglob("*")], key=lambda m: m[1])


def write_tar_gz(bundle: Path, target: Path, epoch: int) -> None:
    """A reproducible .tar.gz: sorted names, the commit's time on every entry, owner 0 with
    no names, modes normalised, and a gzip header without a time or a file name."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path, name in _members(bundle):
            info = tar.gettarinfo(str(path), arcname=name)
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.mtime = epoch
            info.mode = _mode(path)
            if info.isfile():
                with path.open("rb") as fh:
                    tar.addfile(info, fh)
            else:
                tar.addfile(info)
    with target.open("wb") as out, gzip.GzipFile(filename="", mode="wb", fileobj=out,
                                                 mtime=0, compresslevel=9) as gz:
        gz.write(raw.getvalue())


def write_zip(bundle: Path, target: Path, epoch: int) -> None:
    """A reproducible .zip: sorted names, one fixed time (the commit's, 1980 at the
    earliest: zip cannot say earlier), normalised permissions, no extra fields."""
    stamp = time.gmtime(max(epoch, 315532800))[:6]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED,
                         compresslevel=9) as zf:
        for path, name in _members(bundle):
            if path.is_symlink():
                info = zipfile.ZipInfo(name, stamp)
                info.external_attr = (0o120000 | 0o777) << 16
                info.create_system = 3
                zf.writestr(info, os.readlink(path))
                continue
            info = zipfile.ZipInfo(name + ("/" if path.is_dir() else ""), stamp)
            info.create_system = 3
            info.external_attr = ((0o040000 if path.is_dir() else 0o100000)
                                  | _mode(path)) << 16
            if path.is_dir():
                zf.writestr(info, b"")
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, path.read_bytes(), compresslevel=9)


def archive(bundle: Path) -> Path:
    name = f"checkup-{__version__}-{system_tag()}"
    if sys.platform.startswith("linux"):
        target = DIST / f"{name}.tar.gz"
        write_tar_gz(bundle, target, _epoch())
        return target
    if sys.platform == "darwin":  # ditto keeps the extended attributes a signed .app needs
        target = DIST / f"{name}.zip"
        subprocess.run(["ditto", "-c", "-k", "--keepParent", str(bundle), str(target)],  # noqa: S603,S607
                       check=True)
        return target
    target = DIST / f"{name}.zip"
    write_zip(bundle, target, _epoch())
    return target


def member_digests(path: Path) -> dict[str, str]:
    """Archive member -> SHA-256 of its content and metadata (to say what two builds differ in)."""
    out: dict[str, str] = {}
    if path.name.endswith(".tar.gz"):
        with tarfile.open(path, "r:gz") as tar:
            for m in tar:
                data = tar.extractfile(m).read() if m.isfile() else m.linkname.encode()  # type: ignore[union-attr]
                meta = f"{m.mode:o} {m.mtime} {m.uid} {m.gid} {m.type!r}".encode()
                out[m.name] = hashlib.sha256(meta + b"\0" + data).hexdigest()
    else:
        with zipfile.ZipFile(path) as zf:
            for i in zf.infolist():
                meta = f"{i.external_attr} {i.date_time}".encode()
                out[i.filename] = hashlib.sha256(meta + b"\0" + zf.read(i)).hexdigest()
    return out


def differences(first: Path, second: Path) -> list[str]:
    a, b = member_digests(first), member_digests(second)
    names = sorted(set(a) | set(b))
    return [n for n in names if a.get(n) != b.get(n)]


def sign_release(files: list[Path]) -> tuple[Path, Path, Path | None, str]:
    """SHA256SUMS over ``files`` and its signature, made by the minisign tool. Returns (sums,
    sig, ephemeral public key file or None, public key line)."""
    from tools.sign import sha256sums, sign_file, throwaway_key

    sums = DIST / "SHA256SUMS"
    sums.write_text(sha256sums(files, DIST), encoding="utf-8")
    key_path = os.environ.get("CHECKUP_SIGNING_KEY")
    if key_path:
        from checks.engine.minisign import PublicKey

        pub_file = os.environ.get("CHECKUP_SIGNING_PUBLIC_KEY") or str(
            ROOT / "packaging" / "keys" / "release.pub")
        sig = sign_file(sums, Path(key_path), f"checkup {__version__} {system_tag()} release")
        return sums, sig, None, PublicKey.parse(Path(pub_file).read_text(encoding="ascii")).line()
    # a one-time key, made by minisign in a temporary folder: its secret half is deleted
    # with the folder when signing is done
    with tempfile.TemporaryDirectory(prefix="checkup-ephemeral-") as tmp:
        secret, pub = throwaway_key(Path(tmp))
        sig = sign_file(sums, secret, f"checkup {__version__} {system_tag()} DEVELOPMENT BUILD "
                        "signed with a throw-away key: not a release")
    ephemeral_pub = DIST / EPHEMERAL_PUB
    ephemeral_pub.write_text("untrusted comment: EPHEMERAL DEVELOPMENT KEY, made for one "
                             f"build: NOT A RELEASE KEY\n{pub.line()}\n", encoding="ascii")
    return sums, sig, ephemeral_pub, pub.line()


def verify_release(sums: Path, sig: Path, pub_line: str) -> list[str]:
    from checks.engine.minisign import PublicKey
    from tools.sign import SignError, verify_bytes

    pub = PublicKey.parse(pub_line)
    lines = []
    trusted = verify_bytes(sums.read_bytes(), sig.read_text(encoding="utf-8"), pub)
    lines.append(f"ok  signature verified (checks/engine/minisign.py): {trusted}")
    for line in sums.read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        if hashlib.sha256((DIST / name).read_bytes()).hexdigest() != digest:
            raise PackageError(f"checksum mismatch for {name}")
    lines.append("ok  SHA256SUMS matches the archive")
    tampered = sums.read_bytes().replace(b"0", b"1", 1)
    try:
        verify_bytes(tampered, sig.read_text(encoding="utf-8"), pub)
    except SignError:
        lines.append("ok  a tampered SHA256SUMS is rejected")
    else:
        raise PackageError("a tampered SHA256SUMS verified: the signature check is broken")
    tool = shutil.which("minisign")
    if tool:
        proc = subprocess.run([tool, "-Vm", str(sums), "-x", str(sig), "-P", pub_line],  # noqa: S603
                              capture_output=True, text=True, check=False, timeout=60)
        if proc.returncode != 0:
            raise PackageError(f"minisign rejected the signature: {proc.stderr.strip()}")
        lines.append("ok  signature verified by the minisign tool")
    else:
        lines.append("--  minisign tool not installed: verified with checks/engine/minisign.py "
                     "only")
    return lines


# -- facts for the report ---------------------------------------------------------------------
def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


_GLIBC = re.compile(rb"GLIBC_2\.(\d+)(?:\.\d+)?\x00")


def glibc_needed(files: list[Path]) -> str:
    """The newest glibc symbol version any of these ELF files asks for ("2.34")."""
    best = 0
    for f in files:
        try:
            with f.open("rb") as fh:
                if fh.read(4) != b"\x7fELF":
                    continue
                data = fh.read()
        except OSError:
            continue
        for m in _GLIBC.finditer(data):
            best = max(best, int(m.group(1)))
    return f"2.{best}" if best else "?"


def qt_wheel_tag() -> str:
    from importlib.metadata import PackageNotFoundError, distribution

    for name in ("PySide6-Essentials", "PySide6"):
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            continue  # installed under the other name
        wheel = dist.read_text("WHEEL") or ""
        tags = [x.split(":", 1)[1].strip() for x in wheel.splitlines()
                if x.startswith("Tag:")]
        return f"{name} {dist.version} ({', '.join(tags)})"
    return "PySide6 (wheel tag unknown)"


def glibc_report(bundle: Path) -> list[str]:
    files = [p for p in bundle.rglob("*") if p.is_file()]
    qt = [p for p in files if "PySide6" in p.parts or "shiboken6" in p.parts
          or p.name.startswith(("libQt6", "libicu"))]
    rest = [p for p in files if p not in set(qt)]
    return [f"Qt wheel: {qt_wheel_tag()}",
            f"glibc needed by the whole bundle (window): {glibc_needed(files)}",
            f"glibc needed without Qt (command line): {glibc_needed(rest)}",
            f"this machine: glibc {platform.libc_ver()[1] or '?'}"]


# -- bench ------------------------------------------------------------------------------------
def _drop_cache(folder: Path) -> bool:
    """Ask the kernel to forget the folder's pages (no root needed), so a start is cold."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return False
    for p in folder.rglob("*"):
        if p.is_file() and not p.is_symlink():
            try:
                fd = os.open(p, os.O_RDONLY)
                try:
                    advise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                finally:
                    os.close(fd)
            except OSError:
                pass
    return True


def bench_bundle(runs: int = 3) -> list[str]:
    """Bundle size and cold/warm start times (used by ``make bench``)."""
    bundle = bundle_dir()
    exe = cli_program(bundle)
    if not exe.exists():
        return ["bundle: not built (run `make package` first)"]
    out = [f"bundle {bundle.relative_to(ROOT)}: {folder_size(bundle) / 2**20:.1f} MiB on disk"]
    archives = sorted(DIST.glob(f"checkup-{__version__}-*.*"))
    for a in archives:
        if a.suffix in (".gz", ".zip"):
            out.append(f"archive {a.name}: {a.stat().st_size / 2**20:.1f} MiB")
    with tempfile.TemporaryDirectory(prefix="checkup-bench-bundle-") as t:
        tmp = Path(t)
        copy = tmp / "app" / bundle.name
        shutil.copytree(bundle, copy, symlinks=True)
        env = _clean_env(tmp)
        prog = str(cli_program(copy))
        for label, argv in (("--version", ["--version"]),
                            ("scan --json (live)", ["scan", "--json"]),
                            ("window --smoke-test", ["--smoke-test"])):
            cold, warm = [], []
            for _ in range(runs):
                dropped = _drop_cache(copy)
                proc, s = _run([prog, *argv], env, tmp)
                if proc.returncode not in (0, 1):
                    out.append(f"{label}: failed (exit {proc.returncode})")
                    break
                cold.append(s)
                warm.append(_run([prog, *argv], env, tmp)[1])
            if cold:
                kind = "cold (page cache dropped)" if dropped else "first run"
                out.append(f"start {label:22} {kind}: {sorted(cold)[len(cold) // 2]:.2f} s, "
                           f"warm: {sorted(warm)[len(warm) // 2]:.2f} s (median of {runs})")
    return out


def print_bundle_bench() -> None:
    """One call from tools/bench.py."""
    print()
    print("Packaged bundle (tools/package.py)")
    for line in bench_bundle():
        print("  " + line)


def build_again(first_archive: Path) -> Path:
    """Build once more from the same commit and compare the archives byte for byte."""
    first = WORK.parent / f"first-build-{first_archive.name}"
    first.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(first_archive, first)
    _say("building a second time: the two archives must be byte-identical")
    bundle = build()
    verify_bundle(bundle)
    second = archive(bundle)
    a, b = (hashlib.sha256(p.read_bytes()).hexdigest() for p in (first, second))
    if a != b:
        diff = differences(first, second)
        raise PackageError(f"two builds of one commit differ (sha256 {a[:16]}... and "
                           f"{b[:16]}...): {len(diff)} member(s) differ, e.g. {diff[:8]}; "
                           f"the first archive is kept as {first.relative_to(ROOT)}")
    first.unlink()
    _say(f"ok  reproducible: both builds give {second.name} sha256 {b}")
    return second


# -- main -------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.package",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("what", nargs="?", default="all", choices=["all", "icons"])
    parser.add_argument("--no-build", action="store_true",
                        help="use the bundle already in dist/")
    parser.add_argument("--twice", action="store_true",
                        help="build a second time and fail unless both archives are "
                             "byte-identical (make package does)")
    args = parser.parse_args(argv)
    try:
        if args.what == "icons":
            for p in render_icons():
                _say(f"wrote {p.relative_to(ROOT)}")
            return 0
        t0 = time.monotonic()
        bundle = bundle_dir() if args.no_build else build()
        build_s = time.monotonic() - t0
        for line in verify_bundle(bundle):
            _say(line)
        _say("smoke test on a copy, outside the checkout, with an empty environment")
        smoke = smoke_test(bundle)
        for line in smoke.lines:
            _say(line)
        arc = archive(bundle)
        if args.twice and not args.no_build:
            arc = build_again(arc)
        sums, sig, ephemeral, pub_line = sign_release([arc])
        for line in verify_release(sums, sig, pub_line):
            _say(line)
        _say(f"bundle: {bundle.relative_to(ROOT)} {folder_size(bundle) / 2**20:.1f} MiB; "
             f"archive: {arc.name} {arc.stat().st_size / 2**20:.1f} MiB; "
             f"build {build_s:.0f} s")
        if sys.platform.startswith("linux"):
            for line in glibc_report(bundle):
                _say(line)
        _say(f"checksums: {sums.relative_to(ROOT)}; signature: {sig.relative_to(ROOT)}")
        if ephemeral is not None:
            _say(f"signed with a THROW-AWAY key (public half: {ephemeral.relative_to(ROOT)}): "
                 "a development build, not a release")
        _say(f"verify: minisign -Vm {sums.relative_to(ROOT)} -P {pub_line}")
    except PackageError as exc:
        print(f"[package] FAILED: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
