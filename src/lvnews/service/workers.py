"""``lvnews serve --workers N`` on Linux: one listening socket per worker.

uvicorn's own multiprocess mode binds one socket in the parent and shares it,
and asyncio accepts every pending connection on whichever worker wakes first:
a client's keep-alive connections, opened together, can all land on one
worker while the others idle (measured with ``benchmarks/load.py`` at
concurrency 2: one of two workers did 90% of the work). Here each worker binds
its own socket to the same address with ``SO_REUSEPORT``, and the kernel
spreads new connections over the workers by their addresses.

The parent only supervises: it restarts a worker that dies, stops all of them
when one cannot start (exit 3, uvicorn's start-up failure), and passes SIGINT
and SIGTERM on so each worker shuts down gracefully.
"""

from __future__ import annotations

import multiprocessing
import signal
import socket
import sys
import threading
from typing import Any

STARTUP_FAILURE = 3
# How long the parent waits for a worker's graceful shutdown beyond its own grace time.
JOIN_MARGIN_SECONDS = 5.0


def reuse_port_supported(port: int) -> bool:
    """Linux balances connections over ``SO_REUSEPORT`` sockets; elsewhere one socket
    gets them all. Port 0 would give every worker a different port."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT") and port != 0


def listening_socket(host: str, port: int, reuse_port: bool = True) -> socket.socket:
    """A bound TCP socket, in the ``SO_REUSEPORT`` group of ``host:port`` unless told otherwise.

    Made with ``IPPROTO_TCP`` rather than 0, so that asyncio recognises the
    connections accepted from it as TCP and turns Nagle's algorithm off.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


def _worker(app: str, host: str, port: int, options: dict[str, Any]) -> None:
    """One worker process: its own socket, then uvicorn until SIGTERM."""
    import uvicorn

    sock = listening_socket(host, port)
    uvicorn.Server(uvicorn.Config(app, factory=True, host=host, port=port, **options)).run(sockets=[sock])


def run_workers(app: str, host: str, port: int, workers: int, options: dict[str, Any]) -> int:
    """Supervise ``workers`` uvicorn processes (``options`` for ``uvicorn.Config``) until
    SIGINT/SIGTERM; the exit status."""
    # A clear error before any model loads when the address is taken. Bound without
    # SO_REUSEPORT, so that another server's SO_REUSEPORT group counts as taken too:
    # joining it would silently split that server's traffic with this one.
    listening_socket(host, port, reuse_port=False).close()
    context = multiprocessing.get_context("spawn")
    stop = threading.Event()

    def start() -> multiprocessing.process.BaseProcess:
        process = context.Process(target=_worker, args=(app, host, port, options), name="lvnews-serve-worker")
        process.start()
        return process

    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    processes = [start() for _ in range(workers)]
    status = 0
    try:
        while not stop.wait(0.5):
            for n, process in enumerate(processes):
                if process.is_alive():
                    continue
                if process.exitcode == STARTUP_FAILURE:
                    status = STARTUP_FAILURE
                    stop.set()
                    break
                print(f"lvnews serve: worker {process.pid} exited with {process.exitcode}; restarting",
                      file=sys.stderr)
                processes[n] = start()
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()  # SIGTERM: uvicorn's graceful shutdown
        for process in processes:
            process.join(options.get("timeout_graceful_shutdown", 0) + JOIN_MARGIN_SECONDS)
            if process.is_alive():
                process.kill()
                process.join()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return status
