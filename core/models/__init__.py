"""The Tortoise models of peerqa, one module per part of the domain glossary."""

from peerqa.models.assurance import Appeal, FactualAccuracyPoint
from peerqa.models.audit import AuditEvent
from peerqa.models.concern import Concern, ConcernAction
from peerqa.models.consultation import DutyConsultation
from peerqa.models.framework import Area, Framework, Grade, GradeDescriptor
from peerqa.models.moderation import Moderation
from peerqa.models.partnership import Partnership, PartnershipMember
from peerqa.models.placement import ApPlacement
from peerqa.models.report import ActionItem, Report
from peerqa.models.review import (
    Evidence,
    EvidenceArea,
    Judgement,
    JudgementEvidence,
    Review,
    TeamMember,
)
from peerqa.models.school import (
    ContextSnapshot,
    ContextValue,
    LocalAuthority,
    LocalAuthorityValue,
    School,
    SchoolLink,
    Trust,
)
from peerqa.models.scoring import PluginResult
from peerqa.models.user import ApiToken, LoginThrottle, SchoolRole, Session, User

__all__ = [
    "ActionItem",
    "ApPlacement",
    "ApiToken",
    "Appeal",
    "Area",
    "AuditEvent",
    "Concern",
    "ConcernAction",
    "ContextSnapshot",
    "ContextValue",
    "DutyConsultation",
    "Evidence",
    "EvidenceArea",
    "FactualAccuracyPoint",
    "Framework",
    "Grade",
    "GradeDescriptor",
    "Judgement",
    "JudgementEvidence",
    "LocalAuthority",
    "LocalAuthorityValue",
    "LoginThrottle",
    "Moderation",
    "Partnership",
    "PartnershipMember",
    "PluginResult",
    "Report",
    "Review",
    "School",
    "SchoolLink",
    "SchoolRole",
    "Session",
    "TeamMember",
    "Trust",
    "User",
]
