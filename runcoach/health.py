"""Liveness and readiness probes (no auth)."""

from __future__ import annotations

import asyncio
from typing import Literal

from pydantic import BaseModel, Field
from sanic import Blueprint, HTTPResponse, Request
from sanic_ext import openapi

from runcoach import cache, db
from runcoach.errors import ServiceUnavailable
from runcoach.web import answers, json

bp = Blueprint("health")

_OK = b'{"status":"ok"}'


class Liveness(BaseModel):
    status: Literal["ok"]


class ReadyChecks(BaseModel):
    status: Literal["ok"]
    checks: dict[str, str] = Field(description="each dependency's state")
    cache: dict[str, int] = Field(description="this process's cache counters")


@bp.get("/healthz")
@openapi.summary("The process is up")
@answers(Liveness)
async def healthz(request: Request) -> HTTPResponse:
    return HTTPResponse(_OK, content_type="application/json")


async def _check_db() -> str:
    await db.fetch_all("SELECT 1")
    return "ok"


async def _check_redis(request: Request) -> str:
    await request.app.ctx.redis.ping()
    return "ok"


@bp.get("/readyz")
@openapi.summary("The database and Redis are reachable")
@openapi.response(503, description="a dependency is down")
@answers(ReadyChecks)
async def readyz(request: Request) -> HTTPResponse:
    checks: dict[str, str] = {}
    for name, probe in (("database", _check_db()), ("redis", _check_redis(request))):
        try:
            checks[name] = await asyncio.wait_for(probe, timeout=2)
        except Exception as exc:  # any failure means not ready; say which
            checks[name] = f"error: {type(exc).__name__}"
    if not all(v == "ok" for v in checks.values()):
        raise ServiceUnavailable("a dependency is unreachable", checks=checks)
    return json({"status": "ok", "checks": checks, "cache": cache.service().stats})
