"""The files people download: brochures (PDF) and QR codes (SVG, PNG), in both languages.

QR codes take milliseconds and are always made. Brochures take about a second per
language: each language's pair (print, office) is kept in a cache keyed by a hash of
everything it is made from — the language's content, its QR codes, the fonts, the
brochure templates, the generator's code and WeasyPrint's version — and made again
only when one of those changes (see store.py). Brochures to make are laid out by the
print processes (print_processes.py), on the second core while MkDocs builds the site on
the first, in plain steps over one BrochureInputs: measure → plan → lay out → finish →
store (PrintJob).
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
                              measuring_html, overflow_of, plan_for, too_much_text)
from .content import Offer
from . import store
from .brochure.layout import Written
from .fonts import brochure_fonts, prepared_fonts, web_fonts
from .print_processes import Pending, Processes, measure_job, render_job
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


def measure_key(offer: Offer, codes: list[QrCode], fonts: dict[str, Path], layout: str | None = None) -> str:
    """The key of everything a language's brochures are laid out from, but the plan (the
    artifact "brochure-content", see store.py): its content (not where each text stands
    in its file), its images by what they hold, its QR codes, and the layout (`layout`:
    layout_key(fonts), when already known)."""
    return store.ARTIFACTS["brochure-content"].key(
        offer=offer.model_dump_json(exclude={"locations", "media"}),
        media={relative: Path(offer.media[relative]) for relative in offer.media},
        codes=[(code.link_id, code.encoded, code.label, code.address) for code in codes],
        layout=layout if layout is not None else layout_key(fonts))


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


@dataclass(frozen=True)
class BrochureInputs:
    """Everything a build's brochures are made from, gathered once: each step of the
    pipeline (measure → plan → lay out → finish → store) reads it, none changes it."""

    offers: dict[str, Offer]
    dates: dict[str, datetime]  # what each language's PDFs say they were made on: its content's date
    fonts: dict[str, Path]  # the font files the brochures are laid out with
    codes: dict[str, list[QrCode]]  # the links' QR codes, and the back's code to the site's home
    fragments: dict[str, Fragments]  # each language's measured pieces, as HTML
    images: dict[tuple[str, str], dict[str, str | None]]  # (language, variant) → cover image and signature
    qr_images: dict[tuple[str, str], dict[str, str]]  # (language, variant) → each code's SVG
    measured: dict[str, str]  # language → what its PDFs are laid out from, but the plan (measure_key)
    layout: str  # layout_key(fonts): walks the generator's files, so made once a build

    def names(self, language: str) -> dict[str, str]:
        return {variant: brochure_name(language, variant) for variant in VARIANTS}

    def key(self, language: str, plan: Plan) -> str:
        """The key of a language's PDFs laid out to `plan` (the artifact "brochures")."""
        return brochure_key(self.measured[language], plan, language, self.dates[language])

    def html(self, language: str, variant: str, plan: Plan) -> str:
        return brochure_html(self.offers[language], self.codes[language], self.fonts,
                             self.qr_images[(language, variant)], self.images[(language, variant)], plan,
                             self.dates[language], variant)


def gather(offers: dict[str, Offer], dates: dict[str, datetime], fonts: dict[str, Path]) -> BrochureInputs:
    """The brochures' inputs (Jinja and images only: nothing is laid out here)."""
    codes = {language: plan_codes(offer) + [code for code in (home_code(offer),) if code is not None]
             for language, offer in offers.items()}
    images = {(language, variant): brochure_images(offer, variant, PROFILE)
              for language, offer in offers.items() for variant in VARIANTS}
    qr_images = {(language, variant): {code.link_id: svg(code, cmyk=variant == "print") for code in codes[language]}
                 for language in offers for variant in VARIANTS}
    fragments = {language: measuring_fragments(offer, codes[language], fonts, qr_images[(language, "office")],
                                               images[(language, "office")],
                                               " / ".join(brochure_name(language, v) for v in VARIANTS))
                 for language, offer in offers.items()}
    layout = layout_key(fonts)
    measured = {language: measure_key(offer, codes[language], fonts, layout) for language, offer in offers.items()}
    return BrochureInputs(offers, dates, fonts, codes, fragments, images, qr_images, measured, layout)


