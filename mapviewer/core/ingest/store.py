"""Write ingested articles, placed sites and review candidates into a workspace folder, atomically.

Layout is that of any `--data DIR` workspace (so the ordinary loaders read it):
    sites.geojson            gazetteer features, plus "provenance", "confidence" and "ref"
    articles/articles.json   article metadata (the commit point: written last)
    articles/<id>.txt        article text exactly as extracted
    candidates.json          every non-trivial candidate (placed, low-confidence, unplaced) for review
A batch is staged in memory and committed as a whole by core.commit (a journal and one rename as the
commit point), under the workspace lock its writer holds from reading the files to committing: a kill,
a failure or Ctrl-C at any moment leaves the workspace exactly as it was before or after.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mapviewer.core import commit, safefile
from mapviewer.core.corpus import METADATA_FILE
from mapviewer.core.model import Site
from mapviewer.core.records import site_identity
from mapviewer.core.textnorm import key

if TYPE_CHECKING:  # not imported at run time: the window reads the store long before it finds places
    from mapviewer.core.ingest.places import Candidate, Place

SITES_FILE = "sites.geojson"
ARTICLES_DIR = "articles"
CANDIDATES_FILE = "candidates.json"


class StoreError(Exception):
    """The workspace's existing files cannot be read, so writing would destroy data: refuse."""


def _read_json(path: Path, default: Any) -> Any:
    """The file's JSON as written (so it can be written back unchanged), read as every workspace
    file is (regular files only, bounded size and depth); `default` when there is no file."""
    if not safefile.exists(path):
        return default
    try:
        return safefile.load_json(path, decoder=safefile.PLAIN)
    except safefile.FileError as exc:
        raise StoreError(f"{path}: cannot read ({exc}); fix or move it before ingesting") from exc


