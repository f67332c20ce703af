"""No secret in a log line or in the settings' repr.

A scenario that handles every secret (register and login with passwords, a wrong
one too, refresh and refresh-token reuse, logout, Garmin connect with the
simulated provider and a sync that decrypts the stored session, a coach answer
through the Groq stand-in, an email through the SendGrid stand-in and a push
through the Expo stand-in, their failures too) runs with logging configured as
``LOG_LEVEL=DEBUG`` gives it; then every captured line (message, extras,
tracebacks) and the settings' reprs are searched for each secret value.
"""

from __future__ import annotations

import json
import logging
import secrets
import uuid
from collections.abc import Iterator
from dataclasses import replace

import httpx
import pytest
from websockets.asyncio.client import connect

from runcoach import logs
from runcoach.config import Settings
from runcoach.devices import crypto
from runcoach.devices import service as devices_service
from runcoach.devices.providers.simulated import DEMO_PASSWORD
from runcoach.notifications import delivery
from runcoach.notifications.models import PushToken
from tests.notifications.expo_server import ACCESS_TOKEN, ExpoStandIn
from tests.notifications.sendgrid_server import API_KEY as SENDGRID_KEY
from tests.notifications.sendgrid_server import SendGridStandIn
from tests.support.athletes import Athlete
from tests.support.jobs import workers_paused
from tests.support.llm import API_KEY as GROQ_KEY
from tests.support.llm import GroqStandIn, Script, groq_settings
from tests.support.notifications import TOKEN, notify, rows

API = "/api/v1"
CLIENT_LOGGERS = ("websockets.client",)


