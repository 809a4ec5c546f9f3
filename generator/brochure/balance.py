"""Lines of a large statement broken in balance: "To meet the needs / of the population",
not "To meet the needs of the / population".

WeasyPrint breaks lines greedily and knows no `text-wrap: balance`. For a text set
large (the pull quote), the narrowest box width that keeps the greedy line count gives
lines of nearly equal length; it is worked out here from the font's advance widths
(fontTools), then given to the layout as the box's `max-width`. The layout measures the
same HTML it prints, so a width a little off changes nothing but the balance.
"""

from __future__ import annotations

import functools
from pathlib import Path

SAFETY = 1.03  # kerning and rounding: a few per cent more than the advances add up to


@functools.lru_cache(maxsize=8)
def _advances(font: Path) -> tuple[dict[int, int], int]:
    from fontTools.ttLib import TTFont

    with TTFont(str(font), lazy=True) as face:
        cmap = face.getBestCmap() or {}
        metrics = face["hmtx"].metrics
        widths = {code: metrics[name][0] for code, name in cmap.items() if name in metrics}
        return widths, face["head"].unitsPerEm


def _width(text: str, font: Path, size_px: float) -> float:
    widths, units = _advances(font)
    fallback = widths.get(ord("n"), units // 2)
    return sum(widths.get(ord(char), fallback) for char in text) * size_px / units


def _lines(words: list[float], space: float, width: float) -> int | None:
    """How many lines greedy breaking makes at `width` (None: a word is wider)."""
    lines, used = 1, 0.0
    for word in words:
        if word > width:
            return None
        if used and used + space + word > width:
            lines, used = lines + 1, word
        else:
            used = used + space + word if used else word
    return lines


def _breaks(words: list[float], space: float, width: float) -> list[float]:
    """The widths of the lines greedy breaking makes at `width` (every word fits)."""
    lines: list[float] = []
    used = 0.0
    for word in words:
        if used and used + space + word > width:
            lines.append(used)
            used = word
        else:
            used = used + space + word if used else word
    return lines + [used]


def _unevenness(lines: list[float], counts: list[int]) -> float:
    """How far lines are from even: the squares of what each lacks of the longest, and a
    line of one word (a stranded "organismes") worse than any such difference."""
    longest = max(lines)
    alone = sum(1 for count in counts if count == 1) if sum(counts) > len(counts) else 0
    return sum((longest - line) ** 2 for line in lines) + alone * longest ** 2


def balanced_width(text: str, font: Path, size_px: float, width_px: float) -> float | None:
    """The box width (px) at which `text` breaks into as many lines as at `width_px`, as
    even as they can be: of the widths at which greedy breaking keeps that many lines,
    the one whose lines are the most even, no line holding one word alone when another
    choice avoids it ("Programme de soutien / aux organismes / communautaires (PSOC)",
    not "… aux / organismes / …"). None when it holds on one line or a word alone is too
    wide (then the box keeps its width). Words are joined by the spaces the text has (a
    no-break space joins)."""
    try:
        words = [_width(word, font, size_px) * SAFETY for word in text.split(" ") if word]
        space = _width(" ", font, size_px)
    except Exception:  # a font fontTools cannot read: no balance, nothing worse
        return None
    lines = _lines(words, space, width_px)
    if lines is None or lines < 2:
        return None
    # Every width at which a line could end: the width of each run of words (few words: cheap).
    candidates = sorted({sum(words[a:b]) + space * (b - a - 1)
                         for a in range(len(words)) for b in range(a + 1, len(words) + 1)})
    best: tuple[float, float] | None = None
    for width in candidates:
        if width < max(words) or width > width_px:
            continue
        widths = _breaks(words, space, width)
        if len(widths) != lines:
            continue
        counts, index = [], 0
        for line in widths:  # how many words each line holds
            count, used = 0, 0.0
            while index < len(words) and (count == 0 or used + space + words[index] <= line + 0.01):
                used = used + space + words[index] if count else words[index]
                count, index = count + 1, index + 1
            counts.append(count)
        cost = _unevenness(widths, counts)
        if best is None or cost < best[0] - 0.01:
            best = (cost, max(widths))
    if best is None:
        return None
    return round(min(width_px, best[1] + 1.0), 1)


def words_fit(text: str, font: Path, size_px: float, width_px: float) -> bool:
    """Whether every word of `text` fits a line `width_px` wide (True when unknown)."""
    try:
        return all(_width(word, font, size_px) * SAFETY <= width_px for word in text.split(" ") if word)
    except Exception:
        return True


def line_count(text: str, font: Path, size_px: float, width_px: float) -> int | None:
    """How many lines greedy breaking makes (None: a word alone is too wide, or unknown)."""
    try:
        words = [_width(word, font, size_px) * SAFETY for word in text.split(" ") if word]
        return _lines(words, _width(" ", font, size_px), width_px)
    except Exception:
        return None
