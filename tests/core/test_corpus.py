"""The bundled articles load byte-for-byte, split into passages with exact offsets, and bad files are
reported by name while the good ones still load."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from mapviewer import paths
from mapviewer.core.corpus import load_articles

ARTICLES = paths.BUNDLED_ARTICLES
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
METADATA = json.loads((ARTICLES / "articles.json").read_text(encoding="utf-8"))["articles"]

BOILERPLATE_LINES = {
    "ghost-factories": ["Leave a Comment"],
    "nysun-tunnel-engineers": [
        "© 2025 The New York Sun Company, LLC. All rights reserved.",
        "Sign in or\u00a0 Create a free account",  # a no-break space, as on the page
        "or",
        "The New York Sun",
        "Korean Central News Agency/Korea News Service via AP",
    ],
}


@pytest.fixture(scope="module")
def bundled():
    articles, problems = load_articles(ARTICLES)
    return {a.id: a for a in articles}, problems


def test_bundled_corpus_loads_all_four_articles_without_problems(bundled):
    articles, problems = bundled
    assert problems == []
    assert set(articles) == {"ghost-factories", "nysun-tunnel-engineers", "alabuga-drone-workers", "nis-kursk-deployment"}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")
@pytest.mark.parametrize("entry", METADATA, ids=lambda e: e["id"])
def test_bundled_article_is_byte_identical_to_its_seed(entry):
    assert (ARTICLES / entry["file"]).read_bytes() == (SEEDS / entry["seed"]).read_bytes()


@pytest.mark.parametrize("entry", METADATA, ids=lambda e: e["id"])
def test_bundled_article_matches_recorded_sha256(entry):
    assert hashlib.sha256((ARTICLES / entry["file"]).read_bytes()).hexdigest() == entry["sha256"]


def test_loaded_text_is_the_file_text_unchanged(bundled):
    articles, _ = bundled
    for entry in METADATA:
        assert articles[entry["id"]].text == (ARTICLES / entry["file"]).read_bytes().decode("utf-8")


def test_paragraph_offsets_index_the_article_text_exactly(bundled):
    articles, _ = bundled
    for article in articles.values():
        assert article.paragraphs, article.id
        previous_end = 0
        for i, p in enumerate(article.paragraphs):
            assert p.index == i
            assert article.text[p.start : p.end] == p.text, (article.id, p.index)
            assert p.start >= previous_end, "paragraphs overlap or are out of order"
            assert p.text == p.text.strip() and p.text
            previous_end = p.end
        # Every non-blank line of the file is some paragraph: nothing is silently dropped.
        lines = [line.strip() for line in article.text.splitlines() if line.strip()]
        assert [p.text for p in article.paragraphs] == lines


@pytest.mark.parametrize(("article_id", "line"), [(a, line) for a, lines in BOILERPLATE_LINES.items() for line in lines])
def test_page_chrome_line_is_never_a_passage(bundled, article_id, line):
    articles, _ = bundled
    article = articles[article_id]
    assert any(p.text == line for p in article.paragraphs), "the line is in the file, so this test can fail"
    assert all(p.text != line for p in article.passages)


def test_photo_caption_with_credit_stays_a_passage(bundled):
    articles, _ = bundled
    caption = next(p for p in articles["nysun-tunnel-engineers"].paragraphs if p.text.startswith("President Putin, right, drives"))
    assert caption.kind == "caption"
    assert caption in articles["nysun-tunnel-engineers"].passages


def test_boilerplate_in_a_user_folder_is_not_a_passage(tmp_path):
    (tmp_path / "story.txt").write_text(
        "Tunnels under the border\n\nSign in or create a free account\n\n"
        "Engineers dug a tunnel toward the border last year, officials said.\n\n"
        "© 2024 Some Paper Inc.\nLeave a Comment\n",
        encoding="utf-8",
    )
    articles, problems = load_articles(tmp_path)
    assert problems == []
    (article,) = articles
    assert [p.text for p in article.passages] == ["Engineers dug a tunnel toward the border last year, officials said."]


def test_bundled_metadata_outlet_title_and_label(bundled):
    articles, _ = bundled
    nysun = articles["nysun-tunnel-engineers"]
    assert nysun.outlet == "The New York Sun"
    assert nysun.title.startswith("Exclusive: Russia, To Escape Ukrainian Drones")
    assert nysun.has_headline
    assert nysun.source_file.endswith("nysun-tunnel-engineers.txt")
    alabuga = articles["alabuga-drone-workers"]
    assert alabuga.outlet is None
    assert alabuga.title == "North Korean workers for the Alabuga drone plant"
    assert not alabuga.has_headline  # the label is editorial, not the article's own headline


def _write_mixed_folder(folder: Path) -> None:
    (folder / "articles.json").write_text(
        json.dumps(
            {
                "articles": [
                    {"id": "described", "file": "described.txt", "title": "Described story", "outlet": "Daily Test"},
                    {"id": "described-latin1", "file": "latin1-described.txt", "title": "Latin-1 story"},
                ]
            }
        ),
        encoding="utf-8",
    )
    (folder / "described.txt").write_text("Described story\n\nTroops arrived in Kursk on Monday.\n", encoding="utf-8")
    (folder / "dropped-in.txt").write_text("A dropped-in note\n\nWorkers were sent to Alabuga.\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "latin1.txt").write_bytes("Café in Pyongyang\n\nThe café reopened.\n".encode("latin-1"))
    (folder / "latin1-described.txt").write_bytes("Señor Kim visited Moscow.\n".encode("latin-1"))


def test_folder_with_bad_files_loads_the_good_ones_and_names_each_bad_file(tmp_path):
    _write_mixed_folder(tmp_path)
    articles, problems = load_articles(tmp_path)
    by_id = {a.id: a for a in articles}
    assert set(by_id) == {"described", "dropped-in"}
    assert by_id["described"].outlet == "Daily Test"
    assert by_id["dropped-in"].title == "A dropped-in note"  # undescribed: titled by its first line
    assert not by_id["dropped-in"].has_headline
    assert [p.text for p in by_id["dropped-in"].passages] == ["Workers were sent to Alabuga."]

    named = {Path(p.file).name: str(p) for p in problems}
    assert set(named) == {"binary.txt", "latin1.txt", "latin1-described.txt"}
    assert "binary" in named["binary.txt"]
    assert "UTF-8" in named["latin1.txt"]
    assert "UTF-8" in named["latin1-described.txt"]
    assert "described-latin1" in named["latin1-described.txt"]  # the metadata entry is named too


def test_edited_article_is_reported_but_still_loads(tmp_path):
    text = "Original story\n\nTroops arrived.\n"
    (tmp_path / "articles.json").write_text(
        json.dumps({"articles": [{"id": "story", "file": "story.txt", "sha256": hashlib.sha256(text.encode()).hexdigest()}]}),
        encoding="utf-8",
    )
    (tmp_path / "story.txt").write_text(text.replace("Troops", "Workers"), encoding="utf-8")
    articles, problems = load_articles(tmp_path)
    assert [a.id for a in articles] == ["story"]
    assert len(problems) == 1 and "sha256" in problems[0].message and problems[0].file.endswith("story.txt")


def test_unreadable_metadata_is_a_problem_and_text_files_still_load(tmp_path):
    (tmp_path / "articles.json").write_text('{"articles": [', encoding="utf-8")
    (tmp_path / "note.txt").write_text("Note\n\nSeoul said so.\n", encoding="utf-8")
    articles, problems = load_articles(tmp_path)
    assert [a.id for a in articles] == ["note"]
    assert len(problems) == 1 and problems[0].file.endswith("articles.json")


def test_a_lead_repeated_later_is_a_preview_and_only_the_later_copy_is_a_passage():
    from mapviewer.core.corpus import split_paragraphs

    text = "Kim visited Pyongyang today, officials said.\nThe visit lasted two days.\nKim visited Pyongyang today, officials said.\n"
    kinds = [p.kind for p in split_paragraphs(text)]
    assert kinds == ["preview", "body", "body"]
