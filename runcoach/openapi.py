"""The OpenAPI 3.1 document: sanic-ext's operations, completed once by rules from the routes.

sanic-ext collects what the routes declare (``@openapi.summary``, ``body``, ``response``)
into an OpenAPI 3.0 skeleton. ``document(app)`` turns it into the exact 3.1 document the
service serves at ``/docs/openapi.json``, from what the handlers are marked with, so a
new route is documented by the same rules without per-route work:

- every error answer is ``application/problem+json`` with the one ``Problem`` schema;
- ``@authenticated`` (``requires_auth``): the bearer security requirement and 401;
- ``@query(Model)`` (``NoQuery`` when absent): the query parameters with their real
  bounds, formats, enums and defaults, and 422 (unknown parameters are refused on every
  route);
- a JSON body: 400 (malformed), 413 and 422; a multipart body: 413, 415 and 422;
- a path parameter: 404 (``*_id`` parameters are UUIDs; anything else is not found);
- ``@cached``: 304 for ``If-None-Match`` and the ``ETag`` header; 503 everywhere (a
  dependency down, the CPU pool busy); 429 with ``Retry-After`` where a route declares it;
- ``web.answers(Model, status)``: the answer's schema, a named component from the
  model that documents what the domain's ``schemas.py`` sends;
- ``web.creates`` and ``web.links``: links from an operation's answer (a created
  resource, a list's first item) to the operations on the resource it names
  (schema-driven stateful tests follow them);
- pydantic's ``$defs`` are hoisted into ``components/schemas`` (pydantic v2 emits JSON
  Schema 2020-12, which is OpenAPI 3.1's dialect).

The document is built on its first request and kept (no cost on other requests).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

import orjson
from pydantic import BaseModel
from sanic import HTTPResponse, Request, Sanic
from sanic_ext.extensions.openapi.builders import SpecificationBuilder

OPENAPI_VERSION = "3.1.0"
SECURITY_SCHEME = "bearer"
PROBLEM_JSON = "application/problem+json"
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}

PROBLEM: dict[str, Any] = {
    "type": "object",
    "description": "An error (RFC 9457); `code` is stable, `detail` is for people.",
    "required": ["type", "title", "status", "code", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 300, "maximum": 599},
        "code": {"type": "string", "examples": ["validation_error", "not_found"]},
        "detail": {"type": "string"},
        "instance": {"type": "string", "description": "the request's path"},
        "request_id": {"type": "string"},
        "errors": {
            "type": "array",
            "description": "422: the offending fields",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
        "retry_after": {"type": "integer", "minimum": 1, "description": "429: seconds"},
        "limit": {"type": "integer", "description": "429: the limit refused"},
        "used": {"type": "integer", "description": "429: how much of it is used"},
        "resets_at": {"type": "string", "format": "date-time"},
        "checks": {
            "type": "object",
            "description": "503 of /readyz: each dependency's state",
            "additionalProperties": {"type": "string"},
        },
    },
}

DESCRIPTIONS = {
    304: "Not modified: the `If-None-Match` ETag is current",
    400: "`malformed_json`: the body is not a JSON object",
    401: "`unauthorized`: missing, expired or invalid credentials",
    402: "`quota_exceeded` or `upgrade_required`",
    403: "`forbidden`",
    404: "`not_found`: no such resource (also another user's)",
    409: "`conflict` with existing data",
    410: "`sync_cursor_expired`: the cursor is too old; sync again without it",
    413: "`payload_too_large`",
    415: "`unsupported_media_type`",
    422: "`validation_error`: invalid input; `errors` names the fields",
    429: "`rate_limited`: see `Retry-After`",
    502: "`provider_error`: a third-party provider failed",
    503: "A dependency is unavailable or the server is busy (`busy`, see `Retry-After`)",
}

RETRY_AFTER = {"description": "seconds to wait", "schema": {"type": "integer", "minimum": 1}}
ETAG = {"description": "the answer's version, for `If-None-Match`", "schema": {"type": "string"}}
WWW_AUTHENTICATE = {"schema": {"type": "string"}}


def document(app: Sanic) -> dict[str, Any]:
    """The app's OpenAPI 3.1 document (built on first use, then kept on ``app.ctx``)."""
    built = getattr(app.ctx, "openapi_document", None)
    if built is None:
        built = build(app, SpecificationBuilder().build(app).serialize())
        app.ctx.openapi_document = built
    return built


