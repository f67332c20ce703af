"""Login burst: ``/healthz`` latency while idle and during bursts of concurrent logins.

Run: ``.venv/bin/python bench/login_burst.py [--logins 50] [--rounds 3] [--imports 0]``
(also ``make bench-login``). See bench/README.md.

1. Set-up as ``http_bench.py`` (the PostgreSQL/Redis of ``DATABASE_URL``/``REDIS_URL``, else
   embedded ones; ONLY the web process, one Sanic worker pinned to CPU 0), with the login
   throttle's limits raised so that the burst measures hashing, not the throttle.
2. ``--logins`` athletes registered through the API.
3. A probe thread sends ``GET /healthz`` on one keep-alive connection, one request after
   the other, for the whole run; this process is pinned to CPU 1.
4. Each round: ``--idle`` seconds of the probe alone, then a burst: ``--logins`` logins at
   once (a third with the right password, a third with a wrong one, a third for unknown
   emails), until every one is answered. With ``--imports N``, a third phase sends N
   imports of a large GPX file at once (the parsing case: pure Python, holds the GIL).
5. The probe's p50/p99 while idle and during each burst (all rounds pooled), the ratio of
   the burst p99 to the idle p99, the login answers, and the verdict on the target: healthz
   p99 < 20 ms during 50 concurrent logins.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.client
import json
import os
import secrets
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: bench/ is sys.path[0], not the project
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from bench.load import percentile  # noqa: E402
from bench.stack import (  # noqa: E402
    CLIENT_CPU,
    HEALTHZ,
    STOP_SIGNALS,
    BenchError,
    Stack,
    http_call,
    pinning,
    say,
    terminate_as_interrupt,
)

TARGET_P99_MS = 20.0
LOGIN = "/api/v1/auth/login"
IMPORT = "/api/v1/workouts/import"


@dataclass
class Athlete:
    email: str
    password: str
    token: str


@dataclass
class Probe:
    """``GET /healthz`` in a closed loop on one keep-alive connection, from a thread."""

    port: int
    samples: list[tuple[float, float]] = field(default_factory=list)  # (sent at, latency s)
    errors: int = 0
    stop: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None

    def start(self) -> None:
        self.thread = threading.Thread(target=self._run, name="healthz-probe", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        while not self.stop.is_set():
            sent = time.perf_counter()
            try:
                conn.request("GET", HEALTHZ)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            if ok:
                self.samples.append((sent, time.perf_counter() - sent))
            else:
                self.errors += 1
                time.sleep(0.01)
        conn.close()

    def close(self) -> None:
        self.stop.set()
        if self.thread is not None:
            self.thread.join(35)

    def window(self, start: float, end: float) -> list[float]:
        """Latencies in ms of the probes sent in [start, end)."""
        return [lat * 1000 for sent, lat in list(self.samples) if start <= sent < end]


def register(port: int, count: int) -> list[Athlete]:
    athletes = []
    for n in range(count):
        email = f"burst-{n}-{secrets.token_hex(4)}@example.com"
        password = secrets.token_urlsafe(18)
        body = {"email": email, "password": password, "name": f"Burst {n}"}
        status, raw = http_call(port, "POST", "/api/v1/auth/register", body=body, timeout=60)
        if status != 201:
            raise BenchError(f"register {email}: {status} {raw[:300]!r}")
        athletes.append(Athlete(email, password, json.loads(raw)["access_token"]))
    return athletes


def login_bodies(athletes: list[Athlete]) -> list[dict[str, str]]:
    """One login per athlete: right password, wrong password, unknown email, in turn."""
    bodies = []
    for n, a in enumerate(athletes):
        if n % 3 == 0:
            bodies.append({"email": a.email, "password": a.password})
        elif n % 3 == 1:
            bodies.append({"email": a.email, "password": a.password + "-wrong"})
        else:
            bodies.append({"email": f"nobody-{n}-{a.email}", "password": a.password})
    return bodies


async def _burst(port: int, requests: list[dict[str, object]]) -> dict[str, int]:
    """Send every request at once (one connection each); the count of each status."""
    statuses: dict[str, int] = {}
    limits = httpx.Limits(max_connections=len(requests), max_keepalive_connections=0)
    async with httpx.AsyncClient(
        base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=120
    ) as client:
        gate = asyncio.Event()

        async def one(spec: dict[str, object]) -> None:
            await gate.wait()
            try:
                response = await client.request(**spec)  # type: ignore[arg-type]
                key = str(response.status_code)
            except httpx.HTTPError as exc:
                key = type(exc).__name__
            statuses[key] = statuses.get(key, 0) + 1

        tasks = [asyncio.create_task(one(spec)) for spec in requests]
        await asyncio.sleep(0.05)
        gate.set()
        await asyncio.gather(*tasks)
    return statuses


def big_gpx() -> bytes:
    from tests.support.filegen import make_gpx, run_samples

    return make_gpx(run_samples(21_097.5, pace_s_per_km=330))  # a half marathon, 1 Hz


def summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "count": len(ordered),
        "p50_ms": round(percentile(ordered, 50), 2),
        "p99_ms": round(percentile(ordered, 99), 2),
        "max_ms": round(ordered[-1], 2) if ordered else float("nan"),
    }


def measure(args: argparse.Namespace, port: int, athletes: list[Athlete]) -> dict[str, object]:
    probe = Probe(port)
    probe.start()
    idle: list[float] = []
    phases: dict[str, list[float]] = {"logins": []}
    answers: dict[str, dict[str, int]] = {"logins": {}}
    durations: dict[str, list[float]] = {"logins": []}
    logins = [{"method": "POST", "url": LOGIN, "json": b} for b in login_bodies(athletes)]
    uploads: list[dict[str, object]] = []
    if args.imports:
        data = big_gpx()
        say(f"imports: {args.imports} x a {len(data) / 1e6:.1f} MB GPX at once")
        phases["imports"], answers["imports"], durations["imports"] = [], {}, []
        for n in range(args.imports):
            token = athletes[n % len(athletes)].token
            # the same file for each athlete once, then a fresh start time: no duplicates
            uploads.append({
                "method": "POST",
                "url": IMPORT,
                "headers": {"Authorization": f"Bearer {token}"},
                "files": {"file": ("run.gpx", data, "application/gpx+xml")},
            })  # fmt: skip
    try:
        time.sleep(1.0)  # the probe's connection is warm
        for n in range(1, args.rounds + 1):
            start = time.perf_counter()
            time.sleep(args.idle)
            idle += probe.window(start, time.perf_counter())
            plan: list[tuple[str, list[dict[str, object]]]] = [("logins", logins)]
            if uploads and n == 1:  # once: a second import of the same file is a 409
                plan.append(("imports", uploads))
            for name, requests in plan:
                began = time.perf_counter()
                got = asyncio.run(_burst(port, requests))
                ended = time.perf_counter()
                phases[name] += probe.window(began, ended)
                durations[name].append(ended - began)
                for key, count in got.items():
                    answers[name][key] = answers[name].get(key, 0) + count
                say(
                    f"round {n}/{args.rounds} {name}: {len(requests)} at once answered in "
                    f"{ended - began:.2f} s: {dict(sorted(got.items()))}"
                )
                time.sleep(0.5)
    finally:
        probe.close()
    return {
        "idle": summary(idle),
        **{name: summary(values) for name, values in phases.items()},
        "answers": answers,
        "burst_s": {name: [round(d, 2) for d in ds] for name, ds in durations.items()},
        "probe_errors": probe.errors,
    }


def report(args: argparse.Namespace, stack: Stack, result: dict[str, object]) -> bool:
    idle = result["idle"]
    assert isinstance(idle, dict)
    print()
    print("RunCoach login burst")
    print(f"  servers : PostgreSQL {stack.postgres_label}; Redis {stack.redis_label}")
    print(f"  pinning : {pinning()[1]}")
    print(f"  bursts  : {args.rounds} x {args.logins} concurrent logins (1/3 right password, "
          f"1/3 wrong, 1/3 unknown email), {args.idle:g} s idle before each")  # fmt: skip
    print()
    print(f"  {'GET /healthz':<28} {'probes':>7} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} "
          f"{'p99 / idle':>10}")  # fmt: skip
    ok = True
    for name in ("idle", "logins", "imports"):
        row = result.get(name)
        if not isinstance(row, dict):
            continue
        ratio = row["p99_ms"] / idle["p99_ms"] if idle["p99_ms"] else float("nan")
        label = "idle" if name == "idle" else f"during {name}"
        print(f"  {label:<28} {row['count']:>7} {row['p50_ms']:>8.2f} {row['p99_ms']:>8.2f} "
              f"{row['max_ms']:>8.2f} {ratio:>10.1f}")  # fmt: skip
    print()
    print(f"  answers : {json.dumps(result['answers'])}")
    print(f"  bursts  : seconds to answer all {json.dumps(result['burst_s'])}; "
          f"probe errors {result['probe_errors']}")  # fmt: skip
    logins = result["logins"]
    assert isinstance(logins, dict)
    answers = result["answers"]
    assert isinstance(answers, dict)
    server_errors = sum(c for k, c in answers["logins"].items() if not k.startswith(("2", "4")))
    ok = logins["p99_ms"] < TARGET_P99_MS and not server_errors
    verdict = "PASS" if ok else "FAIL"
    print(f"\n  healthz p99 during {args.logins} concurrent logins: {logins['p99_ms']:.2f} ms "
          f"({verdict} < {TARGET_P99_MS:g} ms; idle p99 {idle['p99_ms']:.2f} ms)")  # fmt: skip
    return ok


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--logins", type=int, default=50, help="concurrent logins (50)")
    parser.add_argument("--rounds", type=int, default=3, help="bursts (3)")
    parser.add_argument("--idle", type=float, default=3.0, help="idle seconds per round (3)")
    parser.add_argument("--imports", type=int, default=0, help="concurrent GPX imports (0)")
    parser.add_argument("--cpu-pool-size", type=int, default=None, help="CPU_POOL_SIZE")
    args = parser.parse_args(argv)
    if not 1 <= args.logins <= 500 or not 1 <= args.rounds <= 20 or not 0 <= args.imports <= 50:
        parser.error("--logins in 1..500, --rounds in 1..20, --imports in 0..50")
    if not 0.5 <= args.idle <= 60:
        parser.error("--idle in 0.5..60")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    pinned, _ = pinning()
    if pinned:
        with contextlib.suppress(OSError):
            os.sched_setaffinity(0, {CLIENT_CPU})
    extra: dict[str, str] = {}  # the login limits are lifted by Stack, as for every bench
    if args.cpu_pool_size:
        extra["CPU_POOL_SIZE"] = str(args.cpu_pool_size)
    stack = Stack(
        work_dir=ROOT / "var" / f"bench-login-{os.getpid()}",
        external_db=os.environ.get("DATABASE_URL") or None,
        external_redis=os.environ.get("REDIS_URL") or None,
        extra_env=extra,
    )
    ok = False
    with terminate_as_interrupt():
        try:
            stack.start()
            say(f"registering {args.logins} athletes")
            athletes = register(stack.port, args.logins)
            result = measure(args, stack.port, athletes)
            if stack.web is not None and stack.web.poll() is not None:
                raise BenchError("the web process died")
            ok = report(args, stack, result)
        except KeyboardInterrupt:
            say("interrupted: cleaning up")
            return 130
        except BenchError as exc:
            say(f"failed: {exc}")
            return 1
        finally:
            for sig in STOP_SIGNALS:  # a second Ctrl-C must not cut the clean-up short
                signal.signal(sig, signal.SIG_IGN)
            stack.close()
    return 0 if ok else 2


if __name__ == "__main__":
    sys.exit(main())
