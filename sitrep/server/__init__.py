"""The web server: the analysts' workspace and the REST API in one process, a shell over the same core and store
as the CLI.

    sitrep serve [--db FILE] [--host 127.0.0.1] [--port 8765] [--tokens]

    app = create_app(settings, tokens=False)      the FastAPI application (what uvicorn runs)
    serve(settings, host, port, tokens=False)     check the access rules, then run it until Ctrl-C

``api.py`` is the REST API (``/api``, described at ``/api/openapi.json``, readable at ``/api/docs``), ``edits.py``
its review loop (``/api/edits``), ``pages.py``
the workspace (``/``), ``access.py`` who may use it and how much they may send, ``limits.py`` how often and
how much work it takes on (429, 503), ``work.py`` reading, analysing
and storing documents and the batch jobs, ``state.py`` what routes reach through their request, ``schemas.py``
the request and response models.  Everything is served from the package: no asset comes from another site.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from sitrep import __version__
from sitrep.errors import (
    BusyError,
    ConfigError,
    FetchError,
    InputError,
    InputTooLargeError,
    QueryError,
    SitrepError,
    StoreError,
    UrlRefusedError,
)
from sitrep.settings import Settings

from . import api, edits, pages
from .access import LOOPBACK, Guard, check_bind
from .limits import Buckets
from .work import Jobs

__all__ = ["create_app", "serve"]

READ_THREADS = 32  # threads of the route pool that waiting analyses cannot take (see threads_for)


def create_app(settings: Settings, *, tokens: bool = False, hosts: frozenset[str] | None = None) -> FastAPI:
    """The application; ``tokens``: every request needs a token; ``hosts``: the Host names it answers to (None:
    any)."""
    jobs = Jobs(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        threads_for(settings)
        yield
        jobs.stop()

    app = FastAPI(title="sitrep", version=__version__, lifespan=lifespan, openapi_url="/api/openapi.json",
                  docs_url=None, redoc_url=None,
                  description="Source-linked events, actors, places and facts from conflict and security reporting. "
                  "Documents, events and facts are the sitrep output contract (docs/output-contract.md).")  # fmt: skip
    app.state.settings, app.state.jobs = settings, jobs
    app.include_router(api.router)
    app.include_router(edits.router)
    pages.mount(app)
    for kind, handler in _HANDLERS.items():
        app.add_exception_handler(kind, handler)
    app.add_middleware(Guard, db=settings.db, max_bytes=settings.max_request_bytes, tokens=tokens, hosts=hosts,
                       rates=Buckets(settings.rate_limit, settings.rate_burst))  # fmt: skip
    return app


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8765, *, tokens: bool = False) -> None:
    import uvicorn

    needs_tokens = check_bind(host, settings.db, tokens)
    _check_port(host, port)
    hosts = frozenset(LOOPBACK | {host}) if host in LOOPBACK else None
    app = create_app(settings, tokens=needs_tokens, hosts=hosts)
    print(f"sitrep: serving {settings.db} at http://{_url_host(host)}:{port}/ "
          f"({'tokens required' if needs_tokens else 'this machine only'}); Ctrl-C stops")  # fmt: skip
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def threads_for(settings: Settings) -> None:
    """Size the thread pool the routes run in so that the analyses that may wait their turn (``analysis_queue``
    and the running one) never hold every thread: :data:`READ_THREADS` stay for the other requests."""
    limiter = anyio.to_thread.current_default_thread_limiter()
    limiter.total_tokens = max(limiter.total_tokens, settings.analysis_queue + 1 + READ_THREADS)


def _check_port(host: str, port: int) -> None:
    """A clear error now rather than uvicorn's when the address cannot be listened on."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        with socket.socket(infos[0][0], socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(infos[0][4])
    except (OSError, OverflowError) as exc:
        raise ConfigError(f"cannot listen on {host} port {port} ({exc}); give another --port or --host") from exc


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _error(status: int, message: str, detail: list[dict[str, Any]] | None = None,
           headers: dict[str, str] | None = None) -> JSONResponse:  # fmt: skip
    body: dict[str, Any] = {"error": message, "status": status}
    if detail is not None:
        body["detail"] = detail
    return JSONResponse(body, status_code=status, headers=headers)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    logging.getLogger("sitrep.server").error("%s %s failed", request.method, request.url.path, exc_info=exc)
    return _error(500, f"internal error ({type(exc).__name__}); the server's log has the details")


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    return _error(exc.status_code, str(exc.detail))


async def _invalid(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    detail = [{"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in exc.errors()]
    where = "; ".join(f"{'.'.join(d['loc'][1:]) or d['loc'][0]}: {d['msg']}" for d in detail[:5])
    return _error(422, f"malformed request ({where})", detail)


async def _sitrep_error(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, InputTooLargeError):
        return _error(413, str(exc))
    if isinstance(exc, BusyError):
        return _error(503, str(exc), headers={"Retry-After": str(exc.retry_after)})
    if isinstance(exc, UrlRefusedError):  # the caller's URL breaks a fetching rule (SSRF): refused, not failed
        return _error(422, str(exc))
    if isinstance(exc, FetchError):  # the URL's server failed or was refused, not the request
        return _error(502, str(exc))
    if isinstance(exc, InputError | ConfigError | QueryError):
        return _error(422, str(exc))
    if isinstance(exc, StoreError):
        return _error(503, str(exc))
    return _error(500, str(exc))


_HANDLERS: dict[Any, Any] = {StarletteHTTPException: _http_error, RequestValidationError: _invalid,
                             SitrepError: _sitrep_error, Exception: _unexpected}  # fmt: skip
