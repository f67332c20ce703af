"""The load generator: bounded keep-alive HTTP/1.1 load, latency percentiles, CPU shares.

``run_builtin`` drives the load from several processes (asyncio raw sockets), pinned to
the client CPU; ``run_wrk`` runs ``wrk`` with a Lua script that records the same
figures. A ``Sampler`` says where the CPU time went over the measured window.
"""

from __future__ import annotations

import array
import asyncio
import contextlib
import functools
import json
import math
import multiprocessing
import os
import re
import resource
import secrets
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.stack import CLIENT_CPU, SERVER_CPU, BenchError, cpu_times, process_tree, processes

REQUEST_TIMEOUT_S = 5.0


@dataclass
class LoadSpec:
    port: int
    path: str
    token: str | None
    connections: int
    warmup_s: float
    duration_s: float
    max_requests: int
    client_cpu: int | None

    def request_bytes(self) -> bytes:
        lines = [
            f"GET {self.path} HTTP/1.1",
            f"Host: 127.0.0.1:{self.port}",
            "Accept: application/json",
            "Connection: keep-alive",
        ]
        if self.token:
            lines.append(f"Authorization: Bearer {self.token}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode()


@dataclass
class LoadResult:
    requests: int  # completed in the measured window
    errors: int  # non-2xx answers and socket errors/timeouts in the window
    elapsed_s: float
    rps: float
    p50_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float
    statuses: dict[str, int] = field(default_factory=dict)
    error_sample: str | None = None
    # CPU use over the measured window, in % of one core (both CPUs: up to 200 %)
    web_cpu_pct: float | None = None
    postgres_cpu_pct: float | None = None
    loadgen_cpu_pct: float | None = None
    other_cpu_pct: float | None = None
    cpu0_busy_pct: float | None = None
    cpu1_busy_pct: float | None = None
    capped: bool = False


def percentile(ordered: list[float], q: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not ordered:
        return float("nan")
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


_CONTENT_LENGTH = re.compile(rb"\r\ncontent-length:[ \t]*(\d+)", re.IGNORECASE)
_CONNECTION_CLOSE = re.compile(rb"\r\nconnection:[ \t]*close", re.IGNORECASE)


class _Run:
    """One load process's shared state: the clock window, the cap and the records."""

    def __init__(self, spec: LoadSpec, start_at: float, cap: int) -> None:
        self.request = spec.request_bytes()
        self.warm_end = start_at + spec.warmup_s
        self.deadline = self.warm_end + spec.duration_s
        self.cap = cap  # for the warm-up and, again, for the measured window
        self.warm_sent = 0
        self.sent = 0
        self.latencies = array.array("d")
        self.errors = 0
        self.statuses: dict[str, int] = {}
        self.error_sample: str | None = None
        self.last_done = self.warm_end

    def may_send(self) -> bool:
        now = time.monotonic()
        if now < self.warm_end:
            return self.warm_sent < self.cap
        return self.sent < self.cap and now < self.deadline

    def count_sent(self) -> None:
        if time.monotonic() < self.warm_end:
            self.warm_sent += 1
        else:
            self.sent += 1

    def record(self, status: int, latency_s: float) -> None:
        now = time.monotonic()
        if now < self.warm_end or now > self.deadline:
            return
        self.last_done = now
        key = str(status)
        self.statuses[key] = self.statuses.get(key, 0) + 1
        if 200 <= status < 300:
            self.latencies.append(latency_s)
        else:
            self.errors += 1
            self.error_sample = self.error_sample or f"HTTP {status}"

    def error(self, what: str) -> None:
        now = time.monotonic()
        if self.warm_end <= now <= self.deadline:
            self.errors += 1
            self.error_sample = self.error_sample or what


class _Client(asyncio.Protocol):
    """One keep-alive connection: one request in flight, answers framed by Content-Length."""

    def __init__(self, run: _Run, done: asyncio.Future[None]) -> None:
        self.run = run
        self.done = done
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.need: int | None = None
        self.status = 0
        self.close_after = False
        self.sent_at = 0.0
        self.in_flight = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]  # uvloop's is no subclass
        self._send()

    def _send(self) -> None:
        assert self.transport is not None
        if not self.run.may_send():
            self._finish()
            return
        self.run.count_sent()
        self.in_flight = True
        self.sent_at = time.perf_counter()
        self.transport.write(self.run.request)

    def _finish(self) -> None:
        if self.transport is not None:
            self.transport.close()
        if not self.done.done():
            self.done.set_result(None)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            if self.need is None:
                end = self.buffer.find(b"\r\n\r\n")
                if end < 0:
                    if len(self.buffer) > 65_536:
                        self._fail("response head over 64 KiB")
                    return
                head = bytes(self.buffer[: end + 2])
                length = _CONTENT_LENGTH.search(head)
                try:
                    self.status = int(head[9:12])
                except ValueError:
                    self._fail(f"bad status line {head[:40]!r}")
                    return
                if length is None:
                    self._fail(f"HTTP {self.status} without Content-Length")
                    return
                self.close_after = _CONNECTION_CLOSE.search(head) is not None
                self.need = end + 4 + int(length.group(1))
            if len(self.buffer) < self.need:
                return
            del self.buffer[: self.need]
            self.need = None
            self.in_flight = False
            self.run.record(self.status, time.perf_counter() - self.sent_at)
            if self.close_after:
                self._finish()
                return
            self._send()
            if not self.buffer or self.done.done():
                return

    def _fail(self, what: str) -> None:
        self.run.error(what)
        self.in_flight = False
        self._finish()

    def connection_lost(self, exc: Exception | None) -> None:
        if self.in_flight:
            self.run.error(f"connection lost: {exc or 'closed by the server'}")
        if not self.done.done():
            self.done.set_result(None)


async def _connection(spec: LoadSpec, run: _Run) -> None:
    loop = asyncio.get_running_loop()
    while run.may_send() or time.monotonic() < run.warm_end:
        if not run.may_send():  # the warm-up hit the cap: wait for the measured window
            await asyncio.sleep(max(0.0, run.warm_end - time.monotonic()))
            continue
        done: asyncio.Future[None] = loop.create_future()
        try:
            transport, _ = await asyncio.wait_for(
                loop.create_connection(
                    functools.partial(_Client, run, done), "127.0.0.1", spec.port
                ),
                timeout=REQUEST_TIMEOUT_S,
            )
        except (OSError, TimeoutError) as exc:
            run.error(f"connect: {type(exc).__name__}: {exc}")
            await asyncio.sleep(0.05)
            continue
        left = max(0.0, run.deadline - time.monotonic()) + REQUEST_TIMEOUT_S
        try:
            await asyncio.wait_for(asyncio.shield(done), timeout=left)
        except TimeoutError:
            run.error(f"no answer in {REQUEST_TIMEOUT_S:.0f}s")
            transport.abort()
            return


async def _drive(spec: LoadSpec, start_at: float, cap: int, connections: int) -> dict[str, Any]:
    run = _Run(spec, start_at, cap)
    usage: dict[str, float] = {}

    def snap(name: str) -> None:
        ru = resource.getrusage(resource.RUSAGE_SELF)
        usage[name] = ru.ru_utime + ru.ru_stime

    loop = asyncio.get_running_loop()
    loop.call_at(loop.time() + max(0.0, run.warm_end - time.monotonic()), snap, "start")
    loop.call_at(loop.time() + max(0.0, run.deadline - time.monotonic()), snap, "end")
    await asyncio.sleep(max(0.0, start_at - time.monotonic()))
    await asyncio.gather(*(_connection(spec, run) for _ in range(connections)))
    if "end" not in usage:
        snap("end")
    usage.setdefault("start", usage["end"])
    return {
        "latencies": run.latencies.tobytes(),
        "errors": run.errors,
        "statuses": run.statuses,
        "error_sample": run.error_sample,
        "last_done": run.last_done,
        "capped": run.sent >= run.cap,
        "cpu_s": usage["end"] - usage["start"],
    }


def _loadgen_main(conn: Any, spec: LoadSpec, cap: int, connections: int) -> None:
    """A load process: pin, say ready, wait for the start time, run, send the records back."""
    with contextlib.suppress(KeyboardInterrupt):
        if spec.client_cpu is not None:
            with contextlib.suppress(OSError):
                os.sched_setaffinity(0, {spec.client_cpu})
        try:
            import uvloop

            runner: Callable[[Any], Any] = uvloop.run
        except ImportError:
            runner = asyncio.run
        conn.send("ready")
        start_at = conn.recv()
        conn.send(runner(_drive(spec, start_at, cap, connections)))


def _split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


@dataclass
class _Snapshot:
    at: float
    cpus: dict[int, tuple[int, int]]
    procs: dict[int, tuple[str, int, int]]


class Sampler:
    """Where the CPU time went over the measured window: web, PostgreSQL, load, the rest."""

    def __init__(self, web_pids: list[int], postmaster: int | None) -> None:
        self.web_pids = set(web_pids)
        self.postmaster = postmaster  # None: count every process named postgres
        self.postgres_pids: set[int] = set()
        self.before: _Snapshot | None = None
        self.after: _Snapshot | None = None

    def snap(self) -> _Snapshot:
        return _Snapshot(time.monotonic(), cpu_times(), processes())

    def _used_s(self, pick: Callable[[int, str], bool]) -> float:
        assert self.before is not None and self.after is not None
        jiffies = 0
        for pid, (name, _, used) in self.after.procs.items():
            if pick(pid, name):
                earlier = self.before.procs.get(pid)
                jiffies += used - (earlier[2] if earlier and earlier[0] == name else 0)
        return jiffies / os.sysconf("SC_CLK_TCK")

    def _is_postgres(self, pid: int, name: str) -> bool:
        if self.postmaster is not None:
            return pid in self.postgres_pids
        return name == "postgres"

    def apply(self, result: LoadResult, loadgen_cpu_s: float | None) -> None:
        if self.before is None or self.after is None:
            return
        wall = self.after.at - self.before.at
        if wall <= 0:
            return

        def pct(seconds: float) -> float:
            return round(100 * seconds / wall, 1)

        if self.postmaster is not None:  # backends started during the run count too
            self.postgres_pids = set(process_tree(self.postmaster, self.after.procs))
        ticks = os.sysconf("SC_CLK_TCK")
        busy = {
            cpu: (after[0] - self.before.cpus[cpu][0], after[1] - self.before.cpus[cpu][1])
            for cpu, after in self.after.cpus.items()
            if cpu in self.before.cpus
        }
        for cpu, name in ((SERVER_CPU, "cpu0_busy_pct"), (CLIENT_CPU, "cpu1_busy_pct")):
            if cpu in busy and busy[cpu][1] > 0:
                setattr(result, name, round(100 * busy[cpu][0] / busy[cpu][1], 1))
        result.web_cpu_pct = pct(self._used_s(lambda pid, _: pid in self.web_pids))
        result.postgres_cpu_pct = pct(self._used_s(self._is_postgres))
        if loadgen_cpu_s is not None:
            result.loadgen_cpu_pct = pct(loadgen_cpu_s)
        all_busy = pct(sum(b for b, _ in busy.values()) / ticks)
        known = result.web_cpu_pct + result.postgres_cpu_pct + (result.loadgen_cpu_pct or 0)
        result.other_cpu_pct = round(max(0.0, all_busy - known), 1)


def run_builtin(spec: LoadSpec, processes: int, sampler: Sampler) -> LoadResult:
    ctx = multiprocessing.get_context("spawn")
    processes = max(1, min(processes, spec.connections))
    conns = _split(spec.connections, processes)
    caps = _split(spec.max_requests, processes)
    workers: list[tuple[Any, Any]] = []
    try:
        for n, cap in zip(conns, caps, strict=True):
            parent, child = ctx.Pipe()
            proc = ctx.Process(target=_loadgen_main, args=(child, spec, cap, n), daemon=True)
            proc.start()
            child.close()
            workers.append((proc, parent))
        for proc, pipe in workers:
            if not pipe.poll(30) or pipe.recv() != "ready":
                raise BenchError(f"load process {proc.pid} did not start")
        start_at = time.monotonic() + 0.2
        for _, pipe in workers:
            pipe.send(start_at)
        warm_end = start_at + spec.warmup_s
        deadline = warm_end + spec.duration_s
        time.sleep(max(0.0, warm_end - time.monotonic()))
        sampler.before = sampler.snap()
        # the window ends at the deadline, or earlier when every process hit its cap
        results: list[dict[str, Any]] = []
        limit = deadline + REQUEST_TIMEOUT_S + 30
        for proc, pipe in workers:
            while not pipe.poll(0.05):
                if sampler.after is None and time.monotonic() >= deadline:
                    sampler.after = sampler.snap()
                if time.monotonic() > limit or not proc.is_alive():
                    raise BenchError(f"load process {proc.pid} gave no result")
            results.append(pipe.recv())
        if sampler.after is None:
            sampler.after = sampler.snap()
    finally:
        for proc, pipe in workers:
            pipe.close()
            if proc.is_alive():
                proc.terminate()
            proc.join(5)
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    for r in results:
        chunk = array.array("d")
        chunk.frombytes(r["latencies"])
        latencies.extend(chunk)
        for key, count in r["statuses"].items():
            statuses[key] = statuses.get(key, 0) + count
    capped = all(r["capped"] for r in results)
    end = max(r["last_done"] for r in results) if capped else deadline
    elapsed = max(1e-9, end - warm_end)
    latencies.sort()
    ms = [v * 1000 for v in latencies]
    errors = sum(r["errors"] for r in results)
    cpu_s = sum(r["cpu_s"] for r in results)
    result = LoadResult(
        requests=len(ms) + errors,
        errors=errors,
        elapsed_s=round(elapsed, 3),
        rps=round(len(ms) / elapsed, 1),
        p50_ms=round(percentile(ms, 50), 3),
        p99_ms=round(percentile(ms, 99), 3),
        mean_ms=round(statistics.fmean(ms), 3) if ms else float("nan"),
        max_ms=round(ms[-1], 3) if ms else float("nan"),
        statuses=statuses,
        error_sample=next((r["error_sample"] for r in results if r["error_sample"]), None),
        capped=capped,
    )
    sampler.apply(result, cpu_s)
    return result


WRK_SCRIPT = """\
-- written by bench/http_bench.py: a hard cap on requests, a JSON summary
local cap = @CAP@
local count = 0
local clock = nil
local has_ffi, ffi = pcall(require, "ffi")  -- LuaJIT: a monotonic clock for capped runs
if has_ffi then
  ffi.cdef[[
    typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
    int clock_gettime(int clk_id, bench_timespec *tp);
  ]]
  local ts = ffi.new("bench_timespec")
  clock = function()
    ffi.C.clock_gettime(1, ts)
    return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) / 1e9
  end
end
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end
function init(args)
  started = clock and clock() or -1
  stopped = -1
end
function response(status, headers, body)
  count = count + 1
  if count >= cap then
    stopped = clock and clock() or -1
    wrk.thread:stop()
  end
end
function done(summary, latency, requests)
  local first, last, all_capped = nil, nil, true
  for _, t in ipairs(threads) do
    local s, e = t:get("started"), t:get("stopped")
    if s and s >= 0 and (first == nil or s < first) then first = s end
    if e == nil or e < 0 then all_capped = false elseif last == nil or e > last then last = e end
  end
  local capped_us = -1
  if all_capped and first and last then capped_us = math.floor((last - first) * 1e6) end
  local e = summary.errors
  local f = io.open("@OUT@", "w")
  f:write(string.format(
    '{"requests": %d, "duration_us": %d, "capped_us": %d, "connect": %d, "read": %d, ' ..
    '"write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p99_us": %d, ' ..
    '"mean_us": %f, "max_us": %d}',
    summary.requests, summary.duration, capped_us, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(99), latency.mean, latency.max))
  f:close()
end
"""


def run_wrk(spec: LoadSpec, work_dir: Path, threads: int, sampler: Sampler) -> LoadResult:
    out = work_dir / f"wrk-{secrets.token_hex(4)}.json"
    script = work_dir / "cap.lua"
    per_thread = math.ceil(spec.max_requests / threads)
    script.write_text(WRK_SCRIPT.replace("@CAP@", str(per_thread)).replace("@OUT@", str(out)))
    base = ["wrk", "-t", str(threads), "-c", str(spec.connections), "--timeout", "5s"]
    if spec.client_cpu is not None and shutil.which("taskset"):
        base = ["taskset", "-c", str(spec.client_cpu), *base]
    headers = ["-H", f"Authorization: Bearer {spec.token}"] if spec.token else []
    url = f"http://127.0.0.1:{spec.port}{spec.path}"
    timeout = spec.warmup_s + spec.duration_s + 60
    if spec.warmup_s > 0:  # wrk has no warm-up phase: a short run first, discarded
        warm = [*base, "-d", f"{max(1, round(spec.warmup_s))}s", "-s", str(script), *headers]
        warm.append(url)
        subprocess.run(warm, check=True, capture_output=True, timeout=timeout)
        out.unlink(missing_ok=True)
    cmd = [*base, "-d", f"{round(spec.duration_s)}s", "-s", str(script), *headers, url]
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    sampler.before = sampler.snap()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    sampler.after = sampler.snap()
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_s = used.ru_utime + used.ru_stime - usage.ru_utime - usage.ru_stime
    if proc.returncode != 0 or not out.exists():
        raise BenchError(f"wrk failed ({proc.returncode}): {proc.stderr[-500:]}")
    data = json.loads(out.read_text())
    out.unlink()
    capped = data["capped_us"] > 0  # every thread stopped at its share of the cap
    elapsed = (data["capped_us"] if capped else data["duration_us"]) / 1e6
    errors = sum(data[k] for k in ("connect", "read", "write", "status", "timeout"))
    ok = data["requests"] - data["status"]
    result = LoadResult(
        requests=data["requests"],
        errors=errors,
        elapsed_s=round(elapsed, 3),
        rps=round(ok / elapsed, 1),
        p50_ms=round(data["p50_us"] / 1000, 3),
        p99_ms=round(data["p99_us"] / 1000, 3),
        mean_ms=round(data["mean_us"] / 1000, 3),
        max_ms=round(data["max_us"] / 1000, 3),
        error_sample=None if not errors else f"wrk errors: {data}",
        capped=capped,
    )
    sampler.apply(result, cpu_s)
    return result


# --------------------------------------------------------------------------------------
# Figures


def median(values: list[float | None]) -> float:
    clean = [v for v in values if v is not None and not math.isnan(v)]
    return round(statistics.median(clean), 3) if clean else float("nan")


def fmt(value: float | None, digits: int = 2) -> str:
    if value is None or math.isnan(value):
        return "-"
    return f"{value:,.{digits}f}"
