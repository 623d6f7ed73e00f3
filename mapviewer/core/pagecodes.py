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


def topic_table() -> list[dict[str, str]]:
    """What each topic code means to the page (data.topics): the badges."""
    return [{"id": t, "label": label} for t, label in TOPICS.items()]
