"""Translation catalogue workflow (Babel).

    python -m tools.i18n extract   write each part's template (.pot) from the code
    python -m tools.i18n update    extract, then merge templates into every language's .po
    python -m tools.i18n check     fail when a template is out of date with the code, or a
                                   shipped language misses or breaks a translation

Parts follow the packages (``part_of`` below): ``engine`` (checks/engine/ and the modules
directly under checks/), one per topic of the catalogue (checks/catalog/<topic>/) and
``readers`` (checks/catalog/readers/), ``content``, ``reports``, ``privacy`` and ``workshop``
(each with its desktop/ side where it has one), and ``desktop`` for the rest of the window.
Files: resources/translations/<part>.pot and resources/translations/<lang>/<part>.po.

Plural forms: a language's rule lives in the ``Plural-Forms`` header of its own ``.po`` files
(the runtime reads it from there, see checks/engine/i18n.py). A new ``.po`` file takes it from
PLURAL_FORMS below, never from the installed Babel's locale data; ``update`` keeps an existing
file's header as it is; ``check`` fails when the parts of a language disagree, when a header's
rule differs from PLURAL_FORMS, or when a plural entry lacks a form its header declares.
"""

from __future__ import annotations

import gettext
import io
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import PoFileError, read_po, write_po

from checks.engine.i18n import parse_plural_forms, po_header

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

# The Plural-Forms header a new catalogue of each language starts with. Fixed here, because
# Babel's (from CLDR) changes between releases: Babel 2.19 gives Spanish, French and Portuguese a
# third form for "1 000 000 de ..." and Persian two forms, and swaps Arabic forms 4 and 5.
# Sources: the GNU gettext manual, section "Plural forms" (gettext.info, node "Plural forms";
# https://www.gnu.org/software/gettext/manual/html_node/Plural-forms.html), and the CLDR plural
# rules (https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html)
# reduced to whole numbers. Keys are catalogue folder names (resources/translations/<key>/),
# matched exactly: pt_PT, say, has a different rule from pt_BR and needs an entry of its own.
# Chinese is keyed zh_CN (not zh_Hans): the gettext name, the one LANG/LANGUAGE carry and
# translation platforms use for Simplified Chinese.
PLURAL_FORMS: dict[str, str] = {
    # GNU manual, "two forms, singular used for one only" (Spanish among them). CLDR's "many"
    # for exact millions only matters for compact numbers ("1 M de"); we write numerals.
    "es": "nplurals=2; plural=(n != 1);",
    # GNU manual, "two forms, singular used for zero and one": French, Brazilian Portuguese.
    "fr": "nplurals=2; plural=(n > 1);",
    "pt_BR": "nplurals=2; plural=(n > 1);",
    # CLDR, Persian: one is "i = 0 or n = 1", so for whole numbers 0 and 1 take form 0 (the
    # manual does not list Persian).
    "fa": "nplurals=2; plural=(n > 1);",
    # GNU manual, "three forms, special cases for numbers ending in 1 and 2, 3, 4, except those
    # ending in 1[1-4]": Russian.
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
    # GNU manual, "only one form" (Chinese among the languages without plural inflection).
    "zh_CN": "nplurals=1; plural=0;",
    # CLDR's six Arabic categories: zero, one, two, few (n%100 in 3..10), then 100, 101, 102,
    # ... (n%100 in 0..2, CLDR "other") as form 4 and n%100 in 11..99 (CLDR "many") as form 5.
    # That is the order our Arabic catalogues were translated in (the rule Babel <= 2.18 gave);
    # the GNU manual lists the last two the other way round. Changing it means swapping
    # msgstr[4] and msgstr[5] in every Arabic part in the same commit.
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
          "n%100>=0 && n%100<=2 ? 4 : 5);",
}
# The numbers a plural rule is compared on: every count up to 1000 and two large ones.
SAMPLE_COUNTS = (*range(1001), 1_000_000, 1_000_001)


def plural_forms_for(lang: str) -> str:
    """The Plural-Forms header for a new catalogue of ``lang`` (from PLURAL_FORMS only)."""
    try:
        return PLURAL_FORMS[lang]
    except KeyError:
        raise SystemExit(f"no plural rule for {lang!r}: add its Plural-Forms to PLURAL_FORMS in "
                         "tools/i18n.py, with its source") from None
_FIELD = re.compile(r"\{([a-zA-Z_][a-zA-Z0-9_]*)")


