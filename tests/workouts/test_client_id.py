"""POST /workouts is idempotent by ``client_id``: an offline client's replay never duplicates."""

from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest

from runcoach.athletes.models import User
from runcoach.workouts.models import Workout
from tests.support.athletes import Athlete
from tests.support.problems import problem
from tests.workouts.test_workouts_api import API, workout


async def test_a_retry_answers_the_same_workout(
    client: httpx.AsyncClient, athlete: Athlete, db: None
) -> None:
    cid = str(uuid.uuid4())
    first = await client.post(API, json=workout(client_id=cid), headers=athlete.headers)
    assert first.status_code == 201, first.text
    assert first.json()["client_id"] == cid
    row = await Workout.get(id=first.json()["id"])
    seq = (await User.get(id=athlete.id)).sync_seq

    again = await client.post(API, json=workout(client_id=cid), headers=athlete.headers)
    assert again.status_code == 200, again.text
    assert again.json() == first.json()
    # the same body with another title is still the replay of that id: the first one stands
    other_body = await client.post(
        API, json=workout(client_id=cid, title="changed"), headers=athlete.headers
    )
    assert other_body.status_code == 200
    assert other_body.json()["title"] == "Easy run"

    assert await Workout.filter(user_id=athlete.id).count() == 1
    after = await Workout.get(id=row.id)
    assert (after.updated_at, after.sync_seq) == (row.updated_at, row.sync_seq)  # not rewritten
    assert (await User.get(id=athlete.id)).sync_seq == seq  # no change for /sync either


async def test_client_id_is_listed_and_none_without_it(
    client: httpx.AsyncClient, athlete: Athlete, db: None
) -> None:
    cid = str(uuid.uuid4())
    await client.post(API, json=workout(client_id=cid), headers=athlete.headers)
    plain = await client.post(API, json=workout(sport="ride"), headers=athlete.headers)
    assert plain.status_code == 201 and plain.json()["client_id"] is None
    items = (await client.get(API, headers=athlete.headers)).json()["items"]
    assert {i["sport"]: i["client_id"] for i in items} == {"run": cid, "ride": None}


async def test_concurrent_retries_make_one_row(
    client: httpx.AsyncClient, athlete: Athlete, db: None
) -> None:
    cid = str(uuid.uuid4())
    answers = await asyncio.gather(
        *(client.post(API, json=workout(client_id=cid), headers=athlete.headers) for _ in range(5))
    )
    statuses = sorted(r.status_code for r in answers)
    assert statuses == [200, 200, 200, 200, 201], [r.text for r in answers]
    assert len({r.json()["id"] for r in answers}) == 1
    assert await Workout.filter(user_id=athlete.id).count() == 1


async def test_another_users_client_id_is_independent(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete, db: None
) -> None:
    cid = str(uuid.uuid4())
    mine = await client.post(API, json=workout(client_id=cid), headers=athlete.headers)
    theirs = await client.post(API, json=workout(client_id=cid), headers=other.headers)
    assert (mine.status_code, theirs.status_code) == (201, 201)
    assert mine.json()["id"] != theirs.json()["id"]
    assert theirs.json()["client_id"] == cid


async def test_a_new_client_id_on_a_taken_start_is_still_a_conflict(
    client: httpx.AsyncClient, athlete: Athlete, db: None
) -> None:
    r = await client.post(API, json=workout(client_id=str(uuid.uuid4())), headers=athlete.headers)
    assert r.status_code == 201
    r = await client.post(API, json=workout(client_id=str(uuid.uuid4())), headers=athlete.headers)
    problem(r, 409, "conflict")


@pytest.mark.parametrize("bad", ["not-a-uuid", "", "1234", 42, ["x"]])
async def test_a_bad_client_id_is_422(
    client: httpx.AsyncClient, athlete: Athlete, db: None, bad: object
) -> None:
    r = await client.post(API, json=workout(client_id=bad), headers=athlete.headers)
    problem(r, 422, "validation_error", "client_id")
    assert await Workout.all().count() == 0


async def test_patch_cannot_set_a_client_id(
    client: httpx.AsyncClient, athlete: Athlete, db: None
) -> None:
    r = await client.post(API, json=workout(), headers=athlete.headers)
    r = await client.patch(
        f"{API}/{r.json()['id']}", json={"client_id": str(uuid.uuid4())}, headers=athlete.headers
    )
    problem(r, 422, "validation_error", "client_id")
