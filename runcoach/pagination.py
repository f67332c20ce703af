"""Opaque cursors for keyset pagination: ``{"items": [...], "next_cursor": ...}``."""

from __future__ import annotations

import base64
from typing import Any

import orjson

from runcoach.errors import ValidationFailed


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


def page(items: list[Any], next_cursor: str | None) -> dict[str, Any]:
    return {"items": items, "next_cursor": next_cursor}
