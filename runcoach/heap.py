"""The web process's cyclic garbage collector, kept out of the way of live answers.

CPython's collector stops the event loop while it runs, and a full (generation 2)
collection walks every object the collector tracks. A web worker holding 1,000 open
coach sockets tracks 300,000-350,000 objects, about 110,000 of them made by start-up
alone (modules, classes, routes, the OpenAPI document, pydantic and Tortoise models),
which live as long as the process. Measured with bench/ws_bench.py (1,000 sessions):
one or two full collections while the questions were answered, each 260-410 ms of CPU
with the loop stopped; every answer in flight waited, and those waits were the
first-delta tail (bench/README.md, "The paced tail").

``settle()`` runs once per process, after start-up:

- what start-up made is collected once, then frozen (``gc.freeze``): full collections no
  longer walk it. Frozen objects are still freed by reference counting; only a cycle
  among them would wait (none is expected of objects that live as long as the process).
- the young generation is collected every ``YOUNG_THRESHOLD`` new objects instead of
  CPython's 700: an answer's objects (its frames, timers, the stream) live a second or
  two and mostly die before they are promoted, so the old generation grows (and calls
  for a full collection) far less often. Measured on the same runs: no full collection
  while answering; young collections of 10-25 ms of CPU on a machine shared with other
  jobs (at 20,000 they took 20-75 ms, hence 5,000).
"""

from __future__ import annotations

import gc

__all__ = ["YOUNG_THRESHOLD", "settle"]

YOUNG_THRESHOLD = 5_000

_settled = False


def settle() -> None:
    """Collect and freeze the start-up heap and raise the young threshold; once per process
    (later calls do nothing, so an app started again in the same process, as in the tests,
    does not freeze what lives by then)."""
    global _settled
    if _settled:
        return
    _settled = True
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
