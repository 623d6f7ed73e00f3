"""Freeze the geoparsing evaluation set: write tests/geoparse_eval/MANIFEST.sha256 and split.json.

Run once, after every article is labelled by reading and before any code has been run on it. The
split is fixed by the articles' own text (each text's sha256 orders them), then
alternates dev/test within each labeller's half so both themes land in both splits. Refuses to touch
an existing split: articles added later go to the split named with --add-to.

    python tools/freeze_eval.py                       # first freeze
    python tools/freeze_eval.py --add-to test ID…     # new articles, labelled and then frozen
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

EVAL = Path(__file__).resolve().parent.parent / "tests" / "geoparse_eval"
FROZEN = ("articles", "labels")
ALSO = ("check_labels.py",)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_manifest(root: Path = EVAL) -> list[str]:
    names = [f"{folder}/{p.name}" for folder in FROZEN for p in sorted((root / folder).iterdir()) if p.is_file()]
    names += [n for n in ALSO if (root / n).is_file()]
    names.append("split.json")
    lines = [f"{_digest(root / n)}  {n}" for n in names]
    (root / "MANIFEST.sha256").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return names


def first_split(ids: list[str], root: Path = EVAL) -> dict[str, list[str]]:
    """Alternate dev/test within each half (eval-b's ids end in '-b'), in the order of each text's hash."""
    split: dict[str, list[str]] = {"dev": [], "test": []}
    for half in ([i for i in ids if not i.endswith("-b")], [i for i in ids if i.endswith("-b")]):
        ordered = sorted(half, key=lambda i: _digest(root / "articles" / f"{i}.txt"))
        for n, aid in enumerate(ordered):
            split["dev" if n % 2 == 0 else "test"].append(aid)
    return {k: sorted(v) for k, v in split.items()}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--add-to", choices=("dev", "test"))
    p.add_argument("ids", nargs="*")
    args = p.parse_args()
    ids = sorted(json.loads(path.read_text(encoding="utf-8"))["id"] for path in (EVAL / "labels").glob("*.json"))
    split_file = EVAL / "split.json"
    if split_file.exists():
        if not args.add_to:
            p.error(f"{split_file} exists: the set is frozen; add new articles with --add-to dev|test ID…")
        split = json.loads(split_file.read_text(encoding="utf-8"))
        known = set(split["dev"]) | set(split["test"])
        for aid in args.ids:
            if aid in known or aid not in ids:
                p.error(f"{aid}: already in the split, or has no labels")
            split[args.add_to].append(aid)
    else:
        split = first_split(ids)
    split_file.write_text(json.dumps(split, indent=2) + "\n", encoding="utf-8")
    names = write_manifest()
    print(f"frozen {len(names)} files; dev {len(split['dev'])} articles, test {len(split['test'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
