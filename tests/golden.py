"""Match the rule labels against the hand labels in tests/golden/mentions.json and score them.

The golden file was written by reading the articles, never by running the classifier; each entry
names its article, site, surface words and a verbatim excerpt of its sentence.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from mapviewer.core.model import CERTAINTIES, TOPICS
from mapviewer.core.workspace import Workspace

GOLDEN = Path(__file__).parent / "golden" / "mentions.json"


@dataclass
class Agreement:
    pairs: list[tuple[dict, object]] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)  # golden mentions the finder did not find
    extra: list[object] = field(default_factory=list)  # found mentions with no golden entry
    wrong_site: list[tuple[dict, object]] = field(default_factory=list)

    @property
    def certainty_agreement(self) -> float:
        return sum(g["certainty"] == m.claim.certainty for g, m in self.pairs) / max(1, len(self.pairs))

    def topic_scores(self) -> dict[str, float]:
        """Exact-set agreement and micro precision/recall of topic labels."""
        exact = tp = fp = fn = 0
        for g, m in self.pairs:
            gold, got = set(g["topics"]), set(m.claim.topics)
            exact += gold == got
            tp += len(gold & got)
            fp += len(got - gold)
            fn += len(gold - got)
        n = max(1, len(self.pairs))
        return {"exact": exact / n, "precision": tp / max(1, tp + fp), "recall": tp / max(1, tp + fn)}

    def confusion(self) -> Counter:
        return Counter((g["certainty"], m.claim.certainty) for g, m in self.pairs)

    def report(self) -> str:
        lines = [
            f"mentions: golden {len(self.pairs) + len(self.missed) + len(self.wrong_site)}, matched {len(self.pairs)}, "
            f"wrong site {len(self.wrong_site)}, missed {len(self.missed)}, extra {len(self.extra)}",
            f"certainty agreement: {self.certainty_agreement:.1%}",
            "topics: " + ", ".join(f"{k} {v:.1%}" for k, v in self.topic_scores().items()),
            "confusion (rows: golden, columns: rules):",
            "            " + " ".join(f"{c[:5]:>6}" for c in CERTAINTIES),
        ]
        conf = self.confusion()
        for g in CERTAINTIES:
            lines.append(f"{g:>11} " + " ".join(f"{conf[(g, r)]:>6}" for r in CERTAINTIES))
        for g, m in self.wrong_site:
            lines.append(f"wrong site: {g['article']} {g['surface']!r} golden {g['site']} rules {m.site_id}")
        for g in self.missed:
            lines.append(f"missed: {g['article']} {g['site']} {g['surface']!r}")
        for m in self.extra:
            lines.append(f"extra: {m.article_id} {m.site_id} {m.surface!r}")
        return "\n".join(lines)


def load_golden() -> list[dict]:
    entries = json.loads(GOLDEN.read_text(encoding="utf-8"))
    for e in entries:
        assert e["certainty"] in CERTAINTIES, e
        assert all(t in TOPICS for t in e["topics"]), e
    return entries


def evaluate(ws: Workspace, golden: list[dict]) -> Agreement:
    """Pair each golden entry with the found mention of the same words in the same sentence."""
    result = Agreement()
    unused = list(ws.mentions)
    for g in golden:
        article = ws.article_by_id[g["article"]]
        at = article.text.index(g["excerpt"])
        span = (at, at + len(g["excerpt"]))
        candidates = [
            m for m in unused
            if m.article_id == g["article"] and span[0] <= m.start < span[1] and g["surface"] in m.surface
        ]
        if not candidates:
            candidates = [
                m for m in unused
                if m.article_id == g["article"] and m.sentence_start <= span[0] < m.sentence_end and g["surface"] in m.surface
            ]
        if not candidates:
            result.missed.append(g)
            continue
        m = candidates[0]
        unused.remove(m)
        if m.site_id == g["site"]:
            result.pairs.append((g, m))
        else:
            result.wrong_site.append((g, m))
    result.extra = unused
    return result
