"""The HTTP service (``lvnews serve``): a JSON API over the analyzer plus a demo page.

``serve_command`` turns CLI flags into ``LVNEWS_*`` environment variables and
runs uvicorn on the app factory ``lvnews.service.app:create_app``, so one code
path serves both a single worker and ``--workers N`` (separate processes that
each load the model once; on Linux each with its own listening socket, see
``workers.py``).

FastAPI and uvicorn are an optional extra: ``pip install lvnews[service]``.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from dataclasses import replace

from .workers import reuse_port_supported, run_workers

APP_FACTORY = "lvnews.service.app:create_app"
# Extra time after the request timeout for in-flight requests to finish on SIGTERM.
SHUTDOWN_GRACE_SECONDS = 5.0


def settings_from_args(args: argparse.Namespace):  # noqa: ANN201
    """Settings: environment first, CLI flags on top (the API key and model only when given)."""
    from .settings import Settings

    base = Settings.from_env()
    return replace(base,
                   model=getattr(args, "model", None) or base.model,
                   backend=getattr(args, "backend", None) or base.backend,
                   max_bytes=args.max_bytes,
                   api_key=args.api_key if args.api_key is not None else base.api_key,
                   timeout=args.timeout)


def is_loopback(host: str) -> bool:
    """True for 127.0.0.1, ::1 and localhost: binds that other machines cannot reach."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve_command(args: argparse.Namespace) -> int:
    """Run the service until interrupted; the CLI's exit status."""
    try:
        import uvicorn
    except ImportError:
        print("lvnews serve: the service needs FastAPI and uvicorn: pip install 'lvnews[service]'",
              file=sys.stderr)
        return 2
    try:
        settings = settings_from_args(args)
    except ValueError as err:
        print(f"lvnews serve: {err}", file=sys.stderr)
        return 2
    if args.workers < 1:
        print(f"lvnews serve: --workers must be at least 1, not {args.workers}", file=sys.stderr)
        return 2
    os.environ.update(settings.to_env())
    if not is_loopback(args.host) and settings.api_key is None:
        print(f"lvnews serve: warning: listening on {args.host} without --api-key", file=sys.stderr)
    options = {"lifespan": "on", "log_level": os.environ.get("LVNEWS_LOG_LEVEL", "info"),
               "access_log": os.environ.get("LVNEWS_ACCESS_LOG", "1") not in ("0", "false", "no"),
               "server_header": False, "timeout_graceful_shutdown": int(settings.timeout + SHUTDOWN_GRACE_SECONDS)}
    if args.workers > 1 and reuse_port_supported(args.port):
        try:
            return run_workers(APP_FACTORY, args.host, args.port, args.workers, options)
        except OSError as err:
            print(f"lvnews serve: cannot listen on {args.host}:{args.port}: {err}", file=sys.stderr)
            return 1
    try:
        uvicorn.run(APP_FACTORY, factory=True, host=args.host, port=args.port, workers=args.workers, **options)
    except SystemExit as exit_:  # uvicorn exits 3 when start-up (e.g. loading the model) fails
        return exit_.code if isinstance(exit_.code, int) else 1
    return 0


__all__ = ["serve_command", "APP_FACTORY"]
