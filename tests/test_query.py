"""Query parameters: declared per route, validated before the handler, keys of the cache.

An unknown parameter is a 422 on every route (issue 12, "Cache keys"): a cached route used
to store one entry per junk value, because its key was the raw query string.
"""

from __future__ import annotations

import re
from typing import Any

import httpx

from tests.support.athletes import Athlete
from tests.support.resources import PUBLIC, api_routes, owned_resources


async def test_an_unknown_parameter_is_a_422_on_every_route(
    sanic_app: Any, client: httpx.AsyncClient, athlete: Athlete
) -> None:
    ids = await owned_resources(client, athlete)
    checked = 0
    for method, path in [*api_routes(sanic_app), ("GET", "/healthz"), ("GET", "/readyz")]:
        url = re.sub(r"<(\w+)>", lambda m: ids[m.group(1)], path)
        headers = {} if (method, path) in PUBLIC or "/api/" not in path else athlete.headers
        r = await client.request(method, url, params={"junk": "1"}, headers=headers, json={})
        assert r.status_code == 422, (method, path, r.status_code, r.text)
        assert r.headers["content-type"] == "application/problem+json"
        assert "junk" in [e["field"] for e in r.json()["errors"]], (method, path)
        checked += 1
    assert checked >= 30


async def test_without_a_token_the_answer_is_401_whatever_the_query(
    client: httpx.AsyncClient,
) -> None:
    r = await client.get("/api/v1/workouts", params={"junk": "1"})
    assert r.status_code == 401


async def test_junk_makes_no_cache_entry_and_equal_queries_share_one(
    client: httpx.AsyncClient, athlete: Athlete, sanic_app: Any
) -> None:
    from runcoach import cache

    ids = await owned_resources(client, athlete)
    redis = cache.service()._client()

    async def entries() -> int:
        return len([k async for k in redis.scan_iter(match=f"rc:u:{athlete.id}:v*")])

    url = f"/api/v1/workouts/{ids['workout_id']}"
    assert (await client.get(url, headers=athlete.headers)).headers["x-cache"] == "miss"
    before = await entries()
    for n in range(20):
        r = await client.get(url, params={"junk": str(n)}, headers=athlete.headers)
        assert r.status_code == 422
    assert await entries() == before

    first = await client.get("/api/v1/workouts", headers=athlete.headers)
    same = await client.get("/api/v1/workouts", params={"limit": "20"}, headers=athlete.headers)
    assert (first.headers["x-cache"], same.headers["x-cache"]) == ("miss", "hit")
    assert same.content == first.content
    other = await client.get("/api/v1/workouts", params={"limit": "5"}, headers=athlete.headers)
    assert other.headers["x-cache"] == "miss"
