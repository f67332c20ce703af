"""Athletes for the tests: ``register()`` (a plain factory, through the API) and two fixtures."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

import httpx
import pytest_asyncio


@dataclass
class Athlete:
    id: str
    email: str
    password: str
    access_token: str
    refresh_token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"}


async def register(client: httpx.AsyncClient, **fields: Any) -> Athlete:
    """Register an athlete through the API (a plain factory)."""
    body = {
        "email": f"runner-{secrets.token_hex(4)}@example.com",
        "password": "correct horse battery",
        "name": "Test Runner",
        **fields,
    }
    r = await client.post("/api/v1/auth/register", json=body)
    assert r.status_code == 201, r.text
    data = r.json()
    return Athlete(
        id=data["user"]["id"],
        email=body["email"],
        password=body["password"],
        access_token=data["access_token"],
        refresh_token=data["refresh_token"],
    )


@pytest_asyncio.fixture(loop_scope="session")
async def athlete(client: httpx.AsyncClient) -> Athlete:
    return await register(client, name="Alice")


@pytest_asyncio.fixture(loop_scope="session")
async def other(client: httpx.AsyncClient) -> Athlete:
    return await register(client, name="Bob")
