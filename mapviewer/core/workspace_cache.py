"""What opening a workspace computed, kept in the user's cache folder, so opening it again reads one
file instead of finding every mention and labelling every claim again (100,000 sites and 20,000
articles: about 2 s instead of 12; the bundled corpus: the window starts without importing the
gazetteer's geometry library or the claim rules).

A snapshot holds the sites, the articles, the mentions with the rules' labels and the problems found
in those files. The user's corrections are not in it: they are read and applied on every open, so a
correction never makes the snapshot stale.

A snapshot is used only if it was made from files with exactly the same content (a digest of every
file the workspace is read from, not their times: a file rewritten within one timestamp tick would
go unnoticed) by the same code (the core's sources, mapviewer's and shapely's versions) on the same
Python. Anything wrong with it (missing, another digest, damaged, not made by this user: see
datacache) means opening the workspace the long way, never an error; so does anything the digest
cannot vouch for (a folder that cannot be listed, an article kept outside the articles folder).

The file is kept by datacache (authenticated, atomic, the user's alone: it holds the articles' text;
the least recently used go beyond KEEP_BYTES). Its body is JSON, column by column: mentions name
their article, site and claim by row, so that, read back, they share their article's text, ids and
claims as the objects first read did.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import hashlib
import json
import os
import sys
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mapviewer import __version__, paths
from mapviewer.core import datacache
from mapviewer.core.model import Article, Claim, Mention, Paragraph, Problem, Site
from mapviewer.core.package_version import version_bytes

if TYPE_CHECKING:
    from mapviewer.core.workspace import Location

KIND = "workspace-snapshot"
VERSION = 3
"""Bump when the body's layout changes (1 was a pickle: never read again)."""


@dataclass
class Snapshot:
    sites: list[Site]
    articles: list[Article]
    mentions: list[Mention]
    """With the rules' claims (no user corrections)."""
    problems: list[Problem]
    """Found in the gazetteer and article files (not in the corrections file)."""


def cache_file(location: Location) -> Path:
    where = "\0".join(str(p) for p in (location.sites, location.articles, location.extra))
    return paths.cache_dir() / "workspaces" / f"{hashlib.sha256(where.encode()).hexdigest()[:24]}.snapshot"


def inputs_digest(location: Location) -> str | None:
    """A digest of the content of every file a workspace at `location` is made from (Location.inputs)
    and of the code that reads them; None when that cannot be known (a folder that cannot be listed,
    the code's sources not found): then no snapshot is read or kept."""
    code = _code_digest()
    if code is None:
        return None
    d = datacache.Digest(KIND).text(code)
    files, folders = location.inputs()
    for path in files:
        d.file(path)
    for folder in folders:
        d.folder(folder)
    return d.hexdigest()


_CODE: str | None = None


def _code_digest() -> str | None:
    """The code a snapshot is made by: the core's sources, mapviewer's and shapely's versions (shapely
    places areas' representative points and judges their validity) and the Python that runs them. A
    change to any makes every snapshot stale. None if the sources cannot be read. Once per process."""
    global _CODE
    if _CODE is None:
        d = datacache.Digest(KIND + " code").text(str(VERSION), sys.version, sys.byteorder, __version__, version_bytes("shapely"))
        _CODE = d.sources(Path(__file__).resolve().parent).hexdigest()
    return _CODE


KEEP_BYTES = 2 * 2**30
"""The snapshots of the workspaces used least recently go once all of them take more than this (one
of 100,000 sites and 20,000 articles takes about 70 MB); the one just written always stays."""


def read(location: Location, digest: str) -> Snapshot | None:
    """The snapshot made from inputs with `digest`, or None."""
    body = datacache.read(cache_file(location), KIND, VERSION, digest)
    if body is None:
        return None
    try:
        return decode(body)
    except Exception:  # authentic but unreadable (a bug in an older build): open the long way
        return None


