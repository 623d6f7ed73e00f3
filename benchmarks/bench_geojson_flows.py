"""What the flows add to a GeoJSON export on large generated workspaces (the export writes the flows passing the
filter as LineStrings after the sites, so it must find the flows of every article first).

For each size: the workspace is generated (benchmarks/generate.py, cached under --workdir) and opened from its
snapshot; then REPEAT times, each on a freshly opened workspace (nothing computed yet, as a `mapviewer export`):
the GeoJSON text of the sites alone, and the whole GeoJSON export (sites + flows). Prints medians and ranges.
Runs against whichever mapviewer is first on PYTHONPATH, so the same script measures before and after a change:

    PYTHONPATH=/path/to/checkout python benchmarks/bench_geojson_flows.py [--sizes 10000,100000] [--repeat 3]

Measured 2026-12-02 on the 2-core VM with 7 other jobs (load average 9-11; one run per size and side, CPU s):
  before (main at 8d84e9f): 10k sites 2.77 s, +1.15 s with the flows (+42 %); 100k sites 33.90 s, +13.02 s (+38 %).
  after (figures-window):   10k sites 2.47 s, +1.05 s (+42 %);                100k sites 30.40 s, +6.92 s (+23 %).
  flows_of alone at 10k, 4 alternating runs each: 1.03-1.47 s before, 0.74-0.94 s after.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import ensure

from mapviewer.core import export_data
from mapviewer.core.filters import Filter
from mapviewer.core.workspace import Workspace


def _timed(fn, *args):
    """(CPU seconds of this process, wall seconds, value): CPU time, the figure compared, stays meaningful on a
    machine shared with other jobs; wall time is printed beside it."""
    cpu, wall = time.process_time(), time.perf_counter()
    value = fn(*args)
    return (time.process_time() - cpu, time.perf_counter() - wall), value


def _sites_only(ws: Workspace) -> str:
    return json.dumps(export_data.geojson(ws, Filter()), ensure_ascii=False, indent=1)


def bench(size: int, repeat: int, workdir: Path) -> None:
    root = ensure(workdir, size, max(20, size // 5))
    Workspace.open(root)  # keeps the snapshot: the opens below read it
    times: dict[str, list[tuple[float, float]]] = {}
    flows = 0
    for _ in range(repeat):
        ws = Workspace.open(root)
        t, _ = _timed(_sites_only, ws)
        times.setdefault("GeoJSON, sites only", []).append(t)
        ws = Workspace.open(root)  # fresh: nothing of the flows computed
        t, text = _timed(export_data.geojson_text, ws, Filter())
        times.setdefault("GeoJSON export (sites + flows)", []).append(t)
        flows = text.count('"feature": "flow"')
    print(f"\n{size:,} sites ({flows:,} flows in the export), {repeat} run(s), CPU seconds (wall):")
    for name, values in times.items():
        cpu = [c for c, _ in values]
        wall = statistics.median(w for _, w in values)
        print(f"  {name:<32} median {statistics.median(cpu):7.2f} s  (range {min(cpu):.2f}–{max(cpu):.2f}; wall {wall:.2f} s)")
    only, whole = (statistics.median(c for c, _ in v) for v in times.values())
    print(f"  the flows add {whole - only:.2f} CPU s ({(whole / only - 1) * 100:.0f} %)")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="10000,100000")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "figures-bench")
    args = p.parse_args(argv)
    import mapviewer

    print(f"mapviewer from {Path(mapviewer.__file__).parent}; machine: {os.cpu_count()} cores")
    for size in (int(s) for s in args.sizes.split(",")):
        bench(size, args.repeat, args.workdir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
