"""Serves the web pages, the embeddable widget script and their static files, without a build step.

The pages are plain HTML with external scripts and stylesheets only, so every page works under a
strict Content-Security-Policy. The NL Design System CSS is served straight from node_modules
(installed by `scripts/setup.sh node`), never copied into the repository. Data comes from the JSON
APIs; these routes hand out no personal data and therefore need no login: the staff pages ask
the API who is logged in and send the visitor to /login when nobody is.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, JSONResponse

from bot.catalogue import catalogue

WEB_DIR = Path(__file__).parent
PAGES_DIR = WEB_DIR / "pages"
STATIC_DIR = WEB_DIR / "static"
NODE_MODULES = WEB_DIR.parents[1] / "node_modules"

# Public name under /static/vendor/ -> directory inside node_modules.
VENDOR_DIRS: dict[str, Path] = {
    "utrecht-components": NODE_MODULES / "@utrecht/component-library-css/dist",
    "utrecht-tokens": NODE_MODULES / "@utrecht/design-tokens/dist",
    "noto-sans": NODE_MODULES / "@fontsource-variable/noto-sans",
}

PAGES = {
    "chat": "chat.html",
    "console": "console.html",
    "inbox": "inbox.html",
    "login": "login.html",
}

# The pages load scripts, styles, fonts and data from this origin only: no inline code, no eval.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
PAGE_HEADERS = {
    "Content-Security-Policy": PAGE_CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-cache",
}

router = APIRouter(tags=["web"], include_in_schema=False)


def _file_inside(base: Path, relative: str) -> Path:
    """The file `relative` below `base`, or 404 when it is missing or lies outside `base`."""
    root = base.resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        raise HTTPException(status_code=404, detail="Not found")
    return target


def _page(name: str) -> FileResponse:
    return FileResponse(PAGES_DIR / PAGES[name], media_type="text/html", headers=PAGE_HEADERS)


@router.get("/chat")
def chat_page() -> FileResponse:
    """Demo site of 'Gemeente Voorbeeld' with the widget embedded by one script tag."""
    return _page("chat")


@router.get("/console")
def console_page() -> FileResponse:
    """KCC console: phone intake, live record, queue of web chats that asked for a person."""
    return _page("console")


@router.get("/inbox")
def inbox_page() -> FileResponse:
    """Team inbox: flagged records, most urgent first."""
    return _page("inbox")


@router.get("/login")
def login_page() -> FileResponse:
    return _page("login")


@router.get("/widget.js")
def widget_script() -> FileResponse:
    """The embeddable widget; other sites load it cross-origin, so it is cached briefly."""
    return FileResponse(
        STATIC_DIR / "widget.js",
        media_type="text/javascript",
        headers={"Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff"},
    )


@router.get("/static/catalogue.json")
def domain_catalogue() -> JSONResponse:
    """Domain ids and labels in catalogue order, so the pages show the same words as the bot."""
    return JSONResponse(
        {
            "domains": [
                {
                    "id": d.id,
                    "label": d.label.model_dump(),
                    "label_child": d.label_child.model_dump() if d.label_child else None,
                    "household": d.household_level,
                    "applies_to": [band.value for band in d.applies_to],
                }
                for d in catalogue().domains
            ],
            "scale": {str(k): v.model_dump() for k, v in catalogue().scale.items()},
        },
        headers={"Cache-Control": "public, max-age=300"},
    )


@router.get("/static/vendor/{package}/{path:path}")
def vendor_file(package: str, path: str) -> FileResponse:
    """NL Design System CSS and font files, straight from node_modules."""
    if package not in VENDOR_DIRS:
        raise HTTPException(status_code=404, detail="Not found")
    return FileResponse(
        _file_inside(VENDOR_DIRS[package], path), headers={"Cache-Control": "public, max-age=3600"}
    )


@router.get("/static/{path:path}")
def static_file(path: str) -> FileResponse:
    return FileResponse(_file_inside(STATIC_DIR, path), headers={"Cache-Control": "no-cache"})
