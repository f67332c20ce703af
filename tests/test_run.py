"""``make run`` as a new user meets it: embedded servers, three processes, clean stop, data kept."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import pytest

from tests.support.servers import ROOT, free_port

pytestmark = pytest.mark.slow


def _start(var_dir: Path, port: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update({"VAR_DIR": str(var_dir), "PORT": str(port), "LOG_LEVEL": "WARNING"})
    return subprocess.Popen(
        [sys.executable, "-m", "runcoach.run"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _wait_ready(proc: subprocess.Popen[bytes], base: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else ""
        try:
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise AssertionError("the service did not become ready")


def _stop(proc: subprocess.Popen[bytes]) -> str:
    descendants = psutil.Process(proc.pid).children(recursive=True)
    names = " ".join(" ".join(p.cmdline()) for p in descendants)
    assert "sanic" in names and "dramatiq" in names and "periodiq" in names
    assert "redis-server" in names
    proc.send_signal(signal.SIGTERM)
    out, _ = proc.communicate(timeout=90)
    assert proc.returncode == 0, out.decode()
    _, alive = psutil.wait_procs(descendants, timeout=10)
    assert not alive, f"orphans left: {[p.pid for p in alive]}"
    return out.decode()


def test_make_run_twice_keeps_data(tmp_path: Path) -> None:
    var_dir = tmp_path / "var"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = _start(var_dir, port)
    try:
        _wait_ready(proc, base)
        r = httpx.post(
            f"{base}/api/v1/auth/register",
            json={"email": "first@example.com", "password": "a long password", "name": "First"},
        )
        assert r.status_code == 201, r.text
        token = r.json()["access_token"]
        w = httpx.post(
            f"{base}/api/v1/workouts",
            headers={"Authorization": f"Bearer {token}"},
            json={
                "sport": "run",
                "started_at": "2026-01-01T08:00:00Z",
                "duration_s": 2400,
                "distance_m": 8000,
            },
        )
        assert w.status_code == 201
        out = _stop(proc)
        assert "embedded PostgreSQL stopped" in out
    finally:
        if proc.poll() is None:
            proc.kill()

    pg_procs = [
        p
        for p in psutil.process_iter(["cmdline"])
        if str(var_dir) in " ".join(p.info["cmdline"] or [])
    ]
    assert not pg_procs, "the embedded servers must stop with make run"

    proc = _start(var_dir, port)
    try:
        _wait_ready(proc, base)
        r = httpx.post(
            f"{base}/api/v1/auth/login",
            json={"email": "first@example.com", "password": "a long password"},
        )
        assert r.status_code == 200
        token = r.json()["access_token"]
        items = httpx.get(
            f"{base}/api/v1/workouts", headers={"Authorization": f"Bearer {token}"}
        ).json()["items"]
        assert [i["distance_m"] for i in items] == [8000]
        _stop(proc)
    finally:
        if proc.poll() is None:
            proc.kill()