def write(location: Location, digest: str, snapshot: Snapshot) -> None:
    """Keep `snapshot` for the next open. Nothing that goes wrong here (no cache folder, no memory for
    a large one, data JSON cannot hold) fails the open."""
    with contextlib.suppress(Exception):
        datacache.write(cache_file(location), KIND, VERSION, digest, encode(snapshot), keep_bytes=KEEP_BYTES)


def covers(location: Location, snapshot: Snapshot) -> bool:
    """Whether the digest covers every file the snapshot was read from. An article list may name a
    file outside the articles folder, which could change unseen: such a workspace is not kept."""
    files, folders = location.inputs()
    known = {Path(os.path.realpath(f)) for f in files}  # realpath: a link loop is a name, not an error
    roots = [Path(os.path.realpath(f)) for f in folders]
    for name in [a.source_file for a in snapshot.articles] + [p.file for p in snapshot.problems]:
        path = Path(os.path.realpath(name))  # not Path.resolve: it raises on a symbolic link loop (an unread article)
        if path not in known and not any(path.is_relative_to(r) for r in roots):
            return False
    return True


# The body: a JSON document of each record type column by column, then the columns it names as
# blobs (raw bytes, after it). A column of plain strings is one blob of their UTF-8, joined by a
# separator none of them holds; a column of ints or floats is a blob of their machine words. Read
# back, these are sliced, not parsed: several times faster than JSON lists of the same values, and the
# articles' text is never escaped and unescaped. Any other column is a JSON list: Python's JSON keeps
# ints from floats, -0.0, NaN, dict key order and (encoded with "surrogatepass") any string. Tuples
# become lists and are made tuples again below; anything JSON cannot hold fails the write, and no
# snapshot is kept.
#
# Layout: the JSON's length (8 bytes, little-endian), the JSON, the blobs (their lengths are in it).

_SITE_FIELDS = ("id", "name", "aliases", "kind", "country", "precision", "coord_source", "lon", "lat", "_shape",
                "admin_region", "exclude", "note", "provenance", "radius_km", "scope")  # fmt: skip
"""In Site's positional order (`_shape` stands for its `geometry` argument: None for a plain point)."""
_ARTICLE_FIELDS = tuple(f.name for f in dataclasses.fields(Article) if f.init)
"""Every field an Article is made with (its paragraphs are kept apart, as its layout)."""
_MENTION_FIELDS = ("id", "paragraph", "start", "surface", "lead", "tail")
_SEP = "\x1f"


def _column(values: list, blobs: list[bytes]) -> dict:
    """`values` in the most compact form `_values` gives back exactly (a blob appended to `blobs`)."""
    if all(type(v) is str for v in values):
        joined = _SEP.join(values)
        if joined.count(_SEP) == max(len(values) - 1, 0):
            blobs.append(joined.encode("utf-8", "surrogatepass"))
            return {"n": len(values), "str": len(blobs) - 1}
    for kind, code in ((int, "q"), (float, "d")):
        if all(type(v) is kind for v in values):
            try:
                blobs.append(array(code, values).tobytes())
            except OverflowError:  # an int beyond 64 bits
                break
            return {code: len(blobs) - 1}
    return {"json": values}


def _values(column: dict, blobs: list[memoryview]) -> list:
    if "str" in column:
        return str(blobs[column["str"]], "utf-8", "surrogatepass").split(_SEP) if column["n"] else []
    for code in ("q", "d"):
        if code in column:
            values = array(code)
            values.frombytes(blobs[column[code]])
            return values.tolist()
    return column["json"]


