"""The content model: what a service offer is made of, for one language.

One schema holds every team's offer: sections a brochure does not have are simply
left empty. Every item carries an `id` that is the same in French and in English, so
the two languages can be checked against each other and pages keep the same address.
Each field's description becomes the help an editor shows on hover (JSON Schema).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN),
    Field(
        description=(
            "Identifiant stable, identique en français et en anglais : lettres minuscules "
            "sans accents, chiffres et traits d'union (ex. : organisation-communautaire)."
        )
    ),
]


def _clean_text(value: str) -> str:
    """Fold the line breaks a YAML block leaves so a paragraph is one line of text."""
    value = " ".join(value.split())
    if not value:
        raise ValueError("empty_text")
    return value


Text = Annotated[str, AfterValidator(_clean_text)]

ALLOWED_SCHEMES = ("https", "http", "mailto", "tel")
_URL = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):(?P<rest>\S+)$")


def _check_url(value: str) -> str:
    value = value.strip()
    match = _URL.match(value)
    if not match or match["scheme"].lower() not in ALLOWED_SCHEMES:
        raise ValueError("bad_url")
    if match["scheme"].lower() in ("http", "https") and not re.match(
        r"^https?://[^/\s.]+(\.[^/\s.]+)+(/|$|\?|#)", value, re.IGNORECASE
    ):
        raise ValueError("bad_url")
    return value


Url = Annotated[str, AfterValidator(_check_url)]

_EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def _check_email(value: str) -> str:
    value = value.strip()
    if not _EMAIL.match(value) or ".." in value:
        raise ValueError("bad_email")
    return value


Email = Annotated[str, AfterValidator(_check_email)]


def _check_phone(value: str | int) -> str:
    """Accept what people type (450 433-2777, (450) 433-2777, 1-450-...) and keep the 10 digits."""
    digits = re.sub(r"\D", "", str(value))
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if re.sub(r"[\d\s().+-]", "", str(value)) or not re.fullmatch(r"[2-9]\d{2}[2-9]\d{6}", digits):
        raise ValueError("bad_phone")
    return digits


Phone = Annotated[str | int, AfterValidator(_check_phone)]


def _check_extension(value: str | int) -> str:
    text = str(value).strip()
    if not re.fullmatch(r"\d{1,7}", text):
        raise ValueError("bad_extension")
    return text


Extension = Annotated[str | int, AfterValidator(_check_extension)]


class Strict(BaseModel):
    """Unknown keys are mistakes (usually a typo), never silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Item(Strict):
    id: Id
    text: Text = Field(description="Le texte affiché pour cet élément de liste.")


class ItemList(Strict):
    """A list with an optional heading and lead-in sentence ("Nous avons pour rôle de :")."""

    title: Text | None = Field(None, description="Titre de la liste (facultatif).")
    intro: Text | None = Field(
        None, description="Phrase d'introduction affichée avant la liste (facultative)."
    )
    items: list[Item] = Field(min_length=1, description="Les éléments de la liste, dans l'ordre d'affichage.")


# --- organisation.yaml ---------------------------------------------------------------


class Organisation(Strict):
    name: Text = Field(description="Nom complet de l'établissement.")
    short_name: Text = Field(description="Nom court (ex. : CISSS des Laurentides).")
    region: Text = Field(description="Région sociosanitaire servie.")
    direction: Text | None = Field(
        None, description="Direction dont relève l'équipe (ex. : Direction de santé publique)."
    )
    team: Text | None = Field(None, description="Nom de l'équipe qui publie l'offre de service.")
    team_short: Text | None = Field(None, description="Sigle de l'équipe (ex. : RCOC).")


class SiteSettings(Strict):
    public_url: Url | None = Field(
        None,
        description=(
            "Adresse publique du site une fois publié (https://…). Facultative ; si elle est "
            "donnée, les codes QR imprimés passent par de courtes adresses du site."
        ),
    )
    description: Text | None = Field(
        None, description="Description courte du site pour les moteurs de recherche (facultative)."
    )


class Hero(Strict):
    title: Text = Field(description="Grand titre de la page d'accueil et de la couverture.")
    subtitle: Text | None = Field(None, description="Sous-titre (facultatif).")
    tagline: Text | None = Field(None, description="Accroche ou slogan (facultatif).")


class Introduction(Strict):
    title: Text | None = Field(None, description="Titre de l'introduction (facultatif).")
    paragraphs: list[Text] = Field(min_length=1, description="Paragraphes de l'introduction.")


class Team(Strict):
    title: Text | None = Field(None, description="Titre de la section sur l'équipe.")
    paragraphs: list[Text] = Field(default_factory=list, description="Paragraphes sur l'équipe.")
    members: list[Item] = Field(
        default_factory=list, description="Composition de l'équipe, un élément par ligne."
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
    title: Text = Field(description="Nom du champ d'action.")
    purpose: Text = Field(description="But visé par ce champ d'action.")


class PracticeFile(Strict):
    values: list[Item] = Field(default_factory=list, description="Valeurs de l'équipe.")
    territories: list[Item] = Field(default_factory=list, description="Territoires desservis.")
    audiences: list[Item] = Field(
        default_factory=list, description="À qui s'adresse l'offre (pour qui ?)."
    )
    areas_of_action: list[AreaOfAction] = Field(
        default_factory=list, description="Champs d'action : un titre et un but pour chacun."
    )
    roles: list[Item] = Field(default_factory=list, description="Rôles professionnels.")
    actions: list[Item] = Field(
        default_factory=list, description="Actions (verbes) : analyser, mobiliser…"
    )
    examples: list[Item] = Field(default_factory=list, description="Exemples d'interventions.")


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
    title: Text = Field(description="Nom du service.")
    summary: Text = Field(description="Résumé d'une phrase, affiché sur la carte du service.")
    description: list[Text] = Field(
        default_factory=list, description="Paragraphes qui décrivent le service."
    )
    roles: ItemList | None = Field(None, description="Les rôles de l'équipe dans ce service.")
    audiences: ItemList | None = Field(None, description="À qui ce service est offert.")
    request: ServiceRequest | None = Field(None, description="Comment demander ce service.")
    notes: list[Text] = Field(default_factory=list, description="Remarques sur le service.")
    brochure: bool = Field(
        True,
        description=(
            "Présenter ce service dans la brochure imprimée (true, par défaut) ou seulement "
            "sur le site (false), quand la brochure n'a plus de place."
        ),
    )


class ServicesFile(Strict):
    services: list[Service] = Field(
        min_length=1, description="Les services offerts, dans l'ordre d'affichage."
    )


# --- contact.yaml --------------------------------------------------------------------


class Link(Strict):
    id: Id
    label: Text = Field(description="Texte du lien, tel qu'il est affiché.")
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
    title: Text = Field(description="Titre de la section des coordonnées.")
    links: list[Link] = Field(default_factory=list, description="Liens utiles (page Web, formulaire…).")
    contacts: list[Contact] = Field(default_factory=list, description="Moyens de joindre l'équipe.")


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
    locations: dict[str, str] = Field(
        default_factory=dict,
        description="Where each section and item was written: 'services.yaml/services/psoc' → 'content/fr/services.yaml:48'.",
    )

    def where(self, *keys: str) -> str:
        """The file and line of a section or item, for messages ('content/fr/services.yaml:48')."""
        return self.locations.get("/".join(keys), "")

    def link(self, link_id: str) -> Link:
        return next(link for link in self.contact.links if link.id == link_id)
