"""Devices: connect a provider account, disconnect, and sync activities and daily metrics."""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from runcoach import cache, changelog, jobs, limits
from runcoach.config import Settings
from runcoach.devices import crypto
from runcoach.devices.models import Device, DeviceSync, LastSyncStatus, SyncStatus, SyncTrigger
from runcoach.devices.providers import get_provider
from runcoach.devices.providers.base import (
    DeviceProvider,
    ProviderAuthError,
    ProviderError,
    ProviderSession,
    ProviderUnavailable,
)
from runcoach.errors import Conflict, NotFound, ProviderFailed, ValidationFailed
from runcoach.limits import LimitName
from runcoach.logs import event
from runcoach.metrics import service as metrics_service
from runcoach.workouts import service as workouts_service
from runcoach.workouts.models import Workout

log = logging.getLogger("runcoach.devices")

FIRST_SYNC_DAYS = 30
OVERLAP = timedelta(days=2)
MAX_ATTEMPTS = 5
SCHEDULE_INTERVAL = timedelta(hours=1)
PENDING_DEADLINE = timedelta(minutes=5)
RUNNING_DEADLINE = timedelta(minutes=20)
ACTIVE = (SyncStatus.PENDING, SyncStatus.RUNNING)
REJECTED = "the provider rejected the stored credentials; reconnect the device"


class SyncRetry(Exception):
    """The provider was unavailable; the sync is pending again and should be retried."""


def _provider(*, settings: Settings, name: str) -> DeviceProvider:
    """The provider implementation for a device's provider name. Idempotent (no side effects)."""
    if name != "garmin":
        raise NotFound(f"unknown provider {name!r}")
    return get_provider(settings.garmin_provider)


async def list_devices(*, user_id: uuid.UUID) -> list[Device]:
    """The user's connected devices. Idempotent (read-only)."""
    return await Device.filter(user_id=user_id).order_by("created_at")


async def get_device(*, user_id: uuid.UUID, device_id: uuid.UUID) -> Device:
    """The user's device, or NotFound (also when it belongs to someone else). Idempotent."""
    device = await Device.get_or_none(id=device_id, user_id=user_id)
    if device is None:
        raise NotFound("no such device")
    return device


async def connect(
    *, user_id: uuid.UUID, provider_name: str, username: str, password: str, settings: Settings
) -> tuple[Device, bool]:
    """Log in and store the session encrypted; True when new. Idempotent: again replaces it.

    Each call is a live login at the provider (a way to test credentials): RateLimited
    past the user's ``LIMIT_DEVICE_CONNECT``, counted before the provider is asked.
    """
    provider = _provider(settings=settings, name=provider_name)
    await limits.hit(LimitName.DEVICE_CONNECT, user_id)
    try:
        session, info = await asyncio.wait_for(
            provider.connect(username=username, password=password),
            timeout=settings.provider_timeout_s,
        )
    except ProviderAuthError:
        raise ValidationFailed(
            "the provider rejected these credentials",
            errors=[{"field": "password", "message": "the provider rejected these credentials"}],
        ) from None
    except (ProviderUnavailable, TimeoutError) as exc:
        event(
            log,
            "devices.connect_unavailable",
            logging.WARNING,
            provider=provider_name,
            error=type(exc).__name__,
        )
        raise ProviderFailed(
            f"{provider_name} cannot be reached right now; try again later", provider=provider_name
        ) from None
    token = crypto.encrypt_credentials(session.credentials, crypto.credentials_key(settings))
    fields: dict[str, Any] = {
        "display_name": (info.get("display_name") or None),
        "device_name": (info.get("device_name") or None),
        "credentials": token,
        "available": True,
        "last_error": None,
    }
    device = await Device.get_or_none(user_id=user_id, provider=provider_name)
    if device is not None:
        if device.last_sync_status == LastSyncStatus.AUTH_FAILED:
            # New credentials: the device is no longer known to be rejected, so the
            # periodic sync (which skips auth_failed devices) picks it up again.
            fields["last_sync_status"] = LastSyncStatus.RECONNECTED
        await Device.filter(id=device.id).update(**fields)
        await device.refresh_from_db()
        return device, False
    try:
        device = await Device.create(user_id=user_id, provider=provider_name, **fields)
    except IntegrityError:
        raise Conflict("this provider is already connected") from None
    event(log, "devices.connected", user_id=str(user_id), device_id=str(device.id))
    return device, True


