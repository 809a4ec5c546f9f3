"""The site's and the brochure's fonts, made from the packaged variable fonts.

Québec's design system uses Open Sans for text and Roboto for headings. They come
from PyPI (fontpkg-open-sans, fontpkg-roboto) as variable fonts. Two steps:

- once per installed font package, into `.offre/fonts/` (a few seconds, done by the
  first build after set-up or after a font package changes; like an installation, it
  is not redone by `--no-cache`): each weight we use is cut out of the variable font
  as a whole static TTF, and that TTF is subset to `BASE_CHARACTERS` twice: as a WOFF2
  for the web, and as a TTF for the brochures. WeasyPrint subsets every font it embeds
  again, keeping the glyphs a PDF uses: from the whole font (some 900 glyphs and their
  kerning) that took a fifth of a brochure's time, from the base set a fourth of that;
- at each build: when the content uses a character outside that base set (a name in
  Polish, a rare symbol), both are subset again to the base set plus those characters
  (kept in the build cache). Otherwise the prepared files are used as they are.

Either way the site serves its own fonts: no font service is ever called.
"""

from __future__ import annotations

import functools
import importlib.metadata
import io
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from . import store as artifacts
from .files import write_whole

PREPARED_FORMAT = "4"  # bump when the way prepared fonts are made changes
_PREPARED_NAME = re.compile("[0-9a-f]{16}")  # a folder of prepared fonts: fonts_digest()[:16]


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

# Always in the web fonts, whatever the content says: Latin-1, French ligatures,
# typographic punctuation and spaces, so an edit never falls back to a system font.
BASE_CHARACTERS = (
    "".join(chr(code) for code in range(0x20, 0x7F))
    + "".join(chr(code) for code in range(0xA0, 0x100))
    + "ŒœŸ‘’‚“”„–—…•€«»\u00a0\u202f\u2009\u2010\u2011→←↑↓✓"
)  # (U+2010: the hyphen WeasyPrint draws where a word breaks at a soft hyphen)

_LAYOUT_FEATURES = ["kern", "liga", "clig", "calt", "ccmp", "locl", "mark", "mkmk"]

Mapper = Callable[..., Iterable]


@dataclass(frozen=True)
class Prepared:
    """A face's fonts made once per installed package."""

    ttf: Path  # whole static font, what the subsets are cut from
    woff2: Path  # subset to BASE_CHARACTERS, for the web
    brochure: Path  # subset to BASE_CHARACTERS, a TTF for WeasyPrint


def characters_for(texts: str) -> str:
    """The characters the web fonts must hold: the base set and whatever the content uses."""
    return "".join(sorted(set(BASE_CHARACTERS) | {c for c in texts if c.isprintable()}))


# --- once per installed font package ------------------------------------------------------


def prepared_fonts(folder: Path, run: Mapper = map) -> dict[str, Prepared]:
    """Face name → its prepared fonts (made first if missing)."""
    home = folder / fonts_digest()[:16]
    prepared = {face.name: _prepared_in(home, face) for face in FACES}
    missing = [face for face in FACES if not _complete(prepared[face.name])]
    if missing:
        home.mkdir(parents=True, exist_ok=True)
        for face, (ttf, woff2, brochure) in zip(missing, run(_prepare, missing)):
            write_whole(prepared[face.name].woff2, woff2)
            write_whole(prepared[face.name].brochure, brochure)
            write_whole(prepared[face.name].ttf, ttf)  # last: _complete looks for it first
        for old in folder.iterdir():  # fonts of packages no longer installed: folders offre named
            if old != home and _PREPARED_NAME.fullmatch(old.name) and old.is_dir() and not old.is_symlink():
                shutil.rmtree(old, ignore_errors=True)
    return prepared


def fonts_prepared(folder: Path) -> bool:
    home = folder / fonts_digest()[:16]
    return all(_complete(_prepared_in(home, face)) for face in FACES)


def _prepared_in(home: Path, face: Face) -> Prepared:
    return Prepared(home / f"{face.name}.ttf", home / f"{face.name}.woff2", home / f"{face.name}-brochure.ttf")


def _complete(prepared: Prepared) -> bool:
    return prepared.ttf.exists() and prepared.woff2.exists() and prepared.brochure.exists()


@functools.cache
def fonts_digest() -> str:
    """The key of the prepared fonts (the artifact "prepared-fonts", see store.py): the
    packaged sources, fontTools' version, the base set."""
    return artifacts.ARTIFACTS["prepared-fonts"].key(
        format=PREPARED_FORMAT, fonttools=importlib.metadata.version("fonttools"), base_characters=BASE_CHARACTERS,
        sources=[artifacts.installed(source) for source in sorted({face.source for face in FACES})])


