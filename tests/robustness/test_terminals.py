"""Terminals: 80×24, tiny sizes, resizing, NO_COLOR, 16 colours, and a lost SSH connection.

The Pilot tests run the app in-process (App.run_test). The pty tests start the real
`kjc-tui` in a pseudo-terminal, as sshd does, read its first screen, and then close the
terminal under it.
"""

from __future__ import annotations

import fcntl
import hashlib
import html
import os
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VIEW_LABELS = ("1 Übersicht", "2 Jobcenter", "3 Tabellen", "4 Diagramme", "5 Vergleich")
#: the tab names as bytes reach a terminal (number and name are styled apart)
TAB_NAMES = ("Übersicht", "Jobcenter", "Tabellen", "Diagramme", "Vergleich")

pytestmark = pytest.mark.slow


# -- in-process (Pilot) ---------------------------------------------------------------------------


def make_app(user_config, db: Path):
    import datetime as dt

    from kjc_tui.ui.app import KjcApp

    return KjcApp(user_config, db_path=db, today=dt.date(2025, 11, 22))


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen_text(app) -> str:
    """The visible text of the current screen (from the SVG screenshot)."""
    svg = app.export_screenshot()
    body = svg.split("</style>", 1)[-1]
    lines: dict[str, list[tuple[float, str]]] = {}
    for m in re.finditer(r'<text[^>]*x="([\d.]+)"[^>]*y="([\d.]+)"[^>]*>(.*?)</text>', body, re.S):
        lines.setdefault(m.group(2), []).append((float(m.group(1)), html.unescape(re.sub(r"<[^>]+>", "", m.group(3)))))
    out = []
    for y in sorted(lines, key=float):
        out.append("".join(t for _, t in sorted(lines[y])))
    return "\n".join(out).replace("\u00a0", " ")


def assert_healthy(app) -> None:
    assert app.is_running, f"the app ended (return code {app.return_code})"
    assert app._exception is None, app._exception


