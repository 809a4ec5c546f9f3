"""The whole pipeline: load and check the content, then render every output.

Output is atomic: everything is built in a work folder beside the output folder, and
replaces the previous build only when every step succeeded. A failed build leaves
the last good site exactly as it was.

Rebuilds redo only what changed: fonts and brochures come from `.offre/cache/` when
nothing they depend on changed, and when nothing at all changed since the build in
the output folder (same content, same project files, same generator and packages),
the build stops there. What no build has used for a week leaves the cache (see
store.py, where every cached thing is declared with its inputs). `no_cache=True` reuses nothing.
"""

from __future__ import annotations

import contextlib
import errno
import importlib.metadata
import os
import shutil
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import __version__
from .content import ContentProblems, Offer, Problem, load_content
from .content.dates import content_date, said_once
from .content.schema import SCHEMA_FOLDER, write_schemas
from .files import UnsafeTarget
from .brochure.plan import Plan
from . import store
from .store import remove_unused
from .downloads import FOLDER, PrintJob, SiteFiles, check_brochure_budget, planned
from .oserrors import EnvironmentProblem
from .fonts import characters_for, fonts_digest
from .print_processes import InProcess, PrintProcesses, Processes
from .printable import display_path
from .project import BUILD_MARKER, Project
from .qr import plan_codes, write_redirect_pages
from .site.precompress import compressible, precompress
from .strings import message, message_language, strings
from .timings import stage
from .workspace import remove_own, uninterrupted, work_folder

PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "weasyprint", "pydyf", "qrcode",
            "fonttools", "pydantic", "jinja2", "markupsafe", "pyyaml", "markdown", "babel")


