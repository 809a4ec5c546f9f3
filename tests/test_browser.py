"""The site in a real browser (Debian's Chromium, driven by Playwright), served as a
public host serves it (precompressed files, the site's 404 page): axe-core finds no
WCAG A/AA violation at phone and desktop widths, the language switch works from the
keyboard, no page logs an error, nothing is requested from outside 127.0.0.1, the
way to ask is in a phone's first screen, the switch is large enough to see and hit,
the footer speaks the page's language, the 404 page both, and the home page stays
within its weight budget."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.static_server import serve
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

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def servers(built_sites) -> Iterator[dict[str, str]]:
    """Each built site served on its own 127.0.0.1 port."""
    running, roots = [], {}
    for name, site in built_sites.items():
        server, roots[name] = serve(site)
        running.append(server)
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


TABS = 6  # pages open side by side while the others settle


def _settled(context, urls: list[str], attach, linger: int = 0) -> Iterator[tuple[str, object, object]]:
    """Each of `urls` opened in one of a few tabs of `context` (`attach(page)` on each tab
    first), then left until it has asked nothing of the network for half a second
    ("networkidle"), and `linger` milliseconds more: the tabs wait side by side, not one
    after the other. Each tab goes on to the next address once its turn is over (a new tab
    for each would start a new page process: a third more processor time). Yields
    (url, response, page)."""
    tabs: list = []
    for start in range(0, len(urls), TABS):
        batch = urls[start:start + TABS]
        while len(tabs) < len(batch):
            tabs.append(context.new_page())
            attach(tabs[-1])
        opened = [(url, page.goto(url), page) for url, page in zip(batch, tabs)]
        for *_, page in opened:
            page.wait_for_load_state("networkidle")
        if linger:
            opened[-1][2].wait_for_timeout(linger)
        yield from opened
    for page in tabs:
        page.close()


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
    axe = Axe()
    failures = []
    for url, response, page in _settled(context, _urls(built_sites[name], servers[name]), watch.attach):
        if not url.endswith("404.html"):
            assert response is not None and response.ok, url
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
    server, root = serve(site)
    yield root, site
    server.shutdown()


def test_content_full_of_markup_runs_no_script_and_goes_nowhere(browser, injected_server) -> None:
    root, site = injected_server
    context = browser.new_context(viewport={"width": 390, "height": 900})
    watch = _Watch(context, root)
    dialogs: list[str] = []

    def attach(page) -> None:
        watch.attach(page)
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    # 300 ms more: a meta refresh of 0 s would have fired by then.
    for url, _, page in _settled(context, _urls(site, root), attach, linger=300):
        assert page.url == url, f"{url} sent the visitor to {page.url}"
        for href in page.eval_on_selector_all("a[href]", "anchors => anchors.map(a => a.getAttribute('href'))"):
            assert not href.lower().startswith(("javascript:", "data:")), f"{url}: a link to {href}"
    context.close()
    assert not dialogs, f"a script from the content ran: {dialogs}"
    assert not watch.outside, f"requests leaving the site: {watch.outside}"
    assert not [e for e in watch.errors if "404" not in e], f"console errors: {watch.errors}"


# --- a phone's first screen, the switch, the footer, the 404 page, the weight ----------------

PHONE = {"width": 390, "height": 844}
MIN_TARGET = 44  # px, WCAG 2.5.5 (AAA) and Apple's and Google's guidance


def _service_pages(site: Path) -> list[str]:
    return [path.relative_to(site).as_posix().removesuffix("index.html") for path in pages(site)
            if "services" in path.relative_to(site).parts and path.name == "index.html"]


def _asking_pages(site: Path) -> list[str]:
    """Every page whose first screen must show a way to ask: the home pages, the services,
    the contact pages, and the request forms' pages."""
    home = ["", "en/"]
    contact = [path.relative_to(site).as_posix().removesuffix("index.html") for path in pages(site)
               if path.name == "index.html" and path.parent.name in ("contact", "nous-joindre", "contact-us")]
    forms = [path.relative_to(site).as_posix().removesuffix("index.html") for path in pages(site)
             if path.name == "index.html" and set(path.relative_to(site).parts) & {"formulaires", "forms"}]
    return home + _service_pages(site) + contact + forms


