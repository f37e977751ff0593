"""Commands a test runs through LiveHost itself, declared like any engine code's.

A test that runs its own programs (``sh -c ...``, a planted fake tool) declares exactly those
argv templates for its duration::

    with declared_commands("test_engine_host", Command("sh", "-c", Value("script", ".*"),
                                                       why="test: a shell the test wrote")):
        LiveHost().run(["sh", "-c", "echo hi"])

and takes them back afterwards, so no other test sees them. The policy is switched on for
the duration (until issue 18 turns it on for good), so the test also proves that what it runs
is declared. There is no way here to allow everything.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from checks import commands
from checks.commands import Command


@contextmanager
def declared_commands(owner: str, *templates: Command, enforce: bool = True) -> Iterator[None]:
    """Declare ``templates`` as ``tests:<owner>`` and enforce the policy while inside."""
    if not templates:
        raise ValueError("declare the commands the test runs")
    name = f"tests:{owner}"
    commands.declare(name, *templates)
    was = commands.ENFORCED
    commands.ENFORCED = enforce or was
    try:
        yield
    finally:
        commands.ENFORCED = was
        commands.withdraw(name)


@contextmanager
def policy_enforced() -> Iterator[None]:
    """The policy on, with nothing added: for tests of the gate itself."""
    was = commands.ENFORCED
    commands.ENFORCED = True
    try:
        yield
    finally:
        commands.ENFORCED = was
