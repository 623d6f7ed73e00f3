"""Rows for `mapviewer review`: what ingest could not place, or placed without much confidence.

Why a separate file (candidates.json) rather than recomputing: the decision and its reason are part
of the record (a geocoder answer may not be reproducible offline), and the reviewer needs to see
exactly what ingest did.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from mapviewer.core.corpus import METADATA_FILE
from mapviewer.core.ingest.store import ARTICLES_DIR, CANDIDATES_FILE, _read_json

REVIEW_STATUSES = ("unplaced", "low-confidence")


def review_rows(
    root: Path, article: str | None = None, statuses: tuple[str, ...] = REVIEW_STATUSES, problems: list[str] | None = None
) -> list[dict[str, Any]]:
    """Candidates needing a human look, in article then text order.

    candidates.json is a file on disk like any other: rows that are not well-formed are left out,
    each named in `problems` (row number and what is wrong) when a list is given."""
    path = Path(root) / CANDIDATES_FILE
    data = _read_json(path, {"candidates": []})
    rows = data.get("candidates", []) if isinstance(data, dict) else []
    if not isinstance(rows, list):
        rows = []
        if problems is not None:
            problems.append(f'{path}: "candidates" is not a list')
    out = []
    for i, r in enumerate(rows):
        problem = _row_problem(r)
        if problem:
            if problems is not None:
                problems.append(f"{path}: row {i}: {problem}; left out")
            continue
        if (
            r.get("status") in statuses
            and not r.get("decision")  # the reviewer has dealt with it (accepted, rejected, merged, placed)
            and (article is None or r.get("article") == article)
        ):
            out.append(r)
    return sorted(out, key=lambda r: (str(r.get("article")), (r.get("span") or [0])[0]))


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _row_problem(r: object) -> str | None:
    """What makes a candidates.json row unusable, or None."""
    if not isinstance(r, dict):
        return f"expected an object, not {type(r).__name__}"
    for name in ("name", "article", "status"):
        if not isinstance(r.get(name), str):
            return f"{name} must be text, not {r.get(name)!r:.40}"
    span = r.get("span")
    if not (isinstance(span, list) and len(span) == 2 and all(isinstance(v, int) and not isinstance(v, bool) for v in span)):
        return f"span must be [start, end] offsets, not {span!r:.40}"
    for name in ("lat", "lon", "confidence"):
        if r.get(name) is not None and not _is_number(r.get(name)):
            return f"{name} must be a number, not {r.get(name)!r:.40}"
    if r.get("paragraph") is not None and not (isinstance(r.get("paragraph"), int) and not isinstance(r.get("paragraph"), bool)):
        return f"paragraph must be a whole number, not {r.get('paragraph')!r:.40}"
    return None


def review_articles(root: Path) -> list[str]:
    """The article ids `review --article` accepts: the workspace's articles and any its candidates name."""
    meta = _read_json(Path(root) / ARTICLES_DIR / METADATA_FILE, {"articles": []})
    data = _read_json(Path(root) / CANDIDATES_FILE, {"candidates": []})
    entries = meta.get("articles") if isinstance(meta, dict) else None
    rows = data.get("candidates") if isinstance(data, dict) else None
    ids = {a.get("id") for a in entries or () if isinstance(a, dict)}
    ids |= {r.get("article") for r in rows or () if isinstance(r, dict)}
    return sorted(i for i in ids if isinstance(i, str))
