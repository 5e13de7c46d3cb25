"""Safeguarding concerns: raised by the team at any time, acted on by moderators at once.

The statutory route comes first (999 if a child is in immediate danger; otherwise tell the host
school's DSL now, or for a concern about the headteacher the chair of governors and the LADO).
peerqa records the concern, never edits it, notifies moderators, escalates it if nobody
acknowledges it, blocks publication until a moderator resolves it, and logs every read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from peerqa import audit, events
from peerqa.access import (
    Actor,
    ReviewRelation,
    relation_to,
    require,
    require_actor,
    require_overseer,
)
from peerqa.clock import now
from peerqa.errors import IllegalTransition, NotFound, ValidationFailed
from peerqa.models import Concern, ConcernAction, Review
from peerqa.models.enums import ConcernActionKind
from peerqa.screening import check_text
from peerqa.services.reviews import announce, unresolved_concerns

SUMMARY_MAX = 5000
NOTE_MAX = 5000
STATUTORY_ROUTE = (
    "If a child is in immediate danger, call 999 now. Otherwise tell the host school's "
    "designated safeguarding lead (DSL) now, before you record anything here."
)
ABOUT_HEADTEACHER_ROUTE = (
    "If a child is in immediate danger, call 999 now. A concern about the headteacher goes to "
    "the chair of governors and the local authority designated officer (LADO), not to the "
    "headteacher. It is hidden from the host school's staff here."
)


@dataclass(frozen=True)
class ConcernInput:
    summary: str
    about_headteacher: bool = False
    told_dsl: bool = False
    immediate_danger: bool = False
    confirm_no_personal_data: bool = False


async def raise_concern(actor: Actor | None, review_id: int, data: ConcernInput) -> Concern:
    """Any team member (or a moderator) records a concern, in any state of the review."""
    rel = await relation_to(actor, review_id)
    require(rel.is_team or rel.is_overseer, "Only the review team or a moderator records concerns.")
    summary = data.summary.strip()
    if not summary:
        raise ValidationFailed("Describe the concern, without naming the pupil.", field="summary")
    if len(summary) > SUMMARY_MAX:
        raise ValidationFailed(f"Use at most {SUMMARY_MAX} characters.", field="summary")
    check_text(summary, "summary", confirmed=data.confirm_no_personal_data)
    async with in_transaction():
        concern = await Concern.create(
            review_id=review_id,
            raised_by_id=rel.actor.user_id,
            raised_at=now(),
            summary=summary,
            about_headteacher=data.about_headteacher,
            told_dsl=data.told_dsl,
            immediate_danger=data.immediate_danger,
        )
        await audit.record(
            "concern.raise",
            actor_id=rel.actor.user_id,
            object_type="concern",
            object_id=concern.id,
            review_id=review_id,
            detail={"about_headteacher": data.about_headteacher},
        )
    await events.publish(
        events.Event(
            topic=events.CONCERNS_TOPIC,
            kind="concern.raised",
            review_id=review_id,
            object_id=concern.id,
            actor_id=rel.actor.user_id,
        )
    )
    if not data.about_headteacher:
        await announce(rel, "concern.raised", concern.id)
    return concern


def may_read(rel: ReviewRelation, concern: Concern) -> bool:
    """Overseers and the team see every concern; host staff only those not about the head."""
    if rel.is_overseer or rel.is_team or concern.raised_by_id == rel.actor.user_id:
        return True
    return rel.is_host_staff and not concern.about_headteacher


def with_open_concerns(actor: Actor | None, reviews: QuerySet[Review]) -> QuerySet[Review]:
    """Of ``reviews``, those with a concern nobody has resolved: the concern inbox's, which
    pages through them all. Moderators and admins only: they read every concern, whereas for
    anyone else the list would give away concerns they may not read (about their head)."""
    require_overseer(actor)
    return reviews.filter(id__in=Subquery(unresolved_concerns().values("review_id")))


async def log_read(actor: Actor, concern: Concern) -> None:
    """Every read of a concern is recorded (ASVS L3 16.3.2, adopted for concerns)."""
    async with in_transaction():
        await audit.record(
            "concern.read",
            actor_id=actor.user_id,
            object_type="concern",
            object_id=concern.id,
            review_id=concern.review_id,
        )


async def _act(
    actor: Actor | None, concern_id: int, kind: ConcernActionKind, note: str = ""
) -> ConcernAction:
    actor = require_actor(actor)
    concern = await Concern.get_or_none(id=concern_id)
    if concern is None:
        raise NotFound("Nothing was found with that identifier.")
    rel = await relation_to(actor, concern.review_id)
    if not may_read(rel, concern):
        raise NotFound("Nothing was found with that identifier.")
    require(rel.is_overseer, "Only a moderator can act on a concern.")
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise ValidationFailed(f"Use at most {NOTE_MAX} characters.", field="note")
    if kind is ConcernActionKind.RESOLVED and not note:
        raise ValidationFailed("Record how the concern was resolved.", field="note")
    rows = await ConcernAction.filter(concern_id=concern_id).values("kind")
    done = {ConcernActionKind(row["kind"]) for row in rows}
    if ConcernActionKind.RESOLVED in done:
        raise IllegalTransition("This concern is already resolved.")
    if kind is ConcernActionKind.ACKNOWLEDGED and ConcernActionKind.ACKNOWLEDGED in done:
        raise IllegalTransition("This concern is already acknowledged.")
    async with in_transaction():
        action = await ConcernAction.create(
            concern_id=concern_id, kind=kind, actor_id=actor.user_id, at=now(), note=note
        )
        await audit.record(
            f"concern.{kind.value}",
            actor_id=actor.user_id,
            object_type="concern",
            object_id=concern_id,
            review_id=concern.review_id,
        )
    if not concern.about_headteacher:
        await announce(rel, f"concern.{kind.value}", concern_id)
    return action


async def acknowledge(actor: Actor | None, concern_id: int) -> ConcernAction:
    return await _act(actor, concern_id, ConcernActionKind.ACKNOWLEDGED)


async def add_note(actor: Actor | None, concern_id: int, note: str) -> ConcernAction:
    if not note.strip():
        raise ValidationFailed("Write the note.", field="note")
    return await _act(actor, concern_id, ConcernActionKind.NOTE, note)


async def resolve(actor: Actor | None, concern_id: int, resolution: str) -> ConcernAction:
    return await _act(actor, concern_id, ConcernActionKind.RESOLVED, resolution)


async def escalate_overdue(after: timedelta) -> list[int]:
    """Escalate concerns nobody has acknowledged within ``after``; return their ids.

    Runs every minute in each server worker (and on demand from the CLI). Each concern is
    escalated once; moderators are alerted after the escalation is committed.
    """
    async with in_transaction() as connection:
        if connection.capabilities.dialect == "postgres":
            # Every worker runs this each minute: only the one holding the lock escalates.
            rows = await connection.execute_query_dict(
                "SELECT pg_try_advisory_xact_lock(7205837292) AS locked"
            )
            if not rows[0]["locked"]:
                return []
        overdue = await _escalate(after)
    for concern in overdue:
        await events.publish(
            events.Event(
                topic=events.CONCERNS_TOPIC,
                kind="concern.escalated",
                review_id=concern.review_id,
                object_id=concern.id,
            )
        )
    return [c.id for c in overdue]


async def _escalate(after: timedelta) -> list[Concern]:
    cutoff = now() - after
    handled = set(
        await ConcernAction.filter(
            kind__in=[
                ConcernActionKind.ACKNOWLEDGED,
                ConcernActionKind.ESCALATED,
                ConcernActionKind.RESOLVED,
            ]
        ).values_list("concern_id", flat=True)
    )
    overdue = list(await Concern.filter(raised_at__lte=cutoff).exclude(id__in=list(handled)))
    for concern in overdue:
        await ConcernAction.create(
            concern_id=concern.id,
            kind=ConcernActionKind.ESCALATED,
            actor_id=None,
            at=now(),
            note=f"Not acknowledged within {int(after.total_seconds() // 60)} minutes.",
        )
        await audit.record(
            "concern.escalated",
            actor_id=None,
            object_type="concern",
            object_id=concern.id,
            review_id=concern.review_id,
        )
    return overdue
