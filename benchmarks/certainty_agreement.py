"""How far two careful readers agree on certainty: the ceiling the geoparser's certainty target is judged under.

A second reader labelled the certainty of every mention of twelve dev articles (halves X, Y, Z) and of every test
article blind: they saw the article, the mention spans and the labelling conventions of tests/geoparse_eval/README.md,
never the first labels (tests/geoparse_eval/second_reading/<id>.json). This prints the agreement of the two readings
per split (all mentions, and sub-national places only: the mentions the geoparser's certainty figure is taken on) and
a confusion table. Per-article lines are printed for dev only.

    python benchmarks/certainty_agreement.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from geoparse_eval import EVAL, EvalSetError, confusion_table, load_labels, split_ids  # noqa: E402

Reading = tuple[str, str, bool]  # first certainty, second certainty, is a country


def paired_readings(root: Path = EVAL) -> dict[str, list[Reading]]:
    """article id -> (first certainty, second certainty, is a country) per mention, checking that both readings
    label the same spans."""
    labels = load_labels(root)
    out: dict[str, list[Reading]] = {}
    for path in sorted((root / "second_reading").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        aid = data["id"]
        if aid not in labels:
            raise EvalSetError(f"{path}: no labels/{aid}.json to compare with")
        golds = labels[aid][1]
        if [(m["start"], m["end"]) for m in data["mentions"]] != [(g.start, g.end) for g in golds]:
            raise EvalSetError(f"{path}: its mention spans differ from labels/{aid}.json")
        out[aid] = [(g.certainty, m["certainty"], g.is_country) for g, m in zip(golds, data["mentions"], strict=True)]
    return out


def agreement(rows: list[Reading]) -> tuple[int, int, int, int]:
    """(agreeing, all, agreeing sub-national places, sub-national places)."""
    places = [r for r in rows if not r[2]]
    return sum(a == b for a, b, _ in rows), len(rows), sum(a == b for a, b, _ in places), len(places)


def main() -> int:
    pairs = paired_readings()
    splits = split_ids()
    for split in ("dev", "test"):
        ids = [aid for aid in pairs if aid in set(splits[split])]
        if not ids:
            continue
        rows = [r for aid in ids for r in pairs[aid]]
        if split == "dev":
            for aid in ids:
                ok, n, _, _ = agreement(pairs[aid])
                print(f"  {aid:32} {ok:3}/{n}")
        ok, n, ok_places, places = agreement(rows)
        print(
            f"{split}: {len(ids)} articles; two readers agree on {ok}/{n} = {ok / n:.3f} of all mentions, "
            f"{ok_places}/{places} = {ok_places / places:.3f} of sub-national places"
        )
        print(
            "  "
            + confusion_table(Counter((a, b) for a, b, _ in rows)).replace("label \\ got", "first\\second").replace("\n", "\n  ")
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
