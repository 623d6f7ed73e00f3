"""Names in a long list of places under a plural head, and a district's bare name after it was named with a shared
head (issue 13, recall). Every sentence and unknown name here is invented for these tests."""

from __future__ import annotations

from placing import found


def _surfaces(text: str) -> list[str]:
    return [c.surface for c in found(text)]


def test_every_item_of_a_long_list_mostly_of_places_is_a_candidate() -> None:
    text = ("The ministry said troops took the following 7 settlements over the week: Glodost, Ivanovka, Petrovka, "
            "Mikhaylovka, Zhuravka, Pokrovka and Semyonovka, a spokesman said.")  # fmt: skip
    assert "Glodost" in _surfaces(text)  # no shape, no gazetteer reading: its list says what it is


def test_a_short_list_or_a_list_of_words_makes_no_place_of_a_word() -> None:
    assert "Sunday" not in _surfaces("The settlements named are: Ivanovka, Petrovka, Mikhaylovka, Zhuravka and Sunday.")
    assert _surfaces("The following settlements over the week: Tuesday, Wednesday, Thursday and Friday.") == []


def test_a_district_named_with_a_shared_head_is_a_candidate_where_it_stands_bare() -> None:
    text = ("Officials ordered residents of the Glodovsky and Zaroshchansk districts to leave. "
            "All of them border Ukraine, except Zaroshchansk.")  # fmt: skip
    assert _surfaces(text).count("Zaroshchansk") == 1  # the bare repeat, besides "Zaroshchansk districts"


def test_a_shared_head_does_not_make_a_place_of_an_everyday_word_elsewhere() -> None:
    text = "Officials ordered residents of the Glodovsky and Zaroshchansk districts to leave. Still, nobody moved."
    assert "Still" not in _surfaces(text)


def test_a_list_closed_by_and_other_towns_has_that_head() -> None:
    from mapviewer.core.ingest.place_lists import list_items

    text = "Shelling hit Zorvel, Ivanovka, Petrovka, Mikhaylovka, Zhuravka and other frontline towns and villages."
    head, items = list_items(text, text.index("Zorvel"), text.index("Zorvel") + 6)
    assert head == "towns" and len(items) == 5
    assert list_items("Talks with Dunmore and Baxter and other officials.", 11, 18)[0] == ""


def test_every_item_of_a_long_list_closed_by_its_head_is_a_candidate() -> None:
    text = ("Artillery hit the territory of Glodost, Ivanovka, Petrovka, Mikhaylovka, Zhuravka, Pokrovka, "
            "and other front-line towns and villages, the governor said.")  # fmt: skip
    assert "Glodost" in _surfaces(text)
    assert "Glodost" not in _surfaces(text.replace(", and other front-line towns and villages", ""))


def test_airfields_shared_by_two_names_are_one_each() -> None:
    from mapviewer.core.ingest.place_lists import shared_head_items

    text = "Jets moved to the Ozerno and Telvik Airfields in spring."
    assert [(text[a:b], head) for a, b, head in shared_head_items(text)] == [("Ozerno", "airfield"), ("Telvik", "airfield")]
    assert shared_head_items("Jets moved to Ozerno and Telvik on Monday.") == []
