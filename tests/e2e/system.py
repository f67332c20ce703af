"""A real ``make run`` for the browser tests and the client bench: ``runcoach.run`` (embedded
PostgreSQL and Redis, web, worker, clock) on a free port with its own ``VAR_DIR``, serving
the web export; and Debian's chromium, headless, through Playwright (no browser download).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from tests.support.servers import ROOT, free_port

DIST = ROOT / "client" / "dist"
READY_TIMEOUT_S = 120
# the offline coach streams a word every 40-60 ms: slow enough to watch the answer grow
SYSTEM_ENV = {
    "LOG_LEVEL": "WARNING",
    "OFFLINE_COACH_DELAY_MS": "40-60",
    "WEB_CONCURRENCY": "1",
    "WORKER_PROCESSES": "1",
}


@dataclass
class System:
    """``make run``, started for the tests."""

    url: str
    proc: subprocess.Popen[bytes]
    log: Path
    var_dir: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-6000:]


@contextlib.contextmanager
def fresh_var_dir() -> Iterator[Path]:
    """A new, empty ``var/e2e-*`` folder, removed afterwards. Not under pytest's tmp dir:
    that is private to root (0700), and the embedded PostgreSQL runs as its own user."""
    (ROOT / "var").mkdir(exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix="e2e-", dir=ROOT / "var"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def make_run(var_dir: Path, *, dist: Path = DIST, **env: str) -> Iterator[System]:
    """``python -m runcoach.run`` as ``make run`` starts it, on embedded servers under
    ``var_dir``; stopped (SIGTERM, as Ctrl-C) afterwards."""
    if not (dist / "index.html").is_file():
        raise RuntimeError(f"no web export in {dist}: `make client` builds it (make e2e does)")
    port = free_port()
    var_dir.mkdir(parents=True, exist_ok=True)
    log = var_dir / "make-run.log"
    environ = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    environ.update(SYSTEM_ENV)
    environ.update({"VAR_DIR": str(var_dir), "PORT": str(port), "PYTHONUNBUFFERED": "1"})
    environ.update({"APP_URL": f"http://127.0.0.1:{port}", "CLIENT_DIST": str(dist), **env})
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "runcoach.run"],
            cwd=ROOT,
            env=environ,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    system = System(f"http://127.0.0.1:{port}", proc, log, var_dir)
    try:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"make run exited:\n{system.output()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{system.url}/readyz", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"make run was not ready in {READY_TIMEOUT_S}s:\n{system.output()}"
                )
            time.sleep(0.3)
        yield system
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=90)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        raise RuntimeError("the browser tests need Debian's chromium: apt-get install -y chromium")
    return path


def launch(playwright: Any) -> Any:
    """Debian's chromium, headless (as root it needs --no-sandbox); no browser download."""
    return playwright.chromium.launch(
        executable_path=chromium_path(),
        headless=True,
        args=["--no-sandbox", "--disable-dev-shm-usage"],
    )
