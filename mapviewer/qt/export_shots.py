"""Every picture one export needs, rendered off screen by the one renderer (mapviewer.qt.render): the
main map, and for a PDF briefing an inset per crowded spot (Korea, Donbas) and an overview map when the
extent is small. The window and `mapviewer export` both call `render_export`, so the same options give
the same pictures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QEvent

from mapviewer.core.export_data import ReportContent
from mapviewer.core.export_extent import Box, crowds, is_small, overview_box
from mapviewer.core.export_options import ExportOptions, render_plan
from mapviewer.core.exporters import Exporter, ExportFailed, extent_box
from mapviewer.core.filters import FilterResult
from mapviewer.core.mappage import BASEMAPS
from mapviewer.core.workspace import Workspace
from mapviewer.qt.export_caption import compose_png
from mapviewer.qt.export_picture import Shot, Shots
from mapviewer.qt.pdf_briefing import compose_briefing
from mapviewer.qt.render import MapRenderer, RenderError, run_sync

PICTURE_HIDES = (".leaflet-control-layers-selector",)
"""A PNG keeps the Flows box as the key to the arrows (width, colour, dashes) but not its checkbox: nothing
in a picture can be clicked."""
PDF_HIDES = (".mv-legend", ".leaflet-control-attribution", ".leaflet-control-scale", ".leaflet-control-layers")
"""The page's own legend, attribution, scale and layer box: a briefing prints what it needs once, itself (an inset
is too small to carry the layer box)."""
INSET_CSS = (270, 200)
OVERVIEW_CSS = (230, 160)


class RenderedMap(Shots):
    """The pictures as the PNG and PDF writers take them (mapviewer.core.exporters.MapImage)."""

    def png(self, content: ReportContent, options: ExportOptions) -> bytes:
        return compose_png(self, content, options)

    def pdf(self, content: ReportContent, options: ExportOptions) -> bytes:
        return compose_briefing(self, content, options)


def shoot(
    ws: Workspace,
    result: FilterResult,
    size: tuple[int, int],
    scale: float,
    options: ExportOptions,
    bbox: Box | None,
    view: tuple[float, float, float] | None,
    timeout: float,
    hide: tuple[str, ...] = (),
    started: Callable[[MapRenderer], None] | None = None,
    overlays: dict | None = None,
) -> Shot:
    """Render one picture synchronously; RenderError on failure. `started` gets the renderer (to cancel it)."""
    renderer = MapRenderer(ws, result, size, scale, options.basemap, bbox, view, timeout, picture_legend=True, hide=hide, overlays=overlays)
    if started is not None:
        started(renderer)
    try:
        image = run_sync(renderer)
    finally:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    state = renderer.state
    center = state.get("center") or [0.0, 0.0]
    used = state.get("basemap")
    return Shot(image, size, (float(center[0]), float(center[1])), float(state.get("zoom") or 0), renderer.bounds,
                renderer.picture, used if isinstance(used, str) and used in BASEMAPS else "offline", renderer.flows)


def render_export(
    ws: Workspace,
    result: FilterResult,
    options: ExportOptions,
    exporter: Exporter,
    timeout: float = 60.0,
    device: float = 1.0,
    progress: Callable[[str], None] | None = None,
    started: Callable[[MapRenderer], None] | None = None,
    overlays: dict | None = None,
) -> tuple[RenderedMap, ExportOptions]:
    """The pictures for a PNG or PDF and the options with the basemap they were drawn on (the offline map
    when online tiles did not load). Raises ExportFailed."""
    say = progress or (lambda _text: None)
    size, scale = render_plan(options, exporter.ext, device)
    briefing = exporter.ext == ".pdf"
    bbox = extent_box(ws, options)
    view = options.view if options.extent_kind == "view" else None
    try:
        say("Rendering the map…")
        main = shoot(ws, result, size, scale, options, bbox, view, timeout, PDF_HIDES if briefing else PICTURE_HIDES, started, overlays)
        shots = RenderedMap(main, ws=ws)
        if briefing and main.bounds is not None:
            if options.wants("insets"):
                for crowd in crowds(ws, main.picture.site_ids, main.zoom)[:2]:
                    say(f"Rendering the inset of {crowd.name}…")
                    shots.insets.append((crowd, shoot(ws, result, INSET_CSS, scale, options, crowd.box, None, timeout, PDF_HIDES, started, overlays)))
            if options.wants("overview") and is_small(main.bounds):
                say("Rendering the overview map…")
                shots.overview = shoot(ws, result, OVERVIEW_CSS, scale, options, overview_box(main.bounds), None, timeout, PDF_HIDES, started, overlays)
    except RenderError as exc:
        raise ExportFailed(f"the map could not be rendered: {exc}") from exc
    if main.basemap != options.basemap:
        options = replace(options, basemap=main.basemap)
    return shots, options
