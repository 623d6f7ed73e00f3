"""List the dev half A/B mention positions of tests/geoparse_eval WITHOUT certainty or why (stdlib only).

Used for the blind certainty relabel of 3 December 2026 (blind-certainty-ab-2026-12-03.*): the labeller read
only this list and the article texts. Reads split.json's "dev" list only.

    python3 tests/golden/blind_ab_positions.py > positions.json
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1] / "geoparse_eval"
LATER = ("-b", "-c", "-d", "-e", "-f")
KEEP = ("paragraph", "start", "end", "surface", "place", "kind")


def positions() -> list[dict]:
    dev = json.loads((ROOT / "split.json").read_text())["dev"]
    ids = [i for i in dev if not i.endswith(LATER)] + [i for i in dev if i.endswith("-b")]
    out = []
    for aid in ids:
        lab = json.loads((ROOT / "labels" / f"{aid}.json").read_text())
        for n, m in enumerate(lab["mentions"]):
            out.append({"id": aid, "n": n, **{k: m[k] for k in KEEP}})
    return out


if __name__ == "__main__":
    json.dump(positions(), sys.stdout, ensure_ascii=False, indent=1)
