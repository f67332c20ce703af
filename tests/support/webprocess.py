"""Another web process on the run's PostgreSQL and Redis: what "in every process" is tested
against. ``WebProcess`` starts ``sanic runcoach.app:create_app`` (one worker, its own
settings on top of the run's) and waits for ``/healthz``."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from tests.support.servers import ROOT, free_port


@dataclass
class WebProcess:
    url: str
    proc: subprocess.Popen[bytes]
    log: str

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def output(self) -> str:
        with open(self.log, errors="replace") as f:
            return f.read()[-4000:]


@contextlib.contextmanager
def web_process(**env: str) -> Iterator[WebProcess]:
    """A web process with the run's environment and ``env`` on top; stopped afterwards."""
    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="rc-web-", suffix=".log", delete=False)  # noqa: SIM115
    argv = [sys.executable, "-m", "sanic", "runcoach.app:create_app", "--factory", "--host",
            "127.0.0.1", "--port", str(port), "--single-process", "--no-motd"]  # fmt: skip
    proc = subprocess.Popen(
        argv,
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **env},
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    web = WebProcess(f"http://127.0.0.1:{port}", proc, log.name)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the web process exited:\n{web.output()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{web.url}/healthz", timeout=1).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"the web process did not start:\n{web.output()}")
            time.sleep(0.2)
        yield web
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.close()
        os.unlink(log.name)


SECOND_WEB_ENV = {
    "ACCESS_TOKEN_TTL": "4",  # its own tokens expire within a test
    "WS_PING_INTERVAL": "1",
    "WS_PING_TIMEOUT": "1",
    "WS_MAX_SOCKETS_PER_USER": "3",
    "WS_MESSAGE_RATE": "5/2s",
    "WS_ALLOWED_ORIGINS": "https://app.example",
}
"""The second web process's own settings (the tests of expiry, pings and socket limits)."""


@pytest.fixture(scope="session")
def second_web(app_server: str) -> Iterator[WebProcess]:
    """A second web process on the same database and Redis, with ``SECOND_WEB_ENV``."""
    with web_process(**SECOND_WEB_ENV) as web:
        yield web


@pytest.fixture(scope="session")
def redisless_web(app_server: str) -> Iterator[WebProcess]:
    """A web process on the same database whose Redis is down (a closed port)."""
    with web_process(REDIS_URL=f"redis://127.0.0.1:{free_port()}/0") as web:
        yield web
