"""Auth routes: register, login, refresh, logout."""

from __future__ import annotations

from sanic import Blueprint, HTTPResponse, Request
from sanic_ext import openapi

from runcoach.auth import schemas, service
from runcoach.web import client_ip, json, no_content, parse_body

bp = Blueprint("auth", url_prefix="/api/v1/auth")


def _answer(session: service.Session, status: int = 200) -> HTTPResponse:
    return json(
        schemas.token_pair(
            user=session.user,
            access_token=session.access_token,
            refresh_token=session.refresh_token,
            expires_in=session.expires_in,
        ),
        status=status,
    )


@bp.post("/register")
@openapi.summary("Create an account")
@openapi.body({"application/json": schemas.Register.model_json_schema()})
@openapi.response(201, description="the user and a token pair")
@openapi.response(409, description="the email is taken")
@openapi.response(429, description="too many registrations from this address; see Retry-After")
async def register(request: Request) -> HTTPResponse:
    body = parse_body(schemas.Register, request)
    session = await service.register(
        email=body.email,
        password=body.password,
        name=body.name,
        timezone=body.timezone,
        ip=client_ip(request),
        settings=request.app.ctx.settings,
    )
    return _answer(session, status=201)


@bp.post("/login")
@openapi.summary("Log in with email and password")
@openapi.body({"application/json": schemas.Login.model_json_schema()})
@openapi.response(200, description="the user and a token pair")
@openapi.response(401, description="bad email or password")
@openapi.response(429, description="too many failures; see Retry-After")
async def login(request: Request) -> HTTPResponse:
    body = parse_body(schemas.Login, request)
    session = await service.login(
        email=body.email,
        password=body.password,
        ip=client_ip(request),
        settings=request.app.ctx.settings,
    )
    return _answer(session)


@bp.post("/refresh")
@openapi.summary("Rotate a refresh token for a new pair")
@openapi.body({"application/json": schemas.RefreshBody.model_json_schema()})
@openapi.response(200, description="the user and a new token pair")
@openapi.response(401, description="the refresh token is not valid (or was already used)")
async def refresh(request: Request) -> HTTPResponse:
    body = parse_body(schemas.RefreshBody, request)
    session = await service.refresh(
        refresh_token=body.refresh_token, settings=request.app.ctx.settings
    )
    return _answer(session)


@bp.post("/logout")
@openapi.summary("Revoke a refresh token (and its family)")
@openapi.body({"application/json": schemas.RefreshBody.model_json_schema()})
@openapi.response(204, description="logged out")
async def logout(request: Request) -> HTTPResponse:
    body = parse_body(schemas.RefreshBody, request)
    await service.logout(refresh_token=body.refresh_token)
    return no_content()
