"""Stage 2a: the public website, built by MkDocs from Markdown pages rendered from the content."""

from .build import SiteBuildError, build_site, public_root, theme_folder

__all__ = ["SiteBuildError", "build_site", "public_root", "theme_folder"]
