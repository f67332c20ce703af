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
