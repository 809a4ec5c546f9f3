"""Print what a visitor's phone downloads, and Lighthouse's four scores.

    .venv/bin/python bench/page_weight.py [--site site ...] [--lighthouse] [--runs N]

Each site is served as a public host should serve it (bench/static_server.py: the
`.br` and `.gz` files the build wrote, nothing compressed on the fly). The home page is
loaded in Debian's Chromium and every file it fetches is counted as sent over the
network, against the budget. With --lighthouse, Lighthouse (installed by `make weight`
into tools/lighthouse/ from the npm registry) scores the home page, the first service
page and the contact page in both languages, as a phone on a slow 4G network (its
default mobile settings); with --runs N each page is scored N times and the lowest
score is printed, so a lucky run never hides a slow page.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run as a script: bench/ is not a package then
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.static_server import serve  # noqa: E402

BUDGET_KB = 120
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LIGHTHOUSE = Path(__file__).resolve().parent.parent / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TIMINGS = {"FCP": "first-contentful-paint", "LCP": "largest-contentful-paint"}  # seconds, slowest run
# Lighthouse's Chromium may reach 127.0.0.1 only: a page that asks for anything else
# fails there as it would fail the no-outside-request rule.
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--host-resolver-rules='MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'")


def page_weight(site: Path, page: str = "", width: int = 390) -> list[tuple[str, int, str]]:
    """(address, bytes sent over the network, encoding) of every file the browser
    fetches for `page` (an address relative to the site's root)."""
    from playwright.sync_api import sync_playwright

    server, root = serve(site)
    rows: list[tuple[str, int, str]] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"])
            context = browser.new_context(viewport={"width": width, "height": 844})
            tab = context.new_page()
            finished = []
            tab.on("requestfinished", lambda request: finished.append(request))
            tab.goto(root + page)
            tab.wait_for_load_state("networkidle")
            for request in finished:
                response = request.response()
                encoding = (response.headers.get("content-encoding", "") if response else "") or "none"
                rows.append((request.url[len(root) - 1:], request.sizes()["responseBodySize"], encoding))
            browser.close()
    finally:
        server.shutdown()
    return rows


def scored_pages(site: Path) -> list[str]:
    """The pages Lighthouse scores: in each language, the home page, the first service
    page and the contact page, found as a visitor finds them (the home page's first
    service card and the footer's contact link), and the request forms' pages."""
    found = []
    for home, forms in (("", "formulaires"), ("en/", "forms")):
        html = (site / home / "index.html").read_text(encoding="utf-8")
        found.append(home)
        for pattern in (r'class="offre-card__title"><a href="([^"]+)"', r'<ul class="offre-footer__links">\s*<li><a href="([^"]+)"'):
            match = re.search(pattern, html)
            if match:
                found.append(_resolve(home, match.group(1)))
        found += sorted(f"{home}{forms}/{page.parent.name}/" for page in (site / home / forms).glob("*/index.html"))
    return found


def _resolve(base: str, href: str) -> str:
    parts = [part for part in (base + href).split("/")[:-1] if part not in ("", ".")]
    resolved: list[str] = []
    for part in parts:
        if part == "..":
            resolved = resolved[:-1]
        else:
            resolved.append(part)
    return "".join(part + "/" for part in resolved)


def lighthouse(site: Path, pages: list[str], runs: int = 1) -> dict[str, dict[str, float]] | str:
    """Each page's lowest score per category and slowest paint times (FCP, LCP, in
    seconds) over `runs` runs, or why Lighthouse could not run here."""
    if not LIGHTHOUSE.exists():
        return "Lighthouse is not installed: run `make weight` (npm ci in tools/lighthouse)"
    server, root = serve(site)
    scores: dict[str, dict[str, float]] = {}
    try:
        with tempfile.TemporaryDirectory() as folder:
            for page in pages:
                for run in range(runs):
                    report = Path(folder) / f"report-{len(scores)}-{run}.json"
                    result = subprocess.run(
                        [str(LIGHTHOUSE), root + page, "--output=json", f"--output-path={report}",
                         "--only-categories=" + ",".join(CATEGORIES), "--quiet", f"--chrome-flags={CHROME_FLAGS}"],
                        env={"CHROME_PATH": CHROMIUM, "PATH": "/usr/bin:/bin:/usr/local/bin", "HOME": folder},
                        capture_output=True, text=True, timeout=300,
                    )
                    if result.returncode != 0 or not report.exists():
                        return f"Lighthouse failed on /{page}: {(result.stderr or result.stdout).strip()[-500:]}"
                    data = json.loads(report.read_text(encoding="utf-8"))
                    previous = scores.get(page, {})
                    found = {name: min(round(data["categories"][name]["score"] * 100), previous.get(name, 100))
                             for name in CATEGORIES}
                    for short, audit in TIMINGS.items():
                        seconds = data["audits"][audit]["numericValue"] / 1000
                        found[short] = max(seconds, previous.get(short, 0.0))
                    scores[page] = found
    except (subprocess.TimeoutExpired, OSError) as error:
        return f"Lighthouse could not run: {error}"
    finally:
        server.shutdown()
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, action="append", help="a built site (several allowed); default: site")
    parser.add_argument("--lighthouse", action="store_true")
    parser.add_argument("--runs", type=int, default=1)
    arguments = parser.parse_args()
    below = False
    for site in arguments.site or [Path("site")]:
        rows = page_weight(site)
        total = sum(row[1] for row in rows)
        print(f"{site}: home page with everything it loads, as sent: {total / 1024:.1f} KB "
              f"(budget {BUDGET_KB} KB)")
        for address, size, encoding in sorted(rows, key=lambda row: -row[1]):
            print(f"  {size / 1024:7.1f} KB  {encoding:5}  {address}")
        below |= total > BUDGET_KB * 1024
        if arguments.lighthouse:
            scores = lighthouse(site, scored_pages(site), arguments.runs)
            if isinstance(scores, str):
                print("  Lighthouse:", scores)
                below = True
                continue
            print(f"  Lighthouse (mobile, lowest of {arguments.runs} run{'s' if arguments.runs > 1 else ''}):")
            print("    " + f"{'page':40}" + "".join(f"{name:>15}" for name in CATEGORIES)
                  + "".join(f"{short + ' s':>7}" for short in TIMINGS))
            for page, found in scores.items():
                print("    " + f"{'/' + page:40}" + "".join(f"{found[name]:>15.0f}" for name in CATEGORIES)
                      + "".join(f"{found[short]:>7.1f}" for short in TIMINGS))
                below |= any(found[name] < 100 for name in CATEGORIES)
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
