"""The composition root: ``create_app()`` wires blueprints, database, Redis, broker, errors."""

from __future__ import annotations

import logging
import time
import uuid
from typing import Any

from sanic import HTTPResponse, Request, Sanic
from sanic.exceptions import SanicException
from sanic.handlers import ErrorHandler
from sanic_ext import Extend, openapi
from sanic_ext.extensions.openapi.extension import OpenAPIExtension

from runcoach import (
    broker,
    cache,
    db,
    errors,
    http_cache,
    limits,
    offload,
    revocation,
    sockets,
    web,
    wiring,
)
from runcoach import openapi as openapi_document
from runcoach.athletes import service as athletes_service
from runcoach.auth import service as auth_service
from runcoach.config import Settings, get_settings
from runcoach.logs import configure as configure_logging
from runcoach.logs import event, request_id_var
from runcoach.web import dumps, json

log = logging.getLogger("runcoach.http")

_SANIC_CODES = {
    400: errors.BadRequest,
    401: errors.Unauthorized,
    403: errors.Forbidden,
    404: errors.NotFound,
    405: errors.MethodNotAllowed,
    413: errors.PayloadTooLarge,
    415: errors.UnsupportedMediaType,
    422: errors.ValidationFailed,
}


def problem(request: Request | None, exc: errors.ApiError) -> HTTPResponse:
    body = exc.to_problem(instance=request.path if request is not None else None)
    if request is not None and getattr(request.ctx, "request_id", None):
        body["request_id"] = request.ctx.request_id
    return HTTPResponse(
        dumps(body),
        status=exc.status_code,
        headers=exc.headers,
        content_type="application/problem+json",
    )


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def _allowed(request: Request) -> str:
    """The methods the request's path answers (RFC 9110: a 405 carries ``Allow``)."""
    allowed = []
    for method in _METHODS:
        try:
            request.app.router.get(request.path, method, None)
        except SanicException:
            continue
        allowed.append(method)
    return ", ".join(allowed)


class ProblemHandler(ErrorHandler):
    """Every failure, expected or not, answers application/problem+json."""

    def default(self, request: Request, exception: Exception) -> HTTPResponse:
        if isinstance(exception, errors.ApiError):
            return problem(request, exception)
        if db.unavailable(exception):  # an outage, not a bug: 503 with Retry-After, no trace
            event(
                log,
                "http.database_unavailable",
                logging.WARNING,
                path=request.path if request else None,
                error=type(exception).__name__,
            )
            return problem(request, errors.DatabaseUnavailable())
        if isinstance(exception, SanicException):
            status = int(getattr(exception, "status_code", 500) or 500)
            cls = _SANIC_CODES.get(status)
            if cls is not None:
                detail = str(exception) if status != 404 else "no such route"
                if status == 405:
                    detail = f"{request.method} is not allowed on {request.path}"
                    exception.headers = {**exception.headers, "Allow": _allowed(request)}
                if status == 413:
                    detail = "the request body is too large"
                api_error = cls(detail)
                headers = dict(getattr(exception, "headers", None) or {})
                api_error.headers.update(headers)
                return problem(request, api_error)
            if status < 500:
                err = errors.ApiError(str(exception))
                err.status_code, err.code, err.title = status, "http_error", "HTTP error"
                return problem(request, err)
        event(
            log,
            "http.unhandled_error",
            logging.ERROR,
            path=request.path if request else None,
            error=type(exception).__name__,
            exc_info=exception,
        )
        return problem(request, errors.ApiError("an unexpected error occurred; it has been logged"))


