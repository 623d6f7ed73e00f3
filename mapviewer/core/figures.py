"""Figures: every quantity a passage states, with what it counts, its bounds, the sites it is about
and how certain its sentence is.

The rules are transparent tables, like the claim rules (mapviewer.core.claims):
  1. NUMBER finds numerals ("6,000", "1.5 billion", "$30", "twenty-five", "three to four", "dozens");
  2. EXCLUSION_RULES drop what is a number but no figure: years, dates, ordinals, names and codes
     ("KN-23", "38 North"), time spans used as time expressions ("over the next 15 years"), "the two X"
     (= both) and the pronoun "one";
  3. BOUND_RULES read the words just before the number: "over 6,000" is more than 6,000, "up to" / "as many
     as" at most, "at least" at least, "about" / "approximately" approximately; a range ("three to four",
     "between 5 and 10") keeps both ends; vague numerals are lower bounds ("dozens" >= 24, "hundreds" >= 200,
     "thousands" >= 2,000); RELATION_RULES find "double that figure" (no value, relative to the figure before);
  4. UNITS names what is counted or measured from the words after the number ("military engineers" ->
     engineers, "drones a month" -> drones_per_month, "$" -> usd, "25-mile" -> miles);
  5. NOT_SHOWN_RULES keep out of the views (shown_figures: the window, the popups, `mapviewer figures`) the
     figures that count episodes or the parts of an argument ("won two battles", "for three reasons").
The site(s) a figure is about are those mentioned in its sentence, else in its paragraph; its certainty is
the claim of the mention in its sentence, else the claim rules applied to the sentence at the figure.

Nothing is stored: `figures_of(ws)` computes them from the articles and mentions when first asked for
(the CLI, an export), so opening a workspace costs nothing more.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from mapviewer.core.claims import Rule
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.model import Article, Mention
from mapviewer.core.sentences import sentence_spans

if TYPE_CHECKING:
    from mapviewer.core.workspace import Workspace

_I = re.IGNORECASE


def _rule(name: str, label: str, pattern: str) -> Rule:
    """A named cue, as the claim rules' (without their keyword prefilter: `keys` is empty)."""
    return Rule(name, label, lazy_compile(pattern, _I), ())


# ---- numerals -----------------------------------------------------------------------------------

_SMALL = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "a hundred": 100, "a thousand": 1000,
    "half a": 0.5, "a half": 0.5,
}
_SCALE = {"hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1000, "m": 1e6, "bn": 1e9}
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "tens of thousands": 20000,
          "hundreds of thousands": 200000, "millions": 2e6}
"""Vague numerals are lower bounds: "dozens" is at least two dozen."""

_WORDNUM = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|a dozen|a hundred|a thousand|half a)"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_ONE = rf"(?:(?:\$|US\$|USD ?|€|£)?(?:{_DIGITS}|{_WORDNUM})(?:\s+(?:hundred|thousand|million|billion|trillion)\b|(?:k|bn|m)\b)?)"
NUMBER = lazy_compile(
    r"(?<![\w.,$-])(?:"
    r"(?P<vague>tens of thousands|hundreds of thousands|dozens|scores|hundreds|thousands|millions)"
    r"|(?P<fraction>(?:one|a) (?:quarter|third|fifth|tenth)|(?:two|three) (?:thirds|quarters)|half)(?= of\b)"
    r"|(?P<span>half a (?:century|decade)|a (?:century|decade))\b"
    rf"|(?:between\s+)?(?P<a>{_ONE})(?:\s*(?P<sep>to|-|–|—|or|and)\s*(?P<b>{_ONE}))?"
    r")(?![\w])",
    _I,
)


def parse_number(text: str) -> float | None:
    """The value of one numeral ("6,000", "1.5 billion", "$30m", "twenty-five", "a dozen"), or None."""
    t = re.sub(r"^(US\$|USD ?|\$|€|£)", "", text.strip(), flags=_I).lower()
    if t in _SMALL:  # "a hundred", "a thousand"
        return float(_SMALL[t])
    scale = 1.0
    m = re.search(r"(?:\s+(hundred|thousand|million|billion|trillion)|(k|bn|m))$", t)
    if m:
        scale = _SCALE[m.group(1) or m.group(2)]
        t = t[: m.start()].strip()
    if re.fullmatch(_DIGITS, t):
        return float(t.replace(",", "")) * scale
    t = t.replace("-", " ")
    if t in _SMALL:
        return _SMALL[t] * scale
    parts = t.split()
    if len(parts) == 2 and parts[0] in _SMALL and parts[1] in _SMALL:
        return (_SMALL[parts[0]] + _SMALL[parts[1]]) * scale
    return None


