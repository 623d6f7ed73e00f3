"""Match the figure and flow rules against the hand labels in tests/golden/figures.json and flows.json
(written by reading the articles before any extractor existed) and score them.

A golden entry is located in its article by its verbatim excerpt in its paragraph; a found figure is paired
with a golden one when their text spans overlap (same article); a found flow with a golden one when its
span overlaps the golden excerpt, the same destination preferred.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from mapviewer.core.corpus import split_paragraphs
from mapviewer.core.figures import Figure
from mapviewer.core.flows import Flow, Place
from mapviewer.core.workspace import Workspace

GOLDEN = Path(__file__).parent / "golden"


def load_figures() -> dict:
    return json.loads((GOLDEN / "figures.json").read_text(encoding="utf-8"))


def load_flows() -> list[dict]:
    return json.loads((GOLDEN / "flows.json").read_text(encoding="utf-8"))


def _paragraph_start(ws: Workspace, article_id: str, index: int) -> int:
    article = ws.article_by_id[article_id]
    return article.paragraphs[index].start


def excerpt_span(ws: Workspace, g: dict) -> tuple[int, int]:
    """Where a golden entry's excerpt lies in its article's text."""
    article = ws.article_by_id[g["article"]]
    para = article.paragraphs[g["paragraph"]]
    at = para.text.find(g["excerpt"])
    assert at >= 0, g
    return para.start + at, para.start + at + len(g["excerpt"])


def text_span(ws: Workspace, g: dict) -> tuple[int, int]:
    """Where a golden figure's `text` lies (inside its excerpt)."""
    start, end = excerpt_span(ws, g)
    source = ws.article_by_id[g["article"]].text
    at = source.find(g["text"], start, end)
    if at < 0:
        at = source.find(g["text"], _paragraph_start(ws, g["article"], g["paragraph"]))
    assert at >= 0, g
    return at, at + len(g["text"])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def same_bounds(g: dict, f: Figure) -> bool:
    if g["bound"] is None or g.get("relation"):
        return f.bound == "relation" and f.relation == g.get("relation")
    if g["bound"] != f.bound:
        return False
    return all(g.get(k) == getattr(f, k) for k in ("value", "low", "high") if k in g) and all(
        getattr(f, k) is None for k in ("value", "low", "high") if k not in g
    )


@dataclass
class FigureAgreement:
    pairs: list[tuple[dict, Figure]] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)
    extra: list[Figure] = field(default_factory=list)

    def _share(self, ok) -> float:
        return sum(bool(ok(g, f)) for g, f in self.pairs) / max(1, len(self.pairs))

    def scores(self) -> dict[str, float]:
        found = len(self.pairs) + len(self.extra)
        return {
            "recall": len(self.pairs) / max(1, len(self.pairs) + len(self.missed)),
            "precision": len(self.pairs) / max(1, found),
            "bounds": self._share(same_bounds),
            "unit": self._share(lambda g, f: g["unit"] == f.unit),
            "sites": self._share(lambda g, f: set(g["sites"]) == set(f.sites)),
            "certainty": self._share(lambda g, f: g["certainty"] == f.certainty),
        }

    def report(self) -> str:
        lines = [f"figures: golden {len(self.pairs) + len(self.missed)}, found {len(self.pairs) + len(self.extra)}, "
                 f"matched {len(self.pairs)}, missed {len(self.missed)}, extra {len(self.extra)}",
                 "  " + ", ".join(f"{k} {v:.1%}" for k, v in self.scores().items())]
        for g, f in self.pairs:
            wrong = [k for k, ok in (("bounds", same_bounds(g, f)), ("unit", g["unit"] == f.unit),
                                     ("sites", set(g["sites"]) == set(f.sites)), ("certainty", g["certainty"] == f.certainty)) if not ok]
            if wrong:
                lines.append(f"  differs {g['id']} {g['text']!r}: " + "; ".join(
                    f"{k}: golden {_golden_value(g, k)} rules {_rule_value(f, k)}" for k in wrong))
        lines += [f"  missed {g['id']} {g['article']} {g['text']!r}" for g in self.missed]
        lines += [f"  extra {f.article_id} ¶{f.paragraph} {f.text!r}" for f in self.extra]
        return "\n".join(lines)


def _golden_value(g: dict, k: str) -> object:
    if k == "bounds":
        return (g["bound"], g.get("value"), g.get("low"), g.get("high"), g.get("relation"))
    return sorted(g["sites"]) if k == "sites" else g[k]


