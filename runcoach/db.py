"""Tortoise ORM configuration: read by the app, the worker, the tests and aerich."""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any

import asyncpg

from runcoach.config import ConfigError, Settings, get_settings

if TYPE_CHECKING:
    from tortoise.backends.base.client import BaseDBAsyncClient

MODEL_MODULES = [
    "runcoach.athletes.models",
    "runcoach.events",
    "runcoach.changelog",
    "runcoach.limits",
    "runcoach.auth.models",
    "runcoach.workouts.models",
    "runcoach.metrics.models",
    "runcoach.devices.models",
    "runcoach.training.models",
    "runcoach.plans.models",
    "runcoach.coach.models",
    "runcoach.notifications.models",
]


def database_url(settings: Settings) -> str:
    """The database URL the settings name, or the running embedded server's."""
    if settings.database_url:
        return settings.database_url
    from runcoach.embedded import EmbeddedServerError, embedded_postgres

    try:
        return embedded_postgres(settings.var_dir).url()
    except EmbeddedServerError as exc:
        raise ConfigError(
            "DATABASE_URL is not set and no embedded PostgreSQL is running under "
            f"{settings.var_dir}; start the system with `make run`"
        ) from exc


class PooledConnection(asyncpg.Connection):
    """An asyncpg connection that skips the reset query when it goes back to the pool.

    asyncpg's default (``pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET
    ALL``) costs a round trip on every release, a tenth of a cheap request. RunCoach
    never leaves session state behind (no SET, LISTEN, advisory locks or cursors;
    pub/sub goes through Redis), and asyncpg still rolls back a transaction left
    open before this query would run.
    """

    def get_reset_query(self) -> str:
        return ""


