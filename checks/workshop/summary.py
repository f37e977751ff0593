"""The anonymous summary a workshop participant can share with their trainer.

A summary holds ONLY these fields (``ALLOWED_FIELDS``): the check ids and their statuses, the
OS family, the app version and a random code made fresh for each share (never stored, so two
shares of the same machine cannot be linked). Never a user name, host name, serial number,
address, app list, evidence line or questionnaire answer: it is built from the findings'
check id and status alone, and a parser refuses anything else.

Three forms carry the same summary:

- a small JSON file (for a USB stick)::

      {"app_version": "0.1.0", "checks": {"disk-encryption": "pass", ...},
       "format": "checkup-summary", "os": "linux", "random_code": "3f9a11c2", "version": 1}

- compact bytes, shown as a short typed code (RFC 4648 base32, grouped by four for reading
  aloud, e.g. ``BAHZ-NEQ4-...``) and as a QR code whose text is ``CHECKUP:`` + the code
  (QR alphanumeric mode holds upper-case base32 efficiently, and a handheld scanner that
  types what it reads can fill the dashboard's code field directly).

Byte layout, version 1 (bits are written most significant first)::

    byte 0          format version (1); a future reader checks this before anything else
    32 bits         random code
    2 bits          OS family: 0 windows, 1 macos, 2 linux, 3 other
    6+7+7 bits      app version major.minor.patch
    6 bits          T: how many entries of CHECK_IDS the presence bitmap covers
    T bits          presence bitmap over CHECK_IDS[:T]
    3 bits each     status of each present check, in table order (STATUS_CODES)
    4 bits          L: number of checks not in the table (fallback), then for each:
                      5 bits length, 6 bits per character of [a-z0-9-], 3 bits status
    0-7 bits        zero padding to a whole byte
    2 bytes         CRC-16/CCITT (init 0xFFFF) of everything before: a typo is detected
                    (every error within 16 bits is caught, so any one mistyped character
                    or two swapped neighbours)

The frame (version byte first, CRC last) stays the same in every future version.
``CHECK_IDS`` is derived from the checks' specs: position i is the check declared with
``slot=i``. Slots are never renumbered or reused, so an id's position never changes once
released; a gap or a shared slot is refused (``slot_table``).

Also here, without Qt: ``Collection``, which the trainer's dashboard fills with summaries
(duplicates — the same random code — count once) and which counts, per check, how many
participants are in each category.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from checks import __version__
from checks.engine.i18n import Message, msg
from checks.engine.model import Origin, Status

FORMAT = "checkup-summary"
FORMAT_VERSION = 1
ALLOWED_FIELDS = frozenset({"format", "version", "os", "app_version", "random_code", "checks"})
OS_FAMILIES: tuple[str, ...] = ("windows", "macos", "linux", "other")
# 3-bit status codes (index = code); codes 6 and 7 are invalid.
STATUS_CODES: tuple[Status, ...] = (Status.PASS, Status.ATTENTION, Status.FAIL,
                                    Status.UNKNOWN, Status.NOT_APPLICABLE, Status.ERROR)
# Ids of checks that were removed: slot -> id. A removed check's slot is never given to another
# check (codes made before keep their meaning), so its id stays here and fills its place.
RETIRED_SLOTS: Mapping[int, str] = {}


def slot_table(checks: Iterable[Any], retired: Mapping[int, str] = RETIRED_SLOTS
               ) -> tuple[str, ...]:
    """The id table of the compact form: position i holds the id of the check whose spec
    says ``slot=i`` (``checks.engine.registry.spec``), or of the removed check that had it.

    Checks without a slot (test-only checks built directly) have no place. A gap in the
    slots or two checks on one slot would silently change what every code means, so either
    is refused with ValueError."""
    by_slot: dict[int, str] = dict(retired)
    for c in checks:
        if c.slot is None:
            continue
        other = by_slot.get(c.slot)
        if other is not None and other != c.id:
            raise ValueError(f"summary slot {c.slot} is claimed by both {other} and {c.id}")
        by_slot[c.slot] = c.id
    ids = list(by_slot.values())
    twice = sorted({cid for cid in ids if ids.count(cid) > 1})
    if twice:
        raise ValueError(f"{', '.join(twice)} holds more than one summary slot")
    missing = sorted(set(range(max(by_slot, default=-1) + 1)) - set(by_slot))
    if missing:
        raise ValueError(f"summary slots {missing} belong to no check: a removed check's slot "
                         "stays reserved in checks.workshop.summary.RETIRED_SLOTS, never reused")
    if len(by_slot) > 63:  # T, the table's length, is 6 bits
        raise ValueError("the summary's id table holds at most 63 checks")
    return tuple(by_slot[i] for i in range(len(by_slot)))


def _registered_table() -> tuple[str, ...]:
    from checks.engine.registry import all_checks

    return slot_table(all_checks())


# The stable id table, derived from the checks' specs (slot i -> id). Positions never change
# once released: a slot is never renumbered or reused (see slot_table).
CHECK_IDS: tuple[str, ...] = _registered_table()
ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-"
CHECK_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID_LENGTH = 31
MAX_CHECKS = 64
MAX_FILE_BYTES = 16 * 1024
RANDOM_CODE_RE = re.compile(r"^[0-9a-f]{8}$")
APP_VERSION_RE = re.compile(r"^(\d{1,3})\.(\d{1,3})\.(\d{1,3})$")
VERSION_LIMITS = (63, 127, 127)  # largest major, minor, patch the code can carry
CODE_PREFIX = "CHECKUP:"
GROUP = 4
FILE_SUFFIX = ".checkup-summary"

_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
# Characters people type for look-alikes that base32 does not use.
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})
_SEPARATORS = re.compile(r"[\s\-_.·]+")


class SummaryError(ValueError):
    """A summary that cannot be used. ``reason`` is a translatable message for the window;
    ``str()`` is the English text."""

    def __init__(self, reason: Message) -> None:
        self.reason = reason
        super().__init__(reason.msgid.format_map(_Keep(reason.params)))


class _Keep(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class Summary:
    """One participant's anonymous summary."""

    os: str  # one of OS_FAMILIES
    app_version: str  # "major.minor.patch"
    random_code: str  # 8 lower-case hex digits, fresh for each share
    checks: tuple[tuple[str, Status], ...]  # (check id, status), in a stable order

    def __post_init__(self) -> None:
        object.__setattr__(self, "checks", _ordered(self.checks))

    def status_of(self, check_id: str) -> Status | None:
        return dict(self.checks).get(check_id)

    def to_json(self) -> dict[str, Any]:
        """The file form: exactly ALLOWED_FIELDS."""
        return {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "os": self.os,
            "app_version": self.app_version,
            "random_code": self.random_code,
            "checks": {cid: status.value for cid, status in self.checks},
        }

    def file_bytes(self) -> bytes:
        return (json.dumps(self.to_json(), indent=1, sort_keys=True) + "\n").encode("ascii")

    def to_bytes(self) -> bytes:
        return encode(self)

    def typed_code(self, grouped: bool = True) -> str:
        return typed_code(self, grouped)

    def qr_text(self) -> str:
        return CODE_PREFIX + typed_code(self, grouped=False)


