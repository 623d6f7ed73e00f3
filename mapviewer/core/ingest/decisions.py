"""The reviewer's decisions on what ingest found: accept, reject, rename, merge into a site, place.

Why on files and not on a loaded Workspace: the decisions change the user workspace's gazetteer
(`sites.geojson`), its review record (`candidates.json`) and, for sites the user workspace does not
own (the bundled ones), `site_aliases.json`. The ordinary loaders then show the result, the CLI and
the window see the same thing, and an edit is one atomic transaction over those files.

Candidates are grouped into review items: every occurrence that ingest tied to the same site, or,
when unplaced, every occurrence of the same name. Decisions apply to the whole item, and are kept
on its rows (`decision`), so `mapviewer review` stops listing them and a later ingest does not
bring a rejected name back.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from mapviewer.core import commit
from mapviewer.core.corpus import METADATA_FILE
from mapviewer.core.ingest.anchors import APPROXIMATE
from mapviewer.core.ingest.review import candidate_rows
from mapviewer.core.ingest.store import (
    ARTICLES_DIR,
    CANDIDATES_FILE,
    SITES_FILE,
    StoreError,
    Transaction,
    WorkspaceFiles,
    _dump,
    _read_json,
    unique_id,
)
from mapviewer.core.model import Problem, Site
from mapviewer.core.textnorm import key, slug
from mapviewer.core.workspace import SITE_ALIASES_FILE

if TYPE_CHECKING:
    from mapviewer.core.ingest.suggest import Suggestion

REVIEW_ORDER = {"unplaced": 0, "low-confidence": 1, "placed": 2}
MAX_NAME = 200


class ReviewError(ValueError):
    """A decision that cannot be applied, with the reason in words the reviewer understands."""


@dataclass(frozen=True)
class ReviewItem:
    """One new place as the reviewer sees it: all its occurrences, what ingest did, what was decided."""

    key: str  # "site:<id>" or "name:<folded name>"
    name: str  # as first written in an article
    site_id: str | None
    place: str | None  # the site's name on the map, when placed
    lat: float | None
    lon: float | None
    status: str  # the weakest ingest status among the occurrences
    decision: str | None  # shared by every occurrence, else None
    confidence: float
    provenance: str | None
    articles: tuple[str, ...]
    count: int
    reason: str
    sentence: str
    first: tuple[str, int, int] = ("", 0, 0)  # article id and span of the first occurrence
    approximate: str = ""  # located only by the article's text: "approximate: in the X district, ±60 km (…)"

    @property
    def needs_review(self) -> bool:
        return self.decision is None and self.status in ("unplaced", "low-confidence")


def folded(name: str) -> str:
    """A name as the matcher compares it (case, accents and punctuation folded), as one string."""
    return " ".join(key(name))


def item_key(row: dict[str, Any]) -> str:
    site = row.get("site")
    return f"site:{site}" if isinstance(site, str) and site else f"name:{folded(str(row.get('name', '')))}"


def _rows(data: Any) -> list[dict[str, Any]]:
    rows = data.get("candidates") if isinstance(data, dict) else None
    return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []


def _group(rows: Iterable[dict[str, Any]], features: dict[str, dict[str, Any]]) -> list[ReviewItem]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault(item_key(r), []).append(r)
    items = []
    for k, members in groups.items():
        first = members[0]
        site = first.get("site") if k.startswith("site:") else None
        props = features.get(site) if site else None
        point = (props or {}).get("point") or [first.get("lon"), first.get("lat")]
        if type(point) is not list or len(point) < 2:  # a hand-edited feature's: no position shown
            point = [None, None]
        decisions = {r.get("decision") for r in members}
        status = min((str(r.get("status")) for r in members), key=lambda s: REVIEW_ORDER.get(s, 9))
        items.append(
            ReviewItem(
                key=k,
                name=str(first.get("name", "")),
                site_id=site,
                place=_text(props.get("name")) if props else first.get("place"),
                lat=_num(point[1]) if site else None,
                lon=_num(point[0]) if site else None,
                status=status,
                decision=decisions.pop() if len(decisions) == 1 else None,
                confidence=min(float(r.get("confidence") or 0) for r in members),
                provenance=_text((props or {}).get("provenance")) or first.get("provenance"),
                articles=tuple(dict.fromkeys(str(r.get("article")) for r in members)),
                count=len(members),
                reason=str(first.get("reason") or ""),
                sentence=str(first.get("sentence") or ""),
                first=_where(first),
                approximate=_approximate(props, first),
            )
        )
    return sorted(items, key=lambda i: (not i.needs_review, i.decision is not None, REVIEW_ORDER.get(i.status, 9), key(i.name)))


def _approximate(props: dict[str, Any] | None, row: dict[str, Any]) -> str:
    """What says the item's point is only where the article's text puts it (anchors.APPROXIMATE): its site's
    coordinate source, or, for a point kept on the row alone, the start of its reason; "" for any other point."""
    text = props.get("coord_source") if props is not None else row.get("reason") if row.get("lat") is not None else None
    return text.split(";")[0] if isinstance(text, str) and text.startswith(APPROXIMATE) else ""


def _where(row: dict[str, Any]) -> tuple[str, int, int]:
    span = row.get("span")
    if isinstance(span, list) and len(span) == 2 and isinstance(span[0], int) and isinstance(span[1], int):
        return str(row.get("article", "")), span[0], span[1]
    return str(row.get("article", "")), 0, 0


def _num(value: Any) -> float | None:
    return float(value) if type(value) in (int, float) and math.isfinite(value) else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def review_items(root: Path, problems: list[Problem] | None = None) -> list[ReviewItem]:
    """Every new place ingest found in the workspace at `root`, the ones needing a look first (as of one commit).
    A row that cannot be listed (a field of the wrong type) is left out and added to `problems`."""
    root = Path(root)
    items, found = commit.read_consistent([root], lambda: _review_items(root))[0]
    if problems is not None:
        problems.extend(found)  # from the one read that counted, not from a retried one
    return items


def _review_items(root: Path) -> tuple[list[ReviewItem], list[Problem]]:
    found: list[Problem] = []
    rows = _rows(_read_json(root / CANDIDATES_FILE, {"candidates": []}))
    if not rows:  # most workspaces: no need to parse a large gazetteer
        return [], found
    ws = WorkspaceFiles.open(root)
    rows = candidate_rows(ws.candidates, str(root / CANDIDATES_FILE), found)
    return _group(rows, {p["id"]: p for p in ws._props() if isinstance(p.get("id"), str)}), found


# ------------------------------------------------------------------------------ editing


class _Edit:
    """The workspace files of one decision, changed in memory and committed together."""

    def __init__(self, root: Path, item: str) -> None:
        self.root = Path(root)
        if not self.root.is_dir():
            raise ReviewError(f"{self.root}: the workspace folder does not exist")
        self.ws = WorkspaceFiles.open(self.root)
        self.aliases = _read_json(self.root / SITE_ALIASES_FILE, {})
        if not isinstance(self.aliases, dict):
            raise StoreError(f"{self.root / SITE_ALIASES_FILE}: expected an object of site id → aliases")
        self.rows = [r for r in self.ws.candidates if item_key(r) == item]
        if not self.rows:
            raise ReviewError(f"no candidate {item!r} in {self.root / CANDIDATES_FILE} (reviewed elsewhere? reload)")
        self.surfaces = list(dict.fromkeys(str(r.get("name", "")) for r in self.rows))
        site = self.rows[0].get("site") if item.startswith("site:") else None
        self.props = self.feature(site) if site else None

    def feature(self, site_id: str) -> dict[str, Any] | None:
        return next((p for p in self.ws._props() if p.get("id") == site_id), None)

    def decide(self, decision: str, **fields: Any) -> None:
        for r in self.rows:
            r["decision"] = decision
            r.update(fields)

    def drop_own_site(self) -> None:
        """Take this item's names off its site. The site itself goes when its own name is among them, or
        when no article names it any more (a known match in another article has no review row, so the
        texts are checked); a copied known site only loses the names."""
        gone = {key(s) for s in self.surfaces}
        site = self.rows[0].get("site")
        if self.props is None:  # merged into a site this workspace does not own: the names are in site_aliases
            if isinstance(site, str) and isinstance(self.aliases.get(site), list):
                kept = [a for a in self.aliases[site] if key(str(a)) not in gone]
                if kept:
                    self.aliases[site] = kept
                else:
                    del self.aliases[site]
            return
        kept = [a for a in self.props.get("aliases") or [] if key(str(a)) not in gone]
        name = str(self.props.get("name", ""))
        copied = str(self.props.get("ref", "")).startswith("site:")
        if not copied and (key(name) in gone or not self._named_in_articles([name, *kept])):
            self.ws.features[:] = [f for f in self.ws.features if not (isinstance(f, dict) and f.get("properties") is self.props)]
        else:
            self.props["aliases"] = kept

    def _named_in_articles(self, names: list[str]) -> bool:
        """Whether any article of this workspace contains one of `names` as whole words (as the matcher reads them)."""
        wanted = [" ".join(key(n)) for n in names if key(n)]
        folder = self.root / ARTICLES_DIR
        for entry in self.ws.articles:
            file = entry.get("file") if isinstance(entry, dict) else None
            if not isinstance(file, str) or not (folder / file).is_file():
                continue
            words = f" {' '.join(key((folder / file).read_text(encoding='utf-8', errors='replace')))} "
            if any(f" {w} " in words for w in wanted):
                return True
        return False

    def commit(self) -> None:
        tx = Transaction(self.root)
        tx.stage(self.root / SITES_FILE, _dump({"type": "FeatureCollection", "features": self.ws.features}))
        tx.stage(self.root / CANDIDATES_FILE, _dump({"version": 1, "candidates": self.ws.candidates}))
        if self.aliases or (self.root / SITE_ALIASES_FILE).exists():
            tx.stage(self.root / SITE_ALIASES_FILE, _dump(self.aliases))
        tx.commit()


def _clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", str(name)).strip()
    if not name:
        raise ReviewError("the name is empty")
    if len(name) > MAX_NAME:
        raise ReviewError(f"the name is longer than {MAX_NAME} characters")
    if any(ord(c) < 32 for c in name):
        raise ReviewError("the name contains control characters")
    return name


def _owner(name: str, edit: _Edit, others: Sequence[Site]) -> str | None:
    """Which site (own or elsewhere) already answers to `name`; none for a scoped site's item (Site.scope: its names
    are its articles' own, so they may be another site's elsewhere, as "Oleksandrivka" is two villages' name)."""
    if edit.props is not None and edit.props.get("scope"):
        return None
    own = edit.ws.alias_owner(name)
    if own is not None:
        return own
    k = key(name)
    return next((s.id for s in others if any(key(n) == k for n in (s.name, *s.aliases))), None)