# Where a module lives decides its part, so that people working on different parts of the
# code never edit the same translation file:
#   checks/*.py and checks/engine/**       -> engine
#   checks/catalog/<topic>/**              -> <topic>     (checks/catalog/readers/** -> readers)
#   checks/content|reports|privacy|workshop/** -> that name
#   desktop/privacy/**, desktop/workshop/**    -> privacy, workshop (with the engine's side)
#   any other desktop/**                    -> desktop
_DESKTOP_PARTS = frozenset({"privacy", "workshop"})


def part_of(rel: tuple[str, ...]) -> str:
    """The part of the module at ``rel`` (its path's parts, from the repository root)."""
    top, rest = rel[0], rel[1:]
    if top == "desktop":
        return rest[0] if len(rest) > 1 and rest[0] in _DESKTOP_PARTS else "desktop"
    if len(rest) == 1 or rest[0] == "engine":
        return "engine"
    if rest[0] == "catalog":
        return rest[1] if len(rest) > 2 else "engine"
    return rest[0]


def parts() -> dict[str, list[Path]]:
    out: dict[str, list[Path]] = {"engine": []}
    for base in ("checks", "desktop"):
        for mod in sorted((ROOT / base).rglob("*.py")):
            out.setdefault(part_of(mod.relative_to(ROOT).parts), []).append(mod)
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


def _render(cat: Catalog) -> str:
    buf = io.BytesIO()
    write_po(buf, cat, width=100, sort_output=True, include_lineno=False, omit_header=False)
    text = buf.getvalue().decode("utf-8")
    text = re.sub(r'"POT-Creation-Date: [^"]*"\n', "", text)
    text = re.sub(r'"PO-Revision-Date: [^"]*"\n', "", text)
    # The Babel version that wrote a file is no fact about its translations: keeping it would
    # rewrite every catalogue each time a machine with another Babel runs `update`.
    text = re.sub(r'"Generated-By: [^"]*"\n', "", text)
    return text


def _write(cat: Catalog, path: Path) -> None:
    _save(_render(cat), path)


