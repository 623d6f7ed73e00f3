"""False hits of ingest's place cues: capitalised non-place words put where the cues lift a name to a place.

Every template is a sentence with one or more slots; each slot is filled with a word from
tests/false_match_words.txt (surnames, first names, organisations, brands, common words that start
sentences), and the shaped templates also with SHAPED below (non-place names that look like place names:
Italian words and Japanese first names with an East Slavic ending, Arabic organisations and persons with a
joined article, "Arab League"). A slot is a false hit when ingest places or lists for review a name that
overlaps it. Counts per template: slots filled, false hits, of them placed (known/placed) and sent to review
(low-confidence/unplaced), and no_gaz: the false hits with no gazetteer reading at all (listed on the cue alone).

    python benchmarks/false_hits.py [--show TEMPLATE] [--json]

No labels are involved: this measures what the cues do to words that are no places, on invented sentences.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mapviewer.core.corpus import make_article  # noqa: E402
from mapviewer.core.ingest.places import find_candidates  # noqa: E402
from mapviewer.core.mentions import AliasIndex  # noqa: E402

WORDS_FILE = ROOT / "tests" / "false_match_words.txt"
HEAD = "Headline\n\n"

SHAPED = [
    # East Slavic toponym endings (-ino, -ichi, -ovo) on words and names that are no places
    "Valentino", "Tarantino", "Pacino", "Casino", "Domino", "Albino", "Neutrino", "Cappuccino", "Bambino", "Latino",
    "Filipino", "Merino", "Palomino", "Pecorino", "Sorrentino", "Koichi", "Shinichi", "Kenichi", "Junichi", "Ryuichi",
    "Shoichi", "Durnovo",
    # a joined Arabic article in organisations and persons
    "Hayat Tahrir al-Sham", "Asaib Ahl al-Haq", "Harakat Hezbollah al-Nujaba", "Kataib Sayyid al-Shuhada",
    "Jamaat Nusrat al-Islam", "Tamim bin Hamad al-Thani", "Faisal bin Farhan al-Saud", "Nouri Kamil al-Maliki",
    # an Arabic or Persian place word opening a name that is no place
    "Arab League", "Arab Spring", "Arab Bank", "Arab News", "Arab Coalition", "Arab Legion",
]
"""Non-place names shaped like place names: what the shape cues must not take for places."""


@dataclass(frozen=True)
class Template:
    name: str
    text: str  # slots {0}, {1}, {2}; a slot {0U} is the word in capitals, {0L} in lower case
    shaped: bool = False  # also filled with SHAPED
    headline: bool = False  # the text's first line is the article's headline (else "Headline" is)


TEMPLATES: tuple[Template, ...] = (
    Template("neutral: W said", "{0} said the report was accurate.", shaped=True),
    # cues main had before the lifts measured below, for comparison
    Template("cue: the village of W", "Officials visited the village of {0} on Friday."),
    Template("cue: W, a village near", "{0}, a village near the front, was quiet."),
    Template("list: two villages, W and X", "Officials said the army took two villages, {0} and {1}, last week.", shaped=True),
    Template("list: four areas—W, X and Y", "Drones struck four areas—{0}, {1} and {2}—overnight.", shaped=True),
    Template("list: settlements: W, X and Y", "The governor named three settlements: {0}, {1} and {2}.", shaped=True),
    Template("list: the villages affected are W and X", "The villages affected are {0} and {1}.", shaped=True),
    Template("list: districts in R—W, X", "Shelling hit three districts in the border region—{0}, {1} and {2}.", shaped=True),
    Template("list: W, X or Y (no head)", "Talks with {0}, {1} or {2} are planned.", shaped=True),
    Template("W, one of the villages", "{0}, one of the villages near the front, was quiet."),
    Template("W was the first village", "{0} was the first village to receive aid."),
    Template("W is a small town", "{0} is a small town with a railway station."),
    Template("event: an explosion in W", "There was an explosion in {0} on Tuesday.", shaped=True),
    Template("event: homes in W", "Homes in {0} were damaged by the storm.", shaped=True),
    Template("event: fighting at W", "Heavy fighting at {0} continued overnight.", shaped=True),
    Template("event: residents in W", "Residents in {0} complained about the noise.", shaped=True),
    Template("locative: in W", "The meeting took place in {0} on Tuesday.", shaped=True),
    Template("locative: from W", "A letter from {0} arrived on Tuesday.", shaped=True),
    Template("regional center, W", "Officials visited the regional center, {0}, on Friday."),
    Template("W urban district", "The {0} urban district reported no damage."),
    Template("W-X rail link", "The {0}-{1} rail link reopened in May."),
    Template("colon dateline W: (capitals)", "{0U}: Officials said the talks would resume on Monday."),
    Template("colon dateline W: (as written)", "{0}: Officials said the talks would resume on Monday."),
    Template("W's capital", "Investors watched {0}'s capital closely."),
    Template("the W missile facility", "Satellite images show the {0} missile facility."),
    # recall-4: a lower-case Arabic article opening a name, a side word before it, a named phrase, a dateline's name
    # written again in running text, a possessive before a place noun, a country's part after its possessive
    Template("article: a letter from al-W", "A letter from al-{0} arrived on Tuesday."),
    Template("article: Western al-W, X", "Troops reached Western al-{0}, {1} and the coast."),
    Template("named phrase: the W Missile Operating Base", "The report \"The {0} Missile Operating Base\" came out."),
    Template("dateline W (AP) ... W again", "{0U}, Israel (AP) — Officials met the people of {0} on Friday."),
    Template("W's neighborhood", "He walked through {0}’s neighborhood on Friday."),
    Template("W's north on Sunday", "Rockets fell on {0}’s north on Sunday."),
    Template("the W newspaper, W troops", "The {0} newspaper said {1} troops had left."),
    Template("a W tunnel (whose)", "Troops found a {0} tunnel near the coast."),
    Template("shared head: the W and X refugee camps", "Families sheltered in the {0} and {1} refugee camps."),
    Template("W and the X Valley", "Rockets hit {0} and the {1} Valley on Monday."),
    Template("headline: Near W And X", "Troops Hit Targets Near {0} And {1}\n\nOfficials said the raid was over.", headline=True),
    Template("the W al-X neighborhood", "Tanks entered the {0} al-{1} neighborhood at dawn."),
    Template("the W demilitarized zone; at W Street", "Officials from {0} met at {1} Street near the demilitarized zone."),
    Template("cue: the communities of W, X", "Shelling hit the communities of {0}, {1} and the coast."),
    Template("cue: the village, called W by", "Officials visited the village, called {0} by Russia, on Friday."),
    Template("headline: 5 Km West Of W", "Tunnels Found 5 Km West Of {0}\n\nOfficials said the site was old.", headline=True),
    Template("headline: W Builds ... (body lists W)", "Army Builds New Tunnels Near {0} Lake\n\nThe {0} lake area was quiet.", headline=True),
    # recall-5: a word in capitals alone on its line (a dateline), a name split by an apostrophe after a short syllable
    Template("dateline alone: W (capitals) on its line", "{0U}\n\nOfficials said the talks would resume on Monday."),
    Template("apostrophe: met Ha'w; W's office; W'll", "He met Ha'{0L} on Friday; {1}'s office said {2}'ll go.", shaped=True),
    # recall-12: a lower-case place noun after a name (place_nouns.py); "camp" only after a joined Arabic article
    Template("noun after: the W area, the X forest", "Officials said the {0} area and the {1} forest were quiet."),
    Template("noun after: the W camp, the al-X camp", "Aides in the {0} camp visited the al-{1} camp on Friday."),
)


def _words() -> list[str]:
    lines = WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return [w.strip() for w in lines if w.strip() and not w.startswith("#")]


def _fill(template: str, words: list[str], head: str = HEAD) -> tuple[str, list[tuple[int, int]]]:
    """The article text with the slots filled, and each slot's (start, end) in it."""
    out, spans, i = head, [], 0
    while i < len(template):
        if template[i] == "{":
            close = template.index("}", i)
            slot = template[i + 1 : close]
            word = words[int(slot.rstrip("UL"))]
            word = word.upper() if slot.endswith("U") else word.lower() if slot.endswith("L") else word
            spans.append((len(out), len(out) + len(word)))
            out += word
            i = close + 1
        else:
            out += template[i]
            i += 1
    return out + "\n", spans