async def test_every_view_at_80x24(ui_db, user_config):
    app = make_app(user_config, ui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "1 Übersicht" in text and "2 Jobcenter" in text, text
        for key, view in zip("23451", ("jobcenter", "tables", "charts", "compare", "overview")):
            await pilot.press(key)
            await settle(pilot)
            assert app.current_view == view
            assert_healthy(app)
        for key in ("question_mark", "escape", "down", "down", "enter", "escape", "tab", "tab"):
            await pilot.press(key)
            await pilot.pause()
        await settle(pilot)
        assert_healthy(app)


@pytest.mark.parametrize("size", [(20, 5), (1, 1)])
async def test_tiny_sizes_do_not_crash(ui_db, user_config, size):
    app = make_app(user_config, ui_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in ("2", "3", "4", "5", "1", "question_mark", "escape", "down", "enter", "escape"):
            await pilot.press(key)
            await pilot.pause()
        await settle(pilot)
        assert_healthy(app)
        screen_text(app)   # rendering works


def squeezed(text: str) -> str:
    return re.sub(r"\s+", " ", text)


async def test_tiny_size_shows_a_message(ui_db, user_config):
    app = make_app(user_config, ui_db)
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        text = squeezed(screen_text(app))
        assert "Fenster zu klein" in text and "60×16" in text, text
        assert "Übersicht" not in text


async def test_resize_large_to_tiny_and_back(ui_db, user_config):
    app = make_app(user_config, ui_db)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        for size in ((20, 5), (1, 1), (5, 40), (200, 2), (80, 24), (20, 5), (120, 40)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert_healthy(app)
            if size in ((20, 5), (200, 2)):
                assert "zu klein" in squeezed(screen_text(app)), (size, screen_text(app))
        await pilot.press("3")
        await settle(pilot)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        text = screen_text(app)
        for label in VIEW_LABELS[:3]:
            assert label in text, text
        assert "zu klein" not in squeezed(text)
        assert app.current_view == "tables"
        await pilot.press("1")
        await settle(pilot)
        assert app.current_view == "overview"
        assert_healthy(app)


async def test_no_color_is_honoured(ui_db, user_config, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(user_config, ui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.no_color
        assert "1 Übersicht" in screen_text(app)
        assert_healthy(app)


# -- real terminals: a pseudo-terminal like sshd's ----------------------------------------------------


class PtyRun:
    """`kjc-tui --db DB` in a new pty, with a private HOME, XDG dirs and TMPDIR."""

    def __init__(self, tmp: Path, db: Path, cols: int = 100, rows: int = 30, env: dict[str, str] | None = None,
                 controlling_tty: bool = True, sighup_ignored: bool = False):
        self.tmp = tmp
        self.home = tmp / "home"
        self.tmpdir = tmp / "tmp"
        for d in (self.home, self.tmpdir):
            d.mkdir(parents=True, exist_ok=True)
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(self.home),
                "XDG_CONFIG_HOME": str(self.home / ".config"), "XDG_DATA_HOME": str(self.home / ".local/share"),
                "XDG_CACHE_HOME": str(self.home / ".cache"), "XDG_STATE_HOME": str(self.home / ".local/state"),
                "TMPDIR": str(self.tmpdir), "TERM": "xterm-256color", "LANG": "C.UTF-8",
                "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
        base.update(env or {})

        def become_session_leader_with_this_terminal() -> None:
            if controlling_tty:
                fcntl.ioctl(0, termios.TIOCSCTTY, 0)
            # as `nohup` starts it, or a runner that ignores SIGHUP; else as a login shell does
            signal.signal(signal.SIGHUP, signal.SIG_IGN if sighup_ignored else signal.SIG_DFL)

        self.proc = subprocess.Popen([sys.executable, "-m", "kjc_tui", "--db", str(db)], stdin=slave, stdout=slave,
                                     stderr=slave, env=base, cwd=tmp, start_new_session=True,
                                     preexec_fn=become_session_leader_with_this_terminal)
        os.close(slave)
        self.output = b""

    def read_until(self, *needles: str, timeout: float = 30.0) -> str:
        end = time.monotonic() + timeout
        want = [n.encode() for n in needles]
        while time.monotonic() < end:
            r, _, _ = select.select([self.master], [], [], 0.2)
            if r:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                self.output += chunk
            if all(w in self.output for w in want):
                time.sleep(0.5)       # the rest of the first frame
                self.drain()
                return self.text
        raise AssertionError(f"no {needles} within {timeout}s; got:\n{self.plain[-3000:]}")

    def drain(self) -> None:
        while select.select([self.master], [], [], 0.1)[0]:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk

    @property
    def text(self) -> str:
        return self.output.decode("utf-8", "replace")

    @property
    def plain(self) -> str:
        return re.sub(r"\x1b\[[0-9;?<>=$]*[A-Za-z]|\x1b[()][0-9A-Za-z]|\x1b[=>]", "", self.text)

    def hang_up(self) -> None:
        """What sshd does when the connection is lost: close its end of the terminal."""
        os.close(self.master)

    def wait(self, timeout: float) -> int | None:
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        try:
            os.close(self.master)
        except OSError:
            pass


def sgr_codes(text: str) -> list[str]:
    return re.findall(r"\x1b\[([0-9;:]*)m", text)


def files_under(d: Path) -> list[str]:
    return sorted(str(p.relative_to(d)) for p in d.rglob("*") if p.is_file() or p.is_symlink())


@pytest.fixture()
def private_db(embedded_db, tmp_path) -> Path:
    d = tmp_path / "db"
    d.mkdir()
    shutil.copyfile(embedded_db, d / "kjc.duckdb")
    return d / "kjc.duckdb"


@pytest.mark.parametrize("controlling_tty,sighup_ignored", [(True, False), (False, False), (True, True)],
                         ids=["sighup", "hung-up-without-sighup", "under-nohup"])
def test_lost_connection_ends_the_dashboard_and_leaves_nothing(tmp_path, private_db, controlling_tty, sighup_ignored):
    """sshd closes the terminal: the dashboard ends (by SIGHUP, or by noticing the dead terminal when the
    signal does not reach it, also when it was started with SIGHUP ignored), and leaves no files but
    the user's own settings."""
    digest = hashlib.sha256(private_db.read_bytes()).hexdigest()
    run = PtyRun(tmp_path / "session", private_db, controlling_tty=controlling_tty, sighup_ignored=sighup_ignored)
    try:
        run.read_until(*TAB_NAMES)
        assert "Traceback" not in run.plain
        run.hang_up()
        code = run.wait(timeout=15)
        assert code is not None, "the dashboard kept running after its terminal was gone"
        assert code in (-signal.SIGHUP, 0, 1, 129), code
    finally:
        run.kill()
    # the user's settings, and the Übersicht cache the dashboard keeps per snapshot (complete files only)
    import json

    left = files_under(run.home)
    for name in left:
        if re.fullmatch(r"\.cache/kjc-tui/overview/[0-9a-f]+\.json", name):
            json.loads((run.home / name).read_text(encoding="utf-8"))
        else:
            assert name == ".config/kjc-tui/kjc.toml", left
    assert files_under(run.tmpdir) == []
    assert sorted(p.name for p in private_db.parent.iterdir()) == ["kjc.duckdb"]
    assert hashlib.sha256(private_db.read_bytes()).hexdigest() == digest


def test_sixteen_colour_terminal(tmp_path, private_db):
    """TERM=xterm without COLORTERM: only the 16 standard colours are sent (no 256/true colour)."""
    run = PtyRun(tmp_path / "s", private_db, env={"TERM": "xterm"})
    try:
        run.read_until(*TAB_NAMES)
    finally:
        run.kill()
    codes = sgr_codes(run.text)
    params = [int(p) for c in codes for p in re.split(r"[;:]", c) if p]
    assert any(30 <= p <= 37 or 90 <= p <= 97 for p in params), codes[:20]
    extended = [c for c in codes if re.search(r"(^|;)(38|48)[;:]", c)]
    assert extended == [], extended[:10]


def test_no_color_terminal_gets_grey_only(tmp_path, private_db):
    """NO_COLOR=1 in a true-colour terminal: Textual turns everything to shades of grey."""
    run = PtyRun(tmp_path / "s", private_db, env={"NO_COLOR": "1", "COLORTERM": "truecolor"})
    try:
        run.read_until(*TAB_NAMES)
    finally:
        run.kill()
    colours = re.findall(r"(?:^|;)[34]8;2;(\d+);(\d+);(\d+)", ";".join(sgr_codes(run.text)))
    assert colours, "no true colours at all?"
    assert all(r == g == b for r, g, b in colours), sorted(set(colours))[:10]


def test_tiny_pseudo_terminal_starts_and_survives_resizing(tmp_path, private_db):
    """Started at 20×5, enlarged, shrunk to 1×1 and enlarged again – the process keeps running."""
    run = PtyRun(tmp_path / "s", private_db, cols=20, rows=5)
    try:
        run.read_until("Fenster zu klein")  # what 20×5 shows from the first frame on (no views drawn first)
        assert "Übersicht" not in run.plain
        for cols, rows in ((120, 40), (1, 1), (3, 200), (80, 24)):
            fcntl.ioctl(run.master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.killpg(run.proc.pid, signal.SIGWINCH)
            time.sleep(0.4)
            run.drain()
            assert run.proc.poll() is None, run.plain[-2000:]
        run.output = b""
        os.write(run.master, b"2")       # still answers keys: to the Jobcenter view
        run.read_until("Jobcenter")
        assert "Traceback" not in run.plain
    finally:
        run.kill()


def _open_snapshots(pid: int, db: Path) -> tuple[int, int]:
    """(descriptors on the current database file, descriptors on replaced = deleted snapshots)."""
    current = deleted = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target == str(db):
            current += 1
        elif target.startswith(str(db)) and target.endswith("(deleted)"):
            deleted += 1
    return current, deleted


def test_dashboards_follow_loads_to_the_newest_snapshot(tmp_path, private_db):
    """Three dashboards in terminals while loads replace the database under them: none fails, and each
    moves to the newest snapshot by itself (auto_reload). Replaced snapshots are let go 30 s later (the
    shell's grace period for queries still running on them), so at most the replaced ones are open."""
    from dataset import german_excel_csv
    from kjc_tui.db import snapshot

    runs = [PtyRun(tmp_path / f"user{i}", private_db) for i in range(3)]
    try:
        for run in runs:
            run.read_until(*TAB_NAMES)
        for n in range(4):
            f = tmp_path / f"load{n}.csv"
            f.write_bytes(german_excel_csv([f"06437;Januar 2025;K1;{n},5;https://x.example/{n};01.03.2025"]))
            snapshot.load(private_db, [f])
            time.sleep(0.7)
            for run in runs:
                run.drain()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            for run in runs:
                run.drain()
            states = [_open_snapshots(run.proc.pid, private_db) for run in runs]
            if all(current >= 1 for current, _ in states):
                break
            time.sleep(0.5)
        assert all(current >= 1 and deleted <= 4 for current, deleted in states), states
        for run in runs:
            assert run.proc.poll() is None
            assert "Traceback" not in run.plain
    finally:
        for run in runs:
            run.kill()