def _save(text: str, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _read(path: Path, abort_invalid: bool = False) -> Catalog:
    # No locale=: a catalogue's plural rule is its own header's, not Babel's for the language.
    with path.open("rb") as fh:
        return read_po(fh, abort_invalid=abort_invalid)


def _plural_forms_of(text: str) -> str | None:
    return po_header(text).get("plural-forms")


def new_catalogue(lang: str) -> Catalog:
    """An empty catalogue for ``lang`` whose plural rule is PLURAL_FORMS's."""
    cat = Catalog(project="Checkup", charset="utf-8", fuzzy=False)
    cat.mime_headers = [("Language", lang), ("Plural-Forms", plural_forms_for(lang))]
    return cat


def update_po(template: Catalog, po: Path, lang: str) -> None:
    """Merge ``template`` into ``po`` (created when missing), keeping its Plural-Forms header.

    Babel writes the header from its own parse of it; the text is compared with the file's
    before anything is written, so a Babel that rewrote the rule stops the update instead.
    """
    if po.exists():
        cat = _read(po)
        want = _plural_forms_of(po.read_text(encoding="utf-8"))
        if want is None:  # a header without a rule gets the table's, never Babel's
            want = plural_forms_for(lang)
            cat.mime_headers = [("Plural-Forms", want)]
    else:
        cat, want = new_catalogue(lang), plural_forms_for(lang)
    cat.update(template, update_header_comment=False)
    cat.obsolete.clear()  # old strings go; version control keeps them
    text = _render(cat)
    got = _plural_forms_of(text)
    if got is None or "".join(got.split()) != "".join(want.split()):
        raise SystemExit(f"{_shown(po)}: writing it would change its Plural-Forms from {want!r} "
                         f"to {got!r}; nothing written")
    _save(text, po)


def _shown(path: Path) -> str:
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


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
            update_po(template, TRANSLATIONS / lang / f"{part}.po", lang)


def _problems() -> Iterator[str]:
    for part, files in parts().items():
        fresh = extract(files)
        pot = TRANSLATIONS / f"{part}.pot"
        if not len(fresh):
            continue
        if not pot.exists():
            yield f"{_shown(pot)} is missing: run `make i18n-update`"
            continue
        committed = _read(pot)
        if _ids(committed) != _ids(fresh):
            added = sorted(_ids(fresh) - _ids(committed))[:3]
            gone = sorted(_ids(committed) - _ids(fresh))[:3]
            yield (f"{_shown(pot)} is out of date with the code "
                   f"(new: {added}, gone: {gone}): run `make i18n-update`")
        for lang in SHIPPED:
            po = TRANSLATIONS / lang / f"{part}.po"
            if not po.exists():
                yield f"{_shown(po)} is missing"
                continue
            cat = _read(po)
            for m in fresh:
                if not m.id:
                    continue
                tm = cat.get(m.id)
                strings = (tm.string if isinstance(tm.string, (list, tuple)) else [tm.string]) \
                    if tm is not None else []
                # (a plural entry with only some forms empty: plural_problems says which)
                if tm is None or not any(strings) or tm.fuzzy:
                    yield f"{_shown(po)}: untranslated: {str(m.id)[:70]!r}"
                    continue
                ids = m.id if isinstance(m.id, (list, tuple)) else [m.id]
                want = set().union(*(set(_FIELD.findall(i)) for i in ids))
                for s in strings:
                    got = set(_FIELD.findall(s or ""))
                    if not got <= want:
                        yield (f"{_shown(po)}: translation of {str(m.id)[:50]!r} "
                               f"uses unknown placeholders {sorted(got - want)}")
    for lang in SHIPPED:
        yield from plural_problems(TRANSLATIONS / lang, lang)


def _rule_function(expr: str) -> Callable[[int], int] | str:
    """gettext's evaluator for a plural= expression, or why there is none."""
    try:
        return gettext.c2py(expr)
    except (ValueError, SyntaxError, RecursionError) as err:
        return str(err) or type(err).__name__


def _rule_problem(rule: tuple[int, str], table: tuple[int, str]) -> str | None:
    """How a header's rule differs from the table's, if it does."""
    if rule[0] != table[0]:
        return f"declares nplurals={rule[0]}, PLURAL_FORMS says {table[0]}"
    own, ref = _rule_function(rule[1]), _rule_function(table[1])
    if isinstance(own, str):
        return f"has a plural= expression gettext cannot evaluate ({own})"
    if isinstance(ref, str):
        return f"PLURAL_FORMS's own expression cannot be evaluated ({ref})"
    for n in SAMPLE_COUNTS:
        try:
            got = own(n)
        except ArithmeticError as err:
            return f"has a plural= expression that fails for n={n} ({err})"
        if got != ref(n):
            return f"picks form {got} for n={n} where PLURAL_FORMS picks form {ref(n)}"
    return None


def plural_problems(folder: Path, lang: str) -> Iterator[str]:
    """What is wrong with the plural forms of one language's catalogues in ``folder``: parts
    whose Plural-Forms headers are missing, malformed, differ from each other or from
    PLURAL_FORMS, and plural entries that lack (or leave empty) a form their header declares."""
    pos = sorted(folder.glob("*.po"))
    table = parse_plural_forms(PLURAL_FORMS.get(lang))
    if table is None:
        yield f"{_shown(folder)}: no usable Plural-Forms for {lang!r} in PLURAL_FORMS"
    # parts by rule (compared as the runtime does: nplurals and the expression, spacing aside)
    rules: dict[tuple[int, str], tuple[str, list[str]]] = {}
    checked: dict[tuple[int, str], str | None] = {}
    for po in pos:
        value = _plural_forms_of(po.read_text(encoding="utf-8"))
        rule = parse_plural_forms(value)
        if value is None:
            yield f"{_shown(po)}: its header has no Plural-Forms"
        elif rule is None:
            yield f"{_shown(po)}: Plural-Forms {value!r} is not 'nplurals=N; plural=EXPR;'"
        else:
            key = (rule[0], "".join(rule[1].split()))
            rules.setdefault(key, (value, []))[1].append(po.name)
            if table is not None:
                if key not in checked:
                    checked[key] = _rule_problem(rule, table)
                if checked[key]:
                    yield f"{_shown(po)}: its Plural-Forms {checked[key]}"
        try:
            cat = _read(po, abort_invalid=True)
        except PoFileError as err:
            yield f"{_shown(po)}: {err} (more msgstr[i] than its header declares?)"
            continue
        if rule is None:
            continue
        for m in cat:
            if not m.id or not isinstance(m.id, (list, tuple)) or m.fuzzy:
                continue
            forms = m.string if isinstance(m.string, (list, tuple)) else (m.string,)
            absent = [i for i in range(rule[0]) if i >= len(forms) or not forms[i]]
            if absent:
                listed = ", ".join(f"msgstr[{i}]" for i in absent)
                yield (f"{_shown(po)}: plural entry {str(m.id[0])[:60]!r} lacks {listed} "
                       f"(its header declares {rule[0]} forms)")
    if len(rules) > 1:
        said = "; ".join(f"{', '.join(names)}: {value!r}" for value, names in rules.values())
        yield f"{_shown(folder)}: the Plural-Forms headers of its parts disagree ({said})"


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
