"""The panel plan: which part of which section goes on which panel, at what size.

Given each language's measurements (every block's height at the body sizes measured,
see render.py and search_plan), choose for both brochures of an offer together what a
designer would:

1. **no hole**: no text panel (inside flap, inside 1, 2, 3, the back) keeps an empty
   band taller than 25 mm — a panel ends near its foot, or its white space is shared
   out between its blocks and, more generously, between its sections;
2. then **the largest body size** that allows it, from 13 pt down to 9.5 pt: the
   largest size at which the sections can be shared out at all, or the next smaller
   one when only that one leaves no hole. When the content is too short to fill six
   panels even at 13 pt, the plan with the smallest holes, and build says how much
   text is missing (`Plan.missing_mm`);
3. among the ways to share the sections out — in their order, or with one or two of
   the sections about the team's practice (values, territories, audiences…) moved to
   the back panel, above the contacts, or up beside the introduction on the flap —
   the one that leaves no hole, keeps the services together on the inside spread, cuts
   inside a section only when that buys real balance, and fills the panels evenly;
4. for each language and each panel, the spacing: between blocks 1 to 1.6 times the
   normal gaps (on the three inside panels, seen together, never more than a third
   wider than on the tightest of them), then between sections up to three times,
   bringing the panel to 97 % of its height.

The French and English brochures share the plan, so they break at the same places and
can be compared side by side, and their cover titles share one size (the one the
longer allows). A section continues on the next panel only where the reader sees both:
from inside 1 to 2 and from 2 to 3. Between the inside flap and inside 1 and between
inside 3 and the back only whole sections cross — unless no plan can keep that rule,
at any size. A heading, and the sentence that introduces a list, stay with what
follows; a list never leaves one item alone at a panel's top or foot (blocks.py).

When nothing fits at 9.5 pt it is an error, which always says by how much and what
could go. Pure Python: no layout here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from collections.abc import Callable

BODY_SIZES = (13.0, 12.5, 12.0, 11.5, 11.0, 10.5, 10.0, 9.5)  # points, largest first
TITLE_SIZES = (34.0, 30.0, 26.0, 22.0, 19.0, 16.0)  # the cover's title, points
FLOW_PANELS = ("flap", "inside_1", "inside_2", "inside_3", "back")  # in reading order
SPREAD = (1, 2, 3)  # the inside panels, where the services belong


@dataclass(frozen=True)
class Limits:
    """How far the gaps may grow, in multiples of the normal ones (brochure.css)."""

    spread: float  # between blocks on the inside panels
    alone: float  # … on the flap and the back, read on their own
    sections: float  # between two sections of a panel: a wider gap reads as a pause
    rhythm: bool  # the inside panels' gaps kept alike (at most RHYTHM apart)


NORMAL = Limits(spread=1.6, alone=2.2, sections=3.5, rhythm=True)
# For an offer too short to fill the panels even at the largest size: its white shared out
# between every block (a gap stays under a centimetre), rather than left in holes.
AIRY = Limits(spread=2.0, alone=2.2, sections=4.5, rhythm=False)  # a paragraph's gap under a line of white
RHYTHM = 1.5  # an inside panel's spacing is at most this much the tightest inside panel's
SEEN_TOGETHER = ("inside_1", "inside_2", "inside_3")
TARGET_FILL = 0.97  # each panel, once its spacing is chosen
WHOLE_AFTER = (0, 3)  # panels after which only whole sections cross: flap, inside 3
SAFETY = 0.995  # a plan keeps half a percent of each panel free: rounding in layout
PX_PER_MM = 96 / 25.4
TOLERANCE_PX = 0.5  # what the layout may round: past an edge by less is not past it
BAND_MM = 25.0  # the tallest empty band a text panel may keep
PLANNED_BAND_MM = 20.0  # what the plan allows itself: the lines' leading, white inside the last block, rounding
# What the plan weighs, in units of squared fill (a panel 10 % off the mean costs 0.01).
SPLIT_COST = 0.01  # cutting a section across two panels
LONE_COST = 0.2  # … leaving one of its units alone on either side (an item alone at a panel's top or foot)
HOLE_COST = 1.0  # a panel with a hole, plus the square of its band in 25 mm: worse than any imbalance, and two small holes better than a large one
AWAY_COST = 0.3  # a service on the flap or the back, away from the others
MOVE_COST = 0.02  # a section read out of its order (on the back or beside the introduction)
EMPTY_COST = 5.0  # a flap or inside panel left without text: worse than any hole
QUOTE_SIZES = (34.0, 29.0, 26.0, 24.0, 22.0, 20.0, 18.0, 16.0)  # the pull quote's type, points, largest first
QUOTE_MARGIN_MM = 6.0  # the least white above and below the pull quote
MOVABLE = {"values", "territories", "audiences", "areas_of_action", "roles_actions", "examples", "team"}


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

    # section key → per block: (border height, margins, white inside under its last ink)
    blocks: dict[str, tuple[tuple[float, ...], ...]]
    section_gap: float
    back: float  # the back panel's foot (contacts, signature): the sections get what is above it
    back_white: float = 0.0  # the white in that foot between its last contact's ink and its signature's rule
    # the introduction's blocks (as `blocks`) set as the flap's lead, larger; None: not measured
    lead: tuple[tuple[float, ...], ...] | None = None


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
    quotes: dict[float, float] = field(default_factory=dict)  # pull quote size → its height, px (none: no quote)
    foot_pieces: int = 1  # the back's foot: its contacts, and how to ask again (a short offer's): white goes above each

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
        return replace(self, sizes={**self.sizes, **other.sizes}, covers={**self.covers, **other.covers},
                       quotes={**self.quotes, **other.quotes})

    def quote_for(self, band: float, largest: float = QUOTE_SIZES[0]) -> tuple[float, float] | None:
        """The largest pull quote (size, height px), no larger than `largest` pt, that
        leaves QUOTE_MARGIN_MM above and below it in an empty band of `band` px, or None."""
        room = band - 2 * QUOTE_MARGIN_MM * PX_PER_MM
        return next(((size, self.quotes[size]) for size in QUOTE_SIZES
                     if size <= largest and size in self.quotes and 0 < self.quotes[size] <= room), None)


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
    spacing: dict[str, dict[str, float]]  # language → panel → multiple of the normal gaps between blocks
    panels: dict[str, tuple[Piece, ...]]
    fills: dict[str, dict[str, float]] = field(default_factory=dict)  # language → panel → predicted fill
    title_sizes: dict[str, float] = field(default_factory=dict)  # language → cover title size, pt
    section_spacing: dict[str, dict[str, float]] = field(default_factory=dict)  # … between sections
    bands: dict[str, dict[str, float]] = field(default_factory=dict)  # language → panel → empty band, mm
    # language → (panel, type size pt, top px in the panel's content box) of the pull quote
    # that fills a panel whose content is too short: the flap's or the back's
    quotes: dict[str, tuple[str, float, float]] = field(default_factory=dict)
    # language → px added above the back's signature: the white left on the back is shared
    # out above and below its contacts instead of standing in one band
    foot_gaps: dict[str, float] = field(default_factory=dict)
    sizes: dict[str, float] = field(default_factory=dict)  # language → body size, pt (a translation may be larger)
    # language → panel → white (px) above each unit after the panel's first, and those units' first blocks
    # (section key, block index) by panel: a short panel's white shared out between its blocks
    lifted: dict[str, dict[str, float]] = field(default_factory=dict)
    lifts: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    lead: bool = False  # the introduction, whole on the flap, set as its lead (larger) in every language

    def size_of(self, language: str) -> float:
        return self.sizes.get(language, self.size)

    @property
    def missing_mm(self) -> dict[str, dict[str, float]]:
        """Language → panel → how many mm of text it lacks to keep no band over BAND_MM."""
        return {language: {panel: band - PLANNED_BAND_MM for panel, band in bands.items() if band > PLANNED_BAND_MM}
                for language, bands in self.bands.items()}


@dataclass(frozen=True)
class Unit:
    section: int  # position of its section in the order planned (consecutive units of a section share it)
    index: int  # its section's index in the measurements
    start: int
    end: int | None
    liftable: bool = True  # white may be added above it (not above a list item: a list keeps one rhythm)


class NoFit(Exception):
    """No plan fits: `reasons` are (kind, details) for BrochureOverflow to tell; never empty."""

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
    title = min(measure.title_size or TITLE_SIZES[-1] for measure in measurements.values())
    if not _same_sections(measurements):
        # The languages do not have the same sections: each gets its own plan.
        plans = {language: choose_plan({language: measurements[language]}) for language in languages}
        first = plans[languages[0]]
        return replace(first, **{name: {language: getattr(plan, name)[language] for language, plan in plans.items()}  # type: ignore[arg-type]
                                 for name in ("spacing", "fills", "section_spacing", "bands", "foot_gaps",
                                              "sizes", "lifted")},
                       quotes={language: plan.quotes[language] for language, plan in plans.items()
                               if language in plan.quotes},
                       title_sizes={language: title for language in languages})
    chosen = _chosen(measurements)
    if chosen is None:
        raise NoFit(_why(measurements))
    return replace(chosen, title_sizes={language: title for language in languages})


def _chosen(measurements: dict[str, Measurement]) -> Plan | None:
    """The plan at the normal gaps; when it keeps a hole, the same sizes with airy gaps
    if that leaves smaller holes."""
    plan = _chosen_within(measurements, NORMAL)
    if plan is None or not _holes(plan):
        return plan
    airy = _chosen_within(measurements, AIRY, {language: plan.size_of(language) for language in measurements})
    return airy if airy is not None and _worst_band(airy) < _worst_band(plan) else plan


def _chosen_within(measurements: dict[str, Measurement], limits: Limits,
                   at: dict[str, float] | None = None) -> Plan | None:
    """The largest size at which the sections can be shared out in every language; when
    that leaves a hole, the same with the language that has one set half a point larger
    (a translation is often shorter), or else the next smaller size if only it leaves
    none. Whole sections across the sheet's sides if any size allows."""
    sizes = _measured(measurements)
    if at is not None:
        return _plan_at(measurements, at, True, limits) or _plan_at(measurements, at, False, limits)
    for whole in (True, False):
        for index, size in enumerate(sizes):
            plan = _plan_at(measurements, {language: size for language in measurements}, whole)
            if plan is None:
                continue
            if not _holes(plan):
                return plan
            larger = sizes[index - 1] if index > 0 and _next_smaller(sizes[index - 1]) == size else None
            for language in [language for language, bands in plan.bands.items() if _holes_in(bands)]:
                if larger is not None and len(measurements) > 1:
                    raised = _plan_at(measurements, {**plan.sizes, language: larger}, whole)
                    if raised is not None and _worst_band(raised) < _worst_band(plan):
                        plan = raised
            if not _holes(plan):
                return plan
            if index + 1 < len(sizes) and sizes[index + 1] == _next_smaller(size):
                smaller = _plan_at(measurements, {language: sizes[index + 1] for language in measurements}, whole)
                if smaller is not None and _worst_band(smaller) < _worst_band(plan):
                    return smaller
            return plan
    return None


