"""The browser editor's configuration, made from the content models.

Sveltia CMS describes a form by a configuration: one entry per content file, one field
per key, with its widget, label, help, whether it is required, its pattern, its
default, and how it is translated. All of it is read here from the JSON Schema the
models make (the same one VS Code reads), so a field added to a model appears in the
forms with nothing else to write — and a field the editor cannot show is a test
failure (tests/test_editor.py).

Sveltia cannot translate labels: there is one configuration per interface language
(`config-fr.yml`, `config-en.yml`), the editor's page picks the browser's.

Translation: every field is `i18n: true` (written in each language) unless the model
says the value is the same in both (`doc(..., same=True)`: ids, phone numbers, e-mail
addresses, postal addresses, QR switches): then `i18n: duplicate`, entered once in
French and copied to English.
"""

from __future__ import annotations

from typing import Any

from ..content.limits import MAX_TEXT
from ..text import typography
from ..content.models import FILE_LABELS, FILES, SHARED_FILE_LABELS, SHARED_FILES
from ..content.values import (BRANCH_PATTERN, EMAIL_PATTERN, EXTENSION_PATTERN, FOLDER_PATTERN, ID_PATTERN,
                              PHONE_PATTERN, POSTAL_CODE_PATTERN, PUBLIC_URL_PATTERN, REPOSITORY_PATTERN,
                              TEXT_PATH_PATTERN, TIME_PATTERN, TOLL_FREE_PATTERN, URL_PATTERN)

UI_LANGUAGES = ("fr", "en")
CONTENT_LANGUAGES = ["fr", "en"]

# The message the form shows when a value does not match its pattern.
PATTERN_MESSAGES: dict[str, dict[str, str]] = {
    ID_PATTERN: {"fr": "Lettres minuscules sans accents, chiffres et traits d’union (ex. : entraide)",
                 "en": "Lower-case letters without accents, digits and hyphens (e.g. entraide)"},
    PHONE_PATTERN: {"fr": "Dix chiffres (ex. : 450 433-2777)", "en": "Ten digits (e.g. 450-433-2777)"},
    TOLL_FREE_PATTERN: {"fr": "Un numéro sans frais : 800, 833, 844, 855, 866, 877 ou 888 (ex. : 1 866 963-2777)",
                        "en": "A toll-free number: 800, 833, 844, 855, 866, 877 or 888 (e.g. 1-866-963-2777)"},
    EXTENSION_PATTERN: {"fr": "Des chiffres seulement (ex. : 65139)", "en": "Digits only (e.g. 65139)"},
    EMAIL_PATTERN: {"fr": "Une adresse courriel (ex. : accueil@ssss.gouv.qc.ca)",
                    "en": "An e-mail address (e.g. accueil@ssss.gouv.qc.ca)"},
    URL_PATTERN: {"fr": "Une adresse complète, sans espace (https://…)",
                  "en": "A full address, without spaces (https://…)"},
    PUBLIC_URL_PATTERN: {"fr": "L’adresse du site (https://…), sans ? ni #",
                         "en": "The site’s address (https://…), without ? or #"},
    POSTAL_CODE_PATTERN: {"fr": "A1A 1A1 (ex. : J7Z 4M2)", "en": "A1A 1A1 (e.g. J7Z 4M2)"},
    TIME_PATTERN: {"fr": "Une heure de 0 h à 23 h 59 (ex. : 8 h 30 ou 16 h 30)", "en": "24-hour (e.g. 8:30 or 16:30)"},
    REPOSITORY_PATTERN: {"fr": "propriétaire/nom", "en": "owner/name"},
    BRANCH_PATTERN: {"fr": "Le nom d’une branche (ex. : main)", "en": "A branch name (e.g. main)"},
    FOLDER_PATTERN: {"fr": "Un dossier du dépôt (ex. : content)", "en": "A folder of the repository (e.g. content)"},
    TEXT_PATH_PATTERN: {"fr": "Le texte tel que l’avertissement le nomme (ex. : services.yaml/services/psoc/summary)",
                        "en": "The text as the warning names it (e.g. services.yaml/services/psoc/summary)"},
}

