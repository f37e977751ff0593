"""Command-line parts of "leave no trace": ``checkup forget``, ``checkup open-report FILE``
and the passphrase prompt behind ``checkup scan --html FILE --encrypt``.

Registered with checks/cli.py through ``COMMAND_MODULES``.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from checks.cli import (
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    _lang_arg,
    _out,
    subcommand,
    write_problem,
)
from checks.engine.i18n import N_, Message, Translator, msg, msg_n

EXIT_CANNOT_OPEN = 3  # open-report: wrong passphrase, damaged or foreign file
ENCRYPT_HELP = N_("protect the saved report with a passphrase (age format; open it with: "
                  "checkup open-report FILE)")


# -- passphrases ------------------------------------------------------------------------------
def read_passphrase(t: Translator, confirm: bool) -> str:
    """Ask on the terminal (nothing echoed); from a pipe, read one line of standard input."""
    if not sys.stdin or not sys.stdin.isatty():
        line = sys.stdin.readline() if sys.stdin else ""
        return line.rstrip("\r\n")
    first = getpass.getpass(t.render(msg("Passphrase: ")))
    if confirm:
        again = getpass.getpass(t.render(msg("The same passphrase again: ")))
        if again != first:
            raise UsageError(msg("the two passphrases differ; nothing was saved"))
    return first


def ask_new_passphrase(args: argparse.Namespace, t: Translator) -> str:
    """``scan --encrypt``: check the options, then ask for a new passphrase (twice). The
    target file itself is checked before this (cli._check_target)."""
    from checks.privacy.report_crypto import passphrase_problem

    if not getattr(args, "html", None):
        raise UsageError(msg("--encrypt protects a saved report: add --html FILE"))
    passphrase = read_passphrase(t, confirm=True)
    problem = passphrase_problem(passphrase)
    if problem is not None:
        raise UsageError(t.render(problem) + " " + t.render(msg("Nothing was saved.")))
    return passphrase


def save_encrypted(path: str, text: str, passphrase: str, force: bool,
                   t: Translator) -> str:
    """Encrypt ``text`` in memory and write only the ciphertext to ``path`` (through
    checks.engine.safe_write); the saved path as printable text."""
    from checks.engine.safe_write import utf8
    from checks.privacy.report_crypto import ReportCryptoError, write_encrypted

    target = os.path.expanduser(path)  # not Path(): it would drop a trailing "/"
    try:
        return write_encrypted(target, utf8(text), passphrase, force=force)
    except ReportCryptoError as exc:
        raise UsageError(t.render(exc.message)) from None
    except OSError as exc:
        raise write_problem(path, exc) from None


# -- forget -----------------------------------------------------------------------------------
def _setup_forget(p: argparse.ArgumentParser, t: Translator) -> None:
    p.add_argument("--dry-run", action="store_true",
                   help=t.gettext(N_("only list what would be deleted")))
    _lang_arg(p, t)


def forget_lines(result: object, t: Translator) -> list[str]:
    """What a person reads after forgetting (shared with the window)."""
    from checks.privacy.forget import ForgetResult

    assert isinstance(result, ForgetResult)
    lines: list[str] = []
    if result.nothing_found:
        lines.append(t.render(msg("Checkup had nothing stored on this computer: nothing "
                                  "needed to be deleted.")))
    if result.deleted:
        lines.append(t.render(msg_n("Deleted {n} item:", "Deleted {n} items:",
                                    len(result.deleted))))
        lines += [f"  - {d}" for d in result.deleted]
    if result.failed:
        lines.append(t.render(msg_n("Could not delete {n} item:", "Could not delete {n} items:",
                                    len(result.failed))))
        lines += [f"  - {what}: {why}" for what, why in result.failed]
    lines.append(t.render(OS_RECORDS_NOTE))
    return lines


OS_RECORDS_NOTE: Message = msg(
    "Your operating system may keep its own records of programs that ran, which no program "
    "can delete for you. The page “What your computer may record anyway” (in the Help menu "
    "of the window) lists them.")


@subcommand("forget", N_("delete everything Checkup stored on this computer (its settings) "
                         "and say what was deleted"), _setup_forget)
def cmd_forget(args: argparse.Namespace, t: Translator) -> int:
    from checks.privacy.forget import ForgetResult, forget_everything, stored

    if args.dry_run:
        found = stored()
        if not found:
            _out(t.render(msg("Checkup has nothing stored on this computer.")))
        else:
            _out(t.render(msg_n("{n} item would be deleted:", "{n} items would be deleted:",
                                len(found))))
        for where in found:
            _out(f"  - {where}")
        return EXIT_OK
    result: ForgetResult = forget_everything()
    for line in forget_lines(result, t):
        _out(line)
    return EXIT_OK if result.ok else 1


# -- open-report ------------------------------------------------------------------------------
def _setup_open(p: argparse.ArgumentParser, t: Translator) -> None:
    p.add_argument("file", metavar="FILE", help=t.gettext(N_("a protected report (.age)")))
    p.add_argument("--output", metavar="OUT",
                   help=t.gettext(N_("save an unprotected copy to OUT instead of showing it")))
    p.add_argument("--force", action="store_true",
                   help=t.gettext(N_("replace OUT if it already exists")))
    _lang_arg(p, t)


class _TextOf(HTMLParser):
    """Readable text of a report page: headings, paragraphs, list items on their lines."""

    BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "li", "tr", "br", "section", "header",
              "footer", "dt", "dd", "pre", "table", "ul", "ol"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script", "head"):
            self._skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")
            if tag == "li":
                self.parts.append("  - ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "head"):
            self._skip = max(0, self._skip - 1)
        elif tag in self.BLOCKS and tag != "li":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(re.sub(r"\s+", " ", data))

    def text(self) -> str:
        lines = [" ".join(x.split()) if not x.startswith("  - ") else "  - " + " ".join(
            x[4:].split()) for x in "".join(self.parts).split("\n")]
        out: list[str] = []
        for line in lines:
            if line.strip() or (out and out[-1]):
                out.append(line if line.strip() else "")
        return "\n".join(out).strip() + "\n"


def html_to_text(html: str) -> str:
    parser = _TextOf()
    parser.feed(html)
    parser.close()
    return parser.text()


@subcommand("open-report", N_("open a passphrase-protected report (asks for the passphrase)"),
            _setup_open)
def cmd_open_report(args: argparse.Namespace, t: Translator) -> int:
    from checks.privacy.report_crypto import ReportCryptoError, kind_of, read_encrypted

    if not Path(args.file).expanduser().is_file():
        raise UsageError(msg("{file}: no such file", file=args.file))
    if args.output:  # refuse a link, a folder or an existing file before the passphrase
        from checks.cli import _check_target

        _check_target(args.output, args.force)
    passphrase = read_passphrase(t, confirm=False)
    try:
        plain = read_encrypted(Path(args.file).expanduser(), passphrase)
    except ReportCryptoError as exc:
        print(f"checkup: {t.render(exc.message)}", file=sys.stderr)
        return EXIT_CANNOT_OPEN
    kind = kind_of(plain)
    if args.output:
        from checks.engine.safe_write import write_file

        try:
            saved = write_file(os.path.expanduser(args.output), plain, replace=args.force)
        except OSError as exc:
            raise write_problem(args.output, exc) from None
        _out(t.render(msg("An unprotected copy was saved to {file}. Delete it when you no "
                          "longer need it.", file=saved)), sys.stderr)
        return EXIT_OK
    if not sys.stdout.isatty():  # a pipe or a file: the report exactly as it was saved
        sys.stdout.buffer.write(plain)
        sys.stdout.flush()
        return EXIT_OK
    if kind == "pdf":
        raise UsageError(msg("this report is a PDF, which a terminal cannot show: add --output "
                             "FILE to save an unprotected copy"))
    text = plain.decode("utf-8", "replace")
    if kind == "html":
        text = html_to_text(text)
    elif kind == "json":
        try:
            text = json.dumps(json.loads(text), indent=2, ensure_ascii=False)
        except (ValueError, RecursionError):  # shown as it is
            pass
    # A terminal: escape what could steer it (a report may quote hostile machine text).
    from checks.engine.plain_text import terminal

    _out(terminal(text))
    return EXIT_OK


__all__ = ["EXIT_CANNOT_OPEN", "EXIT_USAGE", "ask_new_passphrase", "save_encrypted", "forget_lines",
           "html_to_text", "read_passphrase"]
