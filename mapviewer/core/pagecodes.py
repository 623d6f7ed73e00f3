"""The codes the map page and Python share, defined once: a certainty is its index in
model.CERTAINTIES (strongest first), a topic its index in model.TOPICS.

Why one module: the page's data, the popup rows the window's bridge answers and the window's corrected
labels all write these codes, and the page reads what they mean (ids, labels, colours, help) from the
tables here, sent with its data, so its scripts never name a certainty, a topic or a colour."""

from __future__ import annotations

from collections.abc import Iterable

from mapviewer.core.model import CERTAINTIES, TOPICS
from mapviewer.core.style import CERTAINTY_COLOURS, CERTAINTY_HELP

CERTAINTY_CODES: dict[str, int] = {c: i for i, c in enumerate(CERTAINTIES)}
TOPIC_CODES: dict[str, int] = {t: i for i, t in enumerate(TOPICS)}


def certainty_code(certainty: str) -> int:
    return CERTAINTY_CODES[certainty]


def topic_codes(topics: Iterable[str]) -> list[int]:
    return [TOPIC_CODES[t] for t in topics]


def certainty_table() -> list[dict[str, str]]:
    """What each certainty code means to the page (data.certainties): the legend, badges and colours."""
    return [{"id": c, "label": c.capitalize(), "colour": CERTAINTY_COLOURS[c], "help": CERTAINTY_HELP[c]} for c in CERTAINTIES]


PRECISION_RADIUS_KM: dict[str, float] = {"exact": 0.0, "approximate": 15.0, "region": 50.0}
"""How far the true place may be from a point site's coordinates, by its precision class
(gazetteer.PRECISIONS): an approximate point stands for a place somewhere near a town, airfield or
county seat it was placed by (a county is about 30 km across); a region given as a point stands for
a whole region. The map draws this radius around the point instead of a crisp dot."""

PRECISION_HELP: dict[str, str] = {
    "exact": "the coordinates are the place's own (a sourced point)",
    "approximate": "the point stands for the place, which may lie within about {km:g} km of it",
    "region": "the point stands for a whole region, which may reach about {km:g} km from it",
}


PRECISION_AREA: dict[str, str] = {
    "exact": "the outline as drawn",
    "approximate": "somewhere in the dashed area",
    "region": "the dashed outline (coarse)",
}
"""What a site drawn as an area or a line says of its location, by precision class."""


def precision_table() -> list[dict[str, object]]:
    """What each precision class means to the page (data.precisions): its radius and its words."""
    return [
        {"id": p, "label": p.capitalize(), "radius_km": km, "help": PRECISION_HELP[p].format(km=km), "area": PRECISION_AREA[p]}
        for p, km in PRECISION_RADIUS_KM.items()
    ]


def topic_table() -> list[dict[str, str]]:
    """What each topic code means to the page (data.topics): the badges."""
    return [{"id": t, "label": label} for t, label in TOPICS.items()]
