"""Settings, read once from the environment.

Nothing else in RunCoach reads ``os.environ``. Unset URLs mean the embedded
default: ``make run`` (``runcoach.run``) starts an embedded PostgreSQL and
Redis under ``VAR_DIR`` and hands their URLs to every process it starts.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

_DEV_SECRET = "dev-only-insecure-secret-change-me-0123456789abcdef"  # noqa: S105


class ConfigError(Exception):
    """The environment holds a setting that cannot be used."""


def _bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ConfigError(f"not a boolean: {value!r}")


def _delay_range(value: str) -> tuple[int, int]:
    """Parse ``"20-40"`` (a range of milliseconds) or ``"0"`` (no pacing)."""
    low, sep, high = value.strip().partition("-")
    try:
        bounds = (int(low), int(high) if sep else int(low))
    except ValueError as exc:
        raise ConfigError(f"OFFLINE_COACH_DELAY_MS must be like 20-40, got {value!r}") from exc
    if bounds[0] < 0 or bounds[1] < bounds[0]:
        raise ConfigError(f"OFFLINE_COACH_DELAY_MS must be like 20-40, got {value!r}")
    return bounds


def _choice(name: str, value: str | None, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ConfigError(f"{name} must be one of {', '.join(allowed)}, got {value!r}")
    return value


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting of the service; see README.md, "Configuration"."""

    env: str = "development"
    host: str = "127.0.0.1"
    port: int = 8000
    var_dir: Path = Path("var")
    database_url: str | None = None
    redis_url: str | None = None
    secret_key: str = _DEV_SECRET
    jwt_issuer: str = "runcoach"
    jwt_audience: str = "runcoach-api"
    access_token_ttl_s: int = 900
    refresh_token_ttl_s: int = 30 * 24 * 3600
    device_credentials_key: str | None = None
    garmin_provider: str = "garmin"
    provider_timeout_s: float = 60.0
    sync_timeout_s: float = 540.0
    login_max_failures_per_account: int = 5
    login_max_failures_per_ip: int = 30
    login_window_s: int = 900
    proxies_count: int = 0
    request_max_size: int = 1_048_576
    upload_max_size: int = 20 * 1_048_576
    log_level: str = "INFO"
    log_json: bool = True
    web_workers: int = 1
    worker_processes: int = 1
    worker_threads: int = 8
    db_pool_max: int = 10
    redis_pool_max: int = 32
    cache_enabled: bool = True
    cache_timeout_s: float = 0.25
    email_backend: str = "outbox"
    sendgrid_api_key: str | None = field(default=None, repr=False)
    sendgrid_base_url: str | None = None
    email_from: str = "coach@runcoach.example"
    email_from_name: str = "RunCoach"
    push_backend: str = "outbox"
    expo_access_token: str | None = field(default=None, repr=False)
    expo_base_url: str | None = None
    app_url: str = "http://127.0.0.1:8000"
    delivery_lease_s: int = 900
    push_receipt_delay_s: int = 900
    llm_provider: str = "offline"
    groq_api_key: str | None = field(default=None, repr=False)
    groq_model: str = "llama-3.3-70b-versatile"
    groq_base_url: str | None = None
    llm_timeout_s: float = 30.0
    llm_max_retries: int = 2
    offline_coach_delay_ms: tuple[int, int] = (20, 40)
    coach_max_streams: int = 2
    ws_send_timeout_s: float = 10.0
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @property
    def credentials_key(self) -> str:
        """The Fernet key(s) for device credentials, derived from SECRET_KEY when unset."""
        if self.device_credentials_key:
            return self.device_credentials_key
        from runcoach.devices.crypto import derive_key

        return derive_key(self.secret_key)

    def with_urls(self, *, database_url: str, redis_url: str) -> Settings:
        return replace(self, database_url=database_url, redis_url=redis_url)


