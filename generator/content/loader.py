"""Load `content/<language>/*.yaml`, check everything, and return one `Offer` per language.

All problems of a run are collected and raised together (`ContentProblems`), each with
its file and line, so the communications team fixes them in one pass.
"""

from __future__ import annotations

import difflib
import os
import stat
import types
import typing
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..oserrors import reason
from ..text import display_url, to_uri
from .limits import MAX_FILE_BYTES, MAX_QR_ADDRESS
from .media import check_file
from .freshness import TRANSLATIONS_FILE, Review, stale_translations
from .models import FILES, ContentRule, Offer, TranslationsFile
from .names import phone_name, phone_name_is_cut
from .placeholders import placeholders
from .problems import ContentProblems, Problem, display_path
from .twins import facts_differ
from .yaml_source import PathKey, YamlSource, decode, parse
from ..strings import LANGUAGES, entry, in_every_language  # noqa: F401 (LANGUAGES: the content's folders, as others import it from here)


def load_content(content_dir: Path, warnings: list[Problem] | None = None, *, cache: bool = True
                 ) -> dict[str, Offer]:
    """Every language of `content_dir`, validated and checked for FR/EN parity.

    What is worth saying but does not stop a build (a link with no address, no
    signature, a text changed in one language after its twin: see freshness.py, a
    starter's placeholder left: see placeholders.py) is appended to `warnings` when a
    list is given. `cache`: false to read the Git history
    again rather than what .offre/cache/ keeps of it."""
    content_dir = Path(content_dir)
    try:
        if not content_dir.is_dir():
            raise ContentProblems([Problem(content_dir, 0, 0, "no_content_folder")])
    except OSError as error:  # a loop of links, a name too long…
        raise ContentProblems([Problem(content_dir, 0, 0, "unreadable", reason=reason(error))]) from None
    problems: list[Problem] = []
    sources: dict[str, dict[str, YamlSource]] = {}
    models: dict[str, dict[str, Any]] = {}  # file name → its model (each file's own class)
    for language in LANGUAGES:
        sources[language], models[language] = {}, {}
        for name, model in FILES.items():
            path = content_dir / language / name
            source, found = _read(path)
            problems += found
            if source is None:
                continue
            sources[language][name] = source
            validated, found = _validate(source, model)
            problems += found
            if validated is not None:
                models[language][name] = validated
        problems += _check_references(sources[language])
    problems += _check_parity(sources)
    problems += facts_differ(sources, models)
    reviews, found = _reviews(content_dir)
    problems += found
    media: dict[str, dict[str, str]] = {}
    noted: list[Problem] = []
    for language in LANGUAGES:
        found, media[language] = _check_media(content_dir, sources[language], models[language])
        problems += found
        if len(models[language]) == len(FILES):
            found, said = _check_offer(sources[language], models[language])
            problems += found
            noted += said
        noted += placeholders(sources[language])
    if problems:
        raise ContentProblems(_unique(problems))
    if warnings is not None:
        warnings += noted + stale_translations(content_dir, sources, reviews, cache=cache)
    return {
        language: Offer(
            language=language,
            organisation=models[language]["organisation.yaml"],
            practice=models[language]["practice.yaml"],
            services=models[language]["services.yaml"],
            contact=models[language]["contact.yaml"],
            locations=_locations(sources[language]),
            media=media[language],
        )
        for language in LANGUAGES
    }


