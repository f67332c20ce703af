"""HTTP helpers shared by every blueprint: JSON answers, the auth guard, the client address."""

from __future__ import annotations

import re
import uuid
from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any, ParamSpec, TypeVar

import orjson
from pydantic import BaseModel
from sanic import HTTPResponse, Request

from runcoach import cache, http_cache, revocation
from runcoach.errors import MalformedJson, NotFound, PayloadTooLarge, Unauthorized
from runcoach.tokens import decode_access_token
from runcoach.validation import Input, parse_query, validate_json

P = ParamSpec("P")
M = TypeVar("M", bound=BaseModel)
R = TypeVar("R")
H = TypeVar("H", bound=Callable[..., Any])

_PATH_PARAM = re.compile(r"{([^}]+)}")
_JSON_OPTIONS = orjson.OPT_UTC_Z | orjson.OPT_NON_STR_KEYS


def _default(value: Any) -> str:
    # asyncpg hands back its own UUID type, which orjson does not know
    if isinstance(value, uuid.UUID) or type(value).__name__ == "UUID":
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def dumps(value: Any) -> bytes:
    """JSON with RFC 3339 UTC times (``Z``), UUIDs as strings."""
    return orjson.dumps(value, default=_default, option=_JSON_OPTIONS)


def json(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> HTTPResponse:
    return HTTPResponse(
        dumps(body), status=status, headers=headers, content_type="application/json"
    )


def no_content() -> HTTPResponse:
    return HTTPResponse(status=204)


def bearer_token(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("a bearer access token is required")
    return token.strip()


def authenticated(
    handler: Callable[..., Awaitable[HTTPResponse]],
) -> Callable[..., Awaitable[HTTPResponse]]:
    """Require a valid access token of a live session; the user's id lands on
    ``request.ctx.user_id``, the session's on ``request.ctx.session_id``.

    The session is checked on every request (``runcoach.revocation``): by one Redis
    script here, or, on a cached route (``http_cache.cached`` below this decorator), by
    the cache's own read, in the same round trip.
    """
    checked_by_cache = "cache_class" in handler.__dict__

    @wraps(handler)
    async def guarded(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
        claims = decode_access_token(bearer_token(request), settings=request.app.ctx.settings)
        request.ctx.user_id = claims.user_id
        request.ctx.session_id = claims.session_id
        if not checked_by_cache:
            await revocation.ensure_live(claims.session_id)
        parse_route_query(request)  # after the token: a stranger learns nothing of the route
        return await handler(request, *args, **kwargs)

    guarded.__dict__["requires_auth"] = True
    return guarded


def creates(*paths: str, field: str = "id") -> Callable[[H], H]:
    """Declare that the route's answer makes the resource at ``paths`` (OpenAPI paths with
    one parameter each), whose id is the answer's ``field``: the OpenAPI document links
    this operation to every operation on those paths (``runcoach.openapi``)."""

    def declare(handler: H) -> H:
        for path in paths:
            (param,) = _PATH_PARAM.findall(path)
            handler.__dict__.setdefault("links", []).append((path, {param: field}))
        return handler

    return declare


def links(path: str, **params: str) -> Callable[[H], H]:
    """Declare that the route's answer leads to the operations on ``path``: each path
    parameter is the value at a JSON pointer into the answer (``items/0/id``). The OpenAPI
    document links this operation to every operation on that path (``runcoach.openapi``)."""
    if set(_PATH_PARAM.findall(path)) != set(params):
        raise ValueError(f"links to {path}: give exactly its parameters, not {sorted(params)}")

    def declare(handler: H) -> H:
        handler.__dict__.setdefault("links", []).append((path, dict(params)))
        return handler

    return declare


def answers(model: type[BaseModel], status: int = 200) -> Callable[[H], H]:
    """Declare the shape of the route's ``status`` answer (a pydantic model that documents
    what the domain's ``schemas.py`` serialises): the OpenAPI document gives it as that
    answer's schema, named after the model (``runcoach.openapi``). Documentation only: the
    answer itself is not validated against it."""

    def declare(handler: H) -> H:
        handler.__dict__.setdefault("answers", {})[status] = model
        return handler

    return declare


class NoQuery(Input):
    """The query of a route that takes no parameters: any parameter is refused (422)."""


def query(model: type[Input]) -> Callable[[H], H]:
    """Declare the route's query parameters (put it right above the handler).

    They are validated before the handler runs, unknown ones refused with a 422 as on
    every route, and land on ``request.ctx.query``; a cached route keys its entries on
    them, normalised (``http_cache``), never on the raw query string.
    """

    def declare(handler: H) -> H:
        handler.__dict__["query_model"] = model
        return handler

    return declare


def parse_route_query(request: Request) -> None:
    """``request.ctx.query``: the route's declared query model (``NoQuery`` if none), or 422.

    Run once per request: by ``authenticated`` once the token is checked, and by the
    app's request middleware for the routes anyone may call.
    """
    if hasattr(request.ctx, "query"):
        return
    route = request.route
    handler = route.handler if route is not None else None
    model = getattr(handler, "query_model", NoQuery)
    # a blank value (``?until=``) is a value, checked like any other: not an absent one
    request.ctx.query = parse_query(model, request.get_args(keep_blank_values=True))


def takes_api_query(request: Request) -> bool:
    """Whether the request goes to one of RunCoach's HTTP routes (not a websocket, not the
    docs), whose query is checked: the unauthenticated ones by the app's middleware."""
    route = request.route
    if route is None or route.extra.websocket:
        return False
    handler = route.handler
    return (
        getattr(handler, "__module__", "").startswith("runcoach.")
        and not getattr(handler, "requires_auth", False)
        and not getattr(handler, "html_page", False)
    )


def html_page(handler: H) -> H:
    """Mark a route as an HTML page for people (``/s/<token>``), outside the API: it is
    not in the OpenAPI document (put ``@openapi.exclude(True)`` on it too), and its query
    is not checked (shared links come back with tracking parameters such as ``fbclid``)."""
    handler.__dict__["html_page"] = True
    return handler


PAGE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
}


def html(
    request: Request, body: str, *, status: int = 200, headers: dict[str, str] | None = None
) -> HTTPResponse:
    """An HTML page with the pages' security headers. A 200 carries an ETag and
    ``Cache-Control: no-cache`` (caches revalidate each time: a page that goes away is
    gone at once); a matching ``If-None-Match`` answers 304. Other statuses: ``no-store``."""
    raw = body.encode()
    sent = {**PAGE_HEADERS, **(headers or {})}
    if status != 200:
        sent["Cache-Control"] = "no-store"
        return HTTPResponse(
            raw, status=status, headers=sent, content_type="text/html; charset=utf-8"
        )
    etag = cache.etag_of(raw)
    sent.update({"Cache-Control": "no-cache", "ETag": f'"{etag}"'})
    if http_cache.etag_matches(request.headers.get("if-none-match"), etag):
        return HTTPResponse(status=304, headers=sent)
    return HTTPResponse(raw, status=200, headers=sent, content_type="text/html; charset=utf-8")


def user_id(request: Request) -> uuid.UUID:
    return request.ctx.user_id


def path_uuid(value: str, what: str = "resource") -> uuid.UUID:
    """A path id; anything that is not a UUID is simply not found."""
    try:
        return uuid.UUID(value)
    except ValueError:
        raise NotFound(f"no such {what}") from None


def client_ip(request: Request) -> str:
    """The client address (``X-Forwarded-For`` counts only through ``PROXIES_COUNT`` proxies)."""
    return request.remote_addr or request.ip or "unknown"


def parse_body(model: type[M], request: Request) -> M:
    """The request's JSON object body as ``model`` (400 malformed, 413 too large, 422 invalid).

    JSON bodies are limited to the settings' ``request_max_size`` (REQUEST_MAX_SIZE).
    """
    body = request.body
    max_size = request.app.ctx.settings.request_max_size
    if len(body) > max_size:
        raise PayloadTooLarge(f"JSON bodies are limited to {max_size} bytes")
    if not body.strip():
        raise MalformedJson("the request body is empty; a JSON object is expected")
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise MalformedJson(f"the body is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise MalformedJson("the body must be a JSON object")
    return validate_json(model, data, body)
