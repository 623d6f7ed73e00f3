"""Time rules (mapviewer/core/when.py) against the hand labels in tests/golden/when.json (written by reading
the articles before any time rule existed; see tests/golden/README-evidence.md).

Two figures, both "the interval agrees": our start and end equal the label's (partial ISO dates as strings,
None for an open end).
- passages: for every site a label says its time expression dates, the time `passages --json` gives that
  site's mention in that paragraph (the one whose sentence holds the label's excerpt, else the first);
  this is what a user sees.
- expressions: for every label, the time the rules give at the label's excerpt in its sentence.

Measured once with the rules as first written from general knowledge (before tuning):
  passages 56 of 64 (87.5%), expressions 84 of 96 (87.5%).
After tuning (a vague "recently" yields to a stated time in the sentence; the nearest expression when the
mention's own phrase has none; "since X" after a superlative is a comparison; "by X" has no start; the
1953 Armistice; "over the last year" at the article date's precision):
  passages 58 of 64 (90.6%), expressions 87 of 96 (90.6%).
Tried and dropped: carrying a sentence's time over to the next time-less sentences of its paragraph
(passages fell to 85.9%: the sentences after a dated one usually return to the present).
The floors are what was reached, rounded down to 0.05. Raise them when the rules improve, never lower
them to make a change pass.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from mapviewer import paths
from mapviewer.core.sentences import sentence_spans
from mapviewer.core.when import when_of
from mapviewer.core.workspace import Location, Workspace

GOLDEN = Path(__file__).parents[1] / "golden" / "when.json"
PASSAGES_FLOOR = 0.90
EXPRESSIONS_FLOOR = 0.90
# "the factory" is the Alabuga plant only by coreference (no site name in that paragraph): no passage to date.
# It counts against the passages figure.
DOCUMENTED_UNMATCHED = {("w-069", "alabuga-sez")}


@dataclass
class Score:
    agree: list[tuple[dict, object]] = field(default_factory=list)
    disagree: list[tuple[dict, object]] = field(default_factory=list)
    unmatched: list[tuple[dict, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return len(self.agree) / max(1, len(self.agree) + len(self.disagree) + len(self.unmatched))

    def report(self, name: str) -> str:
        lines = [f"{name}: {len(self.agree)} of {len(self.agree) + len(self.disagree) + len(self.unmatched)} agree ({self.rate:.1%})"]
        for g, got in self.disagree:
            lines.append(f"  {g['id']} {g['article']} ¶{g['paragraph']} {g['text']!r}: golden {g['start']}..{g['end']} got {got}")
        for g, site in self.unmatched:
            lines.append(f"  {g['id']} {g['article']} ¶{g['paragraph']}: no mention of {site}")
        return "\n".join(lines)


def _agrees(g: dict, when: object) -> bool:
    start, end = (None, None) if when is None else (when.start, when.end)  # type: ignore[attr-defined]
    return (start, end) == (g["start"], g["end"])


def _shown(when: object) -> str:
    return "None" if when is None else f"{when.start}..{when.end} ({when.rule}: {when.text!r})"  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    overrides = tmp_path_factory.mktemp("when") / "overrides.json"
    return Workspace.load(Location(paths.BUNDLED_SITES, paths.BUNDLED_ARTICLES, overrides, "bundled corpus"))


@pytest.fixture(scope="module")
def golden() -> list[dict]:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def passage_score(ws: Workspace, golden: list[dict]) -> Score:
    from mapviewer.core.records import passage_when

    score = Score()
    for g in golden:
        article = ws.article_by_id[g["article"]]
        at = article.text.index(g["excerpt"])
        for site in g["sites"]:
            found = [m for m in ws.mentions if m.article_id == g["article"] and m.paragraph == g["paragraph"] and m.site_id == site]
            if not found:
                score.unmatched.append((g, site))
                continue
            m = next((m for m in found if m.sentence_start <= at < m.sentence_end), found[0])
            when = passage_when(ws, m)
            (score.agree if _agrees(g, when) else score.disagree).append((g, _shown(when)))
    return score


def expression_score(ws: Workspace, golden: list[dict]) -> Score:
    score = Score()
    for g in golden:
        article = ws.article_by_id[g["article"]]
        at = article.text.index(g["excerpt"])
        paragraph = article.paragraphs[g["paragraph"]]
        start, end = next((s, e) for s, e in sentence_spans(paragraph.text, paragraph.start) if s <= at < e)
        when = when_of(article.text[start:end], at - start, article.date)
        (score.agree if _agrees(g, when) else score.disagree).append((g, _shown(when)))
    return score


def test_time_rules_agree_with_the_hand_labels_as_reported(ws, golden, capsys):
    """The figures printed are the figures asserted."""
    passages, exprs = passage_score(ws, golden), expression_score(ws, golden)
    with capsys.disabled():
        print("\n--- time rules vs hand labels (tests/golden/when.json) ---")
        print(passages.report("passages"))
        print(exprs.report("expressions"))
    assert passages.rate >= PASSAGES_FLOOR, passages.report("passages")
    assert exprs.rate >= EXPRESSIONS_FLOOR, exprs.report("expressions")


def test_every_labelled_site_has_a_passage_but_the_coreference(ws, golden):
    """The figure is over every labelled site; only the coreferent "the factory" has no mention to date."""
    assert {(g["id"], site) for g, site in passage_score(ws, golden).unmatched} == DOCUMENTED_UNMATCHED


def test_golden_file_is_large_enough_to_measure(golden):
    assert len(golden) >= 60 and sum(len(g["sites"]) for g in golden) >= 50
