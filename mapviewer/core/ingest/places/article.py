"""The article: every place-name candidate in its passages, placed where a careful reader would."""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from mapviewer.core.claims import classify
from mapviewer.core.ingest.anaphora import region_anaphora
from mapviewer.core.ingest.anchors import ANCHOR_CONFIDENCE
from mapviewer.core.ingest.areas import suggested_area
from mapviewer.core.ingest.candidates import NEEDS_MATE, NEEDS_SUPPORT, PART_CUE, STRONG, article_start, cue_before
from mapviewer.core.ingest.certainty import with_article_claims
from mapviewer.core.ingest.crosschecks import reading_in
from mapviewer.core.ingest.echoes import echoed_names, without_bracketed_initials
from mapviewer.core.ingest.focus import named_regions
from mapviewer.core.ingest.former_names import former_names
from mapviewer.core.ingest.geo_index import geo_index
from mapviewer.core.ingest.hangul import caseless_name
from mapviewer.core.ingest.headlines import headline_repeats, measured_from
from mapviewer.core.ingest.lookahead import Ahead
from mapviewer.core.ingest.name_shapes import levantine_head
from mapviewer.core.ingest.namesakes import SUGGESTION_CAP, far_namesake, other_facility, with_dropped_repeats
from mapviewer.core.ingest.persons import person_names
from mapviewer.core.ingest.places.context import FOCUS_CONFIDENCE, LOW_CONFIDENCE, Context, anchoring_cities
from mapviewer.core.ingest.places.counties import with_bare_counties
from mapviewer.core.ingest.places.districts import DISTRICT_PHRASE, seat_of_district_before
from mapviewer.core.ingest.places.fallbacks import (
    ENDING_CONFIDENCE,
    other_ending,
    outside_sentence_region,
    slip_place,
    stated_country,
)
from mapviewer.core.ingest.places.finding import (
    HEAD_AT_END,
    a_persons_name,
    choose,
    countries_inside,
    named_phrases,
    names_in_passage,
)
from mapviewer.core.ingest.places.lists import MATE_REASON, with_list_mates, with_shape_mates
from mapviewer.core.ingest.places.names import (
    along_route,
    described_facility,
    has_strong_head,
    located_phrase,
    locative,
    numbered_part,
    owner_start,
    plausible_name,
    shares_locative,
    title_case,
    with_owner,
)
from mapviewer.core.ingest.places.placing import facility_by_head, place_span
from mapviewer.core.ingest.places.repeats import with_repeats
from mapviewer.core.ingest.places.slashes import SPELLING_CUE, with_slash_spellings
from mapviewer.core.ingest.places.spans import (
    CitySpan,
    CountrySpan,
    DemonymSpan,
    PhraseSpan,
    RefSpan,
    SiteSpan,
    Span,
    ToponymSpan,
)
from mapviewer.core.ingest.places.tables import Gazetteer, gazetteer
from mapviewer.core.ingest.placetypes import Candidate, Place
from mapviewer.core.ingest.rivers import RIVER_REASON, bank_before
from mapviewer.core.ingest.samename import same_name_mentions
from mapviewer.core.ingest.stated import states_position
from mapviewer.core.ingest.ties import tie_to_anchors
from mapviewer.core.mentions import (
    AliasIndex,
    facility_head_before,
    names_an_institution,
    part_of_another_name,
)
from mapviewer.core.model import Article, Site
from mapviewer.core.sentences import sentence_at, sentence_spans
from mapviewer.core.textnorm import key

Geocoder = Callable[[str, str | None], "Place | None"]


