"""The `mapviewer` command: no subcommand opens the window; subcommands answer headless.

This module never imports Qt at import time: the window and the renderer are imported lazily, so
`mapviewer sites` works on a machine with no display and no Qt. Nor does it import the core's data
modules (numpy): the window opens its workspace while its page loads (mapviewer.qt.app).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO, cast

from mapviewer import __version__
from mapviewer.core.exporters import EXPORTERS
from mapviewer.core.model import CERTAINTIES, TOPIC_CHOICES
from mapviewer.core.records import article_provenance, corroboration, paragraph_label, passage_record, site_identity
from mapviewer.status import ExitStatus, UsageError, fail

if TYPE_CHECKING:
    from mapviewer.core.filters import Filter
    from mapviewer.core.workspace import Workspace


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _add_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--article", action="append", metavar="ID", help="only passages from this article (repeatable)")
    p.add_argument("--certainty", action="append", metavar="C", help=f"one of {', '.join(CERTAINTIES)} (repeatable)")
    p.add_argument("--topic", action="append", metavar="T", help=f"one of {', '.join(TOPIC_CHOICES)} (repeatable)")
    p.add_argument("--search", default="", metavar="TEXT", help="sites whose name, or passages whose text, contain TEXT")
    _add_evidence_filters(p)


def _add_evidence_filters(p: argparse.ArgumentParser) -> None:
    """When and who else says so: a time window and a minimum of independent sources."""
    p.add_argument("--since", metavar="DATE", help="passages whose time reaches DATE or later (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="passages whose time starts by the end of DATE")
    p.add_argument("--undated", action="store_true", help="with --since/--until: keep passages that have no time at all")
    p.add_argument("--min-sources", type=int, default=0, metavar="N", help="sites named by at least N independent sources")
    p.add_argument("--disagree", action="store_true", help="only sites where sources give different figures for one subject")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="mapviewer", description="Map the places a set of articles names, with the passages behind each.")
    parser.add_argument("--version", action="version", version=f"mapviewer {__version__}")
    parser.add_argument("--data", metavar="DIR", help="workspace folder (sites.geojson + articles/); default: $MAPVIEWER_DATA or the bundled corpus")
    parser.add_argument("--strict", action="store_true", help="exit 1 if the workspace has any invalid data")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    p = sub.add_parser("articles", help="list the articles")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("sites", help="list the sites with passages passing the filters")
    _add_filters(p)
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("passages", help="the passages that mention one site")
    p.add_argument("site", metavar="SITE_ID")
    _add_filters(p)
    p.add_argument("--json", action="store_true")
    from mapviewer.evidence_cli import register as register_evidence

    register_evidence(sub, _add_filters)  # figures, flows
    p = sub.add_parser("export", help=f"write a map snapshot: {' '.join(EXPORTERS)} (headless)")
    formats = ", ".join(f"{e.ext} {e.label}" for e in EXPORTERS.values())
    p.add_argument("out", metavar="OUT", help=f"the file to write; its extension picks the format: {formats}")
    _add_filters(p)
    from mapviewer.export_cli import register as register_export

    register_export(p)
    from mapviewer.ingest_cli import register as register_ingest

    register_ingest(sub)
    for p in sub.choices.values():  # global options after the subcommand too: `mapviewer ingest FILE --data DIR`
        p.add_argument("--data", metavar="DIR", default=argparse.SUPPRESS, help="workspace folder (as before the subcommand)")
        p.add_argument("--strict", action="store_true", default=argparse.SUPPRESS, help="as before the subcommand")
    return parser


def _choices(values: Sequence[str] | None, valid: Sequence[str], what: str) -> frozenset[str] | None:
    if not values:
        return None
    for v in values:
        if v not in valid:
            raise UsageError(f"unknown {what} {v!r}; choose from: {', '.join(valid)}")
    return frozenset(values)


def filter_from_args(args: argparse.Namespace, ws: Workspace) -> Filter:
    from mapviewer.core.filters import Filter

    return Filter(
        articles=_choices(args.article, [a.id for a in ws.articles], "article"),
        certainties=_choices(args.certainty, CERTAINTIES, "certainty"),
        topics=_choices(args.topic, TOPIC_CHOICES, "topic"),
        text=args.search or "",
        **_evidence_filter(args),
    )


def _evidence_filter(args: argparse.Namespace) -> dict[str, Any]:
    """The Filter fields of --since, --until, --undated and --min-sources, checked."""
    from mapviewer.core.when import first_day, iso_parts, last_day

    window: dict[str, Any] = {}
    for option in ("since", "until"):
        value = getattr(args, option, None)
        if value is None:
            continue
        try:
            iso_parts(value)
        except ValueError as exc:
            raise UsageError(f"bad --{option} {value!r}: {exc}") from None
        window[option] = value.strip()
    if "since" in window and "until" in window and first_day(window["since"]) > last_day(window["until"]):
        raise UsageError(f"--since {window['since']} is after --until {window['until']}")
    if getattr(args, "undated", False) and not window:
        raise UsageError("--undated only applies with --since or --until")
    sources = getattr(args, "min_sources", 0) or 0
    if sources < 0:
        raise UsageError(f"bad --min-sources {sources}: expected 0 or more")
    disagree = frozenset({"disagree"}) if getattr(args, "disagree", False) else None
    return {**window, "undated": bool(getattr(args, "undated", False)), "min_sources": sources, "disagree": disagree}


def _table(rows: list[list[Any]], headers: list[str], out: TextIO) -> None:
    cells = [headers] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    for j, r in enumerate(cells):
        out.write("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() + "\n")
        if j == 0:
            out.write("  ".join("-" * w for w in widths) + "\n")


def cmd_articles(ws: Workspace, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    counts: dict[str, int] = {}
    for m in ws.mentions:
        counts[m.article_id] = counts.get(m.article_id, 0) + 1
    rows = [
        {
            "id": a.id,
            "title": a.title,
            "outlet": a.outlet,
            "date": a.date,
            "url": a.url,
            "paragraphs": len(a.passages),
            "mentions": counts.get(a.id, 0),
            **article_provenance(a),
        }
        for a in ws.articles
    ]
    if args.json:
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        _table(
            [[r["id"], _flagged(r["title"][:60], r["text_changed"]), r["outlet"] or "–", r["date"] or "–", r["paragraphs"], r["mentions"]] for r in rows],
            ["id", "title", "outlet", "date", "paragraphs", "mentions"],
            out,
        )
    return ExitStatus.OK


def _flagged(text: str, changed: bool) -> str:
    """An article whose text no longer matches its recorded sha256 is marked wherever the CLI names it."""
    return f"{text} [text changed since added]" if changed else text


def site_rows(ws: Workspace, flt: Filter) -> list[dict[str, Any]]:
    """The sites passing a filter, with what the CLI reports about each."""
    result = ws.filter(flt)
    by_site = ws.mentions_by_site(result)
    sources = corroboration(ws, result)
    rows = []
    for site_id in result.site_ids:
        site = ws.site_by_id[site_id]
        mentions = by_site[site_id]
        rows.append(
            {
                **site_identity(site),
                "lat": site.lat,
                "lon": site.lon,
                "geometry": site.geometry_type,
                "mentions": len(mentions),
                "articles": sorted({m.article_id for m in mentions}),
                "certainties": [c for c in CERTAINTIES if any(m.claim.certainty == c for m in mentions)],
                **sources[site_id],
            }
        )
    return rows


def cmd_sites(ws: Workspace, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    rows = site_rows(ws, filter_from_args(args, ws))
    if args.json:
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        _table(
            [
                [r["id"], r["name"], r["kind"], r["country"], f"{r['lat']:.4f}", f"{r['lon']:.4f}", r["mentions"], ",".join(r["certainties"])]
                for r in rows
            ],
            ["id", "name", "kind", "country", "lat", "lon", "mentions", "certainties"],
            out,
        )
        out.write(f"{len(rows)} sites\n")
    return ExitStatus.OK


def passage_rows(ws: Workspace, site_id: str, flt: Filter) -> list[dict[str, Any]]:
    result = ws.filter(flt)
    return [{**passage_record(ws, m), "evidence": m.claim.evidence} for m in ws.mentions_of(site_id, result)]


def cmd_passages(ws: Workspace, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.site not in ws.site_by_id:
        raise UsageError(f"unknown site {args.site!r}; choose from: {', '.join(s.id for s in ws.mapped_sites)}")
    rows = passage_rows(ws, args.site, filter_from_args(args, ws))
    if args.json:
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return ExitStatus.OK
    for r in rows:
        topics = ", ".join(r["topics"]) or "no topic"
        out.write(_flagged(f"[{r['certainty']}] {r['article']} {paragraph_label(r['paragraph'])} {r['span'][0]}–{r['span'][1]} ({topics})", bool(r.get("text_changed"))) + "\n")
        out.write(f"    {r['text']}\n")
    out.write(f"{len(rows)} passages\n")
    return ExitStatus.OK


def cmd_export(ws: Workspace, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from mapviewer.export_cli import run_export  # lazy: PNG/PDF need Qt

    return run_export(ws, args, filter_from_args(args, ws), out, err)


def cmd_figures(ws: Workspace, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from mapviewer.evidence_cli import run_figures

    return run_figures(ws, args, filter_from_args(args, ws), out, err)


def cmd_flows(ws: Workspace, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from mapviewer.evidence_cli import run_flows

    return run_flows(ws, args, filter_from_args(args, ws), out, err)


def _standalone() -> dict[str, Any]:
    from mapviewer.ingest_cli import STANDALONE

    return STANDALONE


COMMANDS = {"articles": cmd_articles, "sites": cmd_sites, "passages": cmd_passages, "export": cmd_export}
COMMANDS.update(figures=cmd_figures, flows=cmd_flows)
"""Commands on an opened workspace; `ingest` and `review` (mapviewer.ingest_cli) run before one is opened."""


NUMERIC_VALUE_OPTIONS = ("--bbox",)


def _join_negative_values(argv: Sequence[str]) -> list[str]:
    """`--bbox -10,40,5,50` as the user types it: argparse would read `-10,…` as an option, so glue it on."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        if argv[i] in NUMERIC_VALUE_OPTIONS and i + 1 < len(argv) and re.match(r"^-\d", argv[i + 1]):
            out.append(f"{argv[i]}={argv[i + 1]}")
            i += 2
            continue
        out.append(argv[i])
        i += 1
    return out


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from mapviewer.core.textsafe import TerminalWriter

    out = out or sys.stdout
    # TerminalWriter is the part of a TextIO the commands use (write, flush, isatty): cast, not a subclass.
    err = cast(TextIO, TerminalWriter(err or sys.stderr))  # messages quote untrusted names and ids: no escape sequences
    try:
        args = build_parser().parse_args(_join_negative_values(sys.argv[1:] if argv is None else argv))
    except UsageError as exc:
        return fail(err, exc, ExitStatus.USAGE)
    if not getattr(args, "json", False):  # --json output is escaped by the JSON encoder already
        out = cast(TextIO, TerminalWriter(out))
    if args.command is None:
        from mapviewer.qt.app import run_app  # lazy: the window needs Qt

        return run_app(args.data)
    from mapviewer.core.workspace import Workspace, WorkspaceError

    try:
        if args.command in _standalone():
            return ExitStatus(_standalone()[args.command](args, out, err))
        ws = Workspace.open(args.data)
        for problem in ws.problems:
            err.write(f"warning: {problem}\n")
        code = COMMANDS[args.command](ws, args, out, err)
        if args.strict and ws.problems:
            err.write(f"mapviewer: {len(ws.problems)} problem(s) in the workspace (--strict)\n")
            return ExitStatus.FAILED
        return ExitStatus(code)
    except UsageError as exc:
        return fail(err, exc, ExitStatus.USAGE)
    except WorkspaceError as exc:
        return fail(err, exc, ExitStatus.USAGE)
    except BrokenPipeError:  # `mapviewer sites | head`: the reader left; end quietly, not with a traceback
        if out is sys.stdout:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python's flush at exit fails no more
        return ExitStatus.FAILED
