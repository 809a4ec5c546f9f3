"""Request forms (contact.yaml: forms): the content's checks, the form page a person
fills in (labels, fieldsets, errors named beside their question, the prepared e-mail
with every answer, in Chromium), and the fillable PDF (every field named, PDF/UA-1 by
page-validation and outloud). A hostile label or choice is shown as typed everywhere:
in the page, in the e-mail, in the PDF."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pikepdf
import pytest
import yaml

from bench.static_server import serve
from conftest import CONTENT_SETS, load_in_process, run_offre
from sitehtml import soup

OUTAOUAIS = CONTENT_SETS["outaouais"]
FORM_PAGES = {"fr": "formulaires/demande-de-soutien/", "en": "en/forms/request-for-support/"}
PDFS = {"fr": "downloads/formulaire-fr-demande-soutien.pdf", "en": "downloads/form-en-demande-soutien.pdf"}
TERRITORIES = ["Pontiac", "Gatineau", "Papineau", "Vallée-de-la-Gatineau", "Collines-de-l’Outaouais"]
HOSTILE_LABEL = 'Nom"><script>alert(1)</script> & <b>gras</b>'
HOSTILE_CHOICE = "Choix</label><img src=x onerror=alert(2)> & « c »"


def _edit(content: Path, language: str, change) -> None:
    path = content / language / "contact.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _check(content: Path) -> subprocess.CompletedProcess[str]:
    return run_offre("check", "--content", str(content), env={"LC_ALL": "en_CA.UTF-8", "LANG": "en_CA.UTF-8"})


def _refused(content: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """What the loader refuses in `content`, in English, as `offre check` prints it for an
    English locale (file:line:column: message): the loader decides it, in this process."""
    monkeypatch.setenv("LC_ALL", "en_CA.UTF-8")
    monkeypatch.setenv("LANG", "en_CA.UTF-8")
    loaded = load_in_process(content)
    assert loaded.problems, loaded.said
    return loaded.said


# --- the content's checks ----------------------------------------------------------------------


@pytest.mark.parametrize("change, said", [
    (lambda form: form["fields"][4].pop("choices_from"), "this choice question has no choices"),
    (lambda form: form["fields"][0].update(choices_from="audiences"), 'a question of kind "text" has no choices'),
    (lambda form: form["fields"][0].update(kind="slider"), 'the kind of answer "slider" is not known'),
    (lambda form: form["fields"][4].update(choices_from="values"), '"values" is not a source of choices'),
    (lambda form: form.update(send_to="nobody"), "nobody"),
    (lambda form: form.update(fields=[form["fields"][0]] * 41), "41"),
])
def test_a_wrong_form_is_told_with_its_place(tmp_path, monkeypatch, change, said) -> None:
    content = shutil.copytree(OUTAOUAIS, tmp_path / "content")
    for language in ("fr", "en"):
        _edit(content, language, lambda data: change(data["forms"][0]))
    told = _refused(content, monkeypatch)
    assert said in told and "contact.yaml:" in told, told


def test_two_forms_at_one_address_are_told(tmp_path, monkeypatch) -> None:
    content = shutil.copytree(OUTAOUAIS, tmp_path / "content")
    for language in ("fr", "en"):
        _edit(content, language, lambda data: data["forms"].append({**data["forms"][0], "id": "autre"}))
    told = _refused(content, monkeypatch)
    assert "is already the one of the form on line" in told, told


def test_a_form_with_a_links_id_and_choices_from_an_empty_list_are_told(tmp_path, monkeypatch) -> None:
    content = shutil.copytree(OUTAOUAIS, tmp_path / "content")
    for language in ("fr", "en"):
        _edit(content, language, lambda data: data["links"].append({"id": "demande-soutien", "label": "Demande"}))
        path = content / language / "practice.yaml"
        practice = yaml.safe_load(path.read_text(encoding="utf-8"))
        practice["territories"] = []
        path.write_text(yaml.safe_dump(practice, allow_unicode=True, sort_keys=False), encoding="utf-8")
    told = _refused(content, monkeypatch)
    assert 'the id "demande-soutien" is already a link\'s' in told, told
    assert 'come from "territories", which is empty' in told, told


# --- the Outaouais form, as built ---------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The Outaouais example with a hostile label and a hostile choice in its French form."""
    base = tmp_path_factory.mktemp("hostile-form")
    content = shutil.copytree(OUTAOUAIS, base / "content")

    def poison(data: dict) -> None:
        form = data["forms"][0]
        form["fields"][0]["label"] = HOSTILE_LABEL
        form["fields"].append({"id": "extra", "label": "Autre", "kind": "choice",
                               "choices": [{"id": "c", "text": HOSTILE_CHOICE}, {"id": "d", "text": "Rien"}]})

    def twin(data: dict) -> None:
        data["forms"][0]["fields"].append({"id": "extra", "label": "Other", "kind": "choice",
                                           "choices": [{"id": "c", "text": "Choice"}, {"id": "d", "text": "None"}]})

    _edit(content, "fr", poison)
    _edit(content, "en", twin)
    result = run_offre("build", "--content", str(content), "--output", str(base / "site"))
    assert result.returncode == 0, result.stderr
    return base / "site"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_form_page_names_every_field_and_says_what_is_required(built_sites, language) -> None:
    page = soup(built_sites["outaouais"] / FORM_PAGES[language] / "index.html")
    form = page.find("form", class_="offre-form")
    assert form is not None and form["action"].startswith("mailto:07CISSO.soutiencommunaute.santepublique@")
    fields = form.find_all(["input", "textarea"])
    assert len(fields) == 4 + 5 + 5 + 1  # name, organisation, e-mail, phone; 5 areas; 5 audiences; the need
    for field in fields:
        assert form.find("label", attrs={"for": field["id"]}) is not None, field
    legends = [legend.get_text(" ", strip=True) for legend in form.find_all("legend")]
    assert legends[0] in ("Territoire", "Area") and len(legends) == 2
    choices = [label.get_text() for label in form.find_all("fieldset")[0].find_all("label")]
    assert choices == TERRITORIES
    required = {"fr": "(obligatoire)", "en": "(required)"}[language]
    said = [label.get_text(" ", strip=True) for label in form.find_all("label") if required in label.get_text()]
    assert len(said) == 2  # the name and the need, said in words
    assert page.find("script", src=lambda src: src and src.endswith("assets/scripts/offre-form.js"))
    assert page.find("a", href=lambda href: href and href.endswith(PDFS[language]))


