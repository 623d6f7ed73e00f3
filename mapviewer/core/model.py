"""Plain data records shared by every layer; frozen so filters and views can hold them safely, and
slotted because a large workspace holds hundreds of thousands of them."""

from __future__ import annotations

from dataclasses import dataclass, field

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


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    title: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    source_file: str = ""
    has_headline: bool = True
    note: str | None = None

    @property
    def passages(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.is_passage)


@dataclass(frozen=True, slots=True)
class Site:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str
    precision: str
    coord_source: str
    lon: float
    lat: float
    geometry: dict
    admin_region: str | None = None
    exclude: tuple[str, ...] = ()
    note: str | None = None
    provenance: str = "gazetteer"

    @property
    def geometry_type(self) -> str:
        return str(self.geometry.get("type", "Point"))

    @property
    def is_area(self) -> bool:
        """Areas and lines are drawn as their shape rather than a marker."""
        return self.geometry_type != "Point"


@dataclass(frozen=True, slots=True)
class Claim:
    """How certain a mention's sentence is and what it is about, with the rule that decided it."""

    certainty: str
    topics: tuple[str, ...]
    evidence: str = ""
    source: str = "rules"  # rules | user


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a site's name in one article; `start`/`end` index the article's text."""

    id: str
    article_id: str
    paragraph: int
    start: int
    end: int
    surface: str
    site_id: str
    sentence_start: int
    sentence_end: int
    sentence: str
    claim: Claim = field(default_factory=lambda: Claim("context", ()))


@dataclass(frozen=True, slots=True)
class Problem:
    """A load or validation problem, phrased so the user can find and fix it."""

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.message}" if self.where else f"{self.file}: {self.message}"