def find_candidates(
    article: Article,
    known: AliasIndex,
    geocode: Geocoder | None = None,
    known_places: dict[str, Place] | None = None,
) -> list[Candidate]:
    """Every place-name candidate in the article's passages, placed where a careful reader would.

    `known_places` maps Place.ref to places already placed in this batch, so the same name in two
    articles lands on the same site. `geocode(name, country)` is only called for names the offline
    layers could not place, and only when the user allowed network use.
    """
    g = gazetteer()
    passages = article.place_passages  # the headline too: it often names the story's main place
    ctx = Context(Counter(), {})
    per_para: list[tuple[int, list[Span]]] = []
    named_inside: dict[int, frozenset[int]] = {}
    persons = person_names(p.text for p in passages)  # "President Zelensky": "Zelensky" alone is him
    for para in passages:
        spans = [s for s in names_in_passage(para.text, known, g) if not a_persons_name(s, para.text, persons)]
        if para.kind in ("title", "heading") and title_case(para.text):
            spans = _areas_over_capitals(spans)  # "Russia Took East Ukraine Village": the area, not "Took East Ukraine"
        chosen = choose(spans)
        per_para.append((para.index, chosen))
        named_inside[para.index] = named_phrases(spans, chosen)
        for named in countries_inside(spans, chosen):  # "Russia's Kursk region": the phrase still names Russia
            ctx.countries[named.iso] += 1
        for s in chosen:
            if isinstance(s, CountrySpan):
                ctx.countries[s.iso] += 0.5 if isinstance(s, DemonymSpan) else 1  # type: ignore[assignment]  # float weights: typeshed types Counter's counts as int
            elif isinstance(s, SiteSpan):
                site = known.sites[s.site_id]
                ctx.place(site.lat, site.lon, site.country)
                ctx.focus.anchor(site.lat, site.lon)
            elif isinstance(s, RefSpan):
                p = s.place
                if p.country:
                    ctx.countries[p.country] += 0.5  # type: ignore[assignment]  # float weights: typeshed types Counter's counts as int
                ctx.place(p.lat, p.lon, p.country)
                if p.precision != "region":
                    ctx.focus.anchor(p.lat, p.lon)
    texts = {p.index: p.text for p in passages}
    per_para = [(i, with_slash_spellings(with_shape_mates(with_list_mates(chosen, texts[i]), texts[i]), texts[i])) for i, chosen in per_para]
    per_para = with_repeats(per_para, texts)
    unique = [
        g.cities[s.city_key][0]
        for i, chosen in per_para
        for s in chosen
        if isinstance(s, CitySpan) and not names_an_institution(texts[i], s.end)  # "New York University": no anchor
        and len({c.gid for c in g.cities[s.city_key]}) == 1
    ]
    for c in anchoring_cities(unique, ctx):  # unambiguous cities anchor the rest, unless abroad and far from all of it
        ctx.place(c.lat, c.lon)
        ctx.focus.anchor(c.lat, c.lon)
    by_index = {p.index: p for p in passages}
    ctx.focus.regions = named_regions((p.text for p in passages), geo_index(), ctx.countries)
    ctx.ahead = _read_ahead(per_para, by_index, ctx, g, known)  # names further on weigh too
    resolved: dict[tuple[str, ...], tuple[Place, float, str]] = {}  # one sense per discourse
    out: list[Candidate] = []
    dropped: list[dict[str, Any]] = []
    headlines: dict[int, tuple[int, str]] = {}  # title-case headlines: passage index -> (start, text)
    for pindex, chosen in per_para:
        para = by_index[pindex]
        text = para.text  # sliced once: Paragraph.text copies the passage on every access
        sents = sentence_spans(text)
        sent_ends = [b for _, b in sents]
        capitalised = para.kind in ("title", "heading") and title_case(text)
        if capitalised:
            headlines[pindex] = (para.start, text)
        ctx.focus.new_paragraph(_fixed_points(chosen, known, g))
        for s in chosen:
            if isinstance(s, CountrySpan):
                continue
            surface = text[s.start : s.end]
            if not plausible_name(surface) or part_of_another_name(text, s.start, s.end):
                continue  # "Moscow-backed forces", "New York University", "Taepodong-2", "the Gaza war": no place named
            s_start, s_end = sentence_at(text, sents, sent_ends, s.start, s.end)
            sentence = text[s_start:s_end]
            base: dict[str, Any] = {
                "article_id": article.id,
                "paragraph": pindex,
                "start": para.start + s.start,
                "end": para.start + s.end,
                "surface": surface,
                "sentence": sentence,
                "certainty": classify(sentence, max(s_start, owner_start(text, s.start)) - s_start).certainty,
            }
            if isinstance(s, SiteSpan):
                site = known.sites[s.site_id]
                head = facility_head_before(text, s.start)
                if head and other_facility(head, _site_place(site)):  # "the port of Vostochny": not the cosmodrome site
                    by_head = facility_by_head(surface, head)  # but the listed Vostochny Port, when there is one
                    if by_head is not None:
                        port, sure, why = by_head
                        out.append(Candidate(**base, status="placed", confidence=sure, place=port, reason=why))
                        continue
                    why = f"not the {site.name} named like it: check it"
                    out.append(Candidate(**base, status="unplaced", confidence=0.0, reason=why))
                    continue
                out.append(
                    Candidate(
                        **base, status="known", confidence=1.0, place=_site_place(site), site_id=site.id, reason="known site"
                    )
                )
                continue
            if s.what in ("city", "toponym") and bank_before(text, s.start):  # "the left bank of the Dnipro"
                out.append(Candidate(**base, status="unplaced", confidence=0.0, reason=RIVER_REASON, area=True))
                continue
            if s.what in ("city", "toponym") and numbered_part(surface, text, s.end):  # "at Pier 2": not Pierre, SD
                out.append(Candidate(**base, status="unplaced", confidence=0.0, reason="a numbered part of a site: check it"))
                continue
            s = _unlifted_abroad(s, ctx)
            result = place_span(s, text, ctx, g, resolved)
            if result is None and capitalised and not measured_from(text, s.start) and not caseless_name(surface) and not (
                isinstance(s, ToponymSpan) and s.toponym.cue == SPELLING_CUE
            ):
                continue  # "Russian Military Says Captured Village": in a title-case headline a capital names nothing
            if result is None and not capitalised and isinstance(s, CitySpan) and cue_before(text, article_start(text, s.start)) == STRONG:
                # "the city of al-Salam in Quneitra province": a city's name after a strong place cue that no city of
                # the name fits (all abroad) is a place the gazetteer lacks, listed, not dropped
                out.append(Candidate(**base, status="unplaced", confidence=0.0, reason="gazetteer readings too weak to place"))
                continue
            if result is None and s.what in ("city", "toponym"):
                dropped.append(base)  # bare here ("the battle for X"): listed if the name is a candidate elsewhere
            if result is None and s.what == "toponym" and (HEAD_AT_END.search(surface) or _landform_abroad(s, ctx)) and locative(text, s.start):
                # "arrived at Fifth Street", "parts of Mount Hermon": a street, a square, a base or a mountain where
                # something is, whose gazetteer readings (a town called so abroad) do not hold: listed as the name it is
                out.append(Candidate(**base, status="unplaced", confidence=0.0, reason="gazetteer readings too weak to place"))
                continue
            if result is None and s.start in ctx.other_facility:
                why = f"not in the offline gazetteer; not the {ctx.other_facility[s.start]} named like it: check it"
                out.append(Candidate(**base, status="unplaced", confidence=0.0, reason=why))
                continue
            if result is None:
                if isinstance(s, ToponymSpan) and s.toponym.cue_strength == STRONG:
                    top = s.toponym
                    why = "not in the offline gazetteer" if not top.hits else "gazetteer readings too weak to place"
                    seat = None if top.hits else seat_of_district_before(surface, text, s.start, s.end, ctx)
                    if seat is not None:  # "the Volokonovsky district": drawn at its seat, Volokonovka, for review
                        place, confidence, why = seat
                        if known_places is not None:
                            place = known_places.setdefault(place.ref, place)
                        out.append(Candidate(**base, status="low-confidence", confidence=confidence, place=place, reason=why))
                        continue
                    other = None if top.hits or top.cue in ("area", PART_CUE) else other_ending(surface, ctx)
                    if other is not None:  # "Hlyboki" written for Hlyboke: the nearby place with another ending
                        ctx.place(other.lat, other.lon, other.country)
                        out.append(Candidate(**base, status="low-confidence", confidence=ENDING_CONFIDENCE, place=other,
                                             reason=f"{other.coord_source}: {surface!r} read as {other.name!r} (another ending), "
                                             "near the article's places: check it"))  # fmt: skip
                        continue
                    slip = None if top.hits or top.cue in ("area", PART_CUE) else slip_place(surface, ctx)
                    if slip is not None:  # "Kramatorks" written for Kramatorsk, beside the article's places
                        out.append(Candidate(**base, status="low-confidence", confidence=ENDING_CONFIDENCE, place=slip,
                                             reason=f"{slip.coord_source}: {surface!r} read as {slip.name!r} (a slip of spelling?), "
                                             "near the article's places: check it"))  # fmt: skip
                        continue
                    if top.cue == NEEDS_SUPPORT:
                        continue  # "in Kovrizhino" with no gazetteer place reading it: a weak shape alone lists nothing
                    if top.cue == NEEDS_MATE:
                        why = MATE_REASON  # kept only if ties.py puts it beside a placed list mate
                    out.append(Candidate(**base, status="unplaced", confidence=0.0, reason=why, area=top.cue == "area"))
                    continue
                if s.what == "unit" or (s.what == "phrase" and DISTRICT_PHRASE.search(surface.strip())):
                    # "the X and Y districts", "the X Y municipality": a district the gazetteer cannot seat is still listed
                    out.append(Candidate(**base, status="unplaced", confidence=0.0, reason="district not in the offline gazetteer"))
                    continue
                if s.what != "phrase" or not isinstance(s, PhraseSpan) or (
                    not located_phrase(text, s.start) and not shares_locative(text, s.start) and not has_strong_head(s.phrase)
                    and not described_facility(with_owner(text, s.start, surface)) and s.start not in named_inside[pindex]
                    and not states_position(text, s.end) and not along_route(text, s.start, s.phrase)
                ):  # fmt: skip
                    continue  # a capitalised phrase with no place cue is not worth a reviewer's time
                out.append(Candidate(**base, status="unplaced", confidence=0.0, reason="not in the offline gazetteer"))
                continue
            place, confidence, why = result
            if suggested_area(place):  # an area drawn from outlines: a suggestion in the review list, not a site
                out.append(Candidate(**base, status="unplaced", confidence=confidence, place=place, reason="suggested: " + why, area=True))
                continue
            country, iso = stated_country(place, confidence, s.start, s.end, chosen, text)
            there = reading_in(surface, iso) if country else None
            if there is not None:  # "Qana in Lebanon": the one Qâna there, not Qina in Egypt
                why = f"{there.coord_source}: the one {there.name} in that country, as {country} (not {place.name}, {place.country}): check it"
                out.append(Candidate(**base, status="low-confidence", confidence=ANCHOR_CONFIDENCE, place=there, reason=why))
                continue
            if country:  # "Marinovka in Russia" is not a Marynivka in Ukraine: the reader sees the reading, for review
                why += f"; {country}, the reading lies in another country: check it"
                out.append(Candidate(**base, status="unplaced", confidence=min(confidence, SUGGESTION_CAP), place=place, reason="suggested: " + why))
                continue
            region = outside_sentence_region(place, sentence, ctx, text[: s_start])
            if region:  # "In the Donetsk region, ... the village of X": a namesake elsewhere is only a suggestion
                why += f"; outside the {region}: check it"
                out.append(Candidate(**base, status="unplaced", confidence=min(confidence, 0.4), place=place, reason="suggested: " + why))
                continue
            far = ""
            if place.ref in ctx.population:  # a small-place reading (the city layer weighs its own far towns)
                far = far_namesake(place, ctx.admin1[place.ref], ctx.population[place.ref], ctx.focus.anchors, ctx.focus.regions)
            if far:  # a village of a few hundred people read as its namesake 600 km away: a suggestion only
                why += f"; {far}"
            if far or confidence <= SUGGESTION_CAP:  # (or a town far from all the article's places: article_geo)
                out.append(Candidate(**base, status="unplaced", confidence=min(confidence, SUGGESTION_CAP), place=place, reason="suggested: " + why))
                continue
            if known_places is not None:
                place = known_places.setdefault(place.ref, place)
            ctx.place(place.lat, place.lon, place.country)
            if confidence >= FOCUS_CONFIDENCE and place.precision != "region":
                ctx.focus.add(place.lat, place.lon)
                ctx.focus.anchor(place.lat, place.lon)
            status = "placed" if confidence >= LOW_CONFIDENCE else "low-confidence"
            out.append(Candidate(**base, status=status, confidence=confidence, place=place, reason=why))
    out = with_dropped_repeats(out, dropped)
    out = headline_repeats(out, headlines)  # a place the body lists, named in a title-case headline
    if geocode is not None:  # the online geocoder (opt-in) knows the name itself: asked first
        out = _geocode_unplaced(out, ctx, geocode, known_places)
    paras = {i: (p.start, p.text) for i, p in by_index.items()}
    out = former_names(out, paras, known_places)  # "X (formerly Y)": the place both names name
    out = region_anaphora(out, paras)  # "this Russian region": the region named before it
    tied = tie_to_anchors(out, paras, known_places)
    out = [c for c in tied if not _unplaced_mate(c)]
    out = with_dropped_repeats(out, [_occurrence(c) for c in tied if _unplaced_mate(c)])  # "at X and Khojir": the X listed
    out = with_bare_counties(out, korean=not ctx.abroad("KP"))  # "the airbase at Kumgang": the county, for review
    out = echoed_names(out, paras)  # "the ... Reactor (ELWR) ... the ELWR", "the uranium enrichment facility"
    # (the label the review lists is the one loading gives the mention: sentence, then article-wide rules)
    out = without_bracketed_initials(same_name_mentions(out, paras), paras)  # "Reactor (ELWR)": one mention
    return with_article_claims(out, article, known.sites)


