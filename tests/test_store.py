"""The artifact store: every cached thing declares its inputs, each input changes its key,
ARCHITECTURE.md names them all, and a build taken from the store is the build that
reuses nothing, byte for byte."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import jinja2
import pytest

from conftest import CONTENT_SETS, ROOT, run_offre
from generator import store
from generator.build import build_key, tools_key
from generator.compiled_templates import _settings_digest
from generator.project import Project
from generator.site.page_cache import shared_keys


@pytest.mark.parametrize("kind", sorted(store.ARTIFACTS))
def test_each_declared_input_changes_the_key(kind: str) -> None:
    artifact = store.ARTIFACTS[kind]
    base = {name: f"{name} one" for name in artifact.inputs}
    key = artifact.key(**base)
    assert artifact.key(**base) == key, "the same inputs, the same key"
    assert all(artifact.key(**base) != store.ARTIFACTS[other].key(**{name: f"{name} one" for name in
                                                                    store.ARTIFACTS[other].inputs})
               for other in store.ARTIFACTS if other != kind), "two kinds never share a key"
    for name in artifact.inputs:
        assert artifact.key(**{**base, name: f"{name} two"}) != key, f"{kind}: {name} is not in its key"


@pytest.mark.parametrize("kind", sorted(store.ARTIFACTS))
def test_an_input_left_out_or_not_declared_is_refused(kind: str) -> None:
    artifact = store.ARTIFACTS[kind]
    base = {name: "x" for name in artifact.inputs}
    with pytest.raises(TypeError):
        artifact.key(**{name: value for name, value in base.items() if name != artifact.inputs[-1]})
    with pytest.raises(TypeError):
        artifact.key(**base, undeclared="x")


def test_inputs_never_run_into_one_another(tmp_path: Path) -> None:
    """Joined naively, ("ab", "c") and ("a", "bc") would hash alike; so would a file's bytes and the same text."""
    assert store.key("ab", "c") != store.key("a", "bc")
    assert store.key(["a", "b"]) != store.key("a", "b")
    assert store.key({"a": 1}) != store.key(["a", 1])
    assert store.key(1) != store.key("1") != store.key(True)
    page = tmp_path / "page.md"
    page.write_text("Bonjour", encoding="utf-8")
    assert store.key(page) != store.key("Bonjour") and store.key(page) != store.key(str(page))
    before = store.key(page)
    page.write_text("Bonjoua", encoding="utf-8")  # same size
    assert store.key(page) != before, "a file counts by its bytes"
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.css").write_text("x", encoding="utf-8")
    before = store.key(folder)
    (folder / "a.css").rename(folder / "b.css")
    assert store.key(folder) != before, "a folder counts by its files' names too"


def test_the_architecture_table_names_every_artifact_and_its_inputs() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    table = text.split("### Every artifact and its declared inputs", 1)[1].split("\n#", 1)[0]
    rows = {line.split("|")[1].strip().strip("`"): line for line in table.splitlines() if line.startswith("| `")}
    assert set(rows) == set(store.ARTIFACTS)
    for kind, artifact in store.ARTIFACTS.items():
        inputs_column = rows[kind].split("|")[4]
        for name in artifact.inputs:
            assert f"`{name}`" in inputs_column, f"ARCHITECTURE.md: {kind} does not name its input {name}"


def test_only_the_store_hashes() -> None:
    """One module turns inputs into keys: a key made by hand elsewhere is what this store replaces."""
    hashing = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "generator").rglob("*.py")
                     if any(word in path.read_text(encoding="utf-8") for word in ("hashlib", "blake2", "sha256")))
    assert hashing == ["generator/store.py"]


# --- the keys the build makes, from what it reads ---------------------------------------------------


