"""Benchmark what the all-or-nothing commit and the workspace lock cost on the bundled corpus ingest.

Ingests the bundled corpus's articles into a fresh `--data` folder (in-process, `ingest_into`), timing
the whole ingest and its commit (journal, fsynced temp files, the commit rename, the renames, the done
record). For comparison the same files are then written the way commits were made before: one
`atomic.write_bytes` (temp file, fsync, rename) per file, into a copy of the folder as it was before.
Also times taking and releasing the lock (with its recovery check) and a reader's commit-token checks.

    python benchmarks/bench_commit.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-commit-") as tmp:
        os.environ["MAPVIEWER_USER_DIR"] = str(Path(tmp) / "user")
        from mapviewer import paths
        from mapviewer.core import atomic, commit
        from mapviewer.core.ingest.batch import ingest_into

        articles = sorted(paths.BUNDLED_ARTICLES.glob("*.txt"))
        real_commit = commit.commit
        captured: list[tuple[Path, list[tuple[str, bytes]], float]] = []

        def timed(root: Path, writes, deletes=()) -> None:
            t = time.perf_counter()
            real_commit(root, writes, deletes)
            captured.append((Path(root), list(writes), time.perf_counter() - t))

        commit.commit = timed  # type: ignore[assignment]
        totals, commits, per_file = [], [], []
        ingest_into(articles[:1], Path(tmp) / "warm", merged=False)  # imports and the gazetteer, once
        for i in range(args.repeat):
            root = Path(tmp) / f"ws{i}"
            t = time.perf_counter()
            report = ingest_into(articles, root, merged=False)
            totals.append(time.perf_counter() - t)
            assert not report.failed and captured
            _, writes, took = captured.pop()
            commits.append(took)
            old = Path(tmp) / f"old{i}"  # the previous way: one atomic replace per file
            t = time.perf_counter()
            for rel, data in writes:
                (old / rel).parent.mkdir(parents=True, exist_ok=True)
                atomic.write_bytes(old / rel, data)
            per_file.append(time.perf_counter() - t)
            shutil.rmtree(old)
        commit.commit = real_commit  # type: ignore[assignment]

        locks, reads = [], []
        root = Path(tmp) / "ws0"
        for _ in range(50):
            t = time.perf_counter()
            with commit.writing(root):
                pass
            locks.append(time.perf_counter() - t)
            t = time.perf_counter()
            commit.read_consistent([root], lambda: None)
            reads.append(time.perf_counter() - t)

    ms = lambda xs: f"{statistics.median(xs) * 1000:.1f} ms (min {min(xs) * 1000:.1f}, max {max(xs) * 1000:.1f})"  # noqa: E731
    size = sum(len(d) for _, d in writes)
    print(f"bundled corpus ingest, {len(articles)} articles, {len(writes)} files, {size / 1024:.0f} KiB; {args.repeat} runs, medians")
    print(f"  whole ingest (in-process, warm)      {ms(totals)}")
    print(f"  its commit (journal + one rename)    {ms(commits)}")
    print(f"  same files, one atomic write each    {ms(per_file)}")
    print(f"  lock + recovery check + release      {ms(locks)}")
    print(f"  reader's commit-token checks         {ms(reads)}")


if __name__ == "__main__":
    main()
