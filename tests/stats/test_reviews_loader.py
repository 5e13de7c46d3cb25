"""Reading the statistics' records from the database: what counts, scoping, names, query count."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from peerqa.clock import now
from peerqa.models import (
    Area,
    ContextSnapshot,
    ContextValue,
    Framework,
    Grade,
    Judgement,
    Moderation,
    Partnership,
    Review,
    School,
    User,
)
from peerqa.models.enums import JudgementKind, ModerationOutcome, ReviewState, TeamRole
from peerqa.stats import report
from peerqa.stats.agreement import GradeRecord
from peerqa.stats.reviews import FSM_EVER, Scope, load
from peerqa.stats.severity import ModeratedArea
from tests.conftest import QueryCounter
from tests.factories import (
    make_partnership,
    make_review,
    make_school,
    make_user,
    national_framework,
)

pytestmark = pytest.mark.usefixtures("db")

K = JudgementKind
AREA = "inclusion"
OTHER = "achievement"


async def judge(
    review: Review,
    kind: JudgementKind,
    author: User,
    rank: int | None,
    *,
    area: str = AREA,
    submitted: bool = True,
) -> None:
    framework = await Framework.get(id=review.framework_id)
    found = await Area.get(framework=framework, key=area)
    grade = await Grade.get(framework=framework, rank=rank) if rank is not None else None
    await Judgement.create(
        review=review,
        area=found,
        kind=kind,
        author=author,
        grade=grade,
        met=True if rank is None else None,
        submitted_at=now() if submitted else None,
    )


async def fsm(school: School, pct: float, year: int = 2018) -> None:
    snapshot = await ContextSnapshot.create(urn=school.urn, year=year)
    await ContextValue.create(
        snapshot=snapshot, measure=FSM_EVER, value=pct, source_file="test.csv", source_row=2
    )


async def decide(
    review: Review, outcome: ModerationOutcome | None, moderator: User, round_: int = 1
) -> None:
    await Moderation.create(
        review=review,
        round=round_,
        required=True,
        moderator=moderator,
        outcome=outcome,
        decided_at=datetime(2025, 10, 6, 12, tzinfo=UTC) if outcome else None,
    )


class People:
    def __init__(self, lead: User, reviewer: User, moderator: User) -> None:
        self.lead, self.reviewer, self.moderator = lead, reviewer, moderator


async def people() -> People:
    return People(await make_user(), await make_user(), await make_user())


async def reviewed(
    partnership: Partnership,
    who: People,
    *,
    host: School | None = None,
    state: ReviewState = ReviewState.PUBLISHED,
    visit: date = date(2025, 10, 1),
) -> Review:
    host = host or await make_school()
    review = await make_review(
        host,
        partnership,
        state=state,
        team=((who.lead, TeamRole.LEAD), (who.reviewer, TeamRole.REVIEWER)),
    )
    review.visit_starts_on = visit
    await review.save()
    return review


async def test_which_judgements_count() -> None:
    await national_framework()
    who = await people()
    partnership = await make_partnership()
    host = await make_school()
    await fsm(host, 12.5)
    review = await reviewed(partnership, who, host=host)
    await judge(review, K.INDEPENDENT, who.lead, 2)
    await judge(review, K.INDEPENDENT, who.reviewer, 3)
    await judge(review, K.INDEPENDENT, who.reviewer, 3, area=OTHER, submitted=False)  # a draft
    await judge(review, K.SELF_EVALUATION, who.lead, 1)  # the host's view, not a rater's
    await judge(review, K.CONSENSUS, who.lead, 2)
    await judge(review, K.MODERATED, who.moderator, 3)
    await judge(review, K.CONSENSUS, who.lead, None, area="safeguarding")  # met, not graded
    await decide(review, ModerationOutcome.ADJUST, who.moderator)

    undecided = await reviewed(partnership, who)
    await judge(undecided, K.CONSENSUS, who.lead, 2)
    await judge(undecided, K.MODERATED, who.moderator, 1)  # moderation still open
    await decide(undecided, None, who.moderator)

    records = await load(Scope(partnership_id=partnership.id))
    (framework,) = records.frameworks
    assert records.reviews == 2
    assert framework.scale == (1, 2, 3, 4, 5)
    assert sorted(framework.judgements, key=lambda r: r.rater_id) == [
        GradeRecord(review.id, AREA, who.lead.id, 2),
        GradeRecord(review.id, AREA, who.reviewer.id, 3),
    ]
    assert framework.moderated == [ModeratedArea(review.id, AREA, who.lead.id, 2, 3)]
    # The audit reads the final grade (moderated, as adjusted) of hosts with an FSM-ever figure.
    assert [(h.urn, h.fsm_ever_pct, h.grade) for h in framework.hosts[AREA]] == [
        (host.urn, 12.5, 3)
    ]
    assert records.outcomes == [(date(2025, 10, 6), "adjust")]
    assert records.lead_names == {who.lead.id: who.lead.display_name}


async def test_a_returned_or_unsubmitted_review_keeps_out_of_the_audit() -> None:
    await national_framework()
    who = await people()
    partnership = await make_partnership()
    hosts = [await make_school() for _ in range(3)]
    for school in hosts:
        await fsm(school, 30.0)
    returned = await reviewed(partnership, who, host=hosts[0])
    await judge(returned, K.CONSENSUS, who.lead, 2)
    await judge(returned, K.MODERATED, who.moderator, 4)
    await decide(returned, ModerationOutcome.RETURN, who.moderator)
    drafting = await reviewed(partnership, who, host=hosts[1], state=ReviewState.CONSENSUS)
    await judge(drafting, K.CONSENSUS, who.lead, 1)
    records = await load(Scope(partnership_id=partnership.id))
    (framework,) = records.frameworks
    # Returned: the team's consensus stands in the audit, but severity still sees the pair.
    assert [h.grade for h in framework.hosts[AREA]] == [2]
    assert framework.moderated == [ModeratedArea(returned.id, AREA, who.lead.id, 2, 4)]


async def test_scope_by_partnership_and_visit_dates() -> None:
    await national_framework()
    who = await people()
    ours, theirs = await make_partnership(), await make_partnership()
    autumn = await reviewed(ours, who, visit=date(2025, 10, 1))
    spring = await reviewed(ours, who, visit=date(2026, 2, 1))
    elsewhere = await reviewed(theirs, who, visit=date(2025, 10, 1))
    for review in (autumn, spring, elsewhere):
        await judge(review, K.INDEPENDENT, who.lead, 2)
        await judge(review, K.INDEPENDENT, who.reviewer, 2)

    def reviews_in(records: Any) -> set[int]:
        return {r.review_id for f in records.frameworks for r in f.judgements}

    assert reviews_in(await load(Scope(partnership_id=ours.id))) == {autumn.id, spring.id}
    assert reviews_in(await load(Scope())) == {autumn.id, spring.id, elsewhere.id}
    assert reviews_in(await load(Scope(partnership_id=ours.id, start=date(2026, 1, 1)))) == {
        spring.id
    }
    assert reviews_in(await load(Scope(end=date(2025, 10, 1)))) == {autumn.id, elsewhere.id}
    # A review with no visit dates yet counts by the day it was created.
    undated = await reviewed(ours, who)
    await Review.filter(id=undated.id).update(visit_starts_on=None)
    await judge(undated, K.INDEPENDENT, who.lead, 2)
    await judge(undated, K.INDEPENDENT, who.reviewer, 2)
    today = now().date()
    assert undated.id in reviews_in(await load(Scope(start=today, end=today)))
    assert undated.id not in reviews_in(await load(Scope(end=date(2026, 3, 1))))


async def test_names_need_enough_moderated_reviews() -> None:
    await national_framework()
    busy, new = await people(), await people()
    partnership = await make_partnership()
    for who, count in ((busy, 3), (new, 2)):
        for _ in range(count):
            review = await reviewed(partnership, who)
            await judge(review, K.CONSENSUS, who.lead, 2)
            await judge(review, K.MODERATED, who.moderator, 3)
            await decide(review, ModerationOutcome.ADJUST, who.moderator)
    records = await load(Scope(partnership_id=partnership.id))
    figures = report.compute(records, resamples=0, minimum=3)
    (framework,) = figures.frameworks
    named, hidden = framework.leads
    assert (named.user_id, named.name, named.severity.reviews) == (
        busy.lead.id,
        busy.lead.display_name,
        3,
    )
    assert (hidden.user_id, hidden.name, hidden.severity.reviews) == (None, None, 2)
    assert hidden.severity.lead_id == 0  # nothing in the row points at the person
    assert hidden.label == "Lead reviewer (fewer than 3 moderated reviews)"
    # Consensus 2 (better) against moderated 3: the team was a grade more lenient.
    assert named.severity.estimate == pytest.approx(-1.0)


async def test_the_number_of_queries_does_not_grow_with_reviews(
    count_queries: QueryCounter,
) -> None:
    await national_framework()
    who = await people()
    partnership = await make_partnership()

    async def add_review() -> None:
        host = await make_school()
        await fsm(host, 20.0)
        review = await reviewed(partnership, who, host=host)
        await judge(review, K.INDEPENDENT, who.lead, 2)
        await judge(review, K.INDEPENDENT, who.reviewer, 3)
        await judge(review, K.CONSENSUS, who.lead, 2)
        await judge(review, K.MODERATED, who.moderator, 2)
        await decide(review, ModerationOutcome.CONFIRM, who.moderator)

    await add_review()
    count_queries.statements.clear()
    await load(Scope(partnership_id=partnership.id))
    one = len(count_queries.statements)
    for _ in range(5):
        await add_review()
    count_queries.statements.clear()
    records = await load(Scope(partnership_id=partnership.id))
    assert len(records.frameworks[0].moderated) == 6
    assert len(count_queries.statements) == one <= 8
