"""The Qt-free application session: filter, selection, basemap, labels and review decisions as undoable
commands on one history, announced through events — on the real bundled corpus and real workspace files,
with no Qt imported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mapviewer import paths
from mapviewer.core.commands import Command, CommandStack
from mapviewer.core.filters import FACETS, Filter
from mapviewer.core.ingest import decisions
from mapviewer.core.ingest.batch import ingest_into
from mapviewer.core.session import Selection, Session
from mapviewer.core.workspace import Location, Workspace

EVAL = Path(__file__).parents[1] / "ingest_eval"


class Recorder:
    """Every emission of a session's events, in order."""

    def __init__(self, session: Session) -> None:
        self.calls: list[tuple[str, tuple]] = []
        for name in ("workspace_changed", "filtered", "label_changed", "selected", "basemap_changed", "message", "problem"):
            getattr(session, name).connect(lambda *args, n=name: self.calls.append((n, args)))

    def names(self) -> list[str]:
        return [n for n, _ in self.calls]

    def last(self, name: str) -> tuple:
        return next(args for n, args in reversed(self.calls) if n == name)


@pytest.fixture
def session(tmp_path: Path) -> Session:
    """The bundled corpus with a fresh overrides file of its own."""
    location = Location(paths.BUNDLED_SITES, paths.BUNDLED_ARTICLES, tmp_path / "overrides.json", "bundled corpus")
    return Session(Workspace.load(location))


def test_a_filter_change_is_shown_and_undone(session: Session) -> None:
    rec = Recorder(session)
    everything = session.result.passage_count
    session.set_filter(Filter(certainties=frozenset({"alleged"})))
    (result,) = rec.last("filtered")
    assert result is session.result and 0 < result.passage_count < everything
    assert session.commands.undo_text() == "Filter"
    session.commands.undo()
    assert session.filter == Filter() and session.result.passage_count == everything
    session.commands.redo()
    assert session.filter.certainties == frozenset({"alleged"})


def test_the_same_filter_again_records_nothing(session: Session) -> None:
    session.set_filter(Filter())
    assert not session.commands.can_undo()


def test_typing_in_the_search_box_is_one_undo_step(session: Session) -> None:
    session.set_filter(Filter(articles=frozenset({"nysun-tunnel-engineers"})))
    for text in ("K", "Ku", "Kur", "Kursk"):
        session.set_filter(Filter(articles=frozenset({"nysun-tunnel-engineers"}), text=text))
    assert session.commands.count() == 2
    session.commands.undo()
    assert session.filter == Filter(articles=frozenset({"nysun-tunnel-engineers"}))


def test_filter_state_is_kept_per_facet_so_an_article_named_like_a_topic_is_not_a_topic() -> None:
    choices = {"articles": ["combat", "other"], "certainties": ["reported", "alleged"], "topics": ["combat", "weapons"]}
    flt = Filter(articles=frozenset({"other"}))  # the article "combat" unticked
    restored = Filter.from_state(json.loads(json.dumps(flt.state())), choices)
    assert restored.articles == frozenset({"other"})
    assert restored.topics is None, "the Combat topic stays ticked"


def test_a_remembered_filter_ignores_values_this_workspace_lacks_and_old_formats(session: Session) -> None:
    session.restore_filter({"version": 2, "articles": ["ghost-factories", "gone"], "topics": "weapons", "search": "tunnel"})
    assert session.filter.articles == frozenset({"ghost-factories"})
    assert session.filter.topics is None  # malformed: no restriction
    assert session.filter.text == "tunnel"
    session.restore_filter({"unchecked": ["combat"], "search": "x"})  # the old mixed list: dropped whole
    assert session.filter == Filter()
    assert not session.commands.can_undo(), "restoring settings is not a user action"


