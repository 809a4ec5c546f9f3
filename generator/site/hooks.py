"""MkDocs hooks of the generated config: only wiring, the work is in `build.py`.

mkdocs-static-i18n builds each language in turn into one site folder, and every build
writes the theme's 404 page to the site's root: the last language wins. Each build's
404 page is set aside here under its language's name; `build.py` puts them in place.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.plugins import event_priority


@event_priority(100)  # before static-i18n starts the next language's build
def on_post_build(config) -> None:
    site = Path(config.site_dir)
    language = config.extra["offre"]["language"]
    page = site / "404.html"
    if page.exists():
        shutil.copyfile(page, site / f".404.{language}.html")
