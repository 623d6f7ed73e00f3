"""Toponym candidates a reader would notice in one passage, beyond the big-city table.

Two kinds, both typed spans:
  - a capitalised name that the place index (geo_index: GeoNames places down to 500 people) knows,
    exactly or by its transliteration key, with whatever place cue surrounds it;
  - a capitalised name the index does not know, standing in a place context: "village of X",
    "near X", "north of X", "captured/liberated/shelled X", "X district/raion/oblast/county",
    "X, a village", Korean "-ri/-dong/-gun" names.
Neither is ever silently dropped once it has a cue: it is placed or listed as unplaced for review.
Person names (a title or a first name beside them), organisations and units ("Leningrad Military
District", "the James Martin Center", institutes), months and weekdays are not candidates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from mapviewer.core.ingest.arabic_spellings import arabic_respellings
from mapviewer.core.ingest.dateline import is_dateline
from mapviewer.core.ingest.geo_index import MAX_WORDS, GeoIndex, NameHit
from mapviewer.core.ingest.name_shapes import ARABIC_ARTICLES, STRONG_SHAPE, WEAK_SHAPE, levantine_head, place_shape
from mapviewer.core.ingest.persons import opens_like_a_person
from mapviewer.core.ingest.place_lists import head_shape, list_items
from mapviewer.core.ingest.place_nouns import place_noun_after
from mapviewer.core.ingest.stated import states_position
from mapviewer.core.ingest.villages import village_named
from mapviewer.core.lazyre import LazyPattern, lazy_compile
from mapviewer.core.textnorm import key

STRONG = "strong"
WEAK = "weak"


@dataclass(frozen=True)
class Toponym:
    """A candidate place name in a passage (offsets into the passage text)."""

    start: int
    end: int
    surface: str
    hits: tuple[NameHit, ...]  # gazetteer readings of exactly this span; () when none
    cue: str  # the place cue that makes it a candidate ("village of", "near", "district", ...), "" when none
    cue_strength: str  # STRONG (a reader would call it a place on this alone), WEAK ("in", "from"), or ""
    # the strength before a list or a statement lifted a gazetteer name to STRONG: the lift holds only when one of
    # its readings lies in the article's countries ("two villages, Baker and Cole" in a story about Ukraine are no
    # US towns), else the name is read with this strength; None when no such lift
    lifted_from: str | None = None


_RESPELL = (("ph", "p"),)
"""Spellings the transliteration key (variants.py) does not fold but a reader does: McCune–Reischauer's
aspirated p written "ph" ("Sinpho", "Phyongsong") for the "p" of the gazetteer's names. Applied to the query
only, so the shipped index (whose fingerprint covers variants.py) keeps its keys."""


_KOREAN_INITIALS = (("g", "k"), ("d", "t"), ("b", "p"), ("j", "ch"))
"""Revised Romanisation writes the plain stops voiced where McCune–Reischauer (and most of the gazetteer's Korean
names) writes them voiceless: "Gilju"/"Kilju", "Bukchang"/"Pukchang", "Dongchang"/"Tongchang", "Jangyon"/
"Changyon". Only a word's first letter, and only in a passage about Korea."""


def respellings(word: str, korean: bool = False) -> tuple[str, ...]:
    """Other spellings of one folded word to look up when the index has no reading of it as written (`korean`:
    the passage is about Korea, so Revised Romanisation's initials are tried too); words of under five letters
    are left alone."""
    if len(word) < 5:
        return ()
    out = tuple(word.replace(a, b) for a, b in _RESPELL if a in word)
    if word.endswith("eh"):  # the Levantine -eh of a name GeoNames and Who's On First write -ah, o written for u
        out += (word[:-2] + "ah", word[:-2].replace("o", "u") + "ah")
    if korean:
        out += tuple(b + word[1:] for a, b in _KOREAN_INITIALS if word.startswith(a))
    return out


