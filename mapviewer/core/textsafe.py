"""Untrusted article text made safe for two sinks that are not HTML: XML 1.0 files and terminals.

Article text, titles and names come from files anyone could have written. XML 1.0 forbids most
control characters (a KML file holding one is rejected by every reader, even when escaped), and a
terminal obeys the escape sequences in text printed to it (colours, cursor moves, window titles,
clipboard writes). JSON output needs neither: the encoder escapes control characters itself.
"""

from __future__ import annotations

import re
from typing import TextIO

_XML_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Every character XML 1.0 does not allow (its `Char` production), lone surrogates included."""

_TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""C0 and C1 controls (ESC and CSI start every escape sequence) and the bidirectional overrides that
make text display in another order than it is stored."""


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold (they are dropped; everything else is kept)."""
    return _XML_INVALID.sub("", text)


def terminal_text(text: str) -> str:
    r"""`text` with every control character shown as an escape (ESC as `\x1b`), so printing it cannot
    drive the terminal; tabs and line breaks too, since each record is printed on one line."""
    return _TERMINAL_UNSAFE.sub(_escape, text)


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_LINE_UNSAFE = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""As _TERMINAL_UNSAFE but keeping line breaks and carriage returns, which the commands' own output uses."""


class TerminalWriter:
    """A text stream that escapes control characters on the way to a terminal or log.

    The CLI's text output quotes article text, titles, names and the workspace's own ids; wrapping the
    stream covers every line it prints, including error messages that quote a bad value.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(_LINE_UNSAFE.sub(_escape, text))

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return hasattr(self._stream, "isatty") and self._stream.isatty()
