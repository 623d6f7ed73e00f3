"""Rows for `mapviewer review`: what ingest could not place, or placed without much confidence.

Why a separate file (candidates.json) rather than recomputing: the decision and its reason are part
of the record (a geocoder answer may not be reproducible offline), and the reviewer needs to see
exactly what ingest did.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from mapviewer.core import commit
from mapviewer.core.corpus import METADATA_FILE
from mapviewer.core.ingest.store import ARTICLES_DIR, CANDIDATES_FILE, _read_json
from mapviewer.core.model import Problem

REVIEW_STATUSES = ("unplaced", "low-confidence")

_TEXT = ("name", "article", "status")
"""Every row has these, as strings."""
_OPTIONAL_TEXT = ("provenance", "site", "place", "certainty", "reason", "sentence", "decision")
"""Strings or null."""


def _count(value: Any) -> bool:
    return type(value) is int and value >= 0


def _finite(value: Any) -> bool:
    return (type(value) is int or type(value) is float) and math.isfinite(value)


def row_problem(row: Any) -> str | None:
    """Why a candidates.json row cannot be listed (a field of the wrong type), or None.

    Every field the review list, the CLI and the window read is checked, so a hand-edited row is
    reported and left out of the list rather than stopping it (the file itself is left as it is)."""
    if not isinstance(row, dict):
        return f"must be an object, not {type(row).__name__}"
    for name in _TEXT:
        if type(row.get(name)) is not str:
            return f'"{name}" must be a string, not {row.get(name)!r:.60}'
    for name in _OPTIONAL_TEXT:
        if row.get(name) is not None and type(row[name]) is not str:
            return f'"{name}" must be a string or null, not {row[name]!r:.60}'
    if not _count(row.get("paragraph")):
        return f'"paragraph" must be a whole number, not {row.get("paragraph")!r:.60}'
    span = row.get("span")
    if type(span) is not list or len(span) != 2 or not all(_count(v) for v in span) or span[0] > span[1]:
        return f'"span" must be [start, end] offsets, not {span!r:.60}'
    if not _finite(row.get("confidence")):
        return f'"confidence" must be a finite number, not {row.get("confidence")!r:.60}'
    for name, limit in (("lat", 90), ("lon", 180)):
        value = row.get(name)
        if value is not None and (not _finite(value) or abs(value) > limit):
            return f'"{name}" must be a number from -{limit} to {limit} or null, not {value!r:.60}'
    return None


def candidate_rows(rows: list[Any], file: str, problems: list[Problem] | None = None) -> list[dict[str, Any]]:
    """The rows that can be listed; each other row is a Problem (file, row index and name, field)."""
    good = []
    for i, row in enumerate(rows):
        why = row_problem(row)
        if why is None:
            good.append(row)
        elif problems is not None:
            name = row.get("name") if isinstance(row, dict) else None
            problems.append(Problem(file, f"candidate {i}" + (f" ({name!r})" if isinstance(name, str) else ""), why))
    return good


def review_rows(
    root: Path, article: str | None = None, statuses: tuple[str, ...] = REVIEW_STATUSES, problems: list[Problem] | None = None
) -> list[dict[str, Any]]:
    """Candidates needing a human look, in article then text order; malformed rows go to `problems`."""
    path = Path(root) / CANDIDATES_FILE
    data = commit.read_consistent([Path(root)], lambda: _read_json(path, {"candidates": []}))[0]
    rows = data.get("candidates", []) if isinstance(data, dict) else None
    if not isinstance(rows, list):
        if problems is not None:
            problems.append(Problem(str(path), "", 'expected an object with a "candidates" list'))
        rows = []
    out = [
        r
        for r in candidate_rows(rows, str(path), problems)
        if r.get("status") in statuses
        and not r.get("decision")  # the reviewer has dealt with it (accepted, rejected, merged, placed)
        and (article is None or r.get("article") == article)
    ]
    return sorted(out, key=lambda r: (r["article"], r["span"][0]))


def review_articles(root: Path) -> list[str]:
    """The article ids `review --article` accepts: the workspace's articles and any its candidates name."""
    meta = _read_json(Path(root) / ARTICLES_DIR / METADATA_FILE, {"articles": []})
    data = _read_json(Path(root) / CANDIDATES_FILE, {"candidates": []})
    entries = meta.get("articles") if isinstance(meta, dict) else None
    rows = data.get("candidates") if isinstance(data, dict) else None
    ids = {a.get("id") for a in entries or () if isinstance(a, dict)}
    ids |= {r.get("article") for r in rows or () if isinstance(r, dict)}
    return sorted(i for i in ids if isinstance(i, str))
