"""The web export served at / (runcoach.webapp): files, caching, compression, the SPA
fallback, the service's own 404s, traversal, the page shown without a build, HEAD."""

from __future__ import annotations

import asyncio
import gzip
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from runcoach import webapp
from tests.support.problems import problem

INDEX = b'<!doctype html><html><head><title>RunCoach</title></head><body><div id="root"></div>'
INDEX += b'<script src="/_expo/static/js/web/entry-0123abcd.js" defer></script></body></html>'
BUNDLE = b"console.log('runcoach');\n" * 200
BUNDLE_PATH = "/_expo/static/js/web/entry-0123abcd.js"


def make_export(root: Path) -> Path:
    """A small export as ``expo export --platform web`` (output single) writes it, with the
    ``.gz`` twins ``make client`` adds."""
    (root / "_expo/static/js/web").mkdir(parents=True)
    (root / "_expo/static/css").mkdir(parents=True)
    (root / "assets").mkdir()
    (root / "index.html").write_bytes(INDEX)
    (root / BUNDLE_PATH.lstrip("/")).write_bytes(BUNDLE)
    (root / (BUNDLE_PATH.lstrip("/") + ".gz")).write_bytes(gzip.compress(BUNDLE))
    (root / "_expo/static/css/app-77.css").write_bytes(b"body{margin:0}")
    (root / "favicon.ico").write_bytes(b"\x00\x00\x01\x00")
    (root / "assets/logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "assets/font.ttf").write_bytes(b"\x00\x01\x00\x00")
    (root / "metadata.json").write_bytes(b"{}")
    (root / ".source-hash").write_text("abc\n")
    return root


@pytest.fixture
def export_root(sanic_app: Any, tmp_path: Path) -> Iterator[Path]:
    """The app serves ``tmp_path/dist`` for the test (built by the test, or not at all)."""
    export = sanic_app.ctx.web_export
    saved = export.root
    export.root = tmp_path / "dist"
    try:
        yield export.root
    finally:
        export.root = saved


@pytest.fixture
def built(export_root: Path) -> Path:
    export_root.mkdir()
    return make_export(export_root)


async def raw_get(base: str, target: str, method: str = "GET") -> tuple[int, bytes]:
    """Send ``target`` exactly as written (httpx would normalise dot segments)."""
    url = urlsplit(base)
    reader, writer = await asyncio.open_connection(url.hostname, url.port)
    writer.write(f"{method} {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    data = await reader.read()
    writer.close()
    await writer.wait_closed()
    status = int(data.split(b" ", 2)[1])
    return status, data.partition(b"\r\n\r\n")[2]


# --- files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/", "text/html; charset=utf-8"),
        ("/index.html", "text/html; charset=utf-8"),
        (BUNDLE_PATH, "text/javascript; charset=utf-8"),
        ("/_expo/static/css/app-77.css", "text/css; charset=utf-8"),
        ("/favicon.ico", "image/x-icon"),
        ("/assets/logo.png", "image/png"),
        ("/assets/font.ttf", "font/ttf"),
        ("/metadata.json", "application/json"),
    ],
)
async def test_files_are_served_with_their_content_type(
    client: httpx.AsyncClient, built: Path, path: str, content_type: str
) -> None:
    r = await client.get(path, headers={"Accept-Encoding": "identity"})
    assert r.status_code == 200
    assert r.headers["content-type"] == content_type
    assert r.headers["x-content-type-options"] == "nosniff"
    name = "index.html" if path == "/" else path.lstrip("/")
    assert r.content == (built / name).read_bytes()


async def test_hashed_bundles_are_immutable_and_the_rest_revalidated(
    client: httpx.AsyncClient, built: Path
) -> None:
    bundle = await client.get(BUNDLE_PATH)
    assert bundle.headers["cache-control"] == "public, max-age=31536000, immutable"
    for path in ("/", "/index.html", "/favicon.ico", "/dashboard"):
        r = await client.get(path)
        assert r.headers["cache-control"] == "no-cache", path


