"""The web app: the Expo web export (``CLIENT_DIST``) served at ``/``, same origin as the API.

No route is registered for it. The app's own routes (the API, the websockets, the docs,
the health checks, the share and unsubscribe pages) always win; a GET or HEAD that no
route matches reaches Sanic's not-found path, where ``register`` hooks in:

- a file of the export (``/_expo/static/js/web/entry-<hash>.js``, ``/favicon.ico``) is
  served with its content type, a precompressed ``.br`` / ``.gz`` twin when the client
  accepts it (``Vary: Accept-Encoding``), an ETag (304 on ``If-None-Match``), and
  ``immutable`` caching under the hashed ``/_expo/static/`` (``no-cache`` elsewhere);
- any other path without a file extension (``/plans/abc``, ``/settings/notifications``)
  answers the export's ``index.html``: the app's router takes it from there;
- a service path (``/api/v1/...``, ``/ws/...``, ``/docs...``, ...), a path with an
  extension that is not a file (``/missing.js``), a dotfile, and every other method keep
  the service's 404 problem+json.

Without an export (Node missing, or not built yet) the app's paths answer a small page
saying how to build it, with status 503: the app is not available at this address for
now, and a 503 is neither cached by browsers nor taken as success by a monitor or a test,
while the API goes on answering.

A path is looked up only below the export's real directory: percent-decoded once, any
``.``/``..`` segment, backslash, NUL or dotfile refused, then resolved (symlinks
followed) and required to stay inside the resolved root.
"""

from __future__ import annotations

import asyncio
import html
import mimetypes
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from sanic import HTTPResponse, Request, Sanic
from sanic.exceptions import NotFound as RouteNotFound

# Prefixes of the service: unmatched paths below them stay 404 problem+json
SERVICE_PATHS = (
    "/api",
    "/ws",
    "/docs",
    "/openapi.json",
    "/healthz",
    "/readyz",
    "/s",
    "/unsubscribe",
)
# The export's content-hashed bundles and assets: their names change with their content
IMMUTABLE_PREFIX = "/_expo/static/"
IMMUTABLE = "public, max-age=31536000, immutable"
# Precompressed twins, by preference; ``runcoach.clientbuild`` writes them at build time
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".wasm": "application/wasm",
    ".txt": "text/plain; charset=utf-8",
    ".webmanifest": "application/manifest+json",
}

# The Expo web bundle (react-native-web) injects its styles at run time: 'unsafe-inline'
# for styles only. Scripts come from the export's own files; the API and the websockets
# are the same origin ('self' covers ws:// and wss:// of the same host).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
}

NOT_BUILT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>RunCoach: the web app is not built</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>The RunCoach web app is not built yet</h1>
<p>The API is running (<a href="/docs">/docs</a>). To get the app at this address, install
<strong>Node.js 20</strong> or later (from <a href="https://nodejs.org/">nodejs.org</a>),
then run <code>make run</code> again: it builds the web export of <code>client/</code>
and serves it here.</p>
<p><small>Looked for <code>{index}</code>.</small></p>
</body></html>
"""


@dataclass(frozen=True, slots=True)
class Found:
    """A file of the export to send: the file itself, or its precompressed twin."""

    path: Path
    content_type: str
    encoding: str | None
    etag: str
    size: int


def is_service_path(path: str) -> bool:
    """True for the service's own paths, which never fall back to the app."""
    return any(path == prefix or path.startswith(prefix + "/") for prefix in SERVICE_PATHS)


def safe_relative(path: str) -> str | None:
    """The request path as a relative file name below the export, or None when it could
    name anything outside it (or a dotfile)."""
    decoded = unquote(path)
    if "\x00" in decoded or "\\" in decoded or "%" in decoded:
        return None  # encoded twice, or a separator from another system
    parts = [part for part in decoded.split("/") if part]
    if any(part in {".", ".."} or part.startswith(".") for part in parts):
        return None
    return "/".join(parts)


def content_type(name: str) -> str:
    suffix = os.path.splitext(name)[1].lower()
    return CONTENT_TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def accepted(header: str) -> set[str]:
    """The content codings an ``Accept-Encoding`` header accepts (``q=0`` refuses)."""
    codings = set()
    for item in header.split(","):
        name, _, params = item.strip().partition(";")
        name = name.strip().lower()
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if name and q > 0:
            codings.add(name)
    if "*" in codings:
        codings.update(coding for coding, _ in ENCODINGS)
    return codings


