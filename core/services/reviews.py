"""Creating reviews, their visit details, and moving them through the lifecycle."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from peerqa import audit, events
from peerqa.access import Actor, ReviewRelation, relation_to, require, require_actor
from peerqa.clock import now
from peerqa.errors import IllegalTransition, NotFound, ValidationFailed
from peerqa.lifecycle import RULES, SERVICE_STEPS, VISIT_DETAILS_EDITABLE, Transition
from peerqa.models import (
    Appeal,
    Area,
    AuditEvent,
    Concern,
    ConcernAction,
    FactualAccuracyPoint,
    Framework,
    Judgement,
    PartnershipMember,
    Report,
    Review,
    School,
    TeamMember,
)
from peerqa.models.enums import (
    AreaKind,
    ConcernActionKind,
    InvitationStatus,
    JudgementKind,
    ReviewState,
    SchoolRoleKind,
    TeamRole,
)
from peerqa.versioning import StaleVersion, update_versioned

TITLE_MAX = 200
TEXT_MAX = 5000
NAME_MAX = 120


def bounded(value: str, field: str, limit: int, *, required: bool = False) -> str:
    """Trim a free-text input and enforce its length."""
    text = value.strip()
    if required and not text:
        raise ValidationFailed("This cannot be empty.", field=field)
    if len(text) > limit:
        raise ValidationFailed(f"Use at most {limit} characters.", field=field)
    return text


def applies_to(area: Area, school: School) -> bool:
    """Whether an area applies to a school: early years and sixth form only where it has them."""
    if area.applies_when == "early_years":
        return school.has_early_years
    if area.applies_when == "sixth_form":
        return school.has_sixth_form
    return area.applies_when == ""


async def applicable_areas(review: Review) -> list[Area]:
    """The framework's areas for this host: early years and sixth form only where it has them."""
    school = await School.get(urn=review.host_school_id)
    areas = await Area.filter(framework_id=review.framework_id).order_by("position")
    return [a for a in areas if applies_to(a, school)]


async def area_by_key(review: Review, key: str) -> Area:
    for area in await applicable_areas(review):
        if area.key == key:
            return area
    raise ValidationFailed(f"This review has no area {key!r}.", field="areaKey")


@dataclass(frozen=True)
class NewReview:
    host_urn: int
    partnership_id: int
    framework_key: str
    title: str
    focus: str = ""
    enquiry_question: str = ""


async def create_review(actor: Actor | None, new: NewReview) -> Review:
    """The host school's headteacher or a senior leader opens a review within its partnership."""
    actor = require_actor(actor)
    leaders = actor.schools_as(
        frozenset({SchoolRoleKind.HEADTEACHER, SchoolRoleKind.SENIOR_LEADER})
    )
    require(
        new.host_urn in leaders,
        "Only the host school's headteacher or a senior leader can open its review.",
    )
    if not await PartnershipMember.exists(
        partnership_id=new.partnership_id, school_id=new.host_urn
    ):
        raise NotFound("Your school is not a member of that partnership.", field="partnershipId")
    framework = await Framework.get_or_none(key=new.framework_key, is_current=True)
    if framework is None:
        raise ValidationFailed(
            f"There is no framework {new.framework_key!r}.", field="frameworkKey"
        )
    title = bounded(new.title, "title", TITLE_MAX, required=True)
    focus = bounded(new.focus, "focus", TEXT_MAX)
    question = bounded(new.enquiry_question, "enquiryQuestion", TEXT_MAX)
    async with in_transaction():
        review = await Review.create(
            host_school_id=new.host_urn,
            partnership_id=new.partnership_id,
            framework=framework,
            title=title,
            focus=focus,
            enquiry_question=question,
            created_by_id=actor.user_id,
        )
        await audit.record(
            "review.create",
            actor_id=actor.user_id,
            object_type="review",
            object_id=review.id,
            review_id=review.id,
            detail={"framework": f"{framework.key} v{framework.version}", "title": title},
        )
    return review


@dataclass(frozen=True)
class VisitDetails:
    review_id: int
    version: int
    visit_starts_on: date | None
    visit_ends_on: date | None
    dsl_name: str
    deputy_dsl_name: str


async def set_visit_details(actor: Actor | None, details: VisitDetails) -> Review:
    """The host records the visit dates and its DSL and deputy (required before the visit)."""
    rel = await relation_to(actor, details.review_id)
    require(rel.is_host_leader, "Only the host school's leaders can set the visit details.")
    _require_state(rel.review, VISIT_DETAILS_EDITABLE, "set the visit details")
    starts, ends = details.visit_starts_on, details.visit_ends_on
    if starts and ends and ends < starts:
        raise ValidationFailed("The visit cannot end before it starts.", field="visitEndsOn")
    values: dict[str, Any] = {
        "visit_starts_on": starts,
        "visit_ends_on": ends,
        "dsl_name": bounded(details.dsl_name, "dslName", NAME_MAX),
        "deputy_dsl_name": bounded(details.deputy_dsl_name, "deputyDslName", NAME_MAX),
    }
    before = {k: str(getattr(rel.review, k)) for k in values}
    async with in_transaction():
        await update_versioned(Review, rel.review.id, details.version, "review", **values)
        await audit.record(
            "review.visit_details",
            actor_id=rel.actor.user_id,
            object_type="review",
            object_id=rel.review.id,
            review_id=rel.review.id,
            detail={"before": before, "after": {k: str(v) for k, v in values.items()}},
        )
    await _announce(rel, "visit_details")
    return await Review.get(id=rel.review.id)


