"""The domain's enumerations, registered once as GraphQL enums (values are the member names)."""

from __future__ import annotations

import strawberry

from peerqa.models.enums import (
    AreaKind,
    FrameworkMode,
    GlobalRole,
    PartnershipKind,
    Phase,
    ReportVisibility,
    ReviewState,
    SchoolRoleKind,
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

__all__ = [
    "AreaKind",
    "FrameworkMode",
    "GlobalRole",
    "PartnershipKind",
    "Phase",
    "ReportVisibility",
    "ReviewState",
    "SchoolRoleKind",
]
