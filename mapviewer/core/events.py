"""A minimal Qt-free event: the application session announces its changes through these, and the Qt
layer (or a test, or a script) listens. Like napari's EventEmitter, without the machinery."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Event:
    """Callbacks called in the order they connected, with the arguments of `emit`."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._callbacks: list[Callable[..., Any]] = []

    def connect(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        self._callbacks.append(callback)
        return callback

    def disconnect(self, callback: Callable[..., Any]) -> None:
        if callback in self._callbacks:
            self._callbacks.remove(callback)

    def emit(self, *args: Any) -> None:
        for callback in list(self._callbacks):  # a callback may disconnect itself
            callback(*args)

    def __repr__(self) -> str:
        return f"Event({self.name!r}, {len(self._callbacks)} listeners)"
