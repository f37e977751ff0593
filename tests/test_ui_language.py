"""The person's own language on first start: gettext's environment rules, then the system's own
list of user-interface languages (Windows, macOS), then ``locale.getlocale()``; every source is
injected, and none can make the start fail."""

from __future__ import annotations

import plistlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from checks.engine import ui_language
from checks.engine.i18n import LANGUAGES
from checks.engine.ui_language import (
    environment_languages,
    mac_ui_languages,
    parse_multi_sz,
    pick_language,
    read_default_ui_language,
    read_preferred_ui_languages,
    system_language,
    windows_ui_languages,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ui_language"
# The languages a later issue adds, to check that matching is general, not tuned to en/es/ar.
PLANNED = ("en", "es", "ar", "fr", "ru", "fa", "zh", "pt_BR")


def nothing() -> list[str]:
    return []


# -- matching ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("candidate", "today", "planned"), [
    ("es-ES", "es", "es"),
    ("es_ES.UTF-8", "es", "es"),
    ("es_ES.UTF-8@euro", "es", "es"),
    ("es-419", "es", "es"),
    ("ES_es", "es", "es"),
    ("ar-EG", "ar", "ar"),
    ("ar-Arab-EG", "ar", "ar"),
    ("en-Latn-US", "en", "en"),
    ("en-US-u-ca-gregory", "en", "en"),
    ("Spanish_Spain.1252", "es", "es"),
    ("Arabic_Saudi Arabia.1256", "ar", "ar"),
    ("zh-Hans-CN", None, "zh"),
    ("zh_CN", None, "zh"),
    ("zh-SG", None, "zh"),
    ("Chinese (Simplified)_China.936", None, "zh"),
    ("zh-Hant-TW", None, None),  # Traditional Chinese is not served by Simplified
    ("zh_TW", None, None),
    ("zh-HK", None, None),
    ("pt-BR", None, "pt_BR"),
    ("pt_BR", None, "pt_BR"),
    ("Portuguese_Brazil.1252", None, "pt_BR"),
    ("pt-PT", None, "pt_BR"),  # the language in another region rather than no translation
    ("fr-CA", None, "fr"),
    ("fa-IR", None, "fa"),
    ("Persian_Iran.1256", None, "fa"),
    ("ru_RU.KOI8-R", None, "ru"),
    ("sr-Latn", None, None),
    ("C", None, None),
    ("POSIX", None, None),
    ("C.UTF-8", None, None),
    ("", None, None),
    ("   ", None, None),
    ("garbage", None, None),
    ("x", None, None),
    ("123", None, None),
    ("es--ES", None, None),
    ("ésp", None, None),
    ("es" * 200, None, None),
])
def test_a_shipped_language_is_found_in_every_form_systems_write(
        candidate: str, today: str | None, planned: str | None) -> None:
    assert pick_language([candidate]) == today
    assert pick_language([candidate], PLANNED) == planned


def test_the_first_language_we_ship_wins_and_an_english_preference_is_kept() -> None:
    assert pick_language(["de-DE", "es-ES", "ar"]) == "es"
    assert pick_language(["en-US", "es-ES"]) == "en"
    assert pick_language(["C", "", "garbage", "ar_EG"]) == "ar"
    assert pick_language(["de", "it"]) is None
    assert pick_language([]) is None


def test_a_regional_translation_is_preferred_else_the_language_itself() -> None:
    both = ("en", "pt", "pt_BR")
    assert pick_language(["pt-BR"], both) == "pt_BR"
    assert pick_language(["pt_PT"], both) == "pt"
    assert pick_language(["pt"], both) == "pt"
    chinese = ("zh_CN", "zh_TW")
    assert pick_language(["zh-Hant-HK"], chinese) == "zh_TW"
    assert pick_language(["zh-Hans"], chinese) == "zh_CN"
    assert pick_language(["zh-MO"], chinese) == "zh_TW"
    serbian = ("sr", "sr_Latn")
    assert pick_language(["sr-Latn-RS"], serbian) == "sr_Latn"
    assert pick_language(["sr_RS@latin"], serbian) == "sr_Latn"
    assert pick_language(["sr_RS"], serbian) == "sr"
    assert pick_language(["sr-Latn"], ("en", "sr")) is None  # Cyrillic does not serve Latin


