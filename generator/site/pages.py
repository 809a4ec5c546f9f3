"""Turn one language's `Offer` into the Markdown pages MkDocs builds.

Pages are real Markdown files (mkdocs-static-i18n ignores virtual ones), with the
same path in both languages (`services/psoc.fr.md`, `services/psoc.en.md`) so the
language switch always has a twin to go to. Text from the content is escaped:
it is shown as typed, never interpreted as HTML or Markdown.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

import idna
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from ..compiled_templates import COMPILED
from ..content import Offer
from ..downloads import Download
from ..forms import form_key, form_pdf_path, questions
from ..strings import strings
from ..text import display_url, distinct, format_phone, tel_uri, to_uri, typography
from ..reach import contact_means, request_means, shown_contacts, ways_to_ask
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


# --- filters ---------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#!|])")


@pass_context
def _typo(context: Any, text: str, language: str | None = None) -> str:
    """The page's language's typography, or `language`'s for a passage in the other one."""
    return typography(text, language or context["lang"])


@pass_context
def _md(context: Any, text: str) -> Markup:
    """Text for a Markdown heading: typography, Markdown syntax neutralised, then HTML
    escaped (in that order: escaping makes entities such as &#39;, whose # must stay)."""
    return escape(_MARKDOWN_SPECIAL.sub(r"\\\1", typography(text, context["lang"])))


@pass_context
def _phone(context: Any, contact: Any) -> str:
    return format_phone(contact.phone, contact.extension, context["lang"])


def domain(url: str) -> str:
    """The site an address leads to, as people read it (Unicode, no "www.")."""
    host = urlsplit(url).hostname or ""
    try:
        host = idna.decode(host)
    except idna.IDNAError:
        pass
    return host.removeprefix("www.")


def breakable(address: str) -> Markup:
    """An e-mail or web address that may wrap only after "@", "." or "/", never mid-word,
    so a reader copying it from a phone's screen reads it whole."""
    return Markup("").join(
        Markup(escape(part)) + (Markup("<wbr>") if part and part[-1] in "@./" else Markup(""))
        for part in re.split(r"(?<=[@./])", address)
    )


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        bytecode_cache=COMPILED,
    )
    env.filters.update(
        typo=_typo,
        md=_md,
        phone=_phone,
        contact_means=contact_means,
        request_means=request_means,
        tel=lambda contact: tel_uri(contact.phone, contact.extension),
        uri=to_uri,
        display_url=display_url,
        domain=domain,
        breakable=breakable,
    )
    env.globals.update(distinct=distinct, shown_contacts=shown_contacts, strings_for=strings, ways_to_ask=ways_to_ask,
                       form_pdf_path=form_pdf_path)
    return env


_ENV = _environment()
