"""Find every occurrence of every site's names in article text.

Matching is on folded word tokens (case, accents and punctuation ignored, whole words only) through a
dictionary keyed by each name's first word, so cost grows with the text, not with the gazetteer.
The longest name wins at each position ("Kursk region" over "Kursk"); `exclude` phrases
("Washington Post") enter the same table as names that point nowhere, so they win the same way.
"""

from __future__ import annotations

import bisect
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
    """Names and aliases of many sites, ready to be matched against text.

    Names are keyed by their whole folded word sequence; per first word only the few distinct name
    lengths are tried, longest first, so a common first word ("San", "New") costs a handful of dict
    lookups rather than a scan of every name that starts with it.
    """

    def __init__(self, sites: Iterable[Site]) -> None:
        self.sites: dict[str, Site] = {}
        self._names: dict[tuple[str, ...], _Entry] = {}
        sites = list(sites)
        for site in sites:
            self.sites[site.id] = site
            for name in (site.name, *site.aliases):
                self._add(name, site.id)
        for site in sites:  # after every name, so an exclusion never shadows another site's name
            for phrase in site.exclude:
                self._add(phrase, None)
        lengths: dict[str, set[int]] = defaultdict(set)
        for words in self._names:
            lengths[words[0]].add(len(words))
        self._lengths = {w: sorted(ls, reverse=True) for w, ls in lengths.items()}

    def _add(self, name: str, site_id: str | None) -> None:
        words = key(name)
        if words and words not in self._names:
            self._names[words] = _Entry(words, site_id, needs_capital=name != name.lower())

    def owner(self, name: str) -> str | None:
        """The site a name belongs to, if any."""
        entry = self._names.get(key(name))
        return entry.site_id if entry else None

    def matches(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Yield (start, end, site id) for each non-overlapping name occurrence in `text`."""
        toks = list(tokens(text))
        words = [t[0] for t in toks]
        n = len(toks)
        names = self._names
        lengths = self._lengths
        i = 0
        while i < n:
            sizes = lengths.get(words[i])
            if sizes:
                for size in sizes:
                    if i + size > n:
                        continue
                    entry = names.get(tuple(words[i : i + size]))
                    if entry is None:
                        continue
                    if entry.needs_capital and not any(text[t[1]].isupper() for t in toks[i : i + size]):
                        continue  # "turkey" the bird is not "Turkey"; a proper name needs a capital
                    if entry.site_id is not None:
                        yield toks[i][1], toks[i + size - 1][2], entry.site_id
                    i += size - 1
                    break
            i += 1


def _resolve_region(site: Site, surface: str, sentence: str, next_sentence: str, sites: dict[str, Site]) -> str:
    """A city's bare name means its region when the sentence (or the next one's opening) says region;
    a fuller name ("Kursk city") keeps its own meaning."""
    region = site.admin_region
    if key(surface) != key(site.name):
        return site.id
    if region and region in sites and (_REGION_WORDS.search(sentence) or _REGION_NEXT.match(next_sentence)):
        return region
    return site.id


def find_mentions(article: Article, index: AliasIndex) -> list[Mention]:
    """Every mention of a known site in the article's passages, in text order.

    One sense per discourse: once an article uses a city's bare name for its region ("Donetsk, a front
    line region"), its other bare uses of that name in the same article mean the region too.
    """
    mentions: list[Mention] = []
    regional: set[tuple[str, str]] = set()  # (city id, surface words) used for the region here
    for para in article.passages:
        found = list(index.matches(para.text))
        if not found:
            continue
        spans = sentence_spans(para.text)
        ends = [e for _, e in spans]
        for start, end, site_id in found:
            k = min(bisect.bisect_right(ends, start), len(spans) - 1)
            s_start, s_end = spans[k]
            sentence = para.text[s_start:s_end]
            following = para.text[spans[k + 1][0] : spans[k + 1][1]] if k + 1 < len(spans) else ""
            resolved = _resolve_region(index.sites[site_id], para.text[start:end], sentence, following, index.sites)
            if resolved != site_id:
                regional.add((site_id, para.text[start:end]))
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
    if not regional:
        return mentions
    return [_as_region(m, index) if (m.site_id, m.surface) in regional else m for m in mentions]


def _as_region(mention: Mention, index: AliasIndex) -> Mention:
    region = index.sites[mention.site_id].admin_region
    return replace(mention, site_id=region) if region else mention
