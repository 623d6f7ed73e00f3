"""Flows: the movements of people, goods, money or know-how a sentence states, from an origin to a
destination, with what moves, how much (a figure), when, and how certain the sentence is.

The rules are a transparent table (FLOW_RULES), like the claim rules, one per way English states a movement:
  - "send": an agent sends something somewhere ("North Korea is sending 6,000 engineers to Kursk"): the
    origin is the agent (a country, a capital standing for its country, or the demonym of what is sent),
    the destination the place after "to"/"into";
  - "move": what moves is the subject ("North Korean workers arrived in Tatarstan", "engineers travelled to
    Pyongyang"): the origin is "from X", else the demonym of the subject;
  - "receive": the agent is the destination ("Russia brings in North Korean engineers"): the origin is
    "from X", else the demonym of what is brought.
Places are the mentions of the sentence (sites), country names and demonyms (COUNTRIES). A country is drawn
at its capital (the workspace's site when it has one, else the capital's point in COUNTRIES). "via X" /
"through X" adds a waypoint. Capacities and tactical movements inside a battle are not flows: a flow needs a
destination that is a place other than its origin.

Nothing is stored: `flows_of(ws)` computes them from the articles and mentions when first asked for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mapviewer.core.figures import UNITS, Rule, figures_in_sentence
from mapviewer.core.model import Article, Mention
from mapviewer.core.sentences import sentence_spans

if TYPE_CHECKING:
    from mapviewer.core.workspace import Workspace

_I = re.IGNORECASE


@dataclass(frozen=True)
class Country:
    name: str
    iso: str
    names: str  # regex of its names
    demonym: str  # regex of its demonym
    capital: str  # the capital's site id, when a workspace has it
    lon: float
    lat: float


COUNTRIES: tuple[Country, ...] = (
    Country("North Korea", "KP", r"North Korea|DPRK|Democratic People['’]s Republic of Korea", r"North Korean", "pyongyang", 125.7625, 39.0392),
    Country("South Korea", "KR", r"South Korea|Republic of Korea|ROK", r"South Korean", "seoul", 126.978, 37.5665),
    Country("Russia", "RU", r"Russia|Russian Federation", r"Russian", "moscow", 37.6173, 55.7558),
    Country("Ukraine", "UA", r"Ukraine", r"Ukrainian", "kyiv", 30.5234, 50.4501),
    Country("Iran", "IR", r"Iran", r"Iranian", "tehran", 51.389, 35.6892),
    Country("China", "CN", r"China|PRC", r"Chinese", "beijing", 116.4074, 39.9042),
    Country("United States", "US", r"United States|U\.S\.|USA|America", r"American", "washington", -77.0369, 38.9072),
    Country("Belarus", "BY", r"Belarus", r"Belarusian", "minsk", 27.5615, 53.9045),
    Country("Syria", "SY", r"Syria", r"Syrian", "damascus", 36.2765, 33.5138),
    Country("Myanmar", "MM", r"Myanmar|Burma", r"Burmese", "naypyidaw", 96.1297, 19.7633),
    Country("Vietnam", "VN", r"Vietnam|Viet Nam", r"Vietnamese", "hanoi", 105.8342, 21.0278),
    Country("Israel", "IL", r"Israel", r"Israeli", "jerusalem", 35.2137, 31.7683),
    Country("Lebanon", "LB", r"Lebanon", r"Lebanese", "beirut", 35.5018, 33.8938),
    Country("Japan", "JP", r"Japan", r"Japanese", "tokyo", 139.6917, 35.6895),
)
"""Countries a flow can start or end at, with their capital (where they are drawn)."""
_BY_CAPITAL = {c.capital: c for c in COUNTRIES}
_BY_ISO = {c.iso: c for c in COUNTRIES}
_COUNTRY_RE = re.compile(
    "|".join(f"(?P<n{i}>\\b(?:{c.names})\\b(?!\\s+Korea))|(?P<d{i}>\\b(?:{c.demonym})s?\\b)" for i, c in enumerate(COUNTRIES))
)

FLOW_RULES: tuple[Rule, ...] = (
    Rule("send", "send", re.compile(
        r"\b(?:send|sends|sent|sending|dispatch(?:es|ed|ing)?|deploy(?:s|ed|ing)?|transfer(?:s|red|ring)?|ship(?:s|ped|ping)?"
        r"|export(?:s|ed|ing)?|supply|supplies|supplied|supplying|deliver(?:s|ed|ing)?|provid(?:e|es|ed|ing)"
        r"|smuggl(?:e|es|ed|ing)|transport(?:s|ed|ing)?|funnel(?:s|ed|led|ing)?|dispatched|rotat(?:e|es|ed|ing))\b", _I)),
    Rule("move", "move", re.compile(
        r"\b(?:travel(?:s|ed|led|ing|ling)?|arriv(?:e|es|ed|ing|al|als)|went|go(?:es|ing)? to|come|comes|came|coming"
        r"|head(?:s|ed|ing)? (?:to|for)|fl(?:y|ies|ew|own) (?:to|in)|mov(?:e|es|ed|ing) (?:to|into)|relocat(?:e|es|ed|ing)"
        r"|return(?:s|ed|ing)? to|visit(?:s|ed|ing)?|cross(?:es|ed|ing)? into|flow(?:s|ed|ing)? (?:to|into)"
        r"|involved in (?:combat|fighting) in|fight(?:s|ing)? in|fought in|stationed in|working in|work in)\b", _I)),
    Rule("receive", "receive", re.compile(
        r"\b(?:bring(?:s|ing)?|brought|receiv(?:e|es|ed|ing)|import(?:s|ed|ing)?|recruit(?:s|ed|ing)?|hir(?:e|es|ed|ing)"
        r"|employ(?:s|ed|ing)?|acquir(?:e|es|ed|ing)|obtain(?:s|ed|ing)?|bought|buy(?:s|ing)?|purchas(?:e|es|ed|ing))\b", _I)),
)
"""How a sentence states a movement, first match in text order wins per clause (see the module's doc)."""

_TO = re.compile(r"\b(?:to|into|in|for|at|toward|towards|inside)\s+(?:the\s+)?$", _I)
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$", _I)
_VIA = re.compile(r"\b(?:via|through)\s+(?:the\s+)?$", _I)
_HERE = re.compile(r"\b(?:here|there)\b", _I)
_WHAT = (
    *((re.compile(rf"\b(?:{p})\b", _I), u) for p, u in UNITS),
    (re.compile(r"\bknow-?how|expertise|technolog(?:y|ies)|training|assistance\b", _I), "know-how"),
    (re.compile(r"\bweapons?|arms|ammunition|equipment|components?\b", _I), "weapons"),
    (re.compile(r"\bmoney|funds?|payments?|cash|revenue\b", _I), "money"),
    (re.compile(r"\bdelegations?|officials?|leaders?|ministers?|president\b", _I), "officials"),
)
_MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"
_WHEN = re.compile(
    rf"\b(?:(?:{_MONTHS})\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}|(?:{_MONTHS})\s+\d{{4}}|(?:in|since|by|during)\s+(?:(?:early|late|mid-?)\s*)?\d{{4}}"
    rf"|(?:in|since|by|last|this|next)\s+(?:{_MONTHS}|spring|summer|fall|autumn|winter|week|month|year)"
    rf"|(?-i:(?:{_MONTHS}))\s+\d{{1,2}})\b",
    _I,
)


@dataclass(frozen=True)
class Place:
    """An origin or destination: a site, or a country (drawn at its capital)."""

    site: str | None = None
    iso: str | None = None
    surface: str = ""

    def record(self) -> dict:
        if self.site:
            return {"site": self.site, "surface": self.surface}
        country = _BY_ISO[self.iso or ""]
        return {"country": country.name, "iso": country.iso, "surface": self.surface}

    def same(self, other: Place) -> bool:
        return self.key() == other.key()

    def key(self) -> str:
        return f"site:{self.site}" if self.site else f"iso:{self.iso}"

    def label(self) -> str:
        return self.site if self.site else _BY_ISO[self.iso or ""].name


@dataclass(frozen=True)
class Flow:
    article_id: str
    paragraph: int
    start: int  # the movement's words in the article text (its verb to its destination)
    end: int
    origin: Place
    destination: Place
    via: tuple[str, ...]
    what: str
    quantity: dict | None
    when: str | None
    mention: str | None
    certainty: str
    sentence: str
    rule: str

    @property
    def id(self) -> str:
        return f"{self.article_id}:{self.start}"

    def record(self) -> dict:
        return {"id": self.id, "origin": self.origin.record(), "destination": self.destination.record(), "via": list(self.via),
                "what": self.what, "quantity": self.quantity, "when": self.when, "article": self.article_id,
                "paragraph": self.paragraph, "mention": self.mention, "certainty": self.certainty,
                "text": self.sentence, "span": [self.start, self.end], "rule": self.rule}


@dataclass(frozen=True)
class _Spot:
    start: int
    end: int
    place: Place
    demonym: bool = False
    mention: Mention | None = None


def _places(sentence: str, s_start: int, mentions: Sequence[Mention]) -> list[_Spot]:
    """Every place named in a sentence: site mentions, country names and demonyms (offsets into the sentence)."""
    spots = [_Spot(m.start - s_start, m.end - s_start, Place(site=m.site_id, surface=m.surface), mention=m) for m in mentions]
    taken = [(s.start, s.end) for s in spots]
    for m in _COUNTRY_RE.finditer(sentence):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        group = m.lastgroup or ""
        country = COUNTRIES[int(group[1:])]
        spots.append(_Spot(m.start(), m.end(), Place(iso=country.iso, surface=m.group(0)), demonym=group[0] == "d"))
    spots.sort(key=lambda s: s.start)
    return spots


def _as_agent(spot: _Spot) -> Place:
    """A capital standing for its government ("Pyongyang sent …") is its country."""
    c = _BY_CAPITAL.get(spot.place.site or "")
    return Place(iso=c.iso, surface=spot.place.surface) if c else Place(iso=spot.place.iso, site=spot.place.site, surface=spot.place.surface)


def _what(text: str) -> str | None:
    best: tuple[int, str] | None = None
    for rx, unit in _WHAT:
        m = rx.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), unit)
    return best[1] if best else None