def encode(snapshot: Snapshot) -> bytes:
    sites, articles, mentions = snapshot.sites, snapshot.articles, snapshot.mentions
    site_row = {s.id: i for i, s in enumerate(sites)}
    article_row = {a.id: i for i, a in enumerate(articles)}
    claims: dict[Claim, int] = {}
    m_article, m_site, m_claim = [], [], []
    for m in mentions:
        row = article_row[m.article_id]
        text = articles[row].text
        if m.source is not text and m.source != text:
            raise ValueError(f"mention {m.id}: its text is not its article's")
        m_article.append(row)
        m_site.append(site_row.get(m.site_id, m.site_id))  # a row, or the id of a site not in the list
        m_claim.append(claims.setdefault(m.claim, len(claims)))
    blobs: list[bytes] = []
    doc = {
        "sites": {f: _column([getattr(s, f) for s in sites], blobs) for f in _SITE_FIELDS},
        "articles": {f: _column([getattr(a, f) for a in articles], blobs) for f in _ARTICLE_FIELDS}
        | {"layout": {"json": [_encode_layout(a) for a in articles]}},
        "claims": [[c.certainty, c.topics, c.evidence, c.source] for c in claims],
        "mentions": {f: _column([getattr(m, f) for m in mentions], blobs) for f in _MENTION_FIELDS}
        | {"article": _column(m_article, blobs), "site": _column(m_site, blobs), "claim": _column(m_claim, blobs)},
        "problems": [[p.file, p.where, p.message] for p in snapshot.problems],
        "blobs": [len(b) for b in blobs],
    }
    head = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    return b"".join([len(head).to_bytes(8, "little"), head, *blobs])


def _encode_layout(a: Article) -> Any:
    layout = a._layout
    if isinstance(layout, bytes):
        return base64.b64encode(layout).decode("ascii")
    # Paragraphs kept as given (see Article): their source may be another text than the article's.
    return [[p.index, p.start, p.end, None if p.source is a.text else p.source, p.kind] for p in layout]


def decode(body: memoryview) -> Snapshot:
    """The snapshot `encode` wrote. `body` is released (and with it the file's bytes) once its columns
    are read, before the records are built: 70 MB less at the peak of a 100k workspace's open."""
    size = int.from_bytes(body[:8], "little")
    doc = json.loads(str(body[8 : 8 + size], "utf-8", "surrogatepass"))
    blobs, at = [], 8 + size
    for length in doc["blobs"]:
        blobs.append(body[at : at + length])
        at += length
    if at != len(body):
        raise ValueError("snapshot blobs do not fill the body")
    s, a, m = ({f: _values(c, blobs) for f, c in doc[part].items()} for part in ("sites", "articles", "mentions"))
    for view in blobs:
        view.release()
    body.release()
    site_columns: dict[str, Iterable[Any]] = {**s, "aliases": map(tuple, s["aliases"]), "exclude": map(tuple, s["exclude"]),
                                         "scope": map(tuple, s["scope"])}  # fmt: skip
    sites = list(map(Site, *(site_columns[f] for f in _SITE_FIELDS)))
    articles = []
    for values in zip(*(a[f] for f in _ARTICLE_FIELDS), a["layout"], strict=True):
        article = Article(**dict(zip(_ARTICLE_FIELDS, values[:-1], strict=True)))
        object.__setattr__(article, "_layout", _decode_layout(values[-1], article.text))
        articles.append(article)
    claims = [Claim(c, tuple(t), e, src) for c, t, e, src in doc["claims"]]
    n = len(m["id"])
    if any(len(column) != n for column in m.values()):
        raise ValueError("mention columns of different lengths")
    article_ids = [articles[row].id for row in m["article"]]
    texts = [articles[row].text for row in m["article"]]
    site_ids = [sites[x].id if type(x) is int else x for x in m["site"]]
    mention_claims = [claims[row] for row in m["claim"]]
    mentions = list(map(Mention, m["id"], article_ids, m["paragraph"], m["start"], m["surface"], site_ids, m["lead"], m["tail"],
                        texts, mention_claims))  # fmt: skip
    problems = [Problem(f, w, msg) for f, w, msg in doc["problems"]]
    return Snapshot(sites, articles, mentions, problems)


def _decode_layout(value: Any, text: str) -> bytes | tuple[Paragraph, ...]:
    if isinstance(value, str):
        return base64.b64decode(value, validate=True)
    return tuple(Paragraph(i, start, end, text if source is None else source, kind) for i, start, end, source, kind in value)
