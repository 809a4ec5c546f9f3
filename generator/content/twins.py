"""Facts in step across languages: what must be the same in French and in English, compared.

A phone number, an extension, an e-mail address, a postal address's civic number and
postal code, the opening hours, a link to a page that exists in one language only
(`language: fr`, the same page from both): a reader of either language must be told
the same. The browser editor asks for these once and copies them across; a text editor
does not, so a team that types an English 450 466-5001 against a French …5000 would
publish two phone numbers. Each difference is an error at both places, naming both
values (a link without `language` may lead to each language's own page: not compared).

Compared on the validated models (450-466-5000 and (450) 466-5000 are the same number),
item by item through the lists' ids; said with the values as the team wrote them.
"""

from __future__ import annotations

import os
import re
from typing import Any

from pydantic import BaseModel

from .models import FILES, Link, OpeningHours, PostalAddress, field_words
from .problems import Problem, display_path
from .yaml_source import PathKey, YamlSource

CIVIC_NUMBER = re.compile(r"^\s*(\d+[A-Za-z]?(?:-\d+)?)")  # 500, … / 1200-A rue … / 12B …
CIVIC_LABEL = {"fr": "Numéro civique", "en": "Civic number"}
POSTAL_LABEL = {"fr": "Code postal", "en": "Postal code"}
PROVINCE_LABEL = {"fr": "Province", "en": "Province"}
HOURS_LABEL = {"fr": "Heures d'ouverture", "en": "Opening hours"}
URL_LABEL = {"fr": "Adresse du lien", "en": "Link's address"}
NOT_COMPARED = {"id"}  # ids pair the items: a different id is another item (parity says so)


def facts_differ(sources: dict[str, dict[str, YamlSource]], models: dict[str, dict[str, BaseModel]]
                 ) -> list[Problem]:
    """An error at both places for each fact that differs between the two languages."""
    first, second = list(sources)[:2]
    problems: list[Problem] = []
    for name in FILES:
        pair = (models[first].get(name), models[second].get(name))
        files = (sources[first].get(name), sources[second].get(name))
        if None in pair or None in files:
            continue  # a file that failed its own checks: already said
        _walk(pair[0], pair[1], (), (), False, _Report(files[0], files[1], problems))  # type: ignore[arg-type]
    return problems


class _Report:
    """Where both files are, and the problems found so far."""

    def __init__(self, mine: YamlSource, theirs: YamlSource, problems: list[Problem]) -> None:
        self.sources = (mine, theirs)
        self.problems = problems

    def differ(self, paths: tuple[PathKey, PathKey], label: dict[str, str], values: tuple[str, str]) -> None:
        values = _apart(values)
        places = [source.position(path) for source, path in zip(self.sources, paths)]
        for side in (0, 1):
            other = 1 - side
            other_place = f"{display_path(self.sources[other].path)}:{places[other].line}:{places[other].column}"
            self.problems.append(Problem(self.sources[side].path, places[side].line, places[side].column,
                                         "twin_differs", field=label, value=values[side],
                                         other_value=values[other], other_place={"fr": other_place, "en": other_place}))

    def written(self, side: int, path: PathKey, fallback: Any) -> str:
        """The value as the team wrote it (a number without quotes is a number)."""
        data: Any = self.sources[side].data
        for part in path:
            try:
                data = data[part]
            except (KeyError, IndexError, TypeError):
                return str(fallback)
        return " ".join(str(data).split()) if isinstance(data, (str, int, float)) else str(fallback)


def _apart(values: tuple[str, str], keep: int = 24) -> tuple[str, str]:
    """Two long values that start alike (two addresses of one site), said from a little
    before where they differ: a message cuts a value at 80 characters, which would show
    the same beginning twice."""
    common = len(os.path.commonprefix(values))
    if common <= keep * 2 or max(len(value) for value in values) <= 80:
        return values
    return ("…" + values[0][common - keep:], "…" + values[1][common - keep:])


def _walk(mine: BaseModel, theirs: BaseModel, path_a: PathKey, path_b: PathKey, same: bool,
          report: _Report) -> None:
    """Compare two twins field by field (`same`: the whole section is the same in both
    languages, as a repository's settings): items paired by id, sections in depth."""
    for name, field in type(mine).model_fields.items():
        a, b = getattr(mine, name), getattr(theirs, name)
        here, there = path_a + (name,), path_b + (name,)
        is_same = same or bool(field_words(field).get("same"))
        if a is None or b is None:
            continue  # present in one language only: parity says so
        if isinstance(a, PostalAddress) and isinstance(b, PostalAddress):
            _address(a, b, here, there, report)
        elif name == "hours" and isinstance(a, list) and isinstance(b, list):
            _hours(a, b, here, there, report)
        elif isinstance(a, BaseModel) and isinstance(b, BaseModel):
            _walk(a, b, here, there, is_same, report)
        elif isinstance(a, list) and isinstance(b, list):
            theirs_by_id = {getattr(item, "id", None): (index, item) for index, item in enumerate(b)}
            for index, item in enumerate(a):
                key = getattr(item, "id", None)
                if isinstance(item, BaseModel) and key is not None and key in theirs_by_id:
                    other_index, other = theirs_by_id[key]
                    _walk(item, other, here + (index,), there + (other_index,), False, report)
        elif name == "url" and isinstance(mine, Link) and (mine.language or theirs.language) and a != b:  # type: ignore[attr-defined]
            report.differ((here, there), URL_LABEL, (report.written(0, here, a), report.written(1, there, b)))
        elif is_same and name not in NOT_COMPARED and a != b:
            label = field_words(field).get("label") or {"fr": name, "en": name}
            report.differ((here, there), label, (report.written(0, here, a), report.written(1, there, b)))


def _address(a: PostalAddress, b: PostalAddress, here: PathKey, there: PathKey, report: _Report) -> None:
    """The street and city may be translated (rue Principale, Principale Street): the
    civic number, the postal code and the province may not."""
    numbers = [CIVIC_NUMBER.match(address.street) for address in (a, b)]
    if numbers[0] and numbers[1] and numbers[0].group(1).upper() != numbers[1].group(1).upper():
        report.differ((here + ("street",), there + ("street",)), CIVIC_LABEL,
                      (numbers[0].group(1), numbers[1].group(1)))
    if a.postal_code != b.postal_code:
        report.differ((here + ("postal_code",), there + ("postal_code",)), POSTAL_LABEL,
                      (report.written(0, here + ("postal_code",), a.postal_code),
                       report.written(1, there + ("postal_code",), b.postal_code)))
    if a.province != b.province:
        report.differ((here + ("province",), there + ("province",)), PROVINCE_LABEL, (a.province, b.province))


def _hours(a: list[OpeningHours], b: list[OpeningHours], here: PathKey, there: PathKey, report: _Report) -> None:
    """The periods, in order: the first that differs is named (or the one only one language has)."""
    for index in range(max(len(a), len(b))):
        if index < len(a) and index < len(b) and a[index] == b[index]:
            continue
        values = (_period(a[index]) if index < len(a) else "—", _period(b[index]) if index < len(b) else "—")
        report.differ((here + (min(index, len(a) - 1),), there + (min(index, len(b) - 1),)), HOURS_LABEL, values)
        return


def _period(hours: OpeningHours) -> str:
    days = hours.first_day + (f"–{hours.last_day}" if hours.last_day and hours.last_day != hours.first_day else "")
    return f"{days} {hours.opens}–{hours.closes}"
