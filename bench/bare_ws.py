"""A bare Sanic websocket handler that sends the frames ``/ws/coach`` sends: the baseline.

``sanic bench.bare_ws:create_app --factory --workers 1`` (bench/ws_bench.py starts it).
No database, no Redis, no authentication: ``ready`` on connect; on each ``message``
frame ``start``, the answer word by word as ``delta`` frames (the offline coach's
splitting and pacing), then ``done``; ``ping`` gets ``pong``.

Environment:

- ``BARE_WS_ANSWERS``: a JSON file ``{question: {"1": answer, "0": answer}}`` of the
  answers RunCoach gave (recorded by ws_bench.py) for an athlete with history ("1") and
  without ("0"); the socket's query ``?history=1|0`` picks one (RunCoach ignores it).
  An unknown question gets the offline coach's snapshot-less answer.
- ``BARE_WS_DELAY_MS``: ``0`` (no pacing) or a range like ``20-40`` (a word every
  20-40 ms, the same deterministic pseudo-random delays as ``OfflineStream``).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import random
import uuid
from pathlib import Path
from typing import Any

import orjson
from sanic import Request, Sanic, response
from sanic.server.websockets.impl import WebsocketImplProtocol

from runcoach.llm.offline import _WORD, count_words


def _frame(kind: str, **fields: Any) -> str:
    return orjson.dumps({"type": kind, **fields}).decode()


def _delay(value: str) -> tuple[int, int]:
    low, sep, high = value.strip().partition("-")
    return int(low), int(high) if sep else int(low)


def _fallback(question: str) -> str:
    from runcoach.llm.base import ChatMessage, LLMRequest
    from runcoach.llm.offline import answer

    return answer(LLMRequest(messages=(ChatMessage("user", question),), purpose="chat"))


def create_app(*_: Any, **__: Any) -> Sanic:
    app = Sanic("bare_ws", configure_logging=False)
    app.config.KEEP_ALIVE_TIMEOUT = 5  # as runcoach.app
    app.config.WEBSOCKET_MAX_SIZE = 64 * 1024
    app.config.ACCESS_LOG = False
    app.config.MOTD = False
    path = os.environ.get("BARE_WS_ANSWERS")
    answers: dict[str, dict[str, str]] = json.loads(Path(path).read_text()) if path else {}
    low, high = _delay(os.environ.get("BARE_WS_DELAY_MS", "0") or "0")

    @app.get("/healthz")
    async def healthz(request: Request) -> response.HTTPResponse:
        return response.json({"status": "ok"})

    @app.websocket("/ws/coach")
    async def coach(request: Request, ws: WebsocketImplProtocol) -> None:
        history = "1" if request.args.get("history") == "1" else "0"
        await ws.send(_frame("ready", user_id=str(uuid.uuid4())))
        conversation_id = str(uuid.uuid4())
        while True:
            raw = await ws.recv()
            if raw is None:
                continue
            frame = orjson.loads(raw)
            kind = frame.get("type")
            if kind == "ping":
                await ws.send(_frame("pong"))
                continue
            if kind != "message":
                await ws.send(_frame("error", code="validation_error", message="unknown frame"))
                continue
            question = str(frame.get("text", ""))
            text = answers.get(question, {}).get(history) or _fallback(question)
            message_id = str(uuid.uuid4())
            await ws.send(
                _frame("start", message_id=message_id, conversation_id=conversation_id,
                       client_id=frame.get("client_id"))
            )  # fmt: skip
            seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")
            rng = random.Random(seed)
            for i, word in enumerate(_WORD.findall(text)):
                if i and high > 0:
                    await asyncio.sleep(rng.randint(low, high) / 1000)
                else:
                    await asyncio.sleep(0)
                await ws.send(_frame("delta", text=word))
            words = count_words(text)
            usage = {"prompt_tokens": 0, "completion_tokens": words, "total_tokens": words}
            await ws.send(_frame("done", message_id=message_id, usage=usage, cancelled=False))

    return app
