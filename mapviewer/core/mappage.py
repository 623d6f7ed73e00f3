"""Build the map page once with Folium: the Leaflet map, the online tile layers and one data layer.

Sites are not Folium objects (one Python object and one template render per marker does not scale);
they are one JSON document drawn by assets/map/mapviewer.js. Filtering later only flips visibility in
the page. All scripts are served from an asset base URL (the app's own scheme, or inlined for export),
and a Content-Security-Policy allows only those scripts and the page's own inline ones, by hash.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence

import folium
import xyzservices.providers as xyz
from branca.element import Element, MacroElement
from jinja2 import Template

from mapviewer.core import assets
from mapviewer.core.gcpause import gc_paused
from mapviewer.core.mapdata import payload, to_script_json
from mapviewer.core.workspace import Workspace

# Online layers, offered beside the offline basemap; ids are what the UI and `--basemap` use.
ONLINE_BASEMAPS: dict[str, tuple[str, object]] = {
    "osm": ("OpenStreetMap", xyz.OpenStreetMap.Mapnik),
    "satellite": ("Esri World Imagery (satellite)", xyz.Esri.WorldImagery),
    "topo": ("OpenTopoMap (terrain)", xyz.OpenTopoMap),
    "light": ("Esri World Light Gray", xyz.Esri.WorldGrayCanvas),
}
OFFLINE_BASEMAP = ("offline", "Offline world map (Natural Earth)")
BASEMAPS: dict[str, str] = {OFFLINE_BASEMAP[0]: OFFLINE_BASEMAP[1], **{k: v[0] for k, v in ONLINE_BASEMAPS.items()}}


_DATA_PLACEHOLDER = "@@MAPVIEWER_DATA_JSON@@"


class _DataLayer(MacroElement):
    """Marks where the workspace JSON goes and hands the map and tile layers to the page script.

    The JSON itself never passes through Jinja: branca compiles rendered element output as a template
    again, so article text such as "{{ 7*7 }}" would be evaluated. It is spliced in after render().
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <script type="application/json" id="mv-data">{{ this.placeholder }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        window.mapviewer.init({{ this._parent.get_name() }}, {
            tiles: { {%- for key, layer in this.tiles %}{{ key|tojson }}: {{ layer.get_name() }}, {% endfor -%} },
            options: {{ this.options|tojson }}
        });
        {% endmacro %}
        """
    )

    def __init__(self, tiles: list[tuple[str, folium.TileLayer]], options: dict) -> None:
        super().__init__()
        self._name = "MapviewerData"
        self.placeholder = _DATA_PLACEHOLDER
        self.tiles = tiles
        self.options = options


def build_page(
    ws: Workspace,
    asset_base: str = "app://map/assets/",
    extra_scripts: Sequence[str] = (),
    basemap: str = "offline",
    options: dict | None = None,
    embed_passages: bool = True,
) -> str:
    """The complete HTML of the map page for a workspace.

    `embed_passages=False` (the window) leaves the passages' text out of the page: it asks the host for
    a site's passages over the QWebChannel bridge when its popup opens (`mapdata.site_passages`). A page
    without a bridge (the standalone export, the PNG renderer) must embed them, which is the default."""
    if basemap not in BASEMAPS:
        raise ValueError(f"unknown basemap {basemap!r}; choose from: {', '.join(BASEMAPS)}")
    m = folium.Map(
        location=[30, 60],
        zoom_start=2,
        tiles=None,
        prefer_canvas=True,
        control_scale=True,
        world_copy_jump=True,
        fade_animation=False,
        zoom_snap=0.25,
        min_zoom=1,
    )
    m.default_js = [(n, asset_base + n) for n in assets.PAGE_SCRIPTS] + [(s, s) for s in extra_scripts]
    m.default_css = [(n, asset_base + n) for n in assets.PAGE_STYLES]
    tiles = []
    for key, (label, provider) in ONLINE_BASEMAPS.items():
        layer = folium.TileLayer(
            tiles=provider.build_url(),
            attr=provider.html_attribution,
            name=label,
            max_zoom=provider.get("max_zoom", 19),
            overlay=False,
            show=False,
            control=False,
        )
        m.add_child(layer)
        tiles.append((key, layer))
    m.add_child(_DataLayer(tiles, {"basemap": basemap, **(options or {})}))
    m.get_root().header.add_child(Element('<meta name="referrer" content="strict-origin-when-cross-origin">'), name="referrer")
    html = m.get_root().render()
    if html.count(_DATA_PLACEHOLDER) != 1:
        raise RuntimeError("map page template: data placeholder missing or repeated")
    # The policy does not depend on the data (a JSON <script> is not hashed), so it is added to the small
    # template and the data joined in last: the tens of MB of JSON are copied once, not once per step.
    head, tail = with_csp(html, asset_base).split(_DATA_PLACEHOLDER)
    del html
    with gc_paused():
        data = to_script_json(payload(ws, passages=embed_passages), ascii_only=not embed_passages)
    return "".join((head, data, tail))


_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S | re.I)


def with_csp(html: str, asset_base: str = "") -> str:
    """Add a Content-Security-Policy that admits the page's own inline scripts by hash and nothing
    injected later: if escaping ever failed, an injected script still would not run."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in _INLINE_SCRIPT.findall(html)
    )
    origin = re.match(r"^[a-z]+://[^/]+/", asset_base)
    sources = f"{origin.group(0)} qrc:" if origin else ""
    policy = (
        f"default-src 'none'; script-src {sources} {hashes}; style-src {sources} 'unsafe-inline'; "
        f"img-src {sources} https: data: blob:; font-src {sources} data:; connect-src 'none'; "
        "frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
    )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return re.sub(r"<head>", "<head>\n    " + meta, html, count=1)
