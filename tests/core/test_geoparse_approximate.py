"""Approximate positions for villages the gazetteer lacks (issue 13, placement): a name the article ties to a placed
place (its district, "N km north of Y", a list of villages of one district, "the Y village of X", "All of them lie
around Y") is put where the text puts it, at low confidence, for review, and says so wherever it reaches the
analyst (review list, popup, exported properties); a far namesake is never placed confidently.

Every sentence here was invented for these tests; none is taken from the evaluation articles. "Ternuvate" has
GeoNames readings only far from Kupiansk (the nearest 236 km away); the hyphenated village names are made up.
"""

from __future__ import annotations

from pathlib import Path

from placing import approximate
from placing import one as named

from mapviewer.core.gazetteer import load_sites, parse_sites
from mapviewer.core.ingest import decisions
from mapviewer.core.ingest.anchors import APPROXIMATE, DISTRICT_KM
from mapviewer.core.ingest.batch import ingest
from mapviewer.core.ingest.namesakes import SUGGESTION_CAP
from mapviewer.core.ingest.places import Candidate, distance_km
from mapviewer.core.mapdata import payload, site_source
from mapviewer.core.records import site_identity
from mapviewer.core.workspace import Location, Workspace

KUPIANSK = (49.71, 37.616)


def km_from(c: Candidate, point: tuple[float, float]) -> float:
    assert c.place is not None
    return distance_km((c.place.lat, c.place.lon), point)


# ---------------------------------------------------------------- from a district


def test_a_village_in_a_district_is_put_at_the_district_with_its_radius() -> None:
    c = named("Russian shelling on Monday hit Vovkodavivka, a village in the Kupiansk district, the governor said.", "Vovkodavivka")
    assert approximate(c, "in the Kupiansk district") and km_from(c, KUPIANSK) < 2
    assert c.place is not None and c.place.radius_km == DISTRICT_KM
    assert c.place.precision == "approximate"  # drawn with its own 60 km circle (Place.radius_km), not the class's 15 km


def test_a_district_in_brackets_or_shared_by_two_villages_locates_them() -> None:
    c = named("Shelling hit the village of Vovkodavivka (Kupiansk district) on Monday.", "Vovkodavivka")
    assert approximate(c, "in the Kupiansk district") and km_from(c, KUPIANSK) < 2
    text = "Shelling hit the villages of Vovkodavivka and Kruhlivka-Druha, both in the Kupiansk district, on Monday."
    for name in ("Vovkodavivka", "Kruhlivka-Druha"):
        assert approximate(named(text, name), "in the Kupiansk district"), name


def test_a_district_named_with_its_province_locates_its_village() -> None:
    for text in ("Russian drones hit Vovkodavivka, a village in Kharkiv Oblast's Kupiansk district, overnight.",
                 "Russian drones hit the village of Vovkodavivka in the Kharkiv region's Kupiansk district overnight."):  # fmt: skip
        c = named(text, "Vovkodavivka")
        assert approximate(c, "in the Kupiansk district") and km_from(c, KUPIANSK) < 2, text


def test_a_village_later_in_the_paragraph_of_a_district_is_put_there() -> None:
    text = ("Drones were shot down over the Kupiansk district on Sunday. "
            "Debris fell on the village of Pidlisne-Nove, damaging a barn.")  # fmt: skip
    c = named(text, "Pidlisne-Nove")
    assert approximate(c, "in the Kupiansk district") and km_from(c, KUPIANSK) < 2
    assert "paragraph" in c.reason


def test_a_paragraph_that_opens_with_a_small_town_frames_the_villages_after_it() -> None:
    vovchansk = (50.291, 36.941)
    text = "In the town of Vovchansk, a drone fell on a garden. Mortar rounds hit the village of Pidlisne-Nove, he said."
    c = named(text, "Pidlisne-Nove")
    assert approximate(c, "near Vovchansk") and km_from(c, vovchansk) < 2
    big = "In the city of Kharkiv, a drone fell on a garden. Mortar rounds hit the village of Pidlisne-Nove, he said."
    assert named(big, "Pidlisne-Nove").place is None  # a report from a big city speaks of its whole region


def test_a_paragraph_that_moves_on_to_another_region_no_longer_frames_its_villages() -> None:
    moved = ("Drones were shot down over the Kupiansk district on Sunday. "
             "Meanwhile in the Donetsk region, debris fell on the village of Pidlisne-Nove.")  # fmt: skip
    assert named(moved, "Pidlisne-Nove").place is None
    same = ("Drones were shot down over the Kupiansk district on Sunday, the governor of the Kharkiv region said. "
            "Debris fell on the village of Pidlisne-Nove.")  # fmt: skip
    assert approximate(named(same, "Pidlisne-Nove"), "in the Kupiansk district")  # its own province is no move


