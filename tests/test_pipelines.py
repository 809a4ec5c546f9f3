"""The pipelines a team gets ready-made (`offre pipelines`, `offre new`), and the check's
messages in the forms GitLab and GitHub show (`offre check --format gitlab|github`).

Both files are validated against the schemas GitLab and GitHub publish (as shipped by
check-jsonschema, offline), and the jobs' own commands, read from the files, run in a
fresh clone of the project with a new content set, as the host would run them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import content_sets
from conftest import CONTENT_SETS, ROOT, run_offre

pytestmark = pytest.mark.slow

GITLAB, GITHUB = ".gitlab-ci.yml", ".github/workflows/offre.yml"
SCHEMAS = {GITLAB: "vendor.gitlab-ci", GITHUB: "vendor.github-workflows"}
EXPOSE_AS = re.compile(r"\A[A-Za-z0-9_][-A-Za-z0-9_ ]*\Z")  # GitLab's rule (Ruby's \w is ASCII)
GIT_IDENTITY = {"GIT_AUTHOR_NAME": "Équipe", "GIT_AUTHOR_EMAIL": "equipe@example.org",
                "GIT_COMMITTER_NAME": "Équipe", "GIT_COMMITTER_EMAIL": "equipe@example.org"}


def _project(folder: Path) -> Path:
    """A project folder as a team's repository has it, without the bulk: what offre looks for."""
    folder.mkdir(parents=True)
    for name in ("mkdocs.yml", "Makefile", "requirements.lock", "pyproject.toml"):
        shutil.copyfile(ROOT / name, folder / name)
    subprocess.run(["git", "init", "--quiet", str(folder)], check=True, capture_output=True)
    return folder


def _validate(path: Path, schema: str) -> None:
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{path.name} does not match {schema}:\n{result.stdout}{result.stderr}"


