"""Any team can publish its own offer: the content model holds what real offers have
(contacts with every means, postal addresses, opening hours, requests by form, e-mail
or phone), links know their language, nothing points nowhere, English pages have
English addresses, names are said once, and a new team has a way in."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import CONTENT_SETS, PUBLIC_URL, ROOT, load_in_process, run_offre
from content_sets import made_own
from pdf import page_text
from sitehtml import normalise, soup, visible_text

FICTIF = CONTENT_SETS["fictif"]


def _page(site: Path, path: str) -> BeautifulSoup:
    return soup(site / path / "index.html")


def test_a_contact_has_every_means_in_each_languages_conventions(built_sites) -> None:
    site = built_sites["fictif"]
    french = _page(site, "nous-joindre")
    english = _page(site, "en/contact-us")
    for page in (french, english):
        hrefs = {a.get("href") for a in page.find_all("a")}
        assert {"tel:+18195550100,1234", "tel:+18555550199", "tel:+18195550111",
                "mailto:accueil@ciusss-exemple.example"} <= hrefs
    text = normalise(french.get_text(" "))
    for expected in ("Appeler le 819 555-0100, poste 1234", "Appeler sans frais le 1 855 555-0199", "ATS 819 555-0111",
                     "100, rue Principale, bureau 200", "Ville-Exemple (Québec) J0J 0J0",
                     "Du lundi au jeudi, de 8 h 30 à 16 h 30", "Le vendredi, de 8 h 30 à 12 h"):
        assert expected in text, expected
    text = normalise(english.get_text(" "))
    for expected in ("Call 819-555-0100, ext. 1234", "Call toll-free 1-855-555-0199", "TTY 819-555-0111",
                     "Ville-Exemple, Quebec J0J 0J0", "Monday to Thursday, 8:30 a.m. to 4:30 p.m.",
                     "Friday, 8:30 a.m. to noon"):
        assert expected in text, expected
    for language in ("fr", "en"):
        brochure = normalise(page_text(site / "downloads" / f"brochure-{language}-office.pdf"))
        for expected in (("1 855 555-0199", "Ville-Exemple (Québec) J0J 0J0", "Du lundi au jeudi, de 8 h 30 à 16 h 30")
                         if language == "fr" else
                         ("1-855-555-0199", "Ville-Exemple, Quebec J0J 0J0", "Monday to Thursday, 8:30 a.m. to 4:30 p.m.")):
            assert expected in brochure, f"{language} brochure: {expected}"


def test_a_request_names_its_heading_and_offers_form_email_and_phone(built_sites) -> None:
    site = built_sites["fictif"]
    service = _page(site, "en/services/local-initiatives-support")
    headings = [normalise(h.get_text()) for h in service.find_all("h2")]
    assert "How to ask for support" in headings
    hrefs = {a.get("href") for a in service.find_all("a")}
    assert {"https://formulaires.ciusss-exemple.example/accompagnement", "mailto:initiatives@ciusss-exemple.example",
            "tel:+18195550150,22"} <= hrefs
    program = _page(site, "services/programme-de-financement")
    assert "En savoir plus" in [normalise(h.get_text()) for h in program.find_all("h2")]
    assert "Direction des programmes sociaux" in normalise(program.get_text(" "))
    brochure = normalise(page_text(site / "downloads" / "brochure-fr-office.pdf"))
    assert "Direction des programmes sociaux" in brochure


def test_a_link_to_a_page_in_one_language_says_so_in_the_other(built_sites) -> None:
    site = built_sites["fictif"]
    english = _page(site, "en/services/local-initiatives-support")
    link = english.find("a", href="https://formulaires.ciusss-exemple.example/accompagnement")
    assert link["hreflang"] == "fr"
    assert "(French only)" in normalise(link.parent.get_text(" "))
    french = _page(site, "services/soutien-initiatives")
    link = french.find("a", href="https://formulaires.ciusss-exemple.example/accompagnement")
    assert link["hreflang"] == "fr" and "seulement" not in link.parent.get_text()


def test_nothing_points_nowhere(built_sites) -> None:
    """The annual report has no address: not on the site, not in the brochure; the loader warns
    of it (offre check prints its warnings)."""
    site = built_sites["fictif"]
    for page in site.rglob("*.html"):
        text = visible_text(page)
        assert "Rapport annuel de l'équipe" not in text and "annual report" not in text, page
    for pdf in (site / "downloads").glob("*.pdf"):
        assert "rapport annuel" not in page_text(pdf).lower() and "annual report" not in page_text(pdf).lower()
    loaded = load_in_process(FICTIF)  # the loader decides (a warning, not a problem): asked in this process
    assert loaded.problems == [], loaded.said
    warnings = [line for line in loaded.warnings if "n'a pas d'adresse" in line]
    assert len(warnings) == 2 and all("« rapport »" in line for line in warnings), loaded.said


def test_a_service_left_with_no_way_to_ask_is_a_problem(tmp_path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FICTIF, content)
    for language in ("fr", "en"):
        path = content / language / "contact.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("    url: https://www.ciusss-exemple.example/programme-financement\n    qr: true\n",
                                     ""), encoding="utf-8")
    said = "\n".join(load_in_process(content).problems)
    assert re.search(r"fr/services\.yaml:\d+:\d+: le service « Programme de financement des organismes » n'offre "
                     r"aucun moyen de faire une demande", said), said


def test_english_pages_have_english_addresses_and_twins_stay_twins(built_sites) -> None:
    site = built_sites["fictif"]
    for path in ("en/who-we-are", "en/contact-us", "en/services/local-initiatives-support", "en/services/funding-program",
                 "qui-sommes-nous", "nous-joindre", "services/soutien-initiatives", "services/programme-de-financement"):
        assert (site / path / "index.html").is_file(), path
    assert not (site / "en" / "a-propos").exists() and not (site / "en" / "services" / "soutien-initiatives").exists()
    page = _page(site, "services/soutien-initiatives")
    assert page.select_one("a.offre-lang")["href"] == "../../en/services/local-initiatives-support/"
    alternates = {link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate")}
    assert alternates["en"] == "https://offre.ciusss-exemple.example/en/services/local-initiatives-support/"
    sitemap = (site / "en" / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://offre.ciusss-exemple.example/en/who-we-are/" in sitemap
    assert 'hreflang="fr" href="https://offre.ciusss-exemple.example/qui-sommes-nous/"' in sitemap
    assert (site / "en" / "qr" / "programme" / "index.html").is_file(), "QR short addresses keep the ids"


def test_a_name_is_said_once(built_sites) -> None:
    site = built_sites["outaouais"]
    for page, title in ((site / "en" / "index.html", "Community organizing — CISSS de l'Outaouais"),
                        (site / "index.html", "Organisation communautaire — CISSS de l'Outaouais")):
        assert normalise(soup(page).title.get_text()) == title
    import pikepdf

    with pikepdf.open(site / "downloads" / "brochure-en-office.pdf") as pdf:
        assert str(pdf.docinfo["/Title"]) == "Community organizing — CISSS de l’Outaouais"
    laurentides = soup(built_sites["laurentides"] / "index.html")
    banner = normalise(laurentides.select_one(".offre-hero").get_text(" "))
    assert banner.count("Relations à la communauté et organisation communautaire") == 1


def test_schemas_hold_every_new_field(tmp_path) -> None:
    run_offre("schema", "--output", str(tmp_path))
    contact = json.loads((tmp_path / "en" / "contact.schema.json").read_text(encoding="utf-8"))
    fields = contact["$defs"]["Contact"]["properties"]
    assert {"toll_free", "tty", "address", "hours", "name"} <= set(fields)
    assert contact["$defs"]["OpeningHours"]["properties"]["first_day"]["title"] == "First day"
    assert contact["$defs"]["Link"]["properties"]["language"]["title"] == "Page's language"
    services = json.loads((tmp_path / "fr" / "services.schema.json").read_text(encoding="utf-8"))
    assert {"heading", "form", "phone", "email"} <= set(services["$defs"]["ServiceRequest"]["properties"])
    assert {"slug", "direction"} <= set(services["$defs"]["Service"]["properties"])


@pytest.mark.parametrize(("old", "new", "says"), [
    ("      postal_code: j0j0j0", "      postal_code: 12345", "code postal « 12345 »"),
    ('        opens: "8:30"\n        closes: "16:30"', '        opens: "16:30"\n        closes: "8:30"', "fermeture"),
    ("      - first_day: monday", "      - first_day: lundi", "jour « lundi »"),
    ("    toll_free: 1 855 555-0199", "    toll_free: 1 819 555-0199", "sans frais"),
    ("        opens: 8 h 30", "        opens: 8 h 75", "heure « 8 h 75 »"),
    ("    language: fr\n  - id: programme", "    language: de\n  - id: programme", "langue « de »"),
])
def test_new_fields_are_checked(tmp_path, old, new, says) -> None:
    content = tmp_path / "content"
    shutil.copytree(FICTIF, content)
    path = content / "fr" / "contact.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    said = "\n".join(load_in_process(content).problems)
    assert says in said and "fr/contact.yaml:" in said, said


def test_an_empty_section_is_told_to_be_written_as_an_empty_list(tmp_path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    path = content / "fr" / "practice.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("territories: []", "territories:"), encoding="utf-8")
    said = "\n".join(load_in_process(content).problems)
    assert "écrivez « territories: [] » (une liste vide)" in said, said


@pytest.mark.slow
def test_offre_new_starts_an_offer_that_builds(tmp_path) -> None:
    folder = tmp_path / "mon-offre"
    result = run_offre("new", str(folder))
    # Outside the project (a Git repository): written, but what to do next is said, and it is no success.
    assert result.returncode == 1, result.stderr
    assert "make check CONTENT=" in result.stdout
    assert "Commencer l'offre de votre équipe" in result.stderr and "clonez-le" in result.stderr
    assert (folder / "images" / ".gitkeep").is_file(), "git keeps no empty folder: images/ must hold a file"
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.yaml")) == sorted(
        [f"{language}/{name}.yaml" for language in ("fr", "en")
         for name in ("organisation", "practice", "services", "contact")] + ["translations.yaml"])
    for name in ("values", "territories", "audiences", "areas_of_action", "roles", "actions", "examples"):
        assert re.search(rf"^{name}:", (folder / "fr" / "practice.yaml").read_text(encoding="utf-8"), re.M), name
    draft = run_offre("build", "--content", str(folder), "--output", str(tmp_path / "site"), "--draft")
    assert draft.returncode == 0, draft.stderr
    again = run_offre("new", str(folder))
    assert again.returncode == 2 and "n'est pas vide" in again.stderr


@pytest.mark.slow
def test_the_starters_placeholders_are_listed_and_never_published(tmp_path) -> None:
    """Issue 28, 3: check lists each placeholder (a warning, at file:line); build refuses
    (exit 1, each at file:line, nothing written) unless asked for a draft, which every
    page and brochure then says; the team's own values build as usual."""
    folder = tmp_path / "mon-offre"
    run_offre("new", str(folder))
    checked = run_offre("check", "--content", str(folder))
    assert checked.returncode == 0, checked.stderr
    for place, value in (("fr/organisation.yaml:7:15", "CISSS de votre région"), ("fr/contact.yaml:16:12", "450 555-0100"),
                         ("en/contact.yaml:22:20", "H0H 0H0"),
                         ("en/contact.yaml:18:12", "equipe@votre-etablissement.example")):
        assert re.search(rf"{re.escape(place)}: avertissement : «\u00a0{re.escape(value)}\u00a0» vient de l'offre de "
                         rf"départ — remplacez-le", checked.stderr), (place, checked.stderr)
    assert checked.stderr.count("vient de l'offre de départ") == 24
    assert "Mais 24 texte(s) de l'offre de départ reste(nt) à remplacer" in checked.stdout

    site = tmp_path / "site"
    refused = run_offre("build", "--content", str(folder), "--output", str(site))
    assert refused.returncode == 1 and not site.exists()
    assert "fr/contact.yaml:16:12: «\u00a0450 555-0100\u00a0» vient de l'offre de départ" in refused.stderr
    assert "24 problème(s) dans le contenu — rien n'a été publié." in refused.stderr

    draft = run_offre("build", "--content", str(folder), "--output", str(site), "--draft")
    assert draft.returncode == 0, draft.stderr
    assert "Brouillon : chaque page et chaque brochure le disent" in draft.stdout.replace("\u00a0", " ")
    pages = [page for page in site.rglob("*.html") if "admin" not in page.parts and "qr" not in page.parts]
    assert len(pages) >= 10
    for page in pages:  # every page, the error page too, in its language
        assert 'class="offre-draft"' in page.read_text(encoding="utf-8"), page
    assert "Draft — texts of the starter offer" in (site / "en" / "index.html").read_text(encoding="utf-8")
    for language, words in (("fr", "Brouillon"), ("en", "Draft")):
        text = page_text(site / "downloads" / f"brochure-{language}-office.pdf")
        assert words in text, language

    made_own(folder)
    own = run_offre("build", "--content", str(folder), "--output", str(site))
    assert own.returncode == 0, own.stderr
    assert "vient de l'offre de départ" not in own.stderr
    assert 'class="offre-draft"' not in (site / "index.html").read_text(encoding="utf-8")
    assert "Brouillon" not in page_text(site / "downloads" / "brochure-fr-office.pdf")


