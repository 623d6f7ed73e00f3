"""Recall on unseen articles (issue 13): Arabic place words as Lebanese, Syrian and French-trained writers romanise
them ("Kherbet", "Haret", "Burj", "Jbel"). Every sentence and every unknown name here was invented for these tests;
none comes from the evaluation articles."""

from __future__ import annotations

import pytest
from placing import found

from mapviewer.core.ingest.name_shapes import levantine_head


def test_other_romanisations_of_a_place_word_open_a_place_name() -> None:
    assert levantine_head("Kherbet Zaatar") and levantine_head("Haret Nasra") and levantine_head("Jbel Tawil")
    assert levantine_head("Burj el-Qamar") and levantine_head("Qalaat Sharif")
    assert not levantine_head("Burj")  # the word alone names nothing


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("A drone hit a motorbike in Kherbet Zaatar on Tuesday.", "Kherbet Zaatar"),
        ("Two buildings collapsed in Haret Nasra after the raid.", "Haret Nasra"),
    ],
)
def test_a_village_named_with_such_a_word_is_listed(text: str, surface: str) -> None:
    c = [c for c in found(text) if c.surface == surface]
    assert c and c[0].status == "unplaced"


def test_an_organisation_or_a_person_with_no_place_word_stays_out() -> None:
    assert found("Hassan Zaatar said the talks had failed.") == []
    assert found("A drone hit a motorbike owned by Kareem Nasra on Tuesday.") == []


def test_a_works_named_with_a_capitalised_head_is_listed_wherever_it_stands() -> None:
    c = [c for c in found("Close by stands the Pungsan Valve Factory, which makes engine parts.")]
    assert [x.surface for x in c] == ["Pungsan Valve Factory"] and c[0].status == "unplaced"


def test_a_product_before_a_lower_case_works_or_a_titled_report_is_no_site() -> None:
    assert found("Engineers toured the Geranium drone factory twice.") == []  # a product's factory, no name
    assert found('The study "The Kim Missile Operating Base" was published.') == []  # a report's title
