"""The brochures' HTML and what is said of them: measure, then render to plan.

Two steps per language, with the panel plan between them (plan.py):

1. Measuring: `measuring_fragments` makes, as HTML, the pieces whose height the planner
   needs: each flowing section (laid out at the narrowest panel's width), the back's
   foot (contacts, signature) and the cover. Each is measured only once per size: its
   height is kept under a key made of its HTML and the size (`Fragments.key`).
   `measuring_html` puts on measuring pages what is not known yet, for the sizes the
   planner asks for (plan.search_plan); layout.py lays them out and reads the heights,
   which go back to the planner, which chooses for both languages at once.
2. Rendering: `brochure_html` writes the two sheets laid out to the plan, for each
   variant; layout.py lays them out, checks them and writes the PDFs; a panel's edge
   passed is told here (`overflow_of`), naming the panel and the section.

The build sends the layout halves to the print processes (`measure_fragments` does both
halves of the measuring in this process). The layout itself is CSS (templates/).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, UTC
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from .. import store
from ..content import Offer
from ..content.limits import MAX_BROCHURE_CHARACTERS
from ..qr import HOME, QrCode
from ..reach import request_code_link
from ..strings import entry, format_number, message, message_language as default_language, strings
from ..templating import environment, keep_compounds, last_words_together
from ..text import distinct, typography
from .balance import balanced_lines, line_count, reads_well, shortened, text_width as _text_width, words_fit
from .blocks import SHORT_LIST, SHORT_OFFER_LIST, Section, brochure_text, flowing_sections
from .layout import TEMPLATES, Written, read_measurements
from .plan import (BAND_MM, BODY_SIZES, FLOW_PANELS, LEAD_SECTION, QUOTE_SIZES, TITLE_SIZES, Measure, Measurement,
                   NoFit, Plan, SectionShape, SizeMeasure, estimated_fill, search_plan)

@dataclass(frozen=True)
class Overflow:
    """Something that does not fit, with what is needed to fix it."""

    brochure: str  # the PDFs' names
    panel: str
    section: Section | None
    excess_mm: float | None
    kind: str  # "flow", "unit", "back", "cover", "overflow", "too_much_text"
    characters: int = 0  # too_much_text: the brochure's text, and its longest sections
    longest: tuple[tuple[Section, int], ...] = ()
    services: tuple[tuple[Any, float], ...] = field(default=())  # flow: services that could go, with their mm
    language: str = ""  # the brochure's: a pipeline's report points at that language's files


class BrochureOverflow(Exception):
    """The content does not fit a brochure; each message says where and by how much."""

    def __init__(self, overflows: list[Overflow]) -> None:
        self.overflows = overflows
        super().__init__("\n".join(self.messages()))

    def __reduce__(self):  # picklable: brochures are made in worker processes
        return (BrochureOverflow, (self.overflows,))

    def messages(self, message_language: str | None = None) -> list[str]:
        ui = message_language or default_language()
        return [f"{overflow.brochure}: {_message(overflow, ui)}" for overflow in self.overflows]


def _quoted(text: str, ui: str) -> str:
    return message(ui, "brochure_problems.quoted", text=text)


def _message(overflow: Overflow, ui: str) -> str:
    s = strings(ui)
    panel = s[f"brochure_{overflow.panel}"] if overflow.panel else ""
    section = overflow.section
    name = _quoted(section.title, ui) if section else ""
    where = f" ({section.where})" if section and section.where else ""
    excess = f"{overflow.excess_mm:.0f}" if overflow.excess_mm is not None else "?"
    smallest = format_number(BODY_SIZES[-1], ui)
    if overflow.kind == "too_much_text":
        return _too_much_text_message(overflow, ui)
    if overflow.kind == "flow":
        services = ", ".join(f"{_quoted(service.title, ui)} ({service.where}, {mm:.0f} mm)"
                             for service, mm in overflow.services)
        move = (message(ui, "brochure_problems.flow_move", services=services) if services
                else message(ui, "brochure_problems.flow_shorten"))
        return message(ui, "brochure_problems.flow", excess=excess, smallest=smallest, move=move)
    return message(ui, f"brochure_problems.{overflow.kind}", name=name, where=where, excess=excess, panel=panel,
                   smallest=smallest)


def _too_much_text_message(overflow: Overflow, ui: str) -> str:
    sections = ", ".join(message(ui, "brochure_problems.long_section", title=section.title, where=section.where,
                                 size=format_number(size, ui))
                         for section, size in overflow.longest)
    return message(ui, "brochure_problems.too_much_text", characters=format_number(overflow.characters, ui),
                   most=format_number(MAX_BROCHURE_CHARACTERS, ui), sections=sections)


def too_much_text(offer: Offer, label: str) -> Overflow | None:
    """An Overflow when the brochure's text could never fit, found without laying it out:
    a hopeless content is told at once, not after minutes of layout."""
    sections = flowing_sections(offer)
    sizes = {section.key: brochure_text(section) for section in sections}
    total = sum(sizes.values())
    if total <= MAX_BROCHURE_CHARACTERS:
        return None
    longest = sorted(sections, key=lambda section: -sizes[section.key])[:3]
    return Overflow(label, "inside_3", None, None, "too_much_text", characters=total,
                    longest=tuple((section, sizes[section.key]) for section in longest), language=offer.language)


def overflow_from(no_fit: NoFit, labels: dict[str, str]) -> BrochureOverflow:
    """The planner's reasons, as messages naming each brochure."""
    overflows = []
    for kind, details in no_fit.reasons:
        label = labels[details["language"]]
        if kind == "flow":
            overflows.append(Overflow(label, "", None, details["excess_mm"], "flow",
                                      services=tuple(details["services"]), language=details["language"]))
        elif kind == "unit":
            shape = details["section"]
            overflows.append(Overflow(label, "", Section(shape.key, shape.title, shape.where), details["excess_mm"],
                                      "unit", language=details["language"]))
        else:
            overflows.append(Overflow(label, kind, None, details["excess_mm"], kind, language=details["language"]))
    return BrochureOverflow(overflows)