def test_make_works_on_any_content_folder() -> None:
    result = subprocess.run(["make", "-n", "build", "check", "serve", "CONTENT=mon-offre"], cwd=ROOT,
                            capture_output=True, text=True, env={**os.environ, "MAKEFLAGS": ""})
    commands = [line for line in result.stdout.splitlines() if "offre " in line]
    assert any("offre build --content mon-offre" in line for line in commands), result.stdout
    assert any("offre check --content mon-offre" in line for line in commands)
    assert any("offre serve --content mon-offre" in line for line in commands)


def test_the_guide_references_every_key_and_is_up_to_date() -> None:
    from generator.content.reference import keys, reference

    for language in ("fr", "en"):
        written = (ROOT / "guide" / f"reference-{language}.md").read_text(encoding="utf-8")
        assert written == reference(language), f"guide/reference-{language}.md is stale: run offre reference"
        for key in keys():
            path = key.split(":", 1)[1]
            assert f"`{path}`" in written, f"{key} is missing from reference-{language}.md"
    for guide in ("guide-fr.md", "guide-en.md"):
        text = (ROOT / "guide" / guide).read_text(encoding="utf-8")
        assert "offre new" in text and ("reference-fr.md" in text or "reference-en.md" in text)


@pytest.mark.parametrize(("old", "new", "label", "values", "at_fr", "at_en"), [
    ("    phone: 819 555-0100", "    phone: 819 555-0101", "Téléphone", ("819 555-0100", "819 555-0101"), 22, 22),
    ("    extension: 1234", "    extension: 1235", "Poste", ("1234", "1235"), 23, 23),
    ("    email: accueil@ciusss-exemple.example", "    email: info@ciusss-exemple.example", "Courriel",
     ("accueil@ciusss-exemple.example", "info@ciusss-exemple.example"), 26, 26),
    ("      street: 100 Principale Street, Suite 200", "      street: 110 Principale Street, Suite 200",
     "Numéro civique", ("100", "110"), 28, 28),
    ("      postal_code: J0J 0J0", "      postal_code: J0J 0J1", "Code postal", ("j0j0j0", "J0J 0J1"), 31, 31),
    ('        opens: "8:30"\n        closes: "16:30"', '        opens: "9:00"\n        closes: "16:30"',
     "Heures d'ouverture", ("monday–thursday 08:30–16:30", "monday–thursday 09:00–16:30"), 33, 33),
    ("    url: https://formulaires.ciusss-exemple.example/accompagnement",
     "    url: https://formulaires.ciusss-exemple.example/accompagnement-en", "Adresse du lien",
     ("https://formulaires.ciusss-exemple.example/accompagnement",
      "https://formulaires.ciusss-exemple.example/accompagnement-en"), 6, 6),
])
def test_facts_that_are_the_same_in_both_languages_are_compared(tmp_path, old, new, label, values, at_fr,
                                                                at_en) -> None:
    """Issue 28, 2: the English edited in a text editor, not the French: an error at both
    places, each naming both values; nothing is published."""
    content = tmp_path / "content"
    shutil.copytree(FICTIF, content)
    path = content / "en" / "contact.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = load_in_process(content).problems
    said = "\n".join(problems).replace("\u00a0", " ")
    french, english = f"fr/contact.yaml:{at_fr}:", f"en/contact.yaml:{at_en}:"
    assert re.search(rf"{re.escape(french)}\d+: {label} : « {re.escape(values[0])} » ici, mais « "
                     rf"{re.escape(values[1])} » dans l'autre langue \([^)]*{re.escape(english)}", said), said
    assert re.search(rf"{re.escape(english)}\d+: {label} : « {re.escape(values[1])} » ici, mais « "
                     rf"{re.escape(values[0])} » dans l'autre langue \([^)]*{re.escape(french)}", said), said
    assert len(problems) == 2, said


