"""Auth routes: register, login, refresh, logout, password change, the signed-in sessions."""

from __future__ import annotations

from sanic import Blueprint, HTTPResponse, Request
from sanic_ext import openapi

from runcoach.auth import schemas, service
from runcoach.web import answers, authenticated, client_ip, json, no_content, parse_body, path_uuid

bp = Blueprint("auth", url_prefix="/api/v1/auth")


def _answer(pair: service.TokenPair, status: int = 200) -> HTTPResponse:
    return json(
        schemas.token_pair(
            user=pair.user,
            access_token=pair.access_token,
            refresh_token=pair.refresh_token,
            expires_in=pair.expires_in,
        ),
        status=status,
    )


def _device(request: Request, device: str | None) -> str:
    return service.device_name(device, request.headers.get("user-agent"))


@bp.post("/register")
@openapi.summary("Create an account")
@openapi.body({"application/json": schemas.Register.model_json_schema()})
@openapi.response(201, description="the user and a token pair")
@openapi.response(409, description="the email is taken")
@openapi.response(429, description="too many registrations from this address; see Retry-After")
@answers(schemas.TokenPair, status=201)
async def register(request: Request) -> HTTPResponse:
    body = parse_body(schemas.Register, request)
    pair = await service.register(
        email=body.email,
        password=body.password,
        name=body.name,
        timezone=body.timezone,
        ip=client_ip(request),
        device=_device(request, body.device),
        settings=request.app.ctx.settings,
    )
    return _answer(pair, status=201)


@bp.post("/login")
@openapi.summary("Log in with email and password (opens a session)")
@openapi.body({"application/json": schemas.Login.model_json_schema()})
@openapi.response(200, description="the user and a token pair")
@openapi.response(401, description="bad email or password")
@openapi.response(429, description="too many failures; see Retry-After")
@answers(schemas.TokenPair)
async def login(request: Request) -> HTTPResponse:
    body = parse_body(schemas.Login, request)
    pair = await service.login(
        email=body.email,
        password=body.password,
        ip=client_ip(request),
        device=_device(request, body.device),
        settings=request.app.ctx.settings,
    )
    return _answer(pair)


@bp.post("/refresh")
@openapi.summary("Rotate a refresh token for a new pair")
@openapi.description(
    "The old refresh token stops working; using it again ends the whole session "
    "(its access tokens and open websockets stop at once)."
)
@openapi.body({"application/json": schemas.RefreshBody.model_json_schema()})
@openapi.response(200, description="the user and a new token pair")
@openapi.response(401, description="an unknown, expired, revoked or reused refresh token")
@answers(schemas.TokenPair)
async def refresh(request: Request) -> HTTPResponse:
    body = parse_body(schemas.RefreshBody, request)
    settings = request.app.ctx.settings
    pair = await service.refresh(refresh_token=body.refresh_token, settings=settings)
    return _answer(pair)


@bp.post("/logout")
@openapi.summary("End the refresh token's session")
@openapi.description("Its access tokens stop working at once, in every web process.")
@openapi.body({"application/json": schemas.RefreshBody.model_json_schema()})
@openapi.response(204, description="logged out")
async def logout(request: Request) -> HTTPResponse:
    body = parse_body(schemas.RefreshBody, request)
    await service.logout(refresh_token=body.refresh_token)
    return no_content()


@bp.post("/logout-all")
@openapi.summary("Sign out everywhere: end every session, this one included")
@openapi.secured("bearer")
@openapi.response(204, description="every session ended")
@authenticated
async def logout_all(request: Request) -> HTTPResponse:
    await service.logout_all(user_id=request.ctx.user_id)
    return no_content()


@bp.post("/password")
@openapi.summary("Change the password; every other session is signed out")
@openapi.secured("bearer")
@openapi.body({"application/json": schemas.PasswordChange.model_json_schema()})
@openapi.response(204, description="changed; the other sessions ended")
@openapi.response(429, description="too many attempts; see Retry-After")
@authenticated
async def change_password(request: Request) -> HTTPResponse:
    body = parse_body(schemas.PasswordChange, request)
    await service.change_password(
        user_id=request.ctx.user_id,
        session_id=request.ctx.session_id,
        current_password=body.current_password,
        new_password=body.new_password,
    )
    return no_content()


@bp.get("/sessions")
@openapi.summary("The signed-in sessions (devices)")
@openapi.description(
    "`{items: [{id, device, created_at, last_used_at, current}], next_cursor: null}`: the "
    "sessions not ended and not expired, most recently used first; `last_used_at` is "
    "updated at most every 5 minutes."
)
@openapi.secured("bearer")
@openapi.response(200, description="the sessions")
@answers(schemas.SessionList)
@authenticated
async def list_sessions(request: Request) -> HTTPResponse:
    rows = await service.list_sessions(
        user_id=request.ctx.user_id, session_id=request.ctx.session_id
    )
    return json(schemas.sessions(rows))


@bp.delete("/sessions/<session_id:str>")
@openapi.summary("Sign a session out (remote logout)")
@openapi.description("Its access tokens and open websockets stop working at once.")
@openapi.secured("bearer")
@openapi.response(204, description="the session ended")
@openapi.response(404, description="no such session of this user")
@authenticated
async def end_session(request: Request, session_id: str) -> HTTPResponse:
    await service.end_session(
        user_id=request.ctx.user_id, session_id=path_uuid(session_id, "session")
    )
    return no_content()
