"""Plural forms at run time come from the catalogues' own ``Plural-Forms`` header.

For every shipped language and every plural message, the form the running program shows for a
count is the one the header's ``plural=`` expression picks (evaluated here by the standard
library, on the header read straight from the .po text), and it is not the English sentence.
The installed Babel's idea of the language's plural rule does not enter into it.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import babel.core
import babel.messages.catalog
import babel.messages.plurals
import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from checks.engine import i18n
from checks.engine.i18n import LANGUAGES, Translator, load_catalogues, translator

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
SHIPPED = sorted(lang for lang in LANGUAGES if lang != "en")
COUNTS = (*range(121), 1_000_000, 1_000_001)

# Plural messages whose translation is rightly the same text as the English one (a sentence of
# nothing but placeholders, figures or names, say), as (language, English singular). None
# today: every plural message has a wording of its own in each shipped language. An entry
# here must say why, and it must still be a plural message whose form equals the English.
IDENTICAL_TO_ENGLISH: frozenset[tuple[str, str]] = frozenset()

_HEADER = re.compile(r'^msgid ""\nmsgstr ""\n((?:"[^\n]*"\n)+)', re.M)
_RULE = re.compile(r"^Plural-Forms:\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$",
                   re.M)


def header_rule(po: Path) -> tuple[int, Callable[[int], int]]:
    """(nplurals, plural function) from the Plural-Forms line of the file's header, read from
    the text here (not through checks.engine.i18n) and evaluated by the standard library."""
    text = po.read_text(encoding="utf-8")
    block = _HEADER.search(text)
    assert block, f"{po}: no header entry"
    header = "".join(line[1:-1] for line in block.group(1).splitlines())
    header = header.replace("\\n", "\n").replace('\\"', '"')
    rule = _RULE.search(header)
    assert rule, f"{po}: no Plural-Forms in its header"
    return int(rule.group(1)), gettext.c2py(rule.group(2))


def plural_entries(lang: str) -> Iterator[tuple[Path, str, str, tuple[str, ...]]]:
    for po in sorted((TRANSLATIONS / lang).glob("*.po")):
        with po.open("rb") as fh:
            for m in read_po(fh):
                if m.id and isinstance(m.id, (list, tuple)) and not m.fuzzy:
                    forms = m.string if isinstance(m.string, (list, tuple)) else (m.string,)
                    yield po, str(m.id[0]), str(m.id[1]), tuple(str(f or "") for f in forms)


@pytest.mark.parametrize("lang", SHIPPED)
def test_each_count_gets_the_form_its_header_picks_and_not_the_english(lang: str) -> None:
    t = translator(lang)
    wrong: list[str] = []
    english: list[str] = []
    identical: set[tuple[str, str]] = set()
    forms_used: set[int] = set()
    entries = list(plural_entries(lang))
    assert len(entries) >= 20, "the catalogues should hold plural messages to test"
    rules = {po: header_rule(po) for po, *_ in entries}
    for po, singular, plural, forms in entries:
        nplurals, pick = rules[po]
        assert len(forms) == nplurals, f"{po.name}: {singular!r} has {len(forms)} forms"
        for n in COUNTS:
            k = pick(n)
            forms_used.add(k)
            got = t.ngettext(singular, plural, n)
            if got != forms[k]:
                wrong.append(f"{po.name}: n={n}: {got!r} is not msgstr[{k}] {forms[k]!r}")
            elif got == (singular if n == 1 else plural):
                if (lang, singular) in IDENTICAL_TO_ENGLISH:
                    identical.add((lang, singular))
                else:
                    english.append(f"{po.name}: n={n}: still English: {got!r}")
    assert wrong[:5] == [] and english[:5] == []
    assert forms_used == set(range(max(n for n, _ in rules.values())))  # every form is reached
    stale = {entry for entry in IDENTICAL_TO_ENGLISH if entry[0] == lang} - identical
    assert stale == set(), "allow-listed messages that are no longer identical to English"


def _wrong_rule(*_args: object) -> tuple[int, str]:
    # Three forms where the catalogues have two or six, with form 2 for most counts.
    return (3, "(n == 1 ? 0 : n == 2 ? 1 : 2)")


def test_the_installed_babels_plural_rules_do_not_matter(monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = {lang: Translator(lang, i18n._load(lang)) for lang in SHIPPED}
    # Make Babel's plural data wrong everywhere it could be consulted.
    monkeypatch.setattr(babel.messages.plurals, "get_plural", _wrong_rule)
    monkeypatch.setattr(babel.messages.catalog, "get_plural", _wrong_rule)
    for lang in SHIPPED:
        monkeypatch.setitem(babel.messages.plurals.PLURALS, lang, (3, "(n == 1 ? 0 : 2)"))
    monkeypatch.setattr(babel.core.Locale, "plural_form",
                        property(lambda self: (lambda n: "many")))
    assert Catalog(locale="es").num_plurals == 3  # the wrong rule is what Babel now says
    patched = {lang: Translator(lang, i18n._load(lang)) for lang in SHIPPED}
    for lang in SHIPPED:
        for _po, singular, plural, _forms in plural_entries(lang):
            for n in COUNTS:
                assert (patched[lang].ngettext(singular, plural, n)
                        == fresh[lang].ngettext(singular, plural, n)), (lang, singular, n)


# --- the loader's rules for catalogues that disagree (tools.i18n check fails on each) ----

_ES = '''msgid ""
msgstr ""
"Language: es\\n"
{rule}"Content-Type: text/plain; charset=utf-8\\n"

msgid "Hello"
msgstr "Hola"

msgctxt "menu"
msgid "Open"
msgstr "Abrir"

msgid "{{n}} file"
msgid_plural "{{n}} files"
msgstr[0] "{{n}} archivo"
msgstr[1] "{{n}} archivos"
'''
TWO = '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'


def _part(tmp_path: Path, name: str, rule: str, body: str = _ES) -> Path:
    path = tmp_path / name
    path.write_text(body.format(rule=rule), encoding="utf-8")
    return path


def test_a_part_with_the_languages_rule_is_translated_with_its_context(tmp_path: Path) -> None:
    t = Translator("es", load_catalogues([_part(tmp_path, "a.po", TWO)]))
    assert t.gettext("Hello") == "Hola"
    assert t._t.pgettext("menu", "Open") == "Abrir"
    assert [t.ngettext("{n} file", "{n} files", n) for n in (0, 1, 2)] == [
        "{n} archivos", "{n} archivo", "{n} archivos"]


def test_a_part_with_another_rule_keeps_its_sentences_but_not_its_plurals(
        tmp_path: Path) -> None:
    first = _part(tmp_path, "a.po", TWO, "msgid \"\"\nmsgstr \"\"\n{rule}\n")
    other = _part(tmp_path, "b.po", '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n')
    none = _part(tmp_path, "c.po", "", _ES.replace("Hola", "Buenas").replace("archivo", "fichero"))
    for parts in ([first, other], [first, none]):
        t = Translator("es", load_catalogues(parts))
        assert t.gettext("Hello") in ("Hola", "Buenas")
        assert [t.ngettext("{n} file", "{n} files", n) for n in (0, 1, 2)] == [
            "{n} files", "{n} file", "{n} files"]


def test_a_plural_entry_missing_a_form_stays_english_for_every_count(tmp_path: Path) -> None:
    six = ('"Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : '
           'n%100>=3 && n%100<=10 ? 3 : n%100>=0 && n%100<=2 ? 4 : 5);\\n"\n')
    body = _ES.replace('msgstr[1] "{{n}} archivos"\n',
                       'msgstr[1] "b"\nmsgstr[2] "c"\nmsgstr[3] "d"\nmsgstr[4] ""\nmsgstr[5] "f"\n')
    t = Translator("ar", load_catalogues([_part(tmp_path, "a.po", six, body)]))
    assert [t.ngettext("{n} file", "{n} files", n) for n in (0, 1, 2, 3, 11, 100)] == [
        "{n} files", "{n} file", "{n} files", "{n} files", "{n} files", "{n} files"]
    assert t.gettext("Hello") == "Hola"


@pytest.mark.parametrize("rule", [
    '"Plural-Forms: nplurals=2; plural=(n != 1;\\n"\n',  # unbalanced: gettext refuses it
    '"Plural-Forms: nplurals=2; plural=__import__(\'os\');\\n"\n',  # not an expression of n
])
def test_a_plural_rule_gettext_refuses_leaves_plurals_english(tmp_path: Path, rule: str) -> None:
    t = Translator("es", load_catalogues([_part(tmp_path, "a.po", rule)]))
    assert t.gettext("Hello") == "Hola"
    assert t.ngettext("{n} file", "{n} files", 2) == "{n} files"


def test_a_plural_rule_that_divides_by_zero_falls_back_to_english(tmp_path: Path) -> None:
    rule = '"Plural-Forms: nplurals=2; plural=(n % (n - n));\\n"\n'
    t = Translator("es", load_catalogues([_part(tmp_path, "a.po", rule)]))
    assert t.ngettext("{n} file", "{n} files", 3) == "{n} files"
    assert t.render(i18n.msg_n("{n} file", "{n} files", 1)) == "1 file"
