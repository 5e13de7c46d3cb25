"""Writing a simulated cohort of reviews into the database, on the real schools it holds.

``peerqa simulate`` uses this so that the statistics can be shown and checked end to end: the
cohort comes from ``peerqa.stats.simulation`` (reviewers with known severities and noise), and
the statistics read it back through the same loader the API uses. Like the importers and the
demo, it writes with bulk inserts rather than through the review services: the reviews are
finished and moderated at once, with no workflow to walk through, and thousands of judgements
would otherwise take minutes.

What it writes, all in one transaction:

- one partnership whose members are the host schools drawn;
- lead reviewers, reviewers and moderators with obviously synthetic names ("Simulated lead
  reviewer 07") and addresses at ``example.invalid``, inactive and without a password, so they
  can never sign in, be sent mail or be assigned real work;
- published reviews of real schools (registered schools with a census FSM-ever figure) on the
  current national framework, each with its accepted team, every reviewer's submitted
  independent judgement, the consensus and the moderated grade of each always-applicable graded
  area (safeguarding is recorded as met), and one decided moderation round.

Every review is moderated (the severity of each lead needs it) and a returned review keeps its
first consensus: the simulation does not model the team's second attempt.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from tortoise.transactions import in_transaction

from peerqa import audit
from peerqa.errors import Conflict, ValidationFailed
from peerqa.models import (
    Area,
    ContextValue,
    Framework,
    Grade,
    Judgement,
    Moderation,
    Partnership,
    PartnershipMember,
    Review,
    School,
    TeamMember,
    User,
)
from peerqa.models.enums import (
    AreaKind,
    GlobalRole,
    InvitationStatus,
    JudgementKind,
    ModerationOutcome,
    ReviewState,
    TeamRole,
)
from peerqa.services import frameworks
from peerqa.stats.reviews import FSM_EVER
from peerqa.stats.simulation import GRADES, Cohort, SimulationParameters, simulate

__all__ = [
    "EMAIL_DOMAIN",
    "MODERATORS",
    "Progress",
    "Written",
    "default_name",
    "host_schools",
    "write_cohort",
]

EMAIL_DOMAIN = "example.invalid"
"""Reserved (RFC 2606): mail to it can never be delivered."""
MODERATORS = 6
BATCH = 1000
Progress = Callable[[int, int], None]
_REASONS = [{"code": "simulated", "detail": "Simulated cohort: every review is moderated."}]


@dataclass(frozen=True)
class Written:
    """What a simulation wrote, and the truth behind it."""

    partnership_id: int
    partnership_name: str
    reviews: int
    judgements: int
    hosts: int
    replaced: int
    """Reviews of an earlier simulation under the same name that were deleted first."""
    cohort: Cohort
    user_ids: dict[int, int]
    """Simulated reviewer number -> user id (the true severities are by reviewer number)."""


def default_name(seed: int) -> str:
    return f"Simulated partnership (seed {seed})"


async def host_schools() -> list[tuple[int, float]]:
    """(URN, % FSM-ever) of each registered school with a census figure, by URN: two queries."""
    registered = {int(row[0]) for row in await School.all().values_list("urn")}
    latest: dict[int, tuple[int, float]] = {}
    for urn, year, value in await ContextValue.filter(
        measure=FSM_EVER, value__isnull=False
    ).values_list("snapshot__urn", "snapshot__year", "value"):
        if int(urn) in registered and (int(urn) not in latest or year > latest[int(urn)][0]):
            latest[int(urn)] = (int(year), float(value))
    return [(urn, latest[urn][1]) for urn in sorted(latest)]


async def write_cohort(
    *,
    reviews: int,
    seed: int,
    name: str | None = None,
    replace: bool = False,
    progress: Progress | None = None,
) -> Written:
    """Simulate ``reviews`` reviews with ``seed`` and write them as partnership ``name``."""
    if reviews < 1:
        raise ValidationFailed("Simulate at least one review.", field="reviews")
    name = name or default_name(seed)
    hosts = await host_schools()
    if not hosts:
        raise ValidationFailed(
            "No school in the database has both a register entry and an FSM-ever figure, and "
            "the simulation runs on real schools. Import the register and the census first, "
            "e.g. 'peerqa import gias edubasealldata.csv' then 'peerqa import census "
            "england_census.csv --year 2018' (see 'peerqa import --help')."
        )
    framework, areas, grades = await _framework()
    parameters = dataclasses.replace(
        SimulationParameters(), reviews=reviews, areas=tuple(a.key for a in areas)
    )
    cohort = simulate(hosts, parameters, seed=seed)
    async with in_transaction():
        replaced = await _clear(name, replace)
        partnership = await Partnership.create(name=name)
        user_ids, moderators = await _users(partnership.id, parameters)
        drawn = sorted({h.urn for h in cohort.hosts})
        await PartnershipMember.bulk_create(
            [PartnershipMember(partnership_id=partnership.id, school_id=urn) for urn in drawn]
        )
        review_ids = await _reviews(partnership.id, framework.id, cohort)
        written = await _work(
            cohort,
            review_ids=review_ids,
            user_ids=user_ids,
            moderators=moderators,
            areas=areas,
            grades=grades,
            progress=progress,
        )
        await audit.record(
            "simulation.write",
            actor_id=None,
            object_type="partnership",
            object_id=partnership.id,
            detail={"reviews": reviews, "seed": seed, "replaced": replaced},
        )
    return Written(
        partnership_id=partnership.id,
        partnership_name=name,
        reviews=len(review_ids),
        judgements=written,
        hosts=len(drawn),
        replaced=replaced,
        cohort=cohort,
        user_ids=user_ids,
    )


async def _framework() -> tuple[Framework, list[Area], dict[int, int]]:
    """The current national framework, its always-applicable areas and grade ids by rank."""
    framework = await Framework.filter(key="national", is_current=True).first()
    if framework is None:
        await frameworks.load_bundled()
        framework = await Framework.get(key="national", is_current=True)
    areas = await Area.filter(
        framework_id=framework.id, applies_when="", kind=AreaKind.GRADED
    ).order_by("position")
    grades = dict(
        await Grade.filter(framework_id=framework.id).order_by("rank").values_list("rank", "id")
    )
    if not all(rank in grades for rank in GRADES):
        raise ValidationFailed(
            f"The simulation grades on ranks {list(GRADES)}; framework {framework.key!r} has "
            f"ranks {sorted(grades)}."
        )
    return framework, areas, {int(rank): int(i) for rank, i in grades.items()}


async def _clear(name: str, replace: bool) -> int:
    """Delete an earlier simulated partnership of this name (with --replace); its review count."""
    existing = await Partnership.get_or_none(name=name)
    if existing is None:
        return 0
    if not replace:
        raise Conflict(
            f"A partnership named {name!r} already exists. Pass --replace to delete its "
            "simulated reviews and write them again, or choose another --partnership name."
        )
    marker = f"@{EMAIL_DOMAIN}"
    real = (
        await TeamMember.filter(review__partnership_id=existing.id)
        .exclude(user__email__endswith=marker)
        .exists()
    )
    if real:
        raise Conflict(
            f"The partnership {name!r} has reviews by real people, not a simulation, so "
            "--replace will not delete it. Choose another --partnership name."
        )
    count = await Review.filter(partnership_id=existing.id).count()
    await Review.filter(partnership_id=existing.id).delete()  # cascades to its work
    await existing.delete()
    await User.filter(email__startswith=_prefix(existing.id), email__endswith=marker).delete()
    return count


def _prefix(partnership_id: int) -> str:
    return f"sim{partnership_id}-"


async def _users(
    partnership_id: int, parameters: SimulationParameters
) -> tuple[dict[int, int], list[int]]:
    """Reviewers numbered as the simulation numbers them (leads first), and the moderators."""
    prefix = _prefix(partnership_id)
    people = [
        (f"{prefix}lead-{n:02d}", f"Simulated lead reviewer {n:02d}", GlobalRole.SCHOOL_USER)
        for n in range(1, parameters.leads + 1)
    ]
    people += [
        (f"{prefix}reviewer-{n:03d}", f"Simulated reviewer {n:03d}", GlobalRole.SCHOOL_USER)
        for n in range(parameters.leads + 1, parameters.leads + parameters.other_reviewers + 1)
    ]
    people += [
        (f"{prefix}moderator-{n}", f"Simulated moderator {n}", GlobalRole.MODERATOR)
        for n in range(1, MODERATORS + 1)
    ]
    await User.bulk_create(
        [
            User(
                email=f"{local}@{EMAIL_DOMAIN}",
                display_name=display,
                global_role=role,
                is_active=False,
                password_hash="",
            )
            for local, display, role in people
        ]
    )
    ids = dict(
        await User.filter(email__startswith=prefix, email__endswith=f"@{EMAIL_DOMAIN}").values_list(
            "email", "id"
        )
    )
    order = [int(ids[f"{local}@{EMAIL_DOMAIN}"]) for local, _, _ in people]
    reviewers = parameters.leads + parameters.other_reviewers
    return {n + 1: order[n] for n in range(reviewers)}, order[reviewers:]


def _day(cohort: Cohort, index: int) -> date:
    return cohort.outcomes[index][0]


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


async def _reviews(partnership_id: int, framework_id: int, cohort: Cohort) -> dict[int, int]:
    """One published review per simulated review: simulated review id -> database id."""
    hosts = {m.review_id: h.urn for m, h in zip(cohort.moderated, cohort.hosts, strict=True)}
    count = cohort.parameters.reviews
    width = len(str(count))
    rows = []
    for index in range(count):
        decided = _day(cohort, index)
        visit = decided - timedelta(days=28)
        rows.append(
            Review(
                host_school_id=hosts[index + 1],
                partnership_id=partnership_id,
                framework_id=framework_id,
                state=ReviewState.PUBLISHED,
                title=f"Simulated review {index + 1:0{width}d}",
                visit_starts_on=visit,
                visit_ends_on=visit + timedelta(days=1),
                dsl_name="Simulated DSL",
                deputy_dsl_name="Simulated deputy DSL",
                published_at=_at(decided + timedelta(days=14), 12),
            )
        )
    await Review.bulk_create(rows, batch_size=BATCH)
    found = await Review.filter(partnership_id=partnership_id).values_list("id", "title")
    return {int(str(title).rsplit(" ", 1)[1]): int(i) for i, title in found}


async def _work(
    cohort: Cohort,
    *,
    review_ids: dict[int, int],
    user_ids: dict[int, int],
    moderators: list[int],
    areas: list[Area],
    grades: dict[int, int],
    progress: Progress | None,
) -> int:
    """Teams, judgements and moderation rounds; returns the number of judgements."""
    area_of = {a.key: a.id for a in areas}
    unmet = await Area.filter(
        framework_id=areas[0].framework_id, applies_when="", kind=AreaKind.MET_NOT_MET
    ).values_list("id", flat=True)
    team: dict[int, list[int]] = {}
    for record in cohort.judgements:
        members = team.setdefault(record.review_id, [])
        if record.rater_id not in members:
            members.append(record.rater_id)  # the lead first, as the simulation lists them
    moderator_of = {r: moderators[(r - 1) % len(moderators)] for r in review_ids}
    judgements: list[Judgement] = []
    for record in cohort.judgements:
        visit_end = _day(cohort, record.review_id - 1) - timedelta(days=27)
        judgements.append(
            Judgement(
                review_id=review_ids[record.review_id],
                area_id=area_of[record.area_key],
                kind=JudgementKind.INDEPENDENT,
                author_id=user_ids[record.rater_id],
                grade_id=grades[record.grade],
                rationale="Simulated.",
                submitted_at=_at(visit_end, 17),
            )
        )
    for area in cohort.moderated:
        decided = _day(cohort, area.review_id - 1)
        review_id = review_ids[area.review_id]
        for kind, author, grade, at in (
            (
                JudgementKind.CONSENSUS,
                user_ids[area.lead_id],
                area.consensus,
                decided - timedelta(days=21),
            ),
            (JudgementKind.MODERATED, moderator_of[area.review_id], area.moderated, decided),
        ):
            judgements.append(
                Judgement(
                    review_id=review_id,
                    area_id=area_of[area.area_key],
                    kind=kind,
                    author_id=author,
                    grade_id=grades[grade],
                    rationale="Simulated.",
                    submitted_at=_at(at, 12),
                )
            )
    for simulated, review_id in review_ids.items():
        lead = user_ids[team[simulated][0]]
        judgements.extend(
            Judgement(
                review_id=review_id,
                area_id=area_id,
                kind=JudgementKind.CONSENSUS,
                author_id=lead,
                met=True,
                rationale="Simulated.",
                submitted_at=_at(_day(cohort, simulated - 1) - timedelta(days=21), 12),
            )
            for area_id in unmet
        )
    await TeamMember.bulk_create(
        [
            TeamMember(
                review_id=review_ids[simulated],
                user_id=user_ids[rater],
                role=TeamRole.LEAD if position == 0 else TeamRole.REVIEWER,
                status=InvitationStatus.ACCEPTED,
            )
            for simulated, members in team.items()
            for position, rater in enumerate(members)
        ],
        batch_size=BATCH,
    )
    await Moderation.bulk_create(
        [
            Moderation(
                review_id=review_ids[index + 1],
                round=1,
                required=True,
                reasons=_REASONS,
                moderator_id=moderator_of[index + 1],
                assigned_at=_at(day - timedelta(days=7), 9),
                outcome=ModerationOutcome(outcome),
                decided_at=_at(day, 15),
            )
            for index, (day, outcome) in enumerate(cohort.outcomes)
        ],
        batch_size=BATCH,
    )
    total = len(judgements)
    for start in range(0, total, BATCH):
        await Judgement.bulk_create(judgements[start : start + BATCH])
        if progress is not None:
            progress(min(start + BATCH, total), total)
    return total
