"""The jobs plumbing: actor names, enqueue after commit, dead letters, actor options."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from dataclasses import replace
from typing import Any

import dramatiq
import pytest

import actors  # noqa: F401 - declares every actor on the broker
from runcoach import broker as runcoach_broker
from runcoach import jobs
from runcoach.broker import dead_letter_counts
from tests.support.jobs import QUEUE, broker, queue_key, queued, queued_messages
from tests.support.servers import ROOT

# --- actor names ------------------------------------------------------------------


def _enqueued_names() -> dict[str, list[str]]:
    """Actor names passed to ``jobs.enqueue(...)`` under runcoach/, with where."""
    names: dict[str, list[str]] = {}
    for path in sorted((ROOT / "runcoach").rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            is_enqueue = (
                isinstance(func, ast.Attribute)
                and func.attr == "enqueue"
                and isinstance(func.value, ast.Name)
                and func.value.id == "jobs"
            ) or (path.name == "jobs.py" and isinstance(func, ast.Name) and func.id == "enqueue")
            if not is_enqueue:
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            first = node.args[0] if node.args else None
            if path == ROOT / "runcoach" / "events.py":
                continue  # sends the actors of the REACTIONS table (checked below)
            assert isinstance(first, ast.Constant) and isinstance(first.value, str), (
                f"{where}: jobs.enqueue must name its actor with a string literal"
            )
            names.setdefault(first.value, []).append(where)
    return names


def test_every_enqueued_actor_name_is_declared() -> None:
    names = _enqueued_names()
    assert "devices.sync" in names  # the scan does find the calls
    declared = set(broker().get_declared_actors())
    unknown = {name: where for name, where in names.items() if name not in declared}
    assert not unknown, f"enqueued but not declared actors: {unknown}"


def test_every_actor_of_the_event_reactions_is_declared() -> None:
    from runcoach.events import REACTIONS, EventKind

    assert set(REACTIONS) == set(EventKind), "every kind of event says who reacts to it"
    declared = set(broker().get_declared_actors())
    named = {name for followers in REACTIONS.values() for name in followers}
    assert named and named <= declared, f"undeclared: {named - declared}"


def test_enqueue_of_an_unknown_actor_fails_at_the_call_site() -> None:
    with pytest.raises(dramatiq.errors.ActorNotFound):
        jobs.enqueue("devices.no_such_actor")


def test_every_actor_sets_max_retries_and_time_limit() -> None:
    declared = broker().get_declared_actors()
    assert {"devices.sync", "devices.sync_all", "devices.sweep"} <= declared
    assert "maintenance.check_dead_letters" in declared
    for name in sorted(declared):
        options = broker().get_actor(name).options
        assert isinstance(options.get("max_retries"), int), f"{name}: max_retries not set"
        assert isinstance(options.get("time_limit"), int), f"{name}: time_limit not set"
        assert options["time_limit"] > 0, name


# --- which broker a process gets -------------------------------------------------------

_BROKER_REPORT = """
import json, dramatiq
import actors.notifications
broker = dramatiq.get_broker()
pool = broker.client.connection_pool.connection_kwargs
bound = actors.notifications.from_event.broker is broker
print(json.dumps({"port": pool["port"], "db": pool["db"], "bound": bound}))
"""


def _broker_in_a_new_process(prelude: str) -> dict[str, Any]:
    """Run ``prelude`` then import the actors in a fresh process whose REDIS_URL is another."""
    env = {**os.environ, "REDIS_URL": "redis://127.0.0.1:6391/5"}
    done = subprocess.run(
        [sys.executable, "-c", prelude + _BROKER_REPORT],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.splitlines()[-1]))


def test_create_app_installs_its_settings_broker_before_the_actors_bind() -> None:
    prelude = (
        "import dataclasses\n"
        "from runcoach import app, config\n"
        "settings = dataclasses.replace(config.from_env(), redis_url='redis://127.0.0.1:6390/3')\n"
        "app.create_app(settings)\n"
    )
    assert _broker_in_a_new_process(prelude) == {"port": 6390, "db": 3, "bound": True}


def test_the_worker_and_clock_clis_get_the_environments_broker() -> None:
    # ``dramatiq actors`` / ``periodiq actors`` import the package with no caller.
    assert _broker_in_a_new_process("") == {"port": 6391, "db": 5, "bound": True}


def test_installing_another_settings_broker_once_the_actors_are_bound_fails(
    settings: Any,
) -> None:
    assert runcoach_broker.install(settings) is broker()
    with pytest.raises(RuntimeError, match="already installed for other settings"):
        runcoach_broker.install(replace(settings, redis_url="redis://127.0.0.1:6390/3"))


def test_the_worker_redis_client_exists_only_in_a_booted_worker() -> None:
    with pytest.raises(RuntimeError, match="RedisMiddleware"):
        runcoach_broker.redis()


# --- enqueue after commit ----------------------------------------------------------------


async def test_enqueue_outside_a_transaction_sends_at_once(quiet_queue: None) -> None:
    jobs.enqueue("devices.sweep")
    assert queued() == 1
    [message] = queued_messages()
    assert message["actor_name"] == "devices.sweep"
    assert message["queue_name"] == QUEUE


async def test_transaction_sends_only_after_commit(quiet_queue: None) -> None:
    async with jobs.transaction():
        jobs.enqueue("devices.sweep")
        jobs.enqueue("devices.sync", "00000000-0000-0000-0000-000000000000")
        assert queued() == 0  # buffered while the transaction is open
    assert queued() == 2
    messages = queued_messages()
    assert [m["actor_name"] for m in messages] == ["devices.sweep", "devices.sync"]
    assert messages[1]["args"] == ["00000000-0000-0000-0000-000000000000"]


async def test_transaction_drops_messages_on_rollback(quiet_queue: None) -> None:
    from runcoach.athletes.models import User

    with pytest.raises(RuntimeError):
        async with jobs.transaction() as conn:
            await User.create(
                email="rollback@example.com", password_hash="x", name="R", using_db=conn
            )
            jobs.enqueue("devices.sweep")
            raise RuntimeError("boom")
    assert queued() == 0
    assert not await User.filter(email="rollback@example.com").exists()
    # The buffer is gone with the transaction: a later enqueue goes out at once.
    jobs.enqueue("devices.sweep")
    assert queued() == 1


async def test_nested_transaction_sends_when_the_outermost_commits(quiet_queue: None) -> None:
    async with jobs.transaction():
        async with jobs.transaction():
            jobs.enqueue("devices.sweep")
        assert queued() == 0
    assert queued() == 1


async def test_nested_rollback_drops_the_messages(quiet_queue: None) -> None:
    with pytest.raises(RuntimeError):
        async with jobs.transaction():
            async with jobs.transaction():
                jobs.enqueue("devices.sweep")
            raise RuntimeError("boom")
    assert queued() == 0


async def test_coalesced_sends_each_distinct_committed_job_once_at_the_end(
    quiet_queue: None,
) -> None:
    one, two = "00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002"
    async with jobs.coalesced():
        for _ in range(3):
            async with jobs.transaction():
                jobs.enqueue("devices.sync", one)
        jobs.enqueue("devices.sync", one)  # outside a transaction: held too
        jobs.enqueue("devices.sync", two)
        with pytest.raises(RuntimeError):  # a rolled-back write's job is still dropped
            async with jobs.transaction():
                jobs.enqueue("devices.sweep")
                raise RuntimeError("boom")
        assert queued() == 0
    assert [m["args"] for m in queued_messages()] == [[one], [two]]


async def test_coalesced_sends_what_was_committed_even_when_the_block_fails(
    quiet_queue: None,
) -> None:
    with pytest.raises(RuntimeError):
        async with jobs.coalesced():
            async with jobs.transaction():
                jobs.enqueue("devices.sweep")
            raise RuntimeError("the provider failed half-way")
    assert queued() == 1


# --- dead letters --------------------------------------------------------------------


async def test_dead_letter_counts_per_declared_queue(quiet_queue: None) -> None:
    b = broker()
    declared = b.get_declared_queues()
    assert QUEUE in declared
    assert dead_letter_counts(b) == dict.fromkeys(sorted(declared), 0)
    b.client.zadd(f"{queue_key()}.XQ", {"dead-1": 1, "dead-2": 2})
    counts = dead_letter_counts(b)
    assert counts[QUEUE] == 2
    assert set(counts) == declared


def test_dead_letter_counts_without_a_redis_client() -> None:
    from dramatiq.brokers.stub import StubBroker

    assert dead_letter_counts(StubBroker()) == {}
