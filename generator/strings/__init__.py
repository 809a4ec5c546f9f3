"""Interface strings (menus, headings, buttons) in each language, shared by every output.

They live in one YAML file per language beside this module; both files must have the
same keys, so a string added in one language and forgotten in the other fails the build.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import yaml

HERE = Path(__file__).parent


@cache
def strings(language: str) -> dict[str, str]:
    """The interface strings of `language`, checked against the other languages' keys."""
    table = _read(language)
    for other in ("fr", "en"):
        missing = set(_read(other)) - set(table)
        if missing:
            raise KeyError(
                f"{HERE / (language + '.yaml')}: missing interface strings {sorted(missing)} "
                f"(present in {other}.yaml) — add them"
            )
    return table


@cache
def _read(language: str) -> dict[str, str]:
    return yaml.safe_load((HERE / f"{language}.yaml").read_text(encoding="utf-8"))


def message_language() -> str:
    """The language of messages to the user: French unless the locale says English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "fr"
    return "fr"
