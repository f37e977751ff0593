"""Shared pieces of the property-based (Hypothesis) tests: budgets, mutations, seeds.

Budgets. Two settings profiles: ``ci`` (the default, what ``make test`` runs: twenty
examples per property, derandomized so a failure in CI is the same failure on every machine)
and ``fuzz`` (``make fuzz``, or ``CHECKUP_FUZZ=1``: thousands of examples from a fresh seed,
which Hypothesis prints with the failing example and a ``@reproduce_failure`` blob).
``CHECKUP_FUZZ_EXAMPLES`` changes the large budget. Neither profile keeps an example
database, and Hypothesis' own cache goes to a temporary folder (tests/conftest.py), so a
run writes nothing into the working tree.

Seeds. The real outputs committed under tests/fixtures/ are the starting points: every
fixture snapshot is replayed through its checks with the fuzz targets wrapped, and the
arguments each target received are kept (``recorded_calls``). A mutation then garbles one of
them the ways machine text goes wrong: a flipped byte, a cut, a line lost or repeated, a
control character, bidi override or NUL put in, a number made huge, a word in another
language.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import inspect
import json
import os
import re
import sys
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from checks.engine.registry import Scan, all_checks
from checks.engine.snapshot import ReplayHost, Snapshot, SnapshotError

FIXTURES = Path(__file__).resolve().parent / "fixtures"

# -- budgets ---------------------------------------------------------------------------------

CI_EXAMPLES = 8  # per property in make test (derandomized); make fuzz runs thousands
FUZZ_EXAMPLES = int(os.environ.get("CHECKUP_FUZZ_EXAMPLES", "2000"))
_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
          HealthCheck.large_base_example]
settings.register_profile("ci", max_examples=CI_EXAMPLES, deadline=None, database=None,
                          derandomize=True, print_blob=True, suppress_health_check=_QUIET)
settings.register_profile("fuzz", max_examples=FUZZ_EXAMPLES, deadline=None, database=None,
                          derandomize=False, print_blob=True, suppress_health_check=_QUIET)
PROFILE = "fuzz" if os.environ.get("CHECKUP_FUZZ", "") not in ("", "0") else "ci"


def load_profile() -> str:
    settings.load_profile(PROFILE)
    return PROFILE


def fuzzing() -> bool:
    """True under the large budget (make fuzz)."""
    return PROFILE == "fuzz"


def scaled(ci: int, fuzz: int | None = None) -> settings:
    """A budget for a property that is costlier than the rest: ``ci`` examples in make test,
    ``fuzz`` (default: the profile's) under make fuzz."""
    return settings(max_examples=(fuzz or FUZZ_EXAMPLES) if fuzzing() else ci)


@dataclass(frozen=True)
class Call:
    args: tuple[Any, ...]
    kwargs: Mapping[str, Any]


# -- the pieces hostile or broken machine text is made of ------------------------------------

CONTROLS = ["\x00", "\x1b[2J", "\x1b]8;;file:///etc/passwd\x07x\x1b]8;;\x07", "\x1b[32mOK",
            "\r", "\t", "\x0b", "\x0c", "\x85", "\x7f", "\u202e", "\u202d", "\u2066", "\u2067",
            "\u2069", "\u200e", "\u200f", "\u061c", "\u200b", "\u200d", "\ufeff", "\ufffd",
            "\u2028", "\u2029", "\U0001f600", "\x1b", "\\", "\"", "'", "<b>", "&amp;"]
HUGE = ["9" * 5000, "18446744073709551616", "-9223372036854775809", "1e309", "-0", "NaN",
        "inf", "0x7fffffff", "١٢٣", "１２", "²", "9999-12-31T23:59:59Z", "0000-00-00",
        "99999999999999999999999999999999999999", "-1", "00000000000000000300"]
LOCALISED = ["activé", "désactivé", "Ein", "Aus", "aktiviert", "deaktiviert", "verdadero",
             "falso", "activado", "desactivado", "включено", "выключено", "有効", "無効",
             "مفعّل", "معطّل", "启用", "禁用", "sí", "não", "Oui", "Non", "TRUE", "False", "YES",
             "no", "On", "OFF", "enabled", "disabled", "inactive", "0", "1", "none", "null"]
_PIECES = st.sampled_from(CONTROLS + HUGE + LOCALISED)
_SOME_TEXT = st.text(max_size=40)


def machine_text(max_size: int = 300) -> st.SearchStrategy[str]:
    """Random text as a tool could print it: any Unicode, or lines of the pieces above."""
    lines = st.lists(st.one_of(_PIECES, _SOME_TEXT, st.sampled_from(["", " ", "=", ":"])),
                     max_size=12).map(lambda parts: " ".join(parts))
    return st.one_of(
        st.text(max_size=max_size),
        st.lists(lines, max_size=8).map("\n".join),
        st.binary(max_size=max_size).map(lambda b: b.decode("utf-8", errors="replace")),
    )


def machine_bytes(max_size: int = 400) -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=max_size),
                     machine_text(max_size).map(lambda s: s.encode("utf-8")))


