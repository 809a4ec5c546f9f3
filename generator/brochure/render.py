"""Render one brochure: a US-letter landscape tri-fold, two sheets, with WeasyPrint.

The layout lives in `templates/brochure.css` (page size, panels, bleed, crop marks);
this module only decides which content section goes on which panel, then checks the
result. Sections flow in reading order — inside flap, then the three inside panels —
each kept whole on one panel; the cover and the back (how to ask, QR codes, contacts)
have fixed contents. Their heights are measured by WeasyPrint itself, and after the
final layout every panel is checked: text past a panel's edge is an error that names
the brochure, the panel and the section, never a silent overflow.
"""

from __future__ import annotations

import base64
import importlib
import io
import itertools
import os
import re
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from ..compiled_templates import COMPILED
from ..content import Offer
from ..content.limits import MAX_BROCHURE_CHARACTERS
from ..qr import QrCode
from ..strings import message_language as default_language, strings
from ..text import display_url, format_phone, tel_uri, to_uri, typography

TEMPLATES = Path(__file__).parent / "templates"
PX_PER_MM = 96 / 25.4
TOLERANCE_PX = 0.5

FLOW_PANELS = ("flap", "inside_1", "inside_2", "inside_3")
FIXED_PANELS = ("back", "cover")
VARIANTS = ("print", "office")
PDF_VARIANT, PDF_VERSION = "pdf/ua-1", "1.7"


@dataclass(frozen=True)
class Section:
    """A block of the brochure that is never split: a service, the values, the team…"""

    key: str  # "service-psoc", "values"
    title: str
    where: str  # the content file and line it comes from


@dataclass(frozen=True)
class Overflow:
    """Something that does not fit, with what is needed to fix it."""

    brochure: str  # the PDF's file name
    panel: str
    section: Section | None
    excess_mm: float | None
    kind: str  # "too_tall" (one section taller than a panel), "no_room" (panels used up), "overflow",
    #            "too_much_text" (far more text than four panels hold: refused before layout)
    characters: int = 0  # too_much_text: the brochure's text, and its longest sections
    longest: tuple[tuple[Section, int], ...] = ()


class BrochureOverflow(Exception):
    """The content does not fit a brochure; each message says where and by how much."""

    def __init__(self, overflows: list[Overflow]) -> None:
        self.overflows = overflows
        super().__init__("\n".join(self.messages()))

    def __reduce__(self):  # picklable: brochures are made in worker processes
        return (BrochureOverflow, (self.overflows,))

    def messages(self, message_language: str | None = None) -> list[str]:
        ui = message_language or default_language()
        s = strings(ui)
        lines = []
        for overflow in self.overflows:
            panel = s[f"brochure_{overflow.panel}"]
            section = overflow.section
            name = "" if section is None else f"« {section.title} »" if ui == "fr" else f'"{section.title}"'
            where = f" ({section.where})" if section and section.where else ""
            excess = f"{overflow.excess_mm:.0f}" if overflow.excess_mm is not None else "?"
            if overflow.kind == "too_much_text":
                text = _too_much_text_message(overflow, ui)
            elif ui == "fr":
                text = {
                    "too_tall": f"panneau « {panel} » : la section {name}{where} est trop longue de {excess} mm pour un panneau — raccourcissez son texte",
                    "no_room": f"panneau « {panel} » : la section {name}{where} ne tient plus dans la brochure (il manque {excess} mm) — raccourcissez cette section ou une section qui la précède",
                    "overflow": f"panneau « {panel} » : la section {name}{where} dépasse le bord du panneau de {excess} mm — raccourcissez son texte",
                }[overflow.kind]
            else:
                text = {
                    "too_tall": f"{panel} panel: the section {name}{where} is {excess} mm too long for one panel — shorten its text",
                    "no_room": f"{panel} panel: the section {name}{where} no longer fits in the brochure ({excess} mm short) — shorten this section or one before it",
                    "overflow": f"{panel} panel: the section {name}{where} goes {excess} mm past the panel's edge — shorten its text",
                }[overflow.kind]
            lines.append(f"{overflow.brochure}: {text}")
        return lines


