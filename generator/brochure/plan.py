"""The panel plan: which part of which section goes on which panel, at what size.

Given each language's measurements (every block's height at the body sizes measured,
see render.py and search_plan), choose for both brochures of an offer together:

1. the largest body size, from 12 pt down to 9.5 pt, at which the sections can be
   shared out over the flowing panels — inside flap, inside 1, 2, 3, and the top of
   the back, whose foot holds the contacts and the signature — in both languages at
   once, so the French and English brochures break at the same places and can be
   compared side by side;
2. among the ways to cut the sections into four runs (between units: a heading never
   ends a panel), the one whose panels are the most evenly filled, cutting inside a
   section only when that buys real balance, and leaving no panel nearly empty;
3. for each language and each panel, the spacing between blocks (1 to 1.6 times the
   normal gaps; on the three inside panels, seen together, never more than a third
   wider than on the tightest of them) that brings the panel to 97 % of its height:
   the panels end together, filled, and the type is not stretched.

A section continues on the next panel only where the reader sees both: from inside 1
to 2 and from 2 to 3. Between the inside flap and inside 1 (back to back once the
brochure is open) and between inside 3 and the back (another side of the sheet) only
whole sections cross — unless no plan can keep that rule, at any size.

Only when nothing fits at 9.5 pt is it an error, which says by how much, and which
services could be shown on the site only. Pure Python: no layout here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

BODY_SIZES = (12.0, 11.5, 11.0, 10.5, 10.0, 9.5)  # points, largest first
TITLE_SIZES = (34.0, 30.0, 26.0, 22.0, 19.0, 16.0)  # the cover's title, points
FLOW_PANELS = ("flap", "inside_1", "inside_2", "inside_3", "back")  # in reading order
MAIN_PANELS = 4  # the first four are never left (nearly) empty; the back has its foot
MAX_SPACING = 1.6
RHYTHM = 1.35  # an inside panel's spacing is at most this much the tightest inside panel's
SEEN_TOGETHER = ("inside_1", "inside_2", "inside_3")
TARGET_FILL = 0.97  # each panel, once its spacing is chosen
WHOLE_AFTER = (0, 3)  # panels after which only whole sections cross: flap, inside 3
SAFETY = 0.995  # a plan keeps half a percent of each panel free: rounding in layout
MIN_FILL = 0.3  # below this a panel looks empty: avoided whenever there is a way
SPLIT_COST = 0.01  # cutting a section across two panels, in units of squared fill
PX_PER_MM = 96 / 25.4
TOLERANCE_PX = 0.5  # what the layout may round: past an edge by less is not past it


@dataclass(frozen=True)
class SectionShape:
    """A section as the planner sees it: its blocks' keys and its units."""

    key: str
    title: str
    where: str
    block_keys: tuple[str, ...]
    units: tuple[tuple[int, int], ...]  # (first, end) block ranges never separated
    is_service: bool = False


@dataclass(frozen=True)
class SizeMeasure:
    """One language at one body size, spacing 1, heights in CSS px."""

    blocks: dict[str, tuple[tuple[float, float], ...]]  # section key → (border height, margins) per block
    section_gap: float
    back: float  # the back panel's foot (contacts, signature): the sections get what is above it


@dataclass(frozen=True)
class Measurement:
    """What the planner knows of one language's brochure: only the body sizes and cover
    title sizes measured so far (see search_plan), each measured exactly."""

    language: str
    label: str  # the PDFs' names, for messages
    sections: tuple[SectionShape, ...]
    capacity: float  # height of a panel's content box, px
    sizes: dict[float, SizeMeasure]
    covers: dict[float, float] = field(default_factory=dict)  # title size → px its text goes past the cover

    @property
    def title_size(self) -> float | None:
        """The largest cover title that fits, None when none does or it is not known yet."""
        for size in TITLE_SIZES:
            if size not in self.covers:
                return None
            if self.covers[size] <= TOLERANCE_PX:
                return size
        return None

    @property
    def cover_known(self) -> bool:
        """Whether the title size is settled: one fits, and every larger one was measured."""
        return self.title_size is not None or all(size in self.covers for size in TITLE_SIZES)

    @property
    def cover_excess_mm(self) -> float:
        return min(self.covers.values(), default=0.0) / PX_PER_MM

    def merged(self, other: Measurement) -> Measurement:
        """This measurement with the sizes and covers `other` adds."""
        return replace(self, sizes={**self.sizes, **other.sizes}, covers={**self.covers, **other.covers})


