"""The standalone HTML export opened in a real headless Chromium with networking off.

`chromium --dump-dom` prints the DOM after the page's scripts ran: the export's bootstrap records
`mapviewer.state()` on <body data-mv-state>, and a `#site=ID` link opens that site's popup, so the
popup DOM built from hostile data can be inspected without any test-only script in the page.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hostile import BACKTICK, HOSTILE_NAME, SCRIPT, TEMPLATE, plant_in_shells, write_hostile_workspace

from mapviewer.cli import main
from mapviewer.core.filters import Filter
from mapviewer.core.workspace import Workspace

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium not installed (Debian: apt-get install chromium; .ci/run installs it)"
)

def dump_dom(page: Path, tmp_path: Path, fragment: str = "") -> str:
    profile = tmp_path / "chromium-profile"
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
        "--proxy-server=127.0.0.1:9",  # networking off: any http(s) request would fail
        "--proxy-bypass-list=<-loopback>",
        f"--user-data-dir={profile}",
        "--window-size=1200,800",
        "--virtual-time-budget=5000",
        "--dump-dom",
        page.as_uri() + fragment,
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


class _Dom(HTMLParser):
    """The bits of the dumped DOM the tests look at: <title>, <body> attributes, popup text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.body: dict[str, str] = {}
        self.popup = ""
        self.labels: list[str] = []
        self._stack: list[str] = []
        self._in_title = False
        self._popup_depth = 0
        self._label_depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "title":
            self._in_title = True
        if tag == "body":
            self.body = {k: v or "" for k, v in a.items()}
        if tag in ("br", "img", "input", "meta", "link", "hr"):
            return
        if self._popup_depth:
            self._popup_depth += 1
        elif "mv-popup" in classes:
            self._popup_depth = 1
        if self._label_depth:
            self._label_depth += 1
        elif "mv-label" in classes:
            self._label_depth = 1
            self.labels.append("")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if self._popup_depth:
            self._popup_depth -= 1
        if self._label_depth:
            self._label_depth -= 1

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._popup_depth:
            self.popup += data
        if self._label_depth:
            self.labels[-1] += data


def parse(dom: str) -> _Dom:
    d = _Dom()
    d.feed(dom)
    return d


def export_html(argv: list[str]) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["export", *argv], out, err) == 0, err.getvalue()


@needs_chromium
def test_standalone_page_runs_offline_with_the_filtered_sites(tmp_path):
    page = tmp_path / "map.html"
    export_html([str(page), "--certainty", "reported", "--certainty", "alleged"])
    dom = parse(dump_dom(page, tmp_path))
    assert "data-mv-error" not in dom.body, dom.body.get("data-mv-error")
    state = json.loads(dom.body["data-mv-state"])
    ws = Workspace.open()
    expected = ws.filter(Filter(certainties=frozenset({"reported", "alleged"})))
    assert state["ready"] and state["leaflet"] == "1.9.3"
    assert sorted(state["visible"]) == sorted(expected.site_ids)
    assert state["passages"] == expected.passage_count
    assert state["basemap"] == "offline" and state["basemapDrawn"]
    assert state["errors"] == []
    assert dom.body["data-mv-filter"].startswith("Articles: all; certainty: alleged, reported")
    assert dom.labels, "site labels are drawn"


@pytest.fixture
def hostile_data(tmp_path) -> Path:
    return write_hostile_workspace(tmp_path / "hostile", title="Hostile `${x}` \\ data")


@needs_chromium
def test_hostile_data_stays_text_in_the_standalone_page(tmp_path, hostile_data):
    page = tmp_path / "hostile.html"
    export_html([str(page), "--data", str(hostile_data)])
    raw = dump_dom(page, tmp_path, "#site=zlovgrad")
    dom = parse(raw)
    assert "pwned" not in dom.title
    assert "data-mv-error" not in dom.body, dom.body.get("data-mv-error")
    state = json.loads(dom.body["data-mv-state"])
    assert state["visible"] == ["zlovgrad"] and state["popup"] == "zlovgrad"
    for literal in (HOSTILE_NAME, SCRIPT, TEMPLATE, BACKTICK, "<b>Nowhere</b>", "Hostile `${x}` \\ data", "</script>`${x}`"):
        assert literal in dom.popup, literal
    # The data never became markup anywhere in the page.
    assert '<img src="x"' not in raw and "<b>Nowhere</b>" not in raw
    assert raw.count("document.title='pwned'</script>") == 0


