"""The application session: one Qt-free object holding what the window shows and doing what the user does.

It holds the open workspace, the filter and its result, the selection and the basemap choice, and
carries out every user action as an undoable command on one history (`commands`). It announces each
change through events; the Qt layer turns widget signals into calls here and listens to the events,
as napari's viewer model and its `_qt` views do. Everything here runs and is tested without Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from mapviewer.core import commit
from mapviewer.core.commands import Command, CommandStack
from mapviewer.core.events import Event
from mapviewer.core.exporters import Exporter, ExportFailed, ExportOptions, MapImage, write_atomic, write_export
from mapviewer.core.filters import Filter, FilterResult, facet_values
from mapviewer.core.ingest import decisions
from mapviewer.core.ingest.decisions import ReviewError
from mapviewer.core.ingest.store import StoreError, set_article_details
from mapviewer.core.mappage import BASEMAPS
from mapviewer.core.model import Mention
from mapviewer.core.workspace import Location, Workspace, WorkspaceError

WRITE_WAIT = 3.0
"""Seconds an edit waits for another mapviewer writing the same folder before giving up (the window must not
freeze): the edit is then refused with `busy_text`."""


def busy_text(folder: Path) -> str:
    return f"another mapviewer (a window, or `mapviewer ingest`) is writing to {folder}; nothing was changed — try again when it has finished"


def _why(exc: BaseException, folder: Path) -> str:
    return busy_text(folder) if isinstance(exc, commit.Busy) else str(exc)


def ingest_target(location: Location) -> tuple[Path, bool]:
    """Where added articles go: the user workspace beside the bundled corpus (merged: True), or the open folder."""
    if location.extra is not None:
        return location.extra, True
    return location.sites.parent, False


@dataclass(frozen=True)
class Selection:
    """The site the user is looking at and, when a passage is open, that passage."""

    site_id: str | None = None
    mention_id: str | None = None


class SetFilter(Command):
    """A filter change; successive edits of the search text alone merge into one step, and so do the changes of
    one gesture (a drag of the timeline's brush, one run of its play control: `gesture` is the same object)."""

    def __init__(self, session: Session, old: Filter, new: Filter, gesture: object = None) -> None:
        self.session, self.old, self.new, self.gesture = session, old, new, gesture
        self.text = "Filter"

    def redo(self) -> None:
        self.session._apply_filter(self.new)

    def undo(self) -> None:
        self.session._apply_filter(self.old)

    def merge(self, newer: Command) -> bool:
        if not isinstance(newer, SetFilter) or newer.session is not self.session:
            return False
        if self.gesture is not None and newer.gesture is self.gesture:
            self.new = newer.new
            return True
        if not (_only_text_differs(self.old, self.new) and _only_text_differs(newer.old, newer.new)):
            return False
        self.new = newer.new
        return True


def _only_text_differs(a: Filter, b: Filter) -> bool:
    return replace(a, text=b.text) == b


class CorrectLabel(Command):
    """Set (or clear, with None) the user's label for one passage; undo restores the previous one."""

    def __init__(self, session: Session, mention_id: str, certainty: str | None, topics: list[str] | None) -> None:
        self.session, self.mention_id = session, mention_id
        self.new = (certainty, topics)
        previous = session.ws.overrides.labels.get(mention_id, {})
        self.old = (previous.get("certainty"), previous.get("topics"))
        self.text = f"Correct label of {mention_id}"

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)

    def _apply(self, label: tuple[str | None, list[str] | None]) -> None:
        ws = self.session.ws
        folders = ws.location.folders()
        folder = ws.location.overrides.parent
        try:
            with commit.writing(folder, wait=WRITE_WAIT):
                seen = commit.tokens(folders)
                mention = ws.correct(self.mention_id, *label)
                if ws.commits == seen:  # nothing else changed: the open state is this commit's
                    ws.commits = commit.tokens(folders)
        except KeyError:  # the passage is gone (its article was removed): nothing left to correct
            self.obsolete = True
            return
        except OSError as exc:
            self.obsolete = True
            self.session.problem.emit(f"The correction was not saved: {_why(exc, folder)}")
            return
        self.session._label_corrected(mention)


