"""Untrusted article text made safe for two sinks that are not HTML: XML 1.0 files and terminals.

Article text, titles and names come from files anyone could have written. XML 1.0 forbids most
control characters (a KML file holding one is rejected by every reader, even when escaped), and a
terminal obeys the escape sequences in text printed to it (colours, cursor moves, window titles,
clipboard writes). JSON output needs neither: the encoder escapes control characters itself.
"""

from __future__ import annotations

import re
from typing import TextIO

from mapviewer.core.lazyre import lazy_compile

_XML_INVALID = lazy_compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Every character XML 1.0 does not allow: the complement of its `Char` production (tab, line feed, carriage
return, U+0020-U+D7FF, U+E000-U+FFFD, U+10000 up), lone surrogates included. Written as the complement because
the negated class of the production's ranges takes the start-up 6-30 ms to compile."""

_TERMINAL_UNSAFE = lazy_compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""C0 and C1 controls (ESC and CSI start every escape sequence) and the bidirectional overrides that
make text display in another order than it is stored."""


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold (they are dropped; everything else is kept)."""
    return _XML_INVALID.sub("", text)


def xml_escape(text: str) -> str:
    """`text` as XML character data: &, < and > as entities (as xml.sax.saxutils.escape, which would import
    urllib and http with it: start-up time for nothing)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def xml_attr(text: str) -> str:
    """`text` as a quoted XML attribute value, as xml.sax.saxutils.quoteattr writes it (same bytes): line
    breaks and tabs as character references; double quotes, or single ones when the value holds a double."""
    text = xml_escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace('"', "&quot;") + '"'


def terminal_text(text: str) -> str:
    r"""`text` with every control character shown as an escape (ESC as `\x1b`), so printing it cannot
    drive the terminal; tabs and line breaks too, since each record is printed on one line."""
    return _TERMINAL_UNSAFE.sub(_escape, text)


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_LINE_UNSAFE = lazy_compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
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