def test_a_restored_time_window_can_wait_for_columns_built_elsewhere(session: Session) -> None:
    """The window restores a saved time window (and minimum of sources) without reading every passage's time on its
    thread: meanwhile the result leaves those parts out, the filter stays whole (it is what is saved and what
    later changes keep), and each `columns_ready` applies what the columns built so far allow."""
    session.columns_by_worker = True  # as the window's session: a worker builds the columns
    table = session.ws.table
    assert not table.has_time_columns and not table.has_source_columns
    saved = Filter(certainties=frozenset({"reported", "confirmed"}), since="2024", until="2025", min_sources=2)
    rec = Recorder(session)
    session.restore_filter(saved.state())
    assert session.filter == saved and session.waiting
    assert not table.has_time_columns and not table.has_source_columns  # nothing built here
    assert session.shown_filter == Filter(certainties=saved.certainties)
    assert session.result.site_ids == session.ws.filter(Filter(certainties=saved.certainties)).site_ids
    session.set_filter(Filter(certainties=frozenset({"reported"}), since="2024", until="2025", min_sources=2))  # a change meanwhile
    assert not table.has_time_columns and session.shown_filter == Filter(certainties=frozenset({"reported"}))
    session.commands.undo()
    assert session.filter == saved
    table.time_columns()  # as the window's worker does, then the sources
    assert session.columns_ready() and session.waiting  # the window applies; the minimum still waits
    assert session.shown_filter == Filter(certainties=saved.certainties, since="2024", until="2025")
    table.source_columns()
    assert session.columns_ready() and not session.waiting
    assert session.shown_filter == saved and session.result.site_ids == session.ws.filter(saved).site_ids
    assert len(session.result.site_ids) > 0 and rec.last("filtered") == (session.result,)
    assert not session.columns_ready()  # nothing waits any more
    # Without waiting (or once the columns exist) a restored window applies at once, as before.
    session.restore_filter(saved.state())
    assert not session.waiting and session.result.site_ids == session.ws.filter(saved).site_ids


def test_the_waiting_note_says_what_is_not_shown_yet_and_what_it_waits_for(session: Session) -> None:
    session.columns_by_worker = True  # as the window's session: a worker builds the columns
    assert session.waiting_note() == ""
    session.restore_filter(Filter(since="2024", until="2025", min_sources=2).state())
    assert session.waiting_note() == (" · the time window 2024 – 2025 and at least 2 sources apply once the passages'"
                                      " times are read and the independent sources are worked out")
    session.ws.table.time_columns()
    session.columns_ready()
    assert session.waiting_note() == " · at least 2 sources applies once the independent sources are worked out"
    session.ws.table.source_columns()
    session.columns_ready()
    assert session.waiting_note() == ""


def test_a_waiting_filter_whose_columns_cannot_be_built_stops_waiting_and_says_so(session: Session) -> None:
    """A worker that fails must not leave the window waiting for ever (the status bar promising a time window that
    never comes): the filter keeps what can be shown, drops what cannot, and the message says why."""
    session.columns_by_worker = True  # as the window's session: a worker builds the columns
    saved = Filter(certainties=frozenset({"reported"}), since="2024", until="2025", min_sources=2)
    rec = Recorder(session)
    session.restore_filter(saved.state())
    assert session.waiting
    session.stop_waiting("The passages' times could not be worked out: boom.")
    assert not session.waiting and session.filter == Filter(certainties=frozenset({"reported"}))
    assert session.result.site_ids == session.ws.filter(session.filter).site_ids
    assert "could not be worked out: boom" in rec.last("message")[0]
    session.stop_waiting("again")  # nothing waits: nothing changes
    assert rec.last("message")[0] != "again The filter shows everything else it asked for."


def test_a_reloaded_workspace_waits_for_its_new_tables_columns_when_a_worker_builds_them(session: Session) -> None:
    """After a reload (an ingest, a decision, another process's commit) the new table has no time or source columns:
    with a worker to build them (the window), the filter waits for it as at start-up instead of building them on the
    GUI thread; without one (no window), the reload applies the whole filter at once, as before."""
    timed = Filter(since="2024", until="2025")
    session.ws.table.time_columns()
    session.set_filter(timed)
    assert not session.waiting
    session.columns_by_worker = True
    session.set_workspace(Workspace.load(session.ws.location))
    table = session.ws.table
    assert session.waiting and not table.has_time_columns  # nothing built on this thread
    assert session.filter == timed and session.shown_filter == Filter()
    table.time_columns()  # the worker's part
    assert session.columns_ready() and not session.waiting
    assert session.result.site_ids == session.ws.filter(timed).site_ids
    session.columns_by_worker = False
    session.set_workspace(Workspace.load(session.ws.location))
    assert not session.waiting and session.ws.table.has_time_columns  # built here: no worker would


def test_every_facet_round_trips_through_its_state(session: Session) -> None:
    from mapviewer.core.filters import facet_values

    values = facet_values(session.ws.table)
    for facet in FACETS:
        picked = frozenset(values[facet.key][:1])
        flt = Filter().with_selection(facet.key, picked)
        assert Filter.from_state(flt.state(), values) == flt, facet.key


def test_selection_accepts_known_ids_only(session: Session) -> None:
    rec = Recorder(session)
    assert not session.select(site_id="no-such-site")
    assert not session.select(mention_id="no-such-mention")
    assert "selected" not in rec.names()
    mention = session.ws.mentions[0]
    assert session.select(mention_id=mention.id)
    assert session.selection == Selection(mention.site_id, mention.id)
    assert rec.last("selected") == (session.selection,)


