"""The reviewer's decisions (accept, reject, rename, merge, place) on a real ingested workspace, read
back through the ordinary workspace loader and `mapviewer review`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from mapviewer.cli import main
from mapviewer.core.gazetteer import load_sites
from mapviewer.core.ingest import decisions
from mapviewer.core.ingest.batch import ingest
from mapviewer.core.ingest.decisions import ReviewError
from mapviewer.core.workspace import Location, Workspace

EVAL = Path(__file__).parents[1] / "ingest_eval"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A --data workspace with two real articles ingested (offline gazetteer only)."""
    reference, _ = load_sites(Location.bundled().sites)
    out = tmp_path / "ws"
    report = ingest([EVAL / "yonhap-yongbyon.txt", EVAL / "tass-vostochny.txt"], out, reference)
    assert not report.failed
    return out


def item(root: Path, name: str) -> decisions.ReviewItem:
    return next(i for i in decisions.review_items(root) if i.name == name)


def sites_named(ws: Workspace, name: str) -> list[str]:
    return [s.id for s in ws.sites if s.name == name or name in s.aliases]


def mentioned(ws: Workspace, site_id: str) -> int:
    return sum(m.site_id == site_id for m in ws.mentions)


def test_items_group_occurrences_and_list_unplaced_first(root: Path) -> None:
    items = decisions.review_items(root)
    assert items[0].needs_review and items[0].status == "unplaced"
    spaceport = item(root, "Vostochny Spaceport")
    assert spaceport.count == 3 and spaceport.articles == ("tass-vostochny",)  # the headline's and two in the body
    assert spaceport.site_id == "vostochny-cosmodrome" and spaceport.lat is not None
    assert not spaceport.needs_review  # placed by the gazetteer with good confidence
    assert len({i.key for i in items}) == len(items)


def test_place_an_unplaced_name_puts_it_on_the_map(root: Path) -> None:
    river = item(root, "Kuryong River")
    assert river.site_id is None and river.needs_review
    site_id = decisions.place(root, river.key, 39.75, 125.9)
    ws = Workspace.open(root)
    assert site_id in ws.site_by_id and ws.site_by_id[site_id].provenance == "user"
    assert (ws.site_by_id[site_id].lat, ws.site_by_id[site_id].lon) == (39.75, 125.9)
    assert mentioned(ws, site_id) == 1, "the core now finds the name in the article"
    assert "Kuryong River" not in {r["name"] for r in json.loads(_review_json(root))}
    placed = item(root, "Kuryong River")
    assert placed.decision == "placed" and placed.site_id == site_id


def test_place_moves_a_placed_site_and_refuses_bad_positions(root: Path) -> None:
    far_east = item(root, "Far East")
    with pytest.raises(ReviewError, match="not on the map"):
        decisions.place(root, far_east.key, 95.0, 10.0)
    with pytest.raises(ReviewError, match="not a number"):
        decisions.place(root, far_east.key, float("nan"), 10.0)
    decisions.place(root, far_east.key, 48.5, 135.1)
    site = Workspace.open(root).site_by_id[far_east.site_id]
    assert (site.lat, site.lon) == (48.5, 135.1) and site.provenance == "user"


def test_reject_removes_the_site_and_survives_reingest(root: Path, tmp_path: Path) -> None:
    tokyo = item(root, "TOKYO")
    before = Workspace.open(root)
    assert mentioned(before, "tokyo") >= 1
    decisions.reject(root, tokyo.key)
    after = Workspace.open(root)
    assert "tokyo" not in after.site_by_id and mentioned(after, "tokyo") == 0
    assert len(after.mentions) < len(before.mentions)
    # a new article naming Tokyo again does not bring the rejected name back
    text = tmp_path / "again.txt"
    text.write_text("Title: Again\n\nOfficials in TOKYO said the launch from Vostochny Spaceport was watched closely.\n", encoding="utf-8")
    reference, _ = load_sites(Location.bundled().sites)
    ingest([text], root, reference)
    assert "tokyo" not in Workspace.open(root).site_by_id
    assert all(r["name"] != "TOKYO" for r in json.loads(_review_json(root)))


def test_rename_keeps_the_written_name_matching(root: Path) -> None:
    far_east = item(root, "Far East")
    n = mentioned(Workspace.open(root), far_east.site_id)
    decisions.rename(root, far_east.key, "  Russian   Far East Federal District ")
    ws = Workspace.open(root)
    site = ws.site_by_id[far_east.site_id]
    assert site.name == "Russian Far East Federal District"
    assert "Far East" in site.aliases and "Russian Far East" in site.aliases
    assert mentioned(ws, far_east.site_id) == n
    with pytest.raises(ReviewError, match="already names site 'yellow-sea'"):
        decisions.rename(root, far_east.key, "Yellow Sea")
    with pytest.raises(ReviewError, match="empty"):
        decisions.rename(root, far_east.key, " \n ")


