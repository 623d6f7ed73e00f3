"""Build the map page once with Folium: the Leaflet map, the online tile layers and one data layer.

Sites are not Folium objects (one Python object and one template render per marker does not scale);
they are one JSON document drawn by assets/map/mapviewer.js. Filtering later only flips visibility in
the page. All scripts are served from an asset base URL (the app's own scheme, or inlined for export),
and a Content-Security-Policy allows only those scripts and the page's own inline ones, by hash.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mapviewer import __version__, paths
from mapviewer.core import assets, datacache
from mapviewer.core.gcpause import gc_paused
from mapviewer.core.inline_styles import inline_styles, style_files
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.package_version import version_bytes

if TYPE_CHECKING:
    from mapviewer.core.workspace import Workspace

# Online layers, offered beside the offline basemap; ids are what the UI and `--basemap` use. The
# providers are named, not imported: xyzservices is only needed where the page shell is rendered, and
# importing it costs the window's start-up about 30 ms.
ONLINE_BASEMAPS: dict[str, tuple[str, str]] = {
    "osm": ("OpenStreetMap", "OpenStreetMap.Mapnik"),
    "satellite": ("Esri World Imagery (satellite)", "Esri.WorldImagery"),
    "topo": ("OpenTopoMap (terrain)", "OpenTopoMap"),
    "light": ("Esri World Light Gray", "Esri.WorldGrayCanvas"),
}
OFFLINE_BASEMAP = ("offline", "Offline world map (Natural Earth)")
BASEMAPS: dict[str, str] = {OFFLINE_BASEMAP[0]: OFFLINE_BASEMAP[1], **{k: v[0] for k, v in ONLINE_BASEMAPS.items()}}


DATA_PLACEHOLDER = "@@MAPVIEWER_DATA_JSON@@"
_SHELLS: dict[str, tuple[str, str]] = {}
SHELL_KIND = "page-shell"
SHELL_VERSION = 1
SHELLS_KEEP_BYTES = 16 * 2**20
"""The shells used least recently go beyond this (one is about 6 kB: there is room for every
combination of host, basemap and options the app makes)."""


def page_shell(asset_base: str, extra_scripts: tuple[str, ...], basemap: str, options: dict, fetches: bool = False) -> tuple[str, str]:
    """The page around the data (Leaflet map, tile layers, bootstrap, CSP), split where the data goes.

    Why cached: it does not depend on the workspace, and rendering it means importing Folium (about a
    quarter of a second of the window's start-up). Kept per process and in the user cache folder
    (datacache: authenticated, so a script planted in a cached shell is never served), found by a
    digest of everything it depends on; a missing, damaged or foreign cache file is rendered again.
    """
    args = json.dumps([asset_base, extra_scripts, basemap, options, fetches], sort_keys=True, default=str)
    digest = datacache.Digest(SHELL_KIND).text(__version__, args, _SHELL_SOURCES).hexdigest() or ""
    key = digest[:24]
    if key in _SHELLS:
        return _SHELLS[key]
    path = paths.cache_dir() / "page" / f"shell-{key}.cache"
    shell = _read_shell(path, digest)
    if shell is None:
        # Stylesheets inline: each would be a request the window's GUI thread answers while it builds the
        # window, and the page's scripts wait for the stylesheets before them (start-up waited ~0.1 s).
        html = with_csp(inline_styles(render_shell(asset_base, extra_scripts, basemap, options), asset_base), asset_base, fetches)
        shell = split_at_data(html)
        datacache.write(path, SHELL_KIND, SHELL_VERSION, digest, json.dumps({"head": shell[0], "tail": shell[1]}).encode(),
                        keep_bytes=SHELLS_KEEP_BYTES)  # fmt: skip
    _SHELLS[key] = shell
    return shell


def render_shell(asset_base: str, extra_scripts: tuple[str, ...], basemap: str, options: dict) -> str:
    """The page rendered now with Folium (imported here: only when no cached shell will do), with
    DATA_PLACEHOLDER where the data goes and no CSP yet."""
    from mapviewer.core.pageshell import render_shell as render

    return render(asset_base, extra_scripts, basemap, options, DATA_PLACEHOLDER, ONLINE_BASEMAPS)


def split_at_data(html: str) -> tuple[str, str]:
    """A rendered page (no data in it yet) split where the data goes."""
    if html.count(DATA_PLACEHOLDER) != 1:
        raise RuntimeError("map page template: data placeholder missing or repeated")
    head, tail = html.split(DATA_PLACEHOLDER)
    return head, tail


def _read_shell(path: Path, digest: str) -> tuple[str, str] | None:
    body = datacache.read(path, SHELL_KIND, SHELL_VERSION, digest) if digest else None
    if body is None:
        return None
    try:
        data = json.loads(str(body, "utf-8"))
    except ValueError:
        return None
    if not (isinstance(data, dict) and isinstance(data.get("head"), str) and isinstance(data.get("tail"), str)):
        return None
    head, tail = data["head"], data["tail"]
    if "Content-Security-Policy" not in head or "window.mapviewer.init" not in tail or DATA_PLACEHOLDER in head + tail:
        return None
    return head, tail


def _sources_digest() -> str:
    """What the shell is made from besides the arguments: the renderer, the asset lists, Folium's version.

    Folium's version is read from its own _version.py (found, not imported), not from importlib.metadata,
    whose import and distribution scan cost the window's start-up about 20 ms.
    """
    d = datacache.Digest(SHELL_KIND).file(Path(__file__).with_name("pageshell.py")).file(Path(__file__))
    for name in assets.PAGE_STYLES:  # inlined into the shell (inline_styles), with the images they name
        for path in style_files(name):
            d = d.file(path)
    return d.text(json.dumps([assets.SERVED_SCRIPTS, assets.PAGE_STYLES]), version_bytes("folium")).hexdigest() or ""


_SHELL_SOURCES = _sources_digest()


def build_page(
    ws: Workspace,
    asset_base: str = "app://map/assets/",
    extra_scripts: Sequence[str] = (),
    basemap: str = "offline",
    options: dict | None = None,
    embed_passages: bool = True,
) -> str:
    """The complete HTML of the map page for a workspace, its data inside (exports, the PNG renderer).

    `embed_passages=False` leaves the passages' text out of the page: it asks the host for a site's
    passages over the QWebChannel bridge when its popup opens (`mapdata.site_passages`). A page without
    a bridge (the standalone export, the PNG renderer) must embed them, which is the default."""
    head, tail = page_shell(asset_base, tuple(extra_scripts), _checked(basemap), options or {})
    # The policy does not depend on the data (a JSON <script> is not hashed): it is in the shell, and the
    # data is joined in last, so the tens of MB of JSON are copied once, not once per step.
    return "".join((head, page_data(ws, embed_passages), tail))


def fetching_page(
    data_url: str,
    asset_base: str = "app://map/assets/",
    extra_scripts: Sequence[str] = (),
    basemap: str = "offline",
    options: dict | None = None,
) -> str:
    """The map page without its data: the page script fetches `data_url` (under app://map/data/, the
    only place the page's policy lets it fetch from) and draws the sites when it arrives. The shell
    does not depend on the URL, so every load of it comes from the shell cache.

    Why: the window loads this before the workspace is open, so the page's scripts, the map and the
    basemap are ready by the time the data is (start-up does both at once instead of one after the
    other)."""
    if not _DATA_URL.fullmatch(data_url):
        raise ValueError(f"data URL {data_url!r}: expected {DATA_PREFIX}NAME.json[?v=N]")
    head, tail = page_shell(asset_base, tuple(extra_scripts), _checked(basemap), options or {}, fetches=True)
    return "".join((head, json.dumps({"fetch": data_url}), tail))  # plain characters only (checked above)


def page_data(ws: Workspace, embed_passages: bool = True) -> str:
    """The page's data as JSON, safe inside a <script> element and valid as a fetched document.

    Without passages (the window) it is all ASCII: half the memory while it is built (see
    mapdata.to_script_json)."""
    from mapviewer.core.mapdata import payload, to_script_json  # numpy: not needed for the page shell

    with gc_paused():
        return to_script_json(payload(ws, passages=embed_passages), ascii_only=not embed_passages)


def _checked(basemap: str) -> str:
    if basemap not in BASEMAPS:
        raise ValueError(f"unknown basemap {basemap!r}; choose from: {', '.join(BASEMAPS)}")
    return basemap


DATA_PREFIX = "app://map/data/"
_DATA_URL = lazy_compile(re.escape(DATA_PREFIX) + r"[A-Za-z0-9_-]+\.json(?:\?v=[0-9]+)?")
_INLINE_SCRIPT = lazy_compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S | re.I)


def with_csp(html: str, asset_base: str = "", fetches: bool = False) -> str:
    """Add a Content-Security-Policy that admits the page's own inline scripts by hash and nothing
    injected later: if escaping ever failed, an injected script still would not run. `html` must be
    a page this process rendered (never one read back from a file). The page may fetch nothing, or
    (`fetches`) only its own data under DATA_PREFIX (see fetching_page)."""
    return after_charset(html, csp_meta(inline_scripts(html), asset_base, fetches))


def inline_scripts(html: str) -> list[str]:
    """The text of each inline script of `html` that runs (not JSON data blocks)."""
    return _INLINE_SCRIPT.findall(html)


def csp_meta(scripts: Iterable[str], asset_base: str = "", fetches: bool = False) -> str:
    """The <meta> policy admitting exactly `scripts` inline (by hash) and scripts from `asset_base`'s origin."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'" for s in scripts
    )
    origin = re.match(r"^[a-z]+://[^/]+/", asset_base)
    sources = f"{origin.group(0)} qrc:" if origin else ""
    connect = DATA_PREFIX if fetches else "'none'"
    policy = (
        f"default-src 'none'; script-src {sources} {hashes}; style-src {sources} 'unsafe-inline'; "
        f"img-src {sources} https: data: blob:; font-src {sources} data:; connect-src {connect}; "
        "frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
    )
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'


_CHARSET = lazy_compile(r"<head>\s*<meta http-equiv=\"content-type\"[^>]*>|<head>", re.I)


def after_charset(html: str, markup: str) -> str:
    """`markup` inserted right after the page's charset declaration (first in its <head>), or at the
    start of the <head>: the charset stays within the first 1024 bytes, where a browser opening a
    saved file looks for it, whatever comes after it."""
    return _CHARSET.sub(lambda m: m.group(0) + "\n    " + markup, html, count=1)
