from __future__ import annotations

from pathlib import Path

import pytest

from peerqa.config import Settings
from peerqa.errors import ConfigurationError


def test_defaults_are_sqlite_in_the_data_dir(tmp_path: Path) -> None:
    settings = Settings.from_env({"PEERQA_DATA_DIR": str(tmp_path)})
    assert settings.dialect == "sqlite"
    assert settings.resolved_database_url == f"sqlite://{tmp_path / 'peerqa.sqlite3'}"
    assert not settings.development


def test_values_are_parsed() -> None:
    settings = Settings.from_env(
        {
            "PEERQA_ENV": "development",
            "PEERQA_DATABASE_URL": "postgres://peerqa@db.internal:5432/peerqa",
            "PEERQA_PORT": "9000",
            "PEERQA_ALLOWED_HOSTS": "peerqa.example, localhost ,",
            "PEERQA_SESSION_IDLE_MINUTES": "20",
        }
    )
    assert settings.development
    assert settings.dialect == "postgres"
    assert settings.port == 9000
    assert settings.allowed_hosts == ("peerqa.example", "localhost")
    assert settings.session_idle_minutes == 20


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"PEERQA_DATABASE_URL": "mysql://x/y"}, "must start with sqlite:// or postgres://"),
        ({"PEERQA_DATABASE_URL": "postgres://localhost"}, "needs a host and a database name"),
        ({"PEERQA_DATABASE_URL": "postgres://h:notaport/db"}, "port is not a number"),
        ({"PEERQA_DATABASE_URL": "sqlite://"}, "needs a file path"),
        ({"PEERQA_PORT": "eighty"}, "PEERQA_PORT must be a whole number"),
        ({"PEERQA_PORT": "70000"}, "PEERQA_PORT must be a TCP port"),
        ({"PEERQA_SESSION_IDLE_MINUTES": "0"}, "greater than 0"),
        ({"PEERQA_ENV": "prod"}, "PEERQA_ENV must be one of"),
        ({"PEERQA_DATABSE_URL": "sqlite://x"}, "Unknown setting PEERQA_DATABSE_URL"),
        ({"PEERQA_SESSION_IDLE_MINUTES": "800"}, "cannot exceed"),
    ],
)
def test_bad_values_stop_with_a_one_line_reason(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        Settings.from_env(environ)
    assert message in caught.value.message
    assert "\n" not in caught.value.message


def test_the_tooling_variables_ci_sets_are_not_refused() -> None:
    """.ci/run and the Makefile export these for the tests and browser journeys."""
    tooling = {
        "PEERQA_TEST_POSTGRES_URL": "postgresql://postgres@127.0.0.1:5432/peerqa_test",
        "PEERQA_REQUIRE_E2E": "1",
        "PEERQA_CHROMIUM": "/usr/bin/chromium",
        "PEERQA_BENCH_POSTGRES_URL": "postgresql://postgres@127.0.0.1:5432/postgres",
    }
    assert Settings.from_env(tooling).env == "production"
    ci = (Path(__file__).resolve().parents[2] / ".ci" / "run").read_text("utf-8")
    exported = {w.split("=")[0] for w in ci.split() if w.startswith("PEERQA_")}
    assert exported <= set(tooling), exported


def test_every_setting_is_documented() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "operations.md").read_text("utf-8")
    from dataclasses import fields

    missing = [
        f"PEERQA_{f.name.upper()}"
        for f in fields(Settings)
        if f"PEERQA_{f.name.upper()}" not in docs
    ]
    assert missing == []
