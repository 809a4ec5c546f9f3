"""The fillable PDF of a request form: PDF/UA-1, each field named for screen readers.

WeasyPrint lays the form out and makes its HTML inputs PDF fields (`pdf_forms`),
tagged in the structure tree. What it cannot know is said here, after: each field's
spoken name (/TU) is its whole question — "Territoire : Pontiac" for a box to check,
not "Pontiac" alone — and a required question's field is flagged required. Choices
are boxes to check, one per choice (a PDF's radio buttons would be named by their
first choice only). Text from the content goes through Jinja's autoescape, then into
PDF strings by pydyf: a label is shown as typed, never read as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pydyf
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context

from ..compiled_templates import COMPILED
from ..content import Offer
from ..content.models import RequestForm
from ..strings import strings
from ..text import distinct, typography
from . import questions

_ENV = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True,
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, bytecode_cache=COMPILED)
_ENV.filters["typo"] = pass_context(lambda context, text: typography(text, context["lang"]))

PRINT_FLAG = 1 << 2  # an annotation's /F bit 3: printed as seen (ISO 32000-1 12.5.3)
REQUIRED_FLAG = 1 << 1  # a field's /Ff bit 2: the form cannot be submitted without it (ISO 32000-1 12.7.3.1)


def form_html(offer: Offer, form: RequestForm, fonts: dict[str, Path]) -> str:
    """The form as the HTML WeasyPrint lays out."""
    language = offer.language
    org = offer.organisation.organisation
    author = " — ".join(distinct(org.team, org.name))
    return _ENV.get_template("form.html.j2").render(
        form=form, questions=questions(form, offer), s=strings(language), lang=language, author=author,
        fonts={name: path.resolve().as_uri() for name, path in fonts.items()})


def spoken_names(offer: Offer, form: RequestForm) -> dict[str, tuple[str, bool]]:
    """Each PDF field's name (/T) → its spoken name (/TU) and whether it is required."""
    language = offer.language
    separator = strings(language)["label_separator"]
    names: dict[str, tuple[str, bool]] = {}
    for question in questions(form, offer):
        label = typography(question.label, language)
        if question.kind in ("choice", "choices"):
            for choice_id, text in question.choices:
                names[f"{question.name}--{choice_id}"] = (  # a box is never required: its question may be
                    typography(f"{question.label}{' ' if question.label.endswith(('?', ':')) else separator}{text}",
                               language), False)
        else:
            names[question.name] = (label, question.required)
    return names


def form_pdf(offer: Offer, form: RequestForm, fonts: dict[str, Path]) -> bytes:
    """The fillable PDF/UA-1 of one form in one language."""
    import weasyprint  # 0.3 s to import: only when a form is made

    html = form_html(offer, form, fonts)
    return weasyprint.HTML(string=html, base_url=str(Path(__file__).parent)).write_pdf(
        pdf_variant="pdf/ua-1", pdf_forms=True, finisher=name_fields(spoken_names(offer, form)))


def name_fields(names: dict[str, tuple[str, bool]]) -> Callable[[Any, Any], None]:
    """WeasyPrint's `finisher` (called with the document and the pydyf.PDF before it is
    written): each field gets its spoken name and its required flag, by its /T; a link
    is printed as it is shown."""

    def finish(document: Any, pdf: Any) -> None:
        for item in pdf.objects:
            if not isinstance(item, pydyf.Dictionary):
                continue
            if item.get("Subtype") == "/Link":
                item["F"] = int(item.get("F", 0)) | PRINT_FLAG
            name = item.get("T")
            if isinstance(name, pydyf.String) and name.string in names:
                spoken, required = names[name.string]
                item["TU"] = pydyf.String(spoken)
                if required:
                    item["Ff"] = int(item.get("Ff", 0)) | REQUIRED_FLAG

    return finish


def font_files(fonts_home: Path) -> dict[str, Path]:
    """The fonts a form is laid out with: the static faces made once per installation,
    subset to the characters French and English use (a person types into its fields)."""
    from ..fonts import prepared_fonts

    return {name: prepared.brochure for name, prepared in prepared_fonts(fonts_home).items()}


__all__ = ["form_html", "form_pdf", "font_files", "name_fields", "spoken_names", "write_form_pdfs"]


def write_form_pdfs(offers: dict[str, Offer], site_root: Path, fonts_home: Path, cache: Path | None) -> list[str]:
    """Every form's PDF in every language, under `site_root` (its downloads/ folder).

    Each is kept in the cache (the artifact "forms", see store.py: sealed like every
    entry) under the key of its HTML, its fields' names, the fonts and the tools'
    versions: a build that changed nothing in a form does not lay it out again."""
    from .. import store
    from . import form_pdf_path

    fonts = font_files(fonts_home)
    written = []
    for language, offer in offers.items():
        for form in offer.contact.forms:
            target = site_root / form_pdf_path(form, language)
            target.parent.mkdir(parents=True, exist_ok=True)
            name = store.entry_name("forms", _key(form_html(offer, form, fonts), spoken_names(offer, form), fonts),
                                    ".pdf")
            data = store.take(cache, name)
            if data is None:
                data = form_pdf(offer, form, fonts)
                if cache is not None:
                    store.keep(cache, name, data)
            target.write_bytes(data)
            written.append(form_pdf_path(form, language))
    return written


def _key(html: str, names: dict[str, tuple[str, bool]], fonts: dict[str, Path]) -> str:
    """The key of a form's PDF (the artifact "forms", see store.py)."""
    import importlib.metadata

    from ..store import ARTIFACTS, installed

    return ARTIFACTS["forms"].key(
        html=html, fields=repr(sorted(names.items())), fonts={name: installed(path) for name, path in fonts.items()},
        packages={package: importlib.metadata.version(package) for package in ("weasyprint", "pydyf")},
        generator=installed(Path(__file__)))
