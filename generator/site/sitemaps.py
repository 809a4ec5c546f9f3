"""One sitemap per language, with each page's twin as an alternate, and robots.txt.

Only when the public URL is known: a sitemap must give absolute addresses.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

from .pages import page_paths


def write_sitemaps(site: Path, languages: list[str], paths: list[str], public_url: str) -> None:
    """`paths`: the pages, as `Page.path` ("index", "services/psoc"), the same in every language."""
    locations = []
    for language in languages:
        rows = []
        for path in paths:
            twins = page_paths(path)
            links = "".join(
                f'\n    <xhtml:link rel="alternate" hreflang="{lang}" href={quoteattr(public_url + twins[key])}/>'
                for lang, key in (("fr", "fr"), ("en", "en"), ("x-default", "fr"))
            )
            rows.append(f"  <url>\n    <loc>{public_url + twins[language]}</loc>{links}\n  </url>")
        folder = site if language == "fr" else site / language
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "sitemap.xml").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "\n".join(rows) + "\n</urlset>\n",
            encoding="utf-8",
        )
        locations.append(public_url + ("" if language == "fr" else f"{language}/") + "sitemap.xml")
    (site / "robots.txt").write_text(
        "User-agent: *\nAllow: /\n\n" + "".join(f"Sitemap: {location}\n" for location in locations),
        encoding="utf-8",
    )
