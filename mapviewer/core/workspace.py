"""A workspace: a gazetteer, a folder of articles, the mentions found between them and the user's
corrections. Everything the views and the CLI show comes from one of these."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from mapviewer import paths
from mapviewer.core import commit, safefile, workspace_cache
from mapviewer.core.filters import Filter, FilterResult, MentionTable
from mapviewer.core.gcpause import gc_paused
from mapviewer.core.model import CERTAINTIES, Article, Claim, Mention, Problem, Site
from mapviewer.core.overrides import Overrides

if TYPE_CHECKING:
    from mapviewer.core.claims_article import Passage


class WorkspaceError(Exception):
    """The workspace cannot be opened at all (missing folder, unusable gazetteer)."""


def user_workspace() -> Path:
    """Where `mapviewer ingest` puts the user's own articles when no --data is given (never the package)."""
    return paths.user_dir() / "workspace"


@dataclass(frozen=True)
class Location:
    """Where a workspace's files are; `overrides` may live elsewhere when the data is read-only."""

    sites: Path
    articles: Path
    overrides: Path
    label: str
    extra: Path | None = None
    """A user workspace folder shown alongside (the bundled corpus shows the user's ingested articles)."""

    @classmethod
    def bundled(cls) -> Location:
        return cls(
            paths.BUNDLED_SITES, paths.BUNDLED_ARTICLES, paths.user_dir() / "bundled" / "overrides.json", "bundled corpus", user_workspace()
        )

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

    def folders(self) -> list[Path]:
        """The folders this workspace is read from, each committed to as a whole (core.commit)."""
        found = [self.sites.parent, self.articles.parent, self.overrides.parent, self.extra]
        return list(dict.fromkeys(p for p in found if p is not None))

    def inputs(self) -> tuple[list[Path], list[Path]]:
        """The files and the folders this workspace is read from (but the user's corrections): what
        its snapshot is found by (workspace_cache.inputs_digest)."""
        files: list[Path] = [self.sites]
        folders: list[Path] = [self.articles]
        if self.extra is not None:
            files += [self.extra / "sites.geojson", self.extra / SITE_ALIASES_FILE]
            folders.append(self.extra / "articles")
        return files, folders

    @classmethod
    def resolve(cls, data: str | Path | None) -> Location:
        """`--data DIR`, else $MAPVIEWER_DATA, else the bundled corpus."""
        data = data or os.environ.get(paths.DATA_ENV) or None
        return cls.folder(Path(data)) if data else cls.bundled()


SITE_ALIASES_FILE = "site_aliases.json"
"""In a user workspace: names the user added to bundled sites (merging a review candidate into one)."""


def add_user_aliases(path: Path, sites: list[Site], problems: list[Problem]) -> None:
    """Give bundled sites the aliases the user added; a name another site already has is reported, not added."""
    if not safefile.exists(path):
        return
    from mapviewer.core.mentions import AliasIndex
    from mapviewer.core.textnorm import key

    try:
        data = safefile.load_json(path)
    except safefile.FileError as exc:
        problems.append(Problem(str(path), "", f"cannot read ({exc}); your added aliases are not shown"))
        return
    if not isinstance(data, dict):
        problems.append(Problem(str(path), "", "expected an object of site id → list of names"))
        return
    row = {s.id: i for i, s in enumerate(sites)}
    index = AliasIndex(sites)
    for site_id, names in data.items():
        if site_id not in row or not isinstance(names, list):
            problems.append(Problem(str(path), f"site {site_id!r}", "no such site, or not a list of names; skipped"))
            continue
        site = sites[row[site_id]]
        known = {key(n) for n in (site.name, *site.aliases)}
        added = []
        for name in names:
            if not isinstance(name, str) or not name.strip():
                continue
            owner = index.owner(name)
            if owner not in (None, site_id):
                problems.append(Problem(str(path), f"site {site_id!r}", f"{name!r} already names site {owner!r}; not added"))
            elif key(name) not in known:
                known.add(key(name))
                added.append(name.strip())
        if added:
            sites[row[site_id]] = replace(site, aliases=(*site.aliases, *added))