@needs_chromium
@pytest.mark.parametrize("resign", [False, True], ids=["mac-not-updated", "mac-valid"])
def test_a_script_planted_in_a_cached_page_shell_never_runs_in_an_export(tmp_path, monkeypatch, resign):
    """The export renders its page now: even a planted shell the user's key vouches for (the very shell
    an export with these settings used to be built from) is not part of it, and its script does not run."""
    from mapviewer import paths
    from mapviewer.core import export_html as export_module
    from mapviewer.core import mappage

    monkeypatch.setattr(mappage, "_SHELLS", {})  # as a new process: nothing rendered yet
    mappage.page_shell(export_module._BASE, (), "offline", {})
    mappage.page_shell("app://map/assets/", ("qrc:///qtwebchannel/qwebchannel.js",), "offline", {}, fetches=True)
    assert len(plant_in_shells(paths.cache_dir() / "page", resign)) == 2
    monkeypatch.setattr(mappage, "_SHELLS", {})
    page = tmp_path / "map.html"
    export_html([str(page)])
    html = page.read_text(encoding="utf-8")
    assert "planted-shell-script" not in html
    dom_raw = dump_dom(page, tmp_path)
    dom = parse(dom_raw)
    assert "data-mv-error" not in dom.body and json.loads(dom.body["data-mv-state"])["ready"]
    assert "data-pwned" not in dom_raw


INLINE_ASSET_TEXT = 'mv-inline-asset: <script src="mv-inline-asset:map/mapviewer.js"></script> @@MAPVIEWER_DATA_JSON@@ @@MAPVIEWER_EXPORT_JSON@@'


@needs_chromium
def test_article_text_naming_the_exports_own_markers_exports_and_shows_as_text(tmp_path):
    """Untrusted text that looks like the export's asset references or its placeholders: no crash, no markup."""
    root = write_hostile_workspace(tmp_path / "markers", title="Markers " + INLINE_ASSET_TEXT)
    article = root / "articles" / "hostile.txt"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("officials said.", f"officials said {INLINE_ASSET_TEXT} today."), encoding="utf-8")
    page = tmp_path / "markers.html"
    export_html([str(page), "--data", str(root)])
    raw = dump_dom(page, tmp_path, "#site=zlovgrad")
    dom = parse(raw)
    assert "data-mv-error" not in dom.body, dom.body.get("data-mv-error")
    state = json.loads(dom.body["data-mv-state"])
    assert state["ready"] and state["popup"] == "zlovgrad"
    assert f"officials said {INLINE_ASSET_TEXT} today." in dom.popup  # the passage, as text
    assert "Markers " + INLINE_ASSET_TEXT in dom.popup  # the article's title, as text
    assert '<script src="mv-inline-asset:' not in raw


def _texts_by_id_and_class(dom: str) -> tuple[str, list[tuple[str, str]]]:
    """The text of #mv-export-heading, and the legend rows (certainty, count) of a dumped DOM."""

    class P(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.heading, self.rows, self.depth, self.row, self.in_count = "", [], 0, "", False

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if self.depth:
                self.depth += 1
            elif a.get("id") == "mv-export-heading":
                self.depth = 1
            if a.get("data-certainty") is not None and "mv-legend-row" in (a.get("class") or ""):
                self.row = a["data-certainty"]
            self.in_count = "mv-legend-count" in (a.get("class") or "")

        def handle_endtag(self, tag):
            if self.depth:
                self.depth -= 1
            self.in_count = False

        def handle_data(self, data):
            if self.depth:
                self.heading += data + "\n"
            if self.in_count and self.row:
                self.rows.append((self.row, data))
                self.row = ""

    p = P()
    p.feed(dom)
    return p.heading, p.rows


@needs_chromium
def test_standalone_page_shows_title_and_filter_and_counts_the_extents_sites(tmp_path):
    page = tmp_path / "donbas.html"
    title = "Donbas <b>tunnels</b> & engineers"
    export_html([str(page), "--certainty", "reported", "--bbox", "37.0,47.6,39.0,48.9", "--title", title, "--subtitle", "As of today"])
    html = page.read_text(encoding="utf-8")
    assert html.count('http-equiv="Content-Security-Policy"') == 1 and "<b>tunnels</b>" not in html.split("mv-export")[0]
    dom = dump_dom(page, tmp_path)
    assert "data-mv-error" not in parse(dom).body
    heading, rows = _texts_by_id_and_class(dom)
    assert heading.splitlines() == [title, "As of today", "Filter — Articles: all; certainty: reported; topics: all"]
    counts = {c: int(n) for c, n in rows}
    # Reported sites inside the box (Avdiivka, Pivnichne, Toretsk, Donetsk Oblast, Donbas, the canal…), not the 16 of the world.
    assert 3 <= counts["reported"] < 12, counts
    assert sum(counts.values()) == counts["reported"]
