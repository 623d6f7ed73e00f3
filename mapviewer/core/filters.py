"""Filters as plain data and one pure function over a column table of mentions.

A filter narrows mentions; a site is visible when at least one of its mentions passes. Values of
one kind are OR-ed (any selected article), kinds are AND-ed (article and certainty and topic and
text). The table is columnar (numpy) so a filter change over a million mentions stays interactive.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from mapviewer.core.model import CERTAINTIES, NO_TOPIC, TOPIC_CHOICES, TOPICS, Article, Mention, Site
from mapviewer.core.textnorm import fold


@dataclass(frozen=True)
class Filter:
    """None means "no restriction" for that kind; an empty set means "nothing passes"."""

    articles: frozenset[str] | None = None
    certainties: frozenset[str] | None = None
    topics: frozenset[str] | None = None
    text: str = ""

    def describe(self, article_titles: dict[str, str] | None = None) -> str:
        """Human wording for exports and the status bar."""
        titles = article_titles or {}

        def part(label: str, values: frozenset[str] | None, names: dict[str, str]) -> str:
            if values is None:
                return f"{label}: all"
            return f"{label}: " + (", ".join(sorted(names.get(v, v) for v in values)) or "none")

        parts = [
            part("Articles", self.articles, titles),
            part("certainty", self.certainties, {}),
            part("topics", self.topics, {**TOPICS, NO_TOPIC: "no topic"}),
        ]
        if self.text.strip():
            parts.append(f"search: “{self.text.strip()}”")
        return "; ".join(parts)


@dataclass
class FilterResult:
    mention_mask: np.ndarray
    site_mask: np.ndarray
    site_ids: list[str]
    mention_ids: list[str]
    article_counts: dict[str, int] = field(default_factory=dict)
    certainty_counts: dict[str, int] = field(default_factory=dict)
    topic_counts: dict[str, int] = field(default_factory=dict)

    @property
    def passage_count(self) -> int:
        return int(self.mention_mask.sum())


class MentionTable:
    """Columns of mention attributes, indexed like the mention list it was built from."""

    def __init__(self, sites: Sequence[Site], articles: Sequence[Article], mentions: Sequence[Mention]) -> None:
        self.site_ids = [s.id for s in sites]
        self.article_ids = [a.id for a in articles]
        site_index = {s: i for i, s in enumerate(self.site_ids)}  # only while building: 100,000 entries
        self._article_index = {a: i for i, a in enumerate(self.article_ids)}
        self.mention_ids = [m.id for m in mentions]
        n = len(mentions)
        article_index = self._article_index
        self.site = np.fromiter((site_index[m.site_id] for m in mentions), dtype=np.int32, count=n)
        self.article = np.fromiter((article_index[m.article_id] for m in mentions), dtype=np.int32, count=n)
        self.certainty = np.fromiter((_CERTAINTY_INDEX[m.claim.certainty] for m in mentions), dtype=np.int8, count=n)
        bits: dict[tuple[str, ...], int] = {}  # few distinct topic sets: one bit mask each, not one per mention
        self.topics = np.fromiter(
            (bits.get(t) or bits.setdefault(t, _topic_bits(t)) for t in (m.claim.topics for m in mentions)), dtype=np.uint16, count=n
        )
        # Search: folded sentences joined by NULs; a hit's offset maps back to its mention by bisection.
        sentences = [m.sentence for m in mentions]
        joined = "\x00".join(sentences)
        if joined.isascii():  # folding ASCII is lowering, which keeps every length: fold once, not per sentence
            self._text = joined.lower()
            lengths = np.fromiter(map(len, sentences), dtype=np.int64, count=n)
        else:
            folded = [fold(s) for s in sentences]
            self._text = "\x00".join(folded)
            lengths = np.fromiter(map(len, folded), dtype=np.int64, count=n)
        del joined
        self._starts = np.zeros(n, dtype=np.int64)
        np.cumsum(lengths[:-1] + 1, out=self._starts[1:])
        # Site names: one folded string per site joined by NULs, searched like the sentences; a site's
        # names are themselves NUL-joined, so the list form is kept only for a query holding a NUL.
        names = [_folded_names(s) for s in sites]
        self._names_text = "\x00".join(names)
        self._name_starts = np.zeros(len(names), dtype=np.int64)
        if names:
            np.cumsum(np.fromiter(map(len, names[:-1]), dtype=np.int64, count=len(names) - 1) + 1, out=self._name_starts[1:])

    def set_claim(self, i: int, mention: Mention) -> None:
        """Refresh one row after the user corrects a label."""
        self.certainty[i] = _CERTAINTY_INDEX[mention.claim.certainty]
        self.topics[i] = _topic_bits(mention.claim.topics)

    def _text_mask(self, query: str) -> np.ndarray:
        q = fold(query.strip())
        mask = np.zeros(len(self.mention_ids), dtype=bool)
        if not mask.size:
            return mask
        hits = [m.start() for m in re.finditer(re.escape(q), self._text)]
        if hits:
            mask[np.searchsorted(self._starts, np.array(hits), side="right") - 1] = True
        mask |= self._named(q)[self.site]
        return mask

    def _named(self, q: str) -> np.ndarray:
        """Per site: does one of its folded names (NUL-joined) contain `q`."""
        starts = self._name_starts
        named = np.zeros(len(starts), dtype=bool)
        if not named.size:
            return named
        if "\x00" in q:  # could span two sites in the joined text: test each site's own names
            ends = [*(starts[1:] - 1).tolist(), len(self._names_text)]
            text = self._names_text
            return np.fromiter((q in text[a:b] for a, b in zip(starts.tolist(), ends)), dtype=bool, count=len(starts))
        hits = [m.start() for m in re.finditer(re.escape(q), self._names_text)]
        if hits:
            named[np.searchsorted(starts, np.array(hits), side="right") - 1] = True
        return named

    def apply(self, flt: Filter) -> FilterResult:
        """Evaluate a filter, with per-facet counts that ignore that facet's own selection."""
        n = len(self.mention_ids)
        masks = {
            "article": _member_mask(self.article, flt.articles, self._article_index, n),
            "certainty": _member_mask(self.certainty, flt.certainties, {c: i for i, c in enumerate(CERTAINTIES)}, n),
            "topic": self._topic_mask(flt.topics, n),
            "text": self._text_mask(flt.text) if flt.text.strip() else np.ones(n, dtype=bool),
        }
        mention_mask = masks["article"] & masks["certainty"] & masks["topic"] & masks["text"]

        def without(facet: str) -> np.ndarray:
            m = np.ones(n, dtype=bool)
            for k, v in masks.items():
                if k != facet:
                    m &= v
            return m

        article_counts = np.bincount(self.article[without("article")], minlength=len(self.article_ids))
        certainty_counts = np.bincount(self.certainty[without("certainty")], minlength=len(CERTAINTIES))
        topic_rows = self.topics[without("topic")]
        topic_counts = {t: int(((topic_rows >> i) & 1).sum()) for i, t in enumerate(TOPIC_CHOICES)}
        site_mask = np.zeros(len(self.site_ids), dtype=bool)
        site_mask[self.site[mention_mask]] = True
        return FilterResult(
            mention_mask=mention_mask,
            site_mask=site_mask,
            site_ids=[self.site_ids[i] for i in np.flatnonzero(site_mask)],
            mention_ids=[self.mention_ids[i] for i in np.flatnonzero(mention_mask)],
            article_counts={a: int(c) for a, c in zip(self.article_ids, article_counts)},
            certainty_counts={c: int(k) for c, k in zip(CERTAINTIES, certainty_counts)},
            topic_counts=topic_counts,
        )

    def _topic_mask(self, topics: frozenset[str] | None, n: int) -> np.ndarray:
        if topics is None:
            return np.ones(n, dtype=bool)
        bits = 0
        for t in topics:
            bits |= 1 << TOPIC_CHOICES.index(t)
        return (self.topics & bits) != 0


_CERTAINTY_INDEX = {c: i for i, c in enumerate(CERTAINTIES)}
_TOPIC_BIT = {t: 1 << i for i, t in enumerate(TOPICS)}


def _topic_bits(topics: Iterable[str]) -> int:
    """A claim's topics as a bit mask; no topic is the NO_TOPIC bit, so it can be filtered too."""
    bits = 0
    for t in topics:
        bits |= _TOPIC_BIT[t]
    return bits or (1 << len(TOPICS))


def _folded_names(site: Site) -> str:
    """A site's folded name and aliases joined by NULs, for the search box."""
    names = "\x00".join((site.name, *site.aliases))
    return names.lower() if names.isascii() else "\x00".join(fold(x) for x in (site.name, *site.aliases))


def _member_mask(column: np.ndarray, selected: Iterable[str] | None, index: dict[str, int], n: int) -> np.ndarray:
    if selected is None:
        return np.ones(n, dtype=bool)
    wanted = [index[v] for v in selected if v in index]
    return np.isin(column, np.array(wanted, dtype=column.dtype))
