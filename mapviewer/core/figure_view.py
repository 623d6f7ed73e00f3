"""What the window and the page show of figures and flows, as plain data: a site's figures by subject with each
source side by side (the popup's "Figures" section and the Figures panel), and the page's evidence layer (the
sites where sources disagree, for their badge, and the flows to draw).

A site's figures are those about it (core.figures: the site is one of the figure's places); beside them, marked
`wider`, the figures of articles that name the site but give those figures no place at all (the NIS article's
"approximately 5,000 North Korean engineers … in Russia" beside Kursk's): a source's number for the wider area is
what an analyst compares with the site's. Subjects group units that count the same kind of thing
(core.figures.SUBJECTS: engineers, sappers, workers… are personnel). A subject is flagged `disagree` when its
sources give different numbers (core.figures.conflicts_of at this site, or the wider figures differ from the
site's).

Article text reaches the page and the panel only as data: the page writes it with text nodes, the panel
escapes it (qt/figures_panel.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mapviewer.core.pagecodes import certainty_code

if TYPE_CHECKING:
    from mapviewer.core.figures import Figure
    from mapviewer.core.filters import Filter
    from mapviewer.core.flows import Flow
    from mapviewer.core.workspace import Workspace


def subject_of(unit: str) -> str:
    from mapviewer.core.figures import SUBJECTS

    return SUBJECTS.get(unit, unit)


def _label(subject: str) -> str:
    return subject.replace("_per_", " per ").replace("_", " ")


def _number(f: Figure) -> float | None:
    return f.value if f.value is not None else f.low if f.low is not None else f.high


def figure_row(f: Figure, wider: bool) -> dict[str, Any]:
    """One figure as the popup and the panel show it."""
    return {"id": f.id, "amount": f.amount(), "unit": f.unit.replace("_per_", " per "), "text": f.text,
            "certainty": certainty_code(f.certainty), "article": f.article_id, "wider": wider}


def site_figures(ws: Workspace, site_id: str, flt: Filter) -> dict[str, Any]:
    """A site's figures passing the filter, by subject, each source (article) side by side:
    {"site", "sources": [{"id", "title", "outlet"}], "subjects": [{"subject", "label", "disagree",
    "cells": [[figure rows of source 0], [… of source 1], …]}]}; subjects where sources disagree first."""
    from mapviewer.core.evidence import evidence_of

    ev = evidence_of(ws)
    mask = ev.figure_mask(ws.table, flt)
    named = {m.article_id for m in ws.mentions_of(site_id)}
    chosen: list[tuple[Figure, bool]] = []
    for f, ok in zip(ev.figures, mask.tolist()):
        if not ok or f.bound == "relation":
            continue
        if site_id in f.sites:
            chosen.append((f, False))
        elif not f.sites and f.article_id in named:
            chosen.append((f, True))
    conflicting = {c.subject for c in ev.conflicts if c.site == site_id}
    order = [a.id for a in ws.articles]
    sources = [a for a in order if any(f.article_id == a for f, _ in chosen)]
    groups: dict[str, list[tuple[Figure, bool]]] = {}
    for f, wider in chosen:
        groups.setdefault(subject_of(f.unit), []).append((f, wider))
    subjects: list[dict[str, Any]] = []
    for subject, figs in groups.items():
        own = [f for f, wider in figs if not wider]
        if not own:  # the wider area's figures stand beside a subject the site has, not alone
            continue
        numbers = {(_number(f), f.bound) for f, _ in figs}
        articles = {f.article_id for f, _ in figs}
        disagree = subject in conflicting or (len(articles) > 1 and len(numbers) > 1 and any(w for _, w in figs))
        cells = [[figure_row(f, wider) for f, wider in figs if f.article_id == a] for a in sources]
        subjects.append({"subject": subject, "label": _label(subject), "disagree": disagree, "cells": cells})
    subjects.sort(key=lambda s: (not s["disagree"], -sum(1 for c in s["cells"] if c)))
    used = [i for i, a in enumerate(sources) if any(s["cells"][i] for s in subjects)]
    by_id = ws.article_by_id
    return {
        "site": site_id,
        "sources": [{"id": sources[i], "title": by_id[sources[i]].title, "outlet": by_id[sources[i]].outlet or ""} for i in used],
        "subjects": [{**s, "cells": [s["cells"][i] for i in used]} for s in subjects],
    }


def sites_with_figures(ws: Workspace, flt: Filter, limit: int = 12) -> dict[str, Any]:
    """Where the Figures panel can lead when it has nothing to show: {"total": figures passing the filter,
    "sites": [{"id", "name", "figures", "disagree"}]} for the `limit` sites with most figures passing it (sources
    disagreeing first), the relations ("double that figure") not counted."""
    from mapviewer.core.evidence import evidence_of

    ev = evidence_of(ws)
    counts: dict[str, int] = {}
    total = 0
    for f, ok in zip(ev.figures, ev.figure_mask(ws.table, flt).tolist()):
        if ok and f.bound != "relation":
            total += 1
            for site in f.sites:
                counts[site] = counts.get(site, 0) + 1
    disagree = ev.disagree_sites
    by_id = ws.site_by_id
    ranked = sorted((s for s in counts if s in by_id), key=lambda s: (s not in disagree, -counts[s], by_id[s].name))[:limit]
    return {"total": total, "sites": [{"id": s, "name": by_id[s].name, "figures": counts[s], "disagree": s in disagree} for s in ranked]}


# ---- the page's evidence layer ------------------------------------------------------------------------


def _quantity(f: Flow) -> float | None:
    q = f.quantity
    if not q:
        return None
    value = next((v for v in (q.get("value"), q.get("high"), q.get("low")) if isinstance(v, (int, float))), None)
    return None if value is None else float(value)


def page_evidence(ws: Workspace, flt: Filter | None = None, figures: bool = False) -> dict[str, Any]:
    """The page's evidence layer: `disagree` (rows of the page's sites where sources disagree), `flows` (columns:
    path [[lon, lat], …] origin → waypoints → destination, what, quantity (a number or null), its words, certainty
    code, the sentence, the article's title, origin and destination names), and with `figures` each site's
    Figures section (site id → site_figures), for a page without a host to ask (a standalone export).
    With `flt` only the flows (and figures) passing it; without, every flow (the window sends the filter's
    flows as a bitmask, flow_bits)."""
    from mapviewer.core.evidence import evidence_of, place_name
    from mapviewer.core.filters import Filter
    from mapviewer.core.flows import Place, point_of

    ev = evidence_of(ws)
    rows = {s.id: i for i, s in enumerate(ws.mapped_sites)}
    flows = ev.flows if flt is None else [f for f, ok in zip(ev.flows, ev.flow_mask(ws.table, flt).tolist()) if ok]
    titles = {a.id: a.title for a in ws.articles}
    cols: dict[str, list] = {k: [] for k in ("id", "path", "what", "quantity", "words", "certainty", "sentence", "title", "origin", "destination")}
    for f in flows:
        points = [point_of(ws, f.origin), *(point_of(ws, Place(site=v)) for v in f.via), point_of(ws, f.destination)]
        if any(p is None for p in points):
            points = []  # an end that cannot be placed: kept (its index matches flow_bits), never drawn
        cols["id"].append(f.id)
        cols["path"].append([[round(p[0], 5), round(p[1], 5)] for p in points if p is not None])
        cols["what"].append(f.what)
        cols["quantity"].append(_quantity(f))
        cols["words"].append(f.quantity["text"] if f.quantity else "")
        cols["certainty"].append(certainty_code(f.certainty))
        cols["sentence"].append(f.sentence)
        cols["title"].append(titles.get(f.article_id, f.article_id))
        cols["origin"].append(place_name(ws, f.origin))
        cols["destination"].append(place_name(ws, f.destination))
    out: dict[str, Any] = {"disagree": sorted(rows[s] for s in ev.disagree_sites if s in rows), "flows": cols}
    if figures:
        shown = flt or Filter()
        sites = {s for f in ev.figures for s in f.sites if s in rows}
        out["figures"] = {}
        for s in sorted(sites):
            view = site_figures(ws, s, shown)
            if view["subjects"]:
                out["figures"][s] = view
    return out


def flow_bits(ws: Workspace, flt: Filter) -> str:
    """The flows passing `flt` as a base64 bitmask (little-endian bit order) over page_evidence's flows."""
    from mapviewer.core.evidence import evidence_of

    ev = evidence_of(ws)
    from mapviewer.core.mapdata import _bits

    return _bits(ev.flow_mask(ws.table, flt))
