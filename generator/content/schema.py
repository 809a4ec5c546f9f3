"""JSON Schemas of the content files, made from the models, for editors — one set per
language, so the help an editor shows speaks the language of the file being edited.

VS Code (with the YAML extension) reads them through `.vscode/settings.json` and offers
completion, and on hover each field's label and help, while the team types. The labels
and help come from the models' `doc(…)` (see models.py): the same words as the guide's
reference and the browser editor's forms.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..files import UnsafeTarget, check_target, project_root_of, write_inside
from ..store import ARTIFACTS
from .loader import LANGUAGES
from .models import FILES, SHARED_FILES

SCHEMA_FOLDER = Path(".offre") / "schema"


def schemas(language: str) -> dict[str, dict]:
    """File name → JSON Schema (draft 2020-12) of that file, described in `language`:
    the files of each language's folder, and those of the content folder itself
    (translations.yaml), described in both."""
    found = {}
    for name, model in {**FILES, **SHARED_FILES}.items():
        schema = model.model_json_schema()
        for definition in [schema, *schema.get("$defs", {}).values()]:
            definition.pop("description", None)  # class docstrings are for developers
            definition.pop("title", None)
            for field in definition.get("properties", {}).values():
                _describe(field, language)
        _strip_editor_hints(schema)  # the browser editor's, not JSON Schema's
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"content/{language}/{name}" if name in FILES else f"content/{name}"
        found[name] = schema
    return found


def _describe(field: dict[str, Any], language: str) -> None:
    about = field.pop("x-offre", None)
    if about is not None:
        field["title"] = about["label"][language]
        field["description"] = about["help"][language]


def _strip_editor_hints(node: Any) -> None:
    if isinstance(node, dict):
        node.pop("x-offre", None)
        for value in node.values():
            _strip_editor_hints(value)
    elif isinstance(node, list):
        for value in node:
            _strip_editor_hints(value)


def write_schemas(folder: Path) -> list[Path]:
    """Write `<language>/<file>.schema.json` for every language and content file.

    The schemas change only with the models: `.made-from` beside them holds a hash of
    the models' code, and while it is the same and the files are there, nothing is made
    again (every build calls this: a twentieth of a second saved each time)."""
    paths = [folder / language / name.replace(".yaml", ".schema.json")
             for language in LANGUAGES for name in {**FILES, **SHARED_FILES}]  # what _write_schemas writes
    stamp = folder / ".made-from"
    source = _source_digest()
    root = project_root_of(folder)
    try:
        if stamp.read_text(encoding="utf-8") == source and all(path.is_file() for path in paths):
            for path in [stamp, *paths]:
                check_target(path, root)  # what a link put there is not offre's schema
            return paths
    except (OSError, UnsafeTarget):
        pass
    written = _write_schemas(folder, root)
    write_inside(stamp, source.encode("utf-8"), root)
    return written


def _source_digest() -> str:
    """What the schemas are made from (the artifact "schemas", see store.py): the content
    models and their words, the code of this folder."""
    return ARTIFACTS["schemas"].key(models={path.name: path for path in sorted(Path(__file__).parent.glob("*.py"))})


def _write_schemas(folder: Path, root: Path) -> list[Path]:
    """Each schema written whole (an editor never reads half a schema), only at a real
    path inside `root` (raises UnsafeTarget: a link is never written through)."""
    written = []
    for language in LANGUAGES:
        target = folder / language
        for name, schema in schemas(language).items():
            path = target / name.replace(".yaml", ".schema.json")
            text = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
            check_target(path, root)
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                write_inside(path, text.encode("utf-8"), root)
            written.append(path)
    return written
