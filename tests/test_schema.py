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
    assert len(wired) == 9, "four files, two languages; translations.yaml, beside them"
    for schema_path, globs in wired.items():
        name, language = Path(schema_path).name, Path(schema_path).parent.name
        assert Path(schema_path).parent.parent.as_posix().endswith(".offre/schema")
        schema = json.loads((tmp_path / language / name).read_text(encoding="utf-8"))
        yaml_name = name.replace(".schema.json", ".yaml")
        if yaml_name == "translations.yaml":  # about both languages: its help in French, as the team's first
            assert language == "fr" and "content/translations.yaml" in globs
            starter = yaml.safe_load((ROOT / "generator" / "starter" / yaml_name).read_text(encoding="utf-8"))
            jsonschema.validate(starter, schema)
            jsonschema.validate({"reviewed": [{"text": "services.yaml/services/psoc/summary",
                                               "date": "2026-11-20"}]}, schema)
            continue
        assert f"content/{language}/{yaml_name}" in globs
        for content in CONTENT_SETS.values():
            data = yaml.safe_load((content / language / yaml_name).read_text(encoding="utf-8"))
            jsonschema.validate(data, schema)


def test_schema_rejects_a_misspelt_key_and_explains_each_field_in_the_files_language(tmp_path: Path) -> None:
    run_offre("schema", "--output", str(tmp_path))
    for language, says in (("fr", "le même dans les deux langues"), ("en", "the same in both languages")):
        schema = json.loads((tmp_path / language / "services.schema.json").read_text(encoding="utf-8"))
        data = yaml.safe_load((CONTENT_SETS["laurentides"] / language / "services.yaml").read_text(encoding="utf-8"))
        data["services"][0]["summery"] = data["services"][0].pop("summary")
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
        assert errors
        for definition in schema["$defs"].values():
            for name, field in definition.get("properties", {}).items():
                assert field.get("title") and field.get("description"), f"{language}: {name} is not explained"
        assert says in json.dumps(schema, ensure_ascii=False)
        assert "x-offre" not in json.dumps(schema)
