"""The coach websocket, with a real websocket client against the running app."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import InvalidStatus

from runcoach import sockets
from runcoach.coach import ws as coach_ws
from runcoach.coach.models import Message
from runcoach.config import Settings
from runcoach.llm import make_provider
from runcoach.llm.offline import SIGNATURE
from tests.support.athletes import Athlete, register
from tests.support.llm import NOT_A_COMPLETION_STREAM, GroqStandIn, Script
from tests.support.websockets import close_code


def ws_url(base: str, path: str = "/ws/coach") -> str:
    return base.replace("http://", "ws://") + path


@contextlib.asynccontextmanager
async def socket(
    app_server: str, who: Athlete | None = None, *, header: bool = True, **kwargs: Any
) -> AsyncIterator[ClientConnection]:
    headers = {"Authorization": f"Bearer {who.access_token}"} if who and header else None
    async with connect(ws_url(app_server), additional_headers=headers, **kwargs) as conn:
        yield conn


async def frame(conn: ClientConnection) -> dict[str, Any]:
    async with asyncio.timeout(10):
        raw = await conn.recv()
    data = json.loads(raw)
    assert isinstance(data, dict)
    return data


async def ready(conn: ClientConnection) -> dict[str, Any]:
    first = await frame(conn)
    assert first["type"] == "ready", first
    return first


async def ask(conn: ClientConnection, text: str, **fields: Any) -> list[dict[str, Any]]:
    """Send a message and collect every frame up to its done or error."""
    await conn.send(json.dumps({"type": "message", "text": text, **fields}))
    frames = []
    while True:
        f = await frame(conn)
        frames.append(f)
        if f["type"] in ("done", "error"):
            return frames


def text_of(frames: list[dict[str, Any]]) -> str:
    return "".join(f["text"] for f in frames if f["type"] == "delta")


async def stored(answer_id: str) -> Message:
    for _ in range(100):  # the answer is written when the stream ends
        message = await Message.get(id=answer_id)
        if message.status != "streaming":
            return message
        await asyncio.sleep(0.05)
    raise AssertionError("the answer was never stored")


async def give_history(client: httpx.AsyncClient, who: Athlete) -> dict[str, Any]:
    """A few weeks of running, so the coach has numbers to cite; today's load chart."""
    today = dt.datetime.now(dt.UTC).date()
    for n in range(30, 0, -1):
        if n % 3 == 0:
            continue
        body = {
            "sport": "run",
            "started_at": f"{today - dt.timedelta(days=n)}T07:00:00Z",
            "duration_s": 2400 + 60 * (n % 5),
            "distance_m": 6000 + 100 * (n % 7),
            "rpe": 4 + n % 4,
        }
        r = await client.post("/api/v1/workouts", json=body, headers=who.headers)
        assert r.status_code == 201, r.text
    r = await client.get("/api/v1/analytics/load?days=1", headers=who.headers)
    return dict(r.json()["today"])


# --- authentication -----------------------------------------------------------------------


async def test_header_auth_gets_ready_with_the_user_id(app_server: str, athlete: Athlete) -> None:
    async with socket(app_server, athlete) as conn:
        assert await ready(conn) == {"type": "ready", "user_id": athlete.id}


async def test_first_frame_auth_from_a_browser(app_server: str, athlete: Athlete) -> None:
    async with socket(app_server, athlete, header=False) as conn:
        await conn.send(json.dumps({"type": "auth", "token": athlete.access_token}))
        assert (await ready(conn))["user_id"] == athlete.id


async def test_no_auth_within_the_deadline_closes_4401(
    app_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sockets, "AUTH_TIMEOUT_S", 0.3)
    async with socket(app_server) as conn:
        assert await close_code(conn) == 4401


@pytest.mark.parametrize(
    "first",
    [
        {"type": "auth", "token": "not-a-jwt"},
        {"type": "message", "text": "hi"},
        "not json",
        {"type": "auth"},
    ],
)
async def test_bad_first_frames_close_4401(app_server: str, first: Any) -> None:
    async with socket(app_server) as conn:
        await conn.send(first if isinstance(first, str) else json.dumps(first))
        assert await close_code(conn) == 4401


async def test_a_bad_header_token_closes_4401(app_server: str) -> None:
    async with connect(
        ws_url(app_server), additional_headers={"Authorization": "Bearer nope"}
    ) as conn:
        assert await close_code(conn) == 4401


async def test_the_unauthenticated_seed_route_does_not_exist(
    app_server: str, athlete: Athlete
) -> None:
    with pytest.raises(InvalidStatus) as caught:
        async with connect(ws_url(app_server, f"/ws/coach/{athlete.id}")):
            pass
    assert caught.value.response.status_code == 404


