"""Evidence: what the team saw and heard during the visit, tagged to areas."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from peerqa import audit
from peerqa.access import Actor, ReviewRelation, relation_to, require
from peerqa.clock import now
from peerqa.errors import NotFound, ValidationFailed
from peerqa.lifecycle import EVIDENCE_OPEN
from peerqa.models import Evidence, EvidenceArea
from peerqa.models.enums import EvidenceKind
from peerqa.screening import check_text
from peerqa.services.reviews import announce, area_by_key, lock_review, require_state
from peerqa.versioning import update_versioned

TEXT_MAX = 5000
MAX_AREAS = 12


@dataclass(frozen=True)
class EvidenceInput:
    kind: EvidenceKind
    text: str
    area_keys: tuple[str, ...]
    observed_at: datetime | None = None
    confirm_no_personal_data: bool = False


async def _validated(rel: ReviewRelation, data: EvidenceInput) -> tuple[str, list[int]]:
    text = data.text.strip()
    if not text:
        raise ValidationFailed("Write what you saw or heard.", field="text")
    if len(text) > TEXT_MAX:
        raise ValidationFailed(f"Use at most {TEXT_MAX} characters.", field="text")
    keys = list(dict.fromkeys(data.area_keys))
    if not keys or len(keys) > MAX_AREAS:
        raise ValidationFailed(f"Tag 1 to {MAX_AREAS} areas.", field="areaKeys")
    area_ids = [(await area_by_key(rel.review, key)).id for key in keys]
    if data.observed_at is not None and data.observed_at > now():
        raise ValidationFailed("The time observed cannot be in the future.", field="observedAt")
    check_text(text, "text", confirmed=data.confirm_no_personal_data)
    return text, area_ids


async def add(actor: Actor | None, review_id: int, data: EvidenceInput) -> Evidence:
    rel = await relation_to(actor, review_id)
    require(rel.is_team, "Only members of the review team record evidence.")
    require_state(rel.review, EVIDENCE_OPEN, "record evidence")
    text, area_ids = await _validated(rel, data)
    async with in_transaction():
        await lock_review(review_id, EVIDENCE_OPEN, "record evidence")
        evidence = await Evidence.create(
            review_id=review_id,
            author_id=rel.actor.user_id,
            kind=data.kind,
            text=text,
            observed_at=data.observed_at or now(),
        )
        await EvidenceArea.bulk_create(
            [EvidenceArea(evidence_id=evidence.id, area_id=a) for a in area_ids]
        )
        await audit.record(
            "evidence.add",
            actor_id=rel.actor.user_id,
            object_type="evidence",
            object_id=evidence.id,
            review_id=review_id,
            detail={"kind": data.kind.value, "areas": len(area_ids), "chars": len(text)},
        )
    await announce(rel, "evidence.add", evidence.id)
    return evidence


async def edit(
    actor: Actor | None, evidence_id: int, version: int, data: EvidenceInput
) -> Evidence:
    """The author corrects their own evidence; a stale version is a conflict."""
    found = await Evidence.get_or_none(id=evidence_id)
    if found is None:
        raise NotFound("Nothing was found with that identifier.")
    rel = await relation_to(actor, found.review_id)
    if not may_read_evidence(rel):
        raise NotFound("Nothing was found with that identifier.")
    require(found.author_id == rel.actor.user_id, "Only the author can edit their evidence.")
    require_state(rel.review, EVIDENCE_OPEN, "edit evidence")
    text, area_ids = await _validated(rel, data)
    async with in_transaction():
        await lock_review(found.review_id, EVIDENCE_OPEN, "edit evidence")
        await update_versioned(
            Evidence,
            evidence_id,
            version,
            "evidence",
            kind=data.kind,
            text=text,
            observed_at=data.observed_at or found.observed_at,
        )
        await EvidenceArea.filter(evidence_id=evidence_id).delete()
        await EvidenceArea.bulk_create(
            [EvidenceArea(evidence_id=evidence_id, area_id=a) for a in area_ids]
        )
        await audit.record(
            "evidence.edit",
            actor_id=rel.actor.user_id,
            object_type="evidence",
            object_id=evidence_id,
            review_id=found.review_id,
            detail={
                "before": {"kind": found.kind.value, "chars": len(found.text)},
                "after": {"kind": data.kind.value, "chars": len(text)},
            },
        )
    await announce(rel, "evidence.edit", evidence_id)
    return await Evidence.get(id=evidence_id)


def visible_evidence(rel: ReviewRelation) -> QuerySet[Evidence]:
    """The review's evidence this actor may read (none for the host), oldest first."""
    query = Evidence.filter(review_id=rel.review.id)
    if not may_read_evidence(rel):
        query = query.filter(id__in=[])
    return query.order_by("observed_at", "id")


def may_read_evidence(rel: ReviewRelation) -> bool:
    """The team's working notes: the team and overseers, not the host."""
    return rel.is_team or rel.is_overseer