COLLECTION = "offre"
COLLECTION_LABEL = {"fr": "Contenu", "en": "Content"}
SHARED_COLLECTION = "commun"  # files about both languages at once (translations.yaml)

# A list item's title in the editor: the first of these keys its items have.
_SUMMARY_KEYS = ("title", "label", "name", "text", "first_day", "id")


class EditorConfigError(Exception):
    """A model field the editor's form cannot hold (a bug to fix here, found by the tests)."""


def editor_config(ui: str, backend: dict[str, Any], content_folder: str, site_url: str | None = None) -> dict[str, Any]:
    """Sveltia CMS's configuration, its labels and help in `ui` ("fr" or "en").

    `backend`: Sveltia's backend block (for the preview, a GitHub one it never calls:
    the team works on the local folder). `content_folder`: the content's folder,
    relative to the repository's root ("content", "examples/outaouais/content").
    `site_url`: the site's absolute address, for the editor's "view site" link.
    """
    files = []
    for name, model in FILES.items():
        schema = model.model_json_schema()
        definitions = schema.get("$defs", {})
        files.append({
            "name": name.removesuffix(".yaml"),
            "label": FILE_LABELS[name][ui],
            "file": f"{content_folder}/{{{{locale}}}}/{name}",
            "format": "yaml",
            "i18n": True,
            "fields": _fields(schema, definitions, ui, same=False),
        })
    config: dict[str, Any] = {
        "backend": backend,
        "media_folder": f"{content_folder}/images",
        "public_folder": "images",
        "i18n": {"structure": "multiple_files", "locales": CONTENT_LANGUAGES, "default_locale": "fr"},
        "editor": {"preview": False},  # French and English side by side
        "output": {
            "omit_empty_optional_fields": True,
            "yaml": {"indent_size": 2, "indent_sequences": True, "quote": "none"},
        },
        "collections": [{"name": COLLECTION, "label": COLLECTION_LABEL[ui], "i18n": True, "files": files},
                        _shared_collection(ui, content_folder)],
    }
    if site_url:
        config["site_url"] = site_url
    return config


def _shared_collection(ui: str, content_folder: str) -> dict[str, Any]:
    """The files of the content folder itself, written once for both languages: a
    collection of their own, with no translation settings."""
    files = []
    for name, model in SHARED_FILES.items():
        schema = model.model_json_schema()
        fields = _fields(schema, schema.get("$defs", {}), ui, same=True)
        files.append({"name": name.removesuffix(".yaml"), "label": SHARED_FILE_LABELS[name][ui],
                      "file": f"{content_folder}/{name}", "format": "yaml", "fields": _untranslated(fields)})
    return {"name": SHARED_COLLECTION, "label": SHARED_FILE_LABELS["translations.yaml"][ui], "files": files}


