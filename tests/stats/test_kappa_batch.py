"""The vectorised kappa used for bootstrap resamples agrees with scikit-learn's."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score  # type: ignore[import-untyped, unused-ignore]

from peerqa.stats.agreement import kappa_from_tables, weighted_kappa


@pytest.mark.parametrize("weights", ["linear", "quadratic"])
def test_matches_scikit_learn_on_random_tables(weights: str) -> None:
    rng = np.random.default_rng(3)
    tables = rng.integers(0, 6, size=(40, 5, 5)).astype(np.float64)
    tables[0] = 0
    tables[0, 2, 2] = 4  # one grade value only: undefined
    grid = np.arange(1, 6)
    found = kappa_from_tables(tables, weights)  # type: ignore[arg-type]
    assert np.isnan(found[0])
    for table, kappa in zip(tables[1:], found[1:], strict=True):
        expected = cohen_kappa_score(
            np.repeat(grid, 5),
            np.tile(grid, 5),
            labels=list(grid),
            weights=weights,
            sample_weight=table.ravel(),
        )
        assert kappa == pytest.approx(expected, abs=1e-12)


def test_the_interval_is_reproducible_and_contains_the_estimate() -> None:
    rng = np.random.default_rng(5)
    first = [int(g) for g in rng.integers(1, 5, size=60)]
    second = [min(4, max(1, g + int(rng.integers(-1, 2)))) for g in first]
    result = weighted_kappa(first, second, resamples=300, seed=2)
    assert result == weighted_kappa(first, second, resamples=300, seed=2)
    assert result.interval is not None
    assert result.estimate is not None
    assert result.interval[0] < result.estimate < result.interval[1]
