"""Find every occurrence of every site's names in article text.

Matching is on folded word tokens (case, accents and punctuation ignored, whole words only) through a
dictionary keyed by each name's first word, so cost grows with the text, not with the gazetteer.
The longest name wins at each position ("Kursk region" over "Kursk"); `exclude` phrases
("Washington Post") enter the same table as names that point nowhere, so they win the same way.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from mapviewer.core.model import Article, Mention, Site
from mapviewer.core.sentences import sentence_spans
from mapviewer.core.textnorm import key, tokens

_REGION_WORDS = re.compile(r"\b(regions?|oblasts?|provinces?)\b", re.IGNORECASE)
_REGION_NEXT = re.compile(r"^(the|this|that) (region|oblast|province)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Entry:
    words: tuple[str, ...]
    site_id: str | None  # None: an exclusion phrase, a match that is not a mention
    needs_capital: bool


class AliasIndex:
    """Names and aliases of many sites, ready to be matched against text."""

    def __init__(self, sites: Iterable[Site]) -> None:
        self.sites: dict[str, Site] = {}
        table: dict[str, list[_Entry]] = defaultdict(list)
        seen: set[tuple[str, ...]] = set()
        for site in sites:
            self.sites[site.id] = site
            for name in (site.name, *site.aliases):
                self._add(table, seen, name, site.id)
            for phrase in site.exclude:
                self._add(table, seen, phrase, None)
        # Longest first, so the first entry that matches at a position is the longest.
        self._table = {w: sorted(es, key=lambda e: -len(e.words)) for w, es in table.items()}

    @staticmethod
    def _add(table: dict[str, list[_Entry]], seen: set[tuple[str, ...]], name: str, site_id: str | None) -> None:
        words = key(name)
        if not words or words in seen:
            return
        seen.add(words)
        table[words[0]].append(_Entry(words, site_id, needs_capital=name != name.lower()))

    def owner(self, name: str) -> str | None:
        """The site a name belongs to, if any."""
        words = key(name)
        for entry in self._table.get(words[0], ()) if words else ():
            if entry.words == words:
                return entry.site_id
        return None

    def matches(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Yield (start, end, site id) for each non-overlapping name occurrence in `text`."""
        toks = list(tokens(text))
        i = 0
        n = len(toks)
        table = self._table
        while i < n:
            entries = table.get(toks[i][0])
            if entries:
                for entry in entries:
                    size = len(entry.words)
                    if i + size > n:
                        continue
                    if size > 1 and tuple(t[0] for t in toks[i : i + size]) != entry.words:
                        continue
                    start, end = toks[i][1], toks[i + size - 1][2]
                    if entry.needs_capital and not any(text[t[1]].isupper() for t in toks[i : i + size]):
                        continue  # "turkey" the bird is not "Turkey"; a proper name needs a capital
                    if entry.site_id is not None:
                        yield start, end, entry.site_id
                    i += size - 1
                    break
            i += 1


def _resolve_region(site: Site, sentence: str, next_sentence: str, sites: dict[str, Site]) -> str:
    """A city's bare name means its region when the sentence (or the next one's opening) says region."""
    region = site.admin_region
    if region and region in sites and (_REGION_WORDS.search(sentence) or _REGION_NEXT.match(next_sentence)):
        return region
    return site.id


def find_mentions(article: Article, index: AliasIndex) -> list[Mention]:
    """Every mention of a known site in the article's passages, in text order.

    One sense per discourse: once an article uses a city's bare name for its region ("Donetsk, a front
    line region"), its other bare uses of that name in the same article mean the region too.
    """
    mentions: list[Mention] = []
    for para in article.passages:
        found = list(index.matches(para.text))
        if not found:
            continue
        spans = sentence_spans(para.text)
        for start, end, site_id in found:
            k = next((j for j, (s, e) in enumerate(spans) if s <= start < e), len(spans) - 1)
            s_start, s_end = spans[k]
            sentence = para.text[s_start:s_end]
            following = para.text[spans[k + 1][0] : spans[k + 1][1]] if k + 1 < len(spans) else ""
            resolved = _resolve_region(index.sites[site_id], sentence, following, index.sites)
            abs_start = para.start + start
            mentions.append(
                Mention(
                    id=f"{article.id}:{abs_start}",
                    article_id=article.id,
                    paragraph=para.index,
                    start=abs_start,
                    end=para.start + end,
                    surface=para.text[start:end],
                    site_id=resolved,
                    sentence_start=para.start + s_start,
                    sentence_end=para.start + s_end,
                    sentence=sentence,
                )
            )
    regional = {key(m.surface) for m in mentions if m.site_id != index.owner(m.surface)}
    return [_as_region(m, index) if key(m.surface) in regional else m for m in mentions]


def _as_region(mention: Mention, index: AliasIndex) -> Mention:
    region = index.sites[mention.site_id].admin_region
    return replace(mention, site_id=region) if region else mention