def _unplaced_mate(c: Candidate) -> bool:
    """A name kept only for a list mate it was not placed beside (lists.MATE_REASON)."""
    return c.place is None and c.reason == MATE_REASON


def _occurrence(c: Candidate) -> dict[str, Any]:
    """The fields of one occurrence of a name, for namesakes.with_dropped_repeats to list it as the article's other
    listing of that name."""
    return {f: getattr(c, f) for f in ("article_id", "paragraph", "start", "end", "surface", "sentence", "certainty")}


def _landform_abroad(s: Span, ctx: Context) -> bool:
    """A name a landform word opens ("Mount Hermon") whose every reading is a town in a country the story is not about,
    while it is about some: the mountain where the story is, not the towns named after it ("doctors at Mount Sinai",
    with no country named, stays unread)."""
    if not isinstance(s, ToponymSpan) or not levantine_head(s.toponym.surface) or not ctx.countries:
        return False
    return all(ctx.abroad(h.row.country) for h in s.toponym.hits)


def _areas_over_capitals(spans: list[Span]) -> list[Span]:
    """In a title-case headline, where every word is capitalised, a run of capitals the gazetteer does not read
    ("Took East Ukraine") names nothing; an area phrase inside it ("East Ukraine") is read instead of it."""
    areas = [(s.start, s.end) for s in spans if isinstance(s, ToponymSpan) and s.toponym.cue == "area"]
    if not areas:
        return spans

    def run_over_area(s: Span) -> bool:
        return (isinstance(s, ToponymSpan) and not s.toponym.hits and s.toponym.cue != "area"
                and any(s.start < b and a < s.end for a, b in areas))  # fmt: skip

    return [s for s in spans if not run_over_area(s)]