# --- 1. measuring -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fragments:
    """The pieces of one language's brochure that are measured, as HTML: each flowing
    section, the back's foot (contacts, signature) and the cover. A piece's height
    depends only on its HTML, the body (or title) size and the layout (templates, fonts,
    WeasyPrint), so a measurement is stored under `key(piece, size)` (the layout has its
    key in the cache's name, see downloads.py) and an edit measures only what it changed."""

    language: str
    label: str  # the PDFs' names, for messages
    shapes: tuple[SectionShape, ...]
    head: str  # what every measuring page starts with (fonts)
    fonts: dict[str, Path]  # the font files the head names, which the layout may read
    parts: dict[str, str]  # section key → its HTML
    back: str
    cover: str
    quote: dict[float, str]  # the pull quote that may fill a short flap or back, by size (empty: none)
    characters: int  # of the sections' text: with the number of blocks, a guess at the size (plan.first_sizes)
    codes: int = 0  # the QR codes its services print: each a tall block
    foot_pieces: int = 1  # the back's foot: its contacts, and how to ask again (a short offer)

    @property
    def blocks(self) -> int:
        return sum(len(shape.block_keys) for shape in self.shapes)

    def key(self, piece: str, size: float) -> str:
        """`piece`: a section's key, "back", "cover", "quote" or "capacity"."""
        html = {"back": self.back, "back_white": self.back, "cover": self.cover, "quote": self.quote.get(size, ""),
                "capacity": ""}.get(piece)
        html = self.parts[piece] if html is None else html
        return store.ARTIFACTS["measure"].key(piece=piece, html=html) + f"@{size:g}"


