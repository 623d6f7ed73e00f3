"""The article-wide claim rules (mapviewer/core/claims_article.py, applied by Workspace loading): a source carried
on by a pronoun, a statement dated before the article, a place seen first-hand elsewhere in the article.

Every sentence is invented for the test; the labels follow tests/geoparse_eval/README.md (what nobody independent
vouches for is "alleged", completed past events are "historical", the authors' own imagery or visit is "confirmed").
"""

from __future__ import annotations

from mapviewer.core.claims import classify
from mapviewer.core.claims_article import ARTICLE_RULES, ArticleFacts, Passage, article_claims
from mapviewer.core.model import Mention, Site
from mapviewer.core.workspace import _article_rules_per_article


def article(*sentences: tuple[str, str, str], date: str | None = None) -> tuple[list[Passage], ArticleFacts]:
    """(place, sentence, surface) in text order -> the passages of one article and its facts (the sentences joined
    by blank lines, so each is its own paragraph)."""
    text, passages = "", []
    for place, sentence, surface in sentences:
        if text:
            text += "\n\n"
        at = sentence.index(surface)
        passages.append(Passage(place, classify(sentence, at), sentence, at, len(text)))
        text += sentence
    return passages, ArticleFacts(date, text)


def certainties(passages: list[Passage], facts: ArticleFacts) -> list[str]:
    return [c.certainty for c in article_claims(passages, facts)]


def test_the_rules_are_named_and_ordered():
    assert [r.name for r in ARTICLE_RULES] == [
        "source carried on",
        "dated before the article",
        "seen first-hand elsewhere in the article",
    ]


# A source carried on.


def test_a_pronoun_speaking_right_after_an_unvouched_source_is_that_source():
    passages, facts = article(
        ("kozachka", "Pro-war bloggers wrote that marines had reached Kozachka.", "Kozachka"),
        ("kozachka", "They said the fight for Kozachka took three days.", "Kozachka"),
    )
    assert certainties(passages, facts) == ["alleged", "alleged"]
    assert article_claims(passages, facts)[1].evidence.startswith("source carried on from the sentence before")


def test_a_pronoun_at_the_end_of_a_quote_counts_too():
    passages, facts = article(
        ("lyman", "A Moscow-installed official spoke of gains near the river.", "river"),
        ("lyman", "“Our men are already in Lyman,” he added.", "Lyman"),
    )
    assert certainties(passages, facts)[1] == "alleged"


def test_a_pronoun_after_a_vouched_source_or_a_later_sentence_is_not_carried_on():
    passages, facts = article(
        ("kozachka", "The army's spokesman said marines had reached Kozachka.", "Kozachka"),
        ("kozachka", "He said the fight for Kozachka took three days.", "Kozachka"),
    )
    assert certainties(passages, facts) == ["reported", "reported"]
    passages, facts = article(
        ("kozachka", "Pro-war bloggers wrote that marines had reached Kozachka.", "Kozachka"),
        ("kozachka", "The governor visited a school in the city.", "city"),
        ("kozachka", "He said the fight for Kozachka took three days.", "Kozachka"),
    )
    assert certainties(passages, facts)[2] == "reported"


# Dated before the article.


def test_a_statement_dated_a_season_before_the_article_is_historical():
    s = "During the first trial on June 2, the prototype crashed into Lake Ilmen."
    passages, facts = article(("ilmen", s, "Lake Ilmen"), date="2023-09-20")
    assert certainties(passages, facts) == ["historical"]
    assert article_claims(passages, facts)[0].evidence == "dated before the article: “June 2”"
    # a fortnight back is news, and an undated article says nothing of the gap
    passages, facts = article(("ilmen", s, "Lake Ilmen"), date="2023-06-16")
    assert certainties(passages, facts) == ["reported"]
    passages, facts = article(("ilmen", s, "Lake Ilmen"))
    assert certainties(passages, facts) == ["reported"]
    # a day without its year that would fall after the article's date is not read as last year's
    s = "Talks on the Lake Ilmen dam are set for November 20."
    passages, facts = article(("ilmen", s, "Lake Ilmen"), date="2024-03-01")
    assert certainties(passages, facts) == ["reported"]


