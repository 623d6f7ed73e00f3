"""Load articles from a folder: text kept byte-for-byte, split into paragraphs with exact offsets.

A folder holds `articles.json` (metadata: id, file, title, outlet, date, url) and the text files.
Text files with no metadata entry load too, titled by their first line, so a user can drop files in.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from mapviewer.core.article_formats import PLAIN_TEXT_SUFFIXES
from mapviewer.core.lazyre import LazyPattern, lazy_compile
from mapviewer.core.model import Article, Paragraph, Problem
from mapviewer.core.safefile import FileError, exists, load_json, read_bytes
from mapviewer.core.textdecode import MAX_ARTICLE_BYTES, decode

METADATA_FILE = "articles.json"
_ID = lazy_compile(r"^[a-z0-9][a-z0-9-]{0,79}$")

# Page chrome that must never become a passage: whole (stripped) lines of one of four shapes, kept
# apart so that a long body line is ruled out by looking at its two ends, not by running every
# pattern along it (which was most of the time paragraph splitting took).
_SHORT_CHROME = (
    r"leave a comment",
    r"you must read this exclusive:?",
    r"or",
    r"[\w ./]{0,80}\bvia (ap|reuters|getty images|afp)",  # a bare photo credit
)
_SHORT_MAX = 100  # no _SHORT_CHROME pattern matches a longer line (the credit: 80 + "via getty images")
_LEADING_CHROME = (r"©", r"sign in\b", r"by continuing you agree", r"use of this site constitutes")  # then anything
_TRAILING_CHROME = (r"all rights reserved\.?", r"create a free account")  # after anything
_TRAILING_MAX = 21  # the longest text a _TRAILING_CHROME pattern matches
_STRAY_WORD = r"[a-z]+"  # a single stray word, e.g. an image alt text ("tunnel")
_DATELINE_WORD = lazy_compile(r"[A-Z]{4,}")  # but a word in capitals alone on its line is a dateline ("MOSCOW")

def _any(patterns: tuple[str, ...], end: str = "") -> LazyPattern:
    """One case-insensitive alternation of `patterns`, then `end`."""
    return lazy_compile("(?:" + "|".join(f"(?:{p})" for p in patterns) + ")" + end, re.IGNORECASE)


_SHORT = _any(_SHORT_CHROME)
_LEADING = _any(_LEADING_CHROME)
_TRAILING = _any(_TRAILING_CHROME, r"\Z")
_STRAY = lazy_compile(_STRAY_WORD, re.IGNORECASE)
_CAPTION_CREDIT = lazy_compile(r"\b(via (AP|Reuters|AFP|Getty Images|Wikimedia Commons)\b|CC ?\d|Photo:)")
_CAPTION_HINTS = ("via ", "CC", "Photo:")  # every caption credit contains one of these
_CLOSERS = "\"'”’)"
_SENTENCE_ENDS = frozenset(".!?…:")


def _is_boilerplate(line: str) -> bool:
    """True when one of the chrome patterns matches the whole line (which never holds a line break)."""
    return bool(
        (len(line) <= _SHORT_MAX and _SHORT.fullmatch(line))
        or _LEADING.match(line)
        or _TRAILING.search(line, max(0, len(line) - _TRAILING_MAX))
        or (_STRAY.fullmatch(line) and not _DATELINE_WORD.fullmatch(line))
    )


def _ends_sentence(line: str) -> bool:
    """Ends in . ! ? … or :, maybe followed by closing quotes or brackets."""
    return line.rstrip(_CLOSERS)[-1:] in _SENTENCE_ENDS


def _line_spans(text: str) -> list[tuple[int, int]]:
    """Non-blank lines, stripped, as (start, end) offsets into `text`."""
    spans = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            spans.append((start, start + len(stripped)))
        pos += len(line)
    return spans


def _kind(line: str, index: int, later: Counter[str], title: str | None, outlet: str | None) -> str:
    if _is_boilerplate(line) or (outlet and line == outlet):
        return "boilerplate"
    if index == 0 and (line == title or (title is None and not _ends_sentence(line))):
        return "title"
    if later[line] > 0:
        return "preview"  # pages often repeat a teaser or lead before the body: count the body only
    if any(h in line for h in _CAPTION_HINTS) and _CAPTION_CREDIT.search(line):
        return "caption"
    if len(line) < 100 and (line.endswith("?") or not _ends_sentence(line)):
        return "heading"
    return "body"


def _layout(text: str, title: str | None, outlet: str | None) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each paragraph: one per non-blank line, classified."""
    spans = _line_spans(text)
    lines = [text[s:e] for s, e in spans]
    later = Counter(lines)  # lines still ahead, kept as a running count: linear, not quadratic
    layout = []
    for i, ((start, end), line) in enumerate(zip(spans, lines)):
        later[line] -= 1
        layout.append((start, end, _kind(line, i, later, title, outlet)))
    return layout