# -- building ---------------------------------------------------------------------------------


def _ordered(pairs: Iterable[tuple[str, Status]]) -> tuple[tuple[str, Status], ...]:
    rank = {cid: i for i, cid in enumerate(CHECK_IDS)}
    return tuple(sorted(pairs, key=lambda p: (rank.get(p[0], len(rank)), p[0])))


def _app_version(text: str) -> str:
    """"0.1.0", "0.2.0.dev1" -> "0.2.0"; raises SummaryError when it cannot be carried."""
    m = re.match(r"^(\d+)\.(\d+)(?:\.(\d+))?", text.strip())
    if not m:
        raise SummaryError(msg("The app version {version} cannot be put in a summary.",
                               version=text))
    parts = (int(m.group(1)), int(m.group(2)), int(m.group(3) or 0))
    if any(p > limit for p, limit in zip(parts, VERSION_LIMITS, strict=True)):
        raise SummaryError(msg("The app version {version} cannot be put in a summary.",
                               version=text))
    return ".".join(str(p) for p in parts)


def shareable_check_ids() -> frozenset[str]:
    """Ids of the automatic checks (the registry). The questionnaire's findings have ids of
    their own (``question-...``) that no check has, so they never pass this filter; their
    origin is refused as well (``build_summary``)."""
    from checks.engine.registry import all_checks

    return frozenset(c.id for c in all_checks())


