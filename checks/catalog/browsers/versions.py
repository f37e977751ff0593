"""Pure helpers for browser versions: reading version files and judging a version against the
dated facts in ``resources/data/browsers.json``. No Host access, no messages.

Version files read (never the browser itself):
- Firefox and Tor Browser ``application.ini``: an INI file whose ``[App]`` section has
  ``Version=`` (the Firefox version) and ``SourceRepository=``;
- Debian's package database ``/var/lib/dpkg/status`` (deb822 paragraphs with ``Package:``,
  ``Status: install ok installed`` and ``Version:``), dpkg(1);
- a snap's ``meta/snap.yaml`` (``version:`` line), snapcraft.yaml reference;
- a Flatpak app's AppStream metainfo (``<release version="..." ...>``, newest first), AppStream
  specification;
- Tor Browser's ``Browser/tbb_version.json`` (``{"version": "15.0.2", "channel": ...}``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from checks.catalog.browsers.release_lines import Clock, Line, line_of

# Judgement states (machine values; the check turns them into sentences). The rules are in
# ``judge_rapid`` and ``release_lines.py``.
CURRENT = "current"  # the newest major, or the one before it in its grace days
EXTENDED = "extended"  # the major of an extended channel the vendor still patches
ESR_SUPPORTED = "esr_supported"  # an Extended Support Release that still gets fixes
MAY_BE_OUTDATED = "may_be_outdated"  # one major behind what stale data lets Checkup expect
OUTDATED = "outdated"  # behind the data's own current major, past the grace days
LIKELY_OUTDATED = "likely_outdated"  # more than one major behind what can be expected today
ESR_ENDED = "esr_ended"  # an ESR line that no longer gets fixes
DATA_TOO_OLD = "data_too_old"  # the data is past its limit: cannot tell
UPGRADE_WAITING = "upgrade_waiting"  # current by the vendor, but the distribution offers newer
UNTRACKED = "untracked"  # found, but Checkup does not track this browser's versions
NO_VERSION = "no_version"  # found, but its version could not be read
SYSTEM = "system"  # updated with the operating system (Safari)

GOOD = frozenset({CURRENT, ESR_SUPPORTED})
# Protected only if something Checkup cannot see is so: "look at this", never a pass. An
# Extended Stable major is patched only when an administrator chose that channel; the same
# major on the ordinary channel is out of date.
DOUBTFUL = frozenset({MAY_BE_OUTDATED, EXTENDED, UPGRADE_WAITING})
BAD = frozenset({OUTDATED, LIKELY_OUTDATED, ESR_ENDED})

# each part at most 9 digits: a longer one is no version (and int() refuses over 4 300 digits)
_LEADING = re.compile(r"^\s*v?(\d{1,9}(?:\.\d{1,9})*)(?!\d)(?!\.\d)")


@dataclass(frozen=True)
class Version:
    raw: str
    parts: tuple[int, ...]
    esr: bool = False  # "esr" appears in the version text
    alpha: bool = False  # a Tor Browser alpha ("16.0a4")

    @property
    def major(self) -> int:
        return self.parts[0]

    @property
    def minor(self) -> int:
        return self.parts[1] if len(self.parts) > 1 else 0


def parse_version(text: str | None) -> Version | None:
    """``"157.0.1"``, ``"153.4.0esr-1~deb13u1"``, ``"131.0.6778.85-1"`` -> Version."""
    if not text:
        return None
    m = _LEADING.match(text)
    if not m:
        return None
    parts = tuple(int(p) for p in m.group(1).split(".") if p != "")
    if not parts:
        return None
    rest = text[m.end():].lower()
    return Version(text.strip(), parts, esr="esr" in text.lower(),
                   alpha=bool(re.match(r"[ab]\d", rest)))


def debian_upstream_version(version: str) -> str:
    """``"1:153.4.0esr-1~deb13u1"`` -> ``"153.4.0esr"`` (epoch and Debian revision dropped)."""
    upstream = version.split(":", 1)[-1]
    return upstream.rsplit("-", 1)[0] if "-" in upstream else upstream


def parse_application_ini(text: str | None) -> dict[str, str]:
    """The ``[App]`` section of application.ini (keys as written)."""
    out: dict[str, str] = {}
    section = ""
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line or line.startswith((";", "#")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            continue
        if section == "App" and "=" in line:
            key, _, value = line.partition("=")
            out.setdefault(key.strip(), value.strip())
    return out


WEB_SCHEMES = ("x-scheme-handler/https", "x-scheme-handler/http")


def parse_mimeinfo_cache(text: str | None, mime_types: Sequence[str] = WEB_SCHEMES
                         ) -> list[str]:
    """Desktop-entry ids (without ``.desktop``) that ``update-desktop-database``'s
    ``mimeinfo.cache`` lists for any of ``mime_types`` under ``[MIME Cache]``, in order,
    at most 200."""
    out: list[str] = []
    section = ""
    wanted = {m.lower() for m in mime_types}
    for raw in (text or "").splitlines():
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            continue
        if section != "MIME Cache" or "=" not in line:
            continue
        key, _, value = line.partition("=")
        if key.strip().lower() not in wanted:
            continue
        for item in value.split(";"):
            ident = item.strip()
            if ident.endswith(".desktop"):
                ident = ident[: -len(".desktop")]
            if ident and ident not in out and len(out) < 200:
                out.append(ident)
    return out


def parse_dpkg_status(text: str | None, packages: set[str]) -> dict[str, str]:
    """Installed versions of ``packages`` from /var/lib/dpkg/status."""
    out: dict[str, str] = {}
    if not text or not packages:
        return out
    for para in re.split(r"\n\s*\n", text):
        fields: dict[str, str] = {}
        for line in para.splitlines():
            if line[:1].isspace() or ":" not in line:
                continue
            key, _, value = line.partition(":")
            fields.setdefault(key.strip(), value.strip())
        name = fields.get("Package", "")
        if name in packages and fields.get("Status", "").endswith(" installed") \
                and fields.get("Version"):
            out[name] = fields["Version"]
    return out


def parse_snap_yaml(text: str | None) -> str | None:
    for raw in (text or "").splitlines():
        m = re.match(r"^version:\s*['\"]?([^'\"\s#]+)", raw)
        if m:
            return m.group(1)
    return None


def parse_metainfo_release(text: str | None) -> str | None:
    """The first (newest) ``<release version="...">`` of AppStream metainfo."""
    m = re.search(r"<release\b[^>]*\bversion\s*=\s*[\"']([^\"']+)[\"']", text or "")
    return m.group(1) if m else None


def parse_tbb_version(text: str | None) -> tuple[str, str] | None:
    """(version, channel) from Tor Browser's tbb_version.json."""
    try:
        data = json.loads(text or "")
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("version"), str):
        return None
    channel = data.get("channel")
    return data["version"], channel if isinstance(channel, str) else ""


