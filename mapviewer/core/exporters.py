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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from mapviewer.core import atomic
from mapviewer.core.export_args import ExportArgumentError
from mapviewer.core.export_options import ExportOptions

if TYPE_CHECKING:
    from mapviewer.core.export_data import ReportContent
    from mapviewer.core.filters import Filter, FilterResult
    from mapviewer.core.workspace import Workspace


class MapImage(Protocol):
    """A rendered map, as the rendered formats need it: the picture, what is inside it, and how to
    lay it out as a PNG (with a caption band when titled) or a PDF briefing."""

    @property
    def picture(self) -> FilterResult | None:
        """The filtered sites and passages inside the picture's bounds (None: all of them)."""

    @property
    def flows(self) -> int | None:
        """How many flows the picture shows (None: it draws no flows)."""

    def png(self, content: ReportContent, options: ExportOptions) -> bytes: ...

    def pdf(self, content: ReportContent, options: ExportOptions) -> bytes: ...


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

    @property
    def file_filter(self) -> str:
        """The file dialog's filter for this format, e.g. "PNG image (*.png)"."""
        return f"{self.label} (*{self.ext})"


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
    from mapviewer.core.export_extent import in_picture
    from mapviewer.core.export_html import standalone_html

    bbox = extent_box(ws, options)
    shown = in_picture(ws, result, bbox) if options.view is None else result  # the legend counts the extent's sites
    page = standalone_html(ws, flt, basemap=options.basemap, bbox=bbox, view=options.view, result=shown,
                           title=options.title or None, subtitle=options.subtitle)
    return page.encode("utf-8")


def _content(ws: Workspace, flt: Filter, result: FilterResult, options: ExportOptions, image: MapImage) -> ReportContent:
    """The briefing's text over what is in the picture."""
    from mapviewer.core.export_data import report_content
    from mapviewer.core.mappage import BASEMAPS

    return report_content(ws, flt, BASEMAPS[options.basemap], image.picture or result,
                          title=options.title, subtitle=options.subtitle, basemap=options.basemap, flows=image.flows)


def _png(ws: Workspace, flt: Filter, result: FilterResult, options: ExportOptions, image: MapImage | None) -> bytes:
    image = _image(image, ".png")
    return image.png(_content(ws, flt, result, options, image), options)


def _pdf(ws: Workspace, flt: Filter, result: FilterResult, options: ExportOptions, image: MapImage | None) -> bytes:
    image = _image(image, ".pdf")
    return image.pdf(_content(ws, flt, result, options, image), options)


def extent_box(ws: Workspace, options: ExportOptions) -> tuple[float, float, float, float] | None:
    """The bounding box the export shows: --bbox, or a named site's or region's shape with room
    around it; None for the window's view and for fitting every filtered site."""
    kind = options.extent_kind
    if kind == "site":
        from mapviewer.core.export_extent import site_extent

        try:
            return site_extent(ws, options.site)
        except KeyError:
            raise ExportArgumentError(f"unknown site {options.site!r} for the extent (see `mapviewer sites`)") from None
    if kind == "bbox" and options.bbox is not None:
        w, s, e, n = (float(v) for v in options.bbox)
        return w, s, e, n
    return None


EXPORTERS: dict[str, Exporter] = {
    e.ext: e
    for e in (
        Exporter(".png", "PNG image", renders=True, write=_png),
        Exporter(".pdf", "PDF briefing", renders=True, write=_pdf),
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
