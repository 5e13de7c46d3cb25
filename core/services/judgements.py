"""Self-evaluation, independent judgements and the consensus: saving them and who may read them.

Independent judgements are the basis of reliability statistics, so they must be independent:
a team member cannot read a colleague's until they have submitted their own for every area,
and a submitted judgement never changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tortoise.expressions import F
from tortoise.transactions import in_transaction

from peerqa import audit
from peerqa.access import Actor, ReviewRelation, relation_to, require
from peerqa.clock import now
from peerqa.errors import Conflict, IllegalTransition, ValidationFailed
from peerqa.lifecycle import (
    CONSENSUS_OPEN,
    CONSENSUS_VISIBLE_TO_HOST,
    INDEPENDENT_OPEN,
    SELF_EVALUATION_OPEN,
)
from peerqa.models import Area, Evidence, Grade, Judgement, JudgementEvidence
from peerqa.models.enums import AreaKind, JudgementKind, ReviewState
from peerqa.screening import check_text
from peerqa.services.reviews import (
    announce,
    applicable_areas,
    area_by_key,
    is_complete,
    lock_review,
    require_state,
)
from peerqa.versioning import update_versioned

RATIONALE_MAX = 5000
NARRATIVE_MAX = 10000
MAX_EVIDENCE_LINKS = 50


@dataclass(frozen=True)
class JudgementInput:
    review_id: int
    area_key: str
    grade_key: str | None = None
    met: bool | None = None
    narrative: str = ""
    rationale: str = ""
    evidence_ids: tuple[int, ...] = ()
    excellence: bool = False
    checklist: dict[str, bool] = field(default_factory=dict)
    version: int | None = None
    """The version the edit is based on; None only when creating."""
    confirm_no_personal_data: bool = False


async def _values(area: Area, data: JudgementInput) -> dict[str, Any]:
    """Validate the parts of a judgement that fit the area's kind; drafts may be incomplete."""
    values: dict[str, Any] = {"grade_id": None, "met": None, "checklist": {}, "excellence": False}
    if area.kind is AreaKind.GRADED:
        if data.grade_key is not None:
            grade = await Grade.get_or_none(framework_id=area.framework_id, key=data.grade_key)
            if grade is None:
                raise ValidationFailed(f"{data.grade_key!r} is not a grade here.", field="gradeKey")
            values["grade_id"] = grade.id
    elif data.grade_key is not None:
        raise ValidationFailed(f"{area.name} is not graded.", field="gradeKey")
    if area.kind is AreaKind.MET_NOT_MET:
        known = {item["key"] for item in area.checklist}
        unknown = set(data.checklist) - known
        if unknown:
            raise ValidationFailed(
                f"Unknown checklist items: {sorted(unknown)}.", field="checklist"
            )
        if data.met and not all(data.checklist.values()):
            raise ValidationFailed(
                "Safeguarding is not met if any checklist item fails.", field="met"
            )
        values["met"] = data.met
        values["checklist"] = {k: bool(v) for k, v in data.checklist.items()}
    elif data.met is not None:
        raise ValidationFailed(f"{area.name} is not judged met or not met.", field="met")
    if data.excellence and not area.allows_excellence:
        raise ValidationFailed(
            f"{area.name} cannot be nominated for excellence.", field="excellence"
        )
    values["excellence"] = data.excellence
    narrative, rationale = data.narrative.strip(), data.rationale.strip()
    if len(narrative) > NARRATIVE_MAX:
        raise ValidationFailed(f"Use at most {NARRATIVE_MAX} characters.", field="narrative")
    if len(rationale) > RATIONALE_MAX:
        raise ValidationFailed(f"Use at most {RATIONALE_MAX} characters.", field="rationale")
    check_text(narrative, "narrative", confirmed=data.confirm_no_personal_data)
    check_text(rationale, "rationale", confirmed=data.confirm_no_personal_data)
    values["narrative"], values["rationale"] = narrative, rationale
    return values


