"""The linear-time forms of the ingest steps give the answers of their plain definitions.

Ingest used to choose between overlapping names by comparing each with every name accepted before,
look up each name's sentence by scanning the passage's sentences and each name's owner by scanning
every feature, so a one-line 10 MB text never finished. The fast forms are checked here against the
plain definitions (written out in the tests) on random and real inputs; the timings are in
benchmarks/bench_ingest.py.
"""

from __future__ import annotations

import random
from pathlib import Path

from mapviewer.core.ingest.batch import _FeatureIndex
from mapviewer.core.ingest.places.finding import choose
from mapviewer.core.ingest.places.spans import CitySpan, Span
from mapviewer.core.ingest.store import WorkspaceFiles
from mapviewer.core.sentences import MAX_SENTENCE, sentence_at, sentence_spans

EVAL = Path(__file__).parents[1] / "ingest_eval"


def _greedy(spans: list[Span]) -> list[Span]:
    """The definition: longest first, stronger layer on ties, drop what overlaps an accepted span."""
    accepted: list[Span] = []
    for s in sorted(spans, key=lambda s: (-(s.end - s.start), s.layer, s.start)):
        if all(s.end <= a.start or s.start >= a.end for a in accepted):
            accepted.append(s)
    return sorted(accepted, key=lambda s: s.start)


def test_choose_accepts_what_the_greedy_definition_accepts() -> None:
    rng = random.Random(7)
    for _ in range(300):
        spans: list[Span] = []
        for _ in range(rng.randint(0, 40)):
            start = rng.randint(0, 200)
            spans.append(CitySpan(start, start + rng.randint(1, 25), rng.randint(0, 4), (str(rng.random()),)))
        assert choose(spans) == _greedy(spans)


def test_sentence_at_is_the_sentence_that_holds_the_name() -> None:
    for path in sorted(EVAL.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            spans = sentence_spans(line)
            ends = [e for _, e in spans]
            for start in range(0, len(line), 7):
                expected = next(((a, b) for a, b in spans if a <= start < b), (0, len(line)))
                assert sentence_at(line, spans, ends, start, start + 1) == expected


def test_a_sentence_with_no_full_stop_is_quoted_around_the_name_only() -> None:
    text = " ".join(f"word{i} near Kursk" for i in range(20_000))  # 300 kB, no sentence end
    spans = sentence_spans(text)
    assert spans == [(0, len(text))]
    ends = [e for _, e in spans]
    for start in (0, 5, len(text) // 2, len(text) - 5):
        start = text.index("Kursk", start) if "Kursk" in text[start:] else text.rindex("Kursk")
        lo, hi = sentence_at(text, spans, ends, start, start + 5)
        assert lo <= start and start + 5 <= hi
        assert hi - lo <= MAX_SENTENCE + 5
        assert lo == 0 or text[lo - 1] == " "  # cut at spaces, never inside a word
        assert hi == len(text) or text[hi] == " "


def test_feature_index_answers_as_the_store_scans() -> None:
    features = [
        {"type": "Feature", "properties": {"id": "kursk", "name": "Kursk", "aliases": ["Kursk city"], "ref": "gn:1"}},
        {"type": "Feature", "properties": {"id": "kursk-2", "name": "KURSK", "aliases": ["Kursk Oblast"], "ref": "gn:1"}},
        {"type": "Feature", "properties": {"id": ["bad"], "name": "Sudzha", "ref": ["x"]}},
        {"type": "Feature", "properties": {"id": "donetsk", "name": "Donetsk", "aliases": None}},
        {"type": "Feature", "properties": "broken"},
        "not a feature",
    ]
    ws = WorkspaceFiles(Path("/nonexistent"), features, [], [])
    index = _FeatureIndex(ws)
    for name in ("kursk", "Kursk Oblast", "sudzha", "Donetsk", "Pyongyang", "kursk  city"):
        assert index.alias_owner(name) == ws.alias_owner(name), name
    for ref in ("gn:1", "site:donetsk", "site:kursk-2", "gn:2", "site:nope"):
        assert index.feature_for_ref(ref) is ws.feature_for_ref(ref), ref
    assert index.ids == {"kursk", "kursk-2", "donetsk"}  # the store's own set fails on the list id


def test_mentions_in_a_run_on_paragraph_quote_only_the_text_near_them() -> None:
    from mapviewer.core.corpus import make_article
    from mapviewer.core.gazetteer import load_sites
    from mapviewer.core.mentions import AliasIndex, find_mentions
    from mapviewer.core.workspace import Location

    sites, _ = load_sites(Location.bundled().sites)
    body = " ".join(f"troops {i} moved near Kursk and Pivnichne" for i in range(8000)) + "."
    article = make_article("runon", f"Run-on\n\n{body}\n")
    mentions = find_mentions(article, AliasIndex(sites))
    assert len(mentions) == 16_000
    for m in mentions[:: 97]:
        assert m.surface in m.sentence and len(m.sentence) <= MAX_SENTENCE + len(m.surface)
        assert m.sentence in body
