"""Real 2018/19 figures for the plugin tests, read once per test session from ../shared/data."""

from __future__ import annotations

from pathlib import Path

import pytest

from peerqa.scoring.snapshots import ScoringInput
from peerqa.testing import inputs_from_files, shared_data

FILES_2018 = (
    "2018-2019_england_census.csv",
    "2018-2019_england_abs.csv",
    "2018-2019_england_ks4provisional_subset.csv",
    "2018-2019_england_ks4-pupdest.csv",
    "pupil-premium-2019-2020_allocations.csv",
    "england_swf_partial.csv",
)


def real_files() -> list[Path]:
    found = [shared_data(name) for name in FILES_2018]
    missing = [n for n, p in zip(FILES_2018, found, strict=True) if p is None]
    if missing:
        pytest.skip(f"../shared/data lacks {', '.join(missing)}: the real DfE files are needed")
    return [p for p in found if p is not None]


@pytest.fixture(scope="session")
def real_inputs() -> dict[int, ScoringInput]:
    """A ScoringInput for every school in the real 2018/19 files (year 2018), by URN."""
    return inputs_from_files(real_files(), 2018)
