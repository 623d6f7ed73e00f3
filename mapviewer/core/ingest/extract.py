"""Plain text, Markdown and saved HTML pages → article text plus metadata.

Why a hand-rolled extractor: saved news pages carry navigation, scripts, cookie banners and
"most read" lists around one article; the stdlib `html.parser` lets us keep only text outside
those elements without ever executing or rendering anything (scripts and event handlers are
dropped as data, never interpreted). Metadata comes from the file itself: HTML `<meta>` tags or
a `Title:` / `Source:` / `Date:` / `URL:` header at the top of a text file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from mapviewer.core import textdecode
from mapviewer.core.article_formats import article_format, names
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.when import parse_date

MAX_BYTES = textdecode.MAX_ARTICLE_BYTES



class ExtractError(ValueError):
    """The file cannot be read as an article; the message says why, for the per-file report."""


@dataclass
class Extracted:
    """An article's body text (paragraphs separated by blank lines) and what the file says about it."""

    text: str
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    notes: list[str] = field(default_factory=list)
    date_source: str | None = None
    """Where `date` was found: a meta tag, JSON-LD, a <time> element, a `Date:` header or the dateline."""


# ---------------------------------------------------------------- bytes → str


def decode(data: bytes, html: bool = False) -> tuple[str, str | None]:
    """textdecode.decode, raising ExtractError: ingest and the workspace loader read text alike."""
    try:
        return textdecode.decode(data, html)
    except textdecode.DecodeError as exc:
        raise ExtractError(str(exc)) from exc


# ---------------------------------------------------------------- HTML


_DROP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "svg",
        "iframe",
        "button",
        "select",
        "canvas",
        "object",
        "embed",
        "figure",
    }
)
"""Elements whose text is never article body: code, page chrome, widgets, image credits."""
_BLOCK = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "blockquote",
        "pre",
        "tr",
        "table",
        "br",
        "hr",
        "dd",
        "dt",
        "figcaption",
        "body",
    }
)
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr", "param"})
_CHROME = lazy_compile(
    r"\b(nav|menu|breadcrumb|share|social|cookie|newsletter|subscribe|related|comments?|sidebar|promo|advert|ad-|banner|footer|header|popup|modal)\b",
    re.I,
)


class _PageParser(HTMLParser):
    """Collects body text outside dropped elements, plus <title>, <meta> and canonical link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[list[str]] = [[]]
        self.skip: list[str] = []  # stack of open dropped elements
        self.in_title = False
        self.title_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.h1: list[str] = []
        self._in_h1 = False
        self.ld_json: list[list[str]] = []  # <script type="application/ld+json"> contents: data, never run
        self._in_ld = False
        self.times: list[tuple[bool, str]] = []  # (<time> marked as the publication date, its datetime)

    def _break(self) -> None:
        if self.blocks[-1]:
            self.blocks.append([])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            name = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if name and a.get("content"):
                self.meta.setdefault(name, a["content"])
            return
        if tag == "link" and "canonical" in a.get("rel", "").lower() and a.get("href"):
            self.canonical = a["href"]
            return
        if tag in _VOID:
            if tag in ("br", "hr"):
                self._break()
            return
        if tag == "script" and "ld+json" in a.get("type", "").lower():
            self._in_ld = True
            self.ld_json.append([])
        if tag == "time" and a.get("datetime"):
            self.times.append(("pubdate" in a or a.get("itemprop", "").lower() == "datepublished", a["datetime"]))
        chrome = _CHROME.search(f"{a.get('class', '')} {a.get('id', '')} {a.get('role', '')}") and tag not in (
            "article",
            "main",
            "body",
            "html",
        )
        if (
            self.skip
            or tag in _DROP
            or a.get("hidden") is not None
            or a.get("aria-hidden") == "true"
            or (chrome and tag in ("div", "section", "ul", "ol", "span", "p", "li"))
        ):
            self.skip.append(tag)
            return
        if tag == "title":
            self.in_title = True
        if tag == "h1":
            self._in_h1 = True
        if tag in _BLOCK:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_ld = False
        if self.skip:
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if tag == "title":
            self.in_title = False
        if tag == "h1":
            self._in_h1 = False
        if tag in _BLOCK:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID or not self.skip:
            self.handle_starttag(tag, attrs)
            if tag not in _VOID:
                self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.ld_json[-1].append(data)
            return
        if self.in_title and not self.skip:
            self.title_parts.append(data)
            return
        if self.skip:
            return
        if self._in_h1:
            self.h1.append(data)
        self.blocks[-1].append(data)


def _clean(text: str) -> str:
    """Collapse whitespace inside one paragraph."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _strip_markup(value: str | None) -> str | None:
    """Metadata values are shown as labels: never let markup through (a title is data, not HTML)."""
    if value is None:
        return None
    value = _clean(re.sub(r"<[^>]*>?", " ", value))
    value = "".join(c for c in value if c.isprintable())
    return value[:300] or None