def _too_much_text_message(overflow: Overflow, ui: str) -> str:
    def number(value: int) -> str:
        return f"{value:,}".replace(",", "\u00a0" if ui == "fr" else ",")

    sections = ", ".join(
        (f"« {section.title} » ({section.where}, {number(size)} caractères)" if ui == "fr"
         else f'"{section.title}" ({section.where}, {number(size)} characters)')
        for section, size in overflow.longest)
    if ui == "fr":
        return (f"le texte de la brochure fait {number(overflow.characters)} caractères, or ses quatre panneaux "
                f"n'en tiennent pas plus de {number(MAX_BROCHURE_CHARACTERS)} — présentez des services sur le "
                f"site seulement (brochure: false) ou raccourcissez les plus longues sections : {sections}")
    return (f"the brochure's text is {number(overflow.characters)} characters long, and its four panels hold "
            f"no more than {number(MAX_BROCHURE_CHARACTERS)} — show services on the site only "
            f"(brochure: false) or shorten the longest sections: {sections}")


def section_characters(offer: Offer) -> dict[str, int]:
    """How many characters of text each flowing section holds (ids left out)."""
    o, p = offer.organisation, offer.practice
    parts: dict[str, object] = {
        "introduction": o.introduction, "team": o.team, "values": p.values, "territories": p.territories,
        "audiences": p.audiences, "areas_of_action": p.areas_of_action, "roles_actions": [p.roles, p.actions],
        "examples": p.examples,
    }
    parts.update({f"service-{service.id}": service for service in offer.services.services})
    return {section.key: _characters(parts.get(section.key)) for section in flowing_sections(offer)}


def _characters(value: object) -> int:
    if isinstance(value, str):
        return len(value)
    if hasattr(value, "model_dump"):
        value = value.model_dump(exclude={"id"})
    if isinstance(value, dict):
        return sum(_characters(item) for key, item in value.items() if key != "id")
    if isinstance(value, (list, tuple)):
        return sum(_characters(item) for item in value)
    return 0


def too_much_text(offer: Offer, label: str) -> Overflow | None:
    """An Overflow when the brochure's text could never fit, found without laying it out:
    a hopeless content is told at once, not after minutes of layout."""
    sizes = section_characters(offer)
    total = sum(sizes.values())
    if total <= MAX_BROCHURE_CHARACTERS:
        return None
    by_key = {section.key: section for section in flowing_sections(offer)}
    longest = sorted(sizes.items(), key=lambda item: -item[1])[:3]
    return Overflow(label, "inside_3", None, None, "too_much_text", characters=total,
                    longest=tuple((by_key[key], size) for key, size in longest))


def flowing_sections(offer: Offer) -> list[Section]:
    """The sections that flow through the flap and the inside panels, in reading order."""
    s = strings(offer.language)
    o = offer.organisation
    p = offer.practice
    found: list[Section] = []
    if o.introduction:
        found.append(Section("introduction", o.introduction.title or o.hero.title, offer.where("organisation.yaml", "introduction")))
    if o.team and (o.team.paragraphs or o.team.members):
        found.append(Section("team", o.team.title or s["team"], offer.where("organisation.yaml", "team")))
    for key, title in (("values", s["our_values"]), ("territories", s["territories"]), ("audiences", s["audiences"])):
        if getattr(p, key):
            found.append(Section(key, title, offer.where("practice.yaml", key)))
    if p.areas_of_action:
        found.append(Section("areas_of_action", s["areas_of_action"], offer.where("practice.yaml", "areas_of_action")))
    if p.roles or p.actions:
        found.append(Section("roles_actions", s["roles_and_actions"], offer.where("practice.yaml", "roles" if p.roles else "actions")))
    if p.examples:
        found.append(Section("examples", s["examples"], offer.where("practice.yaml", "examples")))
    for service in offer.services.services:
        if not service.brochure:
            continue
        found.append(Section(f"service-{service.id}", service.title, offer.where("services.yaml", "services", service.id)))
    return found


