"""The files people download: brochures (PDF) and QR codes (SVG, PNG), in both languages.

QR codes take milliseconds and are always made. Brochures take about a second per
language: each language's pair (print, office) is kept in a cache keyed by a hash of
everything it is made from — the language's content, its QR codes, the fonts, the
brochure templates, the generator's code and WeasyPrint's version — and made again
only when one of those changes. Brochures to make are laid out by the print worker
(print_worker.py), on the second core while MkDocs builds the site on the first.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .brochure import TEMPLATES, VARIANTS, BrochureOverflow, too_much_text
from .content import Offer
from .fonts import fonts_prepared, prepared_fonts, web_fonts, web_fonts_cached
from .print_worker import PrintWorker, render_or_overflow
from .qr import QrCode, plan_codes, svg, write_code_files

FOLDER = "downloads"


@dataclass(frozen=True)
class Download:
    """One downloadable file, as the site lists it."""

    path: str  # relative to the site's root: "downloads/brochure-fr-office.pdf"
    kind: str  # "brochure" or "qr"
    language: str
    variant: str | None = None  # brochures: "print" or "office"
    code: QrCode | None = None  # QR files: what they encode


def brochure_name(language: str, variant: str) -> str:
    return f"brochure-{language}-{variant}.pdf"


def public_brochure(language: str) -> str:
    """The brochure the website offers to everyone: the one any printer prints."""
    return f"{FOLDER}/{brochure_name(language, 'office')}"


def planned(offers: dict[str, Offer]) -> list[Download]:
    """Every file `make_downloads` will write, known before any is made."""
    files = []
    for language, offer in offers.items():
        for code in plan_codes(offer):
            files += [Download(f"{FOLDER}/{code.stem}.{kind}", "qr", language, code=code) for kind in ("svg", "png")]
        files += [Download(f"{FOLDER}/{brochure_name(language, v)}", "brochure", language, variant=v) for v in VARIANTS]
    return files


def check_brochure_budget(offers: dict[str, Offer]) -> None:
    """Raise BrochureOverflow at once for a language whose brochure text could never fit."""
    overflows = [too_much_text(offer, " / ".join(brochure_name(language, v) for v in VARIANTS))
                 for language, offer in offers.items()]
    if any(overflows):
        raise BrochureOverflow([overflow for overflow in overflows if overflow is not None])


def brochure_key(offer: Offer, codes: list[QrCode], fonts: dict[str, Path]) -> str:
    """Hash of everything a language's brochures are made from."""
    digest = hashlib.sha256()
    digest.update(offer.model_dump_json(exclude={"locations"}).encode())
    for code in codes:
        digest.update(f"{code.link_id}\0{code.encoded}\0{code.label}\0{code.address}".encode())
    for name in sorted(fonts):
        digest.update(name.encode() + fonts[name].read_bytes())
    for template in sorted(TEMPLATES.rglob("*")):
        if template.is_file():
            digest.update(template.name.encode() + template.read_bytes())
    for package in ("weasyprint", "pydyf", "qrcode"):
        digest.update(importlib.metadata.version(package).encode())
    digest.update(f"SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}\0".encode())  # the PDFs' date
    digest.update(__version__.encode())
    digest.update(_code_digest().encode())
    return digest.hexdigest()[:32]


