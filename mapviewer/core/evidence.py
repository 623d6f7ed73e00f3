"""Figures and flows narrowed by the one filter: each is made a row of its own MentionTable (one row per place
it is about), so every facet of the registry (core.filters.FACETS), the search text and the time window apply
to it exactly as to a passage, with no filter code of its own.

A figure's row carries its sentence, article and certainty, with its figure text as the "mention"; a flow's rows
carry its movement's words, one row per place (origin, destination, waypoints; a country is a row of its own
named as the country). A figure or flow passes when one of its rows does. `--min-sources N` keeps the figures with
a place named by at least N independent sources among the passages passing the filter, as it keeps sites, and the
flows whose destination is (a country: its capital). "Sites where sources disagree" are the sites of core.figures.conflicts_of over every figure
of the workspace (not narrowed by the filter: a disagreement is a fact about the corpus, and the facet stays
cheap).

Computed once per workspace, when first asked for (MentionTable.evidence); a corrected label drops it.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from mapviewer.core.model import Article, Claim, Mention, Site

if TYPE_CHECKING:
    from mapviewer.core.figures import Conflict, Figure
    from mapviewer.core.filters import Filter, MentionTable
    from mapviewer.core.flows import Flow, Place
    from mapviewer.core.workspace import Workspace


@dataclass
class _Rows:
    """A MentionTable over figure or flow rows: `owner[i]` the figure's or flow's index of row i, `parent[i]` the
    index of its place among the workspace table's sites (-1: none, or a country without its capital there)."""

    table: MentionTable
    owner: np.ndarray
    parent: np.ndarray
    count: int
    anchor: np.ndarray | None = None
    """Per flow, the workspace site index its minimum of sources is judged at (its destination); None: at each row."""


def _no_site(key: str, name: str) -> Site:
    """A place a row can be at that is no site of the workspace: nowhere ("") or a country ("iso:KP")."""
    return Site(key, name, (), "country" if name else "none", "", "region", "", 0.0, 0.0)