def test_basemap_choice(session: Session) -> None:
    rec = Recorder(session)
    assert not session.set_basemap("nope") and session.basemap == "offline"
    assert session.set_basemap("osm") and rec.last("basemap_changed") == ("osm",)


def test_a_label_correction_is_saved_refiltered_and_undone(session: Session, tmp_path: Path) -> None:
    rec = Recorder(session)
    mention = next(m for m in session.ws.mentions if m.claim.certainty == "reported")
    confirmed_before = session.result.certainty_counts["confirmed"]
    assert session.correct_label(mention.id, "confirmed", list(mention.claim.topics))
    (changed,) = rec.last("label_changed")
    assert changed.id == mention.id and changed.claim.certainty == "confirmed"
    assert session.result.certainty_counts["confirmed"] == confirmed_before + 1
    saved = json.loads((tmp_path / "overrides.json").read_text(encoding="utf-8"))
    assert mention.id in json.dumps(saved)
    session.commands.undo()
    assert session.ws.mention_by_id[mention.id].claim.certainty == "reported"
    assert session.result.certainty_counts["confirmed"] == confirmed_before
    assert not session.correct_label("no-such-mention", "confirmed", None)


@pytest.fixture
def own(tmp_path: Path) -> Session:
    """A standalone workspace made by ingesting one real article: it has candidates to review."""
    root = tmp_path / "ws"
    ingest_into([EVAL / "tass-vostochny.txt"], root, merged=False)
    return Session(Workspace.load(Location.folder(root)))


def test_a_review_decision_is_written_undone_and_redone(own: Session) -> None:
    rec = Recorder(own)
    root = own.review_root()
    item = next(i for i in decisions.review_items(root) if i.name == "TOKYO")
    before = decisions.snapshot(root)
    assert own.decide("reject", item.key, name=item.name)
    after = decisions.snapshot(root)
    assert after != before
    assert "workspace_changed" in rec.names() and rec.last("message") == ("Reject “TOKYO”: saved",)
    own.commands.undo()
    assert decisions.snapshot(root) == before
    own.commands.redo()
    assert decisions.snapshot(root) == after
    assert not own.decide("explode", item.key)


def test_undo_is_refused_when_the_files_changed_since(own: Session) -> None:
    rec = Recorder(own)
    root = own.review_root()
    item = next(i for i in decisions.review_items(root) if i.name == "TOKYO")
    assert own.decide("reject", item.key, name=item.name)
    ingest_into([EVAL / "yonhap-yongbyon.txt"], root, merged=False)  # another writer
    changed = decisions.snapshot(root)
    own.commands.undo()
    assert decisions.snapshot(root) == changed, "the other writer's work is kept"
    assert "has changed since" in rec.last("problem")[0]
    assert not own.commands.can_undo(), "the refused step left the history"


def test_a_refused_decision_is_a_problem_not_an_exception(own: Session) -> None:
    rec = Recorder(own)
    assert not own.decide("rename", "no-such-item", "X")
    assert rec.names() == ["problem"]
    assert not own.commands.can_undo()


def test_reload_keeps_the_filter_as_far_as_it_applies(own: Session, tmp_path: Path) -> None:
    article = own.ws.articles[0].id
    own.set_filter(Filter(articles=frozenset({article}), certainties=frozenset({"reported"})))
    root = own.review_root()
    ingest_into([EVAL / "yonhap-yongbyon.txt"], root, merged=False)
    assert own.reload()
    assert own.filter.articles == frozenset({article}) and own.filter.certainties == frozenset({"reported"})
    assert len(own.ws.articles) == 2


def test_reload_failure_keeps_the_previous_state(own: Session) -> None:
    rec = Recorder(own)
    ws = own.ws
    (own.review_root() / "sites.geojson").unlink()
    assert not own.reload()
    assert own.ws is ws
    assert rec.names() == ["problem"] and "could not be reloaded" in rec.last("problem")[0]


class Step(Command):
    def __init__(self, log: list[str], name: str, obsolete_on: str = "") -> None:
        self.log, self.text, self.obsolete_on = log, name, obsolete_on

    def redo(self) -> None:
        self.obsolete = self.obsolete_on == "redo" and self.log.count(f"+{self.text}") > 0
        self.log.append(f"+{self.text}")

    def undo(self) -> None:
        self.obsolete = self.obsolete_on == "undo"
        self.log.append(f"-{self.text}")


