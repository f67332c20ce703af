"""Client benchmark: the web bundle's size, the dashboard's first render with data, and the
coach's first word on screen against the server's first delta.

Run: ``.venv/bin/python bench/client_bench.py [--loads 20] [--questions 20]`` (``make
bench-client`` builds the export first). See bench/README.md ("client_bench.py").

1. Sizes of ``client/dist``: every file raw, and gzipped (gzip -9: the ``.gz`` twins
   ``make client`` writes, computed for text files without one; other files as they are);
   the main JS bundle (the largest ``_expo/static/js/web/*.js``) raw and gzipped.
2. A real ``make run`` (``tests/e2e/system.py``: embedded PostgreSQL and Redis, web,
   worker, clock) on a fresh ``var/e2e-*``; an athlete registered through the API with
   ``--workouts`` workouts over the last weeks; Debian's chromium, headless, signed in
   through the app's own sign-in screen.
3. Dashboard: one warm-up load, then ``--loads`` loads of ``/dashboard``; each is timed
   in the page from navigation start (``performance.now()`` is 0 there) to the first
   animation frame where the dashboard shows data (a distance in km), polled every
   frame. p50/p95; target p95 < 1 s.
4. Coach: ``--questions`` questions, each asked twice by the same athlete: by a raw
   websocket client (``/ws/coach``, from sending ``message`` to the first ``delta``,
   whose text is kept), then in the browser (from the ``click`` on Send, taken in the
   page, to the first frame where one more occurrence of that first delta's text is on
   screen; the offline coach answers the same question the same way). p50 of each and
   p50 of the per-question difference; target within 50 ms.

A part whose screen is still the scaffold's placeholder is reported as not measured.
Results are printed and written to bench/results/client-<time>.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from bench.load import percentile  # noqa: E402
from tests.e2e.app import PLACEHOLDER, new_person, sign_in  # noqa: E402
from tests.e2e.system import DIST, fresh_var_dir, launch, make_run  # noqa: E402

RESULTS_DIR = ROOT / "bench" / "results"
TEXT = {".js", ".css", ".html", ".json", ".map", ".svg", ".txt", ".ico", ".ttf", ".otf"}
DATA_ON_DASHBOARD = r"\d+(?:[.,]\d+)?\s?km"
QUESTIONS = [
    "How should I pace my long run?",
    "Am I training too hard this week?",
    "What should I do tomorrow?",
    "How is my fitness trending?",
    "Should I rest after a hard session?",
]


# --- 1. sizes -------------------------------------------------------------------------


def gz_size(path: Path) -> int:
    twin = path.with_name(path.name + ".gz")
    if twin.is_file():
        return twin.stat().st_size
    if path.suffix.lower() in TEXT:
        return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))
    return path.stat().st_size


def sizes(dist: Path) -> dict[str, Any]:
    files = [
        p
        for p in dist.rglob("*")
        if p.is_file() and p.suffix not in {".gz", ".br"} and not p.name.startswith(".")
    ]
    bundles = sorted((dist / "_expo/static/js/web").glob("*.js"), key=lambda p: p.stat().st_size)
    main = bundles[-1] if bundles else None
    return {
        "files": len(files),
        "total_raw": sum(p.stat().st_size for p in files),
        "total_gzip": sum(gz_size(p) for p in files),
        "main_bundle": main.name if main else None,
        "main_raw": main.stat().st_size if main else None,
        "main_gzip": gz_size(main) if main else None,
    }


# --- 2. set-up ------------------------------------------------------------------------


def seed(base: str, workouts: int) -> tuple[Any, str]:
    person = new_person("bench")
    r = httpx.post(
        f"{base}/api/v1/auth/register",
        json={"email": person.email, "password": person.password, "name": person.name},
        timeout=30,
    )
    r.raise_for_status()
    token = r.json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    now = time.time()
    with httpx.Client(base_url=f"{base}/api/v1", headers=headers, timeout=30) as api:
        for i in range(workouts):
            started = time.strftime("%Y-%m-%dT07:00:00Z", time.gmtime(now - 86400 * (i + 1)))
            r = api.post(
                "/workouts",
                json={
                    "sport": "run",
                    "started_at": started,
                    "duration_s": 2400 + 60 * (i % 20),
                    "distance_m": 6000 + 250 * (i % 20),
                    "avg_hr": 140 + i % 15,
                },
            )
            r.raise_for_status()
    return person, token


# --- 3. dashboard ---------------------------------------------------------------------

FIRST_DATA = """
([pattern]) => new Promise((resolve) => {
  const re = new RegExp(pattern);
  const check = () => {
    const root = document.getElementById('root');
    if (root && re.test(root.innerText)) resolve(performance.now());
    else requestAnimationFrame(check);
  };
  check();
})
"""


def dashboard(page: Any, loads: int) -> dict[str, Any]:
    page.goto("/dashboard")
    placeholder = page.get_by_text(PLACEHOLDER).filter(visible=True)
    placeholder.or_(
        page.get_by_text(re.compile(DATA_ON_DASHBOARD)).filter(visible=True)
    ).first.wait_for()
    if placeholder.count():
        return {"measured": False, "why": "screen not built yet: dashboard"}
    times = []
    for i in range(loads + 1):
        page.goto("/dashboard", wait_until="commit")
        ms = page.evaluate(FIRST_DATA, [DATA_ON_DASHBOARD])
        if i:  # the first load warms the caches
            times.append(ms)
    times.sort()
    return {
        "measured": True,
        "loads": loads,
        "p50_ms": round(percentile(times, 50), 1),
        "p95_ms": round(percentile(times, 95), 1),
        "max_ms": round(times[-1], 1),
        "target": "p95 < 1000 ms",
    }


# --- 4. coach -------------------------------------------------------------------------


def server_first_delta(base: str, token: str, question: str) -> tuple[float, str]:
    from websockets.sync.client import connect

    url = base.replace("http://", "ws://") + "/ws/coach"
    with connect(url, additional_headers={"Authorization": f"Bearer {token}"}) as ws:
        while json.loads(ws.recv(timeout=10))["type"] != "ready":
            pass
        sent = time.perf_counter()
        ws.send(json.dumps({"type": "message", "text": question}))
        first: tuple[float, str] | None = None
        while True:
            frame = json.loads(ws.recv(timeout=30))
            if frame["type"] == "delta" and first is None:
                first = ((time.perf_counter() - sent) * 1000, frame["text"])
            elif frame["type"] == "error":
                raise RuntimeError(f"the coach refused: {frame}")
            elif frame["type"] == "done":
                break
    assert first is not None, "an answer without a delta"
    return first


# Every delta frame's arrival in the page, so the browser's time splits into the socket's
# (click to the first delta frame received) and the app's (that frame to the word drawn).
DELTAS = """
(() => {
  const Native = window.WebSocket;
  window.__deltaAt = [];
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (typeof event.data === 'string' && event.data.startsWith('{"type":"delta"')) {
          window.__deltaAt.push(performance.now());
        }
      });
    }
  };
})();
"""

ARM = """
([needle]) => {
  const count = () => (document.getElementById('root')?.textContent?.split(needle).length ?? 1) - 1;
  const before = count();
  window.__firstWord = new Promise((resolve) => {
    document.addEventListener('click', () => {
      const clicked = performance.now();
      window.__clickedAt = clicked;
      const check = () => {
        if (count() > before) resolve(performance.now() - clicked);
        else requestAnimationFrame(check);
      };
      check();
    }, { capture: true, once: true });
  });
}
"""


def coach(page: Any, base: str, token: str, questions: int) -> dict[str, Any]:
    server, browser, diffs, socket = [], [], [], []
    page.goto("/coach")
    box = page.get_by_role("textbox", name=re.compile("message", re.I)).filter(visible=True)
    placeholder = page.get_by_text(PLACEHOLDER).filter(visible=True)
    placeholder.or_(box).first.wait_for()
    built = not placeholder.count()
    for i in range(questions):
        question = f"{QUESTIONS[i % len(QUESTIONS)]} ({i + 1})"
        ms, first = server_first_delta(base, token, question)
        server.append(ms)
        if not built:
            continue
        box.fill(question)
        page.evaluate(ARM, [first.strip() or first])
        page.get_by_role("button", name=re.compile("^send", re.I)).click()
        seen = page.evaluate("() => window.__firstWord")
        arrived = page.evaluate(
            "() => (window.__deltaAt.find((t) => t >= window.__clickedAt) ?? NaN)"
            " - window.__clickedAt"
        )
        browser.append(seen)
        diffs.append(seen - ms)
        socket.append(arrived)
        page.get_by_role("button", name=re.compile("^send", re.I)).wait_for(state="visible")
        page.wait_for_timeout(3000)  # let the answer finish before the next question
    result: dict[str, Any] = {
        "questions": questions,
        "server_first_delta_p50_ms": round(percentile(sorted(server), 50), 1),
        "server_first_delta_p95_ms": round(percentile(sorted(server), 95), 1),
    }
    if not built:
        return {**result, "measured": False, "why": "screen not built yet: coach chat"}
    return {
        **result,
        "measured": True,
        "browser_first_word_p50_ms": round(percentile(sorted(browser), 50), 1),
        "browser_first_delta_frame_p50_ms": round(percentile(sorted(socket), 50), 1),
        "difference_p50_ms": round(percentile(sorted(diffs), 50), 1),
        "target": "difference p50 <= 50 ms",
    }


# --- main -----------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=DIST)
    parser.add_argument("--loads", type=int, default=20)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--workouts", type=int, default=40)
    parser.add_argument("--sizes-only", action="store_true")
    parser.add_argument("--no-json", action="store_true")
    args = parser.parse_args()
    if not (args.dist / "index.html").is_file():
        print(f"no web export in {args.dist}: run `make client` first", file=sys.stderr)
        return 2
    results: dict[str, Any] = {"sizes": sizes(args.dist)}
    s = results["sizes"]
    kib = {k: (v or 0) / 1024 for k, v in s.items() if k.endswith(("_raw", "_gzip"))}
    print(
        f"bundle: {s['files']} files, {kib['total_raw']:.0f} KiB raw, "
        f"{kib['total_gzip']:.0f} KiB gzipped; main {s['main_bundle']}: "
        f"{kib['main_raw']:.0f} KiB raw, {kib['main_gzip']:.0f} KiB gzipped"
    )
    if not args.sizes_only:
        from playwright.sync_api import sync_playwright

        # the coach paced as make run paces it by default
        env = {"OFFLINE_COACH_DELAY_MS": "20-40", "LIMIT_COACH_MESSAGES": "1000/1h"}
        with fresh_var_dir() as var, make_run(var, dist=args.dist, **env) as system:
            person, token = seed(system.url, args.workouts)
            with sync_playwright() as playwright:
                browser = launch(playwright)
                page = browser.new_page(base_url=system.url)
                page.add_init_script(DELTAS)
                page.goto("/login")
                sign_in(page, person)
                page.wait_for_url("**/dashboard")
                results["dashboard"] = dashboard(page, args.loads)
                print("dashboard:", json.dumps(results["dashboard"]))
                results["coach"] = coach(page, system.url, token, args.questions)
                print("coach:", json.dumps(results["coach"]))
                browser.close()
    if not args.no_json:
        RESULTS_DIR.mkdir(exist_ok=True)
        out = RESULTS_DIR / f"client-{time.strftime('%Y%m%d-%H%M%S')}.json"
        out.write_text(json.dumps(results, indent=2) + "\n")
        print(f"written: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
