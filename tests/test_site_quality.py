"""What search engines, printers and French readers see: hreflang, sitemaps, 404 pages,
meta data, Québec typography."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import CONTENT_SETS, PUBLIC_URL
from pdf import page_text
from sitehtml import english_twins, language_of, pages, soup, visible_text

pytestmark = pytest.mark.slow

NAMES = ["laurentides", "outaouais"]
NBSP = "\u00a0"


def _content_pages(site: Path) -> list[Path]:
    return [p for p in pages(site) if p.name != "404.html" and "qr" not in p.relative_to(site).parts]


def _own_path(site: Path, page: Path) -> str:
    relative = page.relative_to(site).as_posix()
    return relative[: -len("index.html")]


@pytest.mark.parametrize("name", NAMES)
def test_hreflang_canonical_with_the_public_url(short_sites, name) -> None:
    site = short_sites[name]
    twins = {french.removesuffix("index.html"): english.removesuffix("index.html")
             for french, english in english_twins(CONTENT_SETS[name]).items()}
    to_french = {english: french for french, english in twins.items()}
    for page in _content_pages(site):
        document = soup(page)
        own = _own_path(site, page)
        french = to_french[own[3:]] if own.startswith("en/") else own
        assert document.find("link", rel="canonical")["href"] == PUBLIC_URL + own
        alternates = {link["hreflang"]: link["href"] for link in document.find_all("link", rel="alternate") if link.get("hreflang")}
        assert alternates == {
            "fr": PUBLIC_URL + french,
            "en": PUBLIC_URL + "en/" + twins[french],
            "x-default": PUBLIC_URL + french,
        }, page


@pytest.mark.parametrize("name", NAMES)
def test_no_relative_hreflang_without_a_public_url(built_sites, name) -> None:
    site = built_sites[name]
    for page in pages(site):
        for link in soup(page).find_all("link", hreflang=True):
            assert link["href"].startswith("https://"), f"{page}: relative hreflang {link['href']}"
    assert not (site / "sitemap.xml").exists(), "a sitemap needs absolute addresses"


@pytest.mark.parametrize("name", NAMES)
def test_one_sitemap_per_language_with_alternates(short_sites, name) -> None:
    site = short_sites[name]
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    for language, path in (("fr", site / "sitemap.xml"), ("en", site / "en" / "sitemap.xml")):
        tree = ElementTree.parse(path)
        locations = [url.find("s:loc", namespaces).text for url in tree.getroot()]
        expected = {PUBLIC_URL + _own_path(site, p) for p in _content_pages(site) if language_of(site, p) == language}
        assert set(locations) == expected
        for url in tree.getroot():
            links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", namespaces)}
            assert set(links) == {"fr", "en", "x-default"}
            assert links[language] == url.find("s:loc", namespaces).text
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {PUBLIC_URL}sitemap.xml" in robots and f"Sitemap: {PUBLIC_URL}en/sitemap.xml" in robots


@pytest.mark.parametrize("name", NAMES)
def test_a_404_page_in_each_language(built_sites, name) -> None:
    site = built_sites[name]
    french, english = soup(site / "404.html"), soup(site / "en" / "404.html")
    assert french.html["lang"] == "fr" and "Page introuvable" in french.h1.get_text()
    assert english.html["lang"] == "en" and "Page not found" in english.h1.get_text()


@pytest.mark.parametrize("name", NAMES)
def test_no_search_index_mixes_languages(built_sites, name) -> None:
    """The site has no search (see README): no index, no search code shipped."""
    site = built_sites[name]
    assert not list(site.rglob("search_index.json"))
    assert not (site / "assets" / "javascripts" / "lunr").exists()


@pytest.mark.parametrize("name", NAMES)
def test_every_page_has_description_open_graph_and_favicon(built_sites, name) -> None:
    site = built_sites[name]
    for page in pages(site):
        document = soup(page)
        language = language_of(site, page)
        assert document.find("meta", attrs={"name": "description"})["content"].strip(), page
        assert document.find("meta", property="og:title")["content"].strip(), page
        assert document.find("meta", property="og:description")["content"].strip(), page
        assert document.find("meta", property="og:locale")["content"] == f"{language}_CA"
        icon = document.find("link", rel="icon")
        base = site if page.name == "404.html" else page.parent  # the error page's base is the site's root
        assert icon and (base / icon["href"]).resolve().is_file() or icon["href"].startswith("/")


def test_a_print_stylesheet_shows_link_addresses(built_sites) -> None:
    css = (built_sites["laurentides"] / "assets" / "stylesheets" / "offre.css").read_text(encoding="utf-8")
    assert "@media print" in css and 'content: " (" attr(href) ")"' in css


@pytest.mark.parametrize("name", NAMES)
def test_quebec_french_typography_on_real_pages(built_sites, name) -> None:
    site = built_sites[name]
    colons = guillemets = 0
    for page in pages(site):
        if language_of(site, page) != "fr":
            continue
        document = soup(page)
        for hidden in document(["script", "style"]):
            hidden.decompose()
        text = document.get_text()
        for match in re.finditer(r"(.)(:)(\s|$)", text):
            if re.search(r"(https?|mailto|tel)$", text[max(0, match.start() - 6): match.start() + 1]):
                continue
            assert match.group(1) == NBSP, f"{page}: {text[max(0, match.start() - 30): match.end() + 5]!r}"
            colons += 1
        for match in re.finditer("«(.)", text):
            assert match.group(1) == NBSP, page
            guillemets += 1
        for match in re.finditer("(.)»", text):
            assert match.group(1) == NBSP, page
        assert not re.search(r"[ \u00a0\u202f][;?!]", text), page
    assert colons > 0
    if name == "laurentides":
        assert guillemets > 0
        home = visible_text(site / "contact" / "index.html")
        raw = (site / "contact" / "index.html").read_text(encoding="utf-8")
        assert f"450{NBSP}433-2777, poste{NBSP}65139" in raw
        english = (site / "en" / "contact" / "index.html").read_text(encoding="utf-8")
        assert f"450-433-2777, ext.{NBSP}65139" in english
        assert "Contact us" in english and NBSP + ":" not in soup(site / "en" / "index.html").get_text()
        assert home


def test_quebec_french_typography_in_the_brochure(built_sites) -> None:
    text = page_text(built_sites["laurentides"] / "downloads" / "brochure-fr-office.pdf").replace("\r\n", " ")
    assert f"(ex.{NBSP}: la sécurité" in text
    assert not re.search(r"\w :", text), "a colon after a plain space"
    english = page_text(built_sites["laurentides"] / "downloads" / "brochure-en-office.pdf")
    assert f"{NBSP}:" not in english
