"""The build cache (`.offre/cache/`): how an entry is kept and taken, sealed, and how long
it is kept (a week after its last use).

Each brochure, request form's PDF, page, measurement, compressed copy, font subset and
reading of the Git history is kept under a name holding a hash of what it is made from. Every kind goes
through the three functions here (`keep`, `take`, `remove_unused`), so that all share
the same three guarantees:

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
import hashlib
import os
import re
import stat
import tempfile
import time
from pathlib import Path

UNUSED_FOR = 7 * 24 * 3600  # seconds
SEAL = b"offre-cache 1 "  # then 64 hex digits and a newline: 79 bytes before the entry's own
SEAL_LENGTH = len(SEAL) + 64 + 1
MAX_ENTRY = 64 * 1024 * 1024  # no entry of offre's is near this: a larger file is not one

# The names offre gives the entries of each kind (relative to its folder), the only
# files `remove_unused` may remove. Pages and compressed copies are spread over
# folders named after their hash's first two digits.
_HEX = "[0-9a-f]"
OWN_NAMES: dict[str, re.Pattern[str]] = {
    "brochures": re.compile(rf"{_HEX}{{32}}-[a-z]{{2}}-(print|office)\.pdf"),
    "measures": re.compile(rf"{_HEX}{{32}}-[a-z]{{2}}\.json"),
    "fonts": re.compile(rf"[a-z0-9-]+-{_HEX}{{24}}\.(woff2|ttf)"),
    "pages": re.compile(rf"{_HEX}{{64}}\.html"),
    "precompressed": re.compile(rf"{_HEX}{{64}}\.(gz|br)"),
    "translations": re.compile(rf"{_HEX}{{32}}\.json"),
    "forms": re.compile(rf"{_HEX}{{32}}\.pdf"),
}
_SPREAD = {"pages", "precompressed"}  # kinds whose entries sit one folder deeper
_TWO_HEX = re.compile(f"{_HEX}{{2}}")
_HALF_WRITTEN = re.compile(r"\.(?P<name>.+)-[A-Za-z0-9_]{8}")  # tempfile.mkstemp's, see keep


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
    digest = hashlib.sha256(name.encode("utf-8") + b"\0")
    digest.update(data)
    return digest.hexdigest().encode()


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
        if kind == "translations":
            continue  # bounded by number, as `offre check` reads it (see content/freshness.py)
        for path, _ in own_entries(cache, kind, older_than=unused_since):
            with contextlib.suppress(OSError):
                path.unlink()


def keep_newest(cache: Path, kind: str, count: int) -> None:
    """Remove all but the `count` newest entries offre made of `kind`."""
    entries = sorted(own_entries(cache, kind), key=lambda entry: entry[1], reverse=True)
    for path, _ in entries[count:]:
        with contextlib.suppress(OSError):
            path.unlink()
