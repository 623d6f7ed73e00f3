"""Render the map page's shell with Folium: the Leaflet map, the online tile layers and the bootstrap
that hands them to assets/map/mapviewer.js. The workspace data is not here: the page has a
placeholder where mappage.build_page splices the JSON in, after rendering (never through Jinja).

Kept apart from mappage (which calls it, and passes what it needs: this module imports nothing of
mappage) so Folium is imported only when the shell is not cached.
"""

from __future__ import annotations

import folium
import xyzservices.providers as xyz
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from mapviewer.core import assets


class _DataLayer(MacroElement):
    """Hands the map and tile layers to the page script (render_shell places the data itself).

    The JSON itself never passes through Jinja: branca compiles rendered element output as a template
    again, so article text such as "{{ 7*7 }}" would be evaluated. It is spliced in after render().
    """

    _template = Template(
        """
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
        self.tiles = tiles
        self.options = options


def render_shell(
    asset_base: str,
    extra_scripts: tuple[str, ...],
    basemap: str,
    options: dict,
    placeholder: str,
    online: dict[str, tuple[str, str]],
) -> str:
    """The page's HTML with `placeholder` (once) where the data JSON goes; no CSP yet. `online`: the
    online tile layers, id -> (label, xyzservices provider name)."""
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
    # The host's scripts (the window's qwebchannel.js) come first: map/start.js opens the channel.
    m.default_js = [(s, s) for s in extra_scripts] + [(n, asset_base + n) for n in assets.SERVED_SCRIPTS]
    m.default_css = [(n, asset_base + n) for n in assets.PAGE_STYLES]
    tiles = []
    for key, (label, name) in online.items():
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
    m.add_child(_DataLayer(tiles, {"basemap": basemap, **options}))
    # The data (or where to fetch it) before the scripts, for map/start.js, the first of them; after the
    # charset <meta>, which must come within the first 1024 bytes of an exported file.
    root = m.get_root()
    assert isinstance(root, Figure)  # a folium Map's root is always its Figure
    data = Element(f'<script type="application/json" id="mv-data">{placeholder}</script>')
    names = list(root.header._children)  # branca's Figure puts its charset <meta> first, as "meta_http"
    root.header.add_child(data, name="mv-data", index=names.index("meta_http") + 1 if "meta_http" in names else 0)
    root.header.add_child(Element('<meta name="referrer" content="strict-origin-when-cross-origin">'), name="referrer")
    return root.render()
