"""The workspace's pages: HTML shells (Jinja2, autoescaped) whose scripts fetch the REST API and put every value
from the documents into the page as text, never as markup; the static files they need, served from the
package; the API's own documentation page; the login form for servers that need tokens.

    mount(app)      add the page routes and ``/static`` to the application
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from sitrep import __version__

from .access import COOKIE, caller_for

HERE = Path(__file__).parent
PAGES = {  # path -> (template, title)
    "/": ("workspace.html", "Situation"),
}
_env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True))
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")  # fmt: skip


def render(name: str, **values: Any) -> HTMLResponse:
    html = _env.get_template(name).render(version=__version__, **values)
    return HTMLResponse(html, headers={"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                                       "Referrer-Policy": "no-referrer"})  # fmt: skip


def mount(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/api/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return render("api_docs.html", title="REST API")

    @app.get("/login", include_in_schema=False)
    def login_form(error: str | None = None) -> HTMLResponse:
        return render("login.html", title="Log in", error=error)

    @app.post("/login", include_in_schema=False)
    def login(request: Request, token: Annotated[str, Form(max_length=200)]) -> Response:
        if caller_for(token, request.app.state.settings.db) is None:
            return RedirectResponse("/login?error=unknown+token", status_code=303)
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https")
        return response

    for path, (template, title) in PAGES.items():
        app.add_api_route(path, _page(template, title), include_in_schema=False, methods=["GET"])


def _page(template: str, title: str) -> Any:
    def show() -> HTMLResponse:
        return render(template, title=title)

    return show
