"""Claim labels: how certain a sentence is about what it says, and what it is about.

The rules are deliberately transparent: past-event cues in the mention's own phrase, then
scene-setting and trailing phrases, then an ordered list of sentence-wide cues, first match wins, and the matching cue is kept as evidence so the user can see why a label was given (and
override it). Agreement with hand labels is measured in tests/test_claims_golden.py.
"""

from __future__ import annotations

import re

from mapviewer.core.model import Claim

_I = re.IGNORECASE

# Sentence-wide cues, in order: a sentence that says "no official confirmation" is not confirmed; an
# allegation hedged with "may" is still an allegation; an unhedged statement of fact is "reported".
CERTAINTY_RULES: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (certainty, why, re.compile(pattern, _I))
    for certainty, why, pattern in (
        ("alleged", "allegation", r"\ballege(d|dly|s)?\b|\ballegations?\b"),
        ("alleged", "claim", r"\bclaims?\b(?! to fame)|\bclaimed\b"),
        ("alleged", "unverified", r"\bunverified\b|\bnot (been )?(officially )?(verified|acknowledged)\b"),
        ("alleged", "defector testimony", r"\bdefectors?\b"),
        ("speculative", "no confirmation", r"\bno (official )?confirmation\b|absence of (direct )?confirmation"),
        ("confirmed", "confirmation", r"\bconfirm(ed|s)\b"),
        ("speculative", "hedge", r"\b(could|might|may|possibly|potentially|perhaps|likely)\b"),
        ("speculative", "belief or suggestion", r"\b(believed?|suggests?|suggesting|hints?|hinted|speculat\w*|appears?|if verified|expected to)\b"),
        ("speculative", "conditional", r"\bwould\b"),
    )
)

# Past-event cues count in the mention's own phrase or in an opening phrase ("In the late 1960s, …"):
# "his first visit since 2000" dates the visit, not the whole sentence.
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
HISTORICAL_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (why, re.compile(pattern, _I))
    for why, pattern in (
        ("past date", rf"\b(in|by|during|until|between|late|early|{_MONTH}( \d{{1,2}},)?) (the )?(1[89]\d\d|200\d|201[0-3])s?\b"),
        ("historical event", r"\bKorean War\b|\bArmistice\b|\bSoviet\b|\bTsarist\b|\bWorld War\b|\blast fall\b"),
    )
)

# A phrase that opens the sentence ("Following a visit to Pyongyang, …") sets the scene, and a
# trailing appositive (", a term Moscow has used") names in passing: neither inherits the main claim.
_LEADING = re.compile(r"^(although|though|while|following|after|before|below|beneath|near|on|in|at|since|during|between|over|tunnel\w*|from|with)\b", _I)
_TRAILING = re.compile(r"^(a|an|near|close to|not far from)\b", _I)
_SEGMENTS = re.compile(r",[’”'\"]?\s+|\s*[—–;:]\s*|\s+-\s+")


def _segment(sentence: str, at: int) -> tuple[str, int, int]:
    """The comma/dash-delimited phrase around offset `at`, its index and the number of phrases."""
    bounds = [0]
    for m in _SEGMENTS.finditer(sentence):
        bounds += [m.start(), m.end()]
    bounds.append(len(sentence))
    pieces = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    for i, (s, e) in enumerate(pieces):
        if s <= at <= e:
            return sentence[s:e], i, len(pieces)
    return sentence, 0, 1


def certainty_of(sentence: str, at: int = 0) -> tuple[str, str]:
    """The certainty of what a sentence says at offset `at` (a mention), and the cue that decided it."""
    phrase, index, count = _segment(sentence, at)
    for why, pattern in HISTORICAL_RULES:
        m = pattern.search(phrase)
        if m is None and _LEADING.match(sentence):
            m = pattern.search(sentence, 0, 40)  # a dated opening: "On September 16, 1979, …"
        if m:
            return "historical", f"{why}: “{m.group(0)}”"
    phrase_cue = any(p.search(phrase) for _, _, p in CERTAINTY_RULES)
    if count > 1 and not phrase_cue:
        if index == 0 and _LEADING.match(phrase):
            return "reported", "scene-setting opening phrase, stated as fact"
        if index == count - 1 and _TRAILING.match(phrase):
            return "context", "named in passing (trailing phrase)"
    for certainty, why, pattern in CERTAINTY_RULES:
        m = pattern.search(sentence)
        if m:
            return certainty, f"{why}: “{m.group(0)}”"
    return "reported", "stated as fact"


