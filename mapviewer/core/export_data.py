"""What every export says about the filtered workspace, without Qt: the GeoJSON and KML documents,
and the text content of the PDF briefing and PNG caption (title, filter, legend, site table, citations).

The GeoJSON/KML and the PDF table are built from the same `Workspace.filter` result the map draws,
so an export never disagrees with the window or with `mapviewer sites`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from mapviewer import __version__
from mapviewer.core.filters import Filter, FilterResult
from mapviewer.core.model import CERTAINTIES, Mention
from mapviewer.core.records import article_provenance, corroboration, paragraph_label, passage_record, site_identity
from mapviewer.core.style import CERTAINTY_COLOURS, CERTAINTY_HELP
from mapviewer.core.textsafe import xml_attr, xml_escape, xml_text
from mapviewer.core.workspace import Workspace

# ---- the filtered data -------------------------------------------------------------------------


def _passage(ws: Workspace, m: Mention) -> dict[str, Any]:
    article = ws.article_by_id[m.article_id]
    return {**passage_record(ws, m), "outlet": article.outlet, "date": article.date}


def geojson(ws: Workspace, flt: Filter, result: FilterResult | None = None) -> dict[str, Any]:
    """The visible sites as a FeatureCollection (WGS84), with their filtered passages."""
    result = result or ws.filter(flt)
    by_site = ws.mentions_by_site(result)
    sources = corroboration(ws, result)
    features = []
    for site_id in result.site_ids:
        site = ws.site_by_id[site_id]
        mentions = by_site.get(site_id, [])
        geometry = site.geometry if site.is_area else {"type": "Point", "coordinates": [site.lon, site.lat]}
        features.append(
            {
                "type": "Feature",
                "id": site.id,
                "geometry": geometry,
                "properties": {
                    **site_identity(site),
                    "label_lon": site.lon,
                    "label_lat": site.lat,
                    "certainty": ws.strongest_certainty(mentions),
                    "mention_count": len(mentions),
                    "articles": sorted({m.article_id for m in mentions}),
                    **sources.get(site_id, {"sources": 0, "source_outlets": []}),
                    "passages": [_passage(ws, m) for m in mentions],
                },
            }
        )
    shown = {m.article_id for ms in by_site.values() for m in ms}
    return {
        "type": "FeatureCollection",
        "name": "mapviewer export",
        "metadata": {
            "generator": f"mapviewer {__version__}",
            "exported": datetime.now().astimezone().isoformat(timespec="seconds"),
            "workspace": ws.location.label,
            "filter": flt.describe({a.id: a.title for a in ws.articles}),
            "sites": len(features),
            "passages": result.passage_count,
            "articles": [
                {"id": a.id, "title": a.title, "outlet": a.outlet, "date": a.date, "url": a.url, **article_provenance(a)}
                for a in ws.articles
                if a.id in shown
            ],
        },
        "features": features,
    }


def geojson_text(ws: Workspace, flt: Filter, result: FilterResult | None = None) -> str:
    """The GeoJSON file: the sites, then the flows passing the filter as LineStrings marked "feature": "flow"."""
    from mapviewer.core.evidence import flows_passing
    from mapviewer.core.flows import flow_features

    doc = geojson(ws, flt, result)
    flows = flow_features(ws, flows_passing(ws, flt))
    doc["features"] += flows
    doc["metadata"]["flows"] = len(flows)
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _kml_coords(ring: list) -> str:
    return " ".join(f"{float(p[0]):.6f},{float(p[1]):.6f}" for p in ring)


def _kml_geometry(geom: dict) -> str:
    kind = geom.get("type")
    coords: Any = geom.get("coordinates")  # a GeoJSON geometry the gazetteer checked when it was read
    if kind == "Point":
        return f"<Point><coordinates>{_kml_coords([coords])}</coordinates></Point>"
    if kind == "LineString":
        return f"<LineString><tessellate>1</tessellate><coordinates>{_kml_coords(coords)}</coordinates></LineString>"
    if kind == "Polygon":
        outer, *inner = coords
        holes = "".join(f"<innerBoundaryIs><LinearRing><coordinates>{_kml_coords(r)}</coordinates></LinearRing></innerBoundaryIs>" for r in inner)
        return f"<Polygon><outerBoundaryIs><LinearRing><coordinates>{_kml_coords(outer)}</coordinates></LinearRing></outerBoundaryIs>{holes}</Polygon>"
    if kind in ("MultiPoint", "MultiLineString", "MultiPolygon"):
        single = kind[len("Multi") :]
        return "<MultiGeometry>" + "".join(_kml_geometry({"type": single, "coordinates": c}) for c in coords) + "</MultiGeometry>"
    if kind == "GeometryCollection":
        return "<MultiGeometry>" + "".join(_kml_geometry(g) for g in geom.get("geometries", [])) + "</MultiGeometry>"
    raise ValueError(f"unsupported geometry {kind!r}")


def _kml_colour(hex_colour: str, alpha: str = "ff") -> str:
    h = hex_colour.lstrip("#")
    return f"{alpha}{h[4:6]}{h[2:4]}{h[0:2]}".lower()  # KML is aabbggrr


def kml_text(ws: Workspace, flt: Filter, result: FilterResult | None = None) -> str:
    """The same features as KML, one style per certainty; text is XML-escaped."""
    doc = geojson(ws, flt, result)
    styles = "".join(
        f'<Style id="c-{c}"><IconStyle><color>{_kml_colour(CERTAINTY_COLOURS[c])}</color><scale>0.9</scale>'
        "<Icon><href>http://maps.google.com/mapfiles/kml/shapes/shaded_dot.png</href></Icon></IconStyle>"
        f"<LineStyle><color>{_kml_colour(CERTAINTY_COLOURS[c])}</color><width>2</width></LineStyle>"
        f"<PolyStyle><color>{_kml_colour(CERTAINTY_COLOURS[c], '33')}</color></PolyStyle></Style>"
        for c in CERTAINTIES
    )
    marks = []
    for f in doc["features"]:
        p = f["properties"]
        lines = [f"{p['kind']} · {p['country']} · location {p['precision']}", ""]
        for q in p["passages"]:
            lines.append(f"[{q['certainty']}] {q['text']}")
            lines.append(f"    — {q['article_title']}, {paragraph_label(q['paragraph'])}")
        data = "".join(
            f'<Data name="{k}"><value>{xml_escape(str(v))}</value></Data>'
            for k, v in (("id", p["id"]), ("kind", p["kind"]), ("country", p["country"]), ("precision", p["precision"]),
                         ("certainty", p["certainty"]), ("mention_count", p["mention_count"]), ("coord_source", p["coord_source"]))
        )
        marks.append(
            f"<Placemark id={xml_attr(p['id'])}><name>{xml_escape(p['name'])}</name>"
            f"<description>{xml_escape(chr(10).join(lines))}</description>"
            f"<styleUrl>#c-{p['certainty'] or 'context'}</styleUrl><ExtendedData>{data}</ExtendedData>"
            f"{_kml_geometry(f['geometry'])}</Placemark>"
        )
    marks += _kml_flows(ws, flt)
    meta = doc["metadata"]
    return xml_text(  # article text may hold characters XML 1.0 forbids even escaped (ESC, NUL…)
        '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
        f"<name>mapviewer export</name><description>{xml_escape(meta['filter'])}</description>{styles}"
        + "\n".join(marks)
        + "</Document></kml>\n"
    )


def _kml_flows(ws: Workspace, flt: Filter) -> list[str]:
    """The flows passing the filter as KML LineStrings (origin → waypoints → destination) with their properties
    as ExtendedData, styled by certainty like the sites, after the site placemarks."""
    from mapviewer.core.evidence import flows_passing, place_name
    from mapviewer.core.flows import flow_features

    flows = flows_passing(ws, flt)
    by_id = {f"flow:{f.id}": f for f in flows}
    marks = []
    for feature in flow_features(ws, flows):
        f = by_id[feature["id"]]
        q = f.quantity or {}
        name = f"{place_name(ws, f.origin)} → {place_name(ws, f.destination)}: {f.what}"
        fields = (("feature", "flow"), ("id", f.id), ("origin", place_name(ws, f.origin)), ("destination", place_name(ws, f.destination)),
                  ("via", ", ".join(f.via)), ("what", f.what), ("quantity", q.get("text", "")), ("when", f.when or ""),
                  ("article", f.article_id), ("paragraph", f.paragraph), ("certainty", f.certainty), ("text", f.sentence))
        data = "".join(f'<Data name="{k}"><value>{xml_escape(str(v))}</value></Data>' for k, v in fields)
        marks.append(
            f"<Placemark id={xml_attr(feature['id'])}><name>{xml_escape(name)}</name>"
            f"<description>{xml_escape(f.sentence)}</description><styleUrl>#c-{f.certainty}</styleUrl>"
            f"<ExtendedData>{data}</ExtendedData>{_kml_geometry(feature['geometry'])}</Placemark>"
        )
    return marks


# ---- the briefing's text -------------------------------------------------------------------------


ATTRIBUTION = {
    "offline": "Basemap: Natural Earth (public domain)",
    "osm": "Basemap: © OpenStreetMap contributors",
    "satellite": "Basemap: Esri World Imagery (Esri, Maxar, Earthstar Geographics)",
    "topo": "Basemap: © OpenStreetMap contributors, SRTM; style © OpenTopoMap (CC-BY-SA)",
    "light": "Basemap: Esri World Light Gray (Esri, HERE, Garmin, © OpenStreetMap contributors)",
}
"""What a printed map must credit for each basemap (the page shows the same in its attribution control)."""


@dataclass(frozen=True)
class LegendEntry:
    certainty: str
    label: str
    colour: str
    help: str
    count: int


@dataclass(frozen=True)
class SiteRow:
    id: str
    name: str
    kind: str
    country: str
    certainty: str
    colour: str
    citations: list[str]
    number: int = 0
    """The site's number in the table, also printed beside its citations."""


