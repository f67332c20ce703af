"""Deliveries survive what production does to them: killed workers, repeats, Redis restarts.

Each test runs its own real Dramatiq worker process (``dramatiq actors``) on the
test database and Redis, with the session's worker held still (``quiet_queue``), and
plays the clock itself by calling the sweeps the clock process runs every minute.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import replace
from pathlib import Path

import dramatiq
import pytest
import redis as sync_redis

from runcoach.config import Settings
from runcoach.events import Event
from runcoach.notifications import delivery, service
from runcoach.notifications.models import Notification, NotificationDelivery
from tests.notifications.sendgrid_server import API_KEY, SendGridStandIn
from tests.support.athletes import Athlete
from tests.support.notifications import notify, rows
from tests.support.servers import ROOT, run_servers

pytestmark = pytest.mark.usefixtures("quiet_queue")


class Worker:
    """A ``dramatiq actors`` process group with extra environment; SIGKILL-able as a whole."""

    def __init__(self, **env: str) -> None:
        self.env = {**os.environ, "PYTHONUNBUFFERED": "1", **env}
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> Worker:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "dramatiq", "actors", "--processes", "1", "--threads", "2",
             "--queues", "notifications"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        return self

    def signal(self, sig: int) -> None:
        assert self.proc is not None
        os.killpg(self.proc.pid, sig)

    def kill(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()


@pytest.fixture
def workers() -> Iterator[Callable[..., Worker]]:
    started: list[Worker] = []

    def make(**env: str) -> Worker:
        worker = Worker(**env).start()
        started.append(worker)
        return worker

    yield make
    for worker in started:
        worker.kill()


@pytest.fixture
def sendgrid() -> Iterator[SendGridStandIn]:
    with SendGridStandIn() as stand_in:
        yield stand_in


async def until(check: Callable[[], Awaitable[bool]], wait_s: float = 40.0, what: str = "") -> None:
    deadline = time.monotonic() + wait_s
    while not await check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.1)


def send_deliver(*ids: uuid.UUID) -> None:
    dramatiq.get_broker().get_actor("notifications.deliver").send([str(i) for i in ids])


async def test_a_worker_killed_mid_email_resumes_and_the_email_is_sent_once(
    athlete: Athlete, settings: Settings, sendgrid: SendGridStandIn,
    workers: Callable[..., Worker],
) -> None:  # fmt: skip
    env = {"SENDGRID_API_KEY": API_KEY, "SENDGRID_BASE_URL": sendgrid.base_url,
           "PROVIDER_TIMEOUT": "60"}  # fmt: skip
    note = await notify(athlete)  # queues the email and push rows for the worker
    mail = (await rows(note))["email"]
    sendgrid.hold(60)
    first = workers(**env)
    assert await asyncio.to_thread(sendgrid.request_started.wait, 40), "no request reached SendGrid"
    row = await NotificationDelivery.get(id=mail.id)
    assert (row.status, row.attempts) == ("sending", 1)
    first.kill()  # SIGKILL, in the middle of the SendGrid request
    assert await asyncio.to_thread(sendgrid.request_aborted.wait, 10)
    sendgrid.hold(0)
    assert sendgrid.count_for(str(mail.id)) == 0  # SendGrid never accepted it
    workers(**env)
    # The dead worker's message waits for its heartbeat to time out (a minute); the
    # clock's sweep finds the row sooner, once its lease has run out.
    short_lease = replace(settings, delivery_lease_s=1)
    await asyncio.sleep(1.2)
    assert await delivery.sweep(settings=short_lease) >= 1

    async def sent() -> bool:
        return (await NotificationDelivery.get(id=mail.id)).status == "sent"

    await until(sent, what="the email to be sent after the restart")
    row = await NotificationDelivery.get(id=mail.id)
    assert row.attempts == 2
    assert sendgrid.count_for(str(mail.id)) == 1
    # The same message delivered twice more (a redelivery, a duplicate): nothing more.
    send_deliver(mail.id)
    send_deliver(mail.id)
    await asyncio.sleep(2)
    assert sendgrid.count_for(str(mail.id)) == 1


async def test_the_same_message_twice_at_once_sends_once(
    athlete: Athlete, sendgrid: SendGridStandIn, workers: Callable[..., Worker]
) -> None:
    note = await notify(athlete)
    mail = (await rows(note))["email"]
    sendgrid.hold(0.5)  # both threads are inside the delivery at the same time
    for _ in range(3):
        send_deliver(mail.id)
    workers(SENDGRID_API_KEY=API_KEY, SENDGRID_BASE_URL=sendgrid.base_url)

    async def sent() -> bool:
        return (await NotificationDelivery.get(id=mail.id)).status == "sent"

    await until(sent, what="the email to be sent")
    await asyncio.sleep(2)  # the other copies have run too
    assert sendgrid.count_for(str(mail.id)) == 1
    assert len(sendgrid.accepted) == 1


def restart_redis() -> None:
    """Restart the run's Redis: a real restart of the embedded one (nothing is persisted).

    Against an external Redis (the machine's) the same effects are produced without
    stopping a server others may use: every client connection is dropped and the
    run's database loses its contents.
    """
    embedded = run_servers().redis
    if embedded is not None:
        embedded.stop()
        embedded.start()
        return
    client = sync_redis.Redis.from_url(run_servers().redis_url)
    try:
        client.flushdb()
        client.client_kill_filter(_type="normal", skipme=True)
    finally:
        client.close()


async def test_a_redis_restart_mid_run_loses_no_notification(
    athlete: Athlete, settings: Settings, tmp_path: Path, workers: Callable[..., Worker]
) -> None:
    worker = workers(VAR_DIR=str(tmp_path))
    outbox = tmp_path / "outbox" / "email"

    async def record(n: int) -> None:
        for _ in range(n):
            ev = await Event.create(
                user_id=athlete.id, kind="analysis_ready", key=uuid.uuid4().hex, data={}
            )
            send_from_event(ev.id)

    def send_from_event(event_id: uuid.UUID) -> None:
        dramatiq.get_broker().get_actor("notifications.from_event").send(str(event_id))

    await record(2)  # before: these go through
    worker.signal(signal.SIGSTOP)
    await record(3)  # queued, then lost with Redis's contents
    restart_redis()
    worker.signal(signal.SIGCONT)
    await record(2)  # after: the worker reconnects

    async def all_delivered() -> bool:
        # What the clock does every minute: notify events left without a notification,
        # re-queue deliveries whose message was lost.
        for event_id in await service.unnotified_events():
            send_from_event(event_id)
        await delivery.sweep(
            settings=settings, now=dt.datetime.now(dt.UTC) + delivery.PENDING_GRACE
        )
        emails = await NotificationDelivery.filter(channel="email", status="sent").count()
        return emails == 7

    await until(all_delivered, wait_s=60, what="all seven emails")
    assert await Notification.filter(user_id=athlete.id).count() == 7
    assert len(list(outbox.iterdir())) == 7
