"""Read a workspace file that may be anything: every workspace loader reads its JSON and article files here.

Why one reader: the files are the user's (or anyone's, when a workspace is shared), so one may be a
FIFO or a device (an open would block or never end), huge, nested deep enough to exhaust Python's
recursion, or hold numbers JSON allows and no workspace value can be (NaN, Infinity, a 5,000-digit
integer). Here such a file is a `FileError` with a message the loaders put in a Problem, never a hang
or a traceback, and an odd number inside a good file is a `BadNumber` the loaders' checks refuse.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path
from typing import Any

import numpy as np

MAX_JSON_BYTES = 1024 * 2**20
"""A 100,000-site gazetteer is ~25 MB: a JSON workspace file forty times that is not one."""
MAX_DEPTH = 64
"""Nesting a workspace file may have (a MultiPolygon in a FeatureCollection is 7 deep)."""
MAX_INT_DIGITS = 40
"""Longer integers are no coordinate or count; Python refuses to parse those over 4,300 digits anyway."""


class FileError(ValueError):
    """The file cannot be used at all; the message says why (without the path, which callers add)."""


class BadNumber:
    """A JSON number no workspace value can be (NaN, ±Infinity, an integer too long to be a quantity).

    Parsed into this rather than refused, so one bad coordinate costs its feature, not the whole file:
    it is neither int nor float, so every check for a number refuses it, and nothing can write it out.
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text if len(self.text) <= 24 else f"a {len(self.text)}-digit integer"


def _parse_int(text: str) -> int | BadNumber:
    return int(text) if len(text) <= MAX_INT_DIGITS else BadNumber(text)


DECODER = json.JSONDecoder(parse_constant=BadNumber, parse_int=_parse_int)
"""As json.loads, except NaN, Infinity and over-long integers become BadNumber. Floats keep the
default (fast) parser: one too large to be a float is inf, which every coordinate check refuses."""


def _why(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop (too many levels of symbolic links)"
    return exc.strerror or str(exc)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISREG, "a file"), (stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def exists(path: Path) -> bool:
    """Whether anything is at `path`, a broken or looping symbolic link included (reading says what is wrong)."""
    return os.path.lexists(path)


def folder_problem(path: Path) -> str | None:
    """Why `path` is not a folder that can be opened ("not found", a file, a looping link...), or None."""
    try:
        st = os.stat(path)
    except OSError as exc:
        return "not found" if exc.errno == errno.ENOENT and not exists(path) else _why(exc)
    return None if stat.S_ISDIR(st.st_mode) else f"{_kind(st.st_mode)}, not a folder"


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file (symbolic links followed) of at most `max_bytes`.

    Opened non-blocking and checked with fstat before any read, so a FIFO or device named like a
    workspace file is refused at once instead of blocking or streaming forever.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise FileError(f"cannot open: {_why(exc)}") from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise FileError(f"{_kind(st.st_mode)}, not a regular file")
        if st.st_size > max_bytes:
            raise FileError(f"file is {st.st_size:,} bytes; over the {max_bytes:,}-byte limit for this file")
        chunks = []
        size = 0
        while chunk := os.read(fd, min(max_bytes + 1 - size, 1 << 24)):
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:  # grew while read
                raise FileError(f"file is over the {max_bytes:,}-byte limit for this file")
        return b"".join(chunks)
    except OSError as exc:
        raise FileError(f"cannot read: {_why(exc)}") from exc
    finally:
        os.close(fd)


_KEEP = b'[]{}"'
_DROP = bytes(sorted(set(range(256)) - set(_KEEP)))


def nesting_depth(data: bytes) -> int:
    """The deepest nesting of [ and { outside strings in JSON text.

    Done with bytes methods and numpy (a Python loop over a 25 MB gazetteer takes seconds): escaped
    backslashes, then escaped quotes, are removed, so the quotes left delimit strings; only quotes
    and brackets are kept; a bracket is outside every string when an even number of quotes precedes
    it. For text that is not valid JSON the figure may be off, but never below the depth the parser
    reaches before it finds the error (up to there the text is valid, and read the same way).
    """
    if data.find(b"\\") >= 0:
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    marks = np.frombuffer(data.translate(None, _DROP), dtype=np.uint8)
    if not len(marks):
        return 0
    outside = (np.cumsum(marks == 34, dtype=np.int32) & 1) == 0
    step = np.zeros(len(marks), dtype=np.int8)
    step[((marks == 91) | (marks == 123)) & outside] = 1
    step[((marks == 93) | (marks == 125)) & outside] = -1
    return int(np.cumsum(step, dtype=np.int32).max())


def json_text(path: Path, max_bytes: int = MAX_JSON_BYTES) -> str:
    """The text of a JSON file (UTF-8, a leading BOM allowed) checked not to nest over MAX_DEPTH."""
    data = read_bytes(path, max_bytes)
    if nesting_depth(data) > MAX_DEPTH:
        raise FileError(f"nested more than {MAX_DEPTH} levels deep")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def bad_json(exc: json.JSONDecodeError) -> FileError:
    return FileError(f"line {exc.lineno} column {exc.colno}: bad JSON: {exc.msg}")


PLAIN = json.JSONDecoder()
"""json.loads's own decoder, for files read only to be written back as they were (NaN stays NaN)."""


def loads(text: str, decoder: json.JSONDecoder = DECODER) -> Any:
    """Parse JSON text; raises FileError naming the line and column of bad JSON."""
    try:
        return decoder.decode(text)
    except json.JSONDecodeError as exc:
        raise bad_json(exc) from exc
    except RecursionError as exc:  # not reached after json_text's depth check; kept for text from elsewhere
        raise FileError("nested too deeply to read") from exc
    except ValueError as exc:  # PLAIN: an integer over Python's 4,300-digit limit
        raise FileError(f"a number cannot be read ({exc})") from exc


def load_json(path: Path, max_bytes: int = MAX_JSON_BYTES, decoder: json.JSONDecoder = DECODER) -> Any:
    """Read and parse a workspace JSON file; raises FileError (no path in the message) on any failure."""
    return loads(json_text(path, max_bytes), decoder)


def bad_value(value: Any, depth: int = MAX_DEPTH) -> str | None:
    """Where in a parsed value something no JSON writer accepts is (a BadNumber, a non-finite float,
    nesting past `depth`), as a path like "[0].bbox[2]", or None when it is clean. Iterative."""
    stack: list[tuple[Any, str, int]] = [(value, "", 0)]
    while stack:
        v, where, level = stack.pop()
        t = type(v)
        if t is float:
            if v - v != 0:
                return f"{where or 'value'} is {v!r}"
        elif t is BadNumber:
            return f"{where or 'value'} is {v!r}"
        elif t is dict or t is list:
            if level >= depth:
                return f"{where or 'value'} is nested too deeply"
            items = v.items() if t is dict else enumerate(v)
            stack.extend((item, f"{where}.{k}" if t is dict else f"{where}[{k}]", level + 1) for k, item in items)
    return None
