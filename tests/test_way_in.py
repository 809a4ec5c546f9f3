"""A team alone with the tool (issue 28): the way in — the README's first screen, the
guide's chapter against what `offre new` really writes, `offre new` where publishing
cannot work, the preview of a starter, `make serve PORT=…`, and `--help` in one
language."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, run_offre
from preview import get, serving, wait_for

pytestmark = pytest.mark.slow

FRENCH = {**os.environ, "LC_ALL": "fr_CA.UTF-8", "LANG": "fr_CA.UTF-8"}
ENGLISH = {**os.environ, "LC_ALL": "en_CA.UTF-8", "LANG": "en_CA.UTF-8"}
ARGPARSE_ENGLISH = ("usage:", "options:", "positional arguments", "show this help", "error:", "invalid choice",
                    "the following arguments are required", "unrecognized arguments", "show program's version")


@pytest.mark.parametrize("arguments", [["--help"], ["build", "--help"], ["check", "--help"], ["serve", "--help"],
                                       ["new", "--help"], ["pipelines", "--help"], ["bild"], ["new"],
                                       ["build", "--nope"], ["serve", "--port", "x"]])
def test_help_and_command_line_errors_speak_french_only(arguments) -> None:
    result = run_offre(*arguments, env=FRENCH)
    said = result.stdout + result.stderr
    assert "offre" in said and "Traceback" not in said
    for english in ARGPARSE_ENGLISH:
        assert english not in said, (english, said)
    assert re.search(r"utilisation\u00a0: offre", said), said


def test_help_speaks_english_in_english() -> None:
    result = run_offre("build", "--help", env=ENGLISH)
    assert result.stdout.startswith("usage: offre build") and "--draft" in result.stdout
    assert "utilisation" not in result.stdout and "DOSSIER" not in result.stdout


def test_make_serve_takes_a_port() -> None:
    result = subprocess.run(["make", "-n", "serve", "PORT=8123", "CONTENT=mon-offre"], cwd=ROOT,
                            capture_output=True, text=True, env={**os.environ, "MAKEFLAGS": ""})
    assert any(line.endswith("offre serve --content mon-offre --port 8123") for line in result.stdout.splitlines()), \
        result.stdout


def test_the_readmes_first_screen_gets_a_new_machine_going() -> None:
    first_screen = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:60])
    for needed in ("apt-get install", "python3-venv", "libpango-1.0-0", "libharfbuzz-subset0", "git", "macOS",
                   "Windows", "WSL", "make build", "make serve", "http://127.0.0.1:8000/", "make test",
                   "Start your team's offer"):
        assert needed in first_screen, needed


@pytest.mark.parametrize(("guide", "heading"), [("guide-fr.md", "## Commencer l'offre de votre équipe"),
                                                 ("guide-en.md", "## Start your team's offer")])
def test_the_guides_chapter_names_every_file_offre_new_writes(tmp_path, guide, heading) -> None:
    text = (ROOT / "guide" / guide).read_text(encoding="utf-8")
    assert heading in text
    chapter = text.split(heading, 1)[1].split("\n## ", 1)[0]
    project = tmp_path / "projet"
    project.mkdir()
    for name in ("mkdocs.yml", "Makefile", "requirements.lock", "pyproject.toml"):
        shutil.copyfile(ROOT / name, project / name)
    subprocess.run(["git", "init", "--quiet", str(project)], check=True)
    folder = "mon-offre" if guide == "guide-fr.md" else "my-offer"
    result = run_offre("new", folder, cwd=project)
    assert result.returncode == 0, result.stderr
    written = sorted(path.relative_to(project).as_posix() for path in project.rglob("*")
                     if path.is_file() and ".git/" not in path.relative_to(project).as_posix() + "/"
                     and path.name not in ("mkdocs.yml", "Makefile", "requirements.lock", "pyproject.toml"))
    assert len(written) == 12, written
    for path in written:
        name = path.removeprefix(folder + "/")
        said = name.rsplit("/", 1)[-1] if name.startswith(("fr/", "en/", "images/")) else name
        assert f"`{said}`" in chapter or f"`{folder}/{said}`" in chapter, f"{guide}: {path} is not said"
    for step in (f".venv/bin/offre new {folder}", f"make check CONTENT={folder}", f"make serve CONTENT={folder}",
                 "PORT=8080", "git push", "public_url", "repository:", "Contents", "api", "--draft"):
        assert step in chapter, f"{guide}: {step}"


def test_offre_new_in_a_project_that_is_no_git_repository_says_what_to_do(tmp_path) -> None:
    project = tmp_path / "projet"
    project.mkdir()
    for name in ("mkdocs.yml", "Makefile", "requirements.lock", "pyproject.toml"):
        shutil.copyfile(ROOT / name, project / name)
    result = run_offre("new", "mon-offre", cwd=project, env=FRENCH)
    assert result.returncode == 1, result.stderr
    assert "n'est pas un dépôt Git" in result.stderr and "git init -b main" in result.stderr
    assert (project / ".gitlab-ci.yml").is_file() and (project / "mon-offre" / "images" / ".gitkeep").is_file()


def test_the_preview_of_a_starter_lists_its_placeholders_and_is_a_draft(tmp_path) -> None:
    folder = tmp_path / "mon-offre"
    run_offre("new", str(folder))
    with serving(folder, tmp_path) as (root, log):
        def status() -> dict:
            try:
                return json.loads(get(root + ".offre-status"))
            except OSError:
                return {"warnings": [], "problems": []}

        assert wait_for(lambda: any("vient de l'offre de départ" in line for line in status()["warnings"]),
                        timeout=120), log.read_text(encoding="utf-8")
        said = status()
        assert said["problems"] == []
        assert sum("vient de l'offre de départ" in line for line in said["warnings"]) == 24
        assert any(re.search(r"fr/contact\.yaml:16:12: .*450 555-0100", line) for line in said["warnings"])
        assert 'class="offre-draft"' in get(root)
