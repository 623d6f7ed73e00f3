"""Plain data records shared by every layer; frozen so filters and views can hold them safely, and
slotted because a large workspace holds hundreds of thousands of them."""

from __future__ import annotations

import math
import struct
from array import array
from dataclasses import InitVar, dataclass, field
from typing import TYPE_CHECKING, Any

CERTAINTIES: tuple[str, ...] = (
    "confirmed",
    "reported",
    "alleged",
    "speculative",
    "historical",
    "context",
)
"""Ordered strongest first: a site's colour is its strongest certainty among the shown passages."""

TOPICS: dict[str, str] = {
    "underground": "Underground facilities",
    "tunnelling": "Tunnelling and tunnel warfare",
    "weapons": "Drone and weapons production",
    "deployment": "Troop and labour deployment",
    "reconstruction": "Reconstruction and demining",
    "combat": "Combat",
    "diplomacy": "Diplomacy and alliance",
}
NO_TOPIC = "none"
"""Pseudo-topic for mentions the rules gave no topic, so unticking every real topic can hide them."""
TOPIC_CHOICES: tuple[str, ...] = (*TOPICS, NO_TOPIC)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of article text; offsets are into the article's full text so passages can be pointed to.

    `source` is the article's whole text (the same string object, not a copy) and `text` is sliced from
    it on demand, so a loaded corpus holds each article's text once instead of twice.
    """

    index: int
    start: int
    end: int
    source: str = field(repr=False)
    kind: str = "body"  # body | heading | caption | title | preview | boilerplate

    @property
    def text(self) -> str:
        return self.source[self.start : self.end]

    @property
    def is_passage(self) -> bool:
        """Previews repeat later paragraphs and boilerplate is page chrome: neither may carry mentions."""
        return self.kind in ("body", "heading", "caption")


PARAGRAPH_KINDS: tuple[str, ...] = ("body", "heading", "caption", "title", "preview", "boilerplate")
_KIND_CODE = {k: i for i, k in enumerate(PARAGRAPH_KINDS)}
_PASSAGE_CODES = frozenset(_KIND_CODE[k] for k in ("body", "heading", "caption"))  # as Paragraph.is_passage
_LAYOUT = struct.Struct("qqq")  # one paragraph: start, end, kind code (native, as array("q") packs)


@dataclass(frozen=True, slots=True)
class Article:
    """An article's text and metadata. `paragraphs` is read through a property defined below.

    The paragraphs are stored packed (start, end, kind: 24 bytes each) and rebuilt as Paragraph
    objects when asked for, so a 20,000-article workspace does not keep 200,000 Paragraph objects
    and their offsets (~25 MB) that are read only while mentions are found and when an article is
    opened. Paragraphs that do not fit the packed form (text not the article's, index out of order,
    an unknown kind) are kept as given.
    """

    id: str
    title: str
    text: str
    if TYPE_CHECKING:
        # What type checkers see: a field. At run time it is an init-only argument read back through
        # the property set below the class (which a property and an InitVar of one name cannot be in the class).
        paragraphs: tuple[Paragraph, ...] = ()
    else:
        paragraphs: InitVar[tuple[Paragraph, ...] | None] = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    source_file: str = ""
    has_headline: bool = True
    note: str | None = None
    date_source: str | None = None
    """How `date` was found (a meta tag, a dateline, research notes with their sources and bounds)."""
    sha256: str | None = None
    """The sha256 recorded for the article's exact text (or, when none is recorded, of the text read)."""
    added: str | None = None
    """When it was added to the workspace (ISO time), for articles brought in by ingest."""
    original_file: str | None = None
    """The file name it was ingested from."""
    text_changed: bool = False
    """The text no longer matches its recorded sha256: its passages are not what was labelled and added."""
    _layout: bytes | tuple[Paragraph, ...] = field(init=False, repr=False, default=b"")

    # The default only for type checkers, which see `paragraphs` as a field (see above), not an InitVar.
    def __post_init__(self, paragraphs: tuple[Paragraph, ...] | None = None) -> None:  # noqa: RUF033
        paragraphs = tuple(paragraphs or ())
        text = self.text
        if all(p.source is text and p.index == i and p.kind in _KIND_CODE for i, p in enumerate(paragraphs)):
            layout: bytes | tuple[Paragraph, ...] = b"".join(_LAYOUT.pack(p.start, p.end, _KIND_CODE[p.kind]) for p in paragraphs)
        else:
            layout = paragraphs
        object.__setattr__(self, "_layout", layout)

    @classmethod
    def packed(cls, layout: list[tuple[int, int, str]], **fields: Any) -> Article:
        """An article whose paragraphs are given as (start, end, kind) into its text, in order."""
        article = cls(**fields)
        codes = _KIND_CODE
        object.__setattr__(article, "_layout", array("q", [v for start, end, kind in layout for v in (start, end, codes[kind])]).tobytes())
        return article

    @property
    def passages(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.is_passage)

    def passage_spans(self, *, with_title: bool = False) -> list[tuple[int, int, int, str]]:
        """(index, start, end, source) of each of `passages`, read without building Paragraph objects.
        `with_title`: the headline too, for finding places (it often names the story's main place) but
        not figures or flows (a headline's numbers restate the body's)."""
        layout = self._layout
        if isinstance(layout, tuple):
            return [(p.index, p.start, p.end, p.source) for p in layout if p.is_passage or (with_title and p.kind == "title")]
        text, passage = self.text, (_PASSAGE_CODES | {_KIND_CODE["title"]} if with_title else _PASSAGE_CODES)
        return [(i, start, end, text) for i, (start, end, kind) in enumerate(_LAYOUT.iter_unpack(layout)) if kind in passage]

    @property
    def place_passages(self) -> tuple[Paragraph, ...]:
        """The passages and the headline: where places are looked for (see `passage_spans`)."""
        return tuple(p for p in self.paragraphs if p.is_passage or p.kind == "title")