async def disconnect(*, user_id: uuid.UUID, device_id: uuid.UUID) -> None:
    """Forget the device, its credentials and syncs; its workouts stay. Not idempotent: NotFound.

    The workouts lose their ``device_id`` (the foreign key sets it null): a change for /sync.
    """
    async with jobs.transaction() as conn:
        synced = Workout.filter(user_id=user_id, device_id=device_id).using_db(conn)
        ids = [row["id"] for row in await synced.values("id")]
        await changelog.touch(changelog.ChangeKind.WORKOUTS, user_id=user_id, ids=ids, conn=conn)
        deleted = await Device.filter(id=device_id, user_id=user_id).using_db(conn).delete()
        if not deleted:
            raise NotFound("no such device")


async def latest_sync(*, device_id: uuid.UUID) -> DeviceSync | None:
    """The device's most recently requested sync, if any. Idempotent (read-only)."""
    return await DeviceSync.filter(device_id=device_id).order_by("-requested_at").first()


async def devices_with_latest_sync(*, user_id: uuid.UUID) -> list[tuple[Device, DeviceSync | None]]:
    """The user's devices, each with its most recently requested sync. Read-only."""
    return [
        (device, await latest_sync(device_id=device.id))
        for device in await list_devices(user_id=user_id)
    ]


async def device_with_latest_sync(
    *, user_id: uuid.UUID, device_id: uuid.UUID
) -> tuple[Device, DeviceSync | None]:
    """The user's device (NotFound if not the user's) and its latest sync. Read-only."""
    device = await get_device(user_id=user_id, device_id=device_id)
    return device, await latest_sync(device_id=device.id)


async def request_sync(
    *, user_id: uuid.UUID, device_id: uuid.UUID, trigger: SyncTrigger = SyncTrigger.MANUAL
) -> DeviceSync:
    """Queue a sync of the device; an already queued or running one is returned. Idempotent.

    RateLimited past the user's ``LIMIT_DEVICE_SYNC`` (each request counts)."""
    await limits.hit(LimitName.DEVICE_SYNC, user_id)
    device = await get_device(user_id=user_id, device_id=device_id)
    sync, _ = await _queue_sync(device=device, trigger=trigger)
    return sync


async def _queue_sync(*, device: Device, trigger: SyncTrigger) -> tuple[DeviceSync, bool]:
    """Create and enqueue a sync unless one is active (True when created). Idempotent."""
    async with jobs.transaction() as conn:
        locked = await Device.filter(id=device.id).using_db(conn).select_for_update().first()
        if locked is None:
            raise NotFound("no such device")
        active = (
            await DeviceSync.filter(device_id=device.id, status__in=ACTIVE).using_db(conn).first()
        )
        if active is not None:
            return active, False
        sync = await DeviceSync.create(device_id=device.id, trigger=trigger, using_db=conn)
        jobs.enqueue("devices.sync", str(sync.id))
    return sync, True


