"""Pages an earlier build made, used again when nothing they are made from changed.

At a hundred services the site has some 600 pages, and MkDocs makes each one whole:
its Markdown converted, then the theme's templates, whose menu lists every service,
rendered around it (8 s in all, longer than MkDocs alone would take, since `offre`
checks and lays out more). An edit to one summary changes two or three of them.

What a page's HTML is made from is known exactly: its own Markdown file (front matter
included) and where it goes, and what every page shares — the MkDocs config the build
writes (each language's menu and names, the dates, the public address), the other
files of the docs folder (the list of pages, the assets) and the tools: the generator's
code, the project's mkdocs.yml and docs/, the versions of MkDocs, Material and the
rest (`shared`, see site/build.py). A page's key is a hash of both. A page whose key
is in the cache is neither converted nor passed through the theme: it is given an
empty template, and its kept HTML is written in its place. Every other page is made
as usual and kept.

Pages are kept only once MkDocs has built the whole site without a warning: a page
that failed a strict build is made again next time, and fails again. A kept file that
cannot be read is made again. `--no-cache` reuses and keeps nothing. Nothing is held
in memory: each kept page is read when it is written, each page made is written to the
work folder until it is kept.

MkDocs offers no event to skip a page; these are its documented plugin events
(on_env, on_page_markdown, on_post_page) and the documented `template` key of a
page's metadata.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from ..files import read_or_none, write_whole

REUSED = "offre-reused-page.html"  # the empty template a reused page is rendered with
LAST = -200  # after every other plugin: they see the page as usual, this decides at the end


class PageCache:
    """An MkDocs plugin object (see site/build.py): reuses the pages of `folder`, and
    keeps the pages it makes there on `keep()` (written to `scratch` meanwhile: a site
    of 600 pages of 100 KB is not held in memory). `reused` and `made` count the pages
    (with no folder, every page is made, and counted)."""

    def __init__(self, folder: Path | None, shared: str = "", scratch: Path | None = None) -> None:
        self.folder = folder
        self.shared = shared
        self.scratch = scratch
        self.reused = 0
        self.made = 0
        self._found: dict[str, str] = {}  # output file → the key of the page kept for it
        self._keys: dict[str, str] = {}  # output file → its key, for pages being made

    def on_env(self, env: jinja2.Environment, config: Any, files: Any) -> jinja2.Environment:
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({REUSED: ""}), env.loader])
        return env

    @event_priority(LAST)
    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        if self.folder is None:
            return markdown
        key = self._key(page)
        if self._read(self._path(key)) is None:
            self._keys[page.file.abs_dest_path] = key
            return markdown
        self._found[page.file.abs_dest_path] = key
        page.meta["template"] = REUSED
        return ""  # nothing to convert: the page's HTML is already made

    @event_priority(LAST)
    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        found = self._found.pop(page.file.abs_dest_path, None)
        if found is not None:
            kept = self._read(self._path(found))  # read when written, not held since it was found
            if kept is None:
                raise PluginError(f"{self._path(found)} was removed during the build: build again")
            self.reused += 1
            return kept
        key = self._keys.pop(page.file.abs_dest_path, None)
        if key is not None and self.scratch is not None:
            self.scratch.mkdir(parents=True, exist_ok=True)
            (self.scratch / key).write_bytes(output.encode("utf-8", errors="surrogatepass"))
        self.made += 1
        return output

    def keep(self) -> None:
        """Keep the pages made (after a build without error; see the module's docstring)."""
        if self.folder is None or self.scratch is None or not self.scratch.is_dir():
            return
        for made in self.scratch.iterdir():
            kept = self._path(made.name)
            try:  # moved whole into place, when the cache is on the same disk
                kept.parent.mkdir(parents=True, exist_ok=True)
                os.replace(made, kept)
            except OSError:
                write_whole(kept, made.read_bytes(), best_effort=True)

    def _key(self, page: Any) -> str:
        digest = hashlib.sha256(f"{self.shared}\0{page.file.src_uri}\0{page.file.dest_uri}\0".encode())
        digest.update(Path(page.file.abs_src_path).read_bytes())
        return digest.hexdigest()

    @staticmethod
    def _read(path: Path) -> str | None:
        """The page kept there, or None when it is missing or damaged (made again)."""
        data = read_or_none(path)
        if not data:
            return None
        try:
            return data.decode("utf-8", errors="surrogatepass")
        except UnicodeDecodeError:
            return None

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.html"