def from_env(environ: Mapping[str, str] | None = None) -> Settings:
    """Build Settings from an environment mapping (``os.environ`` by default)."""
    env = os.environ if environ is None else environ

    def get(name: str, default: str | None = None) -> str | None:
        value = env.get(name)
        return value if value not in (None, "") else default

    def get_int(name: str, default: int) -> int:
        raw = get(name)
        if raw is None:
            return default
        try:
            return int(raw)
        except ValueError as exc:
            raise ConfigError(f"{name} must be an integer, got {raw!r}") from exc

    app_env = get("RUNCOACH_ENV", "development") or "development"
    secret = get("SECRET_KEY")
    if secret is None:
        if app_env == "production":
            raise ConfigError("SECRET_KEY must be set in production")
        secret = _DEV_SECRET
    if len(secret) < 32:
        raise ConfigError("SECRET_KEY must be at least 32 characters")
    database_url = get("DATABASE_URL")
    if database_url and database_url.startswith("postgresql://"):
        database_url = "postgres://" + database_url[len("postgresql://") :]
    return Settings(
        env=app_env,
        host=get("HOST", "127.0.0.1") or "127.0.0.1",
        port=get_int("PORT", 8000),
        var_dir=Path(get("VAR_DIR", "var") or "var").resolve(),
        database_url=database_url,
        redis_url=get("REDIS_URL"),
        secret_key=secret,
        jwt_issuer=get("JWT_ISSUER", "runcoach") or "runcoach",
        jwt_audience=get("JWT_AUDIENCE", "runcoach-api") or "runcoach-api",
        access_token_ttl_s=get_int("ACCESS_TOKEN_TTL", 900),
        refresh_token_ttl_s=get_int("REFRESH_TOKEN_TTL", 30 * 24 * 3600),
        device_credentials_key=get("DEVICE_CREDENTIALS_KEY"),
        garmin_provider=get("GARMIN_PROVIDER", "garmin") or "garmin",
        provider_timeout_s=float(get("PROVIDER_TIMEOUT", "60") or "60"),
        sync_timeout_s=float(get("SYNC_TIMEOUT", "540") or "540"),
        login_max_failures_per_account=get_int("LOGIN_MAX_FAILURES_PER_ACCOUNT", 5),
        login_max_failures_per_ip=get_int("LOGIN_MAX_FAILURES_PER_IP", 30),
        login_window_s=get_int("LOGIN_WINDOW", 900),
        proxies_count=get_int("PROXIES_COUNT", 0),
        request_max_size=get_int("REQUEST_MAX_SIZE", 1_048_576),
        upload_max_size=get_int("UPLOAD_MAX_SIZE", 20 * 1_048_576),
        log_level=(get("LOG_LEVEL", "INFO") or "INFO").upper(),
        log_json=_bool(get("LOG_JSON", "true") or "true"),
        web_workers=get_int("WEB_CONCURRENCY", 1),
        worker_processes=get_int("WORKER_PROCESSES", 1),
        worker_threads=get_int("WORKER_THREADS", 8),
        db_pool_max=get_int("DB_POOL_MAX", 10),
        redis_pool_max=get_int("REDIS_POOL_MAX", 32),
        cache_enabled=_bool(get("CACHE_ENABLED", "true") or "true"),
        cache_timeout_s=float(get("CACHE_TIMEOUT", "0.25") or "0.25"),
        email_backend="sendgrid" if get("SENDGRID_API_KEY") else "outbox",
        sendgrid_api_key=get("SENDGRID_API_KEY"),
        sendgrid_base_url=get("SENDGRID_BASE_URL"),
        email_from=get("EMAIL_FROM", "coach@runcoach.example") or "coach@runcoach.example",
        email_from_name=get("EMAIL_FROM_NAME", "RunCoach") or "RunCoach",
        push_backend=_choice("PUSH_BACKEND", get("PUSH_BACKEND", "outbox"), ("outbox", "expo")),
        expo_access_token=get("EXPO_ACCESS_TOKEN"),
        expo_base_url=get("EXPO_BASE_URL"),
        app_url=(get("APP_URL", "http://127.0.0.1:8000") or "").rstrip("/"),
        delivery_lease_s=get_int("DELIVERY_LEASE", 900),
        push_receipt_delay_s=get_int("PUSH_RECEIPT_DELAY", 900),
        llm_provider="groq" if get("GROQ_API_KEY") else "offline",
        groq_api_key=get("GROQ_API_KEY"),
        groq_model=get("GROQ_MODEL", "llama-3.3-70b-versatile") or "llama-3.3-70b-versatile",
        groq_base_url=get("GROQ_BASE_URL"),
        llm_timeout_s=float(get("LLM_TIMEOUT", "30") or "30"),
        llm_max_retries=get_int("LLM_MAX_RETRIES", 2),
        offline_coach_delay_ms=_delay_range(get("OFFLINE_COACH_DELAY_MS", "20-40") or "20-40"),
        coach_max_streams=get_int("COACH_MAX_STREAMS", 2),
        ws_send_timeout_s=float(get("WS_SEND_TIMEOUT", "10") or "10"),
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, built on first use."""
    return from_env()
