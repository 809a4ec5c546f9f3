"""The content model: what a service offer is made of, for one language.

One schema holds every team's offer: sections a brochure does not have are simply
left empty. Every item carries an `id` that is the same in French and in English, so
the two languages can be checked against each other and pages keep the same address.
Each field's description becomes the help an editor shows on hover (JSON Schema).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import idna
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from .limits import MAX_EMAIL, MAX_ID, MAX_ITEMS, MAX_TEXT, MAX_TITLE, MAX_URL
from .media import check_path


class ContentRule(ValueError):
    """A rule of the content model broken by a value: a message code and its details
    (see problems.py), carried through pydantic to the loader."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(code)


ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=MAX_ID),
    Field(
        description=(
            "Identifiant stable, identique en français et en anglais : lettres minuscules "
            f"sans accents, chiffres et traits d'union, {MAX_ID} caractères au plus "
            "(ex. : organisation-communautaire)."
        )
    ),
]


def _clean_text(value: str) -> str:
    """Fold the line breaks a YAML block leaves so a paragraph is one line of text."""
    value = " ".join(value.split())
    if not value:
        raise ContentRule("empty_text")
    return value


Text = Annotated[str, StringConstraints(max_length=MAX_TEXT), AfterValidator(_clean_text)]
"""A paragraph, a summary, a list item."""

Title = Annotated[str, StringConstraints(max_length=MAX_TITLE), AfterValidator(_clean_text)]
"""A name, a title, a label: one line."""

ALLOWED_SCHEMES = ("https", "http", "mailto", "tel")
# Never in an address: spaces, quotes, markup, and what RFC 3986 never allows unencoded.
_NOT_IN_ADDRESS = re.compile(r"""[\s"'<>`{}|\\^]""")


def _check_host(host: str | None, value: str) -> None:
    """A host name with a dot, made of valid labels, IDN included (bücher.example)."""
    if not host or "." not in host.strip(".") or host.startswith(".") or ".." in host:
        raise ContentRule("bad_url", value=value)
    try:
        idna.encode(host, uts46=True)
    except idna.IDNAError:
        raise ContentRule("bad_host", value=value, host=host) from None


def check_url(value: str) -> str:
    """An absolute address people can follow: https, http, mailto or tel, nothing else.

    Refused: other schemes (javascript:, data:), spaces, quotes and markup, addresses
    with a user name or password (printed under a QR code for all to read), hosts that
    are not valid names.
    """
    value = value.strip()
    bad = _NOT_IN_ADDRESS.search(value)
    if bad:
        raise ContentRule("bad_url_character", value=value, character=bad.group() if bad.group() != " " else "espace / space")
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", value)
    scheme = match.group(1).lower() if match else ""
    if scheme not in ALLOWED_SCHEMES:
        raise ContentRule("bad_url", value=value)
    if scheme in ("http", "https"):
        parts = urlsplit(value)
        if not value.lower().startswith(scheme + "://"):
            raise ContentRule("bad_url", value=value)
        if parts.username is not None or parts.password is not None or "@" in parts.netloc:
            raise ContentRule("url_credentials", value=value)
        try:
            parts.port  # noqa: B018 (raises ValueError when out of range)
        except ValueError:
            raise ContentRule("bad_url", value=value) from None
        _check_host(parts.hostname, value)
    elif scheme == "mailto":
        address = value[len("mailto:"):].split("?", 1)[0]
        if not _EMAIL.match(address):
            raise ContentRule("bad_url", value=value)
    elif scheme == "tel" and not re.fullmatch(r"tel:\+?[0-9][0-9().-]*(,[0-9]+)?", value):
        raise ContentRule("bad_url", value=value)
    return value


Url = Annotated[str, StringConstraints(max_length=MAX_URL), AfterValidator(check_url)]


def _check_public_url(value: str) -> str:
    """The site's own address: https or http, a host, maybe a folder; no query, no fragment."""
    value = check_url(value)
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or parts.query or parts.fragment or value.endswith(("?", "#")):
        raise ContentRule("bad_public_url", value=value)
    return value


PublicUrl = Annotated[str, StringConstraints(max_length=MAX_URL), AfterValidator(_check_public_url)]

_EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def _check_email(value: str) -> str:
    value = value.strip()
    if not _EMAIL.match(value) or ".." in value:
        raise ContentRule("bad_email", value=value)
    return value


Email = Annotated[str, StringConstraints(max_length=MAX_EMAIL), AfterValidator(_check_email)]


def _check_phone(value: str | int) -> str:
    """Accept what people type (450 433-2777, (450) 433-2777, 1-450-...) and keep the 10 digits.

    Digits are ASCII only: "٤٥٠" is a digit to Python, not to a phone.
    """
    text = str(value)
    digits = re.sub(r"[^0-9]", "", text)
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if re.sub(r"[0-9 \u00a0\u202f().+-]", "", text) or not re.fullmatch(r"[2-9][0-9]{2}[2-9][0-9]{6}", digits):
        raise ContentRule("bad_phone", value=value)
    return digits