def json_values(max_leaves: int = 12) -> st.SearchStrategy[Any]:
    """What a PowerShell fact, a registry value or a parsed plist can hold."""
    scalars = st.one_of(
        st.none(), st.booleans(), st.integers(), st.integers(-(2**70), 2**70),
        st.floats(allow_nan=True, allow_infinity=True), machine_text(60), st.binary(max_size=40),
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(st.lists(inner, max_size=5),
                                st.dictionaries(machine_text(20), inner, max_size=5),
                                st.dictionaries(st.sampled_from(_KEYS), inner, max_size=5)),
        max_leaves=max_leaves,
    )


# Names the real facts and plists use, so random objects reach past the first lookup.
_KEYS = ["Name", "Path", "Value", "Enabled", "State", "Status", "Date", "Title", "Version",
         "ProtectionStatus", "VolumeStatus", "LocalAddress", "LocalPort", "OwningProcess",
         "Description", "displayName", "date", "displayVersion", "ProductVersion",
         "CFBundleShortVersionString", "CFBundleIdentifier", "Thumbprint", "Subject",
         "NotAfter", "RawData", "Result", "ResultCode", "KB", "Enabled", "Profile",
         "ProductBuildVersion", "ProductName", "LastAttemptSystemVersion",
         "RecommendedUpdates", "AutomaticCheckEnabled", "autoupdate", "key", "encryptedKey"]


# -- mutations -------------------------------------------------------------------------------

@st.composite
def mutated_text(draw: st.DrawFn, seed: str) -> str:
    """``seed`` changed 1-4 times the ways real output goes wrong."""
    text = seed
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(
            ["flip", "cut", "drop_line", "dup_line", "insert", "huge", "swap", "word", "case",
             "crlf", "strip", "junk_tail", "repeat"]))
        lines = text.split("\n")
        if op == "flip" and text:
            i = draw(st.integers(0, len(text) - 1))
            text = text[:i] + draw(st.characters()) + text[i + 1:]
        elif op == "cut" and text:
            text = text[:draw(st.integers(0, len(text) - 1))]
        elif op == "drop_line" and len(lines) > 1:
            del lines[draw(st.integers(0, len(lines) - 1))]
            text = "\n".join(lines)
        elif op == "dup_line" and lines:
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            text = "\n".join(lines)
        elif op == "insert":
            i = draw(st.integers(0, len(text)))
            text = text[:i] + draw(st.one_of(_PIECES, _SOME_TEXT)) + text[i:]
        elif op == "huge":
            runs = list(re.finditer(r"\d+", text))
            if runs:
                m = draw(st.sampled_from(runs))
                text = text[:m.start()] + draw(st.sampled_from(HUGE)) + text[m.end():]
        elif op == "swap" and len(lines) > 1:
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif op == "word":
            words = list(re.finditer(r"[A-Za-z]+", text))
            if words:
                m = draw(st.sampled_from(words))
                text = text[:m.start()] + draw(st.sampled_from(LOCALISED)) + text[m.end():]
        elif op == "case":
            text = text.upper() if draw(st.booleans()) else text.lower()
        elif op == "crlf":
            text = text.replace("\n", "\r\n")
        elif op == "strip":
            text = text.strip()
        elif op == "junk_tail":
            text = text + draw(machine_text(80))
        elif op == "repeat" and len(text) < 20_000:
            text = text * draw(st.integers(2, 5))
    return text


@st.composite
def mutated_bytes(draw: st.DrawFn, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "delete", "dup", "text"]))
        if op == "flip" and data:
            i = draw(st.integers(0, len(data) - 1))
            data[i] ^= 1 << draw(st.integers(0, 7))
        elif op == "cut" and data:
            del data[draw(st.integers(0, len(data) - 1)):]
        elif op == "insert":
            i = draw(st.integers(0, len(data)))
            data[i:i] = draw(st.binary(min_size=1, max_size=16))
        elif op == "delete" and data:
            i = draw(st.integers(0, len(data) - 1))
            del data[i:i + draw(st.integers(1, 16))]
        elif op == "dup" and data:
            i = draw(st.integers(0, len(data) - 1))
            data[i:i] = data[i:i + draw(st.integers(1, 64))]
        elif op == "text":
            try:
                data = bytearray(draw(mutated_text(bytes(data).decode("utf-8"))).encode("utf-8"))
            except UnicodeDecodeError:
                pass
    return bytes(data)


