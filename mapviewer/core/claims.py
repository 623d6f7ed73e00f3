"""Claim labels: how certain a sentence is about what it says, and what it is about.

The rules are deliberately transparent. For the mention at offset `at` of a sentence:
  1. where the name only locates or labels something else, it is context: a dateline ("TOKYO,
     September 14", "Seoul, 19 June 2024 (dpa) -"), part of an institution's name or an official's
     title ("the Kharkiv Oblast police", "Moscow's security chief"), where a photo was taken, where a
     site is located or a distance is measured from, where an institution sits, a capital standing for its
     government: any capital not named as a place ("relations with Pyongyang", "Moscow is helping", "Seoul's
     estimates"; not "shops in Moscow", "a visit to Pyongyang", "trains between Moscow and Pyongyang")
     (USAGE_RULES, with the general locating cues of claims_usage.LOCATING_RULES such as a bare "near X", and
     CAPITAL_USAGE_RULES: read from the words right around the mention, so a
     reference point inside a reported or hedged sentence is still context); a region set off after a place
     ("X, Y region", "X, in the Y district") or another name in brackets ("X Bridge (Y Bridge)") takes that
     place's certainty (claims_usage.SHARED_CERTAINTY);
  2. past-event cues in the mention's own phrase or in a dated opening or photo caption make it historical
     (a completed visit or meeting counts in the mention's own phrase only);
  3. a cue in the mention's own comma/dash-delimited phrase decides (so "…, in what could be the
     latest sign that Moscow's stocks are low" is speculative even when the sentence began with
     "confirmed");
  4. a scene-setting opening phrase is reported, a trailing appositive ("…, a term Moscow has used") context;
  5. otherwise the ordered table of named sentence-wide cues (CERTAINTY_RULES), first match wins, where a hedge ("could", "may",
     "would", "appears", "believed") only hedges its own clause, a modal is no hedge inside a reported
     question ("asked if Moscow would …"), "would" is no hedge in reported speech ("told reporters that
     North Korea would …"), and the month May is not the modal "may"; a cue marked `following` ("journalists
     entered …") covers only the names after it, and a hedge in a trailing qualifying phrase (", possibly
     carrying missiles") or a cue in a trailing description of a place (", one of the regions Moscow claims")
     covers only that phrase; the weak usage rules (a reference point, a road's destination, the seat of a
     speaker) then replace a plain "stated as fact", and a name that locates another place also a hedge ("a plant near
     X may hold …": the hedge is about the plant; _hedged_reference), as a reference point does a past date
     (_unless_reference); a cue that says nothing of the place ("claimed responsibility", "alleged" before a noun:
     claims_scope.CUE_LIMITS) is skipped for it.
What a label owes to the rest of its article (a pronoun carrying on an unvouched source, a date before the
article's, a place the authors saw elsewhere in it) is applied afterwards by claims_article.article_claims.
"confirmed" is what the authors saw themselves (their own imagery, geolocation or visit); a party that
"confirmed" something states it, which is "reported" (tests/geoparse_eval/README.md governs every label set
since 2026-12-03, tests/golden/RELABEL-2026-12-03.md).
The matching cue is kept as evidence so the user can see why a label was given (and override it).
Agreement with hand labels is measured in tests/core/test_claims_golden.py, tests/core/test_ingest_eval.py and
benchmarks/geoparse_eval.py (dev split only).

Speed: every rule carries keywords, one of which starts a word of any text its pattern matches. A
sentence is split into words once (one regex), each word is looked up once (cached) for the rule
groups its prefixes key, and only those rules' patterns are run, each at most once per sentence and
only when the decision needs it. The per-sentence work and the labels are cached, so the several
mentions of one sentence share them. `_prefilter(False)` turns the keywords and caches off;
tests/core/test_claims_rules.py checks the labels are identical either way.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from mapviewer.core.claims_scope import cue_limited
from mapviewer.core.claims_usage import LOCATING_RULES, SHARED_CERTAINTY, UsageRule
from mapviewer.core.lazyre import LazyPattern, lazy_compile
from mapviewer.core.model import Claim

_I = re.IGNORECASE

# The month "May" (capitalised inside a sentence, or followed by a day: "May 31") is not the modal.
_HEDGE = (
    r"\b(could|might|possibly|potentially|perhaps|maybe|probably|apparently|likely|unclear|uncertain|not (yet )?clear"
    r"|pourrai(?:t|ent)|aurai(?:t|ent)|serai(?:t|ent)|probablement|peut-être)\b"
    r"|(?-i:\bmay\b)|(?-i:^May\b)(?! \d)"
)


@dataclass(frozen=True)
class Rule:
    """One named cue: the label it gives, its pattern, and its keywords for the prefilter (every match of
    the pattern has a word, a run of ASCII letters or of digits, case-folded, that starts with one of them).
    `hedge`: the cue hedges its own clause only ("A railway bridge connects Rason with Khasan, and it appears
    this has been used …" hedges the second clause), and a modal verb inside a reported question ("asked if
    Moscow would support …") hedges nothing, nor does "would" in reported speech, where it is "will" said
    in the past ("told a news conference that North Korea would soon start rebuilding Kursk")."""

    name: str
    label: str
    pattern: LazyPattern
    keys: tuple[str, ...]
    hedge: bool = False
    unless: LazyPattern | None = None
    """The cue counts only in a sentence this does not match (searched anywhere in the sentence)."""
    following: bool = False
    """The cue covers only the names after it: "journalists entered X" vouches for X, not for a place named
    before the verb ("rockets fired into Y an hour before the journalists entered X")."""
    own_phrase: bool = False
    """The cue counts only in the mention's own phrase: a past-event cue never from a dated opening ("Following a
    visit to X, the minister confirmed troops in Y" makes the visit to X past, not what is said of Y), a certainty cue
    never sentence-wide ("reportedly" says nothing of a place in another phrase)."""


def _rule(
    name: str,
    label: str,
    pattern: str,
    keys: tuple[str, ...],
    hedge: bool = False,
    *,
    unless: str | None = None,
    following: bool = False,
    own_phrase: bool = False,
) -> Rule:
    return Rule(
        name, label, lazy_compile(pattern, _I), keys, hedge, lazy_compile(unless, _I) if unless else None, following, own_phrase
    )


# Words that hand a statement to someone other than the outlet: "…, said an analyst", "VOA reported that …",
# "according to a researcher".
_ATTRIBUTED = r"\b(said|says|told|tells|reported|reports|according to|quoted|citing|cited)\b"


CERTAINTY_RULES: tuple[Rule, ...] = (
    _rule("allegation", "alleged", r"\ballege(d|dly|s)?\b|\ballegations?\b|\baccus(e|es|ed|ing|ations?)\b", ("alleg", "accus")),
    _rule(
        "claim",
        "alleged",
        # (a war or a disaster that "claimed 300 lives" killed, it asserts nothing)
        r"\b(?:claims?|claimed)\b(?! to fame)(?!\s+(?:the\s+)?(?:(?:over|more\s+than|at\s+least|about|nearly|almost|some|around"
        r"|up\s+to|hundreds|thousands|dozens|tens|of|[\d,.]+)\s+)*(?:[\w-]+\s+)?lives\b)"
        r"|\baffirm(?:e|ent|é|ée)\b|\brevendiqu\w*",
        ("claim", "affirm", "revendiqu"),
    ),
    _rule(
        "unverified",
        "alleged",
        # "purported(ly)" and "supposedly" flag a claim the writer does not vouch for
        r"\bunverified\b|\bnot (been )?(officially )?(verified|acknowledged)\b|\bpurport(s|ed|edly)\b|\bsupposedly\b"
        # what the outlet says it could not check: "Reuters could not independently verify the report", "the claim
        # cannot be verified", "unable to confirm", "said without providing evidence"
        # (a party that "did not confirm" something leaves that thing unconfirmed only: see the next rule)
        r"|\b(?<!did )(?<!does )(?<!has )(?<!have )(?<!had )(?:not|cannot)\s+(?:be(?:en)?\s+)?(?:independently\s+)?"
        r"(?:verif(?:y|ied)|confirm(?:ed)?)\b"
        r"|\bunable\s+to\s+(?:independently\s+)?(?:verify|confirm)\b|\bwithout\s+(?:providing\s+|offering\s+|giving\s+)?(?:any\s+)?evidence\b",
        ("unverified", "not", "purport", "supposedly", "cannot", "unable", "without"),
    ),
    # A party that did not confirm something: "The ministry did not confirm the casualties", "has not confirmed reports of
    # fighting in X" leave unconfirmed what follows in the same phrase, not the places the party does state ("… acknowledged
    # troops in Y but has not confirmed reports of combat", "did not confirm the casualties, announcing … the Z region").
    _rule(
        "not confirmed by a party",
        "alleged",
        r"\b(?:did|does|has|have|had)\s+not\s+(?:yet\s+)?(?:confirm(?:ed)?|verif(?:y|ied))\b",
        ("did", "does", "has", "have", "had"),
        following=True,
        own_phrase=True,
    ),
    _rule("defector testimony", "alleged", r"\bdefectors?\b", ("defector",)),
    # Sources nobody vouches for: what bloggers and anonymous channels post, rumours, unconfirmed reports
    # ("military bloggers have reported the village taken", "Telegram channels say the bridge collapsed").
    _rule(
        "unvouched source",
        "alleged",
        # (a party's own channel is that party speaking: "the ministry said on its Telegram channel")
        r"\bbloggers?\b|\bTelegram channels\b|\b(a|an|one)\s+(\w+\s+)?Telegram channel\b"
        r"|\bunconfirmed (reports?|accounts?|claims?)\b|\brumou?r(s|ed)?\b"
        # hearsay nobody is named for: "Reports have surfaced that …", "troops are said to be positioned at X" (a named
        # speaker's "said" is a plain statement; "a report emerged that …" is left alone, the labels read it reported)
        r"|\breports\s+have\s+surfaced\b|\b(?:is|are|was|were)\s+said\s+to\s+(?:be|have)\b"
        # an occupying power's proxies speaking of the war: "a Moscow-installed official", "the Russian-imposed
        # governor said" (the belligerent's own mouthpiece, which nobody independent vouches for)
        r"|\b[\w-]+-(installed|imposed)\s+(\w+\s+)?(officials?|authorit(y|ies)|governors?|heads?|leaders?|mayors?"
        r"|administrations?|chiefs?)\b",
        ("blogger", "telegram", "unconfirmed", "rumor", "rumour", "installed", "imposed", "reports", "said"),
    ),
    _rule(
        "no confirmation",
        "speculative",
        r"\bno (official )?confirmation\b|absence of (direct )?confirmation",
        ("confirmation",),
    ),
    # A party that "confirmed" something states it: its plain statement, reported (README: `confirmed` is only what the
    # authors saw themselves). The rule stays ahead of the hedges: "officials confirmed that troops may be moved" is a
    # statement that troops may be moved, not the outlet's own guess.
    _rule("confirmation by a party", "reported", r"\bconfirm(ed|s)\b", ("confirm",)),
    # What the authors saw themselves, in their own imagery or by geolocating footage.
    _rule(
        "own imagery",
        "confirmed",
        # ("satellite imagery of X shows ...": the imagery names its subject before the verb)
        # (imagery "reviewed by" a named party is that party's review, told: "Satellite images reviewed by the X Post show
        # …", "imagery reviewed by NK Pro indicates …"; imagery "collected by" a satellite company is only its source)
        r"\b(satellite (imagery|images|photos) (collected\w*|reviewed(?! by (?!us\b|the authors\b)))|reviewed satellite imagery|geolocated"
        r"|satellite (imagery|images|photos) of [^,;.]{1,80}? (show(s|ed)?|indicat(es|ed)|reveal(s|ed)?)"
        # imagery the authors present by its date or the company they obtained it from: "Satellite imagery from May 12
        # shows …", "images obtained by Planet Labs show …", "images recently taken by a Maxar satellite show …"
        r"|(?:satellite\s+)?(?:imagery|images|photos)\s+(?:from\s+(?-i:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*)\.?"
        r"\s+\d{1,2}(?:,\s+\d{4})?|(?:recently\s+)?(?:obtained|taken|captured)\s+by\s+(?:a\s+)?(?-i:[A-Z])[\w-]*"
        r"(?:\s+(?-i:[A-Z])[\w-]*)?(?:\s+satellite)?),?\s+(?:also\s+)?(?:show(?:s|ed)?|reveal(?:s|ed)?)"
        r"|we (observed|saw|identified|reviewed|analy[sz]ed|examined)|our (own )?(analysis|review) of"
        r"|(observed|identified|counted) (approximately|about|at least|\d))\b",
        ("satellite", "reviewed", "geolocated", "we", "our", "observed", "identified", "counted", "imagery", "images", "photos"),
        # imagery someone else looked at and told of ("…, said an analyst", "VOA reported that after checking
        # satellite photos …") is that party's report, not the authors' own observation
        unless=_ATTRIBUTED,
    ),
    # What the reporters saw on the ground: "journalists rode … through X", "our correspondent visited X".
    # Only the places after the verb were visited. ("we" is left out: in a news report it is mostly a quoted
    # official speaking.)
    _rule(
        "first-hand visit",
        "confirmed",
        r"\b(journalists?|reporters?|correspondents?|press corps|photographers?|our (team|crew|reporter|correspondent)s?"
        r")\s+(\w+\s+){0,2}?(visited|entered|rode|drove|toured|travell?ed|walked|went|were (taken|escorted|shown)"
        r"|reached|arrived)\b",
        ("journalist", "reporter", "correspondent", "press", "photographer", "our"),
        following=True,
    ),
    # A trip the outlet made to take pictures: "the agency went to X and photographed the pier", "we travelled to X, Y
    # province, and filmed the works", "NHK drove to X and filmed" is the writers' own imagery of the places between
    # the two verbs. (Someone else's trip is their account: "soldiers went to X and filmed", "…, the official said".)
    _rule(
        "visit to photograph",
        "confirmed",
        r"(?:\b(?:we|our\s+(?:team|crew|reporters?|correspondents?|photographers?)|(?:the|this)\s+(?:agency|newspaper|outlet|paper"
        r"|team|crew|reporters?|correspondents?|photographers?|journalists?))|(?-i:\b[A-Z]{3,}))"
        r"\s+(?:\w+\s+)?(?:went|travell?ed|drove|came|returned)\s+to\b[^.;:!?]{1,80}?\band\s+(?:photographed|filmed|videotaped)\b",
        ("went", "travel", "drove", "came", "returned"),
        following=True,
        unless=_ATTRIBUTED,
    ),
    _rule(
        "hedge",
        "speculative",
        _HEDGE,
        ("could", "might", "possibly", "potentially", "perhaps", "probabl", "apparent", "likely", "unclear", "uncertain", "not",
         "may", "pourrai", "aurai", "serai", "peut"),
        hedge=True,
    ),
    # "Railcars at X suggest a deal": X is in the evidence, which was seen; the verb hedges what follows it.
    # (also in a trailing participle: "Imagery shows ships at X, suggesting that ..." hedges what is inferred, not X)
    _rule(
        "evidence suggests",
        "speculative",
        r"\b(suggests?|suggesting|hints?)\b",
        ("suggest", "hint"),
        hedge=True,
        following=True,
    ),
    _rule(
        "belief or suggestion",
        "speculative",
        # (an inference the writer or a source draws: "analysts surmise the pad is ready", "it is presumed to be")
        # ("a ship believed to be the X", "containers believed to have come from Y": a noun's reduced relative hedges what
        # the thing is, not where it was seen; "is believed to be", "analysts believe", "believed that" hedge)
        r"\b((?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?believed|believed?(?!\s+to\s+(?:be|have)\b)"
        r"|hinted|speculat\w*|appears?|if verified|expected to|signs? that"
        r"|hop(e|es|ed|ing)|surmis(e|es|ed|ing)|presum(e|es|ing)"
        # (the verb, not the adjective: "is presumed to be a depot", "presumed that"; "a presumed strategy" names what it
        # is taken to be, as "the suspected plant" does)
        r"|(?:is|are|was|were|be|been|being)\s+presumed|presumed\s+(?:that|to(?!\s+(?:be|have)\b))"
        # a suspicion is a belief: "the site is suspected to be an enrichment plant", "analysts suspect that" (not the
        # adjective: "the suspected enrichment plant" names what it is thought to be)
        r"|suspected\s+to\s+be|suspect(s|ed)?\s+that)\b",
        ("believe", "hint", "speculat", "appear", "verified", "expected", "sign", "hop", "surmis", "presum", "suspect"),
        hedge=True,
    ),
    _rule("conditional", "speculative", r"\bwould\b", ("would",), hedge=True),
    # A sentence that opens on a condition states what follows from it, not what is: "If the bridge falls, X is cut
    # off", "“If they break through, they will shell X,” he said."
    _rule("condition", "speculative", r"^[\W_]*if\b", ("if",), hedge=True),
    # "reportedly" marks a report stated as such: reported (README: a party's plain statement). Last in the table, so
    # it only decides where it stands in the mention's own phrase ("…, writes that the base at X reportedly has a
    # runway" is not hedged by a "believed" in the sentence's other phrase) and no other cue there does.
    _rule("reportedly", "reported", r"\breportedly\b", ("reportedly",), own_phrase=True),
)
"""Sentence-wide cues, in order, first match wins: a sentence that says "no official confirmation" is not
confirmed; an allegation hedged with "may" is still an allegation; an unhedged statement of fact is
"reported"."""
_MODAL = lazy_compile(r"could|might|may|would", _I)
_QUESTION = lazy_compile(r"\b(ask(s|ed|ing)?|wonder(s|ed|ing)?|whether)\b", _I)
_REPORTED = lazy_compile(r"\b(said|says|told|tells|announced|stated|added|reported|noted)\b.*\bthat\s", _I)
# A speech verb and the "that" opening what was said: "X, who was in Y, told reporters that a deal could be near" hedges
# the deal, not Y.
_TOLD_THAT = lazy_compile(
    r"\b(?:said|says|told|tells|announced|stated|added|noted|warned|insisted|wrote|writes)\b[^.;:]{0,80}?\bthat\s", _I
)
# What the evidence at a place is said to point to: "Railcars at X suggest preparations that would …" hedges the
# preparations, not X (the evidence was seen there). Only the sentence's own verb: a trailing participle (", suggesting a
# launch may be near") draws the inference from the whole sentence and covers it.
_INFERRED = lazy_compile(r"\b(?:suggest(?:s|ed)?|indicat(?:e|es|ed)|point(?:s|ed)?\s+to|hint(?:s|ed)?\s+at)\b", _I)
_QUESTION_KEYS = ("ask", "wonder", "whether", "said", "says", "told", "tells", "announced", "stated", "added",
                  "reported", "noted")
# Clause boundaries: semicolons, colons, spaced dashes and a comma before a relative or subordinate
# clause or a new subject ("…, which Ukraine invaded in August, as Ukrainian forces braced for what
# they said could be …"). A plain comma is not one: "could send troops to Kursk, Belgorod and Bryansk".
_CLAUSE = lazy_compile(
    r"[;:]\s*|\s[—–-]\s|,\s+(?=(which|where|who|whose|as(?! well)|while|but|although|though|whereas"
    r"|and (it|this|that|they|he|she|we))\b)"
    # two sentences run together by a lost space ("… no signs of operations.The report said …"): a hedge of one is
    # no hedge of the other (the sentence split is left alone, only the clauses see the full stop)
    r"|(?-i:(?<=[a-z)\]])\.(?=[A-Z][a-z]|\d+\s+[A-Z]))",
    _I,
)

# Past-event cues count in the mention's own phrase or in an opening phrase ("In the late 1960s, …"):
# "his first visit since 2000" dates the visit, not the whole sentence.
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
# Events another can follow: "after the strikes", "following the assassination".
_EVENT_NOUN = (
    r"(?:attacks?|strikes?|airstrikes?|assassination|killing|raids?|incursion|invasion|offensive|bombing|explosion|blast"
    r"|shelling|capture|seizure|launch|test|tests|massacre|ambush|uprising|coup)"
)
HISTORICAL_RULES: tuple[Rule, ...] = (
    _rule(
        "past date",
        "historical",
        rf"\b(in|by|during|until|between|late|early|{_MONTH}( \d{{1,2}},)?) (the )?(1[89]\d\d|200\d|201[0-3])s?\b",
        ("18", "19", "200", "2010", "2011", "2012", "2013"),
    ),
    # A settled event a few years back, dated or counted from another: "demolished in 2018", "struck one
    # year later", "the same year", "launched exactly one year ago".
    _rule(
        "recent past date",
        "historical",
        # ("since 2020" is not one: it dates a state lasting until now, "the first train since 2020")
        # "in 2019", "in May 2019", "in early 2019", "during the summer of 2019"
        rf"\b(in|during|until) (the )?((early|late|mid-?) ?|(spring|summer|autumn|fall|winter) (of )?|{_MONTH} )?(201[4-9]|202[01])\b"
        r"|\b(one|a|two|three|several) years? (ago|later|earlier)\b"
        # a dated event two or more years back: "in October 2023", "on May 24, 2018", "on 7 October 2023"
        # (a bare year that recent only when it opens the sentence: "since ... in February 2022" dates an ongoing war)
        rf"|^(in|during) ({_MONTH} )?202[23]\b|(?<!since ){_MONTH} \d{{1,2}},? (201[4-9]|202[01])\b"
        rf"|(?<!since )\b\d{{1,2}} {_MONTH},? (201[4-9]|202[01])\b"
        r"|\bthe same year\b|\blast year\b"
        # "last October": a month of an earlier year ("in October" would name this year's)
        rf"|\blast {_MONTH}\b",
        ("in", "during", "until", "one", "a", "two", "three", "several", "the", "last", "201", "202"),
    ),
    # An event of last month told in the mention's own phrase: "after their capture last month of X", "loaded at X on the
    # 4th of last month" (README: completed past events, "last year's offensive", are historical). Only in the mention's
    # own phrase: an opening "Last month, the agency reported a base at X" dates the report, not the base.
    _rule(
        "last month",
        "historical",
        r"\b(?:last|previous)\s+month\b(?!['’]s)",
        ("last", "previous"),
        own_phrase=True,
    ),
    # The dated event another follows, named after "following"/"after": "preparing for an assault following the July 31
    # assassination of a leader in X", "days after the strikes on X in Y on June 22" (the earlier event is background told
    # by its date, README: completed past events = historical). Only names after the cue: the place of the sentence's own
    # event comes before it ("Troops shelled X following the July 31 raid"), or after the phrase the cue opens ("After the
    # July 31 raid in Y, troops shelled X").
    _rule(
        "dated event followed by another",
        "historical",
        rf"\b(?:following|after)\s+(?:the|a|an|its|their)\s+(?:(?:[\w’'-]+\s+){{0,2}}?{_MONTH}(?:\s+\d{{1,2}})?\s+(?:[\w’'-]+\s+){{0,2}}?"
        rf"{_EVENT_NOUN}|(?:[\w’'-]+\s+){{0,3}}?{_EVENT_NOUN}[^,;:.]{{0,100}}?\b(?:in|on)\s+(?:late\s+|early\s+|mid-)?{_MONTH})\b",
        ("following", "after"),
        following=True,
        own_phrase=True,
    ),
    # A visit or meeting that is over and told as background: "after the minister visited X in July", "Putin's June 15
    # visit to X", "their last meeting in X", a sentence opening "Following an official visit to X, ...". (A visit
    # under way or to come is not: "on a trip to X", "will visit X in July", "talks in X on Tuesday".)
    _rule(
        "completed visit or meeting",
        "historical",
        rf"\bvisited\b[^,;.]{{0,60}}?\b(?:in|on)\s+{_MONTH}\b"
        rf"|['’]s\s+(?:{_MONTH}(?:\s+\d{{1,2}})?|last|previous|earlier)\s+(?:(?:state|official)\s+)?(?:visit|trip|meeting|summit)\b"
        r"|\b(?:last|previous|earlier)\s+(?:(?:state|official)\s+)?(?:visit|trip|meeting|summit)\b"
        r"|^(?:following|after)\s+(?:an?\s+|the\s+|his\s+|her\s+|their\s+|[\w.-]+['’]s\s+)?(?:[\w-]+\s+){0,2}?"
        r"(?:visit|trip|meeting|summit)\b",
        ("visit", "trip", "meeting", "summit"),
        own_phrase=True,
    ),
    # Attacks told as repeated and done: "the army has repeatedly struck X", "drones repeatedly attacked plants in X" (a
    # string of completed past events; README: completed past events = historical). Only in the mention's own phrase,
    # and only a past or perfect verb: "the army repeatedly speaks of operations in X" is the present.
    _rule(
        "repeated past attacks",
        "historical",
        r"\b(?:has|have|had)\s+(?:been\s+)?repeatedly\s+(?-i:[a-z]+ed)\b"
        r"|\brepeatedly\s+(?:attacked|struck|shelled|targeted|bombed|hit|raided|stormed)\b",
        ("repeatedly",),
        own_phrase=True,
    ),
    # A past year used as a modifier names a settled event: "the 2018 summit in X", "its 2017 test at X".
    _rule(
        "past year as a modifier",
        "historical",
        # (an event noun must follow: "the 2000 containers" and "its 2010 km range" are counts, not years)
        r"\b(the|its|their|his|her|a|an)\s+(19\d\d|20[01]\d|202[01])\s+([a-z]+\s+)?(summit|visit|test|tests|war|invasion"
        r"|offensive|counteroffensive|attack|attacks|strike|strikes|raid|deal|agreement|accord|talks|meeting|launch|flood"
        r"|floods|flooding|earthquake|demolition|explosion|blast|incursion|annexation|crisis|campaign|operation|coup"
        r"|uprising|ceasefire|armistice|referendum|protests?|election|siege|battle|occupation|sinking|shelling)\b",
        ("19", "200", "201", "2020", "2021"),
    ),
    _rule(
        "historical event",
        "historical",
        # (October 7 names the 2023 attack on Israel as "the Korean War" names 1950-53; "Soviet-era" and "Soviet-built"
        # describe a name or a thing still there, not a past event: "its Soviet-era name", "a Soviet-built airfield")
        r"\bKorean War\b|\bArmistice\b|\bSoviet\b(?![- ](?:era|built|made|designed|style)\b)|\bTsarist\b|\bWorld War\b"
        r"|\blast fall\b|\bOct(?:ober|\.)? 7(?:th)?\b(?!,? 202[4-9])",
        ("war", "armistice", "soviet", "tsarist", "fall", "oct"),
    ),
)

# The place of an event dated a year or more back, the date right after it: "as militants did in Kfar Aza on
# October 7, 2023", "demolished at Punggye-ri on 24 May 2018".
_DATED_HERE = lazy_compile(
    r"[\w’'.-]+(?:\s+[\w’'.-]+){0,3}?\s+(?:on|in)\s+(?P<date>(?:(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December)\s+\d{1,2},?|\d{1,2}\s+(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December),?)\s+(?:201[4-9]|202[0-3]))\b"
)
# A wire photo caption dates the whole scene it shows: "The old gate of X is torn down, 3 March 2019, in this
# file photo." (the date set off by commas right before "in this … photo").
_CAPTION_DATE = lazy_compile(
    r",\s*(?P<date>(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},?"
    r"|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December),?)\s+"
    r"(?:19\d\d|20[01]\d|202[0-3])),\s+in\s+(?:this|a)\s+(?:[\w-]+\s+){0,3}?(?:photo|photograph|picture|image)\b",
    _I,
)
_YEAR_AFTER_COMMA = lazy_compile(r",\s*(?:19|20)\d\d\b")
# A clause that tells what happened in the year that closes the phrase before it: "since 2014, when …", "in 1953, when …".
_WHEN = lazy_compile(r"when\b", _I)
_YEAR_BEFORE_WHEN = lazy_compile(r"\b(?:1[89]\d\d|20[01]\d|202[01])\s*$")
# A phrase that opens the sentence ("Following a visit to Pyongyang, …") sets the scene, and a
# trailing appositive (", a term Moscow has used") names in passing: neither inherits the main claim.
# (A trailing relative clause is not: ", which we previously saw during strikes on Kharkiv" reports.)
_LEADING = lazy_compile(r"^(although|though|while|following|after|before|below|beneath|near|on|in|at|since|during|between|over|tunnel\w*|from|with)\b", _I)
_TRAILING = lazy_compile(r"^(a|an|near|close to|not far from)\b", _I)
# A phrase after the comma that opens on a noun phrase and its verb is the sentence's own clause, not an appositive:
# "Unfortunately, a man was killed in X" (a sentence adverb before the comma), "Last week, a report emerged that … X", unlike ", a town the rebels have held" or
# ", a village that was shelled" (a description of the place named before).
_OWN_CLAUSE = lazy_compile(
    r"(?:a|an)\s+(?:(?!(?:the|that|which|who|whom|where|whose|when|its|their|his|her|our|we|they|it)\b)(?-i:[a-z0-9])[\w-]*\s+){1,3}"
    r"(?:was|were|is|are|has|had|have|(?-i:[a-z]+ed)\s+that)\b",
    _I,
)


# What may stand before the comma of a sentence whose next phrase is its own clause: a sentence adverb or a short
# time or scene-setting phrase ("Unfortunately", "Overnight", "As of May 3", "Last week", "In 2017").
_OPENING_ONLY = lazy_compile(
    r"[\"“‘']?(?:(?-i:[A-Z])[a-z]+ly|overnight|yesterday|today|meanwhile|however|also|still|now|then|later|earlier|since then"
    r"|as\s+of\s+[^,;:]{1,25}|(?:in|on|at|by|after|before|during|since|last|this|earlier|later|until)\s+[^,;:]{1,30})",
    _I,
)


def _trailing(sentence: str, start: int, phrase: str) -> bool:
    """Whether a sentence's last phrase (starting at `start`) names in passing (_TRAILING) rather than carrying the
    sentence's own clause: not after a mere opening ("As of May 3, a new hull sits at X"), nor when it has its own
    subject and verb ("Unfortunately, a man was killed in X")."""
    if _TRAILING.match(phrase) is None or _OWN_CLAUSE.match(phrase) is not None:
        return False
    return _OPENING_ONLY.fullmatch(sentence[:start].rstrip(" ,")) is None
_SEGMENTS = lazy_compile(r",[’”'\"]?\s+|\s*[—–;:]\s*|\s+-\s+|(?<=[a-z)\]])\.(?=[A-Z][a-z]|\d+\s+[A-Z])")

# Where a name only locates or labels something else, it is context, whatever the sentence claims.
# A dateline: "TOKYO, September 14. /TASS/." or "KHARKIV, Ukraine (Reuters) –".
# In title case an agency or a dash must follow: "Seoul, 19 June 2024 (dpa/MIA) -", "Kyiv, Ukraine CNN —".
_DATELINE = lazy_compile(
    r"[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+)*,\s+([A-Z][a-z]+\.? \d{1,2}\b|[A-Z][\w .]*\()"
    r"|[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*,\s[\w ,]{0,40}?(\([\w/ .]+\)|\b(Reuters|AP|AFP|CNN|BBC|dpa|Yonhap|Kyodo"
    r"|TASS|UPI|Xinhua|Interfax|RIA Novosti))\s*[-–—]"
)
# Part of an institution's name or an official's title: "the Kharkiv Oblast police", "The Kharkiv
# Oblast Prosecutor’s Office", "a Kharkiv regional police chief" (checked from the mention on).
_INSTITUTION = lazy_compile(
    r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*?\s+(?i:(?:region|regional|oblast|province|provincial|city|state|military)\s+)?"
    r"(?i:police|prosecutors?|prosecutor['’]s office|administration|governor|mayor|court|council)\b"
    # "Moscow’s security chief", "Pyongyang's foreign minister"
    r"|[A-Z][\w.-]*['’]s\s+(?i:(?:(?:top|chief)\s+)?(?:security|defen[cs]e|foreign|military|intelligence)\s+"
    r"(?:chief|minister|ministry|adviser|advisor|official|service)|ambassador|envoy|spokes(?:man|woman|person))\b"
)
# Text just before the mention that makes it a locator (checked against the sentence up to the mention).
_LOCATOR = lazy_compile(
    # where a photo was taken: "Photo taken in Kyiv on Jan. 11 shows debris …"
    r"(?i:\b(photo(graph)?|picture|image)s?\s+((was|were)\s+)?(taken|shot)\s+(in|at|near|from)\s+)$"
    # where a site is: "It is located in Nyongbyon County in North Pyongan Province", "bases located throughout X"
    # (not set off by a comma after the event's place, "in the city of X, located in Y, …": Y is in apposition to X, README;
    # nor right after the thing it places, "a plant located in Y", "workers may be sent to a plant located in Y", the same
    # apposition without the comma: "in", "at" or "on" locate only after a verb, "the site is located in Y")
    r"|(?<!,\s)(?i:\b(?:(?:is|are|was|were)\s+(?:\w+\s+)?(?:located|situated)\s+(?:in|at|on)"
    r"|(?:located|situated)\s+(?:near|outside|throughout|across))\s+(the\s+)?)([A-Z][\w’'.-]*\s+)*((?i:in|of)\s+(?i:the\s+)?)?$"
    # …and each place of a list named by its kind: "They are located in the villages of A, B and C"
    r"|(?i:\b(located|situated)\s+(in|at|near|on|outside)\s+(the\s+)?(settlements?|villages?|towns?|cities|city"
    r"|districts?|areas?|regions?|provinces?)\s+of\s+)([A-Z][\w’'.-]*(\s+[A-Z][\w’'.-]*){0,3},?\s+((?i:and|or)\s+)?){0,6}$"
    # a reference point for a distance: "about 100 km north of Pyongyang"
    # (the distance may be given twice: "within 15km (9.3 miles) of the border")
    r"|(?i:\b\d[\d,.]*\s*(km|kilometers?|kilometres?|miles?)(\s*\([^()]{1,25}\))?\s+((north|south)?-?(east|west)?(ern)?\s+)?(of|from)\s+(the\s+)?)$"
    # where an institution sits: "the White House in Washington"
    r"|(?i:\b(White House|Kremlin|embassy|consulate|headquarters)\s+in\s+)$"
)
# A facility named at the mention ("the X railway facility", "the X Missile Factory"): what is located at it is there,
# so it is the site itself, not a locator ("cargo located at the X railway facility").
_FACILITY_NAMED = lazy_compile(
    r"[A-Z][\w’'.-]*(?:\s+[\w’'.-]+){0,4}?\s+(?i:facility|factory|plant|complex|base|airbase|airfield|airport|port|harbou?r"
    r"|terminal|station|depot|shipyard|dockyard|yard|pier|site)\b"
)
_LOCATED_AT = lazy_compile(r"(?:(?:is|are|was|were)\s+(?:\w+\s+)?)?(?:located|situated)\s+(?:at|in)\b", _I)
_INSTITUTION_KEYS = ("police", "prosecutor", "administration", "governor", "mayor", "court", "council", "security",
                     "defen", "foreign", "military", "intelligence", "ambassador", "envoy", "spokes")
_LOCATOR_KEYS = ("photo", "picture", "image", "located", "situated", "km", "kilomet", "mile", "house",
                 "kremlin", "embassy", "consulate", "headquarters")

# Characters other than A-Z/a-z that re.IGNORECASE matches to an ASCII letter; folded before the
# keyword check so that the prefilter never skips a pattern that would have matched.
_FOLD = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "K": "k"})
_WORD = lazy_compile(r"[a-z]+|[0-9]+")
_PREFILTER = True


def _prefilter(on: bool) -> None:
    """Turn the keyword prefilter and the caches on or off (for tests and benchmarks)."""
    global _PREFILTER
    _PREFILTER = on
    _cache_clear()


def _cache_clear() -> None:
    _scan.cache_clear()
    _mask.cache_clear()
    _word_mask.cache_clear()
    _topics_cached.cache_clear()
    _classify_cached.cache_clear()


@lru_cache(maxsize=65536)
def _word_mask(word: str) -> int:
    """The rule groups (bits, in _KEY_GROUPS order) one of whose keywords starts `word`."""
    mask = 0
    for key, bit in _KEYS_BY_HEAD.get(word[:2], ()):
        if word.startswith(key):
            mask |= bit
    return mask


@lru_cache(maxsize=4096)
def _mask(sentence: str) -> int:
    """The rule groups that can match in `sentence`: one regex scan for its words, a dict lookup per word."""
    if not _PREFILTER:
        return -1
    mask = 0
    low = sentence.lower()
    if not low.isascii():
        low = sentence.translate(_FOLD).lower()
    for word in set(_WORD.findall(low)):
        mask |= _word_mask(word)
    return mask


class _Scan:
    """Everything about a sentence that does not depend on the mention: computed once per sentence."""

    __slots__ = ("_clauses", "_cues", "active", "historical", "institution", "locator", "mask", "segments", "sentence")

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        self._clauses: list[int] | None = None
        self._cues: list[list[re.Match[str]] | None] = [None] * len(CERTAINTY_RULES)
        mask = self.mask = _mask(sentence) if _PREFILTER else -1
        self.active = [i for i in range(len(CERTAINTY_RULES)) if mask & 1 << i]  # the rules that can match
        bounds = [0]
        for m in _SEGMENTS.finditer(sentence):
            bounds += [m.start(), m.end()]
        bounds.append(len(sentence))
        self.segments = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
        self.historical = tuple(bool(mask & 1 << (_HISTORICAL_BIT + i)) for i in range(len(HISTORICAL_RULES)))
        self.institution = bool(mask & 1 << _INSTITUTION_BIT)
        self.locator = bool(mask & 1 << _LOCATOR_BIT)

    def cues(self, i: int) -> list[re.Match[str]]:
        """Every match of certainty rule `i` (computed when first asked for); a modal in a reported question is dropped."""
        found = self._cues[i]
        if found is None:
            rule = CERTAINTY_RULES[i]
            found = list(rule.pattern.finditer(self.sentence)) if self.mask & 1 << i else []
            if found and rule.unless is not None and rule.unless.search(self.sentence):
                found = []
            if rule.hedge and found and self.mask & 1 << _QUESTION_BIT:
                found = [m for m in found if not self._in_question(m)]
            self._cues[i] = found
        return found

    @property
    def clauses(self) -> list[int]:
        """Offsets where a new clause starts (after the first)."""
        if self._clauses is None:
            self._clauses = [m.end() for m in _CLAUSE.finditer(self.sentence)]
        return self._clauses

    def clause_of(self, offset: int) -> int:
        """The start offset of the clause holding `offset`."""
        start = 0
        for b in self.clauses:
            if b <= offset:
                start = b
        return start

    def _in_question(self, m: re.Match[str]) -> bool:
        """A modal verb inside a reported question: 'asked if Moscow would …', 'asking … rockets that could …'."""
        if not _MODAL.fullmatch(m.group(0)):
            return False
        before = self.sentence[self.clause_of(m.start()) : m.start()]
        if _QUESTION.search(before):
            return True
        return m.group(0).lower() == "would" and _REPORTED.search(before) is not None


@lru_cache(maxsize=4096)
def _scan(sentence: str) -> _Scan:
    return _Scan(sentence)


def _get_scan(sentence: str) -> _Scan:
    return _scan(sentence) if _PREFILTER else _Scan(sentence)


# A capitalised name of up to three words ("Robotyne", "Primorsky Krai", "Kim Il Sung Square"), and the capitalised
# words that are no place: a weekday or month, a sentence-opening pronoun or article.
_NAME = r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}"
_NOT_A_PLACE = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August"
    r"|September|October|November|December|The|This|That|These|Those|It|They|He|She|We|There|Here)\b"
)
USAGE_RULES: tuple[UsageRule, ...] = (
    # "KAFR KILA, southern Lebanon –", "MOSCOW (Reuters) –": every name before the dash of an all-caps dateline.
    # (the dash may be typed as "--" or a spaced hyphen: "SEOUL, South Korea (AP) -- ", "MOSCOW (Reuters) - ")
    UsageRule(
        "dateline",
        "context",
        # (also a name inside the capitals: "NEAR KHERSON, Ukraine —", "ON THE ROAD TO IZIUM, Ukraine —")
        before=lazy_compile(r"^(?:[A-Z][A-Z'’.-]+\s)*$"),
        # (the space after the dash may be lost: "MOSCOW (Reuters) -Russia said …")
        after=lazy_compile(
            r"[A-Z][A-Z'’.-]+(?:\s[A-Z][A-Z'’.-]+)*(?:,\s[^–—]{0,40}?)?\s*(?:\([^)]{1,30}\)\s*)?(?:[–—]|--?)(?:\s|(?=[A-Z][a-z]))"
        ),
    ),
    UsageRule(
        "dateline",
        "context",
        before=lazy_compile(r"^[A-Z][A-Z'’.-]+(?:\s[A-Z][A-Z'’.-]+)*,\s(?:[^–—]{0,40}\s)?$"),
        after=lazy_compile(r"[^–—]{0,40}?(?:[–—]|--?)\s"),
    ),
    # In title case: "Izium, Ukraine —", "Izium, Kharkiv Oblast, Ukraine (Reuters) -" (a place and where it is, then the
    # dash; an agency may stand before it), and the names after the comma.
    UsageRule(
        "dateline",
        "context",
        before=lazy_compile(r"^(?:[A-Z][\w’'.-]*(?:\s[A-Z][\w’'.-]*){0,2},\s){0,2}$"),
        # (where it is, or the agency, must be there: "Izium — a town of 45,000 — was shelled" opens a sentence)
        after=lazy_compile(
            r"[A-Z][\w’'.-]*(?:\s[A-Z][\w’'.-]*){0,2}(?:(?:,\s[A-Z][\w’'.-]*(?:\s[A-Z][\w’'.-]*){0,2}){1,2}"
            r"\s*(?:\([^)]{1,30}\)\s*)?|\s*\([^)]{1,30}\)\s*)(?:[–—]|--?)\s"
        ),
    ),
    # An all-caps dateline closed by a colon or a full stop instead of a dash: "BEIRUT: Israel struck …", "KHARKIV. Dec 6
    # (Interfax-Ukraine) – …", or such a name split off as a sentence of its own ("KHARKIV.").
    UsageRule(
        "dateline",
        "context",
        before=lazy_compile(r"^$"),
        after=lazy_compile(
            r"[A-Z][A-Z'’-]{2,}(?:\s[A-Z][A-Z'’-]+)*(?::\s+(?=[\"“A-Z0-9])|\.\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct"
            r"|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b|\.\s*$)"
        ),
    ),
    # The same in title case, opening a story's sentence: "Izium: Three people were killed overnight, the governor said."
    # (A headline takes a colon too, "Izium Shipyard: No Signs of Activity", but is no sentence: the words after the colon
    # must run to a full stop; and a region before a colon heads a list of the region's own events, "Sumy region: …".)
    UsageRule(
        "dateline",
        "context",
        before=lazy_compile(r"^$"),
        after=lazy_compile(
            r"[A-Z][\w’'.-]*(?:\s(?!(?i:region|oblast|province|district|krai|county|raion|area)\b)[A-Z][\w’'.-]*){0,2}:\s+"
            r"[\"“]?[A-Z][\w’'-]*(?:\s+[^\s:]+){5,}[.!?][\"”’]?\s*$"
        ),
    ),
    # A dateline split off as a sentence of its own: "Izium, 12 March." / "IZIUM, March 12."
    UsageRule(
        "dateline",
        "context",
        before=lazy_compile(r"^$"),
        after=lazy_compile(
            r"[A-Z][\w’'.-]*(?:\s[A-Z][\w’'.-]*){0,2},\s+(?:\d{1,2}\s+" + _MONTH + r"|" + _MONTH + r"\.?\s+\d{1,2})(?:,?\s+\d{4})?\.?$"
        ),
    ),
    # An all-caps dateline left as a line of its own with no full stop: "IZIUM" above the story's first paragraph, or
    # "IZIUM, Ukraine" whose dash was lost. (Title case is not one: a bare "North Portal" is an image's caption.)
    UsageRule(
        "dateline on a line of its own",
        "context",
        before=lazy_compile(r"^$"),
        after=lazy_compile(r"[A-Z][A-Z'’-]{2,}(?:\s[A-Z][A-Z'’-]+){0,2}(?:,\s+[A-Z][\w’'.-]*(?:\s[A-Z][\w’'.-]*){0,2})?[^\w(]*$"),
    ),
    # A dateline closed by its agency in brackets rather than a dash: "IZIUM (AFP): A fire …", "Izium, Jan 23 (IANS) The
    # army said …" (an acronym or a wire's name in the brackets, then a colon or the story's first word).
    UsageRule(
        "dateline closed by its agency",
        "context",
        before=lazy_compile(r"^$"),
        after=lazy_compile(
            r"[A-Z][\w’'.-]*(?:\s[A-Z][\w’'.-]*){0,2}(?:,\s[^()–—:;]{1,40}?)?\s*"
            r"\((?:(?-i:[A-Z]{2,}(?:[/-][A-Za-z]+)*)|Reuters|Interfax(?:-Ukraine)?|Yonhap|Kyodo|Xinhua|Ukrinform|dpa)\)"
            r"\s*(?::\s|(?-i:[A-Z\"“]))"
        ),
    ),
    # A reference point: "southeast of X", "10 km away from the hub of X", "the outskirts of X", "located near
    # X". A bare "near X" is not one: "attacks near X" places the event (and the labels say so).
    UsageRule(
        "reference point",
        "context",
        weak=True,
        before=lazy_compile(
            r"(?i)\b(?:(?:located|situated|lies|lying|sits)\s+(?:\w+\s+)?near|close to|not far from|outskirts of|facing|overlooking|"
            # "a village on the banks of X", "on the western shore of X", "a port on the east coast of X", "sank off the coast of X"
            r"(?:on|along|off)\s+the\s+(?:\w+\s+)?(?:banks?|shores?|coast(?:line)?)\s+of|"
            r"(?<!the )(?:north|south|east|west|northeast|northwest|"
            r"southeast|southwest|north-east|north-west|south-east|south-west)(?:ern)?\s+of|"
            # (no preposition among the words between: "on the bank of the X in Y" names Y as the event's place)
            r"(?:km|kilometers?|kilometres?|miles?)\)?\s+(?:away\s+)?from)\s+(?:the\s+)?(?:(?!(?:in|at|on|by)\b)[\w’'-]+\s+){0,4}?(?:of\s+)?"
            # the point may be described first and named after a comma: "southeast of the regional centre, X", "50 km
            # north of the country's capital, X" (the name is the same reference point)
            r"(?:(?:capital|cent(?:re|er)|city|seat),\s+)?$"
        ),
        # (outskirts that an attack hits are the event's place, not a reference point: "shelled the outskirts of X",
        # "fired mortar rounds against the outskirts of the village of X")
        unless_before=lazy_compile(
            r"(?i)\b(?:against|shell(?:ed|ing|s)?|struck|strik(?:e|es|ing)|hit(?:s|ting)?|target(?:ed|ing|s)?|attack(?:ed|ing|s)?"
            r"|bomb(?:ed|ing|s)?|pound(?:ed|ing|s)?|raid(?:ed|ing|s)?)\s+(?:the\s+)?(?:[\w-]+\s+)?outskirts\s+of\s+(?:the\s+)?"
            r"(?:[\w’'-]+\s+){0,4}?(?:of\s+)?$"
        ),
    ),
    # A place that locates another one named right before it: "a village near X", "positions outside X",
    # "settlements close to X", "an airbase near X", "the hamlet of Y near X", "Y, near X". (The place before "near"
    # is where things happen; X only says where it is.)
    UsageRule(
        "reference point for a nearby place",
        "context",
        weak=True,
        before=lazy_compile(
            r"(?:(?i:\b(?:villages?|towns?|settlements?|hamlets?|positions?|outposts?|(?:air\s*)?bases?|airfields?|airports?"
            r"|facilit(?:y|ies)|plants?|factor(?:y|ies)|depots?|camps?|ports?|shipyards?|complex(?:es)?|compounds?"
            r"|(?:research\s+)?cent(?:er|re)s?|sites?|training\s+grounds?))"
            r"(?:\s+(?:of|called|named)\s+" + _NAME + r")?,?"
            # (a name after a lowercase word or a comma, so that a title-case headline's words are no names)
            r"|(?:\b[a-z]+\s+|,\s+)(?!" + _NOT_A_PLACE + r")" + _NAME + r",?)"
            r"\s+(?i:just\s+|lying\s+|located\s+)?(?i:near|outside|close\s+to|next\s+to)\s+(?i:the\s+)?"
            r"(?i:(?:city|town|village)\s+of\s+)?(?:[A-Z][\w’'-]*['’]s\s+)?$"
        ),
    ),
    # A place that lies on the way into another: "a village at the gates of X", "A and B, on the approaches to X" (X only
    # says where the village is, as "a village near X" does). A movement on the approaches is left alone: "troops were
    # on the approaches to X" is often fighting at X.
    UsageRule(
        "place on the approaches to another",
        "context",
        weak=True,
        before=lazy_compile(
            r"(?:(?i:\b(?:villages?|towns?|settlements?|hamlets?|suburbs?))(?:\s+(?:of|called|named)\s+" + _NAME + r")?,?"
            r"|(?:\b[a-z]+\s+|,\s+)(?!" + _NOT_A_PLACE + r")" + _NAME + r",?)"
            r"\s+(?i:(?:right\s+|just\s+)?(?:on|at)\s+the\s+(?:approach(?:es)?\s+to|gates\s+of|doorstep\s+of))\s+(?i:the\s+)?"
            r"(?i:(?:city|town|village)\s+of\s+)?(?:[A-Z][\w’'-]*['’]s\s+)?$"
        ),
    ),
    # The two places a crossing lies between: "the only crossing between X and Y", "bridges span the river between X and
    # the border" (they only say where the crossing is, as a road's destination does; a route or a train between two
    # cities runs to both, and is left alone).
    UsageRule(
        "end of a crossing between two places",
        "context",
        weak=True,
        before=lazy_compile(
            r"\b(?i:bridges?|crossings?|crossing\s+points?|checkpoints?|border\s+posts?)\b(?:\s+[^,;.]{0,40}?)?\s+between\s+"
            r"(?:the\s+)?(?:" + _NAME + r"\s+and\s+(?:the\s+)?)?$"
        ),
    ),
    # A road named by where it leads, not a place reached: "the main road routes to X", "a road leading to X".
    # ("in the direction of X" is left alone: an advance towards a village is often fighting at it.)
    UsageRule(
        "road named by where it leads",
        "context",
        weak=True,
        before=lazy_compile(
            r"(?i)\b(?:roads?|routes?|highways?|motorways?|railways?)\s+"
            # (who holds it may be said: "the road to the Kyiv-held city of X")
            r"(?:leading\s+|running\s+|heading\s+)?(?:to|towards?)\s+(?:the\s+)?(?:[\w’'-]+-(?:held|controlled|occupied)\s+)?"
            r"(?:(?:city|town|village)\s+of\s+)?$"
        ),
        # ("en route to X" is where something was heading: X is its target, not a road's name)
        unless_before=lazy_compile(r"(?i)\ben\s+route\s+to\s+(?:the\s+)?$"),
    ),
    # A distance measured from a place, however worded: "2 km down the track from X", "5 miles upriver from X",
    # "300 meters from the eastern bank of the X River".
    UsageRule(
        "distance measured from",
        "context",
        weak=True,
        before=lazy_compile(
            # (or short of it, outside it, beyond it: "halted 3 km short of X", "a depot 20 miles outside X")
            r"(?i)\b\d[\d,.]*\s*(?:km|kilomet(?:er|re)s?|miles?|m|met(?:er|re)s?|yards?|feet|ft)\b[^.;:!?]{0,60}?"
            r"\b(?:from|short\s+of|outside(?:\s+of)?|beyond)\s+"
            r"(?:the\s+)?(?:(?:[\w’'-]+\s+){0,3}?(?:side|bank|edge|shore|coast|end)\s+of\s+(?:the\s+)?)?$"
        ),
    ),
    # A river named to say where something lies: "the villages across the X River". (A bridge across a river
    # stands on it: "a road bridge across the X River" places the bridge.)
    UsageRule(
        "river as a reference",
        "context",
        weak=True,
        before=lazy_compile(r"(?i)\bacross\s+(?:the\s+)?$"),
        # (also with words between: "a road bridge linking the two countries across the X River")
        unless_before=lazy_compile(r"(?i)\b(?:bridges?|crossings?|ferry|ferries|dams?|pipelines?)\b[^,.;:]{0,50}?\s+across\s+(?:the\s+)?$"),
        after=lazy_compile(r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?\s+River\b"),
    ),
    # Where a person comes from describes the person, not where the event happened: "the ID of a man from X",
    # "a resident of X" is not; "residents from X fled to Y" is not either (they left X: it is the event's place).
    UsageRule(
        "origin of a person",
        "context",
        weak=True,
        before=lazy_compile(
            r"(?i)\b(?:an?|the|one|this|that)\s+(?:\w+\s+)?(?:man|woman|boy|girl|native|person|citizen|national)\s+"
            r"(?:originally\s+)?from\s+(?:the\s+)?$"
        ),
    ),
    # A border named to locate something on or near it: "a hub on the border with X", "a town on X's northern
    # border", "a port near to the border with Russia".
    UsageRule(
        "border as a reference",
        "context",
        before=lazy_compile(r"(?i)\b(?:on|along|near|near\s+to|close\s+to|next\s+to)\s+(?:the\s+)?$"),
        after=lazy_compile(r"(?:the\s+)?border\s+with\b|[A-Z][\w’'-]*['’]s\s+(?:(?:north|south|east|west)\w*\s+)?border\b"),
    ),
    # A place that only names a border, as a modifier: "three Gaza border towns", "near the Gaza border", "all the Gaza
    # border crossings" (the towns or crossings are the subject; the place says which border). A facility's own name is
    # left alone ("the Rafah border crossing", "the X border station"), and so is a border named with its other side
    # ("the Gaza border with Egypt", left to "border as a reference") or one that ends a headline ("airstrikes on X border").
    UsageRule(
        "place naming a border",
        "context",
        after=lazy_compile(
            r"[A-Z][\w’']*(?:\s+[A-Z][\w’']*)?\s+border(?=\s+[a-z])(?!\s+with\b)"
            r"(?!\s+(?:crossing|checkpoint|post|terminal|gate|station|bridge|point)\b)"
        ),
    ),
    # A sea or a country whose coast locates something: "a shipyard on the Sea of Japan coast", "ports along the X coast".
    UsageRule(
        "coast as a reference",
        "context",
        weak=True,
        before=lazy_compile(r"(?i)\b(?:on|along|off)\s+(?:the\s+)?$"),
        after=lazy_compile(r"[A-Z][\w’'-]*(?:\s+(?:of\s+)?[A-Z][\w’'-]*){0,3}\s+(?i:coast(?:line)?)\b"),
    ),
    # A front sector named after a town: "on the Melitopol direction", "the Pokrovsk direction".
    UsageRule("front direction", "context", after=lazy_compile(r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?\s+direction\b")),
    # A site named only to compare another with it: "the pads resemble those at X", "drew parallels to X", "a hall
    # similar to the one in X", "buried deeper than X" (the thing seen is elsewhere; X is a reference). Weak: a past date
    # still decides, and a hedge too unless it is about the site compared ("the hall may be larger than the one at X":
    # HEDGED_REFERENCE_USES).
    UsageRule(
        "comparison with another site",
        "context",
        weak=True,
        before=lazy_compile(
            r"(?i)\b(?:parallels?\s+(?:to|with)|similar\s+to|analogous\s+to|resembl(?:e|es|ed|ing)(?:\s+to)?|compar(?:ed|able)\s+(?:to|with)"
            # a measure against another site: "deeper than X", "larger than the one at X", "more heavily guarded than X"
            r"|(?:[a-z]{2,}er|more\s+[a-z]+|less\s+[a-z]+)\s+than)\s+"
            r"(?:the\s+)?(?:(?:(?!\b(?:is|are|was|were|has|have|had|been|be)\b)[^,.;:!?]){0,70}?\b(?:at|in|of|from)\s+(?:the\s+)?)?"
            # (the compared site's country may be named first: "similar to one at Iran's X")
            r"(?:(?-i:[A-Z])[\w-]*['’]s\s+)?$"
        ),
    ),
    # Range references: "missiles capable of reaching Tokyo", "within range of Haifa".
    UsageRule(
        "range reference",
        "context",
        weak=True,
        before=lazy_compile(
            r"(?i)\b(?:capable\s+of\s+reaching|could\s+reach|can\s+reach|able\s+to\s+reach|within\s+(?:striking\s+)?(?:range|reach|distance)\s+of"
            r"|(?:in|within|out\s+of)\s+range\s+of)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}?$"
            # how far a reach goes: "targets as far as Guam", "as far as U.S. bases in Okinawa"
            r"|\bas\s+far\s+as\s+(?:the\s+)?(?:[\w.’'-]+\s+){0,3}?$"
            # what a weapon threatens: "a nuclear threat to the U.S. mainland", "poses a threat to Seoul"
            r"|\bthreats?\s+to\s+(?:the\s+)?(?:entire\s+|whole\s+)?$"
        ),
    ),
    # A place named as what lies in range: "puts Haifa within range of the rockets", "leaves Odesa in striking range of
    # the drones" (the range is the claim; the place only measures it).
    UsageRule(
        "target within range",
        "context",
        weak=True,
        after=lazy_compile(
            r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2},?\s+(?:(?:well|easily|now|also)\s+)?(?:within|in)\s+"
            r"(?:(?:easy|striking|firing|strike|artillery|missile)\s+)?(?:range|reach)\s+of\b"
        ),
    ),
    # Where the speaker sits: "officials in Kursk said", "the governor of Belgorod region", "the head of the X region".
    UsageRule(
        "seat of the speaker",
        "context",
        before=lazy_compile(
            r"(?i)\b(?:officials?|authorities|governor|mayor|administration|spokes(?:man|woman|person)|prosecutors?|police|heads?|"
            r"sources|source(?=\s+in\b)|diplomats?|analysts?|observers|experts?|"
            r"emergency\s+services)\s+(?:(?:in|of|for)\s+(?:the\s+)?(?:(?:occupied\s+)?parts?\s+of\s+(?:the\s+)?)?"
            # where they sit, in a country's region: "authorities in Russia's Krasnodar province said" (not "the governor
            # of Russia's Kursk region", a title: what he does happens there)
            r"|in\s+(?-i:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?['’]s\s+))$"
        ),
    ),
    # People of a place speaking: "Residents in X told reporters", "Some in X put forward the theory", "Palestinians in X
    # said" (the place is where the speakers are, the source of the statement, as "officials in X said").
    UsageRule(
        "people of a place speaking",
        "context",
        before=lazy_compile(
            r"(?:\b(?i:residents|people|locals|villagers|inhabitants|witnesses|families|some|many|others|survivors|farmers)"
            r"|\b[A-Z][a-z]+(?:ians|ans|is|ese))\s+(?i:in|of|from)\s+(?:the\s+)?$"
        ),
        after=lazy_compile(
            r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}\s+(?:have\s+|had\s+|also\s+)?(?:said|say|says|told|tell|tells|claimed|claim"
            r"|claims|insisted|insist|warned|put\s+forward|described|recalled|recounted)\b"
        ),
    ),
    # People of a place as the agent of what was posted or told: "messages posted online by residents of X", "an account
    # given by villagers from X" (README: sources of a statement = context).
    UsageRule(
        "people of a place speaking",
        "context",
        before=lazy_compile(
            r"(?i)\b(?:posted|written|shared|published|sent|given|made|told|recounted|described)\b[^.;:]{0,60}?\bby\s+(?:the\s+)?"
            r"(?:residents|people|locals|villagers|inhabitants|witnesses|families|survivors|farmers)\s+(?:in|of|from)\s+(?:the\s+)?$"
        ),
    ),
    # A place naming the people cited: "the channel cited X residents as saying", "quoting X officials" (the source of the
    # statement).
    UsageRule(
        "people of a place speaking",
        "context",
        before=lazy_compile(r"(?i)\b(?:cited|quoted|citing|quoting)\s+(?:(?:some|several|two|three|local|unnamed)\s+)?$"),
        after=lazy_compile(r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}\s+(?i:residents|locals|villagers|witnesses|sources|officials)\b"),
    ),
    # The source of a statement: "Moscow said", "Tatarstan authorities urged", "Kyiv's officials claimed".
    UsageRule(
        "source of a statement",
        "context",
        weak=True,
        after=lazy_compile(
            r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}(?:['’]s)?\s+(?:has\s+|have\s+)?(?:said|says|claimed|claims|announced|"
            r"accused|denied|warned|stated|insisted|authorities|officials|government)\b"
            # whose head or authorities speak: "Tatarstan's leader said", "the X region's acting governor said"
            r"|[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}(?:\s+(?i:region|oblast|province|krai|republic|district))?['’]s\s+"
            r"(?:(?:acting|regional|local|interim|deputy|former)\s+)?(?:leader|head|governor|mayor|administration|authorities"
            r"|officials?|spokes(?:man|woman|person))\b"
        ),
    ),
    *LOCATING_RULES,
)
"""Uses of a name that only point at something else; they make it context whatever the sentence claims."""
REFERENCE_USES = frozenset({
    "reference point", "reference point for a nearby place", "distance measured from", "river as a reference",
    "coast as a reference", "border as a reference", "range reference", "near a place", "neighbour of a place",
    "distance in words measured from", "what a place borders", "place on the approaches to another",
    "end of a crossing between two places",
})
"""The usage rules that make a name a reference point for somewhere nearby (with the `locator:` evidence of
`_LOCATOR`): a figure stated in a sentence that names no other place is about the area around it."""


def is_reference_point(evidence: str) -> bool:
    """Whether a claim's evidence says its name only locates somewhere near it ("5 km from X", "north of X")."""
    return evidence in REFERENCE_USES or evidence.startswith("locator:")


# A national capital (capitals of states of over two million people, from GeoNames' country table) named as the
# one who speaks stands for its government: "Moscow said", "Kyiv has denied", "..., says Kyiv", "Moscow's
# officials claimed". The city itself is named after a spatial word ("shops in Moscow", "flights to Pyongyang").
_CAPITAL = r"(?:Port-au-Prince|Santo\sDomingo|Buenos\sAires|Kuala\sLumpur|Port\sMoresby|San\sSalvador|Addis\sAbaba|Antananarivo|Yamoussoukro|Brazzaville|Ouagadougou|Phnom\sPenh|Tegucigalpa|Ulaanbaatar|Abu\sDhabi|Bratislava|Copenhagen|Libreville|Montevideo|New\sDelhi|Nouakchott|Porto-Novo|Washington|Wellington|Amsterdam|Bucharest|Islamabad|Jerusalem|Kathmandu|Ljubljana|Mogadishu|Naypyidaw|Pyongyang|Singapore|Stockholm|Vientiane|Ashgabat|Asuncion|Belgrade|Brasilia|Brussels|Budapest|Canberra|Chisinau|Damascus|Dushanbe|Freetown|Gaborone|Helsinki|Khartoum|Kinshasa|Lilongwe|Monrovia|Pretoria|Santiago|Sarajevo|Tashkent|Windhoek|Algiers|Baghdad|Bangkok|Beijing|Bishkek|Caracas|Colombo|Conakry|Jakarta|Kampala|Managua|Nairobi|Tbilisi|Tripoli|Vilnius|Yaounde|Yerevan|Ankara|Asmara|Athens|Bamako|Bangui|Banjul|Beirut|Berlin|Bogota|Dodoma|Dublin|Gitega|Harare|Havana|Kigali|Lisbon|London|Luanda|Lusaka|Madrid|Manila|Maputo|Maseru|Moscow|Muscat|Niamey|Astana|Ottawa|Prague|Riyadh|Skopje|Taipei|Tehran|Tirana|Vienna|Warsaw|Zagreb|Abuja|Accra|Amman|Cairo|Dakar|Dhaka|Hanoi|Kabul|Minsk|Paris|Quito|Rabat|Sanaa|Seoul|Sofia|Sucre|Tokyo|Tunis|Baku|Bern|Doha|Juba|Kyiv|Kiev|Lima|Lome|Oslo|Rome)\b"
_SPEECH = (
    r"(?:said|says|claimed|claims|announced|accused|accuses|denied|denies|warned|warns|insisted|insists|stated|responded"
    r"|rejected|condemned"
    # other verbs of stating a position: "Seoul vowed …", "Tehran has threatened …", "Kyiv acknowledged …"
    r"|vow(?:s|ed)|pledg(?:es|ed)|promis(?:es|ed)|threaten(?:s|ed)|demand(?:s|ed)|urg(?:es|ed)|acknowledg(?:es|ed)"
    r"|admit(?:s|ted)|argu(?:es|ed)|assert(?:s|ed)|declar(?:es|ed)|repli(?:es|ed)|protest(?:s|ed)|dismiss(?:es|ed))\b"
)
# Parts and people of a city: a capital's possession that names the city, not the government ("Ankara's main airport").
_CITY_PART = (
    r"(?i:streets?|suburbs?|outskirts|airports?|cent(?:er|re)|downtown|districts?|neighbou?rhoods?|residents|inhabitants"
    r"|population|mayor|skies|sky|metro|subway|buildings?|squares?|rivers?|parks?|hotels?|stations?|harbou?rs?|ports?"
    r"|bridges?|hospitals?|schools?|universit(?:y|ies)|stadiums?|markets?|shops?|roads?|avenues?|old\s+town|city)\b"
)
# Names coordinated before the mention ("in Moscow and ", "took Paris in 1815 and ", "between Moscow and ") are
# skipped back to the word that governs them all. (Not a name and a comma: "Embroiled in a war in Ukraine, Moscow
# has ..." ends an opening phrase.)
_COORDINATED = r"(?:(?-i:[A-Z])[\w’'.-]*(?:\s+[\w’'.-]+){0,2}?\s+(?:and|or|nor|&)\s+)*"
# Words before a capital that make it the city: a preposition of place, a visit or a journey to it, a military act
# on it, a part of it, or a route between it and another place.
_CITY_BEFORE = (
    r"(?i)(?:\b(?:in|at|near|into|inside|outside|around|across|over|within|throughout|towards?|via|beyond|above"
    r"|under|below|facing|overlooking|capital,?)"
    r"|\b(?:visit(?:s|ed|ing)?|tour(?:s|ed|ing)?|reach(?:es|ed|ing)?|enter(?:s|ed|ing)?|left|leav(?:es|ing)"
    r"|land(?:s|ed|ing)|captur\w*|seiz\w*|occup\w*|liberat\w*|besieg\w*|encircl\w*|storm(?:s|ed|ing)?|took"
    r"|tak(?:e|es|ing)|attack(?:s|ed|ing)?|struck|strik(?:e|es|ing)|hit(?:s|ting)?|shell(?:s|ed|ing)|bomb(?:s|ed|ing)?"
    r"|target(?:s|ed|ing)?|raid(?:s|ed|ing)?|evacuat\w*)"
    r"|\b(?:visits?|trips?|journeys?|travel\w*|flights?|flew|flown|fl(?:y|ies|ying)|return\w*|transport\w*|taken"
    r"|brought|mov(?:e|es|ed|ing)|relocat\w*|came|come|went|go(?:es|ing)?|drive[ns]?|drove|headed|head(?:s|ing)?"
    r"|trains?|routes?|roads?|highways?|railways?|rail|ferr(?:y|ies)|bus(?:es)?|fled|escap\w*|sail\w*|arriv\w*"
    r"|bound)\s+(?:[\w’'-]+\s+){0,2}?(?:to|from|into|for)"
    r"|\b(?:cent(?:er|re)|heart|streets|outskirts|suburbs|edge|skies|sky|residents|people|mayor|city|districts?"
    r"|parts?)\s+of"
    r"|\b(?:trains?|flights?|rail\w*|roads?|routes?|highways?|ferr(?:y|ies)|bus(?:es)?|services?|links?"
    r"|connections?|distance|border|journey|drive)\s+(?:[\w’'-]+\s+){0,3}?between)"
    r"\s+(?:the\s+)?(?:new\s+)?(?:capital,?\s+)?" + _COORDINATED + r"$"
)
# Words after a capital that make it the city: a city noun in apposition, a part or people of the city it
# modifies ("Kyiv residents", "the Moscow metro"), or a physical event it suffers.
_CITY_AFTER = (
    r"(?:\s*,\s+(?:the|its|a)\s+(?:[\w-]+\s+){0,2}?(?:capital|city)\b"
    r"|\s+" + _CITY_PART +
    r"|\s+(?:(?:was|were|is|has\s+been|had\s+been|came|comes)\s+)?(?:(?:again|repeatedly|heavily)\s+)?"
    r"(?:flooded|hit|struck|attacked|shelled|bombed|targeted|under\s+(?:attack|fire)|damaged|destroyed|evacuated"
    r"|burn(?:ed|t)|shaken|blacked)\b"
    r"|\s+(?:had|has|have)\s+(?:developed|grown|changed|expanded)\b)"
)
CAPITAL_USAGE_RULES: tuple[UsageRule, ...] = (
    UsageRule(
        "capital speaking for its government",
        "context",
        after=lazy_compile(
            _CAPITAL + r"(?:['’]s\s+(?:\w+\s+)?(?:officials?|government|authorities|leaders?|leadership)\s+)?\s*(?:has\s+|have\s+|had\s+)?" + _SPEECH
        ),
    ),
    UsageRule(
        "capital speaking for its government",
        "context",
        before=lazy_compile(r"(?i)\b(?:says|said|according\s+to|claimed\s+by|denied\s+by)\s+$"),
        after=lazy_compile(_CAPITAL + r"\s*(?:[.,;)]|$)"),
    ),
    # The capital owns what a government or a state has: "Moscow's forces", "Moscow's call", "Pyongyang's military
    # support", "Seoul's intelligence estimates", "Moscow's rocket program". (Not a part of the city: "Ankara's main
    # airport", "Kyiv's residents", "the streets of Moscow" has no possessive at all.)
    UsageRule(
        "capital owning what a government has",
        "context",
        after=lazy_compile(_CAPITAL + r"['’]s\s+(?!(?:[\w-]+\s+){0,2}?" + _CITY_PART + r")"),
    ),
    # The capital as the other party of a conflict or an accusation: "the fight against Moscow", "Washington
    # accused Pyongyang of …", "sanctions on Moscow".
    UsageRule(
        "capital as the target of a government's act",
        "context",
        before=lazy_compile(
            r"(?i)(?:\bagainst|\baccus(?:e|es|ed|ing)|\bblam(?:e|es|ed|ing)|\bsanction(?:s|ed|ing)?|\b(?:sanctions|pressure)\s+on)\s+$"
        ),
        after=lazy_compile(_CAPITAL),
    ),
    # Any other capital is the government too unless the words around it make it the city (README: "Capitals standing
    # for governments ... `context`"): "relations with Pyongyang", "Moscow is helping Pyongyang", "neither Moscow nor
    # Pyongyang has acknowledged", "a counterattack by Moscow". The city is named after a place word ("shops in
    # Moscow", "a visit to Pyongyang", "trains between Moscow and Pyongyang", "missiles struck Kyiv"), before a city
    # noun (", the North Korean capital"), or as what a physical event befalls ("Kyiv was hit"). A capital that
    # modifies a name ("Moscow Oblast", "Kyiv Independent") is left alone.
    UsageRule(
        "capital as a political actor",
        "context",
        after=lazy_compile(_CAPITAL + r"(?!['’]s\b)(?![-‐]\w)(?!\s+(?-i:[A-Z]))(?!\s+(?i:region|oblast|province|state|metro)\b)"),
        unless_before=lazy_compile(_CITY_BEFORE),
        unless_after=lazy_compile(_CAPITAL + _CITY_AFTER),
    ),
)
"""Uses of a capital that name its government, not the city."""


def _context(scan: _Scan, at: int) -> str | None:
    """Why the mention at `at` only locates or labels something else, or None."""
    sentence = scan.sentence
    if at == 0 and _DATELINE.match(sentence):
        return "dateline"
    if scan.institution and _INSTITUTION.match(sentence, at):
        return "part of an institution's name or an official's title"
    if scan.locator and at > 0:
        m = _LOCATOR.search(sentence[max(0, at - 120) : at])
        if m and not (_LOCATED_AT.match(m.group(0).lstrip()) and _FACILITY_NAMED.match(sentence, at)):
            return f"locator: “{m.group(0).strip()}”"
    for rule in (*USAGE_RULES, *CAPITAL_USAGE_RULES):
        if not rule.weak and rule.applies(sentence, at):
            return rule.name
    return None


# A trailing phrase that qualifies only what it says: an adverb or a participle after the comma (", presumably
# carrying shells and possibly missiles", ", allegedly for use in Ukraine"). Attributions and inferences are not
# such phrases: ", according to …", ", citing …", ", claiming …", ", suggesting that …" cover the whole sentence.
_QUALIFIER = lazy_compile(
    r"(?:presumably|possibly|potentially|probably|likely|perhaps|allegedly|apparently|purportedly|supposedly"
    r"|(?!according|citing|quoting|saying|adding|claiming|alleging|accusing|insisting|noting|warning|stating"
    r"|suggesting|indicating|signall?ing|hinting|implying|meaning|raising)[a-z]+ing)\b"
)


# A trailing phrase that describes a place named before it, in apposition: ", one of four regions Moscow claims to have
# annexed", ", a town the rebels say they hold", ", the district where fighting may resume". What it says is said of that
# place's description, not of the event the sentence reports there. (Not a speaker: ", the city's governor claimed".)
_PLACE_APPOSITIVE = lazy_compile(
    r"(?i:(?:one|some|part|each|any)\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:regions|provinces|oblasts|districts|territories|areas|villages|towns|cities|settlements|ports|bases)"
    r"|(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:region|province|oblast|district|territory|area|village|town|city|settlement"
    r"|port|base))\b(?![’'-])(?!\s+(?:of|in|on|near|said|says|claimed|claims)\b)"
)


def _in_trailing_qualifier(sentence: str, segments: list[tuple[int, int]], mention_index: int | None, offset: int) -> bool:
    """Whether `offset` lies in a qualifying phrase (see _QUALIFIER) or a place's description (_PLACE_APPOSITIVE)
    that follows the mention's own phrase."""
    if mention_index is None:
        return False
    for i, (s, e) in enumerate(segments):
        if s <= offset <= e:
            return i > mention_index and (_QUALIFIER.match(sentence, s) is not None or _PLACE_APPOSITIVE.match(sentence, s) is not None)
    return False




def certainty_of(sentence: str, at: int = 0) -> tuple[str, str]:
    """The certainty of what a sentence says at offset `at` (a mention), and the cue that decided it."""
    scan = _get_scan(sentence)
    why = _context(scan, at)
    if why:
        return "context", why
    for shared, where in SHARED_CERTAINTY:
        place = where(sentence, at)
        if place is not None:
            certainty, cue = certainty_of(sentence, place)
            return certainty, f"{shared} ({cue})"
    segments = scan.segments
    index = next((i for i, (s, e) in enumerate(segments) if s <= at <= e), None)
    if index is None:
        index, count, (start, end) = 0, 1, (0, len(sentence))
    else:
        count, (start, end) = len(segments), segments[index]
    phrase = sentence[start:end]
    year = _YEAR_AFTER_COMMA.match(sentence, end)
    dated = sentence[start : year.end()] if year else phrase  # "on October 7, 2023": the comma splits no date
    if count > 1 and _BARE_NAME.fullmatch(phrase):
        dated = sentence[start : _list_end(sentence, segments, index)]  # "after A, B, and C in 2019" dates B too
    going_on = continued_clause(sentence, at) if any(scan.historical) else None  # (no past cue: nothing to date)
    dated_here = _DATED_HERE.match(sentence, at)
    if dated_here:
        return "historical", f"dated event: “{dated_here.group('date')}”"
    if index > 0 and _WHEN.match(phrase):
        year = _YEAR_BEFORE_WHEN.search(sentence, segments[index - 1][0], segments[index - 1][1])
        if year:  # "… since 2014, when forces seized parts of X": the clause tells what happened that year
            return _unless_reference(sentence, at, ("historical", f"event of a past year: “{year.group(0).strip()}, when”"))
    caption = _CAPTION_DATE.search(sentence) if "photo" in sentence or "image" in sentence or "picture" in sentence else None
    if caption:
        return "historical", f"dated photo caption: “{caption.group('date')}”"
    for rule, possible in zip(HISTORICAL_RULES, scan.historical):
        if not possible:
            continue
        m = rule.pattern.search(dated)
        date_at = start + m.start() if m else 0
        if m is not None and rule.following and date_at > at:
            m = None  # the cue covers only the names after it
        if m is None and going_on is not None:
            m = rule.pattern.search(sentence[: going_on[1]], going_on[0])
            date_at = m.start() if m else 0
        if m is None and not rule.own_phrase and _LEADING.match(sentence):
            m = rule.pattern.search(sentence, 0, 40)  # a dated opening: "On September 16, 1979, …"
            date_at = m.start() if m else 0
        if m and date_at > at and _hedged_before(scan, at, date_at):
            break  # "X is potentially part of a network built in the 2010s": the hedge, not the later date, is about X
        if m:
            if count > 1 and index == count - 1 and _trailing(sentence, start, phrase) and m.start() >= start:
                # a date in a trailing description dates what the description tells of the place, not an event there
                # ("…, a region in the south that Moscow annexed in 2022": the region is named in passing)
                return "context", "named in passing (trailing phrase)"
            return _unless_reference(sentence, at, (rule.label, f"{rule.name}: “{m.group(0)}”"))
    # A cue in the mention's own phrase decides.
    for i in scan.active:
        rule = CERTAINTY_RULES[i]
        for m in scan.cues(i):
            if start <= m.start() and m.end() <= end and not (rule.following and m.start() > at):
                if rule.hedge and _hedges_something_else(sentence, at, m.start()):
                    continue
                if cue_limited(rule.name, sentence, m, at):
                    continue
                if rule.own_phrase:  # "reportedly" only says the phrase is reported: a weak use still decides
                    return _weak_usage(sentence, at) or (rule.label, f"{rule.name}: “{m.group(0)}”")
                return _hedged_reference(sentence, at, rule, (rule.label, f"{rule.name}: “{m.group(0)}”"))
    if count > 1:
        if index == 0 and _LEADING.match(phrase):
            # (a reference point in the opening is still one: "Camped in the hills facing X, the brigade ...")
            return _weak_usage(sentence, at) or ("reported", "scene-setting opening phrase, stated as fact")
        if index == count - 1 and _trailing(sentence, start, phrase):
            return "context", "named in passing (trailing phrase)"
    clause = None
    for i in scan.active:
        rule = CERTAINTY_RULES[i]
        for m in scan.cues(i):
            if rule.own_phrase:
                break  # a cue of the mention's own phrase only, and it is not in that phrase
            if rule.following and m.start() > at:
                continue  # the cue vouches for what comes after it only
            if m.start() > end and _in_trailing_qualifier(sentence, segments, index, m.start()):
                continue  # ", possibly carrying missiles" hedges the cargo, not the port named before it
            if cue_limited(rule.name, sentence, m, at):
                continue  # a cue that says nothing of this place (claims_scope.CUE_LIMITS)
            if rule.hedge:
                if clause is None:
                    clause = scan.clause_of(at)
                if scan.clause_of(m.start()) != clause:
                    continue  # a hedge in another clause
                if _hedges_something_else(sentence, at, m.start()):
                    continue
            return _hedged_reference(sentence, at, rule, (rule.label, f"{rule.name}: “{m.group(0)}”"))
    return _weak_usage(sentence, at) or ("reported", "stated as fact")


def _hedges_something_else(sentence: str, at: int, cue: int) -> bool:
    """Whether a hedge at offset `cue` lies in what was said ("…, told reporters that a deal could …") or inferred ("…
    suggest preparations that would …") after the mention at `at`: it hedges that, not the place."""
    return cue > at and (_TOLD_THAT.search(sentence, at, cue) is not None or _INFERRED.search(sentence, at, cue) is not None)


# A phrase that is only a name (an item of a list set off by commas), and the phrase that closes such a list.
_BARE_NAME = lazy_compile(r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}")
_LIST_CLOSE = lazy_compile(r"(?:and|or)\s+[A-Z]")


def _list_end(sentence: str, segments: list[tuple[int, int]], index: int) -> int:
    """Where the list ends whose bare item is segment `index` ("A, B, and C since May": the end of "and C since May"),
    or that segment's own end when no closing "and/or X" phrase follows its bare items."""
    for s, e in segments[index + 1 :]:
        text = sentence[s:e]
        if _LIST_CLOSE.match(text):
            return e
        if not _BARE_NAME.fullmatch(text):
            break
    return segments[index][1]


def _hedged_before(scan: _Scan, at: int, date_at: int) -> bool:
    """Whether a speculative hedge of the mention's clause (one that covers the mention) comes before a date that follows
    the mention at `date_at`: "Sources suggest X was among the sites shown in 2019", "X is potentially a part of the
    network that was built in the 2010s"."""
    clause = scan.clause_of(at)
    for i in scan.active:
        rule = CERTAINTY_RULES[i]
        if rule.label != "speculative" or not rule.hedge:
            continue
        for m in scan.cues(i):
            if m.start() < date_at and scan.clause_of(m.start()) == clause and not (rule.following and m.start() > at):
                return True
    return False


def _unless_reference(sentence: str, at: int, past: tuple[str, str]) -> tuple[str, str]:
    """A past event's label, unless the name only locates it (a reference point: REFERENCE_USES): "a camp set up in 1948
    close to the city of X", "in 2011, when a blast at a base near X killed …" (README: reference points = context; the
    past event happened at the camp or the base, not at X)."""
    usage = _weak_usage(sentence, at)
    return usage if usage is not None and usage[1] in REFERENCE_USES else past


HEDGED_REFERENCE_USES = frozenset({
    "reference point", "reference point for a nearby place", "distance measured from", "distance in words measured from",
    "place on the approaches to another", "end of a crossing between two places", "comparison with another site",
})
"""The reference points that stay context under a hedge (_hedged_reference): a name that locates another place or a
facility named beside it ("a plant near X", "located near X", "east of X", "6 km from X"). A bare "near X" after an
activity ("may be digging trenches near X", "suggest excavation near X") and a coast, river or border the event runs
along are often where the hedged event is, and the hedge still decides there."""


def _hedged_reference(sentence: str, at: int, rule: Rule, label: tuple[str, str]) -> tuple[str, str]:
    """A hedge's label, unless the name only locates what is hedged (HEDGED_REFERENCE_USES): "a facility near X that may
    hold centrifuges", "the base, located near X, appears to host missiles" (README: reference points ("near X", "N km
    from X") = context; the hedge is about the facility or the base, not about X)."""
    if rule.label != "speculative":
        return label
    usage = _weak_usage(sentence, at)
    return usage if usage is not None and usage[1] in HEDGED_REFERENCE_USES else label


def _weak_usage(sentence: str, at: int) -> tuple[str, str] | None:
    """The label of the first weak usage rule (a reference point, a road's destination, …) that applies, or None."""
    for usage in USAGE_RULES:
        if usage.weak and usage.applies(sentence, at):
            return usage.label, usage.name
    return None


TOPIC_RULES: tuple[Rule, ...] = (
    # Facilities below ground, or hidden ones: excavation at a military site is read as building one.
    _rule(
        "underground",
        "underground",
        r"\bunderground\b|\bbunkers?\b|\bUGFs?\b|\bsilos?\b|\bcaves?\b|\bshelters?\b"
        r"|beneath the surface|below (the )?(ground|surface)|\bexcavat\w*"
        r"|\bblack ?sites?\b|\bhidden (factor|facilit|plant|site)\w*",
        ("underground", "bunker", "ugf", "silo", "cave", "shelter", "surface", "ground", "excavat", "black", "hidden"),
    ),
    _rule(
        "tunnelling",
        "tunnelling",
        r"\btunnel\w*|\bdig(s|ging)?\b|\bdug\b|\bdrilling\b|\bmining\b",
        ("tunnel", "dig", "dug", "drilling", "mining"),
    ),
    # "nuclear" alone also qualifies people ("nuclear experience"); a nuclear programme or weapon is the topic.
    _rule(
        "weapons",
        "weapons",
        r"\bdrones?\b|\bmissiles?\b|\bweapons?\b|\bShahed\b|\bartillery shells?\b|\bmunitions?\b|\bwarheads?\b"
        r"|\bfactor(y|ies)\b|\bplant\b|\barms\b|\bnuclear (weapons?|programs?|programmes?|tests?|arsenal|warheads?)\b"
        r"|\bproduc(e|es|ing|tion)\b|\bbomb\b",
        ("drone", "missile", "weapon", "shahed", "shell", "munition", "warhead", "factor", "plant", "arms", "nuclear",
         "produc", "bomb"),
    ),
    # Deployment is people being moved or put to work abroad: cue the movement or the involvement, not the
    # bare nouns ("Russian soldiers tunneled", "30,000 troops an hour"), which every combat sentence has.
    _rule(
        "deployment",
        "deployment",
        r"\bsend(s|ing)?\b|\bsent\b|\bdeploy\w*|\bdispatch\w*|\btravel(l?ed|l?ing|s)?\b|\barriv\w*"
        r"|\bheading (to|for)\b|\bdestinations?\b|\bstationed\b|\bbrigades?\b|\bpersonnel\b|\bla(bo|bou)r force\b"
        r"|\bworkforce\b|\bla(bo|bou)rers\b|\binvolve(d|ment)\b",
        ("send", "sent", "deploy", "dispatch", "travel", "arriv", "heading", "destination", "stationed", "brigade",
         "personnel", "labor", "labour", "workforce", "involve"),
    ),
    _rule(
        "reconstruction",
        "reconstruction",
        r"\breconstruct\w*|\brebuild\w*|\brestor\w*|\brepair\w*|\bdemining\b|\bsappers\b",
        ("reconstruct", "rebuild", "restor", "repair", "demining", "sappers"),
    ),
    # "combat drone" names a class of weapon, not fighting.
    _rule(
        "combat",
        "combat",
        r"\bbattles?\b|\bcombat\b(?![- ](drones?|aircraft|vehicles?|systems?)\b)|\boffensive\b|\bassault\b"
        r"|\bfront[ -]?lines?\b|\bstrikes?\b|\bfighting\b|\brepel\w*|\battack\w*|\bcaptur\w*|\bdefenders?\b|\bpositions\b"
        r"|\bbombing\b|\bstrongholds?\b|\bfortified\b|\bfiring (points?|positions?)\b|\bdamaged?\b|\bdestruction\b",
        ("battle", "combat", "offensive", "assault", "front", "strike", "fighting", "repel", "attack", "captur",
         "defender", "positions", "bombing", "stronghold", "fortified", "firing", "damage", "destruction"),
    ),
    # "diplomatic sources" is how a report is sourced, not what it is about.
    _rule(
        "diplomacy",
        "diplomacy",
        r"\balliance\b|\bpact\b|\brelations\b|\bvisit\b|\bsummit\b|\bforeign minister\b|\bthanked\b|\bpraised\b"
        r"|\bsanctions\b|\bdiplomatic\b(?! sources?\b)|\btreaty\b|\bagreement\b|\bbrotherhood\b|\bsupport\b|\bentente\b"
        r"|\bcollaboration\b|\bcooperation\b|\bties\b",
        ("alliance", "pact", "relations", "visit", "summit", "minister", "thanked", "praised", "sanctions",
         "diplomatic", "treaty", "agreement", "brotherhood", "support", "entente", "collaboration", "cooperation",
         "ties"),
    ),
)
"""Every topic a sentence's cues name, in the canonical topic order (model.TOPICS)."""


# Every keyword group, in bit order: certainty rules, historical rules, institution, locator, topics.
_KEY_GROUPS: tuple[tuple[str, ...], ...] = (
    *(rule.keys for rule in CERTAINTY_RULES),
    *(rule.keys for rule in HISTORICAL_RULES),
    _INSTITUTION_KEYS,
    _LOCATOR_KEYS,
    _QUESTION_KEYS,
    *(rule.keys for rule in TOPIC_RULES),
)
_HISTORICAL_BIT = len(CERTAINTY_RULES)
_INSTITUTION_BIT = _HISTORICAL_BIT + len(HISTORICAL_RULES)
_LOCATOR_BIT = _INSTITUTION_BIT + 1
_QUESTION_BIT = _LOCATOR_BIT + 1
_TOPIC_BIT = _QUESTION_BIT + 1
_KEYS_BY_HEAD: dict[str, list[tuple[str, int]]] = {}
for _bit, _keys in enumerate(_KEY_GROUPS):
    for _key in _keys:
        _KEYS_BY_HEAD.setdefault(_key[:2], []).append((_key, 1 << _bit))


@lru_cache(maxsize=4096)
def _topics_cached(sentence: str) -> tuple[str, ...]:
    mask = _mask(sentence)
    return tuple(
        rule.label
        for bit, rule in enumerate(TOPIC_RULES, _TOPIC_BIT)
        if mask & 1 << bit and rule.pattern.search(sentence)
    )


def topics_of(sentence: str) -> tuple[str, ...]:
    """Every topic whose cues occur in the sentence, in the canonical topic order."""
    if _PREFILTER:
        return _topics_cached(sentence)
    return tuple(rule.label for rule in TOPIC_RULES if rule.pattern.search(sentence))


@lru_cache(maxsize=8192)
def _classify_cached(sentence: str, at: int) -> Claim:
    certainty, evidence = certainty_of(sentence, at)
    return Claim(certainty=certainty, topics=topics_of(sentence), evidence=evidence)


def classify(sentence: str, at: int = 0) -> Claim:
    """Label the claim a sentence makes about the mention at offset `at` within it."""
    if _PREFILTER:
        return _classify_cached(sentence, at)
    certainty, evidence = certainty_of(sentence, at)
    return Claim(certainty=certainty, topics=topics_of(sentence), evidence=evidence)


# A phrase that is only a date (a day, a month and day, a weekday): "on April 25", "May 12", "on Thursday", "12 May 2022".
_DATE_PHRASE = lazy_compile(
    r"(?:on\s+|in\s+|late\s+on\s+|early\s+on\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:\s+\d{4})?|\d{1,2}\s+" + _MONTH + r"(?:\s+\d{4})?|\d{4})"
)
# A phrase that carries on the sentence's subject after an appositive: "The village of X, across the river from Y, was
# taken in May 2023" (the subject's own phrase has no verb; its predicate starts the phrase after the appositive).
_PREDICATE = lazy_compile(r"(?:was|were|had|has|have|is|are)\b")


# Phrases that only interrupt a clause between a name and the rest of what the clause says of it (CLAUSE_INTERRUPTIONS).
CLAUSE_INTERRUPTIONS: tuple[tuple[str, LazyPattern], ...] = (
    # a description of the name before: "Kursk, a Russian region, in August 2024", "X, the regional capital, was taken"
    ("appositive", lazy_compile(r"(?:a|an|the|one\s+of|part\s+of|home\s+to)\s+(?!(?:that|which|who)\b)[^,;:]{1,60}", _I)),
    # other names the clause is about too: "X, as well as the Y and Z regions, were attached …", "X, along with three
    # other provinces, in 2022"
    ("addition", lazy_compile(r"(?:as\s+well\s+as|along\s+with|together\s+with|alongside|plus)\s+[^,;:]{1,60}", _I)),
    # an item of a list of names: "A, B, and C regions were …"
    ("list item", lazy_compile(r"(?:(?:and|or)\s+)?(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}(?:\s+(?i:regions?|provinces?"
                             r"|oblasts?|districts?|areas?))?")),
)
"""What may stand, set off by commas, between a name's phrase and the phrase that carries on its clause (see
continued_clause). None may hold a verb of its own: then it is a clause, not an interruption."""
_OWN_VERB = lazy_compile(r"\b(?:is|are|was|were|has|have|had|be|been|will|would|said|says|told|could|may|might)\b", _I)
# How the phrase that carries the clause on opens: its verb or a date ("were attached …", "in August 2024").
_CARRIES_ON = lazy_compile(r"(?:was|were|had|has|have|is|are|in|on|during|last|early|late|back\s+in)\b")


def continued_clause(sentence: str, at: int) -> tuple[int, int] | None:
    """The phrase that carries on the clause of the mention at `at` after phrases that only interrupt it
    (CLAUSE_INTERRUPTIONS): "into Kursk, a Russian region, in August 2024" dates the incursion into Kursk, and
    "Zaporizhzhia, as well as the Luhansk and Kherson regions, were attached … last October" dates the annexation of
    each (README: completed past events = historical). None when the next phrase is no interruption."""
    segments = _get_scan(sentence).segments
    index = next((i for i, (s, e) in enumerate(segments) if s <= at <= e), None)
    if index is None:
        return None
    own = sentence[slice(*segments[index])]
    # (a list's last name needs no interruption: "A, B, and C regions, were attached …")
    interrupted = index > 0 and any(p.fullmatch(own) for _, p in CLAUSE_INTERRUPTIONS)
    i = index + 1
    while i < len(segments):
        s, e = segments[i]
        text = sentence[s:e]
        if _CARRIES_ON.match(text) and (interrupted or i > index + 1):
            return s, e
        if _OWN_VERB.search(text) or not any(p.fullmatch(text) for _, p in CLAUSE_INTERRUPTIONS):
            return None
        i += 1
    return None


def dating_phrases(sentence: str, at: int) -> tuple[tuple[int, int], ...]:
    """Where a date can date the words at `at`: the mention's own comma/dash-delimited phrase, and the sentence's
    opening phrase when it sets the scene ("During the launch on May 31, …"), as the past-date rules read them; for
    the subject of a sentence set off by an appositive, its predicate after that appositive too."""
    scan = _get_scan(sentence)
    segments = scan.segments
    index = next((i for i, (s, e) in enumerate(segments) if s <= at <= e), None)
    own = segments[index] if index is not None else (0, len(sentence))
    first = segments[0]
    phrases: tuple[tuple[int, int], ...] = (own,) if first == own or not _LEADING.match(sentence) else (first, own)
    if index == 0 and len(segments) > 2 and not _LEADING.match(sentence) and _PREDICATE.match(sentence, segments[2][0]):
        phrases += (segments[2],)
    going_on = continued_clause(sentence, at)
    if going_on is not None and going_on not in phrases:
        phrases += (going_on,)
    # a date set off by commas right before the phrase dates it: "In addition, on April 25, X came under fire", "As the
    # agency reported, on Thursday, May 12, troops shelled X"
    i = index if index is not None else 0
    while i > 0 and _DATE_PHRASE.fullmatch(sentence, *segments[i - 1]):
        i -= 1
        if segments[i] not in phrases:
            phrases += (segments[i],)
    return phrases


def own_clause(sentence: str, at: int) -> str:
    """The clause holding offset `at` (clauses as the hedge rules split them: "X is now rubble, as the offensive in Y
    goes on" has two)."""
    scan = _get_scan(sentence)
    start = scan.clause_of(at)
    end = min((b for b in scan.clauses if b > at), default=len(sentence))
    return sentence[start:end]


UNVOUCHED_RULES = ("unvouched source",)
"""The certainty rules whose cue names a source nobody independent vouches for (claims_article carries it on to the
next sentence when that one's speaker is a pronoun)."""


def unvouched_source(sentence: str) -> str | None:
    """The cue of an unvouched source (UNVOUCHED_RULES) anywhere in `sentence`, or None."""
    for rule in CERTAINTY_RULES:
        if rule.name in UNVOUCHED_RULES:
            m = rule.pattern.search(sentence)
            if m and not (rule.unless is not None and rule.unless.search(sentence)):
                return m.group(0)
    return None


FIRST_HAND_RULES = ("own imagery",)
"""The certainty rules whose cue can say the authors studied the place themselves."""
_AUTHORED = lazy_compile(r"\b(reviewed|collected|geolocated|observed|identified|counted|we)\b", _I)
"""Of those cues, the ones that name the authors' own work ("Beyond Parallel reviewed satellite imagery", "imagery
collected on 4 May", "we geolocated"): a bare "satellite photos show" may be anyone's photos."""
_PLAIN = ("stated as fact", "scene-setting opening phrase, stated as fact")
PLAIN_EVIDENCE = frozenset(_PLAIN)
"""The evidence of a label no cue decided: the sentence states it plainly (article-wide rules may change only these)."""


def first_hand_in_article(site_claims: Sequence[tuple[Hashable, Claim]]) -> list[Claim]:
    """One article's mention claims, (place, claim) in text order, after the article-wide first-hand rule (a place is
    a site id, or whatever key makes mentions of one place equal: claims_article passes the point a site is mapped at).

    Once the authors' own imagery analysis shows a site ("Satellite imagery collected in May shows new pads at X",
    "we reviewed imagery of X"), what the same article states plainly about that site comes from that analysis
    too: the headline "New construction at X" and "Work continues at X" are the authors' own findings, so they are
    confirmed. Only plain statements change: a hedge, a claim, a past date or a reference point named elsewhere
    keeps its label. (A reporters' visit is spread only to what the article says the place is now: see
    claims_article.)"""
    seen: dict[Hashable, str] = {}
    for site_id, claim in site_claims:
        rule, _, cue = claim.evidence.partition(":")
        if claim.certainty == "confirmed" and rule in FIRST_HAND_RULES and _AUTHORED.search(cue):
            seen.setdefault(site_id, claim.evidence)
    if not seen:
        return [claim for _, claim in site_claims]
    return [
        Claim("confirmed", claim.topics, f"seen first-hand elsewhere in the article ({seen[site_id]})", claim.source)
        if site_id in seen and claim.certainty == "reported" and claim.evidence in _PLAIN
        else claim
        for site_id, claim in site_claims
    ]
