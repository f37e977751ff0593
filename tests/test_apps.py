"""The installed-application inventory (checks/catalog/readers/apps.py): parsers, where it looks, matching."""

from __future__ import annotations

import plistlib
from datetime import datetime, timezone
from typing import Any

import pytest

from checks.catalog.readers import apps
from checks.engine.host import PlatformInfo, ProcessInfo
from checks.engine.registry import Scan
from checks.engine.snapshot import ReplayHost, Snapshot

REPO = apps.STORE_REPOSITORY


def host_of(system: str, home: str, env: dict[str, str] | None = None,
            **parts: Any) -> ReplayHost:
    snap = Snapshot(
        platform=PlatformInfo(system, "1", "1", "x86_64", home, env or {}),
        checks=["secure-messaging"],
        recorded_at=datetime(2026, 11, 20, tzinfo=timezone.utc),
        files=parts.get("files", {}), stats=parts.get("stats", {}), dirs=parts.get("dirs", {}),
        registry=parts.get("registry", {}), processes=parts.get("processes", []),
    )
    return ReplayHost(snap)


# -- pure parsers --------------------------------------------------------------------------

def test_desktop_entry_reads_only_the_main_group_and_untranslated_keys() -> None:
    text = ("# comment\n[Desktop Entry]\nName=Telegram\nName[es]=Telegrama\nExec=tg %u\n"
            "Hidden=false\n\n[Desktop Action quit]\nName=Quit Telegram\n")
    entry = apps.parse_desktop_entry(text)
    assert entry["Name"] == "Telegram"
    assert entry["Exec"] == "tg %u"
    assert not apps.desktop_entry_hidden(entry)
    assert apps.desktop_entry_hidden(apps.parse_desktop_entry("[Desktop Entry]\nHidden=true\n"))
    assert apps.parse_desktop_entry(None) == {}
    assert apps.parse_desktop_entry("garbage\x00\n=\n[") == {}


def test_info_plist_xml_binary_and_garbage() -> None:
    info = {"CFBundleIdentifier": "ru.keepcoder.Telegram", "CFBundleName": "Telegram",
            "CFBundleShortVersionString": "11.14", "LSUIElement": False}
    for fmt in (plistlib.FMT_XML, plistlib.FMT_BINARY):
        parsed = apps.parse_info_plist(plistlib.dumps(info, fmt=fmt))
        assert parsed == {"CFBundleIdentifier": "ru.keepcoder.Telegram",
                          "CFBundleName": "Telegram", "CFBundleShortVersionString": "11.14"}
    assert apps.parse_info_plist(b"") is None
    assert apps.parse_info_plist(b"<?xml version='1.0'?><plist><dict><key>") is None
    assert apps.parse_info_plist(b"bplist00\x00\x01garbage") is None
    assert apps.parse_info_plist(plistlib.dumps(["not", "a", "dict"])) is None


def test_package_full_name_gives_the_family_name() -> None:
    assert apps.parse_package_full_name(
        "MSTeams_25275.2601.4002.2815_x64__8wekyb3d8bbwe") == (
        "MSTeams_8wekyb3d8bbwe", "MSTeams", "25275.2601.4002.2815")
    whatsapp = apps.parse_package_full_name(
        "5319275A.WhatsAppDesktop_2.2545.3.0_x64__cv1g1gvanyjgm")
    assert whatsapp is not None and whatsapp[0] == "5319275A.WhatsAppDesktop_cv1g1gvanyjgm"
    assert apps.parse_package_full_name("NotAPackage") is None
    assert apps.parse_package_full_name("a_b_c") is None


@pytest.mark.parametrize("name,prefix,expected", [
    ("Signal 7.78.0", "Signal", True),
    ("Signal", "signal", True),
    ("Signal Beta 7.79.0-beta.1", "Signal", True),
    ("SignalRGB", "Signal", False),
    ("Zoom Workplace (64-bit)", "Zoom", True),
    ("Microsoft Teams Meeting Add-in for Microsoft Office", "Microsoft Teams Meeting Add-in", True),
    ("Skype version 8.150", "Skype", True),
    ("", "Skype", False),
])
def test_display_name_prefix_is_a_whole_word(name: str, prefix: str, expected: bool) -> None:
    assert apps.display_name_matches(name, prefix) is expected


def test_process_names_ignore_case_exe_and_linux_truncation() -> None:
    assert apps.process_name_matches("Signal.exe", "signal.exe")
    assert apps.process_name_matches("SIGNAL.EXE", "Signal")
    assert apps.process_name_matches("telegram-deskto", "telegram-desktop")  # 15-char comm
    assert not apps.process_name_matches("signal", "signal-desktop")
    assert not apps.process_name_matches("", "signal-desktop")


