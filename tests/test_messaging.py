"""The secure-messaging check: fixtures replay to their verdicts, the data file is complete and
sourced, Signal Desktop's key state is read from field names only, and no key value ever
leaves the machine (findings, reports, recorded snapshots)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from checks.catalog import messaging
from checks.catalog.messaging import facts, messages, signal_config
from checks.catalog.messaging.decide import decide
from checks.catalog.messaging.facts import Seen
from checks.catalog.readers import apps
from checks.engine.datafile import load_data
from checks.engine.host import ProcessInfo
from checks.engine.i18n import Message, translator
from checks.engine.model import Finding, Severity, Status
from checks.engine.registry import Scan, get_check
from checks.engine.runner import run_check, run_scan
from checks.engine.snapshot import RecordingHost, ReplayHost, Snapshot
from tests.fixtures.messaging import build_fixtures
from tools.snapshot_builder import Fixture, RegistryKey

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "messaging"
SEES = "Checkup sees which apps are installed, not how you use them."


# -- cases only this file uses, built here rather than committed --------------------------
# (with the helpers of tests/fixtures/messaging/build_fixtures.py; a committed fixture gives
# the same verdict and sentences on the same system, so the suite-wide replays lose nothing)

def windows_telegram_portable() -> Fixture:
    # Issue 16: Telegram Desktop's portable build (tportable-x64.<version>.zip, as Telegram's
    # release script names it) unpacks to a folder "Telegram" holding Telegram.exe, with its
    # data in "tdata" beside it: no installer, no uninstall entry. Here it runs from another
    # drive. Unigram's Store package also runs a Telegram.exe, but only from its package folder
    # under WindowsApps.
    bf = build_fixtures
    lad = bf.WIN_ENV["LOCALAPPDATA"]
    return bf.snapshot(
        "Windows: portable Telegram on another drive",
        "Windows 11 with Telegram Desktop's portable build running from D:\\Telegram (no "
        "uninstall entry), and no other messenger.",
        bf.WIN_PLATFORM,
        registry={**bf.hklm_common(), "HKCU\\" + bf.UNINSTALL: RegistryKey(subkeys=[]),
                  bf.REPO: RegistryKey(subkeys=bf.SYSTEM_PACKAGES)},
        dirs={lad + "\\Programs": [], lad: ["Microsoft", "Packages", "Programs", "Temp"]},
        processes=[ProcessInfo(4, "System", None),
                   ProcessInfo(5120, "explorer.exe", "C:\\WINDOWS\\explorer.exe"),
                   ProcessInfo(6640, "Telegram.exe", "D:\\Telegram\\Telegram.exe")],
    )


BUILT: dict[str, Fixture] = {"windows_telegram_portable": windows_telegram_portable()}


def replay(name: str) -> ReplayHost:
    """The case ``name``: built above, or the committed fixture."""
    if name in BUILT:
        return ReplayHost(BUILT[name].snapshot())
    return ReplayHost(Snapshot.load(FIXTURES / f"{name}.json"))


def run(name: str) -> Finding:
    check = get_check(messaging.CHECK_ID)
    assert check is not None
    return run_check(check, Scan(replay(name)))


def en(m: Message | str) -> str:
    return translator("en").render(m)


def texts(f: Finding, lang: str = "en") -> Iterator[str]:
    t = translator(lang)
    yield t.render(f.summary)
    for d in f.details:
        yield t.render(d)


def details(f: Finding) -> str:
    return "\n".join(en(d) for d in f.details)


# -- each fixture replays to its verdict ---------------------------------------------------

EXPECTED = {
    "linux_signal_deb_telegram_flatpak": (Status.PASS, None),
    "linux_telegram_snap_only": (Status.FAIL, Severity.MEDIUM),
    "linux_signal_plain_key": (Status.ATTENTION, None),
    "linux_signal_basic_text": (Status.ATTENTION, None),
    "linux_signal_config_invalid": (Status.PASS, None),
    "linux_apps_unlistable": (Status.UNKNOWN, None),
    "linux_nothing": (Status.NOT_APPLICABLE, None),
    "macos_whatsapp_signal_telegram": (Status.PASS, None),
    "macos_nothing": (Status.NOT_APPLICABLE, None),
    "macos_telegram_only": (Status.FAIL, Severity.MEDIUM),
    "macos_signal_plain_key": (Status.ATTENTION, None),
    "macos_apps_unlistable": (Status.UNKNOWN, None),
    "windows_signal_teams": (Status.PASS, None),
    "windows_skype_only": (Status.FAIL, Severity.MEDIUM),
    "windows_nothing": (Status.NOT_APPLICABLE, None),
    "windows_telegram_portable": (Status.FAIL, Severity.MEDIUM),
    "windows_signal_plain_key": (Status.ATTENTION, None),
    "windows_apps_unlistable": (Status.UNKNOWN, None),
}


def test_every_case_is_built_or_committed_and_up_to_date() -> None:
    assert set(EXPECTED) == set(build_fixtures.FIXTURES) | set(BUILT)
    assert not set(build_fixtures.FIXTURES) & set(BUILT), "a case is both committed and built"
    assert {p.stem for p in FIXTURES.glob("*.json")} == set(build_fixtures.FIXTURES)
    for name, build in build_fixtures.FIXTURES.items():
        committed = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
        assert committed == json.loads(build().text()), f"{name}.json is stale"
        assert committed["meta"]["origin"] == "synthetic" and committed["meta"]["source"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_verdict(name: str) -> None:
    f = run(name)
    status, severity = EXPECTED[name]
    assert f.status is status, en(f.summary)
    assert f.severity is severity
    assert f.check_id == "secure-messaging" and f.guidance_id == "secure-messaging"
    assert SEES in en(f.summary) or "not how you use them" in en(f.summary)
    assert f.evidence, "every verdict shows what it rests on"


def test_linux_signal_deb_and_telegram_flatpak() -> None:
    f = run("linux_signal_deb_telegram_flatpak")
    assert en(f.summary).startswith(
        "Found a messenger that protects conversations end to end by default: Signal.")
    text = details(f)
    assert "Signal (system package, running now): one-to-one and group conversations are " \
           "end-to-end encrypted by default." in text
    assert "Telegram Desktop (Flatpak, running now): conversations are not end-to-end " \
           "encrypted by default." in text
    assert "cannot open secret chats at all" in text
    assert "protected by the system keyring (gnome_libsecret)" in text
    assert "Disappearing messages limit what someone who seizes" in text
    data: Any = f.data
    by_id = {m["id"]: m for m in data["messengers"]}
    assert by_id["signal"]["channels"] == [apps.SYSTEM_PACKAGE]
    assert by_id["signal"]["running"] is True
    assert by_id["telegram-desktop"]["channels"] == [apps.FLATPAK_SYSTEM]
    assert by_id["telegram-desktop"]["e2ee_one_to_one"] is False
    assert data["signal_desktop_keys"][0]["state"] == "keystore"
    lines = [e.line() for e in f.evidence]
    assert any("/usr/share/applications/signal-desktop.desktop" in ln for ln in lines)


def test_linux_telegram_snap_only_fails_with_the_caveats() -> None:
    f = run("linux_telegram_snap_only")
    assert en(f.summary).startswith("The only messaging app found, Telegram Desktop, does not "
                                    "protect conversations end to end by default.")
    assert "Telegram Desktop (Snap)" in details(f)
    assert "Only secret chats are end-to-end encrypted" in details(f)


def test_macos_native_telegram_is_not_telegram_desktop() -> None:
    f = run("macos_whatsapp_signal_telegram")
    data: Any = f.data
    ids = [m["id"] for m in data["messengers"]]
    assert ids == ["signal", "whatsapp", "telegram-macos"]
    assert en(f.summary).startswith("Found 2 messengers that protect conversations end to end "
                                    "by default: Signal, WhatsApp.")
    text = details(f)
    assert "This app can open secret chats" in text
    assert "cannot open secret chats" not in text
    assert "Other user accounts on this computer can read" in text  # config.json is 0644
    by_id = {m["id"]: m for m in data["messengers"]}
    assert by_id["telegram-macos"]["running"] is True
    assert by_id["whatsapp"]["installs"][0]["id"] == "net.whatsapp.WhatsApp"  # binary plist


def test_windows_signal_per_user_and_teams_store() -> None:
    f = run("windows_signal_teams")
    data: Any = f.data
    by_id = {m["id"]: m for m in data["messengers"]}
    assert by_id["signal"]["channels"] == [apps.WIN_THIS_USER, apps.WIN_USER_FOLDER]
    assert by_id["teams"]["channels"] == [apps.WIN_STORE]
    assert by_id["teams"]["running"] is True
    assert "Chats are not end-to-end encrypted" in details(f)
    assert data["signal_desktop_keys"][0]["state"] == "keystore"


def test_windows_skype_only_is_discontinued() -> None:
    f = run("windows_skype_only")
    assert en(f.summary).startswith("Skype is installed but no longer supported by its maker")
    assert "Skype was discontinued by its maker on 2025-05-05" in details(f)


def test_windows_nothing_says_what_was_looked_for() -> None:
    f = run("windows_nothing")
    s = en(f.summary)
    assert s.startswith("No messaging app was found on this computer. That is fine if you "
                        "message from your phone.")
    for name in ("Signal", "WhatsApp", "Telegram Desktop", "Skype", "Messenger", "Threema"):
        assert name in s
    assert "Telegram for macOS" not in s  # only apps that exist on this OS are named
    assert not f.details  # nothing found, nothing to remind about


def test_unknown_when_apps_cannot_be_listed_tells_how_to_check_by_hand() -> None:
    f = run("linux_apps_unlistable")
    assert en(f.summary).startswith("Checkup could not list the applications on this computer")
    assert "To see for yourself" in details(f)
    assert any(e.text == "could not be read" for e in f.evidence)


def test_signal_plain_key_is_attention_and_names_the_file() -> None:
    f = run("linux_signal_plain_key")
    assert en(f.summary).startswith("Signal Desktop keeps the key to its message database where "
                                    "anyone who can read its settings file can use it.")
    text = details(f)
    assert "/home/amina/.config/Signal/config.json" in text
    assert "make sure a keyring (keystore) is available" in text
    assert "Other user accounts on this computer can read" in text


def test_signal_basic_text_is_attention() -> None:
    f = run("linux_signal_basic_text")
    assert "built-in password" in en(f.summary)
    data: Any = f.data
    assert data["signal_desktop_keys"][0]["safe_storage_backend"] == "basic_text"
    assert data["messengers"][0]["channels"] == [apps.FLATPAK_SYSTEM]


def test_signal_config_not_json_is_reported_not_guessed() -> None:
    f = run("linux_signal_config_invalid")
    assert f.status is Status.PASS  # Signal is there; only the key state is unknown
    assert "could not be read (it is not valid JSON)" in details(f)
    data: Any = f.data
    assert data["signal_desktop_keys"][0]["state"] == "not_valid_json"
    assert data["messengers"][0]["channels"] == [apps.SNAP]


# -- pure pieces ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,state", [
    ('{"key": "abc"}', facts.SIGNAL_PLAIN),
    ('{"encryptedKey": "7631", "safeStorageBackend": "kwallet6"}', facts.SIGNAL_KEYSTORE),
    ('{"encryptedKey": "7631"}', facts.SIGNAL_KEYSTORE),
    ('{"encryptedKey": "7631", "safeStorageBackend": "basic_text"}', facts.SIGNAL_BASIC_TEXT),
    ('{"encryptedKey": "7631", "key": "abc"}', facts.SIGNAL_PLAIN),
    ('{"mediaPermissions": true}', facts.SIGNAL_NO_KEY),
    ('{"key": null}', facts.SIGNAL_NO_KEY),
    ('{"key": "', facts.SIGNAL_UNREADABLE),
    ("[1, 2]", facts.SIGNAL_UNREADABLE),
    ("", facts.SIGNAL_UNREADABLE),
])
def test_parse_signal_config(text: str, state: str) -> None:
    assert signal_config.parse_signal_config(text)[0] == state


def test_parse_signal_config_keeps_only_a_safe_backend_name() -> None:
    assert signal_config.parse_signal_config(
        '{"encryptedKey": "x", "safeStorageBackend": "gnome_libsecret"}')[3] == "gnome_libsecret"
    assert signal_config.parse_signal_config(
        '{"encryptedKey": "x", "safeStorageBackend": "<script>alert(1)</script>"}')[3] is None


def test_signal_config_paths_per_os() -> None:
    from checks.engine.host import PlatformInfo

    linux = signal_config.signal_config_paths(PlatformInfo("Linux", "", "", "", "/home/a",
                                                       {"HOME": "/home/a"}))
    assert "/home/a/.config/Signal/config.json" in linux
    assert "/home/a/.var/app/org.signal.Signal/config/Signal/config.json" in linux
    assert "/home/a/snap/signal-desktop/current/.config/Signal/config.json" in linux
    xdg = signal_config.signal_config_paths(PlatformInfo("Linux", "", "", "", "/home/a",
                                                     {"XDG_CONFIG_HOME": "/data/cfg"}))
    assert xdg[0] == "/data/cfg/Signal/config.json"
    mac = signal_config.signal_config_paths(PlatformInfo("Darwin", "", "", "", "/Users/a", {}))
    assert mac[0] == "/Users/a/Library/Application Support/Signal/config.json"
    win = signal_config.signal_config_paths(PlatformInfo("Windows", "", "", "", "C:\\Users\\a",
                                                     {"APPDATA": "C:\\Users\\a\\AppData\\Roaming"}))
    assert win[0] == "C:\\Users\\a\\AppData\\Roaming\\Signal\\config.json"


def _decide(found_ids: list[str], keys: list[facts.SignalKey] | None = None) -> Finding:
    data, ms = facts.load_messengers()
    inst = apps.InstalledApp(apps.SYSTEM_PACKAGE, "x", "x", "/usr/share/applications/x.desktop")
    inv = apps.AppInventory("linux", (inst,), (), ("/usr/share/applications",),
                            ("/usr/share/applications",))
    found = [facts.Found(m, apps.AppMatch(m.id, (inst,), ())) for m in ms
             if m.id in found_ids]
    return decide(Seen("linux", inv, found, keys or []), ms, data)


def test_discontinued_fails_even_beside_a_secure_messenger() -> None:
    f = _decide(["signal", "skype"])
    assert f.status is Status.FAIL and f.severity is Severity.MEDIUM


def test_only_insecure_messengers_fail_and_name_them_all() -> None:
    f = _decide(["slack", "discord"])
    assert f.status is Status.FAIL
    assert en(f.summary).startswith("The messaging apps found (Discord, Slack) do not protect")


def test_plain_key_left_behind_without_signal_installed_is_attention() -> None:
    key = facts.SignalKey("/home/a/.config/Signal/config.json", facts.SIGNAL_PLAIN,
                              has_plain_key=True)
    f = _decide([], [key])
    assert f.status is Status.ATTENTION


def test_messenger_is_one_to_one_only() -> None:
    f = _decide(["messenger", "signal"])
    assert "Messenger (system package): one-to-one conversations are end-to-end encrypted by " \
           "default; group conversations are not." in details(f)


def test_stale_data_says_how_old_it_is() -> None:
    from datetime import datetime, timezone

    data, ms = facts.load_messengers()
    inst = apps.InstalledApp(apps.SYSTEM_PACKAGE, "x", "x", "/x")
    inv = apps.AppInventory("linux", (inst,), (), ("/x",), ("/x",))
    found = [facts.Found(ms[0], apps.AppMatch(ms[0].id, (inst,), ()))]
    late = datetime(data.gathered.year + 2, 1, 1, tzinfo=timezone.utc)
    f = decide(Seen("linux", inv, found, []), ms, data, late)
    assert f"gathered on {data.gathered.isoformat()}" in details(f)
    f = decide(Seen("linux", inv, found, []), ms, data, datetime.now(timezone.utc))
    assert "gathered on" not in details(f) or data.is_stale(datetime.now(timezone.utc))


# -- the data file -------------------------------------------------------------------------

def test_data_file_covers_the_messengers_and_sources_every_claim() -> None:
    data = load_data("messengers", required=facts.DATA_REQUIRED)
    ids = {e["id"] for e in data.entries}
    for wanted in ("signal", "whatsapp", "telegram-desktop", "telegram-macos", "element", "wire",
                   "threema", "session", "simplex", "briar", "deltachat", "jami", "viber",
                   "skype", "wechat", "discord", "slack", "teams", "zoom", "messenger"):
        assert wanted in ids
    assert len(ids) == len(data.entries)
    for e in data.entries:
        assert e["e2ee"]["source"], e["id"]
        assert isinstance(e["e2ee"]["one_to_one"], bool) and isinstance(e["e2ee"]["groups"], bool)
        for c in e["caveats"]:
            assert c["source"] and c["text"] and c["id"], e["id"]
        if e["discontinued"]:
            assert re.fullmatch(r"\d{4}-\d\d-\d\d", e["discontinued"]["date"])
            assert e["discontinued"]["source"]
        assert e["match"], e["id"]
        for family, block in e["match"].items():
            assert family in ("linux", "macos", "windows")
            assert block["source"], (e["id"], family)
            unknown = set(block) - set(apps.AppSignature.__dataclass_fields__) - {"source"}
            assert not unknown, (e["id"], unknown)


def test_caveat_texts_are_the_translatable_ones() -> None:
    data = load_data("messengers", required=facts.DATA_REQUIRED)
    used = set()
    for e in data.entries:
        for c in e["caveats"]:
            assert messages.CAVEATS.get(c["id"]) == c["text"], c["id"]
            used.add(c["id"])
    assert used == set(messages.CAVEATS)


def test_caveats_belong_to_the_app_not_the_brand() -> None:
    _, ms = facts.load_messengers()
    by_id = {m.id: m for m in ms}
    caveat_ids = {m.id: {c for c, _ in m.caveats} for m in ms}
    assert "telegram_desktop_no_secret_chats" in caveat_ids["telegram-desktop"]
    assert "telegram_secret_chats_here" in caveat_ids["telegram-macos"]
    assert "telegram_desktop_no_secret_chats" not in caveat_ids["telegram-macos"]
    assert by_id["telegram-macos"].signature("macos").bundle_ids == ("ru.keepcoder.Telegram",)
    assert "ru.keepcoder.Telegram" not in by_id["telegram-desktop"].signature("macos").bundle_ids
    assert "element_server_default" in caveat_ids["element"]
    assert "discord_calls_only" in caveat_ids["discord"]
    assert by_id["messenger"].e2ee_one_to_one and not by_id["messenger"].e2ee_groups
    assert by_id["skype"].discontinued == "2025-05-05"
    assert by_id["messenger"].discontinued == "2025-12-15"


def test_no_identifier_claimed_by_two_apps_on_one_os() -> None:
    _, ms = facts.load_messengers()
    for family in ("linux", "macos", "windows"):
        seen: dict[tuple[str, str], str] = {}
        for m in ms:
            sig = m.signature(family)
            for field in ("desktop_ids", "flatpak_ids", "snap_names", "bundle_ids",
                          "store_families", "program_dirs", "bundle_names"):
                for ident in getattr(sig, field):
                    key = (field, ident.lower())
                    assert key not in seen, f"{ident} claimed by {seen.get(key)} and {m.id}"
                    seen[key] = m.id


def test_self_checks_are_listed_for_the_guidance() -> None:
    ids = [i for i, _ in messages.SELF_CHECKS]
    assert len(ids) == len(set(ids))
    for wanted in ("disappearing_messages", "verify_safety_numbers", "linked_devices",
                   "registration_lock"):
        assert wanted in ids
    assert all(text.strip() for _, text in messages.SELF_CHECKS)


# -- translation ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_sentence_goes_through_gettext(name: str) -> None:
    f = run(name)
    for text in texts(f, "qps"):
        assert "⟦" in text, text


@pytest.mark.parametrize("lang", ["es", "ar"])
def test_translations_are_used(lang: str) -> None:
    for name in ("linux_signal_deb_telegram_flatpak", "windows_nothing", "windows_skype_only",
                 "linux_signal_plain_key", "linux_apps_unlistable"):
        f = run(name)
        assert translator(lang).render(f.summary) != en(f.summary)
        for d in f.details:
            assert translator(lang).render(d) != en(d), en(d)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_spanish_summary_says_how_you_use_them_informally(name: str) -> None:
    # Every summary ends "... not how you use them"; the Spanish texts say "tú" throughout.
    summary = translator("es").render(run(name).summary)
    assert "no cómo las usas." in summary, summary


def test_self_checks_and_caveats_are_translated() -> None:
    for lang in ("es", "ar"):
        t = translator(lang)
        for _, text in messages.SELF_CHECKS:
            assert t.gettext(text) != text
        for text in messages.CAVEATS.values():
            assert t.gettext(text) != text


# -- no key value ever leaves --------------------------------------------------------------

def _all_output(name: str) -> str:
    """Everything Checkup produces from a fixture: findings in every language, the reports,
    and a snapshot recorded over the fixture."""
    check = get_check(messaging.CHECK_ID)
    assert check is not None
    out: list[str] = []
    f = run(name)
    for lang in ("en", "es", "ar", "qps"):
        out.extend(texts(f, lang))
    out.extend(e.line() for e in f.evidence)
    out.append(json.dumps(f.data))
    recorder = RecordingHost(replay(name))
    result = run_scan(recorder, checks=[check])
    from checks.reports.report import report_html, report_json, report_text

    for lang in ("en", "ar"):
        out.append(json.dumps(report_json(result, lang, redact=False), ensure_ascii=False))
        out.append(report_html(result, lang, redact=False))
        out.append(report_text(result, lang, redact=False))
    out.append(json.dumps(recorder.snapshot([messaging.CHECK_ID]).to_json(), ensure_ascii=False))
    return "\n".join(out)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_key_value_appears_anywhere(name: str) -> None:
    everything = _all_output(name)
    for secret in build_fixtures.SECRETS:
        assert secret not in everything
        assert secret[:16] not in everything


def test_recorded_snapshot_keeps_field_names_and_still_replays_the_same(tmp_path: Path) -> None:
    check = get_check(messaging.CHECK_ID)
    assert check is not None
    for name in ("linux_signal_plain_key", "linux_signal_basic_text",
                 "linux_signal_deb_telegram_flatpak", "linux_signal_config_invalid"):
        recorder = RecordingHost(replay(name))
        run_scan(recorder, checks=[check])
        path = tmp_path / f"{name}.json"
        recorder.snapshot([messaging.CHECK_ID]).dump(path)
        again = run_check(check, Scan(ReplayHost(Snapshot.load(path))))
        assert again.status is run(name).status
        saved = json.loads(path.read_text(encoding="utf-8"))
        configs = [v["text"] for p, v in saved["files"].items() if p.endswith("config.json")]
        assert len(configs) == 1
        if name != "linux_signal_config_invalid":
            assert "<redacted by Checkup>" in configs[0]
        else:
            assert configs[0].startswith("<not valid JSON")


def test_signal_config_values_are_redacted_by_the_recorder() -> None:
    from checks.engine.snapshot import redact_recorded_file

    raw = json.dumps({"key": "secret1", "encryptedKey": "secret2", "window": {"key": "s3"},
                      "safeStorageBackend": "kwallet6"}).encode()
    for path in ("/home/a/.config/Signal/config.json",
                 "C:\\Users\\a\\AppData\\Roaming\\Signal Beta\\config.json"):
        kept = json.loads(redact_recorded_file(path, raw))
        assert kept["key"] == kept["encryptedKey"] == kept["window"]["key"] == \
            "<redacted by Checkup>"
        assert kept["safeStorageBackend"] == "kwallet6"
    assert redact_recorded_file("/etc/app/config.json", raw) == raw


def test_a_portable_telegram_on_another_drive_is_credited_to_telegram_desktop() -> None:
    # Issue 16: Telegram.exe is claimed by Telegram Desktop and by Unigram; the path
    # D:\Telegram\Telegram.exe matches neither, and nothing is installed, so it went to nobody
    # ("No messaging app was found"). Unigram, a Store app, only runs from WindowsApps.
    f = run("windows_telegram_portable")
    assert f.status is Status.FAIL and "Telegram Desktop" in en(f.summary)
    assert "Unigram" not in en(f.summary)
    assert "Telegram Desktop (running, installation not found)" in details(f)


def test_unigram_is_still_told_apart_by_its_package_folder() -> None:
    from checks.catalog.readers.apps import AppInventory, AppSignature, ProcessInfo, match_apps

    sigs = {"telegram": AppSignature(processes=("Telegram.exe",),
                                     process_paths=("\\Telegram Desktop\\",)),
            "unigram": AppSignature(processes=("Telegram.exe",),
                                    process_paths_only=("\\WindowsApps\\38833FF26BA1D.UnigramPreview_",))}
    store = ("C:\\Program Files\\WindowsApps\\38833FF26BA1D.UnigramPreview_11.9.0.0_x64__"
             "g9c9v27vpyspw\\Telegram.exe")
    for exe, owner in ((store, "unigram"), ("D:\\Telegram\\Telegram.exe", "telegram"),
                       ("E:\\PortableApps\\tg\\Telegram.exe", "telegram")):
        inv = AppInventory("windows", (), (ProcessInfo(1, "Telegram.exe", exe),), (), ())
        assert set(match_apps(inv, sigs)) == {owner}, exe
    # Without a path nothing tells them apart: nobody, as before.
    inv = AppInventory("windows", (), (ProcessInfo(1, "Telegram.exe", None),), (), ())
    assert match_apps(inv, sigs) == {}