class Measures:
    """Step 1, measure: what each language's pieces measure at each size, from the cache
    (what the language's last build used) or laid out by the print processes; and the
    planner's view of them (render.measurement)."""

    def __init__(self, inputs: BrochureInputs, cache: Path | None, scratch: Path) -> None:
        self.inputs, self.scratch = inputs, scratch
        self.kept = {language: _read_measures(cache, self.name(language)) for language in inputs.offers}
        self.asked: tuple[set[float], set[float]] = (set(), set())  # body and title sizes measured or taken

    def name(self, language: str) -> str:
        """A language's measurements in the cache (the artifact "measures")."""
        return store.entry_name("measures", store.ARTIFACTS["measures"].key(layout=self.inputs.layout),
                                f"-{language}.json")

    def first_sizes(self) -> tuple[list[float], list[float]]:
        """The sizes to measure first: a guess from the text, or the size the last build chose."""
        fragments = self.inputs.fragments.values()
        hint = next((kept["size"] for kept in self.kept.values() if kept.get("size") is not None), None)
        return first_sizes(max(f.characters for f in fragments), max(f.blocks for f in fragments), hint,
                           max(f.codes for f in fragments))

    def start(self, sizes: list[float], titles: list[float], processes: Processes) -> tuple[list[str], Pending | None]:
        """Send what is not known yet at these sizes to the processes, every language at once."""
        self.asked[0].update(sizes)
        self.asked[1].update(titles)
        htmls = {language: measuring_html(fragments, sizes, titles, self.kept[language]["entries"])
                 for language, fragments in self.inputs.fragments.items()}
        languages = [language for language, html in htmls.items() if html is not None]
        jobs = [(htmls[language], self.inputs.fonts, self.scratch / f"scratch-{language}") for language in languages]
        return languages, (processes.run(measure_job, jobs) if jobs else None)

    def finish(self, sent: tuple[list[str], Pending | None], sizes: list[float],
               titles: list[float]) -> dict[str, Measurement]:
        """Wait for what `start` sent, keep it, and give the planner's view at these sizes."""
        languages, pending = sent
        began, pieces = time.perf_counter(), 0
        for language, found in zip(languages, pending.result() if pending is not None else []):
            new = keyed(self.inputs.fragments[language], found)
            self.kept[language]["entries"].update(new)
            pieces += len(new)
        record("brochures: measuring", began, time.perf_counter(), sizes=sizes, titles=titles, pieces=pieces)
        return self.at(sizes, titles)

    def at(self, sizes: list[float], titles: list[float]) -> dict[str, Measurement]:
        return {language: measurement(fragments, self.kept[language]["entries"], sizes, titles)
                for language, fragments in self.inputs.fragments.items()}

    def measure(self, sizes: list[float], titles: list[float], processes: Processes) -> dict[str, Measurement]:
        return self.finish(self.start(sizes, titles, processes), sizes, titles)

    def to_keep(self, plan: Plan) -> dict[str, bytes]:
        """Step 5's part: each language's measurements this build used, and the size it
        chose, as kept in the cache (the next build starts from them)."""
        kept = {}
        for language, fragments in self.inputs.fragments.items():
            entries = self.kept[language]["entries"]
            pieces = [*fragments.parts, "back", "back_white"]
            used = {fragments.key(piece, size) for size in self.asked[0] for piece in pieces}
            used |= {fragments.key("cover", size) for size in self.asked[1]} | {fragments.key("capacity", 0)}
            used |= {fragments.key("quote", size) for size in QUOTE_SIZES}
            kept[self.name(language)] = json.dumps(
                {"size": plan.size, "entries": {key: entries[key] for key in sorted(used & set(entries))}},
                ensure_ascii=False).encode("utf-8")
        return kept


def lay_out(inputs: BrochureInputs, plan: Plan, languages: list[str], processes: Processes,
            scratch: Path) -> dict[str, list[Written]]:
    """Step 3, lay out: each of `languages`' PDFs, by the processes. One process per
    core: a language's two PDFs in one process (they share its fonts and style sheets:
    measured, a cold build's four PDFs take a tenth less time so), or each in its own
    when one language alone is made (an edit: a third less). The HTML is written here:
    the processes only lay it out."""
    split = len(languages) < (os.cpu_count() or 1)
    groups = [(variant,) for variant in VARIANTS] if split else [VARIANTS]
    jobs = [({variant: inputs.html(language, variant, plan) for variant in variants}, inputs.fonts,
             scratch / f"scratch-{language}-{'-'.join(variants)}")
            for language in languages for variants in groups]
    with stage("brochures: layout and PDF", languages=languages, processes=len(jobs)):
        written = processes.run(render_job, jobs).result() if jobs else []
    return {language: written[index * len(groups):(index + 1) * len(groups)] for index, language in enumerate(languages)}


