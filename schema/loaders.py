"""Per-request DataLoaders: each batches one kind of lookup into a single query.

Loaders fetch by key without access checks, so they are only used to resolve relations of an
object the caller was already allowed to see (a school's trust, a framework's areas).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from strawberry.dataloader import DataLoader

from peerqa.access import ReviewRelation
from peerqa.models import (
    ActionItem,
    Appeal,
    ApPlacement,
    Area,
    AuditEvent,
    Concern,
    ConcernAction,
    ContextSnapshot,
    DutyConsultation,
    EvidenceArea,
    FactualAccuracyPoint,
    Framework,
    Grade,
    GradeDescriptor,
    Judgement,
    JudgementEvidence,
    Moderation,
    Partnership,
    PartnershipMember,
    PluginResult,
    Report,
    Review,
    School,
    SchoolLink,
    SchoolRole,
    TeamMember,
    Trust,
    User,
)
from peerqa.services import indicators, reviews


async def _trusts(ids: Sequence[int]) -> list[Trust | None]:
    rows = await Trust.in_bulk(list(set(ids)), "id")
    return [rows.get(i) for i in ids]


async def _schools(urns: Sequence[int]) -> list[School | None]:
    rows = await School.in_bulk(list(set(urns)), "urn")
    return [rows.get(u) for u in urns]


async def _member_urns(partnership_ids: Sequence[int]) -> list[list[int]]:
    grouped: dict[int, list[int]] = defaultdict(list)
    rows = (
        await PartnershipMember.filter(partnership_id__in=list(set(partnership_ids)))
        .order_by("school_id")
        .values_list("partnership_id", "school_id")
    )
    for partnership_id, urn in rows:
        grouped[int(partnership_id)].append(int(urn))
    return [grouped[i] for i in partnership_ids]


async def _areas(framework_ids: Sequence[int]) -> list[list[Area]]:
    grouped: dict[int, list[Area]] = defaultdict(list)
    for area in await Area.filter(framework_id__in=list(set(framework_ids))).order_by("position"):
        grouped[area.framework_id].append(area)
    return [grouped[i] for i in framework_ids]


async def _grades(framework_ids: Sequence[int]) -> list[list[Grade]]:
    grouped: dict[int, list[Grade]] = defaultdict(list)
    for grade in await Grade.filter(framework_id__in=list(set(framework_ids))).order_by("rank"):
        grouped[grade.framework_id].append(grade)
    return [grouped[i] for i in framework_ids]


async def _descriptors(area_ids: Sequence[int]) -> list[list[GradeDescriptor]]:
    grouped: dict[int, list[GradeDescriptor]] = defaultdict(list)
    rows = await GradeDescriptor.filter(area_id__in=list(set(area_ids))).select_related("grade")
    for descriptor in sorted(rows, key=lambda d: d.grade.rank):
        grouped[descriptor.area_id].append(descriptor)
    return [grouped[i] for i in area_ids]


async def _frameworks(ids: Sequence[int]) -> list[Framework | None]:
    rows = await Framework.in_bulk(list(set(ids)), "id")
    return [rows.get(i) for i in ids]


async def _school_roles(user_ids: Sequence[int]) -> list[list[SchoolRole]]:
    grouped: dict[int, list[SchoolRole]] = defaultdict(list)
    rows = await SchoolRole.filter(user_id__in=list(set(user_ids))).order_by("school_id", "role")
    for row in rows:
        grouped[row.user_id].append(row)
    return [grouped[i] for i in user_ids]


async def _areas_by_id(ids: Sequence[int]) -> list[Area | None]:
    rows = await Area.in_bulk(list(set(ids)), "id")
    return [rows.get(i) for i in ids]


async def _grades_by_id(ids: Sequence[int]) -> list[Grade | None]:
    rows = await Grade.in_bulk(list(set(ids)), "id")
    return [rows.get(i) for i in ids]


async def _users(ids: Sequence[int]) -> list[User | None]:
    rows = await User.in_bulk(list(set(ids)), "id")
    return [rows.get(i) for i in ids]


async def _partnerships(ids: Sequence[int]) -> list[Partnership | None]:
    rows = await Partnership.in_bulk(list(set(ids)), "id")
    return [rows.get(i) for i in ids]


async def _team(review_ids: Sequence[int]) -> list[list[TeamMember]]:
    grouped: dict[int, list[TeamMember]] = defaultdict(list)
    rows = await TeamMember.filter(review_id__in=list(set(review_ids))).order_by("role", "id")
    for row in rows:
        grouped[row.review_id].append(row)
    return [grouped[i] for i in review_ids]


async def _evidence_areas(evidence_ids: Sequence[int]) -> list[list[int]]:
    grouped: dict[int, list[int]] = defaultdict(list)
    rows = await EvidenceArea.filter(evidence_id__in=list(set(evidence_ids))).values_list(
        "evidence_id", "area_id"
    )
    for evidence_id, area_id in rows:
        grouped[int(evidence_id)].append(int(area_id))
    return [grouped[i] for i in evidence_ids]


async def _judgement_evidence(judgement_ids: Sequence[int]) -> list[list[int]]:
    grouped: dict[int, list[int]] = defaultdict(list)
    rows = await JudgementEvidence.filter(judgement_id__in=list(set(judgement_ids))).values_list(
        "judgement_id", "evidence_id"
    )
    for judgement_id, evidence_id in rows:
        grouped[int(judgement_id)].append(int(evidence_id))
    return [grouped[i] for i in judgement_ids]


async def _concern_actions(concern_ids: Sequence[int]) -> list[list[ConcernAction]]:
    grouped: dict[int, list[ConcernAction]] = defaultdict(list)
    for row in await ConcernAction.filter(concern_id__in=list(set(concern_ids))).order_by("at"):
        grouped[row.concern_id].append(row)
    return [grouped[i] for i in concern_ids]


def _grouped_by_review(model: Any, order: tuple[str, ...]) -> Any:
    """A batch function: every row of ``model`` for each review id, in ``order``."""

    async def load(review_ids: Sequence[int]) -> list[list[Any]]:
        grouped: dict[int, list[Any]] = defaultdict(list)
        for row in await model.filter(review_id__in=list(set(review_ids))).order_by(*order):
            grouped[row.review_id].append(row)
        return [grouped[i] for i in review_ids]

    return load


async def _context(urns: Sequence[int]) -> list[list[ContextSnapshot]]:
    grouped: dict[int, list[ContextSnapshot]] = defaultdict(list)
    rows = (
        await ContextSnapshot.filter(urn__in=list(set(urns)))
        .order_by("-year")
        .prefetch_related("values")
    )
    for row in rows:
        grouped[row.urn].append(row)
    return [grouped[u] for u in urns]


async def _links(urns: Sequence[int]) -> list[list[SchoolLink]]:
    grouped: dict[int, list[SchoolLink]] = defaultdict(list)
    for row in await SchoolLink.filter(urn__in=list(set(urns))):
        grouped[row.urn].append(row)
    for links in grouped.values():
        # Sorted here, not in SQL: SQLite and PostgreSQL place nulls differently.
        links.sort(key=lambda k: (k.established_on is None, k.established_on, k.linked_urn))
    return [grouped[u] for u in urns]


async def _reviews(ids: Sequence[int]) -> list[Review | None]:
    rows = await Review.in_bulk(list(set(ids)), "id")
    return [rows.get(i) for i in ids]


async def _reports(review_ids: Sequence[int]) -> list[Report | None]:
    rows = await Report.in_bulk(list(set(review_ids)), "review_id")
    return [rows.get(i) for i in review_ids]


@dataclass
class Loaders:
    school_results: DataLoader[int, list[PluginResult]] = field(
        default_factory=lambda: DataLoader(partial(indicators.results, "school"))
    )
    review_results: DataLoader[int, list[PluginResult]] = field(
        default_factory=lambda: DataLoader(partial(indicators.results, "review"))
    )
    trust: DataLoader[int, Trust | None] = field(default_factory=lambda: DataLoader(_trusts))
    school: DataLoader[int, School | None] = field(default_factory=lambda: DataLoader(_schools))
    member_urns: DataLoader[int, list[int]] = field(
        default_factory=lambda: DataLoader(_member_urns)
    )
    areas: DataLoader[int, list[Area]] = field(default_factory=lambda: DataLoader(_areas))
    grades: DataLoader[int, list[Grade]] = field(default_factory=lambda: DataLoader(_grades))
    descriptors: DataLoader[int, list[GradeDescriptor]] = field(
        default_factory=lambda: DataLoader(_descriptors)
    )
    framework: DataLoader[int, Framework | None] = field(
        default_factory=lambda: DataLoader(_frameworks)
    )
    school_roles: DataLoader[int, list[SchoolRole]] = field(
        default_factory=lambda: DataLoader(_school_roles)
    )
    area_by_id: DataLoader[int, Area | None] = field(
        default_factory=partial(DataLoader, _areas_by_id)
    )
    grade_by_id: DataLoader[int, Grade | None] = field(
        default_factory=partial(DataLoader, _grades_by_id)
    )
    user: DataLoader[int, User | None] = field(default_factory=partial(DataLoader, _users))
    partnership: DataLoader[int, Partnership | None] = field(
        default_factory=partial(DataLoader, _partnerships)
    )
    team: DataLoader[int, list[TeamMember]] = field(default_factory=partial(DataLoader, _team))
    evidence_areas: DataLoader[int, list[int]] = field(
        default_factory=partial(DataLoader, _evidence_areas)
    )
    judgement_evidence: DataLoader[int, list[int]] = field(
        default_factory=partial(DataLoader, _judgement_evidence)
    )
    concern_actions: DataLoader[int, list[ConcernAction]] = field(
        default_factory=partial(DataLoader, _concern_actions)
    )
    judgements: DataLoader[int, list[Judgement]] = field(
        default_factory=lambda: DataLoader(_grouped_by_review(Judgement, ("area_id", "author_id")))
    )
    placements: DataLoader[int, list[ApPlacement]] = field(
        default_factory=lambda: DataLoader(_grouped_by_review(ApPlacement, ("started_on", "id")))
    )
    concerns: DataLoader[int, list[Concern]] = field(
        default_factory=lambda: DataLoader(_grouped_by_review(Concern, ("-raised_at", "-id")))
    )
    action_items: DataLoader[int, list[ActionItem]] = field(
        default_factory=lambda: DataLoader(_grouped_by_review(ActionItem, ("position", "id")))
    )
    report: DataLoader[int, Report | None] = field(default_factory=lambda: DataLoader(_reports))
    review: DataLoader[int, Review | None] = field(default_factory=lambda: DataLoader(_reviews))
    moderations: DataLoader[int, list[Moderation]] = field(
        default_factory=lambda: DataLoader(_grouped_by_review(Moderation, ("round",)))
    )
    consultations: DataLoader[int, list[DutyConsultation]] = field(
        default_factory=lambda: DataLoader(
            _grouped_by_review(DutyConsultation, ("requested_at", "id"))
        )
    )
    factual_points: DataLoader[int, list[FactualAccuracyPoint]] = field(
        default_factory=lambda: DataLoader(
            _grouped_by_review(FactualAccuracyPoint, ("raised_at", "id"))
        )
    )
    appeals: DataLoader[int, list[Appeal]] = field(
        default_factory=lambda: DataLoader(_grouped_by_review(Appeal, ("lodged_at", "id")))
    )
    context: DataLoader[int, list[ContextSnapshot]] = field(
        default_factory=lambda: DataLoader(_context)
    )
    links: DataLoader[int, list[SchoolLink]] = field(default_factory=lambda: DataLoader(_links))
    timeline: DataLoader[int, list[AuditEvent]] = field(
        default_factory=lambda: DataLoader(reviews.timelines)
    )
    relations: dict[int, ReviewRelation] = field(default_factory=dict)
    """Per-request cache of the actor's relation to each review."""
