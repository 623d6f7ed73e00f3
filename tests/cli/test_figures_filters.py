"""Figures and flows go through the one filter (the facet registry, the search text, the time window, the
minimum of sources), and the "sites where sources disagree" facet, on the CLI over the bundled corpus."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from test_cli import run, run_json

from mapviewer.core import export_data
from mapviewer.core.filters import FACETS, Filter

KURSK_DISAGREEMENT = ("over 6,000 military engineers", "1,000 North Korean sappers", "at least 5,000 civilian workers")


def texts(*argv: str) -> list[str]:
    return [r["text"] for r in run_json("figures", *argv)]


def test_the_time_window_applies_to_figures_as_to_passages():
    until, since = texts("--until", "2024-12"), texts("--since", "2025-07")
    # The New York Sun (July 2024) states the brigades; "Ghost Factories" dates its engineers "In July 2025".
    assert "Three to four engineering brigades" in until and "Three to four engineering brigades" not in since
    assert "over 6,000 military engineers" in since and "over 6,000 military engineers" not in until
    assert len(until) + len(since) <= len(texts())
    assert "approximately 5,000 North Korean engineers" in since  # the NIS article, November 2025
    flows = run("flows", "--since", "2025-07")[1]
    assert "Alabuga" not in flows and "over 6,000 military engineers" in flows


def test_min_sources_keeps_figures_and_flows_at_corroborated_places():
    corroborated = {r["id"] for r in run_json("sites", "--min-sources", "3")}
    assert corroborated == {"pyongyang", "kursk-oblast", "moscow"}
    rows = run_json("figures", "--min-sources", "3")
    assert rows and all(set(r["sites"]) & corroborated for r in rows)
    kept = [r["text"] for r in rows]
    assert "over 6,000 military engineers" in kept and "up to 25,000 workers" not in kept  # Alabuga: fewer sources
    assert "up to 25,000 workers" in texts()
    flows = run_json("flows", "--min-sources", "3")
    capitals = {"North Korea": "pyongyang", "Russia": "moscow"}
    for f in flows:  # judged at the destination (a country: at its capital)
        assert (f["destination"].get("site") or capitals.get(f["destination"].get("country", ""))) in corroborated, f
    assert not any(f["destination"].get("site") == "alabuga-sez" for f in flows)
    assert any(f["destination"].get("site") == "alabuga-sez" for f in run_json("flows"))


def test_sites_where_sources_disagree_is_one_facet_everywhere():
    assert [f.key for f in FACETS if f.key == "disagree"] == ["disagree"]
    assert [r["id"] for r in run_json("sites", "--disagree")] == ["kursk-oblast"]
    passages = run_json("passages", "kursk-oblast", "--disagree")
    assert len(passages) == len(run_json("passages", "kursk-oblast"))
    assert run_json("passages", "moscow", "--disagree") == []
    figures = run_json("figures", "--disagree")
    assert figures and all("kursk-oblast" in r["sites"] for r in figures)
    assert set(KURSK_DISAGREEMENT) <= {r["text"] for r in figures}
    flows = run_json("flows", "--disagree")
    assert flows and all("kursk-oblast" in (f["origin"].get("site"), f["destination"].get("site"), *f["via"]) for f in flows)
    # Exports name it in their filter line; a filter without it reads as before.
    assert Filter(disagree=frozenset({"disagree"})).describe().endswith("figures: sources disagree")
    assert "figures" not in Filter().describe()


def test_search_and_facets_apply_to_flows_like_figures():
    alleged = run_json("flows", "--certainty", "alleged")
    assert alleged and all(f["certainty"] == "alleged" for f in alleged)
    alabuga = run_json("flows", "--search", "alabuga")
    assert alabuga and all("alabuga" in (f["destination"].get("site") or "") or "alabuga" in f["text"].lower() for f in alabuga)
    assert run_json("flows", "--topic", "none", "--search", "zzzz-no-such-text") == []


def test_kml_export_has_the_flows_as_linestrings_with_properties(ws):
    flt = Filter(since="2025-07")
    kml = ET.fromstring(export_data.kml_text(ws, flt))
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    flows = [p for p in kml.iter("{http://www.opengis.net/kml/2.2}Placemark")
             if any(d.get("name") == "feature" and d.findtext("k:value", namespaces=ns) == "flow" for d in p.iter("{http://www.opengis.net/kml/2.2}Data"))]
    rows = run_json("flows", "--since", "2025-07")
    assert len(flows) == len(rows) > 0
    kursk = next(p for p in flows if "over 6,000 military engineers" in p.findtext("k:description", namespaces=ns))
    assert kursk.findtext("k:name", namespaces=ns) == "North Korea → Kursk Oblast: engineers"
    coords = kursk.find(".//k:LineString/k:coordinates", ns).text.split()
    assert len(coords) == 2 and coords[-1].startswith("36.183000,51.717000")
    data = {d.get("name"): d.findtext("k:value", namespaces=ns) for d in kursk.iter("{http://www.opengis.net/kml/2.2}Data")}
    assert (data["certainty"], data["quantity"], data["article"]) == ("reported", "over 6,000 military engineers", "ghost-factories")
    assert kursk.findtext("k:styleUrl", namespaces=ns) == "#c-reported"
