"""Command templates and the command policy: the only commands Checkup may run.

Every command any code runs is declared as a ``Command``: a full argv template whose fixed
words (the program, its subcommand and options) must appear exactly as written, and whose
``Value`` placeholders stand for values only, each constrained by a regular expression::

    Command("systemctl", "is-enabled", Value("unit", UNIT), why="reads a unit's state")
    Command("systemctl", "show", "--property=Id", Value("units", UNIT, many=True), why=...)

A check declares its commands in its spec (checks/engine/registry.py: ``spec(..., commands=...)``);
code that runs commands outside a check (context detection, OS identification, the Windows
facts) declares them with ``declare(owner, *commands)``. ``LiveHost.run`` asks
``refuses(argv)`` before it looks anything up or starts anything, and refuses every command no
template matches (status "refused": the check sees a command that could not run, and the
evidence says Checkup's policy stopped it). The gate has no off switch, so a command path no
test reaches is still held to what was declared and reviewed: nothing that contacts a server,
nothing that needs an administrator (tests/test_command_allowlist.py,
tests/test_command_policy.py).

Matching is cheap: the templates are indexed by their program, and each word is compared as
a string or one pre-compiled ``fullmatch``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checks.engine.registry import Check


@dataclass(frozen=True)
class Value:
    """A placeholder for a value: one argument (or, with ``many``, one or more in a row)
    that fully matches ``pattern``. An optional ``check`` is a further test of the whole
    argument (for the PowerShell facts script, which a pattern cannot describe)."""

    name: str
    pattern: str
    many: bool = False
    check: Callable[[str], bool] | None = field(default=None, compare=False)
    _regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_regex", re.compile(self.pattern, re.DOTALL))

    def accepts(self, arg: str) -> bool:
        if self._regex.fullmatch(arg) is None:
            return False
        return self.check is None or self.check(arg)


Word = str | Value


@dataclass(frozen=True, init=False)
class Command:
    """One declared command: the argv template and why it is offline and unprivileged."""

    words: tuple[Word, ...]
    why: str

    def __init__(self, *words: Word, why: str) -> None:
        if not words:
            raise ValueError("a command template needs a program")
        for i, w in enumerate(words):
            if isinstance(w, Value) and w.many and i != len(words) - 1:
                raise ValueError("only the last placeholder may take several values")
        object.__setattr__(self, "words", tuple(words))
        object.__setattr__(self, "why", why)

    @property
    def program(self) -> Word:
        return self.words[0]

    def matches(self, argv: Sequence[str]) -> bool:
        words = self.words
        last = words[-1]
        if isinstance(last, Value) and last.many:
            if len(argv) < len(words):
                return False
        elif len(argv) != len(words):
            return False
        for i, word in enumerate(words):
            if isinstance(word, Value) and word.many:
                return all(word.accepts(a) for a in argv[i:])
            arg = argv[i]
            if isinstance(word, Value):
                if not word.accepts(arg):
                    return False
            elif arg != word:
                return False
        return True

    def shown(self) -> str:
        """The template as a person reads it: ``systemctl is-enabled <unit>``."""
        parts = []
        for w in self.words:
            if isinstance(w, Value):
                parts.append(f"<{w.name}>..." if w.many else f"<{w.name}>")
            else:
                parts.append(w)
        return " ".join(parts)


class Policy:
    """The declared commands, indexed by program (templates whose program is a placeholder
    are tried for every argv)."""

    def __init__(self, commands: Iterable[Command] = ()) -> None:
        self._by_program: dict[str, list[Command]] = {}
        self._open: list[Command] = []
        for c in commands:
            self.add(c)

    def add(self, command: Command) -> None:
        program = command.program
        if isinstance(program, Value):
            self._open.append(command)
        else:
            self._by_program.setdefault(program, []).append(command)

    def commands(self) -> list[Command]:
        out = [c for cs in self._by_program.values() for c in cs]
        return out + list(self._open)

    def match(self, argv: Sequence[str]) -> Command | None:
        if not argv:
            return None
        for c in self._by_program.get(argv[0], ()):
            if c.matches(argv):
                return c
        for c in self._open:
            if c.matches(argv):
                return c
        return None

    def allows(self, argv: Sequence[str]) -> bool:
        return self.match(argv) is not None


# -- commands declared outside checks -----------------------------------------------------------

_DECLARED: dict[str, tuple[Command, ...]] = {}
_lock = threading.Lock()
_generation = 0  # counts declarations and withdrawals
# The built policy, with the generation and the registered checks it was built from (held, so
# compared by identity): a check registered or removed later, as a test's extra checks are,
# or a new declaration, rebuilds it.
_built: tuple[int, tuple[Check, ...], Policy] | None = None


def declare(owner: str, *commands: Command) -> tuple[Command, ...]:
    """Declare the commands a piece of the engine runs outside any check (``owner`` is its
    module name). Returns them, for the module to keep."""
    global _built, _generation
    with _lock:
        _DECLARED[owner] = tuple(commands)
        _generation += 1
        _built = None
    return tuple(commands)


def withdraw(owner: str) -> None:
    """Take back the commands ``owner`` declared (tests that declared their own commands)."""
    global _built, _generation
    with _lock:
        _DECLARED.pop(owner, None)
        _generation += 1
        _built = None


def declared() -> dict[str, tuple[Command, ...]]:
    """Owner -> commands: the engine's own declarations and every check's (``check:<id>``)."""
    _load()
    from checks.engine.registry import all_checks

    out = dict(_DECLARED)
    for c in all_checks():
        out[f"check:{c.id}"] = c.commands
    return out


def _load() -> None:
    # Every module that declares commands: the catalog (through the registry) and the
    # engine's own readers. Imported here, not at the top, because they import this module.
    import checks.engine.context  # noqa: F401
    import checks.engine.osinfo  # noqa: F401
    import checks.engine.winfacts  # noqa: F401
    from checks.engine.registry import load_catalog

    load_catalog()


def policy() -> Policy:
    """The policy of every declared command: built once, and again after a declaration, a
    withdrawal or a change in the registered checks."""
    global _built
    _load()
    from checks.engine.registry import all_checks

    checks = tuple(all_checks())
    current = _built
    if current is not None and current[0] == _generation and len(current[1]) == len(checks) \
            and all(a is b for a, b in zip(current[1], checks, strict=True)):
        return current[2]
    built = Policy()
    with _lock:
        generation = _generation
        for commands in _DECLARED.values():
            for c in commands:
                built.add(c)
    for check in checks:
        for c in check.commands:
            built.add(c)
    _built = (generation, checks, built)
    return built


def reset_policy() -> None:
    """Forget the built policy (it is rebuilt on the next question)."""
    global _built
    _built = None


def allowed(argv: Sequence[str]) -> bool:
    return policy().allows(argv)


def refuses(argv: Sequence[str]) -> bool:
    """Whether LiveHost must refuse ``argv``: no declared template matches it. There is no
    switch to turn this off: tests that run programs of their own declare them
    (tests/command_support.py), and nothing can allow everything."""
    return not allowed(argv)
