"""Find every occurrence of every site's names in article text.

Matching is on folded word tokens (case, accents and punctuation ignored, whole words only) through a
dictionary keyed by each name's first word, so cost grows with the text, not with the gazetteer.
The longest name wins at each position ("Kursk region" over "Kursk"); `exclude` phrases
("Washington Post") enter the same table as names that point nowhere, so they win the same way.
"""

from __future__ import annotations

import bisect
import re
from collections import ChainMap, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from itertools import compress, count

from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.model import Article, Claim, Mention, Site
from mapviewer.core.sentences import around, sentence_spans
from mapviewer.core.textnorm import Words, key

_REGION_WORDS = lazy_compile(r"\b(regions?|oblasts?|provinces?)\b", re.IGNORECASE)
_REGION_NEXT = lazy_compile(r"(the|this|that) (region|oblast|province)\b", re.IGNORECASE)  # matched at a sentence's start
_UNLABELLED = Claim("context", ())  # Mention's default claim, one shared instance rather than one per mention


@dataclass(frozen=True, slots=True)
class _Entry:
    words: tuple[str, ...]
    site_id: str | None  # None: an exclusion phrase, a match that is not a mention
    needs_capital: bool


class AliasIndex:
    """Names and aliases of many sites, ready to be matched against text.

    Names are keyed by their whole folded word sequence; per first word only the few distinct name
    lengths are tried, longest first, so a common first word ("San", "New") costs a handful of dict
    lookups rather than a scan of every name that starts with it. A site with a `scope` has its names
    only in those articles, where they come before every other site's (see Site.scope).
    """

    def __init__(self, sites: Iterable[Site]) -> None:
        self.sites: dict[str, Site] = {}
        self._names: dict[tuple[str, ...], _Entry] = {}
        self._name_key: dict[str, tuple[str, ...]] = {}  # folded own name of sites that have a region
        self._surfaces: dict[str, str] = {}  # one string per distinct surface form, shared by its mentions
        self._scoped: dict[str, dict[tuple[str, ...], _Entry]] = {}  # article id -> its own names
        self._in_article: dict[str, tuple[Mapping[tuple[str, ...], _Entry], Mapping[str, list[int]]]] = {}  # _names_in's
        sites = list(sites)
        for site in sites:
            self.sites[site.id] = site
            name_key = key(site.name)
            if site.admin_region:
                self._name_key[site.id] = name_key
            if site.scope:
                for article_id in site.scope:
                    own = self._scoped.setdefault(article_id, {})
                    for name in (site.name, *site.aliases):
                        if words := key(name):
                            own.setdefault(words, _Entry(words, site.id, needs_capital=name != name.lower()))
                continue
            self._add(site.name, site.id, name_key)
            for name in site.aliases:
                self._add(name, site.id)
        for site in sites:  # after every name, so an exclusion never shadows another site's name
            for phrase in site.exclude:
                self._add(phrase, None)
        lengths: dict[str, set[int]] = defaultdict(set)
        for words in self._names:
            lengths[words[0]].add(len(words))
        self._lengths = {w: sorted(ls, reverse=True) for w, ls in lengths.items()}

    def _add(self, name: str, site_id: str | None, words: tuple[str, ...] | None = None) -> None:
        if words is None:
            words = key(name)
        if words and words not in self._names:
            self._names[words] = _Entry(words, site_id, needs_capital=name != name.lower())

    def owner(self, name: str) -> str | None:
        """The site a name belongs to, if any."""
        entry = self._names.get(key(name))
        return entry.site_id if entry else None

    def matches(self, text: str, article_id: str | None = None) -> Iterator[tuple[int, int, str]]:
        """Yield (start, end, site id) for each non-overlapping name occurrence in `text` (of the article
        `article_id`, whose scoped names count too)."""
        for start, end, entry in self._scan(text, article_id):
            yield start, end, entry.site_id  # type: ignore[misc]  # _scan drops exclusions

    def _names_in(self, article_id: str | None) -> tuple[Mapping[tuple[str, ...], _Entry], Mapping[str, list[int]]]:
        """The names to look for in one article, and their lengths per first word: every unscoped name, and the
        article's own scoped names before them (chained, not copied: a large workspace has 100,000s of names). Made once
        per article (find_mentions scans it passage by passage)."""
        if article_id is None or not (own := self._scoped.get(article_id)):
            return self._names, self._lengths
        made = self._in_article.get(article_id)
        if made is None:
            own_lengths: dict[str, list[int]] = {}
            for words in own:
                own_lengths[words[0]] = sorted({*own_lengths.get(words[0], self._lengths.get(words[0], ())), len(words)}, reverse=True)
            made = self._in_article[article_id] = (ChainMap(own, self._names), ChainMap(own_lengths, self._lengths))
        return made

    def _scan(self, text: str, article_id: str | None = None) -> list[tuple[int, int, _Entry]]:
        """(start, end, entry) of each name occurrence, exclusions already dropped.

        Only words that open some name are looked at (found in one pass over the word list), so the
        per-word cost of the text is a set-membership test.
        """
        toks = Words(text)
        words = toks.words
        names, lengths = self._names_in(article_id)
        n = len(words)
        found: list[tuple[int, int, _Entry]] = []
        resume = 0  # the first word not inside an earlier match
        for i in compress(count(), map(lengths.__contains__, words)):  # words that open a name, found in C
            if i < resume:
                continue
            for size in lengths[words[i]]:
                if i + size > n:
                    continue
                entry = names.get(tuple(words[i : i + size]))
                if entry is None:
                    continue
                start = toks.start(i)
                if entry.needs_capital and not (
                    text[start].isupper() or any(text[toks.start(j)].isupper() for j in range(i + 1, i + size))
                ):
                    continue  # "turkey" the bird is not "Turkey"; a proper name needs a capital
                if entry.site_id is not None:
                    found.append((start, toks.end(i + size - 1), entry))
                resume = i + size
                break
        return found


