"""The browser editor in a real browser (Debian's Chromium, driven by Playwright), as a
communications officer uses it: `offre serve`, open /admin/, pick the repository's
folder, change a French and an English text, add a list item, save; the files change,
the preview rebuilds and shows it; a save that breaks a rule is told in the editor and
in the preview, whose last good site stays. Nothing is asked of any host but
127.0.0.1, and the page logs no error.

And the round trip: every shipped content set, saved through the editor (a text of each
file changed, so that the editor writes the whole file its own way; the change then taken
out of the file it wrote), loads as the very same offer."""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from bench.editor_browser import (PICKER, add_item, back_to_files, choose, copy_back, field,
                                   open_editor, open_file, repository_files, save, wait_for_file)
from generator.content import load_content
from generator.content.models import FILE_LABELS, SHARED_FILE_LABELS
from generator.editor import local_backend, write_editor
from conftest import CONTENT_SETS, ROOT
from git_history import KEY, french_ahead
from preview import get, serving, wait_for

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.fail("Chromium is needed for the browser tests: apt-get install chromium (make test does it as root)",
                pytrace=False)

from playwright.sync_api import sync_playwright  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Nothing can leave the machine: every host name but 127.0.0.1 resolves to nothing.
NO_OUTSIDE = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", NO_OUTSIDE,
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield instance
        instance.close()


class _Watch:
    """What the editor's pages ask of the network and what they log as errors. A request
    for another host counts as leaving unless the editor's service worker answered it
    with the copy shipped beside the editor (Sveltia asks a CDN for its fonts and
    strings)."""

    def __init__(self, context) -> None:
        self.outside: list[str] = []
        self.errors: list[str] = []
        context.on("response", self._response)
        context.on("requestfailed", self._failed)

    def page(self, page) -> None:
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    @staticmethod
    def _local(url: str) -> bool:
        return url.startswith(("http://127.0.0.1:", "data:", "blob:"))

    def _response(self, response) -> None:
        if not self._local(response.url) and not (response.from_service_worker and response.ok):
            self.outside.append(f"{response.status} {response.url}")

    def _failed(self, request) -> None:
        if not self._local(request.url):
            self.outside.append(f"failed {request.url}")


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """`offre serve` on a Git repository holding a copy of the shipped content: the
    preview's root, the content folder, and the terminal's log."""
    repository = tmp_path / "repository"
    content = repository / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    subprocess.run(["git", "init", "--quiet", str(repository)], check=True)
    with serving(content, tmp_path) as (root, log):
        assert wait_for(lambda: "Agir ensemble" in get(root), timeout=120), log.read_text(encoding="utf-8")
        yield root, content, log


def _editor(browser, root: str, content: Path):
    """The editor of the preview at `root`, in French, on the repository of `content`,
    every request watched: (context, watch, page)."""
    context = browser.new_context(locale="fr-CA", viewport={"width": 1400, "height": 950})
    context.add_init_script(PICKER)
    watch = _Watch(context)
    page = context.new_page()
    watch.page(page)
    open_editor(page, root + "admin/", repository_files(content))
    return context, watch, page


def _status(root: str) -> dict:
    return json.loads(get(root + ".offre-status"))


