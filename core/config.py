"""Settings: read once from ``PEERQA_*`` environment variables and validated at start.

Nothing reads the environment at import time: the CLI calls :meth:`Settings.from_env` once and
passes the result down; tests build their own :class:`Settings`. Every variable is documented in
``docs/operations.md`` (a test keeps the two in step).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from peerqa.errors import ConfigurationError

ENVIRONMENTS = ("development", "production", "test")
DEFAULT_MODERATION_SEED = "peerqa"
MIN_SEED_LENGTH = 16
SMTP_SCHEMES = ("smtp", "smtp+starttls", "smtps")
T = TypeVar("T")


@dataclass(frozen=True)
class Settings:
    """Every tunable of a peerqa process. Field docs double as the operations reference."""

    env: str = "production"
    """``development`` turns on GraphiQL, introspection and non-Secure cookies."""
    data_dir: Path = field(default_factory=Path.cwd)
    """Where the SQLite database lives when no database URL is given."""
    database_url: str = ""
    """``sqlite://path`` or ``postgres://user@host:port/db``; empty means SQLite in data_dir."""
    host: str = "127.0.0.1"
    port: int = 8000
    allowed_hosts: tuple[str, ...] = ("127.0.0.1", "localhost")
    """Host headers the server answers; anything else gets 400."""
    allowed_origins: tuple[str, ...] = ()
    """Extra browser origins allowed to call /graphql (same origin is always allowed)."""
    session_idle_minutes: int = 30
    session_absolute_hours: int = 12
    login_max_failures: int = 10
    """Failed logins per account within ``login_window_minutes`` before it is throttled."""
    login_window_minutes: int = 15
    login_ip_max_attempts: int = 30
    """Login attempts per client address within ``login_ip_window_minutes``."""
    login_ip_window_minutes: int = 10
    max_body_bytes: int = 65536
    """Largest request body accepted; larger gets 413."""
    smtp_url: str = ""
    """``smtp://host:25``, ``smtp+starttls://user:pass@host:587`` or ``smtps://``; empty: none."""
    mail_from: str = "peerqa@localhost"
    """Sender address of e-mail peerqa sends."""
    concern_escalation_minutes: int = 120
    """A safeguarding concern nobody acknowledges within this time is escalated."""
    ui_dir: Path | None = None
    """Built web UI to serve at /; defaults to frontend/dist beside the source when present."""
    plugins_disabled: tuple[str, ...] = ()
    """Scoring plugins not to run, by name (``peerqa plugins list`` shows the names)."""
    plugin_settings: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Per-plugin settings as a JSON object, e.g. ``{"curriculum": {"well_below_percentile": 10}}``;
    each plugin's defaults fill what is not given."""
    plugin_time_budget_ms: int = 2000
    """Longest one plugin may take for one school or review before it is recorded as failed."""
    scoring_workers: int = 0
    """Processes a large scoring run (``peerqa score``, imports) uses; 0 means one per core."""
    moderation_random_rate: float = 0.25
    """Share of submissions no risk rule selects that are moderated anyway (0 to 1)."""
    moderation_seed: str = DEFAULT_MODERATION_SEED
    """Seed of the random draw; with the review and round it makes the draw reproducible.
    Secret in production (``peerqa serve`` refuses the published default there)."""
    moderation_concern_recent_days: int = 365
    """A concern on any review of the host school raised within this many days selects."""
    moderation_self_gap_steps: int = 2
    """Consensus this many grade steps from the self-evaluation in any area selects."""
    moderation_self_gap_areas: int = 3
    """Consensus one step or more from the self-evaluation in this many areas selects."""
    moderation_indicator_min_count: int = 2
    """Banded indicators an area needs before the indicator rule reads it."""
    moderation_min_history: int = 3
    """A lead (or most of a team) with fewer moderated reviews than this selects."""
    moderation_lead_minimum: int = 1
    """Reviews of each lead to moderate per academic year at least (0: no minimum)."""
    factual_accuracy_days: int = 10
    """Days the host has to point out factual errors once a review is assured."""

    @property
    def development(self) -> bool:
        return self.env == "development"

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite://{self.data_dir / 'peerqa.sqlite3'}"

    @property
    def dialect(self) -> str:
        return (
            "postgres" if self.resolved_database_url.startswith(("postgres", "psql")) else "sqlite"
        )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Build settings from ``PEERQA_*`` variables, or raise ConfigurationError naming one."""
        env = os.environ if environ is None else environ
        known = {f"PEERQA_{f.name.upper()}" for f in fields(cls)}
        unknown = sorted(k for k in env if k.startswith("PEERQA_") and k not in known | _IGNORED)
        if unknown:
            raise ConfigurationError(
                f"Unknown setting {unknown[0]}; see docs/operations.md for the list of settings."
            )
        values: dict[str, Any] = {}
        for f in fields(cls):
            name = f"PEERQA_{f.name.upper()}"
            raw = env.get(name)
            if raw is None or raw == "":
                continue
            values[f.name] = _PARSERS[f.name](name, raw.strip())
        settings = replace(cls(), **values)
        settings.validate()
        return settings

    def secret_seed_problem(self) -> str | None:
        """Why the moderation draw's seed is not fit for production, or None. With a seed
        anyone knows, a lead could work out before submitting whether the random draw will
        moderate their review."""
        if self.env != "production":
            return None
        if self.moderation_seed == DEFAULT_MODERATION_SEED:
            return "PEERQA_MODERATION_SEED is the published default"
        if len(self.moderation_seed) < MIN_SEED_LENGTH:
            return f"PEERQA_MODERATION_SEED is shorter than {MIN_SEED_LENGTH} characters"
        return None

    def validate(self) -> None:
        if self.env not in ENVIRONMENTS:
            raise ConfigurationError(
                f"PEERQA_ENV must be one of {', '.join(ENVIRONMENTS)}, not {self.env!r}."
            )
        check_database_url(self.resolved_database_url)
        if self.smtp_url and urlsplit(self.smtp_url).scheme not in SMTP_SCHEMES:
            raise ConfigurationError(
                f"PEERQA_SMTP_URL must start with one of {', '.join(SMTP_SCHEMES)}."
            )
        if self.session_idle_minutes > self.session_absolute_hours * 60:
            raise ConfigurationError(
                "PEERQA_SESSION_IDLE_MINUTES cannot exceed PEERQA_SESSION_ABSOLUTE_HOURS."
            )


# Read by the project's own tooling (tests, benchmarks, the browser journeys), not the server.
_IGNORED = {
    "PEERQA_TEST_POSTGRES_URL",
    "PEERQA_BENCH_POSTGRES_URL",
    "PEERQA_REQUIRE_E2E",
    "PEERQA_CHROMIUM",
}


def check_database_url(url: str) -> None:
    """Reject a database URL that peerqa cannot use, with a one-line reason."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        if not (parts.netloc + parts.path):
            raise ConfigurationError(
                "PEERQA_DATABASE_URL: an SQLite URL needs a file path, e.g. sqlite://peerqa.sqlite3."
            )
        return
    if parts.scheme in ("postgres", "postgresql"):
        if not parts.hostname or not parts.path.strip("/"):
            raise ConfigurationError(
                "PEERQA_DATABASE_URL: a PostgreSQL URL needs a host and a database name, "
                "e.g. postgres://peerqa@127.0.0.1:5432/peerqa."
            )
        try:
            _ = parts.port
        except ValueError:
            raise ConfigurationError("PEERQA_DATABASE_URL: the port is not a number.") from None
        return
    raise ConfigurationError(
        "PEERQA_DATABASE_URL must start with sqlite:// or postgres://, "
        f"not {parts.scheme or url!r}."
    )


