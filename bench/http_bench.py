"""HTTP benchmark: req/s and p50/p99 of ``/healthz`` against an authenticated workouts page.

Run: ``.venv/bin/python bench/http_bench.py [--duration 10] [--connections 32] [--rounds 3]``
(also ``make bench``). See bench/README.md for what it measures and how to read it.

1. Set-up: the PostgreSQL / Redis that ``DATABASE_URL`` / ``REDIS_URL`` name (a fresh
   database ``rc_bench_<random>`` is created on that server and dropped afterwards; the
   Redis URL is used as given), or embedded servers under ``var/bench-<pid>`` (removed
   afterwards). Migrations, then ONLY the web process (Sanic, one worker), pinned to CPU 0.
2. Seed: two users registered through the API; 2,000 workouts over ~5.5 years for the
   measured one and a few hundred for the other, copied straight into PostgreSQL.
3. Load over loopback, keep-alive, bounded (fixed duration and a hard cap on requests),
   with ``wrk`` when it is on PATH, else a built-in generator (asyncio raw-socket HTTP/1.1
   in several processes), pinned to CPU 1.
4. Rounds interleave the targets (healthz, then the workouts page); medians are reported.
5. A table, the workouts/healthz ratio, the verdict on the issue's target, and a JSON file
   in bench/results/.
6. Everything it started is stopped, and the temporary database dropped, even on Ctrl-C.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import sys
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: bench/ is sys.path[0], not the project
    sys.path.insert(0, str(ROOT))

from bench.load import LoadResult, LoadSpec, Sampler, fmt, median, run_builtin, run_wrk  # noqa: E402
from bench.seed import Seeded, seed, seed_analytics, validate_analytics  # noqa: E402
from bench.stack import (  # noqa: E402
    CLIENT_CPU,
    DASHBOARD,
    HEALTHZ,
    LOAD,
    RESULTS_DIR,
    STOP_SIGNALS,
    WORKOUTS,
    BenchError,
    Stack,
    http_call,
    pinning,
    say,
    terminate_as_interrupt,
)

TARGET_CONNECTIONS = 32


@dataclass(frozen=True)
class Scenario:
    """What one run measures after /healthz, and the issue target it is judged against."""

    name: str
    targets: tuple[str, ...]
    judged: str  # the target of the verdict
    ratio: float  # its minimum share of the healthz rate
    p99_ms: float  # its maximum p99 at TARGET_CONNECTIONS

    @property
    def text(self) -> str:
        return (
            f"GET {self.judged} >= {self.ratio:.0%} of the healthz rate and p99 < "
            f"{self.p99_ms:g} ms at {TARGET_CONNECTIONS} connections"
        )


SCENARIOS = {
    "workouts": Scenario("workouts", (WORKOUTS,), WORKOUTS, 0.10, 50.0),
    "analytics": Scenario("analytics", (LOAD, DASHBOARD), DASHBOARD, 0.05, 100.0),
}


# --------------------------------------------------------------------------------------
# Checks


def validate(port: int, seeded: Seeded, scenario: Scenario) -> None:
    status, raw = http_call(port, "GET", HEALTHZ)
    if status != 200:
        raise BenchError(f"GET {HEALTHZ}: {status} {raw[:200]!r}")
    if scenario.name == "analytics":
        validate_analytics(port, seeded)
        return
    status, raw = http_call(port, "GET", WORKOUTS, token=seeded.token)
    if status != 200:
        raise BenchError(f"GET {WORKOUTS}: {status} {raw[:300]!r}")
    page = json.loads(raw)
    ids = [item["id"] for item in page.get("items", [])]
    if len(ids) != 20 or not page.get("next_cursor"):
        raise BenchError(f"GET {WORKOUTS}: expected 20 items and a next cursor, got {len(ids)}")
    if ids != seeded.newest_ids:
        raise BenchError(f"GET {WORKOUTS}: not the measured user's 20 newest workouts")
    say(f"checked: {HEALTHZ} 200; {WORKOUTS} 200 with the user's 20 newest ({len(raw):,} bytes)")


# --------------------------------------------------------------------------------------
# Report


CPU_FIELDS = (
    "web_cpu_pct",
    "postgres_cpu_pct",
    "loadgen_cpu_pct",
    "other_cpu_pct",
    "cpu0_busy_pct",
    "cpu1_busy_pct",
)


def summarise(rounds: list[dict[str, LoadResult]], scenario: Scenario) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for target in (HEALTHZ, *scenario.targets):
        runs = [r[target] for r in rounds]
        out[target] = {
            "rps": median([r.rps for r in runs]),
            "p50_ms": median([r.p50_ms for r in runs]),
            "p99_ms": median([r.p99_ms for r in runs]),
            "errors": sum(r.errors for r in runs),
            "requests": sum(r.requests for r in runs),
        }
        for key in CPU_FIELDS:
            out[target][key] = median([getattr(r, key) for r in runs])
    return out


def print_report(report: dict[str, Any]) -> None:
    setup = report["setup"]
    summary = report["summary"]
    print()
    print("RunCoach HTTP benchmark")
    print(f"  PostgreSQL : {setup['postgres']}")
    print(f"  Redis      : {setup['redis']}")
    print(f"  web        : sanic, 1 worker, LOG_LEVEL=WARNING, DB pool max {setup['db_pool_max']}")
    print(f"  load       : {setup['load_generator']}")
    print(
        f"  runs       : {setup['connections']} connections, keep-alive, {setup['duration_s']:g} s "
        f"measured (+{setup['warmup_s']:g} s warm-up) per target, {setup['rounds']} round(s), "
        f"cap {setup['max_requests']:,} requests per run"
    )
    print(f"  pinning    : {setup['pinning']}")
    print(
        f"  data       : {setup['workouts']:,} workouts for the measured user over ~5.5 years "
        f"(+{setup['other_workouts']:,} for another user)"
    )
    if setup["scenario"] == "analytics":
        print(
            "               + an HR profile, daily health metrics and the loads and daily "
            "load rows the training service derives"
        )
    targets = [HEALTHZ, *report["targets"]]
    print()
    head = f"{'target':<40}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}"
    head += "   CPU % web / PostgreSQL / load / other"
    print(head)
    print("-" * len(head))
    for target in targets:
        s = summary[target]
        cpu = " / ".join(
            fmt(s[k], 0) for k in ("web_cpu_pct", "postgres_cpu_pct", "loadgen_cpu_pct")
        )
        print(
            f"{'GET ' + target:<40}{fmt(s['rps'], 0):>9}{fmt(s['p50_ms']):>9}"
            f"{fmt(s['p99_ms']):>9}{s['errors']:>8}   {cpu} / {fmt(s['other_cpu_pct'], 0)}"
        )
    print(
        "(medians over the rounds; CPU in % of one core over the measured window, "
        "'other' = the rest of the machine's load)"
    )
    print()
    for target in report["targets"]:
        per_round = ", ".join(f"{r:.1f}" for r in report["ratios_pct"][target])
        print(
            f"{target} / healthz: {report['ratio_pct'][target]:.1f} % of the rate "
            f"(median of the per-round ratios: {per_round})"
        )
    if len(report["rounds"]) > 1:
        print(f"per round (req/s {' / '.join(targets)}):", end=" ")
        print(
            "; ".join(" / ".join(f"{r[t]['rps']:,.0f}" for t in targets) for r in report["rounds"])
        )
    for target in targets:
        if summary[target]["errors"]:
            samples = {r[target].get("error_sample") for r in report["rounds"]} - {None}
            print(f"errors on {target}: {summary[target]['errors']} ({'; '.join(samples)})")
    for note in report["notes"]:
        print(f"note: {note}")
    verdict = report["target"]
    print(f"\nIssue target ({verdict['text']}): {verdict['verdict']}")
    for reason in verdict["reasons"]:
        print(f"  - {reason}")


def judge(
    args: argparse.Namespace, scenario: Scenario, summary: dict[str, Any], ratio_pct: float
) -> dict[str, Any]:
    w = summary[scenario.judged]
    ratio_ok = ratio_pct >= scenario.ratio * 100
    p99_ok = w["p99_ms"] < scenario.p99_ms
    reasons = [
        f"ratio {ratio_pct:.1f} % {'>=' if ratio_ok else '<'} {scenario.ratio * 100:.0f} %",
        f"p99 {w['p99_ms']:.1f} ms {'<' if p99_ok else '>='} {scenario.p99_ms:g} ms",
    ]
    met = ratio_ok and p99_ok
    errors = sum(summary[t]["errors"] for t in (HEALTHZ, *scenario.targets))
    if errors:
        reasons.append(f"{errors} errors: the run is not valid")
        met = False
    if args.connections != TARGET_CONNECTIONS:
        verdict = f"not judged (ran at {args.connections} connections)"
    else:
        verdict = "MET" if met else "NOT MET"
    return {"text": scenario.text, "met": met, "verdict": verdict, "reasons": reasons}


# --------------------------------------------------------------------------------------
# The runs and the CLI


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per run (10)")
    parser.add_argument("--connections", type=int, default=32, help="keep-alive connections (32)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of healthz+workouts (3)")
    parser.add_argument("--warmup", type=float, default=1.0, help="warm-up seconds per run (1)")
    parser.add_argument(
        "--max-requests",
        type=int,
        default=1_000_000,
        help="hard cap on the requests of one run (1,000,000)",
    )
    parser.add_argument(
        "--loadgen",
        choices=["auto", "wrk", "builtin"],
        default="auto",
        help="wrk when on PATH (auto), or the built-in generator",
    )
    parser.add_argument(
        "--processes", type=int, default=2, help="built-in generator: processes (2)"
    )
    parser.add_argument("--wrk-threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--no-json", action="store_true", help="do not write bench/results/")
    parser.add_argument(
        "--scenario",
        choices=sorted(SCENARIOS),
        default="workouts",
        help="workouts: the workouts page (default); analytics: /analytics/load?days=365 and "
        "/dashboard/summary for an athlete with 5 years of data",
    )
    args = parser.parse_args(argv)
    if not 0 < args.duration <= 600:
        parser.error("--duration must be in (0, 600]")
    if not 1 <= args.connections <= 1024:
        parser.error("--connections must be in 1..1024")
    if not 1 <= args.rounds <= 20:
        parser.error("--rounds must be in 1..20")
    if not 0 <= args.warmup <= 60:
        parser.error("--warmup must be in 0..60")
    if args.max_requests < args.connections:
        parser.error("--max-requests must be at least --connections")
    if args.loadgen == "wrk" and not shutil.which("wrk"):
        parser.error("wrk is not on PATH")
    return args


def measure(
    args: argparse.Namespace,
    scenario: Scenario,
    stack: Stack,
    seeded: Seeded,
    use_wrk: bool,
    client_cpu: int | None,
) -> list[dict[str, LoadResult]]:
    """The rounds: in each, healthz then the scenario's targets, under the same load."""
    rounds: list[dict[str, LoadResult]] = []
    for n in range(1, args.rounds + 1):
        this: dict[str, LoadResult] = {}
        targets = [(HEALTHZ, None)] + [(t, seeded.token) for t in scenario.targets]
        for path, token in targets:
            spec = LoadSpec(
                port=stack.port,
                path=path,
                token=token,
                connections=args.connections,
                warmup_s=args.warmup,
                duration_s=args.duration,
                max_requests=args.max_requests,
                client_cpu=client_cpu,
            )
            sampler = Sampler(stack.web_pids, stack.postmaster_pid())
            if use_wrk:
                result = run_wrk(spec, stack.work_dir, args.wrk_threads, sampler)
            else:
                result = run_builtin(spec, args.processes, sampler)
            if stack.web is not None and stack.web.poll() is not None:
                raise BenchError(f"the web process died\n{stack.log_tail()}")
            if result.requests == 0:
                raise BenchError(
                    f"no request to {path} completed in the measured window "
                    "(--max-requests too low?)"
                )
            this[path] = result
            say(
                f"round {n}/{args.rounds} {path}: {result.rps:,.0f} req/s, "
                f"p50 {result.p50_ms:.2f} ms, p99 {result.p99_ms:.2f} ms, "
                f"{result.errors} errors; CPU % web {fmt(result.web_cpu_pct, 0)}, "
                f"PostgreSQL {fmt(result.postgres_cpu_pct, 0)}, "
                f"load {fmt(result.loadgen_cpu_pct, 0)}, "
                f"other {fmt(result.other_cpu_pct, 0)}"
            )
        rounds.append(this)
    return rounds


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    scenario = SCENARIOS[args.scenario]
    use_wrk = args.loadgen == "wrk" or (args.loadgen == "auto" and shutil.which("wrk") is not None)
    pinned, pin_text = pinning()
    client_cpu = CLIENT_CPU if pinned else None
    stack = Stack(
        work_dir=ROOT / "var" / f"bench-{os.getpid()}",
        external_db=os.environ.get("DATABASE_URL") or None,
        external_redis=os.environ.get("REDIS_URL") or None,
    )
    with terminate_as_interrupt():
        try:
            stack.start()
            seeded = seed(stack)
            if scenario.name == "analytics":
                seed_analytics(stack, seeded)
            validate(stack.port, seeded, scenario)
            loadgen = (
                f"wrk, {args.wrk_threads} threads"
                if use_wrk
                else f"built-in asyncio raw-socket HTTP/1.1, {args.processes} processes"
            )
            say(f"load: {loadgen}; {pin_text}")
            rounds = measure(args, scenario, stack, seeded, use_wrk, client_cpu)
            report = build_report(args, scenario, stack, seeded, rounds, loadgen, pin_text)
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
    print_report(report)
    if not args.no_json:
        path = write_json(report)
        print(f"\nresults: {path.relative_to(ROOT)}")
    return 0


