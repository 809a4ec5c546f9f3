"""The files people download: brochures (PDF) and QR codes (SVG, PNG), in both languages.

Made before the website, because the site lists them (with their sizes) on the
communications team's page and links each page to its language's brochure.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .brochure import VARIANTS, render_brochure
from .content import Offer
from .qr import QrCode, plan_codes, write_code_files

FOLDER = "downloads"


@dataclass(frozen=True)
class Download:
    """One downloadable file, as the site lists it."""

    path: str  # relative to the site's root: "downloads/brochure-fr-office.pdf"
    kind: str  # "brochure" or "qr"
    language: str
    size: int
    variant: str | None = None  # brochures: "print" or "office"
    code: QrCode | None = None  # QR files: what they encode


def brochure_name(language: str, variant: str) -> str:
    return f"brochure-{language}-{variant}.pdf"


def public_brochure(language: str) -> str:
    """The brochure the website offers to everyone: the one any printer prints."""
    return f"{FOLDER}/{brochure_name(language, 'office')}"


def make_downloads(offers: dict[str, Offer], fonts: dict[str, Path], folder: Path) -> list[Download]:
    """Write every QR file and brochure into `folder`; raises BrochureOverflow."""
    folder.mkdir(parents=True, exist_ok=True)
    made: list[Download] = []
    for language, offer in offers.items():
        codes = plan_codes(offer)
        for path in write_code_files(codes, folder):
            code = next(c for c in codes if path.stem == c.stem)
            made.append(Download(f"{FOLDER}/{path.name}", "qr", language, path.stat().st_size, code=code))
        for variant in VARIANTS:
            name = brochure_name(language, variant)
            pdf = render_brochure(offer, variant, codes, fonts, folder, name)
            (folder / name).write_bytes(pdf)
            made.append(Download(f"{FOLDER}/{name}", "brochure", language, len(pdf), variant=variant))
    return made


def all_codes(offers: dict[str, Offer]) -> list[QrCode]:
    return [code for offer in offers.values() for code in plan_codes(offer)]
