"""Filters as plain data and one pure function over a column table of mentions.

A filter narrows mentions; a site is visible when at least one of its mentions passes. Values of
one kind are OR-ed (any selected article), kinds are AND-ed (article and certainty and topic and
text). The table is columnar (numpy) so a filter change over a million mentions stays interactive.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from mapviewer.core.model import CERTAINTIES, NO_TOPIC, TOPIC_CHOICES, TOPICS, Article, Mention, Site
from mapviewer.core.textfold import fold_text
from mapviewer.core.textnorm import fold

if TYPE_CHECKING:
    from mapviewer.core.sources import Sources


def valid_date(value: str) -> bool:
    """A partial ISO date a time window can use (YYYY, YYYY-MM or YYYY-MM-DD)."""
    from mapviewer.core.when import iso_parts

    try:
        iso_parts(value)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Filter:
    """None means "no restriction" for that kind; an empty set means "nothing passes"."""

    articles: frozenset[str] | None = None
    certainties: frozenset[str] | None = None
    topics: frozenset[str] | None = None
    text: str = ""
    since: str | None = None
    """Time window (partial ISO dates, core.when): a passage passes when its time overlaps [since, until]."""
    until: str | None = None
    undated: bool = False
    """With a time window: passages with no time at all (undated article, nothing stated) pass too."""
    min_sources: int = 0
    """Sites named by at least this many independent sources (core.sources) among the passing passages."""
    disagree: frozenset[str] | None = None
    """Sites where sources give different figures for one subject ("disagree") or not ("other"): core.evidence."""

    @property
    def timed(self) -> bool:
        return bool(self.since or self.until)

    def describe(self, article_titles: dict[str, str] | None = None) -> str:
        """Human wording for exports and the status bar."""
        names = {"articles": article_titles or {}}
        parts = []
        for facet in FACETS:
            values = self.selection(facet.key)
            if values is None and facet.optional:
                continue
            wording = {**facet.names, **names.get(facet.key, {})}
            shown = "all" if values is None else (", ".join(sorted(wording.get(v, v) for v in values)) or "none")
            parts.append(f"{facet.label}: {shown}")
        if self.text.strip():
            parts.append(f"search: “{self.text.strip()}”")
        if self.timed:
            window = " ".join(x for x in (self.since and f"from {self.since}", self.until and f"to {self.until}") if x)
            parts.append(f"time: {window}" + (" (and undated passages)" if self.undated else " (undated passages left out)"))
        if self.min_sources > 1:
            parts.append(f"sources: at least {self.min_sources} independent")
        return "; ".join(parts)

    def selection(self, facet: str) -> frozenset[str] | None:
        """The values chosen for one facet (None: no restriction)."""
        return getattr(self, facet)

    def with_selection(self, facet: str, values: frozenset[str] | None) -> Filter:
        changes: dict[str, Any] = {facet: values}  # one of the frozenset-or-None facet fields
        return replace(self, **changes)

    def state(self) -> dict[str, object]:
        """Plain data to remember the filter by, one entry per facet (what is left out of it, so that values
        added later are shown), and the search text."""
        out: dict[str, object] = {"version": 2, "search": self.text}
        for facet in FACETS:
            values = self.selection(facet.key)
            out[facet.key] = None if values is None else sorted(values)
        for key, value in (("since", self.since), ("until", self.until), ("undated", self.undated), ("min_sources", self.min_sources)):
            if value:  # only when set, so the remembered state of a filter without them reads as before
                out[key] = value
        return out

    @classmethod
    def from_state(cls, state: object, choices: dict[str, list[str]]) -> Filter:
        """The filter a `state()` describes, for facets whose values are `choices`: values this workspace does not
        have are ignored, a facet whose every value is chosen is unrestricted. Anything malformed (or an older
        settings format, which mixed the facets in one list) is no restriction."""
        if not isinstance(state, dict) or state.get("version") != 2:
            return cls()
        flt = cls(text=str(state.get("search") or "")[:500])
        for facet in FACETS:
            raw = state.get(facet.key)
            if not isinstance(raw, list):
                continue
            known = choices.get(facet.key, [])
            chosen = frozenset(v for v in raw if isinstance(v, str) and v in known)
            flt = flt.with_selection(facet.key, None if len(chosen) == len(known) else chosen)
        window: dict[str, Any] = {k: v for k in ("since", "until") if isinstance(v := state.get(k), str) and valid_date(v)}
        sources = state.get("min_sources")
        return replace(
            flt, **window, undated=state.get("undated") is True, min_sources=sources if type(sources) is int and 0 <= sources <= 1000 else 0
        )


@dataclass
class FilterResult:
    mention_mask: np.ndarray
    site_mask: np.ndarray
    site_ids: list[str]
    mention_ids: list[str]
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    """Per facet key, per value: the passages it would show given the other facets' selections."""
    untimed_mask: np.ndarray | None = None
    """The passages every filter but the time window passes (the timeline's bars: brushing keeps the rest)."""

    @property
    def passage_count(self) -> int:
        return int(self.mention_mask.sum())

    @property
    def article_counts(self) -> dict[str, int]:
        return self.counts.get("articles", {})

    @property
    def certainty_counts(self) -> dict[str, int]:
        return self.counts.get("certainties", {})

    @property
    def topic_counts(self) -> dict[str, int]:
        return self.counts.get("topics", {})