def test_garbage_candidates_are_skipped_never_raised() -> None:
    assert pick_language([None, 42, b"es", ["es"], "\x00es", "es\u202e", "ar"]) == "ar"

    def broken() -> Iterator[str]:
        yield "de"
        raise OSError("the source went away")

    assert pick_language(broken()) is None


def test_every_shipped_language_has_its_windows_legacy_name() -> None:
    """Windows' locale.getlocale() says "Spanish_Spain": a language added to LANGUAGES needs
    its Windows name in the table, or a Windows machine in that language starts in English."""
    named = {lang for lang, _script in ui_language._WINDOWS_LANGUAGES.values()}
    assert {code.split("_")[0] for code in LANGUAGES} <= named
    assert {code.split("_")[0] for code in PLANNED} <= named


# -- the environment, by gettext's rules -------------------------------------------------------


def test_language_list_comes_before_the_locale_on_linux() -> None:
    env = {"LANGUAGE": "ar:en", "LANG": "es_ES.UTF-8"}
    assert system_language(env, system="linux", platform_languages=nothing,
                           getlocale=lambda: None) == "ar"
    assert environment_languages(env, "linux") == ["ar", "en", "es_ES.UTF-8"]
    # a language we do not ship in the list falls through to the next one
    assert system_language({"LANGUAGE": "de:es", "LANG": "de_DE.UTF-8"}, system="linux",
                           platform_languages=nothing, getlocale=lambda: None) == "es"


@pytest.mark.parametrize("c_locale", ["C", "POSIX", "C.UTF-8", "C.utf8"])
def test_language_list_is_ignored_in_the_c_locale(c_locale: str) -> None:
    env = {"LANGUAGE": "ar:es", "LANG": c_locale}
    assert system_language(env, system="linux", platform_languages=nothing,
                           getlocale=lambda: None) is None
    assert system_language({"LANGUAGE": "ar", "LC_ALL": c_locale, "LANG": "es_ES.UTF-8"},
                           system="linux", platform_languages=nothing,
                           getlocale=lambda: None) is None


def test_without_a_locale_variable_linux_is_in_c_but_windows_and_macos_are_not() -> None:
    env = {"LANGUAGE": "ar"}
    assert system_language(env, system="linux", platform_languages=nothing,
                           getlocale=lambda: None) is None
    for system in ("win32", "darwin"):
        assert system_language(env, system=system, platform_languages=lambda: ["es-ES"],
                               getlocale=lambda: None) == "ar"


def test_lc_all_overrides_lc_messages_overrides_lang_and_empty_values_do_not_count() -> None:
    def pick(env: dict[str, str]) -> str | None:
        return system_language(env, system="linux", platform_languages=nothing,
                               getlocale=lambda: None)

    assert pick({"LC_ALL": "ar_EG.UTF-8", "LC_MESSAGES": "es_ES", "LANG": "en_US"}) == "ar"
    assert pick({"LC_MESSAGES": "es_ES", "LANG": "ar_EG"}) == "es"
    assert pick({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "es_ES.UTF-8"}) == "es"
    # an overridden variable is not a preference: LC_ALL=de says German, not "else Spanish"
    assert pick({"LC_ALL": "de_DE.UTF-8", "LANG": "es_ES.UTF-8"}) is None


def test_the_c_locale_names_no_language_so_the_systems_own_list_is_asked() -> None:
    assert system_language({"LANG": "C"}, system="darwin", platform_languages=lambda: ["es-ES"],
                           getlocale=lambda: None) == "es"


def test_the_systems_list_is_not_read_when_the_environment_decides() -> None:
    asked: list[str] = []

    def platform() -> list[str]:
        asked.append("platform")
        return ["ar"]

    assert system_language({"LANG": "es_ES.UTF-8"}, system="win32",
                           platform_languages=platform) == "es"
    assert asked == []


