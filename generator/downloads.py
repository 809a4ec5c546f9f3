"""The files people download: brochures (PDF) and QR codes (SVG, PNG), in both languages.

QR codes take milliseconds and are always made. Brochures take about a second per
language: each language's pair (print, office) is kept in a cache keyed by a hash of
everything it is made from — the language's content, its QR codes, the fonts, the
brochure templates, the generator's code and WeasyPrint's version — and made again
only when one of those changes. Brochures to make are laid out by the print worker
(print_worker.py), on the second core while MkDocs builds the site on the first.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from . import __version__
from .brochure.images import brochure_images
from .brochure.plan import QUOTE_SIZES, Measurement, Plan, first_sizes
from .brochure.layout import PROFILE, TEMPLATES, VARIANTS
from .brochure.render import (BrochureOverflow, Fragments, brochure_html, keyed, measurement, measuring_fragments,
                              measuring_html, missing_measures, overflow_of, plan_for, too_much_text)
from .content import Offer
from . import store
from .fonts import Prepared, brochure_fonts, fonts_cached, fonts_prepared, prepared_fonts, web_fonts
from .print_worker import PrintWorker, measure_job, render_job
from .timings import record, stage
from .qr import HOME, QrCode, home_code, plan_codes, svg, write_code_files

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


def measure_key(offer: Offer, codes: list[QrCode], fonts: dict[str, Path]) -> str:
    """The key of everything a language's brochures are laid out from, but the plan (the
    artifact "brochure-content", see store.py): its content (not where each text stands
    in its file), its images by what they hold, its QR codes, and the layout."""
    return store.ARTIFACTS["brochure-content"].key(
        offer=offer.model_dump_json(exclude={"locations", "media"}),
        media={relative: Path(offer.media[relative]) for relative in offer.media},
        codes=[(code.link_id, code.encoded, code.label, code.address) for code in codes],
        layout=layout_key(fonts))


def layout_key(fonts: dict[str, Path]) -> str:
    """The key of what a piece's measured height depends on besides its HTML and size
    (the artifact "layout"): the fonts, the templates, the generator's version and code,
    WeasyPrint's version."""
    return store.ARTIFACTS["layout"].key(
        fonts={name: store.installed(path) for name, path in fonts.items()},
        templates={template.relative_to(TEMPLATES).as_posix(): store.installed(template)
                   for template in sorted(TEMPLATES.rglob("*")) if template.is_file()},
        version=__version__,
        packages={package: importlib.metadata.version(package) for package in ("weasyprint", "pydyf", "qrcode")},
        generator=store.installed(Path(__file__).parent))


def brochure_key(measured: str, plan: Plan, language: str, date: datetime) -> str:
    """The key of a language's PDFs (the artifact "brochures"): what its measurements
    are made from, the part of the panel plan it uses (size, spacing, cuts, its cover's
    title size, its pull quote…: not the other language's), and the date they carry."""
    shared = (plan.size_of(language), plan.spacing.get(language), plan.section_spacing.get(language), plan.panels,
              plan.title_sizes.get(language), plan.quotes.get(language), plan.foot_gaps.get(language),
              plan.lifted.get(language), plan.lifts)
    return store.ARTIFACTS["brochures"].key(content=measured, plan=repr(shared), date=date)


