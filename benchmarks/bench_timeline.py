"""Brushing the timeline on generated workspaces: what one brush step costs, and the first build of the columns.

    python benchmarks/bench_timeline.py [--sizes 10000] [--repeat 5] [--steps 24] [--workdir DIR] [--json]

Per size, in one fresh process: open the workspace (generate.py; its snapshot kept in a private cache folder),
then build the time columns (core.when over every mention) and the source groups as the window does, in the
timeline dock's worker thread, timing them and how long the interface thread's 10 ms timer waited meanwhile. Then show the map page (MapView, as run.py does) and brush: `--steps`
windows of 12 months sliding a month at a time over the passages' extent (a drag), `--repeat` times. Per step:
the core filter (`Workspace.filter` with the window), the timeline's bins for the other filters
(`core.timeline.histogram`, 200 bins), encoding the two bitmasks, and `mapviewer.applyVisibility` timed inside
the page with performance.now() (page work) and until the next frame, as run.py times a filter change. Prints
medians, the 90th percentile and the worst step; the page must not reload (a token in `window` is checked).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def build_in_worker(ws, wait_until) -> dict:
    """The window's way: the dock's ColumnsJob builds the time columns (and then the source groups) in a thread
    while a 10 ms timer runs on this (the interface) thread; the gaps between its ticks are how long the
    interface could not respond."""
    from PySide6.QtCore import QTimer

    from mapviewer.qt.timeline_dock import ColumnsJob

    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    ready: list[object] = []
    job = ColumnsJob(ws.table)
    job.ready.connect(lambda _table, months: ready.append(months))
    timer.start()
    t0, c0 = time.perf_counter(), time.process_time()
    job.start()
    wait_until(lambda: bool(ready), 900, "time columns", step_ms=10)
    out = {"time_columns_s": time.perf_counter() - t0, "time_columns_cpu_s": time.process_time() - c0}
    wait_until(lambda: ws.table._sources is not None, 900, "source groups", step_ms=10)
    out.update(sources_s=time.perf_counter() - t0 - out["time_columns_s"], sources_cpu_s=time.process_time() - c0 - out["time_columns_cpu_s"])
    timer.stop()
    out["ui_gap_ms"] = {"median": statistics.median(gaps), "p90": statistics.quantiles(gaps, n=10)[-1], "max": max(gaps)}
    return out


def worker(workspace: Path, repeat: int, steps: int) -> dict:
    sys.path.insert(0, str(HERE))
    from run import VIEW_SIZE, _qt, js, timed_in_page, wait_until

    _qt()
    import mapviewer.qt.mapview as mapview
    from mapviewer.core.filters import Filter
    from mapviewer.core.mapdata import visibility
    from mapviewer.core.timeline import Months, histogram, window_dates
    from mapviewer.core.workspace import Workspace

    t0 = time.perf_counter()
    ws = Workspace.open(workspace)
    out: dict = {"open_s": time.perf_counter() - t0, "sites": len(ws.sites), "mentions": len(ws.mentions)}
    out.update(build_in_worker(ws, wait_until))
    months = Months.of(ws.table.time_columns())
    extent = months.extent()
    assert extent is not None, "no dated passage"
    out["extent"] = window_dates(*extent)

    view = mapview.MapView()
    view.resize(*VIEW_SIZE)
    view.show()
    ready: list[dict] = []
    view.mapReady.connect(ready.append)
    view.load_workspace(ws)
    wait_until(lambda: bool(ready), 600, "mapReady")
    page = view.page()
    js(page, "window.__mvbToken = 'same-page'")
    first = max(extent[0], extent[1] - 11 - steps)
    rows: list[dict] = []
    for _ in range(repeat):
        for k in range(steps):
            since, until = window_dates(first + k, first + k + 11)
            t0 = time.perf_counter()
            result = ws.filter(Filter(since=since, until=until))
            t1 = time.perf_counter()
            histogram(months, ws.table.certainty, result.untimed_mask, extent, 200)
            t2 = time.perf_counter()
            vis = visibility(ws, result)
            t3 = time.perf_counter()
            r = timed_in_page(page, f"mapviewer.applyVisibility({json.dumps(vis['sites'])}, {json.dumps(vis['mentions'])})", 60)
            r.update(core_ms=(t1 - t0) * 1000, bins_ms=(t2 - t1) * 1000, encode_ms=(t3 - t2) * 1000, visible=len(result.site_ids))
            rows.append(r)
    token, _ = js(page, "window.__mvbToken || ''")
    out["page_reloaded"] = token != "same-page"
    for key in ("core_ms", "bins_ms", "encode_ms", "page_ms", "frame_ms", "roundtrip_ms"):
        values = [r[key] for r in rows if r.get(key) is not None]
        out[key] = {"median": statistics.median(values), "p90": statistics.quantiles(values, n=10)[-1], "max": max(values)} if values else None
    out["steps"] = len(rows)
    out["visible"] = [min(r["visible"] for r in rows), max(r["visible"] for r in rows)]
    view.close()
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="10000")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--steps", type=int, default=24)
    p.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "mapviewer-bench")
    p.add_argument("--json", action="store_true")
    p.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.worker:
        json.dump(worker(args.worker, args.repeat, args.steps), sys.stdout)
        return 0
    sys.path.insert(0, str(HERE))
    from bench_evidence_filter import run_per_size

    results = run_per_size(__file__, args.sizes, args.workdir, ["--repeat", str(args.repeat), "--steps", str(args.steps)])
    if args.json:
        json.dump(results, sys.stdout, indent=1)
        print()
        return 0
    for n, r in results.items():
        print(f"{n:,} sites · {r['mentions']:,} mentions · open {r['open_s']:.1f} s · passages from {r['extent'][0]} to {r['extent'][1]}")
        gap = r["ui_gap_ms"]
        print(f"  first use, in the dock's worker thread: time columns {r['time_columns_s']:.2f} s (CPU {r['time_columns_cpu_s']:.2f} s), "
              f"then source groups {r['sources_s']:.2f} s (CPU {r['sources_cpu_s']:.2f} s); meanwhile a 10 ms timer on the interface "
              f"thread ticked every {gap['median']:.0f} ms (median; 90th pct {gap['p90']:.0f} ms, worst {gap['max']:.0f} ms)")
        print(f"  brush steps: {r['steps']} ({r['visible'][0]:,}–{r['visible'][1]:,} sites shown); page reloaded: {r['page_reloaded']}")
        for key, name in (("core_ms", "core filter"), ("bins_ms", "timeline bins"), ("encode_ms", "encode"), ("page_ms", "page work"),
                          ("frame_ms", "to next frame"), ("roundtrip_ms", "round trip")):
            if r[key]:
                print(f"  {name:<15} median {r[key]['median']:7.2f} ms   90th pct {r[key]['p90']:7.2f} ms   worst {r[key]['max']:7.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
