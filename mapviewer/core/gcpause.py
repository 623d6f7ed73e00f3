"""Pausing Python's cyclic garbage collector around big builds of acyclic data, and handing the
memory their temporaries used back to the system afterwards.

Why: loading a 100,000-site workspace or building its page makes about a million long-lived objects
and no garbage cycles, yet every allocation burst triggers collections that re-scan all of them; at
that size the collector cost a third of the load and more than the page build itself. And the C
allocator keeps the pages the build's temporaries freed (tens of MB at that size) unless told.
"""

from __future__ import annotations

import functools
import gc
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0  # pauses under way, in any thread
_resume = False  # whether the collector was on when the first of them began
_promote = False  # whether one of them asked for promotion


@contextmanager
def gc_paused(promote: bool = False) -> Iterator[None]:
    """Hold the collector for the block. `promote`: afterwards move what survived straight into the
    oldest generation (gc.freeze + unfreeze), so the first young collections after a load do not each
    walk everything that was just made (seconds at 100,000 sites).

    Pauses nest, also across threads (a workspace loading in a worker while the window builds a page):
    the collector resumes when the last one ends, not when the first does."""
    global _pauses, _resume, _promote
    with _lock:
        if _pauses == 0:
            _resume, _promote = gc.isenabled(), False
            gc.disable()
        _pauses += 1
        _promote = _promote or promote
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            last = _pauses == 0
            if last and _resume:
                if _promote and gc.get_freeze_count() == 0:
                    gc.freeze()
                    gc.unfreeze()
                gc.enable()
        if last and _resume:
            release_freed_memory()  # the last pause only: an earlier one's temporaries are not all freed yet


@functools.cache
def _malloc_trim() -> object:
    """glibc's malloc_trim, or None (not Linux, or a C library without it, such as musl)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # here: importing it costs the window's start-up, where this is not yet needed

    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def release_freed_memory() -> None:
    """Return the heap pages freed memory left behind to the system (glibc's malloc_trim; elsewhere
    nothing to do or nothing we can do). Cheap after a small build, some ms after a 100k one."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)  # type: ignore[operator]
