"""Device input and output shapes."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from pydantic import BaseModel, Field

from runcoach.devices.models import Device, DeviceSync, LastSyncStatus, SyncStatus, SyncTrigger
from runcoach.validation import Input


class GarminConnect(Input):
    username: str = Field(min_length=1, max_length=320)
    password: str = Field(min_length=1, max_length=256)


# --- answer shapes ---------------------------------------------------------------------


class SyncRun(BaseModel):
    """One sync of a device (run by a worker)."""

    id: uuid.UUID
    status: SyncStatus
    trigger: SyncTrigger
    requested_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    activities_imported: int
    metrics_imported: int
    error: str | None


class DeviceOut(BaseModel):
    """A connected device with its sync state (``latest_sync``: its newest sync, if any)."""

    id: uuid.UUID
    provider: str = Field(description="garmin")
    display_name: str | None
    device_name: str | None
    available: bool
    last_sync_at: dt.datetime | None
    last_sync_status: LastSyncStatus
    last_error: str | None
    connected_at: dt.datetime
    latest_sync: SyncRun | None


class DevicePage(BaseModel):
    """Every device in one page (``next_cursor`` is always null)."""

    items: list[DeviceOut]
    next_cursor: str | None


class SyncRequested(BaseModel):
    """The 202 answer of POST /devices/{id}/sync."""

    sync_id: uuid.UUID
    status: SyncStatus
    sync: SyncRun


def sync_run(s: DeviceSync | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {
        "id": s.id,
        "status": s.status,
        "trigger": s.trigger,
        "requested_at": s.requested_at,
        "started_at": s.started_at,
        "finished_at": s.finished_at,
        "activities_imported": s.activities_imported,
        "metrics_imported": s.metrics_imported,
        "error": s.error,
    }


def device(d: Device, latest: DeviceSync | None = None) -> dict[str, Any]:
    return {
        "id": d.id,
        "provider": d.provider,
        "display_name": d.display_name,
        "device_name": d.device_name,
        "available": d.available,
        "last_sync_at": d.last_sync_at,
        "last_sync_status": d.last_sync_status,
        "last_error": d.last_error,
        "connected_at": d.created_at,
        "latest_sync": sync_run(latest),
    }


def devices(pairs: list[tuple[Device, DeviceSync | None]]) -> dict[str, Any]:
    """GET /devices: every device with its latest sync (one page)."""
    return {"items": [device(d, latest) for d, latest in pairs], "next_cursor": None}


def sync_requested(s: DeviceSync) -> dict[str, Any]:
    """The 202 answer of POST /devices/{id}/sync."""
    return {"sync_id": s.id, "status": s.status, "sync": sync_run(s)}
