"""Device sync: the service (run, retry, fail, schedule, sweep) and the real worker end to end."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import json
import secrets
import subprocess
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio
from cryptography.fernet import Fernet

from runcoach.athletes.models import User
from runcoach.devices import crypto, service
from runcoach.devices.models import Device, DeviceSync
from runcoach.devices.providers.base import (
    DailyMetrics,
    ProviderAuthError,
    ProviderError,
    ProviderSession,
    ProviderUnavailable,
)
from runcoach.devices.providers.simulated import DAYS_OF_RUNS, DEMO_PASSWORD, SimulatedProvider
from runcoach.errors import NotFound
from runcoach.metrics.models import HealthMetric
from runcoach.workouts.activity import ActivityData
from runcoach.workouts.models import Workout
from tests.support.athletes import Athlete
from tests.support.jobs import queued, queued_messages, workers_paused

DEVICES = "/api/v1/devices"
FIRST_SYNC_DAYS_OF_METRICS = service.FIRST_SYNC_DAYS + 1  # both ends included
SYNC_TIMEOUT_S = 20  # includes the worker's start-up on first use


@pytest_asyncio.fixture(autouse=True, loop_scope="session")
async def _no_worker_unless_asked(request: pytest.FixtureRequest) -> AsyncIterator[None]:
    """Service tests count queued messages and run syncs themselves: hold any worker still."""
    if "worker_process" in request.fixturenames:
        yield
        return
    with workers_paused():
        yield


async def new_user() -> uuid.UUID:
    user = await User.create(
        email=f"u-{secrets.token_hex(4)}@example.com", password_hash="x", name="U"
    )
    return user.id


async def make_device(
    settings: Any,
    *,
    user_id: uuid.UUID | None = None,
    username: str = "jane",
    **fields: Any,
) -> Device:
    """A Garmin device row holding a simulated session for ``username``."""
    fields.setdefault(
        "credentials",
        crypto.encrypt_credentials({"token": f"sim-{username}"}, crypto.credentials_key(settings)),
    )
    return await Device.create(
        user_id=user_id or await new_user(), provider="garmin", display_name=username, **fields
    )


def stored_session(device: Device, settings: Any) -> dict[str, Any]:
    return crypto.decrypt_credentials(device.credentials, crypto.credentials_key(settings))


# --- run_sync ---------------------------------------------------------------------------


async def test_run_sync_imports_runs_and_metrics_once(db: None, settings: Any) -> None:
    device = await make_device(settings)
    sync = await service.request_sync(user_id=device.user_id, device_id=device.id)
    assert sync.status == "pending"

    done = await service.run_sync(sync_id=sync.id, settings=settings)
    assert done is not None
    assert done.status == "ok"
    assert (done.activities_imported, done.metrics_imported) == (
        DAYS_OF_RUNS,
        FIRST_SYNC_DAYS_OF_METRICS,
    )
    assert done.attempts == 1
    assert done.started_at is not None and done.finished_at is not None
    assert done.error is None

    await device.refresh_from_db()
    assert device.last_sync_status == "ok"
    assert device.available is True
    assert device.last_sync_at is not None and device.synced_until is not None
    assert stored_session(device, settings) == {"token": "sim-jane"}

    workouts = await Workout.filter(user_id=device.user_id)
    assert len(workouts) == DAYS_OF_RUNS
    assert {(w.source, w.device_id) for w in workouts} == {("garmin", device.id)}
    assert len({w.external_id for w in workouts}) == DAYS_OF_RUNS
    metrics = await HealthMetric.filter(user_id=device.user_id)
    assert len(metrics) == FIRST_SYNC_DAYS_OF_METRICS
    assert {m.source for m in metrics} == {"garmin"}
    # One risk recompute for the whole batch, not one per activity and metric day.
    recomputes = [
        m for m in queued_messages("training") if m["actor_name"] == "training.recompute_risk"
    ]
    assert [m["args"] for m in recomputes] == [[str(device.user_id)]]

    # A second sync overlaps the first: nothing new, nothing twice.
    again = await service.request_sync(user_id=device.user_id, device_id=device.id)
    assert again.id != sync.id
    second = await service.run_sync(sync_id=again.id, settings=settings)
    assert second is not None and second.status == "ok"
    assert (second.activities_imported, second.metrics_imported) == (0, 0)
    assert await Workout.filter(user_id=device.user_id).count() == DAYS_OF_RUNS
    assert await HealthMetric.filter(user_id=device.user_id).count() == FIRST_SYNC_DAYS_OF_METRICS


async def test_run_sync_on_a_finished_sync_does_nothing(db: None, settings: Any) -> None:
    device = await make_device(settings)
    sync = await DeviceSync.create(device_id=device.id)
    first = await service.run_sync(sync_id=sync.id, settings=settings)
    assert first is not None and first.status == "ok"
    await Workout.filter(user_id=device.user_id).delete()

    assert await service.run_sync(sync_id=sync.id, settings=settings) is None
    row = await DeviceSync.get(id=sync.id)
    assert (row.status, row.attempts, row.finished_at) == ("ok", 1, first.finished_at)
    assert await Workout.filter(user_id=device.user_id).count() == 0  # not run again

    failed = await DeviceSync.create(device_id=device.id, status="failed", attempts=2)
    assert await service.run_sync(sync_id=failed.id, settings=settings) is None
    assert (await DeviceSync.get(id=failed.id)).status == "failed"


async def test_run_sync_of_an_unknown_sync_does_nothing(db: None, settings: Any) -> None:
    assert await service.run_sync(sync_id=uuid.uuid4(), settings=settings) is None


async def test_a_sync_already_running_is_left_alone(db: None, settings: Any) -> None:
    device = await make_device(settings)
    now = dt.datetime.now(dt.UTC)
    sync = await DeviceSync.create(
        device_id=device.id, status="running", started_at=now, attempts=1
    )
    assert await service.run_sync(sync_id=sync.id, settings=settings) is None
    row = await DeviceSync.get(id=sync.id)
    assert (row.status, row.attempts) == ("running", 1)
    assert await Workout.all().count() == 0


async def test_an_abandoned_running_sync_is_taken_over(db: None, settings: Any) -> None:
    device = await make_device(settings)
    long_ago = dt.datetime.now(dt.UTC) - service.RUNNING_DEADLINE - dt.timedelta(minutes=1)
    sync = await DeviceSync.create(
        device_id=device.id, status="running", started_at=long_ago, attempts=1
    )
    done = await service.run_sync(sync_id=sync.id, settings=settings)
    assert done is not None and done.status == "ok"
    assert done.attempts == 2


async def test_provider_unavailable_retries_then_fails(db: None, settings: Any) -> None:
    device = await make_device(settings, username="down-jane")
    sync = await DeviceSync.create(device_id=device.id)

    for attempt in range(1, service.MAX_ATTEMPTS):
        with pytest.raises(service.SyncRetry):
            await service.run_sync(sync_id=sync.id, settings=settings)
        row = await DeviceSync.get(id=sync.id)
        assert (row.status, row.attempts) == ("pending", attempt)
        assert row.error and "could not be reached" in row.error
        assert row.finished_at is None
        await device.refresh_from_db()
        assert device.available is False
        assert device.last_error and "could not be reached" in device.last_error
        assert device.last_sync_status == "never"

    final = await service.run_sync(sync_id=sync.id, settings=settings)
    assert final is not None
    assert (final.status, final.attempts) == ("failed", service.MAX_ATTEMPTS)
    assert final.finished_at is not None
    await device.refresh_from_db()
    assert device.last_sync_status == "failed"
    assert device.available is False  # still unreachable
    assert device.last_sync_at is not None
    # Finished: another delivery of the message does nothing.
    assert await service.run_sync(sync_id=sync.id, settings=settings) is None


async def test_a_later_successful_sync_makes_the_device_available_again(
    db: None, settings: Any
) -> None:
    device = await make_device(settings, username="down-jane")
    sync = await DeviceSync.create(device_id=device.id)
    with pytest.raises(service.SyncRetry):
        await service.run_sync(sync_id=sync.id, settings=settings)
    await Device.filter(id=device.id).update(
        credentials=crypto.encrypt_credentials(
            {"token": "sim-jane"}, crypto.credentials_key(settings)
        )
    )
    done = await service.run_sync(sync_id=sync.id, settings=settings)
    assert done is not None and done.status == "ok" and done.error is None
    await device.refresh_from_db()
    assert (device.available, device.last_error, device.last_sync_status) == (True, None, "ok")


@pytest.mark.parametrize(
    "credentials",
    [
        "not-a-fernet-token",
        Fernet(Fernet.generate_key()).encrypt(b'{"token": "sim-jane"}').decode(),
    ],
    ids=["garbage", "foreign-key"],
)
async def test_undecryptable_credentials_fail_with_auth_status(
    db: None, settings: Any, credentials: str
) -> None:
    device = await make_device(settings, credentials=credentials)
    sync = await DeviceSync.create(device_id=device.id)
    failed = await service.run_sync(sync_id=sync.id, settings=settings)
    assert failed is not None
    assert failed.status == "failed"
    assert failed.error and "reconnect" in failed.error
    await device.refresh_from_db()
    assert device.last_sync_status == "auth_failed"
    assert device.last_error and "reconnect" in device.last_error
    assert device.credentials == credentials  # left for the user to replace
    assert await Workout.all().count() == 0


async def test_rejected_session_fails_with_auth_status(db: None, settings: Any) -> None:
    device = await make_device(
        settings,
        credentials=crypto.encrypt_credentials(
            {"token": "bogus"}, crypto.credentials_key(settings)
        ),
    )
    sync = await DeviceSync.create(device_id=device.id)
    failed = await service.run_sync(sync_id=sync.id, settings=settings)
    assert failed is not None and failed.status == "failed"
    assert failed.attempts == 1
    await device.refresh_from_db()
    assert device.last_sync_status == "auth_failed"


async def test_auth_failed_devices_are_scheduled_again_after_reconnecting(
    client: httpx.AsyncClient, athlete: Athlete, settings: Any
) -> None:
    await make_device(
        settings,
        user_id=uuid.UUID(athlete.id),
        credentials="garbage",
        last_sync_status="auth_failed",
        last_sync_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=1),
    )
    assert await service.schedule_due_syncs() == 0
    r = await client.post(
        f"{DEVICES}/garmin",
        json={"username": "jane", "password": DEMO_PASSWORD},
        headers=athlete.headers,
    )
    assert r.status_code == 200, r.text
    assert r.json()["last_sync_status"] != "auth_failed"
    assert await service.schedule_due_syncs() == 1


# --- refreshed sessions ------------------------------------------------------------


class RefreshingProvider(SimulatedProvider):
    """The simulation, but each call refreshes the token; ``fail`` makes a call raise."""

    def __init__(self, fail: dict[str, ProviderError] | None = None) -> None:
        super().__init__()
        self.fail = fail or {}

    @staticmethod
    def _refreshed(session: ProviderSession) -> ProviderSession:
        token = session.credentials["token"]
        generation = int(session.credentials.get("generation", 0)) + 1
        return ProviderSession(credentials={"token": token, "generation": generation})

    def _maybe_fail(self, call: str, session: ProviderSession) -> None:
        error = self.fail.get(call)
        if error is not None:
            if getattr(error, "refresh", False):
                error.session = self._refreshed(session)
            raise error

    async def fetch_activities(
        self, session: ProviderSession, *, since: dt.datetime
    ) -> tuple[list[ActivityData], ProviderSession]:
        self._maybe_fail("activities", session)
        runs, _ = await super().fetch_activities(session, since=since)
        return runs, self._refreshed(session)

    async def fetch_daily_metrics(
        self, session: ProviderSession, *, start: dt.date, end: dt.date
    ) -> tuple[list[DailyMetrics], ProviderSession]:
        self._maybe_fail("metrics", session)
        days, _ = await super().fetch_daily_metrics(session, start=start, end=end)
        return days, self._refreshed(session)


def refreshing(error: ProviderError) -> ProviderError:
    error.refresh = True  # type: ignore[attr-defined]
    return error


def use_provider(monkeypatch: pytest.MonkeyPatch, provider: SimulatedProvider) -> None:
    monkeypatch.setattr(service, "get_provider", lambda name: provider)


async def test_a_successful_sync_stores_the_refreshed_session(
    db: None, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_provider(monkeypatch, RefreshingProvider())
    device = await make_device(settings)
    sync = await DeviceSync.create(device_id=device.id)
    done = await service.run_sync(sync_id=sync.id, settings=settings)
    assert done is not None and done.status == "ok"
    await device.refresh_from_db()
    assert stored_session(device, settings) == {"token": "sim-jane", "generation": 2}


@pytest.mark.parametrize("call", ["activities", "metrics"])
async def test_unavailable_with_a_refreshed_session_stores_it(
    db: None, settings: Any, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    use_provider(monkeypatch, RefreshingProvider({call: refreshing(ProviderUnavailable("5xx"))}))
    device = await make_device(settings)
    sync = await DeviceSync.create(device_id=device.id)
    with pytest.raises(service.SyncRetry):
        await service.run_sync(sync_id=sync.id, settings=settings)
    await device.refresh_from_db()
    # activities: refreshed once by the failing call; metrics: once by the
    # activities call, once more by the failing one.
    generation = 1 if call == "activities" else 2
    assert stored_session(device, settings) == {"token": "sim-jane", "generation": generation}
    assert (await DeviceSync.get(id=sync.id)).status == "pending"


async def test_a_session_refreshed_before_a_failure_is_kept(
    db: None, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The activities call refreshed the tokens; the metrics call fails without a session.
    use_provider(monkeypatch, RefreshingProvider({"metrics": ProviderUnavailable("timeout")}))
    device = await make_device(settings)
    sync = await DeviceSync.create(device_id=device.id)
    with pytest.raises(service.SyncRetry):
        await service.run_sync(sync_id=sync.id, settings=settings)
    await device.refresh_from_db()
    assert stored_session(device, settings) == {"token": "sim-jane", "generation": 1}


async def test_auth_error_with_a_refreshed_session_stores_it(
    db: None, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_provider(monkeypatch, RefreshingProvider({"metrics": refreshing(ProviderAuthError("x"))}))
    device = await make_device(settings)
    sync = await DeviceSync.create(device_id=device.id)
    failed = await service.run_sync(sync_id=sync.id, settings=settings)
    assert failed is not None and failed.status == "failed"
    await device.refresh_from_db()
    assert device.last_sync_status == "auth_failed"
    assert stored_session(device, settings) == {"token": "sim-jane", "generation": 2}


async def test_an_unexpected_error_releases_the_sync_for_a_retry(
    db: None, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Broken(SimulatedProvider):
        async def fetch_daily_metrics(
            self, session: ProviderSession, *, start: dt.date, end: dt.date
        ) -> tuple[list[DailyMetrics], ProviderSession]:
            raise ValueError("a bug")

    use_provider(monkeypatch, Broken())
    device = await make_device(settings)
    sync = await DeviceSync.create(device_id=device.id)
    with pytest.raises(ValueError, match="a bug"):
        await service.run_sync(sync_id=sync.id, settings=settings)
    row = await DeviceSync.get(id=sync.id)
    # Not stuck in "running" until the sweep: the actor's retry can claim it again.
    assert (row.status, row.attempts) == ("pending", 1)

    monkeypatch.undo()
    done = await service.run_sync(sync_id=sync.id, settings=settings)
    assert done is not None and done.status == "ok" and done.attempts == 2


async def test_a_sync_abandoned_too_often_is_failed(db: None, settings: Any) -> None:
    device = await make_device(settings)
    long_ago = dt.datetime.now(dt.UTC) - service.RUNNING_DEADLINE - dt.timedelta(minutes=1)
    sync = await DeviceSync.create(
        device_id=device.id,
        status="running",
        started_at=long_ago,
        attempts=service.MAX_ATTEMPTS,
    )
    assert await service.run_sync(sync_id=sync.id, settings=settings) is None
    row = await DeviceSync.get(id=sync.id)
    assert row.status == "failed"
    assert row.attempts == service.MAX_ATTEMPTS
    assert await Workout.all().count() == 0


async def test_concurrent_sync_requests_make_one_sync(db: None, settings: Any) -> None:
    device = await make_device(settings)
    runs = await asyncio.gather(
        *(service.request_sync(user_id=device.user_id, device_id=device.id) for _ in range(5))
    )
    assert len({r.id for r in runs}) == 1
    assert await DeviceSync.filter(device_id=device.id).count() == 1
    assert queued() == 1


async def test_request_sync_of_another_users_device_is_not_found(db: None, settings: Any) -> None:
    device = await make_device(settings)
    with pytest.raises(NotFound):
        await service.request_sync(user_id=await new_user(), device_id=device.id)
    assert await DeviceSync.all().count() == 0
    assert queued() == 0


# --- schedule and sweep ------------------------------------------------------------------


async def test_schedule_due_syncs_queues_one_per_due_device(db: None, settings: Any) -> None:
    now = dt.datetime.now(dt.UTC)
    never = await make_device(settings)
    stale = await make_device(
        settings, last_sync_at=now - dt.timedelta(hours=2), last_sync_status="ok"
    )
    failed = await make_device(
        settings, last_sync_at=now - dt.timedelta(hours=3), last_sync_status="failed"
    )
    fresh = await make_device(
        settings, last_sync_at=now - dt.timedelta(minutes=10), last_sync_status="ok"
    )
    auth = await make_device(
        settings, last_sync_at=now - dt.timedelta(days=1), last_sync_status="auth_failed"
    )
    busy = await make_device(settings, last_sync_at=now - dt.timedelta(days=1))
    active = await DeviceSync.create(device_id=busy.id, trigger="manual")

    assert await service.schedule_due_syncs() == 3
    scheduled = await DeviceSync.filter(trigger="schedule")
    assert sorted(str(s.device_id) for s in scheduled) == sorted(
        str(d.id) for d in (never, stale, failed)
    )
    assert {s.status for s in scheduled} == {"pending"}
    assert not await DeviceSync.filter(device_id__in=[fresh.id, auth.id]).exists()
    assert await DeviceSync.filter(device_id=busy.id).count() == 1
    messages = queued_messages()
    assert sorted(m["args"][0] for m in messages) == sorted(str(s.id) for s in scheduled)
    assert {m["actor_name"] for m in messages} == {"devices.sync"}
    assert str(active.id) not in {m["args"][0] for m in messages}

    # Run again (the clock fired twice, or the syncs have not run yet): nothing new.
    assert await service.schedule_due_syncs() == 0
    assert await DeviceSync.filter(trigger="schedule").count() == 3
    assert queued() == 3


async def test_sweep_re_enqueues_stuck_syncs(db: None, settings: Any) -> None:
    now = dt.datetime.now(dt.UTC)
    old = now - service.PENDING_DEADLINE - dt.timedelta(minutes=1)
    devices = [await make_device(settings) for _ in range(5)]
    stuck_pending = await DeviceSync.create(device_id=devices[0].id)
    await DeviceSync.filter(id=stuck_pending.id).update(requested_at=old)
    fresh_pending = await DeviceSync.create(device_id=devices[1].id)
    abandoned = await DeviceSync.create(
        device_id=devices[2].id,
        status="running",
        started_at=now - service.RUNNING_DEADLINE - dt.timedelta(minutes=1),
    )
    await DeviceSync.create(device_id=devices[3].id, status="running", started_at=now)
    finished = await DeviceSync.create(device_id=devices[4].id, status="ok")
    await DeviceSync.filter(id=finished.id).update(requested_at=old)
    assert queued() == 0

    assert await service.sweep_stuck_syncs() == 2
    assert queued() == 2
    messages = queued_messages()
    assert {m["actor_name"] for m in messages} == {"devices.sync"}
    assert sorted(m["args"][0] for m in messages) == sorted(
        [str(stuck_pending.id), str(abandoned.id)]
    )
    assert str(fresh_pending.id) not in {m["args"][0] for m in messages}

    # The re-enqueued syncs then run normally.
    for sync_id in (stuck_pending.id, abandoned.id):
        done = await service.run_sync(sync_id=sync_id, settings=settings)
        assert done is not None and done.status == "ok"
    assert await service.sweep_stuck_syncs() == 0
    assert queued() == 2


# --- the real worker -----------------------------------------------------------------


async def wait_for_sync(
    client: httpx.AsyncClient, athlete: Athlete, device_id: str, sync_id: str
) -> dict[str, Any]:
    """Poll the sync status until ``sync_id`` is finished; the device JSON."""
    body: dict[str, Any] = {}
    try:
        async with asyncio.timeout(SYNC_TIMEOUT_S):
            while True:
                r = await client.get(f"{DEVICES}/{device_id}/sync", headers=athlete.headers)
                assert r.status_code == 200, r.text
                body = r.json()
                latest = body["latest_sync"]
                if latest["id"] == sync_id and latest["status"] in ("ok", "failed"):
                    return body
                await asyncio.sleep(0.2)
    except TimeoutError:
        pytest.fail(f"sync {sync_id} not finished after {SYNC_TIMEOUT_S} s: {json.dumps(body)}")


@pytest.mark.slow
async def test_worker_syncs_the_device_end_to_end(
    client: httpx.AsyncClient,
    athlete: Athlete,
    worker_process: subprocess.Popen[bytes],
) -> None:
    r = await client.post(
        f"{DEVICES}/garmin",
        json={"username": "jane", "password": DEMO_PASSWORD},
        headers=athlete.headers,
    )
    assert r.status_code == 201, r.text
    device_id = r.json()["id"]

    r = await client.post(f"{DEVICES}/{device_id}/sync", headers=athlete.headers)
    assert r.status_code == 202, r.text
    sync_id = r.json()["sync_id"]
    body = await wait_for_sync(client, athlete, device_id, sync_id)
    assert worker_process.poll() is None, "the worker died"
    latest = body["latest_sync"]
    assert latest["status"] == "ok", body
    assert latest["activities_imported"] == DAYS_OF_RUNS
    assert latest["metrics_imported"] == FIRST_SYNC_DAYS_OF_METRICS
    assert body["last_sync_status"] == "ok"
    assert body["available"] is True
    assert body["last_sync_at"] is not None

    r = await client.get("/api/v1/workouts/?limit=100", headers=athlete.headers)
    assert r.status_code == 200, r.text
    workouts = r.json()["items"]
    assert len(workouts) == DAYS_OF_RUNS
    assert {(w["source"], w["device_id"]) for w in workouts} == {("garmin", device_id)}
    assert {w["sport"] for w in workouts} == {"run"}
    r = await client.get("/api/v1/health-metrics/", headers=athlete.headers)
    assert r.status_code == 200, r.text
    metrics = r.json()["items"]
    assert len(metrics) == FIRST_SYNC_DAYS_OF_METRICS
    assert {m["source"] for m in metrics} == {"garmin"}
    assert all(m["resting_hr"] is not None for m in metrics)

    # Again: a new sync that imports nothing and duplicates nothing.
    r = await client.post(f"{DEVICES}/{device_id}/sync", headers=athlete.headers)
    assert r.status_code == 202, r.text
    second_id = r.json()["sync_id"]
    assert second_id != sync_id
    body = await wait_for_sync(client, athlete, device_id, second_id)
    assert body["latest_sync"]["status"] == "ok", body
    assert body["latest_sync"]["activities_imported"] == 0
    assert body["latest_sync"]["metrics_imported"] == 0
    r = await client.get("/api/v1/workouts/?limit=100", headers=athlete.headers)
    assert len(r.json()["items"]) == DAYS_OF_RUNS
    r = await client.get("/api/v1/health-metrics/", headers=athlete.headers)
    assert len(r.json()["items"]) == FIRST_SYNC_DAYS_OF_METRICS
    assert await DeviceSync.filter(device_id=device_id).count() == 2


@pytest.mark.slow
async def test_worker_runs_each_sync_once_for_several_users(
    client: httpx.AsyncClient,
    athlete: Athlete,
    other: Athlete,
    worker_process: subprocess.Popen[bytes],
) -> None:
    devices: dict[str, tuple[Athlete, str, str]] = {}
    for who, username in ((athlete, "jane"), (other, "bob")):
        r = await client.post(
            f"{DEVICES}/garmin",
            json={"username": username, "password": DEMO_PASSWORD},
            headers=who.headers,
        )
        assert r.status_code == 201, r.text
        device_id = r.json()["id"]
        r = await client.post(f"{DEVICES}/{device_id}/sync", headers=who.headers)
        assert r.status_code == 202
        devices[username] = (who, device_id, r.json()["sync_id"])

    for who, device_id, sync_id in devices.values():
        body = await wait_for_sync(client, who, device_id, sync_id)
        assert body["latest_sync"]["status"] == "ok", body
        r = await client.get("/api/v1/workouts/?limit=100", headers=who.headers)
        assert [w["device_id"] for w in r.json()["items"]] == [device_id] * DAYS_OF_RUNS
    row = await DeviceSync.get(id=devices["jane"][2])
    assert row.attempts == 1


class HostileProvider(SimulatedProvider):
    """A provider whose summaries hold numbers no workout or day could have."""

    async def fetch_activities(
        self, session: ProviderSession, *, since: dt.datetime
    ) -> tuple[list[ActivityData], ProviderSession]:
        runs, _ = await super().fetch_activities(session, since=since)
        sane, *others = runs
        hostile = [
            dataclasses.replace(others[0], distance_m=1.7e308),
            dataclasses.replace(others[1], avg_hr=5_000.0),
            dataclasses.replace(others[2], duration_s=1e20),
            dataclasses.replace(others[3], started_at=dt.datetime(9999, 1, 1, tzinfo=dt.UTC)),
            dataclasses.replace(others[4], started_at=dt.datetime(1, 1, 1, tzinfo=dt.UTC)),
            dataclasses.replace(others[5], calories=float("nan")),
        ]
        return [sane, *hostile], session

    async def fetch_daily_metrics(
        self, session: ProviderSession, *, start: dt.date, end: dt.date
    ) -> tuple[list[DailyMetrics], ProviderSession]:
        days, _ = await super().fetch_daily_metrics(session, start=start, end=end)
        first = dataclasses.replace(days[0], hrv_ms=1e9, sleep_hours=30.0, resting_hr=60)
        return [first], session


async def test_a_sync_holds_summaries_to_the_bounds_of_a_hand_logged_workout(
    db: None, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Out-of-range summary numbers skip that activity (or that metric), never the sync."""
    use_provider(monkeypatch, HostileProvider())
    device = await make_device(settings)
    sync = await DeviceSync.create(device_id=device.id)

    done = await service.run_sync(sync_id=sync.id, settings=settings)

    assert done is not None and done.status == "ok"
    assert (done.activities_imported, done.metrics_imported) == (1, 1)
    stored = await Workout.filter(user_id=device.user_id)
    assert len(stored) == 1 and stored[0].distance_m is not None and stored[0].distance_m < 1e6
    day = await HealthMetric.get(user_id=device.user_id)
    assert (day.resting_hr, day.hrv_ms, day.sleep_hours) == (60, None, None)
    # the aggregates over the athlete's workouts stay finite
    assert await Workout.filter(user_id=device.user_id, distance_m__gt=1e9).count() == 0
