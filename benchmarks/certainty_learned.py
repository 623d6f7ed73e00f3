"""Would a learned certainty rule beat the hand-written claim rules on text they were never tuned on?

Every dev mention the geoparser finds is a labelled certainty decision (about 3,600 once halves AG-AI joined). This
trains a small multinomial logistic regression (numpy only) on the dev halves NOT named by --held and scores it on
the held halves, against the claim rules' own output and against always saying "reported". Two models:

- lexical: words of the sentence and of the mention's clause, the words just before and after the mention, the
  mention's own name, dates in the sentence against the article's year, distances, quotes, the paragraph;
- stacked: the same plus the rules' certainty and the name of the rule that decided it.

Held halves must be text no rule was tuned on (their first run is recorded in tests/geoparse_eval/README.md), or
the rules' figure is flattered. Scored, as geoparse_eval scores certainty, on the sub-national places found.
Dev only: the test split is never read.

    python benchmarks/certainty_learned.py --held ag,ah,ai [--l2 3,30]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from geoparse_eval import CERTAINTIES, EVAL, half_of, label_dates, load_labels, run_ingest, split_ids, verify_manifest  # noqa: E402


@dataclass(frozen=True)
class Decision:
    """One found, labelled mention: what the rules said, what the label says, and what the features are read from."""

    half: str
    sentence: str
    at: int
    surface: str
    paragraph: int
    year: int | None
    rules: str
    rule_name: str
    gold: str
    is_country: bool


def decisions(ids: Iterable[str]) -> list[Decision]:
    """Ingest the dev articles `ids` together (as the eval does) and pair each labelled mention with the mention
    found at its span (placed on the map; review rows carry no sentence offset and are left out)."""
    verify_manifest()
    dev = set(split_ids()["dev"])
    ids = [aid for aid in ids if aid in dev]  # never the test split
    labels = load_labels()
    dates = {aid: d for aid, d in label_dates().items() if aid in ids}
    out: list[Decision] = []
    with tempfile.TemporaryDirectory() as tmp:
        ws, _ = run_ingest([EVAL / "articles" / f"{aid}.txt" for aid in ids], Path(tmp), dates)
        stem = {a.id: Path(a.source_file or a.id).stem for a in ws.articles}
        by_article: dict[str, list] = {}
        for m in ws.mentions:
            by_article.setdefault(stem.get(m.article_id, m.article_id), []).append(m)
        for aid in ids:
            text, golds = labels[aid]
            mine, used = by_article.get(aid, []), set()
            date = dates.get(aid)
            for g in golds:
                hit = next((i for i, m in enumerate(mine) if i not in used and m.start < g.end and g.start < m.end), None)
                if hit is None:
                    continue
                used.add(hit)
                m = mine[hit]
                out.append(
                    Decision(
                        half_of(aid),
                        m.sentence,
                        m.lead,
                        m.surface,
                        text.count("\n\n", 0, m.start),
                        int(date[:4]) if date else None,
                        m.claim.certainty,
                        m.claim.evidence.split(":")[0].split("(")[0].strip()[:40],
                        g.certainty,
                        g.is_country,
                    )
                )
    return out


_TOKEN = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|\d+")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_CLAUSE_MARK = re.compile(r"[,;—]")
_DISTANCE = re.compile(r"\d+\s*(?:km|kilomet|miles?)\b")


def features(d: Decision, *, stacked: bool) -> set[str]:
    """The binary features of one decision (see the module docstring)."""
    s, at, end = d.sentence, d.at, d.at + len(d.surface)
    before = [t.lower() for t in _TOKEN.findall(s[:at])]
    after = [t.lower() for t in _TOKEN.findall(s[end:])]
    f = {"s:" + t.lower() for t in _TOKEN.findall(s)}
    f.update(f"b{i + 1}:{t}" for i, t in enumerate(reversed(before[-4:])))
    f.update(f"a{i + 1}:{t}" for i, t in enumerate(after[:3]))
    if len(before) >= 2:
        f.add("b12:" + " ".join(before[-2:]))
    f.add("b:start" if not before else "b:words")
    f.add("a:end" if not after else "a:words")
    marks_before = [m.end() for m in _CLAUSE_MARK.finditer(s, 0, at)]
    mark_after = _CLAUSE_MARK.search(s, end)
    f.update(
        "c:" + t.lower()
        for t in _TOKEN.findall(s[marks_before[-1] if marks_before else 0 : mark_after.start() if mark_after else len(s)])
    )
    f.add("name:" + d.surface.lower())
    years = [int(y) for y in _YEAR.findall(s)]
    if years and d.year:
        f.update(
            k
            for k, on in (
                ("year:before", min(years) < d.year),
                ("year:same", d.year in years),
                ("year:after", max(years) > d.year),
            )
            if on
        )
    if _DISTANCE.search(s):
        f.add("distance")
    if '"' in s or "“" in s:
        f.add("quote")
    f.add(f"paragraph:{min(d.paragraph, 2)}")
    if stacked:
        f.update(("rules:" + d.rules, "rule:" + d.rule_name))
    return f


def matrix(rows: list[set[str]], vocabulary: dict[str, int]) -> np.ndarray:
    x = np.zeros((len(rows), len(vocabulary) + 1), np.float32)
    x[:, -1] = 1.0  # bias
    for i, f in enumerate(rows):
        x[i, [vocabulary[k] for k in f if k in vocabulary]] = 1.0
    return x


def train(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 300) -> np.ndarray:
    """Multinomial logistic regression, L2-penalised, fitted by Adam on the full batch."""
    n, k = x.shape[0], len(CERTAINTIES)
    w = np.zeros((x.shape[1], k), np.float32)
    target = np.zeros((n, k), np.float32)
    target[np.arange(n), y] = 1.0
    m, v = np.zeros_like(w), np.zeros_like(w)
    for t in range(1, steps + 1):
        p = probabilities(x, w)
        g = x.T @ (p - target) / n + l2 * w / n
        m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g
        w -= 0.05 * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return w


def probabilities(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    z = x @ w
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def held_out_accuracy(train_on: list[Decision], score_on: list[Decision], *, stacked: bool, l2: float) -> float:
    """Accuracy on `score_on` of a model fitted on `train_on` (features seen fewer than twice there are dropped)."""
    rows = [features(d, stacked=stacked) for d in train_on]
    seen = Counter(k for f in rows for k in f)
    vocabulary = {k: i for i, k in enumerate(sorted(k for k, c in seen.items() if c >= 2))}
    w = train(matrix(rows, vocabulary), np.array([CERTAINTIES.index(d.gold) for d in train_on]), l2)
    guess = probabilities(matrix([features(d, stacked=stacked) for d in score_on], vocabulary), w).argmax(axis=1)
    return float(np.mean(guess == np.array([CERTAINTIES.index(d.gold) for d in score_on])))


def split(all_decisions: list[Decision], held: set[str]) -> tuple[list[Decision], list[Decision]]:
    """(training decisions: every dev half but the held ones, countries included; scored decisions: the held
    halves' sub-national places)."""
    return (
        [d for d in all_decisions if d.half not in held],
        [d for d in all_decisions if d.half in held and not d.is_country],
    )


def main(argv: Iterable[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--held", required=True, help="comma-separated dev halves to score on (never trained on), e.g. ag,ah,ai")
    p.add_argument("--l2", default="3,30", help="comma-separated L2 penalties to try")
    args = p.parse_args(list(argv) if argv is not None else None)
    held = {h.strip().lower() for h in args.held.split(",") if h.strip()}
    train_on, score_on = split(decisions(split_ids()["dev"]), held)
    if not score_on:
        raise SystemExit(f"no found mentions in halves {sorted(held)}")
    truth = [d.gold for d in score_on]
    print(
        f"trained on {len(train_on)} decisions; scored on {len(score_on)} sub-national places of halves {', '.join(sorted(held))}"
    )
    print(f"  claim rules          {sum(d.rules == d.gold for d in score_on) / len(score_on):.3f}")
    print(f"  always 'reported'    {truth.count('reported') / len(truth):.3f}")
    for l2 in (float(v) for v in args.l2.split(",")):
        for stacked in (False, True):
            name = "stacked" if stacked else "lexical"
            print(f"  {name} (L2 {l2:g})   {held_out_accuracy(train_on, score_on, stacked=stacked, l2=l2):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
