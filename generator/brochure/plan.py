"""The panel plan: which part of which section goes on which panel, at what size.

Given each language's measurements (every block's height at every body size, see
layout.py), choose for both brochures of an offer together:

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

import json
from dataclasses import asdict, dataclass, field

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
    """Everything the planner needs to know about one language's brochure."""

    language: str
    label: str  # the PDFs' names, for messages
    sections: tuple[SectionShape, ...]
    capacity: float  # height of a panel's content box, px
    sizes: dict[float, SizeMeasure]
    title_size: float | None  # the largest cover title that fits, None when none does
    cover_excess_mm: float = 0.0


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
    """The plan for every language of one offer; raises NoFit when nothing fits."""
    reasons: list[tuple[str, dict]] = []
    for language, measure in measurements.items():
        if measure.title_size is None:
            reasons.append(("cover", {"language": language, "excess_mm": measure.cover_excess_mm}))
    if reasons:
        raise NoFit(reasons)
    languages = list(measurements)
    shapes = [measurements[language].sections for language in languages]
    if any(tuple(s.key for s in shape) != tuple(s.key for s in shapes[0]) for shape in shapes):
        # The languages do not have the same sections: each gets its own plan.
        plans = {language: choose_plan({language: measurements[language]}) for language in languages}
        first = plans[languages[0]]
        return Plan(first.size, first.spacing, first.panels,
                    {language: plan.fills[language] for language, plan in plans.items()},
                    {language: plan.title_sizes[language] for language, plan in plans.items()})
    units = _units(shapes)
    for whole_sections_across_sides in (True, False):
        for size in BODY_SIZES:
            heights = {language: _unit_heights(measurements[language], units, size) for language in languages}
            capacities = {language: _capacities(measurements[language], size) for language in languages}
            if any(capacity[-1] < 0 for capacity in capacities.values()):
                continue  # the back's foot alone does not fit
            cuts = _best_cuts(units, heights, capacities, whole_sections_across_sides)
            if cuts is None:
                continue
            spacing, fills = _spacing(units, cuts, heights, capacities)
            panels = {panel: tuple(_pieces(units[a:b], shapes[0])) for panel, a, b in zip(FLOW_PANELS, cuts, cuts[1:])}
            return Plan(size, spacing, panels, fills,
                        {language: measurements[language].title_size for language in languages})
    raise NoFit(_why(measurements, units))


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


# --- kept in the build cache -------------------------------------------------------------------


def to_json(measurement: Measurement) -> str:
    """A measurement as JSON, for the cache (JSON, not pickle: a cache folder may be shared)."""
    data = asdict(measurement)
    data["sizes"] = {str(size): value for size, value in data["sizes"].items()}
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def from_json(text: str) -> Measurement:
    data = json.loads(text)
    sections = tuple(SectionShape(s["key"], s["title"], s["where"], tuple(s["block_keys"]),
                                  tuple(tuple(unit) for unit in s["units"]), s["is_service"])
                     for s in data["sections"])
    sizes = {float(size): SizeMeasure({key: tuple(tuple(pair) for pair in blocks)
                                       for key, blocks in value["blocks"].items()},
                                      value["section_gap"], value["back"])
             for size, value in data["sizes"].items()}
    return Measurement(data["language"], data["label"], sections, data["capacity"], sizes, data["title_size"],
                       data["cover_excess_mm"])
