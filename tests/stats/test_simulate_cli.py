"""``peerqa simulate``, run in-process on a real SQLite file."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from peerqa import db
from peerqa.cli import main
from peerqa.config import Settings
from peerqa.models import ContextSnapshot, ContextValue, School, User
from peerqa.stats.reviews import FSM_EVER


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PEERQA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PEERQA_ENV", "test")
    monkeypatch.delenv("PEERQA_DATABASE_URL", raising=False)
    return tmp_path


async def _schools(data_dir: Path) -> None:
    async with db.orm(Settings(env="test", data_dir=data_dir)):
        for urn, pct in ((990101, 8.5), (990102, 31.0), (990103, 19.2)):
            await School.create(urn=urn, name=f"Census school {urn}")
            snapshot = await ContextSnapshot.create(urn=urn, year=2018)
            await ContextValue.create(
                snapshot=snapshot, measure=FSM_EVER, value=pct, source_file="c.csv", source_row=2
            )


async def _simulated_users(data_dir: Path) -> list[tuple[str, bool, str]]:
    async with db.orm(Settings(env="test", data_dir=data_dir)):
        rows = await User.filter(email__endswith="@example.invalid").values_list(
            "display_name", "is_active", "password_hash"
        )
    return [(str(name), bool(active), str(digest)) for name, active, digest in rows]


def test_help_explains_what_it_writes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["simulate", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for words in ("--reviews", "--seed", "--partnership", "--replace", "real", "census"):
        assert words in out


def test_simulate_needs_real_schools_then_writes_once(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["migrate"]) == 0
    capsys.readouterr()
    assert main(["simulate", "--reviews", "12"]) == 1
    assert "Import the register and the census first" in capsys.readouterr().err

    asyncio.run(_schools(data_dir))
    assert main(["simulate", "--reviews", "12", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "'Simulated partnership (seed 3)'" in out
    assert "12 published reviews" in out
    assert main(["simulate", "--reviews", "12", "--seed", "3"]) == 1
    assert "--replace" in capsys.readouterr().err
    assert main(["simulate", "--reviews", "12", "--seed", "3", "--replace"]) == 0
    assert "Replaced an earlier simulation of 12 reviews" in capsys.readouterr().out

    users = asyncio.run(_simulated_users(data_dir))
    assert len(users) == 126  # 20 leads, 100 reviewers, 6 moderators: the earlier ones are gone
    assert all(name.startswith("Simulated ") for name, _, _ in users)
    assert not any(active or digest for _, active, digest in users)  # nobody can sign in


def test_simulate_is_refused_in_production(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PEERQA_ENV", "production")
    assert main(["simulate"]) == 1
    assert "never into a production database" in capsys.readouterr().err
