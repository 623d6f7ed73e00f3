"""Dump what `mapviewer ingest` writes for every tests/ingest_eval article, to compare two trees byte for byte.

Each article is ingested alone into its own new `--data` folder, then all of them in one batch into
another, then all of them into the user workspace (the merged mode, under a temporary
MAPVIEWER_USER_DIR). Every file the runs wrote (candidates.json, sites.geojson, articles/…) is copied
under OUT, so a change that must not alter results is checked with `diff -r BEFORE AFTER`.

    python benchmarks/ingest_outputs.py OUT [--src /path/to/other/checkout]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "ingest_eval"


def _ingest(src: Path, user_dir: Path, files: list[Path], data: Path | None) -> None:
    env = {**os.environ, "MAPVIEWER_USER_DIR": str(user_dir), "PYTHONPATH": str(src)}
    env.pop("MAPVIEWER_DATA", None)
    cmd = [sys.executable, "-m", "mapviewer"] + (["--data", str(data)] if data else []) + ["ingest", *map(str, files)]
    proc = subprocess.run(cmd, cwd=src, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"ingest failed ({proc.returncode}): {proc.stderr.strip()}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--src", type=Path, default=ROOT, help="project tree to run the CLI from (default: this one)")
    args = ap.parse_args()
    src, out = args.src.resolve(), args.out.resolve()
    articles = sorted(p for p in EVAL.iterdir() if p.suffix in (".txt", ".md", ".html"))
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ingest-outputs-") as tmp:
        base = Path(tmp)
        user = base / "user"
        for a in articles:
            _ingest(src, user, [a], out / "single" / a.stem)
        _ingest(src, user, articles, out / "batch")
        merged_user = base / "merged-user"
        _ingest(src, merged_user, articles, None)
        data = [p for p in merged_user.rglob("*") if p.is_file() and "cache" not in p.relative_to(merged_user).parts]
        for p in data:
            dest = out / "merged" / p.relative_to(merged_user)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(p, dest)
    print(f"{len(articles)} articles; outputs under {out}")


if __name__ == "__main__":
    main()
