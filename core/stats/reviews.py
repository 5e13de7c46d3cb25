"""Reading what the reliability and bias statistics need from the reviews in the database.

The statistics themselves (``agreement``, ``severity``, ``bias``) are pure and take plain
records. This module turns the reviews of one partnership, or of every partnership, into those
records in a fixed handful of queries (one per table, whatever the number of reviews), and
decides which judgements count:

- **agreement**: independent judgements with a grade that their author has submitted (a draft
  can still change, and a reviewer's grade is independent only until they see the others');
- **severity and team against moderator**: areas with both a consensus and a moderated grade,
  in reviews whose moderation has an outcome (a moderated grade on an undecided moderation is
  work in progress) and that have an accepted lead reviewer;
- **context audit**: each area's final grade (the moderated grade when the latest decided round
  confirmed or adjusted, otherwise the consensus) in reviews that have been submitted, of hosts
  with a known FSM-ever percentage;
- **moderation outcomes**: every decided moderation round, dated by its decision.

Grades are compared by their ``rank`` in the framework (1 = best), and every grade-based figure
is kept per framework, because two frameworks' scales cannot be pooled.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from tortoise.expressions import Q

from peerqa.models import (
    Area,
    ContextValue,
    Framework,
    Grade,
    Judgement,
    Moderation,
    Review,
    TeamMember,
)
from peerqa.models.enums import (
    AreaKind,
    InvitationStatus,
    JudgementKind,
    ModerationOutcome,
    ReviewState,
    TeamRole,
)
from peerqa.stats.agreement import GradeRecord
from peerqa.stats.bias import GradedHost, Outcome
from peerqa.stats.severity import ModeratedArea

__all__ = [
    "FSM_EVER",
    "SUBMITTED_STATES",
    "FrameworkRecords",
    "Records",
    "Scope",
    "fsm_ever",
    "load",
]

FSM_EVER = "pct_fsm_ever"
"""The census measure: % of pupils eligible for free school meals in the last six years."""
SUBMITTED_STATES = frozenset(
    {
        ReviewState.SUBMITTED,
        ReviewState.MODERATION,
        ReviewState.ASSURED,
        ReviewState.FACTUAL_ACCURACY,
        ReviewState.APPEAL,
        ReviewState.PUBLISHED,
        ReviewState.FOLLOW_UP,
    }
)
"""States in which the consensus is settled (returned reviews are being reworked)."""
_IN_CHUNK = 900  # SQLite's older limit on bound parameters is 999


@dataclass(frozen=True)
class Scope:
    """Which reviews count: one partnership's (or all), with a visit from ``start`` to ``end``.

    Dates are inclusive and compare with the first day of the visit, or with the day the review
    was created when it has no visit dates yet.
    """

    partnership_id: int | None = None
    start: date | None = None
    end: date | None = None

    def reviews(self, prefix: str = "") -> Q:
        """The filter on reviews (through ``prefix``, e.g. ``"review__"``, from a related table)."""
        conditions: dict[str, Any] = {}
        if self.partnership_id is not None:
            conditions[f"{prefix}partnership_id"] = self.partnership_id
        found = Q(**conditions)
        if self.start is not None:
            found &= _dated(prefix, "gte", self.start, _midnight(self.start))
        if self.end is not None:
            after = _midnight(self.end + timedelta(days=1))
            found &= _dated(prefix, "lte", self.end, after, created="lt")
        return found


@dataclass
class FrameworkRecords:
    """Everything the grade-based statistics need for the reviews on one framework."""

    framework_id: int
    name: str
    scale: tuple[int, ...]
    """The framework's grade ranks, best (1) first."""
    grade_labels: dict[int, str]
    areas: dict[str, str]
    """Graded area keys in the framework's order, with their names."""
    reviews: int = 0
    judgements: list[GradeRecord] = field(default_factory=list)
    moderated: list[ModeratedArea] = field(default_factory=list)
    hosts: dict[str, list[GradedHost]] = field(default_factory=dict)
    """Final grades by area key, for the context audit."""
    rank_of: dict[int, int] = field(default_factory=dict, repr=False)
    """Grade id -> rank, for reading judgements."""
    area_key: dict[int, str] = field(default_factory=dict, repr=False)
    """Area id -> key, for reading judgements."""