def fixed_sections(offer: Offer) -> list[Section]:
    """The sections whose panel never changes: how to ask and contacts (back), cover."""
    s = strings(offer.language)
    return [
        Section("how_to_ask", s["how_to_ask"], offer.where("services.yaml", "services")),
        Section("contacts", offer.contact.title, offer.where("contact.yaml", "contacts")),
        Section("cover", offer.organisation.hero.title, offer.where("organisation.yaml", "hero")),
    ]


def render_brochures(offer: Offer, codes: list[QrCode], fonts: dict[str, Path], qr_images: dict[str, str],
                     names: dict[str, str]) -> dict[str, bytes]:
    """The PDF bytes of each variant ("print", "office") of one language. `qr_images`:
    each code's SVG, by link id; `names` (variant → file name) only serves to name the
    brochure in messages.

    The sections are measured and placed, then the brochure is laid out once, with
    its bleed and crop marks, checked, and painted once. The print variant is written
    as painted; then the same PDF, its pages cut to the trim size, is written again as
    the office variant, so both always show the same thing.
    Raises BrochureOverflow when the content does not fit.
    """
    load_weasyprint()  # only when a brochure is really made: it is slow to import
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    try:
        stylesheet = CSS(filename=str(TEMPLATES / "brochure.css"), font_config=font_config)
        return _lay_out_and_write(offer, codes, fonts, qr_images, names, font_config, stylesheet)
    finally:
        # WeasyPrint copies the @font-face fonts into a temporary folder that only its
        # finalizer removes, and a worker process ends without running finalizers:
        # without this, every brochure would leave ~400 KB in /tmp.
        font_config.__del__()


def _lay_out_and_write(offer: Offer, codes: list[QrCode], fonts: dict[str, Path], qr_images: dict[str, str],
                       names: dict[str, str], font_config: Any, stylesheet: Any) -> dict[str, bytes]:
    sections = flowing_sections(offer)
    label = " / ".join(names.values())
    context = _context(offer, codes, fonts, qr_images, sections)
    measured = _layout(_render("measure.html.j2", context), font_config, stylesheet)
    placement, problem = _place(sections, _section_heights(measured), _panel_capacity(measured))
    if problem is not None:
        raise BrochureOverflow([Overflow(label, *problem)])

    document = _layout(_render("brochure.html.j2", {**context, "placement": placement}), font_config, stylesheet)
    known = {section.key: section for section in sections + fixed_sections(offer)}
    overflows = [Overflow(label, *details) for details in _check(document, known)]
    if len(document.pages) != 2:
        overflows.append(Overflow(label, "back", None, None, "overflow"))
    if overflows:
        raise BrochureOverflow(overflows)
    printed: list[bytes] = []
    office = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_version=PDF_VERSION,
                                finisher=lambda _, pdf: printed.append(_write_then_cut_to_trim(pdf)))
    return {"print": printed[0], "office": office}


def load_weasyprint() -> None:
    """Import WeasyPrint without running the C compiler some sixty times.

    WeasyPrint opens each of its C libraries by trying the names it has on every
    system ("libgobject-2.0-0" on Windows … "libgobject-2.0.so.0" on Linux), and for
    each name that is not a file, ctypes.util.find_library runs ldconfig, gcc and ld
    (Kozea/WeasyPrint#1125): a third of the import. On Linux the names with ".so." open
    directly, the same libraries, so during the import that search is skipped; should
    the import then fail, it is done again the usual way.
    """
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        importlib.import_module("weasyprint")
        return
    import ctypes.util

    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        importlib.import_module("weasyprint")
    except OSError:  # a library only the search finds: import again, searching
        ctypes.util.find_library = search
        importlib.import_module("weasyprint")
    finally:
        ctypes.util.find_library = search


