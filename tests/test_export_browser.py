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
from hostile import BACKTICK, HOSTILE_NAME, SCRIPT, TEMPLATE, write_hostile_workspace

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
