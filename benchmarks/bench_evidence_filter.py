"""Core-only timing of the time-window and independent-source filters on generated workspaces.

    python benchmarks/bench_evidence_filter.py [--sizes 10000,100000] [--repeat 15] [--workdir DIR] [--json]

Per size, in one fresh process: open the workspace (generate.py, snapshot kept in a private cache folder),
then time, once each, building the columns the filters use on first use (each mention's time from its
sentence and article date; the articles' source groups), and then `Workspace.filter` (MentionTable.apply,
what every filter change runs before the page gets its bitmasks) for each filter kind, `--repeat` times:
median and worst wall time, and the median of the process's CPU time (what the work costs when the machine is
shared). "none" is the unfiltered baseline. The page's own work does not depend on which
facet changed (it gets the same two bitmasks); run.py times that.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def kinds() -> list[tuple[str, object]]:
    from mapviewer.core.filters import Filter

    return [
        ("none", Filter()),
        ("time: one year", Filter(since="2024", until="2024")),
        ("time: one month + undated", Filter(since="2025-03", until="2025-03", undated=True)),
        ("sources >= 2", Filter(min_sources=2)),
        ("time + sources >= 2 + topic", Filter(since="2024-06", min_sources=2, topics=frozenset({"combat"}))),
    ]


def worker(workspace: Path, repeat: int) -> dict:
    from mapviewer.core.workspace import Workspace

    t0 = time.perf_counter()
    ws = Workspace.open(workspace)
    out: dict = {"open_s": time.perf_counter() - t0, "sites": len(ws.sites), "mentions": len(ws.mentions), "articles": len(ws.articles)}
    t0, c0 = time.perf_counter(), time.process_time()
    _, _, dated = ws.table.time_columns()
    out["time_columns_s"], out["time_columns_cpu_s"] = time.perf_counter() - t0, time.process_time() - c0
    out["dated_share"] = float(dated.mean()) if len(dated) else 0.0
    t0, c0 = time.perf_counter(), time.process_time()
    _, labels = ws.table.source_columns()
    out["source_columns_s"], out["source_columns_cpu_s"] = time.perf_counter() - t0, time.process_time() - c0
    out["source_groups"] = len(labels)
    rows = {}
    for name, flt in kinds():
        times, cpu = [], []
        for _ in range(repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            result = ws.filter(flt)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        rows[name] = {"median_ms": statistics.median(times), "max_ms": max(times), "median_cpu_ms": statistics.median(cpu),
                      "sites": len(result.site_ids)}
    out["filters"] = rows
    return out


def run_per_size(script: str, sizes: str, workdir: Path, worker_args: list[str]) -> dict[int, dict]:
    """Per size (comma-separated site counts): the generated workspace (generate.py), its snapshot made by a first
    open in a process of its own (what every later start reads), then `script --worker WORKSPACE worker_args` in
    a fresh process, all under a private user folder; what each worker printed, as JSON."""
    sys.path.insert(0, str(HERE))
    from generate import ensure

    results = {}
    with tempfile.TemporaryDirectory() as user:
        env = {**os.environ, "MAPVIEWER_USER_DIR": user, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        for n in (int(x) for x in sizes.split(",")):
            ws = ensure(workdir, n, max(20, n // 5))
            subprocess.run([sys.executable, "-c", f"from mapviewer.core.workspace import Workspace; Workspace.open({str(ws)!r})"],
                           env=env, check=True, capture_output=True)
            done = subprocess.run([sys.executable, script, "--worker", str(ws), *worker_args], env=env, check=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            results[n] = json.loads(done.stdout)
    return results


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="10000,100000")
    p.add_argument("--repeat", type=int, default=15)
    p.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "mapviewer-bench")
    p.add_argument("--json", action="store_true")
    p.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.worker:
        json.dump(worker(args.worker, args.repeat), sys.stdout)
        return 0
    results = run_per_size(__file__, args.sizes, args.workdir, ["--repeat", str(args.repeat)])
    if args.json:
        json.dump(results, sys.stdout, indent=1)
        print()
        return 0
    for n, r in results.items():
        print(f"{n:,} sites · {r['mentions']:,} mentions · {r['articles']:,} articles · open (snapshot) {r['open_s']:.2f} s")
        print(f"  first use: time columns {r['time_columns_s']:.1f} s (CPU {r['time_columns_cpu_s']:.1f} s, {r['dated_share']:.0%} dated), "
              f"source groups {r['source_columns_s']:.1f} s (CPU {r['source_columns_cpu_s']:.1f} s, {r['source_groups']} sources)")
        for name, f in r["filters"].items():
            print(f"  {name:<30} median {f['median_ms']:6.1f} ms (CPU {f['median_cpu_ms']:6.1f} ms)  worst {f['max_ms']:6.1f} ms"
                  f"  ({f['sites']:,} sites)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
