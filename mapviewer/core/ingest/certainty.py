"""The certainty a candidate is listed with: its sentence's label, then the article-wide rules, as loading gives it.

A candidate placed on the map becomes a mention, and loading labels a mention with the sentence rules and then the
article-wide ones (claims_article.article_claims: a source carried on, a date before the article's, a place the
authors saw themselves). A candidate listed for review showed only its sentence's label, so the review list could say
"reported" of "They said the village fell" right after a blogger's claim, where the mention, once accepted, is
"alleged". Here every candidate of an article gets the article-wide rules too, over the article's candidates in text
order, with the article's date and text as loading passes them. (A candidate whose certainty its sentence did not
give keeps it.)
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import replace

from mapviewer.core.claims import classify
from mapviewer.core.claims_article import ArticleFacts, Passage, article_claims
from mapviewer.core.ingest.placetypes import Candidate
from mapviewer.core.model import Article, Site
from mapviewer.core.textnorm import key


def _place(c: Candidate, sites: Mapping[str, Site]) -> Hashable:
    """What makes two candidates one place for the article-wide rules: the point it is mapped at (to about 10 m, as the
    workspace keys mentions), else its name."""
    site = sites.get(c.site_id) if c.site_id else None
    if site is not None and site.lat is not None and site.lon is not None:
        return (round(site.lat, 4), round(site.lon, 4))
    if c.place is not None:
        return (round(c.place.lat, 4), round(c.place.lon, 4))
    return key(c.surface)


def _sentence_start(c: Candidate, text: str) -> int:
    """Where the candidate's sentence starts in the article's text (-1: not found)."""
    at = text.find(c.sentence, max(0, c.end - len(c.sentence)))
    return at if 0 <= at <= c.start else -1


def with_article_claims(candidates: list[Candidate], article: Article, sites: Mapping[str, Site]) -> list[Candidate]:
    """`candidates` (one article's) with the certainty the article-wide rules give them, in the order given."""
    if not candidates:
        return candidates
    order = sorted(range(len(candidates)), key=lambda i: candidates[i].start)
    passages = []
    for i in order:
        c = candidates[i]
        start = _sentence_start(c, article.text)
        at = c.start - start if start >= 0 else max(0, c.sentence.find(c.surface))
        passages.append(Passage(_place(c, sites), classify(c.sentence, at), c.sentence, at, start))
    claims = article_claims(passages, ArticleFacts(article.date, article.text))
    out = list(candidates)
    for i, passage, claim in zip(order, passages, claims):
        # (a candidate whose certainty its sentence did not give, such as "the region of the same name", keeps it)
        if claim.certainty != out[i].certainty and passage.claim.certainty == out[i].certainty:
            out[i] = replace(out[i], certainty=claim.certainty)
    return out
