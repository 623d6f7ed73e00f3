"""The data the map page draws from: one JSON document, columnar so 100,000 sites stay compact.

Popups are built in the page from this data with DOM text nodes, never by pasting HTML, so
article text cannot inject markup; `to_script_json` also makes the JSON safe inside <script>.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import numpy as np

from mapviewer.core.filters import FilterResult
from mapviewer.core.gcpause import gc_paused
from mapviewer.core.pagecodes import CERTAINTY_CODES, TOPIC_CODES, certainty_table, precision_table, topic_table
from mapviewer.core.workspace import Workspace


def payload(ws: Workspace, passages: bool = True) -> dict[str, Any]:
    """Everything the page needs about the workspace; indexes refer to these same lists.

    With `passages=False` the page gets only what it draws and filters with (sites, and per mention its
    id, site and certainty): the passages' text, highlight, evidence, topics and article are fetched when
    a popup opens (`site_passages`, over the window's bridge). That is ~70 % of the data, so the window's
    page and both processes' memory shrink accordingly; the standalone export, which has no bridge,
    embeds them."""
    with gc_paused():
        return _payload(ws, passages)


def _site_columns(sites: list) -> dict[str, Any]:
    return {
        "id": [s.id for s in sites],
        "name": [s.name for s in sites],
        "kind": [s.kind.replace("-", " ") for s in sites],
        "country": [s.country for s in sites],
        "precision": [s.precision for s in sites],
        "radius": {str(i): s.radius_km for i, s in enumerate(sites) if s.radius_km > 0},  # a site's own, else its class's
        "lat": [round(s.lat, 5) for s in sites],
        "lon": [round(s.lon, 5) for s in sites],
        "shape": {str(i): s.geometry for i, s in enumerate(sites) if s.is_area},
    }


MAX_PASSAGE_IDS = 100_000
"""At most this many mention ids in one popup request from the page (more are ignored)."""


def site_passages(ws: Workspace, site_id: object, mention_ids: object) -> list[dict[str, Any]]:
    """The popup rows of `site_id`'s mentions among `mention_ids` (the page's visible ones), in the order
    asked. Both come from the page and are not trusted: anything that is not a string, not a mapped site,
    or not a mention of that site is dropped, so the page can only read passages it already shows."""
    if not isinstance(site_id, str) or not isinstance(mention_ids, list) or site_id not in ws.site_by_id:
        return []
    certainty_index, topic_index = CERTAINTY_CODES, TOPIC_CODES
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for mid in mention_ids[:MAX_PASSAGE_IDS]:
        if not isinstance(mid, str) or mid in seen:
            continue
        m = ws.mention_by_id.get(mid)
        if m is None or m.site_id != site_id:
            continue
        seen.add(mid)
        article = ws.article_by_id.get(m.article_id)
        rows.append(
            {
                "id": m.id,
                "sentence": m.sentence,
                "highlight": [m.start - m.sentence_start, m.end - m.sentence_start],
                "certainty": certainty_index[m.claim.certainty],
                "topics": [topic_index[t] for t in m.claim.topics],
                "evidence": m.claim.evidence,
                "title": article.title if article else "",
                "outlet": article.outlet if article else "",
                "source": ws.table.source_of_article(m.article_id, wait=False),  # the popup says nothing until known
            }
        )
    return rows


def site_source(ws: Workspace, site_id: object) -> dict[str, str]:
    """Where a site's coordinates come from (and its note), for its popup on a page built without them;
    {} for anything that is not a site's id (the id comes from the page)."""
    site = ws.site_by_id.get(site_id) if isinstance(site_id, str) else None
    if site is None:
        return {}
    return {"coord_source": site.coord_source, "note": site.note or ""}


def _payload(ws: Workspace, passages: bool) -> dict[str, Any]:
    sites = ws.mapped_sites
    site_index = {s.id: i for i, s in enumerate(sites)}
    mentions = ws.mentions  # every mention's site is mapped, so mention rows match the filter's
    certainty_index = CERTAINTY_CODES
    columns: dict[str, list] = {"id": [m.id for m in mentions], "site": [site_index[m.site_id] for m in mentions]}
    if passages:
        article_index = {a.id: i for i, a in enumerate(ws.articles)}
        columns["article"] = [article_index[m.article_id] for m in mentions]
        columns["paragraph"] = [m.paragraph for m in mentions]
        columns["sentence"] = [m.sentence for m in mentions]
        columns["highlight"] = [[m.start - m.sentence_start, m.end - m.sentence_start] for m in mentions]
    columns["certainty"] = [certainty_index[m.claim.certainty] for m in mentions]
    data: dict[str, Any] = {"sites": _site_columns(sites), "mentions": columns}
    if passages:
        topic_index = TOPIC_CODES
        columns["topics"] = [[topic_index[t] for t in m.claim.topics] for m in mentions]
        columns["evidence"] = [m.claim.evidence for m in mentions]
        data["articles"] = [
            {"id": a.id, "title": a.title, "outlet": a.outlet, "date": a.date, "source": ws.table.source_of_article(a.id)} for a in ws.articles
        ]
        data["sites"]["coord_source"] = [s.coord_source for s in sites]  # (the window asks: Bridge.siteSource)
    else:
        data["lazy"] = True
    data["certainties"] = certainty_table()  # what the codes mean: the page reads them from here
    data["topics"] = topic_table()
    data["precisions"] = precision_table()
    return data


def to_script_json(data: Any, ascii_only: bool = False) -> str:
    """JSON that cannot close or comment out the <script> element it is embedded in.

    `ascii_only` escapes every non-ASCII character: a Python string holding one character above
    U+00FF takes 2 (or 4) bytes per character, so a large all-ASCII document is half the memory while
    it is built and encoded (the page is served as UTF-8 either way)."""
    text = json.dumps(data, ensure_ascii=ascii_only, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        if char in text:
            text = text.replace(char, escaped)  # one copy at a time: the big document is never held thrice
    return text


def _bits(mask: np.ndarray) -> str:
    return base64.b64encode(np.packbits(mask.astype(bool), bitorder="little").tobytes()).decode("ascii")


def visibility(ws: Workspace, result: FilterResult) -> dict[str, str]:
    """The page's filter input: bitmasks over the payload's sites and mentions (compact at any size)."""
    return {"sites": _bits(result.site_mask[ws.mapped_rows]), "mentions": _bits(result.mention_mask)}
