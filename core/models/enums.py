"""Enumerations from the domain glossary, shared by models, services and the GraphQL layer."""

from __future__ import annotations

from enum import StrEnum


class GlobalRole(StrEnum):
    """A user's role across the whole platform."""

    ADMIN = "admin"
    MODERATOR = "moderator"
    SCHOOL_USER = "school_user"


class SchoolRoleKind(StrEnum):
    """A user's role at one school."""

    HEADTEACHER = "headteacher"
    SENIOR_LEADER = "senior_leader"
    DSL = "dsl"
    GOVERNOR = "governor"


class Phase(StrEnum):
    """School phase, as GIAS groups it."""

    NURSERY = "nursery"
    PRIMARY = "primary"
    MIDDLE = "middle"
    SECONDARY = "secondary"
    ALL_THROUGH = "all_through"
    SIXTEEN_PLUS = "sixteen_plus"
    NOT_APPLICABLE = "not_applicable"


class PartnershipKind(StrEnum):
    TRIO = "trio"
    CLUSTER = "cluster"
    HUB = "hub"


class ReportVisibility(StrEnum):
    """Who may read a published report, set per partnership because candour depends on it."""

    SCHOOL = "school"
    GOVERNORS = "governors"
    PUBLIC = "public"


class FrameworkMode(StrEnum):
    """How a framework's areas are judged."""

    GRADED = "graded"
    ESTIMATES = "estimates"
    ENQUIRY = "enquiry"


class AreaKind(StrEnum):
    """How one area is judged: on the framework's scale, met/not met, or in narrative."""

    GRADED = "graded"
    MET_NOT_MET = "met_not_met"
    NARRATIVE = "narrative"


class ReviewState(StrEnum):
    """The review lifecycle, in order."""

    DRAFT = "draft"
    SELF_EVALUATION = "self_evaluation"
    TEAM_FORMED = "team_formed"
    VISIT = "visit"
    CONSENSUS = "consensus"
    SUBMITTED = "submitted"
    MODERATION = "moderation"
    RETURNED = "returned"
    ASSURED = "assured"
    FACTUAL_ACCURACY = "factual_accuracy"
    APPEAL = "appeal"
    PUBLISHED = "published"
    FOLLOW_UP = "follow_up"
    WITHDRAWN = "withdrawn"


class TeamRole(StrEnum):
    LEAD = "lead"
    REVIEWER = "reviewer"


class InvitationStatus(StrEnum):
    INVITED = "invited"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class EvidenceKind(StrEnum):
    LESSON_VISIT = "lesson_visit"
    WORK_SCRUTINY = "work_scrutiny"
    PUPIL_CONVERSATION = "pupil_conversation"
    STAFF_CONVERSATION = "staff_conversation"
    DOCUMENT = "document"
    DATA = "data"


class JudgementKind(StrEnum):
    """Whose judgement: the host school, one reviewer independently, the whole team, or the
    moderator's assured grade (a copy of the consensus when confirmed, the new grade when adjusted).
    """

    SELF_EVALUATION = "self_evaluation"
    INDEPENDENT = "independent"
    CONSENSUS = "consensus"
    MODERATED = "moderated"


class ConcernActionKind(StrEnum):
    ACKNOWLEDGED = "acknowledged"
    ESCALATED = "escalated"
    NOTE = "note"
    RESOLVED = "resolved"


class PlacementOutcome(StrEnum):
    ONGOING = "ongoing"
    REINTEGRATED = "reintegrated"
    MOVED_SCHOOL = "moved_school"
    SPECIALIST_PLACEMENT = "specialist_placement"
    LEFT_EDUCATION = "left_education"
    OTHER = "other"


class ModerationOutcome(StrEnum):
    """What a moderator decided about a submitted review."""

    CONFIRM = "confirm"
    ADJUST = "adjust"
    RETURN = "return"


class ConsultationKind(StrEnum):
    """Why the team asks the duty moderator for a second view of an area."""

    NOT_MET = "not_met"
    EXCEPTIONAL = "exceptional"


class AppealOutcome(StrEnum):
    """What the appeal moderator found."""

    UPHELD = "upheld"
    PARTLY_UPHELD = "partly_upheld"
    NOT_UPHELD = "not_upheld"
