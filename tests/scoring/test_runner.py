"""One plugin over many inputs: failures are recorded per input and never stop the run."""

from __future__ import annotations

import time

from peerqa import pluginhost
from peerqa.scoring import runner
from peerqa.testing import school_input
from tests.scoring import broken

INPUTS = [school_input(urn=100000 + i, values={"pupils": 100.0 + i}) for i in range(5)]


def run(module: object, name: str, budget: float = 2.0, **settings: object) -> list[runner.Outcome]:
    plugin = pluginhost.from_module(name, module)
    return runner.run(plugin, INPUTS, dict(settings), budget)


def test_a_sound_plugin_scores_every_input_in_order() -> None:
    outcomes = run(broken.SOUND, "sound")
    assert [o.ok for o in outcomes] == [True] * 5
    assert [o.scores[0].value for o in outcomes] == [100.0, 101.0, 102.0, 103.0, 104.0]
    assert outcomes[0].scores[0].explanation == "100 pupils on roll."


def test_a_plugin_that_raises_is_failed_for_each_input_with_the_reason() -> None:
    outcomes = run(broken.RAISES, "raises")
    assert {o.ok for o in outcomes} == {False}
    assert outcomes[0].error == "raised ZeroDivisionError: division by zero in a plugin"


def test_garbage_and_out_of_range_fields_are_refused() -> None:
    garbage = run(broken.GARBAGE, "garbage")
    assert garbage[0].error == "returned a bad result: expected a list of Score, got dict"
    band = run(broken.BAD_BAND, "bad_band")
    assert band[0].error.startswith("returned a bad result: band must be one of well_above")


def test_one_slow_input_fails_alone_and_the_run_goes_on() -> None:
    started = time.perf_counter()
    outcomes = run(broken.SLOW_ON_ONE, "slow", budget=0.3, slow_urn=100002)
    assert time.perf_counter() - started < 3.0  # did not wait the 5 s out
    assert [o.ok for o in outcomes] == [True, True, False, True, True]
    assert outcomes[2].error == "overran its time budget of 300 ms"
    assert outcomes[3].scores[0].value == 103.0


def test_a_plugin_that_keeps_overrunning_is_skipped_after_three() -> None:
    started = time.perf_counter()
    outcomes = run(broken.SLEEPS, "sleeps", budget=0.2, sleep=5.0)
    assert time.perf_counter() - started < 3.0
    assert [o.error for o in outcomes[:3]] == ["overran its time budget of 200 ms"] * 3
    assert outcomes[3].error == outcomes[4].error
    assert outcomes[3].error.startswith("skipped: the plugin overran its time budget 3 times")


def test_settings_reach_the_plugin() -> None:
    outcomes = run(broken.SLEEPS, "sleeps", budget=2.0, sleep=0.0)
    assert [o.ok for o in outcomes] == [True] * 5