async def _setup(app: Sanic) -> None:
    from runcoach.llm import make_provider
    from runcoach.notifications.live import LiveHub
    from runcoach.redis_pool import create_client

    settings: Settings = app.ctx.settings
    offload.open_pool(settings.cpu_pool_size)
    await db.init(settings)
    app.ctx.cache = cache.configure(settings)
    app.ctx.limiter = limits.configure(settings)
    app.ctx.revocation = revocation.configure(
        settings, is_live=auth_service.session_is_live, touch=auth_service.touch_session
    )
    app.ctx.redis = create_client(settings)
    app.ctx.sessions_watch = revocation.Watch(app.ctx.redis)
    app.ctx.sessions_watch.start()
    app.ctx.llm = make_provider(settings)
    app.ctx.live = LiveHub(app.ctx.redis)
    app.ctx.live.start()


async def _teardown(app: Sanic) -> None:
    live = getattr(app.ctx, "live", None)
    if live is not None:
        await live.stop()
    watch = getattr(app.ctx, "sessions_watch", None)
    if watch is not None:
        await watch.stop()
    ended = getattr(app.ctx, "revocation", None)
    if ended is not None:
        await ended.aclose()
    llm = getattr(app.ctx, "llm", None)
    if llm is not None:
        await llm.aclose()
    redis = getattr(app.ctx, "redis", None)
    if redis is not None:
        await redis.aclose()
    app_cache = getattr(app.ctx, "cache", None)
    if app_cache is not None:
        await app_cache.aclose()
    limiter = getattr(app.ctx, "limiter", None)
    if limiter is not None:
        await limiter.aclose()
    await db.close()
    offload.close_pool()


def create_app(settings: Settings | object | None = None) -> Sanic:
    """Build the web application for ``settings`` (read from the environment by default).

    ``sanic runcoach.app:create_app --factory`` passes its CLI arguments: ignored.
    """
    if not isinstance(settings, Settings):
        settings = get_settings()
    configure_logging(level=settings.log_level, json=settings.log_json)
    broker.install(settings)  # before the actors are declared: they bind to it
    import actors  # noqa: F401 - declares every actor, so runcoach.jobs knows their names

    wiring.connect()

    app = Sanic(
        "runcoach",
        dumps=dumps,
        error_handler=ProblemHandler(),
        configure_logging=False,
    )
    app.ctx.settings = settings
    # Sanic's cap on any body, refused before it is read: the larger of the two limits plus
    # room for multipart framing. Within it, JSON bodies are held to REQUEST_MAX_SIZE
    # (web.parse_body) and files to UPLOAD_MAX_SIZE (the import route).
    app.config.REQUEST_MAX_SIZE = max(settings.upload_max_size, settings.request_max_size) + 65_536
    app.config.REQUEST_TIMEOUT = 60
    app.config.RESPONSE_TIMEOUT = 60
    app.config.KEEP_ALIVE_TIMEOUT = 5
    # websocket frames: client frames are small JSON (a message is <= 4,000 characters)
    app.config.WEBSOCKET_MAX_SIZE = 64 * 1024
    # a client that stops answering pings is dropped (runcoach.sockets)
    app.config.WEBSOCKET_PING_INTERVAL = settings.ws_ping_interval_s
    app.config.WEBSOCKET_PING_TIMEOUT = settings.ws_ping_timeout_s
    app.config.REQUEST_ID_HEADER = "X-Request-ID"
    # X-Forwarded-For is trusted only through this many proxies (1 on Render)
    app.config.PROXIES_COUNT = settings.proxies_count
    app.config.FALLBACK_ERROR_FORMAT = "json"
    app.config.ACCESS_LOG = False
    app.config.MOTD = False
    app.config.OAS_URL_PREFIX = "/docs"
    app.config.OAS_UI_DEFAULT = "swagger"
    app.config.OAS_AUTODOC = True
    Extend(app, extensions=[OpenAPIExtension], built_in_extensions=False)
    app.ext.openapi.describe(
        "RunCoach API",
        version="1.0.0",
        description="The HTTP and websocket API of RunCoach (contract: API.md). "
        "Errors are application/problem+json with a stable `code`.",
    )
    app.ext.openapi.add_security_scheme("bearer", "http", scheme="bearer", bearer_format="JWT")
    openapi_document.serve(app)

    _register_blueprints(app)
    _register_middleware(app)
    http_cache.register(app, local_midnight_ms=athletes_service.next_local_midnight_ms)
    app.register_listener(_setup, "before_server_start")
    app.register_listener(_teardown, "after_server_stop")
    return app


