"""Time `Workspace.open(DIR)` stage by stage and measure its Python-side memory.

    python benchmarks/bench_load.py /tmp/ws100k [--repeat 3] [--no-memory] [--json]

Each run is a fresh process, so imports and caches never carry over between runs. Stages are timed
by wrapping the functions `Workspace.load` calls (the same names `run.py` wraps), plus a few inner
ones; a name a later version no longer has is skipped, not an error. Memory is measured in its own
run because tracemalloc slows allocation-heavy code several times over: peak and retained traced
bytes, and the process's peak RSS.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# (module, attribute, label): outer stages first, then what they spend their time in ("  " = of which).
STAGES: tuple[tuple[str, str, str], ...] = (
    ("mapviewer.core.workspace", "load_sites", "gazetteer (load_sites)"),
    ("mapviewer.core.gazetteer", "_parse_features", "  decoding + validation (_parse_features)"),
    ("mapviewer.core.workspace", "load_articles", "articles (load_articles)"),
    ("mapviewer.core.corpus", "_layout", "  paragraph splitting"),
    ("mapviewer.core.workspace", "AliasIndex", "alias index"),
    ("mapviewer.core.workspace", "find_mentions", "mention finding (find_mentions)"),
    ("mapviewer.core.mentions", "sentence_spans", "  sentence splitting"),
    ("mapviewer.core.workspace", "classify", "claim rules (classify)"),
    ("mapviewer.core.workspace", "MentionTable", "filter table (MentionTable)"),
)


def time_calls(module: Any, name: str, totals: dict[str, float], label: str) -> None:
    """Replace module.name with a timing wrapper (callers look names up at call time, so they see it)."""
    fn = getattr(module, name, None)
    if fn is None:
        return

    def timed(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            totals[label] = totals.get(label, 0.0) + time.perf_counter() - t0

    setattr(module, name, timed)


def _rss_peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_now_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def worker_time(data: str) -> dict[str, Any]:
    """One load with the stage breakdown."""
    import importlib

    t_import = time.perf_counter()
    import mapviewer.core.workspace as wsm

    imports = time.perf_counter() - t_import
    totals: dict[str, float] = {}
    for mod_name, attr, label in STAGES:
        time_calls(importlib.import_module(mod_name), attr, totals, label)
    rss_before = _rss_now_mb()
    t0 = time.perf_counter()
    ws = wsm.Workspace.open(data)
    total = time.perf_counter() - t0
    stages = {label: totals[label] for _, _, label in STAGES if label in totals}
    outer = sum(v for k, v in stages.items() if not k.startswith("  "))
    return {
        "total_s": total,
        "imports_s": imports,
        "stages_s": stages,
        "rest_s": total - outer,
        "rss_before_mb": rss_before,
        "rss_after_mb": _rss_now_mb(),
        "rss_peak_mb": _rss_peak_mb(),
        "counts": {
            "sites": len(ws.sites),
            "articles": len(ws.articles),
            "mentions": len(ws.mentions),
            "mapped": len(ws.mapped_sites),
            "problems": len(ws.problems),
        },
    }


def worker_memory(data: str) -> dict[str, Any]:
    """One load under tracemalloc: peak and retained Python allocations (imports excluded)."""
    import gc
    import tracemalloc

    import mapviewer.core.workspace as wsm

    gc.collect()
    tracemalloc.start()
    ws = wsm.Workspace.open(data)
    gc.collect()
    current, peak = tracemalloc.get_traced_memory()
    snapshot = tracemalloc.take_snapshot()
    tracemalloc.stop()
    top = [{"where": str(stat.traceback[0]), "mb": stat.size / 2**20} for stat in snapshot.statistics("lineno")[:8]]
    del ws
    return {"traced_peak_mb": peak / 2**20, "traced_retained_mb": current / 2**20, "top_retained": top}


def _spawn(mode: str, data: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, "--worker", mode, data], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", help="workspace folder (sites.geojson, articles/)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs, each a fresh process (median shown)")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc run")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    parser.add_argument("--worker", choices=("time", "memory"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        run: Callable[[str], dict[str, Any]] = worker_time if args.worker == "time" else worker_memory
        print(json.dumps(run(args.data)))
        return 0
    runs = [_spawn("time", args.data) for _ in range(args.repeat)]
    memory = None if args.no_memory else _spawn("memory", args.data)
    labels = [label for _, _, label in STAGES if any(label in r["stages_s"] for r in runs)]
    result = {
        "data": args.data,
        "repeat": args.repeat,
        "counts": runs[0]["counts"],
        "total_s": _median([r["total_s"] for r in runs]),
        "runs_total_s": [round(r["total_s"], 3) for r in runs],
        "stages_s": {label: _median([r["stages_s"].get(label, 0.0) for r in runs]) for label in labels},
        "rest_s": _median([r["rest_s"] for r in runs]),
        "rss_peak_mb": _median([r["rss_peak_mb"] for r in runs]),
        "rss_after_mb": _median([r["rss_after_mb"] for r in runs]),
        "rss_imports_mb": _median([r["rss_before_mb"] for r in runs]),
        "memory": memory,
    }
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"{args.data}: {result['counts']}")
    print(f"Workspace.open, median of {args.repeat}: {result['total_s']:.2f} s  (runs {result['runs_total_s']})")
    for label in labels:
        print(f"  {label:<36} {result['stages_s'][label]:8.2f} s")
    print(f"  {'everything else in load':<36} {result['rest_s']:8.2f} s")
    print(
        f"RSS: {result['rss_imports_mb']:.0f} MB after imports, {result['rss_after_mb']:.0f} MB after load, peak {result['rss_peak_mb']:.0f} MB"
    )
    if memory:
        print(
            f"tracemalloc: peak {memory['traced_peak_mb']:.0f} MB, retained {memory['traced_retained_mb']:.0f} MB; largest retained:"
        )
        for row in memory["top_retained"]:
            print(f"  {row['mb']:8.1f} MB  {row['where']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
