"""Place names written in Hangul or Cyrillic (issue 13): romanised, read by the same finder as English text, placed
where the romanised name would be, listed for review when only their own words say they are places, and left alone
when they are persons, armies or institutions.

Every sentence here was invented for these tests; none is taken from the evaluation articles. "상남리" (Sangnam-ri)
is a village name no table of the offline gazetteer reads.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from placing import found, near

from mapviewer.core.gazetteer import load_sites
from mapviewer.core.ingest import cyrillic, hangul
from mapviewer.core.ingest.batch import ingest
from mapviewer.core.workspace import Location, Workspace

SUDZHA = (51.19, 35.27)
KURSK = (51.73, 36.18)


def placed(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(c.surface, c.place.name if c.place else None, c.status) for c in found(text)]


# ---------------------------------------------------------------- romanisation


@pytest.mark.parametrize(
    ("word", "revised", "mccune"),
    [
        ("희천", "huicheon", "huichon"),  # ㅓ is eo / o
        ("판교", "pangyo", "pangyo"),
        ("자강", "jagang", "chagang"),  # ㅈ is j / ch at a word's start
        ("신포", "sinpo", "sinpo"),  # an aspirate is never voiced
        ("신라", "silla", "silla"),  # n before l is l
        ("종로", "jongno", "chongno"),  # l after another final is n
        ("백마", "baengma", "paengma"),  # a stop before m is nasalised
        ("금강", "geumgang", "kumgang"),
    ],
)
def test_hangul_is_romanised_syllable_by_syllable_in_both_systems(word: str, revised: str, mccune: str) -> None:
    assert hangul.romanise(word) == revised
    assert hangul.romanise(word, mccune=True) == mccune


def test_an_administrative_suffix_becomes_the_english_head() -> None:
    stem, suffix = hangul.split_suffix("평안북도")
    assert stem == "평안" and suffix is not None
    assert hangul.spellings(stem, suffix)[0] == "North Pyeongan Province"
    stem, suffix = hangul.split_suffix("중강읍")
    assert "Chunggang-up" in hangul.spellings(stem, suffix)  # McCune–Reischauer's eup


@pytest.mark.parametrize(
    ("word", "latin"),
    [
        ("Харків", "Kharkiv"),
        ("Запоріжжя", "Zaporizhzhia"),
        ("Суджа", "Sudzha"),
        ("Белгород", "Belgorod"),
        ("Єнакієве", "Yenakiieve"),
    ],
)
def test_cyrillic_is_transliterated_as_ukrainian_or_russian(word: str, latin: str) -> None:
    assert latin in cyrillic.transliterations(word)


def test_a_regions_adjective_gives_back_its_citys_name() -> None:
    assert "Курськ" in cyrillic.region_stems("Курська")
    assert "Харків" in cyrillic.region_stems("Харківська")
    assert "Курск" in cyrillic.region_stems("Курской")
    assert cyrillic.region_stems("Запорізька")[0] == "Запоріжжя"


# ---------------------------------------------------------------- Hangul in an article


def test_a_hangul_village_the_gazetteer_knows_is_placed() -> None:
    assert placed("Engineers widened the road to 동창리, North Korea, in May.") == [("동창리", "Tongchang-ri", "placed")]


def test_a_hangul_city_is_placed_in_the_korea_the_article_names() -> None:
    got = found("South Korean police searched homes in 파주시, north of Seoul.")
    paju = next(c for c in got if c.surface == "파주시")
    assert paju.place is not None and paju.place.country == "KR" and near(paju, (37.76, 126.78))


def test_a_hangul_name_with_a_facility_word_is_one_facility_mention() -> None:
    got = placed("Satellite photos show new sheds at 신포 조선소 on North Korea's east coast.")
    assert [g for g in got if g[0] != "North Korea's east coast"] == [("신포 조선소", "Sinpo South Shipyard", "placed")]


def test_an_unknown_hangul_village_is_listed_for_review_with_its_sentence() -> None:
    got = found("Dozens fled the village of 상남리 in North Korea. The road was closed.")
    assert [(c.surface, c.status, c.place) for c in got] == [("상남리", "unplaced", None)]
    assert got[0].sentence == "Dozens fled the village of 상남리 in North Korea."


def test_a_hangul_province_in_a_title_case_line_is_still_listed() -> None:
    got = [(c.surface, c.status) for c in found("Location: Sangnam-ri (상남리), Hamgyong Province, North Korea")]
    assert ("상남리", "unplaced") in got


@pytest.mark.parametrize(
    "text",
    [
        "A defector, 박성철, told reporters the plant had closed in North Korea.",  # a person's name
        "Officials said 인민군 units left North Korea by train.",  # the People's Army
        "The order came from the 국방위원회 in North Korea.",  # a commission
        "The defector 이영도 spoke to reporters in South Korea.",  # a person's name ending like a province
    ],
)
def test_a_hangul_word_that_is_no_place_is_no_candidate(text: str) -> None:
    assert not [c for c in found(text) if hangul.caseless_name(c.surface)]


# ---------------------------------------------------------------- Cyrillic in an article


def test_a_cyrillic_town_is_placed() -> None:
    got = found("Ukrainian troops entered Суджа, Russia, last summer.")
    assert [c.surface for c in got] == ["Суджа"] and near(got[0], SUDZHA)


def test_a_cyrillic_town_after_a_preposition_is_read_in_its_nominative() -> None:
    got = found("Сегодня в Курске было тихо, Russia's officials said.")
    kursk = next(c for c in got if c.surface == "Курске")
    assert near(kursk, KURSK)


def test_a_cyrillic_oblast_is_placed_as_the_region() -> None:
    got = found("The governor of Курська область, Russia, spoke on Monday.")
    assert [c.surface for c in got] == ["Курська область"]
    assert got[0].place is not None and got[0].place.kind == "region" and near(got[0], KURSK)


def test_a_cyrillic_town_and_its_region_in_the_genitive_are_two_places() -> None:
    got = found("Fighting reached Суджа Курської області, Russia said.")
    assert [c.surface for c in got] == ["Суджа", "Курської області"]
    assert near(got[0], SUDZHA) and near(got[1], KURSK)


def test_a_cyrillic_persons_name_is_no_candidate() -> None:
    assert found("Зеленський and Путін spoke by phone, Ukraine said.") == []


# ---------------------------------------------------------------- through ingest


def test_a_hangul_name_becomes_an_alias_and_a_mention_of_its_site(tmp_path: Path) -> None:
    article = tmp_path / "launch-pad.txt"
    article.write_text(
        "Launch pad widened\n\nEngineers widened the launch pad road near 동창리, North Korea, in May.\n", encoding="utf-8"
    )
    reference, _ = load_sites(Location.bundled().sites)
    root = tmp_path / "ws"
    assert not ingest([article], root, reference).failed
    ws = Workspace.open(root)
    mentions = [m for m in ws.mentions if m.surface == "동창리"]
    assert mentions and "동창리" in ws.site_by_id[mentions[0].site_id].aliases