Phone = Annotated[str | int, AfterValidator(_check_phone)]


def _check_extension(value: str | int) -> str:
    text = str(value).strip()
    if not re.fullmatch(r"[0-9]{1,7}", text):
        raise ContentRule("bad_extension", value=value)
    return text


Extension = Annotated[str | int, AfterValidator(_check_extension)]


def _check_media(value: str) -> str:
    value = value.strip()
    problem = check_path(value)
    if problem is not None:
        raise ContentRule(problem, value=value)
    return value


MediaFile = Annotated[str, StringConstraints(max_length=200), AfterValidator(_check_media)]
"""A file of the content folder, named relative to it ("images/logo.svg")."""


class Strict(BaseModel):
    """Unknown keys are mistakes (usually a typo), never silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Item(Strict):
    id: Id
    text: Text = Field(description="Le texte affiché pour cet élément de liste.")


class ItemList(Strict):
    """A list with an optional heading and lead-in sentence ("Nous avons pour rôle de :")."""

    title: Title | None = Field(None, description="Titre de la liste (facultatif).")
    intro: Text | None = Field(
        None, description="Phrase d'introduction affichée avant la liste (facultative)."
    )
    items: list[Item] = Field(min_length=1, max_length=MAX_ITEMS, description="Les éléments de la liste, dans l'ordre d'affichage.")


# --- organisation.yaml ---------------------------------------------------------------


class Organisation(Strict):
    name: Title = Field(description="Nom complet de l'établissement.")
    short_name: Title = Field(description="Nom court (ex. : CISSS des Laurentides).")
    region: Title = Field(description="Région sociosanitaire servie.")
    direction: Title | None = Field(
        None, description="Direction dont relève l'équipe (ex. : Direction de santé publique)."
    )
    team: Title | None = Field(None, description="Nom de l'équipe qui publie l'offre de service.")
    team_short: Title | None = Field(None, description="Sigle de l'équipe (ex. : RCOC).")
    signature: MediaFile | None = Field(
        None,
        description=(
            "La signature de l'organisation (son logo), un fichier SVG ou PNG du dossier de contenu "
            "(ex. : images/signature.svg). Elle paraît sur la couverture et le dos de la brochure et "
            "dans l'en-tête du site."
        ),
    )


class SiteSettings(Strict):
    public_url: PublicUrl | None = Field(
        None,
        description=(
            "Adresse publique du site une fois publié (https://…). Facultative ; si elle est "
            "donnée, les codes QR imprimés passent par de courtes adresses du site."
        ),
    )
    description: Text | None = Field(
        None, description="Description courte du site pour les moteurs de recherche (facultative)."
    )


class CoverImage(Strict):
    file: MediaFile = Field(description="Une image JPEG ou PNG du dossier de contenu (ex. : images/couverture.jpg).")
    alt: Text = Field(description="Ce que l'image montre, pour qui ne la voit pas (texte de remplacement).")


class Hero(Strict):
    title: Title = Field(description="Grand titre de la page d'accueil et de la couverture.")
    subtitle: Title | None = Field(None, description="Sous-titre (facultatif).")
    tagline: Title | None = Field(None, description="Accroche ou slogan (facultatif).")
    image: CoverImage | None = Field(None, description="Image de la couverture de la brochure (facultative).")


class Introduction(Strict):
    title: Title | None = Field(None, description="Titre de l'introduction (facultatif).")
    paragraphs: list[Text] = Field(min_length=1, max_length=MAX_ITEMS, description="Paragraphes de l'introduction.")


class Team(Strict):
    title: Title | None = Field(None, description="Titre de la section sur l'équipe.")
    paragraphs: list[Text] = Field(default_factory=list, max_length=MAX_ITEMS, description="Paragraphes sur l'équipe.")
    members: list[Item] = Field(
        default_factory=list, max_length=MAX_ITEMS, description="Composition de l'équipe, un élément par ligne."
    )


class OrganisationFile(Strict):
    organisation: Organisation
    site: SiteSettings = Field(default_factory=SiteSettings)
    hero: Hero
    introduction: Introduction | None = None
    team: Team | None = None


# --- practice.yaml -------------------------------------------------------------------


class AreaOfAction(Strict):
    id: Id
    title: Title = Field(description="Nom du champ d'action.")
    purpose: Text = Field(description="But visé par ce champ d'action.")


class PracticeFile(Strict):
    values: list[Item] = Field(default_factory=list, max_length=MAX_ITEMS, description="Valeurs de l'équipe.")
    territories: list[Item] = Field(default_factory=list, max_length=MAX_ITEMS, description="Territoires desservis.")
    audiences: list[Item] = Field(
        default_factory=list, max_length=MAX_ITEMS, description="À qui s'adresse l'offre (pour qui ?)."
    )
    areas_of_action: list[AreaOfAction] = Field(
        default_factory=list, max_length=MAX_ITEMS, description="Champs d'action : un titre et un but pour chacun."
    )
    roles: list[Item] = Field(default_factory=list, max_length=MAX_ITEMS, description="Rôles professionnels.")
    actions: list[Item] = Field(
        default_factory=list, max_length=MAX_ITEMS, description="Actions (verbes) : analyser, mobiliser…"
    )
    examples: list[Item] = Field(default_factory=list, max_length=MAX_ITEMS, description="Exemples d'interventions.")


# --- services.yaml -------------------------------------------------------------------


class ServiceRequest(Strict):
    """How to ask for this service: a sentence, then the link, e-mail or both."""

    text: Text = Field(description="Phrase qui explique comment faire une demande.")
    link: Id | None = Field(
        None, description="Identifiant d'un lien de contact.yaml (ex. : demande-organisation)."
    )
    email: Email | None = Field(None, description="Adresse courriel où envoyer la demande.")
    note: Text | None = Field(
        None, description="Précision (ex. : chaque demande est évaluée et priorisée)."
    )


class Service(Strict):
    id: Id
    title: Title = Field(description="Nom du service.")
    summary: Text = Field(description="Résumé d'une phrase, affiché sur la carte du service.")
    description: list[Text] = Field(
        default_factory=list, max_length=MAX_ITEMS, description="Paragraphes qui décrivent le service."
    )
    roles: ItemList | None = Field(None, description="Les rôles de l'équipe dans ce service.")
    audiences: ItemList | None = Field(None, description="À qui ce service est offert.")
    request: ServiceRequest | None = Field(None, description="Comment demander ce service.")
    notes: list[Text] = Field(default_factory=list, max_length=MAX_ITEMS, description="Remarques sur le service.")
    brochure: bool = Field(
        True,
        description=(
            "Présenter ce service dans la brochure imprimée (true, par défaut) ou seulement "
            "sur le site (false), quand la brochure n'a plus de place."
        ),
    )


class ServicesFile(Strict):
    services: list[Service] = Field(
        min_length=1, max_length=MAX_ITEMS, description="Les services offerts, dans l'ordre d'affichage."
    )


# --- contact.yaml --------------------------------------------------------------------


class Link(Strict):
    id: Id
    label: Title = Field(description="Texte du lien, tel qu'il est affiché.")
    url: Url | None = Field(
        None,
        description=(
            "Adresse (https://…). Laisser vide si elle n'est pas connue : le libellé est alors "
            "affiché comme simple texte."
        ),
    )
    qr: bool = Field(False, description="Imprimer un code QR vers ce lien dans la brochure.")


class Contact(Strict):
    """One way to reach the team: a sentence and a phone number, an e-mail or a link."""

    id: Id
    text: Text | None = Field(
        None, description="Phrase qui présente ce moyen de joindre l'équipe (facultative)."
    )
    phone: Phone | None = Field(None, description="Numéro de téléphone (ex. : 450 433-2777).")
    extension: Extension | None = Field(None, description="Numéro de poste (ex. : 65139).")
    email: Email | None = Field(None, description="Adresse courriel.")
    link: Id | None = Field(None, description="Identifiant d'un lien de la liste links.")


class ContactFile(Strict):
    title: Title = Field(description="Titre de la section des coordonnées.")
    links: list[Link] = Field(default_factory=list, max_length=MAX_ITEMS, description="Liens utiles (page Web, formulaire…).")
    contacts: list[Contact] = Field(default_factory=list, max_length=MAX_ITEMS, description="Moyens de joindre l'équipe.")


# --- one language, whole -------------------------------------------------------------

FILES: dict[str, type[Strict]] = {
    "organisation.yaml": OrganisationFile,
    "practice.yaml": PracticeFile,
    "services.yaml": ServicesFile,
    "contact.yaml": ContactFile,
}


class Offer(BaseModel):
    """Everything one language says, after validation: what the renderers read."""

    model_config = ConfigDict(frozen=True)

    language: str
    organisation: OrganisationFile
    practice: PracticeFile
    services: ServicesFile
    contact: ContactFile
    media: dict[str, str] = Field(
        default_factory=dict,
        description="The image files the content names, checked: 'images/logo.svg' → its absolute path.",
    )
    locations: dict[str, str] = Field(
        default_factory=dict,
        description="Where each section and item was written: 'services.yaml/services/psoc' → 'content/fr/services.yaml:48'.",
    )

    def where(self, *keys: str) -> str:
        """The file and line of a section or item, for messages ('content/fr/services.yaml:48')."""
        return self.locations.get("/".join(keys), "")

    def media_file(self, relative: str | None) -> Path | None:
        """The checked file a content field names (None when it names none)."""
        return Path(self.media[relative]) if relative and relative in self.media else None

    def link(self, link_id: str) -> Link:
        return next(link for link in self.contact.links if link.id == link_id)
