"""Nothing written outside, nothing deleted that is not offre's, nothing damaged published.

A cloned repository may carry symbolic links, and OFFRE_CACHE_DIR may name a folder
shared with other files: offre writes its pipelines, starter, schemas and reference only
at real paths inside the project, and its cache removes only the entries it sealed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import ROOT, run_offre

GITLAB, GITHUB = ".gitlab-ci.yml", ".github/workflows/offre.yml"
LINK = "offre n'écrit pas ici, car ce chemin est un lien symbolique"


def _project(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in ("mkdocs.yml", "Makefile", "requirements.lock", "pyproject.toml"):
        shutil.copyfile(ROOT / name, folder / name)
    return folder


def test_force_never_writes_through_a_link_to_a_file_elsewhere(tmp_path: Path) -> None:
    project = _project(tmp_path / "projet")
    assert run_offre("new", "contenu", cwd=project).returncode == 0
    elsewhere = tmp_path / "ailleurs.txt"
    elsewhere.write_text("à moi\n", encoding="utf-8")
    (project / GITLAB).unlink()
    (project / GITLAB).symlink_to(elsewhere)
    result = run_offre("pipelines", "--content", "contenu", "--host", "gitlab", "--force", cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f".gitlab-ci.yml : {LINK}" in result.stderr and "écrit" not in result.stdout, result.stdout + result.stderr
    assert elsewhere.read_text(encoding="utf-8") == "à moi\n"
    assert (project / GITLAB).is_symlink()


def test_a_dangling_link_is_not_made_a_file_by_offre_new(tmp_path: Path) -> None:
    project = _project(tmp_path / "projet")
    target = tmp_path / "cree-ailleurs.yml"
    (project / GITLAB).symlink_to(target)
    result = run_offre("new", "contenu", cwd=project)
    assert result.returncode == 0, result.stderr
    assert LINK in result.stderr
    assert not target.exists() and not os.path.exists(project / GITLAB)
    assert (project / GITHUB).is_file()  # the other file, at a real path, is written


def test_a_folder_link_is_not_written_into(tmp_path: Path) -> None:
    project = _project(tmp_path / "projet")
    assert run_offre("new", "contenu", cwd=project).returncode == 0
    shutil.rmtree(project / ".github")
    elsewhere = tmp_path / "dossier"
    elsewhere.mkdir()
    (project / ".github").symlink_to(elsewhere, target_is_directory=True)
    result = run_offre("pipelines", "--content", "contenu", "--host", "github", "--force", cwd=project)
    assert result.returncode == 2 and LINK in result.stderr, result.stderr
    assert list(elsewhere.iterdir()) == []


def test_offre_new_schema_and_reference_refuse_links(tmp_path: Path) -> None:
    project = _project(tmp_path / "projet")
    empty = tmp_path / "vide"
    empty.mkdir()
    (project / "lien").symlink_to(empty, target_is_directory=True)
    new = run_offre("new", "lien", cwd=project)
    assert new.returncode == 3 and LINK in new.stderr, new.stderr
    assert list(empty.iterdir()) == []

    (project / ".offre").symlink_to(empty, target_is_directory=True)
    schema = run_offre("schema", cwd=project)
    assert schema.returncode == 3 and LINK in schema.stderr, schema.stderr
    (project / "guide").symlink_to(empty, target_is_directory=True)
    reference = run_offre("reference", cwd=project, env={**os.environ, "LC_ALL": "en_CA.UTF-8"})
    assert reference.returncode == 3 and "offre does not write here, as this path is a symbolic link" \
        in reference.stderr, reference.stderr
    assert list(empty.iterdir()) == []
