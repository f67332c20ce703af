"""Device routes with the simulated Garmin provider: connect, list, disconnect, sync requests."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio
from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from runcoach.devices import crypto
from runcoach.devices.models import Device, DeviceSync
from runcoach.devices.providers.simulated import DEMO_PASSWORD
from tests.support.athletes import Athlete
from tests.support.jobs import queued, queued_messages, workers_paused

DEVICES = "/api/v1/devices"
PUBLIC_FIELDS = {
    "id",
    "provider",
    "display_name",
    "device_name",
    "available",
    "last_sync_at",
    "last_sync_status",
    "last_error",
    "connected_at",
    "latest_sync",
}


@pytest_asyncio.fixture(autouse=True, loop_scope="session")
async def _no_worker(db: None) -> AsyncIterator[None]:
    """Queue counts below assume no worker consumes meanwhile (see tests/test_jobs.py)."""
    with workers_paused():
        yield


async def connect(
    client: httpx.AsyncClient,
    who: Athlete,
    username: str = "jane",
    password: str = DEMO_PASSWORD,
) -> httpx.Response:
    return await client.post(
        f"{DEVICES}/garmin",
        json={"username": username, "password": password},
        headers=who.headers,
    )


async def connected(client: httpx.AsyncClient, who: Athlete, username: str = "jane") -> str:
    r = await connect(client, who, username)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def fernet(key: str) -> MultiFernet:
    return MultiFernet([Fernet(part.strip()) for part in key.split(",") if part.strip()])


# --- connect ------------------------------------------------------------------------


async def test_connect_returns_the_device_without_credentials(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    r = await connect(client, athlete)
    assert r.status_code == 201, r.text
    body = r.json()
    assert set(body) == PUBLIC_FIELDS
    assert body["provider"] == "garmin"
    assert body["display_name"] == "jane"
    assert body["device_name"] == "Simulated Forerunner"
    assert body["available"] is True
    assert body["last_sync_status"] == "never"
    assert body["last_sync_at"] is None
    assert body["latest_sync"] is None
    uuid.UUID(body["id"])
    assert "sim-jane" not in r.text
    assert DEMO_PASSWORD not in r.text


async def test_connecting_again_reconnects(
    client: httpx.AsyncClient, athlete: Athlete, settings: Any
) -> None:
    first = await connect(client, athlete, "jane")
    assert first.status_code == 201
    before = await Device.get(id=first.json()["id"])
    second = await connect(client, athlete, "jane2")
    assert second.status_code == 200, second.text
    assert second.json()["id"] == first.json()["id"]
    assert second.json()["display_name"] == "jane2"
    assert await Device.filter(user_id=athlete.id).count() == 1
    after = await Device.get(id=first.json()["id"])
    assert after.credentials != before.credentials  # replaced
    key = crypto.credentials_key(settings)
    assert json.loads(fernet(key).decrypt(after.credentials.encode())) == {"token": "sim-jane2"}


async def test_wrong_password_is_422(client: httpx.AsyncClient, athlete: Athlete) -> None:
    r = await connect(client, athlete, password="not-the-password")
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    problem = r.json()
    assert problem["code"] == "validation_error"
    assert [e["field"] for e in problem["errors"]] == ["password"]
    assert "not-the-password" not in r.text
    assert await Device.all().count() == 0


async def test_missing_fields_are_422(client: httpx.AsyncClient, athlete: Athlete) -> None:
    r = await client.post(f"{DEVICES}/garmin", json={"username": "jane"}, headers=athlete.headers)
    assert r.status_code == 422, r.text
    assert r.json()["code"] == "validation_error"
    assert "password" in {e["field"] for e in r.json()["errors"]}
    assert await Device.all().count() == 0


async def test_provider_down_is_502_and_stores_nothing(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    r = await connect(client, athlete, username="down-jane")
    assert r.status_code == 502, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["code"] == "provider_error"
    assert r.json()["status"] == 502
    assert await Device.all().count() == 0


async def test_credentials_are_a_fernet_token_at_rest(
    client: httpx.AsyncClient, athlete: Athlete, settings: Any
) -> None:
    device_id = await connected(client, athlete)
    device = await Device.get(id=device_id)
    token = device.credentials
    assert token.startswith("gAAAAA")  # Fernet version byte 0x80, base64
    assert "sim-jane" not in token
    key = crypto.credentials_key(settings)
    assert json.loads(fernet(key).decrypt(token.encode())) == {"token": "sim-jane"}
    # Another key cannot read it.
    with pytest.raises(InvalidToken):
        Fernet(Fernet.generate_key()).decrypt(token.encode())


async def test_connect_needs_a_login(client: httpx.AsyncClient) -> None:
    r = await client.post(f"{DEVICES}/garmin", json={"username": "jane", "password": DEMO_PASSWORD})
    assert r.status_code == 401
    assert await Device.all().count() == 0


# --- list and disconnect -----------------------------------------------------------


async def test_list_shows_only_the_callers_devices(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete
) -> None:
    mine = await connected(client, athlete, "jane")
    theirs = await connected(client, other, "bob")

    r = await client.get(f"{DEVICES}/", headers=athlete.headers)
    assert r.status_code == 200, r.text
    assert [d["id"] for d in r.json()["items"]] == [mine]
    assert set(r.json()["items"][0]) == PUBLIC_FIELDS
    assert "sim-" not in r.text

    r = await client.get(f"{DEVICES}/", headers=other.headers)
    assert [d["id"] for d in r.json()["items"]] == [theirs]


async def test_list_is_empty_without_devices(client: httpx.AsyncClient, athlete: Athlete) -> None:
    r = await client.get(f"{DEVICES}/", headers=athlete.headers)
    assert r.status_code == 200
    assert r.json() == {"items": [], "next_cursor": None}


async def test_disconnect_then_again_is_404(client: httpx.AsyncClient, athlete: Athlete) -> None:
    device_id = await connected(client, athlete)
    r = await client.delete(f"{DEVICES}/{device_id}", headers=athlete.headers)
    assert r.status_code == 204, r.text
    assert r.content == b""
    assert not await Device.filter(id=device_id).exists()

    r = await client.delete(f"{DEVICES}/{device_id}", headers=athlete.headers)
    assert r.status_code == 404
    assert r.json()["code"] == "not_found"
    r = await client.get(f"{DEVICES}/", headers=athlete.headers)
    assert r.json()["items"] == []


async def test_another_users_device_is_404_and_unchanged(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete
) -> None:
    device_id = await connected(client, athlete)
    before = await Device.get(id=device_id)

    for method, path in (
        ("DELETE", f"{DEVICES}/{device_id}"),
        ("POST", f"{DEVICES}/{device_id}/sync"),
        ("GET", f"{DEVICES}/{device_id}/sync"),
    ):
        r = await client.request(method, path, headers=other.headers)
        assert r.status_code == 404, (method, path, r.text)
        assert r.json()["code"] == "not_found"
        assert "sim-jane" not in r.text

    after = await Device.get(id=device_id)
    assert (after.credentials, after.updated_at) == (before.credentials, before.updated_at)
    assert await DeviceSync.all().count() == 0
    assert queued() == 0
    r = await client.get(f"{DEVICES}/{device_id}/sync", headers=athlete.headers)
    assert r.status_code == 200
    assert r.json()["latest_sync"] is None


async def test_unknown_or_malformed_device_id_is_404(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    for device_id in (str(uuid.uuid4()), "not-a-uuid"):
        for method, path in (
            ("DELETE", f"{DEVICES}/{device_id}"),
            ("POST", f"{DEVICES}/{device_id}/sync"),
            ("GET", f"{DEVICES}/{device_id}/sync"),
        ):
            r = await client.request(method, path, headers=athlete.headers)
            assert r.status_code == 404, (method, path, r.text)


# --- sync requests ------------------------------------------------------------------


async def test_sync_request_is_202_pending_and_queued_once(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    device_id = await connected(client, athlete)
    r = await client.post(f"{DEVICES}/{device_id}/sync", headers=athlete.headers)
    assert r.status_code == 202, r.text
    body = r.json()
    assert body["status"] == "pending"
    sync_id = body["sync_id"]
    assert body["sync"]["id"] == sync_id
    assert body["sync"]["trigger"] == "manual"
    assert body["sync"]["status"] == "pending"
    [message] = queued_messages()
    assert (message["actor_name"], message["args"]) == ("devices.sync", [sync_id])

    again = await client.post(f"{DEVICES}/{device_id}/sync", headers=athlete.headers)
    assert again.status_code == 202, again.text
    assert again.json()["sync_id"] == sync_id
    assert again.json()["status"] == "pending"
    assert await DeviceSync.filter(device_id=device_id).count() == 1
    assert queued() == 1  # the pending sync is not queued twice

    status = await client.get(f"{DEVICES}/{device_id}/sync", headers=athlete.headers)
    assert status.status_code == 200
    assert status.json()["id"] == device_id
    assert status.json()["latest_sync"]["id"] == sync_id
    assert status.json()["latest_sync"]["status"] == "pending"
    listed = await client.get(f"{DEVICES}/", headers=athlete.headers)
    assert listed.json()["items"][0]["latest_sync"]["id"] == sync_id


async def test_disconnect_removes_its_syncs(client: httpx.AsyncClient, athlete: Athlete) -> None:
    device_id = await connected(client, athlete)
    r = await client.post(f"{DEVICES}/{device_id}/sync", headers=athlete.headers)
    assert r.status_code == 202
    r = await client.delete(f"{DEVICES}/{device_id}", headers=athlete.headers)
    assert r.status_code == 204
    assert await DeviceSync.all().count() == 0
