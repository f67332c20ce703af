"""Notification benchmark: the weekly digest's fan-out through one worker, and the digest tick.

Run: ``.venv/bin/python bench/notify_bench.py [--users 10000] [--tick-users 100000]``
(also ``make bench-notify BENCH_ARGS="..."``). See bench/README.md.

A. Fan-out. N users (default 10,000) whose weekly digest is due now, with default email
   choices, two days of training in the period, half with a notification in it and a third
   with an Expo push token. ``digests.tick`` runs here (it claims the digests and queues
   ``notifications.send_digests`` through the real broker); ONE worker process
   (``dramatiq actors bench.noop_actors --processes 1 --threads 8``) makes the
   ``weekly_summary`` notifications and their email/push deliveries, then sends them to the
   outbox backends. Measured: time to all in-app rows, to all outbox emails, to every
   delivery settled; deliveries/s. Baseline, same worker, before and after: its drain rate
   of no-op messages (``bench.noop``), queued while the worker is stopped (SIGSTOP).
B. Tick. 100,000 users' preferences (1 % due) in a second database: ``digests.find_due``
   (median / p95 of 20 runs) against ``SELECT 1`` through the same Tortoise connection,
   then one whole ``digests.tick()`` on the fresh due set.

Embedded PostgreSQL and Redis under ``var/bench-notify`` (removed at start and at the end
unless ``--keep``). Everything started here is stopped on exit, Ctrl-C included.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import math
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: bench/ is sys.path[0], not the project
    sys.path.insert(0, str(ROOT))

from bench.stack import (  # noqa: E402
    STOP_SIGNALS,
    BenchError,
    process_tree,
    processes,
    say,
    spawn,
    stop_process,
    terminate_as_interrupt,
)
from tests.support.servers import Servers as DatabaseServers  # noqa: E402
from tests.support.servers import asyncpg_dsn  # noqa: E402

WORK_DIR = ROOT / "var" / "bench-notify"
FANOUT_DB = "runcoach"
TICK_DB = "runcoach_tick"
ZONES = ("UTC", "Europe/Paris", "America/New_York", "Asia/Tokyo")
TARGET_DELIVERIES_PER_S = 1_000.0
TARGET_FIND_DUE_MS = 200.0
NOOP_QUEUE_KEY = "dramatiq:bench.msgs"  # a message's body stays in this hash until its ack
NOTIFY_QUEUE_KEYS = ("dramatiq:notifications.msgs", "dramatiq:notifications.DQ.msgs")


# --------------------------------------------------------------------------------------
# Seed SQL (set-based). $1 = how many users, $2 = now, $3 = first index.

_UID = "('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid"
_SERIES = "generate_series($3::int, $3::int + $1::int - 1) AS i"
_SEED_USERS = (
    "INSERT INTO users (id, email, password_hash, name, timezone, units, tier, is_admin,"  # noqa: S608
    " email_verified, created_at, updated_at, leaderboard_opt_in)"
    f" SELECT {_UID}, 'bench-' || i || '@example.test', 'x', 'Bench athlete ' || i,"
    f" ($4::varchar[])[1 + i % {len(ZONES)}], 'metric', 'free', false, true,"
    " $2::timestamptz - interval '60 days', $2::timestamptz - interval '60 days', false"
    f" FROM {_SERIES}"
)
# $4 email json, $5 push json, $6 how many of the $1 are due (spread over the ids).
_SEED_PREFS = (
    "INSERT INTO notification_preferences (user_id, email, push, digest_time, weekly_day,"  # noqa: S608
    " critical_during_quiet_hours, next_daily_digest_at, next_weekly_digest_at, updated_at,"
    " digest_when_empty)"
    f" SELECT {_UID}, $4::jsonb, $5::jsonb, '07:00', 'mon', false, NULL,"
    " CASE WHEN ((i::bigint * 7919) % $1::int) < $6::int"
    " THEN $2::timestamptz - (i % 3600) * interval '1 second'"
    " ELSE $2::timestamptz + interval '1 hour' + (i % 600000) * interval '1 second' END,"
    f" $2::timestamptz, false FROM {_SERIES}"
)
_SEED_LOADS = (  # two training days in the digest's period (the 7 local days before now)
    "INSERT INTO daily_loads (id, date, load, workouts, duration_s, distance_m, updated_at,"  # noqa: S608
    f" user_id) SELECT gen_random_uuid(), ($2::timestamptz AT TIME ZONE 'UTC')::date - d,"
    f" 40 + i % 50, 1, 2400 + i % 1800, 8000 + i % 6000, $2::timestamptz, {_UID}"
    f" FROM {_SERIES}, unnest(ARRAY[2, 4]) AS d"
)
_SEED_NOTES = (  # half the users got a notification in the period
    "INSERT INTO notifications (id, user_id, type, title, body, data, read, group_key,"  # noqa: S608
    f" created_at) SELECT gen_random_uuid(), {_UID}, 'analysis_ready',"
    " 'Your training analysis is ready', 'Your coach looked at your last six weeks.',"
    " '{}'::jsonb, false, 'bench:' || i, $2::timestamptz - interval '3 days'"
    f" FROM {_SERIES} WHERE i % 2 = 0"
)
_SEED_TOKENS = (  # a third of the users have a phone
    "INSERT INTO push_tokens (id, token, platform, created_at, user_id)"  # noqa: S608
    " SELECT gen_random_uuid(), 'ExponentPushToken[bench-' || i || ']', 'ios',"
    f" $2::timestamptz, {_UID} FROM {_SERIES} WHERE i % 3 = 0"
)


# --------------------------------------------------------------------------------------
# Processes and CPU


def _user_sys(pid: int) -> tuple[int, int]:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0, 0
    return int(fields[11]), int(fields[12])


@dataclass
class CpuMeter:
    """User and system CPU of process trees over a window (in % of one core)."""

    roots: dict[str, int | None]
    start: dict[str, tuple[int, int]] = field(default_factory=dict)
    t0: float = 0.0

    def _now(self) -> dict[str, tuple[int, int]]:
        procs = processes()
        out: dict[str, tuple[int, int]] = {}
        for name, pid in self.roots.items():
            if pid is None:
                continue
            times = [_user_sys(p) for p in process_tree(pid, procs)]
            out[name] = (sum(u for u, _ in times), sum(k for _, k in times))
        return out

    def __enter__(self) -> CpuMeter:
        self.start = self._now()
        self.t0 = time.monotonic()
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def read(self) -> dict[str, float]:
        """Per root: total, and ``<root>_user`` / ``<root>_sys``, in % of one core."""
        wall = max(time.monotonic() - self.t0, 1e-9)
        hz = os.sysconf("SC_CLK_TCK")
        end = self._now()
        out: dict[str, float] = {}
        for name in self.roots:
            (u1, k1), (u0, k0) = end.get(name, (0, 0)), self.start.get(name, (0, 0))
            out[f"{name}_user"] = 100.0 * (u1 - u0) / hz / wall
            out[f"{name}_sys"] = 100.0 * (k1 - k0) / hz / wall
            out[name] = out[f"{name}_user"] + out[f"{name}_sys"]
        return out


def outbox_floor(directory: Path, files: int = 3_000) -> float:
    """Files/s of the outbox backends' own write (``transport._write_atomically``), one thread.

    Every outbox delivery writes one such file (a temporary file, fsync, rename): on a
    machine where creating a file is expensive this, not RunCoach, is the ceiling.
    """
    from runcoach.notifications.transport.outbox import _write_atomically

    shutil.rmtree(directory, ignore_errors=True)
    data = b"x" * 6_000  # about the size of a weekly summary email
    t0 = time.perf_counter()
    for i in range(files):
        _write_atomically(directory / f"{i}.eml", data)
    rate = files / (time.perf_counter() - t0)
    shutil.rmtree(directory, ignore_errors=True)
    return rate


@dataclass
class Servers:
    """Embedded PostgreSQL (two databases) and Redis, and the worker process."""

    work_dir: Path
    threads: int
    worker: subprocess.Popen[bytes] | None = None
    tick_database_url: str = ""
    servers: DatabaseServers = field(init=False)
    _worker_log: Any = None

    def __post_init__(self) -> None:
        self.servers = DatabaseServers(work_dir=self.work_dir, database=FANOUT_DB, log=say)

    @property
    def database_url(self) -> str:
        return self.servers.database_url

    @property
    def redis_url(self) -> str:
        return self.servers.redis_url

    def postmaster_pid(self) -> int | None:
        return self.servers.postmaster_pid()

    def start(self) -> None:
        self.work_dir.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(self.work_dir / "outbox", ignore_errors=True)
        self.servers.start_postgres()
        self.tick_database_url = self.servers.add_database(TICK_DB)
        self.servers.start_redis()

    def env(self, database_url: str | None = None) -> dict[str, str]:
        env = dict(os.environ)
        for name in ("SENDGRID_API_KEY", "GROQ_API_KEY", "PUSH_BACKEND", "RUNCOACH_ENV"):
            env.pop(name, None)  # the outbox backends, never a real provider
        env.update(
            DATABASE_URL=database_url or self.database_url,
            REDIS_URL=self.redis_url,
            VAR_DIR=str(self.work_dir),
            LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )
        return env

    def start_worker(self) -> None:
        argv = [
            sys.executable, "-m", "dramatiq", "actors", "bench.noop_actors",
            "--processes", "1", "--threads", str(self.threads),
        ]  # fmt: skip
        self._worker_log = (self.work_dir / "worker.log").open("wb")
        self.worker = spawn(argv, env=self.env(), log=self._worker_log)
        say(f"worker: {' '.join(argv[1:])} (pid {self.worker.pid})")

    def signal_worker(self, sig: signal.Signals) -> None:
        if self.worker is not None and self.worker.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.worker.pid, sig)

    def check_worker(self) -> None:
        if self.worker is not None and self.worker.poll() is not None:
            raise BenchError(f"the worker exited with {self.worker.returncode}\n{self.log_tail()}")

    def log_tail(self, size: int = 3000) -> str:
        try:
            return (self.work_dir / "worker.log").read_text(errors="replace")[-size:]
        except OSError:
            return ""

    def stop_worker(self) -> None:
        if self.worker is None:
            return
        self.signal_worker(signal.SIGCONT)
        stop_process(self.worker, timeout=20, name="worker")
        self.worker = None
        if self._worker_log is not None:
            self._worker_log.close()
            self._worker_log = None

    def close(self, keep: bool) -> None:
        for name, step in (
            ("worker", self.stop_worker),
            ("servers", lambda: self.servers.stop(keep=keep)),
        ):
            try:
                step()
            except Exception as exc:  # one failed step must not skip the others
                say(f"clean-up of {name} failed: {type(exc).__name__}: {exc}")
        if not keep:
            shutil.rmtree(self.work_dir, ignore_errors=True)


# --------------------------------------------------------------------------------------
# The benchmark


async def seed(
    dsn: str, *, users: int, due: int, now: dt.datetime, extras: bool, first: int = 1
) -> None:
    import asyncpg
    import orjson

    from runcoach.notifications.preferences import EMAIL_DEFAULTS, PUSH_DEFAULTS

    conn = await asyncpg.connect(dsn)
    try:
        t0 = time.perf_counter()
        base = [users, now, first]
        await conn.execute(_SEED_USERS, *base, list(ZONES))
        email, push = orjson.dumps(EMAIL_DEFAULTS).decode(), orjson.dumps(PUSH_DEFAULTS).decode()
        await conn.execute(_SEED_PREFS, *base, email, push, due)
        if extras:
            for sql in (_SEED_LOADS, _SEED_NOTES, _SEED_TOKENS):
                await conn.execute(sql, *base)
        await conn.execute("VACUUM ANALYZE")
        say(f"seeded {users:,} users ({due:,} due) in {time.perf_counter() - t0:.1f} s")
    finally:
        await conn.close()


def noop_drain(servers: Servers, messages: int) -> dict[str, float]:
    """Queue ``messages`` no-ops while the worker is stopped, then time their drain."""
    import redis

    from bench import noop_actors

    client = redis.Redis.from_url(servers.redis_url)
    try:
        servers.signal_worker(signal.SIGSTOP)
        time.sleep(0.2)
        t0 = time.perf_counter()
        for _ in range(messages):
            noop_actors.noop.send()
        enqueue_s = time.perf_counter() - t0
        with CpuMeter({"worker": servers.worker.pid if servers.worker else None}) as cpu:
            servers.signal_worker(signal.SIGCONT)
            t0 = time.perf_counter()
            deadline = t0 + max(120.0, messages / 100)
            while client.hlen(NOOP_QUEUE_KEY):
                if time.perf_counter() > deadline:
                    raise BenchError("no-op messages not drained in time")
                servers.check_worker()
                time.sleep(0.01)
            drain_s = time.perf_counter() - t0
            usage = cpu.read()
    finally:
        servers.signal_worker(signal.SIGCONT)
        client.close()
    return {
        "messages": messages,
        "enqueue_s": enqueue_s,
        "drain_s": drain_s,
        "rate": messages / drain_s,
        "worker_cpu_pct": usage["worker"],
    }


def count_files(directory: Path) -> int:
    try:
        with os.scandir(directory) as entries:
            return sum(1 for e in entries if not e.name.startswith("."))
    except FileNotFoundError:
        return 0


_STATUS_SQL = "SELECT channel, status, count(*) AS n FROM notification_deliveries GROUP BY 1, 2"
_DIGEST_SQL = "SELECT status, count(*) AS n FROM digest_logs GROUP BY 1"


async def fanout(servers: Servers, users: int, timeout_s: float) -> dict[str, Any]:
    """Tick the due digests and wait until the worker has settled everything they made."""
    import asyncpg
    import redis

    from runcoach.notifications import digests

    conn = await asyncpg.connect(asyncpg_dsn(servers.database_url))
    rclient = redis.Redis.from_url(servers.redis_url)
    email_dir = servers.work_dir / "outbox" / "email"
    push_dir = servers.work_dir / "outbox" / "push"
    roots = {
        "worker": servers.worker.pid if servers.worker else None,
        "postgres": servers.postmaster_pid(),
    }
    out: dict[str, Any] = {"timed_out": False}
    try:
        with CpuMeter(roots) as cpu:
            t0 = time.perf_counter()
            now = dt.datetime.now(dt.UTC)
            claimed, ticks = 0, 0
            while claimed < users:
                got = await digests.tick(now=now)
                ticks += 1
                claimed += len(got)
                if not got:
                    break
            out.update(tick_s=time.perf_counter() - t0, ticks=ticks, claimed=claimed)
            say(f"tick: {claimed:,} digests claimed and queued in {out['tick_s']:.2f} s")
            t_inapp = t_email = t_all = None
            statuses: dict[tuple[str, str], int] = {}
            digest_status: dict[str, int] = {}
            notes = emails = 0
            last_status = 0.0
            last_say = time.perf_counter()
            deadline = t0 + timeout_s
            while True:
                servers.check_worker()
                elapsed = time.perf_counter() - t0
                notes = int(
                    await conn.fetchval(
                        "SELECT count(*) FROM notifications WHERE type = 'weekly_summary'"
                    )
                )
                emails = count_files(email_dir)
                if elapsed - last_status >= 0.25:
                    last_status = elapsed
                    statuses = {
                        (r["channel"], r["status"]): int(r["n"])
                        for r in await conn.fetch(_STATUS_SQL)
                    }
                    digest_status = {
                        r["status"]: int(r["n"]) for r in await conn.fetch(_DIGEST_SQL)
                    }
                    sent_digests = digest_status.get("sent", 0)
                    open_rows = sum(
                        n for (_, s), n in statuses.items() if s in ("pending", "sending")
                    )
                    rows = sum(statuses.values())
                    if (
                        t_all is None
                        and not digest_status.get("pending")
                        and sum(digest_status.values()) >= claimed
                        and rows == 2 * sent_digests
                        and open_rows == 0
                    ):
                        t_all = elapsed
                expected_notes = digest_status.get("sent", users) if t_all else users
                if t_inapp is None and notes >= expected_notes:
                    t_inapp = elapsed
                # every email there: all N, or (once settled) as many as were sent
                sent_email = statuses.get(("email", "sent"), 0) if t_all is not None else users
                if t_email is None and emails >= sent_email:
                    t_email = elapsed
                if t_all is not None and t_inapp is not None and t_email is not None:
                    break
                if time.perf_counter() > deadline:
                    out["timed_out"] = True
                    break
                if time.perf_counter() - last_say >= 5:
                    last_say = time.perf_counter()
                    say(
                        f"  {elapsed:5.1f} s: {notes:,} in-app, {emails:,} outbox emails, "
                        f"deliveries {dict(sorted(statuses.items()))}"
                    )
                await asyncio.sleep(0.05)
            usage = cpu.read()
        statuses = {(r["channel"], r["status"]): int(r["n"]) for r in await conn.fetch(_STATUS_SQL)}
        digest_status = {r["status"]: int(r["n"]) for r in await conn.fetch(_DIGEST_SQL)}
        out.update(
            t_inapp=t_inapp,
            t_email=t_email,
            t_all=t_all,
            notes=notes,
            outbox_email=count_files(email_dir),
            outbox_push=count_files(push_dir),
            statuses=statuses,
            digests=digest_status,
            worker_cpu_pct=usage["worker"],
            worker_user_pct=usage["worker_user"],
            worker_sys_pct=usage["worker_sys"],
            postgres_cpu_pct=usage["postgres"],
            left_in_redis=sum(int(rclient.hlen(k)) for k in NOTIFY_QUEUE_KEYS),
        )
        sent = statuses.get(("email", "sent"), 0) + statuses.get(("push", "sent"), 0)
        out["sent"] = sent
        span = t_all if t_all is not None else time.perf_counter() - t0
        out["deliveries_per_s"] = sent / span if span else float("nan")
        out["inapp_per_s"] = notes / t_inapp if t_inapp else float("nan")
        return out
    finally:
        await conn.close()
        rclient.close()


async def tick_bench(servers: Servers, users: int, due: int, runs: int) -> dict[str, Any]:
    """find_due against SELECT 1 on TICK_DB, then one whole tick on the fresh due set."""
    import asyncpg
    import redis
    from tortoise import Tortoise

    from runcoach import db
    from runcoach.config import from_env
    from runcoach.notifications import digests

    now = dt.datetime.now(dt.UTC)
    await seed(asyncpg_dsn(servers.tick_database_url), users=users, due=due, now=now, extras=False)
    await Tortoise.close_connections()
    await db.init(from_env(servers.env(servers.tick_database_url)))
    tconn = Tortoise.get_connection("default")
    pg = await asyncpg.connect(asyncpg_dsn(servers.tick_database_url))
    try:
        actual_due = int(
            await pg.fetchval(
                "SELECT count(*) FROM notification_preferences WHERE next_weekly_digest_at <= $1",
                now,
            )
        )
        plan = await pg.fetch(
            "EXPLAIN (ANALYZE, BUFFERS) " + digests._DUE_SQL["weekly"], now, digests.TICK_LIMIT
        )
    finally:
        await pg.close()
    plan_lines = [r[0] for r in plan]
    for _ in range(3):  # warm the connections and the plan cache
        await digests.find_due(kind="weekly", now=now)
        await tconn.execute_query("SELECT 1")
    find_ms: list[float] = []
    select1_ms: list[float] = []
    found = 0
    for _ in range(runs):
        for _ in range(5):
            t0 = time.perf_counter()
            await tconn.execute_query("SELECT 1")
            select1_ms.append(1000 * (time.perf_counter() - t0))
        t0 = time.perf_counter()
        rows = await digests.find_due(kind="weekly", now=now)
        find_ms.append(1000 * (time.perf_counter() - t0))
        found = len(rows)
    t0 = time.perf_counter()
    claimed = await digests.tick(now=now)
    tick_ms = 1000 * (time.perf_counter() - t0)
    client = redis.Redis.from_url(servers.redis_url)
    try:
        queued = sum(int(client.hlen(k)) for k in NOTIFY_QUEUE_KEYS)
        client.flushdb()  # nobody consumes these: the worker is stopped
    finally:
        client.close()
    return {
        "users": users,
        "due": actual_due,
        "found": found,
        "find_due_ms": find_ms,
        "select1_ms": select1_ms,
        "tick_ms": tick_ms,
        "tick_claimed": len(claimed),
        "tick_messages": queued,
        "plan": plan_lines,
    }


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1))
    return ordered[k]


def _opt(value: float | None, unit: str = "s") -> str:
    return "not reached" if value is None else f"{value:.2f} {unit}"


def report(args: argparse.Namespace, a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    ok = True
    print()
    print("RunCoach notification benchmark")
    print("  servers : embedded PostgreSQL + Redis (var/bench-notify), outbox email/push")
    print(f"  worker  : dramatiq actors bench.noop_actors --processes 1 --threads {args.threads}")
    if a is not None:
        f = a["fanout"]
        print()
        print(f"A. Weekly digest fan-out to {args.users:,} users, one worker process")
        print(
            f"  tick            : {f['claimed']:,} claimed in {f['ticks']} tick(s), "
            f"{f['tick_s']:.2f} s (send_digests messages of {a['digest_batch']})"
        )
        print(
            f"  digests         : {dict(sorted(f['digests'].items()))}"
            f"{'  (TIMED OUT)' if f['timed_out'] else ''}"
        )
        print(
            f"  in-app          : {f['notes']:,} weekly_summary rows, all there after "
            f"{_opt(f['t_inapp'])} -> {f['inapp_per_s']:,.0f} rows/s"
        )
        print(
            f"  email outbox    : {f['outbox_email']:,} files, "
            f"all written after {_opt(f['t_email'])}"
        )
        print(f"  push outbox     : {f['outbox_push']:,} files")
        by = f["statuses"]
        for channel in ("email", "push"):
            counts = {s: by.get((channel, s), 0) for s in ("sent", "failed", "skipped", "pending")}
            other = {s: n for (c, s), n in by.items() if c == channel and s not in counts}
            print(f"  {channel:<5} rows      : {counts}{' ' + str(other) if other else ''}")
        print(
            f"  all settled     : {_opt(f['t_all'])}; {f['sent']:,} sent -> "
            f"{f['deliveries_per_s']:,.0f} deliveries/s"
        )
        print(
            f"  CPU (fan-out)   : worker {f['worker_cpu_pct']:.0f} % "
            f"(user {f['worker_user_pct']:.0f} / system {f['worker_sys_pct']:.0f}), "
            f"PostgreSQL {f['postgres_cpu_pct']:.0f} % of one core; "
            f"left in Redis: {f['left_in_redis']}"
        )
        for label, n in (("before", a["noop_before"]), ("after", a["noop_after"])):
            print(
                f"  no-op {label:<6}    : {n['messages']:,} msgs drained in {n['drain_s']:.2f} s "
                f"-> {n['rate']:,.0f} msgs/s (worker CPU {n['worker_cpu_pct']:.0f} %; "
                f"queued in {n['enqueue_s']:.1f} s)"
            )
        noop = statistics.mean([a["noop_before"]["rate"], a["noop_after"]["rate"]])
        ratio = f["deliveries_per_s"] / noop
        print(
            f"  ratio           : deliveries/s / no-op msgs/s = {ratio:.3f} "
            f"(before {f['deliveries_per_s'] / a['noop_before']['rate']:.3f}, "
            f"after {f['deliveries_per_s'] / a['noop_after']['rate']:.3f})"
        )
        floor = statistics.mean(a["floor"])
        print(
            f"  outbox floor    : {a['floor'][0]:,.0f} / {a['floor'][1]:,.0f} files/s (before / "
            "after; transport._write_atomically of 6 kB, one thread, this process) -> "
            f"deliveries/s = {f['deliveries_per_s'] / floor:.2f} x the file-write floor"
        )
        met = (
            f["deliveries_per_s"] >= TARGET_DELIVERIES_PER_S
            and not f["timed_out"]
            and f["t_all"] is not None
        )
        ok &= met
        print(
            f"  target          : deliveries/s >= {TARGET_DELIVERIES_PER_S:,.0f}: "
            f"{'PASS' if met else 'FAIL'} ({f['deliveries_per_s']:,.0f})"
        )
    if b is not None:
        med = statistics.median(b["find_due_ms"])
        print()
        print(f"B. Digest tick among {b['users']:,} users ({b['due']:,} due)")
        print(
            f"  find_due weekly : median {med:.2f} ms, p95 {pct(b['find_due_ms'], 0.95):.2f} ms "
            f"over {len(b['find_due_ms'])} runs ({b['found']:,} rows)"
        )
        s1 = statistics.median(b["select1_ms"])
        print(
            f"  SELECT 1        : median {s1:.3f} ms (same Tortoise connection) -> "
            f"find_due = {med / s1:.0f} x SELECT 1"
        )
        print(
            f"  whole tick()    : {b['tick_ms']:.1f} ms ({b['tick_claimed']:,} claimed, "
            f"{b['tick_messages']} send_digests messages queued)"
        )
        print("  plan            : " + "\n                    ".join(b["plan"]))
        met = med < TARGET_FIND_DUE_MS
        ok &= met
        print(
            f"  target          : find_due < {TARGET_FIND_DUE_MS:.0f} ms: "
            f"{'PASS' if met else 'FAIL'} ({med:.2f} ms)"
        )
    return ok


async def run(args: argparse.Namespace, servers: Servers) -> tuple[dict[str, Any], dict[str, Any]]:
    from tortoise import Tortoise

    from runcoach import db

    await seed(
        asyncpg_dsn(servers.database_url),
        users=args.users,
        due=args.users,
        now=dt.datetime.now(dt.UTC),
        extras=True,
    )
    # The app's broker in this process, as the clock has it (actors/__init__.py).
    os.environ.update(servers.env())
    from runcoach.config import get_settings

    get_settings.cache_clear()
    import actors  # noqa: F401
    from bench import noop_actors  # noqa: F401
    from runcoach.notifications import digests

    await db.init(get_settings())
    floor_before = outbox_floor(servers.work_dir / "floor")  # before the worker boots
    say(f"outbox write floor (before): {floor_before:,.0f} files/s")
    servers.start_worker()
    try:
        warm = noop_drain(servers, 500)  # the worker is up and consuming
        say(f"worker ready (warm-up: {warm['rate']:,.0f} no-op msgs/s)")
        before = noop_drain(servers, args.noop)
        say(f"no-op baseline (before): {before['rate']:,.0f} msgs/s")
        f = await fanout(servers, args.users, args.timeout)
        say(
            f"fan-out: {f['deliveries_per_s']:,.0f} deliveries/s, "
            f"{f['inapp_per_s']:,.0f} in-app rows/s"
        )
        after = noop_drain(servers, args.noop)
        say(f"no-op baseline (after): {after['rate']:,.0f} msgs/s")
        floor_after = outbox_floor(servers.work_dir / "floor")
        say(f"outbox write floor (after): {floor_after:,.0f} files/s")
    finally:
        servers.stop_worker()
    a = {
        "fanout": f,
        "noop_before": before,
        "noop_after": after,
        "floor": [floor_before, floor_after],
        "digest_batch": digests.BATCH,
    }
    due = round(args.tick_users * args.due_fraction)
    b = await tick_bench(servers, args.tick_users, due, args.runs)
    await Tortoise.close_connections()
    return a, b


def migrate(servers: Servers) -> None:
    """Apply the migrations to both databases (each in its own loop, as aerich wants)."""
    from runcoach import migrate
    from runcoach.config import from_env

    for url in (servers.database_url, servers.tick_database_url):
        asyncio.run(migrate.upgrade(from_env(servers.env(url))))
    say("migrations applied to both databases")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--users", type=int, default=10_000, help="fan-out users (10,000)")
    parser.add_argument("--noop", type=int, default=20_000, help="no-op messages (20,000)")
    parser.add_argument("--tick-users", type=int, default=100_000, help="tick users (100,000)")
    parser.add_argument("--due-fraction", type=float, default=0.01, help="tick: due share (0.01)")
    parser.add_argument("--threads", type=int, default=8, help="worker threads (8)")
    parser.add_argument("--runs", type=int, default=20, help="find_due runs (20)")
    parser.add_argument("--timeout", type=float, default=900, help="fan-out limit, s (900)")
    parser.add_argument("--keep", action="store_true", help="keep var/bench-notify")
    args = parser.parse_args(argv)
    if args.users < 1 or args.noop < 1 or args.tick_users < 1 or args.runs < 1:
        parser.error("--users, --noop, --tick-users and --runs must be positive")
    if not 0 < args.due_fraction <= 1:
        parser.error("--due-fraction must be in (0, 1]")
    if not 1 <= args.threads <= 256:
        parser.error("--threads must be in 1..256")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.keep:
        shutil.rmtree(WORK_DIR, ignore_errors=True)
    servers = Servers(WORK_DIR, args.threads)
    with terminate_as_interrupt():
        try:
            servers.start()
            migrate(servers)
            a, b = asyncio.run(run(args, servers))
        except KeyboardInterrupt:
            say("interrupted: cleaning up")
            return 130
        except BenchError as exc:
            say(f"failed: {exc}")
            return 1
        finally:
            for sig in STOP_SIGNALS:  # a second Ctrl-C must not cut the clean-up short
                signal.signal(sig, signal.SIG_IGN)
            servers.close(args.keep)
    report(args, a, b)
    return 0


if __name__ == "__main__":
    sys.exit(main())
