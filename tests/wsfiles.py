"""Small real workspaces for the validation tests: two good sites, one good article, and a way to open
one with a time limit (a loader that blocks on a FIFO fails the test instead of hanging it)."""

from __future__ import annotations

import contextlib
import json
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mapviewer.core.model import Problem
from mapviewer.core.workspace import Location, Workspace


def feature(site_id: str, name: str, geometry: Any = None, **props: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"id": site_id, "name": name, "kind": "town", "country": "Ukraine", "precision": "exact", "coord_source": "test", **props},
        "geometry": geometry if geometry is not None else {"type": "Point", "coordinates": [30.5, 50.4]},
    }


GOOD_A = feature("alpha", "Alphaville", {"type": "Point", "coordinates": [30.5, 50.4]})
GOOD_B = feature("beta", "Betaville", {"type": "Point", "coordinates": [31.5, 51.4]})
STORY = "Story\n\nTroops were sent to Alphaville and Betaville last week, officials said.\n"


def write_workspace(root: Path, features: list[Any] | None = None, entries: list[Any] | None = None, sites_text: str | None = None) -> Path:
    """`root` with sites.geojson (GOOD_A, `features`, GOOD_B, or `sites_text` as is), articles/story.txt and,
    when `entries` is given, articles/articles.json listing story.txt first and then `entries`."""
    root.mkdir(parents=True, exist_ok=True)
    if sites_text is None:
        sites_text = json.dumps({"type": "FeatureCollection", "features": [GOOD_A, *(features or []), GOOD_B]}, indent=1)
    (root / "sites.geojson").write_text(sites_text, encoding="utf-8")
    articles = root / "articles"
    articles.mkdir(exist_ok=True)
    (articles / "story.txt").write_text(STORY, encoding="utf-8")
    if entries is not None:
        meta = {"articles": [{"id": "story", "file": "story.txt", "title": "Story"}, *entries]}
        (articles / "articles.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    return root


@contextlib.contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Raise TimeoutError in the block after `seconds` (a blocked open() is interrupted by the signal)."""

    def expire(signum: int, frame: Any) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def open_workspace(root: Path, seconds: int = 30) -> Workspace:
    with time_limit(seconds):
        return Workspace.load(Location.folder(root))


def problem_about(problems: list[Problem], file: str, *words: str) -> Problem:
    """The one problem whose file ends with `file` and whose text has every one of `words`."""
    found = [p for p in problems if p.file.endswith(file) and all(w in str(p) for w in words)]
    assert len(found) == 1, (file, words, [str(p) for p in problems])
    return found[0]


def assert_rest_loads(ws: Workspace) -> None:
    """The good sites and the good article loaded and were matched, whatever else was wrong."""
    assert {"alpha", "beta"} <= {s.id for s in ws.sites}, ws.problems
    assert "story" in ws.article_by_id, ws.problems
    assert {"alpha", "beta"} <= {m.site_id for m in ws.mentions}