def test_a_district_named_later_as_another_target_locates_nothing() -> None:
    c = named("Mortar rounds hit the hamlet of Pidlisne-Nove, then the Kupiansk district, he said.", "Pidlisne-Nove")
    assert c.status == "unplaced" and c.place is None


def test_a_district_named_in_another_paragraph_locates_nothing() -> None:
    c = named("Shells hit the Kupiansk district on Sunday.\n\nDebris fell on the village of Pidlisne-Nove.", "Pidlisne-Nove")
    assert c.status == "unplaced" and c.place is None


# ---------------------------------------------------------------- from "N km <direction> of Y"


def test_a_hamlet_12_km_north_of_a_town_is_put_12_km_north_of_it() -> None:
    c = named("The hamlet of Zarichne-Druhe lies 12 km north of Kupiansk, the army said.", "Zarichne-Druhe")
    assert approximate(c, "12 km north of") and c.place is not None
    assert 10 < km_from(c, KUPIANSK) < 14 and c.place.lat > KUPIANSK[0] + 0.08
    assert c.place.precision == "approximate" and c.place.radius_km <= 15


def test_a_village_between_two_towns_is_put_halfway_with_half_their_distance() -> None:
    vovchansk = (50.291, 36.941)
    c = named("Russian troops attacked Vovkodavivka, a village between Kupiansk and Vovchansk, on Monday.", "Vovkodavivka")
    assert approximate(c, "between Kupyansk and Vovchansk") and c.place is not None
    half = distance_km(KUPIANSK, vovchansk) / 2
    assert abs(km_from(c, KUPIANSK) - half) < 3 and abs(km_from(c, vovchansk) - half) < 3
    assert abs(c.place.radius_km - half) < 1


def test_near_a_big_city_is_a_wider_circle_than_near_a_small_town() -> None:
    big = named("Russian troops entered the village of Pidlisne-Nove near Kharkiv on Monday.", "Pidlisne-Nove")
    small = named("Russian troops entered the village of Pidlisne-Nove near Kupiansk on Monday.", "Pidlisne-Nove")
    assert approximate(big, "near Kharkiv") and approximate(small, "near Kupyansk")
    assert big.place is not None and small.place is not None and big.place.radius_km > small.place.radius_km


# ---------------------------------------------------------------- from a list of villages of one district


def test_the_villages_of_one_district_are_all_put_at_the_district() -> None:
    text = "Drones struck the villages of Pidlisne-Nove, Kruhlivka-Druha and Stepove-Male in the Kupiansk district overnight."
    for name in ("Pidlisne-Nove", "Kruhlivka-Druha", "Stepove-Male"):
        c = named(text, name)
        assert approximate(c, "in the Kupiansk district") and km_from(c, KUPIANSK) < 2, name


def test_a_list_the_next_sentence_locates_as_a_whole() -> None:
    text = ("Troops took the villages of Pidlisne-Nove, Kruhlivka-Druha and Stepove-Male. "
            "All of them lie around the town of Kupiansk.")  # fmt: skip
    for name in ("Pidlisne-Nove", "Kruhlivka-Druha", "Stepove-Male"):
        assert approximate(named(text, name), "near Kupyansk"), name


def test_a_next_sentence_that_only_names_a_town_locates_no_list() -> None:
    for after in ("Both sides shelled Kupiansk.", "They advanced near Kupiansk."):  # where people went, not the list
        text = "Troops took the villages of Pidlisne-Nove, Kruhlivka-Druha and Stepove-Male. " + after
        assert named(text, "Kruhlivka-Druha").place is None, after
    counted = "Troops took the villages of Pidlisne-Nove, Kruhlivka-Druha and Stepove-Male. The three villages are located near Kupiansk."
    assert approximate(named(counted, "Kruhlivka-Druha"), "near Kupyansk")


def test_the_town_village_of_x_is_put_at_the_town_but_not_at_a_region_capital() -> None:
    c = named("Fighting raged in the Kupiansk village of Pidlisne-Nove on Monday.", "Pidlisne-Nove")
    assert approximate(c, "a village of Kupiansk") and km_from(c, KUPIANSK) < 2
    # "the Kharkiv village of": a village of the Kharkiv region, not near the city
    assert named("Fighting raged in the Kharkiv village of Pidlisne-Nove on Monday.", "Pidlisne-Nove").place is None


