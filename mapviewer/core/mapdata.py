"""The data the map page draws from: one JSON document, columnar so 100,000 sites stay compact.

Popups are built in the page from this data with DOM text nodes, never by pasting HTML, so
article text cannot inject markup; `to_script_json` also makes the JSON safe inside <script>.
"""

from __future__ import annotations

import base64
import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

from mapviewer.core.filters import FilterResult
from mapviewer.core.model import CERTAINTIES, TOPICS
from mapviewer.core.style import CERTAINTY_COLOURS, CERTAINTY_HELP
from mapviewer.core.workspace import Workspace


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building large acyclic data (lists of ints and
    strings): at 100,000 sites its full passes over the workspace's objects cost more than the build."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def payload(ws: Workspace) -> dict[str, Any]:
    """Everything the page needs about the workspace; indexes refer to these same lists."""
    with no_gc():
        return _payload(ws)


def _payload(ws: Workspace) -> dict[str, Any]:
    sites = ws.mapped_sites
    site_index = {s.id: i for i, s in enumerate(sites)}
    article_index = {a.id: i for i, a in enumerate(ws.articles)}
    mentions = ws.mentions  # every mention's site is mapped, so mention rows match the filter's
    certainty_index = {c: i for i, c in enumerate(CERTAINTIES)}
    topic_index = {t: i for i, t in enumerate(TOPICS)}
    return {
        "sites": {
            "id": [s.id for s in sites],
            "name": [s.name for s in sites],
            "kind": [s.kind.replace("-", " ") for s in sites],
            "country": [s.country for s in sites],
            "precision": [s.precision for s in sites],
            "lat": [round(s.lat, 5) for s in sites],
            "lon": [round(s.lon, 5) for s in sites],
            "shape": {str(i): s.geometry for i, s in enumerate(sites) if s.is_area},
        },
        "mentions": {
            "id": [m.id for m in mentions],
            "site": [site_index[m.site_id] for m in mentions],
            "article": [article_index[m.article_id] for m in mentions],
            "paragraph": [m.paragraph for m in mentions],
            "sentence": [m.sentence for m in mentions],
            "highlight": [[m.start - m.sentence_start, m.end - m.sentence_start] for m in mentions],
            "certainty": [certainty_index[m.claim.certainty] for m in mentions],
            "topics": [[topic_index[t] for t in m.claim.topics] for m in mentions],
            "evidence": [m.claim.evidence for m in mentions],
        },
        "articles": [{"id": a.id, "title": a.title, "outlet": a.outlet, "date": a.date} for a in ws.articles],
        "certainties": [
            {"id": c, "label": c.capitalize(), "colour": CERTAINTY_COLOURS[c], "help": CERTAINTY_HELP[c]} for c in CERTAINTIES
        ],
        "topics": [{"id": t, "label": label} for t, label in TOPICS.items()],
    }


def to_script_json(data: Any) -> str:
    """JSON that cannot close or comment out the <script> element it is embedded in."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _bits(mask: np.ndarray) -> str:
    return base64.b64encode(np.packbits(mask.astype(bool), bitorder="little").tobytes()).decode("ascii")


def visibility(ws: Workspace, result: FilterResult) -> dict[str, str]:
    """The page's filter input: bitmasks over the payload's sites and mentions (compact at any size)."""
    return {"sites": _bits(result.site_mask[ws.mapped_rows]), "mentions": _bits(result.mention_mask)}