def measuring_fragments(offer: Offer, codes: list[QrCode], fonts: dict[str, Path], qr_images: dict[str, str],
                        images: dict[str, str | None], label: str) -> Fragments:
    """The measured pieces of one language's brochure (Jinja only: no layout here)."""
    sections = flowing_sections(offer)
    context = _context(offer, codes, fonts, qr_images, images, sections)
    pieces = _ENV.get_template("_blocks.j2").make_module(vars=context)
    short_list = SHORT_OFFER_LIST if context["listed"] else SHORT_LIST  # a short offer's lists never cut
    shapes = tuple(SectionShape(section.key, section.title, section.where,
                                tuple(block.key for block in section.blocks), tuple(section.units(short_list)),
                                section.key.startswith("service-")) for section in sections)
    return Fragments(
        language=offer.language, label=label, shapes=shapes,
        head=_render("_head.j2", context), fonts=fonts,
        parts={**{section.key: str(pieces.part(section)) for section in sections},  # type: ignore[attr-defined]
               **_lead_part(sections, pieces, context["listed"])},
        back=str(pieces.back_foot()),  # type: ignore[attr-defined]
        cover=str(pieces.cover()),  # type: ignore[attr-defined]
        quote=_quotes(offer, pieces, fonts),
        characters=sum(brochure_text(section) for section in sections),
        codes=_coded_requests(offer, sections, codes),
        foot_pieces=2 if context["asking"] else 1,
    )


LEAD_PART = LEAD_SECTION + "@lead"  # the introduction measured as the flap's lead (plan.py: Plan.lead)


def _lead_part(sections: list[Section], pieces: Any, listed: bool) -> dict[str, str]:
    """The introduction set as the flap's lead, to be measured beside it: the planner sets
    it so when the flap has room to spare. Nothing for a short offer (its introduction is
    its opening already, a little larger)."""
    found = next((section for section in sections if section.key == LEAD_SECTION), None)
    return {} if found is None or listed else {LEAD_PART: str(pieces.part(found, 0, None, (), True, LEAD_PART))}


def _printed_requests(offer: Offer, sections: list[Section]) -> list[Any]:
    """The services whose request the brochure prints (a request block), in its order."""
    services = {service.id: service for service in offer.services.services}
    return [services[block.text] for section in sections for block in section.blocks
            if block.kind == "request" and block.text in services and services[block.text].request is not None]


def _coded_requests(offer: Offer, sections: list[Section], codes: list[QrCode]) -> int:
    """How many of the brochure's request blocks carry a QR code."""
    by_link = {code.link_id: code for code in codes}
    return sum(1 for service in _printed_requests(offer, sections)
               if request_code_link(service.request, by_link) is not None)


def missing_measures(fragments: Fragments, sizes: list[float], title_sizes: list[float],
                     known: set[str] | dict[str, Any]) -> tuple[dict[float, list[str]], list[float], bool, list[float]]:
    """What `measure_fragments` must lay out for these sizes: per body size the pieces
    (section keys, "back") not in `known`, the cover's title sizes not in it, whether
    the panel's height is, and the pull quote's sizes (measured with the panel's height:
    once, whatever the body size)."""
    pieces: dict[float, list[str]] = {}
    for size in sizes:
        wanted = [key for key in [*fragments.parts, "back"] if fragments.key(key, size) not in known]
        if wanted:
            pieces[size] = wanted
    titles = [size for size in title_sizes if fragments.key("cover", size) not in known]
    quotes = [size for size in QUOTE_SIZES if size in fragments.quote and fragments.key("quote", size) not in known]
    return pieces, titles, fragments.key("capacity", 0) not in known, quotes


