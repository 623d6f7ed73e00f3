"""Coordinates as a reviewer types or pastes them: decimal degrees or degrees, minutes and seconds.

Why a parser of its own: a reviewer copies a position from wherever they found it (an encyclopedia's
"48°51′24″N 2°21′08″E", a map's "48.8566, 2.3522", a report's "48 51 30 N 2 21 7 E"), and a wrong
reading puts a site in the wrong country without a word. So every form is read strictly: latitude
first unless hemisphere letters say otherwise, minutes and seconds below 60, a sign and a hemisphere
never both, and anything else is a CoordinateError that says what is wrong.
"""

from __future__ import annotations

import re

from mapviewer.core.lazyre import lazy_compile

__all__ = ["CoordinateError", "looks_like_coordinates", "parse_coordinates"]


class CoordinateError(ValueError):
    """The text is not a position; the message says why, in the reviewer's terms."""


_MARKS = str.maketrans(
    {
        "°": " ° ", "º": " ° ", "˚": " ° ",
        "′": " ′ ", "'": " ′ ", "’": " ′ ", "‘": " ′ ", "´": " ′ ",
        "″": " ″ ", '"': " ″ ", "”": " ″ ", "“": " ″ ",
        "−": "-", "–": "-", "—": "-",
    }
)  # fmt: skip
_NUMBER = lazy_compile(r"[+-]?\d+(?:\.\d+)?")
_TOKEN = lazy_compile(r"[+-]?\d+(?:\.\d+)?|[NSEWnsew](?![a-zA-Z])|[°′″;,/]|[^\s\d°′″;,/+-]+|\S")
_HEMI = {"N": ("lat", 1), "S": ("lat", -1), "E": ("lon", 1), "W": ("lon", -1)}
_DECIMAL_COMMAS = lazy_compile(r"^\s*[+-]?\d+,\d+\s+[+-]?\d+,\d+\s*$")
_UNIT = {"°": "degree", "′": "minute", "″": "second"}


def looks_like_coordinates(text: str) -> bool:
    """Whether the text is meant as a position rather than a name (it starts with a number, a sign or
    a hemisphere letter followed by a number): then a failed parse is worth an error, not a search."""
    return bool(re.match(r"\s*(?:[NSEWnsew]\s*)?[+\-−]?\d", text))


def _tokens(text: str) -> list[str]:
    raw = text.strip()
    if _DECIMAL_COMMAS.match(raw):  # "48,85 2,35": decimal commas, the space separates
        raw = raw.replace(",", ".")
    raw = raw.replace("''", "″").translate(_MARKS)
    tokens = _TOKEN.findall(re.sub(r"(?<=\d)([NSEWnsew])(?![a-zA-Z])", r" \1", raw))
    for tok in tokens:
        if not (_NUMBER.fullmatch(tok) or tok.upper() in _HEMI or tok in _UNIT or tok in ";,/"):
            raise CoordinateError(f"{tok!r} is not part of a position (numbers, °, ′, ″ and N, S, E, W only)")
    return tokens


def _groups(tokens: list[str]) -> list[list[str]]:
    """The tokens of each coordinate: split at a separator, else at hemisphere letters, else where
    degrees start again, else (bare numbers) in half."""
    seps = [i for i, t in enumerate(tokens) if t in ";,/"]
    if seps:
        if len(seps) > 1:
            raise CoordinateError("more than one separator (, ; /): a position is two coordinates")
        return [tokens[: seps[0]], tokens[seps[0] + 1 :]]
    letters = [i for i, t in enumerate(tokens) if t.upper() in _HEMI]
    if letters:
        # N48 51 E2 21: each letter starts a coordinate; 48 51 N 2 21 E: each letter ends one
        cuts = letters if letters[0] == 0 else [0, *(i + 1 for i in letters if i + 1 < len(tokens))]
        return [tokens[a:b] for a, b in zip(cuts, [*cuts[1:], len(tokens)])]
    degrees = [i for i, t in enumerate(tokens) if t == "°"]
    if len(degrees) == 2:
        start = degrees[1] - 1  # the number before the second degree mark
        return [tokens[:start], tokens[start:]]
    numbers = [t for t in tokens if _NUMBER.fullmatch(t)]
    if len(numbers) != len(tokens) or len(numbers) not in (2, 4, 6):
        raise CoordinateError("cannot tell where the latitude ends: separate the two with a comma, or add N/S and E/W")
    half = len(numbers) // 2
    return [numbers[:half], numbers[half:]]


