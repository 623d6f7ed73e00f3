"""Ingest a batch of files into one workspace: extract, find places, then commit everything at once.

Why all-or-nothing at the batch level: nothing is written until every file has been read and
analysed, so Ctrl-C (KeyboardInterrupt) before the commit leaves the workspace untouched, and a
failure during the commit is rolled back by the store. A bad file is a per-file error: it is
reported by name and the rest of the batch is still ingested.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mapviewer.core import commit
from mapviewer.core.corpus import load_articles, make_article
from mapviewer.core.gazetteer import GazetteerError, load_sites, parse_sites
from mapviewer.core.ingest.decisions import rejected_names, snapshot
from mapviewer.core.ingest.echoes import echo_of_a_name
from mapviewer.core.ingest.extract import ExtractError, extract_file
from mapviewer.core.ingest.hangul import caseless_name
from mapviewer.core.ingest.namesakes import named_by_head
from mapviewer.core.ingest.places import Candidate, Geocoder, Place, distance_km, find_candidates
from mapviewer.core.ingest.placetypes import nearest_km
from mapviewer.core.ingest.store import StoreError, WorkspaceFiles, candidate_row, copied_feature, site_feature, unique_id
from mapviewer.core.mentions import AliasIndex
from mapviewer.core.model import Site
from mapviewer.core.textnorm import key, slug
from mapviewer.core.workspace import SITE_ALIASES_FILE, Location, add_user_aliases

Progress = Callable[[int, int, Path], None]


@dataclass
class FileResult:
    path: Path
    article_id: str | None = None
    error: str | None = None
    notes: list[str] = field(default_factory=list)
    placed: int = 0
    review: int = 0
    skipped: bool = False  # the same text was ingested before: nothing new


@dataclass
class Report:
    files: list[FileResult]
    new_sites: int = 0

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.error]


class _FeatureIndex:
    """`WorkspaceFiles`' per-name, per-ref and per-id lookups, kept as dicts while a batch adds features.

    The store's lookups scan every feature, once per candidate; a long article has tens of thousands
    of candidates, so they are answered here instead, with the same answers (the first feature in file
    order wins). Only `_Sites` changes the features during a batch, and it tells the index.
    """

    def __init__(self, ws: WorkspaceFiles) -> None:
        self._owner: dict[tuple[str, ...], str | None] = {}
        self._by_ref: dict[str, tuple[int, dict[str, Any]]] = {}
        self._by_id: dict[str, tuple[int, dict[str, Any]]] = {}
        self.ids: set[str] = set()
        self.names: dict[str, set[tuple[str, ...]]] = {}  # site id -> the keys of the names it was added with
        self.scoped: dict[tuple[str, ...], list[dict[str, Any]]] = {}  # name key -> the scoped sites of that name
        self._count = 0
        for f in ws.features:
            if isinstance(f, dict) and isinstance(f.get("properties"), dict):
                self.added(f["properties"])

    def added(self, props: dict[str, Any]) -> None:
        """A feature appended after every other (its names lose to earlier features' names)."""
        at = self._count
        self._count += 1
        site_id, ref = props.get("id"), props.get("ref")
        if isinstance(site_id, str):  # a malformed id (a list…) can equal no id or ref asked for
            self.ids.add(site_id)
            self._by_id.setdefault(site_id, (at, props))
        if isinstance(ref, str):
            self._by_ref.setdefault(ref, (at, props))
        keys = [key(n) for n in [props.get("name", ""), *(props.get("aliases") or [])] if isinstance(n, str)]
        if isinstance(site_id, str):
            self.names.setdefault(site_id, set(keys))
        if props.get("scope"):  # a scoped site's names are its articles' own (Site.scope): no other article's
            if keys:
                self.scoped.setdefault(keys[0], []).append(props)
            return
        for k in keys:
            self._owner.setdefault(k, site_id)

    def ref_added(self, props: dict[str, Any]) -> None:
        """A feature moved to another place: its new ref finds it too (the old one still does)."""
        ref = props.get("ref")
        if isinstance(ref, str):
            at = self._by_id.get(str(props.get("id")), (self._count, props))[0]
            self._by_ref.setdefault(ref, (at, props))

    def alias_added(self, props: dict[str, Any], name: str) -> None:
        if not props.get("scope"):
            self._owner.setdefault(key(name), props.get("id"))

    def alias_owner(self, name: str) -> str | None:
        """As WorkspaceFiles.alias_owner."""
        return self._owner.get(key(name))

    def feature_for_ref(self, ref: str) -> dict[str, Any] | None:
        """As WorkspaceFiles.feature_for_ref: the first feature with this ref or, for "site:ID", this id."""
        hits = [self._by_ref.get(ref), self._by_id.get(ref[5:]) if ref.startswith("site:") else None]
        found = [h for h in hits if h is not None]
        return min(found, key=lambda h: h[0])[1] if found else None


class _Sites:
    """Turns placed candidates into workspace features, reusing a feature when the place is the same."""

    def __init__(self, ws: WorkspaceFiles, reference: Sequence[Site], copy_reference: bool) -> None:
        self.ws = ws
        self.copy_reference = copy_reference
        self.reference = {s.id: s for s in reference}
        self.rejected = rejected_names(ws.candidates)
        self.new = 0
        self.index = _FeatureIndex(ws)
        self.created: set[str] = set()  # ids of the sites this batch made (only those may move)
        self.before = dict(self.index.names)  # the sites from before this batch: id -> their names' keys
        self.article_id = ""  # the article whose candidates are being mapped
        self.anchors: list[tuple[tuple[str, ...], float, float]] = []  # the article's placed places: name key, point

    def start_article(self, article_id: str, candidates: Sequence[Candidate]) -> None:
        """Map the candidates of `article_id` next; its placed places say which namesake it means."""
        self.article_id = article_id
        self.anchors = [
            (key(c.surface), c.place.lat, c.place.lon)
            for c in candidates
            if c.place is not None and c.status != "unplaced"  # (a region's centre or a weak reading still tells a front
        ]  # from another 300 km away, which is all it is asked)

    def _append(self, feature: dict[str, Any]) -> None:
        self.ws.features.append(feature)
        self.index.added(feature["properties"])

    def site_for(self, c: Candidate) -> str | None:
        place = c.place
        if place is None or c.status == "unplaced" or (c.status != "known" and key(c.surface) in self.rejected):
            return None  # an unplaced candidate's place, when it has one, is only a suggestion for the reviewer
        index = self.index
        if c.status == "known":
            if self.copy_reference and c.site_id in self.reference and c.site_id not in index.ids:
                self._append(copied_feature(self.reference[c.site_id]))
            return c.site_id
        props = index.feature_for_ref(place.ref)
        if props is None:  # the name as written, or the place's name, may be another site's: do not clash with it,
            # unless this batch made that site from a much less sure reading ("Dunai" tied near a far place)
            name_owner = index.alias_owner(place.name)
            owner = self._surface_owner(c) or name_owner
            if owner is not None:  # (a namesake that fits this article better is its own, never a reason to move)
                props = self._scoped_site(place, c) if self._namesake_elsewhere(owner, place, c) else self._moved_to(owner, place, c)
                if props is None and name_owner is not None:
                    return None
            if props is None:
                taken = index.ids | set(self.reference)
                site_id = unique_id(slug(place.name) or "place", taken)
                self._append(site_feature(site_id, place, [], c.confidence))
                props = index.feature_for_ref(place.ref)
                assert props is not None
                self.new += 1
                self.created.add(site_id)
        scope = props.get("scope")
        if isinstance(scope, list) and self.article_id not in scope:
            scope.append(self.article_id)  # the same reading of the name in another article: that article's too
        aliases = props.setdefault("aliases", [])
        owner = None if scope else self._surface_owner(c)  # (in its articles a scoped site's names come first)
        named = c.surface != c.surface.lower() or caseless_name(c.surface)  # "지하리": Hangul has no capitals
        if owner is None and c.surface not in aliases and named and not echo_of_a_name(c) and not named_by_head(c):
            # a lower-case description ("the border", "the port") names nothing: as an alias it would claim the
            # same words in every other article; nor do initials ("ELWR") outside the article that spelt them out
            aliases.append(c.surface)
            index.alias_added(props, c.surface)
        elif owner not in (None, props["id"]):
            return None
        props["confidence"] = max(float(props.get("confidence", 0)), c.confidence)
        return str(props["id"])

    def found_before(self, c: Candidate, site_id: str | None) -> bool:
        """Whether the candidate is, in words the site already had, a site from before this batch (by its reading,
        `site_id`, or by its words): then it is that site's mention, as a known site's is, with no review row (the
        text maps it at load). A new spelling the batch gave the site keeps its row: the reviewer sees it."""
        names = self.before.get(site_id if site_id is not None else self._surface_owner(c) or "")
        return names is not None and key(c.surface) in names

    def _namesake_elsewhere(self, owner: str, place: Place, c: Candidate) -> bool:
        """Whether `owner`, the site holding the name, is a namesake of `place` rather than it: a site ingest made
        (a known site keeps its names everywhere) over SAME_PLACE_KM from the place, and farther from this
        article's other places than the place is, by NAMESAKE_MARGIN_KM. (An article's reading of a name is often
        a far namesake itself when another article placed the name well: "Pokrovsk" read in Russia, not Donetsk.)"""
        if owner in self.reference or not self.article_id:
            return False
        at = self._point_of(owner)
        if at is None or distance_km(at, (place.lat, place.lon)) <= SAME_PLACE_KM:
            return False
        name = key(c.surface)
        others = [(lat, lon) for k, lat, lon in self.anchors if k != name]  # (not the name's own other mentions)
        return nearest_km(place.lat, place.lon, others) + NAMESAKE_MARGIN_KM < nearest_km(at[0], at[1], others)

    def _scoped_site(self, place: Place, c: Candidate) -> dict[str, Any]:
        """A new site for `place`, whose names count only in this article (Site.scope): the name's other site keeps
        every other article's mentions, and this article's mentions of the name are this place, whichever article
        of a batch came first. One such site per name and article: the first reading of it; and one per place: a
        scoped site of the name within SAME_PLACE_KM (another article's reading of the same village by another ref)
        takes this article into its scope (site_for adds it)."""
        mates = self.index.scoped.get(key(place.name), [])
        made = next((p for p in mates if self.article_id in p["scope"]), None) or next(
            (p for p in mates if (at := self._point_of(str(p["id"]))) and distance_km(at, (place.lat, place.lon)) <= SAME_PLACE_KM),
            None,
        )
        if made is not None:
            return made
        site_id = unique_id(slug(place.name) or "place", self.index.ids | set(self.reference))
        feature = site_feature(site_id, place, [], c.confidence)
        feature["properties"]["scope"] = [self.article_id]
        self._append(feature)
        self.new += 1
        self.created.add(site_id)
        return feature["properties"]

    def _surface_owner(self, c: Candidate) -> str | None:
        """The site whose alias the candidate's words are; none for a name that is its place only with the facility
        word before it ("the port of Vostochny": "Vostochny" is the cosmodrome's alias, not a claim on this site)."""
        return None if named_by_head(c) else self.index.alias_owner(c.surface)

    def clashing(self, c: Candidate) -> tuple[Candidate, str | None]:
        """A placed candidate `site_for` could not map because another site of the batch holds its place's name (two
        towns of one name in two articles: "Kostyantynivka" in Donetsk and in Mykolaiv): the review lists it, with
        its sentence and where the gazetteer put it, unless its own words already name a site (then that site is
        mapped where the text says it, at load) or the reviewer rejected the name. When the name's site is the same
        place ("the North Korean capital" read as Pyongyang, a site already), the candidate is that site's: its id
        comes back with it, so the mention is mapped there, not dropped."""
        if c.place is None or key(c.surface) in self.rejected or self.index.alias_owner(c.surface) is not None:
            return c, None
        owner = self.index.alias_owner(c.place.name)
        at = self._point_of(owner) if owner else None
        if owner is not None and at is not None and distance_km(at, (c.place.lat, c.place.lon)) <= SAME_PLACE_KM:
            return c, owner
        why = f"{c.reason}; another site ({owner}) has the name {c.place.name!r}: not mapped, check it"
        return replace(c, status="low-confidence", reason=why), None

    def _point_of(self, site_id: str) -> tuple[float, float] | None:
        """(lat, lon) of a site of the workspace or of the reference."""
        if site_id in self.reference:
            return self.reference[site_id].lat, self.reference[site_id].lon
        props = self.index.feature_for_ref(f"site:{site_id}")
        point = props.get("point") if props else None
        return (float(point[1]), float(point[0])) if isinstance(point, list) and len(point) == 2 else None

    def _moved_to(self, owner: str, place: Place, c: Candidate) -> dict[str, Any] | None:
        """The site `owner` moved to `place`, when this batch made it from a reading at least MOVE_MARGIN less sure
        than `c` (placed, not for review): one name is one site, and in a batch the surest reading of it, not the
        first article's, says where it is. A site from before the batch, or a known one, never moves; None then."""
        props = self.index.feature_for_ref(f"site:{owner}")
        if owner not in self.created or props is None or c.status != "placed":
            return None
        if c.confidence < float(props.get("confidence", 0)) + MOVE_MARGIN:
            return None
        old_name = props.get("name")
        aliases = [*([old_name] if isinstance(old_name, str) and key(old_name) != key(place.name) else []), *(props.get("aliases") or [])]
        moved = site_feature(owner, place, aliases, c.confidence)  # the name it was made under stays one of its names
        props.clear()
        props.update(moved["properties"])
        feature = next(f for f in self.ws.features if f.get("properties") is props)
        feature["geometry"] = moved["geometry"]
        self.index.ref_added(props)
        self.index.alias_added(props, place.name)
        return props


SAME_PLACE_KM = 25.0
"""Within this distance a site holding a candidate's place name is that place (not a namesake elsewhere)."""


NAMESAKE_MARGIN_KM = 50.0
"""How much nearer the article's other places its own reading of a name must be than the site another article made
for the name, for the article to get a site of its own (Site.scope) rather than that one."""


MOVE_MARGIN = 0.15
"""How much surer a later reading of a name must be to move the site an earlier article of the batch made for it."""


def ingest(
    files: Iterable[Path],
    root: Path,
    reference_sites: Sequence[Site] = (),
    *,
    copy_reference: bool = True,
    taken_ids: Iterable[str] = (),
    geocode: Geocoder | None = None,
    progress: Progress | None = None,
    wait: float | None = None,
    waiting: Callable[[], None] | None = None,
) -> Report:
    """Ingest `files` into the workspace folder `root` (created if needed).

    `reference_sites` are known sites (the bundled gazetteer): found by name like the core does; with
    `copy_reference` the ones an article names are copied in so a `--data` workspace stands alone.
    `taken_ids` are article ids already used elsewhere (the bundled corpus when merged).
    The workspace lock is held from reading the files to the commit, so a second writer waits
    (`wait` seconds, None: as long as it takes, then commit.Busy; `waiting` is called meanwhile).
    """
    root = Path(root).expanduser()
    with commit.writing(root, wait=wait, waiting=waiting):
        return _ingest(files, root, reference_sites, copy_reference, taken_ids, geocode, progress)


def _gazetteer_reading(feature: Any) -> bool:
    """Whether a workspace feature is a gazetteer place an earlier ingest read (or a reviewer accepted, or chose from
    the gazetteer) for its articles: it has a reading's ref. Such sites are not known names to the next articles: each
    new article reads the name itself and _Sites maps its reading to the site (the same reading, or the same place) or
    to a namesake of its own, as if the articles had been ingested together (a reviewer accepting the Oleksandrivka of
    one front says nothing of another report's). Bundled and copied sites, and places a reviewer put on the map by
    hand ("user:" refs, which no gazetteer reads), stay known everywhere."""
    props = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(props, dict):
        return False
    ref = props.get("ref")
    return isinstance(ref, str) and not ref.startswith(("site:", "user:"))


def _ingest(
    files: Iterable[Path],
    root: Path,
    reference_sites: Sequence[Site],
    copy_reference: bool,
    taken_ids: Iterable[str],
    geocode: Geocoder | None,
    progress: Progress | None,
) -> Report:
    files = [Path(f) for f in files]
    ws = WorkspaceFiles.open(root)
    start = snapshot(root)  # to refuse committing over changes made meanwhile
    known_sites: dict[str, Site] = {s.id: s for s in reference_sites}
    try:
        own, _ = parse_sites({"type": "FeatureCollection", "features": ws.features}, "sites.geojson")
    except ValueError as exc:
        raise StoreError(str(exc)) from exc
    read_before = {str(f["properties"].get("id")) for f in ws.features if _gazetteer_reading(f)}
    for s in own:
        if s.id not in read_before:
            known_sites.setdefault(s.id, s)
    index = AliasIndex(known_sites.values())
    sites = _Sites(ws, reference_sites, copy_reference)
    batch_places: dict[str, Place] = {}
    taken = set(taken_ids) | ws.article_ids()
    results: list[FileResult] = []
    for i, path in enumerate(files):
        if progress:
            progress(i, len(files), path)
        result = FileResult(path)
        results.append(result)
        try:
            extracted = extract_file(path)
            result.notes.extend(extracted.notes)
            sha = hashlib.sha256(extracted.text.encode("utf-8")).hexdigest()
            dup = ws.article_with_text(sha)
            if dup:
                result.article_id = dup
                result.skipped = True
                result.notes.append(f"already ingested as {dup!r}; skipped")
                continue
            article_id = unique_id(slug(path.stem) or slug(extracted.title or ""), taken)
            article = make_article(
                article_id, extracted.text, title=extracted.title, outlet=extracted.outlet, date=extracted.date, url=extracted.url
            )
            if not article.passages:
                raise ExtractError("no article paragraphs found")
            candidates = find_candidates(article, index, geocode, batch_places)
        except ExtractError as exc:
            result.error = str(exc)
            continue
        except Exception as exc:  # one file's failure, whatever it is, never costs the rest of the batch
            result.error = f"cannot process: {type(exc).__name__}: {exc}"
            continue
        rows = []
        sites.start_article(article_id, candidates)
        for c in candidates:
            site_id = sites.site_for(c)
            if site_id is None and c.status == "placed":
                c, site_id = sites.clashing(c)  # another site holds the place's name: that site, or the review list
            again = c.status != "known" and sites.found_before(c, site_id)  # an earlier ingest's site: known
            if c.status != "known" and not again:
                row = candidate_row(c, site_id)
                if key(c.surface) in sites.rejected:
                    row["decision"] = "rejected"  # the reviewer said no to this name before
                rows.append(row)
            result.placed += again or (c.status in ("known", "placed", "low-confidence") and site_id is not None)
            result.review += not again and c.status in ("low-confidence", "unplaced") and key(c.surface) not in sites.rejected
        entry = {
            "id": article_id,
            "file": f"{article_id}.txt",
            "title": extracted.title,
            "outlet": extracted.outlet,
            "date": extracted.date,
            "date_source": extracted.date_source,
            "url": extracted.url,
            "source": path.name,
        }
        ws.add_article(entry, extracted.text)
        ws.add_candidates(article_id, rows)
        taken.add(article_id)
        result.article_id = article_id
    if progress:
        progress(len(files), len(files), Path(""))
    if any(r.article_id and not r.error for r in results) and ws.texts:
        if snapshot(root) != start:  # only a program that ignores the lock (or a hand edit) gets here
            raise StoreError(
                f"{root} changed while the articles were read (edited by hand or by a program not using the lock); nothing was written: add them again"
            )
        ws.commit()
    return Report(results, sites.new)


def ingest_into(
    files: Iterable[Path],
    root: Path,
    *,
    merged: bool,
    geocode: Geocoder | None = None,
    progress: Progress | None = None,
    wait: float | None = None,
    waiting: Callable[[], None] | None = None,
) -> Report:
    """Ingest into a workspace folder the way the CLI and the window both do.

    `merged`: `root` is the user workspace shown alongside the bundled corpus, so bundled sites are
    referenced (not copied) and bundled article ids are taken. Otherwise `root` is a standalone
    `--data` folder and the bundled sites an article names are copied in.
    """
    root = Path(root).expanduser()
    with commit.writing(root, wait=wait, waiting=waiting):  # the user aliases below are read under it too
        bundled = Location.bundled()
        reference: list[Site] = []
        with contextlib.suppress(GazetteerError):  # no bundled gazetteer: the offline gazetteer still places names
            reference, _ = load_sites(bundled.sites)
        if merged:  # names the user merged into bundled sites are those sites, not new places
            add_user_aliases(root / SITE_ALIASES_FILE, reference, [])
        taken = [a.id for a in load_articles(bundled.articles)[0]] if merged and bundled.articles.is_dir() else []
        return ingest(files, root, reference, copy_reference=not merged, taken_ids=taken, geocode=geocode, progress=progress)
