"""Maintenance actors: the dead-letter check."""

from __future__ import annotations

import logging

import dramatiq
from periodiq import cron

from runcoach import broker
from runcoach.logs import event

log = logging.getLogger("runcoach.jobs")


@dramatiq.actor(
    actor_name="maintenance.check_dead_letters",
    periodic=cron("*/10 * * * *"),
    max_retries=0,
    time_limit=60_000,
)
def check_dead_letters() -> None:
    """Log a warning with the count of dead-lettered messages per queue, when any."""
    counts = broker.dead_letter_counts(dramatiq.get_broker())
    total = sum(counts.values())
    if total:
        event(log, "jobs.dead_letters", logging.WARNING, total=total, queues=counts)
    else:
        event(log, "jobs.dead_letters_none")
