"""Build the website: write the pages and the config MkDocs needs, then run MkDocs.

Everything goes into a work folder: the generated Markdown beside a copy of the
hand-written assets of `docs/`, and a small `mkdocs.yml` that inherits the project's
own and adds what comes from the content (site name, per-language navigation, public
URL). The project's files are never written to.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.utils.yaml import yaml_load

from ..compiled_templates import COMPILED
from ..content import Offer
from ..content.dates import local_day
from ..content.names import LONG_PHONE_NAME, full_name, phone_name
from ..downloads import Download, public_brochure
from ..strings import strings
from ..text import distinct, to_uri, typography
from . import SiteBuildError
from .addresses import Addresses, site_addresses
from .not_found import relocatable
from .page_cache import PageCache, shared_keys
from .pages import has_about_page, nav, render_pages
from .sitemaps import write_sitemaps
from .mkdocs_internals import add_plugin
from .theme_files import list_visible_files_only


def theme_folder() -> Path:
    """Material's own folder: the files MkDocs copies from it into the site."""
    import material

    return Path(material.__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class SiteBuilt:
    """What build_site made: the site's folder, and how many pages MkDocs made and reused."""

    folder: Path  # work/site
    pages_made: int
    pages_reused: int  # from the cache, as an earlier build made them


def build_site(offers: dict[str, Offer], project: Path, work: Path, downloads: list[Download],
               dates: dict[str, datetime], *, cache: Path | None = None, tools: str | None = None) -> SiteBuilt:
    """Build the site of every language into `work/site`.

    `cache`: where pages are kept, to be reused by the next build when nothing they are
    made from changed (see page_cache.py); `tools` is then the hash of what turns content
    into output (build.tools_key). The web fonts are not part of the site yet: they
    are made meanwhile, and copied into `assets/fonts/` afterwards (MkDocs only copies them).
    """
    config_file, addresses, config = _prepare(offers, project, work, downloads, dates)
    pages = PageCache(None)
    if cache is not None:
        if not tools:
            raise ValueError("pages are kept only with the tools' key: what they are made from")
        pages = PageCache(cache / "pages", shared_keys(tools, config, work / "docs"), scratch=work / "pages")
    _run_mkdocs(config_file, pages)
    site = work / "site"
    _finish(site, offers, addresses)
    if any(offer.contact.forms for offer in offers.values()):  # the request forms' PDFs, beside the brochures
        from ..forms.pdf import write_form_pdfs

        write_form_pdfs(offers, work, project / ".offre" / "fonts", cache)
    return SiteBuilt(site, pages.made, pages.reused)


def prepare_site(offers: dict[str, Offer], project: Path, work: Path,
                 downloads: list[Download], dates: dict[str, datetime]) -> tuple[Path, Addresses]:
    """Write the pages, the assets and the MkDocs config into `work`; return the config
    file and the pages' addresses. Running `mkdocs build -f <config>` then builds the site."""
    config_file, addresses, _ = _prepare(offers, project, work, downloads, dates)
    return config_file, addresses


def _prepare(offers: dict[str, Offer], project: Path, work: Path, downloads: list[Download],
             dates: dict[str, datetime]) -> tuple[Path, Addresses, dict[str, Any]]:
    docs = work / "docs"
    shutil.copytree(project / "docs", docs, ignore=shutil.ignore_patterns("overrides"))
    for offer in offers.values():  # the signature, for the header: assets/signature-<language>.svg
        signature = offer.media_file(offer.organisation.organisation.signature)
        if signature is not None:
            shutil.copyfile(signature, docs / signature_path(offer, signature))
    addresses = site_addresses(offers, with_about=any(has_about_page(offer) for offer in offers.values()),
                               with_downloads=bool(downloads))
    for language, offer in offers.items():
        for page in render_pages(offer, addresses, downloads):
            target = docs / page.filename(language)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.markdown, encoding="utf-8")
    config = _config(offers, project, docs, work / "site", addresses, dates)
    config_file = work / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_file, addresses, config


def _finish(site: Path, offers: dict[str, Offer], addresses: Addresses) -> None:
    """What MkDocs and static-i18n leave undone: one 404 page and one sitemap per
    language. (Material's scripts are not copied at all: see theme_files.NOT_SHIPPED.)"""
    for language in offers:
        kept = site / f".404.{language}.html"
        if kept.exists():
            kept.replace(site / ("404.html" if language == "fr" else f"{language}/404.html"))
    for leftover in ("sitemap.xml", "sitemap.xml.gz"):
        (site / leftover).unlink(missing_ok=True)
    if (root := public_root(offers["fr"])):
        write_sitemaps(site, addresses, root)
    else:  # served anywhere, a sub-path too: the error page finds the site's root itself
        relocatable(site, [site / "404.html", *(site / language / "404.html" for language in offers)])


