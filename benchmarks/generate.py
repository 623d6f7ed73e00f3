"""Generate a synthetic workspace folder of N sites and M articles, seeded and reproducible.

    python benchmarks/generate.py OUT_DIR --sites 100000 --articles 20000 [--seed 1]

Writes what `Workspace.open(OUT_DIR)` loads: `sites.geojson` (points, a few regions as polygons and
canals as lines, some with aliases and an admin region) and `articles/articles.json` plus one `.txt`
file per article. Names are invented but shaped like the place names in the bundled corpus
(Slavic, Korean and Arabic-looking; "Mount …", "… Airbase", "Upper …", "… region"), and passages are
news-style sentences that carry the cues the claim rules look for (hedges, "confirmed", dates,
topics), plus the page chrome real articles have (titles, captions, "Leave a comment").

Every site is mentioned at least once (the map shows mentioned sites only), and a small set of
popular sites is mentioned in many articles, so marker sizes and popups vary as in real data.
The same arguments always give byte-identical output.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
from pathlib import Path

GENERATOR_VERSION = 1

_ONSETS = [
    "b",
    "ch",
    "d",
    "h",
    "k",
    "kh",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "sh",
    "t",
    "v",
    "y",
    "z",
    "zh",
    "g",
    "j",
    "kr",
    "pr",
    "st",
    "br",
]
_VOWELS = ["a", "o", "e", "i", "u", "ya", "yo", "ae", "eo"]
_CODAS = ["", "", "", "n", "ng", "r", "l", "m", "s", "v", "k"]
_SUFFIXES = [
    "ivka",
    "ove",
    "ske",
    "ne",
    "grad",
    "sk",
    "yi",
    "dong",
    "ri",
    "ni",
    "abad",
    "iya",
    "ino",
    "pol",
    "ovo",
    "an",
    "ka",
    "ets",
]
_PREFIXES = ["Novo", "Staro", "Krasno", "Pyong", "Nam", "Buk", "Al ", "Tal ", "Ust-", "Bel"]
_DIRECTIONS = ["Upper", "Lower", "New", "Old", "North", "South"]
_COUNTRIES = [
    ("Ukraine", 48.5, 34.0, 3.0, 0.28),
    ("Russia", 54.5, 45.0, 6.0, 0.25),
    ("North Korea", 39.5, 126.5, 1.2, 0.15),
    ("South Korea", 36.5, 127.8, 1.0, 0.06),
    ("Iran", 32.5, 53.0, 4.0, 0.08),
    ("Syria", 35.0, 38.5, 1.5, 0.05),
    ("Belarus", 53.5, 28.0, 1.5, 0.04),
    ("China", 35.0, 110.0, 8.0, 0.05),
    ("Mongolia", 46.5, 103.0, 4.0, 0.02),
    ("Kazakhstan", 48.0, 67.0, 5.0, 0.02),
]
_OUTLETS = [
    "The Kyiv Independent",
    "NK News",
    "Reuters",
    "The New York Sun",
    "Daily NK",
    "Meduza",
    "Al-Monitor",
    "Radio Free Asia",
    None,
]
_COORD_SOURCES = ["GeoNames", "Wikipedia infobox", "OpenStreetMap", "estimated from satellite imagery", "NGA GNS"]

# Sentence templates: {A}/{B} are site names. Cues mirror what mapviewer.core.claims looks for, so every
# certainty and topic occurs; wording stays plain English so no template word is also a site name.
_SITE_SENTENCES = [
    "Officials confirmed that drones struck a fuel depot near {A} on Tuesday.",
    "Satellite images suggest that new tunnels are being dug under the hills outside {A}.",
    "According to unverified reports, a battalion of engineers was sent to {A} last month.",
    "Local residents said the factory in {A} had doubled its production of artillery shells.",
    "The ministry claimed that the air defence units around {A} repelled an attack overnight.",
    "Analysts believe the site at {A} may host an underground missile assembly line.",
    "In the 1970s, {A} was a closed town built around a Soviet mining complex.",
    "Sappers began demining the roads between {A} and {B}, and repair crews followed.",
    "A delegation from {A} travelled to {B} for a summit on trade and cooperation.",
    "Fighting continued along the front line west of {A}, where both sides hold fortified positions.",
    "Workers from {A} were reportedly dispatched to construction sites near {B}.",
    "The governor said reconstruction of the bridge at {A} would be finished by spring.",
    "Heavy fighting was reported on the outskirts of {A}, a town of about 20,000 people.",
    "There is no official confirmation that troops are stationed in {A}.",
    "Defectors allege that prisoners were forced to dig shelters beneath {A}.",
    "Residents of {A} described long queues for water after the strikes.",
    "If verified, the footage would be the first evidence of drone production at {A}.",
    "The convoy passed through {A} before heading for {B}.",
    "Engineers could be building a bunker complex in the hills near {A}, the report said.",
    "The foreign minister praised the alliance during a visit to {A}.",
    "Between 2005 and 2012, the plant at {A} produced parts for the railway.",
    "Police in {A} said the damage from the attack was limited to two warehouses.",
    "Shelling damaged the hospital in {A}, regional officials said.",
    "Volunteers in {A} are restoring the school that was destroyed in the battle.",
    "The {A} region saw the heaviest strikes of the week.",
]
_PLAIN_SENTENCES = [
    "The claims could not be independently verified.",
    "A spokesperson declined to comment on the report.",
    "The war has displaced millions of people since it began.",
    "Prices for fuel and food have risen sharply this year.",
    "Officials did not say how many people were involved.",
    "Several experts cautioned against drawing conclusions from a single image.",
    "The statement was published on the ministry's channel late on Friday.",
    "Journalists were not allowed to visit the area.",
    "The talks are expected to continue next month.",
    "Independent monitors have documented similar cases before.",
]
_HEADLINES = [
    "Drone strikes hit {A} as talks stall",
    "Inside the secret tunnels of {A}",
    "What satellite images reveal about {A}",
    "Workers sent to {A}: what we know",
    "Reconstruction begins in {A} after months of shelling",
    "Why {A} matters for the front line",
    "Exclusive: new factory at {A} makes missiles, sources say",
]
# Generic words names are built with: allowed although the templates use some of them.
_NAME_WORDS = {
    "region",
    "oblast",
    "mount",
    "canal",
    "airbase",
    "mine",
    "upper",
    "lower",
    "new",
    "old",
    "north",
    "south",
    "al",
    "tal",
}
_CHROME = ["Leave a comment", "Sign in to read more", "Photo: satellite image of the area via Reuters", "Share this article"]


def _syllable(rng: random.Random) -> str:
    return rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)


def _root(rng: random.Random) -> str:
    word = "".join(_syllable(rng) for _ in range(rng.choice((1, 2, 2, 3))))
    if rng.random() < 0.75:
        word += rng.choice(_SUFFIXES)
    if rng.random() < 0.12:
        word = rng.choice(_PREFIXES) + word
    word = word.replace("  ", " ")
    return word[:1].upper() + word[1:]


def _key(name: str) -> tuple[str, ...]:
    from mapviewer.core.textnorm import key

    return key(name)


def _template_words() -> set[str]:
    from mapviewer.core.textnorm import key

    words: set[str] = set()
    for t in _SITE_SENTENCES + _PLAIN_SENTENCES + _HEADLINES + _CHROME + [c[0] for c in _COUNTRIES] + [o or "" for o in _OUTLETS]:
        words.update(key(t.replace("{A}", " ").replace("{B}", " ")))
    return words


def _polygon(lon: float, lat: float, r: float, rng: random.Random) -> dict:
    k = rng.randint(5, 9)
    ring = []
    for i in range(k):
        a = 2 * math.pi * i / k
        rr = r * rng.uniform(0.7, 1.0)
        ring.append([round(lon + rr * math.cos(a), 5), round(lat + rr * math.sin(a) * 0.7, 5)])
    ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


def _line(lon: float, lat: float, rng: random.Random) -> dict:
    pts, x, y = [], lon, lat
    for _ in range(rng.randint(3, 6)):
        pts.append([round(x, 5), round(y, 5)])
        x += rng.uniform(0.05, 0.3)
        y += rng.uniform(-0.15, 0.15)
    return {"type": "LineString", "coordinates": pts}


def make_sites(n: int, rng: random.Random) -> list[dict]:
    """n GeoJSON features with unique names/aliases (unique under the matcher's folding)."""
    banned = _template_words() - _NAME_WORDS
    used: set[tuple[str, ...]] = set()

    def fresh(make) -> str:
        for _ in range(1000):
            name = make()
            k = _key(name)
            if k and k not in used and not (set(k) & banned):
                used.add(k)
                return name
        raise RuntimeError("could not find a fresh name")

    n_regions = max(1, n // 100)
    n_canals = max(1, n // 400)
    weights = [c[4] for c in _COUNTRIES]
    regions: list[tuple[str, float, float, str]] = []
    features: list[dict] = []
    for i in range(n):
        country, clat, clon, spread, _ = rng.choices(_COUNTRIES, weights)[0]
        lat = max(-85.0, min(85.0, rng.gauss(clat, spread)))
        lon = max(-179.9, min(179.9, rng.gauss(clon, spread * 1.4)))
        props: dict = {"id": f"s{i:06d}"}
        if i < n_regions:
            base = fresh(lambda: _root(rng))
            name = fresh(lambda b=base: f"{b} region")
            props.update(name=name, kind="region", precision="region", aliases=[fresh(lambda b=base: f"{b} oblast")])
            geometry = _polygon(lon, lat, rng.uniform(0.5, 1.5), rng)
            regions.append((props["id"], lat, lon, country))
        elif i < n_regions + n_canals:
            name = fresh(lambda: f"{_root(rng)} Canal")
            props.update(name=name, kind="canal", precision="approximate")
            geometry = _line(lon, lat, rng)
        else:
            r = rng.random()
            if r < 0.04:
                name, kind = fresh(lambda: f"Mount {_root(rng)}"), "mountain"
            elif r < 0.07:
                name, kind = fresh(lambda: f"{_root(rng)} Airbase"), "airbase"
            elif r < 0.09:
                name, kind = fresh(lambda: f"{_root(rng)} Mine"), "mine"
            elif r < 0.15:
                name, kind = fresh(lambda: f"{rng.choice(_DIRECTIONS)} {_root(rng)}"), "village"
            else:
                name, kind = fresh(lambda: _root(rng)), rng.choice(["city", "town", "town", "village", "village", "village"])
            props.update(name=name, kind=kind, precision=rng.choice(["exact", "exact", "approximate"]))
            aliases = []
            if rng.random() < 0.3:
                variant = name.replace("v", "w").replace("y", "i").replace("kh", "h")
                if variant != name and _key(variant) not in used and not (set(_key(variant)) & banned):
                    used.add(_key(variant))
                    aliases.append(variant)
            if rng.random() < 0.1:
                aliases.append(fresh(lambda nm=name: nm.split()[-1] + "-" + _syllable(rng)))
            props["aliases"] = aliases
            if regions and rng.random() < 0.3:
                near = regions[rng.randrange(len(regions))]
                props["admin_region"] = near[0]
                lat, lon, country = near[1] + rng.uniform(-0.4, 0.4), near[2] + rng.uniform(-0.4, 0.4), near[3]
            geometry = {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]}
        props.update(country=country, coord_source=rng.choice(_COORD_SOURCES))
        if geometry["type"] != "Point":
            c = geometry["coordinates"][0][0] if geometry["type"] == "Polygon" else geometry["coordinates"][0]
            props["point"] = [c[0], c[1]] if geometry["type"] == "LineString" else [round(lon, 5), round(lat, 5)]
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    return features


def _article_sites(n_sites: int, m: int, rng: random.Random) -> list[list[int]]:
    """Site rows per article: every site at least once, plus Zipf-popular sites in many articles."""
    order = list(range(n_sites))
    rng.shuffle(order)
    per = [order[i::m] for i in range(m)]
    popular = order[: max(10, n_sites // 50)]
    weights = [1 / (k + 1) for k in range(len(popular))]
    for chosen in per:
        chosen.extend(rng.choices(popular, weights, k=rng.randint(1, 4)))
    return per


def make_article(index: int, names: list[str], site_rows: list[int], rng: random.Random) -> tuple[dict, str]:
    """Metadata entry and text of one article mentioning the given site rows."""
    lines: list[str] = []
    first = names[site_rows[0]] if site_rows else "the region"
    title = rng.choice(_HEADLINES).format(A=first)
    outlet = rng.choice(_OUTLETS)
    lines.append(title)
    if rng.random() < 0.3:
        lines.append(rng.choice(_CHROME))
    todo = list(site_rows)
    rng.shuffle(todo)
    # Some sites come back later in the same article, as in real reporting.
    todo += rng.sample(site_rows, k=min(len(site_rows), rng.randint(0, 3)))
    n_paragraphs = rng.randint(6, 12)
    per_para = max(1, math.ceil(len(todo) / n_paragraphs))
    while todo or len(lines) < n_paragraphs:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            if todo and (len(sentences) < per_para):
                template = rng.choice(_SITE_SENTENCES)
                a = names[todo.pop()]
                if "{B}" in template:
                    b = names[todo.pop()] if todo and rng.random() < 0.5 else names[rng.choice(site_rows)]
                    template = template.replace("{B}", b)
                sentences.append(template.replace("{A}", a))
            else:
                sentences.append(rng.choice(_PLAIN_SENTENCES))
        lines.append(" ".join(sentences))
        if rng.random() < 0.08:
            lines.append(f"A damaged building in {first}. Photo: via AP")
    if rng.random() < 0.5:
        lines.append(rng.choice(_CHROME))
    text = "\n\n".join(lines) + "\n"
    year = rng.choice([2023, 2024, 2025])
    entry = {
        "id": f"a{index:06d}",
        "file": f"a{index:06d}.txt",
        "title": title,
        "outlet": outlet,
        "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "url": f"https://news.example.org/{year}/a{index:06d}",
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
    }
    return entry, text


def generate(out: Path, n_sites: int, n_articles: int, seed: int = 1) -> Path:
    """Write the workspace folder `out` (replacing generated files there) and return it."""
    rng = random.Random(f"mapviewer-bench:{GENERATOR_VERSION}:{seed}:{n_sites}:{n_articles}")
    out = Path(out)
    articles_dir = out / "articles"
    articles_dir.mkdir(parents=True, exist_ok=True)
    for old in articles_dir.glob("a*.txt"):
        old.unlink()
    features = make_sites(n_sites, rng)
    (out / "sites.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":")),
        encoding="utf-8",
    )
    names = [f["properties"]["name"] for f in features]
    entries = []
    for i, rows in enumerate(_article_sites(n_sites, n_articles, rng)):
        entry, text = make_article(i, names, rows, rng)
        (articles_dir / entry["file"]).write_text(text, encoding="utf-8")
        entries.append(entry)
    (articles_dir / "articles.json").write_text(json.dumps({"articles": entries}, ensure_ascii=False, indent=1), encoding="utf-8")
    (out / "GENERATED.json").write_text(
        json.dumps({"generator": GENERATOR_VERSION, "seed": seed, "sites": n_sites, "articles": n_articles}), encoding="utf-8"
    )
    return out


def ensure(root: Path, n_sites: int, n_articles: int, seed: int = 1) -> Path:
    """The cached workspace for these parameters under `root`, generated on first use."""
    out = Path(root) / f"ws-{n_sites}-{n_articles}-s{seed}-v{GENERATOR_VERSION}"
    stamp = out / "GENERATED.json"
    if stamp.exists():
        return out
    return generate(out, n_sites, n_articles, seed)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out", type=Path)
    p.add_argument("--sites", type=int, default=1000)
    p.add_argument("--articles", type=int, default=None, help="default: sites / 5 (at least 20)")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    m = args.articles or max(20, args.sites // 5)
    generate(args.out, args.sites, m, args.seed)
    print(f"wrote {args.out}: {args.sites} sites, {m} articles", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    raise SystemExit(main())