# -- Windows -----------------------------------------------------------------------------------


def test_windows_preferred_ui_languages_list_gives_spanish() -> None:
    assert parse_multi_sz("es-ES\0en-US\0\0") == ["es-ES", "en-US"]
    assert parse_multi_sz("\0\0") == []
    assert parse_multi_sz("") == []
    names = windows_ui_languages(read_preferred=lambda: "es-ES\0en-US\0\0",
                                 read_default=lambda: "ar-EG")
    assert names == ["es-ES", "en-US"]  # the older call is only a fallback
    assert system_language({}, system="win32", platform_languages=lambda: names,
                           getlocale=lambda: "English_United States") == "es"


def test_windows_without_the_list_api_falls_back_to_the_default_ui_language() -> None:
    def missing() -> str | None:
        raise AttributeError("function 'GetUserPreferredUILanguages' not found")

    assert windows_ui_languages(read_preferred=missing, read_default=lambda: "ar-SA") == ["ar-SA"]
    assert windows_ui_languages(read_preferred=lambda: None, read_default=missing) == []


def test_windows_legacy_locale_name_from_getlocale_gives_spanish() -> None:
    assert system_language({}, system="win32", platform_languages=nothing,
                           getlocale=lambda: "Spanish_Spain.1252") == "es"
    assert system_language({}, system="win32", platform_languages=nothing,
                           getlocale=lambda: "Spanish_Spain") == "es"


def _fake_kernel32(names: str, langid: int = 0x0C0A, locale_name: str = "es-ES") -> Any:
    """Functions with the calling convention of kernel32's, writing into ctypes objects."""

    def preferred(flags: int, count_ref: Any, buffer: Any, size_ref: Any) -> int:
        assert flags == 0x8  # MUI_LANGUAGE_NAME
        size_ref._obj.value = len(names)
        count_ref._obj.value = names.count("\0") - 1
        if buffer is not None:
            buffer[: len(names)] = names
        return 1

    def default_ui() -> int:
        return langid

    def lcid_to_name(lcid: int, buffer: Any, length: int, flags: int) -> int:
        assert lcid == langid and length >= len(locale_name) + 1
        buffer[: len(locale_name) + 1] = locale_name + "\0"
        return len(locale_name) + 1

    return SimpleNamespace(GetUserPreferredUILanguages=preferred,
                           GetUserDefaultUILanguage=default_ui, LCIDToLocaleName=lcid_to_name)


def test_windows_readers_ask_for_the_size_then_read_the_whole_list() -> None:
    kernel32 = _fake_kernel32("es-ES\0en-US\0\0")
    raw = read_preferred_ui_languages(kernel32)
    assert raw == "es-ES\0en-US\0\0"  # past the first NUL, not just "es-ES"
    assert read_default_ui_language(kernel32) == "es-ES"
    assert read_preferred_ui_languages(_fake_kernel32("x" * 5000 + "\0\0")) is None  # too long
    failing = SimpleNamespace(GetUserPreferredUILanguages=lambda *a: 0)
    assert read_preferred_ui_languages(failing) is None


def test_off_windows_the_real_windows_api_is_missing_and_nothing_breaks() -> None:
    assert windows_ui_languages() == []
    assert system_language({}, system="win32", getlocale=lambda: None) is None


# -- macOS -------------------------------------------------------------------------------------


def test_mac_apple_languages_binary_plist() -> None:
    arabic = FIXTURES / "arabic-first.plist"
    assert arabic.read_bytes().startswith(b"bplist00")  # the binary format, not XML
    assert mac_ui_languages([arabic]) == ["ar-EG", "en-US", "ar_EG"]
    assert system_language({}, system="darwin", platform_languages=lambda: mac_ui_languages(
        [arabic]), getlocale=lambda: None) == "ar"
    english = FIXTURES / "english-first.plist"
    assert system_language({}, system="darwin", platform_languages=lambda: mac_ui_languages(
        [english]), getlocale=lambda: None) == "en"  # English first: not the later Spanish


