"""How far two careful readers agree on certainty: the ceiling the geoparser's certainty target is judged under.

A second reader labelled the certainty of every mention in twelve dev articles (halves X, Y, Z) blind: they saw the
article, the mention spans and the labelling conventions of tests/geoparse_eval/README.md, never the first labels
(tests/geoparse_eval/second_reading/<id>.json). This prints the agreement of the two readings (all mentions, and
sub-national places only) and a confusion table. Dev articles only: no test article has a second reading.

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

SECOND = EVAL / "second_reading"


def paired_readings(root: Path = EVAL) -> dict[str, list[tuple[str, str, bool]]]:
    """article id -> (first certainty, second certainty, is a country) per mention, checking that both readings
    label the same spans and that no test article is among them."""
    test = set(split_ids(root)["test"])
    labels = load_labels(root)
    out: dict[str, list[tuple[str, str, bool]]] = {}
    for path in sorted((root / "second_reading").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        aid = data["id"]
        if aid in test:
            raise EvalSetError(f"{path}: {aid} is a test article; second readings are for dev only")
        golds = labels[aid][1]
        if [(m["start"], m["end"]) for m in data["mentions"]] != [(g.start, g.end) for g in golds]:
            raise EvalSetError(f"{path}: its mention spans differ from labels/{aid}.json")
        out[aid] = [(g.certainty, m["certainty"], g.is_country) for g, m in zip(golds, data["mentions"], strict=True)]
    return out


def main() -> int:
    pairs = paired_readings()
    everything: Counter[tuple[str, str]] = Counter()
    places_ok = places = 0
    for aid, rows in pairs.items():
        ok = sum(a == b for a, b, _ in rows)
        print(f"  {aid:32} {ok:3}/{len(rows)}")
        everything.update((a, b) for a, b, _ in rows)
        places += sum(not country for *_, country in rows)
        places_ok += sum(a == b and not country for a, b, country in rows)
    total = sum(everything.values())
    agree = sum(n for (a, b), n in everything.items() if a == b)
    print(f"certainty agreement of two readers: {agree}/{total} = {agree / total:.3f} (all mentions)")
    print(f"                                    {places_ok}/{places} = {places_ok / places:.3f} (sub-national places)")
    print(confusion_table(everything).replace("label \\ got", "first\\second"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