class OutputError(Exception):
    """The output folder cannot be used: it holds something offre did not make."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(self.message("en"))

    def message(self, language: str | None = None) -> str:
        return message(language or message_language(), "cli.output_not_ours", path=display_path(self.path))


@dataclass(frozen=True)
class BuildResult:
    offers: dict[str, Offer]
    up_to_date: bool = False
    brochures_made: tuple[str, ...] = ()
    brochures_reused: tuple[str, ...] = ()
    pages_made: int = 0  # the site's pages (in every language) made by MkDocs
    pages_reused: int = 0  # and those an earlier build made, reused (see site/page_cache.py)
    plan: Plan | None = None  # the brochures' panel plan (None when nothing was built)
    warnings: tuple[Problem, ...] = ()  # what is worth fixing but did not stop the build

    def said_warnings(self, verbose: bool = False) -> list[tuple[str, str]]:
        """Each warning as the terminal and the preview say it: (its place, "file:line:col: "
        or "" for a whole brochure; its message). `verbose`: with the internal keys."""
        from .brochure.render import sparse_panels

        said = [(f"{warning.place()}: ", warning.message(verbose=verbose)) for warning in self.warnings]
        return said + [("", line) for line in (sparse_panels(self.plan) if self.plan is not None else [])]


def check(content_dir: Path, project: Project | None = None, *, processes: Processes | None = None) -> BuildResult:
    """Every check a build makes, nothing written: the content, then whether each
    brochure fits its panels (laid out in a temporary folder, then thrown away; what it
    measured and laid out is kept in the store, as a build keeps it, so that the build
    which follows a check — a pipeline's next step, the team's next command — takes it).
    Raises ContentProblems or BrochureOverflow. `processes`: the print processes, owned
    by the caller; else started here and stopped at the end."""
    printing = None
    own = None  # the print processes started here (none given), stopped here
    if processes is None:
        processes = own = PrintProcesses()
    try:
        project = project or Project.find()
        warnings: list[Problem] = []
        offers = load_content(content_dir, warnings)
        check_brochure_budget(offers)
        work = work_folder(None, "check")
        printing = PrintJob(offers, _all_text(offers), work, project.fonts, project.cache,
                            dates=_dates(content_dir, offers, warnings), processes=processes)
        printing.start()
        printing.wait()
    except BaseException:
        if printing is not None:
            printing.cancel()
        raise
    finally:
        if own is not None:
            own.stop()
        remove_own(None, "check")
    return BuildResult(offers, plan=printing.plan, warnings=tuple(said_once(warnings)))


def build(content_dir: Path, output_dir: Path, project: Project | None = None, *,
          print_only: bool = False, no_cache: bool = False, parallel: bool = True,
          processes: Processes | None = None, draft: bool | None = False, site_only: bool = False) -> BuildResult:
    """Check the content, build every output, then put it in place of `output_dir`.

    With `print_only`, only the print outputs are made (in `downloads/`): the brochures, the
    request forms' fillable PDFs and the QR codes.
    With `site_only` (the preview, which has the brochures made next, apart), the site,
    its fonts and QR codes, and the brochures the last build in `output_dir` left: the
    page the team edits is served without waiting for the PDFs.
    `processes`: the print processes, started early by the caller, who owns them (and
    stops them); else they are started here when brochures are to be made, and stopped
    at the end (with `parallel` false, the brochures are laid out in this process).
    `draft`: false, a starter's placeholder left is a problem (nothing is published);
    true, every page and brochure is marked as a draft; None (the preview), a draft
    only while a placeholder is left.
    """
    return _build(content_dir, output_dir, project or Project.find(), print_only, no_cache, parallel, processes,
                  draft, site_only)


def _build(content_dir: Path, output_dir: Path, project: Project, print_only: bool, no_cache: bool,
           parallel: bool, processes: Processes | None, draft: bool | None, site_only: bool) -> BuildResult:
    """One build core for every build: a whole one, the print outputs only, or the site
    only (the preview's first step: SiteFiles in place of the brochures' PrintJob, and a
    stamp with "-site" after the key, never taken for a whole build's, so that `offre
    build` into the same folder makes the brochures)."""
    with stage("content"):
        with contextlib.suppress(OSError, UnsafeTarget):  # editor help only: a read-only project (or one
            # whose .offre/ is a link: never written through) still builds
            write_schemas(project.root / SCHEMA_FOLDER)
        warnings: list[Problem] = []
        offers = load_content(content_dir, warnings, cache=not no_cache)
        offers = _drafted(offers, warnings, draft)
        check_brochure_budget(offers)  # before anything is laid out: a hopeless text is told at once
        output_dir = Path(os.path.abspath(output_dir))
        _check_output(output_dir)
        tools = tools_key(project)
        key = build_key(content_dir, project, print_only, tools, warnings, offers["fr"].draft)
        key += "-site" if site_only else ""
    last = _stamp(output_dir)
    if not no_cache and last == key:
        return BuildResult(offers, up_to_date=True, warnings=tuple(said_once(warnings)))
    if last is not None and processes is not None:
        processes.warm()  # the folder's last build was of other content: an edit, its brochures likely made again
    cache = None if no_cache else project.cache
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    printing: PrintJob | SiteFiles | None = None
    own = None  # the print processes this build starts, and stops (when the caller gave none)
    if processes is None and not site_only:
        processes = own = PrintProcesses() if parallel else InProcess()
    try:
        work = work_folder(output_dir.parent, "work")  # and the folders of killed builds removed
        dates = _dates(content_dir, offers, warnings)  # git, asked once for the brochures and the site
        if site_only:
            printing = SiteFiles(offers, _all_text(offers), work, project.fonts, cache, output_dir)
        else:
            assert processes is not None
            printing = PrintJob(offers, _all_text(offers), work, project.fonts, cache,  # meanwhile: fonts, QR, PDFs
                                dates=dates, processes=processes)
        with stage("fonts and QR codes" if site_only else "brochures: what the cache has"):
            printing.start()
        pages: list[Path] = []
        site_pages = (0, 0)  # made, reused
        if print_only:
            if any(offer.contact.forms for offer in offers.values()):
                with stage("forms"):  # every print output: the request forms' PDFs, while the brochures are made
                    from .forms.pdf import write_form_pdfs

                    write_form_pdfs(offers, work, project.fonts, cache)
            with stage("waiting for the brochures"):
                printing.wait()
            result = work / "output"
            result.mkdir()
        else:
            with stage("site") as site_stage:
                # MkDocs and the editor are imported only now: the brochures' measurements,
                # which wait for nothing else, are sent to the print processes first.
                from .editor import repository_backend, write_editor
                from .site.build import build_site, public_root, theme_folder
                from .site.precompress import from_package

                site = build_site(offers, project.root, work, planned(offers), dates, cache=cache, tools=tools)
                result, site_pages = site.folder, (site.pages_made, site.pages_reused)
                site_stage.update(pages_made=site.pages_made, pages_reused=site.pages_reused)
                repository = offers["fr"].organisation.site.repository
                if repository is not None:  # the team edits from anywhere: the editor at /admin/
                    write_editor(result / "admin", repository_backend(repository),
                                 site_url=public_root(offers["fr"]))
            with stage("compression"):
                pages = compressible(result)
                precompress(pages, cache, installed=from_package(pages, result, theme_folder()),
                            installation=project.precompressed)  # while the brochures are made
            with stage("waiting for the brochures"):
                printing.wait()
            shutil.copytree(printing.fonts, result / "assets" / "fonts")
            write_redirect_pages([code for offer in offers.values() for code in plan_codes(offer)], result)
        with stage("publishing"):
            shutil.move(work / FOLDER, result / FOLDER)
            if not print_only:
                precompress(sorted(set(compressible(result)) - set(pages)), cache)  # redirect pages, QR codes
            (result / BUILD_MARKER).write_text(
                "Built by offre. This folder is replaced by each build.\n" + key + "\n", encoding="utf-8")
            _publish(result, output_dir, work)
            if cache is not None and not site_only:  # (the preview's brochure build does it)
                remove_unused(cache)  # what no build has used for a week
    except BaseException:
        if printing is not None:  # stopped before the work folder is deleted under its feet
            printing.cancel()
        raise
    finally:
        if own is not None:
            own.stop()
        remove_own(output_dir.parent, "work")
    return BuildResult(offers, brochures_made=tuple(printing.made), brochures_reused=tuple(printing.reused),
                       pages_made=site_pages[0], pages_reused=site_pages[1], plan=printing.plan,
                       warnings=tuple(said_once(warnings)))


def _drafted(offers: dict[str, Offer], warnings: list[Problem], draft: bool | None) -> dict[str, Offer]:
    """The offers, marked as a draft when asked (or, for the preview, while a starter's
    placeholder is left). Not asked, a placeholder left stops the build: each one said at
    its file and line, so a starter's 450 555-0100 is never published by mistake."""
    left = [warning for warning in warnings if warning.code == "placeholder"]
    if left and draft is False:
        raise ContentProblems(left)
    if draft or left:
        return {language: offer.model_copy(update={"draft": True}) for language, offer in offers.items()}
    return offers


def build_key(content_dir: Path, project: Project, print_only: bool, tools: str | None = None,
              warnings: list[Problem] | None = None, draft: bool = False) -> str:
    """The key of everything the output is made from (the artifact "site", see store.py):
    when it is the same as the last build's, there is nothing to do. `tools`:
    tools_key(project), when already known; `warnings`: where to say a date ignored (see
    content_date)."""
    return store.ARTIFACTS["site"].key(
        tools=tools or tools_key(project), print_only=print_only,
        date=content_date(content_dir, warnings),  # what the outputs say
        prepared_fonts=fonts_digest(), content=Path(content_dir), draft=draft)


def tools_key(project: Project) -> str:
    """The key of what turns the content into output (the artifact "tools"): the
    generator (its version and code), the packages it runs, and the project's
    mkdocs.yml and docs/. Each page of the site is made from it, from the MkDocs config
    and from its own Markdown (see site/page_cache.py)."""
    return store.ARTIFACTS["tools"].key(
        version=__version__, python=sys.version,
        packages={package: importlib.metadata.version(package) for package in PACKAGES},
        generator=store.installed(Path(__file__).parent), docs=project.root / "docs",
        mkdocs_yml=project.root / "mkdocs.yml")


def _dates(content_dir: Path, offers: dict[str, Offer], warnings: list[Problem]) -> dict[str, datetime]:
    """Each language's content date: an edit in French leaves the English PDFs alone.
    A date ignored is said in `warnings` (once: see said_once)."""
    return {language: content_date(Path(content_dir) / language, warnings) for language in offers}


def _stamp(output_dir: Path) -> str | None:
    marker = output_dir / BUILD_MARKER
    if not marker.is_file():
        return None
    lines = marker.read_text(encoding="utf-8").splitlines()
    return lines[1] if len(lines) > 1 else None


def _all_text(offers: dict[str, Offer]) -> str:
    text = "".join(offer.model_dump_json() for offer in offers.values())
    return characters_for(text + "".join("".join(strings(language).values()) for language in offers))


def _check_output(output_dir: Path) -> None:
    """Never replace a folder offre did not make: `--output ~` must not wipe a home.
    And say plainly when part of the path is a file (`--output notes.txt/site`)."""
    for parent in output_dir.parents:
        if parent.exists():
            if not parent.is_dir():
                raise EnvironmentProblem(OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(parent)))
            break
    if output_dir.exists() and (not output_dir.is_dir() or (any(output_dir.iterdir()) and not (output_dir / BUILD_MARKER).exists())):
        raise OutputError(output_dir)


def _publish(new: Path, output_dir: Path, work: Path) -> None:
    """Swap the new build in: two renames on one file system, never interrupted between
    the two (the old site would be deleted with the work folder), and undone when the
    second one fails."""
    with uninterrupted():
        moved = output_dir.exists()
        if moved:
            output_dir.rename(work / "previous")
        try:
            new.rename(output_dir)
        except OSError:
            if moved:
                (work / "previous").rename(output_dir)
            raise