def human(state: ReviewState) -> str:
    """A state as people say it: 'self evaluation', 'factual accuracy'."""
    return state.value.replace("_", " ")


def _require_state(review: Review, states: frozenset[ReviewState], doing: str) -> None:
    if review.state not in states:
        allowed = " or ".join(human(s) for s in ReviewState if s in states)
        raise IllegalTransition(
            f"You cannot {doing} while the review is at {human(review.state)}; "
            f"only when it is {allowed}."
        )


require_state = _require_state


async def lock_review(
    review_id: int, states: frozenset[ReviewState] | None = None, doing: str = ""
) -> Review:
    """Inside a transaction: re-read the review, locking its row, and check its state.

    Every write inside a review calls this first, so a write cannot land after a concurrent
    lifecycle step has moved the review on (PostgreSQL row lock; SQLite runs one transaction
    at a time on its single connection).
    """
    review = await Review.select_for_update().get(id=review_id)
    if states is not None:
        _require_state(review, states, doing)
    return review


async def transition(actor: Actor | None, review_id: int, step: Transition, version: int) -> Review:
    """Take one lifecycle step, or raise and change nothing."""
    rel = await relation_to(actor, review_id)
    rule = RULES[step]
    require(rule.allowed(rel), f"Only {rule.who} can {step.value.replace('_', ' ')}.")
    async with in_transaction():
        review = await lock_review(review_id)
        if review.state not in rule.sources:
            raise IllegalTransition(
                f"A review at {human(review.state)} cannot {step.value.replace('_', ' ')}."
            )
        await _check_ready(review, step)
        before = review.state
        if step is Transition.CONFIRM_TEAM:
            # Unanswered invitations lapse: only those who accepted are on the team.
            await TeamMember.filter(review_id=review.id, status=InvitationStatus.INVITED).update(
                status=InvitationStatus.WITHDRAWN
            )
        values: dict[str, Any] = {"state": rule.target}
        if rule.target is ReviewState.PUBLISHED:
            values["published_at"] = now()
            await Report.get_or_create(review_id=rel.review.id)
        await update_versioned(Review, rel.review.id, version, "review", **values)
        await audit.record(
            f"review.{step.value}",
            actor_id=rel.actor.user_id,
            object_type="review",
            object_id=rel.review.id,
            review_id=rel.review.id,
            detail={"before": before.value, "after": rule.target.value},
        )
    await _announce(rel, f"state.{rule.target.value}")
    return await Review.get(id=rel.review.id)


async def move(
    review: Review,
    step: Transition,
    actor_id: int | None,
    *,
    version: int | None = None,
    **values: Any,
) -> Review:
    """Inside a transaction, after ``lock_review``: take one of the services' own steps.

    ``version``, when given, is the one the caller saw (a decision made on a stale page is a
    CONFLICT); otherwise the locked row's. Audits ``review.<step>`` and returns the review as
    moved; the caller announces ``state.<target>`` after the commit.
    """
    sources, target = SERVICE_STEPS[step]
    if review.state not in sources:
        raise IllegalTransition(
            f"A review at {human(review.state)} cannot {step.value.replace('_', ' ')}."
        )
    expected = review.version if version is None else version
    if expected != review.version:
        raise StaleVersion("review", review.version)
    await update_versioned(Review, review.id, expected, "review", state=target, **values)
    await audit.record(
        f"review.{step.value}",
        actor_id=actor_id,
        object_type="review",
        object_id=review.id,
        review_id=review.id,
        detail={"before": review.state.value, "after": target.value},
    )
    review.state, review.version = target, expected + 1
    for key, value in values.items():
        setattr(review, key, value)
    return review


async def _check_ready(review: Review, step: Transition) -> None:
    """What must be true before a step, beyond state and role."""
    check = READINESS.get(step)
    problems = await check(review) if check else []
    if problems:
        raise IllegalTransition("Not yet: " + "; ".join(problems) + ".")


async def _team_ready(review: Review) -> list[str]:
    problems = []
    if not await TeamMember.exists(
        review_id=review.id, role=TeamRole.LEAD, status=InvitationStatus.ACCEPTED
    ):
        problems.append("a lead reviewer must have accepted")
    missing = await _incomplete_areas(review, JudgementKind.SELF_EVALUATION, author_id=None)
    if missing:
        problems.append("the self-evaluation is missing " + ", ".join(missing))
    return problems


async def _visit_ready(review: Review) -> list[str]:
    problems = []
    if not (review.dsl_name and review.deputy_dsl_name):
        problems.append("the host's DSL and deputy DSL must be recorded")
    if not review.visit_starts_on:
        problems.append("the visit dates must be set")
    return problems


