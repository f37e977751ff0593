"""Guidance articles: every check has complete, well-formed guidance in every shipped language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checks.content import guidance as g
from checks.content.guidance import (
    GUIDANCE_LANGUAGES,
    GuidanceError,
    load_article,
    render_article_html,
    render_article_text,
)
from checks.engine.i18n import FSI, LRM, PDI

ROOT = Path(__file__).resolve().parent.parent
GUIDANCE = ROOT / "resources" / "guidance"
LANGS = tuple(GUIDANCE_LANGUAGES)
FAMILIES = ("windows", "macos", "linux")

# The core checks and the OSes each covers (until the registry says otherwise).
CORE_CHECKS = {
    "disk-encryption": FAMILIES,
    "os-supported": FAMILIES,
    "os-updates": FAMILIES,
    "auto-updates": FAMILIES,
    "secure-messaging": FAMILIES,
}
SELF_CHECK_IDS = {
    "disappearing_messages",
    "verify_safety_numbers",
    "linked_devices",
    "registration_lock",
    "cloud_backups",
    "lock_screen_previews",
}


def english_ids() -> list[str]:
    return sorted(p.stem for p in (GUIDANCE / "en").glob("*.md"))


ALL_ARTICLES = [(cid, lang) for cid in english_ids() for lang in LANGS]


def test_shipped_languages_are_english_spanish_arabic() -> None:
    assert set(LANGS) >= {"en", "es", "ar"}


@pytest.mark.parametrize("check_id", sorted(CORE_CHECKS))
@pytest.mark.parametrize("lang", LANGS)
def test_core_check_has_its_own_article_in_each_language(check_id: str, lang: str) -> None:
    path = GUIDANCE / lang / f"{check_id}.md"
    assert path.is_file(), f"{lang} has no article for {check_id}"
    article = load_article(check_id, lang)
    assert article.lang == lang and not article.fell_back
    for family in CORE_CHECKS[check_id]:
        assert family in article.platforms
        assert article.fix_for(family), f"{lang}/{check_id}: no fix steps for {family}"
        assert article.verify_for(family), f"{lang}/{check_id}: no way to verify on {family}"


@pytest.mark.parametrize("check_id,lang", ALL_ARTICLES)
def test_article_parses_with_every_section(check_id: str, lang: str) -> None:
    assert (GUIDANCE / lang / f"{check_id}.md").is_file(), f"missing {lang}/{check_id}.md"
    a = load_article(check_id, lang)
    assert a.title and a.why and a.principles and a.fix and a.verify and a.before
    assert "unknown" in a.states
    for key, fs in a.fix.items():
        assert fs.steps and fs.time and fs.have_ready, f"{lang}/{check_id} {key}"
        assert fs.difficulty in g.DIFFICULTIES
    for family in a.platforms:
        assert a.covers(family)


@pytest.mark.parametrize("check_id", english_ids())
def test_translations_have_the_same_shape_as_english(check_id: str) -> None:
    en = load_article(check_id, "en")
    for lang in LANGS:
        other = load_article(check_id, lang)
        where = f"{lang}/{check_id}"
        assert other.platforms == en.platforms, where
        assert list(other.fix) == list(en.fix), f"{where}: OS sections differ from English"
        assert list(other.verify) == list(en.verify), where
        assert other.principle_ids() == en.principle_ids(), f"{where}: cites other principles"
        assert set(other.states) == set(en.states), where
        assert [s for s, _ in other.self_checks] == [s for s, _ in en.self_checks], where
        for key in en.fix:
            assert len(other.fix[key].steps) == len(en.fix[key].steps), f"{where} {key}: steps"
            assert other.fix[key].difficulty == en.fix[key].difficulty, f"{where} {key}"


def test_no_language_has_an_article_english_lacks() -> None:
    english = set(english_ids())
    for lang in LANGS:
        extra = {p.stem for p in (GUIDANCE / lang).glob("*.md")} - english
        assert not extra, f"{lang} has articles without an English original: {extra}"


@pytest.mark.parametrize("lang", LANGS)
def test_secure_messaging_lists_the_questions_only_the_person_can_answer(lang: str) -> None:
    a = load_article("secure-messaging", lang)
    ids = {sid for sid, _ in a.self_checks}
    assert ids == SELF_CHECK_IDS
    html = render_article_html(a, "linux")
    for sid in SELF_CHECK_IDS:
        assert f'name="self-check-{sid}"' in html


def test_the_messaging_checks_self_check_ids_all_have_guidance() -> None:
    """The secure-messaging check names questions by id; each must have its explanation."""
    from checks.catalog.messaging.messages import SELF_CHECKS

    article_ids = {sid for sid, _ in load_article("secure-messaging", "en").self_checks}
    missing = {sid for sid, _ in SELF_CHECKS} - article_ids
    assert not missing, f"self-checks without guidance: {sorted(missing)}"


def test_every_registered_check_has_guidance_for_its_platforms() -> None:
    from checks.engine.registry import all_checks

    checks = all_checks()
    assert checks, "the registry lists no checks"
    for check in checks:
        gid = check.guidance_id or check.id
        for lang in LANGS:
            path = GUIDANCE / lang / f"{gid}.md"
            assert path.is_file(), f"check {check.id}: no {lang} guidance ({path.name})"
            article = load_article(gid, lang)
            assert not article.fell_back
            for family in check.platforms:
                assert article.covers(family), (
                    f"check {check.id} runs on {family} but its {lang} guidance has no "
                    f"fix and verify steps for {family}"
                )


# --------------------------------------------------------------------------- rendering

_LEFTOVER = re.compile(r"\*\*|##|`|\[[^\]]*\]\(")


def _visible(html_text: str) -> str:
    return re.sub(r"<[^>]+>", "", html_text)


def _sections(html_text: str) -> list[tuple[str, str]]:
    body = html_text.split("<body", 1)[1]
    parts = re.split(r"(<h2[^>]*>.*?</h2>)", body)
    return [(parts[i], parts[i + 1]) for i in range(1, len(parts) - 1, 2)]


@pytest.mark.parametrize("check_id,lang", ALL_ARTICLES)
def test_rendering_leaves_no_markup_and_no_empty_section(check_id: str, lang: str) -> None:
    a = load_article(check_id, lang)
    direction = g.lang_direction(lang)
    for family in (*FAMILIES, None):
        for all_os in (False, True):
            html_text = render_article_html(a, family, all_os=all_os, lang_dir=direction)
            assert not _LEFTOVER.search(_visible(html_text)), (lang, check_id, family)
            for heading, content in _sections(html_text):
                assert _visible(content).strip(), f"{lang}/{check_id}: empty section {heading}"
            text = render_article_text(a, family, all_os=all_os)
            assert not _LEFTOVER.search(text), (lang, check_id, family)
    assert "<script" not in html_text.lower() and "http" not in html_text.split("<body")[0]
    assert "src=" not in html_text


@pytest.mark.parametrize("check_id,lang", ALL_ARTICLES)
def test_principles_are_links_the_window_can_follow(check_id: str, lang: str) -> None:
    a = load_article(check_id, lang)
    html_text = render_article_html(a, "windows", lang_dir=g.lang_direction(lang))
    for pid in a.principle_ids():
        assert f'href="principle:{pid}"' in html_text


_OTHER_OS_REFERENCE = re.compile(
    r"(described|shown|explained) (for|under|in) (Windows|macOS|Linux)"
    r"|como se (explica|describe|indica) (para|en) (Windows|macOS|Linux)"
    r"|كما هو موضّح ل", re.IGNORECASE)


@pytest.mark.parametrize("check_id,lang", ALL_ARTICLES)
def test_each_os_steps_stand_alone(check_id: str, lang: str) -> None:
    """The window shows only the reader's own OS: a step may not send a Mac or Linux reader to
    the Windows steps they cannot see (as trusted-certificates' verify steps once did)."""
    a = load_article(check_id, lang)
    for key, fs in a.fix.items():
        for step in [*fs.steps, *fs.have_ready, *fs.notes]:
            assert not _OTHER_OS_REFERENCE.search(step), (lang, check_id, key, step)
    for key, steps in a.verify.items():
        for step in steps:
            assert not _OTHER_OS_REFERENCE.search(step), (lang, check_id, key, step)


def test_own_os_first_and_others_only_on_request() -> None:
    a = load_article("disk-encryption", "en")
    mac_only = render_article_html(a, "macos")
    assert "FileVault" in mac_only
    assert "Manage BitLocker" not in mac_only and "lsblk" not in mac_only
    everything = render_article_html(a, "macos", all_os=True)
    assert "Manage BitLocker" in everything and "lsblk" in everything
    assert everything.index("macOS 13 Ventura") < everything.index("Windows 10 and 11")
    verify = everything.split("<h2>How to check it yourself</h2>", 1)[1]
    assert verify.index("fdesetup") < verify.index("manage-bde")
    linux = render_article_html(a, "linux")
    assert "GNOME" in linux and "KDE" in linux and "BitLocker on" not in linux


def test_report_can_ask_for_the_fix_alone() -> None:
    a = load_article("os-updates", "en")
    html_text = render_article_html(a, "windows", sections=("fix",), with_title=False)
    assert "<h1" not in html_text
    assert [h for h, _ in _sections(html_text)] == ['<h2>How to fix it</h2>']


def test_status_puts_that_state_first() -> None:
    a = load_article("disk-encryption", "en")
    html_text = render_article_html(a, "windows", status="attention")
    first_h2 = _sections(html_text)[0][0]
    assert "Look at this" in first_h2
    assert html_text.count("If Checkup says &quot;Look at this&quot;") + \
        html_text.count('If Checkup says "Look at this"') == 1


def test_arabic_isolates_left_to_right_fragments() -> None:
    a = load_article("disk-encryption", "ar")
    html_text = render_article_html(a, "linux", lang_dir="rtl")
    assert 'dir="rtl"' in html_text
    assert f"<code>{FSI}{LRM}lsblk" in html_text
    assert f"{FSI}{LRM}GNOME" in html_text or f"{FSI}{LRM}Linux" in html_text
    assert f"{FSI}{LRM}Déjà Dup{LRM}{PDI}" in html_text, "accented Latin names must stay in one piece"
    prose = re.sub(r"<code>.*?</code>", "", html_text)
    assert not re.search(f"{FSI}[^{PDI}]*[()][^{PDI}]*{PDI}", prose), "brackets stay outside isolates"
    assert html_text.count(FSI) == html_text.count(PDI)
    ltr = render_article_html(load_article("disk-encryption", "en"), "linux")
    assert FSI not in ltr


@pytest.mark.parametrize("check_id,lang", ALL_ARTICLES)
def test_internal_links_point_somewhere(check_id: str, lang: str) -> None:
    from checks.content.principles import principle_ids

    a = load_article(check_id, lang)
    texts = [*a.why, *a.before, *a.fix_intro, *[p for ps in a.states.values() for p in ps]]
    for fs in a.fix.values():
        texts += [*fs.steps, *fs.have_ready, *fs.notes]
    for steps in a.verify.values():
        texts += steps
    texts += [t for _, t in a.principles] + [t for _, t in a.self_checks]
    pids = set(principle_ids())
    for text in texts:
        for link in g.links_in(text):
            kind, target = link.split(":", 1)
            if kind == "principle":
                assert target in pids, link
            elif kind == "guidance":
                assert (GUIDANCE / "en" / f"{target}.md").is_file(), link
            else:
                assert (ROOT / "resources" / "pages" / "en" / f"{target}.md").is_file(), link


# --------------------------------------------------------------------------- fallback and errors

GOOD = """# Title

check: demo
platforms: linux

## why

Because.

## principles

- wg-8: It applies.

## fix

### linux
time: 5 minutes.
difficulty: easy
ready:
- A charger.
steps:
1. Do `this`.
2. Then **that**.

## verify

### linux
1. Look.

## before

Back up.

### unknown

Check yourself.
"""


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    (tmp_path / "labels.json").write_text((GUIDANCE / "labels.json").read_text("utf-8"), "utf-8")
    return tmp_path


def test_missing_language_falls_back_to_english(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"en/demo.md": GOOD})
    a = load_article("demo", "es", root=root)
    assert a.lang == "en" and a.requested_lang == "es" and a.fell_back


