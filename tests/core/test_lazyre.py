"""core.lazyre: a pattern compiled on first use answers as re.compile's does, and is compiled once."""

from __future__ import annotations

import copy
import pickle
import re

import pytest

from mapviewer.core import lazyre
from mapviewer.core.lazyre import LazyPattern, lazy_compile

TEXT = "Troops crossed into Kursk Oblast and kursk city, then left Belgorod."
PATTERN = r"(?P<name>kursk|belgorod)(?:\s+(?P<kind>oblast|city))?"


def test_not_compiled_until_used(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = re.compile

    def counting(pattern: str, flags: int = 0) -> re.Pattern[str]:
        calls.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(lazyre.re, "compile", counting)
    lazy = lazy_compile(PATTERN, re.IGNORECASE)
    assert lazy.pattern == PATTERN and calls == []  # the text is there without compiling
    for _ in range(3):
        assert lazy.search(TEXT) is not None
    assert lazy.findall(TEXT) and lazy.sub("X", TEXT)
    assert calls == [PATTERN]  # once, whichever methods run


def test_answers_as_the_compiled_pattern() -> None:
    lazy, real = lazy_compile(PATTERN, re.IGNORECASE), re.compile(PATTERN, re.IGNORECASE)

    def spans(ms: object) -> list[tuple[int, int, dict[str, str | None]]]:
        return [(m.start(), m.end(), m.groupdict()) for m in ms]  # type: ignore[attr-defined]

    assert spans(lazy.finditer(TEXT)) == spans(real.finditer(TEXT))
    assert spans(lazy.finditer(TEXT, 20, 50)) == spans(real.finditer(TEXT, 20, 50))
    assert lazy.search(TEXT, 30).span() == real.search(TEXT, 30).span()  # type: ignore[union-attr]
    assert lazy.match(TEXT) is None and real.match(TEXT) is None
    assert lazy.fullmatch("Kursk oblast").group("kind") == "oblast"  # type: ignore[union-attr]
    assert lazy.findall(TEXT) == real.findall(TEXT)
    assert lazy.split(TEXT, 1) == real.split(TEXT, 1)
    assert lazy.sub(lambda m: m["name"].upper(), TEXT) == real.sub(lambda m: m["name"].upper(), TEXT)
    assert lazy.subn("X", TEXT, 2) == real.subn("X", TEXT, 2)
    assert (lazy.flags, lazy.groups, dict(lazy.groupindex)) == (real.flags, real.groups, dict(real.groupindex))


def test_methods_are_the_compiled_patterns_own() -> None:
    """A method looked up before the first use (kept in a variable) is already the compiled one's: no wrapper."""
    lazy = lazy_compile(r"\s*")
    match = lazy.match
    assert match == lazy.compiled.match and lazy.search == lazy.compiled.search
    with pytest.raises(AttributeError):
        lazy.no_such_method  # type: ignore[attr-defined]  # noqa: B018


def test_bad_pattern_fails_on_first_use() -> None:
    lazy = lazy_compile(r"(unclosed")
    with pytest.raises(re.error):
        lazy.search("text")


def test_equal_hashable_copyable_picklable() -> None:
    a, b = lazy_compile(PATTERN, re.I), lazy_compile(PATTERN, re.I)
    assert a == b and hash(a) == hash(b) and a != lazy_compile(PATTERN)
    assert copy.copy(a) is a and copy.deepcopy(a) is a
    a.search(TEXT)  # compiled: still picklable, as its text and flags
    back = pickle.loads(pickle.dumps(a))
    assert isinstance(back, LazyPattern) and back == a and back.findall(TEXT) == a.findall(TEXT)
