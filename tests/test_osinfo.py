"""OS identification: pure parsers on real-format inputs, and identify_os through a Host."""

from __future__ import annotations

import plistlib
from datetime import datetime, timezone

from checks.engine.context import parse_os_release
from checks.engine.host import PlatformInfo
from checks.engine.osinfo import (
    edition_family,
    from_macos_version,
    from_os_release,
    from_windows_registry,
    identify_os,
    parse_amnesia_version,
    parse_sw_vers,
    parse_system_version_plist,
)
from checks.engine.snapshot import ReplayHost, Snapshot

# Real /etc/os-release of Ubuntu 22.04.
UBUNTU_2204 = """PRETTY_NAME="Ubuntu 22.04.4 LTS"
NAME="Ubuntu"
VERSION_ID="22.04"
VERSION="22.04.4 LTS (Jammy Jellyfish)"
VERSION_CODENAME=jammy
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=jammy
"""

# Real /etc/os-release of Linux Mint 21.3.
MINT_213 = """NAME="Linux Mint"
VERSION="21.3 (Virginia)"
ID=linuxmint
ID_LIKE="ubuntu debian"
PRETTY_NAME="Linux Mint 21.3"
VERSION_ID="21.3"
HOME_URL="https://www.linuxmint.com/"
SUPPORT_URL="https://forums.linuxmint.com/"
BUG_REPORT_URL="http://linuxmint-troubleshooting-guide.readthedocs.io/en/latest/"
PRIVACY_POLICY_URL="https://www.linuxmint.com/"
VERSION_CODENAME=virginia
UBUNTU_CODENAME=jammy
"""

# Real /etc/os-release of Arch Linux.
ARCH = """NAME="Arch Linux"
PRETTY_NAME="Arch Linux"
ID=arch
BUILD_ID=rolling
ANSI_COLOR="38;2;23;147;209"
HOME_URL="https://archlinux.org/"
DOCUMENTATION_URL="https://wiki.archlinux.org/"
SUPPORT_URL="https://bbs.archlinux.org/"
BUG_REPORT_URL="https://gitlab.archlinux.org/groups/archlinux/-/issues"
PRIVACY_POLICY_URL="https://terms.archlinux.org/docs/privacy-policy/"
LOGO=archlinux-logo
"""

SW_VERS_15 = "ProductName:\t\tmacOS\nProductVersion:\t\t15.1.1\nBuildVersion:\t\t24B91\n"


def test_ubuntu() -> None:
    info = from_os_release(parse_os_release(UBUNTU_2204))
    assert (info.os_id, info.version, info.codename) == ("ubuntu", "22.04", "jammy")
    assert info.known and not info.rolling and not info.base_id
    assert "VERSION_ID=22.04" in info.evidence[0].text


def test_mint_maps_to_ubuntu_base() -> None:
    info = from_os_release(parse_os_release(MINT_213))
    assert (info.os_id, info.version) == ("linuxmint", "21.3")
    assert (info.base_id, info.base_version) == ("ubuntu", "22.04")


def test_arch_is_rolling() -> None:
    info = from_os_release(parse_os_release(ARCH))
    assert info.os_id == "arch" and info.rolling and info.known and not info.problem


def test_garbage_os_release() -> None:
    info = from_os_release(parse_os_release("\x00\x01garbage\nnot a line\n=="))
    assert not info.known and info.problem


def test_sw_vers_and_plist() -> None:
    fields = parse_sw_vers(SW_VERS_15)
    assert fields["ProductVersion"] == "15.1.1"
    info = from_macos_version(fields)
    assert (info.os_id, info.version, info.full_version) == ("macos", "15", "15.1.1")
    assert not info.beta
    plist = plistlib.dumps({"ProductName": "macOS", "ProductVersion": "12.7.6",
                            "ProductBuildVersion": "21H1320"})
    info = from_macos_version(parse_system_version_plist(plist), "plist")
    assert info.version == "12"
    assert parse_system_version_plist(b"junk") == {}
    assert from_macos_version(parse_sw_vers("ProductVersion: 10.15.7")).version == "10.15"
    assert from_macos_version({"ProductVersion": "26.0",
                               "BuildVersion": "25A5279m"}).beta