# ---- what is not a figure ------------------------------------------------------------------------

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_PERIOD = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centuries|century)"

EXCLUSION_RULES: tuple[Rule, ...] = (
    # Checked on (text before the number, the number, text after it); each pattern sees "BEFORE\x00NUMBER\x00AFTER".
    _rule("year", "not a figure", r"\x00(?:1[6-9]\d\d|20\d\d)s?\x00(?!\s*(?:[a-z]+\s+)?(?:troops|soldiers|workers|engineers|people|km|miles)\b)"),
    _rule("date", "not a figure", rf"{_MONTH}\s*\x00\d{{1,2}}\x00|\x00\d{{1,2}}\x00\s*{_MONTH}|\x00\d{{1,2}}\x00(?:st|nd|rd|th)\b"),
    _rule("ordinal or list marker", "not a figure", r"\x00\d+\x00(?:st|nd|rd|th)\b|^\s*\x00\d+\x00\.(?:\s|$)"),
    _rule("code or name", "not a figure", r"(?-i:[A-Za-z]-\x00|\x00[^\x00]*\x00-[A-Z]|\x00[^\x00]*\x00\s+North\b(?!\s+Korea)|\x00\d+\x00[A-Za-z])"),
    _rule(
        "time span as a time expression",
        "not a figure",
        rf"\b(?:over|for|in|within|during|after|since|throughout)\s+(?:the\s+)?(?:next|past|last|coming|previous|first|following)\s+\x00[^\x00]+\x00\s+{_PERIOD}\b"
        rf"|\x00[^\x00]+\x00\s+{_PERIOD}\s+(?:ago|later|earlier|before|after|of fighting|of war|of talks)\b",
    ),
    _rule("both", "not a figure", r"\b(?:the|these|those|both|all)\s+\x00(?:two|three|four)\x00"),
    _rule("pronoun one", "not a figure", r"\x00one\x00(?!\s+(?:[a-z-]+\s+){0,2}?(?:" + "|".join(
        ("engineer", "sapper", "worker", "soldier", "troop", "brigade", "missile", "drone", "tunnel", "facilit", "factor",
         "person", "million", "billion", "thousand", "hundred")) + r"))"),
    _rule("a single time of day", "not a figure", r"\x00\d{1,2}\x00(?::\d\d|\s*[ap]\.?m\.?\b)"),
)
"""Numbers that are no figure, first match wins (the rule's name says why)."""

# ---- bounds -------------------------------------------------------------------------------------

BOUND_RULES: tuple[Rule, ...] = (
    _rule("more than", "more_than", r"\b(?:more than|over|in excess of|upwards of|above|exceeding|beyond)\s+$"),
    _rule("at least", "at_least", r"\b(?:at least|no fewer than|no less than|a minimum of|not less than)\s+$"),
    _rule("up to", "at_most", r"\b(?:up to|as many as|as much as|as high as|as deep as|as long as|as far as|as few as|at most"
          r"|no more than|not more than|fewer than|less than|under|below|a maximum of)\s+$"),
    _rule("approximately", "approx", r"\b(?:about|around|approximately|roughly|some|an estimated|estimated|nearly|almost"
          r"|close to|circa|approx\.|more or less|about|reportedly)\s+$"),
)
"""The qualifier right before the number, first match wins; none: the number is exact."""

RELATION_RULES: tuple[Rule, ...] = (
    _rule("double", "double", r"\b(?:double|doubled|doubling|twice)\b(?=\s+(?:that|this|the|its|their|as)\b)"),
    _rule("triple", "triple", r"\b(?:triple|tripled|tripling|three times)\b(?=\s+(?:that|this|the|its|their|as)\b)"),
    _rule("half", "half", r"\bhalf\b(?=\s+(?:that|this|of (?:that|this|the|its|their)\b))"),
)
"""A figure stated relative to another ("double that figure"): no value, related to the figure before it."""

