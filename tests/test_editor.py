"""The browser editor's configuration and files, without a browser: every field of the
content model has its place in the forms, labelled in the editor's language; values
that are the same in both languages are entered once; the shipped CMS is the pinned
one, whole, with its licence; /admin/ is published only for a team that names its Git
repository; the preview serves the editor and says when a save broke a rule."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from conftest import CONTENT_SETS, ROOT
from generator.content.models import FILE_LABELS, FILES, field_words
from generator.editor import VENDOR, local_backend, write_editor
from generator.text import typography
from preview import get, serving, wait_for

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def configs(tmp_path_factory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("admin")
    write_editor(folder, local_backend("content"))
    return {ui: yaml.safe_load((folder / f"config-{ui}.yml").read_text(encoding="utf-8")) for ui in ("fr", "en")}


def _model_fields(model: type[BaseModel], prefix: str = "") -> list[tuple[str, object]]:
    """Every field of a model and of the models it holds: (dotted path, FieldInfo)."""
    found = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        found.append((path, info))
        for inner in _inner_models(info.annotation):
            found += _model_fields(inner, path + ".")
    return found


def _inner_models(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for argument in getattr(annotation, "__args__", ()) for model in _inner_models(argument)]


def _config_fields(fields: list[dict], prefix: str = "") -> dict[str, dict]:
    found = {}
    for field in fields:
        path = f"{prefix}{field['name']}"
        found[path] = field
        found.update(_config_fields(field.get("fields", []), path + "."))
    return found


@pytest.mark.parametrize("ui", ["fr", "en"])
def test_every_model_field_has_a_labelled_place_in_the_forms(configs, ui: str) -> None:
    """A field added to a model and missing from the forms fails here."""
    files = {entry["file"].rsplit("/", 1)[-1]: entry for entry in configs[ui]["collections"][0]["files"]}
    assert set(files) == set(FILES)
    for name, model in FILES.items():
        assert files[name]["label"] == FILE_LABELS[name][ui]
        placed = _config_fields(files[name]["fields"])
        for path, info in _model_fields(model):
            assert path in placed, f"{name}: {path} has no place in the editor's forms"
            field = placed[path]
            about = field_words(info)
            assert field["label"] == typography(about["label"][ui], ui), path
            assert field["hint"] == typography(about["help"][ui], ui), path
            assert field.get("required", True) == info.is_required() or field["widget"] in ("list", "boolean"), path


def test_values_the_same_in_both_languages_are_entered_once(configs) -> None:
    placed = {}
    for entry in configs["fr"]["collections"][0]["files"]:
        for path, field in _config_fields(entry["fields"]).items():
            placed[f"{entry['name']}:{path}"] = field["i18n"]
    for path in ("services:services.id", "contact:links.id", "contact:links.qr",
                 "contact:contacts.phone", "contact:contacts.email", "services:services.request.link",
                 "practice:values.id"):
        assert placed[path] == "duplicate", path
    for path in ("services:services.title", "contact:links.label", "contact:links.url", "organisation:hero.title", "practice:values.text"):
        assert placed[path] is True, path


def test_the_forms_check_what_offre_checks(configs) -> None:
    """Patterns the form tests before saving, with their message in the editor's language."""
    contact = next(entry for entry in configs["fr"]["collections"][0]["files"] if entry["name"] == "contact")
    phone = _config_fields(contact["fields"])["contacts.phone"]
    pattern, message = phone["pattern"]
    import re

    assert re.fullmatch(pattern, "450 433-2777") and not re.fullmatch(pattern, "433-2777")
    assert "chiffres" in message
    english = next(entry for entry in configs["en"]["collections"][0]["files"] if entry["name"] == "contact")
    assert "digits" in _config_fields(english["fields"])["contacts.phone"]["pattern"][1]


def test_choices_are_named_in_the_editors_language(configs) -> None:
    """A day is chosen by its name ("lundi", "Monday"), a link by its label, an image
    with a picker: never an id or a path typed from memory."""
    for ui, monday in (("fr", "lundi"), ("en", "Monday")):
        files = {entry["name"]: _config_fields(entry["fields"]) for entry in configs[ui]["collections"][0]["files"]}
        for day in ("contacts.hours.first_day", "contacts.hours.last_day"):
            assert files["contact"][day]["options"][0] == {"label": monday, "value": "monday"}, (ui, day)
        for path, where in (("services.request.link", "services"), ("contacts.link", "contact")):
            relation = files[where][path]
            assert relation["widget"] == "relation" and relation["file"] == "contact", path
            assert relation["value_field"] == "links.*.id" and relation["display_fields"] == ["links.*.label"]
        for path in ("organisation.signature", "hero.image.file"):
            assert files["organisation"][path]["widget"] == "image", path