_MONTHS_DAYS = frozenset(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)
_NOT_NAME = frozenset(
    ["the", "a", "an", "this", "that", "these", "those", "it", "its", "his", "her", "their", "our", "we", "they", "he", "she", "i", "you", "in", "at", "on", "of", "from", "for", "with", "by", "and", "or", "but", "as", "if", "when", "while", "after", "before", "since", "during", "under", "over", "about", "some", "many", "most", "all", "no", "not", "there", "here", "what", "which", "who", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "northeast", "northwest", "southeast", "southwest", "russian", "russians", "ukrainian", "ukrainians", "korean", "koreans", "american", "americans", "chinese", "iranian", "israeli", "israelis", "lebanese", "syrian", "soviet", "western", "european", "palestinian", "arab",
     # communities a town or village is said to be of ("a Druze village", "a Christian town")
     "druze", "christian", "jewish", "muslim", "shiite", "shia", "sunni", "alawite", "maronite", "bedouin", "kurdish",
     "circassian", "armenian",
     # French articles and prepositions that open a capitalised sentence
     "le", "les", "des", "du", "une", "un", "selon", "dans", "sur", "aux", "cette", "ces"]
)
NOT_NAME_WORDS = _NOT_NAME
"""Articles, pronouns, prepositions, compass words and demonyms: words that never open a place's own name."""
_ORG_TAIL = frozenset(
    ["military", "district", "command", "front", "army", "corps", "brigade", "division", "regiment", "battalion", "group", "institute", "university", "center", "centre", "college", "school", "academy", "agency", "ministry", "office", "council", "committee", "party", "bank", "company", "corporation", "news", "times", "post", "journal", "press", "service", "forces", "force", "fleet", "guard", "police", "court", "foundation", "association"]
)
"""A name followed by one of these words is an organisation or a unit, not a place ("Leningrad Military District")."""
_PLACE_TAIL = lazy_compile(
    r"^[\s-]*(district|raion|rayon|oblast|region|province|krai|county|governorate|municipality|village|town|city|river|gun|kun|si|ri|ni|dong|tong|up|ŭp|eup)\b",
    re.IGNORECASE,
)
_STRONG_BEFORE = lazy_compile(
    r"(?i)\b(?:(?:villages?|towns?|city|settlements?|hamlets?|township|port|outskirts|suburbs?|districts?|areas?|vicinity|municipality"
    r"|neighbou?rhoods?|residents?|inhabitants?|mayor|camp|hills?|slopes|plains|orchards|farmlands|islands?|valleys)\s+of|kibbutz(?:im)?|moshav"
    r"|(?:villages?|towns?|settlements?|localities)\s+(?:such\s+as|including|like)|such\s+as|(?:village|town|settlement|area|region|locality|place|spot)\s+(?:called|named|known\s+as)"
    # a facility "at"/"in" a place: "a previously undisclosed base at X", "a shipyard in X"
    r"|(?:bases?|airbases?|air\s+bases?|shipyards?|ports?|plants?|factory|factories|facility|facilities|sites?|depots?|arsenals?"
    r"|complex|airfields?|airports?|training\s+grounds?|test\s+sites?|launch\s+sites?)\s+(?:at|in)"
    r"|near|nearby|outside|captured?|capturing|liberated?|liberating|shelled|shelling|seized?|retook|retake|recaptured?|"
    r"stormed|entered|advanced\s+(?:on|toward|towards|to)|approaches\s+to|towards?|"
    # what is done to a place and not to a person: held, taken, left, fought over
    r"occup(?:ied|y|ying)|retaken|withdr[ae]wn?\s+from|withdrawing\s+from|retreated\s+from|pulled\s+out\s+of"
    r"|(?:pushed|driven|drove|forced|kicked|expelled|ousted)\s+(?:[a-z]+\s+){0,3}?out\s+of|fled(?:\s+from)?|evacuated\s+from"
    r"|encircled|encircling|surrounded|(?:battles?\s+for|fighting\s+for\s+control\s+of|assaults?\s+on|offensive\s+on)"
    r"|advancing\s+(?:on|toward|towards)|(?:took|taken|claimed|seized|regained|gained|full|established)\s+control\s+(?:of|over)|"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)(?:ern)?\s+of|"
    r"(?:km|kilometers|kilometres|miles)\s+(?:from|of|north of|south of|east of|west of))\s+(?:the\s+)?$"
)
_STRONG_BEFORE_FR = lazy_compile(
    r"(?i)\b(?:(?:village|ville|localité|région|oblast|district|secteur|direction|port|base)\s+d(?:e\s+|['’])|près\s+d(?:e\s+|['’])"
    r"|(?:au\s+)?(?:nord|sud)(?:-(?:est|ouest))?\s+d(?:e\s+|['’])|à\s+l['’](?:est|ouest)\s+d(?:e\s+|['’])"
    r"|(?:libéré|libérée|capturé|repris|reprise|pris|prise|bombardé|bombardée|attaqué)\s+)$"
)
"""French place cues ("le village de X", "près de X", "au nord d'X", "repris X"): articles come in French too."""
_WEAK_BEFORE = lazy_compile(
    r"(?i)\b(?:in|at|from|to|into|via|across|around|between"
    r"|attack(?:ed|ing|s)?|struck|strikes?\s+on|hit|bombed|bombing|targeted|targeting|raided|defended|defending|reached)\s+(?:the\s+)?$"
)
"""Where, or what was done there: enough for a gazetteer place beside the article's others, never for a name the
gazetteer lacks ("attacked X" may be said of a person)."""
_LIST_ITEM = lazy_compile(
    r"(?:(?:[ae][lsdnrtz]?|[ae]sh)-)?(?:[A-Z][\w’'-]*(?:[\s-](?:(?:[ae][lsdnrtz]?|[ae]sh)-)?[A-Z][\w’'-]*){0,2}),?\s+(?:and|or)\s+$"
    r"|(?:(?:[ae][lsdnrtz]?|[ae]sh)-)?(?:[A-Z][\w’'-]*(?:[\s-](?:(?:[ae][lsdnrtz]?|[ae]sh)-)?[A-Z][\w’'-]*){0,2}),\s+$"
)
"""An earlier item of a list ("settlements of Zvannoye, Glushkovo, and Karyzh", "toward Ain al-Zaywan and X"): the list's
cue covers every item."""
COMMON_WORDS = frozenset(
    [
        # sentence openers and everyday words that are also the name of some small place
        "just", "also", "however", "meanwhile", "still", "even", "only", "then", "now", "later", "today", "yesterday",
        "tomorrow", "so", "yet", "such", "both", "each", "every", "other", "another", "more", "less", "much", "very",
        "well", "good", "best", "new", "old", "great", "grand", "big", "little", "long", "high", "low", "far", "near",
        "last", "first", "second", "third", "next", "early", "late", "according", "despite", "although", "because",
        "union", "brigade", "secretary", "minister", "president", "general", "colonel", "major", "captain", "admiral",
        "army", "navy", "force", "forces", "guard", "police", "security", "defense", "defence", "state", "states",
        "national", "federal", "central", "royal", "republic", "people", "party", "council", "congress", "senate",
        "parliament", "court", "justice", "liberty", "freedom", "independence", "victory", "progress", "unity", "peace",
        "hope", "friendship", "mission", "operation", "project", "plan", "program", "programme", "report", "news",
        "press", "media", "times", "post", "telegraph", "herald", "tribune", "guardian", "observer", "mirror", "sun",
        "star", "moon", "space", "satellite", "station", "tower", "bridge", "gate", "hill", "mount", "lake", "river",
        "bay", "island", "port", "harbor", "harbour", "city", "town", "village", "center", "centre", "park", "garden",
        "street", "road", "square", "market", "bank", "church", "temple", "school", "college", "university", "academy",
        "institute", "hospital", "museum", "library", "hall", "house", "palace", "castle", "fort", "camp", "base",
        "field", "farm", "mill", "mine", "works", "factory", "plant", "company", "group", "energy", "oil", "gas", "coal",
        "gold", "silver", "iron", "steel", "stone", "rock", "sand", "water", "fire", "wind", "snow", "ice", "spring",
        "summer", "autumn", "fall", "winter", "christmas", "easter", "god", "lord", "king", "queen", "prince", "princess",
        "duke", "earl", "saint", "st", "mr", "mrs", "ms", "dr", "north", "south", "east", "west", "western", "eastern",
        "image", "photo", "video", "source", "sources", "analysis", "update", "read", "more", "share", "comment", "login",
        "subscribe", "advertisement", "according", "ministry", "office", "agency", "command", "division", "battalion",
        "regiment", "corps", "fleet", "strategic", "military", "intelligence", "foreign", "affairs", "war", "battle",
        "strike", "attack", "drone", "drones", "missile", "missiles", "rocket", "rockets", "nuclear", "tunnel", "tunnels",
        "border", "front", "line", "zone", "region", "district", "province", "county", "oblast", "territory", "area",
        # common first names (persons are not places; "Angara and Maria" are ships)
        "maria", "mary", "anna", "john", "james", "david", "michael", "robert", "william", "thomas", "george", "peter",
        "paul", "mark", "daniel", "victor", "victoria", "alexander", "sergei", "sergey", "vladimir", "ivan", "olga",
        "elena", "natalia", "tatiana", "nikolai", "dmitry", "andrei", "oleksandr", "kim", "lee", "park", "choi", "jung",
        "martin", "lincoln", "jackson", "washington", "franklin", "clinton", "hamilton", "wilson", "taylor", "moore",
        "young", "king", "hill", "wood", "green", "brown", "white", "black", "grey", "gray", "rose", "lily", "grace",
    ]
)
"""Capitalised words that are also the name of some GeoNames place but, with no place cue, are words or
people: a single-word small-place reading needs a place cue when its word is here or is also written in
lower case in the same passage."""
_QUALIFIED = (
    r"(?!['’]|\s+(?:council(?:lor|or|man|woman)?s?|officials?|judges?|attorneys?|courts?|halls?|police|administrat\w*|government"
    r"|chiefs?|heads?|leaders?|governors?|mayors?|managers?|authorit\w*|prosecutors?|commanders?|committees?|assembl\w*|elders?"
    r"|doctors?|teachers?|priests?|clerks?|engineers?|planners?|representatives?|deput\w*|spokes\w*|residents?|natives?"
    r"|operators?|workers?|staff|employees?|directors?|owners?"
    r"|boys?|girls?|teams?|clubs?|league|elections?|budgets?|level|councils?)\b)"
)
"""After the place noun, a noun it qualifies: "Smith, a district judge", "Jones was the first city councillor" say
what a person is, not that the name is a place."""
_STRONG_AFTER = lazy_compile(
    r"^(?:,\s+(?:a|an|the|two|three|four|both)\s+(?:\w+\s+){0,2}?(?:villages?|towns?|city|cities|settlements?|hamlets?|port|district|region|county|community)\b"
    + _QUALIFIED + ")"
    # described by its people: "X, which had 300 residents", "X, home to some 2,000 people"
    r"|^,\s+(?:(?:which|that|where)\s+(?:had|has|once\s+had)\s+|home\s+to\s+|population\s+)(?:(?:some|about|around|only|fewer\s+than|just|roughly)\s+)?"
    r"[\d,.]+(?:\s+(?:residents|inhabitants|people))?"
    r"|^\s+(?:district|raion|rayon|oblast|region|province|county|krai|village|town|settlement)\b"
    # what was done to it, said in the passive of verbs said of places: "X was shelled", "X has been retaken"
    r"|^\s+(?:was|were|had\s+been|has\s+been|have\s+been|is\s+being|was\s+being)\s+(?:(?:heavily|fully|partly|partially"
    r"|completely|reportedly|again|also|later|then|briefly|since)\s+)?(?:shelled|liberated|retaken|recaptured|encircled"
    r"|stormed|besieged|bombed)\b"  # (not "seized", "evacuated", "occupied": said of people too)
    # in apposition with its region: "X, Kharkiv Oblast", "X, Zaporizhzhia region" (not "Ivanov, Kursk region governor")
    r"|^,\s+(?-i:[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)\s+(?:oblast|region|province|krai|governorate)\b" + _QUALIFIED +
    # located by a measure or a neighbour: "X, about 20 km north of Y", "X, near Y", "X, just outside Y"
    r"|^,?\s+(?:(?:just|some|about|around|roughly|approximately|nearly|only)\s+)?(?:\d[\d,.]*\s*(?:km|kilomet(?:er|re)s?|miles?)\b"
    r"|(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of\b|near\b|outside\b|close\s+to\b)",
    re.IGNORECASE,
)
_STATED_AFTER = lazy_compile(
    r"(?i)(?:,\s+one\s+of\s+the\s+(?:\w+\s+){0,2}?(?:villages|towns|cities|settlements|hamlets|ports|districts|regions|communities)\b"
    # what the name is said to be: "X was the first village to ...", "X is a small town", "X is the main border crossing"
    r"|\s+(?:is|was|remains|became)\s+(?:a|an|the|one\s+of\s+the)\s+(?:\w+\s+){0,2}?(?:villages?|towns?|cit(?:y|ies)|settlements?|hamlets?"
    r"|ports?|(?:border\s+)?crossings?|airbases?|air\s+bases?|naval\s+bases?|districts?|provinces?|regions?)\b"
    r"|\s+(?:urban|municipal|rural|administrative)\s+(?:district|raion|rayon|okrug|county|settlement)\b)" + _QUALIFIED
)
"""What the name is said to be, after it: "X, one of the villages", "X was the first village to ...", "X is the main
border crossing", "X urban district"."""
_STATED_BEFORE = lazy_compile(r"(?i)\b(?:regional|administrative|district|provincial|oblast)\s+(?:cent(?:er|re)|capital),?\s+$")
"""Named as its region's centre: "the regional center, X"."""
_ARTICLE_BEFORE = lazy_compile(r"(?<![\w’'-])(?:[ae][lsdnrtz]?|[ae]sh|[ae][dt]h)-$")
"""The Arabic article in lower case just before a capitalised word: the name opens with it ("the neighbourhoods of
al-Mughraqa, az-Zahra", "Western a-Satr")."""
_EVENT_WORD = lazy_compile(
    r"[A-Z][a-z]{2,}ings?$|(?:Explosion|Blast|Clash|Strike|Airstrike|Attack|Counterattack|Assault|Raid|Ambush|Battle"
    r"|Skirmish|Firefight|Incursion|Offensive|Advance|Bombardment|Barrage|Fire|Protest|Evacuation|Shell|Drone|Rocket"
    r"|Missile|Damage|Blackout|Outage|Flood)(?:e?s)?$|(?:Troops|Forces|Fighters|Refugees|Residents|Civilians|Soldiers"
    r"|Villagers)$"
)
"""A word opening its sentence that is capitalised only there: a verbal noun ("Shelling near X continued",
"Fighting outside X") or a noun of events or people ("Explosions near X", "Attack near X kills two", "Damage near X
was reported"): what happened near a place, not a place near it."""
_SIDE_BEFORE = lazy_compile(r"(?<![\w’'-])(?:North|South|East|West|Upper|Lower)(?:ern)?\s+$")
"""A capitalised side word glued before a name that opens with an Arabic article: part of the name."""
_KOREAN_TAIL = lazy_compile(r"-(?:ri|ni|dong|tong|gun|kun|up|ŭp|eup|rodongjagu)\b")
_KOREAN_SUFFIX = lazy_compile(r"(?i)-(?:ri|ni|dong|tong|gun|kun|up|ŭp|eup|rodongjagu)$")
_KO_SYLLABLE = r"(?:kk|tt|pp|ss|jj|ch|k|g|n|d|t|r|l|m|b|p|s|j|h)?(?:yae|yeo|wae|ae|ya|eo|ye|yo|yu|eu|ui|oe|wa|wo|we|wi|a|e|i|o|u|ŏ|ŭ)(?:ng|k|n|t|l|m|p)?"
_KO_ONSET_SYLLABLE = _KO_SYLLABLE.replace(")?(?:yae", ")(?:yae", 1)  # a later syllable starts with a consonant
_KOREAN_JOINED = lazy_compile(rf"{_KO_SYLLABLE}(?:{_KO_ONSET_SYLLABLE}){{0,2}}(?:ri|ni|dong|tong)")
"""A Korean village or ward name written as one word ("Sinori", "Sanumdong"): romanised syllables, then the
suffix; at least six letters, so English names ending in -ri ("Henri", "Atari") stay out."""