# --- rendering --------------------------------------------------------------------------


def _context(offer: Offer, codes: list[QrCode], fonts: dict[str, Path], qr_images: dict[str, str],
             sections: list[Section]) -> dict[str, Any]:
    organisation = offer.organisation.organisation
    return {
        "offer": offer,
        "s": strings(offer.language),
        "lang": offer.language,
        "codes": {code.link_id: code for code in codes},
        "qr_images": qr_images,
        "fonts": {name: path.resolve().as_uri() for name, path in fonts.items()},
        "sections": sections,
        "title": f"{offer.organisation.hero.title} — {organisation.team or organisation.short_name}",
        "author": organisation.name,
        "date": _build_date(),
    }


def _build_date() -> str | None:
    """Reproducible builds: a date only when SOURCE_DATE_EPOCH fixes it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@pass_context
def _typo(context: Any, text: str) -> str:
    return typography(text, context["lang"])


@pass_context
def _phone(context: Any, contact: Any) -> str:
    return format_phone(contact.phone, contact.extension, context["lang"])


def _data_uri(svg_text: str) -> str:
    """An SVG as an address: the brochure needs no file written by another stage."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg_text.encode("utf-8")).decode("ascii")


def _wbr(text: str) -> Markup:
    """Let a long address break after its / . @ - rather than anywhere."""
    return Markup(re.sub(r"([/.@-])", r"\1<wbr>", str(escape(text))))


_ENV = Environment(
    loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True,
    undefined=StrictUndefined, bytecode_cache=COMPILED,
)
_ENV.filters.update(
    typo=_typo, phone=_phone, tel=lambda c: tel_uri(c.phone, c.extension), uri=to_uri,
    display_url=display_url, wbr=_wbr, data_uri=_data_uri,
)


def _render(template: str, context: dict[str, Any]) -> str:
    return _ENV.get_template(template).render(**context)


def _write_then_cut_to_trim(pdf: Any) -> bytes:
    """The print PDF's bytes; then the same PDF (a pydyf.PDF, painted once) is left
    with its pages cut to the trim box, for WeasyPrint to write as the office PDF: the
    bleed and crop marks stay in the drawing, outside the page, unseen.

    pydyf's `write` only appends its trailer objects (info, object and xref streams)
    and moves its position: both are put back so the second writing starts afresh.
    """
    count = len(pdf.objects)
    output = io.BytesIO()
    pdf.write(output, PDF_VERSION.encode(), False, True)  # as WeasyPrint writes it
    del pdf.objects[count:]
    pdf.current_position = 0
    for number in pdf.pages["Kids"][::3]:
        page = pdf.objects[number]
        page["MediaBox"] = page["BleedBox"] = page["TrimBox"]
    return output.getvalue()


def _layout(html: str, font_config: Any, stylesheet: Any) -> Any:
    from weasyprint import HTML

    return HTML(string=html, base_url=str(TEMPLATES)).render(stylesheets=[stylesheet], font_config=font_config)


# --- placing and checking ---------------------------------------------------------------------


def _boxes(box: Any, section: str | None = None, panel: str | None = None):
    """Every laid-out box with the section and panel it belongs to."""
    element = getattr(box, "element", None)
    if element is not None and getattr(box, "element_tag", None):
        section = element.get("data-section", section)
        panel = element.get("data-panel", panel)
    yield box, section, panel
    for child in getattr(box, "children", []):
        yield from _boxes(child, section, panel)


def _section_heights(document: Any) -> dict[str, float]:
    heights: dict[str, float] = {}
    for page in document.pages:
        for box, _, _ in _boxes(page._page_box):
            element = getattr(box, "element", None)
            key = element.get("data-section") if element is not None else None
            if key and getattr(box, "element_tag", None) == "section":
                heights[key] = heights.get(key, 0) + box.margin_height()
    return heights


