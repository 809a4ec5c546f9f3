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
import itertools
import re
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


def _unevenness(lines: list[float], counts: list[int], ends: list[str] | None = None) -> float:
    """How far lines are from even: the squares of what each lacks of the longest, and
    worse than any such difference a line of one word (a stranded "organismes") or a line
    that ends on a short word leading to the next one ("Soutenir les / organismes…",
    "… of / the population"): an article, a preposition, a conjunction."""
    longest = max(lines)
    alone = sum(1 for count in counts if count == 1) if sum(counts) > len(counts) else 0
    hanging = sum(1 for end in (ends or [])[:-1] if _leads_on(end))
    return sum((longest - line) ** 2 for line in lines) + (alone + hanging) * longest ** 2


def _leads_on(word: str) -> bool:
    """A short lower-case word ("les", "de", "aux", "of", "and", "à", "l’…" aside): one
    that reads as the start of what follows, not the end of a line."""
    return len(word) <= 3 and word.isalpha() and word.islower()


def balanced_lines(text: str, font: Path, size_px: float, width_px: float) -> tuple[float, list[str]] | None:
    """`text` cut into as many lines as greedy breaking makes at `width_px`, as even as
    they can be, no line holding one word alone when another cut avoids it ("Programme de
    soutien / aux organismes / communautaires (PSOC)", not "… aux / organismes / …"), and
    the box width (px) that holds the longest: the caller joins each line's words with
    no-break spaces, so the layout breaks exactly there (a width alone would let it pull
    a short word back up). None when it holds on one line or a word alone is too wide.
    Words are the text's space-separated runs (a no-break space joins)."""
    words_text = [word for word in text.split(" ") if word]
    try:
        exact = [_width(word, font, size_px) for word in words_text]
        space = _width(" ", font, size_px)
    except Exception:  # a font fontTools cannot read: no balance, nothing worse
        return None
    words = [width * SAFETY for width in exact]
    # As many lines as the layout makes (it breaks on the exact advances, and was measured
    # so): counted with the safety margin, a heading close to a line's width came out a
    # line taller than measured ("Un levier important / au développement / des
    # communautés" over a paragraph). Each line of the cut chosen fits with the margin;
    # when no cut does, None: the layout breaks it as measured.
    lines = _lines(exact, space, width_px)
    if lines is None or lines < 2 or len(words) > 24:  # (a heading: a few words; past that, no search)
        return None

    def run(widths: list[float], a: int, b: int) -> float:
        return sum(widths[a:b]) + space * (b - a - 1)

    best: tuple[float, tuple[int, ...]] | None = None
    for cuts in itertools.combinations(range(1, len(words)), lines - 1):
        bounds = (0, *cuts, len(words))
        widths = [run(words, a, b) for a, b in zip(bounds, bounds[1:])]
        if max(widths) > width_px:
            continue
        box = max(widths) + 1.0
        # two lines the layout would set as one (measured exactly): not this cut
        if any(run(exact, a, c) <= box for a, c in zip(bounds, bounds[2:])):
            continue
        counts = [sum(token.count("\u00a0") + 1 for token in words_text[a:b]) for a, b in zip(bounds, bounds[1:])]
        cost = _unevenness(widths, counts, [words_text[b - 1].rsplit("\u00a0", 1)[-1] for b in bounds[1:]])
        if best is None or cost < best[0] - 0.01:
            best = (cost, bounds)
    if best is None:
        return None
    bounds = best[1]
    width = max(run(words, a, b) for a, b in zip(bounds, bounds[1:])) + 1.0
    return round(min(width_px, width), 1), [" ".join(words_text[a:b]) for a, b in zip(bounds, bounds[1:])]


def reads_well(lines: list[str]) -> bool:
    """Whether lines set large read as phrases: no line but the last holds one word alone
    (« Pour / répondre aux… » reads as a stammer) or ends on an article, a preposition or
    a conjunction (« … aux besoins / de la / population »: « de la » alone on its line)."""
    for line in lines[:-1]:
        words = line.replace("\u00a0", " ").split()
        if len(words) == 1 or (words and words[-1] in LEADING_WORDS):
            return False
    return True


# Articles, prepositions and conjunctions of French and English: a line set large never
# ends on one (a short verb may: "… and so are / their solutions!").
LEADING_WORDS = frozenset(
    "à au aux d’ de des du en et l’ la le les ou par pour sur un une "
    "a an and at by for in of on or the to with".split())


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


_ACRONYM = re.compile(r"\(([A-ZÀ-Ý][A-ZÀ-Ý0-9&-]{1,11})\)$")  # a title that ends with its acronym in parentheses


def shortened(text: str, font: Path, size_px: float, width_px: float) -> str:
    """`text` as it fits one line `width_px` wide: whole, or the acronym it ends with in
    parentheses ("PSOC", a name the reader has just met in full), or cut after its last
    word that fits, with an ellipsis ("Programme de soutien aux organismes…", never "… com…").
    Unknown widths: whole (the layout's own clipping is the last resort)."""
    if text_width(text, font, size_px) <= width_px:
        return text
    acronym = _ACRONYM.search(text)  # « Programme de soutien … (PSOC) »: its own short name, « PSOC »
    if acronym and text_width(acronym.group(1), font, size_px) <= width_px:
        return acronym.group(1)
    words = text.split(" ")
    for count in range(len(words) - 1, 0, -1):
        cut = " ".join(words[:count]).rstrip(",;:–—-") + "…"
        if text_width(cut, font, size_px) <= width_px:
            return cut
    return words[0]


def text_width(text: str, font: Path, size_px: float) -> float:
    """`text`'s width (px) on one line, with the margin the layout may add (0 when unknown)."""
    try:
        return _width(text, font, size_px) * SAFETY
    except Exception:
        return 0.0
