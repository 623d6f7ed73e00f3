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
from mapviewer.core.ingest.typos import edits
from mapviewer.core.ingest.variants import variant_key
from mapviewer.core.textnorm import key


def main_name_elsewhere(words: tuple[str, ...], city_gids: Iterable[int], all_alternate: bool, index: GeoIndex) -> bool:
    """Whether `words` (a name the city table knows, `all_alternate` when only by alternate names, as the towns
    `city_gids`) is the main name of some other place of the index."""
    if not all_alternate:
        return False
    towns = set(city_gids)
    return any(h.primary and h.words == len(words) and h.row.gid not in towns for h in index.lookup(list(words)))


def spelt_as_main(words: tuple[str, ...], main_name: str, primary: bool) -> bool:
    """`words` name the town by its main name, or by a romanisation of it ("Zaporizhzhia" for the gazetteer's
    "Zaporizhzhya": spelling-blind keys at most one edit apart): not an old or other name, whatever villages
    also bear it."""
    return primary or edits(variant_key(words), variant_key(key(main_name)), 1) <= 1