class PrintJob:
    """The fonts, QR files and brochures, made in the background while MkDocs builds.

    What cannot be taken from the cache is laid out by the print worker (see
    print_worker.py), given by the caller or forked here when `parallel` (before this
    job starts its own thread: forking a process that runs threads is unsafe); without
    one, in this process. The job lets the worker go when it is done, or at once when
    everything comes from the cache.
    """

    def __init__(self, offers: dict[str, Offer], characters: str, work: Path, fonts_home: Path,
                 cache: Path | None, *, dates: dict[str, datetime], worker: PrintWorker | None = None,
                 parallel: bool = True, store: bool = True) -> None:
        self.offers, self.characters, self.cache, self.store = offers, characters, cache, store
        self.dates = dates  # what each language's PDFs say they were made on: its content's date
        self.fonts_home = fonts_home
        self.fonts = work / "fonts"
        self.folder = work / FOLDER
        self.made: list[str] = []
        self.plan: Plan | None = None  # the panel plan, once chosen
        self.reused: list[str] = []
        self._error: BaseException | None = None
        # made once, used twice (measured, then laid out); the back's code to the site's home with them
        self._codes = {language: plan_codes(offer) + [code for code in (home_code(offer),) if code is not None]
                       for language, offer in offers.items()}
        self._svgs: dict[tuple[str, str], dict[str, str]] = {}
        self._pictures: dict[tuple[str, str], dict[str, str | None]] = {}
        self._pieces: dict[str, Fragments] | None = None
        self._fonts: dict[str, Path] | None = None
        self._measures: dict[str, dict[str, Any]] = {}  # language → what the cache holds (see _cached_measures)
        self._kept: dict[tuple[str, str], dict[str, bytes] | None] = {}  # a language's PDFs found in the cache
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
        if not fonts_cached(self.characters, prepared, self.cache):
            return False
        fonts = self._brochure_fonts(prepared, map)
        fragments = self._fragments(fonts)
        known = {language: self._cached_measures(fonts, language) for language in self.offers}

        def measure(sizes: list[float], titles: list[float]) -> dict[str, Measurement]:
            if any(any(missing_measures(fragments[language], sizes, titles, known[language]["entries"]))
                   for language in self.offers):
                raise _NotCached
            return {language: measurement(fragments[language], known[language]["entries"], sizes, titles)
                    for language in self.offers}

        try:
            plan = plan_for(measure(*self._first_sizes(fragments, known)), measure)
        except (_NotCached, BrochureOverflow):
            return False
        measured = {language: measure_key(offer, self._codes[language], fonts) for language, offer in self.offers.items()}
        return all(self._cached_brochures(brochure_key(measured[language], plan, language, self.dates[language]), language)
                   is not None
                   for language in self.offers)

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
        fonts = self._brochure_fonts(prepared, run)
        self.folder.mkdir(parents=True, exist_ok=True)
        codes = self._codes
        qr_images = {language: {variant: self._qr_images(language, variant) for variant in VARIANTS}
                     for language in self.offers}
        images = {language: {variant: self._images(language, variant) for variant in VARIANTS}
                  for language in self.offers}
        names = {language: {variant: brochure_name(language, variant) for variant in VARIANTS}
                 for language in self.offers}

        # 1. Measurements: what the cache does not have is laid out by the worker, every
        #    language at once; the first sizes while the web fonts and QR files are made.
        fragments = self._fragments(fonts)
        known = {language: self._cached_measures(fonts, language) for language in self.offers}
        asked: tuple[set[float], set[float]] = (set(), set())

        def start(sizes: list[float], titles: list[float]) -> tuple[Any, list[str], float]:
            asked[0].update(sizes)
            asked[1].update(titles)
            htmls = {language: measuring_html(fragments[language], sizes, titles, known[language]["entries"])
                     for language in self.offers}
            languages = [language for language, html in htmls.items() if html is not None]  # what is not known yet
            jobs = [(htmls[language], fonts, self._scratch(language)) for language in languages]
            began = time.perf_counter()
            if self._worker is not None and jobs:
                return self._worker.measure(jobs), languages, began
            return _Done([measure_job(*job) for job in jobs]), languages, began

        def finish(started: tuple[Any, list[str], float], sizes: list[float],
                   titles: list[float]) -> dict[str, Measurement]:
            call, languages, began = started
            pieces = 0
            for language, found in zip(languages, call.result()):
                new = keyed(fragments[language], found)
                known[language]["entries"].update(new)
                pieces += len(new)
            record("brochures: measuring", began, time.perf_counter(), sizes=sizes, titles=titles, pieces=pieces)
            return {language: measurement(fragments[language], known[language]["entries"], sizes, titles)
                    for language in self.offers}

        first = self._first_sizes(fragments, known)
        call = start(*first)
        began_plan = time.perf_counter()
        web_fonts(self.characters, self.fonts, prepared, self.cache, store=self.store)
        write_code_files([code for language in self.offers for code in codes[language] if code.link_id != HOME],
                         self.folder)  # the kit's files: the links' codes (the back's code to the home is the site's own)

        # 2. One panel plan for every language, measuring more sizes if it needs them.
        plan = plan_for(finish(call, *first), lambda sizes, titles: finish(start(sizes, titles), sizes, titles))
        record("brochures: plan", began_plan, time.perf_counter(), size=plan.size)
        self.plan = plan
        for language in self.offers:
            entries = known[language]["entries"]
            pieces = [*fragments[language].parts, "back", "back_white"]
            used = {fragments[language].key(piece, size) for size in asked[0] for piece in pieces}
            used |= {fragments[language].key("cover", size) for size in asked[1]} | {fragments[language].key("capacity", 0)}
            used |= {fragments[language].key("quote", size) for size in QUOTE_SIZES}
            self._store(self._measures_name(fonts, language),
                        json.dumps({"size": plan.size, "entries": {key: entries[key] for key in sorted(used & set(entries))}},
                                   ensure_ascii=False).encode("utf-8"))

        # 3. The PDFs: from the cache, or laid out by the worker.
        measured = {language: measure_key(offer, codes[language], fonts) for language, offer in self.offers.items()}
        pending = []
        for language, offer in self.offers.items():
            key = brochure_key(measured[language], plan, language, self.dates[language])
            entry = self._cached_brochures(key, language)
            if entry is not None:
                for variant, name in names[language].items():
                    (self.folder / name).write_bytes(entry[variant])
                self.reused += list(names[language].values())
                continue
            pending.append((key, language))
        # One process per core: a language's two PDFs in one process (they share its fonts
        # and style sheets: measured, a cold build's four PDFs take a tenth less time so),
        # or each in its own when one language alone is made (an edit: a third less).
        # The HTML is written here: the worker only lays it out (see print_worker.py).
        split = len(pending) < (os.cpu_count() or 1)
        groups = [(variant,) for variant in VARIANTS] if split else [VARIANTS]
        jobs = [({variant: brochure_html(self.offers[language], codes[language], fonts, qr_images[language][variant],
                                         images[language][variant], plan, self.dates[language], variant)
                  for variant in variants}, fonts, self._scratch(f"{language}-{'-'.join(variants)}"))
                for _, language in pending for variants in groups]
        with stage("brochures: layout and PDF", languages=[language for _, language in pending], processes=len(jobs)):
            call = self._worker.render(jobs) if self._worker is not None and jobs else None
            results = call.result() if call is not None else [render_job(*job) for job in jobs]
        problems = []
        for index, (key, language) in enumerate(pending):
            made = results[index * len(groups):(index + 1) * len(groups)]
            label = " / ".join(names[language].values())
            failed = [problem for problem in (overflow_of(self.offers[language], label, written) for written in made)
                      if problem is not None]
            if failed:
                problems += failed[0].overflows  # the variants are laid out alike: told once
                continue
            for written in made:
                for variant, data in written.pdfs.items():
                    (self.folder / names[language][variant]).write_bytes(data)
                    self.made.append(names[language][variant])
                    self._store(self._brochure_name(key, language, variant), data)
        if problems:
            raise BrochureOverflow(problems)

    def _brochure_fonts(self, prepared: dict[str, Prepared], run: Any) -> dict[str, Path]:
        """The fonts the brochures are laid out with (found once, used by _all_cached and _make)."""
        if self._fonts is None:
            self._fonts = brochure_fonts(self.characters, self.fonts.parent / "brochure-fonts", prepared, self.cache,
                                         store=self.store, run=run)
        return self._fonts

    def _qr_images(self, language: str, variant: str) -> dict[str, str]:
        key = (language, variant)
        if key not in self._svgs:
            self._svgs[key] = {code.link_id: svg(code, cmyk=variant == "print") for code in self._codes[language]}
        return self._svgs[key]

    def _images(self, language: str, variant: str) -> dict[str, str | None]:
        """The cover image and signature of a language's brochure, as addresses (read and
        encoded once, for the measurements and the PDFs)."""
        key = (language, variant)
        if key not in self._pictures:
            self._pictures[key] = brochure_images(self.offers[language], variant, PROFILE)
        return self._pictures[key]

    def _fragments(self, fonts: dict[str, Path]) -> dict[str, Fragments]:
        """Each language's measured pieces, as HTML (made once, used by _all_cached and _make)."""
        if self._pieces is None:
            self._pieces = {
                language: measuring_fragments(offer, self._codes[language], fonts, self._qr_images(language, "office"),
                                              self._images(language, "office"),
                                              " / ".join(brochure_name(language, v) for v in VARIANTS))
                for language, offer in self.offers.items()}
        return self._pieces

    @staticmethod
    def _first_sizes(fragments: dict[str, Fragments], known: dict[str, dict]) -> tuple[list[float], list[float]]:
        hint = next((k["size"] for k in known.values() if k.get("size") is not None), None)
        return first_sizes(max(f.characters for f in fragments.values()), max(f.blocks for f in fragments.values()),
                           hint, max(f.codes for f in fragments.values()))

    def _measures_name(self, fonts: dict[str, Path], language: str) -> str:
        return store.entry_name("measures", store.ARTIFACTS["measures"].key(layout=layout_key(fonts)),
                                f"-{language}.json")

    def _cached_measures(self, fonts: dict[str, Path], language: str) -> dict[str, Any]:
        """The measurements this layout made before for the language (what its last build
        used) and the size it chose: {"size": …, "entries": {key: …}}. Read once, for
        _all_cached and _make; _make adds what it measures."""
        if language not in self._measures:
            self._measures[language] = self._read_measures(fonts, language)
        return self._measures[language]

    def _read_measures(self, fonts: dict[str, Path], language: str) -> dict[str, Any]:
        empty: dict[str, Any] = {"size": None, "entries": {}}
        if self.cache is None:
            return empty
        kept = store.take(self.cache, self._measures_name(fonts, language))  # sealed: see store.py
        try:
            data = json.loads(kept.decode("utf-8")) if kept is not None else None
        except (ValueError, RecursionError):
            return empty  # not there, or damaged: measured again
        if not isinstance(data, dict) or not isinstance(data.get("entries"), dict):
            return empty
        entries = {key: value for key, value in data["entries"].items() if _well_formed(value)}
        return {"size": data.get("size") if isinstance(data.get("size"), float) else None, "entries": entries}

    def _scratch(self, language: str) -> Path:
        return self.folder.parent / f"scratch-{language}"

    @staticmethod
    def _brochure_name(key: str, language: str, variant: str) -> str:
        return store.entry_name("brochures", key, f"-{language}-{variant}.pdf")

    def _cached_brochures(self, key: str, language: str) -> dict[str, bytes] | None:
        """A language's PDFs (variant → bytes) as an earlier build made them under `key`;
        None unless every one is there and sealed whole (see store.py): a PDF cut
        short, another's, or not offre's is made again, never published. Read once."""
        if (key, language) not in self._kept:
            found = {variant: store.take(self.cache, self._brochure_name(key, language, variant))
                     for variant in VARIANTS}
            whole = all(data is not None for data in found.values())
            self._kept[(key, language)] = found if whole else None  # type: ignore[assignment]
        return self._kept[(key, language)]

    def _store(self, name: str, data: bytes) -> None:
        """Keep an entry in the cache, sealed, whole or not at all, never in the way of
        another build's (see store.keep). A cache that cannot be written only costs
        time."""
        if self.cache is None or not self.store:
            return
        store.keep(self.cache, name, data)


def _well_formed(value: Any) -> bool:
    """A measurement as measure_fragments makes them: a height, or a section's blocks
    (key → [border height, margins, white under its ink]) and gap. Anything else in the
    cache is ignored."""
    def number(item: Any) -> bool:
        return isinstance(item, (int, float)) and not isinstance(item, bool)

    if number(value):
        return True
    return (isinstance(value, dict) and set(value) == {"blocks", "gap"} and number(value["gap"])
            and isinstance(value["blocks"], dict)
            and all(isinstance(pair, list) and len(pair) == 3 and all(map(number, pair))
                    for pair in value["blocks"].values()))


class _NotCached(Exception):
    """A measurement the cache does not have (the worker is needed after all)."""


class _Done:
    """The answer of measurements made in this process, read like a worker's Call."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        return self.value