def _article_paragraphs(article: Article) -> tuple[Paragraph, ...]:
    """The article's paragraphs, unpacked: equal to those it was built with."""
    layout = article._layout
    if isinstance(layout, tuple):
        return layout
    text = article.text
    kinds = PARAGRAPH_KINDS
    return tuple(Paragraph(i, start, end, text, kinds[kind]) for i, (start, end, kind) in enumerate(_LAYOUT.iter_unpack(layout)))


# After the class, so that the dataclass sees `paragraphs` as an init-only argument (which
# dataclasses.replace fills from this property) rather than as a field or a default.
if not TYPE_CHECKING:
    Article.paragraphs = property(_article_paragraphs, doc=_article_paragraphs.__doc__)


@dataclass(frozen=True, slots=True)
class Site:
    """A gazetteer entry. `geometry` is its GeoJSON geometry, as read.

    A plain point ({"type": "Point", "coordinates": [lon, lat]} with the same floats as `lon`/`lat`)
    is not kept as a dict: `geometry` rebuilds it on demand. A large gazetteer is mostly such points,
    and a dict and list per point were ~30 MB of a 100,000-site workspace. Areas, lines and any
    other geometry keep their dict (`_shape`) as given.
    """

    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str
    precision: str
    coord_source: str
    lon: float
    lat: float
    if TYPE_CHECKING:
        # What type checkers see: a field (the GeoJSON dict, or None for a plain point at (lon, lat) when
        # building). At run time an init-only argument read back through the property set below the class.
        geometry: dict = None  # type: ignore[assignment]  # None is accepted when building; read it is always a dict
    else:
        geometry: InitVar[dict | None] = None
    admin_region: str | None = None
    exclude: tuple[str, ...] = ()
    note: str | None = None
    provenance: str = "gazetteer"
    radius_km: float = 0.0
    """How far from its point the place may lie, when the site says so itself (a place located only by an article's
    text: "in the X district, ±60 km"); 0: as its precision class says (pagecodes.PRECISION_RADIUS_KM)."""
    scope: tuple[str, ...] = ()
    """The articles (ids) whose text its names are looked for in; empty: every article. Ingest scopes a site it
    makes for a village whose name another site of the workspace holds for another place (two Oleksandrivkas, one
    in each of two front-line reports): in its articles its names are this site, elsewhere they stay the other's."""
    _shape: dict | None = field(init=False, repr=False, default=None)
    """The geometry dict, or None for a plain point at (lon, lat)."""

    # The default only for type checkers, which see `geometry` as a field (see above), not an InitVar.
    def __post_init__(self, geometry: dict | None = None) -> None:  # noqa: RUF033
        if not _plain_point_at(geometry, self.lon, self.lat):
            object.__setattr__(self, "_shape", geometry)

    @property
    def geometry_type(self) -> str:
        shape = self._shape
        return "Point" if shape is None else str(shape.get("type", "Point"))

    @property
    def is_area(self) -> bool:
        """Areas and lines are drawn as their shape rather than a marker."""
        return self.geometry_type != "Point"


