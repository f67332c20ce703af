"""Share links over HTTP: make, reuse, revoke; the public page, its tags, escaping and 404s."""

from __future__ import annotations

import asyncio
import html
import re
from typing import Any

import httpx

from runcoach.config import get_settings
from tests.support.athletes import Athlete, register
from tests.support.problems import problem

WORKOUTS = "/api/v1/workouts"


async def new_workout(client: httpx.AsyncClient, who: Athlete, **fields: Any) -> dict[str, Any]:
    body = {"sport": "run", "started_at": "2026-11-02T06:30:00Z", "duration_s": 3125,
            "distance_m": 10020, "avg_hr": 151.6, "elevation_gain_m": 87,
            "notes": "private: knee hurt", **fields}  # fmt: skip
    r = await client.post(WORKOUTS, json=body, headers=who.headers)
    assert r.status_code == 201, r.text
    return dict(r.json())


async def share(
    client: httpx.AsyncClient, who: Athlete, workout_id: str, expect: int = 201
) -> dict[str, Any]:
    r = await client.post(f"{WORKOUTS}/{workout_id}/share", headers=who.headers)
    assert r.status_code == expect, r.text
    return dict(r.json())


def path_of(url: str) -> str:
    app_url = get_settings().app_url
    assert url.startswith(f"{app_url}/s/")
    return url.removeprefix(app_url)


def meta(page: str, key: str) -> str:
    """The content of the ``<meta>`` tag with property or name ``key``."""
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', page)
    assert found, key
    return html.unescape(found.group(1))


async def test_share_view_and_revoke(client: httpx.AsyncClient, athlete: Athlete) -> None:
    workout = await new_workout(client, athlete, title="Sunday long run")
    link = await share(client, athlete, workout["id"])
    assert set(link) == {"url", "token", "created_at"}
    assert len(link["token"]) == 43 and link["url"].endswith("/s/" + link["token"])
    again = await share(client, athlete, workout["id"], expect=200)
    assert again == link  # the live link, the same

    r = await client.get(path_of(link["url"]))
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert r.headers["cache-control"] == "no-cache"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    page = r.text
    assert meta(page, "robots") == "noindex"
    assert meta(page, "og:title") == "Sunday long run"
    assert meta(page, "og:type") == "article"
    assert meta(page, "og:url") == link["url"]
    assert meta(page, "twitter:card") == "summary"
    description = meta(page, "og:description")
    assert "Alice's run" in description and "10.02 km" in description
    for shown in ("10.02 km", "52:05", "5:12 /km", "152 bpm", "87 m", "Monday 2 November 2026"):
        assert shown in page, shown
    for private in ("knee hurt", athlete.email, "notes"):
        assert private not in page

    # revalidation: the same page is a 304 until it changes or goes
    etag = r.headers["etag"]
    r = await client.get(path_of(link["url"]), headers={"If-None-Match": etag})
    assert r.status_code == 304

    r = await client.delete(f"{WORKOUTS}/{workout['id']}/share", headers=athlete.headers)
    assert r.status_code == 204
    r = await client.get(path_of(link["url"]), headers={"If-None-Match": etag})
    assert r.status_code == 404
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert r.headers["cache-control"] == "no-store"
    assert "not shared" in r.text and meta(r.text, "robots") == "noindex"
    r = await client.delete(f"{WORKOUTS}/{workout['id']}/share", headers=athlete.headers)
    assert r.status_code == 204  # idempotent

    fresh = await share(client, athlete, workout["id"])
    assert fresh["token"] != link["token"]
    assert (await client.get(path_of(fresh["url"]))).status_code == 200


async def test_the_athletes_time_zone_and_units(client: httpx.AsyncClient) -> None:
    who = await register(client, name="Mia Rossi Smith", timezone="America/Los_Angeles")
    r = await client.patch("/api/v1/me", json={"units": "imperial"}, headers=who.headers)
    assert r.status_code == 200, r.text
    workout = await new_workout(client, who)
    page = (await client.get(path_of((await share(client, who, workout["id"]))["url"]))).text
    assert "Sunday 1 November 2026, 22:30" in page  # 06:30 UTC, the day before in LA
    assert "6.23 mi" in page and "/mi" in page and "285 ft" in page
    assert "Mia&#39;s run" in page and "Rossi" not in page


async def test_markup_in_a_title_is_escaped(client: httpx.AsyncClient, athlete: Athlete) -> None:
    title = '<script>alert(1)</script>" onload="x'
    workout = await new_workout(client, athlete, title=title)
    page = (await client.get(path_of((await share(client, athlete, workout["id"]))["url"]))).text
    assert "<script>" not in page and '" onload="' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert meta(page, "og:title") == title


async def test_another_users_workout_is_not_found(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete
) -> None:
    workout = await new_workout(client, athlete)
    link = await share(client, athlete, workout["id"])
    for method in ("POST", "DELETE"):
        r = await client.request(method, f"{WORKOUTS}/{workout['id']}/share", headers=other.headers)
        problem(r, 404, "not_found")
    r = await client.post(f"{WORKOUTS}/not-a-uuid/share", headers=athlete.headers)
    problem(r, 404, "not_found")
    problem(await client.post(f"{WORKOUTS}/{workout['id']}/share"), 401, "unauthorized")
    assert (await client.get(path_of(link["url"]))).status_code == 200  # still live


async def test_deleting_the_workout_kills_the_link(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    workout = await new_workout(client, athlete)
    link = await share(client, athlete, workout["id"])
    r = await client.delete(f"{WORKOUTS}/{workout['id']}", headers=athlete.headers)
    assert r.status_code == 204
    assert (await client.get(path_of(link["url"]))).status_code == 404


async def test_unknown_tokens_are_an_html_404(client: httpx.AsyncClient) -> None:
    for path in ("/s/" + "A" * 43, "/s/short", "/s/%3Cscript%3E", "/s/" + "x" * 500):
        r = await client.get(path)
        assert r.status_code == 404, path
        assert r.headers["content-type"] == "text/html; charset=utf-8"
        assert "<script>" not in r.text


async def test_tracking_parameters_are_accepted(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    workout = await new_workout(client, athlete)
    link = await share(client, athlete, workout["id"])
    r = await client.get(path_of(link["url"]), params={"fbclid": "abc", "utm_source": "x"})
    assert r.status_code == 200


async def test_concurrent_shares_make_one_link(client: httpx.AsyncClient, athlete: Athlete) -> None:
    workout = await new_workout(client, athlete)
    answers = await asyncio.gather(
        *(client.post(f"{WORKOUTS}/{workout['id']}/share", headers=athlete.headers)
          for _ in range(8))
    )  # fmt: skip
    assert sorted(r.status_code for r in answers) == [200] * 7 + [201]
    assert len({r.json()["token"] for r in answers}) == 1


async def test_views_are_rate_limited_per_address(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    limit = get_settings().limit_share_view.count
    statuses = [(await client.get("/s/nothing")).status_code for _ in range(limit + 1)]
    assert statuses[:limit] == [404] * limit
    assert statuses[-1] == 429
    r = await client.get("/s/nothing")
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
    assert r.headers["content-type"] == "text/html; charset=utf-8"
