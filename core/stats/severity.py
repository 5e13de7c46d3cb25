"""How harsh or lenient each lead reviewer's teams are, judged against moderation.

A moderated area has two grades: the team's consensus and the grade the moderator settled on.
Moderation is independent of the team, so the gap between the two, averaged over the reviews a
lead reviewer ran, estimates that lead's severity or leniency. With few reviews that estimate is
mostly noise. It therefore carries a t interval and the number of reviews behind it, and below
``MIN_REVIEWS_FOR_NAME`` reviews it is marked ``enough=False`` so that screens show it without
the person's name.

Sign: grades run from 1 (best) to 4 (worst), so a higher number is a worse grade. The difference
is ``consensus - moderated``. A positive severity means the team graded worse than the moderator
(harsher), and a negative one means better (more lenient).
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scipy import stats  # type: ignore[import-untyped, unused-ignore]

from peerqa.stats.agreement import RESAMPLES, Agreement, Weights, weighted_kappa

__all__ = [
    "MIN_REVIEWS_FOR_NAME",
    "ModeratedArea",
    "Severity",
    "TeamModeratorAgreement",
    "lead_severity",
    "team_vs_moderator",
]

MIN_REVIEWS_FOR_NAME = 5
"""Below this many moderated reviews, a lead's severity is shown without their name."""
CONFIDENCE = 0.95


@dataclass(frozen=True)
class ModeratedArea:
    """One area of a moderated review: the team's consensus grade and the moderated grade.

    ``moderated`` equals ``consensus`` when the moderator confirmed the area unchanged.
    """

    review_id: int
    area_key: str
    lead_id: int
    consensus: int
    moderated: int


@dataclass(frozen=True)
class Severity:
    """One lead reviewer's mean of (consensus - moderated): positive = harsher than moderation.

    Each review counts once: the differences are averaged within a review first, because one
    team's grades for different areas tend to err together. ``interval`` is a t interval over
    reviews, and is None for a single review. ``enough`` is False below the minimum number of
    reviews, and callers then hide the name.
    """

    lead_id: int
    estimate: float
    interval: tuple[float, float] | None
    reviews: int
    areas: int
    enough: bool


@dataclass(frozen=True)
class TeamModeratorAgreement:
    """How often moderation left the team's grades alone, and how closely it agreed otherwise.

    ``confirmed_share`` is the share of areas the moderator left unchanged, with a Wilson
    interval. That interval treats areas as independent, so it is a little narrow when a
    moderator tends to change several areas of one review. ``kappa`` is weighted kappa between
    the consensus and the moderated grade, with a bootstrap over reviews.
    """

    reviews: int
    areas: int
    confirmed: int
    confirmed_share: float | None
    confirmed_interval: tuple[float, float] | None
    kappa: Agreement


def lead_severity(
    areas: Iterable[ModeratedArea], *, minimum: int = MIN_REVIEWS_FOR_NAME
) -> list[Severity]:
    """Severity per lead reviewer, ordered by lead id."""
    per_review: dict[int, list[ModeratedArea]] = defaultdict(list)
    for area in areas:
        per_review[area.review_id].append(area)
    by_lead: dict[int, list[list[ModeratedArea]]] = defaultdict(list)
    for review_id, review_areas in per_review.items():
        leads = {a.lead_id for a in review_areas}
        if len(leads) > 1:
            raise ValueError(f"review {review_id} has more than one lead reviewer: {sorted(leads)}")
        by_lead[leads.pop()].append(review_areas)
    result = []
    for lead_id in sorted(by_lead):
        reviews = by_lead[lead_id]
        means = [statistics.fmean(a.consensus - a.moderated for a in r) for r in reviews]
        result.append(
            Severity(
                lead_id=lead_id,
                estimate=statistics.fmean(means),
                interval=_t_interval(means),
                reviews=len(reviews),
                areas=sum(len(r) for r in reviews),
                enough=len(reviews) >= minimum,
            )
        )
    return result


def team_vs_moderator(
    areas: Iterable[ModeratedArea],
    *,
    weights: Weights = "quadratic",
    scale: Sequence[int] | None = None,
    resamples: int = RESAMPLES,
    seed: int = 0,
) -> TeamModeratorAgreement:
    """Agreement between review teams and moderators over every moderated area."""
    rows = list(areas)
    confirmed = sum(a.consensus == a.moderated for a in rows)
    interval = None
    if rows:
        ci = stats.binomtest(confirmed, len(rows)).proportion_ci(CONFIDENCE, method="wilson")
        interval = (float(ci.low), float(ci.high))
    return TeamModeratorAgreement(
        reviews=len({a.review_id for a in rows}),
        areas=len(rows),
        confirmed=confirmed,
        confirmed_share=confirmed / len(rows) if rows else None,
        confirmed_interval=interval,
        kappa=weighted_kappa(
            [a.consensus for a in rows],
            [a.moderated for a in rows],
            weights=weights,
            scale=scale,
            groups=[a.review_id for a in rows],
            resamples=resamples,
            seed=seed,
        ),
    )


def _t_interval(values: list[float]) -> tuple[float, float] | None:
    if len(values) < 2:  # noqa: PLR2004
        return None
    half = stats.t.ppf((1 + CONFIDENCE) / 2, len(values) - 1) * statistics.stdev(values)
    half /= math.sqrt(len(values))
    mean = statistics.fmean(values)
    return (mean - float(half), mean + float(half))
