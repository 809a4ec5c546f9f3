"""The catalog: every word offre shows or prints, in each language, and the one place that
knows how each language writes (its typography, its dates and numbers).

Everything lives in one YAML file per language beside this module (fr.yaml, en.yaml).
Their top-level keys are the interface of the site and the brochures (menus, headings,
buttons: what the templates read as `s`); each section below them (`cli:`, `serve:`,
`problems:`…) holds the messages of one part of offre, and `typography:` and `formats:`
hold what a language does that is not a word (the no-break space before « : », how a
phone number or an hour is written). Both files must have the same keys with the same
{placeholders}: a string added in one language and forgotten in the other fails the
build (and tests/test_catalog.py).

Why YAML rather than gettext PO files: the team already reads and edits YAML (the
content is YAML), these files were already the home of most strings, and there is no
compile step between editing a word and seeing it. Babel, which gettext would have
brought, is still used where it is best: dates and numbers, in the `fr_CA` and `en_CA`
formats of the Unicode CLDR, rather than hand-written month tables.

No other module of offre compares a language code: it asks the catalog (a message, a
setting, a formatted date), so a third language would be a third YAML file.
"""

from __future__ import annotations

import os
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
LANGUAGES = ("fr", "en")  # the first is the site's own: its pages at the root, the others in a folder


@cache
def strings(language: str) -> dict[str, str]:
    """The interface strings of `language`: the catalog's top-level keys."""
    return {key: value for key, value in _checked(language).items() if isinstance(value, str)}


def section(language: str, name: str) -> dict[str, Any]:
    """One section of the catalog (`cli`, `serve`, `problems`…) in `language`."""
    return _checked(language)[name]


def entry(language: str, key: str) -> Any:
    """A catalog entry as written, by its dotted key: `typography.phone`, `formats.locale`."""
    value: Any = _checked(language)
    for part in key.split("."):
        value = value[part]
    return value


def message(language: str, key: str, /, **values: Any) -> str:
    """The message `key` (dotted: `serve.busy`) in `language`, its {placeholders}
    filled with `values`."""
    return entry(language, key).format(**values)


def in_every_language(key: str, /, **values: Any) -> dict[str, str]:
    """The message `key` in every language, by language: a problem's parameter, which
    the problem says in the language of whoever reads it."""
    return {language: message(language, key, **values) for language in LANGUAGES}


def site_folder(language: str) -> str:
    """Where a language's pages live in the site: the first language at the root ("");
    the others in a folder of their own ("en/")."""
    return "" if language == LANGUAGES[0] else f"{language}/"


def other_language(language: str) -> str:
    """The other language of the two (the twin of a page, of a text)."""
    return next(other for other in LANGUAGES if other != language)


def format_number(value: float, language: str) -> str:
    """A number as the language writes it (Babel, CLDR): 800 161 and 6,5 in French;
    800,161 and 6.5 in English."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=entry(language, "formats.locale"))


def format_day(day: date, language: str) -> str:
    """A day as the language writes it (Babel, CLDR, with the patterns of `formats`):
    « 1er décembre 2026 », « 3 décembre 2026 »; "December 1, 2026"."""
    from babel.dates import format_date

    pattern = entry(language, "formats.first_day" if day.day == 1 else "formats.day")
    return format_date(day, pattern, locale=entry(language, "formats.locale"))


def day_names(language: str) -> list[str]:
    """The days of the week, Monday first, as the language writes them (Babel, CLDR):
    lundi… / Monday…"""
    from babel.dates import get_day_names

    names = get_day_names("wide", locale=entry(language, "formats.locale"))
    return [names[day] for day in range(7)]  # CLDR numbers them from Monday (0)


def options(name: str) -> dict[str, list[str]]:
    """A list's choices in every language (`options` in the catalog), for the editor and
    the schemas."""
    return {language: entry(language, f"options.{name}") for language in LANGUAGES}


def message_language() -> str:
    """The language of messages to the user: the first language unless the locale names
    another one of the catalog's (LC_ALL, LC_MESSAGES, LANG, LANGUAGE, in POSIX order)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name, "")
        if value:
            return next((language for language in LANGUAGES[1:] if value.lower().startswith(language)),
                        LANGUAGES[0])
    return LANGUAGES[0]


def placeholders(text: str) -> set[str]:
    """The names of a message's {placeholders} (`{seconds:.1f}` → seconds)."""
    import string

    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


def _keys(table: dict[str, Any], prefix: str = "") -> set[str]:
    """Every dotted key of a (nested) table."""
    keys = set()
    for key, value in table.items():
        keys.add(prefix + str(key))
        if isinstance(value, dict):
            keys |= _keys(value, f"{prefix}{key}.")
    return keys


@cache
def _checked(language: str) -> dict[str, Any]:
    """The catalog of `language`, once its keys are known to be every other language's."""
    for other in LANGUAGES:
        missing = sorted(_keys(_read(other)) - _keys(_read(language)))
        if missing:
            raise KeyError(f"{HERE / (language + '.yaml')}: missing catalog entries {missing} "
                           f"(present in {other}.yaml) — add them")
    return _read(language)


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def _read(language: str) -> dict[str, Any]:
    # libyaml's parser when PyYAML has it (as content/yaml_source.py): the catalog is read at start-up
    return yaml.load((HERE / f"{language}.yaml").read_text(encoding="utf-8"), Loader=_LOADER)
