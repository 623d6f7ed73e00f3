"""`mapviewer export OUT.{png,pdf,html,geojson,kml}`: headless snapshots of the filtered map.

Exit codes (mapviewer.status): 0 written (the path is printed), 2 bad arguments (one line), 1 the export
failed (render timeout or page error, unwritable folder, disk full). Every file is written atomically, so a failure
leaves the previous file (or none) and no temp file. HTML, GeoJSON and KML never import Qt; PNG and
PDF start QtWebEngine off screen themselves.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import TextIO

from mapviewer.core import atomic
from mapviewer.core.export_data import (
    FORMATS,
    RENDERED,
    ExportArgumentError,
    check_output,
    export_format,
    geojson_text,
    kml_text,
    parse_bbox,
    parse_scale,
    parse_size,
    report_content,
)
from mapviewer.core.filters import Filter
from mapviewer.core.mappage import BASEMAPS
from mapviewer.core.workspace import Workspace
from mapviewer.status import ExitStatus, UsageError, fail

PARSER_DEFAULT_SIZE = "1600x1000"  # cli.py's --size default
PORTRAIT_SIZE = (1100, 1250)
RENDER_TIMEOUT = float(os.environ.get("MAPVIEWER_EXPORT_TIMEOUT", "60"))


class ExportFailed(Exception):
    """The export could not be completed (exit code 1)."""


def check_writable(path: Path) -> None:
    """Fail early, before a long render, when the output folder cannot take the file."""
    folder = path.parent
    if not folder.exists():
        raise ExportFailed(f"cannot write {path}: folder {folder} does not exist")
    if not folder.is_dir():
        raise ExportFailed(f"cannot write {path}: {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportFailed(f"cannot write {path}: folder {folder} is not writable")
    if path.is_dir():
        raise ExportFailed(f"cannot write {path}: it is a folder")


def write_atomic(path: Path, data: bytes) -> None:
    """Write via mapviewer.core.atomic, turning OS errors into one-line export failures."""
    try:
        atomic.write_bytes(path, data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ExportFailed(f"cannot write {path}: {reason}") from exc


def run_export(ws: Workspace, args: argparse.Namespace, flt: Filter, out: TextIO, err: TextIO) -> int:
    try:
        fmt = export_format(args.out)
        if args.basemap not in BASEMAPS:
            raise ExportArgumentError(f"unknown basemap {args.basemap!r}; choose from: {', '.join(BASEMAPS)}")
        size = parse_size(args.size)
        scale = parse_scale(args.scale)
        check_output(size, max(scale, 2.0) if fmt == ".pdf" and scale == 1.0 else scale)
        bbox = parse_bbox(args.bbox)
    except ExportArgumentError as exc:
        raise UsageError(str(exc)) from None

    if fmt == ".pdf" and args.portrait and args.size == PARSER_DEFAULT_SIZE:
        size = PORTRAIT_SIZE  # fill a portrait page rather than a landscape strip on top of it
    path = Path(args.out).expanduser().absolute()
    t0 = time.monotonic()
    try:
        check_writable(path)
        result = ws.filter(flt)
        if fmt == ".geojson":
            write_atomic(path, geojson_text(ws, flt, result).encode("utf-8"))
        elif fmt == ".kml":
            write_atomic(path, kml_text(ws, flt, result).encode("utf-8"))
        elif fmt == ".html":
            from mapviewer.core.export_html import standalone_html

            write_atomic(path, standalone_html(ws, flt, basemap=args.basemap, bbox=bbox, result=result).encode("utf-8"))
        else:
            _rendered(ws, flt, result, fmt, path, size, scale, bbox, args, err)
    except ExportFailed as exc:
        return fail(err, exc, ExitStatus.FAILED)
    seconds = time.monotonic() - t0
    out.write(f"wrote {path} ({FORMATS[fmt]}: {len(result.site_ids)} sites, {result.passage_count} passages, {seconds:.1f} s)\n")
    return ExitStatus.OK


def _rendered(ws, flt, result, fmt, path, size, scale, bbox, args, err: TextIO) -> None:
    assert fmt in RENDERED
    from mapviewer.qt import webenv

    webenv.prepare(headless=True)
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from mapviewer.qt.pdf import compose_pdf, image_png_bytes
    from mapviewer.qt.render import RenderError, render_image

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "mapviewer"])
    assert app is not None
    try:
        if fmt == ".pdf" and scale == 1.0:
            scale = 2.0  # print resolution: ~300 dpi for the map on A4/Letter
        image, state = render_image(ws, result, size, scale, args.basemap, bbox, None, RENDER_TIMEOUT)
    except RenderError as exc:
        raise ExportFailed(f"the map could not be rendered: {exc}") from exc
    finally:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if state.get("basemap") != args.basemap:
        err.write(f"warning: {BASEMAPS[args.basemap]} tiles did not load (offline?): the offline world map was used\n")
        args.basemap = state.get("basemap") if state.get("basemap") in BASEMAPS else "offline"
    if fmt == ".png":
        write_atomic(path, image_png_bytes(image))
    else:
        content = report_content(ws, flt, BASEMAPS[args.basemap], result)
        write_atomic(path, compose_pdf(image, content, args.paper, landscape=not args.portrait))
