"""Stage 2c: the printable brochures (PDF/UA), one per language and variant."""

from .render import VARIANTS, BrochureOverflow, render_brochure

__all__ = ["VARIANTS", "BrochureOverflow", "render_brochure"]