def _next_smaller(size: float) -> float | None:
    index = BODY_SIZES.index(size)
    return BODY_SIZES[index + 1] if index + 1 < len(BODY_SIZES) else None


def _worst_band(plan: Plan) -> float:
    return max((band for bands in plan.bands.values() for band in bands.values()), default=0.0)


def _holes(plan: Plan) -> bool:
    return any(_holes_in(bands) for bands in plan.bands.values())


def _holes_in(bands: dict[str, float]) -> list[str]:
    return [panel for panel, band in bands.items() if band > PLANNED_BAND_MM]


def _same_sections(measurements: dict[str, Measurement]) -> bool:
    keys = [tuple(section.key for section in m.sections) for m in measurements.values()]
    return all(key == keys[0] for key in keys)


def _measured(measurements: dict[str, Measurement]) -> list[float]:
    """The body sizes measured in every language, largest first."""
    return [size for size in BODY_SIZES if all(size in m.sizes for m in measurements.values())]


_PLANS: dict[tuple, tuple[Plan | None, tuple[SizeMeasure, ...]]] = {}  # a search asks for the same plan again and again


def _plan_at(measurements: dict[str, Measurement], sizes: dict[str, float],
             whole_sections_across_sides: bool, limits: Limits = NORMAL) -> Plan | None:
    """The best plan at these body sizes (language → size) over the orders worth
    trying, or None when the sections do not fit at those sizes."""
    held = tuple(m.sizes[sizes[language]] for language, m in measurements.items())  # kept alive: ids stay theirs
    # Everything the plan depends on: the pull quote's sizes and the largest one the cover
    # allows too (a search learns the cover's title size after planning a first size).
    key = (tuple((language, m.sections, m.capacity, id(at), tuple(m.quotes.items()), m.foot_pieces)
                 for (language, m), at in zip(measurements.items(), held)),
           tuple(sizes.items()), whole_sections_across_sides, limits, _largest_quote(measurements))
    if key in _PLANS:
        return _PLANS[key][0]
    if any(_capacities(m, sizes[language])[-1] < 0 for language, m in measurements.items()):
        return None  # the back's foot alone does not fit
    sections = next(iter(measurements.values())).sections
    best: tuple[float, Plan] | None = None
    for moving in (1, 2):  # two sections moved only while no order so far avoids a hole
        if moving == 2 and best is not None and best[0] < HOLE_COST:
            break
        for order, moves in _orders(sections, moving):
            found = _plan_in_order(measurements, order, sizes, whole_sections_across_sides, limits)
            if found is not None and (best is None or found[0] + MOVE_COST * moves < best[0]):
                best = (found[0] + MOVE_COST * moves, found[1])
    plan = best[1] if best else None
    if len(_PLANS) > 2000:
        _PLANS.clear()
    _PLANS[key] = (plan, held)
    return plan


