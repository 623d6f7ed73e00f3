"""Plain-dict records of sites and passages: the one shape the CLI's JSON, the GeoJSON export and
copied gazetteer features share, so a field is added or renamed in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mapviewer.core.model import Article, Mention, Site
from mapviewer.core.when import When, when_of

if TYPE_CHECKING:  # records stay importable from modules the workspace itself uses
    from mapviewer.core.filters import FilterResult
    from mapviewer.core.workspace import Workspace


def paragraph_label(index: int) -> str:
    """How every citation names a paragraph: counted from 1 as a reader counts ("¶1" is the article's
    first line); the JSON records keep the 0-based index the text offsets use."""
    return f"¶{int(index) + 1}"


def site_identity(site: Site) -> dict[str, Any]:
    """What names and places a site, as written in sites.geojson."""
    return {
        "id": site.id,
        "name": site.name,
        "aliases": list(site.aliases),
        "kind": site.kind,
        "country": site.country,
        "precision": site.precision,
        "coord_source": site.coord_source,
        **({"radius_km": site.radius_km} if site.radius_km > 0 else {}),  # a place located only by an article's text
    }


def corroboration(ws: Workspace, result: FilterResult) -> dict[str, dict[str, Any]]:
    """Per shown site: how many independent sources (core.sources) name it in the shown passages, and which."""
    group, labels = ws.table.source_columns()
    table = ws.table
    rows = result.mention_mask.nonzero()[0]
    named: dict[int, set[int]] = {}
    for site, g in zip(table.site[rows].tolist(), group[rows].tolist()):
        named.setdefault(site, set()).add(g)
    out = {}
    for i, groups in named.items():
        outlets = sorted(labels[g] for g in groups)
        out[table.site_ids[i]] = {"sources": len(outlets), "source_outlets": outlets}
    return out


def article_provenance(article: Article) -> dict[str, Any]:
    """Where an article's text comes from and whether it is still the text that was recorded."""
    return {
        "date_source": article.date_source,
        "sha256": article.sha256,
        "added": article.added,
        "original_file": article.original_file,
        "text_changed": article.text_changed,
    }


def passage_when(ws: Workspace, m: Mention) -> When | None:
    """When the passage's statement about the site happened (core.when), from its sentence and its article's date."""
    return when_of(m.sentence, m.lead, ws.article_by_id[m.article_id].date)


def passage_record(ws: Workspace, m: Mention) -> dict[str, Any]:
    """One passage: where it is, what it says, how it is labelled and when it happened."""
    when = passage_when(ws, m)
    record = {
        "mention": m.id,
        "article": m.article_id,
        "article_title": ws.article_label(m.article_id),
        "paragraph": m.paragraph,
        "span": [m.start, m.end],
        "surface": m.surface,
        "text": m.sentence,
        "certainty": m.claim.certainty,
        "topics": list(m.claim.topics),
        "label_source": m.claim.source,
        "when": None if when is None else when.record(),
    }
    if ws.article_by_id[m.article_id].text_changed:
        record["text_changed"] = True  # only then: the text is no longer the one these offsets and labels were made on
    return record
