"""The guide's reference of every key of the content, written from the models.

`offre reference` writes guide/reference-fr.md and guide/reference-en.md from the same
labels and help as the JSON Schemas and the browser editor (models.py: `doc`), with each
key's kind of value, whether it is required, and its limits. A test fails when the
written files differ from what the models say: the reference never drifts.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import limits, values
from .loader import LANGUAGES
from .models import FILES, SHARED_FILES, field_words

KINDS = {  # value type → (French, English)
    "Title": ("texte d'une ligne, {title} caractères au plus", "one-line text, at most {title} characters"),
    "Text": ("texte, {text} caractères au plus", "text, at most {text} characters"),
    "Id": ("identifiant (minuscules, chiffres, traits d'union; {id} caractères au plus)",
           "id (lower case, digits, hyphens; at most {id} characters)"),
    "Url": ("adresse https://, http://, mailto: ou tel:", "https://, http://, mailto: or tel: address"),
    "PublicUrl": ("adresse https:// du site", "the site's https:// address"),
    "Email": ("adresse courriel", "e-mail address"),
    "Phone": ("numéro de téléphone, 10 chiffres", "phone number, 10 digits"),
    "TollFree": ("numéro sans frais (1 800, 833, 844, 855, 866, 877 ou 888)",
                 "toll-free number (1 800, 833, 844, 855, 866, 877 or 888)"),
    "Extension": ("numéro de poste, 1 à 7 chiffres", "extension, 1 to 7 digits"),
    "MediaFile": ("fichier du dossier de contenu", "file of the content folder"),
    "PostalCode": ("code postal (A1A 1A1)", "postal code (A1A 1A1)"),
    "Province": ("code de province (QC, ON…)", "province code (QC, ON…)"),
    "Day": ("jour : monday … sunday", "day: monday … sunday"),
    "Time": ("heure sur 24 heures (8:30, 16:30)", "24-hour time (8:30, 16:30)"),
    "Language": ("fr ou en", "fr or en"),
    "TextPath": ("texte nommé comme dans l'avertissement (services.yaml/services/psoc/summary)",
                 "a text named as in the warning (services.yaml/services/psoc/summary)"),
    "ReviewDate": ("date année-mois-jour (2026-11-20)", "year-month-day date (2026-11-20)"),
    "bool": ("true ou false", "true or false"),
}
WORDS = {
    "fr": {"title": "Référence du contenu", "key": "clé", "kind": "valeur", "required": "obligatoire",
           "yes": "oui", "no": "non", "list": "liste de {kind} ({items} au plus)", "section": "section", "sections": "sections",
           "intro": "Chaque fichier de `content/fr/` et de `content/en/`, et chacune de ses clés : ce qu'elle "
                    "contient, sous quelle forme, si elle est obligatoire. Une clé facultative peut être "
                    "omise ; une liste vide s'écrit `[]`. Ce fichier est écrit par `offre reference` à partir "
                    "du modèle de contenu : ne le modifiez pas à la main.",
           "file": "Fichier",
           "shared": "Facultatif, dans le dossier de contenu lui-même (à côté de `fr/` et `en/`) : il parle des "
                     "deux langues. Voyez le guide, « Garder les deux langues à jour »."},
    "en": {"title": "Content reference", "key": "key", "kind": "value", "required": "required",
           "yes": "yes", "no": "no", "list": "list of {kind} (at most {items})", "section": "section", "sections": "sections",
           "intro": "Each file of `content/fr/` and `content/en/`, and each of its keys: what it holds, in "
                    "what form, whether it is required. An optional key may be left out; an empty list is "
                    "written `[]`. This file is written by `offre reference` from the content model: do "
                    "not edit it by hand.",
           "file": "File",
           "shared": "Optional, in the content folder itself (beside `fr/` and `en/`): it is about both "
                     "languages. See the guide, \"Keeping both languages in step\"."},
}
NUMBERS = {"title": limits.MAX_TITLE, "text": f"{limits.MAX_TEXT:,}".replace(",", " "), "id": limits.MAX_ID,
           "items": limits.MAX_ITEMS}


def reference(language: str) -> str:
    words = WORDS[language]
    lines = [f"# {words['title']}", "", words["intro"], ""]
    for name, model in FILES.items():
        lines += [f"## {words['file']} `{name}`", ""]
        lines += _table(model, "", language)
    for name, model in SHARED_FILES.items():  # beside fr/ and en/, about both
        lines += [f"## {words['file']} `{name}`", "", words["shared"], ""]
        lines += _table(model, "", language)
    return "\n".join(lines).rstrip() + "\n"


def keys(model: type[BaseModel] | None = None, prefix: str = "") -> list[str]:
    """Every key path of the model(s): what the reference must list."""
    if model is None:
        return [key for name, file_model in {**FILES, **SHARED_FILES}.items() for key in keys(file_model, f"{name}:")]
    found = []
    hints = _hints(model)
    for field_name in model.model_fields:
        path = f"{prefix}{field_name}"
        found.append(path)
        inner = _model(hints[field_name])
        if inner is not None:
            found += keys(inner, path + ("[]." if _is_list(hints[field_name]) else "."))
    return found


def _hints(model: type[BaseModel]) -> dict[str, Any]:
    """The fields' annotations as written (Title, Phone | None…), not as pydantic keeps them."""
    from . import models

    return typing.get_type_hints(model, globalns=vars(models), include_extras=True)


