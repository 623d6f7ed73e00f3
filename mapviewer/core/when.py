"""When a passage's statement happened: a transparent table of named time rules, like the claim rules.

Each rule is a named pattern and a resolver that turns its match into an interval of partial ISO dates
("1979-09-16", "2025-07", "2003") with a precision (day, month, year, range, unknown). Relative
expressions ("last month", "On Sunday", "June 15", "this summer", "Since October") are resolved
against the article's date; "now" and "currently" are the article's date itself; "recently" has no
start and ends at the article's date; open futures ("in the coming months") start at it and have no end.

For a mention, the expression in its own comma/dash-delimited phrase wins, else the sentence's first
one; a sentence that states no time gets the article's date, marked `from: "article"`. An article with
no date leaves relative expressions and time-less sentences undated (None).

The rules were written from general knowledge of how news text states time, then measured once against
the hand labels in tests/golden/when.json (tests/core/test_when_golden.py holds the figures before and after
tuning). Nothing here is stored in the workspace snapshot: a mention's time is computed from its
sentence and its article's date when asked for (`MentionTable` computes the columns on the first time
filter).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from mapviewer.core.lazyre import LazyPattern, lazy_compile

if TYPE_CHECKING:
    from mapviewer.core.model import Mention

_I = re.IGNORECASE

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
_MONTH_NUMBER = {m: i for i, m in enumerate(MONTHS, 1)} | {m[:3]: i for i, m in enumerate(MONTHS, 1)} | {"sept": 9}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                 "several": 3, "few": 3}
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (12, 2)}
_PRECISIONS = ("day", "month", "year", "range", "unknown")

PERIODS: dict[str, tuple[str, str]] = {
    "korean war": ("1950-06-25", "1953-07-27"),
    "world war ii": ("1939-09-01", "1945-09-02"),
    "second world war": ("1939-09-01", "1945-09-02"),
    "world war i": ("1914-07-28", "1918-11-11"),
    "first world war": ("1914-07-28", "1918-11-11"),
    "vietnam war": ("1955-11-01", "1975-04-30"),
    "cold war": ("1947-03-12", "1991-12-26"),
    "soviet era": ("1922-12-30", "1991-12-26"),
    "soviet times": ("1922-12-30", "1991-12-26"),
    "soviet period": ("1922-12-30", "1991-12-26"),
    "soviet-afghan war": ("1979-12-24", "1989-02-15"),
    "1953 armistice": ("1953-07-27", "1953-07-27"),
    "korean armistice": ("1953-07-27", "1953-07-27"),
    "armistice of 1953": ("1953-07-27", "1953-07-27"),
}
"""Named periods by their conventional dates (the Korean War from the invasion to the armistice)."""


@dataclass(frozen=True, slots=True)
class When:
    """An interval of partial ISO dates (None: open), the words that stated it, how precise, where from
    ("passage": the text says it; "article": the article's date stands in) and the rule that decided it."""

    start: str | None
    end: str | None
    text: str | None
    precision: str
    source: str
    rule: str

    def record(self) -> dict[str, str | None]:
        return {"start": self.start, "end": self.end, "text": self.text, "precision": self.precision, "from": self.source, "rule": self.rule}

    def days(self) -> tuple[int | None, int | None]:
        """First and last day (proleptic ordinals) the interval covers; None where it is open."""
        return _ordinals(self.start, self.end)


@lru_cache(maxsize=16384)
def _ordinals(start: str | None, end: str | None) -> tuple[int | None, int | None]:
    return (None if start is None else first_day(start).toordinal(), None if end is None else last_day(end).toordinal())


# ---- partial ISO dates ---------------------------------------------------------------------------

_ISO = lazy_compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def iso_parts(value: str) -> tuple[int, int | None, int | None]:
    """ "2025-07" → (2025, 7, None); ValueError for anything not a valid partial ISO date."""
    m = _ISO.match(value.strip())
    if not m:
        raise ValueError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) is not None else None
    d = int(m.group(3)) if m.group(3) is not None else None
    if mo is not None and not 1 <= mo <= 12:
        raise ValueError(f"{value!r}: no month {mo}")
    if mo is not None and d is not None:  # a day is only ever matched with its month
        date(y, mo, d)  # raises ValueError for 2025-02-30
    return y, mo, d


def first_day(value: str) -> date:
    y, mo, d = iso_parts(value)
    return date(y, mo or 1, d or 1)


