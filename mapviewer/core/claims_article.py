"""Article-wide claim rules: what a mention's label owes to the rest of its article.

The sentence rules (claims.py) label each mention from its own sentence. A few things a reader knows only from the
article as a whole are applied after them, in the order of ARTICLE_RULES; each changes only a label its sentence left
plain ("stated as fact"), so a hedge, a claim, a reference point or a date read in the sentence itself still decides:
  1. a source carried on: "They said …" or "“…,” he added." right after a sentence whose source nobody independent
     vouches for (bloggers, a Telegram channel, an installed official) is that source still speaking: alleged;
  2. dated before the article: a statement dated to the day or the month a season (90 days) or more before the article's
     date ("During the test on May 31, the rocket fell into the sea" in a September article, "in March 2022" in a 2024
     one), or a photo caption dated before it
     ("… at the pier, June 19, 2024."), tells a settled past event: historical (tests/geoparse_eval/README.md:
     "completed past events … = historical"). It needs the article's date (Article.date); an undated article keeps
     its labels;
  3. seen first-hand elsewhere in the article: the authors' own imagery of a place vouches for every plain statement
     about it (claims.first_hand_in_article), and the reporters' own visit for what the article says the place is
     now ("Much of the village is now rubble"), not for its history told in passing.
A place is what `Passage.place` says is one: the workspace passes the point a site is mapped at, so mentions of one
place that ingest split over several sites ("X Rail Crossing", "X railroad crossing") count as one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date

from mapviewer.core import when
from mapviewer.core.claims import (
    FIRST_HAND_RULES,
    PLAIN_EVIDENCE,
    dating_phrases,
    first_hand_in_article,
    own_clause,
    unvouched_source,
)
from mapviewer.core.lazyre import lazy_compile
from mapviewer.core.model import Claim
from mapviewer.core.sentences import sentence_spans

_I = re.IGNORECASE


@dataclass(frozen=True)
class Passage:
    """One mention as the article-wide rules see it: its place, its sentence's claim, the sentence, where the
    mention starts in it (`at`) and where the sentence starts in the article's text (-1: not known)."""

    place: Hashable
    claim: Claim
    sentence: str = ""
    at: int = 0
    sentence_start: int = -1


@dataclass(frozen=True)
class ArticleFacts:
    """What the rules know of the article itself: its date (ISO, partial allowed) and its text."""

    date: str | None = None
    text: str = ""


@dataclass(frozen=True)
class ArticleRule:
    """One named article-wide rule: the passages (with the claims the earlier rules left) in, their claims out."""

    name: str
    apply: Callable[[list[Passage], ArticleFacts], list[Claim]]


def _plain(claim: Claim) -> bool:
    return claim.certainty == "reported" and claim.evidence in PLAIN_EVIDENCE


# ---- 1. a source carried on ----------------------------------------------------------------------------------

# The speaker is a pronoun: the sentence opens "He said …", "They also told …", or closes "“…,” she added."
_PRONOUN_SPEAKS = lazy_compile(
    r"^(?:He|She|They)\s+(?:also\s+|later\s+|then\s+|further\s+)?(?:said|says|told|tells|added|adds|reported|wrote|writes"
    r"|posted|claimed|insisted)\b"
    r"|[,”\"’]\s+(?:he|she|they)\s+(?:also\s+)?(?:said|added|told\s+\w+|wrote|posted|claimed|insisted)[.!?]?[\"”’]?\s*$"
)


def _sentence_before(text: str, start: int) -> str:
    """The sentence that ends right before offset `start` of `text` (across a paragraph break), or ""."""
    window = text[max(0, start - 800) : start]
    spans = sentence_spans(window)
    return window[spans[-1][0] : spans[-1][1]].strip() if spans else ""