@dataclass
class Records:
    """The reviews in a scope, as the pure statistics take them."""

    scope: Scope
    reviews: int
    frameworks: list[FrameworkRecords]
    outcomes: list[tuple[date, Outcome]]
    lead_names: dict[int, str]
    """Display names of the lead reviewers who appear in ``moderated``, by user id."""


async def load(scope: Scope) -> Records:
    """The records behind every statistic for the reviews in ``scope`` (eight queries)."""
    reviews = await Review.filter(scope.reviews()).values_list(
        "id", "framework_id", "host_school_id", "state"
    )
    framework_of = {int(r[0]): int(r[1]) for r in reviews}
    host_of = {int(r[0]): int(r[2]) for r in reviews}
    submitted = {int(r[0]) for r in reviews if ReviewState(r[3]) in SUBMITTED_STATES}
    frameworks = await _frameworks(set(framework_of.values()))
    for framework_id in framework_of.values():
        frameworks[framework_id].reviews += 1

    in_scope = scope.reviews("review__")
    rank_of = {g: r for f in frameworks.values() for g, r in f.rank_of.items()}
    area_key = {a: k for f in frameworks.values() for a, k in f.area_key.items()}
    rows = await Judgement.filter(
        in_scope,
        grade_id__isnull=False,
        kind__in=[JudgementKind.INDEPENDENT, JudgementKind.CONSENSUS, JudgementKind.MODERATED],
    ).values_list("id", "review_id", "area_id", "kind", "author_id", "grade_id", "submitted_at")
    moderations = await Moderation.filter(in_scope, outcome__isnull=False).values_list(
        "review_id", "round", "outcome", "decided_at"
    )
    leads = await TeamMember.filter(
        in_scope, role=TeamRole.LEAD, status=InvitationStatus.ACCEPTED
    ).values_list("review_id", "user_id", "user__display_name")

    latest, outcomes = _decisions(moderations)
    lead_of: dict[int, int] = {}
    names: dict[int, str] = {}
    for review_id, user_id, name in sorted(leads):
        lead_of.setdefault(int(review_id), int(user_id))  # one accepted lead; the first if not
        names[int(user_id)] = str(name)

    consensus: dict[tuple[int, str], int] = {}
    moderated: dict[tuple[int, str], tuple[int, int]] = {}  # (review, area) -> (row id, rank)
    for row_id, review_id, area_id, kind, author_id, grade_id, submitted_at in rows:
        if int(area_id) not in area_key or int(review_id) not in framework_of:
            continue  # not a graded area, or a review created since the first query
        key = (int(review_id), area_key[int(area_id)])
        rank = rank_of[int(grade_id)]
        records = frameworks[framework_of[key[0]]]
        if kind == JudgementKind.INDEPENDENT:
            if submitted_at is not None:
                records.judgements.append(GradeRecord(key[0], key[1], int(author_id), rank))
        elif kind == JudgementKind.CONSENSUS:
            consensus[key] = rank
        elif key not in moderated or row_id > moderated[key][0]:
            moderated[key] = (int(row_id), rank)  # a later round's moderator wins

    fsm = await fsm_ever({host_of[review_id] for review_id, _ in consensus})
    for (review_id, area), team_grade in sorted(consensus.items()):
        records = frameworks[framework_of[review_id]]
        final = moderated.get((review_id, area))
        decided = latest.get(review_id)
        if final is not None and decided is not None and review_id in lead_of:
            records.moderated.append(
                ModeratedArea(review_id, area, lead_of[review_id], team_grade, final[1])
            )
        host = host_of[review_id]
        if review_id in submitted and host in fsm:
            settled = decided is not None and decided[1] is not ModerationOutcome.RETURN
            grade = final[1] if final is not None and settled else team_grade
            records.hosts.setdefault(area, []).append(GradedHost(host, fsm[host], grade))
    used_leads = {m.lead_id for f in frameworks.values() for m in f.moderated}
    return Records(
        scope=scope,
        reviews=len(reviews),
        frameworks=[frameworks[i] for i in sorted(frameworks)],
        outcomes=sorted(outcomes),
        lead_names={i: names[i] for i in sorted(used_leads)},
    )