# ---------------------------------------------------------------------------------------
# Judging
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Judgement:
    state: str
    behind: int = 0  # majors behind the data's current one, or behind the projection
    current: int | None = None  # the data's current major
    esr_major: int | None = None  # the ESR line (Firefox ESR, Tor Browser's base)
    esr_end: str = ""  # when that ESR line ended, if known
    projected: int | None = None  # the newest major that can be expected today
    grace: bool = False  # accepted only because the newest major is a few days old

    def to_json(self) -> dict[str, Any]:
        return {"state": self.state, "behind": self.behind, "current_major": self.current,
                "esr_major": self.esr_major, "esr_end": self.esr_end or None,
                "projected_major": self.projected, "grace": self.grace}


def _int_list(value: Any) -> list[int]:
    return [int(v) for v in value if isinstance(v, int)] if isinstance(value, list) else []


def judge_rapid(major: int, line: Line, clock: Clock) -> Judgement:
    """A stable-channel major against what the vendor patches: the newest major (and the one
    before it for ``grace_days`` after a release) and the extended channel's. Behind the
    data's own current major otherwise: out of date for certain. Else against the
    projection (``release_lines``): at it, current; one behind, "may be out of date"; more,
    likely out of date. Past the data's limit only the certain verdict stands."""
    current = line.current
    if current is None:
        return Judgement(UNTRACKED)
    extended = line.extended_covers(major, clock)
    if major < current and not extended and not line.in_grace(major, clock):
        return Judgement(OUTDATED, current - major, current)
    if clock.stale:
        return Judgement(DATA_TOO_OLD, current=current)
    if extended and major < current:
        return Judgement(EXTENDED, current - major, current)
    projected = line.projected_major(clock) or current
    if major >= projected or (projected == current and line.in_grace(major, clock)):
        return Judgement(CURRENT, 0, current, projected=projected, grace=major < current)
    state = MAY_BE_OUTDATED if projected - major == 1 else LIKELY_OUTDATED
    return Judgement(state, projected - major, current, projected=projected)


