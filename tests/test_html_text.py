"""One escaping helper and one direction decision for every HTML written by hand
(checks/engine/html_text.py, checks.engine.i18n.text_direction; issue 19 item 4)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checks.engine.html_text import (
    LTR_ATTR,
    align_attr,
    bdi_ltr,
    dir_attr,
    dir_value,
    esc,
    isolated,
)
from checks.engine.i18n import FSI, LRM, PDI, is_rtl, text_direction, translator

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("lang,want", [
    ("ar", "rtl"), ("ar_EG", "rtl"), ("ar-EG", "rtl"), ("AR", "rtl"), ("fa", "rtl"),
    ("en", "ltr"), ("es_MX", "ltr"), ("qps", "ltr"), ("", "ltr"), (None, "ltr"),
])
def test_one_direction_for_a_language(lang: str | None, want: str) -> None:
    assert text_direction(lang) == want
    assert is_rtl(lang) is (want == "rtl")
    if lang:
        assert translator(lang).direction == want and translator(lang).rtl is (want == "rtl")


def test_escaping_and_direction_helpers() -> None:
    hostile = '<a href="x">&\'"\u202e'
    assert esc(hostile) == "&lt;a href=&quot;x&quot;&gt;&amp;&#x27;&quot;\u202e"
    assert esc(hostile, quote=False) == '&lt;a href="x"&gt;&amp;\'"\u202e'
    assert dir_attr(True) == ' dir="rtl" align="right"' and dir_attr(False) == ""
    assert align_attr(True) == ' align="right"' and align_attr(False) == ""
    assert dir_value(True) == "rtl" and dir_value(False) == "ltr"
    assert LTR_ATTR == ' dir="ltr" align="left"'
    assert isolated("<b>/etc</b>") == f"{FSI}{LRM}&lt;b&gt;/etc&lt;/b&gt;{LRM}{PDI}"
    assert bdi_ltr("<b>x</b>") == '<bdi dir="ltr">&lt;b&gt;x&lt;/b&gt;</bdi>'


def _sources() -> list[Path]:
    return [p for base in ("checks", "desktop") for p in sorted((ROOT / base).rglob("*.py"))
            if "catalog" not in p.relative_to(ROOT).parts]


def test_no_module_decides_escaping_or_direction_again() -> None:
    """html.escape, the right-to-left block attributes, Qt's direction from a bool and the
    RTL_LANGUAGES test live in one place each."""
    rules = {
        r"\bhtml\.escape\(|from html import": "checks/engine/html_text.py",
        r"""dir="rtl" align="right"'""": "checks/engine/html_text.py",
        r"in RTL_LANGUAGES": "checks/engine/i18n.py",
        r"LayoutDirection\.RightToLeft": "desktop/qt_i18n.py",
    }
    for pattern, home in rules.items():
        found = sorted({p.relative_to(ROOT).as_posix() for p in _sources()
                        if re.search(pattern, p.read_text(encoding="utf-8"))})
        assert found == [home], (pattern, found)


def test_guidance_takes_the_direction_of_the_language_it_is_shown_in() -> None:
    from checks.content.guidance import content_lang

    assert [content_lang(x) for x in ("ar_EG", "ar-EG", "es_MX", "fa", "qps", "", None)] == \
        ["ar", "ar", "es", "en", "en", "en", "en"]
    assert text_direction(content_lang("ar_EG")) == "rtl"
    assert text_direction(content_lang("fa")) == "ltr"  # no Persian guidance: English, LTR
