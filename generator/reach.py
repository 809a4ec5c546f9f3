"""How to reach the team: a contact's or a request's means, as every output shows them.

The site and the brochure draw the same list — a phone to call, a toll-free number,
a TTY line, an e-mail, a postal address and its opening hours, a page or a form to
open — each with its label and its text in the page's language, and its address
(tel:, mailto:, https:). A link with no address is left out: nothing points nowhere.
A link to a page in one language only says so on the other language's pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from .content import Offer
from .content.models import Contact, Link, RequestForm, ServiceRequest
from .forms import form_key, form_path
from .strings import site_folder, strings
from .text import address_lines, format_hours, format_phone, format_toll_free, tel_uri, to_uri


@dataclass(frozen=True)
class Means:
    kind: str  # phone, toll_free, tty, email, address, hours, link, form
    label: str  # "Téléphone", "Sans frais"…
    lines: tuple[str, ...]  # what is shown: one line, or an address's or hours' lines
    href: str | None = None  # tel:…, mailto:…, https://…
    hreflang: str | None = None  # the target page's language, when it has only one
    note: str = ""  # "(en anglais seulement)"
    page: str | None = None  # a page of the site itself ("form/demande"): the site links to it relatively


    @property
    def text(self) -> str:
        return " ".join(self.lines)


def contact_means(contact: Contact, offer: Offer) -> list[Means]:
    """What a contact offers, in the order people use it: call, write, come, look up."""
    language = offer.language
    s = strings(language)
    found: list[Means] = []
    if contact.phone:
        found.append(Means("phone", s["phone"], (format_phone(contact.phone, contact.extension, language),),
                           tel_uri(contact.phone, contact.extension)))
    if contact.toll_free:
        found.append(Means("toll_free", s["toll_free"], (format_toll_free(contact.toll_free, language),),
                           tel_uri(contact.toll_free, None)))
    if contact.tty:
        found.append(Means("tty", s["tty"], (format_phone(contact.tty, None, language),), tel_uri(contact.tty, None)))
    if contact.email:
        found.append(Means("email", s["email"], (contact.email,), f"mailto:{contact.email}"))
    if contact.address:
        address = contact.address
        found.append(Means("address", s["address"], tuple(address_lines(address.street, address.city,
                                                                           address.province, address.postal_code,
                                                                           language))))
    if contact.hours:
        found.append(Means("hours", s["hours"], tuple(format_hours(h.first_day, h.last_day, h.opens, h.closes,
                                                                   language) for h in contact.hours)))
    link = offer.usable_link(contact.link)
    if link is not None:
        found.append(link_means("link", link, offer))
    return found


def shown_contacts(offer: Offer) -> list[tuple[Contact, list[Means]]]:
    """The contacts with at least one means to show, with their means: a contact whose
    only means was a link with no address is left out, like the link."""
    return [(contact, means) for contact in offer.contact.contacts if (means := contact_means(contact, offer))]


def request_code_link(request: ServiceRequest, codes: dict) -> str | None:
    """The request's link that has a QR code (its page first, else its form), if any.
    A request form of the content has its code under its own id (see qr.plan_codes):
    the code then leads to the form's page."""
    return next((link for link in (request.link, request.form) if link and link in codes), None)


def request_means(request: ServiceRequest, offer: Offer) -> list[Means]:
    """How to ask for a service: its page, its form, an e-mail, a phone."""
    language = offer.language
    s = strings(language)
    found: list[Means] = []
    for kind in ("link", "form"):
        form = offer.request_form(request.form) if kind == "form" else None
        if form is not None:
            found.append(form_means(form, offer))
            continue
        link = offer.usable_link(getattr(request, kind))
        if link is not None:
            found.append(link_means(kind, link, offer))
    if request.email:
        found.append(Means("email", s["email"], (request.email,), f"mailto:{request.email}"))
    if request.phone:
        found.append(Means("phone", s["phone"], (format_phone(request.phone, request.extension, language),),
                           tel_uri(request.phone, request.extension)))
    return found


def link_means(kind: str, link: Link, offer: Offer) -> Means:
    """A link with an address, its label as its text, marked when its page is in the other language."""
    s = strings(offer.language)
    other = link.language if link.language and link.language != offer.language else None
    return Means(kind, s["form"] if kind == "form" else s["web_page"], (link.label,), to_uri(link.url or ""),
                 hreflang=link.language, note=s[f"language_only_{other}"] if other else "")


def form_means(form: RequestForm, offer: Offer) -> Means:
    """A request form of the content: its page on the site. Paper needs an address to
    print and encode, which only the site's public address gives; without one the
    brochure names the form and the site links to its page."""
    public = offer.organisation.site.public_url
    href = None
    if public:
        href = to_uri(f"{public.rstrip('/')}/{site_folder(offer.language)}{form_path(form, offer.language)}/")
    return Means("form", strings(offer.language)["form"], (form.title,), href, page=form_key(form))


def ways_to_ask(offer: Offer) -> list[Means]:
    """The home page's first screen: the main request (the first page or form a service
    asks people to use), a number to call, an address to write to — each once, taken
    from the services' requests first, then from the team's contacts."""
    every = [means for service in offer.services.services if service.request
             for means in request_means(service.request, offer)]
    every += [means for _, found in shown_contacts(offer) for means in found]
    chosen = []
    for kinds in (("form", "link"), ("phone", "toll_free"), ("email",)):
        means = next((means for means in every if means.kind in kinds), None)
        if means is not None:
            chosen.append(means)
    return chosen
