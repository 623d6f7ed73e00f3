"""Sourced reference rows for well-known places GeoNames lacks (a border corridor, a region of Israel, a port, Gaza's
hospitals), found
under the names news writes and placed at their sourced points.

Every sentence here was invented for these tests; none is taken from the evaluation articles.
"""

from __future__ import annotations

import pytest

from mapviewer.core.corpus import make_article
from mapviewer.core.ingest.places import Candidate, distance_km, find_candidates
from mapviewer.core.ingest.reference import REFERENCE, REFERENCE_PROBLEMS, UNSOURCED
from mapviewer.core.mentions import AliasIndex

RAFAH_CROSSING = (31.249, 34.259)
NAHARIYA = (33.009, 35.098)
VRANGEL = (42.730, 133.084)
AQSA_HOSPITAL = (31.420, 34.360)  # Deir al-Balah
SHIFA_HOSPITAL = (31.524, 34.444)  # Gaza City
HERMON = (33.416, 35.858)  # the summit (Wikipedia 'Mount Hermon')
MANTAP = (41.299, 129.082)  # the peak above the test tunnels (Wikipedia 'Mantapsan')
JURF = (32.867, 44.214)  # the town south-west of Baghdad (Wikipedia 'Jurf al-Nasr')
AYTA = (33.097, 35.334)  # Wikipedia 'Ayta ash Shab'
MAIS = (33.169, 35.526)  # Wikipedia 'Mais al-Jabal'
WEHDA_DAM = (32.734, 35.872)  # Wikipedia 'Al-Wehda Dam'


def _named(text: str, surface: str) -> list[Candidate]:
    return [c for c in find_candidates(make_article("a", "Headline\n\n" + text + "\n"), AliasIndex([])) if c.surface == surface]


@pytest.mark.parametrize(
    ("text", "surface", "point"),
    [
        ("Troops took control of the Philadelphi Corridor along the border with Egypt.", "Philadelphi Corridor", RAFAH_CROSSING),
        ("Tunnels under the Philadelphi Route were destroyed, the army said.", "Philadelphi Route", RAFAH_CROSSING),
        ("Sirens sounded across the Western Galilee after a barrage from Lebanon.", "Western Galilee", NAHARIYA),
        ("Three tankers loaded coal at Vostochny Port near Nakhodka.", "Vostochny Port", VRANGEL),
        ("The wounded were taken to Al-Aqsa Martyrs’ Hospital overnight.", "Al-Aqsa Martyrs’ Hospital", AQSA_HOSPITAL),
        ("Doctors at the al-Aqsa hospital counted twelve dead.", "al-Aqsa hospital", AQSA_HOSPITAL),
        ("Soldiers searched Al-Shifa Hospital for a second day.", "Al-Shifa Hospital", SHIFA_HOSPITAL),
        ("Snow closed the roads up Mount Hermon near the Syrian border.", "Mount Hermon", HERMON),
        ("Troops dug in on the slopes of Jabal al-Sheikh overnight.", "Jabal al-Sheikh", HERMON),
        ("New tunnel entrances were seen on the flank of Mount Mantap this spring.", "Mount Mantap", MANTAP),
        ("A drone hit a militia depot at Jurf al-Sakhar before dawn.", "Jurf al-Sakhar", JURF),
        ("Families have not been allowed back to Jurf al-Nasr since 2014.", "Jurf al-Nasr", JURF),
        ("Two houses were hit in Aita al-Shaab near the border on Sunday.", "Aita al-Shaab", AYTA),
        ("Bulldozers razed homes in Mais al-Jabal, the mayor said.", "Mais al-Jabal", MAIS),
        ("Patrols set up a post beside the Al-Wahda Dam on the Yarmouk.", "Al-Wahda Dam", WEHDA_DAM),
    ],
)
def test_a_listed_place_is_placed_at_its_sourced_point(text: str, surface: str, point: tuple[float, float]) -> None:
    hits = _named(text, surface)
    assert hits and all(c.place is not None and distance_km((c.place.lat, c.place.lon), point) < 3 for c in hits)


def test_the_new_rows_are_sourced_and_load_without_problems() -> None:
    rows = {r.name: r for r in REFERENCE}
    assert not REFERENCE_PROBLEMS
    for name in ("Philadelphi Corridor", "Western Galilee", "Vostochny Port", "Al-Aqsa Martyrs Hospital", "Al-Shifa Hospital",
                 "Al-Quds Hospital", "Mount Hermon", "Mount Mantap", "Jurf al-Nasr", "Ayta ash-Shab", "Mais al-Jabal",
                 "Al-Wehda Dam"):  # fmt: skip
        assert rows[name].source != UNSOURCED and rows[name].source_coord


def test_the_mosque_of_the_same_words_is_not_the_hospital() -> None:
    hits = _named("Worshippers gathered at the Al-Aqsa Mosque in Jerusalem on Friday.", "Al-Aqsa Mosque")
    assert hits and all(c.place is None or distance_km((c.place.lat, c.place.lon), AQSA_HOSPITAL) > 50 for c in hits)