def test_offre_new_writes_both_pipelines_and_they_validate(tmp_path) -> None:
    project = _project(tmp_path / "projet")
    result = run_offre("new", "mon-offre", cwd=project)
    assert result.returncode == 0, result.stderr
    assert ".gitlab-ci.yml : écrit" in result.stdout and ".github/workflows/offre.yml : écrit" in result.stdout
    for name, schema in SCHEMAS.items():
        _validate(project / name, schema)

    gitlab = yaml.safe_load((project / GITLAB).read_text(encoding="utf-8"))
    assert gitlab["variables"]["CONTENT"] == "mon-offre"
    assert gitlab["pages"]["artifacts"]["paths"] == ["public"]
    assert gitlab["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert gitlab["preview"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert EXPOSE_AS.match(gitlab["preview"]["artifacts"]["expose_as"])
    assert gitlab["preview"]["artifacts"]["paths"] == ["public/"]  # a folder: with its slash, or it is not shown
    assert gitlab["check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert "gl-code-quality-report.json" in gitlab["check"]["script"][-1]
    # The build cache kept between jobs, on both hosts: an edit makes again only what it changed.
    assert any(cache["paths"] == [".offre/cache"] for cache in gitlab["default"]["cache"])

    github = yaml.safe_load((project / GITHUB).read_text(encoding="utf-8"))
    assert github["env"]["CONTENT"] == "mon-offre"
    uses = [step.get("uses", "") for job in github["jobs"].values() for step in job["steps"]]
    for action in ("checkout", "setup-python", "configure-pages", "upload-pages-artifact", "deploy-pages",
                   "upload-artifact", "cache"):
        assert any(re.fullmatch(rf"actions/{action}@v\d+", use) for use in uses), action
    cached = [step for step in github["jobs"]["build"]["steps"] if step.get("uses", "").startswith("actions/cache@")]
    assert len(cached) == 1 and cached[0]["with"]["path"] == ".offre/cache", cached
    deploy = github["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["if"] == "github.ref == format('refs/heads/{0}', github.event.repository.default_branch)"
    assert set(github[True] if True in github else github["on"]) == {"push", "workflow_dispatch"}, \
        "a pull request's commits run once, as its branch's"


def test_a_content_folder_deeper_in_the_project_is_named_by_its_path(tmp_path) -> None:
    project = _project(tmp_path / "projet")
    result = run_offre("new", "./equipes/rcoc.2026/", cwd=project)
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load((project / GITLAB).read_text(encoding="utf-8"))["variables"]["CONTENT"] == "equipes/rcoc.2026"
    assert yaml.safe_load((project / GITHUB).read_text(encoding="utf-8"))["env"]["CONTENT"] == "equipes/rcoc.2026"
    for name, schema in SCHEMAS.items():
        _validate(project / name, schema)


def test_offre_pipelines_never_overwrites_a_teams_file_unless_asked(tmp_path) -> None:
    project = _project(tmp_path / "projet")
    assert run_offre("new", "mon-offre", cwd=project).returncode == 0
    again = run_offre("pipelines", "--content", "mon-offre", cwd=project)
    assert again.returncode == 0 and again.stdout.count("déjà à jour") == 2, again.stdout + again.stderr

    (project / GITLAB).write_text("# le nôtre\n", encoding="utf-8")
    refused = run_offre("pipelines", "--content", "mon-offre", cwd=project)
    assert refused.returncode == 2
    assert ".gitlab-ci.yml existe déjà — gardez-le, ou remplacez-le par celui d'offre : " \
           "offre pipelines --content mon-offre --force" in refused.stderr
    assert (project / GITLAB).read_text(encoding="utf-8") == "# le nôtre\n"

    second = run_offre("new", "autre-offre", cwd=project)  # a second content set: the file is kept, and said so
    assert second.returncode == 0, second.stderr
    assert ".gitlab-ci.yml existe déjà et n'a pas été modifié — pour le remplacer par celui d'offre : " \
           "offre pipelines --content autre-offre --force" in second.stdout
    assert (project / GITLAB).read_text(encoding="utf-8") == "# le nôtre\n"

    english = run_offre("pipelines", "--content", "autre-offre", "--host", "gitlab", "--force", cwd=project,
                        env={**os.environ, "LC_ALL": "en_CA.UTF-8"})
    assert english.returncode == 0, english.stderr
    assert ".gitlab-ci.yml: written" in english.stdout
    assert yaml.safe_load((project / GITLAB).read_text(encoding="utf-8"))["variables"]["CONTENT"] == "autre-offre"


@pytest.mark.parametrize("name", ["mon offre", "offre-$(id)", "l'offre", "offre-été", "./-offre", 'a"b', "a:b",
                                  "offre;rm", "x" * 101])
def test_a_folder_name_a_pipeline_cannot_carry_is_refused(tmp_path, name) -> None:
    project = _project(tmp_path / "projet")
    result = run_offre("new", name, cwd=project)
    assert result.returncode == 2
    assert "ne peut pas servir dans une chaîne de publication — n'utilisez que des lettres sans accents" \
           in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(path.name for path in project.iterdir()) == [".git", "Makefile", "mkdocs.yml", "pyproject.toml",
                                                                "requirements.lock"], "something was written"


def test_a_content_folder_outside_the_project_gets_no_pipeline(tmp_path) -> None:
    project = _project(tmp_path / "projet")
    result = run_offre("new", str(tmp_path / "ailleurs"), cwd=project)
    assert result.returncode == 1, result.stderr  # issue 28: said what to do next, and not a success
    assert "clonez-le, puis lancez « offre new ailleurs » dans ce clone" in result.stderr.replace("\u00a0", " ")
    assert "Fichiers de publication non écrits : " in result.stdout and "placez le dossier du contenu dans le projet" \
           in result.stdout
    assert not (project / GITLAB).exists() and not (project / ".github").exists()
    refused = run_offre("pipelines", "--content", str(tmp_path / "ailleurs"), cwd=project)
    assert refused.returncode == 2 and "n'est pas dans le dossier du projet" in refused.stderr
    missing = run_offre("pipelines", "--content", "nulle-part", cwd=project)
    assert missing.returncode == 2 and "n'est pas un dossier de contenu (il doit contenir fr/ et en/)" in missing.stderr


def _broken(tmp_path: Path) -> Path:
    content = tmp_path / "contenu"
    shutil.copytree(CONTENT_SETS["outaouais"], content)
    path = content / "fr" / "services.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("summary:", "summery:", 1), encoding="utf-8")
    return content


def test_check_reports_problems_to_gitlab_as_code_quality(tmp_path) -> None:
    _broken(tmp_path)
    human = run_offre("check", "--content", "contenu", cwd=tmp_path)
    result = run_offre("check", "--content", "contenu", "--format", "gitlab", cwd=tmp_path)
    assert result.returncode == human.returncode == 1
    assert result.stderr == human.stderr, "the job's log keeps the human lines"
    issues = json.loads(result.stdout)
    places = re.findall(r"^(contenu/\S+?):(\d+):\d+: (.*)$", human.stderr, re.M)
    assert len(issues) == len(places) >= 1
    for issue, (path, line, message) in zip(issues, places):
        assert issue["location"] == {"path": path, "lines": {"begin": int(line)}}
        assert issue["description"] == message and issue["severity"] == "blocker"
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"]) and issue["check_name"].startswith("offre/")
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
    assert any("summery" in issue["description"] for issue in issues)

    valid = run_offre("check", "--content", str(CONTENT_SETS["laurentides"]), "--format", "gitlab", cwd=ROOT)
    assert valid.returncode == 0, valid.stderr
    warnings = json.loads(valid.stdout)  # the report alone on standard output, the verdict in the log
    assert warnings and {issue["severity"] for issue in warnings} == {"minor"}
    assert "Contenu valide" in valid.stderr


def test_check_reports_problems_to_github_as_annotations(tmp_path) -> None:
    _broken(tmp_path)
    result = run_offre("check", "--content", "contenu", "--format", "github", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith("::error file=contenu/") for line in lines), result.stdout
    assert any(re.match(r"::error file=contenu/fr/services\.yaml,line=\d+,col=\d+,title=offre check::la clé "
                        r"« summery » n'existe pas", line) for line in lines), result.stdout
    assert "problème(s) dans le contenu" in result.stderr and "summery" not in result.stderr, "said once"


def test_annotations_cannot_be_cut_or_forged_by_a_content_value() -> None:
    from generator.check_report import Finding, github

    finding = Finding("c/fr/a,b:c.yaml", 3, 4, "error", "x", "100 % faux\n::error::forgé\r")
    assert github([finding]) == "::error file=c/fr/a%2Cb%3Ac.yaml,line=3,col=4,title=offre check::100 %25 faux" \
                                "%0A::error::forgé%0D\n"


def test_a_brochure_that_does_not_fit_is_reported_at_its_section(tmp_path) -> None:
    content_sets.longer(tmp_path / "contenu", 2)
    result = run_offre("check", "--content", "contenu", "--format", "gitlab", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    issues = json.loads(result.stdout)
    brochures = [issue for issue in issues if issue["check_name"].startswith("offre/brochure_")]
    assert brochures, issues
    for issue in brochures:
        assert re.fullmatch(r"contenu/(fr|en)/services\.yaml", issue["location"]["path"]), issue
        assert issue["location"]["lines"]["begin"] > 1 and issue["description"].startswith("brochure-")


def test_an_overflow_without_a_section_points_at_the_file_that_holds_it() -> None:
    from generator.brochure.render import Overflow
    from generator.check_report import from_overflow, gitlab

    back = from_overflow(Overflow("brochure-en-print.pdf", "back", None, 4.0, "back", language="en"), "too long",
                         Path("mon-offre"))
    cover = from_overflow(Overflow("brochure-fr-print.pdf", "cover", None, 2.0, "cover", language="fr"), "trop long",
                          Path("mon-offre"))
    assert (back.path, back.line, cover.path) == ("mon-offre/en/contact.yaml", 0, "mon-offre/fr/organisation.yaml")
    assert json.loads(gitlab([back]))[0]["location"] == {"path": "mon-offre/en/contact.yaml", "lines": {"begin": 1}}


def _run(command: str, cwd: Path, env: dict[str, str]) -> None:
    """One of a job's commands, as the runner runs it: bash, stopping at the first failure."""
    result = subprocess.run(["bash", "-eo", "pipefail", "-c", command], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=900)
    assert result.returncode == 0, f"{command!r} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"


def _git(*arguments: str, cwd: Path) -> str:
    return subprocess.run(["git", *arguments], cwd=cwd, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_IDENTITY}).stdout


@pytest.fixture(scope="module")
def team_repository(tmp_path_factory) -> Path:
    """A fresh clone of the project (with the working tree's changes: the code under
    test), a new content set made by `offre new` and committed with its pipelines."""
    clone = tmp_path_factory.mktemp("equipe") / "offre"
    _git("clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone), cwd=ROOT)
    _git("checkout", "--quiet", "-B", "main", _git("rev-parse", "HEAD", cwd=ROOT).strip(), cwd=clone)
    changed = (_git("diff", "-z", "--name-only", "HEAD", cwd=ROOT)  # staged or not
               + _git("ls-files", "-z", "--others", "--exclude-standard", cwd=ROOT)).split("\0")
    for name in filter(None, changed):
        source, target = ROOT / name, clone / name
        if source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
        elif target.is_file():
            target.unlink()
    result = run_offre("new", "mon-offre", cwd=clone)
    assert result.returncode == 0, result.stderr
    assert (clone / GITLAB).is_file() and (clone / GITHUB).is_file()
    content_sets.made_own(clone / "mon-offre")  # a starter's placeholders are never published
    _git("add", "--all", cwd=clone)
    _git("commit", "--quiet", "--allow-empty", "-m", "Notre offre", cwd=clone)
    return clone


def _environment(clone: Path, variables: dict[str, str]) -> dict[str, str]:
    """The runner's environment: the machine's, less what an outer make or build would
    leak into the jobs, plus the file's own variables."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "CONTENT", "OUTPUT", "FORMAT", "VIRTUAL_ENV")}
    env["CI_PROJECT_DIR"] = str(clone)
    for key, value in variables.items():
        env[key] = os.path.expandvars(str(value)).replace("$CI_PROJECT_DIR", str(clone))
    return env


def _assert_published(site: Path) -> None:
    for page in ("index.html", "en/index.html", "404.html"):
        assert (site / page).is_file(), page
    for compressed in ("index.html.gz", "index.html.br"):
        assert (site / compressed).is_file(), f"{compressed}: the precompressed files go with the site"
    for language in ("fr", "en"):
        assert (site / "downloads" / f"brochure-{language}-office.pdf").is_file()


def test_the_gitlab_pipelines_own_steps_check_and_build_a_fresh_clone(team_repository) -> None:
    clone = team_repository
    pipeline = yaml.safe_load((clone / GITLAB).read_text(encoding="utf-8"))
    env = _environment(clone, pipeline["variables"])
    # before_script prepares the image (apt-get, git's safe.directory): this machine has those.
    assert all("apt-get" in line or "safe.directory" in line for line in pipeline["default"]["before_script"])
    shutil.rmtree(clone / "public", ignore_errors=True)
    for job in ("check", "pages"):
        for command in pipeline[job]["script"]:
            _run(command, clone, env)
    report = json.loads((clone / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert all(issue["location"]["path"].startswith("mon-offre/") for issue in report)
    assert pipeline["preview"]["script"] == pipeline["pages"]["script"]
    _assert_published(clone / "public")
    assert _git("status", "--porcelain", "--", "mon-offre", cwd=clone) == ""


def test_the_github_workflows_own_steps_check_and_build_a_fresh_clone(team_repository) -> None:
    clone = team_repository
    workflow = yaml.safe_load((clone / GITHUB).read_text(encoding="utf-8"))
    env = _environment(clone, workflow["env"])
    steps = [step for step in workflow["jobs"]["build"]["steps"] if "run" in step]
    # The step that installs Pango with apt-get prepares the runner: this machine has it.
    system = [step for step in steps if "apt-get" in step["run"]]
    assert len(system) == 1 and len(steps) == 4, steps
    shutil.rmtree(clone / "public", ignore_errors=True)
    for step in steps:
        if step not in system:
            _run(step["run"], clone, env)
    _assert_published(clone / "public")
    upload = next(step for step in workflow["jobs"]["build"]["steps"]
                  if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "public/"


def test_the_guide_and_readme_walk_through_publishing() -> None:
    french = (ROOT / "guide" / "guide-fr.md").read_text(encoding="utf-8")
    english = (ROOT / "guide" / "guide-en.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for text in (french, english, readme):
        assert "offre pipelines" in text and ".gitlab-ci.yml" in text and ".github/workflows/offre.yml" in text
    assert "GitHub Actions" in french and "GitHub Actions" in english
    publish = french.split("\n## Publier\n", 1)[1].split("\n## ", 1)[0]
    prose = re.sub(r"```.*?```|`[^`]*`|<[^>]*>", "code", publish, flags=re.S)  # code and addresses keep their colons
    assert "\u00a0:" in prose and "«\u00a0" in prose, "Québec typography: a no-break space before : and inside « »"
    assert not re.search(r" [:»]|« | [;?!]", prose), re.findall(r".{20}(?: [:»;?!]|« ).{10}", prose)