def measuring_html(fragments: Fragments, sizes: list[float], title_sizes: list[float],
                   known: set[str] | dict[str, Any]) -> str | None:
    """The measuring pages of what is not `known` yet, for layout.read_measurements: one
    page per body size with the sections whole at the narrowest panel's width and the
    back's foot at its width, then the cover at each title size. None: nothing to lay out."""
    pieces, titles, capacity, quotes = missing_measures(fragments, sizes, title_sizes, known)
    if not pieces and not titles and not capacity and not quotes:
        return None
    return _render("measure.html.j2", {
        "lang": fragments.language, "head": Markup(fragments.head), "capacity": capacity,
        "pages": [(size, [Markup(fragments.parts[key]) for key in keys if key != "back"],
                   Markup(fragments.back) if "back" in keys else None) for size, keys in pieces.items()],
        "title_sizes": titles, "cover": Markup(fragments.cover),
        "quotes": [(size, Markup(fragments.quote[size])) for size in quotes]})


def keyed(fragments: Fragments, found: dict[tuple[str, float], Any]) -> dict[str, Any]:
    """layout.read_measurements' heights by (piece, size), under their keys (Fragments.key)."""
    def wanted(piece: str, value: Any) -> bool:  # (a section of the back's foot is not measured alone)
        return piece in fragments.parts if isinstance(value, dict) else piece in ("back", "back_white", "cover", "quote",
                                                                                  "capacity")

    return {fragments.key(piece, size): value for (piece, size), value in found.items() if wanted(piece, value)}


def measure_fragments(fragments: Fragments, sizes: list[float], title_sizes: list[float],
                      known: set[str] | dict[str, Any]) -> dict[str, Any]:
    """Lay out, in this process, what is not `known` yet; the new measurements by key."""
    html = measuring_html(fragments, sizes, title_sizes, known)
    return {} if html is None else keyed(fragments, read_measurements(html, fragments.fonts))


def measurement(fragments: Fragments, known: dict[str, Any], sizes: list[float],
                title_sizes: list[float]) -> Measurement:
    """The planner's view of one language at these sizes, from measurements by key."""
    at = {}
    for size in sizes:
        entries = {key: known[fragments.key(key, size)] for key in fragments.parts}
        at[size] = SizeMeasure(
            blocks={shape.key: _block_heights(entries[shape.key], shape) for shape in fragments.shapes},
            section_gap=max((entry["gap"] for entry in entries.values()), default=0.0),
            back=known[fragments.key("back", size)],
            back_white=known.get(fragments.key("back_white", size), 0.0),
            lead=_lead_blocks(fragments, entries))
    return Measurement(
        language=fragments.language, label=fragments.label, sections=fragments.shapes,
        capacity=known[fragments.key("capacity", 0)], sizes=at,
        covers={size: known[fragments.key("cover", size)] for size in title_sizes},
        quotes={size: known[key] for size in QUOTE_SIZES if (key := fragments.key("quote", size)) in known},
        foot_pieces=fragments.foot_pieces)


def _block_heights(entry: dict[str, Any], shape: SectionShape) -> tuple[tuple[float, ...], ...]:
    """A measured section's blocks, in its shape's order (a block drawn empty: none)."""
    return tuple(tuple(entry["blocks"].get(block, (0.0, 0.0))) for block in shape.block_keys)


def _lead_blocks(fragments: Fragments, entries: dict[str, Any]) -> tuple[tuple[float, ...], ...] | None:
    """The introduction's blocks measured as the flap's lead, in its blocks' order."""
    shape = next((shape for shape in fragments.shapes if shape.key == LEAD_SECTION), None)
    return None if shape is None or LEAD_PART not in entries else _block_heights(entries[LEAD_PART], shape)


# --- 2. rendering to the plan --------------------------------------------------------------------


