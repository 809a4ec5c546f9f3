"""The browser editor: forms for the content files, French and English side by side.

It is Sveltia CMS (a Git-based editor made for static sites), shipped in `vendor/`
(see tools/cms/: installed from the npm registry at a pinned version, with its
licence), configured from the content models (config.py), and written as a folder of
static files (`write_editor`) that:
- `offre serve` serves at /admin/ beside the preview: the team picks its repository's
  folder in Chrome or Edge and the editor writes the YAML files there; the preview
  rebuilds on each save and shows here what a save broke;
- `offre build` publishes at /admin/ when organisation.yaml names a Git repository:
  the team signs in to GitHub or GitLab and saves there.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..content.models import Repository
from .config import UI_LANGUAGES, editor_config

VENDOR = Path(__file__).with_name("vendor")
TEMPLATES = Path(__file__).with_name("templates")
TITLES = {"fr": "Éditeur de l’offre de service", "en": "Service offer editor"}


@dataclass(frozen=True)
class Backend:
    """Where the editor reads and saves: Sveltia's backend block, the content folder
    relative to the repository's root, and the origins the editor may call."""

    settings: dict[str, Any]
    content_folder: str
    origins: tuple[str, ...]


def local_backend(content_folder: str, folder_name: str = "offre") -> Backend:
    """The preview's editor: the team's own folder, opened in the browser ("Work with
    Local Repository"). Sveltia still wants a Git host named; it is never called. The
    repository's name is its folder's, which the editor names when it asks for it."""
    return Backend({"name": "github", "repo": f"local/{folder_name}", "branch": "main"}, content_folder, ())


def repository_backend(repository: Repository) -> Backend:
    """The published site's editor: sign in to the team's GitHub or GitLab, save there."""
    settings: dict[str, Any] = {"name": repository.host, "repo": repository.name, "branch": repository.branch}
    if repository.host == "github":
        origins: tuple[str, ...] = ("https://api.github.com", "https://github.com", "https://www.githubstatus.com")
    else:
        server = (repository.server or "https://gitlab.com").rstrip("/")
        parts = urlsplit(server)
        origins = (f"{parts.scheme}://{parts.netloc}",)
        if repository.server:
            settings["base_url"] = server
            settings["api_root"] = f"{server}/api/v4"
    return Backend(settings, repository.folder.strip("/"), origins)


def write_editor(folder: Path, backend: Backend, *, status_script: str | None = None,
                 site_url: str | None = None) -> None:
    """Write the editor into `folder` (its /admin/): the CMS, its two configurations, its
    page and its service worker. `status_script`: the preview's script that says whether
    the last save built (offre serve only)."""
    shutil.copytree(VENDOR, folder, dirs_exist_ok=True)
    manifest = json.loads((VENDOR / "MANIFEST.json").read_text(encoding="utf-8"))
    version = manifest["packages"]["@sveltia/cms"]
    for ui in UI_LANGUAGES:
        config = editor_config(ui, backend.settings, backend.content_folder, site_url)
        (folder / f"config-{ui}.yml").write_text(
            "# Made by offre from the content models: edit generator/content/models.py, not this file.\n"
            + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    settings = {"titles": TITLES, "status": status_script}
    page = (TEMPLATES / "index.html").read_text(encoding="utf-8")
    (folder / "index.html").write_text(page.replace("__SETTINGS__", _script_json(settings)), encoding="utf-8")
    locales = sorted(path.stem for path in (VENDOR / "locales").glob("*.json"))
    worker = (TEMPLATES / "sw.js").read_text(encoding="utf-8")
    for name, value in (("__ALLOWED_ORIGINS__", list(backend.origins)), ("__VERSION__", version),
                        ("__LOCALES__", locales)):
        worker = worker.replace(name, _script_json(value))
    (folder / "sw.js").write_text(worker, encoding="utf-8")
    (folder / "version.json").write_text(json.dumps({"name": "@sveltia/cms", "version": version}) + "\n",
                                         encoding="utf-8")
    (folder / "githubstatus.json").write_text(json.dumps({"status": {"indicator": "none"}}) + "\n", encoding="utf-8")


def _script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element: no `</script>` can close it."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace(
        "&", "\\u0026")