# -- where it looks ------------------------------------------------------------------------

def test_linux_dirs_include_user_flatpak_snap_and_xdg_data_dirs_once() -> None:
    plat = PlatformInfo("Linux", "", "", "", "/home/a", {
        "HOME": "/home/a",
        "XDG_DATA_DIRS": "/home/a/.local/share/flatpak/exports/share:/usr/share/:/opt/extra/share"})
    dirs = apps.linux_application_dirs(plat)
    paths = [d for d, _ in dirs]
    assert paths[:2] == ["/usr/share/applications", "/usr/local/share/applications"]
    assert ("/home/a/.local/share/applications", apps.USER_ENTRY) in dirs
    assert ("/home/a/.local/share/flatpak/exports/share/applications", apps.FLATPAK_USER) in dirs
    assert ("/var/lib/flatpak/exports/share/applications", apps.FLATPAK_SYSTEM) in dirs
    assert ("/var/lib/snapd/desktop/applications", apps.SNAP) in dirs
    assert ("/opt/extra/share/applications", apps.SYSTEM_PACKAGE) in dirs
    assert len(paths) == len(set(paths))


def test_linux_inventory_and_channels() -> None:
    host = host_of("Linux", "/home/a", {"HOME": "/home/a"}, dirs={
        "/usr/share/applications": ["signal-desktop.desktop", "mimeinfo.cache"],
        "/var/lib/flatpak/exports/share/applications": ["org.telegram.desktop.desktop"],
        "/home/a/.local/share/flatpak/exports/share/applications": ["im.riot.Riot.desktop"],
        "/var/lib/snapd/desktop/applications": ["discord_discord.desktop"],
    })
    inv = apps.collect_inventory(host)
    assert inv.ok
    got = {(a.channel, a.ident) for a in inv.apps}
    assert got == {(apps.SYSTEM_PACKAGE, "signal-desktop"),
                   (apps.FLATPAK_SYSTEM, "org.telegram.desktop"),
                   (apps.FLATPAK_USER, "im.riot.Riot"),
                   (apps.SNAP, "discord_discord")}
    assert "/usr/local/share/applications" in inv.searched
    assert "/usr/local/share/applications" not in inv.listed


def test_nothing_listable_means_not_ok() -> None:
    inv = apps.collect_inventory(host_of("Linux", "/root", {"HOME": "/root"}))
    assert not inv.ok and inv.apps == ()
    inv = apps.collect_inventory(host_of("Windows", "C:\\Users\\a", {}))
    assert not inv.ok


def test_macos_bundles_read_info_plist_and_one_folder_deep() -> None:
    plist = plistlib.dumps({"CFBundleIdentifier": "com.tdesktop.Telegram",
                            "CFBundleName": "Telegram", "CFBundleShortVersionString": "6.2"},
                           fmt=plistlib.FMT_BINARY)
    import base64
    host = host_of("Darwin", "/Users/a", {"HOME": "/Users/a"}, dirs={
        "/Applications": ["Telegram Desktop.app", "Chat Tools", ".hidden.app", "Broken.app"],
        "/Applications/Chat Tools": ["Session.app"],
        "/Users/a/Applications": ["Mine.app"],
    }, files={
        "/Applications/Telegram Desktop.app/Contents/Info.plist":
            {"base64": base64.b64encode(plist).decode()},
        "/Applications/Chat Tools/Session.app/Contents/Info.plist": {"text": plistlib.dumps(
            {"CFBundleIdentifier": "com.loki-project.messenger-desktop"}).decode()},
    })
    inv = apps.collect_inventory(host)
    by_loc = {a.location: a for a in inv.apps}
    tg = by_loc["/Applications/Telegram Desktop.app"]
    assert (tg.ident, tg.name, tg.version) == ("com.tdesktop.Telegram", "Telegram", "6.2")
    assert by_loc["/Applications/Chat Tools/Session.app"].ident == \
        "com.loki-project.messenger-desktop"
    broken = by_loc["/Applications/Broken.app"]
    assert broken.ident == "" and broken.details["bundle_name"] == "Broken"
    assert by_loc["/Users/a/Applications/Mine.app"].channel == apps.MAC_USER_APPLICATIONS
    assert "/Applications/.hidden.app" not in by_loc


WIN_ENV = {"LOCALAPPDATA": "C:\\Users\\a\\AppData\\Local", "USERPROFILE": "C:\\Users\\a"}


