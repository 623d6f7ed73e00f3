"""Typed positions (core/ingest/coords.py): the forms a reviewer copies from encyclopedias, maps and
reports, read to the same point; and what is not a position said in words."""

from __future__ import annotations

import pytest

from mapviewer.core.ingest.coords import CoordinateError, looks_like_coordinates, parse_coordinates

PARIS = (48 + 51 / 60 + 24 / 3600, 2 + 21 / 60 + 8 / 3600)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("48.8566, 2.3522", (48.8566, 2.3522)),
        ("48.8566 2.3522", (48.8566, 2.3522)),
        ("48.8566,2.3522", (48.8566, 2.3522)),
        ("48.8566; 2.3522", (48.8566, 2.3522)),
        ("48.8566 / 2.3522", (48.8566, 2.3522)),
        ("-33.5, 151.2", (-33.5, 151.2)),
        ("-33.5 151.2", (-33.5, 151.2)),
        ("−33.5, 151.2", (-33.5, 151.2)),  # a typographic minus
        ("+48.85, +2.35", (48.85, 2.35)),
        ("-33.5, -70.6", (-33.5, -70.6)),
        ("48,85 2,35", (48.85, 2.35)),  # decimal commas, a space between
        ("48°51′N 2°21′E", (48.85, 2.35)),
        ("48°51′24″N 2°21′08″E", PARIS),
        ("48°51'24\"N, 2°21'8\"E", PARIS),
        ("48°51'24''N 2°21'8''E", PARIS),
        ("48º51’24”N 2º21’8”E", PARIS),
        ("48 51 24 N 2 21 8 E", PARIS),
        ("48 51 24N 2 21 8E", PARIS),
        ("N48 51 24 E2 21 8", PARIS),
        ("N 48.85, E 2.35", (48.85, 2.35)),
        ("48.85N 2.35E", (48.85, 2.35)),
        ("48.85n 2.35e", (48.85, 2.35)),
        ("2°21′E 48°51′N", (48.85, 2.35)),  # longitude first: the letters say so
        ("2.35E, 48.85N", (48.85, 2.35)),
        ("33°52′S 151°12′E", (-(33 + 52 / 60), 151.2)),
        ("33.5S 70.6W", (-33.5, -70.6)),
        ("33.5 s 70.6 w", (-33.5, -70.6)),
        ("51°11.4′N 35°16.2′E", (51.19, 35.27)),
        ("48°51′ 2°21′", (48.85, 2.35)),
        ("48 51 2 21", (48.85, 2.35)),  # bare degrees and minutes, halves
        ("48 51 24 2 21 8", PARIS),
        ("39 45 N, 125 54 E", (39.75, 125.9)),
        ("90, 180", (90.0, 180.0)),
        ("0 0", (0.0, 0.0)),
    ],
)
def test_forms_of_one_position(text: str, expected: tuple[float, float]) -> None:
    assert looks_like_coordinates(text)
    assert parse_coordinates(text) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "type a position"),
        ("   ", "type a position"),
        ("48.85", "cannot tell where the latitude ends"),
        ("1 2 3", "cannot tell where the latitude ends"),
        ("48 51 N", "found 1 coordinate"),
        ("48, 2, 3", "more than one separator"),
        ("95, 10", "latitude 95 is out of range (−90 to 90); latitude comes first"),
        ("-91 10", "latitude -91 is out of range"),
        ("10, 200", "longitude 200 is out of range (−180 to 180)"),
        ("48°61′N 2°E", "the first coordinate's minutes must be under 60, not 61"),
        ("48°51′75″N 2°E", "the first coordinate's seconds must be under 60, not 75"),
        ("-48 N 2 E", "both a minus sign and N"),
        ("48 N 50 N", "both coordinates are latitudes (N/S)"),
        ("2 E 3 W", "both coordinates are longitudes (E/W)"),
        ("48 51.5 30 N 2 E", "only the last number of the first coordinate may have decimals"),
        ("48 1 2 3 N, 2 E", "has 4 numbers"),
        ("48°N″ 2 E", "a second mark without a number before it"),
        ("48′51° N 2 E", "must be degrees, then minutes, then seconds"),
        ("48.5.5 2", "'.' is not part of a position"),
        ("48 x 2", "'x' is not part of a position"),
        ("48d51m N 2 E", "'d' is not part of a position"),
    ],
)
def test_what_is_not_a_position_is_said(text: str, message: str) -> None:
    with pytest.raises(CoordinateError) as err:
        parse_coordinates(text)
    assert message in str(err.value)


@pytest.mark.parametrize("text", ["Sudzha", "Kursk Oblast", "the village of Topoli", "Nam-ri", " Yelabuga"])
def test_names_are_not_taken_for_positions(text: str) -> None:
    assert not looks_like_coordinates(text)
    with pytest.raises(CoordinateError):
        parse_coordinates(text)
