"""The content model: what a service offer is made of, for one language.

One schema holds every team's offer: sections a brochure does not have are simply
left empty. Every item carries an `id` that is the same in French and in English, so
the two languages can be checked against each other and pages stay twins.

Every field has a label and a help text in both languages (`doc`): they become the
JSON Schemas' titles and descriptions (an editor shows them on hover, in the content
file's language), the guide's reference of every key, and the browser editor's forms.
The value types and their checks are in values.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .limits import MAX_FORM_FIELDS, MAX_ID, MAX_ITEMS
from .values import (Branch, ChoiceSource, ContentRule, Day, Email, Extension, FieldKind, FolderPath, GitHost, Id,
                     Language, MediaFile, Phone,
                     PostalCode, Province, PublicUrl, RepositoryName, ReviewDate, Text, TextPath, Time, Title,
                     TollFree, Url)

REQUIRED: Any = ...


class FieldWords:
    """A field's label and help in both languages (and `same`, `singular`), added to its
    JSON Schema under "x-offre" beside what its type says there (a choice's names, an
    image's kind): merged, not replaced."""

    def __init__(self, about: dict[str, Any]) -> None:
        self.about = about

    def __call__(self, schema: dict[str, Any]) -> None:
        schema["x-offre"] = {**schema.get("x-offre", {}), **self.about}


def field_words(field: Any) -> dict[str, Any]:
    """The words `doc()` gave a model field ({} for a field without)."""
    extra = field.json_schema_extra
    return extra.about if isinstance(extra, FieldWords) else {}


def doc(label_fr: str, label_en: str, help_fr: str, help_en: str, default: Any = REQUIRED, *, same: bool = False,
        singular: tuple[str, str] | None = None, refers: str | None = None, **options: Any) -> Any:
    """A field, with what it is called and what it is for, in French and in English.

    `same`: the value is the same in both languages (an id, a phone number, an e-mail
    address): the browser editor asks for it once, in French, and copies it to English.
    `singular`: what one item of a list is called ("un service"), for the editor's
    "Add" button. `refers="link"`: the value is the id of one of contact.yaml's links
    (the editor offers them by their label); `refers="form"`: of one of its request
    forms (the editor offers them by their title)."""
    about: dict[str, Any] = {"label": {"fr": label_fr, "en": label_en}, "help": {"fr": help_fr, "en": help_en}}
    if same:
        about["same"] = True
    if singular:
        about["singular"] = {"fr": singular[0], "en": singular[1]}
    if refers:
        about["refers"] = refers
    extra = FieldWords(about)
    if isinstance(default, type) and default in (list, dict):
        options["default_factory"] = default
    if "default_factory" in options:
        return Field(description=help_fr, json_schema_extra=extra, **options)
    return Field(default, description=help_fr, json_schema_extra=extra, **options)


def items(label_fr: str, label_en: str, help_fr: str, help_en: str, *, singular: tuple[str, str],
          required: bool = False, same: bool = False) -> Any:
    """A list field: at most MAX_ITEMS items; at least one when `required`."""
    if required:
        return doc(label_fr, label_en, help_fr, help_en, min_length=1, max_length=MAX_ITEMS, same=same,
                   singular=singular)
    return doc(label_fr, label_en, help_fr, help_en, list, max_length=MAX_ITEMS, same=same, singular=singular)


ID = ("Identifiant", "Id",
      f"Un nom court qui relie le français et l'anglais (et, pour un service, l'adresse de sa page) : le même dans "
      f"les deux langues, à ne plus changer une fois publié. Lettres minuscules sans accents, chiffres et traits "
      f"d'union, {MAX_ID} caractères au plus (ex. : entraide).",
      f"A short name that pairs the French and the English (and, for a service, its page's address): the same in "
      f"both languages, not to be changed once published. Lower-case letters without accents, digits and hyphens, "
      f"at most {MAX_ID} characters (e.g. entraide).")


class Strict(BaseModel):
    """Unknown keys are mistakes (usually a typo), never silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Item(Strict):
    id: Id = doc(*ID, same=True)
    text: Text = doc("Texte", "Text", "Le texte affiché pour cet élément.", "The text shown for this item.")


class ItemList(Strict):
    """A list with an optional heading and lead-in sentence ("Nous avons pour rôle de :")."""

    title: Title | None = doc("Titre", "Title", "Titre de la liste (facultatif).", "The list's heading (optional).",
                              None)
    intro: Text | None = doc("Phrase d'introduction", "Lead-in sentence",
                             "Phrase affichée avant la liste (ex. : « Nous avons pour rôle de : »), facultative.",
                             'A sentence shown before the list (e.g. "Our role is to:"), optional.', None)
    items: list[Item] = items("Éléments", "Items", "Les éléments de la liste, dans l'ordre d'affichage.",
                              "The list's items, in the order shown.", singular=("élément", "item"), required=True)


# --- organisation.yaml ---------------------------------------------------------------------


class Organisation(Strict):
    name: Title = doc("Nom de l'établissement", "Institution's name",
                      "Nom complet de l'établissement (ex. : Centre intégré de santé et de services sociaux des "
                      "Laurentides).", "The institution's full name (e.g. Centre intégré de santé et de services "
                      "sociaux des Laurentides).")
    short_name: Title = doc("Nom court", "Short name", "Nom court de l'établissement (ex. : CISSS des Laurentides).",
                            "The institution's short name (e.g. CISSS des Laurentides).")
    region: Title = doc("Région", "Region", "Région sociosanitaire servie (ex. : Laurentides).",
                        "The health region served (e.g. Laurentides).")
    direction: Title | None = doc("Direction", "Department",
                                  "Direction dont relève l'équipe (ex. : Direction de santé publique), facultative.",
                                  "The department the team reports to (e.g. Direction de santé publique), optional.",
                                  None)
    team: Title | None = doc("Équipe", "Team",
                             "Nom de l'équipe qui publie l'offre (ex. : Relations à la communauté et organisation "
                             "communautaire), facultatif.",
                             "The name of the team that publishes the offer, optional.", None)
    team_short: Title | None = doc("Sigle de l'équipe", "Team's acronym",
                                   "Sigle de l'équipe (ex. : RCOC), facultatif. S'il est donné, l'en-tête du site "
                                   "sur un téléphone dit le sigle et le nom court de l'établissement.",
                                   "The team's acronym (e.g. RCOC), optional. When given, the site's header on a "
                                   "phone says the acronym and the institution's short name.", None)
    signature: MediaFile | None = doc(
        "Signature (logo)", "Signature (logo)",
        "La signature de l'organisation (son logo) : un fichier SVG ou PNG du dossier de contenu (ex. : "
        "images/signature.svg). Elle paraît sur la couverture et au dos de la brochure, et dans l'en-tête du site.",
        "The organisation's signature (its logo): an SVG or PNG file of the content folder (e.g. "
        "images/signature.svg). It appears on the brochure's cover and back, and in the site's header.", None)


class PageSlugs(Strict):
    """The addresses of the site's own pages, in this language."""

    about: Id | None = doc("Page « À propos »", '"About" page',
                           "Adresse de la page « À propos » dans cette langue (défaut : a-propos en français, about "
                           "en anglais).", 'The "About" page\'s address in this language (default: a-propos in '
                           "French, about in English).", None)
    contact: Id | None = doc("Page « Nous joindre »", '"Contact" page',
                             "Adresse de la page des coordonnées (défaut : contact).",
                             "The contact page's address (default: contact).", None)
    downloads: Id | None = doc("Page « Brochures »", '"Brochures" page',
                               "Adresse de la page des brochures (défaut : brochures).",
                               "The brochures page's address (default: brochures).", None)


class Repository(Strict):
    """Where the team keeps this content in Git: the published site then carries the
    browser editor at /admin/, set up to sign in to that host and save there."""

    host: GitHost = doc("Hébergeur", "Host", "Où le dépôt est hébergé : GitHub (github) ou GitLab (gitlab).",
                        "Where the repository is hosted: github or gitlab.")
    name: RepositoryName = doc("Dépôt", "Repository",
                               "Le dépôt, sous la forme propriétaire/nom (ex. : cisss-laurentides/offre-rcoc).",
                               "The repository, as owner/name (e.g. cisss-laurentides/offre-rcoc).")
    branch: Branch = doc("Branche", "Branch", "La branche où enregistrer (défaut : main).",
                         "The branch to save to (default: main).", "main")
    folder: FolderPath = doc("Dossier du contenu", "Content folder",
                             "Le dossier du contenu dans le dépôt, celui qui contient fr/ et en/ (défaut : content).",
                             "The content folder in the repository, the one holding fr/ and en/ (default: content).",
                             "content")
    server: PublicUrl | None = doc(
        "Serveur GitLab", "GitLab server",
        "L'adresse du serveur GitLab de l'organisation quand ce n'est pas gitlab.com (ex. : https://gitlab.exemple.ca), "
        "facultative.", "The organisation's GitLab server when it is not gitlab.com (e.g. https://gitlab.example.ca), "
        "optional.", None)


class SiteSettings(Strict):
    public_url: PublicUrl | None = doc(
        "Adresse publique du site", "Site's public address",
        "Adresse du site une fois publié (https://…), facultative. Si elle est donnée, les codes QR imprimés "
        "passent par de courtes adresses du site, et le site reçoit ses plans (sitemaps) et ses liens canoniques.",
        "The site's address once published (https://…), optional. When given, the printed QR codes go through "
        "short addresses of the site, and the site gets its sitemaps and canonical links.", None, same=True)
    description: Text | None = doc(
        "Description pour les moteurs de recherche", "Description for search engines",
        "Une ou deux phrases qui décrivent le site dans les résultats de recherche (facultative).",
        "One or two sentences describing the site in search results (optional).", None)
    repository: Repository | None = doc(
        "Dépôt Git", "Git repository",
        "Le dépôt où l'équipe garde ce contenu (GitHub ou GitLab), facultatif. S'il est donné, le site publié offre "
        "l'éditeur dans le navigateur à /admin/ : on s'y connecte au dépôt pour modifier le contenu de n'importe où.",
        "The repository where the team keeps this content (GitHub or GitLab), optional. When given, the published "
        "site offers the browser editor at /admin/: sign in to the repository there to edit the content from "
        "anywhere.", None, same=True)
    pages: PageSlugs = doc("Adresses des pages", "Pages' addresses",
                           "Les adresses des pages du site dans cette langue, si celles par défaut ne conviennent pas.",
                           "The site's pages' addresses in this language, when the defaults do not suit.",
                           default_factory=PageSlugs)


class CoverImage(Strict):
    file: MediaFile = doc("Fichier", "File", "Une image JPEG ou PNG du dossier de contenu (ex. : images/couverture.jpg).",
                          "A JPEG or PNG image of the content folder (e.g. images/couverture.jpg).", same=True)
    alt: Text = doc("Texte de remplacement", "Alternative text",
                    "Ce que l'image montre, pour qui ne la voit pas (lu par les lecteurs d'écran).",
                    "What the image shows, for those who cannot see it (read by screen readers).")


class Hero(Strict):
    title: Title = doc("Titre", "Title", "Le grand titre de la page d'accueil et de la couverture de la brochure.",
                       "The big title of the home page and of the brochure's cover.")
    subtitle: Title | None = doc("Sous-titre", "Subtitle", "Sous-titre (facultatif).", "Subtitle (optional).", None)
    tagline: Title | None = doc("Accroche", "Tagline", "Accroche ou slogan, au-dessus du titre (facultatif).",
                                "A tagline or slogan, above the title (optional).", None)
    image: CoverImage | None = doc("Image de couverture", "Cover image",
                                   "Image de la couverture de la brochure (facultative).",
                                   "The brochure's cover image (optional).", None)


class Introduction(Strict):
    title: Title | None = doc("Titre", "Title", "Titre de l'introduction (facultatif).",
                              "The introduction's heading (optional).", None)
    paragraphs: list[Text] = items("Paragraphes", "Paragraphs", "Les paragraphes de l'introduction.",
                                   "The introduction's paragraphs.", singular=("paragraphe", "paragraph"),
                                   required=True)


class Team(Strict):
    title: Title | None = doc("Titre", "Title", "Titre de la section sur l'équipe (défaut : « Notre équipe »).",
                              'The team section\'s heading (default: "Our team").', None)
    paragraphs: list[Text] = items("Paragraphes", "Paragraphs", "Paragraphes sur l'équipe.", "Paragraphs about the team.",
                                   singular=("paragraphe", "paragraph"))
    members: list[Item] = items("Composition", "Members", "Qui compose l'équipe, un élément par ligne.",
                                "Who makes up the team, one item per line.", singular=("membre", "member"))


class OrganisationFile(Strict):
    organisation: Organisation = doc("Organisation", "Organisation", "Qui publie l'offre de service.",
                                     "Who publishes the service offer.")
    site: SiteSettings = doc("Site", "Site", "Réglages du site public (tous facultatifs).",
                             "Settings of the public site (all optional).", default_factory=SiteSettings)
    hero: Hero = doc("Bannière", "Banner", "Le haut de la page d'accueil et la couverture de la brochure.",
                     "The top of the home page and the brochure's cover.")
    introduction: Introduction | None = doc("Introduction", "Introduction",
                                            "Quelques paragraphes qui présentent l'offre (facultatifs).",
                                            "A few paragraphs that present the offer (optional).", None)
    team: Team | None = doc("Équipe", "Team", "Qui est l'équipe (facultatif).", "Who the team is (optional).", None)


# --- practice.yaml -----------------------------------------------------------------------------


class AreaOfAction(Strict):
    id: Id = doc(*ID, same=True)
    title: Title = doc("Titre", "Title", "Nom du champ d'action.", "The area of action's name.")
    purpose: Text = doc("But", "Purpose", "Le but visé par ce champ d'action.", "What this area of action aims at.")


class PracticeFile(Strict):
    values: list[Item] = items("Valeurs", "Values", "Les valeurs de l'équipe (facultatif; une section vide n'est pas affichée).",
                               "The team's values (optional; an empty section is not shown).", singular=("valeur", "value"))
    territories: list[Item] = items("Territoires desservis", "Areas served", "Territoires desservis (facultatif; une section vide n'est pas affichée).",
                                    "Areas served (optional; an empty section is not shown).", singular=("territoire", "area"))
    audiences: list[Item] = items("Pour qui ?", "For whom?", "À qui s'adresse l'offre (facultatif; une section vide n'est pas affichée).",
                                  "Who the offer is for (optional; an empty section is not shown).", singular=("public", "audience"))
    areas_of_action: list[AreaOfAction] = items("Champs d'action", "Areas of action",
                                                "Champs d'action : un titre et un but pour chacun (facultatif; une section vide n'est pas affichée).",
                                                "Areas of action: a title and a purpose each (optional; an empty section is not shown).",
                                                singular=("champ d'action", "area of action"))
    roles: list[Item] = items("Rôles professionnels", "Professional roles", "Rôles professionnels (facultatif; une section vide n'est pas affichée).",
                              "Professional roles (optional; an empty section is not shown).", singular=("rôle", "role"))
    actions: list[Item] = items("Actions", "Actions", "Actions (des verbes : analyser, mobiliser…) (facultatif; une section vide n'est pas affichée).",
                                "Actions (verbs: analyze, mobilize…) (optional; an empty section is not shown).", singular=("action", "action"))
    examples: list[Item] = items("Exemples d'interventions", "Examples of interventions",
                                 "Exemples d'interventions (facultatif; une section vide n'est pas affichée).", "Examples of interventions (optional; an empty section is not shown).",
                                 singular=("exemple", "example"))


# --- services.yaml ---------------------------------------------------------------------------------


class ServiceRequest(Strict):
    """How to ask for a service: a sentence, then any of a link, a form, an e-mail, a phone."""

    heading: Title | None = doc("Titre", "Heading",
                                "Titre de cette partie (défaut : « Comment faire une demande »), par exemple « En "
                                "savoir plus » quand on ne fait pas de demande.",
                                'This part\'s heading (default: "How to ask for support"), e.g. "Learn more" when '
                                "there is nothing to ask for.", None)
    text: Text = doc("Texte", "Text", "La phrase qui explique comment faire.", "The sentence that says how.")
    link: Id | None = doc("Lien", "Link", "La page où faire la demande : un des liens de « Coordonnées et liens » "
                          "(dans le fichier, son identifiant, ex. : demande-organisation).",
                          'The page where to ask: one of the links of "Contact details and links" (in the file, its '
                          "id, e.g. demande-organisation).", None, same=True, refers="link")
    form: Id | None = doc("Formulaire", "Form", "Le formulaire à remplir : un des formulaires de demande de "
                          "« Coordonnées et liens », qui devient une page du site et un PDF à remplir (dans le "
                          "fichier, son identifiant; le fichier peut aussi y nommer un lien, un formulaire en ligne "
                          "ailleurs).", 'The form to fill in: one of the request forms of "Contact details and '
                          'links", which becomes a page of the site and a PDF to fill in (in the file, its id; the '
                          "file may also name a link there, a form online elsewhere).", None, same=True,
                          refers="form")
    email: Email | None = doc("Courriel", "E-mail", "Adresse courriel où écrire.", "The e-mail address to write to.",
                              None, same=True)
    phone: Phone | None = doc("Téléphone", "Phone", "Numéro à composer, 10 chiffres (ex. : 450 433-2777).",
                              "The number to call, 10 digits (e.g. 450 433-2777).", None, same=True)
    extension: Extension | None = doc("Poste", "Extension", "Numéro de poste (ex. : 65139).",
                                      "The extension (e.g. 65139).", None, same=True)
    note: Text | None = doc("Précision", "Note", "Une précision (ex. : chaque demande est évaluée), facultative.",
                            "A note (e.g. each request is assessed), optional.", None)

    @model_validator(mode="after")
    def _extension_needs_a_phone(self) -> ServiceRequest:
        if self.extension is not None and self.phone is None:
            raise ContentRule("extension_without_phone", at="extension")
        return self


class Service(Strict):
    id: Id = doc(*ID, same=True)
    slug: Id | None = doc("Adresse de la page", "Page address",
                          "La fin de l'adresse de la page du service dans cette langue (défaut : l'identifiant).",
                          "The end of the service page's address in this language (default: the id).", None)
    title: Title = doc("Titre", "Title", "Le nom du service.", "The service's name.")
    summary: Text = doc("Résumé", "Summary", "Une phrase qui résume le service (sur sa carte, en tête de sa page).",
                        "One sentence that sums the service up (on its card, at the top of its page).")
    direction: Title | None = doc("Direction", "Department",
                                  "La direction qui offre ce service, si ce n'est pas celle de l'équipe (facultative).",
                                  "The department that offers this service, when not the team's (optional).", None)
    description: list[Text] = items("Description", "Description", "Les paragraphes qui décrivent le service.",
                                    "The paragraphs that describe the service.", singular=("paragraphe", "paragraph"))
    roles: ItemList | None = doc("Rôles de l'équipe", "The team's roles", "Ce que l'équipe fait dans ce service.",
                                 "What the team does in this service.", None)
    audiences: ItemList | None = doc("Pour qui", "For whom", "À qui ce service est offert.",
                                     "Who this service is for.", None)
    request: ServiceRequest | None = doc("Comment faire une demande", "How to ask",
                                         "Comment demander ce service, ou en savoir plus.",
                                         "How to ask for this service, or learn more.", None)
    notes: list[Text] = items("Remarques", "Notes", "Remarques sur le service.", "Notes about the service.",
                              singular=("remarque", "note"))
    brochure: bool = doc("Dans la brochure", "In the brochure",
                         "Activé (par défaut, true) : le service paraît dans la brochure imprimée et sur le site. "
                         "Désactivé (false) : sur le site seulement, quand la brochure n'a plus de place.",
                         "On (the default, true): the service is in the printed brochure and on the site. Off "
                         "(false): on the site only, when the brochure has no room left.", True, same=True)


class ServicesFile(Strict):
    services: list[Service] = items("Services", "Services", "Les services offerts, dans l'ordre d'affichage.",
                                    "The services offered, in the order shown.", singular=("service", "service"),
                                    required=True)


# --- contact.yaml ------------------------------------------------------------------------------------


class Link(Strict):
    id: Id = doc(*ID, same=True)
    label: Title = doc("Libellé", "Label", "Le texte du lien, tel qu'il est affiché.", "The link's text, as shown.")
    url: Url | None = doc("Adresse", "Address",
                          "L'adresse (https://…). Sans adresse connue, le lien n'est montré nulle part (la "
                          "vérification le signale).", "The address (https://…). With no known address, the link is "
                          "shown nowhere (the check says so).", None)
    qr: bool = doc("Code QR", "QR code", "Activé (true) : un code QR vers ce lien est imprimé dans la brochure.",
                   "On (true): a QR code to this link is printed in the brochure.", False, same=True)
    language: Language | None = doc(
        "Langue de la page", "Page's language",
        "Si la page visée n'existe qu'en une langue, laquelle (fr ou en). Sur les pages de l'autre langue, le lien "
        "le dit (« en anglais seulement »).",
        "The target page's language when it exists in one language only: fr or en. On the other language's "
        'pages, the link says so ("French only").', None, same=True)


class PostalAddress(Strict):
    street: Title = doc("Adresse", "Street", "Le numéro et la rue, et le bureau s'il y a lieu (ex. : 500, boulevard des "
                        "Laurentides, bureau 100).", "The number and street, and the suite if any.")
    city: Title = doc("Ville", "City", "La ville (ex. : Saint-Jérôme).", "The city (e.g. Saint-Jérôme).")
    province: Province = doc("Province", "Province", "Le code de la province (défaut : QC).",
                             "The province's code (default: QC).", "QC")
    postal_code: PostalCode = doc("Code postal", "Postal code", "Le code postal (ex. : J7Z 4M2).",
                                  "The postal code (e.g. J7Z 4M2).")


class OpeningHours(Strict):
    first_day: Day = doc("Premier jour", "First day",
                         "Le premier jour de la période (ex. : lundi; dans le fichier, en anglais dans les deux "
                         "langues : monday, tuesday… sunday).",
                         "The period's first day (e.g. Monday; in the file: monday, tuesday… sunday).")
    last_day: Day | None = doc("Dernier jour", "Last day", "Le dernier jour (défaut : le premier jour seulement).",
                               "The last day (default: the first day only).", None)
    opens: Time = doc("Ouverture", "Opens", "L'heure d'ouverture (ex. : 8 h 30).",
                      "The opening time, 24-hour (e.g. 8:30).")
    closes: Time = doc("Fermeture", "Closes", "L'heure de fermeture (ex. : 16 h 30).",
                       "The closing time, 24-hour (e.g. 16:30).")

    @model_validator(mode="after")
    def _closes_after_it_opens(self) -> OpeningHours:
        if self.closes <= self.opens:  # type: ignore[operator]
            raise ContentRule("closes_before_opening", opens=self.opens, closes=self.closes, at="closes")
        return self


class Contact(Strict):
    """One way to reach the team: any of a phone, a toll-free number, a TTY, an e-mail,
    a postal address with opening hours, a link."""

    id: Id = doc(*ID, same=True)
    name: Title | None = doc("Nom", "Name", "Le nom de ce point de contact (ex. : Accueil administratif), facultatif.",
                             "This contact point's name (e.g. Front desk), optional.", None)
    text: Text | None = doc("Texte", "Text", "Une phrase qui présente ce moyen de joindre l'équipe (facultative).",
                            "A sentence that presents this way to reach the team (optional).", None)
    phone: Phone | None = doc("Téléphone", "Phone", "Numéro de téléphone, 10 chiffres (ex. : 450 433-2777).",
                              "Phone number, 10 digits (e.g. 450 433-2777).", None, same=True)
    extension: Extension | None = doc("Poste", "Extension", "Numéro de poste (ex. : 65139).",
                                      "The extension (e.g. 65139).", None, same=True)
    toll_free: TollFree | None = doc("Sans frais", "Toll-free", "Numéro sans frais (ex. : 1 866 963-2777).",
                                     "Toll-free number (e.g. 1-866-963-2777).", None, same=True)
    tty: Phone | None = doc("ATS", "TTY", "Numéro pour les personnes sourdes ou malentendantes (ATS).",
                            "Number for deaf or hard-of-hearing people (TTY).", None, same=True)
    email: Email | None = doc("Courriel", "E-mail", "Adresse courriel.", "E-mail address.", None, same=True)
    address: PostalAddress | None = doc("Adresse postale", "Postal address", "L'adresse où se présenter ou écrire.",
                                        "The address to come to or write to.", None, same=True)
    hours: list[OpeningHours] = items("Heures d'ouverture", "Opening hours",
                                      "Les heures d'ouverture, une période par élément.",
                                      "The opening hours, one period per item.", singular=("période", "period"),
                                      same=True)
    link: Id | None = doc("Lien", "Link", "Une page à suivre : un des liens de « Coordonnées et liens » (dans le "
                          "fichier, son identifiant).", 'A page to follow: one of the links of "Contact details and '
                          'links" (in the file, its id).', None, same=True, refers="link")

    @model_validator(mode="after")
    def _means(self) -> Contact:
        if self.extension is not None and self.phone is None:
            raise ContentRule("extension_without_phone", at="extension")
        if not any((self.phone, self.toll_free, self.tty, self.email, self.address, self.link)):
            raise ContentRule("contact_needs_one")
        return self


class FormField(Strict):
    """One question of a request form: its label in the page's language, what it asks
    for, and its choices (its own, or the content's territories, audiences or services)."""

    id: Id = doc(*ID, same=True)
    label: Title = doc("Libellé", "Label", "La question, telle qu'elle est affichée (ex. : Votre nom).",
                       "The question, as shown (e.g. Your name).")
    help: Text | None = doc("Aide", "Help", "Une précision affichée sous la question (facultative).",
                            "A hint shown under the question (optional).", None)
    kind: FieldKind = doc("Type de réponse", "Kind of answer",
                          "Ce que la question demande : texte court (text, par défaut), texte long (long_text), "
                          "courriel (email), téléphone (phone), un choix (choice) ou plusieurs choix (choices).",
                          "What the question asks for: a short text (text, the default), a long text (long_text), "
                          "an e-mail (email), a phone (phone), one choice (choice) or several choices (choices).",
                          "text", same=True)
    required: bool = doc("Obligatoire", "Required", "Activé (true) : la demande ne part pas sans cette réponse.",
                         "On (true): the request cannot be sent without this answer.", False, same=True)
    choices_from: ChoiceSource | None = doc(
        "Choix tirés du contenu", "Choices from the content",
        "Pour un choix : les choix sont les territoires desservis (territories), les publics (audiences) ou les "
        "services (services) de l'offre, tels qu'ils sont écrits ailleurs.",
        "For a choice: the choices are the offer's areas served (territories), audiences (audiences) or services "
        "(services), as written elsewhere.", None, same=True)
    choices: list[Item] = items("Choix", "Choices", "Pour un choix, quand ils ne viennent pas du contenu : les "
                                "choix offerts, dans l'ordre.", "For a choice, when they do not come from the "
                                "content: the choices offered, in order.", singular=("choix", "choice"))

    @model_validator(mode="after")
    def _choices_for_a_choice(self) -> FormField:
        if self.kind in ("choice", "choices"):
            if not self.choices and self.choices_from is None:
                raise ContentRule("choice_without_choices", at="kind")
            if self.choices and self.choices_from is not None:
                raise ContentRule("choices_twice", at="choices_from")
        elif self.choices or self.choices_from is not None:
            raise ContentRule("choices_without_choice", kind=self.kind,
                              at="choices" if self.choices else "choices_from")
        return self


class RequestForm(Strict):
    """A request form the team describes: the site shows it as a page that prepares an
    e-mail to `send_to`, and offers it as a PDF to fill in."""

    id: Id = doc(*ID, same=True)
    slug: Id | None = doc("Adresse de la page", "Page address",
                          "La fin de l'adresse de la page du formulaire dans cette langue (défaut : l'identifiant).",
                          "The end of the form page's address in this language (default: the id).", None)
    title: Title = doc("Titre", "Title", "Le nom du formulaire (ex. : Demande de soutien).",
                       "The form's name (e.g. Request for support).")
    intro: Text | None = doc("Introduction", "Introduction", "Une phrase affichée avant les questions (facultative).",
                             "A sentence shown before the questions (optional).", None)
    send_to: Email = doc("Envoyer à", "Send to", "L'adresse courriel où la demande est envoyée.",
                         "The e-mail address the request is sent to.", same=True)
    fields: list[FormField] = doc("Questions", "Questions",
                                  f"Les questions du formulaire, dans l'ordre (au plus {MAX_FORM_FIELDS}).",
                                  f"The form's questions, in order (at most {MAX_FORM_FIELDS}).", min_length=1,
                                  max_length=MAX_FORM_FIELDS, singular=("question", "question"))


class ContactFile(Strict):
    title: Title = doc("Titre", "Title", "Le titre des coordonnées (ex. : Nos coordonnées).",
                       "The contact details' heading (e.g. Contact us).")
    links: list[Link] = items("Liens", "Links", "Les liens utiles (page Web, formulaire…), que les services et les "
                              "contacts nomment par leur identifiant.", "Useful links (web page, form…), which the "
                              "services and contacts name by their id.", singular=("lien", "link"))
    contacts: list[Contact] = items("Moyens de nous joindre", "Ways to reach us", "Les moyens de joindre l'équipe.",
                                    "The ways to reach the team.", singular=("moyen de nous joindre", "way to reach us"))
    forms: list[RequestForm] = items("Formulaires de demande", "Request forms",
                                     "Les formulaires que l'équipe reçoit par courriel (facultatif) : chacun devient une "
                                     "page du site qui prépare le courriel, et un PDF à remplir. Un service le nomme "
                                     "dans « Comment faire une demande » (formulaire).",
                                     "The forms the team receives by e-mail (optional): each becomes a page of the site "
                                     "that prepares the e-mail, and a PDF to fill in. A service names it in \"How to "
                                     "ask\" (form).", singular=("formulaire", "form"))


# --- translations.yaml (beside fr/ and en/: about both) -----------------------------------------------


class ReviewedTranslation(Strict):
    """A text whose change in one language needed nothing in the other, as of a day."""

    text: TextPath = doc("Texte", "Text",
                         "Le texte vérifié, tel que l'avertissement le nomme : le fichier, puis les clés et les "
                         "identifiants (ex. : services.yaml/services/psoc/summary).",
                         "The text reviewed, as the warning names it: the file, then the keys and ids (e.g. "
                         "services.yaml/services/psoc/summary).", same=True)
    date: ReviewDate = doc("Vérifié le", "Reviewed on",
                           "Le jour où l'autre langue a été vérifiée (ex. : 2026-11-20) : un changement fait ce "
                           "jour-là ou avant ne demande plus rien; un changement fait après, si.",
                           "The day the other language was reviewed (e.g. 2026-11-20): a change made that day or "
                           "before needs nothing more; a change made later does.", same=True)


class TranslationsFile(Strict):
    # May be left empty (`reviewed:` alone): the lines the warnings give are added under it.
    reviewed: list[ReviewedTranslation] | None = doc(
        "Traductions vérifiées", "Translations reviewed",
        "Les textes changés dans une langue dont l'autre langue a été vérifiée et n'avait pas à changer (une "
        "correction de coquille, par exemple) : offre check ne signale plus ces changements.",
        "Texts changed in one language whose other language was reviewed and needed no change (a typo fixed, "
        "say): offre check no longer reports these changes.", None, max_length=MAX_ITEMS,
        singular=("texte vérifié", "text reviewed"))


# --- one language, whole ------------------------------------------------------------------------------

FILES: dict[str, type[Strict]] = {
    "organisation.yaml": OrganisationFile,
    "practice.yaml": PracticeFile,
    "services.yaml": ServicesFile,
    "contact.yaml": ContactFile,
}

# Files of the content folder itself, about both languages (optional).
SHARED_FILES: dict[str, type[Strict]] = {"translations.yaml": TranslationsFile}

# What each file is called in the browser editor's menu, in each language.
FILE_LABELS: dict[str, dict[str, str]] = {
    "organisation.yaml": {"fr": "Organisation et accueil", "en": "Organisation and home page"},
    "practice.yaml": {"fr": "Notre pratique", "en": "Our practice"},
    "services.yaml": {"fr": "Services", "en": "Services"},
    "contact.yaml": {"fr": "Coordonnées et liens", "en": "Contact details and links"},
}
SHARED_FILE_LABELS: dict[str, dict[str, str]] = {
    "translations.yaml": {"fr": "Traductions vérifiées", "en": "Translations reviewed"},
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
    draft: bool = Field(
        default=False,
        description="A draft (`offre build --draft`, the preview of a starter not yet made one's own): every page "
                    "and brochure says so.",
    )

    def where(self, *keys: str) -> str:
        """The file and line of a section or item, for messages ('content/fr/services.yaml:48')."""
        return self.locations.get("/".join(keys), "")

    def media_file(self, relative: str | None) -> Path | None:
        """The checked file a content field names (None when it names none)."""
        return Path(self.media[relative]) if relative and relative in self.media else None

    def link(self, link_id: str | None) -> Link | None:
        """The link with this id (None when there is none, or no id)."""
        return next((link for link in self.contact.links if link.id == link_id), None)

    def request_form(self, form_id: str | None) -> RequestForm | None:
        """The request form with this id (None when there is none, or no id)."""
        return next((form for form in self.contact.forms if form.id == form_id), None)

    def usable_link(self, link_id: str | None) -> Link | None:
        """The link with this id when it has an address: a link with none is shown nowhere."""
        found = self.link(link_id)
        return found if found is not None and found.url else None
