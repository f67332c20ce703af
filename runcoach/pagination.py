"""Opaque cursors for keyset pagination: ``{"items": [...], "next_cursor": ...}``."""

from __future__ import annotations

import base64
import datetime as dt
import uuid
from typing import Any, TypeVar

import orjson
from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from runcoach.errors import ValidationFailed
from runcoach.validation import check_instant

M = TypeVar("M", bound=Model)


def encode_cursor(*values: Any) -> str:
    """An opaque, URL-safe cursor holding ``values`` (the last row's sort key)."""
    raw = orjson.dumps(list(values), option=orjson.OPT_UTC_Z)
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, *, arity: int) -> list[Any]:
    """The values of a cursor made by ``encode_cursor``; 422 for anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = orjson.loads(raw)
    except (ValueError, orjson.JSONDecodeError):
        values = None
    if not isinstance(values, list) or len(values) != arity:
        raise ValidationFailed(errors=[{"field": "cursor", "message": "not a valid cursor"}])
    return values


def cursor_position(cursor: str) -> tuple[dt.datetime, uuid.UUID]:
    """The (time, id) of a keyset cursor; 422 for anything else."""
    at_raw, id_raw = decode_cursor(cursor, arity=2)
    try:
        at = check_instant(dt.datetime.fromisoformat(str(at_raw)))
        last_id = uuid.UUID(str(id_raw))
        if at.tzinfo is None:
            raise ValueError("naive time")
    except ValueError:
        raise ValidationFailed(
            errors=[{"field": "cursor", "message": "not a valid cursor"}]
        ) from None
    return at, last_id


async def newest_first(
    query: QuerySet[M], *, field: str, limit: int, cursor: str | None
) -> tuple[list[M], str | None]:
    """One page of ``query`` ordered by ``field`` then id, newest first, and the next cursor.

    Keyset pagination: the cursor holds the last row's (``field``, id), so a page costs
    the same however deep it is and rows written meanwhile are neither skipped nor repeated.
    """
    if cursor:
        at, last_id = cursor_position(cursor)
        older: dict[str, Any] = {f"{field}__lt": at}
        same_time: dict[str, Any] = {field: at, "id__lt": last_id}
        query = query.filter(Q(**older) | Q(**same_time))
    rows = list(await query.order_by(f"-{field}", "-id").limit(limit + 1))
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor(getattr(rows[-1], field), str(rows[-1].pk))
    return rows, next_cursor


def page(items: list[Any], next_cursor: str | None) -> dict[str, Any]:
    return {"items": items, "next_cursor": next_cursor}