def _register_blueprints(app: Sanic) -> None:
    from runcoach import health
    from runcoach.athletes.routes import bp as athletes_bp
    from runcoach.auth.routes import bp as auth_bp
    from runcoach.coach.routes import bp as coach_bp
    from runcoach.coach.ws import bp as coach_ws_bp
    from runcoach.dashboard.routes import bp as dashboard_bp
    from runcoach.devices.routes import bp as devices_bp
    from runcoach.leaderboard.routes import bp as leaderboard_bp
    from runcoach.metrics.routes import bp as metrics_bp
    from runcoach.notifications.routes import bp as notifications_bp
    from runcoach.notifications.routes import tokens_bp as push_tokens_bp
    from runcoach.notifications.ws import bp as events_ws_bp
    from runcoach.plans.routes import bp as plans_bp
    from runcoach.sync.routes import bp as sync_bp
    from runcoach.training.routes import bp as training_bp
    from runcoach.workouts.routes import bp as workouts_bp
    from runcoach.workouts.routes import pages_bp as share_pages_bp

    for bp in (
        health.bp,
        auth_bp,
        athletes_bp,
        workouts_bp,
        metrics_bp,
        devices_bp,
        training_bp,
        dashboard_bp,
        leaderboard_bp,
        plans_bp,
        coach_bp,
        coach_ws_bp,
        notifications_bp,
        push_tokens_bp,
        events_ws_bp,
        sync_bp,
        share_pages_bp,
    ):
        app.blueprint(bp)

    @app.get("/openapi.json")
    @openapi.exclude(True)
    async def openapi_alias(request: Request) -> HTTPResponse:
        from sanic.response import redirect

        return redirect("/docs/openapi.json", status=308)


def _register_middleware(app: Sanic) -> None:
    async def _public_query(request: Request) -> None:
        if web.takes_api_query(request):
            web.parse_route_query(request)

    async def _socket_origin(request: Request) -> None:
        route = request.route
        websocket = route is not None and route.extra.websocket
        if websocket and not sockets.origin_allowed(request, request.app.ctx.settings):
            raise errors.Forbidden("websockets are not accepted from this origin")

    async def _start(request: Request) -> None:
        incoming = request.headers.get("x-request-id", "")
        rid = incoming if 0 < len(incoming) <= 128 and incoming.isprintable() else uuid.uuid4().hex
        request.ctx.request_id = rid
        request.ctx.started = time.perf_counter()
        request_id_var.set(rid)

    async def _finish(request: Request, response: HTTPResponse) -> None:
        rid = getattr(request.ctx, "request_id", None)
        if rid:
            response.headers["X-Request-ID"] = rid
        if not log.isEnabledFor(logging.INFO) or request.path == "/healthz":
            return
        started = getattr(request.ctx, "started", None)
        route = request.route
        # a page's path holds its secret (a share link's token): log the route instead
        secret = route is not None and getattr(route.handler, "html_page", False)
        fields: dict[str, Any] = {
            "method": request.method,
            "path": f"/{route.path}" if secret and route is not None else request.path,
            "status": response.status,
        }
        if started is not None:
            fields["duration_ms"] = round((time.perf_counter() - started) * 1000, 2)
        uid = getattr(request.ctx, "user_id", None)
        if uid is not None:
            fields["user_id"] = str(uid)
        event(log, "http.request", **fields)

    app.register_middleware(_start, "request", priority=100)
    app.register_middleware(_public_query, "request", priority=50)
    app.register_middleware(_socket_origin, "request", priority=40)
    app.register_middleware(_finish, "response", priority=100)  # type: ignore[arg-type]


__all__ = ["create_app", "json"]
