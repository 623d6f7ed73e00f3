"""The window and other writers: a `mapviewer ingest` run while the window is open shows up in it (the
commit watcher), the window's own edits do not reload it twice, and an edit while another process holds
the workspace lock is refused after a bounded wait with a clear message — real window, real page,
real processes."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

from webwindow import open_window, state
from writers import env, lock_held, mapviewer

from mapviewer.core.session import WRITE_WAIT
from mapviewer.core.workspace import Location, Workspace

EVAL = Path(__file__).parents[1] / "ingest_eval"
TIMEOUT = 90000


def ingest(data: Path, *files: Path) -> None:
    done = subprocess.run(mapviewer("--data", data, "ingest", *files), env=env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_the_window_shows_what_another_process_commits(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "articles").mkdir(parents=True)
    (data / "sites.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": []}), encoding="utf-8")
    with open_window(qtbot, Workspace.load(Location.folder(data)), tmp_path / "ini") as window:
        assert not window.ws.articles
        with qtbot.waitSignal(window.map.mapReady, timeout=TIMEOUT):
            ingest(data, EVAL / "yonhap-yongbyon.txt")  # never committed to before: the folder is watched
        assert "yonhap-yongbyon" in window.ws.article_by_id
        assert "yongbyon-nuclear-scientific-research-center" in state(qtbot, window)["visible"]
        with qtbot.waitSignal(window.map.mapReady, timeout=TIMEOUT):
            ingest(data, EVAL / "tass-vostochny.txt")  # the commit file was replaced: still watched
        assert {"yonhap-yongbyon", "tass-vostochny"} <= set(window.ws.article_by_id)
        assert window.filters.articles.is_checked("tass-vostochny")

        # the window's own label correction commits to the same folder: no reload for it
        mention = next(m for m in window.ws.mentions if m.article_id == "tass-vostochny")
        with qtbot.waitSignal(window.map.mapReady, timeout=1500, raising=False) as reloaded:
            window.correct_label(mention.id, "speculative", None)
        assert not reloaded.signal_triggered
        assert window.ws.mention_by_id[mention.id].claim.certainty == "speculative"


def test_an_edit_while_another_process_writes_is_refused_after_a_bounded_wait(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    ingest(data, EVAL / "tass-vostochny.txt")
    with open_window(qtbot, Workspace.load(Location.folder(data)), tmp_path / "ini") as window:
        with lock_held(data):
            window.refresh_review()
            item = next(i for i in window.review.model.items if i.needs_review)
            before = (data / "candidates.json").read_bytes()
            started = time.monotonic()
            assert window.decide("reject", item.key) is False
            waited = time.monotonic() - started
            assert WRITE_WAIT - 0.1 <= waited < WRITE_WAIT + 2, waited
            assert f"another mapviewer (a window, or `mapviewer ingest`) is writing to {data}" in window.warning.text()
            assert (data / "candidates.json").read_bytes() == before
        window.warning.close()
        with qtbot.waitSignal(window.map.mapReady, timeout=TIMEOUT):
            assert window.decide("reject", item.key) is True  # the other writer is done: it goes through
        assert (data / "candidates.json").read_bytes() != before


def test_adding_articles_waits_for_another_writer_and_says_so(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "articles").mkdir(parents=True)
    (data / "sites.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": []}), encoding="utf-8")
    with open_window(qtbot, Workspace.load(Location.folder(data)), tmp_path / "ini") as window:
        with lock_held(data):
            run = window.add_articles([EVAL / "yonhap-yongbyon.txt"])
            assert run is not None
            qtbot.waitUntil(lambda: "Waiting for another mapviewer writing to" in run.dialog.labelText(), timeout=TIMEOUT)
            qtbot.wait(500)  # the window's event loop keeps running meanwhile (this wait is it)
            assert window.ingest_run is run and not (data / "articles" / "yonhap-yongbyon.txt").exists()
        qtbot.waitUntil(lambda: window.ingest_run is None, timeout=TIMEOUT)
        assert "yonhap-yongbyon" in window.ws.article_by_id
