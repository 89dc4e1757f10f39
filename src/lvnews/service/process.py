"""Start and stop a real ``lvnews serve`` process (or the app in a thread): for tests,
benchmarks and scripts.

Exercising the service through a real uvicorn process on a real socket is the
only way to test what clients see (Content-Length handling, chunked bodies,
worker start-up, shutdown); this module keeps that plumbing in one place.
``serve_in_thread`` serves an app built in the calling process instead, for
checks that need the process's own objects (an analyzer with a fault injected,
the shared analyzer).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def process_tree_rss(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, bytes (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                todo.extend(int(c) for c in task.read_text().split())
    return total


class ServerProcess:
    """``python -m lvnews.cli serve`` on 127.0.0.1 and a free port, with its log in a file."""

    def __init__(self, args: Sequence[str] = (), env: Mapping[str, str] | None = None,
                 host: str = "127.0.0.1", port: int | None = None, keep_log: bool = False) -> None:
        self.host = host
        self.port = port or free_port(host)
        self.args = list(args)
        self.env = {**os.environ, **(env or {})}
        self.keep_log = keep_log
        self.final_log = ""
        self.proc: subprocess.Popen[bytes] | None = None
        self._log = tempfile.NamedTemporaryFile(prefix="lvnews-serve-", suffix=".log", delete=False)  # noqa: SIM115
        self.log_path = Path(self._log.name)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 120.0) -> "ServerProcess":
        """Start and wait until ``/ready`` says 200; RuntimeError with the log if it never does."""
        cmd = [sys.executable, "-m", "lvnews.cli", "serve", "--host", self.host, "--port", str(self.port),
               *self.args]
        self.proc = subprocess.Popen(cmd, stdout=self._log, stderr=subprocess.STDOUT, env=self.env)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"lvnews serve exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + "/ready", timeout=2) as resp:
                    if resp.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"lvnews serve not ready after {timeout:g} s:\n{self.log_tail()}")

    def stop(self, timeout: float = 20.0) -> int | None:
        """SIGTERM (graceful shutdown), then SIGKILL if it hangs; the exit status.

        uvicorn re-raises the SIGTERM after its graceful shutdown, so a clean
        stop exits with ``-SIGTERM``. The log's end stays in ``final_log``;
        the file is removed unless ``keep_log`` was set.
        """
        try:
            if self.proc is None or self.proc.poll() is not None:
                return None if self.proc is None else self.proc.returncode
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                return self.proc.wait(5)
        finally:
            self.final_log = self.log_tail()
            self._log.close()
            if not self.keep_log:
                self.log_path.unlink(missing_ok=True)

    def rss(self) -> int:
        """Resident memory of the server and its worker processes, bytes."""
        return process_tree_rss(self.proc.pid) if self.proc else 0

    def log_tail(self, chars: int = 4000) -> str:
        """The end of the server's log, for error messages."""
        try:
            if not self._log.closed:
                self._log.flush()
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]
        except (OSError, ValueError):
            return "(log no longer available)"

    def __enter__(self) -> "ServerProcess":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextlib.contextmanager
def serve_in_thread(app: Any, host: str = "127.0.0.1", start_timeout: float = 60.0) -> Iterator[str]:
    """Serve the ASGI ``app`` with uvicorn in a thread of this process (lifespan included)
    on a free port; yields the base URL and stops the server on exit."""
    import uvicorn

    port = free_port(host)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, name="lvnews-serve-thread", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + start_timeout
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"uvicorn did not start on {host}:{port} within {start_timeout:g} s")
            time.sleep(0.02)
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(30)
