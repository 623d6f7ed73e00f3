"""Stylesheets inline (core/inline_styles.py): the window's page shell and the standalone export carry their
stylesheets as <style> text, Leaflet's images as data: URIs; the shell's cache key covers those images too."""

from __future__ import annotations

import pytest

from mapviewer.core import assets
from mapviewer.core.inline_styles import InlineError, inline_styles, style_files, style_text


def test_a_stylesheet_link_becomes_its_text_with_images_as_data_uris():
    page = '<head><link rel="stylesheet" href="app://map/assets/leaflet/leaflet.css"/><link rel="stylesheet" href="https://elsewhere/x.css"/></head>'
    out = inline_styles(page, "app://map/assets/")
    assert "<style>" in out and 'href="app://map/assets/leaflet/leaflet.css"' not in out
    assert 'url("data:image/png;base64,' in out and "url(images/" not in out
    assert 'href="https://elsewhere/x.css"' in out  # only the page's own assets are inlined


def test_the_shell_key_covers_the_images_a_stylesheet_brings_in():
    names = {p.name for p in style_files("leaflet/leaflet.css")}
    assert {"leaflet.css", "layers.png", "layers-2x.png", "marker-icon.png"} <= names
    assert [p.name for p in style_files("map/mapviewer.css")] == ["mapviewer.css"]


def test_a_stylesheet_that_reaches_outside_the_assets_is_refused(monkeypatch):
    monkeypatch.setattr(assets, "read", lambda name: b".x { background: url(https://tracker.example/p.png) }")
    with pytest.raises(InlineError, match="external reference"):
        style_text("map/mapviewer.css")