async def _claim(*, sync_id: uuid.UUID) -> DeviceSync | None:
    """Move a pending (or abandoned running) sync to running; None if nothing to do. Idempotent."""
    # A claim counts an attempt. An abandoned sync that has used up its attempts
    # (its worker kept dying) is failed instead of being run again.
    now = datetime.now(UTC)
    claim = {"status": SyncStatus.RUNNING, "started_at": now, "attempts": F("attempts") + 1}
    claimed = await DeviceSync.filter(
        id=sync_id, status=SyncStatus.PENDING, attempts__lt=MAX_ATTEMPTS
    ).update(**claim)
    if not claimed:
        claimed = await DeviceSync.filter(
            id=sync_id,
            status=SyncStatus.RUNNING,
            started_at__lt=now - RUNNING_DEADLINE,
            attempts__lt=MAX_ATTEMPTS,
        ).update(**claim)
    if not claimed:
        exhausted = await DeviceSync.filter(
            Q(status=SyncStatus.PENDING)
            | Q(status=SyncStatus.RUNNING, started_at__lt=now - RUNNING_DEADLINE),
            id=sync_id,
            attempts__gte=MAX_ATTEMPTS,
        ).first()
        if exhausted is not None:
            await _finish_failed(
                sync=exhausted,
                device_id=exhausted.device_id,
                message=f"gave up after {exhausted.attempts} attempts",
                auth=False,
                error=None,
            )
        return None
    return await DeviceSync.get_or_none(id=sync_id)


async def run_sync(*, sync_id: uuid.UUID, settings: Settings) -> DeviceSync | None:
    """Import the device's new activities and daily metrics. Idempotent: nothing twice."""
    # Returns the finished sync (ok or failed), None when there was nothing to do;
    # raises SyncRetry when the provider was unavailable (the sync is pending
    # again). Any other error puts the sync back to pending too, for the actor's
    # retry, and is re-raised.
    sync = await _claim(sync_id=sync_id)
    if sync is None:
        return None
    try:
        return await _run_claimed(sync=sync, settings=settings)
    except SyncRetry:
        raise
    except Exception as exc:
        await _release(sync=sync, error=exc)
        raise
    finally:  # the device's status and last sync changed, whatever the outcome
        device = await Device.get_or_none(id=sync.device_id).only("id", "user_id")
        if device is not None:  # (its workouts moved the leaderboards through their service)
            await cache.invalidate(device.user_id)


async def _run_claimed(*, sync: DeviceSync, settings: Settings) -> DeviceSync | None:
    """The body of run_sync for a sync this worker has claimed. Idempotent (see run_sync)."""
    device = await Device.get_or_none(id=sync.device_id)
    if device is None:
        await DeviceSync.filter(id=sync.id).update(
            status=SyncStatus.FAILED, error="device disconnected", finished_at=datetime.now(UTC)
        )
        return None
    started = datetime.now(UTC)
    provider = _provider(settings=settings, name=device.provider)
    try:
        stored = ProviderSession(
            credentials=crypto.decrypt_credentials(
                device.credentials, crypto.credentials_key(settings)
            )
        )
    except crypto.CredentialsUnreadable as exc:
        return await _finish_failed(
            sync=sync, device_id=device.id, message=REJECTED, auth=True, error=exc
        )
    since = (
        (device.synced_until - OVERLAP)
        if device.synced_until
        else (started - timedelta(days=FIRST_SYNC_DAYS))
    )
    session = stored
    try:
        activities, session = await asyncio.wait_for(
            provider.fetch_activities(session, since=since), timeout=settings.sync_timeout_s
        )
        days, session = await asyncio.wait_for(
            provider.fetch_daily_metrics(session, start=since.date(), end=started.date()),
            timeout=settings.sync_timeout_s,
        )
    except (ProviderError, TimeoutError) as exc:
        # Tokens refreshed before the failure (by this call or an earlier one)
        # replace the stored ones: the old ones may no longer be accepted.
        refreshed = getattr(exc, "session", None) or session
        if refreshed is not stored:
            await _store_session(device_id=device.id, session=refreshed, settings=settings)
        if isinstance(exc, ProviderAuthError):
            return await _finish_failed(
                sync=sync, device_id=device.id, message=REJECTED, auth=True, error=exc
            )
        return await _unavailable(sync=sync, device_id=device.id, error=exc)
    if session is not stored:
        await _store_session(device_id=device.id, session=session, settings=settings)

    # one risk recompute for the whole batch, not one per activity and metric day
    async with jobs.coalesced():
        imported = 0
        for activity in activities:
            try:
                workout = await workouts_service.store_activity(
                    user_id=device.user_id,
                    activity=activity,
                    device_id=device.id,
                )
            except workouts_service.OutOfBounds as exc:
                # one impossible activity is skipped, the rest of the sync goes on
                event(
                    log,
                    "devices.activity_out_of_bounds",
                    logging.WARNING,
                    device_id=str(device.id),
                    external_id=activity.external_id,
                    field=exc.field,
                )
                continue
            imported += workout is not None
        metric_rows = 0
        for day in days:
            values = metrics_service.within_bounds(
                {k: v for k, v in asdict(day).items() if k != "date"}
            )
            if values:
                _, created = await metrics_service.upsert_day(
                    user_id=device.user_id,
                    day=day.date,
                    values=values,
                    source=device.provider,
                )
                metric_rows += created
    finished = datetime.now(UTC)
    await Device.filter(id=device.id).update(
        last_sync_at=finished,
        last_sync_status=LastSyncStatus.OK,
        last_error=None,
        available=True,
        synced_until=started,
    )
    await DeviceSync.filter(id=sync.id).update(
        status=SyncStatus.OK,
        finished_at=finished,
        activities_imported=imported,
        metrics_imported=metric_rows,
        error=None,
    )
    event(
        log,
        "devices.synced",
        device_id=str(device.id),
        sync_id=str(sync.id),
        activities=imported,
        metrics=metric_rows,
    )
    return await DeviceSync.get_or_none(id=sync.id)  # None if disconnected meanwhile


