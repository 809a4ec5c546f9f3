"""MkDocs hooks of the generated config: only wiring, the work is in `build.py`.

Text from the content reaches MkDocs' theme as plain text — the site's name, page
titles, navigation titles — and the theme prints these values as HTML, unescaped,
in text and in attributes alike. Here each one is escaped once, by markupsafe, as it
enters the theme: a `Markup` prints as escaped HTML where the theme prints it raw,
and is left alone where the theme escapes it itself (`| e`), so a title such as
`Café "Le Bon" <b>` reads the same in the tab, the menu and every attribute.

mkdocs-static-i18n builds each language in turn into one site folder, and every build
writes the theme's 404 page to the site's root: the last language wins. Each build's
404 page is set aside here under its language's name; `build.py` puts them in place.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation

from generator.text import distinct  # (MkDocs loads this file by its path: no relative import)

# After mkdocs-static-i18n (priority -100), which sets each language's name and menu.
AFTER_I18N = -110


@event_priority(AFTER_I18N)
def on_config(config: Any) -> Any:
    config["site_name"] = escape(config["site_name"])
    if config.get("site_description"):
        config["site_description"] = escape(config["site_description"])
    return config


@event_priority(AFTER_I18N)
def on_nav(nav: Navigation, config: Any, files: Any) -> Navigation:
    def walk(items: list[Any]) -> None:
        for item in items:
            if item.title is not None:
                item.title = escape(item.title)
            walk(getattr(item, "children", None) or [])

    walk(nav.items)
    return nav


@event_priority(AFTER_I18N)
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = escape(page.meta[key])
    return markdown


def on_env(env: Any, config: Any, files: Any) -> Any:
    env.filters["offre_title"] = tab_title
    return env


def tab_title(page_title: Any, site_name: Any) -> Markup:
    """The browser tab's title: the page's, then the site's name, a name said once (the
    home page of "Community organizing — CISSS de l'Outaouais" is not "Community
    organizing - Community organizing — …"). Both arrive escaped (see above)."""
    parts = [escape(part) for part in str(site_name).split(" — ")]
    if page_title and len(distinct(str(page_title), *map(str, parts))) > len(parts):
        return escape(page_title) + Markup(" - ") + escape(site_name)
    return escape(site_name)


@event_priority(100)  # before static-i18n starts the next language's build
def on_post_build(config: Any) -> None:
    site = Path(config.site_dir)
    language = config.extra["offre"]["language"]
    page = site / "404.html"
    if page.exists():
        shutil.copyfile(page, site / f".404.{language}.html")