# ---- units --------------------------------------------------------------------------------------

UNITS: tuple[tuple[str, str], ...] = (
    (r"military engineers?|engineers?|technicians?|specialists?|experts?", "engineers"),
    (r"sappers?", "sappers"),
    (r"deminers?|mine[- ]clearers?", "deminers"),
    (r"workers?|labou?rers?|workforce|employees?|builders?|construction workers?", "workers"),
    (r"troops?|servicemen|service members?|forces", "troops"),
    (r"soldiers?|fighters?|combatants?", "soldiers"),
    (r"brigades?", "brigades"),
    (r"battalions?", "battalions"),
    (r"divisions?", "divisions"),
    (r"regiments?", "regiments"),
    (r"people|persons?|personnel|individuals?|men|women|citizens|nationals|civilians|(?:North |South )?Koreans|Russians"
     r"|Ukrainians|Americans|Iranians|Chinese|Europeans", "people"),
    (r"ballistic missiles?|missiles?|rockets?", "missiles"),
    (r"artillery shells?|shells?|rounds?|munitions?", "shells"),
    (r"drones?|UAVs?|Shaheds?|Gerans?", "drones"),
    (r"dollars?|USD", "usd"),
    (r"per ?cent|%", "percent"),
    (r"kilometers?|kilometres?|km", "km"),
    (r"miles?", "miles"),
    (r"feet|foot|ft", "feet"),
    (r"meters?|metres?", "meters"),
    (r"tons?|tonnes?", "tons"),
    (r"years?(?:-old)?", "years"),
    (r"months?", "months"),
    (r"weeks?", "weeks"),
    (r"days?", "days"),
    (r"hours?", "hours"),
    (r"facilities|facility|factories|factory|plants?|sites?", "facilities"),
    (r"bunkers?", "bunkers"),
    (r"caves?", "caves"),
    (r"tunnels?", "tunnels"),
    (r"air ?bases?|airfields?", "air_bases"),
    (r"battles?", "battles"),
    (r"targets?", "targets"),
    (r"countries|nations|states", "countries"),
    (r"containers?", "containers"),
    (r"trains?|railcars?|wagons?", "trains"),
    (r"ships?|vessels?", "ships"),
)
"""Noun (regex) -> the normalised unit; the first listed that matches a word after the number wins."""

