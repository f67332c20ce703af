"""Assertions shared by the API tests."""

from __future__ import annotations

from typing import Any

import httpx

PROBLEM = "application/problem+json"


def problem(r: httpx.Response, status: int, code: str, field: str | None = None) -> dict[str, Any]:
    """Assert ``r`` is a problem+json answer with ``status`` and ``code`` (and ``field``)."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith(PROBLEM), r.headers["content-type"]
    body = r.json()
    assert body["status"] == status
    assert body["code"] == code, body
    assert body["detail"]
    if field is not None:
        assert field in [e["field"] for e in body["errors"]], body
    return body
