"""Commands a test runs through LiveHost itself, declared like any engine code's.

A test that runs its own programs (``sh -c ...``, a planted fake tool) declares exactly those
argv templates for its duration::

    with declared_commands("test_engine_host", Command("sh", "-c", Value("script", ".*"),
                                                       why="test: a shell the test wrote")):
        LiveHost().run(["sh", "-c", "echo hi"])

and takes them back afterwards, so no other test sees them. The policy is always enforced
(checks/engine/commands.py has no switch), so the test also proves that what it runs is declared.
There is no way here to allow everything.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from checks.engine import commands
from checks.engine.commands import Command


@contextmanager
def declared_commands(owner: str, *templates: Command) -> Iterator[None]:
    """Declare ``templates`` as ``tests:<owner>`` while inside."""
    if not templates:
        raise ValueError("declare the commands the test runs")
    name = f"tests:{owner}"
    commands.declare(name, *templates)
    try:
        yield
    finally:
        commands.withdraw(name)