@functools.cache
def _code_digest() -> str:
    """The generator's own code: a change to it between releases must not reuse old PDFs."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


class PrintJob:
    """The fonts, QR files and brochures, made in the background while MkDocs builds.

    What cannot be taken from the cache is laid out by the print worker (see
    print_worker.py), given by the caller or forked here when `parallel` (before this
    job starts its own thread: forking a process that runs threads is unsafe); without
    one, in this process. The job lets the worker go when it is done, or at once when
    everything comes from the cache.
    """

    def __init__(self, offers: dict[str, Offer], characters: str, work: Path, fonts_home: Path,
                 cache: Path | None, *, worker: PrintWorker | None = None, parallel: bool = True,
                 store: bool = True) -> None:
        self.offers, self.characters, self.cache, self.store = offers, characters, cache, store
        self.fonts_home = fonts_home
        self.fonts = work / "fonts"
        self.folder = work / FOLDER
        self.made: list[str] = []
        self.reused: list[str] = []
        self._error: BaseException | None = None
        if self._all_cached():
            if worker is not None:
                worker.close()
            worker = None
        elif worker is None and parallel:
            worker = PrintWorker()
        self._worker = worker
        self._thread = threading.Thread(target=self._run, name="offre-print", daemon=True)

    def start(self) -> None:
        """Start making, in a thread; `wait()` for the end, `cancel()` to stop."""
        self._thread.start()

    def wait(self) -> None:
        """Block until everything is made; raise what went wrong (BrochureOverflow…)."""
        self._thread.join()
        if self._error is not None:
            raise self._error

    def cancel(self) -> None:
        """Stop now (Ctrl-C, a failed build): the worker is killed, the thread ends, and
        nothing more is written into the work folder."""
        if self._worker is not None:
            self._worker.kill()
        if self._thread.is_alive():
            self._thread.join()

    def _all_cached(self) -> bool:
        """Whether fonts and brochures can all be taken from the cache (then no worker)."""
        if self.cache is None or not fonts_prepared(self.fonts_home):
            return False
        prepared = prepared_fonts(self.fonts_home)
        if not web_fonts_cached(self.characters, prepared, self.cache):
            return False
        fonts = {name: faces.ttf for name, faces in prepared.items()}
        for language, offer in self.offers.items():
            entry = self.cache / "brochures" / brochure_key(offer, plan_codes(offer), fonts)
            if not all((entry / brochure_name(language, variant)).is_file() for variant in VARIANTS):
                return False
        return True

    def _run(self) -> None:
        try:
            self._make()
        except BaseException as error:  # handed to the caller by wait()
            self._error = error
        finally:
            if self._worker is not None:
                self._worker.close()

    def _make(self) -> None:
        run = self._worker.map if self._worker is not None else map
        prepared = prepared_fonts(self.fonts_home, run)  # made once per installation
        fonts = {name: faces.ttf for name, faces in prepared.items()}
        self.folder.mkdir(parents=True, exist_ok=True)
        pending, jobs, all_codes = [], [], []
        for language, offer in self.offers.items():
            codes = plan_codes(offer)
            all_codes += codes
            names = {variant: brochure_name(language, variant) for variant in VARIANTS}
            key = brochure_key(offer, codes, fonts)
            entry = self.cache / "brochures" / key if self.cache else None
            if entry is not None and all((entry / name).is_file() for name in names.values()):
                for name in names.values():
                    shutil.copyfile(entry / name, self.folder / name)
                self.reused += list(names.values())
                continue
            pending.append((key, names))
            scratch = self.folder.parent / f"scratch-{language}"
            jobs.append((offer, codes, fonts, {code.link_id: svg(code) for code in codes}, names, scratch))
        # The brochures are sent first (their QR codes go with them, not as files), and
        # the web fonts and QR files are written here while the worker lays them out.
        future = self._worker.render(jobs) if self._worker is not None and jobs else None
        web_fonts(self.characters, self.fonts, prepared, self.cache, store=self.store)
        write_code_files(all_codes, self.folder)
        if future is not None:
            results = future.result()
        else:
            results = [render_or_overflow(*job) for job in jobs]
        overflows = []
        for (key, names), result in zip(pending, results):
            if isinstance(result, BrochureOverflow):
                overflows += result.overflows
                continue
            for variant, data in result.items():
                (self.folder / names[variant]).write_bytes(data)
                self.made.append(names[variant])
            if self.cache is not None and self.store:
                self._keep(key, names)
        if overflows:
            raise BrochureOverflow(overflows)

    def _keep(self, key: str, names: dict[str, str]) -> None:
        """Store a language's brochures, whole or not at all, and never in the way of
        another build: each build fills a folder of its own, then renames it into
        place; when another build has put the same entry there first, that one stays
        (same key, same PDFs). A cache that cannot be written only costs time."""
        entry = self.cache / "brochures" / key
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            temporary = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=entry.parent))
        except OSError:
            return
        try:
            for name in names.values():
                shutil.copyfile(self.folder / name, temporary / name)
            os.rename(temporary, entry)
        except OSError:
            pass
        finally:
            shutil.rmtree(temporary, ignore_errors=True)
