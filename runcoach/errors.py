"""The ApiError family: every expected failure, rendered once as problem+json (RFC 9457)."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any


class ApiError(Exception):
    """Base of every error a client may see; ``code`` is stable, ``detail`` human."""

    status_code = 500
    code = "internal_error"
    title = "Internal server error"

    def __init__(
        self,
        detail: str | None = None,
        *,
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        self.errors = errors
        self.headers = headers or {}
        self.extra = extra

    def to_problem(self, *, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": "about:blank",
            "title": self.title,
            "status": self.status_code,
            "code": self.code,
            "detail": self.detail,
        }
        if instance:
            body["instance"] = instance
        if self.errors is not None:
            body["errors"] = self.errors
        body.update(self.extra)
        return body


class BadRequest(ApiError):
    """The request cannot be understood."""

    status_code, code, title = 400, "bad_request", "Bad request"


class MalformedJson(ApiError):
    """The body is not valid JSON (or not a JSON object)."""

    status_code, code, title = 400, "malformed_json", "Malformed JSON"


class Unauthorized(ApiError):
    """Missing, expired or invalid credentials."""

    status_code, code, title = 401, "unauthorized", "Unauthorized"

    def __init__(self, detail: str | None = None, **kw: Any) -> None:
        kw.setdefault("headers", {"WWW-Authenticate": 'Bearer realm="runcoach"'})
        super().__init__(detail, **kw)


class Forbidden(ApiError):
    """Authenticated, but not allowed."""

    status_code, code, title = 403, "forbidden", "Forbidden"


class NotFound(ApiError):
    """No such resource for this user (also for another user's resources)."""

    status_code, code, title = 404, "not_found", "Not found"


class MethodNotAllowed(ApiError):
    """The route exists but not with this method."""

    status_code, code, title = 405, "method_not_allowed", "Method not allowed"


class Conflict(ApiError):
    """The request conflicts with existing data."""

    status_code, code, title = 409, "conflict", "Conflict"


class SyncCursorExpired(ApiError):
    """A /sync cursor older than the tombstones' retention: sync everything again."""

    status_code, code, title = 410, "sync_cursor_expired", "Sync cursor expired"


class PayloadTooLarge(ApiError):
    """The body or file exceeds its size limit."""

    status_code, code, title = 413, "payload_too_large", "Payload too large"


class UnsupportedMediaType(ApiError):
    """The body's content type is not accepted here."""

    status_code, code, title = 415, "unsupported_media_type", "Unsupported media type"


class ValidationFailed(ApiError):
    """The input is well-formed but invalid; ``errors`` lists the fields."""

    status_code, code, title = 422, "validation_error", "Validation failed"


class UnprocessableFile(ApiError):
    """An uploaded file could not be parsed."""

    status_code, code, title = 422, "unprocessable_file", "File could not be imported"


class RateLimited(ApiError):
    """Too many requests; retry after ``Retry-After`` seconds.

    A refusal by a limit (``runcoach.limits``) also says the ``limit``, how much of it is
    ``used`` and when its window ``resets_at`` (RFC 3339, UTC), as quotas do.
    """

    status_code, code, title = 429, "rate_limited", "Too many requests"

    def __init__(
        self,
        detail: str | None = None,
        *,
        retry_after: float,
        limit: int | None = None,
        used: int | None = None,
        resets_at: datetime | None = None,
        **kw: Any,
    ) -> None:
        seconds = max(1, math.ceil(retry_after))
        super().__init__(detail, headers={"Retry-After": str(seconds)}, **kw)
        self.extra["retry_after"] = seconds
        if limit is not None:
            self.extra["limit"] = limit
        if used is not None:
            self.extra["used"] = used
        if resets_at is not None:
            self.extra["resets_at"] = resets_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class ProviderFailed(ApiError):
    """A third-party provider failed; only the feature that needs it is degraded."""

    status_code, code, title = 502, "provider_error", "Provider error"


class ServiceUnavailable(ApiError):
    """A dependency needed for this request is unavailable."""

    status_code, code, title = 503, "service_unavailable", "Service unavailable"


class DatabaseUnavailable(ServiceUnavailable):
    """PostgreSQL cannot be reached (down, restarting, refusing connections); retry later."""

    status_code, code, title = 503, "database_unavailable", "Database unavailable"
    retry_after_s = 5

    def __init__(self, detail: str | None = None, **kw: Any) -> None:
        kw.setdefault("headers", {"Retry-After": str(self.retry_after_s)})
        super().__init__(detail or "the database is unavailable; retry shortly", **kw)
        self.extra["retry_after"] = self.retry_after_s