# --- answers --------------------------------------------------------------------------------


async def test_an_answer_streams_in_order_and_is_stored_whole(
    app_server: str, client: httpx.AsyncClient, athlete: Athlete
) -> None:
    today = await give_history(client, athlete)
    async with socket(app_server, athlete) as conn:
        await ready(conn)
        frames = await ask(conn, "How is my fitness?", client_id="c-1")
    start, *deltas, done = frames
    assert start["type"] == "start" and done["type"] == "done"
    assert len(deltas) > 10 and all(f["type"] == "delta" for f in deltas)
    assert done["message_id"] == start["message_id"] and done["cancelled"] is False
    assert done["usage"]["completion_tokens"] > 0
    text = text_of(frames)
    answer = await stored(start["message_id"])
    assert (answer.status, answer.content) == ("complete", text)
    assert str(answer.conversation_id) == start["conversation_id"]
    # The offline coach cites this athlete's real numbers, and says what it is.
    assert f"{today['ctl']:.1f}" in text and f"{today['atl']:.1f}" in text
    assert SIGNATURE in text

    r = await client.get(
        f"/api/v1/coach/conversations/{start['conversation_id']}/messages",
        headers=athlete.headers,
    )
    items = r.json()["items"]
    assert [(m["role"], m["content"]) for m in items] == [
        ("assistant", text),
        ("user", "How is my fitness?"),
    ]


async def test_a_new_athlete_gets_an_honest_answer(app_server: str, athlete: Athlete) -> None:
    async with socket(app_server, athlete) as conn:
        await ready(conn)
        frames = await ask(conn, "What pace should I run?")
    assert frames[-1]["type"] == "done"
    assert "don't have any workouts" in text_of(frames)


async def test_a_follow_up_continues_the_conversation(
    app_server: str, client: httpx.AsyncClient, athlete: Athlete
) -> None:
    async with socket(app_server, athlete) as conn:
        await ready(conn)
        first = await ask(conn, "Hello coach")
        assert first[0]["type"] == "start", first
        conversation_id = first[0]["conversation_id"]
        second = await ask(conn, "Am I recovered?", conversation_id=conversation_id)
    assert second[0]["type"] == "start", second
    assert second[0]["conversation_id"] == conversation_id
    r = await client.get("/api/v1/coach/conversations", headers=athlete.headers)
    (conversation,) = r.json()["items"]
    assert conversation["id"] == conversation_id and conversation["title"] == "Hello coach"


async def test_the_next_message_may_follow_done_at_once(app_server: str, athlete: Athlete) -> None:
    """``done`` goes out once the socket is free: no conflict for an immediate follow-up."""
    async with socket(app_server, athlete) as conn:
        await ready(conn)
        for n in range(6):
            frames = await ask(conn, f"Hello coach {n}")
            assert frames[-1]["type"] == "done", frames[-1]


async def test_cancel_mid_stream_stores_the_partial_answer(
    app_server: str, client: httpx.AsyncClient, athlete: Athlete
) -> None:
    await give_history(client, athlete)
    async with socket(app_server, athlete) as conn:
        await ready(conn)
        await conn.send(json.dumps({"type": "message", "text": "How is my fitness?"}))
        start = await frame(conn)
        frames = [start, await frame(conn), await frame(conn)]
        await conn.send(json.dumps({"type": "cancel"}))
        while frames[-1]["type"] != "done":
            frames.append(await frame(conn))
        assert frames[-1]["cancelled"] is True
        # The socket still works after a cancel.
        await conn.send(json.dumps({"type": "ping"}))
        assert await frame(conn) == {"type": "pong"}
    answer = await stored(start["message_id"])
    assert answer.status == "cancelled"
    assert answer.content == text_of(frames) and len(answer.content) > 0
    assert SIGNATURE not in answer.content  # it really stopped before the end


async def test_closing_the_socket_mid_stream_stores_a_cancelled_answer(
    app_server: str, athlete: Athlete
) -> None:
    async with socket(app_server, athlete) as conn:
        await ready(conn)
        await conn.send(json.dumps({"type": "message", "text": "How is my fitness?"}))
        start = await frame(conn)
        await frame(conn)
    answer = await stored(start["message_id"])
    assert answer.status == "cancelled"


