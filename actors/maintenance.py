"""Maintenance actors: the dead-letter check."""

from __future__ import annotations

import logging

import dramatiq
from periodiq import cron

from runcoach.logs import event

log = logging.getLogger("runcoach.jobs")


def dead_letter_counts(broker: dramatiq.Broker) -> dict[str, int]:
    """How many messages sit in each queue's dead-letter set (Redis broker: ``<q>.XQ``)."""
    client = getattr(broker, "client", None)
    if client is None:
        return {}
    namespace = getattr(broker, "namespace", "dramatiq")
    counts: dict[str, int] = {}
    for queue in sorted(broker.get_declared_queues()):
        counts[queue] = int(client.zcard(f"{namespace}:{queue}.XQ"))
    return counts


@dramatiq.actor(
    actor_name="maintenance.check_dead_letters",
    periodic=cron("*/10 * * * *"),
    max_retries=0,
    time_limit=60_000,
)
def check_dead_letters() -> None:
    """Log a warning with the count of dead-lettered messages per queue, when any."""
    counts = dead_letter_counts(dramatiq.get_broker())
    total = sum(counts.values())
    if total:
        event(log, "jobs.dead_letters", logging.WARNING, total=total, queues=counts)
    else:
        event(log, "jobs.dead_letters_none")