# ---------------------------------------------------------------- kind 2: a far namesake


def test_a_far_namesake_beside_the_storys_places_is_only_a_suggestion() -> None:
    c = named("Shells hit Kupiansk and Vovchansk on Sunday. Debris fell on the village of Ternuvate, the governor said.", "Ternuvate")
    assert c.status == "unplaced" and c.confidence <= SUGGESTION_CAP  # never a site, let alone at 0.8
    assert c.place is not None and km_from(c, KUPIANSK) > 150  # the far reading is offered to the reviewer


def test_a_far_namesake_framed_by_a_district_goes_to_the_district_instead() -> None:
    c = named("In the Kupiansk district, shells hit the village of Ternuvate and two farms.", "Ternuvate")
    assert approximate(c, "in the Kupiansk district") and km_from(c, KUPIANSK) < 2


# ---------------------------------------------------------------- what reaches the analyst


def test_an_approximate_placement_says_so_in_review_popup_and_exported_properties(tmp_path: Path) -> None:
    article = tmp_path / "district-report.txt"
    article.write_text(
        "Shelling in the Kupiansk district\n\n"
        "Russian shelling on Monday hit Vovkodavivka, a village in the Kupiansk district, the <b>governor</b> said.\n",
        encoding="utf-8",
    )
    reference, _ = load_sites(Location.bundled().sites)
    root = tmp_path / "ws"
    assert not ingest([article], root, reference).failed
    item = next(i for i in decisions.review_items(root) if i.name == "Vovkodavivka")
    assert item.needs_review and item.site_id is not None
    assert item.approximate.startswith(APPROXIMATE + "in the Kupiansk district, ±60 km")
    assert item.reason.startswith(APPROXIMATE)
    ws = Workspace.open(root)
    site = ws.site_by_id[item.site_id]
    assert site.coord_source.startswith(APPROXIMATE) and site.precision == "approximate"
    assert site_source(ws, site.id)["coord_source"].startswith(APPROXIMATE)  # the popup's "Coordinates:" line
    exported = site_identity(site)
    assert exported["coord_source"].startswith(APPROXIMATE) and exported["precision"] == "approximate"
    assert site.radius_km == DISTRICT_KM and exported["radius_km"] == DISTRICT_KM  # the map draws this radius
    row = [s.id for s in ws.mapped_sites].index(site.id)
    assert payload(ws, passages=False)["sites"]["radius"][str(row)] == DISTRICT_KM
    # once the reviewer puts it on the map by hand, it is no longer approximate
    decisions.place(root, item.key, 49.75, 37.7)
    assert next(i for i in decisions.review_items(root) if i.name == "Vovkodavivka").approximate == ""
    placed = Workspace.open(root).site_by_id[site.id]
    assert placed.radius_km == 0 and not placed.coord_source.startswith(APPROXIMATE)


def test_a_sites_own_radius_is_read_and_a_bad_one_left_out() -> None:
    def feature(radius: object) -> dict[str, object]:
        return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [37.6, 49.7]},
                "properties": {"id": "v", "name": "V", "precision": "region", "radius_km": radius}}  # fmt: skip

    sites, problems = parse_sites({"type": "FeatureCollection", "features": [feature(60)]}, "test")
    assert sites[0].radius_km == 60.0 and not problems
    for bad in ("60", -1, float("nan"), 1e9, True):
        sites, problems = parse_sites({"type": "FeatureCollection", "features": [feature(bad)]}, "test")
        assert sites and sites[0].radius_km == 0.0 and any("radius_km" in p.message for p in problems), bad


def test_a_region_named_with_its_country_is_the_region_and_no_near_point_for_what_lies_in_it() -> None:
    """"Russia's Belgorod region" is the region itself (drawn as a region), not a site inside it; so a district
    "of" it that the gazetteer cannot seat is not tied "near" the region's point with a 20 km circle, and the
    village in that district is not placed there either (an approximation is never built on a region's point)."""
    text = ("Drones struck Kalinovy Yar, a village in the Zorinsky district of Russia's Belgorod region, "
            "the governor said on Tuesday.")  # fmt: skip
    region = named(text, "Belgorod region")  # (the name after its country's possessive: the reference row's span)
    assert region.place is not None and region.place.precision == "region" and region.place.kind == "region"
    assert region.place.name == "Belgorod Oblast"
    for surface in ("Zorinsky district", "Kalinovy Yar"):
        c = named(text, surface)
        assert c.place is None or c.place.precision == "region", (surface, c.place, c.reason)