def _prepare(face: Face) -> tuple[bytes, bytes, bytes]:
    """(whole static TTF, its subsets to the base characters: WOFF2, TTF). The same
    package gives the same bytes on every machine: the font keeps its own date (not the
    time it was prepared here), so a build's fonts and PDFs do not depend on when
    `.offre/fonts/` was made."""
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = instancer.instantiateVariableFont(
        TTFont(face.source, recalcTimestamp=False), {"wght": face.weight, "wdth": 100}, updateFontNames=False)
    buffer = io.BytesIO()
    font.save(buffer)
    ttf = buffer.getvalue()
    return ttf, _web_subset(ttf, BASE_CHARACTERS), _brochure_subset(ttf, BASE_CHARACTERS)


# --- at each build ------------------------------------------------------------------------------


def web_fonts(characters: str, destination: Path, prepared: dict[str, Prepared], cache_dir: Path | None, *,
              run: Mapper = map) -> None:
    """Write every face as `<name>.woff2` into `destination`, holding `characters`.

    With `cache_dir=None` nothing is reused nor kept; `run` may map over a process pool.
    """
    destination.mkdir(parents=True, exist_ok=True)
    if not _beyond_base(characters):
        for face in FACES:
            shutil.copyfile(prepared[face.name].woff2, destination / f"{face.name}.woff2")
        return
    for name, data in _subsets(characters, "woff2", prepared, cache_dir, run).items():
        (destination / f"{name}.woff2").write_bytes(data)


def brochure_fonts(characters: str, destination: Path, prepared: dict[str, Prepared], cache_dir: Path | None, *,
                   run: Mapper = map) -> dict[str, Path]:
    """Face name → the TTF the brochures are laid out with, holding `characters`: the
    prepared one, or when the text goes beyond the base set, a subset written into
    `destination` (cache and `run` as for web_fonts)."""
    if not _beyond_base(characters):
        return {face.name: prepared[face.name].brochure for face in FACES}
    destination.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, data in _subsets(characters, "ttf", prepared, cache_dir, run).items():
        paths[name] = destination / f"{name}.ttf"
        paths[name].write_bytes(data)
    return paths


def _beyond_base(characters: str) -> bool:
    return bool(set(characters) - set(BASE_CHARACTERS))


def _subsets(characters: str, kind: str, prepared: dict[str, Prepared], cache_dir: Path | None,
             run: Mapper) -> dict[str, bytes]:
    """Face name → its font of `kind` ("woff2": web, "ttf": brochures) holding
    `characters`: from the cache, else cut from the whole TTF (and kept)."""
    found = {face.name: _from_cache(face, characters, kind, prepared, cache_dir) for face in FACES}
    missing = [face for face in FACES if found[face.name] is None]
    cut = _web_subset if kind == "woff2" else _brochure_subset
    ttfs = [prepared[face.name].ttf.read_bytes() for face in missing]
    for face, made in zip(missing, run(cut, ttfs, [characters] * len(missing))):
        found[face.name] = made
        if cache_dir is not None:
            artifacts.keep(cache_dir, _cache_name(face, characters, kind, prepared), made)
    return found  # type: ignore[return-value]  # every face found or made


def _cache_name(face: Face, characters: str, kind: str, prepared: dict[str, Prepared]) -> str:
    """A subset's name in the cache (the artifact "fonts"): the whole font it is cut from
    is named by its folder, the prepared fonts' key."""
    key = artifacts.ARTIFACTS["fonts"].key(face=face.name, characters=characters, whole_font=str(prepared[face.name].ttf),
                                       kind=kind)
    return artifacts.entry_name("fonts", f"{face.name}-{key}", f".{kind}")


def _from_cache(face: Face, characters: str, kind: str, prepared: dict[str, Prepared],
                cache_dir: Path | None) -> bytes | None:
    """The subset kept in the cache, sealed (see store.py); None: cut it again."""
    return artifacts.take(cache_dir, _cache_name(face, characters, kind, prepared))


def _web_subset(ttf: bytes, characters: str) -> bytes:
    return _cut(ttf, characters, "woff2")


def _brochure_subset(ttf: bytes, characters: str) -> bytes:
    return _cut(ttf, characters, None)


def _cut(ttf: bytes, characters: str, flavor: str | None) -> bytes:
    """`ttf` holding only `characters`, with the kerning and ligatures HarfBuzz applies
    to them (text is laid out exactly as with the whole font), its names and licence,
    without hinting: a third smaller, which today's screens do not need and WeasyPrint
    drops from what it embeds. `flavor`: "woff2" for the web, None for a TTF."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(ttf), recalcTimestamp=False)  # the same characters, the same bytes: no clock in it
    options = subset.Options()
    options.layout_features = _LAYOUT_FEATURES
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    font.flavor = flavor
    buffer = io.BytesIO()
    font.save(buffer, reorderTables=False)
    return buffer.getvalue()
