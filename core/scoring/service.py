"""Scoring schools and reviews: build inputs, run each enabled plugin where its input changed,
store the results. ``peerqa score``, imports and review submission all come through here."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from peerqa import pluginhost
from peerqa.config import Settings
from peerqa.models import Review
from peerqa.scoring import fingerprint, load, reviews, runner, store
from peerqa.scoring.inputs import YearData, school_inputs
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
        inputs = await asyncio.to_thread(school_inputs, years, register)
    else:
        inputs = await _inputs_for(urns)
    summary = await _score("school", inputs, settings, progress)
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
    summary = await _score("review", inputs, settings, None)
    summary.seconds = time.perf_counter() - started
    return summary


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
    inputs: Mapping[int, ScoringInput],
    settings: Settings,
    progress: Progress | None,
) -> RunSummary:
    plugins = pluginhost.scoring_plugins(settings.plugins_disabled)
    summary = RunSummary(subject, subjects=len(inputs), plugins=[p.name for p in plugins])
    ids = sorted(inputs)
    base = await asyncio.to_thread(lambda: {i: fingerprint.of_input(inputs[i]) for i in ids})
    stored = await store.hashes(subject, ids if len(ids) < CHUNK else None)
    total, done = len(ids) * len(plugins), 0
    rows: list[store.Row] = []
    for plugin in plugins:
        config = pluginhost.settings_for(plugin, settings.plugin_settings)
        hashes = {i: fingerprint.for_plugin(plugin, config, base[i]) for i in ids}
        todo = [i for i in ids if stored.get((i, plugin.name)) != hashes[i]]
        summary.unchanged += len(ids) - len(todo)
        done += len(ids) - len(todo)
        for start in range(0, len(todo), CHUNK):
            chunk = todo[start : start + CHUNK]
            outcomes = await asyncio.to_thread(
                runner.run,
                plugin,
                [inputs[i] for i in chunk],
                config,
                settings.plugin_time_budget_ms / 1000,
            )
            for i, outcome in zip(chunk, outcomes, strict=True):
                rows.append(store.Row(subject, i, plugin.name, plugin.version, hashes[i], outcome))
                if not outcome.ok:
                    summary.failed += 1
                    if len(summary.failures) < FAILURES_KEPT:
                        summary.failures.append((plugin.name, i, outcome.error))
            done += len(chunk)
            if progress is not None:
                progress(done, total)
    await store.save(rows)
    summary.written = len(rows)
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


async def score_submitted(settings: Settings, review_id: int) -> None:
    """Score a review just submitted. The submission stands whatever happens here: a failure is
    logged for admins (and ``peerqa score`` retries it) rather than shown to the lead."""
    try:
        summary = await score_review(settings, review_id)
    except Exception:
        log.exception("scoring review %d after submission failed", review_id)
        return
    log.info("review %d: %s", review_id, summary.line())