TOPIC_RULES: dict[str, re.Pattern[str]] = {
    topic: re.compile(pattern, _I)
    for topic, pattern in {
        # Facilities below ground, or hidden ones: excavation at a military site is read as building one.
        "underground": r"\bunderground\b|\bbunkers?\b|\bUGFs?\b|\bsilos?\b|\bcaves?\b|\bshelters?\b"
        r"|beneath the surface|below (the )?(ground|surface)|\bexcavat\w*"
        r"|\bblack ?sites?\b|\bhidden (factor|facilit|plant|site)\w*",
        "tunnelling": r"\btunnel\w*|\bdig(s|ging)?\b|\bdug\b|\bdrilling\b|\bmining\b",
        # "nuclear" alone also qualifies people ("nuclear experience"); a nuclear programme or weapon is the topic.
        "weapons": r"\bdrones?\b|\bmissiles?\b|\bweapons?\b|\bShahed\b|\bartillery shells?\b|\bmunitions?\b|\bwarheads?\b"
        r"|\bfactor(y|ies)\b|\bplant\b|\barms\b|\bnuclear (weapons?|programs?|programmes?|tests?|arsenal|warheads?)\b"
        r"|\bproduc(e|es|ing|tion)\b|\bbomb\b",
        # Deployment is people being moved or put to work abroad: cue the movement or the involvement, not the
        # bare nouns ("Russian soldiers tunneled", "30,000 troops an hour"), which every combat sentence has.
        "deployment": r"\bsend(s|ing)?\b|\bsent\b|\bdeploy\w*|\bdispatch\w*|\btravel(l?ed|l?ing|s)?\b|\barriv\w*"
        r"|\bheading (to|for)\b|\bdestinations?\b|\bstationed\b|\bbrigades?\b|\bpersonnel\b|\bla(bo|bou)r force\b"
        r"|\bworkforce\b|\bla(bo|bou)rers\b|\binvolve(d|ment)\b",
        "reconstruction": r"\breconstruct\w*|\brebuild\w*|\brestor\w*|\brepair\w*|\bdemining\b|\bsappers\b",
        # "combat drone" names a class of weapon, not fighting.
        "combat": r"\bbattles?\b|\bcombat\b(?![- ](drones?|aircraft|vehicles?|systems?)\b)|\boffensive\b|\bassault\b"
        r"|\bfront[ -]?lines?\b|\bstrikes?\b|\bfighting\b|\brepel\w*|\battack\w*|\bcaptur\w*|\bdefenders?\b|\bpositions\b"
        r"|\bbombing\b|\bstrongholds?\b|\bfortified\b|\bfiring (points?|positions?)\b|\bdamaged?\b|\bdestruction\b",
        # "diplomatic sources" is how a report is sourced, not what it is about.
        "diplomacy": r"\balliance\b|\bpact\b|\brelations\b|\bvisit\b|\bsummit\b|\bforeign minister\b|\bthanked\b|\bpraised\b"
        r"|\bsanctions\b|\bdiplomatic\b(?! sources?\b)|\btreaty\b|\bagreement\b|\bbrotherhood\b|\bsupport\b|\bentente\b"
        r"|\bcollaboration\b|\bcooperation\b|\bties\b",
    }.items()
}


def topics_of(sentence: str) -> tuple[str, ...]:
    """Every topic whose cues occur in the sentence, in the canonical topic order."""
    return tuple(topic for topic, pattern in TOPIC_RULES.items() if pattern.search(sentence))


def classify(sentence: str, at: int = 0) -> Claim:
    """Label the claim a sentence makes about the mention at offset `at` within it."""
    certainty, evidence = certainty_of(sentence, at)
    return Claim(certainty=certainty, topics=topics_of(sentence), evidence=evidence)