def _orders(sections: tuple[SectionShape, ...], moving: int):
    """The section orders to try, with how many sections each moves. `moving` 1: the
    content's own order, and each movable section on the back (after the services) or
    beside the opening section on the flap; 2: two of them on the back."""
    natural = list(range(len(sections)))
    if moving == 1:
        yield natural, 0
    movable = [index for index, section in enumerate(sections)
               if index > 0 and not section.is_service and section.key in MOVABLE]
    if not any(section.is_service for section in sections):
        return
    if moving == 1:
        for index in movable:
            rest = [i for i in natural if i != index]
            yield rest + [index], 1
            if index > 1:
                yield [rest[0], index, *rest[1:]], 1
    else:
        for position, first in enumerate(movable):
            for second in movable[position + 1:]:
                yield [i for i in natural if i not in (first, second)] + [first, second], 2


def _plan_in_order(measurements: dict[str, Measurement], order: list[int], sizes: dict[str, float],
                   whole_sections_across_sides: bool, limits: Limits) -> tuple[float, Plan] | None:
    languages = list(measurements)
    sections = measurements[languages[0]].sections
    units = _units([measurements[language].sections for language in languages], order)
    heights = {language: _unit_heights(measurements[language], units, sizes[language]) for language in languages}
    capacities = {language: _capacities(measurements[language], sizes[language]) for language in languages}
    found = _best_cuts(units, heights, capacities, [sections[u.index].is_service for u in units],
                       {language: measurements[language] for language in languages}, limits,
                       whole_sections_across_sides)
    if found is None:
        return None
    cost, cuts = found
    spaced = _spacing(units, cuts, heights, capacities, measurements, sizes, limits)
    led = _lead_heights(units, cuts, heights, capacities, measurements, sizes)
    if led is not None:  # the flap's introduction larger: kept unless it leaves a hole the plain one does not
        leading = _spacing(units, cuts, led, capacities, measurements, sizes, limits)
        if _worst(leading[3]) <= max(PLANNED_BAND_MM, _worst(spaced[3])):
            spaced = leading
        else:
            led = None
    spacing, section_spacing, fills, bands, quotes, foot_gaps, lifted = spaced
    panels = {panel: tuple(_pieces(units[a:b], sections)) for panel, a, b in zip(FLOW_PANELS, cuts, cuts[1:])}
    lifts = {panel: tuple((sections[unit.index].key, unit.start) for unit in units[a + 1:b] if unit.liftable)
             for panel, a, b in zip(FLOW_PANELS, cuts, cuts[1:]) if any(panel in by for by in lifted.values())}
    return cost, Plan(sizes[languages[0]], spacing, panels, fills, {}, section_spacing, bands, quotes, foot_gaps,
                      dict(sizes), lifted, lifts, led is not None)


