"""Cache benchmark: cached and uncached reads of the dashboard, workouts and a year of load.

Run: ``.venv/bin/python bench/cache_bench.py [--duration 5] [--connections 32] [--rounds 3]``
(also ``make bench-cache``). See bench/README.md.

1. Set-up as ``http_bench.py`` (the PostgreSQL/Redis of ``DATABASE_URL``/``REDIS_URL``, else
   embedded ones), the analytics athlete (2,000 workouts over 5.5 years, daily metrics,
   derived loads), and TWO web processes pinned to the same CPU, one at a time under load:
   one with the cache (the default) and one with ``CACHE_ENABLED=0``.
2. Rounds interleave: ``/healthz`` (cached server), then each target on the cached
   server and on the uncached one, at the same connection count; medians are reported.
3. Targets (issue 6): a cached read >= 40 % of the healthz rate, cached p99 < 10 ms, and the
   cached dashboard >= 10 x the uncached one.
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: bench/ is sys.path[0], not the project
    sys.path.insert(0, str(ROOT))

from bench.load import LoadResult, LoadSpec, Sampler, run_builtin  # noqa: E402
from bench.seed import seed, seed_analytics, validate_analytics  # noqa: E402
from bench.stack import (  # noqa: E402
    CLIENT_CPU,
    DASHBOARD,
    HEALTHZ,
    LOAD,
    STOP_SIGNALS,
    STOP_TIMEOUT_S,
    BenchError,
    Stack,
    pinning,
    say,
    terminate_as_interrupt,
)

WORKOUTS = "/api/v1/workouts"
TARGETS = (DASHBOARD, WORKOUTS, LOAD)
MIN_HEALTHZ_SHARE = 0.40
MAX_CACHED_P99_MS = 10.0
MIN_DASHBOARD_SPEEDUP = 10.0


@dataclass
class Web:
    """One web process of the run."""

    label: str
    port: int
    pids: list[int]
    popen: subprocess.Popen[bytes] | None


def start_uncached(stack: Stack) -> Web:
    """A second web process on the same stack, with ``CACHE_ENABLED=0``."""
    first = (stack.web, stack.port, stack.web_pids, stack._web_log)
    stack.extra_env = {"CACHE_ENABLED": "0"}
    try:
        stack.start_web()
        return Web("uncached", stack.port, stack.web_pids, stack.web)
    finally:
        stack.web, stack.port, stack.web_pids, stack._web_log = first
        stack.extra_env = {}


def stop(web: Web) -> None:
    if web.popen is None or web.popen.poll() is not None:
        return
    os.killpg(web.popen.pid, signal.SIGTERM)
    try:
        web.popen.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(web.popen.pid, signal.SIGKILL)
        web.popen.wait()


def header(port: int, path: str, token: str, name: str) -> str | None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise BenchError(f"GET {path} on port {port}: {response.status}")
        return response.getheader(name)
    finally:
        conn.close()


def check(cached: Web, uncached: Web, token: str) -> None:
    """The cached server serves hits; the uncached one never caches; both answer the same."""
    for path in TARGETS:
        header(cached.port, path, token, "x-cache")
        if header(cached.port, path, token, "x-cache") != "hit":
            raise BenchError(f"GET {path}: the second read on the cached server is not a hit")
        if header(uncached.port, path, token, "x-cache") != "bypass":
            raise BenchError(f"GET {path}: the uncached server used the cache")
        if header(cached.port, path, token, "etag") != header(uncached.port, path, token, "etag"):
            raise BenchError(f"GET {path}: cached and uncached answers differ")
    say("checked: second reads are hits on the cached server, identical bodies (ETags) on both")


def run(spec: LoadSpec, web: Web, args: argparse.Namespace, postmaster: int | None) -> LoadResult:
    result = run_builtin(spec, args.processes, Sampler(web.pids, postmaster))
    if web.popen is not None and web.popen.poll() is not None:
        raise BenchError(f"the {web.label} web process died")
    if result.requests == 0:
        raise BenchError(f"no request to {spec.path} completed on the {web.label} server")
    return result


def measure(
    args: argparse.Namespace, stack: Stack, cached: Web, uncached: Web, token: str
) -> list[dict[str, LoadResult]]:
    pinned, _ = pinning()
    client_cpu = CLIENT_CPU if pinned else None
    rounds: list[dict[str, LoadResult]] = []
    plan: list[tuple[str, Web, str, str | None]] = [("healthz", cached, HEALTHZ, None)]
    for path in TARGETS:
        plan.append((f"{path} cached", cached, path, token))
        plan.append((f"{path} uncached", uncached, path, token))
    for n in range(1, args.rounds + 1):
        this: dict[str, LoadResult] = {}
        for label, web, path, bearer in plan:
            uncached_run = web is uncached
            spec = LoadSpec(
                port=web.port,
                path=path,
                token=bearer,
                connections=args.connections,
                warmup_s=args.warmup,
                duration_s=args.uncached_duration if uncached_run else args.duration,
                max_requests=args.max_requests,
                client_cpu=client_cpu,
            )
            result = run(spec, web, args, stack.postmaster_pid())
            this[label] = result
            say(
                f"round {n}/{args.rounds} {label}: {result.rps:,.0f} req/s, "
                f"p50 {result.p50_ms:.2f} ms, p99 {result.p99_ms:.2f} ms, {result.errors} errors"
            )
        rounds.append(this)
    return rounds


def summarise(rounds: list[dict[str, LoadResult]]) -> dict[str, dict[str, float]]:
    return {
        label: {
            "rps": statistics.median(r[label].rps for r in rounds),
            "p50_ms": statistics.median(r[label].p50_ms for r in rounds),
            "p99_ms": statistics.median(r[label].p99_ms for r in rounds),
            "errors": sum(r[label].errors for r in rounds),
        }
        for label in rounds[0]
    }


def report(args: argparse.Namespace, stack: Stack, table: dict[str, dict[str, float]]) -> bool:
    healthz = table["healthz"]["rps"]
    print()
    print("RunCoach cache benchmark")
    print(f"  servers : PostgreSQL {stack.postgres_label}; Redis {stack.redis_label}")
    print(f"  load    : {args.connections} connections, {args.rounds} rounds (medians), "
          f"built-in generator ({args.processes} processes); {pinning()[1]}")  # fmt: skip
    print()
    columns = f"{'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'of healthz':>10} {'errors':>6}"
    print(f"  {'GET':<38} {columns}")
    for label, row in table.items():
        share = row["rps"] / healthz
        print(f"  {label:<38} {row['rps']:>9,.0f} {row['p50_ms']:>8.2f} {row['p99_ms']:>8.2f} "
              f"{share:>10.0%} {int(row['errors']):>6}")  # fmt: skip
    print()
    ok = True
    for path in TARGETS:
        cached, uncached = table[f"{path} cached"], table[f"{path} uncached"]
        share = cached["rps"] / healthz
        speedup = cached["rps"] / uncached["rps"]
        verdicts = [
            f"{share:.0%} of healthz ({'PASS' if share >= MIN_HEALTHZ_SHARE else 'FAIL'} >= 40%)",
            f"p99 {cached['p99_ms']:.2f} ms "
            f"({'PASS' if cached['p99_ms'] < MAX_CACHED_P99_MS else 'FAIL'} < 10)",
            f"{speedup:.1f} x uncached",
        ]
        ok = ok and share >= MIN_HEALTHZ_SHARE and cached["p99_ms"] < MAX_CACHED_P99_MS
        if path == DASHBOARD:
            passed = speedup >= MIN_DASHBOARD_SPEEDUP
            verdicts[-1] += f" ({'PASS' if passed else 'FAIL'} >= 10)"
            ok = ok and passed
        print(f"  {path:<38} " + "; ".join(verdicts))
    errors = sum(int(row["errors"]) for row in table.values())
    print(f"\n  errors: {errors}; targets: {'all PASS' if ok and not errors else 'not all met'}")
    return ok


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per cached run (5)")
    parser.add_argument("--uncached-duration", type=float, default=5.0, help="uncached (5)")
    parser.add_argument("--connections", type=int, default=32, help="connections (32)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds (3)")
    parser.add_argument("--warmup", type=float, default=1.0, help="warm-up seconds per run (1)")
    parser.add_argument("--processes", type=int, default=2, help="load generator processes (2)")
    parser.add_argument("--max-requests", type=int, default=1_000_000, help="cap per run")
    args = parser.parse_args(argv)
    if not 0 < args.duration <= 600 or not 0 < args.uncached_duration <= 600:
        parser.error("durations must be in (0, 600]")
    if not 1 <= args.rounds <= 20 or not 1 <= args.connections <= 1024:
        parser.error("--rounds must be in 1..20 and --connections in 1..1024")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    stack = Stack(
        work_dir=ROOT / "var" / f"bench-cache-{os.getpid()}",
        external_db=os.environ.get("DATABASE_URL") or None,
        external_redis=os.environ.get("REDIS_URL") or None,
    )
    uncached: Web | None = None
    ok = False
    with terminate_as_interrupt():
        try:
            stack.start()
            seeded = seed(stack)
            seed_analytics(stack, seeded)
            validate_analytics(stack.port, seeded)
            cached = Web("cached", stack.port, stack.web_pids, stack.web)
            uncached = start_uncached(stack)
            check(cached, uncached, seeded.token)
            rounds = measure(args, stack, cached, uncached, seeded.token)
            ok = report(args, stack, summarise(rounds))
        except KeyboardInterrupt:
            say("interrupted: cleaning up")
            return 130
        except BenchError as exc:
            say(f"failed: {exc}")
            return 1
        finally:
            for sig in STOP_SIGNALS:  # a second Ctrl-C must not cut the clean-up short
                signal.signal(sig, signal.SIG_IGN)
            if uncached is not None:
                stop(uncached)
            stack.close()
    return 0 if ok else 2


if __name__ == "__main__":
    sys.exit(main())
