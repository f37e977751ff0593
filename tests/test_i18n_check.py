"""``tools.i18n``: the plural rule of a catalogue is its own header's, and ``check`` says when
one is missing, disagrees, or leaves a form out. Every change is made to a temporary copy of
the catalogues, never to the real ones."""

from __future__ import annotations

import gettext
import re
import shutil
from pathlib import Path

import babel.messages.catalog
import babel.messages.plurals
import pytest

from checks.engine.i18n import LANGUAGES, po_header
from tools import i18n

SHIPPED = sorted(lang for lang in LANGUAGES if lang != "en")
AR_RULE = re.compile(r'"Plural-Forms: [^"]*"\n(?:"n%100[^"]*"\n)?')


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of resources/translations to break."""
    target = tmp_path / "translations"
    shutil.copytree(i18n.TRANSLATIONS, target)
    return target


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _problems(copy: Path, lang: str) -> list[str]:
    return list(i18n.plural_problems(copy / lang, lang))


@pytest.mark.parametrize("lang", SHIPPED)
def test_the_shipped_catalogues_pass(copy: Path, lang: str) -> None:
    assert _problems(copy, lang) == []


def test_a_plural_entry_without_one_of_its_forms_fails(copy: Path) -> None:
    po = copy / "es" / "engine.po"
    text = po.read_text(encoding="utf-8")
    form = re.search(r'\nmsgstr\[1\] "[^\n]*"\n(?:"[^\n]*"\n)*', text)
    assert form
    po.write_text(text[:form.start()] + "\n" + text[form.end():], encoding="utf-8")
    problems = _problems(copy, "es")
    assert len(problems) == 1 and "engine.po: plural entry" in problems[0]
    assert "lacks msgstr[1] (its header declares 2 forms)" in problems[0]


def test_a_plural_entry_with_an_empty_form_fails(copy: Path) -> None:
    po = copy / "ar" / "os_updates.po"
    text = po.read_text(encoding="utf-8")
    form = re.search(r'\nmsgstr\[3\] "[^\n]+"\n', text)
    assert form
    po.write_text(text[:form.start()] + '\nmsgstr[3] ""\n' + text[form.end():], encoding="utf-8")
    problems = _problems(copy, "ar")
    assert len(problems) == 1 and "lacks msgstr[3] (its header declares 6 forms)" in problems[0]


def test_a_plural_entry_with_more_forms_than_its_header_fails(copy: Path) -> None:
    po = copy / "es" / "engine.po"
    text = po.read_text(encoding="utf-8")
    form = re.search(r'\nmsgstr\[1\] "[^\n]*"\n(?:"[^\n]*"\n)*', text)
    assert form
    po.write_text(text[:form.end()] + 'msgstr[2] "otra"\n' + text[form.end():],
                  encoding="utf-8")
    problems = _problems(copy, "es")
    assert len(problems) == 1 and "es/engine.po" in problems[0]
    assert "more translations than num_plurals" in problems[0]


def test_a_header_whose_nplurals_disagrees_with_the_table_fails(copy: Path) -> None:
    # Every Spanish part says three forms, consistently: the parts agree, the table does not.
    for po in (copy / "es").glob("*.po"):
        _edit(po, "nplurals=2; plural=(n != 1);", "nplurals=3; plural=(n == 1 ? 0 : 2);")
    problems = _problems(copy, "es")
    assert any("declares nplurals=3, PLURAL_FORMS says 2" in p for p in problems)
    assert not any("disagree" in p for p in problems)


def test_a_header_that_picks_other_forms_than_the_table_fails(copy: Path) -> None:
    # Arabic forms 4 and 5 the other way round (as Babel 2.19 has them), in every part.
    for po in (copy / "ar").glob("*.po"):
        text = po.read_text(encoding="utf-8")
        po.write_text(AR_RULE.sub(lambda _: (
            '"Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && '
            'n%100<=10 ? 3 : n%100>=11 ? 4 : 5);\\n"\n'), text, count=1), encoding="utf-8")
    problems = _problems(copy, "ar")
    assert problems and all(
        "picks form 4 for n=11 where PLURAL_FORMS picks form 5" in p for p in problems)


def test_parts_of_one_language_whose_headers_disagree_fail(copy: Path) -> None:
    _edit(copy / "es" / "messaging.po", "nplurals=2; plural=(n != 1);",
          "nplurals=2; plural=(n > 1);")
    problems = _problems(copy, "es")
    assert any("messaging.po: its Plural-Forms picks form 0 for n=0" in p for p in problems)
    disagree = [p for p in problems if "the Plural-Forms headers of its parts disagree" in p]
    assert len(disagree) == 1 and "messaging.po: 'nplurals=2; plural=(n > 1);'" in disagree[0]


def test_spacing_alone_is_no_disagreement(copy: Path) -> None:
    _edit(copy / "es" / "messaging.po", "nplurals=2; plural=(n != 1);",
          "nplurals=2;  plural=( n!=1 )")
    assert _problems(copy, "es") == []


def test_a_part_without_plural_forms_fails(copy: Path) -> None:
    _edit(copy / "es" / "browsers.po", '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n', "")
    assert "browsers.po: its header has no Plural-Forms" in "\n".join(_problems(copy, "es"))


def test_check_as_a_whole_fails_on_a_plural_problem(copy: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _edit(copy / "ar" / "browsers.po", "nplurals=6;", "nplurals=5;")
    monkeypatch.setattr(i18n, "TRANSLATIONS", copy)
    assert any("browsers.po: its Plural-Forms declares nplurals=5" in p for p in i18n._problems())
    assert i18n.cmd_check() == 1


# --- the table, and the headers `update` writes ---------------------------------------------

def test_the_table_has_a_sound_rule_for_each_language_we_translate_or_plan_to() -> None:
    assert {*SHIPPED, "fr", "ru", "fa", "zh_CN", "pt_BR"} <= set(i18n.PLURAL_FORMS)
    for lang, value in i18n.PLURAL_FORMS.items():
        m = re.fullmatch(r"nplurals=(\d+); plural=(.+);", value)
        assert m, lang
        pick = gettext.c2py(m.group(2))
        used = {pick(n) for n in i18n.SAMPLE_COUNTS}
        assert used == set(range(int(m.group(1)))), f"{lang}: forms picked {sorted(used)}"


def _babel_says_three(monkeypatch: pytest.MonkeyPatch) -> None:
    def wrong(*_args: object) -> tuple[int, str]:
        return (3, "(n == 1 ? 0 : n == 2 ? 1 : 2)")
    monkeypatch.setattr(babel.messages.plurals, "get_plural", wrong)
    monkeypatch.setattr(babel.messages.catalog, "get_plural", wrong)


@pytest.mark.parametrize("lang", ["fr", "ru", "fa", "zh_CN", "pt_BR", "es", "ar"])
def test_a_new_catalogue_takes_its_rule_from_the_table(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    _babel_says_three(monkeypatch)
    template = i18n._read(i18n.TRANSLATIONS / "engine.pot")
    po = tmp_path / lang / "engine.po"
    i18n.update_po(template, po, lang)
    text = po.read_text(encoding="utf-8")
    assert po_header(text)["plural-forms"] == i18n.PLURAL_FORMS[lang]
    assert po_header(text)["language"] == lang
    nplurals = int(i18n.PLURAL_FORMS[lang].split(";")[0].split("=")[1])
    entry = re.search(r'msgid_plural "[^\n]*"\n((?:msgstr\[\d\] ""\n)+)', text)
    assert entry and entry.group(1).count("msgstr[") == nplurals


def test_a_language_missing_from_the_table_gets_no_catalogue(tmp_path: Path) -> None:
    template = i18n._read(i18n.TRANSLATIONS / "engine.pot")
    with pytest.raises(SystemExit, match="add its Plural-Forms to PLURAL_FORMS"):
        i18n.update_po(template, tmp_path / "xx" / "engine.po", "xx")
    assert not (tmp_path / "xx" / "engine.po").exists()


@pytest.mark.parametrize("lang", SHIPPED)
def test_update_keeps_an_existing_header(copy: Path, monkeypatch: pytest.MonkeyPatch,
                                         lang: str) -> None:
    _babel_says_three(monkeypatch)
    po = copy / lang / "os_updates.po"
    before = po.read_text(encoding="utf-8")
    # The file's own messages as the template: nothing to add or drop, so any change would be
    # the header's (or Babel's line wrapping).
    i18n.update_po(i18n._read(po), po, lang)
    after = po.read_text(encoding="utf-8")
    generated = re.compile(r'"Generated-By: Babel [^"]*"\n')
    assert generated.sub("", after) == generated.sub("", before)


def test_update_gives_a_header_without_a_rule_the_tables(copy: Path) -> None:
    po = copy / "es" / "browsers.po"
    _edit(po, '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n', "")
    i18n.update_po(i18n._read(copy / "browsers.pot"), po, "es")
    assert po_header(po.read_text(encoding="utf-8"))["plural-forms"] == \
        "nplurals=2; plural=(n != 1);"
    assert _problems(copy, "es") == []


def test_update_writes_nothing_when_babel_would_change_the_rule(
        copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A Babel that writes its own rule instead of the header's, as a future release might.
    monkeypatch.setattr(babel.messages.catalog.Catalog, "plural_forms",
                        property(lambda self: "nplurals=3; plural=(n == 1 ? 0 : 2);"))
    po = copy / "es" / "engine.po"
    before = po.read_bytes()
    with pytest.raises(SystemExit, match="would change its Plural-Forms"):
        i18n.update_po(i18n._read(copy / "engine.pot"), po, "es")
    assert po.read_bytes() == before
