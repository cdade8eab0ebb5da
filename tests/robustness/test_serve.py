"""`kjc-tui serve`: bound to 127.0.0.1, warns on other addresses, token and Origin checks,
and the dashboard's first screen in headless Chromium (Debian's chromium package)."""

from __future__ import annotations

import argparse
import asyncio
import base64
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from kjc_tui.cli import serve
from kjc_tui.core.net import is_loopback

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = next((p for p in (shutil.which("chromium"), "/usr/bin/chromium") if p and os.path.exists(p)), None)

pytestmark = pytest.mark.slow


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def env_for(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KJC_", "TEXTUAL"))}
    env.update({"HOME": str(tmp / "home"), "XDG_CONFIG_HOME": str(tmp / "home" / ".config"),
                "XDG_DATA_HOME": str(tmp / "home" / ".local" / "share"), "PYTHONPATH": str(ROOT),
                "TERM": "xterm-256color", "LANG": "C.UTF-8"})
    return env


@pytest.fixture(scope="module")
def dashboard_db(tmp_path_factory) -> Path:
    """The embedded data, built once for this module."""
    from kjc_tui.db import snapshot

    db = tmp_path_factory.mktemp("serve-db") / "kjc.duckdb"
    snapshot.build(db, snapshot.embedded_files())
    return db


class Served:
    def __init__(self, proc: subprocess.Popen, port: int, link: str | None, stderr_head: str):
        self.proc, self.port, self.link, self.stderr_head = proc, port, link, stderr_head

    @property
    def token(self) -> str | None:
        m = re.search(r"token=(\S+)", self.link or "")
        return m.group(1) if m else None


def start_serve(tmp: Path, db: Path, *extra: str, port: int | None = None) -> Served:
    port = port or free_port()
    (tmp / "home").mkdir(exist_ok=True)
    proc = subprocess.Popen([sys.executable, "-m", "kjc_tui", "--db", str(db), "serve", "--port", str(port), *extra],
                            cwd=tmp, env=env_for(tmp), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    link = None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        m = re.search(r"(http://\S+)", line)
        if m:
            link = m.group(1)
            break
    if link is None:
        proc.kill()
        out, err = proc.communicate()
        pytest.fail(f"serve did not start: {out}\n{err}")
    while time.monotonic() < deadline:   # the link is printed on start-up, just before the socket listens
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.05)
    return Served(proc, port, link, "")


def stop(served: Served) -> str:
    if served.proc.poll() is None:
        os.killpg(served.proc.pid, signal.SIGTERM)
        try:
            served.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(served.proc.pid, signal.SIGKILL)
            served.proc.wait()
    return served.proc.stderr.read()


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on `port` (Linux /proc/net/tcp)."""
    out = set()
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(name).read_text().splitlines()[1:]
        except OSError:
            continue
        for ln in lines:
            parts = ln.split()
            addr, st = parts[1], parts[3]
            hexip, hexport = addr.split(":")
            if st == "0A" and int(hexport, 16) == port:
                if len(hexip) == 8:
                    out.add(socket.inet_ntop(socket.AF_INET, bytes.fromhex(hexip)[::-1]))
                else:
                    out.add(hexip)
    return out


# -- without a browser ------------------------------------------------------------------------


def test_command_is_the_same_dashboard_with_quoted_paths():
    args = argparse.Namespace(config="/srv/kjc dir/kjc.toml", db="/srv/kjc dir/$(rm -rf ~).duckdb", district="06437",
                              screen=None, demo=False)
    cmd = serve.dashboard_command(args)
    import shlex

    assert cmd.startswith("exec ")   # the dashboard replaces the shell: its parent is the server
    assert shlex.split(cmd)[1:] == [sys.executable, "-m", "kjc_tui", "--config", "/srv/kjc dir/kjc.toml",
                                "--db", "/srv/kjc dir/$(rm -rf ~).duckdb", "--district", "06437"]


@pytest.mark.parametrize("host, loop", [("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.0.2", True),
                                        ("0.0.0.0", False), ("192.168.1.5", False), ("server.example", False),
                                        ("::", False)])
def test_loopback(host, loop):
    assert is_loopback(host) is loop


def test_binds_to_localhost_by_default_and_needs_the_token(tmp_path, dashboard_db):
    import httpx

    served = start_serve(tmp_path, dashboard_db)
    try:
        assert served.link.startswith(f"http://127.0.0.1:{served.port}/?token=")
        assert listening_addresses(served.port) == {"127.0.0.1"}
        base = f"http://127.0.0.1:{served.port}"
        with httpx.Client(trust_env=False) as c:
            assert c.get(base + "/").status_code == 403
            assert c.get(base + "/?token=falsch").status_code == 403
            assert c.get(base + "/ws").status_code == 403
            r = c.get(served.link, follow_redirects=False)
            assert r.status_code == 302 and r.headers["location"] == "/"
            assert "HttpOnly" in r.headers["set-cookie"] and "SameSite=Strict" in r.headers["set-cookie"]
            r = c.get(base + "/")            # the cookie now opens the page
            assert r.status_code == 200 and "kjc-tui – Kommunale Jobcenter in Hessen" in r.text
            assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws"' in r.text
            assert c.get(base + "/static/js/textual.js").status_code == 200
    finally:
        err = stop(served)
    assert "WARNUNG" not in err
    log = served.proc.stdout.read() + err           # the access log: request lines, but never the token
    assert "GET /?token=***" in log and served.token not in log


def test_websocket_refuses_foreign_origin_and_missing_token(tmp_path, dashboard_db):
    import aiohttp

    served = start_serve(tmp_path, dashboard_db)
    base = f"127.0.0.1:{served.port}"

    async def attempt(origin: str | None, token: str | None) -> int | str:
        headers = {"Origin": origin} if origin else {}
        cookies = {serve.COOKIE: token} if token else {}
        async with aiohttp.ClientSession(cookies=cookies) as s:
            try:
                async with s.ws_connect(f"ws://{base}/ws?width=80&height=24", headers=headers) as ws:
                    msg = await ws.receive(timeout=30)   # the dashboard starts and sends its screen
                    await ws.close()
                    return "open" if msg.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT) else str(msg.type)
            except aiohttp.WSServerHandshakeError as e:
                return e.status

    try:
        assert asyncio.run(attempt(f"http://{base}", None)) == 403
        assert asyncio.run(attempt("http://evil.example", served.token)) == 403
        assert asyncio.run(attempt(f"http://localhost:{served.port}", served.token)) == 403  # another origin
        assert asyncio.run(attempt(f"http://{base}", served.token)) == "open"
    finally:
        stop(served)


def _descendants(pid: int) -> list[int]:
    out = []
    for c in _children(pid):
        out += [c, *_descendants(c)]
    return out


def _alive(pids: list[int]) -> list[int]:
    alive = []
    for p in pids:
        try:
            state = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.append(p)
    return alive


@pytest.mark.parametrize("how", ["SIGTERM", "SIGKILL"])
def test_no_dashboard_outlives_the_server(tmp_path, dashboard_db, how):
    """Ctrl+C/SIGTERM ends open sessions at once; a killed server (SIGKILL, out of memory) leaves no
    dashboard behind either (it notices its parent is gone)."""
    import aiohttp

    served = start_serve(tmp_path, dashboard_db)
    base = f"127.0.0.1:{served.port}"

    async def session() -> tuple[list[int], float, int | None]:
        async with aiohttp.ClientSession(cookies={serve.COOKIE: served.token}) as s:
            async with s.ws_connect(f"ws://{base}/ws?width=80&height=24", headers={"Origin": f"http://{base}"}) as ws:
                await ws.receive(timeout=30)
                kids = _descendants(served.proc.pid)
                assert kids, "no dashboard process"
                t0 = time.monotonic()
                os.kill(served.proc.pid, getattr(signal, how))
                code = await asyncio.to_thread(served.proc.wait, 30)
                return kids, time.monotonic() - t0, code

    try:
        kids, took, code = asyncio.run(session())
        if how == "SIGTERM":
            assert code == 0 and took < 10, (code, took)
        deadline = time.monotonic() + 15
        while _alive(kids) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _alive(kids) == [], "dashboard processes outlived the server"
    finally:
        for p in _alive(locals().get("kids", [])):
            os.kill(p, signal.SIGKILL)
        stop(served)


def test_other_address_only_when_asked_and_with_a_warning(tmp_path, dashboard_db):
    served = start_serve(tmp_path, dashboard_db, "--host", "0.0.0.0")
    try:
        assert listening_addresses(served.port) == {"0.0.0.0"}
    finally:
        err = stop(served)
    assert "WARNUNG: kjc-tui serve hat keine Anmeldung" in err
    assert f"ssh -L {served.port}:127.0.0.1:{served.port} SERVER" in err
    # the tunnel hint and the link can be followed as printed: with the token, and not to 0.0.0.0
    assert f"http://127.0.0.1:{served.port}/?token={served.token}" in err
    assert served.link.startswith(f"http://{socket.getfqdn()}:{served.port}/?token=")


def test_address_not_of_this_machine_is_a_host_problem(tmp_path, dashboard_db):
    proc = subprocess.run([sys.executable, "-m", "kjc_tui", "--db", str(dashboard_db), "serve", "--host",
                           "192.0.2.1", "--port", str(free_port())], cwd=tmp_path, env=env_for(tmp_path),
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "--host 192.0.2.1: an diese Adresse kann der Server nicht binden (Adresse gehört nicht zu diesem " \
           "Rechner)" in proc.stderr and "--port" not in proc.stderr


def test_busy_port_is_a_clear_error(tmp_path, dashboard_db):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen()
    port = s.getsockname()[1]
    try:
        proc = subprocess.run([sys.executable, "-m", "kjc_tui", "--db", str(dashboard_db), "serve", "--port",
                               str(port)], cwd=tmp_path, env=env_for(tmp_path), capture_output=True, text=True,
                              timeout=60)
    finally:
        s.close()
    assert proc.returncode == 1
    assert f"127.0.0.1:{port} ist nicht verfügbar" in proc.stderr and "--port" in proc.stderr


# -- in the browser ---------------------------------------------------------------------------


async def _browse(url: str, user_data_dir: Path, wait: float = 60.0) -> tuple[str, str, bytes]:
    """Load `url` in headless Chromium; (terminal output received over the websocket, body classes, screenshot)."""
    import aiohttp

    proc = subprocess.Popen([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                             "--no-first-run", "--disable-background-networking", "--disable-component-update",
                             "--disable-sync", "--disable-dev-shm-usage", f"--user-data-dir={user_data_dir}",
                             "--remote-debugging-port=0", "--window-size=1280,800", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        devtools = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = await asyncio.to_thread(proc.stderr.readline)
            if not line:
                break
            m = re.search(r"DevTools listening on (ws://\S+)", line)
            if m:
                devtools = m.group(1)
                break
        assert devtools, "chromium did not start its DevTools endpoint"
        frames: list[bytes] = []
        async with aiohttp.ClientSession() as s, s.ws_connect(devtools, max_msg_size=0) as ws:
            counter = 0

            def note(msg: dict) -> None:
                if msg.get("method") == "Network.webSocketFrameReceived":
                    r = msg["params"]["response"]
                    frames.append(base64.b64decode(r["payloadData"]) if r["opcode"] == 2 else
                                  r["payloadData"].encode())

            async def call(method: str, params: dict | None = None, session: str | None = None) -> dict:
                nonlocal counter
                counter += 1
                await ws.send_json({"id": counter, "method": method, "params": params or {},
                                    **({"sessionId": session} if session else {})})
                while True:
                    msg = await ws.receive_json(timeout=30)
                    if msg.get("id") == counter:
                        assert "error" not in msg, msg
                        return msg["result"]
                    note(msg)

            target = (await call("Target.createTarget", {"url": "about:blank"}))["targetId"]
            sid = (await call("Target.attachToTarget", {"targetId": target, "flatten": True}))["sessionId"]
            await call("Network.enable", {}, sid)
            await call("Page.navigate", {"url": url}, sid)
            end = time.monotonic() + wait
            while time.monotonic() < end:
                try:
                    note(await ws.receive_json(timeout=0.5))
                except asyncio.TimeoutError:
                    pass
                text = b"".join(frames).decode("utf-8", "replace")
                if "Übersicht" in text and "Vergleich" in text:
                    await asyncio.sleep(1.0)   # let xterm.js paint
                    break
            classes = (await call("Runtime.evaluate", {"expression": "document.body.className",
                                                       "returnByValue": True}, sid))["result"]["value"]
            shot = base64.b64decode((await call("Page.captureScreenshot", {"format": "png"}, sid))["data"])
            await call("Target.closeTarget", {"targetId": target})
        return b"".join(frames).decode("utf-8", "replace"), classes, shot
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _children(pid: int) -> list[int]:
    out = []
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                stat = (p / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(p.name))
    return out


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian: apt-get install chromium); "
                                             "the browser check of `kjc-tui serve` needs it")
def test_dashboard_first_screen_in_headless_chromium(tmp_path, dashboard_db):
    served = start_serve(tmp_path, dashboard_db)
    profile = Path(tempfile.mkdtemp(prefix="kjc-chromium-"))
    try:
        text, classes, shot = asyncio.run(_browse(served.link, profile))
        plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)
        # the tab bar of the dashboard's first screen, as the browser received it
        for label in ("1 Übersicht", "2 Jobcenter", "3 Tabellen", "4 Diagramme", "5 Vergleich"):
            assert label in plain, (label, plain[:2000])
        assert "Traceback" not in plain
        # xterm.js got the first bytes and showed the terminal (the intro dialog is gone)
        assert "-first-byte" in classes.split()
        assert shot[:8] == b"\x89PNG\r\n\x1a\n" and len(shot) > 10_000
        (tmp_path / "serve-screenshot.png").write_bytes(shot)
        # the tab is closed: its dashboard process ends
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and _children(served.proc.pid):
            time.sleep(0.2)
        assert _children(served.proc.pid) == []
    finally:
        stop(served)
        shutil.rmtree(profile, ignore_errors=True)