class Capture(logging.Handler):
    """Every record, rendered as the service renders it (JSON: message, extras, traceback)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logs.JsonFormatter())
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith(CLIENT_LOGGERS):  # the test's own clients send secrets
            self.lines.append(self.format(record))


@pytest.fixture
def debug_logs() -> Iterator[Capture]:
    """Logging as the service configures it with LOG_LEVEL=DEBUG, captured; restored after."""
    manager = logging.root.manager
    loggers = [
        logging.root,
        *(x for x in manager.loggerDict.values() if isinstance(x, logging.Logger)),
    ]
    saved = [(lg, lg.level, lg.propagate, list(lg.handlers), lg.disabled) for lg in loggers]
    logs.configure(level="DEBUG", json=True)
    capture = Capture()
    logging.root.handlers[:] = [capture]
    try:
        yield capture
    finally:
        for lg, level, propagate, handlers, disabled in saved:
            lg.setLevel(level)
            lg.propagate, lg.handlers[:], lg.disabled = propagate, handlers, disabled


async def test_no_secret_reaches_a_log_line_or_a_repr(
    app_server: str,
    client: httpx.AsyncClient,
    settings: Settings,
    groq_app: GroqStandIn,
    debug_logs: Capture,
) -> None:
    secret_values: dict[str, str] = {
        "SECRET_KEY": settings.secret_key,
        "DEVICE_CREDENTIALS_KEY": crypto.credentials_key(settings),
        "GROQ_API_KEY": GROQ_KEY,
        "SENDGRID_API_KEY": SENDGRID_KEY,
        "EXPO_ACCESS_TOKEN": ACCESS_TOKEN,
        "the Garmin password": DEMO_PASSWORD,
    }

    def keep(name: str, value: str) -> str:
        secret_values[name] = value
        return value

    # --- accounts: passwords, access and refresh tokens -----------------------------------
    email = f"leak-{secrets.token_hex(4)}@example.com"
    password = keep("password", "pw-" + secrets.token_urlsafe(16))
    r = await client.post(
        f"{API}/auth/register", json={"email": email, "password": password, "name": "Leak"}
    )
    assert r.status_code == 201, r.text
    keep("first refresh token", r.json()["refresh_token"])
    keep("first access token", r.json()["access_token"])
    too_short = keep("a refused password", "x7!")
    r = await client.post(
        f"{API}/auth/register", json={"email": "b" + email, "password": too_short, "name": "B"}
    )
    assert r.status_code == 422
    wrong = keep("a wrong password", "wrong-" + secrets.token_urlsafe(12))
    r = await client.post(f"{API}/auth/login", json={"email": email, "password": wrong})
    assert r.status_code == 401
    r = await client.post(f"{API}/auth/login", json={"email": email, "password": password})
    assert r.status_code == 200, r.text
    refresh = keep("login refresh token", r.json()["refresh_token"])
    r = await client.post(f"{API}/auth/refresh", json={"refresh_token": refresh})
    assert r.status_code == 200, r.text
    keep("rotated refresh token", r.json()["refresh_token"])
    keep("rotated access token", r.json()["access_token"])
    r = await client.post(f"{API}/auth/refresh", json={"refresh_token": refresh})  # reuse
    assert r.status_code == 401
    r = await client.post(f"{API}/auth/login", json={"email": email, "password": password})
    body = r.json()
    keep("last refresh token", body["refresh_token"])
    access = keep("last access token", body["access_token"])
    headers = {"Authorization": f"Bearer {access}"}
    r = await client.get(f"{API}/me", headers=headers)
    assert r.status_code == 200
    user_id = r.json()["id"]
    who = Athlete(user_id, email, password, access, body["refresh_token"])

    # --- Garmin: connect (a wrong password, then the right one), a sync decrypts ------------
    garmin_wrong = keep("a wrong Garmin password", "garmin-" + secrets.token_urlsafe(10))
    r = await client.post(
        f"{API}/devices/garmin", json={"username": "leaky", "password": garmin_wrong},
        headers=headers,
    )  # fmt: skip
    assert r.status_code == 422
    r = await client.post(
        f"{API}/devices/garmin", json={"username": "leaky", "password": DEMO_PASSWORD},
        headers=headers,
    )  # fmt: skip
    assert r.status_code == 201, r.text
    device_id = uuid.UUID(r.json()["id"])
    with workers_paused():
        sync = await devices_service.request_sync(user_id=uuid.UUID(user_id), device_id=device_id)
        done = await devices_service.run_sync(sync_id=sync.id, settings=settings)
    assert done is not None and done.status == "ok"

    # --- the coach through Groq: an answer, and a refused key ------------------------------
    groq_app.script = Script()
    r = await client.post(f"{API}/coach/messages", json={"text": "Hello"}, headers=headers)
    assert r.status_code == 200, r.text
    groq_app.script = Script(raw_body="<html>Bad gateway</html>")
    r = await client.post(f"{API}/coach/messages", json={"text": "Again"}, headers=headers)
    assert r.status_code == 502

    # --- the coach's websocket, authenticated by its first frame (as browsers do) -----------
    ws_url = app_server.replace("http://", "ws://") + "/ws/coach"
    async with connect(ws_url) as conn:
        await conn.send(json.dumps({"type": "auth", "token": access}))
        assert json.loads(await conn.recv())["type"] == "ready"
        await conn.send(json.dumps({"type": "message", "text": "Over the socket"}))
        while json.loads(await conn.recv())["type"] not in ("done", "error"):
            pass

    # --- email through SendGrid, push through Expo (a failure first) -----------------------
    with SendGridStandIn() as sendgrid, ExpoStandIn(access_token=ACCESS_TOKEN) as expo:
        providers = replace(
            settings, email_backend="sendgrid", sendgrid_api_key=SENDGRID_KEY,
            sendgrid_base_url=sendgrid.base_url, push_backend="expo",
            expo_access_token=ACCESS_TOKEN, expo_base_url=expo.base_url, provider_timeout_s=3.0,
        )  # fmt: skip
        await PushToken.create(user_id=user_id, token=TOKEN, platform="android")
        with workers_paused():
            note = await notify(who)
            ids = [d.id for d in (await rows(note)).values() if d.channel in ("email", "push")]
            assert len(ids) == 2
            sendgrid.fail_next(503)
            await delivery.deliver(delivery_ids=ids, settings=providers)
            await delivery.deliver(delivery_ids=ids, settings=providers)
        assert len(sendgrid.accepted) == 1 and len(expo.sent) == 1

    r = await client.post(f"{API}/auth/logout", json={"refresh_token": who.refresh_token})
    assert r.status_code == 204, r.text

    # --- the scan ----------------------------------------------------------------------------
    captured = "\n".join(debug_logs.lines)
    assert len(debug_logs.lines) > 50  # DEBUG really was on: the scan saw the traffic
    reprs = "\n".join(repr(s) for s in (settings, providers, groq_settings(groq_app)))
    leaks = {
        name: [line[:300] for line in debug_logs.lines if any(p in line for p in pieces(value))]
        for name, value in secret_values.items()
        if any(piece in captured for piece in pieces(value))
    }
    assert leaks == {}, f"secrets in log lines: {leaks}"
    in_reprs = [name for name, value in secret_values.items() if value in reprs]
    assert in_reprs == []


def pieces(secret: str) -> set[str]:
    """The secret, and its 16-character pieces when it is long (a truncated one leaks too)."""
    if len(secret) < 24:
        return {secret}
    return {secret, *(secret[i : i + 16] for i in range(0, len(secret) - 15, 8))}
