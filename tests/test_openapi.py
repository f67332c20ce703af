"""The served OpenAPI document: 3.1, every reference resolvable, every route in it by the rules."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.support.athletes import register


@pytest.fixture
async def document(client: httpx.AsyncClient) -> dict[str, Any]:
    r = await client.get("/docs/openapi.json")
    assert r.status_code == 200
    return r.json()


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for item in node for ref in _refs(item)]
    return []


def _resolve(doc: dict[str, Any], ref: str) -> Any:
    assert ref.startswith("#/"), ref
    node: Any = doc
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


async def test_the_document_is_openapi_3_1_and_schemathesis_loads_it(
    document: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import schemathesis

    monkeypatch.setenv("RUNCOACH_TOKEN", "unused")  # schemathesis.toml names it

    assert document["openapi"] == "3.1.0"
    schema = schemathesis.openapi.from_dict(document)
    assert len(list(schema.get_all_operations())) > 40
    assert "$defs" not in str(_refs(document))
    for ref in _refs(document):
        _resolve(document, ref)  # KeyError: unresolvable


async def test_every_http_route_is_documented_by_the_rules(
    sanic_app: Any, document: dict[str, Any]
) -> None:
    operations = {
        op["operationId"]: op for item in document["paths"].values() for op in item.values()
    }
    for route in sanic_app.router.routes:
        handler = route.handler
        if route.extra.websocket or not handler.__module__.startswith("runcoach."):
            continue
        name = route.name.removeprefix(f"{sanic_app.name}.")
        if name.startswith("openapi.") or name == "openapi_alias":  # the document itself
            continue
        if getattr(handler, "html_page", False):  # a page for people (web.html_page), not API
            assert not any(name in op for op in operations), name
            continue
        for method in route.methods:
            op = operations[f"{method.lower()}~{name}"]
            responses = op["responses"]
            assert "422" in responses and "503" in responses, name
            if getattr(handler, "requires_auth", False):
                assert "401" in responses and op["security"] == [{"bearer": []}], name
            for status, response in responses.items():
                if int(status) >= 400:
                    assert response["content"] == {
                        "application/problem+json": {
                            "schema": {"$ref": "#/components/schemas/Problem"}
                        }
                    }
                if status == "204":
                    assert "content" not in response
    assert not any(path.startswith("/ws/") for path in document["paths"])


async def test_query_bounds_come_from_the_route_models(document: dict[str, Any]) -> None:
    params = {p["name"]: p for p in document["paths"]["/api/v1/workouts"]["get"]["parameters"]}
    assert params["limit"]["schema"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 100,
        "default": 20,
    }
    workout = document["paths"]["/api/v1/workouts/{workout_id}"]["get"]["parameters"][0]
    assert workout["schema"] == {"type": "string", "format": "uuid"}


async def test_nul_in_a_body_or_a_query_is_a_422(client: httpx.AsyncClient) -> None:
    athlete = await register(client)
    r = await client.post(
        "/api/v1/coach/messages", json={"text": "hi\x00"}, headers=athlete.headers
    )
    assert r.status_code == 422, r.text
    assert r.json()["errors"] == [{"field": "text", "message": "must not contain NUL (U+0000)"}]
    r = await client.get("/api/v1/workouts?cursor=%00", headers=athlete.headers)
    assert r.status_code == 422


async def test_an_undeclared_method_is_a_405_with_allow(client: httpx.AsyncClient) -> None:
    r = await client.request("TRACE", "/api/v1/workouts/x")
    assert r.status_code == 405
    assert r.headers["content-type"] == "application/problem+json"
    assert set(r.headers["allow"].split(", ")) >= {"GET", "PATCH", "DELETE"}


async def test_a_json_body_is_read_strictly(client: httpx.AsyncClient) -> None:
    athlete = await register(client)
    r = await client.post(
        "/api/v1/health-metrics",
        json={"date": "2026-01-01", "sleep_score": False},
        headers=athlete.headers,
    )
    assert r.status_code == 422, r.text


# Answers whose body is free-form by nature, each with its reason. Empty: every 2xx answer
# with a body is documented by a model (``web.answers``); a free-form part of one (a
# notification's ``data``, an analysis' ``facts``) is a property of that model.
FREE_FORM: dict[str, str] = {}


async def test_every_2xx_answer_has_a_real_schema(document: dict[str, Any]) -> None:
    bare = []
    for path, item in document["paths"].items():
        for method, op in item.items():
            for status, response in op["responses"].items():
                if not status.startswith("2") or status == "204":
                    continue
                name = f"{method.upper()} {path} {status}"
                schema = response["content"]["application/json"]["schema"]
                if "$ref" in schema:
                    schema = _resolve(document, schema["$ref"])
                if name not in FREE_FORM and not (
                    schema.get("properties") or schema.get("anyOf") or schema.get("oneOf")
                ):
                    bare.append(name)
    assert not bare, bare


def _conforms(document: dict[str, Any], method: str, path: str, r: httpx.Response) -> Any:
    """Assert the answer is one the document states for the operation, and return its JSON."""
    import jsonschema_rs

    responses = document["paths"][path][method]["responses"]
    assert str(r.status_code) in responses, (method, path, r.status_code, r.text)
    schema = responses[str(r.status_code)]["content"]["application/json"]["schema"]
    validator = jsonschema_rs.Draft202012Validator(
        {**schema, "components": document["components"]}, validate_formats=True
    )
    body = r.json()
    errors = [f"{e.instance_path}: {e.message}" for e in validator.iter_errors(body)]
    assert not errors, (method, path, errors)
    return body


async def test_answers_out_of_the_contract_runs_reach_conform(
    client: httpx.AsyncClient, document: dict[str, Any], settings: Any
) -> None:
    """The answers Schemathesis cannot get (they need a password, a token, a workout file,
    the demo Garmin password, a built plan, a notification) against the document."""
    from runcoach.devices.providers.simulated import DEMO_PASSWORD
    from tests.support.filegen import make_gpx, run_samples
    from tests.support.notifications import notify
    from tests.support.plans import build, post_plan

    me = await register(client)
    h = me.headers
    r = await client.post("/api/v1/auth/login", json={"email": me.email, "password": me.password})
    _conforms(document, "post", "/api/v1/auth/login", r)
    r = await client.post("/api/v1/auth/refresh", json={"refresh_token": me.refresh_token})
    _conforms(document, "post", "/api/v1/auth/refresh", r)
    r = await client.get("/api/v1/auth/sessions", headers=h)
    assert len(_conforms(document, "get", "/api/v1/auth/sessions", r)["items"]) == 2

    gpx = make_gpx(run_samples(3000, pace_s_per_km=300))
    files = {"file": ("run.gpx", gpx, "application/gpx+xml")}
    r = await client.post("/api/v1/workouts/import", files=files, headers=h)
    workout = _conforms(document, "post", "/api/v1/workouts/import", r)
    assert workout["splits"] and workout["hr_zones"] and workout["hr_sample_count"]
    r = await client.get(f"/api/v1/workouts/{workout['id']}", headers=h)
    _conforms(document, "get", "/api/v1/workouts/{workout_id}", r)

    r = await client.post(
        "/api/v1/devices/garmin", json={"username": "jane", "password": DEMO_PASSWORD}, headers=h
    )
    device = _conforms(document, "post", "/api/v1/devices/garmin", r)
    r = await client.post(f"/api/v1/devices/{device['id']}/sync", headers=h)
    _conforms(document, "post", "/api/v1/devices/{device_id}/sync", r)
    r = await client.get(f"/api/v1/devices/{device['id']}/sync", headers=h)
    assert _conforms(document, "get", "/api/v1/devices/{device_id}/sync", r)["latest_sync"]
    r = await client.get("/api/v1/devices", headers=h)
    _conforms(document, "get", "/api/v1/devices", r)

    plan_id = await post_plan(client, me)
    assert (await build(plan_id, settings)) is not None
    r = await client.get(f"/api/v1/plans/{plan_id}", headers=h)
    plan = _conforms(document, "get", "/api/v1/plans/{plan_id}", r)
    session = next(s for w in plan["weeks"] for d in w["days"] for s in d["sessions"])
    r = await client.patch(
        f"/api/v1/plans/{plan_id}/sessions/{session['id']}",
        json={"completed": True, "workout_id": workout["id"]},
        headers=h,
    )
    _conforms(document, "patch", "/api/v1/plans/{plan_id}/sessions/{session_id}", r)
    r = await client.get("/api/v1/plans/active", headers=h)
    _conforms(document, "get", "/api/v1/plans/active", r)
    r = await client.get("/api/v1/dashboard/summary", headers=h)
    _conforms(document, "get", "/api/v1/dashboard/summary", r)

    note = await notify(me, "plan_created")
    for query in ("", "?group_by=type"):
        r = await client.get(f"/api/v1/notifications{query}", headers=h)
        assert _conforms(document, "get", "/api/v1/notifications", r)
    r = await client.patch(f"/api/v1/notifications/{note.id}/read", headers=h)
    _conforms(document, "patch", "/api/v1/notifications/{notification_id}/read", r)
    r = await client.post(
        "/api/v1/push-tokens",
        json={"token": "ExponentPushToken[abcdefghijklmnop]", "platform": "ios"},
        headers=h,
    )
    _conforms(document, "post", "/api/v1/push-tokens", r)
    r = await client.get("/api/v1/analytics/trends?metric=pace_at_hr", headers=h)
    _conforms(document, "get", "/api/v1/analytics/trends", r)