async def test_two_users_streams_never_mix(
    app_server: str, client: httpx.AsyncClient, athlete: Athlete, other: Athlete
) -> None:
    await give_history(client, athlete)

    async def converse(who: Athlete, question: str) -> list[dict[str, Any]]:
        async with socket(app_server, who) as conn:
            await ready(conn)
            return await ask(conn, question)

    mine, theirs = await asyncio.gather(
        converse(athlete, "How is my fitness?"), converse(other, "What pace should I run?")
    )
    for who, frames in ((athlete, mine), (other, theirs)):
        answer = await stored(frames[0]["message_id"])
        assert str(answer.user_id) == who.id
        assert answer.content == text_of(frames)
    assert "don't have any workouts" in text_of(theirs)
    assert "don't have any workouts" not in text_of(mine)
    # And neither can read the other's conversation.
    r = await client.get(
        f"/api/v1/coach/conversations/{mine[0]['conversation_id']}/messages",
        headers=other.headers,
    )
    assert r.status_code == 404


async def test_a_repeated_client_id_replays_the_stored_answer(
    app_server: str, athlete: Athlete
) -> None:
    async with socket(app_server, athlete) as conn:
        await ready(conn)
        first = await ask(conn, "Hello coach", client_id="same-1")
        again = await ask(conn, "Hello coach", client_id="same-1")
    assert again[0]["message_id"] == first[0]["message_id"]
    assert again[-1]["replayed"] is True and text_of(again) == text_of(first)
    assert await Message.filter(user_id=athlete.id).count() == 2


# --- bad frames, limits ---------------------------------------------------------------------


async def test_bad_frames_get_error_frames_and_the_socket_stays_open(
    app_server: str, athlete: Athlete
) -> None:
    async with socket(app_server, athlete) as conn:
        await ready(conn)
        await conn.send("{not json")
        assert (await frame(conn))["code"] == "malformed_json"
        await conn.send(json.dumps({"type": "message", "text": ""}))
        error = await frame(conn)
        assert error["code"] == "validation_error"
        assert [e["field"] for e in error["errors"]] == ["text"]
        await conn.send(json.dumps({"type": "message", "text": "x" * 4001}))
        assert (await frame(conn))["code"] == "validation_error"
        await conn.send(json.dumps({"type": "dance"}))
        assert (await frame(conn))["code"] == "validation_error"
        await conn.send(json.dumps({"type": "message", "text": "hi", "admin": True}))
        assert (await frame(conn))["errors"][0]["field"] == "admin"
        await conn.send(
            json.dumps({"type": "message", "text": "hi", "conversation_id": str(uuid.uuid4())})
        )
        assert (await frame(conn))["code"] == "not_found"
        await conn.send(json.dumps({"type": "ping"}))
        assert await frame(conn) == {"type": "pong"}


async def test_a_frame_over_the_size_limit_closes_1009(app_server: str, athlete: Athlete) -> None:
    async with socket(app_server, athlete, max_size=None) as conn:
        await ready(conn)
        await conn.send(json.dumps({"type": "message", "text": "x" * 70_000}))
        assert await close_code(conn) == 1009


async def test_one_answer_at_a_time_per_socket(app_server: str, athlete: Athlete) -> None:
    async with socket(app_server, athlete) as conn:
        await ready(conn)
        await conn.send(json.dumps({"type": "message", "text": "Hello coach"}))
        await conn.send(json.dumps({"type": "message", "text": "Hello again"}))
        frames = []
        while not frames or frames[-1]["type"] != "done":
            frames.append(await frame(conn))
    errors = [f for f in frames if f["type"] == "error"]
    assert [e["code"] for e in errors] == ["conflict"]


async def test_concurrent_streams_per_user_are_limited(
    app_server: str, athlete: Athlete, settings: Settings
) -> None:
    limit = settings.coach_max_streams
    async with contextlib.AsyncExitStack() as stack:
        conns = [
            await stack.enter_async_context(socket(app_server, athlete)) for _ in range(limit + 1)
        ]
        for conn in conns:
            await ready(conn)
        for conn in conns:
            await conn.send(json.dumps({"type": "message", "text": "How is my fitness?"}))
        results = [await _until_end(conn) for conn in conns]
    ends = sorted(r[-1]["type"] for r in results)
    assert ends == ["done"] * limit + ["error"]
    (refused,) = [r for r in results if r[-1]["type"] == "error"]
    assert refused[-1]["code"] == "rate_limited"


async def _until_end(conn: ClientConnection) -> list[dict[str, Any]]:
    frames = [await frame(conn)]
    while frames[-1]["type"] not in ("done", "error"):
        frames.append(await frame(conn))
    return frames


# --- provider failure -----------------------------------------------------------------------


