"""Turn one language's `Offer` into the Markdown pages MkDocs builds.

Pages are real Markdown files (mkdocs-static-i18n ignores virtual ones), with the
same path in both languages (`services/psoc.fr.md`, `services/psoc.en.md`) so the
language switch always has a twin to go to. Text from the content is escaped:
it is shown as typed, never interpreted as HTML or Markdown.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Sequence
from typing import Any

from markupsafe import escape

from ..content import Offer
from ..downloads import Download
from ..forms import form_key, form_pdf_path, questions
from ..strings import strings
from ..text import typography
from ..templating import environment
from .addresses import HOME, Addresses, language_root

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Page:
    """One page of one language: where it goes and what it says."""

    key: str  # the same in both languages: "home", "about", "service/psoc"
    path: str  # without language suffix or extension: "index", "services/psoc", "about"
    title: str
    markdown: str

    def filename(self, language: str) -> str:
        return f"{self.path}.{language}.md"


def render_pages(offer: Offer, addresses: Addresses, downloads: Sequence[Download] = ()) -> list[Page]:
    """Every page of the site for `offer.language`, home page first."""
    plan: list[tuple[str, str, str, dict[str, Any]]] = []
    s = strings(offer.language)
    plan.append((HOME, offer.organisation.hero.title, "home.md.j2", {}))
    for service in offer.services.services:
        plan.append((f"service/{service.id}", service.title, "service.md.j2", {"service": service}))
    if has_about_page(offer):
        plan.append(("about", s["about_title"], "about.md.j2", {}))
    plan.append(("contact", offer.contact.title, "contact.md.j2", {}))
    for form in offer.contact.forms:  # each request form: its page, linked to its PDF
        plan.append((form_key(form), form.title, "form.md.j2",
                     {"form": form, "questions": questions(form, offer), "pdf": form_pdf_path(form, offer.language)}))
    if downloads:
        plan.append(("downloads", s["downloads_title"], "downloads.md.j2", {"downloads": list(downloads)}))
        plan.append(("kit", s["kit_title"], "kit.md.j2", {"downloads": list(downloads)}))
    return [
        Page(key, addresses.path(key, offer.language), title, _render(offer, addresses, template, key, title, extra))
        for key, title, template, extra in plan
    ]


def has_about_page(offer: Offer) -> bool:
    practice = offer.practice
    team = offer.organisation.team
    return bool(
        (team and (team.paragraphs or team.members))
        or practice.values or practice.territories or practice.audiences
        or practice.areas_of_action or practice.roles or practice.actions or practice.examples
    )


FLAT_MENU = 8  # up to this many services are listed at the menu's first level


def nav(offer: Offer, addresses: Addresses) -> list[Any]:
    """MkDocs navigation of one language: titles come from the content and the strings."""
    s = strings(offer.language)
    language = offer.language

    def file(key: str) -> str:
        return addresses.path(key, language) + ".md"

    entries: list[Any] = [{s["nav_home"]: file(HOME)}]
    services = [{_nav_title(service.title, language): file(f"service/{service.id}")}
                for service in offer.services.services]
    if len(services) <= FLAT_MENU:  # a few services: in the menu itself, no level to open on a phone
        entries += services
    else:
        entries.append({s["nav_services"]: services})
    if "about" in addresses.paths:
        entries.append({s["nav_about"]: file("about")})
    entries.append({s["nav_contact"]: file("contact")})
    if "downloads" in addresses.paths:
        entries.append({s["downloads_title"]: file("downloads")})
    return entries


def _nav_title(title: str, language: str) -> str:
    """A page's title for MkDocs, as plain text: hooks.py escapes it as it enters the theme."""
    return typography(title, language)


def _render(offer: Offer, addresses: Addresses, template: str, key: str, title: str, extra: dict[str, Any]) -> str:
    language = offer.language
    here = addresses.url(key, language)
    description = _description(offer, extra)

    def url_for(target: str) -> str:
        """A link from this page to the page `target` ("contact", "service/psoc"), relative."""
        return addresses.relative(target, language, key)

    def file_url(target: str) -> str:
        """A link from this page to a file at the site's root ("downloads/brochure-fr-office.pdf")."""
        return posixpath.relpath("/" + target, "/" + language_root(language, addresses.languages) + here)

    body = _ENV.get_template(template).render(
        offer=offer, s=strings(language), lang=language, url_for=url_for, file_url=file_url, **extra
    )
    front_matter = {
        "title": _nav_title(title, language),
        "description": description,
        "paths": addresses.twins(key),
    }
    if offer.draft:  # `offre build --draft`: said at the top of every page (docs/assets/stylesheets/offre.css)
        body = f'<p class="offre-draft" role="note">{escape(strings(language)["draft_mark"])}</p>\n\n' + body
    header = "---\n" + "".join(f"{name}: {json.dumps(value, ensure_ascii=False)}\n"
                                for name, value in front_matter.items()) + "---\n\n"
    return header + body.strip() + "\n"


def _description(offer: Offer, extra: dict[str, Any]) -> str:
    if "service" in extra:
        text = extra["service"].summary
    elif "form" in extra:
        text = extra["form"].intro or extra["form"].title
    else:
        text = offer.organisation.site.description or offer.organisation.hero.subtitle or offer.organisation.hero.title
    return typography(text, offer.language)


_ENV = environment(TEMPLATES, keep_trailing_newline=True)  # the shared filters (templating.py)
_ENV.globals.update(form_pdf_path=form_pdf_path)  # the site's own: where a form's printable PDF is
