"""Running the plugins over many subjects, in worker processes when there are many.

Scoring every school in England is about 100,000 plugin calls of pure Python, which one
process runs on one core. A large run therefore forks one worker per core once the figures are
read and what finds the comparison groups is built; each worker takes a share of the subjects,
builds their inputs, fingerprints them, summarises the comparison groups of those that changed,
runs each plugin whose input changed through the runner (so time budgets and
failures behave exactly as in one process) and sends back results already encoded for the
store, while this process stores what has come back. Nothing is pickled on the way in: workers
inherit the run when they are forked. Small runs (a review, a few schools) stay in this process:
forking costs more than it saves there, and a server answering requests should not fork.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, NamedTuple

from peerqa.errors import PeerqaError
from peerqa.pluginhost import Plugin
from peerqa.scoring import compare, fingerprint, runner
from peerqa.scoring.encode import dumps_text
from peerqa.scoring.snapshots import ScoringInput

MIN_SUBJECTS_TO_FORK = 2000


class WorkerDied(PeerqaError):
    """A worker process ended without finishing its share (the CLI prints the message)."""


Build = Callable[[Sequence[int]], Mapping[int, ScoringInput]]
"""Builds the inputs of some subjects (by id); a subject with no figures may be left out."""


@dataclass(frozen=True)
class Run:
    """What every share of a run has in common."""

    plugins: Sequence[Plugin]
    settings: Sequence[dict[str, Any]]
    """Each plugin's settings, in the order of ``plugins``."""
    stored: Mapping[tuple[int, str], str]
    """The input hash of each stored result, by (subject id, plugin name)."""
    build: Build
    budget: float
    strikes: Sequence[runner.Strikes]
    """Each plugin's overruns so far, shared by the workers."""

    def keys(self) -> list[bytes]:
        return [
            fingerprint.plugin_key(p, s) for p, s in zip(self.plugins, self.settings, strict=True)
        ]


class Result(NamedTuple):
    """One plugin's outcome for one subject, encoded as the store writes it. A tuple, because
    a large run sends about 100,000 of them from its workers, and tuples cross cheaply."""

    subject_id: int
    plugin: int
    """Position in ``Run.plugins``."""
    input_hash: str
    ok: bool
    error: str
    scores: str
    flags: str
    risks: str
    seconds: float


@dataclass(frozen=True)
class Done:
    """One share's new results, and how many of its plugin calls were skipped as unchanged."""

    ids: tuple[int, ...]
    results: list[Result]
    unchanged: int


_RUN: Run | None = None
"""In a worker: the run it inherited when it was forked (see :func:`_adopt`)."""


def _adopt(job: Run) -> None:
    """Worker start-up. With fork, ``job`` reaches the worker by inheritance, not pickling."""
    global _RUN  # noqa: PLW0603 - a pool initializer's way to hand state to its worker
    _RUN = job


def _result(subject_id: int, plugin: int, input_hash: str, outcome: runner.Outcome) -> Result:
    def text(items: list[Any]) -> str:
        return dumps_text(items) if items else "[]"

    return Result(
        subject_id,
        plugin,
        input_hash,
        outcome.ok,
        outcome.error,
        text(outcome.scores),
        text(outcome.flags),
        text(outcome.risks),
        outcome.seconds,
    )


def _work(ids: tuple[int, ...], job: Run | None = None) -> Done:
    job = job or _RUN
    assert job is not None, "a worker started without its run"
    inputs = job.build(ids)
    base = {i: fingerprint.of_input(inp) for i, inp in inputs.items()}
    todo: list[tuple[int, dict[int, str], list[int]]] = []
    unchanged = 0
    for index, (plugin, key) in enumerate(zip(job.plugins, job.keys(), strict=True)):
        hashes = {i: fingerprint.for_plugin(key, h) for i, h in base.items()}
        changed = [i for i, h in hashes.items() if job.stored.get((i, plugin.name)) != h]
        unchanged += len(hashes) - len(changed)
        if changed:
            todo.append((index, hashes, changed))
    needed = {i for _index, _hashes, changed in todo for i in changed}
    compare.ready(y.comparisons for i in sorted(needed) for y in inputs[i].years)
    results: list[Result] = []
    for index, hashes, changed in todo:
        outcomes = runner.run(
            job.plugins[index],
            [inputs[i] for i in changed],
            job.settings[index],
            job.budget,
            job.strikes[index],
        )
        results.extend(
            _result(i, index, hashes[i], o) for i, o in zip(changed, outcomes, strict=True)
        )
    return Done(ids, results, unchanged)


def workers_for(subjects: int, wanted: int) -> int:
    """How many processes to use for ``subjects``; ``wanted`` 0 means one per core."""
    if subjects < MIN_SUBJECTS_TO_FORK or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(wanted or cores or 1, cores or 1))


def run(job: Run, shares: Sequence[tuple[int, ...]], workers: int) -> Iterator[Done]:
    """Each share's results as it finishes (in any order when ``workers`` > 1). Blocks: call it
    from a thread."""
    if workers <= 1:
        for ids in shares:
            yield _work(ids, job)
        return
    # The run's objects live until the workers finish: keep the collector from scanning them
    # (in here, and in the workers, where scanning would also copy the pages fork shares).
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=_adopt, initargs=(job,)
        ) as executor:
            futures = [executor.submit(_work, ids) for ids in shares]
            try:
                for future in as_completed(futures):
                    yield future.result()
            except BrokenProcessPool as error:
                raise WorkerDied(
                    "A scoring worker process died (a plugin may have ended the process, or it "
                    "ran out of memory). What was stored before stays; run it again to go on."
                ) from error
            finally:
                for future in futures:  # when the caller stops early, or a share failed
                    future.cancel()
    finally:
        gc.unfreeze()