def serve(app: Sanic) -> None:
    """Serve ``document(app)`` at sanic-ext's ``/docs/openapi.json`` (its UI reads it there).

    sanic-ext rebuilds its own 3.0 skeleton on every request of that route; its handler is
    replaced by one that answers the finished document's bytes, built once.
    """
    route = app.router.find_route_by_view_name("openapi.spec")
    if route is None:
        raise RuntimeError("sanic-ext's OpenAPI route (openapi.spec) is missing")
    served: list[bytes] = []

    async def spec(request: Request) -> HTTPResponse:
        if not served:
            served.append(orjson.dumps(document(request.app)))
        return HTTPResponse(served[0], content_type="application/json")

    route.handler = spec


# --- the rules ----------------------------------------------------------------------------


def build(app: Sanic, skeleton: dict[str, Any]) -> dict[str, Any]:
    """The 3.1 document from sanic-ext's serialised skeleton and the app's handlers."""
    doc = copy.deepcopy(skeleton)
    doc["openapi"] = OPENAPI_VERSION
    handlers = dict(_handlers(app))
    paths: dict[str, Any] = {}
    for path, item in doc.get("paths", {}).items():
        kept = {}
        for method, op in item.items():
            handler = handlers.get(op.get("operationId", ""))
            if handler is None:  # a websocket, or not one of RunCoach's HTTP routes
                continue
            kept[method] = _complete(path, method, op, handler)
        if kept:
            paths[path] = kept
    _link(paths, handlers)
    schemas: dict[str, Any] = {"Problem": PROBLEM}
    doc["paths"] = _hoist_defs(paths, schemas)
    components = doc.setdefault("components", {})
    components["schemas"] = {**components.get("schemas", {}), **schemas}
    return doc


def _handlers(app: Sanic) -> Iterator[tuple[str, Callable[..., Any]]]:
    """``operationId`` (sanic-ext's ``method~route name``) -> handler, HTTP routes only."""
    for route in app.router.routes:
        if route.extra.websocket:
            continue
        handler = route.handler
        if not getattr(handler, "__module__", "").startswith("runcoach."):
            continue
        name = route.name.removeprefix(f"{app.name}.")
        for method in route.methods:
            yield f"{method.lower()}~{name}", handler


def _complete(path: str, method: str, op: dict[str, Any], handler: Any) -> dict[str, Any]:
    responses: dict[str, Any] = {
        str(status): value for status, value in op.get("responses", {}).items()
    }
    responses.pop("default", None)
    statuses = {int(s) for s in responses}

    def add(status: int) -> None:
        responses.setdefault(str(status), {})

    for status, model in getattr(handler, "answers", {}).items():
        answer = responses.setdefault(str(status), {})
        answer["content"] = {"application/json": {"schema": _answer_schema(model)}}
    statuses = {int(s) for s in responses}
    if not any(200 <= s < 300 for s in statuses):
        add(204 if method == "delete" else 200)
    if getattr(handler, "requires_auth", False):
        op["security"] = [{SECURITY_SCHEME: []}]
        add(401)
    else:
        op.pop("security", None)
    add(422)  # the query is checked on every route (unknown parameters are refused)
    add(503)
    body = op.get("requestBody")
    if body is not None:
        body.setdefault("required", True)
        media = body.get("content", {})
        if "application/json" in media:
            for status in (400, 413, 422):
                add(status)
        if "multipart/form-data" in media:
            for status in (413, 415, 422):
                add(status)
    if getattr(handler, "cache_class", None):
        add(304)
    op["parameters"] = _parameters(op.get("parameters", []), handler)
    if any(p["in"] == "path" for p in op["parameters"]):
        add(404)
    op["responses"] = {
        str(s): _response(s, responses[str(s)], cached=bool(getattr(handler, "cache_class", None)))
        for s in sorted(int(k) for k in responses)
    }
    return op


def _response(status: int, given: dict[str, Any], *, cached: bool) -> dict[str, Any]:
    response = dict(given)
    description = response.get("description")
    if not description or description in ("OK", "Default Response"):
        description = DESCRIPTIONS.get(status, "OK")
    response["description"] = description
    headers: dict[str, Any] = dict(response.get("headers", {}))
    if status >= 400:
        response["content"] = {PROBLEM_JSON: {"schema": PROBLEM_REF}}
    elif status == 204 or status == 304:
        response.pop("content", None)
    elif not _declared(response.get("content")):
        response["content"] = {"application/json": {"schema": {"type": "object"}}}
    if status in (429, 503):
        headers.setdefault("Retry-After", RETRY_AFTER)
    if status == 401:
        headers.setdefault("WWW-Authenticate", WWW_AUTHENTICATE)
    if cached and status in (200, 304):
        headers.setdefault("ETag", ETAG)
    if status == 429:
        headers["Retry-After"] = {**RETRY_AFTER, "required": True}
    if headers:
        response["headers"] = headers
    return response