def test_windows_11_reporting_windows_10() -> None:
    info = from_windows_registry({
        "ProductName": "Windows 10 Pro", "EditionID": "Professional",
        "DisplayVersion": "24H2", "CurrentBuild": "26100", "CurrentBuildNumber": "26100",
        "UBR": 2314, "InstallationType": "Client",
    })
    assert (info.version, info.feature, info.edition_family) == ("11", "24H2", "home_pro")
    assert info.label == "Windows 11 Pro 24H2"
    assert info.full_version == "10.0.26100.2314"


def test_windows_10_ltsc_and_unknown_build() -> None:
    info = from_windows_registry({"ProductName": "Windows 10 Enterprise LTSC 2021",
                                  "EditionID": "EnterpriseS", "CurrentBuild": "19044"})
    assert (info.version, info.feature, info.edition_family) == ("10", "21H2", "ltsc")
    info = from_windows_registry({"ProductName": "Windows 10 Pro", "CurrentBuild": "27999"})
    assert info.version == "11" and not info.feature and info.problem
    assert edition_family("IoTEnterpriseS") == "iot_ltsc"
    assert edition_family("Core") == "home_pro"
    assert edition_family("Mystery") == ""
    assert from_windows_registry(None).problem


def _host(system: str, **snap: object) -> ReplayHost:
    data = {"platform": PlatformInfo(system, "", "", "x86_64"), "checks": ["os-supported"],
            "recorded_at": datetime(2026, 11, 23, tzinfo=timezone.utc)}
    data.update(snap)
    return ReplayHost(Snapshot(**data))  # type: ignore[arg-type]


def test_identify_through_host() -> None:
    host = _host("Darwin", commands=[{"argv": ["sw_vers"], "status": "ok", "returncode": 0,
                                      "stdout": SW_VERS_15, "stderr": ""}])
    assert identify_os(host).version == "15"
    host = _host("Linux", files={"/etc/os-release": {"text": UBUNTU_2204}})
    assert identify_os(host).version == "22.04"
    host = _host("Windows", registry={
        r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion": {
            "values": {"ProductName": "Windows 10 Home", "EditionID": "Core",
                       "CurrentBuild": "19045", "UBR": 6456}}})
    info = identify_os(host)
    assert (info.version, info.feature, info.edition_family) == ("10", "22H2", "home_pro")
    assert not identify_os(_host("Darwin")).known


# Real /etc/os-release of Tails 5 (only TAILS_* lines) and /etc/amnesia/version.
TAILS_OS_RELEASE = 'TAILS_PRODUCT_NAME="Tails"\nTAILS_VERSION_ID="5.0"\n'
TAILS_AMNESIA = "7.6 - 20260326\nc5418a86304abd6c99c42e644a6775a8175499ef\nlive-build: 3.0.5\n"


def test_tails() -> None:
    info = from_os_release(parse_os_release(TAILS_OS_RELEASE))
    assert (info.os_id, info.version) == ("tails", "5.0")
    assert parse_amnesia_version(TAILS_AMNESIA) == ("7.6", "2026-03-26")
    assert parse_amnesia_version("0.20.1\nabc\n") == ("0.20.1", "")
    assert parse_amnesia_version("") == ("", "")
    host = _host("Linux", files={"/etc/os-release": {"text": TAILS_OS_RELEASE},
                                 "/etc/amnesia/version": {"text": TAILS_AMNESIA}})
    info = identify_os(host)
    assert info.build_date == "2026-03-26" and info.os_id == "tails"


def test_macos_compatibility_version_is_not_taken_at_face_value() -> None:
    info = from_macos_version(parse_sw_vers("ProductName:\tMac OS X\nProductVersion:\t10.16\n"))
    assert not info.known and "10.16" in info.problem