LEAD_SECTION = "introduction"  # the section a flap with room to spare sets as its lead
LEAD_WHEN = 0.8  # … when the flap's text at its tightest fills less of it than this


def _worst(bands: dict[str, dict[str, float]]) -> float:
    return max((band for by_panel in bands.values() for band in by_panel.values()), default=0.0)


def _lead_heights(units: list[Unit], cuts: list[int], heights: dict[str, _Heights],
                  capacities: dict[str, list[float]], measurements: dict[str, Measurement],
                  sizes: dict[str, float]) -> dict[str, _Heights] | None:
    """The units' heights with the introduction set as the flap's lead, in every language,
    when it stands whole on the flap, the flap has room to spare (its text at its
    tightest fills under LEAD_WHEN of it) and the lead still fits; else None. A designer
    sets a short flap's opening larger rather than pushing its paragraphs apart; the
    lead is measured (render.py), and one for both languages, as the panel plan is."""
    a, b = cuts[FLAP], cuts[FLAP + 1]
    led = {}
    for language, measure in measurements.items():
        at = measure.sizes[sizes[language]]
        lead = next((index for index, shape in enumerate(measure.sections) if shape.key == LEAD_SECTION), None)
        mine = [position for position, unit in enumerate(units) if unit.index == lead]
        if at.lead is None or not mine or not all(a <= position < b for position in mine):
            return None
        capacity = capacities[language][FLAP]
        if _run_height(units, heights[language], a, b, 1.0) >= LEAD_WHEN * capacity:
            return None
        larger = replace(measure, sizes={sizes[language]: replace(at, blocks={**at.blocks, LEAD_SECTION: at.lead})})
        led[language] = _unit_heights(larger, units, sizes[language])
        if _run_height(units, led[language], a, b, 1.0) > TARGET_FILL * capacity:
            return None
    return led


# --- which sizes to measure ---------------------------------------------------------------------

# A brochure's text fills its panels in proportion to the square of the body size (lines
# are taller and hold fewer words), about this much per character, per block and per QR
# code (its request block) at 1 pt, and a plan is usually found while the text fills no
# more than FIT_FILL of the panels (fitted on the shipped offer, the Outaouais and made-up
# examples). Only a first guess: the search below measures until it knows.
FILL_PER_CHARACTER = 1.29e-6
FILL_PER_BLOCK = 7.2e-5
FILL_PER_CODE = 1.04e-3
FIT_FILL = 0.93

Measure = Callable[[list[float], list[float]], dict[str, Measurement]]


def estimated_fill(characters: int, blocks: int, codes: int, size: float) -> float:
    """How much of the panels the text would fill at `size` pt (a guess: see above)."""
    return (FILL_PER_CHARACTER * characters + FILL_PER_BLOCK * blocks + FILL_PER_CODE * codes) * size ** 2


def first_sizes(characters: int, blocks: int, hint: float | None = None,
                codes: int = 0) -> tuple[list[float], list[float]]:
    """The body sizes and cover title sizes to measure first: the size the plan will
    most likely have (`hint`, the last build's, or a guess from the amount of text) and
    the next larger one, which must be measured not to fit; after a build (`hint`), the
    next smaller one too, which the search measures when the last plan kept a hole: an
    edit is then measured in one round (each round is a layout of its own); the largest
    title."""
    below = 1 if hint in BODY_SIZES else 0
    if hint not in BODY_SIZES:
        per_point = estimated_fill(characters, blocks, codes, 1.0)
        largest = (FIT_FILL / per_point) ** 0.5 if per_point > 0 else BODY_SIZES[0]
        hint = next((size for size in BODY_SIZES if size <= largest), BODY_SIZES[-1])
    index = BODY_SIZES.index(hint)
    return list(BODY_SIZES[max(index - 1, 0):index + 1 + below]), [TITLE_SIZES[0]]


def search_plan(measurements: dict[str, Measurement], measure: Measure) -> Plan:
    """The plan choose_plan would choose with every size measured, measuring as few
    sizes as it can: from those measured first (see first_sizes), up while the largest
    one measured fits, down while none fits, and one size below the largest that fits
    when that one leaves a hole; the cover's smaller titles only when the largest does
    not fit. `measure(sizes, title_sizes)` lays out more, in every language.

    The sizes measured are always a run of neighbours: above a size that does not fit,
    no larger one is expected to (text only grows with its size)."""
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
    for whole in (True, False):
        fitting = next((size for size in measured
                        if _plan_at(measurements, {language: size for language in measurements}, whole) is not None),
                       None)
        if fitting is None:
            below = [size for size in missing if size < measured[-1]] if measured else missing
            if below:
                return below[:2], titles  # none fits: the next two smaller sizes
            continue  # none fits even at the smallest: then none does; try again, letting sections cross
        if fitting == measured[0] and fitting != BODY_SIZES[0]:
            return [BODY_SIZES[BODY_SIZES.index(fitting) - 1]], titles  # the largest measured fits: the next larger
        smaller = _next_smaller(fitting)
        plan = _plan_at(measurements, {language: fitting for language in measurements}, whole)
        if plan is not None and _holes(plan) and smaller is not None and smaller not in measured:
            return [smaller], titles  # a hole at the largest size: would the next one leave none?
        return [], titles
    return [], titles  # nothing fits at any size: the smallest is measured, to say by how much


# --- units and heights ------------------------------------------------------------------------


