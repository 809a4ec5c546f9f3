"""Content problems, told the way the communications team can act on them.

Every problem names the file, the line and the column, says what is wrong and what
to do, in French by default and in English when the user's locale is English:
`content/en/services.yaml:14:7: <what is wrong> — <what to do>`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..strings import message_language

MESSAGES: dict[str, dict[str, str]] = {
    "fr": {
        "missing_file": "le fichier est introuvable — recréez-le (copiez-le de l'autre langue et traduisez-le)",
        "not_utf8": "le fichier n'est pas enregistré en UTF-8 — dans votre éditeur, choisissez « Enregistrer avec l'encodage UTF-8 »",
        "empty_file": "le fichier est vide — remettez son contenu (voyez le même fichier dans l'autre langue)",
        "tab_indent": "une tabulation sert de retrait — remplacez-la par des espaces (2 espaces par niveau)",
        "unclosed_quote": "un guillemet ouvert ici n'est jamais fermé — ajoutez le guillemet fermant à la fin du texte",
        "colon_in_text": "un deux-points suivi d'une espace dans un texte est lu comme une nouvelle clé — mettez tout le texte entre guillemets doubles \"…\"",
        "bad_indent": "le retrait de cette ligne ne correspond pas à celui des lignes voisines — alignez-la sur les autres éléments du même niveau",
        "missing_colon": "cette ligne n'a pas la forme « clé: valeur » — ajoutez le deux-points après le nom de la clé",
        "yaml_syntax": "la syntaxe YAML est incorrecte ({detail}) — vérifiez cette ligne et celle qui la précède",
        "duplicate_key": "la clé « {key} » apparaît deux fois — gardez-en une seule",
        "not_a_mapping": "le fichier doit contenir des clés (« clé: valeur ») — voyez le même fichier dans l'autre langue",
        "missing": "le champ obligatoire « {field} » manque — ajoutez-le{where}",
        "empty_text": "ce texte est vide — écrivez-le, ou retirez la ligne si le champ est facultatif",
        "empty_value": "rien n'est écrit après le deux-points — écrivez la valeur, ou retirez la ligne si le champ est facultatif",
        "empty_list": "cette liste est vide — ajoutez au moins un élément (une ligne qui commence par « - »)",
        "wrong_type": "on attend {expected} ici — {advice}",
        "unknown_key": "la clé « {key} » n'existe pas{suggestion} — corrigez son nom ou retirez-la",
        "bad_url": "l'adresse « {value} » n'est pas acceptée — écrivez une adresse complète qui commence par https://, http://, mailto: ou tel:",
        "bad_email": "l'adresse courriel « {value} » n'est pas valide — écrivez-la sous la forme nom@domaine.qc.ca, sans espace",
        "bad_phone": "le numéro de téléphone « {value} » n'est pas valide — écrivez 10 chiffres, par exemple 450 433-2777 (le poste va dans « extension »)",
        "bad_extension": "le poste « {value} » n'est pas valide — écrivez seulement les chiffres du poste, par exemple 65139",
        "bad_id": "l'identifiant « {value} » n'est pas valide — utilisez des minuscules sans accents, des chiffres et des traits d'union (ex. : soutien-logement)",
        "duplicate_id": "l'identifiant « {value} » est déjà utilisé à la ligne {other_line} — donnez un identifiant différent à chaque élément",
        "unknown_link": "aucun lien n'a l'identifiant « {value} » dans {contact_file}{suggestion} — corrigez l'identifiant ou ajoutez ce lien",
        "contact_needs_one": "ce contact doit avoir exactement un moyen de joindre l'équipe — gardez un seul de « phone », « email » ou « link »",
        "extension_without_phone": "un poste est donné sans numéro de téléphone — ajoutez « phone » ou retirez « extension »",
        "qr_without_url": "un code QR est demandé pour un lien sans adresse — ajoutez « url » ou mettez « qr: false »",
        "no_twin": "« {value} » n'existe pas dans {other_file} — ajoutez-y l'élément traduit avec le même identifiant, ou retirez celui-ci des deux langues",
        "parity_count": "{what} : le nombre d'éléments diffère de {other_file} — les deux langues doivent décrire les mêmes choses",
        "parity_missing_section": "« {field} » existe ici mais pas dans {other_file} — ajoutez-le dans l'autre langue ou retirez-le ici",
    },
    "en": {
        "missing_file": "the file cannot be found — create it again (copy it from the other language and translate it)",
        "not_utf8": "the file is not saved as UTF-8 — in your editor, choose \"Save with encoding UTF-8\"",
        "empty_file": "the file is empty — put its content back (see the same file in the other language)",
        "tab_indent": "a tab is used for indentation — replace it with spaces (2 spaces per level)",
        "unclosed_quote": "a quote opened here is never closed — add the closing quote at the end of the text",
        "colon_in_text": "a colon followed by a space inside a text is read as a new key — put the whole text in double quotes \"…\"",
        "bad_indent": "this line's indentation does not match the lines around it — align it with the other items of the same level",
        "missing_colon": "this line is not of the form \"key: value\" — add the colon after the key's name",
        "yaml_syntax": "the YAML syntax is wrong ({detail}) — check this line and the one before it",
        "duplicate_key": "the key \"{key}\" appears twice — keep only one",
        "not_a_mapping": "the file must contain keys (\"key: value\") — see the same file in the other language",
        "missing": "the required field \"{field}\" is missing — add it{where}",
        "empty_text": "this text is empty — write it, or remove the line if the field is optional",
        "empty_value": "nothing is written after the colon — write the value, or remove the line if the field is optional",
        "empty_list": "this list is empty — add at least one item (a line starting with \"- \")",
        "wrong_type": "{expected} is expected here — {advice}",
        "unknown_key": "there is no key \"{key}\"{suggestion} — correct its name or remove it",
        "bad_url": "the address \"{value}\" is not accepted — write a full address starting with https://, http://, mailto: or tel:",
        "bad_email": "the e-mail address \"{value}\" is not valid — write it as name@domain.qc.ca, with no spaces",
        "bad_phone": "the phone number \"{value}\" is not valid — write 10 digits, e.g. 450 433-2777 (the extension goes in \"extension\")",
        "bad_extension": "the extension \"{value}\" is not valid — write only the extension's digits, e.g. 65139",
        "bad_id": "the id \"{value}\" is not valid — use lower-case letters without accents, digits and hyphens (e.g. housing-support)",
        "duplicate_id": "the id \"{value}\" is already used on line {other_line} — give each item a different id",
        "unknown_link": "no link has the id \"{value}\" in {contact_file}{suggestion} — correct the id or add that link",
        "contact_needs_one": "this contact must have exactly one way to reach the team — keep only one of \"phone\", \"email\" or \"link\"",
        "extension_without_phone": "an extension is given without a phone number — add \"phone\" or remove \"extension\"",
        "qr_without_url": "a QR code is asked for a link with no address — add \"url\" or set \"qr: false\"",
        "no_twin": "\"{value}\" does not exist in {other_file} — add the translated item there with the same id, or remove this one from both languages",
        "parity_count": "{what}: the number of items differs from {other_file} — both languages must describe the same things",
        "parity_missing_section": "\"{field}\" exists here but not in {other_file} — add it to the other language or remove it here",
    },
}

TYPE_NAMES = {
    "fr": {
        "text": ("un texte", "écrivez le texte après le deux-points, sur la même ligne"),
        "list": ("une liste", "écrivez un élément par ligne, chacun commençant par « - »"),
        "mapping": ("des clés (« clé: valeur »)", "voyez la même section dans l'autre langue"),
        "bool": ("true ou false", "écrivez true (oui) ou false (non)"),
    },
    "en": {
        "text": ("a text", "write the text after the colon, on the same line"),
        "list": ("a list", "write one item per line, each starting with \"- \""),
        "mapping": ("keys (\"key: value\")", "see the same section in the other language"),
        "bool": ("true or false", "write true (yes) or false (no)"),
    },
}

@dataclass(frozen=True)
class Problem:
    """One thing wrong in one place of one content file."""

    path: Path
    line: int
    column: int
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def __init__(self, path: Path, line: int, column: int, code: str, **params: Any) -> None:
        object.__setattr__(self, "path", Path(path))
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "column", column)
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "params", params)

    def message(self, language: str | None = None) -> str:
        language = language or message_language()
        template = MESSAGES[language][self.code]
        params = {key: _localise(value, language) for key, value in self.params.items()}
        return template.format_map(_Defaults(params))

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line}:{self.column}: {self.message()}"


class _Defaults(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _localise(value: Any, language: str) -> Any:
    """Params may carry one text per language (a dict with 'fr' and 'en')."""
    if isinstance(value, dict) and set(value) == {"fr", "en"}:
        return value[language]
    if isinstance(value, Path):
        return display_path(value)
    return value


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to where they stand, when it can be."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class ContentProblems(Exception):
    """Raised with every problem found in one run, never only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (str(p.path), p.line, p.column))
        super().__init__("\n".join(str(problem) for problem in self.problems))
