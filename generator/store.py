"""The artifact store: the one place where what offre makes once and reuses is keyed,
kept, taken and removed — and the one module of the generator that hashes anything.

Every cached thing is an `Artifact` declared in `ARTIFACTS` below with the inputs it is
made from (the table of ARCHITECTURE.md is this one). Its key is `Artifact.key(...)`
of exactly those inputs, by name: an input left out or one not declared is refused, so
what a brochure or a page depends on is written once, here, where a newcomer reads it.
`key()` turns any inputs into a hash without ambiguity (each value tagged with its type
and length: ("ab", "c") and ("a", "bc") differ); a `Path` is hashed by its bytes (a
folder: each file's name and bytes). `installed()` does the same once per state of an
installed file or folder (code, templates, fonts: read once per process while they do
not change).

What is kept goes to the build cache (`.offre/cache/`, or OFFRE_CACHE_DIR) through the
functions below (`keep`, `take`, `remove_unused`), so that every kind shares the same
three guarantees:

- **Sealed.** An entry's file starts with a line offre alone writes: `offre-cache 1 `
  and the SHA-256 of its name and its bytes. An entry cut short, emptied, edited,
  swapped with another (page A's HTML under page B's name) or written by anyone else
  does not match its seal: it is a miss, and is made again. Nothing damaged is
  published.
- **Inside its folder.** The cache is never read or written through a symbolic link
  below its root (`cache/pages` a link elsewhere: pages are neither kept there nor
  taken from there), nor is any file that is not a regular file (a pipe would hang
  the build).
- **Only its own removed.** After each build that succeeded, what no build has used
  for a week is removed — only files whose name is one offre gives that kind (or the
  half-written file of a killed build: `.<name>-<random>`) *and* whose first bytes are
  offre's seal. A folder shared through OFFRE_CACHE_DIR loses none of its other files,
  whatever their names; no link is followed.

Every entry a build takes is marked as used (`take` sets its modification time to
now), so what a team comes back to (the other language's brochures, the pages an edit
did not touch, a branch built now and then) stays; the rest goes. Best-effort
throughout: a cache that cannot be read or written only costs time.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import stat
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

UNUSED_FOR = 7 * 24 * 3600  # seconds
SEAL = b"offre-cache 1 "  # then 64 hex digits and a newline: 79 bytes before the entry's own
SEAL_LENGTH = len(SEAL) + 64 + 1
MAX_ENTRY = 64 * 1024 * 1024  # no entry of offre's is near this: a larger file is not one


# --- inputs into a key ------------------------------------------------------------------------------


def key(*inputs: Any, length: int = 64) -> str:
    """The hash (`length` hex digits) of `inputs`: strings, bytes, numbers, None, dates,
    paths (a file's bytes; a folder's files, by name and bytes, bytecode aside), and
    tuples, lists and dicts of those. Two different inputs never share a key: each
    value is written with its type and length."""
    sink = hashlib.sha256()
    for value in inputs:
        _feed(sink, value)
    return sink.hexdigest()[:length]


def digest(data: bytes | str) -> str:
    """The SHA-256 of `data` (text as UTF-8), in hex: what a PDF's document id and a
    report's fingerprint are (their bytes depend on it, so it never changes)."""
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def installed(path: Path) -> str:
    """The key of an installed file or folder (code, templates, prepared fonts), read
    once per state of it: a file's key is kept while its size and time stay the same; a
    folder's is made of its files' (so the preview, a long process, sees an edit)."""
    path = Path(path)
    if path.is_dir():
        return key({file.relative_to(path).as_posix(): installed(file) for file in sorted(path.rglob("*"))
                    if file.is_file() and "__pycache__" not in file.parts})
    try:
        status = path.stat()
    except OSError:
        return key(None)
    return _installed_file(str(path), status.st_mtime_ns, status.st_size, status.st_ino)


@functools.lru_cache(maxsize=256)
def _installed_file(path: str, mtime: int, size: int, inode: int) -> str:
    return key(Path(path))