async def _evidence_ids(review_id: int, ids: tuple[int, ...]) -> list[int]:
    unique = list(dict.fromkeys(ids))
    if len(unique) > MAX_EVIDENCE_LINKS:
        raise ValidationFailed(
            f"Link at most {MAX_EVIDENCE_LINKS} pieces of evidence.", field="evidenceIds"
        )
    found = await Evidence.filter(review_id=review_id, id__in=unique).values_list("id", flat=True)
    if len(found) != len(unique):
        raise ValidationFailed("Some evidence is not part of this review.", field="evidenceIds")
    return unique


async def _save(
    rel: ReviewRelation,
    data: JudgementInput,
    kind: JudgementKind,
    states: frozenset[ReviewState],
    doing: str,
) -> Judgement:
    """Create or edit one judgement; the state and any existing row are read under the lock."""
    require_state(rel.review, states, doing)
    area = await area_by_key(rel.review, data.area_key)
    values = await _values(area, data)
    evidence = await _evidence_ids(rel.review.id, data.evidence_ids)
    if kind is JudgementKind.CONSENSUS:
        values["submitted_at"] = now()
    mine: dict[str, Any] = (
        {"author_id": rel.actor.user_id} if kind is JudgementKind.INDEPENDENT else {}
    )
    async with in_transaction():
        await lock_review(rel.review.id, states, doing)
        existing = await Judgement.get_or_none(
            review_id=rel.review.id, area_id=area.id, kind=kind, **mine
        )
        if existing is None:
            if data.version not in (None, 0):
                raise Conflict("This judgement no longer exists; reload the page.", field="version")
            judgement = await Judgement.create(
                review_id=rel.review.id, area=area, kind=kind, author_id=rel.actor.user_id, **values
            )
            before: dict[str, Any] = {}
        else:
            if kind is JudgementKind.INDEPENDENT and existing.submitted_at is not None:
                raise IllegalTransition(
                    "You have submitted your independent judgements; they are final."
                )
            if data.version is None:
                raise Conflict(
                    "A judgement for this area already exists; send its version to edit it.",
                    field="version",
                )
            before = _snapshot(existing)
            # A submitted independent judgement never changes, even under a race with submit.
            final = {"submitted_at__isnull": True} if kind is JudgementKind.INDEPENDENT else {}
            await update_versioned(
                Judgement, existing.id, data.version, "judgement", only_if=final, **values
            )
            judgement = await Judgement.get(id=existing.id)
        await JudgementEvidence.filter(judgement_id=judgement.id).delete()
        await JudgementEvidence.bulk_create(
            [JudgementEvidence(judgement_id=judgement.id, evidence_id=e) for e in evidence]
        )
        await audit.record(
            f"judgement.{kind.value}.save",
            actor_id=rel.actor.user_id,
            object_type="judgement",
            object_id=judgement.id,
            review_id=rel.review.id,
            detail={"area": area.key, "before": before, "after": _snapshot(judgement)},
        )
    await announce(rel, f"judgement.{kind.value}", judgement.id)
    return judgement


def _snapshot(j: Judgement) -> dict[str, Any]:
    return {
        "grade_id": j.grade_id,
        "met": j.met,
        "excellence": j.excellence,
        "narrative_chars": len(j.narrative),
        "rationale_chars": len(j.rationale),
        "version": j.version,
    }


async def save_self_evaluation(actor: Actor | None, data: JudgementInput) -> Judgement:
    """The host's own judgement of an area, with commentary (narrative in enquiry mode)."""
    rel = await relation_to(actor, data.review_id)
    require(rel.is_host_leader, "Only the host school's leaders can write the self-evaluation.")
    return await _save(
        rel, data, JudgementKind.SELF_EVALUATION, SELF_EVALUATION_OPEN, "edit the self-evaluation"
    )


async def save_independent(actor: Actor | None, data: JudgementInput) -> Judgement:
    """A team member's own provisional judgement of an area, before seeing anyone else's."""
    rel = await relation_to(actor, data.review_id)
    require(rel.is_team, "Only members of the review team record independent judgements.")
    return await _save(
        rel, data, JudgementKind.INDEPENDENT, INDEPENDENT_OPEN, "record an independent judgement"
    )