def test_broken_translation_is_an_error_not_a_silent_fallback(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"en/demo.md": GOOD, "es/demo.md": GOOD.replace("## verify", "## verificar")})
    with pytest.raises(GuidanceError, match=r"es/demo\.md.*unknown section 'verificar'"):
        load_article("demo", "es", root=root)


@pytest.mark.parametrize(
    "change,message",
    [
        (("## before", "## after"), "unknown section"),
        (("\n## verify\n\n### linux\n1. Look.\n", "\n"), "missing section"),
        (("2. Then", "3. Then"), "must run 1, 2, 3"),
        (("difficulty: easy", "difficulty: trivial"), "difficulty must be one of"),
        (("Do `this`.", "Do `this."), "unmatched backtick"),
        (("**that**", "*that*"), "stray"),
        (("Because.", "See [the site](https://example.org)."), "link"),
        (("Because.", "See <b>bold</b>."), "raw HTML"),
        (("check: demo", "check: other"), "'check:' must be 'demo'"),
        (("platforms: linux", "platforms: linux, windows"), "no steps for windows"),
        (("### unknown\n", "### maybe\n"), "unknown state"),
        (("- wg-8: It applies.", "- wg-8 It applies."), "principle items"),
        (("ready:\n- A charger.\n", ""), "needs 'ready:'"),
        (("## why", "## principles\n\n- wg-3: x.\n\n## why"), "appears twice"),
    ],
)
def test_malformed_articles_are_refused_with_a_clear_message(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    old, new = change
    assert old in GOOD
    root = _tree(tmp_path, {"en/demo.md": GOOD.replace(old, new, 1)})
    with pytest.raises(GuidanceError, match=re.escape(message)):
        load_article("demo", "en", root=root)


def test_the_good_sample_parses(tmp_path: Path) -> None:
    a = load_article("demo", "en", root=_tree(tmp_path, {"en/demo.md": GOOD}))
    assert a.fix["linux"].steps == ["Do `this`.", "Then **that**."]
    text = render_article_text(a, "linux")
    assert "Do this." in text and "Then that." in text


def test_unknown_check_and_bad_ids_raise() -> None:
    with pytest.raises(GuidanceError):
        load_article("no-such-check", "en")
    with pytest.raises(GuidanceError):
        load_article("../etc/passwd", "en")


def test_articles_citing_lists_the_checks_resting_on_a_principle() -> None:
    citing = g.articles_citing("wg-8", "en")
    assert "disk-encryption" in citing and "secure-messaging" in citing
    assert g.articles_citing("no-such-principle", "en") == []


def test_labels_exist_for_every_language() -> None:
    for lang in LANGS:
        lab = g.labels(lang)
        assert lab["why"] and lab["fix"] and "{date}" in lab["page_reviewed"]


def test_guidance_code_does_not_import_qt() -> None:
    import subprocess
    import sys

    code = (
        "import sys, checks.content.guidance, checks.content.principles\n"
        "a = checks.content.guidance.load_article('disk-encryption', 'ar')\n"
        "checks.content.guidance.render_article_html(a, 'linux', lang_dir='rtl')\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'PyQt5', 'PyQt6', 'shiboken6')]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_articles_name_buttons_in_words_not_symbols_many_fonts_lack() -> None:
    # "Click ⓘ" drew as an empty box with the fonts of a common Linux desktop, in the window
    # and in the PDF handouts; enclosed letters and numbers (U+2460-U+24FF) are left out.
    root = Path(__file__).resolve().parent.parent / "resources"
    bad = [f"{p.relative_to(root)}: {ch!r}"
           for p in sorted(root.glob("guidance/*/*.md")) + sorted(root.glob("pages/*/*.md"))
           for ch in set(p.read_text(encoding="utf-8")) if 0x2460 <= ord(ch) <= 0x24FF]
    assert not bad, bad


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_state_sections_quote_the_words_the_window_shows(lang: str) -> None:
    # The guidance said 'If Checkup says "unknown"' while the list says "Could not check":
    # a reader looking for the word did not find it.
    import json

    from checks.engine.i18n import translator

    root = Path(__file__).resolve().parent.parent / "resources" / "guidance"
    labels = json.loads((root / "labels.json").read_text(encoding="utf-8"))[lang]
    t = translator(lang)
    for key, word in (("state.attention", "Look at this"),
                      ("state.unknown", "Could not check"),
                      ("state.not-applicable", "Does not apply")):
        assert f'"{t.gettext(word)}"' in labels[key], (lang, key)


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_the_questionnaire_article_speaks_of_the_answer_not_a_status(lang: str) -> None:
    from checks.engine.i18n import translator

    a = load_article("self-assessment", lang)
    html_text = render_article_html(a, "linux", status="unknown")
    first_h2 = _sections(html_text)[0][0]
    not_sure = translator(lang).gettext("Not sure")
    assert not_sure in first_h2.replace("&quot;", '"')
    assert translator(lang).gettext("Could not check") not in html_text
