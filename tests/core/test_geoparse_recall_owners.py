"""Recall on unseen articles (issue 13): names of places written after their owner's possessive ("Iran's Khorgo missile
base", "North Korea's Sohae Satellite Launching Station"). Every sentence and every unknown name here was invented for
these tests; none comes from the evaluation articles."""

from __future__ import annotations

from placing import found, near

from mapviewer.core.claims import classify


def test_a_named_facility_after_a_countrys_possessive_is_found_from_its_name() -> None:
    c = [c for c in found("Satellite photos of North Korea's Tonggol-dong missile base were released on Friday.")]
    assert [x.surface for x in c] == ["Tonggol-dong missile base"] and c[0].status == "unplaced"
    c = [c for c in found("New photos of North Korea’s Sohae Satellite Launching Station show a larger pad.")]
    assert [x.surface for x in c] == ["Sohae Satellite Launching Station"] and c[0].status == "placed"  # the listed site


def test_a_facility_described_in_lower_case_keeps_its_owner_as_a_reason_to_list_it() -> None:
    assert [c.surface for c in found("Images of Iran's Barzook missile base were published on Monday.")] == ["Barzook missile base"]


def test_a_possessive_that_is_no_place_stays_part_of_what_is_written() -> None:
    assert found("Doctors at Saint Rita's Hospital said two men died.") == []  # a person's possessive, no place cue
    assert found("Officials toured Russia's launch range in May.") == []  # a country's, with no name of its own


def test_speakers_in_a_countrys_region_are_its_source() -> None:
    sentence = "Authorities in Russia's Tambovsk province said the fire was out."
    assert classify(sentence, sentence.index("Tambovsk")).certainty == "context"
    sentence = "The governor of Russia's Tambovsk province ordered an evacuation of the border villages."
    assert classify(sentence, sentence.index("Tambovsk")).certainty != "context"  # a title: what he does happens there


# ---------------------------------------------------------------- Iran's second enrichment plant

QOM = (34.64, 50.88)


def test_fordow_is_the_listed_plant_not_the_village() -> None:
    for text in ("Inspectors returned to Fordow in March.", "The Fordo nuclear facility was struck twice."):
        c = next(c for c in found(text) if "Ford" in c.surface)
        assert c.place is not None and c.place.name == "Fordow Fuel Enrichment Plant"
        assert c.status == "placed" and near(c, QOM, 40)  # the sourced row (ISIS via Wikipedia), not Fordo village


def test_a_site_named_only_to_measure_another_against_is_a_reference() -> None:
    sentence = "The new halls are thought to lie even deeper than Fordow, two analysts said."
    assert classify(sentence, sentence.index("Fordow")).certainty == "context"
    sentence = "Engineers poured concrete at Fordow later than planned."
    assert classify(sentence, sentence.index("Fordow")).certainty != "context"  # the work is at the place


def test_what_a_weapon_threatens_is_a_range_reference() -> None:
    sentence = "The new missile poses a direct threat to the U.S. mainland, analysts said."
    assert classify(sentence, sentence.index("U.S. mainland")).certainty == "context"
    sentence = "Shells hit Kupiansk, a threat to residents, officials said."
    assert classify(sentence, sentence.index("Kupiansk")).certainty != "context"  # the place hit