def _panel_capacity(document: Any) -> float:
    """Height available for sections in a flowing panel, read from the measuring layout."""
    for page in document.pages:
        for box, _, _ in _boxes(page._page_box):
            element = getattr(box, "element", None)
            if element is not None and element.get("data-capacity") is not None:
                return box.height
    raise RuntimeError("measure template has no element with data-capacity")


def _place(sections: list[Section], heights: dict[str, float], capacity: float
           ) -> tuple[dict[str, list[str]], tuple | None]:
    """Share the sections out over the flowing panels, in order and each whole.

    Of all the ways to cut the sequence into four runs, take the one whose fullest panel
    is the least full: a balanced brochure, not three full panels and an empty one.
    """
    size = [heights.get(section.key, 0.0) for section in sections]
    best: tuple[float, tuple[int, ...]] | None = None
    for cuts in itertools.combinations_with_replacement(range(len(sections) + 1), len(FLOW_PANELS) - 1):
        bounds = (0, *cuts, len(sections))
        fullest = max(sum(size[a:b]) for a, b in zip(bounds, bounds[1:]))
        if best is None or fullest < best[0] - TOLERANCE_PX:
            best = (fullest, bounds)
    assert best is not None
    if best[0] <= capacity + TOLERANCE_PX:
        bounds = best[1]
        return {
            panel: [section.key for section in sections[a:b]]
            for panel, a, b in zip(FLOW_PANELS, bounds, bounds[1:])
        }, None
    return {}, _first_overflow(sections, size, capacity)


def _first_overflow(sections: list[Section], size: list[float], capacity: float) -> tuple:
    """(panel, section, excess mm, kind) of the first section that cannot fit."""
    """Fill panels one after the other to tell the first section that cannot fit."""
    index, used = 0, 0.0
    for position, (section, height) in enumerate(zip(sections, size)):
        if used > 0 and used + height > capacity + TOLERANCE_PX:
            index, used = index + 1, 0.0
        if index >= len(FLOW_PANELS):
            return FLOW_PANELS[-1], section, sum(size[position:]) / PX_PER_MM, "no_room"
        if height > capacity + TOLERANCE_PX:
            return FLOW_PANELS[index], section, (height - capacity) / PX_PER_MM, "too_tall"
        used += height
    raise AssertionError("no overflow to report")


def _check(document: Any, sections: dict[str, Section]) -> list[tuple]:
    """After the final layout: anything drawn past its panel's content box is an overflow,
    as (panel, section, excess mm, kind)."""
    overflows: dict[tuple[str, str | None], float] = {}
    for page in document.pages:
        panels: dict[str, tuple[float, float, float, float]] = {}
        for box, _, _ in _boxes(page._page_box):
            element = getattr(box, "element", None)
            if element is not None and element.get("data-panel") and getattr(box, "element_tag", None) == "div" \
                    and element.get("data-panel") not in panels:
                x, y = box.content_box_x(), box.content_box_y()
                panels[element.get("data-panel")] = (x, y, x + box.width, y + box.height)
        for box, section, panel in _boxes(page._page_box):
            if panel is None or panel not in panels or type(box).__name__ not in ("TextBox", "InlineReplacedBox", "BlockReplacedBox"):
                continue
            left, top, right, bottom = panels[panel]
            box_right = box.position_x + box.margin_width()
            box_bottom = box.position_y + box.margin_height()
            excess = max(box_bottom - bottom, box_right - right, left - box.position_x, top - box.position_y)
            if excess > TOLERANCE_PX:
                key = (panel, section)
                overflows[key] = max(overflows.get(key, 0.0), excess)
    return [
        (panel, sections.get(section) if section else None, excess / PX_PER_MM, "overflow")
        for (panel, section), excess in overflows.items()
    ]