def _rule_value(f: Figure, k: str) -> object:
    if k == "bounds":
        return (f.bound, f.value, f.low, f.high, f.relation)
    return sorted(f.sites) if k == "sites" else getattr(f, k)


def evaluate_figures(ws: Workspace, golden: list[dict], found: list[Figure]) -> FigureAgreement:
    result = FigureAgreement()
    unused = list(found)
    for g in golden:
        span = text_span(ws, g)
        match = next((f for f in unused if f.article_id == g["article"] and _overlap((f.start, f.end), span)), None)
        if match is None:
            result.missed.append(g)
        else:
            unused.remove(match)
            result.pairs.append((g, match))
    result.extra = unused
    return result


def same_place(g: dict, p: Place) -> bool:
    return g.get("site") == p.site if "site" in g else g.get("iso") == p.iso and not p.site


def _place_text(g: dict) -> str:
    return g.get("site") or g.get("iso") or "?"


def same_what(g: dict, f: Flow) -> bool:
    """The golden `what` is the flow's unit or starts with its stem ("tunneling expertise" is know-how only by equality)."""
    gold = g["what"].lower()
    return gold == f.what or gold.split()[0][:5] == f.what[:5]


def same_quantity(g: dict, f: Flow) -> bool:
    gq, q = g["quantity"], f.quantity
    if gq is None or q is None:
        return gq is None and q is None
    return gq.get("bound") == q.get("bound") and all(gq.get(k) == q.get(k) for k in ("value", "low", "high") if k in gq)


@dataclass
class FlowAgreement:
    pairs: list[tuple[dict, Flow]] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)
    extra: list[Flow] = field(default_factory=list)

    def _share(self, ok) -> float:
        return sum(bool(ok(g, f)) for g, f in self.pairs) / max(1, len(self.pairs))

    def scores(self) -> dict[str, float]:
        return {
            "recall": len(self.pairs) / max(1, len(self.pairs) + len(self.missed)),
            "precision": len(self.pairs) / max(1, len(self.pairs) + len(self.extra)),
            "origin": self._share(lambda g, f: same_place(g["origin"], f.origin)),
            "destination": self._share(lambda g, f: same_place(g["destination"], f.destination)),
            "what": self._share(same_what),
            "quantity": self._share(same_quantity),
            "certainty": self._share(lambda g, f: g["certainty"] == f.certainty),
        }

    def report(self) -> str:
        lines = [f"flows: golden {len(self.pairs) + len(self.missed)}, found {len(self.pairs) + len(self.extra)}, "
                 f"matched {len(self.pairs)}, missed {len(self.missed)}, extra {len(self.extra)}",
                 "  " + ", ".join(f"{k} {v:.1%}" for k, v in self.scores().items())]
        for g, f in self.pairs:
            lines.append(f"  pair {g['id']}: golden {_place_text(g['origin'])}->{_place_text(g['destination'])} {g['what']!r} "
                         f"{g['certainty']} | rules {f.origin.label()}->{f.destination.label()} {f.what!r} {f.certainty} ({f.rule})")
        lines += [f"  missed {g['id']} {g['article']} ¶{g['paragraph']} {_place_text(g['origin'])}->{_place_text(g['destination'])} "
                  f"{g['what']!r}: {g['excerpt'][:90]!r}" for g in self.missed]
        lines += [f"  extra {f.article_id} ¶{f.paragraph} {f.origin.label()}->{f.destination.label()} {f.what!r}: "
                  f"{f.sentence[:90]!r}" for f in self.extra]
        return "\n".join(lines)


def evaluate_flows(ws: Workspace, golden: list[dict], found: list[Flow]) -> FlowAgreement:
    result = FlowAgreement()
    unused = list(found)
    for g in golden:
        span = excerpt_span(ws, g)
        near = [f for f in unused if f.article_id == g["article"] and _overlap((f.start, f.end), span)]
        near.sort(key=lambda f: (not same_place(g["destination"], f.destination), not same_place(g["origin"], f.origin)))
        if not near:
            result.missed.append(g)
        else:
            unused.remove(near[0])
            result.pairs.append((g, near[0]))
    result.extra = unused
    return result


__all__ = ["evaluate_figures", "evaluate_flows", "load_figures", "load_flows", "split_paragraphs"]