def _declared(content: dict[str, Any] | None) -> bool:
    """Whether a route declared its answer's content (sanic-ext makes a ``string`` of
    ``@openapi.response(status, description=...)``: that is no declaration)."""
    if not content:
        return False
    return any(media.get("schema") not in (None, {"type": "string"}) for media in content.values())


def _parameters(given: list[dict[str, Any]], handler: Any) -> list[dict[str, Any]]:
    """Path parameters as declared (``*_id``: UUIDs), then the query model's fields."""
    described = {p["name"]: p.get("description") for p in given if p.get("in") == "query"}
    params: list[dict[str, Any]] = []
    for p in given:
        if p.get("in") != "path":
            continue
        param = {**p, "required": True}
        if p["name"].endswith("_id"):
            param["schema"] = {"type": "string", "format": "uuid"}
        params.append(param)
    model: type[BaseModel] | None = getattr(handler, "query_model", None)
    if model is None:
        return params
    schema = model.model_json_schema()
    required = set(schema.get("required", []))
    for name, prop in schema.get("properties", {}).items():
        prop = _without_null(prop)
        param = {"name": name, "in": "query", "required": name in required, "schema": prop}
        description = prop.pop("description", None) or described.get(name)
        if description:
            param["description"] = description
        if "$defs" in schema:
            prop["$defs"] = schema["$defs"]
        params.append(param)
    return params


def _without_null(schema: dict[str, Any]) -> dict[str, Any]:
    """A query parameter cannot be null (it is absent instead): drop ``null`` alternatives."""
    schema = {k: v for k, v in schema.items() if k != "title"}
    options = schema.get("anyOf")
    if options is not None:
        rest = [o for o in options if o.get("type") != "null"]
        if len(rest) == 1:
            schema.pop("anyOf")
            schema = {**rest[0], **schema}
        else:
            schema["anyOf"] = rest
    if schema.get("default", 0) is None:
        schema.pop("default")
    return schema


def _link(by_path: dict[str, Any], handlers: dict[str, Any]) -> None:
    """OpenAPI links from an operation's answer (``web.creates``, ``web.links``) to the
    operations on the paths it leads to."""
    for item in by_path.values():
        for op in item.values():
            links: dict[str, Any] = {}
            for target, params in getattr(handlers.get(op["operationId"]), "links", ()):
                if target not in by_path:
                    raise ValueError(f"{op['operationId']} links to {target}: not a path")
                for target_op in by_path[target].values():
                    name = target_op["operationId"].replace("~", "_").replace(".", "_")
                    links[name] = {
                        "operationId": target_op["operationId"],
                        "parameters": {
                            param: f"$response.body#/{pointer}" for param, pointer in params.items()
                        },
                    }
            if not links:
                continue
            for status, response in op["responses"].items():
                if status.startswith("2"):
                    response["links"] = links


def _answer_schema(model: type[BaseModel]) -> dict[str, Any]:
    """A reference to the answer model, its definitions beside it (hoisted with the rest)."""
    schema = model.model_json_schema(ref_template="#/$defs/{model}", mode="serialization")
    defs = schema.pop("$defs", {})
    return {"$ref": f"#/$defs/{model.__name__}", "$defs": {**defs, model.__name__: schema}}


def _hoist_defs(node: Any, schemas: dict[str, Any]) -> Any:
    """Move every nested ``$defs`` into ``components/schemas`` and point the refs there."""
    if isinstance(node, list):
        return [_hoist_defs(item, schemas) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "$defs" and isinstance(value, dict):
            for name, definition in value.items():
                definition = _hoist_defs(definition, schemas)
                if schemas.get(name, definition) != definition:
                    raise ValueError(f"two different schemas are named {name!r}")
                schemas[name] = definition
            continue
        if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
            value = "#/components/schemas/" + value.removeprefix("#/$defs/")
        out[key] = _hoist_defs(value, schemas)
    return out