async def test_index_has_an_etag_and_answers_304(client: httpx.AsyncClient, built: Path) -> None:
    first = await client.get("/plans/abc")
    etag = first.headers["etag"]
    again = await client.get("/", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    os.utime(built / "index.html", ns=(1, 1))  # a new build: a new tag
    changed = await client.get("/", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["etag"] != etag


async def test_html_carries_the_security_headers(client: httpx.AsyncClient, built: Path) -> None:
    r = await client.get("/settings/notifications")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    csp = r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self';" in csp  # no inline or eval'd script
    assert r.headers["x-frame-options"] == "DENY"


# --- compression ----------------------------------------------------------------------


async def test_gzip_twin_is_sent_when_accepted(client: httpx.AsyncClient, built: Path) -> None:
    async with client.stream("GET", BUNDLE_PATH, headers={"Accept-Encoding": "gzip, br"}) as r:
        raw = b"".join([chunk async for chunk in r.aiter_raw()])
    assert r.headers["content-encoding"] == "gzip"
    assert r.headers["vary"] == "Accept-Encoding"
    assert r.headers["content-type"] == "text/javascript; charset=utf-8"
    assert gzip.decompress(raw) == BUNDLE
    assert len(raw) < len(BUNDLE)


@pytest.mark.parametrize("accept", ["identity", "gzip;q=0", "deflate", ""])
async def test_no_gzip_unless_accepted(client: httpx.AsyncClient, built: Path, accept: str) -> None:
    async with client.stream("GET", BUNDLE_PATH, headers={"Accept-Encoding": accept}) as r:
        raw = b"".join([chunk async for chunk in r.aiter_raw()])
    assert "content-encoding" not in r.headers
    assert r.headers["vary"] == "Accept-Encoding"
    assert raw == BUNDLE


def test_accept_encoding_is_parsed_with_its_weights() -> None:
    assert webapp.accepted("gzip, deflate, br;q=1.0") == {"gzip", "deflate", "br"}
    assert webapp.accepted("br;q=0, gzip;q=0.5") == {"gzip"}
    assert webapp.accepted("*") >= {"gzip", "br"}
    assert webapp.accepted("gzip;q=x") == set()


# --- the SPA fallback and the service's own paths --------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/dashboard",
        "/dashboard/notifications",
        "/plans/abc",
        "/analysis/0b7c1a34-52c5-4d1e-9b3a-1f2e3d4c5b6a",
        "/settings/notifications",
        "/settings/billing",
        "/workouts/123?tab=laps",
        "/login",
    ],
)
async def test_app_routes_fall_back_to_index(
    client: httpx.AsyncClient, built: Path, path: str
) -> None:
    r = await client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert r.content == INDEX


@pytest.mark.parametrize(
    "path", ["/api/v1/nope", "/api/v1/workouts/x/y/z", "/api", "/docs/nope", "/ws/nope"]
)
async def test_unknown_service_paths_stay_problem_404s(
    client: httpx.AsyncClient, built: Path, path: str
) -> None:
    problem(await client.get(path), 404, "not_found")


@pytest.mark.parametrize("path", ["/missing.js", "/_expo/static/js/web/entry-gone.js", "/a.png"])
async def test_missing_files_are_404s_not_the_app(
    client: httpx.AsyncClient, built: Path, path: str
) -> None:
    problem(await client.get(path), 404, "not_found")


async def test_the_service_routes_keep_their_answers(
    client: httpx.AsyncClient, built: Path
) -> None:
    assert (await client.get("/healthz")).json()["status"] == "ok"
    doc = await client.get("/docs/openapi.json")
    assert doc.status_code == 200
    paths = doc.json()["paths"]
    assert "/" not in paths
    assert not any("_expo" in path or "{path" in path for path in paths)
    assert (await client.get("/openapi.json")).status_code == 308
    problem(await client.get("/api/v1/workouts"), 401, "unauthorized")


async def test_other_methods_do_not_fall_back(client: httpx.AsyncClient, built: Path) -> None:
    problem(await client.post("/plans/abc", json={}), 404, "not_found")
    problem(await client.delete("/"), 404, "not_found")


