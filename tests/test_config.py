"""Settings: every variable is read through its cast, a bad value names its variable,
the rules that span variables hold, and README's table lists every variable."""

from __future__ import annotations

import re
import secrets
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
import yaml  # PyYAML, a dependency of sanic-ext
from cryptography.fernet import Fernet

from runcoach.config import KNOWN_SECRETS, ConfigError, Rate, Settings, from_env, variables
from tests.support.servers import ROOT

SECRET = "s" * 40
KEY = Fernet.generate_key().decode()
# What production needs: real random secrets.
REAL = {"SECRET_KEY": secrets.token_urlsafe(32), "DEVICE_CREDENTIALS_KEY": KEY}
PRODUCTION = {"RUNCOACH_ENV": "production", **REAL}

# variable -> (a value other than the default, what the field then holds)
SAMPLES: dict[str, tuple[str, Any]] = {
    "RUNCOACH_ENV": ("staging", "staging"),
    "HOST": ("0.0.0.0", "0.0.0.0"),
    "PORT": ("9000", 9000),
    "VAR_DIR": ("/srv/runcoach/var", Path("/srv/runcoach/var")),
    "CLIENT_DIST": ("/srv/runcoach/web", Path("/srv/runcoach/web")),
    "DATABASE_URL": ("postgresql://u:p@db:5432/rc", "postgres://u:p@db:5432/rc"),
    "REDIS_URL": ("redis://cache:6379/1", "redis://cache:6379/1"),
    "SECRET_KEY": (SECRET, SECRET),
    "JWT_ISSUER": ("issuer", "issuer"),
    "JWT_AUDIENCE": ("audience", "audience"),
    "ACCESS_TOKEN_TTL": ("60", 60),
    "REFRESH_TOKEN_TTL": ("3600", 3600),
    "DEVICE_CREDENTIALS_KEY": (KEY, KEY),
    "GARMIN_PROVIDER": ("simulated", "simulated"),
    "PROVIDER_TIMEOUT": ("1.5", 1.5),
    "SYNC_TIMEOUT": ("2.5", 2.5),
    "LIMIT_LOGIN_ACCOUNT": ("3/60", Rate(3, 60)),
    "LIMIT_LOGIN_IP": ("4/1m", Rate(4, 60)),
    "LIMIT_REGISTER_IP": ("5/2h", Rate(5, 7200)),
    "LIMIT_PASSWORD_RESET": ("6/1d", Rate(6, 86400)),
    "LIMIT_PASSWORD_CHANGE": ("3/10m", Rate(3, 600)),
    "LIMIT_PLANS": ("7/30s", Rate(7, 30)),
    "LIMIT_COACH_MESSAGES": (" 8 / 10M ", Rate(8, 600)),
    "LIMIT_ANALYSES": ("9/1h", Rate(9, 3600)),
    "LIMIT_IMPORTS": ("10/1h", Rate(10, 3600)),
    "LIMIT_DEVICE_CONNECT": ("11/1h", Rate(11, 3600)),
    "LIMIT_DEVICE_SYNC": ("12/1h", Rate(12, 3600)),
    "LIMIT_SHARE_VIEW": ("13/1m", Rate(13, 60)),
    "PROXIES_COUNT": ("1", 1),
    "REQUEST_MAX_SIZE": ("2048", 2048),
    "UPLOAD_MAX_SIZE": ("4096", 4096),
    "LOG_LEVEL": ("debug", "DEBUG"),
    "LOG_JSON": ("false", False),
    "WEB_CONCURRENCY": ("2", 2),
    "WORKER_PROCESSES": ("3", 3),
    "WORKER_THREADS": ("4", 4),
    "DB_POOL_MAX": ("5", 5),
    "DB_CONNECT_TIMEOUT": ("1.5", 1.5),
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
    "SYNC_RETENTION_DAYS": ("30", 30),
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
    "WS_ALLOWED_ORIGINS": (
        " https://App.example/, http://localhost:3000 ",
        ("https://app.example", "http://localhost:3000"),
    ),
    "WS_MAX_SOCKETS_PER_USER": ("4", 4),
    "WS_MESSAGE_RATE": ("30/1m", Rate(30, 60)),
    "WS_PING_INTERVAL": ("15", 15),
    "WS_PING_TIMEOUT": ("25", 25),
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
        *(variable for variable in variables() if variable.startswith("LIMIT_")),
        "SECRET_KEY",
        "DEVICE_CREDENTIALS_KEY",
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


@pytest.mark.parametrize(
    ("raw", "rate"),
    [
        ("5/15m", Rate(5, 900)),
        ("5/900", Rate(5, 900)),
        ("1/1d", Rate(1, 86400)),
        (" 3 / 2H ", Rate(3, 7200)),
    ],
)
def test_a_rate_is_a_count_per_a_window(raw: str, rate: Rate) -> None:
    assert from_env({"LIMIT_PLANS": raw}).limit_plans == rate


@pytest.mark.parametrize("raw", ["0/1h", "5/0", "5/1w", "x/1h", "5", "/5", "5/", "-1/1h"])
def test_a_rate_that_allows_nothing_or_does_not_parse_is_refused(raw: str) -> None:
    with pytest.raises(ConfigError, match=r"^LIMIT_PLANS must"):
        from_env({"LIMIT_PLANS": raw})


def test_the_derived_settings() -> None:
    assert from_env({}).email_backend == "outbox"
    assert from_env({"SENDGRID_API_KEY": "SG.key"}).email_backend == "sendgrid"
    assert from_env({}).llm_provider == "offline"
    assert from_env({"GROQ_API_KEY": "gsk_key"}).llm_provider == "groq"
    assert from_env({"VAR_DIR": "var/sub"}).var_dir == Path("var/sub").resolve()
    assert from_env({"DATABASE_URL": "postgres://db/x"}).database_url == "postgres://db/x"


def test_secret_key_rules() -> None:
    assert from_env(PRODUCTION).secret_key == REAL["SECRET_KEY"]
    with pytest.raises(ConfigError, match="SECRET_KEY must be set in production"):
        from_env({"RUNCOACH_ENV": "production", "DEVICE_CREDENTIALS_KEY": KEY})
    with pytest.raises(ConfigError, match="SECRET_KEY must be at least 32 characters"):
        from_env({"SECRET_KEY": "short"})
    assert from_env({"SECRET_KEY": SECRET}).secret_key == SECRET  # development takes any


def test_production_needs_its_own_device_credentials_key() -> None:
    with pytest.raises(ConfigError, match="DEVICE_CREDENTIALS_KEY must be set in production"):
        from_env({"RUNCOACH_ENV": "production", "SECRET_KEY": REAL["SECRET_KEY"]})
    old = Fernet.generate_key().decode()
    rotating = from_env({**PRODUCTION, "DEVICE_CREDENTIALS_KEY": f"{KEY}, {old}"})
    assert rotating.device_credentials_key == f"{KEY}, {old}"
    assert from_env({"DEVICE_CREDENTIALS_KEY": KEY}).device_credentials_key == KEY


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("my database password", "key #1 is not a Fernet key"),
        (f"{KEY},{'x' * 44}", "key #2 is not a Fernet key"),
        (" , ", "holds no key"),
    ],
)
def test_device_credentials_key_holds_fernet_keys_everywhere(value: str, message: str) -> None:
    for env in ({}, {"RUNCOACH_ENV": "production", "SECRET_KEY": REAL["SECRET_KEY"]}):
        with pytest.raises(ConfigError, match=f"^DEVICE_CREDENTIALS_KEY {message}") as info:
            from_env({**env, "DEVICE_CREDENTIALS_KEY": value})
        if value.strip(" ,"):
            assert value.split(",")[-1] not in str(info.value)