def finish(inputs: BrochureInputs, written: dict[str, list[Written]]) -> dict[str, dict[str, bytes]]:
    """Step 4, finish: each language's PDFs (variant → bytes), once every one is checked
    to fit its panels; raises BrochureOverflow (each language's problems told once: the
    variants are laid out alike)."""
    problems, pdfs = [], {}
    for language, made in written.items():
        label = " / ".join(inputs.names(language).values())
        failed = [problem for problem in (overflow_of(inputs.offers[language], label, one) for one in made)
                  if problem is not None]
        if failed:
            problems += failed[0].overflows
            continue
        pdfs[language] = {variant: data for one in made for variant, data in one.pdfs.items()}
    if problems:
        raise BrochureOverflow(problems)
    return pdfs


class PrintJob:
    """The fonts, QR files and brochures, made in a thread while MkDocs builds the site:
    the brochure pipeline, measure → plan → lay out → finish → store, over one
    BrochureInputs. What cannot be taken from the cache is laid out by the print
    processes (print_processes.py), which the caller owns; the job stops them early
    when it knows it needs them no more (every PDF in the cache)."""

    def __init__(self, offers: dict[str, Offer], characters: str, work: Path, fonts_home: Path,
                 cache: Path | None, *, dates: dict[str, datetime], processes: Processes) -> None:
        self.offers, self.characters, self.cache = offers, characters, cache
        self.dates = dates
        self.fonts_home = fonts_home
        self.fonts = work / "fonts"
        self.folder = work / FOLDER
        self.made: list[str] = []
        self.plan: Plan | None = None  # the panel plan, once chosen
        self.reused: list[str] = []
        self._processes = processes
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="offre-print", daemon=True)
        self._started: tuple[dict, BrochureInputs, Measures, tuple[list[float], list[float]], Any] | None = None
        self._finished = threading.Event()  # set as the thread's last step (see wait)

    def start(self) -> None:
        """Gather the inputs and send the first measurements to the processes (here:
        before MkDocs is imported, so they wait for nothing), then go on in a thread;
        `wait()` for the end, `cancel()` to stop."""
        processes = self._processes
        prepared = prepared_fonts(self.fonts_home, processes.map)  # made once per installation
        fonts = brochure_fonts(self.characters, self.fonts.parent / "brochure-fonts", prepared, self.cache,
                               run=processes.map)
        inputs = gather(self.offers, self.dates, fonts)
        measures = Measures(inputs, self.cache, self.fonts.parent)
        first = measures.first_sizes()
        self._started = (prepared, inputs, measures, first, measures.start(*first, processes))
        self._thread.start()

    def wait(self) -> None:
        """Block until everything is made; raise what went wrong (BrochureOverflow…).

        It waits on an event, not in Thread.join: Ctrl-C in Python 3.11's join marks the
        thread as ended while it still runs (threading.py, its bpo-45274 branch), and cancel() would then
        not wait for it before the work folder is removed under its feet."""
        self._finished.wait()
        self._thread.join()
        if self._error is not None:
            raise self._error

    def cancel(self) -> None:
        """Stop now (Ctrl-C, a failed build): the processes are stopped, the thread ends,
        and nothing more is written into the work folder."""
        self._processes.stop()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        try:
            self._make()
        except BaseException as error:  # handed to the caller by wait()
            self._error = error
        finally:
            try:
                self._processes.stop()  # nothing more to lay out
            finally:
                self._finished.set()

    def _make(self) -> None:
        # 1. Measure (the first sizes sent by start()): what the cache does not have is
        #    laid out by the processes, every language at once, while the web fonts and
        #    QR files are made.
        assert self._started is not None
        prepared, inputs, measures, first, sent = self._started
        processes = self._processes
        self.folder.mkdir(parents=True, exist_ok=True)
        began = time.perf_counter()
        web_fonts(self.characters, self.fonts, prepared, self.cache)
        write_code_files([code for language in self.offers for code in inputs.codes[language] if code.link_id != HOME],
                         self.folder)  # the kit's files: the links' codes (the back's code to the home is the site's own)

        # 2. Plan: one panel plan for every language, measuring more sizes if it needs them.
        plan = plan_for(measures.finish(sent, *first), lambda sizes, titles: measures.measure(sizes, titles, processes))
        record("brochures: plan", began, time.perf_counter(), size=plan.size)
        self.plan = plan

        # 3. Lay out what the cache does not have.
        keys = {language: inputs.key(language, plan) for language in self.offers}
        cached = {language: self._cached_brochures(keys[language], language) for language in self.offers}
        missing = [language for language, pdfs in cached.items() if pdfs is None]
        if not missing:
            processes.stop()  # every PDF from the cache: the processes are not needed any more
        written = lay_out(inputs, plan, missing, processes, self.folder.parent)

        # 4. Finish: checked, then written where the site lists them.
        made = finish(inputs, written)
        for language in self.offers:
            pdfs = cached[language] or made[language]
            for variant, name in inputs.names(language).items():
                (self.folder / name).write_bytes(pdfs[variant])
                (self.made if language in made else self.reused).append(name)

        # 5. Store: the measurements used and the PDFs made, for the next build.
        if self.cache is not None:
            for name, data in measures.to_keep(plan).items():
                store.keep(self.cache, name, data)
            for language, pdfs in made.items():
                for variant, data in pdfs.items():
                    store.keep(self.cache, _brochure_name(keys[language], language, variant), data)

    def _cached_brochures(self, key: str, language: str) -> dict[str, bytes] | None:
        """A language's PDFs (variant → bytes) as an earlier build made them under `key`;
        None unless every one is there and sealed whole (see store.py): a PDF cut short,
        another's, or not offre's is made again, never published."""
        found = {variant: store.take(self.cache, _brochure_name(key, language, variant)) for variant in VARIANTS}
        return found if all(data is not None for data in found.values()) else None  # type: ignore[return-value]