def _units(shapes: list[tuple[SectionShape, ...]], order: list[int] | None = None) -> list[Unit]:
    """The units both languages share, sections in `order`: a section whose blocks pair
    up is cut where every language's units allow it; one whose blocks do not is one unit."""
    units: list[Unit] = []
    for position, index in enumerate(order if order is not None else range(len(shapes[0]))):
        sections = [languages[index] for languages in shapes]
        if all(s.block_keys == sections[0].block_keys for s in sections):
            ends = set.intersection(*(set(end for _, end in s.units) for s in sections))
            start = 0
            for end in sorted(ends):
                units.append(Unit(position, index, start, end, not sections[0].block_keys[start].startswith("li-")))
                start = end
        else:
            units.append(Unit(position, index, 0, None))
    return units


@dataclass(frozen=True)
class _Heights:
    border: list[float]  # per unit
    margin: list[float]
    tail: list[float]  # the margin under its last block: white below the panel's last line when it ends one
    inner: list[float]  # the white inside its last block, under its last ink (a tag's padding, a line's leading)
    gap: float
    continued: float = 0.0  # the running head above a section's part that opens a panel mid-section


CONTINUED_EM = 1.275  # that running head's line, in body em, fixed (brochure.css: .continued; its type render.running_head_pt)


def _unit_heights(measure: Measurement, units: list[Unit], size: float) -> _Heights:
    at = measure.sizes[size]
    border, margin, tail, inner = [], [], [], []
    for unit in units:
        blocks = at.blocks[measure.sections[unit.index].key][unit.start:unit.end]
        border.append(sum(block[0] for block in blocks))
        margin.append(sum(block[1] for block in blocks))
        tail.append(blocks[-1][1] if blocks else 0.0)
        inner.append(blocks[-1][2] if blocks and len(blocks[-1]) > 2 else 0.0)
    return _Heights(border, margin, tail, inner, at.section_gap, CONTINUED_EM * size * PX_PER_PT)


def _run_height(units: list[Unit], h: _Heights, a: int, b: int, spacing: float,
                section_spacing: float | None = None) -> float:
    """Height of units[a:b] in one panel: its blocks, and a gap after each section part
    but the last (which may hang below the panel: it is only space); above the first, the
    running head « Section (suite) » when the panel opens mid-section."""
    if b <= a:
        return 0.0
    parts = units[b - 1].section - units[a].section + 1
    between = spacing if section_spacing is None else section_spacing
    return (sum(h.border[a:b]) + spacing * sum(h.margin[a:b]) + between * h.gap * (parts - 1)
            + _continued(units, h, a))


def _continued(units: list[Unit], h: _Heights, a: int) -> float:
    """The running head's height when units[a] opens its panel mid-section."""
    return h.continued if units[a].start > 0 else 0.0


# --- the cut --------------------------------------------------------------------------------------


def _capacities(measure: Measurement, size: float) -> list[float]:
    """Room for sections in each flowing panel (px): the back keeps its foot, and a gap."""
    at = measure.sizes[size]
    return [measure.capacity] * (len(FLOW_PANELS) - 1) + [measure.capacity - at.back - at.section_gap]


MAX_LIFT_MM = 12.0  # the white added above a unit, at most, when the gaps at their largest leave a hole
MAX_GAP_MM = 10.0  # the white between two sections of a panel that their gap alone may make
GAP_LIMIT_MM = 21.0  # … and with the white added above a unit: more would read as a hole
GAP_EM, TAIL_EM = 0.9, 0.6  # a section's gap and the largest margin under a block, in em (brochure.css)


def _section_spacing_cap(limits: Limits, gap: float, tail: float) -> float:
    """How far the gap between two sections may grow: the limits', and no more than
    leaves MAX_GAP_MM of white between them (the last block's margin `tail` included)."""
    if gap <= 0:
        return limits.sections
    return max(1.0, min(limits.sections, (MAX_GAP_MM * PX_PER_MM - tail) / gap))


def _lift_cap(existing: float) -> float:
    """The white (px) that may be added above a unit whose gap already holds `existing` px."""
    return max(0.0, min(MAX_LIFT_MM * PX_PER_MM, GAP_LIMIT_MM * PX_PER_MM - existing))


QUOTE_TO_TITLE = 0.93  # a pull quote at most this much the cover title's size: the cover stays first


def _largest_quote(measurements: dict[str, Measurement]) -> float:
    return QUOTE_TO_TITLE * min((m.title_size or TITLE_SIZES[-1] for m in measurements.values()),
                                default=TITLE_SIZES[0])


def _band_mm(capacity: float, stretched: float, white: float = 0.0) -> float:
    """The empty band (mm) under a panel's text `stretched` px tall, whose last `white` px
    (its last block's margin, and the gap above the back's foot) hold no ink."""
    return (max(0.0, capacity - stretched) + white) / PX_PER_MM


def _white_below(h: _Heights, p: int, b: int, spacing: float) -> float:
    return (h.tail[b - 1] * spacing + h.inner[b - 1] if b > 0 else 0.0) + (h.gap if p == BACK else 0.0)


FLAP, BACK = 0, len(FLOW_PANELS) - 1
FOOT_WHITE_EM = 1.7  # white between the back's last contact and its signature's rule, in em (brochure.css): margins and half a leading
PX_PER_PT = 96 / 72


