"""The starter's placeholders: values `offre new` writes for a team to replace, known as such.

A starter builds as it is (a team sees a site at once), so nothing in the schema stops
"CISSS de votre région", 450 555-0100 or equipe@votre-etablissement.example from being
published. Each is found here, wherever it was left: `offre check` and the preview list
them (warnings), `offre build` refuses to publish while one is left, unless asked for a
draft (`--draft`), which every page and brochure then marks as such.

The starter's own stand-ins, and only those: its addresses at votre-etablissement.example
(`.example` is reserved for examples, RFC 2606), its phone 450 555-0100 (555-01xx is kept
for fiction), the postal code H0H 0H0, its "your region / your city" names, and its
paragraphs that tell what to write ("Décrivez votre équipe…", "Describe the service…").
A starter text a team may well keep ("Organisation communautaire", "Solidarité") is not
one, nor is a made-up example's own fiction (examples/fictif: ciusss-exemple.example).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .problems import Problem
from .yaml_source import PathKey, YamlSource

# The starter's names of a place, as written in either language (compared folded, case aside).
NAMES = frozenset(name.casefold() for name in (
    "Centre intégré de santé et de services sociaux de votre région", "CISSS de votre région",
    "Votre région", "Your region", "Votre ville", "Your city", "Votre premier territoire", "Your first area",
))
# The starter's instructions: a paragraph that starts by telling what to write.
INSTRUCTIONS = re.compile(r"^(décrivez votre équipe|décrivez le service|describe your team|describe the service)\b",
                          re.IGNORECASE)
STARTER_DOMAIN = re.compile(r"(?<![a-z0-9-])votre-etablissement\.example(?![a-z0-9-])", re.IGNORECASE)
STARTER_PHONE = re.compile(r"^\D*(?:1\D*)?450\D*555\D*0100\D*$")
NO_POSTAL_CODE = "H0H0H0"  # Santa Claus's: no one's address


def is_placeholder(value: str) -> bool:
    """Whether `value` is one of the starter's stand-ins rather than the team's own."""
    folded = " ".join(value.split())
    return (folded.casefold() in NAMES or bool(INSTRUCTIONS.match(folded)) or bool(STARTER_DOMAIN.search(folded))
            or bool(STARTER_PHONE.match(folded)) or folded.replace(" ", "").upper() == NO_POSTAL_CODE)


def placeholders(sources: dict[str, YamlSource]) -> list[Problem]:
    """A warning at each placeholder left in one language's files, in file and line order."""
    found = []
    for source in sources.values():
        for path, value in _scalars(source.data):
            if is_placeholder(value):
                where = source.position(path)
                found.append(Problem(source.path, where.line, where.column, "placeholder", value=value))
    return found


def _scalars(data: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    """Every text (and number: a phone may be written without quotes) with its path."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _scalars(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _scalars(value, path + (index,))
    elif isinstance(data, (str, int)) and not isinstance(data, bool):
        yield path, str(data)
