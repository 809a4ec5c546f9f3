"""Stage 2c: the printable brochures (PDF/UA), one per language and variant."""

from .render import TEMPLATES, VARIANTS, BrochureOverflow, render_brochures, too_much_text

__all__ = ["TEMPLATES", "VARIANTS", "BrochureOverflow", "render_brochures", "too_much_text"]
