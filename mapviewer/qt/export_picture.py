"""The pictures of one export and where each looks (data only): what the PNG caption, the PDF briefing and
the dialog's preview compose, whoever rendered them (mapviewer.qt.export_shots)."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QImage

from mapviewer.core.export_extent import Box, Crowd
from mapviewer.core.filters import FilterResult
from mapviewer.core.workspace import Workspace


@dataclass
class Shot:
    """One rendered picture and where it looks: enough to place things on it (overlays, scale bar)."""

    image: QImage
    size: tuple[int, int]
    """CSS pixels."""
    center: tuple[float, float]
    zoom: float
    bounds: Box | None
    picture: FilterResult
    basemap: str
    flows: int | None = None
    """How many flows the picture shows (None: it draws no flows)."""


@dataclass
class Shots:
    """The pictures of one export: the main map, the insets with the crowd each shows, the overview."""

    main: Shot
    insets: list[tuple[Crowd, Shot]] = field(default_factory=list)
    overview: Shot | None = None
    ws: Workspace | None = None

    @property
    def picture(self) -> FilterResult:
        return self.main.picture

    @property
    def flows(self) -> int | None:
        return self.main.flows
