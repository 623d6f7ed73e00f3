"""Which site a name in the text means: longest name wins, region senses, exclusions, tolerant but
whole-word matching, and spans that point at the words in the article."""

from __future__ import annotations

import pytest

from mapviewer import paths
from mapviewer.core.corpus import load_articles, make_article
from mapviewer.core.gazetteer import load_sites
from mapviewer.core.mentions import AliasIndex, find_mentions
from mapviewer.core.model import Site


@pytest.fixture(scope="module")
def index() -> AliasIndex:
    sites, problems = load_sites(paths.BUNDLED_SITES)
    assert problems == []
    return AliasIndex(sites)


def found(index: AliasIndex, *paragraphs: str) -> list[tuple[str, str]]:
    """(surface, site id) of every mention in an article made of these paragraphs."""
    article = make_article("t", "Headline\n\n" + "\n\n".join(paragraphs) + "\n", title="Headline")
    return [(m.surface, m.site_id) for m in find_mentions(article, index)]


# --- longest match and region senses ------------------------------------------------------------


def test_longest_name_wins_kursk_region_is_the_oblast(index):
    assert found(index, "Shelling hit the Kursk region overnight.") == [("Kursk region", "kursk-oblast")]


def test_bare_kursk_is_the_city(index):
    assert found(index, "Troops reached Kursk on Monday.") == [("Kursk", "kursk")]


def test_bare_kursk_is_the_region_when_its_sentence_says_region(index):
    assert found(index, "Fighting spread across Kursk, a border region.") == [("Kursk", "kursk-oblast")]


def test_bare_kursk_is_the_region_when_the_next_sentence_opens_with_the_region(index):
    assert found(index, "Workers are rebuilding Kursk. The region suffered heavy destruction.") == [("Kursk", "kursk-oblast")]


def test_region_word_in_another_paragraph_does_not_change_the_city(index):
    assert found(index, "Troops reached Kursk.", "The region is cold.") == [("Kursk", "kursk")]


def test_one_sense_per_discourse_bare_name_stays_the_region_through_the_article(index):
    assert found(
        index,
        "The destination would be Donetsk, a front line region with a long history of coal mining.",
        "In Donetsk, the engineers will find a strong mining culture.",
    ) == [("Donetsk", "donetsk-oblast"), ("Donetsk", "donetsk-oblast")]


def test_one_sense_per_discourse_does_not_leak_into_another_article(index):
    assert found(index, "In Donetsk, the engineers will find a strong mining culture.") == [("Donetsk", "donetsk")]


def test_explicit_city_name_is_not_turned_into_the_region(index):
    assert found(index, "Kursk city was calm, officials in the region said.") == [("Kursk city", "kursk")]


def test_bundled_nysun_article_reads_donetsk_as_the_region_throughout():
    articles, _ = load_articles(paths.BUNDLED_ARTICLES)
    sites, _ = load_sites(paths.BUNDLED_SITES)
    nysun = next(a for a in articles if a.id == "nysun-tunnel-engineers")
    donetsk = [m.site_id for m in find_mentions(nysun, AliasIndex(sites)) if m.surface == "Donetsk"]
    assert len(donetsk) >= 3
    assert set(donetsk) == {"donetsk-oblast"}


@pytest.mark.parametrize("text", ["Shelling hit the Donetsk region.", "Shelling hit Donetsk Oblast."])
def test_region_full_name_is_the_region_even_when_the_city_excludes_it(index, text):
    assert [site for _, site in found(index, text)] == ["donetsk-oblast"]


@pytest.mark.parametrize("city_first", [False, True], ids=["region-first", "city-first"])
def test_a_site_name_beats_another_sites_exclusion_of_the_same_words(city_first):
    """The same shadowing in miniature, with hand-made sites: a name must never be swallowed by an exclusion,
    whatever the order of the features in the file."""

    def site(site_id: str, name: str, exclude: tuple[str, ...] = ()) -> Site:
        return Site(site_id, name, (), "city", "", "exact", "test", 0.0, 0.0, {"type": "Point", "coordinates": [0, 0]}, exclude=exclude)

    region, city = site("big-oblast", "Big Oblast"), site("big", "Big", exclude=("Big Oblast",))
    index = AliasIndex([city, region] if city_first else [region, city])
    assert [s for _, _, s in index.matches("They reached Big Oblast, then Big.")] == ["big-oblast", "big"]


