"""Print the weight of a site's home page: the HTML and everything a browser loads for it.

    .venv/bin/python bench/page_weight.py [--site site] [--page /] [--lighthouse]

Each file is counted as a server sends it compressed (gzip, level 9). The page is
loaded in Debian's Chromium, so what is counted is what a visitor's browser really
fetches (fonts only when the page uses them). With --lighthouse, Lighthouse's
performance and accessibility scores are printed too, when `npx lighthouse` runs here.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import shutil
import subprocess
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

BUDGET_KB = 120
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def page_weight(site: Path, page: str = "/", width: int = 390) -> list[tuple[str, int, int]]:
    """(path, raw bytes, gzip bytes) of every file the browser loads for `page`."""
    from playwright.sync_api import sync_playwright

    server, root = serve(site)
    loaded: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"])
            context = browser.new_context(viewport={"width": width, "height": 900})
            tab = context.new_page()
            tab.on("requestfinished", lambda request: loaded.append(request.url))
            tab.goto(root + page)
            tab.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
    rows = []
    for url in dict.fromkeys(loaded):
        path = url[len(root):].split("?")[0].split("#")[0]
        file = site / path.lstrip("/")
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            continue
        data = file.read_bytes()
        rows.append((path, len(data), len(gzip.compress(data, compresslevel=9, mtime=0))))
    return rows


def lighthouse(site: Path, page: str = "/") -> dict[str, float] | None:
    """Lighthouse scores, or None when Lighthouse cannot run on this machine."""
    npx = shutil.which("npx")
    if not npx:
        return None
    server, root = serve(site)
    try:
        with tempfile.TemporaryDirectory() as folder:
            report = Path(folder) / "report.json"
            result = subprocess.run(
                [npx, "--yes", "lighthouse", root + page, "--output=json", f"--output-path={report}",
                 "--only-categories=performance,accessibility,best-practices,seo", "--quiet",
                 "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking"],
                env={"CHROME_PATH": CHROMIUM, "PATH": "/usr/bin:/bin:/usr/local/bin"},
                capture_output=True, text=True, timeout=300,
            )
            if result.returncode != 0 or not report.exists():
                return None
            categories = json.loads(report.read_text())["categories"]
            return {name: round(category["score"] * 100) for name, category in categories.items()}
    except (subprocess.TimeoutExpired, OSError):
        return None
    finally:
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--page", default="/")
    parser.add_argument("--lighthouse", action="store_true")
    arguments = parser.parse_args()
    rows = page_weight(arguments.site, arguments.page)
    total = sum(row[2] for row in rows)
    print(f"Home page weight ({arguments.page}, gzip): {total / 1024:.1f} KB — budget {BUDGET_KB} KB")
    for path, raw, zipped in sorted(rows, key=lambda row: -row[2]):
        print(f"  {zipped / 1024:7.1f} KB  ({raw / 1024:6.1f} KB raw)  {path}")
    if arguments.lighthouse:
        scores = lighthouse(arguments.site, arguments.page)
        print("Lighthouse:", ", ".join(f"{k} {v}" for k, v in scores.items()) if scores else "not available here")


if __name__ == "__main__":
    main()
