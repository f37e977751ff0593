"""remote-access: replay fixtures, the data file, and calm wording."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checks.catalog.readers.launchd import parse_launchctl_disabled
from checks.catalog.remote_access.matching import match_prefixes, match_processes
from checks.content.guidance import load_article, render_article_text
from checks.engine.datafile import load_data
from tests.protections_support import assert_covered, case, cases, check_expected, english, replay

FOLDER = "remote_access"


@pytest.mark.parametrize("path", cases(FOLDER), ids=lambda p: p.stem)
def test_fixture_replays_to_expected_verdict(path: Path) -> None:
    check_expected(path)


def test_every_os_has_pass_fail_unknown_and_garbage() -> None:
    assert_covered(FOLDER)


def test_data_file_is_dated_and_sourced() -> None:
    df = load_data("remote-tools", required=("id", "name"))
    names = {e["name"] for e in df.entries}
    for wanted in ("TeamViewer", "AnyDesk", "RustDesk", "Chrome Remote Desktop", "x11vnc",
                   "Splashtop Streamer", "LogMeIn", "ToDesk", "Oray Sunlogin (AweSun)"):
        assert wanted in names
    assert any("ScreenConnect" in n for n in names)
    assert all(e.get("source") for e in df.entries)
    assert len({e["id"] for e in df.entries}) == len(df.entries)
    for e in df.entries:
        assert any(k in e for k in ("linux", "macos", "windows")), e["id"]


def test_matching_ignores_case() -> None:
    procs = {"teamviewer.exe": "TeamViewer.exe"}
    assert match_processes({"processes": ["TeamViewer.exe"]}, procs) == ["TeamViewer.exe"]
    assert match_prefixes(["ScreenConnect Client (abc)", "Spooler"],
                          ["screenconnect client ("]) == ["ScreenConnect Client (abc)"]


def test_launchctl_both_formats() -> None:
    new = 'disabled services = {\n\t"com.openssh.sshd" => false\n\t"com.apple.smbd" => true\n}\n'
    old = 'disabled services = {\n\t"com.openssh.sshd" => enabled\n}\n'
    assert parse_launchctl_disabled(new) == {"com.openssh.sshd": False, "com.apple.smbd": True}
    assert parse_launchctl_disabled(old) == {"com.openssh.sshd": False}
    assert parse_launchctl_disabled("Could not find domain") is None


def test_wording_is_calm_and_points_to_guidance() -> None:
    _s, finding = replay(case(FOLDER, "linux_anydesk"))
    summary, details, _ev = english(finding)
    text = " ".join([summary, *details]).lower()
    assert "legitimate" in text and "if you did not set this up yourself" in text
    for alarming in ("malware", "hacked", "spy", "virus", "!"):
        assert alarming not in text


@pytest.mark.parametrize("lang,alert", [
    ("en", "removing monitoring software can alert the person who installed it"),
    ("es", "quitar un programa de vigilancia puede alertar a la persona que lo instaló"),
    ("ar", "حذف برنامج مراقبة قد ينبّه الشخص الذي ثبّته"),
])
def test_guidance_warns_before_any_removal_step(lang: str, alert: str) -> None:
    # The warning stands before the steps, also in a report that prints only the steps.
    article = load_article("remote-access", lang)
    for os_family in ("windows", "macos", "linux"):
        text = render_article_text(article, os_family, sections=("fix",))
        before_steps = " ".join(re.split(r"(?m)^\s*1\. ", text, maxsplit=1)[0].split())
        assert alert in before_steps, (lang, os_family)
    assert any(alert in p for p in article.fix_intro)
