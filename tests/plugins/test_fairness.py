"""The achievement band is fair by disadvantage and still measures effectiveness.

The thresholds hold on the same figures ``make fairness`` prints (benchmarks/fairness.py, loaded
by path): 3,135 mainstream state-funded secondaries in 2018/19, split into FSM-ever fifths.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from peerqa.scoring.snapshots import ScoringInput

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "fairness.py"
MAX_GAP = 5.0
"""Percentage points between the most and least disadvantaged fifths flagged below expected."""
MIN_SPEARMAN = 0.8
"""With Progress 8, within every fifth."""


def load_benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("peerqa_fairness_benchmark", BENCHMARK)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def benchmark() -> ModuleType:
    return load_benchmark()


@pytest.fixture(scope="module")
def figures(benchmark: ModuleType, real_inputs: dict[int, ScoringInput]) -> dict[str, Any]:
    found: dict[str, Any] = benchmark.fairness_figures(real_inputs)
    return found


def test_the_mainstream_secondaries(figures: dict[str, Any]) -> None:
    assert figures["schools"] == 3135
    assert figures["unbanded"] == 0
    assert [q["schools"] for q in figures["quintiles"]] == [627] * 5
    fsm = [(q["fsm_min"], q["fsm_max"]) for q in figures["quintiles"]]
    assert fsm == sorted(fsm)


def test_achievement_band_is_fair_by_disadvantage(figures: dict[str, Any]) -> None:
    band = figures["methods"]["achievement_band"]
    assert abs(band["gap"]) <= MAX_GAP, band["flagged_pct"]
    assert all(5 <= share <= 15 for share in band["flagged_pct"]), band["flagged_pct"]


def test_achievement_band_still_measures_progress(figures: dict[str, Any]) -> None:
    band = figures["methods"]["achievement_band"]
    assert min(band["spearman"]) >= MIN_SPEARMAN, band["spearman"]


def test_raw_and_progress8_reproduce_the_published_shape(figures: dict[str, Any]) -> None:
    raw = figures["methods"]["raw_attainment8"]
    assert raw["gap"] > 55
    assert raw["flagged_pct"][0] == pytest.approx(1, abs=1.5)
    assert raw["flagged_pct"][-1] == pytest.approx(64, abs=2)

    progress8 = figures["methods"]["progress8"]
    assert 25 <= progress8["gap"] <= 32
    assert progress8["spearman"] == pytest.approx([1.0] * 5)


def test_missing_data_exits_2(
    benchmark: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert benchmark.main(["--data", str(tmp_path)]) == 2
    assert "2018-2019_england_census.csv" in capsys.readouterr().err


def test_help(benchmark: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        benchmark.main(["--help"])
    assert exit_.value.code == 0
    assert "FSM-ever" in capsys.readouterr().out
