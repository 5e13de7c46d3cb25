"""GraphQL types for the reliability and bias statistics (``Query.statistics``).

Plain read-only values built from ``peerqa.stats.report``; nothing here queries the database
except the framework and partnership each block names, through the request's loaders. How to
read each figure: docs/guide/moderators.md; the method: docs/guide/statistics.md.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from peerqa import access
from peerqa.errors import ValidationFailed
from peerqa.schema.context import Info
from peerqa.schema.ids import decode
from peerqa.schema.types.framework import FrameworkType
from peerqa.schema.types.partnership import PartnershipType
from peerqa.stats import bias, report
from peerqa.stats.agreement import Agreement, AreaAgreement
from peerqa.stats.reviews import Scope
from peerqa.stats.severity import TeamModeratorAgreement

N_REVIEWS = "The number of reviews behind the figure."


@strawberry.type(description="A 95% confidence interval.")
class ConfidenceInterval:
    low: float
    high: float


def _interval(pair: tuple[float, float] | None) -> ConfidenceInterval | None:
    return ConfidenceInterval(low=pair[0], high=pair[1]) if pair is not None else None


@strawberry.type(
    description="One agreement coefficient (1 = every grade agreed, 0 = chance, below 0 = worse "
    "than chance) with a bootstrap interval over reviews."
)
class AgreementCoefficient:
    method: str = strawberry.field(description='e.g. "alpha (ordinal)", "kappa (quadratic)".')
    estimate: float | None = strawberry.field(description="Null when undefined: see `reason`.")
    interval: ConfidenceInterval | None = strawberry.field(
        description="Null below 20 units (or reviews, when resampled whole): see `reason`."
    )
    units: int = strawberry.field(
        description="Units with grades from two raters or more (areas of reviews, or pairs)."
    )
    values: int = strawberry.field(description="Grades in those units.")
    reason: str | None = strawberry.field(description="Why there is no estimate or interval.")


def _coefficient(found: Agreement) -> AgreementCoefficient:
    return AgreementCoefficient(
        method=found.method,
        estimate=found.estimate,
        interval=_interval(found.interval),
        units=found.units,
        values=found.values,
        reason=found.reason,
    )


@strawberry.type(
    name="AreaAgreement",
    description="Agreement among review teams' submitted independent judgements in one area "
    '(areaKey "*": every area together, resampling whole reviews).',
)
class AreaAgreementType:
    area_key: str
    area_name: str
    reviews: int = strawberry.field(description=N_REVIEWS)
    alpha: AgreementCoefficient = strawberry.field(
        description="Krippendorff's alpha, ordinal: the main measure, for teams of any size."
    )
    kappa: AgreementCoefficient = strawberry.field(
        description="Weighted kappa (quadratic), pooled over every pair of team members."
    )


def _area_agreement(key: str, name: str, found: AreaAgreement) -> AreaAgreementType:
    return AreaAgreementType(
        area_key=key,
        area_name=name,
        reviews=found.reviews,
        alpha=_coefficient(found.alpha),
        kappa=_coefficient(found.kappa),
    )


@strawberry.type(
    name="TeamModeratorAgreement",
    description="How far moderation changed the teams' consensus grades, over moderated areas.",
)
class TeamModeratorAgreementType:
    reviews: int = strawberry.field(description=N_REVIEWS)
    areas: int = strawberry.field(description="Moderated areas.")
    confirmed: int = strawberry.field(description="Areas whose grade the moderator kept.")
    confirmed_share: float | None = strawberry.field(description="confirmed / areas (0 to 1).")
    confirmed_interval: ConfidenceInterval | None = strawberry.field(
        description="Wilson interval of the share."
    )
    kappa: AgreementCoefficient = strawberry.field(
        description="Weighted kappa between consensus and moderated grade."
    )


def _team(found: TeamModeratorAgreement) -> TeamModeratorAgreementType:
    return TeamModeratorAgreementType(
        reviews=found.reviews,
        areas=found.areas,
        confirmed=found.confirmed,
        confirmed_share=found.confirmed_share,
        confirmed_interval=_interval(found.confirmed_interval),
        kappa=_coefficient(found.kappa),
    )


@strawberry.type(
    description="One lead reviewer's severity: the mean over their moderated reviews of "
    "(consensus grade - moderated grade) in grade steps. Positive: harsher than moderation; "
    "negative: more lenient. Below `Statistics.minReviewsForName` moderated reviews the row is "
    "anonymised (no name) and listed after the named ones."
)
class LeadSeverity:
    name: str | None = strawberry.field(description="Null when anonymised.")
    label: str = strawberry.field(
        description='The name, or "Lead reviewer (fewer than N moderated reviews)".'
    )
    named: bool
    estimate: float
    interval: ConfidenceInterval | None = strawberry.field(
        description="t interval over reviews; null for a single review."
    )
    reviews: int = strawberry.field(description="Moderated reviews this person led.")
    areas: int = strawberry.field(description="Moderated areas in those reviews.")


def _lead(found: report.LeadSeverity) -> LeadSeverity:
    s = found.severity
    return LeadSeverity(
        name=found.name,
        label=found.label,
        named=found.name is not None,
        estimate=s.estimate,
        interval=_interval(s.interval),
        reviews=s.reviews,
        areas=s.areas,
    )


@strawberry.type(description="How many grades of one kind a quintile got.")
class GradeCount:
    rank: int = strawberry.field(description="1 is the best grade.")
    label: str
    count: int
    share: float | None = strawberry.field(description="count / the quintile's grades (0 to 1).")


@strawberry.type(
    description="The grades of host schools in one FSM-ever quintile (1: fewest disadvantaged "
    "pupils, 5: most). It holds schools with fsmAbove < FSM-ever <= fsmUpTo."
)
class FsmQuintile:
    quintile: int
    fsm_above: float | None = strawberry.field(description="Null for quintile 1.")
    fsm_up_to: float | None = strawberry.field(description="Null for quintile 5.")
    grades: int = strawberry.field(description="Grades (one per review) in the quintile.")
    schools: int
    counts: list[GradeCount]
    at_or_below: int = strawberry.field(description="Grades at or below the threshold.")
    threshold_share: float | None = strawberry.field(description="atOrBelow / grades.")


@strawberry.type(
    description="Share at or below the threshold in quintile 5 minus quintile 1 (-1 to 1), with "
    "Newcombe's interval. Positive: more disadvantaged intakes got worse grades."
)
class QuintileGap:
    estimate: float | None
    interval: ConfidenceInterval | None
    most_disadvantaged: int = strawberry.field(description="Grades behind the quintile-5 share.")
    least_disadvantaged: int = strawberry.field(description="Grades behind the quintile-1 share.")
    reason: str | None


@strawberry.type(
    description="Spearman's rho between FSM-ever and grade, with a Fisher-z interval. Positive: "
    "more disadvantaged intakes got worse grades."
)
class FsmCorrelation:
    rho: float | None
    interval: ConfidenceInterval | None
    n: int = strawberry.field(description="Grades (one per review).")
    reason: str | None


@strawberry.type(
    description="The context-bias audit of one area: its final grades (moderated where "
    "moderation confirmed or adjusted them, else consensus) of submitted reviews, by FSM-ever "
    "quintile of the host. Quintile cuts come from the host schools in scope."
)
class ContextAudit:
    area_key: str
    area_name: str
    threshold: int = strawberry.field(description='First rank counted as "at or below".')
    threshold_label: str
    cuts: list[float] = strawberry.field(description="FSM-ever % at the four quintile cuts.")
    quintiles: list[FsmQuintile]
    gap: QuintileGap
    correlation: FsmCorrelation


def _audit(found: report.AreaAudit, labels: dict[int, str]) -> ContextAudit:
    audit = found.audit
    return ContextAudit(
        area_key=found.key,
        area_name=found.name,
        threshold=audit.threshold,
        threshold_label=labels.get(audit.threshold, str(audit.threshold)),
        cuts=list(audit.cuts),
        quintiles=[_quintile(q, labels) for q in audit.quintiles],
        gap=QuintileGap(
            estimate=audit.gap.estimate,
            interval=_interval(audit.gap.interval),
            most_disadvantaged=audit.gap.most_disadvantaged,
            least_disadvantaged=audit.gap.least_disadvantaged,
            reason=audit.gap.reason,
        ),
        correlation=FsmCorrelation(
            rho=audit.correlation.rho,
            interval=_interval(audit.correlation.interval),
            n=audit.correlation.n,
            reason=audit.correlation.reason,
        ),
    )


def _quintile(q: bias.QuintileGrades, labels: dict[int, str]) -> FsmQuintile:
    return FsmQuintile(
        quintile=q.quintile,
        fsm_above=q.fsm_above,
        fsm_up_to=q.fsm_up_to,
        grades=q.grades,
        schools=q.schools,
        counts=[
            GradeCount(
                rank=rank,
                label=labels.get(rank, str(rank)),
                count=count,
                share=q.shares[rank] if q.shares is not None else None,
            )
            for rank, count in q.counts.items()
        ],
        at_or_below=q.at_or_below,
        threshold_share=q.threshold_share,
    )


@strawberry.type(
    description="The grade-based statistics of the reviews on one framework (scales of different "
    "frameworks are never pooled)."
)
class FrameworkStatistics:
    framework_pk: strawberry.Private[int]
    reviews: int = strawberry.field(description="Reviews in scope on this framework.")
    agreement: list[AreaAgreementType] = strawberry.field(
        description="Per graded area, from submitted independent judgements."
    )
    overall_agreement: AreaAgreementType = strawberry.field(description="Every area together.")
    team_vs_moderator: TeamModeratorAgreementType
    lead_severity: list[LeadSeverity]
    context_audit: list[ContextAudit] = strawberry.field(
        description="Per graded area; one grade per review, so the intervals are right."
    )

    @strawberry.field(description="The framework.")
    async def framework(self, info: Info) -> FrameworkType | None:
        found = await info.context.loaders.framework.load(self.framework_pk)
        return FrameworkType.from_model(found) if found is not None else None


def _framework(found: report.FrameworkStatistics) -> FrameworkStatistics:
    return FrameworkStatistics(
        framework_pk=found.framework_id,
        reviews=found.reviews,
        agreement=[_area_agreement(a.key, a.name, a.agreement) for a in found.areas],
        overall_agreement=_area_agreement("*", "All areas", found.overall),
        team_vs_moderator=_team(found.team_vs_moderator),
        lead_severity=[_lead(lead) for lead in found.leads],
        context_audit=[_audit(a, found.grades) for a in found.context],
    )


@strawberry.type(
    description="Moderation outcomes decided in one term (autumn: September to December, "
    'spring: January to March, summer: April to August), e.g. "2025/26 autumn".'
)
class ModerationPeriod:
    period: str
    start: date
    decisions: int = strawberry.field(description="Moderation rounds decided in the term.")
    confirmed: int
    adjusted: int
    returned: int
    confirm_rate: float | None = strawberry.field(description="0 to 1; null with no decisions.")
    adjust_rate: float | None
    return_rate: float | None


def _period(found: bias.PeriodOutcomes) -> ModerationPeriod:
    return ModerationPeriod(
        period=found.period,
        start=found.start,
        decisions=found.total,
        confirmed=found.confirmed,
        adjusted=found.adjusted,
        returned=found.returned,
        confirm_rate=found.confirm_rate,
        adjust_rate=found.adjust_rate,
        return_rate=found.return_rate,
    )


@strawberry.type(
    description="Reliability and bias statistics of the reviews in a scope (moderators and "
    "admins). Every figure carries the number of reviews behind it and, where meaningful, a 95% "
    "interval. Bootstrap intervals are seeded, so the same data gives the same figures."
)
class Statistics:
    partnership_pk: strawberry.Private[int | None]
    reviews: int = strawberry.field(description="Reviews in scope, in any state.")
    from_: date | None = strawberry.field(name="from", description="First visit date counted.")
    to: date | None = strawberry.field(description="Last visit date counted.")
    resamples: int = strawberry.field(description="Bootstrap resamples per interval.")
    seed: int = strawberry.field(description="Seed of the bootstrap.")
    min_reviews_for_name: int = strawberry.field(
        description="Moderated reviews a lead needs before their name is shown."
    )
    frameworks: list[FrameworkStatistics]
    moderation_outcomes: list[ModerationPeriod] = strawberry.field(
        description="Decided moderation rounds of the reviews in scope by term, oldest first; "
        "terms with none between the first and last are included with zeros."
    )

    @strawberry.field(description="The partnership, or null for every partnership (national).")
    async def partnership(self, info: Info) -> PartnershipType | None:
        if self.partnership_pk is None:
            return None
        found = await info.context.loaders.partnership.load(self.partnership_pk)
        return PartnershipType.from_model(found) if found is not None else None


def statistics(found: report.Statistics) -> Statistics:
    return Statistics(
        partnership_pk=found.scope.partnership_id,
        reviews=found.reviews,
        from_=found.scope.start,
        to=found.scope.end,
        resamples=found.resamples,
        seed=found.seed,
        min_reviews_for_name=found.min_reviews_for_name,
        frameworks=[_framework(f) for f in found.frameworks],
        moderation_outcomes=[_period(p) for p in found.outcomes],
    )


async def resolve_statistics(
    info: Info,
    partnership_id: Annotated[
        strawberry.ID | None,
        strawberry.argument(description="One partnership; null for every partnership."),
    ] = None,
    from_: Annotated[
        date | None,
        strawberry.argument(name="from", description="First visit date counted (inclusive)."),
    ] = None,
    to: Annotated[
        date | None, strawberry.argument(description="Last visit date counted (inclusive).")
    ] = None,
) -> Statistics:
    """The ``Query.statistics`` field: overseers only, checked before anything is read."""
    actor = access.require_overseer(info.context.actor)
    scope = Scope(start=from_, end=to)
    if from_ is not None and to is not None and from_ > to:
        raise ValidationFailed("`from` must not be after `to`.", field="from")
    if partnership_id is not None:
        key = decode(partnership_id, "Partnership", "partnershipId")
        found = await access.get_visible(access.visible_partnerships(actor), id=key)
        scope = Scope(partnership_id=found.id, start=from_, end=to)
    return statistics(await report.statistics(actor, scope, resamples=report.API_RESAMPLES))
