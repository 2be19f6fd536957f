"""The FastAPI application: settings, database, routers and error handling.

Add a router by appending it to one of the two lists below: `STAFF_ROUTERS` get the staff
login check attached once; `PUBLIC_ROUTERS` are the named exceptions and check access
themselves (or need none).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

from api.analysis import routes as analysis_routes
from api.conversations import routes as conversation_routes
from api.conversations.rasa_client import RasaClient
from api.core.config import Settings, get_settings
from api.core.db import Database
from api.core.errors import ServiceError
from api.deps import current_staff, get_db
from api.records import routes as records_routes
from api.staff import routes as staff_routes
from api.staff.service import ensure_demo_user
from api.web import routes as web_routes

logger = logging.getLogger(__name__)

# Public: staff login/logout (/me checks its own token), and the health check below.
# The conversation router checks each conversation's own token or a KCC employee itself.
PUBLIC_ROUTERS: list[APIRouter] = [
    staff_routes.router,
    web_routes.router,
    conversation_routes.router,
]
# Staff only: every route needs a valid staff token.
STAFF_ROUTERS: list[APIRouter] = [records_routes.router, analysis_routes.router]


def operation_id(route: APIRoute) -> str:
    """OpenAPI operation ids like "records-list_records"."""
    return f"{route.tags[0]}-{route.name}" if route.tags else route.name


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; pass `settings` in tests (they also replace `get_settings`)."""
    settings = settings or get_settings()
    db = Database(settings.database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if settings.should_auto_migrate:
            db.migrate()
        if not settings.is_production:
            with db.session() as session:
                ensure_demo_user(session=session)
        yield
        app.state.rasa.close()
        db.dispose()

    app = FastAPI(
        title="Gezinsintake",
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
        docs_url=None if settings.is_production else "/docs",
    )
    app.state.db = db
    app.state.rasa = RasaClient(settings.rasa_url)
    app.state.settings = settings
    app.dependency_overrides[get_settings] = lambda: settings

    if settings.widget_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.widget_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "Last-Event-ID"],
            allow_credentials=False,  # the widget sends its conversation token, never cookies
        )
    for router in PUBLIC_ROUTERS:
        app.include_router(router)
    for router in STAFF_ROUTERS:
        app.include_router(router, dependencies=[Depends(current_staff)])

    @app.get("/health", tags=["health"])
    def health(database: Annotated[Database, Depends(get_db)]) -> JSONResponse:
        """Up when the database answers."""
        ok = database.ping()
        return JSONResponse(
            {"status": "ok" if ok else "unavailable", "database": "ok" if ok else "unreachable"},
            status_code=status.HTTP_200_OK if ok else status.HTTP_503_SERVICE_UNAVAILABLE,
        )

    _add_error_handlers(app)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        where = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors)
        return JSONResponse(
            {"detail": f"invalid request: {where}", "errors": errors},
            status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
        )

    @app.exception_handler(ServiceError)
    async def service_error(_request: Request, exc: ServiceError) -> JSONResponse:
        body: dict = {"detail": str(exc)}
        if errors := getattr(exc, "errors", None):
            body["errors"] = errors
        return JSONResponse(body, status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Only the exception type and the route template: messages may hold personal data.
        route = request.scope.get("route")
        logger.error(
            "unhandled %s in %s %s",
            type(exc).__name__,
            request.method,
            getattr(route, "path", "?"),
        )
        return JSONResponse(
            {"detail": "internal server error"},
            status_code=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
