"""Independent sources: which articles are one source, so a site named by five copies of one wire story
does not look five times corroborated.

Articles are one source when they
  - share an outlet (case, "the" and punctuation aside);
  - one relays another in its lede: the first body paragraph attributes the story to a news agency or to
    another article's outlet ("first reported by Yonhap", "according to Reuters", "Yonhap reported",
    "(AP) —"); the article then counts with that outlet;
  - one reproduces the other's text: at least two near-duplicate paragraphs (or the whole of a one-paragraph
    article), found by hashing each paragraph's word 5-grams ("shingles") and comparing the sets (Jaccard
    at least 0.5) of paragraphs that share sampled shingles, so a workspace of thousands of articles is not
    compared pair by pair.
Each group is labelled by the outlet it comes from (the relayed agency first, else the article's outlet,
else "unknown outlet (<article id>)").
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from mapviewer.core.model import Article
from mapviewer.core.textfold import fold_text
from mapviewer.core.textnorm import fold

AGENCIES: tuple[str, ...] = (
    "Yonhap", "Reuters", "Associated Press", "AP", "AFP", "Agence France-Presse", "TASS", "RIA Novosti", "Interfax",
    "Kyodo", "NHK", "Xinhua", "KCNA", "Korean Central News Agency", "Bloomberg", "NK News", "Daily NK", "Chosun Ilbo",
    "BBC", "CNN", "dpa", "UPI", "Ukrinform", "RBC", "Kommersant", "JoongAng", "Dong-A Ilbo", "Korea Herald", "Korea Times",
)
"""News agencies and outlets an article may relay (besides the outlets of the workspace's own articles)."""

SHINGLE = 5
MIN_WORDS = 20  # shorter paragraphs (headlines, captions, one-line quotes) are not compared
SAMPLE = 4  # index one shingle hash in SAMPLE (by value): a copied paragraph shares about that fraction
MIN_SHARED = 2  # sampled shingles two paragraphs must share to be compared
JACCARD = 0.5
COMMON = 50  # a sampled shingle in more paragraphs than this is boilerplate, not evidence of copying


@dataclass(frozen=True)
class Sources:
    """Per article (in workspace order): its source group (0..n-1) and each group's label."""

    group: list[int]
    labels: list[str]
    why: dict[str, str]
    """Per article id that joined another's source: why ("relays Yonhap", "reproduces the text of X")."""


def outlet_key(name: str | None) -> str:
    key = re.sub(r"[^a-z0-9]+", " ", fold(name or "")).strip()
    return re.sub(r"^the ", "", key)


def _relay_patterns(names: Sequence[str]) -> tuple[re.Pattern[str], ...]:
    """Attributions of a story to one of `names` (matched with their capitals: "AP", not "ap")."""
    alternatives = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True) if n)
    name = rf"(?:(?i:the)\s+)?(?P<name>{alternatives})\b"
    return tuple(
        re.compile(p)
        for p in (
            rf"(?i:first\s+reported\s+by|reported\s+by|according\s+to|citing|obtained\s+by|quoted\s+by)\s+{name}",
            rf"\b{name}(?:\s+(?i:news\s+agency))?\s+(?i:reported|reports|said|says|cited)\b",
            rf"\b(?i:reports?|reported)\s+{name}",
            rf"\({name}\)\s*[-–—]",
        )
    )


def relayed(article: Article, patterns: Sequence[re.Pattern[str]]) -> str | None:
    """The outlet the article's lede (first body paragraph) attributes its story to, or None."""
    lede = next((p.text for p in article.paragraphs if p.kind == "body"), "")
    found = [m for m in (p.search(lede) for p in patterns) if m]
    return min(found, key=lambda m: m.start()).group("name") if found else None


def _shingles(text: str) -> set[int]:
    words = re.findall(r"\w+", fold_text(text))
    if len(words) < MIN_WORDS:
        return set()
    return {zlib.crc32(" ".join(words[i : i + SHINGLE]).encode()) for i in range(len(words) - SHINGLE + 1)}


def near_duplicates(articles: Sequence[Article]) -> tuple[dict[tuple[int, int], int], list[int]]:
    """(i, j) article index pairs, i < j, with how many of their paragraphs are near-duplicates; and per article
    how many of its paragraphs are long enough to compare."""
    paragraphs: list[tuple[int, set[int]]] = []
    index: dict[int, list[int]] = defaultdict(list)
    eligible = [0] * len(articles)
    for a, article in enumerate(articles):
        for _, start, end, text in article.passage_spans():
            shingles = _shingles(text[start:end])
            if not shingles:
                continue
            eligible[a] += 1
            k = len(paragraphs)
            paragraphs.append((a, shingles))
            for h in shingles:
                if h % SAMPLE == 0:
                    index[h].append(k)
    pairs: dict[tuple[int, int], int] = defaultdict(int)
    matched: set[tuple[int, int]] = set()
    for k1, (a1, s1) in enumerate(paragraphs):
        shared: Counter[int] = Counter()
        for h in s1:
            if h % SAMPLE == 0 and len(members := index[h]) <= COMMON:
                shared.update(members)  # counted in C: the paragraphs sharing each sampled shingle
        for k2, n in shared.items():
            if k2 <= k1 or n < MIN_SHARED:
                continue
            a2, s2 = paragraphs[k2]
            if a2 != a1 and (k1, a2) not in matched and len(s1 & s2) / len(s1 | s2) >= JACCARD:
                matched.add((k1, a2))
                pairs[(min(a1, a2), max(a1, a2))] += 1
    return dict(pairs), eligible


def independent_sources(articles: Sequence[Article]) -> Sources:
    """Group articles into independent sources (see the module doc)."""
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[max(find(i), find(j))] = min(find(i), find(j))

    why: dict[str, str] = {}
    by_outlet: dict[str, int] = {}
    for i, a in enumerate(articles):
        key = outlet_key(a.outlet)
        if key:
            if key in by_outlet:
                union(by_outlet[key], i)
            by_outlet.setdefault(key, i)
    outlet_names = [a.outlet for a in articles if a.outlet]
    patterns = _relay_patterns([*AGENCIES, *outlet_names])
    relay: dict[int, str] = {}
    agency_node: dict[str, int] = {}
    for i, a in enumerate(articles):
        name = relayed(a, patterns)
        if name and outlet_key(name) != outlet_key(a.outlet):
            relay[i] = name
            why[a.id] = f"relays {name}"
            key = outlet_key(name)
            if key in by_outlet:
                union(by_outlet[key], i)
            elif key in agency_node:
                union(agency_node[key], i)
            else:
                agency_node[key] = i
    pairs, eligible = near_duplicates(articles)
    for (i, j), n in pairs.items():
        if n >= 2 or min(eligible[i], eligible[j]) <= n:
            union(i, j)
            why.setdefault(articles[j].id, f"reproduces the text of {articles[i].id}")
    roots: dict[int, int] = {}
    group = [roots.setdefault(find(i), len(roots)) for i in range(len(articles))]
    names: list[list[str]] = [[] for _ in roots]
    for i, a in enumerate(articles):
        if i in relay:
            names[group[i]].insert(0, relay[i])
        elif a.outlet:
            names[group[i]].append(a.outlet)
    labels = [""] * len(roots)
    for i, a in enumerate(articles):
        g = group[i]
        if not labels[g]:
            labels[g] = names[g][0] if names[g] else f"unknown outlet ({a.id})"
    return Sources(group, labels, why)
