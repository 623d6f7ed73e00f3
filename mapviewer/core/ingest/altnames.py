"""A town's old or other name that is the main name of other places: "Oleksandrivka" (an old name of Donetsk)
is the main name of dozens of Ukrainian villages, "Petrovka" of hundreds.

The city table answers such a name with the big town alone, so the villages are never weighed, and a
front-line report's "Oleksandrivka" lands in Donetsk 400 km from the fighting. A reader takes the name as
what it mainly names: when every city reading of a name is through an alternate name and the place index
holds places whose main name it is, the name is left to the small-place layer, which weighs all the readings
(the town among them) against the article's countries and places.
"""

from __future__ import annotations

from collections.abc import Iterable

from mapviewer.core.ingest.geo_index import GeoIndex


def main_name_elsewhere(words: tuple[str, ...], city_gids: Iterable[int], all_alternate: bool, index: GeoIndex) -> bool:
    """Whether `words` (a name the city table knows, `all_alternate` when only by alternate names, as the towns
    `city_gids`) is the main name of some other place of the index."""
    if not all_alternate:
        return False
    towns = set(city_gids)
    return any(h.primary and h.words == len(words) and h.row.gid not in towns for h in index.lookup(list(words)))