@dataclass(frozen=True)
class Citation:
    """One quoted passage: where it is from (article, outlet, date, URL, paragraph from 1) and what it says."""

    site: str
    article_title: str
    outlet: str
    date: str
    url: str
    paragraph: str
    sentence: str
    certainty: str
    sha256: str = ""


@dataclass
class ReportContent:
    title: str
    subtitle: str
    filter_text: str
    exported: str
    basemap: str
    legend: list[LegendEntry]
    sites: list[SiteRow] = field(default_factory=list)
    site_count: int = 0
    passage_count: int = 0
    citations: list[Citation] = field(default_factory=list)
    attribution: str = ""
    date_line: str = ""
    """ "2 December 2026, 23:05 UTC": when the briefing was made."""
    flows: int | None = None
    """How many flows (arrows) the picture shows; None when it draws none at all (the legend's flows entry)."""


def _citations(ws: Workspace, mentions: list[Mention]) -> list[str]:
    """ "Article title, ¶3, ¶7" per article, in article order."""
    paragraphs: dict[str, list[int]] = {}
    for m in mentions:
        paragraphs.setdefault(m.article_id, [])
        if m.paragraph not in paragraphs[m.article_id]:
            paragraphs[m.article_id].append(m.paragraph)
    return [f"{ws.article_label(a)}, " + ", ".join(paragraph_label(p) for p in sorted(ps)) for a, ps in paragraphs.items()]