@st.composite
def mutated_value(draw: st.DrawFn, seed: Any, depth: int = 0) -> Any:
    """A JSON-like value (a PowerShell fact, registry value, plist) with some leaves changed,
    removed, or swapped for values of another type."""
    roll = draw(st.integers(0, 9))
    if roll == 0 or depth > 6:
        return draw(json_values(6))
    if isinstance(seed, str):
        return draw(mutated_text(seed)) if roll < 8 else draw(json_values(3))
    if isinstance(seed, bytes):
        return draw(mutated_bytes(seed))
    if isinstance(seed, bool):
        return draw(st.one_of(st.booleans(), json_values(2)))
    if isinstance(seed, int):
        return draw(st.one_of(st.integers(), st.sampled_from([-1, 0, 2**31, 2**64, -(2**63)]),
                              st.just(str(seed)), json_values(2)))
    if isinstance(seed, float):
        return draw(st.one_of(st.floats(), st.just(seed)))
    if isinstance(seed, list):
        items = list(seed)
        if len(items) > 0 and draw(st.booleans()):
            i = draw(st.integers(0, len(items) - 1))
            items[i] = draw(mutated_value(items[i], depth + 1))
        if items and draw(st.integers(0, 4)) == 0:
            del items[draw(st.integers(0, len(items) - 1))]
        if items and draw(st.integers(0, 4)) == 0:
            items.append(copy.deepcopy(items[draw(st.integers(0, len(items) - 1))]))
        return items
    if isinstance(seed, dict):
        out = dict(seed)
        keys = list(out)
        if len(keys) > 0 and draw(st.booleans()):
            k = draw(st.sampled_from(keys))
            out[k] = draw(mutated_value(out[k], depth + 1))
        if keys and draw(st.integers(0, 4)) == 0:
            del out[draw(st.sampled_from(keys))]
        if draw(st.integers(0, 5)) == 0:
            out[draw(st.sampled_from(_KEYS))] = draw(json_values(3))
        return out
    return draw(json_values(4))


def mutated(seed: Any) -> st.SearchStrategy[Any]:
    """A mutation of one argument, whatever its kind."""
    if isinstance(seed, str):
        return mutated_text(seed)
    if isinstance(seed, (bytes, bytearray)):
        return mutated_bytes(bytes(seed))
    if isinstance(seed, (dict, list, int, float)) and not isinstance(seed, bool):
        return mutated_value(seed)
    if isinstance(seed, tuple):
        return st.tuples(*(mutated(x) for x in seed)) if seed else st.just(seed)
    if dataclasses.is_dataclass(seed) and not isinstance(seed, type):
        names = [f.name for f in dataclasses.fields(seed) if f.init]
        if names:
            return st.sampled_from(names).flatmap(lambda name: mutated(getattr(seed, name)).map(
                lambda v: dataclasses.replace(seed, **{name: v})))
    return st.just(seed)


# -- arguments from type hints ---------------------------------------------------------------

# The clock a check reads is the machine's, or a snapshot's recorded time, which the snapshot
# loader takes only between 1980 and 2200 (a year-1 or year-9999 time overflows date sums).
CLOCK_FROM, CLOCK_TO = datetime(1980, 1, 1), datetime(2200, 12, 31, 23, 59, 59)

@functools.cache
def type_hints(obj: Any) -> dict[str, Any]:
    """typing.get_type_hints of a function or class, worked out once: with postponed
    annotations every call compiles each annotation again (a tenth of the fuzz tests' time,
    when conforms() ran it for every dataclass of every result). Read only."""
    return typing.get_type_hints(obj)


