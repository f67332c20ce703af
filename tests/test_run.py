"""``make run`` as a new user meets it: embedded servers, three processes, clean stop, data kept,
and nothing left behind however the supervisor ends."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
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


# --- nothing outlives the supervisor ----------------------------------------------------------


DRAMATIQ = "-m dramatiq actors"  # the worker's command line (its forked workers keep it)
SIGNALS = [signal.SIGKILL, signal.SIGTERM, signal.SIGINT]


def _stat(pid: int) -> tuple[str, int, int] | None:
    """(state, ppid, start time) of a process from /proc, None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rpartition(b")")[2].split()
    except OSError:
        return None
    return fields[0].decode(), int(fields[1]), int(fields[19])


def _tree(root: int) -> dict[int, int]:
    """Every descendant of ``root`` (pid -> start time), read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (stat := _stat(int(entry))) is not None:
            children.setdefault(stat[1], []).append(int(entry))
    found: dict[int, int] = {}
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), []):
            stat = _stat(child)
            if stat is not None and child not in found:
                found[child] = stat[2]
                todo.append(child)
    return found


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _survivors(processes: dict[int, int]) -> dict[int, str]:
    """Those of ``processes`` still running (the same process: same start time; not a zombie)."""
    left = {}
    for pid, started in processes.items():
        stat = _stat(pid)
        if stat is not None and stat[2] == started and stat[0] != "Z":
            left[pid] = _cmdline(pid)
    return left


@contextlib.contextmanager
def _recorded_run(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], dict[int, int]]]:
    """A ready ``make run`` and every process it runs (pid -> start time), read from /proc
    before anything is killed; whatever survives the block is SIGKILLed."""
    var_dir = tmp_path / "var"
    port = free_port()
    proc = _start(var_dir, port)
    processes: dict[int, int] = {}
    try:
        _wait_ready(proc, f"http://127.0.0.1:{port}")
        deadline = time.monotonic() + 30
        while True:  # until the dramatiq master has forked its worker process
            processes.update(_tree(proc.pid))
            names = [_cmdline(pid) for pid in processes]
            if sum(DRAMATIQ in n for n in names) >= 2 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        # pg_ctl detached the postmaster: it and its backends are not the supervisor's
        postmaster = int((var_dir / "pg" / "postmaster.pid").read_text().split()[0])
        processes[postmaster] = _stat(postmaster)[2]  # type: ignore[index]
        processes.update(_tree(postmaster))
        names = [_cmdline(pid) for pid in processes]
        assert sum(DRAMATIQ in n for n in names) >= 2, names  # the master and its worker
        for name in ("sanic", "periodiq", "redis-server", "runcoach.reaper", "postgres"):
            assert any(name in n for n in names), (name, names)
        yield proc, processes
    finally:
        if proc.poll() is None:
            proc.kill()
        for pid in _survivors(processes):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if proc.stdout is not None:
            proc.stdout.close()


def _wait_for_no_survivors(processes: dict[int, int], what: str) -> None:
    deadline = time.monotonic() + 60  # the reaper's grace period, and then some
    while (left := _survivors(processes)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert left == {}, f"survivors after {what}: {left}"


@pytest.mark.parametrize("sig", SIGNALS, ids=[s.name for s in SIGNALS])
def test_nothing_survives_the_supervisor(tmp_path: Path, sig: signal.Signals) -> None:
    with _recorded_run(tmp_path) as (proc, processes):
        proc.send_signal(sig)
        if sig == signal.SIGKILL:  # the orphans may hold its output pipe open a while
            assert proc.wait(timeout=10) == -signal.SIGKILL
        else:
            out, _ = proc.communicate(timeout=90)
            assert proc.returncode == 0, out.decode()
        _wait_for_no_survivors(processes, sig.name)


def test_a_killed_dramatiq_master_takes_its_workers_along(tmp_path: Path) -> None:
    with _recorded_run(tmp_path) as (proc, processes):
        (master,) = [
            child.pid
            for child in psutil.Process(proc.pid).children()
            if DRAMATIQ in " ".join(child.cmdline())
        ]
        os.kill(master, signal.SIGKILL)
        out, _ = proc.communicate(timeout=90)  # the supervisor stops everything, and says why
        assert proc.returncode == 1
        assert "worker exited with -9; stopping everything" in out.decode()
        _wait_for_no_survivors(processes, "the dramatiq master's SIGKILL")
