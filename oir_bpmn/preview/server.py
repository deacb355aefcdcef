"""The preview's web server, on 127.0.0.1 only: ``/`` is the page, ``/events`` a server-sent
event stream that names the current build generation (the page reloads when it grows).

The standard library's ``ThreadingHTTPServer``: one local page and one event stream need no
framework, and a thread per connection keeps the open stream from blocking the page.
"""
from __future__ import annotations

import errno
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .page import render_page
from .state import State

HOST = "127.0.0.1"
KEEPALIVE = 15.0  # seconds between comments on an idle event stream


class PortBusy(OSError):
    """The port is taken; ``str()`` says which and what to do."""


def serve(out: Path, state: State, port: int) -> ThreadingHTTPServer:
    """Start serving the page of ``out`` on ``HOST:port`` in a background thread."""
    handler = type("Handler", (_Handler,), {"out": Path(out), "state": state})
    try:
        server = ThreadingHTTPServer((HOST, port), handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise PortBusy(f"port {port} on {HOST} is in use (another oir-bpmn watch?); "
                           f"stop that, or choose another port with --port") from None
        raise
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="oir-watch-server", daemon=True).start()
    return server


class _Handler(BaseHTTPRequestHandler):
    out: Path
    state: State

    def do_GET(self):  # noqa: N802 - the name http.server calls
        if self.path == "/":
            self._send(200, "text/html; charset=utf-8", render_page(self.out, self.state).encode("utf-8"))
        elif self.path == "/events":
            self._events()
        else:
            self._send(404, "text/plain; charset=utf-8", b"not found\n")

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = -1
        try:
            while not self.state.closed:
                generation = self.state.wait(seen, KEEPALIVE)
                self.wfile.write(f"data: {generation}\n\n".encode() if generation != seen else b": idle\n\n")
                self.wfile.flush()
                seen = generation
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page went away (reloaded or closed)

    def log_message(self, format, *args):  # noqa: A002 - quiet: the terminal is for builds
        pass
