"""A passage's citation (core/citation.py): the quoted sentence, title, outlet, date, URL and the paragraph as a
reader counts it, from a real article file and from the bundled corpus."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from mapviewer.core.citation import format_citation, paragraph_number
from mapviewer.core.corpus import load_articles
from mapviewer.core.model import Mention

ARTICLE = """Tunnels under the hills

Sign in or Create a free account

The first paragraph names nothing.

Satellite images   show new tunnel  entrances near Kusong. A second sentence follows.
"""


@pytest.fixture
def article(tmp_path: Path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "tunnels.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "articles.json").write_text(
        '{"articles": [{"id": "tunnels", "file": "tunnels.txt", "title": "Tunnels under the hills", "outlet": "Daily NK",'
        ' "date": "2025-07-14", "url": "https://example.org/tunnels"}]}',
        encoding="utf-8",
    )
    articles, problems = load_articles(folder)
    assert problems == []
    return articles[0]


def _mention(article, word: str, sentence: str) -> Mention:
    start = article.text.index(word)
    s_start = article.text.index(sentence)
    paragraph = next(p.index for p in article.paragraphs if p.start <= start < p.end)
    return Mention(id=f"{article.id}:{start}", article_id=article.id, paragraph=paragraph, start=start, surface=word,
                   site_id="kusong", lead=start - s_start, tail=s_start + len(sentence) - start - len(word), source=article.text)


def test_a_citation_quotes_the_sentence_and_names_article_outlet_date_paragraph_and_url(article) -> None:
    m = _mention(article, "Kusong", "Satellite images   show new tunnel  entrances near Kusong.")
    assert format_citation(article, m) == (
        "“Satellite images show new tunnel entrances near Kusong.” — Tunnels under the hills, Daily NK, 2025-07-14,"
        " paragraph 2. https://example.org/tunnels"
    )


def test_paragraphs_are_counted_from_1_without_the_title_and_page_chrome(article) -> None:
    kinds = [p.kind for p in article.paragraphs]
    assert kinds[:2] == ["title", "boilerplate"], kinds  # the file's own layout, as the reader shows it
    body = [p.index for p in article.paragraphs if p.kind == "body"]
    assert [paragraph_number(article, i) for i in body] == [1, 2]
    assert paragraph_number(article, 0) is None  # the title line is not a paragraph one cites


def test_missing_outlet_date_and_url_are_left_out_or_said(article) -> None:
    bare = replace(article, outlet=None, date=None, url=None, paragraphs=article.paragraphs)
    m = _mention(bare, "Kusong", "tunnel  entrances near Kusong.")
    assert format_citation(bare, m) == "“tunnel entrances near Kusong.” — Tunnels under the hills, n.d., paragraph 2."


def test_a_changed_text_is_flagged_and_a_passage_of_another_article_refused(article) -> None:
    changed = replace(article, text_changed=True, paragraphs=article.paragraphs)
    m = _mention(changed, "Kusong", "entrances near Kusong.")
    assert format_citation(changed, m).endswith("https://example.org/tunnels [text changed since added]")
    with pytest.raises(ValueError, match="not 'other'"):
        format_citation(replace(article, id="other", paragraphs=article.paragraphs), m)


def test_every_bundled_passage_has_a_citation_with_its_own_sentence(ws) -> None:
    for m in ws.mentions:
        article = ws.article_by_id[m.article_id]
        text = format_citation(article, m)
        assert " ".join(m.sentence.split()) in text
        assert article.title in text and "paragraph " in text
