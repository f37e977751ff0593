"""Every parser of machine text, fed mutated real outputs and random ones (Hypothesis).

For each function in tests/fuzz_targets.py ``TARGETS``: the arguments it received while the
fixture snapshots were replayed are mutated (tests/fuzz_support.py), or random arguments are
drawn from its annotations. Whatever comes in, the function raises nothing but the error its
docstring documents, and returns what its annotation promises (a parser that hands back a
``bytes`` where it says ``str``, or a ``str`` where it says ``int``, makes the check that
trusts it misjudge or crash further on).

The tables are complete: a public function added to a parser module fails
``test_every_public_function_is_classified`` until it is fuzzed or its reason not to be is
written down, and a ``parse_*`` function must be fuzzed.
"""

from __future__ import annotations

import copy
import functools
import importlib
import inspect
import typing
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.fuzz_support import (
    Call,
    call_fits,
    call_strategy,
    conforms,
    recorded_calls,
    resolve,
)
from tests.fuzz_targets import NOT_PARSERS, OURS, PARSER_MODULES, TARGETS

NAMES = tuple(sorted(TARGETS))


def _reads_the_host(func: Any) -> bool:
    """Functions handed the Scan or Host do their own reading; the checks' properties
    (tests/test_fuzz_checks.py) cover them."""
    params = list(inspect.signature(func).parameters.values())
    if not params:
        return False
    first = params[0]
    return first.name in ("scan", "host") or any(
        word in str(first.annotation) for word in ("Scan", "Host"))


def public_functions() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in PARSER_MODULES:
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if attr.startswith("_") or not inspect.isfunction(value):
                continue
            if value.__module__ != name or _reads_the_host(value):
                continue
            out[f"{name}.{attr}"] = value
    return out


def test_every_public_function_is_classified() -> None:
    found = public_functions()
    unclassified = sorted(set(found) - set(TARGETS) - set(NOT_PARSERS))
    assert not unclassified, (
        "add these to tests/fuzz_targets.py: TARGETS (with the error each documents) or, "
        f"if they take no machine text, NOT_PARSERS with the reason: {unclassified}")
    gone = sorted((set(TARGETS) | set(NOT_PARSERS)) - set(found))
    assert not gone, f"tests/fuzz_targets.py names functions that no longer exist: {gone}"
    both = sorted(set(TARGETS) & set(NOT_PARSERS))
    assert not both, f"in both tables: {both}"


def test_parse_functions_are_all_fuzzed() -> None:
    dodged = sorted(q for q in NOT_PARSERS if q.rpartition(".")[2].startswith("parse_"))
    assert not dodged, f"parse_* functions must be fuzz targets: {dodged}"


def test_most_targets_have_real_seeds() -> None:
    """The fixtures reach most parsers, so most mutations start from real output; a parser
    the fixtures never reach is fuzzed from random input only (listed in the failure)."""
    seeds = recorded_calls(NAMES)
    unseeded = sorted(q for q in NAMES if not seeds[q])
    assert len(unseeded) <= len(NAMES) // 3, f"{len(unseeded)} targets without seeds: {unseeded}"


@functools.cache
def _call_strategy(qualname: str) -> st.SearchStrategy[Call]:
    return call_strategy(resolve(qualname), recorded_calls(NAMES)[qualname],
                         OURS.get(qualname, frozenset()))


@pytest.mark.parametrize("qualname", NAMES)
@given(data=st.data())
def test_parser_survives_garbled_input(qualname: str, data: st.DataObject) -> None:
    func = resolve(qualname)
    allowed = TARGETS[qualname]
    call = data.draw(_call_strategy(qualname), label="call")
    assume(call_fits(func, call))
    args, kwargs = copy.deepcopy((call.args, dict(call.kwargs)))
    try:
        result = func(*args, **kwargs)
    except allowed:
        return
    promised = typing.get_type_hints(func).get("return", Any)
    assert conforms(result, promised), (
        f"{qualname} returned {result!r:.300} which is not {promised}")
