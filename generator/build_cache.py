"""How long the build cache (`.offre/cache/`) keeps what it holds: a week after its last use.

Each brochure, page, measurement, compressed copy and font subset is kept under a hash of
what it is made from, so an edit adds entries and never replaces one: left alone, the
cache of a team that saves edits all day would grow without end (a language's two
brochures weigh 850 KB). So every entry a build takes from the cache is marked as used
(`mark_used`: its modification time set to now), and after each build that succeeded,
what no build has used for a week is removed (`remove_unused`). What a team comes back
to (the other language's brochures, the pages an edit did not touch, a branch built
now and then) stays; the rest goes. `translations/` bounds itself (the newest 20).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

UNUSED_FOR = 7 * 24 * 3600  # seconds

# The entries of each kind of the cache, as glob patterns under its folder: a brochure
# entry is a folder (a language's print and office PDFs); pages and compressed copies
# are spread over folders named after their hash's first two digits.
ENTRIES = {"brochures": "*", "measures": "*", "fonts": "*", "pages": "*/*", "precompressed": "*/*"}
# Every name offre gives an entry holds a hash (as do the half-written files of a killed
# build, ".<name>-<random>"): anything else is not offre's, and is never removed, should
# OFFRE_CACHE_DIR name a folder that holds other files.
OWN_NAME = re.compile(r"[0-9a-f]{24}")


def mark_used(path: Path) -> None:
    """Mark a cache entry as used now, so that it is kept another week. Best-effort: a
    cache that cannot be written (read-only) is still read."""
    try:
        os.utime(path)
    except OSError:
        pass


def remove_unused(cache: Path) -> None:
    """Remove the entries of `cache` that no build has used for a week (leftovers of a
    build killed while writing one among them). An entry that cannot be removed stays:
    it only takes room."""
    now = time.time()
    for kind, pattern in ENTRIES.items():
        for entry in (cache / kind).glob(pattern):
            if not OWN_NAME.search(entry.name):
                continue
            try:
                if now - entry.lstat().st_mtime <= UNUSED_FOR:
                    continue
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry)
                else:
                    entry.unlink()
            except OSError:
                pass