def test_the_service_the_brochure_and_the_kit_lead_to_the_form(built_sites) -> None:
    site = built_sites["outaouais"]
    service = soup(site / "services" / "organisation-communautaire" / "index.html")
    assert service.find("a", href="../../formulaires/demande-de-soutien/", class_="offre-action--form")
    home = soup(site / "index.html")
    asking = home.find(class_="offre-hero__ask")
    assert [a["href"] for a in asking.find_all("a")][:1] == ["formulaires/demande-de-soutien/"]
    assert "tel:" in str(asking) and "mailto:" in str(asking)
    kit = soup(site / "trousse-communications" / "index.html")
    assert kit.find("a", href=lambda href: href and href.endswith("formulaire-fr-demande-soutien.pdf"))
    assert kit.find("a", href="../formulaires/demande-de-soutien/")


def test_a_contact_card_says_each_action_once(built_sites) -> None:
    card = soup(built_sites["outaouais"] / "contact" / "index.html").find(class_="offre-contact")
    assert card.get_text(" ", strip=True).replace("\xa0", " ") == "Appeler le 819 966-6484, poste 6"


def test_the_brochures_qr_code_leads_to_the_form_page_when_the_site_has_a_public_address(short_sites) -> None:
    """With a public address, the request's QR code encodes the form's page."""
    from pdf import scan

    scanned = scan(short_sites["outaouais"] / "downloads" / "brochure-fr-office.pdf")
    codes = {code.text for code in scanned}
    assert any(text.endswith("/formulaires/demande-de-soutien/") for text in codes), codes
    assert len(scanned) >= 2  # the form's and the home page's
    printed = [code.width_mm * (code.modules + 8) / code.modules for code in scanned]  # quiet zone included
    assert max(printed) - min(printed) < 0.5, printed  # every code of one brochure at one size


