"""Placement, round 4 (issue 13): a facility phrase's head word is never read as the town it stands at.

Every sentence here was invented for these tests; none is taken from the evaluation articles.
"""

from __future__ import annotations

from placing import found, near

HOMS = (34.73, 36.71)


def test_the_head_word_of_a_facility_is_not_a_town_called_like_it() -> None:
    """GeoNames lists a populated place called "Airport" (in Hawaii): "the Deir Qarsa Military Airport" (a name no
    table has) is not placed there."""
    text = "Jets struck the Deir Qarsa Military Airport at dawn, Syrian media said."
    for c in found(text):
        assert c.place is None or near(c, HOMS, 1000), (c.surface, c.place.lat, c.place.lon, c.reason)


ZAPORIZHZHIA_FRONT = (47.6, 36.1)
"""Between Orikhiv and Huliaipole, where the Zaporizhzhia region's front-line villages lie."""


def test_an_uncued_name_reads_the_village_of_the_region_the_article_names_over_far_namesakes() -> None:
    """GeoNames has a Chervone and a Charivne only in other regions; the village list has one of each in the
    Zaporizhzhia region the article names: those are the places meant, placed below high confidence."""
    text = ("Officials of the Zaporizhzhia region reported shelling overnight. "
            "Shells landed on the territory of Chervone and Charivne, they said.")  # fmt: skip
    for surface in ("Chervone", "Charivne"):
        c = next(c for c in found(text) if c.surface == surface)
        assert near(c, ZAPORIZHZHIA_FRONT, 40), (surface, c.place and (c.place.lat, c.place.lon), c.reason)
        assert c.confidence < 0.8 and "Who's On First" in c.reason


def test_an_uncued_name_keeps_its_reading_in_the_named_region() -> None:
    """A name read in the region the article names draws no village reading from that region's lists."""
    text = "Officials of the Zaporizhzhia region reported shelling overnight. Shells hit Orikhiv and Stepnohirsk."
    c = next(c for c in found(text) if c.surface == "Orikhiv")
    assert near(c, (47.567, 35.78), 5) and "GeoNames" in c.reason


KHABAROVSK = (48.48, 135.08)


def test_a_neighbourhood_after_a_dateline_lies_in_the_dateline_town_not_at_a_far_town_of_its_name() -> None:
    """GeoNames has a town Davydovo by Moscow, 6,000 km off; "the Davydova neighborhood" of a Khabarovsk story is a
    part of Khabarovsk: placed there approximately, for review."""
    text = "KHABAROVSK, Russia — In the Davydova neighborhood near the river, new blocks rise every year."
    c = next(c for c in found(text) if c.surface in ("Davydova", "Davydova neighborhood"))
    assert near(c, KHABAROVSK, 25) and c.confidence < 0.8 and "dateline" in c.reason



DEIR_EZ_ZOR = (35.336, 40.141)


def test_an_arabic_article_glued_to_the_name_reads_as_written_apart() -> None:
    """ "Deir Ezzor" is GeoNames' Deir ez-Zor with the article written into the name, as it is spoken."""
    text = "Militias in Al-Mayadeen and Deir Ezzor city amassed troops, a Syrian monitor said."
    c = next(c for c in found(text) if c.surface == "Deir Ezzor")
    assert near(c, DEIR_EZ_ZOR, 5) and "slip" not in c.reason and c.confidence >= 0.6


def test_unglued_splits_only_an_assimilated_article_after_the_first_word() -> None:
    from mapviewer.core.ingest.arabic_spellings import unglued

    assert unglued(["deir", "ezzor"]) == (1, ["deir", "ez", "zor"])
    assert unglued(["tal", "arraqqa", "road"]) == (1, ["tal", "ar", "raqqa", "road"])
    assert unglued(["assad"]) is None  # a first word is left alone
    assert unglued(["deir", "ezra"]) is None  # no doubled sun letter: not an article


ABU_KAMAL = (34.452, 40.919)


def test_o_after_an_arabic_article_reads_as_u() -> None:
    """ "Al-Bokamal" is GeoNames' Ālbū Kamāl (alternate name Al Bukamal): Arabic has no o."""
    text = "Militias in Al-Mayadeen and Al-Bokamal amassed troops, a Syrian monitor said."
    c = next(c for c in found(text) if c.surface == "Al-Bokamal")
    assert near(c, ABU_KAMAL, 5)


def test_arabic_respellings_offer_the_split_article_and_the_u_reading() -> None:
    from mapviewer.core.ingest.arabic_spellings import arabic_respellings

    assert [(r.words, r.cover, r.extra) for r in arabic_respellings(["deir", "ezzor", "city"])] == [(["deir", "ez", "zor", "city"], 3, 1)]
    assert [r.words for r in arabic_respellings(["al", "bokamal"])] == [["al", "bukamal"]]
    assert arabic_respellings(["bokamal"]) == []  # no article: o stays o (a Slavic or Korean name)


def test_sourced_rows_place_a_port_and_an_oilfield_the_city_gazetteer_lacks() -> None:
    """Reference rows read from Wikipedia's infoboxes: Iran's main container port west of Bandar Abbas, and Syria's
    largest oilfield north of Mayadin (not a far place called Omar)."""
    port = next(c for c in found("Cranes stood idle at Shahid Rajaei Port, west of Bandar Abbas.") if "Rajaei" in c.surface)
    assert near(port, (27.114, 56.061), 2) and "reference" in port.reason
    field = next(c for c in found("Rockets hit the Al-Omar oil field in eastern Syria overnight.") if "Omar" in c.surface)
    assert near(field, (35.152, 40.576), 2)


HULIAIPOLE = (47.667, 36.256)


def test_a_russian_g_reads_as_the_ukrainian_h_of_a_place_in_ukraine() -> None:
    """ "Gulyaypole" is Huliaipole (GeoNames Hulyaypole) of the Zaporizhzhia region the text names, not the hamlet by
    Dnipro the variant key alone reaches."""
    text = "Officials of the Zaporizhzhia region reported shelling overnight. Drones attacked Gulyaypole and Orikhiv."
    c = next(c for c in found(text) if c.surface == "Gulyaypole")
    assert near(c, HULIAIPOLE, 5)


def test_a_levantine_eh_ending_reads_as_the_lists_ah() -> None:
    """ "Kodneh" is Who's On First's Kudnah (Quneitra): the -eh ending written -ah there, and o for u."""
    from mapviewer.core.ingest.candidates import respellings

    assert {"kodnah", "kudnah"} <= set(respellings("kodneh"))
    text = "Israeli troops entered the village of Kodneh near Quneitra, a Syrian monitor said."
    c = next(c for c in found(text) if c.surface == "Kodneh")
    assert near(c, (33.009, 35.889), 3) and "Who's On First" in c.reason


def test_a_district_in_a_province_named_like_its_capital_keeps_its_seat_in_that_province() -> None:
    """ "Rahabah district in Marib": Marib is a governorate as well as its town; the district's seat Raḩabah lies in
    it, 60 km from the town, and is not moved to the town's point."""
    text = "Last month the Houthis seized control of Rahabah district in Marib, Yemeni officials said."
    c = next(c for c in found(text) if c.surface == "Rahabah district")
    assert near(c, (14.895, 44.989), 3), (c.place and (c.place.lat, c.place.lon), c.reason)
