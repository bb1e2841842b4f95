"""The application factory: API, web pages, static assets, error handling."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.security import HTTPAuthorizationCredentials as BearerCredentials
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ringscope import settings
from ringscope.serve import (
    api,
    api_account,
    api_claims,
    api_exports,
    api_graph,
    api_judgements,
    api_screen,
    pages,
    queries,
    schemas,
    webauth,
)
from ringscope.serve.auditwriter import AuditWriter
from ringscope.serve.db import Database
from ringscope.serve.deps import LoginRequired, audit, bearer, session_user
from ringscope.serve.middleware import BodyLimit, DenialAudit
from ringscope.serve.preload import Preloader
from ringscope.serve.users import user_for_token

STATIC = Path(__file__).parent / "static"

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
    " script-src 'self'; frame-ancestors 'none'; form-action 'self'",
}


class SecurityHeaders:
    """Pure ASGI middleware adding security headers (and no-store on API answers)."""

    def __init__(self, app: ASGIApp, hsts: bool = False) -> None:
        self.app = app
        self.hsts = hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        no_store = str(scope.get("path", "")).startswith("/api/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if no_store:
                    headers.setdefault("Cache-Control", "no-store")
                if self.hsts:
                    headers.setdefault("Strict-Transport-Security", "max-age=31536000")
            await send(message)

        await self.app(scope, receive, with_headers)


def _warm() -> None:
    """Load what fusion loads once per process (the place gazetteer, exchange rates), so that the
    first page that applies an event or figure judgement does not wait for it."""
    from ringscope.extract.gazetteer import gazetteer
    from ringscope.fuse.fx import table_dates

    gazetteer()
    table_dates()


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    threading.Thread(target=_warm, name="ringscope-warm", daemon=True).start()
    preloader: Preloader | None = app.state.preloader
    if preloader is not None:
        preloader.start()
    yield
    if preloader is not None:
        preloader.stop()
    app.state.audit.close()  # nothing recorded is lost at shutdown


def create_app(
    store_path: Path,
    *,
    title: str = "ringscope",
    secure_cookies: bool | None = None,
    max_body: int | None = None,
    preload: bool = True,
) -> FastAPI:
    """The web app and REST API over the store at ``store_path`` (which must exist).

    ``secure_cookies`` (default: the RINGSCOPE_SECURE_COOKIES setting) sends the session cookie only
    over HTTPS and asks browsers for HTTPS (HSTS): for a server behind TLS. Request bodies over
    ``max_body`` bytes (default RINGSCOPE_MAX_BODY_BYTES) are refused with 413 before being read.
    ``preload`` builds the store's picture in the background while the app runs, at start and after
    each change (:mod:`ringscope.serve.preload`), so that pages do not wait for it."""
    app = FastAPI(
        title=title,
        version="1",
        description="Reports, entities, claims, events, routes, search and exports of a ringscope store."
        " Every route but /health needs a bearer token (API) or a session (web pages).",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,  # served below, behind authentication
        lifespan=_lifespan,
    )
    app.state.db = Database(Path(store_path))
    app.state.audit = AuditWriter(Path(store_path))
    app.state.secure_cookies = settings.SECURE_COOKIES if secure_cookies is None else secure_cookies
    app.state.preloader = Preloader(Path(store_path)) if preload else None

    @app.get("/health", response_model=schemas.Health, tags=["health"])
    def health() -> schemas.Health:
        """Liveness: no authentication, nothing about the data."""
        return schemas.Health(status="ok", schema_version=queries.schema_version(app.state.db.conn()))

    @app.get("/openapi.json", include_in_schema=False)
    async def openapi_spec(
        request: Request, credentials: BearerCredentials = Depends(bearer)
    ) -> JSONResponse:
        """The OpenAPI spec, for holders of an API token or a web session."""
        token = credentials.credentials if credentials else ""
        conn = app.state.db.conn()
        if not (token and user_for_token(conn, token, "api")) and session_user(request) is None:
            raise HTTPException(401, "authentication required", headers={"WWW-Authenticate": "Bearer"})
        return JSONResponse(app.openapi())

    app.include_router(api_account.router)
    app.include_router(api.router)
    app.include_router(api_claims.router)
    app.include_router(api_exports.router)
    app.include_router(api_screen.router)
    app.include_router(api_graph.router)
    app.include_router(api_judgements.router)
    app.include_router(webauth.router)
    for router in pages.ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.exception_handler(LoginRequired)
    def login_required(request: Request, exc: LoginRequired) -> Response:
        audit(request, None, "denied", f"{request.method} {request.url.path}", "login required")
        return RedirectResponse(pages.login_url(exc.next_url), status_code=303)

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if not request.url.path.startswith(("/api/", "/health", "/openapi")) and exc.status_code in (
            403,
            404,
        ):
            return pages.error_page(request, exc.status_code, str(exc.detail))
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', 'invalid')}" for e in exc.errors()
        )
        if not request.url.path.startswith(("/api/", "/health", "/openapi")) and request.method == "GET":
            return pages.error_page(request, 400, f"invalid request: {problems}")
        return JSONResponse({"detail": f"invalid request: {problems}"}, status_code=422)

    app.add_middleware(BodyLimit, limit=settings.MAX_BODY_BYTES if max_body is None else max_body)
    app.add_middleware(DenialAudit, writer=app.state.audit)
    app.add_middleware(SecurityHeaders, hsts=app.state.secure_cookies)  # outermost: on every answer
    return app