# --- exclusions -----------------------------------------------------------------------------------


def test_washington_post_is_not_washington(index):
    assert found(index, "The Washington Post reported the deal.") == []


def test_washington_after_washington_post_is_still_washington(index):
    assert found(index, "The Washington Post said Washington was alarmed.") == [("Washington", "washington")]


def test_gaza_metro_is_not_the_gaza_strip_but_gaza_is(index):
    assert found(index, "Hamas built the Gaza Metro below Gaza.") == [("Gaza", "gaza-strip")]


# --- tolerance and whole words --------------------------------------------------------------------


@pytest.mark.parametrize("written", ["Mt. Chonma", "Mt Chonma", "MT. CHONMA", "Mount Chonma", "Mt.  Chonma", "Chonma-san", "Chonma san"])
def test_case_and_punctuation_variants_of_a_name_match(index, written):
    assert found(index, f"Excavation was seen near {written} this spring.") == [(written, "mt-chonma")]


def test_all_lowercase_proper_name_is_not_a_mention(index):
    """Documented rule: a name written with a capital needs a capital in the text ("turkey" the bird)."""
    assert found(index, "we walked up mt chonma and on to kusong.") == []


def test_lowercase_name_in_the_gazetteer_matches_with_its_own_case(index):
    assert found(index, "Tunnels honeycomb southern Lebanon.") == [("southern Lebanon", "southern-lebanon")]


def test_accents_are_ignored(index):
    assert found(index, "Aircraft at Panghyŏn and at Panghyon.") == [("Panghyŏn", "panghyon-airbase"), ("Panghyon", "panghyon-airbase")]


@pytest.mark.parametrize("text", ["A Parisian cafe reopened.", "Kurskaya sausage is sold.", "The Seoulite crowd cheered.", "Hanoian food."])
def test_names_match_whole_words_only(index, text):
    assert found(index, text) == []


def test_name_glued_to_punctuation_still_matches(index):
    assert found(index, "(Paris), “Seoul”, Kyiv’s") == [("Paris", "paris"), ("Seoul", "seoul"), ("Kyiv", "kyiv")]


# --- spans ----------------------------------------------------------------------------------------


def test_spans_point_at_the_surface_text_in_the_bundled_articles():
    articles, _ = load_articles(paths.BUNDLED_ARTICLES)
    sites, _ = load_sites(paths.BUNDLED_SITES)
    index = AliasIndex(sites)
    total = 0
    for article in articles:
        passages = {p.index: p for p in article.passages}
        for m in find_mentions(article, index):
            total += 1
            assert article.text[m.start : m.end] == m.surface
            assert article.text[m.sentence_start : m.sentence_end] == m.sentence
            assert m.sentence_start <= m.start < m.end <= m.sentence_end
            para = passages[m.paragraph]
            assert para.start <= m.sentence_start and m.sentence_end <= para.end
            assert m.id == f"{article.id}:{m.start}"
    assert total >= 60


def test_spans_of_a_made_up_article_are_exact(index):
    text = "Headline\n\nFirst line.\n\nEngineers went to Mt. Chonma, then Kusong.\n"
    article = make_article("t", text, title="Headline")
    mentions = find_mentions(article, index)
    assert [(text[m.start : m.end], m.site_id) for m in mentions] == [("Mt. Chonma", "mt-chonma"), ("Kusong", "kusong")]
    assert mentions[0].start == text.index("Mt. Chonma")
    assert mentions[0].sentence == "Engineers went to Mt. Chonma, then Kusong."


def test_the_headline_carries_mentions_boilerplate_does_not(index):
    # The headline often names the story's main place (issue 13: labelled readers count it); a photo credit does not.
    text = "Kursk under fire\n\nKorean Central News Agency/Korea News Service via AP\n\nTroops left Pyongyang.\n"
    article = make_article("t", text, title="Kursk under fire")
    assert [(m.surface, m.site_id) for m in find_mentions(article, index)] == [("Kursk", "kursk"), ("Pyongyang", "pyongyang")]


def test_owner_names_the_site_a_name_belongs_to(index):
    assert index.owner("Kursk") == "kursk"
    assert index.owner("kursk region") == "kursk-oblast"
    assert index.owner("Atlantis") is None
