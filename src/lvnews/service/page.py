"""The demo page: one HTML file plus its script and stylesheet, shipped in the package.

Everything is served from the package (no CDN), so the page works offline and
behind firewalls; it talks to the same JSON API as any other client.
"""

from __future__ import annotations

from importlib.resources import files

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC = files("lvnews.service") / "static"

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
async def index() -> HTMLResponse:
    """The demo page; read per request so it is cheap to edit while developing."""
    return HTMLResponse((STATIC / "index.html").read_text(encoding="utf-8"))


def install_page(app: FastAPI) -> None:
    """Add ``/`` and ``/static/*`` to the app."""
    app.include_router(router)
    app.mount("/static", StaticFiles(packages=[("lvnews.service", "static")]), name="static")
