"""Device input and output shapes."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from runcoach.devices.models import Device, DeviceSync
from runcoach.validation import Input


class GarminConnect(Input):
    username: str = Field(min_length=1, max_length=320)
    password: str = Field(min_length=1, max_length=256)


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