def _read_ahead(
    per_para: list[tuple[int, list[Span]]], by_index: dict[int, Any], ctx: Context, g: Gazetteer, known: AliasIndex
) -> Ahead:
    """A first, silent reading of the article (on a copy of its context): where it places names with confidence. An
    unambiguous city that reading took for a namesake elsewhere is no anchor of `ctx` either."""
    trial = copy.deepcopy(ctx)
    resolved: dict[tuple[str, ...], tuple[Place, float, str]] = {}
    points: list[tuple[tuple[str, ...], tuple[float, float]]] = []
    for pindex, chosen in per_para:
        text = by_index[pindex].text
        trial.focus.new_paragraph(_fixed_points(chosen, known, g))
        for s in chosen:
            if s.what not in ("city", "toponym", "ref"):
                continue
            result = place_span(_unlifted_abroad(s, trial), text, trial, g, resolved)
            if result is None or result[1] < FOCUS_CONFIDENCE or result[0].precision == "region" or suggested_area(result[0]):
                continue
            place = result[0]
            trial.place(place.lat, place.lon, place.country)
            trial.focus.add(place.lat, place.lon)
            trial.focus.anchor(place.lat, place.lon)  # as the reading proper anchors it
            points.append((key(text[s.start : s.end]), (place.lat, place.lon)))
    for k, (place, _, _) in resolved.items():
        cities = list(g.cities[k]) if k[:1] != ("\0toponym",) and k in g.cities else []
        if cities and len({c.gid for c in cities}) == 1 and f"gn:{cities[0].gid}" != place.ref:
            # an unambiguous city the first reading took for a namesake among the article's places anchors nothing
            # from the start: read in order, the names before it would be measured from the far town
            ctx.focus.anchors.pop((cities[0].lat, cities[0].lon), None)
            ctx.placed.pop((cities[0].lat, cities[0].lon), None)
    return Ahead(tuple(points))


