"""`mapviewer export OUT.{png,pdf,html,geojson,kml}`: headless snapshots of the filtered map.

Exit codes (mapviewer.status): 0 written (the path is printed), 2 bad arguments (one line), 1 the export
failed (render timeout or page error, unwritable folder, disk full). Every file is written atomically, so a failure
leaves the previous file (or none) and no temp file. HTML, GeoJSON and KML never import Qt; PNG and
PDF start QtWebEngine off screen themselves. The formats and their writers are mapviewer.core.exporters,
shared with the window's Export snapshot.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from mapviewer.core.export_args import ExportArgumentError, check_output, parse_bbox, parse_scale, parse_size
from mapviewer.core.exporters import ExportFailed, ExportOptions, MapImage, check_writable, exporter_for, write_export
from mapviewer.core.filters import Filter, FilterResult
from mapviewer.core.mappage import BASEMAPS
from mapviewer.core.workspace import Workspace
from mapviewer.status import ExitStatus, UsageError, fail

PARSER_DEFAULT_SIZE = "1600x1000"  # cli.py's --size default
PORTRAIT_SIZE = (1100, 1250)
RENDER_TIMEOUT = float(os.environ.get("MAPVIEWER_EXPORT_TIMEOUT", "60"))


def run_export(ws: Workspace, args: argparse.Namespace, flt: Filter, out: TextIO, err: TextIO) -> int:
    try:
        exporter = exporter_for(args.out)
        if args.basemap not in BASEMAPS:
            raise ExportArgumentError(f"unknown basemap {args.basemap!r}; choose from: {', '.join(BASEMAPS)}")
        size = parse_size(args.size)
        scale = exporter.render_scale(None if args.scale is None else parse_scale(args.scale))
        check_output(size, scale)
        bbox = parse_bbox(args.bbox)
    except ExportArgumentError as exc:
        raise UsageError(str(exc)) from None

    if exporter.ext == ".pdf" and args.portrait and args.size == PARSER_DEFAULT_SIZE:
        size = PORTRAIT_SIZE  # fill a portrait page rather than a landscape strip on top of it
    path = Path(args.out).expanduser().absolute()
    options = ExportOptions(basemap=args.basemap, bbox=bbox, paper=args.paper, landscape=not args.portrait)
    t0 = time.monotonic()
    try:
        check_writable(path)
        result = ws.filter(flt)
        image = None
        if exporter.renders:
            image, options = _render(ws, result, size, scale, options, err, _flows_overlay(ws, flt))
        write_export(path, exporter, ws, flt, result, options, image)
    except ExportFailed as exc:
        return fail(err, exc, ExitStatus.FAILED)
    seconds = time.monotonic() - t0
    out.write(f"wrote {path} ({exporter.label}: {len(result.site_ids)} sites, {result.passage_count} passages, {seconds:.1f} s)\n")
    return ExitStatus.OK


def _flows_overlay(ws: Workspace, flt: Filter) -> dict:
    """The flows passing the filter, drawn over the rendered map (core/figure_view.py)."""
    from mapviewer.core.figure_view import page_evidence

    return page_evidence(ws, flt)


def _render(
    ws: Workspace, result: FilterResult, size: tuple[int, int], scale: float, options: ExportOptions, err: TextIO,
    overlays: dict | None = None,
) -> tuple[MapImage, ExportOptions]:
    """The map drawn off screen (a QApplication of its own when there is none), and the options with
    the basemap it was drawn on (the offline map when the online tiles did not load)."""
    from mapviewer.qt import webenv

    webenv.prepare(headless=True)
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from mapviewer.qt.pdf import QtMapImage
    from mapviewer.qt.render import RenderError, render_image

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "mapviewer"])
    assert app is not None
    try:
        image, state = render_image(ws, result, size, scale, options.basemap, options.bbox, None, RENDER_TIMEOUT, overlays)
    except RenderError as exc:
        raise ExportFailed(f"the map could not be rendered: {exc}") from exc
    finally:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if state.get("basemap") != options.basemap:
        err.write(f"warning: {BASEMAPS[options.basemap]} tiles did not load (offline?): the offline world map was used\n")
        used = state.get("basemap")
        options = replace(options, basemap=used if isinstance(used, str) and used in BASEMAPS else "offline")
    return QtMapImage(image), options

