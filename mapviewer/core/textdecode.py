"""Bytes of an article file → text, one way for ingest and for a workspace's articles folder.

Why shared: a file ingest reads as UTF-16 must not be called binary when the workspace loads it, and
what counts as binary (a NUL anywhere, not only near the start) must be the same for both.
"""

from __future__ import annotations

import codecs
import re

MAX_ARTICLE_BYTES = 16 * 1024 * 1024
"""A news article is well under 1 MB even as a saved page; anything this big is not one."""


class DecodeError(ValueError):
    """The bytes are not text (binary, or not valid in the encoding their BOM names)."""


_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
"""Bytes no text file holds more than a few of (not tab, line feed, form feed, carriage return)."""
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


def decode(data: bytes, html: bool = False, guess: bool = True) -> tuple[str, str | None]:
    """Decode bytes as text; returns (text, note about a non-UTF-8 decoding or None).

    UTF-8 first (what nearly every file is), then a BOM or an HTML-declared charset, then
    Windows-1252, which is what "latin-1" files from Windows editors almost always really are.
    Binary data is refused rather than turned into mojibake: a NUL anywhere (not only near the start)
    makes a file binary, as text with a NUL in it is no article. With `guess` False, text that is
    neither UTF-8 nor marked by a BOM is refused instead of guessed at (a workspace's own articles
    are written as UTF-8, and their recorded sha256 is of that text).
    """
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"not valid {enc} text ({exc.reason})") from exc
            if "\x00" in text:
                raise DecodeError(f"binary file ({enc} with NUL characters), not text")
            return text, f"decoded as {enc}"
    head = data[:65536]
    if b"\x00" in data:
        raise DecodeError("binary file (contains NUL bytes), not text")
    controls = len(head) - len(head.translate(None, _CONTROLS))  # counted in C: a workspace has 20,000 articles
    if head and controls / len(head) > 0.01:
        raise DecodeError("binary file (control bytes), not text")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        if not guess:
            raise DecodeError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    declared = _CHARSET.search(head) if html else None
    if declared:
        name = declared.group(1).decode("ascii", "replace")
        try:
            return data.decode(name), f"decoded as declared charset {name}"
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("cp1252"), "not UTF-8: decoded as Windows-1252/Latin-1"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "not UTF-8: decoded as Latin-1"