@pytest.mark.parametrize("name", list(CONTENT_SETS))
def test_every_page_type_shows_its_way_to_ask_in_a_phones_first_screen(browser, servers, built_sites, name) -> None:
    """Without scrolling, on a 390 x 844 phone: on the home pages, the services, the
    contact pages and the forms, the first action (a button for a link or a form, a call,
    an e-mail; on a form page its first question's field) is wholly visible and at least
    44 px in both directions, and no long web address is shown as text anywhere."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    asking = _asking_pages(built_sites[name])
    services = _service_pages(built_sites[name])
    assert len(services) >= 2 and any(path.startswith("en/") for path in services), services
    assert sum("contact" in path or "joindre" in path for path in asking) == 2, asking
    for relative in asking:
        page.goto(servers[name] + relative)
        form = page.locator("form.offre-form")
        action = (form.locator("input, textarea").first if form.count()
                  else page.locator("a.offre-action").first)
        box = action.bounding_box()
        assert box is not None, f"{relative}: no action"
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], \
            f"{relative}: the first action ends at {box['y'] + box['height']:.0f} px, below the first screen"
        assert box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET, f"{relative}: action of {box}"
        shown = page.evaluate("document.querySelector('article').innerText")
        assert "https://" not in shown and "http://" not in shown, f"{relative}: a raw address is shown"
    context.close()


HEADER_NAME = """() => {
  const shown = [...document.querySelectorAll('.md-header__title .md-header__topic:first-child .md-ellipsis')]
    .filter(element => element.offsetParent !== null);
  return shown.map(element => ({text: element.innerText, scrollHeight: element.scrollHeight,
    clientHeight: element.clientHeight, scrollWidth: element.scrollWidth, clientWidth: element.clientWidth,
    lines: Math.round(element.getBoundingClientRect().height / parseFloat(getComputedStyle(element).lineHeight)),
    top: element.getBoundingClientRect().top, bottom: element.getBoundingClientRect().bottom,
    headerBottom: document.querySelector('.md-header').getBoundingClientRect().bottom}));
}"""


@pytest.mark.parametrize("name", list(CONTENT_SETS))
def test_the_sites_name_in_the_header_is_never_cut(browser, servers, built_sites, name) -> None:
    """On a 390 px phone the site's name holds on two lines at most (the shorter name the
    content gives, when the full one is long), on a 1280 px screen on one; never cut
    (no hidden overflow, no ellipsis), in both languages, on every kind of page."""
    pages_to_see = ["", "en/", *_service_pages(built_sites[name])[:1], *[
        path for path in _service_pages(built_sites[name]) if path.startswith("en/")][:1]]
    for width, most in ((390, 2), (1280, 1)):
        context = browser.new_context(viewport={"width": width, "height": 844})
        page = context.new_page()
        for relative in pages_to_see:
            page.goto(servers[name] + relative)
            shown = page.evaluate(HEADER_NAME)
            assert len(shown) == 1, f"{relative} @{width}: {shown}"
            title = shown[0]
            where = f"{name} {relative or '/'} @{width}: {title['text']!r}"
            assert title["text"].strip(), where
            assert title["scrollHeight"] <= title["clientHeight"], f"{where} cut: {title}"
            assert title["scrollWidth"] <= title["clientWidth"], f"{where} cut: {title}"
            assert 1 <= title["lines"] <= most, f"{where} on {title['lines']} lines"
            assert title["top"] >= 0 and title["bottom"] <= title["headerBottom"], f"{where} outside the header"
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_language_switch_is_as_large_as_the_menu_and_easy_to_hit(browser, servers, built_sites, width) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    for relative in ("", "en/", _service_pages(built_sites["laurentides"])[0]):
        page.goto(servers["laurentides"] + relative)
        switch = page.locator(".md-header a.offre-lang")
        assert switch.is_visible(), f"{relative} @{width}: no switch in the header"
        box = switch.bounding_box()
        assert box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET, f"{relative} @{width}: {box}"
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{relative} @{width}: off screen"
        size = float(switch.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))
        menu = float(page.locator("nav.md-nav--primary a.md-nav__link").first.evaluate(
            "e => getComputedStyle(e).fontSize").removesuffix("px"))
        assert size >= 14 and size >= menu, f"{relative} @{width}: switch {size} px, menu {menu} px"
    context.close()


@pytest.mark.parametrize("name", NAMES)
def test_the_footer_speaks_the_pages_language_and_dates_the_content(browser, servers, built_sites, name) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    expected = {"fr": ("Date de modification", "Nous joindre", "Télécharger la brochure (PDF)"),
                "en": ("Date modified", "Contact us", "Download the brochure (PDF)")}
    french_service = [path for path in _service_pages(built_sites[name]) if not path.startswith("en/")][0]
    for relative, language in (("", "fr"), ("en/", "en"), (french_service, "fr")):
        page.goto(servers[name] + relative)
        assert page.evaluate("document.documentElement.lang") == language
        footer = page.locator("footer.offre-footer")
        text = " ".join(footer.inner_text().split())
        for words in expected[language]:
            assert words in text, f"{relative}: {words!r} not in the footer: {text}"
        assert "Material" not in text and "MkDocs" not in text
        stamp = footer.locator("time").get_attribute("datetime")
        assert stamp and len(stamp) == 10 and stamp in text
        with page.expect_navigation():
            footer.get_by_text(expected[language][1]).click()
        assert page.evaluate("document.documentElement.lang") == language
        assert page.url.rstrip("/").endswith(("contact", "nous-joindre", "contact-us")), page.url
    context.close()


def test_a_missing_address_answers_in_both_languages(browser, servers) -> None:
    """Any missing address gets the root 404 page (as a host's `error_page 404
    /404.html` does): French and English, each in its `lang`, each with its way home."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    root = servers["laurentides"]
    response = page.goto(root + "en/servces/typo/")
    assert response is not None and response.status == 404
    french = page.locator("article [lang=fr]").first
    english = page.locator("article [lang=en]").first
    assert "Page introuvable" in french.inner_text() and "Page not found" in english.inner_text()
    assert french.is_visible() and english.is_visible()
    with page.expect_navigation():
        english.get_by_role("link").click()
    assert page.url == root + "en/" and page.evaluate("document.documentElement.lang") == "en"
    page.goto(root + "en/404.html")
    assert page.locator("article [lang=fr]").count() == 0, "the English 404 page is English only"
    assert "Page not found" in page.locator("article").inner_text()
    context.close()


@pytest.mark.parametrize("name", NAMES)
def test_the_home_page_stays_within_its_weight_budget(browser, servers, name) -> None:
    """120 KB as sent over the network (compressed), the page and all it loads; the
    text files arrive precompressed, and no script is loaded."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(servers[name])
    page.wait_for_load_state("networkidle")
    sent = sum(request.sizes()["responseBodySize"] for request in finished)
    assert sent <= 120 * 1024, f"{sent / 1024:.1f} KB"
    for request in finished:
        if request.resource_type in ("document", "stylesheet"):
            assert request.response().headers.get("content-encoding") in ("br", "gzip"), request.url
        assert request.resource_type != "script", request.url
    context.close()
