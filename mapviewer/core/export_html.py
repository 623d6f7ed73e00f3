"""The standalone map page: one HTML file that opens offline in any browser and shows the same sites,
popups, legend, basemap, filter and view as the app.

It is the app's own page with every asset inlined — scripts as inline <script>, stylesheets as
<style> with Leaflet's images as data: URIs — plus a small bootstrap that applies the filter bitmasks
and the view on load. Online tile layers stay available for the page script but are only used when
the export's basemap is one of them; the offline Natural Earth basemap is always drawn underneath, so
the page never needs the network.

It is built from package assets and computed data only: the page around the data is rendered now
(`mappage.render_shell`, never a cached shell), the assets are inlined into it, and the
Content-Security-Policy admits exactly the scripts placed here — the rendered page's own, the asset
scripts and the bootstrap — before any data is in the page. The data (the workspace, the export's
settings) is then spliced in where the page has a place for it, as JSON that cannot close its element:
untrusted text is never searched, rewritten or hashed as markup, so nothing in an article can add a
script or break the export.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from mapviewer.core import assets, basemap_tiles
from mapviewer.core.figure_view import page_evidence
from mapviewer.core.filters import Filter, FilterResult
from mapviewer.core.inline_styles import InlineError, inline_styles, read_asset
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.mapdata import to_script_json, visibility
from mapviewer.core.mappage import (
    BASEMAPS,
    after_charset,
    csp_meta,
    inline_scripts,
    page_data,
    render_shell,
    split_at_data,
)
from mapviewer.core.workspace import Workspace

_BASE = "mv-inline-asset:"
"""Placeholder asset base the page is built with; every reference to it is replaced by inlining."""

_SCRIPT_TAG = lazy_compile(r'<script\s+src="' + re.escape(_BASE) + r'([^"]+)"\s*>\s*</script>', re.I)
_EXPORT_PLACEHOLDER = "@@MAPVIEWER_EXPORT_JSON@@"


class StandaloneError(RuntimeError):
    """An asset could not be inlined safely."""


def _read_asset(name: str) -> str:
    try:
        return read_asset(name)
    except InlineError as exc:
        raise StandaloneError(str(exc)) from None


def _script_text(name: str) -> str:
    return _js_safe(re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", _read_asset(name)))


def _js_safe(text: str) -> str:
    # Inside a <script> element only "</script" and "<!--" change how HTML parses it; in JS both
    # can be written with a backslash that means the same inside strings, regexes and comments.
    text = re.sub(r"</(script)", r"<\\/\1", text, flags=re.I)
    text = text.replace("<!--", "<\\!--")
    return text


def standalone_html(
    ws: Workspace,
    flt: Filter,
    *,
    basemap: str = "offline",
    bbox: Sequence[float] | None = None,
    view: tuple[float, float, float] | None = None,
    result: FilterResult | None = None,
    title: str | None = None,
    subtitle: str = "",
) -> str:
    """The page as one self-contained document.

    `view` is (lat, lon, zoom) from the window; else `bbox` (W, S, E, N); else fit the visible sites.
    """
    if basemap not in BASEMAPS:
        raise ValueError(f"unknown basemap {basemap!r}")
    result = result or ws.filter(flt)
    page = render_shell(_BASE, (), basemap, {})  # rendered now, from the package: no cached shell
    scripts = inline_scripts(page)  # the rendered page's own (Folium's map, the bootstrap of the page script)

    extent = bbox or (basemap_tiles.view_extent(*view) if view else _sites_extent(ws, result))

    def inline(m: re.Match[str]) -> str:
        names = (m.group(1), *assets.LAZY_SCRIPTS.get(m.group(1), ()))  # nothing loads later here
        texts = [_script_text(n) for n in names]
        if m.group(1) == basemap_tiles.PAGE_SCRIPT:  # the basemap's cells this extent needs, and no others
            texts += [_js_safe(t) for t in basemap_tiles.export_scripts(extent)]
        scripts.extend("\n" + t + "\n" for t in texts)
        return "\n".join("<script>\n" + t + "\n</script>" for t in texts)

    page = _SCRIPT_TAG.sub(inline, page)
    try:
        page = inline_styles(page, _BASE)
    except InlineError as exc:
        raise StandaloneError(str(exc)) from None
    if _BASE in page:
        raise StandaloneError("the page still references an asset that was not inlined")
    scripts.append("\n" + _BOOTSTRAP + "\n")
    bootstrap = (
        '<script type="application/json" id="mv-export">' + _EXPORT_PLACEHOLDER + "</script>\n"
        "<script>\n" + _BOOTSTRAP + "\n</script>\n"
    )
    page = page.replace("</html>", bootstrap + "</html>") if "</html>" in page else page + bootstrap
    page_title = title or "mapviewer — places named in the articles"
    page = after_charset(page, "<title>" + _html_text(page_title) + "</title>")
    page = after_charset(page, csp_meta(scripts))
    if sorted(inline_scripts(page)) != sorted(scripts):  # the policy names exactly the scripts the page holds
        raise StandaloneError("the page's scripts are not the ones its policy admits")

    # Only now the data: spliced at the places made for it, never searched or rewritten.
    head, tail = split_at_data(page)
    if tail.count(_EXPORT_PLACEHOLDER) != 1:
        raise StandaloneError("export settings placeholder missing or repeated")
    middle, end = tail.split(_EXPORT_PLACEHOLDER)
    vis = visibility(ws, result)
    config = {
        "sites": vis["sites"],
        "mentions": vis["mentions"],
        "bbox": list(bbox) if bbox else None,
        "view": list(view) if view else None,
        "filter": flt.describe({a.id: a.title for a in ws.articles}),
        "title": title or "Places named in the articles",
        "subtitle": subtitle,
        "evidence": page_evidence(ws, flt, figures=True),  # the flows passing the filter, each site's Figures
    }
    return "".join((head, page_data(ws, embed_passages=True), middle, to_script_json(config), end))  # no bridge: passages in


def _sites_extent(ws: Workspace, result: FilterResult) -> tuple[float, float, float, float] | None:
    shown = set(result.site_ids)
    return basemap_tiles.points_extent((s.lon, s.lat) for s in ws.sites if s.id in shown)


def _html_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Runs after the page's own bootstrap (mapviewer.init): apply the app's filter and view, open the popup
# named by a "#site=ID" link, then record the state on <body> so a browser (or a test with --dump-dom)
# can see the page really ran.
_BOOTSTRAP = """(function () {
  'use strict';
  var mv = window.mapviewer;
  function mark(state) { document.body.setAttribute('data-mv-state', state); }
  // The title, subtitle and filter line over the map's top left, as text nodes (never markup).
  function heading(cfg) {
    var box = document.createElement('div');
    box.id = 'mv-export-heading';
    box.style.cssText = 'position:absolute;z-index:1000;top:10px;left:54px;max-width:60%;background:rgba(255,255,255,.94);' +
      'padding:8px 12px;border-radius:6px;box-shadow:0 1px 4px rgba(0,0,0,.25);font:13px/1.35 system-ui,sans-serif;color:#1d2430';
    var lines = [[cfg.title, 'font-size:18px;font-weight:650'], [cfg.subtitle, 'color:#475467'], ['Filter — ' + cfg.filter, 'color:#475467;font-size:12px']];
    lines.forEach(function (l) {
      if (!l[0]) return;
      var d = document.createElement('div');
      d.style.cssText = l[1];
      d.textContent = l[0];
      box.appendChild(d);
    });
    document.body.appendChild(box);
  }
  try {
    var cfg = JSON.parse(document.getElementById('mv-export').textContent);
    if (!mv || !mv.ready) throw new Error('the map did not start');
    mv.applyVisibility(cfg.sites, cfg.mentions);
    if (cfg.evidence && mv.setEvidence) mv.setEvidence(cfg.evidence);
    if (cfg.view && mv.setCenterZoom) mv.setCenterZoom(cfg.view[0], cfg.view[1], cfg.view[2]);
    else if (cfg.bbox) mv.setView(cfg.bbox[0], cfg.bbox[1], cfg.bbox[2], cfg.bbox[3]);
    else mv.fitVisible(30, true);
    document.body.setAttribute('data-mv-filter', cfg.filter);
    heading(cfg);
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
