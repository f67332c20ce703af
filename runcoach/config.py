"""Settings, read once from the environment.

Nothing else in RunCoach reads ``os.environ``. Unset URLs mean the embedded
default: ``make run`` (``runcoach.run``) starts an embedded PostgreSQL and
Redis under ``VAR_DIR`` and hands their URLs to every process it starts.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

_VAR_DIR = Path("var")
_DEV_SECRET = "dev-only-insecure-secret-change-me-0123456789abcdef"  # noqa: S105
# Secrets published with the code (the development key, old docker-compose.yml placeholders):
# production refuses them, and anything that reads like a placeholder (_PLACEHOLDER).
KNOWN_SECRETS = frozenset({_DEV_SECRET, "change-me-to-a-long-random-secret-of-32-chars-or-more"})
_PLACEHOLDER = re.compile(
    r"change[-_ ]?me|replace[-_ ]?me|placeholder|example|insecure|dev[-_]only"
    r"|your[-_ ]?(secret|key|token)|^(.)\2*$",
    re.IGNORECASE,
)
SECRET_KEY_MIN_LENGTH = 32
SECRET_KEY_MIN_DISTINCT = 10  # hex has 16 distinct characters; "abab..." is not a secret


class ConfigError(Exception):
    """The environment holds a setting that cannot be used."""


# --- casts: str -> value, or ValueError saying what was expected (from_env names the variable)


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"must be an integer, got {value!r}") from None


def _float(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"must be a number, got {value!r}") from None


def _bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"must be a boolean (true/false, 1/0, yes/no, on/off), got {value!r}")


def _one_of(*allowed: str) -> Callable[[str], str]:
    def cast(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"must be one of {', '.join(allowed)}, got {value!r}")
        return value

    return cast


def _delay_range(value: str) -> tuple[int, int]:
    """Parse ``"20-40"`` (a range of milliseconds) or ``"0"`` (no pacing)."""
    low, sep, high = value.strip().partition("-")
    try:
        bounds = (int(low), int(high) if sep else int(low))
    except ValueError:
        bounds = (-1, -1)
    if bounds[0] < 0 or bounds[1] < bounds[0]:
        raise ValueError(f"must be like 20-40, got {value!r}")
    return bounds


@dataclass(frozen=True, slots=True)
class Rate:
    """A rate limit's value: at most ``count`` per ``window_s`` seconds."""

    count: int
    window_s: int

    def __str__(self) -> str:
        return f"{self.count}/{self.window_s}s"


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _rate(value: str) -> Rate:
    """Parse ``"5/15m"``: a count (1 or more) per a window (``s``, ``m``, ``h``, ``d``;
    bare: seconds)."""
    count, sep, window = value.strip().partition("/")
    window = window.strip().lower()
    unit = _UNITS.get(window[-1:], 0) if window else 0
    digits = window[:-1] if unit else window
    if not (sep and count.strip().isdigit() and digits.isdigit()):
        raise ValueError(f"must be like 5/15m (a count per s, m, h or d), got {value!r}")
    rate = Rate(int(count), int(digits) * (unit or 1))
    if rate.count < 1 or rate.window_s < 1:
        raise ValueError(f"must allow at least 1 per at least 1 s, got {value!r}")
    return rate


def _origins(value: str) -> tuple[str, ...]:
    """Parse ``"https://app.example,http://localhost:8081"``: origins (scheme://host[:port]),
    lower-cased, without a trailing slash."""
    origins = []
    for part in value.split(","):
        origin = part.strip().rstrip("/").lower()
        if not origin:
            continue
        scheme, sep, host = origin.partition("://")
        if scheme not in {"http", "https"} or not sep or not host or "/" in host:
            raise ValueError(f"must be origins like https://app.example, got {part.strip()!r}")
        origins.append(origin)
    return tuple(origins)


def _database_url(value: str) -> str:
    """``postgresql://`` (as Render and most hosts write it) as Tortoise's ``postgres://``."""
    if value.startswith("postgresql://"):
        return "postgres://" + value[len("postgresql://") :]
    return value


def _upper(value: str) -> str:
    return value.upper()


def _no_trailing_slash(value: str) -> str:
    return value.rstrip("/")