def _place_of(sites: Sequence[Site]) -> Callable[[str], Hashable]:
    """A mention's place for the article-wide rules: the point its site is mapped at (to about 10 m), so mentions
    of one place that ingest split over several sites count as one; the site id where it has no point."""
    points = {s.id: (round(s.lat, 4), round(s.lon, 4)) for s in sites if s.lat is not None and s.lon is not None}
    return lambda site_id: points.get(site_id, site_id)


def _passages(run: Sequence[Mention], place: Callable[[str], Hashable]) -> list[Passage]:
    from mapviewer.core.claims_article import Passage

    return [Passage(place(m.site_id), m.claim, m.sentence, m.lead, m.sentence_start) for m in run]


def _article_rules_per_article(
    mentions: list[Mention],
    distinct: dict[Claim, Claim],
    articles: Sequence[Article] = (),
    sites: Sequence[Site] = (),
) -> None:
    """Apply the article-wide claim rules (claims_article.article_claims) to each article's run of mentions (they
    come in article order), in place: a site the authors saw themselves is confirmed wherever the article states
    plainly about it, a dated past event before the article's date is historical, an unvouched source speaks on."""
    from mapviewer.core.claims_article import ArticleFacts, article_claims

    dates = {a.id: a.date for a in articles}
    place = _place_of(sites)
    start = 0
    while start < len(mentions):
        end = start
        article_id = mentions[start].article_id
        while end < len(mentions) and mentions[end].article_id == article_id:
            end += 1
        run = mentions[start:end]
        facts = ArticleFacts(dates.get(article_id), run[0].source)
        for m, claim in zip(run, article_claims(_passages(run, place), facts)):
            if claim is not m.claim:
                object.__setattr__(m, "claim", distinct.setdefault(claim, claim))  # new, unshared mention
        start = end


def _merge_extra(root: Path, sites: list[Site], articles: list[Article], problems: list[Problem]) -> None:
    """Add a user workspace's sites and articles to the bundled ones (read-only view; nothing written).

    A user site or article whose id or name clashes with a bundled one is reported and left out, so
    the bundled corpus always reads the same.
    """
    from mapviewer.core.corpus import load_articles
    from mapviewer.core.gazetteer import GazetteerError, load_sites
    from mapviewer.core.mentions import AliasIndex

    site_file, article_dir = root / "sites.geojson", root / "articles"
    if safefile.exists(site_file):
        try:
            extra_sites, extra_problems = load_sites(site_file)
        except GazetteerError as exc:
            problems.append(Problem(str(site_file), "", str(exc)))
            extra_sites, extra_problems = [], []
        problems.extend(extra_problems)
        index = AliasIndex(sites)
        ids = {s.id for s in sites}
        for site in extra_sites:
            names = () if site.scope else (site.name, *site.aliases)  # (a scoped site's names are its articles' own)
            clash = next((n for n in names if index.owner(n) not in (None, site.id)), None)
            if site.id in ids or clash:
                why = "id already used by a bundled site" if site.id in ids else f"name {clash!r} already names a bundled site"
                problems.append(Problem(str(site_file), f"site {site.id!r}", f"{why}; not shown"))
                continue
            sites.append(site)
            ids.add(site.id)
    add_user_aliases(root / SITE_ALIASES_FILE, sites, problems)
    if safefile.folder_problem(article_dir) is None:
        extra_articles, article_problems = load_articles(article_dir)
        problems.extend(article_problems)
        taken = {a.id for a in articles}
        for article in extra_articles:
            if article.id in taken:
                problems.append(Problem(article.source_file, "", f"article id {article.id!r} already used by the bundled corpus; not shown"))
                continue
            articles.append(article)
            taken.add(article.id)