def test_windows_uninstall_entries_all_views_and_system_components() -> None:
    u = "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall"
    u32 = "SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall"
    host = host_of("Windows", "C:\\Users\\a", WIN_ENV, registry={
        f"HKLM\\{u}": {"subkeys": ["Zoom", "Hidden"]},
        f"HKLM\\{u}\\Zoom": {"values": {"DisplayName": "Zoom Workplace (64-bit)",
                                        "DisplayVersion": "6.6.5"}},
        f"HKLM\\{u}\\Hidden": {"values": {"DisplayName": "Some Runtime", "SystemComponent": 1}},
        f"HKLM\\{u32}": {"subkeys": ["Viber"]},
        f"HKLM\\{u32}\\Viber": {"values": {"DisplayName": "Viber"}},
        f"HKCU\\{u}": {"subkeys": ["NoName"]},
        f"HKCU\\{u}\\NoName": {"values": {"DisplayVersion": "1"}},
        f"HKCU\\{u32}": {"subkeys": ["Wire"]},
        f"HKCU\\{u32}\\Wire": {"values": {"DisplayName": "Wire"}},
    })
    inv = apps.collect_inventory(host)
    names = {(a.channel, a.name) for a in inv.apps}
    assert names == {(apps.WIN_ALL_USERS, "Zoom Workplace (64-bit)"),
                     (apps.WIN_ALL_USERS, "Viber"), (apps.WIN_THIS_USER, "Wire")}


def test_windows_store_from_repository_or_packages_folder() -> None:
    host = host_of("Windows", "C:\\Users\\a", WIN_ENV, registry={
        REPO: {"subkeys": ["MSTeams_25275.2601.4002.2815_x64__8wekyb3d8bbwe", "junk"]}})
    inv = apps.collect_inventory(host)
    store = [a for a in inv.apps if a.channel == apps.WIN_STORE]
    assert [(a.ident, a.version) for a in store] == [("MSTeams_8wekyb3d8bbwe",
                                                      "25275.2601.4002.2815")]
    # Registry unreadable: the folder names under %LOCALAPPDATA%\Packages are family names.
    host = host_of("Windows", "C:\\Users\\a", WIN_ENV, dirs={
        "C:\\Users\\a\\AppData\\Local\\Packages": ["5319275A.WhatsAppDesktop_cv1g1gvanyjgm",
                                                   "Temp"]})
    inv = apps.collect_inventory(host)
    assert [a.ident for a in inv.apps if a.channel == apps.WIN_STORE] == [
        "5319275A.WhatsAppDesktop_cv1g1gvanyjgm"]


# -- matching ------------------------------------------------------------------------------

def test_signature_from_json_ignores_unknown_fields_and_bad_values() -> None:
    sig = apps.AppSignature.from_json({"flatpak_ids": "org.signal.Signal", "processes": [1, "x"],
                                       "source": "somewhere"})
    assert sig.flatpak_ids == ("org.signal.Signal",)
    assert sig.processes == ("x",)
    assert apps.signature_for({"linux": {"snap_names": ["a"]}}, "macos") == apps.AppSignature()


def test_hidden_desktop_entry_is_not_an_install_and_name_comes_from_the_entry() -> None:
    host = host_of("Linux", "/home/a", {"HOME": "/home/a"}, dirs={
        "/usr/share/applications": ["signal-desktop.desktop"],
        "/home/a/.local/share/applications": ["org.telegram.desktop.desktop"],
    }, files={
        "/usr/share/applications/signal-desktop.desktop":
            {"text": "[Desktop Entry]\nName=Signal\nExec=signal-desktop\n"},
        "/home/a/.local/share/applications/org.telegram.desktop.desktop":
            {"text": "[Desktop Entry]\nName=Telegram\nHidden=true\n"},
    })
    sigs = {"signal": apps.AppSignature(desktop_ids=("signal-desktop",)),
            "tg": apps.AppSignature(desktop_ids=("org.telegram.desktop",))}
    found = apps.match_apps(apps.collect_inventory(host), sigs, read_text=host.read_text)
    assert list(found) == ["signal"]
    assert found["signal"].installs[0].name == "Signal"
    assert found["signal"].channels == [apps.SYSTEM_PACKAGE]


def test_shared_process_name_is_attributed_by_executable_path() -> None:
    tg = "TelegramMessengerLLP.TelegramDesktop_5.8.3.0_x64__t4vj0pshhgkwm"
    uni = "38833FF26BA1D.UnigramPreview_11.12.0.0_x64__g9c9v27vpyspw"
    host = host_of("Windows", "C:\\Users\\a", WIN_ENV, registry={REPO: {"subkeys": [tg, uni]}},
                   processes=[{"pid": 10, "name": "Telegram.exe",
                               "exe": f"C:\\Program Files\\WindowsApps\\{uni}\\Telegram.exe"}])
    sigs = {"tdesktop": apps.AppSignature(
                store_families=("TelegramMessengerLLP.TelegramDesktop_t4vj0pshhgkwm",),
                processes=("Telegram.exe",)),
            "unigram": apps.AppSignature(
                store_families=("38833FF26BA1D.UnigramPreview_g9c9v27vpyspw",),
                processes=("Telegram.exe",))}
    found = apps.match_apps(apps.collect_inventory(host), sigs)
    assert found["unigram"].running and not found["tdesktop"].running