def _quoted(ws: Workspace, site_name: str, mentions: list[Mention]) -> list[Citation]:
    """One citation per sentence (a sentence naming the site twice is quoted once)."""
    out, seen = [], set()
    for m in mentions:
        key = (m.article_id, m.sentence_start)
        if key in seen:
            continue
        seen.add(key)
        a = ws.article_by_id[m.article_id]
        out.append(Citation(site_name, a.title, a.outlet or "", a.date or "", a.url or "", paragraph_label(m.paragraph),
                            " ".join(m.sentence.split()), m.claim.certainty, a.sha256 or ""))
    return out


def report_content(ws: Workspace, flt: Filter, basemap_label: str, result: FilterResult | None = None,
                   now: datetime | None = None, title: str = "", subtitle: str = "", basemap: str = "offline",
                   flows: int | None = None) -> ReportContent:
    """The text of a briefing over `result` (the sites in the picture): legend counts, table, citations;
    `flows`, how many flows the picture shows (the legend's flows entry)."""
    result = result or ws.filter(flt)
    by_site = ws.mentions_by_site(result)
    counts = dict.fromkeys(CERTAINTIES, 0)
    rows = []
    quotes: dict[str, list[Citation]] = {}
    for site_id in result.site_ids:
        site = ws.site_by_id[site_id]
        mentions = by_site.get(site_id, [])
        strongest = ws.strongest_certainty(mentions) or "context"
        counts[strongest] += 1
        rows.append(SiteRow(site.id, site.name, site.kind.replace("-", " "), site.country, strongest,
                            CERTAINTY_COLOURS[strongest], _citations(ws, mentions)))
        quotes[site.id] = _quoted(ws, site.name, mentions)
    rows.sort(key=lambda r: (CERTAINTIES.index(r.certainty), r.name.casefold()))
    rows = [replace(r, number=i) for i, r in enumerate(rows, 1)]
    now = now or datetime.now().astimezone()
    counted = f"{len(result.site_ids)} of {len(ws.mapped_sites)} sites · {result.passage_count} passages" + (f" · {flows} flows" if flows else "")
    return ReportContent(
        title=title or "Places named in the articles",
        subtitle=subtitle or f"{counted} · {ws.location.label}",
        filter_text="Filter — " + flt.describe({a.id: a.title for a in ws.articles}),
        exported=f"Exported {now.strftime('%Y-%m-%d %H:%M %Z').strip()} · mapviewer {__version__} · basemap: {basemap_label}",
        basemap=basemap_label,
        legend=[LegendEntry(c, c.capitalize(), CERTAINTY_COLOURS[c], CERTAINTY_HELP[c], counts[c]) for c in CERTAINTIES],
        sites=rows,
        site_count=len(result.site_ids),
        passage_count=result.passage_count,
        citations=[c for r in rows for c in quotes[r.id]],
        attribution=ATTRIBUTION.get(basemap, f"Basemap: {basemap_label}") + " · map: Leaflet",
        date_line=now.strftime("%d %B %Y, %H:%M %Z").strip().lstrip("0"),
        flows=flows,
    )
