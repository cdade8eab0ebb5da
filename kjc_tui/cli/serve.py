"""`kjc-tui serve`: the dashboard in a browser, through textual-serve.

Every browser tab gets its own dashboard process: the same `kjc-tui` command with the same
``--config`` and ``--db`` (and ``--district``/``--screen``/``--demo``), run by textual-serve
behind a small web server.

Access:

* The server binds to 127.0.0.1 unless told otherwise (``--host`` or ``[serve] host``); any
  other address prints a warning that the server has no login.
* 127.0.0.1 on a shared server is reachable by every user of that server. So the server
  prints a link with a secret token; the page and the terminal connection require it (the
  first visit turns it into a cookie and drops it from the address). ``--no-token`` turns
  this off for a machine of one's own.
* The terminal connection (websocket) must come from a page of this server (its Origin),
  so that no other web site open in the same browser can start or drive a dashboard.
"""

from __future__ import annotations

import argparse
import hmac
import logging
import re
import secrets
import shlex
import socket
import sys
from pathlib import Path
from typing import Any

from kjc_tui.cli.common import EXIT_ERROR, EXIT_OK, EXIT_USAGE, Command, database, err, explained
from kjc_tui.core.net import is_loopback

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
TITLE = "kjc-tui – Kommunale Jobcenter in Hessen"
COOKIE = "kjc_serve_token"
#: --host values that bind to every address of the machine (no browser can open them as such)
EVERY_ADDRESS = ("0.0.0.0", "::", "[::]", "")
TOKEN_IN_URL = re.compile(r"([?&])token=[^&\s\"]*")


def dashboard_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve runs per browser tab (textual-serve starts it with a shell)."""
    argv = [sys.executable, "-m", "kjc_tui"]
    if args.config:
        argv += ["--config", str(Path(args.config).expanduser().resolve())]
    if args.db:
        argv += ["--db", str(Path(args.db).expanduser().resolve())]
    if getattr(args, "district", None):
        argv += ["--district", args.district]
    if getattr(args, "screen", None):
        argv += ["--screen", args.screen]
    if getattr(args, "demo", False):
        argv += ["--demo"]
    # exec: the dashboard replaces the shell, so its parent is this server; when the server dies
    # (even by SIGKILL) the dashboard notices and ends (kjc_tui.cli.terminal_watch)
    return "exec " + shlex.join(argv)


def no_login_warning(host: str, port: int, token: str | None) -> str:
    return (f"WARNUNG: kjc-tui serve hat keine Anmeldung. Auf {host}:{port} kann jeder, der diesen Rechner "
            "über das Netz erreicht (und den Link kennt), das Dashboard mit Ihren Rechten öffnen – die Daten lesen "
            "und exportieren. Sicherer: auf 127.0.0.1 lassen und einen SSH-Tunnel nutzen, z. B.\n"
            f"  ssh -L {port}:127.0.0.1:{port} SERVER\n"
            f"und dann {link('127.0.0.1', port, token)} im eigenen Browser öffnen.")


def link(host: str, port: int, token: str | None) -> str:
    """The address to open; for 0.0.0.0 / :: (every address) this machine's name, which a browser elsewhere
    can reach, instead of an address it cannot."""
    if host in EVERY_ADDRESS:
        host = socket.getfqdn() or socket.gethostname()
    return f"http://{_url_host(host)}:{port}/" + (f"?token={token}" if token else "")


class _HideToken(logging.Filter):
    """The access log (aiohttp) prints request lines: the token in `/?token=…` must not reach a log."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = TOKEN_IN_URL.sub(r"\1token=***", record.getMessage())
        record.args = ()
        return True


