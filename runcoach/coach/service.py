"""Coach chat: conversations, messages, one exchange (question and answer) at a time.

An exchange is stored before the model is asked: the athlete's message and an empty
answer with status ``streaming``, in one transaction. The answer is then written once
when it ends: ``complete``, ``cancelled`` (as far as it got) or ``failed`` (with the
provider's error code and whatever text arrived). The transport (HTTP or websocket)
only relays; every prompt is grounded in the athlete's snapshot, computed by the
analytics services (``runcoach.coach.context``), never by the model.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import uuid
from dataclasses import dataclass
from typing import Any

import orjson
from tortoise.exceptions import IntegrityError

from runcoach import db, limits, pagination
from runcoach.coach import context
from runcoach.coach.models import Conversation, Message, MessageRole, MessageStatus
from runcoach.errors import Conflict, NotFound, ProviderFailed
from runcoach.limits import LimitName
from runcoach.llm import ChatMessage, LLMError, LLMProvider, LLMRequest, Usage
from runcoach.logs import event

log = logging.getLogger("runcoach.coach")

HISTORY_MESSAGES = 12  # earlier messages of the conversation sent with a question
TITLE_LENGTH = 60
_TICK = dt.timedelta(microseconds=1)


# An exchange is stored in one statement (atomic without a transaction): the question,
# complete, and its empty answer, streaming; in a new conversation, or in one of the
# user's own (nothing is inserted when it is not theirs). Parameters, in order:
# conversation id, title (new only), question id, user id, text, client id, time,
# answer id, provider, model, the answer's time.
_NEW_EXCHANGE_SQL = """
WITH c AS (
    INSERT INTO conversations (id, user_id, title, created_at, updated_at)
    VALUES ($1, $4, $2, $7, $7) RETURNING id
)
INSERT INTO messages (id, conversation_id, user_id, role, content, status, client_id,
                      provider, model, created_at, completed_at)
SELECT $3::uuid, c.id, $4::uuid, 'user', $5::text, 'complete', $6::varchar, NULL, NULL,
       $7::timestamptz, $7::timestamptz FROM c
UNION ALL
SELECT $8::uuid, c.id, $4::uuid, 'assistant', '', 'streaming', NULL, $9::varchar,
       $10::varchar, $11::timestamptz, NULL FROM c
RETURNING id
"""
_NEXT_EXCHANGE_SQL = """
WITH c AS (
    UPDATE conversations SET updated_at = $7
    WHERE id = $1 AND user_id = $4 AND $2::text IS NULL  -- $2: no title here
    RETURNING id
)
INSERT INTO messages (id, conversation_id, user_id, role, content, status, client_id,
                      provider, model, created_at, completed_at)
SELECT $3::uuid, c.id, $4::uuid, 'user', $5::text, 'complete', $6::varchar, NULL, NULL,
       $7::timestamptz, $7::timestamptz FROM c
UNION ALL
SELECT $8::uuid, c.id, $4::uuid, 'assistant', '', 'streaming', NULL, $9::varchar,
       $10::varchar, $11::timestamptz, NULL FROM c