def _positive_int(name: str, raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, not {raw!r}.") from None
    if value <= 0:
        raise ConfigurationError(f"{name} must be greater than 0, not {value}.")
    return value


def _non_negative_int(name: str, raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, not {raw!r}.") from None
    if value < 0:
        raise ConfigurationError(f"{name} cannot be negative, not {value}.")
    return value


def _share(name: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ConfigurationError(f"{name} must be a number from 0 to 1, not {raw!r}.") from None
    if not 0 <= value <= 1:
        raise ConfigurationError(f"{name} must be from 0 to 1, not {value}.")
    return value


def _port(name: str, raw: str) -> int:
    value = _positive_int(name, raw)
    if value > 65535:  # noqa: PLR2004 - the TCP port range
        raise ConfigurationError(f"{name} must be a TCP port (1-65535), not {value}.")
    return value


def _csv(_name: str, raw: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in raw.split(",") if part.strip())


def _text(_name: str, raw: str) -> str:
    return raw


def _plugin_settings(name: str, raw: str) -> dict[str, dict[str, Any]]:
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as error:
        raise ConfigurationError(f"{name} is not valid JSON: {error.msg}.") from None
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ConfigurationError(
            f'{name} must be a JSON object of objects, e.g. {{"curriculum": {{"well_below": 10}}}}.'
        )
    return value


def _directory(name: str, raw: str) -> Path:
    path = Path(raw).expanduser()
    if path.exists() and not path.is_dir():
        raise ConfigurationError(f"{name} must be a directory, but {raw!r} is a file.")
    return path


_PARSERS: dict[str, Callable[[str, str], Any]] = {
    "env": _text,
    "data_dir": _directory,
    "database_url": _text,
    "host": _text,
    "port": _port,
    "allowed_hosts": _csv,
    "allowed_origins": _csv,
    "session_idle_minutes": _positive_int,
    "session_absolute_hours": _positive_int,
    "login_max_failures": _positive_int,
    "login_window_minutes": _positive_int,
    "login_ip_max_attempts": _positive_int,
    "login_ip_window_minutes": _positive_int,
    "max_body_bytes": _positive_int,
    "concern_escalation_minutes": _positive_int,
    "smtp_url": _text,
    "mail_from": _text,
    "ui_dir": _directory,
    "plugins_disabled": _csv,
    "plugin_settings": _plugin_settings,
    "plugin_time_budget_ms": _positive_int,
    "scoring_workers": _non_negative_int,
    "moderation_random_rate": _share,
    "moderation_seed": _text,
    "moderation_concern_recent_days": _non_negative_int,
    "moderation_self_gap_steps": _positive_int,
    "moderation_self_gap_areas": _positive_int,
    "moderation_indicator_min_count": _positive_int,
    "moderation_min_history": _non_negative_int,
    "moderation_lead_minimum": _non_negative_int,
    "factual_accuracy_days": _positive_int,
}
