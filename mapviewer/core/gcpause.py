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
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused(promote: bool = False) -> Iterator[None]:
    """Hold the collector for the block. `promote`: afterwards move what survived straight into the
    oldest generation (gc.freeze + unfreeze), so the first young collections after a load do not each
    walk everything that was just made (seconds at 100,000 sites)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if promote and gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
            release_freed_memory()  # the outermost pause only: an inner one's temporaries are not all freed yet


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
