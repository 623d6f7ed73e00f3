"""Colours and wording shared by the map page, the legend, the window and the exports."""

from __future__ import annotations

# Okabe–Ito palette (distinguishable with the common colour-vision deficiencies), grey for context.
CERTAINTY_COLOURS: dict[str, str] = {
    "confirmed": "#009E73",
    "reported": "#0072B2",
    "alleged": "#E69F00",
    "speculative": "#CC79A7",
    "historical": "#56B4E9",
    "context": "#8A8A8A",
}

CERTAINTY_HELP: dict[str, str] = {
    "confirmed": "an authority confirms it, or the text states it as confirmed",
    "reported": "attributed to media, officials or intelligence, unconfirmed",
    "alleged": "an allegation or claim (defectors, unverified claims)",
    "speculative": "could, may, might, believed, suggests, hints",
    "historical": "a settled past event",
    "context": "named only in passing",
}

FLOWS_LEGEND = ("Flows", ("who or what is sent where", "Arrow width: quantity", "Colour: certainty, as for sites",
                          "Dashed: no number stated"))
"""The printed legend's key to the flow arrows (the page's Flows box says the same): its title and lines."""
