"""Validate the reading-labelled geoparse evaluation files (stdlib only).

Checks every ``labels/<id>.json`` against ``articles/<id>.txt``: required
fields and value sets, that ``text[start:end] == surface`` on word boundaries,
that ``paragraph`` is the index of the blank-line-separated block holding the
mention, that mentions do not overlap, and that coordinates are sane.  It never
imports mapviewer: the labels must stay independent of the code they judge.

Usage: python3 tests/geoparse_eval/check_labels_b.py [labels/<id>.json ...]
Exit status 0 when every file is valid, 1 otherwise (problems on stderr).
"""
from __future__ import annotations

import itertools
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = {"country", "region", "city", "town", "village", "facility", "military-site",
         "water", "landform", "route", "area"}
CERTAINTIES = {"confirmed", "reported", "alleged", "speculative", "historical", "context"}
CONFIDENCES = {"high", "medium", "low"}
# kinds that may span several countries, so "country" may be null
MULTI_COUNTRY_KINDS = {"region", "water", "area", "landform", "route"}
TOP_FIELDS = {"id": str, "url": str, "outlet": str, "labelled_by": str, "themes": list, "mentions": list}
MENTION_FIELDS = {"surface": str, "start": int, "end": int, "paragraph": int, "place": str, "kind": str,
                  "coord_source": str, "coord_confidence": str, "tolerance_km": (int, float),
                  "locatable": bool, "certainty": str}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO2 = re.compile(r"^[A-Z]{2}$")
BLANK_LINE = re.compile(r"\n[ \t]*\n")


def block_starts(text: str) -> list[int]:
    """Start offset of each blank-line-separated block (block 0 is the title)."""
    return [0] + [m.end() for m in BLANK_LINE.finditer(text)]


def paragraph_at(starts: list[int], pos: int) -> int:
    """Index of the block that contains offset ``pos``."""
    index = 0
    for i, start in enumerate(starts):
        if start <= pos:
            index = i
    return index


def is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def check_span(text: str, item: dict, where: str, errors: list[str]) -> bool:
    """The span must exist, equal the surface and not cut a word in two."""
    start, end, surface = item.get("start"), item.get("end"), item.get("surface")
    if not (isinstance(start, int) and isinstance(end, int) and isinstance(surface, str)):
        errors.append(f"{where}: start/end/surface missing or of the wrong type")
        return False
    if not (0 <= start < end <= len(text)):
        errors.append(f"{where}: span {start}-{end} outside the text (length {len(text)})")
        return False
    if text[start:end] != surface:
        errors.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}, not the surface {surface!r}")
        return False
    if surface != surface.strip():
        errors.append(f"{where}: surface {surface!r} has leading or trailing whitespace")
    if (start > 0 and is_word(text[start - 1]) and is_word(surface[0])) or \
            (end < len(text) and is_word(text[end]) and is_word(surface[-1])):
        errors.append(f"{where}: surface {surface!r} at {start} cuts a word")
    return True


