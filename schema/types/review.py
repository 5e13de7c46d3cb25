"""GraphQL types for a review and its team. What a caller sees inside a review follows their
relation to it (``peerqa.access.ReviewRelation``): fields they may not read are empty or null."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import strawberry
from strawberry import relay

from peerqa import access, conflicts, models
from peerqa.models.enums import InvitationStatus as InvitationStatusModel
from peerqa.models.enums import JudgementKind as Kind
from peerqa.models.enums import ReviewState as ReviewStateModel
from peerqa.schema.context import Info
from peerqa.schema.enums import InvitationStatus, ReviewState, TeamRole
from peerqa.schema.pagination import Connection, paginate
from peerqa.schema.relations import relation_for
from peerqa.schema.types import scoring
from peerqa.schema.types.concern import ConcernType
from peerqa.schema.types.framework import AreaType, FrameworkType
from peerqa.schema.types.judgement import JudgementType
from peerqa.schema.types.moderation import (
    AppealType,
    DutyConsultationType,
    FactualAccuracyPointType,
    ModerationRoundType,
)
from peerqa.schema.types.nodes import resolve_visible
from peerqa.schema.types.partnership import PartnershipType
from peerqa.schema.types.people import PersonType, person, school
from peerqa.schema.types.report import ReportType, build_report
from peerqa.schema.types.school import SchoolType
from peerqa.schema.types.scoring import Flag, Indicator, ModerationRisk
from peerqa.schema.types.work import ApPlacementType, EvidenceType
from peerqa.services import (
    appeals,
    concerns,
    consultations,
    evidence,
    factual_accuracy,
    indicators,
    judgements,
    moderation,
    placements,
    reviews,
)
from peerqa.services import report as reports


@strawberry.type(name="TeamMember", description="A lead reviewer or reviewer and their answer.")
class TeamMemberType:
    role: TeamRole
    status: InvitationStatus
    invited_at: datetime
    responded_at: datetime | None
    model: strawberry.Private[models.TeamMember]

    @strawberry.field
    async def person(self, info: Info) -> PersonType | None:
        return await person(info, self.model.user_id)

    @strawberry.field(description="The school they lead, which conflict rules look at.")
    async def school(self, info: Info) -> SchoolType | None:
        return await school(info, self.model.school_id)

    @classmethod
    def from_model(cls, m: models.TeamMember) -> TeamMemberType:
        return cls(
            role=m.role,
            status=m.status,
            invited_at=m.invited_at,
            responded_at=m.responded_at,
            model=m,
        )


@strawberry.type(
    name="TimelineEntry",
    description="One step in a review's life: opened, or moved from one state to another.",
)
class TimelineEntry:
    at: datetime
    step: str = strawberry.field(description="e.g. `create`, `submit`, `select`, `publish`.")
    from_state: ReviewState | None
    to_state: ReviewState | None
    actor_id: strawberry.Private[int | None]
    shows_actor: strawberry.Private[bool]

    @strawberry.field(
        description="Who took the step (the team and moderators see it); null for peerqa's own "
        "steps and for everyone else."
    )
    async def actor(self, info: Info) -> PersonType | None:
        return await person(info, self.actor_id) if self.shows_actor else None


def _timeline_entry(event: models.AuditEvent, shows_actor: bool) -> TimelineEntry:
    before, after = event.detail.get("before"), event.detail.get("after")
    return TimelineEntry(
        at=event.at,
        step=event.action.removeprefix("review."),
        from_state=ReviewStateModel(before) if isinstance(before, str) else None,
        to_state=ReviewStateModel(after) if isinstance(after, str) else ReviewStateModel.DRAFT,
        # (only review.create has no "after": a review starts as a draft)
        actor_id=event.actor_id,
        shows_actor=shows_actor,
    )


@strawberry.type(
    name="ReviewAccess",
    description="How the caller stands to the review, so a client can offer the right actions.",
)
class ReviewAccess:
    is_host_leader: bool
    is_host_head: bool = strawberry.field(
        description="The host headteacher, who alone publishes, withdraws and appeals."
    )
    is_host_staff: bool
    is_lead: bool
    is_team: bool
    is_invited: bool
    is_moderator: bool
    has_submitted_independent: bool


@strawberry.type(
    name="Review",
    description="One peer review of a host school. Visible to admins, moderators, the host "
    "school's staff and the review team; once published, to the host's governors when the "
    "partnership shares reports with them, and to everyone when it publishes them.",
)
class ReviewType(relay.Node):
    review_pk: relay.NodeID[int]
    title: str
    state: ReviewState
    focus: str
    enquiry_question: str
    visit_starts_on: date | None
    visit_ends_on: date | None
    created_at: datetime
    published_at: datetime | None
    version: int = strawberry.field(description="Send back with edits; a stale one is a CONFLICT.")
    model: strawberry.Private[models.Review]

    @strawberry.field(description="The school being reviewed.")
    async def host_school(self, info: Info) -> SchoolType | None:
        return await school(info, self.model.host_school_id)

    @strawberry.field(description="The partnership it belongs to.")
    async def partnership(self, info: Info) -> PartnershipType | None:
        found = await info.context.loaders.partnership.load(self.model.partnership_id)
        return PartnershipType.from_model(found) if found else None

    @strawberry.field(description="The framework version the review uses.")
    async def framework(self, info: Info) -> FrameworkType | None:
        framework = await info.context.loaders.framework.load(self.model.framework_id)
        return FrameworkType.from_model(framework) if framework else None

    @strawberry.field(description="The framework's areas that apply to this host school.")
    async def areas(self, info: Info) -> list[AreaType]:
        host = await info.context.loaders.school.load(self.model.host_school_id)
        areas = await info.context.loaders.areas.load(self.model.framework_id)
        return [AreaType.from_model(a) for a in areas if host and reviews.applies_to(a, host)]

    @strawberry.field(
        description="The host's designated safeguarding lead (host, team, moderators)."
    )
    async def dsl_name(self, info: Info) -> str | None:
        rel = await relation_for(info, self.model)
        return self.model.dsl_name if _inside(rel) else None

    @strawberry.field(description="The host's deputy DSL (host, team, moderators).")
    async def deputy_dsl_name(self, info: Info) -> str | None:
        rel = await relation_for(info, self.model)
        return self.model.deputy_dsl_name if _inside(rel) else None

    @strawberry.field(
        description="Its life so far, oldest first: when it was opened and each change of "
        "state, from the audit trail."
    )
    async def timeline(self, info: Info) -> list[TimelineEntry]:
        rel = await relation_for(info, self.model)
        events = await info.context.loaders.timeline.load(self.model.id)
        readable, shows_actor = reviews.readable_timeline(rel, events)
        return [_timeline_entry(e, shows_actor) for e in readable]

    @strawberry.field(description="The caller's relation to this review.")
    async def access(self, info: Info) -> ReviewAccess:
        rel = await relation_for(info, self.model)
        rows = await info.context.loaders.judgements.load(self.model.id)
        submitted = rel.is_team and judgements.has_submitted(rows, rel.actor.user_id)
        return ReviewAccess(
            is_host_leader=rel.is_host_leader,
            is_host_head=rel.is_host_head,
            is_host_staff=rel.is_host_staff,
            is_lead=rel.is_lead,
            is_team=rel.is_team,
            is_invited=rel.invited,
            is_moderator=rel.is_overseer,
            has_submitted_independent=submitted,
        )

    @strawberry.field(
        description="The team. Those working on the review see every invitation and answer; "
        "anyone else who can see it (after publication) sees only the accepted members."
    )
    async def team(self, info: Info) -> list[TeamMemberType]:
        rows = await info.context.loaders.team.load(self.model.id)
        if not _inside(await relation_for(info, self.model)):
            rows = [m for m in rows if m.status is InvitationStatusModel.ACCEPTED]
        return [TeamMemberType.from_model(m) for m in rows]

    @strawberry.field(
        description="Warnings about the team, e.g. no reviewer from the host's phase (host, team)."
    )
    async def team_warnings(self, info: Info) -> list[str]:
        rel = await relation_for(info, self.model)
        if not _inside(rel):
            return []
        loaders = info.context.loaders
        host = await loaders.school.load(self.model.host_school_id)
        active = (InvitationStatusModel.INVITED, InvitationStatusModel.ACCEPTED)
        urns = [m.school_id for m in await loaders.team.load(self.model.id) if m.status in active]
        schools = [s for s in await loaders.school.load_many([u for u in urns if u]) if s]
        warning = conflicts.phase_warning_for(host, schools) if host else None
        return [warning] if warning else []

    @strawberry.field(description="The host's self-evaluation (host staff, team, moderators).")
    async def self_evaluation(self, info: Info) -> list[JudgementType]:
        return await _judgements(info, self.model, Kind.SELF_EVALUATION)

    @strawberry.field(
        description="Independent judgements the caller may read: their own; colleagues' only "
        "after submitting their own; moderators see submitted ones. Nobody else."
    )
    async def independent_judgements(self, info: Info) -> list[JudgementType]:
        return await _judgements(info, self.model, Kind.INDEPENDENT)

    @strawberry.field(description="The team's consensus (host from the factual-accuracy check).")
    async def consensus(self, info: Info) -> list[JudgementType]:
        return await _judgements(info, self.model, Kind.CONSENSUS)

    @strawberry.field(
        description="The moderated grades: the consensus as confirmed or adjusted by the "
        "moderator, and changed on appeal. Read as the consensus; empty unless moderated."
    )
    async def moderated(self, info: Info) -> list[JudgementType]:
        return await _judgements(info, self.model, Kind.MODERATED)

    @strawberry.field(
        description="Each submission's sampling decision and outcome, first round first. "
        "Moderators and admins: all, with why each was (not) selected. The team: decided "
        "outcomes. The host's staff: decided outcomes once the review is assured."
    )
    async def moderation(self, info: Info) -> list[ModerationRoundType]:
        rel = await relation_for(info, self.model)
        rows = await info.context.loaders.moderations.load(self.model.id)
        return [
            ModerationRoundType.build(m, self.model)
            for m in rows
            if moderation.may_read_round(rel, m)
        ]

    @strawberry.field(description="Questions to the duty moderator and answers (team, overseers).")
    async def consultations(self, info: Info) -> list[DutyConsultationType]:
        if not consultations.may_read(await relation_for(info, self.model)):
            return []
        rows = await info.context.loaders.consultations.load(self.model.id)
        return [DutyConsultationType.from_model(c) for c in rows]

    @strawberry.field(
        description="When the host's window to raise factual-accuracy points closes (host "
        "staff, team, overseers); null before assurance."
    )
    async def factual_accuracy_closes_at(self, info: Info) -> datetime | None:
        if not factual_accuracy.may_read(await relation_for(info, self.model)):
            return None
        return self.model.factual_accuracy_closes_at

    @strawberry.field(
        description="Factual-accuracy points and answers (host staff, team, overseers)."
    )
    async def factual_accuracy_points(self, info: Info) -> list[FactualAccuracyPointType]:
        if not factual_accuracy.may_read(await relation_for(info, self.model)):
            return []
        rows = await info.context.loaders.factual_points.load(self.model.id)
        return [FactualAccuracyPointType.from_model(p) for p in rows]

    @strawberry.field(description="Appeals and their outcomes (host staff, team, overseers).")
    async def appeals(self, info: Info) -> list[AppealType]:
        if not appeals.may_read(await relation_for(info, self.model)):
            return []
        rows = await info.context.loaders.appeals.load(self.model.id)
        return [AppealType.from_model(a) for a in rows]

    @strawberry.field(
        description="Evidence (team and moderators), oldest first, optionally for one area. "
        "`first` is 1 to 100 (default 20)."
    )
    async def evidence(
        self,
        info: Info,
        area_key: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[EvidenceType]:
        query = evidence.visible_evidence(await relation_for(info, self.model))
        if area_key:
            query = query.filter(area_tags__area__key=area_key[:64]).distinct()
        return await paginate(query, first, after, EvidenceType.from_model)  # type: ignore[no-any-return]

    @strawberry.field(description="The AP placement register (host staff, team, moderators).")
    async def ap_placements(self, info: Info) -> list[ApPlacementType]:
        rel = await relation_for(info, self.model)
        if not placements.may_read_placements(rel):
            return []
        rows = await info.context.loaders.placements.load(self.model.id)
        return [ApPlacementType.from_model(p) for p in rows]

    @strawberry.field(
        description="What the scoring plugins say about the review and its host: indicators "
        "explained with their comparison groups (moderators; the team once independent "
        "judgements close; the host with the consensus). Empty to anyone else."
    )
    async def indicators(self, info: Info) -> list[Indicator]:
        if not indicators.may_read_review_results(await relation_for(info, self.model)):
            return []
        rows = await info.context.loaders.review_results.load(self.model.id)
        return scoring.indicators(indicators.current(rows, info.context.settings.plugins_disabled))

    @strawberry.field(
        description="Flags the scoring plugins raised (e.g. an AP placement with no exit plan), "
        "each with its rule and evidence. Read as `indicators`."
    )
    async def flags(self, info: Info) -> list[Flag]:
        if not indicators.may_read_review_results(await relation_for(info, self.model)):
            return []
        rows = await info.context.loaders.review_results.load(self.model.id)
        return scoring.flags(indicators.current(rows, info.context.settings.plugins_disabled))

    @strawberry.field(
        description="The plugins' reasons this review should be moderated (moderators and "
        "admins; empty to anyone else)."
    )
    async def moderation_risks(self, info: Info) -> list[ModerationRisk]:
        if not indicators.may_read_moderation_risks(await relation_for(info, self.model)):
            return []
        rows = await info.context.loaders.review_results.load(self.model.id)
        disabled = info.context.settings.plugins_disabled
        return scoring.moderation_risks(indicators.current(rows, disabled))

    @strawberry.field(description="Safeguarding concerns the caller may read (reads are audited).")
    async def concerns(self, info: Info) -> list[ConcernType]:
        rel = await relation_for(info, self.model)
        rows = await info.context.loaders.concerns.load(self.model.id)
        return [ConcernType.from_model(c) for c in rows if concerns.may_read(rel, c)]

    @strawberry.field(
        description="The report, visible with the consensus (null to anyone else); empty parts "
        "until the lead writes them."
    )
    async def report(self, info: Info) -> ReportType | None:
        rel = await relation_for(info, self.model)
        if not reports.may_read_report(rel):
            return None
        return await build_report(self.model.id, info.context.loaders)

    @classmethod
    def from_model(cls, r: models.Review) -> ReviewType:
        return cls(
            review_pk=r.id,
            title=r.title,
            state=r.state,
            focus=r.focus,
            enquiry_question=r.enquiry_question,
            visit_starts_on=r.visit_starts_on,
            visit_ends_on=r.visit_ends_on,
            created_at=r.created_at,
            published_at=r.published_at,
            version=r.version,
            model=r,
        )

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        visible = access.visible_reviews(info.context.actor)
        return await resolve_visible(node_ids, visible, "id", cls.from_model)


def _inside(rel: access.ReviewRelation) -> bool:
    """The host school's staff, the team and overseers: those who work on the review."""
    return rel.is_host_staff or rel.is_team or rel.invited or rel.is_overseer


async def _judgements(info: Info, review: models.Review, kind: Kind) -> list[JudgementType]:
    rel = await relation_for(info, review)
    rows = await info.context.loaders.judgements.load(review.id)
    return [JudgementType.from_model(j) for j in judgements.readable_judgements(rel, kind, rows)]
