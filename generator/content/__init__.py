"""Stage 1 of the pipeline: read the YAML the communications team edits, check it, model it."""

from .loader import LANGUAGES, load_content
from .models import Offer
from .problems import ContentProblems, Problem

__all__ = ["LANGUAGES", "ContentProblems", "Offer", "Problem", "load_content"]
