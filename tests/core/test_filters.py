"""Filter semantics over a small real workspace written to disk: OR within a kind, AND across kinds,
search over names and passage text, facet counts, empty selections and hidden sites."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mapviewer.core.filters import Filter
from mapviewer.core.workspace import Location, Workspace


def _point(site_id: str, name: str, aliases: list[str], lon: float) -> dict:
    return {
        "type": "Feature",
        "properties": {"id": site_id, "name": name, "aliases": aliases, "kind": "town", "coord_source": "test fixture"},
        "geometry": {"type": "Point", "coordinates": [lon, 45.0]},
    }


SITES = [
    _point("alpha", "Alphaville", ["Alpha Town"], 10.0),
    _point("beta", "Betagrad", [], 11.0),
    _point("gamma", "Gammaton", [], 12.0),
    _point("delta", "Deltaport", [], 13.0),
    _point("zurich", "Zürich", [], 14.0),
    _point("epsilon", "Epsilonia", [], 15.0),  # named by no article
]

ARTICLES = {
    # a1: alpha reported/deployment, beta speculative/weapons
    "a1": "One\n\nTroops were sent to Alphaville last week.\n\nAnalysts say Betagrad could host a drone factory.\n",
    # a2: gamma confirmed/combat (the authors' own observation), beta reported/deployment
    "a2": "Two\n\nWe observed fighting near Gammaton.\n\nWorkers were sent to Betagrad.\n",
    # a3: delta reported/no topic, zurich reported/no topic
    "a3": "Three\n\nDeltaport is a quiet harbour town.\n\nThe ferry to Zürich leaves at noon.\n",
}


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    root: Path = tmp_path_factory.mktemp("ws")
    (root / "sites.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": SITES}), encoding="utf-8")
    (root / "articles").mkdir()
    for name, text in ARTICLES.items():
        (root / "articles" / f"{name}.txt").write_text(text, encoding="utf-8")
    workspace = Workspace.load(Location.folder(root))
    assert workspace.problems == []
    return workspace


def rows(ws: Workspace, flt: Filter) -> set[tuple[str, str]]:
    """(article, site) of every mention passing the filter."""
    result = ws.filter(flt)
    return {(ws.mention_by_id[i].article_id, ws.mention_by_id[i].site_id) for i in result.mention_ids}


ALL = {("a1", "alpha"), ("a1", "beta"), ("a2", "gamma"), ("a2", "beta"), ("a3", "delta"), ("a3", "zurich")}


def test_fixture_labels_are_what_the_texts_say(ws):
    labels = {(m.article_id, m.site_id): (m.claim.certainty, m.claim.topics) for m in ws.mentions}
    assert labels == {
        ("a1", "alpha"): ("reported", ("deployment",)),
        ("a1", "beta"): ("speculative", ("weapons",)),
        ("a2", "gamma"): ("confirmed", ("combat",)),
        ("a2", "beta"): ("reported", ("deployment",)),
        ("a3", "delta"): ("reported", ()),
        ("a3", "zurich"): ("reported", ()),
    }


def test_no_filter_passes_every_mention_and_every_named_site(ws):
    result = ws.filter(Filter())
    assert rows(ws, Filter()) == ALL
    assert result.site_ids == ["alpha", "beta", "gamma", "delta", "zurich"]
    assert result.passage_count == 6


def test_values_of_one_kind_are_ored(ws):
    assert rows(ws, Filter(articles=frozenset({"a1", "a3"}))) == {m for m in ALL if m[0] in ("a1", "a3")}
    assert rows(ws, Filter(certainties=frozenset({"confirmed", "speculative"}))) == {("a2", "gamma"), ("a1", "beta")}
    assert rows(ws, Filter(topics=frozenset({"combat", "weapons"}))) == {("a2", "gamma"), ("a1", "beta")}


def test_kinds_are_anded(ws):
    flt = Filter(articles=frozenset({"a2"}), topics=frozenset({"deployment"}))
    assert rows(ws, flt) == {("a2", "beta")}
    assert ws.filter(flt).site_ids == ["beta"]
    flt = Filter(articles=frozenset({"a1"}), certainties=frozenset({"reported"}), topics=frozenset({"weapons"}))
    assert rows(ws, flt) == set()


def test_search_matches_site_name_and_alias(ws):
    assert rows(ws, Filter(text="alphaville")) == {("a1", "alpha")}
    assert rows(ws, Filter(text="Alpha Town")) == {("a1", "alpha")}  # the alias; the text says "Alphaville"


def test_search_matches_passage_text_case_and_accent_blind(ws):
    assert rows(ws, Filter(text="DRONE")) == {("a1", "beta")}
    assert rows(ws, Filter(text="harbour town")) == {("a3", "delta")}
    assert rows(ws, Filter(text="zurich")) == {("a3", "zurich")}


def test_search_combines_with_other_kinds(ws):
    assert rows(ws, Filter(text="sent", articles=frozenset({"a2"}))) == {("a2", "beta")}
    assert rows(ws, Filter(text="nothing like this")) == set()


def test_facet_counts_ignore_their_own_facet(ws):
    result = ws.filter(Filter(articles=frozenset({"a1"}), certainties=frozenset({"reported"})))
    assert rows(ws, Filter(articles=frozenset({"a1"}), certainties=frozenset({"reported"}))) == {("a1", "alpha")}
    # articles: every article's reported mentions, as if no article were selected
    assert result.article_counts == {"a1": 1, "a2": 1, "a3": 2}
    # certainties: a1's mentions by certainty, as if no certainty were selected
    assert result.certainty_counts == {"confirmed": 0, "reported": 1, "alleged": 0, "speculative": 1, "historical": 0, "context": 0}
    # topics: both facets apply
    assert result.topic_counts["deployment"] == 1 and result.topic_counts["weapons"] == 0


def test_mentions_with_no_topic_are_counted_and_selectable_as_none(ws):
    assert ws.filter(Filter()).topic_counts["none"] == 2
    assert rows(ws, Filter(topics=frozenset({"none"}))) == {("a3", "delta"), ("a3", "zurich")}


@pytest.mark.parametrize("kind", ["articles", "certainties", "topics"])
def test_empty_selection_passes_nothing(ws, kind):
    result = ws.filter(Filter(**{kind: frozenset()}))
    assert result.mention_ids == [] and result.site_ids == []
    assert not result.site_mask.any()


def test_site_with_no_passing_mention_is_hidden(ws):
    result = ws.filter(Filter(articles=frozenset({"a1"})))
    assert result.site_ids == ["alpha", "beta"]
    assert "gamma" not in result.site_ids and "delta" not in result.site_ids
    # beta stays visible through a1 only; its a2 mention is filtered out
    assert [m.article_id for m in ws.mentions_of("beta", result)] == ["a1"]


def test_site_named_by_no_article_is_never_shown(ws):
    assert "epsilon" in ws.site_by_id
    assert "epsilon" not in ws.filter(Filter()).site_ids
    assert "epsilon" not in [s.id for s in ws.mapped_sites]


def test_user_correction_moves_a_mention_between_facets(ws):
    mention = next(m for m in ws.mentions if m.site_id == "delta")
    ws.correct(mention.id, "alleged", ["underground"])
    try:
        assert rows(ws, Filter(certainties=frozenset({"alleged"}))) == {("a3", "delta")}
        assert rows(ws, Filter(topics=frozenset({"underground"}))) == {("a3", "delta")}
    finally:
        ws.correct(mention.id, None, None)
    assert rows(ws, Filter(certainties=frozenset({"alleged"}))) == set()


def test_describe_names_the_selection(ws):
    text = Filter(articles=frozenset({"a1"}), certainties=frozenset(), text=" drone ").describe({"a1": "One"})
    assert text == "Articles: One; certainty: none; topics: all; search: “drone”"
