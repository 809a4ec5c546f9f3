"""`offre serve`: a live preview for the communications team.

The site is built, served on 127.0.0.1, and rebuilt whenever a file of the content
(or of the site's templates) changes. Content problems are printed in the terminal
and shown at the foot of every open page (and of the editor) while the last good site
stays served; open pages reload themselves after a good rebuild. Polling a few dozen
files four times a second is all the watching this needs (a millisecond each time).

The site comes first: after a save the changed pages are built and served alone, and
the four brochures are made next, in a process of their own (`_Brochures`), while the
open pages say so; their PDFs replace the last good ones when they are made, and a
save meanwhile stops them (they are made again for the new content).

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
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from collections.abc import Callable
from pathlib import Path

from .brochure.render import BrochureOverflow
from .build import BuildResult, Project, build
from .content import ContentProblems
from .printable import display_path, escaped
from .editor import local_backend, write_editor
from .downloads import FOLDER, brochure_name
from .brochure.layout import VARIANTS
from .oserrors import ENVIRONMENT, EnvironmentProblem, reason
from .strings import LANGUAGES, message_language, section
from .workspace import work_folder

STATUS_PATH = "/.offre-status"
STATUS_SCRIPT = "/.offre-status.js"  # preview_status.js: says it in the pages and the editor
EDITOR_PATH = "/admin/"
# Added to every page of the preview: reload after a good rebuild, show what is wrong
# after a bad one.
RELOAD_TAG = f'<script src="{STATUS_SCRIPT}" data-reload></script>'

class _State:
    """What the server and the watcher share: the build counter, what is wrong with the
    content since the last good build (nothing when it built), and what the last good
    build warned of (a translation behind, a link with no address: worth a look, never
    in the way)."""

    def __init__(self) -> None:
        self.version = 0
        self.problems: list[str] = []
        self.warnings: list[tuple[str, str]] = []  # (place, message)
        self.brochures: str | None = None  # "making", "ready", or None (none made, or a problem)


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
                      "warnings": [place + message for place, message in self.state.warnings],
                      "brochures": self.state.brochures}
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
        port = self.server.server_address[1]  # type: ignore[index]
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

    def end_headers(self) -> None:
        """Nothing of the preview is kept by the browser: a brochure made again under the
        same name must be the one opened."""
        if not any(line.lower().startswith(b"cache-control:") for line in getattr(self, "_headers_buffer", [])):
            self.send_header("Cache-Control", "no-store")
        super().end_headers()

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


def _problems(run: Callable[[], BuildResult], text: dict[str, str]) -> tuple[BuildResult | None, list[str]]:
    """`run()`'s result, or what is wrong, said as the terminal and the open pages say it."""
    try:
        return run(), []
    except ContentProblems as problems:
        return None, [str(problem) for problem in problems.problems]
    except BrochureOverflow as overflow:
        return None, list(overflow.messages())
    except OSError as error:
        return None, [f"offre: {EnvironmentProblem(error).message()}"]
    except Exception as error:  # a preview must survive anything; say it and go on
        return None, [text["internal"].format(error=escaped(f"{type(error).__name__}: {error}"))]


def _rebuild(content: Path, output: Path, state: _State, text: dict[str, str], brochures: _Brochures) -> None:
    """The site alone (the brochures of the last good build stay), then its brochures
    started in the background."""
    started = time.monotonic()
    brochures.stop()  # made for content that is no longer there
    previous, state.brochures = state.brochures, "making"  # said before the new page can be served
    # a starter: a draft
    result, problems = _problems(lambda: build(content, output, draft=None, site_only=True), text)
    if result is None:
        _keep(state, problems, text)
        state.brochures = None  # those served are the last good site's
        return
    _say_warnings(state, result.said_warnings(), text)
    state.problems = []
    if result.up_to_date and previous == "ready":
        state.brochures = "ready"
    else:
        brochures.start()
    state.version += 1
    print(text["rebuilt"].format(seconds=time.monotonic() - started), flush=True)


def _say_warnings(state: _State, warnings: list[tuple[str, str]], text: dict[str, str]) -> None:
    if warnings != state.warnings:  # said once in the terminal, not after every save
        for place, message in warnings:
            print(f"{place}{text['warning']}{message}", file=sys.stderr)
    state.warnings = warnings