def _project(tmp_path: Path) -> Project:
    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "extra.css").write_text("a { color: red }", encoding="utf-8")
    shutil.copyfile(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return Project(root)


def test_the_tools_key_follows_the_projects_files(tmp_path: Path) -> None:
    project = _project(tmp_path)
    key = tools_key(project)
    (project.root / "docs" / "extra.css").write_text("a { color: blue }", encoding="utf-8")
    changed_docs = tools_key(project)
    assert changed_docs != key
    with (project.root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\n# a comment\n")
    assert tools_key(project) != changed_docs


def test_the_site_key_follows_the_content_and_the_options(tmp_path: Path) -> None:
    project = _project(tmp_path)
    content = tmp_path / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    tools = tools_key(project)
    key = build_key(content, project, False, tools)
    assert build_key(content, project, True, tools) != key
    assert build_key(content, project, False, tools, draft=True) != key
    assert build_key(content, project, False, "other tools") != key
    services = content / "fr" / "services.yaml"
    services.write_text(services.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert build_key(content, project, False, tools) != key


def _config(languages: list[str]) -> dict:
    return {"site_name": "Offre", "docs_dir": "/tmp/a", "site_dir": "/tmp/b",
            "plugins": {"i18n": {"languages": [{"locale": language, "nav": [language], "site_name": language}
                                               for language in languages]}}}


def test_a_page_key_follows_what_its_language_shows(tmp_path: Path) -> None:
    """The shared key of each language: the tools, the config, the docs folder's other
    files, and the front matter its pages show on other pages."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.fr.md").write_text("---\ntitle: \"Accueil\"\n---\nBonjour\n", encoding="utf-8")
    (docs / "index.en.md").write_text("---\ntitle: \"Home\"\n---\nHello\n", encoding="utf-8")
    (docs / "style.css").write_text("a {}", encoding="utf-8")
    config = _config(["fr", "en"])
    keys = shared_keys("tools", config, docs)
    other_tools = shared_keys("other tools", config, docs)
    assert all(other_tools[language] != keys[language] for language in keys)
    (docs / "index.fr.md").write_text("---\ntitle: \"Bienvenue\"\n---\nBonjour\n", encoding="utf-8")
    retitled = shared_keys("tools", config, docs)
    assert retitled["fr"] != keys["fr"] and retitled["en"] == keys["en"], "a French title is on French pages only"
    (docs / "index.fr.md").write_text("---\ntitle: \"Bienvenue\"\n---\nAllô\n", encoding="utf-8")
    assert shared_keys("tools", config, docs) == retitled, "a page's own text is in its own key, not the shared one"
    (docs / "style.css").write_text("a { color: red }", encoding="utf-8")
    restyled = shared_keys("tools", config, docs)
    assert all(restyled[language] != retitled[language] for language in keys)
    config["site_name"] = "Autre offre"
    assert all(shared_keys("tools", config, docs)[language] != restyled[language] for language in keys)
    moved = {**config, "docs_dir": "/elsewhere"}
    assert shared_keys("tools", moved, docs) == shared_keys("tools", config, docs), "the work folder is not an input"


def test_compiled_templates_are_kept_apart_by_how_jinja_compiles() -> None:
    plain = _settings_digest(jinja2.Environment())
    assert _settings_digest(jinja2.Environment()) == plain
    assert _settings_digest(jinja2.Environment(autoescape=True)) != plain
    assert _settings_digest(jinja2.Environment(trim_blocks=True)) != plain
    assert _settings_digest(jinja2.Environment(extensions=["jinja2.ext.i18n"])) != plain


def test_the_pdf_document_id_is_the_sha256_of_its_text() -> None:
    """What a PDF and a GitLab report carry must never change with the store."""
    assert store.digest("offre") == hashlib.sha256(b"offre").hexdigest()


# --- from the store, the same bytes as reusing nothing -------------------------------------------------


def _hashes(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file() and path.name != ".offre-build"}


@pytest.mark.parametrize("name", ["outaouais"])
def test_a_build_from_the_store_is_byte_identical_to_a_no_cache_build(name: str, tmp_path: Path) -> None:
    """Every file of the site and every PDF, by its SHA-256: once with nothing in the
    store, once with everything taken from it, once reusing nothing."""
    env = {**os.environ, "OFFRE_CACHE_DIR": str(tmp_path / "cache")}
    content = CONTENT_SETS[name]
    for output, options in (("first", ()), ("from-store", ()), ("no-cache", ("--no-cache",))):
        result = run_offre("build", *options, "--content", str(content), "--output", str(tmp_path / output), env=env)
        assert result.returncode == 0, result.stderr
        if output == "from-store":
            assert "4 reprises du cache" in result.stdout and "0 faites" in result.stdout, result.stdout
    clean = _hashes(tmp_path / "no-cache")
    assert any(path.endswith(".pdf") for path in clean) and any(path.endswith(".html") for path in clean)
    assert _hashes(tmp_path / "first") == clean
    assert _hashes(tmp_path / "from-store") == clean