F = TypeVar("F", bound=Callable[..., Any])


def _locked(decision: F) -> F:
    """A decision reads, decides and commits under the workspace lock, so no other writer's change
    lands in between (and is lost); waits for another writer as long as it takes, unless the caller
    (the window, with a bounded wait) already holds the lock."""

    @functools.wraps(decision)
    def locked(root: Path, *args: Any, **kwargs: Any) -> Any:
        if not Path(root).is_dir():
            raise ReviewError(f"{root}: the workspace folder does not exist")
        with commit.writing(root):
            return decision(root, *args, **kwargs)

    return locked  # type: ignore[return-value]


@_locked
def accept(root: Path, item: str) -> None:
    """The reviewer checked the place: it stays where it is and is trusted."""
    edit = _Edit(root, item)
    if edit.props is None:
        raise ReviewError(f"{edit.surfaces[0]!r} is not placed yet: place it on the map or merge it into a site first")
    edit.props["confidence"] = 1.0
    edit.props["reviewed"] = True
    edit.decide("accepted")
    edit.commit()


@_locked
def reject(root: Path, item: str) -> None:
    """Not a place (or not one worth mapping): off the map, and later ingests leave the name alone."""
    edit = _Edit(root, item)
    edit.drop_own_site()
    edit.decide("rejected")
    edit.commit()


