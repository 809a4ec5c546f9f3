"""A static web server set up as a public host should be, for measuring the site.

    .venv/bin/python bench/static_server.py [--site site] [--port 8000]

It answers as nginx does with `gzip_static on; brotli_static on; error_page 404
/404.html;`: a file's `.br` or `.gz` copy (written by the build) when the browser
accepts that encoding, with `Content-Encoding` and `Vary: Accept-Encoding`; the
site's own 404 page, with status 404, for any missing address. Nothing is compressed
on the fly: what is measured is what the build wrote. The page-weight benchmark,
Lighthouse and the browser tests use it; `offre serve` stays the team's live preview.
"""

from __future__ import annotations

import argparse
import functools
import os
import posixpath
import threading
import urllib.parse
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# Preferred first, as nginx with both modules does.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


class PrecompressedHandler(SimpleHTTPRequestHandler):
    """Serves precompressed copies and the site's 404 page; logs nothing."""

    protocol_version = "HTTP/1.1"  # keep-alive, as browsers expect from a real host

    def send_head(self):  # type: ignore[override]  (http.server's hook)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urllib.parse.urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # redirects to the address with "/"
            path = path / "index.html"
        if not path.is_file():
            return self._not_found()
        return self._send_file(path, 200)

    def _send_file(self, path: Path, status: int):
        accepted = _accepted(self.headers.get("Accept-Encoding", ""))
        body, encoding = path, None
        for name, suffix in ENCODINGS:
            copy = path.with_name(path.name + suffix)
            if name in accepted and copy.is_file():
                body, encoding = copy, name
                break
        handle = open(body, "rb")
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(os.fstat(handle.fileno()).st_size))
        self.send_header("Vary", "Accept-Encoding")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        return handle

    def _not_found(self):
        page = Path(self.directory) / "404.html"
        if page.is_file():
            return self._send_file(page, 404)
        self.send_error(404)
        return None

    def translate_path(self, path: str) -> str:
        """As http.server does, but never outside the site (a `..` is dropped)."""
        path = urllib.parse.unquote(urllib.parse.urlsplit(path).path, errors="replace")
        parts = [part for part in posixpath.normpath(path).split("/") if part not in ("", ".", "..")]
        return os.path.join(self.directory, *parts)

    def log_message(self, format: str, *args: object) -> None:
        pass


def _accepted(header: str) -> set[str]:
    """The encodings an Accept-Encoding header allows (a zero quality refuses one)."""
    accepted = set()
    for item in header.split(","):
        name, _, parameters = item.strip().partition(";")
        if name and parameters.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            accepted.add(name.strip().lower())
    return accepted


def serve(site: Path, port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """Serve `site` on 127.0.0.1 in a background thread; return the server and its root
    address ("http://127.0.0.1:PORT/"). Stop it with `server.shutdown()`."""
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(PrecompressedHandler, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--port", type=int, default=8000)
    arguments = parser.parse_args()
    server, root = serve(arguments.site, arguments.port)
    print(f"Serving {arguments.site} at {root} (Ctrl+C to stop)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
