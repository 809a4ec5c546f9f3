"""How the brochures were typeset: `make brochures`.

For each content set (the shipped one and the Outaouais example by default), builds
the brochures, then prints for each language the body size chosen, the spacing, each
panel's fill and the panel plan (which section goes on which panel); with `--images
DIR`, writes a rendering of every page of every PDF there (the README shows them).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # brochure_pages: the panels measured as the tests measure them

SETS = {"laurentides": ROOT / "content", "outaouais": ROOT / "examples" / "outaouais" / "content"}
PANELS = ("flap", "inside_1", "inside_2", "inside_3", "back")


def report(name: str, content: Path, images: Path | None, dpi: int, only: list[str]) -> None:
    from generator.build import build
    from generator.content import load_content

    with tempfile.TemporaryDirectory() as work:
        output = Path(work) / "out"
        result = build(content, output, print_only=True, no_cache=True)
        plan = result.plan
        offers = load_content(content)
        print(f"\n{name}: body {plan.size:g} pt (fill: share of the panel's height; band: its tallest empty band)")
        print("  " + " ".join(f"{panel:>9}" for panel in PANELS))
        from brochure_pages import panel_bands

        for language in offers:
            fills = plan.fills[language]
            bands = panel_bands(output / "downloads" / f"brochure-{language}-office.pdf")
            print(f"  {language}: " + " ".join(f"{fills.get(panel, 0.0):>8.0%}" for panel in PANELS)
                  + f"   body {plan.size_of(language):g} pt, cover title {plan.title_sizes.get(language, 0):g} pt")
            print("  band mm " + " ".join(f"{bands.get(panel, 0.0):>8.0f}" for panel in PANELS)
                  + f"   (largest {max(bands.values()):.0f} mm; at most 25)")
            print("  planned " + " ".join(f"{plan.bands.get(language, {}).get(panel, 0.0):>8.0f}" for panel in PANELS))
            print("  spacing " + " ".join(f"{plan.spacing[language].get(panel, 1.0):>8.2f}" for panel in PANELS))
            print("  between " + " ".join(f"{plan.section_spacing.get(language, {}).get(panel, 1.0):>8.2f}"
                                          for panel in PANELS))
        for panel in PANELS:
            pieces = ", ".join(piece.section + ("" if piece.start == 0 and piece.end is None
                                                 else f"[{piece.start}:{'' if piece.end is None else piece.end}]")
                               for piece in plan.panels.get(panel, ()))
            print(f"  {panel:>9}: {pieces}")
        if images is not None:
            import pypdfium2 as pdfium

            images.mkdir(parents=True, exist_ok=True)
            for pdf in sorted((output / "downloads").glob("*.pdf")):
                document = pdfium.PdfDocument(str(pdf))
                for number, page in enumerate(document, start=1):
                    stem = f"{name}-{pdf.stem.removeprefix('brochure-')}-{number}"
                    if not only or any(stem.startswith(prefix) for prefix in only):
                        page.render(scale=dpi / 72).to_pil().convert("RGB").quantize(64).save(images / f"{stem}.png", optimize=True)
                document.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=Path, help="folder for a PNG of every page")
    parser.add_argument("--dpi", type=int, default=40)
    parser.add_argument("--only", default="", help="comma-separated name prefixes of the pages to render")
    parser.add_argument("sets", nargs="*", default=list(SETS), help="content sets (names or folders)")
    arguments = parser.parse_args()
    for item in arguments.sets:
        content = SETS.get(item, Path(item))
        report(item if item in SETS else content.parent.name, content, arguments.images, arguments.dpi,
               [prefix for prefix in arguments.only.split(",") if prefix])


if __name__ == "__main__":
    main()