def _esr_facts(versions: Mapping[str, Any]) -> tuple[list[int], Mapping[str, Any]]:
    ended = versions.get("esr_ended")
    return _int_list(versions.get("esr_supported")), ended if isinstance(ended, Mapping) else {}


def judge_firefox(version: Version, channel: str, versions: Mapping[str, Any],
                  clock: Clock) -> Judgement:
    esr_lines, ended = _esr_facts(versions)
    line = line_of(versions)
    is_esr = channel == "esr" or version.esr or (version.major in esr_lines and version.minor >= 1)
    if is_esr:
        if version.major in esr_lines:
            return Judgement(DATA_TOO_OLD if clock.stale else ESR_SUPPORTED,
                             current=line.current, esr_major=version.major)
        if line.current is not None and version.major >= line.current:
            return judge_rapid(version.major, line, clock)  # newer than this data knows
        return Judgement(ESR_ENDED, current=line.current, esr_major=version.major,
                         esr_end=str(ended.get(str(version.major), "")))
    return judge_rapid(version.major, line, clock)


def judge_tor(version: Version | None, base: Version | None, versions: Mapping[str, Any],
              firefox_versions: Mapping[str, Any], clock: Clock) -> Judgement:
    """Tor Browser: by the Firefox version it is built on (application.ini) when known, else
    by the Firefox ESR its series is built on (data: esr_base). Never projected: Tor Browser
    follows Firefox ESR, whose lines last about a year; past the data's limit, it cannot be
    told."""
    esr_lines, ended = _esr_facts(firefox_versions)
    current = line_of(firefox_versions).current
    if base is not None:
        esr_major = base.major
    elif version is not None and not version.alpha:
        mapping = versions.get("esr_base")
        mapped = mapping.get(str(version.major)) if isinstance(mapping, Mapping) else None
        if not isinstance(mapped, int):
            return Judgement(UNTRACKED)  # a series this data does not know
        esr_major = mapped
    else:
        return Judgement(NO_VERSION)
    if esr_major in esr_lines or (esr_lines and esr_major > max(esr_lines)):
        # supported, or newer than this data knows (an alpha built on a rapid release)
        state = ESR_SUPPORTED if esr_major in esr_lines else CURRENT
        return Judgement(DATA_TOO_OLD if clock.stale else state, current=current,
                         esr_major=esr_major)
    return Judgement(ESR_ENDED, current=current, esr_major=esr_major,
                     esr_end=str(ended.get(str(esr_major), "")))


def judge(scheme: str, version: Version | None, channel: str, versions: Mapping[str, Any],
          clock: Clock) -> Judgement:
    """Judge one install of a browser (Tor Browser is judged with ``judge_tor``)."""
    if scheme == "system":
        return Judgement(SYSTEM)
    if scheme == "untracked":
        return Judgement(UNTRACKED)
    if version is None:
        return Judgement(NO_VERSION)
    if scheme == "firefox":
        return judge_firefox(version, channel, versions, clock)
    if scheme == "chromium":
        return judge_rapid(version.major, line_of(versions), clock)
    if scheme == "brave" and len(version.parts) >= 4 and version.major >= 100:
        return judge_rapid(version.major, line_of(versions), clock)
    return Judgement(UNTRACKED)