def _safe_url(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    return value if re.match(r"^https?://[^\s<>\"']+$", value) else None


def _date(value: str | None) -> str | None:
    parsed = parse_date(value)
    if parsed:
        return parsed
    m = re.search(r"\b(\d{4}-\d{2}-\d{2})", value or "")
    return m.group(1) if m else (_strip_markup(value) if value else None)


_META_DATES = ("article:published_time", "datepublished", "date", "dc.date", "dc.date.issued", "pubdate", "publish-date", "og:published_time")
# "SEOUL, 14 March 2025 —", "KYIV, Ukraine, March 14, 2025 (Reuters) -": a place in capitals, the date, a dash.
_DATELINE = lazy_compile(r"^[A-Z][A-Z.'’ -]{1,40},(?:\s+[A-Z][a-z]+,)?\s+(?P<date>[A-Za-z0-9 ,.]{6,30}?)\s*(?:\([^)]{1,30}\))?\s*[-–—]")


def dateline_date(paragraphs: list[str]) -> str | None:
    """The date of a dateline opening one of the first two paragraphs, as a partial ISO date."""
    for paragraph in paragraphs[:2]:
        m = _DATELINE.match(paragraph)
        if m and (found := parse_date(m.group("date"))):
            return found
    return None


def _ld_date(blocks: list[list[str]]) -> str | None:
    """datePublished from JSON-LD (read as JSON data; a page may hold several objects or a @graph)."""
    import json

    for block in blocks:
        try:
            data = json.loads("".join(block))
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                value = item.get("datePublished")
                if isinstance(value, str) and parse_date(value):
                    return value
                stack.extend(v for v in item.values() if isinstance(v, (list, dict)))
    return None


def _html_date(parser: _PageParser, paragraphs: list[str]) -> tuple[str | None, str | None]:
    """The publication date and where it was found, in order of how deliberately the page states it."""
    for name in _META_DATES:
        if parse_date(parser.meta.get(name)):
            return parser.meta[name], f"HTML <meta {name}>"
    found = _ld_date(parser.ld_json)
    if found:
        return found, "JSON-LD datePublished"
    for marked, value in sorted(parser.times, key=lambda t: not t[0]):
        if parse_date(value):
            return value, "<time datetime>" + (" marked as the publication date" if marked else " (the first in the page)")
    found = dateline_date(paragraphs)
    if found:
        return found, "dateline of the article's first paragraphs"
    return None, None


def extract_html(source: str) -> Extracted:
    """Article body of a saved HTML page; titles and outlet from <meta>, <title> or the <h1>."""
    parser = _PageParser()
    try:
        parser.feed(source)
        parser.close()
    except (AssertionError, ValueError) as exc:  # html.parser is lenient, but be certain
        raise ExtractError(f"HTML not readable: {exc}") from exc
    paragraphs = [p for p in (_clean("".join(b)) for b in parser.blocks) if p]
    meta = parser.meta
    title = (
        meta.get("og:title")
        or meta.get("twitter:title")
        or _clean("".join(parser.h1))
        or _clean("".join(parser.title_parts))
        or None
    )
    outlet = meta.get("og:site_name") or meta.get("application-name")
    if not outlet and parser.title_parts and title:
        page_title = _clean("".join(parser.title_parts))
        for sep in (" | ", " – ", " — ", " - "):
            if sep in page_title and page_title.split(sep)[0].strip() == title.strip():
                outlet = page_title.split(sep)[-1]
    date, date_source = _html_date(parser, paragraphs[1:] if title and paragraphs and paragraphs[0] == title else paragraphs)
    url = meta.get("og:url") or parser.canonical
    title = _strip_markup(title)
    if title and paragraphs and _clean(paragraphs[0]) != title and title in paragraphs[:3]:
        paragraphs.remove(title)  # keep the headline once, first, where make_article expects it
    if title and (not paragraphs or paragraphs[0] != title):
        paragraphs.insert(0, title)
    body = [p for p in paragraphs if p != title]
    if not body:
        raise ExtractError("no article text found in the HTML page")
    return Extracted(
        "\n\n".join(paragraphs) + "\n", title, _strip_markup(outlet), _date(date), _safe_url(url), date_source=date_source
    )


# ---------------------------------------------------------------- text and Markdown


_HEADER = lazy_compile(r"^(title|headline|source|outlet|publisher|date|published|url|link)\s*:\s*(.*\S)\s*$", re.IGNORECASE)
_FIELD = {
    "title": "title",
    "headline": "title",
    "source": "outlet",
    "outlet": "outlet",
    "publisher": "outlet",
    "date": "date",
    "published": "date",
    "url": "url",
    "link": "url",
}


def extract_text(source: str, markdown: bool = False) -> Extracted:
    """Text or Markdown: an optional `Key: value` header block is metadata; the rest is kept as written.

    Markdown markup that would otherwise show up in passages (heading hashes, emphasis, link
    targets, images) is removed; the words stay exactly as the author wrote them.
    """
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found: dict[str, str] = {}
    body_from = 0
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if markdown and i < len(lines) and lines[i].strip() == "---":  # YAML front matter
        end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == "---"), None)
        if end is not None:
            for line in lines[i + 1 : end]:
                m = _HEADER.match(line.strip())
                if m:
                    found.setdefault(_FIELD[m.group(1).lower()], m.group(2).strip("\"' "))
            i = end + 1
            body_from = i
    heading = None
    scan = i
    while scan < len(lines):
        line = lines[scan].strip()
        if not line:
            scan += 1
            continue
        if markdown and heading is None and not found and re.match(r"^#\s+\S", line):
            heading = line.lstrip("#").strip()
            scan += 1
            continue
        m = _HEADER.match(line)
        if not m:
            break
        found.setdefault(_FIELD[m.group(1).lower()], m.group(2))
        scan += 1
        body_from = scan
    if heading is not None and found:
        found.setdefault("title", heading)
    body_lines = lines[body_from:] if found else lines
    if markdown:
        body_lines = [_unmark(line) for line in body_lines]
    text = "\n".join(body_lines).strip("\n") + "\n"
    title = _strip_markup(found.get("title")) or (heading if markdown else None)
    if not text.strip():
        raise ExtractError("the file has no article text")
    if title and text.lstrip().split("\n", 1)[0].strip() != title:
        text = f"{title}\n\n{text.lstrip()}"
    date, date_source = _date(found.get("date")), "`Date:` header line" if found.get("date") else None
    if date is None:
        date = dateline_date([line.strip() for line in text.split("\n") if line.strip() and line.strip() != title])
        date_source = "dateline of the article's first paragraphs" if date else None
    return Extracted(
        text, title, _strip_markup(found.get("outlet")), date, _safe_url(found.get("url")), date_source=date_source
    )


def _unmark(line: str) -> str:
    line = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)
    line = re.sub(r"!\[([^\]]*)\]\([^)]*\)", "", line)  # images: their alt text is not body
    line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)
    line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
    line = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", line)
    line = re.sub(r"^\s{0,3}>\s?", "", line)
    return re.sub(r"<[^>]*>", "", line)  # inline HTML in Markdown is markup, never text


def extract_file(path: Path) -> Extracted:
    """Read and extract one file; raises ExtractError with a reason a user can act on."""
    path = Path(path)
    fmt = article_format(path)
    if fmt is None:
        raise ExtractError(f"unsupported file type {path.suffix.lower() or '(none)'!r}: use {names()}")
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ExtractError("not a regular file")
        if size > MAX_BYTES:
            raise ExtractError(f"file is {size / 1e6:.0f} MB; articles over {MAX_BYTES // 2**20} MB are refused")
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractError(f"cannot read: {exc.strerror or exc}") from exc
    html = fmt.kind == "html"
    text, note = decode(data, html=html)
    result = extract_html(text) if html else extract_text(text, markdown=fmt.kind == "markdown")
    if note:
        result.notes.append(note)
    return result