@_locked
def rename(root: Path, item: str, new_name: str, others: Sequence[Site] = ()) -> None:
    """Give a placed site a better name; the names the articles use stay aliases so they still match."""
    edit = _Edit(root, item)
    name = _clean_name(new_name)
    if edit.props is None:
        raise ReviewError(f"{edit.surfaces[0]!r} is not placed yet: place it on the map first, then rename it")
    owner = _owner(name, edit, others)
    if owner not in (None, edit.props.get("id")):
        raise ReviewError(f"{name!r} already names site {owner!r}: merge into it instead")
    old = str(edit.props.get("name", ""))
    aliases = [str(a) for a in edit.props.get("aliases") or []]
    for written in [old, *edit.surfaces]:
        if key(written) != key(name) and all(key(written) != key(a) for a in aliases):
            aliases.append(written)
    edit.props["name"] = name
    edit.props["aliases"] = [a for a in aliases if key(a) != key(name)]
    for r in edit.rows:
        r["place"] = name
    edit.commit()


@_locked
def merge(root: Path, item: str, target: str, others: Sequence[Site] = ()) -> None:
    """The names are another site (an existing one): they become its aliases and this item's own site goes."""
    edit = _Edit(root, item)
    if edit.props is not None and edit.props.get("id") == target:
        raise ReviewError(f"{edit.surfaces[0]!r} is already site {target!r}")
    own = edit.feature(target)
    external = next((s for s in others if s.id == target), None)
    if own is None and external is None:
        raise ReviewError(f"there is no site {target!r} to merge into")
    if own is not None and own.get("scope") and not (edit.props or {}).get("scope"):
        # its names count only in its own articles: the item's mentions in every other article would be lost
        raise ReviewError(f"site {target!r} is the name's place in its own articles only: merge it into this one instead")
    for name in edit.surfaces:
        owner = _owner(name, edit, others)
        if owner not in (None, target, (edit.props or {}).get("id")):
            raise ReviewError(f"{name!r} already names site {owner!r}")
    edit.drop_own_site()
    if own is not None:
        aliases = own.setdefault("aliases", [])
        names = [own.get("name", ""), *aliases]
        aliases.extend(n for n in edit.surfaces if all(key(n) != key(str(a)) for a in names))
        point = own.get("point") or [None, None]
    else:
        assert external is not None
        extra = edit.aliases.setdefault(target, [])
        names = [external.name, *external.aliases, *extra]
        extra.extend(n for n in edit.surfaces if all(key(n) != key(str(a)) for a in names))
        point = [external.lon, external.lat]
    edit.decide(
        "merged", site=target, lat=point[1], lon=point[0], place=(own or {}).get("name") or (external.name if external else None)
    )
    edit.commit()


