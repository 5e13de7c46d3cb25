"""Mutations for the work inside a review: judgements, evidence, AP register, concerns, report."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import strawberry

from peerqa.models.enums import EvidenceKind, PlacementOutcome
from peerqa.schema.context import Info
from peerqa.schema.errors import UserError
from peerqa.schema.ids import decode
from peerqa.schema.loaders import Loaders
from peerqa.schema.mutations.common import attempt
from peerqa.schema.permissions import signed_in
from peerqa.schema.types.concern import ConcernType
from peerqa.schema.types.judgement import JudgementType
from peerqa.schema.types.report import ReportType, build_report
from peerqa.schema.types.work import ApPlacementType, EvidenceType
from peerqa.services import concerns, evidence, judgements, placements, report
from peerqa.services.concerns import ABOUT_HEADTEACHER_ROUTE, STATUTORY_ROUTE

CONFIRM_DESCRIPTION = (
    "Set true to save text that the personal-data check flagged, once you are sure it names no "
    "pupil (e.g. a staff member's name)."
)


@strawberry.input(description="An answer to one item of the safeguarding audit checklist.")
class ChecklistAnswerInput:
    key: str
    checked: bool


@strawberry.input(
    description="A judgement of one area. Graded areas take gradeKey; met / not met areas take "
    "met and checklist; enquiry areas take narrative. Drafts may be incomplete."
)
class JudgementInput:
    review_id: strawberry.ID
    area_key: str
    version: int | None = strawberry.field(
        default=None, description="The version edited; omit only when creating."
    )
    grade_key: str | None = None
    met: bool | None = None
    checklist: list[ChecklistAnswerInput] = strawberry.field(default_factory=list)
    excellence: bool = strawberry.field(default=False, description="Nominate for excellence.")
    narrative: str = strawberry.field(default="", description="At most 10000 characters.")
    rationale: str = strawberry.field(default="", description="At most 5000 characters.")
    evidence_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Global IDs of evidence; at most 50."
    )
    confirm_no_personal_data: bool = strawberry.field(
        default=False, description=CONFIRM_DESCRIPTION
    )

    def to_service(self) -> judgements.JudgementInput:
        if len(self.checklist) > 50 or len(self.evidence_ids) > 50:  # noqa: PLR2004
            from peerqa.errors import ValidationFailed

            raise ValidationFailed("Too many items.", field="checklist")
        return judgements.JudgementInput(
            review_id=decode(self.review_id, "Review", "reviewId"),
            area_key=self.area_key[:64],
            grade_key=self.grade_key[:64] if self.grade_key is not None else None,
            met=self.met,
            narrative=self.narrative,
            rationale=self.rationale,
            evidence_ids=tuple(decode(e, "Evidence", "evidenceIds") for e in self.evidence_ids),
            excellence=self.excellence,
            checklist={a.key[:64]: a.checked for a in self.checklist},
            version=self.version,
            confirm_no_personal_data=self.confirm_no_personal_data,
        )


@strawberry.type
class JudgementPayload:
    judgement: JudgementType | None
    errors: list[UserError]


def _judgement(result: tuple[Any, list[UserError]]) -> JudgementPayload:
    found, errors = result
    return JudgementPayload(
        judgement=JudgementType.from_model(found) if found else None, errors=errors
    )


@strawberry.input
class ReviewRefInput:
    review_id: strawberry.ID


@strawberry.type
class SubmitJudgementsPayload:
    judgements: list[JudgementType]
    errors: list[UserError]


@strawberry.input
class EvidenceInput:
    kind: EvidenceKind
    text: str = strawberry.field(description="1 to 5000 characters; no pupil names.")
    area_keys: list[str] = strawberry.field(description="1 to 12 area keys.")
    observed_at: datetime | None = strawberry.field(default=None, description="Default: now.")
    confirm_no_personal_data: bool = strawberry.field(
        default=False, description=CONFIRM_DESCRIPTION
    )

    def to_service(self) -> evidence.EvidenceInput:
        return evidence.EvidenceInput(
            kind=self.kind,
            text=self.text,
            area_keys=tuple(k[:64] for k in self.area_keys[:13]),
            observed_at=self.observed_at,
            confirm_no_personal_data=self.confirm_no_personal_data,
        )


@strawberry.input
class AddEvidenceInput:
    review_id: strawberry.ID
    evidence: EvidenceInput


@strawberry.input
class EditEvidenceInput:
    evidence_id: strawberry.ID
    version: int
    evidence: EvidenceInput


@strawberry.type
class EvidencePayload:
    evidence: EvidenceType | None
    errors: list[UserError]


def _evidence(result: tuple[Any, list[UserError]]) -> EvidencePayload:
    found, errors = result
    return EvidencePayload(
        evidence=EvidenceType.from_model(found) if found else None, errors=errors
    )


@strawberry.input(description="Anonymised facts about one AP placement; never a pupil's name.")
class PlacementInput:
    reference: str = strawberry.field(description="The school's code: 1-20 letters, digits, - _")
    registered_provider: bool
    full_time: bool
    started_on: date
    planned_end_on: date | None = None
    objectives_set: bool = False
    success_criteria_set: bool = False
    exit_plan: bool = False
    last_reviewed_on: date | None = None
    outcome: PlacementOutcome = PlacementOutcome.ONGOING
    notes: str = strawberry.field(default="", description="At most 2000 characters.")
    confirm_no_personal_data: bool = strawberry.field(
        default=False, description=CONFIRM_DESCRIPTION
    )

    def to_service(self) -> placements.PlacementInput:
        return placements.PlacementInput(
            reference=self.reference[:40],
            registered_provider=self.registered_provider,
            full_time=self.full_time,
            started_on=self.started_on,
            planned_end_on=self.planned_end_on,
            objectives_set=self.objectives_set,
            success_criteria_set=self.success_criteria_set,
            exit_plan=self.exit_plan,
            last_reviewed_on=self.last_reviewed_on,
            outcome=self.outcome,
            notes=self.notes,
            confirm_no_personal_data=self.confirm_no_personal_data,
        )


@strawberry.input
class AddApPlacementInput:
    review_id: strawberry.ID
    placement: PlacementInput


@strawberry.input
class UpdateApPlacementInput:
    placement_id: strawberry.ID
    version: int
    placement: PlacementInput


@strawberry.type
class ApPlacementPayload:
    placement: ApPlacementType | None
    errors: list[UserError]


def _placement(result: tuple[Any, list[UserError]]) -> ApPlacementPayload:
    found, errors = result
    return ApPlacementPayload(
        placement=ApPlacementType.from_model(found) if found else None, errors=errors
    )


@strawberry.input(description="A safeguarding concern. Follow the statutory route first.")
class RaiseConcernInput:
    review_id: strawberry.ID
    summary: str = strawberry.field(description="What you saw or heard; no pupil names. 1-5000.")
    about_headteacher: bool = strawberry.field(
        default=False,
        description="Routes it to the chair of governors and the LADO, and hides it "
        "from the host school's staff.",
    )
    told_dsl: bool = strawberry.field(default=False, description="You have told the host's DSL.")
    immediate_danger: bool = strawberry.field(default=False, description="999 has been called.")
    confirm_no_personal_data: bool = strawberry.field(
        default=False, description=CONFIRM_DESCRIPTION
    )


@strawberry.type
class ConcernPayload:
    concern: ConcernType | None
    statutory_route: str = strawberry.field(description="What to do now, outside peerqa.")
    errors: list[UserError]


@strawberry.input
class ConcernActionInput:
    concern_id: strawberry.ID
    note: str = strawberry.field(default="", description="Required to resolve; at most 5000.")


@strawberry.input
class SaveReportInput:
    review_id: strawberry.ID
    version: int | None = None
    summary: str = ""
    strengths: str = ""
    areas_for_development: str = ""
    confirm_no_personal_data: bool = strawberry.field(
        default=False, description=CONFIRM_DESCRIPTION
    )


@strawberry.input
class ActionItemInput:
    action: str
    owner: str = strawberry.field(description="A role, not a pupil; at most 120 characters.")
    due_on: date | None = None


@strawberry.input
class SetActionPlanInput:
    review_id: strawberry.ID
    version: int = strawberry.field(description="The report's version (the plan is part of it).")
    items: list[ActionItemInput] = strawberry.field(description="At most 30, in order.")
    confirm_no_personal_data: bool = strawberry.field(
        default=False, description=CONFIRM_DESCRIPTION
    )


@strawberry.type
class ReportPayload:
    report: ReportType | None
    errors: list[UserError]


async def _report_payload(review_id: int, errors: list[UserError]) -> ReportPayload:
    if errors:
        return ReportPayload(report=None, errors=errors)
    return ReportPayload(report=await build_report(review_id, Loaders()), errors=[])


@strawberry.type
class WorkMutations:
    @strawberry.mutation(
        description="Save the host's self-evaluation of an area. Host school leaders, in draft "
        "or self-evaluation.",
        extensions=signed_in(),
    )
    async def save_self_evaluation(self, info: Info, input: JudgementInput) -> JudgementPayload:
        async def run() -> Any:
            return await judgements.save_self_evaluation(info.context.actor, input.to_service())

        return _judgement(await attempt(run()))

    @strawberry.mutation(
        description="Save your independent judgement of an area (a draft until you submit). "
        "Accepted team members, during the visit.",
        extensions=signed_in(),
    )
    async def save_independent_judgement(
        self, info: Info, input: JudgementInput
    ) -> JudgementPayload:
        async def run() -> Any:
            return await judgements.save_independent(info.context.actor, input.to_service())

        return _judgement(await attempt(run()))

    @strawberry.mutation(
        description="Submit all your independent judgements; colleagues' then become readable.",
        extensions=signed_in(),
    )
    async def submit_independent_judgements(
        self, info: Info, input: ReviewRefInput
    ) -> SubmitJudgementsPayload:
        async def run() -> Any:
            review_id = decode(input.review_id, "Review", "reviewId")
            return await judgements.submit_independent(info.context.actor, review_id)

        found, errors = await attempt(run())
        return SubmitJudgementsPayload(
            judgements=[JudgementType.from_model(j) for j in found or []], errors=errors
        )

    @strawberry.mutation(
        description="Save the team's consensus on an area. Lead reviewer, during consensus.",
        extensions=signed_in(),
    )
    async def save_consensus_judgement(self, info: Info, input: JudgementInput) -> JudgementPayload:
        async def run() -> Any:
            return await judgements.save_consensus(info.context.actor, input.to_service())

        return _judgement(await attempt(run()))

    @strawberry.mutation(
        description="Record evidence. Accepted team members, during the visit and consensus. "
        "Text that looks like personal data is refused with PERSONAL_DATA unless confirmed.",
        extensions=signed_in(),
    )
    async def add_evidence(self, info: Info, input: AddEvidenceInput) -> EvidencePayload:
        async def run() -> Any:
            review_id = decode(input.review_id, "Review", "reviewId")
            return await evidence.add(info.context.actor, review_id, input.evidence.to_service())

        return _evidence(await attempt(run()))

    @strawberry.mutation(description="Edit your own evidence.", extensions=signed_in())
    async def edit_evidence(self, info: Info, input: EditEvidenceInput) -> EvidencePayload:
        async def run() -> Any:
            evidence_id = decode(input.evidence_id, "Evidence", "evidenceId")
            return await evidence.edit(
                info.context.actor, evidence_id, input.version, input.evidence.to_service()
            )

        return _evidence(await attempt(run()))

    @strawberry.mutation(
        description="Add a placement to the AP register. Host school leaders, before consensus.",
        extensions=signed_in(),
    )
    async def add_ap_placement(self, info: Info, input: AddApPlacementInput) -> ApPlacementPayload:
        async def run() -> Any:
            review_id = decode(input.review_id, "Review", "reviewId")
            return await placements.add(info.context.actor, review_id, input.placement.to_service())

        return _placement(await attempt(run()))

    @strawberry.mutation(
        description="Update a placement. Host school leaders.", extensions=signed_in()
    )
    async def update_ap_placement(
        self, info: Info, input: UpdateApPlacementInput
    ) -> ApPlacementPayload:
        async def run() -> Any:
            placement_id = decode(input.placement_id, "ApPlacement", "placementId")
            return await placements.update(
                info.context.actor, placement_id, input.version, input.placement.to_service()
            )

        return _placement(await attempt(run()))

    @strawberry.mutation(
        description="Record a safeguarding concern, in any state. Team members and moderators. "
        "Call 999 if a child is in immediate danger; otherwise tell the host's DSL now.",
        extensions=signed_in(),
    )
    async def raise_concern(self, info: Info, input: RaiseConcernInput) -> ConcernPayload:
        route = ABOUT_HEADTEACHER_ROUTE if input.about_headteacher else STATUTORY_ROUTE

        async def run() -> Any:
            data = concerns.ConcernInput(
                summary=input.summary,
                about_headteacher=input.about_headteacher,
                told_dsl=input.told_dsl,
                immediate_danger=input.immediate_danger,
                confirm_no_personal_data=input.confirm_no_personal_data,
            )
            review_id = decode(input.review_id, "Review", "reviewId")
            return await concerns.raise_concern(info.context.actor, review_id, data)

        found, errors = await attempt(run())
        return ConcernPayload(
            concern=ConcernType.from_model(found) if found else None,
            statutory_route=route,
            errors=errors,
        )

    @strawberry.mutation(description="Acknowledge a concern. Moderators.", extensions=signed_in())
    async def acknowledge_concern(self, info: Info, input: ConcernActionInput) -> ConcernPayload:
        return await _concern_action(info, input, "acknowledge")

    @strawberry.mutation(description="Add a note to a concern. Moderators.", extensions=signed_in())
    async def add_concern_note(self, info: Info, input: ConcernActionInput) -> ConcernPayload:
        return await _concern_action(info, input, "note")

    @strawberry.mutation(
        description="Record how a concern was resolved (unblocks publication). Moderators.",
        extensions=signed_in(),
    )
    async def resolve_concern(self, info: Info, input: ConcernActionInput) -> ConcernPayload:
        return await _concern_action(info, input, "resolve")

    @strawberry.mutation(
        description="Save the report's summary, strengths and areas for development. Lead "
        "reviewer, from consensus to the factual-accuracy check.",
        extensions=signed_in(),
    )
    async def save_report(self, info: Info, input: SaveReportInput) -> ReportPayload:
        review_id = 0

        async def run() -> Any:
            nonlocal review_id
            review_id = decode(input.review_id, "Review", "reviewId")
            data = report.ReportInput(
                review_id=review_id,
                version=input.version,
                summary=input.summary,
                strengths=input.strengths,
                areas_for_development=input.areas_for_development,
                confirm_no_personal_data=input.confirm_no_personal_data,
            )
            return await report.save(info.context.actor, data)

        _, errors = await attempt(run())
        return await _report_payload(review_id, errors)

    @strawberry.mutation(
        description="Replace the action plan. Lead reviewer.", extensions=signed_in()
    )
    async def set_action_plan(self, info: Info, input: SetActionPlanInput) -> ReportPayload:
        review_id = 0

        async def run() -> Any:
            nonlocal review_id
            review_id = decode(input.review_id, "Review", "reviewId")
            items = [report.ActionInput(i.action, i.owner, i.due_on) for i in input.items[:31]]
            return await report.set_action_plan(
                info.context.actor,
                review_id,
                input.version,
                items,
                confirmed=input.confirm_no_personal_data,
            )

        _, errors = await attempt(run())
        return await _report_payload(review_id, errors)


async def _concern_action(info: Info, input: ConcernActionInput, action: str) -> ConcernPayload:
    async def run() -> Any:
        concern_id = decode(input.concern_id, "Concern", "concernId")
        if action == "acknowledge":
            await concerns.acknowledge(info.context.actor, concern_id)
        elif action == "note":
            await concerns.add_note(info.context.actor, concern_id, input.note)
        else:
            await concerns.resolve(info.context.actor, concern_id, input.note)
        from peerqa import models

        return await models.Concern.get(id=concern_id)

    found, errors = await attempt(run())
    return ConcernPayload(
        concern=ConcernType.from_model(found) if found else None,
        statutory_route=ABOUT_HEADTEACHER_ROUTE
        if found is not None and found.about_headteacher
        else STATUTORY_ROUTE,
        errors=errors,
    )
