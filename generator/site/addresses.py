"""Where each page of the site lives, in each language: English pages at English addresses.

A page is known by a key that is the same in both languages ("home", "about",
"service/psoc"), and has a path in each: the French `services/psoc`, the English
`services/psoc-program` when the English content gives that slug. Everything that
pairs twins — the language switch, hreflang, sitemaps — goes through this map, so
twins stay twins whatever their addresses.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from ..content import Offer
from ..forms import form_key, form_path
from ..strings import strings

HOME = "home"


@dataclass(frozen=True)
class Addresses:
    paths: dict[str, dict[str, str]]  # key → language → path ("index", "services/psoc", "about")
    languages: tuple[str, ...]

    def path(self, key: str, language: str) -> str:
        """The page's source path, without language suffix: "about", "services/psoc"."""
        return self.paths[key][language]

    def url(self, key: str, language: str) -> str:
        """The page's address from its language's root: "", "about/", "services/psoc/"."""
        path = self.path(key, language)
        return "" if path == "index" else path + "/"

    def twins(self, key: str) -> dict[str, str]:
        """The page's address in each language, from the site's root: its twins."""
        return {language: language_root(language, self.languages) + self.url(key, language) for language in self.languages}

    def relative(self, key: str, language: str, here: str) -> str:
        """A link from the page `here` (a key) to the page `key`, in one language."""
        relative = posixpath.relpath("/" + self.url(key, language), "/" + self.url(here, language))
        return "./" if relative == "." else relative.rstrip("/") + "/"


def language_root(language: str, languages: tuple[str, ...]) -> str:
    """"" for the first (default) language, "en/" for the others."""
    return "" if language == languages[0] else f"{language}/"


def site_addresses(offers: dict[str, Offer], *, with_about: bool, with_downloads: bool) -> Addresses:
    languages = tuple(offers)
    paths: dict[str, dict[str, str]] = {HOME: {language: "index" for language in languages}}
    for language, offer in offers.items():
        s = strings(language)
        slugs = offer.organisation.site.pages
        for service in offer.services.services:
            paths.setdefault(f"service/{service.id}", {})[language] = f"services/{service.slug or service.id}"
        for form in offer.contact.forms:  # each request form is a page: formulaires/<slug>, forms/<slug>
            paths.setdefault(form_key(form), {})[language] = form_path(form, language)
        own = {"about": (slugs.about or s["slug_about"], with_about),
               "contact": (slugs.contact or s["slug_contact"], True),
               "downloads": (slugs.downloads or s["slug_downloads"], with_downloads),
               "kit": (s["slug_kit"], with_downloads)}
        for key, (slug, present) in own.items():
            if present:
                paths.setdefault(key, {})[language] = slug
    return Addresses(paths, languages)