def test_check_says_why_no_qr_code_leads_to_the_form_without_a_public_address(tmp_path) -> None:
    """Without the site's public address the form's page has no address a code can hold:
    check says so where the service names the form, and says nothing once it is given."""
    result = _check(OUTAOUAIS)
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if "QR code to the form" in line]
    assert len(said) == 2, result.stderr  # in French and in English
    assert all("services.yaml:" in line and '"public_url"' in line for line in said), said
    assert any('"Request for community organizing support"' in line for line in said), said
    from conftest import with_public_url

    result = _check(with_public_url(OUTAOUAIS, tmp_path / "content"))
    assert result.returncode == 0 and "QR code to the form" not in result.stderr, result.stderr


# --- the PDF ----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_pdf_form_names_every_field_and_passes_pdf_ua_1(built_sites, language) -> None:
    import page as validator

    path = built_sites["outaouais"] / PDFS[language]
    with pikepdf.open(path) as pdf:
        fields = {str(field.T): str(field.get("/TU", "")) for field in pdf.Root.AcroForm.Fields}
        tags = _tags(pdf.Root.StructTreeRoot)
    assert len(fields) == 4 + 5 + 5 + 1 and all(fields.values()), fields
    separator = "\u00a0: " if language == "fr" else ": "  # French typography: a no-break space before ":"
    area = "Territoire" if language == "fr" else "Area"
    assert f"{area}{separator}Pontiac" in fields.values()
    assert tags.count("Form") == len(fields), tags.count("Form")
    report = validator.validate_pdf(str(path), profile="ua1")
    assert report.is_compliant, [(failure.rule_id, failure.message) for failure in report.failures]
    outloud = subprocess.run([str(Path(sys.executable).parent / "outloud"), "--quiet", str(path)],
                             capture_output=True, text=True)
    assert outloud.returncode == 0, outloud.stdout + outloud.stderr


def _tags(node, found=None) -> list[str]:
    found = [] if found is None else found
    if isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            found.append(str(node.S).lstrip("/"))
        kids = node.get("/K")
        if kids is not None:
            for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
                _tags(kid, found)
    return found