KOREA = lazy_compile(r"Korea|DPRK|Pyongyang")
"""The passage is about Korea: only there is a one-word -ri/-dong name read as a Korean place."""
_UKRAINE = lazy_compile(r"Ukrain|Zaporizh|Kharkiv|Donetsk|Kherson|Dnipro|Sumy|Luhansk")
"""The passage is about Ukraine, whose h a Russian-language report writes g ("Gulyaypole" for Huliaipole)."""


def korean_joined(word: str) -> bool:
    """`word` (folded) reads as a Korean place name with its -ri/-ni/-dong suffix written on."""
    return len(word) >= 6 and _KOREAN_JOINED.fullmatch(word) is not None


_TITLE_BEFORE = lazy_compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|General|President|Minister|Secretary|Leader|Comrade|Ambassador|Senator|Sen|Rep|Gov|"
    r"Colonel|Col|Lt|Major|Captain|Sgt|Professor|Prof|Commander|Chairman|Mayor|Governor|spokesman|spokeswoman|analyst|researcher|"
    r"correspondent|editor|director|said|says|told|according to)\.?\s+)$"
)


_FIRST_NAMES = frozenset(
    ["maria", "mary", "anna", "john", "james", "david", "michael", "robert", "william", "thomas", "george", "peter", "paul",
     "mark", "daniel", "victor", "alexander", "sergei", "sergey", "vladimir", "ivan", "olga", "elena", "natalia", "nikolai",
     "dmitry", "andrei", "oleksandr", "kim", "lee", "richard", "joseph", "charles", "edward", "henry", "jack"]
)
_UNIT_PAIRS = lazy_compile(r"(?i)\b(?:military|naval|air|defen[cs]e|police)\s+(?:district|region|command|zone)\b|\b(?:center|centre)\s+for\b")