async def submit_independent(actor: Actor | None, review_id: int) -> list[Judgement]:
    """Submit all of one's independent judgements; then colleagues' become readable."""
    rel = await relation_to(actor, review_id)
    require(rel.is_team, "Only members of the review team record independent judgements.")
    doing = "submit independent judgements"
    require_state(rel.review, INDEPENDENT_OPEN, doing)
    areas = await applicable_areas(rel.review)
    async with in_transaction():
        await lock_review(review_id, INDEPENDENT_OPEN, doing)
        mine = {
            j.area_id: j
            for j in await Judgement.filter(
                review_id=review_id, kind=JudgementKind.INDEPENDENT, author_id=rel.actor.user_id
            )
        }
        if any(j.submitted_at is not None for j in mine.values()):
            raise IllegalTransition("You have already submitted your independent judgements.")
        missing = [a.name for a in areas if a.id not in mine or not is_complete(a, mine[a.id])]
        if missing:
            raise ValidationFailed(
                "Complete every area before submitting: " + ", ".join(missing) + "."
            )
        ids = [j.id for j in mine.values()]
        await Judgement.filter(id__in=ids, submitted_at__isnull=True).update(
            submitted_at=now(), version=F("version") + 1
        )
        await audit.record(
            "judgement.independent.submit",
            actor_id=rel.actor.user_id,
            object_type="review",
            object_id=review_id,
            review_id=review_id,
            detail={"areas": len(mine)},
        )
    await announce(rel, "judgement.independent.submit")
    return list(await Judgement.filter(id__in=ids))


async def save_consensus(actor: Actor | None, data: JudgementInput) -> Judgement:
    """The lead records the team's agreed judgement of an area."""
    rel = await relation_to(actor, data.review_id)
    require(rel.is_lead, "Only the lead reviewer records the consensus.")
    return await _save(rel, data, JudgementKind.CONSENSUS, CONSENSUS_OPEN, "record the consensus")


def readable_judgements(
    rel: ReviewRelation, kind: JudgementKind, review_judgements: list[Judgement]
) -> list[Judgement]:
    """Filter all of one review's judgements down to those of ``kind`` the actor may read.

    Pure, so a list of reviews can load their judgements in one query and filter each here.
    """
    of_kind = [j for j in review_judgements if j.kind is kind]
    if kind is JudgementKind.SELF_EVALUATION:
        allowed = may_read_self_evaluation(rel)
    elif kind is JudgementKind.INDEPENDENT:
        return _readable_independent(rel, of_kind)
    else:
        allowed = may_read_consensus(rel)
    return of_kind if allowed else []


def may_read_self_evaluation(rel: ReviewRelation) -> bool:
    return rel.is_overseer or rel.is_team or rel.is_host_staff


def may_read_consensus(rel: ReviewRelation) -> bool:
    """The consensus (and the moderated grades): the team and overseers always; anyone else who
    can see the review (host staff; governors and the public only once published) from the
    factual-accuracy check."""
    return rel.is_overseer or rel.is_team or rel.review.state in CONSENSUS_VISIBLE_TO_HOST


def _readable_independent(rel: ReviewRelation, independent: list[Judgement]) -> list[Judgement]:
    """Overseers: every submitted one. A team member: their own, and colleagues' submitted ones
    only once they have submitted their own. Nobody else."""
    if rel.is_overseer:
        return [j for j in independent if j.submitted_at is not None]
    if not rel.is_team:
        return []
    if not has_submitted(independent, rel.actor.user_id):
        return [j for j in independent if j.author_id == rel.actor.user_id]
    return [j for j in independent if j.author_id == rel.actor.user_id or j.submitted_at]


def has_submitted(review_judgements: list[Judgement], user_id: int) -> bool:
    """Whether the user has submitted their independent judgements (from a review's rows)."""
    return any(
        j.kind is JudgementKind.INDEPENDENT and j.author_id == user_id and j.submitted_at
        for j in review_judgements
    )


def final_by_area(review_judgements: list[Judgement]) -> list[tuple[Judgement, Judgement]]:
    """Each area's consensus and its final judgement: the moderated one where moderation (or an
    appeal) settled one, else the consensus itself. Pure, for a review's loaded rows."""
    moderated = {j.area_id: j for j in review_judgements if j.kind is JudgementKind.MODERATED}
    return [
        (j, moderated.get(j.area_id, j))
        for j in review_judgements
        if j.kind is JudgementKind.CONSENSUS
    ]
