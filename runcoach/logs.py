"""Structured logs: one JSON object a line, with the request id of the request at hand."""

from __future__ import annotations

import contextvars
import logging
import sys
from datetime import UTC, datetime
from typing import Any

import orjson

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)

_RESERVED = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
QUIET_LIBRARIES = ("python_http_client", "groq", "sanic.websockets", "websockets")


class JsonFormatter(logging.Formatter):
    """Render a record as JSON: time, level, logger, event, request id and extras."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        rid = request_id_var.get()
        if rid:
            entry["request_id"] = rid
        for key, value in record.__dict__.items():
            if key not in _RESERVED and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return orjson.dumps(entry, default=str).decode()


def configure(*, level: str = "INFO", json: bool = True) -> None:
    """Send every logger's records to stderr, as JSON lines when ``json``."""
    handler = logging.StreamHandler(sys.stderr)
    if json:
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in (
        "sanic.root",
        "sanic.error",
        "sanic.server",
        "sanic.access",
        "sanic.websockets",
        "dramatiq",
        "periodiq",
        "tortoise",
        "aerich",
    ):
        logger = logging.getLogger(name)
        logger.handlers[:] = []
        logger.propagate = True
    logging.getLogger("sanic.access").setLevel(logging.WARNING)
    logging.getLogger("tortoise").setLevel(logging.WARNING)
    # Never DEBUG, whatever LOG_LEVEL says: at DEBUG these libraries log what must not be
    # (SendGrid's client: the request headers with the API key, and every email; Groq's:
    # every prompt, with the athlete's numbers and messages; websockets: every frame, the
    # first-frame auth token and the chat included).
    for name in QUIET_LIBRARIES:
        logger = logging.getLogger(name)
        logger.setLevel(max(logging.INFO, logging.getLevelNamesMapping().get(level, 0)))


def event(logger: logging.Logger, name: str, /, level: int = logging.INFO, **fields: Any) -> None:
    """Log the structured event ``name`` (``<domain>.<event>``) with its fields."""
    exc_info = fields.pop("exc_info", None)
    logger.log(level, name, extra=fields, exc_info=exc_info)
