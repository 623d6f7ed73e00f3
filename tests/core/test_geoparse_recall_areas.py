"""Recall on unseen articles (issue 13): areas a reader maps with no gazetteer row, written in lower case around a
country's name: its coasts, its borders, the parts of a named region. Every sentence here was invented for these
tests; none comes from the evaluation articles."""

from __future__ import annotations

import pytest
from placing import found, near


def listed(text: str) -> list[str]:
    return [c.surface for c in found(text) if c.place is None or c.status != "placed"]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("A second frigate was seen at a pier on Iran's southern coast.", "Iran's southern coast"),
        ("Cargo ships sailed down North Korea’s east coast in March.", "North Korea’s east coast"),
        ("Workers lengthened a dock on the west coast of North Korea.", "west coast of North Korea"),
        ("North Korea built a new shipyard on its east coast last year.", "east coast"),
        ("Trucks waited at the border with the Russian Federation for a week.", "border with the Russian Federation"),
        ("Freight trains crossed the border between Russia and North Korea twice a day.", "border between Russia and North Korea"),
        ("Sirens sounded across the Upper Galilee on Friday.", "Upper Galilee"),
        ("Two tankers were boarded in the Strait of Hormuz on Tuesday.", "Strait of Hormuz"),
        ("The new rocket could hit the U.S. mainland, the ministry warned.", "U.S. mainland"),
        ("Ferries to mainland Japan were cancelled.", "mainland Japan"),
        ("Gunmen cut through the border fence at dawn. Israel closed the crossing.", "border fence"),
        ("A freighter sank in the Bay of Bengal after the storm.", "Bay of Bengal"),
        ("Smugglers were caught near the borders between Turkey and Georgia.", "borders between Turkey and Georgia"),
        ("Militias moved trucks across the Iranian-Afghan borders overnight.", "Iranian-Afghan borders"),
        ("Armoured units pushed into the Lebanese buffer zone on Sunday.", "Lebanese buffer zone"),
        ("Patrols returned to Turkey's security zone in May.", "Turkey's security zone"),
    ],
)
def test_a_countrys_coast_border_or_part_of_a_region_is_listed(text: str, surface: str) -> None:
    assert surface in [c.surface for c in found(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The retailer expanded its east coast operations last year.",  # the coast qualifies a noun
        "Holidaymakers crowd the East Coast every August.",  # no country named
        "The Acme security zone opened in May.",  # a zone of no country
        "The border between Smithson and Jones's land was redrawn.",  # no country on either side
        "Veterans of the Upper House voted on Monday.",  # no region
        "The Gulf of the Sea fund reported a loss.",  # "of" then no name
        "The Smithson mainland tour was cancelled.",  # no country's mainland
    ],
)
def test_a_coast_or_border_of_no_country_is_no_candidate(text: str) -> None:
    assert not any(w in s for s in listed(text) for w in ("coast", "Coast", "Smithson", "House", "Gulf", "mainland"))


# ---------------------------------------------------------------- parts of a site named by their number

PUNGGYE = (41.28, 129.08)


def test_a_numbered_tunnel_of_a_site_is_listed_at_that_site() -> None:
    c = [c for c in found("Crews hauled rock out of Tunnel No. 5 at the Punggye-ri test site last week.")]
    assert [x.surface for x in c] == ["Tunnel No. 5", "Punggye-ri test site"]
    assert c[0].status == "low-confidence" and near(c[0], PUNGGYE, 20)  # at its site, for review
    assert [x.surface for x in found("Imagery shows fresh spoil near Portal 3, the think tank said.")] == ["Portal 3"]
    assert [x.surface for x in found("Work resumed at Tunnel Number Six in April.")] == ["Tunnel Number Six"]


def test_a_spelled_number_that_runs_on_into_a_name_is_no_part() -> None:
    assert found("Chef Aiko opened Pad Two Bistro last spring.") == []
    assert found("Tunnel Vision Three was the band's best album.") == []


# ---------------------------------------------------------------- title-case headlines


def _headline(title: str) -> list[str]:
    from mapviewer.core.corpus import make_article
    from mapviewer.core.ingest.places import find_candidates
    from mapviewer.core.mentions import AliasIndex

    text = title + "\n\nThe ministry gave no details of the fighting.\n"
    return [c.surface for c in find_candidates(make_article("a", text), AliasIndex([])) if c.paragraph == 0]


def test_a_part_of_a_country_in_a_title_case_headline_is_found_inside_a_run_of_capitals() -> None:
    assert _headline("Kremlin Says Troops Seized East Ukraine Hamlet After Long Battle") == ["East Ukraine"]


def test_a_run_of_capitals_in_a_title_case_headline_still_names_nothing() -> None:
    assert _headline("Officials Say Northern Lights Drew Crowds Over The Weekend") == []


# ---------------------------------------------------------------- a name in apposition with its region

KAZAN_REGION = (55.55, 50.93)


def test_a_name_in_apposition_with_its_region_is_listed() -> None:
    c = [c for c in found("A drone fell on Zabrodkivshchyna, Kharkiv Oblast, on Monday.") if c.surface == "Zabrodkivshchyna"]
    assert c and c[0].status == "unplaced"


def test_a_person_titled_by_a_region_is_no_place() -> None:
    assert [c.surface for c in found("Talks with Smithson, Kharkiv region governor, went well.")] == ["Kharkiv region"]


def test_tatarstan_is_a_region_of_the_reference_list() -> None:
    c = [c for c in found("Drone parts are assembled in the Republic of Tatarstan.") if "Tatarstan" in c.surface]
    assert c and c[0].status == "placed" and near(c[0], KAZAN_REGION, 5)


def test_a_name_said_to_be_shelled_or_retaken_is_listed() -> None:
    text = "Troops dug in near the front. Zabrodkivshchyna was heavily shelled overnight."
    assert [c.surface for c in found(text)] == ["Zabrodkivshchyna"]
    assert [c.surface for c in found("Mykhailivske has been retaken, the ministry said.")] == ["Mykhailivske"]


def test_a_person_said_to_be_seized_or_evacuated_is_no_place() -> None:
    assert found("Smithson was seized by gunmen on Monday.") == []
    assert found("Okonkwo was evacuated to a hospital in the morning.") == []
