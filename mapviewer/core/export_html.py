"""The standalone map page: one HTML file that opens offline in any browser and shows the same sites,
popups, legend, basemap, filter and view as the app.

It is the app's own page (`mappage.build_page`) with every asset inlined — scripts as inline
<script>, stylesheets as <style> with Leaflet's images as data: URIs — plus a small bootstrap that
applies the filter bitmasks and the view on load. The Content-Security-Policy is recomputed over the
final inline scripts, so exactly those run and nothing else (no app://, no CDN). Online tile layers
stay available for the page script but are only used when the export's basemap is one of them; the
offline Natural Earth basemap is always drawn underneath, so the page never needs the network.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Sequence

from mapviewer.core import assets
from mapviewer.core.filters import Filter, FilterResult
from mapviewer.core.mapdata import to_script_json, visibility
from mapviewer.core.mappage import BASEMAPS, after_charset, build_page, with_csp
from mapviewer.core.workspace import Workspace

_BASE = "mv-inline-asset:"
"""Placeholder asset base the page is built with; every reference to it is replaced by inlining."""

_SCRIPT_TAG = re.compile(r'<script\s+src="' + re.escape(_BASE) + r'([^"]+)"\s*>\s*</script>', re.I)
_STYLE_TAG = re.compile(r'<link\s+rel="stylesheet"\s+href="' + re.escape(_BASE) + r'([^"]+)"\s*/?>', re.I)
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+?)['\"]?\s*\)")
_JSON_DATA = re.compile(r'<script type="application/json"[^>]*>.*?</script>', re.S | re.I)
"""Data blocks (to_script_json escapes every "<" in them, so none holds a tag, nor ends early)."""
_CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', re.I)


class StandaloneError(RuntimeError):
    """An asset could not be inlined safely."""


def _read_asset(name: str) -> str:
    path = assets.resolve(name)
    if path is None:
        raise StandaloneError(f"asset {name!r} is not available")
    text = path.read_text(encoding="utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n")  # the HTML parser normalises newlines: keep hashes true


def _script_text(name: str) -> str:
    text = _read_asset(name)
    text = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", text)
    # Inside a <script> element only "</script" and "<!--" change how HTML parses it; in JS both
    # can be written with a backslash that means the same inside strings, regexes and comments.
    text = re.sub(r"</(script)", r"<\\/\1", text, flags=re.I)
    text = text.replace("<!--", "<\\!--")
    return text


def _inline_scripts(name: str) -> str:
    """The script inline, followed by those it would load later (assets.LAZY_SCRIPTS): nothing loads later here."""
    names = (name, *assets.LAZY_SCRIPTS.get(name, ()))
    return "\n".join("<script>\n" + _script_text(n) + "\n</script>" for n in names)


def _data_uri(name: str) -> str:
    path = assets.resolve(name)
    if path is None:
        raise StandaloneError(f"asset {name!r} (referenced from a stylesheet) is not available")
    return f"data:{assets.mime_type(path)};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _style_text(name: str) -> str:
    folder = name.rsplit("/", 1)[0]

    def inline(m: re.Match[str]) -> str:
        ref = m.group(1)
        if ref.startswith(("data:", "#")):
            return m.group(0)
        if re.match(r"^[a-z][a-z0-9+.-]*:", ref, re.I) or ref.startswith("/"):
            raise StandaloneError(f"{name}: external reference {ref!r} cannot be inlined")
        return f'url("{_data_uri(folder + "/" + ref)}")'

    text = _CSS_URL.sub(inline, _read_asset(name))
    return text.replace("</", "<\\/")  # cannot close the <style> element


def standalone_html(
    ws: Workspace,
    flt: Filter,
    *,
    basemap: str = "offline",
    bbox: Sequence[float] | None = None,
    view: tuple[float, float, float] | None = None,
    result: FilterResult | None = None,
    title: str | None = None,
) -> str:
    """The page as one self-contained document.

    `view` is (lat, lon, zoom) from the window; else `bbox` (W, S, E, N); else fit the visible sites.
    """
    if basemap not in BASEMAPS:
        raise ValueError(f"unknown basemap {basemap!r}")
    result = result or ws.filter(flt)
    html = build_page(ws, asset_base=_BASE, basemap=basemap, embed_passages=True)  # no bridge to ask later
    html = _CSP_META.sub("", html, count=1)

    html = _SCRIPT_TAG.sub(lambda m: _inline_scripts(m.group(1)), html)
    html = _STYLE_TAG.sub(lambda m: "<style>\n" + _style_text(m.group(1)) + "\n</style>", html)
    if _BASE in _JSON_DATA.sub("", html):  # article text in the page data may say anything, the marker too
        raise StandaloneError("the page still references an asset that was not inlined")

    vis = visibility(ws, result)
    config = {
        "sites": vis["sites"],
        "mentions": vis["mentions"],
        "bbox": list(bbox) if bbox else None,
        "view": list(view) if view else None,
        "filter": flt.describe({a.id: a.title for a in ws.articles}),
    }
    bootstrap = (
        '<script type="application/json" id="mv-export">' + to_script_json(config) + "</script>\n"
        "<script>\n" + _BOOTSTRAP + "\n</script>\n"
    )
    html = html.replace("</html>", bootstrap + "</html>") if "</html>" in html else html + bootstrap
    page_title = title or "mapviewer — places named in the articles"
    html = after_charset(html, "<title>" + _html_text(page_title) + "</title>")
    return with_csp(html, "")


def _html_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Runs after the page's own bootstrap (mapviewer.init): apply the app's filter and view, open the popup
# named by a "#site=ID" link, then record the state on <body> so a browser (or a test with --dump-dom)
# can see the page really ran.
_BOOTSTRAP = """(function () {
  'use strict';
  var mv = window.mapviewer;
  function mark(state) { document.body.setAttribute('data-mv-state', state); }
  try {
    var cfg = JSON.parse(document.getElementById('mv-export').textContent);
    if (!mv || !mv.ready) throw new Error('the map did not start');
    mv.applyVisibility(cfg.sites, cfg.mentions);
    if (cfg.view && mv.setCenterZoom) mv.setCenterZoom(cfg.view[0], cfg.view[1], cfg.view[2]);
    else if (cfg.bbox) mv.setView(cfg.bbox[0], cfg.bbox[1], cfg.bbox[2], cfg.bbox[3]);
    else mv.fitVisible(30, true);
    document.body.setAttribute('data-mv-filter', cfg.filter);
    var open = /^#site=(.+)$/.exec(window.location.hash);  // a link to one site's popup: page.html#site=ID
    if (open) mv.focusSite(decodeURIComponent(open[1]));
    mark(mv.state());
  } catch (e) {
    document.body.setAttribute('data-mv-error', String(e && e.message || e));
    if (mv && mv.state) mark(mv.state());
  }
})();"""


def describe_config(html: str) -> dict:
    """The export configuration embedded in a standalone page (for tests and tools)."""
    m = re.search(r'<script type="application/json" id="mv-export">(.*?)</script>', html, re.S)
    return json.loads(m.group(1)) if m else {}
