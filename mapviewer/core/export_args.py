"""The export options as typed (`--size`, `--scale`, `--bbox`), checked with one-line messages that
name the option and what is wrong. Cheap to import: the CLI imports it before opening a workspace."""

from __future__ import annotations

import re

MAX_PIXELS = 12000
MAX_SCALE = 5.0  # QtWebEngine's largest zoom factor


class ExportArgumentError(ValueError):
    """A bad export argument, phrased for a one-line message."""


def parse_size(text: str) -> tuple[int, int]:
    """ "1600x1000" → (1600, 1000), in CSS pixels."""
    m = re.fullmatch(r"\s*(\d{1,5})\s*[xX×]\s*(\d{1,5})\s*", text or "")
    if not m:
        raise ExportArgumentError(f"bad --size {text!r}: expected WIDTHxHEIGHT, e.g. 1600x1000")
    w, h = int(m.group(1)), int(m.group(2))
    if not (200 <= w <= MAX_PIXELS and 150 <= h <= MAX_PIXELS):
        raise ExportArgumentError(f"bad --size {text!r}: width 200–{MAX_PIXELS}, height 150–{MAX_PIXELS} pixels")
    return w, h


def parse_scale(value: float) -> float:
    if not (0.25 <= value <= MAX_SCALE):
        raise ExportArgumentError(f"bad --scale {value!r}: expected a number from 0.25 to {MAX_SCALE:g}")
    return float(value)


MAX_OUTPUT_SIDE = 16384
MAX_OUTPUT_PIXELS = 64_000_000


def check_output(size: tuple[int, int], scale: float) -> tuple[int, int]:
    """The image's pixel size, refused when too large to render or hold in memory."""
    w, h = round(size[0] * scale), round(size[1] * scale)
    if max(w, h) > MAX_OUTPUT_SIDE or w * h > MAX_OUTPUT_PIXELS:
        raise ExportArgumentError(
            f"image of {w}x{h} pixels is too large (at most {MAX_OUTPUT_SIDE} per side and {MAX_OUTPUT_PIXELS // 1_000_000} megapixels):"
            " lower --size or --scale"
        )
    return w, h


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    """ "W,S,E,N" in degrees → a tuple, or None when not given."""
    if text is None or not str(text).strip():
        return None
    try:
        w, s, e, n = (float(x) for x in str(text).split(","))
    except ValueError:
        raise ExportArgumentError(f"bad --bbox {text!r}: expected four numbers W,S,E,N (degrees)") from None
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s < n <= 90) or w == e:
        raise ExportArgumentError(f"bad --bbox {text!r}: need -180 ≤ W,E ≤ 180, W ≠ E and -90 ≤ S < N ≤ 90")
    return w, s, e, n