def check_mention(text: str, starts: list[int], m: dict, where: str, errors: list[str]) -> None:
    """Field types, value sets, offsets, paragraph and coordinates of one mention."""
    for field, kind in MENTION_FIELDS.items():
        if field not in m:
            errors.append(f"{where}: missing field {field!r}")
        elif not isinstance(m[field], kind) or (kind is int and isinstance(m[field], bool)):
            errors.append(f"{where}: field {field!r} has type {type(m[field]).__name__}")
    if not check_span(text, m, where, errors):
        return
    para = paragraph_at(starts, m["start"])
    if m.get("paragraph") != para:
        errors.append(f"{where}: paragraph is {m.get('paragraph')}, the text puts {m['surface']!r} in block {para}")
    if m.get("kind") not in KINDS:
        errors.append(f"{where}: kind {m.get('kind')!r} not in {sorted(KINDS)}")
    if m.get("certainty") not in CERTAINTIES:
        errors.append(f"{where}: certainty {m.get('certainty')!r} not in {sorted(CERTAINTIES)}")
    if m.get("coord_confidence") not in CONFIDENCES:
        errors.append(f"{where}: coord_confidence {m.get('coord_confidence')!r} not in {sorted(CONFIDENCES)}")
    country = m.get("country")
    if country is None:
        if m.get("kind") not in MULTI_COUNTRY_KINDS:
            errors.append(f"{where}: country is null for a {m.get('kind')!r}")
    elif not (isinstance(country, str) and ISO2.match(country)):
        errors.append(f"{where}: country {country!r} is not an ISO 3166-1 alpha-2 code")
    lat, lon = m.get("lat"), m.get("lon")
    if lat is None or lon is None:
        if m.get("locatable") is not False or not (lat is None and lon is None):
            errors.append(f"{where}: lat/lon may be null only together and only when locatable is false")
    elif not (isinstance(lat, (int, float)) and isinstance(lon, (int, float))
              and -90 <= lat <= 90 and -180 <= lon <= 180):
        errors.append(f"{where}: lat/lon {lat!r}/{lon!r} out of range")
    tol = m.get("tolerance_km")
    if isinstance(tol, (int, float)) and tol <= 0:
        errors.append(f"{where}: tolerance_km must be positive")


def check_file(path: Path) -> list[str]:
    """All problems found in one labels file (empty when it is valid)."""
    errors: list[str] = []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"{path.name}: cannot read JSON: {exc}"]
    for field, kind in TOP_FIELDS.items():
        if not isinstance(data.get(field), kind):
            errors.append(f"{path.name}: field {field!r} missing or not a {kind.__name__}")
    if errors:
        return errors
    if data["id"] != path.stem:
        errors.append(f"{path.name}: id {data['id']!r} does not match the file name")
    if data["labelled_by"] != "reading":
        errors.append(f"{path.name}: labelled_by must be 'reading'")
    date = data.get("date")
    if date is not None and not (isinstance(date, str) and DATE.match(date)):
        errors.append(f"{path.name}: date {date!r} is neither YYYY-MM-DD nor null")
    article = HERE / "articles" / f"{data['id']}.txt"
    try:
        text = article.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [*errors, f"{path.name}: article {article.name} unreadable: {exc}"]
    starts = block_starts(text)
    spans = []
    for i, m in enumerate(data["mentions"]):
        where = f"{path.name} mention {i} ({m.get('surface')!r})" if isinstance(m, dict) else f"{path.name} mention {i}"
        if not isinstance(m, dict):
            errors.append(f"{where}: not an object")
            continue
        check_mention(text, starts, m, where, errors)
        if isinstance(m.get("start"), int) and isinstance(m.get("end"), int):
            spans.append((m["start"], m["end"], i))
    spans.sort()
    for (s1, e1, i1), (s2, e2, i2) in itertools.pairwise(spans):
        if s2 < e1:
            errors.append(f"{path.name}: mentions {i1} and {i2} overlap ({s1}-{e1} / {s2}-{e2})")
    for i, t in enumerate(data.get("traps", [])):
        where = f"{path.name} trap {i} ({t.get('surface')!r})"
        if not isinstance(t.get("why"), str):
            errors.append(f"{where}: missing 'why'")
        if check_span(text, t, where, errors):
            for s, e, j in spans:
                if t["start"] < e and s < t["end"]:
                    errors.append(f"{where}: overlaps mention {j}; a span is either a place or a trap")
    return errors


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((HERE / "labels").glob("*.json"))
    problems: list[str] = []
    if not argv:
        labelled = {p.stem for p in paths}
        for article in sorted((HERE / "articles").glob("*.txt")):
            if article.stem not in labelled:
                problems.append(f"{article.name}: no labels file")
    total = places = 0
    for path in paths:
        errs = check_file(path)
        problems += errs
        if not errs:
            mentions = json.loads(path.read_text(encoding="utf-8"))["mentions"]
            total += len(mentions)
            places += sum(1 for m in mentions if m["kind"] != "country")
    for line in problems:
        print(line, file=sys.stderr)
    print(f"{len(paths)} labels files, {total} mentions ({places} not countries), {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