def tortoise_config(settings: Settings) -> dict[str, Any]:
    from tortoise.backends.base.config_generator import expand_db_url

    connection = expand_db_url(database_url(settings))
    credentials = connection["credentials"]
    credentials.setdefault("minsize", 1)
    credentials.setdefault("maxsize", settings.db_pool_max)
    credentials["connection_class"] = PooledConnection
    # a connect to a dead or unreachable server fails after this, not asyncpg's 60 s
    credentials["timeout"] = settings.db_connect_timeout_s
    connection["engine"] = "runcoach.dbengine"  # asyncpg with a fair pool
    return {
        "connections": {"default": connection},
        "apps": {
            "models": {
                "models": [*MODEL_MODULES, "aerich.models"],
                "default_connection": "default",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


async def init(settings: Settings) -> None:
    """Open the Tortoise connections for this process (visible to every task and thread)."""
    from tortoise import Tortoise

    await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)


async def close() -> None:
    from tortoise import Tortoise

    await Tortoise.close_connections()


def unavailable(exc: BaseException) -> bool:
    """Whether ``exc`` (or an exception it was raised from) says PostgreSQL cannot be reached.

    Connection errors, not query errors: a refused or reset connection, a connect that
    timed out, a server shutting down or starting up (57P01-57P03), a connection that
    died under a query. A bug (a bad query, a constraint) is never one.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if _is_connection_failure(current):
            return True
        current = current.__cause__ or current.__context__
    return False


def _is_connection_failure(exc: BaseException) -> bool:
    from tortoise.exceptions import DBConnectionError

    if isinstance(exc, asyncpg.QueryCanceledError):  # 57014: a statement timeout, not an outage
        return False
    if isinstance(
        exc,
        asyncpg.PostgresConnectionError  # class 08, ConnectionDoesNotExistError among them
        | asyncpg.OperatorInterventionError  # 57P01 admin shutdown, 57P02 crash, 57P03 starting
        | DBConnectionError,
    ):
        return True
    if isinstance(exc, asyncpg.InterfaceError):  # also raised for misuse: only a closed one
        return "closed" in str(exc)
    # refused, reset, no socket file, a connect timeout (TimeoutError is an OSError): only
    # when raised by asyncpg, so a file or Redis error is not taken for an outage
    return isinstance(exc, OSError) and _raised_in_asyncpg(exc.__traceback__)


def _raised_in_asyncpg(tb: TracebackType | None) -> bool:
    while tb is not None:
        if str(tb.tb_frame.f_globals.get("__name__", "")).startswith("asyncpg"):
            return True
        tb = tb.tb_next
    return False


def _connection(conn: BaseDBAsyncClient | None) -> BaseDBAsyncClient:
    if conn is not None:
        return conn
    from tortoise import Tortoise

    return Tortoise.get_connection("default")


async def fetch_all(
    sql: str, *args: Any, conn: BaseDBAsyncClient | None = None
) -> list[dict[str, Any]]:
    """The rows of a raw query, as dicts; ``conn`` runs it inside that transaction."""
    return await _connection(conn).execute_query_dict(sql, list(args))


async def fetch_one(
    sql: str, *args: Any, conn: BaseDBAsyncClient | None = None
) -> dict[str, Any] | None:
    """The first row of a raw query as a dict, ``None`` when it returns none."""
    rows = await fetch_all(sql, *args, conn=conn)
    return rows[0] if rows else None


async def execute(sql: str, *args: Any, conn: BaseDBAsyncClient | None = None) -> int:
    """Run a raw statement; the number of rows it touched."""
    count, _ = await _connection(conn).execute_query(sql, list(args))
    return count


@dataclass(frozen=True, slots=True)
class Read:
    """A read-only query and its arguments, to run alone or in a batch (``fetch_batch``)."""

    sql: str
    args: tuple[Any, ...] = ()


_PARAMETER = re.compile(r"\$(\d+)")
_columns: dict[str, tuple[str, ...]] = {}  # a query's column names, learned once per process


async def fetch_batch(
    *reads: Read, conn: BaseDBAsyncClient | None = None
) -> list[list[dict[str, Any]]]:
    """The rows of several reads in one round trip: each read's rows, as ``fetch_all``
    gives them (dicts of the same values), in the order of ``reads``.

    A page that needs a handful of small reads pays a round trip (and its share of the
    pool and the event loop) for each; here they go as one statement,
    ``SELECT ARRAY(SELECT q FROM (<read 1>) q), ARRAY(...)``, their ``$n`` numbered on
    (a read may not contain a ``$`` of its own). PostgreSQL sends each read's rows as
    typed records, so nothing goes through text or JSON. A read's own ``ORDER BY`` is kept
    (rows are collected in the order the subquery gives them). Column names are learned
    once per read (a prepared statement's description).
    """
    parts: list[str] = []
    args: list[Any] = []
    for read in reads:
        subquery = _numbered_from(read.sql, len(args))  # the reads are the code's own SQL
        parts.append(f"ARRAY(SELECT q FROM ({subquery}) q)")  # noqa: S608
        args.extend(read.args)
    client = _connection(conn)
    missing = [read.sql for read in reads if read.sql not in _columns]
    if missing:
        async with client.acquire_connection() as raw:
            for sql in missing:
                statement = await raw.prepare(sql)
                _columns[sql] = tuple(a.name for a in statement.get_attributes())
    _, records = await client.execute_query("SELECT " + ", ".join(parts), args)
    row = records[0]
    return [
        [dict(zip(_columns[read.sql], values, strict=True)) for values in row[i]]
        for i, read in enumerate(reads)
    ]


def _numbered_from(sql: str, offset: int) -> str:
    """``sql`` with its parameters ``$1, $2, ...`` renamed ``$offset+1, $offset+2, ...``."""
    return _PARAMETER.sub(lambda m: f"${int(m.group(1)) + offset}", sql)


def __getattr__(name: str) -> Any:
    # aerich reads ``runcoach.db.TORTOISE_ORM``; computed lazily so importing this
    # module never needs a running database.
    if name == "TORTOISE_ORM":
        return tortoise_config(get_settings())
    raise AttributeError(name)