def _feed(sink: Any, value: Any) -> None:
    """Write one input into the hash `sink`: a tag, a length, the bytes."""
    def part(tag: bytes, data: bytes) -> None:
        sink.update(tag + str(len(data)).encode() + b":")
        sink.update(data)  # (not joined first: a file is not copied to be hashed)

    if value is None or isinstance(value, (bool, int, float)):
        part(b"n", repr(value).encode())
    elif isinstance(value, str):
        part(b"s", value.encode("utf-8", errors="surrogatepass"))
    elif isinstance(value, bytes):
        part(b"b", value)
    elif isinstance(value, date):  # datetime too: with its time zone
        part(b"d", value.isoformat().encode())
    elif isinstance(value, Path):
        if value.is_dir():
            files = [path for path in sorted(value.rglob("*")) if path.is_file() and "__pycache__" not in path.parts]
            part(b"D", str(len(files)).encode())
            for path in files:
                part(b"s", path.relative_to(value).as_posix().encode())
                part(b"f", path.read_bytes())
        else:
            try:
                part(b"f", value.read_bytes())
            except FileNotFoundError:
                part(b"-", b"")
    elif isinstance(value, (tuple, list)):
        part(b"(", str(len(value)).encode())
        for item in value:
            _feed(sink, item)
    elif isinstance(value, dict):
        part(b"{", str(len(value)).encode())
        for name in sorted(value, key=repr):
            _feed(sink, name)
            _feed(sink, value[name])
    else:
        raise TypeError(f"not an input of a key: {type(value).__name__}")


# --- every artifact and what it is made from -------------------------------------------------------


@dataclass(frozen=True)
class Artifact:
    """Something offre makes once and reuses while its inputs stay the same.

    `inputs`: the names of everything it is made from; `key()` takes exactly those.
    `kept`: where it is kept ("cache/<kind>" in the build cache, or elsewhere, said in
    words); `names`: the names offre gives its entries in the cache (the only files
    `remove_unused` may remove; None for what is not kept in the cache); `spread`:
    entries one folder deeper, named after their key's first two digits; `newest`:
    kept by number (the newest ones) rather than by a week of use."""

    kind: str
    inputs: tuple[str, ...]
    what: str
    kept: str
    length: int = 32
    names: str | None = None
    spread: bool = False
    newest: int | None = None

    def key(self, **inputs: Any) -> str:
        """The key of this artifact made from `inputs` (every declared one, no other)."""
        if set(inputs) != set(self.inputs):
            missing, unknown = set(self.inputs) - set(inputs), set(inputs) - set(self.inputs)
            raise TypeError(f"{self.kind}: inputs missing {sorted(missing)}, not declared {sorted(unknown)}")
        return key(CACHE_VERSION, self.kind, *((name, inputs[name]) for name in self.inputs), length=self.length)


_HEX = "[0-9a-f]"
CACHE_VERSION = "2"  # in every key: bump when the way keys are made changes

ARTIFACTS: dict[str, Artifact] = {artifact.kind: artifact for artifact in (
    Artifact("tools", ("version", "python", "packages", "generator", "docs", "mkdocs_yml"),
             "what turns content into output: the generator, the packages it runs, the project's files",
             "— (an input of site and pages)", length=64),
    Artifact("site", ("tools", "print_only", "date", "prepared_fonts", "content", "draft"),
             "a whole build: when its key is the last build's, there is nothing to do",
             "the output folder's .offre-build", length=64),
    Artifact("prepared-fonts", ("format", "fonttools", "base_characters", "sources"),
             "static fonts cut once from the font packages (whole TTF, web and brochure subsets)",
             ".offre/fonts/<key[:16]>/", length=64),
    Artifact("fonts", ("face", "characters", "whole_font", "kind"),
             "a font subset for content beyond the base characters (web WOFF2, brochure TTF)",
             "cache/fonts", length=24, names=rf"[a-z0-9-]+-{_HEX}{{24}}\.(woff2|ttf)"),
    Artifact("layout", ("fonts", "templates", "version", "packages", "generator"),
             "what a brochure piece's measured height depends on besides its HTML and size",
             "— (an input of measures and brochures)"),
    Artifact("measures", ("layout",),
             "a language's measured brochure pieces (each by its piece, HTML and size) and the size chosen",
             "cache/measures", names=rf"{_HEX}{{32}}-[a-z]{{2}}\.json"),
    Artifact("measure", ("piece", "html"),
             "one measured piece inside a measures entry (its size after '@')",
             "— (inside measures entries)"),
    Artifact("brochure-content", ("offer", "media", "codes", "layout"),
             "what a language's brochures are laid out from, but the plan",
             "— (an input of brochures)"),
    Artifact("brochures", ("content", "plan", "date"),
             "a language's two PDFs (print, office)",
             "cache/brochures", names=rf"{_HEX}{{32}}-[a-z]{{2}}-(print|office)\.pdf"),
    Artifact("forms", ("html", "fields", "fonts", "packages", "generator"),
             "a request form's fillable PDF",
             "cache/forms", names=rf"{_HEX}{{32}}\.pdf"),
    Artifact("page-shared", ("tools", "language", "docs_files", "shown", "settings"),
             "what a language's pages share: the MkDocs config, the docs folder's other files, the menus",
             "— (an input of pages)", length=64),
    Artifact("pages", ("shared", "source", "destination", "markdown"),
             "one page's HTML as MkDocs and the theme make it",
             "cache/pages", length=64, names=rf"{_HEX}{{64}}\.html", spread=True),
    Artifact("precompressed", ("data", "quality"),
             "a text file's gzip and brotli copies",
             "cache/precompressed (the theme's: .offre/precompressed)", length=64,
             names=rf"{_HEX}{{64}}\.(gz|br)", spread=True),
    Artifact("translations", ("format", "code", "repository", "folder", "head", "languages", "commits"),
             "what the content's Git history says of each text (offre check, the translation warnings)",
             "cache/translations", names=rf"{_HEX}{{32}}\.json", newest=20),
    Artifact("templates", ("jinja", "settings", "extensions"),
             "Jinja templates compiled to Python code (Jinja checks each one's source itself)",
             ".offre/templates/<key>/", length=16),
    Artifact("schemas", ("models",),
             "the content files' JSON schemas, for the editor",
             ".offre/schemas/.made-from", length=64),
)}