NOT_SHOWN_RULES: tuple[Rule, ...] = (
    # Checked on the figure's unit (a UNITS name, or the noun after the number when none matched).
    _rule("count of episodes", "not shown", r"^(?:battles|wars?|times|occasions|visits|meetings|trips)$"),
    _rule("count in the telling", "not shown", r"^(?:reasons?|ways?|sides?|examples?|questions?|things|steps?|stages?|phases?"
          r"|points?|options?|scenarios?|issues?|factors?|words?|sentences?)$"),
)
"""Figures read (they are quantities the text states, and the hand labels count them) but not shown in the
window, the popups and `mapviewer figures`: a number of episodes or of items in an argument ("won two battles",
"for three reasons") says nothing about a force, a place or an output. First match wins; none: shown."""
_UNIT_RES = tuple((lazy_compile(rf"(?:{p})\b", _I), u) for p, u in UNITS)
_RATE = lazy_compile(r"^\s*(?:a|an|per|each|every|in a(?: single)?|in one)\s+(hour|day|night|week|month|year)\b|^\s*(hourly|daily|nightly|weekly|monthly|annually|yearly)\b", _I)
_RATE_WORD = {"hourly": "hour", "daily": "day", "nightly": "night", "weekly": "week", "monthly": "month", "annually": "year", "yearly": "year"}
_WORD = lazy_compile(r"[A-Za-z][A-Za-z’'-]*|[%]")
_STOP_WORDS = frozenset(
    ["a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "but", "as", "that", "which", "who", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "could", "may", "might", "can", "this", "these", "those", "it", "its", "their", "his", "her", "they", "he", "she", "we", "our", "said", "says", "than", "per", "into"]
)


@dataclass(frozen=True)
class Figure:
    """One stated quantity: where it is, its bounds, what it counts, the sites it is about, how certain."""

    article_id: str
    paragraph: int
    start: int
    end: int
    text: str
    bound: str  # exact | approx | at_least | more_than | at_most | range | relation
    value: float | None
    low: float | None
    high: float | None
    unit: str
    what: str
    sites: tuple[str, ...]
    site_from: str  # passage (the sentence names the site) | context (its paragraph does) | none
    mention: str | None
    certainty: str
    sentence: str
    rule: str
    relation: str | None = None
    relative_to: int | None = None  # index of the figure it relates to, in the same article's list

    @property
    def id(self) -> str:
        return f"{self.article_id}:{self.start}"

    def record(self) -> dict:
        """The plain record the CLI's JSON prints."""
        out: dict = {"id": self.id, "site": self.sites[0] if self.sites else None, "sites": list(self.sites),
                     "site_from": self.site_from, "article": self.article_id, "paragraph": self.paragraph,
                     "mention": self.mention, "bound": self.bound}
        if self.bound in ("exact", "approx"):
            out["value"] = _num(self.value)
        elif self.bound == "relation":
            out["relation"] = self.relation
            out["relative_to"] = self.relative_to
        else:
            out["low"] = _num(self.low)
            out["high"] = _num(self.high)
        out.update({"unit": self.unit, "what": self.what, "text": self.text, "span": [self.start, self.end],
                    "certainty": self.certainty, "sentence": self.sentence, "rule": self.rule})
        return out

    def amount(self) -> str:
        """The bounds in words: "> 6,000", "3–4", "≤ 25,000", "≈ 5,000", "double"."""
        if self.bound == "relation":
            return str(self.relation)
        if self.bound == "range":
            return f"{_fmt(self.low)}–{_fmt(self.high)}"
        sign = {"exact": "", "approx": "≈ ", "at_least": "≥ ", "more_than": "> ", "at_most": "≤ "}[self.bound]
        return sign + _fmt(self.value if self.bound in ("exact", "approx") else self.low if self.high is None else self.high)


def _num(v: float | None) -> float | int | None:
    return int(v) if v is not None and float(v).is_integer() else v


def _fmt(v: float | None) -> str:
    if v is None:
        return "?"
    n = _num(v)
    return f"{n:,}" if isinstance(n, int) else f"{n:,.2f}".rstrip("0").rstrip(".")


def _excluded(before: str, number: str, after: str) -> Rule | None:
    probe = f"{before[-60:]}\x00{number}\x00{after[:40]}"
    return next((r for r in EXCLUSION_RULES if r.pattern.search(probe)), None)


def _unit(number: str, after: str, currency: bool) -> tuple[str, str, int]:
    """(unit, what, length of `after` it used) from the words after the number."""
    if currency:
        m = re.match(r"\s*(?:(?:hundred|thousand|million|billion|trillion)\s+)?(?:US\s+)?(?:dollars?\b)?", after, _I)
        return "usd", "US dollars", m.end() if m else 0
    hyphen = re.match(r"-(?P<w>[A-Za-z]+)", after)
    army = re.match(r"-(?:man|strong)\s+(army|force|forces|military|contingent|unit)\b", after, _I)
    if army:  # "a 1.2 million-man army", "a 10,000-strong force"
        return "soldiers", after[1 : army.end()], army.end()
    if hyphen:  # "150-year history", "25-mile long"
        for rx, unit in _UNIT_RES:
            if rx.fullmatch(hyphen.group("w")):
                m = re.match(r"-[A-Za-z]+(?:[- ]long|[- ]old)?(?:\s+[a-z]+)?", after)
                end = m.end() if m else hyphen.end()
                return unit, after[1:end].strip(), end
    if re.match(r"\s*(%|per ?cent\b)", after, _I):
        m = re.match(r"\s*(%|per ?cent\b)", after, _I)
        assert m
        return "percent", "percent", m.end()
    pos = 0
    m_of = re.match(r"\s+of\s+", after)  # "thousands of workers", "dozens of drones"
    if m_of:
        pos = m_of.end()
    words = list(_WORD.finditer(after, pos))
    gap = after[pos : words[0].start()] if words else ""
    if not words or re.search(r"[.;:,()\"“”]", gap):
        return "count", "", 0
    for w in words[:5]:
        between = after[pos : w.start()]
        if re.search(r"[.;:()\"“”]|,\s", between):
            break
        for rx, unit in _UNIT_RES:
            m = rx.match(after, w.start())
            if m and m.start() == w.start():
                end = m.end()
                rate = _RATE.match(after[end:])
                if rate:
                    unit = f"{unit}_per_{rate.group(1) or _RATE_WORD[rate.group(2).lower()]}".lower()
                    end += rate.end()
                return unit, after[(m_of.end() if m_of else 0) : end].strip(), end
        if w.group(0).lower() in _STOP_WORDS:
            break
        pos = w.end()
    first = words[0]
    if first.group(0).lower() in _STOP_WORDS:
        return "count", "", 0
    noun, end = first.group(0).lower(), first.end()
    rate = _RATE.match(after[end:])
    if rate:
        noun = f"{noun}_per_{rate.group(1) or _RATE_WORD[rate.group(2).lower()]}".lower()
        end += rate.end()
    return noun, after[first.start() : end], end


_FRACTIONS = {"quarter": 25, "third": 100 / 3, "fifth": 20, "tenth": 10, "thirds": 200 / 3, "quarters": 75, "half": 50}
_SPANS = {"half a century": 50, "a century": 100, "half a decade": 5, "a decade": 10}


_PRODUCT = lazy_compile(r"\b(drones?|missiles?|shells?|rockets?|UAVs?|Shaheds?)\b", _I)
_NUMBER_OF = lazy_compile(r"\b(?:number|total|count|figure|estimate) of\s+((?:[\w’'-]+\s+){0,5})", _I)
_AGE = lazy_compile(r"[A-Z][\w”\"’.]*,\s*$")


def _unit_from_context(unit: str, before: str, after: str, number: float | None) -> str:
    """Units the words right after a number do not give: an age ("Morozov, 28,"), a generic "units" of the
    sentence's product ("producing 2,000 units per month" of a drone plant), "the number of X ... could reach N"."""
    if unit == "count" and number is not None and number < 120 and _AGE.search(before) and after.startswith(","):
        return "years"
    rate = _RATE.match(after)
    if unit == "count" and rate:  # "often exceeding a hundred in a single night" of the sentence's drones
        product = _PRODUCT.findall(before)
        if product:
            base = next((u for rx, u in _UNIT_RES if rx.fullmatch(product[-1])), "count")
            return f"{base}_per_{rate.group(1) or _RATE_WORD[rate.group(2).lower()]}".lower()
    if unit.startswith(("units", "pieces", "items")):
        product = _PRODUCT.findall(before + " " + after)
        if product:
            base = next((u for rx, u in _UNIT_RES if rx.fullmatch(product[0])), unit)
            return base + unit[len(unit.split("_")[0]) :]
    if unit == "count":
        for m in _NUMBER_OF.finditer(before):
            for noun in m.group(1).split():
                unit = next((u for rx, u in _UNIT_RES if rx.fullmatch(noun)), unit)
                if unit != "count":
                    return unit
    return unit


def _value_bound(m: re.Match[str], before: str) -> tuple[str, float | None, float | None, float | None, str]:
    """(bound, value, low, high, rule name) of a NUMBER match."""
    if m.group("fraction"):
        return "exact", round(_FRACTIONS[m.group("fraction").lower().split()[-1]], 1), None, None, "fraction"
    if m.group("span"):  # "half a century": a round figure in years
        return "approx", _SPANS[m.group("span").lower()], None, None, "round span"
    if m.group("vague"):
        return "at_least", None, _VAGUE[m.group("vague").lower()], None, "vague numeral"
    a = parse_number(m.group("a"))
    if m.group("b") is not None:
        b = parse_number(m.group("b"))
        sep = (m.group("sep") or "").lower()
        between = m.group(0).lower().startswith("between")
        if a is not None and b is not None and (sep in ("to", "-", "–", "—", "or") or between) and a < b:
            if m.group("b") and re.search(r"(hundred|thousand|million|billion)$", m.group("b"), _I) and a < 1000 <= b:
                a *= b / (parse_number(re.sub(r"\s*(hundred|thousand|million|billion)$", "", m.group("b"), flags=_I)) or 1)
            return "range", None, a, b, "range"
    for rule in BOUND_RULES:
        if rule.pattern.search(before, max(0, len(before) - 40)):  # the qualifier is the words right before
            if rule.label == "approx":
                return "approx", a, None, None, rule.name
            if rule.label == "at_most":
                return "at_most", None, None, a, rule.name
            return rule.label, None, a, None, rule.name
    return "exact", a, None, None, "number"


@dataclass(frozen=True)
class _Raw:
    start: int  # in the sentence
    end: int
    bound: str
    value: float | None
    low: float | None
    high: float | None
    unit: str
    what: str
    rule: str
    relation: str | None = None


def figures_in_sentence(sentence: str) -> list[_Raw]:
    """The figures one sentence states, in text order (offsets into the sentence)."""
    found: list[_Raw] = []
    for m in NUMBER.finditer(sentence):
        start, end = m.start(), m.end()
        number = m.group(0)
        before, after = sentence[:start], sentence[end:]
        if m.group("a") is None:
            pass
        elif m.group("b") is None:
            if _excluded(before, number, after):
                continue
            if parse_number(m.group("a")) is None:
                continue
        elif _excluded(before, m.group("a"), sentence[m.end("a") :]):
            continue
        bound, value, low, high, rule = _value_bound(m, before)
        currency = bool(re.match(r"(?:between\s+)?(?:\$|US\$|USD|€|£)", number, _I))
        if m.group("fraction"):
            unit, what, used = "percent", number, 0
        elif m.group("span"):
            unit, what, used = "years", number, 0
        else:
            unit, what, used = _unit(number, after, currency)
            unit = _unit_from_context(unit, before, after, value if value is not None else low if low is not None else high)
        if bound not in ("exact", "range"):
            near = max(0, len(before) - 40)
            q = next((hit for r in BOUND_RULES if (hit := r.pattern.search(before, near))), None)
            if q is not None:
                start = q.start()
        if rule == "range" and m.group(0).lower().startswith("between"):
            pass
        text_end = end + used
        found.append(_Raw(start, text_end, bound, value, low, high, unit, what, rule))
    for relation in RELATION_RULES:
        for m in relation.pattern.finditer(sentence):
            tail = re.match(r"\s+(?:that|this|the|its|their|as)(?:\s+(?:many|much))?(?:\s+[a-z]+)?", sentence[m.end() :], _I)
            end = m.end() + (tail.end() if tail else 0)
            found.append(
                _Raw(m.start(), end, "relation", None, None, None, "relation", sentence[m.start() : end], relation.name, relation.label)
            )
    found.sort(key=lambda r: r.start)
    return found


_LOCATIVE = lazy_compile(r"\b(?:in|at|to|near|from|of|outside|around|into|inside|toward|towards|across|over|under|beneath|below|north|south|east|west)\s+(?:the\s+)?$", _I)
_LEADING = lazy_compile(r"^(?:following|after|before|during|since|while|although|though|when)\b[^,]*,", _I)
_METONYM = lazy_compile(
    r"(?:\s+and\s+[A-Z][\w-]*)?(?:[’']s\b|\s+(?:has|have|had|is|are|was|were|will|would|could|may|might|can|did|does|says?|said"
    r"|agreed|sent|sends|denied|denies|claims?|claimed|estimates?|estimated|believes?|wants?|hopes?|plans?|insists?|accuse[sd]?"
    r"|confirm(?:s|ed)?|report(?:s|ed)?|announce[sd]?|warn(?:s|ed)?|reacted|responded|[a-z]+(?<!ss)(?:s|ed))\b)"
)
CONTEXT_PARAGRAPHS = 2
"""How many paragraphs back a figure whose sentence names no place looks for the place last named."""
_ANAPHOR = lazy_compile(r"\bhere\b|\bthe (?:area|region|factory|plant|site|facility|complex|base|city|town|zone|front)\b", _I)
_LENGTHS = frozenset({"km", "miles", "feet", "meters"})


def _about(sentence: str, s_start: int, at: int, unit: str, inside: Sequence[Mention], capitals: frozenset[str]) -> list[Mention]:
    """The mentions of a sentence that say where its figure at `at` is (text offsets): not a name that only
    locates or labels something else (claim "context"), not a capital standing for its government ("Pyongyang
    agreed", "Seoul's estimate": no locative word before it), not a scene-setting opening the figure is not in
    ("Following a visit to Pyongyang, … 1,000 sappers"); a length is about the nearest place named before it. When
    the sentence names no other place, a reference point is: "caves in the mountains facing X, 30 miles to the
    south" are about the area of X."""
    from mapviewer.core.claims import is_reference_point

    lead = _LEADING.match(sentence)
    keep, references = [], []
    for mt in inside:
        if mt.claim.certainty == "context" and mt.claim.source != "user":
            if is_reference_point(mt.claim.evidence) and not (lead and mt.start - s_start < lead.end() <= at - s_start):
                references.append(mt)
            continue
        if mt.site_id in capitals and _METONYM.match(sentence, mt.end - s_start) and not _LOCATIVE.search(
            sentence[max(0, mt.start - s_start - 20) : mt.start - s_start]
        ):
            continue
        if lead and mt.start - s_start < lead.end() <= at - s_start:
            continue
        keep.append(mt)
    keep = keep or references
    if unit in _LENGTHS:
        before = [mt for mt in keep if mt.start < at]
        if before:
            nearest = max(before, key=lambda mt: mt.start)
            return [mt for mt in keep if mt.site_id == nearest.site_id]
    return keep


_MAYBE = lazy_compile(
    r"[0-9]|(?i:\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a dozen|dozens|scores|hundred"
    r"|thousand|million|half|quarter|third|fifth|tenth|a century|a decade|double|doubled|doubling|twice|triple|tripled"
    r"|tripling))"
)
"""A cheap test that a paragraph may state a figure (a digit, or a word NUMBER or RELATION_RULES start with)."""


def figures_of_article(
    article: Article, mentions: Sequence[Mention], certainty_at=None, capitals: frozenset[str] = frozenset()
) -> list[Figure]:
    """Every figure an article states; `mentions` are the article's (any order); `capitals` the ids of sites
    that are capitals (a capital's name often stands for its government)."""
    from mapviewer.core.claims import certainty_of

    certainty_at = certainty_at or certainty_of
    earlier: list[Mention] = []
    by_paragraph: dict[int, list[Mention]] = {}
    for mt in mentions:
        by_paragraph.setdefault(mt.paragraph, []).append(mt)
    out: list[Figure] = []
    text = article.text
    for index, p_start, p_end, _ in article.passage_spans():
        paragraph = text[p_start:p_end]
        if not _MAYBE.search(paragraph):
            continue
        here = sorted(by_paragraph.get(index, ()), key=lambda x: x.start)
        for s_start, s_end in sentence_spans(paragraph, p_start):
            sentence = text[s_start:s_end]
            raws = figures_in_sentence(sentence)
            if not raws:
                continue
            inside = [mt for mt in here if s_start <= mt.start < s_end]
            for raw in raws:
                at = s_start + raw.start
                about = _about(sentence, s_start, at, raw.unit, inside, capitals)
                if about:
                    site_from, chosen = "passage", about
                else:  # the place last named in the paragraph; "the factory", "the area", "here": also in the previous ones
                    back = CONTEXT_PARAGRAPHS if _ANAPHOR.search(sentence) else 0
                    prior = [mt for mt in earlier + here if mt.start < s_start and mt.paragraph >= index - back
                             and mt.site_id not in capitals and mt.claim.certainty != "context"]
                    site_from, chosen = ("context", [prior[-1]]) if prior else ("none", [])
                sites = tuple(dict.fromkeys(mt.site_id for mt in chosen))
                mention = min(chosen, key=lambda mt: abs(mt.start - at)) if chosen else None
                if mention is not None and site_from == "passage" and mention.claim.source == "user":
                    certainty = mention.claim.certainty
                else:  # a figure is stated even in a phrase that only names a place in passing
                    certainty = certainty_at(sentence, raw.start)[0]
                    if certainty == "context":
                        certainty = certainty_at(sentence, 0)[0]
                relative_to = None
                if raw.bound == "relation":
                    absolute = [i for i, f in enumerate(out) if f.bound != "relation"]
                    relative_to = absolute[-1] if absolute else None
                unit = raw.unit
                if raw.bound == "relation" and relative_to is not None:
                    unit = out[relative_to].unit
                out.append(
                    Figure(article.id, index, at, s_start + raw.end, text[at : s_start + raw.end], raw.bound, raw.value, raw.low,
                           raw.high, unit, raw.what, sites, site_from, mention.id if mention else None, certainty, sentence,
                           raw.rule, raw.relation, relative_to)
                )
        earlier.extend(here)
    return out


def not_shown(f: Figure) -> Rule | None:
    """The NOT_SHOWN_RULES rule that keeps figure `f` out of the views, or None (it is shown)."""
    return next((r for r in NOT_SHOWN_RULES if r.pattern.search(f.unit)), None)


def shown_figures(figures: Iterable[Figure]) -> list[Figure]:
    """The figures the views show (not_shown: none), in order; a relation goes with the figure it is relative to,
    and `relative_to` counts the figures kept."""
    kept: list[Figure] = []
    new_index: dict[tuple[str, int], int] = {}  # (article, index among its figures) -> index among those kept
    count: dict[str, int] = {}
    kept_count: dict[str, int] = {}
    for f in figures:
        i = count.get(f.article_id, 0)
        count[f.article_id] = i + 1
        target = None if f.relative_to is None else new_index.get((f.article_id, f.relative_to))
        if not_shown(f) is not None or (f.relative_to is not None and target is None):
            continue
        new_index[(f.article_id, i)] = kept_count.get(f.article_id, 0)
        kept_count[f.article_id] = new_index[(f.article_id, i)] + 1
        kept.append(f if f.relative_to == target else replace(f, relative_to=target))
    return kept


def figures_of(ws: Workspace, articles: Iterable[str] | None = None) -> list[Figure]:
    """Every figure of the workspace's articles (or of those named), computed now from articles and mentions."""
    wanted = None if articles is None else set(articles)
    by_article: dict[str, list[Mention]] = {}
    for mt in ws.mentions:
        if wanted is None or mt.article_id in wanted:
            by_article.setdefault(mt.article_id, []).append(mt)
    capitals = frozenset(s.id for s in ws.mapped_sites if s.kind == "capital")
    out: list[Figure] = []
    for article in ws.articles:
        if wanted is None or article.id in wanted:
            out.extend(figures_of_article(article, by_article.get(article.id, []), capitals=capitals))
    return out


# ---- conflicts ----------------------------------------------------------------------------------

SUBJECTS: dict[str, str] = {
    "engineers": "personnel", "sappers": "personnel", "deminers": "personnel", "workers": "personnel",
    "troops": "personnel", "soldiers": "personnel", "people": "personnel",
}
"""Units that count the same kind of thing, compared with each other at a site (people sent somewhere)."""


@dataclass(frozen=True)
class Conflict:
    """Figures for the same subject at the same site that differ between sources."""

    site: str
    subject: str
    figures: tuple[Figure, ...]

    @property
    def spread(self) -> tuple[float, float]:
        """The smallest and largest number any of the figures states."""
        values = [v for f in self.figures for v in (f.value, f.low, f.high) if v is not None]
        return min(values), max(values)

    def record(self) -> dict:
        low, high = self.spread
        return {"site": self.site, "subject": self.subject, "spread": [_num(low), _num(high)],
                "articles": sorted({f.article_id for f in self.figures}), "figures": [f.record() for f in self.figures]}


def _key_number(f: Figure) -> float | None:
    return f.value if f.value is not None else f.low if f.low is not None else f.high


def conflicts_of(figures: Iterable[Figure]) -> list[Conflict]:
    """Groups of figures that count the same subject at the same site, given by more than one article with
    different numbers (a subject is a unit, or the kind of thing SUBJECTS puts it with)."""
    groups: dict[tuple[str, str], list[Figure]] = {}
    for f in figures:
        if f.bound == "relation" or _key_number(f) is None:
            continue
        subject = SUBJECTS.get(f.unit, f.unit)
        for site in f.sites:
            groups.setdefault((site, subject), []).append(f)
    out = []
    for (site, subject), figs in groups.items():
        if len({f.article_id for f in figs}) < 2:
            continue
        if len({(f.bound, f.value, f.low, f.high, f.unit) for f in figs}) < 2:
            continue
        out.append(Conflict(site, subject, tuple(figs)))
    return out