class SiteFiles:
    """What the site needs of the downloads, without laying out a brochure — the
    preview's first step after a save: the web fonts, the QR files, and the PDFs the
    last build left in `previous` (the site at the output folder; the brochure names
    never change with the content), served until the preview puts the new ones in their
    place. The same interface as PrintJob, so that one build core makes both."""

    def __init__(self, offers: dict[str, Offer], characters: str, work: Path, fonts_home: Path,
                 cache: Path | None, previous: Path) -> None:
        self.offers, self.characters, self.cache, self.previous = offers, characters, cache, previous
        self.fonts_home = fonts_home
        self.fonts = work / "fonts"
        self.folder = work / FOLDER
        self.made: list[str] = []  # no brochure is made here
        self.reused: list[str] = []
        self.plan: Plan | None = None

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        web_fonts(self.characters, self.fonts, prepared_fonts(self.fonts_home), self.cache)
        write_code_files([code for offer in self.offers.values() for code in plan_codes(offer)], self.folder)
        for download in planned(self.offers):
            last = self.previous / download.path
            if download.kind == "brochure" and last.is_file():
                (self.folder.parent / download.path).write_bytes(last.read_bytes())

    def wait(self) -> None:
        pass

    def cancel(self) -> None:
        pass


def _brochure_name(key: str, language: str, variant: str) -> str:
    return store.entry_name("brochures", key, f"-{language}-{variant}.pdf")


def _read_measures(cache: Path | None, name: str) -> dict[str, Any]:
    """The measurements kept under `name` (what the language's last build used) and the
    size it chose: {"size": …, "entries": {key: …}}; empty when not there or damaged
    (then measured again)."""
    empty: dict[str, Any] = {"size": None, "entries": {}}
    kept = store.take(cache, name)  # sealed: see store.py
    try:
        data = json.loads(kept.decode("utf-8")) if kept is not None else None
    except (ValueError, RecursionError):
        return empty
    if not isinstance(data, dict) or not isinstance(data.get("entries"), dict):
        return empty
    entries = {key: value for key, value in data["entries"].items() if _well_formed(value)}
    return {"size": data.get("size") if isinstance(data.get("size"), float) else None, "entries": entries}


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