def last_day(value: str) -> date:
    y, mo, d = iso_parts(value)
    if d is not None:
        return date(y, mo, d)  # type: ignore[arg-type]
    mo = mo or 12
    return date(y, mo, calendar.monthrange(y, mo)[1])


def precision_of(value: str) -> str:
    _, mo, d = iso_parts(value)
    return "day" if d is not None else "month" if mo is not None else "year"


def _month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _shift_month(y: int, m: int, by: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + by
    return n // 12, n % 12 + 1


def parse_date(text: str | None) -> str | None:
    """A publication date as written in a page or header ("2025-03-14T09:00:00Z", "14 March 2025",
    "March 14, 2025", "Mar. 2025", "2025") as a partial ISO date, or None."""
    if not text:
        return None
    text = text.strip()
    m = re.match(r"(\d{4})-(\d{2})(?:-(\d{2}))?", text)
    if m:
        value = "-".join(g for g in m.groups() if g)
        try:
            iso_parts(value)
            return value
        except ValueError:
            return None
    for pattern in (rf"\b{_MONTH} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?,? {_YEAR}\b", rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{_MONTH},? {_YEAR}\b",
                    rf"\b{_MONTH},? {_YEAR}\b", rf"^{_YEAR}$"):
        m = re.search(pattern, text, _I)
        if m:
            parts = m.groupdict()
            y = int(parts["year"])
            if not parts.get("month"):
                return f"{y:04d}"
            mo = _MONTH_NUMBER[parts["month"].lower().rstrip(".")]
            if not parts.get("day"):
                return _month(y, mo)
            try:
                return date(y, mo, int(parts["day"])).isoformat()
            except ValueError:
                return None
    return None


# ---- the rules -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """The article's date: as written, and its first and last day."""

    value: str
    first: date
    last: date

    @classmethod
    def of(cls, value: str | None) -> Ref | None:
        if not value:
            return None
        try:
            return cls(value, first_day(value), last_day(value))
        except ValueError:
            return None


Span = tuple[str | None, str | None, str]
"""start, end, precision."""


@dataclass(frozen=True)
class TimeRule:
    """One named kind of time expression: its pattern and how a match becomes an interval (None: it
    cannot be resolved, e.g. a relative expression in an undated article)."""

    name: str
    pattern: LazyPattern
    """Case-insensitive, compiled on first use: the rules take start-up 15 ms to compile, and the window reads
    passages' times only once its map is up."""
    resolve: Callable[[re.Match[str], Ref | None], Span | None]
    keys: frozenset[str] = frozenset()
    """Every match holds one of these words (lower case; "#year": a number from 1800 to 2099): the pattern
    runs only on sentences that have one, which spares the other rules on most sentences."""


def _day_iso(y: int, mo: int, d: int) -> str | None:
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


def _month_no(m: re.Match[str]) -> int:
    return _MONTH_NUMBER[m.group("month").lower().rstrip(".")]


def _full_date(m: re.Match[str], ref: Ref | None) -> Span | None:
    day = _day_iso(int(m.group("year")), _month_no(m), int(m.group("day")))
    return (day, day, "day") if day else None


def _iso_date(m: re.Match[str], ref: Ref | None) -> Span | None:
    value = m.group(0)
    try:
        iso_parts(value)
    except ValueError:
        return None
    return value, value, "day"


def _latest_on_or_before(month: int, day: int | None, ref: Ref) -> tuple[int, int]:
    """The year of the latest `month` (and `day`) not after the article's date: "in July", "June 15"."""
    y = ref.last.year
    if (month, day or 1) > (ref.last.month, ref.last.day):
        y -= 1
    return y, month


def _month_day(m: re.Match[str], ref: Ref | None) -> Span | None:
    if ref is None:
        return None
    month, d = _month_no(m), int(m.group("day"))
    y, _ = _latest_on_or_before(month, d, ref)
    day = _day_iso(y, month, d)
    return (day, day, "day") if day else None


def _month_year(m: re.Match[str], ref: Ref | None) -> Span | None:
    value = _month(int(m.group("year")), _month_no(m))
    return _prefixed(m, value, value, "month", ref)


def _since(m: re.Match[str]) -> bool:
    return (m.group("since") or "").lower() == "since"


def _by(m: re.Match[str]) -> bool:
    """ "by 1953", "by the time of the 1953 Armistice": at or before it, from no stated start."""
    return (m.groupdict().get("since") or "").lower().startswith("by")


def _open_to_ref(start: str, ref: Ref | None) -> Span:
    """ "since X": from X to the article's date (open-ended when the article is undated)."""
    return start, (ref.value if ref else None), "range"


def _prefixed(m: re.Match[str], start: str, end: str, precision: str, ref: Ref | None) -> Span:
    """An interval as its preposition shapes it: "since X" runs to the article's date, "by X" from nowhere to X."""
    if _since(m):
        return _open_to_ref(start, ref)
    if _by(m):
        return None, end, "unknown"
    return start, end, precision


def _month_alone(m: re.Match[str], ref: Ref | None) -> Span | None:
    if ref is None:
        return None
    y, month = _latest_on_or_before(_month_no(m), None, ref)
    value = _month(y, month)
    return _open_to_ref(value, ref) if _since(m) else (value, value, "month")


def _year(m: re.Match[str], ref: Ref | None) -> Span | None:
    value = m.group("year")
    return _prefixed(m, value, value, "year", ref)


def _year_range(m: re.Match[str], ref: Ref | None) -> Span | None:
    a, b = m.group("a") or m.groupdict().get("a2") or "", m.group("b")
    if len(b) == 2:
        b = a[:2] + b
    return (a, b, "range") if a < b else None


def _decade(m: re.Match[str], ref: Ref | None) -> Span | None:
    y = int(m.group("decade"))
    part = (m.group("part") or "").lower().strip("- ")
    lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (6, 9)}.get(part, (0, 9))
    return f"{y + lo:04d}", f"{y + hi:04d}", "range"