def _best_cuts(units: list[Unit], heights: dict[str, _Heights], capacities: dict[str, list[float]],
               services: list[bool], measurements: dict[str, Measurement], limits: Limits = NORMAL,
               whole_across_sides: bool = True) -> tuple[float, list[int]] | None:
    """The cost and cut points (0, c1, …, n) of the best plan that fits at spacing 1: one
    run of units per flowing panel. None when no plan fits."""
    n, panels = len(units), len(FLOW_PANELS)
    totals = {lang: _run_height(units, h, 0, n, 1.0) for lang, h in heights.items()}
    if any(totals[lang] > sum(capacities[lang]) * SAFETY for lang in heights):
        return None
    prefix = {lang: _prefix(h) for lang, h in heights.items()}
    largest_quote = _largest_quote(measurements)
    liftable = [0]  # liftable[i]: how many of units[1:i + 1] white may be added above
    for unit in units[1:]:
        liftable.append(liftable[-1] + unit.liftable)
    first, last = _section_bounds(units)
    mean = {lang: totals[lang] / sum(capacities[lang]) for lang in heights}

    def cost(p: int, a: int, b: int) -> float | None:
        """Cost of units[a:b] on panel p (None: does not fit)."""
        value = 0.0
        for lang, h in heights.items():
            border, margin = prefix[lang]
            parts = units[b - 1].section - units[a].section + 1 if b > a else 0
            gaps = h.gap * max(parts - 1, 0)
            head = _continued(units, h, a) if b > a else 0.0
            height = border[b] - border[a] + margin[b] - margin[a] + gaps + head
            capacity = capacities[lang][p]
            if capacity + h.gap < 0:
                return None  # the back's foot alone is taller than its panel (its room counts a gap above it)
            if height > 0 and (capacity <= 0 or height / capacity > SAFETY):
                return None
            f = height / capacity if capacity > 0 else 0.0
            # (what an inside panel's gaps can be sure of, when their rhythm holds: the tightest may stay at 1)
            most = (min(limits.spread, RHYTHM) if limits.rhythm else limits.spread) if p in SPREAD else limits.alone
            stretched = (head + border[b] - border[a] + most * (margin[b] - margin[a])
                         + _section_spacing_cap(limits, h.gap, most * TAIL_EM * h.gap / GAP_EM) * gaps
                         + _lift_cap(h.gap * (most * TAIL_EM / GAP_EM + (_section_spacing_cap(
                             limits, h.gap, most * TAIL_EM * h.gap / GAP_EM) if parts > 1 else 0.0)))
                         * (liftable[b - 1] - liftable[a] if b > a else 0))
            band = (_band_mm(TARGET_FILL * capacity, stretched, _white_below(h, p, b, most) if b > a else 0.0)
                    + (1 - TARGET_FILL) * capacity / PX_PER_MM)
            if band > PLANNED_BAND_MM and p == FLAP:  # the pull quote, in the middle of the white
                quote = measurements[lang].quote_for(band * PX_PER_MM, largest_quote)
                band = (band - quote[1] / PX_PER_MM) / 2 if quote else band
            elif band > PLANNED_BAND_MM and p == BACK:  # the white above and below the contacts
                band /= 2
            value += (f - mean[lang]) ** 2 + (HOLE_COST + (band / BAND_MM) ** 2 if band > PLANNED_BAND_MM else 0.0)
            if a == b and p != BACK:
                value += EMPTY_COST
        if p not in SPREAD:
            value += AWAY_COST * sum(1 for i in range(a, b) if services[i] and (i == a or units[i].section
                                                                                != units[i - 1].section))
        if 0 < b < n and a < b and units[b].section == units[b - 1].section:
            if whole_across_sides and p in WHOLE_AFTER:
                return inf  # the reader would not see the section's two parts together
            value += SPLIT_COST
            if min(b - a, b - first[b - 1]) == 1 or last[b] == b:  # one of its units alone on either side
                value += LONE_COST
        return value

    best = [[inf] * (n + 1) for _ in range(panels + 1)]
    back = [[0] * (n + 1) for _ in range(panels + 1)]
    best[0][0] = 0.0
    for p in range(panels):
        for b in range(n + 1):
            for a in range(b, -1, -1):  # the run units[a:b] grows as a goes down
                c = cost(p, a, b)
                if c is None:
                    break  # too tall: a longer run is taller still
                if best[p][a] + c < best[p + 1][b]:
                    best[p + 1][b], back[p + 1][b] = best[p][a] + c, a
    if best[panels][n] == inf:
        return None
    cuts = [n]
    for p in range(panels, 0, -1):
        cuts.append(back[p][cuts[-1]])
    return best[panels][n], cuts[::-1]


inf = float("inf")


def _section_bounds(units: list[Unit]) -> tuple[list[int], list[int]]:
    """For each unit, the index of its section's first unit and of its last: where a cut
    inside a section leaves how many of its units on either side (_best_cuts)."""
    first, last = [0] * len(units), [0] * len(units)
    for i, unit in enumerate(units):
        first[i] = first[i - 1] if i and units[i - 1].section == unit.section else i
    for i in range(len(units) - 1, -1, -1):
        last[i] = last[i + 1] if i + 1 < len(units) and units[i + 1].section == units[i].section else i
    return first, last


def _prefix(h: _Heights) -> tuple[list[float], list[float]]:
    border, margin = [0.0], [0.0]
    for b, m in zip(h.border, h.margin):
        border.append(border[-1] + b)
        margin.append(margin[-1] + m)
    return border, margin


