"""The site in a real browser (Debian's Chromium, driven by Playwright): axe-core finds
no WCAG A/AA violation at phone and desktop widths, the language switch works from the
keyboard, no page logs an error, and nothing is requested from outside 127.0.0.1."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import CONTENT_SETS
from sitehtml import english_twins, language_of, pages

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
WIDTHS = [390, 1280]
NAMES = ["laurentides", "outaouais"]

if not Path(CHROMIUM).exists():
    pytest.fail("Chromium is needed for the browser tests: apt-get install chromium (make test does it as root)",
                pytrace=False)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def servers(built_sites) -> Iterator[dict[str, str]]:
    """Each built site served on its own 127.0.0.1 port."""
    running, roots = [], {}
    for name, site in built_sites.items():
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        running.append(server)
        roots[name] = f"http://127.0.0.1:{server.server_address[1]}/"
    yield roots
    for server in running:
        server.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield instance
        instance.close()


def _urls(site: Path, root: str) -> list[str]:
    found = []
    for page in pages(site):
        relative = page.relative_to(site).as_posix()
        if "qr" in page.relative_to(site).parts:
            continue
        found.append(root + (relative[: -len("index.html")] if relative.endswith("index.html") else relative))
    return found


class _Watch:
    """Records what a page asks of the network and what it logs as errors."""

    def __init__(self, context, root: str) -> None:
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.root = root

        def route(route) -> None:
            if route.request.url.startswith("http://127.0.0.1:"):
                route.continue_()
            else:
                self.outside.append(route.request.url)
                route.abort()

        context.route("**/*", route)

    def attach(self, page) -> None:
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", NAMES)
def test_axe_finds_no_violation_and_nothing_leaves_the_site(browser, servers, built_sites, name, width) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    watch = _Watch(context, servers[name])
    page = context.new_page()
    watch.attach(page)
    axe = Axe()
    failures = []
    for url in _urls(built_sites[name], servers[name]):
        response = page.goto(url)
        if not url.endswith("404.html"):
            assert response is not None and response.ok, url
        page.wait_for_load_state("networkidle")
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        for violation in result.response["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            failures.append(f"{url} @{width}px: {violation['id']} — {violation['help']} {targets}")
    context.close()
    assert not failures, "\n".join(failures)
    assert not watch.outside, f"requests leaving the site: {watch.outside}"
    assert not [e for e in watch.errors if "404" not in e], f"console errors: {watch.errors}"


@pytest.mark.parametrize("name", NAMES)
def test_language_switch_by_keyboard_on_every_page(browser, servers, built_sites, name) -> None:
    site, root = built_sites[name], servers[name]
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    for path in pages(site):
        if path.name == "404.html" or "qr" in path.relative_to(site).parts:
            continue
        relative = path.relative_to(site).as_posix()[: -len("index.html")]
        language = language_of(site, path)
        twins = {f.removesuffix("index.html"): e.removesuffix("index.html")
                 for f, e in english_twins(CONTENT_SETS[name]).items()}
        twin = {e: f for f, e in twins.items()}[relative[3:]] if language == "en" else "en/" + twins[relative]
        page.goto(root + relative)
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement && document.activeElement.classList.contains('offre-lang')"):
                break
        else:
            pytest.fail(f"{relative}: the language switch cannot be reached with Tab")
        assert page.evaluate("document.activeElement.getAttribute('hreflang')") == ("fr" if language == "en" else "en")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == root + twin, f"{relative}: switch led to {page.url}"
        assert page.evaluate("document.documentElement.lang") == ("fr" if language == "en" else "en")
    context.close()


@pytest.fixture(scope="module")
def injected_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A site built from content full of markup, script and redirects, served."""
    from conftest import CONTENT_SETS, run_offre
    from hostile import inject

    base = tmp_path_factory.mktemp("injected-browser")
    content = base / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    inject(content)
    site = base / "site"
    result = run_offre("build", "--content", str(content), "--output", str(site))
    assert result.returncode == 0, result.stderr
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", site
    server.shutdown()


def test_content_full_of_markup_runs_no_script_and_goes_nowhere(browser, injected_server) -> None:
    root, site = injected_server
    context = browser.new_context(viewport={"width": 390, "height": 900})
    watch = _Watch(context, root)
    page = context.new_page()
    watch.attach(page)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for url in _urls(site, root):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)  # a meta refresh of 0 s would have fired by now
        assert page.url == url, f"{url} sent the visitor to {page.url}"
        for anchor in page.locator("a[href]").all():
            assert not (anchor.get_attribute("href") or "").lower().startswith(("javascript:", "data:"))
    context.close()
    assert not dialogs, f"a script from the content ran: {dialogs}"
    assert not watch.outside, f"requests leaving the site: {watch.outside}"
    assert not [e for e in watch.errors if "404" not in e], f"console errors: {watch.errors}"