def _decisions(
    rows: Iterable[tuple[Any, ...]],
) -> tuple[dict[int, tuple[int, ModerationOutcome]], list[tuple[date, Outcome]]]:
    """Each review's latest decided round (round, outcome), and every decision by its date."""
    latest: dict[int, tuple[int, ModerationOutcome]] = {}
    outcomes: list[tuple[date, Outcome]] = []
    for review_id, round_, raw, decided_at in rows:
        outcome = ModerationOutcome(raw)
        if decided_at is not None:
            outcomes.append((decided_at.date(), outcome.value))
        if int(review_id) not in latest or round_ > latest[int(review_id)][0]:
            latest[int(review_id)] = (int(round_), outcome)
    return latest, outcomes


async def fsm_ever(urns: Iterable[int]) -> dict[int, float]:
    """Each school's FSM-ever percentage from its most recent census year that has one."""
    wanted = sorted(set(urns))
    found: dict[int, tuple[int, float]] = {}
    for start in range(0, len(wanted), _IN_CHUNK):
        rows = await ContextValue.filter(
            measure=FSM_EVER,
            value__isnull=False,
            snapshot__urn__in=wanted[start : start + _IN_CHUNK],
        ).values_list("snapshot__urn", "snapshot__year", "value")
        for urn, year, value in rows:
            if int(urn) not in found or year > found[int(urn)][0]:
                found[int(urn)] = (int(year), float(value))
    return {urn: value for urn, (_, value) in found.items()}


async def _frameworks(ids: set[int]) -> dict[int, FrameworkRecords]:
    """Each framework's scale and graded areas: three small queries, however many reviews."""
    if not ids:
        return {}
    names = dict(await Framework.filter(id__in=list(ids)).values_list("id", "name"))
    found = {
        i: FrameworkRecords(framework_id=i, name=str(names[i]), scale=(), grade_labels={}, areas={})
        for i in sorted(ids)
    }
    for grade_id, framework_id, rank, label in (
        await Grade.filter(framework_id__in=list(ids))
        .order_by("framework_id", "rank")
        .values_list("id", "framework_id", "rank", "label")
    ):
        records = found[int(framework_id)]
        records.scale = (*records.scale, int(rank))
        records.grade_labels[int(rank)] = str(label)
        records.rank_of[int(grade_id)] = int(rank)
    for area_id, framework_id, key, name in (
        await Area.filter(framework_id__in=list(ids), kind=AreaKind.GRADED)
        .order_by("framework_id", "position")
        .values_list("id", "framework_id", "key", "name")
    ):
        found[int(framework_id)].areas[str(key)] = str(name)
        found[int(framework_id)].area_key[int(area_id)] = str(key)
    return found


def _dated(prefix: str, compare: str, day: date, at: datetime, *, created: str = "") -> Q:
    """Visit start compared with ``day``, or creation time with ``at`` when there is no visit."""
    visit: dict[str, Any] = {f"{prefix}visit_starts_on__{compare}": day}
    undated: dict[str, Any] = {
        f"{prefix}visit_starts_on__isnull": True,
        f"{prefix}created_at__{created or compare}": at,
    }
    return Q(**visit) | Q(**undated)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)