def test_a_link_without_language_may_lead_to_each_languages_own_page(tmp_path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FICTIF, content)
    for language in ("fr", "en"):
        path = content / language / "contact.yaml"
        text = path.read_text(encoding="utf-8").replace(
            "/accompagnement\n    qr: true\n    language: fr\n", f"/accompagnement-{language}\n    qr: true\n", 1)
        path.write_text(text, encoding="utf-8")
    loaded = load_in_process(content)
    assert not loaded.problems, loaded.said
    assert "dans l'autre langue" not in loaded.said


@pytest.mark.slow
def test_the_twins_differences_are_said_in_english_too(tmp_path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FICTIF, content)
    path = content / "fr" / "services.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("phone: 819 555-0150", "phone: 819 555-0151", 1),
                    encoding="utf-8")
    result = run_offre("check", "--content", str(content), env={**os.environ, "LC_ALL": "en_CA.UTF-8"})
    assert result.returncode == 1, result.stderr
    assert 'Phone: "819 555-0151" here, but "819 555-0150" in the other language (' in result.stderr, result.stderr


def test_two_long_addresses_are_told_from_where_they_differ(tmp_path) -> None:
    """A message cuts a value at 80 characters: two long addresses of one site would read
    the same; they are said from a little before their difference."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    path = content / "en" / "contact.yaml"
    text = path.read_text(encoding="utf-8")
    assert "organismes-communautaires-psoc\n" in text
    path.write_text(text.replace("organismes-communautaires-psoc\n", "organismes-communautaires-psoc-2\n"),
                    encoding="utf-8")
    said = "\n".join(load_in_process(content).problems)
    assert ("Adresse du lien\u00a0: «\u00a0…smes-communautaires-psoc-2\u00a0» ici, mais «\u00a0…smes-communautaires-"
            "psoc\u00a0» dans l'autre langue") in said, said
