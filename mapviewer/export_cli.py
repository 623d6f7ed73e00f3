"""`mapviewer export OUT.{png,pdf,html,geojson,kml}`: headless snapshots and briefings of the filtered map.

The arguments fill the same ExportOptions (mapviewer.core.export_options) the window's Export dialog
fills, and the files are made by the same code (mapviewer.qt.export_shots, mapviewer.core.exporters), so
the same options give the same file on both paths.

Exit codes (mapviewer.status): 0 written (the path is printed), 2 bad arguments (one line), 1 the export
failed (render timeout or page error, unwritable folder, disk full). Every file is written atomically, so a
failure leaves the previous file (or none) and no temp file. HTML, GeoJSON and KML never import Qt; PNG and
PDF start QtWebEngine off screen themselves, quietly unless --verbose (mapviewer.qt.quiet).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from mapviewer.core.export_args import ExportArgumentError, check_output, parse_bbox, parse_scale, parse_size
from mapviewer.core.export_options import (
    INCLUDES,
    PRESETS,
    ExportOptions,
    check_dpi,
    check_title,
    parse_include,
    render_plan,
    with_preset,
)
from mapviewer.core.exporters import Exporter, ExportFailed, check_writable, exporter_for, write_export
from mapviewer.status import ExitStatus, UsageError, fail

if TYPE_CHECKING:
    from mapviewer.core.exporters import MapImage
    from mapviewer.core.filters import Filter, FilterResult
    from mapviewer.core.workspace import Workspace

RENDER_TIMEOUT = float(os.environ.get("MAPVIEWER_EXPORT_TIMEOUT", "60"))


def register(p: argparse.ArgumentParser) -> None:
    """The export options (after the filters) on the `export` subcommand."""
    p.add_argument("--title", default="", help="title printed on the briefing, the PNG's caption band and the web page")
    p.add_argument("--subtitle", default="", help="a second line under the title")
    p.add_argument("--bbox", metavar="W,S,E,N", help="map extent (default: fit the filtered sites)")
    p.add_argument("--site", metavar="ID", help="map extent: this site or region (see `mapviewer sites`)")
    p.add_argument("--page", choices=list(PRESETS), metavar="PRESET",
                   help=f"page or picture preset: {', '.join(PRESETS)} (PDF default a4; PNG default --size)")
    p.add_argument("--size", default=None, metavar="WxH", help="PNG size in CSS pixels (default 1600x1000)")
    p.add_argument("--scale", type=float, default=None, help="PNG device pixel ratio (e.g. 2; default 1)")
    p.add_argument("--dpi", type=int, default=200, help="print resolution of a page (PDF, or PNG with a paper --page); default 200")
    p.add_argument("--basemap", default="offline", metavar="NAME", help="basemap layer (default: offline)")
    p.add_argument("--paper", choices=("a4", "letter"), default=None, help="PDF paper (same as --page a4/letter)")
    p.add_argument("--portrait", action="store_true", help="PDF in portrait (default landscape)")
    p.add_argument("--exclude", action="append", metavar="PARTS", help=f"leave out of a briefing: {', '.join(INCLUDES)} (comma-separated)")
    p.add_argument("--verbose", action="store_true", help="show Qt's and Chromium's own log lines")


def options_from_args(ws: Workspace, args: argparse.Namespace, exporter: Exporter) -> ExportOptions:
    """The ExportOptions of the command line; ExportArgumentError names the bad option."""
    from mapviewer.core.mappage import BASEMAPS

    if args.basemap not in BASEMAPS:
        raise ExportArgumentError(f"unknown basemap {args.basemap!r}; choose from: {', '.join(BASEMAPS)}")
    if args.bbox and args.site:
        raise ExportArgumentError("give --bbox or --site, not both")
    if args.site and args.site not in ws.site_by_id:
        raise ExportArgumentError(f"unknown --site {args.site!r} (see `mapviewer sites`)")
    options = ExportOptions(
        basemap=args.basemap,
        title=check_title(args.title, "--title"),
        subtitle=check_title(args.subtitle, "--subtitle"),
        bbox=parse_bbox(args.bbox),
        site=args.site or "",
        extent="bbox" if args.bbox else "site" if args.site else "sites",
        dpi=check_dpi(args.dpi),
        include=frozenset(INCLUDES) - parse_include(args.exclude, "--exclude part"),
    )
    preset = args.page or ((args.paper or "a4") + ("-portrait" if args.portrait else "") if exporter.ext == ".pdf" or args.paper else None)
    if preset:
        options = with_preset(options, preset)
    if args.size is not None:
        from dataclasses import replace

        options = replace(options, size=parse_size(args.size), preset="")
    if args.scale is not None:
        from dataclasses import replace

        options = replace(options, scale=parse_scale(args.scale))
    if exporter.renders:
        size, scale = render_plan(options, exporter.ext)
        check_output(size, scale)
    return options


def run_export(ws: Workspace, args: argparse.Namespace, flt: Filter, out: TextIO, err: TextIO) -> int:
    try:
        exporter = exporter_for(args.out)
        options = options_from_args(ws, args, exporter)
    except ExportArgumentError as exc:
        raise UsageError(str(exc)) from None
    from mapviewer.core.mappage import BASEMAPS

    path = Path(args.out).expanduser().absolute()
    t0 = time.monotonic()
    warning = ""
    try:
        check_writable(path)
        result = ws.filter(flt)
        image = None
        if exporter.renders:
            asked = options.basemap
            image, options = _render(ws, result, options, exporter, verbose=args.verbose, overlays=_flows_overlay(ws, flt))
            if options.basemap != asked:
                warning = f"warning: {BASEMAPS[asked]} tiles did not load (offline?): the offline world map was used\n"
        err.write(warning)
        write_export(path, exporter, ws, flt, result, options, image)
    except ExportFailed as exc:
        return fail(err, exc, ExitStatus.FAILED)
    seconds = time.monotonic() - t0
    shown = image.picture if image is not None and image.picture is not None else result
    out.write(f"wrote {path} ({exporter.label}: {len(shown.site_ids)} sites, {shown.passage_count} passages, {seconds:.1f} s)\n")
    return ExitStatus.OK


def _flows_overlay(ws: Workspace, flt: Filter) -> dict:
    """The flows passing the filter, drawn over the rendered map (core/figure_view.py)."""
    from mapviewer.core.figure_view import page_evidence

    return page_evidence(ws, flt)


def _render(
    ws: Workspace, result: FilterResult, options: ExportOptions, exporter: Exporter, verbose: bool, overlays: dict | None = None
) -> tuple[MapImage, ExportOptions]:
    """The pictures drawn off screen (a QApplication of its own when there is none), quietly unless verbose."""
    from mapviewer.qt import quiet, webenv

    from_here = "PySide6.QtWidgets" not in sys.modules or _no_app()  # a process of its own: make it quiet
    hush = from_here and not verbose
    if hush:
        quiet.quiet_environment()
    webenv.prepare(headless=True)
    from PySide6.QtWidgets import QApplication

    from mapviewer.qt.export_shots import render_export

    if hush:
        quiet.install_handler()
    with quiet.silenced_fd2(hush):
        app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "mapviewer"])
        assert app is not None
        return render_export(ws, result, options, exporter, RENDER_TIMEOUT, overlays=overlays)


def _no_app() -> bool:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() is None
