"""The North Korean place list (core/ingest/kp_places.py, assets/gazetteer/kp_places.csv): loaded and checked
row by row, reached under McCune–Reischauer, Revised and English-suffix spellings, and never put in place of a
South Korean town or a populated place the city gazetteer has. Sentences are invented for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from mapviewer import paths
from mapviewer.core.corpus import make_article
from mapviewer.core.ingest import kp_places
from mapviewer.core.ingest.kp_places import KP_FILE, aliases, load_kp_places, revised
from mapviewer.core.ingest.places import Candidate, find_candidates
from mapviewer.core.mentions import AliasIndex
from mapviewer.core.textnorm import key

HEADER = (
    "# test rows from https://github.com/dr5hn/countries-states-cities-database, commit " + "a" * 40 + "\n"
    "id,name,native,type,state_code,latitude,longitude,wikiDataId\n"
)


def candidates(text: str) -> list[Candidate]:
    return find_candidates(make_article("a", "Headline\n\n" + text + "\n"), AliasIndex([]))


def placed(text: str, surface: str) -> Candidate:
    return next(c for c in candidates(text) if c.surface == surface)


def test_the_shipped_list_is_package_data_and_loads_clean() -> None:
    assert KP_FILE == paths.ASSETS / "gazetteer" / "kp_places.csv" and KP_FILE.is_file()
    rows, problems = load_kp_places()
    assert problems == [] and kp_places.KP_PROBLEMS == [] and rows == kp_places.KP_PLACES and len(rows) == 80
    county = next(r for r in rows if r.name == "Changgang-gun")
    assert (county.lat, county.lon, county.kind, county.precision, county.country) == (
        41.06333,
        126.72556,
        "region",
        "region",
        "KP",
    )
    assert county.source.startswith("https://github.com/dr5hn/countries-states-cities-database/blob/")
    assert county.source_coord == "41.06333000, 126.72556000" and "ODbL" in county.source_title


def test_mccune_reischauer_becomes_revised_romanisation() -> None:
    assert [revised(w) for w in ("Kusŏng", "Hoch'ŏn", "Chŏngju", "Kimch’aek", "Kyŏngwŏn", "Sinŭiju", "Anak")] == [
        "Guseong", "Hocheon", "Jeongju", "Gimchaek", "Gyeongwon", "Sinuiju", "Anak"
    ]  # fmt: skip


def test_a_county_and_a_city_are_named_with_their_suffix_in_every_spelling() -> None:
    def names(row: str) -> set[tuple[str, ...]]:  # as looked up: folded, so "Kusŏng City" is "Kusong City"
        return {key(n) for n in (row, *aliases(row))}

    assert names("Hoch'ŏn-gun") >= {key(n) for n in ("Hochon-gun", "Hocheon-gun", "Hochon County", "Hocheon County")}
    assert names("Kusŏng-si") >= {key(n) for n in ("Kusong-si", "Guseong-si", "Kusong City", "Guseong City")}
    assert "Hochon" not in aliases("Hoch'ŏn-gun")  # the bare stem is the city gazetteer's to place
    assert aliases("Kosan") == ()  # a bare town keeps no Revised spelling: "Gosan" is a town on Jeju


@pytest.mark.parametrize("surface", ["Changgang County", "Janggang County", "Changgang-gun", "Janggang-gun"])
def test_a_county_is_reached_by_its_mr_revised_and_english_names(surface: str) -> None:
    c = placed(f"Heavy rain flooded farms in {surface}, Chagang Province, North Korean state media said.", surface)
    assert c.place is not None and c.place.name == "Changgang-gun" and c.place.precision == "region"
    assert abs(c.place.lat - 41.06333) < 1e-6 and "countries-states-cities-database" in c.place.coord_source


def test_a_city_suffix_in_english_reaches_the_city() -> None:
    c = placed("A new fish plant opened in Gimchaek City on the east coast of North Korea.", "Gimchaek City")
    assert c.place is not None and c.place.name == "Kimch’aek-si"


def test_no_south_korean_namesake_or_english_word_is_taken_for_a_listed_place() -> None:
    text = "Tourists crowded Gosan on Jeju Island, South Korea, and the county fair in Seogwipo drew a record crowd."
    assert not [c for c in candidates(text) if c.place is not None and c.place.country == "KP"]


def test_each_bad_row_is_named_and_the_rest_load(tmp_path: Path) -> None:
    path = tmp_path / "kp.csv"
    path.write_text(
        HEADER
        + "1,Alpha-gun,,city,01,40.1,126.1,\n"
        + "2,,,city,01,40.2,126.2,\n"
        + "3,Bravo-gun,,city,01,north,126.3,\n"
        + "4,Charlie,,city,01,35.1,129.0,\n"
        + "5,Delta,,hamlet,01,40.4,126.4,\n"
        + "6,Alpha-gun,,city,01,40.5,126.5,\n",
        encoding="utf-8",
    )
    rows, problems = load_kp_places(path)
    assert [r.name for r in rows] == ["Alpha-gun"] and rows[0].source.endswith("a" * 40 + "/contributions/cities/KP.json")
    got = [(p.file, p.where, p.message) for p in problems]
    assert all(f == str(path) and m.endswith("row left out") for f, _, m in got)
    assert [(w, m.split(";")[0]) for _, w, m in got] == [
        ("line 4", '"name" is missing or empty'),
        ("line 5 ('Bravo-gun')", "\"latitude\" 'north' is not a number"),
        ("line 6 ('Charlie')", '"latitude"/"longitude" 35.1, 129.0 lie outside North Korea'),
        ("line 7 ('Delta')", "\"type\" 'hamlet' is not one of adm1, adm2, adm3, capital, city, locality"),
        ("line 8 ('Alpha-gun')", "\"name\": 'Alpha-gun' already names the row 'Alpha-gun'"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id,name,native,type,state_code,latitude,longitude,wikiDataId\n", "names no source commit"),
        ("# commit " + "b" * 40 + "\nid,name,latitude,longitude\n", "lacks the column(s) native, type, state_code, wikiDataId"),
    ],
)
def test_a_file_that_cannot_be_used_is_one_problem_and_no_rows(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "kp.csv"
    path.write_text(text, encoding="utf-8")
    rows, problems = load_kp_places(path)
    assert rows == () and len(problems) == 1 and message in problems[0].message and problems[0].file == str(path)
    missing, problems = load_kp_places(tmp_path / "absent.csv")
    assert missing == () and "cannot read" in problems[0].message