def run(template: Template, words: list[str]) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """Counts for `template` with every word in each slot (consecutive words fill a template's slots), and each
    false hit as (word, what ingest made of it)."""
    n = template.text.count("{")
    counts = {"slots": 0, "false": 0, "placed": 0, "review": 0, "no_gaz": 0}
    hits: list[tuple[str, str]] = []
    for i in range(len(words)):
        filled = [words[(i + k) % len(words)] for k in range(n)]
        text, spans = _fill(template.text, filled, "" if template.headline else HEAD)
        found = find_candidates(make_article("fh", text), AliasIndex([]))
        for k, (a, b) in enumerate(spans):
            over = [c for c in found if c.start < b and a < c.end]
            counts["slots"] += 1
            if not over:
                continue
            counts["false"] += 1
            placed = any(c.status in ("known", "placed") for c in over)
            counts["placed" if placed else "review"] += 1
            counts["no_gaz"] += all(c.place is None for c in over)
            hits.append((filled[k], "; ".join(f"{c.surface!r} {c.status} {c.reason}" for c in over)))
    return counts, hits


COLUMNS = ("slots", "false", "placed", "review", "no_gaz")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--show", metavar="PATTERN", help="list the false hits of the templates whose name matches")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    words = _words()
    table: list[tuple[str, str, dict[str, int]]] = []
    for template in TEMPLATES:
        for label, pool in (("words", words), ("shaped", SHAPED)) if template.shaped else (("words", words),):
            counts, hits = run(template, pool)
            table.append((template.name, label, counts))
            if args.show is not None and fnmatch.fnmatch(template.name, args.show):
                for w, why in hits:
                    print(f"  [{template.name} / {label}] {w}: {why}", file=sys.stderr)
    if args.json:
        print(json.dumps([{"template": name, "pool": label, **counts} for name, label, counts in table], indent=1))
        return 0
    print(f"{'template':44} {'pool':7} " + " ".join(f"{c:>6}" for c in COLUMNS))
    for name, label, counts in table:
        print(f"{name:44} {label:7} " + " ".join(f"{counts[c]:6}" for c in COLUMNS))
    for kind in ("words", "shaped"):
        total = {c: sum(counts[c] for _, label, counts in table if label == kind) for c in COLUMNS}
        print(f"{'total':44} {kind:7} " + " ".join(f"{total[c]:6}" for c in COLUMNS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
