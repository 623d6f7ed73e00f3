"""The citation of a site as the map's context menu copies it: where the site is, how precise that
is and where its coordinates come from, then each shown passage that names it, cited the one way
every passage is (citation.format_citation)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from mapviewer.core.citation import format_citation
from mapviewer.core.model import Mention, Site

if TYPE_CHECKING:
    from mapviewer.core.workspace import Workspace


def site_heading(site: Site) -> str:
    """One line: name, kind and country, the coordinates, their precision and their source."""
    what = ", ".join(p for p in (site.kind.replace("-", " "), site.country) if p)
    return (
        f"{site.name}{f' ({what})' if what else ''}: {site.lat:.5f}, {site.lon:.5f} (lat, lon), "
        f"location {site.precision}. Coordinates: {site.coord_source}"
    )


def site_citation(ws: Workspace, site_id: str, mentions: Iterable[Mention]) -> str:
    """The site's heading, then one citation per passage of `mentions` (those the map shows), numbered.
    Plain text: whoever shows it as HTML escapes it."""
    lines = [site_heading(ws.site_by_id[site_id])]
    for n, mention in enumerate(mentions, 1):
        article = ws.article_by_id.get(mention.article_id)
        if article is not None:
            lines.append(f"{n}. {format_citation(article, mention)}")
    return "\n".join(lines)