class Export:
    """The web export in ``root``; looks files up safely (see the module's docstring)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _real_root(self) -> Path | None:
        # resolved on each call: ``make client`` swaps in a new build while the server runs
        try:
            real = self.root.resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        return real if real.is_dir() else None

    def built(self) -> bool:
        real = self._real_root()
        return real is not None and (real / "index.html").is_file()

    def lookup(self, relative: str, accept_encoding: str = "") -> Found | None:
        """The file ``relative`` names (or its accepted precompressed twin), if it is a
        regular file inside the export."""
        real_root = self._real_root()
        if real_root is None or not relative:
            return None
        target = self._inside(real_root, real_root / relative)
        if target is None:
            return None
        codings = accepted(accept_encoding) if accept_encoding else set()
        for coding, suffix in ENCODINGS:
            if coding not in codings:
                continue
            twin = self._inside(real_root, target.with_name(target.name + suffix))
            if twin is not None:
                return self._found(twin, relative, coding)
        return self._found(target, relative, None)

    @staticmethod
    def _inside(real_root: Path, candidate: Path) -> Path | None:
        try:
            real = candidate.resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if not real.is_relative_to(real_root):
            return None  # a symlink out of the export
        try:
            mode = real.stat().st_mode
        except OSError:
            return None
        return real if stat.S_ISREG(mode) else None

    @staticmethod
    def _found(path: Path, name: str, coding: str | None) -> Found:
        info = path.stat()
        tag = f"{info.st_size:x}-{info.st_mtime_ns:x}" + (f"-{coding}" if coding else "")
        return Found(path, content_type(name), coding, f'"{tag}"', info.st_size)


def _not_modified(request: Request, etag: str) -> bool:
    header = request.headers.get("if-none-match", "")
    if not header:
        return False
    if header.strip() == "*":
        return True
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return etag in tags


async def send(request: Request, found: Found, *, cache_control: str) -> HTTPResponse:
    """``found`` as the answer (304 when the client holds it; headers only for HEAD)."""
    headers = {
        "ETag": found.etag,
        "Cache-Control": cache_control,
        "X-Content-Type-Options": "nosniff",
        "Vary": "Accept-Encoding",
    }
    if found.content_type.startswith("text/html"):
        headers.update(SECURITY_HEADERS)
    if found.encoding:
        headers["Content-Encoding"] = found.encoding
    if _not_modified(request, found.etag):
        return HTTPResponse(status=304, headers=headers)
    if request.method == "HEAD":
        headers["Content-Length"] = str(found.size)
        return HTTPResponse(status=200, headers=headers, content_type=found.content_type)
    body = await asyncio.to_thread(found.path.read_bytes)
    return HTTPResponse(body, status=200, headers=headers, content_type=found.content_type)


def not_built(request: Request, export: Export) -> HTTPResponse:
    body = NOT_BUILT.format(index=html.escape(str(export.root / "index.html")))
    headers = {"Cache-Control": "no-store", **SECURITY_HEADERS}
    return HTTPResponse(
        b"" if request.method == "HEAD" else body.encode(),
        status=503,
        headers=headers,
        content_type="text/html; charset=utf-8",
    )


async def answer(request: Request, export: Export) -> HTTPResponse | None:
    """The export's answer to a request no route matched, or None (the service's 404)."""
    if request.method not in {"GET", "HEAD"} or is_service_path(request.path):
        return None
    relative = safe_relative(request.path)
    if relative is None:
        return None
    accept = request.headers.get("accept-encoding", "")
    found = export.lookup(relative, accept)
    if found is not None:
        immutable = request.path.startswith(IMMUTABLE_PREFIX)
        return await send(request, found, cache_control=IMMUTABLE if immutable else "no-cache")
    if os.path.splitext(relative.rsplit("/", 1)[-1])[1]:
        return None  # /missing.js: a file that is not there, not a page of the app
    index = export.lookup("index.html", accept)
    if index is None:
        return not_built(request, export)
    return await send(request, index, cache_control="no-cache")


def register(app: Sanic, root: Path) -> None:
    """Serve the export in ``root`` for the requests no route of ``app`` matches."""
    export = Export(root)
    app.ctx.web_export = export

    async def on_not_found(request: Request, exception: Exception) -> HTTPResponse:
        if getattr(request, "route", None) is None:  # the router found nothing
            response = await answer(request, export)
            if response is not None:
                return response
        return request.app.error_handler.default(request, exception)

    app.error_handler.add(RouteNotFound, on_not_found)
