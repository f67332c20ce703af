"""Plan test helpers: the plans queue, POST a plan, run its job here."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import httpx

from runcoach.coach import context
from runcoach.plans import generation
from runcoach.plans.models import Plan
from tests.support.athletes import Athlete
from tests.support.jobs import queued_messages

PLANS = "/api/v1/plans"


def plans_queue() -> list[str]:
    """The plan ids waiting in the "plans" queue, in order."""
    return [m["args"][0] for m in queued_messages("plans")]


def in_days(n: int) -> str:
    """A date ``n`` days after today (UTC, the test athletes' time zone)."""
    return (dt.datetime.now(dt.UTC).date() + dt.timedelta(days=n)).isoformat()


async def post_plan(client: httpx.AsyncClient, who: Athlete, **fields: Any) -> str:
    body = {"goal": "10k", "days_per_week": 4, **fields}
    r = await client.post(f"{PLANS}/", json=body, headers=who.headers)
    assert r.status_code == 202, r.text
    return str(r.json()["plan_id"])


async def build(plan_id: str, settings: Any) -> Plan | None:
    """Run the job's service function in this process, as the ``plans.generate`` actor does."""

    async def snapshot_of(user_id: uuid.UUID) -> Any:
        return await context.build_snapshot(user_id=user_id)

    return await generation.generate_plan(
        plan_id=uuid.UUID(plan_id), settings=settings, snapshot_of=snapshot_of
    )


async def ready_plan(
    client: httpx.AsyncClient, who: Athlete, settings: Any, redis: Any, **fields: Any
) -> dict[str, Any]:
    """POST a plan, build it here and GET it."""
    plan_id = await post_plan(client, who, **fields)
    built = await build(plan_id, settings)
    assert built is not None and built.status == "ready", built and built.failure_reason
    r = await client.get(f"{PLANS}/{plan_id}", headers=who.headers)
    assert r.status_code == 200, r.text
    return dict(r.json())