async def test_groq_answers_stream_through_the_socket(
    app_server: str, client: httpx.AsyncClient, athlete: Athlete, groq_app: GroqStandIn
) -> None:
    today = await give_history(client, athlete)
    groq_app.script = Script(deltas=("Keep ", "it ", "easy ", "today."))
    async with socket(app_server, athlete) as conn:
        await ready(conn)
        frames = await ask(conn, "What should I run?")
    assert [f["text"] for f in frames if f["type"] == "delta"] == [
        "Keep ",
        "it ",
        "easy ",
        "today.",
    ]
    assert frames[-1]["usage"]["prompt_tokens"] == 42
    # The system prompt carries the athlete's numbers; the model is not asked to compute.
    (sent,) = groq_app.requests
    system = sent.messages[0]
    assert system["role"] == "system" and f"{today['ctl']:.1f}" in system["content"]
    assert sent.messages[-1] == {"role": "user", "content": "What should I run?"}


BROKEN = {
    "error-mid-stream": Script(deltas=("One ", "two ", "three ", "four."), error_after=2),
    **NOT_A_COMPLETION_STREAM,
}


@pytest.mark.parametrize("script", list(BROKEN.values()), ids=list(BROKEN))
async def test_a_provider_failure_ends_with_an_error_frame(
    app_server: str, athlete: Athlete, groq_app: GroqStandIn, script: Script
) -> None:
    groq_app.script = script
    async with socket(app_server, athlete) as conn:
        await ready(conn)
        frames = await ask(conn, "Hello coach")
        assert frames[-1] == {
            "type": "error",
            "code": "llm_unavailable",
            "message": "the coach could not finish this answer; try again",
        }
        await conn.send(json.dumps({"type": "ping"}))  # still open
        assert await frame(conn) == {"type": "pong"}
    relayed = "".join(f["text"] for f in frames if f["type"] == "delta")
    if script.raw_body is not None:
        assert relayed == ""
    elif script.error_after is not None:
        assert relayed == "".join(script.deltas[: script.error_after])
    else:
        assert relayed == script.text
    answer = await stored(frames[0]["message_id"])
    assert (answer.status, answer.error_code, answer.content) == (
        "failed",
        "llm_unavailable",
        relayed,
    )


async def test_a_refused_key_is_an_error_frame_not_a_silent_close(
    app_server: str, athlete: Athlete, groq_app: GroqStandIn, sanic_app: Any
) -> None:
    sanic_app.ctx.llm = make_provider(
        Settings(llm_provider="groq", groq_api_key="gsk_wrong", groq_base_url=groq_app.base_url,
                 llm_max_retries=0)
    )  # fmt: skip
    async with socket(app_server, athlete) as conn:
        await ready(conn)
        frames = await ask(conn, "Hello coach")
    assert frames[-1] == {
        "type": "error",
        "code": "llm_auth",
        "message": "the coach could not finish this answer; try again",
    }


# --- a client that stops reading ------------------------------------------------------------


class _StuckSocket:
    """A websocket whose client never reads: sends block, as on a full TCP buffer."""

    def __init__(self) -> None:
        self.sent: list[str] = []
        self.closed: tuple[int, str] | None = None
        self._frames: asyncio.Queue[str] = asyncio.Queue()

    async def send(self, data: str) -> None:
        if len(self.sent) >= 2:  # ready and start went out, then the buffer is full
            await asyncio.Event().wait()
        self.sent.append(data)

    async def recv(self, timeout: float | None = None) -> str:  # noqa: ASYNC109 (Sanic's API)
        return await self._frames.get()

    async def close(self, code: int = 1000, reason: str = "") -> None:
        self.closed = (code, reason)


async def test_a_client_that_stops_reading_is_closed_and_the_answer_kept(
    sanic_app: Any, client: httpx.AsyncClient, settings: Settings
) -> None:
    who = await register(client, email="slow@example.com")
    stuck = _StuckSocket()
    session = coach_ws.CoachSession(
        stuck,  # type: ignore[arg-type]
        uuid.UUID(who.id),
        provider=sanic_app.ctx.llm,
        settings=dataclasses.replace(settings, ws_send_timeout_s=0.3),
    )
    running = asyncio.create_task(session.run())
    await stuck._frames.put(json.dumps({"type": "message", "text": "Hello coach"}))
    await asyncio.sleep(1.0)
    assert stuck.closed == (4408, "the client is not reading")
    running.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await running
    (answer,) = await Message.filter(user_id=who.id, role="assistant")
    assert answer.status == "cancelled"