class _Brochures:
    """The brochures of the served site, made by `offre` in a process of its own (the
    preview's threads forbid forking the print processes here; a process that starts afresh
    may, and it uses the second core while this one serves). It writes into `folder`,
    a build of its own (its cache is the project's: an unchanged language's PDFs come
    from it); what it made is then copied over the served ones. Never outlives the
    preview: stopped here, and gone at once if the preview is killed (end_with_parent)."""

    def __init__(self, content: Path, folder: Path, output: Path) -> None:
        self.content, self.folder, self.output = content, folder, output
        self._process: subprocess.Popen[bytes] | None = None
        self._answer = folder.parent / "brochures-answer.json"
        self._started = 0.0

    def start(self) -> None:
        """Make them for the content as it is now (the process watches this one: see
        make_brochures)."""
        self.stop()
        self._started = time.monotonic()
        with open(self._answer, "wb") as answer:
            self._process = subprocess.Popen(
                [sys.executable, "-c", "import sys; from generator.serve import make_brochures; "
                 "sys.exit(make_brochures(sys.argv[1:]))", str(self.content), str(self.folder), str(os.getpid())],
                stdin=subprocess.DEVNULL, stdout=answer)

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.kill()
        if process is not None:
            process.wait()

    def follow(self, state: _State, text: dict[str, str]) -> None:
        """When they are made: put them in the served site, and say so (or what is wrong)."""
        if self._process is None or self._process.poll() is None:
            return
        self._process.wait()
        self._process = None
        try:
            said = json.loads(self._answer.read_text(encoding="utf-8"))
            problems, warnings = list(said["problems"]), [tuple(pair) for pair in said["warnings"]]
        except (OSError, ValueError, KeyError, TypeError):
            problems, warnings = [text["internal"].format(error="brochures")], []
        if not problems:
            try:
                self._publish()
            except OSError as error:
                problems = [f"offre: {EnvironmentProblem(error).message()}"]
        if problems:
            _keep(state, problems, text)
            state.brochures = None
            return
        _say_warnings(state, warnings, text)
        state.brochures = "ready"
        print(text["brochures_done"].format(seconds=time.monotonic() - self._started), flush=True)

    def _publish(self) -> None:
        """Each PDF copied beside its place, then renamed onto it: a reader of the old
        one is never served half a file."""
        for language in LANGUAGES:
            for variant in VARIANTS:
                name = brochure_name(language, variant)
                made = self.folder / FOLDER / name
                if not made.is_file():
                    continue
                target = self.output / FOLDER / name
                partial = target.with_name(f".{name}.partial")
                shutil.copyfile(made, partial)
                os.replace(partial, target)


def make_brochures(arguments: list[str]) -> int:
    """In the brochures' own process: `offre build --print-only` of the content into a
    folder; what is wrong (and the warnings) as JSON on stdout."""
    from .print_processes import PrintProcesses, end_with_parent

    content, folder, parent = Path(arguments[0]), Path(arguments[1]), int(arguments[2])
    end_with_parent(parent)  # gone with the preview, even killed outright (started by its main thread)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the preview's: it stops this process
    with PrintProcesses() as processes:  # first, while this process runs no thread; they end with this one
        text = section(message_language(), "serve")
        result, problems = _problems(lambda: build(content, folder, print_only=True, draft=None,
                                                   processes=processes), text)
    warnings = result.said_warnings() if result is not None else []
    json.dump({"problems": problems, "warnings": warnings}, sys.stdout, ensure_ascii=False)
    return 1 if problems else 0


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
        first, *others = LANGUAGES  # the page's language, then the others, each marked
        said = {language: html.escape(section(language, "serve")["no_editor"].format(folder=content))
                for language in LANGUAGES}
        page = (f"<!doctype html><html lang=\"{first}\"><meta charset=\"utf-8\"><title>offre</title>"
                f"<p>{said[first]}</p>" + "".join(f"<p lang=\"{language}\">{said[language]}</p>" for language in others)
                + "</html>")
        (folder / "index.html").write_text(page, encoding="utf-8")
        return
    write_editor(folder, local_backend(found[1], found[0].name), status_script=STATUS_SCRIPT,
                 site_url=f"http://127.0.0.1:{port}/")


def serve(content: Path, output: Path | None, port: int, *, interval: float = 0.25) -> int:
    """Serve until stopped; the temporary folder the preview was built in goes with it
    (and one left by a killed preview is removed by the next)."""
    text = section(message_language(), "serve")
    project = Project.find()
    watched = [content, project.root / "docs", project.root / "mkdocs.yml", Path(__file__).parent / "site" / "templates"]
    repository = _repository_folder(content)
    if repository is not None:  # a commit changes which translations are behind: say it at once
        watched.append(repository[0] / ".git" / "logs" / "HEAD")
    state = _State()
    temporary = work_folder(None, "serve")  # the editor, and the site unless --output says where
    output = output or temporary / "site"
    words = {name: text[name] for name in ("problems", "warnings", "warnings_note", "brochures_making",
                                           "brochures_ready")}
    brochures = _Brochures(content, temporary / "brochures", output)
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
            _rebuild(content, output, state, text, brochures)
            print(text["serving"].format(port=port), flush=True)  # said before it answers: the socket
            print(text["editor"].format(port=port), flush=True)  # listens already, a visit waits meanwhile
            threading.Thread(target=server.serve_forever, daemon=True).start()
            while True:
                time.sleep(interval)
                brochures.follow(state, text)
                now = _snapshot(watched)
                if now != seen:
                    seen = now
                    _rebuild(content, output, state, text, brochures)
        except KeyboardInterrupt:  # how a preview is meant to end
            print(text["stopped"], flush=True)
            return 130
        finally:
            brochures.stop()
            server.shutdown()
            server.server_close()
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
