"""Property: whatever is wrong with a workspace's files, opening it never raises (except WorkspaceError
for an unusable sites.geojson), never hangs, reports each broken item by file and feature/entry (and
field), still loads the valid rest, and gives the page valid JSON.

Each example is a small valid workspace (points, polygons and lines; articles with metadata;
corrections; review candidates) with one thing broken: a field of one feature, article entry,
correction or candidate row given a value it cannot have (NaN, Infinity, 1e400, a 5,000-digit
integer, booleans, wrong types, nesting), or one whole file truncated, deeply nested, or replaced by a
FIFO, a link to /dev/zero, a folder or a symbolic link loop.

CI runs the "ci" profile (60 examples, a few seconds); `MAPVIEWER_FUZZ=1` runs the "fuzz" profile
(MAPVIEWER_FUZZ_EXAMPLES examples, default 2,000) for a longer hunt.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wsfiles import open_workspace

from mapviewer.core import mapdata, safefile
from mapviewer.core.ingest.decisions import review_items
from mapviewer.core.ingest.review import review_rows
from mapviewer.core.ingest.store import StoreError
from mapviewer.core.workspace import Workspace, WorkspaceError

settings.register_profile(
    "ci", max_examples=60, deadline=None, database=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("MAPVIEWER_FUZZ_EXAMPLES", "2000")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PROFILE = "fuzz" if os.environ.get("MAPVIEWER_FUZZ") else "ci"
PER_CASE_SECONDS = 20

NAMES = ["Alphaville", "Betagrad", "Gammaton", "Deltaport", "Epsilon Bay", "Zetaburg"]
RAW = "\x00raw:"  # a string json.dumps writes as "\u0000raw:…"; replaced by the raw token after it
BIG_INT = "9" * 5000


def raw(token: str) -> str:
    """A value written into the file as the bare JSON token `token` (NaN, 1e400, a huge integer)."""
    return RAW + token


def dumps(value: Any) -> str:
    return json.dumps(value, indent=1).replace('"\\u0000raw:', "").replace('__END__"', "")


def _tokens(value: Any) -> Any:
    """Raw tokens need their closing quote removed too: mark the end of each."""
    if isinstance(value, str) and value.startswith(RAW):
        return value + "__END__"
    if isinstance(value, list):
        return [_tokens(v) for v in value]
    if isinstance(value, dict):
        return {k: _tokens(v) for k, v in value.items()}
    return value


def write_json(path: Path, value: Any) -> None:
    path.write_text(dumps(_tokens(value)), encoding="utf-8")


NUMBERS = st.sampled_from([raw("NaN"), raw("Infinity"), raw("-Infinity"), raw("1e400"), raw("-1e400"), raw(BIG_INT), True, False, None, "30", [], {}])
"""What no coordinate can be."""
NOT_TEXT = st.sampled_from([0, 1.5, raw("NaN"), raw(BIG_INT), True, [], ["x"], {"a": 1}, [[["deep"]]]])
"""What no optional text field can be (null is allowed, so it is not here)."""


@st.composite
def geometry(draw: st.DrawFn, lon: float, lat: float) -> dict[str, Any]:
    kind = draw(st.sampled_from(["Point", "Polygon", "LineString", "MultiPolygon"]))
    d = 0.05
    ring = [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]
    return {
        "Point": {"type": "Point", "coordinates": [lon, lat]},
        "Polygon": {"type": "Polygon", "coordinates": [ring]},
        "LineString": {"type": "LineString", "coordinates": [[lon, lat], [lon + d, lat + d]]},
        "MultiPolygon": {"type": "MultiPolygon", "coordinates": [[ring]]},
    }[kind]


@st.composite
def base_workspace(draw: st.DrawFn) -> dict[str, Any]:
    """The files of a valid workspace, as Python values: {relative path: value or text}."""
    n_sites = draw(st.integers(2, 5))
    coords = st.tuples(st.integers(-1700, 1700).map(lambda v: v / 10), st.integers(-800, 800).map(lambda v: v / 10))
    features = []
    for i in range(n_sites):
        lon, lat = draw(coords)
        features.append(
            {
                "type": "Feature",
                "properties": {"id": f"site-{i}", "name": NAMES[i], "kind": "town", "country": "Ukraine", "precision": "exact",
                               "coord_source": "test", "note": "n"},
                "geometry": draw(geometry(lon, lat)),
            }
        )
    n_articles = draw(st.integers(1, 3))
    entries, texts = [], {}
    for j in range(n_articles):
        named = draw(st.lists(st.sampled_from(NAMES[:n_sites]), min_size=1, max_size=3))
        texts[f"articles/art-{j}.txt"] = f"Story {j}\n\n" + " ".join(f"Troops were sent to {n} last week, officials said." for n in named) + "\n"
        entries.append({"id": f"art-{j}", "file": f"art-{j}.txt", "title": f"Story {j}", "outlet": "Daily", "date": "2024-01-02", "url": "https://example.org/a"})
    labels = {f"art-{j}:{10 + j}": {"certainty": "confirmed", "topics": ["combat"]} for j in range(n_articles)}
    rows = [
        {"name": NAMES[k], "article": "art-0", "paragraph": 1, "span": [9, 9 + len(NAMES[k])], "status": "unplaced", "confidence": 0.0,
         "provenance": None, "site": None, "place": None, "lat": None, "lon": None, "certainty": "reported", "reason": "r", "sentence": "s"}
        for k in range(draw(st.integers(1, 3)))
    ]
    return {
        "sites.geojson": {"type": "FeatureCollection", "features": features},
        "articles/articles.json": {"articles": entries},
        "overrides.json": {"version": 1, "labels": labels},
        "candidates.json": {"version": 1, "candidates": rows},
        **texts,
    }


FEATURE_TARGETS = {
    # target: (strategy of values it cannot have, word the problem must contain)
    "coordinate": (NUMBERS, '"geometry"'),
    "coordinates": (st.sampled_from([raw("NaN"), 5, "x", None, [], [1], [[1, 2, 3, 4, 5]], {"a": 1}, True]), '"geometry"'),
    "geometry.type": (st.sampled_from(["Circle", "GeometryCollection", 5, None, ["Point"]]), "geometry type"),
    "geometry.bbox": (st.sampled_from([[raw("NaN"), 0, 1, 1], [0, 0, 1], "box", [True, 0, 1, 1], [0, 0, raw("1e400"), 1]]), "bbox"),
    "geometry.extra": (st.sampled_from([raw("NaN"), [raw("Infinity")], {"x": [raw("-Infinity")]}]), '"geometry"'),
    "bbox": (st.sampled_from([[raw("NaN"), 0, 1, 1], "box", [0, 0, 1]]), '"bbox"'),
    "id": (NOT_TEXT, "id"),
    "name": (NOT_TEXT, "name"),
    "aliases": (st.sampled_from(["Alpha", [1], [""], [None], {"a": 1}, [["x"]]]), '"aliases"'),
    "precision": (st.sampled_from(["exactly", 1, None, ["exact"]]), "precision"),
    "point": (st.sampled_from([[raw("NaN"), 1], [200, 0], "here", [True, 1], [1]]), '"point"'),
    "kind": (NOT_TEXT, '"kind"'),
    "country": (NOT_TEXT, '"country"'),
    "admin_region": (NOT_TEXT, '"admin_region"'),
    "note": (NOT_TEXT, '"note"'),
    "feature": (st.sampled_from([None, 5, "feature", [], {"type": "Feature"}, {"type": "Feature", "properties": []}]), "feature"),
}
ENTRY_TARGETS = {
    "id": (st.one_of(NOT_TEXT.filter(lambda v: v not in (0, [], {})), st.sampled_from(["Bad Id", "../x", "a" * 200])), '"id"'),
    "file": (st.one_of(NOT_TEXT.filter(lambda v: v is not None), st.sampled_from(["../../../../etc/passwd", "/etc/hostname", "../sites.geojson"])), "file"),
    "title": (NOT_TEXT, '"title"'),
    "outlet": (NOT_TEXT, '"outlet"'),
    "date": (NOT_TEXT, '"date"'),
    "url": (NOT_TEXT, '"url"'),
    "note": (NOT_TEXT, '"note"'),
    "label": (NOT_TEXT, '"label"'),
    "sha256": (NOT_TEXT, '"sha256"'),
    "entry": (st.sampled_from([None, 5, "art.txt", ["art.txt"]]), "must be an object"),
}
LABELS = st.sampled_from(
    [
        ("certainty", {"certainty": "sure"}), ("certainty", {"certainty": 5}), ("certainty", {"certainty": ["confirmed"]}),
        ("topics", {"topics": [["x"]]}), ("topics", {"topics": "combat"}), ("topics", {"topics": [None]}), ("topics", {"topics": [{"a": 1}]}),
        ("must be an object", "confirmed"), ("must be an object", [1]), ("must be an object", None),
        ("x", {"certainty": "alleged", "x": [raw("NaN")]}),
    ]
)
ROW_FIELDS = {
    "name": NOT_TEXT, "article": NOT_TEXT, "status": NOT_TEXT, "reason": NOT_TEXT, "site": NOT_TEXT,
    "paragraph": st.sampled_from([-1, 1.5, "1", True, None, raw("NaN")]),
    "span": st.sampled_from([[1], "1-2", [2, 1], [True, 3], [raw("NaN"), 2], None]),
    "confidence": st.sampled_from([raw("NaN"), raw("Infinity"), "high", None, True, []]),
    "lat": st.sampled_from([raw("NaN"), 95, "north", True, [1]]),
}
FILES = ["sites.geojson", "articles/articles.json", "overrides.json", "candidates.json", "articles/art-0.txt"]
FILE_DAMAGE = ["truncate", "fifo", "dev-zero", "folder", "loop", "deep", "garbage"]


def _set_leaf(value: Any, pick: int, bad: Any) -> Any:
    """`value` (nested lists) with its pick-th number (in order, wrapping) replaced by `bad`."""
    leaves: list[tuple[list, int]] = []

    def walk(v: Any) -> None:
        for i, item in enumerate(v):
            (walk(item) if isinstance(item, list) else leaves.append((v, i)))

    walk(value)
    container, index = leaves[pick % len(leaves)]
    container[index] = bad
    return value


@st.composite
def broken_workspace(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """(files, what was broken): files as base_workspace gives them, one thing made wrong."""
    files = draw(base_workspace())
    where = draw(st.sampled_from(["feature", "entry", "label", "row", "file"]))
    features = files["sites.geojson"]["features"]
    if where == "feature":
        i = draw(st.integers(0, len(features) - 1))
        target = draw(st.sampled_from(sorted(FEATURE_TARGETS)))
        values, word = FEATURE_TARGETS[target]
        bad = draw(values)
        f = features[i]
        if target == "coordinate":
            _set_leaf(f["geometry"]["coordinates"], draw(st.integers(0, 20)), bad)
        elif target in ("coordinates", "geometry.type", "geometry.bbox", "geometry.extra"):
            f["geometry"][target.split(".")[-1]] = bad
        elif target == "bbox":
            f["bbox"] = bad
        elif target == "feature":
            features[i] = bad
        else:
            f["properties"][target] = bad
        return files, {"where": where, "file": "sites.geojson", "item": f"feature {i}", "word": word, "index": i, "soft": target in ("kind", "country", "admin_region", "note")}
    if where == "entry":
        entries = files["articles/articles.json"]["articles"]
        j = draw(st.integers(0, len(entries) - 1))
        target = draw(st.sampled_from(sorted(ENTRY_TARGETS)))
        values, word = ENTRY_TARGETS[target]
        bad = draw(values)
        if target == "entry":
            entries[j] = bad
        else:
            entries[j][target] = bad
        return files, {"where": where, "file": "articles.json", "item": f"article {j}", "word": word}
    if where == "label":
        word, bad = draw(LABELS)
        mention_id = draw(st.sampled_from(sorted(files["overrides.json"]["labels"])))
        files["overrides.json"]["labels"][mention_id] = bad
        return files, {"where": where, "file": "overrides.json", "item": f"correction {mention_id!r}", "word": word}
    if where == "row":
        rows = files["candidates.json"]["candidates"]
        k = draw(st.integers(0, len(rows) - 1))
        field = draw(st.sampled_from(sorted(ROW_FIELDS)))
        rows[k][field] = draw(ROW_FIELDS[field])
        return files, {"where": where, "file": "candidates.json", "item": f"candidate {k}", "word": f'"{field}"'}
    name = draw(st.sampled_from(FILES))
    damage = draw(st.sampled_from(FILE_DAMAGE))
    return files, {"where": where, "file": name, "damage": damage, "cut": draw(st.floats(0, 1)), "garbage": draw(st.binary(max_size=200))}


def materialise(root: Path, files: dict[str, Any], broken: dict[str, Any]) -> None:
    (root / "articles").mkdir(parents=True)
    for name, value in files.items():
        path = root / name
        if isinstance(value, str):
            path.write_text(value, encoding="utf-8")
        else:
            write_json(path, value)
    if broken["where"] != "file":
        return
    path = root / broken["file"]
    damage = broken["damage"]
    if damage == "truncate":
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * broken["cut"])])
        return
    if damage == "garbage":
        path.write_bytes(broken["garbage"])
        return
    if damage == "deep":
        path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
        return
    path.unlink()
    if damage == "fifo":
        os.mkfifo(path)
    elif damage == "dev-zero":
        path.symlink_to("/dev/zero")
    elif damage == "folder":
        path.mkdir()
    elif damage == "loop":
        path.symlink_to(path.name)


def _is_item(where: str, item: str) -> bool:
    return where == item or where.startswith(item + " (")


def check_open(root: Path, files: dict[str, Any], broken: dict[str, Any]) -> Workspace | None:
    """Open the workspace: only an unusable sites.geojson may stop it, and then with its name."""
    try:
        ws = open_workspace(root, PER_CASE_SECONDS)
    except WorkspaceError as exc:
        assert broken["where"] == "file" and broken["file"] == "sites.geojson", exc
        assert "sites.geojson" in str(exc)
        return None
    page = mapdata.to_script_json(mapdata.payload(ws))
    json.loads(page, parse_constant=lambda name: (_ for _ in ()).throw(AssertionError(f"{name} in the page data")))
    return ws


def check_reported(ws: Workspace, files: dict[str, Any], broken: dict[str, Any]) -> None:
    problems = ws.problems
    if broken["where"] in ("feature", "entry", "label"):
        found = [p for p in problems if p.file.endswith(broken["file"]) and _is_item(p.where, broken["item"])]
        assert found, (broken, [str(p) for p in problems])
        assert any(broken["word"] in str(p) for p in found), (broken, [str(p) for p in found])
    n_sites = len(files["sites.geojson"]["features"])
    expected_sites = {f"site-{i}" for i in range(n_sites)}
    if broken["where"] == "feature" and not broken["soft"]:
        expected_sites.discard(f"site-{broken['index']}")
    if broken["where"] != "file" or broken["file"] != "sites.geojson":
        assert expected_sites <= ws.site_by_id.keys(), (broken, [str(p) for p in problems])
    articles = {f"art-{j}" for j in range(len(files["articles/articles.json"]["articles"]))}
    if broken["where"] == "file" and broken["file"].endswith(".txt"):
        articles.discard("art-0")
        if broken["damage"] in ("fifo", "dev-zero", "folder", "loop"):  # "deep" is just brackets: text
            assert any(p.file.endswith("art-0.txt") for p in problems), (broken, [str(p) for p in problems])
    assert articles <= ws.article_by_id.keys(), (broken, [str(p) for p in problems])
    unusable = ("fifo", "dev-zero", "folder", "loop") + (() if broken["file"].endswith(".txt") else ("deep",))
    if broken["where"] == "file" and broken["damage"] in unusable and broken["file"] != "candidates.json":
        assert any(p.file.endswith(broken["file"].split("/")[-1]) for p in problems), (broken, [str(p) for p in problems])


def check_review(root: Path, broken: dict[str, Any]) -> None:
    """The review list, read as the CLI and the window read it: a bad row is a problem, a bad file a StoreError."""
    for read in (lambda p: review_rows(root, problems=p), lambda p: review_items(root, p)):
        problems: list = []
        try:
            read(problems)
        except StoreError as exc:
            # The store reads to write back: a whole file it cannot read, or an integer too long for
            # Python to hold (over 4,300 digits; the loaders make it a problem), is refused with the file named.
            huge = "a number cannot be read" in str(exc)
            assert broken["where"] == "file" or huge, exc
            assert broken["file"].split("/")[-1] in str(exc)
            continue
        if broken["where"] == "row":
            assert any(p.file.endswith("candidates.json") and _is_item(p.where, broken["item"]) and broken["word"] in p.message for p in problems), (
                broken, [str(p) for p in problems])


@settings(settings.get_profile(PROFILE))
@given(broken_workspace())
def test_any_broken_workspace_opens_reports_and_keeps_the_rest(case: tuple[dict[str, Any], dict[str, Any]]) -> None:
    files, broken = case
    base = Path(tempfile.mkdtemp(prefix="mv-fuzz-"))
    try:
        root = base / "ws"
        materialise(root, files, broken)
        ws = check_open(root, files, broken)
        if ws is not None:
            check_reported(ws, files, broken)
        check_review(root, broken)
    finally:
        shutil.rmtree(base)


def test_the_raw_token_writer_writes_what_json_cannot() -> None:
    """The generator's own check: tokens land bare in the file, everything else as json.dumps writes it."""
    text = dumps(_tokens({"a": [raw("NaN"), 1.5, "s"], "b": raw("1e400")}))
    assert json.loads(text, parse_constant=str) == {"a": ["NaN", 1.5, "s"], "b": math.inf}


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(alphabet='ab[]{}"\\\\ \u00e9\u0000')),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(alphabet='k[]{"\\\\', max_size=3), inner, max_size=4)),
    max_leaves=40,
)


def _depth(value: Any) -> int:
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    return 0


@settings(settings.get_profile(PROFILE))
@given(JSON_VALUES, st.booleans())
def test_nesting_depth_counts_brackets_outside_strings_only(value: Any, ascii_only: bool) -> None:
    """The depth guard's vectorised count equals the parsed value's depth, whatever the strings
    hold (brackets, quotes, backslashes, escapes) and however they are written."""
    text = json.dumps(value, ensure_ascii=ascii_only)
    assert safefile.nesting_depth(text.encode("utf-8")) == _depth(value)
