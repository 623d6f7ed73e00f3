"""When and who else says so, on real workspaces written to disk: the time window, independent sources
(near-duplicate texts and relays written for these tests), article provenance, and dates found by ingest."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from mapviewer.cli import main
from mapviewer.core.filters import Filter
from mapviewer.core.ingest.batch import ingest
from mapviewer.core.ingest.extract import extract_file
from mapviewer.core.sources import independent_sources
from mapviewer.core.when import TIME_RULES, _keys, mention_days, when_of
from mapviewer.core.workspace import Location, Workspace


def _point(site_id: str, name: str, lon: float) -> dict:
    return {
        "type": "Feature",
        "properties": {"id": site_id, "name": name, "aliases": [], "kind": "town", "coord_source": "test fixture"},
        "geometry": {"type": "Point", "coordinates": [lon, 45.0]},
    }


SITES = [_point("alpha", "Alphaville", 10.0), _point("beta", "Betagrad", 11.0), _point("gamma", "Gammaton", 12.0)]

# A wire story and a near-copy of it (two paragraphs reworded by a word or two), a relay of Yonhap, Yonhap's
# own report (different words), and an independent local paper. Written for this test.
STORY_1 = (
    "Engineers from the north arrived in Alphaville on March 3, 2025, to rebuild the rail bridge that "
    "was destroyed in the winter fighting, according to two officials who asked not to be named."
)
STORY_2 = (
    "The officials said that the engineers would also clear mines along the road to Betagrad and that the work "
    "was expected to take several months, with more crews arriving from the border in the spring."
)
ARTICLES = {
    "wire": ("Daily Planet", "2025-03-05", f"Engineers reach Alphaville\n\n{STORY_1}\n\n{STORY_2}\n"),
    "copy": (
        "Echo News",
        "2025-03-06",
        "Northern engineers in Alphaville\n\n"
        + STORY_1.replace("rail bridge", "railway bridge")
        + "\n\n"
        + STORY_2.replace("several months", "many months")
        + "\n",
    ),
    "relay": (
        "Morning Courier",
        "2025-03-07",
        "Crews at Betagrad\n\nMine clearing crews reached Betagrad this week, first reported by Yonhap, which cited "
        "a government source in Seoul on the deployment.\n",
    ),
    "yonhap": ("Yonhap", "2025-03-07", "Betagrad demining\n\nA government source told reporters that sappers are clearing fields near Betagrad.\n"),
    "local": (
        "Gammaton Herald",
        None,
        "Town notes\n\nIn 1974 the old mine at Gammaton closed. The market in Betagrad reopened. Alphaville is quiet now.\n",
    ),
}


def write_workspace(root: Path, articles: dict = ARTICLES) -> Path:
    (root / "articles").mkdir(parents=True)
    (root / "sites.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": SITES}), encoding="utf-8")
    entries = []
    for article_id, (outlet, date, text) in articles.items():
        (root / "articles" / f"{article_id}.txt").write_text(text, encoding="utf-8")
        entries.append({"id": article_id, "file": f"{article_id}.txt", "outlet": outlet, "date": date})
    (root / "articles" / "articles.json").write_text(json.dumps({"articles": entries}), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_workspace(tmp_path_factory.mktemp("evidence"))


@pytest.fixture(scope="module")
def ews(root: Path) -> Workspace:
    workspace = Workspace.load(Location.folder(root))
    assert workspace.problems == []
    return workspace


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def passing(ws: Workspace, flt: Filter) -> set[tuple[str, str]]:
    result = ws.filter(flt)
    return {(ws.mention_by_id[i].article_id, ws.mention_by_id[i].site_id) for i in result.mention_ids}


# ---- independent sources ------------------------------------------------------------------------


def test_a_near_copy_and_a_relay_count_with_their_originals(ews):
    sources = independent_sources(ews.articles)
    group = dict(zip([a.id for a in ews.articles], sources.group))
    assert group["wire"] == group["copy"]  # two paragraphs reproduced with a word changed each
    assert group["relay"] == group["yonhap"]  # "first reported by Yonhap" in the lede
    assert len({group["wire"], group["yonhap"], group["local"]}) == 3
    assert sources.why == {"copy": "reproduces the text of wire", "relay": "relays Yonhap"}


def test_sites_json_counts_independent_sources(root):
    code, out, _ = run("--data", str(root), "sites", "--json")
    rows = {r["id"]: r for r in json.loads(out)}
    assert code == 0
    # alpha: wire + copy (one source) + local; beta: wire + copy, relay + yonhap, local; gamma: local
    assert (rows["alpha"]["sources"], rows["alpha"]["source_outlets"]) == (2, ["Daily Planet", "Gammaton Herald"])
    assert (rows["beta"]["sources"], rows["beta"]["source_outlets"]) == (3, ["Daily Planet", "Gammaton Herald", "Yonhap"])
    assert rows["gamma"]["sources"] == 1
    assert rows["alpha"]["articles"] == ["copy", "local", "wire"]


def test_min_sources_filters_sites_in_the_cli_and_the_filter(root, ews):
    code, out, _ = run("--data", str(root), "sites", "--min-sources", "3", "--json")
    assert code == 0 and [r["id"] for r in json.loads(out)] == ["beta"]
    assert ews.filter(Filter(min_sources=2)).site_ids == ["alpha", "beta"]
    # counted among the passing passages: without the local paper, alpha has one source left
    assert ews.filter(Filter(articles=frozenset({"wire", "copy", "relay", "yonhap"}), min_sources=2)).site_ids == ["beta"]


def test_an_unrelated_article_with_a_shared_short_quote_is_independent(tmp_path):
    articles = dict(ARTICLES)
    articles["other"] = ("Other Daily", "2025-03-08", f"Different story\n\n{STORY_1[:60]} was quoted. Gammaton farmers talked about the harvest in a long interview with our reporter on the square.\n")
    ws = Workspace.load(Location.folder(write_workspace(tmp_path / "ws", articles)))
    sources = independent_sources(ws.articles)
    group = dict(zip([a.id for a in ws.articles], sources.group))
    assert group["other"] not in {group[a] for a in ARTICLES}


# ---- the time window ------------------------------------------------------------------------------


def test_time_window_keeps_passages_whose_time_overlaps(ews):
    # wire/copy: "March 3, 2025"; relay: "this week" of 2025-03-07; yonhap: its date; local: 1974 / undated
    march = passing(ews, Filter(since="2025-03", until="2025-03"))
    assert ("wire", "alpha") in march and ("relay", "beta") in march and ("yonhap", "beta") in march
    assert not any(a == "local" for a, _ in march)
    assert passing(ews, Filter(until="1980")) == {("local", "gamma")}
    # March 3 is before the window: the body's mention is out; the headline's ("Engineers reach Alphaville") is
    # dated by the article (March 5) and stays
    late = ews.filter(Filter(since="2025-03-04"))
    wire_alpha = {ews.mention_by_id[i].sentence for i in late.mention_ids
                  if (ews.mention_by_id[i].article_id, ews.mention_by_id[i].site_id) == ("wire", "alpha")}
    assert wire_alpha == {"Engineers reach Alphaville"}


def test_undated_passages_pass_only_when_asked(ews):
    # the local paper has no date: "The market in Betagrad reopened." states no time, so it has none
    assert ("local", "beta") not in passing(ews, Filter(since="1900"))
    assert ("local", "beta") in passing(ews, Filter(since="1900", undated=True))
    assert ("local", "beta") in passing(ews, Filter())  # no window: nothing is left out


def test_cli_time_window_and_its_errors(root):
    code, out, _ = run("--data", str(root), "sites", "--until", "1980", "--json")
    assert code == 0 and [r["id"] for r in json.loads(out)] == ["gamma"]
    code, out, _ = run("--data", str(root), "passages", "beta", "--since", "2025-03-07", "--json")
    rows = {r["article"]: r["when"] for r in json.loads(out)}
    assert code == 0 and set(rows) == {"relay", "yonhap", "wire", "copy"}  # not the undated local paper
    assert (rows["wire"]["text"], rows["wire"]["start"], rows["wire"]["end"]) == ("in the spring", "2025-03", "2025-05")
    assert (rows["yonhap"]["from"], rows["yonhap"]["start"]) == ("article", "2025-03-07")
    for bad, message in ((["--since", "2025-13"], "bad --since '2025-13'"), (["--since", "2025", "--until", "2024"], "is after --until"),
                         (["--undated"], "--undated only applies")):
        code, _, err = run("--data", str(root), "sites", *bad)
        assert code == 2 and message in err and err.count("\n") == 1


def test_export_names_the_time_window_and_sources_in_its_filter_line(root, tmp_path):
    out_file = tmp_path / "w.geojson"
    code, _, err = run("--data", str(root), "export", str(out_file), "--since", "2025-03", "--min-sources", "2")
    assert code == 0, err
    doc = json.loads(out_file.read_text(encoding="utf-8"))
    assert doc["metadata"]["filter"].endswith("time: from 2025-03 (undated passages left out); sources: at least 2 independent")
    # alpha keeps one source once the undated local paper is left out (the wire story and its copy are one)
    assert {f["id"] for f in doc["features"]} == {"beta"}
    (beta,) = doc["features"]
    assert (beta["properties"]["sources"], beta["properties"]["source_outlets"]) == (2, ["Daily Planet", "Yonhap"])
    assert {a["id"] for a in doc["metadata"]["articles"]} == {"wire", "copy", "relay", "yonhap"}


def test_filter_state_round_trips_the_window_and_leaves_old_states_alone(ews):
    flt = Filter(since="2025-03", until="2025-04-02", undated=True, min_sources=2)
    assert Filter.from_state(flt.state(), {}) == flt
    assert "since" not in Filter().state()  # a filter without a window is remembered as before
    assert Filter.from_state({**Filter().state(), "since": "nonsense", "min_sources": "9"}, {}) == Filter()


def test_every_time_rule_match_holds_one_of_its_keys(ws):
    """The keyword prefilter (TimeRule.keys) can only skip a rule on a sentence it cannot match: every match of
    every rule, on every bundled sentence and on the rule examples, holds one of that rule's keys."""
    sentences = {m.sentence for m in ws.mentions} | {p.text for a in ws.articles for p in a.passages}
    sentences |= {"Between 2003 and 2006", "the late 1960s", "1990–95", "mid-July", "Soviet-era bunkers", "at the moment",
                  "in the coming weeks", "Over the past two decades", "earlier this year", "Sept. 3, 2024", "3rd of May 2021"}
    matched = 0
    for sentence in sentences:
        for rule in TIME_RULES:
            for m in rule.pattern.finditer(sentence):
                matched += 1
                assert not rule.keys.isdisjoint(_keys(m.group(0))), (rule.name, m.group(0))
    assert matched > 100