def test_a_hostile_label_is_text_in_the_page_and_the_pdf(hostile_site) -> None:
    html = (hostile_site / FORM_PAGES["fr"] / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    page = soup(hostile_site / FORM_PAGES["fr"] / "index.html")
    labels = [label.get_text() for label in page.find_all("label")]
    assert any(label.startswith('Nom"><script>alert(1)</script> & <b>gras</b>') for label in labels), labels
    assert "Choix</label><img src=x onerror=alert(2)> & «\u00a0c\u00a0»" in labels
    with pikepdf.open(hostile_site / PDFS["fr"]) as pdf:
        spoken = [str(field.get("/TU", "")) for field in pdf.Root.AcroForm.Fields]
    assert 'Nom"><script>alert(1)</script> & <b>gras</b>' in spoken
    assert "Autre\u00a0: Choix</label><img src=x onerror=alert(2)> & «\u00a0c\u00a0»" in spoken


# --- in a browser: the prepared e-mail ------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


def _open(chromium, site: Path, path: str):
    server, root = serve(site)
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(root + path)
    return server, context, page


def test_errors_are_named_beside_their_question_and_the_email_holds_every_answer(chromium, built_sites) -> None:
    server, context, page = _open(chromium, built_sites["outaouais"], FORM_PAGES["fr"])
    try:
        page.fill("#demande-soutien-courriel", "pas une adresse")
        page.click("button[type=submit]")
        assert page.locator("#demande-soutien-nom-error").inner_text() == "Cette réponse est obligatoire."
        assert page.locator("#demande-soutien-nom").get_attribute("aria-invalid") == "true"
        assert "adresse courriel complète" in page.locator("#demande-soutien-courriel-error").inner_text()
        assert page.locator("#offre-form-errors li").count() == 3  # name, e-mail, need
        assert page.locator("#offre-form-ready").is_hidden()
        answers = {"#demande-soutien-nom": "Marie Tremblay", "#demande-soutien-organisation": "Maison & Cie",
                   "#demande-soutien-courriel": "marie@exemple.ca", "#demande-soutien-telephone": "819 555-0150",
                   "#demande-soutien-besoin": "Un soutien pour notre assemblée générale.\nMerci!"}
        for selector, value in answers.items():
            page.fill(selector, value)
        page.check("#demande-soutien-territoire--pontiac")
        page.check("#demande-soutien-territoire--papineau")
        page.check("#demande-soutien-publics--municipalites")
        page.click("button[type=submit]")
        assert page.locator("#offre-form-errors").is_hidden()
        text = page.locator("#offre-form-text").inner_text()
        href = page.locator("#offre-form-mail").get_attribute("href")
    finally:
        context.close()
        server.shutdown()
    assert href.startswith("mailto:07CISSO.soutiencommunaute.santepublique@ssss.gouv.qc.ca?subject=Demande%20de%20soutien")
    body = unquote(href.split("&body=", 1)[1])
    for expected in ("Votre nom : Marie Tremblay", "Votre organisation : Maison & Cie",
                     "Votre courriel : marie@exemple.ca", "Votre téléphone : 819 555-0150",
                     "Territoire : Pontiac, Papineau", "Pour qui est la demande? Municipalités",
                     "Votre besoin : Un soutien pour notre assemblée générale.\nMerci!"):
        assert expected in body.replace("\r\n", "\n"), body
        assert expected.split("\n")[0] in text
    assert "&" not in href.split("?", 1)[1].replace("&body=", "", 1)  # every answer encoded, none a parameter


def test_a_hostile_label_is_text_in_the_prepared_email(chromium, hostile_site) -> None:
    server, context, page = _open(chromium, hostile_site, FORM_PAGES["fr"])
    alerts: list[str] = []
    page.on("dialog", lambda dialog: alerts.append(dialog.message))
    try:
        page.fill("#demande-soutien-nom", "A")
        page.fill("#demande-soutien-besoin", "B")
        page.check("#demande-soutien-extra--c")
        page.click("button[type=submit]")
        body = unquote(page.locator("#offre-form-mail").get_attribute("href").split("&body=", 1)[1])
        assert page.locator("img[src=x]").count() == 0
        assert not any("alert" in script for script in page.eval_on_selector_all("script", "s => s.map(e => e.text)"))
    finally:
        context.close()
        server.shutdown()
    assert 'Nom"><script>alert(1)</script> & <b>gras</b> : A' in body
    assert "Autre : Choix</label><img src=x onerror=alert(2)> & «\u00a0c\u00a0»" in body
    assert not alerts


def test_print_only_makes_the_forms_pdfs_with_the_brochures(tmp_path) -> None:
    """`--print-only` makes every print output: the brochures and the fillable forms."""
    output = tmp_path / "print"
    result = run_offre("build", "--print-only", "--content", str(OUTAOUAIS), "--output", str(output))
    assert result.returncode == 0, result.stderr
    assert not (output / "index.html").exists()
    for language, path in PDFS.items():
        with pikepdf.open(output / path) as pdf:
            names = {str(field.get("/T")) for field in pdf.Root.AcroForm.Fields}
            assert {"demande-soutien-nom", "demande-soutien-besoin"} <= names, names
            assert pdf.Root.Lang == language
    assert {"brochure-fr-office.pdf", "brochure-en-office.pdf"} <= {
        path.name for path in (output / "downloads").glob("brochure-*.pdf")}