def test_mac_xml_plist_and_a_file_with_only_apple_locale() -> None:
    xml = FIXTURES / "spanish-latin-america.xml.plist"
    assert xml.read_bytes().startswith(b"<?xml")
    assert mac_ui_languages([xml]) == ["es-419", "en", "es_MX@rg=mxzzzz"]
    assert pick_language(mac_ui_languages([xml])) == "es"
    assert mac_ui_languages([FIXTURES / "locale-only.plist"]) == ["es_ES"]


def test_mac_keys_are_looked_up_in_the_persons_file_then_the_computers() -> None:
    user = FIXTURES / "locale-only.plist"  # AppleLocale es_ES, no AppleLanguages
    computer = FIXTURES / "arabic-first.plist"
    assert mac_ui_languages([user, computer]) == ["ar-EG", "en-US", "es_ES"]


def test_corrupt_missing_or_odd_plists_give_nothing(tmp_path: Path) -> None:
    truncated = FIXTURES / "truncated.plist"
    assert mac_ui_languages([truncated]) == []
    assert system_language({}, system="darwin", platform_languages=lambda: mac_ui_languages(
        [truncated]), getlocale=lambda: None) is None
    assert mac_ui_languages([tmp_path / "absent.plist", tmp_path]) == []
    assert mac_ui_languages([b"", b"not a plist", b"bplist00\xff\xff"]) == []
    odd = [plistlib.dumps(["ar"]),  # not a dictionary
           plistlib.dumps({"AppleLanguages": "ar", "AppleLocale": 7}),
           plistlib.dumps({"AppleLanguages": [1, True, {"x": 1}]})]
    assert mac_ui_languages(odd) == []
    assert mac_ui_languages([plistlib.dumps({"AppleLanguages": [3, "es-ES"]})]) == ["es-ES"]
    big = tmp_path / "big.plist"
    big.write_bytes(plistlib.dumps({"AppleLanguages": ["es"], "pad": "x" * 3_000_000}))
    assert mac_ui_languages([big]) == []  # larger than any real preferences file: not parsed


def test_off_macos_the_real_preferences_are_absent_and_nothing_breaks(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    found = system_language({}, system="darwin", getlocale=lambda: None)
    assert found is None or sys.platform == "darwin"  # a real Mac has its computer-wide file
    assert ui_language.platform_ui_languages("linux") == []


# -- every source failing ----------------------------------------------------------------------


def test_failing_sources_mean_no_language_never_an_exception(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def boom() -> list[str]:
        raise RuntimeError("simulated fault")

    def bad_getlocale() -> tuple[str | None, str | None]:
        raise ValueError("unknown locale: UTF-8")

    assert system_language({"LANG": "C"}, system="darwin", platform_languages=boom,
                           getlocale=boom) is None
    monkeypatch.setattr("locale.getlocale", bad_getlocale)
    assert system_language({}, system="linux") is None
    monkeypatch.setattr("locale.getlocale", lambda *a: ("es_ES", "UTF-8"))
    assert system_language({}, system="linux") == "es"  # the real getlocale reader, last
    weird_env: dict[str, Any] = {"LANGUAGE": 3, "LANG": None, "LC_ALL": ["ar"]}
    assert system_language(weird_env, system="linux", platform_languages=nothing,
                           getlocale=lambda: None) is None


# -- the command line --------------------------------------------------------------------------


def test_command_line_follows_the_language_list_unless_told(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from checks.cli import _pre_lang, main

    for var in ("CHECKUP_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANGUAGE", "ar:en")
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    assert _pre_lang([]) == "ar"
    existing = tmp_path / "report.html"
    existing.write_text("earlier report", encoding="utf-8")
    assert main(["scan", "--only", "disk-encryption", "--html", str(existing)]) == 2
    assert "موجود من قبل" in capsys.readouterr().err  # Arabic, from LANGUAGE
    monkeypatch.setenv("CHECKUP_LANG", "es")
    assert _pre_lang([]) == "es"
    assert _pre_lang(["scan", "--lang", "en"]) == "en"
    assert _pre_lang(["--lang=ar"]) == "ar"

