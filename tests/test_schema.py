"""Editor help: JSON Schemas made from the models, wired for VS Code."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml

from conftest import CONTENT_SETS, ROOT, run_offre


def test_schemas_describe_the_content_and_are_wired_for_vscode(tmp_path: Path) -> None:
    result = run_offre("schema", "--output", str(tmp_path))
    assert result.returncode == 0, result.stderr
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    wired = settings["yaml.schemas"]
    assert len(wired) == 4
    for schema_path, globs in wired.items():
        name = Path(schema_path).name
        assert Path(schema_path).parent.as_posix().endswith(".offre/schema")
        schema = json.loads((tmp_path / name).read_text(encoding="utf-8"))
        yaml_name = name.replace(".schema.json", ".yaml")
        assert f"content/*/{yaml_name}" in globs
        for content in CONTENT_SETS.values():
            for language in ("fr", "en"):
                data = yaml.safe_load((content / language / yaml_name).read_text(encoding="utf-8"))
                jsonschema.validate(data, schema)


def test_schema_rejects_a_misspelt_key_and_explains_each_field(tmp_path: Path) -> None:
    run_offre("schema", "--output", str(tmp_path))
    schema = json.loads((tmp_path / "services.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load((CONTENT_SETS["laurentides"] / "fr" / "services.yaml").read_text(encoding="utf-8"))
    data["services"][0]["summery"] = data["services"][0].pop("summary")
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert errors
    service = schema["$defs"]["Service"]["properties"]
    assert all(field.get("description") for name, field in service.items() if name != "id")
    assert "identique en français et en anglais" in json.dumps(schema, ensure_ascii=False)