def _spacing(units: list[Unit], cuts: list[int], heights: dict[str, _Heights], capacities: dict[str, list[float]],
             measurements: dict[str, Measurement], sizes: dict[str, float], limits: Limits = NORMAL
             ) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]],
                        dict[str, dict[str, float]], dict[str, dict[str, float]],
                        dict[str, tuple[str, float, float]], dict[str, float], dict[str, dict[str, float]]]:
    """Each panel's spacing between blocks and between sections (language → panel →
    multiple of the normal gaps), its fill, the tallest empty band left (mm), where a
    pull quote fills the white of the flap (or else of the back), how much white goes
    above the back's signature, and the white (px) shared out above each unit after a
    panel's first when the gaps at their largest still leave a hole.

    The pull quote is the offer's, not a language's: when one language sets it and
    another has not kept room for it, that one is spaced again keeping the room (less
    white shared out above its units) on the same panel, if it can; and it has one
    size in every language, the one the least room allows."""
    runs = list(zip(FLOW_PANELS, cuts, cuts[1:]))
    done = {lang: _spaced(units, runs, h, capacities[lang], measurements[lang], sizes[lang], limits,
                          _largest_quote(measurements)) for lang, h in heights.items()}
    panels = {result.quote[0] for result in done.values() if result.quote}
    if len(panels) == 1 and any(result.quote is None for result in done.values()):
        wanted = panels.pop()
        for lang, result in done.items():
            if result.quote is None:
                again = _spaced(units, runs, heights[lang], capacities[lang], measurements[lang], sizes[lang], limits,
                                _largest_quote(measurements), wanted)
                if again.quote is not None and max(again.bands.values()) <= max(BAND_MM, max(result.bands.values())):
                    done[lang] = again
    quoted = [result.quote for result in done.values() if result.quote]
    if len(quoted) > 1 and len({quote[1] for quote in quoted}) > 1:  # one size: the one the least room allows
        smallest = min(quote[1] for quote in quoted)
        for lang, result in done.items():
            if result.quote and result.quote[1] > smallest:
                done[lang] = _spaced(units, runs, heights[lang], capacities[lang], measurements[lang], sizes[lang],
                                     limits, smallest, result.quote[0])
    return ({lang: r.spacings for lang, r in done.items()}, {lang: r.between for lang, r in done.items()},
            {lang: r.fills for lang, r in done.items()}, {lang: r.bands for lang, r in done.items()},
            {lang: r.quote for lang, r in done.items() if r.quote},
            {lang: r.foot_gap for lang, r in done.items() if r.foot_gap is not None},
            {lang: r.lifted for lang, r in done.items()})


@dataclass
class _Spaced:
    """One language's spacing of the panels (see _spacing)."""

    spacings: dict[str, float]
    between: dict[str, float]
    fills: dict[str, float]
    bands: dict[str, float]
    lifted: dict[str, float]
    quote: tuple[str, float, float] | None = None
    foot_gap: float | None = None


def _spaced(units: list[Unit], runs: list[tuple[str, int, int]], h: _Heights, capacities: list[float],
            measure: Measurement, size: float, limits: Limits, largest_quote: float,
            quote_on: str | None = None) -> _Spaced:
    """One language's spacing; `quote_on` ("flap" or "back"): the panel where room is kept
    for the pull quote before white is shared out above its units."""
    wanted = {}
    for p, (panel, a, b) in enumerate(runs):
        fixed = _run_height(units, h, a, b, 0.0)
        stretch = _run_height(units, h, a, b, 1.0) - fixed
        most = limits.spread if p in SPREAD else limits.alone
        room = (TARGET_FILL * capacities[p] - fixed) / stretch if stretch > 0 else most
        wanted[panel] = max(1.0, min(most, room))
    # The three inside panels are seen together: their gaps stay alike.
    tightest = min(wanted[panel] for panel in SEEN_TOGETHER)
    spacings = {panel: round(max(1.0, min(value, tightest * RHYTHM if panel in SEEN_TOGETHER and limits.rhythm
                                          else value))
                             - 0.005, 2) if value > 1.0 else 1.0
                for panel, value in wanted.items()}
    result = _Spaced(spacings, {}, {}, {}, {})
    between, fills, bands, lifted = result.between, result.fills, result.bands, result.lifted
    ink_end: dict[int, float] = {}
    flap_quote = False
    for p, (panel, a, b) in enumerate(runs):
        spacing = spacings[panel]
        gaps = _run_height(units, h, a, b, spacing, 1.0) - _run_height(units, h, a, b, spacing, 0.0)
        room = TARGET_FILL * capacities[p] - _run_height(units, h, a, b, spacing, 0.0)
        tails = max(h.tail[a:b], default=0.0) * spacing
        wide = max(spacing, min(_section_spacing_cap(limits, h.gap, tails), room / gaps)) if gaps > 0 else spacing
        between[panel] = round(wide - 0.005, 2) if wide > spacing else spacing
        height = _run_height(units, h, a, b, spacing, between[panel])
        fills[panel] = height / capacities[p]
        bands[panel] = round(_band_mm(capacities[p], height, _white_below(h, p, b, spacing) if b > a else 0.0), 1)
        lifts = sum(unit.liftable for unit in units[a + 1:b])  # white may be shared out above each
        # Room is kept for the pull quote and the white around it on the flap, or on the
        # back when the flap has none (or on the panel asked): white shared out above units
        # would leave it none, and lines pushed apart read worse than white around a quote.
        quote = (measure.quote_for(bands[panel] * PX_PER_MM, largest_quote)
                 if (p == FLAP and quote_on in (None, "flap")) or panel == quote_on
                 or (p == BACK and quote_on is None and not flap_quote) else None)
        if p == FLAP:
            flap_quote = quote is not None and bands[panel] > PLANNED_BAND_MM
        reserve = quote[1] + (2 if p == FLAP else 3) * (PLANNED_BAND_MM - 4) * PX_PER_MM if quote else 0.0
        if bands[panel] > PLANNED_BAND_MM and lifts:
            parts = units[b - 1].section - units[a].section + 1
            existing = tails + (h.gap * between[panel] if parts > 1 else 0.0)  # the widest white already there
            lift = min(_lift_cap(existing), (TARGET_FILL * capacities[p] - reserve - height) / lifts)
            if lift > 0.5:
                lifted[panel] = round(lift - 0.05, 1)
                height += lifted[panel] * lifts
                fills[panel] = height / capacities[p]
                bands[panel] = round(_band_mm(capacities[p], height, _white_below(h, p, b, spacing)), 1)
        if p in (FLAP, BACK):  # where the text's ink ends
            ink_end[p] = height - (h.tail[b - 1] * spacing + h.inner[b - 1] if b > a else 0.0)
    white = {p: bands[FLOW_PANELS[p]] * PX_PER_MM for p in (FLAP, BACK)}
    # the white the back's foot already keeps above its signature (measured; else an estimate)
    inner = measure.sizes[size].back_white or FOOT_WHITE_EM * size * PX_PER_PT
    if white[FLAP] > PLANNED_BAND_MM * PX_PER_MM and quote_on in (None, "flap"):
        quote = measure.quote_for(white[FLAP], largest_quote)  # in the middle of the flap's white
        if quote is not None:
            white[FLAP] = (white[FLAP] - quote[1]) / 2
            result.quote = ("flap", quote[0], round(ink_end[FLAP] + white[FLAP], 1))
    spread = white[BACK] > PLANNED_BAND_MM * PX_PER_MM or quote_on == "back"
    # A back that holds no section is all "reach us": its contacts start at the panel's top,
    # in line with the other panels, and its white goes inside its foot (above how to ask
    # again, above the signature) — as long as each white stays under the planned band.
    top_aligned = (runs[BACK][1] == runs[BACK][2] and white[BACK] > 0.5
                   and white[BACK] / measure.foot_pieces + inner <= PLANNED_BAND_MM * PX_PER_MM)
    if spread or top_aligned:
        # The back's white shared out above and below its contacts (the foot grows by
        # `gap` above its signature, and above how to ask again when it says it) — and
        # around the pull quote when the flap has none.
        # Every white alike: those above the foot (above the quote, and under it) and those
        # inside it, each its gap and the white the foot keeps there already (`inner`).
        quote = measure.quote_for(white[BACK], largest_quote) if result.quote is None and spread else None
        room = white[BACK] - (quote[1] if quote else 0.0)
        if quote is None and top_aligned:
            gap, free = room / measure.foot_pieces, 0.0
        else:
            above = 1 if quote is None else 2
            gap = max(0.0, (room + measure.foot_pieces * inner) / (above + measure.foot_pieces) - inner)
            free = (room - measure.foot_pieces * gap) / above  # each white above the foot
        white[BACK] = max(free, gap + inner)
        if quote is not None:
            result.quote = ("back", quote[0], round(ink_end[BACK] + free, 1))
        result.foot_gap = round(gap, 1)
    for p in (FLAP, BACK):
        bands[FLOW_PANELS[p]] = round(white[p] / PX_PER_MM, 1)
    return result