REFUSED_IN_PRODUCTION = [
    *(("SECRET_KEY", known) for known in sorted(KNOWN_SECRETS)),
    ("SECRET_KEY", "s" * 40),  # a single repeated character
    ("SECRET_KEY", "abababababababababababababababab"),  # too few distinct characters
    ("SECRET_KEY", "please-change-me-" + secrets.token_hex(16)),
    ("SECRET_KEY", "CHANGEME" + secrets.token_hex(16)),
    ("SECRET_KEY", "your-secret-key-" + secrets.token_hex(16)),
    ("SECRET_KEY", "placeholder-" + secrets.token_hex(16)),
    ("DEVICE_CREDENTIALS_KEY", "A" * 43 + "="),  # 32 zero bytes: a Fernet key, not a secret
    ("GROQ_API_KEY", "gsk_replace_me"),
    ("SENDGRID_API_KEY", "SG.example"),
    ("EXPO_ACCESS_TOKEN", "your-token-here"),
]


@pytest.mark.parametrize(("variable", "value"), REFUSED_IN_PRODUCTION)
def test_production_refuses_published_placeholder_and_weak_secrets(
    variable: str, value: str
) -> None:
    with pytest.raises(ConfigError, match=rf"^{variable} ") as info:
        from_env({**PRODUCTION, variable: value})
    assert value not in str(info.value)
    # Development keeps working with them.
    assert getattr(from_env({variable: value}), variables()[variable]) == value