def _check_offer(sources: dict[str, YamlSource], models: dict[str, Any]
                 ) -> tuple[list[Problem], list[Problem]]:
    """What only the whole offer of one language can tell: (problems, warnings).

    Nothing points nowhere: a link without an address that a service or a contact
    names is shown nowhere, and said; a service whose only ways to ask are such links
    is a problem. Page addresses (slugs) must be unique."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    organisation, services, contact = (models["organisation.yaml"], models["services.yaml"],
                                       models["contact.yaml"])
    links = {link.id: link for link in contact.links}
    contact_source, services_source = sources["contact.yaml"], sources["services.yaml"]

    def at(source: YamlSource, path: PathKey, code: str, **params: Any) -> Problem:
        where = source.position(path)
        return Problem(source.path, where.line, where.column, code, **params)

    def nowhere(source: YamlSource, path: PathKey, link_id: str) -> None:
        link = links.get(link_id)
        if link is not None and not link.url:
            warnings.append(at(source, path, "link_without_address", value=link_id, label=link.label))

    for index, reached in enumerate(contact.contacts):
        if reached.link:
            nowhere(contact_source, ("contacts", index, "link"), reached.link)
    problems += _duplicate_slugs(services_source, "services", services.services, "duplicate_slug")
    for index, service in enumerate(services.services):
        request = service.request
        if request is None:
            continue
        path = ("services", index, "request")
        for key in ("link", "form"):
            if getattr(request, key):
                nowhere(services_source, path + (key,), getattr(request, key))
        usable = [links.get(request.link), links.get(request.form)]
        own_form = next((form for form in contact.forms if form.id == request.form), None)
        if not (request.email or request.phone or own_form or any(link is not None and link.url for link in usable)):
            problems.append(at(services_source, path, "no_way_to_ask", title=service.title))
        coded_link = links.get(request.link)
        if own_form is not None and organisation.site.public_url is None \
                and not (coded_link is not None and coded_link.qr and coded_link.url):
            # a link's code holds the link's own address; the form's page has none before
            # the site's public address is known (see qr.codes._form_codes)
            warnings.append(at(services_source, path + ("form",), "form_without_qr", value=own_form.title))
    practice = models["practice.yaml"]
    problems += _duplicate_slugs(contact_source, "forms", contact.forms, "duplicate_form_slug")
    for index, form in enumerate(contact.forms):
        for number, question in enumerate(form.fields):
            if question.choices_from and not getattr(practice, question.choices_from, None) \
                    and question.choices_from != "services":
                problems.append(at(contact_source, ("forms", index, "fields", number, "choices_from"),
                                   "choices_from_empty", value=question.choices_from))
    pages = organisation.site.pages
    taken: dict[str, str] = {}
    for name in ("about", "contact", "downloads"):
        slug = getattr(pages, name)
        if slug is None:
            continue
        if slug in RESERVED_SLUGS or slug in taken:
            problems.append(at(sources["organisation.yaml"], ("site", "pages", name), "reserved_slug", value=slug))
        taken[slug] = name
    if organisation.organisation.signature is None:
        warnings.append(at(sources["organisation.yaml"], ("organisation",), "no_signature"))
    if phone_name_is_cut(organisation):
        warnings.append(at(sources["organisation.yaml"], ("organisation", "team_short" if
                                                           organisation.organisation.team_short else "team"),
                           "long_phone_name", value=phone_name(organisation), length=len(phone_name(organisation))))
    if organisation.site.public_url is None:
        for index, link in enumerate(contact.links):
            printed = display_url(link.url) if link.qr and link.url else ""
            if len(printed) > LONG_PRINTED_ADDRESS:
                warnings.append(at(contact_source, ("links", index, "url"), "long_qr_address", value=link.label,
                                   length=len(printed), limit=LONG_PRINTED_ADDRESS))
    return problems, warnings


LONG_PRINTED_ADDRESS = 60  # characters: past this, a printed address under a QR code takes three lines or more
RESERVED_SLUGS = {"services", "qr", "assets", "downloads", *LANGUAGES, "admin", "index", "search", "404", "formulaires", "forms"}


def _duplicate_slugs(source: YamlSource, key: str, entries: list[Any], code: str) -> list[Problem]:
    """A page address (its `slug`, else its `id`) that an earlier entry of `key` already
    takes: at the later one, naming the earlier one's line."""
    found: list[Problem] = []
    first: dict[str, int] = {}
    for index, entry_ in enumerate(entries):
        slug = entry_.slug or entry_.id
        if slug in first:
            where = source.position((key, index, "slug" if entry_.slug else "id"))
            found.append(Problem(source.path, where.line, where.column, code, value=slug, other_line=first[slug]))
        first.setdefault(slug, source.position((key, index)).line)
    return found


def _check_media(content_dir: Path, sources: dict[str, YamlSource], models: dict[str, Any]
                 ) -> tuple[list[Problem], dict[str, str]]:
    """Every image file the content names, checked (see media.py)."""
    problems: list[Problem] = []
    found: dict[str, str] = {}
    organisation = models.get("organisation.yaml")
    source = sources.get("organisation.yaml")
    if organisation is None or source is None:
        return problems, found
    named: list[tuple[tuple[str, ...], Any, str]] = [
        (("organisation", "signature"), organisation.organisation.signature, "signature")]
    if organisation.hero.image is not None:
        named.append((("hero", "image", "file"), organisation.hero.image.file, "cover"))
    for path, relative, kind in named:
        if relative is None:
            continue
        absolute, problem = check_file(content_dir, relative, kind)
        if problem is not None:
            where = source.position(path)
            code, details = problem
            problems.append(Problem(source.path, where.line, where.column, code, value=relative, **details))
        else:
            found[relative] = str(absolute)
    return problems, found


