"""What figures and flows cost on large generated workspaces: opening a workspace computes neither (they are
computed from its articles and mentions when first asked for), so this measures that first use.

For each size: the workspace is generated (benchmarks/generate.py, cached under --workdir) and opened once
(its snapshot kept, as a user's later opens), then, REPEAT times each: the open again (from the snapshot),
figures_of, flows_of, conflicts_of, and the GeoJSON text without and with the flows. Prints the median and
range of each, and the counts.

    python benchmarks/bench_figures.py [--sizes 10000,100000] [--repeat 3] [--workdir /tmp/figures-bench]

Measured 2026-12-02 on the 2-core VM shared with other jobs (10k: 3 runs, medians; 100k: 1 run; runs
made while the machine was busier took up to 2-3x longer):
  10k (2,000 articles, 20,404 mentions; 4,869 figures, 637 flows): open from the snapshot 0.21 s (unchanged:
  nothing is computed at open), figures_of 1.02 s, flows_of 0.93 s, conflicts 0.01 s; GeoJSON 1.29 s sites
  only, 2.44 s with the flows.
  100k (20,000 articles, 204,219 mentions; 48,245 figures, 6,179 flows): open 2.61 s, figures_of 13.6 s,
  flows_of 12.8 s, conflicts 0.5 s; GeoJSON 15.7 s sites only, 29.9 s with the flows.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import ensure

from mapviewer.core import export_data
from mapviewer.core.evidence import flows_passing
from mapviewer.core.figures import conflicts_of, figures_of
from mapviewer.core.filters import Filter
from mapviewer.core.flows import flow_features, flows_of
from mapviewer.core.workspace import Workspace


def _timed(fn, *args):
    start = time.perf_counter()
    value = fn(*args)
    return time.perf_counter() - start, value


def _sites_only_geojson(ws: Workspace) -> str:
    import json

    return json.dumps(export_data.geojson(ws, Filter()), ensure_ascii=False, indent=1)


def _flow_features(ws: Workspace) -> list[dict]:
    return flow_features(ws, flows_passing(ws, Filter()))


def bench(size: int, repeat: int, workdir: Path) -> dict[str, list[float]]:
    root = ensure(workdir, size, max(20, size // 5))
    Workspace.open(root)  # the first open keeps the snapshot; the opens timed below read it
    times: dict[str, list[float]] = {}
    counts: dict[str, int] = {}
    for _ in range(repeat):
        t, ws = _timed(Workspace.open, root)
        times.setdefault("open (snapshot)", []).append(t)
        t, figures = _timed(figures_of, ws)
        times.setdefault("figures_of", []).append(t)
        t, flows = _timed(flows_of, ws)
        times.setdefault("flows_of", []).append(t)
        t, conflicts = _timed(conflicts_of, figures)
        times.setdefault("conflicts_of", []).append(t)
        t, _ = _timed(_sites_only_geojson, ws)
        times.setdefault("GeoJSON, sites only", []).append(t)
        t, _ = _timed(export_data.geojson_text, ws, Filter())
        times.setdefault("GeoJSON, sites + flows", []).append(t)
        t, _ = _timed(_flow_features, ws)
        times.setdefault("flow features (filter + lines)", []).append(t)
        counts = {"articles": len(ws.articles), "mentions": len(ws.mentions), "figures": len(figures), "flows": len(flows),
                  "conflicts": len(conflicts)}
    print(f"\n{size:,} sites: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    for name, values in times.items():
        print(f"  {name:<32} median {statistics.median(values):7.2f} s  (range {min(values):.2f}–{max(values):.2f}, n={len(values)})")
    return times


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="10000,100000")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "figures-bench")
    args = p.parse_args(argv)
    print(f"machine: {os.cpu_count()} cores; repeat {args.repeat}")
    for size in (int(s) for s in args.sizes.split(",")):
        bench(size, args.repeat, args.workdir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
