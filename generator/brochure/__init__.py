"""Stage 2c: the printable brochures, one per language and variant (print: PDF/X-4,
office: PDF/UA-1): blocks.py says what they hold, render.py measures and lays them
out, plan.py decides what goes on which panel, finishing.py makes the PDFs final."""

from .images import brochure_images
from .plan import Measurement, Plan, from_json as measurement_from_json, to_json as measurement_to_json
from .render import (PROFILE, TEMPLATES, VARIANTS, BrochureOverflow, measure_brochure, plan_for, render_brochures,
                     sparse_panels, sparse_panels_by_language, too_much_text)

__all__ = ["PROFILE", "TEMPLATES", "VARIANTS", "BrochureOverflow", "Measurement", "Plan", "brochure_images",
           "measure_brochure", "measurement_from_json", "measurement_to_json", "plan_for", "render_brochures",
           "sparse_panels", "sparse_panels_by_language", "too_much_text"]
