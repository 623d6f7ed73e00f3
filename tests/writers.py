"""Helpers for tests with other real processes writing a workspace: the CLI as a subprocess, and a
process that holds a workspace's writer lock until told to let go."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mapviewer.core import commit

HOLD = """import sys
from mapviewer.core import commit
with commit.writing(sys.argv[1]):
    print("held", flush=True)
    sys.stdin.readline()
"""


def mapviewer(*args: object) -> list[str]:
    return [sys.executable, "-m", "mapviewer", *map(str, args)]


def env(**extra: str) -> dict[str, str]:
    """This process's environment (so the per-test user folder), without the commit test hook."""
    return {k: v for k, v in os.environ.items() if k not in (commit.PAUSE_ENV, "MAPVIEWER_DATA")} | extra


@contextmanager
def lock_held(root: Path) -> Iterator[subprocess.Popen]:
    """Another process holds `root`'s writer lock for the duration of the block."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(root)], env=env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline() == "held\n"
        yield holder
    finally:
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=30)