def test_merge_into_an_existing_site_adds_an_alias(root: Path) -> None:
    region = item(root, "Amur Region")
    own_site = region.site_id
    decisions.merge(root, region.key, "russian-far-east")
    ws = Workspace.open(root)
    assert own_site not in ws.site_by_id, "the candidate's own site is gone"
    assert "Amur Region" in ws.site_by_id["russian-far-east"].aliases
    text = ws.article_by_id["tass-vostochny"].text
    assert "Amur Region" in [text[m.start : m.end] for m in ws.mentions if m.site_id == "russian-far-east"]
    with pytest.raises(ReviewError, match="no site 'nowhere'"):
        decisions.merge(root, item(root, "Yellow Sea").key, "nowhere")


def test_merge_into_a_bundled_site_from_the_user_workspace(tmp_path: Path) -> None:
    """The default app view: the user workspace merged with the bundled corpus, whose files are read-only."""
    loc = Location.bundled()
    assert loc.extra is not None
    reference, _ = load_sites(loc.sites)
    text = tmp_path / "yelabuga.txt"
    text.write_text("Title: Workers\n\nNorth Korean workers were housed in Yelabuga, officials said.\n", encoding="utf-8")
    ingest([text], loc.extra, reference, copy_reference=False)
    town = item(loc.extra, "Yelabuga")
    assert town.site_id == "yelabuga"
    bundled_before = (loc.sites.read_bytes(), Workspace.open().site_by_id["alabuga-sez"].aliases)
    decisions.merge(loc.extra, town.key, "alabuga-sez", others=Workspace.open().sites)
    ws = Workspace.open()
    assert "yelabuga" not in ws.site_by_id
    assert "Yelabuga" in ws.site_by_id["alabuga-sez"].aliases
    found = [m for m in ws.mentions if m.article_id == "yelabuga"]
    assert [(m.site_id, ws.article_by_id["yelabuga"].text[m.start : m.end]) for m in found] == [("alabuga-sez", "Yelabuga")]
    assert loc.sites.read_bytes() == bundled_before[0], "the bundled gazetteer is never written"
    assert json.loads((loc.extra / decisions.SITE_ALIASES_FILE).read_text()) == {"alabuga-sez": ["Yelabuga"]}


def test_accept_needs_a_place_and_marks_reviewed(root: Path) -> None:
    with pytest.raises(ReviewError, match="not placed yet"):
        decisions.accept(root, item(root, "Kuryong River").key)  # (the reactors are placed at Yongbyon, for review)
    sea = item(root, "Yellow Sea")
    decisions.accept(root, sea.key)
    props = next(f["properties"] for f in json.loads((root / "sites.geojson").read_text())["features"] if f["properties"]["id"] == sea.site_id)
    assert props["confidence"] == 1.0 and props["reviewed"] is True
    assert item(root, "Yellow Sea").decision == "accepted"


def test_snapshot_restore_undoes_a_decision(root: Path) -> None:
    before = decisions.snapshot(root)
    decisions.place(root, item(root, "Kuryong River").key, 39.75, 125.9)
    assert decisions.snapshot(root) != before
    decisions.restore(root, before)
    assert decisions.snapshot(root) == before
    assert item(root, "Kuryong River").site_id is None


def test_stale_item_and_broken_files_are_clear_errors(root: Path) -> None:
    with pytest.raises(ReviewError, match="no candidate 'name:nothing'"):
        decisions.reject(root, "name:nothing")
    (root / decisions.SITE_ALIASES_FILE).write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(decisions.StoreError, match=r"site_aliases\.json"):
        decisions.reject(root, item(root, "TOKYO").key)
    assert item(root, "TOKYO").decision is None, "nothing was written"


def _review_json(root: Path) -> str:
    out, err = io.StringIO(), io.StringIO()
    assert main(["--data", str(root), "review", "--json"], out, err) == 0, err.getvalue()
    return out.getvalue()


