"""A realistic demo: a partnership of fictional schools, their staff, a moderator, an admin,
and a review in progress. Schools and people are invented (URNs 990001-990004 are not real).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tortoise.transactions import in_transaction

from peerqa import audit
from peerqa.clock import now
from peerqa.errors import Conflict
from peerqa.models import (
    Framework,
    Grade,
    Judgement,
    Partnership,
    PartnershipMember,
    Review,
    School,
    TeamMember,
    Trust,
    User,
)
from peerqa.models.enums import (
    AreaKind,
    GlobalRole,
    InvitationStatus,
    JudgementKind,
    PartnershipKind,
    Phase,
    ReportVisibility,
    ReviewState,
    SchoolRoleKind,
    TeamRole,
)
from peerqa.services import demo_figures, frameworks, users
from peerqa.services.reviews import applicable_areas

DEMO_PASSWORD = "visit-day-demo-2026"  # noqa: S105 - published demo login, dev only


@dataclass(frozen=True)
class DemoLogin:
    email: str
    name: str
    role: str


SCHOOLS = [
    (990001, "Northfield Primary School", Phase.PRIMARY, "Academy converter", True, False),
    (990002, "Riverside Academy", Phase.SECONDARY, "Academy sponsor led", False, True),
    (
        990003,
        "St Hilda's CofE Primary School",
        Phase.PRIMARY,
        "Voluntary aided school",
        True,
        False,
    ),
    (990004, "Castle Vale Secondary School", Phase.SECONDARY, "Community school", False, True),
]

PEOPLE: list[tuple[str, str, GlobalRole, int | None, SchoolRoleKind | None]] = [
    ("admin@demo.peerqa.test", "Alex Admin", GlobalRole.ADMIN, None, None),
    ("moderator@demo.peerqa.test", "Morgan Moderator", GlobalRole.MODERATOR, None, None),
    (
        "head.northfield@demo.peerqa.test",
        "Priya Shah",
        GlobalRole.SCHOOL_USER,
        990001,
        SchoolRoleKind.HEADTEACHER,
    ),
    (
        "head.riverside@demo.peerqa.test",
        "Tom Okafor",
        GlobalRole.SCHOOL_USER,
        990002,
        SchoolRoleKind.HEADTEACHER,
    ),
    (
        "head.sthilda@demo.peerqa.test",
        "Grace Lewis",
        GlobalRole.SCHOOL_USER,
        990003,
        SchoolRoleKind.HEADTEACHER,
    ),
    (
        "head.castlevale@demo.peerqa.test",
        "Daniel Brooks",
        GlobalRole.SCHOOL_USER,
        990004,
        SchoolRoleKind.HEADTEACHER,
    ),
    (
        "dsl.northfield@demo.peerqa.test",
        "Sam Patel",
        GlobalRole.SCHOOL_USER,
        990001,
        SchoolRoleKind.DSL,
    ),
    (
        "governor.northfield@demo.peerqa.test",
        "Jo Hughes",
        GlobalRole.SCHOOL_USER,
        990001,
        SchoolRoleKind.GOVERNOR,
    ),
]


async def is_empty() -> bool:
    return not await User.exists()


async def seed(password: str = DEMO_PASSWORD) -> list[DemoLogin]:
    """Create the demo. Refuses (Conflict) when the database already has users."""
    if not await is_empty():
        raise Conflict("The database already has users; the demo is only seeded into an empty one.")
    await frameworks.load_bundled()
    national = await Framework.get(key="national", is_current=True)
    async with in_transaction():
        trust = await Trust.create(group_uid="DEMO-1", name="Northfield Academies Trust (demo)")
        for urn, name, phase, type_name, early_years, sixth_form in SCHOOLS:
            await School.create(
                urn=urn,
                name=name,
                phase=phase,
                type_name=type_name,
                la_code="999",
                la_name="Demoshire",
                postcode="DE1 0MO",
                has_early_years=early_years,
                has_sixth_form=sixth_form,
                trust=trust if urn in (990001, 990002) else None,
            )
        partnership = await Partnership.create(
            name="Demoshire Schools Partnership (demo)",
            kind=PartnershipKind.CLUSTER,
            allow_reciprocal=False,
            conflict_years=3,
            report_visibility=ReportVisibility.GOVERNORS,
        )
        for urn, *_ in SCHOOLS:
            await PartnershipMember.create(partnership=partnership, school_id=urn)
        await demo_figures.seed([(urn, phase) for urn, _n, phase, *_ in SCHOOLS])
        await audit.record(
            "demo.seed", actor_id=None, object_type="partnership", object_id=partnership.id
        )
    logins = []
    created: dict[str, User] = {}
    for email, name, role, staff_urn, school_role in PEOPLE:
        created[email] = await users.create_user(email, name, password, global_role=role)
        if staff_urn is not None and school_role is not None:
            await users.add_school_role(email, staff_urn, school_role)
        logins.append(
            DemoLogin(email=email, name=name, role=school_role.value if school_role else role.value)
        )
    async with in_transaction():
        review = await Review.create(
            host_school_id=990001,
            partnership=partnership,
            framework=national,
            state=ReviewState.VISIT,
            title="Northfield Primary School peer review, autumn 2026",
            focus="Reading in key stage 1, and attendance of disadvantaged pupils.",
            visit_starts_on=date(2026, 11, 30),
            visit_ends_on=date(2026, 12, 1),
            dsl_name="Sam Patel",
            deputy_dsl_name="Chris Morgan",
            created_by=created["head.northfield@demo.peerqa.test"],
        )
        await TeamMember.create(
            review=review,
            user=created["head.sthilda@demo.peerqa.test"],
            school_id=990003,
            role=TeamRole.LEAD,
            status=InvitationStatus.ACCEPTED,
        )
        await TeamMember.create(
            review=review,
            user=created["head.castlevale@demo.peerqa.test"],
            school_id=990004,
            role=TeamRole.REVIEWER,
            status=InvitationStatus.ACCEPTED,
        )
        await _self_evaluate(review, created["head.northfield@demo.peerqa.test"])
        await audit.record(
            "review.create",
            actor_id=None,
            object_type="review",
            object_id=review.id,
            review_id=review.id,
        )
    return logins


async def _self_evaluate(review: Review, head: User) -> None:
    """The host's self-evaluation: expected standard throughout, safeguarding met."""
    expected = await Grade.get(framework_id=review.framework_id, key="expected_standard")
    for area in await applicable_areas(review):
        await Judgement.create(
            review=review,
            area=area,
            kind=JudgementKind.SELF_EVALUATION,
            author=head,
            grade=expected if area.kind is AreaKind.GRADED else None,
            met=True if area.kind is AreaKind.MET_NOT_MET else None,
            rationale="Our monitoring this year supports this; see the school improvement plan.",
            submitted_at=now(),
        )