def _period(m: re.Match[str], ref: Ref | None) -> Span | None:
    name = re.sub(r"\s+", " ", m.group("period").lower()).replace("soviet–afghan", "soviet-afghan")
    start, end = PERIODS[name]
    return _prefixed(m, start, end, "day" if start == end else "range", ref)


def _weekday(m: re.Match[str], ref: Ref | None) -> Span | None:
    """The latest such weekday on or before the article's (first possible) day."""
    if ref is None:
        return None
    back = (ref.first.weekday() - _WEEKDAYS.index(m.group("weekday").lower())) % 7
    day = (ref.first - timedelta(days=back)).isoformat()
    return day, day, "day"


def _ref_itself(m: re.Match[str], ref: Ref | None) -> Span | None:
    return (ref.value, ref.value, precision_of(ref.value)) if ref else None


def _yesterday(m: re.Match[str], ref: Ref | None) -> Span | None:
    if ref is None or ref.first != ref.last:
        return None
    day = (ref.first - timedelta(days=1)).isoformat()
    return day, day, "day"


def _calendar_unit(m: re.Match[str], ref: Ref | None) -> Span | None:
    """ "last/this/next month|year|week"."""
    if ref is None:
        return None
    which, unit = m.group("which").lower(), m.group("unit").lower()
    by = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1}[which]
    if unit == "year":
        y = f"{ref.first.year + by:04d}"
        return y, y, "year"
    if unit == "month":
        value = _month(*_shift_month(ref.first.year, ref.first.month, by))
        return value, value, "month"
    monday = ref.first - timedelta(days=ref.first.weekday()) + timedelta(weeks=by)
    return monday.isoformat(), (monday + timedelta(days=6)).isoformat(), "range"


def _earlier_this_year(m: re.Match[str], ref: Ref | None) -> Span | None:
    return (f"{ref.first.year:04d}-01", ref.value, "range") if ref else None


def _season(m: re.Match[str], ref: Ref | None) -> Span | None:
    """ "this summer": the one of the article's year (winter: the one around its date); "last fall": the
    latest one over before the article's date; "next spring": the first one starting after it."""
    if ref is None:
        return None
    lo, hi = _SEASONS[m.group("season").lower()]

    def bounds(start_year: int) -> tuple[date, date]:
        end_year = start_year + 1 if lo > hi else start_year
        return date(start_year, lo, 1), date(end_year, hi, calendar.monthrange(end_year, hi)[1])

    years = range(ref.first.year - 2, ref.first.year + 2)
    which = (m.group("which") or "this").lower()
    if which in ("last", "past"):
        y = max(y for y in years if bounds(y)[1] < ref.first)
    elif which == "next":
        y = min(y for y in years if bounds(y)[0] > ref.last)
    else:
        y = ref.first.year - 1 if lo > hi and ref.first.month <= hi else ref.first.year
    first, last = bounds(y)
    return _month(first.year, first.month), _month(last.year, last.month), "range"