def test_a_date_that_starts_a_lasting_state_or_dates_another_phrase_is_not_a_past_event():
    s = "Trains have run to Lake Ilmen since June 2."
    passages, facts = article(("ilmen", s, "Lake Ilmen"), date="2023-12-01")
    assert certainties(passages, facts) == ["reported"]
    s = "Barges now sail to Lake Ilmen, a route first tried on June 2."
    passages, facts = article(("ilmen", s, "Lake Ilmen"), date="2023-12-01")
    assert certainties(passages, facts) == ["reported"]


def test_a_photo_caption_dated_before_the_article_is_historical():
    s = "Officials inspect the new quay at Rajin, March 3, 2024."
    passages, facts = article(("rajin", s, "Rajin"), date="2024-04")
    assert certainties(passages, facts) == ["historical"]
    assert article_claims(passages, facts)[0].evidence == "dated photo caption: “March 3, 2024”"
    passages, facts = article(("rajin", s, "Rajin"), date="2024-03-03")
    assert certainties(passages, facts) == ["reported"]


def test_a_hedged_statement_keeps_its_label_whatever_its_date():
    s = "During the trial on June 2, the prototype may have crashed into Lake Ilmen."
    passages, facts = article(("ilmen", s, "Lake Ilmen"), date="2023-12-01")
    assert certainties(passages, facts) == ["speculative"]


# Seen first-hand elsewhere in the article.

OWN = "We reviewed imagery of the Orang Rail Yard taken on 4 May."
HEADLINE = "Traffic Grows at Orang Railroad Yard"


def test_the_authors_imagery_of_a_place_vouches_for_its_other_names_at_the_same_point():
    passages, facts = article((("42.1", "129.5"), HEADLINE, "Orang Railroad Yard"), (("42.1", "129.5"), OWN, "Orang Rail Yard"))
    assert certainties(passages, facts) == ["confirmed", "confirmed"]
    passages, facts = article(("yard-a", HEADLINE, "Orang Railroad Yard"), ("yard-b", OWN, "Orang Rail Yard"))
    assert certainties(passages, facts) == ["reported", "confirmed"]


def _site(site_id: str, lat: float) -> Site:
    return Site(site_id, site_id, (), "site", "KP", "exact", "test", 129.5, lat)


def test_loading_takes_a_place_as_the_point_its_site_is_mapped_at():
    text = f"{HEADLINE}\n\n{OWN}"

    def mentions() -> list[Mention]:
        out = []
        for i, (sentence, surface, site) in enumerate([(HEADLINE, "Orang Railroad Yard", "yard-a"), (OWN, "Orang Rail Yard", "yard-b")]):
            lead = sentence.index(surface)
            start = text.index(sentence) + lead
            tail = len(sentence) - lead - len(surface)
            out.append(Mention(f"m{i}", "a1", i, start, surface, site, lead, tail, text, classify(sentence, lead)))
        return out

    same_point = mentions()
    _article_rules_per_article(same_point, {}, (), [_site("yard-a", 42.1), _site("yard-b", 42.1)])
    assert [m.claim.certainty for m in same_point] == ["confirmed", "confirmed"]
    elsewhere = mentions()  # another point is another place
    _article_rules_per_article(elsewhere, {}, (), [_site("yard-a", 42.1), _site("yard-b", 42.3)])
    assert [m.claim.certainty for m in elsewhere] == ["reported", "confirmed"]


VISIT = "Reporters entered Kozachka on an army tour last week."


def test_the_reporters_visit_vouches_for_what_the_place_is_now_not_for_its_history():
    passages, facts = article(
        ("kozachka", "Much of Kozachka is now rubble, as the offensive in the Kupiansk district goes on.", "Kozachka"),
        ("kupiansk-district", "Much of Kozachka is now rubble, as the offensive in the Kupiansk district goes on.", "Kupiansk district"),
        ("kozachka", VISIT, "Kozachka"),
        ("kozachka", "In April, the army told Kozachka's residents to leave.", "Kozachka"),
        ("kupiansk-district", VISIT.replace("Kozachka", "the Kupiansk district"), "Kupiansk district"),
    )
    assert certainties(passages, facts) == ["confirmed", "reported", "confirmed", "reported", "confirmed"]
    assert article_claims(passages, facts)[0].evidence.startswith("seen on the reporters' visit told elsewhere")
