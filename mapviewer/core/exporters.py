"""The export formats, one entry each: its label, file extension, whether the map must be rendered
(QtWebEngine) and the writer that makes the file's bytes. `mapviewer export` and the window's Export
snapshot both look the format up here and write through `write_export`, so export is written once.

The rendered formats get the picture from their caller as a MapImage (mapviewer.qt.pdf.QtMapImage):
what goes into the file is decided here; Qt only encodes the image and lays out the PDF page.
Importing this module stays cheap (the CLI lists the formats in its --help before it opens a workspace):
the writers import what makes the documents (the workspace's data, the page's Folium map) when they run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from mapviewer.core import atomic
from mapviewer.core.export_args import ExportArgumentError

if TYPE_CHECKING:
    from mapviewer.core.export_data import ReportContent
    from mapviewer.core.filters import Filter, FilterResult
    from mapviewer.core.workspace import Workspace


class MapImage(Protocol):
    """A rendered map, as the rendered formats need it."""

    def png(self) -> bytes: ...

    def pdf(self, content: ReportContent, paper: str, landscape: bool) -> bytes: ...


@dataclass(frozen=True)
class ExportOptions:
    """How to draw the export: the basemap; the extent as `view` (lat, lon, zoom: the window's) or
    `bbox` (W, S, E, N: --bbox), else fit the visible sites; the PDF's paper and orientation."""

    basemap: str = "offline"
    bbox: Sequence[float] | None = None
    view: tuple[float, float, float] | None = None
    paper: str = "a4"
    landscape: bool = True


Writer = Callable[["Workspace", "Filter", "FilterResult", ExportOptions, "MapImage | None"], bytes]


@dataclass(frozen=True)
class Exporter:
    ext: str
    label: str
    renders: bool
    """The map must be rendered by QtWebEngine (the writer gets a MapImage); the others never import Qt."""
    write: Writer
    shows_map: bool = True
    """The file shows the map, so the view and basemap matter (a page or a picture, not the data alone)."""
    aliases: tuple[str, ...] = ()
    """Other extensions that mean this format (".json" is GeoJSON)."""
    print_scale: float = 1.0
    """The smallest device pixel ratio the map is rendered at by default: PDF prints at 2 (~300 dpi
    for the map on A4/Letter)."""

    @property
    def file_filter(self) -> str:
        """The file dialog's filter for this format, e.g. "PNG image (*.png)"."""
        return f"{self.label} (*{self.ext})"

    def render_scale(self, asked: float | None = None, device: float = 1.0) -> float:
        """The device pixel ratio to render at: the one asked for (--scale), else the screen's
        (`device`, the window's) raised to the format's print scale."""
        return float(asked) if asked is not None else max(float(device), self.print_scale)


def _image(image: MapImage | None, ext: str) -> MapImage:
    if image is None:
        raise ValueError(f"{ext} needs the rendered map")
    return image


def _geojson(ws: Workspace, flt: Filter, result: FilterResult, options: ExportOptions, image: MapImage | None) -> bytes:
    from mapviewer.core.export_data import geojson_text  # lazy, as every writer: see the module's doc

    return geojson_text(ws, flt, result).encode("utf-8")


def _kml(ws: Workspace, flt: Filter, result: FilterResult, options: ExportOptions, image: MapImage | None) -> bytes:
    from mapviewer.core.export_data import kml_text

    return kml_text(ws, flt, result).encode("utf-8")


def _html(ws: Workspace, flt: Filter, result: FilterResult, options: ExportOptions, image: MapImage | None) -> bytes:
    from mapviewer.core.export_html import standalone_html

    page = standalone_html(ws, flt, basemap=options.basemap, bbox=options.bbox, view=options.view, result=result)
    return page.encode("utf-8")


def _png(ws: Workspace, flt: Filter, result: FilterResult, options: ExportOptions, image: MapImage | None) -> bytes:
    return _image(image, ".png").png()


def _pdf(ws: Workspace, flt: Filter, result: FilterResult, options: ExportOptions, image: MapImage | None) -> bytes:
    from mapviewer.core.export_data import report_content
    from mapviewer.core.mappage import BASEMAPS

    content = report_content(ws, flt, BASEMAPS[options.basemap], result)
    return _image(image, ".pdf").pdf(content, options.paper, options.landscape)


EXPORTERS: dict[str, Exporter] = {
    e.ext: e
    for e in (
        Exporter(".png", "PNG image", renders=True, write=_png),
        Exporter(".pdf", "PDF report", renders=True, write=_pdf, print_scale=2.0),
        Exporter(".html", "Standalone web page", renders=False, write=_html, aliases=(".htm",)),
        Exporter(".geojson", "GeoJSON (QGIS)", renders=False, write=_geojson, shows_map=False, aliases=(".json",)),
        Exporter(".kml", "KML (Google Earth)", renders=False, write=_kml, shows_map=False),
    )
}
"""Every export format by its extension, in the order menus and messages list them."""

_BY_SUFFIX = {suffix: e for e in EXPORTERS.values() for suffix in (e.ext, *e.aliases)}


def exporter_for(path: str | Path) -> Exporter:
    """The format of an output path from its extension, or ExportArgumentError naming the choices."""
    exporter = _BY_SUFFIX.get(Path(path).suffix.lower())
    if exporter is None:
        raise ExportArgumentError(
            f"cannot export to {Path(path).name!r}: the file name must end in one of {', '.join(EXPORTERS)}"
        )
    return exporter


def known_suffix(path: str | Path) -> bool:
    """Whether the path names a format (its extension or an alias)."""
    return Path(path).suffix.lower() in _BY_SUFFIX


class ExportFailed(Exception):
    """The export could not be completed (the CLI exits 1; the window shows the message)."""


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


def write_export(
    path: Path,
    exporter: Exporter,
    ws: Workspace,
    flt: Filter,
    result: FilterResult,
    options: ExportOptions,
    image: MapImage | None = None,
) -> bytes:
    """Make the file with the format's writer and write it atomically: the old file (or none) stays
    on any failure, which is raised as ExportFailed. Returns what was written."""
    try:
        data = exporter.write(ws, flt, result, options, image)
    except (OSError, ValueError, RuntimeError) as exc:
        raise ExportFailed(f"the {exporter.label} could not be made: {exc}") from exc
    write_atomic(path, data)
    return data