COMPOUND_MODIFIER = lazy_compile(
    r"[-‐‑](?:based|backed|led|controlled|run|made|born|bound|owned|linked|allied|affiliated|supported|sponsored|funded|headquartered)\b"
)
"""A name glued to one of these by a hyphen makes an adjective ("Washington-based", "Moscow-backed")."""

_WEAPON_AFTER = lazy_compile(
    r"(?:[-‐‑]\d{1,3}[A-Z]?\b(?![-‐‑])|[-‐‑\s]class\b"
    r"|(?:\s+(?:long|short|medium|intermediate)[-‐‑]range)?(?:\s+(?:ballistic|cruise|intercontinental|space))?\s+(?:missiles?|rockets?|ICBMs?)\b"
    r"(?!\s+(?:strikes?|attacks?|sites?|bases?|launch(?:es)?|facilit(?:y|ies)|tests?|plants?|factor(?:y|ies)|units?|regiments?|brigades?)\b))"
)
"""What follows a name that designates a weapon or a craft named after a place: a model number glued by a hyphen
("Hwasong-15", "Su-25": a missile, an aircraft), a ship's class ("the Sinpo-class submarine", "Nampo class
corvettes") or a missile word ("two Nodong missiles", "a Musan long-range ballistic
missile"; not "the Sohae missile site" or "Kharkiv missile strikes", said of the place)."""


def names_a_weapon(text: str, end: int) -> bool:
    """The name ending at `end` designates a weapon or a craft (_WEAPON_AFTER), not a place."""
    return _WEAPON_AFTER.match(text, end) is not None


_INSTITUTION_AFTER = lazy_compile(
    r"\s+(?:Times|Post|Herald|Tribune|Journal|Gazette|[Nn]ewspaper|Daily|Chronicle|Telegraph|Independent|(?:State\s+|National\s+|Medical\s+|Technical\s+)?University|Institute|College|Academy"
    r"|Brigade|Battalion|Regiment|Division|Corps|Fleet|Military\s+District|Court|Police"
    r"|[Rr]egional\s+(?:[Ss]tate\s+|[Mm]ilitary\s+)?[Aa]dministration)\b"
)
"""A place name before one of these modifies it: a newspaper, a university or college, an administration, a unit ("the
New York Times", "New York University", "Mount Hermon College", "Kharkiv Regional State Administration", "the Khan
Younis Brigade"). ("Moscow troops"
is left alone: "near Kursk and Pivnichne troops moved" runs two sentences together as often.)"""