def _past_span(m: re.Match[str], ref: Ref | None) -> Span | None:
    """ "over the last year", "in the past two months": that long before the article's date, to it."""
    if ref is None:
        return None
    count = m.group("count")
    n = int(count) if count and count.isdigit() else _NUMBER_WORDS.get((count or "a").lower(), 1)
    unit = m.group("unit").lower().rstrip("s")
    precision = precision_of(ref.value)
    if (precision != "day" and unit in ("year", "decade")) or (precision == "month" and unit == "month"):
        years = n * (10 if unit == "decade" else 1) if unit != "month" else 0
        y, mo = _shift_month(ref.first.year - years, ref.first.month, -n if unit == "month" else 0)
        return (f"{y:04d}" if precision == "year" else _month(y, mo)), ref.value, "range"
    start = ref.first
    if unit == "year":
        start = start.replace(year=start.year - n) if not (start.month == 2 and start.day == 29) else start - timedelta(days=365 * n)
    elif unit == "decade":
        start = start.replace(year=start.year - 10 * n, day=min(start.day, 28))
    elif unit == "month":
        y, mo = _shift_month(start.year, start.month, -n)
        start = date(y, mo, min(start.day, calendar.monthrange(y, mo)[1]))
    elif unit == "week":
        start -= timedelta(weeks=n)
    else:
        start -= timedelta(days=n)
    return start.isoformat(), ref.value, "range"


def _recent(m: re.Match[str], ref: Ref | None) -> Span | None:
    return (None, ref.value, "unknown") if ref else None


def _future(m: re.Match[str], ref: Ref | None) -> Span | None:
    return (ref.value if ref else None), None, "unknown"


def _rule(name: str, pattern: str, resolve: Callable[[re.Match[str], Ref | None], Span | None], keys: str) -> TimeRule:
    return TimeRule(name, lazy_compile(pattern, _I), resolve, frozenset(keys.split()))


_MONTH_KEYS = " ".join([*MONTHS, *(m[:3] for m in MONTHS), "sept"])
_YEAR_KEY = "#year"


_SINCE = r"(?:(?P<since>since|in|during|by(?:\s+the\s+(?:time|end)\s+of)?|until|from|of|after|before|throughout|dating back to)\s+)?"
_PERIOD_NAMES = "|".join(sorted((re.escape(p).replace(r"\ ", r"\s+").replace("-", "[-–]") for p in PERIODS), key=len, reverse=True))

