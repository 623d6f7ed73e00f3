"""Every name the layers know in one passage, and the choice among overlapping ones."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import lru_cache

from mapviewer.core.ingest.altnames import main_name_elsewhere, spelt_as_main
from mapviewer.core.ingest.arabic_script import arabic_place_names
from mapviewer.core.ingest.candidates import (
    COMMON_WORDS,
    KOREA,
    NEEDS_MATE,
    NEEDS_SUPPORT,
    ORGANISATION_WORDS,
    STRONG,
    Toponym,
    area_phrases,
    find_toponyms,
    longer_name,
    not_a_place_phrase,
    numbered_parts,
    respellings,
)
from mapviewer.core.ingest.capital_phrases import capital_phrases
from mapviewer.core.ingest.compounds import compound_start
from mapviewer.core.ingest.dateline import is_dateline
from mapviewer.core.ingest.geo_index import GeoIndex, geo_index
from mapviewer.core.ingest.place_lists import UNIT_HEADS, shared_head_items, shared_unit_lists
from mapviewer.core.ingest.places.context import city_place
from mapviewer.core.ingest.places.lexicon import NOT_A_CITY, NOT_PLACE_START, ORG_WORDS, REGION_WORDS
from mapviewer.core.ingest.places.mccune import mccune_names
from mapviewer.core.ingest.places.native import native_spans
from mapviewer.core.ingest.places.spans import (
    CitySpan,
    CountrySpan,
    DemonymSpan,
    PhraseSpan,
    RefSpan,
    RegionSpan,
    SharedSpan,
    SiteSpan,
    Span,
    ToponymSpan,
    UnitSpan,
)
from mapviewer.core.ingest.places.tables import Gazetteer, capital_city, gazetteer, reference_places, unpopulated
from mapviewer.core.ingest.placetypes import Place
from mapviewer.core.ingest.refnames import RefVariants, after_article
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.mentions import AliasIndex
from mapviewer.core.textnorm import fold, key, words_and_bounds

_PLACE_HEADS = (
    "station|complex|cosmodrome|spaceport|center|centre|support area|bases|base|airbases|airbase|air base|airfield|airport|heliport|helipad|runway|port|harbou?r|bridge|strait|sea|river|"
    "plant|factory|shipyard|mine|site|range|ground|reactor|dam|canal|island|islands|peninsula|mountain|mountains|lake|bay|"
    "oblast|province|region|krai|county|district|republic|valley|pass|railway station|terminal|depot|arsenal|works|facility|"
    "corridor|crossing|checkpoint|neighbou?rhood|refugee camp|quarter|test stand|launch pad|"
    "(?:rail|railroad|railway|road|border)\\s+(?:crossing|bridge|checkpoint)|square|street|avenue|highway|road|portal|tunnel|"
    "stadium|prison|hospital|hotel|campus|airstrip|reservoir|heights|ridge|gorge|forestry|forest|hromada|raion|rayon|municipality|junction|roundabout|intersection|"
    "main line|gate|warehouses?|shrine|palace"
)


_PHRASE = lazy_compile(
    r"(?:\b[Tt]he\s+)?((?:(?:a[lnrstdz]|el|ash)-)?(?:[A-Z][\w’'.-]*\s+)(?:(?:of|de|the|and|[A-Z0-9][\w’'.-]*)\s+){0,5}?(?:[A-Z][\w-]*\s+)?(?i:"
    + _PLACE_HEADS
    + r"))\b",
)


_LENGTHS: dict[int, tuple[Mapping, dict[str, tuple[int, ...]]]] = {}


_SIDE_WORDS = frozenset(["western", "eastern", "northern", "southern"])
"""A lower-case side word that may open a listed name ("western Beqaa Valley" is the Western Beqaa District); not the
bare "north" of "north Pyongyang" (the north of the city) or "east" of "the east sea"."""


def _respelled_ref(
    window: list[str],
    bounds: list[int],
    i: int,
    ref_table: dict[tuple[str, ...], Place],
    ref_first: dict[str, int],
    korean: bool,
) -> list[Span]:
    """The reference place named by the words `window` (from word i) in another romanisation (candidates.respellings
    of its words; in a passage about Korea, Revised Romanisation's voiced initial too: "Jagang" for Chagang), if
    any."""
    alts = [[next(iter(respellings(w)), w) for w in window]] if any("ph" in w for w in window) else []
    if korean and window:
        alts += [[first, *window[1:]] for first in respellings(window[0], korean=True)]
    for alt in alts:
        for size in range(min(ref_first.get(alt[0], 0), len(alt)), 0, -1):
            k = tuple(alt[:size])
            if k in ref_table:
                return [RefSpan(bounds[2 * i], bounds[2 * (i + size) - 1], 1, ref_table[k])]
    return []


def _lengths_by_first(table: Mapping[tuple[str, ...], object], longest: int) -> dict[str, tuple[int, ...]]:
    """First word -> the lengths (in words, at most `longest`, longest first) of the table's names it opens.

    Trying only lengths some name has, instead of every length up to `longest`, finds the same names;
    computed once per table (the table is kept alongside, so its id cannot be reused).
    """
    cached = _LENGTHS.get(id(table))
    if cached is None or cached[0] is not table:
        sizes: dict[str, set[int]] = {}
        for k in table:
            if 0 < len(k) <= longest:
                sizes.setdefault(k[0], set()).add(len(k))
        cached = _LENGTHS[id(table)] = (table, {w: tuple(sorted(v, reverse=True)) for w, v in sizes.items()})
    return cached[1]


def names_in_passage(text: str, known: AliasIndex, g: Gazetteer) -> list[Span]:
    """Every name the layers know in one passage; overlaps are left for `choose`.

    Each capitalised word costs a few dict lookups: only name lengths that occur after that first
    word are tried, so the work grows with the passage, whatever its length.
    """
    spans: list[Span] = [SiteSpan(s, e, 0, site_id) for s, e, site_id in known.matches(text)]
    words, bounds = words_and_bounds(text)  # as tokens(text), split in bulk: word i is text[bounds[2i]:bounds[2i+1]]
    n = len(words)
    ref_table, ref_first = reference_places()
    ref_longest = max(ref_first.values(), default=0)
    tables: list[tuple[Mapping[tuple[str, ...], str], dict[str, tuple[int, ...]], type[CountrySpan]]] = [
        (table, _lengths_by_first(table, 6), kind) for table, kind in ((g.country_names, CountrySpan), (g.demonyms, DemonymSpan))
    ]
    city_first = g._first
    cities = g.cities
    toks = list(zip(words, bounds[0::2], bounds[1::2]))  # (word, start, end), as tokens(text)
    index = geo_index()
    shouting = _mostly_capitals(text)
    korean = KOREA.search(text) is not None
    site_spans = [(s.start, s.end) for s in spans]

    def known_word(word: str, at: int) -> bool:  # a place of its own: "Kharkiv-Belgorod" is a pair of places
        return ((word,) in cities or (word,) in ref_table or (word,) in g.country_names or (word,) in g.demonyms
                or any(a <= at < b for a, b in site_spans))  # fmt: skip

    for i, (word, start, _end) in enumerate(toks):
        if not text[start].isupper() and not text[start].isdigit():
            continue
        city_words = 0
        no_town = word in NOT_A_CITY or (not shouting and _acronym(text, start, _end))  # "NIS", "Hamas", "Asia"
        if i and words[i - 1] in _SIDE_WORDS:  # "the western Beqaa Valley": a listed part of a listed area
            for size in range(min(ref_first.get(words[i - 1], 0), n - i + 1), 1, -1):
                k = tuple(words[i - 1 : i - 1 + size])
                if k in ref_table:
                    spans.append(RefSpan(bounds[2 * i - 2], bounds[2 * (i - 1 + size) - 1], 1, ref_table[k]))
                    break
        for size in range(min(ref_first.get(word, 0), n - i), 0, -1):
            k = tuple(words[i : i + size])
            if k in ref_table:
                spans.append(RefSpan(start, bounds[2 * (i + size) - 1], 1, ref_table[k]))
                break
        else:  # "North Phyongan Province", "Jagang": a name listed in another romanisation
            spans.extend(_respelled_ref(words[i : i + ref_longest], bounds, i, ref_table, ref_first, korean))
        spans.extend(_variant_ref(words, bounds, i, g, index))  # "Chiha-ri missile base", "Sunchon air base"
        if i and text[bounds[2 * i - 2]].islower() and text[bounds[2 * i - 1] : start] == "-":  # "in al-Mawasi"
            after = after_article(ref_table, ref_first, words, i)
            if after is not None:
                spans.append(RefSpan(bounds[2 * i - 2], bounds[2 * (i - 1 + after[0]) - 1], 1, after[1]))
        for table, lengths, kind in tables:
            for size in lengths.get(word, ()):
                if i + size <= n:
                    k = tuple(words[i : i + size])
                    if k in table:
                        spans.append(kind(start, bounds[2 * (i + size) - 1], 1, table[k]))
                        break
        for size in range(0 if no_town else min(city_first.get(word, 0), n - i), 0, -1):  # as Gazetteer.longest_city
            k = tuple(words[i : i + size])
            if k in cities:
                if longer_name(text, toks, i, size):
                    break  # "Nikolaevo-Darino", "Malaya Loknya": a longer name than the city's; left to the index
                joined_at = compound_start(text, toks, i, known_word) if size == 1 else None
                if joined_at is not None:  # "Gora-Podol": one village's name, not the city "Podol"
                    spans.append(ToponymSpan(joined_at, _end, 5, _compound(text, joined_at, _end, index)))
                    break
                towns = cities[k]
                if main_name_elsewhere(k, (c.gid for c in towns), not any(spelt_as_main(k, c.name, c.primary) for c in towns), index):
                    break  # "Oleksandrivka": an old name of Donetsk, the main name of villages; the index weighs all
                end = bounds[2 * (i + size) - 1]
                if i + size < n and words[i + size] in REGION_WORDS:
                    nxt_start, nxt_end = bounds[2 * (i + size)], bounds[2 * (i + size) + 1]
                    if text[end:nxt_start].strip() == "":
                        spans.append(RegionSpan(start, nxt_end, 2, k, text[nxt_start:nxt_end]))
                spans.append(CitySpan(start, end, 3, k))
                city_words = size
                break
        top = None if no_town else find_toponyms(text, toks, i, index, city_words)  # GeoNames down to 500 people, cues
        if top is not None:
            spans.append(ToponymSpan(top.start, top.end, 3 if top.hits else 5, top))
    for m in _RATED_REACTOR.finditer(text):  # "the five megawatts electric reactor": one reactor of the site reported on
        spans.append(PhraseSpan(m.start("r"), m.end("r"), 4, m.group("r")))
    for m in _ARTICLE_NAME_CAMP.finditer(text):  # "in Al-Amari camp": a camp named with the Arabic article
        spans.append(PhraseSpan(m.start(), m.end(), 4, m.group(0)))
    for start, end in arabic_place_names(text):  # "وادي عزّة" (Wadi Azza) in a quoted tweet: listed for review
        spans.append(ToponymSpan(start, end, 5, Toponym(start, end, text[start:end], (), "head", STRONG)))
    spans.extend(native_spans(text, lambda t: choose(names_in_passage(t, known, g)), mccune_names(text)))  # "지하리", "Суджа",
    # "Shin'gye-kun": romanised as the tables spell them
    for top in numbered_parts(text):  # "Tunnel No. 3", "Portal 2": a part of the site the article is about
        spans.append(ToponymSpan(top.start, top.end, 2, top))
    for top in area_phrases(text, lambda w, dem: g.country_names.get(w) or (g.demonyms.get(w) if dem else None)):  # parts of countries, borders, seas
        spans.append(ToponymSpan(top.start, top.end, 2, top))
    for start, end, iso in capital_phrases(text, lambda w, dem: (g.demonyms if dem else g.country_names).get(w)):
        capital = capital_city(iso, g)  # "Iran's capital": Tehran
        if capital is not None:
            spans.append(RefSpan(start, end, 1, replace(city_place(capital), coord_source=f"capital of {iso}: GeoNames {capital.gid}")))
    for a, b, head in shared_head_items(text):  # "the Nuseirat and Bureij refugee camps": a camp each
        k = key(text[a:b])  # (a name the tables read: "two camps" make no camp of any capitalised word)
        if k in cities or any(h.words == len(k) for h in index.lookup(list(k))):
            spans.append(SharedSpan(a, b, 2, f"{text[a:b]} {head}"))  # placed at its town, else dropped
    for units in shared_unit_lists(text):  # "the Rylsky and Khomutovsky districts", "X, Y and Z districts": a district each
        for a, b, head in units:
            a = _unit_name_start(text, a, b)
            if a >= b or (len(units) > 2 and _a_city_by_name(key(text[a:b]), g)):
                continue  # in a longer list a city keeps its own reading ("the Kharkiv, Izium and Kupiansk districts")
            written = _HEAD_WORD.match(text, b)  # the last item's span takes the head word written after it
            spans.append(UnitSpan(a, b if written is None else written.end(), 2, f"{text[a:b]} {head}"))  # before a town
    for m in FACILITY_OF_TOWN.finditer(text):  # "the Natanz nuclear facility": a site near the town, not the town
        cut = _owner_named(m.group("town"), g, index) or 0  # "Iran's Khorgo missile base": Khorgo's, of Iran
        town = key(m.group("town")[cut:])
        if town and town[0] not in COMMON_WORDS and town[0] not in NOT_PLACE_START and town not in g.demonyms:
            spans.append(PhraseSpan(m.start() + cut, m.end(), 4, m.group(0)[cut:]))
    named_at = {(s.start, s.end) for s in spans if s.what in ("site", "ref")}
    for m in _PHRASE.finditer(text):
        phrase, start = _within_sentence(m.group(1), m.start(1))
        phrase, start = _after_an_opening_preposition(phrase, start)  # "In the X forestry, ...": the name after it
        phrase, start = _after_a_known_name(phrase, start, g)  # "Kiryat Shmona and the Hula Valley": two names
        phrase, start = _unit_after_of(phrase, start)  # "X of the Klimovsky district": a village, then its district
        phrase, start = _after_an_owner(phrase, start, g, index)  # "North Korea's Sohae ...": the name is after it
        phrase_key = key(phrase)
        if not phrase_key or phrase_key[0] in NOT_PLACE_START or any(w in ORG_WORDS for w in phrase_key):
            continue
        if len(phrase_key) < 2 or not_a_place_phrase(phrase, text[m.end(1) :]):  # units, institutions
            continue
        if _NAME_GOES_ON.match(text, m.end(1)):
            continue  # "the Belt and Road Initiative", "the Kharkiv Airport Authority": a longer name, not a place
        if _HEAD_AS_MODIFIER.match(text, m.end(1)):
            continue  # "the Israeli ground offensive", "a Russian sea drone": the head word qualifies another noun
        if _owner_only(phrase, g):
            continue  # "a Hamas tunnel", "the North Korean port of X", "a Russian air base": whose it is, no name
        if _OWNER_OF_HEAD.search(phrase):
            continue  # "Dana Levi’s neighborhood", "Kharkiv’s airport": whose it is; a place owner is found on its own
        part = _PART_HEAD.search(phrase)
        if part is not None and (start, start + part.start()) in named_at:
            continue  # "the Kursk-Khalino runway": a part of the listed or known site its name names, read as that site
        spans.append(PhraseSpan(start, start + len(phrase.rstrip(" .")), 4, phrase))
    return _lists_of_known_names(absorb_variants(spans), text)


def _compound(text: str, start: int, end: int, index: GeoIndex) -> Toponym:
    """The hyphenated compound text[start:end] as a candidate of its own, with the index's readings of it."""
    words = list(key(text[start:end]))
    hits = tuple(h for h in index.lookup(words) if h.words == len(words))
    return Toponym(start, end, text[start:end], hits, "compound", STRONG)


_RATED_REACTOR = lazy_compile(
    r"(?<![\w-])(?i:the)\s+(?P<r>(?:\d+|one|two|three|four|five|six|seven|eight|ten|twenty|thirty|fifty|hundred)[\s-]?"
    r"(?:megawatts?|MW[et]?)(?:[\s-](?:electric|electrical|thermal))?\s+(?:research\s+)?reactor)\b"
)
"""A reactor named by its rating after "the" ("the 5 MWe reactor", "the five megawatts electric reactor"): one
reactor the article's reader knows, listed for review (and put at the one site the article places by ties.py)."""


_ARTICLE_NAME_CAMP = lazy_compile(r"(?<![\w’'-])(?:A[lnrstdz]|El)-[A-Z][\w’']*\s+camp\b")
"""A camp named with the Arabic article opening its name ("Al-Amari camp", "El-Bureij camp"): a refugee camp, the
way Palestinian writers shorten it; a name without the article before "camp" may be a side's ("the Trump camp")."""


FACILITY_OF_TOWN = lazy_compile(
    r"(?<![\w’'-])(?P<town>(?!The\s)[A-Z][\w’'-]+(?:[\s-][A-Z][\w’'-]+)?)\s+"
    r"(?:(?:nuclear|atomic|power|thermal|hydroelectric|enrichment|uranium|missile|military|naval|air|rail|railway|oil|gas|fuel"
    r"|ammunition|arms|weapons|drone|test|testing|launch|chemical|steel|metallurgical|aluminium|aluminum|coal|submarine|training"
    r"|storage|research|space|satellite|explosives|tank|aircraft|engine|religious|container|fishing|cargo|machine-building)\s+){1,2}"
    r"(?:facility|facilities|plant|(?<=power\s)plants|base|airbase|airfield|site|complex|arsenal|depot|reactor|shipyard|refinery|terminal|port|harbou?r|range"
    r"|ground|factory|works|centre|center|station)\b"
)
"""A town's name before a facility described in lower case ("the Natanz nuclear facility", "Engels air base",
"the Kursk nuclear power plant", "the X oil port", "the X religious site"): the mention is the facility, near the town but
seldom at it. A sentence's opening "The" is no part of the town's name ("The X missile test site near ...")."""


_HEAD_WORD = lazy_compile(r"\s+(?i:" + "|".join(UNIT_HEADS) + r")\b")


def _a_city_by_name(k: tuple[str, ...], g: Gazetteer) -> bool:
    """`k` names a city of the tables by its main name or a romanisation of it (not an old name: "al-Thawra", Tabqa)."""
    return k in g.cities and any(spelt_as_main(k, c.name, c.primary) for c in g.cities[k])


def _unit_name_start(text: str, a: int, b: int) -> int:
    """Where a unit's name starts in the list item text[a:b]: after an owner's possessive ("Sanaa's al-Thawra") or a
    word that opens no name ("In Rylsky")."""
    for m in re.finditer(r"\S+\s+", text[a:b]):
        word = m.group().strip()
        if not (re.search(r"['’]s?$", word) or fold(word) in NOT_PLACE_START):
            break
        a += len(m.group())
    return a


_NAME_GOES_ON = lazy_compile(r" (?!(?:Oblast|Region|Province|Krai|District|County|Raion)\b)[A-Z][a-z]")
"""A capitalised word glued after a place phrase: the phrase is the start of a longer name."""


def _within_sentence(phrase: str, start: int) -> tuple[str, int]:
    """The part of a capitalised phrase after the last sentence end inside it ("Kursk. The region" -> "region"
    is not a name; "West. The Alabuga plant" -> "Alabuga plant"), with its start; a leading "The" dropped."""
    cut = max(phrase.rfind(". "), phrase.rfind(".\n"))
    if cut < 0:
        return phrase, start
    rest = phrase[cut + 1 :].lstrip()
    start += len(phrase) - len(rest)
    if rest[:4].lower() == "the ":
        rest, start = rest[4:], start + 4
    return rest, start


def _mostly_capitals(text: str) -> bool:
    """A heading or shouted line written in capitals: there a capitalised word says nothing."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.6 * len(letters)


def _acronym(text: str, start: int, end: int) -> bool:
    """A word written all in capitals in ordinary text ("the NIS said", "HVASON missiles"): an acronym or a model,
    not a town, unless it opens its passage as a dateline ("KYIV, Ukraine —", "SEOUL (AP) —")."""
    word = text[start:end]
    if len(word) < 2 or not word.isupper() or not word.isalpha():
        return False
    if is_dateline(text, start, end, colon=False):
        return False
    # "DUBAI: An explosion ...": a colon dateline only for a capital or a city of half a million, where news
    # bureaus file from ("NATO: ...", "WARREN: ..." are an acronym and a heading)
    return not (is_dateline(text, start, end) and _bureau_city(key(word)))


def absorb_variants(spans: list[Span]) -> list[Span]:
    """Known sites absorb their variants: a descriptive phrase or area around a known site's name ("Russia's
    Kursk region" around "Kursk region") is that site, not a new one."""
    sites = sorted((s.start, s.end) for s in spans if s.what == "site")
    if not sites:
        return spans
    starts = [a for a, _ in sites]

    def inside(s: Span) -> bool:  # a known site's name strictly inside `s`: only sites starting within it are looked at
        i = bisect_left(starts, s.start)
        while i < len(sites) and sites[i][0] < s.end:
            a, b = sites[i]
            if b <= s.end and (a, b) != (s.start, s.end):
                return True
            i += 1
        return False

    return [s for s in spans if s.what not in ("phrase", "toponym", "unit") or not inside(s)]


def choose(spans: Iterable[Span]) -> list[Span]:
    """Longest span first, stronger layer on ties; drop what overlaps an accepted span.

    Accepted spans are marked character by character in one bytearray over the passage, so testing
    a span costs its own length (a C-level find), not a pass over everything accepted before: a
    paragraph with a hundred thousand names is as cheap per name as one with ten.
    """
    spans = sorted(spans, key=lambda s: (-(s.end - s.start), s.layer, s.start))
    if not spans:
        return []
    taken = bytearray(max(s.end for s in spans))
    accepted: list[Span] = []
    for s in spans:
        if taken.find(1, s.start, s.end) < 0:  # spans are never empty: every one holds a word
            taken[s.start : s.end] = b"\x01" * (s.end - s.start)
            accepted.append(s)
    return sorted(accepted, key=lambda s: s.start)


def a_persons_name(s: Span, text: str, persons: frozenset[str]) -> bool:
    """A candidate the article elsewhere writes as a person's name after a title (a name the gazetteer may also know)."""
    return s.what == "toponym" and text[s.start : s.end] in persons


def countries_inside(spans: list[Span], chosen: list[Span]) -> list[CountrySpan]:
    """Country names a longer chosen phrase or area swallowed ("Russia's Kursk region", "the border with Israel")."""
    outer = [(c.start, c.end) for c in chosen if c.what in ("phrase", "toponym")]
    if not outer:
        return []
    picked = {id(c) for c in chosen}
    return [s for s in spans if isinstance(s, CountrySpan) and s.what == "country" and id(s) not in picked and any(a <= s.start and s.end <= b for a, b in outer)]


@lru_cache(maxsize=1)
def _ref_variants() -> RefVariants[Place]:
    return RefVariants(reference_places()[0])


def _variant_ref(words: list[str], bounds: list[int], i: int, g: Gazetteer, index: GeoIndex) -> list[Span]:
    """The reference place the words from word i name in another romanisation or with another head word
    ("Chiha-ri missile base", "Sunchon air base"; refnames.py); a bare core only where no populated place
    or country has that name."""

    found = _ref_variants().match(words, i, lambda run: unpopulated(run, g, index))
    if found is None:
        return []
    return [RefSpan(bounds[2 * i], bounds[2 * (i + found.size) - 1], 1, found.place)]


_HEAD_AS_MODIFIER = lazy_compile(
    r"\s+(?:offensives?|operations?|invasions?|incursions?|assaults?|attacks?|campaigns?|forces|troops|units?|war|fighting"
    r"|combat|drones?|strikes?|battles?|cit(?:y|ies)|towns?)\b"
)
"""A noun after a phrase's head word: the head ("ground", "sea", "border", "port") is a modifier there, not a place ("the
Black Sea port city of X": the sea, then the city)."""


COLON_DATELINE_POPULATION = 500_000
"""The size from which a city's name in capitals before a colon is read as a dateline (capitals at any size)."""


def _bureau_city(k: tuple[str, ...]) -> bool:
    g = gazetteer()
    return any(c.population >= COLON_DATELINE_POPULATION or (c.country, fold(c.name)) in g.capitals for c in g.cities.get(k, ()))


def _lists_of_known_names(spans: list[Span], text: str) -> list[Span]:
    """ "Shujayya and the Rimal district", "Shaykovka and the Ukrainka air base": a capitalised phrase joining
    words with "and" is two names, not one, when a known site or reference place begins after the "and"; the
    phrase goes and the names are weighed on their own."""
    known = [(s.start, s.end) for s in spans if s.what in ("site", "ref")]
    if not known:
        return spans

    def a_list(s: Span) -> bool:
        cut = text.find(" and ", s.start, s.end)
        return cut >= 0 and any(cut < a and b <= s.end for a, b in known)

    return [s for s in spans if s.what != "phrase" or not a_list(s)]


_AND = lazy_compile(r"\s+and\s+(?:the\s+)?")


_OPENING_PREPOSITION = lazy_compile(r"(?:In|At|On|Near|From|Into|Inside|Across|Along)\s+the\s+(?=[A-Z])")
"""A sentence's capitalised opening preposition and article before a named phrase ("In the X forestry, ..."): not part
of the name."""


def _after_an_opening_preposition(phrase: str, start: int) -> tuple[str, int]:
    """The phrase without the capitalised preposition and article a sentence opens with ("In the X forestry"); else the
    phrase as it is."""
    m = _OPENING_PREPOSITION.match(phrase)
    return (phrase[m.end() :], start + m.end()) if m else (phrase, start)


def _after_a_known_name(phrase: str, start: int, g: Gazetteer) -> tuple[str, int]:
    """The phrase after "X and (the)" when X is a city or a country the tables know, or a name the GeoNames index reads
    whole ("Kiryat Shmona and the Hula Valley" is the town and "Hula Valley"); else the phrase as it is."""
    m = _AND.search(phrase)
    if m is None:
        return phrase, start
    k = key(phrase[: m.start()])
    if k in g.cities or k in g.country_names or any(h.words == len(k) for h in geo_index().lookup(list(k))):
        return phrase[m.end() :], start + m.end()  # ("Haji Abad and Khorgo Missile Bases": a village GeoNames reads)
    return phrase, start


_UNIT_OF = lazy_compile(
    r"\s+of\s+the\s+(?=[A-Z])(?=.*\s(?i:" + "|".join(("district", "raion", "rayon", "oblast", "region", "province", "krai",
    "county", "municipality", "hromada", "governorate")) + r")$)"
)
"""An administrative unit after "of the" closing a capitalised phrase ("Zabrama of the Klimovsky district")."""


def _unit_after_of(phrase: str, start: int) -> tuple[str, int]:
    """The unit's name after "X of the" ("Klimovsky district" of "Zabrama of the Klimovsky district": the village X is
    in it, and a name of its own the other layers read); else the phrase as it is."""
    m = _UNIT_OF.search(phrase)
    if m is None:
        return phrase, start
    return phrase[m.end() :], start + m.end()


_OWNER = lazy_compile(r"(?P<owner>[A-Z][^\n]*?)['’]s?\s+(?=[A-Z0-9])")
"""A possessive opening a capitalised phrase: "North Korea's Sohae Satellite Launching Station", "Iran's Khorgo
missile base", "Kharkiv's Saltivka district"."""


def _owner_named(phrase: str, g: Gazetteer, index: GeoIndex) -> int | None:
    """Where the name after an opening possessive starts in `phrase`, when the owner is a country or a place the tables
    read whole ("Russia's Engels air base": a base of Russia named Engels, not a place called "Russia's Engels");
    None when the phrase opens with no such possessive ("Children's Hospital" keeps its words)."""
    m = _OWNER.match(phrase)
    if m is None:
        return None
    k = key(m.group("owner"))
    if not k or not (k in g.country_names or k in g.cities or any(h.words == len(k) for h in index.lookup(list(k)))):
        return None
    return m.end()


def _after_an_owner(phrase: str, start: int, g: Gazetteer, index: GeoIndex) -> tuple[str, int]:
    """The phrase after an opening possessive of a country or place (see _owner_named), with its start."""
    cut = _owner_named(phrase, g, index)
    return (phrase, start) if cut is None else (phrase[cut:], start + cut)


HEAD_AT_END = lazy_compile(r"(?i)\s+(?:" + _PLACE_HEADS + r")$")


def _owner_only(phrase: str, g: Gazetteer) -> bool:
    """The words before the phrase's head are only demonyms or armed groups ("North Korean port", "Hamas' tunnel",
    "Palestinian refugee camp"): they say whose or which people's the place is, they are no name."""
    head = HEAD_AT_END.search(phrase)
    words = list(key(re.sub(r"(?i)^the\s+|['’]s?(?=\s|$)", "", phrase[: head.start()] if head else "")))
    i = 0
    while i < len(words):
        size = next((n for n in (3, 2, 1) if tuple(words[i : i + n]) in g.demonyms), 0)
        if not size and words[i] not in ORGANISATION_WORDS:
            return False
        i += size or 1
    return bool(words)


_PART_HEAD = lazy_compile(r"(?i)\s+(?:runway|helipad|heliport)$")
"""Head words of a part of an airfield: after the airfield's own name they name the airfield's part, not a new site."""


_OWNER_OF_HEAD = lazy_compile(r"[’']s\s+[a-z][\w-]*$")
"""A possessive right before a lower-case head word: the phrase says whose the thing is, it is no name."""


def named_phrases(spans: list[Span], chosen: list[Span]) -> frozenset[int]:
    """Starts of the chosen phrases that open with a name that is a candidate on its own evidence (a strong cue or
    shape, not a list mate's or a gazetteer reading's): "the Sangam-ni Missile Operating Base" names the place
    "Sangam-ni" would, so the longer span is listed where the name alone would have been."""
    strong = {s.start for s in spans if isinstance(s, ToponymSpan) and s.toponym.cue_strength == STRONG
              and s.toponym.cue not in ("area", NEEDS_SUPPORT, NEEDS_MATE) and s.toponym.lifted_from is None}  # fmt: skip
    return frozenset(s.start for s in chosen if s.what == "phrase" and s.start in strong)