def build_report(
    args: argparse.Namespace,
    scenario: Scenario,
    stack: Stack,
    seeded: Seeded,
    rounds: list[dict[str, LoadResult]],
    loadgen: str,
    pin_text: str,
) -> dict[str, Any]:
    from runcoach.config import from_env

    summary = summarise(rounds, scenario)
    ratios = {
        t: [100 * r[t].rps / r[HEALTHZ].rps for r in rounds if r[HEALTHZ].rps]
        for t in scenario.targets
    }
    ratio_pct = {
        t: round(statistics.median(v), 2) if v else float("nan") for t, v in ratios.items()
    }
    notes = []
    for target in (HEALTHZ, *scenario.targets):
        s = summary[target]
        if s["loadgen_cpu_pct"] > 90 and s["web_cpu_pct"] < 90:
            notes.append(
                f"on {target} the load generator used {s['loadgen_cpu_pct']:.0f} % of its core "
                f"and the web process only {s['web_cpu_pct']:.0f} %: the load generator may "
                "be the limit there"
            )
        if s["other_cpu_pct"] > 25:
            notes.append(
                f"on {target} other processes used {s['other_cpu_pct']:.0f} % of a core "
                "(another job on the machine?): compare ratios rather than absolute rates"
            )
    if any(r[t].capped for r in rounds for t in r):
        notes.append("a run hit --max-requests before its duration ended")
    return {
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "setup": {
            "scenario": scenario.name,
            "postgres": stack.postgres_label,
            "redis": stack.redis_label,
            "db_pool_max": from_env(stack.env()).db_pool_max,
            "load_generator": loadgen,
            "connections": args.connections,
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "rounds": args.rounds,
            "max_requests": args.max_requests,
            "pinning": pin_text,
            "workouts": seeded.workouts,
            "other_workouts": seeded.other_workouts,
            "python": sys.version.split()[0],
            "cpus": os.cpu_count(),
        },
        "summary": summary,
        "targets": list(scenario.targets),
        "ratio_pct": ratio_pct,
        "ratios_pct": {t: [round(r, 2) for r in v] for t, v in ratios.items()},
        "rounds": [{t: asdict(res) for t, res in r.items()} for r in rounds],
        "notes": notes,
        "target": judge(args, scenario, summary, ratio_pct[scenario.judged]),
    }


def write_json(report: dict[str, Any]) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    ignore = RESULTS_DIR / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*.json\n")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS_DIR / f"http_bench-{report['setup']['scenario']}-{stamp}.json"
    path.write_text(json.dumps(report, indent=2, default=str) + "\n")
    return path


if __name__ == "__main__":
    sys.exit(main())
