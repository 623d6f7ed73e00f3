"""Validate the hand-made geoparsing labels against their articles (stdlib only).

Why: the labels were written by reading, before any code ran on the articles;
this checker guards the mechanics (offsets, paragraph numbers, field values,
every occurrence labelled) so that evaluation numbers rest on sound data.

Usage: python3 tests/geoparse_eval/check_labels.py [EVAL_DIR]
Exits 1 and lists every problem (file, mention, field, what is wrong) if any.
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from pathlib import Path

KINDS = {"country", "region", "city", "town", "village", "facility", "military-site",
         "water", "landform", "route", "area"}
CERTAINTIES = {"confirmed", "reported", "alleged", "speculative", "historical", "context"}
CONFIDENCES = {"high", "medium", "low"}
TOP_FIELDS = {"id": str, "url": str, "outlet": str, "labelled_by": str, "themes": list,
              "mentions": list}
NO_COUNTRY_KINDS = {"water", "area", "region", "landform", "route"}
MENTION_FIELDS = {"surface": str, "start": int, "end": int, "paragraph": int, "place": str,
                  "kind": str, "country": (str, type(None)), "coord_source": str, "coord_confidence": str,
                  "tolerance_km": (int, float), "locatable": bool, "certainty": str}
# Blocks are separated by a blank line (a line holding only spaces/tabs counts as blank).
BLOCK_SEP = re.compile(r"\n[ \t]*\n")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def block_starts(text: str) -> list[int]:
    """Offsets where each blank-line-separated block starts (block 0 is the title)."""
    return [0] + [m.end() for m in BLOCK_SEP.finditer(text)]


def block_of(starts: list[int], pos: int) -> int:
    """Index of the block holding offset pos."""
    index = 0
    for i, start in enumerate(starts):
        if start <= pos:
            index = i
    return index


def word_occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    """Spans where surface occurs as a whole word (not inside a longer word)."""
    spans = []
    pos = text.find(surface)
    while pos >= 0:
        end = pos + len(surface)
        before = text[pos - 1] if pos else " "
        after = text[end] if end < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            spans.append((pos, end))
        pos = text.find(surface, pos + 1)
    return spans


def check_article_text(name: str, text: str, errors: list[str]) -> None:
    lines = text.split("\n")
    if not lines[0].strip():
        errors.append(f"{name}: first line (title) is empty")
    if len(lines) < 3 or lines[1].strip():
        errors.append(f"{name}: the title must be followed by a blank line")


def check_mention(where: str, m: dict, text: str, starts: list[int], errors: list[str]) -> None:
    for field, kind in MENTION_FIELDS.items():
        if field not in m:
            errors.append(f"{where}: missing field {field!r}")
        elif not isinstance(m[field], kind) or (kind is int and isinstance(m[field], bool)):
            errors.append(f"{where}: field {field!r} has the wrong type ({m[field]!r})")
    if any(f not in m for f in ("surface", "start", "end")):
        return
    s, e = m["start"], m["end"]
    if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
        errors.append(f"{where}: start/end {s}..{e} out of range")
        return
    if text[s:e] != m["surface"]:
        errors.append(f"{where}: text[{s}:{e}] is {text[s:e]!r}, not the surface {m['surface']!r}")
    if m.get("paragraph") != block_of(starts, s):
        errors.append(f"{where}: paragraph is {m.get('paragraph')}, the offset is in block {block_of(starts, s)}")
    if m.get("kind") not in KINDS:
        errors.append(f"{where}: kind {m.get('kind')!r} not in {sorted(KINDS)}")
    if m.get("certainty") not in CERTAINTIES:
        errors.append(f"{where}: certainty {m.get('certainty')!r} not in {sorted(CERTAINTIES)}")
    if m.get("coord_confidence") not in CONFIDENCES:
        errors.append(f"{where}: coord_confidence {m.get('coord_confidence')!r} not in {sorted(CONFIDENCES)}")
    # Seas, supranational regions and the like lie in no one country: null is allowed for them.
    if not (m.get("country") is None and m.get("kind") in NO_COUNTRY_KINDS) and not re.fullmatch(r"[A-Z]{2}", str(m.get("country", ""))):
        errors.append(f"{where}: country {m.get('country')!r} is not an ISO 3166-1 alpha-2 code")
    lat, lon = m.get("lat"), m.get("lon")
    if lat is None or lon is None:
        if m.get("locatable"):
            errors.append(f"{where}: locatable but lat/lon missing")
        if (lat is None) != (lon is None):
            errors.append(f"{where}: only one of lat/lon is null")
    elif not (isinstance(lat, (int, float)) and isinstance(lon, (int, float))
              and -90 <= lat <= 90 and -180 <= lon <= 180):
        errors.append(f"{where}: lat/lon {lat!r}, {lon!r} out of range")
    if isinstance(m.get("tolerance_km"), (int, float)) and m["tolerance_km"] <= 0:
        errors.append(f"{where}: tolerance_km must be positive")


def check_file(label_path: Path, articles: Path, errors: list[str]) -> tuple[int, int]:
    """Check one labels file; return (mentions, non-country mentions)."""
    name = label_path.name
    try:
        data = json.loads(label_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        errors.append(f"{name}: cannot read JSON ({exc})")
        return 0, 0
    for field, kind in TOP_FIELDS.items():
        if not isinstance(data.get(field), kind):
            errors.append(f"{name}: field {field!r} missing or not a {kind.__name__}")
    if data.get("id") != label_path.stem:
        errors.append(f"{name}: id {data.get('id')!r} does not match the file name")
    if data.get("labelled_by") != "reading":
        errors.append(f"{name}: labelled_by must be 'reading'")
    date = data.get("date")
    if date is not None and not (isinstance(date, str) and DATE.match(date)):
        errors.append(f"{name}: date {date!r} is not YYYY-MM-DD or null")
    article = articles / f"{label_path.stem}.txt"
    try:
        text = article.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        errors.append(f"{name}: article {article.name} unreadable ({exc})")
        return 0, 0
    check_article_text(article.name, text, errors)
    starts = block_starts(text)
    mentions = data.get("mentions") or []
    spans: list[tuple[int, int, str]] = []
    for i, m in enumerate(mentions):
        if not isinstance(m, dict):
            errors.append(f"{name} mention {i}: not an object")
            continue
        check_mention(f"{name} mention {i} ({m.get('surface')!r})", m, text, starts, errors)
        if isinstance(m.get("start"), int) and isinstance(m.get("end"), int):
            spans.append((m["start"], m["end"], "mention"))
    for i, t in enumerate(data.get("traps") or []):
        where = f"{name} trap {i} ({t.get('surface')!r})"
        s, e = t.get("start"), t.get("end", (t.get("start") or 0) + len(t.get("surface", "")))
        if not isinstance(s, int) or text[s:e] != t.get("surface"):
            errors.append(f"{where}: offsets do not match the surface")
            continue
        if not t.get("why"):
            errors.append(f"{where}: missing 'why'")
        spans.append((s, e, "trap"))
    spans.sort()
    for (s1, e1, k1), (s2, e2, k2) in itertools.pairwise(spans):
        if s2 < e1:
            errors.append(f"{name}: {k1} {text[s1:e1]!r}@{s1} overlaps {k2} {text[s2:e2]!r}@{s2}")
    # Every occurrence of a labelled surface must be a mention or a trap (or inside one).
    for surface in sorted({m.get("surface") for m in mentions if isinstance(m, dict)} - {None}):
        for s, e in word_occurrences(text, surface):
            # "the North" inside "the North Korean border" is part of a longer name, not this one.
            longer = re.match(r" [A-Z]", text[e : e + 2]) is not None
            if not longer and not any(a <= s and e <= b for a, b, _ in spans):
                errors.append(f"{name}: occurrence of {surface!r} at {s} is not labelled")
    non_country = sum(1 for m in mentions if isinstance(m, dict) and m.get("kind") != "country")
    return len(mentions), non_country


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    labels, articles = root / "labels", root / "articles"
    errors: list[str] = []
    label_files = sorted(labels.glob("*.json"))
    article_ids = {p.stem for p in articles.glob("*.txt")}
    for missing in sorted(article_ids - {p.stem for p in label_files}):
        errors.append(f"articles/{missing}.txt has no labels file")
    total = total_nc = 0
    for path in label_files:
        n, nc = check_file(path, articles, errors)
        total, total_nc = total + n, total_nc + nc
        print(f"{path.stem:32s} {n:4d} mentions {nc:4d} non-country")
    print(f"{len(label_files)} files, {total} mentions, {total_nc} non-country")
    for err in errors:
        print("ERROR", err)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