def split_paragraphs(text: str, title: str | None = None, outlet: str | None = None) -> tuple[Paragraph, ...]:
    """One paragraph per non-blank line, classified so titles, previews and page chrome are told apart."""
    return tuple(Paragraph(i, start, end, text, kind) for i, (start, end, kind) in enumerate(_layout(text, title, outlet)))


def make_article(
    article_id: str,
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    date: str | None = None,
    url: str | None = None,
    source_file: str = "",
    note: str | None = None,
    **provenance: str | bool | None,
) -> Article:
    """Build an article; with no title, the first line (or the first words) stands in for one.

    The paragraphs go to the article packed, without Paragraph objects in between (a 20,000-article
    load would build and drop 200,000 of them)."""
    layout = _layout(text, title, outlet)
    has_headline = title is not None
    if title is None:
        first = text[layout[0][0] : layout[0][1]] if layout else article_id
        title = first if len(first) <= 90 else first[:87].rsplit(" ", 1)[0] + "…"
    return Article.packed(
        layout,
        id=article_id,
        title=title,
        text=text,
        outlet=outlet,
        date=date,
        url=url,
        source_file=source_file,
        has_headline=has_headline,
        note=note,
        **provenance,  # type: ignore[arg-type]
    )


def text_sha256(text: str) -> str:
    """The digest an article's exact text is recorded by (of its UTF-8 bytes)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _provenance(entry: dict, text: str, recorded: str | None) -> dict[str, str | bool | None]:
    """The article entry's provenance fields, as the Article keeps them (strings only; anything else is ignored)."""

    def text_field(name: str) -> str | None:
        value = entry.get(name)
        return value if isinstance(value, str) and value else None

    actual = text_sha256(text)
    return {
        "date_source": text_field("date_source"),
        "sha256": recorded or actual,
        "added": text_field("added"),
        "original_file": text_field("source") or text_field("seed"),
        "text_changed": bool(recorded) and recorded != actual,
    }


def _read_text(path: Path) -> str:
    """An article file's text: a regular file of at most MAX_ARTICLE_BYTES, decoded as ingest decodes."""
    try:
        return decode(read_bytes(path, MAX_ARTICLE_BYTES), guess=False)[0]
    except FileError as exc:
        raise ValueError(str(exc)) from exc


def _metadata(folder: Path, problems: list[Problem]) -> list:
    path = folder / METADATA_FILE
    if not exists(path):
        return []
    try:
        data = load_json(path)
    except FileError as exc:
        problems.append(Problem(str(path), "", f"cannot read metadata: {exc}"))
        return []
    entries = data.get("articles") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        problems.append(Problem(str(path), "", 'expected an object with an "articles" list'))
        return []
    return entries


_TEXT_FIELDS = ("title", "outlet", "date", "url", "note", "label", "sha256")
"""Optional text in a metadata entry: another type is reported and the field left out."""


def _inside(path: Path, folder: Path) -> bool:
    """Whether `path`, symbolic links resolved, is in `folder` (also resolved), never the folder itself."""
    real, top = os.path.realpath(path), os.path.realpath(folder)
    return real != top and os.path.commonpath([real, top]) == top