def _site_geometry(site: Site) -> dict:
    """The site's GeoJSON geometry: its own dict, or for a plain point a new dict equal to the one read."""
    shape = site._shape
    return {"type": "Point", "coordinates": [site.lon, site.lat]} if shape is None else shape


# After the class, so that the dataclass sees `geometry` as an init-only argument (which
# dataclasses.replace fills from this property) rather than as a field or a default.
if not TYPE_CHECKING:
    Site.geometry = property(_site_geometry, doc=_site_geometry.__doc__)


def _same_float(a: Any, b: Any) -> bool:
    """Both floats of the same value and sign (so JSON writes them alike: 0.0 and -0.0 differ)."""
    return type(a) is float and type(b) is float and a == b and math.copysign(1.0, a) == math.copysign(1.0, b)


def _plain_point_at(geometry: Any, lon: Any, lat: Any) -> bool:
    """True when `geometry` is exactly {"type": "Point", "coordinates": [lon, lat]}, keys in that order,
    so that the dict the `geometry` property rebuilds equals it and serialises identically."""
    if type(geometry) is not dict or len(geometry) != 2 or geometry.get("type") != "Point":
        return False
    coords = geometry.get("coordinates")
    return (
        next(iter(geometry)) == "type"
        and type(coords) is list
        and len(coords) == 2
        and _same_float(coords[0], lon)
        and _same_float(coords[1], lat)
    )


@dataclass(frozen=True, slots=True)
class Claim:
    """How certain a mention's sentence is and what it is about, with the rule that decided it."""

    certainty: str
    topics: tuple[str, ...]
    evidence: str = ""
    source: str = "rules"  # rules | user


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a site's name in one article; `start`/`end` index the article's text.

    Only what cannot be derived is stored, because a large workspace holds hundreds of thousands
    of these: `end` is `start` plus the surface's length, the sentence is given by its distances
    `lead` (before `start`) and `tail` (after `end`), small numbers Python keeps one shared object
    for, and its text is sliced from the article's text (`source`, the same string object the
    article holds, not a copy) when asked for.
    """

    id: str
    article_id: str
    paragraph: int
    start: int
    surface: str
    site_id: str
    lead: int
    tail: int
    source: str = field(repr=False)
    claim: Claim = field(default_factory=lambda: Claim("context", ()))

    @property
    def end(self) -> int:
        return self.start + len(self.surface)

    @property
    def sentence_start(self) -> int:
        return self.start - self.lead

    @property
    def sentence_end(self) -> int:
        return self.start + len(self.surface) + self.tail

    @property
    def sentence(self) -> str:
        start = self.start
        return self.source[start - self.lead : start + len(self.surface) + self.tail]


@dataclass(frozen=True, slots=True)
class Problem:
    """A load or validation problem, phrased so the user can find and fix it."""

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.message}" if self.where else f"{self.file}: {self.message}"
