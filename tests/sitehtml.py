"""Reading the built site the way a visitor's browser would see it."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup


def pages(site: Path) -> list[Path]:
    """Every HTML page of a built site (not the team's editor at /admin/, when published)."""
    return sorted(path for path in site.rglob("*.html") if path.relative_to(site).parts[0] != "admin")


def soup(page: Path) -> BeautifulSoup:
    """The page's HTML; a word's optional breaks (<wbr>) dropped and a host kept whole
    (<span class="whole">) unwrapped, as a reader copies an address."""
    document = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for tag in document("wbr"):
        tag.decompose()
    for tag in document.select("span.whole"):
        tag.unwrap()
    document.smooth()
    return document


def normalise(text: str) -> str:
    """Compare texts the way a reader does: spaces folded, no-break spaces as spaces."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")
    return re.sub(r"\s+", " ", text).strip()


def visible_text(page: Path) -> str:
    document = soup(page)
    for hidden in document(["script", "style", "template"]):
        hidden.decompose()
    return normalise(document.get_text(" "))


def language_of(site: Path, page: Path) -> str:
    """Pages under en/ are English; all others French (the default language)."""
    return "en" if page.relative_to(site).parts[0] == "en" else "fr"


def site_text(site: Path, language: str) -> str:
    return " ".join(visible_text(page) for page in pages(site)
                    if language_of(site, page) == language and page.name != "404.html")


def english_twins(content: Path) -> dict[str, str]:
    """French page (relative path of its index.html) → its English twin's, from the
    content: pages are twins by id, each at the address its language gives it."""
    import yaml

    def load(language: str, name: str) -> dict:
        return yaml.safe_load((content / language / name).read_text(encoding="utf-8")) or {}

    twins = {"index.html": "index.html", "contact/index.html": "contact/index.html",
             "brochures/index.html": "brochures/index.html", "a-propos/index.html": "about/index.html",
             "trousse-communications/index.html": "communications-kit/index.html"}
    english = {service["id"]: service.get("slug") or service["id"] for service in load("en", "services.yaml")["services"]}
    for service in load("fr", "services.yaml")["services"]:
        twins[f"services/{service.get('slug') or service['id']}/index.html"] = f"services/{english[service['id']]}/index.html"
    english_forms = {form["id"]: form.get("slug") or form["id"] for form in load("en", "contact.yaml").get("forms") or []}
    for form in load("fr", "contact.yaml").get("forms") or []:  # request forms: formulaires/<slug>, forms/<slug>
        twins[f"formulaires/{form.get('slug') or form['id']}/index.html"] = f"forms/{english_forms[form['id']]}/index.html"
    return twins
