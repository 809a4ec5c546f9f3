"""The guide's pictures of the browser editor, in French and in English.

    make editor-images      (writes guide/images/editor-*.png)

Runs `offre serve` on a copy of the shipped content in a throw-away Git repository,
opens /admin/ in Chromium as a communications officer would (the folder picker
answered with a private copy of the repository, as in tests/test_editor_browser.py),
and photographs: the list of files, a form with both languages side by side, a list
item added in French with its English twin, and the message a save that breaks a rule
brings.
"""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.editor_browser import (PICKER, add_item, back_to_files, choose, copy_back, field, open_editor, open_file,
                                  repository_files, save, wait_for_file)
from generator.content.models import FILE_LABELS

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LOCALES = {"fr": "fr-CA", "en": "en-CA"}
SINGULAR = {"fr": "valeur", "en": "value"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _up(url: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the preview never answered at {url}")


def photograph(images: Path) -> list[Path]:
    made = []
    with tempfile.TemporaryDirectory(prefix="offre-editor-images-") as temporary:
        repository = Path(temporary) / "repository"
        content = repository / "content"
        shutil.copytree(ROOT / "content", content)
        subprocess.run(["git", "init", "--quiet", str(repository)], check=True)
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--content", "content", "--port", str(port),
             "--output", str(Path(temporary) / "preview")],
            cwd=repository, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # as an officer runs it
        root = f"http://127.0.0.1:{port}/"
        try:
            _up(root)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
                for ui, locale in LOCALES.items():
                    made += _photograph_one(browser, root, content, ui, locale, images)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=20)
    return made


def _photograph_one(browser, root: str, content: Path, ui: str, locale: str, images: Path) -> list[Path]:
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 760})
    context.add_init_script(PICKER)
    page = context.new_page()
    made = []

    def shot(name: str) -> None:
        path = images / f"editor-{ui}-{name}.png"
        page.screenshot(path=str(path))
        made.append(path)

    page.goto(root + "admin/")
    page.get_by_role("button", name=re.compile("dépôt local|local repository", re.I)).first.wait_for()
    shot("1-start")
    open_editor(page, root + "admin/", repository_files(content))
    page.wait_for_timeout(500)
    shot("2-files")
    open_file(page, FILE_LABELS["contact.yaml"][ui])
    field(page, "en", "450 433-2777", mark="english")  # a phone number: entered once, greyed in English
    field(page, "fr", "450 433-2777")
    page.evaluate("""() => { for (const mark of ['target', 'english']) {
      document.querySelector(`[data-test="${mark}"]`).scrollIntoView({ block: 'center' }); } }""")
    page.wait_for_timeout(300)
    shot("3-form")
    back_to_files(page)
    open_file(page, FILE_LABELS["practice.yaml"][ui])
    add_item(page, "fr", SINGULAR["fr"] if ui == "fr" else SINGULAR["en"])
    field(page, "fr", "").fill("entraide")
    page.locator('[data-locale="fr"] textarea').first.fill("L’entraide entre les organismes")
    page.locator('[data-locale="en"] textarea').first.fill("Mutual aid between organizations")
    page.wait_for_timeout(300)
    shot("4-list")
    back_to_files(page)
    open_file(page, FILE_LABELS["services.yaml"][ui])
    choose(page, "fr", "(Aucun)" if ui == "fr" else "(None)")
    save(page)
    wait_for_file(page, "content/fr/services.yaml", lambda text: "link: demande-organisation-communautaire" not in text)
    copy_back(page, content)
    page.locator(".offre-preview-status").wait_for(state="visible", timeout=120_000)
    page.wait_for_timeout(500)
    shot("5-problem")
    for language in ("fr", "en"):  # the next language's pictures start from the shipped content
        shutil.copy(ROOT / "content" / language / "services.yaml", content / language / "services.yaml")
    page.locator(".offre-preview-status").wait_for(state="hidden", timeout=120_000)
    context.close()
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--images", type=Path, default=ROOT / "guide" / "images")
    arguments = parser.parse_args()
    arguments.images.mkdir(parents=True, exist_ok=True)
    for path in photograph(arguments.images):
        print(path)


if __name__ == "__main__":
    main()
