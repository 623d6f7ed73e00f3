"""Regular expressions compiled on first use instead of at import.

Why: the claim and place rules define hundreds of patterns at module level, and Python compiles a
pattern in Python code (re._parser, re._compiler): about 0.17 s of every `mapviewer ingest` process
went to compiling them, though one article runs fewer than half (the claim rules' keyword prefilter
skips most). A module writes `lazy_compile(r"…", re.I)` where it wrote `re.compile(r"…", re.I)`: the
pattern is compiled the first time it is used, once, and behaves as the compiled pattern from then on.

`pattern` is there without compiling (rules build larger patterns from smaller ones' text); `flags`,
`groups` and `groupindex` compile. A LazyPattern is not an `re.Pattern`: `re.sub(lazy, …)` and
`isinstance(lazy, re.Pattern)` do not accept it (mypy says so); call its methods instead.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Any

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "split", "sub", "subn")


class LazyPattern:
    """A `re.Pattern[str]` compiled on first use. The first time one of its methods is looked up, the
    pattern is compiled and the compiled pattern's own methods are set on this object, so from then on
    `lazy.search` is `compiled.search` (no wrapper runs, even for a method kept in a variable)."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now, the first time)."""
        compiled = re.compile(self.pattern, self._flags)
        vars(self).update((name, getattr(compiled, name)) for name in _METHODS)
        return compiled

    def __getattr__(self, name: str) -> Any:
        """Only reached for a method not set yet: compile, which sets them all."""
        if name not in _METHODS:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return getattr(self.compiled, name)

    if TYPE_CHECKING:  # the methods `compiled` sets, as re.Pattern[str] has them

        def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None: ...
        def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None: ...
        def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None: ...
        def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]: ...
        def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]: ...
        def split(self, string: str, maxsplit: int = 0) -> list[str | Any]: ...
        def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str: ...
        def subn(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> tuple[str, int]: ...

    @property
    def flags(self) -> int:
        return self.compiled.flags

    @property
    def groups(self) -> int:
        return self.compiled.groups

    @property
    def groupindex(self) -> Any:
        return self.compiled.groupindex

    def __eq__(self, other: object) -> bool:
        """Equal as compiled patterns are: same text and flags."""
        if not isinstance(other, LazyPattern):
            return NotImplemented
        return (self.pattern, self._flags) == (other.pattern, other._flags)

    def __hash__(self) -> int:
        return hash((self.pattern, self._flags))

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r}, {self._flags!r})"

    def __reduce__(self) -> tuple[type[LazyPattern], tuple[str, int]]:
        return LazyPattern, (self.pattern, self._flags)

    def __copy__(self) -> LazyPattern:
        return self  # immutable, as re.Pattern

    def __deepcopy__(self, memo: dict[int, Any]) -> LazyPattern:
        return self


def lazy_compile(pattern: str, flags: int = 0) -> LazyPattern:
    """`re.compile(pattern, flags)`, done the first time the pattern is used."""
    return LazyPattern(pattern, flags)
