"""One writer at a time per workspace folder, and commits that are atomic as a whole.

Why: two writers (the window and `mapviewer ingest`, or two ingests) that each read, decide and write
the same files lose one another's work unless one waits for the other; and a commit that replaces
several files one by one, killed half-way, leaves a state no loader should see (texts without their
entries, sites without their candidates).

The lock: `.mapviewer.lock` in the folder, an OS file lock (filelock; the kernel drops it when its
process dies), held by a writer across its whole read–decide–commit (`writing`). Re-entrant within a
thread, so an edit made inside a larger locked step does not wait for itself.

A commit (under the lock, `commit`):
  1. the journal `.mapviewer-commit.next` names every new file's temp name and target, and the files
     to delete; it is written and fsynced first, so every temp file of ours is named somewhere;
  2. each new file is written beside its target as `.<name>.<txid>.tmp` and fsynced;
  3. the journal is renamed to `.mapviewer-commit.json`: that one rename is the commit point;
  4. the temp files are renamed over their targets, the deletions done;
  5. `.mapviewer-commit.json` is replaced by one with nothing pending (same generation).
Any open (reader or writer) first rolls a commit file with pending renames forward (4–5 again:
idempotent) and a journal never renamed back (its temp files removed); a writer also removes stray
`.*.tmp` files in the folder and its `articles/`.

Readers do not take the lock (a writer may hold it for minutes while it finds places): they read the
commit file before and after reading the workspace and read again when it changed (`read_consistent`),
so they see exactly one generation, never a mix.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, TypeVar

from mapviewer.core.atomic import _mode_for
from mapviewer.core.lazyre import lazy_compile

if TYPE_CHECKING:
    from filelock import FileLock

LOCK_NAME = ".mapviewer.lock"
COMMIT_NAME = ".mapviewer-commit.json"
"""The commit point: its content changes with every commit (a watcher or a reader compares it)."""
JOURNAL_NAME = ".mapviewer-commit.next"
DONE_NAME = ".mapviewer-commit.done"
PAUSE_ENV = "MAPVIEWER_TEST_COMMIT_PAUSE"
"""Tests only: pause (sleep) before commit step N (0, 1, …) after saying so on stderr, to be killed there."""
_STRAY = lazy_compile(r"^\..+\.(?:json|geojson|txt)\.(?:[0-9a-f]{12}|[a-z0-9_]{8})\.tmp$")
"""Temp names of ours (txid: 12 hex digits) and of atomic.py's mkstemp (8 characters), for the files a
workspace is made of: a user's own hidden files are never taken for them."""
_SWEPT = ("", "articles")  # the folders a writer sweeps for stray temp files

T = TypeVar("T")


class Busy(OSError):
    """Another mapviewer holds the workspace lock, and this writer was not to wait (any longer)."""


# ------------------------------------------------------------------------------ the lock

_locks: dict[str, FileLock] = {}
_locks_guard = threading.Lock()


def _lock(root: Path) -> FileLock:
    """One FileLock object per folder in this process: its count makes it re-entrant per thread, and
    each thread has its own descriptor, so two threads exclude each other like two processes."""
    from filelock import FileLock  # only writers and recovering readers need it

    path = str(Path(root).resolve() / LOCK_NAME)
    with _locks_guard:
        lock = _locks.get(path)
        if lock is None:
            lock = _locks[path] = FileLock(path, thread_local=True)
        return lock


def holds(root: Path) -> bool:
    """Whether this thread holds `root`'s lock."""
    return Path(root).is_dir() and _lock(root).is_locked


