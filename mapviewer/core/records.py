"""Plain-dict records of sites and passages: the one shape the CLI's JSON, the GeoJSON export and
copied gazetteer features share, so a field is added or renamed in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mapviewer.core.model import Mention, Site

if TYPE_CHECKING:  # records stay importable from modules the workspace itself uses
    from mapviewer.core.workspace import Workspace


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
    }


def passage_record(ws: Workspace, m: Mention) -> dict[str, Any]:
    """One passage: where it is, what it says and how it is labelled."""
    return {
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
    }
