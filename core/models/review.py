"""A peer review and what the team records in it: members, evidence and judgements."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from peerqa.models.enums import (
    EvidenceKind,
    InvitationStatus,
    JudgementKind,
    ReviewState,
    TeamRole,
)

if TYPE_CHECKING:
    from peerqa.models.framework import Area, Framework, Grade
    from peerqa.models.partnership import Partnership
    from peerqa.models.school import School
    from peerqa.models.user import User


class Review(Model):
    """One peer review of one host school within a partnership."""

    id = fields.IntField(primary_key=True)
    host_school: fields.ForeignKeyRelation[School] = fields.ForeignKeyField(
        "models.School", related_name="hosted_reviews", on_delete=fields.RESTRICT
    )
    host_school_id: int
    partnership: fields.ForeignKeyRelation[Partnership] = fields.ForeignKeyField(
        "models.Partnership", related_name="reviews", on_delete=fields.RESTRICT
    )
    partnership_id: int
    framework: fields.ForeignKeyRelation[Framework] = fields.ForeignKeyField(
        "models.Framework", related_name="reviews", on_delete=fields.RESTRICT
    )
    framework_id: int
    state = fields.CharEnumField(ReviewState, max_length=20, default=ReviewState.DRAFT)
    title = fields.CharField(max_length=200, default="")
    focus = fields.TextField(default="")
    enquiry_question = fields.TextField(default="")
    visit_starts_on = fields.DateField(null=True)
    visit_ends_on = fields.DateField(null=True)
    dsl_name = fields.CharField(max_length=120, default="", description="Host school's DSL")
    deputy_dsl_name = fields.CharField(max_length=120, default="")
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="created_reviews", null=True, on_delete=fields.SET_NULL
    )
    created_by_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    published_at = fields.DatetimeField(null=True)
    factual_accuracy_closes_at = fields.DatetimeField(
        null=True, description="End of the host's window to point out factual errors"
    )
    version = fields.IntField(default=0, description="Optimistic concurrency counter")

    team: fields.ReverseRelation[TeamMember]
    evidence: fields.ReverseRelation[Evidence]
    judgements: fields.ReverseRelation[Judgement]

    class Meta:
        table = "review"
        ordering = ("-created_at", "-id")


class TeamMember(Model):
    """A reviewer or the lead reviewer on one review, and where they came from."""

    id = fields.IntField(primary_key=True)
    review: fields.ForeignKeyRelation[Review] = fields.ForeignKeyField(
        "models.Review", related_name="team", on_delete=fields.CASCADE
    )
    review_id: int
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="team_memberships", on_delete=fields.RESTRICT
    )
    user_id: int
    school: fields.ForeignKeyNullableRelation[School] = fields.ForeignKeyField(
        "models.School", related_name="reviewer_memberships", null=True, on_delete=fields.SET_NULL
    )
    school_id: int | None
    role = fields.CharEnumField(TeamRole, max_length=10)
    status = fields.CharEnumField(InvitationStatus, max_length=10, default=InvitationStatus.INVITED)
    invited_at = fields.DatetimeField(auto_now_add=True)
    responded_at = fields.DatetimeField(null=True)

    class Meta:
        table = "team_member"
        unique_together = (("review", "user"),)
        ordering = ("review_id", "role", "id")


class EvidenceArea(Model):
    """Tags one piece of evidence to one area (a real table, so it can be filtered on)."""

    id = fields.IntField(primary_key=True)
    evidence: fields.ForeignKeyRelation[Evidence] = fields.ForeignKeyField(
        "models.Evidence", related_name="area_tags", on_delete=fields.CASCADE
    )
    evidence_id: int
    area: fields.ForeignKeyRelation[Area] = fields.ForeignKeyField(
        "models.Area", related_name="evidence_tags", on_delete=fields.RESTRICT
    )
    area_id: int

    class Meta:
        table = "evidence_area"
        unique_together = (("evidence", "area"),)


class Evidence(Model):
    """An observation, never pupil-identifiable: there is no field for a pupil name."""

    id = fields.IntField(primary_key=True)
    review: fields.ForeignKeyRelation[Review] = fields.ForeignKeyField(
        "models.Review", related_name="evidence", on_delete=fields.CASCADE
    )
    review_id: int
    author: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="evidence", on_delete=fields.RESTRICT
    )
    author_id: int
    kind = fields.CharEnumField(EvidenceKind, max_length=20)
    text = fields.TextField()
    observed_at = fields.DatetimeField()
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    version = fields.IntField(default=0)

    area_tags: fields.ReverseRelation[EvidenceArea]

    class Meta:
        table = "evidence"
        ordering = ("review_id", "observed_at", "id")


class JudgementEvidence(Model):
    """Links a judgement's rationale to the evidence it rests on."""

    id = fields.IntField(primary_key=True)
    judgement: fields.ForeignKeyRelation[Judgement] = fields.ForeignKeyField(
        "models.Judgement", related_name="evidence_links", on_delete=fields.CASCADE
    )
    judgement_id: int
    evidence: fields.ForeignKeyRelation[Evidence] = fields.ForeignKeyField(
        "models.Evidence", related_name="judgement_links", on_delete=fields.CASCADE
    )
    evidence_id: int

    class Meta:
        table = "judgement_evidence"
        unique_together = (("judgement", "evidence"),)


class Judgement(Model):
    """A grade (or met/not met, or narrative) and rationale for one area of one review.

    ``kind`` says whose it is: the host's self-evaluation, one reviewer's independent
    judgement (hidden from co-reviewers until they submit their own), or the team's consensus.
    """

    id = fields.IntField(primary_key=True)
    review: fields.ForeignKeyRelation[Review] = fields.ForeignKeyField(
        "models.Review", related_name="judgements", on_delete=fields.CASCADE
    )
    review_id: int
    area: fields.ForeignKeyRelation[Area] = fields.ForeignKeyField(
        "models.Area", related_name="judgements", on_delete=fields.RESTRICT
    )
    area_id: int
    kind = fields.CharEnumField(JudgementKind, max_length=20)
    author: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="judgements", on_delete=fields.RESTRICT
    )
    author_id: int
    grade: fields.ForeignKeyNullableRelation[Grade] = fields.ForeignKeyField(
        "models.Grade", related_name="judgements", null=True, on_delete=fields.RESTRICT
    )
    grade_id: int | None
    met = fields.BooleanField(null=True, description="For met / not met areas")
    checklist: dict[str, bool] = fields.JSONField(
        default=dict, description="Audit checklist answers by item key"
    )
    excellence = fields.BooleanField(default=False, description="Nominated area of excellence")
    narrative = fields.TextField(default="")
    rationale = fields.TextField(default="")
    submitted_at = fields.DatetimeField(null=True, description="Null while still a draft")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    version = fields.IntField(default=0)

    evidence_links: fields.ReverseRelation[JudgementEvidence]

    class Meta:
        table = "judgement"
        unique_together = (("review", "area", "kind", "author"),)
        ordering = ("review_id", "area_id", "kind", "id")