def _coordinate(tokens: list[str], which: str) -> tuple[float, str | None]:
    """One coordinate's value (hemisphere sign not yet applied) and its hemisphere letter."""
    hemi = None
    numbers: list[float] = []
    units: list[str] = []
    sign = 1
    for tok in tokens:
        if tok.upper() in _HEMI:
            if hemi is not None:
                raise CoordinateError(f"two hemisphere letters in the {which}")
            hemi = tok.upper()
        elif tok in _UNIT:
            if not numbers or units[-1]:
                raise CoordinateError(f"a {_UNIT[tok]} mark without a number before it")
            units[-1] = tok
        else:
            if tok[0] in "+-":
                if numbers:
                    raise CoordinateError(f"a sign inside the {which} ({tok})")
                sign = -1 if tok[0] == "-" else 1
                if hemi is not None and sign < 0:
                    raise CoordinateError(f"both a minus sign and {hemi}: use one of them")
            numbers.append(abs(float(tok)))
            units.append("")
    if hemi is not None and sign < 0:
        raise CoordinateError(f"both a minus sign and {hemi}: use one of them")
    if not numbers:
        raise CoordinateError(f"the {which} has no number")
    if len(numbers) > 3:
        raise CoordinateError(f"the {which} has {len(numbers)} numbers; at most degrees, minutes and seconds")
    if [u or "°′″"[i] for i, u in enumerate(units)] != ["°", "′", "″"][: len(units)]:
        raise CoordinateError(f"the {which}'s numbers must be degrees, then minutes, then seconds")
    if any(n != int(n) for n in numbers[:-1]):
        raise CoordinateError(f"only the last number of the {which} may have decimals")
    for n, name in zip(numbers[1:], ("minutes", "seconds")):
        if n >= 60:
            raise CoordinateError(f"the {which}'s {name} must be under 60, not {n:g}")
    return sign * sum(n / 60**i for i, n in enumerate(numbers)), hemi


def parse_coordinates(text: str) -> tuple[float, float]:
    """(lat, lon) from typed text; CoordinateError saying what is wrong otherwise.

    Accepted: "48.8566, 2.3522", "-33.5 151.2", "48°51′N 2°21′E", "48°51'24\"N, 2°21'8\"E",
    "48 51 30 N 2 21 7 E", "N48.85 E2.35", "2°21′E 48°51′N" (the letters decide the order), "48,85 2,35"
    (decimal commas when a space separates). Latitude comes first unless hemisphere letters say otherwise."""
    if not text.strip():
        raise CoordinateError("type a position, e.g. 48.8566, 2.3522 or 48°51′N 2°21′E")
    groups = [g for g in _groups(_tokens(text)) if g]
    if len(groups) != 2:
        raise CoordinateError(
            f"found {len(groups)} coordinate{'' if len(groups) == 1 else 's'}; a position is two: latitude and longitude"
        )
    (a, ha), (b, hb) = _coordinate(groups[0], "first coordinate"), _coordinate(groups[1], "second coordinate")
    axes = (_HEMI[ha][0] if ha else None, _HEMI[hb][0] if hb else None)
    if axes[0] is not None and axes[0] == axes[1]:
        raise CoordinateError(f"both coordinates are {'latitudes (N/S)' if axes[0] == 'lat' else 'longitudes (E/W)'}")
    if axes in (("lon", None), (None, "lat"), ("lon", "lat")):
        (a, ha), (b, hb) = (b, hb), (a, ha)
    lat = a * (_HEMI[ha][1] if ha else 1)
    lon = b * (_HEMI[hb][1] if hb else 1)
    if not -90 <= lat <= 90:
        swapped = "; latitude comes first" if -90 <= lon <= 90 else ""
        raise CoordinateError(f"latitude {lat:g} is out of range (−90 to 90){swapped}")
    if not -180 <= lon <= 180:
        raise CoordinateError(f"longitude {lon:g} is out of range (−180 to 180)")
    return lat, lon