@dataclass(frozen=True)
class Piece:
    """Blocks [start:end] of a section (end None: to the section's end)."""

    section: str
    start: int = 0
    end: int | None = None


@dataclass(frozen=True)
class Plan:
    """What the final layout of one offer's brochures follows, in every language."""

    size: float  # body size, pt
    spacing: dict[str, dict[str, float]]  # language → panel → multiple of the normal gaps
    panels: dict[str, tuple[Piece, ...]]
    fills: dict[str, dict[str, float]] = field(default_factory=dict)  # language → panel → predicted fill
    title_sizes: dict[str, float] = field(default_factory=dict)  # language → cover title size, pt


@dataclass(frozen=True)
class Unit:
    section: int  # index in the sections
    start: int
    end: int | None


class NoFit(Exception):
    """No plan fits: `reasons` are (kind, details) for BrochureOverflow to tell."""

    def __init__(self, reasons: list[tuple[str, dict]]) -> None:
        self.reasons = reasons
        super().__init__(repr(reasons))


def choose_plan(measurements: dict[str, Measurement]) -> Plan:
    """The plan for every language of one offer, among the body sizes measured in every
    language; raises NoFit when nothing fits."""
    reasons: list[tuple[str, dict]] = []
    for language, measure in measurements.items():
        if measure.title_size is None:
            reasons.append(("cover", {"language": language, "excess_mm": measure.cover_excess_mm}))
    if reasons:
        raise NoFit(reasons)
    languages = list(measurements)
    shapes = [measurements[language].sections for language in languages]
    if not _same_sections(measurements):
        # The languages do not have the same sections: each gets its own plan.
        plans = {language: choose_plan({language: measurements[language]}) for language in languages}
        first = plans[languages[0]]
        return Plan(first.size, first.spacing, first.panels,
                    {language: plan.fills[language] for language, plan in plans.items()},
                    {language: plan.title_sizes[language] for language, plan in plans.items()})
    units = _units(shapes)
    for whole_sections_across_sides in (True, False):
        for size in _measured(measurements):
            plan = _plan_at(measurements, units, size, whole_sections_across_sides)
            if plan is not None:
                return plan
    raise NoFit(_why(measurements, units))


def _same_sections(measurements: dict[str, Measurement]) -> bool:
    keys = [tuple(section.key for section in m.sections) for m in measurements.values()]
    return all(key == keys[0] for key in keys)


def _measured(measurements: dict[str, Measurement]) -> list[float]:
    """The body sizes measured in every language, largest first."""
    return [size for size in BODY_SIZES if all(size in m.sizes for m in measurements.values())]


def _plan_at(measurements: dict[str, Measurement], units: list[Unit], size: float,
             whole_sections_across_sides: bool) -> Plan | None:
    """The plan at one body size, or None when the sections do not fit at that size."""
    languages = list(measurements)
    heights = {language: _unit_heights(measurements[language], units, size) for language in languages}
    capacities = {language: _capacities(measurements[language], size) for language in languages}
    if any(capacity[-1] < 0 for capacity in capacities.values()):
        return None  # the back's foot alone does not fit
    cuts = _best_cuts(units, heights, capacities, whole_sections_across_sides)
    if cuts is None:
        return None
    sections = measurements[languages[0]].sections
    spacing, fills = _spacing(units, cuts, heights, capacities)
    panels = {panel: tuple(_pieces(units[a:b], sections)) for panel, a, b in zip(FLOW_PANELS, cuts, cuts[1:])}
    return Plan(size, spacing, panels, fills, {language: measurements[language].title_size for language in languages})


