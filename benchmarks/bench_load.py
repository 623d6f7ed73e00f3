"""Time `Workspace.open(DIR)` stage by stage and measure its Python-side memory.

    python benchmarks/bench_load.py /tmp/ws100k [--repeat 3] [--no-memory] [--json]

Each run is a fresh process, so imports and caches never carry over between runs. A first open (no
snapshot: each such run has an empty user folder) reads and labels everything and keeps a snapshot;
the same number of runs then open the workspace again from it. Stages are timed by wrapping the
functions `Workspace.load` calls (the same names `run.py` wraps), plus a few inner ones; a name a
later version no longer has is skipped, not an error. Memory is measured in its own
run because tracemalloc slows allocation-heavy code several times over: peak and retained traced
bytes, and the process's peak RSS.
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

# (module, attribute, label): outer stages first, then what they spend their time in ("  " = of which).
# A first open reads the files (the readers' stages); a later one reads the snapshot the first kept.
STAGES: tuple[tuple[str, str, str], ...] = (
    ("mapviewer.core.workspace_cache", "inputs_digest", "input digest (inputs_digest)"),
    ("mapviewer.core.workspace_cache", "read", "snapshot read"),
    ("mapviewer.core.gazetteer", "load_sites", "gazetteer (load_sites)"),
    ("mapviewer.core.gazetteer", "_parse_features", "  decoding + validation (_parse_features)"),
    ("mapviewer.core.corpus", "load_articles", "articles (load_articles)"),
    ("mapviewer.core.corpus", "_layout", "  paragraph splitting"),
    ("mapviewer.core.mentions", "AliasIndex", "alias index"),
    ("mapviewer.core.mentions", "find_mentions", "mention finding (find_mentions)"),
    ("mapviewer.core.mentions", "sentence_spans", "  sentence splitting"),
    ("mapviewer.core.claims", "classify", "claim rules (classify)"),
    ("mapviewer.core.workspace_cache", "write", "snapshot write"),
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


def _spawn(mode: str, data: str, user_dir: str) -> dict[str, Any]:
    env = {**os.environ, "MAPVIEWER_USER_DIR": user_dir}
    out = subprocess.run([sys.executable, __file__, "--worker", mode, data], check=True, capture_output=True, text=True, env=env)
    return json.loads(out.stdout)


def _summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    labels = [label for _, _, label in STAGES if any(label in r["stages_s"] for r in runs)]
    return {
        "total_s": _median([r["total_s"] for r in runs]),
        "runs_total_s": [round(r["total_s"], 3) for r in runs],
        "stages_s": {label: _median([r["stages_s"].get(label, 0.0) for r in runs]) for label in labels},
        "rest_s": _median([r["rest_s"] for r in runs]),
        "rss_peak_mb": _median([r["rss_peak_mb"] for r in runs]),
        "rss_after_mb": _median([r["rss_after_mb"] for r in runs]),
        "rss_imports_mb": _median([r["rss_before_mb"] for r in runs]),
    }


def _print_summary(title: str, r: dict[str, Any], repeat: int) -> None:
    print(f"{title}, median of {repeat}: {r['total_s']:.2f} s  (runs {r['runs_total_s']})")
    for label, value in r["stages_s"].items():
        print(f"  {label:<36} {value:8.2f} s")
    print(f"  {'everything else in load':<36} {r['rest_s']:8.2f} s")
    print(f"  RSS: {r['rss_imports_mb']:.0f} MB after imports, {r['rss_after_mb']:.0f} MB after load, peak {r['rss_peak_mb']:.0f} MB")


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
    with tempfile.TemporaryDirectory(prefix="mvbench-user-") as tmp:
        first = []
        for i in range(args.repeat):  # each in an empty user folder: no snapshot to read
            first.append(_spawn("time", args.data, str(Path(tmp) / f"first-{i}")))
        again = [_spawn("time", args.data, str(Path(tmp) / f"first-{args.repeat - 1}")) for _ in range(args.repeat)]
        memory = None if args.no_memory else _spawn("memory", args.data, str(Path(tmp) / "memory"))
    result = {
        "data": args.data,
        "repeat": args.repeat,
        "counts": first[0]["counts"],
        "first_open": _summary(first),
        "from_snapshot": _summary(again),
        "memory": memory,
    }
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"{args.data}: {result['counts']}")
    _print_summary("Workspace.open, first time (reads everything, keeps a snapshot)", result["first_open"], args.repeat)
    _print_summary("Workspace.open again (from the snapshot)", result["from_snapshot"], args.repeat)
    if memory:
        print(
            f"tracemalloc: peak {memory['traced_peak_mb']:.0f} MB, retained {memory['traced_retained_mb']:.0f} MB; largest retained:"
        )
        for row in memory["top_retained"]:
            print(f"  {row['mb']:8.1f} MB  {row['where']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