def test_edit_both_languages_in_the_browser_and_see_the_preview_follow(preview, browser) -> None:
    root, content, log = preview
    context, watch, page = _editor(browser, root, content)

    # A French and an English text of the same form.
    open_file(page, FILE_LABELS["organisation.yaml"]["fr"])
    field(page, "fr", "Agir ensemble").fill("Agir ensemble, autrement")
    field(page, "en", "Acting together").fill("Acting together, differently")
    save(page)
    french = wait_for_file(page, "content/fr/organisation.yaml", lambda text: "Agir ensemble, autrement" in text)
    english = wait_for_file(page, "content/en/organisation.yaml", lambda text: "Acting together, differently" in text)
    assert yaml.safe_load(french)["hero"]["title"] == "Agir ensemble, autrement"
    assert yaml.safe_load(english)["hero"]["title"] == "Acting together, differently"

    # A list item: added in French, its id copied to the English twin, which is translated.
    back_to_files(page)
    open_file(page, FILE_LABELS["practice.yaml"]["fr"])
    add_item(page, "fr", "valeur")
    field(page, "fr", "").fill("entraide")  # the new item's id, its first field
    page.locator('[data-locale="fr"] textarea').first.fill("L’entraide entre les organismes")
    page.locator('[data-locale="en"] textarea').first.fill("Mutual aid between organizations")
    save(page)
    practice = yaml.safe_load(wait_for_file(page, "content/en/practice.yaml", lambda text: "Mutual aid" in text))
    assert practice["values"] == [{"id": "entraide", "text": "Mutual aid between organizations"}]
    assert yaml.safe_load(wait_for_file(page, "content/fr/practice.yaml", lambda text: "entraide" in text))[
        "values"] == [{"id": "entraide", "text": "L’entraide entre les organismes"}]

    # The officer's folder on disk now holds the saves: the preview rebuilds and shows them.
    before = _status(root)["version"]
    assert copy_back(page, content)
    assert wait_for(lambda: _status(root)["version"] > before, timeout=120), log.read_text(encoding="utf-8")
    assert _status(root)["problems"] == []
    assert "Agir ensemble, autrement" in get(root)
    assert "Acting together, differently" in get(root + "en/")
    about = get(root + "a-propos/")
    assert "L’entraide entre les organismes" in about

    # A save that breaks a rule no form can see: a service left with no way to ask (its
    # request's link, chosen among the links by its label, taken away).
    back_to_files(page)
    open_file(page, FILE_LABELS["services.yaml"]["fr"])
    choose(page, "fr", "(Aucun)")
    save(page)
    wait_for_file(page, "content/en/services.yaml",
                  lambda text: "link: demande-organisation-communautaire" not in text)
    copy_back(page, content)
    banner = page.locator(".offre-preview-status")
    banner.wait_for(state="visible", timeout=120_000)
    assert "services.yaml" in banner.inner_text()
    assert "aucun moyen de faire une demande" in banner.inner_text()
    # The preview keeps the last good site, and says what is wrong at the foot of its pages.
    site = context.new_page()
    watch.page(site)
    site.goto(root)
    site.get_by_role("alert").wait_for(timeout=10_000)
    assert "aucun moyen de faire une demande" in site.get_by_role("alert").inner_text()
    assert "Agir ensemble, autrement" in site.content()

    assert watch.outside == [], watch.outside
    assert watch.errors == [], watch.errors
    context.close()


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory) -> Iterator[str]:
    """The editor alone, served on 127.0.0.1 as the preview serves it."""
    folder = tmp_path_factory.mktemp("editor")
    write_editor(folder / "admin", local_backend("content"))
    shutil.copy(ROOT / "docs" / "assets" / "favicon.svg", folder / "favicon.svg")

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *arguments) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/admin/"
    server.shutdown()


def _comparable(offers) -> dict:
    """An offer as its readers see it: where each item was written and the image files'
    absolute paths left aside."""
    return {language: offer.model_dump(exclude={"locations", "media"}) | {"media": sorted(offer.media)}
            for language, offer in offers.items()}


# Appended to a text and taken out again of the file the editor wrote: one word with no
# space (the editor may fold a long text's lines, at spaces only), found nowhere else.
MARK = "Essai0ffre"


@pytest.mark.parametrize("name", list(CONTENT_SETS))
def test_every_content_set_survives_a_save_through_the_editor(name: str, editor_site: str, browser,
                                                              tmp_path: Path) -> None:
    source = CONTENT_SETS[name]
    context = browser.new_context(locale="fr-CA", viewport={"width": 1400, "height": 950})
    context.add_init_script(PICKER)
    page = context.new_page()
    open_editor(page, editor_site, repository_files(source))
    saved = []
    for file_name, label in FILE_LABELS.items():
        open_file(page, label["fr"])
        target = field(page, "fr", None)
        if target is None:  # nothing written in this file (every list empty): nothing to save
            back_to_files(page)
            continue
        target.fill(target.input_value() + MARK)
        save(page)
        wait_for_file(page, f"content/fr/{file_name}", lambda text: MARK in text)
        saved.append(file_name)
        back_to_files(page)
    written = copy_back(page, _copy(source, tmp_path / "content"))
    context.close()
    assert saved, "no file could be saved"
    assert {f"fr/{name}" for name in saved} <= {f"{path.parent.name}/{path.name}" for path in written}, written
    for path in written:  # the text as it was, in the file as the editor wrote it
        text = path.read_text(encoding="utf-8")
        assert text.count(MARK) == (1 if path.parent.name == "fr" else 0), text
        path.write_text(text.replace(MARK, ""), encoding="utf-8")
    assert _comparable(load_content(tmp_path / "content")) == _comparable(load_content(source))


