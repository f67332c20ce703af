"""One-click unsubscribe (RFC 8058): the headers on the wire, the page, the POST, the tokens."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from runcoach import jobs
from runcoach.config import Settings
from runcoach.notifications import delivery, service, unsubscribe
from runcoach.notifications.models import Notification, UnsubscribeKind
from tests.notifications.sendgrid_server import API_KEY, SendGridStandIn
from tests.support.athletes import Athlete
from tests.support.notifications import notify, rows

pytestmark = pytest.mark.usefixtures("quiet_queue")

PREFS = "/api/v1/notifications/preferences"
ONE_CLICK = {"content": b"List-Unsubscribe=One-Click",
             "headers": {"content-type": "application/x-www-form-urlencoded"}}  # fmt: skip
WEEK = {"workouts": 3, "distance_m": 21000, "duration_s": 7200, "load": 180.0}


@pytest.fixture
def sendgrid() -> Iterator[SendGridStandIn]:
    with SendGridStandIn() as stand_in:
        yield stand_in


@pytest.fixture
def sendgrid_settings(settings: Settings, sendgrid: SendGridStandIn) -> Settings:
    return replace(settings, email_backend="sendgrid", sendgrid_api_key=API_KEY,
                   sendgrid_base_url=sendgrid.base_url, provider_timeout_s=3.0)  # fmt: skip


@pytest.fixture
def outbox_settings(settings: Settings, tmp_path: Path) -> Settings:
    return replace(settings, var_dir=tmp_path, email_backend="outbox", push_backend="outbox")


async def digest(who: Athlete, kind: str = "weekly_summary") -> Notification:
    """A digest notification (its email row made by the user's preferences)."""
    data: dict[str, Any] = {"counts": [], "week": WEEK}
    if kind == "weekly_summary":
        data["period"] = {"start": "2026-11-23", "end": "2026-11-29"}
    else:
        data["day"] = "2026-11-29"
    spec = service.NewSpec(who.id, kind, "Your week", "3 workouts", data, f"test:{kind}")
    async with jobs.transaction() as conn:
        [row] = await service.insert([spec], conn=conn, now=dt.datetime.now(dt.UTC))
    return await Notification.get(id=row["id"])


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


async def prefs(client: httpx.AsyncClient, who: Athlete) -> dict[str, Any]:
    r = await client.get(PREFS, headers=who.headers)
    assert r.status_code == 200, r.text
    return dict(r.json())


def link(who: Athlete, kind: UnsubscribeKind, settings: Settings) -> str:
    user = uuid.UUID(str(who.id))
    return path_of(unsubscribe.unsubscribe_url(user_id=user, kind=kind, settings=settings))


# --- the headers ---------------------------------------------------------------------------


async def test_a_digest_email_carries_the_one_click_headers_on_the_wire(
    athlete: Athlete, sendgrid_settings: Settings, sendgrid: SendGridStandIn
) -> None:
    note = await digest(athlete)
    mail = (await rows(note))["email"]
    report = await delivery.deliver(delivery_ids=[mail.id], settings=sendgrid_settings)
    assert report.counts == {"sent": 1}
    [accepted] = sendgrid.accepted
    headers = accepted.body["headers"]
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    match = re.fullmatch(r"<(.+)>", headers["List-Unsubscribe"])
    assert match is not None
    url = match.group(1)
    assert url.startswith(f"{sendgrid_settings.app_url}/unsubscribe/")
    token = url.rsplit("/", 1)[1]
    assert unsubscribe.read_token(token, settings=sendgrid_settings) == (
        uuid.UUID(str(athlete.id)),
        UnsubscribeKind.WEEKLY_ANALYSIS,
    )
    assert athlete.email.split("@")[0] not in token and "mailto:" not in headers["List-Unsubscribe"]
    # the footer links to the same page, in both bodies
    assert url in accepted.content["text/plain"] and url in accepted.content["text/html"]


async def test_the_outbox_records_the_headers(athlete: Athlete, outbox_settings: Settings) -> None:
    note = await digest(athlete, "weekly_summary")
    mail = (await rows(note))["email"]
    assert (await delivery.deliver(delivery_ids=[mail.id], settings=outbox_settings)).counts == {
        "sent": 1
    }
    eml = (outbox_settings.var_dir / "outbox" / "email" / f"{mail.id}.eml").read_text()
    head = eml.split("\n\n", 1)[0].splitlines()
    url = unsubscribe.unsubscribe_url(
        user_id=uuid.UUID(str(athlete.id)), kind=UnsubscribeKind.WEEKLY_ANALYSIS,
        settings=outbox_settings,
    )  # fmt: skip
    assert f"List-Unsubscribe: <{url}>" in head
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in head


async def test_a_critical_alert_has_no_one_click_header_and_links_to_the_settings(
    athlete: Athlete, outbox_settings: Settings
) -> None:
    note = await notify(athlete, "overtraining_detected")
    mail = (await rows(note))["email"]
    await delivery.deliver(delivery_ids=[mail.id], settings=outbox_settings)
    eml = (outbox_settings.var_dir / "outbox" / "email" / f"{mail.id}.eml").read_text()
    assert "List-Unsubscribe" not in eml
    assert f"Unsubscribe: {outbox_settings.app_url}/settings/notifications" in eml


def test_which_emails_carry_the_headers(settings: Settings) -> None:
    user = uuid.uuid4()
    with_headers = {
        t for t in ("daily_summary", "weekly_summary", "plan_created", "analysis_ready",
                    "overtraining_detected", "payment_failed", "subscription_changed")
        if unsubscribe.headers(user_id=user, type=t, settings=settings)
    }  # fmt: skip
    assert with_headers == {"daily_summary", "weekly_summary", "plan_created", "analysis_ready"}


# --- the tokens -----------------------------------------------------------------------------


def test_a_token_is_bound_to_its_user_kind_and_key(settings: Settings) -> None:
    user = uuid.uuid4()
    token = unsubscribe.make_token(user_id=user, kind=UnsubscribeKind.DAILY_SUMMARY,
                                   settings=settings)  # fmt: skip
    assert unsubscribe.read_token(token, settings=settings) == (user, "daily_summary")
    payload, mac = token.split(".")
    other = unsubscribe.make_token(user_id=uuid.uuid4(), kind=UnsubscribeKind.DAILY_SUMMARY,
                                   settings=settings)  # fmt: skip
    weekly = unsubscribe.make_token(user_id=user, kind=UnsubscribeKind.WEEKLY_ANALYSIS,
                                    settings=settings)  # fmt: skip
    forged = [
        f"{other.split('.')[0]}.{mac}",  # someone else's id under my signature
        f"{payload}.{weekly.split('.')[1]}",  # my id, another kind's signature
        f"{payload}.{mac[:-2]}",
        token[:-1] + ("A" if token[-1] != "A" else "B"),
        "", ".", "nodot", "a.b.c", "ééé.ééé", f"{payload}.{mac}=",
    ]  # fmt: skip
    for bad in forged:
        with pytest.raises(unsubscribe.InvalidUnsubscribeLink):
            unsubscribe.read_token(bad, settings=settings)
    rotated = replace(settings, secret_key="another-secret-key-" + "y" * 32)
    with pytest.raises(unsubscribe.InvalidUnsubscribeLink):
        unsubscribe.read_token(token, settings=rotated)


def test_the_key_is_derived_not_the_secret_itself(settings: Settings) -> None:
    import hashlib
    import hmac

    user = uuid.uuid4()
    token = unsubscribe.make_token(user_id=user, kind=UnsubscribeKind.DAILY_SUMMARY,
                                   settings=settings)  # fmt: skip
    payload = user.bytes + b"daily_summary"
    for raw in (payload, b"runcoach:unsubscribe:v1:" + payload):
        raw_mac = hmac.new(settings.secret_key.encode(), raw, hashlib.sha256).digest()[:16]
        assert unsubscribe._b64(raw_mac) != token.split(".")[1]


# --- the page and the POST -----------------------------------------------------------------


async def test_get_shows_a_button_and_changes_nothing(
    client: httpx.AsyncClient, athlete: Athlete, settings: Settings
) -> None:
    before = await prefs(client, athlete)
    url = link(athlete, UnsubscribeKind.WEEKLY_ANALYSIS, settings)
    for _ in range(2):  # a link scanner, then the person
        r = await client.get(url)
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/html")
        assert r.headers["referrer-policy"] == "no-referrer"
    page = r.text
    assert f'<form method="post" action="{url}">' in page
    assert 'name="List-Unsubscribe" value="One-Click"' in page
    assert f'href="{settings.app_url}/settings/notifications"' in page
    assert "weekly summary" in page
    assert await prefs(client, athlete) == before
    # a query (a tracker's, a scanner's) is no API query: the page still shows
    assert (await client.get(url + "?utm_source=mail")).status_code == 200


async def test_one_click_post_turns_the_kind_off_once_and_the_settings_show_it(
    client: httpx.AsyncClient, athlete: Athlete, settings: Settings
) -> None:
    url = link(athlete, UnsubscribeKind.WEEKLY_ANALYSIS, settings)
    r = await client.post(url, **ONE_CLICK)  # as a mail provider sends it
    assert r.status_code == 204, r.text
    p = await prefs(client, athlete)
    assert p["email"]["weekly_analysis"] is False
    [entry] = p["unsubscribed"]
    assert entry["kind"] == "weekly_analysis"
    at = dt.datetime.fromisoformat(entry["at"])
    assert entry["at"].endswith("Z") and abs(dt.datetime.now(dt.UTC) - at) < dt.timedelta(minutes=1)
    # again (a retry, the person clicking after the provider did): same state, same time
    r = await client.post(url, **ONE_CLICK, follow_redirects=False)
    assert r.status_code == 204
    assert (await prefs(client, athlete))["unsubscribed"] == [entry]
    # a browser's form post gets a page
    r = await client.post(
        url, content=b"List-Unsubscribe=One-Click",
        headers={"content-type": "application/x-www-form-urlencoded", "accept": "text/html"},
    )  # fmt: skip
    assert r.status_code == 200 and "unsubscribed" in r.text.lower()
    assert "/settings/notifications" in r.text


async def test_an_empty_body_unsubscribes_too_and_turning_it_back_on_clears_the_record(
    client: httpx.AsyncClient, athlete: Athlete, settings: Settings
) -> None:
    r = await client.put(PREFS, headers=athlete.headers, json={"email": {"daily_summary": True}})
    assert r.status_code == 200
    assert r.json()["unsubscribed"] == []
    r = await client.post(link(athlete, UnsubscribeKind.DAILY_SUMMARY, settings))
    assert r.status_code == 204
    p = await prefs(client, athlete)
    assert p["email"]["daily_summary"] is False
    assert [e["kind"] for e in p["unsubscribed"]] == ["daily_summary"]
    # another email choice keeps the record; turning the kind back on clears it
    r = await client.put(PREFS, headers=athlete.headers, json={"email": {"weekly_analysis": True}})
    assert [e["kind"] for e in r.json()["unsubscribed"]] == ["daily_summary"]
    r = await client.put(PREFS, headers=athlete.headers, json={"email": {"daily_summary": True}})
    assert r.status_code == 200 and r.json()["unsubscribed"] == []
    assert r.json()["email"]["daily_summary"] is True


async def test_plan_and_analysis_emails_unsubscribe_to_alerts_only(
    client: httpx.AsyncClient, athlete: Athlete, settings: Settings
) -> None:
    r = await client.post(link(athlete, UnsubscribeKind.UPDATES, settings), **ONE_CLICK)
    assert r.status_code == 204
    p = await prefs(client, athlete)
    assert p["email"]["alerts_only"] is True and p["email"]["disabled"] is False
    assert [e["kind"] for e in p["unsubscribed"]] == ["updates"]
    r = await client.put(PREFS, headers=athlete.headers, json={"email": {"alerts_only": False}})
    assert r.json()["unsubscribed"] == []


async def test_a_bad_or_tampered_token_is_a_page_not_an_error(
    client: httpx.AsyncClient, athlete: Athlete, settings: Settings
) -> None:
    url = link(athlete, UnsubscribeKind.WEEKLY_ANALYSIS, settings)
    tampered = url[:-3] + ("xyz" if not url.endswith("xyz") else "abc")
    for bad in (tampered, "/unsubscribe/garbage", "/unsubscribe/" + "A" * 300 + ".x",
                "/unsubscribe/%00%ff.%2e"):  # fmt: skip
        for method in ("GET", "POST"):
            r = await client.request(method, bad, **(ONE_CLICK if method == "POST" else {}))
            assert r.status_code == 404, (method, bad, r.status_code)
            assert r.headers["content-type"].startswith("text/html")
            assert "not valid" in r.text
    form = {"content-type": "application/x-www-form-urlencoded"}
    r = await client.post(url, content=b"something=else", headers=form)
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/html")
    p = await prefs(client, athlete)
    assert p["email"]["weekly_analysis"] is True and p["unsubscribed"] == []


async def test_another_users_token_cannot_touch_my_preferences(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete, settings: Settings
) -> None:
    mine_before = await prefs(client, athlete)
    r = await client.post(link(other, UnsubscribeKind.WEEKLY_ANALYSIS, settings), **ONE_CLICK)
    assert r.status_code == 204
    assert (await prefs(client, other))["email"]["weekly_analysis"] is False
    assert await prefs(client, athlete) == mine_before
    # the other's signature does not carry over to my id
    theirs = link(other, UnsubscribeKind.WEEKLY_ANALYSIS, settings).rsplit("/", 1)[1]
    mine = link(athlete, UnsubscribeKind.WEEKLY_ANALYSIS, settings).rsplit("/", 1)[1]
    forged = f"/unsubscribe/{mine.split('.')[0]}.{theirs.split('.')[1]}"
    assert (await client.post(forged, **ONE_CLICK)).status_code == 404
    assert await prefs(client, athlete) == mine_before


async def test_the_daily_digest_stops_being_scheduled(
    client: httpx.AsyncClient, athlete: Athlete, settings: Settings
) -> None:
    from runcoach.notifications.models import NotificationPreference

    r = await client.put(PREFS, headers=athlete.headers, json={"email": {"daily_summary": True}})
    assert r.status_code == 200
    assert (await NotificationPreference.get(user_id=athlete.id)).next_daily_digest_at is not None
    await client.post(link(athlete, UnsubscribeKind.DAILY_SUMMARY, settings), **ONE_CLICK)
    assert (await NotificationPreference.get(user_id=athlete.id)).next_daily_digest_at is None
