"""The site's and the brochure's fonts, made from the packaged variable fonts.

Québec's design system uses Open Sans for text and Roboto for headings. They come
from PyPI (fontpkg-open-sans, fontpkg-roboto) as variable fonts. Two steps:

- once per installed font package: each weight we use is cut out of the variable
  font as a whole static font, into `.offre/fonts/` (a few seconds, done by the first
  build after set-up or after a font package changes; like an installation, it is
  not redone by `--no-cache`);
- at each build: those fonts are subset to the characters the pages use and written
  as WOFF2 for the web (served by the site itself: no font service is ever called)
  and TTF for WeasyPrint (cached, and cheap to redo).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import io
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

INSTANCE_FORMAT = "1"  # bump when the way static fonts are cut changes


@dataclass(frozen=True)
class Face:
    name: str  # file name stem: open-sans-400
    package: str
    filename: str
    family: str
    weight: int

    @property
    def source(self) -> Path:
        return Path(str(resources.files(self.package) / "files" / self.filename))


FACES = (
    Face("open-sans-400", "fontpkg_open_sans", "OpenSans[wdth,wght].ttf", "Open Sans", 400),
    Face("open-sans-700", "fontpkg_open_sans", "OpenSans[wdth,wght].ttf", "Open Sans", 700),
    Face("roboto-700", "fontpkg_roboto", "Roboto[wdth,wght].ttf", "Roboto", 700),
)

# Always present, whatever the content says: Latin-1, French ligatures, typographic
# punctuation and spaces, so an edit never falls back to a system font.
BASE_CHARACTERS = (
    "".join(chr(code) for code in range(0x20, 0x7F))
    + "".join(chr(code) for code in range(0xA0, 0x100))
    + "ŒœŸ‘’‚“”„–—…•€«»\u00a0\u202f\u2009\u2011→←↑↓✓"
)

_LAYOUT_FEATURES = ["kern", "liga", "clig", "calt", "ccmp", "locl", "mark", "mkmk"]

Mapper = Callable[..., Iterable]


def characters_for(texts: str) -> str:
    """The characters to keep: the base set and whatever the content uses."""
    return "".join(sorted(set(BASE_CHARACTERS) | {c for c in texts if c.isprintable()}))


# --- once per installed font package ------------------------------------------------------


def installed_fonts(folder: Path, run: Mapper = map) -> dict[str, Path]:
    """The static fonts cut from the installed packages: face name → TTF (made if missing)."""
    home = folder / fonts_digest()[:16]
    paths = {face.name: home / f"{face.name}.ttf" for face in FACES}
    missing = [face for face in FACES if not paths[face.name].exists()]
    if missing:
        home.mkdir(parents=True, exist_ok=True)
        for face, data in zip(missing, run(_instance, missing)):
            _write_whole(paths[face.name], data)
        for old in folder.iterdir():  # fonts of packages no longer installed
            if old != home and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
    return paths


def fonts_installed(folder: Path) -> bool:
    home = folder / fonts_digest()[:16]
    return all((home / f"{face.name}.ttf").exists() for face in FACES)


@functools.cache
def fonts_digest() -> str:
    """What the static fonts depend on: the packaged sources and fontTools' version."""
    digest = hashlib.sha256(f"{INSTANCE_FORMAT}\0{importlib.metadata.version('fonttools')}".encode())
    for source in sorted({face.source for face in FACES}):
        digest.update(hashlib.sha256(source.read_bytes()).digest())
    return digest.hexdigest()


def _write_whole(path: Path, data: bytes) -> None:
    """Write beside, then rename: a build stopped half-way never leaves half a font."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".part")
    temporary.write_bytes(data)
    temporary.replace(path)


def _instance(face: Face) -> bytes:
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = instancer.instantiateVariableFont(
        TTFont(face.source), {"wght": face.weight, "wdth": 100}, updateFontNames=False)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


# --- at each build ------------------------------------------------------------------------------


def make_fonts(characters: str, destination: Path, installed: dict[str, Path], cache_dir: Path | None, *,
               formats: tuple[str, ...] = ("woff2", "ttf"), store: bool = True,
               run: Mapper = map) -> dict[str, Path]:
    """Write every face as `<name>.<format>` into `destination`; return name → TTF path.

    With `cache_dir=None` nothing is reused; with `store=False` the cache is read but
    never written (for `offre check`); `run` may map over a process pool.
    """
    destination.mkdir(parents=True, exist_ok=True)
    found = {face: _from_cache(face, characters, formats, installed, cache_dir) for face in FACES}
    missing = [face for face in FACES if found[face] is None]
    sources = [installed[face.name] for face in missing]
    for face, made in zip(missing, run(_subset, sources, [characters] * len(missing), [formats] * len(missing))):
        found[face] = made
        if cache_dir is not None and store:
            for flavor, data in made.items():
                _write_whole(_cache_path(face, characters, flavor, installed, cache_dir), data)
    written: dict[str, Path] = {}
    for face, data in found.items():
        for flavor, content in data.items():
            target = destination / f"{face.name}.{flavor}"
            target.write_bytes(content)
            if flavor == "ttf":
                written[face.name] = target
    return written


def cached_fonts(characters: str, installed: dict[str, Path], cache_dir: Path,
                 formats: tuple[str, ...] = ("woff2", "ttf")) -> dict[str, Path] | None:
    """Face name → cached TTF, when every face is in the cache in every format."""
    if not all(_from_cache(face, characters, formats, installed, cache_dir) is not None for face in FACES):
        return None
    return {face.name: _cache_path(face, characters, "ttf", installed, cache_dir) for face in FACES}


def _cache_path(face: Face, characters: str, flavor: str, installed: dict[str, Path], cache_dir: Path) -> Path:
    key = hashlib.sha256("\0".join([face.name, characters, str(installed[face.name])]).encode()).hexdigest()[:24]
    return cache_dir / "fonts" / f"{face.name}-{key}.{flavor}"


def _from_cache(face: Face, characters: str, formats: tuple[str, ...], installed: dict[str, Path],
                cache_dir: Path | None) -> dict[str, bytes] | None:
    if cache_dir is None:
        return None
    paths = {flavor: _cache_path(face, characters, flavor, installed, cache_dir) for flavor in formats}
    if all(path.exists() for path in paths.values()):
        return {flavor: path.read_bytes() for flavor, path in paths.items()}
    return None


def _subset(source: Path, characters: str, formats: tuple[str, ...]) -> dict[str, bytes]:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source)
    options = subset.Options()
    options.layout_features = _LAYOUT_FEATURES
    options.name_IDs = ["*"]  # keep the names (and the licence) in the subset
    options.notdef_outline = True
    options.hinting = False  # a third smaller; today's screens and printers do not need it
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    made = {}
    for flavor in formats:
        font.flavor = "woff2" if flavor == "woff2" else None
        buffer = io.BytesIO()
        font.save(buffer, reorderTables=False)
        made[flavor] = buffer.getvalue()
    return made