async def _store_session(
    *, device_id: uuid.UUID, session: ProviderSession, settings: Settings
) -> None:
    """Replace the device's stored (encrypted) session. Idempotent."""
    await Device.filter(id=device_id).update(
        credentials=crypto.encrypt_credentials(
            session.credentials, crypto.credentials_key(settings)
        )
    )


async def _unavailable(
    *, sync: DeviceSync, device_id: uuid.UUID, error: Exception
) -> DeviceSync | None:
    """Mark the device unreachable; the sync pending again (SyncRetry) or failed. Not idempotent."""
    message = "the provider could not be reached"
    await Device.filter(id=device_id).update(available=False, last_error=message)
    if sync.attempts >= MAX_ATTEMPTS:
        return await _finish_failed(
            sync=sync, device_id=device_id, message=message, auth=False, error=error
        )
    await DeviceSync.filter(id=sync.id).update(status=SyncStatus.PENDING, error=message)
    event(
        log,
        "devices.sync_retry",
        logging.WARNING,
        sync_id=str(sync.id),
        attempt=sync.attempts,
        error=type(error).__name__,
    )
    raise SyncRetry(message)


async def _release(*, sync: DeviceSync, error: Exception) -> None:
    """After an unexpected error: the sync pending again (failed when out of tries). Idempotent."""
    message = f"unexpected error ({type(error).__name__})"
    if sync.attempts >= MAX_ATTEMPTS:
        await _finish_failed(
            sync=sync, device_id=sync.device_id, message=message, auth=False, error=error
        )
        return
    await DeviceSync.filter(id=sync.id, status=SyncStatus.RUNNING).update(
        status=SyncStatus.PENDING, error=message
    )
    event(
        log,
        "devices.sync_error",
        logging.ERROR,
        sync_id=str(sync.id),
        attempt=sync.attempts,
        error=type(error).__name__,
    )