@_locked
def place(root: Path, item: str, lat: float, lon: float, chosen: Suggestion | None = None, others: Sequence[Site] = ()) -> str:
    """The reviewer put the place on the map by hand (a click, typed coordinates) or chose a gazetteer
    place for it (`chosen`: then the site takes that place's name, country and source, the names the
    articles use staying aliases so they still match); returns its site id (new for an unplaced name)."""
    if not (isinstance(lat, (int, float)) and isinstance(lon, (int, float)) and math.isfinite(lat) and math.isfinite(lon)):
        raise ReviewError("the position is not a number")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ReviewError(f"({lat}, {lon}) is not on the map (latitude −90…90, longitude −180…180)")
    lat, lon = round(float(lat), 5), round(float(lon), 5)
    edit = _Edit(root, item)
    user: dict[str, Any] = {
        "provenance": "user",
        "confidence": 1.0,
        "precision": "approximate",
        "coord_source": "placed on the map by the user",
        "reviewed": True,
    }
    new_name = _clean_name(chosen.name) if chosen is not None else None
    if chosen is not None:
        user.update(coord_source=chosen.coord_source, country=chosen.country)
    if edit.props is not None:
        feature = next(f for f in edit.ws.features if isinstance(f, dict) and f.get("properties") is edit.props)
        if (feature.get("geometry") or {}).get("type") not in (None, "Point"):
            raise ReviewError(f"{edit.props.get('name')!r} is an area or a line: it cannot be moved to one point")
        if new_name is not None:
            owner = _owner(new_name, edit, others)
            if owner not in (None, edit.props.get("id")):
                raise ReviewError(f"{new_name!r} already names site {owner!r}: merge into it instead")
            old = str(edit.props.get("name", ""))
            aliases = [str(a) for a in edit.props.get("aliases") or []]
            aliases += [w for w in [old, *edit.surfaces] if all(key(w) != key(a) for a in aliases)]
            edit.props["name"] = new_name
            edit.props["aliases"] = [a for a in aliases if key(a) != key(new_name)]
            for r in edit.rows:
                r["place"] = new_name
        edit.props.update(user, point=[lon, lat])
        edit.props.pop("radius_km", None)  # the reviewer's point is not where an article's text put it
        feature["geometry"] = {"type": "Point", "coordinates": [lon, lat]}
        site_id = str(edit.props["id"])
    else:
        name = new_name or _clean_name(edit.surfaces[0])
        for n in dict.fromkeys([name, *edit.surfaces]):
            owner = _owner(n, edit, others)
            if owner is not None:
                raise ReviewError(f"{n!r} already names site {owner!r}: merge into it instead")
        site_id = unique_id(slug(name) or "place", edit.ws.site_ids() | {s.id for s in others})
        edit.ws.features.append(
            {
                "type": "Feature",
                "properties": {
                    "id": site_id,
                    "name": name,
                    "aliases": edit.surfaces[1:] if chosen is None else [s for s in edit.surfaces if key(s) != key(name)],
                    "kind": "town" if chosen is not None else "site",
                    "country": "",
                    **user,
                    "point": [lon, lat],
                    "ref": f"gn:{chosen.gid}" if chosen is not None else f"user:{folded(name)}",
                },
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
            }
        )
    fields = {"place": new_name} if new_name is not None else {}
    edit.decide("placed", site=site_id, lat=lat, lon=lon, provenance="user", **fields)
    edit.commit()
    return site_id


def rejected_names(candidates: Iterable[dict[str, Any]]) -> frozenset[tuple[str, ...]]:
    """Folded names the reviewer rejected: a later ingest does not place them again."""
    return frozenset(key(str(r.get("name", ""))) for r in candidates if isinstance(r, dict) and r.get("decision") == "rejected")


# ------------------------------------------------------------------------------ undo


WORKSPACE_FILES = (SITES_FILE, CANDIDATES_FILE, SITE_ALIASES_FILE, f"{ARTICLES_DIR}/{METADATA_FILE}")


def snapshot(root: Path) -> dict[str, bytes | None]:
    """The bytes of the files a decision or a details edit changes, to put them back on undo."""
    root = Path(root)
    return {name: (root / name).read_bytes() if (root / name).exists() else None for name in WORKSPACE_FILES}


def restore(root: Path, snap: dict[str, bytes | None]) -> None:
    """Put a snapshot back, all-or-nothing over the set (files absent from it are deleted)."""
    root = Path(root)
    with commit.writing(root):
        tx = Transaction(root)
        for name, data in snap.items():
            if data is not None:
                tx.stage(root / name, data)
            elif (root / name).exists():
                tx.delete(root / name)
        tx.commit()
