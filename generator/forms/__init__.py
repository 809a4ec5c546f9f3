"""Request forms the team describes in contact.yaml (`forms:`), as every output shows them.

A form is a list of questions; a choice question takes its choices from the form
itself or from the content (its territories, audiences, services), so the form says
what the rest of the offer says. From one form the build makes, per language, a page
of the site whose small script prepares the request as an e-mail to the team (nothing
leaves the browser but through the person's own mail program), and a PDF to fill in
(pdf.py). Both are named here, once, so the site, the QR codes and the kit agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content import Offer
from ..content.models import RequestForm
from ..strings import strings

FOLDER = "downloads"


@dataclass(frozen=True)
class Question:
    """One question, its choices found: what the page and the PDF show."""

    name: str  # the HTML name and id, unique in the page: "<form id>-<field id>"
    label: str
    help: str | None
    kind: str  # text, long_text, email, phone, choice, choices
    required: bool
    choices: tuple[tuple[str, str], ...]  # (id, text)


def form_key(form: RequestForm) -> str:
    """The form page's key among the site's pages, the same in both languages."""
    return f"form/{form.id}"


def form_path(form: RequestForm, language: str) -> str:
    """The form page's path from its language's root: "formulaires/demande", "forms/request"."""
    return f"{strings(language)['slug_forms']}/{form.slug or form.id}"


def form_pdf_path(form: RequestForm, language: str) -> str:
    """The fillable PDF, from the site's root: "downloads/formulaire-fr-demande.pdf"."""
    return f"{FOLDER}/{strings(language)['form_pdf_stem']}-{language}-{form.id}.pdf"


def questions(form: RequestForm, offer: Offer) -> list[Question]:
    """The form's questions with their choices, from the form or from the content."""
    found = []
    for field in form.fields:
        choices: tuple[tuple[str, str], ...] = tuple((item.id, item.text) for item in field.choices)
        if field.choices_from == "services":
            choices = tuple((service.id, service.title) for service in offer.services.services)
        elif field.choices_from:
            choices = tuple((item.id, item.text) for item in getattr(offer.practice, field.choices_from))
        found.append(Question(f"{form.id}-{field.id}", field.label, field.help, field.kind, field.required, choices))
    return found
