"""The hint printed before the QApplication when Qt's xcb platform plugin would not load (missing libraries)."""

from __future__ import annotations

import sys

import pytest

from mapviewer.qt.app import XCB_LIBRARIES, xcb_hint

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb plugin is Linux's")


def finder(missing: set[str]):
    return lambda name: None if name in missing else f"lib{name}.so.0"


def test_missing_libraries_are_named_by_their_packages() -> None:
    hint = xcb_hint({"DISPLAY": ":0"}, finder({"xcb-cursor", "xkbcommon-x11"}))
    assert hint is not None
    assert "sudo apt install libxcb-cursor0 libxkbcommon-x11-0" in hint
    assert "libxcb-icccm4" not in hint
    assert xcb_hint({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, finder({"xcb-icccm"})) is not None


def test_no_hint_when_everything_resolves_or_xcb_is_not_used() -> None:
    everything = {library for library, _ in XCB_LIBRARIES}
    assert xcb_hint({"DISPLAY": ":0"}, finder(set())) is None
    assert xcb_hint({}, finder(everything)) is None, "no display: not the xcb plugin's problem"
    assert xcb_hint({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, finder(everything)) is None
    assert xcb_hint({"DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland"}, finder(everything)) is None

