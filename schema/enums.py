"""The domain's enumerations, registered once as GraphQL enums (values are the member names)."""

from __future__ import annotations

import strawberry

from peerqa.models.enums import (
    AppealOutcome,
    AreaKind,
    ConcernActionKind,
    ConsultationKind,
    EvidenceKind,
    FrameworkMode,
    GlobalRole,
    InvitationStatus,
    JudgementKind,
    ModerationOutcome,
    PartnershipKind,
    Phase,
    PlacementOutcome,
    ReportVisibility,
    ReviewState,
    SchoolRoleKind,
    TeamRole,
)

strawberry.enum(AreaKind, description="How an area is judged.")
strawberry.enum(FrameworkMode, description="How a framework's areas are judged.")
strawberry.enum(GlobalRole, description="A user's role across the platform.")
strawberry.enum(PartnershipKind)
strawberry.enum(Phase, description="School phase, as GIAS groups it.")
strawberry.enum(
    ReportVisibility,
    description="Who may read a published report: the school only, its governors too, or anyone.",
)
strawberry.enum(ReviewState, description="The review lifecycle, in order.")
strawberry.enum(SchoolRoleKind, description="A user's role at one school.")
strawberry.enum(ConcernActionKind, description="A step taken on a safeguarding concern.")
strawberry.enum(EvidenceKind, description="What kind of observation a piece of evidence is.")
strawberry.enum(InvitationStatus, description="Where an invitation to a review team stands.")
strawberry.enum(
    JudgementKind,
    description="Whose judgement: the host, one reviewer, the team, or the moderated grade.",
)
strawberry.enum(PlacementOutcome, description="How an AP placement ended, or that it goes on.")
strawberry.enum(TeamRole, description="Lead reviewer or reviewer.")
strawberry.enum(
    ModerationOutcome,
    description="A moderator's decision: confirm, adjust some areas, or return to the team.",
)
strawberry.enum(
    ConsultationKind,
    description="Why the team asks the duty moderator: a standard not met, or exceptional.",
)
strawberry.enum(AppealOutcome, description="What the appeal hearing found.")

__all__ = [
    "AppealOutcome",
    "AreaKind",
    "ConcernActionKind",
    "ConsultationKind",
    "EvidenceKind",
    "FrameworkMode",
    "GlobalRole",
    "InvitationStatus",
    "JudgementKind",
    "ModerationOutcome",
    "PartnershipKind",
    "Phase",
    "PlacementOutcome",
    "ReportVisibility",
    "ReviewState",
    "SchoolRoleKind",
    "TeamRole",
]
