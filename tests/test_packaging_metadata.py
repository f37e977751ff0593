"""Linux desktop integration and bundle metadata: valid, complete, and neutral (a searched
laptop's menus and software centre should not advertise what its owner worries about)."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from checks.privacy.appdirs import APP_ID

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "packaging"
DESKTOP = PKG / "linux" / f"{APP_ID}.desktop"
METAINFO = PKG / "linux" / f"{APP_ID}.metainfo.xml"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
# Words that would tell an onlooker what the owner of the computer worries about.
REVEALING = re.compile(
    r"surveil|spy|spyware|activis|journalis|human.rights|defender|dissident|repress|"
    r"privacy|secur|threat|attack|hack|malware|censor|protest|vigilancia|espía|activista|"
    r"periodista|seguridad|مراقب|تجسس|ناشط|صحف|أمن", re.I)


def _visible_metadata() -> str:
    xml = re.sub(r"<!--.*?-->", "", METAINFO.read_text(encoding="utf-8"), flags=re.S)
    desktop = "\n".join(line for line in DESKTOP.read_text(encoding="utf-8").splitlines()
                        if not line.startswith("#"))
    return xml + "\n" + desktop


def test_visible_names_and_descriptions_are_neutral() -> None:
    found = REVEALING.findall(_visible_metadata())
    assert found == []
    assert "Name=Checkup" in DESKTOP.read_text(encoding="utf-8")
    assert "<summary>Computer settings check</summary>" in METAINFO.read_text(encoding="utf-8")


def test_ids_agree_across_desktop_file_metainfo_and_window() -> None:
    xml = METAINFO.read_text(encoding="utf-8")
    assert f"<id>{APP_ID}</id>" in xml
    assert f'<launchable type="desktop-id">{APP_ID}.desktop</launchable>' in xml
    assert f"Icon={APP_ID}" in DESKTOP.read_text(encoding="utf-8")
    assert "setDesktopFileName(APP_ID)" in (ROOT / "desktop" / "app.py").read_text()
    assert "bundle_identifier=APP_ID" in (PKG / "checkup.spec").read_text()


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstreamcli not installed (make sysdeps installs appstream)")
def test_metainfo_validates_with_appstreamcli() -> None:
    proc = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate not installed (desktop-file-utils)")
def test_desktop_file_validates() -> None:
    proc = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0 and "error" not in proc.stdout, proc.stdout + proc.stderr


@pytest.mark.parametrize("size", SIZES)
def test_icon_png_at_each_usual_size(size: int) -> None:
    png = (PKG / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (size, size)


def test_windows_and_macos_icon_files_hold_pngs() -> None:
    ico = (PKG / "icons" / "checkup.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 5
    icns = (PKG / "icons" / "checkup.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert b"ic10" in icns and b"\x89PNG" in icns


def test_spec_keeps_resources_and_leaves_out_network_facing_qt_parts() -> None:
    spec = (PKG / "checkup.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "resources"), "resources")' in spec
    for part in ("QtNetwork", "libq(?:vnc", "generic/"):
        assert part in spec
    assert "_MEIPASS" in (ROOT / "checks" / "engine" / "resources.py").read_text()


def test_one_version_number_in_the_code_the_package_and_the_metainfo() -> None:
    """checks.__version__ is the one source: pyproject.toml reads it, and the newest AppStream
    release (what a software centre shows) names it."""
    import checks
    from tools.lock import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "checks.__version__"}
    releases = re.findall(r'<release version="([^"]+)"', METAINFO.read_text(encoding="utf-8"))
    assert releases and releases[0] == checks.__version__
