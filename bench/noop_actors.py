"""A no-op actor: the broker and worker ceiling that ``notify_bench.py`` compares against.

The worker loads it after ``actors`` (``python -m dramatiq actors bench.noop_actors``),
so it runs on the application's broker with the application's middleware.
"""

from __future__ import annotations

import dramatiq

import actors  # noqa: F401  (installs the application's broker before the actor is declared)

QUEUE = "bench"


@dramatiq.actor(actor_name="bench.noop", queue_name=QUEUE, max_retries=0, time_limit=60_000)
def noop() -> None:
    """Nothing: what is left is fetching, decoding, the middleware and the ack."""