# --- which sizes to measure ---------------------------------------------------------------------

# A brochure's text fills its panels in proportion to the square of the body size (lines
# are taller and hold fewer words), about this much per character and per block at 1 pt,
# and a plan is usually found while the text fills no more than FIT_FILL of the panels.
# Only a first guess: the search below measures until it knows.
FILL_PER_CHARACTER = 1.08e-6
FILL_PER_BLOCK = 1.16e-4
FIT_FILL = 0.78

Measure = Callable[[list[float], list[float]], dict[str, Measurement]]


def first_sizes(characters: int, blocks: int, hint: float | None = None) -> tuple[list[float], list[float]]:
    """The body sizes and cover title sizes to measure first: the size the plan will
    most likely have (`hint`, the last build's, or a guess from the amount of text) and
    the next larger one, which must be measured not to fit; the largest title."""
    if hint not in BODY_SIZES:
        per_point = FILL_PER_CHARACTER * characters + FILL_PER_BLOCK * blocks
        largest = (FIT_FILL / per_point) ** 0.5 if per_point > 0 else BODY_SIZES[0]
        hint = next((size for size in BODY_SIZES if size <= largest), BODY_SIZES[-1])
    index = BODY_SIZES.index(hint)
    return list(BODY_SIZES[max(index - 1, 0):index + 1]), [TITLE_SIZES[0]]


def search_plan(measurements: dict[str, Measurement], measure: Measure) -> Plan:
    """The plan choose_plan would choose with every size measured, measuring as few
    sizes as it can: from those measured first (see first_sizes), up while the largest
    one measured fits, down while none fits; the cover's smaller titles only when the
    largest does not fit. `measure(sizes, title_sizes)` lays out more, in every language.

    The sizes measured are always a run of neighbours: the answer is the largest of them
    that fits, when the next larger size was measured not to fit. Above a size that does
    not fit, no larger one is expected to (text only grows with its size)."""
    while True:
        sizes, titles = _still_to_measure(measurements)
        if not sizes and not titles:
            return choose_plan(measurements)
        more = measure(sizes, titles)
        measurements = {language: m.merged(more[language]) for language, m in measurements.items()}


def _still_to_measure(measurements: dict[str, Measurement]) -> tuple[list[float], list[float]]:
    titles = sorted({size for m in measurements.values() if not m.cover_known
                     for size in TITLE_SIZES if size not in m.covers}, reverse=True)
    measured = _measured(measurements)
    missing = [size for size in BODY_SIZES if size not in measured]
    if not missing:
        return [], titles
    if any(m.cover_known and m.title_size is None for m in measurements.values()):
        return [], []  # no title fits a cover: that is the answer, whatever the body size
    if not _same_sections(measurements):
        return missing, titles  # planned language by language: every size
    units = _units([m.sections for m in measurements.values()])
    for whole_sections_across_sides in (True, False):
        fitting = next((size for size in measured
                        if _plan_at(measurements, units, size, whole_sections_across_sides) is not None), None)
        if fitting is None:
            below = [size for size in missing if size < measured[-1]] if measured else missing
            if below:
                return below, titles  # none fits: the smaller sizes
            continue  # none fits even at the smallest: then none does; try again, letting sections cross
        if fitting == measured[0] and fitting != BODY_SIZES[0]:
            return [size for size in missing if size > fitting], titles  # the largest measured fits: larger ones
        return [], titles
    return [], titles  # nothing fits at any size: the smallest is measured, to say by how much


# --- units and heights ------------------------------------------------------------------------


def _units(shapes: list[tuple[SectionShape, ...]]) -> list[Unit]:
    """The units both languages share: a section whose blocks pair up is cut where either
    language's units allow it; one whose blocks do not is one unit."""
    units: list[Unit] = []
    for index, sections in enumerate(zip(*shapes)):
        if all(s.block_keys == sections[0].block_keys for s in sections):
            ends = set.intersection(*(set(end for _, end in s.units) for s in sections))
            start = 0
            for end in sorted(ends):
                units.append(Unit(index, start, end))
                start = end
        else:
            units.append(Unit(index, 0, None))
    return units


