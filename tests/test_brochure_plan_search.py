"""The panel plan is found measuring only the sizes it needs (for a real offer, at most
four of the six), and it is the very plan measuring every body size and every cover
title would give: for the shipped content sets and for short, long, tiny, half-length
and illustrated ones."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

import content_sets
from conftest import CONTENT_SETS
from generator.brochure.images import brochure_images
from generator.brochure.plan import BODY_SIZES, TITLE_SIZES, choose_plan, first_sizes
from generator.brochure.layout import PROFILE
from generator.brochure.render import measure_fragments, measurement, measuring_fragments, plan_for
from generator.content import load_content
from generator.fonts import prepared_fonts
from generator.project import Project
from generator.qr import plan_codes, svg

pytestmark = pytest.mark.slow

MADE = {"short": content_sets.short, "long": lambda target: content_sets.longer(target, 1),
        "tiny": content_sets.tiny, "images": content_sets.with_images, "half": content_sets.half_outaouais}


@pytest.fixture(scope="module")
def fonts() -> dict[str, Path]:
    return {name: faces.brochure for name, faces in prepared_fonts(Project.find().fonts).items()}


def _content(name: str, tmp_path: Path) -> Path:
    return CONTENT_SETS[name] if name in CONTENT_SETS else MADE[name](tmp_path / "content")


def _measurer(content: Path, fonts: dict[str, Path], asked: list[tuple[list[float], list[float]]]):
    """`measure(sizes, titles)` for the planner's search over `content`'s brochures (each
    request noted in `asked`), and the sizes a build would measure first."""
    offers = load_content(content)
    fragments = {}
    for language, offer in offers.items():
        codes = plan_codes(offer)
        fragments[language] = measuring_fragments(offer, codes, fonts, {c.link_id: svg(c) for c in codes},
                                                  brochure_images(offer, "office", PROFILE), language)
    known: dict[str, dict] = {language: {} for language in offers}

    def measure(sizes: list[float], titles: list[float]):
        asked.append((sizes, titles))
        for language in offers:
            known[language].update(measure_fragments(fragments[language], sizes, titles, known[language]))
        return {language: measurement(fragments[language], known[language], sizes, titles) for language in offers}

    first = first_sizes(max(f.characters for f in fragments.values()), max(f.blocks for f in fragments.values()),
                        codes=max(f.codes for f in fragments.values()))
    return measure, first


@pytest.mark.parametrize("name", [*CONTENT_SETS, *MADE])
def test_the_search_finds_the_plan_of_every_size_measured(name, fonts, tmp_path) -> None:
    asked: list[tuple[list[float], list[float]]] = []
    measure, first = _measurer(_content(name, tmp_path), fonts, asked)
    searched = plan_for(measure(*first), measure)
    # Copies: the planner keeps the plans it made for the measurements it was given (by
    # identity); these it has never seen, so nothing it kept from the search can answer.
    everything = choose_plan(copy.deepcopy(measure(list(BODY_SIZES), list(TITLE_SIZES))))
    assert (searched.size, searched.panels, searched.spacing, searched.title_sizes) == \
        (everything.size, everything.panels, everything.spacing, everything.title_sizes)
    if name in CONTENT_SETS:  # real offers; a set too short to fill the panels may need every size
        measured = {size for sizes, _ in asked[:-1] for size in sizes}
        assert len(measured) <= 4, f"{name}: {len(measured)} sizes measured to find the plan ({asked[:-1]})"


def _lone_parts(plan, shapes) -> list[str]:
    """The parts of a cut section that hold one block: an item alone at a panel's foot,
    or alone atop the next under the section's running head."""
    lone = []
    for panel, pieces in plan.panels.items():
        for piece in pieces:
            shape = next(shape for shape in shapes if shape.key == piece.section)
            end = len(shape.block_keys) if piece.end is None else piece.end
            if (piece.start, end) != (0, len(shape.block_keys)) and end - piece.start == 1:
                lone.append(f"{panel}: {piece.section}[{piece.start}:{piece.end}]")
    return lone


@pytest.mark.parametrize("name", ["outaouais", "half"])
def test_a_section_is_not_cut_to_leave_one_of_its_items_alone(name, fonts, tmp_path) -> None:
    """"Champs d'action" three items on one panel and its fourth alone atop the next
    (with its running head) was the Outaouais plan: a designer keeps the section whole or
    cuts it where at least two items stand on each side, when the panels allow it."""
    measure, first = _measurer(_content(name, tmp_path), fonts, [])
    measurements = measure(*first)
    plan = plan_for(measurements, measure)
    shapes = next(iter(measurements.values())).sections
    assert _lone_parts(plan, shapes) == [], plan.panels