class Evidence:
    """The figures, flows and disagreements of one workspace's articles and mentions, each computed when first
    asked for (a GeoJSON export needs the flows only, the disagreement facet the figures only)."""

    def __init__(self, sites: Sequence[Site], articles: Sequence[Article], mentions: Sequence[Mention]) -> None:
        self._sites = sites
        self._articles = articles
        self._mentions = mentions
        self._figures: list[Figure] | None = None
        self._flows: list[Flow] | None = None
        self._conflicts: list[Conflict] | None = None
        self._figure_rows: _Rows | None = None
        self._flow_rows: _Rows | None = None
        self._rows_lock = threading.RLock()
        """The figures' and flows' filter tables are built once: by the window's evidence worker (complete) or by
        the GUI thread asking first; the second waits for the first instead of building a copy beside it."""

    @classmethod
    def of(cls, sites: Sequence[Site], articles: Sequence[Article], mentions: Sequence[Mention]) -> Evidence:
        return cls(sites, articles, mentions)

    def _by_article(self) -> dict[str, list[Mention]]:
        by_article: dict[str, list[Mention]] = {}
        for mt in self._mentions:
            by_article.setdefault(mt.article_id, []).append(mt)
        return by_article

    @property
    def figures(self) -> list[Figure]:
        if self._figures is None:
            from mapviewer.core.figures import figures_of_article, shown_figures

            capitals = frozenset(s.id for s in self._sites if s.kind == "capital")
            by_article = self._by_article()
            self._figures = shown_figures(f for a in self._articles for f in figures_of_article(a, by_article.get(a.id, []), capitals=capitals))
        return self._figures

    @property
    def flows(self) -> list[Flow]:
        if self._flows is None:
            from mapviewer.core.flows import flows_of_article

            by_article = self._by_article()
            self._flows = [f for a in self._articles for f in flows_of_article(a, by_article.get(a.id, []))]
        return self._flows

    @property
    def conflicts(self) -> list[Conflict]:
        if self._conflicts is None:
            from mapviewer.core.figures import conflicts_of

            self._conflicts = conflicts_of(self.figures)
        return self._conflicts

    @property
    def disagree_sites(self) -> frozenset[str]:
        return frozenset(c.site for c in self.conflicts)

    @property
    def ready(self) -> bool:
        """Whether the figures, their disagreements and the flows are all computed."""
        return self._conflicts is not None and self._flows is not None

    @property
    def has_conflicts(self) -> bool:
        return self._conflicts is not None

    def complete(self, parent: MentionTable | None = None) -> Evidence:
        """Everything computed now (the window's thread does this, so the UI thread finds it ready); with the
        workspace's table, also the figures' and flows' filter tables and their times, so that the first time
        window (a brush, a restored one) does not read them on the UI thread."""
        self.conflicts, self.flows  # noqa: B018
        if parent is not None:
            with self._rows_lock:  # their times too, before anyone else uses the tables
                for rows in (self._figure_table(parent), self._flow_table(parent)):
                    rows.table.time_columns()
        return self

    def disagree_of(self, site_ids: Sequence[str]) -> np.ndarray:
        """Per site id: do sources disagree there."""
        disagree = self.disagree_sites
        return np.fromiter((s in disagree for s in site_ids), dtype=bool, count=len(site_ids))

    # -- rows --------------------------------------------------------------------------------------
    def _table(self, rows: list[tuple[int, str, Site, str, int, int, str, str, int, str]], parent_index: dict[str, int], count: int,
               kind: type[MentionTable]) -> _Rows:
        """rows: (owner, place key, place as a site, article, start, end, text, sentence, sentence start, certainty);
        `kind`: the workspace table's class (taken from it: core.filters does not import this module back)."""
        from mapviewer.core.claims import topics_of

        texts = {a.id: a.text for a in self._articles}
        places: dict[str, Site] = {}
        mentions = []
        for index, key, site, article_id, start, end, surface, sentence, s_start, certainty in rows:
            places.setdefault(key, site)
            source = texts[article_id]
            if source[start:end] != surface or source[s_start : s_start + len(sentence)] != sentence:  # not found in its text:
                source, start, end, s_start = sentence, 0, len(surface), 0  # the sentence stands alone
            mentions.append(Mention(f"{index}@{key}", article_id, 0, start, surface, key, start - s_start,
                                    s_start + len(sentence) - end, source, Claim(certainty, topics_of(sentence))))
        table = kind(list(places.values()), self._articles, mentions)
        table._evidence = self  # its disagree column reads these disagreements, by site id
        owner = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        parent = np.fromiter((parent_index.get(r[1], -1) for r in rows), dtype=np.int64, count=len(rows))
        return _Rows(table, owner, parent, count)

    def _figure_table(self, parent: MentionTable) -> _Rows:
        with self._rows_lock:
            return self._figure_table_locked(parent)

    def _figure_table_locked(self, parent: MentionTable) -> _Rows:
        if self._figure_rows is None:
            site_by_id = {s.id: s for s in self._sites}
            texts = {a.id: a.text for a in self._articles}
            nowhere = _no_site("", "")
            rows = []
            for i, f in enumerate(self.figures):
                s_start = _sentence_start(texts.get(f.article_id, ""), f.sentence, f.start, f.end)
                for key in f.sites or ("",):
                    rows.append((i, key, site_by_id.get(key, nowhere), f.article_id, f.start, f.end, f.text, f.sentence, s_start, f.certainty))
            self._figure_rows = self._table(rows, _index(parent), len(self.figures), type(parent))
        return self._figure_rows

    def _flow_table(self, parent: MentionTable) -> _Rows:
        with self._rows_lock:
            return self._flow_table_locked(parent)

    def _flow_table_locked(self, parent: MentionTable) -> _Rows:
        if self._flow_rows is None:
            from mapviewer.core.flows import Place, country_of

            site_by_id = {s.id: s for s in self._sites}
            texts = {a.id: a.text for a in self._articles}
            site_index = _index(parent)
            index = dict(site_index)
            rows = []
            for i, f in enumerate(self.flows):
                text = texts.get(f.article_id, "")
                s_start = _sentence_start(text, f.sentence, f.start, f.end)
                surface = text[f.start : f.end]
                places: list[Place] = [f.origin, f.destination, *(Place(site=v) for v in f.via)]
                for place in places:
                    country = None if place.site else country_of(place)
                    key = place.site or f"iso:{place.iso}"
                    site = site_by_id.get(place.site or "") or _no_site(key, country.name if country else key)
                    if country is not None and country.capital in site_index:
                        index[key] = site_index[country.capital]
                    rows.append((i, key, site, f.article_id, f.start, f.end, surface, f.sentence, s_start, f.certainty))
            self._flow_rows = self._table(rows, index, len(self.flows), type(parent))
            destinations = [f.destination.site or f"iso:{f.destination.iso}" for f in self.flows]
            self._flow_rows.anchor = np.fromiter((index.get(k, -1) for k in destinations), dtype=np.int64, count=len(destinations))
        return self._flow_rows

    # -- the filter --------------------------------------------------------------------------------
    def _passing(self, rows: _Rows, parent: MentionTable, flt: Filter) -> np.ndarray:
        """Per figure or flow: does one of its rows pass `flt` (see the module's doc)."""
        ok = np.ones(len(rows.owner), dtype=bool)
        for mask in rows.table.masks(replace(flt, min_sources=0)).values():
            ok &= mask
        if flt.min_sources > 1 and len(ok):
            passing = np.ones(len(parent.mention_ids), dtype=bool)
            for mask in parent.masks(flt).values():
                passing &= mask
            corroborated = np.append(parent.source_counts(passing) >= flt.min_sources, False)  # index -1: no place
            if rows.anchor is not None:
                out = np.zeros(rows.count, dtype=bool)
                out[rows.owner[ok]] = True
                return out & corroborated[rows.anchor]
            ok &= corroborated[rows.parent]
        out = np.zeros(rows.count, dtype=bool)
        out[rows.owner[ok]] = True
        return out

    def figure_mask(self, parent: MentionTable, flt: Filter) -> np.ndarray:
        """Per figure (self.figures): does it pass the filter."""
        return self._passing(self._figure_table(parent), parent, flt)

    def flow_mask(self, parent: MentionTable, flt: Filter) -> np.ndarray:
        """Per flow (self.flows): does it pass the filter."""
        return self._passing(self._flow_table(parent), parent, flt)