def names_an_institution(text: str, end: int) -> bool:
    """The place name ending at `end` names part of an institution's name, not the place."""
    return _INSTITUTION_AFTER.match(text, end) is not None


_EVENT_OR_OFFICE_AFTER = lazy_compile(r"\s+(?:war|conflict|health\s+(?:ministry|officials|authorities))\b(?!\s+zones?\b)")
_PREPOSITION_BEFORE = lazy_compile(r"\b(?i:in|at|near|from|into|inside|outside|across)\s+$")


def names_a_war_or_office(text: str, start: int, end: int) -> bool:
    """ "the Gaza war", "the X conflict", "X health officials said": the place name ending at `end` names a war or an
    office after the place, not a place where something is (not "the X war zone"; not after a bare preposition, where a
    run-on sentence may follow the place: "in X health officials said")."""
    return _EVENT_OR_OFFICE_AFTER.match(text, end) is not None and _PREPOSITION_BEFORE.search(text, max(0, start - 10), start) is None


_CHANNEL = r"(?i:telegram|tv|television|youtube)\s+channels?"
_CHANNEL_AFTER = lazy_compile(r"\s+" + _CHANNEL + r"\b")
_CHANNEL_BEFORE = lazy_compile(r"(?<!\bhis )(?<!\bher )(?<!\bits )(?<!\btheir )(?<!\bmy )\b" + _CHANNEL + r"\s+$")


def names_a_channel(text: str, start: int, end: int) -> bool:
    """ "the Telegram channel Baza", "the Mash Telegram channel": the name of a channel, not a place (not after "his
    Telegram channel", someone's own, where a run-on sentence may go on with a place)."""
    return _CHANNEL_AFTER.match(text, end) is not None or _CHANNEL_BEFORE.search(text, max(0, start - 30), start) is not None


def part_of_another_name(text: str, start: int, end: int) -> bool:
    """The place name at `start`..`end` only makes part of another name, so no place is named: an adjective ("a
    Washington-based think tank"), an institution ("the New York Times"), a weapon ("Taepodong-2"), a war or an office
    ("the Gaza war") or a channel ("the Telegram channel Baza"). Loading and ingest both skip such names."""
    return bool(
        COMPOUND_MODIFIER.match(text, end + text.startswith(".", end))
        or names_an_institution(text, end)
        or names_a_weapon(text, end)
        or names_a_war_or_office(text, start, end)
        or names_a_channel(text, start, end)
    )


_FACILITY_AFTER = lazy_compile(
    r"\s+(?P<head>[Pp]ort|[Ss]eaport|[Hh]arbou?r|[Aa]ir\s?[Bb]ase|[Aa]irfield|[Aa]irport|[Cc]rossing|[Ss]hipyard|[Dd]ockyard"
    r"|[Rr]ailway [Ss]tation|[Bb]ridge|[Cc]osmodrome|[Ss]paceport)\b"
)
_NOT_FACILITY = frozenset(["city", "town", "village", "region", "country", "area", "water"])


def other_facility_after(text: str, end: int, site: Site) -> bool:
    """The alias of a facility site ("Vostochny" for the Vostochny Cosmodrome) is followed by the head word of
    another kind of facility ("Vostochny Port"): the text names a namesake, not the site."""
    if site.kind in _NOT_FACILITY:
        return False
    m = _FACILITY_AFTER.match(text, end)
    if m is None:
        return False
    head = re.sub(r"\s+", "", m.group("head").lower())
    return head not in re.sub(r"\s+", "", site.name.lower())


