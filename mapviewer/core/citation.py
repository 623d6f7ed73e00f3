"""A citation for one passage, as the analyst pastes it into a report: the quoted sentence, the article's
title, outlet, date, URL and the paragraph counted from 1. One function, used by the reader, the map
popup and the map's context menu, so every copy of a citation reads the same."""

from __future__ import annotations

from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.model import Article, Mention

_SPACE = lazy_compile(r"\s+")


def paragraph_number(article: Article, paragraph_index: int) -> int | None:
    """The paragraph's position, counted from 1, among the article's passages (body, headings, captions): what
    a reader counts, the title line and page chrome (sign-in prompts, photo credits) left out. None if it is
    not a passage of the article."""
    for number, (index, _start, _end, _source) in enumerate(article.passage_spans(), 1):
        if index == paragraph_index:
            return number
    return None


def format_citation(article: Article, mention: Mention) -> str:
    """The citation of `mention` (a passage of `article`) as plain text, e.g.

    “Satellite images show new tunnel entrances near Kusong.” — Ghost factories, Daily NK, 2025-07-14,
    paragraph 5. https://example.org/ghost

    Whitespace inside the quote is collapsed to single spaces; a missing outlet is left out, a missing date
    is "n.d."; an article whose text changed since it was added says so. Plain text: the caller escapes it
    wherever it reaches HTML."""
    if mention.article_id != article.id:
        raise ValueError(f"passage {mention.id!r} is from article {mention.article_id!r}, not {article.id!r}")
    quote = _SPACE.sub(" ", mention.sentence).strip()
    parts = [article.title.strip() or article.id]
    if article.outlet:
        parts.append(article.outlet.strip())
    parts.append(article.date or "n.d.")
    number = paragraph_number(article, mention.paragraph)
    if number is not None:
        parts.append(f"paragraph {number}")
    text = f"“{quote}” — {', '.join(parts)}."
    if article.url:
        text += f" {article.url}"
    if article.text_changed:
        text += " [text changed since added]"
    return text
