"""Stage 2c: the printable brochures, one per language and variant (print: PDF/X-4,
office: PDF/UA-1): blocks.py says what they hold, render.py measures and lays them
out, plan.py decides what goes on which panel (and which sizes are worth measuring),
finishing.py makes the PDFs final."""

from .images import brochure_images
from .plan import Measurement, Plan, first_sizes
from .render import (PROFILE, TEMPLATES, VARIANTS, BrochureOverflow, Fragments, measure_fragments, measurement,
                     measuring_fragments, missing_measures, plan_for, render_brochures, sparse_panels,
                     sparse_panels_by_language, too_much_text)

__all__ = ["PROFILE", "TEMPLATES", "VARIANTS", "BrochureOverflow", "Fragments", "Measurement", "Plan",
           "brochure_images", "first_sizes", "measure_fragments", "measurement", "measuring_fragments",
           "missing_measures", "plan_for", "render_brochures", "sparse_panels", "sparse_panels_by_language",
           "too_much_text"]