def new_random_code(token: Callable[[int], bytes] = secrets.token_bytes) -> str:
    return token(4).hex()


def build_summary(result: Any, *, app_version: str = __version__,
                  token: Callable[[int], bytes] = secrets.token_bytes,
                  shareable: frozenset[str] | None = None) -> Summary:
    """The anonymous summary of a scan (a ``checks.engine.runner.ScanResult``).

    Only each finding's check id and status are read — never its summary, evidence, details
    or data — and only for automatic checks. The random code is new on every call."""
    allowed = shareable if shareable is not None else shareable_check_ids()
    family = result.platform.family
    os_family = family if family in OS_FAMILIES else "other"
    pairs: dict[str, Status] = {}
    for finding in result.findings:
        cid = finding.check_id
        if finding.origin is Origin.QUESTION:  # the person's answers are never shared
            continue
        if cid in allowed and CHECK_ID_RE.match(cid) and len(cid) <= MAX_ID_LENGTH:
            pairs[cid] = Status(finding.status)
    return Summary(os=os_family, app_version=_app_version(app_version),
                   random_code=new_random_code(token), checks=_ordered(pairs.items()))


# -- bytes ------------------------------------------------------------------------------------


class _BitWriter:
    def __init__(self) -> None:
        self.value = 0
        self.bits = 0

    def put(self, value: int, width: int) -> None:
        if value < 0 or value >= 1 << width:
            raise ValueError(f"{value} does not fit in {width} bits")
        self.value = (self.value << width) | value
        self.bits += width

    def to_bytes(self) -> bytes:
        pad = -self.bits % 8
        return (self.value << pad).to_bytes((self.bits + pad) // 8, "big")


class _BitReader:
    def __init__(self, data: bytes) -> None:
        self.value = int.from_bytes(data, "big")
        self.total = len(data) * 8
        self.pos = 0

    def get(self, width: int) -> int:
        if self.pos + width > self.total:
            raise SummaryError(msg("The summary is cut short: part of it is missing."))
        shift = self.total - self.pos - width
        self.pos += width
        return (self.value >> shift) & ((1 << width) - 1)

    def rest_is_padding(self) -> bool:
        left = self.total - self.pos
        return left < 8 and (self.value & ((1 << left) - 1)) == 0


def _crc(data: bytes) -> bytes:
    return binascii.crc_hqx(data, 0xFFFF).to_bytes(2, "big")


def encode(summary: Summary) -> bytes:
    """The compact bytes of a summary (see the module's docstring for the layout)."""
    validate(summary)
    w = _BitWriter()
    w.put(int(summary.random_code, 16), 32)
    w.put(OS_FAMILIES.index(summary.os), 2)
    for part, width in zip(summary.app_version.split("."), (6, 7, 7), strict=True):
        w.put(int(part), width)
    by_id = dict(summary.checks)
    known = [i for i, cid in enumerate(CHECK_IDS) if cid in by_id]
    table = (max(known) + 1) if known else 0
    w.put(table, 6)
    for i in range(table):
        w.put(1 if CHECK_IDS[i] in by_id else 0, 1)
    for i in known:
        w.put(STATUS_CODES.index(by_id[CHECK_IDS[i]]), 3)
    extra = [(cid, st) for cid, st in summary.checks if cid not in CHECK_IDS]
    if len(extra) > 15:
        raise SummaryError(msg("The summary has too many checks to carry."))
    w.put(len(extra), 4)
    for cid, st in extra:
        w.put(len(cid), 5)
        for ch in cid:
            w.put(ID_ALPHABET.index(ch), 6)
        w.put(STATUS_CODES.index(st), 3)
    body = bytes([FORMAT_VERSION]) + w.to_bytes()
    return body + _crc(body)


def decode(data: bytes) -> Summary:
    """Parse the compact bytes strictly. Raises SummaryError naming the problem."""
    if len(data) < 4:
        raise SummaryError(msg("The code is too short to be a Checkup summary."))
    body, check = data[:-2], data[-2:]
    if _crc(body) != check:
        raise SummaryError(msg("The code does not add up: a character is probably mistyped. "
                               "Compare it with the participant's screen."))
    version = body[0]
    if version > FORMAT_VERSION:
        raise SummaryError(msg("This summary comes from a newer version of Checkup (summary "
                               "format {version}). Update Checkup to read it.",
                               version=version))
    if version < 1:
        raise SummaryError(msg("This is not a Checkup summary."))
    r = _BitReader(body[1:])
    random_code = f"{r.get(32):08x}"
    os_code = r.get(2)
    major, minor, patch = r.get(6), r.get(7), r.get(7)
    app_version = f"{major}.{minor}.{patch}"
    table = r.get(6)
    if table > len(CHECK_IDS):
        raise SummaryError(msg("This summary was made with a newer Checkup ({version}) and "
                               "holds checks this version does not know. Update Checkup to "
                               "read it.", version=app_version))
    present = [i for i in range(table) if r.get(1)]
    pairs: list[tuple[str, Status]] = []
    for i in present:
        pairs.append((CHECK_IDS[i], _status(r.get(3))))
    for _ in range(r.get(4)):
        length = r.get(5)
        chars = []
        for _c in range(length):
            idx = r.get(6)
            if idx >= len(ID_ALPHABET):
                raise SummaryError(msg("The summary holds a check name that is not valid."))
            chars.append(ID_ALPHABET[idx])
        pairs.append(("".join(chars), _status(r.get(3))))
    if not r.rest_is_padding():
        raise SummaryError(msg("The summary holds more than a Checkup summary may hold."))
    summary = Summary(os=OS_FAMILIES[os_code], app_version=app_version,
                      random_code=random_code, checks=_ordered(pairs))
    validate(summary, pairs)
    return summary


def _status(code: int) -> Status:
    if code >= len(STATUS_CODES):
        raise SummaryError(msg("The summary holds a status that does not exist."))
    return STATUS_CODES[code]


# -- the typed code and the QR text -----------------------------------------------------------


def typed_code(summary: Summary, grouped: bool = True) -> str:
    text = base64.b32encode(encode(summary)).decode("ascii").rstrip("=")
    if not grouped:
        return text
    return "-".join(text[i:i + GROUP] for i in range(0, len(text), GROUP))


def normalise_code(text: str) -> str:
    """What a person typed (or a scanner read) -> bare upper-case base32."""
    t = text.strip()
    if t.upper().startswith(CODE_PREFIX):
        t = t[len(CODE_PREFIX):]
    return _SEPARATORS.sub("", t).upper().translate(_LOOKALIKES)


def parse_code(text: str) -> Summary:
    """A typed code or a QR text -> Summary. Raises SummaryError (typos are detected)."""
    code = normalise_code(text)
    if not code:
        raise SummaryError(msg("No code was entered."))
    bad = sorted({ch for ch in code if ch not in _B32})
    if bad:
        raise SummaryError(msg("The code holds characters a Checkup code never has: {chars}",
                               chars=" ".join(bad)))
    if len(code) % 8 in (1, 3, 6):
        raise SummaryError(msg("The code has a character too many or too few."))
    try:
        data = base64.b32decode(code + "=" * (-len(code) % 8))
    except (binascii.Error, ValueError):
        raise SummaryError(msg("The code has a character too many or too few.")) from None
    if base64.b32encode(data).decode("ascii").rstrip("=") != code:
        raise SummaryError(msg("The code does not add up: a character is probably mistyped. "
                               "Compare it with the participant's screen."))
    return decode(data)


# -- the file ---------------------------------------------------------------------------------


def parse_file_bytes(data: bytes) -> Summary:
    """A summary file's content -> Summary, strictly: exactly the allowed fields."""
    if len(data) > MAX_FILE_BYTES:
        raise SummaryError(msg("The file is too large to be a Checkup summary."))
    from checks.engine.bounded_json import loads

    try:  # bounded: a deeply nested file or a huge number is refused, never a crash
        obj = loads(data.decode("utf-8"), max_bytes=MAX_FILE_BYTES, max_string=MAX_FILE_BYTES,
                    max_depth=4)
    except (ValueError, RecursionError):  # JsonLimit, JSONDecodeError, UnicodeDecodeError
        raise SummaryError(msg("The file is damaged or is not a Checkup summary.")) from None
    return from_json(obj)


def from_json(obj: Any) -> Summary:
    if not isinstance(obj, dict):
        raise SummaryError(msg("The file is damaged or is not a Checkup summary."))
    if obj.get("format") != FORMAT:
        raise SummaryError(msg("This is not a Checkup summary."))
    version = obj.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise SummaryError(msg("The summary's version is missing or not a number."))
    if version > FORMAT_VERSION:
        raise SummaryError(msg("This summary comes from a newer version of Checkup (summary "
                               "format {version}). Update Checkup to read it.",
                               version=version))
    if version < 1:
        raise SummaryError(msg("This is not a Checkup summary."))
    extra = sorted(str(k) for k in obj if k not in ALLOWED_FIELDS)
    if extra:  # the names are the file's text: a few, each cut short, are enough to say which
        shown = [k if len(k) <= 40 else k[:40] + "…" for k in extra[:5]]
        raise SummaryError(msg("The summary holds information a Checkup summary never holds "
                               "({fields}), so it was not loaded.",
                               fields=", ".join(shown + (["…"] if len(extra) > 5 else []))))
    missing = sorted(ALLOWED_FIELDS - set(obj))
    if missing:
        raise SummaryError(msg("The summary lacks {fields}.", fields=", ".join(missing)))
    checks = obj["checks"]
    if not isinstance(checks, dict):
        raise SummaryError(msg("The summary's list of checks is damaged."))
    pairs: list[tuple[str, Status]] = []
    for cid, value in checks.items():
        try:
            status = Status(value) if isinstance(value, str) else None
        except ValueError:
            status = None
        if status is None:
            raise SummaryError(msg("The summary holds a status that does not exist."))
        pairs.append((str(cid), status))
    for name in ("os", "app_version", "random_code"):
        if not isinstance(obj[name], str):
            raise SummaryError(msg("The summary's {field} is damaged.", field=name))
    summary = Summary(os=obj["os"], app_version=obj["app_version"],
                      random_code=obj["random_code"], checks=_ordered(pairs))
    validate(summary, pairs)
    return summary


def validate(summary: Summary, pairs: Sequence[tuple[str, Status]] | None = None) -> None:
    """Every value within the allowed set, or SummaryError naming what is wrong."""
    if summary.os not in OS_FAMILIES:
        raise SummaryError(msg("The summary's {field} is damaged.", field="os"))
    m = APP_VERSION_RE.match(summary.app_version)
    if not m or any(int(p) > limit for p, limit in zip(m.groups(), VERSION_LIMITS, strict=True)):
        raise SummaryError(msg("The summary's {field} is damaged.", field="app_version"))
    if not RANDOM_CODE_RE.match(summary.random_code):
        raise SummaryError(msg("The summary's {field} is damaged.", field="random_code"))
    ids = [cid for cid, _ in (pairs if pairs is not None else summary.checks)]
    if len(ids) > MAX_CHECKS or len(set(ids)) != len(ids):
        raise SummaryError(msg("The summary's list of checks is damaged."))
    for cid in ids:
        if not CHECK_ID_RE.match(cid) or len(cid) > MAX_ID_LENGTH:
            raise SummaryError(msg("The summary holds a check name that is not valid."))
    for _cid, status in summary.checks:
        if status not in STATUS_CODES:
            raise SummaryError(msg("The summary holds a status that does not exist."))


# -- the trainer's collection -----------------------------------------------------------------

CATEGORIES: tuple[str, ...] = ("pass", "attention", "fail", "unknown", "other")
PER_OS_MINIMUM = 5  # fewer participants (in all, or in one OS) and no per-OS figures are shown


def category(status: Status | None) -> str:
    """pass / attention / fail / unknown, or other (does not apply, check failed, absent)."""
    if status in (Status.PASS, Status.ATTENTION, Status.FAIL, Status.UNKNOWN):
        return status.value
    return "other"


@dataclass(frozen=True)
class Rejected:
    source: str  # the file name, or "code 3"
    reason: Message


@dataclass
class Collection:
    """The summaries a trainer has loaded. Duplicates (same random code) count once."""

    participants: list[Summary] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # random code -> first source
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (source, first source)
    rejected: list[Rejected] = field(default_factory=list)

    def add(self, source: str, summary: Summary) -> bool:
        """False when a summary with the same random code is already in."""
        first = self.sources.get(summary.random_code)
        if first is not None:
            self.duplicates.append((source, first))
            return False
        self.sources[summary.random_code] = source
        self.participants.append(summary)
        return True

    def add_file(self, source: str, data: bytes) -> bool:
        try:
            summary = parse_file_bytes(data)
        except SummaryError as exc:
            self.rejected.append(Rejected(source, exc.reason))
            return False
        return self.add(source, summary)

    def add_code(self, source: str, text: str) -> bool:
        try:
            summary = parse_code(text)
        except SummaryError as exc:
            self.rejected.append(Rejected(source, exc.reason))
            return False
        return self.add(source, summary)

    def clear(self) -> None:
        self.participants.clear()
        self.sources.clear()
        self.duplicates.clear()
        self.rejected.clear()

    def __len__(self) -> int:
        return len(self.participants)

    def check_ids(self, order: Sequence[str] = CHECK_IDS) -> list[str]:
        """Every check id seen, in the table's order, then unknown ids alphabetically."""
        seen = {cid for s in self.participants for cid, _ in s.checks}
        rank = {cid: i for i, cid in enumerate(order)}
        return sorted(seen, key=lambda c: (rank.get(c, len(rank)), c))

    def counts(self, os: str | None = None) -> dict[str, dict[str, int]]:
        """check id -> category -> participants (of one OS family, or all)."""
        group = [s for s in self.participants if os is None or s.os == os]
        out: dict[str, dict[str, int]] = {}
        for cid in self.check_ids():
            row = dict.fromkeys(CATEGORIES, 0)
            for s in group:
                row[category(s.status_of(cid))] += 1
            out[cid] = row
        return out

    def by_os(self) -> dict[str, int]:
        out = dict.fromkeys(OS_FAMILIES, 0)
        for s in self.participants:
            out[s.os] += 1
        return {k: v for k, v in out.items() if v}

    @property
    def per_os_allowed(self) -> bool:
        """With fewer than five participants, no per-OS breakdown is shown."""
        return len(self.participants) >= PER_OS_MINIMUM

    def os_groups_shown(self) -> list[str]:
        """OS families whose own figures may be shown: only groups of five or more, so the
        results of the one Mac user in the room are never singled out. Nor by subtraction:
        "everyone" minus the groups shown must be nobody or five or more, so the smallest
        groups are held back until it is (18 Windows, 8 macOS and 1 Linux show Windows
        only: with macOS shown too, the Linux user's results would be everyone's minus
        theirs)."""
        if not self.per_os_allowed:
            return []
        by_os = self.by_os()
        shown = sorted((os for os, n in by_os.items() if n >= PER_OS_MINIMUM),
                       key=lambda os: -by_os[os])
        hidden = len(self.participants) - sum(by_os[os] for os in shown)
        while shown and 0 < hidden < PER_OS_MINIMUM:
            hidden += by_os[shown.pop()]
        return [os for os in by_os if os in shown]


def summary_lines(summary: Summary) -> Mapping[str, str]:
    """The fields exactly as shared, for showing before anything is written."""
    return summary.to_json()
