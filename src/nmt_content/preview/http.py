"""The HTTP side of the preview server: files from the build folder, the reload script and its
event stream, the status endpoint, and the overlay page that lists a failed build's problems.

Only served HTML responses get the reload script; the built files on disk never change. A request
whose ``Host`` does not name the server gets 421 and nothing else (see :mod:`.origin`).
"""

from __future__ import annotations

import html
import json
import mimetypes
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .origin import redirect_location, url_parts

if TYPE_CHECKING:
    from .server import PreviewBuild, PreviewServer

__all__ = [
    "RELOAD_PATH",
    "RELOAD_SCRIPT",
    "SCRIPT_PATH",
    "STATUS_PATH",
    "handler_for",
    "inject_reload_script",
    "overlay_page",
]

RELOAD_PATH = "/__nmt/reload"
"""Server-Sent Events: one `data: <generation>` message at once, then one per finished build."""
SCRIPT_PATH = "/__nmt/reload.js"
STATUS_PATH = "/__nmt/status"
"""JSON: the current generation, whether the last build succeeded, and its problems."""

RELOAD_SCRIPT = b"""\
(function () {
  "use strict";
  var me = document.currentScript;
  var seen = me ? me.getAttribute("data-generation") : null;
  function connect() {
    var source = new EventSource("/__nmt/reload");
    source.onmessage = function (event) {
      if (seen !== null && event.data !== seen) {
        source.close();
        window.location.reload();
        return;
      }
      seen = event.data;
    };
    source.onerror = function () {
      source.close();
      window.setTimeout(connect, 1000);
    };
  }
  connect();
})();
"""


def inject_reload_script(page: bytes, generation: int) -> bytes:
    """``page`` with the reload script before its last `</body>` (or at its end)."""
    tag = f'<script src="{SCRIPT_PATH}" data-generation="{generation}" defer></script>'.encode()
    index = page.lower().rfind(b"</body>")
    if index < 0:
        return page + tag
    return page[:index] + tag + page[index:]


def overlay_page(result: PreviewBuild) -> bytes:
    """A page that lists the build's problems, every one HTML-escaped, with the reload script."""
    items = []
    for issue in result.issues:
        where = issue.path + (f":{issue.line}" if issue.line is not None else "")
        items.append(
            "<li><code>"
            + html.escape(where)
            + "</code> "
            + (f"<strong>{html.escape(issue.field)}</strong> " if issue.field else "")
            + html.escape(issue.message)
            + "</li>"
        )
    if result.error is not None:
        items.append(f"<li>{html.escape(result.error)}</li>")
    count = len(items)
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Build failed: {count} problem{"s" if count != 1 else ""}</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #1d1f21; color: #f0f0f0; }}
main {{ max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }}
h1 {{ color: #ff8a80; font-size: 1.5rem; }}
li {{ margin: 0.75rem 0; }}
code {{ color: #ffd180; }}
strong {{ color: #80d8ff; }}
</style>
</head>
<body>
<main id="nmt-error-overlay">
<h1>The site could not be built</h1>
<ul>
{chr(10).join(items)}
</ul>
<p>Fix the file and save it; this page reloads by itself.</p>
</main>
</body>
</html>
"""
    return inject_reload_script(page.encode(), result.generation)


def handler_for(server: PreviewServer) -> type[BaseHTTPRequestHandler]:
    class Handler(_PreviewHandler):
        preview = server

    return Handler


class _PreviewHandler(BaseHTTPRequestHandler):
    preview: PreviewServer
    server_version = "nmt-content"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def log_message(self, format: str, *args: Any) -> None:
        """Requests are reported through ``on_request``, not printed."""

    def _respond(self, *, head: bool) -> None:
        if not self.preview.answers(self.headers.get("Host")):
            self.close_connection = True
            self._send(
                HTTPStatus.MISDIRECTED_REQUEST,
                f"This preview answers only {self.preview.url}\n".encode(),
                "text/plain; charset=utf-8",
                head,
            )
            return
        path = urlsplit(self.path).path or "/"
        if path == RELOAD_PATH and not head:
            self._events()
            return
        if path == SCRIPT_PATH:
            self._send(HTTPStatus.OK, RELOAD_SCRIPT, "text/javascript; charset=utf-8", head)
            return
        result = self.preview.last_build
        generation = result.generation if result else 0
        if path == STATUS_PATH:
            summary = {
                "generation": generation,
                "ok": bool(result and result.ok),
                "problems": result.problems() if result else [],
            }
            self._send(HTTPStatus.OK, json.dumps(summary).encode(), "application/json", head)
            return
        is_page = path.endswith(("/", ".html")) or "." not in path.rsplit("/", 1)[-1]
        if result is not None and not result.ok and is_page:
            self._send(
                HTTPStatus.INTERNAL_SERVER_ERROR,
                overlay_page(result),
                "text/html; charset=utf-8",
                head,
            )
            return
        file = self.preview.resolve(path)
        if file is not None and file.name == "index.html" and not path.endswith(("/", ".html")):
            # A folder asked for without its slash; the target is rebuilt from the cleaned path,
            # so it cannot lead off this server.
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", redirect_location(url_parts(path) or []))
            self.send_header("Content-Length", "0")
            self.end_headers()
            self._report(HTTPStatus.MOVED_PERMANENTLY)
            return
        status = HTTPStatus.OK
        if file is None:
            status = HTTPStatus.NOT_FOUND
            file = self.preview.resolve("/404.html")
        try:
            data = self.preview.read(file) if file is not None else b"Not found\n"
        except OSError:  # swapped out by a build between resolve and read
            data = b"Not found, try again\n"
            status = HTTPStatus.NOT_FOUND
            file = None
        content_type = "text/plain; charset=utf-8"
        if file is not None:
            content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            if content_type.startswith("text/") or content_type.endswith(("xml", "json")):
                content_type += "; charset=utf-8"
            if file.suffix == ".html":
                data = inject_reload_script(data, generation)
        self._send(status, data, content_type, head)

    def _send(self, status: HTTPStatus, data: bytes, content_type: str, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(data)
        self._report(status)

    def _report(self, status: int) -> None:
        if self.preview.on_request is not None:
            self.preview.on_request(self.command, self.path, int(status))

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            self.wfile.write(b"retry: 1000\n\n")
            for generation in self.preview.events():
                message = (
                    b": keep-alive\n\n" if generation is None else b"data: %d\n\n" % generation
                )
                self.wfile.write(message)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return