@dataclass(frozen=True)
class _Heights:
    border: list[float]  # per unit
    margin: list[float]
    gap: float


def _unit_heights(measure: Measurement, units: list[Unit], size: float) -> _Heights:
    at = measure.sizes[size]
    border, margin = [], []
    for unit in units:
        blocks = at.blocks[measure.sections[unit.section].key][unit.start:unit.end]
        border.append(sum(b for b, _ in blocks))
        margin.append(sum(m for _, m in blocks))
    return _Heights(border, margin, at.section_gap)


def _run_height(units: list[Unit], h: _Heights, a: int, b: int, spacing: float) -> float:
    """Height of units[a:b] in one panel: its blocks, and a gap after each section part
    but the last (which may hang below the panel: it is only space)."""
    parts = units[b - 1].section - units[a].section + 1
    return sum(h.border[a:b]) + spacing * (sum(h.margin[a:b]) + h.gap * (parts - 1))


# --- the cut --------------------------------------------------------------------------------------


def _capacities(measure: Measurement, size: float) -> list[float]:
    """Room for sections in each flowing panel (px): the back keeps its foot, and a gap."""
    at = measure.sizes[size]
    return [measure.capacity] * MAIN_PANELS + [measure.capacity - at.back - at.section_gap]


def _best_cuts(units: list[Unit], heights: dict[str, _Heights], capacities: dict[str, list[float]],
               whole_across_sides: bool = True) -> list[int] | None:
    """Cut points (0, c1, …, n) of the most even plan that fits at spacing 1: one run of
    units per flowing panel, each of the main panels holding at least one unit."""
    n, panels = len(units), len(FLOW_PANELS)
    if n < MAIN_PANELS:  # fewer units than panels: one would be empty
        return None
    totals = {lang: _run_height(units, h, 0, n, 1.0) for lang, h in heights.items()}
    if any(totals[lang] > sum(capacities[lang]) * SAFETY for lang in heights):
        return None
    prefix = {lang: _prefix(h) for lang, h in heights.items()}
    mean = {lang: totals[lang] / sum(capacities[lang]) for lang in heights}

    def cost(p: int, a: int, b: int) -> float | None:
        """Cost of units[a:b] on panel p (None: does not fit)."""
        value = 0.0
        for lang, h in heights.items():
            if a == b:
                f = 0.0
            else:
                border, margin = prefix[lang]
                parts = units[b - 1].section - units[a].section + 1
                f = (border[b] - border[a] + margin[b] - margin[a] + h.gap * (parts - 1)) / capacities[lang][p]
            if f > SAFETY:
                return None
            value += (f - mean[lang]) ** 2 + (1.0 if p < MAIN_PANELS and f < MIN_FILL else 0.0)
        if 0 < b < n and a < b and units[b].section == units[b - 1].section:
            if whole_across_sides and p in WHOLE_AFTER:
                return inf  # the reader would not see the section's two parts together
            value += SPLIT_COST
        return value

    best = [[inf] * (n + 1) for _ in range(panels + 1)]
    back = [[0] * (n + 1) for _ in range(panels + 1)]
    best[0][0] = 0.0
    for p in range(panels):
        smallest = 1 if p < MAIN_PANELS else 0  # units a main panel must hold
        for b in range(n + 1):
            for a in range(b - smallest, -1, -1):  # the run units[a:b] grows as a goes down
                c = cost(p, a, b)
                if c is None:
                    break  # too tall: a longer run is taller still
                if best[p][a] != inf and best[p][a] + c < best[p + 1][b]:
                    best[p + 1][b], back[p + 1][b] = best[p][a] + c, a
    if best[panels][n] == inf:
        return None
    cuts = [n]
    for p in range(panels, 0, -1):
        cuts.append(back[p][cuts[-1]])
    return cuts[::-1]


inf = float("inf")


