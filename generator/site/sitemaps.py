"""One sitemap per language, with each page's twin as an alternate, and robots.txt.

Only when the public URL is known: a sitemap must give absolute addresses. The XML is
written by ElementTree, which escapes every address for XML (an `&` in a query stays
well-formed).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

from ..strings import site_folder
from .addresses import Addresses

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
ElementTree.register_namespace("", SITEMAP)
ElementTree.register_namespace("xhtml", XHTML)


def write_sitemaps(site: Path, addresses: Addresses, public_url: str) -> None:
    """One sitemap per language listing every page, each with its twins as alternates."""
    locations = []
    languages = addresses.languages
    for language in languages:
        urlset = ElementTree.Element(f"{{{SITEMAP}}}urlset")
        for key in addresses.paths:
            twins = addresses.twins(key)
            url = ElementTree.SubElement(urlset, f"{{{SITEMAP}}}url")
            ElementTree.SubElement(url, f"{{{SITEMAP}}}loc").text = public_url + twins[language]
            for lang, twin in [*((twin, twin) for twin in languages), ("x-default", languages[0])]:
                ElementTree.SubElement(url, f"{{{XHTML}}}link",
                                       {"rel": "alternate", "hreflang": lang, "href": public_url + twins[twin]})
        ElementTree.indent(urlset)
        folder = site / site_folder(language)
        folder.mkdir(parents=True, exist_ok=True)
        ElementTree.ElementTree(urlset).write(folder / "sitemap.xml", encoding="UTF-8", xml_declaration=True)
        locations.append(public_url + site_folder(language) + "sitemap.xml")
    editor = urlsplit(public_url).path.rstrip("/") + "/admin/"  # the team's editor, when published
    (site / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\nDisallow: {editor}\n\n" + "".join(f"Sitemap: {location}\n" for location in locations),
        encoding="utf-8",
    )