SOURCES_AT_ONCE = 200
"""Up to this many articles, working out their independent sources takes milliseconds: done when first asked."""


class MentionTable:
    """Columns of mention attributes, indexed like the mention list it was built from."""

    def __init__(self, sites: Sequence[Site], articles: Sequence[Article], mentions: Sequence[Mention]) -> None:
        self.site_ids = [s.id for s in sites]
        self.article_ids = [a.id for a in articles]
        site_index = {s: i for i, s in enumerate(self.site_ids)}  # only while building: 100,000 entries
        self._article_index = {a: i for i, a in enumerate(self.article_ids)}
        self.mention_ids = [m.id for m in mentions]
        self._mentions, self._articles = mentions, articles  # for the time and source columns, made when first needed
        self._sites = sites  # for the figures (core.evidence), made when first needed
        self._evidence: Any = None  # core.evidence.Evidence, when first asked for
        self._disagree: np.ndarray | None = None
        self._time: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._ends: tuple[np.ndarray, np.ndarray] | None = None
        self._sources: tuple[np.ndarray, list[str]] | None = None
        self._article_sources: Sources | None = None
        self._time_lock, self._sources_lock = threading.Lock(), threading.RLock()  # each built once, by whichever thread asks first
        self._pair = self._pair_site = np.zeros(0, dtype=np.int32)
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
            folded = [fold_text(s) for s in sentences]
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
        self._evidence = self._disagree = None  # a figure's certainty can follow its passage's corrected label

    def evidence(self) -> Any:
        """The figures, flows and disagreements of these mentions (core.evidence.Evidence), computed on first use."""
        if self._evidence is None:
            from mapviewer.core.evidence import Evidence

            self._evidence = Evidence.of(self._sites, self._articles, self._mentions)
        return self._evidence

    def disagree_column(self) -> np.ndarray:
        """Per site: do sources give different figures for one subject there (core.figures.conflicts_of)."""
        if self._disagree is None:
            self._disagree = self.evidence().disagree_of(self.site_ids)
        return self._disagree

    @property
    def has_time_columns(self) -> bool:
        """Whether each mention's time is worked out (time_columns: the window's timeline has a worker do it)."""
        return self._time is not None

    @property
    def has_source_columns(self) -> bool:
        """Whether each mention's independent source is worked out (source_columns, after the times in that worker)."""
        return self._sources is not None

    def ready_part(self, flt: Filter) -> Filter:
        """`flt` without the parts that need columns not built yet — the time window, the minimum of sources — so
        it can be applied without building them here (the window's worker builds them: Session.restore_filter)."""
        if flt.timed and not self.has_time_columns:
            flt = replace(flt, since=None, until=None, undated=False)
        if flt.min_sources > 1 and not self.has_source_columns:
            flt = replace(flt, min_sources=0)
        return flt

    @property
    def has_evidence(self) -> bool:
        """Whether the figures and flows are computed (core.evidence.Evidence.ready)."""
        return self._evidence is not None and bool(self._evidence.ready)

    def disagree_mask(self, selected: frozenset[str] | None, n: int) -> np.ndarray:
        if selected is None:
            return np.ones(n, dtype=bool)
        per_site = self.disagree_column()
        wanted = np.array([v in selected for v in DISAGREE_VALUES], dtype=bool)
        return wanted[np.where(per_site, 0, 1)][self.site] if n else np.zeros(0, dtype=bool)

    def disagree_counts(self, rows: np.ndarray) -> dict[str, int]:
        """Counts only once the figures are computed: a filter change never computes them for a count."""
        if self._evidence is None or not self._evidence.has_conflicts:
            return {}
        yes = int(self.disagree_column()[self.site[rows]].sum()) if len(self.site) else 0
        return {DISAGREE_VALUES[0]: yes, DISAGREE_VALUES[1]: int(rows.sum()) - yes}

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

    # -- time: per mention the first and last day its time covers (ordinals; open ends at the extremes) ----

    def time_columns(self, progress: Callable[[int], None] | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(first day, last day, dated) per mention, computed on first use from each mention's sentence and its
        article's date (core.when): nothing of it is kept in the workspace snapshot. The window builds them in a
        worker thread (`progress(mentions done)`); a second caller meanwhile waits for that one's result."""
        with self._time_lock:
            if self._time is None:
                from mapviewer.core.when import days_columns

                first, last, dated = days_columns(self._mentions, {a.id: a.date for a in self._articles}, progress)
                self._time = np.array(first, dtype=np.int32), np.array(last, dtype=np.int32), np.array(dated, dtype=bool)
        return self._time

    def _closed_ends(self) -> tuple[np.ndarray, np.ndarray]:
        """First and last days with an open end replaced by the known one: "recently" (no start, ends at the
        article's date) is at the article's date, not in every window before it (the timeline draws it there)."""
        if self._ends is None:
            first, last, _dated = self.time_columns()
            from mapviewer.core.when import closed_ends

            self._ends = closed_ends(first, last)
        return self._ends

    def time_mask(self, since: str | None, until: str | None, undated: bool) -> np.ndarray:
        """Mentions whose time overlaps [since, until] (partial ISO dates; None: open), and the undated ones if
        asked. An interval open at one end counts at its known end."""
        from mapviewer.core.when import first_day, last_day

        first, last, dated = self.time_columns()
        first, last = self._closed_ends()
        mask = dated.copy()
        if until:
            mask &= first <= last_day(until).toordinal()
        if since:
            mask &= last >= first_day(since).toordinal()
        if undated:
            mask |= ~dated
        return mask

    # -- independent sources: per mention the source group of its article (core.sources) ----------------

    def article_sources(self) -> Sources:
        """Each article's independent source (core.sources), worked out once per workspace (seconds at 100,000
        sites: the window has a worker thread ask first)."""
        with self._sources_lock:
            if self._article_sources is None:
                from mapviewer.core.sources import independent_sources

                self._article_sources = independent_sources(self._articles)
            return self._article_sources

    def source_of_article(self, article_id: str, wait: bool = True) -> str | None:
        """The label of the independent source `article_id` belongs to ("" for an unknown article). With
        `wait=False` and more than SOURCES_AT_ONCE articles, None while the sources are not worked out yet,
        instead of working them out here (on the GUI thread, a popup would wait seconds)."""
        index = self._article_index.get(article_id)
        if index is None:
            return ""
        if not wait and self._article_sources is None and len(self._articles) > SOURCES_AT_ONCE:
            return None
        sources = self.article_sources()
        return sources.labels[sources.group[index]]

    def source_columns(self) -> tuple[np.ndarray, list[str]]:
        """(source group per mention, each group's label), computed on first use; also each mention's
        (site, source) pair as a small number, so counting a site's sources is two bincounts, not a sort."""
        with self._sources_lock:
            if self._sources is None:
                sources = self.article_sources()
                group = np.array(sources.group, dtype=np.int32)[self.article] if len(self.article) else np.zeros(0, dtype=np.int32)
                pairs, self._pair = np.unique(self.site.astype(np.int64) * max(1, len(sources.labels)) + group, return_inverse=True)
                self._pair_site = (pairs // max(1, len(sources.labels))).astype(np.int32)
                self._sources = group, sources.labels
        return self._sources

    def source_counts_if_ready(self, mention_mask: np.ndarray) -> np.ndarray | None:
        """source_counts, or None while the sources are not worked out yet: the window's table shows them once
        its worker has (working them out takes start-up 20 ms even for the four bundled articles)."""
        if self._sources is None:
            return None
        return self.source_counts(mention_mask)

    def source_counts(self, mention_mask: np.ndarray) -> np.ndarray:
        """Per site: how many independent sources name it among the mentions in `mention_mask`."""
        self.source_columns()
        present = np.bincount(self._pair[mention_mask], minlength=len(self._pair_site)) > 0
        return np.bincount(self._pair_site[present], minlength=len(self.site_ids))

    def _corroborated(self, mask: np.ndarray, min_sources: int) -> np.ndarray:
        return mask & (self.source_counts(mask) >= min_sources)[self.site]

    def masks(self, flt: Filter) -> dict[str, np.ndarray]:
        """Per kind of filter (each facet, the text, the time window), the rows it lets through."""
        n = len(self.mention_ids)
        masks = {facet.key: facet.mask(self, flt.selection(facet.key), n) for facet in FACETS}
        masks["text"] = self._text_mask(flt.text) if flt.text.strip() else np.ones(n, dtype=bool)
        if flt.timed:
            masks["time"] = self.time_mask(flt.since, flt.until, flt.undated)
        return masks

    def apply(self, flt: Filter) -> FilterResult:
        """Evaluate a filter, with per-facet counts that ignore that facet's own selection."""
        n = len(self.mention_ids)
        masks = self.masks(flt)
        mention_mask = np.ones(n, dtype=bool)
        for m in masks.values():
            mention_mask &= m
        if flt.min_sources > 1:
            mention_mask = self._corroborated(mention_mask, flt.min_sources)

        def without(key: str) -> np.ndarray:
            m = np.ones(n, dtype=bool)
            for k, v in masks.items():
                if k != key:
                    m &= v
            return self._corroborated(m, flt.min_sources) if flt.min_sources > 1 else m

        site_mask = np.zeros(len(self.site_ids), dtype=bool)
        site_mask[self.site[mention_mask]] = True
        return FilterResult(
            mention_mask=mention_mask,
            site_mask=site_mask,
            site_ids=[self.site_ids[i] for i in np.flatnonzero(site_mask)],
            mention_ids=[self.mention_ids[i] for i in np.flatnonzero(mention_mask)],
            counts={facet.key: facet.counts(self, without(facet.key)) for facet in FACETS},
            untimed_mask=without("time") if flt.timed else mention_mask,
        )

    def article_mask(self, selected: frozenset[str] | None, n: int) -> np.ndarray:
        return _member_mask(self.article, selected, self._article_index, n)

    def article_counts(self, rows: np.ndarray) -> dict[str, int]:
        counts = np.bincount(self.article[rows], minlength=len(self.article_ids))
        return {a: int(c) for a, c in zip(self.article_ids, counts)}

    def certainty_mask(self, selected: frozenset[str] | None, n: int) -> np.ndarray:
        return _member_mask(self.certainty, selected, _CERTAINTY_INDEX, n)

    def certainty_counts(self, rows: np.ndarray) -> dict[str, int]:
        counts = np.bincount(self.certainty[rows], minlength=len(CERTAINTIES))
        return {c: int(k) for c, k in zip(CERTAINTIES, counts)}

    def topic_counts(self, rows: np.ndarray) -> dict[str, int]:
        topic_rows = self.topics[rows]
        return {t: int(((topic_rows >> i) & 1).sum()) for i, t in enumerate(TOPIC_CHOICES)}

    def topic_mask(self, topics: frozenset[str] | None, n: int) -> np.ndarray:
        if topics is None:
            return np.ones(n, dtype=bool)
        bits = 0
        for t in topics:
            bits |= 1 << TOPIC_CHOICES.index(t)
        return (self.topics & bits) != 0


_CERTAINTY_INDEX = {c: i for i, c in enumerate(CERTAINTIES)}
DISAGREE_VALUES = ("disagree", "other")
"""The "sites where sources disagree" facet's values: sources give different figures there, or not."""
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


@dataclass(frozen=True)
class Facet:
    """One way to narrow the mentions: a `Filter` field of the same name, how it masks the mention table,
    how its counts are computed, and how it is named to a person. The filter panel, the saved settings,
    the CLI's wording and the counts all follow this registry, so a new facet is one entry here (and its
    field on Filter)."""

    key: str
    label: str
    values: Callable[[MentionTable], list[str]]
    mask: Callable[[MentionTable, frozenset[str] | None, int], np.ndarray]
    counts: Callable[[MentionTable, np.ndarray], dict[str, int]]
    names: dict[str, str] = field(default_factory=dict)
    """Display names of fixed values (topics); values without one are shown as they are (or, for articles,
    by their titles, which the caller knows)."""
    optional: bool = False
    """Named in a filter's wording only when it narrows (a facet added later: older wordings stay as they were)."""


FACETS: tuple[Facet, ...] = (
    Facet("articles", "Articles", lambda t: list(t.article_ids), MentionTable.article_mask, MentionTable.article_counts),
    Facet("certainties", "certainty", lambda t: list(CERTAINTIES), MentionTable.certainty_mask, MentionTable.certainty_counts),
    Facet(
        "topics",
        "topics",
        lambda t: list(TOPIC_CHOICES),
        MentionTable.topic_mask,
        MentionTable.topic_counts,
        {**TOPICS, NO_TOPIC: "no topic"},
    ),
    Facet(
        "disagree",
        "figures",
        lambda t: list(DISAGREE_VALUES),
        MentionTable.disagree_mask,
        MentionTable.disagree_counts,
        {"disagree": "sources disagree", "other": "no disagreement"},
        optional=True,
    ),
)


def facet_values(table: MentionTable) -> dict[str, list[str]]:
    """Every facet's values in this workspace, in display order."""
    return {facet.key: facet.values(table) for facet in FACETS}