async def _consensus_ready(review: Review) -> list[str]:
    for member in await TeamMember.filter(review_id=review.id, status=InvitationStatus.ACCEPTED):
        if await _incomplete_areas(
            review, JudgementKind.INDEPENDENT, author_id=member.user_id, submitted=True
        ):
            return ["every team member must submit independent judgements first"]
    return []


async def _submit_ready(review: Review) -> list[str]:
    missing = await _incomplete_areas(review, JudgementKind.CONSENSUS, author_id=None)
    problems = ["the consensus is missing " + ", ".join(missing)] if missing else []
    report = await Report.get_or_none(review_id=review.id)
    if report is None or not report.summary.strip():
        problems.append("the report needs a summary")
    return problems


async def _publish_ready(review: Review) -> list[str]:
    """No unresolved concern, no appeal being heard, and the factual-accuracy check finished:
    every point answered, or the window closed (unanswered points then lapse)."""
    problems = []
    if await open_concerns(review.id):
        problems.append("publication is awaiting moderator clearance")
    if await Appeal.exists(review_id=review.id, decided_at__isnull=True):
        problems.append("an appeal is being heard")
    closes = review.factual_accuracy_closes_at
    window_open = closes is None or now() < closes
    if window_open and await FactualAccuracyPoint.exists(
        review_id=review.id, accepted__isnull=True
    ):
        problems.append("the lead must answer every factual-accuracy point first")
    return problems


READINESS: dict[Transition, Callable[[Review], Awaitable[list[str]]]] = {
    Transition.CONFIRM_TEAM: _team_ready,
    Transition.START_VISIT: _visit_ready,
    Transition.START_CONSENSUS: _consensus_ready,
    Transition.SUBMIT: _submit_ready,
    Transition.PUBLISH: _publish_ready,
}


async def _incomplete_areas(
    review: Review, kind: JudgementKind, *, author_id: int | None, submitted: bool = False
) -> list[str]:
    """Names of applicable areas with no complete judgement of this kind."""
    query = Judgement.filter(review_id=review.id, kind=kind)
    if author_id is not None:
        query = query.filter(author_id=author_id)
    if submitted:
        query = query.filter(submitted_at__not_isnull=True)
    done = {j.area_id: j for j in await query}
    missing = []
    for area in await applicable_areas(review):
        judgement = done.get(area.id)
        if judgement is None or not is_complete(area, judgement):
            missing.append(area.name)
    return missing


def is_complete(area: Area, judgement: Judgement) -> bool:
    if area.kind is AreaKind.GRADED:
        return judgement.grade_id is not None
    if area.kind is AreaKind.MET_NOT_MET:
        return judgement.met is not None
    return bool(judgement.narrative.strip())


def unresolved_concerns() -> QuerySet[Concern]:
    """Concerns with no resolution recorded."""
    resolved = ConcernAction.filter(kind=ConcernActionKind.RESOLVED).values("concern_id")
    return Concern.exclude(id__in=Subquery(resolved))


async def open_concerns(review_id: int) -> int:
    """Concerns on the review with no resolution recorded."""
    return await unresolved_concerns().filter(review_id=review_id).count()


async def _announce(rel: ReviewRelation, kind: str, object_id: int | None = None) -> None:
    await events.publish(
        events.Event(
            topic=events.review_topic(rel.review.id),
            kind=kind,
            review_id=rel.review.id,
            object_id=object_id,
            actor_id=rel.actor.user_id,
        )
    )


announce = _announce


INSIDE_STEPS = frozenset(
    f"review.{t.value}"
    for t in (Transition.SELECT, Transition.RETURN, Transition.APPEAL, Transition.DECIDE_APPEAL)
)
"""Steps only those working on the review see: selection for moderation, a return to the team,
and an appeal (which governors and readers may not read)."""


def readable_timeline(
    rel: ReviewRelation, events: Sequence[AuditEvent]
) -> tuple[list[AuditEvent], bool]:
    """The steps of a review's timeline ``rel`` may see, and whether they may see who took each:
    both for the team and overseers; the host's staff see every step but not who took it;
    governors and readers see neither the inside steps nor who took any."""
    shows_actor = rel.is_team or rel.is_overseer
    if shows_actor or rel.is_host_staff:
        return list(events), shows_actor
    return [e for e in events if e.action not in INSIDE_STEPS], False


async def timelines(review_ids: Sequence[int]) -> list[list[AuditEvent]]:
    """Each review's lifecycle from the audit trail: its creation and every change of state,
    oldest first (batched: one query for any number of reviews)."""
    grouped: dict[int, list[AuditEvent]] = {i: [] for i in review_ids}
    rows = await AuditEvent.filter(
        review_id__in=list(set(review_ids)), object_type="review", action__startswith="review."
    ).order_by("id")
    steps = {f"review.{t.value}" for t in Transition} | {"review.create"}
    for row in rows:
        if row.action in steps:  # not edits such as review.visit_details
            grouped[int(row.review_id or 0)].append(row)
    return [grouped[i] for i in review_ids]