def test_command_stack_order_redo_tail_and_limit() -> None:
    log: list[str] = []
    stack = CommandStack(limit=3)
    changes: list[int] = []
    stack.changed.connect(lambda: changes.append(stack.index))
    for name in "abcd":
        stack.push(Step(log, name))
    assert stack.count() == 3 and stack.undo_text() == "d"  # "a" fell off the end
    stack.undo()
    stack.undo()
    assert log[-2:] == ["-d", "-c"] and stack.redo_text() == "c"
    stack.push(Step(log, "e"))  # a new action drops the redo tail
    assert not stack.can_redo() and stack.undo_text() == "e"
    assert changes, "every change is announced"


def test_command_stack_drops_obsolete_commands() -> None:
    log: list[str] = []
    stack = CommandStack()
    stack.push(Step(log, "a"))
    stack.push(Step(log, "b", obsolete_on="undo"))
    stack.undo()
    assert stack.count() == 1 and stack.undo_text() == "a" and not stack.can_redo()
    stack.push(Step(log, "c", obsolete_on="redo"))
    stack.undo()
    stack.redo()
    assert stack.count() == 1 and stack.undo_text() == "a"


def test_a_failing_command_is_not_recorded() -> None:
    class Boom(Command):
        def redo(self) -> None:
            raise OSError("disk full")

    stack = CommandStack()
    with pytest.raises(OSError):
        stack.push(Boom())
    assert stack.count() == 0


def test_an_undo_while_another_process_writes_is_refused_and_changes_nothing(own: Session) -> None:
    from writers import lock_held

    rec = Recorder(own)
    root = own.review_root()
    item = next(i for i in decisions.review_items(root) if i.name == "TOKYO")
    assert own.decide("reject", item.key, name=item.name)
    after = decisions.snapshot(root)
    with lock_held(root):
        own.commands.undo()
    assert decisions.snapshot(root) == after
    assert "another mapviewer (a window, or `mapviewer ingest`) is writing to" in rec.last("problem")[0]


def test_an_export_is_undone_and_redone_but_never_over_a_file_changed_since(session: Session, tmp_path: Path) -> None:
    from mapviewer.core.exporters import ExportOptions, exporter_for

    rec = Recorder(session)
    out = tmp_path / "sites.geojson"
    out.write_bytes(b"the user's old file")
    session.export(out, exporter_for(out), session.filter, session.result, ExportOptions())
    written = out.read_bytes()
    assert json.loads(written)["type"] == "FeatureCollection"
    assert session.commands.undo_text() == "Export sites.geojson"
    session.commands.undo()
    assert out.read_bytes() == b"the user's old file"
    session.commands.redo()
    assert out.read_bytes() == written
    out.write_bytes(b"edited by hand since")
    session.commands.undo()
    assert out.read_bytes() == b"edited by hand since", "a file changed since the export is left alone"
    assert "has changed since" in rec.last("problem")[0]
    new = tmp_path / "new.kml"
    session.export(new, exporter_for(new), session.filter, session.result, ExportOptions())
    session.commands.undo()
    assert not new.exists(), "undoing the export of a new file removes it"


def test_a_time_window_and_a_source_minimum_are_undoable_filter_steps(session: Session) -> None:
    rec = Recorder(session)
    everything = session.result.passage_count
    assert session.set_time_window("2024", "2024")  # the New York Sun article (2024-07) and its dated past
    in_2024 = session.result.passage_count
    assert 0 < in_2024 < everything and "time: from 2024 to 2024" in session.filter.describe()
    shown = {(m.article_id, m.site_id) for m in map(session.ws.mention_by_id.get, session.result.mention_ids)}
    # the New York Sun (July 2024) and what it dates in 2024; Alabuga's "August 2024" at Kursk; the Ghost Factories'
    # "recently" (no start, up to 2025-07) counts at its known end, not in every earlier window (as the timeline
    # draws it); none of the NIS article (November 2025)
    assert ("alabuga-drone-workers", "kursk-oblast") in shown and ("nysun-tunnel-engineers", "pivnichne") in shown
    assert ("ghost-factories", "mt-chonma") not in shown and not any(a == "nis-kursk-deployment" for a, _ in shown)
    session.set_min_sources(2)
    assert session.result.passage_count < in_2024
    assert not session.set_time_window("2024-13", None) and "not a date" in rec.last("problem")[0]
    assert not session.set_time_window("2025", "2024") and "is after" in rec.last("problem")[0]
    session.commands.undo()
    session.commands.undo()
    assert session.filter == Filter() and session.result.passage_count == everything
