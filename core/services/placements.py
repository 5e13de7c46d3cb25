"""The review's alternative provision register: anonymised facts about each placement."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tortoise.transactions import in_transaction

from peerqa import audit
from peerqa.access import Actor, ReviewRelation, relation_to, require
from peerqa.clock import now
from peerqa.errors import Conflict, NotFound, ValidationFailed
from peerqa.lifecycle import PLACEMENTS_EDITABLE
from peerqa.models import ApPlacement
from peerqa.models.enums import PlacementOutcome
from peerqa.screening import check_text
from peerqa.services.reviews import announce, lock_review, require_state
from peerqa.versioning import update_versioned

REFERENCE = re.compile(r"^[A-Za-z0-9_-]{1,20}$")
NOTES_MAX = 2000
EARLIEST = date(2000, 1, 1)


@dataclass(frozen=True)
class PlacementInput:
    reference: str
    registered_provider: bool
    full_time: bool
    started_on: date
    planned_end_on: date | None = None
    objectives_set: bool = False
    success_criteria_set: bool = False
    exit_plan: bool = False
    last_reviewed_on: date | None = None
    outcome: PlacementOutcome = PlacementOutcome.ONGOING
    notes: str = ""
    confirm_no_personal_data: bool = False


def _validated(data: PlacementInput) -> dict[str, Any]:
    reference = data.reference.strip()
    if not REFERENCE.match(reference):
        raise ValidationFailed(
            "Use the school's anonymous code for the placement: 1 to 20 letters, digits, - or _ "
            "(never a pupil's name or UPN).",
            field="reference",
        )
    check_text(reference, "reference", confirmed=False)
    latest = now().date() + timedelta(days=1)
    if not EARLIEST <= data.started_on <= latest:
        raise ValidationFailed("The start date is not plausible.", field="startedOn")
    if data.planned_end_on is not None and data.planned_end_on < data.started_on:
        raise ValidationFailed("The planned end is before the start.", field="plannedEndOn")
    if data.last_reviewed_on is not None and not data.started_on <= data.last_reviewed_on <= latest:
        raise ValidationFailed(
            "The last review must fall between the start and today.", field="lastReviewedOn"
        )
    notes = data.notes.strip()
    if len(notes) > NOTES_MAX:
        raise ValidationFailed(f"Use at most {NOTES_MAX} characters.", field="notes")
    check_text(notes, "notes", confirmed=data.confirm_no_personal_data)
    return {
        "reference": reference,
        "registered_provider": data.registered_provider,
        "full_time": data.full_time,
        "started_on": data.started_on,
        "planned_end_on": data.planned_end_on,
        "objectives_set": data.objectives_set,
        "success_criteria_set": data.success_criteria_set,
        "exit_plan": data.exit_plan,
        "last_reviewed_on": data.last_reviewed_on,
        "outcome": data.outcome,
        "notes": notes,
    }


async def add(actor: Actor | None, review_id: int, data: PlacementInput) -> ApPlacement:
    rel = await relation_to(actor, review_id)
    require(rel.is_host_leader, "Only the host school's leaders keep its AP register.")
    require_state(rel.review, PLACEMENTS_EDITABLE, "change the AP register")
    values = _validated(data)
    async with in_transaction():
        await lock_review(review_id, PLACEMENTS_EDITABLE, "change the AP register")
        if await ApPlacement.exists(review_id=review_id, reference=values["reference"]):
            raise Conflict(
                "A placement with that code is already on the register.", field="reference"
            )
        placement = await ApPlacement.create(review_id=review_id, **values)
        await audit.record(
            "placement.add",
            actor_id=rel.actor.user_id,
            object_type="ap_placement",
            object_id=placement.id,
            review_id=review_id,
        )
    await announce(rel, "placement.add", placement.id)
    return placement


async def update(
    actor: Actor | None, placement_id: int, version: int, data: PlacementInput
) -> ApPlacement:
    found = await ApPlacement.get_or_none(id=placement_id)
    if found is None:
        raise NotFound("Nothing was found with that identifier.")
    rel = await relation_to(actor, found.review_id)
    if not may_read_placements(rel):
        raise NotFound("Nothing was found with that identifier.")
    require(rel.is_host_leader, "Only the host school's leaders keep its AP register.")
    require_state(rel.review, PLACEMENTS_EDITABLE, "change the AP register")
    values = _validated(data)
    async with in_transaction():
        await lock_review(found.review_id, PLACEMENTS_EDITABLE, "change the AP register")
        clash = await ApPlacement.filter(review_id=found.review_id, reference=values["reference"])
        if any(p.id != placement_id for p in clash):
            raise Conflict(
                "A placement with that code is already on the register.", field="reference"
            )
        await update_versioned(ApPlacement, placement_id, version, "placement", **values)
        await audit.record(
            "placement.update",
            actor_id=rel.actor.user_id,
            object_type="ap_placement",
            object_id=placement_id,
            review_id=found.review_id,
        )
    await announce(rel, "placement.update", placement_id)
    return await ApPlacement.get(id=placement_id)


def may_read_placements(rel: ReviewRelation) -> bool:
    return rel.is_host_staff or rel.is_team or rel.is_overseer