def _reviews(content_dir: Path) -> tuple[list[Review], list[Problem]]:
    """translations.yaml's lines, checked like the rest (the file is optional)."""
    path = content_dir / TRANSLATIONS_FILE
    if not os.path.lexists(path):
        return [], []
    source, problems = _read(path)
    if source is None:
        return [], problems
    validated, found = _validate(source, TranslationsFile)
    if validated is None:
        return [], problems + found
    reviews = []
    for index, marked in enumerate(validated.reviewed or []):  # type: ignore[attr-defined]
        where = source.position(("reviewed", index))
        reviews.append(Review(marked.text.strip(), date.fromisoformat(marked.date), source.path, where.line,
                              where.column))
    return reviews, problems


def _locations(sources: dict[str, YamlSource]) -> dict[str, str]:
    """'file/key' and 'file/key/<id>' → 'path:line', so later stages can point at the text."""
    found: dict[str, str] = {}
    for name, source in sources.items():
        for path, position in source.values.items():
            if len(path) == 1:
                found[f"{name}/{path[0]}"] = f"{display_path(source.path)}:{position.line}"
        for path, items in _lists_of_items(source.data):
            for index, item in enumerate(items):
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    line = source.position(path + (index,)).line
                    found["/".join([name, *map(str, path), item["id"]])] = f"{display_path(source.path)}:{line}"
    return found