def _dump(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@dataclass
class Transaction:
    """Staged whole-file writes and deletions under one workspace folder, committed together
    (core.commit). The caller holds the folder's lock (core.commit.writing) since it read the files."""

    root: Path
    writes: list[tuple[Path, bytes]] = field(default_factory=list)
    deletes: list[Path] = field(default_factory=list)

    def stage(self, path: Path, data: bytes) -> None:
        self.writes.append((Path(path), data))

    def delete(self, path: Path) -> None:
        self.deletes.append(Path(path))

    def commit(self) -> None:
        rel = lambda p: Path(p).relative_to(self.root).as_posix()  # noqa: E731
        commit.commit(self.root, [(rel(p), data) for p, data in self.writes], [rel(p) for p in self.deletes])


def unique_id(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`… : the first id not in `taken`."""
    base = base or "article"
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def site_feature(site_id: str, place: Place, aliases: list[str], confidence: float) -> dict[str, Any]:
    """A gazetteer.py feature for an automatically placed site, with where it came from and how sure."""
    from mapviewer.core.ingest.places import gazetteer

    country = gazetteer().country_name(place.country) if place.country else ""
    radius = {"radius_km": round(place.radius_km, 1)} if place.radius_km > 0 else {}
    return {
        "type": "Feature",
        "properties": {
            "id": site_id,
            "name": place.name,
            "aliases": aliases,
            "kind": place.kind,
            "country": country,
            "precision": place.precision,
            "coord_source": place.coord_source,
            **radius,
            "point": [round(place.lon, 5), round(place.lat, 5)],
            "provenance": place.provenance,
            "confidence": round(confidence, 2),
            "ref": place.ref,
        },
        "geometry": {"type": "Point", "coordinates": [round(place.lon, 5), round(place.lat, 5)]},
    }


def copied_feature(site: Site) -> dict[str, Any]:
    """A known (bundled) site copied into a standalone workspace so that workspace is complete."""
    props: dict[str, Any] = {
        **site_identity(site),
        "point": [site.lon, site.lat],
        "provenance": site.provenance,
        "confidence": 1.0,
        "ref": f"site:{site.id}",
    }
    if site.exclude:
        props["exclude"] = list(site.exclude)
    if site.note:
        props["note"] = site.note
    return {"type": "Feature", "properties": props, "geometry": site.geometry}


@dataclass
class WorkspaceFiles:
    """The current content of a workspace folder, edited in memory until `commit`."""

    root: Path
    features: list[dict[str, Any]]
    articles: list[dict[str, Any]]
    candidates: list[dict[str, Any]]
    texts: dict[str, str] = field(default_factory=dict)  # file name -> text, new this batch

    @classmethod
    def open(cls, root: Path) -> WorkspaceFiles:
        root = Path(root).expanduser()
        sites = _read_json(root / SITES_FILE, {"type": "FeatureCollection", "features": []})
        meta = _read_json(root / ARTICLES_DIR / METADATA_FILE, {"articles": []})
        cands = _read_json(root / CANDIDATES_FILE, {"candidates": []})
        if not isinstance(sites, dict) or not isinstance(sites.get("features"), list):
            raise StoreError(f"{root / SITES_FILE}: not a GeoJSON FeatureCollection")
        if not isinstance(meta, dict) or not isinstance(meta.get("articles"), list):
            raise StoreError(f'{root / ARTICLES_DIR / METADATA_FILE}: expected an object with an "articles" list')
        rows = cands.get("candidates") if isinstance(cands, dict) else None
        return cls(root, sites["features"], meta["articles"], rows if isinstance(rows, list) else [])

    # -- lookups

    def article_ids(self) -> set[str]:
        # Only string ids: the set is checked for ids to give out, which are strings.
        return {i for a in self.articles if isinstance(a, dict) and isinstance(i := a.get("id"), str)} | {
            Path(a.get("file", "")).stem for a in self.articles if isinstance(a, dict)
        }

    def article_with_text(self, sha: str) -> str | None:
        return next((a.get("id") for a in self.articles if isinstance(a, dict) and a.get("sha256") == sha), None)

    def _props(self) -> list[dict[str, Any]]:
        return [f["properties"] for f in self.features if isinstance(f, dict) and isinstance(f.get("properties"), dict)]

    def site_ids(self) -> set[str]:
        return {i for p in self._props() if isinstance(i := p.get("id"), str)}  # only strings, as article_ids

    def feature_for_ref(self, ref: str) -> dict[str, Any] | None:
        return next(
            (p for p in self._props() if p.get("ref") == ref or (ref.startswith("site:") and p.get("id") == ref[5:])), None
        )

    def alias_owner(self, name: str) -> str | None:
        """The site that answers to `name` everywhere (a scoped site's names are only its articles': Site.scope)."""
        k = key(name)
        for p in self._props():
            if not p.get("scope") and any(key(n) == k for n in [p.get("name", ""), *(p.get("aliases") or [])] if isinstance(n, str)):
                return p.get("id")
        return None

    # -- edits

    def add_article(self, entry: dict[str, Any], text: str) -> None:
        """Record the article with its provenance: the sha256 of its exact text and when it was added."""
        entry["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
        entry.setdefault("added", datetime.now(timezone.utc).isoformat(timespec="seconds"))
        self.articles.append(entry)
        self.texts[entry["file"]] = text

    def add_candidates(self, article_id: str, rows: list[dict[str, Any]]) -> None:
        # a malformed row (not an object) is kept as it was: review names it, ingest never drops it
        self.candidates = [r for r in self.candidates if not isinstance(r, dict) or r.get("article") != article_id] + rows

    def commit(self) -> None:
        """Texts first, then sites and candidates, then articles.json, the file that makes them visible."""
        tx = Transaction(self.root)
        for name, text in self.texts.items():
            tx.stage(self.root / ARTICLES_DIR / name, text.encode("utf-8"))
        tx.stage(self.root / SITES_FILE, _dump({"type": "FeatureCollection", "features": self.features}))
        tx.stage(self.root / CANDIDATES_FILE, _dump({"version": 1, "candidates": self.candidates}))
        tx.stage(self.root / ARTICLES_DIR / METADATA_FILE, _dump({"articles": self.articles}))
        tx.commit()
        self.texts = {}


def candidate_row(c: Candidate, site_id: str | None) -> dict[str, Any]:
    """What the review lists about one candidate (plain JSON)."""
    return {
        "name": c.surface,
        "article": c.article_id,
        "paragraph": c.paragraph,
        "span": [c.start, c.end],
        "status": c.status,
        "confidence": c.confidence,
        "provenance": c.place.provenance if c.place else None,
        "site": site_id,
        "place": c.place.name if c.place else None,
        "lat": round(c.place.lat, 5) if c.place else None,
        "lon": round(c.place.lon, 5) if c.place else None,
        "certainty": c.certainty,
        "reason": c.reason,
        "sentence": c.sentence,
    }


EDITABLE = {"title": 300, "outlet": 200, "date": 60, "url": 2000}
"""Article details the user may correct after ingest, with their length limits."""


def article_details_problem(changes: dict[str, str | None]) -> str | None:
    """Why these details cannot be saved, or None. Empty strings clear a field (but not the title)."""
    for name, value in changes.items():
        if name not in EDITABLE:
            return f"{name!r} is not an editable article detail ({', '.join(EDITABLE)})"
        if value is None:
            continue
        if not isinstance(value, str):
            return f"{name}: expected text"
        if len(value) > EDITABLE[name]:
            return f"{name}: longer than {EDITABLE[name]} characters"
        if any(ord(c) < 32 for c in value):
            return f"{name}: contains line breaks or control characters"
    if "title" in changes and not (changes["title"] or "").strip():
        return "title: an article needs a title"
    url = (changes.get("url") or "").strip()
    if url and not re.match(r"^https?://[^\s/]+", url, re.IGNORECASE):
        return "url: only http:// and https:// addresses"
    return None


def set_article_details(root: Path, article_id: str, changes: dict[str, str | None]) -> None:
    """Correct an ingested article's title, outlet, date or URL; the text itself is never touched."""
    problem = article_details_problem(changes)
    if problem:
        raise StoreError(problem)
    if not Path(root).is_dir():
        raise StoreError(f"{root}: the workspace folder does not exist")
    with commit.writing(root):
        ws = WorkspaceFiles.open(root)
        entry = next((a for a in ws.articles if isinstance(a, dict) and a.get("id") == article_id), None)
        if entry is None:
            raise StoreError(
                f"article {article_id!r} is not in {Path(root) / ARTICLES_DIR / METADATA_FILE} (only your own articles can be edited)"
            )
        for name, value in changes.items():
            value = (value or "").strip()
            entry[name] = value or None
        tx = Transaction(ws.root)
        tx.stage(ws.root / ARTICLES_DIR / METADATA_FILE, _dump({"articles": ws.articles}))
        tx.commit()
