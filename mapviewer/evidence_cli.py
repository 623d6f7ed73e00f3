"""`mapviewer figures` and `mapviewer flows`: the numbers behind the claims, side by side, and who is sent where.

Both are computed from the workspace's articles and mentions when asked for (mapviewer.core.figures and
mapviewer.core.flows); the filters are those of `sites` and `passages`, every one of them, applied through the
filter registry to each figure's or flow's own article, certainty, sentence topics, text and time, its places'
sources and disagreements (mapviewer.core.evidence).
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

from mapviewer.core.records import paragraph_label
from mapviewer.status import ExitStatus, UsageError

if TYPE_CHECKING:
    from mapviewer.core.figures import Conflict, Figure
    from mapviewer.core.filters import Filter
    from mapviewer.core.flows import Flow, Place
    from mapviewer.core.workspace import Workspace


def register(sub: Any, add_filters: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add the `figures` and `flows` subcommands, with the filters every listing takes."""
    p = sub.add_parser("figures", help="the quantities the passages state (or --conflicts: where sources disagree)")
    p.add_argument("site", metavar="SITE_ID", nargs="?", help="only figures about this site")
    add_filters(p)
    p.add_argument("--conflicts", action="store_true", help="groups of differing figures for the same subject at the same site")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("flows", help="the movements the passages state: origin, destination, what, how many")
    add_filters(p)
    p.add_argument("--json", action="store_true")


def _clean(text: str) -> str:
    """Article text as a terminal may show it: control and format characters (ESC sequences, bidi overrides)
    written as escapes, so a hostile article cannot move the cursor or recolour the terminal."""
    return "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in text)


def _dump(rows: list[dict], out: TextIO) -> None:
    json.dump(rows, out, ensure_ascii=False, indent=2)
    out.write("\n")


def figure_list(ws: Workspace, flt: Filter, site: str | None = None) -> list[Figure]:
    """The figures passing the filter (about `site` when given)."""
    from mapviewer.core.evidence import figures_passing

    return figures_passing(ws, flt, site)


def _site_label(ws: Workspace, site_id: str | None) -> str:
    site = ws.site_by_id.get(site_id or "")
    return site.name if site else "–"


def run_figures(ws: Workspace, args: argparse.Namespace, flt: Filter, out: TextIO, err: TextIO) -> int:
    if args.site is not None and args.site not in ws.site_by_id:
        raise UsageError(f"unknown site {args.site!r}; choose from: {', '.join(s.id for s in ws.mapped_sites)}")
    figures = figure_list(ws, flt, args.site)
    if args.conflicts:
        from mapviewer.core.figures import conflicts_of

        conflicts = [c for c in conflicts_of(figures) if args.site is None or c.site == args.site]
        if args.json:
            _dump([c.record() for c in conflicts], out)
        else:
            for c in conflicts:
                _write_conflict(ws, c, out)
            out.write(f"{len(conflicts)} conflict{'' if len(conflicts) == 1 else 's'}\n")
        return ExitStatus.OK
    rows = []
    for f in figures:
        r = f.record()
        if args.site is not None:
            r["site"] = args.site
        rows.append(r)
    if args.json:
        _dump(rows, out)
        return ExitStatus.OK
    for f in figures:
        where = ", ".join(_site_label(ws, s) for s in f.sites) or "no site"
        out.write(f"{f.amount():>12}  {_clean(f.unit):<18} [{f.certainty}] {_clean(where)} · {f.article_id} {paragraph_label(f.paragraph)}\n")
        out.write(f"{'':>12}  “{_clean(f.text)}”\n")
    out.write(f"{len(rows)} figures\n")
    return ExitStatus.OK


def _write_conflict(ws: Workspace, c: Conflict, out: TextIO) -> None:
    from mapviewer.core.figures import _fmt

    low, high = c.spread
    out.write(f"{_site_label(ws, c.site)} ({c.site}) — {c.subject}: {_fmt(low)} to {_fmt(high)} "
              f"across {len({f.article_id for f in c.figures})} articles\n")
    width = max(len(f.article_id) for f in c.figures)
    for f in c.figures:
        out.write(f"  {f.amount():>10}  {_clean(f.unit):<10} [{f.certainty}] {f.article_id:<{width}}  “{_clean(f.text)}”\n")


def flow_list(ws: Workspace, flt: Filter) -> list[Flow]:
    """The flows passing the filter."""
    from mapviewer.core.evidence import flows_passing

    return flows_passing(ws, flt)


def _place(ws: Workspace, p: Place) -> str:
    return _site_label(ws, p.site) if p.site else p.label()


def run_flows(ws: Workspace, args: argparse.Namespace, flt: Filter, out: TextIO, err: TextIO) -> int:
    flows = flow_list(ws, flt)
    if args.json:
        _dump([f.record() for f in flows], out)
        return ExitStatus.OK
    for f in flows:
        q = _clean(f.quantity["text"]) if f.quantity else "–"
        via = f" via {', '.join(_site_label(ws, v) for v in f.via)}" if f.via else ""
        when = f" ({f.when})" if f.when else ""
        out.write(f"{_clean(_place(ws, f.origin))} → {_clean(_place(ws, f.destination))}{_clean(via)}: {f.what} [{q}]{_clean(when)} "
                  f"[{f.certainty}] {f.article_id} {paragraph_label(f.paragraph)}\n")
    out.write(f"{len(flows)} flows\n")
    return ExitStatus.OK