def not_a_place_phrase(phrase: str, following: str = "") -> bool:
    """A capitalised phrase with a place head that names a unit, an institution or a person's foundation:
    "the Leningrad Military District", "the James Martin Center (for Nonproliferation Studies)",
    "Officers of the Eastern Military District". `following` is the text right after the phrase."""
    # an apostrophe inside a word that is no possessive keeps it one word: "Far'a refugee camp" opens with "far'a",
    # not the everyday "far" ("King's Cross" still opens with "king")
    words = [w.lower() for w in re.findall(r"[^\W_]+(?:['’](?!s\b)[^\W_]+)*", phrase)]
    if not words:
        return True
    if _UNIT_PAIRS.search(phrase + following[:12]):
        return True
    if _NAMED_FOR_A_PERSON.search(phrase):
        return False  # "Kim Il Sung Square", "John Smith Street": places named after people are places
    if words[0] in _FIRST_NAMES:
        return True
    return words[0] in COMMON_WORDS and words[0] not in ("north", "south", "east", "west", "western", "eastern")


_NAMED_FOR_A_PERSON = lazy_compile(r"(?i)\b(?:square|street|avenue|boulevard|bridge|airport|stadium)$")
"""Heads of places that are often named after a person: the first-name rule does not apply to them."""


_DESIGNATION = lazy_compile(r"[-‐‑]\s?(?:\d(?!\d*(?:st|nd|rd|th)\b)|[A-Z]{1,3}\d)")
"""A name glued to a number is a model of weapon or machine: "Hwasong-18", "Kh-101", "Shahed-136"; not to an
ordinal, which numbers villages of one name ("Zarechye-1st", "Ivanovka-2nd")."""


_ORGANISATIONS = frozenset(
    ["hamas", "hezbollah", "hizbollah", "hizballah", "houthi", "houthis", "taliban", "wagner", "nato", "irgc", "idf",
     "isis", "isil", "kcna", "rosatom", "roscosmos", "fatah", "jihad", "quds", "radwan", "azov", "akhmat"]
)
"""Organisations and armed groups the articles name as actors; some town somewhere shares each name."""
ORGANISATION_WORDS = _ORGANISATIONS


def not_a_name(text: str, start: int, end: int) -> bool:
    """A capitalised word that is an everyday word here (also written in lower case in the passage), a common
    word, an organisation or a month: not a place name on its own."""
    word = text[start:end]
    low = word.lower()
    return low in COMMON_WORDS or low in _ORGANISATIONS or low in _MONTHS_DAYS or low in _written_words(text)


def designation(text: str, end: int) -> bool:
    """The name ending at `end` runs on into a model number ("Hwasong-17"): a weapon's name, not a place."""
    return _DESIGNATION.match(text, end) is not None


_LOCATIVE_BEFORE = lazy_compile(r"(?i)\b(?:in|at|from|into|across|around|via)\s+(?:the\s+)?$")
"""Where something is, not what was done to whom ("in X", not "attacked X", which may be said of a person)."""
_SPOKEN_AFTER = lazy_compile(r",?\s+(?:said|says|told|added|wrote|noted|stated|announced|claimed|insisted)\b")
"""A speech verb after a name in apposition or in a list ("the district capital, Ivanov said"): a person speaking,
not a place."""
NEEDS_MATE = "list needs placed mates"
"""The cue of a list item that is a place only beside its list's places ("four areas—Glotovo, Kozinka"): listed
when the article places a list mate (ties.py puts it beside them), dropped otherwise."""
NEEDS_SUPPORT = "shape needs support"
"""The cue of a name lifted only by a weak shape after "in"/"from" ("in Kovrizhino"): listed when a gazetteer
place near the article's places reads it (another ending, a slip of spelling), dropped otherwise."""


def _supported(text: str, start: int, end: int, index: GeoIndex) -> bool:
    """The list item `text[start:end]` is a place by its own evidence: a gazetteer reading of the whole item or a
    strong place shape."""
    words = list(key(text[start:end]))
    if words and any(h.words == len(words) and (not h.variant or len("".join(words)) >= 5) for h in index.lookup(words)):
        return True
    return place_shape(text, start, end) == STRONG_SHAPE


def _ending(surface: str) -> str:
    word = surface.rsplit(None, 1)[-1].lower()
    return word[-3:] if len(word) >= 6 else ""


OWN = "own"
MATES = "mates"


def listed_place(text: str, start: int, end: int, gazetteer_read: bool, index: GeoIndex) -> str:
    """Whether the name stands in a list whose other items make a place of it, as a reader takes them: OWN (by
    its own evidence in the list), MATES (only if the list's other places are placed: NEEDS_MATE), or "".

    In a list a plural place noun opens ("two villages, X and Y"), an item is a place by its own evidence when the
    gazetteer reads it or when it has a strong place shape or the shape the head asks for ("three districts—X-sky,
    ..."); with a weak place shape or the ending of another item that is a place by its own evidence ("Glotovo"
    beside "Kozinka"), only beside placed list mates. In a list with no such head ("Blida, X or Y"), only a strong
    shape beside an item that is a place. Any capitalised word is not enough: "two villages, Tuesday and Wednesday"
    are no villages."""
    head, items = list_items(text, start, end)
    if len(items) < 2:
        return ""
    shape = place_shape(text, start, end)
    others = [(a, b) for a, b in items if (a, b) != (start, end)]
    surface = text[start:end]
    if head and (gazetteer_read or shape == STRONG_SHAPE or head_shape(head, surface)):
        return OWN
    if not head and shape != STRONG_SHAPE:
        return ""
    places = [(a, b) for a, b in others if _supported(text, a, b, index) or (head and head_shape(head, text[a:b]))]
    if not places:
        return ""
    if not head:
        return OWN
    if len(others) >= MOSTLY_PLACES_ITEMS and len(places) * 3 >= len(others) * 2:
        return OWN  # "the following 10 settlements: Apanasovka, Byakhovo, ...": a long headed list, mostly of places
    ending = _ending(surface)
    counted = _COUNTED.search(text, max(0, items[0][0] - 60), items[0][0])
    if counted is not None and _COUNTS.get(counted.group("n").lower()) == len(items):
        return MATES  # "two villages, Prohres and Yevhenivka": as many names as the villages it counts, one of them read
    return MATES if shape == WEAK_SHAPE or any(ending and _ending(text[a:b]) == ending for a, b in places) else ""


MOSTLY_PLACES_ITEMS = 4
"""From this many other items, a headed list two thirds of whose other items are places by their own evidence makes a
place of every item (a weekday or a common word still is none: checked before)."""


_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6}
_COUNTED = lazy_compile(
    r"(?i)\b(?P<n>two|three|four|five|six|[2-6])\s+(?:more\s+|other\s+|small\s+|border\s+|frontline\s+|front-line\s+)?"
    r"(?:villages|settlements|towns|hamlets)\s*(?:[,:—–-]|\s+of)\s*$"
)
"""A list's head that counts its items ("two villages, X and Y"): when the count is right and one item is read,
the others are the villages it counts (kept only beside their placed mates: NEEDS_MATE)."""


_SUPPORTED_BEFORE = lazy_compile(
    r"(?i)\b(?:(?:communit(?:y|ies)|hromadas?)\s+of|(?:village|town|settlement),\s+(?:also\s+)?(?:called|known\s+as))\s+$"
)
"""Cues a reader takes for a place but that also name groups and things ("the communities of X" may be a faith's,
"the village, called X by its people" may go on with a nickname): a name after them is listed only when a gazetteer
place near the article's places reads it (NEEDS_SUPPORT), and a gazetteer name is read as after "in"."""


def supported_cue_before(text: str, start: int) -> bool:
    """One of the _SUPPORTED_BEFORE cues just before `start`, or before the list the name ends."""
    return cue_before(text, start, _SUPPORTED_BEFORE) == STRONG


