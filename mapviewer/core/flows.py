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
from functools import lru_cache
from typing import TYPE_CHECKING

from mapviewer.core.claims import Rule
from mapviewer.core.figures import UNITS, _Raw, figures_in_sentence
from mapviewer.core.lazyre import lazy_compile
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
    demonym: str  # regex of its demonym (and of people who stand for it: its leaders)
    capital: str  # the capital's site id, when a workspace has it
    lon: float
    lat: float


COUNTRIES: tuple[Country, ...] = (
    Country("North Korea", "KP", r"North Korea|DPRK|Democratic People['’]s Republic of Korea", r"North Korean|Kim Jong[- ]?Un", "pyongyang", 125.7625, 39.0392),
    Country("South Korea", "KR", r"South Korea|Republic of Korea|ROK", r"South Korean|Yoon Suk[- ]?Yeol|Lee Jae[- ]?myung", "seoul", 126.978, 37.5665),
    Country("Russia", "RU", r"Russia|Russian Federation", r"Russian|(?:Vladimir )?Putin|(?:Sergei )?Shoigu|(?:Sergei )?Lavrov|(?:Andrei )?Belousov", "moscow", 37.6173, 55.7558),
    Country("Ukraine", "UA", r"Ukraine", r"Ukrainian|(?:Volodymyr )?Zelensky[iy]?", "kyiv", 30.5234, 50.4501),
    Country("Iran", "IR", r"Iran", r"Iranian", "tehran", 51.389, 35.6892),
    Country("China", "CN", r"China|PRC", r"Chinese", "beijing", 116.4074, 39.9042),
    Country("United States", "US", r"United States|U\.S\.|USA|America", r"American|(?:Joe )?Biden|(?:Donald )?Trump", "washington", -77.0369, 38.9072),
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
_COUNTRY_RE = lazy_compile(  # every alternative starts with a capital: the lookahead skips other positions fast
    "(?=[A-Z])(?:" + "|".join(f"(?P<n{i}>\\b(?:{c.names})\\b(?!\\s+Korea))|(?P<d{i}>\\b(?:{c.demonym})s?\\b)" for i, c in enumerate(COUNTRIES)) + ")"
)

FLOW_RULES: tuple[Rule, ...] = (
    Rule("send", "send", lazy_compile(
        r"\b(?:send|sends|sent|sending|dispatch(?:es|ed|ing)?|deploy(?:s|ed|ing)?|transfer(?:s|red|ring)?|ship(?:s|ped|ping)?"
        r"|export(?:s|ed|ing)?|supply|supplies|supplied|supplying|deliver(?:s|ed|ing)?|provid(?:e|es|ed|ing)"
        r"|smuggl(?:e|es|ed|ing)|transport(?:s|ed|ing)?|funnel(?:s|ed|led|ing)?|dispatched|rotat(?:e|es|ed|ing))\b", _I), ()),
    Rule("move", "move", lazy_compile(
        r"\b(?:travel(?:s|ed|led|ing|ling)?|arriv(?:e|es|ed|ing|al|als)|went|go(?:es|ing)? to"
        r"|head(?:s|ed|ing)? (?:to|for)|(?:com(?:e|es|ing)|came) (?:to|here|from|into)|fl(?:y|ies|ew|own) (?:to|in)|mov(?:e|es|ed|ing) (?:to|into)|relocat(?:e|es|ed|ing)"
        r"|return(?:s|ed|ing)? to|visit(?:s|ed|ing)?|cross(?:es|ed|ing)? into|flow(?:s|ed|ing)? (?:to|into)"
        r"|involve(?:d|ment)|fight(?:s|ing)? in|fought in|stationed in|working in|work in)\b", _I), ()),
    Rule("receive", "receive", lazy_compile(
        r"\b(?:bring(?:s|ing)?|brought|receiv(?:e|es|ed|ing)|import(?:s|ed|ing)?|recruit(?:s|ed|ing)?|hir(?:e|es|ed|ing)"
        r"|employ(?:s|ed|ing)?|acquir(?:e|es|ed|ing)|obtain(?:s|ed|ing)?|bought|buy(?:s|ing)?|purchas(?:e|es|ed|ing))\b", _I), ()),
)
"""How a sentence states a movement, first match in text order wins per clause (see the module's doc)."""

_TO = lazy_compile(r"\b(?:to|into|in|for|at|toward|towards|inside)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}$", _I)
_FROM = lazy_compile(r"\bfrom\s+(?:the\s+)?$", _I)
_VIA = lazy_compile(r"\b(?:via|through)\s+(?:the\s+)?$", _I)
_HERE = lazy_compile(r"\b(?:here|there)\b", _I)
_NOT_MOVING = frozenset({"years", "months", "weeks", "days", "hours", "percent", "km", "miles", "feet", "meters", "countries"})
_WHAT = (
    *((lazy_compile(rf"\b(?:{p})\b", _I), u) for p, u in UNITS if u not in _NOT_MOVING),
    (lazy_compile(r"\bknow-?how|expertise|technolog(?:y|ies)|training|assistance\b", _I), "know-how"),
    (lazy_compile(r"\bweapons?|arms|ammunition|equipment|components?\b", _I), "weapons"),
    (lazy_compile(r"\b(?:military |lethal |humanitarian )*aid\b", _I), "aid"),
    (lazy_compile(r"\bmoney|funds?|payments?|cash|revenue\b", _I), "money"),
    (lazy_compile(r"\bdelegations?|officials?|leaders?|ministers?|president\b", _I), "officials"),
)
_MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"
_WHEN = lazy_compile(
    rf"\b(?:(?:in|on|since|by|during|until)\s+)?(?:(?:{_MONTHS})\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}|(?:{_MONTHS})\s+\d{{4}})\b"
    rf"|\b(?:in|since|by|during)\s+(?:(?:early|late|mid-?)\s*)?\d{{4}}\b"
    rf"|\b(?:in|since|by|last|this|next)\s+(?:{_MONTHS}|spring|summer|fall|autumn|winter|week|month|year)\b"
    rf"|\b(?-i:(?:{_MONTHS}))\s+\d{{1,2}}\b",
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


_WHAT_ANY = lazy_compile("|".join(f"(?P<w{i}>{rx.pattern})" for i, (rx, _) in enumerate(_WHAT)), _I)
"""Every _WHAT pattern in one: its leftmost match is the earliest any of them makes, and at that position the
alternation takes the first listed, as a search per pattern keeping the earliest (ties: the first) would."""


def _what(text: str) -> str | None:
    """The first thing named in `text` that can move (_WHAT)."""
    m = _WHAT_ANY.search(text)
    return _WHAT[int((m.lastgroup or "w0")[1:])][1] if m else None


def _clause_end(sentence: str, at: int) -> int:
    m = re.compile(r";|\s[—–]\s|,\s+(?:while|but|although|whereas|and (?:it|this|they|he|she))\b").search(sentence, at)
    return m.start() if m else len(sentence)


def _clause_start(sentence: str, at: int) -> int:
    start = 0
    for m in re.finditer(r";|\s[—–]\s|,\s+(?:while|but|although|whereas|and)\s", sentence[:at]):
        start = m.end()
    return start


_NOUN_FORM = lazy_compile(r"arrivals?|involvement|visits?$", _I)
_LIST = lazy_compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)$")
_PASSIVE = lazy_compile(r"\b(?:be|been|being|is|are|was|were)\s+(?:\w+ly\s+)?$", _I)


def _destinations(sentence: str, m: re.Match[str], rule: Rule, after: list[_Spot], skip: set[int]) -> list[_Spot]:
    """The places a movement goes to: the first place after a "to"/"into"/"in" (or right after a sending verb:
    "has sent Russia missiles"), a country's possessive giving way to the site it names ("to Russia's Kursk
    region"), and the places listed after it ("to Russia, Iran, or …")."""
    found: list[_Spot] = []
    for s in after:
        if id(s) in skip or s.demonym:
            continue
        lead = sentence[max(0, s.start - 40) : s.start]
        direct = rule.name == "send" and not sentence[m.end() : s.start].strip()
        if _TO.search(lead) or direct or (m.group(0).lower().startswith("visit") and s.start - m.end() < 4):
            dest = s
            if s.place.iso and re.match(r"[’']s\s", sentence[s.end : s.end + 3]):
                dest = next((t for t in after if t.start > s.end and t.place.site and t.start - s.end < 40), s)
            found.append(dest)
            break
    if found:
        last = found[-1]
        for s in after:
            if s.start > last.end and not s.demonym and _LIST.fullmatch(sentence[last.end : s.start]):
                found.append(s)
                last = s
    return found


def _here_or_arrival(text: str) -> bool:
    """Whether a movement in `text` may go to the place named before it ("coming here", "the arrival of")."""
    return _HERE.search(text) is not None or "arriv" in text.lower()


@lru_cache(maxsize=64)
def _sentence_figures(sentence: str) -> tuple[_Raw, ...]:
    """A sentence's figures, read once for all the movements it states (one sentence asks several times)."""
    return tuple(figures_in_sentence(sentence))


def _whats(text: str, offset: int, sentence: str, lo: int, hi: int) -> list[tuple[str, _Raw | None]]:
    """What moves, from a phrase: one (unit, figure) per figure with its own unit ("dozens of missiles and as
    many as 5 million shells"), else the first thing named."""
    out: list[tuple[str, _Raw | None]] = []
    for raw in _sentence_figures(sentence):
        if raw.bound != "relation" and lo <= raw.start and raw.end <= hi and raw.unit not in ("count", "usd", *_NOT_MOVING) and all(u != raw.unit for u, _ in out):
            out.append((raw.unit, raw))
    if out:
        return out
    what = _what(text)
    return [(what, None)] if what else []


def flows_in_sentence(sentence: str, s_start: int, mentions: Sequence[Mention], context: Sequence[Mention]) -> list[tuple[int, int, Place, Place, tuple[str, ...], str, _Raw | None, str | None, Mention | None, str]]:
    """(start, end, origin, destination, via, what, figure, when, mention, rule) of each movement a sentence states."""
    words = set(_WORDS.findall(sentence.lower()))
    rules = [rule for rule, starts in _RULE_WORDS if not starts.isdisjoint(words)]
    if not rules:
        return []  # no word a movement starts with
    spots = _places(sentence, s_start, mentions)
    if all(s.demonym for s in spots) and not (context and _here_or_arrival(sentence)):
        return []  # no place to go to, no agent to receive and no place named before: no rule below finds a flow
    out = []
    verbs = sorted(((m, rule) for rule in rules for m in rule.pattern.finditer(sentence)), key=lambda x: x[0].start())
    used_until = -1
    for m, rule in verbs:
        if m.start() < used_until:
            continue
        c_start, c_end = _clause_start(sentence, m.start()), _clause_end(sentence, m.end())
        before = [s for s in spots if c_start <= s.start and s.end <= m.start()]
        after = [s for s in spots if m.end() <= s.start and s.end <= c_end]
        origin: Place | None = None
        via_spots = [s for s in after if s.place.site and _VIA.search(sentence[max(0, s.start - 12) : s.start])]
        via = tuple(s.place.site for s in via_spots if s.place.site)
        origin_spot = next((s for s in (*after, *before) if _FROM.search(sentence[max(0, s.start - 10) : s.start]) and not s.demonym), None)
        if origin_spot is not None:
            origin = _as_agent(origin_spot)
        skip = {id(s) for s in via_spots} | ({id(origin_spot)} if origin_spot else set())
        dests: list[_Spot] = [] if rule.label == "receive" else _destinations(sentence, m, rule, after, skip)
        if not dests and rule.label != "receive" and context:
            here = _HERE.search(sentence, m.start(), min(c_end, m.end() + 30))
            arrival = m.group(0).lower().startswith("arriv")
            if here is not None or arrival:  # "coming here", "the arrival of workers": the place last named
                prior = [c for c in context if c.start < s_start + m.start()]
                if prior:
                    c = prior[-1]
                    cue = here or m
                    dests = [_Spot(cue.start(), cue.end(), Place(site=c.site_id, surface=cue.group(0)))]
        if not dests and rule.label != "receive":
            continue  # nowhere to go: no flow (and no need to read what would move)
        subject_text = sentence[c_start : m.start()]
        if rule.label == "receive":
            agents = [s for s in before if not s.demonym]
            if not agents:
                continue
            a = agents[-1]
            dests = [_Spot(a.start, a.end, a.place, mention=a.mention)]
            whats = _whats(sentence[m.end() : c_end], m.end(), sentence, m.end(), c_end)
            if origin is None:
                dem = next((s for s in after if s.demonym), None)
                origin = dem.place if dem else None
        elif rule.label == "send":
            hi = min((d.start for d in dests if sentence[m.end() : d.start].strip()), default=c_end)
            whats = _whats(sentence[m.end() : hi], m.end(), sentence, m.end(), hi) or _whats(subject_text, c_start, sentence, c_start, m.start())
            if origin is None:
                agents = [s for s in before if not s.demonym]
                passive = not m.group(0).lower().endswith("ing") and _PASSIVE.search(sentence, 0, m.start()) is not None
                dem = next((s for s in after if s.demonym and s.end <= hi), None) or next((s for s in before if s.demonym), None)
                origin = _as_agent(agents[-1]) if agents and not passive else (dem.place if dem else None)
        else:
            hi = min((d.start for d in dests if d.start >= m.end()), default=c_end)
            subject = _whats(subject_text, c_start, sentence, c_start, m.start())
            obj = _whats(sentence[m.end() : hi], m.end(), sentence, m.end(), hi)
            # a noun ("the arrival of workers", "the involvement of sappers") names what moves after it
            noun = _NOUN_FORM.match(m.group(0)) is not None
            whats = (obj or subject) if noun else (subject or obj)
            if m.group(0).lower().startswith("visit"):
                whats = [("officials", None)]  # a visit moves the visitors: officials, a head of state
            if origin is None:
                object_dem = next((s for s in after if s.demonym and s.end <= hi), None)
                subject_dem = next((s for s in reversed(before) if s.demonym), None)
                dem = (object_dem or subject_dem) if noun else (subject_dem or object_dem)
                dem = dem or next(
                    (s for s in spots if s.demonym and not any(s.place.iso == d.place.iso for d in dests)), None)
                origin = dem.place if dem else None
        if not dests or origin is None or not whats:
            continue
        when_m = _WHEN.search(sentence, c_start, c_end)
        for dest in dests:
            if origin.same(dest.place) or (dest.place.iso and origin.iso == dest.place.iso):
                continue
            span = (min(m.start(), dest.start), max(dest.end, m.end()))
            for what, figure in whats:
                out.append((span[0], span[1], origin, dest.place, via, what, figure, when_m.group(0) if when_m else None, dest.mention, rule.name))
            used_until = max(used_until, span[1])
    return out


def _quantity(raw: _Raw | None) -> dict | None:
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


_VERB_WORDS = frozenset(
    ["send", "sends", "sent", "sending", "dispatch", "dispatches", "dispatched", "dispatching", "deploy", "deploys", "deployed", "deploying", "transfer", "transfers", "transferred", "transferring", "ship", "ships", "shipped", "shipping", "export", "exports", "exported", "exporting", "supply", "supplies", "supplied", "supplying", "deliver", "delivers", "delivered", "delivering", "provide", "provides", "provided", "providing", "smuggle", "smuggles", "smuggled", "smuggling", "transport", "transports", "transported", "transporting", "funnel", "funnels", "funneled", "funnelled", "funneling", "funnelling", "rotate", "rotates", "rotated", "rotating", "travel", "travels", "traveled", "travelled", "traveling", "travelling", "arrive", "arrives", "arrived", "arriving", "arrival", "arrivals", "went", "go", "goes", "going", "come", "comes", "came", "coming", "head", "heads", "headed", "heading", "fly", "flies", "flew", "flown", "move", "moves", "moved", "moving", "relocate", "relocates", "relocated", "relocating", "return", "returns", "returned", "returning", "visit", "visits", "visited", "visiting", "cross", "crosses", "crossed", "crossing", "flow", "flows", "flowed", "flowing", "involved", "involvement", "fight", "fights", "fighting", "fought", "stationed", "working", "work", "bring", "brings", "bringing", "brought", "receive", "receives", "received", "receiving", "import", "imports", "imported", "importing", "recruit", "recruits", "recruited", "recruiting", "hire", "hires", "hired", "hiring", "employ", "employs", "employed", "employing", "acquire", "acquires", "acquired", "acquiring", "obtain", "obtains", "obtained", "obtaining", "bought", "buy", "buys", "buying", "purchase", "purchases", "purchased", "purchasing"]
)
"""Every word FLOW_RULES start a match with: a text with none of them states no movement and is not searched
further (most paragraphs of a large workspace). tests/core/test_figures_rules.py checks it covers the rules."""
_WORDS = lazy_compile(r"[a-z]+")


_RULE_WORDS: tuple[tuple[Rule, frozenset[str]], ...] = tuple(
    (rule, frozenset(w for w in _VERB_WORDS if any(rule.pattern.match(w + tail) for tail in ("", " to", " for", " in", " into", " here", " from"))))
    for rule in FLOW_RULES
)
"""Per rule, the words its matches start with: a sentence with none of them is not searched with that rule."""


def _may_move(text: str) -> bool:
    return not _VERB_WORDS.isdisjoint(_WORDS.findall(text.lower()))


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
        if not _may_move(paragraph) or not (here or _COUNTRY_RE.search(paragraph) or (context and _here_or_arrival(paragraph))):
            context.extend(here)  # no movement, or no place to go to nor one named before to stand for "here"
            continue
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
        context.extend(here)
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


def country_of(place: Place) -> Country | None:
    """The country a place is, when it is one."""
    return None if place.site else _BY_ISO.get(place.iso or "")


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


def flow_features(ws: Workspace, flows: Sequence[Flow]) -> list[dict]:
    """GeoJSON LineString features of the flows whose ends can be placed, from the origin through its waypoints
    to the destination, marked `"feature": "flow"` so that no reader takes them for sites."""
    features = []
    for f in flows:
        points = [point_of(ws, f.origin), *(point_of(ws, Place(site=v)) for v in f.via), point_of(ws, f.destination)]
        if any(p is None for p in points):
            continue
        features.append({
            "type": "Feature",
            "id": f"flow:{f.id}",
            "geometry": {"type": "LineString", "coordinates": [[p[0], p[1]] for p in points if p is not None]},
            "properties": {"feature": "flow", **f.record()},
        })
    return features
