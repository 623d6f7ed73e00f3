"""Every file the app reads at run time is package data, reachable through importlib.resources from
the `mapviewer` package, and the wheel's package-data patterns ship all of it. (.ci/run builds the
wheel, installs it in a fresh venv and runs it from another folder; this is the fast check.)"""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path

import pytest

from mapviewer import paths
from mapviewer.core import assets

REPO = Path(__file__).resolve().parents[2]
DATA = files("mapviewer") / "_data"


def _real(traversable) -> Path:
    return Path(str(traversable)).resolve()


def test_bundled_corpus_and_page_assets_come_from_the_package():
    assert (DATA / "sites.geojson").is_file()
    assert _real(DATA / "sites.geojson") == paths.BUNDLED_SITES
    for folder, path in (("articles", paths.BUNDLED_ARTICLES), ("map", paths.MAP_ASSETS), ("basemap", paths.BASEMAP_ASSETS)):
        assert (DATA / "assets" / folder).is_dir(), folder
        assert path == _real(DATA / "assets" / folder)
        assert assets.ASSET_DIRS.get(folder, path) == path


def test_every_bundled_article_is_package_data():
    listed = json.loads((DATA / "assets" / "articles" / "articles.json").read_text(encoding="utf-8"))["articles"]
    assert len(listed) == 4
    for entry in listed:
        assert (DATA / "assets" / "articles" / entry["file"]).is_file(), entry["file"]


def test_every_page_file_resolves_and_ours_are_package_data():
    names = [*assets.PAGE_SCRIPTS, *assets.PAGE_STYLES, *(n for lazy in assets.LAZY_SCRIPTS.values() for n in lazy)]
    for name in names:
        path = assets.resolve(name)
        assert path is not None and path.is_file(), name
        top, _, rest = name.partition("/")
        if top != "leaflet":  # XStatic-Leaflet's own package data
            assert (DATA / "assets" / top / rest).is_file(), name
    leaflet_css = assets.resolve("leaflet/leaflet.css")
    assert leaflet_css is not None
    for image in re.findall(r"url\((images/[^)]+)\)", leaflet_css.read_text(encoding="utf-8")):
        assert assets.resolve(f"leaflet/{image}") is not None, image


def test_package_data_patterns_ship_every_data_file():
    """pyproject's [tool.setuptools.package-data] globs match every file under mapviewer/_data."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["mapviewer"]
    package = REPO / "mapviewer"
    shipped = {p.relative_to(package) for pattern in patterns for p in package.glob(pattern) if p.is_file()}
    on_disk = {p.relative_to(package) for p in (package / "_data").rglob("*") if p.is_file()}
    for folder in ("articles", "map", "basemap", "gazetteer"):  # rglob does not enter a linked folder before Python 3.13
        on_disk |= {p.relative_to(package) for p in (package / "_data" / "assets" / folder).rglob("*") if p.is_file()}
    assert len(on_disk) > 10 and on_disk <= shipped, sorted(map(str, on_disk - shipped))


def test_one_copy_the_package_links_to_the_top_level_files():
    """The top-level sites.geojson and assets/ are the editable sources; the package links to them."""
    assert (REPO / "mapviewer" / "_data" / "sites.geojson").resolve() == REPO / "sites.geojson"
    assert (REPO / "mapviewer" / "_data" / "assets").resolve() == REPO / "assets"