def _untranslated(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same fields without `i18n`, which means nothing in a collection written once."""
    cleaned = []
    for field in fields:
        field = {key: value for key, value in field.items() if key != "i18n"}
        if "fields" in field:
            field["fields"] = _untranslated(field["fields"])
        if "field" in field:
            field["field"] = _untranslated([field["field"]])[0]
        cleaned.append(field)
    return cleaned


def _fields(schema: dict[str, Any], definitions: dict[str, Any], ui: str, same: bool) -> list[dict[str, Any]]:
    required = set(schema.get("required", []))
    return [_field(name, prop, definitions, ui, name in required, same)
            for name, prop in schema.get("properties", {}).items()]


def _field(name: str, prop: dict[str, Any], definitions: dict[str, Any], ui: str, required: bool,
           same: bool) -> dict[str, Any]:
    about = prop.get("x-offre")
    if about is None:
        raise EditorConfigError(f"{name}: no label nor help (doc(...)) in the model")
    same = same or bool(about.get("same"))
    field: dict[str, Any] = {"name": name, "label": typography(about["label"][ui], ui),
                             "hint": typography(about["help"][ui], ui), "i18n": "duplicate" if same else True}
    if not required:
        field["required"] = False
    value = _without_null(prop)
    value = _resolved(value, definitions)
    kind = value.get("type")
    if kind == "object":
        field["widget"] = "object"
        field["fields"] = _fields(value, definitions, ui, same)
    elif kind == "array":
        field.update(_list(value, prop, definitions, ui, same))
    elif kind == "boolean":
        field["widget"] = "boolean"
        field["default"] = bool(prop.get("default", False))
    elif about.get("refers") == "link":
        field.update(_link_choice())
    elif about.get("refers") == "form":
        field.update(_form_choice())
    else:
        field.update(_scalar(value, ui))
        if isinstance(prop.get("default"), str):
            field["default"] = prop["default"]
    return field


def _link_choice() -> dict[str, Any]:
    """A value that names one of contact.yaml's links: chosen among them by label, the
    id written in the file."""
    return {"widget": "relation", "collection": COLLECTION, "file": "contact", "value_field": "links.*.id",
            "display_fields": ["links.*.label"], "search_fields": ["links.*.label", "links.*.id"]}


def _form_choice() -> dict[str, Any]:
    """A value that names one of contact.yaml's request forms: chosen among them by
    title, the id written in the file. (Sveltia chooses among one list only: a form
    online elsewhere, a link, is still accepted in the file, and a link is the
    "Link" field's choice.)"""
    return {"widget": "relation", "collection": COLLECTION, "file": "contact", "value_field": "forms.*.id",
            "display_fields": ["forms.*.title"], "search_fields": ["forms.*.title", "forms.*.id"]}


def _list(value: dict[str, Any], prop: dict[str, Any], definitions: dict[str, Any], ui: str,
          same: bool) -> dict[str, Any]:
    about = prop["x-offre"]
    field: dict[str, Any] = {"widget": "list"}
    if "singular" in about:
        field["label_singular"] = typography(about["singular"][ui], ui)
    if "minItems" in value:
        field["min"] = value["minItems"]
    if "maxItems" in value:
        field["max"] = value["maxItems"]
    item = _resolved(value.get("items", {}), definitions)
    if item.get("type") == "object":
        field["fields"] = _fields(item, definitions, ui, same)
        summary = next((key for key in _SUMMARY_KEYS if key in item.get("properties", {})), None)
        if summary:
            field["summary"] = f"{{{{fields.{summary}}}}}"
    elif item.get("type") in ("string", ["string", "integer"]):
        label = about["singular"][ui] if "singular" in about else about["label"][ui]
        field["field"] = {"name": "text", "label": typography(label.capitalize(), ui),
                          "i18n": "duplicate" if same else True, **_scalar(item, ui)}
    else:
        raise EditorConfigError(f"a list of {item.get('type')!r} has no form")
    return field


def _scalar(value: dict[str, Any], ui: str) -> dict[str, Any]:
    """The widget of a single value: a choice, one line, several lines, an image."""
    if "enum" in value:
        names = value.get("x-offre", {}).get("options", {}).get(ui)
        options = [{"label": names[index] if names else choice, "value": choice}
                   for index, choice in enumerate(value["enum"])]
        return {"widget": "select", "options": options}
    if value.get("x-offre", {}).get("kind") == "media":
        return {"widget": "image", "choose_url": False}
    if value.get("x-offre", {}).get("kind") == "date":  # a calendar; written 2026-11-20
        return {"widget": "datetime", "time_format": False, "format": "YYYY-MM-DD"}
    if value.get("type") not in ("string", ["string", "integer"]):
        raise EditorConfigError(f"a value of type {value.get('type')!r} has no form")
    pattern = value.get("pattern")
    field: dict[str, Any] = {"widget": "text" if value.get("maxLength") == MAX_TEXT and not pattern else "string"}
    if pattern:
        message = PATTERN_MESSAGES.get(pattern)
        if message is None:
            raise EditorConfigError(f"the pattern {pattern} has no message for the form")
        field["pattern"] = [pattern, typography(message[ui], ui)]
    return field


def _without_null(prop: dict[str, Any]) -> dict[str, Any]:
    """The value's own schema, without the `null` an optional field also accepts."""
    choices = [choice for choice in prop.get("anyOf", []) if choice.get("type") != "null"]
    if len(choices) == 1:
        return choices[0]
    if choices:
        raise EditorConfigError(f"a value of several kinds has no form: {choices}")
    return prop


def _resolved(value: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    reference = value.get("$ref")
    if reference:
        return definitions[reference.rsplit("/", 1)[-1]]
    return value
