"""The article files mapviewer reads, one entry per format: what it is called, its extensions and how it
is read. Ingest (core.ingest.extract), a workspace's unlisted article files (core.corpus), the Add
articles dialog's file filter and every message that lists the formats all come from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal


@dataclass(frozen=True)
class ArticleFormat:
    label: str
    suffixes: tuple[str, ...]
    """Lower-case extensions; the first is the one messages name."""
    kind: Literal["text", "markdown", "html"]
    """How ingest extracts the text: as is, without Markdown's markup, or from the page's HTML."""

    @property
    def plain_text(self) -> bool:
        """Readable as text without extraction: a workspace's articles folder may hold it unlisted."""
        return self.kind != "html"


ARTICLE_FORMATS: tuple[ArticleFormat, ...] = (
    ArticleFormat("Plain text", (".txt", ".text"), "text"),
    ArticleFormat("Markdown", (".md", ".markdown"), "markdown"),
    ArticleFormat("Web page", (".html", ".htm", ".xhtml"), "html"),
)

SUFFIXES: tuple[str, ...] = tuple(s for f in ARTICLE_FORMATS for s in f.suffixes)
PLAIN_TEXT_SUFFIXES: tuple[str, ...] = tuple(s for f in ARTICLE_FORMATS if f.plain_text for s in f.suffixes)
_BY_SUFFIX = {s: f for f in ARTICLE_FORMATS for s in f.suffixes}


def article_format(path: str | Path) -> ArticleFormat | None:
    """The format of an article file from its extension (any case), or None."""
    return _BY_SUFFIX.get(Path(path).suffix.lower())


def names(conjunction: str = "or") -> str:
    """The formats as messages name them: ".txt, .md or .html"."""
    first = [f.suffixes[0] for f in ARTICLE_FORMATS]
    return f"{', '.join(first[:-1])} {conjunction} {first[-1]}" if len(first) > 1 else first[0]


def file_filter() -> str:
    """A Qt file dialog filter: every article extension, then all files."""
    return f"Articles ({' '.join('*' + s for s in SUFFIXES)});;All files (*)"
