"""A stand-in for Groq's API on loopback, speaking its OpenAI-compatible wire format.

Serves ``POST /openai/v1/chat/completions`` (the path the SDK appends to its
base URL) from an asyncio server in the test loop, so the real ``groq`` SDK and
httpx run end to end. Each test sets ``server.script``; the server records
every request and notices when a client drops a stream.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import dataclass, field
from typing import Any

PATH = "/openai/v1/chat/completions"
API_KEY = "gsk_test_stand_in_key"


@dataclass
class Script:
    """What the stand-in answers; every field has a harmless default."""

    deltas: tuple[str, ...] = ("Easy ", "run ", "today, ", "30 ", "minutes.")
    chunk_delay_s: float = 0.0
    header_delay_s: float = 0.0
    fail_first: int = 0
    fail_status: int = 500
    retry_after_ms: int | None = 10
    error_after: int | None = None
    error_style: str = "event"  # "event" (event: error) or "data" (data: {"error": ...})
    cut_after: int | None = None
    prompt_tokens: int = 42
    # Answers that are not what they claim (a gateway in the way, a provider bug):
    raw_body: str | None = None  # a 200 with this body instead of the answer (streamed or not)
    raw_content_type: str = "application/json"  # the raw body's label, true or not
    bad_event: str | None = None  # a stream's event data, in place of its final chunk
    unfinished: bool = False  # the stream ends ([DONE]) without its final chunk

    @property
    def text(self) -> str:
        return "".join(self.deltas)

    def usage(self) -> dict[str, Any]:
        completion = len(self.deltas)
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": completion,
            "total_tokens": self.prompt_tokens + completion,
            "queue_time": 0.001,
            "prompt_time": 0.002,
            "completion_time": 0.003,
            "total_time": 0.006,
        }


@dataclass
class Recorded:
    """One request the stand-in received."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    status: int = 0
    dropped_by_client: bool = False

    @property
    def model(self) -> str:
        return str(self.body.get("model"))

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages") or [])

    @property
    def stream(self) -> bool:
        return bool(self.body.get("stream"))