RETURNING id
"""
_FINISH_SQL = (
    "UPDATE messages SET content = $2, status = $3, usage = $4::jsonb, error_code = $5,"
    " completed_at = $6 WHERE id = $1 AND status = 'streaming'"
)
_HISTORY_SQL = (
    "SELECT m.role, m.content FROM messages m JOIN conversations c ON c.id = m.conversation_id"
    " WHERE m.conversation_id = $1 AND c.user_id = $2 AND m.status IN ('complete', 'cancelled')"
    " AND m.content <> '' ORDER BY m.created_at DESC LIMIT $3"
)


@dataclass(frozen=True, slots=True)
class Exchange:
    """A stored question and its pending answer, and the request for the model."""

    conversation_id: uuid.UUID
    question_id: uuid.UUID
    answer_id: uuid.UUID
    request: LLMRequest
    replay: Message | None = None  # the stored answer when client_id was already used


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def _replay(user_id: uuid.UUID, client_id: str) -> Exchange | None:
    question = await Message.get_or_none(user_id=user_id, client_id=client_id)
    if question is None:
        return None
    answer = (
        await Message.filter(
            conversation_id=question.conversation_id,
            role=MessageRole.ASSISTANT,
            created_at__gte=question.created_at,
        )
        .order_by("created_at")
        .first()
    )
    if answer is None:
        raise Conflict("this client_id was used for a message that has no answer")
    if answer.status == MessageStatus.STREAMING:
        raise Conflict("the answer to this client_id is still being written")
    return Exchange(
        conversation_id=question.conversation_id,
        question_id=question.id,
        answer_id=answer.id,
        request=LLMRequest(messages=()),
        replay=answer,
    )


async def start(
    *,
    user_id: uuid.UUID,
    text: str,
    conversation_id: uuid.UUID | None,
    client_id: str | None,
    provider: LLMProvider,
) -> Exchange:
    """Store the question and an empty answer; the request carries history and snapshot.

    Idempotent by ``client_id``: a repeated id gets the stored exchange back (``replay``).
    NotFound for another user's (or no) conversation; RateLimited past the user's
    ``LIMIT_COACH_MESSAGES`` (HTTP and websocket messages count alike).
    """
    if client_id is not None and (found := await _replay(user_id, client_id)) is not None:
        return found
    await limits.hit(LimitName.COACH_MESSAGES, user_id)  # a replay is free
    snapshot = await context.build_snapshot(user_id=user_id)
    question_id, answer_id, now = uuid.uuid4(), uuid.uuid4(), _now()
    # the answer sorts after its question (a chat reads by created_at)
    values = [question_id, user_id, text, client_id, now, answer_id, provider.name,
              provider.model, now + _TICK]  # fmt: skip
    history: list[dict[str, Any]] = []
    try:
        if conversation_id is None:
            conversation_id = uuid.uuid4()
            title = " ".join(text.split())[:TITLE_LENGTH]
            await db.execute(_NEW_EXCHANGE_SQL, conversation_id, title, *values)
        else:
            history = await db.fetch_all(_HISTORY_SQL, conversation_id, user_id, HISTORY_MESSAGES)
            count = await db.execute(_NEXT_EXCHANGE_SQL, conversation_id, None, *values)
            if not count:
                raise NotFound("no such conversation")
    except IntegrityError:  # the same client_id, sent twice at once
        raise Conflict("a message with this client_id is already being answered") from None
    messages = (
        *(
            ChatMessage(role="user" if m["role"] == "user" else "assistant", content=m["content"])
            for m in reversed(history)
        ),
        ChatMessage(role="user", content=text),
    )
    event(
        log,
        "coach.exchange_started",
        user_id=str(user_id),
        conversation_id=str(conversation_id),
        answer_id=str(answer_id),
        provider=provider.name,
    )
    return Exchange(
        conversation_id=conversation_id,
        question_id=question_id,
        answer_id=answer_id,
        request=LLMRequest(messages=messages, snapshot=snapshot, purpose="chat"),
    )


async def finish(
    *,
    answer_id: uuid.UUID,
    text: str,
    status: MessageStatus,
    usage: Usage | None,
    error_code: str | None = None,
) -> None:
    """Write the answer once it ended (complete, cancelled or failed). Idempotent."""
    await db.execute(
        _FINISH_SQL,
        answer_id,
        text,
        status,
        None if usage is None else orjson.dumps(usage.as_dict()).decode(),
        error_code,
        _now(),
    )
    event(log, "coach.exchange_ended", answer_id=str(answer_id), status=status, code=error_code)


async def ask(
    *,
    user_id: uuid.UUID,
    text: str,
    conversation_id: uuid.UUID | None,
    client_id: str | None,
    provider: LLMProvider,
) -> dict[str, Any]:
    """Ask and wait for the whole answer (clients that cannot stream), in one of the
    user's stream slots, as a websocket answer is.

    ProviderFailed (502) when the model fails; the failed answer is kept with its code.
    """
    async with stream_slot(user_id=user_id):
        exchange = await start(
            user_id=user_id,
            text=text,
            conversation_id=conversation_id,
            client_id=client_id,
            provider=provider,
        )
        if exchange.replay is None:
            await _write_whole_answer(exchange, provider)
    question = await Message.get(id=exchange.question_id)
    answer = await Message.get(id=exchange.answer_id)
    return {"conversation_id": exchange.conversation_id, "question": question, "answer": answer}


async def _write_whole_answer(exchange: Exchange, provider: LLMProvider) -> None:
    """Ask the model for the whole answer and store it (failed: ProviderFailed)."""
    try:
        completion = await provider.complete(exchange.request)
    except LLMError as exc:
        await finish(answer_id=exchange.answer_id, text="", status=MessageStatus.FAILED,
                     usage=None, error_code=exc.code)  # fmt: skip
        raise ProviderFailed(f"the coach could not answer: {exc}") from None
    except asyncio.CancelledError:  # the client went away: keep the question answered
        await asyncio.shield(
            finish(
                answer_id=exchange.answer_id,
                text="",
                status=MessageStatus.CANCELLED,
                usage=None,
            )
        )
        raise
    await finish(
        answer_id=exchange.answer_id,
        text=completion.text,
        status=MessageStatus.COMPLETE,
        usage=completion.usage,
    )


# --- history ------------------------------------------------------------------------------


async def list_conversations(
    *, user_id: uuid.UUID, limit: int, cursor: str | None
) -> tuple[list[Conversation], str | None]:
    """The user's conversations, the most recently active first."""
    return await pagination.newest_first(
        Conversation.filter(user_id=user_id), field="updated_at", limit=limit, cursor=cursor
    )


async def list_messages(
    *, user_id: uuid.UUID, conversation_id: uuid.UUID, limit: int, cursor: str | None
) -> tuple[list[Message], str | None]:
    """A conversation's messages, newest first (a chat opens at its end); NotFound if not
    the user's."""
    if not await Conversation.exists(id=conversation_id, user_id=user_id):
        raise NotFound("no such conversation")
    return await pagination.newest_first(
        Message.filter(conversation_id=conversation_id),
        field="created_at",
        limit=limit,
        cursor=cursor,
    )


# --- what a message costs (runcoach.limits), shared by every web process through Redis ----


def stream_slot(*, user_id: uuid.UUID) -> contextlib.AbstractAsyncContextManager[None]:
    """Hold one of the user's ``COACH_MAX_STREAMS`` answer slots (HTTP and websocket
    alike) while an answer is written; RateLimited when all are held."""
    return limits.hold(LimitName.COACH_STREAMS, user_id)
