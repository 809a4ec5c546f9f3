"""A site published under a sub-path before `public_url` is set (a GitHub or GitLab
project site: `org.github.io/offre/`): every link of every page works, the error page's
too, which a host answers for any missing address at any depth (issue 28, 6).

Served here as GitHub Pages serves a project site: the site under /offre/, its own
404.html (status 404) for any missing address under /offre/. Each page is opened in
Chromium; every address it links to or loads is then asked of the server."""

from __future__ import annotations

import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from bench.static_server import PrecompressedHandler
from sitehtml import pages

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PREFIX = "/offre/"

if not Path(CHROMIUM).exists():
    pytest.fail("Chromium is needed for the browser tests: apt-get install chromium", pytrace=False)

from playwright.sync_api import sync_playwright  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]


class _ProjectSite(PrecompressedHandler):
    """The host's root holds only the project's folder; its 404.html answers beneath it."""

    def _not_found(self):
        if self.path.startswith(PREFIX):
            return self._send_file(Path(self.directory) / PREFIX.strip("/") / "404.html", 404)
        self.send_error(404)
        return None


@pytest.fixture(scope="module")
def served(tmp_path_factory, built_sites) -> Iterator[tuple[str, Path]]:
    """The shipped offer's site (built once for the whole run) as the host's /offre/."""
    host = tmp_path_factory.mktemp("host")
    site = shutil.copytree(built_sites["laurentides"], host / PREFIX.strip("/"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_ProjectSite, directory=str(host)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", site
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"])
        yield instance
        instance.close()


LINKED = """() => [...document.querySelectorAll('a[href], link[href], img[src], script[src], source[src]')]
    .map(e => e.href || e.src)"""


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _visit(browser, root: str, address: str) -> tuple[list[str], list[str], int]:
    """(the addresses the page links to or loads, those of them that failed, the sheets applied)."""
    page = browser.new_page()
    failed: list[str] = []
    page.on("response", lambda response: response.status >= 400 and response.url != root + address
            and failed.append(f"{response.status} {response.url}"))
    page.goto(root + address)
    linked = page.evaluate(LINKED)
    sheets = page.evaluate("() => [...document.styleSheets].filter(s => s.cssRules.length).length")
    page.close()
    return linked, failed, sheets


def test_every_link_works_under_a_sub_path_without_public_url(served, browser) -> None:
    root, site = served
    addresses = [PREFIX + page.relative_to(site).as_posix().removesuffix("index.html") for page in pages(site)
                 if "qr" not in page.relative_to(site).parts and page.name != "404.html"]
    assert len(addresses) >= 10
    # The error page, as the host answers it for missing addresses at several depths.
    missing = [PREFIX + "vieille-page", PREFIX + "services/nulle-part/", PREFIX + "en/services/nowhere/a/b"]
    checked: dict[str, int] = {}
    for address in addresses + missing:
        linked, failed, sheets = _visit(browser, root, address)
        assert failed == [], (address, failed)
        assert sheets >= 3, f"{address}: unstyled ({sheets} style sheets)"
        for url in linked:
            if not url.startswith(root):
                continue  # mailto:, tel:, another site
            assert url.startswith(root + PREFIX), f"{address} links off the site: {url}"
            target = url.split("#", 1)[0]
            if target not in checked:
                checked[target] = _status(target)
            assert checked[target] == 200, f"{address} links to {url}: {checked[target]}"
    assert any(url.endswith(PREFIX + "a-propos/") for url in checked), "the error page's menu was followed"


def test_the_error_page_says_where_home_is_from_any_depth(served, browser) -> None:
    root, _ = served
    for address, home in ((PREFIX + "services/nulle-part/", PREFIX), (PREFIX + "en/nowhere", PREFIX + "en/")):
        page = browser.new_page()
        response = page.goto(root + address)
        assert response.status == 404
        hrefs = page.evaluate("() => [...document.querySelectorAll('main a')].map(a => a.href)")
        assert root + home in hrefs, (address, hrefs)
        page.close()