def cue_before(text: str, start: int, strong: LazyPattern = _STRONG_BEFORE) -> str:
    """STRONG/WEAK/"" for the place cue just before `start` (a list's cue covers all its items); `strong`: the
    cues that count as strong."""
    window = text[max(0, start - 160) : start]
    for _ in range(6):
        if strong.search(window[-60:]):
            return STRONG
        m = _LIST_ITEM.search(window)
        if m is None:
            break
        window = window[: m.start()]
    window = text[max(0, start - 40) : start]
    if strong.search(window) or (strong is _STRONG_BEFORE and _STRONG_BEFORE_FR.search(window)):
        return STRONG
    if _WEAK_BEFORE.search(window):
        return WEAK
    return ""


def cue_after(text: str, end: int) -> str:
    return STRONG if _STRONG_AFTER.match(text[end : end + 60]) else ""


_IN_REGION_AFTER = lazy_compile(
    r"(?P<comma>,?)\s+in\s+(?:the\s+)?(?:[A-Z][\w’'-]+\s+){1,2}(?:[Oo]blast|[Rr]egion|[Pp]rovince|[Kk]rai|[Gg]overnorate|[Dd]istrict|[Rr]aion)\b"
)


def article_start(text: str, start: int) -> int:
    """Where a name at `start` opens with a lower-case Arabic article joined to it ("al-Salam"), else `start`."""
    m = _ARTICLE_BEFORE.search(text, max(0, start - 5), start)
    return start if m is None else m.start()


def opens_sentence(text: str, start: int) -> bool:
    """The word at `start` opens its sentence (or passage), where every word is capitalised."""
    before = text[max(0, start - 3) : start].rstrip(" \"“‘'(")
    return not before or before[-1] in ".!?\n"


def in_region_after(text: str, start: int, end: int) -> bool:
    """The name is located in a region named after it ("X in the Kharkiv region", "X in Sumy Oblast"; set off by commas
    only in apposition to a place noun, "one village, X, in Kursk region", not "the governor, Smirnov, in ..."): a place,
    unless the name is a person's (checked by the caller)."""
    m = _IN_REGION_AFTER.match(text, end)
    return m is not None and (not m.group("comma") or _APPOSED_TO.search(text, max(0, start - 30), start) is not None)


_APPOSED_TO = lazy_compile(r"(?i)\b(?:village|town|settlement|hamlet|city),\s+$")
"""A place noun and a comma before a name: the name is set off as what the noun is ("one village, X, in ...")."""


def org_or_unit(text: str, end: int) -> bool:
    """The name runs on into an organisation or unit word ("Leningrad Military District", "Kharkiv Institute")."""
    m = re.match(r"[\s-]+((?:[A-Z][\w’'-]*\s+){0,2}[A-Z][\w’'-]*)", text[end : end + 60])
    if not m:
        return False
    words = [w.lower() for w in re.findall(r"[\w’'-]+", m.group(1))]
    return any(w in _ORG_TAIL for w in words)


def person_like(text: str, start: int, end: int) -> bool:
    """A title or a speech verb right before the name, or another capitalised word glued on either side
    that is not a place word: a person's name, not a place ("Robert Dunai", "Dunai Petrov")."""
    before = text[max(0, start - 30) : start]
    if _TITLE_BEFORE.search(before):
        return True
    b = re.search(r"([A-Z][a-z’'-]+)\s+$", before)
    if b and b.group(1).lower() not in _NOT_NAME:
        return True
    a = re.match(r"\s+([A-Z][a-z’'-]+)\b", text[end : end + 30])
    return bool(a and not _PLACE_TAIL.match(text[end:]) and a.group(1).lower() not in _ORG_TAIL)


def _name_run(text: str, toks: list[tuple[str, int, int]], i: int) -> int:
    """How many tokens from i form one capitalised name (1..3), allowing a lowercase 'al'/'el' link, a Persian ezafe ('-e') and hyphens."""
    n = 1
    glued = 0  # how many trailing words are the lower-case half of a word split by an apostrophe ("Be'eri")
    while i + n < len(toks) and n < 3:
        gap = text[toks[i + n - 1][2] : toks[i + n][1]]
        word = text[toks[i + n][1] : toks[i + n][2]]
        ezafe = gap == "-" and word in ("e", "ye")  # Persian "Kuh-e Taftan"
        inner = apostrophe_inside(text[toks[i + n - 1][1] : toks[i + n - 1][2]], gap, word)
        if gap not in (" ", "-", "’", "'") or not (word[:1].isupper() or word in ("al", "el", "ad", "ash") or ezafe or inner):
            break
        glued = glued + 1 if inner else 0
        n += 1
    while not glued and n > 1 and not text[toks[i + n - 1][1]].isupper():
        n -= 1
    return n


_CONTRACTIONS = frozenset({"s", "t", "d", "ll", "re", "ve", "m"})


def apostrophe_inside(before: str, gap: str, word: str) -> bool:
    """Whether `word` after `gap` is the rest of one word an apostrophe splits after a short capitalised syllable, as
    Hebrew and Arabic names are written ("Be'eri", "Netiv Ha'asara", "Ma'ale"); not a possessive or a contraction."""
    return (gap in ("’", "'") and 1 < len(before) <= 3 and before[:1].isupper() and word[:1].islower()
            and word.isalpha() and word not in _CONTRACTIONS)


def _glued(text: str, toks: list[tuple[str, int, int]], k: int) -> bool:
    """Token k is the lower-case rest of a word an apostrophe splits after the token before it ("Be’eri")."""
    if k == 0:
        return False
    (_, a_start, a_end), (_, b_start, b_end) = toks[k - 1], toks[k]
    return apostrophe_inside(text[a_start:a_end], text[a_end:b_start], text[b_start:b_end])


def longer_name(text: str, toks: list[tuple[str, int, int]], i: int, size: int) -> bool:
    """The gazetteer name of `size` words at token i is only the start of a longer name written here: the next
    word is glued on (a space or a hyphen), capitalised, and not a place word, a demonym or an everyday word."""
    j = i + size
    if j >= len(toks) or _name_run(text, toks, i) <= size:
        return False
    word = toks[j][0]
    if _PLACE_TAIL.match(text[toks[j - 1][2] :]) or word in _NOT_NAME or word in COMMON_WORDS or word in _ORG_TAIL:
        return False
    return word not in _MONTHS_DAYS and not word.isdigit()


SLIP_LETTERS = 6
"""A one-word name after "in", "at", "around" is checked for a slip of spelling from this length (typos.MIN_LETTERS)."""


def _slip_shaped(text: str, toks: list[tuple[str, int, int]], i: int, size: int) -> bool:
    """One plain word (letters only, not an everyday, organisation or month word, not also written in lower case here)
    long enough to be checked for a slip of spelling of a place near the article's places."""
    word, start, end = toks[i]
    surface = text[start:end]
    return (size == 1 and len(surface) >= SLIP_LETTERS and surface.isalpha() and surface[1:].islower()
            and not not_a_name(text, start, end) and word not in _NOT_NAME)  # fmt: skip


_WRITTEN: tuple[str, frozenset[str]] = ("", frozenset())


def _written_words(text: str) -> frozenset[str]:
    """Every word of `text` as written (case kept), computed once per passage: asking whether a name also
    occurs in lower case must not scan the whole passage for each capitalised word (quadratic in a long text)."""
    global _WRITTEN
    cached = _WRITTEN
    if cached[0] is not text:
        cached = _WRITTEN = (text, frozenset(re.findall(r"\w+", text)))
    return cached[1]