def _source_carried_on(passages: list[Passage], facts: ArticleFacts) -> list[Claim]:
    out = [p.claim for p in passages]
    if not facts.text:
        return out
    before: dict[int, str | None] = {}  # sentence start -> the unvouched source of the sentence before it
    for i, p in enumerate(passages):
        if p.sentence_start < 0 or not _plain(p.claim) or not _PRONOUN_SPEAKS.search(p.sentence.strip()):
            continue
        if p.sentence_start not in before:
            before[p.sentence_start] = unvouched_source(_sentence_before(facts.text, p.sentence_start))
        cue = before[p.sentence_start]
        if cue:
            out[i] = Claim("alleged", p.claim.topics, f"source carried on from the sentence before (“{cue}”)", p.claim.source)
    return out


# ---- 2. dated before the article -------------------------------------------------------------------------------

SETTLED_DAYS = 90
"""How long before the article's date a dated statement tells a settled past event: a season."""
_DATES = frozenset({"full date", "month and day", "month and year", "month"})
"""The time rules (core/when.py) that date a statement to its day or its month ("on May 31", "in March 2022", "in
December"); a year alone ("in 2000") is often the date of something else the sentence mentions in passing, and relative
times ("last week") are left to the sentence rules. A month alone (read as its last occurrence before the article) dates
the mention only close after it, with no clause between (_EMBEDDED: "an attack in X to hold ground seized in August"
dates the seizure), and not in a statement of what is to come (_FUTURE)."""
_FUTURE = lazy_compile(r"\b(?:will|shall|plans?|planned|planning|scheduled|expected|due|set\s+to|next|upcoming|coming)\b", _I)
_EMBEDDED = lazy_compile(r"\bto\s+[a-z]|\b(?:which|that|who|whom|where|while|after|before)\b|[,;:()]", _I)
_MONTH_GAP = 60
"""How far (characters) after the mention a month alone may stand and still date it."""
_MONTH_WORD = lazy_compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b")


def _month_dates(sentence: str, at: int, f: when.Found) -> bool:
    """Whether a month named alone (`f`) dates the words at `at` (see _DATES)."""
    if _FUTURE.search(sentence) or f.start < at:
        return False  # (before the mention it is mostly a scene-setting opening: "During a meeting in July, …")
    gap = sentence[at : f.start]
    return len(gap) <= _MONTH_GAP and _EMBEDDED.search(gap) is None
_CAPTION_END = lazy_compile(r"[\s.]*$")


def _day(iso: str | None, *, first: bool = False) -> date | None:
    """The last (or first) day of a partial ISO date, or None."""
    try:
        return (when.first_day(iso) if first else when.last_day(iso)) if iso else None
    except ValueError:
        return None


def _caption_date(sentence: str, found: tuple[when.Found, ...]) -> when.Found | None:
    """A full date set off by a comma that closes the sentence, as a photo caption dates its scene."""
    if not found:
        return None
    last = found[-1]
    if last.when.rule != "full date" or not sentence[: last.start].rstrip().endswith(","):
        return None
    return last if _CAPTION_END.fullmatch(sentence, last.end) else None


_DIGIT = lazy_compile(r"\d")
_SINCE_BEFORE = lazy_compile(r"\b(?:since|from|starting|beginning)\s+(?:around\s+|about\s+|early\s+|late\s+|mid-?)?$", _I)


def _stated_date(sentence: str, at: int, found: tuple[when.Found, ...]) -> when.Found | None:
    """The first date to the day (_DATES) in the phrases that date the words at `at` (claims.dating_phrases), unless
    it only starts a state that lasts ("since May 31", "from June 2 on")."""
    for start, end in dating_phrases(sentence, at):
        for f in found:
            if start <= f.start and f.end <= end and f.when.rule in _DATES and not _SINCE_BEFORE.search(sentence, 0, f.start):
                if f.when.rule == "month" and not _month_dates(sentence, at, f):
                    continue
                return f
    return None


