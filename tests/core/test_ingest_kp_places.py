"""North Korea's county list (core/ingest/kp_places.py, assets/gazetteer/kp_counties.csv): loaded and checked
row by row, reached under McCune–Reischauer, Revised and "County"/"-gun"/"City" spellings, and never put in
place of a common word, a bare town name or a South Korean namesake. Sentences are invented for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from mapviewer import paths
from mapviewer.core.corpus import make_article
from mapviewer.core.ingest import kp_places
from mapviewer.core.ingest.kp_places import KP_FILE, aliases, load_kp_places, spellings
from mapviewer.core.ingest.places import Candidate, find_candidates
from mapviewer.core.mentions import AliasIndex
from mapviewer.core.textnorm import key

HEADER = "# test rows, commit " + "a" * 40 + "\nwof_id,name,variants,latitude,longitude\n"
SOURCE = "https://github.com/whosonfirst-data/whosonfirst-data-admin-kp/blob/"


def candidates(text: str) -> list[Candidate]:
    return find_candidates(make_article("a", "Headline\n\n" + text + "\n"), AliasIndex([]))


def placed(text: str, surface: str) -> Candidate:
    return next(c for c in candidates(text) if c.surface == surface)


def test_the_shipped_list_is_package_data_and_loads_clean() -> None:
    assert KP_FILE == paths.ASSETS / "gazetteer" / "kp_counties.csv" and KP_FILE.is_file()
    rows, problems, shared = load_kp_places()
    assert problems == [] and kp_places.KP_PROBLEMS == [] and rows == kp_places.KP_PLACES
    assert len(rows) == 177 and shared == kp_places.KP_SHARED == ("Ryongchon County", "Unsan County")  # 181 less two shared pairs
    hochon = next(r for r in rows if r.name == "Hochon County")
    assert (hochon.kind, hochon.precision, hochon.country) == ("region", "region", "KP")
    assert 40.5 < hochon.lat < 41.0 and 128.0 < hochon.lon < 129.0  # in South Hamgyong
    assert hochon.source.startswith(SOURCE) and hochon.source.endswith(".geojson")
    assert "CC BY 4.0" in hochon.source_title and hochon.source_coord.startswith("lbl:latitude ")


def test_a_name_is_spelt_the_ways_articles_spell_it() -> None:
    assert spellings("Jangphung") == ("Jangphung", "Jangpung", "Changpung")
    assert spellings("Ryonggang") == ("Ryonggang", "Yonggang")
    assert spellings("Kusong") == ("Kusong", "Gusong")
    assert spellings("Thongchon") == ("Thongchon", "Tongchon")  # an aspirate is never voiced


def test_a_county_is_named_with_the_county_word_and_a_city_with_the_city_word_too() -> None:
    def names(name: str, variants: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
        return {key(n) for n in aliases(name, variants)}

    assert names("Hochon") >= {key(n) for n in ("Hochon County", "Hochon-gun")}
    assert names("Kusong", ("Kusong City",)) >= {key(n) for n in ("Kusong City", "Kusong-si", "Gusong City", "Kusong County")}
    assert not {key("Hochon"), key("Hochon City")} & names("Hochon")  # never bare: the town is the city gazetteer's


@pytest.mark.parametrize("surface", ["Hochon County", "Hocheon County", "Hochon-gun", "Hoch'on County"])
def test_a_county_is_reached_by_its_mr_revised_and_korean_names(surface: str) -> None:
    c = placed(f"Floods damaged rice fields in {surface}, South Hamgyong Province, North Korean media reported.", surface)
    assert c.place is not None and c.place.name == "Hochon County" and c.place.precision == "region"
    assert c.place.country == "KP" and "whosonfirst" in c.place.coord_source and c.place.radius_km == 15.0


def test_a_city_word_in_revised_spelling_reaches_the_city() -> None:
    c = placed("A new textile mill opened in Guseong City, North Pyongan Province, in North Korea.", "Guseong City")
    assert c.place is not None and c.place.name == "Kusong City" and c.place.kind == "city"


def test_no_common_word_bare_name_or_south_korean_county_is_taken_for_a_listed_county() -> None:
    text = (
        "Farmers in Goseong County, Gangwon Province, South Korea, said the county fair in Hongcheon drew crowds. "
        "Officials in Seoul said Anak would not be discussed, and the Orange County team won."
    )
    assert not [c for c in candidates(text) if c.place is not None and "whosonfirst" in c.place.coord_source]


def test_each_bad_row_is_named_and_the_rest_load(tmp_path: Path) -> None:
    path = tmp_path / "kp.csv"
    path.write_text(
        HEADER
        + "1,Alpha,,40.1,126.1\n"
        + "2,,,40.2,126.2\n"
        + "3,Bravo,,north,126.3\n"
        + "4,Charlie,,35.1,129.0\n"
        + "x5,Delta,,40.4,126.4\n"
        + "6,Echo,,40.5,126.5\n"
        + "7,Echo,,40.6,126.6\n",
        encoding="utf-8",
    )
    rows, problems, shared = load_kp_places(path)
    assert [r.name for r in rows] == ["Alpha County"] and shared == ("Echo County",)
    assert rows[0].source == SOURCE + "a" * 40 + "/data/1/1.geojson"
    got = [(p.file, p.where, p.message) for p in problems]
    assert all(f == str(path) and m.endswith("row left out") for f, _, m in got)
    assert [(w, m.split(";")[0]) for _, w, m in got] == [
        ("line 4", '"name" is missing or empty'),
        ("line 5 ('Bravo')", "\"latitude\" 'north' is not a number"),
        ("line 6 ('Charlie')", '"latitude"/"longitude" 35.1, 129.0 lie outside North Korea'),
        ("line 7 ('Delta')", "\"wof_id\" 'x5' is not a Who's On First id (digits)"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("wof_id,name,variants,latitude,longitude\n", "names no source commit"),
        ("# commit " + "b" * 40 + "\nwof_id,name,lat,lon\n", "lacks the column(s) variants, latitude, longitude"),
    ],
)
def test_a_file_that_cannot_be_used_is_one_problem_and_no_rows(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "kp.csv"
    path.write_text(text, encoding="utf-8")
    rows, problems, _ = load_kp_places(path)
    assert rows == () and len(problems) == 1 and message in problems[0].message and problems[0].file == str(path)
    missing, problems, _ = load_kp_places(tmp_path / "absent.csv")
    assert missing == () and "cannot read" in problems[0].message


def test_ingest_names_the_bad_rows_of_the_shipped_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from mapviewer.cli import main

    path = tmp_path / "kp.csv"
    path.write_text(HEADER + "1,Alpha,,40.1,126.1\n2,Bravo,,north,126.3\n", encoding="utf-8")
    monkeypatch.setattr(kp_places, "KP_PROBLEMS", load_kp_places(path)[1])
    monkeypatch.setenv("MAPVIEWER_USER_DIR", str(tmp_path / "user"))
    article = tmp_path / "a.txt"
    article.write_text("Headline\n\nRain fell on the town of Sudzha on Monday.\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["--data", str(tmp_path / "ws"), "ingest", str(article)], out=out, err=err) == 0
    assert f"warning: {path}: line 4 ('Bravo'): \"latitude\" 'north' is not a number" in err.getvalue()
    assert "1 of 1 files ingested" in out.getvalue()
