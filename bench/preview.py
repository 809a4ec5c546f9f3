"""The preview's latency, side by side with `mkdocs serve`, and the brochures' floor.

- preview: after a save of one service's summary, the seconds until `offre serve`
  serves the page with the new text, and until its four brochures are ready (its status,
  /.offre-status, says "ready");
- mkdocs serve: the same, for the same offer written by hand: the Markdown pages and
  the config the generator gives MkDocs, the summary edited in each page that shows it;
- floor: what WeasyPrint alone takes to lay out and write the four final brochures (the
  very HTML and fonts a build gives it, WeasyPrint already imported, one process per
  language as a build on two cores does, nothing of offre's checks or finishing).

Used by bench/run.py (`make bench`); each figure the median of several saves.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
SUMMARY = "Un levier important au développement des communautés."


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _until(predicate: Callable[[], bool], timeout: float = 300.0, step: float = 0.01) -> float:
    """Seconds until `predicate` holds (polled every `step`); raise past `timeout`."""
    start = time.perf_counter()
    while not predicate():
        if time.perf_counter() - start > timeout:
            raise SystemExit("the preview never showed the edit")
        time.sleep(step)
    return time.perf_counter() - start


@contextlib.contextmanager
def _running(command: list[str], env: dict[str, str] | None = None) -> Iterator[None]:
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _edits(files: list[Path], runs: int, page: str, wait: Callable[[], None] | None = None,
           after: Callable[[], float] | None = None) -> tuple[list[float], list[float]]:
    """For each run: the summary changed in `files`, then the seconds until `page`
    shows it (and, with `after`, until what `after` waits for)."""
    originals = {path: path.read_text(encoding="utf-8") for path in files}
    shown, later = [], []
    try:
        for number in range(runs):
            if wait:
                wait()
            time.sleep(1.0)  # the watchers settle (mkdocs serve waits for its own quiet time)
            marker = f"{SUMMARY[:-1]} ({number} {os.getpid()})."
            started = time.perf_counter()
            for path, text in originals.items():
                path.write_text(text.replace(SUMMARY, marker), encoding="utf-8")
            shown.append(_until(lambda: marker in (_get(page) or "")))
            if after:
                later.append(time.perf_counter() - started + after())
    finally:
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
    return shown, later


def offre_serve(content: Path, scratch: Path, runs: int, env: dict[str, str]) -> dict[str, float]:
    """Median seconds from a save to the new page, and to the new brochures, in `offre serve`."""
    port = _free_port()
    home = f"http://127.0.0.1:{port}/"

    def status() -> dict:
        text = _get(home + ".offre-status")
        return json.loads(text) if text else {}

    def ready() -> bool:
        return status().get("brochures") == "ready"

    def brochures() -> float:
        return _until(ready, step=0.05)

    command = [str(VENV_BIN / "offre"), "serve", "--content", str(content), "--port", str(port),
               "--output", str(scratch / "preview")]
    with _running(command, env):
        _until(ready, step=0.2)
        page, brochure = _edits([content / "fr" / "services.yaml"], runs, home, wait=lambda: _until(ready),
                                after=brochures)
    return {"page": statistics.median(page), "brochures": statistics.median(brochure)}


def mkdocs_serve(config: Path, runs: int) -> float:
    """Median seconds from a save to the new page in `mkdocs serve`, the Markdown edited
    by hand in every page that shows the summary."""
    docs = config.parent / "docs"
    files = [path for path in docs.rglob("*.md") if SUMMARY in path.read_text(encoding="utf-8")]
    if not files:
        raise SystemExit(f"no page of {docs} shows the summary the benchmark edits")
    port = _free_port()
    home = f"http://127.0.0.1:{port}/"
    command = [str(VENV_BIN / "mkdocs"), "serve", "-q", "-f", str(config), "--dev-addr", f"127.0.0.1:{port}"]
    with _running(command):
        _until(lambda: SUMMARY in (_get(home) or ""), step=0.2)
        page, _ = _edits(files, runs, home)
    return statistics.median(page)


def brochure_floor(content: Path, runs: int) -> float:
    """Median seconds WeasyPrint alone takes to lay out and write the four final
    brochures, one process per language (as a build on two cores), imports excluded."""
    from generator.brochure import layout

    times = []
    with tempfile.TemporaryDirectory(prefix="offre-floor-") as keep:
        jobs = _final_jobs(content, Path(keep))
        layout.load_weasyprint()  # imported once, before the fork
        context = multiprocessing.get_context("fork")
        with context.Pool(len(jobs)) as pool:
            pool.map(_weasyprint_alone, jobs)  # the pool's processes started, WeasyPrint warm
            for _ in range(runs):
                started = time.perf_counter()
                pool.map(_weasyprint_alone, jobs, chunksize=1)
                times.append(time.perf_counter() - started)
    return statistics.median(times)


def _final_jobs(content: Path, keep: Path) -> list[tuple[dict[str, str], dict[str, Path]]]:
    """The HTML and fonts each language's brochures are laid out from, as a build
    without cache gives them to the print processes (the fonts copied into `keep`: a
    build's own subsets go with its work folder)."""
    from generator import downloads
    from generator.build import build

    jobs: list[tuple[dict[str, str], dict[str, Path]]] = []
    real = downloads.render_job

    def capture(htmls: dict[str, str], fonts: dict[str, Path], scratch: Path | None) -> object:
        folder = keep / str(len(jobs))
        folder.mkdir(parents=True)
        copies = {name: folder / path.name for name, path in fonts.items()}
        moved = dict(htmls)
        for name, path in fonts.items():
            copies[name].write_bytes(path.read_bytes())
            for variant, html in moved.items():  # the HTML names each font file
                moved[variant] = html.replace(path.as_uri(), copies[name].as_uri()).replace(str(path),
                                                                                              str(copies[name]))
        jobs.append((moved, copies))
        return real(htmls, fonts, scratch)

    downloads.render_job = capture
    try:
        build(content, keep / "site", no_cache=True, parallel=False)  # laid out here: render_job seen
    finally:
        downloads.render_job = real
    return jobs


def _weasyprint_alone(job: tuple[dict[str, str], dict[str, Path]]) -> None:
    """WeasyPrint's public API only: each variant laid out and written, with the
    brochure's style sheets and fonts, none of offre's checks or finishing."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from generator.brochure.layout import PDF_OPTIONS, TEMPLATES

    htmls, fonts = job
    for variant, html in htmls.items():
        font_config = FontConfiguration()
        profiles: dict = {}
        sheets = [CSS(filename=str(TEMPLATES / f"{name}.css"), font_config=font_config, color_profiles=profiles)
                  for name in ("brochure", variant)]
        document = HTML(string=html, base_url=str(TEMPLATES)).render(
            stylesheets=sheets, font_config=font_config, color_profiles=profiles, **PDF_OPTIONS[variant])
        document.write_pdf(**PDF_OPTIONS[variant])