async def _finish_failed(
    *,
    sync: DeviceSync,
    device_id: uuid.UUID,
    message: str,
    auth: bool,
    error: Exception | None,
) -> DeviceSync | None:
    """Mark the sync failed and the device as failed (or auth_failed). Idempotent."""
    now = datetime.now(UTC)
    # Either the provider could not be reached (every attempt) or it rejected the
    # credentials: in both cases the device cannot be synced now.
    await Device.filter(id=device_id).update(
        last_sync_status=LastSyncStatus.AUTH_FAILED if auth else LastSyncStatus.FAILED,
        last_error=message,
        last_sync_at=now,
        available=False,
    )
    await DeviceSync.filter(id=sync.id).update(
        status=SyncStatus.FAILED, finished_at=now, error=message
    )
    event(
        log,
        "devices.sync_failed",
        logging.WARNING,
        sync_id=str(sync.id),
        error=type(error).__name__ if error is not None else None,
        attempts=sync.attempts,
    )
    return await DeviceSync.get_or_none(id=sync.id)


async def schedule_due_syncs(*, now: datetime | None = None) -> int:
    """Queue a sync for every device not synced within the interval. Idempotent."""
    now = now or datetime.now(UTC)
    due = await Device.filter(
        Q(last_sync_at__isnull=True) | Q(last_sync_at__lt=now - SCHEDULE_INTERVAL),
        last_sync_status__not=LastSyncStatus.AUTH_FAILED,
    )
    count = 0
    for device in due:
        try:
            _, created = await _queue_sync(device=device, trigger=SyncTrigger.SCHEDULE)
        except NotFound:  # disconnected meanwhile
            continue
        count += created
    return count


async def sweep_stuck_syncs(*, now: datetime | None = None) -> int:
    """Re-enqueue syncs left pending past the deadline or abandoned while running. Idempotent."""
    now = now or datetime.now(UTC)
    stuck = await DeviceSync.filter(
        Q(status=SyncStatus.PENDING, requested_at__lt=now - PENDING_DEADLINE)
        | Q(status=SyncStatus.RUNNING, started_at__lt=now - RUNNING_DEADLINE)
    )
    for sync in stuck:
        jobs.enqueue("devices.sync", str(sync.id))
    return len(stuck)


# --- key rotation -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RotationReport:
    """What ``rotate_stored_credentials`` did, in stored credentials."""

    rotated: int = 0  # re-encrypted with the first key
    current: int = 0  # already encrypted with the first key: left as they were
    unreadable: int = 0  # no key opens them: left as they were (reconnect those devices)
    replaced: int = 0  # replaced by a connect while the rotation ran: nothing to do


async def rotate_stored_credentials(*, settings: Settings, batch_size: int = 500) -> RotationReport:
    """Re-encrypt every device's credentials with the first DEVICE_CREDENTIALS_KEY.

    Walks the devices in id order, ``batch_size`` at a time, one transaction per
    batch. Idempotent: credentials already under the first key are left alone, so a
    second run rotates nothing; an update only applies if the row still holds the
    token that was read (a concurrent connect wins). Safe while the service runs.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    key = crypto.credentials_key(settings)
    counts = {"rotated": 0, "current": 0, "unreadable": 0, "replaced": 0}
    after: uuid.UUID | None = None
    while True:
        batch = Device.all() if after is None else Device.filter(id__gt=after)
        rows = await batch.order_by("id").limit(batch_size).values_list("id", "credentials")
        if not rows:
            break
        async with in_transaction() as conn:
            for device_id, token in rows:
                if crypto.is_current(token, key):
                    counts["current"] += 1
                    continue
                try:
                    fresh = crypto.rotate_credentials(token, key)
                except crypto.CredentialsUnreadable:
                    counts["unreadable"] += 1
                    event(log, "devices.credentials_unreadable", logging.WARNING,
                          device_id=str(device_id))  # fmt: skip
                    continue
                updated = (
                    await Device.filter(id=device_id, credentials=token)
                    .using_db(conn)
                    .update(credentials=fresh)
                )
                counts["rotated" if updated else "replaced"] += 1
        after = rows[-1][0]
        event(log, "devices.rotation_batch", last_device_id=str(after), **counts)
    return RotationReport(**counts)
