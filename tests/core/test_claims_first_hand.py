"""The article-wide first-hand rule (claims.first_hand_in_article, applied by Workspace loading): a site the
authors' own imagery analysis shows is confirmed wherever the same article states plainly about it.

Every sentence is invented for the test; the labels follow tests/geoparse_eval/README.md ("seen in the
authors' own imagery or geolocation = confirmed")."""

from __future__ import annotations

from mapviewer.core.claims import classify, first_hand_in_article
from mapviewer.core.model import Mention
from mapviewer.core.workspace import _article_rules_per_article

OWN = "Satellite imagery collected on 2 May shows three new hangars at Orang Airbase."
HEADLINE = "New Hangars Rise at Orang Airbase"
PLAIN = "Work at Orang Airbase continues through the summer."
HEDGED = "The hangars at Orang Airbase may house drones."
OTHER = "Trucks also queued at Kilju."
BARE = "Satellite photos show new hangars at Orang Airbase."


def claims_of(*pairs: tuple[str, str, str]) -> list:
    """(site id, sentence, surface) -> (site id, the rules' sentence-level claim)."""
    return [(site, classify(sentence, sentence.index(surface))) for site, sentence, surface in pairs]


def test_plain_statements_about_a_site_the_authors_imaged_are_confirmed():
    labelled = claims_of(
        ("orang", HEADLINE, "Orang Airbase"), ("orang", OWN, "Orang Airbase"), ("orang", PLAIN, "Orang Airbase")
    )
    assert [c.certainty for _, c in labelled] == ["reported", "confirmed", "reported"]
    out = first_hand_in_article(labelled)
    assert [c.certainty for c in out] == ["confirmed", "confirmed", "confirmed"]
    assert out[0].evidence.startswith("seen first-hand elsewhere in the article (own imagery")


def test_a_hedge_and_another_site_keep_their_labels():
    labelled = claims_of(("orang", OWN, "Orang Airbase"), ("orang", HEDGED, "Orang Airbase"), ("kilju", OTHER, "Kilju"))
    out = first_hand_in_article(labelled)
    assert [c.certainty for c in out] == ["confirmed", "speculative", "reported"]


def test_photos_not_said_to_be_the_authors_own_spread_nothing():
    # (nor are they confirmed themselves: "satellite photos show" says nothing of whose photos they are, README:
    # confirmed is "seen in the authors' own imagery"; branch certainty-gen, which measured it on the dev halves)
    labelled = claims_of(("orang", BARE, "Orang Airbase"), ("orang", PLAIN, "Orang Airbase"))
    assert labelled[0][1].certainty == "reported"
    assert [c.certainty for c in first_hand_in_article(labelled)] == ["reported", "reported"]


def _mention(i: int, article: str, site: str, sentence: str, surface: str) -> Mention:
    at = sentence.index(surface)
    return Mention(
        f"m{i}", article, 0, at, surface, site, at, len(sentence) - at - len(surface), sentence,
        classify(sentence, at),
    )  # fmt: skip


def test_loading_applies_the_rule_within_each_article_only():
    mentions = [
        _mention(0, "a1", "orang", OWN, "Orang Airbase"),
        _mention(1, "a1", "orang", PLAIN, "Orang Airbase"),
        _mention(2, "a2", "orang", PLAIN, "Orang Airbase"),
    ]
    _article_rules_per_article(mentions, {})
    assert [m.claim.certainty for m in mentions] == ["confirmed", "confirmed", "reported"]
