"""Pages an earlier build made, used again when nothing they are made from changed.

At a hundred services the site has some 600 pages, and MkDocs makes each one whole:
its Markdown converted, then the theme's templates, whose menu lists every service,
rendered around it: 6 to 8 s, as long as MkDocs alone, for an edit to one summary that
changes two of them.

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
that failed a strict build is made again next time, and fails again. Each kept file
is sealed with the hash of its name and the HTML it holds (store.py): one damaged,
cut short, emptied or another page's is made again, and so is one that cannot be read
or written (a cache only costs time). A page
found is linked into the work folder at once, so a cache deleted during the build does
not take it away. Nothing is held in memory: a page made is written to the work folder
until it is kept. A page taken is marked as used: pages no build has used for a week
are removed (see store.py). `--no-cache` reuses and keeps nothing.

MkDocs offers no event to skip a page; these are its documented plugin events
(on_env, on_page_markdown, on_post_page) and the documented `template` key of a
page's metadata.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.plugins import event_priority

from .. import store

REUSED = "offre-reused-page.html"  # the empty template a reused page is rendered with
LAST = -200  # after every other plugin: they see the page as usual, this decides at the end
OWN_METADATA = ("description", "paths")  # front matter only its own page shows (see pages.py)
# What a language's entry in the i18n settings gives its own build only (mkdocs-static-i18n
# sets them for that language's build, then puts them back): the other language's pages
# see its name and link in the language switch, not these.
OWN_SETTINGS = ("nav", "extra", "site_name", "site_description")


def shared_keys(tools: str, config: dict[str, Any], docs: Path) -> dict[str, str]:
    """For each language, the hash of what its pages are made from besides their own
    Markdown file: the tools (build.tools_key); the MkDocs config but for the work
    folder's paths and, of the other languages, what only their own pages show (their
    menus, names, dates: OWN_SETTINGS); the names of the docs folder's files (the pages
    the links and the language switch point to) and the bytes of all but the pages; and
    what the language's pages' front matter says that the theme may show on other pages
    (their titles in the menus: all of it but OWN_METADATA). So an edit in one language
    makes again none of the other language's pages."""
    languages = [entry["locale"] for entry in config["plugins"]["i18n"]["languages"]]
    files: list[tuple[str, bytes | None]] = []  # every file's name, and the bytes of all but the pages
    shown: dict[str, list[tuple[str, list[str]]]] = {language: [] for language in languages}
    for path in sorted(docs.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix != ".md":
            files.append((path.relative_to(docs).as_posix(), path.read_bytes()))
            continue
        files.append((path.relative_to(docs).as_posix(), None))
        lines = [line for line in _front_matter(path.read_text(encoding="utf-8"))
                 if not line.startswith(tuple(f"{name}:" for name in OWN_METADATA))]
        own = [language for language in languages if path.name.endswith(f".{language}.md")]
        for language in own or languages:  # a page of no language is everyone's
            shown[language].append((path.name, lines))
    files_key = store.key(files)
    keys = {}
    for language in languages:
        settings = {name: value for name, value in config.items() if name not in ("docs_dir", "site_dir")}
        i18n = config["plugins"]["i18n"]
        settings["plugins"] = {**config["plugins"], "i18n": {**i18n, "languages": [
            entry if entry["locale"] == language else {k: v for k, v in entry.items() if k not in OWN_SETTINGS}
            for entry in i18n["languages"]]}}
        keys[language] = store.ARTIFACTS["page-shared"].key(tools=tools, language=language, docs_files=files_key,
                                                            shown=shown[language], settings=settings)
    return keys


def _front_matter(markdown: str) -> list[str]:
    """The lines between a page's two `---` (pages.py writes one `name: JSON value` each)."""
    lines = markdown.split("\n")
    if not lines or lines[0] != "---":
        return []
    end = lines.index("---", 1) if "---" in lines[1:] else len(lines)
    return lines[1:end]


class PageCache:
    """An MkDocs plugin object (see site/build.py): reuses the pages of `folder`, and
    keeps the pages it makes there on `keep()`. `scratch`: a folder of the build's own,
    for the pages found and made meanwhile. `reused` and `made` count the pages (with no
    folder, every page is made, and counted)."""

    def __init__(self, folder: Path | None, shared: dict[str, str] | None = None, scratch: Path | None = None) -> None:
        if folder is not None and (not shared or scratch is None):
            raise ValueError("a page cache needs the shared keys and a scratch folder")
        self.folder = folder
        self.shared = shared or {}  # language → its pages' shared key (see shared_keys)
        self.scratch = scratch
        self.reused = 0
        self.made = 0
        self._found: dict[str, Path] = {}  # output file → the kept page, linked into scratch
        self._keys: dict[str, str] = {}  # output file → its key, for pages being made

    def on_env(self, env: jinja2.Environment, config: Any, files: Any) -> jinja2.Environment:
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({REUSED: ""}), env.loader])  # type: ignore[list-item]
        return env

    @event_priority(LAST)
    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        if self.folder is None:
            return markdown
        key = self._key(page)
        found = self._take(key) if key is not None else None
        if found is None:
            if key is not None:
                self._keys[page.file.abs_dest_path] = key
            return markdown
        self._found[page.file.abs_dest_path] = found
        page.meta["template"] = REUSED
        return ""  # nothing to convert: the page's HTML is already made

    @event_priority(LAST)
    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        if page.file.abs_dest_path in self._found:
            page.present_anchor_ids = None  # not known, not empty: links to its anchors are not checked
        return html

    @event_priority(LAST)
    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        found = self._found.pop(page.file.abs_dest_path, None)
        if found is not None:
            self.reused += 1
            return found.read_bytes()[store.SEAL_LENGTH:].decode("utf-8", errors="surrogatepass")  # checked when found
        self.made += 1
        key = self._keys.pop(page.file.abs_dest_path, None)
        if key is not None and self.scratch is not None:
            try:
                (self.scratch / "made").mkdir(parents=True, exist_ok=True)
                (self.scratch / "made" / key).write_bytes(
                    store.seal(self._name(key), output.encode("utf-8", errors="surrogatepass")))
            except OSError:
                pass  # not kept: made again next time
        return output

    def keep(self) -> None:
        """Keep the pages made (after a build without error; see the module's docstring)."""
        if self.folder is None or self.scratch is None:
            return
        made = self.scratch / "made"
        for page in sorted(made.iterdir()) if made.is_dir() else []:
            store.keep_sealed(self.folder.parent, self._name(page.name), page)  # moved whole into place

    def _key(self, page: Any) -> str | None:
        """Its language's shared key, where the page goes and its Markdown file's bytes
        (pages.py names each file after its language: `services/psoc.fr.md`). None for a
        page of no language: made every time."""
        source = Path(page.file.abs_src_path)
        language = source.name.removesuffix(".md").rpartition(".")[2]
        if language not in self.shared:
            return None
        return store.ARTIFACTS["pages"].key(shared=self.shared[language], source=page.file.src_uri,
                                            destination=page.file.dest_uri, markdown=source)

    def _take(self, key: str) -> Path | None:
        """The page kept under `key`, linked (or copied) into the scratch folder and
        checked there; None when there is none, or it is damaged or cannot be read."""
        assert self.scratch is not None and self.folder is not None
        kept, taken = store.path_of(self.folder.parent, self._name(key)), self.scratch / "found" / key
        if kept is None:
            return None
        try:
            taken.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(kept, taken, follow_symlinks=False)  # a link stays a link: refused below
            except OSError:
                shutil.copyfile(kept, taken, follow_symlinks=False)
        except OSError:
            return None
        data = store.read_regular(taken)
        html = store.unseal(self._name(key), data) if data is not None else None
        if html is None or not html.strip():
            return None  # damaged, another page's, or not offre's: made again
        store.mark_used(kept)
        return taken

    def _name(self, key: str) -> str:
        """The page's name in the cache (and in its seal: a page kept under another's key
        does not match it)."""
        assert self.folder is not None
        return f"{self.folder.name}/{key[:2]}/{key}.html"