def _fixed_points(chosen: list[Span], known: AliasIndex, g: Gazetteer) -> list[tuple[float, float]]:
    """The points a paragraph names that need no choosing: known sites, reference places, one-city names."""
    points = []
    for s in chosen:
        if isinstance(s, SiteSpan):
            site = known.sites[s.site_id]
            points.append((site.lat, site.lon))
        elif isinstance(s, RefSpan) and s.place.precision != "region":
            points.append((s.place.lat, s.place.lon))
        elif isinstance(s, CitySpan) and len({c.gid for c in g.cities[s.city_key]}) == 1:
            c = g.cities[s.city_key][0]
            points.append((c.lat, c.lon))
    return points


def _geocode_unplaced(
    out: list[Candidate], ctx: Context, geocode: Geocoder, known_places: dict[str, Place] | None
) -> list[Candidate]:
    """Ask the online geocoder only for what the offline layers left unplaced, hinting the article's country."""
    countries = Counter(ctx.countries)
    for c in out:
        if c.place is not None and c.place.country:
            countries[c.place.country] += 0.5  # type: ignore[assignment]  # float weights: typeshed types Counter's counts as int
    top = countries.most_common(1)
    hint = top[0][0] if top else None
    asked: dict[str, Place | None] = {}
    result = []
    for c in out:
        if c.status == "unplaced" and c.place is None:  # a suggested area keeps its suggestion
            if c.surface not in asked:
                asked[c.surface] = geocode(c.surface, hint)
            place = asked[c.surface]
            if place is not None:
                if known_places is not None:
                    place = known_places.setdefault(place.ref, place)
                c = replace(c, status="low-confidence", confidence=0.6, place=place, reason="geocoded online (Nominatim)")
        result.append(c)
    return result


def _site_place(site: Site) -> Place:
    return Place(
        f"site:{site.id}",
        site.name,
        site.kind,
        site.country,
        site.lat,
        site.lon,
        site.precision,
        site.provenance,
        site.coord_source,
    )


def _unlifted_abroad(s: Span, ctx: Context) -> Span:
    """The span as read without its list or statement lift when none of its gazetteer readings lies in a country
    the article names or has placed something in (Toponym.lifted_from)."""
    if not isinstance(s, ToponymSpan):
        return s
    top = s.toponym
    strength = top.lifted_from
    if strength is None or any(not ctx.abroad(h.row.country) for h in top.hits):
        return s
    return replace(s, toponym=replace(top, cue_strength=strength, cue="before" if strength else "", lifted_from=None))