_RUN_BEFORE = lazy_compile(r"[A-Z][\w’'-]*\s+$")
"""A capitalised word just before a name: the name may be the tail of a longer one."""


def _person_or_body(text: str, start: int, surface: str) -> bool:
    """A name after a title ("Mayor Ras Baraka") or holding an institution's word ("Mount Holyoke College"): a person or
    a body, whatever place word opens it."""
    return bool(_TITLE_BEFORE.search(text, max(0, start - 30), start)) or any(w in _ORG_TAIL for w in key(surface))


def find_toponyms(text: str, toks: list[tuple[str, int, int]], i: int, index: GeoIndex, big_city_words: int) -> Toponym | None:
    """The candidate starting at token i (already known to start with a capital letter), or None.

    `big_city_words`: the length of the big-city table's own match here (0 for none); the index is only
    asked for longer names, so the established city layer keeps its readings."""
    word, start, _ = toks[i]
    if word in _MONTHS_DAYS or word in _NOT_NAME or word in _ORGANISATIONS or word[:1].isdigit():
        return None  # (a measure or a date glued to its unit opens no name: "12km", "1st")
    article = _ARTICLE_BEFORE.search(text, max(0, start - 5), start)  # "al-Mughraqa", "az-Zahra": the name opens there
    words = [t[0] for t in toks[i : i + MAX_WORDS]]
    hits = [h for h in index.lookup(words) if h.words > big_city_words]
    if not big_city_words and not any(not h.variant and (h.words > 1 or words[0] not in ARABIC_ARTICLES) for h in hits):
        for alt in arabic_respellings(words):  # "Deir Ezzor", "Al-Bokamal": Deir ez-Zor, Al-Bukamal in the index
            respelt = [replace(h, words=h.words - alt.extra) for h in index.lookup(alt.words) if h.words >= alt.cover and not h.variant]
            if respelt:
                hits = respelt
                break
    if not hits and not big_city_words:  # "Sinpho" (McCune–Reischauer) for Sinpo: the index has the other spelling
        korean = KOREA.search(text) is not None
        hits = [replace(h, variant=True) for alt in respellings(word, korean) for h in index.lookup([alt]) if h.words == 1]
    if hits and not big_city_words and all(h.variant for h in hits) and _UKRAINE.search(text):
        # "Gulyaypole" (Russian G) for Hulyaypole: the Ukrainian h, whose places the variant key does not reach
        seen = {h.row.gid for h in hits}
        hits += [replace(h, variant=True) for h in index.lookup([word.replace("g", "h")]) if h.words == 1 and h.row.gid not in seen] if "g" in word else []
    # a spelling-variant match of a short word is a coincidence ("How" and Hove share a key)
    hits = [h for h in hits if not h.variant or len("".join(words[: h.words])) >= 5]
    # the name must be written as a name: every word capitalised except an Arabic article
    # (or be the lower-case rest of a word an apostrophe splits: "Be’eri", "Netiv Ha’asara")
    hits = [h for h in hits if all(text[t[1]].isupper() or t[0] in ("al", "el") or _glued(text, toks, k)
                                   for k, t in enumerate(toks[i : i + h.words], i))]  # fmt: skip
    # and must not stop inside a hyphenated word ("Kharkiv-based")
    hits = [h for h in hits if text[toks[i + h.words - 1][2] : toks[i + h.words - 1][2] + 1] not in ("-",) or
            _PLACE_TAIL.match(text[toks[i + h.words - 1][2] :])]
    if hits:
        size = max(h.words for h in hits)
        chosen = tuple(h for h in hits if h.words == size)
        if longer_name(text, toks, i, size):
            size, chosen = _name_run(text, toks, i), ()  # "Malaya Loknya" is not the town "Malaya": listed as written
    else:
        if big_city_words and not _KOREAN_TAIL.match(text, toks[i + big_city_words - 1][2]):
            return None  # the city layer's own name; but "Sonbong-ri" is a village, not the city Sonbong
        size = big_city_words or _name_run(text, toks, i)
        chosen = ()
    end = toks[i + size - 1][2]
    suffix = _KOREAN_TAIL.match(text, end)
    if suffix:
        end, chosen = suffix.end(), ()  # "Tongchon-ri" is a village, not the town "Tongchon": listed for review
    lead = start if article is None else article.start()  # where the name's cue and list place are read from
    if article is not None and not chosen:  # (a word the gazetteer reads alone keeps that reading's span)
        side = _SIDE_BEFORE.search(text, max(0, lead - 12), lead)
        if side is not None and not opens_sentence(text, side.start()):
            lead = side.start()  # "Western a-Satr", "Eastern a-Satr": the two halves of one village are two names
        start = lead
    surface = text[start:end]
    if org_or_unit(text, end) or designation(text, end):
        return None
    strength = cue_before(text, lead)
    cue = "before"
    located_after = bool(cue_after(text, end)) and not (size == 1 and opens_sentence(text, start) and _EVENT_WORD.match(surface))
    if not located_after and states_position(text, end) and not _RUN_BEFORE.search(text, max(0, start - 30), start):
        located_after = True  # "at Myohyangsan (40.03°, 126.19°)": the text locates it (not "Pyongyang VIP Heliport (...)")
    if not located_after and place_noun_after(text, start, end):
        located_after = True  # "the Khanouq area", "the Serebryansky forest": the noun says what the name is
    if strength != STRONG and (located_after or _KOREAN_SUFFIX.search(surface) or (size == 1 and korean_joined(word) and KOREA.search(text))):
        strength, cue = STRONG, "after"
    lifted_from = None
    if strength != STRONG and (_STATED_AFTER.match(text, end) or _STATED_BEFORE.search(text, max(0, start - 40), start)):
        # what the sentence says the name is; a gazetteer name only where the story is (Toponym.lifted_from)
        lifted_from, strength, cue = (strength if chosen else None), STRONG, "stated"
    everyday = size == 1 and word in COMMON_WORDS  # "two villages, Police and Star": words some towns are called
    if strength != STRONG and not chosen and levantine_head(surface) and not _person_or_body(text, start, surface):
        strength, cue = STRONG, "head"  # "Wadi al-Hjeir", "Jebel Amil": a valley, a mountain, whatever the gazetteer says
    if strength != STRONG and in_region_after(text, start, end) and not person_like(text, start, end) and not opens_sentence(text, start):
        strength, cue = STRONG, "after"  # "X in the Kharkiv region": located in a region ("Officials in the ..." are not)
    listed = listed_place(text, lead, end, bool(chosen) and not everyday, index) if strength != STRONG else ""
    if listed:
        if chosen and place_shape(text, start, end) != STRONG_SHAPE:
            lifted_from = strength  # a gazetteer name in the list, with no shape of its own: only where the story is
        strength, cue = STRONG, ("list" if listed == OWN else NEEDS_MATE)  # "two villages, X and Y", "Blida, X or Y"
    if strength == WEAK and not chosen and _LOCATIVE_BEFORE.search(text, max(0, start - 12), start):
        shape = place_shape(text, start, end)  # "in Maroun al-Ras", "In Kovrizhino": where something happened
        if shape:
            strength, cue = STRONG, ("before" if shape == STRONG_SHAPE else NEEDS_SUPPORT)
        elif village_named(surface) or _slip_shaped(text, toks, i, size):
            # "an explosion in Yaroun": a village the index lacks; "fighting in Jabilia": perhaps a slip of spelling of a
            # place near the story's (Jabalia): either only if it is where the story is (typos.py, at placing)
            strength, cue = STRONG, NEEDS_SUPPORT
    if strength != STRONG and supported_cue_before(text, lead):  # "the communities of X, Y and Z"
        strength, cue = (WEAK, "before") if chosen else (STRONG, NEEDS_SUPPORT)
    if strength != STRONG and is_dateline(text, start, end, colon=False):
        strength, cue = STRONG, "dateline"  # "SUDZHA, Russia —": the report's own place, whatever its size
    if not chosen and cue in ("stated", "list", NEEDS_MATE) and _SPOKEN_AFTER.match(text, end):
        return None  # "the regional center, Ivanov said": a person speaking (not "officials in X said")
    if not chosen and strength != STRONG:
        return None
    if not chosen and opens_like_a_person([t[0] for t in toks[i : i + size]], _FIRST_NAMES):
        return None  # "President Putin in the Kursk region", "Vladimir Putin": a person
    if not chosen and all(t[0] in COMMON_WORDS or t[0] in _ORG_TAIL for t in toks[i : i + size]):
        return None  # "the 769th Brigade, a regional unit": a cue, but no name
    if strength != STRONG and size == 1 and (word in COMMON_WORDS or word in _written_words(text)):
        return None  # "Just a few weeks", "the European Union": a word (it is also written in lower case here)
    if person_like(text, start, end) and strength != STRONG:
        return None
    return Toponym(start, end, surface, chosen, cue if strength else "", strength, lifted_from)


