"""The claim rules on the failure classes found on real articles (mapviewer/core/claims.py).

Most sentences are quoted from an article in assets/articles/ or tests/ingest_eval/ (the sentences marked
"invented" were written for the test); every expected label is what a careful reader gives the named place,
by the conventions of tests/geoparse_eval/README.md, which govern every label set since the relabelling of
2026-12-03 (tests/golden/RELABEL-2026-12-03.md): a statement, the outlet's or a party's, is "reported", a name
that only locates or labels something else is "context", and so is a capital standing for its government.
The last tests check the keyword prefilter and caches change no label.
"""

from __future__ import annotations

import re
from pathlib import Path

from mapviewer import paths
from mapviewer.core import claims
from mapviewer.core.claims import certainty_of, classify

EVAL = Path(__file__).parents[1] / "ingest_eval"


def label(sentence: str, surface: str, nth: int = 0) -> str:
    """The rules' certainty for the `nth` occurrence of `surface` in `sentence`."""
    starts = [m.start() for m in re.finditer(re.escape(surface), sentence)]
    return classify(sentence, starts[nth]).certainty


# The month May is not the modal "may".

TASS_LAUNCH = (
    "During the first lunch on May 31, the Chollima-1 carrier rocket with the Malligyeong-1 reconnaissance "
    "satellite crashed into the Yellow Sea after an abnormal starting of the second-stage engine."
)


def test_may_31_is_a_date_not_a_hedge():
    assert label(TASS_LAUNCH, "Yellow Sea") == "reported"


def test_the_modal_may_still_hedges():
    sentence = "“That is why we are leaning towards the version that this may be a missile which was supplied by North Korea."
    assert certainty_of(sentence, 0)[0] == "speculative"


# A modal inside a reported question asks; it does not hedge.

FASTCO_ASKED = (
    "When reporters asked if Moscow would support Pyongyang’s satellite program, Putin said, "
    "“This is why we are visiting here."
)
FASTCO_TOUR = (
    "During the tour, Kim reportedly took immense interest in Moscow’s rocket program, asking for details about "
    "the size of rockets that could launch from Vostochny, which is intended to provide redundancy for Russia’s "
    "launch range at Baikonur in Kazakhstan."
)


def test_would_in_a_reported_question_is_not_conditional():
    # the two capitals stand for their governments (README: metonymy is context, whatever the modal)
    assert label(FASTCO_ASKED, "Moscow") == "context"
    assert label(FASTCO_ASKED, "Pyongyang") == "context"
    invented = "When reporters asked if the depot at Kansk would reopen, the governor said work had begun."
    assert label(invented, "Kansk") == "reported"


def test_could_in_a_reported_question_is_not_a_hedge():
    assert label(FASTCO_TOUR, "Moscow") == "context"  # "Moscow’s rocket program": the state's
    assert label(FASTCO_TOUR, "Vostochny") == "reported"


def test_could_outside_a_question_still_hedges():
    sentence = (
        "For Russia: With much of its own defense production strained by sanctions and Ukraine’s counteroffensives, "
        "Moscow could offload blacksite manufacturing to its isolated ally tapping into cheap labor and shared "
        "hostility toward the West."
    )
    assert label(sentence, "Moscow") == "context"  # the Russian state: metonymy decides before the hedge
    invented = "With its own plants strained, the factory at Izhevsk could move production east."
    assert label(invented, "Izhevsk") == "speculative"


# A hedge is scoped to its clause; a cue in the mention's own phrase decides.

NYT_WARNED = (
    "The United States warned on Monday that North Korean soldiers were moving toward Russia’s western Kursk region, "
    "which Ukraine invaded in August, as Ukrainian forces braced for what they said could be imminent assaults "
    "involving the new troops."
)
KYODO_FIRST_TIME = (
    "It is the first time Kyiv has confirmed the use of North Korean missiles since Russia launched its full-scale "
    "invasion of Ukraine in February 2022, in the latest sign that Moscow's weapons stocks are running short."
)


def test_could_in_a_later_clause_does_not_hedge_the_main_clause():
    assert label(NYT_WARNED, "Kursk region") == "reported"


