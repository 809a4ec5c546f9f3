"""Write a `.gz` and a `.br` beside every text file of the built site.

A phone on a slow network waits for bytes: the pages, the style sheets and the SVG
files shrink to a fifth when compressed. Compressing on each request costs the
server; compressing once at build costs nothing to serve. Hosts read the files as
they are: nginx (`gzip_static on;`, and `brotli_static on;` with its brotli module),
Caddy (`file_server { precompressed br gzip }`), Apache (mod_rewrite rules); a host
that knows none of this simply sends the plain file, which is still there.

Both files are reproducible (gzip without a date or a name, brotli at a quality that
depends only on the file, see brotli_quality):
the same site gives the same bytes, so deploying an unchanged build changes nothing.
A compressed copy is written only when smaller than the file itself. Material's style
sheets, the same from build to build and the slowest to compress (a third of a second
for the main one), are compressed once per installation, as the fonts are cut once
from their packages: kept in `.offre/precompressed/` under their content's hash, used
by every build, `--no-cache` included. Every other file's copies are kept in the build
cache: an edit compresses again only the pages it changed (a few milliseconds each).
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from pathlib import Path

import brotli

from .. import store as artifacts

# Text files a browser fetches. Source maps (only a developer's tools ask for them)
# and images or fonts already compressed in their own format are left as they are.
COMPRESSIBLE = frozenset({".html", ".css", ".js", ".svg", ".xml", ".txt", ".json", ".webmanifest"})

# Smaller files gain nothing: one network packet either way.
MIN_SIZE = 512

ENCODINGS = (".gz", ".br")


def compressible(folder: Path) -> list[Path]:
    """The files of `folder` worth a compressed copy, in a stable order."""
    return sorted(path for path in folder.rglob("*")
                  if path.suffix in COMPRESSIBLE and path.is_file() and path.stat().st_size >= MIN_SIZE)


# Brotli's quality by what a file costs to compress. 11, its best, is for what is
# compressed once per installation (Material's style sheets). For the site's own files,
# 10: on the pages measured its files are as small (a page of 15 KB: 3,163 bytes against
# 3,144) in less than half the time. Past LARGE (pages of a site with hundreds of
# services, each menu listing them all), 6: a fifth larger but 40 times faster — a
# 100 KB page takes 1 ms instead of 41 (250 at 11), which keeps a 600-page site from
# spending minutes compressing.
INSTALLED_QUALITY, QUALITY, LARGE_QUALITY = 11, 10, 6
LARGE = 64_000


def brotli_quality(size: int, installed: bool = False) -> int:
    if installed:
        return INSTALLED_QUALITY
    return QUALITY if size <= LARGE else LARGE_QUALITY


def precompress(files: Iterable[Path], cache: Path | None = None, *, installed: AbstractSet[Path] = frozenset(),
                installation: Path | None = None) -> int:
    """Write `<file>.gz` and `<file>.br` beside each file (when smaller); return how
    many compressed files were written. `cache`: a folder where compressed copies are
    kept by their content's hash, so an unchanged file is never compressed twice.
    `installed`: files copied as they are from an installed package (see
    from_package), whose copies are kept in `installation` whatever `cache` is."""
    written = 0
    for path in files:
        data = path.read_bytes()
        once = path in installed and installation is not None
        store = installation if once else (cache / "precompressed" if cache is not None else None)
        for suffix, made in zip(ENCODINGS, _compressed(data, store, brotli_quality(len(data), once))):
            if len(made) < len(data):
                path.with_name(path.name + suffix).write_bytes(made)
                written += 1
    return written


def from_package(files: Iterable[Path], site: Path, package: Path) -> set[Path]:
    """Those of `files` (in `site`) that are a file of `package` at the same place, byte
    for byte (what MkDocs copied from the theme)."""
    found = set()
    for path in files:
        original = package / path.relative_to(site)
        if original.is_file() and original.stat().st_size == path.stat().st_size \
                and original.read_bytes() == path.read_bytes():
            found.add(path)
    return found


def _compressed(data: bytes, store: Path | None, quality: int) -> tuple[bytes, bytes]:
    """(gzip, brotli) of `data`: kept in `store` (the artifact "precompressed", sealed,
    see store.py: a copy cut short, or another page's, is made again), or made and kept
    there."""
    names = []
    if store is not None:
        key = artifacts.ARTIFACTS["precompressed"].key(data=data, quality=quality)
        names = [f"{store.name}/{key[:2]}/{key}{suffix}" for suffix in ENCODINGS]
        found = [artifacts.take(store.parent, name) for name in names]
        if found[0] is not None and found[1] is not None:
            return found[0], found[1]
    made = (gzip.compress(data, compresslevel=9, mtime=0),
            brotli.compress(data, quality=quality))
    if store is not None:
        for name, compressed in zip(names, made):
            artifacts.keep(store.parent, name, compressed)
    return made