@dataclass
class GroqStandIn:
    """The server; ``await start()``, point ``GROQ_BASE_URL`` at ``base_url``, ``await close()``."""

    script: Script = field(default_factory=Script)
    requests: list[Recorded] = field(default_factory=list)
    client_dropped: asyncio.Event = field(default_factory=asyncio.Event)
    port: int = 0
    _server: asyncio.Server | None = None
    _handlers: set[asyncio.Task[None]] = field(default_factory=set)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._handlers):
            task.cancel()
        if self._handlers:
            await asyncio.wait(list(self._handlers))
        if self._server is not None:
            await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._handlers.add(task)
        try:
            await self._one_request(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            self._handlers.discard(task)
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def _one_request(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> bool:
        """Answer one request (each answer closes the connection); False if the client left."""
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError:
            return False
        lines = head.decode("latin-1").split("\r\n")
        _method, path, _version = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        body_bytes = await reader.readexactly(int(headers.get("content-length", "0")))
        body = json.loads(body_bytes) if body_bytes else {}
        rec = Recorded(path=path, headers=headers, body=body)
        self.requests.append(rec)
        script = self.script
        # The client sends nothing more while it waits: a read that ends means it left.
        gone = asyncio.ensure_future(reader.read(1))
        try:
            if script.header_delay_s and await _left(gone, script.header_delay_s):
                return self._dropped(rec)
            if path != PATH:
                await self._json(writer, rec, 404, {"error": {"message": "Unknown request URL"}})
            elif headers.get("authorization") != f"Bearer {API_KEY}":
                await self._json(
                    writer,
                    rec,
                    401,
                    {
                        "error": {
                            "message": "Invalid API Key",
                            "type": "invalid_request_error",
                            "code": "invalid_api_key",
                        }
                    },
                )
            elif len(self.requests) <= script.fail_first:
                extra = {}
                if script.retry_after_ms is not None:
                    extra["retry-after-ms"] = str(script.retry_after_ms)
                    extra["retry-after"] = "0"
                message = "Rate limit reached" if script.fail_status == 429 else "Server error"
                await self._json(
                    writer, rec, script.fail_status, {"error": {"message": message}}, extra
                )
            elif script.raw_body is not None:
                await self._raw(writer, rec, 200, script.raw_body.encode(), script.raw_content_type)
            elif rec.stream:
                return await self._stream(writer, rec, script, gone)
            else:
                await self._json(writer, rec, 200, _completion(rec.model, script))
            return True
        finally:
            gone.cancel()

    def _dropped(self, rec: Recorded) -> bool:
        rec.dropped_by_client = True
        self.client_dropped.set()
        return False

    async def _json(
        self,
        writer: asyncio.StreamWriter,
        rec: Recorded,
        status: int,
        payload: dict[str, Any],
        extra: dict[str, str] | None = None,
    ) -> None:
        rec.status = status
        data = json.dumps(payload).encode()
        head = {"content-type": "application/json", "content-length": str(len(data))}
        writer.write(_head(status, {**head, **(extra or {})}) + data)
        await writer.drain()

    async def _raw(
        self,
        writer: asyncio.StreamWriter,
        rec: Recorded,
        status: int,
        data: bytes,
        content_type: str = "application/json",
    ) -> None:
        """Answer ``data`` as is, labelled ``content_type`` (whatever it holds)."""
        rec.status = status
        head = {"content-type": content_type, "content-length": str(len(data))}
        writer.write(_head(status, head) + data)
        await writer.drain()

    async def _stream(
        self,
        writer: asyncio.StreamWriter,
        rec: Recorded,
        script: Script,
        gone: asyncio.Future[bytes],
    ) -> bool:
        rec.status = 200
        writer.write(
            _head(
                200,
                {
                    "content-type": "text/event-stream",
                    "transfer-encoding": "chunked",
                    "cache-control": "no-cache",
                },
            )
        )

        async def send(data: str, event: str | None = None) -> None:
            frame = (f"event: {event}\n" if event else "") + f"data: {data}\n\n"
            raw = frame.encode()
            writer.write(f"{len(raw):x}\r\n".encode() + raw + b"\r\n")
            await writer.drain()

        base = {
            "id": "chatcmpl-standin",
            "object": "chat.completion.chunk",
            "created": 1_700_000_000,
            "model": rec.model,
            "system_fingerprint": "fp_standin",
        }
        first = {"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}
        await send(json.dumps({**base, "choices": [first], "x_groq": {"id": "req_standin"}}))
        for i, delta in enumerate(script.deltas):
            if script.error_after is not None and i == script.error_after:
                error = {"error": {"message": "Service unavailable", "type": "internal_error"}}
                if script.error_style == "event":
                    await send(json.dumps(error), event="error")
                else:
                    await send(json.dumps(error))
                writer.write(b"0\r\n\r\n")
                await writer.drain()
                return True
            if script.cut_after is not None and i == script.cut_after:
                writer.transport.abort()
                return False
            if script.chunk_delay_s and await _left(gone, script.chunk_delay_s):
                return self._dropped(rec)
            if gone.done():
                return self._dropped(rec)
            choice = {"index": 0, "delta": {"content": delta}, "finish_reason": None}
            await send(json.dumps({**base, "choices": [choice]}))
        last = {"index": 0, "delta": {}, "finish_reason": "stop"}
        usage = script.usage()
        if script.bad_event is not None:
            await send(script.bad_event)
        elif not script.unfinished:
            final = {**base, "choices": [last], "x_groq": {"id": "req_standin", "usage": usage}}
            await send(json.dumps(final))
        await send("[DONE]")
        writer.write(b"0\r\n\r\n")
        await writer.drain()
        return True


async def _left(gone: asyncio.Future[bytes], delay_s: float) -> bool:
    """Wait ``delay_s``; True as soon as the client has closed the connection."""
    done, _ = await asyncio.wait({gone}, timeout=delay_s)
    return bool(done)


def _head(status: int, headers: dict[str, str]) -> bytes:
    reasons = {200: "OK", 401: "Unauthorized", 404: "Not Found", 429: "Too Many Requests"}
    reason = reasons.get(status, "Internal Server Error" if status >= 500 else "Error")
    headers = {**headers, "connection": "close"}
    lines = [f"HTTP/1.1 {status} {reason}"] + [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _completion(model: str, script: Script) -> dict[str, Any]:
    return {
        "id": "chatcmpl-standin",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": model,
        "system_fingerprint": "fp_standin",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": script.text},
                "finish_reason": "stop",
                "logprobs": None,
            }
        ],
        "usage": script.usage(),
        "x_groq": {"id": "req_standin"},
    }
