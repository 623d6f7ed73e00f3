"""Pausing the collector nests, in one thread and across threads: it resumes when the last pause ends,
never while one is still under way, and never if it was off to begin with."""

from __future__ import annotations

import gc
import threading

from mapviewer.core.gcpause import gc_paused


def test_nested_pauses_resume_when_the_outer_one_ends():
    assert gc.isenabled()
    with gc_paused():
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_pause_ending_in_one_thread_does_not_resume_another_threads_pause():
    entered, release = threading.Event(), threading.Event()
    seen: list[bool] = []

    def worker() -> None:
        with gc_paused():
            entered.set()
            release.wait(10)
        seen.append(gc.isenabled())  # its pause ended while the main thread's goes on

    thread = threading.Thread(target=worker)
    thread.start()
    assert entered.wait(10)
    with gc_paused():
        release.set()
        thread.join(10)
        assert seen == [False]
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        with gc_paused(promote=True):
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_promotion_asked_by_an_inner_pause_happens_when_the_last_one_ends():
    class Made:
        pass

    with gc_paused():
        with gc_paused(promote=True):
            made = Made()
        assert not any(o is made for o in gc.get_objects(generation=2))  # not yet: a pause is under way
    assert any(o is made for o in gc.get_objects(generation=2))