def test_the_shipped_editor_is_the_pinned_one_whole_with_its_licence() -> None:
    manifest = json.loads((VENDOR / "MANIFEST.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "tools" / "cms" / "package-lock.json").read_text(encoding="utf-8"))
    for package, version in manifest["packages"].items():
        assert lock["packages"][f"node_modules/{package}"]["version"] == version, package
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    shipped = {path.relative_to(VENDOR).as_posix() for path in VENDOR.rglob("*") if path.is_file()}
    assert shipped == set(manifest["files"]) | {"MANIFEST.json"}
    assert "MIT" in (VENDOR / "LICENSE-sveltia-cms.txt").read_text(encoding="utf-8")


def test_admin_is_published_only_for_a_team_that_names_its_repository(built_sites) -> None:
    fictif = built_sites["fictif"]  # names a GitLab repository on its own server
    config = yaml.safe_load((fictif / "admin" / "config-fr.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {"name": "gitlab", "repo": "ciusss-exemple/offre-de-service", "branch": "main",
                                 "base_url": "https://gitlab.ciusss-exemple.example",
                                 "api_root": "https://gitlab.ciusss-exemple.example/api/v4"}
    assert config["collections"][0]["files"][0]["file"] == "content/{{locale}}/organisation.yaml"
    worker = (fictif / "admin" / "sw.js").read_text(encoding="utf-8")
    assert '["https://gitlab.ciusss-exemple.example"]' in worker  # the only host it may call
    assert "Disallow: /admin/" in (fictif / "robots.txt").read_text(encoding="utf-8")
    assert "/admin/" not in (fictif / "sitemap.xml").read_text(encoding="utf-8")
    for name in ("laurentides", "outaouais"):  # no repository named: no editor on the public site
        assert not (built_sites[name] / "admin").exists(), name
        robots = built_sites[name] / "robots.txt"
        assert not robots.exists() or "admin" not in robots.read_text(encoding="utf-8")


def test_the_preview_serves_the_editor_and_tells_a_broken_save(tmp_path: Path) -> None:
    repository = tmp_path / "repository"
    content = repository / "offre" / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    subprocess.run(["git", "init", "--quiet", str(repository)], check=True)
    with serving(content, tmp_path) as (root, log):
        assert wait_for(lambda: "Agir ensemble" in get(root), timeout=120), log.read_text(encoding="utf-8")
        assert f"{root}admin/" in log.read_text(encoding="utf-8")
        assert "sveltia-cms.js" in get(root + "admin/")
        config = yaml.safe_load(get(root + "admin/config-fr.yml"))
        assert config["collections"][0]["files"][0]["file"] == "offre/content/{{locale}}/organisation.yaml"
        assert config["backend"]["repo"] == "local/repository"  # the folder the officer is asked to pick
        status = json.loads(get(root + ".offre-status"))
        assert status["problems"] == []
        services = content / "en" / "services.yaml"
        services.write_text(services.read_text(encoding="utf-8").replace("link: psoc", "link: nowhere"),
                            encoding="utf-8")
        assert wait_for(lambda: json.loads(get(root + ".offre-status"))["problems"], timeout=120)
        problems = json.loads(get(root + ".offre-status"))["problems"]
        assert any("services.yaml" in problem and "nowhere" in problem for problem in problems), problems
        assert "Agir ensemble" in get(root)  # the last good site stays


def test_the_preview_explains_an_editor_it_cannot_offer(tmp_path: Path) -> None:
    """Outside a Git repository, the editor's folder picker has nothing to accept."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT_SETS["outaouais"], content)
    with serving(content, tmp_path) as (root, log):
        assert wait_for(lambda: "Git" in get(root + "admin/"), timeout=120), log.read_text(encoding="utf-8")
        page = get(root + "admin/")
        assert "dépôt Git" in page and "Git repository" in page
        assert "dépôt Git" in log.read_text(encoding="utf-8")


@pytest.mark.parametrize("ui, words", [
    ("fr", {"forms": "Formulaires de demande", "kind": "Type de réponse", "choice": "Un choix",
            "territories": "Territoires desservis", "form": "Formulaire"}),
    ("en", {"forms": "Request forms", "kind": "Kind of answer", "choice": "One choice",
            "territories": "Areas served", "form": "Form"}),
])
def test_a_team_describes_its_request_form_and_chooses_it_for_a_service(configs, ui: str, words: dict) -> None:
    """The editor has a form for contact.yaml's request forms (their questions, each
    kind and source of choices named in the editor's language, translated like the
    other texts), and a service's "Form" picks one of them by its title."""
    files = {entry["name"]: _config_fields(entry["fields"]) for entry in configs[ui]["collections"][0]["files"]}
    contact, services = files["contact"], files["services"]
    forms = contact["forms"]
    assert forms["widget"] == "list" and forms["label"] == words["forms"] and forms["summary"] == "{{fields.title}}"
    assert contact["forms.title"]["i18n"] is True and contact["forms.send_to"]["i18n"] == "duplicate"
    assert contact["forms.fields.label"]["i18n"] is True and contact["forms.fields.id"]["i18n"] == "duplicate"
    kind = contact["forms.fields.kind"]
    assert kind["label"] == words["kind"] and {"label": words["choice"], "value": "choice"} in kind["options"]
    assert {"label": words["territories"], "value": "territories"} in contact["forms.fields.choices_from"]["options"]
    chosen = services["services.request.form"]
    assert chosen["label"] == words["form"] and chosen["i18n"] == "duplicate"
    assert (chosen["widget"], chosen["collection"], chosen["file"]) == ("relation", "offre", "contact")
    assert chosen["value_field"] == "forms.*.id" and chosen["display_fields"] == ["forms.*.title"]


def test_every_choice_of_another_file_names_fields_that_file_has(configs) -> None:
    """Sveltia refuses a relation whose fields do not exist: each one's list and keys are
    in the file it names."""
    for ui in ("fr", "en"):
        files = {entry["name"]: _config_fields(entry["fields"]) for entry in configs[ui]["collections"][0]["files"]}
        relations = [field for fields in files.values() for field in fields.values() if field.get("widget") == "relation"]
        assert len(relations) >= 3
        for relation in relations:
            target = files[relation["file"]]
            for named in [relation["value_field"], *relation["display_fields"], *relation["search_fields"]]:
                assert named.replace(".*", "") in target, (relation["name"], named)