def _dated_before_article(passages: list[Passage], facts: ArticleFacts) -> list[Claim]:
    out = [p.claim for p in passages]
    published = _day(facts.date, first=True)
    if published is None or facts.date is None:
        return out
    for i, p in enumerate(passages):
        if not _plain(p.claim) or not (_DIGIT.search(p.sentence) or _MONTH_WORD.search(p.sentence)):
            continue  # (a date has a number or names a month)
        if not when.has_time_words(p.sentence):
            continue
        found = when.expressions(p.sentence, facts.date)
        caption = _caption_date(p.sentence, found)
        if caption is not None:
            end = _day(caption.when.end)
            if end is not None and end < published:
                out[i] = Claim("historical", p.claim.topics, f"dated photo caption: “{caption.text}”", p.claim.source)
            continue
        stated = _stated_date(p.sentence, p.at, found)
        end = _day(stated.when.end) if stated is not None else None
        # (a day named without its year is read as this year's: one that would fall after the article, "talks on
        # November 20" in a March article, is more likely to come than a year old)
        this_year = stated is None or stated.when.rule != "month and day" or (end is not None and end.year == published.year)
        if stated is not None and end is not None and this_year and (published - end).days >= SETTLED_DAYS:
            out[i] = Claim("historical", p.claim.topics, f"dated before the article: “{stated.text}”", p.claim.source)
    return out


# ---- 3. seen first-hand elsewhere in the article -----------------------------------------------------------------

VISIT_RULES = ("first-hand visit", "visit to photograph")
"""The sentence rules whose cue says the reporters were at the place."""
# What a place is now: the state the reporters saw ("is now destroyed", "remains empty", "lie in ruins").
_NOW = lazy_compile(r"\bnow\b|\b(?:is|are|remains?|lies?|stands?)\b", _I)


def _told_at_a_time(sentence: str) -> bool:
    """Whether the sentence says when, other than "now": "In late September, troops …" tells the place's history."""
    return when.has_time_words(re.sub(r"\b(?:now|currently|today)\b", "", sentence, flags=_I))


def _seen_first_hand(passages: list[Passage], facts: ArticleFacts) -> list[Claim]:
    claims = [p.claim for p in passages]
    if not any(c.certainty == "confirmed" for c in claims):
        return claims  # nothing was seen first-hand (most articles)
    rules = [c.evidence.split(":", 1)[0] for c in claims]
    if any(r in FIRST_HAND_RULES for r in rules):
        claims = first_hand_in_article([(p.place, c) for p, c in zip(passages, claims)])
    visited = {p.place: c.evidence for p, c, r in zip(passages, claims, rules) if c.certainty == "confirmed" and r in VISIT_RULES}
    if not visited:
        return claims
    return [
        Claim("confirmed", c.topics, f"seen on the reporters' visit told elsewhere in the article ({visited[p.place]})", c.source)
        if p.place in visited and _plain(c) and _NOW.search(own_clause(p.sentence, p.at)) and not _told_at_a_time(p.sentence)
        else c
        for p, c in zip(passages, claims)
    ]


ARTICLE_RULES: tuple[ArticleRule, ...] = (
    ArticleRule("source carried on", _source_carried_on),
    ArticleRule("dated before the article", _dated_before_article),
    ArticleRule("seen first-hand elsewhere in the article", _seen_first_hand),
)
"""In order: each sees the claims the rules before it left."""


def article_claims(passages: list[Passage], facts: ArticleFacts | None = None) -> list[Claim]:
    """The claims of one article's mentions (in text order) after every article-wide rule."""
    facts = facts or ArticleFacts()
    for rule in ARTICLE_RULES:
        claims = rule.apply(passages, facts)
        if any(p.claim is not c for p, c in zip(passages, claims)):
            passages = [p if p.claim is c else Passage(p.place, c, p.sentence, p.at, p.sentence_start) for p, c in zip(passages, claims)]
    return [p.claim for p in passages]