def test_would_in_its_own_clause_still_hedges():
    sentence = (
        "It would allow Pyongyang to mass-produce ballistic missiles without fear of Western intervention possibly "
        "supplying them to Russia, Iran, or non-state actors."
    )
    assert label(sentence, "Pyongyang") == "context"  # the North Korean state
    assert label("It would allow the yard at Sinpo to build two hulls at once.", "Sinpo") == "speculative"  # invented


def test_a_cue_in_the_mentions_own_phrase_decides():
    # both capitals stand for their governments; a third party's "confirmed" is its statement (README)
    assert label(KYODO_FIRST_TIME, "Kyiv") == "context"
    assert label(KYODO_FIRST_TIME, "Moscow") == "context"
    invented = (
        "Officials confirmed the strike on Kherson, in what could be the latest sign that the depot at Izium is "
        "running low."
    )
    assert label(invented, "Kherson") == "reported"
    assert label(invented, "Izium") == "speculative"


# A name inside an institution's name or an official's title labels the institution.


def test_oblast_police_and_prosecutors_office_are_institutions():
    police = (
        "Two of the five missiles Russia launched at Kharkiv early on Feb. 7 were made in North Korea, said Serhii "
        "Bolvinov, the head of the investigative department of the Kharkiv Oblast police."
    )
    assert label(police, "Kharkiv") == "reported"
    assert label(police, "Kharkiv Oblast") == "context"
    office = (
        "The Kharkiv Oblast Prosecutor’s Office reported earlier the same day that Russian troops used S-300 "
        "Soviet-era missiles to carry out the strike, according to preliminary data."
    )
    assert label(office, "Kharkiv Oblast") == "context"


def test_region_prosecutors_office_and_regional_police_chief_are_institutions():
    reuters = (
        "The Kharkiv region prosecutor’s office provided further evidence on Saturday that Russia attacked Ukraine "
        "with missiles supplied by North Korea, showcasing the fragments."
    )
    assert label(reuters, "Kharkiv") == "context"
    euromaidan = (
        "On 7 February, Russia used North Korean missiles to strike the Ukrainian city of Kharkiv, according to a "
        "Kharkiv regional police chief Serhiy Bolvinov."
    )
    assert label(euromaidan, "Kharkiv", 0) == "reported"
    assert label(euromaidan, "Kharkiv", 1) == "context"


# "would" in reported speech is a past "will"; a hope is not a fact; an accusation is an allegation.

SHOIGU_REBUILD = (
    "He told a news conference that North Korea would soon start rebuilding Kursk after Moscow — helped by "
    "thousands of North Korean troops — expelled Ukrainian forces from there earlier this year after they staged a "
    "surprise incursion in August 2024."
)


def test_would_in_reported_speech_is_not_conditional():
    assert label(SHOIGU_REBUILD, "Kursk") == "reported"
    assert label(SHOIGU_REBUILD, "Moscow") == "context"  # "after Moscow ... expelled Ukrainian forces": the state


def test_a_hope_is_speculative():
    sentence = "He said he hoped direct flights between Moscow and Pyongyang would also restart for the first time in more than 30 years."
    assert label(sentence, "Moscow") == "speculative"
    assert label(sentence, "Pyongyang") == "speculative"


def test_an_accusation_nobody_acknowledged_is_an_allegation():
    sentence = (
        "Shoigu’s visit was likely to be scrutinised in the West as the United States, South Korea and Ukraine itself "
        "have accused North Korea of providing Russia with massive military assistance to keep its war against "
        "Ukraine going, something neither Moscow nor Pyongyang has publicly acknowledged."
    )
    assert label(sentence, "Moscow") == "context"  # the accused governments, not the cities
    assert label(sentence, "Pyongyang") == "context"
    invented = "Ukraine has accused the plant in Yelabuga of assembling drones, something its owners have not acknowledged."
    assert label(invented, "Yelabuga") == "alleged"


# Belief verbs and "unclear" hedge their own clause.


def test_it_appears_in_a_second_clause_does_not_hedge_the_first():
    sentence = (
        "A railway bridge connects Rason in North Korea with Khasan in Russia, and it appears this has been used to "
        "transport large quantities of North Korean weapons and ammunition for the Ukraine war since around "
        "November 2022."
    )
    assert label(sentence, "Rason") == "reported"
    assert label(sentence, "Khasan") == "reported"