def _sentence_start(text: str, sentence: str, start: int, end: int) -> int:
    """Where the sentence holding [start, end) begins in the article text (`start` if it is not there)."""
    at = text.rfind(sentence, max(0, end - len(sentence)), start + len(sentence))
    return at if 0 <= at <= start and end <= at + len(sentence) else start


def _index(table: MentionTable) -> dict[str, int]:
    return {s: i for i, s in enumerate(table.site_ids)}


def evidence_of(ws: Workspace) -> Evidence:
    """The workspace's figures, flows and disagreements (computed on first use, then kept with its table)."""
    evidence: Evidence = ws.table.evidence()
    return evidence


def figures_passing(ws: Workspace, flt: Filter, site: str | None = None) -> list[Figure]:
    """The figures passing the filter (about `site` when given), in article and text order."""
    ev = evidence_of(ws)
    mask = ev.figure_mask(ws.table, flt)
    return [f for f, ok in zip(ev.figures, mask.tolist()) if ok and (site is None or site in f.sites)]


def flows_passing(ws: Workspace, flt: Filter) -> list[Flow]:
    """The flows passing the filter, in article and text order."""
    ev = evidence_of(ws)
    mask = ev.flow_mask(ws.table, flt)
    return [f for f, ok in zip(ev.flows, mask.tolist()) if ok]


def place_name(ws: Workspace, place: Place) -> str:
    """A flow's end as a person reads it: the site's name, or the country's."""
    site = ws.site_by_id.get(place.site or "")
    return site.name if site else place.label()