def brochure_html(offer: Offer, codes: list[QrCode], fonts: dict[str, Path], qr_images: dict[str, str],
                  images: dict[str, str | None], plan: Plan, date: datetime, variant: str) -> str:
    """One variant ("print", "office") of a language's two sheets, laid out to `plan`,
    dated `date` (the content's, see content/dates.py: never the time of the build).
    `qr_images` and `images`: the variant's (the print ones are CMYK)."""
    sections = flowing_sections(offer)
    context = _context(offer, codes, fonts, qr_images, images, sections)
    pieces = _ENV.get_template("_blocks.j2").make_module(vars=context)

    def final_quote(size: float, top: float) -> Markup:  # the very HTML measured, placed
        width, text = (_quote_lines(offer, fonts, size)  # a size the plan chose among those measured
                       or (None, typography(quote_text(offer) or "", offer.language)))
        return Markup(pieces.pull_quote(size, top, width, text))  # type: ignore[attr-defined]

    body_px = plan.size_of(offer.language) * 96 / 72

    def heading(text: str, em: float, last_words: bool = True) -> Markup:
        """A heading's text broken in balance at the size laid out (balance.py): as many
        lines as measured, each line's words joined by no-break spaces, in a box as wide
        as the longest; as measured when it cannot be balanced."""
        shown = _heading_shown(text, offer.language, last_words)
        found = (balanced_lines(shown, fonts["roboto-700"], em * body_px, CONTENT_WIDTH_PX)
                 if "roboto-700" in fonts else None)
        if found is None:
            return _lines_span(shown)
        width, lines = found
        return _lines_span(" ".join(line.replace(" ", "\u00a0") for line in lines), width)

    def running_head(title: str) -> str:
        """« Section (suite) » on one line: a long title cut after a word (balance.py)."""
        word = f" ({context['s']['continued']})"
        shown = typography(title, offer.language)
        if "open-sans-700" not in fonts:
            return shown + word
        size = running_head_pt(plan.size_of(offer.language)) * 96 / 72
        room = CONTENT_WIDTH_PX - _text_width(word, fonts["open-sans-700"], size)
        return shortened(shown, fonts["open-sans-700"], size, room) + word

    return _render("brochure.html.j2", {
        **context, "final_quote": final_quote, "heading": heading,  # after the context: its "heading" is the measuring one
        "running_head": running_head, "head_size": running_head_pt(plan.size_of(offer.language)),
        "plan": plan, "variant": variant, "by_key": {section.key: section for section in sections},
        "quote": plan.quotes.get(offer.language), "foot_gap": plan.foot_gaps.get(offer.language, 0.0),
        "title_size": plan.title_sizes.get(offer.language, TITLE_SIZES[-1]),
        "date": date.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")})


def overflow_of(offer: Offer, label: str, written: Written) -> BrochureOverflow | None:
    """What layout.write_pdfs found past a panel's edge, told with the section's title."""
    if not written.overflows:
        return None
    sections = {section.key: section for section in flowing_sections(offer)}
    sections.update({key: Section(key, title, "") for key, title in _fixed_titles(offer).items()})
    return BrochureOverflow([Overflow(label, panel, sections.get(section) if section else None, excess, kind,
                                      language=offer.language)
                             for panel, section, excess, kind in written.overflows])


def _fixed_titles(offer: Offer) -> dict[str, str]:
    s = strings(offer.language)
    return {"how_to_ask": s["how_to_ask"], "contacts": offer.contact.title, "cover": offer.organisation.hero.title}


CONTENT_WIDTH_PX = (3.625 - 2 * 0.3) * 96  # every text panel's content box (brochure.css)
RUNNING_HEAD_EM = 0.95  # the running head's type, in body em (brochure.css: .continued)…
RUNNING_HEAD_MAX_PT = 10.0  # … and at most this: a label above the text (8.5 pt read as a footnote to reviewers)


def running_head_pt(body_pt: float) -> float:
    """The running head's type size: smaller than the body, and never larger than a label
    needs to be (its height stays CONTINUED_EM of the body: plan.py counts it so)."""
    return round(min(RUNNING_HEAD_EM * body_pt, RUNNING_HEAD_MAX_PT), 2)
QUOTE_WIDTH_PX = CONTENT_WIDTH_PX
ASKS_AT_MOST = 8  # a short offer's back lists its form's questions when there are this many or fewer
MAX_QUOTE_LINES = 4  # a pull quote of more lines reads as a column of words


def _quotes(offer: Offer, pieces: Any, fonts: dict[str, Path]) -> dict[float, str]:
    """The pull quote's HTML at each size it reads well at (_quote_lines)."""
    if not quote_text(offer):
        return {}
    return {size: str(pieces.pull_quote(size, None, *found)) for size in QUOTE_SIZES
            if (found := _quote_lines(offer, fonts, size)) is not None}


def _quote_box(size: float) -> float:
    """The width (px) of the pull quote's lines at `size` pt: the panel's, less its rule and padding (brochure.css)."""
    return QUOTE_WIDTH_PX - 1.2 * 96 / 25.4 - 0.55 * size * 96 / 72


def _quote_lines(offer: Offer, fonts: dict[str, Path], size: float) -> tuple[float | None, str] | None:
    """The pull quote at `size` broken in balance (balance.py), as headings are: the box's
    width, and its text with each line's words joined by no-break spaces, so the layout
    breaks exactly there — as measured. None when it does not read well at that size: a
    word wider than a line, more than four lines, a word alone on a line but the last, or
    a line ending on a short word that leads on (balance.reads_well: « … besoins / de la /
    population »): a smaller size finds better breaks."""
    shown = typography(quote_text(offer) or "", offer.language)
    if "roboto-700" not in fonts:
        return None, shown
    font, px, box = fonts["roboto-700"], size * 96 / 72, _quote_box(size)
    if not words_fit(shown, font, px, box):
        return None
    found = balanced_lines(shown, font, px, box)
    if found is None:  # one line, or no balanced cut: set as greedy breaking sets it
        count = line_count(shown, font, px, box)
        return (None, shown) if count is None or count <= MAX_QUOTE_LINES else None
    width, lines = found
    if len(lines) > MAX_QUOTE_LINES or not reads_well(lines):
        return None
    return width, " ".join(line.replace(" ", "\u00a0") for line in lines)


def quote_text(offer: Offer) -> str | None:
    """What the pull quote says: the tagline, or else the subtitle, when it is a phrase
    (four words or more) short enough to be set large (at most 120 characters)."""
    hero = offer.organisation.hero
    return next((text for text in (hero.tagline, hero.subtitle)
                 if text and len(text.split()) >= 4 and len(text) <= 120), None)


SHORT_FILL = 0.75  # an offer whose text would fill less of the panels at the largest size is short


def short_offer(offer: Offer, sections: list[Section], codes: list[QrCode]) -> bool:
    """Whether the offer is too short to fill its panels with text alone (about half a
    usual one): its values and territories are then set as designed lists, a line each,
    larger — the room is there, and chips would leave it empty. Decided from the text
    before any layout, so that what is measured is what is printed; both languages of
    an offer fall on the same side (a translation differs by a tenth, the margin more)."""
    characters = sum(brochure_text(section) for section in sections)
    blocks = sum(len(section.blocks) for section in sections)
    return estimated_fill(characters, blocks, _coded_requests(offer, sections, codes), BODY_SIZES[0]) < SHORT_FILL


def _context(offer: Offer, codes: list[QrCode], fonts: dict[str, Path], qr_images: dict[str, str],
             images: dict[str, str | None], sections: list[Section]) -> dict[str, Any]:
    organisation = offer.organisation.organisation
    s = strings(offer.language)
    listed = short_offer(offer, sections, codes)
    return {
        "offer": offer,
        "s": strings(offer.language),
        "lang": offer.language,
        "codes": {code.link_id: code for code in codes},
        "qr_images": qr_images,
        "images": images,
        "fonts": {name: path.resolve().as_uri() for name, path in fonts.items()},
        # every QR code of a brochure at one size: the largest any of them needs
        "qr_mm": max((code.print_width_mm for code in codes), default=0.0),
        "only_in": {link.id: s["language_only_" + link.language] for link in offer.contact.links
                    if link.language and link.language != offer.language and f"language_only_{link.language}" in s},
        "sections": sections,
        "listed": listed,  # its values and territories as designed lists
        # a short offer's back says again how to ask (the room is there; the reader of a
        # folded brochure meets the back before the inside) — unless the back already holds
        # the site's code: two more codes there would make it taller than its panel, and
        # the type of the whole brochure smaller
        "asking": _printed_requests(offer, sections) if listed and not any(
            code.link_id == HOME for code in codes) else [],
        "panels": FLOW_PANELS,
        "title": " — ".join(distinct(offer.organisation.hero.title, organisation.team or organisation.short_name)),
        "author": organisation.name,
        "date": None,
        "heading": lambda text, em, last_words=True: _heading_text(text, offer.language, last_words),  # measured
        "running_head": lambda title: typography(title, offer.language),  # (only a final layout has parts that open mid-section)
    }


_ENV = environment(TEMPLATES)  # the filters the site has too (templating.py)


def _heading_shown(text: str, language: str, last_words: bool) -> str:
    """A heading's text as printed: its typography, its last words together."""
    shown = typography(text, language)
    return last_words_together(shown, 0) if last_words else shown


def _lines_span(text: str, width: float | None = None) -> Markup:
    """A heading's lines (escaped, compounds unbroken), in a box `width` px wide if given."""
    style = Markup(f' style="max-width: {width}px"') if width else Markup("")
    return Markup('<span class="lines"') + style + Markup(">") + keep_compounds(text) + Markup("</span>")


def _heading_text(text: str, language: str, last_words: bool) -> Markup:
    """A heading's text as the layout breaks it (measured so)."""
    return _lines_span(_heading_shown(text, language, last_words))


def _mark(key: str, lift: bool) -> Markup:
    """A block's mark: its key (measured by layout.py), and whether white is shared out above it."""
    return Markup(f'data-block="{escape(key)}"' + (' data-lift="1"' if lift else ""))


_ENV.globals.update(mark=_mark, quote_text=quote_text,  # the brochure's own
                    ASKS_AT_MOST=ASKS_AT_MOST, LEAD_SECTION=LEAD_SECTION)


def _render(template: str, context: dict[str, Any]) -> str:
    return _ENV.get_template(template).render(**context)


def sparse_panels(plan: Plan, message_language: str | None = None) -> list[str]:
    """A line for each brochure whose content is too short to fill its panels (they are
    never empty, but a panel holding a line or two looks it)."""
    return list(sparse_panels_by_language(plan, message_language).values())


def sparse_panels_by_language(plan: Plan, message_language: str | None = None) -> dict[str, str]:
    """sparse_panels' lines by the brochure's language (a pipeline's report points at its
    files): a brochure whose text, at the largest type and gaps, still leaves a panel with
    an empty band taller than 25 mm says how much text is missing, and where."""
    ui = message_language or default_language()
    s = strings(ui)
    lines = {}
    for language, missing in plan.missing_mm.items():
        short = {panel: mm for panel, mm in missing.items() if plan.bands[language][panel] > BAND_MM}
        if not short:
            continue
        total = f"{sum(short.values()):.0f}"
        names = [s[f"brochure_{panel}"] for panel in FLOW_PANELS if panel in short]
        quoted = ", ".join(message(ui, "brochure_problems.sparse_name", name=name) for name in names)
        lines[language] = message(ui, "brochure_problems.sparse", language=language, total=total,
                                  panels=entry(ui, "brochure_problems.panel" if len(names) == 1
                                               else "brochure_problems.panels"),
                                  where=entry(ui, "brochure_problems.and").join(quoted.rsplit(", ", 1)),
                                  size=format_number(plan.size_of(language), ui))
    return lines




def plan_for(measurements: dict[str, Measurement], measure: Measure) -> Plan:
    """The joint plan of one offer's brochures, or BrochureOverflow saying what does not
    fit; `measure(sizes, title_sizes)` measures more sizes when the plan needs them."""
    try:
        return search_plan(measurements, measure)
    except NoFit as no_fit:
        raise overflow_from(no_fit, {language: m.label for language, m in measurements.items()}) from None
