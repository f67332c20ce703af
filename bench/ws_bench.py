"""Websocket benchmark: N concurrent ``/ws/coach`` sessions against a bare Sanic handler.

Run: ``.venv/bin/python bench/ws_bench.py [--sessions 100,1000] [--duration 10] [--quick]``.
See bench/README.md ("ws_bench.py") for what it measures and how to read it.

1. Set-up: ``bench.http_bench.Stack`` (embedded PostgreSQL/Redis, or DATABASE_URL /
   REDIS_URL), migrations; max(N) + a few distinct users copied into ``users`` (one in
   four with 30 workouts, so the coach's snapshot does real queries), an access token
   minted per user with the stack's settings.
2. Servers, one worker each pinned to CPU 0, a fresh process for every run: RunCoach
   (``OFFLINE_COACH_DELAY_MS=0`` for full speed, ``20-40`` for paced) and
   ``bench/bare_ws.py`` (same frames, same words, same pacing; no DB, no auth).
3. Per run: server RSS, then N sessions connect in 2 client processes pinned to CPU 1
   (``websockets``) and wait for ``ready``; RSS again (idle, nothing sent); a short
   warm-up with other users; then the workload:
   - ``full``: every session asks question after question, with no think time, for the
     measured window (after a 1 s warm-up); frames/s = server frames received in the
     window;
   - ``paced``: every session asks ``--questions`` questions, the first at a uniformly
     random moment in ``[0, --stagger]`` s, the next ones a random ``--think`` time
     after the previous ``done``; frames/s over the whole run.
   Time to first delta (TTFD) = from sending ``message`` to the first ``delta``.
   Errors: ``error`` frames, closed sockets, failed connects, 30 s without a frame,
   answers without ``done``.
4. A table, the ratio RunCoach/bare at full speed, a verdict per target of the issue and
   a JSON file in bench/results/.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import multiprocessing
import os
import random
import resource
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: bench/ is sys.path[0], not the project
    sys.path.insert(0, str(ROOT))

from bench.load import LoadResult, Sampler, percentile  # noqa: E402
from bench.seed import insert_rows, workout_rows  # noqa: E402
from bench.stack import (  # noqa: E402
    CLIENT_CPU,
    READY_TIMEOUT_S,
    RESULTS_DIR,
    STOP_SIGNALS,
    BenchError,
    Stack,
    free_port,
    http_call,
    pinned_to_server_cpu,
    pinning,
    process_tree,
    sanic_argv,
    say,
    spawn,
    stop_process,
    terminate_as_interrupt,
)

QUESTIONS = (
    "How is my training going?",
    "What pace should I run my easy runs at?",
    "I feel tired today, should I rest?",
    "What should I do today?",
    "Am I ready for a 10k race?",
)
HISTORY_EVERY = 4  # one user in four has workouts
HISTORY_WORKOUTS = 30
WARM_USERS = 8
CLIENT_PROCESSES = 2
CONNECT_CONCURRENCY = 50  # handshakes in flight per client process
FRAME_TIMEOUT_S = 30.0
PACED_DELAY = "20-40"
# the issue's targets
TARGET_SESSIONS = 1_000
TARGET_RATIO = 0.5
TARGET_TTFD_P99_MS = 50.0
TARGET_RSS_PER_CONN = 50 * 1024
SESSION_COLUMNS = ["id", "user_id", "device", "created_at", "last_used_at", "expires_at"]
USER_COLUMNS = [
    "id",
    "email",
    "password_hash",
    "name",
    "timezone",
    "units",
    "tier",
    "is_admin",
    "email_verified",
    "leaderboard_opt_in",
    "created_at",
    "updated_at",
]


@dataclass(frozen=True)
class User:
    token: str
    history: bool


# --------------------------------------------------------------------------------------
# Seed


def seed_users(stack: Stack, count: int) -> list[User]:
    """``count`` users straight into PostgreSQL, one in four with workouts, and tokens."""
    from argon2 import PasswordHasher

    from runcoach.config import from_env
    from runcoach.tokens import issue_access_token

    settings = from_env(stack.env())
    password_hash = PasswordHasher().hash(uuid.uuid4().hex)  # nobody logs in
    now = datetime.now(UTC)
    ids = [uuid.uuid4() for _ in range(count)]
    rows = [
        (uid, f"ws-{i}-{uid.hex[:8]}@example.com", password_hash, f"WS {i}", "UTC", "metric",
         "free", False, True, False, now, now)
        for i, uid in enumerate(ids)
    ]  # fmt: skip
    asyncio.run(insert_rows(stack.database_url, rows, table="users", columns=USER_COLUMNS))
    # one session per user: access tokens carry it (runcoach.revocation checks it lives)
    expires = now + timedelta(days=30)
    sessions = [(uid, uid, "ws bench", now, now, expires) for uid in ids]
    asyncio.run(
        insert_rows(stack.database_url, sessions, table="sessions", columns=SESSION_COLUMNS)
    )
    workouts: list[tuple[Any, ...]] = []
    for i, uid in enumerate(ids):
        if i % HISTORY_EVERY == 0:  # the same history for each, so the same answers
            workouts.extend(workout_rows(uid, HISTORY_WORKOUTS, seed=7))
    asyncio.run(insert_rows(stack.database_url, workouts))
    say(f"seeded {count:,} users ({len(workouts):,} workouts for one in {HISTORY_EVERY})")
    return [
        User(
            issue_access_token(user_id=uid, session_id=uid, settings=settings),
            i % HISTORY_EVERY == 0,
        )
        for i, uid in enumerate(ids)
    ]


# --------------------------------------------------------------------------------------
# Servers


def rss_bytes(root_pid: int) -> int:
    """VmRSS of ``root_pid`` and its descendants (the Sanic manager and its worker)."""
    total = 0
    for pid in process_tree(root_pid):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
    return total


@dataclass
class BareServer:
    """``bench/bare_ws.py`` in one Sanic worker pinned to CPU 0."""

    work_dir: Path
    answers: Path
    delay: str
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None
    _log: Any = None

    def start(self) -> None:
        self.port = free_port()
        argv, cpu = pinned_to_server_cpu(sanic_argv("bench.bare_ws:create_app", self.port))
        env = dict(os.environ, BARE_WS_ANSWERS=str(self.answers), BARE_WS_DELAY_MS=self.delay)
        env["PYTHONUNBUFFERED"] = "1"
        self._log = (self.work_dir / "bare.log").open("ab")
        self.proc = spawn(argv, env=env, log=self._log, cpu=cpu)
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BenchError(f"the bare server exited with {self.proc.returncode}")
            with contextlib.suppress(OSError):
                if http_call(self.port, "GET", "/healthz", timeout=3)[0] == 200:
                    break
            time.sleep(0.2)
        else:
            raise BenchError("the bare server did not answer /healthz")
        time.sleep(0.5)

    def stop(self) -> None:
        if self.proc is None:
            return
        stop_process(self.proc, timeout=15, name=None)
        if self._log is not None:
            self._log.close()
        self.proc = None


# --------------------------------------------------------------------------------------
# Client


@dataclass
class ClientSpec:
    port: int
    users: list[User]
    mode: str  # full | paced
    warmup_s: float
    duration_s: float
    questions: int
    stagger_s: float
    think_s: tuple[float, float]
    seed: int


@dataclass
class Tally:
    frames: int = 0  # server frames received (in the window at full speed)
    answers: int = 0  # answers that ended with done
    conflicts: int = 0  # "conflict" frames right after a done (the question is sent again)
    ttfd_ms: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    samples: list[str] = field(default_factory=list)
    counting: bool = False
    first_send: float = math.inf
    last_done: float = 0.0

    def error(self, kind: str, detail: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1
        if len(self.samples) < 5:
            self.samples.append(f"{kind}: {detail[:200]}")


async def _recv(ws: Any) -> str:
    raw = await asyncio.wait_for(ws.recv(), FRAME_TIMEOUT_S)
    return raw if isinstance(raw, str) else raw.decode()


async def _open(port: int, user: User, tally: Tally, gate: asyncio.Semaphore) -> Any:
    from websockets.asyncio.client import connect

    uri = f"ws://127.0.0.1:{port}/ws/coach?history={int(user.history)}"
    async with gate:
        try:
            ws = await connect(
                uri,
                additional_headers={"Authorization": f"Bearer {user.token}"},
                open_timeout=FRAME_TIMEOUT_S,
                ping_interval=None,
                compression=None,
                close_timeout=2,
            )
            frame = await _recv(ws)
        except Exception as exc:
            tally.error("connect", f"{type(exc).__name__}: {exc}")
            return None
    if not frame.startswith('{"type":"ready"'):
        tally.error("connect", f"first frame {frame[:100]}")
        await ws.close()
        return None
    return ws


async def _ask(ws: Any, question: str, tally: Tally) -> bool:
    """One question: False when the socket is no longer usable.

    RunCoach sends ``done`` before its answer task has released the stream, so a question
    sent right after ``done`` can get ``conflict``: it is sent again 5 ms later (up to 50
    times) and counted in ``tally.conflicts``, not as an error; TTFD counts from the first
    send.
    """
    from websockets.exceptions import ConnectionClosed

    sent = time.monotonic()
    tally.first_send = min(tally.first_send, sent)
    first = True
    message = json.dumps({"type": "message", "text": question})
    try:
        await ws.send(message)
        retries = 0
        while True:
            frame = await _recv(ws)
            if tally.counting:
                tally.frames += 1
            if frame.startswith('{"type":"delta"'):
                if first:
                    tally.ttfd_ms.append((time.monotonic() - sent) * 1000)
                    first = False
            elif frame.startswith('{"type":"done"'):
                tally.answers += 1
                tally.last_done = max(tally.last_done, time.monotonic())
                return True
            elif frame.startswith('{"type":"error"'):
                if '"code":"conflict"' in frame and first and retries < 50:
                    tally.conflicts += 1
                    tally.frames -= tally.counting  # not a frame of an answer
                    retries += 1
                    await asyncio.sleep(0.005)
                    await ws.send(message)
                    continue
                tally.error("error_frame", frame)
                return True
    except TimeoutError:
        tally.error("timeout", f"no frame for {FRAME_TIMEOUT_S:g} s (missing done)")
    except ConnectionClosed as exc:
        tally.error("closed", f"{exc}")
    except OSError as exc:
        tally.error("socket", f"{type(exc).__name__}: {exc}")
    return False


async def _session(ws: Any, spec: ClientSpec, rng: random.Random, tally: Tally, end: float) -> None:
    if spec.mode == "full":
        while time.monotonic() < end:
            if not await _ask(ws, rng.choice(QUESTIONS), tally):
                return
        return
    await asyncio.sleep(rng.uniform(0, spec.stagger_s))
    for n in range(spec.questions):
        if n:
            await asyncio.sleep(rng.uniform(*spec.think_s))
        if not await _ask(ws, rng.choice(QUESTIONS), tally):
            return


async def _client(spec: ClientSpec, pipe: Connection) -> None:
    loop = asyncio.get_running_loop()
    tally = Tally()
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)
    opened = await asyncio.gather(*(_open(spec.port, u, tally, gate) for u in spec.users))
    sockets = [ws for ws in opened if ws is not None]
    pipe.send(("connected", len(sockets), dict(tally.errors)))
    go = await loop.run_in_executor(None, pipe.recv)  # a CLOCK_MONOTONIC time, system-wide
    await asyncio.sleep(max(0.0, go - time.monotonic()))
    rng = random.Random(spec.seed)
    if spec.mode == "full":
        start, end = go + spec.warmup_s, go + spec.warmup_s + spec.duration_s
        loop.call_at(start, setattr, tally, "counting", True)
        loop.call_at(end, setattr, tally, "counting", False)
    else:
        tally.counting, end = True, math.inf
    sessions = [
        _session(ws, spec, random.Random(rng.getrandbits(64)), tally, end) for ws in sockets
    ]
    await asyncio.gather(*sessions)
    finished = time.monotonic()
    close_gate = asyncio.Semaphore(200)

    async def close(ws: Any) -> None:
        async with close_gate:
            with contextlib.suppress(Exception):
                await ws.close()

    await asyncio.gather(*(close(ws) for ws in sockets))
    pipe.send(
        (
            "result",
            {
                "frames": tally.frames,
                "answers": tally.answers,
                "conflicts": tally.conflicts,
                "ttfd_ms": tally.ttfd_ms,
                "errors": tally.errors,
                "samples": tally.samples,
                "first_send": tally.first_send if tally.first_send < math.inf else go,
                "last_done": tally.last_done or finished,
            },
        )
    )


def client_main(spec: ClientSpec, pipe: Connection) -> None:
    with contextlib.suppress(OSError):
        os.sched_setaffinity(0, {CLIENT_CPU})
    raise_nofile()
    asyncio.run(_client(spec, pipe))


def raise_nofile() -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or hard > soft:
        target = 65_536 if hard == resource.RLIM_INFINITY else hard
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


# --------------------------------------------------------------------------------------
# One run


@dataclass
class Run:
    server: str  # runcoach | bare
    mode: str  # full | paced
    sessions: int
    connected: int = 0
    frames: int = 0
    span_s: float = 0.0
    frames_per_s: float = 0.0
    answers: int = 0
    conflicts: int = 0
    ttfd_p50_ms: float = math.nan
    ttfd_p99_ms: float = math.nan
    ttfd_max_ms: float = math.nan
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)
    rss_before: int = 0
    rss_idle: int = 0
    rss_per_conn: float = math.nan
    web_cpu_pct: float | None = None
    postgres_cpu_pct: float | None = None
    client_cpu_pct: float | None = None
    other_cpu_pct: float | None = None


async def _warm(port: int, users: list[User]) -> None:
    """A question per warm-up user, all at once: pools and caches are open before the run."""
    tally = Tally(counting=False)
    gate = asyncio.Semaphore(len(users))
    sockets = await asyncio.gather(*(_open(port, u, tally, gate) for u in users))
    live = [ws for ws in sockets if ws is not None]
    await asyncio.gather(
        *(_ask(ws, QUESTIONS[i % len(QUESTIONS)], tally) for i, ws in enumerate(live))
    )
    await asyncio.gather(*(ws.close() for ws in live))
    if tally.errors:
        raise BenchError(f"warm-up failed: {tally.samples}")


def run_once(
    args: argparse.Namespace,
    server: str,
    mode: str,
    port: int,
    root_pid: int,
    postmaster: int | None,
    users: list[User],
    warm_users: list[User],
) -> Run:
    n = len(users)
    run = Run(server, mode, n)
    run.rss_before = rss_bytes(root_pid)
    ctx = multiprocessing.get_context("fork")
    workers: list[tuple[Any, Connection]] = []
    for k in range(CLIENT_PROCESSES):
        spec = ClientSpec(
            port=port,
            users=users[k::CLIENT_PROCESSES],
            mode=mode,
            warmup_s=args.warmup,
            duration_s=args.duration,
            questions=args.questions,
            stagger_s=args.stagger,
            think_s=(args.think_min, args.think_max),
            seed=args.seed * 100 + k,
        )
        mine, theirs = ctx.Pipe()
        proc = ctx.Process(target=client_main, args=(spec, theirs), daemon=True)
        proc.start()
        workers.append((proc, mine))
    try:
        return _drive(args, run, mode, port, root_pid, postmaster, workers, warm_users)
    finally:
        for proc, pipe in workers:
            proc.join(timeout=10)
            if proc.is_alive():
                proc.kill()
                proc.join(timeout=5)
            pipe.close()


def _wait(pipe: Connection, timeout: float, what: str) -> Any:
    if not pipe.poll(timeout):
        raise BenchError(f"a client process did not report {what} in {timeout:.0f} s")
    return pipe.recv()


def _drive(
    args: argparse.Namespace,
    run: Run,
    mode: str,
    port: int,
    root_pid: int,
    postmaster: int | None,
    workers: list[tuple[Any, Connection]],
    warm_users: list[User],
) -> Run:
    connect_errors: dict[str, int] = {}
    for _, pipe in workers:
        _, count, errors = _wait(pipe, 180, "its connections")
        run.connected += count
        for k, v in errors.items():
            connect_errors[k] = connect_errors.get(k, 0) + v
    time.sleep(1.0)  # idle: every session got ready, nothing sent
    run.rss_idle = rss_bytes(root_pid)
    run.rss_per_conn = (run.rss_idle - run.rss_before) / max(1, run.connected)
    asyncio.run(_warm(port, warm_users))
    web_pids = process_tree(root_pid)
    client_pids = {proc.pid for proc, _ in workers}
    sampler = Sampler(web_pids, postmaster)
    go = time.monotonic() + 0.3
    for _, pipe in workers:
        pipe.send(go)
    if mode == "full":
        time.sleep(max(0.0, go + args.warmup - time.monotonic()))
        sampler.before = sampler.snap()
        time.sleep(max(0.0, go + args.warmup + args.duration - time.monotonic()))
        sampler.after = sampler.snap()
    else:
        sampler.before = sampler.snap()
    results = [_wait(pipe, 300, "its results")[1] for _, pipe in workers]
    if mode != "full":
        sampler.after = sampler.snap()
    cpu = LoadResult(0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    sampler.apply(cpu, sampler._used_s(lambda pid, _: pid in client_pids))
    run.web_cpu_pct, run.postgres_cpu_pct = cpu.web_cpu_pct, cpu.postgres_cpu_pct
    run.client_cpu_pct, run.other_cpu_pct = cpu.loadgen_cpu_pct, cpu.other_cpu_pct
    ttfd = sorted(t for r in results for t in r["ttfd_ms"])
    run.frames = sum(r["frames"] for r in results)
    run.answers = sum(r["answers"] for r in results)
    run.conflicts = sum(r["conflicts"] for r in results)
    if mode == "full":
        run.span_s = args.duration
    else:
        run.span_s = max(r["last_done"] for r in results) - min(r["first_send"] for r in results)
    run.frames_per_s = round(run.frames / run.span_s, 1) if run.span_s > 0 else math.nan
    if ttfd:
        run.ttfd_p50_ms = round(percentile(ttfd, 50), 2)
        run.ttfd_p99_ms = round(percentile(ttfd, 99), 2)
        run.ttfd_max_ms = round(ttfd[-1], 2)
    kinds = dict(connect_errors)
    for r in results:
        for k, v in r["errors"].items():
            kinds[k] = kinds.get(k, 0) + v
        run.error_samples.extend(r["samples"])
    run.error_kinds = kinds
    run.errors = sum(kinds.values())
    return run


# --------------------------------------------------------------------------------------
# Recording the answers the bare server replays


async def _record(port: int, history_user: User, empty_user: User) -> dict[str, dict[str, str]]:
    from websockets.asyncio.client import connect

    out: dict[str, dict[str, str]] = {}
    for user in (history_user, empty_user):
        async with connect(
            f"ws://127.0.0.1:{port}/ws/coach",
            additional_headers={"Authorization": f"Bearer {user.token}"},
            compression=None,
        ) as ws:
            ready = json.loads(await _recv(ws))
            if ready.get("type") != "ready":
                raise BenchError(f"expected ready, got {ready}")
            for question in QUESTIONS:
                await ws.send(json.dumps({"type": "message", "text": question}))
                words: list[str] = []
                kinds: list[str] = []
                while True:
                    frame = json.loads(await _recv(ws))
                    kinds.append(frame["type"])
                    if frame["type"] == "error" and frame.get("code") == "conflict":
                        kinds.clear()  # see _ask: sent again a moment later
                        await asyncio.sleep(0.05)
                        await ws.send(json.dumps({"type": "message", "text": question}))
                        continue
                    if frame["type"] == "delta":
                        words.append(frame["text"])
                    elif frame["type"] in ("done", "error"):
                        break
                if kinds[0] != "start" or kinds[-1] != "done" or not words:
                    raise BenchError(f"unexpected frames for {question!r}: {kinds[:5]} {frame}")
                out.setdefault(question, {})[str(int(user.history))] = "".join(words)
    return out


# --------------------------------------------------------------------------------------
# Report


def _f(value: float | None, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return f"{value:,.{digits}f}"


def print_table(runs: list[Run]) -> None:
    head = (
        f"{'server':<9}{'mode':<7}{'sessions':>9}{'frames/s':>10}{'answers':>9}"
        f"{'TTFD p50':>10}{'p99 ms':>9}{'errors':>8}{'conflicts':>10}{'RSS/conn':>10}"
        "   CPU % web / PostgreSQL / client / other"
    )
    print(head)
    print("-" * len(head))
    for r in runs:
        cpu = " / ".join(
            _f(v, 0) for v in (r.web_cpu_pct, r.postgres_cpu_pct, r.client_cpu_pct, r.other_cpu_pct)
        )
        print(
            f"{r.server:<9}{r.mode:<7}{r.sessions:>9,}{_f(r.frames_per_s, 0):>10}{r.answers:>9,}"
            f"{_f(r.ttfd_p50_ms):>10}{_f(r.ttfd_p99_ms):>9}{r.errors:>8}{r.conflicts:>10,}"
            f"{_f(r.rss_per_conn / 1000, 1) + ' kB':>10}   {cpu}"
        )


def judge(runs: list[Run]) -> tuple[dict[str, float], list[dict[str, Any]]]:
    def find(server: str, mode: str, n: int) -> Run | None:
        return next((r for r in runs if (r.server, r.mode, r.sessions) == (server, mode, n)), None)

    sizes = sorted({r.sessions for r in runs})
    ratios: dict[str, float] = {}
    for n in sizes:
        rc, bare = find("runcoach", "full", n), find("bare", "full", n)
        if rc and bare and bare.frames_per_s:
            ratios[str(n)] = round(rc.frames_per_s / bare.frames_per_s, 4)
    verdicts: list[dict[str, Any]] = []

    def verdict(text: str, judged: list[Run], ok: bool | None, detail: str) -> None:
        state = "not judged" if ok is None or not judged else ("MET" if ok else "NOT MET")
        verdicts.append({"target": text, "verdict": state, "detail": detail})

    big = [r for r in runs if r.server == "runcoach" and r.sessions >= TARGET_SESSIONS]
    verdict(
        f"{TARGET_SESSIONS:,} concurrent sessions without an error",
        big,
        all(r.errors == 0 for r in big) if big else None,
        "; ".join(f"{r.mode}: {r.errors} errors" for r in big) or f"no run at {TARGET_SESSIONS:,}",
    )
    verdict(
        f"full speed: RunCoach frames/s >= {TARGET_RATIO:.0%} of the bare handler's",
        [r for r in runs if r.mode == "full"],
        all(v >= TARGET_RATIO for v in ratios.values()) if ratios else None,
        ", ".join(f"N={k}: {v:.1%}" for k, v in ratios.items()) or "no full-speed pair",
    )
    paced = [r for r in big if r.mode == "paced"]
    verdict(
        f"paced ({PACED_DELAY} ms a word): TTFD p99 < {TARGET_TTFD_P99_MS:g} ms at "
        f"{TARGET_SESSIONS:,} sessions",
        paced,
        all(r.ttfd_p99_ms < TARGET_TTFD_P99_MS for r in paced) if paced else None,
        "; ".join(f"p99 {r.ttfd_p99_ms:.1f} ms" for r in paced) or "no paced run at 1,000",
    )
    rss = [r for r in runs if r.server == "runcoach" and r.sessions == max(sizes)]
    verdict(
        f"RSS per idle open connection < {TARGET_RSS_PER_CONN // 1024} KiB",
        rss,
        all(r.rss_per_conn < TARGET_RSS_PER_CONN for r in rss) if rss else None,
        "; ".join(f"N={r.sessions} {r.mode}: {r.rss_per_conn / 1024:.1f} KiB" for r in rss),
    )
    return ratios, verdicts


def write_json(report: dict[str, Any]) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS_DIR / f"ws_bench-{stamp}.json"
    path.write_text(json.dumps(report, indent=2, default=str) + "\n")
    return path


# --------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", default="100,1000", help="session counts (100,1000)")
    parser.add_argument("--duration", type=float, default=10.0, help="full-speed window s (10)")
    parser.add_argument("--warmup", type=float, default=1.0, help="full speed: warm-up s (1)")
    parser.add_argument("--questions", type=int, default=2, help="paced: questions a session (2)")
    parser.add_argument("--stagger", type=float, default=5.0, help="paced: first message in [0, S]")
    parser.add_argument("--think-min", type=float, default=2.0, help="paced: think time min s (2)")
    parser.add_argument("--think-max", type=float, default=4.0, help="paced: think time max s (4)")
    parser.add_argument("--modes", default="full,paced", help="full,paced")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="3 s windows, 1 paced question")
    parser.add_argument("--no-json", action="store_true", help="do not write bench/results/")
    args = parser.parse_args(argv)
    try:
        args.sizes = sorted({int(x) for x in args.sessions.split(",") if x.strip()})
    except ValueError:
        parser.error("--sessions must be like 100,1000")
    if not args.sizes or min(args.sizes) < 1 or max(args.sizes) > 5_000:
        parser.error("--sessions must be in 1..5000")
    args.mode_list = [m for m in ("full", "paced") if m in args.modes.split(",")]
    if not args.mode_list:
        parser.error("--modes must name full and/or paced")
    if args.quick:
        args.duration, args.questions, args.stagger = 3.0, 1, 2.0
    if not 0 < args.duration <= 120:
        parser.error("--duration must be in (0, 120]")
    if not 0 < args.think_min <= args.think_max:
        parser.error("--think-min must be in (0, --think-max]")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    nofile = raise_nofile()  # inherited by the servers started below
    if nofile < max(args.sizes) * 2 + 100:
        say(f"warning: open-file limit {nofile} may be too low for {max(args.sizes)} sessions")
    pinned, pin_text = pinning()
    work_dir = ROOT / "var" / f"ws-bench-{os.getpid()}"
    stack = Stack(
        work_dir=work_dir,
        external_db=os.environ.get("DATABASE_URL") or None,
        external_redis=os.environ.get("REDIS_URL") or None,
        extra_env={"OFFLINE_COACH_DELAY_MS": "0"},
    )
    bare: BareServer | None = None
    runs: list[Run] = []
    with terminate_as_interrupt():
        try:
            stack.start()
            users = seed_users(stack, max(args.sizes) + WARM_USERS)
            warm_users, users = users[:WARM_USERS], users[WARM_USERS:]
            answers = asyncio.run(_record(stack.port, users[0], users[1]))
            answers_path = work_dir / "answers.json"
            answers_path.write_text(json.dumps(answers, indent=1))
            words = {q: len(v["1"].split()) for q, v in answers.items()}
            say(f"answers recorded (words with history: {words})")
            for mode in args.mode_list:
                delay = "0" if mode == "full" else PACED_DELAY
                for n in args.sizes:
                    for server in ("bare", "runcoach"):
                        if server == "bare":
                            bare = BareServer(work_dir, answers_path, delay)
                            bare.start()
                            assert bare.proc is not None
                            port, root, postmaster = bare.port, bare.proc.pid, None
                        else:
                            stack.stop_web()
                            stack.extra_env["OFFLINE_COACH_DELAY_MS"] = delay
                            stack.start_web()
                            assert stack.web is not None
                            port, root = stack.port, stack.web.pid
                            postmaster = stack.postmaster_pid()
                        try:
                            run = run_once(
                                args, server, mode, port, root, postmaster, users[:n], warm_users
                            )
                        finally:
                            if bare is not None:
                                bare.stop()
                                bare = None
                        runs.append(run)
                        say(
                            f"{server} {mode} N={n}: {run.frames_per_s:,.0f} frames/s, "
                            f"TTFD p50 {run.ttfd_p50_ms} / p99 {run.ttfd_p99_ms} ms, "
                            f"{run.errors} errors, RSS/conn {run.rss_per_conn / 1000:.1f} kB, "
                            f"CPU web {run.web_cpu_pct} client {run.client_cpu_pct}"
                        )
        except KeyboardInterrupt:
            say("interrupted: cleaning up")
            return 130
        except BenchError as exc:
            say(f"failed: {exc}")
            return 1
        finally:
            for sig in STOP_SIGNALS:
                signal.signal(sig, signal.SIG_IGN)
            if bare is not None:
                bare.stop()
            stack.close()
    ratios, verdicts = judge(runs)
    print()
    print("RunCoach websocket benchmark (/ws/coach, offline coach)")
    print(f"  PostgreSQL : {stack.postgres_label}; Redis: {stack.redis_label}")
    print(f"  pinning    : {pin_text if pinned else 'none'}; client: {CLIENT_PROCESSES} processes")
    print(
        f"  full       : no pacing, questions back to back, {args.duration:g} s window "
        f"(+{args.warmup:g} s warm-up)"
    )
    print(
        f"  paced      : a word every {PACED_DELAY} ms, {args.questions} question(s) a session, "
        f"first in [0, {args.stagger:g}] s, think {args.think_min:g}-{args.think_max:g} s"
    )
    print()
    print_table(runs)
    print(
        "(RSS/conn: server RSS after N idle sessions minus before, over N; conflicts: "
        "'conflict' frames to a question sent right after done, sent again, not errors)"
    )
    print()
    for n, ratio in ratios.items():
        print(f"full speed, N={n}: RunCoach / bare frames/s = {ratio:.1%}")
    for r in runs:
        if r.errors:
            print(
                f"errors {r.server} {r.mode} N={r.sessions}: {r.error_kinds} {r.error_samples[:3]}"
            )
    print()
    for v in verdicts:
        print(f"{v['verdict']:<11} {v['target']} ({v['detail']})")
    if not args.no_json:
        report = {
            "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
            "setup": {
                "postgres": stack.postgres_label,
                "redis": stack.redis_label,
                "pinning": pin_text,
                "duration_s": args.duration,
                "warmup_s": args.warmup,
                "questions": args.questions,
                "stagger_s": args.stagger,
                "think_s": [args.think_min, args.think_max],
                "paced_delay_ms": PACED_DELAY,
                "client_processes": CLIENT_PROCESSES,
            },
            "runs": [r.__dict__ for r in runs],
            "ratios": ratios,
            "verdicts": verdicts,
        }
        print(f"\nresults: {write_json(report).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