def test_article_details_are_editable_and_validated(root: Path) -> None:
    from mapviewer.core.ingest.store import StoreError, set_article_details

    text_before = (root / "articles" / "tass-vostochny.txt").read_bytes()
    set_article_details(root, "tass-vostochny", {"title": "  Kim visits Vostochny ", "outlet": "TASS", "date": "2023-09-13", "url": "https://tass.com/politics/1674165"})
    article = Workspace.open(root).article_by_id["tass-vostochny"]
    assert (article.title, article.outlet, article.date, article.url) == ("Kim visits Vostochny", "TASS", "2023-09-13", "https://tass.com/politics/1674165")
    assert (root / "articles" / "tass-vostochny.txt").read_bytes() == text_before, "the text is never touched"
    set_article_details(root, "tass-vostochny", {"outlet": ""})
    assert Workspace.open(root).article_by_id["tass-vostochny"].outlet is None
    for bad, why in (
        ({"url": "javascript:alert(1)"}, "only http"),
        ({"title": "   "}, "needs a title"),
        ({"date": "2023\n09"}, "line breaks"),
        ({"text": "x"}, "not an editable"),
        ({"title": "x" * 301}, "longer than 300"),
    ):
        with pytest.raises(StoreError, match=why):
            set_article_details(root, "tass-vostochny", bad)
    with pytest.raises(StoreError, match="only your own articles"):
        set_article_details(root, "nis-kursk-deployment", {"title": "x"})


def test_broken_user_aliases_are_reported_and_the_rest_loads() -> None:
    loc = Location.bundled()
    assert loc.extra is not None
    loc.extra.mkdir(parents=True)
    path = loc.extra / decisions.SITE_ALIASES_FILE
    path.write_text(json.dumps({"alabuga-sez": ["Yelabuga", "Kursk"], "nowhere": ["X"]}), encoding="utf-8")
    ws = Workspace.open()
    assert "Yelabuga" in ws.site_by_id["alabuga-sez"].aliases
    assert "Kursk" not in ws.site_by_id["alabuga-sez"].aliases
    messages = [str(p) for p in ws.problems]
    assert any("site_aliases.json" in m and "'Kursk' already names site" in m for m in messages)
    assert any("'nowhere'" in m for m in messages)
    path.write_text("{not json", encoding="utf-8")
    ws = Workspace.open()
    assert any("site_aliases.json" in str(p) and "cannot read" in str(p) for p in ws.problems)
    assert len(ws.articles) == 4


def test_reject_keeps_a_site_another_article_names(root: Path, tmp_path: Path) -> None:
    """"Far East" rejected in one article: the site stays, because another article calls it by its full name."""
    other = tmp_path / "other.txt"
    other.write_text("Title: Ports\n\nNew cranes arrived across the Russian Far East this spring.\n", encoding="utf-8")
    reference, _ = load_sites(Location.bundled().sites)
    ingest([other], root, reference)
    ws = Workspace.open(root)
    assert any(m.article_id == "other" and m.site_id == "russian-far-east" for m in ws.mentions)
    decisions.reject(root, item(root, "Far East").key)
    ws = Workspace.open(root)
    assert "Far East" not in ws.site_by_id["russian-far-east"].aliases
    assert [m.site_id for m in ws.mentions if m.article_id == "other"] == ["russian-far-east"]
    assert not any(m.article_id == "tass-vostochny" and m.site_id == "russian-far-east" for m in ws.mentions)


def test_a_name_merged_into_a_bundled_site_stays_merged_on_the_next_ingest(tmp_path: Path) -> None:
    from mapviewer.core.ingest.batch import ingest_into

    loc = Location.bundled()
    assert loc.extra is not None
    first, second = tmp_path / "one.txt", tmp_path / "two.txt"
    first.write_text("Title: One\n\nNorth Korean workers were housed in Yelabuga, officials said.\n", encoding="utf-8")
    second.write_text("Title: Two\n\nMore workers reached Yelabuga in May, the report said.\n", encoding="utf-8")
    ingest_into([first], loc.extra, merged=True)
    decisions.merge(loc.extra, item(loc.extra, "Yelabuga").key, "alabuga-sez", others=Workspace.open().sites)
    ingest_into([second], loc.extra, merged=True)
    ws = Workspace.open()
    assert "yelabuga" not in ws.site_by_id
    assert {m.article_id for m in ws.mentions if m.site_id == "alabuga-sez"} >= {"one", "two"}
    assert not [p for p in ws.problems if "Yelabuga" in str(p)]


def test_ingest_refuses_to_commit_over_a_change_made_meanwhile(root: Path, tmp_path: Path) -> None:
    from mapviewer.core.ingest.store import StoreError

    text = tmp_path / "late.txt"
    text.write_text("Title: Late\n\nOfficials in Dandong watched the bridge.\n", encoding="utf-8")
    reference, _ = load_sites(Location.bundled().sites)

    def decide_meanwhile(i: int, total: int, _path: Path) -> None:
        if i == 0:
            decisions.reject(root, item(root, "TOKYO").key)

    with pytest.raises(StoreError, match="changed while the articles were read"):
        ingest([text], root, reference, progress=decide_meanwhile)
    assert item(root, "TOKYO").decision == "rejected", "the decision made meanwhile is kept"
    assert "late" not in Workspace.open(root).article_by_id