def strategy_for(hint: Any) -> st.SearchStrategy[Any]:
    """Random values for a parameter, by its annotation (machine text where it says str)."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is Any or hint is object:
        return st.one_of(json_values(), st.binary(max_size=60))
    if hint is str:
        return machine_text()
    if hint is bytes:
        return machine_bytes()
    if hint is bool:
        return st.booleans()
    if hint is int:
        return st.one_of(st.integers(-5, 300), st.integers())
    if hint is float:
        return st.floats()
    if hint is type(None):
        return st.none()
    if hint is datetime:
        return st.datetimes(CLOCK_FROM, CLOCK_TO, timezones=st.sampled_from([None, timezone.utc]))
    if hint is date:
        return st.dates(CLOCK_FROM.date(), CLOCK_TO.date())
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(strategy_for(a) for a in args))
    if origin in (list, Sequence, Iterable, typing.List):  # noqa: UP006 - typing.List is a value
        return st.lists(strategy_for(args[0] if args else Any), max_size=6)
    if origin in (set, frozenset):
        return st.frozensets(strategy_for(args[0] if args else Any), max_size=6).map(origin)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return st.lists(strategy_for(args[0]), max_size=6).map(tuple)
        return st.tuples(*(strategy_for(a) for a in args))
    if origin in (dict, Mapping):
        key, value = args if args else (str, Any)
        return st.dictionaries(strategy_for(key), strategy_for(value), max_size=6)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        fields = type_hints(hint)
        return st.builds(hint, **{f.name: strategy_for(fields.get(f.name, Any))
                                  for f in dataclasses.fields(hint) if f.init})
    return st.from_type(hint)


@functools.cache
def parameters(func: Callable[..., Any]) -> list[tuple[str, Any, inspect.Parameter]]:
    hints = type_hints(func)
    return [(name, hints.get(name, Any), p)
            for name, p in inspect.signature(func).parameters.items() if name != "_seen"]


_POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)


def random_call(func: Callable[..., Any], ours: frozenset[str] = frozenset()
                ) -> st.SearchStrategy[Call]:
    """Random positional arguments for every parameter without a default, for some of those
    with one, and for ``*args``; keyword-only parameters, and those in ``ours`` (set by
    Checkup, not by the machine) that have a default, keep their defaults."""
    params = parameters(func)
    required = [h for _n, h, p in params if p.kind in _POSITIONAL and p.default is p.empty]
    optional = [h for n, h, p in params if p.kind in _POSITIONAL
                and p.default is not p.empty and n not in ours]
    var = [h for _n, h, p in params if p.kind is inspect.Parameter.VAR_POSITIONAL]

    @st.composite
    def call(draw: st.DrawFn) -> Call:
        args = [draw(strategy_for(h)) for h in required]
        n = draw(st.integers(0, len(optional)))
        args += [draw(strategy_for(h)) for h in optional[:n]]
        if var and n == len(optional):
            args += draw(st.lists(strategy_for(var[0]), max_size=3))
        return Call(tuple(args), {})

    return call()


def call_fits(func: Callable[..., Any], call: Call) -> bool:
    """Whether every argument is of its parameter's declared type. A mutation that breaks
    that (a ``None`` where the parameter says ``str``) is not a test of the parser: mypy
    keeps such calls out of the program."""
    params = parameters(func)
    positional = [(h, p) for _n, h, p in params if p.kind in _POSITIONAL]
    var = [h for _n, h, p in params if p.kind is inspect.Parameter.VAR_POSITIONAL]
    for i, value in enumerate(call.args):
        if i < len(positional):
            hint = positional[i][0]
        elif var:
            hint = var[0]
        else:
            return False
        if not conforms(value, hint):
            return False
    by_name = {n: h for n, h, _p in params}
    return all(conforms(v, by_name.get(k, Any)) for k, v in call.kwargs.items())


@st.composite
def mutated_call(draw: st.DrawFn, seed: Call, names: tuple[str, ...] = (),
                 ours: frozenset[str] = frozenset()) -> Call:
    """A recorded call with one or more of its arguments mutated (the first, which is the
    machine text for nearly every parser, most often); ``names`` are the positional
    parameters' names, and those in ``ours`` (set by Checkup) are left as recorded."""
    args = list(seed.args)
    kwargs = dict(seed.kwargs)
    free = [i for i in range(len(args)) if i >= len(names) or names[i] not in ours]
    if free:
        picks = {free[0]} if draw(st.integers(0, 2)) else set(
            draw(st.lists(st.sampled_from(free), min_size=1, max_size=len(free))))
        for i in picks:
            args[i] = draw(mutated(args[i]))
    for k in kwargs:
        if k not in ours and draw(st.integers(0, 3)) == 0:
            kwargs[k] = draw(mutated(kwargs[k]))
    return Call(tuple(args), kwargs)


def call_strategy(func: Callable[..., Any], seeds: Sequence[Call],
                  ours: frozenset[str] = frozenset()) -> st.SearchStrategy[Call]:
    """Mostly mutations of recorded calls (three in four), else random arguments."""
    randomly = random_call(func, ours)
    if not seeds:
        return randomly
    names = tuple(n for n, _h, p in parameters(func) if p.kind in _POSITIONAL)
    from_seeds = st.sampled_from(list(seeds)).flatmap(
        lambda seed: mutated_call(seed, names, ours))
    return st.one_of(from_seeds, from_seeds, from_seeds, randomly)


