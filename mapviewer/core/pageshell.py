"""Render the map page's shell with Folium: the Leaflet map, the online tile layers and the bootstrap
that hands them to assets/map/mapviewer.js. The workspace data is not here: the page has a
placeholder where mappage.build_page splices the JSON in, after rendering (never through Jinja).

Kept apart from mappage so Folium is imported only when the shell is not cached.
"""

from __future__ import annotations

import folium
import xyzservices.providers as xyz
from branca.element import Element, MacroElement
from jinja2 import Template

from mapviewer.core import assets
from mapviewer.core.mappage import ONLINE_BASEMAPS


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

    def __init__(self, tiles: list[tuple[str, folium.TileLayer]], options: dict, placeholder: str) -> None:
        super().__init__()
        self._name = "MapviewerData"
        self.placeholder = placeholder
        self.tiles = tiles
        self.options = options


def render_shell(asset_base: str, extra_scripts: tuple[str, ...], basemap: str, options: dict, placeholder: str) -> str:
    """The page's HTML with `placeholder` (once) where the data JSON goes; no CSP yet."""
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
    for key, (label, name) in ONLINE_BASEMAPS.items():
        provider = xyz.query_name(name)
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
    m.add_child(_DataLayer(tiles, {"basemap": basemap, **options}, placeholder))
    m.get_root().header.add_child(Element('<meta name="referrer" content="strict-origin-when-cross-origin">'), name="referrer")
    return m.get_root().render()