def setting(
    variable: str, cast: Callable[[str], Any] = str, *, default: Any, secret: bool = False
) -> Any:
    """A field read from ``variable`` through ``cast``; unset or empty means ``default``.

    A secret is kept out of ``repr`` (and so out of logs and tracebacks) and must not
    hold a published or placeholder value in production.
    """
    metadata = {"env": variable, "cast": cast, "secret": secret}
    return field(default=default, repr=not secret, metadata=metadata)


def derived(default: Any, *, source: str) -> Any:
    """A field that ``from_env`` works out from another variable, ``source``."""
    return field(default=default, metadata={"derived_from": source})


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting of the service; see README.md, "Configuration".

    Built once from the environment by ``from_env``; tests build one directly.
    """

    env: str = setting("RUNCOACH_ENV", default="development")
    host: str = setting("HOST", default="127.0.0.1")
    port: int = setting("PORT", _int, default=8000)
    # made absolute by from_env (noqa: setting() is a dataclasses.field, not a shared default)
    var_dir: Path = setting("VAR_DIR", Path, default=_VAR_DIR)  # noqa: RUF009
    database_url: str | None = setting("DATABASE_URL", _database_url, default=None)
    redis_url: str | None = setting("REDIS_URL", default=None)
    # unset: the development key, refused in production; 32 characters at least (from_env)
    secret_key: str = setting("SECRET_KEY", default=_DEV_SECRET, secret=True)
    jwt_issuer: str = setting("JWT_ISSUER", default="runcoach")
    jwt_audience: str = setting("JWT_AUDIENCE", default="runcoach-api")
    access_token_ttl_s: int = setting("ACCESS_TOKEN_TTL", _int, default=900)
    refresh_token_ttl_s: int = setting("REFRESH_TOKEN_TTL", _int, default=30 * 24 * 3600)
    # Fernet keys, comma-separated, the first encrypts (checked by from_env); unset: derived
    # from SECRET_KEY (runcoach.devices.crypto.credentials_key), refused in production
    device_credentials_key: str | None = setting(
        "DEVICE_CREDENTIALS_KEY", default=None, secret=True
    )
    garmin_provider: str = setting("GARMIN_PROVIDER", default="garmin")
    provider_timeout_s: float = setting("PROVIDER_TIMEOUT", _float, default=60.0)
    sync_timeout_s: float = setting("SYNC_TIMEOUT", _float, default=540.0)
    # the rate limits (runcoach.limits.RULES says what each counts): "count/window"
    limit_login_account: Rate = setting("LIMIT_LOGIN_ACCOUNT", _rate, default=Rate(5, 900))
    limit_login_ip: Rate = setting("LIMIT_LOGIN_IP", _rate, default=Rate(30, 900))
    limit_register_ip: Rate = setting("LIMIT_REGISTER_IP", _rate, default=Rate(10, 3600))
    limit_password_reset: Rate = setting("LIMIT_PASSWORD_RESET", _rate, default=Rate(5, 3600))
    limit_password_change: Rate = setting("LIMIT_PASSWORD_CHANGE", _rate, default=Rate(5, 900))
    limit_plans: Rate = setting("LIMIT_PLANS", _rate, default=Rate(10, 3600))
    limit_coach_messages: Rate = setting("LIMIT_COACH_MESSAGES", _rate, default=Rate(60, 3600))
    limit_analyses: Rate = setting("LIMIT_ANALYSES", _rate, default=Rate(5, 3600))
    limit_imports: Rate = setting("LIMIT_IMPORTS", _rate, default=Rate(60, 3600))
    limit_device_connect: Rate = setting("LIMIT_DEVICE_CONNECT", _rate, default=Rate(5, 3600))
    limit_device_sync: Rate = setting("LIMIT_DEVICE_SYNC", _rate, default=Rate(12, 3600))
    # views of a shared workout page (/s/<token>) per client address
    limit_share_view: Rate = setting("LIMIT_SHARE_VIEW", _rate, default=Rate(60, 60))
    proxies_count: int = setting("PROXIES_COUNT", _int, default=0)
    request_max_size: int = setting("REQUEST_MAX_SIZE", _int, default=1_048_576)
    upload_max_size: int = setting("UPLOAD_MAX_SIZE", _int, default=20 * 1_048_576)
    log_level: str = setting("LOG_LEVEL", _upper, default="INFO")
    log_json: bool = setting("LOG_JSON", _bool, default=True)
    web_workers: int = setting("WEB_CONCURRENCY", _int, default=1)
    worker_processes: int = setting("WORKER_PROCESSES", _int, default=1)
    worker_threads: int = setting("WORKER_THREADS", _int, default=8)
    db_pool_max: int = setting("DB_POOL_MAX", _int, default=10)
    # seconds a new database connection may take: a dead server fails fast (503), no hang
    db_connect_timeout_s: float = setting("DB_CONNECT_TIMEOUT", _float, default=5.0)
    redis_pool_max: int = setting("REDIS_POOL_MAX", _int, default=32)
    cache_enabled: bool = setting("CACHE_ENABLED", _bool, default=True)
    cache_timeout_s: float = setting("CACHE_TIMEOUT", _float, default=0.25)
    email_backend: str = derived("outbox", source="SENDGRID_API_KEY")
    sendgrid_api_key: str | None = setting("SENDGRID_API_KEY", default=None, secret=True)
    sendgrid_base_url: str | None = setting("SENDGRID_BASE_URL", default=None)
    email_from: str = setting("EMAIL_FROM", default="coach@runcoach.example")
    email_from_name: str = setting("EMAIL_FROM_NAME", default="RunCoach")
    push_backend: str = setting("PUSH_BACKEND", _one_of("outbox", "expo"), default="outbox")
    expo_access_token: str | None = setting("EXPO_ACCESS_TOKEN", default=None, secret=True)
    expo_base_url: str | None = setting("EXPO_BASE_URL", default=None)
    app_url: str = setting("APP_URL", _no_trailing_slash, default="http://127.0.0.1:8000")
    # days a deletion stays in /sync's tombstones; an older sync cursor answers 410
    sync_retention_days: int = setting("SYNC_RETENTION_DAYS", _int, default=90)
    delivery_lease_s: int = setting("DELIVERY_LEASE", _int, default=900)
    push_receipt_delay_s: int = setting("PUSH_RECEIPT_DELAY", _int, default=900)
    llm_provider: str = derived("offline", source="GROQ_API_KEY")
    groq_api_key: str | None = setting("GROQ_API_KEY", default=None, secret=True)
    groq_model: str = setting("GROQ_MODEL", default="llama-3.3-70b-versatile")
    groq_base_url: str | None = setting("GROQ_BASE_URL", default=None)
    llm_timeout_s: float = setting("LLM_TIMEOUT", _float, default=30.0)
    llm_max_retries: int = setting("LLM_MAX_RETRIES", _int, default=2)
    offline_coach_delay_ms: tuple[int, int] = setting(
        "OFFLINE_COACH_DELAY_MS", _delay_range, default=(20, 40)
    )
    coach_max_streams: int = setting("COACH_MAX_STREAMS", _int, default=2)
    ws_send_timeout_s: float = setting("WS_SEND_TIMEOUT", _float, default=10.0)
    # browsers' websockets: the Origins allowed besides the service's own (runcoach.sockets)
    ws_allowed_origins: tuple[str, ...] = setting(
        "WS_ALLOWED_ORIGINS", _origins, default=("http://localhost:8081", "http://localhost:19006")
    )
    ws_max_sockets_per_user: int = setting("WS_MAX_SOCKETS_PER_USER", _int, default=10)
    ws_message_rate: Rate = setting("WS_MESSAGE_RATE", _rate, default=Rate(20, 10))
    ws_ping_interval_s: int = setting("WS_PING_INTERVAL", _int, default=20)
    ws_ping_timeout_s: int = setting("WS_PING_TIMEOUT", _int, default=20)
    # threads of each process's CPU pool (password hashing, file parsing: runcoach.offload)
    cpu_pool_size: int = setting("CPU_POOL_SIZE", _int, default=2)

    def __repr__(self) -> str:
        """Every setting but the secrets, with the passwords of URLs masked."""
        shown = []
        for f in fields(self):
            if f.repr:
                value = getattr(self, f.name)
                shown.append(f"{f.name}={_mask_password(value)!r}")
        return f"Settings({', '.join(shown)})"

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    def with_urls(self, *, database_url: str, redis_url: str) -> Settings:
        return replace(self, database_url=database_url, redis_url=redis_url)


def _mask_password(value: Any) -> Any:
    """``scheme://user:***@host/...`` for a URL with a password; anything else as it is."""
    if not isinstance(value, str) or "://" not in value:
        return value
    parts = urlsplit(value)
    if not parts.password:
        return value
    netloc = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{netloc}"))


