"""Scoring schools and reviews: build inputs, run each enabled plugin where its input changed,
store the results. ``peerqa score``, imports and review submission all come through here."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import threading
import time
from collections.abc import AsyncGenerator, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from peerqa import pluginhost
from peerqa.config import Settings
from peerqa.models import Review
from peerqa.scoring import load, pool, reviews, runner, store
from peerqa.scoring.inputs import YearData, prepare, school_inputs
from peerqa.scoring.snapshots import SchoolSnapshot, ScoringInput

log = logging.getLogger("peerqa.scoring")
CHUNK = 2000
FAILURES_KEPT = 20

Progress = Callable[[int, int], None]
"""Called with (done, total) plugin calls as a run goes."""


@dataclass
class RunSummary:
    subject: str
    subjects: int = 0
    plugins: list[str] = field(default_factory=list)
    written: int = 0
    unchanged: int = 0
    failed: int = 0
    failures: list[tuple[str, int, str]] = field(default_factory=list)
    """(plugin, subject id, error) for the first failures."""
    seconds: float = 0.0

    def line(self) -> str:
        rate = self.subjects / self.seconds if self.seconds else 0.0
        return (
            f"scored {self.subjects} {self.subject}s with {len(self.plugins)} plugins "
            f"({', '.join(self.plugins) or 'none'}) in {self.seconds:.1f} s ({rate:.0f}/s): "
            f"{self.written} results written, {self.unchanged} unchanged, {self.failed} failed"
        )


async def score_schools(
    settings: Settings, urns: list[int] | None = None, progress: Progress | None = None
) -> RunSummary:
    """Score every school with figures (or ``urns``), writing only what changed."""
    started = time.perf_counter()
    if urns is None:
        years, register = await load.years(), await load.register()
        prepared = await asyncio.to_thread(prepare, years, register)
        ids, build = prepared.urns(), prepared.inputs
    else:
        inputs = await _inputs_for(urns)
        ids, build = sorted(inputs), functools.partial(_pick, inputs)
    summary = await _score("school", ids, build, settings, progress)
    summary.seconds = time.perf_counter() - started
    return summary


async def score_review(settings: Settings, review_id: int) -> RunSummary:
    """Score one review (its host school's figures and what the team recorded)."""
    started = time.perf_counter()
    review = await Review.get(id=review_id)
    host = review.host_school_id
    found = await _inputs_for([host])
    base = found.get(host) or ScoringInput(
        school=(await load.register([host])).get(host) or SchoolSnapshot(urn=host)
    )
    inputs = {review_id: replace(base, review=await reviews.snapshot(review))}
    summary = await _score("review", [review_id], functools.partial(_pick, inputs), settings, None)
    summary.seconds = time.perf_counter() - started
    return summary


def _pick(inputs: Mapping[int, ScoringInput], ids: Sequence[int]) -> dict[int, ScoringInput]:
    return {i: inputs[i] for i in ids}


async def _inputs_for(urns: list[int]) -> dict[int, ScoringInput]:
    """Inputs for a few schools: their own figures, and the rest only as far as groups need."""
    own = await load.years(urns)
    years = await load.compared(own)
    for year, data in own.items():
        merged = years.setdefault(year, YearData(year))
        for urn, values in data.values.items():
            merged.values.setdefault(urn, {}).update(values)
        for urn, texts in data.texts.items():
            merged.texts.setdefault(urn, {}).update(texts)
    register = await load.register(urns)
    return await asyncio.to_thread(school_inputs, years, register, urns)


async def _score(
    subject: str,
    ids: list[int],
    build: pool.Build,
    settings: Settings,
    progress: Progress | None,
) -> RunSummary:
    plugins = pluginhost.scoring_plugins(settings.plugins_disabled)
    summary = RunSummary(subject, subjects=len(ids), plugins=[p.name for p in plugins])
    job = pool.Run(
        plugins=plugins,
        settings=[pluginhost.settings_for(p, settings.plugin_settings) for p in plugins],
        stored=await store.hashes(subject, ids if len(ids) < CHUNK else None),
        build=build,
        budget=settings.plugin_time_budget_ms / 1000,
        strikes=[runner.Strikes() for _ in plugins],
    )
    shares = [tuple(ids[s : s + CHUNK]) for s in range(0, len(ids), CHUNK)]
    total, done = len(ids) * len(plugins), 0
    workers = pool.workers_for(len(ids), settings.scoring_workers)
    async with contextlib.aclosing(_as_done(job, shares, workers)) as results:
        async for finished in results:
            for result in finished.results:
                if not result.ok:
                    summary.failed += 1
                    if len(summary.failures) < FAILURES_KEPT:
                        summary.failures.append(
                            (plugins[result.plugin].name, result.subject_id, result.error)
                        )
            # Stored as each share finishes, while the workers go on.
            await store.save(subject, plugins, finished.results)
            summary.written += len(finished.results)
            summary.unchanged += finished.unchanged
            done += len(finished.ids) * len(plugins)
            if progress is not None:
                progress(done, total)
    if summary.failed:
        log.error(
            "%d plugin calls failed while scoring %ss; first: %s",
            summary.failed,
            subject,
            summary.failures[0],
        )
    if progress is not None:
        progress(total, total)
    return summary


async def _as_done(
    job: pool.Run, shares: list[tuple[int, ...]], workers: int
) -> AsyncGenerator[pool.Done, None]:
    """The pool's results as they come, computed in a thread so the loop can store meanwhile."""
    if not shares:
        return
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[pool.Done | BaseException | None] = asyncio.Queue()
    stop = threading.Event()

    def produce() -> None:
        try:
            for finished in pool.run(job, shares, workers):
                if stop.is_set():  # the consumer failed: stop the workers
                    break
                loop.call_soon_threadsafe(queue.put_nowait, finished)
        except BaseException as error:  # re-raised in the loop below
            loop.call_soon_threadsafe(queue.put_nowait, error)
        finally:
            loop.call_soon_threadsafe(queue.put_nowait, None)

    producer = asyncio.ensure_future(asyncio.to_thread(produce))
    try:
        while (item := await queue.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        await producer


async def score_submitted(settings: Settings, review_id: int) -> None:
    """Score a review just submitted. The submission stands whatever happens here: a failure is
    logged for admins (and ``peerqa score`` retries it) rather than shown to the lead."""
    try:
        summary = await score_review(settings, review_id)
    except Exception:
        log.exception("scoring review %d after submission failed", review_id)
        return
    log.info("review %d: %s", review_id, summary.line())
