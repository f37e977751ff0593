"""Build and sign a data pack (checks/engine/datapack.py) for maintainers.

    python -m tools.datapack build --out FILE --sequence N [--released YYYY-MM-DD]
                                   --secret KEY [--data FOLDER]

Reads every ``*.json`` of resources/data/ (or ``--data``), refuses the lot when a file is not
valid by the app's own rules (checks/engine/datafile.parse_data: a ``gathered`` date, a
``source`` on every entry; the os-support file also by its check's rules) or was gathered
after the release date, and signs the payload with the real ``minisign`` tool (``minisign -S``;
it asks for the key's password itself). The sequence must be higher than
resources/data-release.json's. The result is one file; check it with
``checkup data verify FILE`` or, for the signature alone, with minisign (README).
"""

from __future__ import annotations

import argparse
import base64
import json
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from checks.engine import datapack
from checks.engine.datafile import DataError, parse_data, read_json

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "resources" / "data"


class BuildError(Exception):
    pass


def collect(folder: Path, released: date) -> dict[str, Any]:
    """Every data file of ``folder``, each valid and gathered no later than ``released``."""
    files: dict[str, Any] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            raw = read_json(path)
            df = parse_data(path.stem, raw)
            if df.name == "os-support":
                from checks.catalog.os_supported.data import parse_support

                parse_support(df)
        except (OSError, ValueError, DataError) as exc:
            raise BuildError(f"{path.name}: {exc}") from None
        if df.gathered > released:
            raise BuildError(f"{path.name} was gathered on {df.gathered}, after the release "
                             f"date {released}")
        files[path.stem] = raw
    if not files:
        raise BuildError(f"no data files in {folder}")
    return files


def payload_bytes(files: dict[str, Any], released: date, sequence: int,
                  version: int = datapack.VERSION) -> bytes:
    payload = {"schema": datapack.FORMAT, "version": version,
               "released": released.isoformat(), "sequence": sequence, "files": files}
    return json.dumps(payload, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def sign(payload: bytes, secret: Path, comment: str) -> str:
    """The .minisig text the real minisign tool writes for ``payload``."""
    tool = shutil.which("minisign")
    if tool is None:
        raise BuildError("the minisign tool is not installed (https://jedisct1.github.io/"
                         "minisign/); packs are signed with it")
    with tempfile.TemporaryDirectory(prefix="checkup-pack-") as tmp:
        target = Path(tmp) / "payload.json"
        target.write_bytes(payload)
        proc = subprocess.run([tool, "-S", "-s", str(secret), "-m", str(target),  # noqa: S603
                               "-t", comment], check=False, timeout=600)
        if proc.returncode != 0:
            raise BuildError(f"minisign could not sign (exit {proc.returncode})")
        return (Path(tmp) / "payload.json.minisig").read_text(encoding="utf-8")


def envelope(payload: bytes, signature: str) -> str:
    return json.dumps({"format": datapack.FORMAT,
                       "payload": base64.b64encode(payload).decode("ascii"),
                       "signature": signature}, indent=1) + "\n"


def build(out: Path, sequence: int, released: date, secret: Path, folder: Path = DATA,
          minimum: int | None = None) -> None:
    floor = datapack.bundled_release().sequence if minimum is None else minimum
    if sequence <= floor:
        raise BuildError(f"sequence {sequence} is not higher than the bundled data's "
                         f"({floor}, resources/data-release.json)")
    payload = payload_bytes(collect(folder, released), released, sequence)
    if len(payload) * 4 // 3 > datapack.MAX_PACK_BYTES:
        raise BuildError("the pack would be larger than the app accepts")
    comment = f"checkup data pack {sequence} released {released.isoformat()}"
    text = envelope(payload, sign(payload, secret, comment))
    from checks.engine.safe_write import write_text

    write_text(out, text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.datapack",
                                     description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="build and sign a data pack")
    b.add_argument("--out", required=True, type=Path, help="the pack to write (a new file)")
    b.add_argument("--sequence", required=True, type=int)
    b.add_argument("--released", type=date.fromisoformat, default=date.today(),
                   help="release date (default: today)")
    b.add_argument("--secret", required=True, type=Path, help="minisign secret key")
    b.add_argument("--data", type=Path, default=DATA, help="folder of data files")
    args = parser.parse_args(argv)
    try:
        build(args.out, args.sequence, args.released, args.secret, args.data)
    except (BuildError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.out} (data pack {args.sequence}, released {args.released})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
