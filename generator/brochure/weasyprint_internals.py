"""What offre uses of WeasyPrint beyond its documented API, in one place.

Three things, each pinned by tests/test_internals.py so that an upgrade that changes
them fails there, by name, rather than as a wrong brochure:

- `page_box(page)`: a laid-out page's box tree (`Page._page_box`), which the
  measurements and the panel checks walk; WeasyPrint has no public way to it;
- `release_fonts(config)`: a FontConfiguration's finalizer (`__del__`), which removes
  the temporary folder its @font-face fonts were copied into; a worker process ends
  without running finalizers, so it is called when a brochure is done;
- `load()`: the import without `ctypes.util.find_library` (cffi asks it for every
  library name that does not open at once, and it runs ldconfig, gcc and ld each
  time: Kozea/WeasyPrint#1125, a third of the import).

pyproject.toml caps WeasyPrint's major version: a new one is taken on purpose, with
these tests.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any


def load() -> None:
    """Import WeasyPrint without running the C compiler some sixty times.

    WeasyPrint opens each of its C libraries by trying the names it has on every
    system ("libgobject-2.0-0" on Windows … "libgobject-2.0.so.0" on Linux), and for
    each name that is not a file, cffi calls ctypes.util.find_library, which runs
    ldconfig, gcc and ld. On Linux the names with ".so." open directly, the same
    libraries, so during the import that search is skipped; should the import then
    fail, it is done again the usual way.
    """
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        importlib.import_module("weasyprint")
        return
    import ctypes.util

    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        importlib.import_module("weasyprint")
    except OSError:  # a library only the search finds: import again, searching
        ctypes.util.find_library = search
        importlib.import_module("weasyprint")
    finally:
        ctypes.util.find_library = search


def page_box(page: Any) -> Any:
    """The root box of a laid-out page (weasyprint.document.Page), whose children are
    the page's boxes as laid out: position, size, margins, the element they came from."""
    return page._page_box


def release_fonts(config: Any) -> None:
    """Remove what a FontConfiguration wrote (its copies of the @font-face fonts), as
    its finalizer does when the garbage collector gets to it."""
    config.__del__()