@contextmanager
def writing(root: Path, *, wait: float | None = None, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold `root`'s writer lock (creating the folder), recovering an interrupted commit first.

    `wait`: seconds to wait for another writer (None: as long as it takes; 0: not at all), then Busy.
    `waiting` is called about every 0.2 s while waiting (to say so, or to raise when cancelled).
    """
    from filelock import Timeout

    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    lock = _lock(root)
    if lock.is_locked:  # this thread is already writing here: a step inside a larger edit
        lock.acquire()
        try:
            yield
        finally:
            lock.release()
        return
    deadline = None if wait is None else time.monotonic() + wait
    try:
        lock.acquire(timeout=0)
    except Timeout:
        while True:
            if deadline is not None and time.monotonic() >= deadline:
                raise Busy(f"another mapviewer is writing to {root}") from None
            if waiting is not None:
                waiting()
            step = 0.2 if deadline is None else max(0.0, min(0.2, deadline - time.monotonic()))
            try:
                lock.acquire(timeout=step)
                break
            except Timeout:
                continue
    try:
        recover(root, sweep=True)
        yield
    finally:
        lock.release()


# ------------------------------------------------------------------------------ committing

_step = 0


def _pause(what: str) -> None:
    """The test hook (PAUSE_ENV): a real process stopped at a known step, for a real SIGKILL."""
    global _step
    target = os.environ.get(PAUSE_ENV)
    if target is None:
        return
    n, _step = _step, _step + 1
    if str(n) == target:
        sys.stderr.write(f"mapviewer-test: commit paused at step {n} ({what})\n")
        sys.stderr.flush()
        time.sleep(3600)


def _dumps(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _write_synced(path: Path, data: bytes, mode: int = 0o644, sync: bool = True) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        os.fchmod(fd, mode)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        if sync:
            os.fsync(fd)
    finally:
        os.close(fd)


def _sync_dir(folder: Path) -> None:
    """Make renames and creations in `folder` durable (POSIX; a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _inside(root: Path, rel: str) -> Path:
    p = PurePosixPath(rel)
    if p.is_absolute() or ".." in p.parts or not p.parts:
        raise ValueError(f"{rel!r} is not a path inside the workspace")
    return root.joinpath(*p.parts)


def commit(root: Path, writes: Sequence[tuple[str, bytes]], deletes: Iterable[str] = ()) -> None:
    """Replace the files `writes` names (paths relative to `root`, POSIX style) and delete `deletes`,
    all at once: readers see all of it or none of it, whenever this process dies. Needs the lock."""
    root = Path(root)
    if not holds(root):
        raise RuntimeError(f"commit to {root} without holding its lock")
    previous = _read_state(root / COMMIT_NAME) or {}
    txid = secrets.token_hex(6)
    renames = []
    for rel, _ in writes:
        target = PurePosixPath(rel)
        _inside(root, rel)
        renames.append([str(target.parent / f".{target.name}.{txid}.tmp"), str(target)])
    deletes = [str(PurePosixPath(d)) for d in deletes if _inside(root, str(d))]
    generation = previous.get("generation")
    generation = generation if isinstance(generation, int) else 0
    state = {"version": 1, "generation": generation + 1, "txid": txid, "renames": renames, "deletes": deletes}
    folders = {root} | {_inside(root, tmp).parent for tmp, _ in renames}
    try:
        _pause("journal")
        # Not fsynced: it only has to be on disk with the temp files (synced below, with their folders)
        # for a power cut to leave nothing unnamed; a kill never loses what was written.
        _write_synced(root / JOURNAL_NAME, _dumps(state), sync=False)
        for (rel, data), (tmp, _) in zip(writes, renames):
            path = _inside(root, rel)
            path.parent.mkdir(parents=True, exist_ok=True)
            _pause(f"write {rel}")
            try:
                _write_synced(_inside(root, tmp), data, _mode_for(path))
            except OSError as exc:  # a full disk, a size limit: name the file the user knows, not our temp name
                raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
        for folder in folders:
            _sync_dir(folder)
        _pause("commit point")
        os.replace(root / JOURNAL_NAME, root / COMMIT_NAME)  # THE commit point
    except BaseException:
        if (_read_state(root / COMMIT_NAME) or {}).get("txid") == txid:  # interrupted just after the rename
            _apply(root, state)
        else:
            _roll_back(root)
        raise
    _sync_dir(root)
    try:
        _apply(root, state)
    except KeyboardInterrupt:  # committed: finish, so what the user is told matches the files
        _apply(root, state)


def _apply(root: Path, state: dict[str, Any]) -> None:
    """Steps 4–5 of a commit, from wherever they stopped (a temp file already renamed is skipped)."""
    folders = {root}
    for tmp, target in state.get("renames", []):
        _pause(f"rename {target}")
        with contextlib.suppress(FileNotFoundError):
            os.replace(_inside(root, tmp), _inside(root, target))
        folders.add(_inside(root, target).parent)
    for rel in state.get("deletes", []):
        _pause(f"delete {rel}")
        with contextlib.suppress(FileNotFoundError):
            os.unlink(_inside(root, rel))
    for folder in folders:
        _sync_dir(folder)
    _pause("done")
    # Not fsynced: lost or cut short by a power cut, the commit file still names the renames, done again.
    done = {k: state.get(k) for k in ("version", "generation", "txid")} | {"renames": [], "deletes": []}
    _write_synced(root / DONE_NAME, _dumps(done), sync=False)
    os.replace(root / DONE_NAME, root / COMMIT_NAME)


def _roll_back(root: Path) -> None:
    """Undo steps 1–2 of a commit that never reached its commit point: its temp files and journal go."""
    state = _read_state(root / JOURNAL_NAME)
    for tmp, _ in (state or {}).get("renames", []):
        with contextlib.suppress(OSError, ValueError):
            path = _inside(root, tmp)
            if _STRAY.match(path.name):
                path.unlink()
    with contextlib.suppress(FileNotFoundError):
        (root / JOURNAL_NAME).unlink()
    _sync_dir(root)


def _read_state(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):  # missing, or a journal cut short by a kill (no temp file exists yet)
        return None
    if not isinstance(data, dict):
        return None
    for k in ("renames", "deletes"):
        if not isinstance(data.get(k), list):
            data[k] = []
    data["renames"] = [r for r in data["renames"] if isinstance(r, list) and len(r) == 2 and all(isinstance(x, str) for x in r)]
    data["deletes"] = [d for d in data["deletes"] if isinstance(d, str)]
    return data


def recover(root: Path, sweep: bool = False) -> None:
    """Finish or undo what a killed writer left (the caller holds the lock); with `sweep`, also remove
    stray temp files (a writer's open: it may list `articles/`, which a reader need not pay for)."""
    root = Path(root)
    state = _read_state(root / COMMIT_NAME)
    if state and (state["renames"] or state["deletes"]):
        _apply(root, state)
    if (root / JOURNAL_NAME).exists():
        _roll_back(root)
    with contextlib.suppress(FileNotFoundError):
        (root / DONE_NAME).unlink()
    if sweep:
        for sub in _SWEPT:
            with contextlib.suppress(OSError), os.scandir(root / sub) as entries:
                for e in entries:
                    if e.name.startswith(".") and e.name.endswith(".tmp") and _STRAY.match(e.name) and e.is_file():
                        with contextlib.suppress(OSError):
                            os.unlink(e.path)


# ------------------------------------------------------------------------------ reading


def token(root: Path) -> bytes | None:
    """The commit file's bytes (None when never committed): equal tokens, same workspace files."""
    try:
        return (Path(root) / COMMIT_NAME).read_bytes()
    except OSError:
        return None


def tokens(roots: Iterable[Path]) -> tuple[bytes | None, ...]:
    return tuple(token(r) for r in roots)


def _pending(raw: bytes | None) -> bool:
    if raw is None:
        return False
    try:
        data = json.loads(raw)
    except ValueError:
        return False
    return isinstance(data, dict) and bool(data.get("renames") or data.get("deletes"))


def settle(root: Path, wait: float = 10.0) -> bytes | None:
    """The commit token once nothing is half-applied in `root`: a dead writer's commit is rolled forward
    (or its unfinished one back) when the lock is free; a live writer's renames are waited for (ms)."""
    root = Path(root)
    deadline = time.monotonic() + wait
    while True:
        raw = token(root)
        pending = _pending(raw)
        if not pending and not (root / JOURNAL_NAME).exists():
            return raw
        if not os.access(root, os.W_OK) or holds(root):  # cannot recover here, or we are the writer
            return raw
        from filelock import Timeout

        lock = _lock(root)
        try:
            lock.acquire(timeout=0)
        except Timeout:  # a live writer: its journal is invisible to loaders; its renames take ms
            if not pending:
                return raw
            if time.monotonic() > deadline:  # stopped mid-commit: its files are half applied, not readable
                raise Busy(f"another mapviewer is committing to {root} and has not finished") from None
            time.sleep(0.02)
            continue
        try:
            recover(root)
        finally:
            lock.release()


def read_consistent(roots: Sequence[Path], read: Callable[[], T], tries: int = 4) -> tuple[T, tuple[bytes | None, ...]]:
    """`read()` of files under `roots` as of one commit of each, and the commit tokens it saw."""
    roots = list(dict.fromkeys(Path(r) for r in roots))
    for _ in range(tries):
        before = tuple(settle(r) if r.is_dir() else None for r in roots)
        result = read()
        if tokens(roots) == before:
            return result, before
    # Writers kept committing while we read: read once more while holding their locks (only folders
    # committed to: no lock file appears in, say, the bundled corpus's folder).
    with ExitStack() as stack:
        for r in sorted(roots, key=str):
            if (r / COMMIT_NAME).is_file() and os.access(r, os.W_OK):
                stack.enter_context(writing(r, wait=30))
        return read(), tokens(roots)