TIME_RULES: tuple[TimeRule, ...] = (
    _rule("named period", rf"{_SINCE}(?:the\s+)?(?P<period>{_PERIOD_NAMES})\b", _period, "war era times period armistice"),
    _rule("full date", rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b", _full_date, _MONTH_KEYS),
    _rule("full date", rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", _full_date, _MONTH_KEYS),
    _rule("ISO date", r"\b\d{4}-\d{2}-\d{2}\b", _iso_date, _YEAR_KEY),
    _rule("year range", r"\b(?:between\s+(?P<a>1[89]\d\d|20\d\d)\s+and|from\s+(?P<a2>1[89]\d\d|20\d\d)\s+(?:to|until|through))\s+(?P<b>1[89]\d\d|20\d\d)\b",
          _year_range, _YEAR_KEY),
    _rule("year range", r"\b(?P<a>1[89]\d\d|20\d\d)\s*[-–]\s*(?P<b>\d\d(?:\d\d)?)\b(?![-–]\d)", _year_range, _YEAR_KEY),
    _rule("decade", r"\b(?:the\s+)?(?P<part>early|mid-?|late)?\s*(?P<decade>1[89]\d0|20\d0)s\b", _decade, _YEAR_KEY),
    # (a part of the month may stand before it: "in mid-October 2023", "in early March 2022")
    _rule("month and year", rf"{_SINCE}(?:(?:early|late|mid)[-\s]?)?\b{_MONTH},?\s+{_YEAR}\b", _month_year, _MONTH_KEYS),
    _rule("month and day", rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*\d)", _month_day, _MONTH_KEYS),
    _rule("month and day", rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?!,?\s*\d)", _month_day, _MONTH_KEYS),
    _rule("year", rf"{_SINCE}(?<![\d,.$€£-])\b{_YEAR}\b(?![,.]?\d|[-–]\d)", _year, _YEAR_KEY),
    _rule("month", rf"\b(?P<since>in|since|by|during|until|from|of|last|this|early|late|mid-?|through|throughout)\s+(?:early\s+|late\s+|mid-?)?{_MONTH}\b", _month_alone, _MONTH_KEYS),
    _rule("weekday", rf"\b(?:on\s+|last\s+|this\s+past\s+)?{_WEEKDAY}\b", _weekday, " ".join(_WEEKDAYS)),
    _rule("earlier this year", r"\bearlier\s+this\s+year\b", _earlier_this_year, "earlier"),
    _rule("calendar unit", r"\b(?P<which>last|past|previous|this|next)\s+(?P<unit>week|month|year)\b(?!s)", _calendar_unit, "week month year"),
    _rule("season", r"\b(?:(?P<which>this|last|past|next)\s+|in\s+the\s+)?(?P<season>spring|summer|fall|autumn|winter)\b(?!\s+of\s+\d)", _season, " ".join(_SEASONS)),
    _rule(
        "past span",
        r"\b(?:over|in|during|within|for)\s+the\s+(?:last|past)\s+(?:(?P<count>\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|several|few)\s+)?"
        r"(?P<unit>years?|decades?|months?|weeks?|days?)\b",
        _past_span,
        "last past",
    ),
    _rule("the article's date", r"\b(?:now|currently|at present|presently|at the moment|today|this week|these days|ongoing|so far)\b", _ref_itself,
          "now currently present presently moment today week days ongoing far"),
    _rule("yesterday", r"\byesterday\b", _yesterday, "yesterday"),
    _rule("recently", r"\b(?:(?:more\s+)?recent(?:ly)?|lately|in\s+recent\s+(?:days|weeks|months|years))\b", _recent, "recent recently lately"),
    _rule("future", r"\b(?:in\s+the\s+coming\s+(?:days|weeks|months|years)|in\s+the\s+future|soon|one\s+day|next\s+(?:few\s+)?(?:days|weeks|months|years))\b", _future, "coming future soon day next"),
)
"""Every rule; where two match overlapping words, the one starting first wins, then the longer match,
then the earlier rule."""


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    text: str
    when: When


# "the largest mission since the Korean War", "his first visit since 2000": a comparison, not when it happened.
_COMPARISON = lazy_compile(r"\b(first|last|largest|biggest|most|least|highest|lowest|worst|best|\w{3,}est)\b[^.;:]{0,60}$", _I)


_WORD = lazy_compile(r"[a-z]+|\d+")
_YEARLIKE = lazy_compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")


def _keys(sentence: str) -> set[str]:
    """The sentence's words, lower case, with "#year" for a number that can be a year (the rules' keys)."""
    words = set(_WORD.findall(sentence.lower()))
    if _YEARLIKE.search(sentence):
        words.add(_YEAR_KEY)
    return words


def _find(sentence: str, ref: Ref | None) -> list[Found]:
    hits: list[tuple[int, int, int, re.Match[str]]] = []
    words = _keys(sentence)
    for order, rule in enumerate(TIME_RULES):
        if rule.keys.isdisjoint(words):
            continue
        for m in rule.pattern.finditer(sentence):
            hits.append((m.start(), -(m.end() - m.start()), order, m))
    hits.sort(key=lambda h: h[:3])
    found: list[Found] = []
    taken_until = -1
    for start, _, order, m in hits:
        if start < taken_until:
            continue
        rule = TIME_RULES[order]
        if (m.groupdict().get("since") or "").lower() == "since" and _COMPARISON.search(sentence, 0, m.start()):
            taken_until = m.end()
            continue
        span = rule.resolve(m, ref)
        if span is None:
            continue
        taken_until = m.end()
        found.append(Found(m.start(), m.end(), m.group(0), When(span[0], span[1], m.group(0), span[2], "passage", rule.name)))
    return found


_SEGMENT = lazy_compile(r",[’”'\"]?\s+|\s*[—–;:]\s*|\s+-\s+|\(|\)")


@lru_cache(maxsize=16384)
def _cached(sentence: str, ref_value: str | None) -> tuple[Found, ...]:
    return tuple(_find(sentence, _ref(ref_value)))


@lru_cache(maxsize=4096)
def _ref(value: str | None) -> Ref | None:
    return Ref.of(value)


def expressions(sentence: str, article_date: str | None) -> tuple[Found, ...]:
    """Every time expression of a sentence, resolved against the article's date, in text order."""
    return _cached(sentence, article_date)


@lru_cache(maxsize=4096)
def article_when(article_date: str | None) -> When | None:
    """The article's date standing in for a passage that states no time."""
    ref = _ref(article_date)
    if ref is None:
        return None
    return When(ref.value, ref.value, None, precision_of(ref.value), "article", "the article's date")


def _chosen(sentence: str, at: int, found: tuple[Found, ...]) -> When:
    """The expression that dates the words at `at`: a vague "recently" yields to a stated time; then the one in
    the same comma/dash-delimited phrase, else the nearest."""
    candidates = [f for f in found if f.when.rule != "recently"] or list(found)
    bounds = [0, *(m.end() for m in _SEGMENT.finditer(sentence)), len(sentence) + 1]
    lo = max(b for b in bounds if b <= at)
    hi = min((b for b in bounds if b > at), default=len(sentence) + 1)
    own = [f for f in candidates if lo <= f.start < hi]
    if own:
        return own[0].when
    return min(candidates, key=lambda f: min(abs(f.start - at), abs(f.end - at))).when


def when_of(sentence: str, at: int, article_date: str | None) -> When | None:
    """When the statement about the mention at offset `at` of `sentence` happened (see the module doc). A
    sentence that states no time does not inherit an earlier sentence's: in news text the sentences after a
    dated one usually return to the present (measured: carrying the time over lowered the agreement)."""
    found = expressions(sentence, article_date)
    return _chosen(sentence, at, found) if found else article_when(article_date)


_OPEN_START, _OPEN_END = date.min.toordinal(), date.max.toordinal()


@lru_cache(maxsize=65536)
def mention_days(sentence: str, at: int, article_date: str | None) -> tuple[int, int, bool]:
    """(first day, last day, dated) of a mention's time as ordinals, open ends at the extremes; for the filter's
    columns. A sentence with none of the rules' keys is not run through them."""
    return _days(when_of(sentence, at, article_date) if has_time_words(sentence) else article_when(article_date))


def _days(when: When | None) -> tuple[int, int, bool]:
    if when is None:
        return _OPEN_START, _OPEN_END, False
    first, last = when.days()
    return (_OPEN_START if first is None else first), (_OPEN_END if last is None else last), True


def closed_ends(first: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Day columns with an interval open at one end ("recently", "in the coming months") reduced to its known
    end; an interval open at both ends stays open (it overlaps every window)."""
    open_start, open_end = first <= _OPEN_START, last >= _OPEN_END
    one_open = open_start ^ open_end
    return np.where(one_open & open_start, last, first), np.where(one_open & open_end, first, last)


def days_columns(
    mentions: Sequence[Mention], article_dates: dict[str, str | None], progress: Callable[[int], None] | None = None
) -> tuple[list[int], list[int], list[bool]]:
    """`mention_days` of every mention (first days, last days, dated), done once per sentence: a sentence naming
    several sites, and the many sentences stating no time (their article's date, one lookup), are not looked at
    again. `progress(done)` is called every few thousand mentions (a worker thread reports it to the window)."""
    first: list[int] = []
    last: list[int] = []
    dated: list[bool] = []
    article_days = {a: _days(article_when(d)) for a, d in article_dates.items()}
    found_in: dict[tuple[str, str | None], tuple[Found, ...]] = {}
    for i, m in enumerate(mentions):
        if progress is not None and i % 4096 == 0:
            progress(i)
        sentence, ref = m.sentence, article_dates[m.article_id]
        found = found_in.get((sentence, ref))
        if found is None:
            found = found_in[sentence, ref] = expressions(sentence, ref) if has_time_words(sentence) else ()
        if found:
            row = _days(_chosen(sentence, m.lead, found) if len(found) > 1 else found[0].when)
        else:
            row = article_days[m.article_id]
        first.append(row[0])
        last.append(row[1])
        dated.append(row[2])
    return first, last, dated


_ALL_KEYS = frozenset().union(*(rule.keys for rule in TIME_RULES))
def has_time_words(sentence: str) -> bool:
    """Whether the sentence holds one of the rules' keys (most do not: they take their article's date)."""
    return not _ALL_KEYS.isdisjoint(_keys(sentence))