class WorkspaceEdit(Command):
    """A review decision or a details edit: the workspace files before and after it, put back whole — but
    only while the files are still exactly as this edit left them. After a later ingest, or a change from
    the command line, putting old bytes back would erase that work: the step is refused and dropped."""

    def __init__(self, session: Session, text: str, root: Path, before: dict[str, bytes | None], after: dict[str, bytes | None]) -> None:
        self.session, self.text, self.root, self.before, self.after = session, text, root, before, after

    def _put(self, expected: dict[str, bytes | None], target: dict[str, bytes | None], verb: str) -> None:
        try:
            with commit.writing(self.root, wait=WRITE_WAIT):
                if decisions.snapshot(self.root) != expected:
                    self.obsolete = True
                    self.session.problem.emit(
                        f"Cannot {verb} “{self.text}”: the workspace has changed since (articles added or edited elsewhere); "
                        "it is left as it is."
                    )
                    return
                decisions.restore(self.root, target)
        except OSError as exc:
            self.obsolete = True
            self.session.problem.emit(f"Cannot {verb} “{self.text}”: {_why(exc, self.root)}")
            return
        self.session.reload()

    def redo(self) -> None:
        self._put(self.before, self.after, "redo")

    def undo(self) -> None:
        self._put(self.after, self.before, "undo")


UNDOABLE_EXPORT_BYTES = 64 * 2**20
"""An export that replaces a file larger than this keeps no copy of it: that export cannot be undone."""


def _file_bytes(path: Path) -> bytes | None:
    """A regular file's content, or None where there is no file."""
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None


class WriteExport(Command):
    """An exported file: undo puts back what was there before (or removes the file), redo writes it again —
    each only while the file still holds what the other left, so a file changed since is never clobbered."""

    def __init__(self, session: Session, path: Path, before: bytes | None, after: bytes) -> None:
        self.session, self.path, self.before, self.after = session, path, before, after
        self.text = f"Export {path.name}"

    def _put(self, expected: bytes | None, target: bytes | None, verb: str) -> None:
        try:
            if _file_bytes(self.path) != expected:
                self.obsolete = True
                self.session.problem.emit(f"Cannot {verb} “{self.text}”: {self.path} has changed since; it is left as it is.")
                return
            if target is None:
                self.path.unlink()
            else:
                write_atomic(self.path, target)
        except (OSError, ExportFailed) as exc:
            self.obsolete = True
            self.session.problem.emit(f"Cannot {verb} “{self.text}”: {exc}")
            return
        self.session.message.emit(f"{self.path} {'removed' if target is None else 'written'}")

    def redo(self) -> None:
        self._put(self.before, self.after, "redo")

    def undo(self) -> None:
        self._put(self.after, self.before, "undo")


_SIMPLE_DECISIONS: dict[str, Callable[..., object]] = {"accept": decisions.accept, "reject": decisions.reject}
_SITE_DECISIONS: dict[str, Callable[..., object]] = {"rename": decisions.rename, "merge": decisions.merge, "place": decisions.place}
DECISIONS = (*_SIMPLE_DECISIONS, *_SITE_DECISIONS)


