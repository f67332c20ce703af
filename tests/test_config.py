"""Settings: every variable is read through its cast, a bad value names its variable,
the rules that span variables hold, and README's table lists every variable."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from runcoach.config import ConfigError, Settings, from_env, variables
from tests.support.servers import ROOT

SECRET = "s" * 40

# variable -> (a value other than the default, what the field then holds)
SAMPLES: dict[str, tuple[str, Any]] = {
    "RUNCOACH_ENV": ("staging", "staging"),
    "HOST": ("0.0.0.0", "0.0.0.0"),
    "PORT": ("9000", 9000),
    "VAR_DIR": ("/srv/runcoach/var", Path("/srv/runcoach/var")),
    "DATABASE_URL": ("postgresql://u:p@db:5432/rc", "postgres://u:p@db:5432/rc"),
    "REDIS_URL": ("redis://cache:6379/1", "redis://cache:6379/1"),
    "SECRET_KEY": (SECRET, SECRET),
    "JWT_ISSUER": ("issuer", "issuer"),
    "JWT_AUDIENCE": ("audience", "audience"),
    "ACCESS_TOKEN_TTL": ("60", 60),
    "REFRESH_TOKEN_TTL": ("3600", 3600),
    "DEVICE_CREDENTIALS_KEY": ("a-key", "a-key"),
    "GARMIN_PROVIDER": ("simulated", "simulated"),
    "PROVIDER_TIMEOUT": ("1.5", 1.5),
    "SYNC_TIMEOUT": ("2.5", 2.5),
    "LOGIN_MAX_FAILURES_PER_ACCOUNT": ("3", 3),
    "LOGIN_MAX_FAILURES_PER_IP": ("4", 4),
    "LOGIN_WINDOW": ("60", 60),
    "PROXIES_COUNT": ("1", 1),
    "REQUEST_MAX_SIZE": ("2048", 2048),
    "UPLOAD_MAX_SIZE": ("4096", 4096),
    "LOG_LEVEL": ("debug", "DEBUG"),
    "LOG_JSON": ("false", False),
    "WEB_CONCURRENCY": ("2", 2),
    "WORKER_PROCESSES": ("3", 3),
    "WORKER_THREADS": ("4", 4),
    "DB_POOL_MAX": ("5", 5),
    "REDIS_POOL_MAX": ("6", 6),
    "CACHE_ENABLED": ("off", False),
    "CACHE_TIMEOUT": ("0.5", 0.5),
    "SENDGRID_API_KEY": ("SG.key", "SG.key"),
    "SENDGRID_BASE_URL": ("http://127.0.0.1:9", "http://127.0.0.1:9"),
    "EMAIL_FROM": ("a@example.com", "a@example.com"),
    "EMAIL_FROM_NAME": ("Coach", "Coach"),
    "PUSH_BACKEND": ("expo", "expo"),
    "EXPO_ACCESS_TOKEN": ("expo-token", "expo-token"),
    "EXPO_BASE_URL": ("http://127.0.0.1:8", "http://127.0.0.1:8"),
    "APP_URL": ("https://app.example/", "https://app.example"),
    "DELIVERY_LEASE": ("1200", 1200),
    "PUSH_RECEIPT_DELAY": ("60", 60),
    "GROQ_API_KEY": ("gsk_key", "gsk_key"),
    "GROQ_MODEL": ("model", "model"),
    "GROQ_BASE_URL": ("http://127.0.0.1:7", "http://127.0.0.1:7"),
    "LLM_TIMEOUT": ("12.5", 12.5),
    "LLM_MAX_RETRIES": ("0", 0),
    "OFFLINE_COACH_DELAY_MS": ("5-10", (5, 10)),
    "COACH_MAX_STREAMS": ("3", 3),
    "WS_SEND_TIMEOUT": ("2.5", 2.5),
    "CPU_POOL_SIZE": ("4", 4),
}

# The casts that refuse a value, and the variables read through each.
_CHECKED_TYPES = {"int", "float", "bool"}
REFUSING = sorted(
    [
        *(
            variable
            for variable, name in variables().items()
            if Settings.__dataclass_fields__[name].type in _CHECKED_TYPES
        ),
        "OFFLINE_COACH_DELAY_MS",
        "PUSH_BACKEND",
    ]
)


def test_every_declared_variable_is_read() -> None:
    assert set(SAMPLES) == set(variables()), "a variable without a sample, or a stale sample"
    settings = from_env({variable: raw for variable, (raw, _) in SAMPLES.items()})
    for variable, name in variables().items():
        assert getattr(settings, name) == SAMPLES[variable][1], variable


def test_unset_or_empty_means_the_declared_default() -> None:
    defaults = Settings()
    for environ in ({}, dict.fromkeys(variables(), "")):
        settings = from_env(environ)
        for f in fields(Settings):
            if f.name == "var_dir":
                assert settings.var_dir == defaults.var_dir.resolve()
            else:
                assert getattr(settings, f.name) == getattr(defaults, f.name), f.name


@pytest.mark.parametrize("variable", REFUSING)
def test_a_bad_value_is_a_config_error_naming_its_variable(variable: str) -> None:
    with pytest.raises(ConfigError, match=rf"^{variable} "):
        from_env({variable: "not-a-value"})


def test_the_derived_settings() -> None:
    assert from_env({}).email_backend == "outbox"
    assert from_env({"SENDGRID_API_KEY": "SG.key"}).email_backend == "sendgrid"
    assert from_env({}).llm_provider == "offline"
    assert from_env({"GROQ_API_KEY": "gsk_key"}).llm_provider == "groq"
    assert from_env({"VAR_DIR": "var/sub"}).var_dir == Path("var/sub").resolve()
    assert from_env({"DATABASE_URL": "postgres://db/x"}).database_url == "postgres://db/x"


def test_secret_key_rules() -> None:
    assert from_env({"RUNCOACH_ENV": "production", "SECRET_KEY": SECRET}).secret_key == SECRET
    with pytest.raises(ConfigError, match="SECRET_KEY must be set in production"):
        from_env({"RUNCOACH_ENV": "production"})
    with pytest.raises(ConfigError, match="SECRET_KEY must be at least 32 characters"):
        from_env({"SECRET_KEY": "short"})


def test_the_cpu_pool_has_a_thread() -> None:
    with pytest.raises(ConfigError, match="CPU_POOL_SIZE must be at least 1"):
        from_env({"CPU_POOL_SIZE": "0"})


def test_secrets_stay_out_of_repr() -> None:
    settings = from_env({variable: raw for variable, (raw, _) in SAMPLES.items()})
    for variable in (
        "SECRET_KEY",
        "DEVICE_CREDENTIALS_KEY",
        "SENDGRID_API_KEY",
        "EXPO_ACCESS_TOKEN",
        "GROQ_API_KEY",
    ):
        assert SAMPLES[variable][0] not in repr(settings), variable


def test_readme_lists_every_variable() -> None:
    text = (ROOT / "README.md").read_text()
    section = text[text.index("## Configuration") :]
    section = section[: section.index("\n## ", 1)]
    listed: set[str] = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            listed |= set(re.findall(r"`([A-Z][A-Z0-9_]*)`", line.split("|")[1]))
    assert listed == set(variables())
