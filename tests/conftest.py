"""Shared fixtures: each content set is built once per test session, through the CLI."""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT_SETS = {
    "laurentides": ROOT / "content",
    "outaouais": ROOT / "examples" / "outaouais" / "content",
    "fictif": ROOT / "examples" / "fictif" / "content",  # made up: every field of the content model
}
SEEDS = ROOT / "tests" / "seeds"

# The tests compare French output, and offre speaks the language of the locale: every test,
# and every command it starts, runs in one locale whatever the developer's own. C.UTF-8 is on
# every Debian-like system (fr_CA.UTF-8 often is not), reads and writes UTF-8, and does not
# start with "en": offre speaks French. The English cases set LC_ALL=en_CA.UTF-8 themselves.
TEST_LOCALE = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
os.environ.update(TEST_LOCALE)
for _name in ("LC_MESSAGES", "LANGUAGE"):
    os.environ.pop(_name, None)


def tree_digest(folder: Path) -> str:
    """One hash of a folder's names and bytes: to prove a build left it untouched."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def run_offre(*arguments: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the `offre` command as a user would, from the project folder, in the tests'
    locale unless `env` names another."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *arguments],
        cwd=cwd, capture_output=True, text=True, env=None if env is None else {**TEST_LOCALE, **env}, timeout=600,
    )


def _all_built_once(factory: pytest.TempPathFactory, makers: dict[str, Callable[[Path], Path]]) -> dict[str, Path]:
    """Each `make(folder)` of `makers` run once per test run, whatever the number of
    pytest-xdist workers: the first worker to ask builds under a lock in the run's common
    temporary folder, the others read the same site (the tests only read these sites).
    A worker that finds one being built by another builds the next one meanwhile, and
    waits only at the end: two workers asking for three sites build them side by side,
    not one after the other. Alone, plain temporary folders."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return {key: make(factory.mktemp(key)) for key, make in makers.items()}
    between = factory.getbasetemp().parent / "between-workers"  # this run's, beside each worker's own
    between.mkdir(exist_ok=True)

    def built(key: str, blocking: bool) -> Path | None:
        with open(between / f"{key}.lock", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))  # released when closed,
            except BlockingIOError:  # even by a failed build
                return None  # another worker is building it
            done = between / f"{key}.done"
            if not done.is_file():
                folder = between / key
                shutil.rmtree(folder, ignore_errors=True)  # a failed build's half
                folder.mkdir()
                done.write_text(str(makers[key](folder)), encoding="utf-8")
            return Path(done.read_text(encoding="utf-8"))

    found = {key: built(key, blocking=False) for key in makers}
    for key, path in found.items():
        found[key] = path or built(key, blocking=True)
    return {key: Path(path) for key, path in found.items() if path is not None}


def _build(content: Path, output: Path) -> Path:
    result = run_offre("build", "--content", str(content), "--output", str(output))
    assert result.returncode == 0, result.stderr
    return output


@pytest.fixture(scope="session")
def built_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """content set name → the built site folder."""
    return _all_built_once(tmp_path_factory, {name: lambda folder, content=content: _build(content, folder / "site")
                                              for name, content in CONTENT_SETS.items()})


PUBLIC_URL = "https://offre.example.org/"


def with_public_url(source: Path, target: Path, url: str = PUBLIC_URL) -> Path:
    """A copy of a content set that gives the site's public URL (short QR addresses)."""
    shutil.copytree(source, target)
    for language in ("fr", "en"):
        path = target / language / "organisation.yaml"
        text = path.read_text(encoding="utf-8")
        if "  public_url:" in text:
            text = re.sub(r"  public_url: .*\n", f"  public_url: {url}\n", text)
        elif "\nsite:\n" in text:
            text = text.replace("\nsite:\n", f"\nsite:\n  public_url: {url}\n", 1)
        else:
            text += f"\nsite:\n  public_url: {url}\n"
        path.write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def short_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both content sets built with a public URL: QR codes go through /qr/<id>/."""
    def make(content: Path) -> Callable[[Path], Path]:
        return lambda base: _build(with_public_url(content, base / "content"), base / "site")

    built = _all_built_once(tmp_path_factory, {f"{name}-short": make(content) for name, content in CONTENT_SETS.items()})
    return {name: built[f"{name}-short"] for name in CONTENT_SETS}


@dataclasses.dataclass(frozen=True)
class Loaded:
    """What the loader says of a content folder: the problems that stop a build and the
    warnings that do not, each as `offre check` prints it (file:line:column: message)."""

    problems: list[str]
    warnings: list[str]

    @property
    def said(self) -> str:
        return "\n".join(self.problems + self.warnings)


def load_in_process(content: Path) -> Loaded:
    """The loader's verdict on `content`, in this process: what the loader decides needs
    no subprocess and no brochure laid out (`offre check` does both: the cases of the
    command itself stay with run_offre)."""
    from generator.content import ContentProblems, load_content

    warnings: list = []
    try:
        load_content(content, warnings, cache=False)
    except ContentProblems as stopped:
        return Loaded([str(problem) for problem in stopped.problems], [str(warning) for warning in warnings])
    return Loaded([], [str(warning) for warning in warnings])


# Fixtures that build a whole site through the command: a test using one is slow.
BUILDING_FIXTURES = {"built_sites", "short_sites", "previous_site", "injected_site"}


# The modules that take longest on 2 cores, longest first (about 110 s down to 15 s each,
# `pytest --durations`, December 2026). `make test` hands whole modules to its workers in
# the order of the collection (--dist loadscope --no-loadscope-reorder): these first, the
# short modules after, filling in, so that no worker is left alone with a long module at
# the end while the other waits. A module not named here comes after them, in file order.
LONGEST_FIRST = (
    "test_browser.py", "test_safety.py", "test_editor_browser.py", "test_hostile_input.py", "test_cache.py",
    "test_pipelines.py", "test_freshness.py", "test_brochure_plan_search.py", "test_brochure_layout.py",
    "test_brochures.py", "test_forms.py", "test_content_model.py", "test_brochure_design.py", "test_serve.py",
    "test_sub_path.py", "test_broken_content.py", "test_store.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `slow` every test that uses a site built through the command (the modules that
    build or lay out on their own say so with their own `pytestmark`); put the longest
    modules first (LONGEST_FIRST), each module's tests in their own order."""
    for item in items:
        if BUILDING_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
    rank = {name: index for index, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))

