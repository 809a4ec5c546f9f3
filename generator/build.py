"""The whole pipeline: load and check the content, then render every output.

Output is atomic: everything is built in a work folder beside the output folder, and
replaces the previous build only when every step succeeded. A failed build leaves
the last good site exactly as it was.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .content import Offer, load_content
from .content.schema import SCHEMA_FOLDER, write_schemas
from .downloads import FOLDER, all_codes, make_downloads
from .fonts import characters_for, make_fonts
from .qr import write_redirect_pages
from .site import build_site
from .strings import strings

MARKER = ".offre-build"


class OutputError(Exception):
    """The output folder cannot be used (it holds something offre did not make)."""


@dataclass(frozen=True)
class Project:
    """Where the hand-written parts live (mkdocs.yml, docs/) and where caches go."""

    root: Path

    @classmethod
    def find(cls) -> Project:
        """The current folder if it has a mkdocs.yml, else the folder this package came from."""
        here = Path.cwd()
        if (here / "mkdocs.yml").is_file():
            return cls(here)
        return cls(Path(__file__).resolve().parent.parent)

    @property
    def cache(self) -> Path:
        return self.root / ".offre" / "cache"


def check(content_dir: Path, project: Project | None = None) -> dict[str, Offer]:
    """Every check a build makes, nothing written: the content, then whether each
    brochure fits its panels (laid out in a temporary folder, then thrown away).
    Raises ContentProblems or BrochureOverflow."""
    project = project or Project.find()
    offers = load_content(content_dir)
    with tempfile.TemporaryDirectory(prefix="offre-check-") as work:
        fonts = make_fonts(_all_text(offers), Path(work) / "fonts", project.cache, formats=("ttf",), store=False)
        make_downloads(offers, fonts, Path(work) / FOLDER)
    return offers


def build(content_dir: Path, output_dir: Path, project: Project | None = None, *,
          print_only: bool = False) -> dict[str, Offer]:
    """Check the content, build every output, then put it in place of `output_dir`.

    With `print_only`, only the brochures and QR codes are made (in `downloads/`).
    """
    project = project or Project.find()
    write_schemas(project.root / SCHEMA_FOLDER)  # editor help stays in step with the models
    offers = load_content(content_dir)
    output_dir = output_dir.resolve()
    _check_output(output_dir)
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".offre-work-", dir=output_dir.parent))
    try:
        fonts = work / "fonts"
        print_fonts = make_fonts(_all_text(offers), fonts, project.cache)
        downloads = make_downloads(offers, print_fonts, work / FOLDER)
        if print_only:
            result = work / "output"
            result.mkdir()
            shutil.move(work / FOLDER, result / FOLDER)
        else:
            result = build_site(offers, project.root, work, fonts, downloads)
            shutil.move(work / FOLDER, result / FOLDER)
            write_redirect_pages(all_codes(offers), result)
        (result / MARKER).write_text("Built by offre. This folder is replaced by each build.\n", encoding="utf-8")
        _publish(result, output_dir, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return offers


def _all_text(offers: dict[str, Offer]) -> str:
    text = "".join(offer.model_dump_json() for offer in offers.values())
    return characters_for(text + "".join("".join(strings(language).values()) for language in offers))


def _check_output(output_dir: Path) -> None:
    """Never replace a folder offre did not make: `--output ~` must not wipe a home."""
    if output_dir.exists() and (not output_dir.is_dir() or (any(output_dir.iterdir()) and not (output_dir / MARKER).exists())):
        raise OutputError(
            f"{output_dir} exists and was not made by offre — choose another --output folder, "
            f"or empty this one first"
        )


def _publish(new: Path, output_dir: Path, work: Path) -> None:
    """Swap the new build in: two renames on one file system."""
    if output_dir.exists():
        output_dir.rename(work / "previous")
    new.rename(output_dir)
