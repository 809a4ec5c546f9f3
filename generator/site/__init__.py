"""Stage 2a: the public website, built by MkDocs from Markdown pages rendered from the content.

build.py builds it; this package imports nothing else, so that a build can send the
brochures' measurements to the print processes before it imports MkDocs."""


class SiteBuildError(Exception):
    """MkDocs refused the generated site (a bug or a broken theme override, not content)."""
