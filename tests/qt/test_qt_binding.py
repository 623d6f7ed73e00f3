"""The Qt binding itself must not leak references to True: PySide6 6.12.0 did on every signal emit,
connect and disconnect, and on Python < 3.12 the app (or this test run) then aborts with
"Fatal Python error: bool_dealloc" after a few thousand signals. pyproject.toml excludes that release."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(str)


def test_signals_keep_true_alive() -> None:
    emitter = _Emitter()
    received: list[str] = []
    emitter.changed.connect(received.append)
    before = sys.getrefcount(True)
    for i in range(2000):
        emitter.changed.emit(str(i))

    def slot(_text: str) -> None:
        return None

    for _ in range(200):
        emitter.changed.connect(slot)
        emitter.changed.disconnect(slot)
    assert len(received) == 2000
    assert sys.getrefcount(True) >= before - 5, "the Qt binding loses references to True (PySide6 6.12.0 bug)"