def test_appears_in_the_mentions_own_clause_hedges_it():
    sentence = (
        "\"Once a North Korean experiment in limited capitalism, the Rason Special Economic Zone appears to be the "
        "epicentre of the isolated country's growing cooperation with Russia, experts say, including possible "
        "shipments of arms for the war in Ukraine,\" the news agency writes."
    )
    assert label(sentence, "Rason") == "speculative"


def test_unclear_is_a_hedge():
    sentence = "It is unclear how exactly North Korean troops will support Russia’s counterattack in the Kursk region."
    assert label(sentence, "Kursk region") == "speculative"


# Datelines and locators.


def test_datelines_are_context():
    assert label("TOKYO, September 14.", "TOKYO") == "context"
    reuters = (
        "KHARKIV, Ukraine (Reuters) – The Kharkiv region prosecutor’s office provided further evidence on Saturday "
        "that Russia attacked Ukraine with missiles supplied by North Korea, showcasing the fragments."
    )
    assert label(reuters, "KHARKIV") == "context"
    dpa = (
        "Seoul, 19 June 2024 (dpa/MIA) - Russian President Vladimir Putin has signed a new comprehensive strategic "
        "partnership agreement with North Korean leader Kim Jong Un during his state visit to North Korea, Russian "
        "state media reported on Wednesday."
    )
    assert label(dpa, "Seoul") == "context"
    assert label("Kyiv, Ukraine CNN —", "Kyiv") == "context"


def test_a_sentence_opening_with_a_place_is_not_a_dateline():
    sentence = (
        "Pyongyang has reportedly provided Moscow with at least 1 million shells, as well as short-range ballistic "
        "missiles and other weaponry."
    )
    assert label(sentence, "Pyongyang") == "context"
    assert certainty_of(sentence, 0)[1] == "capital as a political actor"  # the government, not a dateline


def test_where_a_photo_was_taken_is_context_but_what_it_shows_is_not():
    sentence = (
        "Photo taken in Kyiv on Jan. 11, 2024, shows debris from a missile used in a Jan. 2 strike on the eastern "
        "Ukraine city of Kharkiv amid the war with Russia."
    )
    assert label(sentence, "Kyiv") == "context"
    assert label(sentence, "Kharkiv") == "reported"


def test_where_a_site_is_located_and_distance_reference_points_are_context():
    sentence = "It is located in Nyongbyon County in North Pyongan Province, about 100 km north of Pyongyang."
    assert label(sentence, "Nyongbyon County") == "context"
    assert label(sentence, "North Pyongan Province") == "context"
    assert label(sentence, "Pyongyang") == "context"


def test_a_possessive_officials_title_is_context_but_a_trip_to_the_capital_is_not():
    sentence = (
        "North Korea will send military builders and sappers to help restore Russia’s western Kursk region after "
        "Ukraine’s incursion, Russian news agencies cited Moscow’s security chief as saying on Tuesday on a trip to "
        "Pyongyang."
    )
    assert label(sentence, "Moscow") == "context"
    assert label(sentence, "Kursk region") == "reported"
    assert label(sentence, "Pyongyang") == "reported"
    kyodo = (
        "Ukraine has identified missiles that were fired into its eastern region by Russia earlier this month as "
        "North Korean-made, a Ukrainian official said Thursday, providing evidence of Pyongyang's military support "
        "for Moscow."
    )
    assert label(kyodo, "Pyongyang") == "context"  # "Pyongyang's military support": the state's (README metonymy)


def test_where_an_institution_sits_is_context():
    sentence = (
        "John Kirby, the national security spokesman of the White House in Washington, said last Thursday that, "
        "according to the United States, North Korea has supplied Russia with ballistic missiles and launchers, "
        "which the Russian military has already deployed against Ukraine."
    )
    assert label(sentence, "Washington") == "context"


def test_the_actor_of_a_sentence_is_not_a_locator():
    sentence = (
        "Pyongyang has repeatedly offered to dismantle the site, which sits about 60 miles north of the capital city, "
        "during its denuclearization negotiations with the United States."
    )
    assert label(sentence, "Pyongyang") == "context"
    assert certainty_of(sentence, 0)[1] == "capital as a political actor"  # the government, not a locator


