"""Soak: mixed HTTP and websocket load for a while; resources must stay flat.

Run: ``.venv/bin/python bench/soak.py [--duration 600]`` (also ``make bench-soak``).
See bench/README.md.

A ``make run``-like system (``bench.stack.Stack``: PostgreSQL, Redis, migrations and
the web process; plus here the worker and the clock, as the Procfile runs them) gets,
for ``--duration`` seconds, several athletes reading and writing over HTTP (workouts
listed, logged and deleted, dashboard, notifications, profile changes, health metrics,
now and then a plan, built by the worker, whose notification reaches the live sockets),
``/ws/events`` sockets opened and closed, and ``/ws/coach`` answers streamed (the
offline coach). Every ~10 s it samples the RSS and open file descriptors of the web and
worker processes (with their children), PostgreSQL's client backends and Redis's
connected clients. It prints the first, last and largest of each, the counts, and exits
1 on any error or when a figure grew (last against first, after the warm-up) beyond its
threshold.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.seed import register
from bench.stack import (
    RESULTS_DIR,
    ROOT,
    BenchError,
    Stack,
    process_tree,
    say,
    spawn,
    stop_process,
    terminate_as_interrupt,
)

SAMPLE_EVERY_S = 10.0
FRAME_TIMEOUT_S = 30.0
_STARTS = itertools.count()
QUESTIONS = ("How is my training going?", "Am I ready for a harder week?", "What should I run?")


@dataclass
class Tally:
    requests: int = 0
    event_sockets: int = 0
    coach_answers: int = 0
    plans: int = 0
    errors: int = 0
    examples: list[str] = field(default_factory=list)

    def error(self, what: str) -> None:
        self.errors += 1
        if len(self.examples) < 10:
            self.examples.append(what)


@dataclass
class Sample:
    at_s: float
    web_rss: int
    worker_rss: int
    web_fds: int
    worker_fds: int
    pg_backends: int
    redis_clients: int


# --------------------------------------------------------------------------------------
# The processes beside the web one: worker and clock, as the Procfile runs them


class Jobs:
    """The worker (``dramatiq actors``) and the clock (``periodiq actors``) of the stack."""

    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.procs: dict[str, Any] = {}
        self._logs: list[Any] = []

    def start(self) -> None:
        bin_dir = Path(sys.executable).parent
        commands = {
            "worker": [sys.executable, "-m", "dramatiq", "actors", "--processes", "1",
                       "--threads", "8"],
            "clock": [str(bin_dir / "periodiq"), "actors"],
        }  # fmt: skip
        for name, argv in commands.items():
            log = (self.stack.work_dir / f"{name}.log").open("wb")
            self._logs.append(log)
            self.procs[name] = spawn(argv, env=self.stack.env(), log=log)
            say(f"{name}: {' '.join(argv[1:])} (pid {self.procs[name].pid})")

    def check(self) -> None:
        for name, proc in self.procs.items():
            if proc.poll() is not None:
                tail = (self.stack.work_dir / f"{name}.log").read_text(errors="replace")[-2000:]
                raise BenchError(f"the {name} exited with {proc.returncode}\n{tail}")

    def stop(self) -> None:
        for name in ("clock", "worker"):
            proc = self.procs.pop(name, None)
            if proc is not None:
                stop_process(proc, timeout=30, name=name)
        for log in self._logs:
            log.close()
        self._logs.clear()


# --------------------------------------------------------------------------------------
# Sampling


def _tree_rss_fds(root: int | None) -> tuple[int, int]:
    rss = fds = 0
    if root is None:
        return 0, 0
    for pid in process_tree(root):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss += int(line.split()[1]) * 1024
        with contextlib.suppress(OSError):
            fds += len(os.listdir(f"/proc/{pid}/fd"))
    return rss, fds


async def sample(stack: Stack, jobs: Jobs, pg: Any, redis: Any, started: float) -> Sample:
    web_rss, web_fds = _tree_rss_fds(stack.web.pid if stack.web else None)
    worker = jobs.procs.get("worker")
    worker_rss, worker_fds = _tree_rss_fds(worker.pid if worker else None)
    # the sampler's own connections are left out of both counts
    backends = await pg.fetchval(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
    )
    clients = int((await redis.info("clients"))["connected_clients"]) - 1
    return Sample(
        at_s=round(time.monotonic() - started, 1),
        web_rss=web_rss,
        worker_rss=worker_rss,
        web_fds=web_fds,
        worker_fds=worker_fds,
        pg_backends=int(backends),
        redis_clients=clients,
    )


# --------------------------------------------------------------------------------------
# Load


@dataclass
class Athlete:
    token: str
    user_id: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


async def _http_user(
    base: str, athletes: list[Athlete], tally: Tally, end: float, seed: int, plan_every_s: float
) -> None:
    import httpx

    rng = random.Random(seed)
    last_plan = time.monotonic() - rng.uniform(0, plan_every_s)
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:

        async def call(method: str, path: str, ok: tuple[int, ...], **kw: Any) -> Any:
            tally.requests += 1
            try:
                r = await client.request(method, path, **kw)
            except httpx.HTTPError as exc:
                tally.error(f"{method} {path}: {type(exc).__name__}: {exc}")
                return None
            if r.status_code not in ok:
                tally.error(f"{method} {path}: {r.status_code} {r.text[:200]}")
                return None
            return r

        while time.monotonic() < end:
            athlete = rng.choice(athletes)
            h = athlete.headers
            roll = rng.random()
            if time.monotonic() - last_plan > plan_every_s:
                last_plan = time.monotonic()
                race = (date.today() + timedelta(days=rng.randint(60, 120))).isoformat()
                body = {"goal": "10k", "race_date": race, "days_per_week": 4}
                if await call("POST", "/api/v1/plans", (202,), json=body, headers=h):
                    tally.plans += 1
            elif roll < 0.30:
                await call("GET", "/api/v1/workouts?limit=20", (200,), headers=h)
            elif roll < 0.45:
                await call("GET", "/api/v1/dashboard/summary", (200,), headers=h)
            elif roll < 0.55:
                await call("GET", "/api/v1/notifications/unread-count", (200,), headers=h)
            elif roll < 0.62:
                await call("GET", "/api/v1/notifications?limit=20", (200,), headers=h)
            elif roll < 0.70:
                await call("GET", "/api/v1/me", (200,), headers=h)
            elif roll < 0.85:  # a workout logged, then deleted: the data stays the same size
                # a start time no other request uses (two at the same second conflict)
                started_at = datetime.now(UTC) - timedelta(days=1, seconds=7 * next(_STARTS))
                body = {
                    "sport": "run",
                    "started_at": started_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "duration_s": rng.randint(1200, 5400),
                    "distance_m": rng.randint(3000, 15000),
                }
                r = await call("POST", "/api/v1/workouts", (201,), json=body, headers=h)
                if r is not None:
                    wid = r.json()["id"]
                    await call("DELETE", f"/api/v1/workouts/{wid}", (204,), headers=h)
            elif roll < 0.93:
                day = (date.today() - timedelta(days=rng.randint(0, 29))).isoformat()
                body = {"date": day, "resting_hr": rng.randint(40, 60)}
                await call("POST", "/api/v1/health-metrics", (200, 201), json=body, headers=h)
            else:
                body = {"max_hr": rng.randint(180, 195)}
                await call("PATCH", "/api/v1/me", (200,), json=body, headers=h)
            await asyncio.sleep(rng.uniform(0.0, 0.05))


async def _events_sockets(
    port: int, athletes: list[Athlete], tally: Tally, end: float, seed: int
) -> None:
    from websockets.asyncio.client import connect

    rng = random.Random(seed)
    while time.monotonic() < end:
        athlete = rng.choice(athletes)
        try:
            async with connect(
                f"ws://127.0.0.1:{port}/ws/events",
                additional_headers=athlete.headers,
                open_timeout=FRAME_TIMEOUT_S,
                close_timeout=2,
            ) as ws:
                first = json.loads(await asyncio.wait_for(ws.recv(), FRAME_TIMEOUT_S))
                if first.get("type") != "unread_count":
                    tally.error(f"/ws/events first frame {first}")
                hold = time.monotonic() + rng.uniform(2, 10)
                while (left := hold - time.monotonic()) > 0:  # frames as they come
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(ws.recv(), left)
            tally.event_sockets += 1
        except Exception as exc:
            tally.error(f"/ws/events: {type(exc).__name__}: {exc}")
        await asyncio.sleep(rng.uniform(0.5, 2))


async def _coach(port: int, athletes: list[Athlete], tally: Tally, end: float, seed: int) -> None:
    from websockets.asyncio.client import connect

    rng = random.Random(seed)
    while time.monotonic() < end:
        athlete = rng.choice(athletes)
        try:
            async with connect(
                f"ws://127.0.0.1:{port}/ws/coach",
                additional_headers=athlete.headers,
                open_timeout=FRAME_TIMEOUT_S,
                close_timeout=2,
            ) as ws:
                ready = json.loads(await asyncio.wait_for(ws.recv(), FRAME_TIMEOUT_S))
                if ready.get("type") != "ready":
                    tally.error(f"/ws/coach first frame {ready}")
                    continue
                await ws.send(json.dumps({"type": "message", "text": rng.choice(QUESTIONS)}))
                while True:
                    frame = json.loads(await asyncio.wait_for(ws.recv(), FRAME_TIMEOUT_S))
                    if frame["type"] == "done":
                        tally.coach_answers += 1
                        break
                    if frame["type"] == "error":
                        tally.error(f"/ws/coach error frame {frame}")
                        break
        except Exception as exc:
            tally.error(f"/ws/coach: {type(exc).__name__}: {exc}")
        await asyncio.sleep(rng.uniform(1, 3))


async def _sampler(
    stack: Stack, jobs: Jobs, samples: list[Sample], end: float, started: float
) -> None:
    import asyncpg
    import redis.asyncio as aioredis

    from tests.support.servers import asyncpg_dsn

    pg = await asyncpg.connect(asyncpg_dsn(stack.database_url), timeout=10)
    redis = aioredis.Redis.from_url(stack.redis_url)
    try:
        while True:
            jobs.check()
            s = await sample(stack, jobs, pg, redis, started)
            samples.append(s)
            say(
                f"t={s.at_s:>5.0f}s rss web {s.web_rss / 2**20:.1f} MiB worker "
                f"{s.worker_rss / 2**20:.1f} MiB, fds {s.web_fds}+{s.worker_fds}, "
                f"pg backends {s.pg_backends}, redis clients {s.redis_clients}"
            )
            if time.monotonic() >= end:
                return
            await asyncio.sleep(min(SAMPLE_EVERY_S, max(0.0, end - time.monotonic())))
    finally:
        await pg.close()
        await redis.aclose()


async def drive(stack: Stack, jobs: Jobs, args: argparse.Namespace) -> tuple[Tally, list[Sample]]:
    athletes = []
    for i in range(args.users):
        token, user_id = await asyncio.to_thread(register, stack.port, f"soak{i}")
        athletes.append(Athlete(token, user_id))
    base = f"http://127.0.0.1:{stack.port}"
    tally = Tally()
    samples: list[Sample] = []
    started = time.monotonic()
    end = started + args.duration
    tasks = [
        *(
            _http_user(base, athletes, tally, end, seed=i, plan_every_s=args.plan_every)
            for i in range(args.http_clients)
        ),
        *(_events_sockets(stack.port, athletes, tally, end, 100 + i) for i in range(3)),
        *(_coach(stack.port, athletes, tally, end, 200 + i) for i in range(2)),
        _sampler(stack, jobs, samples, end, started),
    ]
    await asyncio.gather(*tasks)
    return tally, samples


# --------------------------------------------------------------------------------------
# Report


FIGURES = {  # figure -> (label, how to show it, argument with its growth threshold)
    "web_rss": ("web RSS", lambda v: f"{v / 2**20:.1f} MiB", "max_rss_growth"),
    "worker_rss": ("worker RSS", lambda v: f"{v / 2**20:.1f} MiB", "max_rss_growth"),
    "web_fds": ("web open fds", str, "max_fd_growth"),
    "worker_fds": ("worker open fds", str, "max_fd_growth"),
    "pg_backends": ("PostgreSQL backends", str, "max_pg_growth"),
    "redis_clients": ("Redis clients", str, "max_redis_growth"),
}


def judge(samples: list[Sample], args: argparse.Namespace) -> tuple[list[str], dict[str, Any]]:
    """The growth of each figure (last against the first sample after the warm-up)."""
    steady = [s for s in samples if s.at_s >= args.warmup] or samples
    first, last = steady[0], steady[-1]
    failures: list[str] = []
    figures: dict[str, Any] = {}
    for name, (label, show, threshold_arg) in FIGURES.items():
        a, b = getattr(first, name), getattr(last, name)
        peak = max(getattr(s, name) for s in steady)
        limit = getattr(args, threshold_arg)
        if threshold_arg == "max_rss_growth":
            limit = limit * 2**20
        grew = b - a
        figures[name] = {"first": a, "last": b, "max": peak, "growth": grew, "limit": limit}
        say(f"  {label:<20} first {show(a):>10}  last {show(b):>10}  max {show(peak):>10}")
        if grew > limit:
            failures.append(f"{label} grew by {show(grew)} (limit {show(limit)})")
    return failures, figures


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--duration", type=float, default=600.0, help="seconds of load (600)")
    p.add_argument("--users", type=int, default=6, help="athletes (6)")
    p.add_argument("--http-clients", type=int, default=8, help="HTTP clients (8)")
    p.add_argument("--plan-every", type=float, default=45.0, help="s between plans, per client")
    p.add_argument("--warmup", type=float, default=30.0, help="s before the first sample judged")
    p.add_argument("--max-rss-growth", type=float, default=32.0, help="MiB per process (32)")
    p.add_argument("--max-fd-growth", type=int, default=20, help="open fds per process (20)")
    p.add_argument("--max-pg-growth", type=int, default=5, help="PostgreSQL backends (5)")
    p.add_argument("--max-redis-growth", type=int, default=8, help="Redis clients (8)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    stack = Stack(
        work_dir=ROOT / "var" / f"bench-soak-{os.getpid()}",
        external_db=os.environ.get("DATABASE_URL"),
        external_redis=os.environ.get("REDIS_URL"),
    )
    jobs = Jobs(stack)
    try:
        with terminate_as_interrupt():
            stack.start()
            jobs.start()
            say(f"soak: {args.duration:.0f} s of mixed load against 127.0.0.1:{stack.port}")
            tally, samples = asyncio.run(drive(stack, jobs, args))
            jobs.check()
    except BenchError as exc:
        say(f"failed: {exc}")
        return 1
    except KeyboardInterrupt:
        say("interrupted")
        return 130
    finally:
        jobs.stop()
        stack.close()
    say(
        f"{args.duration:.0f} s: {tally.requests:,} HTTP requests, {tally.event_sockets} "
        f"event sockets, {tally.coach_answers} coach answers, {tally.plans} plans, "
        f"{tally.errors} errors"
    )
    for example in tally.examples:
        say(f"  error: {example}")
    failures, figures = judge(samples, args)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"soak-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    report = {
        "duration_s": args.duration,
        "requests": tally.requests,
        "event_sockets": tally.event_sockets,
        "coach_answers": tally.coach_answers,
        "plans": tally.plans,
        "errors": tally.errors,
        "error_examples": tally.examples,
        "figures": figures,
        "samples": [s.__dict__ for s in samples],
    }
    out.write_text(json.dumps(report, indent=2))
    say(f"written {out.relative_to(ROOT)}")
    if tally.errors:
        failures.append(f"{tally.errors} errors")
    for failure in failures:
        say(f"FAIL: {failure}")
    if not failures:
        say("flat: no errors, no growth beyond the thresholds")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