# ---------------------------------------------------------------- areas a reader maps without a gazetteer row

_NO_NOUN = (r"(?:on|in|at|and|or|but|was|were|is|are|has|have|had|to|from|with|for|since|after|before|during|where|which|that"
            r"|as|by|near|until|amid|last|this|on|overnight|again|earlier|late)")
"""Words after "Israel's north" that show "north" is the noun, the country's part ("rockets on Israel's north on
Sunday", "residents of Israel's north were evacuated"); any other word makes it an adjective ("Ukraine's east
front")."""
_DIRS = r"(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
_CAP = r"[A-Z][\w’'.-]*"
_NOT_AT_STOP = r"(?<![a-z]{2}\.)"
"""No second word after a sentence's full stop: "southern Syria. Government figures" names Syria, and "the border with
Russia. Israel's north" two areas (an abbreviation's stop, "U.S.", "St.", may go on)."""
_AREA_PATTERNS: tuple[tuple[str, LazyPattern], ...] = (
    # "eastern Ukraine", "northwest Russia", "north-west of Iran", "the eastern Mediterranean" (the country is checked)
    ("part of a country", lazy_compile(rf"\b{_DIRS}\s+(?:of\s+)?(?P<k>{_CAP}(?:{_NOT_AT_STOP}\s+{_CAP})?)(?:\s+(?:region|regions|areas?|coast))?")),
    # "East Ukraine" in a headline (not "North Korea": a country's own name is checked below)
    ("part of a country", lazy_compile(rf"\b(?:East|West|North|South|Central|Eastern|Western|Northern|Southern)\s+(?P<k>{_CAP})\b")),
    # "Ukraine's east", "Lebanon’s south" (not "Russia's Southern Military District", "Ukraine's eastern front")
    ("part of a country", lazy_compile(
        rf"\b(?P<k>{_CAP}(?:{_NOT_AT_STOP}\s+{_CAP})?)['’]s\s+(?:far\s+)?{_DIRS}\b(?!\s+(?!{_NO_NOUN}\b)[A-Za-z]|[-‐‑])"
    )),
    # "the border with Israel", "the border wall with Lebanon", "the border with the Russian Federation"
    ("border", lazy_compile(rf"\b(?:the\s+)?border(?:\s+wall)?\s+with\s+(?:the\s+)?(?P<c>{_CAP}(?:{_NOT_AT_STOP}\s+{_CAP})?)")),
    # "the border between Russia and North Korea" (the first country is checked)
    ("border", lazy_compile(rf"\b(?:the\s+)?borders?\s+between\s+(?:the\s+)?(?P<c>{_CAP}(?:{_NOT_AT_STOP}\s+{_CAP})?)\s+and\s+(?:the\s+)?{_CAP}(?:{_NOT_AT_STOP}\s+{_CAP})?")),
    # "North Korea's west coast", "Iran's southern coastline", "its east coast", "the east coast of North Korea": a
    # country's coast (a bare "the coast" or "the East Coast" is left alone; "its east coast operations" is no place)
    ("coast", lazy_compile(
        rf"\b(?:(?P<k>{_CAP}(?:{_NOT_AT_STOP}\s+{_CAP})?)['’]s|[Ii]ts|the\s+country['’]s)\s+{_DIRS}\s+(?:coast|coastline|seaboard)\b"
        rf"(?!\s+(?!{_NO_NOUN}\b)[a-z]|[-‐‑])"
    )),
    ("coast", lazy_compile(rf"\b(?:the\s+)?{_DIRS}\s+(?:coast|coastline|seaboard)\s+of\s+(?:the\s+)?(?P<k>{_CAP}(?:{_NOT_AT_STOP}\s+{_CAP})?)")),
    # "the country's west coast", "the eastern coast of the country", "the remote eastern reaches of the country": a part
    # of the country the article is about (not "the west of the country", often a figure of speech)
    ("part of the country", lazy_compile(
        rf"\b{_DIRS}\s+(?:coast|coastline|seaboard|reaches|parts?)\s+of\s+the\s+country\b"
    )),
    # "on the east coast", "off the Gulf coast": a coast where something stands, of the country the sentence is about
    # (lower case: "the East Coast" is another country's region; "the east coast port" a coast's port, no place)
    ("coast", lazy_compile(
        r"(?:(?<=\bon the )|(?<=\balong the )|(?<=\boff the ))(?:" + _DIRS + r"|Gulf|Black\s+Sea|Caspian|Mediterranean|Baltic)"
        r"\s+coast(?:line)?\b(?![-‐‑])(?!\s+(?!(?:of|" + _NO_NOUN + r")\b)[a-z])"
    )),
    # "the Russia-North Korea border", "Lebanon-Syria border", "Tumangang-Khasan Rail Crossing"
    ("border", lazy_compile(
        rf"\b(?P<c>{_CAP}(?:{_NOT_AT_STOP}\s{_CAP})?)\s?[-–]\s?{_CAP}(?:{_NOT_AT_STOP}\s{_CAP})?\s+(?i:borders?(?:\s+crossing)?|(?:rail|railroad|railway|road)\s+(?:border\s+)?(?:crossing|link|bridge|connection))\b"
    )),
    # "the border", "the state border", "the border wall", "the frontier separating the two countries": the article's
    # own border
    ("bare border", lazy_compile(
        r"(?i)\bthe\s+(?:(?:state|shared|common|international)\s+)?(?:border|frontier)(?:\s+(?:wall|fence|barrier))?"
        r"(?:\s+(?:separating|between)\s+the\s+two\s+countries)?\b(?![-‐‑])"
        r"(?!\s+(?:of|with|between|wall|walls|guards?|police|troops|service|crossings?|towns?|villages?|city|cities|regions?"
        r"|areas?|posts?|zones?|districts?|security|patrols?|control|checkpoints?|force|forces|officials?|authorities|line"
        r"|fence|dispute|protection|agency|communit(?:y|ies)|residents?)\b)"
    )),
    # "the Masnaa border crossing"
    ("border crossing", lazy_compile(rf"\b{_CAP}(?:{_NOT_AT_STOP}\s{_CAP})?\s+border(?:\s+crossing)?\b(?!\s+(?:guards?|police|troops|service)\b)")),
    # "Israel’s northern border", "Ukrainian border"
    ("border", lazy_compile(rf"\b(?P<c>{_CAP}(?:{_NOT_AT_STOP}\s{_CAP})?)(?:['’]s)?\s+(?:{_DIRS}\s+)?border\b(?!\s+(?:guards?|police|troops|service)\b)")),
    # "the Syrian buffer zone", "Lebanon's security zone": a country's zone named by its kind (the country is checked)
    ("country's zone", lazy_compile(rf"\b(?P<c>{_CAP}(?:{_NOT_AT_STOP}\s+{_CAP})?)(?:['’]s)?\s+(?:buffer|security|border)\s+zones?\b")),
    # "the U.S. mainland", "the American mainland", "mainland China": a country's main landmass (a demonym is checked)
    ("mainland", lazy_compile(rf"\b(?P<c>{_CAP}(?:{_NOT_AT_STOP}\s+{_CAP})?)\s+mainland\b")),
    ("mainland", lazy_compile(rf"\bmainland\s+(?P<k>{_CAP}(?:{_NOT_AT_STOP}\s+{_CAP})?)")),
    ("sea or macro-region", lazy_compile(
        r"\b(?P<n>Middle East|(?i:far east)|East Asia|Southeast Asia|Central Asia|Persian Gulf|Red Sea|Indian Ocean|Pacific Ocean"
        r"|Caspian Sea|Mediterranean(?: Sea)?|Arctic Ocean|Baltic Sea|(?:Gulf|Straits?|Bay|Sea) of [A-Z]\w+)\b"
    )),
    # "in Asia", "across Europe": a continent (not "Asia Times", "Asia-Pacific"; "Radio Free Asia" is checked below)
    ("continent", lazy_compile(r"\b(?:Asia|Europe|Africa|Oceania|Antarctica|Eurasia)\b(?!\s+[A-Z]|[-‐‑])")),
    # "the Syrian buffer zone": a country's zone named by its kind (not "the army's buffer zone", no country's)
    ("named zone", lazy_compile(rf"\b(?P<c>{_CAP})\s+buffer\s+zone\b")),
    # "the demilitarized zone", "the DMZ": a zone named by its kind, written in lower case or as an acronym (not "a
    # demilitarized zone", any proposed one)
    ("named zone", lazy_compile(r"(?<=\b[Tt]he )(?P<n>(?:Korean\s+)?[Dd]emilitari[sz]ed\s+[Zz]one)\b|(?<=\b[Tt]he )DMZ\b")),
    # "the Sinai", "the Galilee Panhandle", "the Negev Desert": regions written with the article (not "the Negev
    # machine gun", not "Conquest of the Galilee", a plan's name)
    ("named region", lazy_compile(
        r"(?<=\b[Tt]he )(?P<n>(?:(?:Upper|Lower|Western|Eastern|Northern|Southern|Central)\s+)?(?:Sinai|Negev|Galilee|Arava|Hejaz|Hauran)"
        r"(?:\s+(?:Peninsula|Desert|Panhandle|[Rr]egion))?)\b"
        r"(?!\s+(?:machine|light|LMG|[Hh]ospital|[Mm]edical))"
    )),
)
PART_CUE = "numbered part"
"""The cue of a part of a site named by its number ("Tunnel No. 3"): listed for review, tied to its site by ties.py."""
_NUMBER_WORDS = r"One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve"
NUMBERED_PART = lazy_compile(
    r"(?<![\w-])(?:Tunnels?|Portals?|Adits?|Shafts?|Launch\s+Pads?|Pads?|Silos?|Bunkers?)"
    rf"\s+(?:(?:No\.?|Number|Nos\.?|#)\s*(?:\d{{1,3}}[A-Z]?|{_NUMBER_WORDS})|\d{{1,3}}[A-Z]?|(?:{_NUMBER_WORDS})(?=\s+(?:at|of|in|on|near|and|was|is|has|had|,|\.)))\b"
)
"""A part of a site named by its number: "Tunnel No. 3", "Tunnel Number Four", "Portal 2", "Launch Pad 39A" (a
spelled-out number only before a preposition or a verb: "Tunnel Three at the site", not "Pad Two Kitchen"; a pier or
a berth is read where the gazetteer's word is: names.numbered_part)."""