# The names offre gives the entries of each kind kept in the cache (relative to its
# folder), the only files `remove_unused` may remove.
OWN_NAMES: dict[str, re.Pattern[str]] = {kind: re.compile(artifact.names) for kind, artifact in ARTIFACTS.items()
                                         if artifact.names is not None}
_SPREAD = {kind for kind, artifact in ARTIFACTS.items() if artifact.spread}
_TWO_HEX = re.compile(f"{_HEX}{{2}}")
_HALF_WRITTEN = re.compile(r"\.(?P<name>.+)-[A-Za-z0-9_]{8}")  # tempfile.mkstemp's, see keep


def entry_name(kind: str, key: str, suffix: str) -> str:
    """Where an entry of `kind` is kept in the cache: "pages/ab/ab….html" for the kinds
    spread over folders, else "brochures/<key><suffix>" (suffix: "-fr-print.pdf")."""
    return f"{kind}/{key[:2]}/{key}{suffix}" if kind in _SPREAD else f"{kind}/{key}{suffix}"


def seal(name: str, data: bytes) -> bytes:
    """An entry as kept: offre's seal (the hash of its name and its bytes), then the bytes."""
    return SEAL + _digest(name, data) + b"\n" + data


def unseal(name: str, kept: bytes) -> bytes | None:
    """The bytes of a kept entry; None unless its seal is offre's and matches its name and
    its bytes (damaged, swapped, foreign)."""
    if len(kept) < SEAL_LENGTH or not kept.startswith(SEAL) or kept[SEAL_LENGTH - 1:SEAL_LENGTH] != b"\n":
        return None
    data = kept[SEAL_LENGTH:]
    return data if kept[len(SEAL):SEAL_LENGTH - 1] == _digest(name, data) else None


def _digest(name: str, data: bytes) -> bytes:
    sealed = hashlib.sha256(name.encode("utf-8") + b"\0")
    sealed.update(data)
    return sealed.hexdigest().encode()


def keep(root: Path, name: str, data: bytes) -> None:
    """Keep `data` in the cache `root` as `name` ("pages/ab/ab….html"), sealed, written
    whole (beside, then renamed: builds writing the same entry at once never write into
    one another's) or not at all, never through a link."""
    folder = _folder(root, name, make=True)
    if folder is None:
        return
    target = Path(name).name
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target}-")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as output:
            output.write(seal(name, data))
        os.replace(temporary, folder / target)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def keep_sealed(root: Path, name: str, file: Path) -> None:
    """Move a file already sealed for `name` (see `seal`) into place: a page written to
    the build's work folder while MkDocs ran. Copied when the cache is on another disk."""
    folder = _folder(root, name, make=True)
    if folder is None:
        return
    try:
        os.replace(file, folder / Path(name).name)
    except OSError:
        data = read_regular(file)
        if data is not None and unseal(name, data) is not None:
            keep(root, name, data[SEAL_LENGTH:])


def take(root: Path | None, name: str) -> bytes | None:
    """The bytes kept in the cache `root` as `name`, marked as used; None when there is
    none, or it is damaged, swapped, foreign, behind a link or cannot be read (a miss)."""
    if root is None:
        return None
    folder = _folder(root, name, make=False)
    if folder is None:
        return None
    path = folder / Path(name).name
    kept = read_regular(path)
    data = unseal(name, kept) if kept is not None else None
    if data is not None:
        mark_used(path)
    return data


