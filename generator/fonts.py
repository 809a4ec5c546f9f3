"""The site's and the brochure's fonts, made from the packaged variable fonts.

Québec's design system uses Open Sans for text and Roboto for headings. They come
from PyPI (fontpkg-open-sans, fontpkg-roboto) as variable fonts; each weight we use is
cut out as a static font and subset to the characters the pages need, then written
as WOFF2 for the web (small, served by the site itself: no font service is ever
called) and as TTF for WeasyPrint. Results are cached, keyed by everything they
depend on, because instancing a variable font takes about a second.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import io
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer


@dataclass(frozen=True)
class Face:
    name: str  # file name stem: open-sans-400
    package: str
    filename: str
    family: str
    weight: int
    style: str = "normal"
    web: bool = True  # served by the site; the italic is only used in print

    @property
    def source(self) -> Path:
        return Path(str(resources.files(self.package) / "files" / self.filename))


FACES = (
    Face("open-sans-400", "fontpkg_open_sans", "OpenSans[wdth,wght].ttf", "Open Sans", 400),
    Face("open-sans-400-italic", "fontpkg_open_sans", "OpenSans-Italic[wdth,wght].ttf", "Open Sans", 400, "italic", web=False),
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

_LAYOUT_FEATURES = ["kern", "liga", "clig", "calt", "ccmp", "locl", "mark", "mkmk", "case"]


def characters_for(texts: str) -> str:
    """The characters to keep: the base set and whatever the content uses."""
    return "".join(sorted(set(BASE_CHARACTERS) | {c for c in texts if c.isprintable()}))


def make_fonts(characters: str, destination: Path, cache_dir: Path | None, *,
               formats: tuple[str, ...] = ("woff2", "ttf"), store: bool = True) -> dict[str, Path]:
    """Write every face as `<name>.<format>` into `destination`; return name → TTF path.

    With `store=False` the cache is read but never written (for `offre check`).
    """
    destination.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for face in FACES:
        for flavor in formats:
            if flavor == "woff2" and not face.web:
                continue
            data = _cached(face, characters, flavor, cache_dir, store)
            target = destination / f"{face.name}.{flavor}"
            target.write_bytes(data)
            if flavor == "ttf":
                written[face.name] = target
    return written


def _cached(face: Face, characters: str, flavor: str, cache_dir: Path | None, store: bool) -> bytes:
    key = hashlib.sha256(
        "\0".join([
            face.name, face.filename, str(face.weight), flavor, characters,
            hashlib.sha256(face.source.read_bytes()).hexdigest(),
            importlib.metadata.version("fonttools"),
        ]).encode()
    ).hexdigest()[:24]
    cached = cache_dir / "fonts" / f"{face.name}-{key}.{flavor}" if cache_dir else None
    if cached is not None and cached.exists():
        return cached.read_bytes()
    data = _make(face, characters, flavor)
    if cached is not None and store:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(".part")
        temporary.write_bytes(data)
        temporary.replace(cached)
    return data


def _make(face: Face, characters: str, flavor: str) -> bytes:
    font = TTFont(face.source)
    font = instancer.instantiateVariableFont(font, {"wght": face.weight, "wdth": 100}, updateFontNames=False)
    options = subset.Options()
    options.layout_features = _LAYOUT_FEATURES
    options.name_IDs = ["*"]  # keep the names (and the licence) in the subset
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    font.flavor = "woff2" if flavor == "woff2" else None
    buffer = io.BytesIO()
    font.save(buffer, reorderTables=False)
    return buffer.getvalue()