def _table(model: type[BaseModel], prefix: str, language: str) -> list[str]:
    words = WORDS[language]
    rows = [f"| {words['key']} | {words['required']} | {words['kind']} | |", "| --- | --- | --- | --- |"]
    nested: list[tuple[str, type[BaseModel]]] = []
    hints = _hints(model)
    for field_name, field in model.model_fields.items():
        about = field_words(field)
        label = about.get("label", {}).get(language, field_name)
        help_text = about.get("help", {}).get(language, "")
        path = f"{prefix}{field_name}"
        annotation = hints[field_name]
        inner = _model(annotation)
        kind = _kind(annotation, language)
        if inner is not None:
            kind = words["list"].format(kind=words["sections"], items=NUMBERS["items"]) if _is_list(annotation) \
                else words["section"]
            nested.append((path + ("[]." if _is_list(annotation) else "."), inner))
        required = words["yes"] if field.is_required() else words["no"]
        rows.append(f"| `{path}` | {required} | {kind} | **{_cell(label)}** — {_cell(help_text)} |")
    lines = rows + [""]
    for path, inner in nested:
        lines += [f"### `{path.rstrip('.')}`", ""] + _table(inner, path, language)
    return lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _unwrap(annotation: Any) -> list[Any]:
    """The types an annotation allows (None left out)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType) and not _named(annotation):
        return [part for argument in typing.get_args(annotation) for part in _unwrap(argument)
                if part is not type(None)]
    return [annotation]


def _is_list(annotation: Any) -> bool:
    return any(typing.get_origin(part) is list for part in _unwrap(annotation))


def _model(annotation: Any) -> type[BaseModel] | None:
    for part in _unwrap(annotation):
        if typing.get_origin(part) is list:
            part = typing.get_args(part)[0]
        if isinstance(part, type) and issubclass(part, BaseModel):
            return part
    return None


def _named(annotation: Any) -> str | None:
    """The name in values.py of a value type (Phone is itself a union: str | int)."""
    return next((name for name in KINDS if getattr(values, name, None) == annotation), None)


def _kind(annotation: Any, language: str) -> str:
    index = LANGUAGES.index(language)
    for part in _unwrap(annotation):
        listed = typing.get_origin(part) is list
        target = typing.get_args(part)[0] if listed else part
        name = _named(target)
        if name is None and target is bool:
            name = "bool"
        if name is not None:
            kind = KINDS[name][index].format(**NUMBERS)
            return WORDS[language]["list"].format(kind=kind, items=NUMBERS["items"]) if listed else kind
    return ""


def write_reference(folder: Path) -> list[Path]:
    """Write both languages' reference, only at a real path inside the project (or the
    folder named): a link is never written through (raises UnsafeTarget)."""
    from ..files import project_root_of, write_inside

    written = []
    root = project_root_of(Path(folder))
    for language in LANGUAGES:
        path = Path(folder) / f"reference-{language}.md"
        write_inside(path, reference(language).encode("utf-8"), root)
        written.append(path)
    return written