def path_of(root: Path, name: str) -> Path | None:
    """Where `name` is kept in `root`, when no link stands in the way (for a page, linked
    into the work folder rather than read: see page_cache.py); None otherwise."""
    folder = _folder(root, name, make=False)
    return folder / Path(name).name if folder is not None else None


def read_regular(path: Path, limit: int = MAX_ENTRY) -> bytes | None:
    """A regular file's bytes, the file itself not a link; None otherwise (or when larger
    than `limit`, or unreadable)."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode) or status.st_size > limit:
            return None
        with os.fdopen(handle, "rb", closefd=False) as source:
            return source.read(limit + 1)[:limit]
    except OSError:
        return None
    finally:
        os.close(handle)


def _folder(root: Path, name: str, *, make: bool) -> Path | None:
    """The folder of `name` under `root`, each part below `root` a real folder (made as
    needed when `make`); None when one is a link or not a folder."""
    folder = Path(root)
    for part in Path(name).parts[:-1]:
        if part in ("", ".", ".."):
            return None
        folder = folder / part
        try:
            status = os.lstat(folder)
        except FileNotFoundError:
            if not make:
                return None
            try:
                folder.mkdir(parents=folder == Path(root) / part)  # the root itself may be missing
            except FileExistsError:
                pass
            except OSError:
                return None
            try:
                status = os.lstat(folder)
            except OSError:
                return None
        except OSError:
            return None
        if not stat.S_ISDIR(status.st_mode):  # a link (lstat sees it as one) or a file
            return None
    return folder


def mark_used(path: Path) -> None:
    """Mark a cache entry as used now, so that it is kept another week. Best-effort: a
    cache that cannot be written (read-only) is still read."""
    try:
        os.utime(path, follow_symlinks=False)
    except (OSError, NotImplementedError):
        pass


def own_entries(cache: Path, kind: str, older_than: float | None = None) -> list[tuple[Path, float]]:
    """The entries of `kind` that offre made (its name for them and its seal), with their
    modification times (only those last modified before `older_than`, when given: the
    others are not opened); never through a link, never a file another made."""
    found = []
    top = cache / kind
    folders = [top]
    if kind in _SPREAD:
        folders = [top / entry.name for entry in _scan(top) if _TWO_HEX.fullmatch(entry.name) and
                   entry.is_dir(follow_symlinks=False)]
    for folder in folders:
        for entry in _scan(folder):
            if not _own_name(kind, entry.name):
                continue
            try:
                status = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if older_than is not None and status.st_mtime >= older_than:
                continue
            if stat.S_ISREG(status.st_mode) and _sealed_by_offre(Path(entry.path)):
                found.append((Path(entry.path), status.st_mtime))
    return found


def _scan(folder: Path) -> list[os.DirEntry]:
    """The entries of `folder`, when it is a real folder (not a link to one)."""
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return []
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError:
        return []


def _own_name(kind: str, name: str) -> bool:
    half = _HALF_WRITTEN.fullmatch(name)
    return bool(OWN_NAMES[kind].fullmatch(half.group("name") if half else name))


def _sealed_by_offre(path: Path) -> bool:
    """Whether the file starts with offre's seal (a half-written one: as far as it goes)."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        start = os.read(handle, len(SEAL))
    except OSError:
        return False
    finally:
        os.close(handle)
    return start == SEAL


def remove_unused(cache: Path) -> None:
    """Remove the entries of `cache` that no build has used for a week (and the
    leftovers of a build killed while writing one). An entry that cannot be removed
    stays: it only takes room."""
    unused_since = time.time() - UNUSED_FOR
    for kind in OWN_NAMES:
        if ARTIFACTS[kind].newest is not None:
            continue  # bounded by number (translations, as `offre check` reads them: see content/freshness.py)
        for path, _ in own_entries(cache, kind, older_than=unused_since):
            with contextlib.suppress(OSError):
                path.unlink()


def keep_newest(cache: Path, kind: str) -> None:
    """Remove all but the newest entries offre made of `kind` (as many as it declares)."""
    entries = sorted(own_entries(cache, kind), key=lambda entry: entry[1], reverse=True)
    for path, _ in entries[ARTIFACTS[kind].newest or len(entries):]:
        with contextlib.suppress(OSError):
            path.unlink()
