"""A review's snapshot for the plugins: what the team has recorded, with nobody named."""

from __future__ import annotations

from collections import Counter

from peerqa.clock import now
from peerqa.models import (
    ApPlacement,
    EvidenceArea,
    Framework,
    Grade,
    Judgement,
    JudgementEvidence,
    Review,
    TeamMember,
)
from peerqa.models.enums import JudgementKind, TeamRole
from peerqa.scoring.snapshots import (
    AreaSnapshot,
    GradeSnapshot,
    JudgementSnapshot,
    PlacementSnapshot,
    ReviewSnapshot,
    frozen_map,
)
from peerqa.services.reviews import applicable_areas


async def snapshot(review: Review) -> ReviewSnapshot:
    """The review as plugins see it: submitted judgements only, authors as anonymous labels."""
    areas = await applicable_areas(review)
    key_of = {a.id: a.key for a in areas}
    framework = await Framework.get(id=review.framework_id)
    grades = await Grade.filter(framework_id=review.framework_id).order_by("rank")
    grade_key = {g.id: g.key for g in grades}
    tags = await EvidenceArea.filter(evidence__review_id=review.id).values_list(
        "area_id", "evidence__kind"
    )
    evidence: dict[str, Counter[str]] = {}
    for area_id, kind in tags:
        if area_id in key_of:
            evidence.setdefault(key_of[area_id], Counter())[str(kind)] += 1
    # In a fixed order: the snapshot is hashed, and an unordered read may differ run to run.
    judgements = await Judgement.filter(review_id=review.id, submitted_at__isnull=False).order_by(
        "area_id", "kind", "author_id", "id"
    )
    linked: list[int] = await JudgementEvidence.filter(judgement__review_id=review.id).values_list(
        "judgement_id", flat=True
    )  # type: ignore[assignment]
    links = Counter(linked)
    labels = await _labels(review.id)
    placements = await ApPlacement.filter(review_id=review.id).order_by("started_on", "id")
    return ReviewSnapshot(
        id=review.id,
        state=review.state.value,
        framework=framework.key,
        grades=tuple(GradeSnapshot(g.key, g.label, g.rank) for g in grades),
        areas=tuple(AreaSnapshot(a.key, a.name, a.kind.value) for a in areas),
        evidence=frozen_map({k: frozen_map(dict(sorted(v.items()))) for k, v in evidence.items()}),
        judgements=tuple(
            JudgementSnapshot(
                area=key_of[j.area_id],
                kind=j.kind.value,
                author=_author(j, labels),
                grade=grade_key.get(j.grade_id) if j.grade_id else None,
                met=j.met,
                evidence_count=links.get(j.id, 0),
            )
            for j in judgements
            if j.area_id in key_of
        ),
        placements=tuple(
            PlacementSnapshot(
                reference=p.reference,
                registered_provider=p.registered_provider,
                full_time=p.full_time,
                started_on=p.started_on,
                planned_end_on=p.planned_end_on,
                objectives_set=p.objectives_set,
                success_criteria_set=p.success_criteria_set,
                exit_plan=p.exit_plan,
                last_reviewed_on=p.last_reviewed_on,
                outcome=p.outcome.value,
            )
            for p in placements
        ),
        as_of=now().date(),
    )


async def _labels(review_id: int) -> dict[int, str]:
    """``lead`` and ``reviewer-1``, ``reviewer-2`` ... in the order they joined the team."""
    labels: dict[int, str] = {}
    count = 0
    for member in await TeamMember.filter(review_id=review_id).order_by("id"):
        if member.role is TeamRole.LEAD:
            labels[member.user_id] = "lead"
        else:
            count += 1
            labels[member.user_id] = f"reviewer-{count}"
    return labels


def _author(judgement: Judgement, labels: dict[int, str]) -> str:
    if judgement.kind is JudgementKind.SELF_EVALUATION:
        return "host"
    if judgement.kind is JudgementKind.CONSENSUS:
        return "team"
    return labels.get(judgement.author_id, "reviewer")