def numbered_parts(text: str) -> list[Toponym]:
    """Parts of a site named by their number: candidates a reader maps at that site (ties.py), listed for review."""
    return [Toponym(m.start(), m.end(), m.group(0), (), PART_CUE, STRONG) for m in NUMBERED_PART.finditer(text)]


_TITLE_BEFORE_ARTICLE = lazy_compile(r"[A-Z][a-z]+\s+of\s+the\s+$")
_AREA_NAMES = frozenset(["mediterranean", "siberia", "europe", "asia", "africa", "caucasus", "arctic", "balkans", "baltic", "gulf",
                         "negev", "galilee", "sinai"])  # fmt: skip


_COUNTRY_OWNER = lazy_compile(r"the\s+country['’]s\s+")


def area_phrases(text: str, country_of: Callable[[tuple[str, ...], bool], str | None]) -> list[Toponym]:
    """Parts of countries, borders, seas and macro-regions: candidates a reader maps as areas, listed for
    review (the offline gazetteer has no rows for them). `country_of(words, demonyms)` is the ISO code of a
    country name ("Israel"), or with `demonyms` also of a demonym ("Ukrainian border"), else None."""
    out = []
    for _why, pattern in _AREA_PATTERNS:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            named = groups.get("c") or groups.get("k")
            if named is not None:
                words = tuple(w.lower() for w in re.findall(r"[^\W_]+", re.sub(r"['’]s$", "", named)))
                iso = country_of(words, groups.get("k") is None)
                if iso is None and not (words and words[-1] in _AREA_NAMES):
                    continue
                whole = tuple(w.lower() for w in re.findall(r"[^\W_]+", m.group(0)))
                if text[m.start()].isupper() and country_of(whole, False) is not None:
                    continue  # "North Korea", "South Sudan": a country's own name, not a part of another
            start, end = m.start(), m.end()
            if _why == "named region" and _TITLE_BEFORE_ARTICLE.search(text, max(0, start - 30), start):
                continue  # "Conquest of the Galilee": a plan's or a book's title, not the region
            if _why == "continent" and (run := _RUN_BEFORE.search(text, max(0, start - 30), start)) and not opens_sentence(text, run.start()):
                continue  # "Radio Free Asia": the tail of a longer name (not "In Asia," opening a sentence)
            if re.search(r"(?<![A-Z]\.[A-Z])[.!?]\s", text[start:end]):
                continue  # "Sumy. The border": a sentence ends inside, the words are not one name (not "U.S. mainland")
            owner = _COUNTRY_OWNER.match(text, start)
            if owner is not None:
                start = owner.end()  # "the country's west coast": the coast, of the country the article is about
            elif text.startswith(("the ", "The ", "its ", "Its "), start):
                start += 4  # ("its east coast": the coast, of the country the sentence is about)
            last = text[start:end].split()[-1]
            if last.endswith(".") and last.count(".") == 1:
                end -= 1  # the sentence's full stop, not an abbreviation ("the border with Russia.", "the U.S.")
            out.append(Toponym(start, end, text[start:end], (), "area", STRONG))
    return out