def _clause_end(sentence: str, at: int) -> int:
    m = re.compile(r";|\s[—–]\s|,\s+(?:while|but|although|whereas|and (?:it|this|they|he|she))\b").search(sentence, at)
    return m.start() if m else len(sentence)


def _clause_start(sentence: str, at: int) -> int:
    start = 0
    for m in re.finditer(r";|\s[—–]\s|,\s+(?:while|but|although|whereas|and)\s", sentence[:at]):
        start = m.end()
    return start


def flows_in_sentence(sentence: str, s_start: int, mentions: Sequence[Mention], context: Sequence[Mention]) -> list[tuple[int, int, Place, Place, tuple[str, ...], str, object, str | None, Mention | None, str]]:
    """(start, end, origin, destination, via, what, figure, when, mention, rule) of each movement a sentence states."""
    spots = _places(sentence, s_start, mentions)
    out = []
    verbs = sorted(((m, rule) for rule in FLOW_RULES for m in rule.pattern.finditer(sentence)), key=lambda x: x[0].start())
    used_until = -1
    for m, rule in verbs:
        if m.start() < used_until:
            continue
        c_start, c_end = _clause_start(sentence, m.start()), _clause_end(sentence, m.end())
        before = [s for s in spots if c_start <= s.start and s.end <= m.start()]
        after = [s for s in spots if m.end() <= s.start and s.end <= c_end]
        dest: _Spot | None = None
        origin: Place | None = None
        via = tuple(s.place.site for s in after if s.place.site and _VIA.search(sentence[max(0, s.start - 12) : s.start]))
        origin_spot = next((s for s in after if _FROM.search(sentence[max(0, s.start - 10) : s.start]) and not s.demonym), None)
        if origin_spot is not None:
            origin = _as_agent(origin_spot)
        for s in after:
            if s is origin_spot or (s.place.site in via) or s.demonym:
                continue
            lead = sentence[max(0, s.start - 14) : s.start]
            if rule.label == "receive":
                continue
            if _TO.search(lead) or (rule.name == "move" and m.group(0).lower().startswith("visit") and s.start - m.end() < 4):
                dest = s
                # "to Russia's Kursk region": the site the country's possessive names
                if s.place.iso and re.match(r"[’']s\s", sentence[s.end : s.end + 3]):
                    nxt = next((t for t in after if t.start > s.end and t.place.site and t.start - s.end < 40), None)
                    dest = nxt or s
                break
        here = _HERE.search(sentence, m.end(), min(c_end, m.end() + 30))
        if dest is None and rule.label != "receive" and here is not None and context:
            prior = [c for c in context if c.start < s_start + m.start()]
            if prior:
                c = prior[-1]
                dest = _Spot(here.start(), here.end(), Place(site=c.site_id, surface=here.group(0)), mention=None)
        object_text = sentence[m.end() : (dest.start if dest else c_end)]
        subject_text = sentence[c_start : m.start()]
        if rule.label == "receive":
            agents = [s for s in before if not s.demonym]
            if not agents:
                continue
            dest = _Spot(agents[-1].start, agents[-1].end, agents[-1].place, mention=agents[-1].mention)
            what = _what(object_text)
            if origin is None:
                dem = next((s for s in after if s.demonym), None)
                origin = dem.place if dem else None
        elif rule.label == "send":
            what = _what(object_text) or _what(subject_text)
            if origin is None:
                agents = [s for s in before if not s.demonym]
                dem = next((s for s in after if s.demonym and s.end <= (dest.start if dest else c_end)), None) or next(
                    (s for s in before if s.demonym), None)
                origin = _as_agent(agents[-1]) if agents and re.search(r"\b(?:is|are|was|were|has|have|had|will|would|to)?\s*$", sentence[agents[-1].end : m.start()][:40]) and not re.search(r"\b(?:been|be)\s+$", sentence[: m.start()]) else (dem.place if dem else None)
        else:
            what = _what(subject_text) or _what(object_text)
            if origin is None:
                dem = next((s for s in reversed(before) if s.demonym), None) or next((s for s in after if s.demonym and dest and s.end <= dest.start), None)
                origin = dem.place if dem else None
        if dest is None or origin is None or what is None:
            continue
        if origin.same(dest.place) or (dest.place.iso and origin.iso == dest.place.iso):
            continue
        span_end = max(dest.end, m.end()) if dest.start > m.start() else m.end()
        region = (min(m.start(), dest.start), span_end)
        figure = None
        for raw in figures_in_sentence(sentence):
            if raw.bound != "relation" and c_start <= raw.start and raw.end <= c_end and (raw.unit == what or raw.unit.startswith(what)):
                figure = raw
                break
        when_m = _WHEN.search(sentence, c_start, c_end)
        out.append((region[0], region[1], origin, dest.place, via, what, figure, when_m.group(0) if when_m else None, dest.mention, rule.name))
        used_until = c_end
    return out


