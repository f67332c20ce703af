"""Tortoise ORM configuration: read by the app, the worker, the tests and aerich."""

from __future__ import annotations

from typing import Any

from runcoach.config import ConfigError, Settings, get_settings

MODEL_MODULES = [
    "runcoach.athletes.models",
    "runcoach.auth.models",
    "runcoach.workouts.models",
    "runcoach.metrics.models",
    "runcoach.devices.models",
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


def tortoise_config(settings: Settings) -> dict[str, Any]:
    url = database_url(settings)
    sep = "&" if "?" in url else "?"
    if "maxsize=" not in url:
        url = f"{url}{sep}minsize=1&maxsize={settings.db_pool_max}"
    return {
        "connections": {"default": url},
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


def __getattr__(name: str) -> Any:
    # aerich reads ``runcoach.db.TORTOISE_ORM``; computed lazily so importing this
    # module never needs a running database.
    if name == "TORTOISE_ORM":
        return tortoise_config(get_settings())
    raise AttributeError(name)
