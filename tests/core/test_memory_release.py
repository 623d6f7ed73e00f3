"""After a big build the memory its temporaries used goes back to the system (glibc's malloc_trim)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mapviewer.core import gcpause

PROBE = """
from mapviewer.core import gcpause

def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024

with gcpause.gc_paused():  # a build: 60 MB of temporaries, a few survivors scattered among them
    blocks = [bytes(2000) + bytes([i % 256]) for i in range(30000)]
    survivors = blocks[::64]
    del blocks
print(rss_mb())
"""


@pytest.mark.skipif(gcpause._malloc_trim() is None, reason="no glibc malloc_trim on this platform")
def test_memory_freed_inside_a_paused_build_is_returned_to_the_system():
    def rss_after(trim: bool) -> int:
        code = PROBE if trim else PROBE.replace("from mapviewer.core import gcpause", "from mapviewer.core import gcpause\ngcpause.release_freed_memory = lambda: None")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        return int(out.stdout.strip())

    kept, released = rss_after(trim=False), rss_after(trim=True)
    assert released < kept - 30, (kept, released)  # most of the 60 MB of freed blocks is gone
