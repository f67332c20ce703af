"""GET/PUT /notifications/preferences and /push-tokens."""

from __future__ import annotations

import datetime as dt

import httpx

from runcoach import localtime
from runcoach.notifications.models import NotificationPreference, PushToken
from tests.support.athletes import Athlete
from tests.support.problems import problem

URL = "/api/v1/notifications/preferences"
TOKEN = "ExponentPushToken[abcdefgh12345678]"


async def test_defaults_then_partial_writes(client: httpx.AsyncClient, athlete: Athlete) -> None:
    h = athlete.headers
    body = (await client.get(URL, headers=h)).json()
    assert body["email"] == {
        "daily_summary": False, "weekly_analysis": True, "alerts_only": False, "disabled": False,
    }  # fmt: skip
    assert set(body["push"]) >= {"plan_created", "overtraining_detected"}
    assert all(body["push"].values())
    assert (body["digest_time"], body["weekly_day"], body["quiet_hours"]) == ("07:00", "mon", None)
    assert body["timezone"] == "UTC"

    r = await client.put(
        URL,
        json={"email": {"daily_summary": True}, "push": {"analysis_ready": False},
              "quiet_hours": {"start": "22:00", "end": "07:00"}, "digest_time": "06:30",
              "weekly_day": "sun", "timezone": "Europe/Paris"},
        headers=h,
    )  # fmt: skip
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["email"]["daily_summary"] is True and body["email"]["weekly_analysis"] is True
    assert body["push"]["analysis_ready"] is False and body["push"]["plan_created"] is True
    assert body["quiet_hours"] == {"start": "22:00", "end": "07:00"}
    assert (body["digest_time"], body["weekly_day"], body["timezone"]) == (
        "06:30", "sun", "Europe/Paris",
    )  # fmt: skip
    assert (await client.get("/api/v1/me", headers=h)).json()["timezone"] == "Europe/Paris"
    # The next digests are due at the local 06:30 (daily) and on Sunday (weekly).
    row = await NotificationPreference.get(user_id=athlete.id)
    assert row.next_daily_digest_at is not None and row.next_weekly_digest_at is not None
    assert row.next_daily_digest_at > dt.datetime.now(dt.UTC)
    local = row.next_weekly_digest_at.astimezone(localtime.zone("Europe/Paris"))
    assert (local.weekday(), local.time()) == (6, dt.time(6, 30))
    # A later write keeps what it does not name; quiet_hours: null turns them off.
    body = (await client.put(URL, json={"quiet_hours": None}, headers=h)).json()
    assert body["quiet_hours"] is None and body["digest_time"] == "06:30"


async def test_bad_preferences_are_refused(client: httpx.AsyncClient, athlete: Athlete) -> None:
    h = athlete.headers
    for body, field in [
        ({"digest_time": "25:00"}, "digest_time"),
        ({"weekly_day": "someday"}, "weekly_day"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"quiet_hours": {"start": "22:00"}}, "quiet_hours.end"),
        ({"email": {"weekly": True}}, "email.weekly"),
        ({"push": {"plan_created": "yes please"}}, "push.plan_created"),
        ({"channel": "fax"}, "channel"),
    ]:
        problem(await client.put(URL, json=body, headers=h), 422, "validation_error", field)
    problem(await client.get(URL), 401, "unauthorized")


async def test_push_tokens(client: httpx.AsyncClient, athlete: Athlete, other: Athlete) -> None:
    url = "/api/v1/push-tokens"
    body = {"token": TOKEN, "platform": "ios"}
    assert (await client.post(url, json=body, headers=athlete.headers)).status_code == 201
    assert (await client.post(url, json=body, headers=athlete.headers)).status_code == 200
    # The device changed hands: the token moves to the account that registered it last.
    assert (await client.post(url, json=body, headers=other.headers)).status_code == 201
    assert [str(t.user_id) for t in await PushToken.all()] == [other.id]
    problem(await client.delete(f"{url}/{TOKEN}", headers=athlete.headers), 404, "not_found")
    assert (await client.delete(f"{url}/{TOKEN}", headers=other.headers)).status_code == 204
    bad = {"token": "not-a-token", "platform": "ios"}
    problem(await client.post(url, json=bad, headers=athlete.headers), 422,
            "validation_error", "token")  # fmt: skip
    bad = {"token": TOKEN, "platform": "windows"}
    problem(await client.post(url, json=bad, headers=athlete.headers), 422,
            "validation_error", "platform")  # fmt: skip
