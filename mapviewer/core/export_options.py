"""The export options: ONE Qt-free object that the window's Export dialog and `mapviewer export` both
fill, so the same options make the same file on both paths.

What is in it: the basemap; a title and subtitle; the extent (the window's current view, all filtered
sites, one named site or region, or a bounding box); the page (A4 or Letter, landscape or portrait) or a
pixel size, with presets, and the DPI a page is printed at; and what to include (legend, scale bar,
north arrow, site table, citations, overview inset, insets where sites crowd).

Sizes: a paper preset lays the map out at 96 CSS pixels per inch and renders it at DPI/96, so the map's
11 px labels print at 8.25 pt whatever the DPI; a pixel preset is the image's size in CSS pixels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from mapviewer.core.export_args import ExportArgumentError

CSS_DPI = 96.0
"""CSS pixels per printed inch: the map's 11 px labels print at 8.25 pt."""

PAPERS_MM = {"a4": (297.0, 210.0), "letter": (279.4, 215.9)}
"""Paper sizes, landscape (width, height) in millimetres."""


@dataclass(frozen=True)
class Preset:
    key: str
    label: str
    paper: str | None = None
    landscape: bool = True
    pixels: tuple[int, int] | None = None


PRESETS: dict[str, Preset] = {
    p.key: p
    for p in (
        Preset("a4", "A4 landscape", paper="a4", landscape=True),
        Preset("a4-portrait", "A4 portrait", paper="a4", landscape=False),
        Preset("letter", "Letter landscape", paper="letter", landscape=True),
        Preset("letter-portrait", "Letter portrait", paper="letter", landscape=False),
        Preset("1920x1080", "1920 × 1080 (screen)", pixels=(1920, 1080)),
        Preset("square", "Square 1600 × 1600", pixels=(1600, 1600)),
    )
}
"""Page and pixel presets, in the order the dialog lists them."""

INCLUDES: dict[str, str] = {
    "legend": "Legend",
    "scalebar": "Scale bar",
    "north": "North arrow",
    "table": "Site table",
    "citations": "Citations",
    "overview": "Overview inset (small extents)",
    "insets": "Insets where sites crowd",
}
"""What a briefing can include, by key (the CLI's --include/--exclude names), with the dialog's label."""

EXTENTS = ("sites", "view", "site", "bbox")
"""All filtered sites; the window's current view; one named site or region; a bounding box."""

MIN_DPI, MAX_DPI = 72, 600


@dataclass(frozen=True)
class ExportOptions:
    """Everything that decides an export's file, besides the filter and the workspace.

    `extent` says which of `view` (lat, lon, zoom: the window's), `site` (a site id) or `bbox`
    (W, S, E, N) applies; "sites" fits every filtered site. `preset` is a key of PRESETS or "" for
    `size` (CSS pixels, PNG) with `scale`; `dpi` prints a paper preset."""

    basemap: str = "offline"
    bbox: Sequence[float] | None = None
    view: tuple[float, float, float] | None = None
    paper: str = "a4"
    landscape: bool = True
    title: str = ""
    subtitle: str = ""
    extent: str = ""
    site: str = ""
    preset: str = ""
    size: tuple[int, int] | None = None
    scale: float | None = None
    dpi: int = 200
    include: frozenset[str] = field(default_factory=lambda: frozenset(INCLUDES))

    @property
    def extent_kind(self) -> str:
        """The extent in force: the one asked for, else what the given fields imply."""
        if self.extent:
            return self.extent
        if self.view is not None:
            return "view"
        if self.bbox is not None:
            return "bbox"
        if self.site:
            return "site"
        return "sites"

    def wants(self, part: str) -> bool:
        return part in self.include

    def page_mm(self) -> tuple[float, float]:
        """The paper's (width, height) in mm in the chosen orientation."""
        w, h = PAPERS_MM[self.paper]
        return (w, h) if self.landscape else (h, w)


def with_preset(options: ExportOptions, key: str) -> ExportOptions:
    """The options with a preset's paper/orientation or pixel size."""
    from dataclasses import replace

    preset = PRESETS.get(key)
    if preset is None:
        raise ExportArgumentError(f"unknown --page {key!r}; choose from: {', '.join(PRESETS)}")
    if preset.paper:
        return replace(options, preset=key, paper=preset.paper, landscape=preset.landscape, size=None)
    return replace(options, preset=key, size=preset.pixels)


def parse_include(names: Sequence[str] | None, what: str) -> frozenset[str]:
    """--include/--exclude values (comma-separated or repeated), checked against INCLUDES."""
    out: set[str] = set()
    for chunk in names or ():
        for name in (n.strip() for n in chunk.split(",")):
            if not name:
                continue
            if name not in INCLUDES:
                raise ExportArgumentError(f"unknown {what} {name!r}; choose from: {', '.join(INCLUDES)}")
            out.add(name)
    return frozenset(out)


def check_dpi(dpi: int) -> int:
    if not (MIN_DPI <= int(dpi) <= MAX_DPI):
        raise ExportArgumentError(f"bad --dpi {dpi!r}: expected {MIN_DPI} to {MAX_DPI}")
    return int(dpi)


def check_title(text: str, option: str) -> str:
    """A title as typed: one line, at most 200 characters."""
    text = " ".join(str(text or "").split())
    if len(text) > 200:
        raise ExportArgumentError(f"{option} is too long ({len(text)} characters; at most 200)")
    return text


def paper_map_size(box_mm: tuple[float, float], dpi: int) -> tuple[tuple[int, int], float]:
    """A box on paper (mm) as the map's CSS size (at CSS_DPI) and the render scale that prints it at `dpi`."""
    w = max(200, round(box_mm[0] / 25.4 * CSS_DPI))
    h = max(150, round(box_mm[1] / 25.4 * CSS_DPI))
    return (w, h), dpi / CSS_DPI


# ---- the layout both paths share ----------------------------------------------------------------

PDF_MARGIN_MM = 8.0
PDF_HEADER_MM = 17.0
PDF_FOOTER_MM = 6.0
CAPTION_CSS = 74
"""The PNG caption band's height in CSS pixels (title, filter line, date and attribution)."""
DEFAULT_PIXELS = (1600, 1000)


def pdf_map_box_mm(options: ExportOptions) -> tuple[float, float]:
    """The map's box on page 1 (mm): the page inside its margins, below the heading, above the footer."""
    w, h = options.page_mm()
    return w - 2 * PDF_MARGIN_MM, h - 2 * PDF_MARGIN_MM - PDF_HEADER_MM - PDF_FOOTER_MM


def captioned(options: ExportOptions) -> bool:
    """A PNG gets a caption band when it has a title."""
    return bool(options.title)


def render_plan(options: ExportOptions, ext: str, device: float = 1.0) -> tuple[tuple[int, int], float]:
    """The map's CSS size and render scale for a format: a PDF's map fills its page's map box at the DPI;
    a PNG is its pixel size (less the caption band when titled) at `scale` (else the screen's), or a
    paper preset at the DPI."""
    if ext == ".pdf":
        return paper_map_size(pdf_map_box_mm(options), options.dpi)
    if options.size is None and options.preset in PRESETS and PRESETS[options.preset].paper:
        (w, h), scale = paper_map_size(options.page_mm(), options.dpi)
    else:
        (w, h), scale = options.size or DEFAULT_PIXELS, (options.scale if options.scale is not None else max(1.0, device))
    if captioned(options):
        h = max(150, h - CAPTION_CSS)
    return (w, h), scale