def _config(offers: dict[str, Offer], project: Path, docs: Path, site: Path, addresses: Addresses,
            dates: dict[str, datetime]) -> dict[str, Any]:
    """The project's mkdocs.yml, plus what the content decides."""
    with open(project / "mkdocs.yml", encoding="utf-8") as handle:
        base = yaml_load(handle)
    i18n = dict(base.get("plugins", {}).get("i18n", {}))
    languages = []
    for entry in i18n.get("languages", []):
        language = entry["locale"]
        offer = offers[language]
        other = "en" if language == "fr" else "fr"
        signature = offer.media_file(offer.organisation.organisation.signature)
        organisation = offer.organisation.organisation
        s, other_s = strings(language), strings(other)
        languages.append({
            **entry,
            "site_name": site_name(offer),
            "site_description": typography(offer.organisation.site.description or offer.organisation.hero.title,
                                           language),
            "nav": nav(offer, addresses),
            "extra": {"offre": {
                "language": language,
                "root": "" if entry.get("default") else f"{language}/",
                "other_language": other,
                "other_language_name": strings(other)["language_name"],
                "brochure": public_brochure(language),
                "brochure_label": strings(language)["brochure_download"],
                "not_found_title": strings(language)["not_found_title"],
                "not_found_text": strings(language)["not_found_text"],
                "not_found_home": strings(language)["not_found_home"],
                "draft": strings(language)["draft_mark"] if offer.draft else "",  # 404.html says it too
                "og_locale": strings(language)["og_locale"],
                "organisation_name": typography(offer.organisation.organisation.name, language),
                "header_name": header_name(offer),
                # a long name on a phone, a size smaller, so that it holds in the header
                "header_small": len(phone_name(offer.organisation)) > LONG_PHONE_NAME,
                "logo": signature_path(offer, signature) if signature is not None else "",
                "other_og_locale": strings(other)["og_locale"],
                # The footer, in the page's language: who, how to reach them, the brochure, when.
                "footer_names": [typography(name, language) for name in distinct(organisation.team, organisation.name)],
                "contact": addresses.twins("contact")[language],
                "contact_label": s["nav_contact"],
                "date_label": s["date_modified"],
                "date": local_day(dates[language]).isoformat(),
                "footer_label": s["footer_label"],
                # The root 404 answers any missing address: it speaks both languages.
                "other_not_found": {"title": other_s["not_found_title"], "text": other_s["not_found_text"],
                                    "home": other_s["not_found_home"],
                                    "root": "" if other == addresses.languages[0] else f"{other}/"},
            }},
        })
    first = offers["fr"]
    config: dict[str, Any] = {
        "INHERIT": str(project / "mkdocs.yml"),
        "docs_dir": str(docs),
        "site_dir": str(site),
        "site_name": site_name(first),
        "theme": {"custom_dir": str(project / "docs" / "overrides")},
        "hooks": [str(Path(__file__).with_name("hooks.py"))],
        "plugins": {"i18n": {**i18n, "languages": languages}},
        # The communications kit is reached from the brochures page, not from the menu.
        "not_in_nav": "\n".join(f"/{addresses.path('kit', language)}.{language}.md"
                                 for language in offers if "kit" in addresses.paths),
    }
    if public_root(first):
        config["site_url"] = public_root(first)
    return config


def public_root(offer: Offer) -> str | None:
    """The site's public address as ASCII, ending with "/" (None when not given)."""
    public = offer.organisation.site.public_url
    return to_uri(public.rstrip("/") + "/") if public else None


def signature_path(offer: Offer, file: Path) -> str:
    """Where a language's signature is copied in the site: assets/signature-fr.svg."""
    return f"assets/signature-{offer.language}{file.suffix.lower()}"


def site_name(offer: Offer) -> str:
    """The team (or the offer's title) and the institution, each said once. Plain text:
    hooks.py escapes it as it enters MkDocs' theme."""
    return typography(full_name(offer.organisation), offer.language)


def header_name(offer: Offer) -> str:
    """The site's name in a phone's header, when the content gives a shorter one than
    site_name(): the team's acronym and the institution's short name ("EFDC — CIUSSS de
    l'Exemple"). Beside the signature, the menu and the language switch, the header
    leaves the name 150 to 220 px: a full name of 70 characters would need four lines of
    a header that holds three. Empty when the full name is all there is."""
    short = typography(phone_name(offer.organisation), offer.language)
    return "" if short == site_name(offer) else short


def _run_mkdocs(config_file: Path, pages: PageCache | None = None) -> None:
    logger = logging.getLogger("mkdocs")
    previous = logger.level
    logger.setLevel(logging.WARNING)
    try:
        config = load_config(str(config_file), strict=True)
        add_plugin(config, "offre-compiled-templates", COMPILED)  # the theme's templates, compiled once
        if pages is not None:
            add_plugin(config, "offre-page-cache", pages)  # what an earlier build made, used again
        list_visible_files_only(config.theme)  # not Material's 14,000 icons, twice
        mkdocs_build(config)
        if pages is not None:
            pages.keep()  # the build succeeded: its pages may be used again
    except (MkDocsException, SystemExit) as error:
        raise SiteBuildError(str(error) or type(error).__name__) from error
    finally:
        logger.setLevel(previous)
