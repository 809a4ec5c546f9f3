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
from ..strings import message, section
from .loader import LANGUAGES
from .models import FILES, SHARED_FILES, field_words

NUMBERS = {"title": limits.MAX_TITLE, "text": f"{limits.MAX_TEXT:,}".replace(",", " "), "id": limits.MAX_ID,
           "items": limits.MAX_ITEMS}


def reference(language: str) -> str:
    words = section(language, "reference")
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
    words = section(language, "reference")
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
    kinds = section(LANGUAGES[0], "reference")["kinds"]  # value type → how the reference names it
    return next((name for name in kinds if getattr(values, name, None) == annotation), None)


def _kind(annotation: Any, language: str) -> str:
    for part in _unwrap(annotation):
        listed = typing.get_origin(part) is list
        target = typing.get_args(part)[0] if listed else part
        name = _named(target)
        if name is None and target is bool:
            name = "bool"
        if name is not None:
            kind = message(language, f"reference.kinds.{name}", **NUMBERS)
            return message(language, "reference.list", kind=kind, items=NUMBERS["items"]) if listed else kind
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
