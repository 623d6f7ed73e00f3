"""Korean place names written in Hangul, romanised so the gazetteer's Latin names can be looked up.

Reports on North Korea give a name in Hangul beside or instead of its romanisation ("Chiha-ri (지하리)",
"판교군", "강원도"). A Hangul syllable (U+AC00–U+D7A3) is one arithmetic code: (initial * 21 + medial) * 28 +
final; each jamo is written with a fixed letter map, in two systems: Revised Romanisation ("Jiha", "Gangwon",
"Huicheon", the South's) and McCune–Reischauer without its breves and apostrophes ("Chiha", "Kangwon",
"Huichon", most of the gazetteer's North Korean names), with the few sound changes at a syllable boundary both
write (a final consonant carried onto a following vowel, nasalised before n or m, l before l, the plain stops
voiced between voiced sounds in McCune–Reischauer).

An administrative word at a name's end (리 ri, 동 dong, 군 gun, 시 si, 도 do, 구 gu, 읍 eup, 면 myeon, 구역 district,
북도/남도 North/South ... Province) is the head the English text would write ("Jiha-ri", "Pangyo County",
"Gangwon Province"); a facility word after the name (미사일 기지 missile base, 비행장 airfield ...) is the English
head of a facility named after it ("Jiha-ri Missile Base").
"""

from __future__ import annotations

from dataclasses import dataclass

from mapviewer.core.lazyre import lazy_compile

SYLLABLES = "\uac00-\ud7a3"
WORD = lazy_compile(f"[{SYLLABLES}]+")

_RR_INITIAL = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h")
_MR_INITIAL = ("k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch", "k", "t", "p", "h")
_RR_MEDIAL = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu",
              "eu", "ui", "i")  # fmt: skip
_MR_MEDIAL = ("a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu",
              "u", "ui", "i")  # fmt: skip
# finals 0..27: none, ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ
_FINAL = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng",
          "t", "t", "k", "t", "p", "t")  # fmt: skip
_FINAL_CARRIED = {1: "g", 2: "kk", 4: "n", 7: "d", 8: "r", 16: "m", 17: "b", 19: "s", 20: "ss", 22: "j", 23: "ch",
                  24: "k", 25: "t", 26: "p"}  # fmt: skip
"""A final consonant before a syllable opening with a vowel (ㅇ) is said, and written, as that syllable's initial."""
_NASAL = {"k": "ng", "t": "n", "p": "m"}
"""A stop final before n or m is nasalised ("Baengma", "Imjin" stays)."""
_VOICED_FINALS = frozenset({"n", "l", "m", "ng"})
_MR_VOICED = {"k": "g", "t": "d", "p": "b", "ch": "j"}
_PLAIN_STOPS = frozenset({0, 3, 7, 12})
"""ㄱ ㄷ ㅂ ㅈ: the initials McCune–Reischauer writes voiced (g d b j) between voiced sounds; aspirates never."""


def _jamo(syllable: str) -> tuple[int, int, int]:
    code = ord(syllable) - 0xAC00
    return code // 588, (code % 588) // 28, code % 28


def romanise(hangul: str, mccune: bool = False) -> str:
    """One Hangul word in letters, lower case (Revised Romanisation, or McCune–Reischauer without diacritics)."""
    parts = [_jamo(c) for c in hangul if "\uac00" <= c <= "\ud7a3"]
    initials, medials = (_MR_INITIAL, _MR_MEDIAL) if mccune else (_RR_INITIAL, _RR_MEDIAL)
    out: list[str] = []
    for n, (ini, med, fin) in enumerate(parts):
        head = initials[ini]
        prev_fin = parts[n - 1][2] if n else 0
        if prev_fin and ini == 11 and prev_fin in _FINAL_CARRIED:  # a vowel after a final: the final opens this syllable
            head = _FINAL_CARRIED[prev_fin]
            if mccune:
                head = _MR_VOICED.get(head, head)
        elif prev_fin and ini == 5:  # ㄹ after a final: "ll" after n or l ("Silla", "Ulleung"), else n ("Jongno")
            head = "l" if prev_fin in (4, 8) else "n"
        elif n and mccune and ini in _PLAIN_STOPS and (not prev_fin or _FINAL[prev_fin] in _VOICED_FINALS):
            head = _MR_VOICED[head]  # McCune–Reischauer voices a plain stop between voiced sounds
        if prev_fin == 4 and ini == 5:  # n before l is l ("Silla")
            out[-1] = out[-1][:-1] + "l"
        if prev_fin and ini in (2, 5, 6) and _FINAL[prev_fin] in _NASAL:  # a stop before n, m (or l) is nasalised
            written = out[-1]
            out[-1] = written[: len(written) - len(_FINAL[prev_fin])] + _NASAL[_FINAL[prev_fin]]
        carried = n + 1 < len(parts) and parts[n + 1][0] == 11 and fin in _FINAL_CARRIED
        out.append(head + medials[med] + ("" if carried else _FINAL[fin]))
    return "".join(out)