def test_a_rotated_placeholder_key_is_refused_in_production() -> None:
    with pytest.raises(ConfigError, match=r"^DEVICE_CREDENTIALS_KEY key #2 is too weak"):
        from_env({**PRODUCTION, "DEVICE_CREDENTIALS_KEY": f"{KEY},{'A' * 43}="})


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
    with_passwords = from_env(
        {
            "DATABASE_URL": "postgresql://rc:db-pass-123@db:5432/rc",
            "REDIS_URL": "rediss://:redis-pass-456@cache:6380/0",
        }
    )
    text = repr(with_passwords)
    assert "db-pass-123" not in text and "redis-pass-456" not in text
    assert "'postgres://rc:***@db:5432/rc'" in text and "'rediss://:***@cache:6380/0'" in text
    assert "redis_url='redis://cache:6379/1'" in repr(settings)  # no password: as it is


# --- the deployment files run in production mode ------------------------------------------------


def test_procfile_and_dockerfile_run_in_production_mode() -> None:
    for line in (ROOT / "Procfile").read_text().splitlines():
        process, _, command = line.partition(":")
        assert command.strip().startswith("RUNCOACH_ENV=production "), process
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^ENV .*\bRUNCOACH_ENV=production\b", dockerfile, re.MULTILINE)


def _interpolate(value: str, environ: dict[str, str]) -> str:
    """Compose's ``${NAME:-default}`` / ``${NAME}`` interpolation (what it reads from .env)."""

    def one(match: re.Match[str]) -> str:
        name, default = match.group(1), match.group(3) or ""
        return environ.get(name) or default

    return re.sub(r"\$\{([A-Z_][A-Z0-9_]*)(:-([^}]*))?\}", one, value)


def test_compose_runs_in_production_with_the_users_secrets_only() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    app_services = [s for s in compose["services"].values() if "build" in s]
    assert len(app_services) == 4  # release, web, worker, clock
    for service in app_services:
        environment = service["environment"]
        assert environment["RUNCOACH_ENV"] == "production"
        for variable in ("SECRET_KEY", "DEVICE_CREDENTIALS_KEY"):
            # a pass-through of the user's value, never a default in the file
            assert environment[variable] == f"${{{variable}:-}}", variable
        for variable, raw in environment.items():
            if Settings.__dataclass_fields__[variables()[variable]].metadata["secret"]:
                assert _interpolate(str(raw), {}) == "", variable
        # Without the user's secrets the service refuses to start, naming what is missing;
        # with them (a .env file beside the compose file), it starts in production.
        with pytest.raises(ConfigError, match=r"^SECRET_KEY must be set in production"):
            from_env({k: _interpolate(str(v), {}) for k, v in environment.items()})
        given = {k: _interpolate(str(v), REAL) for k, v in environment.items()}
        assert from_env(given).is_production


def test_readme_lists_every_variable() -> None:
    text = (ROOT / "README.md").read_text()
    section = text[text.index("## Configuration") :]
    section = section[: section.index("\n## ", 1)]
    listed: set[str] = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            listed |= set(re.findall(r"`([A-Z][A-Z0-9_]*)`", line.split("|")[1]))
    assert listed == set(variables())


@pytest.mark.parametrize("value", ["app.example", "ftp://app.example", "https://app.example/path"])
def test_allowed_origins_are_origins(value: str) -> None:
    with pytest.raises(ConfigError, match="WS_ALLOWED_ORIGINS"):
        from_env({"WS_ALLOWED_ORIGINS": value})
