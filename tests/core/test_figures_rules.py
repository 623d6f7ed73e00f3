"""Each figure and flow rule on sentences written for these tests (not taken from the bundled articles), and
the site, certainty and context rules on a small workspace of real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mapviewer.core.figures import EXCLUSION_RULES, conflicts_of, figures_in_sentence, figures_of, parse_number
from mapviewer.core.flows import flows_of, point_of
from mapviewer.core.workspace import Workspace


def one(sentence: str):
    found = [f for f in figures_in_sentence(sentence) if f.bound != "relation"]
    assert len(found) == 1, (sentence, found)
    return found[0]


def values(f) -> tuple:
    return (f.bound, f.value, f.low, f.high, f.unit)


# ---- numerals -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [("6,000", 6000), ("1.5 billion", 1.5e9), ("$30m", 3e7), ("twenty-five", 25), ("a dozen", 12), ("a hundred", 100),
     ("ninety", 90), ("12", 12), ("US$4", 4)],
)
def test_numerals_are_read_as_numbers(text, value):
    assert parse_number(text) == value


# ---- bounds -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The convoy carried 450 welders across the border.", ("exact", 450, None, None, "welders")),
        ("Over 1,500 soldiers were seen near the river.", ("more_than", None, 1500, None, "soldiers")),
        ("The army fired more than 300 rockets overnight.", ("more_than", None, 300, None, "missiles")),
        ("At least 12 missiles hit the depot.", ("at_least", None, 12, None, "missiles")),
        ("The site could house up to 40,000 workers.", ("at_most", None, None, 40000, "workers")),
        ("Officials said as many as 70 drones were launched.", ("at_most", None, None, 70, "drones")),
        ("About 3,000 troops crossed the bridge.", ("approx", 3000, None, None, "troops")),
        ("The road runs roughly 200 km through the hills.", ("approx", 200, None, None, "km")),
        ("Five to six brigades were moved east.", ("range", None, 5, 6, "brigades")),
        ("Between 10 and 15 tunnels were dug last winter.", ("range", None, 10, 15, "tunnels")),
        ("The unit received 20-30 shells a day.", ("range", None, 20, 30, "shells_per_day")),
    ],
)
def test_bound_rules(sentence, expected):
    assert values(one(sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "low", "unit"),
    [
        ("Dozens of drones circled the town.", 24, "drones"),
        ("Hundreds of engineers were hired.", 200, "engineers"),
        ("Tens of thousands of troops massed at the border.", 20000, "troops"),
        ("Thousands of Ukrainians fled the city.", 2000, "people"),
    ],
)
def test_vague_numerals_are_lower_bounds(sentence, low, unit):
    assert values(one(sentence)) == ("at_least", None, low, None, unit)


def test_a_relation_has_no_value_and_points_to_the_figure_before_it():
    found = figures_in_sentence("The yard builds 40 ships a year and plans to triple that output.")
    assert [(f.bound, f.relation) for f in found] == [("exact", None), ("relation", "triple")]
    assert found[0].unit == "ships_per_year"


# ---- units --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The deal is worth $2.5 billion to the shipyard.", ("exact", 2.5e9, None, None, "usd")),
        ("Prices rose 12% in a week.", ("exact", 12, None, None, "percent")),
        ("Nearly 40 percent of the grid was damaged.", ("approx", 40, None, None, "percent")),
        ("The factory turns out 300 drones a month.", ("exact", 300, None, None, "drones_per_month")),
        ("The crews lay 50 mines per week.", ("exact", 50, None, None, "mines_per_week")),
        ("They found a 40-mile tunnel.", ("exact", 40, None, None, "miles")),
        ("A 10,000-strong force gathered.", ("exact", 10000, None, None, "soldiers")),
        ("A third of the workforce left.", ("exact", 33.3, None, None, "percent")),
        ("He brings half a decade of work to the job.", ("approx", 5, None, None, "years")),
        ("The pilot, Ivanov, 34, was decorated.", ("exact", 34, None, None, "years")),
        ("The plant makes about 500 units per month of its Geran drones.", ("approx", 500, None, None, "drones_per_month")),
    ],
)
def test_unit_rules(sentence, expected):
    assert values(one(sentence)) == expected


# ---- what is not a figure ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The base was built in 1987 and expanded in 2023.",
        "On March 3, the talks resumed.",
        "The talks resumed on 14 May.",
        "The 3rd brigade moved first.",
        "2. Logistics",
        "The KN-25 and the Su-27 flew past the B-52s.",
        "Analysts at 38 North published the images.",
        "Over the next 10 years the tunnels were sealed.",
        "Two weeks later the bridge reopened.",
        "The two leaders met at the border.",
        "It is one of the largest plants in the region.",
        "The strike came at 5 p.m. local time.",
    ],
)
def test_years_dates_ordinals_names_and_time_expressions_are_not_figures(sentence):
    assert figures_in_sentence(sentence) == []


def test_every_exclusion_rule_is_named():
    assert all(rule.name and rule.label == "not a figure" for rule in EXCLUSION_RULES)


# ---- sites, context and certainty on a real workspace ---------------------------------------------------

SITES = [
    ("riverton", "Riverton", "city", [20.0, 50.0]),
    ("lakeside", "Lakeside", "city", [22.0, 51.0]),
    ("moscow", "Moscow", "capital", [37.6173, 55.7558]),
]
ARTICLE = """Riverton report