def _listed(folder: Path, problems: list[Problem]) -> list[Path]:
    """The folder's plain-text article files, each kind sorted by name; a folder that cannot be listed is a problem."""
    try:
        with os.scandir(folder) as entries:
            names = [e.name for e in entries]
    except OSError as exc:
        problems.append(Problem(str(folder), "", f"cannot list the articles folder: {exc.strerror or exc}"))
        return []
    return [folder / n for suffix in PLAIN_TEXT_SUFFIXES for n in sorted(n for n in names if n.endswith(suffix))]


def load_articles(folder: Path) -> tuple[list[Article], list[Problem]]:
    """Load every article in `folder`; a bad file is reported and skipped, the rest still load.

    A metadata entry's fields are checked one by one: a field of the wrong type is reported and left
    out; an entry without a usable id or file is skipped. No file outside the folder is read (symbolic
    links resolved), whether articles.json names it or a link to it was dropped in: a workspace from
    elsewhere must not make the app show, or export, the user's other files."""
    problems: list[Problem] = []
    articles: list[Article] = []
    seen: set[str] = set()
    described: set[str] = set()
    meta_path = str(folder / METADATA_FILE)
    for i, entry in enumerate(_metadata(folder, problems)):
        where = f"article {i}"
        if not isinstance(entry, dict):
            problems.append(Problem(meta_path, where, f"must be an object with a \"file\" name, not {type(entry).__name__}"))
            continue
        if isinstance(entry.get("id"), str):
            where = f"article {i} ({entry['id']!r})"
        file = entry.get("file")
        if not isinstance(file, str) or not file.strip():
            problems.append(Problem(meta_path, where, 'needs a "file" name' if file is None else f'"file" must be a file name, not {file!r:.60}'))
            continue
        raw_id = entry.get("id")
        article_id = raw_id or Path(file).stem
        if not isinstance(article_id, str) or not _ID.match(article_id):
            problems.append(Problem(meta_path, where, f'"id" {article_id!r:.60}: id must be lowercase letters, digits and \'-\''))
            continue
        where = f"article {i} ({article_id!r})"
        if article_id in seen:
            problems.append(Problem(meta_path, where, "duplicate article id"))
            continue
        path = folder / file
        if not _inside(path, folder):
            problems.append(Problem(meta_path, where, f'"file" {file!r} is outside the articles folder {str(folder)!r}; not read'))
            continue
        fields = {}
        for name in _TEXT_FIELDS:
            value = entry.get(name)
            if value is not None and type(value) is not str:
                problems.append(Problem(meta_path, where, f'"{name}" must be a string, not {value!r:.60}; left out'))
                value = None
            fields[name] = value
        described.add(path.name)
        try:
            text = _read_text(path)
        except (OSError, ValueError) as exc:
            problems.append(Problem(str(path), where, f"cannot read article: {exc}"))
            continue
        expected = fields["sha256"]
        provenance = _provenance(entry, text, expected)
        if provenance["text_changed"]:
            problems.append(
                Problem(str(path), where, "text differs from its recorded sha256 (edited?); its passages are marked as changed")
            )
        title = fields["title"] or None
        label = fields["label"]
        article = make_article(
            article_id,
            text,
            title=title,
            outlet=fields["outlet"],
            date=fields["date"],
            url=fields["url"],
            source_file=str(path),
            note=fields["note"],
            **provenance,
        )
        if title is None and label:
            article = replace(article, title=label, has_headline=False)
        seen.add(article_id)
        articles.append(article)
    for path in _listed(folder, problems):
        if path.name in described:
            continue
        article_id = re.sub(r"[^a-z0-9-]+", "-", path.stem.lower()).strip("-")[:80] or "article"
        if not _inside(path, folder):
            problems.append(Problem(str(path), "", "a symbolic link to a file outside the articles folder; not read"))
            continue
        if article_id in seen:
            problems.append(Problem(str(path), "", f"article id {article_id!r} already used; file skipped"))
            continue
        try:
            text = _read_text(path)
        except (OSError, ValueError) as exc:
            problems.append(Problem(str(path), "", f"cannot read article: {exc}"))
            continue
        articles.append(make_article(article_id, text, source_file=str(path), sha256=text_sha256(text)))
        seen.add(article_id)
    return articles, problems
