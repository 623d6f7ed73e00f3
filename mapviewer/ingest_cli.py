"""`mapviewer ingest FILE…` and `mapviewer review`: bring your own articles, headless.

Both commands work on a workspace folder that may not exist yet, so they run before the CLI opens a
workspace: `--data DIR` when given, else the user workspace (platform app-data folder), which the
bundled corpus shows alongside its own articles. The bundled files are never written.

The CLI imports this module to list the subcommands, for every command and the window: so it imports
ingest itself (the gazetteer, shapely, place finding) only when `ingest` or `review` runs.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from mapviewer.core.article_formats import names
from mapviewer.core.records import paragraph_label
from mapviewer.status import ExitStatus, fail

if TYPE_CHECKING:
    from mapviewer.core.ingest.batch import Report


def register(sub: Any) -> None:
    """Add the `ingest` and `review` subcommands to the CLI's subparsers."""
    p = sub.add_parser("ingest", help=f"add your own articles ({names()}) to a workspace and place the places they name")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--online", action="store_true", help="geocode names the offline gazetteer lacks with Nominatim (network)")
    p.add_argument("--json", action="store_true", help="print the per-file report as JSON")
    p.add_argument(
        "--no-wait", action="store_true", help=f"exit {int(ExitStatus.LOCKED)} at once if another mapviewer is writing to the workspace (default: wait)"
    )
    p = sub.add_parser("review", help="list place names that were not placed, or placed with low confidence")
    p.add_argument("--article", metavar="ID", help="only this article")
    p.add_argument("--json", action="store_true")


def target(args: argparse.Namespace) -> tuple[Path, bool]:
    """The folder to write to, and whether it is merged with the bundled corpus (so not standalone)."""
    from mapviewer.core.workspace import user_workspace

    data = args.data or os.environ.get("MAPVIEWER_DATA") or None
    return (Path(data).expanduser(), False) if data else (user_workspace(), True)


class _Bar:
    """A one-line progress bar on a terminal; one line per file otherwise (logs, pipes)."""

    def __init__(self, err: TextIO, total: int) -> None:
        self.err = err
        self.tty = hasattr(err, "isatty") and err.isatty()
        self.show = total > 1

    def __call__(self, i: int, total: int, path: Path) -> None:
        if not self.show:
            return
        if self.tty:
            width = 30
            done = int(width * i / max(1, total))
            self.err.write(f"\r[{'#' * done}{'.' * (width - done)}] {i}/{total} {path.name[:40]:<40}")
            if i == total:
                self.err.write("\n")
        elif i < total:
            self.err.write(f"ingest: [{i + 1}/{total}] {path}\n")
        self.err.flush()


def cmd_ingest(args: argparse.Namespace, out: TextIO, err: TextIO) -> ExitStatus:
    from mapviewer.core.commit import Busy
    from mapviewer.core.ingest.batch import ingest_into
    from mapviewer.core.ingest.store import StoreError

    root, merged = target(args)
    if root.exists() and not root.is_dir():
        return fail(err, f"{root} is not a folder", ExitStatus.USAGE)
    geocode = None
    if args.online:
        from mapviewer.core.ingest.geocode import NominatimGeocoder

        geocode = NominatimGeocoder()
    said: list[bool] = []

    def waiting() -> None:
        if not said:
            said.append(True)
            err.write(f"waiting for another mapviewer writing to {root}…\n")
            err.flush()

    try:
        report = ingest_into(
            args.files,
            root,
            merged=merged,
            geocode=geocode,
            progress=_Bar(err, len(args.files)),
            wait=0 if args.no_wait else None,
            waiting=waiting,
        )
    except KeyboardInterrupt:
        err.write("\nmapviewer: cancelled; the workspace is unchanged\n")
        return ExitStatus.CANCELLED
    except Busy:
        err.write(f"mapviewer: another mapviewer is writing to {root}; nothing was done (--no-wait)\n")
        return ExitStatus.LOCKED
    except StoreError as exc:
        return fail(err, exc, ExitStatus.FAILED)
    except OSError as exc:  # e.g. the disk filled up while committing: name the file
        where = f"{exc.filename}: " if exc.filename else ""
        return fail(err, f"{where}{exc.strerror or exc}", ExitStatus.FAILED)
    _print_report(report, root, args.json, out, err)
    return ExitStatus.FAILED if report.failed else ExitStatus.OK


def _print_report(report: Report, root: Path, as_json: bool, out: TextIO, err: TextIO) -> None:
    from mapviewer.core.ingest.kp_places import KP_PROBLEMS
    from mapviewer.core.ingest.reference import REFERENCE_PROBLEMS
    from mapviewer.core.ingest.ru_districts import district_problems
    from mapviewer.core.ingest.villages import village_problems

    shipped = (*REFERENCE_PROBLEMS, *KP_PROBLEMS, *village_problems(), *district_problems())
    for problem in shipped:  # the shipped lists' bad rows (the others were used)
        err.write(f"warning: {problem}\n")
    for f in report.failed:
        err.write(f"mapviewer: {f.path}: {f.error}\n")
    if as_json:
        rows = [
            {
                "file": str(f.path),
                "article": f.article_id,
                "error": f.error,
                "notes": f.notes,
                "placed": f.placed,
                "review": f.review,
            }
            for f in report.files
        ]
        json.dump({"workspace": str(root), "files": rows, "new_sites": report.new_sites}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    for f in report.files:
        if f.error:
            continue
        notes = f"  ({'; '.join(f.notes)})" if f.notes else ""
        out.write(f"{f.path}: {f.article_id}: {f.placed} places placed, {f.review} to review{notes}\n")
    ok = len(report.files) - len(report.failed)
    out.write(f"{ok} of {len(report.files)} files ingested into {root}; {report.new_sites} new sites\n")


def cmd_review(args: argparse.Namespace, out: TextIO, err: TextIO) -> ExitStatus:
    from mapviewer.core.ingest.review import review_articles, review_rows
    from mapviewer.core.ingest.store import StoreError
    from mapviewer.core.model import Problem

    root, _ = target(args)
    problems: list[Problem] = []
    try:
        if args.article is not None:
            known = review_articles(root)
            if args.article not in known:
                choices = f"choose from: {', '.join(known)}" if known else f"no articles have been ingested into {root}"
                return fail(err, f"unknown article {args.article!r}; {choices}", ExitStatus.USAGE)
        rows = review_rows(root, args.article, problems=problems)
    except (StoreError, OSError) as exc:  # OSError: also commit.Busy (a writer stopped half-way through its commit)
        return fail(err, exc, ExitStatus.FAILED)
    for problem in problems:
        err.write(f"warning: {problem}\n")
    if args.json:
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return ExitStatus.OK
    for r in rows:
        where = f"{r['lat']:.4f}, {r['lon']:.4f}" if r.get("lat") is not None else "no coordinates"
        out.write(
            f"[{r['status']}] {r['name']}  ({r['article']} {paragraph_label(r['paragraph'])} {r['span'][0]}–{r['span'][1]}; {where}; confidence {r['confidence']})\n"
        )
        if r.get("reason"):
            out.write(f"    {r['reason']}\n")
    out.write(f"{len(rows)} names to review\n")
    return ExitStatus.OK


STANDALONE = {"ingest": cmd_ingest, "review": cmd_review}
"""Commands that run on a workspace folder that may not exist yet (before the CLI opens one)."""