# -- return values against their annotation --------------------------------------------------

def conforms(value: Any, hint: Any) -> bool:
    """Whether ``value`` is what the annotation promises (containers checked element by
    element; types this does not know are accepted)."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is Any or hint is object:
        return True
    if hint is type(None) or hint is None:
        return value is None
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if origin in (typing.Union, types.UnionType):
        return any(conforms(value, a) for a in args)
    if origin is typing.Literal:
        return value in args
    if origin in (list, set, frozenset, Sequence, Iterable):
        container = {list: list, set: set, frozenset: frozenset}.get(origin, origin)
        return isinstance(value, container) and (not args or all(conforms(v, args[0])
                                                                 for v in value))
    if origin is tuple:
        if not isinstance(value, tuple):
            return False
        if len(args) == 2 and args[1] is Ellipsis:
            return all(conforms(v, args[0]) for v in value)
        return len(value) == len(args) and all(conforms(v, a) for v, a in zip(value, args, strict=True))
    if origin in (dict, Mapping):
        if not isinstance(value, Mapping):
            return False
        if not args:
            return True
        return all(conforms(k, args[0]) and conforms(v, args[1]) for k, v in value.items())
    if isinstance(hint, type):
        if not isinstance(value, hint):
            return False
        if dataclasses.is_dataclass(hint):
            fields = type_hints(hint)
            return all(conforms(getattr(value, f.name), fields.get(f.name, Any))
                       for f in dataclasses.fields(hint))
        return True
    return True


# -- the fixture snapshots -------------------------------------------------------------------

@functools.cache
def fixture_snapshots() -> tuple[tuple[str, Snapshot], ...]:
    """Every loadable snapshot under tests/fixtures (name relative to it, snapshot)."""
    out: list[tuple[str, Snapshot]] = []
    for path in sorted(FIXTURES.rglob("*.json")):
        try:
            snap = Snapshot.load(path)
        except SnapshotError:
            continue
        out.append((path.relative_to(FIXTURES).as_posix(), snap))
    return tuple(out)


def snapshot_copy(snap: Snapshot) -> Snapshot:
    return Snapshot.from_json(json.loads(json.dumps(snap.to_json())))


def replay_all(snapshots: Iterable[tuple[str, Snapshot]]) -> Iterator[None]:
    """Run every recorded check of every snapshot once (for the seed recorder)."""
    checks = {c.id: c for c in all_checks()}
    for _name, snap in snapshots:
        host = ReplayHost(snap)
        scan = Scan(host)
        for cid in snap.checks:
            chk = checks.get(cid)
            if chk is not None and chk.applies_to(host.platform.family):
                try:
                    chk.func(scan)
                except Exception:  # noqa: BLE001 - the recorder only wants the arguments
                    pass
                yield


MAX_SEEDS_PER_TARGET = 60


@functools.cache
def recorded_calls(qualnames: tuple[str, ...]) -> dict[str, tuple[Call, ...]]:
    """The arguments each function (``module.name``) received while every fixture snapshot
    was replayed: the real tool outputs and file contents, as that function sees them."""
    funcs = {q: resolve(q) for q in qualnames}
    seen: dict[str, dict[str, Call]] = {q: {} for q in qualnames}
    patched: list[tuple[Any, str, Any]] = []

    def recorder(q: str, real: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(real)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            box = seen[q]
            if len(box) < MAX_SEEDS_PER_TARGET:
                try:
                    key = repr((args, sorted(kwargs.items())))[:4000]
                    if key not in box:
                        box[key] = Call(copy.deepcopy(args), copy.deepcopy(kwargs))
                except Exception:  # noqa: BLE001 - an argument that cannot be copied
                    pass
            return real(*args, **kwargs)
        return wrapper

    by_id = {id(f): q for q, f in funcs.items()}
    wrappers = {q: recorder(q, f) for q, f in funcs.items()}
    for mod in list(sys.modules.values()):
        if not getattr(mod, "__name__", "").startswith("checks"):
            continue
        for attr, value in list(vars(mod).items()):
            q = by_id.get(id(value))
            if q is not None and value is funcs[q]:
                patched.append((mod, attr, value))
                setattr(mod, attr, wrappers[q])
    try:
        for _ in replay_all(fixture_snapshots()):
            pass
    finally:
        for mod, attr, value in patched:
            setattr(mod, attr, value)
    return {q: tuple(box.values()) for q, box in seen.items()}


def resolve(qualname: str) -> Callable[..., Any]:
    module, _, name = qualname.rpartition(".")
    __import__(module)
    return typing.cast(Callable[..., Any], getattr(sys.modules[module], name))
