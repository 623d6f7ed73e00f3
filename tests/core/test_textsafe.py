"""XML and terminal safety of untrusted text (core/textsafe.py)."""

from __future__ import annotations

import itertools
import re
from xml.dom import minidom
from xml.sax.saxutils import escape, quoteattr

from mapviewer.core.textsafe import xml_attr, xml_escape, xml_text

XML_CHAR = re.compile("[\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""XML 1.0's Char production, written as the specification writes it."""


def test_xml_text_drops_exactly_what_xml_forbids() -> None:
    kept = "".join(chr(c) for c in range(0x110000) if XML_CHAR.fullmatch(chr(c)))
    dropped = [c for c in range(0x110000) if not XML_CHAR.fullmatch(chr(c))]
    assert xml_text(kept) == kept
    assert xml_text("".join(map(chr, dropped))) == ""
    assert xml_text("a\x0bb\ud800c\uffffd\x1b") == "abcd"


def test_escapes_write_the_bytes_of_the_standard_library() -> None:
    """The KML and GeoJSON exports stay byte-identical after dropping xml.sax (it imports urllib at start-up)."""
    for n in range(5):
        for chars in itertools.product("a&<>\"'\n\r\t", repeat=n):
            text = "".join(chars)
            assert xml_escape(text) == escape(text)
            assert xml_attr(text) == quoteattr(text)


def test_an_escaped_attribute_parses_back_to_its_text() -> None:
    text = "Russia's \"Kursk\" <region> & more\nnext\tline"
    doc = minidom.parseString(f"<p id={xml_attr(text)}>{xml_escape(text)}</p>")
    assert doc.documentElement.getAttribute("id") == text
    assert doc.documentElement.firstChild.data == text
