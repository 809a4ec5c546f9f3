"""Both languages, the language switch, <html lang> and no request leaving the site."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import CONTENT_SETS
from sitehtml import english_twins, language_of, pages, soup

pytestmark = pytest.mark.slow

NAMES = ["laurentides", "outaouais"]


def _switch_target(site: Path, page: Path) -> Path:
    """The file the language switch of `page` leads to."""
    link = soup(page).select_one("a.offre-lang")
    assert link is not None, f"{page}: no language switch"
    url = urljoin("http://site/" + page.relative_to(site).as_posix(), link["href"])
    path = urlsplit(url).path.lstrip("/")
    target = site / path
    return target / "index.html" if path == "" or path.endswith("/") else target


@pytest.mark.parametrize("name", NAMES)
def test_every_page_exists_in_both_languages(built_sites: dict[str, Path], name: str) -> None:
    site = built_sites[name]
    french = {p.relative_to(site).as_posix() for p in pages(site) if language_of(site, p) == "fr" and p.name != "404.html"}
    english = {p.relative_to(site / "en").as_posix() for p in pages(site) if language_of(site, p) == "en" and p.name != "404.html"}
    twins = english_twins(CONTENT_SETS[name])
    assert {twins[page] for page in french} == english, "each page has its twin, and only its twin"
    assert {"index.html", "contact/index.html"} <= french


@pytest.mark.parametrize("name", NAMES)
def test_switch_leads_to_the_twin_and_back(built_sites: dict[str, Path], name: str) -> None:
    site = built_sites[name]
    for page in pages(site):
        if page.name == "404.html":
            continue
        twin = _switch_target(site, page)
        assert twin.is_file(), f"{page}: switch leads to missing {twin}"
        language = language_of(site, page)
        other = "en" if language == "fr" else "fr"
        assert language_of(site, twin) == other
        twins = english_twins(CONTENT_SETS[name])
        if language == "fr":
            expected = site / "en" / twins[page.relative_to(site).as_posix()]
        else:
            french = {english: french for french, english in twins.items()}
            expected = site / french[page.relative_to(site / "en").as_posix()]
        assert twin == expected, f"{page}: switch leads to {twin}, not its twin {expected}"
        assert _switch_target(site, twin) == page
        link = soup(page).select_one("a.offre-lang")
        assert link["lang"] == other and link["hreflang"] == other
        assert link.get_text(strip=True) == {"en": "English", "fr": "Français"}[other]


@pytest.mark.parametrize("name", NAMES)
def test_html_lang_matches_the_page_language(built_sites: dict[str, Path], name: str) -> None:
    site = built_sites[name]
    for page in pages(site):
        if page.name == "404.html":
            continue
        assert soup(page).html["lang"] == language_of(site, page), page


_EXTERNAL = re.compile(r"^(https?:)?//", re.I)
_LOADING = {
    "script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
    "video": "src", "embed": "src", "object": "data", "track": "src", "input": "src",
}


@pytest.mark.parametrize("name", NAMES)
def test_nothing_is_loaded_from_outside_the_site(built_sites: dict[str, Path], name: str) -> None:
    site = built_sites[name]
    for page in pages(site):
        document = soup(page)
        for tag, attribute in _LOADING.items():
            for element in document.find_all(tag):
                value = element.get(attribute, "")
                assert not _EXTERNAL.match(value), f"{page}: <{tag} {attribute}={value}>"
        for link in document.find_all("link"):
            rel = set(link.get("rel", []))
            if rel & {"stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch", "manifest", "modulepreload"}:
                assert not _EXTERNAL.match(link.get("href", "")), f"{page}: <link {rel} {link.get('href')}>"
        for style in document.find_all(style=True):
            assert not re.search(r"url\(\s*['\"]?(https?:)?//", style["style"]), page
        for srcset in document.find_all(srcset=True):
            assert "//" not in srcset["srcset"], page
    for stylesheet in site.rglob("*.css"):
        css = stylesheet.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css), stylesheet
        assert not re.search(r"@import\s+(url\()?\s*['\"]?(https?:)?//", css), stylesheet


@pytest.mark.parametrize("name", NAMES)
def test_fonts_are_served_by_the_site(built_sites: dict[str, Path], name: str) -> None:
    site = built_sites[name]
    css = (site / "assets" / "stylesheets" / "fonts.css").read_text(encoding="utf-8")
    families = set(re.findall(r'font-family:\s*"([^"]+)"', css))
    assert families == {"Open Sans", "Roboto"}
    for url in re.findall(r'url\("([^"]+)"\)', css):
        font = (site / "assets" / "stylesheets" / url).resolve()
        assert font.is_file() and font.suffix == ".woff2", url
        assert font.read_bytes()[:4] == b"wOF2"
        assert font.stat().st_size < 60_000, f"{font.name} is not subset"
    shown = set()
    for page in site.rglob("*.html"):
        shown |= set(soup(page).get_text())
    for face in ("open-sans-400", "open-sans-700"):
        from fontTools.ttLib import TTFont
        cmap = TTFont(site / "assets" / "fonts" / f"{face}.woff2").getBestCmap()
        missing = {c for c in shown if c.isprintable() and not c.isspace() and ord(c) not in cmap}
        assert not missing, f"{face}.woff2 lacks {sorted(missing)}: they would show in another font"
    home = soup(site / "index.html")
    stylesheets = [link["href"] for link in home.find_all("link", rel="stylesheet")]
    assert any(href.endswith("fonts.css") for href in stylesheets)
