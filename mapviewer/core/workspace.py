"""A workspace: a gazetteer, a folder of articles, the mentions found between them and the user's
corrections. Everything the views and the CLI show comes from one of these."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from mapviewer import paths
from mapviewer.core.claims import classify
from mapviewer.core.corpus import load_articles
from mapviewer.core.filters import Filter, FilterResult, MentionTable
from mapviewer.core.gazetteer import GazetteerError, load_sites
from mapviewer.core.mentions import AliasIndex, find_mentions
from mapviewer.core.model import CERTAINTIES, Article, Mention, Problem, Site
from mapviewer.core.overrides import Overrides


class WorkspaceError(Exception):
    """The workspace cannot be opened at all (missing folder, unusable gazetteer)."""


@dataclass(frozen=True)
class Location:
    """Where a workspace's files are; `overrides` may live elsewhere when the data is read-only."""

    sites: Path
    articles: Path
    overrides: Path
    label: str

    @classmethod
    def bundled(cls) -> Location:
        return cls(paths.BUNDLED_SITES, paths.BUNDLED_ARTICLES, paths.user_dir() / "bundled" / "overrides.json", "bundled corpus")

    @classmethod
    def folder(cls, root: Path) -> Location:
        """A user workspace folder: `sites.geojson`, `articles/`, and the user's `overrides.json`."""
        root = Path(root).expanduser()
        if not root.is_dir():
            raise WorkspaceError(f"workspace folder {str(root)!r} does not exist")
        overrides = root / "overrides.json"
        if not os.access(root, os.W_OK):  # read-only data: keep corrections in the user's folder
            digest = hashlib.sha1(str(root.resolve()).encode()).hexdigest()[:12]
            overrides = paths.user_dir() / "workspaces" / digest / "overrides.json"
        return cls(root / "sites.geojson", root / "articles", overrides, str(root))

    @classmethod
    def resolve(cls, data: str | Path | None) -> Location:
        """`--data DIR`, else $MAPVIEWER_DATA, else the bundled corpus."""
        data = data or os.environ.get(paths.DATA_ENV) or None
        return cls.folder(Path(data)) if data else cls.bundled()


@dataclass
class Workspace:
    location: Location
    articles: list[Article]
    sites: list[Site]
    mentions: list[Mention]
    overrides: Overrides
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.article_by_id = {a.id: a for a in self.articles}
        self.site_by_id = {s.id: s for s in self.sites}
        self.mention_by_id = {m.id: m for m in self.mentions}
        self._mention_row = {m.id: i for i, m in enumerate(self.mentions)}
        mentioned = {m.site_id for m in self.mentions}
        self.mapped_sites = [s for s in self.sites if s.id in mentioned]
        self.mapped_rows = np.array([i for i, s in enumerate(self.sites) if s.id in mentioned], dtype=np.int64)
        self.table = MentionTable(self.sites, self.articles, self.mentions)

    @classmethod
    def open(cls, data: str | Path | None = None) -> Workspace:
        return cls.load(Location.resolve(data))

    @classmethod
    def load(cls, location: Location) -> Workspace:
        if not location.sites.exists():
            raise WorkspaceError(f"{location.sites}: gazetteer file not found")
        if not location.articles.is_dir():
            raise WorkspaceError(f"{location.articles}: articles folder not found")
        try:
            sites, problems = load_sites(location.sites)
        except GazetteerError as exc:
            raise WorkspaceError(str(exc)) from exc
        articles, article_problems = load_articles(location.articles)
        overrides, override_problems = Overrides.load(location.overrides)
        index = AliasIndex(sites)
        mentions: list[Mention] = []
        for article in articles:
            for m in find_mentions(article, index):
                found = replace(m, claim=classify(m.sentence, m.start - m.sentence_start))
                mentions.append(replace(found, claim=overrides.apply(found)))
        return cls(location, articles, sites, mentions, overrides, problems + article_problems + override_problems)

    def filter(self, flt: Filter) -> FilterResult:
        return self.table.apply(flt)

    def mentions_of(self, site_id: str, result: FilterResult | None = None) -> list[Mention]:
        """A site's mentions, in article then text order; only those passing `result` when given."""
        rows = [i for i, m in enumerate(self.mentions) if m.site_id == site_id]
        if result is not None:
            rows = [i for i in rows if result.mention_mask[i]]
        return [self.mentions[i] for i in rows]

    def strongest_certainty(self, mentions: list[Mention]) -> str | None:
        ranks = [CERTAINTIES.index(m.claim.certainty) for m in mentions]
        return CERTAINTIES[min(ranks)] if ranks else None

    def correct(self, mention_id: str, certainty: str | None, topics: list[str] | None) -> Mention:
        """Apply and persist a user's correction of one mention's claim."""
        if mention_id not in self._mention_row:
            raise KeyError(f"unknown mention {mention_id!r}")
        self.overrides.set(mention_id, certainty, topics)
        row = self._mention_row[mention_id]
        original = self.mentions[row]
        rules = replace(original, claim=classify(original.sentence, original.start - original.sentence_start))
        updated = replace(original, claim=self.overrides.apply(rules))
        self.mentions[row] = updated
        self.mention_by_id[mention_id] = updated
        self.table.set_claim(row, updated)
        return updated

    def article_label(self, article_id: str) -> str:
        return self.article_by_id[article_id].title
