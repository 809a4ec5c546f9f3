"""JSON Schemas of the content files, made from the models, for editors.

VS Code (with the YAML extension) reads them through `.vscode/settings.json` and offers
completion, and on hover the description of each field, while the team types.
"""

from __future__ import annotations

import json
from pathlib import Path

from .models import FILES

SCHEMA_FOLDER = Path(".offre") / "schema"


def schemas() -> dict[str, dict]:
    """File name → JSON Schema (draft 2020-12) of that file."""
    found = {}
    for name, model in FILES.items():
        schema = model.model_json_schema()
        for definition in [schema, *schema.get("$defs", {}).values()]:
            definition.pop("description", None)  # class docstrings are for developers
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"content/<langue>/{name}"
        found[name] = schema
    return found


def write_schemas(folder: Path) -> list[Path]:
    """Write `<file>.schema.json` for every content file; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / name.replace(".yaml", ".schema.json")
        text = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
