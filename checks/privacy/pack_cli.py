"""Command-line side of data packs (checks/engine/datapack.py):

    checkup data verify FILE     say what the pack holds and who signed it, or why it is refused
    checkup data keep FILE       keep it in the settings folder for later scans
    checkup scan --data FILE     (checks/cli.py) use it for this scan only

Registered with checks/cli.py through ``COMMAND_MODULES``. Every refusal is one line on
stderr, exit status 2, and changes nothing.
"""

from __future__ import annotations

import argparse
import sys

from checks.cli import EXIT_OK, EXIT_USAGE, UsageError, _lang_arg, _out, subcommand
from checks.engine import datapack
from checks.engine.datapack import DataPack, PackRefused
from checks.engine.i18n import N_, Message, Translator, msg


def signer_text(pack: DataPack) -> Message:
    if pack.signer == "release":
        return msg("the project's release key (key id {key})", key=pack.key_id)
    if pack.signer == "rotation":
        return msg("the project's rotation key (key id {key})", key=pack.key_id)
    # TRANSLATORS: a key only a developer's own copy of Checkup accepts, never a release
    return msg("a developer's test key (key id {key}); a released Checkup refuses it",
               key=pack.key_id)


def describe(pack: DataPack) -> list[Message]:
    """What a pack is, in a few lines (shared with the window)."""
    files = ", ".join(sorted(pack.files))
    return [
        msg("{file}: a Checkup data pack, number {sequence}, released {released}.",
            file=pack.label, sequence=pack.sequence, released=pack.released.isoformat()),
        msg("Signed with {signer}.", signer=signer_text(pack)),
        msg("Data files: {files}", files=files),
    ]


def verified_newer(path: str) -> DataPack:
    """The pack at ``path`` when it is usable and newer than what this Checkup has;
    UsageError (one line) otherwise."""
    from checks.privacy.kept_pack import verified_newer as check

    try:
        return check(path)
    except PackRefused as exc:
        raise UsageError(exc.message) from None


def _setup_data(p: argparse.ArgumentParser, t: Translator) -> None:
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    v = sub.add_parser("verify", help=t.gettext(N_("check a data pack and say what it holds")))
    v.add_argument("file", metavar="FILE")
    _lang_arg(v, t)
    k = sub.add_parser("keep", help=t.gettext(N_(
        "keep a data pack in the settings folder, for every later scan")))
    k.add_argument("file", metavar="FILE")
    _lang_arg(k, t)


@subcommand("data", N_("newer dated facts from a signed data pack: verify one, or keep it"),
            _setup_data)
def cmd_data(args: argparse.Namespace, t: Translator) -> int:
    if args.action == "keep":
        from checks.privacy.kept_pack import keep

        try:
            pack, where = keep(args.file)
        except PackRefused as exc:
            raise UsageError(exc.message) from None
        for line in describe(pack):
            _out(t.render(line))
        _out(t.render(msg("Kept in {folder}. Later scans use it; checkup forget removes it.",
                          folder=where)))
        return EXIT_OK
    pack = verified_newer(args.file)
    for line in describe(pack):
        _out(t.render(line))
    _out(t.render(msg("It is newer than the data this Checkup has. Use it for one scan: "
                      "checkup scan --data FILE; keep it for later scans: "
                      "checkup data keep FILE")))
    return EXIT_OK


def data_for_scan(path: str | None, t: Translator) -> DataPack | None:
    """Before a scan: the pack given with ``--data`` (for this run only), else the kept one;
    put in use for the whole run. One line on stderr says which, or why the kept one is
    not used."""
    from checks.privacy.kept_pack import activate_kept

    if path:
        pack = verified_newer(path)
        datapack.use(pack)
        _out(t.render(msg("This scan uses the data pack {file} (number {sequence}, released "
                          "{released}).", file=pack.label, sequence=pack.sequence,
                          released=pack.released.isoformat())), sys.stderr)
        return pack
    kept, line = activate_kept()
    if line is not None:
        _out(t.render(line), sys.stderr)
    return kept


__all__ = ["EXIT_USAGE", "cmd_data", "data_for_scan", "describe", "verified_newer"]