def test_time_prefilter_skips_no_sentence_the_rules_would_date(ws):
    """mention_days runs the rules only on sentences with a digit or a time word: on every bundled mention the
    result equals running the rules."""
    for m in ws.mentions:
        date = ws.article_by_id[m.article_id].date
        when = when_of(m.sentence, m.lead, date)
        first, last = when.days()
        days = mention_days(m.sentence, m.lead, date)
        assert (days[0] if first is not None else None, days[1] if last is not None else None) == (first, last)


# ---- provenance -----------------------------------------------------------------------------------


def test_ingest_records_provenance_and_an_edited_text_is_reported_and_flagged(tmp_path):
    src = tmp_path / "report.html"
    src.write_text(
        '<html><head><meta property="article:published_time" content="2025-03-14T09:00:00Z">'
        '<meta property="og:site_name" content="Example Times"><meta property="og:url" content="https://example.test/a">'
        "<title>Troops at Alphaville</title></head><body><article><h1>Troops at Alphaville</h1>"
        "<p>Troops were seen in Alphaville on Sunday, officials said.</p></article></body></html>",
        encoding="utf-8",
    )
    root = tmp_path / "ws"
    root.mkdir()
    (root / "sites.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": SITES}), encoding="utf-8")
    report = ingest([src], root)
    assert not report.failed
    code, out, _ = run("--data", str(root), "articles", "--json")
    (row,) = json.loads(out)
    assert code == 0
    assert (row["date"], row["date_source"], row["outlet"], row["url"], row["original_file"]) == (
        "2025-03-14", "HTML <meta article:published_time>", "Example Times", "https://example.test/a", "report.html"
    )
    text_file = root / "articles" / f"{row['id']}.txt"
    assert row["sha256"] == hashlib.sha256(text_file.read_bytes()).hexdigest()
    added = datetime.fromisoformat(row["added"])
    assert abs((datetime.now(timezone.utc) - added).total_seconds()) < 600 and row["text_changed"] is False
    _, out, _ = run("--data", str(root), "passages", "alpha", "--json")
    body = next(r for r in json.loads(out) if "on Sunday" in r["text"])  # the headline's mention comes first
    assert body["when"] == {"start": "2025-03-09", "end": "2025-03-09", "text": "on Sunday", "precision": "day",
                                          "from": "passage", "rule": "weekday"}

    text_file.write_text(text_file.read_text(encoding="utf-8").replace("Troops were", "Tanks were"), encoding="utf-8")
    _, out, err = run("--data", str(root), "articles", "--json")
    assert f"article 0 ('{row['id']}')" in err and "differs from its recorded sha256" in err and "marked as changed" in err
    assert json.loads(out)[0]["text_changed"] is True
    _, out, _ = run("--data", str(root), "passages", "alpha")
    assert "[text changed since added]" in out.splitlines()[0]
    _, out, _ = run("--data", str(root), "articles")
    assert "[text changed since added]" in out
    out_file = tmp_path / "x.geojson"
    assert run("--data", str(root), "export", str(out_file))[0] == 0
    doc = json.loads(out_file.read_text(encoding="utf-8"))
    assert doc["metadata"]["articles"][0]["text_changed"] is True
    assert doc["features"][0]["properties"]["passages"][0]["text_changed"] is True