def make_server(command: str, host: str, port: int, token: str | None, public_url: str | None = None) -> Any:
    """A textual-serve Server with the token and Origin checks; imported here (aiohttp is heavy)."""
    from aiohttp import web
    from textual_serve.server import Server

    class KjcServer(Server):
        def __init__(self) -> None:
            super().__init__(command, host=host, port=port, title=TITLE, public_url=public_url)
            self.token = token
            self.fixed_public_url = public_url is not None
            self.sessions: dict[int, web.Request] = {}   # open terminal connections

        def _token_ok(self, request: web.Request) -> bool:
            if self.token is None:
                return True
            given = request.cookies.get(COOKIE) or request.query.get("token") or ""
            return hmac.compare_digest(given.encode(), self.token.encode())

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.middlewares.append(self._guard)
            return app

        @web.middleware
        async def _guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
            if request.path.startswith("/static/"):
                return await handler(request)
            if not self._token_ok(request):
                return web.Response(status=403, content_type="text/plain", charset="utf-8", text=(
                    "Zugang nur über den Link, den `kjc-tui serve` beim Start ausgegeben hat (mit ?token=…).\n"))
            if request.path == "/ws":
                origin = request.headers.get("Origin")
                if origin is not None and origin != self._origin(request):
                    return web.Response(status=403, content_type="text/plain", charset="utf-8",
                                        text="Verbindung von einer fremden Seite abgelehnt.\n")
                self.sessions[id(request)] = request
                try:
                    return await handler(request)
                finally:
                    self.sessions.pop(id(request), None)
            if request.path == "/" and "token" in request.query and self.token is not None:
                # the token becomes a cookie; the address bar (and history) no longer shows it
                response = web.HTTPFound(location="/")
                response.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict", path="/")
                return response
            return await handler(request)

        def _origin(self, request: web.Request) -> str:
            if self.fixed_public_url:
                from yarl import URL

                return str(URL(self.public_url).origin())
            return f"{request.scheme}://{request.host}"

        async def handle_index(self, request: web.Request) -> Any:
            # build the page's URLs from the address the browser used (a tunnel may use another port)
            if not self.fixed_public_url:
                self.public_url = f"{request.scheme}://{request.host}"
            return await super().handle_index(request)

        async def on_shutdown(self, app: web.Application) -> None:
            # Ctrl+C / SIGTERM: end the open sessions now (their dashboards quit) instead of
            # waiting up to a minute for the browser tabs to go away
            for request in list(self.sessions.values()):
                if request.transport is not None:
                    request.transport.close()

        def initialize_logging(self) -> None:
            super().initialize_logging()
            logging.getLogger("aiohttp.access").addFilter(_HideToken())

        async def on_startup(self, app: web.Application) -> None:
            secret = "(nur für Sie: der Link enthält einen geheimen Schlüssel). " if self.token else ""
            where = ("\n(Rechnername dieses Servers; ist er von Ihrem Rechner aus nicht erreichbar, seine IP-Adresse "
                     "einsetzen)") if host in EVERY_ADDRESS else ""
            print(f"kjc-tui serve: das Dashboard im Browser unter\n  {link(host, port, self.token)}{where}\n"
                  f"{secret}Beenden mit Strg+C.", flush=True)

    return KjcServer()


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _bind_problem(host: str, port: int) -> str | None:
    """None if we can bind host:port, else what to tell the user: a busy port, or an address that is
    not this machine's (or no address at all)."""
    import errno


    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(family, socket.SOCK_STREAM)
    try:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((host.strip("[]"), port))
    except OSError as e:
        if e.errno in (errno.EADDRINUSE, errno.EACCES):
            return (f"{host}:{port} ist nicht verfügbar ({explained(e)}); einen anderen Port mit --port wählen.")
        return (f"--host {host}: an diese Adresse kann der Server nicht binden ({explained(e)}); eine Adresse "
                "dieses Rechners angeben, z. B. 127.0.0.1 (Standard) oder 0.0.0.0 für alle.")
    finally:
        s.close()
    return None


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", metavar="ADRESSE",
                   help=f"Adresse, an die der Server bindet (Standard {DEFAULT_HOST}: nur dieser Rechner)")
    p.add_argument("--port", type=int, metavar="PORT", help=f"Port (Standard {DEFAULT_PORT})")
    p.add_argument("--public-url", metavar="URL",
                   help="Adresse, unter der Browser den Server erreichen, wenn sie von --host abweicht "
                        "(z. B. hinter einem Reverse-Proxy)")
    p.add_argument("--no-token", action="store_true",
                   help="ohne geheimen Schlüssel im Link (nur auf einem Rechner, den Sie allein nutzen)")


def serve_command(args: argparse.Namespace, cfg: Any) -> int:
    host = args.host or cfg.serve.get("host") or DEFAULT_HOST
    port = args.port if args.port is not None else cfg.serve.get("port", DEFAULT_PORT)
    if not 0 < port < 65536:
        err(f"--port {port}: erwartet eine Portnummer 1–65535")
        return EXIT_USAGE
    reason = _bind_problem(host, port)
    if reason is not None:
        err(reason)
        return EXIT_ERROR
    # the dashboard processes use the same database: build it now, once, not in every tab
    db = database(cfg)
    if not args.db:
        args.db = str(db)
    token = None if args.no_token else secrets.token_urlsafe(24)
    if not is_loopback(host):
        print(no_login_warning(host, port, token), file=sys.stderr, flush=True)
    server = make_server(dashboard_command(args), host, port, token, args.public_url)
    server.serve()
    return EXIT_OK


COMMAND = Command("serve", "das Dashboard im Browser bereitstellen (textual-serve, standardmäßig nur 127.0.0.1)",
                  "Stellt das Dashboard über textual-serve im Browser bereit: jeder Browser-Tab bekommt ein "
                  "eigenes Dashboard. Standardmäßig nur auf 127.0.0.1 (von anderswo per SSH-Tunnel); der "
                  "ausgegebene Link enthält einen geheimen Schlüssel. Voreinstellungen in kjc.toml: "
                  "[serve] host = \"127.0.0.1\", port = 8000.",
                  _add_arguments, serve_command)
