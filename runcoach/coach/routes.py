"""Coach routes: ask (whole answer), conversations and their messages, analyses."""

from __future__ import annotations

from sanic import Blueprint, HTTPResponse, Request
from sanic_ext import openapi

from runcoach.coach import analysis as analysis_service
from runcoach.coach import schemas, service
from runcoach.pagination import page
from runcoach.web import (
    answers,
    authenticated,
    creates,
    json,
    links,
    parse_body,
    path_uuid,
    query,
    user_id,
)

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
@openapi.response(
    429,
    description="too many messages (`LIMIT_COACH_MESSAGES`, shared with the websocket) "
    "or answers streaming at once (`COACH_MAX_STREAMS`); see Retry-After",
)
@openapi.response(404, description="no such conversation (also another athlete's)")
@openapi.response(409, description="this `client_id`'s answer is still being written")
@openapi.response(502, description="the model failed (the failed answer is kept)")
@creates("/api/v1/coach/conversations/{conversation_id}/messages", field="conversation_id")
@answers(schemas.Exchange)
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
    return json(schemas.exchange(result))


@bp.get("/conversations")
@openapi.summary("Your conversations with the coach, most recently active first")
@openapi.description("`?limit= &cursor=`; items `{id, title, created_at, updated_at}`.")
@openapi.secured("bearer")
@answers(schemas.ConversationPage)
@links("/api/v1/coach/conversations/{conversation_id}/messages", conversation_id="items/0/id")
@authenticated
@query(schemas.ListQuery)
async def conversations(request: Request) -> HTTPResponse:
    q: schemas.ListQuery = request.ctx.query
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
@answers(schemas.MessagePage)
@authenticated
@query(schemas.ListQuery)
async def messages(request: Request, conversation_id: str) -> HTTPResponse:
    q: schemas.ListQuery = request.ctx.query
    rows, next_cursor = await service.list_messages(
        user_id=user_id(request),
        conversation_id=path_uuid(conversation_id, "conversation"),
        limit=q.limit,
        cursor=q.cursor,
    )
    return json(page([schemas.message(m) for m in rows], next_cursor))


# --- analyses ---------------------------------------------------------------------------


@bp.post("/analysis")
@openapi.summary("Request an analysis of the recent weeks (written by a job)")
@openapi.description(
    "Answers 202 with the pending analysis; while one is pending, a new request "
    "returns it. Poll its Location, or wait for the `analysis_ready` notification."
)
@openapi.secured("bearer")
@openapi.response(202, description="`{analysis_id, status: pending}`, with Location")
@openapi.response(
    429,
    description="too many analyses asked for (`LIMIT_ANALYSES`); see Retry-After",
)
@creates("/api/v1/coach/analyses/{analysis_id}", field="analysis_id")
@answers(schemas.AnalysisRequested, status=202)
@authenticated
async def request_analysis(request: Request) -> HTTPResponse:
    analysis = await analysis_service.request_analysis(user_id=user_id(request))
    return json(
        schemas.analysis_requested(analysis),
        status=202,
        headers={"Location": f"{bp.url_prefix}/analyses/{analysis.id}"},
    )


@bp.get("/analyses")
@openapi.summary("The athlete's analyses, newest first (cursor pagination)")
@openapi.secured("bearer")
@openapi.parameter("cursor", str)
@openapi.parameter("limit", int, description="1..100, default 20")
@answers(schemas.AnalysisPage)
@links("/api/v1/coach/analyses/{analysis_id}", analysis_id="items/0/id")
@authenticated
@query(schemas.AnalysisQuery)
async def list_analyses(request: Request) -> HTTPResponse:
    q: schemas.AnalysisQuery = request.ctx.query
    rows, next_cursor = await analysis_service.list_analyses(
        user_id=user_id(request), cursor=q.cursor, limit=q.limit
    )
    return json(page([schemas.analysis(a) for a in rows], next_cursor))


@bp.get("/analyses/<analysis_id:str>")
@openapi.summary("One analysis: status, the text when ready, the facts it cites")
@openapi.secured("bearer")
@openapi.response(404, description="no such analysis (also another athlete's)")
@answers(schemas.AnalysisOut)
@authenticated
async def read_analysis(request: Request, analysis_id: str) -> HTTPResponse:
    analysis = await analysis_service.get_analysis(
        user_id=user_id(request), analysis_id=path_uuid(analysis_id, "analysis")
    )
    return json(schemas.analysis(analysis))
