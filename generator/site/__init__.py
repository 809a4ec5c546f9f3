"""Stage 2a: the public website, built by MkDocs from Markdown pages rendered from the content."""

from .build import build_site

__all__ = ["build_site"]
