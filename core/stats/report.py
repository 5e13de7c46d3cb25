"""Every reliability and bias statistic for the reviews in a scope, for moderators and admins.

``statistics`` checks who is asking, reads the records (``peerqa.stats.reviews``) and computes
the figures in a worker thread, because the bootstrap is CPU work that would otherwise hold up
every other request on the event loop. ``compute`` is the pure part, shared by the API and
``benchmarks/reliability_db.py``.

The bootstrap is seeded, so the same data always gives the same intervals. ``API_RESAMPLES``
(500) keeps a request on 200 reviews near two seconds of one core (``make reliability`` prints
the time); fewer resamples would make the 95% percentile intervals jumpy.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from peerqa import access
from peerqa.access import Actor
from peerqa.stats.agreement import AreaAgreement, agreement_by_area, overall_agreement
from peerqa.stats.bias import ContextAudit, PeriodOutcomes, context_audit, outcomes_by_period
from peerqa.stats.reviews import FrameworkRecords, Records, Scope, load
from peerqa.stats.severity import (
    MIN_REVIEWS_FOR_NAME,
    Severity,
    TeamModeratorAgreement,
    lead_severity,
    team_vs_moderator,
)

__all__ = [
    "API_RESAMPLES",
    "AreaAudit",
    "AreaStatistics",
    "FrameworkStatistics",
    "LeadSeverity",
    "Statistics",
    "compute",
    "statistics",
    "threshold_rank",
]

API_RESAMPLES = 500
"""Bootstrap resamples per interval in the API."""
SEED = 0


@dataclass(frozen=True)
class AreaStatistics:
    key: str
    name: str
    agreement: AreaAgreement


@dataclass(frozen=True)
class LeadSeverity:
    """One lead reviewer's severity. ``user_id`` and ``name`` are None below the minimum.

    Rows below the minimum are anonymised rather than left out, so the moderator still sees how
    many leads have too few moderated reviews to say anything about them.
    """

    user_id: int | None
    name: str | None
    label: str
    severity: Severity


@dataclass(frozen=True)
class AreaAudit:
    key: str
    name: str
    audit: ContextAudit


@dataclass(frozen=True)
class FrameworkStatistics:
    """The grade-based figures for the reviews on one framework (scales are never pooled)."""

    framework_id: int
    name: str
    grades: dict[int, str]
    """Rank -> label, best first."""
    reviews: int
    areas: tuple[AreaStatistics, ...]
    overall: AreaAgreement
    team_vs_moderator: TeamModeratorAgreement
    leads: tuple[LeadSeverity, ...]
    threshold: int
    """The first rank counted as "at or below" in the context audit."""
    context: tuple[AreaAudit, ...]


@dataclass(frozen=True)
class Statistics:
    scope: Scope
    reviews: int
    frameworks: tuple[FrameworkStatistics, ...]
    outcomes: tuple[PeriodOutcomes, ...]
    resamples: int
    seed: int
    min_reviews_for_name: int


async def statistics(
    actor: Actor | None,
    scope: Scope,
    *,
    resamples: int = API_RESAMPLES,
    seed: int = SEED,
    minimum: int = MIN_REVIEWS_FOR_NAME,
) -> Statistics:
    """Moderators and admins only (FORBIDDEN for everyone else)."""
    access.require_overseer(actor)
    records = await load(scope)
    return await asyncio.to_thread(
        compute, records, resamples=resamples, seed=seed, minimum=minimum
    )


def compute(
    records: Records,
    *,
    resamples: int = API_RESAMPLES,
    seed: int = SEED,
    minimum: int = MIN_REVIEWS_FOR_NAME,
) -> Statistics:
    """Every figure from loaded records. Frameworks with no grading scale are left out."""
    return Statistics(
        scope=records.scope,
        reviews=records.reviews,
        frameworks=tuple(
            _framework(f, records.lead_names, resamples, seed, minimum)
            for f in records.frameworks
            if f.scale and f.areas
        ),
        outcomes=tuple(outcomes_by_period(records.outcomes, period="term")),
        resamples=resamples,
        seed=seed,
        min_reviews_for_name=minimum,
    )


def threshold_rank(scale: tuple[int, ...]) -> int:
    """The first rank of the worse half of the scale: 4 of 5 ("needs attention" or worse in the
    national framework), 3 of 4 (Ofsted's "requires improvement" or worse)."""
    return (len(scale) + 1) // 2 + 1


def _framework(
    records: FrameworkRecords, names: dict[int, str], resamples: int, seed: int, minimum: int
) -> FrameworkStatistics:
    scale = records.scale
    by_area = agreement_by_area(records.judgements, scale=scale, resamples=resamples, seed=seed)
    threshold = threshold_rank(scale)
    return FrameworkStatistics(
        framework_id=records.framework_id,
        name=records.name,
        grades=dict(records.grade_labels),
        reviews=records.reviews,
        areas=tuple(
            AreaStatistics(key, name, by_area[key])
            for key, name in records.areas.items()
            if key in by_area
        ),
        overall=overall_agreement(records.judgements, scale=scale, resamples=resamples, seed=seed),
        team_vs_moderator=team_vs_moderator(
            records.moderated, scale=scale, resamples=resamples, seed=seed
        ),
        leads=_leads(records, names, minimum),
        threshold=threshold,
        context=tuple(
            AreaAudit(
                key, name, context_audit(records.hosts[key], threshold=threshold, scale=scale)
            )
            for key, name in records.areas.items()
            if records.hosts.get(key)
        ),
    )


def _leads(
    records: FrameworkRecords, names: dict[int, str], minimum: int
) -> tuple[LeadSeverity, ...]:
    """Named leads by name, then the anonymised ones by estimate (their order reveals nobody)."""
    named: list[LeadSeverity] = []
    hidden: list[LeadSeverity] = []
    for severity in lead_severity(records.moderated, minimum=minimum):
        if severity.enough:
            name = names.get(severity.lead_id, f"User {severity.lead_id}")
            named.append(LeadSeverity(severity.lead_id, name, name, severity))
        else:
            label = f"Lead reviewer (fewer than {minimum} moderated reviews)"
            anonymous = Severity(
                lead_id=0,
                estimate=severity.estimate,
                interval=severity.interval,
                reviews=severity.reviews,
                areas=severity.areas,
                enough=False,
            )
            hidden.append(LeadSeverity(None, None, label, anonymous))
    named.sort(key=lambda lead: (lead.label.casefold(), lead.user_id or 0))
    hidden.sort(key=lambda lead: (lead.severity.estimate, lead.severity.reviews))
    return (*named, *hidden)