# The keyword prefilter and the caches are an optimisation only: same labels, same evidence.


def _generated_texts(tmp: Path) -> list[str]:
    from generate import generate

    out = generate(tmp / "ws", 300, 60, seed=3)
    return [p.read_text(encoding="utf-8") for p in sorted((out / "articles").glob("*.txt"))]


def _sentences(texts: list[str]) -> list[str]:
    from mapviewer.core.sentences import sentence_spans

    found = []
    for text in texts:
        for para in re.split(r"\n\s*\n", text):
            found += [para[s:e] for s, e in sentence_spans(para)]
    return found


# Characters re.IGNORECASE folds onto ASCII letters (İ ı ſ K): the prefilter must see through them.
FOLDED = [
    "Officials CLAİMED that troops were sent to Kursk.",
    "Satellite data ſuggest new excavation near Kusong.",
    "The report was unveriﬁed but Kyiv said the strıke hit.",
    "Analysts bel\u0130eve the K\u212aorean War tunnels near Kaesong could be reused.",
]


def test_prefilter_and_caches_change_no_label(tmp_path: Path):
    texts = [p.read_text(encoding="utf-8") for p in sorted(paths.BUNDLED_ARTICLES.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(EVAL.iterdir()) if p.name != "labels.json"]
    texts += _generated_texts(tmp_path)
    sentences = _sentences(texts) + FOLDED
    # Every word start of every sentence, so every phrase, clause and locator branch is exercised.
    cases = [(s, m.start()) for s in sentences for m in re.finditer(r"\b\w", s)]
    assert len(cases) > 20_000
    claims._prefilter(True)
    fast = [classify(s, at) for s, at in cases]
    again = [classify(s, at) for s, at in cases]  # served from the caches
    claims._prefilter(False)
    try:
        slow = [classify(s, at) for s, at in cases]
    finally:
        claims._prefilter(True)
    assert fast == slow
    assert again == slow
    # Not vacuous: the cases cover every certainty and every topic.
    assert {c.certainty for c in slow} == {"confirmed", "reported", "alleged", "speculative", "historical", "context"}
    assert {t for c in slow for t in c.topics} == {rule.label for rule in claims.TOPIC_RULES}


def test_prefilter_sees_through_ignorecase_folding():
    claims._prefilter(True)
    fast = [classify(s, 0) for s in FOLDED]
    claims._prefilter(False)
    try:
        slow = [classify(s, 0) for s in FOLDED]
    finally:
        claims._prefilter(True)
    assert fast == slow
    assert slow[0].certainty == "alleged"  # re.IGNORECASE reads "CLAİMED" as "claimed"


def test_prefilter_skips_rules_whose_keywords_are_absent():
    mask = claims._mask("Heavy fighting was reported on the outskirts of Kursk.")
    certainty_bits = (1 << len(claims.CERTAINTY_RULES)) - 1
    assert mask & certainty_bits == 0
    assert claims._mask("Officials confirmed the strike.") & certainty_bits != 0


def test_rules_are_named_and_topics_follow_the_model_order():
    """The rule tables are the single place a rule's label, pattern and keywords live: names are unique per
    table, labels are real certainties/topics, and topics come out in the model's canonical order."""
    from mapviewer.core.model import CERTAINTIES, TOPICS

    for table in (claims.CERTAINTY_RULES, claims.HISTORICAL_RULES, claims.TOPIC_RULES):
        names = [rule.name for rule in table]
        assert len(names) == len(set(names))
        assert all(rule.keys for rule in table)
    assert {rule.label for rule in claims.CERTAINTY_RULES + claims.HISTORICAL_RULES} <= set(CERTAINTIES)
    topics = [rule.label for rule in claims.TOPIC_RULES]
    assert topics == [t for t in TOPICS if t in topics]
    assert [rule.name for rule in claims.CERTAINTY_RULES if rule.hedge] == [
        "hedge",
        "evidence suggests",
        "belief or suggestion",
        "conditional",
        "condition",
    ]
