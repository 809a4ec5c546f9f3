"""`offre serve`: a live preview for the communications team.

The site is built, served on 127.0.0.1, and rebuilt whenever a file of the content
(or of the site's templates) changes. Content problems are printed in the terminal
and shown at the foot of every open page (and of the editor) while the last good site
stays served; open pages reload themselves after a good rebuild. Polling a few dozen
files twice a second is all the watching this needs.

The browser editor is served at /admin/ (generator/editor/): it writes the content
files in the team's own folder, and the watching above rebuilds the preview.
"""

from __future__ import annotations

import errno
import functools
import html
import json
import os
import shutil
import sys
import threading
import time
import urllib.parse
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .brochure.render import BrochureOverflow
from .build import Project, build
from .content import ContentProblems
from .content.problems import display_path
from .editor import local_backend, write_editor
from .oserrors import ENVIRONMENT, EnvironmentProblem, reason
from .strings import message_language
from .workspace import work_folder

STATUS_PATH = "/.offre-status"
STATUS_SCRIPT = "/.offre-status.js"  # preview_status.js: says it in the pages and the editor
EDITOR_PATH = "/admin/"
# Added to every page of the preview: reload after a good rebuild, show what is wrong
# after a bad one.
RELOAD_TAG = f'<script src="{STATUS_SCRIPT}" data-reload></script>'

TEXT = {
    "fr": {
        "serving": "Aperçu : http://127.0.0.1:{port}/  (Ctrl+C pour arrêter)",
        "rebuilt": "Site reconstruit ({seconds:.1f} s).",
        "kept": "Le dernier site valide reste affiché.",
        "busy": "offre: le port {port} est déjà utilisé — choisissez-en un autre avec --port",
        "no_port": "offre: le port {port} ne peut pas être ouvert ({reason})",
        "internal": "offre: erreur interne pendant la construction ({error})",
        "stopped": "Aperçu arrêté.",
        "problems": "Le contenu ne respecte pas une règle; l’aperçu montre encore le dernier site valide\u00a0:",
        "warnings": "À vérifier ({count})",
        "warnings_note": "Rien de ceci n’empêche la publication, mais chaque point mérite une correction\u00a0:",
        "warning": "avertissement\u00a0: ",
        "editor": "Éditeur : http://127.0.0.1:{port}/admin/  (Chrome ou Edge)",
        "no_editor": "L’éditeur (/admin/) a besoin que le dossier de contenu soit dans un dépôt Git; {folder} n’y est pas",
    },
    "en": {
        "serving": "Preview: http://127.0.0.1:{port}/  (Ctrl+C to stop)",
        "rebuilt": "Site rebuilt ({seconds:.1f} s).",
        "kept": "The last good site is still served.",
        "busy": "offre: port {port} is already in use — choose another one with --port",
        "no_port": "offre: port {port} cannot be opened ({reason})",
        "internal": "offre: internal error while building ({error})",
        "stopped": "Preview stopped.",
        "problems": "The content breaks a rule; the preview still shows the last good site:",
        "warnings": "To check ({count})",
        "warnings_note": "None of this stops publishing, but each point deserves a fix:",
        "warning": "warning: ",
        "editor": "Editor: http://127.0.0.1:{port}/admin/  (Chrome or Edge)",
        "no_editor": "The editor (/admin/) needs the content folder to be in a Git repository; {folder} is not",
    },
}


class _State:
    """What the server and the watcher share: the build counter, what is wrong with the
    content since the last good build (nothing when it built), and what the last good
    build warned of (a translation behind, a link with no address: worth a look, never
    in the way)."""

    def __init__(self) -> None:
        self.version = 0
        self.problems: list[str] = []
        self.warnings: list[tuple[str, str]] = []  # (place, message)


