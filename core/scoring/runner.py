"""Running one plugin over many inputs, so that a broken plugin costs only its own results.

A plugin that raises or returns the wrong type is recorded as failed for that input. One that
overruns its time budget is recorded as failed too, and the run goes on without waiting for it:
each plugin runs in a worker thread watched by the caller, and a worker stuck past the budget
is abandoned (it cannot be killed, so it is a daemon) and a fresh one carries on from the next
input. After ``MAX_OVERRUNS`` overruns in a run the plugin's remaining inputs are skipped; the
count (:class:`Strikes`) is shared by every worker process of a run.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from peerqa.pluginhost import Plugin
from peerqa.scoring.results import BadResult, Flag, ModerationRisk, Score, check
from peerqa.scoring.snapshots import ScoringInput, frozen_map

log = logging.getLogger("peerqa.plugins")
MAX_OVERRUNS = 3
ERROR_MAX = 500


class Strikes:
    """One plugin's overruns in one run, counted across the run's worker processes (it lives
    in shared memory, and forked workers inherit it)."""

    def __init__(self) -> None:
        self._count = multiprocessing.Value("i", 0)

    def add(self) -> int:
        with self._count.get_lock():
            self._count.value += 1
            return int(self._count.value)

    def out(self) -> bool:
        """Whether the plugin has used up its overruns."""
        return int(self._count.value) >= MAX_OVERRUNS


@dataclass
class Outcome:
    """One plugin's result for one input."""

    ok: bool = True
    error: str = ""
    scores: list[Score] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    risks: list[ModerationRisk] = field(default_factory=list)
    seconds: float = 0.0


def call(plugin: Plugin, inp: ScoringInput) -> Outcome:
    """Every scoring hook of ``plugin`` on ``inp``, checked; failures become a failed Outcome."""
    started = time.perf_counter()
    out = Outcome()
    try:
        if (hook := plugin.hooks.get("peerqa_score")) is not None:
            out.scores = check(Score, hook(inp=inp))
        if (hook := plugin.hooks.get("peerqa_flags")) is not None:
            out.flags = check(Flag, hook(inp=inp))
        if inp.review is not None and (hook := plugin.hooks.get("peerqa_moderation_risk")):
            out.risks = check(ModerationRisk, hook(inp=inp))
    except BadResult as error:
        out = Outcome(ok=False, error=f"returned a bad result: {error}"[:ERROR_MAX])
    except Exception as error:  # a plugin's bug must not stop the others
        out = Outcome(ok=False, error=f"raised {type(error).__name__}: {error}"[:ERROR_MAX])
    out.seconds = time.perf_counter() - started
    return out


@dataclass
class _Job:
    """One plugin's run, shared by the watcher and the worker threads.

    ``generation`` names the worker whose results are wanted; the watcher bumps it to abandon
    a stuck worker. ``index`` and ``started`` say which input the worker is on, and since when.
    """

    plugin: Plugin
    inputs: list[ScoringInput]
    results: list[Outcome | None]
    budget: float
    lock: threading.Lock = field(default_factory=threading.Lock)
    done: threading.Event = field(default_factory=threading.Event)
    generation: int = 0
    index: int = -1
    started: float = 0.0


def run(
    plugin: Plugin,
    inputs: Sequence[ScoringInput],
    settings: dict[str, Any],
    budget: float,
    strikes: Strikes | None = None,
) -> list[Outcome]:
    """``plugin``'s outcome for each of ``inputs``, in order. Blocks; call it from a thread.

    ``strikes`` carries the plugin's overruns over from other calls of the same run."""
    frozen = frozen_map(settings)
    # The constructor, not dataclasses.replace: ten times cheaper, for every input of every plugin.
    prepared = [ScoringInput(inp.school, inp.years, inp.review, frozen) for inp in inputs]
    job = _Job(plugin, prepared, [None] * len(prepared), budget)
    strikes = strikes or Strikes()
    start = 0
    while start < len(prepared) and not strikes.out():
        with job.lock:
            job.generation += 1
            job.done.clear()
            generation = job.generation
        worker = threading.Thread(
            target=_work, args=(job, start, generation), name=f"plugin-{plugin.name}", daemon=True
        )
        worker.start()
        start, overran = _watch(job)
        if overran:  # the worker was abandoned; a fresh one goes on from ``start``
            strikes.add()
            log.error("plugin %s overran its %.1f s budget", plugin.name, budget)
    if start < len(prepared):
        for i in range(start, len(prepared)):
            job.results[i] = Outcome(
                ok=False,
                error=f"skipped: the plugin overran its time budget {MAX_OVERRUNS} times in "
                "this run",
            )
    return [r if r is not None else Outcome(ok=False, error="not run") for r in job.results]


def _overran(job: _Job, seconds: float) -> Outcome:
    return Outcome(
        ok=False, error=f"overran its time budget of {job.budget * 1000:.0f} ms", seconds=seconds
    )


def _watch(job: _Job) -> tuple[int, bool]:
    """Wait for the worker; return where a new one must start (past the end when all done)
    and whether it overran."""
    poll = min(max(job.budget / 4, 0.01), 0.25)
    while not job.done.wait(poll):
        with job.lock:
            if job.index >= 0 and time.perf_counter() - job.started > job.budget:
                job.generation += 1  # the stuck worker's results are no longer wanted
                job.results[job.index] = _overran(job, time.perf_counter() - job.started)
                return job.index + 1, True
    return len(job.inputs), False


def _work(job: _Job, start: int, generation: int) -> None:
    for i in range(start, len(job.inputs)):
        with job.lock:
            if job.generation != generation:
                return
            job.index, job.started = i, time.perf_counter()
        outcome = call(job.plugin, job.inputs[i])
        if outcome.ok and outcome.seconds > job.budget:
            outcome = _overran(job, outcome.seconds)
        with job.lock:
            if job.generation != generation:
                return
            job.results[i] = outcome
            job.index = -1
    with job.lock:
        if job.generation == generation:
            job.done.set()
