"""A check that passed must not read as its risk being switched on.

Many checks are named after the risk ("Automatic login", "Guest account", "Remote access").
Beside such a title, a pass once read "Activa" in Spanish and "مفعّلة" ("enabled") in Arabic:
"Automatic login — enabled" for a computer where it is off. The word for a pass says the
computer is protected. The word for 'attention' never says "protected": findings of that kind
ask the person to look or act ("whoever added this root certificate can read your encrypted
connections"), so the word asks them to look ("Look at this")."""

from __future__ import annotations

import pytest

from checks.engine.i18n import translator
from checks.engine.model import Status
from checks.reports.report import STATUS_LABELS
from tests.desktop_support import desktop_env_fixture  # noqa: F401 - fixture

# words that say a setting is on / active / enabled
ON_WORDS = {"es": ("activ", "encendid", "habilitad"), "ar": ("مفعّل", "مفعل", "مُفعّل", "نشط",
                                                          "ممكّن")}


@pytest.mark.parametrize("lang", ["es", "ar"])
def test_the_word_for_a_pass_says_protected_not_switched_on(lang):
    tr = translator(lang)
    passed = tr.gettext(STATUS_LABELS[Status.PASS])
    assert not any(w in passed.lower() for w in ON_WORDS[lang]), passed


PROTECTED_WORDS = {"en": ("protect", "safe", "secure"), "es": ("proteg", "segur", "a salvo"),
                   "ar": ("محمي", "حماية", "آمن", "مؤمّن")}


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_the_word_for_attention_asks_to_look_and_never_says_protected(lang):
    # Issue 16: "Protected, with a caveat" stood over findings that ask the person to act.
    tr = translator(lang)
    look = tr.gettext(STATUS_LABELS[Status.ATTENTION])
    assert not any(w in look.lower() for w in PROTECTED_WORDS[lang]), look
    assert look != tr.gettext(STATUS_LABELS[Status.PASS])
    assert look == {"en": "Look at this", "es": "Revisa esto", "ar": "راجع هذا"}[lang]


@pytest.mark.parametrize(("lang", "expected"), [("es", "Protegido"), ("ar", "محمي")])
def test_a_passed_guest_account_check_reads_protected_in_the_window(qtbot, desktop_env, lang,
                                                                     expected):
    from desktop.main_window import MainWindow

    w = MainWindow(persist_settings=False)
    qtbot.addWidget(w)
    w.apply_language(lang, save=False)
    w.show()
    with qtbot.waitSignal(w.scanFinished, timeout=20000):
        assert w.open_scenario("windows10-unencrypted-telegram")  # guest account: pass
    rows = w.findings.row_texts()
    title = w.title_for("guest-account")
    status = next(s for s, t in rows if t == title)
    assert status == expected
    w.controller.shutdown()


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_no_guidance_handout_or_label_still_says_protected_with_a_caveat(lang):
    # The handouts and the guidance's "If Checkup says ..." sections quote the group's word.
    import json
    from pathlib import Path

    from checks.content.handouts import OS_ORDER, build_handout, handout_html

    old = {"en": "Protected, with a caveat", "es": "Protegido, con una salvedad",
           "ar": "محمي، مع تحفّظ"}[lang]
    root = Path(__file__).resolve().parent.parent / "resources" / "guidance"
    for path in sorted((root / lang).glob("*.md")):
        assert old not in path.read_text(encoding="utf-8"), path.name
    labels = json.loads((root / "labels.json").read_text(encoding="utf-8"))[lang]
    assert translator(lang).gettext(STATUS_LABELS[Status.ATTENTION]) in labels["state.attention"]
    for os_family in OS_ORDER:
        assert old not in handout_html(build_handout(os_family, lang))
