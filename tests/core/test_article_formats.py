"""The article-format registry (mapviewer.core.article_formats) is what ingest reads, what a workspace
loads unlisted, what the Add articles dialog offers and what every message lists: one list, not four."""

from __future__ import annotations

import io

import pytest

from mapviewer.cli import main
from mapviewer.core.article_formats import ARTICLE_FORMATS, PLAIN_TEXT_SUFFIXES, SUFFIXES, article_format, file_filter, names
from mapviewer.core.corpus import load_articles
from mapviewer.core.ingest.extract import ExtractError, extract_file

BODY = {
    "text": "Tunnels near Kursk\n\nEngineers dug a **tunnel** toward Kursk, officials said.\n",
    "markdown": "# Tunnels near Kursk\n\nEngineers dug a **tunnel** toward Kursk, officials said.\n",
    "html": "<html><head><title>Tunnels near Kursk</title></head><body><article><h1>Tunnels near Kursk</h1>"
    "<p>Engineers dug a <b>tunnel</b> toward Kursk, officials said.</p></article></body></html>",
}


def test_the_formats():
    assert [(f.label, f.suffixes, f.kind) for f in ARTICLE_FORMATS] == [
        ("Plain text", (".txt", ".text"), "text"),
        ("Markdown", (".md", ".markdown"), "markdown"),
        ("Web page", (".html", ".htm", ".xhtml"), "html"),
    ]
    assert PLAIN_TEXT_SUFFIXES == (".txt", ".text", ".md", ".markdown")
    assert names() == ".txt, .md or .html"
    assert article_format("A.HTM").kind == "html" and article_format("a.doc") is None


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_ingest_reads_every_suffix_the_way_its_format_says(tmp_path, suffix):
    fmt = article_format(f"x{suffix}")
    path = tmp_path / f"article{suffix.upper() if suffix == '.htm' else suffix}"
    path.write_text(BODY[fmt.kind], encoding="utf-8")
    extracted = extract_file(path)
    assert "Engineers dug a" in extracted.text and "toward Kursk" in extracted.text
    assert ("**" in extracted.text) == (fmt.kind == "text")  # Markdown's and HTML's markup is not text
    assert "<b>" not in extracted.text


def test_an_unsupported_file_names_the_formats(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(ExtractError, match=r"unsupported file type '\.docx': use \.txt, \.md or \.html"):
        extract_file(path)


def test_a_workspace_loads_every_plain_text_format_unlisted_and_no_page(tmp_path):
    for i, suffix in enumerate(SUFFIXES):
        (tmp_path / f"a{i}{suffix}").write_text(f"Title {i}\n\nTroops went to Kursk.\n", encoding="utf-8")
    articles, problems = load_articles(tmp_path)
    assert problems == []
    loaded = sorted(a.source_file.rsplit(".", 1)[1] for a in articles)
    assert loaded == sorted(s[1:] for s in PLAIN_TEXT_SUFFIXES)


def test_the_add_articles_dialog_offers_and_collects_every_format(tmp_path):
    pytest.importorskip("PySide6.QtWidgets")
    from mapviewer.qt.ingest_dialog import FILE_FILTER, article_files

    assert file_filter() == FILE_FILTER
    for suffix in SUFFIXES:
        assert f"*{suffix}" in FILE_FILTER.split(";;")[0]
    folder = tmp_path / "drop"
    (folder / "sub").mkdir(parents=True)
    for suffix in (*SUFFIXES, ".docx", ".png"):
        (folder / "sub" / f"a{suffix}").write_text("x", encoding="utf-8")
    assert sorted(p.suffix for p in article_files([folder])) == sorted(SUFFIXES)


def test_ingest_help_lists_the_formats(capsys):
    with pytest.raises(SystemExit):
        main(["--help"], io.StringIO(), io.StringIO())
    assert f"({names()})" in " ".join(capsys.readouterr().out.split())