def variables() -> dict[str, str]:
    """Each environment variable the settings read, with the field it sets."""
    return {f.metadata["env"]: f.name for f in fields(Settings) if "env" in f.metadata}


def from_env(environ: Mapping[str, str] | None = None) -> Settings:
    """Build Settings from an environment mapping (``os.environ`` by default).

    Each declared variable goes through its cast; a value the cast refuses is a
    ConfigError naming the variable. Then the rules that span variables.
    """
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for f in fields(Settings):
        variable = f.metadata.get("env")
        raw = env.get(variable) if variable else None
        if raw is None or raw == "":
            continue  # a derived field, or the field's default
        try:
            values[f.name] = f.metadata["cast"](raw)
        except ValueError as exc:
            raise ConfigError(f"{variable} {exc}") from None
    settings = Settings(**values)
    _check_secrets(settings, given=values)
    if settings.cpu_pool_size < 1:
        raise ConfigError("CPU_POOL_SIZE must be at least 1")
    return replace(
        settings,
        # absolute, so that processes started from another directory share it
        var_dir=settings.var_dir.resolve(),
        email_backend="sendgrid" if settings.sendgrid_api_key else "outbox",
        llm_provider="groq" if settings.groq_api_key else "offline",
    )


def fernet_keys(value: str) -> list[str]:
    """The comma-separated Fernet keys of ``value``, in order (the first encrypts)."""
    return [part.strip() for part in value.split(",") if part.strip()]