@pytest.mark.parametrize(
    ("name", "content", "date", "source"),
    [
        ("a.txt", "Title: X\nDate: 14 March 2025\n\nTroops reached Alphaville.\n", "2025-03-14", "`Date:` header line"),
        ("b.txt", "Troops at Alphaville\n\nSEOUL, 14 March 2025 — Troops reached Alphaville.\n", "2025-03-14", "dateline of the article's first paragraphs"),
        ("c.html", '<html><head><script type="application/ld+json">{"@graph": [{"datePublished": "2024-07-02T21:22:00-04:00"}]}</script>'
                   "</head><body><h1>X</h1><p>Troops reached Alphaville.</p></body></html>", "2024-07-02", "JSON-LD datePublished"),
        ("d.html", '<html><body><h1>X</h1><p>By A. Writer, <time datetime="2023-05-01">May 1</time></p><p>Troops reached Alphaville.</p></body></html>',
         "2023-05-01", "<time datetime> (the first in the page)"),
        ("e.html", "<html><body><h1>X</h1><p>KYIV, Ukraine, March 14, 2025 (Reuters) - Troops reached Alphaville.</p></body></html>",
         "2025-03-14", "dateline of the article's first paragraphs"),
        ("f.txt", "Troops reached Alphaville.\n", None, None),
    ],
)
def test_ingest_finds_the_date_and_says_where(tmp_path, name, content, date, source):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    e = extract_file(path)
    assert (e.date, e.date_source) == (date, source)
