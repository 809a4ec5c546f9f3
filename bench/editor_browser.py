"""Driving the browser editor (Sveltia CMS at /admin/) as a communications officer does.

The officer clicks "Travailler avec le dépôt local" and picks the repository's folder
in Chrome's directory picker. A test cannot click through a system dialog, so the
picker is replaced by a folder of the browser's Origin Private File System holding a
copy of the repository (the issue's way): the editor reads and writes it through the
same File System Access API. What it wrote is then copied back to the disk, where the
preview sees it as it would see the officer's own save.
"""

from __future__ import annotations

import base64
import re
import time
from pathlib import Path
from typing import Any

# Before any page script: the directory picker answers with the private folder "repo".
PICKER = ("window.showDirectoryPicker = async () => "
          "(await navigator.storage.getDirectory()).getDirectoryHandle('repo');")

_WRITE = """async (files) => {
  const root = await navigator.storage.getDirectory();
  try { await root.removeEntry('repo', { recursive: true }); } catch (error) {}
  const repo = await root.getDirectoryHandle('repo', { create: true });
  for (const [path, data] of Object.entries(files)) {
    const parts = path.split('/');
    let folder = repo;
    for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part, { create: true });
    const handle = await folder.getFileHandle(parts.at(-1), { create: true });
    const out = await handle.createWritable();
    await out.write(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
    await out.close();
  }
}"""

_READ = """async () => {
  const found = {};
  const walk = async (folder, prefix) => {
    for await (const [name, handle] of folder.entries()) {
      if (handle.kind === 'directory') await walk(handle, prefix + name + '/');
      else {
        try { found[prefix + name] = await (await handle.getFile()).text(); }
        catch (error) { found[prefix + name] = null; }  // being written this very moment
      }
    }
  };
  await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle('repo'), '');
  return found;
}"""

# Marks the first field of a language's pane that holds `value` (or, with none, the
# first text the officer can change), so a locator can fill it as a person
# types (input events and all).
_MARK = r"""([locale, value, mark]) => {
  for (const old of document.querySelectorAll(`[data-test="${mark}"]`)) old.removeAttribute('data-test');
  const fields = [...document.querySelectorAll(`[data-locale="${locale}"] input[type="text"], `
    + `[data-locale="${locale}"] textarea, [data-locale="${locale}"] input:not([type])`)];
  // With no value: the first text of several words (never an id nor an address, whose
  // patterns a change would break), a paragraph first.
  const prose = (field) => /\s/.test(field.value.trim()) && !field.readOnly;
  const found = value === null
    ? fields.find((field) => field.tagName === 'TEXTAREA' && prose(field)) || fields.find(prose)
    : fields.find((field) => field.value === value);
  if (!found) return null;
  found.setAttribute('data-test', mark);
  return found.value;
}"""


# Scrolls a language's pane down by most of its height; says how far it is scrolled
# and how many fields are drawn (both unchanged: the form's end).
_SCROLL = """(locale) => {
  const pane = document.querySelector(`[data-locale="${locale}"]`);
  const scrolls = (node) => node.scrollHeight > node.clientHeight + 2 && /(auto|scroll)/.test(getComputedStyle(node).overflowY);
  const box = pane && [...pane.querySelectorAll('div')].find(scrolls);
  if (box) box.scrollTop += Math.max(200, box.clientHeight * 0.8);
  const fields = pane ? pane.querySelectorAll('input, textarea').length : 0;
  return `${fields}:${box ? Math.round(box.scrollTop) : -1}`;
}"""


def repository_files(content: Path, folder: str = "content") -> dict[str, str]:
    """A repository holding `content` at `folder/`: path → base64 bytes (with a .git,
    which the editor looks for to accept a folder as a repository)."""
    files = {f"{folder}/{path.relative_to(content).as_posix()}": base64.b64encode(path.read_bytes()).decode()
             for path in sorted(content.rglob("*")) if path.is_file()}
    files[".git/HEAD"] = base64.b64encode(b"ref: refs/heads/main\n").decode()
    return files


