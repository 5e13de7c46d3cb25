"""The report: the lead's whole-school summary and the action plan, published with the review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.transactions import in_transaction

from peerqa import audit
from peerqa.access import Actor, ReviewRelation, relation_to, require
from peerqa.errors import ValidationFailed
from peerqa.lifecycle import CONSENSUS_VISIBLE_TO_HOST, REPORT_EDITABLE
from peerqa.models import ActionItem, Report
from peerqa.screening import check_text, free_text
from peerqa.services.reviews import announce, lock_review, require_state
from peerqa.versioning import update_versioned

TEXT_MAX = 10000
OWNER_MAX = 120
MAX_ACTIONS = 30


@dataclass(frozen=True)
class ReportInput:
    review_id: int
    version: int | None
    summary: str
    strengths: str
    areas_for_development: str
    confirm_no_personal_data: bool = False


@dataclass(frozen=True)
class ActionInput:
    action: str
    owner: str
    due_on: date | None = None


async def save(actor: Actor | None, data: ReportInput) -> Report:
    rel = await relation_to(actor, data.review_id)
    require(rel.is_lead, "Only the lead reviewer writes the report.")
    require_state(rel.review, REPORT_EDITABLE, "edit the report")
    ok = data.confirm_no_personal_data
    values: dict[str, Any] = {
        "summary": free_text(data.summary, "summary", confirmed=ok, limit=TEXT_MAX),
        "strengths": free_text(data.strengths, "strengths", confirmed=ok, limit=TEXT_MAX),
        "areas_for_development": free_text(
            data.areas_for_development, "areasForDevelopment", confirmed=ok, limit=TEXT_MAX
        ),
    }
    async with in_transaction():
        await lock_review(data.review_id, REPORT_EDITABLE, "edit the report")
        report, created = await Report.get_or_create(review_id=data.review_id)
        if created and data.version in (None, 0):
            await Report.filter(id=report.id).update(version=1, **values)
        else:
            if data.version is None:
                raise ValidationFailed("Send the version you edited.", field="version")
            await update_versioned(Report, report.id, data.version, "report", **values)
        await audit.record(
            "report.save",
            actor_id=rel.actor.user_id,
            object_type="report",
            object_id=report.id,
            review_id=data.review_id,
        )
    await announce(rel, "report.save", report.id)
    return await Report.get(id=report.id)


async def set_action_plan(
    actor: Actor | None,
    review_id: int,
    version: int,
    items: list[ActionInput],
    *,
    confirmed: bool = False,
) -> list[ActionItem]:
    """Replace the action plan with these items, in order.

    The plan belongs to the report, so it is saved against the report's version: an edit made
    from another tab meanwhile is a CONFLICT, not silently overwritten.
    """
    rel = await relation_to(actor, review_id)
    require(rel.is_lead, "Only the lead reviewer writes the action plan.")
    require_state(rel.review, REPORT_EDITABLE, "edit the action plan")
    if len(items) > MAX_ACTIONS:
        raise ValidationFailed(f"Keep the plan to {MAX_ACTIONS} actions.", field="items")
    rows = []
    for position, item in enumerate(items):
        action, owner = item.action.strip(), item.owner.strip()
        if not action or len(action) > TEXT_MAX:
            raise ValidationFailed(
                f"Action {position + 1} needs 1 to {TEXT_MAX} characters.", field="items"
            )
        if not owner or len(owner) > OWNER_MAX:
            raise ValidationFailed(f"Action {position + 1} needs an owner (a role).", field="items")
        check_text(action, "items", confirmed=confirmed)
        check_text(owner, "items", confirmed=confirmed)
        rows.append(
            ActionItem(
                review_id=review_id,
                action=action,
                owner=owner,
                due_on=item.due_on,
                position=position,
            )
        )
    async with in_transaction():
        await lock_review(review_id, REPORT_EDITABLE, "edit the action plan")
        report, _ = await Report.get_or_create(review_id=review_id)
        await update_versioned(Report, report.id, version, "report")
        await ActionItem.filter(review_id=review_id).delete()
        await ActionItem.bulk_create(rows)
        await audit.record(
            "report.action_plan",
            actor_id=rel.actor.user_id,
            object_type="review",
            object_id=review_id,
            review_id=review_id,
            detail={"actions": len(rows)},
        )
    await announce(rel, "report.action_plan")
    return list(await ActionItem.filter(review_id=review_id).order_by("position"))


def may_read_report(rel: ReviewRelation) -> bool:
    """As the consensus: the team and overseers, others from the factual-accuracy check on."""
    return rel.is_team or rel.is_overseer or rel.review.state in CONSENSUS_VISIBLE_TO_HOST