class Session:
    """What the user has open and what they did to it.

    Events (each a `core.events.Event`):
      workspace_changed(ws)   another state of the data is shown (reload, another folder)
      filtered(result)        the filter or the labels changed: a new FilterResult
      label_changed(mention)  one passage's label was corrected (the page updates that one passage)
      selected(selection)     the site/passage looked at changed
      basemap_changed(key)
      message(text)           something done, for a status line
      problem(text)           something the user must read: an action was refused or failed
    """

    def __init__(self, ws: Workspace, *, basemap: str = "offline", flt: Filter | None = None, columns_by_worker: bool = False) -> None:
        self.ws = ws
        self.filter = flt or Filter()
        self.result: FilterResult = ws.filter(self.filter)
        self.waiting = False
        """A restored filter waits for columns a worker builds (restore_filter): meanwhile the result is its
        `shown_filter`; `columns_ready` applies the rest as the columns arrive."""
        self.columns_by_worker = columns_by_worker
        """A host builds the time and source columns in a worker (the window's timeline): a restored filter, and a
        reloaded workspace's new table, wait for them instead of building them here; the host calls `columns_ready`
        as they arrive."""
        self.selection = Selection()
        self.basemap = basemap if basemap in BASEMAPS else "offline"
        self.commands = CommandStack()
        self.busy = False  # articles are being added: nothing else may write the workspace meanwhile
        self.workspace_changed = Event("workspace_changed")
        self.filtered = Event("filtered")
        self.label_changed = Event("label_changed")
        self.selected = Event("selected")
        self.basemap_changed = Event("basemap_changed")
        self.message = Event("message")
        self.problem = Event("problem")

    # -- filter ---------------------------------------------------------------------------------------
    def set_filter(self, flt: Filter, gesture: object = None) -> None:
        """Show what `flt` passes (undoable; the changes of one `gesture` are one step)."""
        if flt != self.filter:
            self.commands.push(SetFilter(self, self.filter, flt, gesture))

    def set_time_window(self, since: str | None, until: str | None, undated: bool = False, gesture: object = None) -> bool:
        """Show the passages whose time overlaps [since, until] (partial ISO dates; None: open), undoable (the
        windows of one `gesture`, a brush drag or a play run, are one step). A date that is not one, or a window
        that ends before it starts, is refused (False, a problem)."""
        from mapviewer.core.filters import valid_date
        from mapviewer.core.when import first_day, last_day

        bad = next((d for d in (since, until) if d is not None and not valid_date(d)), None)
        if bad is not None or (since and until and first_day(since) > last_day(until)):
            self.problem.emit(f"Not a time window: {bad!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)" if bad is not None
                              else f"Not a time window: {since} is after {until}")
            return False
        self.set_filter(replace(self.filter, since=since, until=until, undated=undated and bool(since or until)), gesture)
        return True

    def set_min_sources(self, count: int) -> None:
        """Show only sites named by at least `count` independent sources (0 or 1: no restriction), undoable."""
        self.set_filter(replace(self.filter, min_sources=max(0, int(count))))

    def reset_filter(self) -> None:
        self.set_filter(Filter())

    def filter_state(self) -> dict[str, object]:
        """The filter as plain data, to remember across runs (per facet)."""
        return self.filter.state()

    def restore_filter(self, state: object) -> None:
        """A remembered filter, as far as this workspace has its values (not undoable: not a user action).

        With `columns_by_worker`, its time window (and minimum of sources) are not worked out here when their
        columns are not built yet: the filter is kept whole meanwhile (what is saved, what later changes keep) and
        the result leaves those parts out until `columns_ready`."""
        flt = Filter.from_state(state, facet_values(self.ws.table))
        self.waiting = self.columns_by_worker and self.ws.table.ready_part(flt) != flt
        self._apply_filter(flt)

    @property
    def shown_filter(self) -> Filter:
        """What the result shows: the filter, or while a restored one waits (restore_filter), its part that the
        columns built so far allow."""
        return self.ws.table.ready_part(self.filter) if self.waiting else self.filter

    def columns_ready(self) -> bool:
        """A worker built columns (the times, then the sources): a waiting filter is applied as far as they allow
        now, whole once every column it needs is there. True when the result was made again (`filtered`)."""
        if not self.waiting:
            return False
        self.waiting = self.ws.table.ready_part(self.filter) != self.filter
        self._apply_filter(self.filter)
        return True

    def waiting_note(self) -> str:
        """What of the filter is not shown yet and why (the window's status bar): "" when nothing waits."""
        flt, shown = self.filter, self.shown_filter
        parts, needs = [], []
        if flt.timed and not shown.timed:
            parts.append(f"the time window {' – '.join(d for d in (flt.since, flt.until) if d)}")
            needs.append("the passages' times are read")
        if flt.min_sources != shown.min_sources:
            parts.append(f"at least {flt.min_sources} sources")
            needs.append("the independent sources are worked out")
        if not parts:
            return ""
        return f" · {' and '.join(parts)} appl{'y' if len(parts) > 1 else 'ies'} once {' and '.join(needs)}"

    def stop_waiting(self, why: str) -> None:
        """The columns a waiting filter needs could not be built: show what can be shown and say so, rather than
        wait for ever (the parts that need them are dropped from the filter; the message says which)."""
        if not self.waiting:
            return
        dropped = self.filter
        self.waiting = False
        self._apply_filter(self.ws.table.ready_part(dropped))
        self.message.emit(f"{why} The filter shows everything else it asked for.")

    def _apply_filter(self, flt: Filter) -> None:
        self.filter = flt
        self.result = self.ws.filter(self.shown_filter)
        self.filtered.emit(self.result)

    # -- selection and view ---------------------------------------------------------------------------
    def select(self, site_id: str | None = None, mention_id: str | None = None) -> bool:
        """Look at a site (and a passage of it). Ids come from the page and the panels: unknown ones are refused."""
        if mention_id is not None:
            mention = self.ws.mention_by_id.get(mention_id)
            if mention is None:
                return False
            site_id = mention.site_id
        if site_id is not None and site_id not in self.ws.site_by_id:
            return False
        self.selection = Selection(site_id, mention_id)
        self.selected.emit(self.selection)
        return True

    def set_basemap(self, key: str) -> bool:
        if key not in BASEMAPS:
            return False
        self.basemap = key
        self.basemap_changed.emit(key)
        return True

    # -- labels ---------------------------------------------------------------------------------------
    def correct_label(self, mention_id: str, certainty: str | None, topics: list[str] | None) -> bool:
        """Record a user's correction of a passage's label (saved at once, undoable)."""
        if mention_id not in self.ws.mention_by_id:
            return False
        try:
            self.commands.push(CorrectLabel(self, mention_id, certainty, topics))
        except (OSError, ValueError) as exc:
            self.problem.emit(f"The correction was not saved:\n{exc}")
            return False
        return True

    def _label_corrected(self, mention: Mention) -> None:
        self.label_changed.emit(mention)
        self._apply_filter(self.filter)
        self.message.emit(f"Label of the passage in {self.ws.article_label(mention.article_id)} saved")

    # -- the user's own articles ------------------------------------------------------------------------
    def review_root(self) -> Path:
        return ingest_target(self.ws.location)[0]

    def editable(self, article_id: str) -> bool:
        """The user's own articles (in the folder ingest writes to); the bundled corpus is read-only."""
        article = self.ws.article_by_id.get(article_id)
        return article is not None and Path(article.source_file).parent == self.review_root() / "articles"

    def decide(self, action: str, key: str, *args: object, name: str | None = None) -> bool:
        """Apply one review decision to the workspace files (undoable); the data is read again after it.
        `name`: the item's name, for messages."""
        if self.busy or action not in DECISIONS:
            return False
        root = self.review_root()
        label = f"{action.capitalize()} “{name or key}”"
        try:
            with commit.writing(root, wait=WRITE_WAIT):  # no other writer between `before` and `after`
                before = decisions.snapshot(root)
                if action in _SIMPLE_DECISIONS:
                    _SIMPLE_DECISIONS[action](root, key)
                else:
                    _SITE_DECISIONS[action](root, key, *args, others=self.ws.sites)
                after = decisions.snapshot(root)
        except (ReviewError, StoreError, OSError) as exc:
            self.problem.emit(f"{label}: {_why(exc, root)}")
            return False
        self.commands.push(WorkspaceEdit(self, label, root, before, after), done=True)
        self.reload()
        self.message.emit(f"{label}: saved")
        return True

    def set_article_details(self, article_id: str, changes: dict[str, str | None]) -> bool:
        """Correct an added article's title, outlet, date or URL (undoable)."""
        if not changes or self.busy:
            return False
        root = self.review_root()
        try:
            with commit.writing(root, wait=WRITE_WAIT):  # no other writer between `before` and `after`
                before = decisions.snapshot(root)
                set_article_details(root, article_id, changes)
                after = decisions.snapshot(root)
        except (StoreError, OSError) as exc:
            self.problem.emit(f"The details of {article_id!r} were not saved:\n{_why(exc, root)}")
            return False
        self.commands.push(WorkspaceEdit(self, f"Edit details of {article_id}", root, before, after), done=True)
        self.reload()
        self.message.emit(f"Details of {article_id!r} saved")
        return True

    # -- exports --------------------------------------------------------------------------------------
    def export(
        self,
        path: Path,
        exporter: Exporter,
        flt: Filter,
        result: FilterResult,
        options: ExportOptions,
        image: MapImage | None = None,
    ) -> None:
        """Write an export (undoable: undo restores what the file held before). Raises ExportFailed."""
        path = Path(path)
        before: bytes | None = None
        try:
            keep = not (path.is_file() and path.stat().st_size > UNDOABLE_EXPORT_BYTES)
            if keep:
                before = _file_bytes(path)
        except OSError:
            keep = False  # unreadable: the export itself will say what is wrong
        data = write_export(path, exporter, self.ws, flt, result, options, image)
        if not keep:
            self.message.emit(f"{path} written (the file it replaced could not be kept for undo)")
            return
        self.commands.push(WriteExport(self, path, before, data), done=True)
        self.message.emit(f"{path} written")

    # -- the data -------------------------------------------------------------------------------------
    def changed_elsewhere(self) -> bool:
        """Whether another process has committed to a folder of this workspace since it was read."""
        return commit.tokens(self.ws.location.folders()) != self.ws.commits

    def reload(self) -> bool:
        """The workspace files changed (articles added, a decision, another process): read them again."""
        try:
            ws = Workspace.load(self.ws.location)
        except WorkspaceError as exc:
            self.problem.emit(f"The workspace could not be reloaded; still showing the previous state.\n{exc}")
            return False
        self.set_workspace(ws)
        return True

    def set_workspace(self, ws: Workspace) -> None:
        """Show another state of the data with the same filter (as far as it still applies) and selection."""
        state = self.filter.state()
        self.ws = ws
        self.filter = Filter.from_state(state, facet_values(ws.table))
        # A new table has no time or source columns yet: a filter that needs them waits for the worker
        # (the window's timeline rebuilds them), as at start-up, instead of building them here on the GUI thread.
        self.waiting = self.columns_by_worker and (self.waiting or ws.table.ready_part(self.filter) != self.filter)
        self.result = ws.filter(self.shown_filter)
        site, mention = self.selection.site_id, self.selection.mention_id
        self.selection = Selection(site if site in ws.site_by_id else None, mention if mention in ws.mention_by_id else None)
        self.workspace_changed.emit(ws)
        self.filtered.emit(self.result)