def open_editor(page: Any, admin_url: str, files: dict[str, str]) -> None:
    """Open /admin/ with `files` as the picked folder, and enter the content's list."""
    page.goto(admin_url)
    page.evaluate(_WRITE, files)
    page.get_by_role("button", name=re.compile("dépôt local|local repository", re.I)).click()
    page.wait_for_url(re.compile("#/collections"), timeout=30_000)


def open_file(page: Any, label: str) -> None:
    """Open one content file's form (French and English side by side)."""
    page.get_by_text(label, exact=True).first.click()
    page.locator('[data-locale="fr"]').first.wait_for(timeout=30_000)
    page.locator('[data-locale="en"]').first.wait_for(timeout=30_000)
    page.wait_for_timeout(300)  # the form's fields settle


def back_to_files(page: Any) -> None:
    """Back to the list of content files (the address changes, the page stays: the
    picked folder stays open)."""
    page.evaluate("() => { location.hash = '#/collections/offre'; }")
    page.locator('[data-locale="fr"]').first.wait_for(state="detached", timeout=30_000)


def field(page: Any, locale: str, value: str | None, mark: str = "target") -> Any:
    """The field of `locale`'s pane that holds `value` (None: the first text of several
    words the officer can change), or None when there is none. The editor draws a long
    form as it is scrolled: the pane is scrolled down until the field shows or the
    form ends."""
    seen, still = -1, 0
    for _ in range(300):
        if page.evaluate(_MARK, [locale, value, mark]) is not None:
            locator = page.locator(f'[data-test="{mark}"]')
            locator.scroll_into_view_if_needed()
            return locator
        count = page.evaluate(_SCROLL, locale)
        still = still + 1 if count == seen else 0
        if still >= 5:  # nothing more drawn for a second: the form's end
            return None
        seen = count
        page.wait_for_timeout(200)
    return None


def choose(page: Any, locale: str, option: str) -> None:
    """Pick `option` in the first group of choices of a language's pane that offers it
    (a link chosen by its label, a day…), scrolling the form until it is drawn."""
    choice = page.locator(f'[data-locale="{locale}"]').get_by_role("radio", name=option, exact=True).first
    for _ in range(100):
        if choice.count():
            choice.scroll_into_view_if_needed()
            choice.check()
            return
        page.evaluate(_SCROLL, locale)
        page.wait_for_timeout(200)
    raise AssertionError(f"no choice {option!r} in the {locale} pane")


def add_item(page: Any, locale: str, singular: str) -> None:
    """Click "Ajouter <singular>" ("Add <singular>") in a language's pane."""
    button = page.locator(f'[data-locale="{locale}"]').get_by_role(
        "button", name=re.compile(r"(Ajouter|Add)\W+" + re.escape(singular) + r"\W*$"))
    button.first.click()


def save(page: Any) -> None:
    page.get_by_role("button", name=re.compile(r"^(Enregistrer|Save)$")).click()


def read_repository(page: Any) -> dict[str, str]:
    """The picked folder's text files as the editor left them: path → text."""
    return page.evaluate(_READ)


def wait_for_file(page: Any, path: str, predicate, timeout: float = 30.0) -> str:
    """The file's text once `predicate(text)` holds (the editor writes after a moment)."""
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = read_repository(page).get(path) or ""
        if predicate(text):
            return text
        page.wait_for_timeout(200)
    raise AssertionError(f"{path} never became as expected; it reads:\n{text}")


def copy_back(page: Any, target: Path, folder: str = "content") -> list[Path]:
    """Write the picked folder's content files to `target` (the repository's content on
    disk) as the officer's own save would have; return the files that changed."""
    changed = []
    files = read_repository(page)
    while None in files.values():  # a save is still being written
        page.wait_for_timeout(200)
        files = read_repository(page)
    for path, text in files.items():
        if not path.startswith(folder + "/") or not path.endswith(".yaml"):
            continue
        destination = target / path.removeprefix(folder + "/")
        if not destination.exists() or destination.read_text(encoding="utf-8") != text:
            destination.write_text(text, encoding="utf-8")
            changed.append(destination)
    return changed
