"""The whole article as context: a reader who meets "pushed back from Uspenivka" and, a sentence later, "a short
drive from Pokrovsk" takes the Uspenivka near Pokrovsk, not its namesake 600 km away.

Ingest reads passages in order, so a name is weighed against the places named before it only. A first,
silent reading of the article collects the points it places with confidence; names are then weighed against
those too, each against the points of the *other* names (a reading is never its own support).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

Point = tuple[float, float]


@dataclass(frozen=True)
class Ahead:
    """The points a first reading of the article placed with confidence, each with the name (key) that placed it."""

    points: tuple[tuple[tuple[str, ...], Point], ...] = ()

    def besides(self, name: tuple[str, ...], placed: Iterable[Point]) -> list[Point]:
        """`placed` (the points placed so far) and the points other names of the article are placed at."""
        out = dict.fromkeys(placed)
        out.update(dict.fromkeys(p for k, p in self.points if k != name))
        return list(out)
