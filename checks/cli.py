"""The ``checkup`` command line. Runs without Qt; only ``checkup`` with no arguments (the
window) needs PySide6.

    checkup [--lang L] [...]     open the window (options: see desktop/app.py)
    checkup scan [--json] [--html FILE] [--replay SNAPSHOT] [--only ID[,ID]] [--lang LANG]
                 [--data PACK]
    checkup data verify PACK | checkup data keep PACK     (checks/privacy/pack_cli.py)
    checkup record FILE [--only ID[,ID]] [--no-redact] [--force]
    checkup list [--json]

Exit status: 0 nothing failed, 1 at least one check failed, 2 bad usage or an unusable
snapshot (one line on stderr, never a traceback).

Subcommands are small functions registered with ``@subcommand``; a module of another part
of Checkup can add its own by defining them and being listed in ``COMMAND_MODULES``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from checks import APP_NAME, __version__
from checks.engine.host import Host
from checks.engine.i18n import (
    LANGUAGES,
    N_,
    PSEUDO,
    Message,
    Translator,
    msg,
    msg_n,
    translator,
)
from checks.engine.ui_language import system_language

if TYPE_CHECKING:
    from checks.engine.registry import Check

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
# `checkup --lang ar` etc. open the window with that option (see desktop/app.py).
WINDOW_OPTIONS = ("--lang", "--larger-text", "--snapshot", "--scenario", "--smoke-test")
# Other modules that register subcommands (imported when present).
COMMAND_MODULES: tuple[str, ...] = ("checks.privacy.privacy_cli", "checks.privacy.pack_cli",
                                     "checks.content.questions")


class UsageError(Exception):
    """Bad usage or unusable input: one line on stderr, in the reader's language, exit 2.
    ``str()`` is the English line (for logs and tests)."""

    def __init__(self, message: Message | str) -> None:
        self.message = message
        super().__init__(message if isinstance(message, str)
                         else translator("en").render(message))

    def render(self, t: Translator) -> str:
        return self.message if isinstance(self.message, str) else t.render(self.message)


def _folder_problem(path: str) -> Message:
    return msg("{file} is a folder; give a file name", file=path)


def _exists_problem(path: str) -> Message:
    return msg("{file} already exists; choose another name or add --force", file=path)


def write_problem(path: str, exc: OSError) -> UsageError:
    """The one line for a save that failed (checks.engine.safe_write.WriteProblem or any OSError)."""
    from checks.engine.safe_write import WriteProblem, shown_path

    if isinstance(exc, WriteProblem):
        if exc.kind == "exists":  # the command line can say how to replace it
            return UsageError(_exists_problem(shown_path(path)))
        return UsageError(exc.message)
    return UsageError(msg("cannot write {file}: {reason}", file=shown_path(path),
                          reason=str(exc.strerror or exc)))


@dataclass(frozen=True)
class Subcommand:
    name: str
    help: str  # N_()-marked
    setup: Callable[[argparse.ArgumentParser, Translator], None]
    run: Callable[[argparse.Namespace, Translator], int]


SUBCOMMANDS: dict[str, Subcommand] = {}


def subcommand(
    name: str, help: str, setup: Callable[[argparse.ArgumentParser, Translator], None]
) -> Callable[[Callable[[argparse.Namespace, Translator], int]],
              Callable[[argparse.Namespace, Translator], int]]:
    """Register ``run(args, t) -> exit status`` as ``checkup <name>``."""

    def register(run: Callable[[argparse.Namespace, Translator], int]
                 ) -> Callable[[argparse.Namespace, Translator], int]:
        SUBCOMMANDS[name] = Subcommand(name, help, setup, run)
        return run

    return register


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see: {self.prog} --help)\n")


def _err(text: str) -> None:
    print(f"{APP_NAME.lower()}: {' '.join(text.split())}", file=sys.stderr)


def _out(text: str, stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    try:
        stream.write(text if text.endswith("\n") else text + "\n")
    except UnicodeEncodeError:
        enc = getattr(stream, "encoding", None) or "ascii"
        stream.write(text.encode(enc, "replace").decode(enc) + "\n")
    stream.flush()


def _can_print(chars: str, stream: TextIO | None = None) -> bool:
    enc = getattr(stream or sys.stdout, "encoding", None) or "ascii"
    try:
        chars.encode(enc)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _lang_arg(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("--lang", metavar="LANG", choices=[*LANGUAGES, PSEUDO],
                        help=t.gettext(N_("language of the output: {langs}")).format(
                            langs=", ".join(LANGUAGES)))


def _only_arg(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("--only", metavar="ID[,ID]",
                        help=t.gettext(N_("only these checks (see: checkup list)")))


def _selected(only: str | None) -> list[Check]:
    """The checks ``--only`` names (all of them without it)."""
    from checks.engine.runner import select_checks

    ids = [x.strip() for x in only.split(",") if x.strip()] if only else None
    if ids == []:
        raise UsageError(msg("--only needs at least one check id (see: checkup list)"))
    try:
        return select_checks(ids)
    except KeyError as exc:
        raise UsageError(msg("unknown check id: {id} (see: checkup list)", id=str(exc.args[0]))) from None


# -- scan --------------------------------------------------------------------------------------


def _setup_scan(p: argparse.ArgumentParser, t: Translator) -> None:
    p.add_argument("--json", action="store_true",
                   help=t.gettext(N_("print the report as JSON instead of text")))
    p.add_argument("--html", metavar="FILE",
                   help=t.gettext(N_("also save the report as an HTML page to FILE")))
    p.add_argument("--replay", metavar="SNAPSHOT",
                   help=t.gettext(N_("scan a recorded snapshot instead of this computer")))
    _only_arg(p, t)
    _lang_arg(p, t)
    p.add_argument("--data", metavar="FILE",
                   help=t.gettext(N_("use the newer dated facts of a signed data pack for this "
                                     "scan only (nothing is kept)")))
    p.add_argument("--no-redact", action="store_true",
                   help=t.gettext(N_("keep your user name and computer name in the report")))
    p.add_argument("--force", action="store_true",
                   help=t.gettext(N_("replace FILE if it already exists")))
    from checks.privacy.privacy_cli import ENCRYPT_HELP

    p.add_argument("--encrypt", action="store_true", help=t.gettext(ENCRYPT_HELP))


def _check_target(path: str, force: bool) -> Path:
    """A file the person asked us to write: refuse folders, links, existing files (unless
    --force) and folders that do not exist, before any work is done (checks.engine.safe_write)."""
    from checks.engine.safe_write import check_target

    target = os.path.expanduser(path)  # not Path(): it would drop a trailing "/"
    try:
        check_target(target, replace=force)
    except OSError as exc:
        raise write_problem(path, exc) from None
    return Path(target)


class _ProgressLine:
    """A one-line progress display on a terminal's stderr (carriage return and spaces: no
    escape codes an old Windows console would print)."""

    def __init__(self, t: Translator, stream: TextIO) -> None:
        self.t, self.stream, self.width = t, stream, 0

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, UnicodeEncodeError):
            pass

    def __call__(self, done: int, total: int, check_id: str, finding: object) -> None:
        line = self.t.render(msg("Checking… {done} of {total}", done=done, total=total))
        self.width = max(self.width, len(line))
        self._write("\r" + line.ljust(self.width))

    def clear(self) -> None:
        if self.width:
            self._write("\r" + " " * self.width + "\r")


def _progress_line(t: Translator) -> _ProgressLine | None:
    """None when stderr is not a terminal: a pipe or a file gets no progress."""
    stream = sys.stderr
    return _ProgressLine(t, stream) if getattr(stream, "isatty", lambda: False)() else None


def _write_new(path: str, text: str, force: bool) -> str:
    """Save ``text`` through checks.engine.safe_write; the saved path as printable text."""
    from checks.engine.safe_write import write_text

    try:
        return write_text(os.path.expanduser(path), text, replace=force)
    except OSError as exc:
        raise write_problem(path, exc) from None


def load_host(replay: str | None) -> tuple[Host, dict[str, str]]:
    """The host to scan and a description of the data source (live or snapshot)."""
    from checks.engine.host import LiveHost
    from checks.engine.snapshot import ReplayHost, Snapshot, SnapshotError

    if not replay:
        return LiveHost(), {"kind": "live"}
    try:
        snap = Snapshot.load(replay)
    except SnapshotError as exc:
        raise UsageError(msg("this file cannot be used as a recorded machine: {reason}",
                             reason=str(exc))) from None
    source = {
        "kind": "snapshot",
        "name": snap.name or Path(replay).stem,
        "file": Path(replay).name,
        "origin": str(snap.meta.get("origin") or "recorded"),
        "recorded_at": snap.recorded_at.isoformat(),
    }
    return ReplayHost(snap), source


@subcommand("scan", N_("check this computer (or a snapshot) and print what was found"),
            _setup_scan)
def cmd_scan(args: argparse.Namespace, t: Translator) -> int:
    from checks.engine import datapack
    from checks.privacy.pack_cli import data_for_scan

    checks = _selected(args.only)
    host, source = load_host(args.replay)
    if args.html:
        _check_target(args.html, args.force)  # before the passphrase and the scan
    data_for_scan(args.data, t)  # one set of dated facts for the whole run
    try:
        return _scan_and_report(args, t, checks, host, source)
    finally:
        datapack.use(None)


def _scan_and_report(args: argparse.Namespace, t: Translator, checks: list[Check], host: Host,
                     source: dict[str, str]) -> int:
    from checks.engine.model import Status
    from checks.engine.runner import run_scan
    from checks.reports.report import report_html, report_json, report_text

    passphrase = None
    if args.encrypt:
        from checks.privacy.privacy_cli import ask_new_passphrase

        passphrase = ask_new_passphrase(args, t)
    progress = _progress_line(t)
    try:
        result = run_scan(host, checks, source=source, progress=progress)
    finally:
        if progress is not None:
            progress.clear()
    redact = not args.no_redact
    if passphrase is not None:  # encrypted in memory: only ciphertext reaches the disk
        from checks.privacy.privacy_cli import save_encrypted

        html = report_html(result, t.lang, redact=redact)
        saved = save_encrypted(args.html, html, passphrase, args.force, t)
    elif args.html:
        html = report_html(result, t.lang, redact=redact)
        saved = _write_new(args.html, html, args.force)
    if args.json:
        from checks.engine.plain_text import json_text

        _out(json_text(report_json(result, t.lang, redact=redact), indent=2))
    else:
        ascii_only = not _can_print("✔✘⚠–·")
        _out(report_text(result, t.lang, redact=redact, ascii_only=ascii_only))
        if not args.html and any(f.status in (Status.FAIL, Status.ATTENTION)
                                 for f in result.findings):
            _out(t.render(msg("How to fix each point, step by step: open the Checkup window, "
                              "or save a report with the steps: checkup scan --html "
                              "report.html")))
    if args.html:
        saved_msg = msg("Report saved to {file}", file=str(saved)) if passphrase is None else \
            msg("Protected report saved to {file}: only the passphrase opens it. To read it, "
                "run: checkup open-report {file}", file=str(saved))
        _out(t.render(saved_msg), sys.stderr if args.json else None)
    return EXIT_FAIL if any(f.status is Status.FAIL for f in result.findings) else EXIT_OK


# -- record ------------------------------------------------------------------------------------


def _setup_record(p: argparse.ArgumentParser, t: Translator) -> None:
    p.add_argument("file", metavar="FILE",
                   help=t.gettext(N_("where to save the snapshot (a new file)")))
    _only_arg(p, t)
    p.add_argument("--no-redact", action="store_true",
                   help=t.gettext(N_("keep user name, computer name, serial numbers and MAC "
                                     "addresses in the snapshot")))
    p.add_argument("--name", help=t.gettext(N_("a name for the snapshot")))
    p.add_argument("--force", action="store_true",
                   help=t.gettext(N_("replace FILE if it already exists")))
    _lang_arg(p, t)


@subcommand("record", N_("save a snapshot of this computer for replay elsewhere"),
            _setup_record)
def cmd_record(args: argparse.Namespace, t: Translator) -> int:
    from checks.engine.host import LiveHost
    from checks.engine.runner import run_scan
    from checks.engine.snapshot import RecordingHost
    from checks.privacy.redact import KIND_LABELS, local_identity, redact_snapshot

    target = _check_target(args.file, args.force)
    checks = _selected(args.only)
    live = LiveHost()
    rec = RecordingHost(live)
    run_scan(rec, checks)
    # the default name is the file's, which the person may have named after themselves:
    # it is redacted with the rest (meta is scrubbed as text)
    meta = {"name": args.name or target.stem}
    snap = rec.snapshot([c.id for c in checks], meta)
    if args.no_redact:
        _out(t.render(msg("Not redacted: the snapshot may contain your user name, computer "
                          "name, serial numbers and MAC addresses.")))
    else:
        identity = local_identity(live.platform)
        snap, replaced = redact_snapshot(snap, identity)
        done = [(k, n) for k, n in replaced.items() if n]
        if done:
            _out(t.render(msg("Replaced with placeholders before saving:")))
            for kind, n in sorted(done):
                _out("  - " + t.render(msg_n("{what}: {n} time", "{what}: {n} times", n,
                                             what=Message(KIND_LABELS[kind]))))
        if not identity.knows_person:
            # as root, or with a generic login or computer name, the names that identify
            # the person are not known: never claim that nothing identifying is left
            _out(t.render(msg("Checkup could not tell which user name and computer name "
                              "are yours, so some may still be in the snapshot: look "
                              "through it before you share it.")))
        elif not done:
            _out(t.render(msg("Nothing identifying was found to replace.")))
    saved = _write_new(str(target), snap.text(), args.force)
    _out(t.render(msg_n("Snapshot of {n} check saved to {file}",
                        "Snapshot of {n} checks saved to {file}", len(checks),
                        file=str(saved))))
    return EXIT_OK


# -- list --------------------------------------------------------------------------------------


def _setup_list(p: argparse.ArgumentParser, t: Translator) -> None:
    p.add_argument("--json", action="store_true", help=t.gettext(N_("print the list as JSON")))
    _lang_arg(p, t)


@subcommand("list", N_("list the checks with their ids and platforms"), _setup_list)
def cmd_list(args: argparse.Namespace, t: Translator) -> int:
    from checks.engine.registry import all_checks

    checks = all_checks()
    if args.json:
        _out(json.dumps([{"id": c.id, "title": t.gettext(c.title),
                          "platforms": sorted(c.platforms)} for c in checks],
                        indent=2, ensure_ascii=False))
        return EXIT_OK
    if not checks:
        _out(t.render(msg("No checks are installed.")))
        return EXIT_OK
    width = max(len(c.id) for c in checks)
    titles = [t.gettext(c.title) for c in checks]
    twidth = max(len(x) for x in titles)
    for c, title in zip(checks, titles, strict=True):
        _out(f"{c.id.ljust(width)}  {title.ljust(twidth)}  {', '.join(sorted(c.platforms))}")
    return EXIT_OK


# -- main --------------------------------------------------------------------------------------


def _pre_lang(argv: Sequence[str]) -> str:
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return os.environ.get("CHECKUP_LANG") or system_language() or "en"


def build_parser(t: Translator) -> argparse.ArgumentParser:
    for mod in COMMAND_MODULES:  # in-tree modules: one that fails to import is a bug to see
        importlib.import_module(mod)
    parser = _Parser(prog="checkup", description=t.render(msg(
        "{app}: a local, offline digital-security self-check. Without a command it opens "
        "the window.", app=APP_NAME)))
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for sc in SUBCOMMANDS.values():
        p = sub.add_parser(sc.name, help=t.gettext(sc.help), description=t.gettext(sc.help))
        sc.setup(p, t)
    return parser


def open_window(argv: Sequence[str]) -> int:
    # PySide6 is optional: the "gui" extra of the package, and absent where Qt has no wheel
    # (an old or unusual system), where the command line still works. The window's own
    # modules are in-tree and imported plainly below.
    try:
        importlib.import_module("PySide6")
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("PySide6", "shiboken6", ""):
            raise
        _err("the window needs PySide6 (pip install 'digital-security-checkup[gui]'); "
             "the command line works without it: checkup scan, checkup list, "
             "checkup --help")
        return EXIT_USAGE
    from desktop.app import main as gui_main

    return int(gui_main(list(argv)) or 0)


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    if "--portable" in args_in:  # settings next to the program (checks/privacy/appdirs.py)
        from checks.privacy.appdirs import request_portable

        request_portable()
        args_in = [a for a in args_in if a != "--portable"]
    if not args_in or args_in[0].split("=")[0] in WINDOW_OPTIONS:
        return open_window(args_in)
    code = _pre_lang(args_in)
    t = translator(code if code in (*LANGUAGES, PSEUDO) else "en")
    parser = build_parser(t)
    try:
        args = parser.parse_args(args_in)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    if getattr(args, "lang", None):
        t = translator(args.lang)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    try:
        return SUBCOMMANDS[args.command].run(args, t)
    except UsageError as exc:
        _err(exc.render(t))
        return EXIT_USAGE
    except KeyboardInterrupt:
        _err(t.render(msg("cancelled")))
        return 130
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the closing flush
        except OSError:
            pass
        return EXIT_OK


if __name__ == "__main__":
    from checks import cli as _cli  # the imported module: one registry for COMMAND_MODULES

    sys.exit(_cli.main())
