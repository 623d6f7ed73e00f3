"""The map page as built HTML, no browser: offline-only assets, a CSP that admits exactly the page's own
inline scripts, and data embedded so that it cannot break out of its <script> element."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re

import pytest

from mapviewer.core import assets
from mapviewer.core.filters import Filter
from mapviewer.core.mapdata import payload, to_script_json, visibility
from mapviewer.core.mappage import BASEMAPS, build_page, with_csp
from mapviewer.core.workspace import Workspace

CDNS = ("cdn.jsdelivr", "unpkg", "cdnjs", "code.jquery", "bootstrapcdn", "googleapis", "fontawesome")
INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S | re.I)
DATA = re.compile(r'<script type="application/json" id="mv-data">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def page(ws) -> str:
    return build_page(ws, extra_scripts=("app://map/qt/qwebchannel.js",))


def csp(html: str) -> str:
    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    assert found, "no CSP meta"
    return found.group(1)


def directive(policy: str, name: str) -> list[str]:
    for part in policy.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    raise AssertionError(f"no {name} in {policy!r}")


def test_page_uses_no_cdn(page):
    lowered = page.lower()
    for cdn in CDNS:
        assert cdn not in lowered, cdn
    sources = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', page)
    assert sources, "no script or stylesheet references"
    for src in sources:
        assert src.startswith("app://map/"), src


def test_every_referenced_asset_is_whitelisted(page):
    for src in re.findall(r'(?:src|href)="app://map/assets/([^"]+)"', page):
        assert assets.read(src) is not None, src
    assert assets.resolve("../sites.geojson") is None
    assert assets.resolve("leaflet/../../../etc/passwd") is None


def test_csp_meta_comes_right_after_the_charset_and_locks_the_page_down(page):
    policy = csp(page)
    head = page.split("<head>", 1)[1].lstrip()
    assert head.startswith('<meta http-equiv="content-type" content="text/html; charset=UTF-8" />')
    after = head.split("/>", 1)[1].lstrip()
    assert after.startswith('<meta http-equiv="Content-Security-Policy"')  # before anything it governs
    assert directive(policy, "default-src") == ["'none'"]
    assert directive(policy, "connect-src") == ["'none'"]
    assert directive(policy, "object-src") == ["'none'"]
    assert directive(policy, "base-uri") == ["'none'"]
    scripts = directive(policy, "script-src")
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts and "https:" not in scripts


def test_the_data_comes_before_the_scripts_and_the_host_channel_before_start_js(page):
    """map/start.js, the first page script, reads the data (or its URL) and opens the host's channel
    while the rest are parsed: the data element precedes every script, qwebchannel.js precedes start.js."""
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert scripts[:3] == ["app://map/qt/qwebchannel.js", "app://map/assets/map/start.js", "app://map/assets/leaflet/leaflet.js"]
    assert scripts[-1] == "app://map/assets/map/page.js"  # the map page's parts, mapviewer.js last
    assert page.index('id="mv-data"') < page.index("<script src=")
    # The charset is declared within the first 1024 bytes, before the data: an exported file holds all
    # of its data there, and a browser opening it from disk looks for the charset only that far.
    charset = page.encode("utf-8").index(b"charset=UTF-8")
    assert charset < 1024 and page.index("charset=UTF-8") < page.index('id="mv-data"')


def test_every_inline_script_is_admitted_by_hash(page):
    policy_scripts = set(directive(csp(page), "script-src"))
    inline = INLINE.findall(page)
    assert inline, "expected folium's inline map script"
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in policy_scripts
    hashes = {s for s in policy_scripts if s.startswith("'sha256-")}
    assert len(hashes) == len(set(inline))


def test_injected_script_would_not_match_the_policy():
    html = with_csp("<html><head></head><body><script>ok()</script></body></html>", "app://map/assets/")
    policy = csp(html)
    evil = base64.b64encode(hashlib.sha256(b"evil()").digest()).decode()
    assert f"'sha256-{evil}'" not in policy


def test_embedded_data_cannot_close_its_script_element(page, ws):
    found = DATA.findall(page)
    assert len(found) == 1
    raw = found[0]
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert json.loads(raw) == json.loads(json.dumps(payload(ws)))
    hostile = to_script_json({"t": "</script><script>alert(1)</script><!-- & ${x} `"})
    assert "<" not in hostile and json.loads(hostile)["t"].startswith("</script>")


def test_payload_counts_match_the_workspace(page, ws):
    data = json.loads(DATA.findall(page)[0])
    sites, mentions = data["sites"], data["mentions"]
    assert len(sites["id"]) == len(ws.mapped_sites)
    assert set(sites["id"]) == set(ws.filter(Filter()).site_ids)
    assert all(len(col) == len(sites["id"]) for key, col in sites.items() if key not in ("shape", "radius"))
    assert set(sites["shape"]) == {str(i) for i, s in enumerate(ws.mapped_sites) if s.is_area}
    assert set(sites["radius"]) == {str(i) for i, s in enumerate(ws.mapped_sites) if s.radius_km > 0}  # by row, as shape
    assert len(mentions["id"]) == len(ws.mentions)
    assert all(len(col) == len(ws.mentions) for col in mentions.values())
    assert len(data["articles"]) == len(ws.articles)
    for m, site_row, (a, b) in zip(ws.mentions, mentions["site"], mentions["highlight"]):
        assert sites["id"][site_row] == m.site_id
        assert m.sentence[a:b] == m.surface


def test_visibility_bits_follow_the_filter(ws):
    flt = Filter(articles=frozenset({"nysun-tunnel-engineers"}))
    result = ws.filter(flt)
    vis = visibility(ws, result)
    site_bits = base64.b64decode(vis["sites"])
    ids = [s.id for s in ws.mapped_sites]
    shown = {ids[i] for i in range(len(ids)) if (site_bits[i >> 3] >> (i & 7)) & 1}
    assert shown == set(result.site_ids)
    mention_bits = base64.b64decode(vis["mentions"])
    assert sum(bin(b).count("1") for b in mention_bits) == result.passage_count


@pytest.mark.parametrize("basemap", list(BASEMAPS))
def test_every_basemap_builds(ws, basemap):
    html = build_page(ws, basemap=basemap)
    assert f'"basemap": "{basemap}"' in html
    assert csp(html)


def test_unknown_basemap_is_refused(ws):
    with pytest.raises(ValueError):
        build_page(ws, basemap="http://evil/")


def test_article_text_is_never_evaluated_as_a_template(tmp_path):
    """Branca re-compiles rendered element output as Jinja; article text must reach the page verbatim."""
    import shutil

    from mapviewer import paths

    shutil.copy(paths.BUNDLED_SITES, tmp_path / "sites.geojson")
    (tmp_path / "articles").mkdir()
    hostile = "Pyongyang said {{ 7*7 }} and {{ self.__class__.__name__ }} then {% for x in [1] %}loop{% endfor %}."
    (tmp_path / "articles" / "a.txt").write_text(hostile + "\n", encoding="utf-8")
    html = build_page(Workspace.open(tmp_path))
    data = json.loads(DATA.search(html).group(1))
    assert hostile in data["mentions"]["sentence"]
    assert "Pyongyang said 49" not in html
    assert "TemplateReference" not in html


def test_page_shell_is_cached_so_folium_loads_only_on_a_miss(tmp_path):
    """The page around the data does not depend on the workspace: a second process reuses the cached
    shell and never imports Folium; a damaged cache file is rendered again."""
    import subprocess
    import sys

    env = {**os.environ, "MAPVIEWER_USER_DIR": str(tmp_path)}
    script = (
        "import sys; from mapviewer.core.mappage import build_page; from mapviewer.core.workspace import Workspace; "
        "html = build_page(Workspace.open()); "
        "print('folium' in sys.modules, 'Content-Security-Policy' in html, 'mv-data' in html, len(html) > 1000)"
    )

    def run() -> str:
        return subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True).stdout.split()

    assert run() == ["True", "True", "True", "True"], "first build renders with Folium"
    shells = list((tmp_path / "cache" / "page").glob("shell-*.cache"))
    assert len(shells) == 1
    assert run() == ["False", "True", "True", "True"], "second build: from the cache, no Folium import"
    shells[0].write_text('{"head": "<html>", "tail": "</html>"}', encoding="utf-8")
    assert run() == ["True", "True", "True", "True"], "a damaged shell is rendered again"
    assert b"window.mapviewer.init" in shells[0].read_bytes()


def test_the_map_page_parts_load_as_one_script_made_of_the_files_in_order(page):
    """Seventeen requests in a row, each answered on the busy GUI thread at start-up, became one."""
    sources = re.findall(r'<script[^>]*src="app://map/assets/([^"]+)"', page)
    assert sources == list(assets.SERVED_SCRIPTS)
    assert assets.PAGE_BUNDLE in sources and not set(sources) & set(assets.PAGE_PARTS)
    bundle = assets.read(assets.PAGE_BUNDLE)
    assert bundle is not None
    at = 0
    for part in assets.PAGE_PARTS:
        path = assets.resolve(part)
        assert path is not None, part
        found = bundle.find(path.read_bytes().rstrip(), at)
        assert found >= at, f"{part} is not in the bundle after the parts before it"
        at = found
    assert assets.PAGE_PARTS[-1] == "map/mapviewer.js"
    assert assets.read("map/../../sites.geojson") is None and assets.read("map/nothing.js") is None