def _read(path: Path) -> tuple[YamlSource | None, list[Problem]]:
    """The file's data, or why it cannot be had: never more than MAX_FILE_BYTES read,
    never anything but a regular file opened (a named pipe would block for ever)."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode) or not stat.S_ISREG(info.st_mode):
            return None, [Problem(path, 1, 1, "not_a_file")]
        if info.st_size > MAX_FILE_BYTES:
            return None, [Problem(path, 1, 1, "file_too_big", size=info.st_size, limit=MAX_FILE_BYTES)]
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except (FileNotFoundError, NotADirectoryError):
        return None, [Problem(path, 1, 1, "missing_file")]
    except OSError as error:
        return None, [Problem(path, 1, 1, "unreadable", reason=reason(error))]
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(path, 1, 1, "file_too_big", size=len(raw), limit=MAX_FILE_BYTES)]
    text, problems = decode(path, raw)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [Problem(path, 1, 1, "empty_file")]
    source, problems = parse(path, text)
    if source is not None and not isinstance(source.data, dict):
        return None, problems + [Problem(path, 1, 1, "not_a_mapping")]
    return source, problems


# --- schema ----------------------------------------------------------------------------

_TYPE_ERRORS = {
    "string_type": "text",
    "list_type": "list",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "dict_type": "mapping",
    "bool_type": "bool",
    "bool_parsing": "bool",
}


def _validate(source: YamlSource, model: type[BaseModel]) -> tuple[BaseModel | None, list[Problem]]:
    try:
        return model.model_validate(source.data), []
    except ValidationError as error:
        details = error.errors()
    # A misspelt key is one mistake, not two: drop the "missing" its correct name causes.
    misspelt = set()
    for detail in details:
        if detail["type"] == "extra_forbidden":
            loc = tuple(part for part in detail["loc"] if not _is_branch_name(part))
            close = difflib.get_close_matches(str(loc[-1]), _allowed_keys(model, loc[:-1]), n=1, cutoff=0.6)
            if close:
                misspelt.add(loc[:-1] + (close[0],))
    return None, [
        _problem(source, model, detail) for detail in details
        if not (detail["type"] == "missing"
                and tuple(p for p in detail["loc"] if not _is_branch_name(p)) in misspelt)
    ]


def _problem(source: YamlSource, model: type[BaseModel], error: Any) -> Problem:
    """Turn one pydantic error into a message about the user's file."""
    loc: PathKey = tuple(part for part in error["loc"] if not _is_branch_name(part))
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        where = source.position(loc[:-1])
        return Problem(source.path, where.line, where.column, "missing", field=loc[-1],
                       where=in_every_language("problem_parts.to_this_item") if loc[:-1] else "")
    if kind == "extra_forbidden":
        where = source.position(loc, key=True)
        allowed = _allowed_keys(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        suggestion = (in_every_language("problem_parts.did_you_mean", key=close[0]) if close else
                      in_every_language("problem_parts.possible_keys", keys=", ".join(allowed)))
        return Problem(source.path, where.line, where.column, "unknown_key", key=loc[-1],
                       suggestion=suggestion)
    where = source.position(loc)
    if kind == "too_short":
        return Problem(source.path, where.line, where.column, "empty_list")
    if value is None and kind == "list_type":
        return Problem(source.path, where.line, where.column, "empty_list_value", key=loc[-1] if loc else "")
    if value is None and kind in ("string_type", "model_type", "dict_type"):
        return Problem(source.path, where.line, where.column, "empty_value")
    if kind == "string_pattern_mismatch":
        return Problem(source.path, where.line, where.column, "bad_id", value=value)
    if kind == "value_error":
        rule = error["ctx"]["error"]
        if isinstance(rule, ContentRule):
            params = dict(rule.params)
            if "at" in params:  # a rule of an item that is about one of its keys
                where = source.position(loc + (params.pop("at"),), key=True)
            return Problem(source.path, where.line, where.column, rule.code, **params)
        return Problem(source.path, where.line, where.column, str(rule), value=value)
    if kind == "string_too_long":
        limit = error["ctx"]["max_length"]
        code = "id_too_long" if loc and loc[-1] in ("id", "link") else "too_long"
        return Problem(source.path, where.line, where.column, code, length=len(value), limit=limit)
    if kind == "too_long":  # a list
        return Problem(source.path, where.line, where.column, "too_many_items",
                       count=len(value) if isinstance(value, list) else "?", limit=error["ctx"]["max_length"])
    expected = _TYPE_ERRORS.get(kind, "text")
    return Problem(source.path, where.line, where.column, "wrong_type",
                   expected={lang: entry(lang, f"value_types.{expected}.name") for lang in LANGUAGES},
                   advice={lang: entry(lang, f"value_types.{expected}.advice") for lang in LANGUAGES})


def _model_at(model: type[BaseModel], loc: PathKey) -> type[BaseModel] | None:
    """The model class found by following `loc` from `model` (list indexes skipped)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int):
            continue
        if current is None or part not in current.model_fields:
            return None
        current = _inner_model(current.model_fields[part].annotation)
    return current


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for argument in typing.get_args(annotation):
            found = _inner_model(argument)
            if found is not None:
                return found
    return None


def _is_branch_name(part: Any) -> bool:
    """Pydantic adds the branch of a union to an error's location ("str", "function-after[…]")."""
    return isinstance(part, str) and (part in {"str", "int", "float", "bool"} or "[" in part)


def _allowed_keys(model: type[BaseModel], loc: PathKey) -> list[str]:
    found = _model_at(model, loc)
    return list(found.model_fields) if found is not None else []


# --- references between items ------------------------------------------------------------


def _lists_of_items(data: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, list[dict[str, Any]]]]:
    """Every list whose elements are mappings with an `id`, wherever it stands."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _lists_of_items(value, path + (key,))
    elif isinstance(data, list):
        items = [item for item in data if isinstance(item, dict) and "id" in item]
        if items:
            yield path, data
        for index, item in enumerate(data):
            yield from _lists_of_items(item, path + (index,))


def _check_references(sources: dict[str, YamlSource]) -> list[Problem]:
    problems: list[Problem] = []
    for source in sources.values():
        for path, items in _lists_of_items(source.data):
            seen: dict[str, int] = {}
            for index, item in enumerate(items):
                if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                    continue
                where = source.position(path + (index, "id"))
                if item["id"] in seen:
                    problems.append(Problem(source.path, where.line, where.column, "duplicate_id",
                                            value=item["id"], other_line=seen[item["id"]]))
                else:
                    seen[item["id"]] = where.line
    contact = sources.get("contact.yaml")
    links = contact.data.get("links") if contact else None
    link_ids = [link["id"] for link in links if isinstance(link, dict) and isinstance(link.get("id"), str)] if isinstance(links, list) else []
    form_ids, found = _form_ids(contact, link_ids)
    problems += found
    if contact is not None:
        organisation = sources.get("organisation.yaml")
        site = organisation.data.get("site") if organisation else None
        short_codes = isinstance(site, dict) and bool(site.get("public_url"))
        for index, link in enumerate(links if isinstance(links, list) else []):
            if isinstance(link, dict) and link.get("qr") is True and not link.get("url"):
                where = contact.position(("links", index, "qr"))
                problems.append(Problem(contact.path, where.line, where.column, "qr_without_url"))
            elif isinstance(link, dict) and link.get("qr") is True and isinstance(link.get("url"), str) \
                    and not short_codes and len(to_uri(link["url"])) > MAX_QR_ADDRESS:
                where = contact.position(("links", index, "url"))
                problems.append(Problem(contact.path, where.line, where.column, "qr_too_long",
                                        length=len(to_uri(link["url"])), limit=MAX_QR_ADDRESS))
        contacts = contact.data.get("contacts")
        for index, reached in enumerate(contacts if isinstance(contacts, list) else []):
            if not isinstance(reached, dict):
                continue
            if isinstance(reached.get("link"), str):
                problems += _check_link(contact, ("contacts", index, "link"), reached["link"], link_ids, contact)
    services = sources.get("services.yaml")
    if services is not None and contact is not None:
        entries = services.data.get("services")
        for index, service in enumerate(entries if isinstance(entries, list) else []):
            request = service.get("request") if isinstance(service, dict) else None
            for key in ("link", "form"):
                if isinstance(request, dict) and isinstance(request.get(key), str):
                    problems += _check_link(services, ("services", index, "request", key), request[key],
                                            link_ids + (form_ids if key == "form" else []), contact)
    return problems


def _form_ids(contact: YamlSource | None, link_ids: list[str]) -> tuple[list[str], list[Problem]]:
    """The request forms' ids, and a problem for each that is already a link's: a
    request's `form` names either, so one id must not mean two things."""
    ids: list[str] = []
    problems: list[Problem] = []
    if contact is None:
        return ids, problems
    forms = contact.data.get("forms")
    for index, form in enumerate(forms if isinstance(forms, list) else []):
        if isinstance(form, dict) and isinstance(form.get("id"), str):
            ids.append(form["id"])
            if form["id"] in link_ids:
                where = contact.position(("forms", index, "id"))
                problems.append(Problem(contact.path, where.line, where.column, "form_id_taken", value=form["id"]))
    return ids, problems


