"""The catalog (generator/strings): both languages say the same things, and it is the only
module of offre that knows which language is which.

In-process and fast: it reads YAML and source files, builds nothing.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from generator.strings import LANGUAGES, _read, format_day, format_number, message, placeholders, site_folder

GENERATOR = Path(__file__).resolve().parents[1] / "generator"
CATALOG = GENERATOR / "strings" / "__init__.py"


def _flat(table: dict, prefix: str = "") -> dict[str, object]:
    """Every leaf of a nested table, by its dotted key."""
    flat: dict[str, object] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            flat.update(_flat(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _names(value: object) -> set[str]:
    """The {placeholders} of an entry (of each text, for a list)."""
    texts = value if isinstance(value, list) else [value]
    return set().union(*(placeholders(text) for text in texts if isinstance(text, str)))


def test_every_key_is_in_both_languages_with_the_same_placeholders():
    tables = {language: _flat(_read(language)) for language in LANGUAGES}
    first, *others = LANGUAGES
    for other in others:
        assert sorted(tables[first].keys() - tables[other].keys()) == [], f"missing in {other}.yaml"
        assert sorted(tables[other].keys() - tables[first].keys()) == [], f"missing in {first}.yaml"
        differing = {key: (_names(tables[first][key]), _names(tables[other][key]))
                     for key in tables[first] if _names(tables[first][key]) != _names(tables[other][key])}
        assert differing == {}, "the placeholders differ between the languages"


def test_argparse_is_given_only_the_values_it_has():
    """argparse's words are keyed by its English and filled by argparse (%(name)s): a
    translation may leave one out, never name one argparse does not give."""
    for language in LANGUAGES:
        for english, said in _read(language)["argparse"].items():
            assert set(re.findall(r"%\((\w+)\)", said)) <= set(re.findall(r"%\((\w+)\)", english)), said


def test_the_placeholder_check_reads_names_not_only_braces():
    assert _names("Built in {output} ({seconds:.1f} s)") == {"output", "seconds"}
    assert _names("Built in {output}") != _names("Construit dans {dossier}")


def test_messages_are_looked_up_with_their_values():
    assert message("fr", "serve.busy", port=8000) == (
        "offre: le port 8000 est déjà utilisé — choisissez-en un autre avec --port")
    assert message("en", "serve.busy", port=8000) == "offre: port 8000 is already in use — choose another one with --port"


@pytest.mark.parametrize(("language", "day", "spelled"), [
    ("fr", date(2026, 12, 1), "1er décembre 2026"),
    ("fr", date(2026, 8, 3), "3 août 2026"),
    ("en", date(2026, 12, 1), "December 1, 2026"),
    ("en", date(2026, 8, 3), "August 3, 2026"),
])
def test_days_are_written_as_each_language_does(language, day, spelled):
    assert format_day(day, language) == spelled


def test_numbers_are_written_as_each_language_does():
    assert format_number(800161, "fr") == "800\u00a0161"
    assert format_number(800161, "en") == "800,161"
    assert format_number(6.5, "fr") == "6,5"
    assert format_number(6.5, "en") == "6.5"


def test_the_first_language_is_at_the_root_of_the_site():
    assert site_folder("fr") == ""
    assert site_folder("en") == "en/"


# A language code in quotes beside a comparison (==, !=, in, a set or tuple of codes):
# a module deciding by itself what a language does, which the catalog is there to say.
CODE = r"""["'](?:fr|en)(?:[-_][A-Za-z]+)?["']"""
COMPARISON = re.compile(
    rf"""(?:==|!=|\bin)\s*[(\[{{]?\s*{CODE}"""   # language == "fr", x in ("fr", …), set(x) == {{"fr", …}}
    rf"""|{CODE}\s*(?:==|!=|\bin\b)"""            # "fr" == language, "fr" in languages
    rf"""|\.startswith\(\s*{CODE}""")             # locale.startswith("fr")


def _comparisons(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if COMPARISON.search(line)]


def test_the_check_finds_the_ways_a_module_compares_a_language_code():
    for line in ['if language == "fr":', "x = a if lang != 'en' else b", 'if language in ("fr", "en"):',
                 'if set(value) == {"fr", "en"}:', 'if "fr" == ui:', 'if value.startswith("en")']:
        assert _comparisons(line) == [line], line
    assert _comparisons('offers["fr"].draft') == []
    assert _comparisons('folder = "" if language == languages[0] else language') == []


def test_no_module_but_the_catalog_compares_a_language_code():
    found = {str(path.relative_to(GENERATOR)): _comparisons(path.read_text(encoding="utf-8"))
             for path in sorted(GENERATOR.rglob("*.py")) if path != CATALOG}
    assert {path: lines for path, lines in found.items() if lines} == {}