async def test_head_answers_headers_only(client: httpx.AsyncClient, built: Path) -> None:
    for path in ("/", BUNDLE_PATH, "/dashboard/notifications"):
        r = await client.head(path, headers={"Accept-Encoding": "identity"})
        assert r.status_code == 200, path
        assert r.content == b""
        size = len(BUNDLE) if path == BUNDLE_PATH else len(INDEX)
        assert r.headers["content-length"] == str(size)
    missing = await client.head("/missing.js")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"


# --- traversal -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "/../../../../etc/passwd",
        "/..%2f..%2f..%2fetc%2fpasswd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/_expo/..%2f..%2f..%2f..%2fetc/passwd",
        "/..%252f..%252fetc%252fpasswd",
        "/.%2e/.%2e/etc/passwd",
        "/..\\..\\etc\\passwd",
        "/%00/etc/passwd",
        "//etc/passwd",
        "/.source-hash",
        "/_expo/.hidden",
    ],
)
async def test_traversal_never_leaves_the_export(app_server: str, built: Path, target: str) -> None:
    (built.parent / "secret.txt").write_text("outside the export")
    (built / "_expo" / ".hidden").write_text("a hidden file")
    status, body = await raw_get(app_server, target)
    assert b"root:" not in body
    assert b"outside the export" not in body
    assert b"a hidden file" not in body
    assert b"abc\n" not in body
    assert status in {200, 400, 404}
    if status == 200:  # a path the app's router may take: its page, nothing else
        assert body == INDEX


async def test_symlinks_out_of_the_export_are_not_followed(
    client: httpx.AsyncClient, built: Path
) -> None:
    outside = built.parent / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("outside the export")
    (built / "leak.txt").symlink_to(outside / "secret.txt")
    (built / "assets" / "linked").symlink_to(outside, target_is_directory=True)
    problem(await client.get("/leak.txt"), 404, "not_found")
    problem(await client.get("/assets/linked/secret.txt"), 404, "not_found")
    inside = await client.get("/assets/linked")
    assert inside.content == INDEX


async def test_a_symlinked_export_is_served(
    client: httpx.AsyncClient, export_root: Path, tmp_path: Path
) -> None:
    real = make_export(tmp_path / "build-1")
    os.symlink(real, export_root, target_is_directory=True)
    r = await client.get(BUNDLE_PATH, headers={"Accept-Encoding": "identity"})
    assert r.content == BUNDLE


def test_safe_relative() -> None:
    assert webapp.safe_relative("/_expo/static/js/a.js") == "_expo/static/js/a.js"
    assert webapp.safe_relative("/") == ""
    assert webapp.safe_relative("/a%20b.png") == "a b.png"
    for bad in ("/../x", "/%2e%2e/x", "/a/%2E%2E/b", "/.env", "/a\\b", "/%00", "/%252e"):
        assert webapp.safe_relative(bad) is None, bad


# --- no build --------------------------------------------------------------------------


async def test_without_a_build_the_app_paths_say_how_to_get_it(
    client: httpx.AsyncClient, export_root: Path
) -> None:
    for path in ("/", "/dashboard", "/plans/abc"):
        r = await client.get(path)
        assert r.status_code == 503, path
        assert r.headers["content-type"] == "text/html; charset=utf-8"
        assert r.headers["cache-control"] == "no-store"
        assert "Node.js 20" in r.text
        assert "nodejs.org" in r.text
        assert "make run" in r.text
    head = await client.head("/")
    assert head.status_code == 503
    assert head.content == b""
    problem(await client.get("/missing.js"), 404, "not_found")
    problem(await client.get("/api/v1/nope"), 404, "not_found")
    assert (await client.get("/healthz")).status_code == 200


async def test_an_export_without_index_is_not_built(
    client: httpx.AsyncClient, export_root: Path
) -> None:
    (export_root / "_expo").mkdir(parents=True)
    assert (await client.get("/")).status_code == 503