def _check_link(source: YamlSource, path: PathKey, value: str, link_ids: list[str],
                contact: YamlSource) -> list[Problem]:
    if value in link_ids:
        return []
    where = source.position(path)
    close = difflib.get_close_matches(value, link_ids, n=1, cutoff=0.5)
    suggestion = in_every_language("problem_parts.did_you_mean", key=close[0]) if close else ""
    return [Problem(source.path, where.line, where.column, "unknown_link", value=value,
                    contact_file=contact.path, suggestion=suggestion)]


# --- French / English parity ----------------------------------------------------------------


def _check_parity(sources: dict[str, dict[str, YamlSource]]) -> list[Problem]:
    """Both languages must describe the same things: same sections, same item ids."""
    problems: list[Problem] = []
    first, second = LANGUAGES
    for name in FILES:
        a, b = sources[first].get(name), sources[second].get(name)
        if a is None or b is None:
            continue
        problems += _compare(a, b, a.data, b.data, (), FILES[name])
        problems += _compare(b, a, b.data, a.data, (), FILES[name])
    return problems


PER_LANGUAGE = {"slug", "pages"}  # addresses: each language has its own, or none


def _compare(mine: YamlSource, other: YamlSource, here: Any, there: Any, path: PathKey,
             model: type[BaseModel]) -> list[Problem]:
    """What `mine` has at `path` that `other` lacks (called both ways round).

    Only the model's optional fields are compared: an unknown key or a missing required
    field is already reported by the schema, once, where it is.
    """
    problems: list[Problem] = []
    if isinstance(here, dict) and isinstance(there, dict):
        fields = getattr(_model_at(model, path), "model_fields", {})
        for key, value in here.items():
            if key not in fields or key in PER_LANGUAGE:
                continue
            if not fields[key].is_required() and _present(value) and not _present(there.get(key)):
                where = mine.position(path + (key,), key=True)
                problems.append(Problem(mine.path, where.line, where.column, "parity_missing_section",
                                        field=key, other_file=other.path))
            elif key in there:
                problems += _compare(mine, other, value, there[key], path + (key,), model)
    elif isinstance(here, list) and isinstance(there, list):
        theirs = {item["id"]: item for item in there if isinstance(item, dict) and isinstance(item.get("id"), str)}
        for index, item in enumerate(here):
            if not (isinstance(item, dict) and isinstance(item.get("id"), str)):
                continue
            if item["id"] not in theirs:
                where = mine.position(path + (index,))
                problems.append(Problem(mine.path, where.line, where.column, "no_twin",
                                        value=item["id"], other_file=other.path))
            else:
                problems += _compare(mine, other, item, theirs[item["id"]], path + (index,), model)
    return problems


def _present(value: Any) -> bool:
    return value not in (None, "", [], {})


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[Any, ...]] = set()
    result = []
    for problem in problems:
        key = (str(problem.path), problem.line, problem.column, problem.code)
        if key not in seen:
            seen.add(key)
            result.append(problem)
    return result
