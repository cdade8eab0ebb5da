"""The sources tests' local HTTP server (127.0.0.1 only), its replies, and the config writers.

A module of its own, not `conftest`: tests import these names, and a `from conftest import …`
finds whichever conftest was imported first when tests/sources and tests/robustness are
collected together (both directories' conftest is a top-level module named `conftest`).
"""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kjc_tui.core import config


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    stall: float = 0.0          # seconds to wait after the headers, before the body
    trickle: float = 0.0        # seconds between single bytes of the body


Route = Callable[[dict[str, list[str]], dict[str, str]], Reply]


class FixtureServer:
    """Routes: path -> function(query, request headers) -> Reply. Counts hits per path."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.seen_headers: list[dict[str, str]] = []
        self.seen_queries: list[tuple[str, dict[str, list[str]]]] = []
        self.seen_targets: list[str] = []   # the request target as sent (absolute through a proxy)
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                parts = urlsplit(self.path)
                server.hits[parts.path] += 1
                headers = {k.lower(): v for k, v in self.headers.items()}
                server.seen_headers.append(headers)
                server.seen_queries.append((parts.path, parse_qs(parts.query)))
                server.seen_targets.append(self.path)
                route = server.routes.get(parts.path)
                reply = route(parse_qs(parts.query), headers) if route else Reply(404, b"not found")
                self.send_response(reply.status)
                hdrs = {"Content-Length": str(len(reply.body)), **reply.headers}
                for k, v in hdrs.items():
                    self.send_header(k, v)
                self.end_headers()
                try:
                    if reply.stall:
                        self.wfile.flush()
                        time.sleep(reply.stall)
                    if reply.trickle:
                        for i in range(len(reply.body)):
                            self.wfile.write(reply.body[i:i + 1])
                            self.wfile.flush()
                            time.sleep(reply.trickle)
                    else:
                        self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def static(self, path: str, body: bytes, ctype: str, etag: str | None = None,
               last_modified: str | None = None, gzipped: bool = False) -> None:
        """Serve `body`, answering 304 to a matching conditional request."""
        def route(query: dict[str, list[str]], headers: dict[str, str]) -> Reply:
            if etag and headers.get("if-none-match") == etag:
                return Reply(304, b"", {"ETag": etag})
            if last_modified and not etag and headers.get("if-modified-since") == last_modified:
                return Reply(304, b"", {"Last-Modified": last_modified})
            h = {"Content-Type": ctype}
            if etag:
                h["ETag"] = etag
            if last_modified:
                h["Last-Modified"] = last_modified
            data = body
            if gzipped and "gzip" in headers.get("accept-encoding", ""):
                data = gzip.compress(body)
                h["Content-Encoding"] = "gzip"
            return Reply(200, data, h)
        self.routes[path] = route

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class Sleeps(list[float]):
    """A `sleep` that records the waits instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def write_config(tmp_path: Path, db: Path, sources: str, http: str = "retries = 0\nthrottle = 0\ntimeout = 5\n",
                 builtin: bool = False) -> config.Config:
    """A kjc.toml with the database, [http] limits and the given [sources.…] tables, loaded
    (without the built-in sources unless `builtin`)."""
    path = tmp_path / "kjc.toml"
    off = "" if builtin else "[builtin_sources]\nenabled = false\n\n"
    path.write_text(f'[database]\npath = "{db}"\n\n{off}[http]\n{http}\n{sources}', encoding="utf-8")
    return config.load(path)


def file_source(url: str, name: str = "verband", extra: str = "") -> str:
    """A `[sources.NAME]` file table into indicators with the payloads' column mapping."""
    import payloads as P

    return f"""
[sources.{name}]
kind = "file"
url = "{url}"
table = "indicators"
columns = {P.FILE_MAPPING}
{extra}
"""


def jobsuche_source(url: str, extra: str = "") -> str:
    """A `[sources.stellen]` Jobsuche table for Erbach (06437) with further keys."""
    return f"""
[sources.stellen]
kind = "jobsuche"
url = "{url}"
places = {{ "06437" = "Erbach" }}
{extra}
"""