def _pieces(units: list[Unit], sections: tuple[SectionShape, ...]) -> list[Piece]:
    """Units of one panel, merged into one piece per section."""
    pieces: list[Piece] = []
    for unit in units:
        key = sections[unit.index].key
        if pieces and pieces[-1].section == key:
            pieces[-1] = Piece(key, pieces[-1].start, unit.end)
        else:
            pieces.append(Piece(key, unit.start, unit.end))
    return [Piece(p.section, p.start, None if p.end == len(_shape(sections, p.section).block_keys) else p.end)
            for p in pieces]


def _shape(sections: tuple[SectionShape, ...], key: str) -> SectionShape:
    return next(section for section in sections if section.key == key)


# --- when nothing fits ------------------------------------------------------------------------


def _why(measurements: dict[str, Measurement]) -> list[tuple[str, dict]]:
    """At the smallest size: by how much each language is over, and what could go. Never
    empty: when the text would fit the panels' room in all but no way of cutting it fits,
    by how much the best cut goes past its panel."""
    size = min(_measured(measurements), default=BODY_SIZES[-1])
    units = _units([m.sections for m in measurements.values()])
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
            height = sum(block[0] + block[1] for block in blocks) + at.section_gap
            sections.append((section, height / PX_PER_MM))
        services = sorted((item for item in sections if item[0].is_service), key=lambda item: -item[1])
        if total > room:
            reasons.append(("flow", {"language": language, "excess_mm": (total - room) / PX_PER_MM,
                                     "services": services[:3]}))
            continue
        tallest = max(range(len(units)), key=lambda index: _run_height(units, h, index, index + 1, 1.0))
        excess = _run_height(units, h, tallest, tallest + 1, 1.0) - measure.capacity * SAFETY
        if excess > 0:
            reasons.append(("unit", {"language": language, "section": measure.sections[units[tallest].index],
                                     "excess_mm": excess / PX_PER_MM}))
            continue
        reasons.append(("flow", {"language": language, "excess_mm": _least_excess(units, h, capacities) / PX_PER_MM,
                                 "services": services[:3]}))
    return reasons


def _least_excess(units: list[Unit], h: _Heights, capacities: list[float]) -> float:
    """The least that the fullest panel goes past its room (px), over every way of
    cutting the units into the flowing panels (sections cut anywhere a unit ends)."""
    n, panels = len(units), len(FLOW_PANELS)
    worst = [[inf] * (n + 1) for _ in range(panels + 1)]
    worst[0][0] = -inf
    for p in range(panels):
        for b in range(n + 1):
            for a in range(b + 1):
                if worst[p][a] == inf:
                    continue
                over = _run_height(units, h, a, b, 1.0) - capacities[p] * SAFETY
                worst[p + 1][b] = min(worst[p + 1][b], max(worst[p][a], over))
    return max(worst[panels][n], TOLERANCE_PX)