Moscow says 2,000 workers arrived in Riverton last week. In Moscow, 300 engineers were trained.

Lakeside is a quiet town. The town received 40 trucks.

No place is named in this paragraph: 77 barrels were counted.

North Korea sent 1,200 engineers to Riverton. Russia brings in Iranian technicians. Workers from Lakeside travelled to Riverton. Riverton could receive up to 9,000 workers.
"""
OTHER = """Second report

Officials said 5,000 workers are now in Riverton.

Barracks in the hills north of Lakeside hold 400 soldiers.
"""


def _write_workspace(root: Path) -> Path:
    features = [
        {"type": "Feature", "properties": {"id": i, "name": n, "kind": k, "country": "XX", "coord_source": "test fixture"},
         "geometry": {"type": "Point", "coordinates": c}}
        for i, n, k, c in SITES
    ]
    (root / "sites.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    (root / "articles").mkdir()
    (root / "articles" / "report.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "articles" / "second.txt").write_text(OTHER, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MAPVIEWER_USER_DIR", str(tmp_path_factory.mktemp("user")))
        return Workspace.open(_write_workspace(tmp_path_factory.mktemp("ws")))


def _by_text(ws: Workspace) -> dict:
    return {f.text: f for f in figures_of(ws)}


def test_a_capital_standing_for_its_government_is_not_where_a_figure_is(small):
    f = _by_text(small)["2,000 workers"]
    assert f.sites == ("riverton",) and f.site_from == "passage"


def test_a_capital_named_as_a_place_is(small):
    assert _by_text(small)["300 engineers"].sites == ("moscow",)


def test_the_town_is_the_place_last_named(small):
    f = _by_text(small)["40 trucks"]
    assert f.sites == ("lakeside",) and f.site_from == "context"


def test_a_figure_no_place_is_named_for_has_no_site(small):
    f = _by_text(small)["77 barrels"]
    assert f.sites == () and f.mention is None


def test_a_hedged_sentence_gives_a_speculative_figure(small):
    f = _by_text(small)["up to 9,000 workers"]
    assert f.certainty == "speculative" and f.high == 9000
    assert _by_text(small)["1,200 engineers"].certainty == "reported"


def test_a_figure_whose_sentence_names_only_a_reference_point_is_about_that_place(small):
    # "north of Lakeside" only locates the barracks (context), but no other place is named: the soldiers are
    # there, not at Riverton, the place named in the paragraph before
    f = _by_text(small)["400 soldiers"]
    assert f.sites == ("lakeside",) and f.site_from == "passage"
    lakeside = next(m for m in small.mentions if m.article_id == "second" and m.site_id == "lakeside")
    assert lakeside.claim.certainty == "context"


def test_every_figure_keeps_its_exact_text_and_span(small):
    for f in figures_of(small):
        assert small.article_by_id[f.article_id].text[f.start : f.end] == f.text


def test_sources_that_differ_on_workers_at_one_site_are_a_conflict(small):
    conflicts = {(c.site, c.subject): c for c in conflicts_of(figures_of(small))}
    c = conflicts[("riverton", "personnel")]
    assert {f.article_id for f in c.figures} == {"report", "second"}
    assert c.spread == (1200, 9000)


# ---- flows ---------------------------------------------------------------------------------------------


def _flows(ws: Workspace) -> list[tuple]:
    return [(f.origin.label(), f.destination.label(), f.what, f.quantity["low" if "low" in f.quantity else "value"] if f.quantity else None,
             f.rule) for f in flows_of(ws)]


def test_flow_rules(small):
    found = _flows(small)
    assert ("North Korea", "riverton", "engineers", 1200, "send") in found  # an agent sends to a place
    assert ("Iran", "Russia", "engineers", None, "receive") in found  # the agent is the destination
    assert ("lakeside", "riverton", "workers", None, "move") in found  # "from X" is the origin


def test_a_country_is_drawn_at_its_capital_site_or_its_capital(small):
    flows = {f.origin.label(): f for f in flows_of(small)}
    assert point_of(small, flows["Iran"].origin) == (51.389, 35.6892)  # no Tehran site: the table's point
    assert point_of(small, flows["Iran"].destination) == (37.6173, 55.7558)  # Russia: the workspace's Moscow


def test_sentences_without_a_movement_give_no_flow():
    from mapviewer.core.flows import flows_in_sentence

    assert flows_in_sentence("The tunnels can pump 30,000 troops an hour.", 0, [], []) == []
    assert flows_in_sentence("Russia and Iran signed a treaty.", 0, [], []) == []


def test_the_verb_prefilter_never_skips_a_sentence_a_flow_rule_matches(ws):
    """flows._may_move skips texts without a movement verb: every sentence of the corpus and of these tests that
    a FLOW_RULES pattern matches must pass it (and most sentences without one must not)."""
    from mapviewer.core.flows import FLOW_RULES, _may_move
    from mapviewer.core.sentences import sentence_spans

    sentences = [ARTICLE, OTHER, "Drones were ships' cargo; they flew in from the coast.", "Troops are heading for the port."]
    for article in ws.articles:
        sentences += [article.text[s:e] for s, e in sentence_spans(article.text)]
    matched = [s for s in sentences if any(rule.pattern.search(s) for rule in FLOW_RULES)]
    assert len(matched) > 30
    assert all(_may_move(s) for s in matched)
    assert not _may_move("The statement was published on the ministry's channel late on Friday.")


# ---- what is read but not shown ----------------------------------------------------------------------


def test_a_count_of_battles_or_reasons_is_read_but_not_shown():
    from mapviewer.core.evidence import Evidence
    from mapviewer.core.figures import NOT_SHOWN_RULES, figures_of_article, not_shown, shown_figures
    from mapviewer.core.model import Article

    text = ("Marines held the ridge through four battles before 2,500 reinforcements landed.\n\n"
            "Planners gave three reasons for the delay, and twice that many excuses followed.\n\n"
            "The yard builds 12 boats a month and could double that output.")
    starts = [0, text.index("Planners"), text.index("The yard")]
    ends = [text.index("\n\n"), text.index("\n\n", starts[1]), len(text)]
    article = Article.packed([(a, b, "body") for a, b in zip(starts, ends)], id="made-up", title="A made-up report", text=text)
    read = figures_of_article(article, [])
    units = [f.unit for f in read]
    assert "battles" in units and "reasons" in units, units  # the rules still read them
    assert not_shown(next(f for f in read if f.unit == "battles")).name == "count of episodes"
    assert all(r.name for r in NOT_SHOWN_RULES)
    shown = shown_figures(read)
    assert [f.unit for f in shown if f.bound != "relation"] == ["reinforcements", "boats_per_month"], [f.unit for f in shown]
    relation = [f for f in shown if f.bound == "relation"]
    assert len(relation) == 1 and shown[relation[0].relative_to].unit == "boats_per_month", "renumbered among the shown"
    evidence = Evidence.of([], [article], [])
    assert [f.text for f in evidence.figures] == [f.text for f in shown], "the views get the shown figures only"