def test_ambiguous_process_without_install_is_attributed_to_nobody() -> None:
    host = host_of("Darwin", "/Users/a", {"HOME": "/Users/a"}, dirs={"/Applications": []},
                   processes=[{"pid": 5, "name": "Telegram", "exe": None}])
    sigs = {"a": apps.AppSignature(processes=("Telegram",)),
            "b": apps.AppSignature(processes=("Telegram",))}
    assert apps.match_apps(apps.collect_inventory(host), sigs) == {}
    # One claimant only: a running app with no install found is reported as running only.
    found = apps.match_apps(apps.collect_inventory(host), {"a": sigs["a"]})
    assert found["a"].channels == [apps.RUNNING_ONLY] and found["a"].running


def test_snap_and_flatpak_matching() -> None:
    sig = apps.AppSignature(flatpak_ids=("org.signal.Signal",), snap_names=("signal-desktop",))
    assert sig.matches_install(apps.InstalledApp(apps.FLATPAK_USER, "org.signal.Signal", "", ""))
    assert sig.matches_install(apps.InstalledApp(apps.FLATPAK_SYSTEM, "org.signal.Signal.beta",
                                                 "", ""))
    assert not sig.matches_install(apps.InstalledApp(apps.FLATPAK_SYSTEM, "org.signal.SignalX",
                                                     "", ""))
    assert sig.matches_install(apps.InstalledApp(apps.SNAP, "signal-desktop_signal-desktop",
                                                 "", ""))
    assert not sig.matches_install(apps.InstalledApp(apps.SYSTEM_PACKAGE, "org.signal.Signal",
                                                     "", ""))


def test_excluded_display_names_are_not_the_app() -> None:
    sig = apps.AppSignature(display_names=("Microsoft Teams",),
                            display_excludes=("Microsoft Teams Meeting Add-in",))
    addin = apps.InstalledApp(apps.WIN_ALL_USERS, "{x}",
                              "Microsoft Teams Meeting Add-in for Microsoft Office", "k")
    classic = apps.InstalledApp(apps.WIN_THIS_USER, "Teams", "Microsoft Teams classic", "k")
    assert not sig.matches_install(addin)
    assert sig.matches_install(classic)


class CountingHost(ReplayHost):
    calls = 0

    def list_dir(self, path: str) -> list[str] | None:
        CountingHost.calls += 1
        return super().list_dir(path)


def test_one_scan_lists_apps_once() -> None:
    base = host_of("Linux", "/home/a", {"HOME": "/home/a"},
                   dirs={"/usr/share/applications": ["a.desktop"]})
    host = CountingHost(base.snapshot)
    scan = Scan(host)
    CountingHost.calls = 0
    first = apps.app_inventory(scan)
    after_first = CountingHost.calls
    second = apps.app_inventory(scan)
    assert first is second
    assert CountingHost.calls == after_first > 0


def test_broken_process_listing_is_only_a_missing_signal() -> None:
    class NoProcs(ReplayHost):
        def processes(self) -> list[ProcessInfo]:
            raise PermissionError("denied")

    base = host_of("Linux", "/home/a", {"HOME": "/home/a"},
                   dirs={"/usr/share/applications": ["a.desktop"]})
    inv = apps.collect_inventory(NoProcs(base.snapshot))
    assert inv.ok and inv.processes == ()


def test_process_path_hint_tells_apart_uninstalled_apps_sharing_a_name() -> None:
    # A portable Telegram Desktop (no uninstall entry) running as Telegram.exe, with Unigram
    # (also Telegram.exe) not installed: the executable's folder decides.
    host = host_of("Windows", "C:\\Users\\a", WIN_ENV, registry={REPO: {"subkeys": []}},
                   processes=[{"pid": 7, "name": "Telegram.exe",
                               "exe": "D:\\Tools\\Telegram Desktop\\Telegram.exe"}])
    sigs = {"tdesktop": apps.AppSignature(processes=("Telegram.exe",),
                                          process_paths=("\\Telegram Desktop\\",)),
            "unigram": apps.AppSignature(processes=("Telegram.exe",),
                                         process_paths=("38833FF26BA1D.UnigramPreview_",))}
    found = apps.match_apps(apps.collect_inventory(host), sigs)
    assert list(found) == ["tdesktop"]
    assert found["tdesktop"].channels == [apps.RUNNING_ONLY]