def _copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target

BEHIND = "l'anglais pas depuis le 2 novembre 2026"  # issue 28's wording of a translation behind


def test_a_translation_behind_is_shown_in_the_editor_and_marked_reviewed_there(browser, tmp_path: Path) -> None:
    """Issue 20: the French summary changed after its English twin; the editor's foot
    says so ("À vérifier"), and the officer, finding the English still right, marks
    it reviewed in "Traductions vérifiées" (the text as the warning names it, the
    calendar's "Aujourd'hui"): translations.yaml is written, the warning goes."""
    repository = french_ahead(tmp_path / "repository")
    content = repository / "content"
    with serving(content, tmp_path) as (root, log):
        assert wait_for(lambda: any(BEHIND in line for line in _status(root)["warnings"]), timeout=120), \
            log.read_text(encoding="utf-8")
        context, watch, page = _editor(browser, root, content)
        bar = page.locator(".offre-preview-warnings")
        bar.wait_for(state="visible", timeout=30_000)
        assert "À vérifier" in bar.inner_text()
        bar.locator("summary").click()
        # Issue 28: as the terminal says it, the text named as the team knows it (the key: --verbose).
        assert "«\u00a0Résumé\u00a0» de" in bar.inner_text() and BEHIND in bar.inner_text()
        assert page.locator(".offre-preview-status").count() == 0  # a warning is not a problem

        page.evaluate("() => { location.hash = '#/collections/commun'; }")
        label = page.get_by_text(SHARED_FILE_LABELS["translations.yaml"]["fr"], exact=True)
        assert wait_for(lambda: label.count() >= 3, timeout=30)  # the menu, the heading, the file
        label.last.click()
        page.get_by_role("button", name=re.compile(r"Ajouter\W+texte vérifié")).first.click()
        page.locator('input[type="text"]:visible').first.fill(KEY)
        page.get_by_role("button", name=re.compile("^Aujourd.hui$")).first.click()
        save(page)
        marks = yaml.safe_load(wait_for_file(page, "content/translations.yaml", lambda text: KEY in text))
        assert marks["reviewed"][0]["text"] == KEY
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(marks["reviewed"][0]["date"]))
        copy_back(page, content)
        assert wait_for(lambda: not any(BEHIND in line for line in _status(root)["warnings"]), timeout=120), \
            log.read_text(encoding="utf-8")
        assert _status(root)["problems"] == []
        assert watch.outside == [], watch.outside
        assert watch.errors == [], watch.errors
        context.close()


def test_a_service_chooses_the_teams_request_form_by_its_title(editor_site: str, browser, tmp_path: Path) -> None:
    """In Services, the "Form" of a way to ask offers the team's request forms by their
    French title; the one chosen is written as its id, in both languages."""
    source = _copy(CONTENT_SETS["outaouais"], tmp_path / "content")
    for language in ("fr", "en"):
        path = source / language / "services.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("      form: demande-soutien\n", ""),
                        encoding="utf-8")
    context = browser.new_context(locale="fr-CA", viewport={"width": 1400, "height": 950})
    context.add_init_script(PICKER)
    page = context.new_page()
    open_editor(page, editor_site, repository_files(source))
    open_file(page, FILE_LABELS["services.yaml"]["fr"])
    choose(page, "fr", "Demande de soutien en organisation communautaire")
    save(page)
    for language in ("fr", "en"):
        saved = yaml.safe_load(wait_for_file(page, f"content/{language}/services.yaml",
                                             lambda text: "form: demande-soutien" in text))
        assert saved["services"][0]["request"]["form"] == "demande-soutien", (language, saved)
    context.close()
