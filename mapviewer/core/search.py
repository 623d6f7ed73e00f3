"""The hits of a search, listed: the sites whose names contain the term and the passages whose sentences do, each
with where the term is in the text shown, so the window can list and highlight them. Matching is the filter's
(core.filters: case- and accent-insensitive, the folded term anywhere in the text)."""

from __future__ import annotations

from dataclasses import dataclass

from mapviewer.core.filters import FilterResult
from mapviewer.core.textnorm import fold
from mapviewer.core.workspace import Workspace

SNIPPET = 220
"""Characters of a long sentence shown around the first hit (the whole sentence is in the reader)."""


@dataclass(frozen=True)
class Hit:
    """One line of the list: a site (`mention_id` None) or a passage; `text` is what is shown and `spans` where
    the term is in it (start, end)."""

    kind: str  # "site" | "passage"
    site_id: str
    mention_id: str | None
    text: str
    spans: tuple[tuple[int, int], ...]
    where: str


def find_folded(text: str, query: str) -> list[tuple[int, int]]:
    """Where `query` occurs in `text`, compared folded (case and accents ignored), as spans of `text` itself."""
    q = fold(query.strip())
    if not q:
        return []
    folded: list[str] = []
    origin: list[int] = []  # for each folded character, the index of the character it came from
    for i, ch in enumerate(text):
        f = ch.lower() if ch.isascii() else fold(ch)
        folded.append(f)
        origin.extend([i] * len(f))
    joined = "".join(folded)
    spans: list[tuple[int, int]] = []
    at = joined.find(q)
    while at >= 0:
        spans.append((origin[at], origin[at + len(q) - 1] + 1))
        at = joined.find(q, at + len(q))
    return spans


def _snippet(text: str, spans: list[tuple[int, int]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """`text` cut to about SNIPPET characters around its first span (with … where cut), and the spans moved."""
    if len(text) <= SNIPPET:
        return text, tuple(spans)
    first = spans[0][0]
    start = max(0, min(first - SNIPPET // 3, len(text) - SNIPPET))
    end = start + SNIPPET
    lead = "…" if start > 0 else ""
    cut = lead + text[start:end] + ("…" if end < len(text) else "")
    shift = len(lead) - start
    return cut, tuple((a + shift, b + shift) for a, b in spans if a >= start and b <= end)


def search_hits(ws: Workspace, result: FilterResult, query: str, limit: int = 300) -> tuple[list[Hit], int]:
    """The sites (first, by name) and passages (in article and text order, one per sentence) among those `result`
    shows that contain `query`; at most `limit` hits, and how many there are in all."""
    if not query.strip():
        return [], 0
    hits: list[Hit] = []
    total = 0
    for site_id in sorted(result.site_ids, key=lambda s: ws.site_by_id[s].name.lower()):
        site = ws.site_by_id[site_id]
        for name in (site.name, *site.aliases):
            spans = find_folded(name, query)
            if spans:
                total += 1
                if len(hits) < limit:
                    shown = name if name == site.name else f"{site.name} — also “{name}”"
                    offset = 0 if name == site.name else len(site.name) + len(" — also “")
                    where = ", ".join(x for x in (site.kind.replace("-", " "), site.country) if x)
                    hits.append(Hit("site", site.id, None, shown, tuple((a + offset, b + offset) for a, b in spans), where))
                break
    seen: set[tuple[str, int]] = set()
    for mention_id in result.mention_ids:
        m = ws.mention_by_id[mention_id]
        if (m.article_id, m.sentence_start) in seen:
            continue
        seen.add((m.article_id, m.sentence_start))
        sentence = m.sentence
        spans = find_folded(sentence, query)
        if not spans:
            continue
        total += 1
        if len(hits) < limit:
            text, moved = _snippet(sentence, spans)
            hits.append(Hit("passage", m.site_id, m.id, text, moved, ws.article_by_id[m.article_id].title))
    return hits, total