@dataclass(frozen=True)
class Suffix:
    """An administrative word ending a Korean place name and the ways English writes it, "{}" the name."""

    hangul: str
    forms: tuple[str, ...]


SUFFIXES: tuple[Suffix, ...] = (
    Suffix("특별시", ("{}", "{} City")),  # special city (Seoul)
    Suffix("광역시", ("{}", "{} City")),  # metropolitan city
    Suffix("직할시", ("{}", "{} City")),  # North Korea's directly governed city
    Suffix("특별자치도", ("{} Province",)),
    Suffix("노동자구", ("{}", "{}-rodongjagu")),  # a North Korean workers' district
    Suffix("북도", ("North {} Province", "{}buk-do")),
    Suffix("남도", ("South {} Province", "{}nam-do")),
    Suffix("구역", ("{} District", "{}-guyok")),
    Suffix("리", ("{}-ri",)),
    Suffix("동", ("{}-dong",)),
    Suffix("군", ("{}-gun", "{} County")),
    Suffix("시", ("{}-si", "{} City", "{}")),
    Suffix("도", ("{} Province", "{}-do")),
    Suffix("구", ("{}-gu", "{} District")),
    Suffix("읍", ("{}-eup", "{}")),
    Suffix("면", ("{}-myeon",)),
)
"""Longest first: "평안북도" is North Pyongan Province, not a "Pyeonganbuk-do"."""

NOT_PLACES = frozenset({
    "인민군", "북한군", "연합군", "정부군", "지상군", "의용군", "반란군", "러시아군", "우크라이나군", "미국군", "중국군",
    "일본군", "국방군", "조선인민군", "한반도", "장군", "대장군",
})  # fmt: skip
"""Words ending like a place that name armies, a rank or the peninsula: "인민군" (People's Army) is no county."""

SURNAMES = frozenset(
    "김이박최정강조윤장임한오서신권황안송류유홍전고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부황보"
)
"""Common Korean family names: a three-syllable word opening with one and read as no place is a person's name
("이영식"), never listed for review."""

PROVINCES = frozenset({
    "강원도", "경기도", "충청북도", "충청남도", "전라북도", "전라남도", "경상북도", "경상남도", "제주도", "평안북도", "평안남도",
    "함경북도", "함경남도", "황해북도", "황해남도", "황해도", "자강도", "양강도", "평안도", "함경도", "충청도", "전라도", "경상도",
})  # fmt: skip
"""The provinces of both Koreas (and the old undivided ones): places whatever syllable they open with."""

FACILITY_HEADS: tuple[tuple[str, str], ...] = (
    ("미사일 기지", "Missile Base"), ("미사일기지", "Missile Base"), ("공군 기지", "Air Base"), ("공군기지", "Air Base"),
    ("해군 기지", "Naval Base"), ("해군기지", "Naval Base"), ("잠수함 기지", "Submarine Base"), ("잠수함기지", "Submarine Base"),
    ("핵실험장", "Nuclear Test Site"), ("핵시설", "Nuclear Facility"), ("미사일 발사장", "Missile Launch Site"),
    ("발사장", "Launch Site"), ("위성발사장", "Satellite Launching Station"), ("시험장", "Test Site"), ("기지", "Base"),
    ("비행장", "Airfield"), ("공항", "Airport"), ("조선소", "Shipyard"), ("공장", "Factory"), ("광산", "Mine"),
    ("원자력연구소", "Nuclear Research Center"), ("연구소", "Research Center"), ("항", "Port"), ("역", "Station"),
)  # fmt: skip
"""A facility word after a name and its English head ("지하리 미사일 기지": the Chiha-ri Missile Base), longest first
among words that share a start."""


def caseless_name(surface: str) -> bool:
    """A name written in Hangul, which has no capitals: it is a name, not a lower-case description."""
    return bool(WORD.search(surface))


def split_suffix(word: str) -> tuple[str, Suffix | None]:
    """The name's stem and its administrative suffix ("판교군" -> "판교", 군), or the word and None."""
    for suffix in SUFFIXES:
        if word.endswith(suffix.hangul) and len(word) > len(suffix.hangul):
            return word[: -len(suffix.hangul)], suffix
    return word, None


_MR_SUFFIX = (("-eup", "-up"), ("-myeon", "-myon"))
"""McCune–Reischauer's spelling of the suffixes Revised Romanisation writes with eo and eu."""


def spellings(stem: str, suffix: Suffix | None) -> tuple[str, ...]:
    """The name in English with its suffix as English writes it, Revised Romanisation first, then
    McCune–Reischauer ("중강읍" -> Junggang-eup, Junggang, Chunggang-up, Chunggang)."""
    out = []
    for mccune in (False, True):
        s = romanise(stem, mccune)
        s = s[:1].upper() + s[1:]
        for template in suffix.forms if suffix else ("{}",):
            form = template.format(s)
            for a, b in _MR_SUFFIX if mccune else ():
                form = form.replace(a, b)
            out.append(form)
    return tuple(dict.fromkeys(out))