def _prefix(h: _Heights) -> tuple[list[float], list[float]]:
    border, margin = [0.0], [0.0]
    for b, m in zip(h.border, h.margin):
        border.append(border[-1] + b)
        margin.append(margin[-1] + m)
    return border, margin


def _spacing(units: list[Unit], cuts: list[int], heights: dict[str, _Heights], capacities: dict[str, list[float]]
             ) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]:
    """Each panel's spacing (language → panel → multiple of the gaps) and fill."""
    spacings: dict[str, dict[str, float]] = {}
    fills: dict[str, dict[str, float]] = {}
    for lang, h in heights.items():
        wanted = {}
        for p, (panel, a, b) in enumerate(zip(FLOW_PANELS, cuts, cuts[1:])):
            fixed = _run_height(units, h, a, b, 0.0) if b > a else 0.0
            stretch = (_run_height(units, h, a, b, 1.0) - fixed) if b > a else 0.0
            room = (TARGET_FILL * capacities[lang][p] - fixed) / stretch if stretch > 0 else MAX_SPACING
            wanted[panel] = max(1.0, min(MAX_SPACING, room))
        # The three inside panels are seen together: their gaps stay alike.
        tightest = min(wanted[panel] for panel in SEEN_TOGETHER)
        spacings[lang] = {panel: round(max(1.0, min(value, tightest * RHYTHM if panel in SEEN_TOGETHER else value))
                                       - 0.005, 2) if value > 1.0 else 1.0
                          for panel, value in wanted.items()}
        fills[lang] = {panel: (_run_height(units, h, a, b, spacings[lang][panel]) if b > a else 0.0)
                       / capacities[lang][p] for p, (panel, a, b) in enumerate(zip(FLOW_PANELS, cuts, cuts[1:]))}
    return spacings, fills


def _pieces(units: list[Unit], sections: tuple[SectionShape, ...]) -> list[Piece]:
    """Units of one panel, merged into one piece per section."""
    pieces: list[Piece] = []
    for unit in units:
        key = sections[unit.section].key
        if pieces and pieces[-1].section == key:
            pieces[-1] = Piece(key, pieces[-1].start, unit.end)
        else:
            pieces.append(Piece(key, unit.start, unit.end))
    return [Piece(p.section, p.start, None if p.end == len(_shape(sections, p.section).block_keys) else p.end)
            for p in pieces]


def _shape(sections: tuple[SectionShape, ...], key: str) -> SectionShape:
    return next(section for section in sections if section.key == key)


# --- when nothing fits ------------------------------------------------------------------------


def _why(measurements: dict[str, Measurement], units: list[Unit]) -> list[tuple[str, dict]]:
    """At the smallest size: by how much each language is over, and what could go."""
    size = BODY_SIZES[-1]
    reasons: list[tuple[str, dict]] = []
    for language, measure in measurements.items():
        at = measure.sizes[size]
        capacities = _capacities(measure, size)
        if capacities[-1] < 0:
            reasons.append(("back", {"language": language, "excess_mm": -capacities[-1] / PX_PER_MM}))
            continue
        h = _unit_heights(measure, units, size)
        total = _run_height(units, h, 0, len(units), 1.0)
        room = sum(capacities) * SAFETY
        sections = []
        for section in measure.sections:
            blocks = at.blocks[section.key]
            height = sum(b + m for b, m in blocks) + at.section_gap
            sections.append((section, height / PX_PER_MM))
        if total > room:
            services = sorted((item for item in sections if item[0].is_service), key=lambda item: -item[1])
            reasons.append(("flow", {"language": language, "excess_mm": (total - room) / PX_PER_MM,
                                     "services": services[:3]}))
            continue
        tallest = max(range(len(units)), key=lambda index: _run_height(units, h, index, index + 1, 1.0))
        excess = _run_height(units, h, tallest, tallest + 1, 1.0) - measure.capacity * SAFETY
        if excess > 0:
            reasons.append(("unit", {"language": language, "section": measure.sections[units[tallest].section],
                                     "excess_mm": excess / PX_PER_MM}))
    return reasons
