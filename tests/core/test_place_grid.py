"""The place index's grid (core/ingest/grid.py): the rows near a point are every index row within reach of it, and
the grouping is built once into the user cache, signed, and rebuilt when the copy is altered or belongs to another
index. Real files in the per-test user folder; the real shipped index."""

from __future__ import annotations

from pathlib import Path

from mapviewer.core.ingest import signed
from mapviewer.core.ingest.geo_index import geo_index
from mapviewer.core.ingest.grid import build, grid_path, open_grid
from mapviewer.core.ingest.placetypes import great_circle_km
from mapviewer.core.ingest.typos import NEAR_KM, rows_near


def test_the_rows_near_a_point_are_every_row_within_reach_of_it() -> None:
    index = geo_index()
    lats, lons = index._t.arrays["lat"], index._t.arrays["lon"]
    for point in [(51.27, 35.19), (39.03, 125.75), (33.27, 35.2), (-33.9, 151.2), (64.5, 177.9), (68.97, 33.08), (55.99, 37.99)]:  # the last at a cell edge
        near = {(r.lat, r.lon, r.name) for r in rows_near([point])}
        every = {
            (float(lats[p]), float(lons[p]), index.row(p).name)
            for p in range(len(index))
            if abs(lats[p] - point[0]) < 1.0 and great_circle_km(lats[p], lons[p], *point) <= NEAR_KM
        }
        assert every and every <= near, point
        assert all(great_circle_km(lat, lon, *point) <= NEAR_KM for lat, lon, _ in near)


def test_the_grid_is_built_once_then_read_from_the_signed_cache_copy(tmp_path: Path) -> None:
    index = geo_index()
    path = tmp_path / "grid.bin"
    first, source = open_grid(index, path)
    assert source == "built" and path.is_file() and path.with_name("grid.bin.hmac").is_file()
    second, source = open_grid(index, path)
    assert source == "cache"
    assert list(first.cell(102, 70)) == list(second.cell(102, 70)) != []  # Kursk's cell: 51.0-51.5 N, 35.0-35.5 E


def test_an_altered_or_foreign_grid_copy_is_rebuilt_not_trusted(tmp_path: Path) -> None:
    index = geo_index()
    path = tmp_path / "grid.bin"
    open_grid(index, path)
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF  # one row number changed after signing
    path.write_bytes(bytes(data))
    assert open_grid(index, path)[1] == "built"
    signed.sign(path, path.read_bytes(), "grid built from another index")  # signed, but for something else
    assert open_grid(index, path)[1] == "built"
    assert open_grid(index, path)[1] == "cache"


def test_the_default_grid_file_lies_in_the_per_user_cache() -> None:
    assert "cache" in grid_path().parts and grid_path().name.startswith("grid-v")
    assert len(build(geo_index())) > 235_000 * 4
