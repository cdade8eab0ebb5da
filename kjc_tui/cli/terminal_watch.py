"""End the dashboard when its terminal is gone (a lost SSH connection), also without SIGHUP.

Normally the kernel sends SIGHUP to the session of a pseudo-terminal whose other end
(sshd) went away, and the dashboard ends. When the dashboard does not get that signal – it
runs in its own session, under a wrapper that ignores or does not forward SIGHUP – the
terminal is hung up under it: reads return end-of-file at once and writes fail. Textual's
input thread then polls the dead terminal in a tight loop, and a dashboard nobody sees keeps
half a CPU core busy on a shared server for good.

`watch()` starts a daemon thread that asks the terminal for its attributes every second;
on a hung-up terminal that fails with EIO, and the thread raises SIGHUP in its own process:
the dashboard ends exactly as if the connection had sent it. Nothing else is touched; for
stdin that is not a terminal (pipes, tests) nothing is started; under textual-serve
(`kjc-tui serve`) the thread watches for the server going away instead (`watch_parent`).

A SIGHUP that the dashboard inherited as ignored (started under `nohup` or a runner that ignores
it) is given its default action back first: a dashboard without its terminal or its server
is of use to nobody, and the signal is how both ways end it.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time


def terminal_alive(fd: int) -> bool:
    import termios

    try:
        termios.tcgetattr(fd)
    except termios.error:
        return False
    return True


def watch(interval: float = 1.0) -> threading.Thread | None:
    """Start watching (call from the main thread); None where there is nothing to watch."""
    if not hasattr(signal, "SIGHUP"):
        return None
    if signal.getsignal(signal.SIGHUP) is signal.SIG_IGN:
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
    if os.environ.get("TEXTUAL_DRIVER", "").endswith(":WebDriver"):
        return watch_parent(interval)
    try:
        fd = sys.stdin.fileno()
    except (AttributeError, ValueError, OSError):
        return None
    if not os.isatty(fd):
        return None

    def run() -> None:
        while True:
            time.sleep(interval)
            if not terminal_alive(fd):
                os.kill(os.getpid(), signal.SIGHUP)
                return

    t = threading.Thread(target=run, name="kjc-terminal-watch", daemon=True)
    t.start()
    return t


def watch_parent(interval: float = 1.0) -> threading.Thread:
    """Under `kjc-tui serve` (textual-serve's web driver): end when the server is gone.

    The server talks to the dashboard through pipes; if it is killed (SIGKILL, out of memory)
    nothing tells the dashboard, which would wait forever. Its parent changes then (to init or
    a subreaper), and that is what this thread watches for.
    """
    parent = os.getppid()

    def run() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                os.kill(os.getpid(), signal.SIGHUP)
                return

    t = threading.Thread(target=run, name="kjc-server-watch", daemon=True)
    t.start()
    return t
