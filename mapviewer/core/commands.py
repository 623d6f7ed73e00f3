"""Undoable commands and their history, Qt-free: every user action of the application session (a
filter change, a label correction, a review decision, an article-details edit, an export) is one
Command on one CommandStack, so Edit → Undo behaves the same whatever the action was.

A command that can no longer be undone or redone (its passage is gone, the files changed since) marks
itself obsolete and is dropped from the history instead of doing something else.
"""

from __future__ import annotations

from mapviewer.core.events import Event


class Command:
    """One undoable action. `redo` does it (also the first time, unless pushed with done=True), `undo`
    reverses it; either may set `obsolete` to drop the command from the history."""

    text = ""
    obsolete = False

    def redo(self) -> None:
        raise NotImplementedError

    def undo(self) -> None:
        raise NotImplementedError

    def merge(self, newer: Command) -> bool:
        """Absorb `newer` (done right after this one) into this command, so one undo reverses both: e.g.
        each keystroke in the search box. False: keep them apart."""
        return False


class CommandStack:
    """The history: commands before `index` are done, the rest undone (redoable until a new push)."""

    def __init__(self, limit: int = 500) -> None:
        self.limit = limit
        self._commands: list[Command] = []
        self.index = 0
        self.changed = Event("changed")

    def push(self, command: Command, *, done: bool = False) -> None:
        """Do `command` (unless `done`: it already happened) and record it. An exception from its `redo`
        propagates and nothing is recorded."""
        if not done:
            command.redo()
        if command.obsolete:
            return
        del self._commands[self.index :]
        top = self._commands[-1] if self._commands else None
        if top is None or not top.merge(command):
            self._commands.append(command)
            if len(self._commands) > self.limit:
                del self._commands[0]
        self.index = len(self._commands)
        self.changed.emit()

    def undo(self) -> None:
        if not self.can_undo():
            return
        command = self._commands[self.index - 1]
        try:
            command.undo()
        finally:
            if command.obsolete:
                del self._commands[self.index - 1]
            self.index -= 1
            self.changed.emit()

    def redo(self) -> None:
        if not self.can_redo():
            return
        command = self._commands[self.index]
        try:
            command.redo()
        finally:
            if command.obsolete:
                del self._commands[self.index]
            else:
                self.index += 1
            self.changed.emit()

    def can_undo(self) -> bool:
        return self.index > 0

    def can_redo(self) -> bool:
        return self.index < len(self._commands)

    def undo_text(self) -> str:
        return self._commands[self.index - 1].text if self.can_undo() else ""

    def redo_text(self) -> str:
        return self._commands[self.index].text if self.can_redo() else ""

    def count(self) -> int:
        return len(self._commands)

    def clear(self) -> None:
        self._commands.clear()
        self.index = 0
        self.changed.emit()
