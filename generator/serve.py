"""`offre serve`: a live preview for the communications team.

The site is built, served on 127.0.0.1, and rebuilt whenever a file of the content
(or of the site's templates) changes. Content problems are printed in the terminal
while the last good site stays served; open pages reload themselves after a good
rebuild. Polling a few dozen files twice a second is all the watching this needs.
"""

from __future__ import annotations

import errno
import functools
import os
import shutil
import sys
import threading
import time
import urllib.parse
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .brochure import BrochureOverflow
from .build import Project, build
from .content import ContentProblems
from .oserrors import ENVIRONMENT, EnvironmentProblem, reason
from .strings import message_language
from .workspace import work_folder

RELOAD_PATH = "/.offre-reload"
RELOAD_SCRIPT = (
    "<script>(function(){var v=null;setInterval(function(){fetch('%s').then(function(r){return r.text()})"
    ".then(function(t){if(v!==null&&t!==v){location.reload()}v=t}).catch(function(){})},1000)})()</script>"
    % RELOAD_PATH
)

TEXT = {
    "fr": {
        "serving": "Aperçu : http://127.0.0.1:{port}/  (Ctrl+C pour arrêter)",
        "rebuilt": "Site reconstruit ({seconds:.1f} s).",
        "kept": "Le dernier site valide reste affiché.",
        "busy": "offre: le port {port} est déjà utilisé — choisissez-en un autre avec --port",
        "no_port": "offre: le port {port} ne peut pas être ouvert ({reason})",
        "internal": "offre: erreur interne pendant la construction ({error})",
        "stopped": "Aperçu arrêté.",
    },
    "en": {
        "serving": "Preview: http://127.0.0.1:{port}/  (Ctrl+C to stop)",
        "rebuilt": "Site rebuilt ({seconds:.1f} s).",
        "kept": "The last good site is still served.",
        "busy": "offre: port {port} is already in use — choose another one with --port",
        "no_port": "offre: port {port} cannot be opened ({reason})",
        "internal": "offre: internal error while building ({error})",
        "stopped": "Preview stopped.",
    },
}


class _State:
    """What the server and the watcher share: the build counter."""

    def __init__(self) -> None:
        self.version = 0


class _Handler(SimpleHTTPRequestHandler):
    state: _State

    def do_HEAD(self) -> None:  # noqa: N802 (http.server's naming)
        if not self._safe_path():
            return
        super().do_HEAD()

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path == RELOAD_PATH:
            self._send(str(self.state.version).encode(), "text/plain")
            return
        if not self._safe_path():
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            body = path.read_bytes().replace(b"</body>", RELOAD_SCRIPT.encode() + b"</body>", 1)
            self._send(body, "text/html; charset=utf-8")
            return
        super().do_GET()

    def _safe_path(self) -> bool:
        """Refuse what no file name holds (%00 and other control characters): 400."""
        decoded = urllib.parse.unquote(self.path.split("?", 1)[0].split("#", 1)[0], errors="replace")
        if any(ord(character) < 32 or character == "\x7f" for character in decoded):
            self.send_error(400)
            return False
        return True

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
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
        build(content, output, parallel=False)  # the HTTP server's thread runs: no fork
    except ContentProblems as problems:
        for problem in problems.problems:
            print(problem, file=sys.stderr)
        print(text["kept"], file=sys.stderr, flush=True)
        return
    except BrochureOverflow as overflow:
        for line in overflow.messages():
            print(line, file=sys.stderr)
        print(text["kept"], file=sys.stderr, flush=True)
        return
    except OSError as error:
        print(f"offre: {EnvironmentProblem(error).message()}", file=sys.stderr)
        print(text["kept"], file=sys.stderr, flush=True)
        return
    except Exception as error:  # a preview must survive anything; say it and go on
        print(text["internal"].format(error=f"{type(error).__name__}: {error}"), file=sys.stderr)
        print(text["kept"], file=sys.stderr, flush=True)
        return
    state.version += 1
    print(text["rebuilt"].format(seconds=time.monotonic() - started), flush=True)


def serve(content: Path, output: Path | None, port: int, *, interval: float = 0.5) -> int:
    """Serve until stopped; the temporary folder the preview was built in goes with it
    (and one left by a killed preview is removed by the next)."""
    text = TEXT[message_language()]
    project = Project.find()
    watched = [content, project.root / "docs", project.root / "mkdocs.yml", Path(__file__).parent / "site" / "templates"]
    state = _State()
    handler = type("Handler", (_Handler,), {"state": state})
    temporary = work_folder(None, "serve") if output is None else None
    output = output or temporary / "site"
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
            _rebuild(content, output, state, text)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            print(text["serving"].format(port=port), flush=True)
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
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
