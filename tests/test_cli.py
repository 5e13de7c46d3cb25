"""The ``peerqa`` command line, run in-process on a real SQLite file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from peerqa.cli import main


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PEERQA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PEERQA_ENV", "test")
    monkeypatch.delenv("PEERQA_DATABASE_URL", raising=False)
    return tmp_path


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["serve", "--help"],
        ["migrate", "--help"],
        ["demo", "--help"],
        ["users", "--help"],
        ["users", "create", "--help"],
        ["users", "set-role", "--help"],
        ["users", "reset-password", "--help"],
        ["makemigrations", "--help"],
        ["score", "--help"],
        ["plugins", "--help"],
        ["plugins", "list", "--help"],
        ["plugins", "failures", "--help"],
    ],
)
def test_help_everywhere(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 0
    assert "usage: peerqa" in capsys.readouterr().out


def test_migrate_demo_and_users(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["migrate"]) == 0
    assert "loaded framework national v1" in capsys.readouterr().out
    assert (data_dir / "peerqa.sqlite3").exists()
    assert main(["migrate"]) == 0  # idempotent
    assert "loaded framework" not in capsys.readouterr().out
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "head.northfield@demo.peerqa.test" in out
    assert "visit-day-demo-2026" in out
    # Invented figures for the 4 demo schools and 60 peers of each of their 2 types, scored.
    assert "Scored the demo schools: scored 124 schools with 4 plugins" in out
    assert "0 failed" in out
    assert main(["demo", "--if-empty"]) == 0
    assert "already has users" in capsys.readouterr().out
    assert main(["demo"]) == 1
    assert "only seeded into an empty one" in capsys.readouterr().err

    monkeypatch.setattr("sys.stdin", io.StringIO("a perfectly long password\n"))
    assert (
        main(["users", "create", "new@school.test", "--name", "New Person", "--password-stdin"])
        == 0
    )
    assert main(["users", "set-role", "new@school.test", "--role", "moderator"]) == 0
    assert (
        main(
            ["users", "set-role", "new@school.test", "--urn", "990002", "--school-role", "governor"]
        )
        == 0
    )
    assert "governor at 990002" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("too short\n"))
    assert main(["users", "reset-password", "new@school.test", "--password-stdin"]) == 1
    assert "at least 15 characters" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("another long password\n"))
    assert main(["users", "reset-password", "nobody@school.test", "--password-stdin"]) == 1
    assert "No user has the e-mail address" in capsys.readouterr().err
    assert main(["users", "set-role", "new@school.test", "--urn", "1", "--school-role", "dsl"]) == 1


def test_bad_database_url_stops_with_one_line(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PEERQA_DATABASE_URL", "mysql://root@localhost/peerqa")
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "PEERQA_DATABASE_URL must start with sqlite:// or postgres://" in err


def test_unreachable_database_stops_with_one_line(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PEERQA_DATABASE_URL", "postgres://peerqa@127.0.0.1:1/peerqa")
    assert main(["migrate"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "cannot reach the database at 127.0.0.1:1/peerqa" in err


def test_commands_before_migrate_say_what_to_do(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo"]) == 1
    assert "Has 'peerqa migrate' been run?" in capsys.readouterr().err


def test_custom_sqlite_url_keeps_peerqa_pragmas(tmp_path: Path) -> None:
    from peerqa import db
    from peerqa.config import Settings

    url = db.database_url(Settings(database_url=f"sqlite://{tmp_path}/x.db?busy_timeout=100"))
    assert "busy_timeout=100" in url
    assert "journal_mode=wal" in url
    assert "foreign_keys=1" in url


@pytest.mark.parametrize(
    ("seed", "problem"),
    [(None, "the published default"), ("short-secret", "shorter than 16 characters")],
)
def test_serve_in_production_needs_a_secret_moderation_seed(
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    seed: str | None,
    problem: str,
) -> None:
    def started(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the server started with a seed anyone knows")

    monkeypatch.setattr("uvicorn.run", started)
    monkeypatch.setenv("PEERQA_ENV", "production")
    if seed is not None:
        monkeypatch.setenv("PEERQA_MODERATION_SEED", seed)
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert problem in err
    assert "PEERQA_MODERATION_SEED=" in err  # how to set one


def test_a_secret_seed_or_another_environment_passes_the_seed_check() -> None:
    from peerqa.config import Settings

    assert Settings(env="production", moderation_seed="x" * 32).secret_seed_problem() is None
    assert Settings(env="development").secret_seed_problem() is None
    assert Settings(env="test").secret_seed_problem() is None
    assert Settings(env="production").secret_seed_problem() is not None


def test_serve_rejects_a_bad_port(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--port", "70000"])
    assert exit_.value.code == 2
    assert "not a TCP port" in capsys.readouterr().err


def test_audit_verify_reports_tampering(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    assert main(["migrate"]) == 0
    assert main(["demo"]) == 0
    capsys.readouterr()
    assert main(["audit", "verify"]) == 0
    assert "chain intact" in capsys.readouterr().out
    with sqlite3.connect(data_dir / "peerqa.sqlite3") as conn:
        conn.execute("UPDATE audit_event SET action = 'review.nothing' WHERE id = 3")
    assert main(["audit", "verify"]) == 1
    assert "does not verify at event 3" in capsys.readouterr().err
    assert main(["concerns", "escalate"]) == 0
    assert "Escalated 0 concern(s)." in capsys.readouterr().out


def test_demo_is_refused_in_production(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["migrate"]) == 0
    monkeypatch.setenv("PEERQA_ENV", "production")
    assert main(["demo", "--if-empty"]) == 1
    assert "never into a production database" in capsys.readouterr().err


CENSUS_HEADER = "URN,LA,ESTAB,SCHOOLTYPE,NOR,NORG,NORB,PNORG,PNORB,TSENELSE,PSENELSE,TSENELK,PSENELK,NUMEAL,NUMENGFL,NUMUNCFL,PNUMEAL,PNUMENGFL,PNUMUNCFL,NUMFSM,NUMFSMEVER,PNUMFSMEVER"


def test_import_scores_and_score_reruns_write_nothing(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    census = data_dir / "census.csv"
    rows = [
        f"{urn},201,{urn % 10000},State-funded primary,{200 + urn % 7 * 30},0,0,50,50,0,1.5,0,{10 + urn % 5},0,0,0,{urn % 9 * 3},0,0,0,0,{15 + urn % 11 * 4}"
        for urn in range(100001, 100031)
    ]
    census.write_text("\n".join([CENSUS_HEADER, *rows]) + "\n", encoding="utf-8")
    assert main(["migrate"]) == 0
    assert main(["import", "census", str(census), "--year", "2018"]) == 0
    out = capsys.readouterr().out
    assert "census 2018: 30 rows; 30 inserted" in out
    assert "scored 30 schools with 4 plugins (ap_use, behaviour, context, curriculum)" in out
    assert main(["score"]) == 0
    out = capsys.readouterr().out
    assert "0 results written, 120 unchanged, 0 failed" in out
    assert "scored 0 reviews" in out
    assert main(["import", "census", str(census), "--year", "2018"]) == 0
    assert "scored" not in capsys.readouterr().out  # nothing changed, nothing to score
    assert main(["plugins", "failures"]) == 0
    assert "no failed plugin results" in capsys.readouterr().out


def test_plugins_list_shows_the_built_ins(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PEERQA_PLUGINS_DISABLED", "behaviour")
    monkeypatch.setenv("PEERQA_PLUGIN_SETTINGS", '{"context": {"answer": 42}}')
    assert main(["plugins", "list"]) == 0
    out = capsys.readouterr().out
    assert "context 1.0.0 (enabled)" in out
    assert "behaviour 1.0.0 (disabled)" in out
    assert "source:   peerqa 0.1.0: peerqa.plugins.curriculum" in out
    assert '"answer": 42' in out
    assert main(["plugins", "list", "--json"]) == 0
    listed = {p["name"]: p for p in json.loads(capsys.readouterr().out)}
    assert set(listed) >= {"ap_use", "behaviour", "context", "curriculum"}
    assert "peerqa_score" in listed["curriculum"]["hooks"]


def test_bad_plugin_settings_stop_with_one_line(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PEERQA_PLUGIN_SETTINGS", "{not json")
    assert main(["plugins", "list"]) == 2
    assert "PEERQA_PLUGIN_SETTINGS is not valid JSON" in capsys.readouterr().err
    monkeypatch.setenv("PEERQA_PLUGIN_SETTINGS", '{"context": 3}')
    assert main(["plugins", "list"]) == 2
    assert "must be a JSON object of objects" in capsys.readouterr().err


def test_the_app_factory_refuses_the_default_seed_in_production(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """However the server is started (e.g. ``uvicorn --factory`` directly), not with a seed
    anyone knows."""
    from peerqa.errors import ConfigurationError
    from peerqa.schema.app import create_app_from_env

    monkeypatch.setenv("PEERQA_ENV", "production")
    with pytest.raises(ConfigurationError, match="published default"):
        create_app_from_env()
    monkeypatch.setenv("PEERQA_MODERATION_SEED", "a" * 32)
    assert create_app_from_env() is not None