_LISTED_NAME = r"(?-i:[A-Z][\w'’-]*)(?:\s+(?-i:[A-Z][\w'’-]*)){0,2}"
_FACILITY_OF_BEFORE = lazy_compile(
    r"(?i)\b(port|harbou?r|seaport|terminal|air\s?base|airfield|airport|station|plant|factory|depot|arsenal|cosmodrome"
    r"|spaceport|base)(?:\s+of\s+|(?:e?s)\s+of\s+(?:" + _LISTED_NAME + r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)){0,4})$"
)
"""A facility word with "of" right before a name; in the plural ("the ports of X and Y") before the list it ends."""


def facility_head_before(text: str, start: int) -> str:
    """ "the port of Vostochny", "the ports of Dunai and Vostochny": the facility word written before the name (or
    before the list it ends) with "of" ("" when there is none)."""
    m = _FACILITY_OF_BEFORE.search(text, max(0, start - 90), start)
    return m.group(1) if m else ""


def other_facility_before(text: str, start: int, site: Site) -> bool:
    """ "the port of Vostochny": a facility word of another kind written before the alias of a facility site."""
    head = facility_head_before(text, start)
    if not head or site.kind in _NOT_FACILITY:
        return False
    return re.sub(r"\s+", "", head.lower()) not in re.sub(r"\s+", "", site.name.lower())


def find_mentions(article: Article, index: AliasIndex) -> list[Mention]:
    """Every mention of a known site in the article's passages and headline, in text order.

    A city's bare name means its region when the sentence (or the next one's opening) says region; a
    fuller name ("Kursk city") keeps its own meaning. One sense per discourse: once an article uses a
    city's bare name for its region ("Donetsk, a front line region"), its other bare uses of that
    name in the same article mean the region too.
    """
    mentions: list[Mention] = []
    regional: set[tuple[str, str]] = set()  # (city id, surface words) used for the region here
    sites = index.sites
    name_key = index._name_key
    surfaces = index._surfaces
    article_id = article.id
    for number, p_start, p_end, source in article.passage_spans(with_title=True):  # source: the text the offsets index
        text = source[p_start:p_end]
        found = index._scan(text, article_id)
        if not found:
            continue
        spans = sentence_spans(text)
        ends = [e for _, e in spans]
        last = len(spans) - 1
        for start, end, entry in found:
            if part_of_another_name(text, start, end):
                continue  # "a Washington-based think tank", "the Gaza war": part of another name, no place named
            site_id: str = entry.site_id  # type: ignore[assignment]  # _scan drops exclusions
            if other_facility_after(text, end, sites[site_id]):
                continue  # "Vostochny Port" is not the Vostochny Cosmodrome whose alias "Vostochny" it starts with
            if other_facility_before(text, start, sites[site_id]):
                # "the port of Vostochny": the site called "Vostochny Port" when there is one, never the cosmodrome
                headed = index.owner(f"{text[start:end]} {facility_head_before(text, start)}")
                if headed is None:
                    continue
                site_id = headed
            k = min(bisect.bisect_right(ends, start), last)
            s_start, s_end = around(text, *spans[k], start, end)  # a run-on "sentence" is quoted near the name only
            surface = text[start:end]
            surface = surfaces.setdefault(surface, surface)
            resolved = site_id
            own = name_key.get(site_id)
            if own is not None and entry.words == own:  # the bare name of a city that has a region
                region = sites[site_id].admin_region
                if region in sites:
                    following = _REGION_NEXT.match(text, *spans[k + 1]) if k < last else None  # in place: no copy
                    if _REGION_WORDS.search(text, s_start, s_end) or following:
                        resolved = region  # type: ignore[assignment]
                        regional.add((site_id, surface))
            abs_start = p_start + start
            mentions.append(
                Mention(
                    id=f"{article_id}:{abs_start}",
                    article_id=article_id,
                    paragraph=number,
                    start=abs_start,
                    surface=surface,
                    site_id=resolved,
                    lead=start - s_start,
                    tail=s_end - end,
                    source=source,
                    claim=_UNLABELLED,
                )
            )
    if not regional:
        return mentions
    return [_as_region(m, index) if (m.site_id, m.surface) in regional else m for m in mentions]


def _as_region(mention: Mention, index: AliasIndex) -> Mention:
    region = index.sites[mention.site_id].admin_region
    return replace(mention, site_id=region) if region else mention
