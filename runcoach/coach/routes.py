"""Coach chat routes: ask (whole answer), conversations and their messages."""

from __future__ import annotations

from sanic import Blueprint, HTTPResponse, Request
from sanic_ext import openapi

from runcoach.coach import schemas, service
from runcoach.pagination import page
from runcoach.validation import parse_body, parse_query
from runcoach.web import authenticated, json, path_uuid, user_id

bp = Blueprint("coach", url_prefix="/api/v1/coach")


@bp.post("/messages")
@openapi.summary("Ask the coach and get the whole answer (for clients that cannot stream)")
@openapi.description(
    "Body `{text (1..4000 characters), conversation_id?, client_id?}`. Answers 200 "
    "`{conversation_id, question: <message>, answer: <message>}`; a message is `{id, "
    "conversation_id, role, content, status (complete, cancelled, failed), client_id, "
    "provider, model, usage, error_code, created_at, completed_at}`. A repeated "
    "`client_id` returns the stored exchange. 404 for a conversation that is not yours; "
    "502 `provider_error` when the model fails (the failed answer is kept). Streaming "
    "clients use the websocket `/ws/coach`."
)
@openapi.secured("bearer")
@openapi.body({"application/json": schemas.Ask.model_json_schema()})
@authenticated
async def ask(request: Request) -> HTTPResponse:
    body = parse_body(schemas.Ask, request)
    result = await service.ask(
        user_id=user_id(request),
        text=body.text,
        conversation_id=body.conversation_id,
        client_id=body.client_id,
        provider=request.app.ctx.llm,
    )
    return json(
        {
            "conversation_id": str(result["conversation_id"]),
            "question": schemas.message(result["question"]),
            "answer": schemas.message(result["answer"]),
        }
    )


@bp.get("/conversations")
@openapi.summary("Your conversations with the coach, most recently active first")
@openapi.description("`?limit= &cursor=`; items `{id, title, created_at, updated_at}`.")
@openapi.secured("bearer")
@authenticated
async def conversations(request: Request) -> HTTPResponse:
    q = parse_query(schemas.ListQuery, request.args)
    rows, next_cursor = await service.list_conversations(
        user_id=user_id(request), limit=q.limit, cursor=q.cursor
    )
    return json(page([schemas.conversation(c) for c in rows], next_cursor))


@bp.get("/conversations/<conversation_id>/messages")
@openapi.summary("A conversation's messages, newest first")
@openapi.description(
    "`?limit= &cursor=`; the cursor pages back in time. 404 for a conversation that is not yours."
)
@openapi.secured("bearer")
@authenticated
async def messages(request: Request, conversation_id: str) -> HTTPResponse:
    q = parse_query(schemas.ListQuery, request.args)
    rows, next_cursor = await service.list_messages(
        user_id=user_id(request),
        conversation_id=path_uuid(conversation_id, "conversation"),
        limit=q.limit,
        cursor=q.cursor,
    )
    return json(page([schemas.message(m) for m in rows], next_cursor))