@dataclass
class Workspace:
    location: Location
    articles: list[Article]
    sites: list[Site]
    mentions: list[Mention]
    overrides: Overrides
    problems: list[Problem] = field(default_factory=list)
    commits: tuple[bytes | None, ...] = ()
    """The commit tokens of location.folders() this state was read at (a watcher compares them)."""

    def __post_init__(self) -> None:
        self.article_by_id = {a.id: a for a in self.articles}
        self.site_by_id = {s.id: s for s in self.sites}
        self.mention_by_id = {m.id: m for m in self.mentions}
        self._mention_row: dict[str, int] | None = None  # built on the first correction
        self._site_rows: dict[str, list[int]] | None = None  # built on the first mentions_of
        mentioned = {m.site_id for m in self.mentions}
        rows = [i for i, s in enumerate(self.sites) if s.id in mentioned]
        self.mapped_sites = [self.sites[i] for i in rows]
        self.mapped_rows = np.array(rows, dtype=np.int64)
        self.table = MentionTable(self.sites, self.articles, self.mentions)

    @classmethod
    def open(cls, data: str | Path | None = None) -> Workspace:
        return cls.load(Location.resolve(data))

    @classmethod
    def load(cls, location: Location) -> Workspace:
        """Read the workspace as of one commit of each of its folders (never half of a writer's commit)."""
        with gc_paused(promote=True):
            try:
                ws, commits = commit.read_consistent(location.folders(), lambda: cls._load(location))
                ws.commits = commits
            except commit.Busy as exc:
                raise WorkspaceError(f"{exc}; try again when it has finished") from exc
            return ws

    @classmethod
    def _load(cls, location: Location) -> Workspace:
        if not safefile.exists(location.sites):  # a broken or looping link is reported by the reader
            raise WorkspaceError(f"{location.sites}: gazetteer file not found")
        if why := safefile.folder_problem(location.articles):
            raise WorkspaceError(f"{location.articles}: articles folder {why}")
        digest = workspace_cache.inputs_digest(location)
        snapshot = workspace_cache.read(location, digest) if digest else None
        if snapshot is None:
            snapshot = cls._read(location)
            # Kept only if no file changed while it was read (the digest of the inputs it would be
            # found by must be the digest of what was read).
            if digest and workspace_cache.covers(location, snapshot) and workspace_cache.inputs_digest(location) == digest:
                workspace_cache.write(location, digest, snapshot)
        overrides, override_problems = Overrides.load(location.overrides)
        mentions = snapshot.mentions
        for i in overrides.corrected_rows(mentions):  # the few rows a reviewer corrected: a copy each is cheap
            m = mentions[i]
            mentions[i] = replace(m, claim=overrides.apply(m))
        return cls(location, snapshot.articles, snapshot.sites, mentions, overrides, snapshot.problems + override_problems)

    @staticmethod
    def _read(location: Location) -> workspace_cache.Snapshot:
        """Read the files and find and label the mentions: what a snapshot keeps. (The readers are
        imported here, as in the helpers above: a workspace opened from its snapshot needs none of them.)"""
        from mapviewer.core.claims import classify
        from mapviewer.core.corpus import load_articles
        from mapviewer.core.gazetteer import GazetteerError, load_sites
        from mapviewer.core.mentions import AliasIndex, find_mentions

        try:
            sites, problems = load_sites(location.sites)
        except GazetteerError as exc:
            if not os.path.lexists(location.sites):  # no gazetteer at all: this is not a workspace
                raise WorkspaceError(str(exc)) from exc
            # there but unusable (not JSON, nested too deep, a pipe…): say so, and show the articles
            why = str(exc).removeprefix(f"{location.sites}: ")  # the problem names the file already
            sites, problems = [], [Problem(str(location.sites), "", f"{why}; no sites were loaded from it")]
        articles, article_problems = load_articles(location.articles)
        if location.extra is not None:
            _merge_extra(location.extra, sites, articles, problems)
        index = AliasIndex(sites)
        mentions: list[Mention] = []
        for article in articles:
            mentions.extend(find_mentions(article, index))
        # Labelled in a second pass, so the short-lived sentence keys below are not allocated in
        # between the mentions that stay: freed, they leave whole allocator arenas free, not holes.
        claims: dict[tuple[str, int], Claim] = {}  # the rules are pure: a repeated sentence is labelled once
        # Equal claims share one object: a large workspace has hundreds of thousands of labelled
        # sentences but only a few dozen distinct labels (certainty, topics, evidence).
        distinct: dict[Claim, Claim] = {}
        for m in mentions:
            at = m.lead
            sentence = m.sentence
            rules = claims.get((sentence, at))
            if rules is None:
                rules = classify(sentence, at)
                rules = claims[(sentence, at)] = distinct.setdefault(rules, rules)
            # `m` is new and not yet shared, so setting its claim in place is safe, and spares the two
            # dataclasses.replace copies per mention this used to make (seconds at 200,000 mentions).
            object.__setattr__(m, "claim", rules)
        del claims
        _article_rules_per_article(mentions, distinct, articles, sites)
        return workspace_cache.Snapshot(sites, articles, mentions, problems + article_problems)

    def filter(self, flt: Filter) -> FilterResult:
        return self.table.apply(flt)

    def mentions_of(self, site_id: str, result: FilterResult | None = None) -> list[Mention]:
        """A site's mentions, in article then text order; only those passing `result` when given.

        Rows are grouped by site once, so asking for every site in turn stays linear, not quadratic.
        """
        if self._site_rows is None:
            self._site_rows = {}
            for i, m in enumerate(self.mentions):
                self._site_rows.setdefault(m.site_id, []).append(i)
        rows = self._site_rows.get(site_id, [])
        if result is not None:
            rows = [i for i in rows if result.mention_mask[i]]
        return [self.mentions[i] for i in rows]

    def mentions_by_site(self, result: FilterResult) -> dict[str, list[Mention]]:
        """The passing mentions grouped by site, in one pass (not one scan per site)."""
        by_site: dict[str, list[Mention]] = {}
        for i in result.mention_mask.nonzero()[0]:
            m = self.mentions[i]
            by_site.setdefault(m.site_id, []).append(m)
        return by_site

    def strongest_certainty(self, mentions: list[Mention]) -> str | None:
        ranks = [CERTAINTIES.index(m.claim.certainty) for m in mentions]
        return CERTAINTIES[min(ranks)] if ranks else None

    def _rules_claim(self, mention: Mention, classify: Callable[[str, int], Claim]) -> Claim:
        """The rules' claim for `mention` as loading gives it: its sentence's label, then the article-wide
        article-wide rules over the article's mentions (claims_article.article_claims)."""
        from mapviewer.core.claims_article import ArticleFacts, Passage, article_claims

        run = [m for m in self.mentions if m.article_id == mention.article_id]
        place = _place_of(self.sites)
        passages = [
            Passage(place(m.site_id), classify(m.sentence, m.lead), m.sentence, m.lead, m.sentence_start) for m in run
        ]
        article = self.article_by_id.get(mention.article_id)
        facts = ArticleFacts(article.date if article is not None else None, mention.source)
        at = next(i for i, m in enumerate(run) if m.id == mention.id)
        return article_claims(passages, facts)[at]

    def correct(self, mention_id: str, certainty: str | None, topics: list[str] | None) -> Mention:
        """Apply and persist a user's correction of one mention's claim."""
        if self._mention_row is None:
            self._mention_row = {m.id: i for i, m in enumerate(self.mentions)}
        if mention_id not in self._mention_row:
            raise KeyError(f"unknown mention {mention_id!r}")
        self.overrides.set(mention_id, certainty, topics)
        from mapviewer.core.claims import classify

        row = self._mention_row[mention_id]
        original = self.mentions[row]
        rules = replace(original, claim=self._rules_claim(original, classify))
        updated = replace(original, claim=self.overrides.apply(rules))
        self.mentions[row] = updated
        self.mention_by_id[mention_id] = updated
        self.table.set_claim(row, updated)
        return updated

    def article_label(self, article_id: str) -> str:
        return self.article_by_id[article_id].title