class _Handler(SimpleHTTPRequestHandler):
    state: _State
    editor: Path  # the editor's folder, served at /admin/
    status_script: bytes  # preview_status.js, its title in the team's language

    def translate_path(self, path: str) -> str:
        """The preview's files, and the editor's under /admin/ (`..` cannot climb out of
        either: http.server drops it)."""
        if path.split("?", 1)[0].split("#", 1)[0].startswith(EDITOR_PATH):
            inside = super().translate_path("/" + path[len(EDITOR_PATH):])
            return str(self.editor / Path(inside).relative_to(self.directory))
        return super().translate_path(path)

    def do_HEAD(self) -> None:  # noqa: N802 (http.server's naming)
        self._answer(head=True)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._answer(head=False)

    def _answer(self, *, head: bool) -> None:
        """GET, and HEAD alike (the headers alone). Only for the preview's own names
        (127.0.0.1 or localhost, at its port): a page elsewhere that made its name point
        here (DNS rebinding) must not read the status, which holds local paths."""
        if not self._own_host():
            self.send_error(403)
            return
        if not self._safe_path():
            return
        path = urllib.parse.urlsplit(self.path).path  # the query and fragment mean nothing here
        if path == STATUS_PATH:
            status = {"version": self.state.version, "problems": self.state.problems,
                      "warnings": [place + message for place, message in self.state.warnings]}
            self._send(json.dumps(status, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8",
                       head=head)
            return
        if path == STATUS_SCRIPT:
            self._send(self.status_script, "text/javascript; charset=utf-8", head=head)
            return
        if path == EDITOR_PATH.rstrip("/"):  # /admin: the editor's address, as people type it
            query = urllib.parse.urlsplit(self.path).query
            self.send_response(301)
            self.send_header("Location", EDITOR_PATH + (f"?{query}" if query else ""))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        file = Path(self.translate_path(self.path))
        if file.is_dir():
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file() and not path.startswith(EDITOR_PATH):
            body = file.read_bytes().replace(b"</body>", RELOAD_TAG.encode() + b"</body>", 1)
            self._send(body, "text/html; charset=utf-8", head=head)
            return
        if head:
            super().do_HEAD()
        else:
            super().do_GET()

    def _own_host(self) -> bool:
        port = self.server.server_address[1]
        return self.headers.get("Host", "") in (f"127.0.0.1:{port}", f"localhost:{port}")

    def _safe_path(self) -> bool:
        """Refuse what no file name holds (%00 and other control characters): 400."""
        decoded = urllib.parse.unquote(self.path.split("?", 1)[0].split("#", 1)[0], errors="replace")
        if any(ord(character) < 32 or character == "\x7f" for character in decoded):
            self.send_error(400)
            return False
        return True

    def _send(self, body: bytes, content_type: str, *, head: bool = False) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # quiet: the terminal is for problems
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that goes away mid-answer is not news; nor is one bad request
        worth a traceback in the team's terminal."""


def _snapshot(folders: list[Path]) -> dict[Path, tuple[int, int]]:
    """Each watched file's time and size; links to folders are not followed (a loop of
    links must not hang the preview), and what cannot be read is simply left out:
    the build says what is wrong with it."""
    state = {}
    for folder in folders:
        paths = [folder]
        if folder.is_dir():
            paths = [Path(root) / name for root, _, names in os.walk(folder) for name in names]
        for path in paths:
            try:
                stat = path.stat()
            except (OSError, ValueError):
                continue
            state[path] = (stat.st_mtime_ns, stat.st_size)
    return state


def _rebuild(content: Path, output: Path, state: _State, text: dict[str, str]) -> None:
    started = time.monotonic()
    try:
        result = build(content, output, parallel=False, draft=None)  # no fork (the server runs); a starter: a draft
    except ContentProblems as problems:
        _keep(state, [str(problem) for problem in problems.problems], text)
        return
    except BrochureOverflow as overflow:
        _keep(state, list(overflow.messages()), text)
        return
    except OSError as error:
        _keep(state, [f"offre: {EnvironmentProblem(error).message()}"], text)
        return
    except Exception as error:  # a preview must survive anything; say it and go on
        _keep(state, [text["internal"].format(error=f"{type(error).__name__}: {error}")], text)
        return
    warnings = result.said_warnings()
    if warnings != state.warnings:  # said once in the terminal, not after every save
        for place, message in warnings:
            print(f"{place}{text['warning']}{message}", file=sys.stderr)
    state.problems, state.warnings = [], warnings
    state.version += 1
    print(text["rebuilt"].format(seconds=time.monotonic() - started), flush=True)


def _keep(state: _State, problems: list[str], text: dict[str, str]) -> None:
    """Say what is wrong, in the terminal and in the open pages; keep the last good site."""
    for line in problems:
        print(line, file=sys.stderr)
    print(text["kept"], file=sys.stderr, flush=True)
    state.problems = problems
    state.warnings = []  # the content was not read through: nothing to say of it yet


def _repository_folder(content: Path) -> tuple[Path, str] | None:
    """The Git repository holding the content (its root, as the editor's folder picker
    must be given it) and the content's path inside it; None when not in one."""
    content = content.resolve()
    for folder in (content, *content.parents):
        if (folder / ".git").exists():
            return folder, content.relative_to(folder).as_posix() or "."
    return None


def _prepare_editor(folder: Path, content: Path, port: int, text: dict[str, str]) -> None:
    """The editor, set up for the content's repository; else a page that says why not."""
    found = _repository_folder(content)
    if found is None:
        folder.mkdir(parents=True, exist_ok=True)
        message = text["no_editor"].format(folder=display_path(content))  # escaped: a newline stays \u000a
        print(message, file=sys.stderr, flush=True)
        page = ("<!doctype html><html lang=\"fr\"><meta charset=\"utf-8\"><title>offre</title>"
                f"<p>{html.escape(TEXT['fr']['no_editor'].format(folder=content))}</p>"
                f"<p lang=\"en\">{html.escape(TEXT['en']['no_editor'].format(folder=content))}</p></html>")
        (folder / "index.html").write_text(page, encoding="utf-8")
        return
    write_editor(folder, local_backend(found[1], found[0].name), status_script=STATUS_SCRIPT,
                 site_url=f"http://127.0.0.1:{port}/")


def serve(content: Path, output: Path | None, port: int, *, interval: float = 0.5) -> int:
    """Serve until stopped; the temporary folder the preview was built in goes with it
    (and one left by a killed preview is removed by the next)."""
    text = TEXT[message_language()]
    project = Project.find()
    watched = [content, project.root / "docs", project.root / "mkdocs.yml", Path(__file__).parent / "site" / "templates"]
    repository = _repository_folder(content)
    if repository is not None:  # a commit changes which translations are behind: say it at once
        watched.append(repository[0] / ".git" / "logs" / "HEAD")
    state = _State()
    temporary = work_folder(None, "serve")  # the editor, and the site unless --output says where
    output = output or temporary / "site"
    words = {"problems": text["problems"], "warnings": text["warnings"], "warnings_note": text["warnings_note"]}
    script = (Path(__file__).with_name("preview_status.js").read_text(encoding="utf-8")
              .replace("__WORDS__", json.dumps(words, ensure_ascii=False).replace("<", "\\u003c"))).encode("utf-8")
    handler = type("Handler", (_Handler,), {"state": state, "editor": temporary / "editor", "status_script": script})
    try:
        try:
            server = _Server(("127.0.0.1", port), functools.partial(handler, directory=str(output)))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                print(text["busy"].format(port=port), file=sys.stderr)
            else:
                print(text["no_port"].format(port=port, reason=reason(error)[message_language()]), file=sys.stderr)
            return ENVIRONMENT
        try:
            seen = _snapshot(watched)  # before building: an edit made meanwhile is seen below
            _prepare_editor(temporary / "editor", content, port, text)
            _rebuild(content, output, state, text)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            print(text["serving"].format(port=port), flush=True)
            print(text["editor"].format(port=port), flush=True)
            while True:
                time.sleep(interval)
                now = _snapshot(watched)
                if now != seen:
                    seen = now
                    _rebuild(content, output, state, text)
        except KeyboardInterrupt:  # how a preview is meant to end
            print(text["stopped"], flush=True)
            return 130
        finally:
            server.shutdown()
            server.server_close()
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
