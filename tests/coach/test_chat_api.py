"""POST /coach/messages and the conversation history, over HTTP."""

from __future__ import annotations

import uuid

import httpx
import pytest

from runcoach.coach.models import Message
from runcoach.llm.offline import SIGNATURE
from tests.support.athletes import Athlete
from tests.support.llm import NOT_A_COMPLETION, GroqStandIn, Script
from tests.support.problems import problem


async def test_ask_returns_the_whole_answer_and_stores_it(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    r = await client.post(
        "/api/v1/coach/messages", json={"text": "What pace should I run?"}, headers=athlete.headers
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["question"]["content"] == "What pace should I run?"
    answer = body["answer"]
    assert answer["status"] == "complete" and answer["role"] == "assistant"
    assert SIGNATURE in answer["content"] and answer["provider"] == "offline"
    assert answer["usage"]["completion_tokens"] > 0
    r = await client.get(
        f"/api/v1/coach/conversations/{body['conversation_id']}/messages",
        headers=athlete.headers,
    )
    assert [m["id"] for m in r.json()["items"]] == [answer["id"], body["question"]["id"]]


@pytest.mark.parametrize("script", list(NOT_A_COMPLETION.values()), ids=list(NOT_A_COMPLETION))
async def test_an_answer_that_is_not_a_completion_is_a_provider_error(
    client: httpx.AsyncClient, athlete: Athlete, groq_app: GroqStandIn, script: Script
) -> None:
    groq_app.script = script
    r = await client.post(
        "/api/v1/coach/messages", json={"text": "Hello coach"}, headers=athlete.headers
    )
    body = problem(r, 502, "provider_error")
    assert "<html>" not in body["detail"]
    answer = await Message.filter(user_id=uuid.UUID(athlete.id), role="assistant").get()
    assert (answer.status, answer.error_code, answer.content) == ("failed", "llm_unavailable", "")


async def test_a_repeated_client_id_is_answered_once(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    body = {"text": "Hello coach", "client_id": "retry-1"}
    first = await client.post("/api/v1/coach/messages", json=body, headers=athlete.headers)
    again = await client.post("/api/v1/coach/messages", json=body, headers=athlete.headers)
    assert again.status_code == 200
    assert again.json()["answer"]["id"] == first.json()["answer"]["id"]


async def test_conversations_page_newest_first(client: httpx.AsyncClient, athlete: Athlete) -> None:
    ids = []
    for n in range(3):
        r = await client.post(
            "/api/v1/coach/messages", json={"text": f"Question {n}"}, headers=athlete.headers
        )
        ids.append(r.json()["conversation_id"])
    r = await client.get("/api/v1/coach/conversations?limit=2", headers=athlete.headers)
    page = r.json()
    assert [c["id"] for c in page["items"]] == [ids[2], ids[1]]
    r = await client.get(
        f"/api/v1/coach/conversations?limit=2&cursor={page['next_cursor']}",
        headers=athlete.headers,
    )
    assert [c["id"] for c in r.json()["items"]] == [ids[0]]
    assert r.json()["next_cursor"] is None


async def test_bad_input_and_other_users(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete
) -> None:
    r = await client.post("/api/v1/coach/messages", json={"text": ""}, headers=athlete.headers)
    problem(r, 422, "validation_error", "text")
    r = await client.post(
        "/api/v1/coach/messages", json={"text": "hi", "role": "system"}, headers=athlete.headers
    )
    problem(r, 422, "validation_error", "role")
    mine = await client.post(
        "/api/v1/coach/messages", json={"text": "mine"}, headers=athlete.headers
    )
    conversation_id = mine.json()["conversation_id"]
    r = await client.post(
        "/api/v1/coach/messages",
        json={"text": "hijack", "conversation_id": conversation_id},
        headers=other.headers,
    )
    problem(r, 404, "not_found")
    r = await client.get(
        f"/api/v1/coach/conversations/{conversation_id}/messages", headers=other.headers
    )
    assert r.status_code == 404
    r = await client.get("/api/v1/coach/conversations", headers=other.headers)
    assert r.json()["items"] == []
    r = await client.get("/api/v1/coach/conversations?cursor=junk", headers=athlete.headers)
    problem(r, 422, "validation_error", "cursor")
    r = await client.post("/api/v1/coach/messages", json={"text": "hi"})
    problem(r, 401, "unauthorized")
