"""Translation catalogue workflow (Babel).

    python -m tools.i18n extract   write each part's template (.pot) from the code
    python -m tools.i18n update    extract, then merge templates into every language's .po
    python -m tools.i18n check     fail when a template is out of date with the code, or a
                                   shipped language misses or breaks a translation

Parts: ``engine`` (the core modules under checks/, listed in ENGINE_FILES), one per other
module directly under checks/ and one per catalogue module (checks/<name>.py or
checks/catalog/<name>.py -> part <name>), and ``desktop`` (desktop/**.py); a module with a
line ``# i18n-part: <name>`` near its top belongs to part <name> instead. Files:
resources/translations/<part>.pot and resources/translations/<lang>/<part>.po.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
KEYWORDS = {
    "msg": None,
    "msg_n": (1, 2),
    "N_": None,
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
}
SHIPPED = ("es", "ar")
_FIELD = re.compile(r"\{([a-zA-Z_][a-zA-Z0-9_]*)")


# A module of checks/ or desktop/ may belong to a part of its own: a line
# "# i18n-part: <name>" near its top moves its strings to resources/translations/<name>.pot.
_PART_MARK = re.compile(r"^# i18n-part: ([a-z_]+)[ \t]*$", re.M)


def _own_part(path: Path) -> str | None:
    m = _PART_MARK.search(path.read_text(encoding="utf-8")[:4000])
    return m.group(1) if m else None


# The engine part: the core under checks/ (its translators are the engine's maintainers).
# Any other module directly under checks/ (apps.py, guidance.py, summary.py, ...) is a part of
# its own, like each catalogue module, so that people working on different modules never edit
# the same translation file.
ENGINE_FILES = frozenset({
    "__init__.py", "cli.py", "context.py", "datafile.py", "host.py", "i18n.py", "model.py",
    "redact.py", "registry.py", "report.py", "report_html.py", "resources.py", "runner.py",
    "snapshot.py", "winfacts.py",
})


def parts() -> dict[str, list[Path]]:
    out: dict[str, list[Path]] = {"engine": []}

    def add(default: str, path: Path) -> None:
        out.setdefault(_own_part(path) or default, []).append(path)

    for mod in sorted((ROOT / "checks").glob("*.py")):
        add("engine" if mod.name in ENGINE_FILES else mod.stem, mod)
    for mod in sorted((ROOT / "checks" / "catalog").glob("*.py")):
        if mod.name != "__init__.py":
            add(mod.stem, mod)
    for mod in sorted((ROOT / "desktop").rglob("*.py")):
        add("desktop", mod)
    return out


def extract(files: list[Path]) -> Catalog:
    cat = Catalog(project="Checkup", charset="utf-8", fuzzy=False)
    for path in files:
        for lineno, message, comments, context in extract_from_file(
            "python", str(path), keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
        ):
            rel = path.relative_to(ROOT).as_posix()
            cat.add(message, None, [(rel, lineno)], auto_comments=comments, context=context)
    return cat


def _ids(cat: Catalog) -> set[str]:
    return {m.id if isinstance(m.id, str) else "\x00".join(m.id) for m in cat if m.id}


def _write(cat: Catalog, path: Path) -> None:
    buf = io.BytesIO()
    write_po(buf, cat, width=100, sort_output=True, include_lineno=False, omit_header=False)
    text = buf.getvalue().decode("utf-8")
    text = re.sub(r'"POT-Creation-Date: [^"]*"\n', "", text)
    text = re.sub(r'"PO-Revision-Date: [^"]*"\n', "", text)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=locale)


def cmd_extract() -> None:
    for part, files in parts().items():
        cat = extract(files)
        if len(cat):
            _write(cat, TRANSLATIONS / f"{part}.pot")


def cmd_update() -> None:
    cmd_extract()
    for part in parts():
        pot = TRANSLATIONS / f"{part}.pot"
        if not pot.exists():
            continue
        template = _read(pot)
        for lang in SHIPPED:
            po = TRANSLATIONS / lang / f"{part}.po"
            if po.exists():
                cat = _read(po, lang)
            else:
                cat = Catalog(locale=lang, project="Checkup", charset="utf-8", fuzzy=False)
            cat.update(template, update_header_comment=False)
            cat.obsolete.clear()  # old strings go; version control keeps them
            _write(cat, po)


def _problems() -> Iterator[str]:
    for part, files in parts().items():
        fresh = extract(files)
        pot = TRANSLATIONS / f"{part}.pot"
        if not len(fresh):
            continue
        if not pot.exists():
            yield f"{pot.relative_to(ROOT)} is missing: run `make i18n-update`"
            continue
        committed = _read(pot)
        if _ids(committed) != _ids(fresh):
            added = sorted(_ids(fresh) - _ids(committed))[:3]
            gone = sorted(_ids(committed) - _ids(fresh))[:3]
            yield (f"{pot.relative_to(ROOT)} is out of date with the code "
                   f"(new: {added}, gone: {gone}): run `make i18n-update`")
        for lang in SHIPPED:
            po = TRANSLATIONS / lang / f"{part}.po"
            if not po.exists():
                yield f"{po.relative_to(ROOT)} is missing"
                continue
            cat = _read(po, lang)
            for m in fresh:
                if not m.id:
                    continue
                tm = cat.get(m.id)
                strings = (tm.string if isinstance(tm.string, (list, tuple)) else [tm.string]) \
                    if tm is not None else []
                if tm is None or not all(strings) or tm.fuzzy:
                    yield f"{po.relative_to(ROOT)}: untranslated: {str(m.id)[:70]!r}"
                    continue
                ids = m.id if isinstance(m.id, (list, tuple)) else [m.id]
                want = set().union(*(set(_FIELD.findall(i)) for i in ids))
                for s in strings:
                    got = set(_FIELD.findall(s))
                    if not got <= want:
                        yield (f"{po.relative_to(ROOT)}: translation of {str(m.id)[:50]!r} "
                               f"uses unknown placeholders {sorted(got - want)}")


def cmd_check() -> int:
    problems = list(_problems())
    for p in problems[:60]:
        print(p, file=sys.stderr)
    if len(problems) > 60:
        print(f"... and {len(problems) - 60} more", file=sys.stderr)
    if problems:
        return 1
    print("translations: templates up to date, all shipped languages complete")
    return 0


def main(argv: list[str]) -> int:
    cmd = argv[1] if len(argv) > 1 else "check"
    if cmd == "extract":
        cmd_extract()
        return 0
    if cmd == "update":
        cmd_update()
        return 0
    if cmd == "check":
        return cmd_check()
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
