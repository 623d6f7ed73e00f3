"""The village list's lookup file: its name keys sorted, so opening the list (villages.py) is two reads and two
digests, and a lookup is a binary search that touches only the rows of its key.

Building the name table from `wof_villages.tsv` (72,000 rows, checking each) takes 0.2-0.3 s of CPU, which every
ingest process paid; so tools/build_villages.py writes this file beside the list (`wof_villages.index`, its SHA-256
in `wof_villages.index.sha256`), and villages.load_villages uses it while it matches the list (the list's SHA-256
is in its header) and was built by this key code (its fingerprint). Otherwise the loader builds one once into the
user cache, authenticated like the place index's cache copy (signed.py). Like the place index (geo_build.py) the
file is data only, read without parsing beyond a small JSON header: nothing in it is executable.

Layout: MAGIC, the header's length (4 bytes, little-endian), the header (JSON: format, fingerprint, the list's
SHA-256, its valid rows, its source repositories and the problems of its bad rows), then the sections, each 8-byte
aligned at the offset the header gives, little-endian:
  key_off, key_blob: the distinct transliteration keys of the rows' names (variants.variant_key), sorted by their
    UTF-8 bytes (offsets into the blob, one more than the keys);
  key_start: each key's range in key_rows (one more than the keys);
  key_rows: the rows each key names (indexes of the list's valid rows, in file order);
  row_at: where each valid row's line starts in the list's bytes (line ends read as "\\n").
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import struct
import sys
from array import array
from collections.abc import Sequence
from pathlib import Path

from mapviewer.core import textnorm
from mapviewer.core.ingest import variants
from mapviewer.core.ingest.geo_index import search_sorted

FORMAT_VERSION = 1
"""Bump when the layout or what is indexed changes; the fingerprint also covers this code."""

MAGIC = b"mapviewer-villages\n"
SECTIONS: dict[str, str] = {"key_off": "I", "key_blob": "B", "key_start": "I", "key_rows": "I", "row_at": "I"}
"""Every section and its array type code."""


def fingerprint() -> str:
    """What a lookup file is valid for: this layout and the code that turns names into keys (this module,
    variants.py, textnorm.py). A file with another fingerprint is never used."""
    h = hashlib.sha256(f"villages\0{FORMAT_VERSION}\0".encode())
    for mod in (__file__, variants.__file__, textnorm.__file__):
        with contextlib.suppress(OSError):
            h.update(Path(mod or "").read_bytes())
    return h.hexdigest()


def build_bytes(list_sha256: str, row_at: Sequence[int], keys: Sequence[Sequence[str]],
                sources: dict[str, tuple[str, str]], problems: Sequence[tuple[str, str]]) -> bytes:  # fmt: skip
    """The lookup file of a list (its SHA-256) whose valid rows start at `row_at` and have the name keys `keys`;
    `problems` (where, what) are its bad rows'. Deterministic. A key a row has twice names it twice, as a dict of
    lists built row by row would."""
    pairs = sorted(((k.encode("utf-8"), row) for row, ks in enumerate(keys) for k in ks), key=lambda p: p[0])  # stable
    key_off, key_start, key_rows = array("I", [0]), array("I"), array("I")
    blob = bytearray()
    last: bytes | None = None
    for k, row in pairs:
        if k != last:
            key_start.append(len(key_rows))
            blob += k
            key_off.append(len(blob))
            last = k
        key_rows.append(row)
    key_start.append(len(key_rows))
    arrays = {"key_off": key_off, "key_start": key_start, "key_rows": key_rows, "row_at": array("I", row_at)}
    parts: dict[str, bytes] = {}
    for name, code in SECTIONS.items():
        if code == "B":
            parts[name] = bytes(blob)
            continue
        a = arrays[name]
        if sys.byteorder != "little":  # pragma: no cover - big-endian hosts
            a = array(code, a)
            a.byteswap()
        parts[name] = a.tobytes()
    sections: dict[str, list[int]] = {}
    offset = 0
    for name, data in parts.items():
        sections[name] = [offset, len(data)]
        offset += (len(data) + 7) // 8 * 8
    header = {
        "format": FORMAT_VERSION,
        "fingerprint": fingerprint(),
        "list_sha256": list_sha256,
        "rows": len(row_at),
        "sources": {iso: list(source) for iso, source in sorted(sources.items())},
        "problems": [list(p) for p in problems],
        "sections": sections,
    }
    head = json.dumps(header, ensure_ascii=True, sort_keys=True, separators=(",", ":")).encode("ascii")
    pad = (-(len(MAGIC) + 4 + len(head))) % 8
    out = [MAGIC, struct.pack("<I", len(head) + pad), head, b" " * pad]
    for data in parts.values():
        out.append(data)
        out.append(b"\0" * ((-len(data)) % 8))
    return b"".join(out)


class Layout:
    """A lookup file's header and sections (zero-copy views of its bytes). ValueError when it is not a lookup file,
    was built by other code or for another list (`list_sha256`), or a section does not fit."""

    def __init__(self, data: bytes, fingerprint: str, list_sha256: str) -> None:
        if data[: len(MAGIC)] != MAGIC or len(data) < len(MAGIC) + 4:
            raise ValueError("not a village lookup file")
        (size,) = struct.unpack_from("<I", data, len(MAGIC))
        base = len(MAGIC) + 4 + size
        header = json.loads(data[len(MAGIC) + 4 : base])
        if not isinstance(header, dict) or header.get("format") != FORMAT_VERSION or header.get("fingerprint") != fingerprint:
            raise ValueError("built by other code")
        if header.get("list_sha256") != list_sha256:
            raise ValueError("built for another list")
        view = memoryview(data)
        arrays: dict[str, memoryview | array] = {}
        for name, code in SECTIONS.items():
            start, length = header["sections"][name]
            if start < 0 or length < 0 or base + start + length > len(data):
                raise ValueError(f"section {name} out of bounds")
            part = view[base + start : base + start + length]
            if code == "B":
                self.key_blob = bytes(part)
            elif sys.byteorder == "little":
                arrays[name] = part.cast(code)  # type: ignore[call-overload]  # code is one of SECTIONS
            else:  # pragma: no cover - big-endian hosts: a swapped copy
                arrays[name] = array(code, bytes(part))
                arrays[name].byteswap()  # type: ignore[union-attr]
        self.key_off, self.key_start = arrays["key_off"], arrays["key_start"]
        self.key_rows, self.row_at = arrays["key_rows"], arrays["row_at"]
        self.rows = int(header["rows"])
        self.sources: dict[str, tuple[str, str]] = {iso: (str(s[0]), str(s[1])) for iso, s in header["sources"].items()}
        self.problems: list[tuple[str, str]] = [(str(p[0]), str(p[1])) for p in header["problems"]]
        if (len(self.row_at) != self.rows or len(self.key_start) != len(self.key_off) or not len(self.key_off)
                or self.key_off[-1] != len(self.key_blob) or self.key_start[-1] != len(self.key_rows)):  # fmt: skip
            raise ValueError("sections of the wrong length")

    def rows_of(self, k: bytes) -> Sequence[int]:
        """The rows the key `k` names (in file order), by a binary search of the sorted keys; () when none."""
        at = search_sorted(self.key_off, self.key_blob, k)
        return self.key_rows[self.key_start[at] : self.key_start[at + 1]] if at >= 0 else ()