def _quantity(raw) -> dict | None:
    if raw is None:
        return None
    from mapviewer.core.figures import _num

    q: dict = {"bound": raw.bound}
    if raw.bound in ("exact", "approx"):
        q["value"] = _num(raw.value)
    else:
        q["low"], q["high"] = _num(raw.low), _num(raw.high)
    q["unit"] = raw.unit
    return q


def flows_of_article(article: Article, mentions: Sequence[Mention]) -> list[Flow]:
    from mapviewer.core.claims import certainty_of

    by_paragraph: dict[int, list[Mention]] = {}
    for mt in sorted(mentions, key=lambda x: x.start):
        by_paragraph.setdefault(mt.paragraph, []).append(mt)
    out: list[Flow] = []
    text = article.text
    context: list[Mention] = []
    for index, p_start, p_end, _ in article.passage_spans():
        paragraph = text[p_start:p_end]
        here = by_paragraph.get(index, [])
        for s_start, s_end in sentence_spans(paragraph, p_start):
            sentence = text[s_start:s_end]
            inside = [mt for mt in here if s_start <= mt.start < s_end]
            prior = context + [mt for mt in here if mt.start < s_start]
            for start, end, origin, dest, via, what, figure, when, mention, rule in flows_in_sentence(sentence, s_start, inside, prior):
                if mention is not None and (mention.claim.source == "user" or mention.claim.certainty != "context"):
                    certainty = mention.claim.certainty
                else:
                    certainty = certainty_of(sentence, start)[0]
                q = _quantity(figure)
                if q is not None and figure is not None:
                    q["text"] = sentence[figure.start : figure.end]
                out.append(Flow(article.id, index, s_start + start, s_start + end, origin, dest, via, what, q, when,
                                mention.id if mention else None, certainty, sentence, rule))
        context = context + here
    return out


def flows_of(ws: Workspace) -> list[Flow]:
    """Every flow the workspace's articles state, computed now from articles and mentions."""
    by_article: dict[str, list[Mention]] = {}
    for mt in ws.mentions:
        by_article.setdefault(mt.article_id, []).append(mt)
    out: list[Flow] = []
    for article in ws.articles:
        out.extend(flows_of_article(article, by_article.get(article.id, [])))
    return out


def point_of(ws: Workspace, place: Place) -> tuple[float, float] | None:
    """Where a place is drawn (lon, lat): its site, or its country's capital (the workspace's site if any)."""
    if place.site:
        site = ws.site_by_id.get(place.site)
        return (site.lon, site.lat) if site else None
    country = _BY_ISO.get(place.iso or "")
    if country is None:
        return None
    capital = ws.site_by_id.get(country.capital)
    return (capital.lon, capital.lat) if capital else (country.lon, country.lat)
