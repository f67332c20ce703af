"""Device routes: list, connect Garmin, disconnect, sync and sync status."""

from __future__ import annotations

from sanic import Blueprint, HTTPResponse, Request
from sanic_ext import openapi

from runcoach.devices import schemas, service
from runcoach.http_cache import cached
from runcoach.web import (
    answers,
    authenticated,
    creates,
    json,
    links,
    no_content,
    parse_body,
    path_uuid,
    user_id,
)

bp = Blueprint("devices", url_prefix="/api/v1/devices")


@bp.get("/")
@openapi.summary("The athlete's connected devices with their sync status")
@openapi.secured("bearer")
@answers(schemas.DevicePage)
@links("/api/v1/devices/{device_id}/sync", device_id="items/0/id")
@authenticated
@cached("device_sync", daily=False)
async def list_(request: Request) -> HTTPResponse:
    pairs = await service.devices_with_latest_sync(user_id=user_id(request))
    return json(schemas.devices(pairs))


@bp.post("/garmin")
@openapi.summary("Connect a Garmin Connect account (credentials are stored encrypted)")
@openapi.secured("bearer")
@openapi.body({"application/json": schemas.GarminConnect.model_json_schema()})
@openapi.response(201, description="connected")
@openapi.response(200, description="reconnected (credentials replaced)")
@openapi.response(422, description="Garmin rejected the credentials")
@openapi.response(502, description="Garmin cannot be reached")
@openapi.response(
    429,
    description="too many connections tried (`LIMIT_DEVICE_CONNECT`); see Retry-After",
)
@openapi.response(409, description="this provider is already connected")
@creates("/api/v1/devices/{device_id}", "/api/v1/devices/{device_id}/sync")
@answers(schemas.DeviceOut, status=201)
@answers(schemas.DeviceOut)
@authenticated
async def connect_garmin(request: Request) -> HTTPResponse:
    body = parse_body(schemas.GarminConnect, request)
    device, created = await service.connect(
        user_id=user_id(request),
        provider_name="garmin",
        username=body.username,
        password=body.password,
        settings=request.app.ctx.settings,
    )
    return json(schemas.device(device), status=201 if created else 200)


@bp.delete("/<device_id:str>")
@openapi.summary("Disconnect a device (its stored credentials are deleted)")
@openapi.secured("bearer")
@openapi.response(204, description="disconnected")
@authenticated
async def disconnect(request: Request, device_id: str) -> HTTPResponse:
    await service.disconnect(user_id=user_id(request), device_id=path_uuid(device_id, "device"))
    return no_content()


@bp.post("/<device_id:str>/sync")
@openapi.summary("Queue a sync (done by a worker); an active sync is returned as is")
@openapi.secured("bearer")
@openapi.response(202, description="queued")
@openapi.response(
    429,
    description="too many syncs asked for (`LIMIT_DEVICE_SYNC`); see Retry-After",
)
@answers(schemas.SyncRequested, status=202)
@authenticated
async def sync(request: Request, device_id: str) -> HTTPResponse:
    run = await service.request_sync(
        user_id=user_id(request), device_id=path_uuid(device_id, "device")
    )
    return json(schemas.sync_requested(run), status=202)


@bp.get("/<device_id:str>/sync")
@openapi.summary("Sync status: last sync time, availability and the latest run")
@openapi.secured("bearer")
@answers(schemas.DeviceOut)
@authenticated
@cached("device_sync", daily=False)
async def sync_status(request: Request, device_id: str) -> HTTPResponse:
    device, latest = await service.device_with_latest_sync(
        user_id=user_id(request), device_id=path_uuid(device_id, "device")
    )
    return json(schemas.device(device, latest))
