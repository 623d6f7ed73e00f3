"""Score ingest against the frozen geoparsing evaluation set (tests/geoparse_eval/).

The set is real articles on the project's themes, each labelled by reading before any code ran on
it (labels/<id>.json: every place mention with its offsets, the place, coordinates with their source,
whether a reader can locate it, and the certainty), frozen by MANIFEST.sha256 and split into dev and
test halves by split.json. Rules are tuned on dev only; the test half is scored once per finished
change and only its figures are reported (never its sentences).

Measures (sub-national places only: countries frame every story and are not sites):
  recall        labelled mentions that were placed on the map or listed for review
  precision     of what was placed or listed, the share that a reader labelled as a place
  within_25km   of the mentions a reader can locate to a point, the share placed within 25 km (a missed
                or unplaced one is not); within_25km_of_found: the same of those found
  regions_ok    of the found region/area mentions, the share placed within the label's tolerance
  certainty     found mentions whose certainty equals the label's
Error kinds (issue 13): 1 missed names, 2 placed > 25 km away at confidence >= 0.8 and not sent to
review, 5 certainty disagreements on reference points (context) and settled past events (historical).

    python benchmarks/geoparse_eval.py [--split dev|test|all] [--details] [--only '*-c'] [--halves]

`--details` lists every miss, extra and misplacement, and is refused for the test split.
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import json
import math
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EVAL = ROOT / "tests" / "geoparse_eval"
OLD_EVAL = ROOT / "tests" / "ingest_eval"  # the earlier set the rules were tuned on: dev only
POINT_KM = 25.0
HIGH_CONFIDENCE = 0.8


class EvalSetError(Exception):
    """The frozen set does not match its manifest, or a label does not fit its article."""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verify_manifest(root: Path = EVAL) -> dict[str, str]:
    """Every file the manifest names exists with its recorded hash, and no labelled file is unlisted."""
    manifest = root / "MANIFEST.sha256"
    if not manifest.is_file():
        raise EvalSetError(f"{manifest}: missing (the set is not frozen)")
    listed: dict[str, str] = {}
    for n, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        digest, _, name = line.partition("  ")
        if len(digest) != 64 or not name:
            raise EvalSetError(f"{manifest}:{n}: expected 'SHA256  PATH'")
        listed[name] = digest
    for name, digest in listed.items():
        path = root / name
        if not path.is_file():
            raise EvalSetError(f"{path}: listed in the manifest but missing")
        if _sha256(path) != digest:
            raise EvalSetError(f"{path}: changed since the set was frozen (sha256 differs from MANIFEST.sha256)")
    for folder in ("articles", "labels", "second_reading"):
        for path in sorted((root / folder).glob("*")):
            if f"{folder}/{path.name}" not in listed:
                raise EvalSetError(f"{path}: not in MANIFEST.sha256 (add files only by refreezing)")
    return listed


@dataclass(frozen=True)
class Gold:
    """One labelled mention."""

    article: str
    start: int
    end: int
    surface: str
    kind: str
    lat: float | None
    lon: float | None
    tolerance_km: float
    locatable: bool
    certainty: str

    @property
    def is_country(self) -> bool:
        return self.kind == "country"

    @property
    def is_point(self) -> bool:
        return self.tolerance_km <= POINT_KM


@dataclass(frozen=True)
class Found:
    """One thing ingest did with a span: placed it on the map (a mention of a site) or listed it for review."""

    article: str
    start: int
    end: int
    surface: str
    lat: float | None
    lon: float | None
    certainty: str
    confidence: float
    in_review: bool
    is_country: bool = False


@dataclass
class Tally:
    gold: int = 0
    found_gold: int = 0
    predicted: int = 0
    predicted_ok: int = 0
    points: int = 0
    points_ok: int = 0
    points_labelled: int = 0
    regions: int = 0
    regions_ok: int = 0
    certainty_ok: int = 0
    kind1_missed: list[tuple[str, str, int]] = field(default_factory=list)
    kind2_far_confident: list[tuple[str, str, float]] = field(default_factory=list)
    kind5_certainty: list[tuple[str, str, str, str]] = field(default_factory=list)
    extras: list[tuple[str, str, int]] = field(default_factory=list)
    far: list[tuple[str, str, float]] = field(default_factory=list)
    certainty_off: list[tuple[str, str, str, str]] = field(default_factory=list)
    certainty_pairs: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(labelled, predicted) certainty of every found mention: the confusion matrix."""

    def figures(self) -> dict[str, float | int]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "recall": self.found_gold / max(1, self.gold),
            "precision": self.predicted_ok / max(1, self.predicted),
            "within_25km": self.points_ok / max(1, self.points_labelled),
            "within_25km_of_found": self.points_ok / max(1, self.points),
            "regions_ok": self.regions_ok / max(1, self.regions),
            "certainty": self.certainty_ok / max(1, self.found_gold),
            "kind1_missed": len(self.kind1_missed),
            "kind2_far_confident": len(self.kind2_far_confident),
            "kind5_certainty": len(self.kind5_certainty),
        }


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def load_labels(root: Path = EVAL) -> dict[str, tuple[str, list[Gold]]]:
    """article id -> (its text, its labelled mentions), checking that each label's offsets fit its text."""
    out: dict[str, tuple[str, list[Gold]]] = {}
    for path in sorted((root / "labels").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        aid = data["id"]
        text = (root / "articles" / f"{aid}.txt").read_text(encoding="utf-8")
        golds = []
        for i, m in enumerate(data["mentions"]):
            if text[m["start"] : m["end"]] != m["surface"]:
                raise EvalSetError(f"{path}: mention {i} ({m['surface']!r}): offsets {m['start']}-{m['end']} do not fit the text")
            golds.append(
                Gold(
                    aid,
                    m["start"],
                    m["end"],
                    m["surface"],
                    m.get("kind", ""),
                    m.get("lat"),
                    m.get("lon"),
                    float(m.get("tolerance_km") or POINT_KM),
                    bool(m.get("locatable", m.get("lat") is not None)),
                    m.get("certainty", ""),
                )
            )
        out[aid] = (text, golds)
    return out


def label_dates(root: Path = EVAL) -> dict[str, str]:
    """article id -> the publication date its label file records (articles whose date is unknown are left out)."""
    out = {}
    for path in sorted((root / "labels").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data.get("date"), str) and data["date"]:
            out[data["id"]] = data["date"]
    return out


def split_ids(root: Path = EVAL) -> dict[str, list[str]]:
    data = json.loads((root / "split.json").read_text(encoding="utf-8"))
    return {"dev": list(data["dev"]), "test": list(data["test"])}


def dated_copies(files: list[Path], dates: dict[str, str], folder: Path) -> list[Path]:
    """`files`, each one whose stem has a date in `dates` (its label's publication date) copied into `folder` under its
    own name with a `Date:` header line on top, the way a text file states its date to ingest (extract.extract_text
    reads the header as metadata and keeps the text as it was, so label offsets still apply)."""
    out = []
    for path in files:
        date = dates.get(path.stem)
        if not date or path.suffix.lower() != ".txt":
            out.append(path)
            continue
        folder.mkdir(parents=True, exist_ok=True)
        copy = folder / path.name
        copy.write_text(f"Date: {date}\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
        out.append(copy)
    return out


def run_ingest(files: list[Path], user_dir: Path, dates: dict[str, str] | None = None) -> tuple[Any, Path]:
    """Ingest `files` into a new standalone workspace (bundled sites as the reference, as `--data` does)
    and open it the way the CLI and window do.

    `dates` (file stem -> ISO date): the publication dates the labels record, given to ingest as a text file gives
    its date (a `Date:` header line, see dated_copies), so the rules that read an article's date work as in the app."""
    import os

    os.environ["MAPVIEWER_USER_DIR"] = str(user_dir)
    from mapviewer.core.gazetteer import load_sites
    from mapviewer.core.ingest.batch import ingest
    from mapviewer.core.workspace import Location, Workspace

    root = user_dir / "ws"
    reference, _ = load_sites(Location.bundled().sites)
    report = ingest(dated_copies(files, dates or {}, user_dir / "dated"), root, reference, copy_reference=True)
    if report.failed:
        raise SystemExit(f"ingest failed: {[f.error for f in report.failed]}")
    return Workspace.load(Location.folder(root)), root


def found_spans(ws: Any, root: Path) -> dict[str, list[Found]]:
    """Per article (keyed by its file's stem): what was placed on the map and what was listed for review."""
    from mapviewer.core.ingest.review import review_rows

    stem_of = {a.id: Path(a.source_file or a.id).stem for a in ws.articles}
    out: dict[str, list[Found]] = {}
    features = json.loads((root / "sites.geojson").read_text(encoding="utf-8"))["features"]
    confidence = {f["properties"]["id"]: float(f["properties"].get("confidence", 1.0)) for f in features}
    for m in ws.mentions:
        site = ws.site_by_id[m.site_id]
        out.setdefault(stem_of.get(m.article_id, m.article_id), []).append(
            Found(
                m.article_id,
                m.start,
                m.end,
                m.surface,
                site.lat,
                site.lon,
                m.claim.certainty,
                confidence.get(site.id, 1.0),
                False,
                is_country=site.kind == "country",
            )
        )
    for r in review_rows(root):
        start, end = r["span"]
        spans = out.setdefault(stem_of.get(r["article"], r["article"]), [])
        if any(f.start < end and start < f.end for f in spans):
            continue  # a low-confidence site already counted as placed
        spans.append(
            Found(
                r["article"],
                start,
                end,
                r["name"],
                r.get("lat"),
                r.get("lon"),
                r.get("certainty") or "",
                float(r.get("confidence") or 0),
                True,
            )
        )
    return out


def _locate_excerpts(text: str, golds: list[Gold], excerpts: list[str]) -> list[Gold]:
    """Old-set labels: offsets from their excerpts (the first unused occurrence)."""
    placed = []
    for g, ex in zip(golds, excerpts):
        at = text.find(ex)
        if at < 0:
            raise EvalSetError(f"excerpt not in text: {ex!r}")
        s = at + ex.index(g.surface)
        placed.append(
            Gold(g.article, s, s + len(g.surface), g.surface, g.kind, g.lat, g.lon, g.tolerance_km, g.locatable, g.certainty)
        )
    return placed


def score(golds_by_article: dict[str, list[Gold]], found: dict[str, list[Found]]) -> Tally:
    t = Tally()
    for aid, golds in golds_by_article.items():
        mine = found.get(aid, [])
        country_spans = [(g.start, g.end) for g in golds if g.is_country]
        places = [g for g in golds if not g.is_country]
        used: set[int] = set()
        for g in places:
            t.gold += 1
            t.points_labelled += g.locatable and g.is_point and g.lat is not None and g.lon is not None
            hit = next((i for i, f in enumerate(mine) if i not in used and f.start < g.end and g.start < f.end), None)
            if hit is None:
                t.kind1_missed.append((aid, g.surface, g.start))
                continue
            used.add(hit)
            f = mine[hit]
            t.found_gold += 1
            t.certainty_pairs[(g.certainty, f.certainty)] += 1
            if f.certainty == g.certainty:
                t.certainty_ok += 1
            else:
                t.certainty_off.append((aid, g.surface, g.certainty, f.certainty))
                if g.certainty in ("context", "historical"):
                    t.kind5_certainty.append((aid, g.surface, g.certainty, f.certainty))
            if not g.locatable or g.lat is None or g.lon is None:
                continue
            d = distance_km((f.lat, f.lon), (g.lat, g.lon)) if f.lat is not None and f.lon is not None else math.inf
            if g.is_point:
                t.points += 1
                t.points_ok += d <= POINT_KM
            else:
                t.regions += 1
                t.regions_ok += d <= g.tolerance_km
            if d > max(POINT_KM, g.tolerance_km):
                t.far.append((aid, g.surface, round(d, 1)))
                if f.confidence >= HIGH_CONFIDENCE and not f.in_review:
                    t.kind2_far_confident.append((aid, g.surface, round(d, 1)))
        for i, f in enumerate(mine):
            if i in used or f.is_country or any(s < f.end and f.start < e for s, e in country_spans):
                continue  # matched, or a country (not a site either way)
            t.predicted += 1
            t.extras.append((aid, f.surface, f.start))
        t.predicted += len(used)
        t.predicted_ok += len(used)
    return t


def _ingest_split(split: str, with_old: bool = True) -> tuple[dict[str, list[Gold]], dict[str, list[Found]], dict[str, float]]:
    """Ingest the split's articles into a fresh workspace: their labels (offsets placed), what ingest found, timing."""
    verify_manifest()
    labels = load_labels()
    ids = list(labels) if split == "all" else split_ids()[split]
    files = [EVAL / "articles" / f"{aid}.txt" for aid in ids]
    golds: dict[str, list[Gold]] = {aid: labels[aid][1] for aid in ids}
    texts = {aid: labels[aid][0] for aid in ids}
    if with_old and split in ("dev", "all"):
        old = json.loads((OLD_EVAL / "labels.json").read_text(encoding="utf-8"))["articles"]
        for aid, entry in old.items():
            path = next(p for p in OLD_EVAL.iterdir() if p.stem == aid)
            files.append(path)
            golds[aid] = [
                Gold(
                    aid,
                    -1,
                    -1,
                    g["surface"],
                    "",
                    g.get("lat"),
                    g.get("lon"),
                    float(g["tolerance_km"]),
                    g.get("lat") is not None,
                    g["certainty"],
                )
                for g in entry["mentions"]
            ]
            texts[aid] = "\0excerpts\0" + json.dumps([g["excerpt"] for g in entry["mentions"]])
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        ws, root = run_ingest(files, Path(tmp), {aid: d for aid, d in label_dates().items() if aid in golds})
        seconds = time.perf_counter() - t0
        found = found_spans(ws, root)
        for aid, text in texts.items():
            if text.startswith("\0excerpts\0"):
                article_text = next(a.text for a in ws.articles if Path(a.source_file or a.id).stem == aid)
                golds[aid] = _locate_excerpts(article_text, golds[aid], json.loads(text[len("\0excerpts\0") :]))
            else:
                article_text = next(a.text for a in ws.articles if Path(a.source_file or a.id).stem == aid)
                if article_text != text:
                    raise EvalSetError(f"{aid}: ingest changed the text, so label offsets do not apply")
    return golds, found, {"articles": len(files), "seconds": seconds, "seconds_per_article": seconds / max(1, len(files))}


def evaluate(split: str, *, with_old: bool = True, only: str | None = None) -> tuple[Tally, dict[str, float]]:
    """Ingest the split's articles into a fresh workspace and score them; with `only` (a shell-style pattern of
    article ids, dev only) the whole split is still ingested together but only the matching articles are scored."""
    golds, found, timing = _ingest_split(split, with_old)
    if only is not None:
        golds = {aid: g for aid, g in golds.items() if fnmatch.fnmatchcase(aid, only)}
    return score(golds, found), {**timing, "scored": len(golds)}


def half_of(aid: str, old_ids: Iterable[str] = ()) -> str:
    """Which part of dev an article belongs to: the older set (ingest_eval), or half A/B, C … of this set (by
    the id's suffix, "-b" to "-z", then "-aa", "-ab" …; half A has none)."""
    if aid in set(old_ids):
        return "ingest_eval"
    suffix = re.search(r"-([b-z]|a[a-z])$", aid)
    return suffix.group(1) if suffix else "a"


def evaluate_halves() -> dict[str, Tally]:
    """One ingest of the dev split, scored per part (ingest_eval, then the halves in letter order) and for the whole
    (key "all"). Dev only: the test split's parts are never scored apart (its figures are looked at whole, once per
    finished change)."""
    golds, found, _ = _ingest_split("dev")
    old_ids = [p.stem for p in OLD_EVAL.iterdir() if p.name != "labels.json"]
    parts: dict[str, dict[str, list[Gold]]] = {}
    for aid, gold in golds.items():
        parts.setdefault(half_of(aid, old_ids), {})[aid] = gold
    out = {"all": score(golds, found)}
    for half in sorted(parts, key=lambda h: (h != "ingest_eval", h)):
        out[half] = score(parts[half], found)
    return out


CERTAINTIES = ("confirmed", "reported", "alleged", "speculative", "historical", "context")


def confusion_table(pairs: Counter[tuple[str, str]]) -> str:
    """Labelled certainty (rows) against predicted (columns), as plain text."""
    cols = [c for c in CERTAINTIES if any(p == c for _, p in pairs)] + sorted({p for _, p in pairs} - set(CERTAINTIES))
    rows = [c for c in CERTAINTIES if any(g == c for g, _ in pairs)] + sorted({g for g, _ in pairs} - set(CERTAINTIES))
    head = "label \\ got".ljust(13) + "".join(c[:11].rjust(12) for c in cols)
    lines = [head]
    for r in rows:
        lines.append(r[:12].ljust(13) + "".join(str(pairs.get((r, c), 0) or ".").rjust(12) for c in cols))
    return "\n".join(lines)


def _print(split: str, tally: Tally, timing: dict[str, float], details: bool) -> None:
    f = tally.figures()
    scored = "" if timing.get("scored", timing["articles"]) == timing["articles"] else f" ({timing['scored']:.0f} scored)"
    print(
        f"geoparse eval, {split} split: {timing['articles']:.0f} articles{scored}, {f['gold']} labelled places, {f['predicted']} placed or listed"
    )
    print(f"  recall      {f['recall']:.3f}   (target >= 0.90)")
    print(f"  precision   {f['precision']:.3f}   (target >= 0.90)")
    print(f"  within 25km {f['within_25km']:.3f}   (target >= 0.85; of {tally.points_labelled} locatable points)")
    print(f"    of found  {f['within_25km_of_found']:.3f}   ({tally.points} found)")
    print(f"  regions ok  {f['regions_ok']:.3f}   ({tally.regions} regions found)")
    print(f"  certainty   {f['certainty']:.3f}   (target >= 0.80)")
    print(
        f"  errors: kind 1 missed {f['kind1_missed']}, kind 2 far at high confidence {f['kind2_far_confident']}, kind 5 context/historical certainty {f['kind5_certainty']}"
    )
    print(
        f"  ingest {timing['seconds']:.2f} s in all, {timing['seconds_per_article']:.2f} s per article (includes gazetteer load)"
    )
    if details:
        for name in ("kind1_missed", "extras", "far", "kind2_far_confident", "certainty_off"):
            print(f"  {name}:")
            for row in getattr(tally, name):
                print(f"    {row}")


def main(argv: Iterable[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    p.add_argument("--details", action="store_true", help="list every error (dev only)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--halves", action="store_true", help="figures and certainty confusion matrix per part of dev (dev only)")
    p.add_argument("--only", metavar="PATTERN", help="score only the dev articles whose id matches (e.g. '*-c'); all are ingested")
    args = p.parse_args(list(argv) if argv is not None else None)
    if args.details and args.split != "dev":
        p.error("--details is for the dev split only: test sentences are never looked at")
    if args.only and args.split != "dev":
        p.error("--only is for the dev split only")
    if args.halves:
        if args.split != "dev":
            p.error("--halves is for the dev split only")
        for half, tally in evaluate_halves().items():
            f = tally.figures()
            print(
                f"{half:12} gold {f['gold']:4}  recall {f['recall']:.3f}  precision {f['precision']:.3f}  "
                f"within {f['within_25km']:.3f}  certainty {f['certainty']:.3f} ({tally.certainty_ok}/{tally.found_gold})"
            )
            print("  " + confusion_table(tally.certainty_pairs).replace("\n", "\n  "))
        return 0
    tally, timing = evaluate(args.split, only=args.only)
    if args.json:
        print(json.dumps({"split": args.split, **tally.figures(), **timing}, indent=2))
    else:
        _print(args.split, tally, timing, args.details)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