def fernet_key_bytes(key: str) -> bytes | None:
    """The 32 bytes of a Fernet key (urlsafe base64), or None when ``key`` is not one."""
    try:
        raw = base64.urlsafe_b64decode(key.encode("ascii"))
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return None
    return raw if len(raw) == 32 else None


def _check_secrets(settings: Settings, *, given: Mapping[str, Any]) -> None:
    """The rules on secrets; a ConfigError names the variable, never the value.

    Everywhere: SECRET_KEY has 32 characters or more; DEVICE_CREDENTIALS_KEY is a
    list of Fernet keys. In production: both are set, and no secret is a published
    one (KNOWN_SECRETS), a placeholder or an obviously weak value.
    """
    production = settings.is_production
    if len(settings.secret_key) < SECRET_KEY_MIN_LENGTH:
        raise ConfigError(f"SECRET_KEY must be at least {SECRET_KEY_MIN_LENGTH} characters")
    if production:
        if "secret_key" not in given:
            raise ConfigError("SECRET_KEY must be set in production")
        if len(set(settings.secret_key)) < SECRET_KEY_MIN_DISTINCT:
            raise ConfigError(
                f"SECRET_KEY is too weak for production: use a random value "
                f"(fewer than {SECRET_KEY_MIN_DISTINCT} distinct characters)"
            )
    keys = fernet_keys(settings.device_credentials_key or "")
    if settings.device_credentials_key is not None and not keys:
        raise ConfigError("DEVICE_CREDENTIALS_KEY holds no key")
    for position, key in enumerate(keys, start=1):
        raw = fernet_key_bytes(key)
        if raw is None:
            raise ConfigError(
                f"DEVICE_CREDENTIALS_KEY key #{position} is not a Fernet key "
                "(urlsafe base64 of 32 bytes, as made by Fernet.generate_key())"
            )
        if production and len(set(raw)) < 8:
            raise ConfigError(f"DEVICE_CREDENTIALS_KEY key #{position} is too weak for production")
    if production and not keys:
        raise ConfigError(
            "DEVICE_CREDENTIALS_KEY must be set in production "
            "(it is derived from SECRET_KEY only in development)"
        )
    if production:
        for f in fields(Settings):
            value = getattr(settings, f.name)
            if not f.metadata.get("secret") or not isinstance(value, str):
                continue  # not a secret, or unset
            parts = fernet_keys(value) if f.name == "device_credentials_key" else [value]
            if any(part in KNOWN_SECRETS or _PLACEHOLDER.search(part) for part in parts):
                raise ConfigError(
                    f"{f.metadata['env']} holds a published or placeholder value: "
                    "production needs a real secret"
                )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, built on first use."""
    return from_env()
